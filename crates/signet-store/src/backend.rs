//! The SQLite and PostgreSQL back ends.
//!
//! The two implementations share their SQL and their code, written once in
//! the `impl_store!` macro: sqlx's `Sqlite` and `Postgres` types differ, but
//! every statement here is valid in both dialects.
//!
//! Content bytes are the exception: files for SQLite, chunk rows for
//! PostgreSQL (see `crate::content`). The metadata SQL is shared; each back
//! end has its own `impl` block for the steps that move bytes.

use std::collections::HashSet;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use bytes::{Bytes, BytesMut};
use futures_util::{StreamExt, TryStreamExt};
use sqlx::Row;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use uuid::Uuid;

use crate::content::files::{BlobDir, Leftover};
use crate::content::{
    ByteStream, CONTENT_CHUNK_SIZE, Ingest, chunks, digest, md5_from_hex, md5_to_hex, size_from_db,
    size_to_db,
};
use crate::model::{
    Challenge, ChallengeOutcome, CompletedUpload, ContentMeta, NewContent, NewOrganization,
    OrgIdentifiers, Organization, PendingUpload, Session, TokenHash,
};
use crate::{Backend, Store, StoreError, now_unix};

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

/// The SQLite back end. Content bytes are files in `blobs/` beside the
/// database file.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// Where content files go; `None` for an in-memory database, which
    /// then refuses contents with [`StoreError::NoBlobDirectory`].
    blobs: Option<BlobDir>,
}

/// The PostgreSQL back end.
#[derive(Clone, Debug)]
pub struct PgStore {
    pool: PgPool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` and brings
    /// its schema up to date. Content files go to `blobs/` in the same
    /// directory; temporary files and unreferenced blobs an hour old, left
    /// by a process that was killed, are removed.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        Self::open_with(path, PoolSettings::default()).await
    }

    /// [`Self::open`] with these pool settings.
    async fn open_with(path: &Path, pool: PoolSettings) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(pool.acquire_timeout());
        Self::with_options(options, Some(BlobDir::beside(path)?), pool).await
    }

    /// Opens the database file `options` name with those options (tests
    /// use this to set pragmas such as `max_page_count`), with content
    /// files beside it as [`Self::open`] does.
    pub async fn with_connect_options(options: SqliteConnectOptions) -> Result<Self, StoreError> {
        let blobs = BlobDir::beside(options.get_filename())?;
        Self::with_options(options, Some(blobs), PoolSettings::default()).await
    }

    /// Opens a database from a `sqlite:` URL, with its content files in
    /// `blobs/` beside the file the URL names, as [`Self::open`] does. An
    /// in-memory database (`sqlite::memory:`, `mode=memory`) opens, but
    /// refuses to store contents ([`StoreError::NoBlobDirectory`]): its
    /// files would outlive it.
    pub async fn open_url(url: &str) -> Result<Self, StoreError> {
        Self::open_url_with(url, PoolSettings::default()).await
    }

    /// [`Self::open_url`] with these pool settings.
    async fn open_url_with(url: &str, pool: PoolSettings) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(pool.acquire_timeout());
        let blobs = if sqlite_url_is_in_memory(url) {
            None
        } else {
            Some(BlobDir::beside(options.get_filename())?)
        };
        Self::with_options(options, blobs, pool).await
    }

    async fn with_options(
        options: SqliteConnectOptions,
        blobs: Option<BlobDir>,
        settings: PoolSettings,
    ) -> Result<Self, StoreError> {
        let pool = SqlitePoolOptions::new()
            .max_connections(settings.max_connections.unwrap_or(8))
            .acquire_timeout(settings.acquire_timeout())
            .connect_with(options)
            .await?;
        sqlx::migrate!("migrations/sqlite").run(&pool).await?;
        let store = SqliteStore { pool, blobs };
        if let Some(blobs) = &store.blobs {
            blobs.create().await?;
            store.sweep_blobs(blobs).await;
        }
        Ok(store)
    }

    /// The directory of content files.
    fn blobs(&self) -> Result<&BlobDir, StoreError> {
        self.blobs.as_ref().ok_or(StoreError::NoBlobDirectory)
    }

    /// Removes what killed processes left in the blob directory (see
    /// `content::files`). Failures are logged: they cost only disk space.
    async fn sweep_blobs(&self, blobs: &BlobDir) {
        let stale = match blobs.stale_files().await {
            Ok(stale) => stale,
            Err(e) => {
                tracing::warn!(error = %e, "could not list the content files");
                return;
            }
        };
        let referenced: HashSet<String> = if stale.iter().any(|l| !matches!(l, Leftover::Temp(_))) {
            let names = sqlx::query_scalar::<_, String>(
                "SELECT blob_id FROM contents UNION ALL SELECT blob_id FROM content_uploads",
            )
            .fetch(&self.pool)
            .try_collect()
            .await;
            match names {
                Ok(names) => names,
                Err(e) => {
                    tracing::warn!(error = %e, "could not list the content blobs");
                    return;
                }
            }
        } else {
            HashSet::new()
        };
        let removed = blobs.sweep(stale, &referenced).await;
        if removed > 0 {
            tracing::info!(
                removed,
                "removed content files left by an interrupted upload"
            );
        }
    }
}

/// Whether a `sqlite:` URL names an in-memory database.
fn sqlite_url_is_in_memory(url: &str) -> bool {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let (database, params) = rest.split_once('?').unwrap_or((rest, ""));
    database == ":memory:" || params.split('&').any(|p| p == "mode=memory")
}

impl PgStore {
    /// Connects to PostgreSQL and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        Self::connect_with(url, PoolSettings::default()).await
    }

    /// [`Self::connect`] with these pool settings.
    async fn connect_with(url: &str, pool: PoolSettings) -> Result<Self, StoreError> {
        Self::with_pool_options(PgConnectOptions::from_str(url)?, pool).await
    }

    /// Connects with explicit options (tests use this to put each run in
    /// its own schema through `search_path`).
    pub async fn with_options(options: PgConnectOptions) -> Result<Self, StoreError> {
        Self::with_pool_options(options, PoolSettings::default()).await
    }

    async fn with_pool_options(
        options: PgConnectOptions,
        settings: PoolSettings,
    ) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(settings.max_connections.unwrap_or(16))
            .acquire_timeout(settings.acquire_timeout())
            .connect_with(options)
            .await?;
        sqlx::migrate!("migrations/postgres").run(&pool).await?;
        Ok(PgStore { pool })
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

fn parse_uuid(s: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(s).map_err(|e| StoreError::Corrupt(format!("stored id {s:?}: {e}")))
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

fn blank_to_none(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

// Column lists as macros, so that `concat!` builds static SQL (sqlx only
// takes `&'static str` queries, which rules out injection by construction).
macro_rules! org_columns {
    () => {
        "id, name, inn, ogrn, edrpou, created_at"
    };
}
macro_rules! session_columns {
    () => {
        "id_hash, refresh_hash, thumbprint, subject, created_at, last_seen_at, idle_expires_at, expires_at"
    };
}
macro_rules! content_columns {
    () => {
        "id, organization_id, name, content_type, md5, size, created_at"
    };
}
macro_rules! upload_columns {
    () => {
        "id, organization_id, name, content_type, received, created_at, updated_at"
    };
}

macro_rules! impl_store {
    ($store:ty, $backend:expr, $row:ty, $conn:ty) => {
        impl $store {
            fn content_from_row(row: &$row) -> Result<ContentMeta, StoreError> {
                Ok(ContentMeta {
                    id: parse_uuid(&row.try_get::<String, _>("id")?)?,
                    organization: parse_uuid(&row.try_get::<String, _>("organization_id")?)?,
                    name: row.try_get("name")?,
                    content_type: row.try_get("content_type")?,
                    md5: md5_from_hex(&row.try_get::<String, _>("md5")?)?,
                    size: size_from_db(row.try_get("size")?)?,
                    created_at: row.try_get("created_at")?,
                })
            }

            /// A content's description and the blob id its bytes are under.
            async fn content_with_blob(
                &self,
                organization: Uuid,
                id: Uuid,
            ) -> Result<Option<(ContentMeta, String)>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", content_columns!(), ", blob_id FROM contents \
                     WHERE id = $1 AND organization_id = $2"))
                    .bind(id.to_string())
                    .bind(organization.to_string())
                    .fetch_optional(&self.pool)
                    .await?;
                match row {
                    None => Ok(None),
                    Some(r) => Ok(Some((Self::content_from_row(&r)?, r.try_get("blob_id")?))),
                }
            }

            /// Contents are only ever stored for an organisation that
            /// exists; checked before a byte is read.
            async fn require_organization(&self, id: Uuid) -> Result<(), StoreError> {
                match self.organization(id).await? {
                    Some(_) => Ok(()),
                    None => Err(StoreError::NotFound {
                        what: format!("organization {id}"),
                    }),
                }
            }

            async fn insert_content_row(
                conn: &mut $conn,
                meta: &ContentMeta,
                blob_id: &str,
            ) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO contents \
                     (id, organization_id, name, content_type, md5, size, blob_id, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(meta.id.to_string())
                .bind(meta.organization.to_string())
                .bind(&meta.name)
                .bind(&meta.content_type)
                .bind(md5_to_hex(&meta.md5))
                .bind(size_to_db(meta.size)?)
                .bind(blob_id)
                .bind(meta.created_at)
                .execute(&mut *conn)
                .await?;
                Ok(())
            }

            /// Points a content's row at a new blob (and a new name, type,
            /// MD5 and size).
            async fn switch_content_row(
                conn: &mut $conn,
                meta: &ContentMeta,
                blob_id: &str,
            ) -> Result<(), StoreError> {
                sqlx::query(
                    "UPDATE contents SET name = $3, content_type = $4, md5 = $5, size = $6, \
                     blob_id = $7 WHERE id = $1 AND organization_id = $2",
                )
                .bind(meta.id.to_string())
                .bind(meta.organization.to_string())
                .bind(&meta.name)
                .bind(&meta.content_type)
                .bind(md5_to_hex(&meta.md5))
                .bind(size_to_db(meta.size)?)
                .bind(blob_id)
                .execute(&mut *conn)
                .await?;
                Ok(())
            }

            fn upload_from_row(row: &$row) -> Result<PendingUpload, StoreError> {
                Ok(PendingUpload {
                    id: parse_uuid(&row.try_get::<String, _>("id")?)?,
                    organization: parse_uuid(&row.try_get::<String, _>("organization_id")?)?,
                    name: row.try_get("name")?,
                    content_type: row.try_get("content_type")?,
                    received: size_from_db(row.try_get("received")?)?,
                    created_at: row.try_get("created_at")?,
                    updated_at: row.try_get("updated_at")?,
                })
            }

            async fn pending_upload(
                &self,
                organization: Uuid,
                id: Uuid,
            ) -> Result<Option<PendingUpload>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", upload_columns!(), " FROM content_uploads \
                     WHERE id = $1 AND organization_id = $2"))
                    .bind(id.to_string())
                    .bind(organization.to_string())
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(Self::upload_from_row).transpose()
            }

            /// Before a part is read: creates the upload for a part at 0
            /// (naming it after that part while it is empty), then checks
            /// that the part starts where the staged bytes end. Returns the
            /// staged blob's id.
            async fn begin_part(
                &self,
                id: Uuid,
                new: &NewContent,
                start: u64,
            ) -> Result<String, StoreError> {
                self.require_organization(new.organization).await?;
                let organization = new.organization.to_string();
                if start == 0 {
                    let owner: Option<String> =
                        sqlx::query_scalar("SELECT organization_id FROM contents WHERE id = $1")
                            .bind(id.to_string())
                            .fetch_optional(&self.pool)
                            .await?;
                    if owner.is_some_and(|o| o != organization) {
                        return Err(StoreError::IdTaken { id });
                    }
                    let now = now_unix();
                    sqlx::query(
                        "INSERT INTO content_uploads (id, organization_id, name, content_type, \
                         blob_id, received, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, 0, $6, $6) ON CONFLICT (id) DO NOTHING",
                    )
                    .bind(id.to_string())
                    .bind(&organization)
                    .bind(&new.name)
                    .bind(&new.content_type)
                    .bind(Uuid::new_v4().to_string())
                    .bind(now)
                    .execute(&self.pool)
                    .await?;
                    sqlx::query(
                        "UPDATE content_uploads SET name = $3, content_type = $4, updated_at = $5 \
                         WHERE id = $1 AND organization_id = $2 AND received = 0",
                    )
                    .bind(id.to_string())
                    .bind(&organization)
                    .bind(&new.name)
                    .bind(&new.content_type)
                    .bind(now)
                    .execute(&self.pool)
                    .await?;
                }
                let row = sqlx::query(
                    "SELECT organization_id, blob_id, received FROM content_uploads WHERE id = $1",
                )
                .bind(id.to_string())
                .fetch_optional(&self.pool)
                .await?;
                let Some(row) = row else {
                    return Err(StoreError::UploadOffset { expected: 0 });
                };
                if row.try_get::<String, _>("organization_id")? != organization {
                    return Err(StoreError::IdTaken { id });
                }
                let received = size_from_db(row.try_get("received")?)?;
                if received != start {
                    return Err(StoreError::UploadOffset { expected: received });
                }
                Ok(row.try_get("blob_id")?)
            }

            /// Streams a part onto the end of an upload, a chunk at a time
            /// (see [`Store::append_upload`]).
            async fn append_part(
                &self,
                id: Uuid,
                new: NewContent,
                start: u64,
                body: ByteStream<'_>,
                part_len: u64,
            ) -> Result<PendingUpload, StoreError> {
                self.can_stage()?;
                let organization = new.organization;
                let blob_id = self.begin_part(id, &new, start).await?;
                let mut received = start;
                let mut ingest = Ingest::new(body, part_len);
                loop {
                    match ingest.next_chunk().await {
                        Ok(Some(chunk)) => {
                            received = self
                                .stage_chunk(organization, id, &blob_id, received, chunk)
                                .await?;
                        }
                        Ok(None) => break,
                        Err(e) => {
                            // Keep what arrived: that is what a resumed
                            // upload goes on from.
                            if let Some(rest) = ingest.take_buffered()
                                && let Err(lost) = self
                                    .stage_chunk(organization, id, &blob_id, received, rest)
                                    .await
                            {
                                tracing::warn!(upload = %id, error = %lost, "could not keep the end of a broken part");
                            }
                            return Err(e);
                        }
                    }
                }
                match self.pending_upload(organization, id).await? {
                    Some(upload) => Ok(upload),
                    None => Err(StoreError::UploadOffset { expected: 0 }),
                }
            }

            fn org_from_row(row: &$row) -> Result<Organization, StoreError> {
                Ok(Organization {
                    id: parse_uuid(&row.try_get::<String, _>("id")?)?,
                    name: row.try_get("name")?,
                    inn: row.try_get("inn")?,
                    ogrn: row.try_get("ogrn")?,
                    edrpou: row.try_get("edrpou")?,
                    created_at: row.try_get("created_at")?,
                })
            }

            fn session_from_row(row: &$row, id_hash: TokenHash) -> Result<Session, StoreError> {
                // Only the hashes' hex is stored; the TokenHash values are
                // rebuilt from what the caller asked with, and the refresh
                // hash from its hex.
                let refresh_hex: String = row.try_get("refresh_hash")?;
                Ok(Session {
                    id_hash,
                    refresh_hash: TokenHash::from_hex(&refresh_hex)
                        .ok_or_else(|| StoreError::Corrupt("refresh hash".into()))?,
                    thumbprint: row.try_get("thumbprint")?,
                    subject: row.try_get("subject")?,
                    created_at: row.try_get("created_at")?,
                    last_seen_at: row.try_get("last_seen_at")?,
                    idle_expires_at: row.try_get("idle_expires_at")?,
                    expires_at: row.try_get("expires_at")?,
                })
            }
        }

        #[async_trait]
        impl Store for $store {
            fn backend(&self) -> Backend {
                $backend
            }

            async fn ping(&self) -> Result<(), StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn create_organization(
                &self,
                new: NewOrganization,
            ) -> Result<Organization, StoreError> {
                let org = Organization {
                    id: Uuid::new_v4(),
                    name: new.name.trim().to_owned(),
                    inn: blank_to_none(new.inn),
                    ogrn: blank_to_none(new.ogrn),
                    edrpou: blank_to_none(new.edrpou),
                    created_at: now_unix(),
                };
                sqlx::query(
                    "INSERT INTO organizations (id, name, inn, ogrn, edrpou, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(org.id.to_string())
                .bind(&org.name)
                .bind(&org.inn)
                .bind(&org.ogrn)
                .bind(&org.edrpou)
                .bind(org.created_at)
                .execute(&self.pool)
                .await?;
                Ok(org)
            }

            async fn organization(&self, id: Uuid) -> Result<Option<Organization>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", org_columns!(), " FROM organizations WHERE id = $1"))
                    .bind(id.to_string())
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(Self::org_from_row).transpose()
            }

            async fn organizations(&self) -> Result<Vec<Organization>, StoreError> {
                let rows = sqlx::query(concat!("SELECT ", org_columns!(), " FROM organizations ORDER BY created_at, id"))
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(Self::org_from_row).collect()
            }

            async fn organizations_matching(
                &self,
                ids: &OrgIdentifiers,
            ) -> Result<Vec<Organization>, StoreError> {
                let inn = blank_to_none(ids.inn.clone());
                let ogrn = blank_to_none(ids.ogrn.clone());
                let edrpou = blank_to_none(ids.edrpou.clone());
                if inn.is_none() && ogrn.is_none() && edrpou.is_none() {
                    return Ok(Vec::new());
                }
                let rows = sqlx::query(concat!("SELECT ", org_columns!(), " FROM organizations \
                     WHERE inn = $1 OR ogrn = $2 OR edrpou = $3 ORDER BY created_at, id"))
                .bind(inn)
                .bind(ogrn)
                .bind(edrpou)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(Self::org_from_row).collect()
            }

            async fn grant(&self, organization: Uuid, thumbprint: &str) -> Result<bool, StoreError> {
                if self.organization(organization).await?.is_none() {
                    return Err(StoreError::NotFound {
                        what: format!("organization {organization}"),
                    });
                }
                let done = sqlx::query(
                    "INSERT INTO organization_grants (organization_id, thumbprint, created_at) \
                     VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                )
                .bind(organization.to_string())
                .bind(thumbprint.to_ascii_uppercase())
                .bind(now_unix())
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn granted_organizations(&self, thumbprint: &str) -> Result<Vec<Uuid>, StoreError> {
                let rows = sqlx::query(
                    "SELECT organization_id FROM organization_grants \
                     WHERE thumbprint = $1 ORDER BY created_at, organization_id",
                )
                .bind(thumbprint.to_ascii_uppercase())
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| parse_uuid(&r.try_get::<String, _>("organization_id")?))
                    .collect()
            }

            async fn create_session(&self, s: &Session) -> Result<(), StoreError> {
                sqlx::query(concat!("INSERT INTO sessions (", session_columns!(), ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"))
                .bind(s.id_hash.to_hex())
                .bind(s.refresh_hash.to_hex())
                .bind(&s.thumbprint)
                .bind(&s.subject)
                .bind(s.created_at)
                .bind(s.last_seen_at)
                .bind(s.idle_expires_at)
                .bind(s.expires_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn session(&self, id_hash: &TokenHash) -> Result<Option<Session>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", session_columns!(), " FROM sessions WHERE id_hash = $1"))
                .bind(id_hash.to_hex())
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref()
                    .map(|r| Self::session_from_row(r, *id_hash))
                    .transpose()
            }

            async fn touch_session(
                &self,
                id_hash: &TokenHash,
                now: i64,
                idle_expires_at: i64,
            ) -> Result<bool, StoreError> {
                let done = sqlx::query(
                    "UPDATE sessions SET last_seen_at = $2, idle_expires_at = $3 WHERE id_hash = $1",
                )
                .bind(id_hash.to_hex())
                .bind(now)
                .bind(idle_expires_at)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn delete_session(&self, id_hash: &TokenHash) -> Result<bool, StoreError> {
                let done = sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
                    .bind(id_hash.to_hex())
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn session_by_refresh(&self, refresh_hash: &TokenHash) -> Result<Option<Session>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", session_columns!(), " FROM sessions WHERE refresh_hash = $1"))
                    .bind(refresh_hash.to_hex())
                    .fetch_optional(&self.pool)
                    .await?;
                match row {
                    None => Ok(None),
                    Some(r) => {
                        let id_hex: String = r.try_get("id_hash")?;
                        let id = TokenHash::from_hex(&id_hex).ok_or_else(|| StoreError::Corrupt("session hash".into()))?;
                        Self::session_from_row(&r, id).map(Some)
                    }
                }
            }

            async fn rotate_session(&self, old_refresh: &TokenHash, new: &Session) -> Result<bool, StoreError> {
                let mut tx = self.pool.begin().await?;
                let gone = sqlx::query("DELETE FROM sessions WHERE refresh_hash = $1")
                    .bind(old_refresh.to_hex())
                    .execute(&mut *tx)
                    .await?;
                if gone.rows_affected() != 1 {
                    tx.rollback().await?;
                    return Ok(false);
                }
                sqlx::query(concat!("INSERT INTO sessions (", session_columns!(), ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"))
                    .bind(new.id_hash.to_hex())
                    .bind(new.refresh_hash.to_hex())
                    .bind(&new.thumbprint)
                    .bind(&new.subject)
                    .bind(new.created_at)
                    .bind(new.last_seen_at)
                    .bind(new.idle_expires_at)
                    .bind(new.expires_at)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn create_challenge(&self, c: &Challenge) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO auth_challenges (thumbprint, key_hash, certificate, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(c.thumbprint.to_ascii_uppercase())
                .bind(c.key_hash.to_hex())
                .bind(base64_encode(&c.certificate))
                .bind(c.created_at)
                .bind(c.expires_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn take_challenge(
                &self,
                thumbprint: &str,
                key_hash: &TokenHash,
                now: i64,
            ) -> Result<ChallengeOutcome, StoreError> {
                // DELETE … RETURNING makes the take atomic: of two
                // concurrent approvals with the same key, one gets the row.
                let row = sqlx::query(
                    "DELETE FROM auth_challenges WHERE thumbprint = $1 AND key_hash = $2 \
                     RETURNING certificate, expires_at",
                )
                .bind(thumbprint.to_ascii_uppercase())
                .bind(key_hash.to_hex())
                .fetch_optional(&self.pool)
                .await?;
                let Some(row) = row else {
                    return Ok(ChallengeOutcome::Unknown);
                };
                let expires_at: i64 = row.try_get("expires_at")?;
                if now >= expires_at {
                    return Ok(ChallengeOutcome::Expired);
                }
                let cert: String = row.try_get("certificate")?;
                base64_decode(&cert)
                    .map(ChallengeOutcome::Accepted)
                    .ok_or_else(|| StoreError::Corrupt("challenge certificate".into()))
            }

            async fn delete_expired_challenges(&self, now: i64) -> Result<u64, StoreError> {
                let done = sqlx::query("DELETE FROM auth_challenges WHERE expires_at <= $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected())
            }

            async fn delete_expired_sessions(&self, now: i64) -> Result<u64, StoreError> {
                let done = sqlx::query(
                    "DELETE FROM sessions WHERE expires_at <= $1 OR idle_expires_at <= $1",
                )
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected())
            }

            async fn put_content(
                &self,
                new: NewContent,
                body: ByteStream<'_>,
                max_size: u64,
            ) -> Result<ContentMeta, StoreError> {
                self.store_new_content(new, body, max_size).await
            }

            async fn replace_content(
                &self,
                id: Uuid,
                new: NewContent,
                body: ByteStream<'_>,
                max_size: u64,
            ) -> Result<Option<ContentMeta>, StoreError> {
                self.store_replacement(id, new, body, max_size).await
            }

            async fn content_meta(
                &self,
                organization: Uuid,
                id: Uuid,
            ) -> Result<Option<ContentMeta>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", content_columns!(), " FROM contents \
                     WHERE id = $1 AND organization_id = $2"))
                    .bind(id.to_string())
                    .bind(organization.to_string())
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(Self::content_from_row).transpose()
            }

            async fn open_content(
                &self,
                organization: Uuid,
                id: Uuid,
            ) -> Result<Option<(ContentMeta, ByteStream<'static>)>, StoreError> {
                self.open_content_bytes(organization, id).await
            }

            async fn delete_content(&self, organization: Uuid, id: Uuid) -> Result<bool, StoreError> {
                self.delete_content_and_bytes(organization, id).await
            }

            async fn upload_status(
                &self,
                organization: Uuid,
                id: Uuid,
            ) -> Result<Option<PendingUpload>, StoreError> {
                self.pending_upload(organization, id).await
            }

            async fn append_upload(
                &self,
                id: Uuid,
                new: NewContent,
                start: u64,
                body: ByteStream<'_>,
                part_len: u64,
            ) -> Result<PendingUpload, StoreError> {
                self.append_part(id, new, start, body, part_len).await
            }

            async fn complete_upload(
                &self,
                organization: Uuid,
                id: Uuid,
                size: u64,
            ) -> Result<Option<CompletedUpload>, StoreError> {
                self.complete_staged(organization, id, size).await
            }

            async fn delete_upload(&self, organization: Uuid, id: Uuid) -> Result<bool, StoreError> {
                self.delete_upload_and_bytes(organization, id).await
            }

            async fn expire_uploads(&self, idle_since: i64) -> Result<u64, StoreError> {
                self.expire_uploads_and_bytes(idle_since).await
            }
        }
    };
}

impl_store!(
    SqliteStore,
    Backend::Sqlite,
    sqlx::sqlite::SqliteRow,
    sqlx::SqliteConnection
);
impl_store!(
    PgStore,
    Backend::Postgres,
    sqlx::postgres::PgRow,
    sqlx::PgConnection
);

/// Content bytes as files (see `content::files`).
impl SqliteStore {
    async fn store_new_content(
        &self,
        new: NewContent,
        body: ByteStream<'_>,
        max_size: u64,
    ) -> Result<ContentMeta, StoreError> {
        let blobs = self.blobs()?;
        self.require_organization(new.organization).await?;
        let mut ingest = Ingest::new(body, max_size);
        let (blob_id, file) = blobs.receive(&mut ingest).await?;
        let (md5, size) = ingest.finish();
        let meta = ContentMeta {
            id: Uuid::new_v4(),
            organization: new.organization,
            name: new.name,
            content_type: new.content_type,
            md5,
            size,
            created_at: now_unix(),
        };
        let mut conn = self.pool.acquire().await?;
        // On failure `file` is dropped, which removes it.
        Self::insert_content_row(&mut conn, &meta, &blob_id).await?;
        file.keep();
        Ok(meta)
    }

    async fn store_replacement(
        &self,
        id: Uuid,
        new: NewContent,
        body: ByteStream<'_>,
        max_size: u64,
    ) -> Result<Option<ContentMeta>, StoreError> {
        let blobs = self.blobs()?;
        if self.content_meta(new.organization, id).await?.is_none() {
            return Ok(None);
        }
        let mut ingest = Ingest::new(body, max_size);
        let (blob_id, file) = blobs.receive(&mut ingest).await?;
        let (md5, size) = ingest.finish();
        // IMMEDIATE takes the write lock first: a deferred transaction that
        // reads and then writes fails at once (SQLITE_BUSY) when another
        // connection wrote in between.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let old = sqlx::query(
            "SELECT blob_id, created_at FROM contents WHERE id = $1 AND organization_id = $2",
        )
        .bind(id.to_string())
        .bind(new.organization.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(old) = old else {
            // Deleted while the upload ran.
            tx.rollback().await?;
            return Ok(None);
        };
        let old_blob: String = old.try_get("blob_id")?;
        let meta = ContentMeta {
            id,
            organization: new.organization,
            name: new.name,
            content_type: new.content_type,
            md5,
            size,
            created_at: old.try_get("created_at")?,
        };
        Self::switch_content_row(&mut tx, &meta, &blob_id).await?;
        tx.commit().await?;
        file.keep();
        // Readers that opened the old file keep reading it: it is only
        // unlinked.
        blobs.discard(&old_blob).await;
        Ok(Some(meta))
    }

    async fn open_content_bytes(
        &self,
        organization: Uuid,
        id: Uuid,
    ) -> Result<Option<(ContentMeta, ByteStream<'static>)>, StoreError> {
        let blobs = self.blobs()?;
        let mut missing = None;
        // The row is read before the file is opened, so a replacement or
        // deletion in between can remove the file the row named: then the
        // row is read again.
        for _ in 0..3 {
            let Some((meta, blob_id)) = self.content_with_blob(organization, id).await? else {
                return Ok(None);
            };
            if missing.as_ref() == Some(&blob_id) {
                break;
            }
            if let Some(file) = blobs.open(&blob_id).await? {
                let size = meta.size;
                return Ok(Some((meta, read_file(file, size))));
            }
            missing = Some(blob_id);
        }
        Err(StoreError::Corrupt(format!(
            "content {id}: its file is missing"
        )))
    }

    async fn delete_content_and_bytes(
        &self,
        organization: Uuid,
        id: Uuid,
    ) -> Result<bool, StoreError> {
        let blob_id: Option<String> = sqlx::query_scalar(
            "DELETE FROM contents WHERE id = $1 AND organization_id = $2 RETURNING blob_id",
        )
        .bind(id.to_string())
        .bind(organization.to_string())
        .fetch_optional(&self.pool)
        .await?;
        let Some(blob_id) = blob_id else {
            return Ok(false);
        };
        if let Some(blobs) = &self.blobs {
            blobs.discard(&blob_id).await;
        }
        Ok(true)
    }
}

/// Uploads in parts as staged files (see `content::files`).
impl SqliteStore {
    fn can_stage(&self) -> Result<(), StoreError> {
        self.blobs().map(|_| ())
    }

    /// The error for a part that does not start where the upload's
    /// staged bytes end (0 when the upload is gone).
    async fn offset_error(&self, organization: Uuid, id: Uuid) -> StoreError {
        match self.pending_upload(organization, id).await {
            Ok(upload) => StoreError::UploadOffset {
                expected: upload.map_or(0, |u| u.received),
            },
            Err(e) => e,
        }
    }

    /// Checks that upload `id` still stages `blob_id` and holds
    /// `offset` bytes.
    async fn expect_staged(
        &self,
        organization: Uuid,
        id: Uuid,
        blob_id: &str,
        offset: u64,
    ) -> Result<(), StoreError> {
        let row = sqlx::query(
            "SELECT blob_id, received FROM content_uploads \
             WHERE id = $1 AND organization_id = $2",
        )
        .bind(id.to_string())
        .bind(organization.to_string())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Err(StoreError::UploadOffset { expected: 0 });
        };
        let received = size_from_db(row.try_get("received")?)?;
        if row.try_get::<String, _>("blob_id")? != blob_id || received != offset {
            return Err(StoreError::UploadOffset { expected: received });
        }
        Ok(())
    }

    /// Writes a chunk at `offset` of the staged file and records the new
    /// length; returns it.
    async fn stage_chunk(
        &self,
        organization: Uuid,
        id: Uuid,
        blob_id: &str,
        offset: u64,
        chunk: Bytes,
    ) -> Result<u64, StoreError> {
        let blobs = self.blobs()?;
        let end = offset + chunk.len() as u64;
        let lock = blobs.lock_staged(blob_id).await;
        self.expect_staged(organization, id, blob_id, offset)
            .await?;
        let lock = blobs.write_staged(blob_id, offset, chunk, lock).await?;
        // Another process on the same database (not a set-up signet runs,
        // but possible) is kept out of the row here, if not out of the file.
        let done = sqlx::query(
            "UPDATE content_uploads SET received = $4, updated_at = $5 \
             WHERE id = $1 AND organization_id = $2 AND blob_id = $3 AND received = $6",
        )
        .bind(id.to_string())
        .bind(organization.to_string())
        .bind(blob_id)
        .bind(size_to_db(end)?)
        .bind(now_unix())
        .bind(size_to_db(offset)?)
        .execute(&self.pool)
        .await?;
        drop(lock);
        if done.rows_affected() != 1 {
            return Err(self.offset_error(organization, id).await);
        }
        Ok(end)
    }

    async fn complete_staged(
        &self,
        organization: Uuid,
        id: Uuid,
        size: u64,
    ) -> Result<Option<CompletedUpload>, StoreError> {
        let blobs = self.blobs()?;
        let blob_id: Option<(String, i64)> = sqlx::query_as(
            "SELECT blob_id, received FROM content_uploads WHERE id = $1 AND organization_id = $2",
        )
        .bind(id.to_string())
        .bind(organization.to_string())
        .fetch_optional(&self.pool)
        .await?;
        let Some((blob_id, received)) = blob_id else {
            return Ok(None);
        };
        if size_from_db(received)? != size {
            return Err(StoreError::UploadOffset {
                expected: size_from_db(received)?,
            });
        }
        // The staged bytes before `size` never change (parts only append),
        // so they are hashed without a lock; the row is checked again
        // below.
        let file = blobs.open_staged(&blob_id).await?.ok_or_else(|| {
            StoreError::Corrupt(format!("upload {id}: its staged file is missing"))
        })?;
        let (md5, hashed) = digest(read_file(file, size)).await?;
        debug_assert_eq!(hashed, size);

        let lock = blobs.lock_staged(&blob_id).await;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let upload = sqlx::query(concat!(
            "SELECT ",
            upload_columns!(),
            ", blob_id FROM content_uploads WHERE id = $1 AND organization_id = $2"
        ))
        .bind(id.to_string())
        .bind(organization.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(upload) = upload else {
            return Ok(None);
        };
        let pending = Self::upload_from_row(&upload)?;
        if upload.try_get::<String, _>("blob_id")? != blob_id || pending.received != size {
            return Err(StoreError::UploadOffset {
                expected: pending.received,
            });
        }
        let existing =
            sqlx::query("SELECT organization_id, blob_id, created_at FROM contents WHERE id = $1")
                .bind(id.to_string())
                .fetch_optional(&mut *tx)
                .await?;
        let mut meta = ContentMeta {
            id,
            organization,
            name: pending.name,
            content_type: pending.content_type,
            md5,
            size,
            created_at: now_unix(),
        };
        let promoted = blobs.promote(&blob_id, size).await?;
        let old_blob = match existing {
            Some(row)
                if row.try_get::<String, _>("organization_id")? != organization.to_string() =>
            {
                return Err(StoreError::IdTaken { id });
            }
            Some(row) => {
                meta.created_at = row.try_get("created_at")?;
                Self::switch_content_row(&mut tx, &meta, &blob_id).await?;
                Some(row.try_get::<String, _>("blob_id")?)
            }
            None => {
                Self::insert_content_row(&mut tx, &meta, &blob_id).await?;
                None
            }
        };
        sqlx::query("DELETE FROM content_uploads WHERE id = $1")
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        promoted.keep();
        drop(lock);
        let replaced = old_blob.is_some();
        if let Some(old) = old_blob {
            blobs.discard(&old).await;
        }
        Ok(Some(CompletedUpload { meta, replaced }))
    }

    async fn delete_upload_and_bytes(
        &self,
        organization: Uuid,
        id: Uuid,
    ) -> Result<bool, StoreError> {
        let blob_id: Option<String> = sqlx::query_scalar(
            "DELETE FROM content_uploads WHERE id = $1 AND organization_id = $2 RETURNING blob_id",
        )
        .bind(id.to_string())
        .bind(organization.to_string())
        .fetch_optional(&self.pool)
        .await?;
        let Some(blob_id) = blob_id else {
            return Ok(false);
        };
        self.discard_staged(&blob_id).await;
        Ok(true)
    }

    async fn expire_uploads_and_bytes(&self, idle_since: i64) -> Result<u64, StoreError> {
        let blob_ids: Vec<String> = sqlx::query_scalar(
            "DELETE FROM content_uploads WHERE updated_at < $1 RETURNING blob_id",
        )
        .bind(idle_since)
        .fetch_all(&self.pool)
        .await?;
        for blob_id in &blob_ids {
            self.discard_staged(blob_id).await;
        }
        Ok(blob_ids.len() as u64)
    }

    /// Removes the staged file of an upload whose row is gone, once no
    /// write to it is in progress.
    async fn discard_staged(&self, blob_id: &str) {
        if let Some(blobs) = &self.blobs {
            let _lock = blobs.lock_staged(blob_id).await;
            blobs.discard_staged(blob_id).await;
        }
    }
}

/// Streams the `size` bytes of an open content file in chunks of
/// [`CONTENT_CHUNK_SIZE`] (the last one shorter).
fn read_file(file: tokio::fs::File, size: u64) -> ByteStream<'static> {
    use tokio::io::AsyncReadExt;
    futures_util::stream::try_unfold((file, size), |(mut file, remaining)| async move {
        if remaining == 0 {
            return Ok(None);
        }
        let want =
            usize::try_from(remaining).map_or(CONTENT_CHUNK_SIZE, |r| r.min(CONTENT_CHUNK_SIZE));
        let mut chunk = BytesMut::with_capacity(want);
        while chunk.len() < want {
            let n = (&mut file)
                .take((want - chunk.len()) as u64)
                .read_buf(&mut chunk)
                .await?;
            if n == 0 {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the content file is shorter than its recorded size",
                ));
            }
        }
        Ok(Some((chunk.freeze(), (file, remaining - want as u64))))
    })
    .boxed()
}

/// Content bytes as chunk rows (see `content::chunks`).
impl PgStore {
    async fn store_new_content(
        &self,
        new: NewContent,
        body: ByteStream<'_>,
        max_size: u64,
    ) -> Result<ContentMeta, StoreError> {
        self.require_organization(new.organization).await?;
        let mut ingest = Ingest::new(body, max_size);
        let blob_id = Uuid::new_v4().to_string();
        // Dropping `tx` on any failure (or cancellation) rolls the chunks
        // back.
        let mut tx = chunks::write(&self.pool, &blob_id, &mut ingest).await?;
        let (md5, size) = ingest.finish();
        let meta = ContentMeta {
            id: Uuid::new_v4(),
            organization: new.organization,
            name: new.name,
            content_type: new.content_type,
            md5,
            size,
            created_at: now_unix(),
        };
        Self::insert_content_row(&mut tx, &meta, &blob_id).await?;
        tx.commit().await?;
        Ok(meta)
    }

    async fn store_replacement(
        &self,
        id: Uuid,
        new: NewContent,
        body: ByteStream<'_>,
        max_size: u64,
    ) -> Result<Option<ContentMeta>, StoreError> {
        if self.content_meta(new.organization, id).await?.is_none() {
            return Ok(None);
        }
        let mut ingest = Ingest::new(body, max_size);
        let blob_id = Uuid::new_v4().to_string();
        let mut tx = chunks::write(&self.pool, &blob_id, &mut ingest).await?;
        let (md5, size) = ingest.finish();
        // The row is locked only now, at the end, so a long upload does not
        // hold up other writers of it; concurrent replacements apply in
        // turn, each removing the blob the previous one wrote.
        let old = sqlx::query(
            "SELECT blob_id, created_at FROM contents \
             WHERE id = $1 AND organization_id = $2 FOR UPDATE",
        )
        .bind(id.to_string())
        .bind(new.organization.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(old) = old else {
            tx.rollback().await?;
            return Ok(None);
        };
        let old_blob: String = old.try_get("blob_id")?;
        let meta = ContentMeta {
            id,
            organization: new.organization,
            name: new.name,
            content_type: new.content_type,
            md5,
            size,
            created_at: old.try_get("created_at")?,
        };
        Self::switch_content_row(&mut tx, &meta, &blob_id).await?;
        sqlx::query("DELETE FROM content_chunks WHERE blob_id = $1")
            .bind(&old_blob)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(meta))
    }

    async fn open_content_bytes(
        &self,
        organization: Uuid,
        id: Uuid,
    ) -> Result<Option<(ContentMeta, ByteStream<'static>)>, StoreError> {
        let Some((meta, blob_id)) = self.content_with_blob(organization, id).await? else {
            return Ok(None);
        };
        let stream = chunks::read(self.pool.clone(), blob_id, meta.size);
        Ok(Some((meta, stream)))
    }

    async fn delete_content_and_bytes(
        &self,
        organization: Uuid,
        id: Uuid,
    ) -> Result<bool, StoreError> {
        self.delete_row_and_chunks(
            "DELETE FROM contents WHERE id = $1 AND organization_id = $2 RETURNING blob_id",
            organization,
            id,
        )
        .await
    }

    /// Runs `delete` (a DELETE … RETURNING blob_id of one row of the
    /// organisation) and removes that blob's chunks, in one transaction.
    async fn delete_row_and_chunks(
        &self,
        delete: &'static str,
        organization: Uuid,
        id: Uuid,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let blob_id: Option<String> = sqlx::query_scalar(delete)
            .bind(id.to_string())
            .bind(organization.to_string())
            .fetch_optional(&mut *tx)
            .await?;
        let Some(blob_id) = blob_id else {
            tx.rollback().await?;
            return Ok(false);
        };
        sqlx::query("DELETE FROM content_chunks WHERE blob_id = $1")
            .bind(&blob_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// Uploads in parts as staged chunk rows (see `content::chunks`).
impl PgStore {
    fn can_stage(&self) -> Result<(), StoreError> {
        Ok(())
    }

    /// Inserts a chunk after the staged ones and records the new length,
    /// in one transaction that holds the upload's row; returns the length.
    async fn stage_chunk(
        &self,
        organization: Uuid,
        id: Uuid,
        blob_id: &str,
        offset: u64,
        chunk: Bytes,
    ) -> Result<u64, StoreError> {
        let end = offset + chunk.len() as u64;
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "SELECT blob_id, received, next_seq FROM content_uploads \
             WHERE id = $1 AND organization_id = $2 FOR UPDATE",
        )
        .bind(id.to_string())
        .bind(organization.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Err(StoreError::UploadOffset { expected: 0 });
        };
        let received = size_from_db(row.try_get("received")?)?;
        if row.try_get::<String, _>("blob_id")? != blob_id || received != offset {
            return Err(StoreError::UploadOffset { expected: received });
        }
        let seq: i64 = row.try_get("next_seq")?;
        sqlx::query("INSERT INTO content_chunks (blob_id, seq, data) VALUES ($1, $2, $3)")
            .bind(blob_id)
            .bind(seq)
            .bind(&chunk[..])
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE content_uploads SET received = $2, next_seq = $3, updated_at = $4 \
             WHERE id = $1",
        )
        .bind(id.to_string())
        .bind(size_to_db(end)?)
        .bind(seq + 1)
        .bind(now_unix())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(end)
    }

    async fn complete_staged(
        &self,
        organization: Uuid,
        id: Uuid,
        size: u64,
    ) -> Result<Option<CompletedUpload>, StoreError> {
        let blob_id: Option<(String, i64)> = sqlx::query_as(
            "SELECT blob_id, received FROM content_uploads WHERE id = $1 AND organization_id = $2",
        )
        .bind(id.to_string())
        .bind(organization.to_string())
        .fetch_optional(&self.pool)
        .await?;
        let Some((blob_id, received)) = blob_id else {
            return Ok(None);
        };
        if size_from_db(received)? != size {
            return Err(StoreError::UploadOffset {
                expected: size_from_db(received)?,
            });
        }
        // Parts only append, so the first `size` bytes are hashed outside
        // the transaction; the row is checked again under its lock.
        let (md5, _) = digest(chunks::read(self.pool.clone(), blob_id.clone(), size)).await?;

        let mut tx = self.pool.begin().await?;
        let upload = sqlx::query(concat!(
            "SELECT ",
            upload_columns!(),
            ", blob_id FROM content_uploads WHERE id = $1 AND organization_id = $2 FOR UPDATE"
        ))
        .bind(id.to_string())
        .bind(organization.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(upload) = upload else {
            return Ok(None);
        };
        let pending = Self::upload_from_row(&upload)?;
        if upload.try_get::<String, _>("blob_id")? != blob_id || pending.received != size {
            return Err(StoreError::UploadOffset {
                expected: pending.received,
            });
        }
        let existing = sqlx::query(
            "SELECT organization_id, blob_id, created_at FROM contents WHERE id = $1 FOR UPDATE",
        )
        .bind(id.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let mut meta = ContentMeta {
            id,
            organization,
            name: pending.name,
            content_type: pending.content_type,
            md5,
            size,
            created_at: now_unix(),
        };
        let replaced = match existing {
            Some(row)
                if row.try_get::<String, _>("organization_id")? != organization.to_string() =>
            {
                return Err(StoreError::IdTaken { id });
            }
            Some(row) => {
                meta.created_at = row.try_get("created_at")?;
                Self::switch_content_row(&mut tx, &meta, &blob_id).await?;
                sqlx::query("DELETE FROM content_chunks WHERE blob_id = $1")
                    .bind(row.try_get::<String, _>("blob_id")?)
                    .execute(&mut *tx)
                    .await?;
                true
            }
            None => {
                Self::insert_content_row(&mut tx, &meta, &blob_id).await?;
                false
            }
        };
        sqlx::query("DELETE FROM content_uploads WHERE id = $1")
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(CompletedUpload { meta, replaced }))
    }

    async fn delete_upload_and_bytes(
        &self,
        organization: Uuid,
        id: Uuid,
    ) -> Result<bool, StoreError> {
        self.delete_row_and_chunks(
            "DELETE FROM content_uploads WHERE id = $1 AND organization_id = $2 RETURNING blob_id",
            organization,
            id,
        )
        .await
    }

    async fn expire_uploads_and_bytes(&self, idle_since: i64) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let blob_ids: Vec<String> = sqlx::query_scalar(
            "DELETE FROM content_uploads WHERE updated_at < $1 RETURNING blob_id",
        )
        .bind(idle_since)
        .fetch_all(&mut *tx)
        .await?;
        if !blob_ids.is_empty() {
            sqlx::query("DELETE FROM content_chunks WHERE blob_id = ANY($1)")
                .bind(&blob_ids)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(blob_ids.len() as u64)
    }
}
