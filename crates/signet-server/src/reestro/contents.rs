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
//! until the last part). The part at 0 starts the upload and names it
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
//! sizes. Contents belong to the organisation of `portal.orgid`; another
//! organisation's content is "not found".

use axum::Json;
use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::{StreamExt, TryStreamExt};
use serde::Serialize;
use signet_store::{ByteStream, CompletedUpload, ContentMeta, NewContent, StoreError, now_unix};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::authorize;
use super::error::{ErrorItem, ReestroError, staged_range};
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

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    let raw = headers.get(name)?.as_bytes();
    let text = String::from_utf8_lossy(raw).trim().to_owned();
    let text = if text.contains('%') {
        percent_decode(&text).unwrap_or(text)
    } else {
        text
    };
    (!text.is_empty()).then_some(text)
}

fn percent_decode(s: &str) -> Option<String> {
    let mut out = Vec::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The short type of a content (see the module documentation).
pub fn content_type_of(explicit: Option<&str>, name: &str, mime: Option<&str>) -> String {
    if let Some(t) = explicit.map(str::trim).filter(|t| !t.is_empty()) {
        return t.to_ascii_lowercase();
    }
    if let Some((_, ext)) = name.rsplit_once('.')
        && !ext.is_empty()
        && ext.len() <= 10
    {
        let ext = ext.to_ascii_lowercase();
        return match ext.as_str() {
            "p7s" | "p7m" | "sgn" | "sig" => "sig".into(),
            _ => ext,
        };
    }
    mime.and_then(|m| m.split(';').next())
        .and_then(|m| m.split_once('/'))
        .map(|(_, sub)| sub.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty() && s != "octet-stream")
        .unwrap_or_else(|| "bin".into())
}

/// The content to store: its description and its bytes as a stream.
async fn incoming(
    headers: &HeaderMap,
    request: Request,
) -> Result<(NewContentParts, ByteStream<'static>), ReestroError> {
    let mime = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if mime
        .as_deref()
        .is_some_and(|m| m.starts_with("multipart/form-data"))
    {
        let multipart = Multipart::from_request(request, &())
            .await
            .map_err(|e| ReestroError::validation(vec![ErrorItem::wrong("body", e.body_text())]))?;
        return multipart_file(headers, multipart, mime).await;
    }
    let name = header_text(headers, "x-content-name").unwrap_or_else(|| "content".into());
    let ty = content_type_of(
        header_text(headers, "x-content-type").as_deref(),
        &name,
        mime.as_deref(),
    );
    let stream = request
        .into_body()
        .into_data_stream()
        .map_err(|e| std::io::Error::other(e.to_string()))
        .boxed();
    Ok((
        NewContentParts {
            name,
            content_type: ty,
        },
        stream,
    ))
}

/// The first file part of a multipart body, streamed: a task owns the
/// `Multipart` (its fields borrow it) and passes the chunks through a small
/// channel, so memory stays bounded.
async fn multipart_file(
    headers: &HeaderMap,
    mut multipart: Multipart,
    mime: Option<String>,
) -> Result<(NewContentParts, ByteStream<'static>), ReestroError> {
    let (meta_tx, meta_rx) =
        tokio::sync::oneshot::channel::<Result<(String, Option<String>), String>>();
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<bytes::Bytes, std::io::Error>>(4);
    tokio::spawn(async move {
        let mut meta_tx = Some(meta_tx);
        loop {
            match multipart.next_field().await {
                Ok(Some(mut field)) => {
                    let Some(file_name) = field.file_name().map(str::to_owned) else {
                        continue;
                    };
                    let part_type = field.content_type().map(str::to_owned);
                    if let Some(m) = meta_tx.take() {
                        let _ = m.send(Ok((file_name, part_type)));
                    }
                    loop {
                        match field.chunk().await {
                            Ok(Some(bytes)) => {
                                if tx.send(Ok(bytes)).await.is_err() {
                                    return;
                                }
                            }
                            Ok(None) => return,
                            Err(e) => {
                                let _ = tx.send(Err(std::io::Error::other(e.body_text()))).await;
                                return;
                            }
                        }
                    }
                }
                Ok(None) => {
                    if let Some(m) = meta_tx.take() {
                        let _ = m.send(Err("the multipart body has no file part".into()));
                    }
                    return;
                }
                Err(e) => {
                    if let Some(m) = meta_tx.take() {
                        let _ = m.send(Err(e.body_text()));
                    }
                    return;
                }
            }
        }
    });
    let (file_name, part_type) = meta_rx
        .await
        .map_err(|_| ReestroError::validation(vec![ErrorItem::absent("file")]))?
        .map_err(|m| ReestroError::validation(vec![ErrorItem::wrong("file", m)]))?;
    let name = header_text(headers, "x-content-name").unwrap_or(file_name);
    let ty = content_type_of(
        header_text(headers, "x-content-type").as_deref(),
        &name,
        part_type.as_deref().or(mime.as_deref()),
    );
    let stream = tokio_stream::wrappers::ReceiverStream::new(rx).boxed();
    Ok((
        NewContentParts {
            name,
            content_type: ty,
        },
        stream,
    ))
}

struct NewContentParts {
    name: String,
    content_type: String,
}

fn parse_id(id: &str) -> Result<Uuid, ReestroError> {
    Uuid::parse_str(id).map_err(|_| ReestroError::not_found(format!("no content {id}")))
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
    headers: HeaderMap,
    request: Request,
) -> Result<Response, ReestroError> {
    let access = authorize(&state, &headers).await?;
    let (parts, body) = incoming(&headers, request).await?;
    let meta = state
        .store
        .put_content(
            NewContent {
                organization: access.organization,
                name: parts.name,
                content_type: parts.content_type,
            },
            body,
            state.config.content_max_bytes,
        )
        .await?;
    tracing::info!(content = %meta.id, size = meta.size, "content stored");
    let mut response = (StatusCode::CREATED, Json(ContentDescription::from(&meta))).into_response();
    if let Ok(location) = HeaderValue::from_str(&format!(
        "{}/contents/{}",
        state.config.reestro_prefix, meta.id
    )) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
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
        (status = 409, description = "The part does not start where the received bytes end (the message and `Range` say where), or the id belongs to another organisation", body = super::error::ErrorBody),
        (status = 413, body = super::error::ErrorBody),
    ))]
pub async fn replace(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    request: Request,
) -> Result<Response, ReestroError> {
    let access = authorize(&state, &headers).await?;
    let id = parse_id(&id)?;
    if let Some(range) = headers.get(header::CONTENT_RANGE) {
        let range = parse_content_range(range.as_bytes())
            .map_err(|m| ReestroError::validation(vec![ErrorItem::wrong("Content-Range", m)]))?;
        return upload_in_parts(&state, access.organization, id, range, &headers, request).await;
    }
    let (parts, body) = incoming(&headers, request).await?;
    let meta = state
        .store
        .replace_content(
            id,
            NewContent {
                organization: access.organization,
                name: parts.name,
                content_type: parts.content_type,
            },
            body,
            state.config.content_max_bytes,
        )
        .await?
        .ok_or_else(|| ReestroError::not_found(format!("no content {id}")))?;
    Ok(Json(ContentDescription::from(&meta)).into_response())
}

/// A `Content-Range` header of a part ([RFC 9110 section 14.4]), or of a
/// query of how much of an upload has arrived.
///
/// [RFC 9110 section 14.4]: https://www.rfc-editor.org/rfc/rfc9110#section-14.4
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContentRange {
    /// `bytes START-END/TOTAL`, or `bytes START-END/*` while the total is
    /// not known: the body is bytes START..=END of the content.
    Part {
        /// The offset of the body's first byte.
        start: u64,
        /// The offset of its last byte (inclusive).
        end: u64,
        /// The content's whole length, when given.
        total: Option<u64>,
    },
    /// `bytes */TOTAL`, or `bytes */*`: how much has arrived?
    Query {
        /// The content's whole length, when given.
        total: Option<u64>,
    },
}

/// Parses a `Content-Range` value:
///
/// ```text
/// Content-Range     = range-unit SP ( range-resp / unsatisfied-range )
/// range-resp        = incl-range "/" ( complete-length / "*" )
/// incl-range        = first-pos "-" last-pos
/// unsatisfied-range = "*/" complete-length
/// ```
///
/// with `bytes` as the only unit, and `*/*` also taken as a query (as
/// resumable uploads of Google Cloud Storage do). A range must be in order
/// and inside the total. The error says what is wrong.
pub fn parse_content_range(value: &[u8]) -> Result<ContentRange, String> {
    let text = std::str::from_utf8(value)
        .ok()
        .filter(|t| t.is_ascii())
        .ok_or("Content-Range must be ASCII")?
        .trim();
    let (unit, rest) = text
        .split_once([' ', '\t'])
        .ok_or("Content-Range must be \"bytes START-END/TOTAL\" or \"bytes */TOTAL\"")?;
    if !unit.eq_ignore_ascii_case("bytes") {
        return Err(format!("Content-Range unit {unit:?} is not \"bytes\""));
    }
    let (range, total) = rest
        .trim_start()
        .split_once('/')
        .ok_or("Content-Range has no \"/TOTAL\"")?;
    let total = match total {
        "*" => None,
        digits => Some(position(digits, "TOTAL")?),
    };
    if range == "*" {
        return Ok(ContentRange::Query { total });
    }
    let (start, end) = range
        .split_once('-')
        .ok_or("Content-Range must give START-END")?;
    let (start, end) = (position(start, "START")?, position(end, "END")?);
    if end < start {
        return Err(format!("Content-Range END {end} is before START {start}"));
    }
    if let Some(total) = total
        && end >= total
    {
        return Err(format!(
            "Content-Range END {end} is past the TOTAL of {total} bytes"
        ));
    }
    Ok(ContentRange::Part { start, end, total })
}

/// One decimal number of a `Content-Range`: digits only, fitting in 64
/// bits.
fn position(digits: &str, what: &str) -> Result<u64, String> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("Content-Range {what} {digits:?} is not a number"));
    }
    digits
        .parse()
        .map_err(|_| format!("Content-Range {what} {digits} is too large"))
}

/// `PUT …/contents/{id}` with a `Content-Range`.
async fn upload_in_parts(
    state: &AppState,
    organization: Uuid,
    id: Uuid,
    range: ContentRange,
    headers: &HeaderMap,
    request: Request,
) -> Result<Response, ReestroError> {
    let idle = i64::try_from(state.config.pending_upload_idle.as_secs()).unwrap_or(i64::MAX);
    let expired = state
        .store
        .expire_uploads(now_unix().saturating_sub(idle))
        .await?;
    if expired > 0 {
        tracing::info!(expired, "dropped idle uploads in parts");
    }
    let (start, end, total) = match range {
        ContentRange::Query { total } => return upload_query(state, organization, id, total).await,
        ContentRange::Part { start, end, total } => (start, end, total),
    };
    let limit = state.config.content_max_bytes;
    if total.unwrap_or(end.saturating_add(1)) > limit {
        return Err(ReestroError::too_large(format!(
            "the content is larger than the limit of {limit} bytes"
        )));
    }
    let part_len = (end - start).saturating_add(1);
    let (parts, body) = incoming(headers, request).await?;
    let new = NewContent {
        organization,
        name: parts.name,
        content_type: parts.content_type,
    };
    let pending = match state
        .store
        .append_upload(id, new, start, body, part_len)
        .await
    {
        Ok(pending) => pending,
        Err(StoreError::TooLarge { .. }) => {
            return Err(ReestroError::validation(vec![ErrorItem::wrong(
                "Content-Range",
                format!("the body is longer than the {part_len} bytes Content-Range announces"),
            )]));
        }
        Err(e) => return Err(e.into()),
    };
    if total == Some(pending.received) {
        return complete(state, organization, id, pending.received).await;
    }
    Ok(resume_incomplete(pending.received))
}

/// `Content-Range: bytes */TOTAL`: how much has arrived.
async fn upload_query(
    state: &AppState,
    organization: Uuid,
    id: Uuid,
    total: Option<u64>,
) -> Result<Response, ReestroError> {
    if let Some(pending) = state.store.upload_status(organization, id).await? {
        // Everything arrived but the completion was cut off: finish it.
        if pending.received > 0 && total == Some(pending.received) {
            return complete(state, organization, id, pending.received).await;
        }
        return Ok(resume_incomplete(pending.received));
    }
    match state.store.content_meta(organization, id).await? {
        // Completed already (the answer to the last part was lost).
        Some(meta) => Ok(Json(ContentDescription::from(&meta)).into_response()),
        None => Ok(resume_incomplete(0)),
    }
}

/// Makes a fully staged upload a content: 201 (200 when it replaced one).
async fn complete(
    state: &AppState,
    organization: Uuid,
    id: Uuid,
    size: u64,
) -> Result<Response, ReestroError> {
    let Some(CompletedUpload { meta, replaced }) =
        state.store.complete_upload(organization, id, size).await?
    else {
        // Dropped (deleted, expired) since its last part.
        return Err(ReestroError::wrong_offset(0));
    };
    tracing::info!(content = %meta.id, size = meta.size, replaced, "content stored from parts");
    if replaced {
        return Ok(Json(ContentDescription::from(&meta)).into_response());
    }
    let mut response = (StatusCode::CREATED, Json(ContentDescription::from(&meta))).into_response();
    if let Ok(location) = HeaderValue::from_str(&format!(
        "{}/contents/{}",
        state.config.reestro_prefix, meta.id
    )) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// 308 with `Range: bytes=0-N`, the bytes received so far (no `Range` when
/// none), as resumable uploads answer a part that does not complete them.
fn resume_incomplete(received: u64) -> Response {
    let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
    if let Some(range) = staged_range(received) {
        response.headers_mut().insert(header::RANGE, range);
    }
    response
}

/// Download a content.
#[utoipa::path(get, path = "/contents/{contentId}", tag = "reestro",
    params(("contentId" = String, Path, description = "The content's id")),
    security(("reestro" = [])),
    responses((status = 200, description = "The bytes", content_type = "application/octet-stream"), (status = 404, body = super::error::ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ReestroError> {
    let access = authorize(&state, &headers).await?;
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
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<ContentDescription>, ReestroError> {
    let access = authorize(&state, &headers).await?;
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
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<StatusCode, ReestroError> {
    let access = authorize(&state, &headers).await?;
    let id = parse_id(&id)?;
    let content = state.store.delete_content(access.organization, id).await?;
    let upload = state.store.delete_upload(access.organization, id).await?;
    if content || upload {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ReestroError::not_found(format!("no content {id}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert_eq!(content_type_of(Some("PDF"), "x", None), "pdf");
        assert_eq!(content_type_of(None, "Договор.pdf", None), "pdf");
        assert_eq!(content_type_of(None, "Договор.pdf.p7s", None), "sig");
        assert_eq!(
            content_type_of(None, "doc", Some("application/xml; charset=utf-8")),
            "xml"
        );
        assert_eq!(
            content_type_of(None, "doc", Some("application/octet-stream")),
            "bin"
        );
        assert_eq!(content_type_of(None, "doc", None), "bin");
    }

    #[test]
    fn content_ranges() {
        let part = |start, end, total| Ok(ContentRange::Part { start, end, total });
        let query = |total| Ok(ContentRange::Query { total });
        for (value, expected) in [
            ("bytes 0-99/100", part(0, 99, Some(100))),
            ("bytes 100-199/*", part(100, 199, None)),
            ("  Bytes  5-5/6 ", part(5, 5, Some(6))),
            ("bytes */100", query(Some(100))),
            ("bytes */*", query(None)),
            ("bytes */0", query(Some(0))),
            (
                "bytes 0-18446744073709551614/18446744073709551615",
                part(0, u64::MAX - 1, Some(u64::MAX)),
            ),
        ] {
            assert_eq!(parse_content_range(value.as_bytes()), expected, "{value}");
        }
        for bad in [
            "",
            "bytes",
            "bytes 0-99",
            "bytes=0-99/100",
            "items 0-99/100",
            "bytes 99-0/100",
            "bytes 0-100/100",
            "bytes 0-0/0",
            "bytes -5/100",
            "bytes 5-/100",
            "bytes +1-2/3",
            "bytes 0x1-2/3",
            "bytes 1-2/3/4",
            "bytes 1 - 2/3",
            "bytes */",
            "bytes */-1",
            "bytes 0-18446744073709551616/*",
            "bytes 0-1/99999999999999999999",
            "bytes 0-1/١٢",
        ] {
            assert!(parse_content_range(bad.as_bytes()).is_err(), "{bad:?}");
        }
        assert!(parse_content_range(b"bytes 0-1/\xff").is_err());
    }

    proptest::proptest! {
        /// Whatever the header holds, the parser answers without panicking,
        /// and what it accepts is a range in order inside its total.
        #[test]
        fn content_range_never_panics(value in proptest::collection::vec(proptest::num::u8::ANY, 0..40)) {
            if let Ok(ContentRange::Part { start, end, total }) = parse_content_range(&value) {
                proptest::prop_assert!(start <= end);
                proptest::prop_assert!(total.is_none_or(|t| end < t));
            }
        }

        /// Every well-formed range parses back to its numbers.
        #[test]
        fn content_range_round_trips(start in 0u64..u64::MAX / 2, len in 1u64..1 << 40, extra in 0u64..1 << 40, known in proptest::bool::ANY) {
            let end = start + len - 1;
            let total = known.then_some(end + 1 + extra);
            let text = format!("bytes {start}-{end}/{}", total.map_or("*".into(), |t| t.to_string()));
            proptest::prop_assert_eq!(parse_content_range(text.as_bytes()), Ok(ContentRange::Part { start, end, total }));
        }

        /// Text that looks like a range but is not one (a real range with
        /// one character changed) is refused or read as a valid range,
        /// never a panic.
        #[test]
        fn mangled_content_ranges_never_panic(start in 0u64..1000, end in 0u64..1000, total in 0u64..1000, at in 0usize..20, with in "[-*/ 0-9a-z]") {
            let mut text = format!("bytes {start}-{end}/{total}").into_bytes();
            let at = at % text.len();
            text.splice(at..=at, with.bytes());
            let _ = parse_content_range(&text);
        }
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(
            percent_decode("%D0%94%D0%BE%D0%B3.pdf").as_deref(),
            Some("Дог.pdf")
        );
        assert_eq!(percent_decode("bad%zz"), None);
    }
}
