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
//!   atomically (resuming a broken upload is not supported: upload again).
//! - `GET {prefix}/contents/{contentId}` streams it back;
//!   `GET …/{contentId}/meta` gives its description; `DELETE` removes it.
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
use signet_store::{ByteStream, ContentMeta, NewContent};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::authorize;
use super::error::{ErrorItem, ReestroError};
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

/// Replace a content's bytes.
#[utoipa::path(put, path = "/contents/{contentId}", tag = "reestro",
    params(("contentId" = String, Path, description = "The content's id")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    security(("reestro" = [])),
    responses(
        (status = 200, description = "Replaced", body = ContentDescription),
        (status = 404, body = super::error::ErrorBody), (status = 413, body = super::error::ErrorBody),
    ))]
pub async fn replace(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    request: Request,
) -> Result<Json<ContentDescription>, ReestroError> {
    let access = authorize(&state, &headers).await?;
    let id = parse_id(&id)?;
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
    Ok(Json(ContentDescription::from(&meta)))
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
    if state.store.delete_content(access.organization, id).await? {
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
    fn percent_decoding() {
        assert_eq!(
            percent_decode("%D0%94%D0%BE%D0%B3.pdf").as_deref(),
            Some("Дог.pdf")
        );
        assert_eq!(percent_decode("bad%zz"), None);
    }
}
