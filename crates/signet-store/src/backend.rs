//! The SQLite and PostgreSQL back ends.
//!
//! The two implementations share their SQL and their code, written once in
//! the `impl_store!` macro: sqlx's `Sqlite` and `Postgres` types differ, but
//! every statement here is valid in both dialects.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::Row;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use uuid::Uuid;

use crate::model::{
    Challenge, ChallengeOutcome, NewOrganization, OrgIdentifiers, Organization, Session, TokenHash,
};
use crate::{Backend, Store, StoreError, now_unix};

/// How long a request waits for a database connection before the store is
/// reported unavailable.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// The SQLite back end.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
}

/// The PostgreSQL back end.
#[derive(Clone, Debug)]
pub struct PgStore {
    pool: PgPool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` and brings
    /// its schema up to date.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(ACQUIRE_TIMEOUT);
        Self::with_options(options).await
    }

    /// Opens a database from a `sqlite:` URL.
    pub async fn open_url(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(ACQUIRE_TIMEOUT);
        Self::with_options(options).await
    }

    async fn with_options(options: SqliteConnectOptions) -> Result<Self, StoreError> {
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await?;
        sqlx::migrate!("migrations/sqlite").run(&pool).await?;
        Ok(SqliteStore { pool })
    }
}

impl PgStore {
    /// Connects to PostgreSQL and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        Self::with_options(PgConnectOptions::from_str(url)?).await
    }

    /// Connects with explicit options (tests use this to put each run in
    /// its own schema through `search_path`).
    pub async fn with_options(options: PgConnectOptions) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await?;
        sqlx::migrate!("migrations/postgres").run(&pool).await?;
        Ok(PgStore { pool })
    }
}

/// Opens the store a database URL names: `sqlite:PATH` (or a bare path)
/// or `postgres://…`.
pub async fn open(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::connect(url).await?))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open_url(url).await?))
    } else if !url.contains("://") {
        Ok(Arc::new(SqliteStore::open(Path::new(url)).await?))
    } else {
        Err(StoreError::UnsupportedUrl(url.to_owned()))
    }
}

fn parse_uuid(s: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(s).map_err(|e| StoreError::Corrupt(format!("organization id {s:?}: {e}")))
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

fn blank_to_none(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

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

macro_rules! impl_store {
    ($store:ty, $backend:expr, $row:ty) => {
        impl $store {
            fn org_from_row(row: &$row) -> Result<Organization, StoreError> {
                Ok(Organization {
                    id: parse_uuid(&row.try_get::<String, _>("id")?)?,
                    name: row.try_get("name")?,
                    inn: row.try_get("inn")?,
                    ogrn: row.try_get("ogrn")?,
                    edrpou: row.try_get("edrpou")?,
                    created_at: row.try_get("created_at")?,
                })
            }

            fn session_from_row(row: &$row, id_hash: TokenHash) -> Result<Session, StoreError> {
                // Only the hashes' hex is stored; the TokenHash values are
                // rebuilt from what the caller asked with, and the refresh
                // hash from its hex.
                let refresh_hex: String = row.try_get("refresh_hash")?;
                Ok(Session {
                    id_hash,
                    refresh_hash: TokenHash::from_hex(&refresh_hex)
                        .ok_or_else(|| StoreError::Corrupt("refresh hash".into()))?,
                    thumbprint: row.try_get("thumbprint")?,
                    subject: row.try_get("subject")?,
                    created_at: row.try_get("created_at")?,
                    last_seen_at: row.try_get("last_seen_at")?,
                    idle_expires_at: row.try_get("idle_expires_at")?,
                    expires_at: row.try_get("expires_at")?,
                })
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
                row.as_ref().map(Self::org_from_row).transpose()
            }

            async fn organizations(&self) -> Result<Vec<Organization>, StoreError> {
                let rows = sqlx::query(concat!("SELECT ", org_columns!(), " FROM organizations ORDER BY created_at, id"))
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(Self::org_from_row).collect()
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
                rows.iter().map(Self::org_from_row).collect()
            }

            async fn grant(&self, organization: Uuid, thumbprint: &str) -> Result<bool, StoreError> {
                if self.organization(organization).await?.is_none() {
                    return Err(StoreError::NotFound {
                        what: format!("organization {organization}"),
                    });
                }
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
                    .map(|r| parse_uuid(&r.try_get::<String, _>("organization_id")?))
                    .collect()
            }

            async fn create_session(&self, s: &Session) -> Result<(), StoreError> {
                sqlx::query(concat!("INSERT INTO sessions (", session_columns!(), ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"))
                .bind(s.id_hash.to_hex())
                .bind(s.refresh_hash.to_hex())
                .bind(&s.thumbprint)
                .bind(&s.subject)
                .bind(s.created_at)
                .bind(s.last_seen_at)
                .bind(s.idle_expires_at)
                .bind(s.expires_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn session(&self, id_hash: &TokenHash) -> Result<Option<Session>, StoreError> {
                let row = sqlx::query(concat!("SELECT ", session_columns!(), " FROM sessions WHERE id_hash = $1"))
                .bind(id_hash.to_hex())
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref()
                    .map(|r| Self::session_from_row(r, *id_hash))
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
                        let id_hex: String = r.try_get("id_hash")?;
                        let id = TokenHash::from_hex(&id_hex).ok_or_else(|| StoreError::Corrupt("session hash".into()))?;
                        Self::session_from_row(&r, id).map(Some)
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
                sqlx::query(concat!("INSERT INTO sessions (", session_columns!(), ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"))
                    .bind(new.id_hash.to_hex())
                    .bind(new.refresh_hash.to_hex())
                    .bind(&new.thumbprint)
                    .bind(&new.subject)
                    .bind(new.created_at)
                    .bind(new.last_seen_at)
                    .bind(new.idle_expires_at)
                    .bind(new.expires_at)
                    .execute(&mut *tx)
                    .await?;
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
                let expires_at: i64 = row.try_get("expires_at")?;
                if now >= expires_at {
                    return Ok(ChallengeOutcome::Expired);
                }
                let cert: String = row.try_get("certificate")?;
                base64_decode(&cert)
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
        }
    };
}

impl_store!(SqliteStore, Backend::Sqlite, sqlx::sqlite::SqliteRow);
impl_store!(PgStore, Backend::Postgres, sqlx::postgres::PgRow);
