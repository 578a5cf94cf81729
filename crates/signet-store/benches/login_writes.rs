//! The store's share of a login by certificate: what one
//! `authenticate-by-cert` + `approve-cert` pair writes — a challenge
//! inserted, taken (DELETE … RETURNING) and a session inserted — with 1 and
//! with 8 pairs in flight at once on one SQLite database (WAL, as `signet
//! serve` opens it), as the auth section of `scripts/bench` loads the
//! server. Reported per pair; its inverse is the rate the store alone
//! would allow.

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use signet_store::{Challenge, ChallengeOutcome, Session, SqliteStore, Store, TokenHash, now_unix};

/// One login's writes, for the certificate numbered `n`.
async fn pair(store: &dyn Store, n: u64) {
    let thumbprint = format!("{n:040X}");
    let key = TokenHash::of(&format!("key-{n}"));
    let now = now_unix();
    store
        .create_challenge(&Challenge {
            thumbprint: thumbprint.clone(),
            key_hash: key,
            certificate: vec![0x30; 900],
            created_at: now,
            expires_at: now + 300,
        })
        .await
        .expect("challenge");
    let taken = store
        .take_challenge(&thumbprint, &key, now)
        .await
        .expect("take");
    assert!(matches!(taken, ChallengeOutcome::Accepted(_)));
    let sid = format!("sid-{n}");
    store
        .create_session(&Session::start(
            &sid,
            &format!("refresh-{sid}"),
            &thumbprint,
            "bench",
            now,
            3600,
            3600,
        ))
        .await
        .expect("session");
}

fn login_writes(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("dir");
    let store: Arc<dyn Store> = rt.block_on(async {
        Arc::new(
            SqliteStore::open(&dir.path().join("bench.db"))
                .await
                .expect("open"),
        )
    });
    let mut next = 0u64;
    let mut group = c.benchmark_group("login_writes");
    for in_flight in [1u64, 8] {
        group.bench_function(format!("sqlite/{in_flight}"), |b| {
            b.iter_custom(|iters| {
                let per_task = iters.div_ceil(in_flight);
                let base = next;
                next += per_task * in_flight;
                let started = Instant::now();
                rt.block_on(async {
                    let mut tasks = tokio::task::JoinSet::new();
                    for t in 0..in_flight {
                        let store = store.clone();
                        tasks.spawn(async move {
                            for i in 0..per_task {
                                pair(store.as_ref(), base + t * per_task + i).await;
                            }
                        });
                    }
                    while let Some(done) = tasks.join_next().await {
                        done.expect("task");
                    }
                });
                // Time per pair: the batch's wall time over its pairs.
                started
                    .elapsed()
                    .mul_f64(iters as f64 / (per_task * in_flight) as f64)
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(4));
    targets = login_writes
}
criterion_main!(benches);
