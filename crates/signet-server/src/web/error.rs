//! The web page's error answers: a status and `{"error": "…"}` for a
//! person — 400 a request that cannot be used, 413 too large, 429 over the
//! request budget, 500 only for real server faults (the cause is logged,
//! not shown).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The body of an error answer.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = WebError)]
pub struct ErrorBody {
    /// What went wrong, for a person.
    pub error: String,
}

/// An error of the page's API.
#[derive(Debug)]
pub struct WebError(StatusCode, String);

impl WebError {
    /// 400: the request cannot be used.
    pub fn bad_request(m: impl Into<String>) -> Self {
        WebError(StatusCode::BAD_REQUEST, m.into())
    }

    /// 413: too large.
    pub fn too_large(m: impl Into<String>) -> Self {
        WebError(StatusCode::PAYLOAD_TOO_LARGE, m.into())
    }

    /// 429: the client's request budget is spent.
    pub fn too_many_requests(m: impl Into<String>) -> Self {
        WebError(StatusCode::TOO_MANY_REQUESTS, m.into())
    }

    /// An extractor's rejection, with its status (400, 413, …).
    pub fn with_status(status: StatusCode, m: impl Into<String>) -> Self {
        WebError(status, m.into())
    }

    /// 500: a server fault; the cause is logged, not shown.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "web page request failed");
        WebError(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal server error".into(),
        )
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.0
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        (self.0, Json(ErrorBody { error: self.1 })).into_response()
    }
}
