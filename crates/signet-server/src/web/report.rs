//! The validation report as the page shows it, made from the engine's
//! [`ValidationReport`].
//!
//! Times are RFC 3339 in UTC (`2025-03-01T09:30:00Z`); the page shows them
//! in the reader's time zone and language. Every explanation has a `code`
//! the page words in the reader's language and `why`, the engine's English
//! text.
//!
//! | chain link status | when |
//! |---|---|
//! | `valid` | passed path validation, and not revoked (or revoked only after a time-stamp proved the signature older), or its revocation was not asked |
//! | `expired` | outside its validity period at the validation time (`code` `expired` or `notYetValid`) |
//! | `revoked` | revoked at or before the validation time |
//! | `unknown` | its revocation status could not be found, or path validation stopped below it |
//! | `untrusted` | no issuer leads to a trusted root, or its issuer's signature, CA constraints or critical extensions are not acceptable |

use serde::Serialize;
use signet_pki::RevocationStatus;
use signet_pki::SignerFailure;
use signet_pki::ids;
use signet_pki::{Certificate, CertificateFields, DistinguishedName};
use signet_pki::{ChainLink, ChainStatus, SignerReport, ValidationReport};
use signet_pki::{LinkCheck, PathError};
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::present::dates::rfc3339_seconds;

/// The overall outcome.
#[derive(Clone, Copy, Debug, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Every signer is valid.
    Valid,
    /// Something is broken: the signature, a certificate, a time-stamp.
    Invalid,
    /// Nothing is broken, but validity could not be established: an
    /// unknown root or revocation status.
    Indeterminate,
}

/// The status of one certificate of a chain.
#[derive(Clone, Copy, Debug, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LinkStatus {
    /// Good.
    Valid,
    /// Outside its validity period.
    Expired,
    /// Revoked.
    Revoked,
    /// Revocation status unknown, or not reached.
    Unknown,
    /// Does not lead to a trusted root, or a broken link.
    Untrusted,
}

/// An identifier of the certificate's owner.
#[derive(Clone, Debug, Serialize, ToSchema, PartialEq, Eq)]
pub struct Identifier {
    /// `INN` (a person's or entrepreneur's), `INNLE` (an organisation's),
    /// `SNILS`, `OGRN`, `OGRNIP`, `DRFO` (РНОКПП), `EDRPOU`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The value.
    pub value: String,
}

/// One certificate of a signer's chain.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChainLinkView {
    /// The subject's display name (CN, else OU, O, e-mail).
    pub subject: String,
    /// The issuer's display name.
    pub issuer: String,
    /// Serial number, upper-case hex.
    pub serial_number: String,
    /// SHA-1 thumbprint, upper-case hex.
    pub thumbprint: String,
    /// Start of validity.
    pub not_before: String,
    /// End of validity.
    pub not_after: String,
    /// Its status.
    pub status: LinkStatus,
    /// The reason, for the page to word: `trustAnchor`, `notRevoked`,
    /// `revocationNotChecked`, `revokedAfter`, `revoked`,
    /// `revocationUnknown`, `expired`, `notYetValid`, `noIssuer`,
    /// `badSignature`, `notCa`, `pathTooLong`, `criticalExtension`,
    /// `budget`, `notReached`.
    pub code: String,
    /// The reason in English.
    pub why: String,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
}

/// One signer.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignerView {
    /// The owner's name: surname and given names, else the common name.
    pub name: Option<String>,
    /// The owner's organisation (O).
    pub organisation: Option<String>,
    /// The owner's position (title).
    pub position: Option<String>,
    /// The owner's identifiers that the certificate has.
    pub identifiers: Vec<Identifier>,
    /// The signed signing-time.
    pub signing_time: Option<String>,
    /// The signature time-stamp's time, when it holds.
    pub timestamp_time: Option<String>,
    /// "CAdES-BES", "CAdES-T", "CAdES-X Long Type 1", or null for a plain
    /// CMS signature.
    pub cades_level: Option<String>,
    /// The time the certificates were checked at: the time-stamp's, else
    /// now.
    pub validation_time: String,
    /// Whether this signer is valid.
    pub valid: bool,
    /// This signer's outcome.
    pub status: Verdict,
    /// The reason, for the page to word: `valid`, `contentMismatch`,
    /// `badSignature`, `certificateNotFound`, `unsupported`, `timestamp`,
    /// `chain`, `revocationUnknown`, `untrusted`.
    pub code: String,
    /// Why the signer is not valid, in English; null when valid.
    pub why: Option<String>,
    /// Remarks that did not decide the outcome (CAdES-X Long data that did
    /// not hold, so the level stayed CAdES-T).
    pub notes: Vec<String>,
    /// The certification path from the signer to the trust anchor, as far
    /// as it was built; empty when the signature itself failed.
    pub chain: Vec<ChainLinkView>,
}

/// The validation report for the page.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PageReport {
    /// The overall outcome.
    pub verdict: Verdict,
    /// The outcome in a sentence, in English.
    pub sentence: String,
    /// When the check was made.
    pub checked_at: String,
    /// The signature file's name, as uploaded.
    pub signature_name: Option<String>,
    /// The document's name, as uploaded; null for an attached signature
    /// checked against its own content.
    pub document_name: Option<String>,
    /// The document's size in bytes (the attached content's, when none
    /// was uploaded).
    pub document_size: Option<u64>,
    /// One entry per signer, in signature order.
    pub signers: Vec<SignerView>,
}

/// A name's display form: its simple name (CN, else OU, O, e-mail), else
/// the whole name.
pub fn display_name(dn: &DistinguishedName) -> String {
    dn.simple_name()
        .map(str::to_owned)
        .unwrap_or_else(|| dn.to_string())
}

/// The owner's identifiers, in the order a person looks for them.
pub fn identifiers(f: &CertificateFields) -> Vec<Identifier> {
    let ru = f.ru_identity();
    let ua = f.ua_identity();
    [
        ("INN", ru.inn),
        ("INNLE", ru.organization_inn),
        ("SNILS", ru.snils),
        ("OGRN", ru.ogrn),
        ("OGRNIP", ru.ogrnip),
        ("DRFO", ua.drfo),
        ("EDRPOU", ua.edrpou),
    ]
    .into_iter()
    .filter_map(|(kind, value)| {
        value.map(|value| Identifier {
            kind: kind.to_owned(),
            value,
        })
    })
    .collect()
}

/// The owner's name: "Surname Given names", else the common name.
pub fn person_name(f: &CertificateFields) -> Option<String> {
    let surname = f.subject.get(&ids::SURNAME);
    let given = f.subject.get(&ids::GIVEN_NAME);
    match (surname, given) {
        (Some(s), Some(g)) => Some(format!("{s} {g}")),
        _ => f
            .subject
            .get(&ids::CN)
            .or(surname)
            .map(str::to_owned)
            .or_else(|| f.subject.simple_name().map(str::to_owned)),
    }
}

/// A signer's outcome and its code.
fn signer_outcome(s: &SignerReport) -> (Verdict, &'static str) {
    if let Err(e) = &s.signature {
        let code = match e {
            SignerFailure::ContentMismatch => "contentMismatch",
            SignerFailure::CertificateNotFound => "certificateNotFound",
            SignerFailure::UnknownDigest(_)
            | SignerFailure::Signature(signet_pki::SignatureError::Unsupported(_)) => "unsupported",
            _ => "badSignature",
        };
        return (Verdict::Invalid, code);
    }
    if matches!(&s.timestamp, Some(t) if t.result.is_err()) {
        return (Verdict::Invalid, "timestamp");
    }
    if s.is_valid() {
        return (Verdict::Valid, "valid");
    }
    match &s.chain {
        ChainStatus::Invalid(
            PathError::UntrustedRoot { .. }
            | PathError::TooDeep { .. }
            | PathError::BudgetExhausted(_),
        ) => (Verdict::Indeterminate, "untrusted"),
        ChainStatus::Invalid(_) | ChainStatus::Revoked { .. } => (Verdict::Invalid, "chain"),
        // Valid but unchecked revocation that is required, or unknown.
        ChainStatus::RevocationUnknown { .. } | ChainStatus::Valid { .. } => {
            (Verdict::Indeterminate, "revocationUnknown")
        }
        ChainStatus::NotChecked => (Verdict::Invalid, "badSignature"),
    }
}

/// A link's status, code, English reason and revocation time.
fn link_outcome(
    link: &ChainLink,
    is_last: bool,
    validation_time: OffsetDateTime,
) -> (LinkStatus, &'static str, String, Option<String>) {
    match &link.check {
        LinkCheck::Failed(e) => {
            let (status, code) = match e {
                PathError::Expired { .. } => (LinkStatus::Expired, "expired"),
                PathError::NotYetValid { .. } => (LinkStatus::Expired, "notYetValid"),
                // Past the depth limit, the issuer is not looked for.
                PathError::UntrustedRoot { .. } | PathError::TooDeep { .. } => {
                    (LinkStatus::Untrusted, "noIssuer")
                }
                PathError::BadSignature { .. } => (LinkStatus::Untrusted, "badSignature"),
                PathError::IssuerNotCa { .. } => (LinkStatus::Untrusted, "notCa"),
                PathError::PathTooLong { .. } => (LinkStatus::Untrusted, "pathTooLong"),
                PathError::UnknownCriticalExtension { .. } => {
                    (LinkStatus::Untrusted, "criticalExtension")
                }
                _ => (LinkStatus::Unknown, "budget"),
            };
            let why = match e {
                PathError::Expired {
                    not_after, time, ..
                } => format!(
                    "expired on {} (checked at {})",
                    rfc3339_seconds(*not_after),
                    rfc3339_seconds(*time)
                ),
                PathError::NotYetValid {
                    not_before, time, ..
                } => format!(
                    "not valid before {} (checked at {})",
                    rfc3339_seconds(*not_before),
                    rfc3339_seconds(*time)
                ),
                other => other.to_string(),
            };
            (status, code, why, None)
        }
        LinkCheck::NotChecked => (
            LinkStatus::Unknown,
            "notReached",
            "not checked: the chain failed below this certificate".into(),
            None,
        ),
        LinkCheck::Passed => match &link.revocation {
            Some(RevocationStatus::Good { source }) => (
                LinkStatus::Valid,
                "notRevoked",
                format!("not revoked ({})", source.describe()),
                None,
            ),
            Some(RevocationStatus::Revoked {
                time,
                reason,
                source,
            }) => {
                let reason = reason
                    .as_ref()
                    .map(|r| format!(", {r}"))
                    .unwrap_or_default();
                let at = Some(rfc3339_seconds(*time));
                if *time <= validation_time {
                    (
                        LinkStatus::Revoked,
                        "revoked",
                        format!(
                            "revoked on {}{reason} ({})",
                            rfc3339_seconds(*time),
                            source.describe()
                        ),
                        at,
                    )
                } else {
                    (
                        LinkStatus::Valid,
                        "revokedAfter",
                        format!(
                            "revoked on {}{reason}, after the time-stamp: the signature was made while it was good ({})",
                            rfc3339_seconds(*time),
                            source.describe()
                        ),
                        at,
                    )
                }
            }
            Some(RevocationStatus::Unknown { reasons }) => (
                LinkStatus::Unknown,
                "revocationUnknown",
                format!("revocation status unknown: {}", reasons.join("; ")),
                None,
            ),
            None if is_last => (
                LinkStatus::Valid,
                "trustAnchor",
                "trust anchor: in this service's trust store".into(),
                None,
            ),
            None => (
                LinkStatus::Valid,
                "revocationNotChecked",
                "valid; revocation was not checked".into(),
                None,
            ),
        },
    }
}

fn link_view(link: &ChainLink, is_last: bool, validation_time: OffsetDateTime) -> ChainLinkView {
    let f = link.certificate.fields();
    let (status, code, why, revoked_at) = link_outcome(link, is_last, validation_time);
    ChainLinkView {
        subject: display_name(&f.subject),
        issuer: display_name(&f.issuer),
        serial_number: hex::encode_upper(&f.serial_number),
        thumbprint: link.certificate.thumbprint_hex(),
        not_before: rfc3339_seconds(f.not_before),
        not_after: rfc3339_seconds(f.not_after),
        status,
        code: code.to_owned(),
        why,
        revoked_at,
    }
}

fn signer_view(s: &SignerReport) -> SignerView {
    let cert: Option<&Certificate> = s.certificate.as_ref();
    let f = cert.map(Certificate::fields);
    let (status, code) = signer_outcome(s);
    // The last link, when it passed, is a trust anchor: a path that did
    // not reach one ends at the certificate that failed or was not reached.
    let n = s.links.len();
    SignerView {
        name: f.and_then(person_name),
        organisation: f.and_then(|f| f.subject.get(&ids::ORGANIZATION).map(str::to_owned)),
        position: f.and_then(|f| f.subject.get(&ids::TITLE).map(str::to_owned)),
        identifiers: f.map(identifiers).unwrap_or_default(),
        signing_time: s.signing_time.map(rfc3339_seconds),
        timestamp_time: s
            .timestamp
            .as_ref()
            .filter(|t| t.result.is_ok())
            .map(|t| rfc3339_seconds(t.time)),
        cades_level: s.cades.map(|l| l.name().to_owned()),
        validation_time: rfc3339_seconds(s.validation_time),
        valid: status == Verdict::Valid,
        status,
        code: code.to_owned(),
        why: s.failure(),
        notes: s.long_term_problems.clone(),
        chain: s
            .links
            .iter()
            .enumerate()
            .map(|(i, l)| link_view(l, i + 1 == n, s.validation_time))
            .collect(),
    }
}

/// What was checked, for the report's header.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    /// The signature file's name.
    pub signature_name: Option<String>,
    /// The document's name.
    pub document_name: Option<String>,
    /// The content's size in bytes.
    pub document_size: Option<u64>,
}

impl PageReport {
    /// The page's report of `report`, checked at `now`.
    pub fn new(report: &ValidationReport, inputs: Inputs, now: OffsetDateTime) -> Self {
        let signers: Vec<SignerView> = report.signers.iter().map(signer_view).collect();
        let verdict = if signers.is_empty() || signers.iter().any(|s| s.status == Verdict::Invalid)
        {
            Verdict::Invalid
        } else if signers.iter().any(|s| s.status == Verdict::Indeterminate) {
            Verdict::Indeterminate
        } else {
            Verdict::Valid
        };
        let failure = report.failure().unwrap_or_default();
        let sentence = match verdict {
            Verdict::Valid if signers.len() == 1 => "The signature is valid: the document has not \
                 changed since it was signed, and the signer's certificate was valid."
                .to_owned(),
            Verdict::Valid => format!(
                "All {} signatures are valid: the document has not changed since it was signed, \
                 and every signer's certificate was valid.",
                signers.len()
            ),
            Verdict::Invalid => format!("The signature is NOT valid: {failure}."),
            Verdict::Indeterminate => {
                format!("The signature could not be confirmed: {failure}.")
            }
        };
        PageReport {
            verdict,
            sentence,
            checked_at: rfc3339_seconds(now),
            signature_name: inputs.signature_name,
            document_name: inputs.document_name,
            document_size: inputs.document_size,
            signers,
        }
    }
}
