//! The `signet` command: `serve`, `inspect`, `trust`, `org`.
//!
//! Exit codes: 0 success, 1 the operation failed (bad certificate, store
//! error), 2 bad usage (clap's own convention for wrong arguments).

mod inspect;
mod settings;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use signet_pki::Lang;
use signet_pki::{Certificate, TrustStore};
use signet_store::NewOrganization;

use settings::{Locations, LogFormat, ServeArgs, StoreArgs};

/// signet: an open, self-hosted electronic-signature service.
#[derive(Parser, Debug)]
#[command(name = "signet", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the HTTP service.
    Serve(Box<ServeArgs>),
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
    /// Verify a signature: the signature itself, its chain to the trust
    /// store, revocation and time-stamps. Exit 0 valid, 1 not valid, 2 usage.
    Verify {
        /// The signature (CMS SignedData: DER, PEM or base64).
        #[arg(long)]
        signature: PathBuf,
        /// The signed file, for a detached signature (read as a stream).
        #[arg(long)]
        content: Option<PathBuf>,
        /// Check only that the file and signature match, not the chain.
        #[arg(long)]
        signature_only: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Revocation checking: require (unknown fails), prefer (unknown is
        /// reported), off.
        #[arg(long, value_enum, default_value = "require")]
        revocation: settings::RevocationArg,
        /// Timeout of each CRL, OCSP or AIA request, in seconds.
        #[arg(long, default_value_t = 10)]
        revocation_timeout_secs: u64,
        /// A directory of CRLs to consult besides the distribution points.
        #[arg(long)]
        crl_dir: Option<PathBuf>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Manage the trust store (trusted roots and intermediates).
    Trust {
        #[command(subcommand)]
        command: TrustCommand,
    },
    /// Manage organisations and who may act for them.
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
}

#[derive(Subcommand, Debug)]
enum TrustCommand {
    /// Trust the certificates in FILE (DER, PEM or a PEM bundle).
    Add {
        /// The certificate file.
        file: PathBuf,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// List the trusted certificates.
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
}

#[derive(Subcommand, Debug)]
enum OrgCommand {
    /// Create an organisation; prints its id.
    Add {
        /// Its name.
        #[arg(long)]
        name: String,
        /// Russian INN of the legal entity.
        #[arg(long)]
        inn: Option<String>,
        /// Russian OGRN.
        #[arg(long)]
        ogrn: Option<String>,
        /// Ukrainian EDRPOU code.
        #[arg(long)]
        edrpou: Option<String>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// List organisations.
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Let a certificate act for an organisation.
    Grant {
        /// The organisation id.
        org_id: uuid::Uuid,
        /// The certificate file.
        #[arg(
            long,
            conflicts_with = "thumbprint",
            required_unless_present = "thumbprint"
        )]
        cert: Option<PathBuf>,
        /// Or its SHA-1 thumbprint (hex).
        #[arg(long)]
        thumbprint: Option<String>,
        #[command(flatten)]
        store: StoreArgs,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}: use uk, ru or en"))
}

/// A failure to report on stderr, with its exit code.
struct Failure {
    message: String,
    code: u8,
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure {
            message: e.to_string(),
            code: 1,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("signet: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

fn read(path: &std::path::Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure {
        message: format!("{}: {e}", path.display()),
        code: 2,
    })
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Serve(args) => serve(*args),
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
            let input = read(&file)?;
            let out = inspect::inspect(&input, form, lang)
                .map_err(|e| Failure::from(format!("{}: {e}", file.display())))?;
            print!("{out}");
            Ok(())
        }
        Command::Trust {
            command: TrustCommand::Add { file, store },
        } => {
            let dir = store.locations()?.trust_dir;
            let input = read(&file)?;
            for (cert, added) in TrustStore::add_to_dir(&dir, &input)? {
                let subject = cert.fields().subject.to_string();
                let what = if added { "added" } else { "already trusted" };
                println!("{what}: {} {subject}", cert.thumbprint_hex());
            }
            Ok(())
        }
        Command::Trust {
            command: TrustCommand::List { store },
        } => {
            let dir = store.locations()?.trust_dir;
            let trust = TrustStore::load_dir(&dir)?;
            for cert in trust.certificates() {
                let f = cert.fields();
                println!(
                    "{} {} (until {})",
                    cert.thumbprint_hex(),
                    f.subject,
                    f.not_after.date()
                );
            }
            Ok(())
        }
        Command::Org { command } => org(command),
        Command::Verify {
            signature,
            content,
            signature_only,
            json,
            revocation,
            revocation_timeout_secs,
            crl_dir,
            store,
        } => {
            let trust = TrustStore::load_dir(&store.locations()?.trust_dir)?;
            let fetch = settings::fetch_config(
                Some(revocation_timeout_secs),
                settings::FetchArgs::default(),
            )?;
            let engine = settings::engine(trust, revocation.into(), crl_dir, &fetch);
            let (valid, text) = verify::verify(
                &engine,
                &signature,
                content.as_deref(),
                signature_only,
                json,
            )?;
            print!("{text}");
            if valid {
                Ok(())
            } else {
                Err(Failure {
                    message: "the signature is not valid".into(),
                    code: 1,
                })
            }
        }
    }
}

fn org(command: OrgCommand) -> Result<(), Failure> {
    let rt = runtime()?;
    rt.block_on(async {
        match command {
            OrgCommand::Add {
                name,
                inn,
                ogrn,
                edrpou,
                store,
            } => {
                let store = open_store(store).await?;
                let org = store
                    .create_organization(NewOrganization {
                        name,
                        inn,
                        ogrn,
                        edrpou,
                    })
                    .await?;
                println!("{}", org.id);
            }
            OrgCommand::List { store } => {
                let store = open_store(store).await?;
                for o in store.organizations().await? {
                    let ids = [("INN", &o.inn), ("OGRN", &o.ogrn), ("EDRPOU", &o.edrpou)]
                        .iter()
                        .filter_map(|(k, v)| v.as_ref().map(|v| format!(" {k}={v}")))
                        .collect::<String>();
                    println!("{} {}{ids}", o.id, o.name);
                }
            }
            OrgCommand::Grant {
                org_id,
                cert,
                thumbprint,
                store,
            } => {
                let thumbprint = match (cert, thumbprint) {
                    (Some(path), _) => Certificate::parse(&read(&path)?)
                        .map_err(|e| Failure::from(format!("{}: {e}", path.display())))?
                        .thumbprint_hex(),
                    (None, Some(t)) => {
                        let t = t.replace([' ', ':'], "").to_ascii_uppercase();
                        if t.len() != 40 || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
                            return Err(Failure {
                                message: "a thumbprint is 40 hex digits (SHA-1)".into(),
                                code: 2,
                            });
                        }
                        t
                    }
                    (None, None) => unreachable_usage()?,
                };
                let store = open_store(store).await?;
                let new = store.grant(org_id, &thumbprint).await?;
                let what = if new { "granted" } else { "already granted" };
                println!("{what}: {thumbprint} → {org_id}");
            }
        }
        Ok(())
    })
}

/// clap's `required_unless_present` makes this impossible; answered as a
/// usage error rather than a panic all the same.
fn unreachable_usage() -> Result<String, Failure> {
    Err(Failure {
        message: "give --cert FILE or --thumbprint HEX".into(),
        code: 2,
    })
}

async fn open_store(args: StoreArgs) -> Result<std::sync::Arc<dyn signet_store::Store>, Failure> {
    open_store_at(&args.locations()?).await
}

async fn open_store_at(
    loc: &Locations,
) -> Result<std::sync::Arc<dyn signet_store::Store>, Failure> {
    if loc.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&loc.data_dir)
            .map_err(|e| Failure::from(format!("{}: {e}", loc.data_dir.display())))?;
    }
    Ok(signet_store::open_with(&loc.database_url, loc.pool).await?)
}

fn init_tracing(format: LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("SIGNET_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

fn serve(args: ServeArgs) -> Result<(), Failure> {
    let settings = args.resolve()?;
    init_tracing(settings.log_format);
    let rt = runtime()?;
    rt.block_on(async move {
        let loc = &settings.locations;
        let store = open_store_at(loc).await?;
        let trust = TrustStore::load_dir(&loc.trust_dir)?;
        let listener = listen(settings.server.listen)
            .map_err(|e| Failure::from(format!("listen on {}: {e}", settings.server.listen)))?;
        let addr = listener.local_addr()?;
        tracing::info!(
            %addr,
            store = ?store.backend(),
            trust_dir = %loc.trust_dir.display(),
            trusted = trust.len(),
            tls = settings.tls.is_some(),
            "signet {} listening",
            env!("CARGO_PKG_VERSION")
        );
        let engine = settings::engine(
            trust.clone(),
            settings.revocation,
            settings.crl_dir.clone(),
            &settings.fetch,
        );
        let mut state =
            signet_server::AppState::new(settings.server, store, trust).with_engine(engine);
        if let Some((cert, key)) = &settings.protected {
            let read = |p: &PathBuf| {
                std::fs::read(p).map_err(|e| Failure::from(format!("{}: {e}", p.display())))
            };
            let protection = signet_server::cipher::ticket::protected::Protection::load(
                &read(cert)?,
                &read(key)?,
            )
            .map_err(Failure::from)?;
            state = state.with_protection(protection);
        }
        if let Some((url, digest)) = &settings.tsa {
            // The operator's TSA: the fetch policy and caps hold, no
            // caller's budget (each request has the fetch timeout).
            let fetcher =
                std::sync::Arc::new(signet_pki::HttpFetcher::with_config(&settings.fetch));
            let client = signet_pki::TsaClient::new(url.clone(), fetcher).with_digest(*digest);
            state = state.with_tsa(std::sync::Arc::new(client));
        }
        match &settings.tls {
            Some(tls) => {
                signet_server::serve_tls(listener, tls, state, signet_server::shutdown_signal())
                    .await?
            }
            None => {
                let listener = tokio::net::TcpListener::from_std(listener)?;
                signet_server::serve(listener, state, signet_server::shutdown_signal()).await?
            }
        }
        tracing::info!("stopped");
        Ok(())
    })
}

/// Connections the kernel queues before `accept` (the standard library's
/// default is 128, which a burst of clients overflows: the kernel then
/// drops connection attempts and clients retry a second later, instead of
/// reaching signet and getting its fast 503 when it is overloaded).
const LISTEN_BACKLOG: u32 = 1024;

/// A non-blocking listening socket on `addr` with [`LISTEN_BACKLOG`].
fn listen(addr: std::net::SocketAddr) -> std::io::Result<std::net::TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    let listener = socket.listen(LISTEN_BACKLOG)?.into_std()?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}
