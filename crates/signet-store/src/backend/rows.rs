//! Row mapping: the records both back ends read out of their rows, and
//! the values they write into them (identifiers as text, a challenge's
//! certificate as Base64, blank identifiers as NULL).

use sqlx::{ColumnIndex, Decode, Row, Type};
use uuid::Uuid;

use crate::StoreError;
use crate::content::{md5_from_hex, size_from_db};
use crate::model::{ContentMeta, NewContent, Organization, PendingUpload, Session, TokenHash};

/// The reads the row mapping makes, for a row of either database.
pub(super) trait Columns {
    /// A text column.
    fn text(&self, column: &str) -> Result<String, StoreError>;
    /// A text column that may be NULL.
    fn optional_text(&self, column: &str) -> Result<Option<String>, StoreError>;
    /// A BIGINT column (times, sizes, sequence numbers).
    fn integer(&self, column: &str) -> Result<i64, StoreError>;
    /// A BIGINT column that may be NULL.
    fn optional_integer(&self, column: &str) -> Result<Option<i64>, StoreError>;
}

impl<R> Columns for R
where
    R: Row,
    for<'c> &'c str: ColumnIndex<R>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> Option<String>: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> Option<i64>: Decode<'r, R::Database> + Type<R::Database>,
{
    fn text(&self, column: &str) -> Result<String, StoreError> {
        Ok(self.try_get(column)?)
    }

    fn optional_text(&self, column: &str) -> Result<Option<String>, StoreError> {
        Ok(self.try_get(column)?)
    }

    fn integer(&self, column: &str) -> Result<i64, StoreError> {
        Ok(self.try_get(column)?)
    }

    fn optional_integer(&self, column: &str) -> Result<Option<i64>, StoreError> {
        Ok(self.try_get(column)?)
    }
}

pub(super) fn parse_uuid(s: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(s).map_err(|e| StoreError::Corrupt(format!("stored id {s:?}: {e}")))
}

pub(super) fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pub(super) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

pub(super) fn blank_to_none(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

pub(super) fn org_from_row(row: &impl Columns) -> Result<Organization, StoreError> {
    Ok(Organization {
        id: parse_uuid(&row.text("id")?)?,
        name: row.text("name")?,
        inn: row.optional_text("inn")?,
        ogrn: row.optional_text("ogrn")?,
        edrpou: row.optional_text("edrpou")?,
        created_at: row.integer("created_at")?,
    })
}

pub(super) fn session_from_row(
    row: &impl Columns,
    id_hash: TokenHash,
) -> Result<Session, StoreError> {
    // Only the hashes' hex is stored; the TokenHash values are rebuilt
    // from what the caller asked with, and the refresh hash from its hex.
    Ok(Session {
        id_hash,
        refresh_hash: TokenHash::from_hex(&row.text("refresh_hash")?)
            .ok_or_else(|| StoreError::Corrupt("refresh hash".into()))?,
        thumbprint: row.text("thumbprint")?,
        subject: row.text("subject")?,
        created_at: row.integer("created_at")?,
        last_seen_at: row.integer("last_seen_at")?,
        idle_expires_at: row.integer("idle_expires_at")?,
        expires_at: row.integer("expires_at")?,
    })
}

pub(super) fn content_from_row(row: &impl Columns) -> Result<ContentMeta, StoreError> {
    Ok(ContentMeta {
        id: parse_uuid(&row.text("id")?)?,
        organization: parse_uuid(&row.text("organization_id")?)?,
        name: row.text("name")?,
        content_type: row.text("content_type")?,
        md5: md5_from_hex(&row.text("md5")?)?,
        size: size_from_db(row.integer("size")?)?,
        created_at: row.integer("created_at")?,
    })
}

pub(super) fn upload_from_row(row: &impl Columns) -> Result<PendingUpload, StoreError> {
    Ok(PendingUpload {
        id: parse_uuid(&row.text("id")?)?,
        organization: parse_uuid(&row.text("organization_id")?)?,
        name: row.text("name")?,
        content_type: row.text("content_type")?,
        received: size_from_db(row.integer("received")?)?,
        total: row
            .optional_integer("total")?
            .map(size_from_db)
            .transpose()?,
        created_at: row.integer("created_at")?,
        updated_at: row.integer("updated_at")?,
    })
}

/// The description of content `id` made of `new` and the bytes that were
/// stored for it.
pub(super) fn content_meta(
    id: Uuid,
    new: NewContent,
    (md5, size): ([u8; 16], u64),
    created_at: i64,
) -> ContentMeta {
    ContentMeta {
        id,
        organization: new.organization,
        name: new.name,
        content_type: new.content_type,
        md5,
        size,
        created_at,
    }
}

/// Where an upload stands, from its row's `blob_id` and `received`: the
/// blob its bytes are staged in and how many it holds.
pub(super) fn staging_from_row(row: &impl Columns) -> Result<(String, u64), StoreError> {
    Ok((
        row.text("blob_id")?,
        size_from_db(row.integer("received")?)?,
    ))
}

/// Checks where an upload stands (see [`staging_from_row`]) before a chunk
/// is staged at `offset` of `blob_id`: it must still stage that blob and
/// hold `offset` bytes, else the part is told where the upload stands (at
/// 0 when it is gone).
pub(super) fn expect_staged(
    staging: Option<(String, u64)>,
    blob_id: &str,
    offset: u64,
) -> Result<(), StoreError> {
    match staging {
        None => Err(StoreError::UploadOffset { expected: 0 }),
        Some((staged, received)) if staged != blob_id || received != offset => {
            Err(StoreError::UploadOffset { expected: received })
        }
        Some(_) => Ok(()),
    }
}
