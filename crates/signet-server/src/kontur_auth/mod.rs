//! Kontur auth (spec 000): login by certificate.
//!
//! 1. `POST /auth/authenticate-by-cert?free=true|false` with the
//!    certificate in the body (base64 DER, with or without PEM armour and
//!    line breaks). The certificate must be one that may log in
//!    ([`login_policy`]: not a CA, key usage allowing encryption to the
//!    key, extended key usage allowing client authentication). It is
//!    checked — its chain to the trust store, validity now, revocation —
//!    by the validation engine; then a
//!    fresh random key (256 bits, as 43 ASCII characters of base64url) is
//!    encrypted to it as CMS EnvelopedData and returned as `EncryptedKey`
//!    with a link to step 2. Encryption follows the key type: GOST 28147-89
//!    key transport for GOST certificates (as the spec says), RSAES-OAEP
//!    with AES-256 for RSA, ECDH with AES key wrap for EC; any holder of the
//!    private key can decrypt with `openssl cms -decrypt`. `free` is
//!    required and must be `true` or `false`; signet has no paid tier, so
//!    both behave the same.
//! 2. `POST /auth/v5.9/approve-cert?thumbprint=…` with the decrypted key in
//!    the body answers `{"Sid", "RefreshToken"}` and sets the `auth.sid`
//!    cookie. The key is single-use and lapses after a configurable time
//!    (5 minutes by default). The certificate is granted the organisations
//!    whose INN, OGRN or EDRPOU it carries.
//! 3. `POST /auth/v5.9/refresh` with `{"RefreshToken": …}` (or the token as
//!    the body) answers a new `{"Sid", "RefreshToken"}`: the old pair is
//!    spent. `POST /auth/logout` ends the session named by the `auth.sid`
//!    cookie or `Authorization: Bearer`.
//!
//! Status codes as the spec: 400 a missing parameter or body; 403 a wrong,
//! reused or lapsed key, or too many attempts, with the reason in the body;
//! 406 a certificate that is not valid (bad chain signature, expired or
//! not yet valid, untrusted root, revoked or of unknown revocation status)
//! or may not log in ([`login_policy`]);
//! 500 only for real server faults. Error bodies are plain text.

pub mod error;
pub mod handlers;
pub mod login_policy;

use axum::Router;
use axum::routing::post;

pub use self::error::AuthError;
pub use self::handlers::{
    ApproveResponse, AuthenticateResponse, Link, approve_cert, authenticate_by_cert, logout,
    refresh,
};
use crate::config::ServerConfig;
use crate::family::body_limit;
use crate::state::AppState;

/// The family's routes, with the small body limit (`max_body_bytes`).
pub fn routes(config: &ServerConfig) -> Router<AppState> {
    Router::new()
        .route("/auth/authenticate-by-cert", post(authenticate_by_cert))
        .route("/auth/v5.9/approve-cert", post(approve_cert))
        .route("/auth/v5.9/refresh", post(refresh))
        .route("/auth/logout", post(logout))
        .layer(body_limit(config.max_body_bytes))
}
