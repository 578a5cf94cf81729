//! The ticket API's error answers, as Cipher BIS gives them: 400
//! `{message}` for a malformed request or an unknown ticket, 500
//! `{message, failureCause}` for an operation that failed (wrong password,
//! bad container, bad signature), 503 `{message}` when the service cannot
//! work (store down, too many tickets). The spec has no answer for a client
//! over its share of tickets; signet answers 429 `{message}` with
//! `Retry-After` ([RFC 6585 section 4]).
//!
//! [RFC 6585 section 4]: https://datatracker.ietf.org/doc/html/rfc6585#section-4

use std::time::Duration;

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use signet_pki::Lang;
use utoipa::ToSchema;

use super::messages::Msg;

/// `{message}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageBody {
    /// What happened, in the user's language.
    pub message: String,
}

/// `{message, failureCause}`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FailureBody {
    /// What failed, in the user's language.
    pub message: String,
    /// Why.
    pub failure_cause: String,
}

/// A failed ticket call.
#[derive(Debug, thiserror::Error)]
pub enum TicketError {
    /// 400: the ticket does not exist (or has expired).
    #[error("no such ticket")]
    NoTicket,
    /// 400: the request itself is wrong; the text says how.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// 413: the body is over the limit; the text says which.
    #[error("too large: {0}")]
    TooLarge(String),
    /// 500: the operation failed.
    #[error("{cause}")]
    Failed {
        /// The summary.
        message: Msg,
        /// The reason.
        cause: String,
    },
    /// 429: this client is over its share of tickets.
    #[error("too many: {message:?}")]
    TooMany {
        /// Which share.
        message: Msg,
        /// When to try again.
        retry_after: Duration,
    },
    /// 503: the service cannot take the request now.
    #[error("unavailable: {0:?}")]
    Unavailable(Msg),
}

impl TicketError {
    /// A failed operation.
    pub fn failed(message: Msg, cause: impl std::fmt::Display) -> Self {
        TicketError::Failed {
            message,
            cause: cause.to_string(),
        }
    }

    /// A client over its share, who may try again after `retry_after`.
    pub fn too_many(message: Msg, retry_after: Duration) -> Self {
        TicketError::TooMany {
            message,
            retry_after,
        }
    }

    /// The response in `lang`.
    pub fn into_response_in(self, lang: Lang) -> Response {
        match self {
            TicketError::NoTicket => message(StatusCode::BAD_REQUEST, Msg::NoTicket.text(lang)),
            TicketError::BadRequest(why) => message(
                StatusCode::BAD_REQUEST,
                &format!("{} {why}", Msg::BadRequest.text(lang)),
            ),
            TicketError::TooLarge(why) => message(
                StatusCode::PAYLOAD_TOO_LARGE,
                &format!("{} {why}", Msg::BadRequest.text(lang)),
            ),
            TicketError::Failed { message, cause } => (
                StatusCode::INTERNAL_SERVER_ERROR,
                Json(FailureBody {
                    message: message.text(lang).to_owned(),
                    failure_cause: cause,
                }),
            )
                .into_response(),
            TicketError::TooMany {
                message: msg,
                retry_after,
            } => {
                let mut response = message(StatusCode::TOO_MANY_REQUESTS, msg.text(lang));
                // Whole seconds, rounded up, at least 1 (RFC 9110 10.2.3).
                let secs = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
                response
            }
            TicketError::Unavailable(msg) => {
                message(StatusCode::SERVICE_UNAVAILABLE, msg.text(lang))
            }
        }
    }
}

fn message(status: StatusCode, text: &str) -> Response {
    (
        status,
        Json(MessageBody {
            message: text.to_owned(),
        }),
    )
        .into_response()
}

/// A ticket call's answer or error with the language of the request: an
/// error is worded in it when it becomes a response (an answer's body was
/// worded when it was made).
#[derive(Debug)]
pub struct Localized<T>(pub Lang, pub T);

/// What a ticket handler returns.
pub type Answer<T> = Result<Localized<T>, Localized<TicketError>>;

/// `result` as the answer to a request in `lang`.
pub fn localize<T>(lang: Lang, result: Result<T, TicketError>) -> Answer<T> {
    result
        .map(|body| Localized(lang, body))
        .map_err(|e| Localized(lang, e))
}

impl<T: IntoResponse> IntoResponse for Localized<T> {
    fn into_response(self) -> Response {
        self.1.into_response()
    }
}

impl IntoResponse for Localized<TicketError> {
    fn into_response(self) -> Response {
        self.1.into_response_in(self.0)
    }
}
