//! signet's HTTP layer: one module per API family, thin handlers, each
//! family's own error bodies, OpenAPI and health endpoints.

pub mod api_key;
mod app;
pub mod cipher;
pub mod client_addr;
pub mod config;
pub mod cryptoapi;
mod family;
mod health;
pub mod kontur_auth;
mod media_type;
mod openapi;
pub mod present;
mod rate_limit;
pub mod reestro;
pub mod sessions;
mod state;
pub mod web;

pub use app::{TlsFiles, app, serve, serve_tls, shutdown_signal};
pub use config::ServerConfig;
pub use openapi::ApiDoc;
pub use state::AppState;
