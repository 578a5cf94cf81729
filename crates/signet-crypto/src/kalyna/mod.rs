//! DSTU 7624:2014 "Kalyna", the Ukrainian block cipher standard, in all
//! five block/key sizes it defines, and its modes of operation that key
//! containers use ([`modes`]).
//!
//! | block | key | rounds |
//! |---|---|---|
//! | 128 | 128, 256 | 10, 14 |
//! | 256 | 256, 512 | 14, 18 |
//! | 512 | 512 | 18 |
//!
//! Written here because no well-kept crate does it: on crates.io (Nov 2026)
//! `tc_dstu7624` 0.1 is one release on its own trait family, and
//! `dstu-core` 0.7 calls itself pre-release and provisional; signet's tests
//! use `dstu-core` as an independent oracle, as Streebog's tests use the
//! RustCrypto crate.
//!
//! The algorithm follows the designers' reference implementation
//! ([Kalyna-reference], Kiianchuk, Mordvinov, Oliynykov; the paper is [IACR
//! ePrint 2015/650]): the state is `nb` little-endian 64-bit columns, the
//! first and last round keys are added modulo 2⁶⁴ per column, the others
//! XORed; the key schedule derives `Kt` from the key with three rounds,
//! the even round keys from `Kt`, the key and the constant
//! `0x0001000100010001 << (i/2)`, and each odd round key is the preceding
//! one rotated left by `2·nb + 3` bytes. The S-boxes come from that
//! implementation's `tables.c`; the vectors in `tests/kalyna.rs` are the
//! standard's (as the reference, Bouncy Castle's `DSTU7624Test` and UAPKI
//! print them).
//!
//! **Side channels.** A round is eight table look-ups per column indexed by
//! state bytes ([`tables`]), the usual software form of Kalyna as of AES
//! (the reference, UAPKI and Bouncy Castle all do the same): it is not
//! constant-time against cache-timing attackers on the same machine. signet
//! uses Kalyna to open key containers with a password, not as an oracle
//! that a remote party can query at will. Round keys are zeroized on drop,
//! and so are the key-schedule temporaries.
//!
//! [Kalyna-reference]: https://github.com/Roman-Oliynykov/Kalyna-reference
//! [IACR ePrint 2015/650]: https://eprint.iacr.org/2015/650

pub mod modes;
mod sbox;
mod tables;

use zeroize::{Zeroize, ZeroizeOnDrop};

use self::sbox::SBOX;
use self::tables::{DEC, ENC, INV_SBOX};

/// Why a Kalyna operation was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KalynaError {
    /// The block/key size pair is not one of the standard's five.
    #[error("DSTU 7624 has no {block_bits}-bit block with a {key_bits}-bit key")]
    UnsupportedSize {
        /// Block length asked for, in bits.
        block_bits: usize,
        /// Key length given, in bits.
        key_bits: usize,
    },
    /// A block, IV or other fixed-size input has the wrong length.
    #[error("the {what} is {len} bytes, {expected} expected")]
    Length {
        /// What was wrong ("block", "IV").
        what: &'static str,
        /// Its length.
        len: usize,
        /// The length it must have.
        expected: usize,
    },
    /// A block mode was given data that is not whole blocks.
    #[error("{len} bytes are not a whole number of {block}-byte blocks")]
    NotBlockAligned {
        /// Length of the data.
        len: usize,
        /// The block length.
        block: usize,
    },
    /// The CFB feedback width is not one the standard allows for this block.
    #[error("a CFB feedback of {q} bytes is not allowed with {block}-byte blocks")]
    FeedbackWidth {
        /// The feedback width asked for, in bytes.
        q: usize,
        /// The block length.
        block: usize,
    },
    /// PKCS#7 padding is missing or malformed (for a decryption under a
    /// password, usually the wrong password).
    #[error("the padding is malformed")]
    Padding,
}

const MAX_NB: usize = 8;
const MAX_ROUND_KEYS: usize = 19;

type Words = [u64; MAX_NB];

/// A Kalyna key schedule, ready to encrypt and decrypt blocks.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Kalyna {
    /// Block length in 64-bit words (2, 4 or 8).
    #[zeroize(skip)]
    nb: usize,
    /// Key length in 64-bit words.
    #[zeroize(skip)]
    nk: usize,
    /// Number of rounds (10, 14 or 18).
    #[zeroize(skip)]
    nr: usize,
    /// Round keys `K0 … Knr`.
    enc: [Words; MAX_ROUND_KEYS],
    /// Round keys for the table form of decryption: `K0`, `Knr`, and in
    /// between `InvMixColumns(Ki)`.
    dec: [Words; MAX_ROUND_KEYS],
}

impl core::fmt::Debug for Kalyna {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Kalyna")
            .field("block_bits", &(self.nb * 64))
            .field("key_bits", &(self.nk * 64))
            .finish_non_exhaustive()
    }
}

impl Kalyna {
    /// Expands `key` for blocks of `block_len` bytes (16, 32 or 64); the key
    /// is as long as the block or twice as long (not for 64-byte blocks).
    pub fn new(block_len: usize, key: &[u8]) -> Result<Kalyna, KalynaError> {
        let unsupported = KalynaError::UnsupportedSize {
            block_bits: block_len * 8,
            key_bits: key.len() * 8,
        };
        let (nb, nk) = match (block_len, key.len()) {
            (16, 16) => (2, 2),
            (16, 32) => (2, 4),
            (32, 32) => (4, 4),
            (32, 64) => (4, 8),
            (64, 64) => (8, 8),
            _ => return Err(unsupported),
        };
        let nr = match nk {
            2 => 10,
            4 => 14,
            _ => 18,
        };
        let mut key_words = Zeroizing64([0u64; MAX_NB]);
        for (w, chunk) in key_words.0.iter_mut().zip(key.chunks_exact(8)) {
            *w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        }
        let mut cipher = Kalyna {
            nb,
            nk,
            nr,
            enc: [[0; MAX_NB]; MAX_ROUND_KEYS],
            dec: [[0; MAX_NB]; MAX_ROUND_KEYS],
        };
        match nb {
            2 => cipher.expand::<2>(&key_words.0),
            4 => cipher.expand::<4>(&key_words.0),
            _ => cipher.expand::<8>(&key_words.0),
        }
        Ok(cipher)
    }

    /// Block length in bytes.
    pub fn block_len(&self) -> usize {
        self.nb * 8
    }

    /// Key length in bytes.
    pub fn key_len(&self) -> usize {
        self.nk * 8
    }

    /// Encrypts one block in place.
    pub fn encrypt_block(&self, block: &mut [u8]) -> Result<(), KalynaError> {
        self.check_block(block.len())?;
        match self.nb {
            2 => self.encrypt_bytes::<2>(block),
            4 => self.encrypt_bytes::<4>(block),
            _ => self.encrypt_bytes::<8>(block),
        }
        Ok(())
    }

    /// Decrypts one block in place.
    pub fn decrypt_block(&self, block: &mut [u8]) -> Result<(), KalynaError> {
        self.check_block(block.len())?;
        match self.nb {
            2 => self.decrypt_bytes::<2>(block),
            4 => self.decrypt_bytes::<4>(block),
            _ => self.decrypt_bytes::<8>(block),
        }
        Ok(())
    }

    fn check_block(&self, len: usize) -> Result<(), KalynaError> {
        if len == self.block_len() {
            Ok(())
        } else {
            Err(KalynaError::Length {
                what: "block",
                len,
                expected: self.block_len(),
            })
        }
    }

    /// Encrypts whole blocks of `data` (a multiple of the block length,
    /// checked by the caller) one after another.
    pub(crate) fn encrypt_blocks_unchecked(&self, data: &mut [u8]) {
        let bl = self.block_len();
        for block in data.chunks_exact_mut(bl) {
            match self.nb {
                2 => self.encrypt_bytes::<2>(block),
                4 => self.encrypt_bytes::<4>(block),
                _ => self.encrypt_bytes::<8>(block),
            }
        }
    }

    /// Decrypts whole blocks, as [`Self::encrypt_blocks_unchecked`].
    pub(crate) fn decrypt_blocks_unchecked(&self, data: &mut [u8]) {
        let bl = self.block_len();
        for block in data.chunks_exact_mut(bl) {
            match self.nb {
                2 => self.decrypt_bytes::<2>(block),
                4 => self.decrypt_bytes::<4>(block),
                _ => self.decrypt_bytes::<8>(block),
            }
        }
    }

    fn encrypt_bytes<const NB: usize>(&self, block: &mut [u8]) {
        let mut s = load::<NB>(block);
        self.encrypt_words::<NB>(&mut s);
        store(&s, block);
        s.zeroize();
    }

    fn decrypt_bytes<const NB: usize>(&self, block: &mut [u8]) {
        let mut s = load::<NB>(block);
        self.decrypt_words::<NB>(&mut s);
        store(&s, block);
        s.zeroize();
    }

    #[inline(always)]
    fn encrypt_words<const NB: usize>(&self, s: &mut [u64; NB]) {
        add(s, &self.enc[0]);
        for k in &self.enc[1..self.nr] {
            *s = round::<NB>(s);
            xor(s, k);
        }
        *s = round::<NB>(s);
        add(s, &self.enc[self.nr]);
    }

    #[inline(always)]
    fn decrypt_words<const NB: usize>(&self, s: &mut [u64; NB]) {
        sub(s, &self.dec[self.nr]);
        *s = inv_mix::<NB>(s);
        for k in self.dec[1..self.nr].iter().rev() {
            *s = inv_round::<NB>(s);
            xor(s, k);
        }
        *s = inv_sub_shift::<NB>(s);
        sub(s, &self.dec[0]);
    }

    /// The key schedule of DSTU 7624 section 6 (the reference's
    /// `KeyExpandKt`, `KeyExpandEven`, `KeyExpandOdd`).
    fn expand<const NB: usize>(&mut self, key: &Words) {
        let nk = self.nk;
        let nr = self.nr;
        let mut k0 = [0u64; NB];
        let mut k1 = [0u64; NB];
        k0.copy_from_slice(&key[..NB]);
        if nk == NB {
            k1 = k0;
        } else {
            k1.copy_from_slice(&key[NB..2 * NB]);
        }

        // Kt: three rounds over the constant (nb + nk + 1).
        let mut kt = [0u64; NB];
        kt[0] = (NB + nk + 1) as u64;
        add(&mut kt, &k0);
        kt = round::<NB>(&kt);
        xor(&mut kt, &k1);
        kt = round::<NB>(&kt);
        add(&mut kt, &k0);
        kt = round::<NB>(&kt);

        // Even round keys.
        let mut data = *key;
        let mut tmv = [0x0001_0001_0001_0001u64; NB];
        let mut idx = 0;
        let mut half = [0u64; NB];
        loop {
            half.copy_from_slice(&data[..NB]);
            self.even_key::<NB>(idx, &kt, &tmv, &half);
            if idx == nr {
                break;
            }
            if nk != NB {
                idx += 2;
                shift_left(&mut tmv);
                half.copy_from_slice(&data[NB..2 * NB]);
                self.even_key::<NB>(idx, &kt, &tmv, &half);
                if idx == nr {
                    break;
                }
            }
            idx += 2;
            shift_left(&mut tmv);
            data[..nk].rotate_left(1);
        }

        // Odd round keys: the previous one rotated left by 2·nb + 3 bytes.
        let mut bytes = [0u8; MAX_NB * 8];
        for i in (1..nr).step_by(2) {
            let b = &mut bytes[..NB * 8];
            for (w, chunk) in self.enc[i - 1][..NB].iter().zip(b.chunks_exact_mut(8)) {
                chunk.copy_from_slice(&w.to_le_bytes());
            }
            b.rotate_left(2 * NB + 3);
            for (w, chunk) in self.enc[i][..NB].iter_mut().zip(b.chunks_exact(8)) {
                *w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            }
        }

        // Decryption keys for the table form.
        self.dec[0] = self.enc[0];
        self.dec[nr] = self.enc[nr];
        for i in 1..nr {
            let mut k = [0u64; NB];
            k.copy_from_slice(&self.enc[i][..NB]);
            let m = inv_mix::<NB>(&k);
            self.dec[i][..NB].copy_from_slice(&m);
            k.zeroize();
        }

        bytes.zeroize();
        data.zeroize();
        half.zeroize();
        kt.zeroize();
        k0.zeroize();
        k1.zeroize();
    }

    fn even_key<const NB: usize>(
        &mut self,
        idx: usize,
        kt: &[u64; NB],
        tmv: &[u64; NB],
        half: &[u64; NB],
    ) {
        let mut kt_round = *kt;
        add(&mut kt_round, tmv);
        let mut s = *half;
        add(&mut s, &kt_round);
        s = round::<NB>(&s);
        xor(&mut s, &kt_round);
        s = round::<NB>(&s);
        add(&mut s, &kt_round);
        self.enc[idx][..NB].copy_from_slice(&s);
        s.zeroize();
        kt_round.zeroize();
    }
}

/// A key buffer that is wiped when dropped.
struct Zeroizing64(Words);

impl Drop for Zeroizing64 {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

fn load<const NB: usize>(block: &[u8]) -> [u64; NB] {
    let mut s = [0u64; NB];
    for (w, chunk) in s.iter_mut().zip(block.chunks_exact(8)) {
        *w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
    }
    s
}

fn store<const NB: usize>(s: &[u64; NB], block: &mut [u8]) {
    for (w, chunk) in s.iter().zip(block.chunks_exact_mut(8)) {
        chunk.copy_from_slice(&w.to_le_bytes());
    }
}

#[inline(always)]
fn add<const NB: usize>(s: &mut [u64; NB], k: &[u64]) {
    for (a, b) in s.iter_mut().zip(k) {
        *a = a.wrapping_add(*b);
    }
}

#[inline(always)]
fn sub<const NB: usize>(s: &mut [u64; NB], k: &[u64]) {
    for (a, b) in s.iter_mut().zip(k) {
        *a = a.wrapping_sub(*b);
    }
}

#[inline(always)]
fn xor<const NB: usize>(s: &mut [u64; NB], k: &[u64]) {
    for (a, b) in s.iter_mut().zip(k) {
        *a ^= *b;
    }
}

fn shift_left<const NB: usize>(s: &mut [u64; NB]) {
    for w in s.iter_mut() {
        *w <<= 1;
    }
}

#[inline(always)]
fn byte(w: u64, row: usize) -> usize {
    ((w >> (8 * row)) & 0xff) as usize
}

/// `ShiftRows` moves row `r` by `r·nb/8` columns.
#[inline(always)]
const fn row_shift<const NB: usize>(row: usize) -> usize {
    row * NB / 8
}

/// `MixColumns ∘ ShiftRows ∘ SubBytes`.
#[inline(always)]
fn round<const NB: usize>(s: &[u64; NB]) -> [u64; NB] {
    let mut out = [0u64; NB];
    for (c, o) in out.iter_mut().enumerate() {
        let mut acc = 0u64;
        for (row, table) in ENC.iter().enumerate() {
            let src = (c + NB - row_shift::<NB>(row)) % NB;
            acc ^= table[byte(s[src], row)];
        }
        *o = acc;
    }
    out
}

/// `InvMixColumns ∘ InvSubBytes ∘ InvShiftRows`.
#[inline(always)]
fn inv_round<const NB: usize>(s: &[u64; NB]) -> [u64; NB] {
    let mut out = [0u64; NB];
    for (c, o) in out.iter_mut().enumerate() {
        let mut acc = 0u64;
        for (row, table) in DEC.iter().enumerate() {
            let src = (c + row_shift::<NB>(row)) % NB;
            acc ^= table[byte(s[src], row)];
        }
        *o = acc;
    }
    out
}

/// `InvSubBytes ∘ InvShiftRows`, the last step of decryption.
fn inv_sub_shift<const NB: usize>(s: &[u64; NB]) -> [u64; NB] {
    let mut out = [0u64; NB];
    for (c, o) in out.iter_mut().enumerate() {
        let mut acc = 0u64;
        for (row, inv) in INV_SBOX.iter().cycle().take(8).enumerate() {
            let src = (c + row_shift::<NB>(row)) % NB;
            acc |= u64::from(inv[byte(s[src], row)]) << (8 * row);
        }
        *o = acc;
    }
    out
}

/// `InvMixColumns` alone: the `DEC` tables undo the S-box they include
/// when fed `S(x)`.
fn inv_mix<const NB: usize>(s: &[u64; NB]) -> [u64; NB] {
    let mut out = [0u64; NB];
    for (o, w) in out.iter_mut().zip(s) {
        let mut acc = 0u64;
        for (row, table) in DEC.iter().enumerate() {
            acc ^= table[usize::from(SBOX[row % 4][byte(*w, row)])];
        }
        *o = acc;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// DSTU 7624:2014 annex, Kalyna-128/128 encryption (the first vector of
    /// Bouncy Castle's `DSTU7624Test` and of UAPKI's ECB self-test); the
    /// full set is in `tests/kalyna.rs`.
    #[test]
    fn first_standard_vector() {
        let c = Kalyna::new(16, &hex("000102030405060708090A0B0C0D0E0F")).unwrap();
        let mut b = hex("101112131415161718191A1B1C1D1E1F");
        c.encrypt_block(&mut b).unwrap();
        assert_eq!(b, hex("81BF1C7D779BAC20E1C9EA39B4D2AD06"));
        c.decrypt_block(&mut b).unwrap();
        assert_eq!(b, hex("101112131415161718191A1B1C1D1E1F"));
    }

    #[test]
    fn sizes_outside_the_standard_are_refused() {
        for (block, key) in [(16, 64), (32, 16), (64, 32), (64, 128), (8, 8), (0, 0)] {
            assert!(matches!(
                Kalyna::new(block, &vec![0; key]),
                Err(KalynaError::UnsupportedSize { .. })
            ));
        }
        let c = Kalyna::new(32, &[0; 32]).unwrap();
        assert!(matches!(
            c.encrypt_block(&mut [0; 16]),
            Err(KalynaError::Length { expected: 32, .. })
        ));
    }

    #[test]
    fn debug_hides_the_key() {
        let c = Kalyna::new(16, &[0x5a; 32]).unwrap();
        let text = format!("{c:?}");
        assert!(text.contains("key_bits: 256"), "{text}");
        assert!(!text.contains("90"), "{text}");
    }
}
