//! The handlers of the Kontur auth API (see the module documentation).

use std::net::SocketAddr;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD as B64, URL_SAFE_NO_PAD as B64URL};
use serde::{Deserialize, Serialize};
use signet_pki::Certificate;
use signet_store::{Challenge, ChallengeOutcome, OrgIdentifiers, TokenHash, now_unix};
use utoipa::{IntoParams, ToSchema};

use crate::sessions;
use crate::state::AppState;

/// An error of the auth API: a status and a plain-text reason.
#[derive(Debug)]
pub struct AuthError(StatusCode, String);

impl AuthError {
    fn bad_request(m: impl Into<String>) -> Self {
        AuthError(StatusCode::BAD_REQUEST, m.into())
    }
    fn forbidden(m: impl Into<String>) -> Self {
        AuthError(StatusCode::FORBIDDEN, m.into())
    }
    fn not_acceptable(m: impl Into<String>) -> Self {
        AuthError(StatusCode::NOT_ACCEPTABLE, m.into())
    }
    /// A store failure: 503 when the database is down or overloaded (the
    /// client may retry), 500 otherwise; the cause is logged, not shown.
    fn store(e: signet_store::StoreError) -> Self {
        if e.is_unavailable() {
            tracing::error!(cause = %e, "auth request failed: the store is unavailable");
            AuthError(
                StatusCode::SERVICE_UNAVAILABLE,
                "the service is unavailable, try again later".into(),
            )
        } else {
            Self::internal(e)
        }
    }
    fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "auth request failed");
        AuthError(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal server error".into(),
        )
    }
}

impl IntoResponse for AuthError {
    fn into_response(self) -> Response {
        let mut r = (self.0, self.1).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        r
    }
}

/// `?free=true|false`.
#[derive(Debug, Deserialize, IntoParams)]
pub struct FreeQuery {
    /// Required; `true` or `false` (signet treats both the same).
    free: Option<String>,
}

/// `?thumbprint=…`.
#[derive(Debug, Deserialize, IntoParams)]
pub struct ThumbprintQuery {
    /// SHA-1 thumbprint of the certificate, hex.
    thumbprint: Option<String>,
}

/// Where to send the decrypted key.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Link {
    /// "Send decrypted key to this link".
    pub rel: String,
    /// The approve-cert URL with the thumbprint.
    pub href: String,
}

/// The answer of authenticate-by-cert.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "PascalCase")]
pub struct AuthenticateResponse {
    /// The key, encrypted to the certificate: CMS EnvelopedData, base64.
    pub encrypted_key: String,
    /// The next step.
    pub link: Link,
}

/// A new session.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ApproveResponse {
    /// The session id: `auth.sid`, or `Authorization: Bearer`.
    pub sid: String,
    /// Spend it at /auth/v5.9/refresh for a new session.
    pub refresh_token: String,
}

/// Get a key encrypted to your certificate.
#[utoipa::path(post, path = "/auth/authenticate-by-cert", tag = "kontur-auth",
    params(FreeQuery),
    request_body(content = String, content_type = "text/plain", description = "The certificate, base64 (PEM armour and line breaks allowed)"),
    responses(
        (status = 200, description = "The key, encrypted to the certificate", body = AuthenticateResponse),
        (status = 400, description = "Missing parameter or body, or not a certificate", body = String),
        (status = 403, description = "Too many attempts", body = String),
        (status = 406, description = "The certificate is not valid: chain, dates, trust or revocation", body = String),
        (status = 500, description = "Internal server error", body = String),
    ))]
pub async fn authenticate_by_cert(
    State(state): State<AppState>,
    connect: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Query(query): Query<FreeQuery>,
    body: Bytes,
) -> Result<Json<AuthenticateResponse>, AuthError> {
    match query.free.as_deref() {
        Some("true" | "false" | "True" | "False") => {}
        Some(other) => {
            return Err(AuthError::bad_request(format!(
                "free must be true or false, not {other:?}"
            )));
        }
        None => return Err(AuthError::bad_request("the free parameter is required")),
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(AuthError::bad_request(
            "the request body must hold the certificate",
        ));
    }
    let ip = crate::client_addr::client_ip(
        &state.config.trusted_proxies,
        connect.as_ref().map(|c| &c.0),
        &headers,
    );
    if !state.auth_limits.per_client.allow(&ip) {
        return Err(AuthError::forbidden(
            "too many login attempts from this address; try again in a minute",
        ));
    }
    let cert = Certificate::parse(&body)
        .map_err(|e| AuthError::bad_request(format!("the certificate cannot be read: {e}")))?;
    let thumbprint = cert.thumbprint_hex();
    if !state.auth_limits.per_certificate.allow(&thumbprint) {
        return Err(AuthError::forbidden(
            "too many login attempts with this certificate; try again in a minute",
        ));
    }
    let engine = state.engine.clone();
    let checked = cert.clone();
    tokio::task::spawn_blocking(move || engine.check_certificate(&checked))
        .await
        .map_err(AuthError::internal)?
        .map_err(|e| AuthError::not_acceptable(e.to_string()))?;

    // The key the client must decrypt and send back, as ASCII.
    let mut raw = zeroize::Zeroizing::new([0u8; 32]);
    aws_lc_rs::rand::fill(raw.as_mut())
        .map_err(|_| AuthError::internal("the random generator failed"))?;
    let key = zeroize::Zeroizing::new(B64URL.encode(raw.as_ref()));
    let enveloped =
        signet_pki::cms::encrypt_to(&cert, key.as_bytes(), None).map_err(|e| match e {
            // A key type that cannot receive encryption (Ed25519): the
            // certificate cannot log in, and the reason says so.
            signet_pki::cms::EnvelopedError::Pki(signet_pki::PkiError::Unsupported(m)) => {
                AuthError::not_acceptable(format!("not supported: {m}"))
            }
            other => AuthError::internal(other),
        })?;
    let now = now_unix();
    let ttl = i64::try_from(state.config.auth_key_ttl.as_secs()).unwrap_or(300);
    state
        .store
        .create_challenge(&Challenge {
            thumbprint: thumbprint.clone(),
            key_hash: TokenHash::of(&key),
            certificate: cert.der().to_vec(),
            created_at: now,
            expires_at: now.saturating_add(ttl),
        })
        .await
        .map_err(AuthError::store)?;
    tracing::info!(%thumbprint, "login challenge issued");
    Ok(Json(AuthenticateResponse {
        encrypted_key: B64.encode(enveloped),
        link: Link {
            rel: "Send decrypted key to this link".into(),
            href: format!(
                "{}/auth/v5.9/approve-cert?thumbprint={thumbprint}",
                state.config.public_url
            ),
        },
    }))
}

fn session_cookie(state: &AppState, sid: &str) -> HeaderValue {
    let max_age = state.config.session_lifetime.as_secs();
    HeaderValue::from_str(&format!(
        "auth.sid={sid}; Path=/; Max-Age={max_age}; HttpOnly; Secure; SameSite=Strict"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("auth.sid=; Max-Age=0"))
}

async fn open_session(state: &AppState, cert: &Certificate) -> Result<Response, AuthError> {
    let fields = cert.fields();
    let issued = sessions::issue(state, &cert.thumbprint_hex(), &fields.subject.to_string())
        .map_err(|_| AuthError::internal("the random generator failed"))?;
    state
        .store
        .create_session(&issued.session)
        .await
        .map_err(AuthError::store)?;
    grant_matching_organizations(state, cert).await?;
    let mut response = Json(ApproveResponse {
        sid: issued.sid.clone(),
        refresh_token: issued.refresh_token,
    })
    .into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session_cookie(state, &issued.sid));
    Ok(response)
}

/// Grants the certificate every organisation whose INN, OGRN or EDRPOU it
/// carries.
async fn grant_matching_organizations(
    state: &AppState,
    cert: &Certificate,
) -> Result<(), AuthError> {
    let f = cert.fields();
    let ru = f.ru_identity();
    let ua = f.ua_identity();
    let ids = OrgIdentifiers {
        inn: ru.organization_inn,
        ogrn: ru.ogrn,
        edrpou: ua.edrpou,
    };
    let thumbprint = cert.thumbprint_hex();
    for org in state
        .store
        .organizations_matching(&ids)
        .await
        .map_err(AuthError::store)?
    {
        if state
            .store
            .grant(org.id, &thumbprint)
            .await
            .map_err(AuthError::store)?
        {
            tracing::info!(%thumbprint, org = %org.id, "organisation granted by certificate identifiers");
        }
    }
    Ok(())
}

/// Send the decrypted key; get a session.
#[utoipa::path(post, path = "/auth/v5.9/approve-cert", tag = "kontur-auth",
    params(ThumbprintQuery),
    request_body(content = String, content_type = "text/plain", description = "The decrypted key, as it was decrypted"),
    responses(
        (status = 200, description = "A session; also set as the auth.sid cookie", body = ApproveResponse),
        (status = 400, description = "Missing thumbprint or body", body = String),
        (status = 403, description = "The key is wrong, already used or lapsed", body = String),
        (status = 500, description = "Internal server error", body = String),
    ))]
pub async fn approve_cert(
    State(state): State<AppState>,
    Query(query): Query<ThumbprintQuery>,
    body: Bytes,
) -> Result<Response, AuthError> {
    let thumbprint = query
        .thumbprint
        .map(|t| t.trim().to_ascii_uppercase())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| AuthError::bad_request("the thumbprint parameter is required"))?;
    let key = std::str::from_utf8(&body)
        .map(str::trim)
        .unwrap_or_default();
    if key.is_empty() {
        return Err(AuthError::bad_request(
            "the request body must hold the decrypted key",
        ));
    }
    let outcome = state
        .store
        .take_challenge(&thumbprint, &TokenHash::of(key), now_unix())
        .await
        .map_err(AuthError::store)?;
    let der = match outcome {
        ChallengeOutcome::Accepted(der) => der,
        ChallengeOutcome::Expired => {
            return Err(AuthError::forbidden(
                "the key has expired; ask for a new one with authenticate-by-cert",
            ));
        }
        ChallengeOutcome::Unknown => {
            return Err(AuthError::forbidden(
                "the key is wrong or has already been used",
            ));
        }
    };
    let cert = Certificate::from_der(der).map_err(AuthError::internal)?;
    open_session(&state, &cert).await
}

/// The refresh request.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "PascalCase")]
pub struct RefreshRequest {
    /// The refresh token of the session to extend.
    #[serde(alias = "refreshToken")]
    pub refresh_token: String,
}

/// Spend a refresh token for a new session.
#[utoipa::path(post, path = "/auth/v5.9/refresh", tag = "kontur-auth",
    request_body(content = RefreshRequest, description = "Or the token alone as text/plain"),
    responses(
        (status = 200, description = "A new session; the old one and its refresh token are spent", body = ApproveResponse),
        (status = 400, description = "No refresh token", body = String),
        (status = 403, description = "Unknown, spent or lapsed refresh token", body = String),
    ))]
pub async fn refresh(State(state): State<AppState>, body: Bytes) -> Result<Response, AuthError> {
    let token = serde_json::from_slice::<RefreshRequest>(&body)
        .map(|r| r.refresh_token)
        .unwrap_or_else(|_| String::from_utf8_lossy(&body).trim().to_owned());
    if token.is_empty() {
        return Err(AuthError::bad_request("the refresh token is required"));
    }
    let old_hash = TokenHash::of(&token);
    let old = state
        .store
        .session_by_refresh(&old_hash)
        .await
        .map_err(AuthError::store)?
        .filter(|s| now_unix() < s.expires_at)
        .ok_or_else(|| AuthError::forbidden("the refresh token is unknown, spent or expired"))?;
    let issued = sessions::issue(&state, &old.thumbprint, &old.subject)
        .map_err(|_| AuthError::internal("the random generator failed"))?;
    if !state
        .store
        .rotate_session(&old_hash, &issued.session)
        .await
        .map_err(AuthError::store)?
    {
        return Err(AuthError::forbidden(
            "the refresh token is unknown, spent or expired",
        ));
    }
    let mut response = Json(ApproveResponse {
        sid: issued.sid.clone(),
        refresh_token: issued.refresh_token,
    })
    .into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&state, &issued.sid));
    Ok(response)
}

/// End the session.
#[utoipa::path(post, path = "/auth/logout", tag = "kontur-auth",
    responses(
        (status = 204, description = "The session is ended"),
        (status = 400, description = "No session named", body = String),
    ))]
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AuthError> {
    let sid = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(sessions::sid_cookie)
        .or_else(|| {
            headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(crate::auth::bearer_token)
        })
        .ok_or_else(|| {
            AuthError::bad_request("no session: send the auth.sid cookie or Authorization: Bearer")
        })?;
    state
        .store
        .delete_session(&TokenHash::of(sid))
        .await
        .map_err(AuthError::store)?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("auth.sid=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict"),
    );
    Ok(response)
}
