//! The metadata SQL both back ends run: organisations, grants, sessions,
//! challenges, and the rows of contents and uploads.
//!
//! Every statement here is valid in both dialects, but sqlx's `Sqlite` and
//! `Postgres` types differ, so the code is written once in the
//! `impl_store!` macro and expanded for each store, rows read through
//! `super::rows`. What moves content bytes is each back end's own
//! (`super::sqlite`, `super::postgres`); the [`Store`] impls call it by
//! name.

use async_trait::async_trait;
use uuid::Uuid;

use super::rows::{
    Columns, base64_decode, base64_encode, blank_to_none, content_from_row, content_meta,
    org_from_row, parse_uuid, session_from_row, staging_from_row, upload_from_row,
};
use super::{PgStore, SqliteStore};
use crate::content::{ByteStream, Ingest, md5_to_hex, size_from_db, size_to_db};
use crate::model::{
    Challenge, ChallengeOutcome, CompletedUpload, ContentMeta, NewContent, NewOrganization,
    OrgIdentifiers, Organization, PendingUpload, Session, TokenHash,
};
use crate::{Backend, Store, StoreError, now_unix};

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
        "id, organization_id, name, content_type, received, total, created_at, updated_at"
    };
}

/// The metadata SQL of a store on `$conn` connections. `$row_lock` ends
/// the SELECTs that a transaction reads before it writes the same rows:
/// `" FOR UPDATE"` on PostgreSQL; empty on SQLite, whose writers take the
/// database's write lock up front (`BEGIN IMMEDIATE`).
macro_rules! impl_store {
    ($store:ty, $backend:expr, $row:ty, $conn:ty, $row_lock:literal) => {
        impl $store {
            /// Runs `select`, a query of one row by `id` ($1) and
            /// `organization_id` ($2), and reads the row with `read`.
            async fn fetch_owned<T>(
                &self,
                select: &'static str,
                organization: Uuid,
                id: Uuid,
                read: impl Fn(&$row) -> Result<T, StoreError>,
            ) -> Result<Option<T>, StoreError> {
                let row = sqlx::query(select)
                    .bind(id.to_string())
                    .bind(organization.to_string())
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(read).transpose()
            }

            /// Where upload `id` of `organization` stands: its staged blob
            /// and how many bytes it holds.
            pub(super) async fn staging(
                &self,
                organization: Uuid,
                id: Uuid,
            ) -> Result<Option<(String, u64)>, StoreError> {
                self.fetch_owned(
                    "SELECT blob_id, received FROM content_uploads \
                     WHERE id = $1 AND organization_id = $2",
                    organization,
                    id,
                    staging_from_row,
                )
                .await
            }

            /// Runs `delete`, a DELETE … RETURNING blob_id of one row by
            /// `id` ($1) and `organization_id` ($2); returns that blob id.
            pub(super) async fn delete_owned_row(
                conn: &mut $conn,
                delete: &'static str,
                organization: Uuid,
                id: Uuid,
            ) -> Result<Option<String>, StoreError> {
                Ok(sqlx::query_scalar(delete)
                    .bind(id.to_string())
                    .bind(organization.to_string())
                    .fetch_optional(&mut *conn)
                    .await?)
            }

            async fn insert_session(conn: &mut $conn, s: &Session) -> Result<(), StoreError> {
                sqlx::query(concat!(
                    "INSERT INTO sessions (",
                    session_columns!(),
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                ))
                .bind(s.id_hash.to_hex())
                .bind(s.refresh_hash.to_hex())
                .bind(&s.thumbprint)
                .bind(&s.subject)
                .bind(s.created_at)
                .bind(s.last_seen_at)
                .bind(s.idle_expires_at)
                .bind(s.expires_at)
                .execute(&mut *conn)
                .await?;
                Ok(())
            }

            /// A content's description and the blob id its bytes are under.
            pub(super) async fn content_with_blob(
                &self,
                organization: Uuid,
                id: Uuid,
            ) -> Result<Option<(ContentMeta, String)>, StoreError> {
                self.fetch_owned(
                    concat!(
                        "SELECT ",
                        content_columns!(),
                        ", blob_id FROM contents WHERE id = $1 AND organization_id = $2"
                    ),
                    organization,
                    id,
                    |row| Ok((content_from_row(row)?, row.text("blob_id")?)),
                )
                .await
            }

            /// Contents are only ever stored for an organisation that
            /// exists; checked before a byte is read.
            pub(super) async fn require_organization(&self, id: Uuid) -> Result<(), StoreError> {
                match self.organization(id).await? {
                    Some(_) => Ok(()),
                    None => Err(StoreError::NotFound {
                        what: format!("organization {id}"),
                    }),
                }
            }

            pub(super) async fn insert_content_row(
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

            /// In a replacement's transaction, once the new bytes are
            /// stored under `blob_id`: switches content `id` of
            /// `new.organization` to them, keeping its creation time.
            /// Returns the new description and the blob it replaced;
            /// `None` when the content was deleted while the upload ran.
            pub(super) async fn switch_content(
                conn: &mut $conn,
                id: Uuid,
                new: NewContent,
                stored: ([u8; 16], u64),
                blob_id: &str,
            ) -> Result<Option<(ContentMeta, String)>, StoreError> {
                let old = sqlx::query(concat!(
                    "SELECT blob_id, created_at FROM contents \
                     WHERE id = $1 AND organization_id = $2",
                    $row_lock
                ))
                .bind(id.to_string())
                .bind(new.organization.to_string())
                .fetch_optional(&mut *conn)
                .await?;
                let Some(old) = old else {
                    return Ok(None);
                };
                let meta = content_meta(id, new, stored, old.integer("created_at")?);
                Self::switch_content_row(conn, &meta, blob_id).await?;
                Ok(Some((meta, old.text("blob_id")?)))
            }

            pub(super) async fn pending_upload(
                &self,
                organization: Uuid,
                id: Uuid,
            ) -> Result<Option<PendingUpload>, StoreError> {
                self.fetch_owned(
                    concat!(
                        "SELECT ",
                        upload_columns!(),
                        " FROM content_uploads WHERE id = $1 AND organization_id = $2"
                    ),
                    organization,
                    id,
                    upload_from_row,
                )
                .await
            }

            /// Before a part is read: creates the upload for a part at 0
            /// (naming it, and setting its TOTAL, after that part while it
            /// is empty), checks that the part starts where the staged
            /// bytes end, and binds `total` (see [`Self::bind_total`]).
            /// Returns the staged blob's id.
            async fn begin_part(
                &self,
                id: Uuid,
                new: &NewContent,
                (start, part_len): (u64, u64),
                total: Option<u64>,
            ) -> Result<String, StoreError> {
                self.require_organization(new.organization).await?;
                let organization = new.organization.to_string();
                let announced = total.map(size_to_db).transpose()?;
                if start == 0 {
                    let now = now_unix();
                    sqlx::query(
                        "INSERT INTO content_uploads (id, organization_id, name, content_type, \
                         blob_id, received, total, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $7) \
                         ON CONFLICT (organization_id, id) DO NOTHING",
                    )
                    .bind(id.to_string())
                    .bind(&organization)
                    .bind(&new.name)
                    .bind(&new.content_type)
                    .bind(Uuid::new_v4().to_string())
                    .bind(announced)
                    .bind(now)
                    .execute(&self.pool)
                    .await?;
                    sqlx::query(
                        "UPDATE content_uploads SET name = $3, content_type = $4, total = $5, \
                         updated_at = $6 WHERE id = $1 AND organization_id = $2 AND received = 0",
                    )
                    .bind(id.to_string())
                    .bind(&organization)
                    .bind(&new.name)
                    .bind(&new.content_type)
                    .bind(announced)
                    .bind(now)
                    .execute(&self.pool)
                    .await?;
                }
                let Some((blob_id, received)) = self.staging(new.organization, id).await? else {
                    return Err(StoreError::UploadOffset { expected: 0 });
                };
                if received != start {
                    return Err(StoreError::UploadOffset { expected: received });
                }
                let bound = self.bind_total(new.organization, id, announced).await?;
                if let Some(bound) = bound.map(size_from_db).transpose()?
                    && (total.is_some_and(|t| t != bound) || start.saturating_add(part_len) > bound)
                {
                    return Err(StoreError::UploadTotal { total: bound });
                }
                Ok(blob_id)
            }

            /// The TOTAL upload `id` of `organization` is bound to: the
            /// first one a part gave, which `total` becomes when none was
            /// (in one statement, so two parts cannot both bind theirs).
            async fn bind_total(
                &self,
                organization: Uuid,
                id: Uuid,
                total: Option<i64>,
            ) -> Result<Option<i64>, StoreError> {
                Ok(sqlx::query_scalar(
                    "UPDATE content_uploads SET total = COALESCE(total, $3) \
                     WHERE id = $1 AND organization_id = $2 RETURNING total",
                )
                .bind(id.to_string())
                .bind(organization.to_string())
                .bind(total)
                .fetch_optional(&self.pool)
                .await?
                .flatten())
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
                total: Option<u64>,
            ) -> Result<PendingUpload, StoreError> {
                self.can_stage()?;
                let organization = new.organization;
                let blob_id = self.begin_part(id, &new, (start, part_len), total).await?;
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

            /// The blob staging upload `id` of `organization`, once it
            /// holds exactly `size` bytes (else [`StoreError::UploadOffset`]
            /// with what it holds); `None` when there is no such upload.
            pub(super) async fn staged_blob_of_size(
                &self,
                organization: Uuid,
                id: Uuid,
                size: u64,
            ) -> Result<Option<String>, StoreError> {
                let Some((blob_id, received)) = self.staging(organization, id).await? else {
                    return Ok(None);
                };
                if received != size {
                    return Err(StoreError::UploadOffset { expected: received });
                }
                Ok(Some(blob_id))
            }

            /// In a completion's transaction, once the staged bytes are
            /// hashed: checks again that upload `id` of `organization`
            /// stages `blob_id` with `size` bytes, makes it content `id` —
            /// a new row, or that organisation's row switched to `blob_id`
            /// — and deletes the upload's row. Returns the content and
            /// the blob it replaced; `None` when the upload is gone.
            pub(super) async fn settle_upload(
                conn: &mut $conn,
                organization: Uuid,
                id: Uuid,
                blob_id: &str,
                (md5, size): ([u8; 16], u64),
            ) -> Result<Option<(ContentMeta, Option<String>)>, StoreError> {
                let upload = sqlx::query(concat!(
                    "SELECT ",
                    upload_columns!(),
                    ", blob_id FROM content_uploads WHERE id = $1 AND organization_id = $2",
                    $row_lock
                ))
                .bind(id.to_string())
                .bind(organization.to_string())
                .fetch_optional(&mut *conn)
                .await?;
                let Some(upload) = upload else {
                    return Ok(None);
                };
                let pending = upload_from_row(&upload)?;
                if upload.text("blob_id")? != blob_id || pending.received != size {
                    return Err(StoreError::UploadOffset {
                        expected: pending.received,
                    });
                }
                let existing = sqlx::query(concat!(
                    "SELECT blob_id, created_at FROM contents WHERE id = $1 AND organization_id = $2",
                    $row_lock
                ))
                .bind(id.to_string())
                .bind(organization.to_string())
                .fetch_optional(&mut *conn)
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
                let replaced_blob = match existing {
                    Some(row) => {
                        meta.created_at = row.integer("created_at")?;
                        Self::switch_content_row(conn, &meta, blob_id).await?;
                        Some(row.text("blob_id")?)
                    }
                    None => {
                        Self::insert_content_row(conn, &meta, blob_id).await?;
                        None
                    }
                };
                sqlx::query("DELETE FROM content_uploads WHERE id = $1 AND organization_id = $2")
                    .bind(id.to_string())
                    .bind(organization.to_string())
                    .execute(&mut *conn)
                    .await?;
                Ok(Some((meta, replaced_blob)))
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
                row.as_ref().map(org_from_row).transpose()
            }

            async fn organizations(&self) -> Result<Vec<Organization>, StoreError> {
                let rows = sqlx::query(concat!("SELECT ", org_columns!(), " FROM organizations ORDER BY created_at, id"))
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(org_from_row).collect()
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
                rows.iter().map(org_from_row).collect()
            }

            async fn grant(&self, organization: Uuid, thumbprint: &str) -> Result<bool, StoreError> {
                self.require_organization(organization).await?;
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
                    .map(|r| parse_uuid(&r.text("organization_id")?))
                    .collect()
            }

            async fn create_session(&self, s: &Session) -> Result<(), StoreError> {
                let mut conn = self.pool.acquire().await?;
                Self::insert_session(&mut conn, s).await
            }

            async fn session(&self, id_hash: &TokenHash) -> Result<Option<Session>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", session_columns!(), " FROM sessions WHERE id_hash = $1"))
                .bind(id_hash.to_hex())
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref()
                    .map(|r| session_from_row(r, *id_hash))
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
                        let id = TokenHash::from_hex(&r.text("id_hash")?).ok_or_else(|| StoreError::Corrupt("session hash".into()))?;
                        session_from_row(&r, id).map(Some)
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
                Self::insert_session(&mut tx, new).await?;
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
                if now >= row.integer("expires_at")? {
                    return Ok(ChallengeOutcome::Expired);
                }
                base64_decode(&row.text("certificate")?)
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
                self.fetch_owned(
                    concat!(
                        "SELECT ",
                        content_columns!(),
                        " FROM contents WHERE id = $1 AND organization_id = $2"
                    ),
                    organization,
                    id,
                    content_from_row,
                )
                .await
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
                total: Option<u64>,
            ) -> Result<PendingUpload, StoreError> {
                self.append_part(id, new, start, body, part_len, total).await
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
    sqlx::SqliteConnection,
    ""
);
impl_store!(
    PgStore,
    Backend::Postgres,
    sqlx::postgres::PgRow,
    sqlx::PgConnection,
    " FOR UPDATE"
);
