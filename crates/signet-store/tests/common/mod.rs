//! What the store suites share: a fixture per back end — SQLite in a
//! temporary directory, and the PostgreSQL server on 127.0.0.1:5432 for
//! real, each test in a schema of its own (`SIGNET_TEST_POSTGRES_URL`
//! overrides the server) — and `both_backends!`, which runs each suite
//! function once per back end.
//!
//! Each test binary uses a part of this.
#![allow(dead_code)]

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use signet_store::{PgStore, SqliteStore, Store};
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
