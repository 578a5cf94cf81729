//! The `kuznyechik-ctr-acpkm-omac` and `magma-ctr-acpkm-omac` content
//! encryption of CMS (`id-gostr3412-2015-*-ctracpkm-omac`,
//! R 1323565.1.025-2019), as the OpenSSL gost engine implements it
//! (`gost_grasshopper_cipher.c`, `gost_crypt.c`, `gost_gost2015.c`):
//!
//! 1. The `ukm` of `Gost3412-15-Encryption-Parameters` is `IV | seed`, the IV
//!    half a block and the seed 8 bytes.
//! 2. `K_enc | K_mac = KDF_TREE_GOSTR3411_2012_256(CEK, "kdf tree", seed, 1)`,
//!    64 bytes ([RFC 7836] section 4.5; that KDF is not part of this module).
//! 3. The content is encrypted with CTR-ACPKM under `K_enc` and the IV, with
//!    the CMS section size ([`Gost2015Cipher::CMS_ACPKM_SECTION`]).
//! 4. The tag is the full one-block OMAC under `K_mac` of the *plaintext*; it
//!    is encrypted with the same CTR-ACPKM key stream, continuing after the
//!    content, and carried in the unprotected attribute
//!    `id-cms-mac-attr` (1.2.643.7.1.0.6.1.1).
//!
//! [RFC 7836]: https://datatracker.ietf.org/doc/html/rfc7836#section-4.5

use subtle::ConstantTimeEq;

use super::ctr::Ctr;
use super::omac::Omac;
use super::{Error, Gost2015Cipher};

/// CTR-ACPKM encryption with an encrypted OMAC of the plaintext, as a stream.
///
/// Encrypt with [`encrypt`](Self::encrypt) then
/// [`finalize_encrypt`](Self::finalize_encrypt) (the encrypted tag for the
/// CMS MAC attribute); decrypt with [`decrypt`](Self::decrypt) then
/// [`verify_decrypt`](Self::verify_decrypt). The plaintext of a decryption
/// must not be trusted until `verify_decrypt` has returned `Ok`.
pub struct CtrAcpkmOmac<C: Gost2015Cipher> {
    ctr: Ctr<C>,
    omac: Omac<C>,
}

impl<C: Gost2015Cipher> core::fmt::Debug for CtrAcpkmOmac<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CtrAcpkmOmac")
            .field("cipher", &C::NAME)
            .finish_non_exhaustive()
    }
}

impl<C: Gost2015Cipher> CtrAcpkmOmac<C> {
    /// The mode under the derived keys `K_enc` and `K_mac`, with the
    /// half-block `iv` and ACPKM sections of `section_size` bytes.
    pub fn new(
        k_enc: &[u8; 32],
        k_mac: &[u8; 32],
        iv: &[u8],
        section_size: usize,
    ) -> Result<CtrAcpkmOmac<C>, Error> {
        Ok(CtrAcpkmOmac {
            ctr: Ctr::new_acpkm(k_enc, iv, section_size)?,
            omac: Omac::new(k_mac),
        })
    }

    /// Like [`new`](Self::new), from the 64 bytes `K_enc | K_mac` of the KDF.
    pub fn from_key_material(
        key_material: &[u8; 64],
        iv: &[u8],
        section_size: usize,
    ) -> Result<CtrAcpkmOmac<C>, Error> {
        let mut k_enc = zeroize::Zeroizing::new([0u8; 32]);
        let mut k_mac = zeroize::Zeroizing::new([0u8; 32]);
        k_enc.copy_from_slice(&key_material[..32]);
        k_mac.copy_from_slice(&key_material[32..]);
        CtrAcpkmOmac::new(&k_enc, &k_mac, iv, section_size)
    }

    /// Encrypts the next piece of the content in place.
    pub fn encrypt(&mut self, data: &mut [u8]) {
        self.omac.update(data);
        self.ctr.apply_keystream(data);
    }

    /// Decrypts the next piece of the content in place.
    pub fn decrypt(&mut self, data: &mut [u8]) {
        self.ctr.apply_keystream(data);
        self.omac.update(data);
    }

    /// The encrypted tag (one block) for the CMS MAC attribute.
    pub fn finalize_encrypt(self) -> Vec<u8> {
        let CtrAcpkmOmac { mut ctr, omac } = self;
        let mut tag = omac.finalize();
        ctr.apply_keystream(&mut tag);
        tag
    }

    /// Checks the encrypted tag of the CMS MAC attribute against the
    /// decrypted content.
    pub fn verify_decrypt(self, encrypted_tag: &[u8]) -> Result<(), Error> {
        if encrypted_tag.len() != C::BLOCK_SIZE {
            return Err(Error::InvalidLength {
                what: "encrypted CMS MAC",
                expected: C::BLOCK_SIZE,
                actual: encrypted_tag.len(),
            });
        }
        let CtrAcpkmOmac { mut ctr, omac } = self;
        let mut tag = encrypted_tag.to_vec();
        ctr.apply_keystream(&mut tag);
        if bool::from(omac.finalize().ct_eq(&tag)) {
            Ok(())
        } else {
            Err(Error::MacMismatch)
        }
    }
}
