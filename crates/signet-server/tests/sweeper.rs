//! Lapsed sessions and login challenges are deleted while `serve` runs
//! (`sweeper.rs`, `ServerConfig::expired_sweep_interval`), on SQLite and
//! PostgreSQL: a real server with a short interval removes a lapsed
//! session (idle too long, and past its lifetime) and a lapsed challenge
//! and keeps the live ones; a sweep that fails (the table is away) is
//! tried again, and the server goes on answering.
//!
//! The store fixtures are those of the store's own suites (SQLite in a
//! temporary directory, PostgreSQL on 127.0.0.1:5432 in a schema of its
//! own, `SIGNET_TEST_POSTGRES_URL` to override).

#[path = "../../signet-store/tests/common/mod.rs"]
mod store_common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use signet_pki::TrustStore;
use signet_server::{AppState, ServerConfig};
use signet_store::{Challenge, ChallengeOutcome, Session, Store, TokenHash, now_unix};
use sqlx::Connection;
use store_common::Fixture;
use tokio::sync::oneshot;

const THUMBPRINT: &str = "A94A8FE5CCB19BA61C4C0873D391E987982FBBD3";

both_backends!(
    the_server_sweeps_lapsed_sessions_and_challenges,
    a_failed_sweep_is_tried_again,
);

/// A session started `age` seconds ago that lapses after `idle` seconds
/// unused or `lifetime` seconds in all.
fn session(sid: &str, age: i64, idle: i64, lifetime: i64) -> Session {
    let start = now_unix() - age;
    Session::start(
        sid,
        &format!("r-{sid}"),
        THUMBPRINT,
        "test",
        start,
        idle,
        lifetime,
    )
}

/// A login challenge with key `key` that lapses `ttl` seconds from now
/// (negative: lapsed already).
fn challenge(key: &str, ttl: i64) -> Challenge {
    let now = now_unix();
    Challenge {
        thumbprint: THUMBPRINT.into(),
        key_hash: TokenHash::of(key),
        certificate: key.as_bytes().to_vec(),
        created_at: now - 600,
        expires_at: now + ttl,
    }
}

/// `signet serve`'s server on 127.0.0.1 over `store`, sweeping every
/// 50 ms; it stops when the sender is dropped.
async fn serve(store: Arc<dyn Store>) -> (std::net::SocketAddr, oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let mut config = ServerConfig::new(addr);
    config.expired_sweep_interval = Duration::from_millis(50);
    let state = AppState::new(config, store, TrustStore::default());
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(signet_server::serve(listener, state, async {
        let _ = stopped.await;
    }));
    (addr, stop)
}

/// Waits, up to 20 s, until session `sid` is gone from `store`.
async fn until_swept(store: &Arc<dyn Store>, sid: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while store
        .session(&TokenHash::of(sid))
        .await
        .expect("session")
        .is_some()
    {
        assert!(Instant::now() < deadline, "session {sid} was never swept");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn the_server_sweeps_lapsed_sessions_and_challenges(f: Fixture) {
    let store = f.store.clone();
    for s in [
        session("idle", 3600, 1800, 86_400),
        session("old", 90_000, 100_000, 86_400),
        session("live", 60, 1800, 86_400),
    ] {
        store.create_session(&s).await.expect("session");
    }
    store
        .create_challenge(&challenge("lapsed", -5))
        .await
        .expect("challenge");
    store
        .create_challenge(&challenge("live", 3600))
        .await
        .expect("challenge");

    let (_addr, _stop) = serve(store.clone()).await;
    until_swept(&store, "idle").await;
    until_swept(&store, "old").await;
    assert!(
        store
            .session(&TokenHash::of("live"))
            .await
            .expect("session")
            .is_some(),
        "the live session stays"
    );
    // Challenges are swept before sessions in each sweep: the lapsed one
    // is gone (not merely refused as lapsed), the live one still works.
    let now = now_unix();
    let take = async |key: &str| {
        store
            .take_challenge(THUMBPRINT, &TokenHash::of(key), now)
            .await
    };
    assert_eq!(
        take("lapsed").await.expect("take"),
        ChallengeOutcome::Unknown
    );
    assert_eq!(
        take("live").await.expect("take"),
        ChallengeOutcome::Accepted(b"live".to_vec())
    );
}

/// Runs `sql` on the fixture's database over a connection of its own.
async fn raw(f: &Fixture, sql: &'static str) {
    match f.sqlite_path() {
        Some(path) => {
            let url = format!("sqlite:{}", path.display());
            let mut c = sqlx::SqliteConnection::connect(&url).await.expect("sqlite");
            sqlx::raw_sql(sql).execute(&mut c).await.expect(sql);
        }
        None => {
            let schema = f.schema.as_deref().expect("schema");
            let mut c = sqlx::PgConnection::connect_with(&store_common::pg_options(schema))
                .await
                .expect("postgres");
            sqlx::raw_sql(sql).execute(&mut c).await.expect(sql);
        }
    }
}

async fn a_failed_sweep_is_tried_again(f: Fixture) {
    let store = f.store.clone();
    store
        .create_session(&session("idle", 3600, 1800, 86_400))
        .await
        .expect("session");
    raw(&f, "ALTER TABLE sessions RENAME TO sessions_away").await;
    let (addr, _stop) = serve(store.clone()).await;
    // Several sweeps fail meanwhile (every 50 ms); the server answers.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut conn = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let answer = healthz(&mut conn).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    raw(&f, "ALTER TABLE sessions_away RENAME TO sessions").await;
    until_swept(&store, "idle").await;
}

/// `GET /healthz` over `conn`; the answer's head.
async fn healthz(conn: &mut tokio::net::TcpStream) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    conn.write_all(b"GET /healthz HTTP/1.1\r\nHost: signet\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut answer = Vec::new();
    conn.read_to_end(&mut answer).await.expect("read");
    String::from_utf8_lossy(&answer).into_owned()
}
