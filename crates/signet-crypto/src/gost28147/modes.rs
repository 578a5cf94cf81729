//! The gamma modes of GOST 28147-89: counter ("gammirovanie", CNT, [RFC 5830]
//! section 6) and cipher feedback ("gammirovanie s obratnoy svyaz'yu", CFB,
//! section 6.3), each with optional CryptoPro key meshing ([RFC 4357] section
//! 2.3.2).
//!
//! Both are streams: [`Cfb`] and [`Cnt`] take data in pieces of any length,
//! so large content never has to be held in memory; the result does not
//! depend on how the input is split. The key meshing follows the OpenSSL gost
//! engine and CryptoPro CSP, whose test vectors (`test_gost2814789.c`) cover
//! it: after each 1024 bytes, before the next gamma block, the key is meshed
//! and the feedback register (CFB: the last ciphertext block; CNT: the
//! counter register `N3|N4`) is encrypted under the new key.
//!
//! [RFC 5830]: https://datatracker.ietf.org/doc/html/rfc5830#section-6
//! [RFC 4357]: https://datatracker.ietf.org/doc/html/rfc4357#section-2.3.2

use zeroize::{Zeroize, ZeroizeOnDrop};

use super::cipher::{Gost28147, KeyMeshing, MESHING_PERIOD, le, put_le};
use super::sbox::SBox;

/// Counter constant `C2` of RFC 5830 section 6.1, added to `N3` modulo 2^32.
const C2: u32 = 0x0101_0101;
/// Counter constant `C1` of RFC 5830 section 6.1, added to `N4` modulo 2^32 - 1.
const C1: u32 = 0x0101_0104;

/// Blocks between two key meshings.
const MESHING_BLOCKS: usize = MESHING_PERIOD / 8;

/// GOST 28147-89 in CFB mode (RFC 5830 section 6.3), as a stream.
///
/// ```
/// use signet_crypto::gost28147::{Cfb, KeyMeshing, SBox};
///
/// let key = [7u8; 32];
/// let iv = [1u8; 8];
/// let mut data = *b"attack at dawn";
/// Cfb::new(&key, &SBox::CRYPTOPRO_A, &iv, KeyMeshing::CryptoPro).encrypt(&mut data);
/// Cfb::new(&key, &SBox::CRYPTOPRO_A, &iv, KeyMeshing::CryptoPro).decrypt(&mut data);
/// assert_eq!(&data, b"attack at dawn");
/// ```
#[derive(Clone)]
pub struct Cfb {
    cipher: Gost28147,
    meshing: KeyMeshing,
    /// The feedback register: the previous ciphertext block (the IV at first),
    /// filled with ciphertext as the current gamma block is used.
    register: [u8; 8],
    gamma: [u8; 8],
    /// Bytes of `gamma` used; 8 means a new gamma block is due.
    pos: usize,
    /// Gamma blocks made under the current key.
    blocks: usize,
}

impl Drop for Cfb {
    fn drop(&mut self) {
        self.register.zeroize();
        self.gamma.zeroize();
    }
}

impl ZeroizeOnDrop for Cfb {}

impl core::fmt::Debug for Cfb {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Cfb")
            .field("meshing", &self.meshing)
            .finish_non_exhaustive()
    }
}

impl Cfb {
    /// CFB under `key` and `sbox`, starting from `iv`.
    pub fn new(key: &[u8; 32], sbox: &SBox, iv: &[u8; 8], meshing: KeyMeshing) -> Cfb {
        Cfb::with_cipher(Gost28147::new(key, sbox), iv, meshing)
    }

    /// CFB with an already keyed cipher.
    pub fn with_cipher(cipher: Gost28147, iv: &[u8; 8], meshing: KeyMeshing) -> Cfb {
        Cfb {
            cipher,
            meshing,
            register: *iv,
            gamma: [0; 8],
            pos: 8,
            blocks: 0,
        }
    }

    /// The next gamma block `E(register)`, meshing the key first when due.
    fn gamma_words(&mut self) -> (u32, u32) {
        if self.meshing == KeyMeshing::CryptoPro && self.blocks == MESHING_BLOCKS {
            self.cipher.mesh_cryptopro(Some(&mut self.register));
            self.blocks = 0;
        }
        self.blocks += 1;
        self.cipher
            .encrypt_words(le(&self.register[..4]), le(&self.register[4..]))
    }

    fn next_gamma(&mut self) {
        let (a, b) = self.gamma_words();
        put_le(&mut self.gamma, a, b);
        self.pos = 0;
    }

    /// Encrypts the next piece of the stream in place.
    pub fn encrypt(&mut self, data: &mut [u8]) {
        self.process::<true>(data);
    }

    /// Decrypts the next piece of the stream in place.
    pub fn decrypt(&mut self, data: &mut [u8]) {
        self.process::<false>(data);
    }

    fn process<const ENCRYPT: bool>(&mut self, data: &mut [u8]) {
        let mut data = data;
        // Finish a gamma block begun by an earlier call.
        while self.pos < 8 && !data.is_empty() {
            self.step_byte::<ENCRYPT>(&mut data[0]);
            data = &mut data[1..];
        }
        let mut chunks = data.chunks_exact_mut(8);
        for chunk in &mut chunks {
            let (a, b) = self.gamma_words();
            let (x, y) = (le(&chunk[..4]) ^ a, le(&chunk[4..]) ^ b);
            if ENCRYPT {
                put_le(chunk, x, y);
                self.register.copy_from_slice(chunk);
            } else {
                self.register.copy_from_slice(chunk);
                put_le(chunk, x, y);
            }
        }
        for b in chunks.into_remainder() {
            self.step_byte::<ENCRYPT>(b);
        }
    }

    #[inline]
    fn step_byte<const ENCRYPT: bool>(&mut self, b: &mut u8) {
        if self.pos == 8 {
            self.next_gamma();
        }
        let c = if ENCRYPT {
            *b ^ self.gamma[self.pos]
        } else {
            *b
        };
        *b ^= self.gamma[self.pos];
        self.register[self.pos] = c;
        self.pos += 1;
    }
}

/// GOST 28147-89 in counter mode (RFC 5830 section 6.1), as a key stream.
///
/// The first gamma block is `E(N3 + C2 | N4 + C1)` where `N3|N4 = E(IV)`;
/// encryption and decryption are the same operation.
#[derive(Clone)]
pub struct Cnt {
    cipher: Gost28147,
    meshing: KeyMeshing,
    /// The counter register `N3|N4` as bytes (the IV until the first block).
    register: [u8; 8],
    started: bool,
    gamma: [u8; 8],
    pos: usize,
    blocks: usize,
}

impl Drop for Cnt {
    fn drop(&mut self) {
        self.register.zeroize();
        self.gamma.zeroize();
    }
}

impl ZeroizeOnDrop for Cnt {}

impl core::fmt::Debug for Cnt {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Cnt")
            .field("meshing", &self.meshing)
            .finish_non_exhaustive()
    }
}

impl Cnt {
    /// Counter mode under `key` and `sbox` with the synchronisation vector `iv`.
    pub fn new(key: &[u8; 32], sbox: &SBox, iv: &[u8; 8], meshing: KeyMeshing) -> Cnt {
        Cnt::with_cipher(Gost28147::new(key, sbox), iv, meshing)
    }

    /// Counter mode with an already keyed cipher.
    pub fn with_cipher(cipher: Gost28147, iv: &[u8; 8], meshing: KeyMeshing) -> Cnt {
        Cnt {
            cipher,
            meshing,
            register: *iv,
            started: false,
            gamma: [0; 8],
            pos: 8,
            blocks: 0,
        }
    }

    fn next_gamma(&mut self) {
        if self.meshing == KeyMeshing::CryptoPro && self.blocks == MESHING_BLOCKS {
            self.cipher.mesh_cryptopro(Some(&mut self.register));
            self.blocks = 0;
        }
        if !self.started {
            self.cipher.encrypt_block(&mut self.register);
            self.started = true;
        }
        let n3 = le(&self.register[..4]).wrapping_add(C2);
        let (mut n4, overflow) = le(&self.register[4..]).overflowing_add(C1);
        if overflow {
            // Addition modulo 2^32 - 1, as the gost engine and UAPKI do it.
            n4 = n4.wrapping_add(1);
        }
        put_le(&mut self.register, n3, n4);
        let (a, b) = self.cipher.encrypt_words(n3, n4);
        put_le(&mut self.gamma, a, b);
        self.blocks += 1;
        self.pos = 0;
    }

    /// XORs the next piece of the key stream into `data` (encrypts or decrypts).
    pub fn apply_keystream(&mut self, data: &mut [u8]) {
        let mut data = data;
        while self.pos < 8 && !data.is_empty() {
            data[0] ^= self.gamma[self.pos];
            self.pos += 1;
            data = &mut data[1..];
        }
        let mut chunks = data.chunks_exact_mut(8);
        for chunk in &mut chunks {
            self.next_gamma();
            for (b, g) in chunk.iter_mut().zip(self.gamma) {
                *b ^= g;
            }
            self.pos = 8;
        }
        for b in chunks.into_remainder() {
            if self.pos == 8 {
                self.next_gamma();
            }
            *b ^= self.gamma[self.pos];
            self.pos += 1;
        }
    }
}

/// Encrypts `data` in place in CFB mode (one shot).
pub fn encrypt_cfb(
    key: &[u8; 32],
    sbox: &SBox,
    iv: &[u8; 8],
    meshing: KeyMeshing,
    data: &mut [u8],
) {
    Cfb::new(key, sbox, iv, meshing).encrypt(data);
}

/// Decrypts `data` in place in CFB mode (one shot).
pub fn decrypt_cfb(
    key: &[u8; 32],
    sbox: &SBox,
    iv: &[u8; 8],
    meshing: KeyMeshing,
    data: &mut [u8],
) {
    Cfb::new(key, sbox, iv, meshing).decrypt(data);
}

/// Encrypts or decrypts `data` in place in counter mode (one shot).
pub fn apply_cnt(key: &[u8; 32], sbox: &SBox, iv: &[u8; 8], meshing: KeyMeshing, data: &mut [u8]) {
    Cnt::new(key, sbox, iv, meshing).apply_keystream(data);
}
