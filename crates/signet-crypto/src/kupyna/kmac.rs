//! The keyed mode of DSTU 7564:2014 (Kupyna), "KMAC", as Ukrainian key
//! containers use it: the PRF of PBKDF2
//! ([`crate::password::pbkdf2_kmac256`]) and the PKCS#12 MAC of UAPKI's
//! containers.
//!
//! ```text
//! KMAC(K, M) = Kupyna-n( Pad(K) ‖ Pad(M) ‖ ~K )
//! Pad(X)     = X ‖ 80 ‖ 00… ‖ bitlen(X) (96 bits, little-endian), to whole blocks
//! ```
//!
//! with the key as long as the output (32 bytes for Kupyna-256, whose block
//! is 64 bytes). This is UAPKI's `dstu7564_init_kmac` / `_final_kmac`
//! (`library/uapkic/src/dstu7564.c`) and Bouncy Castle's `DSTU7564Mac`;
//! the tests check it against Bouncy Castle's vector and against
//! `dstu-core`'s `Kupyna256Kmac`.
//!
//! Written here because no maintained crate has it: RustCrypto's `kupyna`
//! is the hash alone, and `dstu-core` (the tests' oracle) is a young
//! single-author crate.

use zeroize::Zeroizing;

use crate::DigestAlgorithm;

/// Kupyna-256's block.
const BLOCK: usize = 64;
/// The length of a Kupyna-256 KMAC key, and of its output.
pub const KEY_LEN: usize = 32;

/// Kupyna's padding of `x` alone, to whole 64-byte blocks.
fn pad(x: &[u8]) -> Zeroizing<Vec<u8>> {
    let zeros = (BLOCK - (x.len() + 13) % BLOCK) % BLOCK;
    let mut out = Zeroizing::new(Vec::with_capacity(x.len() + 13 + zeros));
    out.extend_from_slice(x);
    out.push(0x80);
    let filled = out.len() + zeros;
    out.resize(filled, 0);
    let bits = (x.len() as u128) * 8;
    out.extend_from_slice(&bits.to_le_bytes()[..12]);
    out
}

/// KMAC-256 over the pieces of `msg` (concatenated); `None` when the key is
/// not 32 bytes.
pub fn kmac256(key: &[u8], msg: &[&[u8]]) -> Option<Zeroizing<Vec<u8>>> {
    if key.len() != KEY_LEN {
        return None;
    }
    let mut h = DigestAlgorithm::Kupyna256.hasher();
    h.update(&pad(key));
    let mut m = Zeroizing::new(msg.concat());
    let padded = pad(&m);
    m.clear();
    h.update(&padded);
    let inverted: Zeroizing<Vec<u8>> = Zeroizing::new(key.iter().map(|b| !b).collect());
    h.update(&inverted);
    Some(Zeroizing::new(h.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    /// Bouncy Castle `DSTU7564Test.macTests`, test 1 (a 256-bit MAC).
    #[test]
    fn bouncy_castle_vector() {
        let input =
            hex::decode("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E").unwrap();
        let key = hex::decode("1F1E1D1C1B1A191817161514131211100F0E0D0C0B0A09080706050403020100")
            .unwrap();
        let mac = kmac256(&key, &[&input[..5], &input[5..]]).unwrap();
        assert_eq!(
            hex::encode_upper(&mac[..]),
            "B60594D56FA79BA210314C72C2495087CCD0A99FC04ACFE2A39EF669925D98EE"
        );
        assert!(kmac256(&key[..31], &[&input]).is_none());
    }

    #[test]
    fn padding_fills_whole_blocks() {
        for len in 0..200 {
            let p = pad(&vec![1; len]);
            assert_eq!(p.len() % BLOCK, 0, "{len}");
            assert!(p.len() >= len + 13);
            assert!(p.len() < len + 13 + BLOCK);
        }
    }

    proptest! {
        /// The same MAC as `dstu-core`'s `Kupyna256Kmac`, an independent
        /// implementation, for any key and message.
        #[test]
        fn same_as_dstu_core(
            key in prop::array::uniform32(any::<u8>()),
            msg in prop::collection::vec(any::<u8>(), 0..300),
            cut in 0usize..300,
        ) {
            use dstu_core::hazmat::kupyna_kmac::Kupyna256Kmac;
            let cut = cut.min(msg.len());
            let ours = kmac256(&key, &[&msg[..cut], &msg[cut..]]).expect("32-byte key");
            let theirs = Kupyna256Kmac::mac(&key, &msg).expect("32-byte key");
            prop_assert_eq!(&ours[..], &theirs[..]);
        }
    }
}
