//! A per-key request budget over a sliding minute (fixed windows, per
//! instance): enough to stop a client from hammering the expensive
//! certificate-login endpoint, with memory bounded by dropping old windows.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counts requests per key in one-minute windows.
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: u32,
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

const WINDOW: Duration = Duration::from_secs(60);
const MAX_KEYS: usize = 100_000;

impl RateLimiter {
    /// Allows `per_minute` requests per key per minute (0 = unlimited).
    pub fn new(per_minute: u32) -> Self {
        RateLimiter {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request for `key`; false when over the budget.
    pub fn allow(&self, key: &str) -> bool {
        self.allow_at(key, Instant::now())
    }

    fn allow_at(&self, key: &str, now: Instant) -> bool {
        if self.per_minute == 0 {
            return true;
        }
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() >= MAX_KEYS {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let entry = windows.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= self.per_minute
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_per_key_and_window() {
        let r = RateLimiter::new(2);
        let t = Instant::now();
        assert!(r.allow_at("a", t));
        assert!(r.allow_at("a", t));
        assert!(!r.allow_at("a", t));
        assert!(r.allow_at("b", t), "another key has its own budget");
        assert!(r.allow_at("a", t + WINDOW), "a new window");
        assert!(RateLimiter::new(0).allow("x"));
    }
}
