//! The SQLite and PostgreSQL back ends.
//!
//! Both run the same SQL for everything but content bytes (see the crate
//! documentation for the dialect they share), so the code is split along
//! what differs:
//!
//! - `shared`: the metadata SQL — organisations, grants, sessions,
//!   challenges, content and upload rows — written once for both databases
//!   (the `impl_store!` macro, since sqlx's `Sqlite` and `Postgres` types
//!   differ), and the [`Store`] impl of each.
//! - `rows`: the row mapping both read their rows with.
//! - `sqlite`: [`SqliteStore`], its connection set-up, and content bytes
//!   as files (see `crate::content::files`).
//! - `postgres`: [`PgStore`], its connection set-up, and content bytes as
//!   chunk rows (see `crate::content::chunks`).

mod postgres;
mod rows;
mod shared;
mod sqlite;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

pub use postgres::PgStore;
pub use sqlite::SqliteStore;

use crate::{Store, StoreError};

/// How many connections a pool holds, and how long a request waits for
/// one (and, on SQLite, for a lock) before the store is reported
/// unavailable. `None` is the default: 8 connections for SQLite, 16 for
/// PostgreSQL; 5 seconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PoolSettings {
    /// Most open connections.
    pub max_connections: Option<u32>,
    /// Longest wait for a connection.
    pub acquire_timeout: Option<Duration>,
}

impl PoolSettings {
    const DEFAULT_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

    fn acquire_timeout(&self) -> Duration {
        self.acquire_timeout
            .unwrap_or(Self::DEFAULT_ACQUIRE_TIMEOUT)
    }
}

/// Opens the store a database URL names: `sqlite:PATH` (or a bare path)
/// or `postgres://…`.
pub async fn open(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    open_with(url, PoolSettings::default()).await
}

/// [`open`] with these pool settings.
pub async fn open_with(url: &str, pool: PoolSettings) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::connect_with(url, pool).await?))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open_url_with(url, pool).await?))
    } else if !url.contains("://") {
        Ok(Arc::new(
            SqliteStore::open_with(Path::new(url), pool).await?,
        ))
    } else {
        Err(StoreError::UnsupportedUrl(url.to_owned()))
    }
}
