//! The PostgreSQL back end: shared by every instance that points at the
//! same database, content bytes included, as chunk rows (see
//! `crate::content::chunks`).

use std::str::FromStr;

use bytes::Bytes;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use uuid::Uuid;

use super::PoolSettings;
use super::rows::{Columns, content_meta, expect_staged, staging_from_row};
use crate::content::{ByteStream, Ingest, chunks, digest, size_to_db};
use crate::model::{CompletedUpload, ContentMeta, NewContent};
use crate::{Store, StoreError, now_unix};

/// The PostgreSQL back end.
#[derive(Clone, Debug)]
pub struct PgStore {
    pub(super) pool: PgPool,
}

impl PgStore {
    /// Connects to PostgreSQL and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        Self::connect_with(url, PoolSettings::default()).await
    }

    /// [`Self::connect`] with these pool settings.
    pub(super) async fn connect_with(url: &str, pool: PoolSettings) -> Result<Self, StoreError> {
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

/// Content bytes as chunk rows (see `content::chunks`).
impl PgStore {
    pub(super) async fn store_new_content(
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
        let meta = content_meta(Uuid::new_v4(), new, ingest.finish(), now_unix());
        Self::insert_content_row(&mut tx, &meta, &blob_id).await?;
        tx.commit().await?;
        Ok(meta)
    }

    pub(super) async fn store_replacement(
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
        // The row is locked only now, at the end, so a long upload does not
        // hold up other writers of it; concurrent replacements apply in
        // turn, each removing the blob the previous one wrote.
        let switched = Self::switch_content(&mut tx, id, new, ingest.finish(), &blob_id).await?;
        let Some((meta, old_blob)) = switched else {
            tx.rollback().await?;
            return Ok(None);
        };
        chunks::delete(&mut tx, &old_blob).await?;
        tx.commit().await?;
        Ok(Some(meta))
    }

    pub(super) async fn open_content_bytes(
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

    pub(super) async fn delete_content_and_bytes(
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
        let Some(blob_id) = Self::delete_owned_row(&mut tx, delete, organization, id).await? else {
            tx.rollback().await?;
            return Ok(false);
        };
        chunks::delete(&mut tx, &blob_id).await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// Uploads in parts as staged chunk rows (see `content::chunks`).
impl PgStore {
    pub(super) fn can_stage(&self) -> Result<(), StoreError> {
        Ok(())
    }

    /// Inserts a chunk after the staged ones and records the new length,
    /// in one transaction that holds the upload's row; returns the length.
    pub(super) async fn stage_chunk(
        &self,
        organization: Uuid,
        id: Uuid,
        blob_id: &str,
        offset: u64,
        chunk: Bytes,
    ) -> Result<u64, StoreError> {
        let end = offset + chunk.len() as u64;
        let mut tx = self.pool.begin().await?;
        let upload = sqlx::query(
            "SELECT blob_id, received, next_seq FROM content_uploads \
             WHERE id = $1 AND organization_id = $2 FOR UPDATE",
        )
        .bind(id.to_string())
        .bind(organization.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let (staging, seq) = match upload {
            Some(row) => (Some(staging_from_row(&row)?), row.integer("next_seq")?),
            None => (None, 0),
        };
        expect_staged(staging, blob_id, offset)?;
        chunks::insert(&mut tx, blob_id, seq, &chunk).await?;
        sqlx::query(
            "UPDATE content_uploads SET received = $2, next_seq = $3, updated_at = $4 \
             WHERE id = $1 AND organization_id = $5",
        )
        .bind(id.to_string())
        .bind(size_to_db(end)?)
        .bind(seq + 1)
        .bind(now_unix())
        .bind(organization.to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(end)
    }

    pub(super) async fn complete_staged(
        &self,
        organization: Uuid,
        id: Uuid,
        size: u64,
    ) -> Result<Option<CompletedUpload>, StoreError> {
        let Some(blob_id) = self.staged_blob_of_size(organization, id, size).await? else {
            return Ok(None);
        };
        // Parts only append, so the first `size` bytes are hashed outside
        // the transaction; the row is checked again under its lock.
        let (md5, _) = digest(chunks::read(self.pool.clone(), blob_id.clone(), size)).await?;

        let mut tx = self.pool.begin().await?;
        let settled = Self::settle_upload(&mut tx, organization, id, &blob_id, (md5, size)).await?;
        let Some((meta, old_blob)) = settled else {
            return Ok(None);
        };
        let replaced = old_blob.is_some();
        if let Some(old) = old_blob {
            chunks::delete(&mut tx, &old).await?;
        }
        tx.commit().await?;
        Ok(Some(CompletedUpload { meta, replaced }))
    }

    pub(super) async fn delete_upload_and_bytes(
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

    pub(super) async fn expire_uploads_and_bytes(
        &self,
        idle_since: i64,
    ) -> Result<u64, StoreError> {
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
