//! The keyed mode of DSTU 7564:2014 (Kupyna), "KMAC", as Ukrainian key
//! containers use it: the PRF of PBKDF2 and the PKCS#12 MAC of UAPKI's
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
//! PBKDF2 with this PRF is UAPKI's `pbkdf2_dstu7564kmac`
//! (`library/cm-pkcs12/src/crypto/pkcs5.c`): RFC 8018's PBKDF2 with the
//! password's UTF-8 bytes, cut or zero-padded to 32 bytes, as the KMAC key.
//! UAPKI computes it for Kupyna-256 only (its KMAC key must be 32 bytes).

use signet_crypto::DigestAlgorithm;
use signet_crypto::password::MAX_ITERATIONS;
use zeroize::Zeroizing;

/// Kupyna-256's block, and the length of its KMAC key and output.
const BLOCK: usize = 64;
const KEY_LEN: usize = 32;

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
pub(super) fn kmac256(key: &[u8], msg: &[&[u8]]) -> Option<Zeroizing<Vec<u8>>> {
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

/// PBKDF2 (RFC 8018 section 5.2) with KMAC-256 as the PRF, keyed with the
/// password cut or zero-padded to 32 bytes. `None` for an iteration count
/// out of range or an empty or over-long output.
pub(super) fn pbkdf2_kmac256(
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    out_len: usize,
) -> Option<Zeroizing<Vec<u8>>> {
    if iterations == 0 || iterations > MAX_ITERATIONS || out_len == 0 || out_len > 1024 {
        return None;
    }
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    let n = password.len().min(KEY_LEN);
    key[..n].copy_from_slice(&password[..n]);
    let mut out = Zeroizing::new(Vec::with_capacity(out_len));
    for (i, _) in (1u32..).zip(0..out_len.div_ceil(KEY_LEN)) {
        let mut u = kmac256(&key[..], &[salt, &i.to_be_bytes()])?;
        let mut t = u.clone();
        for _ in 1..iterations {
            u = kmac256(&key[..], &[&u])?;
            for (a, b) in t.iter_mut().zip(u.iter()) {
                *a ^= b;
            }
        }
        let take = (out_len - out.len()).min(KEY_LEN);
        out.extend_from_slice(&t[..take]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn pbkdf2_bounds() {
        assert!(pbkdf2_kmac256(b"p", b"s", 0, 32).is_none());
        assert!(pbkdf2_kmac256(b"p", b"s", 1, 0).is_none());
        let one = pbkdf2_kmac256(b"p", b"s", 2, 40).unwrap();
        assert_eq!(one.len(), 40);
        // The first block does not depend on the output length.
        assert_eq!(pbkdf2_kmac256(b"p", b"s", 2, 32).unwrap()[..], one[..32]);
    }
}
