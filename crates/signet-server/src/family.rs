//! Which API family a path belongs to, and that family's own error body
//! for the refusals the router's layers make before any handler runs (a
//! body over the limit, an overloaded service); and the body limit a family
//! puts on its routes.
//!
//! Each family has its own error format (the specs in `shared/spec`):
//!
//! | family | paths | error body |
//! |---|---|---|
//! | Kontur CryptoApi | `/v3/…` | `{"Message": "…"}` |
//! | Kontur auth | `/auth/…` | the description as text (spec 000) |
//! | Kontur Reestro | `{prefix}/contents…`, `{prefix}/signatures…` | `{code, message, target, errors}` |
//! | Cipher BIS | `/api/v1/…` | `{"message": "…"}` in the user's language |
//! | the web page | `/`, `/web/…`, `/assets/…` | `{"error": "…"}` |
//!
//! Anything else (`/healthz`, `/readyz`, `/docs`, unknown paths) answers in
//! Reestro's shape, whose `message` field also reads as Cipher BIS's.

use axum::Json;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceBuilder;
use tower::layer::util::{Identity, Stack};
use tower_http::limit::RequestBodyLimitLayer;

use crate::cipher::ticket::error::TicketError;
use crate::cipher::ticket::messages::{Msg, request_lang};
use crate::{cryptoapi, reestro, web};

/// The layers of a body limit of `bytes`: the `Content-Length` check up
/// front (413) and the cap on bodies that stream, which the extractors
/// (`Bytes`, `Json`, `Multipart`) also read as their own limit.
pub(crate) fn body_limit(
    bytes: usize,
) -> ServiceBuilder<Stack<DefaultBodyLimit, Stack<RequestBodyLimitLayer, Identity>>> {
    ServiceBuilder::new()
        .layer(RequestBodyLimitLayer::new(bytes))
        .layer(DefaultBodyLimit::max(bytes))
}

/// An API family: whose error format an answer takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    CryptoApi,
    KonturAuth,
    Reestro,
    CipherTicket,
    Web,
    /// Health, documentation and unknown paths.
    Service,
}

/// Why the router refused a request before its handler.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Refusal {
    /// 413: the body is larger than the family's limit (bytes).
    TooLarge(usize),
    /// 503 with `Retry-After: 1`: every place is taken
    /// (`ServerConfig::max_in_flight`).
    Overloaded,
}

impl Family {
    /// The family of `path`, with Reestro's routes under `reestro_prefix`
    /// (`""` or e.g. `/realty/crypto/v2`).
    pub(crate) fn of(path: &str, reestro_prefix: &str) -> Family {
        let under = |p: &str| {
            path == p || path.starts_with(p) && path.as_bytes().get(p.len()) == Some(&b'/')
        };
        let prefix = reestro_prefix.trim_end_matches('/');
        if under("/v3") {
            Family::CryptoApi
        } else if under("/auth") {
            Family::KonturAuth
        } else if under("/api/v1") {
            Family::CipherTicket
        } else if path == "/" || under("/web") || under("/assets") {
            Family::Web
        } else if path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with("/contents") || rest.starts_with("/signatures"))
        {
            Family::Reestro
        } else {
            Family::Service
        }
    }

    /// The family's answer to `refusal`, in the language the request's
    /// headers ask for where the family speaks several.
    pub(crate) fn refuse(self, refusal: Refusal, headers: &HeaderMap) -> Response {
        let (status, why) = match refusal {
            Refusal::TooLarge(limit) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the request body is larger than the limit of {limit} bytes"),
            ),
            Refusal::Overloaded => (
                StatusCode::SERVICE_UNAVAILABLE,
                "the service is overloaded, try again later".to_owned(),
            ),
        };
        let mut response = match (self, refusal) {
            (Family::CryptoApi, _) => {
                (status, Json(cryptoapi::error::ErrorBody { message: why })).into_response()
            }
            (Family::KonturAuth, _) => (status, why).into_response(),
            (Family::CipherTicket, Refusal::TooLarge(_)) => {
                TicketError::TooLarge(why).into_response_in(request_lang(headers))
            }
            (Family::CipherTicket, Refusal::Overloaded) => {
                TicketError::Unavailable(Msg::Overloaded).into_response_in(request_lang(headers))
            }
            (Family::Web, _) => web::WebError::with_status(status, why).into_response(),
            (Family::Reestro | Family::Service, Refusal::TooLarge(_)) => {
                reestro::error::ReestroError::too_large(why).into_response()
            }
            (Family::Reestro | Family::Service, Refusal::Overloaded) => {
                reestro::error::ReestroError::overloaded(why).into_response()
            }
        };
        if let Refusal::Overloaded = refusal {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_their_family() {
        for (path, prefix, family) in [
            ("/v3/validate", "", Family::CryptoApi),
            ("/auth/v5.9/approve-cert", "", Family::KonturAuth),
            ("/auth/authenticate-by-cert", "/r", Family::KonturAuth),
            ("/authx", "", Family::Service),
            ("/api/v1/ticket", "", Family::CipherTicket),
            ("/api/v1/ticket/1/ds/creator", "", Family::CipherTicket),
            ("/", "", Family::Web),
            ("/web/verify", "", Family::Web),
            ("/assets/web/app.js", "", Family::Web),
            ("/contents", "", Family::Reestro),
            ("/contents/1/meta", "", Family::Reestro),
            ("/signatures/verify", "", Family::Reestro),
            (
                "/realty/crypto/v2/contents",
                "/realty/crypto/v2",
                Family::Reestro,
            ),
            (
                "/realty/crypto/v2/signatures/verify",
                "/realty/crypto/v2/",
                Family::Reestro,
            ),
            ("/contents", "/realty/crypto/v2", Family::Service),
            ("/healthz", "", Family::Service),
            ("/docs/index.html", "", Family::Service),
        ] {
            assert_eq!(Family::of(path, prefix), family, "{path} under {prefix:?}");
        }
    }
}
