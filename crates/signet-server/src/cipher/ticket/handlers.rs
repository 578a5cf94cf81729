//! The ticket API's handlers: thin, each taking the language of the
//! request ([`UserLang`]), making one call, and answering in that language
//! ([`Answer`]). Request bodies are read in `body.rs`, the key container
//! in `key_store.rs`, signing and verification run in `jobs.rs`.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderName, StatusCode};
use base64::Engine as _;
use serde::Serialize;
use serde_json::Value;
use signet_pki::Lang;
use utoipa::ToSchema;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::Ticket;
pub use super::body::{Base64Data, KeyStoreRequest, PasswordRequest};
use super::body::{params, payload};
use super::error::{Answer, FailureBody, MessageBody, TicketError, localize};
use super::jobs;
use super::key_store::{key_certificate, load_key_store};
use super::messages::{Msg, UserLang};
use super::options::{OptionsRequest, SessionOptions};
use super::verify::VerifierAnswer;
use crate::cipher::certinfo::CertificateInfo;
use crate::client_addr::ClientAddr;
use crate::state::AppState;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// `{message, ticketUuid}`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TicketAnswer {
    /// What happened.
    pub message: String,
    /// The ticket.
    pub ticket_uuid: String,
}

/// `{message, settedOptions}`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OptionsAnswer {
    /// What happened.
    pub message: String,
    /// Every option as it now is.
    pub setted_options: OptionsRequest,
}

/// `{message}` in `lang`.
fn message(lang: Lang, m: Msg) -> Json<MessageBody> {
    Json(MessageBody {
        message: m.text(lang).to_owned(),
    })
}

/// `{message, ticketUuid}` in `lang`.
fn ticket_answer(lang: Lang, m: Msg, ticket_uuid: String) -> Json<TicketAnswer> {
    Json(TicketAnswer {
        message: m.text(lang).to_owned(),
        ticket_uuid,
    })
}

/// Open a ticket.
#[utoipa::path(post, path = "/api/v1/ticket", tag = "cipher",
    responses(
        (status = 200, description = "Created", body = TicketAnswer),
        (status = 429, description = "This client holds its share of tickets or opens them too often; see Retry-After", body = MessageBody),
        (status = 503, description = "The service cannot take tickets now", body = MessageBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    UserLang(lang): UserLang,
) -> Answer<Json<TicketAnswer>> {
    let opened = open_ticket(&state, &client).await;
    localize(
        lang,
        opened.map(|id| ticket_answer(lang, Msg::TicketCreated, id.to_string())),
    )
}

/// Opens a ticket for `client` once the store answers (Cipher BIS refuses
/// tickets while its cryptographic service is not running).
async fn open_ticket(state: &AppState, client: &str) -> Result<Uuid, TicketError> {
    if state.store.ping().await.is_err() {
        return Err(TicketError::Unavailable(Msg::NotReady));
    }
    state.tickets.open(client)
}

/// Close a ticket, wiping everything in it.
#[utoipa::path(delete, path = "/api/v1/ticket/{uuid}", tag = "cipher",
    params(("uuid" = String, Path, description = "The ticket")),
    responses(
        (status = 200, description = "Deleted", body = TicketAnswer),
        (status = 400, description = "No such ticket", body = MessageBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    Path(uuid): Path<String>,
    UserLang(lang): UserLang,
) -> Answer<Json<TicketAnswer>> {
    let closed = state.tickets.close(&uuid).await;
    localize(
        lang,
        closed.map(|()| ticket_answer(lang, Msg::TicketDeleted, uuid)),
    )
}

/// Set the session's options.
#[utoipa::path(put, path = "/api/v1/ticket/{uuid}/option", tag = "cipher",
    params(("uuid" = String, Path, description = "The ticket")),
    request_body = OptionsRequest,
    responses(
        (status = 200, description = "Set", body = OptionsAnswer),
        (status = 400, description = "No such ticket, or a bad value", body = MessageBody),
    ))]
pub async fn set_options(
    State(state): State<AppState>,
    Path(uuid): Path<String>,
    UserLang(lang): UserLang,
    body: Bytes,
) -> Answer<Json<OptionsAnswer>> {
    let set = apply_options(&state, &uuid, &body).await;
    localize(
        lang,
        set.map(|options| {
            Json(OptionsAnswer {
                message: Msg::OptionsSet.text(lang).to_owned(),
                setted_options: options.to_request(),
            })
        }),
    )
}

/// Applies the options in `body` to the ticket; all or none.
async fn apply_options(
    state: &AppState,
    uuid: &str,
    body: &[u8],
) -> Result<SessionOptions, TicketError> {
    let t = state.tickets.get(uuid)?;
    let req: OptionsRequest = params(state, body)?;
    let mut t = t.lock().await;
    t.options = t.options.apply(&req)?;
    Ok(t.options)
}

/// Upload the data to sign (or the content of a detached signature).
#[utoipa::path(post, path = "/api/v1/ticket/{uuid}/data", tag = "cipher",
    params(("uuid" = String, Path, description = "The ticket")),
    request_body(content = Base64Data, description = "JSON {base64Data}, or the raw bytes as application/octet-stream"),
    responses(
        (status = 200, description = "Loaded", body = MessageBody),
        (status = 400, description = "No such ticket, or no data", body = MessageBody),
    ))]
pub async fn upload_data(
    State(state): State<AppState>,
    Path(uuid): Path<String>,
    UserLang(lang): UserLang,
    headers: HeaderMap,
    body: Bytes,
) -> Answer<Json<MessageBody>> {
    let stored = store_payload(&state, &uuid, &headers, &body, |t, data| {
        t.data = Some(Arc::new(Zeroizing::new(data)));
    })
    .await;
    localize(lang, stored.map(|()| message(lang, Msg::DataLoaded)))
}

/// Upload a signature (to verify, or to add a signer to).
#[utoipa::path(post, path = "/api/v1/ticket/{uuid}/ds/data", tag = "cipher",
    params(("uuid" = String, Path, description = "The ticket")),
    request_body(content = Base64Data, description = "JSON {base64Data}, or the raw signature (DER, PEM or base64)"),
    responses(
        (status = 200, description = "Loaded", body = MessageBody),
        (status = 400, description = "No such ticket, or no signature", body = MessageBody),
    ))]
pub async fn upload_signature(
    State(state): State<AppState>,
    Path(uuid): Path<String>,
    UserLang(lang): UserLang,
    headers: HeaderMap,
    body: Bytes,
) -> Answer<Json<MessageBody>> {
    let stored = store_payload(&state, &uuid, &headers, &body, |t, signature| {
        t.signature = Some(Arc::new(signature));
    })
    .await;
    localize(lang, stored.map(|()| message(lang, Msg::DsDataLoaded)))
}

/// Takes a data-like upload into the ticket with `put`; an earlier
/// verification no longer applies to what the ticket holds.
async fn store_payload(
    state: &AppState,
    uuid: &str,
    headers: &HeaderMap,
    body: &[u8],
    put: impl FnOnce(&mut Ticket, Vec<u8>),
) -> Result<(), TicketError> {
    let t = state.tickets.get(uuid)?;
    let bytes = payload(state, headers, body)?;
    let mut t = t.lock().await;
    put(&mut t, bytes);
    t.verifier = None;
    Ok(())
}

/// The ticket's signature.
async fn the_signature(state: &AppState, uuid: &str) -> Result<Arc<Vec<u8>>, TicketError> {
    let t = state.tickets.get(uuid)?;
    let t = t.lock().await;
    t.signature
        .clone()
        .ok_or_else(|| TicketError::failed(Msg::NoSignatureData, "the session holds no signature"))
}

/// The session's signature as base64.
#[utoipa::path(get, path = "/api/v1/ticket/{uuid}/ds/base64Data", tag = "cipher",
    params(("uuid" = String, Path, description = "The ticket")),
    responses(
        (status = 200, description = "The signature", body = Base64Data),
        (status = 400, description = "No such ticket", body = MessageBody),
        (status = 500, description = "No signature in the session", body = FailureBody),
    ))]
pub async fn signature_base64(
    State(state): State<AppState>,
    Path(uuid): Path<String>,
    UserLang(lang): UserLang,
) -> Answer<Json<Base64Data>> {
    let signature = the_signature(&state, &uuid).await;
    localize(
        lang,
        signature.map(|sig| {
            Json(Base64Data {
                base64_data: Some(B64.encode(sig.as_slice())),
            })
        }),
    )
}

/// The session's signature as bytes.
#[utoipa::path(get, path = "/api/v1/ticket/{uuid}/ds/data", tag = "cipher",
    params(("uuid" = String, Path, description = "The ticket")),
    responses(
        (status = 200, description = "The signature (DER)", content_type = "application/octet-stream"),
        (status = 400, description = "No such ticket", body = MessageBody),
        (status = 500, description = "No signature in the session", body = FailureBody),
    ))]
pub async fn signature_bytes(
    State(state): State<AppState>,
    Path(uuid): Path<String>,
    UserLang(lang): UserLang,
) -> Answer<([(HeaderName, &'static str); 1], Vec<u8>)> {
    let signature = the_signature(&state, &uuid).await;
    localize(
        lang,
        signature.map(|sig| {
            (
                [(CONTENT_TYPE, "application/octet-stream")],
                sig.as_slice().to_vec(),
            )
        }),
    )
}

/// Upload the key container (kept in memory only, as uploaded).
#[utoipa::path(put, path = "/api/v1/ticket/{uuid}/keyStore", tag = "cipher",
    params(("uuid" = String, Path, description = "The ticket")),
    request_body(content = KeyStoreRequest, description = "JSON {base64Data, certificates?}, or the raw container as application/octet-stream"),
    responses(
        (status = 200, description = "Loaded", body = MessageBody),
        (status = 400, description = "No such ticket, or no container", body = MessageBody),
    ))]
pub async fn upload_key_store(
    State(state): State<AppState>,
    Path(uuid): Path<String>,
    UserLang(lang): UserLang,
    headers: HeaderMap,
    body: Bytes,
) -> Answer<Json<MessageBody>> {
    let loaded = load_key_store(&state, &uuid, &headers, &body).await;
    localize(lang, loaded.map(|()| message(lang, Msg::KeyStoreLoaded)))
}

/// Certificate info of the container's key of `keyType`; `{}` when the
/// container has no such key.
#[utoipa::path(put, path = "/api/v1/ticket/{uuid}/keyStore/certificate/info/{keyType}", tag = "cipher",
    params(
        ("uuid" = String, Path, description = "The ticket"),
        ("keyType" = String, Path, description = "signature or keyAgreement"),
    ),
    request_body = PasswordRequest,
    responses(
        (status = 200, description = "The certificate info, or {} when there is no such key", body = CertificateInfo),
        (status = 400, description = "No such ticket, or a bad keyType", body = MessageBody),
        (status = 500, description = "Wrong password, bad container, no certificate", body = FailureBody),
    ))]
pub async fn certificate_info(
    State(state): State<AppState>,
    Path((uuid, key_type_name)): Path<(String, String)>,
    UserLang(lang): UserLang,
    body: Bytes,
) -> Answer<Json<Value>> {
    let tz = &state.config.time_zone;
    let info = key_certificate(&state, &uuid, &body, &key_type_name)
        .await
        .and_then(|cert| match cert {
            Some(cert) => serde_json::to_value(CertificateInfo::render(cert.fields(), lang, tz))
                .map(Json)
                .map_err(|e| TicketError::failed(Msg::CertificateInfoFailed, e)),
            None => Ok(Json(serde_json::json!({}))),
        });
    localize(lang, info)
}

/// The certificate of the container's key of `keyType`, base64 DER.
#[utoipa::path(put, path = "/api/v1/ticket/{uuid}/keyStore/certificate/base64/{keyType}", tag = "cipher",
    params(
        ("uuid" = String, Path, description = "The ticket"),
        ("keyType" = String, Path, description = "signature or keyAgreement"),
    ),
    request_body = PasswordRequest,
    responses(
        (status = 200, description = "The certificate, or {} when there is no such key", body = Base64Data),
        (status = 400, description = "No such ticket, or a bad keyType", body = MessageBody),
        (status = 500, description = "Wrong password, bad container, no certificate", body = FailureBody),
    ))]
pub async fn certificate_base64(
    State(state): State<AppState>,
    Path((uuid, key_type_name)): Path<(String, String)>,
    UserLang(lang): UserLang,
    body: Bytes,
) -> Answer<Json<Value>> {
    let certificate = key_certificate(&state, &uuid, &body, &key_type_name).await;
    localize(
        lang,
        certificate.map(|cert| match cert {
            Some(cert) => Json(serde_json::json!({"base64Data": B64.encode(cert.der())})),
            None => Json(serde_json::json!({})),
        }),
    )
}

/// Start signing the session's data with the container's key.
#[utoipa::path(post, path = "/api/v1/ticket/{uuid}/ds/creator", tag = "cipher",
    params(("uuid" = String, Path, description = "The ticket")),
    request_body = PasswordRequest,
    responses(
        (status = 200, description = "Signing started", body = MessageBody),
        (status = 400, description = "No such ticket", body = MessageBody),
        (status = 500, description = "Signing cannot start (no container, no data)", body = FailureBody),
    ))]
pub async fn start_creator(
    State(state): State<AppState>,
    Path(uuid): Path<String>,
    UserLang(lang): UserLang,
    body: Bytes,
) -> Answer<Json<MessageBody>> {
    let started = jobs::start_signing(&state, &uuid, &body).await;
    localize(lang, started.map(|()| message(lang, Msg::CreatorStarted)))
}

/// How signing went: 200 done, 202 still running, 500 failed.
#[utoipa::path(get, path = "/api/v1/ticket/{uuid}/ds/creator", tag = "cipher",
    params(("uuid" = String, Path, description = "The ticket")),
    responses(
        (status = 200, description = "The signature has been made", body = MessageBody),
        (status = 202, description = "Signing is in progress", body = MessageBody),
        (status = 400, description = "No such ticket", body = MessageBody),
        (status = 500, description = "Signing failed, or was not started", body = FailureBody),
    ))]
pub async fn creator_status(
    State(state): State<AppState>,
    Path(uuid): Path<String>,
    UserLang(lang): UserLang,
) -> Answer<(StatusCode, Json<MessageBody>)> {
    let status = jobs::signing_outcome(&state, &uuid)
        .await
        .and_then(|outcome| match outcome {
            None => Ok((StatusCode::ACCEPTED, message(lang, Msg::CreatorRunning))),
            Some(Ok(())) => Ok((StatusCode::OK, message(lang, Msg::CreatorDone))),
            Some(Err(cause)) => Err(TicketError::failed(Msg::CreatorFailed, cause)),
        });
    localize(lang, status)
}

/// Start verifying the session's signature (over the session's data when
/// it is detached).
#[utoipa::path(post, path = "/api/v1/ticket/{uuid}/ds/verifier", tag = "cipher",
    params(("uuid" = String, Path, description = "The ticket")),
    responses(
        (status = 200, description = "Verification started", body = MessageBody),
        (status = 400, description = "No such ticket", body = MessageBody),
        (status = 500, description = "No signature in the session", body = FailureBody),
    ))]
pub async fn start_verifier(
    State(state): State<AppState>,
    Path(uuid): Path<String>,
    UserLang(lang): UserLang,
) -> Answer<Json<MessageBody>> {
    let started = jobs::start_verifying(&state, &uuid).await;
    localize(lang, started.map(|()| message(lang, Msg::VerifierStarted)))
}

/// The verification result, once ready: 200 valid, 406 not valid.
#[utoipa::path(get, path = "/api/v1/ticket/{uuid}/ds/verifier", tag = "cipher",
    params(("uuid" = String, Path, description = "The ticket")),
    responses(
        (status = 200, description = "Valid", body = VerifierAnswer),
        (status = 406, description = "Not valid", body = VerifierAnswer),
        (status = 400, description = "No such ticket", body = MessageBody),
        (status = 500, description = "Verification was not started or was interrupted", body = FailureBody),
    ))]
pub async fn verifier_result(
    State(state): State<AppState>,
    Path(uuid): Path<String>,
    UserLang(lang): UserLang,
) -> Answer<(StatusCode, Json<VerifierAnswer>)> {
    let outcome = jobs::verification_outcome(&state, &uuid).await;
    localize(
        lang,
        outcome.map(|outcome| {
            let answer = outcome.render(lang, &state.config.time_zone);
            let status = if answer.failure_cause.is_none() {
                StatusCode::OK
            } else {
                StatusCode::NOT_ACCEPTABLE
            };
            (status, Json(answer))
        }),
    )
}

/// The certificate clients encrypt protected parameters' keys to.
#[utoipa::path(get, path = "/api/v1/protectedParameters/certificate", tag = "cipher",
    responses(
        (status = 200, description = "The protection certificate, base64 DER", body = Base64Data),
        (status = 400, description = "Protected parameters are not configured", body = MessageBody),
    ))]
pub async fn protection_certificate(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
) -> Answer<Json<Base64Data>> {
    let certificate = match state.protection.as_deref() {
        Some(p) => Ok(Json(Base64Data {
            base64_data: Some(B64.encode(p.certificate.der())),
        })),
        None => Err(TicketError::BadRequest(
            "not supported: protected parameters are not configured on this service".into(),
        )),
    };
    localize(lang, certificate)
}
