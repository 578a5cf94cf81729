//! Verification in a ticket (`POST`/`GET /api/v1/ticket/{uuid}/ds/verifier`)
//! and its `verifyResults[]`, one per signer, in the vendor's fields:
//!
//! | field | value |
//! |---|---|
//! | status | "SUCCESS" or "FAILURE" |
//! | failureCause | why the signer is not valid, else null |
//! | signerInfo | the signer's certificate info in `{description, value}` form, as `…/certificate/info` gives it; null when the certificate was not found |
//! | signingDateTime | the signed signing-time, as Java prints dates ("Sat Nov 19 00:00:00 EET 2016"), else null |
//! | isValid | the signature, its chain, revocation and time-stamps all good |
//! | contentTimestamp | the content-time-stamp attribute's check, or null when there is none |
//! | signatureTimestamps | the signature-time-stamp checks (CAdES-T) |
//! | isUntrustedValid | the signature value itself is good, whatever the chain says |
//! | signatureType | the CAdES level: "CAdES-BES", "CAdES-T", "CAdES-X Long Type 1", or null for a plain CMS signature |
//!
//! A time-stamp check is `{isValid, timestamp, failureCause, tsaName}`
//! (timestamp null when the token cannot be read).
//! The session's `signatureTsVerifyOption` / `dataTsVerifyOption` set to
//! `verifyOrFailIfNotPresent` fail a signer that lacks that time-stamp;
//! a time-stamp present is always checked.

use std::sync::Arc;

use serde::Serialize;
use signet_pki::PkiError;
use signet_pki::SignedData;
use signet_pki::TimestampToken;
use signet_pki::{Engine, ValidationReport};
use signet_pki::{Lang, ids};
use utoipa::ToSchema;

use super::options::{SessionOptions, TsVerify};

use crate::cipher::certinfo::CertificateInfo;
use crate::present::dates::java_date;
use crate::present::time_zone::TimeZone;

/// A time-stamp's check.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TimestampResult {
    /// Whether the time-stamp is good for what it covers.
    pub is_valid: bool,
    /// Its time, as Java prints dates; null when the token cannot be read.
    pub timestamp: Option<String>,
    /// Why it is not valid.
    pub failure_cause: Option<String>,
    /// The TSA's name (its certificate's subject).
    pub tsa_name: Option<String>,
}

/// One signer's result.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VerifyResult {
    /// "SUCCESS" or "FAILURE".
    pub status: String,
    /// Why not valid.
    pub failure_cause: Option<String>,
    /// The signer's certificate info.
    pub signer_info: Option<CertificateInfo>,
    /// The signed signing-time.
    pub signing_date_time: Option<String>,
    /// Everything checked and good.
    pub is_valid: bool,
    /// The content time-stamp.
    pub content_timestamp: Option<TimestampResult>,
    /// The signature time-stamps.
    pub signature_timestamps: Vec<TimestampResult>,
    /// The signature value is good, chain aside.
    pub is_untrusted_valid: bool,
    /// The CAdES level.
    pub signature_type: Option<String>,
}

/// `GET …/ds/verifier`'s body.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VerifierAnswer {
    /// "The signature is valid" or not, in the user's language.
    pub message: String,
    /// The first signer's failure, when not valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_cause: Option<String>,
    /// One per signer.
    pub verify_results: Vec<VerifyResult>,
}

/// A content time-stamp found in a signer, checked.
#[derive(Clone, Debug)]
struct ContentTs {
    time: Option<time::OffsetDateTime>,
    tsa: Option<String>,
    result: Result<(), String>,
}

/// Why a signature could not be verified at all.
#[derive(Clone, Debug, thiserror::Error)]
pub enum Unverifiable {
    /// It is not a CMS SignedData signet reads.
    #[error("the signature cannot be read: {0}")]
    Unreadable(Arc<PkiError>),
    /// It is detached, and there is no content to verify it over.
    #[error("the signature is detached and the session holds no data")]
    DetachedWithoutData,
}

/// What verification found, kept until the client asks (rendered then, in
/// the language of that request).
#[derive(Clone, Debug)]
pub struct VerifyOutcome {
    report: Result<ValidationReport, Unverifiable>,
    content_ts: Vec<Option<ContentTs>>,
    options: SessionOptions,
}

fn subject_of(cert: &signet_pki::Certificate) -> String {
    cert.fields().subject.to_string()
}

/// Verifies `signature` over `content` (detached) with the engine.
/// Blocking: run on a blocking thread.
pub fn run(
    engine: &Engine,
    signature: &[u8],
    content: Option<&[u8]>,
    options: SessionOptions,
) -> VerifyOutcome {
    let fail = |e: Unverifiable| VerifyOutcome {
        report: Err(e),
        content_ts: Vec::new(),
        options,
    };
    let signed = match SignedData::parse(signature) {
        Ok(s) => s,
        Err(e) => return fail(Unverifiable::Unreadable(Arc::new(e))),
    };
    let content = content.or(signed.content.as_deref());
    let Some(content) = content else {
        return fail(Unverifiable::DetachedWithoutData);
    };
    let report = engine.validate(&signed, Some(content), false);
    let trust = engine.trust.certificates();
    let content_ts = signed
        .signers
        .iter()
        .map(|signer| {
            let attr = signer.signed_attr(&ids::AA_ETS_CONTENT_TIMESTAMP)?;
            let der = attr.values.first()?;
            Some(match TimestampToken::from_der(der) {
                Ok(token) => {
                    let check = token.check(content, trust);
                    ContentTs {
                        time: Some(check.time),
                        tsa: check.tsa_certificate.as_ref().map(subject_of),
                        result: check.result.map_err(|e| e.to_string()),
                    }
                }
                Err(e) => ContentTs {
                    time: None,
                    tsa: None,
                    result: Err(format!("the content time-stamp cannot be read: {e}")),
                },
            })
        })
        .collect();
    VerifyOutcome {
        report: Ok(report),
        content_ts,
        options,
    }
}

impl VerifyOutcome {
    /// The answer in `lang`, dates in `tz`.
    pub fn render(&self, lang: Lang, tz: &TimeZone) -> VerifierAnswer {
        use super::messages::Msg;
        let report = match &self.report {
            Ok(r) => r,
            Err(e) => {
                return VerifierAnswer {
                    message: Msg::SignatureInvalid.text(lang).to_owned(),
                    failure_cause: Some(e.to_string()),
                    verify_results: Vec::new(),
                };
            }
        };
        let mut results = Vec::with_capacity(report.signers.len());
        for (i, signer) in report.signers.iter().enumerate() {
            let mut failure = signer.failure();
            let signature_timestamps: Vec<TimestampResult> = signer
                .timestamp
                .iter()
                .map(|ts| TimestampResult {
                    is_valid: ts.result.is_ok(),
                    timestamp: Some(java_date(ts.time, tz)),
                    failure_cause: ts.result.clone().err(),
                    tsa_name: ts.tsa.as_ref().map(subject_of),
                })
                .collect();
            if failure.is_none()
                && signature_timestamps.is_empty()
                && self.options.signature_ts == TsVerify::Required
            {
                failure = Some("the signature has no signature time-stamp".into());
            }
            let content_ts = self.content_ts.get(i).cloned().flatten();
            match &content_ts {
                Some(ts) => {
                    if failure.is_none()
                        && let Err(e) = &ts.result
                    {
                        failure = Some(e.clone());
                    }
                }
                None if failure.is_none() && self.options.data_ts == TsVerify::Required => {
                    failure = Some("the signature has no content time-stamp".into());
                }
                None => {}
            }
            results.push(VerifyResult {
                status: if failure.is_none() {
                    "SUCCESS"
                } else {
                    "FAILURE"
                }
                .into(),
                is_valid: failure.is_none(),
                failure_cause: failure,
                signer_info: signer
                    .certificate
                    .as_ref()
                    .map(|c| CertificateInfo::render(c.fields(), lang, tz)),
                signing_date_time: signer.signing_time.map(|t| java_date(t, tz)),
                content_timestamp: content_ts.map(|ts| TimestampResult {
                    is_valid: ts.result.is_ok(),
                    timestamp: ts.time.map(|t| java_date(t, tz)),
                    failure_cause: ts.result.err(),
                    tsa_name: ts.tsa,
                }),
                signature_timestamps,
                is_untrusted_valid: signer.signature.is_ok(),
                signature_type: signer.cades.map(|l| l.name().to_owned()),
            });
        }
        let failure_cause = if results.is_empty() {
            Some("the signature has no signers".to_owned())
        } else {
            results.iter().enumerate().find_map(|(i, r)| {
                r.failure_cause.as_ref().map(|f| {
                    if results.len() > 1 {
                        format!("signer {}: {f}", i + 1)
                    } else {
                        f.clone()
                    }
                })
            })
        };
        VerifierAnswer {
            message: if failure_cause.is_none() {
                Msg::SignatureValid
            } else {
                Msg::SignatureInvalid
            }
            .text(lang)
            .to_owned(),
            failure_cause,
            verify_results: results,
        }
    }
}
