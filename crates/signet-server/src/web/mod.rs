//! The web page for people: signet's public face at `/`, for those who are
//! not programmers — an accountant checking a signed contract, an officer
//! checking a certificate.
//!
//! | route | what |
//! |---|---|
//! | `GET /` | the page (one HTML document) |
//! | `GET /assets/web/{file}` | its stylesheet, script and icon, embedded in the binary |
//! | `POST /web/verify` | multipart: a `signature` part, then an optional `document` part → a validation report for the page ([`report::PageReport`]) |
//! | `POST /web/certificate?lang=uk\|ru\|en` | a certificate (DER, PEM or base64) as the body → its fields for a person in that language ([`certificate::CertificateView`]) |
//!
//! Design:
//!
//! - No network and no build step: plain HTML, CSS and JavaScript under
//!   `crates/signet-server/assets/web/`, compiled in with `include_str!`.
//!   Asset URLs carry a hash of their content (`?v=…`), so they are cached
//!   for a year (`immutable`) while the page itself is revalidated
//!   (`no-cache`, with an ETag). Every answer of the page family carries a
//!   strict Content-Security-Policy (scripts and styles from signet only, no
//!   inline script, no framing) and `X-Content-Type-Options: nosniff`.
//! - `/web/verify` reads the `signature` part whole (at most
//!   `validate_max_body_bytes`, as `/v3/validate` accepts; an attached
//!   signature carries its document) and parses it, then streams the
//!   `document` part straight into the digests the signers use, on a
//!   blocking thread fed through a small channel: a document of any size
//!   (up to `content_max_bytes`, the Reestro upload limit, which is this
//!   route's body limit) is never held in memory. The page shows the
//!   upload's progress with XMLHttpRequest progress events; hashing keeps
//!   pace with the upload, so the report follows the last byte closely.
//! - The report's verdict is `valid` (every signer valid), `invalid` (a
//!   signature does not match the document or is broken, a certificate
//!   was expired, not yet valid or revoked at the validation time, a chain
//!   signature or CA constraint is broken, a time-stamp does not hold) or
//!   `indeterminate` (nothing is broken, but the chain does not lead to a
//!   root this service trusts, or a revocation status that is required
//!   could not be found) — the ETSI EN 319 102-1 sense of the words. Each
//!   signer's chain is drawn link by link from the signer to the trust
//!   anchor with each certificate's status (`valid`, `expired`, `revoked`,
//!   `unknown`, `untrusted`) and why, from
//!   [`signet_pki::SignerReport::links`]. Explanations come with
//!   a `code` the page words in the reader's language; `why` is the
//!   engine's English text, shown as the technical detail.
//! - `/web/certificate` words every field with the OID registry's Ukrainian,
//!   Russian and English descriptions, this module's labels, and the
//!   key-usage names Cipher BIS shares ([`crate::present::words`]); it
//!   returns the DER (base64) for the page to offer as a download.
//! - Unauthenticated, behind a per-client-address budget: the login
//!   budget's size (`auth_rate_per_client` requests a minute), counted
//!   apart from logins, for the two POST routes. Client errors answer 400
//!   (413 too large, 429 over budget) with `{"error": "…"}`; a 5xx means a
//!   real server fault.

pub mod assets;
pub mod certificate;
pub mod error;
pub mod report;
pub mod verify;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequestParts};
use axum::http::request::Parts;
use axum::routing::{get, post};

pub use self::error::{ErrorBody, WebError};
use crate::client_addr::ClientAddr;
use crate::config::ServerConfig;
use crate::family::body_limit;
use crate::rate_limit::RateLimiter;
use crate::state::AppState;

/// Bytes a multipart body may add around its parts (boundaries, part
/// headers).
const MULTIPART_OVERHEAD: usize = 64 * 1024;

/// The largest body `POST /web/verify` accepts: a document as large as a
/// Reestro upload, a signature as large as `/v3/validate` takes, and the
/// multipart framing.
pub fn verify_body_limit(config: &ServerConfig) -> usize {
    usize::try_from(config.content_max_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(config.validate_max_body_bytes)
        .saturating_add(MULTIPART_OVERHEAD)
}

/// The page's routes, with their body limits, their security headers and
/// their own request budget (one per router, counted apart from logins).
pub fn routes(config: &ServerConfig) -> Router<AppState> {
    let budget = PageBudget(Arc::new(RateLimiter::new(config.auth_rate_per_client)));
    // Only axum's own limit here: its Multipart then tells a body over
    // the limit (413) from a broken one (400); the handler checks
    // Content-Length up front.
    let verify = Router::new()
        .route("/web/verify", post(verify::verify))
        .layer(DefaultBodyLimit::max(verify_body_limit(config)));
    let small = Router::new()
        .route("/", get(assets::page))
        .route("/assets/web/{file}", get(assets::asset))
        .route("/web/certificate", post(certificate::certificate))
        .layer(body_limit(config.max_body_bytes));
    Router::new()
        .merge(verify)
        .merge(small)
        .layer(axum::Extension(budget))
        .layer(axum::middleware::map_response(assets::security_headers))
}

/// The page's requests per client address per minute.
#[derive(Clone)]
struct PageBudget(Arc<RateLimiter>);

/// One request of the client's page budget, spent: the extractor answers
/// 429 when the budget is spent.
pub struct WithinBudget;

impl FromRequestParts<AppState> for WithinBudget {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let Some(PageBudget(limiter)) = parts.extensions.get::<PageBudget>().cloned() else {
            return Err(WebError::internal(
                "the page's request budget is not set up",
            ));
        };
        let Ok(ClientAddr(ip)) = ClientAddr::from_request_parts(parts, state).await;
        if limiter.allow(&ip) {
            Ok(WithinBudget)
        } else {
            Err(WebError::too_many_requests(
                "too many requests from this address; try again in a minute",
            ))
        }
    }
}
