//! GOST R 34.10-2001 / 34.10-2012 elliptic-curve signatures, VKO key
//! agreement and the GOST R 34.11-2012 key derivation functions.
//!
//! What is implemented, and where the rules come from:
//!
//! | item | standard |
//! |---|---|
//! | [`SigningKey::sign_digest`], [`PublicKey::verify_digest`] | GOST R 34.10-2012 as [RFC 7091] sections 5–6 (and GOST R 34.10-2001, [RFC 5832], which it updates) |
//! | [`Curve`]: the 2001 test and CryptoPro sets | [RFC 4357 section 11.4] |
//! | [`Curve`]: TC26 512-bit A/B, 256-bit A and 512-bit C (twisted Edwards) | [RFC 7836 section 5], appendix A |
//! | [`Curve`]: TC26 512-bit test set, 256-bit B/C/D aliases | [RFC 9215] section 4, appendix E |
//! | key encoding (X‖Y little-endian) and signature encoding (s‖r big-endian) | [RFC 4491 section 2], [RFC 9215 section 2] |
//! | [`vko_gostr3410_2001`] | [RFC 4357 section 5.2] |
//! | [`vko_gostr3410_2012_256`], [`vko_gostr3410_2012_512`] | [RFC 7836 section 4.3] |
//! | [`kdf_tree_gostr3411_2012_256`], [`kdf_gostr3411_2012_256`] | [RFC 7836 sections 4.4–4.5] |
//!
//! Only raw encodings cross this API: a public key is the content of the
//! certificate's public-key OCTET STRING, a private key is the content of
//! gost-engine's PKCS#8 privateKey OCTET STRING, a signature is the value of
//! a CMS SignerInfo.signature (equally, the bits of a certificate's
//! signature BIT STRING), a digest is the hash function's output. Which OID
//! names which [`Curve`] is decided in the PKI layer.
//!
//! The arithmetic: integers are `crypto-bigint`'s; the field uses the same
//! Montgomery representation with hand-unrolled multiplication for speed
//! (see `field.rs`); scalars mod q are `crypto-bigint`'s constant-time
//! `ConstMontyForm`. Everything that touches a private key or a nonce —
//! `k·P` by a fixed-window comb with constant-time table scans and complete
//! addition formulas, the VKO product, the arithmetic mod q — runs in
//! constant time; verification, whose inputs are all public, uses faster
//! variable-time wNAF arithmetic. The two twisted Edwards sets (TC26 256-A
//! and 512-C) compute the comb and verification on their Edwards form
//! (`edwards.rs`), mapping to and from the Weierstrass points that keys and
//! signatures use.
//!
//! [RFC 7091]: https://datatracker.ietf.org/doc/html/rfc7091
//! [RFC 5832]: https://datatracker.ietf.org/doc/html/rfc5832
//! [RFC 4357 section 11.4]: https://datatracker.ietf.org/doc/html/rfc4357#section-11.4
//! [RFC 4357 section 5.2]: https://datatracker.ietf.org/doc/html/rfc4357#section-5.2
//! [RFC 7836 section 5]: https://datatracker.ietf.org/doc/html/rfc7836#section-5
//! [RFC 7836 section 4.3]: https://datatracker.ietf.org/doc/html/rfc7836#section-4.3
//! [RFC 7836 sections 4.4–4.5]: https://datatracker.ietf.org/doc/html/rfc7836#section-4.4
//! [RFC 9215]: https://datatracker.ietf.org/doc/html/rfc9215
//! [RFC 9215 section 2]: https://datatracker.ietf.org/doc/html/rfc9215#section-2
//! [RFC 4491 section 2]: https://datatracker.ietf.org/doc/html/rfc4491#section-2

mod curves;
mod edwards;
mod field;
mod kdf;
mod mul;
mod point;
mod scalar;
mod sign;
mod verify;
mod vko;

#[cfg(test)]
mod tests;

pub use curves::Curve;
pub use kdf::{kdf_gostr3411_2012_256, kdf_tree_gostr3411_2012_256};
pub use sign::SigningKey;
pub use verify::PublicKey;
pub use vko::{vko_gostr3410_2001, vko_gostr3410_2012_256, vko_gostr3410_2012_512};

/// What went wrong in a GOST R 34.10 operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A public key is not `2 × field length` bytes.
    #[error("a {curve} public key is {expected} bytes, not {actual}")]
    PublicKeyLength {
        /// The parameter set.
        curve: Curve,
        /// The required length.
        expected: usize,
        /// The length given.
        actual: usize,
    },
    /// The public key's coordinates are not below p, or the point is not on
    /// the curve (RFC 7091 section 5.2).
    #[error("the public key is not a point of {curve}")]
    InvalidPublicKey {
        /// The parameter set.
        curve: Curve,
    },
    /// A private key is not as long as the field.
    #[error("a {curve} private key is {expected} bytes, not {actual}")]
    PrivateKeyLength {
        /// The parameter set.
        curve: Curve,
        /// The required length.
        expected: usize,
        /// The length given.
        actual: usize,
    },
    /// The private key d is not in [1, q − 1] (RFC 7091 section 5.2).
    #[error("the private key is not in [1, q - 1]")]
    InvalidPrivateKey,
    /// The digest is not as long as the field (32 or 64 bytes).
    #[error("a {curve} signature covers a {expected}-byte digest, not {actual} bytes")]
    DigestLength {
        /// The parameter set.
        curve: Curve,
        /// The required length.
        expected: usize,
        /// The length given.
        actual: usize,
    },
    /// The signature is not `2 × field length` bytes.
    #[error("a {curve} signature is {expected} bytes, not {actual}")]
    SignatureLength {
        /// The parameter set.
        curve: Curve,
        /// The required length.
        expected: usize,
        /// The length given.
        actual: usize,
    },
    /// The signature does not verify: r or s is outside [1, q − 1], or
    /// `R ≠ r` (RFC 7091 section 6.2).
    #[error("the signature does not verify")]
    InvalidSignature,
    /// A nonce given for a worked example is outside [1, q − 1] or yields
    /// r = 0 or s = 0.
    #[error("the nonce k is unusable")]
    InvalidNonce,
    /// The random generator failed.
    #[error("random generator failure: {0}")]
    Rng(String),
    /// The two keys of a key agreement are on different curves.
    #[error("key agreement between a {ours} key and a {theirs} key")]
    CurveMismatch {
        /// Our private key's parameter set.
        ours: Curve,
        /// The peer's parameter set.
        theirs: Curve,
    },
    /// The VKO variant does not apply to keys of this size
    /// (VKO GOST R 34.10-2001 takes 256-bit keys, VKO_GOSTR3410_2012_512
    /// 512-bit keys).
    #[error("this VKO variant does not apply to {curve} keys")]
    VkoKeySize {
        /// The parameter set.
        curve: Curve,
    },
    /// The UKM is longer than the field.
    #[error("UKM of {actual} bytes; at most {max}")]
    UkmLength {
        /// The largest UKM accepted, in bytes.
        max: usize,
        /// The length given.
        actual: usize,
    },
    /// The agreed point is the point at infinity (the peer key has small
    /// order).
    #[error("the agreed point is the point at infinity")]
    SharedPointAtInfinity,
    /// KDF_TREE's counter size R is not 1 to 4.
    #[error("KDF_TREE counter size R = {0}; it must be 1 to 4")]
    KdfCounterSize(usize),
    /// KDF_TREE's output is empty or longer than `256·(2^(8R) − 1)` bits.
    #[error("KDF_TREE output of {bits} bits; at most {max} with this R, and not zero")]
    KdfOutputLength {
        /// The length asked for, in bits.
        bits: u64,
        /// The largest length allowed by R, in bits.
        max: u64,
    },
}
