//! The cache of issuer signatures already verified, shared by every
//! path build (see [`super`]).

use crate::Certificate;

/// Issuer signatures already verified, by SHA-256 of (certificate DER,
/// issuer's subjectPublicKeyInfo DER). A signature either verifies or it
/// does not, whatever the time, so a verified link can be trusted again;
/// the cache saves the public-key operations of the CA certificates of
/// every request. Bounded: cleared when full.
static VERIFIED: std::sync::LazyLock<std::sync::Mutex<std::collections::HashSet<[u8; 32]>>> =
    std::sync::LazyLock::new(Default::default);
const VERIFIED_MAX: usize = 16_384;

fn link_key(child: &Certificate, issuer: &Certificate) -> [u8; 32] {
    let mut h = signet_crypto::DigestAlgorithm::Sha256.hasher();
    h.update(child.der());
    h.update(&issuer.fields().public_key.subject_public_key);
    let mut key = [0u8; 32];
    key.copy_from_slice(&h.finish());
    key
}

pub(super) fn verified_before(child: &Certificate, issuer: &Certificate) -> bool {
    let key = link_key(child, issuer);
    VERIFIED
        .lock()
        .map(|set| set.contains(&key))
        .unwrap_or(false)
}

pub(super) fn remember_verified(child: &Certificate, issuer: &Certificate) {
    let key = link_key(child, issuer);
    if let Ok(mut set) = VERIFIED.lock() {
        if set.len() >= VERIFIED_MAX {
            set.clear();
        }
        set.insert(key);
    }
}
