//! The GOST 28147-89 MAC ("imitovstavka", IMIT; [RFC 5830] section 7).
//!
//! Each 8-byte block is XORed into the state and put through the first 16
//! rounds of the cipher; the MAC is the first `l` bytes of the final state
//! (32 bits unless a protocol says otherwise). The last partial block is
//! padded with zero bytes, and a message of a single block is followed by a
//! block of zeros, because the standard requires at least two; the empty
//! message has the initial state (zero, or the IV) as its MAC. These rules,
//! the IV variant `gost28147IMIT(IV, K, M)` of [RFC 4357] section 6, and
//! CryptoPro key meshing every 1024 bytes (without an IV to encrypt) follow
//! the gost engine and CryptoPro CSP, whose vectors test them (`testimit3`,
//! `testimit4`, `testimit6`, `testimit7` and `test5Mimit` in the engine's
//! `test_gost2814789.c`).
//!
//! [RFC 5830]: https://datatracker.ietf.org/doc/html/rfc5830#section-7
//! [RFC 4357]: https://datatracker.ietf.org/doc/html/rfc4357#section-6

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::Error;
use super::cipher::{Gost28147, KeyMeshing, MESHING_PERIOD, le, put_le};
use super::sbox::SBox;

/// The incremental GOST 28147-89 MAC.
///
/// ```
/// use signet_crypto::gost28147::{Imit, KeyMeshing, SBox};
///
/// let mut mac = Imit::new(&[1u8; 32], &SBox::CRYPTOPRO_A, KeyMeshing::CryptoPro);
/// mac.update(b"Test data ");
/// mac.update(b"to digest.\n");
/// let tag: [u8; 4] = mac.finalize_imit();
/// # let _ = tag;
/// ```
#[derive(Clone)]
pub struct Imit {
    cipher: Gost28147,
    meshing: KeyMeshing,
    state: [u8; 8],
    pending: [u8; 8],
    /// Bytes in `pending`; a full block stays pending until more data comes,
    /// so that the last block is known at the end.
    pending_len: usize,
    /// Blocks MACed under the current key (for key meshing).
    blocks: usize,
    /// Whether any block has been MACed yet.
    started: bool,
}

impl Drop for Imit {
    fn drop(&mut self) {
        self.state.zeroize();
        self.pending.zeroize();
    }
}

impl ZeroizeOnDrop for Imit {}

impl core::fmt::Debug for Imit {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Imit")
            .field("meshing", &self.meshing)
            .finish_non_exhaustive()
    }
}

impl Imit {
    /// The MAC under `key` and `sbox` with a zero initial state.
    pub fn new(key: &[u8; 32], sbox: &SBox, meshing: KeyMeshing) -> Imit {
        Imit::with_iv(key, sbox, &[0; 8], meshing)
    }

    /// The MAC with the initial state `iv` (`gost28147IMIT(IV, K, M)` of
    /// RFC 4357 section 6, used by the key wraps).
    pub fn with_iv(key: &[u8; 32], sbox: &SBox, iv: &[u8; 8], meshing: KeyMeshing) -> Imit {
        Imit::with_cipher(Gost28147::new(key, sbox), iv, meshing)
    }

    /// The MAC with an already keyed cipher and the initial state `iv`.
    pub fn with_cipher(cipher: Gost28147, iv: &[u8; 8], meshing: KeyMeshing) -> Imit {
        Imit {
            cipher,
            meshing,
            state: *iv,
            pending: [0; 8],
            pending_len: 0,
            blocks: 0,
            started: false,
        }
    }

    fn mac_block(&mut self, block: &[u8; 8]) {
        if self.meshing == KeyMeshing::CryptoPro && self.blocks == MESHING_PERIOD / 8 {
            self.cipher.mesh_cryptopro(None);
            self.blocks = 0;
        }
        for (s, b) in self.state.iter_mut().zip(block) {
            *s ^= b;
        }
        let (n1, n2) = self
            .cipher
            .mac_words(le(&self.state[..4]), le(&self.state[4..]));
        put_le(&mut self.state, n1, n2);
        self.blocks += 1;
        self.started = true;
    }

    /// Feeds the next piece of the message.
    pub fn update(&mut self, data: &[u8]) {
        let mut data = data;
        while !data.is_empty() {
            if self.pending_len == 8 {
                let block = self.pending;
                self.mac_block(&block);
                self.pending_len = 0;
            }
            if self.pending_len == 0 && data.len() > 8 {
                // Whole blocks that are certainly not the last one.
                let whole = (data.len() - 1) / 8 * 8;
                let (blocks, rest) = data.split_at(whole);
                for chunk in blocks.chunks_exact(8) {
                    let mut block = [0u8; 8];
                    block.copy_from_slice(chunk);
                    self.mac_block(&block);
                }
                data = rest;
                continue;
            }
            let take = (8 - self.pending_len).min(data.len());
            self.pending[self.pending_len..self.pending_len + take].copy_from_slice(&data[..take]);
            self.pending_len += take;
            data = &data[take..];
        }
    }

    /// The full 64-bit final state; the MAC of `l` bytes is its first `l` bytes.
    pub fn finalize(mut self) -> [u8; 8] {
        if self.pending_len > 0 {
            let single_block = !self.started;
            let mut block = [0u8; 8];
            block[..self.pending_len].copy_from_slice(&self.pending[..self.pending_len]);
            self.mac_block(&block);
            if single_block {
                self.mac_block(&[0; 8]);
            }
        }
        self.state
    }

    /// The 32-bit MAC, the default length of RFC 5830 and of the key wraps.
    pub fn finalize_imit(self) -> [u8; 4] {
        let state = self.finalize();
        [state[0], state[1], state[2], state[3]]
    }

    /// Checks a received MAC of 1 to 8 bytes in constant time.
    pub fn verify(self, tag: &[u8]) -> Result<(), Error> {
        if !(1..=8).contains(&tag.len()) {
            return Err(Error::InvalidMacLength(tag.len()));
        }
        let state = self.finalize();
        if bool::from(state[..tag.len()].ct_eq(tag)) {
            Ok(())
        } else {
            Err(Error::MacMismatch)
        }
    }

    /// The MAC truncated to `len` bytes (1 to 8).
    pub fn finalize_truncated(self, len: usize) -> Result<Vec<u8>, Error> {
        if !(1..=8).contains(&len) {
            return Err(Error::InvalidMacLength(len));
        }
        Ok(self.finalize()[..len].to_vec())
    }
}

/// The 32-bit MAC of `data` (one shot, zero initial state).
pub fn imit(key: &[u8; 32], sbox: &SBox, meshing: KeyMeshing, data: &[u8]) -> [u8; 4] {
    let mut mac = Imit::new(key, sbox, meshing);
    mac.update(data);
    mac.finalize_imit()
}
