//! Content bytes as rows, for the PostgreSQL back end: `content_chunks
//! (blob_id, seq, data)`, one row per chunk of [`CONTENT_CHUNK_SIZE`]
//! bytes (the last one shorter), so every instance sharing the database
//! sees every content. A content uploaded in parts keeps the chunks it was
//! staged in: at most [`CONTENT_CHUNK_SIZE`] each, but each part's last
//! one shorter, so readers take chunks as they come and only check that
//! none is empty or too long.
//!
//! Chunks are inserted in the upload's transaction, together with the
//! metadata row that names their blob id: until it commits nobody sees
//! them, and if the upload fails (or its future is dropped) the transaction
//! rolls back and they are gone.
//!
//! Reading runs one primary-key query per chunk, each on whatever pooled
//! connection is free, so a slow download holds no connection between
//! chunks. A replacement or deletion that commits while a download is in
//! progress removes the chunks it still needs: the stream then ends with an
//! error (kind `NotFound`) instead of yielding bytes of another version.

use bytes::Bytes;
use futures_util::StreamExt;
use sqlx::postgres::{PgConnection, PgPool};
use sqlx::{Postgres, Transaction};

use super::{ByteStream, CONTENT_CHUNK_SIZE, Ingest};
use crate::StoreError;

/// Streams an upload into the chunks of `blob_id`, in a transaction that
/// is returned, uncommitted, for the caller to add the metadata row to.
/// Holds one chunk at a time, plus the copy sqlx sends.
///
/// The transaction (and so a pooled connection) is only taken once the
/// first chunk is in, so a small upload holds a connection only for the
/// time its rows take, however slowly its client sends it.
pub(crate) async fn write(
    pool: &PgPool,
    blob_id: &str,
    ingest: &mut Ingest<'_>,
) -> Result<Transaction<'static, Postgres>, StoreError> {
    let mut next = ingest.next_chunk().await?;
    let mut tx = pool.begin().await?;
    let mut seq: i64 = 0;
    while let Some(chunk) = next {
        insert(&mut tx, blob_id, seq, &chunk).await?;
        drop(chunk);
        seq += 1;
        next = ingest.next_chunk().await?;
    }
    Ok(tx)
}

/// Inserts chunk number `seq` of `blob_id`.
pub(crate) async fn insert(
    conn: &mut PgConnection,
    blob_id: &str,
    seq: i64,
    data: &[u8],
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO content_chunks (blob_id, seq, data) VALUES ($1, $2, $3)")
        .bind(blob_id)
        .bind(seq)
        .bind(data)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Deletes every chunk of `blob_id` (its content or upload row is gone in
/// the same transaction).
pub(crate) async fn delete(conn: &mut PgConnection, blob_id: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM content_chunks WHERE blob_id = $1")
        .bind(blob_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Where a download stands.
struct Cursor {
    pool: PgPool,
    blob_id: String,
    seq: i64,
    remaining: u64,
}

/// Streams the `size` bytes of `blob_id`, a chunk per query.
pub(crate) fn read(pool: PgPool, blob_id: String, size: u64) -> ByteStream<'static> {
    let start = Cursor {
        pool,
        blob_id,
        seq: 0,
        remaining: size,
    };
    futures_util::stream::try_unfold(start, |mut c| async move {
        if c.remaining == 0 {
            return Ok(None);
        }
        let data: Option<Vec<u8>> =
            sqlx::query_scalar("SELECT data FROM content_chunks WHERE blob_id = $1 AND seq = $2")
                .bind(&c.blob_id)
                .bind(c.seq)
                .fetch_optional(&c.pool)
                .await
                .map_err(std::io::Error::other)?;
        let Some(data) = data else {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "the content was replaced or deleted while being read",
            ));
        };
        let len = data.len() as u64;
        if data.is_empty() || len > c.remaining || data.len() > CONTENT_CHUNK_SIZE {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("content chunk {} of blob {} is corrupt", c.seq, c.blob_id),
            ));
        }
        c.remaining -= len;
        c.seq += 1;
        Ok(Some((Bytes::from(data), c)))
    })
    .boxed()
}
