//! Liveness and readiness.
//!
//! `/healthz` answers as long as the process serves requests; `/readyz`
//! also checks that the store answers, so a load balancer stops sending
//! work to an instance whose database is gone.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use signet_store::Backend;
use utoipa::ToSchema;

use crate::config::ServerConfig;
use crate::family::body_limit;
use crate::state::AppState;

/// The routes, with the small body limit (`max_body_bytes`).
pub fn routes(config: &ServerConfig) -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .layer(body_limit(config.max_body_bytes))
}

/// Liveness answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// Always "ok".
    pub status: &'static str,
    /// signet's version.
    pub version: &'static str,
}

/// Readiness answer.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Readiness {
    /// "ready" or "unavailable".
    pub status: &'static str,
    /// The store's database: "sqlite" or "postgres".
    pub store: &'static str,
    /// How many certificates the trust store holds.
    pub trusted_certificates: usize,
    /// Why the service is not ready, when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "service",
    responses((status = 200, description = "The process serves requests", body = Health)))]
pub async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// The service can do its work: the store answers.
#[utoipa::path(get, path = "/readyz", tag = "service",
    responses(
        (status = 200, description = "Ready", body = Readiness),
        (status = 503, description = "The store does not answer", body = Readiness),
    ))]
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Readiness>) {
    let store = match state.store.backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let trusted_certificates = state.trust.len();
    match state.store.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(Readiness {
                status: "ready",
                store,
                trusted_certificates,
                reason: None,
            }),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(Readiness {
                    status: "unavailable",
                    store,
                    trusted_certificates,
                    reason: Some("the store does not answer".to_owned()),
                }),
            )
        }
    }
}
