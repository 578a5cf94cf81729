//! The state every handler shares: the configuration and the core services
//! behind traits, so that SQLite and PostgreSQL swap in.

use std::sync::Arc;

use signet_pki::TrustStore;
use signet_store::Store;

use crate::config::ServerConfig;

/// Shared handler state.
#[derive(Clone)]
pub struct AppState {
    /// Settings.
    pub config: Arc<ServerConfig>,
    /// The store.
    pub store: Arc<dyn Store>,
    /// Trusted roots and intermediates.
    pub trust: Arc<TrustStore>,
}

impl AppState {
    /// Assembles the state.
    pub fn new(config: ServerConfig, store: Arc<dyn Store>, trust: TrustStore) -> Self {
        AppState {
            config: Arc::new(config),
            store,
            trust: Arc::new(trust),
        }
    }
}
