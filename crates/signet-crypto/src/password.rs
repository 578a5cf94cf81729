//! Keys from passwords, and HMAC over every digest signet knows.
//!
//! | function | where defined |
//! |---|---|
//! | [`hmac`](fn@hmac) | [RFC 2104]; for GOST 34.311-95 and GOST R 34.11-94 the block is 32 bytes, as in the `gost89` npm package, UAPKI and gost-engine |
//! | [`pbkdf2_hmac`] | [RFC 8018 section 5.2] (PBKDF2), from the `pbkdf2` crate |
//! | [`pbkdf2_kmac256`] | PBKDF2 with Kupyna-256's KMAC ([`crate::kupyna::kmac`]) as the PRF, UAPKI's `pbkdf2_dstu7564kmac` (`library/cm-pkcs12/src/crypto/pkcs5.c`) |
//! | [`pkcs12_kdf`] | [RFC 7292 appendix B.2] |
//!
//! The PKCS#12 key derivation is written here: the only crate that has it
//! (`pkcs12` 0.2.0-pre) pins a pre-release of the whole CMS stack, and the
//! algorithm is twenty lines of the RFC. Derived keys come back in
//! [`Zeroizing`] buffers.
//!
//! [RFC 2104]: https://datatracker.ietf.org/doc/html/rfc2104
//! [RFC 8018 section 5.2]: https://datatracker.ietf.org/doc/html/rfc8018#section-5.2
//! [RFC 7292 appendix B.2]: https://datatracker.ietf.org/doc/html/rfc7292#appendix-B.2

use digest::{Digest, FixedOutputReset, KeyInit, Mac};
use hmac::SimpleHmac;
use zeroize::Zeroizing;

use crate::DigestAlgorithm;

/// Most PBKDF2 / PKCS#12 iterations accepted. Real containers use 1 000
/// to 600 000 (OWASP's figure for PBKDF2-HMAC-SHA256); a container asking
/// for more would hold a request for seconds per million.
pub const MAX_ITERATIONS: u32 = 1_000_000;

/// Why a key could not be derived.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Zero iterations, or more than [`MAX_ITERATIONS`].
    #[error("the iteration count {0} is out of range (1 to {MAX_ITERATIONS})")]
    Iterations(u32),
    /// A key of zero bytes, or longer than the function can give.
    #[error("a derived key of {0} bytes cannot be made")]
    KeyLength(usize),
}

/// `HMAC(key, data)` with the given digest.
pub fn hmac(alg: DigestAlgorithm, key: &[u8], data: &[u8]) -> Vec<u8> {
    fn run<D: Digest + digest::block_api::BlockSizeUser + Clone>(
        key: &[u8],
        data: &[u8],
    ) -> Vec<u8> {
        let mut mac =
            <SimpleHmac<D> as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length");
        mac.update(data);
        mac.finalize().into_bytes().to_vec()
    }
    match alg {
        DigestAlgorithm::Sha1 => run::<sha1::Sha1>(key, data),
        DigestAlgorithm::Sha224 => run::<sha2::Sha224>(key, data),
        DigestAlgorithm::Sha256 => run::<sha2::Sha256>(key, data),
        DigestAlgorithm::Sha384 => run::<sha2::Sha384>(key, data),
        DigestAlgorithm::Sha512 => run::<sha2::Sha512>(key, data),
        DigestAlgorithm::Streebog256 => run::<streebog::Streebog256>(key, data),
        DigestAlgorithm::Streebog512 => run::<streebog::Streebog512>(key, data),
        DigestAlgorithm::Gost94CryptoPro => run::<gost94::Gost94CryptoPro>(key, data),
        DigestAlgorithm::Gost34311Ua => run::<gost94::Gost94UA>(key, data),
        DigestAlgorithm::Kupyna256 => run::<kupyna::Kupyna256>(key, data),
        DigestAlgorithm::Kupyna384 => run::<kupyna::Kupyna384>(key, data),
        DigestAlgorithm::Kupyna512 => run::<kupyna::Kupyna512>(key, data),
    }
}

/// PBKDF2 with HMAC over `alg` (RFC 8018 section 5.2), filling `out`.
pub fn pbkdf2_hmac(
    alg: DigestAlgorithm,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    out_len: usize,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    fn run<D: Digest + digest::block_api::BlockSizeUser + Clone>(
        password: &[u8],
        salt: &[u8],
        iterations: u32,
        out: &mut [u8],
    ) {
        pbkdf2::pbkdf2::<SimpleHmac<D>>(password, salt, iterations, out)
            .expect("HMAC takes keys of any length");
    }
    check(iterations, out_len, 1 << 20)?;
    let mut out = Zeroizing::new(vec![0u8; out_len]);
    let o = out.as_mut_slice();
    match alg {
        DigestAlgorithm::Sha1 => run::<sha1::Sha1>(password, salt, iterations, o),
        DigestAlgorithm::Sha224 => run::<sha2::Sha224>(password, salt, iterations, o),
        DigestAlgorithm::Sha256 => run::<sha2::Sha256>(password, salt, iterations, o),
        DigestAlgorithm::Sha384 => run::<sha2::Sha384>(password, salt, iterations, o),
        DigestAlgorithm::Sha512 => run::<sha2::Sha512>(password, salt, iterations, o),
        DigestAlgorithm::Streebog256 => run::<streebog::Streebog256>(password, salt, iterations, o),
        DigestAlgorithm::Streebog512 => run::<streebog::Streebog512>(password, salt, iterations, o),
        DigestAlgorithm::Gost94CryptoPro => {
            run::<gost94::Gost94CryptoPro>(password, salt, iterations, o)
        }
        DigestAlgorithm::Gost34311Ua => run::<gost94::Gost94UA>(password, salt, iterations, o),
        DigestAlgorithm::Kupyna256 => run::<kupyna::Kupyna256>(password, salt, iterations, o),
        DigestAlgorithm::Kupyna384 => run::<kupyna::Kupyna384>(password, salt, iterations, o),
        DigestAlgorithm::Kupyna512 => run::<kupyna::Kupyna512>(password, salt, iterations, o),
    }
    Ok(out)
}

/// PBKDF2 (RFC 8018 section 5.2) with Kupyna-256's KMAC as the PRF, keyed
/// with the password's bytes cut or zero-padded to 32 bytes, as UAPKI's
/// `pbkdf2_dstu7564kmac` (which has it for Kupyna-256 only: its KMAC key
/// must be 32 bytes). The `pbkdf2` crate cannot run it: KMAC is not an
/// HMAC and takes a key of one length only.
pub fn pbkdf2_kmac256(
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    out_len: usize,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    use crate::kupyna::kmac::{KEY_LEN, kmac256};
    check(iterations, out_len, 1024)?;
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    let n = password.len().min(KEY_LEN);
    key[..n].copy_from_slice(&password[..n]);
    let mac = |msg: &[&[u8]]| kmac256(&key[..], msg).ok_or(Error::KeyLength(KEY_LEN));
    let mut out = Zeroizing::new(Vec::with_capacity(out_len));
    for (i, _) in (1u32..).zip(0..out_len.div_ceil(KEY_LEN)) {
        let mut u = mac(&[salt, &i.to_be_bytes()])?;
        let mut t = u.clone();
        for _ in 1..iterations {
            u = mac(&[&u])?;
            for (a, b) in t.iter_mut().zip(u.iter()) {
                *a ^= b;
            }
        }
        let take = (out_len - out.len()).min(KEY_LEN);
        out.extend_from_slice(&t[..take]);
    }
    Ok(out)
}

fn check(iterations: u32, out_len: usize, max_len: usize) -> Result<(), Error> {
    if iterations == 0 || iterations > MAX_ITERATIONS {
        return Err(Error::Iterations(iterations));
    }
    if out_len == 0 || out_len > max_len {
        return Err(Error::KeyLength(out_len));
    }
    Ok(())
}

/// What a PKCS#12 derivation is for: the diversifier `ID` of RFC 7292
/// appendix B.3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pkcs12Purpose {
    /// ID = 1: an encryption key.
    Key = 1,
    /// ID = 2: an initial value.
    Iv = 2,
    /// ID = 3: a MAC key.
    Mac = 3,
}

/// The PKCS#12 password to bytes: BMPString (UTF-16 big-endian) with a
/// two-byte zero terminator (RFC 7292 appendix B.1); the empty password is
/// the empty string, as OpenSSL and Windows treat it.
pub fn pkcs12_password(password: &str) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(2 * password.len() + 2));
    for unit in password.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out.extend_from_slice(&[0, 0]);
    out
}

/// The key derivation of RFC 7292 appendix B.2 with `alg` (SHA-1 and SHA-2
/// in practice), over a password already in BMPString form
/// ([`pkcs12_password`]).
pub fn pkcs12_kdf(
    alg: DigestAlgorithm,
    password: &[u8],
    salt: &[u8],
    purpose: Pkcs12Purpose,
    iterations: u32,
    out_len: usize,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    fn run<D: Digest + digest::block_api::BlockSizeUser + FixedOutputReset>(
        password: &[u8],
        salt: &[u8],
        id: u8,
        iterations: u32,
        out: &mut [u8],
    ) {
        let v = <D as digest::block_api::BlockSizeUser>::block_size();
        let u = <D as Digest>::output_size();
        // D: v copies of ID; I = S ‖ P, each stretched to a multiple of v.
        let stretch = |x: &[u8]| -> Zeroizing<Vec<u8>> {
            let len = x.len().div_ceil(v) * v;
            Zeroizing::new((0..len).map(|i| x[i % x.len()]).collect())
        };
        let d = vec![id; v];
        let mut i = stretch(salt);
        i.extend_from_slice(&stretch(password));
        let mut hasher = D::new();
        for chunk in out.chunks_mut(u) {
            Digest::update(&mut hasher, &d);
            Digest::update(&mut hasher, &i[..]);
            let mut a = Zeroizing::new(hasher.finalize_reset().to_vec());
            for _ in 1..iterations {
                Digest::update(&mut hasher, &a[..]);
                a = Zeroizing::new(hasher.finalize_reset().to_vec());
            }
            chunk.copy_from_slice(&a[..chunk.len()]);
            // B = A stretched to v bytes; each v-byte block of I becomes
            // I_j + B + 1 (mod 2^(8v)).
            let b = stretch(&a);
            for block in i.chunks_mut(v) {
                let mut carry = 1u16;
                for k in (0..v).rev() {
                    let sum = u16::from(block[k]) + u16::from(b[k % b.len()]) + carry;
                    block[k] = sum as u8;
                    carry = sum >> 8;
                }
            }
        }
    }
    check(iterations, out_len, 1 << 10)?;
    let mut out = Zeroizing::new(vec![0u8; out_len]);
    let o = out.as_mut_slice();
    let id = purpose as u8;
    match alg {
        DigestAlgorithm::Sha1 => run::<sha1::Sha1>(password, salt, id, iterations, o),
        DigestAlgorithm::Sha224 => run::<sha2::Sha224>(password, salt, id, iterations, o),
        DigestAlgorithm::Sha256 => run::<sha2::Sha256>(password, salt, id, iterations, o),
        DigestAlgorithm::Sha384 => run::<sha2::Sha384>(password, salt, id, iterations, o),
        DigestAlgorithm::Sha512 => run::<sha2::Sha512>(password, salt, id, iterations, o),
        DigestAlgorithm::Streebog256 => {
            run::<streebog::Streebog256>(password, salt, id, iterations, o)
        }
        DigestAlgorithm::Streebog512 => {
            run::<streebog::Streebog512>(password, salt, id, iterations, o)
        }
        DigestAlgorithm::Gost94CryptoPro => {
            run::<gost94::Gost94CryptoPro>(password, salt, id, iterations, o)
        }
        DigestAlgorithm::Gost34311Ua => run::<gost94::Gost94UA>(password, salt, id, iterations, o),
        DigestAlgorithm::Kupyna256 => run::<kupyna::Kupyna256>(password, salt, id, iterations, o),
        DigestAlgorithm::Kupyna384 => run::<kupyna::Kupyna384>(password, salt, id, iterations, o),
        DigestAlgorithm::Kupyna512 => run::<kupyna::Kupyna512>(password, salt, id, iterations, o),
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6070 section 2, PBKDF2-HMAC-SHA1 examples 1, 2 and 5.
    #[test]
    fn pbkdf2_sha1_rfc6070() {
        let cases: [(&[u8], &[u8], u32, &str); 3] = [
            (
                b"password",
                b"salt",
                1,
                "0c60c80f961f0e71f3a9b524af6012062fe037a6",
            ),
            (
                b"password",
                b"salt",
                4096,
                "4b007901b765489abead49d926f721d065a429c1",
            ),
            (
                b"passwordPASSWORDpassword",
                b"saltSALTsaltSALTsaltSALTsaltSALTsalt",
                4096,
                "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038",
            ),
        ];
        for (password, salt, iterations, expected) in cases {
            let out = pbkdf2_hmac(
                DigestAlgorithm::Sha1,
                password,
                salt,
                iterations,
                expected.len() / 2,
            )
            .unwrap();
            assert_eq!(hex::encode(&out[..]), expected);
        }
    }

    /// RFC 7836 section 7 (R 50.1.113-2016), PBKDF2 with
    /// HMAC_GOSTR3411_2012_512: the first two examples.
    #[test]
    fn pbkdf2_streebog512_rfc7836() {
        let out = pbkdf2_hmac(DigestAlgorithm::Streebog512, b"password", b"salt", 1, 64).unwrap();
        assert_eq!(
            hex::encode(&out[..]),
            "64770af7f748c3b1c9ac831dbcfd85c26111b30a8a657ddc3056b80ca73e040d\
             2854fd36811f6d825cc4ab66ec0a68a490a9e5cf5156b3a2b7eecddbf9a16b47"
        );
        let out = pbkdf2_hmac(DigestAlgorithm::Streebog512, b"password", b"salt", 2, 64).unwrap();
        assert_eq!(
            hex::encode(&out[..]),
            "5a585bafdfbb6e8830d6d68aa3b43ac00d2e4aebce01c9b31c2caed56f0236d4\
             d34b2b8fbd2c4e89d54d46f50e47d45bbac301571743119e8d3c42ba66d348de"
        );
    }

    /// RFC 4231 section 4.2, HMAC-SHA-256 test case 1; RFC 7836 section
    /// 4.1.1 (R 50.1.113-2016), HMAC_GOSTR3411_2012_256.
    #[test]
    fn hmac_vectors() {
        let mac = hmac(DigestAlgorithm::Sha256, &[0x0b; 20], b"Hi There");
        assert_eq!(
            hex::encode(mac),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        let key: Vec<u8> = (0u8..32).collect();
        let data = hex::decode("0126bdb87800af214341456563780100").unwrap();
        let mac = hmac(DigestAlgorithm::Streebog256, &key, &data);
        assert_eq!(
            hex::encode(mac),
            "a1aa5f7de402d7b3d323f2991c8d4534013137010a83754fd0af6d7cd4922ed9"
        );
    }

    /// The PKCS#12 KDF against OpenSSL 3.0.19's implementation:
    /// `openssl kdf -keylen 24 -kdfopt digest:SHA1 -kdfopt
    /// hexpass:0073006500630072006500740000 -kdfopt hexsalt:0102030405060708
    /// -kdfopt iter:2048 -kdfopt id:1 PKCS12KDF` (the password is "secret"
    /// as a BMPString; then `id:2` with 8 bytes, `digest:SHA256 id:3` with
    /// 32).
    #[test]
    fn pkcs12_kdf_matches_openssl() {
        let pw = pkcs12_password("secret");
        assert_eq!(
            &pw[..],
            &[0, b's', 0, b'e', 0, b'c', 0, b'r', 0, b'e', 0, b't', 0, 0]
        );
        let salt = [1u8, 2, 3, 4, 5, 6, 7, 8];
        let derive = |alg, purpose, len| {
            hex::encode(&pkcs12_kdf(alg, &pw, &salt, purpose, 2048, len).unwrap()[..])
        };
        assert_eq!(
            derive(DigestAlgorithm::Sha1, Pkcs12Purpose::Key, 24),
            "46b7220edfa6b4bcfe35292f7f4888c97ff731e06932a6a2"
        );
        assert_eq!(
            derive(DigestAlgorithm::Sha1, Pkcs12Purpose::Iv, 8),
            "38f3a9b371c53b70"
        );
        assert_eq!(
            derive(DigestAlgorithm::Sha256, Pkcs12Purpose::Mac, 32),
            "f5482fd03f702689b4e96cbbea867c6b16e5bda934929f2ecaf4da9e1c67be8f"
        );
    }

    #[test]
    fn limits() {
        assert_eq!(
            pbkdf2_hmac(DigestAlgorithm::Sha256, b"p", b"s", 0, 32).unwrap_err(),
            Error::Iterations(0)
        );
        assert!(pbkdf2_hmac(DigestAlgorithm::Sha256, b"p", b"s", 1, 0).is_err());
        assert!(
            pkcs12_kdf(
                DigestAlgorithm::Sha1,
                b"p",
                b"s",
                Pkcs12Purpose::Mac,
                u32::MAX,
                20
            )
            .is_err()
        );
    }

    #[test]
    fn pbkdf2_kmac256_bounds_and_blocks() {
        assert_eq!(pbkdf2_kmac256(b"p", b"s", 0, 32), Err(Error::Iterations(0)));
        assert_eq!(pbkdf2_kmac256(b"p", b"s", 1, 0), Err(Error::KeyLength(0)));
        let one = pbkdf2_kmac256(b"p", b"s", 2, 40).expect("derive");
        assert_eq!(one.len(), 40);
        // The first block does not depend on the output length.
        assert_eq!(
            pbkdf2_kmac256(b"p", b"s", 2, 32).expect("derive")[..],
            one[..32]
        );
    }
}
