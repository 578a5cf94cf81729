//! The SQLite back end: a database file, and content bytes as files in
//! `blobs/` beside it (see `crate::content::files`).

use std::collections::HashSet;
use std::path::Path;
use std::str::FromStr;

use bytes::{Bytes, BytesMut};
use futures_util::{StreamExt, TryStreamExt};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use uuid::Uuid;

use super::PoolSettings;
use super::rows::{content_meta, expect_staged};
use crate::content::files::{BlobDir, Leftover};
use crate::content::{ByteStream, CONTENT_CHUNK_SIZE, Ingest, digest, size_to_db};
use crate::model::{CompletedUpload, ContentMeta, NewContent};
use crate::{Store, StoreError, now_unix};

/// The SQLite back end. Content bytes are files in `blobs/` beside the
/// database file.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pub(super) pool: SqlitePool,
    /// Where content files go; `None` for an in-memory database, which
    /// then refuses contents with [`StoreError::NoBlobDirectory`].
    blobs: Option<BlobDir>,
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
    pub(super) async fn open_with(path: &Path, pool: PoolSettings) -> Result<Self, StoreError> {
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
    pub(super) async fn open_url_with(url: &str, pool: PoolSettings) -> Result<Self, StoreError> {
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

/// Content bytes as files (see `content::files`).
impl SqliteStore {
    pub(super) async fn store_new_content(
        &self,
        new: NewContent,
        body: ByteStream<'_>,
        max_size: u64,
    ) -> Result<ContentMeta, StoreError> {
        let blobs = self.blobs()?;
        self.require_organization(new.organization).await?;
        let mut ingest = Ingest::new(body, max_size);
        let (blob_id, file) = blobs.receive(&mut ingest).await?;
        let meta = content_meta(Uuid::new_v4(), new, ingest.finish(), now_unix());
        let mut conn = self.pool.acquire().await?;
        // On failure `file` is dropped, which removes it.
        Self::insert_content_row(&mut conn, &meta, &blob_id).await?;
        file.keep();
        Ok(meta)
    }

    pub(super) async fn store_replacement(
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
        // IMMEDIATE takes the write lock first: a deferred transaction that
        // reads and then writes fails at once (SQLITE_BUSY) when another
        // connection wrote in between.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let switched = Self::switch_content(&mut tx, id, new, ingest.finish(), &blob_id).await?;
        let Some((meta, old_blob)) = switched else {
            // Deleted while the upload ran.
            tx.rollback().await?;
            return Ok(None);
        };
        tx.commit().await?;
        file.keep();
        // Readers that opened the old file keep reading it: it is only
        // unlinked.
        blobs.discard(&old_blob).await;
        Ok(Some(meta))
    }

    pub(super) async fn open_content_bytes(
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

    pub(super) async fn delete_content_and_bytes(
        &self,
        organization: Uuid,
        id: Uuid,
    ) -> Result<bool, StoreError> {
        let deleted = self.delete_owned_blob(
            "DELETE FROM contents WHERE id = $1 AND organization_id = $2 RETURNING blob_id",
            organization,
            id,
        );
        let Some(blob_id) = deleted.await? else {
            return Ok(false);
        };
        if let Some(blobs) = &self.blobs {
            blobs.discard(&blob_id).await;
        }
        Ok(true)
    }

    /// Runs `delete`, a DELETE … RETURNING blob_id of one row of the
    /// organisation; returns the blob id, whose file is then the caller's
    /// to remove.
    async fn delete_owned_blob(
        &self,
        delete: &'static str,
        organization: Uuid,
        id: Uuid,
    ) -> Result<Option<String>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        Self::delete_owned_row(&mut conn, delete, organization, id).await
    }
}

/// Uploads in parts as staged files (see `content::files`).
impl SqliteStore {
    pub(super) fn can_stage(&self) -> Result<(), StoreError> {
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

    /// Writes a chunk at `offset` of the staged file and records the new
    /// length; returns it.
    pub(super) async fn stage_chunk(
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
        expect_staged(self.staging(organization, id).await?, blob_id, offset)?;
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

    pub(super) async fn complete_staged(
        &self,
        organization: Uuid,
        id: Uuid,
        size: u64,
    ) -> Result<Option<CompletedUpload>, StoreError> {
        let blobs = self.blobs()?;
        let Some(blob_id) = self.staged_blob_of_size(organization, id, size).await? else {
            return Ok(None);
        };
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
        let settled = Self::settle_upload(&mut tx, organization, id, &blob_id, (md5, size)).await?;
        let Some((meta, old_blob)) = settled else {
            return Ok(None);
        };
        // The file takes its blob's name before the row naming it commits
        // (see `content::files`); dropping `promoted` renames it back.
        let promoted = blobs.promote(&blob_id, size).await?;
        tx.commit().await?;
        promoted.keep();
        drop(lock);
        let replaced = old_blob.is_some();
        if let Some(old) = old_blob {
            blobs.discard(&old).await;
        }
        Ok(Some(CompletedUpload { meta, replaced }))
    }

    pub(super) async fn delete_upload_and_bytes(
        &self,
        organization: Uuid,
        id: Uuid,
    ) -> Result<bool, StoreError> {
        let deleted = self.delete_owned_blob(
            "DELETE FROM content_uploads WHERE id = $1 AND organization_id = $2 RETURNING blob_id",
            organization,
            id,
        );
        let Some(blob_id) = deleted.await? else {
            return Ok(false);
        };
        self.discard_staged(&blob_id).await;
        Ok(true)
    }

    pub(super) async fn expire_uploads_and_bytes(
        &self,
        idle_since: i64,
    ) -> Result<u64, StoreError> {
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
