//! `Authorization: Bearer <token>` (spec 003): a configured API key, or
//! the id of a live login session (from `/auth/v5.9/approve-cert`).
//!
//! [`Caller`] is an extractor of the request's head: a handler names it
//! before its body extractor, so that axum runs it first and a request
//! without a valid token is answered 401 before a byte of its body is
//! read (a 64 MiB body is not buffered for a caller who may not send it).

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;

use super::error::ApiError;
use crate::api_key::bearer_token;
use crate::state::AppState;

/// A caller that showed a valid token.
#[derive(Debug)]
pub struct Caller;

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        authorize(state, &parts.headers).await.map(|()| Caller)
    }
}

/// Checks `Authorization: Bearer`: 401 without a token or with one that
/// is neither an API key nor a live session's id.
async fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer_token)
        .ok_or_else(|| {
            ApiError::Unauthorized("an Authorization: Bearer token is required".into())
        })?;
    if state.api_keys.accepts(token) {
        return Ok(());
    }
    match crate::sessions::authenticate(state, token).await {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err(ApiError::Unauthorized(
            "the access token is not valid".into(),
        )),
        Err(e) => {
            tracing::warn!(error = %e, "session check failed");
            Err(ApiError::Unavailable(
                "the session store is unavailable".into(),
            ))
        }
    }
}
