//! signet's HTTP layer: one module per API family, each with its
//! `routes()`, thin handlers and its own error bodies; the presentation
//! they share ([`present`]); OpenAPI and health endpoints. `app` merges the
//! families and adds the layers every request passes.

pub mod api_key;
mod app;
pub mod cipher;
pub mod client_addr;
pub mod config;
pub mod cryptoapi;
mod family;
mod health;
pub mod json;
pub mod kontur_auth;
mod media_type;
mod openapi;
mod outbound;
pub mod present;
mod rate_limit;
pub mod reestro;
mod serve;
pub mod sessions;
mod state;
pub mod sweeper;
pub mod web;

pub use app::app;
pub use config::ServerConfig;
pub use openapi::ApiDoc;
pub use serve::{TlsFiles, serve, serve_tls, shutdown_signal};
pub use state::AppState;
