//! A small thread-safe cache whose entries expire: parsed CRLs by URL,
//! OCSP answers by CertID, caIssuers certificates by URL.
//!
//! Each entry has its own deadline (the data's nextUpdate, or a default)
//! and a weight (bytes, or 1); the cache holds at most `max_entries`
//! entries and `max_weight` in total and evicts the oldest insertions
//! first. One mutex guards it; it is held only for map operations, never
//! while fetching, so concurrent look-ups of the same key may fetch twice
//! but never wait on each other's network I/O.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

struct Entry<V> {
    value: Arc<V>,
    expires: Instant,
    weight: usize,
    seq: u64,
}

struct Inner<K, V> {
    map: HashMap<K, Entry<V>>,
    weight: usize,
    seq: u64,
}

/// A bounded map from keys to shared values that expire.
pub struct ExpiringCache<K, V> {
    inner: Mutex<Inner<K, V>>,
    max_entries: usize,
    max_weight: usize,
}

impl<K: Eq + Hash + Clone, V> ExpiringCache<K, V> {
    /// A cache of at most `max_entries` entries weighing `max_weight` in
    /// total.
    pub fn new(max_entries: usize, max_weight: usize) -> Self {
        ExpiringCache {
            inner: Mutex::new(Inner {
                map: HashMap::new(),
                weight: 0,
                seq: 0,
            }),
            max_entries,
            max_weight,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner<K, V>> {
        // A panic elsewhere while holding the lock leaves the map
        // consistent (every mutation is a single map call), so go on.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The value under `key`, unless it has expired.
    pub fn get<Q>(&self, key: &Q) -> Option<Arc<V>>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let mut inner = self.lock();
        let now = Instant::now();
        match inner.map.get(key) {
            Some(e) if e.expires > now => Some(Arc::clone(&e.value)),
            Some(_) => {
                if let Some(old) = inner.map.remove(key) {
                    inner.weight = inner.weight.saturating_sub(old.weight);
                }
                None
            }
            None => None,
        }
    }

    /// Stores `value` under `key` for `ttl`; `weight` counts against the
    /// total. A value heavier than the whole cache is not stored.
    pub fn insert(&self, key: K, value: Arc<V>, ttl: Duration, weight: usize) {
        if weight > self.max_weight || self.max_entries == 0 || ttl.is_zero() {
            return;
        }
        let now = Instant::now();
        let expires = now.checked_add(ttl).unwrap_or(now);
        let mut inner = self.lock();
        if let Some(old) = inner.map.remove(&key) {
            inner.weight = inner.weight.saturating_sub(old.weight);
        }
        // Expired entries go first, then the oldest insertions.
        let expired: Vec<K> = inner
            .map
            .iter()
            .filter(|(_, e)| e.expires <= now)
            .map(|(k, _)| k.clone())
            .collect();
        for k in expired {
            if let Some(old) = inner.map.remove(&k) {
                inner.weight = inner.weight.saturating_sub(old.weight);
            }
        }
        while inner.map.len() >= self.max_entries || inner.weight + weight > self.max_weight {
            let Some(oldest) = inner
                .map
                .iter()
                .min_by_key(|(_, e)| e.seq)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(old) = inner.map.remove(&oldest) {
                inner.weight = inner.weight.saturating_sub(old.weight);
            }
        }
        inner.seq += 1;
        let seq = inner.seq;
        inner.weight += weight;
        inner.map.insert(
            key,
            Entry {
                value,
                expires,
                weight,
                seq,
            },
        );
    }

    /// Number of entries held (expired ones included until touched).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.lock().map.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_the_oldest_is_evicted() {
        let c: ExpiringCache<String, u32> = ExpiringCache::new(2, 100);
        c.insert("a".into(), Arc::new(1), Duration::from_secs(60), 1);
        c.insert("b".into(), Arc::new(2), Duration::from_secs(60), 1);
        c.insert("c".into(), Arc::new(3), Duration::from_secs(60), 1);
        assert!(c.get("a").is_none());
        assert_eq!(c.get("b").as_deref(), Some(&2));
        assert_eq!(c.get("c").as_deref(), Some(&3));
        c.insert("d".into(), Arc::new(4), Duration::from_nanos(1), 1);
        std::thread::sleep(Duration::from_millis(2));
        assert!(c.get("d").is_none());
    }

    #[test]
    fn weight_is_bounded() {
        let c: ExpiringCache<u8, ()> = ExpiringCache::new(10, 10);
        c.insert(1, Arc::new(()), Duration::from_secs(60), 6);
        c.insert(2, Arc::new(()), Duration::from_secs(60), 6);
        assert!(c.get(&1).is_none());
        assert!(c.get(&2).is_some());
        c.insert(3, Arc::new(()), Duration::from_secs(60), 11);
        assert!(c.get(&3).is_none());
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn shared_between_threads() {
        let c: Arc<ExpiringCache<u32, u32>> = Arc::new(ExpiringCache::new(100, 100));
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let c = Arc::clone(&c);
                std::thread::spawn(move || {
                    for i in 0..200 {
                        c.insert(i % 50, Arc::new(t), Duration::from_secs(5), 1);
                        let _ = c.get(&(i % 37));
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("no panic");
        }
        assert!(c.len() <= 100);
    }
}
