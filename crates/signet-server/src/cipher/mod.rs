//! Cipher BIS ticket API (spec 001): the certificate-info rendering shared
//! by the ticket API and `signet inspect --cipher`.

pub mod certinfo;
pub(crate) mod labels;
pub mod ticket;

use axum::Router;
use axum::routing::{delete, get, post, put};

use self::ticket::handlers;
use crate::config::ServerConfig;
use crate::family::body_limit;
use crate::state::AppState;

/// The ticket API's routes, with its body limit (`ticket_max_body_bytes`:
/// data, signatures and key containers travel in the body).
pub fn routes(config: &ServerConfig) -> Router<AppState> {
    Router::new()
        .route("/api/v1/ticket", post(handlers::create))
        .route("/api/v1/ticket/{uuid}", delete(handlers::delete))
        .route("/api/v1/ticket/{uuid}/option", put(handlers::set_options))
        .route("/api/v1/ticket/{uuid}/data", post(handlers::upload_data))
        .route(
            "/api/v1/ticket/{uuid}/ds/data",
            post(handlers::upload_signature).get(handlers::signature_bytes),
        )
        .route(
            "/api/v1/ticket/{uuid}/ds/base64Data",
            get(handlers::signature_base64),
        )
        .route(
            "/api/v1/ticket/{uuid}/keyStore",
            put(handlers::upload_key_store),
        )
        .route(
            "/api/v1/ticket/{uuid}/keyStore/certificate/info/{key_type}",
            put(handlers::certificate_info),
        )
        // The spec's own example calls this path.
        .route(
            "/api/v1/ticket/{uuid}/keyStore/certificateInfo/{key_type}",
            put(handlers::certificate_info),
        )
        .route(
            "/api/v1/ticket/{uuid}/keyStore/certificate/base64/{key_type}",
            put(handlers::certificate_base64),
        )
        .route(
            "/api/v1/ticket/{uuid}/ds/creator",
            post(handlers::start_creator).get(handlers::creator_status),
        )
        .route(
            "/api/v1/ticket/{uuid}/ds/verifier",
            post(handlers::start_verifier).get(handlers::verifier_result),
        )
        .route(
            "/api/v1/protectedParameters/certificate",
            get(handlers::protection_certificate),
        )
        .layer(body_limit(config.ticket_max_body_bytes))
}
