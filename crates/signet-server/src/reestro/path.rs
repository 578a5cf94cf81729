//! The content id of a Reestro path (`…/contents/{contentId}`), read so
//! that every answer about it is in Reestro's own error shape: axum's
//! `Path` answers a segment that does not percent-decode to UTF-8
//! ([RFC 3986 section 2.1], e.g. `%FF`) with a plain-text 400, which a
//! Reestro client cannot read; here it is a `validation` 400 naming
//! `contentId`. What decodes is checked by the handler, after the
//! caller's session (a text that is not a UUID names no content: 404).
//!
//! [RFC 3986 section 2.1]: https://www.rfc-editor.org/rfc/rfc3986#section-2.1

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use super::error::{ErrorItem, ReestroError};

/// The `{content_id}` of a content route, percent-decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ContentId {
    type Rejection = ReestroError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|rejection| {
                ReestroError::validation(vec![ErrorItem::wrong(
                    "contentId",
                    format!(
                        "the content id in the path cannot be read: {}",
                        rejection.body_text()
                    ),
                )])
            })?;
        Ok(ContentId(id))
    }
}
