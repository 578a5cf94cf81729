//! Contents — documents and detached signatures uploaded by an
//! organisation's users — stored as streams, never whole in memory.
//!
//! An upload passes through [`Ingest`], which cuts the body into chunks of
//! [`CONTENT_CHUNK_SIZE`] bytes while it computes the MD5 and the size and
//! enforces the size limit; the back end then writes each chunk before it
//! asks for the next one, so an upload of any size holds about two chunks of
//! memory. Where the chunks go depends on the back end:
//!
//! - SQLite ([`files`]): one file per content under `blobs/` beside the
//!   database, written to a temporary file, synced and renamed into place
//!   before the metadata row that names it is inserted.
//! - PostgreSQL ([`chunks`]): rows of `content_chunks`, inserted in the same
//!   transaction as the metadata row, so an interrupted upload rolls back.
//!
//! Either way a content's bytes live under a *blob id* distinct from the
//! content id: a replacement writes a new blob and then switches the
//! metadata row to it in one step, so a reader sees the old bytes or the new
//! ones, never a mix.
//!
//! An upload in parts stages its bytes under a blob id of its own, recorded
//! in a `content_uploads` row: a file `blobs/.upload-<blob id>` (SQLite) or
//! chunk rows (PostgreSQL), appended a chunk at a time, each chunk committed
//! with the row's new length so that a part that breaks off keeps what it
//! delivered. The last part re-reads the staged bytes for the MD5, then
//! moves the blob under the content in one transaction.

pub(crate) mod chunks;
pub(crate) mod files;

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use md5::{Digest, Md5};

use crate::StoreError;

/// A stream of bytes: an upload's body, or a stored content being read.
pub type ByteStream<'a> = futures_util::stream::BoxStream<'a, Result<Bytes, std::io::Error>>;

/// The size of the chunks contents are stored and read back in: 1 MiB.
/// Streams from [`Store::open_content`](crate::Store::open_content) never
/// yield a larger chunk.
pub const CONTENT_CHUNK_SIZE: usize = 1 << 20;

/// An upload in progress: re-cuts the body's frames, whatever their sizes,
/// into chunks of [`CONTENT_CHUNK_SIZE`] (the last one shorter), hashing and
/// counting the bytes on the way.
pub(crate) struct Ingest<'a> {
    body: ByteStream<'a>,
    limit: u64,
    size: u64,
    md5: Md5,
    /// The chunk being filled.
    chunk: BytesMut,
    /// What is left of the body's last frame after filling `chunk`.
    leftover: Bytes,
    finished: bool,
}

impl<'a> Ingest<'a> {
    /// Starts reading `body`, which may hold at most `limit` bytes.
    pub(crate) fn new(body: ByteStream<'a>, limit: u64) -> Self {
        Ingest {
            body,
            limit,
            size: 0,
            md5: Md5::new(),
            chunk: BytesMut::new(),
            leftover: Bytes::new(),
            finished: false,
        }
    }

    /// The next chunk: exactly [`CONTENT_CHUNK_SIZE`] bytes, or fewer for the
    /// last one; `None` once the body has ended.
    ///
    /// Fails with [`StoreError::TooLarge`] as soon as a frame takes the body
    /// past the limit, and with [`StoreError::Body`] when the body itself
    /// fails (a client that disconnects).
    pub(crate) async fn next_chunk(&mut self) -> Result<Option<Bytes>, StoreError> {
        loop {
            if !self.leftover.is_empty() {
                if self.chunk.capacity() == 0 {
                    self.chunk.reserve(CONTENT_CHUNK_SIZE);
                }
                let room = CONTENT_CHUNK_SIZE - self.chunk.len();
                let take = room.min(self.leftover.len());
                self.chunk.extend_from_slice(&self.leftover.split_to(take));
            }
            if self.chunk.len() == CONTENT_CHUNK_SIZE {
                return Ok(Some(std::mem::take(&mut self.chunk).freeze()));
            }
            if !self.leftover.is_empty() {
                continue;
            }
            if self.finished {
                return Ok(
                    (!self.chunk.is_empty()).then(|| std::mem::take(&mut self.chunk).freeze())
                );
            }
            match self.body.next().await {
                None => self.finished = true,
                Some(Err(e)) => return Err(StoreError::Body(e)),
                Some(Ok(frame)) => {
                    self.size = self.size.saturating_add(frame.len() as u64);
                    if self.size > self.limit {
                        return Err(StoreError::TooLarge { limit: self.limit });
                    }
                    self.md5.update(&frame);
                    self.leftover = frame;
                }
            }
        }
    }

    /// After [`Self::next_chunk`] failed: the bytes that had arrived for the
    /// chunk being filled (none of the frame that went past the limit), so
    /// that an upload in parts can keep them.
    pub(crate) fn take_buffered(&mut self) -> Option<Bytes> {
        (!self.chunk.is_empty()).then(|| std::mem::take(&mut self.chunk).freeze())
    }

    /// The MD5 and the size of the whole body, once [`Self::next_chunk`] has
    /// returned `None`.
    pub(crate) fn finish(self) -> ([u8; 16], u64) {
        (self.md5.finalize().into(), self.size)
    }
}

/// The MD5 and the length of stored bytes, read a chunk at a time.
pub(crate) async fn digest(mut bytes: ByteStream<'_>) -> Result<([u8; 16], u64), StoreError> {
    let mut md5 = Md5::new();
    let mut size: u64 = 0;
    while let Some(chunk) = bytes.next().await {
        let chunk = chunk.map_err(StoreError::Blob)?;
        md5.update(&chunk);
        size += chunk.len() as u64;
    }
    Ok((md5.finalize().into(), size))
}

/// Lower-case hex of an MD5, as the `md5` column keeps it.
pub(crate) fn md5_to_hex(md5: &[u8; 16]) -> String {
    md5.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads back the `md5` column.
pub(crate) fn md5_from_hex(s: &str) -> Result<[u8; 16], StoreError> {
    let bad = || StoreError::Corrupt(format!("content md5 {s:?}"));
    if s.len() != 32 || !s.is_ascii() {
        return Err(bad());
    }
    let mut out = [0u8; 16];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
    }
    Ok(out)
}

/// Reads back the `size` column.
pub(crate) fn size_from_db(size: i64) -> Result<u64, StoreError> {
    u64::try_from(size).map_err(|_| StoreError::Corrupt(format!("content size {size}")))
}

/// The `size` column's value: sizes are capped far below `i64::MAX` by the
/// upload limit, so this only fails on a broken limit.
pub(crate) fn size_to_db(size: u64) -> Result<i64, StoreError> {
    i64::try_from(size).map_err(|_| StoreError::TooLarge {
        limit: i64::MAX as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::stream;

    fn body(frames: Vec<Result<Vec<u8>, std::io::Error>>) -> ByteStream<'static> {
        stream::iter(frames.into_iter().map(|f| f.map(Bytes::from))).boxed()
    }

    async fn drain(ingest: &mut Ingest<'_>) -> Result<Vec<usize>, StoreError> {
        let mut sizes = Vec::new();
        while let Some(c) = ingest.next_chunk().await? {
            sizes.push(c.len());
        }
        Ok(sizes)
    }

    #[tokio::test]
    async fn frames_are_recut_into_whole_chunks() {
        let frames = vec![
            Ok(vec![1u8; 700_000]),
            Ok(vec![]),
            Ok(vec![2u8; 2 * CONTENT_CHUNK_SIZE + 5]),
            Ok(vec![3u8; 10]),
        ];
        let total = 700_000 + 2 * CONTENT_CHUNK_SIZE + 5 + 10;
        let mut ingest = Ingest::new(body(frames), total as u64);
        let sizes = drain(&mut ingest).await.expect("ingest");
        assert_eq!(
            sizes,
            vec![
                CONTENT_CHUNK_SIZE,
                CONTENT_CHUNK_SIZE,
                total - 2 * CONTENT_CHUNK_SIZE
            ]
        );
        assert_eq!(ingest.finish().1, total as u64);
    }

    #[tokio::test]
    async fn empty_body_has_no_chunk_and_the_empty_md5() {
        let mut ingest = Ingest::new(body(vec![]), 0);
        assert_eq!(
            drain(&mut ingest).await.expect("ingest"),
            Vec::<usize>::new()
        );
        let (md5, size) = ingest.finish();
        // RFC 1321 appendix A.5: MD5("") = d41d8cd98f00b204e9800998ecf8427e
        assert_eq!(md5_to_hex(&md5), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(size, 0);
    }

    #[tokio::test]
    async fn the_limit_is_enforced_on_arrival() {
        let mut ingest = Ingest::new(body(vec![Ok(vec![0; 10]), Ok(vec![0; 1])]), 10);
        assert!(matches!(
            drain(&mut ingest).await,
            Err(StoreError::TooLarge { limit: 10 })
        ));
    }

    #[tokio::test]
    async fn a_failing_body_is_reported_as_such() {
        let broken = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "gone");
        let mut ingest = Ingest::new(body(vec![Ok(vec![0; 10]), Err(broken)]), 100);
        assert!(matches!(drain(&mut ingest).await, Err(StoreError::Body(_))));
    }

    #[tokio::test]
    async fn what_arrived_before_a_failure_can_be_taken() {
        let broken = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "gone");
        let frames = vec![Ok(vec![1u8; CONTENT_CHUNK_SIZE + 10]), Err(broken)];
        let mut ingest = Ingest::new(body(frames), u64::MAX);
        assert_eq!(
            ingest.next_chunk().await.expect("first").map(|c| c.len()),
            Some(CONTENT_CHUNK_SIZE)
        );
        assert!(matches!(
            ingest.next_chunk().await,
            Err(StoreError::Body(_))
        ));
        assert_eq!(ingest.take_buffered().map(|c| c.len()), Some(10));
        assert_eq!(ingest.take_buffered(), None);

        // Past the limit: the frame that crossed it is not kept.
        let mut ingest = Ingest::new(body(vec![Ok(vec![0; 6]), Ok(vec![0; 6])]), 10);
        assert!(matches!(
            ingest.next_chunk().await,
            Err(StoreError::TooLarge { limit: 10 })
        ));
        assert_eq!(ingest.take_buffered().map(|c| c.len()), Some(6));
    }

    #[tokio::test]
    async fn digest_reads_to_the_end() {
        let frames = vec![Ok(b"a".to_vec()), Ok(b"bc".to_vec())];
        let (md5, size) = digest(body(frames)).await.expect("digest");
        // RFC 1321 appendix A.5: MD5("abc") = 900150983cd24fb0d6963f7d28e17f72
        assert_eq!(md5_to_hex(&md5), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(size, 3);
    }

    #[test]
    fn md5_hex_round_trips() {
        let md5 = [
            0xd4, 0x1d, 0x8c, 0xd9, 0x8f, 0, 0xb2, 4, 0xe9, 0x80, 9, 0x98, 0xec, 0xf8, 0x42, 0x7e,
        ];
        assert_eq!(md5_from_hex(&md5_to_hex(&md5)).expect("hex"), md5);
        assert!(md5_from_hex("zz").is_err());
        assert!(md5_from_hex(&"é".repeat(16)).is_err());
    }
}
