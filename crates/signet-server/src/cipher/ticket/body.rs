//! What a ticket call's body carries: JSON parameters, with protected ones
//! applied ([`super::protected`]), or, for data, signatures and key
//! containers, the raw bytes under any other Content-Type.

use axum::http::HeaderMap;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::error::TicketError;
use super::protected::merge;
use crate::json;
use crate::media_type::is_json;
use crate::state::AppState;

/// `{base64Data}` (request or answer).
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Base64Data {
    /// The bytes, base64.
    pub base64_data: Option<String>,
}

/// A key container upload as JSON.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KeyStoreRequest {
    /// The container (Key-6.dat, PKCS#12, JKS, PKCS#8), base64.
    pub base64_data: Option<String>,
    /// signet's addition: certificates (base64 DER or PEM) to pair with
    /// keys whose container carries none, such as Key-6.dat.
    #[serde(default)]
    pub certificates: Vec<String>,
}

/// `{keyStorePassword}`.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PasswordRequest {
    /// The container's password.
    pub key_store_password: Option<String>,
}

/// The JSON parameters of a request, protected ones applied; no body is no
/// parameters. An object naming a member twice is refused (`crate::json`).
pub(super) fn params<T: DeserializeOwned>(state: &AppState, body: &[u8]) -> Result<T, TicketError> {
    let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        json::from_slice(body).map_err(|e| TicketError::BadRequest(json::refusal(&e)))?
    };
    let merged = merge(value, state.protection.as_deref())?;
    serde_json::from_value(merged)
        .map_err(|e| TicketError::BadRequest(format!("the parameters are not valid: {e}")))
}

/// The bytes of the base64 parameter `what`.
pub(super) fn decode(what: &str, b64: &str) -> Result<Vec<u8>, TicketError> {
    signet_pki::decode_base64(b64.as_bytes())
        .map_err(|e| TicketError::BadRequest(format!("{what} is not valid base64: {e}")))
}

/// The bytes a data-like call carries: `{base64Data}` as JSON, else the
/// raw body; never empty.
pub(super) fn payload(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Vec<u8>, TicketError> {
    let bytes = if is_json(headers) {
        let req: Base64Data = params(state, body)?;
        let b64 = req
            .base64_data
            .ok_or_else(|| TicketError::BadRequest("base64Data is required".into()))?;
        decode("base64Data", &b64)?
    } else {
        body.to_vec()
    };
    if bytes.is_empty() {
        return Err(TicketError::BadRequest("the data is empty".into()));
    }
    Ok(bytes)
}
