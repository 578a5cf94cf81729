//! The state every handler shares: the configuration and the core services
//! behind traits, so that SQLite and PostgreSQL swap in.

use std::sync::Arc;

use signet_pki::Timestamper;
use signet_pki::TrustStore;
use signet_store::Store;

use crate::api_key::ApiKeys;
use crate::cipher::ticket::protected::Protection;
use crate::cipher::ticket::{ClientShare, Tickets};
use crate::config::ServerConfig;
use crate::rate_limit::RateLimiter;
use signet_pki::Engine;

/// Shared handler state.
#[derive(Clone)]
pub struct AppState {
    /// Settings.
    pub config: Arc<ServerConfig>,
    /// The store.
    pub store: Arc<dyn Store>,
    /// Trusted roots and intermediates.
    pub trust: Arc<TrustStore>,
    /// The signature validation engine.
    pub engine: Engine,
    /// Accepted bearer tokens.
    pub api_keys: Arc<ApiKeys>,
    /// Budgets of login attempts.
    pub auth_limits: Arc<AuthLimits>,
    /// Cipher BIS tickets (in memory).
    pub tickets: Arc<Tickets>,
    /// The key pair of protected parameters, when configured.
    pub protection: Option<Arc<Protection>>,
    /// The time-stamping authority signatures are time-stamped by, when
    /// configured.
    pub tsa: Option<Arc<dyn Timestamper>>,
}

/// Budgets of authenticate-by-cert requests.
#[derive(Debug)]
pub struct AuthLimits {
    /// Per client address.
    pub per_client: RateLimiter,
    /// Per certificate.
    pub per_certificate: RateLimiter,
}

impl AppState {
    /// Assembles the state with an engine that does not go to the network
    /// (tests and offline use); `with_engine` puts in a networked one.
    pub fn new(config: ServerConfig, store: Arc<dyn Store>, trust: TrustStore) -> Self {
        let trust = Arc::new(trust);
        let api_keys = Arc::new(ApiKeys::new(&config.api_keys));
        let auth_limits = Arc::new(AuthLimits {
            per_client: RateLimiter::new(config.auth_rate_per_client),
            per_certificate: RateLimiter::new(config.auth_rate_per_certificate),
        });
        let tickets = Arc::new(Tickets::new(
            config.ticket_idle,
            config.max_tickets,
            ClientShare {
                open: config.max_tickets_per_client,
                per_second: config.ticket_rate_per_client,
                burst: config.ticket_burst_per_client,
            },
        ));
        AppState {
            auth_limits,
            tickets,
            protection: None,
            tsa: None,
            engine: Engine::offline(trust.clone()),
            config: Arc::new(config),
            store,
            trust,
            api_keys,
        }
    }

    /// Sets the protected-parameter key pair.
    pub fn with_protection(mut self, protection: Protection) -> Self {
        self.protection = Some(Arc::new(protection));
        self
    }

    /// Sets the time-stamping authority.
    pub fn with_tsa(mut self, tsa: Arc<dyn Timestamper>) -> Self {
        self.tsa = Some(tsa);
        self
    }

    /// Replaces the validation engine.
    pub fn with_engine(mut self, engine: Engine) -> Self {
        self.trust = engine.trust.clone();
        self.engine = engine;
        self
    }
}
