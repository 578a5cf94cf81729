//! Password-based encryption of keys: `EncryptedPrivateKeyInfo` and the
//! encrypted SafeContents of PKCS#12.
//!
//! ```text
//! EncryptedPrivateKeyInfo ::= SEQUENCE {
//!   encryptionAlgorithm  AlgorithmIdentifier,
//!   encryptedData        OCTET STRING }
//! PBES2-params ::= SEQUENCE {
//!   keyDerivationFunc AlgorithmIdentifier {{PBES2-KDFs}},     -- PBKDF2
//!   encryptionScheme  AlgorithmIdentifier {{PBES2-Encs}} }
//! PBKDF2-params ::= SEQUENCE {
//!   salt CHOICE { specified OCTET STRING, otherSource AlgorithmIdentifier },
//!   iterationCount INTEGER (1..MAX),
//!   keyLength INTEGER (1..MAX) OPTIONAL,
//!   prf AlgorithmIdentifier DEFAULT algid-hmacWithSHA1 }
//! pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }
//! ```
//!
//! | scheme | where defined |
//! |---|---|
//! | PBES2 = PBKDF2 + a cipher | [RFC 8018 sections 6.2 and A.2] |
//! | PRFs: HMAC with SHA-1, SHA-2; HMAC-GOST 34.311-95 (`1.2.804.2.1.1.1.1.1.2`, Ukrainian containers); HMAC-Streebog-256/512 ([RFC 7836 section 4.1]); HMAC-GOST R 34.11-94; Kupyna-256 KMAC (`1.2.804.2.1.1.1.1.2.2.1` or `.2.2.4`, UAPKI's containers) | RFC 8018 appendix B.1, the OID registries, [`signet_crypto::kupyna::kmac`] |
//! | ciphers: AES-CBC, DES-EDE3-CBC, GOST 28147-89 CFB with CryptoPro meshing (gost-engine's PKCS#12), DSTU GOST 28147:2009 CFB with the S-box in the parameters (Ukrainian containers), Kuznyechik/Magma CTR-ACPKM | [`crate::cms`] content encryption |
//! | ciphers: DSTU 7624 (Kalyna) CBC, CTR, CFB, OFB, `1.2.804.2.1.1.1.1.1.3.{5,2,3,6}.{1,2,3}` (UAPKI writes Kalyna-256 CBC) | [`super::kalyna`] |
//! | `pbeWithSHAAnd3-KeyTripleDES-CBC`, `pbeWithSHAAnd2-KeyTripleDES-CBC`, `pbeWithSHAAnd128BitRC2-CBC`, `pbeWithSHAAnd40BitRC2-CBC` | [RFC 7292 appendix C] with the KDF of appendix B |
//!
//! Password bytes: UTF-8 for PBES2 (what OpenSSL, the `gost89` npm package
//! and Java pass), the BMPString form for the PKCS#12 schemes.
//!
//! [RFC 8018 sections 6.2 and A.2]: https://datatracker.ietf.org/doc/html/rfc8018#section-6.2
//! [RFC 7836 section 4.1]: https://datatracker.ietf.org/doc/html/rfc7836#section-4.1
//! [RFC 7292 appendix C]: https://datatracker.ietf.org/doc/html/rfc7292#appendix-C

use cipher::KeyInit;
use const_oid::ObjectIdentifier;
use der::asn1::AnyRef;
use der::{Decode, Reader, Tag, Tagged};
use signet_crypto::DigestAlgorithm;
use signet_crypto::password::{
    Pkcs12Purpose, pbkdf2_hmac, pbkdf2_kmac256, pkcs12_kdf, pkcs12_password,
};
use zeroize::Zeroizing;

use super::kalyna::KalynaScheme;
use crate::PkiError;
use crate::cms::{SymmetricCipher, cbc_decrypt_padded};

const fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(s)
}

/// id-PBES2 (RFC 8018 appendix A.4).
pub(super) const PBES2: ObjectIdentifier = oid("1.2.840.113549.1.5.13");
/// id-PBKDF2 (RFC 8018 appendix A.2).
const PBKDF2: ObjectIdentifier = oid("1.2.840.113549.1.5.12");
const PBE_SHA1_RC2_128: ObjectIdentifier = oid("1.2.840.113549.1.12.1.5");
const PBE_SHA1_RC2_40: ObjectIdentifier = oid("1.2.840.113549.1.12.1.6");
const PBE_SHA1_3DES: ObjectIdentifier = oid("1.2.840.113549.1.12.1.3");
const PBE_SHA1_2DES: ObjectIdentifier = oid("1.2.840.113549.1.12.1.4");

/// The PRF of PBKDF2.
#[derive(Clone, Copy, Debug)]
enum Prf {
    Hmac(DigestAlgorithm),
    /// Kupyna-256's KMAC ([`signet_crypto::kupyna::kmac`]).
    KupynaKmac256,
}

/// The PRF of PBKDF2, by its AlgorithmIdentifier OID.
fn prf_by_oid(prf: &ObjectIdentifier) -> Option<Prf> {
    Some(Prf::Hmac(match prf.to_string().as_str() {
        "1.2.840.113549.2.7" => DigestAlgorithm::Sha1,
        "1.2.840.113549.2.8" => DigestAlgorithm::Sha224,
        "1.2.840.113549.2.9" => DigestAlgorithm::Sha256,
        "1.2.840.113549.2.10" => DigestAlgorithm::Sha384,
        "1.2.840.113549.2.11" => DigestAlgorithm::Sha512,
        "1.2.804.2.1.1.1.1.1.2" => DigestAlgorithm::Gost34311Ua,
        "1.2.643.7.1.1.4.1" => DigestAlgorithm::Streebog256,
        "1.2.643.7.1.1.4.2" => DigestAlgorithm::Streebog512,
        "1.2.643.2.2.10" => DigestAlgorithm::Gost94CryptoPro,
        // DSTU 7564 (Kupyna-256) and its MAC: UAPKI's PBKDF2 uses KMAC for
        // either (`pbes2_crypt` in `cm-pkcs12/src/crypto/pkcs5.c`).
        "1.2.804.2.1.1.1.1.2.2.1" | "1.2.804.2.1.1.1.1.2.2.4" => return Some(Prf::KupynaKmac256),
        _ => return None,
    }))
}

fn derive_key(
    prf: Prf,
    password: &str,
    salt: &[u8],
    iterations: u32,
    key_len: usize,
) -> Result<Zeroizing<Vec<u8>>, PkiError> {
    match prf {
        Prf::Hmac(digest) => pbkdf2_hmac(digest, password.as_bytes(), salt, iterations, key_len)
            .map_err(|e| malformed(&e.to_string())),
        Prf::KupynaKmac256 => pbkdf2_kmac256(password.as_bytes(), salt, iterations, key_len)
            .map_err(|e| malformed(&e.to_string())),
    }
}

/// Whether `alg` names a password-based scheme this module can open.
pub(super) fn is_password_based(alg: &ObjectIdentifier) -> bool {
    [
        PBES2,
        PBE_SHA1_3DES,
        PBE_SHA1_2DES,
        PBE_SHA1_RC2_128,
        PBE_SHA1_RC2_40,
    ]
    .contains(alg)
}

fn malformed(what: &str) -> PkiError {
    PkiError::Ber(format!("malformed password-based encryption: {what}"))
}

fn read_alg(any: AnyRef<'_>) -> Result<(ObjectIdentifier, Option<AnyRef<'_>>), PkiError> {
    any.sequence(|r| {
        let oid: ObjectIdentifier = r.decode()?;
        let params: Option<AnyRef<'_>> = r.decode()?;
        Ok::<_, der::Error>((oid, params))
    })
    .map_err(PkiError::der("algorithm identifier"))
}

/// Decrypts an `EncryptedPrivateKeyInfo` (DER); `what` names the container
/// in the wrong-password error.
pub(super) fn decrypt_private_key_info(
    der: &[u8],
    password: &str,
    what: &'static str,
) -> Result<Zeroizing<Vec<u8>>, PkiError> {
    let info = AnyRef::from_der(der).map_err(PkiError::der("encrypted private key"))?;
    let (alg, data) = info
        .sequence(|r| {
            let alg: AnyRef<'_> = r.decode()?;
            let data: AnyRef<'_> = r.decode()?;
            data.tag().assert_eq(Tag::OctetString)?;
            Ok::<_, der::Error>((alg, data.value()))
        })
        .map_err(PkiError::der("encrypted private key"))?;
    decrypt(alg, data, password, what)
}

/// Decrypts `data` under the password-based AlgorithmIdentifier `alg`.
pub(super) fn decrypt(
    alg: AnyRef<'_>,
    data: &[u8],
    password: &str,
    what: &'static str,
) -> Result<Zeroizing<Vec<u8>>, PkiError> {
    let (scheme, params) = read_alg(alg)?;
    let params = params.ok_or_else(|| malformed("parameters are missing"))?;
    let plain = if scheme == PBES2 {
        pbes2(params, data, password, what)?
    } else if is_password_based(&scheme) {
        pkcs12_pbe(scheme, params, data, password, what)?
    } else {
        return Err(PkiError::Unsupported(format!(
            "keys encrypted with {}",
            crate::oid::name_of(&scheme)
        )));
    };
    Ok(plain)
}

fn pbes2(
    params: AnyRef<'_>,
    data: &[u8],
    password: &str,
    what: &'static str,
) -> Result<Zeroizing<Vec<u8>>, PkiError> {
    let (kdf, scheme) = params
        .sequence(|r| {
            let kdf: AnyRef<'_> = r.decode()?;
            let scheme: AnyRef<'_> = r.decode()?;
            Ok::<_, der::Error>((kdf, scheme))
        })
        .map_err(PkiError::der("PBES2 parameters"))?;
    let (kdf_oid, kdf_params) = read_alg(kdf)?;
    if kdf_oid != PBKDF2 {
        return Err(PkiError::Unsupported(format!(
            "PBES2 with the key derivation {}",
            crate::oid::name_of(&kdf_oid)
        )));
    }
    let kdf_params = kdf_params.ok_or_else(|| malformed("PBKDF2 parameters are missing"))?;
    let (salt, iterations, key_len, prf) = kdf_params
        .sequence(|r| {
            let salt: AnyRef<'_> = r.decode()?;
            salt.tag().assert_eq(Tag::OctetString)?;
            let iterations: u32 = r.decode()?;
            let mut key_len = None;
            let mut prf = None;
            while !r.is_finished() {
                let next: AnyRef<'_> = r.decode()?;
                match next.tag() {
                    Tag::Integer => key_len = Some(next.decode_as::<u32>()?),
                    Tag::Sequence => prf = Some(next),
                    _ => return Err(der::ErrorKind::Value { tag: next.tag() }.into()),
                }
            }
            Ok::<_, der::Error>((salt.value(), iterations, key_len, prf))
        })
        .map_err(PkiError::der("PBKDF2 parameters"))?;
    let prf = match prf {
        None => Prf::Hmac(DigestAlgorithm::Sha1),
        Some(prf) => {
            let (prf_oid, _) = read_alg(prf)?;
            prf_by_oid(&prf_oid).ok_or_else(|| {
                PkiError::Unsupported(format!(
                    "PBKDF2 with the PRF {}",
                    crate::oid::name_of(&prf_oid)
                ))
            })?
        }
    };
    let (scheme_oid, scheme_params) = read_alg(scheme)?;
    if let Some(kalyna) = KalynaScheme::read(&scheme_oid, scheme_params)? {
        let key_len = kalyna.key_len(key_len)?;
        let key = derive_key(prf, password, salt, iterations, key_len)?;
        return kalyna
            .decrypt(&key, data)
            .map_err(|_| PkiError::WrongPassword(what));
    }
    let cipher = SymmetricCipher::read(scheme).map_err(pki)?;
    let key_len = match key_len {
        Some(len) if len as usize != cipher.key_len() => {
            return Err(malformed("the PBKDF2 key length does not fit the cipher"));
        }
        _ => cipher.key_len(),
    };
    let key = derive_key(prf, password, salt, iterations, key_len)?;
    cipher
        .decrypt(&key, data.to_vec())
        .map_err(|_| PkiError::WrongPassword(what))
}

fn pki(e: crate::cms::EnvelopedError) -> PkiError {
    match e {
        crate::cms::EnvelopedError::Pki(p) => p,
        other => malformed(&other.to_string()),
    }
}

/// The PKCS#12 PBE schemes of RFC 7292 appendix C (SHA-1 KDF).
fn pkcs12_pbe(
    scheme: ObjectIdentifier,
    params: AnyRef<'_>,
    data: &[u8],
    password: &str,
    what: &'static str,
) -> Result<Zeroizing<Vec<u8>>, PkiError> {
    let (salt, iterations) = params
        .sequence(|r| {
            let salt: AnyRef<'_> = r.decode()?;
            salt.tag().assert_eq(Tag::OctetString)?;
            let iterations: u32 = r.decode()?;
            Ok::<_, der::Error>((salt.value(), iterations))
        })
        .map_err(PkiError::der("PKCS#12 PBE parameters"))?;
    let password = pkcs12_password(password);
    let derive = |purpose, len| {
        pkcs12_kdf(
            DigestAlgorithm::Sha1,
            &password,
            salt,
            purpose,
            iterations,
            len,
        )
        .map_err(|e| malformed(&e.to_string()))
    };
    let key_len = match scheme {
        PBE_SHA1_3DES => 24,
        PBE_SHA1_2DES => 16,
        PBE_SHA1_RC2_128 => 16,
        _ => 5,
    };
    let key = derive(Pkcs12Purpose::Key, key_len)?;
    let iv: [u8; 8] = derive(Pkcs12Purpose::Iv, 8)?
        .as_slice()
        .try_into()
        .map_err(|_| malformed("IV"))?;
    let mut out = Zeroizing::new(data.to_vec());
    let ok = match scheme {
        PBE_SHA1_3DES | PBE_SHA1_2DES => {
            // Two-key 3DES is K1 ‖ K2 ‖ K1.
            let mut k = Zeroizing::new([0u8; 24]);
            k[..key_len].copy_from_slice(&key);
            if key_len == 16 {
                k.copy_within(0..8, 16);
            }
            let cipher = des::TdesEde3::new_from_slice(&k[..]).map_err(|_| malformed("key"))?;
            cbc_decrypt_padded(&cipher, &iv, &mut out)
        }
        _ => {
            let bits = if scheme == PBE_SHA1_RC2_128 { 128 } else { 40 };
            let cipher = rc2::Rc2::new_with_eff_key_len(&key, bits);
            cbc_decrypt_padded(&cipher, &iv, &mut out)
        }
    };
    match ok {
        Some(len) => {
            out.truncate(len);
            Ok(out)
        }
        None => Err(PkiError::WrongPassword(what)),
    }
}
