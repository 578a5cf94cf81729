//! `Authorization: ReestroAuth auth.sid=<session id>&portal.orgid=<organisation id>`
//! (spec 002): the session must be live (401 otherwise) and the
//! organisation granted to the session's certificate (403 otherwise).
//!
//! [`OrgAccess`] is an extractor of the request's head: every handler of
//! the family names it before its body, so that axum runs it first and a
//! request without access is refused before a byte of its body is read.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use uuid::Uuid;

use super::error::ReestroError;
use crate::state::AppState;

/// Who is calling, for which organisation.
#[derive(Clone, Debug)]
pub struct OrgAccess {
    /// The organisation of `portal.orgid`.
    pub organization: Uuid,
    /// The thumbprint of the session's certificate.
    pub thumbprint: String,
}

impl FromRequestParts<AppState> for OrgAccess {
    type Rejection = ReestroError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ReestroError> {
        authorize(state, &parts.headers).await
    }
}

/// The `auth.sid` and `portal.orgid` of a ReestroAuth header value.
pub fn parse_header(value: &str) -> Option<(&str, &str)> {
    let (scheme, params) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("ReestroAuth") {
        return None;
    }
    let mut sid = None;
    let mut org = None;
    for pair in params.trim().split('&') {
        match pair.split_once('=') {
            Some(("auth.sid", v)) => sid = Some(v.trim()),
            Some(("portal.orgid", v)) => org = Some(v.trim()),
            _ => {}
        }
    }
    Some((
        sid.filter(|s| !s.is_empty())?,
        org.filter(|s| !s.is_empty())?,
    ))
}

/// Checks the header: 401 without a live session, 403 when the
/// organisation is not the session's.
async fn authorize(state: &AppState, headers: &HeaderMap) -> Result<OrgAccess, ReestroError> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            ReestroError::unauthorized(
                "Authorization: ReestroAuth auth.sid=…&portal.orgid=… is required",
            )
        })?;
    let (sid, org) = parse_header(value).ok_or_else(|| {
        ReestroError::unauthorized(
            "the Authorization header must be ReestroAuth auth.sid=…&portal.orgid=…",
        )
    })?;
    let session = crate::sessions::authenticate(state, sid)
        .await
        .map_err(ReestroError::unavailable)?
        .ok_or_else(|| ReestroError::unauthorized("the session is unknown or has expired"))?;
    let organization = Uuid::parse_str(org)
        .map_err(|_| ReestroError::forbidden("portal.orgid is not an organisation id"))?;
    let granted = state
        .store
        .granted_organizations(&session.thumbprint)
        .await
        .map_err(ReestroError::unavailable)?;
    if !granted.contains(&organization) {
        return Err(ReestroError::forbidden(
            "the session's certificate has no access to the organisation in portal.orgid",
        ));
    }
    Ok(OrgAccess {
        organization,
        thumbprint: session.thumbprint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_as_in_the_spec() {
        let v = "ReestroAuth auth.sid=717726209B543848879C33F2BDDAB9F8561EFAC465A5DC439193062C700FAFDA&portal.orgid=1269f58a-3d40-42e1-91ad-a4251566419c";
        assert_eq!(
            parse_header(v),
            Some((
                "717726209B543848879C33F2BDDAB9F8561EFAC465A5DC439193062C700FAFDA",
                "1269f58a-3d40-42e1-91ad-a4251566419c"
            ))
        );
        assert_eq!(parse_header("Bearer x"), None);
        assert_eq!(parse_header("ReestroAuth auth.sid=x"), None);
        assert_eq!(parse_header("ReestroAuth portal.orgid=y&auth.sid="), None);
    }
}
