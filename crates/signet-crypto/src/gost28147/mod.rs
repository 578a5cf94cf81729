//! GOST 28147-89 (and DSTU GOST 28147:2009) with a run-time S-box, its modes,
//! MAC and key wraps.
//!
//! The RustCrypto `magma` crate fixes its S-box at compile time and reads
//! blocks big-endian (GOST R 34.12-2015); CMS and key containers need any
//! table (the CryptoPro sets, TC26 Z, the Ukrainian DKE from a certificate)
//! and the little-endian byte order of RFC 5830, so the cipher core is written
//! here: 32 rounds over four byte-indexed tables that fold the 4-bit S-boxes
//! and the 11-bit rotation together.
//!
//! | what | where it is defined | here |
//! |---|---|---|
//! | the block cipher (ECB) | [RFC 5830] section 5 | [`Gost28147`] |
//! | S-boxes, packed DKE form | [RFC 4357] section 11.2, [RFC 7836] appendix C, DSTU GOST 28147:2009 | [`SBox`], [`ParamSet`] |
//! | counter mode (CNT, gamma) | RFC 5830 section 6.1 | [`Cnt`] |
//! | CFB mode | RFC 5830 section 6.3 | [`Cfb`] |
//! | CryptoPro key meshing | [RFC 4357] section 2.3.2 | [`KeyMeshing`] |
//! | MAC (imitovstavka) | RFC 5830 section 7 | [`Imit`], [`imit`] |
//! | GOST 28147-89 key wrap | RFC 4357 sections 6.1, 6.2 | [`wrap_gost`], [`unwrap_gost`] |
//! | CryptoPro key wrap | RFC 4357 sections 6.3, 6.4, 6.5 | [`wrap_cryptopro`], [`unwrap_cryptopro`], [`diversify_cryptopro`] |
//! | Ukrainian key wrap | UAPKI, `gost89` npm | [`wrap_ua`], [`unwrap_ua`] |
//! | GOST 34.311-95 hash under any S-box (a key's DKE) | [RFC 5831] sections 5–7 | [`Gost34311`] |
//!
//! Where the RFCs leave a detail open (the MAC of a one-block message, the
//! register that key meshing re-encrypts in counter mode, the counter's
//! addition modulo 2^32 - 1), the behaviour of CryptoPro CSP and the OpenSSL
//! gost engine is followed, as their shared test vectors require.
//!
//! Key schedules are zeroized on drop; unwrapped keys come back in
//! [`zeroize::Zeroizing`] buffers.
//!
//! [RFC 5830]: https://datatracker.ietf.org/doc/html/rfc5830
//! [RFC 4357]: https://datatracker.ietf.org/doc/html/rfc4357
//! [RFC 7836]: https://datatracker.ietf.org/doc/html/rfc7836
//! [RFC 5831]: https://datatracker.ietf.org/doc/html/rfc5831

mod cipher;
mod hash;
mod keywrap;
mod mac;
mod modes;
mod sbox;

#[cfg(test)]
mod tests;

pub use cipher::{Gost28147, KeyMeshing};
pub use hash::Gost34311;
pub use keywrap::{
    WrappedKey, diversify_cryptopro, unwrap_cryptopro, unwrap_gost, unwrap_ua, wrap_cryptopro,
    wrap_gost, wrap_ua,
};
pub use mac::{Imit, imit};
pub use modes::{Cfb, Cnt, apply_cnt, decrypt_cfb, encrypt_cfb};
pub use sbox::{ParamSet, SBox};

/// What can go wrong with GOST 28147-89 inputs.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input has the wrong length.
    #[error("{what}: expected {expected} bytes, got {actual}")]
    InvalidLength {
        /// What the input is.
        what: &'static str,
        /// The length it must have.
        expected: usize,
        /// The length it has.
        actual: usize,
    },
    /// ECB data is not a whole number of blocks.
    #[error("{len} bytes are not a whole number of {block}-byte blocks")]
    NotBlockAligned {
        /// The length of the data.
        len: usize,
        /// The block size.
        block: usize,
    },
    /// An S-box entry does not fit in four bits.
    #[error("S-box entry out of range 0..=15")]
    InvalidSBox,
    /// A MAC length outside 1 to 8 bytes was asked for.
    #[error("MAC length {0} is outside 1..=8 bytes")]
    InvalidMacLength(usize),
    /// A MAC did not match the message.
    #[error("MAC mismatch")]
    MacMismatch,
    /// A wrapped key failed its MAC check ([RFC 4357 section 6.2 and 6.4]);
    /// the KEK, the UKM or the wrapped key is wrong.
    ///
    /// [RFC 4357 section 6.2 and 6.4]: https://datatracker.ietf.org/doc/html/rfc4357#section-6.2
    #[error("wrapped key failed its integrity check (RFC 4357 section 6.2/6.4)")]
    UnwrapFailed,
}
