//! Key wraps built on GOST 28147-89.
//!
//! - The GOST 28147-89 key wrap and unwrap of [RFC 4357] sections 6.1 and
//!   6.2 (`id-Gost28147-89-None-KeyWrap`).
//! - The CryptoPro key wrap and unwrap of sections 6.3 and 6.4
//!   (`id-Gost28147-89-CryptoPro-KeyWrap`), with the CryptoPro KEK
//!   diversification of section 6.5. This is the wrap of GOST R 34.10-2001 /
//!   2012 key transport in CMS ([RFC 4490] section 4.2) and of the TLS
//!   `KExp28147` ([RFC 9189] section 8.2.2).
//! - The Ukrainian GOST 28147-89 key wrap of DSTU 4145 key agreement in CMS,
//!   an RFC 3217-style double CFB wrap with the fixed second IV
//!   `4a dd a2 2c 79 e8 21 05` (UAPKI `key_wrap_gost28147`, `gost89` npm
//!   `lib/keywrap.js`).
//!
//! [RFC 4357]: https://datatracker.ietf.org/doc/html/rfc4357#section-6
//! [RFC 4490]: https://datatracker.ietf.org/doc/html/rfc4490#section-4.2
//! [RFC 9189]: https://datatracker.ietf.org/doc/html/rfc9189#section-8.2.2

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::Error;
use super::cipher::{Gost28147, KeyMeshing};
use super::mac::Imit;
use super::modes::Cfb;
use super::sbox::SBox;

/// A key wrapped by RFC 4357 section 6.1 or 6.3: `UKM | CEK_ENC | CEK_MAC`.
///
/// In CMS the three travel apart (`Gost28147-89-EncryptedKey` holds
/// `encryptedKey` and `macKey`; the UKM sits in the transport parameters), so
/// they are kept apart here too.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct WrappedKey {
    /// The user keying material, 8 bytes.
    pub ukm: [u8; 8],
    /// The content-encryption key encrypted in ECB mode.
    pub encrypted_key: [u8; 32],
    /// The 32-bit MAC of the content-encryption key.
    pub mac: [u8; 4],
}

impl WrappedKey {
    /// The 44-byte concatenation `UKM | CEK_ENC | CEK_MAC`.
    pub fn to_bytes(&self) -> [u8; 44] {
        let mut out = [0u8; 44];
        out[..8].copy_from_slice(&self.ukm);
        out[8..40].copy_from_slice(&self.encrypted_key);
        out[40..].copy_from_slice(&self.mac);
        out
    }

    /// Splits the 44-byte concatenation `UKM | CEK_ENC | CEK_MAC`.
    pub fn from_bytes(bytes: &[u8; 44]) -> WrappedKey {
        let mut ukm = [0u8; 8];
        let mut encrypted_key = [0u8; 32];
        let mut mac = [0u8; 4];
        ukm.copy_from_slice(&bytes[..8]);
        encrypted_key.copy_from_slice(&bytes[8..40]);
        mac.copy_from_slice(&bytes[40..]);
        WrappedKey {
            ukm,
            encrypted_key,
            mac,
        }
    }

    /// Like [`from_bytes`](Self::from_bytes), for a slice that must be 44 bytes long.
    pub fn from_slice(bytes: &[u8]) -> Result<WrappedKey, Error> {
        let bytes: &[u8; 44] = bytes.try_into().map_err(|_| Error::InvalidLength {
            what: "wrapped key",
            expected: 44,
            actual: bytes.len(),
        })?;
        Ok(WrappedKey::from_bytes(bytes))
    }
}

/// CryptoPro KEK diversification ([RFC 4357 section 6.5]): `K(UKM)`.
///
/// For each byte `a[i]` of the UKM, the key words `k[j]` whose bit `j` of
/// `a[i]` is set are summed into `S1` and the others into `S2` (modulo 2^32),
/// and the key is encrypted with itself in CFB mode under the IV `S1 | S2`.
///
/// [RFC 4357 section 6.5]: https://datatracker.ietf.org/doc/html/rfc4357#section-6.5
pub fn diversify_cryptopro(kek: &[u8; 32], sbox: &SBox, ukm: &[u8; 8]) -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new(*kek);
    let mut cipher = Gost28147::new(&key, sbox);
    for &a in ukm {
        let (mut s1, mut s2) = (0u32, 0u32);
        for (j, chunk) in key.chunks_exact(4).enumerate() {
            let k = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
            if a & (1 << j) != 0 {
                s1 = s1.wrapping_add(k);
            } else {
                s2 = s2.wrapping_add(k);
            }
        }
        let mut iv = [0u8; 8];
        iv[..4].copy_from_slice(&s1.to_le_bytes());
        iv[4..].copy_from_slice(&s2.to_le_bytes());
        cipher.set_key(&key);
        let mut cfb = Cfb::with_cipher(cipher.clone(), &iv, KeyMeshing::None);
        cfb.encrypt(key.as_mut_slice());
    }
    key
}

/// The 32-bit MAC of the CEK with the UKM as IV, and the CEK in ECB mode.
fn wrap_with(cipher: Gost28147, ukm: &[u8; 8], cek: &[u8; 32]) -> WrappedKey {
    let mut encrypted_key = *cek;
    cipher.encrypt_blocks(&mut encrypted_key);
    let mut mac = Imit::with_cipher(cipher, ukm, KeyMeshing::None);
    mac.update(cek);
    WrappedKey {
        ukm: *ukm,
        encrypted_key,
        mac: mac.finalize_imit(),
    }
}

fn unwrap_with(cipher: Gost28147, wrapped: &WrappedKey) -> Result<Zeroizing<[u8; 32]>, Error> {
    let mut cek = Zeroizing::new(wrapped.encrypted_key);
    cipher.decrypt_blocks(cek.as_mut_slice());
    let mut mac = Imit::with_cipher(cipher, &wrapped.ukm, KeyMeshing::None);
    mac.update(cek.as_slice());
    if bool::from(mac.finalize_imit()[..].ct_eq(&wrapped.mac[..])) {
        Ok(cek)
    } else {
        Err(Error::UnwrapFailed)
    }
}

/// GOST 28147-89 key wrap ([RFC 4357 section 6.1]): `CEK_MAC =
/// gost28147IMIT(UKM, KEK, CEK)`, `CEK_ENC = encryptECB(KEK, CEK)`.
///
/// [RFC 4357 section 6.1]: https://datatracker.ietf.org/doc/html/rfc4357#section-6.1
pub fn wrap_gost(kek: &[u8; 32], sbox: &SBox, ukm: &[u8; 8], cek: &[u8; 32]) -> WrappedKey {
    wrap_with(Gost28147::new(kek, sbox), ukm, cek)
}

/// GOST 28147-89 key unwrap ([RFC 4357 section 6.2]); fails when the MAC does
/// not match.
///
/// [RFC 4357 section 6.2]: https://datatracker.ietf.org/doc/html/rfc4357#section-6.2
pub fn unwrap_gost(
    kek: &[u8; 32],
    sbox: &SBox,
    wrapped: &WrappedKey,
) -> Result<Zeroizing<[u8; 32]>, Error> {
    unwrap_with(Gost28147::new(kek, sbox), wrapped)
}

/// CryptoPro key wrap ([RFC 4357 section 6.3]): the GOST 28147-89 key wrap
/// under the diversified key `KEK(UKM)`.
///
/// [RFC 4357 section 6.3]: https://datatracker.ietf.org/doc/html/rfc4357#section-6.3
pub fn wrap_cryptopro(kek: &[u8; 32], sbox: &SBox, ukm: &[u8; 8], cek: &[u8; 32]) -> WrappedKey {
    let kek_ukm = diversify_cryptopro(kek, sbox, ukm);
    wrap_with(Gost28147::new(&kek_ukm, sbox), ukm, cek)
}

/// CryptoPro key unwrap ([RFC 4357 section 6.4]); fails when the MAC does not
/// match.
///
/// [RFC 4357 section 6.4]: https://datatracker.ietf.org/doc/html/rfc4357#section-6.4
pub fn unwrap_cryptopro(
    kek: &[u8; 32],
    sbox: &SBox,
    wrapped: &WrappedKey,
) -> Result<Zeroizing<[u8; 32]>, Error> {
    let kek_ukm = diversify_cryptopro(kek, sbox, &wrapped.ukm);
    unwrap_with(Gost28147::new(&kek_ukm, sbox), wrapped)
}

/// The fixed IV of the second encryption of the Ukrainian key wrap.
const UA_WRAP_IV: [u8; 8] = [0x4a, 0xdd, 0xa2, 0x2c, 0x79, 0xe8, 0x21, 0x05];

/// The Ukrainian GOST 28147-89 key wrap (DSTU 4145 key agreement in CMS).
///
/// `W = iv | encryptCFB(KEK, iv, CEK | IMIT(KEK, CEK))` (44 bytes), and the
/// result is `encryptCFB(KEK, 4add a22c 79e8 2105, reverse(W))`, as in UAPKI
/// `key_wrap_gost28147` and the `gost89` npm package. The S-box is normally
/// [`SBox::UA_DKE_1`] or the DKE of the recipient's certificate; `iv` must be
/// random.
pub fn wrap_ua(kek: &[u8; 32], sbox: &SBox, iv: &[u8; 8], cek: &[u8; 32]) -> [u8; 44] {
    let cipher = Gost28147::new(kek, sbox);
    let mut mac = Imit::with_cipher(cipher.clone(), &[0; 8], KeyMeshing::None);
    mac.update(cek);
    let mut w = Zeroizing::new([0u8; 44]);
    w[..8].copy_from_slice(iv);
    w[8..40].copy_from_slice(cek);
    w[40..].copy_from_slice(&mac.finalize_imit());
    Cfb::with_cipher(cipher.clone(), iv, KeyMeshing::None).encrypt(&mut w[8..]);
    w.reverse();
    Cfb::with_cipher(cipher, &UA_WRAP_IV, KeyMeshing::None).encrypt(w.as_mut_slice());
    *w
}

/// The Ukrainian GOST 28147-89 key unwrap, the inverse of [`wrap_ua`]; fails
/// when the MAC does not match.
pub fn unwrap_ua(
    kek: &[u8; 32],
    sbox: &SBox,
    wrapped: &[u8; 44],
) -> Result<Zeroizing<[u8; 32]>, Error> {
    let cipher = Gost28147::new(kek, sbox);
    let mut w = Zeroizing::new(*wrapped);
    Cfb::with_cipher(cipher.clone(), &UA_WRAP_IV, KeyMeshing::None).decrypt(w.as_mut_slice());
    w.reverse();
    let mut iv = [0u8; 8];
    iv.copy_from_slice(&w[..8]);
    Cfb::with_cipher(cipher.clone(), &iv, KeyMeshing::None).decrypt(&mut w[8..]);
    let mut cek = Zeroizing::new([0u8; 32]);
    cek.copy_from_slice(&w[8..40]);
    let mut mac = Imit::with_cipher(cipher, &[0; 8], KeyMeshing::None);
    mac.update(cek.as_slice());
    if bool::from(mac.finalize_imit()[..].ct_eq(&w[40..44])) {
        Ok(cek)
    } else {
        Err(Error::UnwrapFailed)
    }
}
