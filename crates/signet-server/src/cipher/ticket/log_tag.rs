//! How logs name a ticket. A ticket's UUID is its only credential (spec
//! 001: whoever names the UUID in the path uses the ticket, its key
//! container included), so it never reaches a log line; logs carry a tag
//! instead: `#` and the first 8 hex digits of the SHA-256 of the UUID in
//! its canonical form (lower-case, hyphenated), which tells one ticket's
//! requests apart from another's without letting anyone use it.

use std::borrow::Cow;

use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The prefix of every ticket path; the segment after it is the UUID.
const TICKET_PATHS: &str = "/api/v1/ticket/";

/// The tag of ticket `id` as a request names it: the tag of its canonical
/// UUID when it reads as one (as [`super::Tickets::get`] reads it), else of
/// the text itself, so that no form of a UUID is logged.
pub fn ticket_tag(id: &str) -> String {
    let digest = match Uuid::parse_str(id.trim()) {
        Ok(uuid) => Sha256::digest(uuid.hyphenated().to_string().as_bytes()),
        Err(_) => Sha256::digest(id.as_bytes()),
    };
    format!("#{}", hex::encode(&digest[..4]))
}

/// `path` as a log line may show it: a ticket path's UUID replaced by its
/// [`ticket_tag`], any other path unchanged.
pub fn path_for_log(path: &str) -> Cow<'_, str> {
    let Some(rest) = path.strip_prefix(TICKET_PATHS) else {
        return Cow::Borrowed(path);
    };
    let (id, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if id.is_empty() {
        return Cow::Borrowed(path);
    }
    Cow::Owned(format!("{TICKET_PATHS}{}{tail}", ticket_tag(id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_path_shows_the_tag_not_the_uuid() {
        let id = "67e55044-10b1-426f-9247-bb680e5fe0c8";
        let tag = ticket_tag(id);
        assert_eq!(tag.len(), 9);
        assert_eq!(
            path_for_log(&format!("/api/v1/ticket/{id}/ds/creator")),
            format!("/api/v1/ticket/{tag}/ds/creator")
        );
        assert_eq!(
            path_for_log(&format!("/api/v1/ticket/{id}")),
            format!("/api/v1/ticket/{tag}")
        );
        // Every spelling of one UUID has one tag.
        assert_eq!(ticket_tag(&id.to_uppercase()), tag);
        assert_eq!(ticket_tag(&id.replace('-', "")), tag);
        // Anything else in that place is hashed too, and differs.
        let odd = path_for_log("/api/v1/ticket/%2067e55044-10b1-426f-9247-bb680e5fe0c8/data");
        assert!(!odd.contains("67e55044"), "{odd}");
        for other in [
            "/api/v1/ticket",
            "/api/v1/ticket/",
            "/v3/validate",
            "/api/v1/protectedParameters/certificate",
        ] {
            assert_eq!(path_for_log(other), other);
        }
    }
}
