//! The ticket's key container: taken as uploaded (still encrypted) and
//! kept in memory only, and opened with the password on a blocking thread
//! for each call that needs a key or a certificate.

use std::sync::Arc;

use axum::http::HeaderMap;
use signet_pki::Certificate;
use signet_pki::{KEYSTORE_INPUT, KeyPurpose};
use zeroize::Zeroizing;

use super::body::{KeyStoreRequest, PasswordRequest, decode, params};
use super::error::TicketError;
use super::messages::Msg;
use super::sign::open_container;
use crate::media_type::is_json;
use crate::state::AppState;

/// At most this many certificates beside a container.
const MAX_CERTIFICATES: usize = 32;

/// Takes the container the body carries (JSON `{base64Data,
/// certificates}`, else the raw bytes) into the ticket, replacing the one
/// it held.
pub(super) async fn load_key_store(
    state: &AppState,
    uuid: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), TicketError> {
    let t = state.tickets.get(uuid)?;
    let (container, certificates) = if is_json(headers) {
        let req: KeyStoreRequest = params(state, body)?;
        let b64 = req
            .base64_data
            .ok_or_else(|| TicketError::BadRequest("base64Data is required".into()))?;
        if req.certificates.len() > MAX_CERTIFICATES {
            return Err(TicketError::BadRequest(format!(
                "at most {MAX_CERTIFICATES} certificates"
            )));
        }
        let mut certs = Vec::with_capacity(req.certificates.len());
        for (i, c) in req.certificates.iter().enumerate() {
            certs.push(Certificate::parse(c.as_bytes()).map_err(|e| {
                TicketError::BadRequest(format!("certificates[{i}] cannot be read: {e}"))
            })?);
        }
        (Zeroizing::new(decode("base64Data", &b64)?), certs)
    } else {
        (Zeroizing::new(body.to_vec()), Vec::new())
    };
    if container.is_empty() {
        return Err(TicketError::BadRequest("the key container is empty".into()));
    }
    let limit = KEYSTORE_INPUT.max_input;
    if container.len() > limit {
        return Err(TicketError::BadRequest(format!(
            "the key container is larger than {limit} bytes"
        )));
    }
    let mut t = t.lock().await;
    t.key_store = Some(Arc::new(container));
    t.certificates = certificates;
    Ok(())
}

/// The purpose a `{keyType}` path parameter names.
fn key_type(name: &str) -> Result<KeyPurpose, TicketError> {
    KeyPurpose::parse(name).ok_or_else(|| {
        TicketError::BadRequest(format!(
            "keyType \"{name}\" is not one of signature, keyAgreement"
        ))
    })
}

/// The certificate of the container's key of `keyType`, the container
/// opened with the password from `body`: `None` when it has no such key,
/// an error when it has the key but no certificate for it.
pub(super) async fn key_certificate(
    state: &AppState,
    uuid: &str,
    body: &[u8],
    key_type_name: &str,
) -> Result<Option<Certificate>, TicketError> {
    let purpose = key_type(key_type_name)?;
    let t = state.tickets.get(uuid)?;
    let req: PasswordRequest = params(state, body)?;
    let password = Zeroizing::new(req.key_store_password.unwrap_or_default());
    let (container, certificates) = {
        let t = t.lock().await;
        let container = t.key_store.clone().ok_or_else(|| {
            TicketError::failed(
                Msg::CertificateInfoFailed,
                "no key container has been uploaded to the session",
            )
        })?;
        (container, t.certificates.clone())
    };
    let trust = state.trust.clone();
    tokio::task::spawn_blocking(move || {
        let store = open_container(&container, &password, &certificates, &trust)
            .map_err(|e| TicketError::failed(Msg::CertificateInfoFailed, e))?;
        let Some(entry) = store.key_for(purpose) else {
            return Ok(None);
        };
        entry.certificate().cloned().map(Some).ok_or_else(|| {
            TicketError::failed(
                Msg::CertificateInfoFailed,
                "the container has no certificate for this key; upload it with the container (certificates)",
            )
        })
    })
    .await
    .map_err(|e| TicketError::failed(Msg::CertificateInfoFailed, e))?
}
