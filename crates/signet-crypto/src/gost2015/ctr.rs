//! CTR ([GOST R 34.13-2015] section 5.2) and CTR-ACPKM ([RFC 8645] section
//! 6.2.2, R 1323565.1.017-2018) as a key stream.
//!
//! [GOST R 34.13-2015]: https://tc26.ru/standard/gost/GOST_R_3413-2015.pdf
//! [RFC 8645]: https://datatracker.ietf.org/doc/html/rfc8645#section-6.2.2

use cipher::Block;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::{Error, Gost2015Cipher, block_from, keyed};

/// The constant `D` of the ACPKM key change ([RFC 8645 section 6.1]): the
/// first 256 bits of `80 81 82 … ff`.
///
/// [RFC 8645 section 6.1]: https://datatracker.ietf.org/doc/html/rfc8645#section-6.1
const ACPKM_D: [u8; 32] = [
    0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f,
    0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f,
];

/// Counter blocks encrypted together, so the ciphers' parallel back ends
/// (Kuznyechik's SSE2) can work.
const BATCH: usize = 16;

/// The ACPKM key change ([RFC 8645 section 6.1]): `K' = E_K(D1) | E_K(D2) | …`,
/// the 256-bit constant `D` cut into blocks.
///
/// [RFC 8645 section 6.1]: https://datatracker.ietf.org/doc/html/rfc8645#section-6.1
pub fn acpkm_next_key<C: Gost2015Cipher>(cipher: &C) -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new(ACPKM_D);
    for chunk in key.chunks_exact_mut(C::BLOCK_SIZE) {
        let mut block = block_from::<C>(chunk);
        cipher.encrypt_block(&mut block);
        chunk.copy_from_slice(&block);
        block.zeroize();
    }
    key
}

/// CTR or CTR-ACPKM under a GOST R 34.12-2015 cipher, as a key stream.
///
/// Encryption and decryption are the same operation; the stream may be fed
/// in pieces of any length.
///
/// ```
/// use signet_crypto::gost2015::{Ctr, Kuznyechik};
///
/// let key = [0x11u8; 32];
/// let mut data = "Контрольный пример".as_bytes().to_vec();
/// Ctr::<Kuznyechik>::new_acpkm(&key, &[0; 8], 4096)?.apply_keystream(&mut data);
/// Ctr::<Kuznyechik>::new_acpkm(&key, &[0; 8], 4096)?.apply_keystream(&mut data);
/// assert_eq!(data, "Контрольный пример".as_bytes());
/// # Ok::<(), signet_crypto::gost2015::Error>(())
/// ```
pub struct Ctr<C: Gost2015Cipher> {
    cipher: C,
    counter: Block<C>,
    keystream: Block<C>,
    /// Bytes of `keystream` used; the block size means a new block is due.
    pos: usize,
    /// The ACPKM section size in bytes, if the key changes.
    section: Option<usize>,
    /// Key stream bytes made under the current key.
    used: usize,
}

impl<C: Gost2015Cipher> Drop for Ctr<C> {
    fn drop(&mut self) {
        self.keystream.zeroize();
        self.counter.zeroize();
    }
}

impl<C: Gost2015Cipher> ZeroizeOnDrop for Ctr<C> {}

impl<C: Gost2015Cipher> core::fmt::Debug for Ctr<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Ctr")
            .field("cipher", &C::NAME)
            .field("section", &self.section)
            .finish_non_exhaustive()
    }
}

impl<C: Gost2015Cipher> Ctr<C> {
    /// CTR of GOST R 34.13-2015 section 5.2 with a half-block IV (8 bytes for
    /// Kuznyechik, 4 for Magma).
    pub fn new(key: &[u8; 32], iv: &[u8]) -> Result<Ctr<C>, Error> {
        Ctr::with_section(key, iv, None)
    }

    /// CTR-ACPKM ([RFC 8645 section 6.2.2]): the key changes after every
    /// `section_size` bytes, a positive multiple of the block size (see
    /// [`Gost2015Cipher::CMS_ACPKM_SECTION`]).
    ///
    /// [RFC 8645 section 6.2.2]: https://datatracker.ietf.org/doc/html/rfc8645#section-6.2.2
    pub fn new_acpkm(key: &[u8; 32], iv: &[u8], section_size: usize) -> Result<Ctr<C>, Error> {
        if section_size == 0 || !section_size.is_multiple_of(C::BLOCK_SIZE) {
            return Err(Error::InvalidSectionSize {
                section: section_size,
                block: C::BLOCK_SIZE,
            });
        }
        Ctr::with_section(key, iv, Some(section_size))
    }

    fn with_section(key: &[u8; 32], iv: &[u8], section: Option<usize>) -> Result<Ctr<C>, Error> {
        let half = C::BLOCK_SIZE / 2;
        if iv.len() != half {
            return Err(Error::InvalidLength {
                what: "CTR initialisation vector (half a block)",
                expected: half,
                actual: iv.len(),
            });
        }
        let mut counter = Block::<C>::default();
        counter[..half].copy_from_slice(iv);
        Ok(Ctr {
            cipher: keyed::<C>(key),
            counter,
            keystream: Block::<C>::default(),
            pos: C::BLOCK_SIZE,
            section,
            used: 0,
        })
    }

    fn increment(&mut self) {
        for byte in self.counter.iter_mut().rev() {
            let (v, carry) = byte.overflowing_add(1);
            *byte = v;
            if !carry {
                break;
            }
        }
    }

    /// Changes the key when a section is complete.
    fn rekey_if_due(&mut self) {
        if self.section == Some(self.used) {
            let key = acpkm_next_key(&self.cipher);
            self.cipher = keyed::<C>(&key);
            self.used = 0;
        }
    }

    /// Blocks that may be made before the next key change.
    fn blocks_left_in_section(&self) -> usize {
        match self.section {
            Some(section) => (section - self.used) / C::BLOCK_SIZE,
            None => usize::MAX,
        }
    }

    fn next_block(&mut self) {
        self.rekey_if_due();
        self.keystream = self.counter.clone();
        self.cipher.encrypt_block(&mut self.keystream);
        self.increment();
        self.used += C::BLOCK_SIZE;
        self.pos = 0;
    }

    /// XORs the next piece of the key stream into `data`.
    pub fn apply_keystream(&mut self, data: &mut [u8]) {
        let bs = C::BLOCK_SIZE;
        let mut data = data;
        while self.pos < bs && !data.is_empty() {
            data[0] ^= self.keystream[self.pos];
            self.pos += 1;
            data = &mut data[1..];
        }
        let mut batch: [Block<C>; BATCH] = core::array::from_fn(|_| Block::<C>::default());
        while data.len() >= bs {
            self.rekey_if_due();
            let n = (data.len() / bs)
                .min(BATCH)
                .min(self.blocks_left_in_section());
            for block in batch.iter_mut().take(n) {
                block.copy_from_slice(&self.counter);
                self.increment();
            }
            self.cipher.encrypt_blocks(&mut batch[..n]);
            self.used += n * bs;
            let (head, tail) = data.split_at_mut(n * bs);
            for (chunk, ks) in head.chunks_exact_mut(bs).zip(batch.iter()) {
                for (b, k) in chunk.iter_mut().zip(ks.iter()) {
                    *b ^= k;
                }
            }
            data = tail;
        }
        for block in batch.iter_mut() {
            block.zeroize();
        }
        for b in data.iter_mut() {
            if self.pos == bs {
                self.next_block();
            }
            *b ^= self.keystream[self.pos];
            self.pos += 1;
        }
    }
}
