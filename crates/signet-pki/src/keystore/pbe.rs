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
use const_oid::db::{rfc5911, rfc6268, rfc7292};
use der::asn1::{AnyRef, OctetStringRef};
use der::{Decode, Encode, Sequence};
use signet_crypto::DigestAlgorithm;
use signet_crypto::password::{
    Pkcs12Purpose, pbkdf2_hmac, pbkdf2_kmac256, pkcs12_kdf, pkcs12_password,
};
use spki::AlgorithmIdentifierRef;
use zeroize::Zeroizing;

use super::ContainerError;
use super::kalyna::KalynaScheme;
use crate::PkiError;
use crate::cms::{SymmetricCipher, cbc_decrypt_padded};
use crate::oid::ids;

/// `EncryptedPrivateKeyInfo` as defined in [RFC 5958 section 3].
///
/// ```text
/// EncryptedPrivateKeyInfo ::= SEQUENCE {
///   encryptionAlgorithm  EncryptionAlgorithmIdentifier,
///   encryptedData        EncryptedData }
/// EncryptedData ::= OCTET STRING
/// ```
///
/// [RFC 5958 section 3]: https://datatracker.ietf.org/doc/html/rfc5958#section-3
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(super) struct EncryptedPrivateKeyInfo<'a> {
    pub encryption_algorithm: AlgorithmIdentifierRef<'a>,
    pub encrypted_data: &'a OctetStringRef,
}

/// `PBES2-params` as defined in [RFC 8018 appendix A.4].
///
/// ```text
/// PBES2-params ::= SEQUENCE {
///   keyDerivationFunc AlgorithmIdentifier {{PBES2-KDFs}},
///   encryptionScheme AlgorithmIdentifier {{PBES2-Encs}} }
/// ```
///
/// [RFC 8018 appendix A.4]: https://datatracker.ietf.org/doc/html/rfc8018#appendix-A.4
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct Pbes2Params<'a> {
    key_derivation_func: AlgorithmIdentifierRef<'a>,
    encryption_scheme: AlgorithmIdentifierRef<'a>,
}

/// `PBKDF2-params` as defined in [RFC 8018 appendix A.2].
///
/// ```text
/// PBKDF2-params ::= SEQUENCE {
///   salt CHOICE {
///     specified OCTET STRING,
///     otherSource AlgorithmIdentifier {{PBKDF2-SaltSources}} },
///   iterationCount INTEGER (1..MAX),
///   keyLength INTEGER (1..MAX) OPTIONAL,
///   prf AlgorithmIdentifier {{PBKDF2-PRFs}} DEFAULT algid-hmacWithSHA1 }
/// ```
///
/// Only the `specified` salt is read: RFC 8018 reserves `otherSource` for
/// future versions, and no container uses it.
///
/// [RFC 8018 appendix A.2]: https://datatracker.ietf.org/doc/html/rfc8018#appendix-A.2
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct Pbkdf2Params<'a> {
    salt: &'a OctetStringRef,
    iteration_count: u32,
    key_length: Option<u32>,
    prf: Option<AlgorithmIdentifierRef<'a>>,
}

/// `pkcs-12PbeParams` as defined in [RFC 7292 appendix C].
///
/// ```text
/// pkcs-12PbeParams ::= SEQUENCE {
///   salt        OCTET STRING,
///   iterations  INTEGER }
/// ```
///
/// [RFC 7292 appendix C]: https://datatracker.ietf.org/doc/html/rfc7292#appendix-C
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct Pkcs12PbeParams<'a> {
    salt: &'a OctetStringRef,
    iterations: u32,
}

/// The PRF of PBKDF2.
#[derive(Clone, Copy, Debug)]
enum Prf {
    Hmac(DigestAlgorithm),
    /// Kupyna-256's KMAC ([`signet_crypto::kupyna::kmac`]).
    KupynaKmac256,
}

/// The PRF of PBKDF2, by its AlgorithmIdentifier OID.
fn prf_by_oid(prf: &ObjectIdentifier) -> Option<Prf> {
    Some(Prf::Hmac(match *prf {
        ids::HMAC_WITH_SHA1 => DigestAlgorithm::Sha1,
        rfc6268::ID_HMAC_WITH_SHA_224 => DigestAlgorithm::Sha224,
        rfc6268::ID_HMAC_WITH_SHA_256 => DigestAlgorithm::Sha256,
        rfc6268::ID_HMAC_WITH_SHA_384 => DigestAlgorithm::Sha384,
        rfc6268::ID_HMAC_WITH_SHA_512 => DigestAlgorithm::Sha512,
        ids::HMAC_GOST_34311 => DigestAlgorithm::Gost34311Ua,
        ids::HMAC_STREEBOG_256 => DigestAlgorithm::Streebog256,
        ids::HMAC_STREEBOG_512 => DigestAlgorithm::Streebog512,
        ids::HMAC_GOST_R3411_94 => DigestAlgorithm::Gost94CryptoPro,
        // DSTU 7564 (Kupyna-256) and its MAC: UAPKI's PBKDF2 uses KMAC for
        // either (`pbes2_crypt` in `cm-pkcs12/src/crypto/pkcs5.c`).
        ids::KUPYNA_256 | ids::KUPYNA_256_MAC => return Some(Prf::KupynaKmac256),
        _ => return None,
    }))
}

fn derive_key(
    prf: Prf,
    password: &str,
    salt: &[u8],
    iterations: u32,
    key_len: usize,
) -> Result<Zeroizing<Vec<u8>>, ContainerError> {
    match prf {
        Prf::Hmac(digest) => pbkdf2_hmac(digest, password.as_bytes(), salt, iterations, key_len),
        Prf::KupynaKmac256 => pbkdf2_kmac256(password.as_bytes(), salt, iterations, key_len),
    }
    .map_err(ContainerError::KeyDerivation)
}

/// The password-based schemes this module opens.
const PASSWORD_BASED: [ObjectIdentifier; 5] = [
    ids::PBES2,
    rfc7292::PBE_WITH_SHA_AND_3_KEY_TRIPLE_DES_CBC,
    rfc7292::PBE_WITH_SHA_AND_2_KEY_TRIPLE_DES_CBC,
    rfc7292::PBE_WITH_SHA_AND_128_BIT_RC_2_CBC,
    rfc7292::PBEWITH_SHA_AND_40_BIT_RC_2_CBC,
];

/// Whether `alg` names a password-based scheme this module can open.
pub(super) fn is_password_based(alg: &ObjectIdentifier) -> bool {
    PASSWORD_BASED.contains(alg)
}

/// Decrypts an `EncryptedPrivateKeyInfo` (DER); `what` names the container
/// in the wrong-password error.
pub(super) fn decrypt_private_key_info(
    der: &[u8],
    password: &str,
    what: &'static str,
) -> Result<Zeroizing<Vec<u8>>, PkiError> {
    let info =
        EncryptedPrivateKeyInfo::from_der(der).map_err(PkiError::der("encrypted private key"))?;
    decrypt_info(info, password, what)
}

/// Decrypts an `EncryptedPrivateKeyInfo` already decoded.
pub(super) fn decrypt_info(
    info: EncryptedPrivateKeyInfo<'_>,
    password: &str,
    what: &'static str,
) -> Result<Zeroizing<Vec<u8>>, PkiError> {
    decrypt(
        info.encryption_algorithm,
        info.encrypted_data.as_bytes(),
        password,
        what,
    )
}

/// Decrypts `data` under the password-based AlgorithmIdentifier `alg`.
pub(super) fn decrypt(
    alg: AlgorithmIdentifierRef<'_>,
    data: &[u8],
    password: &str,
    what: &'static str,
) -> Result<Zeroizing<Vec<u8>>, PkiError> {
    let scheme = alg.oid;
    let params = alg.parameters.ok_or(ContainerError::PbeParamsMissing)?;
    if scheme == ids::PBES2 {
        pbes2(params, data, password, what)
    } else if is_password_based(&scheme) {
        pkcs12_pbe(scheme, params, data, password, what)
    } else {
        Err(PkiError::Unsupported(format!(
            "keys encrypted with {}",
            crate::oid::name_of(&scheme)
        )))
    }
}

fn pbes2(
    params: AnyRef<'_>,
    data: &[u8],
    password: &str,
    what: &'static str,
) -> Result<Zeroizing<Vec<u8>>, PkiError> {
    let params = params
        .decode_as::<Pbes2Params<'_>>()
        .map_err(PkiError::der("PBES2 parameters"))?;
    let kdf = params.key_derivation_func;
    if kdf.oid != rfc5911::ID_PBKDF_2 {
        return Err(PkiError::Unsupported(format!(
            "PBES2 with the key derivation {}",
            crate::oid::name_of(&kdf.oid)
        )));
    }
    let kdf = kdf
        .parameters
        .ok_or(ContainerError::Pbkdf2ParamsMissing)?
        .decode_as::<Pbkdf2Params<'_>>()
        .map_err(PkiError::der("PBKDF2 parameters"))?;
    let prf = match kdf.prf {
        None => Prf::Hmac(DigestAlgorithm::Sha1),
        Some(prf) => prf_by_oid(&prf.oid).ok_or_else(|| {
            PkiError::Unsupported(format!(
                "PBKDF2 with the PRF {}",
                crate::oid::name_of(&prf.oid)
            ))
        })?,
    };
    let (salt, iterations) = (kdf.salt.as_bytes(), kdf.iteration_count);
    let scheme = params.encryption_scheme;
    if let Some(kalyna) = KalynaScheme::read(&scheme.oid, scheme.parameters)? {
        let key_len = kalyna.key_len(kdf.key_length)?;
        let key = derive_key(prf, password, salt, iterations, key_len)?;
        return kalyna
            .decrypt(&key, data)
            .map_err(|_| PkiError::WrongPassword(what));
    }
    // The CMS content-encryption reader takes the AlgorithmIdentifier whole.
    let scheme_der = scheme
        .to_der()
        .map_err(PkiError::der("PBES2 encryption scheme"))?;
    let scheme_any =
        AnyRef::from_der(&scheme_der).map_err(PkiError::der("PBES2 encryption scheme"))?;
    let cipher = SymmetricCipher::read(scheme_any).map_err(pki)?;
    let key_len = match kdf.key_length {
        Some(len) if len as usize != cipher.key_len() => {
            return Err(ContainerError::Pbkdf2KeyLength.into());
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
        other => ContainerError::EncryptionScheme(Box::new(other)).into(),
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
    let params = params
        .decode_as::<Pkcs12PbeParams<'_>>()
        .map_err(PkiError::der("PKCS#12 PBE parameters"))?;
    let (salt, iterations) = (params.salt.as_bytes(), params.iterations);
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
        .map_err(ContainerError::KeyDerivation)
    };
    let key_len = match scheme {
        rfc7292::PBE_WITH_SHA_AND_3_KEY_TRIPLE_DES_CBC => 24,
        rfc7292::PBE_WITH_SHA_AND_2_KEY_TRIPLE_DES_CBC => 16,
        rfc7292::PBE_WITH_SHA_AND_128_BIT_RC_2_CBC => 16,
        _ => 5,
    };
    let key = derive(Pkcs12Purpose::Key, key_len)?;
    let mut iv = [0u8; 8];
    for (to, from) in iv.iter_mut().zip(derive(Pkcs12Purpose::Iv, 8)?.iter()) {
        *to = *from;
    }
    let mut out = Zeroizing::new(data.to_vec());
    let ok = match scheme {
        rfc7292::PBE_WITH_SHA_AND_3_KEY_TRIPLE_DES_CBC
        | rfc7292::PBE_WITH_SHA_AND_2_KEY_TRIPLE_DES_CBC => {
            // Two-key 3DES is K1 ‖ K2 ‖ K1.
            let mut k: Zeroizing<cipher::Key<des::TdesEde3>> = Zeroizing::new(Default::default());
            k[..key_len].copy_from_slice(&key);
            if key_len == 16 {
                k.copy_within(0..8, 16);
            }
            let cipher = des::TdesEde3::new(&k);
            cbc_decrypt_padded(&cipher, &iv, &mut out)
        }
        _ => {
            let bits = if scheme == rfc7292::PBE_WITH_SHA_AND_128_BIT_RC_2_CBC {
                128
            } else {
                40
            };
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
