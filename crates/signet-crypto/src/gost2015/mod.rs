//! Modes of the GOST R 34.12-2015 block ciphers Kuznyechik (128-bit block)
//! and Magma (64-bit block): CTR and CTR-ACPKM, OMAC and OMAC-ACPKM, the
//! KExp15/KImp15 key export, and the CTR-ACPKM-OMAC content encryption of
//! CMS.
//!
//! The block ciphers come from the RustCrypto `kuznyechik` and `magma` crates
//! (re-exported as [`Kuznyechik`] and [`Magma`]; both zeroize their key
//! schedules on drop); everything is generic over [`Gost2015Cipher`].
//!
//! | what | where it is defined | here |
//! |---|---|---|
//! | CTR mode | GOST R 34.13-2015 section 5.2 ([RFC 8891] for Magma) | [`Ctr::new`] |
//! | CTR-ACPKM, the ACPKM key change | [RFC 8645] sections 6.2.2, 6.1; R 1323565.1.017-2018 | [`Ctr::new_acpkm`], [`acpkm_next_key`] |
//! | OMAC (CMAC) | GOST R 34.13-2015 section 5.6 | [`Omac`] |
//! | ACPKM-Master, OMAC-ACPKM | RFC 8645 sections 6.3.1, 6.4 | [`acpkm_master`], [`OmacAcpkm`] |
//! | KExp15 / KImp15 | R 1323565.1.017-2018, [RFC 9189] section 8.2.1 | [`kexp15`], [`kimp15`] |
//! | `*-ctr-acpkm-omac` content encryption | R 1323565.1.025-2019 (as the gost engine implements it) | [`CtrAcpkmOmac`] |
//!
//! CTR counts from `IV | 0…0`, where the IV is half a block (8 bytes for
//! Kuznyechik, 4 for Magma), and increments the whole block as a big-endian
//! integer. CTR-ACPKM changes the key after every section of `N` bytes to
//! `E_K(D1) | E_K(D2) | …`, the constant `D` being the bytes `80 81 … 9f`;
//! the counter runs on across sections.
//!
//! [RFC 8891]: https://datatracker.ietf.org/doc/html/rfc8891
//! [RFC 8645]: https://datatracker.ietf.org/doc/html/rfc8645#section-6.2.2
//! [RFC 9189]: https://datatracker.ietf.org/doc/html/rfc9189#section-8.2.1

mod content;
mod ctr;
mod kexp15;
mod omac;

#[cfg(test)]
mod tests;

use cipher::consts::U32;
use cipher::{Block, BlockCipherEncrypt, KeyInit, KeySizeUser};

pub use content::CtrAcpkmOmac;
pub use ctr::{Ctr, acpkm_next_key};
pub use kexp15::{kexp15, kimp15};
pub use kuznyechik::Kuznyechik;
pub use magma::Magma;
pub use omac::{Omac, OmacAcpkm, acpkm_master};

mod sealed {
    pub trait Sealed {}
    impl Sealed for kuznyechik::Kuznyechik {}
    impl Sealed for magma::Magma {}
}

/// A GOST R 34.12-2015 block cipher: [`Kuznyechik`] or [`Magma`].
pub trait Gost2015Cipher:
    BlockCipherEncrypt + KeyInit + KeySizeUser<KeySize = U32> + sealed::Sealed
{
    /// The block size `n / 8` in bytes: 16 or 8.
    const BLOCK_SIZE: usize;
    /// The name of the cipher.
    const NAME: &'static str;
    /// The ACPKM section size `N` of CMS content encryption in bytes:
    /// 256 KiB for Kuznyechik and 8 KiB for Magma (R 1323565.1.025-2019, as
    /// the gost engine and PyGOST use it).
    const CMS_ACPKM_SECTION: usize;
    /// The section size that `openssl enc -kuznyechik-ctr-acpkm` /
    /// `-magma-ctr-acpkm` use with the gost engine: 4096 and 1024 bytes.
    const OPENSSL_ENC_ACPKM_SECTION: usize;
}

impl Gost2015Cipher for Kuznyechik {
    const BLOCK_SIZE: usize = 16;
    const NAME: &'static str = "Kuznyechik";
    const CMS_ACPKM_SECTION: usize = 256 * 1024;
    const OPENSSL_ENC_ACPKM_SECTION: usize = 4096;
}

impl Gost2015Cipher for Magma {
    const BLOCK_SIZE: usize = 8;
    const NAME: &'static str = "Magma";
    const CMS_ACPKM_SECTION: usize = 8 * 1024;
    const OPENSSL_ENC_ACPKM_SECTION: usize = 1024;
}

/// The cipher under a 256-bit key.
pub(crate) fn keyed<C: Gost2015Cipher>(key: &[u8; 32]) -> C {
    C::new(&cipher::Key::<C>::from(*key))
}

/// A block from a slice of exactly the block size (an internal invariant).
pub(crate) fn block_from<C: Gost2015Cipher>(bytes: &[u8]) -> Block<C> {
    let mut block = Block::<C>::default();
    block.copy_from_slice(bytes);
    block
}

/// What can go wrong with GOST R 34.12-2015 mode inputs.
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
    /// An ACPKM section size is zero or not a multiple of the block size.
    #[error(
        "ACPKM section of {section} bytes is not a positive multiple of the {block}-byte block"
    )]
    InvalidSectionSize {
        /// The section size asked for.
        section: usize,
        /// The block size.
        block: usize,
    },
    /// A MAC length outside 1 to the block size was asked for.
    #[error("MAC length {len} is outside 1..={max} bytes")]
    InvalidMacLength {
        /// The length asked for.
        len: usize,
        /// The block size.
        max: usize,
    },
    /// A MAC did not match: KImp15 of a corrupted or foreign export, or
    /// content whose CMS MAC attribute does not match.
    #[error("MAC mismatch")]
    MacMismatch,
}
