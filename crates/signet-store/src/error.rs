//! The one error type of the store layer.

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database cannot be reached or answered with an I/O fault: the
    /// service is unavailable, not the request wrong.
    #[error("the store is unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    /// A query failed for another reason (a bug or a schema mismatch).
    #[error("store query failed: {0}")]
    Query(#[source] sqlx::Error),
    /// Schema migration failed at start.
    #[error("store migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// The database URL is not one signet supports.
    #[error("unsupported database URL {0:?}: use sqlite:PATH or postgres://…")]
    UnsupportedUrl(String),
    /// Something referred to does not exist.
    #[error("{what} not found")]
    NotFound {
        /// What was missing ("organization 1f…").
        what: String,
    },
    /// A stored value could not be read back.
    #[error("stored value is corrupt: {0}")]
    Corrupt(String),
    /// An upload went past its size limit. Nothing of it was kept.
    #[error("the content is larger than {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The upload's body failed before its end (typically the client went
    /// away). Nothing of it was kept — except for a part of an upload in
    /// parts ([`Store::append_upload`](crate::Store::append_upload)), whose
    /// bytes that arrived stay staged.
    #[error("the upload was interrupted: {0}")]
    Body(#[source] std::io::Error),
    /// A part of an upload in parts does not start where the bytes staged
    /// so far end; nothing of it was read.
    #[error("the part must start at byte {expected}")]
    UploadOffset {
        /// How many bytes are staged (0 when there is no such upload).
        expected: u64,
    },
    /// A part of an upload in parts announces another TOTAL than the one
    /// an earlier part bound the upload to, or ends past it; nothing of it
    /// was read.
    #[error("the upload is {total} bytes long, as an earlier part announced")]
    UploadTotal {
        /// The TOTAL the upload is bound to.
        total: u64,
    },
    /// This store does not do what was asked (a store written for tests).
    #[error("the store does not support {0}")]
    Unsupported(&'static str),
    /// Reading or writing content files failed (disk full, permissions…).
    #[error("content storage failed: {0}")]
    Blob(#[source] std::io::Error),
    /// The database's disk (or its size limit) is full: PostgreSQL's
    /// `disk_full` (SQLSTATE 53100), SQLite's `SQLITE_FULL`. Nothing of
    /// the operation was kept.
    #[error("the database is full: {0}")]
    Full(#[source] sqlx::Error),
    /// The store has nowhere to keep content bytes: an in-memory SQLite
    /// database has no directory for its blob files.
    #[error("an in-memory SQLite database cannot keep contents: use sqlite:PATH")]
    NoBlobDirectory,
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => StoreError::Unavailable(e),
            sqlx::Error::Database(ref db) => {
                let code = db.code().unwrap_or_default();
                match DatabaseFault::of(&code) {
                    Some(DatabaseFault::Full) => StoreError::Full(e),
                    Some(DatabaseFault::Unavailable) => StoreError::Unavailable(e),
                    None => StoreError::Query(e),
                }
            }
            other => StoreError::Query(other),
        }
    }
}

/// What a database error code says about the database rather than the
/// query.
#[derive(Debug, PartialEq, Eq)]
enum DatabaseFault {
    Full,
    Unavailable,
}

impl DatabaseFault {
    /// `code` is PostgreSQL's SQLSTATE (five characters: PostgreSQL
    /// documentation, Appendix A "PostgreSQL Error Codes") or SQLite's
    /// extended result code in decimal (sqlite.org/rescode.html: the
    /// primary code is its low 8 bits).
    fn of(code: &str) -> Option<DatabaseFault> {
        // SQLSTATEs are five characters; SQLite's codes have at most four
        // digits (the largest extended code is below 10 000).
        if code.len() == 5 {
            return match code {
                // disk_full
                "53100" => Some(DatabaseFault::Full),
                // Class 08 connection exception, class 53 insufficient
                // resources (out of memory, too many connections), class
                // 57 operator intervention (admin/crash shutdown, cannot
                // connect now), class 58 system error (I/O).
                _ if ["08", "53", "57", "58"].contains(&&code[..2]) => {
                    Some(DatabaseFault::Unavailable)
                }
                _ => None,
            };
        }
        let primary = code.parse::<u32>().ok()? & 0xff;
        match primary {
            // SQLITE_FULL
            13 => Some(DatabaseFault::Full),
            // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_IOERR,
            // SQLITE_CANTOPEN
            5 | 6 | 7 | 10 | 14 => Some(DatabaseFault::Unavailable),
            _ => None,
        }
    }
}

impl StoreError {
    /// Whether the failure is the store being down or overloaded rather
    /// than a fault in the request or in signet.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_))
    }
}

#[cfg(test)]
mod tests {
    use super::DatabaseFault;

    #[test]
    fn database_codes_are_classified() {
        for (code, fault) in [
            // PostgreSQL SQLSTATEs.
            ("53100", Some(DatabaseFault::Full)),
            ("57P01", Some(DatabaseFault::Unavailable)),
            ("57P03", Some(DatabaseFault::Unavailable)),
            ("08006", Some(DatabaseFault::Unavailable)),
            ("53300", Some(DatabaseFault::Unavailable)),
            ("58030", Some(DatabaseFault::Unavailable)),
            ("23505", None),
            ("42P01", None),
            ("40001", None),
            // SQLite result codes, primary and extended.
            ("13", Some(DatabaseFault::Full)),
            ("5", Some(DatabaseFault::Unavailable)),
            ("517", Some(DatabaseFault::Unavailable)),
            ("266", Some(DatabaseFault::Unavailable)),
            ("2067", None),
            ("19", None),
            ("", None),
            ("garbage", None),
        ] {
            assert_eq!(DatabaseFault::of(code), fault, "{code:?}");
        }
    }
}
