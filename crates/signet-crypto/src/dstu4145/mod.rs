//! DSTU 4145-2002 elliptic-curve signatures over GF(2^m) in polynomial
//! basis and optimal normal basis, and the cofactor Diffie–Hellman primitive of the Ukrainian key
//! agreement.
//!
//! What is implemented, and where the rules come from (DSTU 4145-2002,
//! "Information technologies. Cryptographic protection of information.
//! Digital signature based on elliptic curves. Generation and
//! verification"):
//!
//! | item | DSTU 4145-2002 |
//! |---|---|
//! | field arithmetic, trace, half-trace, `z² + z = w` (`field.rs`) | the general algorithms of §6, in polynomial basis |
//! | optimal normal bases (`onb.rs`) | table 2's type II ONBs for m = 173, 179, 191, 233, 431: elements are converted to the polynomial basis of the same m and back (no ONB multiplication), as UAPKI and cryptonite do; the conventions (bit order, compression, r cut from y in ONB) are theirs |
//! | hash value → field element: the hash read little-endian, bits at and above m dropped, 0 → 1 | §5.9 |
//! | signature as a bit string: r then s, each little-endian in L_D/16 bytes | §5.10 |
//! | random integers below n | §6.3 |
//! | point compression and decompression ([`PublicKey::from_compressed`], [`PublicKey::to_compressed`]) | §6.9, §6.10 |
//! | [`NamedCurve`]: the ten polynomial-basis curves M163 … M431 and the five ONB curves M173 … M431 ONB | table Г.2, base points from order 1236/5/453 of 2012 (see `curves.rs`); ONB curves as UAPKI's `ec-default-params.c` |
//! | [`Curve::from_onb_params`]: explicit ONB parameters | as [`Curve::from_params`], B and the base point in ONB |
//! | [`Curve::from_params`]: explicit parameters, checked | the standard's requirements on the parameters as bee2's `dstuParamsVal` lists them: A ∈ {0, 1}, B ≠ 0, n prime above 2^160, Hasse's bound, P of order n |
//! | [`SigningKey`]: d in [1, n − 1], `Q = −d·P` | §9 |
//! | public-key check: on the curve, order n | §10.1 |
//! | [`SigningKey::sign`], [`PublicKey::verify`] | the signing and verification procedures; the step numbers in the method docs are the standard's as bee2's `dstu.c` quotes them |
//! | [`SigningKey::agree`] | not in DSTU 4145: `x((h·d mod n)·Q)`, the `ZZ` of the DSTSZI key agreement as jkurwa computes it (see the method for where jkurwa differs) |
//!
//! Worked examples: the Annex Б example on the M163 field (the test
//! vector of Bouncy Castle's `DSTU4145Test` and bee2's `dstu_test.c`),
//! Bouncy Castle's m = 173, 283 and 431 vectors, real certificates of the
//! Ukrainian CZO root (M431) and Justice CA (M257) in `testdata/ua`, and a
//! cross-check against jkurwa (`tests/dstu4145_interop.rs`). ONB: the
//! change-of-basis vectors of cryptonite's `utest_dstu4145.c`, and keys,
//! signatures with fixed nonces and key agreements on the five ONB curves
//! computed with UAPKI's `uapkic` (`tests.rs`, `onb_uapki_vectors`).
//!
//! Conventions where implementations differ: a hash longer than m bits is
//! truncated to its low m bits (§5.9, as bee2 and Bouncy Castle do); jkurwa
//! instead reduces the whole hash modulo f, which gives the same h only for
//! hashes of at most m bits — every 256-bit hash on M257 and larger
//! curves, but not a 256-bit hash on M163 … M233. jkurwa decompresses
//! x = 0 to `(0, B²)`; the point is `(0, √B)`.
//!
//! Only raw encodings cross this API: a public key is the content of the
//! certificate's public-key OCTET STRING, a signature the content of the
//! OCTET STRING in a CMS SignerInfo.signature or a certificate's signature
//! BIT STRING, a digest the hash function's output. Which OID names which
//! hash and which [`Curve`] is decided in the PKI layer.
//!
//! # Why it is written here
//!
//! No maintained Rust crate implements DSTU 4145 over binary fields with
//! all the standard curves. What a search of crates.io and docs.rs turned
//! up: `dstu-core` (pre-1.0, unaudited, no side-channel claims) covers only
//! m = 163 and 257, with deterministic Kupyna nonces and no explicit
//! parameters; `structured-dstu4145` is verification only; `bee2-rs` binds
//! the C library bee2 through `unsafe` FFI (forbidden in this workspace);
//! `ikripaka/dstu4145-rust` is an academic, affine-coordinate
//! implementation used from git. The search found no `ua-cryptography-*`
//! crates. RustCrypto has no binary-field curves at all.
//!
//! # The arithmetic
//!
//! Field elements are seven 64-bit limbs with a constant-time carry-less
//! multiplication built on integer multiplies (no PCLMULQDQ: reaching it
//! needs `unsafe`), Karatsuba, and reduction by the public trinomial or
//! pentanomial; inversion is Itoh–Tsujii (`field.rs`). Points use
//! López–Dahab coordinates (`point.rs`). Everything that touches d or a
//! nonce — `e·P` and `d·P` by a signed fixed-window comb with constant-time
//! table scans, the x-only Montgomery ladder for key agreement, the
//! arithmetic mod n (crypto-bigint's Montgomery form) — runs in constant
//! time; verification, whose inputs are all public, uses variable-time wNAF
//! (`mul.rs`). The comb and wNAF tables of each curve are built once, on
//! first use, and shared.

mod clmul;
mod curves;
mod field;
mod keys;
mod mul;
mod onb;
mod point;
mod scalar;

#[cfg(test)]
mod onb_tests;
#[cfg(test)]
mod tests;

use rand_core::TryCryptoRng;
use zeroize::Zeroizing;

pub use curves::{Curve, NamedCurve};
pub use keys::{PublicKey, Signature, SigningKey};

/// What went wrong in a DSTU 4145 operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Explicit curve parameters break a requirement of DSTU 4145-2002 or
    /// are inconsistent (the string names the rule).
    #[error("invalid DSTU 4145 curve parameters: {0}")]
    InvalidParams(&'static str),
    /// Explicit curve parameters outside what this implementation handles
    /// (the string says what).
    #[error("unsupported DSTU 4145 curve parameters: {0}")]
    UnsupportedParams(&'static str),
    /// A compressed public key is not `ceil(m/8)` bytes.
    #[error("a {curve} public key is {expected} bytes, not {actual}")]
    PublicKeyLength {
        /// The curve.
        curve: Curve,
        /// The required length.
        expected: usize,
        /// The length given.
        actual: usize,
    },
    /// The public key does not decompress to a point of order n
    /// (DSTU 4145-2002 §6.10, §10.1).
    #[error("the public key is not a point of order n on {curve}")]
    InvalidPublicKey {
        /// The curve.
        curve: Curve,
    },
    /// The private key d is not in [1, n − 1] (DSTU 4145-2002 §9).
    #[error("the private key is not in [1, n - 1]")]
    InvalidPrivateKey,
    /// A signature is of odd length or its halves are shorter than
    /// `ceil(L(n)/8)` bytes (DSTU 4145-2002 §5.10).
    #[error("a {curve} signature is an even number of at least {min} bytes, not {actual}")]
    SignatureLength {
        /// The curve.
        curve: Curve,
        /// The shortest length accepted.
        min: usize,
        /// The length given.
        actual: usize,
    },
    /// The signature does not verify: r or s outside [1, n − 1], padding
    /// that is not zero, or r' ≠ r.
    #[error("the signature does not verify")]
    InvalidSignature,
    /// A nonce given for a worked example is outside [1, n − 1] or yields
    /// r = 0 or s = 0.
    #[error("the nonce e is unusable")]
    InvalidNonce,
    /// The random generator failed.
    #[error("random generator failure: {0}")]
    Rng(String),
    /// The two keys of a key agreement are on different curves.
    #[error("key agreement between a {ours} key and a {theirs} key")]
    CurveMismatch {
        /// Our private key's curve.
        ours: Curve,
        /// The peer's curve.
        theirs: Curve,
    },
    /// The agreed point is the point at infinity.
    #[error("the agreed point is the point at infinity")]
    SharedPointAtInfinity,
}

/// Signs a hash value with a nonce from `rng`: [`SigningKey::sign`].
pub fn sign_digest<R: TryCryptoRng + ?Sized>(
    key: &SigningKey,
    digest: &[u8],
    rng: &mut R,
) -> Result<Signature, Error> {
    key.sign(digest, rng)
}

/// Verifies a signature over a hash value: [`PublicKey::verify`].
pub fn verify_digest(key: &PublicKey, digest: &[u8], signature: &Signature) -> Result<(), Error> {
    key.verify(digest, signature)
}

/// The shared x-coordinate of a key agreement: [`SigningKey::agree`].
pub fn agree(key: &SigningKey, peer: &PublicKey) -> Result<Zeroizing<Vec<u8>>, Error> {
    key.agree(peer)
}
