//! OMAC ([GOST R 34.13-2015] section 5.6, the CMAC construction) and
//! OMAC-ACPKM with its ACPKM-Master key derivation ([RFC 8645] sections 6.3.1
//! and 6.4).
//!
//! [GOST R 34.13-2015]: https://tc26.ru/standard/gost/GOST_R_3413-2015.pdf
//! [RFC 8645]: https://datatracker.ietf.org/doc/html/rfc8645#section-6.4

use cipher::Block;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::ctr::Ctr;
use super::{Error, Gost2015Cipher, block_from, keyed};

/// Doubling in GF(2^n) (GOST R 34.13-2015 section 5.6.2): shift left by one
/// bit, and XOR `R` (`0x87` for n = 128, `0x1b` for n = 64) into the last
/// byte when a bit falls off.
pub(super) fn dbl<C: Gost2015Cipher>(block: &Block<C>) -> Block<C> {
    let mut out = Block::<C>::default();
    let bytes = block.as_slice();
    for i in 0..bytes.len() {
        let next = bytes.get(i + 1).map_or(0, |b| b >> 7);
        out[i] = (bytes[i] << 1) | next;
    }
    if bytes[0] & 0x80 != 0 {
        let last = out.len() - 1;
        out[last] ^= if C::BLOCK_SIZE == 16 { 0x87 } else { 0x1b };
    }
    out
}

/// Compares a received tag of 1 to n/8 bytes with the computed one in
/// constant time.
fn verify_tag<C: Gost2015Cipher>(computed: &[u8], tag: &[u8]) -> Result<(), Error> {
    check_mac_len::<C>(tag.len())?;
    if bool::from(computed[..tag.len()].ct_eq(tag)) {
        Ok(())
    } else {
        Err(Error::MacMismatch)
    }
}

fn check_mac_len<C: Gost2015Cipher>(len: usize) -> Result<(), Error> {
    if (1..=C::BLOCK_SIZE).contains(&len) {
        Ok(())
    } else {
        Err(Error::InvalidMacLength {
            len,
            max: C::BLOCK_SIZE,
        })
    }
}

/// The CMAC chain shared by OMAC and OMAC-ACPKM: state, pending last block.
struct Chain<C: Gost2015Cipher> {
    state: Block<C>,
    pending: Block<C>,
    /// Bytes in `pending`; a full block stays pending until more data comes.
    pending_len: usize,
}

impl<C: Gost2015Cipher> Chain<C> {
    fn new() -> Chain<C> {
        Chain {
            state: Block::<C>::default(),
            pending: Block::<C>::default(),
            pending_len: 0,
        }
    }

    /// Feeds data; `absorb` is called for every block known not to be the last.
    fn update(&mut self, data: &[u8], mut absorb: impl FnMut(&mut Block<C>, &Block<C>)) {
        let bs = C::BLOCK_SIZE;
        let mut data = data;
        while !data.is_empty() {
            if self.pending_len == bs {
                absorb(&mut self.state, &self.pending);
                self.pending_len = 0;
            }
            if self.pending_len == 0 && data.len() > bs {
                let whole = (data.len() - 1) / bs * bs;
                let (blocks, rest) = data.split_at(whole);
                for chunk in blocks.chunks_exact(bs) {
                    absorb(&mut self.state, &block_from::<C>(chunk));
                }
                data = rest;
                continue;
            }
            let take = (bs - self.pending_len).min(data.len());
            self.pending[self.pending_len..self.pending_len + take].copy_from_slice(&data[..take]);
            self.pending_len += take;
            data = &data[take..];
        }
    }

    /// The last block, completed and masked with `K1` (full) or `K2` (padded
    /// with `1 0…0`), XORed into the state and encrypted.
    fn finish(&mut self, cipher: &C, k1: &Block<C>) -> Block<C> {
        let bs = C::BLOCK_SIZE;
        let mut last = self.pending.clone();
        let mask = if self.pending_len == bs {
            k1.clone()
        } else {
            last[self.pending_len] = 0x80;
            for b in last[self.pending_len + 1..].iter_mut() {
                *b = 0;
            }
            dbl::<C>(k1)
        };
        for ((s, l), m) in self.state.iter_mut().zip(last.iter()).zip(mask.iter()) {
            *s ^= l ^ m;
        }
        last.zeroize();
        cipher.encrypt_block(&mut self.state);
        self.state.clone()
    }
}

impl<C: Gost2015Cipher> Drop for Chain<C> {
    fn drop(&mut self) {
        self.state.zeroize();
        self.pending.zeroize();
    }
}

/// OMAC of GOST R 34.13-2015 section 5.6 (`kuznyechik-mac` / `magma-mac` of
/// the gost engine); the full tag is one block, protocols truncate it.
///
/// ```
/// use signet_crypto::gost2015::{Magma, Omac};
///
/// let mut mac = Omac::<Magma>::new(&[0x42; 32]);
/// mac.update(b"data");
/// let tag = mac.finalize(); // 8 bytes
/// # assert_eq!(tag.len(), 8);
/// ```
pub struct Omac<C: Gost2015Cipher> {
    cipher: C,
    k1: Block<C>,
    chain: Chain<C>,
}

impl<C: Gost2015Cipher> Drop for Omac<C> {
    fn drop(&mut self) {
        self.k1.zeroize();
    }
}

impl<C: Gost2015Cipher> ZeroizeOnDrop for Omac<C> {}

impl<C: Gost2015Cipher> core::fmt::Debug for Omac<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Omac")
            .field("cipher", &C::NAME)
            .finish_non_exhaustive()
    }
}

impl<C: Gost2015Cipher> Omac<C> {
    /// OMAC under a 256-bit key.
    pub fn new(key: &[u8; 32]) -> Omac<C> {
        let cipher = keyed::<C>(key);
        let mut r = Block::<C>::default();
        cipher.encrypt_block(&mut r);
        let k1 = dbl::<C>(&r);
        r.zeroize();
        Omac {
            cipher,
            k1,
            chain: Chain::new(),
        }
    }

    /// Feeds the next piece of the message.
    pub fn update(&mut self, data: &[u8]) {
        let cipher = &self.cipher;
        self.chain.update(data, |state, block| {
            for (s, b) in state.iter_mut().zip(block.iter()) {
                *s ^= b;
            }
            cipher.encrypt_block(state);
        });
    }

    /// The full one-block tag.
    pub fn finalize(mut self) -> Vec<u8> {
        self.chain.finish(&self.cipher, &self.k1).to_vec()
    }

    /// The tag truncated to its first `len` bytes (`MSB_s`), 1 to the block size.
    pub fn finalize_truncated(self, len: usize) -> Result<Vec<u8>, Error> {
        check_mac_len::<C>(len)?;
        let mut tag = self.finalize();
        tag.truncate(len);
        Ok(tag)
    }

    /// Checks a received tag, full or truncated, in constant time.
    pub fn verify(self, tag: &[u8]) -> Result<(), Error> {
        verify_tag::<C>(&self.finalize(), tag)
    }
}

/// ACPKM-Master ([RFC 8645 section 6.3.1]): `len` bytes of key material, the
/// CTR-ACPKM key stream under `key` with the IV `1…1` (half a block of ones)
/// and sections of `master_section_size` bytes (the change frequency `T*`).
///
/// [RFC 8645 section 6.3.1]: https://datatracker.ietf.org/doc/html/rfc8645#section-6.3.1
pub fn acpkm_master<C: Gost2015Cipher>(
    key: &[u8; 32],
    master_section_size: usize,
    len: usize,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let mut out = Zeroizing::new(vec![0u8; len]);
    master_stream::<C>(key, master_section_size)?.apply_keystream(&mut out);
    Ok(out)
}

fn master_stream<C: Gost2015Cipher>(
    key: &[u8; 32],
    master_section_size: usize,
) -> Result<Ctr<C>, Error> {
    let iv = vec![0xffu8; C::BLOCK_SIZE / 2];
    Ctr::<C>::new_acpkm(key, &iv, master_section_size)
}

/// OMAC-ACPKM ([RFC 8645 section 6.4]): OMAC whose key changes after every
/// section of `N` bytes; section `i` uses the key `K^i` and the last one also
/// `K^i_1` in place of OMAC's `K1`, where `K^1 | K^1_1 | K^2 | K^2_1 | …` is
/// the ACPKM-Master key material.
///
/// [RFC 8645 section 6.4]: https://datatracker.ietf.org/doc/html/rfc8645#section-6.4
pub struct OmacAcpkm<C: Gost2015Cipher> {
    master: Ctr<C>,
    section: usize,
    /// Bytes absorbed under the current section key.
    used: usize,
    cipher: C,
    k1: Block<C>,
    chain: Chain<C>,
}

impl<C: Gost2015Cipher> Drop for OmacAcpkm<C> {
    fn drop(&mut self) {
        self.k1.zeroize();
    }
}

impl<C: Gost2015Cipher> ZeroizeOnDrop for OmacAcpkm<C> {}

impl<C: Gost2015Cipher> core::fmt::Debug for OmacAcpkm<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("OmacAcpkm")
            .field("cipher", &C::NAME)
            .field("section", &self.section)
            .finish_non_exhaustive()
    }
}

impl<C: Gost2015Cipher> OmacAcpkm<C> {
    /// OMAC-ACPKM under `key` with sections of `section_size` bytes (`N`) and
    /// the master key changing every `master_section_size` bytes (`T*`); both
    /// are positive multiples of the block size.
    pub fn new(
        key: &[u8; 32],
        section_size: usize,
        master_section_size: usize,
    ) -> Result<OmacAcpkm<C>, Error> {
        if section_size == 0 || !section_size.is_multiple_of(C::BLOCK_SIZE) {
            return Err(Error::InvalidSectionSize {
                section: section_size,
                block: C::BLOCK_SIZE,
            });
        }
        let mut master = master_stream::<C>(key, master_section_size)?;
        let (cipher, k1) = Self::section_keys(&mut master);
        Ok(OmacAcpkm {
            master,
            section: section_size,
            used: 0,
            cipher,
            k1,
            chain: Chain::new(),
        })
    }

    fn section_keys(master: &mut Ctr<C>) -> (C, Block<C>) {
        let mut material = Zeroizing::new(vec![0u8; 32 + C::BLOCK_SIZE]);
        master.apply_keystream(&mut material);
        let mut key = Zeroizing::new([0u8; 32]);
        key.copy_from_slice(&material[..32]);
        (keyed::<C>(&key), block_from::<C>(&material[32..]))
    }

    fn next_section_if_due(&mut self) {
        if self.used == self.section {
            let (cipher, k1) = Self::section_keys(&mut self.master);
            self.cipher = cipher;
            self.k1.zeroize();
            self.k1 = k1;
            self.used = 0;
        }
    }

    /// Feeds the next piece of the message.
    pub fn update(&mut self, data: &[u8]) {
        let mut chain = core::mem::replace(&mut self.chain, Chain::new());
        chain.update(data, |state, block| {
            self.next_section_if_due();
            for (s, b) in state.iter_mut().zip(block.iter()) {
                *s ^= b;
            }
            self.cipher.encrypt_block(state);
            self.used += C::BLOCK_SIZE;
        });
        self.chain = chain;
    }

    /// The full one-block tag.
    pub fn finalize(mut self) -> Vec<u8> {
        self.next_section_if_due();
        self.chain.finish(&self.cipher, &self.k1).to_vec()
    }

    /// The tag truncated to its first `len` bytes, 1 to the block size.
    pub fn finalize_truncated(self, len: usize) -> Result<Vec<u8>, Error> {
        check_mac_len::<C>(len)?;
        let mut tag = self.finalize();
        tag.truncate(len);
        Ok(tag)
    }

    /// Checks a received tag, full or truncated, in constant time.
    pub fn verify(self, tag: &[u8]) -> Result<(), Error> {
        verify_tag::<C>(&self.finalize(), tag)
    }
}
