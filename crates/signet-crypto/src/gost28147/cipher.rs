//! The GOST 28147-89 block cipher with a run-time S-box ([RFC 5830] section 5).
//!
//! Bytes map to words little-endian, as in RFC 5830, CryptoPro CSP, the
//! OpenSSL gost engine and DSTU GOST 28147:2009: the block `b0..b7` is read as
//! `N1 = b0 | b1<<8 | b2<<16 | b3<<24`, `N2 = b4..b7`, and key byte `4i..4i+3`
//! as the little-endian subkey `K(i)`. (GOST R 34.12-2015 "Magma" writes the
//! same cipher big-endian; [`crate::gost2015`] uses the RustCrypto `magma`
//! crate for that.)
//!
//! The CryptoPro key meshing of [RFC 4357] section 2.3.2 lives here too,
//! because every mode uses it.
//!
//! [RFC 5830]: https://datatracker.ietf.org/doc/html/rfc5830#section-5
//! [RFC 4357]: https://datatracker.ietf.org/doc/html/rfc4357#section-2.3.2

use zeroize::{Zeroize, ZeroizeOnDrop};

use super::sbox::SBox;

/// The key meshing constant `C` of [RFC 4357 section 2.3.2].
///
/// [RFC 4357 section 2.3.2]: https://datatracker.ietf.org/doc/html/rfc4357#section-2.3.2
pub(crate) const CRYPTOPRO_MESHING_KEY: [u8; 32] = [
    0x69, 0x00, 0x72, 0x22, 0x64, 0xC9, 0x04, 0x23, 0x8D, 0x3A, 0xDB, 0x96, 0x46, 0xE9, 0x2A, 0xC4,
    0x18, 0xFE, 0xAC, 0x94, 0x00, 0xED, 0x07, 0x12, 0xC0, 0x86, 0xDC, 0xC2, 0xEF, 0x4C, 0xA9, 0x2B,
];

/// Bytes processed under one key before CryptoPro key meshing changes it.
pub(crate) const MESHING_PERIOD: usize = 1024;

/// Key meshing: how a mode changes its key as it goes ([RFC 4357 section 2.3]).
///
/// [RFC 4357 section 2.3]: https://datatracker.ietf.org/doc/html/rfc4357#section-2.3
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum KeyMeshing {
    /// `id-Gost28147-89-None-KeyMeshing`: the key never changes.
    #[default]
    None,
    /// `id-Gost28147-89-CryptoPro-KeyMeshing`: after every 1024 bytes the key
    /// becomes `decryptECB(K, C)` and the feedback register is encrypted
    /// under the new key (section 2.3.2). CMS content encrypted with GOST
    /// 28147-89 under the CryptoPro parameter sets uses it ([RFC 4490]
    /// section 5.1), and so do the gost engine's `gost89`, `gost89-cnt` and
    /// `gost-mac`.
    ///
    /// [RFC 4490]: https://datatracker.ietf.org/doc/html/rfc4490#section-5.1
    CryptoPro,
}

/// GOST 28147-89 ([RFC 5830 section 5]) with a key and an S-box.
///
/// Bytes map to words little-endian, as in RFC 5830, CryptoPro CSP, the
/// OpenSSL gost engine and DSTU GOST 28147:2009: block bytes `b0..b3` form
/// `N1`, `b4..b7` form `N2`, and key bytes `4i..4i+3` the subkey `K(i)`.
/// (GOST R 34.12-2015 writes Magma big-endian: there the block and the bytes
/// of each key word are reversed.)
///
/// The key schedule is zeroized when the value is dropped; the expanded
/// S-box tables are public data.
///
/// [RFC 5830 section 5]: https://datatracker.ietf.org/doc/html/rfc5830#section-5
#[derive(Clone)]
pub struct Gost28147 {
    key: [u32; 8],
    tables: [[u32; 256]; 4],
}

impl Zeroize for Gost28147 {
    fn zeroize(&mut self) {
        self.key.zeroize();
    }
}

impl Drop for Gost28147 {
    fn drop(&mut self) {
        self.zeroize();
    }
}

impl ZeroizeOnDrop for Gost28147 {}

impl core::fmt::Debug for Gost28147 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Gost28147 { .. }")
    }
}

impl Gost28147 {
    /// The cipher under a 256-bit key with the given S-box.
    pub fn new(key: &[u8; 32], sbox: &SBox) -> Gost28147 {
        let mut cipher = Gost28147 {
            key: [0; 8],
            tables: sbox.expand(),
        };
        cipher.set_key(key);
        cipher
    }

    /// Replaces the key, keeping the S-box.
    pub fn set_key(&mut self, key: &[u8; 32]) {
        for (k, chunk) in self.key.iter_mut().zip(key.chunks_exact(4)) {
            *k = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
    }

    #[inline(always)]
    fn f(&self, x: u32) -> u32 {
        let t = &self.tables;
        t[0][(x & 0xff) as usize]
            ^ t[1][((x >> 8) & 0xff) as usize]
            ^ t[2][((x >> 16) & 0xff) as usize]
            ^ t[3][(x >> 24) as usize]
    }

    /// The 32 encryption rounds on the halves `(N1, N2)`; returns the output
    /// halves in output order.
    #[inline(always)]
    pub(crate) fn encrypt_words(&self, mut n1: u32, mut n2: u32) -> (u32, u32) {
        let k = &self.key;
        for _ in 0..3 {
            for i in (0..8).step_by(2) {
                n2 ^= self.f(n1.wrapping_add(k[i]));
                n1 ^= self.f(n2.wrapping_add(k[i + 1]));
            }
        }
        for i in (0..8).rev().step_by(2) {
            n2 ^= self.f(n1.wrapping_add(k[i]));
            n1 ^= self.f(n2.wrapping_add(k[i - 1]));
        }
        (n2, n1)
    }

    #[inline(always)]
    fn decrypt_words(&self, mut n1: u32, mut n2: u32) -> (u32, u32) {
        let k = &self.key;
        for i in (0..8).step_by(2) {
            n2 ^= self.f(n1.wrapping_add(k[i]));
            n1 ^= self.f(n2.wrapping_add(k[i + 1]));
        }
        for _ in 0..3 {
            for i in (0..8).rev().step_by(2) {
                n2 ^= self.f(n1.wrapping_add(k[i]));
                n1 ^= self.f(n2.wrapping_add(k[i - 1]));
            }
        }
        (n2, n1)
    }

    /// The 16-round transformation of the MAC mode ([RFC 5830 section 7]),
    /// output halves not swapped.
    ///
    /// [RFC 5830 section 7]: https://datatracker.ietf.org/doc/html/rfc5830#section-7
    #[inline(always)]
    pub(crate) fn mac_words(&self, mut n1: u32, mut n2: u32) -> (u32, u32) {
        let k = &self.key;
        for _ in 0..2 {
            for i in (0..8).step_by(2) {
                n2 ^= self.f(n1.wrapping_add(k[i]));
                n1 ^= self.f(n2.wrapping_add(k[i + 1]));
            }
        }
        (n1, n2)
    }

    /// Encrypts one 8-byte block in place (ECB, RFC 5830 section 5).
    pub fn encrypt_block(&self, block: &mut [u8; 8]) {
        let (a, b) = self.encrypt_words(le(&block[..4]), le(&block[4..]));
        put_le(block, a, b);
    }

    /// Decrypts one 8-byte block in place.
    pub fn decrypt_block(&self, block: &mut [u8; 8]) {
        let (a, b) = self.decrypt_words(le(&block[..4]), le(&block[4..]));
        put_le(block, a, b);
    }

    /// Encrypts whole blocks in place in ECB mode (RFC 5830 section 5.1).
    ///
    /// Fails when the length is not a multiple of 8.
    pub fn encrypt_ecb(&self, data: &mut [u8]) -> Result<(), super::Error> {
        check_blocks(data.len())?;
        self.encrypt_blocks(data);
        Ok(())
    }

    /// Encrypts the whole blocks of `data` in place (a trailing partial
    /// block is left alone).
    pub(crate) fn encrypt_blocks(&self, data: &mut [u8]) {
        for chunk in data.chunks_exact_mut(8) {
            let (a, b) = self.encrypt_words(le(&chunk[..4]), le(&chunk[4..]));
            put_le(chunk, a, b);
        }
    }

    /// Decrypts whole blocks in place in ECB mode.
    ///
    /// Fails when the length is not a multiple of 8.
    pub fn decrypt_ecb(&self, data: &mut [u8]) -> Result<(), super::Error> {
        check_blocks(data.len())?;
        self.decrypt_blocks(data);
        Ok(())
    }

    /// Decrypts the whole blocks of `data` in place.
    pub(crate) fn decrypt_blocks(&self, data: &mut [u8]) {
        for chunk in data.chunks_exact_mut(8) {
            let (a, b) = self.decrypt_words(le(&chunk[..4]), le(&chunk[4..]));
            put_le(chunk, a, b);
        }
    }

    /// CryptoPro key meshing ([RFC 4357 section 2.3.2]): the key becomes
    /// `decryptECB(K, C)`, then `iv`, when given, is encrypted under the new
    /// key.
    ///
    /// [RFC 4357 section 2.3.2]: https://datatracker.ietf.org/doc/html/rfc4357#section-2.3.2
    pub fn mesh_cryptopro(&mut self, iv: Option<&mut [u8; 8]>) {
        let mut new_key = zeroize::Zeroizing::new(CRYPTOPRO_MESHING_KEY);
        self.decrypt_blocks(new_key.as_mut_slice());
        self.set_key(&new_key);
        if let Some(iv) = iv {
            self.encrypt_block(iv);
        }
    }
}

fn check_blocks(len: usize) -> Result<(), super::Error> {
    if len.is_multiple_of(8) {
        Ok(())
    } else {
        Err(super::Error::NotBlockAligned { len, block: 8 })
    }
}

#[inline(always)]
pub(crate) fn le(bytes: &[u8]) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

#[inline(always)]
pub(crate) fn put_le(out: &mut [u8], a: u32, b: u32) {
    out[..4].copy_from_slice(&a.to_le_bytes());
    out[4..8].copy_from_slice(&b.to_le_bytes());
}
