//! Contents: the documents and detached signatures an organisation
//! uploads, streamed to the store (files beside SQLite, chunked rows in
//! PostgreSQL) with their MD5 and size computed on the way.
//!
//! - `POST {prefix}/contents` — the body is the content; its name comes
//!   from `X-Content-Name` (UTF-8, or percent-encoded UTF-8), its type from
//!   `X-Content-Type` (a short type such as `pdf` or `sig`), else from the
//!   name's extension (`.sig`, `.p7s` and `.p7m` give `sig`), else from the
//!   `Content-Type` subtype, else `bin`. A `multipart/form-data` body is
//!   accepted too: its first part with a file name is the content.
//!   Answers 201 with `{contentId, contentType, contentName, md5, size}`.
//! - `PUT {prefix}/contents/{contentId}` — replaces a content's bytes
//!   atomically.
//! - `PUT {prefix}/contents/{contentId}` with `Content-Range: bytes
//!   START-END/TOTAL` — a part of an upload in parts (resumable), after the
//!   convention of Google Cloud Storage's resumable uploads: see below.
//! - `GET {prefix}/contents/{contentId}` streams it back;
//!   `GET …/{contentId}/meta` gives its description; `DELETE` removes it
//!   (and a pending upload in parts of that id).
//!
//! # Uploads in parts
//!
//! The client picks a fresh UUID as the content id (or names an existing
//! content of its organisation, to replace it) and sends the bytes in parts,
//! each a `PUT …/contents/{contentId}` whose body is the bytes START..=END
//! and whose `Content-Range` is `bytes START-END/TOTAL` (`TOTAL` may be `*`
//! until the last part; the first TOTAL given binds the upload, and a later
//! part — or status query — announcing another, or a part ending past it,
//! is refused 409 `conflict` before it is read, the staged bytes kept).
//! The part at 0 starts the upload and names it
//! (`X-Content-Name`, `X-Content-Type`, `Content-Type` as for `POST`); every
//! other part must start where the bytes received so far end, else 409 in
//! the Reestro error shape, saying the expected offset (and in a `Range`
//! header). The staged bytes are invisible: `GET`, `…/meta` and
//! `signatures/verify` see the content (or its old version) until the part
//! whose END+1 is TOTAL arrives; then the MD5 and size are computed over
//! everything staged and the content appears in one step: 201 with its
//! description (200 when it replaced one).
//!
//! A part that breaks off keeps what arrived, in whole chunks of 1 MiB when
//! the request is cancelled and to the last byte when the body reports the
//! failure; the client asks how much arrived and goes on from there:
//! `PUT` with an empty body and `Content-Range: bytes */TOTAL` (or
//! `bytes */*`) answers 308 with `Range: bytes=0-N` (no `Range` when
//! nothing arrived) — and every part that does not complete the upload
//! answers the same. When the upload already completed, that query answers
//! 200 with the content's description; when all TOTAL bytes are staged but
//! the completion was cut off, it completes it.
//!
//! A pending upload that receives nothing for `pending_upload_idle` (24 h
//! by default) is dropped with its bytes, checked whenever a part arrives.
//!
//! `md5` is upper-case hex; `size` is a decimal string, as the spec writes
//! sizes. Contents belong to the organisation of `portal.orgid`, and so do
//! their ids: each organisation has its own, so an id another organisation
//! uses is answered exactly as an unknown one on every route (no answer
//! tells whether it exists elsewhere), and an upload in parts under it
//! makes a content of this organisation's own.
//!
//! A content's name and short type are stored as given, so text with
//! control characters (CR, LF, NUL, …) is refused: 400 `validation`.

mod content_range;
mod incoming;
mod parts;

use axum::Json;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use signet_store::ContentMeta;
use utoipa::ToSchema;
use uuid::Uuid;

pub use self::content_range::{ContentRange, ContentRangeError, parse_content_range};
pub use self::incoming::content_type_of;
use self::incoming::incoming;
use super::auth::OrgAccess;
use super::error::{ErrorItem, ReestroError};
use super::path::ContentId;
use crate::state::AppState;

/// A content's description.
#[derive(Clone, Debug, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ContentDescription {
    /// The content's id.
    pub content_id: String,
    /// A short type: "pdf", "sig", …
    pub content_type: String,
    /// The name given at upload.
    pub content_name: String,
    /// MD5 of the bytes, upper-case hex.
    pub md5: String,
    /// Size in bytes, as a decimal string.
    pub size: String,
}

impl From<&ContentMeta> for ContentDescription {
    fn from(m: &ContentMeta) -> Self {
        ContentDescription {
            content_id: m.id.to_string(),
            content_type: m.content_type.clone(),
            content_name: m.name.clone(),
            md5: hex::encode_upper(m.md5),
            size: m.size.to_string(),
        }
    }
}

fn parse_id(id: &str) -> Result<Uuid, ReestroError> {
    Uuid::parse_str(id).map_err(|_| ReestroError::not_found(format!("no content {id}")))
}

/// 201 with the new content's description and its `Location`.
fn created(state: &AppState, meta: &ContentMeta) -> Response {
    let mut response = (StatusCode::CREATED, Json(ContentDescription::from(meta))).into_response();
    if let Ok(location) = HeaderValue::from_str(&format!(
        "{}/contents/{}",
        state.config.reestro_prefix, meta.id
    )) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// Upload a content.
#[utoipa::path(post, path = "/contents", tag = "reestro",
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The content (or multipart/form-data with a file part)"),
    params(
        ("X-Content-Name" = Option<String>, Header, description = "The content's name (UTF-8 or percent-encoded)"),
        ("X-Content-Type" = Option<String>, Header, description = "A short type: pdf, sig, …"),
    ),
    security(("reestro" = [])),
    responses(
        (status = 201, description = "Stored", body = ContentDescription),
        (status = 401, body = super::error::ErrorBody), (status = 403, body = super::error::ErrorBody),
        (status = 413, description = "Larger than the configured limit", body = super::error::ErrorBody),
    ))]
pub async fn upload(
    State(state): State<AppState>,
    access: OrgAccess,
    headers: HeaderMap,
    request: Request,
) -> Result<Response, ReestroError> {
    let (content, body) = incoming(&headers, request)
        .await?
        .into_content(access.organization);
    let meta = state
        .store
        .put_content(content, body, state.config.content_max_bytes)
        .await?;
    tracing::info!(content = %meta.id, size = meta.size, "content stored");
    Ok(created(&state, &meta))
}

/// Replace a content's bytes, or, with `Content-Range`, take a part of an
/// upload in parts (see the module documentation).
#[utoipa::path(put, path = "/contents/{contentId}", tag = "reestro",
    params(("contentId" = String, Path, description = "The content's id"),
        ("Content-Range" = Option<String>, Header, description = "`bytes START-END/TOTAL` (TOTAL may be `*` until the last part): one part of an upload in parts; `bytes */TOTAL` with an empty body asks how much has arrived. Without it the body replaces the content whole.")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    security(("reestro" = [])),
    responses(
        (status = 200, description = "Replaced (whole, or by the last part)", body = ContentDescription),
        (status = 201, description = "Created by the last part of an upload in parts", body = ContentDescription),
        (status = 308, description = "Resume Incomplete: the part was stored; `Range: bytes=0-N` says what has arrived"),
        (status = 400, body = super::error::ErrorBody),
        (status = 404, body = super::error::ErrorBody),
        (status = 409, description = "The part does not start where the received bytes end (the message and `Range` say where), or announces another TOTAL than the upload's first one", body = super::error::ErrorBody),
        (status = 413, body = super::error::ErrorBody),
    ))]
pub async fn replace(
    State(state): State<AppState>,
    access: OrgAccess,
    ContentId(id): ContentId,
    headers: HeaderMap,
    request: Request,
) -> Result<Response, ReestroError> {
    let id = parse_id(&id)?;
    if let Some(range) = headers.get(header::CONTENT_RANGE) {
        let range = parse_content_range(range.as_bytes()).map_err(|e| {
            ReestroError::validation(vec![ErrorItem::wrong("Content-Range", e.to_string())])
        })?;
        return parts::upload_in_parts(&state, access.organization, id, range, &headers, request)
            .await;
    }
    let (content, body) = incoming(&headers, request)
        .await?
        .into_content(access.organization);
    let meta = state
        .store
        .replace_content(id, content, body, state.config.content_max_bytes)
        .await?
        .ok_or_else(|| ReestroError::not_found(format!("no content {id}")))?;
    Ok(Json(ContentDescription::from(&meta)).into_response())
}

/// Download a content.
#[utoipa::path(get, path = "/contents/{contentId}", tag = "reestro",
    params(("contentId" = String, Path, description = "The content's id")),
    security(("reestro" = [])),
    responses((status = 200, description = "The bytes", content_type = "application/octet-stream"), (status = 404, body = super::error::ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    access: OrgAccess,
    ContentId(id): ContentId,
) -> Result<Response, ReestroError> {
    let id = parse_id(&id)?;
    let (meta, stream) = state
        .store
        .open_content(access.organization, id)
        .await?
        .ok_or_else(|| ReestroError::not_found(format!("no content {id}")))?;
    let mut response = Body::from_stream(stream).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(meta.size));
    if let Ok(v) = HeaderValue::from_str(&hex::encode_upper(meta.md5)) {
        h.insert("x-content-md5", v);
    }
    Ok(response)
}

/// A content's description.
#[utoipa::path(get, path = "/contents/{contentId}/meta", tag = "reestro",
    params(("contentId" = String, Path, description = "The content's id")),
    security(("reestro" = [])),
    responses((status = 200, body = ContentDescription), (status = 404, body = super::error::ErrorBody)))]
pub async fn meta(
    State(state): State<AppState>,
    access: OrgAccess,
    ContentId(id): ContentId,
) -> Result<Json<ContentDescription>, ReestroError> {
    let id = parse_id(&id)?;
    let meta = state
        .store
        .content_meta(access.organization, id)
        .await?
        .ok_or_else(|| ReestroError::not_found(format!("no content {id}")))?;
    Ok(Json(ContentDescription::from(&meta)))
}

/// Delete a content.
#[utoipa::path(delete, path = "/contents/{contentId}", tag = "reestro",
    params(("contentId" = String, Path, description = "The content's id")),
    security(("reestro" = [])),
    responses((status = 204, description = "Deleted"), (status = 404, body = super::error::ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    access: OrgAccess,
    ContentId(id): ContentId,
) -> Result<StatusCode, ReestroError> {
    let id = parse_id(&id)?;
    let content = state.store.delete_content(access.organization, id).await?;
    let upload = state.store.delete_upload(access.organization, id).await?;
    if content || upload {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ReestroError::not_found(format!("no content {id}")))
    }
}
