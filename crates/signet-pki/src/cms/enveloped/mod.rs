//! CMS `EnvelopedData` ([RFC 5652] section 6) and `AuthEnvelopedData`
//! ([RFC 5083]): encrypting a short secret to a recipient certificate, and
//! decrypting with the recipient's private key.
//!
//! This is the core of "login by certificate" (the server encrypts a random
//! key to the user's certificate; the user decrypts it with `openssl cms
//! -decrypt` or CryptoPro) and of reading what clients encrypt to signet.
//!
//! | recipient key | RecipientInfo signet writes | also decrypted |
//! |---|---|---|
//! | RSA | `ktri`, RSAES-OAEP with SHA-256 and MGF1-SHA-256 ([RFC 8017] section 7.1, [RFC 4055] section 4, [RFC 3560]) | `rsaEncryption` (PKCS#1 v1.5, `openssl cms -encrypt`'s default), OAEP with SHA-1/384/512 |
//! | EC P-256/384/521 | `kari`, ephemeral-static ECDH, `dhSinglePass-stdDH-sha256kdf-scheme`, `aes256-wrap` ([RFC 5753] sections 3.1 and 7.2, [RFC 3394]) | the SHA-1/224/384/512 KDFs (OpenSSL's default is SHA-1), cofactor DH, `aes128-wrap`, `id-alg-CMS3DESwrap` ([RFC 3217]) |
//! | GOST R 34.10-2001/2012 | `ktri` with `GostR3410-KeyTransport`: ephemeral key, VKO, CryptoPro key wrap ([RFC 4490] section 4.2, [RFC 4357] sections 5.2 and 6.3, [RFC 9189] section 8.2.2 for 2012) | the same, and `kari` with an ephemeral originator key, VKO and the GOST 28147-89 or CryptoPro key wrap ([RFC 4490] section 4.3, TC26's CMS profile) |
//! | GOST R 34.10-2012 with Kuznyechik/Magma content | `ktri` with `id-gostr3412-2015-*-wrap-kexp15` and `PSKeyTransport` (KEG of R 1323565.1.020-2018, KExp15 of [RFC 9189] section 8.2.1), as gost-engine writes it | the same |
//! | DSTU 4145-2002 | `kari` as the Ukrainian DSTSZI profile has it: an ephemeral `originatorKey`, a 64-byte ukm, `dhSinglePass-cofactorDH-gost34311kdf` (cofactor DH, GOST 34.311-95 KDF) and `Gost28147-cfb-wrap` (the `dstu` module) | the same with the sender's certificate as static originator (`issuerAndSerialNumber`, as jkurwa writes it; the certificate comes from [`decrypt_with_originators`] or the envelope's `originatorInfo`), and without a ukm (as UAPKI writes it) |
//! | Ed25519 | refused: Ed25519 keys only sign | — |
//!
//! Content: AES-256-CBC ([RFC 3565]) by default for RSA and EC, AES-256-GCM
//! as AuthEnvelopedData ([RFC 5084]) on request; GOST 28147-89 CFB with
//! CryptoPro key meshing ([RFC 4490] section 5.1) by default for GOST keys
//! (S-box TC26 Z for 2012 keys, CryptoPro A for 2001 keys, the same set
//! wrapping the key), Kuznyechik/Magma CTR-ACPKM(-OMAC) on request; DSTU
//! GOST 28147:2009 CFB without key meshing, S-box DKE №1 written in its
//! `dke` parameter, for DSTU 4145 keys.
//! Decryption also reads AES-128/192 and DES-EDE3-CBC content; the
//! `content` module lists each algorithm's parameters.
//!
//! What gost-engine 3.0.1 does, found by reading its source and by
//! experiment (the tests pin it): `openssl cms -encrypt` on a GOST
//! certificate always writes a `ktri`. With `-gost89` it is
//! `GostR3410-KeyTransport` under the key's own algorithm identifier,
//! VKO_GOSTR3410_2012_256 with the 8-byte UKM for both 2012 key sizes
//! (GOST R 34.11-94 VKO for 2001 keys), key wrap S-box TC26 Z (CryptoPro A
//! for 2001), content S-box TC26 Z. With the R 34.12-2015 ciphers the key
//! encryption algorithm is `*-kexp15` with parameters `SEQUENCE {
//! id-tc26-agreement-gost-3410-2012-256/512 }`, and `encryptedKey` holds
//! `PSKeyTransport ::= SEQUENCE { psexp OCTET STRING, ephemeralPublicKey
//! SubjectPublicKeyInfo, ukm OCTET STRING }` with a 32-byte ukm: KEG takes
//! the first 16 bytes (read big-endian) as the VKO UKM; for 256-bit keys
//! `KDF_TREE_GOSTR3411_2012_256(VKO_256, "kdf tree", ukm[16..24], 1)`, for
//! 512-bit keys VKO_GOSTR3410_2012_512 directly, give `K_mac ‖ K_enc`, and
//! `psexp = KExp15(CEK, K_mac, K_enc, ukm[24..24 + n/2])`. 2001 keys cannot
//! take these ciphers (the engine fails too).
//!
//! Input: DER, BER, PEM (`CMS`, `PKCS7`) or base64, at most 16 MiB, at most
//! 16 recipients. Nothing here panics on any input; a certificate that is
//! not among the recipients, a key that is not the certificate's, and a
//! failed decryption are distinct errors. With PKCS#1 v1.5 key transport a
//! bad padding is not reported apart from a bad content (a random key is
//! used instead, as RFC 3218 section 2.3.2 advises), so the error gives no
//! padding oracle.
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-6
//! [RFC 5083]: https://datatracker.ietf.org/doc/html/rfc5083
//! [RFC 8017]: https://datatracker.ietf.org/doc/html/rfc8017#section-7.1
//! [RFC 4055]: https://datatracker.ietf.org/doc/html/rfc4055#section-4
//! [RFC 3560]: https://datatracker.ietf.org/doc/html/rfc3560
//! [RFC 5753]: https://datatracker.ietf.org/doc/html/rfc5753#section-3.1
//! [RFC 3394]: https://datatracker.ietf.org/doc/html/rfc3394
//! [RFC 3217]: https://datatracker.ietf.org/doc/html/rfc3217
//! [RFC 4490]: https://datatracker.ietf.org/doc/html/rfc4490#section-4.2
//! [RFC 4357]: https://datatracker.ietf.org/doc/html/rfc4357#section-5.2
//! [RFC 9189]: https://datatracker.ietf.org/doc/html/rfc9189#section-8.2
//! [RFC 3565]: https://datatracker.ietf.org/doc/html/rfc3565
//! [RFC 5084]: https://datatracker.ietf.org/doc/html/rfc5084

mod content;
mod dstu;
mod ecdh;
mod envelope;
mod gost;
mod rsa;
#[cfg(test)]
pub(crate) mod tests;

use const_oid::ObjectIdentifier;
/// id-ct-authEnvelopedData (RFC 5083 section 1.1).
pub use const_oid::db::rfc5911::ID_CT_AUTH_ENVELOPED_DATA as ID_AUTH_ENVELOPED_DATA;
/// id-envelopedData (RFC 5652 section 6.1).
pub use const_oid::db::rfc5911::ID_ENVELOPED_DATA;
use signet_crypto::gost28147::ParamSet;
use zeroize::Zeroizing;

use self::content::ContentAlgorithm;
pub(crate) use self::content::{SymmetricCipher, cbc_decrypt_padded};
use self::envelope::Kind;
use crate::cms::asn1::{
    KeyAgreeRecipientIdentifierRef, KeyAgreeRecipientInfoRef, RecipientIdentifierRef,
    RecipientInfoRef,
};
use crate::cms::{SignerId, signer_matches};
use crate::input::{InputKind, decode_one};
use crate::private_key::PrivateKey;
use crate::signature::SignatureError;
use crate::{Certificate, GostKeyType, KeyAlgorithm, PkiError};

/// Most recipients read from one EnvelopedData.
pub const MAX_RECIPIENTS: usize = 16;

/// Input limits for enveloped data: 16 MiB in any form, one object.
pub const ENVELOPED_INPUT: InputKind = InputKind {
    what: "enveloped data",
    pem_labels: &["CMS", "PKCS7"],
    max_input: 16 << 20,
    max_objects: 1,
};

/// Largest content [`encrypt_to`] accepts (16 MiB).
pub const MAX_CONTENT: usize = 16 << 20;

/// The content-encryption algorithm of [`encrypt_to`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ContentCipher {
    /// AES-256-CBC in EnvelopedData (RFC 3565).
    Aes256Cbc,
    /// AES-256-GCM in AuthEnvelopedData (RFC 5083, RFC 5084).
    Aes256Gcm,
    /// GOST 28147-89 CFB with CryptoPro key meshing (RFC 4490 section 5.1);
    /// for a DSTU 4145 recipient, DSTU GOST 28147:2009 CFB without key
    /// meshing under the Ukrainian S-box (the only content cipher for
    /// those keys).
    Gost28147Cfb,
    /// Kuznyechik CTR-ACPKM (`id-gostr3412-2015-kuznyechik-ctracpkm`).
    KuznyechikCtrAcpkm,
    /// Kuznyechik CTR-ACPKM with an encrypted OMAC of the content
    /// (`id-gostr3412-2015-kuznyechik-ctracpkm-omac`).
    KuznyechikCtrAcpkmOmac,
    /// Magma CTR-ACPKM (`id-gostr3412-2015-magma-ctracpkm`).
    MagmaCtrAcpkm,
    /// Magma CTR-ACPKM with an encrypted OMAC of the content
    /// (`id-gostr3412-2015-magma-ctracpkm-omac`).
    MagmaCtrAcpkmOmac,
}

impl ContentCipher {
    /// The name as `openssl cms` spells the cipher option.
    pub fn name(self) -> &'static str {
        match self {
            ContentCipher::Aes256Cbc => "aes-256-cbc",
            ContentCipher::Aes256Gcm => "aes-256-gcm",
            ContentCipher::Gost28147Cfb => "gost89",
            ContentCipher::KuznyechikCtrAcpkm => "kuznyechik-ctr-acpkm",
            ContentCipher::KuznyechikCtrAcpkmOmac => "kuznyechik-ctr-acpkm-omac",
            ContentCipher::MagmaCtrAcpkm => "magma-ctr-acpkm",
            ContentCipher::MagmaCtrAcpkmOmac => "magma-ctr-acpkm-omac",
        }
    }

    fn is_gost(self) -> bool {
        !matches!(self, ContentCipher::Aes256Cbc | ContentCipher::Aes256Gcm)
    }
}

/// Why enveloped data could not be made or opened.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopedError {
    /// The input could not be read, or uses something signet does not
    /// support ("not supported: …").
    #[error(transparent)]
    Pki(#[from] PkiError),
    /// The CMS content type is not (auth)enveloped data.
    #[error("the input is CMS {}, not enveloped data", crate::oid::name_of(.0))]
    NotEnveloped(ObjectIdentifier),
    /// Well-formed DER whose values break the RFC's or the algorithm's
    /// rules.
    #[error("malformed enveloped data: {0}")]
    Malformed(#[source] EnvelopeFault),
    /// No RecipientInfo names the certificate.
    #[error("this certificate is not a recipient of the enveloped data")]
    NotARecipient,
    /// The private key is not the certificate's.
    #[error("the private key does not belong to the recipient certificate")]
    KeyMismatch,
    /// A static key agreement (DSTU 4145 EnvelopedData as jkurwa and IIT
    /// write it) names the sender's certificate, which neither the caller
    /// ([`decrypt_with_originators`]) nor the envelope's `originatorInfo`
    /// supplied.
    #[error(
        "the enveloped data was encrypted with the sender's certificate key ({0}); \
         that certificate is needed to decrypt it"
    )]
    OriginatorCertificateMissing(String),
    /// The key or the content did not decrypt, or failed its integrity
    /// check.
    #[error("decryption failed: {0}")]
    DecryptionFailed(DecryptionFailure),
    /// The operating system's random generator failed.
    #[error("the random generator failed")]
    Random,
    /// The cryptographic library refused an operation on valid input (a
    /// fault of the machine, not of the input).
    #[error("the cryptographic library failed: {0}")]
    Crypto(&'static str),
    /// What signet made does not encode (a fault of signet, not of the
    /// input).
    #[error("the enveloped data cannot be encoded: {0}")]
    Encoding(#[source] der::Error),
}

/// How well-formed enveloped data breaks a rule of its RFC or of an
/// algorithm it names.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeFault {
    /// AES-GCM content in an EnvelopedData ([RFC 5084] section 1).
    ///
    /// [RFC 5084]: https://datatracker.ietf.org/doc/html/rfc5084#section-1
    #[error("AES-GCM content belongs in AuthEnvelopedData (RFC 5084 section 1)")]
    AeadOutsideAuthEnvelopedData,
    /// An algorithm's parameters are absent, do not decode, or are not
    /// what the algorithm defines.
    #[error("the {0} parameters are malformed")]
    Parameters(&'static str),
    /// A structure carried in an encrypted key or a RecipientInfo does not
    /// decode.
    #[error("malformed {0}")]
    Structure(&'static str),
    /// A value of a fixed size has another.
    #[error("{what} is {actual} bytes, not {expected}")]
    Size {
        /// The value.
        what: &'static str,
        /// Its size by the algorithm's definition.
        expected: usize,
        /// Its size here.
        actual: usize,
    },
    /// A KeyAgreeRecipientInfo whose keyEncryptionAlgorithm names no key
    /// wrap.
    #[error("the key agreement names no key wrap")]
    NoKeyWrap,
    /// The originator's ephemeral key is not a point of the curve.
    #[error("the originator's ephemeral key is not on the curve")]
    OriginatorKeyNotOnCurve,
    /// A GOST R 34.10 key or key agreement input the algorithm refuses.
    #[error("GOST key transport: {0}")]
    Gost(#[source] signet_crypto::gost3410::Error),
    /// A GOST R 34.12-2015 mode refuses its inputs.
    #[error("GOST R 34.12-2015: {0}")]
    Gost2015(#[source] signet_crypto::gost2015::Error),
    /// A DSTU 4145 key agreement between keys on different curves.
    #[error(
        "the originator's DSTU 4145 key is on {theirs}, the recipient's on {ours}: \
         key agreement needs one curve"
    )]
    CurveMismatch {
        /// The recipient key's curve.
        ours: String,
        /// The originator key's curve.
        theirs: String,
    },
    /// A DSTU 4145 key agreement the algorithm refuses.
    #[error("DSTU 4145 key agreement: {0}")]
    DstuAgreement(#[source] signet_crypto::dstu4145::Error),
    /// A DSTU 4145 public key that cannot be read.
    #[error("{whose} DSTU 4145 public key: {source}")]
    DstuKey {
        /// Whose key ("the originator's").
        whose: &'static str,
        /// Why it cannot be read.
        source: SignatureError,
    },
    /// The `id-cms-mac-attr` attribute does not hold one OCTET STRING.
    #[error("the content MAC attribute is not one OCTET STRING")]
    MacAttribute,
}

impl From<EnvelopeFault> for EnvelopedError {
    fn from(fault: EnvelopeFault) -> Self {
        EnvelopedError::Malformed(fault)
    }
}

/// Why a decryption failed. With PKCS#1 v1.5 key transport a bad padding
/// shows only as [`Self::WrongKeyOrData`] of the content (no padding
/// oracle).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecryptionFailure {
    /// The key wrap's or the content's check failed: another key, or
    /// damaged data.
    #[error("the encrypted key or content does not decrypt with this private key")]
    WrongKeyOrData,
    /// `*-ctracpkm-omac` content without its `id-cms-mac-attr`.
    #[error("the content MAC attribute is missing")]
    MacMissing,
    /// The content's OMAC does not match.
    #[error("the content MAC does not match (the content was altered)")]
    MacMismatch,
}

pub(crate) fn failed() -> EnvelopedError {
    EnvelopedError::DecryptionFailed(DecryptionFailure::WrongKeyOrData)
}

pub(crate) fn encoding(e: der::Error) -> EnvelopedError {
    EnvelopedError::Encoding(e)
}

pub(crate) fn unsupported(what: String) -> EnvelopedError {
    EnvelopedError::Pki(PkiError::Unsupported(what))
}

pub(crate) fn random(out: &mut [u8]) -> Result<(), EnvelopedError> {
    aws_lc_rs::rand::fill(out).map_err(|_| EnvelopedError::Random)
}

const ED25519_REFUSAL: &str = "Ed25519 keys cannot decrypt (use an X25519 certificate)";

/// The recipient's key as encrypt_to needs it.
enum RecipientKey {
    Rsa,
    Ec(ObjectIdentifier),
    Gost {
        key_type: GostKeyType,
        curve: signet_crypto::gost3410::Curve,
    },
    Dstu,
}

fn recipient_key(cert: &Certificate) -> Result<RecipientKey, EnvelopedError> {
    let public = &cert.fields().public_key;
    match &public.algorithm {
        KeyAlgorithm::Rsa { pss: false, .. } => Ok(RecipientKey::Rsa),
        KeyAlgorithm::Rsa { pss: true, .. } => Err(unsupported(
            "RSASSA-PSS keys cannot decrypt (the certificate restricts the key to signatures)"
                .into(),
        )),
        KeyAlgorithm::Ec { curve: Some(curve) }
            if crate::private_key::ecdh_algorithm(curve).is_some() =>
        {
            Ok(RecipientKey::Ec(*curve))
        }
        KeyAlgorithm::Ec { curve } => Err(unsupported(format!(
            "EC key agreement on {}",
            curve.map_or("explicit curve parameters".into(), |c| crate::oid::name_of(
                &c
            ))
        ))),
        KeyAlgorithm::Ed25519 => Err(unsupported(ED25519_REFUSAL.into())),
        KeyAlgorithm::Ed448 => Err(unsupported(
            "Ed448 keys cannot decrypt (use an X448 certificate)".into(),
        )),
        KeyAlgorithm::Gost {
            key_type,
            param_set,
            ..
        } => {
            let param_set = param_set
                .ok_or_else(|| unsupported("GOST keys that name no parameter set".into()))?;
            let curve = crate::signature::gost_curve(&param_set).ok_or_else(|| {
                unsupported(format!(
                    "GOST parameter set {}",
                    crate::oid::name_of(&param_set)
                ))
            })?;
            Ok(RecipientKey::Gost {
                key_type: *key_type,
                curve,
            })
        }
        KeyAlgorithm::Dstu4145 { .. } => Ok(RecipientKey::Dstu),
        _ => Err(unsupported(format!(
            "encryption to {} keys",
            crate::oid::name_of(&public.algorithm_oid)
        ))),
    }
}

/// The GOST 28147-89 parameter set for a GOST key: TC26 Z for GOST R
/// 34.10-2012 keys (RFC 9189, gost-engine's default), CryptoPro A for
/// GOST R 34.10-2001 keys (RFC 4357 section 10.3, CryptoPro CSP's
/// default).
fn gost89_set(key_type: GostKeyType) -> ParamSet {
    match key_type {
        GostKeyType::R3410_2001 => ParamSet::CryptoProA,
        _ => ParamSet::Tc26Z,
    }
}

/// Encrypts `data` to the holder of `recipient`'s private key and returns
/// the DER of a `ContentInfo` holding EnvelopedData (AuthEnvelopedData
/// for [`ContentCipher::Aes256Gcm`]).
///
/// `cipher` `None` takes the natural default for the key: AES-256-CBC for
/// RSA and EC, GOST 28147-89 for GOST and DSTU 4145 keys. The
/// certificate's validity and key usage are the caller's to check.
pub fn encrypt_to(
    recipient: &Certificate,
    data: &[u8],
    cipher: Option<ContentCipher>,
) -> Result<Vec<u8>, EnvelopedError> {
    if data.len() > MAX_CONTENT {
        return Err(PkiError::TooLarge {
            what: "content to encrypt",
            len: data.len(),
            limit: MAX_CONTENT,
        }
        .into());
    }
    let key = recipient_key(recipient)?;
    let (cipher, gost_set) = match &key {
        RecipientKey::Rsa | RecipientKey::Ec(_) => {
            let cipher = cipher.unwrap_or(ContentCipher::Aes256Cbc);
            if cipher.is_gost() {
                return Err(unsupported(format!(
                    "{} content for an RSA or EC recipient",
                    cipher.name()
                )));
            }
            (cipher, ParamSet::Tc26Z)
        }
        RecipientKey::Gost { key_type, .. } => {
            let cipher = cipher.unwrap_or(ContentCipher::Gost28147Cfb);
            if !cipher.is_gost() {
                return Err(unsupported(format!(
                    "{} content for a GOST recipient",
                    cipher.name()
                )));
            }
            if *key_type == GostKeyType::R3410_2001 && cipher != ContentCipher::Gost28147Cfb {
                return Err(unsupported(format!(
                    "{} for a GOST R 34.10-2001 key (its key export needs a 2012 key)",
                    cipher.name()
                )));
            }
            (cipher, gost89_set(*key_type))
        }
        RecipientKey::Dstu => {
            let cipher = cipher.unwrap_or(ContentCipher::Gost28147Cfb);
            if cipher != ContentCipher::Gost28147Cfb {
                return Err(unsupported(format!(
                    "{} content for a DSTU 4145 recipient",
                    cipher.name()
                )));
            }
            (cipher, ParamSet::Tc26Z)
        }
    };
    let sealed = match key {
        RecipientKey::Dstu => content::seal_dstu(data, &crate::dstu::DKE_1)?,
        _ => content::seal(cipher, data, gost_set)?,
    };
    let (recipient_info, ri_version) = match key {
        RecipientKey::Rsa => (rsa::key_trans(recipient, &sealed.cek)?, 0),
        RecipientKey::Ec(curve) => (ecdh::key_agree(recipient, &curve, &sealed.cek)?, 3),
        RecipientKey::Gost { key_type, curve } => (
            gost::key_trans(recipient, key_type, curve, cipher, gost_set, &sealed.cek)?,
            0,
        ),
        RecipientKey::Dstu => (dstu::key_agree(recipient, &sealed.cek)?, 3),
    };
    envelope::write_envelope(&recipient_info, ri_version, &sealed)
}

/// Decrypts enveloped data (DER, BER, PEM or base64; EnvelopedData or
/// AuthEnvelopedData) addressed to `recipient_cert`, with `key`, the
/// certificate's private key.
///
/// A static-static key agreement (the sender's certificate as originator)
/// needs that certificate: it is looked for in the envelope's
/// `originatorInfo`, else [`EnvelopedError::OriginatorCertificateMissing`];
/// [`decrypt_with_originators`] takes it from the caller.
pub fn decrypt(
    enveloped_der_or_pem: &[u8],
    recipient_cert: &Certificate,
    key: &PrivateKey,
) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
    decrypt_with_originators(enveloped_der_or_pem, recipient_cert, key, &[])
}

/// [`decrypt`], with `originators`: certificates of senders that a
/// KeyAgreeRecipientInfo may name by `issuerAndSerialNumber` or
/// `subjectKeyIdentifier` (static-static DSTU 4145 key agreement, as
/// jkurwa's `Message` and IIT's library write Ukrainian EnvelopedData),
/// besides those in the envelope's `originatorInfo`.
///
/// Decryption proves nothing about such a certificate beyond its key
/// having been used: whether it is trusted is the caller's to check.
pub fn decrypt_with_originators(
    enveloped_der_or_pem: &[u8],
    recipient_cert: &Certificate,
    key: &PrivateKey,
    originators: &[Certificate],
) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
    let bytes = decode_one(enveloped_der_or_pem, &ENVELOPED_INPUT)?;
    let der = crate::ber::to_der(&bytes).map_err(PkiError::Ber)?;
    let envelope = envelope::read_envelope(&der)?;
    let content_alg = ContentAlgorithm::read(&envelope.content_alg)?;
    match (envelope.kind, content_alg.is_aead()) {
        (Kind::Enveloped, true) => {
            return Err(EnvelopeFault::AeadOutsideAuthEnvelopedData.into());
        }
        (Kind::AuthEnveloped, false) => {
            return Err(unsupported(
                "AuthEnvelopedData with a cipher that does not authenticate".into(),
            ));
        }
        _ => {}
    }
    let candidates: Vec<&RecipientInfoRef<'_>> = envelope
        .recipients
        .iter()
        .filter(|r| match r {
            RecipientInfoRef::Ktri(ktri) => names(&ktri.rid, recipient_cert),
            RecipientInfoRef::Kari(kari) => kari
                .recipient_encrypted_keys
                .iter()
                .any(|k| names_agreeing(&k.rid, recipient_cert)),
            _ => false,
        })
        .collect();
    if candidates.is_empty() {
        return Err(EnvelopedError::NotARecipient);
    }
    if let PrivateKey::Ed25519(_) = key {
        return Err(unsupported(ED25519_REFUSAL.into()));
    }
    let key_matches = match key {
        // An IIT container's key-agreement key may be the certificate's.
        PrivateKey::Dstu4145(k) => dstu::key_for(k, recipient_cert).is_some(),
        _ => key.matches(recipient_cert),
    };
    if !key_matches {
        return Err(EnvelopedError::KeyMismatch);
    }
    let carried: Vec<Certificate> = envelope
        .originator_certs
        .iter()
        .filter_map(|der| Certificate::from_der(der.clone()).ok())
        .collect();
    let originators: Vec<&Certificate> = originators.iter().chain(carried.iter()).collect();
    let ciphertext = envelope
        .encrypted_content
        .clone()
        .ok_or_else(|| unsupported("enveloped data whose encrypted content is detached".into()))?;
    let mut last_error = EnvelopedError::NotARecipient;
    for recipient in candidates {
        let cek = match recipient_key_of(
            recipient,
            recipient_cert,
            key,
            content_alg.key_len(),
            &originators,
        ) {
            Ok(cek) => cek,
            Err(e) => {
                last_error = e;
                continue;
            }
        };
        return content_alg.decrypt(
            &cek,
            ciphertext,
            envelope.mac,
            envelope.auth_attrs.as_deref(),
            &envelope.unprotected,
        );
    }
    Err(last_error)
}

/// Whether a RecipientIdentifier names `cert`.
fn names(rid: &RecipientIdentifierRef<'_>, cert: &Certificate) -> bool {
    SignerId::from_asn1(rid).is_ok_and(|sid| signer_matches(&sid, cert))
}

/// Whether a KeyAgreeRecipientIdentifier names `cert`.
fn names_agreeing(rid: &KeyAgreeRecipientIdentifierRef<'_>, cert: &Certificate) -> bool {
    match rid {
        KeyAgreeRecipientIdentifierRef::IssuerAndSerialNumber(ias) => {
            names(&RecipientIdentifierRef::IssuerAndSerialNumber(*ias), cert)
        }
        KeyAgreeRecipientIdentifierRef::RKeyId(id) => signer_matches(
            &SignerId::SubjectKeyId(id.subject_key_identifier.as_bytes().to_vec()),
            cert,
        ),
    }
}

/// The encryptedKey of the RecipientEncryptedKey of a kari naming `cert`.
fn encrypted_key_for<'a>(
    kari: &KeyAgreeRecipientInfoRef<'a>,
    cert: &Certificate,
) -> Result<&'a [u8], EnvelopedError> {
    kari.recipient_encrypted_keys
        .iter()
        .find(|k| names_agreeing(&k.rid, cert))
        .map(|k| k.encrypted_key.as_bytes())
        .ok_or(EnvelopedError::NotARecipient)
}

/// The content-encryption key from one RecipientInfo.
fn recipient_key_of(
    recipient: &RecipientInfoRef<'_>,
    cert: &Certificate,
    key: &PrivateKey,
    cek_len: usize,
    originators: &[&Certificate],
) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
    match (recipient, key) {
        (RecipientInfoRef::Ktri(ktri), PrivateKey::Rsa(k)) => rsa::decrypt_key(
            &ktri.key_encryption_algorithm,
            ktri.encrypted_key.as_bytes(),
            k,
            cek_len,
        ),
        (RecipientInfoRef::Ktri(ktri), PrivateKey::Gost(k)) => gost::decrypt_key(
            &ktri.key_encryption_algorithm,
            ktri.encrypted_key.as_bytes(),
            k,
        ),
        (RecipientInfoRef::Kari(kari), PrivateKey::Ec(k)) => {
            let encrypted_key = encrypted_key_for(kari, cert)?;
            ecdh::decrypt_key(kari, encrypted_key, k)
        }
        (RecipientInfoRef::Kari(kari), PrivateKey::Gost(k)) => {
            let encrypted_key = encrypted_key_for(kari, cert)?;
            gost::decrypt_agree(kari, encrypted_key, k)
        }
        (RecipientInfoRef::Kari(kari), PrivateKey::Dstu4145(k)) => {
            let encrypted_key = encrypted_key_for(kari, cert)?;
            let k = dstu::key_for(k, cert).ok_or(EnvelopedError::KeyMismatch)?;
            dstu::decrypt_agree(kari, encrypted_key, k, originators)
        }
        (r, k) => Err(unsupported(format!(
            "a {} recipient info for a {} key",
            match r {
                RecipientInfoRef::Ktri(_) => "key transport",
                RecipientInfoRef::Kari(_) => "key agreement",
                _ => "KEK, password or other",
            },
            k.description()
        ))),
    }
}
