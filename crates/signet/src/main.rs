//! The `signet` command: `serve`, `inspect`, `trust`.

mod inspect;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use signet_pki::oid::Lang;

/// signet: an open, self-hosted electronic-signature service.
#[derive(Parser, Debug)]
#[command(name = "signet", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Show what a certificate says.
    Inspect {
        /// The certificate: DER, PEM, or base64.
        file: PathBuf,
        /// Print the Kontur CryptoApi `Certificate` JSON.
        #[arg(long, conflicts_with = "cipher")]
        json: bool,
        /// Print the Cipher BIS certificate-info JSON.
        #[arg(long)]
        cipher: bool,
        /// Language of descriptions: uk, ru or en.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}: use uk, ru or en"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Inspect {
            file,
            json,
            cipher,
            lang,
        } => {
            let form = if json {
                inspect::Form::CryptoApi
            } else if cipher {
                inspect::Form::Cipher
            } else {
                inspect::Form::Human
            };
            let input = match std::fs::read(&file) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("signet: {}: {e}", file.display());
                    return ExitCode::from(2);
                }
            };
            match inspect::inspect(&input, form, lang) {
                Ok(out) => {
                    print!("{out}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("signet: {}: {e}", file.display());
                    ExitCode::from(1)
                }
            }
        }
    }
}
