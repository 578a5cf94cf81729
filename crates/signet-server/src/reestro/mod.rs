//! Kontur Reestro (spec 002): contents of an organisation (uploaded
//! documents and detached signatures) and `POST …/signatures/verify`.
//!
//! Every route sits under a configurable prefix (`--reestro-prefix`, e.g.
//! `/realty/crypto/v2` as in the spec's example; empty by default) and
//! requires `Authorization: ReestroAuth auth.sid=…&portal.orgid=…`: 401
//! without a live session, 403 when the organisation is not granted to the
//! session's certificate.

pub mod auth;
pub mod contents;
pub mod error;
pub mod path;
pub mod verify;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::config::ServerConfig;
use crate::family::body_limit;
use crate::state::AppState;

/// The family's routes under `reestro_prefix`. Contents stream to the
/// store, which enforces their own (large) limit, `content_max_bytes`;
/// `signatures/verify` has the small one, `max_body_bytes`.
pub fn routes(config: &ServerConfig) -> Router<AppState> {
    let prefix = config.reestro_prefix.trim_end_matches('/');
    let contents = Router::new()
        .route(&format!("{prefix}/contents"), post(contents::upload))
        .route(
            &format!("{prefix}/contents/{{content_id}}"),
            get(contents::download)
                .put(contents::replace)
                .delete(contents::delete),
        )
        .route(
            &format!("{prefix}/contents/{{content_id}}/meta"),
            get(contents::meta),
        )
        .layer(DefaultBodyLimit::disable());
    let verify = Router::new()
        .route(&format!("{prefix}/signatures/verify"), post(verify::verify))
        .layer(body_limit(config.max_body_bytes));
    contents.merge(verify)
}
