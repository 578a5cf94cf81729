//! KExp15 and KImp15, the key export of R 1323565.1.017-2018 ([RFC 9189]
//! section 8.2.1): `KExp15(S, K_Exp_MAC, K_Exp_ENC, IV) =
//! CTR(K_Exp_ENC, IV, S | OMAC(K_Exp_MAC, IV | S))`, with the full one-block
//! OMAC tag and a half-block IV. CMS key transport and agreement with
//! Kuznyechik or Magma (`id-gostr3412-2015-*-wrap-kexp15`, as `openssl cms
//! -encrypt -kuznyechik-ctr-acpkm` makes it) and the GOST TLS 1.2 cipher
//! suites use it.
//!
//! [RFC 9189]: https://datatracker.ietf.org/doc/html/rfc9189#section-8.2.1

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::ctr::Ctr;
use super::omac::Omac;
use super::{Error, Gost2015Cipher};

/// KExp15: exports `secret` (usually a 32-byte key) under the export keys;
/// the result is `secret.len()` plus one block long.
///
/// The arguments are in the order of RFC 9189 section 8.2.1; `iv` is half a
/// block (8 bytes for Kuznyechik, 4 for Magma).
pub fn kexp15<C: Gost2015Cipher>(
    secret: &[u8],
    k_exp_mac: &[u8; 32],
    k_exp_enc: &[u8; 32],
    iv: &[u8],
) -> Result<Vec<u8>, Error> {
    let mut ctr = Ctr::<C>::new(k_exp_enc, iv)?;
    let mut mac = Omac::<C>::new(k_exp_mac);
    mac.update(iv);
    mac.update(secret);
    let mut out = Vec::with_capacity(secret.len() + C::BLOCK_SIZE);
    out.extend_from_slice(secret);
    out.extend_from_slice(&mac.finalize());
    ctr.apply_keystream(&mut out);
    Ok(out)
}

/// KImp15: the inverse of [`kexp15`]; fails with [`Error::MacMismatch`] when
/// the export was made with other keys or IV, or has been altered.
pub fn kimp15<C: Gost2015Cipher>(
    exported: &[u8],
    k_exp_mac: &[u8; 32],
    k_exp_enc: &[u8; 32],
    iv: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    if exported.len() < C::BLOCK_SIZE {
        return Err(Error::InvalidLength {
            what: "KExp15 export (at least one block)",
            expected: C::BLOCK_SIZE,
            actual: exported.len(),
        });
    }
    let mut ctr = Ctr::<C>::new(k_exp_enc, iv)?;
    let mut plain = Zeroizing::new(exported.to_vec());
    ctr.apply_keystream(&mut plain);
    let secret_len = exported.len() - C::BLOCK_SIZE;
    let mut mac = Omac::<C>::new(k_exp_mac);
    mac.update(iv);
    mac.update(&plain[..secret_len]);
    if !bool::from(mac.finalize().ct_eq(&plain[secret_len..])) {
        return Err(Error::MacMismatch);
    }
    plain.truncate(secret_len);
    Ok(plain)
}
