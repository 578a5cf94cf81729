//! `POST /web/verify`: a signature, and the document it signs, from the
//! page → the page's validation report.
//!
//! The body is `multipart/form-data` with a `signature` part first (CMS
//! SignedData: DER, PEM or base64; at most `validate_max_body_bytes`), then
//! an optional `document` part, which is hashed as it arrives with every
//! digest algorithm the signers use and never held whole. Without a
//! document, an attached signature is checked against its own content; a
//! detached one is a 400. An empty `document` part with an empty file name
//! (what an HTML form sends for a file input left empty) counts as absent.

use axum::Json;
use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode, header};
use bytes::Bytes;
use signet_pki::{ContentDigests, ContentHasher, SignedData};
use utoipa::ToSchema;

use super::report::{Inputs, PageReport};
use super::{ErrorBody, WebError, WithinBudget};
use crate::state::AppState;

/// The parts of the request, for the API description.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct VerifyForm {
    /// The signature: CMS SignedData (`.p7s`, `.sig`, `.p7m`), DER, PEM or
    /// base64. Must come first.
    #[schema(value_type = String, format = Binary)]
    signature: Vec<u8>,
    /// The signed document, for a detached signature; streamed, any size
    /// up to the configured content limit.
    #[schema(value_type = Option<String>, format = Binary)]
    document: Option<Vec<u8>>,
}

fn multipart_error(e: MultipartError) -> WebError {
    // Every other failure of the multipart stream is the client's: a
    // malformed body, or an upload cut off.
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        WebError::too_large("the upload is larger than this service accepts")
    } else {
        WebError::bad_request(format!("the upload cannot be read: {}", e.body_text()))
    }
}

/// Reads the signature part, at most `limit` bytes.
async fn read_signature(mut field: Field<'_>, limit: usize) -> Result<Vec<u8>, WebError> {
    let mut out = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
        if out.len() + chunk.len() > limit {
            return Err(WebError::too_large(format!(
                "the signature is larger than {} MiB",
                limit >> 20
            )));
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// Hashes the document part as it arrives, on a blocking thread fed
/// through a small channel (hashing a large file is CPU work). Returns the
/// digests, which know the size.
async fn hash_document(
    mut field: Field<'_>,
    mut hasher: ContentHasher,
    limit: u64,
) -> Result<ContentDigests, WebError> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Bytes>(8);
    let hashing = tokio::task::spawn_blocking(move || {
        while let Some(piece) = rx.blocking_recv() {
            hasher.update(&piece);
        }
        hasher.finish()
    });
    let received = async {
        let mut total = 0u64;
        while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
            total += chunk.len() as u64;
            if total > limit {
                return Err(WebError::too_large(format!(
                    "the document is larger than {} MiB",
                    limit >> 20
                )));
            }
            tx.send(chunk)
                .await
                .map_err(|_| WebError::internal("the hashing thread stopped"))?;
        }
        Ok(())
    }
    .await;
    drop(tx);
    let digests = hashing.await.map_err(WebError::internal)?;
    received.map(|()| digests)
}

/// Check a signature (for the web page).
#[utoipa::path(post, path = "/web/verify", tag = "web",
    request_body(content = VerifyForm, content_type = "multipart/form-data",
        description = "A `signature` part, then, for a detached signature, a `document` part"),
    responses(
        (status = 200, description = "The validation report (whatever the verdict)", body = PageReport),
        (status = 400, description = "Not multipart, no signature, not a signature, a detached signature without its document", body = ErrorBody),
        (status = 413, description = "Larger than the configured limits", body = ErrorBody),
        (status = 429, description = "Too many requests from this address", body = ErrorBody),
    ))]
pub async fn verify(
    State(state): State<AppState>,
    _: WithinBudget,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Json<PageReport>, WebError> {
    let config = &state.config;
    if headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n > super::verify_body_limit(config) as u64)
    {
        return Err(WebError::too_large(format!(
            "the upload is larger than this service accepts ({} MiB)",
            super::verify_body_limit(config) >> 20
        )));
    }
    let mut multipart = multipart.map_err(|e| {
        WebError::bad_request(format!(
            "send the files as multipart/form-data: {}",
            e.body_text()
        ))
    })?;
    let Some(first) = multipart.next_field().await.map_err(multipart_error)? else {
        return Err(WebError::bad_request("the signature part is missing"));
    };
    if first.name() != Some("signature") {
        return Err(WebError::bad_request(
            "the first part must be the signature, named \"signature\"",
        ));
    }
    let signature_name = first.file_name().map(str::to_owned);
    let signature = read_signature(first, config.validate_max_body_bytes).await?;
    if signature.iter().all(u8::is_ascii_whitespace) {
        return Err(WebError::bad_request("the signature file is empty"));
    }
    let signed = SignedData::parse(&signature)
        .map_err(|e| WebError::bad_request(format!("the signature cannot be read: {e}")))?;
    drop(signature);

    let mut document: Option<(Option<String>, ContentDigests)> = None;
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        match field.name() {
            Some("document") if document.is_none() => {
                let name = field.file_name().map(str::to_owned);
                let digests = hash_document(
                    field,
                    ContentDigests::hasher(&signed.digest_algorithms()),
                    config.content_max_bytes,
                )
                .await?;
                // An HTML form's empty file input.
                if !(digests.is_empty() && name.as_deref().is_none_or(str::is_empty)) {
                    document = Some((name, digests));
                }
            }
            Some("document") => {
                return Err(WebError::bad_request("send one document at a time"));
            }
            Some("signature") => {
                return Err(WebError::bad_request("send one signature at a time"));
            }
            other => {
                return Err(WebError::bad_request(format!(
                    "unexpected part {:?}: send \"signature\", then \"document\"",
                    other.unwrap_or_default()
                )));
            }
        }
    }
    let attached = signed.content.as_ref().map(|c| c.len() as u64);
    if document.is_none() && attached.is_none() {
        return Err(WebError::bad_request(
            "the signature is detached: add the signed document",
        ));
    }
    let inputs = Inputs {
        signature_name,
        document_name: document.as_ref().and_then(|(n, _)| n.clone()),
        document_size: document.as_ref().map(|(_, d)| d.len()).or(attached),
    };
    let report = crate::outbound::run(&state.engine, move |engine, budget| match document {
        Some((_, digests)) => {
            engine.validate_digests_within(&signed, &digests, None, false, budget)
        }
        None => engine.validate_within(&signed, None, false, budget),
    })
    .await
    .map_err(WebError::internal)?;
    Ok(Json(PageReport::new(
        &report,
        inputs,
        time::OffsetDateTime::now_utc(),
    )))
}
