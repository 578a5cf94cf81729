//! signet's store: organisations, grants and sessions behind one trait,
//! with two back ends on sqlx — SQLite (the embedded default) and
//! PostgreSQL (shared by several instances).
//!
//! Both back ends run the same SQL: identifiers are text, times are Unix
//! seconds in BIGINT, and parameters are written `$N`, which SQLite also
//! understands. Each back end has its own migration folder so that later
//! schema changes can differ where the two databases do.

mod backend;
mod error;
mod model;

use async_trait::async_trait;
use uuid::Uuid;

pub use backend::{PgStore, SqliteStore, open};
pub use error::StoreError;
pub use model::{
    Challenge, ChallengeOutcome, NewOrganization, OrgIdentifiers, Organization, Session, TokenHash,
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
}

/// The current time in Unix seconds.
pub fn now_unix() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
