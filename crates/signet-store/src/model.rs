//! The records the store keeps.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use uuid::Uuid;

/// An organisation: the owner of contents and the unit of access.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organization {
    /// Its id, as clients send it in `portal.orgid`.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// Russian INN of the legal entity (10 digits).
    pub inn: Option<String>,
    /// Russian OGRN.
    pub ogrn: Option<String>,
    /// Ukrainian EDRPOU code.
    pub edrpou: Option<String>,
    /// When it was created (Unix seconds).
    pub created_at: i64,
}

/// What is needed to create an organisation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewOrganization {
    /// Its name.
    pub name: String,
    /// Russian INN of the legal entity.
    pub inn: Option<String>,
    /// Russian OGRN.
    pub ogrn: Option<String>,
    /// Ukrainian EDRPOU code.
    pub edrpou: Option<String>,
}

/// Identifiers read from a certificate, to find the organisations it
/// belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrgIdentifiers {
    /// INN of the legal entity.
    pub inn: Option<String>,
    /// OGRN.
    pub ogrn: Option<String>,
    /// EDRPOU.
    pub edrpou: Option<String>,
}

/// The SHA-256 of a secret token (session id, refresh token). The store
/// only ever sees and keeps this hash, so a copy of the database does not
/// yield usable tokens.
#[derive(Clone, Copy)]
pub struct TokenHash([u8; 32]);

impl TokenHash {
    /// Hashes a token.
    pub fn of(token: &str) -> Self {
        TokenHash(Sha256::digest(token.as_bytes()).into())
    }

    pub(crate) fn to_hex(self) -> String {
        hex_lower(&self.0)
    }

    pub(crate) fn from_hex(s: &str) -> Option<Self> {
        if s.len() != 64 || !s.is_ascii() {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, b) in out.iter_mut().enumerate() {
            *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(TokenHash(out))
    }
}

impl PartialEq for TokenHash {
    /// Compared in constant time.
    fn eq(&self, other: &Self) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}

impl Eq for TokenHash {}

impl std::fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenHash(…)")
    }
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A login session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// Hash of the session id.
    pub id_hash: TokenHash,
    /// Hash of the refresh token.
    pub refresh_hash: TokenHash,
    /// SHA-1 thumbprint (upper-case hex) of the certificate that logged in.
    pub thumbprint: String,
    /// The certificate's subject, for logs and audit.
    pub subject: String,
    /// When it was created (Unix seconds).
    pub created_at: i64,
    /// When it was last used.
    pub last_seen_at: i64,
    /// When it lapses if not used again.
    pub idle_expires_at: i64,
    /// When it lapses whatever happens.
    pub expires_at: i64,
}

impl Session {
    /// A session of the certificate `thumbprint` opened at `now` (Unix
    /// seconds) that lapses after `idle` seconds unused or `lifetime`
    /// seconds in all; only the hashes of `sid` and `refresh_token` are
    /// kept.
    pub fn start(
        sid: &str,
        refresh_token: &str,
        thumbprint: &str,
        subject: &str,
        now: i64,
        idle: i64,
        lifetime: i64,
    ) -> Session {
        Session {
            id_hash: TokenHash::of(sid),
            refresh_hash: TokenHash::of(refresh_token),
            thumbprint: thumbprint.to_owned(),
            subject: subject.to_owned(),
            created_at: now,
            last_seen_at: now,
            idle_expires_at: now.saturating_add(idle),
            expires_at: now.saturating_add(lifetime),
        }
    }

    /// Whether the session is still valid at `now`.
    pub fn is_live(&self, now: i64) -> bool {
        now < self.idle_expires_at && now < self.expires_at
    }
}

/// A pending login-by-certificate challenge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    /// SHA-1 thumbprint (upper-case hex) of the certificate.
    pub thumbprint: String,
    /// Hash of the random key that was encrypted to the certificate.
    pub key_hash: TokenHash,
    /// The certificate's DER.
    pub certificate: Vec<u8>,
    /// When it was issued (Unix seconds).
    pub created_at: i64,
    /// When it lapses.
    pub expires_at: i64,
}

/// What taking a challenge found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChallengeOutcome {
    /// The key was right and unused: here is the certificate. The challenge
    /// is gone.
    Accepted(Vec<u8>),
    /// The key was right but too late. The challenge is gone.
    Expired,
    /// No such key for this certificate: wrong, or already used.
    Unknown,
}

/// What the uploader says about a content (a document or a detached
/// signature).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewContent {
    /// The organisation that owns it.
    pub organization: Uuid,
    /// Its file name, as uploaded.
    pub name: String,
    /// Its media type, as uploaded (`application/pdf`, …).
    pub content_type: String,
}

/// A stored content's description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentMeta {
    /// Its id: a fresh UUID v4 given at upload, kept across replacements.
    pub id: Uuid,
    /// The organisation that owns it.
    pub organization: Uuid,
    /// Its file name.
    pub name: String,
    /// Its media type.
    pub content_type: String,
    /// The MD5 of its bytes ([RFC 1321]), computed while they were stored.
    ///
    /// [RFC 1321]: https://datatracker.ietf.org/doc/html/rfc1321
    pub md5: [u8; 16],
    /// Its length in bytes.
    pub size: u64,
    /// When it was first uploaded (Unix seconds); a replacement keeps it.
    pub created_at: i64,
}

/// An upload in parts that has not completed yet: its bytes are staged,
/// invisible to every reader of contents, until the last part arrives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingUpload {
    /// The id the content will have (chosen by the uploader, or the id of
    /// the content it will replace).
    pub id: Uuid,
    /// The organisation that owns it.
    pub organization: Uuid,
    /// The file name given with the first part.
    pub name: String,
    /// The media type given with the first part.
    pub content_type: String,
    /// How many bytes are staged: the next part must start at this offset.
    pub received: u64,
    /// The content's whole length, as the first part that gave one
    /// announced it (`None` while every part said `*`); it binds the
    /// parts that follow.
    pub total: Option<u64>,
    /// When the first part arrived (Unix seconds).
    pub created_at: i64,
    /// When bytes last arrived (Unix seconds); idle uploads expire from it.
    pub updated_at: i64,
}

/// What completing an upload in parts made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletedUpload {
    /// The content, now visible.
    pub meta: ContentMeta,
    /// Whether it replaced a content with the same id (else it is new).
    pub replaced: bool,
}
