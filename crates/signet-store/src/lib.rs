//! signet's store: organisations, grants, sessions and contents behind one
//! trait, with two back ends on sqlx — SQLite (the embedded default) and
//! PostgreSQL (shared by several instances).
//!
//! Both back ends run the same SQL: identifiers are text, times are Unix
//! seconds in BIGINT, and parameters are written `$N`, which SQLite also
//! understands. Each back end has its own migration folder so that later
//! schema changes can differ where the two databases do.
//!
//! Content bytes are streamed, never held whole in memory: files beside
//! the SQLite database, chunk rows in PostgreSQL (see the `content` module).

mod backend;
mod content;
mod error;
mod model;

use async_trait::async_trait;
use uuid::Uuid;

pub use backend::{PgStore, PoolSettings, SqliteStore, open, open_with};
pub use content::{ByteStream, CONTENT_CHUNK_SIZE};
pub use error::StoreError;
pub use model::{
    Challenge, ChallengeOutcome, CompletedUpload, ContentMeta, NewContent, NewOrganization,
    OrgIdentifiers, Organization, PendingUpload, Session, TokenHash,
};

/// Which database a store runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, a file in the data directory.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// Everything signet keeps between requests.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Which database this is.
    fn backend(&self) -> Backend;

    /// Checks that the database answers.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Creates an organisation with a fresh id.
    async fn create_organization(&self, new: NewOrganization) -> Result<Organization, StoreError>;

    /// The organisation with this id.
    async fn organization(&self, id: Uuid) -> Result<Option<Organization>, StoreError>;

    /// Every organisation, oldest first.
    async fn organizations(&self) -> Result<Vec<Organization>, StoreError>;

    /// Organisations whose INN, OGRN or EDRPOU equals one given.
    async fn organizations_matching(
        &self,
        ids: &OrgIdentifiers,
    ) -> Result<Vec<Organization>, StoreError>;

    /// Grants the certificate with this thumbprint access to an
    /// organisation. Returns false when it was already granted.
    async fn grant(&self, organization: Uuid, thumbprint: &str) -> Result<bool, StoreError>;

    /// Ids of the organisations granted to a certificate.
    async fn granted_organizations(&self, thumbprint: &str) -> Result<Vec<Uuid>, StoreError>;

    /// Stores a new session.
    async fn create_session(&self, session: &Session) -> Result<(), StoreError>;

    /// The session whose id hashes to `id_hash`, live or not.
    async fn session(&self, id_hash: &TokenHash) -> Result<Option<Session>, StoreError>;

    /// Records a use of a session: sets last_seen_at and the new idle
    /// expiry. Returns false when there is no such session.
    async fn touch_session(
        &self,
        id_hash: &TokenHash,
        now: i64,
        idle_expires_at: i64,
    ) -> Result<bool, StoreError>;

    /// Ends a session. Returns false when there was none.
    async fn delete_session(&self, id_hash: &TokenHash) -> Result<bool, StoreError>;

    /// Deletes sessions lapsed at `now`; returns how many.
    async fn delete_expired_sessions(&self, now: i64) -> Result<u64, StoreError>;

    /// The session whose refresh token hashes to `refresh_hash`.
    async fn session_by_refresh(
        &self,
        refresh_hash: &TokenHash,
    ) -> Result<Option<Session>, StoreError>;

    /// Replaces the session found by `old_refresh` with `new` in one
    /// transaction (refresh-token rotation). Returns false, changing
    /// nothing, when no session has that refresh token.
    async fn rotate_session(
        &self,
        old_refresh: &TokenHash,
        new: &Session,
    ) -> Result<bool, StoreError>;

    /// Stores a login challenge.
    async fn create_challenge(&self, challenge: &Challenge) -> Result<(), StoreError>;

    /// Takes (deletes) the challenge of `thumbprint` with `key_hash`, once.
    async fn take_challenge(
        &self,
        thumbprint: &str,
        key_hash: &TokenHash,
        now: i64,
    ) -> Result<ChallengeOutcome, StoreError>;

    /// Deletes challenges lapsed at `now`; returns how many.
    async fn delete_expired_challenges(&self, now: i64) -> Result<u64, StoreError>;

    /// Streams `body` into a new content with a fresh id; the MD5 and the
    /// size are computed on the way. Holds a few MiB of memory whatever the
    /// size.
    ///
    /// Fails with [`StoreError::TooLarge`] as soon as more than `max_size`
    /// bytes have arrived, with [`StoreError::Body`] when `body` fails (a
    /// client that disconnects), and with [`StoreError::NotFound`] when the
    /// organisation does not exist. On any failure, and when the returned
    /// future is dropped before it completes, nothing becomes visible and
    /// nothing is left on disk.
    async fn put_content(
        &self,
        new: NewContent,
        body: ByteStream<'_>,
        max_size: u64,
    ) -> Result<ContentMeta, StoreError>;

    /// Replaces the bytes, name and type of content `id` of
    /// `new.organization`, atomically: readers see the old or the new
    /// content, never a mix. `Ok(None)`, with `body` left unread, when that
    /// organisation has no such content. Fails as [`Store::put_content`]
    /// does, leaving the old content in place.
    async fn replace_content(
        &self,
        id: Uuid,
        new: NewContent,
        body: ByteStream<'_>,
        max_size: u64,
    ) -> Result<Option<ContentMeta>, StoreError>;

    /// The description of content `id` of `organization`; `None` for an
    /// unknown id or another organisation's content.
    async fn content_meta(
        &self,
        organization: Uuid,
        id: Uuid,
    ) -> Result<Option<ContentMeta>, StoreError>;

    /// The description and the bytes of content `id` of `organization`, the
    /// bytes as a stream of chunks of at most [`CONTENT_CHUNK_SIZE`]. The
    /// stream is `'static` so that it can be an HTTP response body.
    ///
    /// The stream yields the version of the content that was current when
    /// it was opened. On SQLite it always completes; on PostgreSQL a
    /// replacement or deletion committed while it is being read makes it
    /// end with an `io::Error` of kind `NotFound` rather than yield bytes of
    /// another version.
    async fn open_content(
        &self,
        organization: Uuid,
        id: Uuid,
    ) -> Result<Option<(ContentMeta, ByteStream<'static>)>, StoreError>;

    /// Deletes content `id` of `organization`, metadata and bytes. Returns
    /// false when that organisation has no such content.
    async fn delete_content(&self, organization: Uuid, id: Uuid) -> Result<bool, StoreError>;

    // Uploads in parts. A content can also arrive in parts, each appended
    // to a staged, invisible upload under the id the content will have;
    // the last part makes it a content in one step. The default methods
    // are those of a store without such uploads (test doubles).

    /// The pending upload in parts of content `id` of `organization`.
    async fn upload_status(
        &self,
        organization: Uuid,
        id: Uuid,
    ) -> Result<Option<PendingUpload>, StoreError> {
        let _ = (organization, id);
        Ok(None)
    }

    /// Streams `body`, a part of at most `part_len` bytes, onto the end of
    /// the pending upload of content `id` of `new.organization`, and returns
    /// the upload as it then stands. A part at `start` 0 creates the upload
    /// when there is none (and names it with `new`); any other part must
    /// start where the staged bytes end, else [`StoreError::UploadOffset`]
    /// says where, before a byte of `body` is read. Ids are each
    /// organisation's own: another organisation's content or upload under
    /// the same id is neither seen nor touched.
    ///
    /// `total` is the content's whole length when the part announces it.
    /// The first one given binds the upload (a part at 0 of an upload that
    /// holds nothing sets it afresh): a part announcing another, or ending
    /// past it, is [`StoreError::UploadTotal`], before a byte of `body` is
    /// read, and what is staged stays.
    ///
    /// Bytes are kept as they arrive, in chunks of at most
    /// [`CONTENT_CHUNK_SIZE`], each committed with the upload's new length:
    /// when `body` fails ([`StoreError::Body`]) or goes on past `part_len`
    /// ([`StoreError::TooLarge`]), what came before stays staged. When the
    /// future is dropped mid-part, the chunks committed so far stay and the
    /// one being filled (under 1 MiB) is lost. Either way the upload's
    /// length is always a prefix of what was sent, and a new part can go on
    /// from it.
    async fn append_upload(
        &self,
        id: Uuid,
        new: NewContent,
        start: u64,
        body: ByteStream<'_>,
        part_len: u64,
        total: Option<u64>,
    ) -> Result<PendingUpload, StoreError> {
        let _ = (id, new, start, body, part_len, total);
        Err(StoreError::Unsupported("uploads in parts"))
    }

    /// Makes the pending upload of content `id` of `organization` a
    /// content, once it holds exactly `size` bytes (else
    /// [`StoreError::UploadOffset`] with what it holds). The MD5 is
    /// computed by reading the staged bytes back, a chunk at a time; then,
    /// in one transaction, the content appears — or replaces that
    /// organisation's content with this id, as
    /// [`Store::replace_content`] does — and the upload is gone. `Ok(None)`
    /// when there is no such upload.
    async fn complete_upload(
        &self,
        organization: Uuid,
        id: Uuid,
        size: u64,
    ) -> Result<Option<CompletedUpload>, StoreError> {
        let _ = (organization, id, size);
        Err(StoreError::Unsupported("uploads in parts"))
    }

    /// Drops the pending upload of content `id` of `organization` and its
    /// staged bytes. Returns false when there was none.
    async fn delete_upload(&self, organization: Uuid, id: Uuid) -> Result<bool, StoreError> {
        let _ = (organization, id);
        Ok(false)
    }

    /// Drops the pending uploads that have received nothing since
    /// `idle_since` (Unix seconds), with their staged bytes; returns how
    /// many.
    async fn expire_uploads(&self, idle_since: i64) -> Result<u64, StoreError> {
        let _ = idle_since;
        Ok(0)
    }
}

/// The current time in Unix seconds.
pub fn now_unix() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
