//! `POST {prefix}/signatures/verify` (spec 002): which uploaded detached
//! signatures match which uploaded content.
//!
//! The request names the content and the signatures by `contentId` with
//! their `md5` and `size` (and optionally `contentType`, `contentName`);
//! each must exist in the organisation of `portal.orgid` and match what
//! was stored, else 400 with `UnexistentContent` / `WrongFieldValue` /
//! `AbsenceOfRequiredField` items, all problems at once. The content is
//! then read once, as a stream, and hashed with every digest algorithm the
//! signatures use; the signatures are validated in parallel by the
//! validation engine (chain, revocation, time-stamps).
//!
//! The answer has one entry per signature, echoing it, with one
//! verification result per signer. `status` values:
//!
//! | status | meaning |
//! |---|---|
//! | `verifyed` | valid (the vendor's spelling) |
//! | `SignatureInvalid` | the signature does not match the content, or cannot be read |
//! | `CertificateNotFound` | the signer's certificate is neither in the signature nor in the trust store |
//! | `CertificateExpired` | the signer's (or a CA's) certificate had expired at the validation time |
//! | `CertificateNotYetValid` | … was not yet valid |
//! | `CertificateRevoked` | a certificate of the chain is revoked |
//! | `CertificateUntrusted` | the chain does not lead to a trusted root, or a chain signature or CA constraint is broken |
//! | `RevocationStatusUnknown` | no CRL or OCSP source could answer (with revocation required) |
//! | `TimestampInvalid` | the signature's time-stamp does not hold |
//! | `UnsupportedAlgorithm` | an algorithm signet does not implement |
//!
//! `signedTime` is the signed signing-time, else the time-stamp's time;
//! `certificate` is null when the signer's certificate was not found.
//! Limits: 100 signatures per request, 64 MiB per signature.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use futures_util::StreamExt;
use serde::Serialize;
use serde_json::Value;
use signet_pki::PathError;
use signet_pki::ids;
use signet_pki::{Certificate, DistinguishedName};
use signet_pki::{ChainStatus, SignerReport};
use signet_pki::{ContentDigests, SignedData, SignerFailure};
use signet_store::ContentMeta;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::OrgAccess;
use super::error::{ErrorItem, ReestroError};
use crate::json;
use crate::media_type::is_json;
use crate::outbound::RequestBudget;
use crate::present::dates::rfc3339_seconds;
use crate::state::AppState;

const MAX_SIGNATURES: usize = 100;
const MAX_SIGNATURE_BYTES: u64 = 64 << 20;

/// A party of a certificate, as Reestro shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificateParty {
    /// Common name.
    pub name: Option<String>,
    /// INN (of the person, else of the organisation).
    pub inn: Option<String>,
    /// SNILS (subject only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snils: Option<String>,
    /// OGRN (issuer only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ogrn: Option<String>,
    /// Country, region, locality and street, each preceded by a space.
    pub address: Option<String>,
    /// E-mail.
    pub email: Option<String>,
}

/// The signer's certificate.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignerCertificate {
    /// Serial number, upper-case hex.
    pub serial_number: String,
    /// notBefore, `YYYY-MM-DDThh:mm:ssZ`.
    pub valid_from: String,
    /// notAfter.
    pub valid_to: String,
    /// The owner.
    pub subject: CertificateParty,
    /// The CA.
    pub issuer: CertificateParty,
}

/// One signer's result.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VerificationResult {
    /// "verifyed" or a failure status (see the module documentation).
    pub status: String,
    /// The signing time.
    pub signed_time: Option<String>,
    /// The signer's certificate.
    pub certificate: Option<SignerCertificate>,
}

/// One signature's results.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignatureResult {
    /// The signature as the request described it.
    pub signature: Value,
    /// One result per signer.
    pub verification_results: Vec<VerificationResult>,
}

fn address(dn: &DistinguishedName) -> Option<String> {
    let parts: Vec<&str> = [ids::COUNTRY, ids::STATE, ids::LOCALITY, ids::STREET]
        .iter()
        .filter_map(|o| dn.get(o))
        .collect();
    (!parts.is_empty()).then(|| parts.iter().map(|p| format!(" {p}")).collect())
}

fn certificate_info(cert: &Certificate) -> SignerCertificate {
    let f = cert.fields();
    let ru = f.ru_identity();
    let ua = f.ua_identity();
    let issuer_inn = f
        .issuer
        .get(&ids::INNLE)
        .or_else(|| f.issuer.get(&ids::INN))
        .map(str::to_owned);
    SignerCertificate {
        serial_number: hex::encode_upper(&f.serial_number),
        valid_from: rfc3339_seconds(f.not_before),
        valid_to: rfc3339_seconds(f.not_after),
        subject: CertificateParty {
            name: f.subject.get(&ids::CN).map(str::to_owned),
            inn: ru.inn.or(ru.organization_inn).or(ua.drfo),
            snils: ru.snils,
            ogrn: None,
            address: address(&f.subject),
            email: f.email(),
        },
        issuer: CertificateParty {
            name: f.issuer.get(&ids::CN).map(str::to_owned),
            inn: issuer_inn,
            snils: None,
            ogrn: f.issuer.get(&ids::OGRN).map(str::to_owned),
            address: address(&f.issuer),
            email: f.issuer.get(&ids::EMAIL).map(str::to_owned),
        },
    }
}

/// The status of one signer.
pub fn status_of(report: &SignerReport) -> &'static str {
    if let Err(e) = &report.signature {
        return match e {
            SignerFailure::CertificateNotFound => "CertificateNotFound",
            SignerFailure::UnknownDigest(_) => "UnsupportedAlgorithm",
            SignerFailure::Signature(signet_pki::SignatureError::Unsupported(_)) => {
                "UnsupportedAlgorithm"
            }
            _ => "SignatureInvalid",
        };
    }
    if matches!(&report.timestamp, Some(t) if t.result.is_err()) {
        return "TimestampInvalid";
    }
    if report.is_valid() {
        return "verifyed";
    }
    match &report.chain {
        ChainStatus::Invalid(PathError::Expired { .. }) => "CertificateExpired",
        ChainStatus::Invalid(PathError::NotYetValid { .. }) => "CertificateNotYetValid",
        ChainStatus::Invalid(PathError::BadSignature {
            reason: signet_pki::SignatureError::Unsupported(_),
            ..
        }) => "UnsupportedAlgorithm",
        ChainStatus::Invalid(_) => "CertificateUntrusted",
        ChainStatus::Revoked { .. } => "CertificateRevoked",
        ChainStatus::RevocationUnknown { .. } | ChainStatus::Valid { .. } => {
            "RevocationStatusUnknown"
        }
        ChainStatus::NotChecked => "SignatureInvalid",
    }
}

fn result_of(report: &SignerReport) -> VerificationResult {
    let signed_time = report.signing_time.or_else(|| {
        report
            .timestamp
            .as_ref()
            .filter(|t| t.result.is_ok())
            .map(|t| t.time)
    });
    VerificationResult {
        status: status_of(report).to_owned(),
        signed_time: signed_time.map(rfc3339_seconds),
        certificate: report.certificate.as_ref().map(certificate_info),
    }
}

/// A content named in the request, checked against the store.
struct Named {
    value: Value,
    meta: Option<ContentMeta>,
}

fn text<'a>(v: &'a Value, field: &str) -> Option<&'a str> {
    v.get(field)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn size_of(v: &Value) -> Option<Result<u64, ()>> {
    match v.get("size")? {
        Value::String(s) => Some(s.trim().parse::<u64>().map_err(|_| ())),
        Value::Number(n) => Some(n.as_u64().ok_or(())),
        Value::Null => None,
        _ => Some(Err(())),
    }
}

/// Checks one content description against the store; pushes what is
/// wrong.
async fn check_named(
    state: &AppState,
    organization: Uuid,
    value: &Value,
    target: &str,
    errors: &mut Vec<ErrorItem>,
) -> Result<Option<ContentMeta>, ReestroError> {
    let t = |f: &str| format!("{target}.{f}");
    if !value.is_object() {
        errors.push(ErrorItem::wrong(
            target,
            format!("{target} must be an object"),
        ));
        return Ok(None);
    }
    let before = errors.len();
    let id = text(value, "contentId");
    let md5 = text(value, "md5");
    let size = size_of(value);
    if id.is_none() {
        errors.push(ErrorItem::absent(&t("contentId")));
    }
    if md5.is_none() {
        errors.push(ErrorItem::absent(&t("md5")));
    }
    match size {
        None => errors.push(ErrorItem::absent(&t("size"))),
        Some(Err(())) => errors.push(ErrorItem::wrong(
            &t("size"),
            "size must be a non-negative whole number",
        )),
        Some(Ok(_)) => {}
    }
    let Some(id) = id else {
        return Ok(None);
    };
    let Ok(uuid) = Uuid::parse_str(id) else {
        errors.push(ErrorItem::wrong(
            &t("contentId"),
            format!("{id} is not a content id"),
        ));
        return Ok(None);
    };
    let Some(meta) = state.store.content_meta(organization, uuid).await? else {
        errors.push(ErrorItem::unexistent(&t("contentId"), id));
        return Ok(None);
    };
    if let Some(md5) = md5
        && !md5.eq_ignore_ascii_case(&hex::encode(meta.md5))
    {
        errors.push(ErrorItem::wrong(
            &t("md5"),
            format!("md5 {md5} differs from the stored content's"),
        ));
    }
    if let Some(Ok(size)) = size
        && size != meta.size
    {
        errors.push(ErrorItem::wrong(
            &t("size"),
            format!(
                "size {size} differs from the stored content's {}",
                meta.size
            ),
        ));
    }
    if let Some(ty) = text(value, "contentType")
        && !ty.eq_ignore_ascii_case(&meta.content_type)
    {
        errors.push(ErrorItem::wrong(
            &t("contentType"),
            format!(
                "contentType {ty} differs from the stored content's {}",
                meta.content_type
            ),
        ));
    }
    Ok((errors.len() == before).then_some(meta))
}

/// Verify uploaded detached signatures against uploaded content.
#[utoipa::path(post, path = "/signatures/verify", tag = "reestro",
    request_body(content = Value, content_type = "application/json", description = "{contentInfo: {contentId, contentType, contentName, md5, size}, signatures: [{contentId, contentType, md5, size}]}"),
    security(("reestro" = [])),
    responses(
        (status = 200, description = "One entry per signature", body = Vec<SignatureResult>),
        (status = 400, description = "AbsenceOfRequiredField, UnexistentContent, WrongFieldValue", body = super::error::ErrorBody),
        (status = 401, body = super::error::ErrorBody),
        (status = 403, body = super::error::ErrorBody),
        (status = 415, body = super::error::ErrorBody),
    ))]
pub async fn verify(
    State(state): State<AppState>,
    access: OrgAccess,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Vec<SignatureResult>>, ReestroError> {
    if !is_json(&headers) {
        return Err(ReestroError::unsupported_media_type(
            "Content-Type must be application/json",
        ));
    }
    let request: Value = json::from_slice(&body)
        .map_err(|e| ReestroError::validation(vec![ErrorItem::wrong("body", json::refusal(&e))]))?;
    let mut errors = Vec::new();
    let content = match request.get("contentInfo") {
        None | Some(Value::Null) => {
            errors.push(ErrorItem::absent("contentInfo"));
            None
        }
        Some(v) => check_named(&state, access.organization, v, "contentInfo", &mut errors).await?,
    };
    let mut signatures = Vec::new();
    match request.get("signatures") {
        Some(Value::Array(list)) if !list.is_empty() => {
            if list.len() > MAX_SIGNATURES {
                errors.push(ErrorItem::wrong(
                    "signatures",
                    format!("at most {MAX_SIGNATURES} signatures per request"),
                ));
            } else {
                for (i, s) in list.iter().enumerate() {
                    let meta = check_named(
                        &state,
                        access.organization,
                        s,
                        &format!("signatures[{i}]"),
                        &mut errors,
                    )
                    .await?;
                    signatures.push(Named {
                        value: s.clone(),
                        meta,
                    });
                }
            }
        }
        Some(Value::Array(_)) | None | Some(Value::Null) => {
            errors.push(ErrorItem::absent("signatures"))
        }
        Some(_) => errors.push(ErrorItem::wrong(
            "signatures",
            "signatures must be an array",
        )),
    }
    if !errors.is_empty() {
        return Err(ReestroError::validation(errors));
    }
    let Some(content) = content else {
        return Err(ReestroError::validation(vec![ErrorItem::absent(
            "contentInfo",
        )]));
    };

    // The signatures are small: read each, then parse.
    let mut parsed: Vec<Option<Arc<SignedData>>> = Vec::with_capacity(signatures.len());
    for s in &signatures {
        let Some(meta) = &s.meta else {
            parsed.push(None);
            continue;
        };
        if meta.size > MAX_SIGNATURE_BYTES {
            parsed.push(None);
            continue;
        }
        let Some((_, mut stream)) = state
            .store
            .open_content(access.organization, meta.id)
            .await?
        else {
            parsed.push(None);
            continue;
        };
        let mut bytes = Vec::with_capacity(usize::try_from(meta.size).unwrap_or(0));
        while let Some(chunk) = stream.next().await {
            bytes.extend_from_slice(&chunk.map_err(ReestroError::unavailable)?);
        }
        parsed.push(SignedData::parse(&bytes).ok().map(Arc::new));
    }

    // The content once, hashed with every algorithm any signature uses.
    let mut algorithms: Vec<_> = parsed
        .iter()
        .flatten()
        .flat_map(|s| s.digest_algorithms())
        .collect();
    algorithms.sort_by_key(|a| a.name());
    algorithms.dedup();
    let digests = {
        let (_, mut stream) = state
            .store
            .open_content(access.organization, content.id)
            .await?
            .ok_or_else(|| {
                ReestroError::validation(vec![ErrorItem::unexistent(
                    "contentInfo.contentId",
                    &content.id.to_string(),
                )])
            })?;
        let mut hasher = ContentDigests::hasher(&algorithms);
        while let Some(chunk) = stream.next().await {
            hasher.update(&chunk.map_err(ReestroError::unavailable)?);
        }
        Arc::new(hasher.finish())
    };

    // Each signature on its own blocking thread: all cores work; their
    // outbound fetches share the request's budget.
    let budget = RequestBudget::new(&state.engine);
    let tasks: Vec<_> = parsed
        .iter()
        .map(|p| {
            p.clone().map(|signed| {
                let digests = digests.clone();
                budget.spawn(&state.engine, move |engine, budget| {
                    engine.validate_digests_within(&signed, &digests, None, false, budget)
                })
            })
        })
        .collect();
    let mut out = Vec::with_capacity(signatures.len());
    for (named, task) in signatures.into_iter().zip(tasks) {
        let verification_results = match task {
            None => vec![VerificationResult {
                status: "SignatureInvalid".into(),
                signed_time: None,
                certificate: None,
            }],
            Some(task) => {
                let report = task.await.map_err(ReestroError::unavailable)?;
                if report.signers.is_empty() {
                    vec![VerificationResult {
                        status: "SignatureInvalid".into(),
                        signed_time: None,
                        certificate: None,
                    }]
                } else {
                    report.signers.iter().map(result_of).collect()
                }
            }
        };
        out.push(SignatureResult {
            signature: named.value,
            verification_results,
        });
    }
    Ok(Json(out))
}
