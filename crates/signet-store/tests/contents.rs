//! Contents on both back ends: streamed uploads (MD5 and size computed on
//! the way, the size limit, interrupted and abandoned uploads), reads in
//! chunks of at most 1 MiB, organisations kept apart, atomic replacement,
//! deletion, and the memory a 200 MiB upload and read take.
//!
//! Expected MD5s come from the `md5sum` command (GNU coreutils) or from the
//! test suite of RFC 1321, never from the crate under test.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use common::{Fixture, pg_options};
use futures_util::{StreamExt, stream};
use md5::{Digest, Md5};
use signet_store::{
    ByteStream, CONTENT_CHUNK_SIZE, NewContent, NewOrganization, SqliteStore, Store, StoreError,
};
use sqlx::Connection;
use sqlx::postgres::PgConnection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use tokio::sync::RwLock;
use uuid::Uuid;

const MIB: usize = 1 << 20;
/// A frame size like hyper's, neither a divisor nor a multiple of a chunk
/// (and a multiple of 8, so that [`Frames`] is the same byte sequence
/// whatever the frame size).
const FRAME: usize = 64 * 1024 + 8;
/// The limit of the tests that do not test the limit.
const LIMIT: u64 = 64 << 20;

/// The memory test measures the whole process, so it runs alone: it takes
/// this for writing, every other test for reading.
static EXCLUSIVE: RwLock<()> = RwLock::const_new(());

both_backends!(
    contents_are_stored_read_and_deleted,
    known_md5_vectors,
    contents_are_private_to_their_organization,
    contents_need_an_organization,
    large_contents_stream_in_little_memory,
    uploads_over_the_limit_leave_nothing,
    interrupted_uploads_leave_nothing,
    abandoned_uploads_leave_nothing,
    replacement_is_atomic_for_readers,
    failed_replacement_keeps_the_old_content,
    concurrent_uploads_are_independent,
);

// ---------------------------------------------------------------------------
// Data

/// Pseudo-random bytes (xorshift64), the same for the same seed, in frames
/// of a given size: an upload's body, made lazily.
struct Frames {
    state: u64,
    left: u64,
    frame: usize,
}

impl Frames {
    fn new(seed: u64, len: u64, frame: usize) -> Self {
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
fn noise(seed: u64, len: usize) -> Vec<u8> {
    Frames::new(seed, len as u64, FRAME).flatten().collect()
}

/// A lazy body of `len` bytes of seed `seed`.
fn generated(seed: u64, len: u64) -> ByteStream<'static> {
    stream::iter(Frames::new(seed, len, FRAME).map(|f| Ok(Bytes::from(f)))).boxed()
}

/// A body of `data`, cut into frames of odd sizes.
fn body_of(data: &[u8]) -> ByteStream<'static> {
    let frames: Vec<_> = data
        .chunks(100_003)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    stream::iter(frames).boxed()
}

/// A body that records whether anyone read it.
fn untouched_body(read: Arc<AtomicBool>) -> ByteStream<'static> {
    stream::once(async move {
        read.store(true, Ordering::SeqCst);
        Ok(Bytes::from_static(b"should not be read"))
    })
    .boxed()
}

/// The MD5 that `md5sum` gives of what `write` writes.
fn md5sum(write: impl FnOnce(&mut dyn Write) + Send + 'static) -> [u8; 16] {
    let mut child = Command::new("md5sum")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("md5sum (GNU coreutils) is installed");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || write(&mut stdin));
    let out = child.wait_with_output().expect("md5sum runs");
    writer.join().expect("writer");
    assert!(out.status.success());
    hex16(&String::from_utf8(out.stdout).expect("text")[..32])
}

fn md5sum_of(data: &[u8]) -> [u8; 16] {
    let data = data.to_vec();
    md5sum(move |w| w.write_all(&data).expect("write"))
}

fn hex16(s: &str) -> [u8; 16] {
    let mut out = [0u8; 16];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).expect("hex");
    }
    out
}

/// Reads a content stream to its end, checking that no chunk is over
/// 1 MiB. An error is returned with what was read before it.
async fn read_all(mut s: ByteStream<'static>) -> (Vec<u8>, Option<std::io::Error>) {
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

// ---------------------------------------------------------------------------
// Helpers

async fn org(s: &Arc<dyn Store>, name: &str) -> Uuid {
    s.create_organization(NewOrganization {
        name: name.into(),
        ..Default::default()
    })
    .await
    .expect("create organization")
    .id
}

fn content(organization: Uuid, name: &str) -> NewContent {
    NewContent {
        organization,
        name: name.into(),
        content_type: "application/pdf".into(),
    }
}

/// What the back end holds: metadata rows, and pieces of bytes — the files
/// in the blob directory, temporary ones included (SQLite), or the chunk
/// rows (PostgreSQL).
async fn stored(f: &Fixture) -> (i64, usize) {
    if let Some(schema) = &f.schema {
        let mut c = PgConnection::connect_with(&pg_options(schema))
            .await
            .expect("connect");
        let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM contents")
            .fetch_one(&mut c)
            .await
            .expect("count");
        let chunks: i64 = sqlx::query_scalar("SELECT count(*) FROM content_chunks")
            .fetch_one(&mut c)
            .await
            .expect("count");
        (rows, usize::try_from(chunks).expect("count"))
    } else {
        let db = f.sqlite_path().expect("SQLite fixture");
        let mut c = SqliteConnection::connect_with(&SqliteConnectOptions::new().filename(&db))
            .await
            .expect("connect");
        let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM contents")
            .fetch_one(&mut c)
            .await
            .expect("count");
        (rows, blob_files(&db).len())
    }
}

/// The files in the blob directory of the database `db`.
fn blob_files(db: &Path) -> Vec<PathBuf> {
    let dir = db.parent().expect("parent").join("blobs");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("blob dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

/// How many pieces a content of `len` bytes is stored in.
fn pieces(f: &Fixture, len: usize) -> usize {
    if f.schema.is_some() {
        len.div_ceil(CONTENT_CHUNK_SIZE)
    } else {
        1
    }
}

fn backend_name(f: &Fixture) -> &'static str {
    if f.schema.is_some() {
        "postgres"
    } else {
        "sqlite"
    }
}

// ---------------------------------------------------------------------------
// The suite

async fn contents_are_stored_read_and_deleted(f: Fixture) {
    let _turn = EXCLUSIVE.read().await;
    let s = &f.store;
    let org = org(s, "ООО Ромашка").await;
    let data = noise(7, 2 * MIB + 12_345);
    let before = signet_store::now_unix();
    let meta = s
        .put_content(content(org, "договор.pdf"), body_of(&data), LIMIT)
        .await
        .expect("put");
    assert_eq!(meta.md5, md5sum_of(&data), "md5sum of the same bytes");
    assert_eq!(meta.size, data.len() as u64);
    assert_eq!(
        (
            meta.organization,
            meta.name.as_str(),
            meta.content_type.as_str()
        ),
        (org, "договор.pdf", "application/pdf")
    );
    assert_eq!(meta.id.get_version_num(), 4);
    assert!(meta.created_at >= before && meta.created_at <= signet_store::now_unix());
    assert_eq!(stored(&f).await, (1, pieces(&f, data.len())));

    assert_eq!(
        s.content_meta(org, meta.id).await.expect("meta"),
        Some(meta.clone())
    );
    let (opened, bytes) = s
        .open_content(org, meta.id)
        .await
        .expect("open")
        .expect("there");
    assert_eq!(opened, meta);
    let (read, err) = read_all(bytes).await;
    assert!(err.is_none(), "{err:?}");
    assert!(read == data, "the same bytes");

    assert!(s.delete_content(org, meta.id).await.expect("delete"));
    assert_eq!(s.content_meta(org, meta.id).await.expect("meta"), None);
    assert!(s.open_content(org, meta.id).await.expect("open").is_none());
    assert!(!s.delete_content(org, meta.id).await.expect("delete again"));
    assert_eq!(stored(&f).await, (0, 0), "row and bytes gone");
}

/// [RFC 1321 appendix A.5](https://datatracker.ietf.org/doc/html/rfc1321#appendix-A.5)
async fn known_md5_vectors(f: Fixture) {
    let _turn = EXCLUSIVE.read().await;
    let s = &f.store;
    let org = org(s, "A").await;
    for (text, md5) in [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        (
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a",
        ),
    ] {
        let meta = s
            .put_content(content(org, "v.txt"), body_of(text.as_bytes()), LIMIT)
            .await
            .expect("put");
        assert_eq!(meta.md5, hex16(md5), "MD5({text:?})");
        assert_eq!(meta.size, text.len() as u64);
        let (_, bytes) = s
            .open_content(org, meta.id)
            .await
            .expect("open")
            .expect("there");
        let (read, err) = read_all(bytes).await;
        assert!(err.is_none() && read == text.as_bytes());
    }
}

async fn contents_are_private_to_their_organization(f: Fixture) {
    let _turn = EXCLUSIVE.read().await;
    let s = &f.store;
    let (a, b) = (org(s, "A").await, org(s, "B").await);
    let data = noise(3, 300_000);
    let meta = s
        .put_content(content(a, "a.pdf"), body_of(&data), LIMIT)
        .await
        .expect("put");

    assert_eq!(s.content_meta(b, meta.id).await.expect("meta"), None);
    assert!(s.open_content(b, meta.id).await.expect("open").is_none());
    let read = Arc::new(AtomicBool::new(false));
    assert_eq!(
        s.replace_content(
            meta.id,
            content(b, "b.pdf"),
            untouched_body(read.clone()),
            LIMIT
        )
        .await
        .expect("replace"),
        None
    );
    assert!(
        !read.load(Ordering::SeqCst),
        "the body of a refused replacement is not read"
    );
    assert!(!s.delete_content(b, meta.id).await.expect("delete"));
    // Unknown ids are answered the same way.
    let unknown = Uuid::new_v4();
    assert_eq!(s.content_meta(a, unknown).await.expect("meta"), None);
    assert!(s.open_content(a, unknown).await.expect("open").is_none());
    assert!(
        s.replace_content(unknown, content(a, "x"), body_of(b"x"), LIMIT)
            .await
            .expect("replace")
            .is_none()
    );
    assert!(!s.delete_content(a, unknown).await.expect("delete"));

    // A's content is untouched.
    assert_eq!(
        s.content_meta(a, meta.id).await.expect("meta"),
        Some(meta.clone())
    );
    let (_, bytes) = s
        .open_content(a, meta.id)
        .await
        .expect("open")
        .expect("there");
    let (read, err) = read_all(bytes).await;
    assert!(err.is_none() && read == data);
    assert_eq!(stored(&f).await, (1, pieces(&f, data.len())));
}

async fn contents_need_an_organization(f: Fixture) {
    let _turn = EXCLUSIVE.read().await;
    let read = Arc::new(AtomicBool::new(false));
    let err = f
        .store
        .put_content(
            content(Uuid::new_v4(), "x"),
            untouched_body(read.clone()),
            LIMIT,
        )
        .await
        .expect_err("no such organisation");
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert!(!read.load(Ordering::SeqCst), "checked before reading");
    assert_eq!(stored(&f).await, (0, 0));
}

/// The current value of a `/proc/self/status` field, in KiB.
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("{field} in /proc/self/status"))
}

/// Resets the peak RSS (VmHWM) to the current RSS (Linux ≥ 4.0,
/// `/proc/PID/clear_refs`) and returns the baseline to measure growth
/// from: the current RSS, or the old peak where the reset is refused
/// (then the growth measured is a lower bound).
fn reset_peak_rss() -> u64 {
    if std::fs::write("/proc/self/clear_refs", "5").is_ok() {
        status_kib("VmRSS")
    } else {
        eprintln!("cannot reset VmHWM: measuring growth from the old peak");
        status_kib("VmHWM")
    }
}

async fn large_contents_stream_in_little_memory(f: Fixture) {
    let _alone = EXCLUSIVE.write().await;
    const LEN: u64 = 200 << 20;
    const SEED: u64 = 200;
    let expected = md5sum(|w| {
        for frame in Frames::new(SEED, LEN, FRAME) {
            w.write_all(&frame).expect("write");
        }
    });
    let s = &f.store;
    let org = org(s, "big").await;

    let baseline = reset_peak_rss();
    let meta = s
        .put_content(content(org, "big.bin"), generated(SEED, LEN), LEN)
        .await
        .expect("put 200 MiB");
    let after_upload = status_kib("VmHWM");
    let (_, mut bytes) = s
        .open_content(org, meta.id)
        .await
        .expect("open")
        .expect("there");
    let mut md5 = Md5::new();
    let (mut size, mut biggest) = (0u64, 0usize);
    while let Some(chunk) = bytes.next().await {
        let chunk = chunk.expect("read");
        biggest = biggest.max(chunk.len());
        size += chunk.len() as u64;
        md5.update(&chunk);
    }
    let peak = status_kib("VmHWM");

    assert_eq!(meta.size, LEN);
    assert_eq!(meta.md5, expected, "md5 while storing = md5sum");
    let read_md5: [u8; 16] = md5.finalize().into();
    assert_eq!((read_md5, size), (expected, LEN), "read back whole");
    assert_eq!(biggest, CONTENT_CHUNK_SIZE);
    let growth = peak.saturating_sub(baseline);
    eprintln!(
        "{}: peak RSS growth {:.1} MiB during the upload, {:.1} MiB with the read (200 MiB content)",
        backend_name(&f),
        after_upload.saturating_sub(baseline) as f64 / 1024.0,
        growth as f64 / 1024.0,
    );
    assert!(
        growth < 64 * 1024,
        "peak RSS grew by {growth} KiB storing and reading 200 MiB"
    );
    assert_eq!(stored(&f).await, (1, pieces(&f, LEN as usize)));
}

async fn uploads_over_the_limit_leave_nothing(f: Fixture) {
    let _turn = EXCLUSIVE.read().await;
    let s = &f.store;
    let org = org(s, "A").await;
    let max = 3 * MIB as u64 + 17;

    let err = s
        .put_content(content(org, "x"), generated(1, max + 1), max)
        .await
        .expect_err("one byte too many");
    assert!(
        matches!(err, StoreError::TooLarge { limit } if limit == max),
        "{err:?}"
    );
    assert_eq!(stored(&f).await, (0, 0), "no row, no file, no chunk");

    // Refused as soon as the limit is passed: this body never ends.
    let endless = stream::repeat_with(|| Ok(Bytes::from(vec![0u8; FRAME]))).boxed();
    let err = tokio::time::timeout(
        Duration::from_secs(60),
        s.put_content(content(org, "x"), endless, max),
    )
    .await
    .expect("refused without reading to the end");
    assert!(matches!(err, Err(StoreError::TooLarge { .. })), "{err:?}");
    assert_eq!(stored(&f).await, (0, 0));

    // Exactly the limit is fine.
    let meta = s
        .put_content(content(org, "x"), generated(1, max), max)
        .await
        .expect("exactly the limit");
    assert_eq!(meta.size, max);
}

async fn interrupted_uploads_leave_nothing(f: Fixture) {
    let _turn = EXCLUSIVE.read().await;
    let s = &f.store;
    let org = org(s, "A").await;
    // 2.5 MiB in, then the client goes away.
    let body = stream::iter(Frames::new(5, 5 * MIB as u64 / 2, FRAME).map(|f| Ok(Bytes::from(f))))
        .chain(stream::once(async {
            Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "client went away",
            ))
        }))
        .boxed();
    let err = s
        .put_content(content(org, "x"), body, LIMIT)
        .await
        .expect_err("interrupted");
    assert!(
        matches!(&err, StoreError::Body(e) if e.kind() == std::io::ErrorKind::ConnectionReset),
        "{err:?}"
    );
    assert_eq!(stored(&f).await, (0, 0), "nothing visible, nothing on disk");
}

/// The upload's future is dropped mid-way (a request cancelled, a server
/// shutting down): its data goes with it.
async fn abandoned_uploads_leave_nothing(f: Fixture) {
    let _turn = EXCLUSIVE.read().await;
    let s = &f.store;
    let org = org(s, "A").await;
    let stalls = stream::iter(Frames::new(6, 3 * MIB as u64, FRAME).map(|f| Ok(Bytes::from(f))))
        .chain(stream::pending())
        .boxed();
    let outcome = tokio::time::timeout(
        Duration::from_millis(500),
        s.put_content(content(org, "x"), stalls, LIMIT),
    )
    .await;
    assert!(outcome.is_err(), "still waiting for the body");
    // Let the dropped transaction's connection go back to the pool.
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(stored(&f).await, (0, 0), "nothing visible, nothing on disk");
}

async fn replacement_is_atomic_for_readers(f: Fixture) {
    let _turn = EXCLUSIVE.read().await;
    let s = &f.store;
    let org = org(s, "A").await;
    let old = noise(11, 3 * MIB + 5);
    let new = noise(12, 2 * MIB + 7);
    let meta = s
        .put_content(content(org, "v1.pdf"), body_of(&old), LIMIT)
        .await
        .expect("put");

    // A reader opens the old version and reads part of it…
    let (_, mut early) = s
        .open_content(org, meta.id)
        .await
        .expect("open")
        .expect("there");
    let first = early.next().await.expect("a chunk").expect("read");
    assert!(old.starts_with(&first));

    // …the content is replaced…
    let replaced = s
        .replace_content(
            meta.id,
            NewContent {
                organization: org,
                name: "v2.xml".into(),
                content_type: "application/xml".into(),
            },
            body_of(&new),
            LIMIT,
        )
        .await
        .expect("replace")
        .expect("there");
    assert_eq!(replaced.id, meta.id);
    assert_eq!(replaced.md5, md5sum_of(&new));
    assert_eq!(replaced.size, new.len() as u64);
    assert_eq!(
        (replaced.name.as_str(), replaced.content_type.as_str()),
        ("v2.xml", "application/xml")
    );
    assert_eq!(
        replaced.created_at, meta.created_at,
        "still the same content"
    );
    assert_eq!(
        s.content_meta(org, meta.id).await.expect("meta"),
        Some(replaced.clone())
    );

    // …new readers get the new bytes…
    let (now, bytes) = s
        .open_content(org, meta.id)
        .await
        .expect("open")
        .expect("there");
    assert_eq!(now, replaced);
    let (read, err) = read_all(bytes).await;
    assert!(err.is_none() && read == new, "the new bytes");

    // …and the early reader never gets a mix.
    let (rest, err) = read_all(early).await;
    let mut seen = first.to_vec();
    seen.extend_from_slice(&rest);
    if f.schema.is_none() {
        assert!(err.is_none(), "{err:?}");
        assert!(seen == old, "SQLite: the complete old bytes");
    } else {
        assert!(old.starts_with(&seen), "PostgreSQL: only old bytes");
        match err {
            None => assert!(seen == old, "complete, or…"),
            Some(e) => assert_eq!(e.kind(), std::io::ErrorKind::NotFound, "…cut short: {e}"),
        }
    }
    assert_eq!(
        stored(&f).await,
        (1, pieces(&f, new.len())),
        "old bytes gone"
    );
}

async fn failed_replacement_keeps_the_old_content(f: Fixture) {
    let _turn = EXCLUSIVE.read().await;
    let s = &f.store;
    let org = org(s, "A").await;
    let data = noise(21, MIB + 1);
    let meta = s
        .put_content(content(org, "keep.pdf"), body_of(&data), LIMIT)
        .await
        .expect("put");

    let err = s
        .replace_content(
            meta.id,
            content(org, "big"),
            generated(22, 2 * MIB as u64 + 1),
            2 * MIB as u64,
        )
        .await
        .expect_err("too large");
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err:?}");
    let broken =
        stream::iter(Frames::new(23, MIB as u64 * 3 / 2, FRAME).map(|f| Ok(Bytes::from(f))))
            .chain(stream::once(async { Err(std::io::Error::other("reset")) }))
            .boxed();
    let err = s
        .replace_content(meta.id, content(org, "broken"), broken, LIMIT)
        .await
        .expect_err("interrupted");
    assert!(matches!(err, StoreError::Body(_)), "{err:?}");

    assert_eq!(
        s.content_meta(org, meta.id).await.expect("meta"),
        Some(meta.clone())
    );
    let (_, bytes) = s
        .open_content(org, meta.id)
        .await
        .expect("open")
        .expect("there");
    let (read, err) = read_all(bytes).await;
    assert!(err.is_none() && read == data, "the old bytes");
    assert_eq!(
        stored(&f).await,
        (1, pieces(&f, data.len())),
        "nothing else"
    );
}

async fn concurrent_uploads_are_independent(f: Fixture) {
    let _turn = EXCLUSIVE.read().await;
    let s = &f.store;
    let org = org(s, "A").await;
    let uploads = (0..4u64).map(|i| {
        let s = s.clone();
        tokio::spawn(async move {
            let len = MIB as u64 + i * 1000;
            let meta = s
                .put_content(
                    content(org, &format!("{i}.bin")),
                    generated(100 + i, len),
                    LIMIT,
                )
                .await
                .expect("put");
            (i, meta)
        })
    });
    for upload in uploads.collect::<Vec<_>>() {
        let (i, meta) = upload.await.expect("task");
        let (_, bytes) = s
            .open_content(org, meta.id)
            .await
            .expect("open")
            .expect("there");
        let (read, err) = read_all(bytes).await;
        assert!(err.is_none());
        assert!(
            read == noise(100 + i, MIB + i as usize * 1000),
            "upload {i}"
        );
    }
    assert_eq!(stored(&f).await.0, 4);
}

// ---------------------------------------------------------------------------
// SQLite only

fn set_age(path: &Path, age: Duration) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open")
        .set_modified(SystemTime::now() - age)
        .expect("set mtime");
}

/// A process killed mid-upload leaves a `.tmp-` file; one killed between
/// placing a blob and writing its row leaves an unreferenced blob. Neither
/// becomes a content, and both go at the next open once an hour old.
#[tokio::test]
async fn sqlite_sweeps_what_crashed_uploads_left() {
    let _turn = EXCLUSIVE.read().await;
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("signet.db");
    let (org, kept, kept_file) = {
        let s: Arc<dyn Store> = Arc::new(SqliteStore::open(&db).await.expect("open"));
        let org = org(&s, "A").await;
        let kept = s
            .put_content(content(org, "kept"), body_of(b"kept"), LIMIT)
            .await
            .expect("put");
        let files = blob_files(&db);
        assert_eq!(files.len(), 1);
        (org, kept, files[0].clone())
    };
    let blobs = dir.path().join("blobs");
    let stale_temp = blobs.join(format!(".tmp-{}", Uuid::new_v4()));
    let stale_orphan = blobs.join(Uuid::new_v4().to_string());
    let live_temp = blobs.join(format!(".tmp-{}", Uuid::new_v4()));
    let unrelated = blobs.join("README");
    for p in [&stale_temp, &stale_orphan, &live_temp, &unrelated] {
        std::fs::write(p, vec![0u8; 100_000]).expect("write");
    }
    for p in [&stale_temp, &stale_orphan, &unrelated, &kept_file] {
        set_age(p, Duration::from_secs(2 * 3600));
    }

    let s: Arc<dyn Store> = Arc::new(SqliteStore::open(&db).await.expect("reopen"));
    assert!(!stale_temp.exists(), "stale temporary file removed");
    assert!(!stale_orphan.exists(), "stale unreferenced blob removed");
    assert!(
        live_temp.exists(),
        "an upload in progress elsewhere is left alone"
    );
    assert!(
        unrelated.exists(),
        "files signet did not make are left alone"
    );
    assert!(kept_file.exists(), "referenced blobs stay, however old");
    let (_, bytes) = s
        .open_content(org, kept.id)
        .await
        .expect("open")
        .expect("there");
    let (read, err) = read_all(bytes).await;
    assert!(err.is_none() && read == b"kept");
    let mut c = SqliteConnection::connect_with(&SqliteConnectOptions::new().filename(&db))
        .await
        .expect("connect");
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM contents")
        .fetch_one(&mut c)
        .await
        .expect("count");
    assert_eq!(rows, 1, "no leftover became a content");
}

#[tokio::test]
async fn sqlite_url_puts_blobs_beside_the_database() {
    let _turn = EXCLUSIVE.read().await;
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("data.db");
    let s = signet_store::open(&format!("sqlite:{}", db.display()))
        .await
        .expect("open");
    let org = org(&s, "A").await;
    s.put_content(content(org, "x"), body_of(b"beside"), LIMIT)
        .await
        .expect("put");
    let files = blob_files(&db);
    assert_eq!(files.len(), 1);
    assert_eq!(std::fs::read(&files[0]).expect("read"), b"beside");
}

#[tokio::test]
async fn sqlite_in_memory_refuses_contents() {
    let _turn = EXCLUSIVE.read().await;
    let s: Arc<dyn Store> = Arc::new(
        SqliteStore::open_url("sqlite::memory:")
            .await
            .expect("opens"),
    );
    let org = org(&s, "A").await;
    let err = s
        .put_content(content(org, "x"), body_of(b"x"), LIMIT)
        .await
        .expect_err("no blob directory");
    assert!(matches!(err, StoreError::NoBlobDirectory), "{err:?}");
    assert!(err.to_string().contains("sqlite:PATH"));
    assert!(matches!(
        s.open_content(org, Uuid::new_v4()).await,
        Err(StoreError::NoBlobDirectory)
    ));
    assert_eq!(
        s.content_meta(org, Uuid::new_v4()).await.expect("meta"),
        None
    );
    assert!(!s.delete_content(org, Uuid::new_v4()).await.expect("delete"));
}

/// A database that cannot grow (SQLite's `max_page_count`, which answers
/// `SQLITE_FULL` exactly as a full disk does) is [`StoreError::Full`] —
/// which the server answers 507, not 503 — and loses nothing: what was
/// stored before reads back, the content's bytes are not left behind.
#[tokio::test]
async fn a_full_database_is_full_not_unavailable_and_keeps_what_it_had() {
    let _turn = EXCLUSIVE.read().await;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("signet.db");
    // The schema takes a few dozen pages of 4 KiB; 96 leaves room for a
    // few rows only.
    let options = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .pragma("max_page_count", "96");
    let s: Arc<dyn Store> = Arc::new(
        SqliteStore::with_connect_options(options)
            .await
            .expect("open"),
    );
    let first = org(&s, "ТОВ Перше").await;
    let kept = noise(11, 1000);
    let meta = s
        .put_content(content(first, "kept.bin"), body_of(&kept), LIMIT)
        .await
        .expect("a content fits");
    // Contents of shrinking name length until not even the smallest row
    // fits anywhere.
    let mut full = None;
    for len in [1500, 100, 1] {
        for i in 0..10_000 {
            let name = format!("{i:05} {}", "Д".repeat(len));
            if let Err(e) = s
                .put_content(content(first, &name), body_of(b"x"), LIMIT)
                .await
            {
                full = Some(e);
                break;
            }
        }
    }
    let e = full.expect("the database never filled up");
    assert!(matches!(e, StoreError::Full(_)), "{e:?}");
    assert!(!e.is_unavailable());
    assert!(e.to_string().contains("full"), "{e}");
    // Once more: Full again, and the refused content's bytes are not left
    // behind.
    let blobs_before = blob_files(&path).len();
    let e = s
        .put_content(content(first, "more.bin"), body_of(&noise(12, 5000)), LIMIT)
        .await
        .expect_err("no room for a row");
    assert!(matches!(e, StoreError::Full(_)), "{e:?}");
    assert_eq!(blob_files(&path).len(), blobs_before, "no orphan bytes");
    // What was there reads back whole.
    let (_, bytes) = s
        .open_content(first, meta.id)
        .await
        .expect("open")
        .expect("there");
    let (read, err) = read_all(bytes).await;
    assert!(err.is_none(), "{err:?}");
    assert!(read == kept);
}
