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

mod asn1;
mod content;
mod dstu;
mod ecdh;
mod gost;
mod oids;
mod rsa;

use const_oid::ObjectIdentifier;
use signet_crypto::gost28147::ParamSet;
use zeroize::Zeroizing;

use self::asn1::{Kind, Recipient, cons, octets, oid, seq, small_int, tlv};
use self::content::ContentAlgorithm;
pub(crate) use self::content::{SymmetricCipher, cbc_decrypt_padded};
use crate::cms::{ID_DATA, signer_matches};
use crate::input::{InputKind, decode_one};
use crate::private_key::PrivateKey;
use crate::{Certificate, GostKeyType, KeyAlgorithm, PkiError};

/// id-envelopedData (RFC 5652 section 6.1).
pub const ID_ENVELOPED_DATA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.3");
/// id-ct-authEnvelopedData (RFC 5083 section 1.1).
pub const ID_AUTH_ENVELOPED_DATA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.23");

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
    #[error("the input is CMS {0}, not enveloped data")]
    NotEnveloped(String),
    /// Well-formed DER whose values break the RFC's rules.
    #[error("malformed enveloped data: {0}")]
    Malformed(String),
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
    DecryptionFailed(String),
    /// The operating system's random generator failed.
    #[error("the random generator failed")]
    Random,
    /// The cryptographic library refused an operation on valid input (a
    /// fault of the machine, not of the input).
    #[error("the cryptographic library failed: {0}")]
    Crypto(&'static str),
}

pub(crate) fn failed() -> EnvelopedError {
    EnvelopedError::DecryptionFailed(
        "the encrypted key or content does not decrypt with this private key".into(),
    )
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
    let recipient_infos = cons(0x31, &[&recipient_info]);
    let eci = seq(&[
        &oid(&ID_DATA),
        &sealed.algorithm,
        &tlv(0x80, &sealed.ciphertext),
    ]);
    let (content_type, body) = match &sealed.gcm_tag {
        Some(tag) => (
            ID_AUTH_ENVELOPED_DATA,
            seq(&[&small_int(0), &recipient_infos, &eci, &octets(tag)]),
        ),
        None => {
            // RFC 5652 section 6.1: version 2 when unprotectedAttrs are
            // present or a RecipientInfo is not version 0.
            let version = if sealed.unprotected_attrs.is_some() || ri_version != 0 {
                2
            } else {
                0
            };
            let attrs = sealed
                .unprotected_attrs
                .as_ref()
                .map(|a| cons(0xA1, &[a]))
                .unwrap_or_default();
            (
                ID_ENVELOPED_DATA,
                seq(&[&small_int(version), &recipient_infos, &eci, &attrs]),
            )
        }
    };
    Ok(seq(&[&oid(&content_type), &cons(0xA0, &[&body])]))
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
    let envelope = asn1::read_envelope(&der)?;
    let content_alg = ContentAlgorithm::read(&envelope.content_alg)?;
    match (envelope.kind, content_alg.is_aead()) {
        (Kind::Enveloped, true) => {
            return Err(EnvelopedError::Malformed(
                "AES-GCM content belongs in AuthEnvelopedData (RFC 5084 section 1)".into(),
            ));
        }
        (Kind::AuthEnveloped, false) => {
            return Err(unsupported(
                "AuthEnvelopedData with a cipher that does not authenticate".into(),
            ));
        }
        _ => {}
    }
    let candidates: Vec<&Recipient<'_>> = envelope
        .recipients
        .iter()
        .filter(|r| match r {
            Recipient::KeyTrans { rid, .. } => signer_matches(rid, recipient_cert),
            Recipient::KeyAgree { keys, .. } => keys
                .iter()
                .any(|(rid, _)| signer_matches(rid, recipient_cert)),
            Recipient::Other => false,
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

/// The content-encryption key from one RecipientInfo.
fn recipient_key_of(
    recipient: &Recipient<'_>,
    cert: &Certificate,
    key: &PrivateKey,
    cek_len: usize,
    originators: &[&Certificate],
) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
    match (recipient, key) {
        (
            Recipient::KeyTrans {
                alg, encrypted_key, ..
            },
            PrivateKey::Rsa(k),
        ) => rsa::decrypt_key(alg, encrypted_key, k, cek_len),
        (
            Recipient::KeyTrans {
                alg, encrypted_key, ..
            },
            PrivateKey::Gost(k),
        ) => gost::decrypt_key(alg, encrypted_key, k),
        (
            Recipient::KeyAgree {
                originator,
                ukm,
                alg,
                keys,
            },
            PrivateKey::Ec(k),
        ) => {
            let encrypted_key = keys
                .iter()
                .find(|(rid, _)| signer_matches(rid, cert))
                .map(|(_, k)| *k)
                .ok_or(EnvelopedError::NotARecipient)?;
            ecdh::decrypt_key(*originator, *ukm, alg, encrypted_key, k)
        }
        (
            Recipient::KeyAgree {
                originator,
                ukm,
                alg,
                keys,
            },
            PrivateKey::Gost(k),
        ) => {
            let encrypted_key = keys
                .iter()
                .find(|(rid, _)| signer_matches(rid, cert))
                .map(|(_, k)| *k)
                .ok_or(EnvelopedError::NotARecipient)?;
            gost::decrypt_agree(*originator, *ukm, alg, encrypted_key, k)
        }
        (
            Recipient::KeyAgree {
                originator,
                ukm,
                alg,
                keys,
            },
            PrivateKey::Dstu4145(k),
        ) => {
            let encrypted_key = keys
                .iter()
                .find(|(rid, _)| signer_matches(rid, cert))
                .map(|(_, k)| *k)
                .ok_or(EnvelopedError::NotARecipient)?;
            let k = dstu::key_for(k, cert).ok_or(EnvelopedError::KeyMismatch)?;
            dstu::decrypt_agree(*originator, *ukm, alg, encrypted_key, k, originators)
        }
        (r, k) => Err(unsupported(format!(
            "a {} recipient info for a {} key",
            match r {
                Recipient::KeyTrans { .. } => "key transport",
                Recipient::KeyAgree { .. } => "key agreement",
                Recipient::Other => "KEK, password or other",
            },
            k.description()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PKCS#8 GOST key from its big-endian scalar, as the TC26 examples
    /// print it.
    fn gost_key(alg: &str, param_set: &str, scalar_be_hex: &str) -> PrivateKey {
        let mut le = hex::decode(scalar_be_hex).unwrap();
        le.reverse();
        let alg = ObjectIdentifier::new(alg).unwrap();
        let set = ObjectIdentifier::new(param_set).unwrap();
        let der = seq(&[
            &small_int(0),
            &seq(&[&oid(&alg), &seq(&[&oid(&set)])]),
            &octets(&le),
        ]);
        PrivateKey::from_pkcs8_der(&der).unwrap()
    }

    /// Decrypts the first recipient of `der` with `key`, without a
    /// certificate (the examples do not include the recipient's).
    fn open_first(der: &[u8], key: &PrivateKey) -> Vec<u8> {
        let envelope = asn1::read_envelope(der).unwrap();
        let PrivateKey::Gost(gost_key) = key else {
            panic!("GOST key expected")
        };
        let cek = match &envelope.recipients[0] {
            Recipient::KeyTrans {
                alg, encrypted_key, ..
            } => gost::decrypt_key(alg, encrypted_key, gost_key).unwrap(),
            Recipient::KeyAgree {
                originator,
                ukm,
                alg,
                keys,
            } => gost::decrypt_agree(*originator, *ukm, alg, keys[0].1, gost_key).unwrap(),
            Recipient::Other => panic!("ktri or kari expected"),
        };
        ContentAlgorithm::read(&envelope.content_alg)
            .unwrap()
            .decrypt(
                &cek,
                envelope.encrypted_content.clone().unwrap(),
                None,
                None,
                &envelope.unprotected,
            )
            .unwrap()
            .to_vec()
    }

    /// The KeyTransRecipientInfo example for a GOST R 34.10-2012 256-bit
    /// key (CryptoPro XchA parameters) of TC26's "Использование алгоритмов
    /// ГОСТ 28147-89, ГОСТ Р 34.11 и ГОСТ Р 34.10 в криптографических
    /// сообщениях формата CMS" (TK26CMS), as PyGOST's tests carry it:
    /// VKO_GOSTR3410_2012_256, CryptoPro key wrap and CFB with meshing
    /// under TC26 Z.
    #[test]
    fn tk26cms_ktri_256() {
        let der = crate::input::decode_base64(
            b"MIIKGgYJKoZIhvcNAQcDoIIKCzCCCgcCAQAxggE0MIIBMAIBADBbMFYxKTAnBgkq\
hkiG9w0BCQEWGkdvc3RSMzQxMC0yMDEyQGV4YW1wbGUuY29tMSkwJwYDVQQDEyBH\
b3N0UjM0MTAtMjAxMiAyNTYgYml0cyBleGNoYW5nZQIBATAfBggqhQMHAQEBATAT\
BgcqhQMCAiQABggqhQMHAQECAgSBrDCBqTAoBCCVJxUMdbKRzCJ5K1NWJIXnN7Ul\
zaceeFlblA2qH4wZrgQEsHnIG6B9BgkqhQMHAQIFAQGgZjAfBggqhQMHAQEBATAT\
BgcqhQMCAiQABggqhQMHAQECAgNDAARAFoqoLg1lV780co6GdwtjLtS4KCXv9VGR\
sd7PTPHCT/5iGbvOlKNW2I8UhayJ0dv7RV7Nb1lDIxPxf4Mbp2CikgQI1b4+WpGE\
sfQwggjIBgkqhkiG9w0BBwEwHwYGKoUDAgIVMBUECHYNkdvFoYdyBgkqhQMHAQIF\
AQGAggiYvFFpJKILAFdXjcdLLYv4eruXzL/wOXL8y9HHIDMbSzV1GM033J5Yt/p4\
H6JYe1L1hjAfE/BAAYBndof2sSUxC3/I7xj+b7M8BZ3GYPqATPtR4aCQDK6z91lx\
nDBAWx0HdsStT5TOj/plMs4zJDadvIJLfjmGkt0Np8FSnSdDPOcJAO/jcwiOPopg\
+Z8eIuZNmY4seegTLue+7DGqvqi1GdZdMnvXBFIKc9m5DUsC7LdyboqKImh6giZE\
YZnxb8a2naersPylhrf+zp4Piwwv808yOrD6LliXUiH0RojlmuaQP4wBkb7m073h\
MeAWEWSvyXzOvOOuFST/hxPEupiTRoHPUdfboJT3tNpizUhE384SrvXHpwpgivQ4\
J0zF2/uzTBEupXR6dFC9rTHAK3X79SltqBNnHyIXBwe+BMqTmKTfnlPVHBUfTXZg\
oakDItwKwa1MBOZeciwtUFza+7o9FZhKIandb848chGdgd5O9ksaXvPJDIPxQjZd\
EBVhnXLlje4TScImwTdvYB8GsI8ljKb2bL3FjwQWGbPaOjXc2D9w+Ore8bk1E4TA\
ayhypU7MH3Mq1EBZ4j0iROEFBQmYRZn8vAKZ0K7aPxcDeAnKAJxdokqrMkLgI6WX\
0glh/3Cs9dI+0D2GqMSygauKCD0vTIo3atkEQswDZR4pMx88gB4gmx7iIGrc/ZXs\
ZqHI7NQqeKtBwv2MCIj+/UTqdYDqbaniDwdVS8PE9nQnNU4gKffq3JbT+wRjJv6M\
Dr231bQHgAsFTVKbZgoL4gj4V7bLQUmW06+W1BQUJ2+Sn7fp+Xet9Xd3cGtNdxzQ\
zl6sGuiOlTNe0bfKP7QIMC7ekjflLBx8nwa2GZG19k3O0Z9JcDdN/kz6bGpPNssY\
AIOkTvLQjxIM9MhRqIv6ee0rowTWQPwXJP7yHApop4XZvVX6h9gG2gazqbDej2lo\
tAcfRAKj/LJ/bk9+OlNXOXVCKnwE1kXxZDsNJ51GdCungC56U/hmd3C1RhSLTpEc\
FlOWgXKNjbn6SQrlq1yASKKr80T0fL7PFoYwKZoQbKMAVZQC1VBWQltHkEzdL73x\
FwgZULNfdflF8sEhFC/zsVqckD/UnhzJz88PtCslMArJ7ntbEF1GzsSSfRfjBqnl\
kSUreE5XX6+c9yp5HcJBiMzp6ZqqWWaED5Y5xp1hZeYjuKbDMfY4tbWVc7Hy0dD2\
KGfZLp5umqvPNs7aVBPmvuxtrnxcJlUB8u2HoiHc6/TuhrpaopYGBhxL9+kezuLR\
v18nsAg8HOmcCNUS46NXQj/Mdpx8W+RsyzCQkJjieT/Yed20Zxq1zJoXIS0xAaUH\
TdE2dWqiT6TGlh/KQYk3KyFPNnDmzJm04a2VWIwpp4ypXyxrB7XxnVY6Q4YBYbZs\
FycxGjJWqj7lwc+lgZ8YV2WJ4snEo2os8SsA2GFWcUMiVTHDnEJvphDHmhWsf26A\
bbRqwaRXNjhj05DamTRsczgvfjdl1pk4lJYE4ES3nixtMe4s1X8nSmM4KvfyVDul\
J8uTpw1ZFnolTdfEL63BSf4FREoEqKB7cKuD7cpn7Rg4kRdM0/BLZGuxkH+pGMsI\
Bb8LecUWyjGsI6h74Wz/U2uBrfgdRqhR+UsfB2QLaRgM6kCXZ4vM0auuzBViFCwK\
tYMHzZWWz8gyVtJ0mzt1DrHCMx4pTS4yOhv4RkXBS/rub4VhVIsOGOGar5ZYtH47\
uBbdw3NC05JIFM7lI31d0s1fvvkTUR7eaqRW+SnR2c2oHpWlSO+Q0mrzx+vvOTdj\
xa713YtklBvyUUQr2SIbsXGpFnwjn+sXK1onAavp/tEax8sNZvxg5yeseFcWn+gD\
4rjk9FiSd1wp4fTDQFJ19evqruqKlq6k18l/ZAyUcEbIWSz2s3HfAAoAQyFPX1Q2\
95gVhRRw6lP4S6VPCfn/f+5jV4TcT6W/giRaHIk9Hty+g8bx1bFXaKVkQZ5R2Vmk\
qsZ65ZgCrYQJmcErPmYybvP7NBeDS4AOSgBQAGMQF4xywdNm6bniWWo3N/xkFv32\
/25x8okGgD8QcYKmhzieLSSzOvM/exB14RO84YZOkZzm01Jll0nac/LEazKoVWbn\
0VdcQ7pYEOqeMBXipsicNVYA/uhonp6op9cpIVYafPr0npCGwwhwcRuOrgSaZyCn\
VG2tPkEOv9LKmUbhnaDA2YUSzOOjcCpIVvTSBnUEiorYpfRYgQLrbcd2qhVvNCLX\
8ujZfMqXQXK8n5BK8JxNtczvaf+/2dfv1dQl0lHEAQhbNcsJ0t5GPhsSCC5oMBJl\
ZJuOEO/8PBWKEnMZOM+Dz7gEgsBhGyMFFrKpiwQRpyEshSD2QpnK6Lp0t5C8Za2G\
lhyZsEr+93AYOb5mm5+z02B4Yq9+RpepvjoqVeq/2uywZNq9MS98zVgNsmpryvTZ\
3HJHHB20u2jcVu0G3Nhiv22lD70JWCYFAOupjgVcUcaBxjxwUMAvgHg7JZqs6mC6\
tvTKwQ4NtDhoAhARlDeWSwCWb2vPH2H7Lmqokif1RfvJ0hrLzkJuHdWrzIYzXpPs\
+v9XJxLvbdKi9KU1Halq9S8dXT1fvs9DJTpUV/KW7QkRsTQJhTJBkQ07WUSJ4gBS\
Qp4efxSRNIfMj7DR6qLLf13RpIPTJO9/+gNuBIFcupWVfUL7tJZt8Qsf9eGwZfP+\
YyhjC8AyZjH4/9RzLHSjuq6apgw3Mzw0j572Xg6xDLMK8C3Tn/vrLOvAd96b9MkF\
3+ZHSLW3IgOiy+1jvK/20CZxNWc+pey8v4zji1hI17iohsipX/uZKRxhxF6+Xn2R\
UQp6qoxHAspNXgWQ57xg7C3+gmi4ciVr0fT9pg54ogcowrRH+I6wd0EpeWPbzfnQ\
pRmMVN+YtRsrEHwH3ToQ/i4vrtgA+eONuKT2uKZFikxA+VNmeeGdhkgqETMihQ==",
        )
        .unwrap();
        let key = gost_key(
            "1.2.643.7.1.1.1.1",
            "1.2.643.2.2.36.0",
            "BFCF1D623E5CDD3032A7C6EABB4A923C46E43D640FFEAAF2C3ED39A8FA399924",
        );
        assert_eq!(
            open_first(&der, &key),
            b"Test data to encrypt.\n".repeat(100)
        );
    }

    /// The same document's example for a 512-bit key (TC26 512-bit set B).
    #[test]
    fn tk26cms_ktri_512() {
        let der = crate::input::decode_base64(
            b"MIIB0gYJKoZIhvcNAQcDoIIBwzCCAb8CAQAxggF8MIIBeAIBADBbMFYxKTAnBgkq\
hkiG9w0BCQEWGkdvc3RSMzQxMC0yMDEyQGV4YW1wbGUuY29tMSkwJwYDVQQDEyBH\
b3N0UjM0MTAtMjAxMiA1MTIgYml0cyBleGNoYW5nZQIBATAhBggqhQMHAQEBAjAV\
BgkqhQMHAQIBAgIGCCqFAwcBAQIDBIHyMIHvMCgEIIsYzbVLn33aLinQ7SLNA7y+\
Lrm02khqDCfXrNS9iiMhBATerS8zoIHCBgkqhQMHAQIFAQGggaowIQYIKoUDBwEB\
AQIwFQYJKoUDBwECAQICBggqhQMHAQECAwOBhAAEgYAYiTVLKpSGaAvjJEDQ0hdK\
qR/jek5Q9Q2pXC+NkOimQh7dpCi+wcaHlPcBk96hmpnOFvLaiokX8V6jqtBl5gdk\
M40kOXv8kcDdTzEVKA/ZLxA8xanL+gTD6ZjaPsUu06nsA2MoMBWcHLUzueaP3bGT\
/yHTV+Za5xdcQehag/lNBgQIvCw4uUl0XC4wOgYJKoZIhvcNAQcBMB8GBiqFAwIC\
FTAVBAj+1QzaXaN9FwYJKoUDBwECBQEBgAyK54euw0sHhEVEkA0=",
        )
        .unwrap();
        let key = gost_key(
            "1.2.643.7.1.1.1.2",
            "1.2.643.7.1.2.1.2.2",
            "3FC01CDCD4EC5F972EB482774C41E66DB7F380528DFE9E67992BA05AEE462435\
             757530E641077CE587B976C8EEB48C48FD33FD175F0C7DE6A44E014E6BCB074B",
        );
        assert_eq!(open_first(&der, &key), b"Test message");
    }

    /// The KeyAgreeRecipientInfo examples of the same document (256-bit
    /// key, CryptoPro XchA; 512-bit key, TC26 set B): an ephemeral
    /// originator key, an 8-byte UKM, VKO_GOSTR3410_2012_256 and the
    /// GOST 28147-89 key wrap (`id-Gost28147-89-None-KeyWrap`) under TC26 Z.
    #[test]
    fn tk26cms_kari_256_and_512() {
        let der = crate::input::decode_base64(
            b"MIIBhgYJKoZIhvcNAQcDoIIBdzCCAXMCAQIxggEwoYIBLAIBA6BooWYwHwYIKoUD\
BwEBAQEwEwYHKoUDAgIkAAYIKoUDBwEBAgIDQwAEQPAdWM4pO38iZ49UjaXQpq+a\
jhTa4KwY4B9TFMK7AiYmbFKE0eX/wvu69kFMQ2o3OJTnMOlr1WHiPYOmNO6C5hOh\
CgQIX+vNomZakEIwIgYIKoUDBwEBAQEwFgYHKoUDAgINADALBgkqhQMHAQIFAQEw\
gYwwgYkwWzBWMSkwJwYJKoZIhvcNAQkBFhpHb3N0UjM0MTAtMjAxMkBleGFtcGxl\
LmNvbTEpMCcGA1UEAxMgR29zdFIzNDEwLTIwMTIgMjU2IGJpdHMgZXhjaGFuZ2UC\
AQEEKjAoBCCNhrZOr7x2fsjjQAeDMv/tSoNRQSSQzzxgqdnYxJ3fIAQEgYLqVDA6\
BgkqhkiG9w0BBwEwHwYGKoUDAgIVMBUECHVmR/S+hlYiBgkqhQMHAQIFAQGADEI9\
UNjyuY+54uVcHw==",
        )
        .unwrap();
        let key = gost_key(
            "1.2.643.7.1.1.1.1",
            "1.2.643.2.2.36.0",
            "BFCF1D623E5CDD3032A7C6EABB4A923C46E43D640FFEAAF2C3ED39A8FA399924",
        );
        assert_eq!(open_first(&der, &key), b"Test message");

        let der = crate::input::decode_base64(
            b"MIIBzAYJKoZIhvcNAQcDoIIBvTCCAbkCAQIxggF2oYIBcgIBA6CBraGBqjAhBggq\
hQMHAQEBAjAVBgkqhQMHAQIBAgIGCCqFAwcBAQIDA4GEAASBgCB0nQy/Ljva/mRj\
w6o+eDKIvnxwYIQB5XCHhZhCpHNZiWcFxFpYXZLWRPKifOxV7NStvqGE1+fkfhBe\
btkQu0tdC1XL3LO2Cp/jX16XhW/IP5rKV84qWr1Owy/6tnSsNRb+ez6IttwVvaVV\
pA6ONFy9p9gawoC8nitvAVJkWW0PoQoECDVfxzxgMTAHMCIGCCqFAwcBAQECMBYG\
ByqFAwICDQAwCwYJKoUDBwECBQEBMIGMMIGJMFswVjEpMCcGCSqGSIb3DQEJARYa\
R29zdFIzNDEwLTIwMTJAZXhhbXBsZS5jb20xKTAnBgNVBAMTIEdvc3RSMzQxMC0y\
MDEyIDUxMiBiaXRzIGV4Y2hhbmdlAgEBBCowKAQg8C/OcxRR0Uq8nDjHrQlayFb3\
WFUZEnEuAKcuG6dTOawEBLhi9hIwOgYJKoZIhvcNAQcBMB8GBiqFAwICFTAVBAiD\
1wH+CX6CwgYJKoUDBwECBQEBgAzUvQI4H2zRfgNgdlY=",
        )
        .unwrap();
        let key = gost_key(
            "1.2.643.7.1.1.1.2",
            "1.2.643.7.1.2.1.2.2",
            "3FC01CDCD4EC5F972EB482774C41E66DB7F380528DFE9E67992BA05AEE462435\
             757530E641077CE587B976C8EEB48C48FD33FD175F0C7DE6A44E014E6BCB074B",
        );
        assert_eq!(open_first(&der, &key), b"Test message");
    }

    /// A damaged TC26 example fails the key wrap's MAC.
    #[test]
    fn tk26cms_damaged_key_fails() {
        let mut der = crate::input::decode_base64(
            b"MIIB0gYJKoZIhvcNAQcDoIIBwzCCAb8CAQAxggF8MIIBeAIBADBbMFYxKTAnBgkq\
hkiG9w0BCQEWGkdvc3RSMzQxMC0yMDEyQGV4YW1wbGUuY29tMSkwJwYDVQQDEyBH\
b3N0UjM0MTAtMjAxMiA1MTIgYml0cyBleGNoYW5nZQIBATAhBggqhQMHAQEBAjAV\
BgkqhQMHAQIBAgIGCCqFAwcBAQIDBIHyMIHvMCgEIIsYzbVLn33aLinQ7SLNA7y+\
Lrm02khqDCfXrNS9iiMhBATerS8zoIHCBgkqhQMHAQIFAQGggaowIQYIKoUDBwEB\
AQIwFQYJKoUDBwECAQICBggqhQMHAQECAwOBhAAEgYAYiTVLKpSGaAvjJEDQ0hdK\
qR/jek5Q9Q2pXC+NkOimQh7dpCi+wcaHlPcBk96hmpnOFvLaiokX8V6jqtBl5gdk\
M40kOXv8kcDdTzEVKA/ZLxA8xanL+gTD6ZjaPsUu06nsA2MoMBWcHLUzueaP3bGT\
/yHTV+Za5xdcQehag/lNBgQIvCw4uUl0XC4wOgYJKoZIhvcNAQcBMB8GBiqFAwIC\
FTAVBAj+1QzaXaN9FwYJKoUDBwECBQEBgAyK54euw0sHhEVEkA0=",
        )
        .unwrap();
        // A byte of the 32-byte encryptedKey (its bytes are at 175..207).
        der[180] ^= 1;
        let key = gost_key(
            "1.2.643.7.1.1.1.2",
            "1.2.643.7.1.2.1.2.2",
            "3FC01CDCD4EC5F972EB482774C41E66DB7F380528DFE9E67992BA05AEE462435\
             757530E641077CE587B976C8EEB48C48FD33FD175F0C7DE6A44E014E6BCB074B",
        );
        let envelope = asn1::read_envelope(&der).unwrap();
        let (
            PrivateKey::Gost(k),
            Recipient::KeyTrans {
                alg, encrypted_key, ..
            },
        ) = (&key, &envelope.recipients[0])
        else {
            panic!()
        };
        assert!(matches!(
            gost::decrypt_key(alg, encrypted_key, k),
            Err(EnvelopedError::DecryptionFailed(_))
        ));
    }
}
