//! Uploads in parts on both back ends: parts appended to a staged upload
//! that no reader of contents sees until the last one, offsets checked,
//! parts that break off or are dropped keeping what they delivered, parts
//! longer than announced, the first TOTAL binding the parts after it,
//! uploads and ids kept apart by organisation, completion
//! as a new content or as a replacement, racing parts, deletion, expiry,
//! and (SQLite) the sweep of staged files.
//!
//! Expected MD5s come from the `md-5` crate over the whole data, never
//! from the store's own hashing.

mod common;

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use common::{Fixture, blob_files, body_of, noise, org, pg_options, read_all, set_age};
use futures_util::{StreamExt, stream};
use md5::{Digest, Md5};
use signet_store::{CONTENT_CHUNK_SIZE, NewContent, SqliteStore, Store, StoreError, now_unix};
use sqlx::Connection;
use sqlx::postgres::PgConnection;
use uuid::Uuid;

const MIB: usize = 1 << 20;

both_backends!(
    parts_become_a_content_only_at_the_end,
    a_part_must_start_where_the_staged_bytes_end,
    a_broken_part_keeps_what_arrived,
    a_dropped_part_keeps_its_committed_chunks,
    a_part_longer_than_announced_keeps_only_its_length,
    uploads_are_private_and_ids_are_not_shared,
    the_first_total_binds,
    completion_replaces_an_existing_content,
    racing_parts_at_one_offset_do_not_mix,
    deletion_and_expiry_remove_the_staged_bytes,
);

// ---------------------------------------------------------------------------
// Helpers

fn md5_of(data: &[u8]) -> [u8; 16] {
    Md5::digest(data).into()
}

fn named(organization: Uuid, name: &str) -> NewContent {
    NewContent {
        organization,
        name: name.into(),
        content_type: "pdf".into(),
    }
}

/// Appends `data` at `start` as one whole part.
async fn part(s: &Arc<dyn Store>, org: Uuid, id: Uuid, start: usize, data: &[u8]) -> u64 {
    s.append_upload(
        id,
        named(org, "part"),
        start as u64,
        body_of(data),
        data.len() as u64,
        None,
    )
    .await
    .expect("part appended")
    .received
}

/// Reads a content to its end, checking that no chunk is over 1 MiB.
async fn read_content(s: &Arc<dyn Store>, org: Uuid, id: Uuid) -> Vec<u8> {
    let (_, mut bytes) = s
        .open_content(org, id)
        .await
        .expect("open")
        .expect("the content is there");
    let mut out = Vec::new();
    while let Some(chunk) = bytes.next().await {
        let chunk = chunk.expect("read");
        assert!(!chunk.is_empty() && chunk.len() <= CONTENT_CHUNK_SIZE);
        out.extend_from_slice(&chunk);
    }
    out
}

/// How many pieces of bytes the back end holds: files in the blob
/// directory (staged ones included) for SQLite, chunk rows for PostgreSQL.
async fn pieces(f: &Fixture) -> usize {
    if let Some(schema) = &f.schema {
        let mut c = PgConnection::connect_with(&pg_options(schema))
            .await
            .expect("connect");
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM content_chunks")
            .fetch_one(&mut c)
            .await
            .expect("count");
        usize::try_from(n).expect("count")
    } else {
        blob_files(&f.sqlite_path().expect("SQLite fixture")).len()
    }
}

// ---------------------------------------------------------------------------
// The suite

async fn parts_become_a_content_only_at_the_end(f: Fixture) {
    let s = &f.store;
    let org = org(s, "ООО Ромашка").await;
    let id = Uuid::new_v4();
    let data = noise(1, 3 * MIB + 12_345);
    let (a, b) = (MIB + 7, 2 * MIB + 100);

    let first = s
        .append_upload(
            id,
            named(org, "договор.pdf"),
            0,
            body_of(&data[..a]),
            a as u64,
            None,
        )
        .await
        .expect("first part");
    assert_eq!(
        (first.id, first.organization, first.received),
        (id, org, a as u64)
    );
    assert_eq!(first.name, "договор.pdf");
    assert_eq!(part(s, org, id, a, &data[a..b]).await, b as u64);
    assert_eq!(
        s.upload_status(org, id)
            .await
            .expect("status")
            .map(|u| u.received),
        Some(b as u64)
    );
    // Staged is invisible.
    assert_eq!(s.content_meta(org, id).await.expect("meta"), None);
    assert!(s.open_content(org, id).await.expect("open").is_none());
    assert!(matches!(
        s.complete_upload(org, id, data.len() as u64).await,
        Err(StoreError::UploadOffset { expected }) if expected == b as u64
    ));

    assert_eq!(part(s, org, id, b, &data[b..]).await, data.len() as u64);
    let done = s
        .complete_upload(org, id, data.len() as u64)
        .await
        .expect("complete")
        .expect("the upload was there");
    assert!(!done.replaced);
    assert_eq!(done.meta.id, id);
    assert_eq!(done.meta.name, "договор.pdf", "named by the first part");
    assert_eq!(done.meta.md5, md5_of(&data));
    assert_eq!(done.meta.size, data.len() as u64);
    assert_eq!(
        s.content_meta(org, id).await.expect("meta"),
        Some(done.meta)
    );
    assert!(read_content(s, org, id).await == data);
    assert_eq!(s.upload_status(org, id).await.expect("status"), None);
    assert_eq!(
        s.complete_upload(org, id, data.len() as u64)
            .await
            .expect("again"),
        None,
        "completed once"
    );

    // Deleting the content removes its bytes: nothing was left behind.
    assert!(s.delete_content(org, id).await.expect("delete"));
    assert_eq!(pieces(&f).await, 0);
}

async fn a_part_must_start_where_the_staged_bytes_end(f: Fixture) {
    let s = &f.store;
    let org = org(s, "A").await;
    let id = Uuid::new_v4();
    // No upload yet: only a part at 0 may start one.
    let err = s
        .append_upload(id, named(org, "x"), 5, body_of(b"hello"), 5, None)
        .await
        .expect_err("no upload to continue");
    assert!(
        matches!(err, StoreError::UploadOffset { expected: 0 }),
        "{err:?}"
    );
    assert_eq!(s.upload_status(org, id).await.expect("status"), None);

    assert_eq!(part(s, org, id, 0, b"hello").await, 5);
    for wrong in [0, 3, 6, 100] {
        let err = s
            .append_upload(id, named(org, "x"), wrong, body_of(b"world"), 5, None)
            .await
            .expect_err("wrong offset");
        assert!(
            matches!(err, StoreError::UploadOffset { expected: 5 }),
            "{wrong}: {err:?}"
        );
    }
    assert_eq!(part(s, org, id, 5, b" world").await, 11);
    let done = s
        .complete_upload(org, id, 11)
        .await
        .expect("complete")
        .expect("there");
    assert_eq!(done.meta.md5, md5_of(b"hello world"));
    // An upload that does not exist completes to nothing.
    assert_eq!(
        s.complete_upload(org, Uuid::new_v4(), 1)
            .await
            .expect("none"),
        None
    );
}

async fn a_broken_part_keeps_what_arrived(f: Fixture) {
    let s = &f.store;
    let org = org(s, "A").await;
    let id = Uuid::new_v4();
    let data = noise(2, 4 * MIB);
    let cut = 5 * MIB / 2;
    // 2.5 MiB of a 4 MiB part arrive, then the client goes away.
    let broken = body_of(&data[..cut])
        .chain(stream::once(async {
            Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "client went away",
            ))
        }))
        .boxed();
    let err = s
        .append_upload(id, named(org, "x"), 0, broken, data.len() as u64, None)
        .await
        .expect_err("broken");
    assert!(matches!(err, StoreError::Body(_)), "{err:?}");
    let staged = s
        .upload_status(org, id)
        .await
        .expect("status")
        .expect("still pending");
    assert_eq!(
        staged.received, cut as u64,
        "every byte that arrived is kept"
    );
    assert_eq!(s.content_meta(org, id).await.expect("meta"), None);

    assert_eq!(part(s, org, id, cut, &data[cut..]).await, data.len() as u64);
    let done = s
        .complete_upload(org, id, data.len() as u64)
        .await
        .expect("complete")
        .expect("there");
    assert_eq!(done.meta.md5, md5_of(&data));
    assert!(read_content(s, org, id).await == data);
}

/// The part's future is dropped mid-body (the connection's task ends): the
/// chunks committed so far stay, the one being filled goes.
async fn a_dropped_part_keeps_its_committed_chunks(f: Fixture) {
    let s = &f.store;
    let org = org(s, "A").await;
    let id = Uuid::new_v4();
    let data = noise(3, 3 * MIB + 5);
    let cut = 5 * MIB / 2;
    let stalls = body_of(&data[..cut]).chain(stream::pending()).boxed();
    let outcome = tokio::time::timeout(
        Duration::from_millis(1500),
        s.append_upload(id, named(org, "x"), 0, stalls, data.len() as u64, None),
    )
    .await;
    assert!(outcome.is_err(), "still waiting for the body");
    // Let a write cut off mid-way and the dropped transaction finish.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let staged = s
        .upload_status(org, id)
        .await
        .expect("status")
        .expect("still pending")
        .received;
    assert_eq!(staged, 2 * MIB as u64, "two whole chunks were committed");

    let rest = usize::try_from(staged).expect("fits");
    assert_eq!(
        part(s, org, id, rest, &data[rest..]).await,
        data.len() as u64
    );
    let done = s
        .complete_upload(org, id, data.len() as u64)
        .await
        .expect("complete")
        .expect("there");
    assert_eq!(done.meta.md5, md5_of(&data));
    assert!(read_content(s, org, id).await == data);
}

async fn a_part_longer_than_announced_keeps_only_its_length(f: Fixture) {
    let s = &f.store;
    let org = org(s, "A").await;
    let id = Uuid::new_v4();
    let frames = stream::iter([
        Ok(Bytes::from_static(b"012345")),
        Ok(Bytes::from_static(b"6789ab")),
    ])
    .boxed();
    let err = s
        .append_upload(id, named(org, "x"), 0, frames, 10, None)
        .await
        .expect_err("longer than announced");
    assert!(matches!(err, StoreError::TooLarge { limit: 10 }), "{err:?}");
    let staged = s
        .upload_status(org, id)
        .await
        .expect("status")
        .expect("pending");
    assert_eq!(staged.received, 6, "the frames within the announced length");
    assert_eq!(part(s, org, id, 6, b"6789").await, 10);
    let done = s
        .complete_upload(org, id, 10)
        .await
        .expect("complete")
        .expect("there");
    assert_eq!(done.meta.md5, md5_of(b"0123456789"));
}

async fn uploads_are_private_and_ids_are_not_shared(f: Fixture) {
    let s = &f.store;
    let a = org(s, "A").await;
    let b = org(s, "B").await;
    let id = Uuid::new_v4();
    part(s, a, id, 0, b"staged by A").await;
    assert_eq!(s.upload_status(b, id).await.expect("status"), None);
    assert!(!s.delete_upload(b, id).await.expect("delete"));
    assert_eq!(s.complete_upload(b, id, 11).await.expect("complete"), None);

    // Ids are each organisation's own: B's upload under the same id is
    // B's, as under an id nobody uses, and A's stays as it was.
    assert_eq!(part(s, b, id, 0, b"B's").await, 3);
    let staged = |o| async move { s.upload_status(o, id).await.expect("status") };
    assert_eq!(staged(a).await.map(|u| u.received), Some(11));
    assert_eq!(staged(b).await.map(|u| u.received), Some(3));
    let done = s
        .complete_upload(b, id, 3)
        .await
        .expect("complete")
        .expect("B's upload");
    assert!(!done.replaced, "a content of B's own, not A's replaced");
    assert_eq!(staged(a).await.map(|u| u.received), Some(11));

    // So may B stage under the id of A's content, which stays A's.
    let content = s
        .put_content(named(a, "doc"), body_of(b"A's content"), 100)
        .await
        .expect("put");
    assert_eq!(part(s, b, content.id, 0, b"B's").await, 3);
    let done = s
        .complete_upload(b, content.id, 3)
        .await
        .expect("complete")
        .expect("B's upload");
    assert_eq!((done.meta.organization, done.replaced), (b, false));
    let (meta, bytes) = s
        .open_content(a, content.id)
        .await
        .expect("open")
        .expect("A's content");
    assert_eq!(
        (meta.name.as_str(), read_all(bytes).await.0),
        ("doc", b"A's content".to_vec())
    );
    assert!(s.delete_content(b, content.id).await.expect("delete"));
    assert!(s.content_meta(a, content.id).await.expect("meta").is_some());

    // Staging needs an organisation that exists.
    let err = s
        .append_upload(
            Uuid::new_v4(),
            named(Uuid::new_v4(), "x"),
            0,
            body_of(b"x"),
            1,
            None,
        )
        .await
        .expect_err("no organisation");
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
}

/// A part announcing another TOTAL than the first one given, or ending past
/// it, is refused before it is read, and what is staged stays.
async fn the_first_total_binds(f: Fixture) {
    let s = &f.store;
    let org = org(s, "A").await;
    let id = Uuid::new_v4();
    let append = |start: u64, data: &'static [u8], total| {
        s.append_upload(
            id,
            named(org, "x"),
            start,
            body_of(data),
            data.len() as u64,
            total,
        )
    };
    // `*` until a total is given; the first one given binds.
    let staged = append(0, b"0123", None).await.expect("part at 0");
    assert_eq!((staged.received, staged.total), (4, None));
    let staged = append(4, b"45", Some(10)).await.expect("second part");
    assert_eq!((staged.received, staged.total), (6, Some(10)));
    for total in [Some(8), Some(12), Some(7)] {
        let err = append(6, b"67", total).await.expect_err("another total");
        assert!(
            matches!(err, StoreError::UploadTotal { total: 10 }),
            "{err:?}"
        );
    }
    let err = append(6, b"6789ab", None)
        .await
        .expect_err("past the total");
    assert!(
        matches!(err, StoreError::UploadTotal { total: 10 }),
        "{err:?}"
    );
    let staged = s
        .upload_status(org, id)
        .await
        .expect("status")
        .expect("pending");
    assert_eq!(
        (staged.received, staged.total),
        (6, Some(10)),
        "nothing lost"
    );
    let staged = append(6, b"6789", None)
        .await
        .expect("`*` keeps the bound total");
    assert_eq!((staged.received, staged.total), (10, Some(10)));
    let done = s
        .complete_upload(org, id, 10)
        .await
        .expect("complete")
        .expect("there");
    assert_eq!(done.meta.md5, md5_of(b"0123456789"));
}

async fn completion_replaces_an_existing_content(f: Fixture) {
    let s = &f.store;
    let org = org(s, "A").await;
    let old = noise(4, MIB + 3);
    let new = noise(5, 2 * MIB + 9);
    let before = s
        .put_content(named(org, "v1.pdf"), body_of(&old), 64 << 20)
        .await
        .expect("put");
    let id = before.id;
    let half = new.len() / 2;
    s.append_upload(
        id,
        named(org, "v2.pdf"),
        0,
        body_of(&new[..half]),
        half as u64,
        None,
    )
    .await
    .expect("first part");
    // Readers still get the old content, whole.
    assert_eq!(
        s.content_meta(org, id).await.expect("meta"),
        Some(before.clone())
    );
    assert!(read_content(s, org, id).await == old);

    part(s, org, id, half, &new[half..]).await;
    let done = s
        .complete_upload(org, id, new.len() as u64)
        .await
        .expect("complete")
        .expect("there");
    assert!(done.replaced);
    assert_eq!(done.meta.name, "v2.pdf");
    assert_eq!(done.meta.created_at, before.created_at, "kept");
    assert_eq!(done.meta.md5, md5_of(&new));
    assert!(read_content(s, org, id).await == new);
    // The old bytes are gone: only the new content's pieces are left.
    let expected = if f.schema.is_some() {
        // Two parts, each cut into chunks of at most 1 MiB.
        half.div_ceil(MIB) + (new.len() - half).div_ceil(MIB)
    } else {
        1
    };
    assert_eq!(pieces(&f).await, expected);
}

/// Two parts for the same offset at once (a client that retried while the
/// first try was still arriving): one of them wins whole, the other is
/// refused, and the content is never a mix of the two.
async fn racing_parts_at_one_offset_do_not_mix(f: Fixture) {
    let s = &f.store;
    let org = org(s, "A").await;
    let id = Uuid::new_v4();
    part(s, org, id, 0, b"head:").await;
    let one = noise(6, 3 * MIB);
    let two = noise(7, 3 * MIB);
    let (r1, r2) = tokio::join!(
        s.append_upload(
            id,
            named(org, "x"),
            5,
            body_of(&one),
            one.len() as u64,
            None
        ),
        s.append_upload(
            id,
            named(org, "x"),
            5,
            body_of(&two),
            two.len() as u64,
            None
        ),
    );
    let winner = match (&r1, &r2) {
        (Ok(_), Err(StoreError::UploadOffset { .. })) => &one,
        (Err(StoreError::UploadOffset { .. }), Ok(_)) => &two,
        other => panic!("exactly one part wins: {other:?}"),
    };
    let total = 5 + winner.len() as u64;
    let done = s
        .complete_upload(org, id, total)
        .await
        .expect("complete")
        .expect("there");
    let mut expected = b"head:".to_vec();
    expected.extend_from_slice(winner);
    assert_eq!(done.meta.md5, md5_of(&expected));
    assert!(read_content(s, org, id).await == expected);
}

async fn deletion_and_expiry_remove_the_staged_bytes(f: Fixture) {
    let s = &f.store;
    let org = org(s, "A").await;
    let data = noise(8, 2 * MIB + 1);
    let id = Uuid::new_v4();
    part(s, org, id, 0, &data).await;
    assert!(pieces(&f).await > 0);
    assert!(s.delete_upload(org, id).await.expect("delete"));
    assert!(!s.delete_upload(org, id).await.expect("again"));
    assert_eq!(s.upload_status(org, id).await.expect("status"), None);
    assert_eq!(pieces(&f).await, 0, "staged bytes removed");
    // Gone means a part must start again at 0.
    let err = s
        .append_upload(
            id,
            named(org, "x"),
            data.len() as u64,
            body_of(b"x"),
            1,
            None,
        )
        .await
        .expect_err("gone");
    assert!(
        matches!(err, StoreError::UploadOffset { expected: 0 }),
        "{err:?}"
    );

    let idle = Uuid::new_v4();
    part(s, org, idle, 0, &data).await;
    let now = now_unix();
    assert_eq!(
        s.expire_uploads(now - 3600).await.expect("expire"),
        0,
        "fresh"
    );
    assert!(s.upload_status(org, idle).await.expect("status").is_some());
    assert_eq!(s.expire_uploads(now + 1).await.expect("expire"), 1);
    assert_eq!(s.upload_status(org, idle).await.expect("status"), None);
    assert_eq!(pieces(&f).await, 0, "expired bytes removed");
}

// ---------------------------------------------------------------------------
// SQLite only

/// A staged file stays as long as its upload row does, however old; one
/// that no row names (its row deleted by a process that died before
/// removing the file, or an unlink that failed) goes at the next open once
/// an hour old.
#[tokio::test]
async fn sqlite_sweep_keeps_staged_files_of_pending_uploads() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("signet.db");
    let (org, id) = {
        let s: Arc<dyn Store> = Arc::new(SqliteStore::open(&db).await.expect("open"));
        let org = org(&s, "A").await;
        let id = Uuid::new_v4();
        part(&s, org, id, 0, b"first half, ").await;
        (org, id)
    };
    let files = blob_files(&db);
    assert_eq!(files.len(), 1);
    let staged = files[0].clone();
    assert!(
        staged
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(".upload-")),
        "{staged:?}"
    );
    let orphan = dir
        .path()
        .join("blobs")
        .join(format!(".upload-{}", Uuid::new_v4()));
    std::fs::write(&orphan, b"left by a crash").expect("write");
    for p in [&staged, &orphan] {
        set_age(p, Duration::from_secs(2 * 3600));
    }

    let s: Arc<dyn Store> = Arc::new(SqliteStore::open(&db).await.expect("reopen"));
    assert!(staged.exists(), "a pending upload's file stays");
    assert!(!orphan.exists(), "an unreferenced staged file goes");
    part(&s, org, id, 12, b"second half").await;
    let done = s
        .complete_upload(org, id, 23)
        .await
        .expect("complete")
        .expect("there");
    assert_eq!(done.meta.md5, md5_of(b"first half, second half"));
    assert!(!staged.exists(), "renamed to its blob id");
    assert_eq!(blob_files(&db).len(), 1);
}

#[tokio::test]
async fn sqlite_in_memory_refuses_uploads_in_parts() {
    let s = SqliteStore::open_url("sqlite::memory:")
        .await
        .expect("open");
    let s: Arc<dyn Store> = Arc::new(s);
    let org = org(&s, "A").await;
    let err = s
        .append_upload(Uuid::new_v4(), named(org, "x"), 0, body_of(b"x"), 1, None)
        .await
        .expect_err("no blob directory");
    assert!(matches!(err, StoreError::NoBlobDirectory), "{err:?}");
}
