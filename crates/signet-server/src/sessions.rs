//! Login sessions: opening one for a certificate, and recognising the
//! session id a request carries (the `auth.sid` cookie, `Authorization:
//! Bearer <sid>`, or Reestro's `auth.sid=` parameter).
//!
//! Ids and refresh tokens are 256 bits from the OS random generator, shown
//! as upper-case hex like the vendor's `auth.sid`; the store keeps only
//! their SHA-256. A session lapses when unused for the idle time or, in any
//! case, after its lifetime.

use std::time::Duration;

use signet_store::{Session, StoreError, TokenHash, now_unix};

use crate::state::AppState;

/// A fresh 256-bit token as 64 upper-case hex digits.
pub fn new_token() -> Result<String, aws_lc_rs::error::Unspecified> {
    let mut bytes = zeroize::Zeroizing::new([0u8; 32]);
    aws_lc_rs::rand::fill(bytes.as_mut())?;
    Ok(hex::encode_upper(bytes.as_ref()))
}

/// A new session's id and refresh token, as given to the client once.
pub struct Issued {
    /// The session id.
    pub sid: String,
    /// The refresh token.
    pub refresh_token: String,
    /// The stored record.
    pub session: Session,
}

fn secs(d: Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX)
}

/// Makes (but does not store) a session for the certificate with
/// `thumbprint` and `subject`.
pub fn issue(
    state: &AppState,
    thumbprint: &str,
    subject: &str,
) -> Result<Issued, aws_lc_rs::error::Unspecified> {
    let now = now_unix();
    let sid = new_token()?;
    let refresh_token = new_token()?;
    let c = &state.config;
    let session = Session::start(
        &sid,
        &refresh_token,
        thumbprint,
        subject,
        now,
        secs(c.session_idle),
        secs(c.session_lifetime),
    );
    Ok(Issued {
        sid,
        refresh_token,
        session,
    })
}

/// The live session `sid` names, its idle expiry pushed forward; `None`
/// when unknown or lapsed.
pub async fn authenticate(state: &AppState, sid: &str) -> Result<Option<Session>, StoreError> {
    let hash = TokenHash::of(sid.trim());
    let Some(session) = state.store.session(&hash).await? else {
        return Ok(None);
    };
    let now = now_unix();
    if !session.is_live(now) {
        return Ok(None);
    }
    let idle = now.saturating_add(secs(state.config.session_idle));
    // Touching at most once a minute keeps the store's write load low.
    if now - session.last_seen_at >= 60 {
        state.store.touch_session(&hash, now, idle).await?;
    }
    Ok(Some(session))
}

/// The value of the `auth.sid` cookie in a `Cookie` header.
pub fn sid_cookie(cookie_header: &str) -> Option<&str> {
    cookie_header
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == "auth.sid")
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bit_hex_and_differ() {
        let a = new_token().expect("rng");
        let b = new_token().expect("rng");
        assert_eq!(a.len(), 64);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())
        );
        assert_ne!(a, b);
    }

    #[test]
    fn cookie_is_found_among_others() {
        assert_eq!(sid_cookie("a=1; auth.sid=ABC; b=2"), Some("ABC"));
        assert_eq!(sid_cookie("auth.sid="), None);
        assert_eq!(sid_cookie("x.auth.sid=1"), None);
    }
}
