//! Which of signet's languages a request asks for, from its
//! `Accept-Language` header ([RFC 9110 section 12.5.4]).
//!
//! The language ranges are read in the order the client lists them and the
//! first one signet speaks wins (see [`Lang::parse`]: `uk`/`ua`, `ru`, `en`,
//! region ignored); q-values are not weighed, since clients put their
//! choice first. Each caller picks its own default for a request that asks
//! for none: Cipher BIS answers in Ukrainian, the web page in English.
//!
//! [RFC 9110 section 12.5.4]: https://www.rfc-editor.org/rfc/rfc9110#section-12.5.4

use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;
use signet_pki::Lang;

/// The first language of `Accept-Language` that signet speaks; `None`
/// when the header is absent, not visible ASCII, or names none of them.
pub fn accept_language(headers: &HeaderMap) -> Option<Lang> {
    let value = headers.get(ACCEPT_LANGUAGE)?.to_str().ok()?;
    value
        .split(',')
        .find_map(|range| Lang::parse(range.split(';').next().unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn asking(value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(ACCEPT_LANGUAGE, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn the_first_language_signet_speaks_wins() {
        assert_eq!(accept_language(&HeaderMap::new()), None);
        assert_eq!(
            accept_language(&asking("de-DE, ru-RU;q=0.8, en;q=0.5")),
            Some(Lang::Ru)
        );
        // Listed order, not q-values.
        assert_eq!(
            accept_language(&asking("en;q=0.1, uk;q=0.9")),
            Some(Lang::En)
        );
        assert_eq!(accept_language(&asking("ua")), Some(Lang::Uk));
        assert_eq!(accept_language(&asking("de, fr")), None);
        assert_eq!(accept_language(&asking("")), None);
    }

    #[test]
    fn a_header_that_is_not_ascii_asks_for_nothing() {
        let mut h = HeaderMap::new();
        h.insert(
            ACCEPT_LANGUAGE,
            HeaderValue::from_bytes(b"ru, \xff").expect("header"),
        );
        assert_eq!(accept_language(&h), None);
    }
}
