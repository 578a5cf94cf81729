//! The validation engine run for one HTTP request: on a blocking thread
//! (signature checks are CPU work, fetches are blocking I/O), every
//! outbound fetch it makes (caIssuers, OCSP, CRL, for all signers and
//! links) drawn from one budget for the request, which is cancelled when
//! the request ends — answered, timed out (the timeout layer drops the
//! handler's future) or abandoned by the client. A caller who chooses the
//! URLs in the input therefore cannot make the server fetch more, or for
//! longer, than [`signet_pki::FetchLimits`] allow (issue 22;
//! docs/SECURITY.md).

use std::sync::Arc;

use signet_pki::Engine;
use signet_pki::{CancelOnDrop, FetchBudget};
use tokio::task::{JoinError, JoinHandle};

/// One request's outbound budget; dropping it cancels the fetches still
/// running on its behalf.
pub(crate) struct RequestBudget {
    budget: Arc<FetchBudget>,
    _cancel: CancelOnDrop,
}

impl RequestBudget {
    /// A budget of the engine's per-request limits, starting now.
    pub(crate) fn new(engine: &Engine) -> Self {
        let budget = Arc::new(engine.fetch_budget());
        let cancel = budget.cancel_on_drop();
        RequestBudget {
            budget,
            _cancel: cancel,
        }
    }

    /// Starts `work` with `engine` and this budget on a blocking thread.
    /// Keep `self` alive until the task is awaited: dropping it cancels
    /// the task's fetches.
    pub(crate) fn spawn<T, F>(&self, engine: &Engine, work: F) -> JoinHandle<T>
    where
        T: Send + 'static,
        F: FnOnce(&Engine, &FetchBudget) -> T + Send + 'static,
    {
        let engine = engine.clone();
        let budget = self.budget.clone();
        tokio::task::spawn_blocking(move || work(&engine, &budget))
    }
}

/// [`RequestBudget::run`] with a budget of its own: for a request that
/// validates once.
pub(crate) async fn run<T, F>(engine: &Engine, work: F) -> Result<T, JoinError>
where
    T: Send + 'static,
    F: FnOnce(&Engine, &FetchBudget) -> T + Send + 'static,
{
    let budget = RequestBudget::new(engine);
    budget.spawn(engine, work).await
}
