//! Cryptographic primitives for signet.
//!
//! This crate holds pure functions only: no I/O and no ASN.1 beyond key and
//! signature encodings. Where a well-kept crate implements an algorithm
//! (RustCrypto `sha1`, `sha2`, `gost94`, `kupyna`) it is used; what no
//! maintained crate provides (GOST R 34.10 signatures, DSTU 4145, GOST
//! 28147-89 key wrap, …) is written here with vectors from the standards.
//! Streebog is written here too, for speed ([`streebog`] says why); the
//! RustCrypto crate remains its test oracle and serves HMAC and the KDFs.

mod digest_alg;
pub mod dstu4145;
pub mod gost2015;
pub mod gost28147;
pub mod gost3410;
pub mod kalyna;
pub mod kupyna;
pub mod password;
pub mod streebog;

pub use digest_alg::{DigestAlgorithm, Hasher};
