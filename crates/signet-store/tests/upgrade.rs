//! Upgrading a database to per-organisation content ids and bound upload
//! totals (migration 0005): a database made by migrations 0001–0004 with a
//! content and an upload in parts in it, opened by this version, keeps
//! both — the content reads back whole, and the upload goes on from its
//! staged bytes and completes — on SQLite and PostgreSQL.

mod common;

use std::path::{Path, PathBuf};

use common::{body_of, pg_options, read_all};
use signet_store::{NewContent, PgStore, SqliteStore, Store};
use sqlx::migrate::Migrator;
use uuid::Uuid;

/// A folder holding migrations 0001–0004 of `backend` ("sqlite" or
/// "postgres"), the schema before per-organisation ids.
fn migrations_before_0005(backend: &str) -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    let to = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(&from).expect("migrations") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if name.as_str() < "0005" {
            std::fs::copy(&path, to.path().join(&name)).expect("copy");
        }
    }
    to
}

/// What the old database holds: an organisation, content `content` of
/// 6 bytes "stored" and upload `upload` with 3 bytes "par" staged.
struct Old {
    org: Uuid,
    content: Uuid,
    upload: Uuid,
}

impl Old {
    fn new() -> Old {
        Old {
            org: Uuid::new_v4(),
            content: Uuid::new_v4(),
            upload: Uuid::new_v4(),
        }
    }

    /// Its rows, in the old schema, with the bytes under these blob ids.
    fn rows(&self, content_blob: &str, upload_blob: &str) -> Vec<String> {
        let (org, content, upload) = (self.org, self.content, self.upload);
        vec![
            format!("INSERT INTO organizations (id, name, created_at) VALUES ('{org}', 'old', 1)"),
            format!(
                "INSERT INTO contents (id, organization_id, name, content_type, md5, size, blob_id, created_at) \
                 VALUES ('{content}', '{org}', 'stored.pdf', 'pdf', '{}', 6, '{content_blob}', 1)",
                md5_hex(b"stored")
            ),
            format!(
                "INSERT INTO content_uploads (id, organization_id, name, content_type, blob_id, received, created_at, updated_at) \
                 VALUES ('{upload}', '{org}', 'parts.pdf', 'pdf', '{upload_blob}', 3, {now}, {now})",
                now = signet_store::now_unix()
            ),
        ]
    }

    /// Checks the upgraded store keeps both.
    async fn check(&self, store: &dyn Store) {
        let (meta, bytes) = store
            .open_content(self.org, self.content)
            .await
            .expect("open")
            .expect("the old content");
        assert_eq!(meta.name, "stored.pdf");
        assert_eq!(read_all(bytes).await.0, b"stored");
        let staged = store
            .upload_status(self.org, self.upload)
            .await
            .expect("status")
            .expect("the old upload");
        assert_eq!((staged.received, staged.total), (3, None));
        let new = NewContent {
            organization: self.org,
            name: "parts.pdf".into(),
            content_type: "pdf".into(),
        };
        store
            .append_upload(self.upload, new, 3, body_of(b"ts"), 2, Some(5))
            .await
            .expect("goes on");
        let done = store
            .complete_upload(self.org, self.upload, 5)
            .await
            .expect("complete")
            .expect("there");
        let (_, bytes) = store
            .open_content(self.org, done.meta.id)
            .await
            .expect("open")
            .expect("completed");
        assert_eq!(read_all(bytes).await.0, b"parts");
    }
}

/// Lower-case hex, as the schema keeps MD5s and PostgreSQL reads `bytea`.
fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}

fn md5_hex(data: &[u8]) -> String {
    use md5::{Digest, Md5};
    hex(&Md5::digest(data))
}

#[tokio::test]
async fn sqlite_upgrades_keep_contents_and_uploads() {
    use sqlx::ConnectOptions;
    use sqlx::sqlite::SqliteConnectOptions;
    let dir = tempfile::tempdir().expect("temp dir");
    let db: PathBuf = dir.path().join("signet.db");
    let old = Old::new();
    {
        let mut conn = SqliteConnectOptions::new()
            .filename(&db)
            .create_if_missing(true)
            .connect()
            .await
            .expect("sqlite");
        let before = migrations_before_0005("sqlite");
        Migrator::new(before.path())
            .await
            .expect("migrations")
            .run(&mut conn)
            .await
            .expect("old schema");
        let (content_blob, upload_blob) = (Uuid::new_v4(), Uuid::new_v4());
        for sql in old.rows(&content_blob.to_string(), &upload_blob.to_string()) {
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut conn)
                .await
                .expect("row");
        }
        let blobs = dir.path().join("blobs");
        std::fs::create_dir_all(&blobs).expect("blobs");
        std::fs::write(blobs.join(content_blob.to_string()), b"stored").expect("blob");
        std::fs::write(blobs.join(format!(".upload-{upload_blob}")), b"par").expect("staged");
    }
    let store = SqliteStore::open(&db).await.expect("upgrade");
    old.check(&store).await;
}

#[tokio::test]
async fn postgres_upgrades_keep_contents_and_uploads() {
    use sqlx::Connection;
    let old = Old::new();
    // A fresh schema of its own, made by the old migrations.
    let old_schema = format!("signet_upgrade_{}", Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&common::pg_url())
        .await
        .expect("PostgreSQL on 127.0.0.1:5432");
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {old_schema}")))
        .execute(&mut admin)
        .await
        .expect("schema");
    {
        let mut conn = sqlx::PgConnection::connect_with(&pg_options(&old_schema))
            .await
            .expect("postgres");
        let before = migrations_before_0005("postgres");
        Migrator::new(before.path())
            .await
            .expect("migrations")
            .run(&mut conn)
            .await
            .expect("old schema");
        let (content_blob, upload_blob) = (Uuid::new_v4(), Uuid::new_v4());
        let mut rows = old.rows(&content_blob.to_string(), &upload_blob.to_string());
        rows.push(format!(
            "INSERT INTO content_chunks (blob_id, seq, data) VALUES \
             ('{content_blob}', 0, '\\x{}'), ('{upload_blob}', 0, '\\x{}')",
            hex(b"stored"),
            hex(b"par")
        ));
        rows.push(format!(
            "UPDATE content_uploads SET next_seq = 1 WHERE id = '{}'",
            old.upload
        ));
        for sql in rows {
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut conn)
                .await
                .expect("row");
        }
    }
    let store = PgStore::with_options(pg_options(&old_schema))
        .await
        .expect("upgrade");
    old.check(&store).await;
    drop(store);
    let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP SCHEMA {old_schema} CASCADE"
    )))
    .execute(&mut admin)
    .await;
}
