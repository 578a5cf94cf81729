//! GOST 34.311-95 (the Ukrainian adoption of GOST R 34.11-94) with a
//! run-time S-box.
//!
//! The `gost94` crate fixes its S-box at compile time, which serves the
//! DKE №1 hash of [`DigestAlgorithm::Gost34311Ua`](crate::DigestAlgorithm)
//! and the CryptoPro hash. A DSTU 4145 key may name another table in its
//! `DSTU4145Params.dke`, and then its signatures hash with that table
//! (Bouncy Castle's DSTU 4145 `SignatureSpi` builds its `GOST3411Digest`
//! from the key's DKE): this module is that hash for any [`SBox`].
//!
//! The algorithm is that of GOST R 34.11-94 as [RFC 5831] sections 5 to 7
//! describe it, bytes little-endian as in RFC 5831's examples, the `gost94`
//! crate, UAPKI (`library/uapkic/src/gost34311.c`) and the `gost89` npm
//! package (`lib/hash.js`): the step function encrypts the four 64-bit words
//! of H with GOST 28147-89 under keys made by the P and A transforms with
//! the constant C3 (section 6.1), then mixes with the ψ shift register
//! (section 6.3); the message is processed in 256-bit blocks, the last one
//! padded with zero bytes (none when the length is a multiple of 32 bytes,
//! the empty message included), then the bit length and the 256-bit sum of
//! the blocks are compressed in. The initial H is zero, as in Ukrainian use
//! and the `gost94` crate's GOST 34.311-95 parameters.
//!
//! Checked against the `gost94` crate on the three tables it carries (DKE
//! №1, CryptoPro, the GOST R 34.11-94 test table) in `tests.rs`, and against
//! the `gost89` npm package under other tables in signet-pki's
//! `tests/dstu_kupyna_dke.rs`.
//!
//! [RFC 5831]: https://datatracker.ietf.org/doc/html/rfc5831

use super::cipher::Gost28147;
use super::sbox::SBox;

type Block = [u8; 32];

/// C3 of RFC 5831 section 6.1 (C2 and C4 are zero), bytes little-endian.
const C3: Block = [
    0x00, 0xff, 0x00, 0xff, 0x00, 0xff, 0x00, 0xff, 0xff, 0x00, 0xff, 0x00, 0xff, 0x00, 0xff, 0x00,
    0x00, 0xff, 0xff, 0x00, 0xff, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0xff,
];

/// A GOST 34.311-95 hash in progress, under any GOST 28147-89 S-box.
///
/// ```
/// use signet_crypto::gost28147::{Gost34311, SBox};
/// let mut h = Gost34311::new(&SBox::UA_DKE_1);
/// h.update(b"ab");
/// h.update(b"c");
/// assert_eq!(h.finish(), Gost34311::digest(&SBox::UA_DKE_1, b"abc"));
/// ```
#[derive(Clone)]
pub struct Gost34311 {
    cipher: Gost28147,
    h: Block,
    /// The length hashed so far, in bits, as a 256-bit little-endian number.
    len_bits: [u64; 4],
    /// The sum of the blocks modulo 2^256 (Σ).
    sigma: [u64; 4],
    buffer: Block,
    buffered: usize,
}

impl core::fmt::Debug for Gost34311 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Gost34311 { .. }")
    }
}

impl Gost34311 {
    /// A hash under `sbox`, with the zero initial value.
    pub fn new(sbox: &SBox) -> Gost34311 {
        Gost34311 {
            cipher: Gost28147::new(&[0; 32], sbox),
            h: [0; 32],
            len_bits: [0; 4],
            sigma: [0; 4],
            buffer: [0; 32],
            buffered: 0,
        }
    }

    /// The hash of `data` under `sbox`, at once.
    pub fn digest(sbox: &SBox, data: &[u8]) -> [u8; 32] {
        let mut hasher = Gost34311::new(sbox);
        hasher.update(data);
        hasher.finish()
    }

    /// Adds the next piece of the message.
    pub fn update(&mut self, mut data: &[u8]) {
        if self.buffered > 0 {
            let take = (32 - self.buffered).min(data.len());
            self.buffer[self.buffered..self.buffered + take].copy_from_slice(&data[..take]);
            self.buffered += take;
            data = &data[take..];
            if self.buffered < 32 {
                return;
            }
            let block = self.buffer;
            self.absorb(&block, 32);
            self.buffered = 0;
        }
        let mut blocks = data.chunks_exact(32);
        for block in &mut blocks {
            let mut b = [0u8; 32];
            b.copy_from_slice(block);
            self.absorb(&b, 32);
        }
        let rest = blocks.remainder();
        self.buffer[..rest.len()].copy_from_slice(rest);
        self.buffered = rest.len();
    }

    /// Ends the message and returns the 32-byte hash (H, little-endian as
    /// Ukrainian structures carry it).
    pub fn finish(mut self) -> [u8; 32] {
        if self.buffered > 0 {
            let mut last = [0u8; 32];
            last[..self.buffered].copy_from_slice(&self.buffer[..self.buffered]);
            self.absorb(&last, self.buffered);
        }
        let len = words_to_block(&self.len_bits);
        self.step(&len);
        let sigma = words_to_block(&self.sigma);
        self.step(&sigma);
        self.h
    }

    /// One message block of `len` bytes (zero-padded to 32).
    fn absorb(&mut self, block: &Block, len: usize) {
        self.step(block);
        let mut carry = 0u64;
        for (word, chunk) in self.sigma.iter_mut().zip(block.chunks_exact(8)) {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            (*word, carry) = add_carry(*word, u64::from_le_bytes(b), carry);
        }
        // len ≤ 32, so its bit count fits the low word with room to carry.
        let mut carry = (len as u64) << 3;
        for word in &mut self.len_bits {
            (*word, carry) = add_carry(*word, carry, 0);
        }
    }

    /// The step function `H := χ(M, H)` of RFC 5831 section 6: key
    /// generation (6.1), encryption (6.2), shuffling (6.3).
    fn step(&mut self, m: &Block) {
        let mut s = self.h;
        let mut u = self.h;
        let mut v = *m;
        for (i, word) in s.chunks_exact_mut(8).enumerate() {
            if i > 0 {
                u = a(&u);
                if i == 2 {
                    xor_into(&mut u, &C3);
                }
                v = a(&a(&v));
            }
            let mut w = u;
            xor_into(&mut w, &v);
            self.cipher.set_key(&p(&w));
            let mut block = [0u8; 8];
            block.copy_from_slice(word);
            self.cipher.encrypt_block(&mut block);
            word.copy_from_slice(&block);
        }
        // H := ψ^61(H ⊕ ψ(M ⊕ ψ^12(S)))
        for _ in 0..12 {
            psi(&mut s);
        }
        xor_into(&mut s, m);
        psi(&mut s);
        xor_into(&mut self.h, &s);
        for _ in 0..61 {
            psi(&mut self.h);
        }
    }
}

fn add_carry(a: u64, b: u64, carry: u64) -> (u64, u64) {
    let sum = u128::from(a) + u128::from(b) + u128::from(carry);
    (sum as u64, (sum >> 64) as u64)
}

fn words_to_block(words: &[u64; 4]) -> Block {
    let mut out = [0u8; 32];
    for (chunk, w) in out.chunks_exact_mut(8).zip(words) {
        chunk.copy_from_slice(&w.to_le_bytes());
    }
    out
}

fn xor_into(a: &mut Block, b: &Block) {
    for (x, y) in a.iter_mut().zip(b) {
        *x ^= y;
    }
}

/// A(y4‖y3‖y2‖y1) = (y1 ⊕ y2)‖y4‖y3‖y2 (RFC 5831 section 6.1), the 64-bit
/// words little-endian: y1 is bytes 0..8.
fn a(y: &Block) -> Block {
    let mut out = [0u8; 32];
    out[..24].copy_from_slice(&y[8..]);
    for i in 0..8 {
        out[24 + i] = y[i] ^ y[8 + i];
    }
    out
}

/// The byte permutation P: φ(i + 1 + 4(k − 1)) = 8i + k (RFC 5831 section
/// 6.1), zero-based here.
fn p(y: &Block) -> [u8; 32] {
    let mut out = [0u8; 32];
    for i in 0..4 {
        for k in 0..8 {
            out[i + 4 * k] = y[8 * i + k];
        }
    }
    out
}

/// ψ(y16‖…‖y1) = (y1 ⊕ y2 ⊕ y3 ⊕ y4 ⊕ y13 ⊕ y16)‖y16‖…‖y2 on 16-bit words
/// (RFC 5831 section 6.3), y1 being bytes 0..2.
fn psi(y: &mut Block) {
    let w = |i: usize| [y[2 * i], y[2 * i + 1]];
    let mut top = [0u8; 2];
    for i in [0, 1, 2, 3, 12, 15] {
        let v = w(i);
        top[0] ^= v[0];
        top[1] ^= v[1];
    }
    y.copy_within(2.., 0);
    y[30..].copy_from_slice(&top);
}
