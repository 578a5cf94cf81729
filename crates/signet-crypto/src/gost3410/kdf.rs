//! The key derivation functions of [RFC 7836] (also R 50.1.113-2016):
//! KDF_TREE_GOSTR3411_2012_256 (section 4.4) and its one-block special case
//! KDF_GOSTR3411_2012_256 (section 4.5), both on HMAC_GOSTR3411_2012_256
//! (section 4.1.1, HMAC of RFC 2104 with Streebog-256).
//!
//! [RFC 7836]: https://datatracker.ietf.org/doc/html/rfc7836#section-4.4

use hmac::{KeyInit, Mac};
use zeroize::{Zeroize, Zeroizing};

use super::Error;

type HmacStreebog256 = hmac::Hmac<streebog::Streebog256>;

/// HMAC_GOSTR3411_2012_256 over the concatenation of `parts`.
fn hmac_streebog256(key: &[u8], parts: &[&[u8]]) -> Zeroizing<[u8; 32]> {
    // HMAC accepts keys of any length.
    let mut mac = match <HmacStreebog256 as KeyInit>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC takes keys of every length"),
    };
    for part in parts {
        mac.update(part);
    }
    let mut tag = mac.finalize().into_bytes();
    let mut out = Zeroizing::new([0u8; 32]);
    out.copy_from_slice(&tag);
    tag.as_mut_slice().zeroize();
    out
}

/// KDF_GOSTR3411_2012_256 ([RFC 7836 section 4.5]):
/// `HMAC_GOSTR3411_2012_256(K_in, 0x01 | label | 0x00 | seed | 0x01 | 0x00)`.
///
/// [RFC 7836 section 4.5]: https://datatracker.ietf.org/doc/html/rfc7836#section-4.5
pub fn kdf_gostr3411_2012_256(key: &[u8], label: &[u8], seed: &[u8]) -> Zeroizing<[u8; 32]> {
    hmac_streebog256(key, &[&[0x01], label, &[0x00], seed, &[0x01, 0x00]])
}

/// KDF_TREE_GOSTR3411_2012_256 ([RFC 7836 section 4.4]): fills `out` with
/// `K(1) | K(2) | …`, where `K(i) = HMAC_GOSTR3411_2012_256(K_in, [i]_b |
/// label | 0x00 | seed | [L]_b)`, `[i]_b` is i big-endian in `r` bytes and
/// `[L]_b` is L = 8·`out.len()` (the output length in bits) big-endian
/// without leading zero bytes.
///
/// `r` must be 1 to 4 and L at most 256·(2^(8·r) − 1).
///
/// [RFC 7836 section 4.4]: https://datatracker.ietf.org/doc/html/rfc7836#section-4.4
pub fn kdf_tree_gostr3411_2012_256(
    key: &[u8],
    label: &[u8],
    seed: &[u8],
    r: usize,
    out: &mut [u8],
) -> Result<(), Error> {
    if !(1..=4).contains(&r) {
        return Err(Error::KdfCounterSize(r));
    }
    let bits = (out.len() as u64) * 8;
    let max_bits = 256 * ((1u64 << (8 * r)) - 1);
    if out.is_empty() || bits > max_bits {
        return Err(Error::KdfOutputLength {
            bits,
            max: max_bits,
        });
    }
    let length = bits.to_be_bytes();
    let skip = length.iter().take_while(|&&b| b == 0).count();
    let length = &length[skip..];
    for (i, chunk) in out.chunks_mut(32).enumerate() {
        let counter = ((i + 1) as u32).to_be_bytes();
        let block = hmac_streebog256(key, &[&counter[4 - r..], label, &[0x00], seed, length]);
        chunk.copy_from_slice(&block[..chunk.len()]);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> Vec<u8> {
        hex::decode(s.replace([' ', '\n'], "")).unwrap()
    }

    /// RFC 7836 appendix B, example 1: HMAC_GOSTR3411_2012_256.
    #[test]
    fn rfc7836_b1_hmac_streebog256() {
        let key = h("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        let t = h("0126bdb87800af214341456563780100");
        assert_eq!(
            hmac_streebog256(&key, &[&t]).to_vec(),
            h("a1aa5f7de402d7b3d323f2991c8d4534013137010a83754fd0af6d7cd4922ed9")
        );
    }

    /// RFC 7836 appendix B, example 9: KDF_GOSTR3411_2012_256.
    #[test]
    fn rfc7836_b9_kdf() {
        let key = h("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        let out = kdf_gostr3411_2012_256(&key, &h("26bdb878"), &h("af21434145656378"));
        assert_eq!(
            out.to_vec(),
            h("a1aa5f7de402d7b3d323f2991c8d4534013137010a83754fd0af6d7cd4922ed9")
        );
    }

    /// RFC 7836 appendix B, example 10: KDF_TREE_GOSTR3411_2012_256 with
    /// L = 512 and R = 1.
    #[test]
    fn rfc7836_b10_kdf_tree() {
        let key = h("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        let mut out = [0u8; 64];
        kdf_tree_gostr3411_2012_256(&key, &h("26bdb878"), &h("af21434145656378"), 1, &mut out)
            .unwrap();
        assert_eq!(
            out.to_vec(),
            h(
                "22b6837845c6bef65ea71672b265831086d3c76aebe6dae91cad51d83f79d16b\
               074c9330599d7f8d712fca54392f4ddde93751206b3584c8f43f9e6dc51531f9"
            )
        );
    }

    /// KDF_GOSTR3411_2012_256 is KDF_TREE with R = 1 and L = 256
    /// (RFC 7836 section 4.5).
    #[test]
    fn kdf_is_one_block_of_kdf_tree() {
        let key = [7u8; 32];
        let mut tree = [0u8; 32];
        kdf_tree_gostr3411_2012_256(&key, b"label", b"seed", 1, &mut tree).unwrap();
        assert_eq!(tree, *kdf_gostr3411_2012_256(&key, b"label", b"seed"));
    }

    #[test]
    fn kdf_tree_limits() {
        let mut out = [0u8; 32];
        assert!(kdf_tree_gostr3411_2012_256(b"k", b"l", b"s", 0, &mut out).is_err());
        assert!(kdf_tree_gostr3411_2012_256(b"k", b"l", b"s", 5, &mut out).is_err());
        assert!(kdf_tree_gostr3411_2012_256(b"k", b"l", b"s", 1, &mut []).is_err());
        // R = 1 allows at most 255 blocks.
        let mut big = vec![0u8; 32 * 256];
        assert!(kdf_tree_gostr3411_2012_256(b"k", b"l", b"s", 1, &mut big).is_err());
        assert!(kdf_tree_gostr3411_2012_256(b"k", b"l", b"s", 2, &mut big).is_ok());
    }
}
