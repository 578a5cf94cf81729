//! Contents on SQLite alone: the blob directory beside the database (what
//! crashed uploads leave is swept, a `sqlite:` URL puts it beside the file,
//! an in-memory database has none) and a database that cannot grow.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{blob_files, body_of, content, noise, org, read_all, set_age};
use signet_store::{SqliteStore, Store, StoreError};
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use uuid::Uuid;

/// The limit of the tests that do not test the limit.
const LIMIT: u64 = 64 << 20;

/// A process killed mid-upload leaves a `.tmp-` file; one killed between
/// placing a blob and writing its row leaves an unreferenced blob. Neither
/// becomes a content, and both go at the next open once an hour old.
#[tokio::test]
async fn sqlite_sweeps_what_crashed_uploads_left() {
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
