//! `POST /v3/validate` (spec 003): verify a CMS/CAdES signature, its chain
//! and revocation, and return the signer's certificate and CAdES attributes.
//!
//! - `Content` is the signed data (base64); it may be left out for an
//!   attached signature, whose own content is then verified.
//! - `VerifySignatureOnly` checks only that data and signature match: no
//!   chain, no revocation.
//! - A signature that fails answers 400 with `{"Message": …}` saying why, or
//!   204 with an empty body when `DefaultOnFail` is true. A malformed
//!   request (not JSON, a detached signature without `Content`) is 400
//!   either way; so is a body whose object names a member twice
//!   (`crate::json`).
//! - With several signers, every one must be valid; the answer describes
//!   the first.
//! - `Attributes.CadesType` is "CAdES BES", "CAdES-T" or
//!   "CAdES-X Long Type 1"; it is null for a plain CMS signature (no
//!   signing-certificate attribute). `SigningTime` is null when the signer
//!   did not sign one; `SignatureTimeStampTime` is set only for CAdES-T and
//!   above.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use serde::{Deserialize, Serialize};
use signet_pki::CadesLevel;
use signet_pki::SignedData;
use signet_pki::SignerReport;
use utoipa::ToSchema;

use super::auth::Caller;
use super::certificate::Certificate;
use super::error::{ApiError, ErrorBody};
use crate::json::UniqueKeys;
use crate::present::dates::kontur_time;
use crate::state::AppState;

/// The request body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ValidateRequest {
    /// The signed data, base64. May be omitted for an attached signature.
    #[serde(default, alias = "content")]
    pub content: Option<String>,
    /// The signature (CMS SignedData, DER or PEM), base64.
    #[serde(alias = "signature")]
    pub signature: String,
    /// Answer 204 with an empty body instead of 400 when the signature
    /// fails.
    #[serde(default, alias = "defaultOnFail")]
    pub default_on_fail: bool,
    /// Check only that data and signature match, not the certificate chain.
    #[serde(default, alias = "verifySignatureOnly")]
    pub verify_signature_only: bool,
}

/// CAdES attributes of the signature.
#[derive(Debug, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct Attributes {
    /// signing-time, `YYYY-MM-DDThh:mm:ss.fffZ`.
    pub signing_time: Option<String>,
    /// Time of the signature time-stamp (CAdES-T and above).
    pub signature_time_stamp_time: Option<String>,
    /// "CAdES BES", "CAdES-T", "CAdES-X Long Type 1", or null.
    pub cades_type: Option<String>,
}

/// The answer for a valid signature.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ValidateResponse {
    /// The signer's certificate.
    pub certificate: Certificate,
    /// CAdES attributes.
    pub attributes: Attributes,
}

/// The spec's names of the CAdES levels.
pub fn cades_type_name(level: CadesLevel) -> &'static str {
    match level {
        CadesLevel::Bes => "CAdES BES",
        CadesLevel::T => "CAdES-T",
        CadesLevel::XLongType1 => "CAdES-X Long Type 1",
    }
}

fn attributes(signer: &SignerReport) -> Attributes {
    let ts_time = match (&signer.cades, &signer.timestamp) {
        (Some(level), Some(ts)) if *level >= CadesLevel::T && ts.result.is_ok() => {
            Some(kontur_time(ts.time))
        }
        _ => None,
    };
    Attributes {
        signing_time: signer.signing_time.map(kontur_time),
        signature_time_stamp_time: ts_time,
        cades_type: signer.cades.map(|l| cades_type_name(l).to_owned()),
    }
}

/// Verify a signature.
#[utoipa::path(post, path = "/v3/validate", tag = "cryptoapi",
    request_body = ValidateRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signature is valid", body = ValidateResponse),
        (status = 204, description = "The signature failed and DefaultOnFail was true"),
        (status = 400, description = "The signature failed, or the request is malformed", body = ErrorBody),
        (status = 401, description = "No or unknown access token", body = ErrorBody),
    ))]
pub async fn validate(
    State(state): State<AppState>,
    _caller: Caller,
    body: Result<Json<UniqueKeys<ValidateRequest>>, JsonRejection>,
) -> Result<Json<ValidateResponse>, ApiError> {
    let Json(UniqueKeys(req)) = body.map_err(|e| {
        ApiError::BadRequest(format!("the request body is not valid: {}", e.body_text()))
    })?;
    let fail = |message: String| {
        if req.default_on_fail {
            ApiError::NoContent
        } else {
            ApiError::BadRequest(message)
        }
    };
    let signature = signet_pki::decode_base64(req.signature.as_bytes())
        .map_err(|e| fail(format!("Signature is not valid base64: {e}")))?;
    let content = match req
        .content
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(c) => Some(
            signet_pki::decode_base64(c.as_bytes())
                .map_err(|e| ApiError::BadRequest(format!("Content is not valid base64: {e}")))?,
        ),
        None => None,
    };
    let signed = SignedData::parse(&signature)
        .map_err(|e| fail(format!("the signature cannot be read: {e}")))?;
    if signed.content.is_none() && content.is_none() {
        return Err(ApiError::BadRequest(
            "the signature is detached: Content with the signed data is required".into(),
        ));
    }
    let signature_only = req.verify_signature_only;
    let report = crate::outbound::run(&state.engine, move |engine, budget| {
        engine.validate_within(&signed, content.as_deref(), signature_only, budget)
    })
    .await
    .map_err(|e| ApiError::Unavailable(format!("validation was interrupted: {e}")))?;
    if let Some(failure) = report.failure() {
        return Err(fail(failure));
    }
    let Some(signer) = report.signers.first() else {
        return Err(fail("the signature has no signers".into()));
    };
    let Some(cert) = &signer.certificate else {
        return Err(fail("the signer's certificate was not found".into()));
    };
    Ok(Json(ValidateResponse {
        certificate: Certificate::from(cert.fields()),
        attributes: attributes(signer),
    }))
}
