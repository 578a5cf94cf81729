//! CryptoApi's error answer: a status code and `{"Message": "…"}`.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The body of a CryptoApi error.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CryptoApiError)]
#[serde(rename_all = "PascalCase")]
pub struct ErrorBody {
    /// What went wrong, for a person.
    pub message: String,
}

/// A CryptoApi error.
#[derive(Debug)]
pub enum ApiError {
    /// 400 with a message: a malformed request or a signature that failed.
    BadRequest(String),
    /// 401: no or unknown token.
    Unauthorized(String),
    /// 204 with no body: a failed signature when DefaultOnFail is true.
    NoContent,
    /// 503: the service cannot work now.
    Unavailable(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            ApiError::NoContent => return StatusCode::NO_CONTENT.into_response(),
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            ApiError::Unauthorized(m) => {
                let mut r =
                    (StatusCode::UNAUTHORIZED, Json(ErrorBody { message: m })).into_response();
                r.headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                return r;
            }
            ApiError::Unavailable(m) => (StatusCode::SERVICE_UNAVAILABLE, m),
        };
        (status, Json(ErrorBody { message })).into_response()
    }
}
