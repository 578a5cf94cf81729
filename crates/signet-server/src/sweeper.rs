//! The sweep of lapsed login state while the server runs: every
//! `ServerConfig::expired_sweep_interval` (5 minutes by default), login
//! challenges and sessions whose time is up are deleted from the store,
//! on every back end.
//!
//! A lapsed session or challenge is already refused when it is used
//! (`sessions.rs`, `Store::take_challenge`); without the sweep its row
//! stayed for ever, so anyone able to start logins could grow the
//! database without bound. A sweep that fails (the database is away) is
//! logged and tried again at the next tick: it never stops the server.

use std::sync::Arc;
use std::time::Duration;

use signet_store::{Store, StoreError, now_unix};
use tokio::task::JoinHandle;
use tokio::time::MissedTickBehavior;

/// What one sweep deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swept {
    /// Login challenges lapsed.
    pub challenges: u64,
    /// Sessions lapsed (idle or past their lifetime).
    pub sessions: u64,
}

/// Deletes the challenges, then the sessions, lapsed at `now` (Unix
/// seconds).
pub async fn sweep_expired(store: &dyn Store, now: i64) -> Result<Swept, StoreError> {
    Ok(Swept {
        challenges: store.delete_expired_challenges(now).await?,
        sessions: store.delete_expired_sessions(now).await?,
    })
}

/// The running sweep; dropping it stops it.
#[derive(Debug)]
pub struct Sweeper(JoinHandle<()>);

impl Sweeper {
    /// Sweeps `store` now and then every `every`, until dropped. A sweep
    /// that is late (a slow database) delays the next rather than
    /// bunching them.
    pub fn start(store: Arc<dyn Store>, every: Duration) -> Sweeper {
        Sweeper(tokio::spawn(async move {
            // `interval` panics on zero; the settings refuse it anyway.
            let mut tick = tokio::time::interval(every.max(Duration::from_millis(1)));
            tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                match sweep_expired(store.as_ref(), now_unix()).await {
                    Ok(Swept {
                        challenges: 0,
                        sessions: 0,
                    }) => tracing::debug!("no lapsed sessions or login challenges"),
                    Ok(swept) => tracing::info!(
                        sessions = swept.sessions,
                        challenges = swept.challenges,
                        "deleted lapsed sessions and login challenges"
                    ),
                    Err(error) => tracing::warn!(
                        %error,
                        "could not delete lapsed sessions and login challenges; trying again later"
                    ),
                }
            }
        }))
    }
}

impl Drop for Sweeper {
    fn drop(&mut self) {
        self.0.abort();
    }
}
