//! API keys: the bearer tokens configured at start (`--api-key`) that let a
//! client call Kontur CryptoApi without logging in, compared in constant
//! time. Only their SHA-256 hashes are kept in memory, so a memory dump or
//! a debug print shows no key. Also the token of an `Authorization: Bearer`
//! header ([RFC 6750 section 2.1]), which carries an API key or a session
//! id.
//!
//! [RFC 6750 section 2.1]: https://www.rfc-editor.org/rfc/rfc6750#section-2.1

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The configured API keys.
#[derive(Clone, Default)]
pub struct ApiKeys {
    hashes: Vec<[u8; 32]>,
}

impl std::fmt::Debug for ApiKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ApiKeys({} configured)", self.hashes.len())
    }
}

impl ApiKeys {
    /// Keeps the hashes of `keys` (blank ones are dropped).
    pub fn new<S: AsRef<str>>(keys: impl IntoIterator<Item = S>) -> Self {
        ApiKeys {
            hashes: keys
                .into_iter()
                .map(|k| k.as_ref().trim().to_owned())
                .filter(|k| !k.is_empty())
                .map(|k| Sha256::digest(k.as_bytes()).into())
                .collect(),
        }
    }

    /// Whether no key is configured.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// Whether `token` is one of the keys. Every key is compared, in
    /// constant time, whatever matches.
    pub fn accepts(&self, token: &str) -> bool {
        let h: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        self.hashes
            .iter()
            .fold(subtle::Choice::from(0), |acc, k| acc | k.ct_eq(&h))
            .into()
    }
}

/// The token of an `Authorization: Bearer <token>` header value.
pub fn bearer_token(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_matched_exactly() {
        let keys = ApiKeys::new(["alpha", " beta ", ""]);
        assert!(keys.accepts("alpha"));
        assert!(keys.accepts("beta"));
        assert!(!keys.accepts("alph"));
        assert!(!keys.accepts(""));
        assert!(ApiKeys::new(Vec::<String>::new()).is_empty());
        assert!(!format!("{keys:?}").contains("alpha"));
    }

    #[test]
    fn bearer_header() {
        assert_eq!(bearer_token("Bearer abc"), Some("abc"));
        assert_eq!(bearer_token("bearer   abc "), Some("abc"));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer "), None);
    }
}
