//! The handlers of the Kontur auth API (see the module documentation).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD as B64, URL_SAFE_NO_PAD as B64URL};
use serde::{Deserialize, Serialize};
use signet_pki::Certificate;
use signet_store::{Challenge, ChallengeOutcome, OrgIdentifiers, TokenHash, now_unix};
use utoipa::{IntoParams, ToSchema};

use super::error::AuthError;
use super::login_policy;
use crate::client_addr::ClientAddr;
use crate::json;
use crate::sessions::{self, Issued};
use crate::state::AppState;

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
        (status = 406, description = "The certificate is not valid (chain, dates, trust or revocation) or may not log in (a CA, key usage, extended key usage)", body = String),
        (status = 500, description = "Internal server error", body = String),
    ))]
pub async fn authenticate_by_cert(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    Query(query): Query<FreeQuery>,
    body: Bytes,
) -> Result<Json<AuthenticateResponse>, AuthError> {
    match query.free.as_deref() {
        Some("true" | "false" | "True" | "False") => {}
        Some(other) => {
            return Err(AuthError::BadRequest(format!(
                "free must be true or false, not {other:?}"
            )));
        }
        None => {
            return Err(AuthError::BadRequest(
                "the free parameter is required".into(),
            ));
        }
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(AuthError::BadRequest(
            "the request body must hold the certificate".into(),
        ));
    }
    if !state.auth_limits.per_client.allow(&ip) {
        return Err(AuthError::Forbidden(
            "too many login attempts from this address; try again in a minute".into(),
        ));
    }
    let cert = Certificate::parse(&body)
        .map_err(|e| AuthError::BadRequest(format!("the certificate cannot be read: {e}")))?;
    let thumbprint = cert.thumbprint_hex();
    if !state.auth_limits.per_certificate.allow(&thumbprint) {
        return Err(AuthError::Forbidden(
            "too many login attempts with this certificate; try again in a minute".into(),
        ));
    }
    // Who may log in, before any outbound fetch the chain check may cost.
    login_policy::check(cert.fields(), &state.config.login_eku)
        .map_err(|e| AuthError::NotAcceptable(e.to_string()))?;
    let checked = cert.clone();
    crate::outbound::run(&state.engine, move |engine, budget| {
        engine.check_certificate_within(&checked, budget)
    })
    .await
    .map_err(AuthError::internal)?
    .map_err(|e| AuthError::NotAcceptable(e.to_string()))?;

    // The key the client must decrypt and send back, as ASCII.
    let mut raw = zeroize::Zeroizing::new([0u8; 32]);
    aws_lc_rs::rand::fill(raw.as_mut())
        .map_err(|_| AuthError::internal("the random generator failed"))?;
    let key = zeroize::Zeroizing::new(B64URL.encode(raw.as_ref()));
    let enveloped =
        signet_pki::encrypt_enveloped(&cert, key.as_bytes(), None).map_err(|e| match e {
            // A key type that cannot receive encryption (Ed25519): the
            // certificate cannot log in, and the reason says so.
            signet_pki::EnvelopedError::Pki(signet_pki::PkiError::Unsupported(m)) => {
                AuthError::NotAcceptable(format!("not supported: {m}"))
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

/// A new session's answer: `{"Sid", "RefreshToken"}`, and the `auth.sid`
/// cookie for its lifetime.
fn session_answer(state: &AppState, issued: Issued) -> Response {
    let max_age = state.config.session_lifetime.as_secs();
    let cookie = HeaderValue::from_str(&format!(
        "auth.sid={}; Path=/; Max-Age={max_age}; HttpOnly; Secure; SameSite=Strict",
        issued.sid
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("auth.sid=; Max-Age=0"));
    let mut response = Json(ApproveResponse {
        sid: issued.sid,
        refresh_token: issued.refresh_token,
    })
    .into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    response
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
    Ok(session_answer(state, issued))
}

/// Grants the certificate every organisation whose INN, OGRN or EDRPOU it
/// carries — never a CA's: the identifiers in a CA's name are the CA's,
/// not its users' ([`login_policy`] also keeps CAs from logging in).
async fn grant_matching_organizations(
    state: &AppState,
    cert: &Certificate,
) -> Result<(), AuthError> {
    let f = cert.fields();
    if login_policy::is_ca(f) {
        tracing::warn!(thumbprint = %cert.thumbprint_hex(), "no organisation granted to a CA certificate");
        return Ok(());
    }
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
        .ok_or_else(|| AuthError::BadRequest("the thumbprint parameter is required".into()))?;
    let key = std::str::from_utf8(&body)
        .map(str::trim)
        .unwrap_or_default();
    if key.is_empty() {
        return Err(AuthError::BadRequest(
            "the request body must hold the decrypted key".into(),
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
            return Err(AuthError::Forbidden(
                "the key has expired; ask for a new one with authenticate-by-cert".into(),
            ));
        }
        ChallengeOutcome::Unknown => {
            return Err(AuthError::Forbidden(
                "the key is wrong or has already been used".into(),
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
        (status = 400, description = "No refresh token, or JSON naming a member twice", body = String),
        (status = 403, description = "Unknown, spent or lapsed refresh token", body = String),
    ))]
pub async fn refresh(State(state): State<AppState>, body: Bytes) -> Result<Response, AuthError> {
    // JSON `{RefreshToken}`, else the token as text; JSON naming a member
    // twice is refused (`crate::json`), not read as a token.
    let token = match json::from_slice::<serde_json::Value>(&body) {
        Err(e) if json::is_repeated_name(&e) => {
            return Err(AuthError::BadRequest(format!(
                "the request body is refused: {e}"
            )));
        }
        Ok(v) => serde_json::from_value::<RefreshRequest>(v)
            .ok()
            .map(|r| r.refresh_token),
        Err(_) => None,
    }
    .unwrap_or_else(|| String::from_utf8_lossy(&body).trim().to_owned());
    if token.is_empty() {
        return Err(AuthError::BadRequest(
            "the refresh token is required".into(),
        ));
    }
    let old_hash = TokenHash::of(&token);
    let old = state
        .store
        .session_by_refresh(&old_hash)
        .await
        .map_err(AuthError::store)?
        .filter(|s| now_unix() < s.expires_at)
        .ok_or_else(|| {
            AuthError::Forbidden("the refresh token is unknown, spent or expired".into())
        })?;
    let issued = sessions::issue(&state, &old.thumbprint, &old.subject)
        .map_err(|_| AuthError::internal("the random generator failed"))?;
    if !state
        .store
        .rotate_session(&old_hash, &issued.session)
        .await
        .map_err(AuthError::store)?
    {
        return Err(AuthError::Forbidden(
            "the refresh token is unknown, spent or expired".into(),
        ));
    }
    Ok(session_answer(&state, issued))
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
                .and_then(crate::api_key::bearer_token)
        })
        .ok_or_else(|| {
            AuthError::BadRequest(
                "no session: send the auth.sid cookie or Authorization: Bearer".into(),
            )
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
