//! The outbound budget of one request: how many fetches it may start and
//! for how long, across every signer, link, caIssuers URL, CRL
//! distribution point and OCSP responder it touches, and a cancel flag
//! the server raises when the request ends or times out.
//!
//! A signature is input an anonymous caller chooses, and so are the URLs
//! in its certificates: one small CMS with many signers, each naming many
//! caIssuers URLs, would otherwise make a fetch per URL, one after another,
//! each up to the fetch timeout, long after the caller has gone. With a
//! budget, a request makes at most [`FetchLimits::max_fetches`] fetches,
//! all of them ended by [`FetchLimits::max_time`] after it started, and
//! none after it was cancelled. This is the outbound counterpart of the
//! path builder's work limit ([`crate::path::MAX_SIGNATURE_CHECKS`]).
//!
//! The budget is an argument, never ambient state: the validation engine
//! takes it from its caller and hands it to the sources that fetch
//! ([`crate::net::CaIssuers::within`],
//! [`crate::revocation::RevocationChecker::within`]); validation that never
//! fetches needs none.

use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::FetchError;

/// Default most fetches one request starts. A signature of a few signers
/// whose chains are complete needs none; a missing intermediate costs one
/// caIssuers fetch, and each link's revocation one or two (OCSP, then a
/// CRL distribution point): two signers with three-certificate paths
/// fetched from scratch stay under 16, and cached answers cost nothing.
pub const DEFAULT_MAX_FETCHES: usize = 16;

/// Default outbound time of one request, counted from its start: twice
/// the default fetch timeout, so that a dead OCSP responder can still be
/// followed by the CRL, while a request cannot keep signet fetching for
/// longer than this whatever its input names.
pub const DEFAULT_MAX_FETCH_TIME: Duration = Duration::from_secs(20);

/// How much outbound work one request may cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FetchLimits {
    /// Most fetches started (redirects followed within a fetch count as
    /// one). Default [`DEFAULT_MAX_FETCHES`].
    pub max_fetches: usize,
    /// Time after the budget's creation when every fetch must have ended,
    /// waiting for a free connection included. Default
    /// [`DEFAULT_MAX_FETCH_TIME`].
    pub max_time: Duration,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            max_fetches: DEFAULT_MAX_FETCHES,
            max_time: DEFAULT_MAX_FETCH_TIME,
        }
    }
}

/// What to do when a request is cancelled, registered by a fetch in
/// flight (the HTTP client interrupts its connection).
type CancelHook = Box<dyn FnOnce() + Send>;

#[derive(Default)]
struct CancelState {
    cancelled: AtomicBool,
    hooks: Mutex<Vec<(u64, CancelHook)>>,
    next_hook: AtomicU64,
}

/// The cancel flag of a request, shared (`Clone`) between the task that
/// serves the request and the blocking thread that validates.
#[derive(Clone, Default)]
pub struct CancelToken {
    state: Arc<CancelState>,
}

impl fmt::Debug for CancelToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CancelToken")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

impl CancelToken {
    /// A token not yet cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Cancels: no fetch starts any more, and fetches in flight are
    /// interrupted. Idempotent.
    pub fn cancel(&self) {
        if self.state.cancelled.swap(true, Ordering::SeqCst) {
            return;
        }
        let hooks = std::mem::take(&mut *self.hooks());
        for (_, hook) in hooks {
            hook();
        }
    }

    /// Whether [`Self::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.state.cancelled.load(Ordering::SeqCst)
    }

    /// A guard that cancels this token when dropped: held by the task
    /// serving a request, it cancels the request's fetches when the task
    /// ends or is dropped (a timeout, a client that went away).
    pub fn cancel_on_drop(&self) -> CancelOnDrop {
        CancelOnDrop {
            token: self.clone(),
        }
    }

    /// Runs `hook` when the token is cancelled, until the returned guard
    /// is dropped: how a [`super::Fetcher`] interrupts its I/O in flight.
    /// Refused (the hook is dropped unrun) when the token is already
    /// cancelled, so that nothing starts after a cancel.
    pub fn on_cancel(
        &self,
        hook: impl FnOnce() + Send + 'static,
    ) -> Result<CancelHookGuard<'_>, FetchError> {
        let hook: CancelHook = Box::new(hook);
        let mut hooks = self.hooks();
        // Checked under the lock `cancel` takes after raising the flag: a
        // hook is either seen by it or refused here.
        if self.is_cancelled() {
            return Err(FetchError::Cancelled);
        }
        let id = self.state.next_hook.fetch_add(1, Ordering::Relaxed);
        hooks.push((id, hook));
        Ok(CancelHookGuard { token: self, id })
    }

    fn hooks(&self) -> std::sync::MutexGuard<'_, Vec<(u64, CancelHook)>> {
        // A hook that panicked leaves the list consistent.
        self.state
            .hooks
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Removes a cancel hook when dropped ([`CancelToken::on_cancel`]).
#[must_use = "the hook is removed as soon as the guard is dropped"]
pub struct CancelHookGuard<'a> {
    token: &'a CancelToken,
    id: u64,
}

impl Drop for CancelHookGuard<'_> {
    fn drop(&mut self) {
        self.token.hooks().retain(|(id, _)| *id != self.id);
    }
}

/// Cancels its token when dropped ([`CancelToken::cancel_on_drop`]).
#[derive(Debug)]
#[must_use = "the token is cancelled as soon as the guard is dropped"]
pub struct CancelOnDrop {
    token: CancelToken,
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.token.cancel();
    }
}

/// The outbound budget of one request (see the module documentation).
/// Shared by reference between the sources a validation consults; its
/// counters are atomic.
#[derive(Debug)]
pub struct FetchBudget {
    limits: FetchLimits,
    started: AtomicUsize,
    /// When every fetch must have ended; `None` when the time is
    /// unbounded (an operator-configured URL, see [`Self::unlimited`]).
    deadline: Option<Instant>,
    cancel: CancelToken,
}

impl FetchBudget {
    /// A budget of `limits` starting now, with a fresh cancel token.
    pub fn new(limits: FetchLimits) -> Self {
        Self::with_cancel(limits, CancelToken::new())
    }

    /// A budget of `limits` starting now, cancelled through `cancel`.
    pub fn with_cancel(limits: FetchLimits, cancel: CancelToken) -> Self {
        FetchBudget {
            limits,
            started: AtomicUsize::new(0),
            deadline: Instant::now().checked_add(limits.max_time),
            cancel,
        }
    }

    /// No count or time limit of its own (each fetch still has the
    /// client's timeout): for URLs the operator configured, such as a
    /// time-stamping authority, never for URLs taken from input.
    pub fn unlimited() -> Self {
        FetchBudget {
            limits: FetchLimits {
                max_fetches: usize::MAX,
                max_time: Duration::MAX,
            },
            started: AtomicUsize::new(0),
            deadline: None,
            cancel: CancelToken::new(),
        }
    }

    /// The limits this budget was made with.
    pub fn limits(&self) -> FetchLimits {
        self.limits
    }

    /// The cancel flag, to be raised by whoever serves the request.
    pub fn cancel_token(&self) -> &CancelToken {
        &self.cancel
    }

    /// [`CancelToken::cancel_on_drop`] of this budget's token.
    pub fn cancel_on_drop(&self) -> CancelOnDrop {
        self.cancel.cancel_on_drop()
    }

    /// Cancels the request's fetches ([`CancelToken::cancel`]).
    pub fn cancel(&self) {
        self.cancel.cancel();
    }

    /// Whether the request was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }

    /// How many fetches were started (refused ones not counted).
    pub fn fetches_started(&self) -> usize {
        self.started.load(Ordering::SeqCst)
    }

    /// When every fetch must have ended, if the time is bounded.
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Takes one fetch from the budget: the deadline it must end by (no
    /// later than the budget's), or why none may start — cancelled, time
    /// spent, or every fetch taken. A [`super::Fetcher`] calls this before
    /// any I/O.
    pub fn start_fetch(&self) -> Result<Option<Instant>, FetchError> {
        if self.is_cancelled() {
            return Err(FetchError::Cancelled);
        }
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(FetchError::TimeSpent {
                limit: self.limits.max_time,
            });
        }
        let max = self.limits.max_fetches;
        self.started
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < max).then_some(n + 1)
            })
            .map_err(|_| FetchError::BudgetSpent { fetches: max })?;
        Ok(self.deadline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(max_fetches: usize, millis: u64) -> FetchLimits {
        FetchLimits {
            max_fetches,
            max_time: Duration::from_millis(millis),
        }
    }

    #[test]
    fn the_count_is_spent_and_says_so() {
        let budget = FetchBudget::new(limits(2, 60_000));
        assert!(budget.start_fetch().is_ok());
        assert!(budget.start_fetch().is_ok());
        let spent = budget.start_fetch().expect_err("a third fetch");
        assert_eq!(spent, FetchError::BudgetSpent { fetches: 2 });
        assert_eq!(
            spent.to_string(),
            "the request's outbound budget of 2 fetches is spent"
        );
        assert_eq!(budget.fetches_started(), 2, "refusals are not counted");
    }

    #[test]
    fn the_time_is_spent_and_says_so() {
        let budget = FetchBudget::new(limits(16, 1));
        std::thread::sleep(Duration::from_millis(5));
        let spent = budget.start_fetch().expect_err("too late");
        assert_eq!(
            spent,
            FetchError::TimeSpent {
                limit: Duration::from_millis(1)
            }
        );
        assert_eq!(budget.fetches_started(), 0);
    }

    #[test]
    fn a_cancelled_budget_starts_nothing() {
        let budget = FetchBudget::new(FetchLimits::default());
        {
            let _guard = budget.cancel_on_drop();
            assert!(!budget.is_cancelled());
        }
        assert!(budget.is_cancelled(), "the guard cancels when dropped");
        assert_eq!(budget.start_fetch(), Err(FetchError::Cancelled));
    }

    #[test]
    fn hooks_run_once_on_cancel_and_not_after_their_guard() {
        use std::sync::atomic::AtomicUsize;
        let token = CancelToken::new();
        let ran = Arc::new(AtomicUsize::new(0));
        let hook = |ran: &Arc<AtomicUsize>| {
            let ran = Arc::clone(ran);
            move || {
                ran.fetch_add(1, Ordering::SeqCst);
            }
        };
        let kept = token.on_cancel(hook(&ran)).expect("registered");
        drop(token.on_cancel(hook(&ran)).expect("registered"));
        token.cancel();
        token.cancel();
        assert_eq!(ran.load(Ordering::SeqCst), 1, "only the live hook, once");
        drop(kept);
        assert!(
            token.on_cancel(hook(&ran)).is_err(),
            "nothing registers after a cancel"
        );
        assert_eq!(ran.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn an_unlimited_budget_has_no_deadline() {
        let budget = FetchBudget::unlimited();
        for _ in 0..100 {
            assert_eq!(budget.start_fetch(), Ok(None));
        }
    }
}
