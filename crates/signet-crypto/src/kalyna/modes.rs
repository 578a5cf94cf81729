//! Modes of operation of DSTU 7624:2014 over [`Kalyna`]: simple
//! replacement (ECB), gamma (CTR), gamma with feedback (CFB), output
//! feedback (OFB) and cipher block chaining (CBC), with the PKCS#7 padding
//! that key containers put under CBC.
//!
//! | mode | what the standard does | OID arc (UAPKI, Bouncy Castle) |
//! |---|---|---|
//! | ECB | block by block | 1.2.804.2.1.1.1.1.1.3.1.x |
//! | CTR | `S = E(IV)`; per block `S += 1` (little-endian, whole block), gamma `E(S)`; a short last block uses the first bytes of the gamma | …3.2.x |
//! | CFB | gamma `E(IV)`; per `q` bytes: `C = P ⊕ gamma[n−q..n]`, then gamma `= E(gamma[..n−q] ‖ C)`; a short tail of `r` bytes uses `gamma[n−r..n]` | …3.3.x |
//! | CBC | `C_i = E(P_i ⊕ C_{i−1})`, `C_0 = IV`; whole blocks only | …3.5.x |
//! | OFB | gamma `E(IV)`, then `E(gamma)`; a short last block uses the first bytes | …3.6.x |
//!
//! `x` = 1, 2, 3 for 128-, 256- and 512-bit blocks. CFB is written as
//! UAPKI's `encrypt_cfb` computes it (its register keeps the first `n − q`
//! bytes of the previous gamma, not of the previous register), which the
//! standard's vectors confirm for `q` below the block length
//! (`tests/kalyna.rs`). The feedback width `q` is 1, 8, 16, 32 or 64 bytes
//! and at most the block.

use zeroize::Zeroize;

use super::{Kalyna, KalynaError};

const MAX_BLOCK: usize = 64;

fn check_iv(cipher: &Kalyna, iv: &[u8]) -> Result<(), KalynaError> {
    if iv.len() == cipher.block_len() {
        Ok(())
    } else {
        Err(KalynaError::Length {
            what: "IV",
            len: iv.len(),
            expected: cipher.block_len(),
        })
    }
}

fn check_aligned(cipher: &Kalyna, data: &[u8]) -> Result<(), KalynaError> {
    if data.len().is_multiple_of(cipher.block_len()) {
        Ok(())
    } else {
        Err(KalynaError::NotBlockAligned {
            len: data.len(),
            block: cipher.block_len(),
        })
    }
}

/// ECB encryption of whole blocks, in place.
pub fn ecb_encrypt(cipher: &Kalyna, data: &mut [u8]) -> Result<(), KalynaError> {
    check_aligned(cipher, data)?;
    cipher.encrypt_blocks_unchecked(data);
    Ok(())
}

/// ECB decryption of whole blocks, in place.
pub fn ecb_decrypt(cipher: &Kalyna, data: &mut [u8]) -> Result<(), KalynaError> {
    check_aligned(cipher, data)?;
    cipher.decrypt_blocks_unchecked(data);
    Ok(())
}

/// CBC encryption of whole blocks, in place.
pub fn cbc_encrypt(cipher: &Kalyna, iv: &[u8], data: &mut [u8]) -> Result<(), KalynaError> {
    check_iv(cipher, iv)?;
    check_aligned(cipher, data)?;
    let bl = cipher.block_len();
    let mut prev = [0u8; MAX_BLOCK];
    prev[..bl].copy_from_slice(iv);
    for block in data.chunks_exact_mut(bl) {
        for (b, p) in block.iter_mut().zip(&prev[..bl]) {
            *b ^= p;
        }
        cipher.encrypt_blocks_unchecked(block);
        prev[..bl].copy_from_slice(block);
    }
    Ok(())
}

/// CBC decryption of whole blocks, in place.
pub fn cbc_decrypt(cipher: &Kalyna, iv: &[u8], data: &mut [u8]) -> Result<(), KalynaError> {
    check_iv(cipher, iv)?;
    check_aligned(cipher, data)?;
    let bl = cipher.block_len();
    let mut prev = [0u8; MAX_BLOCK];
    let mut saved = [0u8; MAX_BLOCK];
    prev[..bl].copy_from_slice(iv);
    for block in data.chunks_exact_mut(bl) {
        saved[..bl].copy_from_slice(block);
        cipher.decrypt_blocks_unchecked(block);
        for (b, p) in block.iter_mut().zip(&prev[..bl]) {
            *b ^= p;
        }
        prev[..bl].copy_from_slice(&saved[..bl]);
    }
    Ok(())
}

/// Appends PKCS#7 padding ([RFC 5652 section 6.3]) up to a multiple of
/// `block` (1 to 255): always at least one byte.
///
/// [RFC 5652 section 6.3]: https://datatracker.ietf.org/doc/html/rfc5652#section-6.3
pub fn pkcs7_pad(data: &mut Vec<u8>, block: usize) {
    let block = block.clamp(1, 255);
    let pad = block - data.len() % block;
    data.resize(data.len() + pad, pad as u8);
}

/// Length of the data without its PKCS#7 padding. The last block is
/// examined in full whatever its content, so that the time taken does not
/// tell where a check failed.
pub fn pkcs7_unpadded_len(data: &[u8], block: usize) -> Result<usize, KalynaError> {
    if block == 0 || block > 255 || data.is_empty() || !data.len().is_multiple_of(block) {
        return Err(KalynaError::Padding);
    }
    let last = &data[data.len() - block..];
    let pad = usize::from(last[block - 1]);
    let mut bad = u8::from(pad == 0 || pad > block);
    for (i, &b) in last.iter().rev().enumerate() {
        // Bytes within the padding must equal its length.
        let inside = u8::from(i < pad);
        bad |= inside & u8::from(usize::from(b) != pad);
    }
    if bad == 0 {
        Ok(data.len() - pad)
    } else {
        Err(KalynaError::Padding)
    }
}

/// CTR ("gamma") mode, a keystream XORed into the data; encryption and
/// decryption are the same operation, and data may come in pieces of any
/// length.
pub struct Ctr<'a> {
    cipher: &'a Kalyna,
    counter: [u8; MAX_BLOCK],
    gamma: [u8; MAX_BLOCK],
    /// Bytes of `gamma` already used.
    used: usize,
}

impl<'a> Ctr<'a> {
    /// Starts the mode: the counter is `E(IV)`.
    pub fn new(cipher: &'a Kalyna, iv: &[u8]) -> Result<Ctr<'a>, KalynaError> {
        check_iv(cipher, iv)?;
        let bl = cipher.block_len();
        let mut counter = [0u8; MAX_BLOCK];
        counter[..bl].copy_from_slice(iv);
        cipher.encrypt_blocks_unchecked(&mut counter[..bl]);
        Ok(Ctr {
            cipher,
            counter,
            gamma: [0; MAX_BLOCK],
            used: bl,
        })
    }

    /// XORs the next `data.len()` bytes of keystream into `data`.
    pub fn apply_keystream(&mut self, data: &mut [u8]) {
        let bl = self.cipher.block_len();
        for b in data.iter_mut() {
            if self.used == bl {
                increment_le(&mut self.counter[..bl]);
                self.gamma[..bl].copy_from_slice(&self.counter[..bl]);
                self.cipher.encrypt_blocks_unchecked(&mut self.gamma[..bl]);
                self.used = 0;
            }
            *b ^= self.gamma[self.used];
            self.used += 1;
        }
    }
}

impl Drop for Ctr<'_> {
    fn drop(&mut self) {
        self.counter.zeroize();
        self.gamma.zeroize();
    }
}

fn increment_le(counter: &mut [u8]) {
    for byte in counter.iter_mut() {
        *byte = byte.wrapping_add(1);
        if *byte != 0 {
            break;
        }
    }
}

/// OFB mode: the gamma is `E(IV)`, `E(E(IV))`, …; encryption and decryption
/// are the same operation, and data may come in pieces of any length.
pub struct Ofb<'a> {
    cipher: &'a Kalyna,
    gamma: [u8; MAX_BLOCK],
    used: usize,
}

impl<'a> Ofb<'a> {
    /// Starts the mode.
    pub fn new(cipher: &'a Kalyna, iv: &[u8]) -> Result<Ofb<'a>, KalynaError> {
        check_iv(cipher, iv)?;
        let bl = cipher.block_len();
        let mut gamma = [0u8; MAX_BLOCK];
        gamma[..bl].copy_from_slice(iv);
        Ok(Ofb {
            cipher,
            gamma,
            used: bl,
        })
    }

    /// XORs the next `data.len()` bytes of keystream into `data`.
    pub fn apply_keystream(&mut self, data: &mut [u8]) {
        let bl = self.cipher.block_len();
        for b in data.iter_mut() {
            if self.used == bl {
                self.cipher.encrypt_blocks_unchecked(&mut self.gamma[..bl]);
                self.used = 0;
            }
            *b ^= self.gamma[self.used];
            self.used += 1;
        }
    }
}

impl Drop for Ofb<'_> {
    fn drop(&mut self) {
        self.gamma.zeroize();
    }
}

fn check_q(cipher: &Kalyna, q: usize) -> Result<(), KalynaError> {
    let block = cipher.block_len();
    if matches!(q, 1 | 8 | 16 | 32 | 64) && q <= block {
        Ok(())
    } else {
        Err(KalynaError::FeedbackWidth { q, block })
    }
}

/// CFB encryption of a whole message in place, with a feedback of `q`
/// bytes (the block length for "full" CFB).
pub fn cfb_encrypt(
    cipher: &Kalyna,
    iv: &[u8],
    q: usize,
    data: &mut [u8],
) -> Result<(), KalynaError> {
    cfb(cipher, iv, q, data, true)
}

/// CFB decryption of a whole message in place; see [`cfb_encrypt`].
pub fn cfb_decrypt(
    cipher: &Kalyna,
    iv: &[u8],
    q: usize,
    data: &mut [u8],
) -> Result<(), KalynaError> {
    cfb(cipher, iv, q, data, false)
}

fn cfb(
    cipher: &Kalyna,
    iv: &[u8],
    q: usize,
    data: &mut [u8],
    encrypt: bool,
) -> Result<(), KalynaError> {
    check_iv(cipher, iv)?;
    check_q(cipher, q)?;
    let bl = cipher.block_len();
    let offset = bl - q;
    let mut gamma = [0u8; MAX_BLOCK];
    gamma[..bl].copy_from_slice(iv);
    cipher.encrypt_blocks_unchecked(&mut gamma[..bl]);
    let mut chunks = data.chunks_exact_mut(q);
    for chunk in &mut chunks {
        // The register for the next gamma: the gamma's first n − q bytes,
        // then the ciphertext.
        for (i, b) in chunk.iter_mut().enumerate() {
            let c_in = *b;
            *b ^= gamma[offset + i];
            gamma[offset + i] = if encrypt { *b } else { c_in };
        }
        cipher.encrypt_blocks_unchecked(&mut gamma[..bl]);
    }
    let tail = chunks.into_remainder();
    let r = tail.len();
    for (b, g) in tail.iter_mut().zip(&gamma[bl - r..bl]) {
        *b ^= g;
    }
    gamma.zeroize();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_round_trips_and_rejects() {
        for len in 0..70 {
            let mut v: Vec<u8> = (0..len as u8).collect();
            pkcs7_pad(&mut v, 32);
            assert_eq!(v.len() % 32, 0);
            assert!(v.len() > len);
            assert_eq!(pkcs7_unpadded_len(&v, 32), Ok(len));
        }
        assert_eq!(pkcs7_unpadded_len(&[], 16), Err(KalynaError::Padding));
        assert_eq!(pkcs7_unpadded_len(&[0; 16], 16), Err(KalynaError::Padding));
        assert_eq!(pkcs7_unpadded_len(&[17; 16], 16), Err(KalynaError::Padding));
        let mut bad = [3u8; 16];
        bad[13] = 2;
        assert_eq!(pkcs7_unpadded_len(&bad, 16), Err(KalynaError::Padding));
        assert_eq!(pkcs7_unpadded_len(&[1; 15], 16), Err(KalynaError::Padding));
    }

    #[test]
    fn bad_parameters_are_errors() {
        let c = Kalyna::new(16, &[1; 16]).unwrap();
        assert!(matches!(
            cbc_encrypt(&c, &[0; 16], &mut [0; 17]),
            Err(KalynaError::NotBlockAligned { len: 17, block: 16 })
        ));
        assert!(matches!(
            Ctr::new(&c, &[0; 32]),
            Err(KalynaError::Length { what: "IV", .. })
        ));
        assert!(matches!(
            cfb_encrypt(&c, &[0; 16], 32, &mut [0; 8]),
            Err(KalynaError::FeedbackWidth { q: 32, block: 16 })
        ));
        assert!(matches!(
            cfb_encrypt(&c, &[0; 16], 3, &mut [0; 8]),
            Err(KalynaError::FeedbackWidth { q: 3, .. })
        ));
    }

    #[test]
    fn counter_carries_across_bytes() {
        let mut c = [0xff, 0xff, 0x00, 0x01];
        increment_le(&mut c);
        assert_eq!(c, [0, 0, 1, 1]);
        let mut all = [0xff; 3];
        increment_le(&mut all);
        assert_eq!(all, [0; 3]);
    }
}
