//! The ticket API's handlers: thin, each taking the ticket, doing one
//! thing, answering in the user's language. Request bodies are JSON
//! (protected parameters applied, see [`super::protected`]) or, for data,
//! signatures and containers, the raw bytes with any other Content-Type.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header::CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use signet_pki::keystore::KeyPurpose;
use tokio::sync::watch;
use utoipa::ToSchema;
use zeroize::Zeroizing;

use super::Ticket;
use super::error::{FailureBody, Localized, MessageBody, TicketError};
use super::messages::{Msg, request_lang};
use super::options::{OptionsRequest, SessionOptions};
use super::protected::merge;
use super::sign::{SignJob, open_container, sign};
use super::verify::{self, VerifierAnswer};
use crate::cipher::certinfo::CertificateInfo;
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

/// At most this many certificates beside a container.
const MAX_CERTIFICATES: usize = 32;

fn msg(lang: signet_pki::oid::Lang, m: Msg) -> Json<MessageBody> {
    Json(MessageBody {
        message: m.text(lang).to_owned(),
    })
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .eq_ignore_ascii_case("application/json")
        })
        .unwrap_or(false)
}

/// The JSON parameters of a request, protected ones applied.
fn params<T: DeserializeOwned>(state: &AppState, body: &[u8]) -> Result<T, TicketError> {
    let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        serde_json::from_slice(body)
            .map_err(|e| TicketError::BadRequest(format!("the body is not JSON: {e}")))?
    };
    let merged = merge(value, state.protection.as_deref())?;
    serde_json::from_value(merged)
        .map_err(|e| TicketError::BadRequest(format!("the parameters are not valid: {e}")))
}

fn decode(what: &str, b64: &str) -> Result<Vec<u8>, TicketError> {
    signet_pki::input::decode_base64(b64.as_bytes())
        .map_err(|e| TicketError::BadRequest(format!("{what} is not valid base64: {e}")))
}

/// The bytes a data-like call carries: `{base64Data}` as JSON, else the
/// raw body.
fn payload(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Result<Vec<u8>, TicketError> {
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

fn ticket(state: &AppState, uuid: &str) -> Result<Arc<tokio::sync::Mutex<Ticket>>, TicketError> {
    state.tickets.get(uuid)
}

/// Open a ticket.
#[utoipa::path(post, path = "/api/v1/ticket", tag = "cipher",
    responses(
        (status = 200, description = "Created", body = TicketAnswer),
        (status = 503, description = "The service cannot take tickets now", body = MessageBody),
    ))]
pub async fn create(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let lang = request_lang(&headers);
    let result = async {
        if state.store.ping().await.is_err() {
            return Err(TicketError::Unavailable(Msg::NotReady));
        }
        let id = state.tickets.open()?;
        Ok(Json(TicketAnswer {
            message: Msg::TicketCreated.text(lang).to_owned(),
            ticket_uuid: id.to_string(),
        }))
    }
    .await;
    Localized(lang, result).into_response()
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
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    let result = state.tickets.close(&uuid).await.map(|()| {
        Json(TicketAnswer {
            message: Msg::TicketDeleted.text(lang).to_owned(),
            ticket_uuid: uuid.clone(),
        })
    });
    Localized(lang, result).into_response()
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
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = request_lang(&headers);
    let result = async {
        let t = ticket(&state, &uuid)?;
        let req: OptionsRequest = params(&state, &body)?;
        let mut t = t.lock().await;
        t.options = t.options.apply(&req)?;
        Ok(Json(OptionsAnswer {
            message: Msg::OptionsSet.text(lang).to_owned(),
            setted_options: t.options.to_request(),
        }))
    }
    .await;
    Localized(lang, result).into_response()
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
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    store_payload(
        &state,
        &uuid,
        &headers,
        &body,
        Msg::DataLoaded,
        |t, data| {
            t.data = Some(Arc::new(Zeroizing::new(data)));
        },
    )
    .await
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
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    store_payload(
        &state,
        &uuid,
        &headers,
        &body,
        Msg::DsDataLoaded,
        |t, sig| {
            t.signature = Some(Arc::new(sig));
        },
    )
    .await
}

/// Takes a data-like upload into the ticket with `put`; an earlier
/// verification no longer applies to what the ticket holds.
async fn store_payload(
    state: &AppState,
    uuid: &str,
    headers: &HeaderMap,
    body: &[u8],
    done: Msg,
    put: impl FnOnce(&mut Ticket, Vec<u8>),
) -> Response {
    let lang = request_lang(headers);
    let result = async {
        let t = ticket(state, uuid)?;
        let bytes = payload(state, headers, body)?;
        let mut t = t.lock().await;
        put(&mut t, bytes);
        t.verifier = None;
        Ok(msg(lang, done))
    }
    .await;
    Localized(lang, result).into_response()
}

async fn the_signature(state: &AppState, uuid: &str) -> Result<Arc<Vec<u8>>, TicketError> {
    let t = ticket(state, uuid)?;
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
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    let result = the_signature(&state, &uuid).await.map(|sig| {
        Json(Base64Data {
            base64_data: Some(B64.encode(sig.as_slice())),
        })
    });
    Localized(lang, result).into_response()
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
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    let result = the_signature(&state, &uuid).await.map(|sig| {
        (
            [(CONTENT_TYPE, "application/octet-stream")],
            sig.as_slice().to_vec(),
        )
    });
    Localized(lang, result).into_response()
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
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = request_lang(&headers);
    let result = async {
        let t = ticket(&state, &uuid)?;
        let (container, certificates) = if is_json(&headers) {
            let req: KeyStoreRequest = params(&state, &body)?;
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
                certs.push(signet_pki::Certificate::parse(c.as_bytes()).map_err(|e| {
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
        let limit = signet_pki::keystore::KEYSTORE_INPUT.max_input;
        if container.len() > limit {
            return Err(TicketError::BadRequest(format!(
                "the key container is larger than {limit} bytes"
            )));
        }
        let mut t = t.lock().await;
        t.key_store = Some(Arc::new(container));
        t.certificates = certificates;
        Ok(msg(lang, Msg::KeyStoreLoaded))
    }
    .await;
    Localized(lang, result).into_response()
}

/// Opens the ticket's container with the password from `body` on a
/// blocking thread and hands the result to `f`.
async fn with_container<T: Send + 'static>(
    state: &AppState,
    uuid: &str,
    body: &[u8],
    f: impl FnOnce(signet_pki::keystore::KeyStore) -> Result<T, TicketError> + Send + 'static,
) -> Result<T, TicketError> {
    let t = ticket(state, uuid)?;
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
        f(store)
    })
    .await
    .map_err(|e| TicketError::failed(Msg::CertificateInfoFailed, e))?
}

fn key_type(name: &str) -> Result<KeyPurpose, TicketError> {
    KeyPurpose::parse(name).ok_or_else(|| {
        TicketError::BadRequest(format!(
            "keyType \"{name}\" is not one of signature, keyAgreement"
        ))
    })
}

/// The certificate of the container's key of `keyType`: `None` when the
/// container has no such key, an error when it has the key but no
/// certificate for it.
async fn key_certificate(
    state: &AppState,
    uuid: &str,
    body: &[u8],
    key_type_name: &str,
) -> Result<Option<signet_pki::Certificate>, TicketError> {
    let purpose = key_type(key_type_name)?;
    with_container(state, uuid, body, move |store| {
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
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = request_lang(&headers);
    let tz = &state.config.time_zone;
    let result = key_certificate(&state, &uuid, &body, &key_type_name)
        .await
        .and_then(|cert| match cert {
            Some(cert) => serde_json::to_value(CertificateInfo::render(cert.fields(), lang, tz))
                .map(Json)
                .map_err(|e| TicketError::failed(Msg::CertificateInfoFailed, e)),
            None => Ok(Json(serde_json::json!({}))),
        });
    Localized(lang, result).into_response()
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
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = request_lang(&headers);
    let result = key_certificate(&state, &uuid, &body, &key_type_name)
        .await
        .map(|cert| match cert {
            Some(cert) => Json(serde_json::json!({"base64Data": B64.encode(cert.der())})),
            None => Json(serde_json::json!({})),
        });
    Localized(lang, result).into_response()
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
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = request_lang(&headers);
    let result = async {
        let handle = ticket(&state, &uuid)?;
        let req: PasswordRequest = params(&state, &body)?;
        let mut t = handle.lock().await;
        let key_store = t.key_store.clone().ok_or_else(|| {
            TicketError::failed(
                Msg::CreatorFailed,
                "no key container has been uploaded to the session",
            )
        })?;
        let job = SignJob {
            key_store,
            password: Zeroizing::new(req.key_store_password.unwrap_or_default()),
            certificates: t.certificates.clone(),
            data: t.data.clone(),
            existing: t.signature.clone(),
            options: t.options,
            tsa: state.tsa.clone(),
        };
        let (tx, rx) = watch::channel(None);
        t.creator = Some(rx);
        drop(t);
        let engine = state.engine.clone();
        let handle = handle.clone();
        tokio::spawn(async move {
            let now = time::OffsetDateTime::now_utc();
            let made = tokio::task::spawn_blocking(move || sign(job, &engine, now))
                .await
                .unwrap_or_else(|e| Err(format!("signing was interrupted: {e}")));
            let outcome = match made {
                Ok(signature) => {
                    handle.lock().await.signature = Some(Arc::new(signature));
                    Ok(())
                }
                Err(e) => Err(e),
            };
            let _ = tx.send(Some(outcome));
        });
        Ok(msg(lang, Msg::CreatorStarted))
    }
    .await;
    Localized(lang, result).into_response()
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
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    let result = async {
        let t = ticket(&state, &uuid)?;
        let progress =
            t.lock().await.creator.clone().ok_or_else(|| {
                TicketError::failed(Msg::CreatorNotStarted, "POST ds/creator first")
            })?;
        let outcome = progress.borrow().clone();
        match outcome {
            None => Ok((StatusCode::ACCEPTED, msg(lang, Msg::CreatorRunning))),
            Some(Ok(())) => Ok((StatusCode::OK, msg(lang, Msg::CreatorDone))),
            Some(Err(cause)) => Err(TicketError::failed(Msg::CreatorFailed, cause)),
        }
    }
    .await;
    Localized(lang, result).into_response()
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
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    let result = async {
        let handle = ticket(&state, &uuid)?;
        let mut t = handle.lock().await;
        let signature = t.signature.clone().ok_or_else(|| {
            TicketError::failed(Msg::NoSignatureData, "upload a signature to ds/data first")
        })?;
        let data = t.data.clone();
        let options: SessionOptions = t.options;
        let (tx, rx) = watch::channel(None);
        t.verifier = Some(rx);
        drop(t);
        let engine = state.engine.clone();
        tokio::spawn(async move {
            let outcome = tokio::task::spawn_blocking(move || {
                verify::run(
                    &engine,
                    &signature,
                    data.as_deref().map(|d| d.as_slice()),
                    options,
                )
            })
            .await;
            if let Ok(outcome) = outcome {
                let _ = tx.send(Some(outcome));
            }
        });
        Ok(msg(lang, Msg::VerifierStarted))
    }
    .await;
    Localized(lang, result).into_response()
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
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    let tz = state.config.time_zone.clone();
    let result = async {
        let t = ticket(&state, &uuid)?;
        let mut progress = t.lock().await.verifier.clone().ok_or_else(|| {
            TicketError::failed(Msg::VerifierNotStarted, "POST ds/verifier first")
        })?;
        let outcome = progress
            .wait_for(Option::is_some)
            .await
            .map_err(|_| {
                TicketError::failed(Msg::SignatureInvalid, "verification was interrupted")
            })?
            .clone()
            .ok_or_else(|| TicketError::failed(Msg::SignatureInvalid, "no result"))?;
        let answer = outcome.render(lang, &tz);
        let status = if answer.failure_cause.is_none() {
            StatusCode::OK
        } else {
            StatusCode::NOT_ACCEPTABLE
        };
        Ok((status, Json(answer)))
    }
    .await;
    Localized(lang, result).into_response()
}

/// The certificate clients encrypt protected parameters' keys to.
#[utoipa::path(get, path = "/api/v1/protectedParameters/certificate", tag = "cipher",
    responses(
        (status = 200, description = "The protection certificate, base64 DER", body = Base64Data),
        (status = 400, description = "Protected parameters are not configured", body = MessageBody),
    ))]
pub async fn protection_certificate(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let lang = request_lang(&headers);
    let result = match state.protection.as_deref() {
        Some(p) => Ok(Json(Base64Data {
            base64_data: Some(B64.encode(p.certificate.der())),
        })),
        None => Err(TicketError::BadRequest(
            "not supported: protected parameters are not configured on this service".into(),
        )),
    };
    Localized(lang, result).into_response()
}
