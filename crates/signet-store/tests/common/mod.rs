//! What the store suites share: a fixture per back end — SQLite in a
//! temporary directory, and the PostgreSQL server on 127.0.0.1:5432 for
//! real, each test in a schema of its own (`SIGNET_TEST_POSTGRES_URL`
//! overrides the server) — and `both_backends!`, which runs each suite
//! function once per back end — and the data and helpers of the content
//! and upload suites.
//!
//! Each test binary uses a part of this.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use std::time::{Duration, SystemTime};

use bytes::Bytes;
use futures_util::{StreamExt, stream};
use signet_store::{
    ByteStream, CONTENT_CHUNK_SIZE, NewContent, NewOrganization, PgStore, SqliteStore, Store,
};
use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection};
use uuid::Uuid;

/// The test server's URL.
pub fn pg_url() -> String {
    std::env::var("SIGNET_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// A store and what keeps it alive (the temp dir, the schema name).
pub struct Fixture {
    pub store: Arc<dyn Store>,
    pub dir: Option<tempfile::TempDir>,
    pub schema: Option<String>,
}

impl Fixture {
    /// A SQLite store in a fresh temporary directory.
    pub async fn sqlite() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SqliteStore::open(&dir.path().join("signet.db"))
            .await
            .expect("open sqlite");
        Fixture {
            store: Arc::new(store),
            dir: Some(dir),
            schema: None,
        }
    }

    /// A PostgreSQL store in a fresh schema.
    pub async fn postgres() -> Fixture {
        let schema = format!("signet_test_{}", Uuid::new_v4().simple());
        let mut admin = PgConnection::connect(&pg_url())
            .await
            .expect("PostgreSQL on 127.0.0.1:5432");
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(&mut admin)
            .await
            .expect("create schema");
        let store = PgStore::with_options(pg_options(&schema))
            .await
            .expect("open postgres");
        Fixture {
            store: Arc::new(store),
            dir: None,
            schema: Some(schema),
        }
    }

    /// The SQLite database file, for a SQLite fixture.
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.path().join("signet.db"))
    }
}

/// Connection options that put a store in `schema`.
pub fn pg_options(schema: &str) -> PgConnectOptions {
    PgConnectOptions::from_str(&pg_url())
        .expect("URL")
        .options([("search_path", schema)])
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if let Some(schema) = self.schema.take() {
            // Best effort: a leftover schema costs nothing but space.
            let url = pg_url();
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(rt) = rt {
                    rt.block_on(async {
                        if let Ok(mut c) = PgConnection::connect(&url).await {
                            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                                "DROP SCHEMA {schema} CASCADE"
                            )))
                            .execute(&mut c)
                            .await;
                        }
                    });
                }
            })
            .join()
            .ok();
        }
    }
}

/// Runs each suite function once per back end.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[tokio::test] async fn $name() { super::$name(super::Fixture::sqlite().await).await } )*
        }
        mod postgres {
            $( #[tokio::test] async fn $name() { super::$name(super::Fixture::postgres().await).await } )*
        }
    };
}

// ---------------------------------------------------------------------------
// Data and helpers of the content and upload suites

/// A frame size like hyper's, neither a divisor nor a multiple of a chunk
/// (and a multiple of 8, so that [`Frames`] is the same byte sequence
/// whatever the frame size).
pub const FRAME: usize = 64 * 1024 + 8;

/// Pseudo-random bytes (xorshift64), the same for the same seed, in frames
/// of a given size: an upload's body, made lazily.
pub struct Frames {
    state: u64,
    left: u64,
    frame: usize,
}

impl Frames {
    /// `len` bytes of seed `seed`, in frames of `frame` bytes.
    pub fn new(seed: u64, len: u64, frame: usize) -> Self {
        Frames {
            state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
            left: len,
            frame,
        }
    }
}

impl Iterator for Frames {
    type Item = Vec<u8>;

    fn next(&mut self) -> Option<Vec<u8>> {
        if self.left == 0 {
            return None;
        }
        let n = usize::try_from(self.left).map_or(self.frame, |l| l.min(self.frame));
        let mut out = vec![0u8; n];
        for word in out.chunks_mut(8) {
            self.state ^= self.state << 13;
            self.state ^= self.state >> 7;
            self.state ^= self.state << 17;
            word.copy_from_slice(&self.state.to_le_bytes()[..word.len()]);
        }
        self.left -= n as u64;
        Some(out)
    }
}

/// `len` bytes of seed `seed`, whole.
pub fn noise(seed: u64, len: usize) -> Vec<u8> {
    Frames::new(seed, len as u64, FRAME).flatten().collect()
}

/// A body of `data`, cut into frames of odd sizes, as a network
/// delivers it.
pub fn body_of(data: &[u8]) -> ByteStream<'static> {
    let frames: Vec<_> = data
        .chunks(100_003)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    stream::iter(frames).boxed()
}

/// Creates an organisation named `name`; its id.
pub async fn org(s: &Arc<dyn Store>, name: &str) -> Uuid {
    s.create_organization(NewOrganization {
        name: name.into(),
        ..Default::default()
    })
    .await
    .expect("create organization")
    .id
}

/// A content of `organization` named `name`.
pub fn content(organization: Uuid, name: &str) -> NewContent {
    NewContent {
        organization,
        name: name.into(),
        content_type: "application/pdf".into(),
    }
}

/// Reads a content stream to its end, checking that no chunk is over
/// 1 MiB. An error is returned with what was read before it.
pub async fn read_all(mut s: ByteStream<'static>) -> (Vec<u8>, Option<std::io::Error>) {
    let mut out = Vec::new();
    while let Some(chunk) = s.next().await {
        match chunk {
            Ok(c) => {
                assert!(c.len() <= CONTENT_CHUNK_SIZE, "chunk of {} bytes", c.len());
                out.extend_from_slice(&c);
            }
            Err(e) => return (out, Some(e)),
        }
    }
    (out, None)
}

/// The files in the blob directory of the database `db`.
pub fn blob_files(db: &Path) -> Vec<PathBuf> {
    let dir = db.parent().expect("parent").join("blobs");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("blob dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

/// Makes the file at `path` look `age` old.
pub fn set_age(path: &Path, age: Duration) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open")
        .set_modified(SystemTime::now() - age)
        .expect("set mtime");
}
