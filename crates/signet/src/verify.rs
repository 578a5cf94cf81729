//! `signet verify`: the validation engine from the command line.
//!
//! Exit codes: 0 every signer valid, 1 a signer is not valid (or the
//! signature cannot be read), 2 bad usage (a missing file, wrong flags).
//!
//! Only `signet-pki` is used here: verifying needs neither the server nor
//! its vendor formats. The JSON report is signet's own (camelCase); the
//! times in it and in the text report are RFC 3339 in UTC with
//! milliseconds.

use std::fmt::Write as _;
use std::io::{IsTerminal, Read};
use std::path::Path;

use serde::Serialize;
use signet_pki::CertificateFields;
use signet_pki::RevocationStatus;
use signet_pki::ids;
use signet_pki::{ChainStatus, Engine, ValidationReport};
use signet_pki::{ContentDigests, SignedData};
use time::OffsetDateTime;
use time::macros::format_description;

/// `2026-12-07T16:02:42.335Z`: RFC 3339 in UTC, milliseconds.
fn format_time(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
        ))
        .unwrap_or_default()
}

/// A detached file read as a stream, with a progress line on a terminal.
struct Progress<R> {
    inner: R,
    total: u64,
    done: u64,
    shown: u64,
    enabled: bool,
}

impl<R: Read> Read for Progress<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.done += n as u64;
        if self.enabled && self.total > 0 && (self.done - self.shown > 64 << 20 || n == 0) {
            self.shown = self.done;
            eprint!(
                "\rhashing: {:>5.1}% of {} MiB",
                self.done as f64 * 100.0 / self.total as f64,
                self.total >> 20
            );
            if n == 0 {
                eprintln!();
            }
        }
        Ok(n)
    }
}

/// Runs the engine on files. Returns the report and the text to print.
pub fn verify(
    engine: &Engine,
    signature: &Path,
    content: Option<&Path>,
    signature_only: bool,
    json: bool,
) -> Result<(bool, String), crate::Failure> {
    let sig_bytes = crate::read(signature)?;
    let signed = SignedData::parse(&sig_bytes)
        .map_err(|e| crate::Failure::from(format!("{}: {e}", signature.display())))?;
    let algorithms = signed.digest_algorithms();
    let report = match (content, signed.content.as_deref()) {
        (Some(path), _) => {
            let file = std::fs::File::open(path).map_err(|e| crate::Failure {
                message: format!("{}: {e}", path.display()),
                code: 2,
            })?;
            let total = file.metadata().map(|m| m.len()).unwrap_or(0);
            let mut reader = Progress {
                inner: std::io::BufReader::with_capacity(1 << 20, file),
                total,
                done: 0,
                shown: 0,
                enabled: std::io::stderr().is_terminal() && total > 256 << 20,
            };
            let digests = ContentDigests::compute(&mut reader, &algorithms)
                .map_err(|e| crate::Failure::from(format!("{}: {e}", path.display())))?;
            engine.validate_digests(&signed, &digests, None, signature_only)
        }
        (None, Some(_)) => engine.validate(&signed, None, signature_only),
        (None, None) => {
            return Err(crate::Failure {
                message: "the signature is detached: give the signed file with --content".into(),
                code: 2,
            });
        }
    };
    let text = if json {
        json_report(&report)
    } else {
        human_report(&report)
    };
    Ok((report.is_valid(), text))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonSigner {
    valid: bool,
    failure: Option<String>,
    certificate: Option<JsonCertificate>,
    signing_time: Option<String>,
    cades_type: Option<&'static str>,
    signature_time_stamp_time: Option<String>,
    validation_time: String,
    chain: Vec<JsonLink>,
}

/// The signer's certificate, as far as a report needs it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonCertificate {
    subject: String,
    common_name: Option<String>,
    issuer: String,
    serial_number: String,
    thumbprint: String,
    not_before: String,
    not_after: String,
}

impl From<&CertificateFields> for JsonCertificate {
    fn from(f: &CertificateFields) -> Self {
        JsonCertificate {
            subject: f.subject.to_string(),
            common_name: f.subject.get(&ids::CN).map(str::to_owned),
            issuer: f.issuer.to_string(),
            serial_number: hex::encode_upper(&f.serial_number),
            thumbprint: hex::encode_upper(f.thumbprint_sha1),
            not_before: format_time(f.not_before),
            not_after: format_time(f.not_after),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonLink {
    subject: String,
    thumbprint: String,
    revocation: Option<String>,
}

fn revocation_text(r: Option<&RevocationStatus>) -> String {
    match r {
        Some(RevocationStatus::Good { source }) => format!("good ({})", source.describe()),
        Some(RevocationStatus::Revoked {
            time,
            reason,
            source,
        }) => format!(
            "revoked on {}{} ({})",
            format_time(*time),
            reason
                .as_ref()
                .map(|r| format!(", {r}"))
                .unwrap_or_default(),
            source.describe()
        ),
        Some(RevocationStatus::Unknown { reasons }) => format!("unknown: {}", reasons.join("; ")),
        None => "revocation not checked".to_owned(),
    }
}

fn json_report(report: &ValidationReport) -> String {
    let signers: Vec<JsonSigner> = report
        .signers
        .iter()
        .map(|s| {
            let chain = match &s.chain {
                ChainStatus::Valid { path, revocation } => path
                    .iter()
                    .enumerate()
                    .map(|(i, c)| JsonLink {
                        subject: c.fields().subject.to_string(),
                        thumbprint: c.thumbprint_hex(),
                        revocation: (i + 1 < path.len())
                            .then(|| revocation_text(revocation.get(i))),
                    })
                    .collect(),
                _ => Vec::new(),
            };
            JsonSigner {
                valid: s.is_valid(),
                failure: s.failure(),
                certificate: s
                    .certificate
                    .as_ref()
                    .map(|c| JsonCertificate::from(c.fields())),
                signing_time: s.signing_time.map(format_time),
                cades_type: s.cades.map(|l| l.name()),
                signature_time_stamp_time: s
                    .timestamp
                    .as_ref()
                    .filter(|t| t.result.is_ok())
                    .map(|t| format_time(t.time)),
                validation_time: format_time(s.validation_time),
                chain,
            }
        })
        .collect();
    #[derive(Serialize)]
    struct JsonReport {
        valid: bool,
        signers: Vec<JsonSigner>,
    }
    let value = JsonReport {
        valid: report.is_valid(),
        signers,
    };
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}

fn human_report(report: &ValidationReport) -> String {
    let mut o = String::new();
    let verdict = if report.is_valid() {
        "VALID"
    } else {
        "NOT VALID"
    };
    let _ = writeln!(
        o,
        "Signature: {verdict} ({} signer(s))",
        report.signers.len()
    );
    for (i, s) in report.signers.iter().enumerate() {
        let _ = writeln!(o, "Signer {}:", i + 1);
        if let Some(c) = &s.certificate {
            let f = c.fields();
            let _ = writeln!(o, "  certificate:    {}", f.subject);
            let _ = writeln!(o, "  issued by:      {}", f.issuer);
            let _ = writeln!(o, "  thumbprint:     {}", c.thumbprint_hex());
        }
        if let Some(t) = s.signing_time {
            let _ = writeln!(o, "  signing time:   {}", format_time(t));
        }
        if let Some(ts) = &s.timestamp {
            let state = match &ts.result {
                Ok(()) => "valid".to_owned(),
                Err(e) => format!("NOT VALID: {e}"),
            };
            let _ = writeln!(o, "  time-stamp:     {} ({state})", format_time(ts.time));
        }
        let level = s
            .cades
            .map(|l| l.name())
            .unwrap_or("plain CMS (no CAdES attributes)");
        let _ = writeln!(o, "  format:         {level}");
        for p in &s.long_term_problems {
            let _ = writeln!(o, "  long-term data: {p}");
        }
        let _ = writeln!(o, "  checked at:     {}", format_time(s.validation_time));
        if let ChainStatus::Valid { path, revocation } = &s.chain {
            for (j, c) in path.iter().enumerate() {
                let status = if j + 1 == path.len() {
                    "trust anchor".to_owned()
                } else {
                    revocation_text(revocation.get(j))
                };
                let name = c
                    .fields()
                    .subject
                    .simple_name()
                    .unwrap_or_default()
                    .to_owned();
                let _ = writeln!(o, "  chain {j}:        {name} — {status}");
            }
        }
        match s.failure() {
            None => {
                let _ = writeln!(o, "  result:         valid");
            }
            Some(f) => {
                let _ = writeln!(o, "  result:         NOT VALID: {f}");
            }
        }
    }
    o
}
