//! Reestro's error answers (spec 002): 400 with
//! `{code: "validation", message, target, errors: [{code, message, target}]}`,
//! and 401 / 403 / 404 / 409 / 413 / 415 / 503 / 507 in the same shape with
//! their own codes.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// One problem found in a request.
#[derive(Clone, Debug, Serialize, ToSchema, PartialEq, Eq)]
pub struct ErrorItem {
    /// AbsenceOfRequiredField, UnexistentContent or WrongFieldValue.
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// The field concerned (`contentInfo.md5`, `signatures[1].contentId`).
    pub target: String,
}

impl ErrorItem {
    /// A required field is missing.
    pub fn absent(target: &str) -> Self {
        ErrorItem {
            code: "AbsenceOfRequiredField".into(),
            message: format!("{target} is required"),
            target: target.into(),
        }
    }

    /// A field has a wrong value.
    pub fn wrong(target: &str, message: impl Into<String>) -> Self {
        ErrorItem {
            code: "WrongFieldValue".into(),
            message: message.into(),
            target: target.into(),
        }
    }

    /// A content the request names does not exist in the organisation.
    pub fn unexistent(target: &str, content_id: &str) -> Self {
        ErrorItem {
            code: "UnexistentContent".into(),
            message: format!("content {content_id} was not found in this organisation"),
            target: target.into(),
        }
    }
}

/// The body of every Reestro error.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ReestroError)]
pub struct ErrorBody {
    /// "validation" for 400; "unauthorized", "forbidden", "notFound",
    /// "conflict", "tooLarge", "unsupportedMediaType", "unavailable",
    /// "insufficientStorage" otherwise.
    pub code: String,
    /// Summary.
    pub message: String,
    /// "api".
    pub target: String,
    /// The problems, for 400.
    pub errors: Vec<ErrorItem>,
}

/// A Reestro error.
#[derive(Debug)]
pub struct ReestroError {
    status: StatusCode,
    code: &'static str,
    message: String,
    errors: Vec<ErrorItem>,
    /// For a part at the wrong offset: the bytes staged, sent back as a
    /// `Range` header too.
    staged: Option<u64>,
}

/// The `Range` header of an upload in parts that holds `received` bytes,
/// as resumable uploads answer it (`bytes=0-N`, N the last byte held);
/// `None` when it holds nothing, which has no such range.
pub fn staged_range(received: u64) -> Option<HeaderValue> {
    let last = received.checked_sub(1)?;
    HeaderValue::from_str(&format!("bytes=0-{last}")).ok()
}

impl ReestroError {
    /// 400 with the problems found.
    pub fn validation(errors: Vec<ErrorItem>) -> Self {
        ReestroError {
            status: StatusCode::BAD_REQUEST,
            code: "validation",
            message: "Failed to validate request".into(),
            errors,
            staged: None,
        }
    }

    /// 401.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::plain(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// 403.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::plain(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 404 (content routes).
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::plain(StatusCode::NOT_FOUND, "notFound", message)
    }

    /// 409: a part of an upload in parts does not start where the staged
    /// bytes end. Says where in the message and, from byte 1 on, in a
    /// `Range` header as a status query answers it.
    pub fn wrong_offset(expected: u64) -> Self {
        ReestroError {
            status: StatusCode::CONFLICT,
            code: "conflict",
            message: format!(
                "the upload holds {expected} bytes: the next part must start at byte {expected}"
            ),
            errors: vec![ErrorItem::wrong(
                "Content-Range",
                format!("expected a part starting at byte {expected}"),
            )],
            staged: Some(expected),
        }
    }

    /// 409: a part of an upload in parts announces another TOTAL than the
    /// one the upload is bound to (the first one given), or ends past it.
    /// Nothing of the part was read.
    pub fn wrong_total(total: u64) -> Self {
        ReestroError {
            status: StatusCode::CONFLICT,
            code: "conflict",
            message: format!(
                "the upload is {total} bytes long, as an earlier part announced: \
                 a part cannot change that"
            ),
            errors: vec![ErrorItem::wrong(
                "Content-Range",
                format!("expected a part inside a TOTAL of {total} bytes"),
            )],
            staged: None,
        }
    }

    /// 409 (content routes).
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::plain(StatusCode::CONFLICT, "conflict", message)
    }

    /// 413.
    pub fn too_large(message: impl Into<String>) -> Self {
        Self::plain(StatusCode::PAYLOAD_TOO_LARGE, "tooLarge", message)
    }

    /// 415.
    pub fn unsupported_media_type(message: impl Into<String>) -> Self {
        Self::plain(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupportedMediaType",
            message,
        )
    }

    /// 503: the store or the engine cannot work now; the cause is logged.
    pub fn unavailable(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "reestro request failed");
        Self::plain(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "the service is unavailable, try again later",
        )
    }

    /// 503: too many requests in flight (`ServerConfig::max_in_flight`);
    /// not logged as an error — shedding is the guard working.
    pub fn overloaded(message: impl Into<String>) -> Self {
        Self::plain(StatusCode::SERVICE_UNAVAILABLE, "unavailable", message)
    }

    /// 507: the disk (or the quota) that keeps contents is full. Not 503:
    /// retrying will not help until an operator makes room, so the client
    /// is told so. The upload's bytes were not kept (an upload in parts
    /// keeps the parts it had completed); the cause is logged.
    pub fn insufficient_storage(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "no room to store a content");
        Self::plain(
            StatusCode::INSUFFICIENT_STORAGE,
            "insufficientStorage",
            "the server has no room to store the content",
        )
    }

    fn plain(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ReestroError {
            status,
            code,
            message: message.into(),
            errors: Vec::new(),
            staged: None,
        }
    }
}

impl From<signet_store::StoreError> for ReestroError {
    fn from(e: signet_store::StoreError) -> Self {
        match e {
            signet_store::StoreError::TooLarge { limit } => ReestroError::too_large(format!(
                "the content is larger than the limit of {limit} bytes"
            )),
            signet_store::StoreError::Body(e) => ReestroError::validation(vec![ErrorItem::wrong(
                "body",
                format!("the upload was interrupted: {e}"),
            )]),
            signet_store::StoreError::NotFound { what } => {
                ReestroError::forbidden(format!("{what} not found"))
            }
            signet_store::StoreError::UploadOffset { expected } => {
                ReestroError::wrong_offset(expected)
            }
            signet_store::StoreError::UploadTotal { total } => ReestroError::wrong_total(total),
            signet_store::StoreError::Blob(e) if is_out_of_room(&e) => {
                ReestroError::insufficient_storage(e)
            }
            e @ signet_store::StoreError::Full(_) => ReestroError::insufficient_storage(e),
            other => ReestroError::unavailable(other),
        }
    }
}

/// ENOSPC, EDQUOT or EFBIG: the content does not fit where it is kept.
fn is_out_of_room(e: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        e.kind(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge
    )
}

impl IntoResponse for ReestroError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            Json(ErrorBody {
                code: self.code.into(),
                message: self.message,
                target: "api".into(),
                errors: self.errors,
            }),
        )
            .into_response();
        if let Some(range) = self.staged.and_then(staged_range) {
            response.headers_mut().insert(header::RANGE, range);
        }
        response
    }
}
