//! Caps on concurrent outbound fetches: one for the whole client and one
//! per host, so that neither a flood of requests nor one request naming
//! many URLs on one host makes signet open connections without bound — to
//! its own disadvantage, or to a third party's (a CA's responder used as a
//! target). A fetch waits for a free place until its deadline; the wait is
//! part of the request's outbound time.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::FetchError;
use super::budget::CancelToken;

/// How often a waiting fetch looks at its request's cancel flag.
const CANCEL_POLL: Duration = Duration::from_millis(50);

#[derive(Default)]
struct InUse {
    total: usize,
    per_host: HashMap<String, usize>,
}

/// The places for fetches in flight.
pub(super) struct Slots {
    max_total: usize,
    max_per_host: usize,
    in_use: Mutex<InUse>,
    freed: Condvar,
}

/// A place taken; given back when dropped.
pub(super) struct Slot<'a> {
    slots: &'a Slots,
    host: String,
}

/// Why no place was taken.
pub(super) enum NoSlot {
    /// The request was cancelled while waiting.
    Cancelled,
    /// `until` came first.
    Busy(FetchError),
}

impl Slots {
    /// At most `max_total` fetches at once, `max_per_host` to one host
    /// (each at least 1).
    pub(super) fn new(max_total: usize, max_per_host: usize) -> Self {
        Slots {
            max_total: max_total.max(1),
            max_per_host: max_per_host.max(1),
            in_use: Mutex::new(InUse::default()),
            freed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, InUse> {
        // Every update is a counter change: consistent after a panic.
        self.in_use
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Takes a place for a fetch from `host`, waiting until `until` at
    /// most, and giving up at once when `cancel` is raised.
    pub(super) fn acquire(
        &self,
        host: &str,
        until: Instant,
        cancel: Option<&CancelToken>,
    ) -> Result<Slot<'_>, NoSlot> {
        let mut in_use = self.lock();
        loop {
            if cancel.is_some_and(CancelToken::is_cancelled) {
                return Err(NoSlot::Cancelled);
            }
            let host_count = in_use.per_host.get(host).copied().unwrap_or(0);
            if in_use.total < self.max_total && host_count < self.max_per_host {
                in_use.total += 1;
                *in_use.per_host.entry(host.to_owned()).or_default() += 1;
                return Ok(Slot {
                    slots: self,
                    host: host.to_owned(),
                });
            }
            let now = Instant::now();
            if now >= until {
                let busy = if host_count >= self.max_per_host {
                    FetchError::Busy {
                        limit: self.max_per_host,
                        host: Some(host.to_owned()),
                    }
                } else {
                    FetchError::Busy {
                        limit: self.max_total,
                        host: None,
                    }
                };
                return Err(NoSlot::Busy(busy));
            }
            let wait = (until - now).min(CANCEL_POLL);
            in_use = self
                .freed
                .wait_timeout(in_use, wait)
                .map(|(guard, _)| guard)
                .unwrap_or_else(|poisoned| poisoned.into_inner().0);
        }
    }

    /// Fetches in flight, in all and to `host`.
    #[cfg(test)]
    fn in_use(&self, host: &str) -> (usize, usize) {
        let in_use = self.lock();
        (
            in_use.total,
            in_use.per_host.get(host).copied().unwrap_or(0),
        )
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut in_use = self.slots.lock();
        in_use.total = in_use.total.saturating_sub(1);
        if let Some(n) = in_use.per_host.get_mut(&self.host) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                in_use.per_host.remove(&self.host);
            }
        }
        drop(in_use);
        self.slots.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn soon(millis: u64) -> Instant {
        Instant::now() + Duration::from_millis(millis)
    }

    #[test]
    fn the_per_host_cap_holds_and_frees() {
        let slots = Slots::new(10, 2);
        let a = slots.acquire("ca.example", soon(0), None).ok();
        let b = slots.acquire("ca.example", soon(0), None).ok();
        assert!(a.is_some() && b.is_some());
        match slots.acquire("ca.example", soon(20), None) {
            Err(NoSlot::Busy(e)) => assert_eq!(
                e.to_string(),
                "2 fetches from ca.example are already under way, and none ended in time"
            ),
            _ => panic!("a third fetch to the host"),
        }
        assert!(slots.acquire("other.example", soon(0), None).is_ok());
        drop(a);
        assert!(slots.acquire("ca.example", soon(0), None).is_ok());
        drop(b);
        assert_eq!(slots.in_use("ca.example"), (0, 0));
    }

    #[test]
    fn the_global_cap_holds_and_a_waiter_gets_the_freed_place() {
        let slots = Slots::new(1, 5);
        let first = slots.acquire("a.example", soon(0), None).ok();
        assert!(matches!(
            slots.acquire("b.example", soon(20), None),
            Err(NoSlot::Busy(FetchError::Busy {
                limit: 1,
                host: None
            }))
        ));
        std::thread::scope(|s| {
            let waiter = s.spawn(|| slots.acquire("b.example", soon(5_000), None).is_ok());
            std::thread::sleep(Duration::from_millis(50));
            drop(first);
            assert!(waiter.join().expect("no panic"));
        });
    }

    #[test]
    fn a_cancelled_wait_ends_at_once() {
        let slots = Slots::new(1, 1);
        let _held = slots.acquire("a.example", soon(0), None).ok();
        let token = CancelToken::new();
        let started = Instant::now();
        std::thread::scope(|s| {
            let waiter = s.spawn(|| slots.acquire("a.example", soon(10_000), Some(&token)));
            std::thread::sleep(Duration::from_millis(30));
            token.cancel();
            assert!(matches!(
                waiter.join().expect("no panic"),
                Err(NoSlot::Cancelled)
            ));
        });
        assert!(started.elapsed() < Duration::from_secs(2));
    }
}
