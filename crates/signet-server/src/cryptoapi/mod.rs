//! Kontur CryptoApi (spec 003): `POST /v3/validate`, and the certificate
//! rendering it shares with `signet inspect --json`.

pub mod auth;
pub mod certificate;
pub mod error;
pub mod validate;

use axum::Router;
use axum::routing::post;

use crate::config::ServerConfig;
use crate::family::body_limit;
use crate::state::AppState;

/// The family's route, with its body limit (`validate_max_body_bytes`: the
/// document travels in the body, in base64).
pub fn routes(config: &ServerConfig) -> Router<AppState> {
    Router::new()
        .route("/v3/validate", post(validate::validate))
        .layer(body_limit(config.validate_max_body_bytes))
}
