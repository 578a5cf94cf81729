//! Kontur auth's error answers (spec 000): a status code and the reason as
//! plain text — 400 a missing or malformed parameter or body, 403 a wrong,
//! reused or lapsed key or too many attempts, 406 a certificate that is not
//! valid, 503 a store that does not answer, 500 only for real server
//! faults. The cause of a 500 or 503 is logged, not shown.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// An error of the auth API.
#[derive(Debug)]
pub enum AuthError {
    /// 400: a parameter or the body is missing or cannot be used; the text
    /// says which.
    BadRequest(String),
    /// 403: the key is wrong, used or lapsed, the refresh token is spent,
    /// or the attempts are over budget; the text says which.
    Forbidden(String),
    /// 406: the certificate is not valid (chain, dates, trust, revocation)
    /// or cannot receive an encrypted key; the text says why.
    NotAcceptable(String),
    /// 503: the store is down or overloaded; the client may retry.
    Unavailable,
    /// 500: a server fault.
    Internal,
}

impl AuthError {
    /// A store failure: [`AuthError::Unavailable`] when the database is
    /// down or overloaded, [`AuthError::Internal`] otherwise; the cause is
    /// logged.
    pub fn store(e: signet_store::StoreError) -> Self {
        if e.is_unavailable() {
            tracing::error!(cause = %e, "auth request failed: the store is unavailable");
            AuthError::Unavailable
        } else {
            Self::internal(e)
        }
    }

    /// A server fault; the cause is logged.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "auth request failed");
        AuthError::Internal
    }
}

impl IntoResponse for AuthError {
    fn into_response(self) -> Response {
        let (status, reason) = match self {
            AuthError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            AuthError::Forbidden(m) => (StatusCode::FORBIDDEN, m),
            AuthError::NotAcceptable(m) => (StatusCode::NOT_ACCEPTABLE, m),
            AuthError::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "the service is unavailable, try again later".to_owned(),
            ),
            AuthError::Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal server error".to_owned(),
            ),
        };
        let mut r = (status, reason).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        r
    }
}
