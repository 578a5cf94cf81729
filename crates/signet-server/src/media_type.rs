//! The media type of a request body: `Content-Type`'s type and subtype
//! ([RFC 9110 section 8.3.1]), parameters aside, compared without regard
//! to case.
//!
//! [RFC 9110 section 8.3.1]: https://www.rfc-editor.org/rfc/rfc9110#section-8.3.1

use axum::http::HeaderMap;
use axum::http::header::CONTENT_TYPE;

/// Whether the body is `application/json` (with any parameters).
pub fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn typed(value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(CONTENT_TYPE, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn json_with_or_without_parameters() {
        assert!(is_json(&typed("application/json")));
        assert!(is_json(&typed("Application/JSON; charset=utf-8")));
        assert!(!is_json(&typed("application/octet-stream")));
        assert!(!is_json(&typed("application/json-seq")));
        assert!(!is_json(&HeaderMap::new()));
    }
}
