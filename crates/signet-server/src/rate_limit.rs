//! Per-key request budgets, per instance, with memory bounded by dropping
//! what no longer limits anyone:
//!
//! - [`RateLimiter`]: so many requests a minute (fixed windows), enough to
//!   stop a client from hammering the expensive certificate-login endpoint;
//! - [`TokenBuckets`]: so many a second with a burst, for calls a client
//!   makes in quick succession by design (opening Cipher BIS tickets).

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

/// A token bucket per key: `burst` tokens to start with, `per_second` more
/// each second up to `burst`; a call takes one.
#[derive(Debug)]
pub struct TokenBuckets {
    per_second: u32,
    burst: u32,
    buckets: Mutex<HashMap<String, (Instant, f64)>>,
}

impl TokenBuckets {
    /// `per_second` calls a second per key after a burst of `burst`
    /// (`per_second` 0 = unlimited; `burst` is at least 1).
    pub fn new(per_second: u32, burst: u32) -> Self {
        TokenBuckets {
            per_second,
            burst: burst.max(1),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `key`; when there is none, how long until there
    /// is.
    pub fn take(&self, key: &str) -> Result<(), Duration> {
        self.take_at(key, Instant::now())
    }

    fn take_at(&self, key: &str, now: Instant) -> Result<(), Duration> {
        if self.per_second == 0 {
            return Ok(());
        }
        let rate = f64::from(self.per_second);
        let burst = f64::from(self.burst);
        let level = |(at, tokens): (Instant, f64)| {
            (tokens + now.saturating_duration_since(at).as_secs_f64() * rate).min(burst)
        };
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= MAX_KEYS {
            // A full bucket limits no one: it is the same as a new one.
            buckets.retain(|_, b| level(*b) < burst);
        }
        let bucket = buckets.entry(key.to_owned()).or_insert((now, burst));
        let tokens = level(*bucket);
        if tokens < 1.0 {
            *bucket = (now, tokens);
            return Err(Duration::from_secs_f64((1.0 - tokens) / rate));
        }
        *bucket = (now, tokens - 1.0);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_allow_a_burst_then_the_rate_per_key() {
        let b = TokenBuckets::new(10, 3);
        let t = Instant::now();
        for _ in 0..3 {
            assert!(b.take_at("a", t).is_ok());
        }
        let wait = b.take_at("a", t).expect_err("the burst is spent");
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_millis(100),
            "{wait:?}"
        );
        assert!(b.take_at("b", t).is_ok(), "another key has its own bucket");
        let later = t + Duration::from_millis(100);
        assert!(b.take_at("a", later).is_ok(), "a token a tenth of a second");
        assert!(b.take_at("a", later).is_err());
        // Refilled to the burst, no further.
        let much_later = t + Duration::from_secs(60);
        for _ in 0..3 {
            assert!(b.take_at("a", much_later).is_ok());
        }
        assert!(b.take_at("a", much_later).is_err());
        assert!(TokenBuckets::new(0, 0).take("x").is_ok());
    }

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
