//! The content a `POST` or `PUT` carries, and what it is called: the body
//! itself, or the first file part of a `multipart/form-data` body, as a
//! stream of bytes with the name and short type the module documentation
//! describes.

use axum::extract::multipart::MultipartError;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{HeaderMap, header};
use futures_util::{StreamExt, TryStreamExt};
use signet_store::{ByteStream, NewContent};
use uuid::Uuid;

use crate::reestro::error::{ErrorItem, ReestroError};

/// An upload: the content's name and type, and its bytes as they arrive.
pub(super) struct Incoming {
    /// The content's name.
    pub name: String,
    /// Its short type: "pdf", "sig", …
    pub content_type: String,
    /// Its bytes.
    pub bytes: ByteStream<'static>,
}

impl Incoming {
    /// The content to store in `organization`, and its bytes.
    pub fn into_content(self, organization: Uuid) -> (NewContent, ByteStream<'static>) {
        let content = NewContent {
            organization,
            name: self.name,
            content_type: self.content_type,
        };
        (content, self.bytes)
    }
}

/// Reads the request's content: the body, or the first file part of a
/// multipart body.
pub(super) async fn incoming(
    headers: &HeaderMap,
    request: Request,
) -> Result<Incoming, ReestroError> {
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
    let bytes = request
        .into_body()
        .into_data_stream()
        .map_err(|e| std::io::Error::other(e.to_string()))
        .boxed();
    named(headers, None, mime.as_deref(), bytes)
}

/// The name and type of an upload: `X-Content-Name`, else the file part's
/// name, else "content"; its short type from `X-Content-Type`, the name or
/// `mime`. Both are stored and shown as they are, so either with a control
/// character is refused (see [`printable`]).
fn named(
    headers: &HeaderMap,
    file_name: Option<String>,
    mime: Option<&str>,
    bytes: ByteStream<'static>,
) -> Result<Incoming, ReestroError> {
    let name = header_text(headers, "x-content-name")
        .or(file_name)
        .unwrap_or_else(|| "content".into());
    let content_type = content_type_of(
        header_text(headers, "x-content-type").as_deref(),
        &name,
        mime,
    );
    Ok(Incoming {
        name: printable("contentName", name)?,
        content_type: printable("contentType", content_type)?,
        bytes,
    })
}

/// `text`, a field taken from the client to be stored, when it holds no
/// control character (Unicode's Cc: U+0000–U+001F, U+007F–U+009F, so CR,
/// LF, NUL and tab): one would split a log line or a `Content-Disposition`
/// header made from it, or cut a C string short. Else 400 naming `target`.
fn printable(target: &str, text: String) -> Result<String, ReestroError> {
    match text.chars().find(|c| c.is_control()) {
        None => Ok(text),
        Some(c) => Err(ReestroError::validation(vec![ErrorItem::wrong(
            target,
            format!(
                "{target} must not contain control characters (it holds U+{:04X})",
                u32::from(c)
            ),
        )])),
    }
}

/// A file part's name and type.
struct FilePart {
    file_name: String,
    content_type: Option<String>,
}

/// Why a multipart body gave no file.
#[derive(Debug, thiserror::Error)]
enum FilePartError {
    /// Every part has no file name.
    #[error("the multipart body has no file part")]
    NoFilePart,
    /// The body is not well-formed multipart.
    #[error("{}", .0.body_text())]
    Malformed(MultipartError),
}

/// The first file part of a multipart body, streamed: a task owns the
/// `Multipart` (its fields borrow it) and passes the chunks through a small
/// channel, so memory stays bounded.
async fn multipart_file(
    headers: &HeaderMap,
    mut multipart: Multipart,
    mime: Option<String>,
) -> Result<Incoming, ReestroError> {
    let (part_tx, part_rx) = tokio::sync::oneshot::channel::<Result<FilePart, FilePartError>>();
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<bytes::Bytes, std::io::Error>>(4);
    tokio::spawn(async move {
        let mut part_tx = Some(part_tx);
        loop {
            match multipart.next_field().await {
                Ok(Some(mut field)) => {
                    let Some(file_name) = field.file_name().map(str::to_owned) else {
                        continue;
                    };
                    let content_type = field.content_type().map(str::to_owned);
                    if let Some(p) = part_tx.take() {
                        let _ = p.send(Ok(FilePart {
                            file_name,
                            content_type,
                        }));
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
                    if let Some(p) = part_tx.take() {
                        let _ = p.send(Err(FilePartError::NoFilePart));
                    }
                    return;
                }
                Err(e) => {
                    if let Some(p) = part_tx.take() {
                        let _ = p.send(Err(FilePartError::Malformed(e)));
                    }
                    return;
                }
            }
        }
    });
    let part = part_rx
        .await
        .map_err(|_| ReestroError::validation(vec![ErrorItem::absent("file")]))?
        .map_err(|e| ReestroError::validation(vec![ErrorItem::wrong("file", e.to_string())]))?;
    let bytes = tokio_stream::wrappers::ReceiverStream::new(rx).boxed();
    named(
        headers,
        Some(part.file_name),
        part.content_type.as_deref().or(mime.as_deref()),
        bytes,
    )
}

/// A header's text: UTF-8 (lossy), or percent-encoded UTF-8; `None` when
/// absent or blank.
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

/// `%XX` escapes of UTF-8 ([RFC 3986 section 2.1]); `None` when an escape
/// is broken or the result is not UTF-8.
///
/// [RFC 3986 section 2.1]: https://www.rfc-editor.org/rfc/rfc3986#section-2.1
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
    fn control_characters_are_refused() {
        for text in ["a\r\nb", "nul\0", "tab\there", "del\u{7f}", "c1\u{85}"] {
            assert!(printable("contentName", text.into()).is_err(), "{text:?}");
        }
        for text in ["Договор №1.pdf", "a b", "\u{2028}"] {
            assert_eq!(
                printable("contentName", text.into()).ok().as_deref(),
                Some(text)
            );
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
