//! Contents on both back ends: streamed uploads (MD5 and size computed on
//! the way, the size limit, interrupted and abandoned uploads), reads in
//! chunks of at most 1 MiB, organisations kept apart, atomic replacement,
//! deletion, and the memory a 200 MiB upload and read take.
//!
//! Expected MD5s come from the `md5sum` command (GNU coreutils) or from the
//! test suite of RFC 1321, never from the crate under test.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bytes::Bytes;
use common::{
    FRAME, Fixture, Frames, blob_files, body_of, content, noise, org, pg_options, read_all,
};
use futures_util::{StreamExt, stream};
use md5::{Digest, Md5};
use signet_store::{ByteStream, CONTENT_CHUNK_SIZE, NewContent, StoreError};
use sqlx::Connection;
use sqlx::postgres::PgConnection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use tokio::sync::RwLock;
use uuid::Uuid;

const MIB: usize = 1 << 20;
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

/// A lazy body of `len` bytes of seed `seed`.
fn generated(seed: u64, len: u64) -> ByteStream<'static> {
    stream::iter(Frames::new(seed, len, FRAME).map(|f| Ok(Bytes::from(f)))).boxed()
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

// ---------------------------------------------------------------------------
// Helpers

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
