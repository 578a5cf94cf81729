//! Who signs: the [`CmsSigner`] trait, the algorithm rules every signer
//! follows, and [`CertifiedKey`], a private key proven to belong to its
//! certificate.
//!
//! Digest and signature algorithm identifiers, per key type:
//!
//! | key | digestAlgorithm (default first) | signatureAlgorithm |
//! |---|---|---|
//! | RSA | SHA-256, SHA-384, SHA-512 | sha256/384/512WithRSAEncryption, NULL parameters ([RFC 4055] section 5, [RFC 5754] section 3.2) |
//! | EC P-256 | SHA-256 | ecdsa-with-SHA256, no parameters ([RFC 5758] section 3.2, [RFC 5753]) |
//! | EC P-384 | SHA-384 | ecdsa-with-SHA384 |
//! | EC P-521 | SHA-512, SHA-384, SHA-256 | ecdsa-with-SHA512/384/256 |
//! | Ed25519 | SHA-512 only ([RFC 8419] section 3.1) | id-Ed25519, no parameters |
//! | GOST R 34.10-2012, 256-bit | GOST R 34.11-2012 (256) | id-tc26-signwithdigest-gost3410-12-256 ([RFC 9215] section 3.1) |
//! | GOST R 34.10-2012, 512-bit | GOST R 34.11-2012 (512) | id-tc26-signwithdigest-gost3410-12-512 |
//! | GOST R 34.10-2001 | GOST R 34.11-94 ([RFC 4490] section 2.1) | id-GostR3411-94-with-GostR3410-2001 ([RFC 4491] section 2.2.2) |
//! | DSTU 4145-2002 (polynomial basis, any DKE) | GOST 34.311-95 (1.2.804.2.1.1.1.1.2.1), hashed under the key's DKE for the signature | the certificate's dstu4145le / dstu4145be OID, no parameters; the value is r‖s as the OCTET STRING's content (DSTU 4145-2002 §5.10), as IIT's library and jkurwa write it |
//! | | DSTU 7564 Kupyna-256, -384, -512 (1.2.804.2.1.1.1.1.2.2.1/2/3) | dstu4145WithDstu7564-256/384/512(pb), 1.2.804.2.1.1.1.1.3.6.1.1, .3.6.2.1, .3.6.3.1, no parameters (UAPKI `oids.h`; UAPKI's default DSTU signature algorithm is the Kupyna-256 one); r‖s in the key's byte order, the hash read little-endian as UAPKI's `dstu4145_sign` reads it (see `crate::dstu`) |
//!
//! The ECDSA rows are what aws-lc-rs can sign (each of its ECDSA signing
//! algorithms fixes curve and hash); RSA-PSS keys are not signed with yet.
//!
//! [RFC 4055]: https://datatracker.ietf.org/doc/html/rfc4055#section-5
//! [RFC 5754]: https://datatracker.ietf.org/doc/html/rfc5754#section-3.2
//! [RFC 5758]: https://datatracker.ietf.org/doc/html/rfc5758#section-3.2
//! [RFC 5753]: https://datatracker.ietf.org/doc/html/rfc5753
//! [RFC 8419]: https://datatracker.ietf.org/doc/html/rfc8419#section-3.1
//! [RFC 9215]: https://datatracker.ietf.org/doc/html/rfc9215#section-3.1
//! [RFC 4490]: https://datatracker.ietf.org/doc/html/rfc4490#section-2.1
//! [RFC 4491]: https://datatracker.ietf.org/doc/html/rfc4491#section-2.2.2

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self as sig, EcdsaKeyPair, Ed25519KeyPair, KeyPair as _, RsaKeyPair};
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5912;
use der::asn1::{AnyRef, OctetStringRef};
use der::{Decode, Reader, Tag, Tagged};
use signet_crypto::DigestAlgorithm;
use signet_crypto::dstu4145;
use signet_crypto::gost3410::{self, SigningKey};
use signet_crypto::gost28147::SBox;
use spki::AlgorithmIdentifierOwned;

use super::SignError;
use crate::oid::ids;
use crate::private_key::PrivateKey;
use crate::public_key::{GostKeyType, KeyAlgorithm, PublicKeyInfo};
use crate::signature::{SignatureError, SignedMessage};
use crate::{Certificate, oid};

/// Why a private key cannot be read or used: the rule or the library
/// that refused it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// Not a PKCS#8 `PrivateKeyInfo` / `OneAsymmetricKey` (RFC 5958).
    #[error("PKCS#8: {}", .0.kind())]
    Pkcs8(#[source] der::Error),
    /// The cryptographic library refuses the key.
    #[error("the key is rejected: {0}")]
    Rejected(#[source] aws_lc_rs::error::KeyRejected),
    /// The key cannot be exported to PKCS#8 for signing.
    #[error("the key cannot be exported to PKCS#8")]
    Export,
    /// A GOST R 34.10 scalar that is not a key on its curve.
    #[error("GOST R 34.10: {0}")]
    Gost(#[source] gost3410::Error),
    /// A GOST privateKey in none of the forms gost-engine writes.
    #[error("GOST private key of an unknown form")]
    GostKeyForm,
    /// A GOST scalar longer than the curve's field.
    #[error("the GOST private key is longer than the field")]
    GostKeyTooLong,
    /// A DSTU 4145 key whose parameters cannot be used.
    #[error("DSTU 4145: {0}")]
    Dstu(#[source] SignatureError),
    /// A DSTU 4145 key container's key that cannot be read.
    #[error("{0}")]
    DstuContainer(#[source] crate::PkiError),
}

/// Why a signer failed to sign.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SigningFailure {
    /// aws-lc-rs refused to sign.
    #[error("the cryptographic library refused to sign")]
    Library,
    /// GOST R 34.10 signing failed.
    #[error("GOST R 34.10: {0}")]
    Gost(#[source] gost3410::Error),
    /// The DSTU 4145 message hash could not be made.
    #[error("{0}")]
    DstuHash(#[source] SignatureError),
    /// DSTU 4145 signing failed.
    #[error("DSTU 4145: {0}")]
    Dstu(#[source] dstu4145::Error),
}

/// Something that signs a SignerInfo: a private key and the certificate
/// that names it.
///
/// Only [`CmsSigner::certificate`] and [`CmsSigner::sign`] must be written;
/// the algorithm choices default to the table of this module, read from the
/// certificate's key. The builder checks every signature it gets against
/// the certificate before it returns anything, so a signer whose key does
/// not belong to its certificate cannot produce an output.
pub trait CmsSigner {
    /// The signer's certificate: named in the SignerInfo (issuer and serial
    /// number, or subject key identifier) and in signing-certificate-v2.
    fn certificate(&self) -> &Certificate;

    /// The digest algorithm used when the caller names none.
    fn default_digest(&self) -> Result<DigestAlgorithm, SignError> {
        default_digest(&self.certificate().fields().public_key)
    }

    /// The signatureAlgorithm of a signature made with `digest`, or why
    /// this key cannot sign with that digest.
    fn signature_algorithm(
        &self,
        digest: DigestAlgorithm,
    ) -> Result<AlgorithmIdentifierOwned, SignError> {
        signature_algorithm(&self.certificate().fields().public_key, digest)
    }

    /// Signs `message` — the DER of the signed attributes, `SET OF`
    /// tag included (RFC 5652 section 5.4) — hashing it with `digest`
    /// where the scheme hashes (all but Ed25519, which signs the message
    /// itself). Returns the SignatureValue octets.
    fn sign(&self, message: &[u8], digest: DigestAlgorithm) -> Result<Vec<u8>, SignError>;
}

/// The default digest algorithm for a key (the first column of the module
/// table).
pub fn default_digest(key: &PublicKeyInfo) -> Result<DigestAlgorithm, SignError> {
    use DigestAlgorithm::*;
    Ok(match &key.algorithm {
        KeyAlgorithm::Rsa { pss: false, .. } => Sha256,
        KeyAlgorithm::Ec { curve: Some(c) } if *c == ids::CURVE_P384 => Sha384,
        KeyAlgorithm::Ec { curve: Some(c) } if *c == ids::CURVE_P521 => Sha512,
        KeyAlgorithm::Ec { .. } => Sha256,
        KeyAlgorithm::Ed25519 => Sha512,
        KeyAlgorithm::Dstu4145 {
            normal_basis: false,
            ..
        } => Gost34311Ua,
        KeyAlgorithm::Gost { key_type, .. } => match key_type {
            GostKeyType::R3410_2001 => Gost94CryptoPro,
            GostKeyType::R3410_2012_256 => Streebog256,
            GostKeyType::R3410_2012_512 => Streebog512,
        },
        other => return Err(unsupported_key(other)),
    })
}

fn unsupported_key(key: &KeyAlgorithm) -> SignError {
    SignError::Unsupported(format!(
        "signing with {} keys",
        match key {
            KeyAlgorithm::Rsa { pss: true, .. } => "RSASSA-PSS-only RSA",
            KeyAlgorithm::Ed448 => "Ed448",
            KeyAlgorithm::Dstu4145 { .. } => "DSTU 4145 (optimal normal basis)",
            KeyAlgorithm::Ec { curve: Some(_) } => "EC (on this curve)",
            KeyAlgorithm::Ec { curve: None } => "EC (without a named curve)",
            _ => "these",
        }
    ))
}

/// The signatureAlgorithm for `key` signing with `digest` (the module
/// table), or why the pair is not supported.
pub fn signature_algorithm(
    key: &PublicKeyInfo,
    digest: DigestAlgorithm,
) -> Result<AlgorithmIdentifierOwned, SignError> {
    use DigestAlgorithm::*;
    let no_params = |oid| AlgorithmIdentifierOwned {
        oid,
        parameters: None,
    };
    let refuse = |what: &str| {
        Err(SignError::Unsupported(format!(
            "{what} signatures with {}",
            digest.name()
        )))
    };
    Ok(match &key.algorithm {
        KeyAlgorithm::Rsa { pss: false, .. } => AlgorithmIdentifierOwned {
            oid: match digest {
                Sha256 => rfc5912::SHA_256_WITH_RSA_ENCRYPTION,
                Sha384 => rfc5912::SHA_384_WITH_RSA_ENCRYPTION,
                Sha512 => rfc5912::SHA_512_WITH_RSA_ENCRYPTION,
                _ => return refuse("RSA"),
            },
            parameters: Some(der::Any::null()),
        },
        KeyAlgorithm::Ec { curve: Some(curve) } => {
            if ecdsa_algorithm(curve, digest).is_none() {
                return refuse(&format!("ECDSA {}", oid::name_of(curve)));
            }
            no_params(match digest {
                Sha256 => rfc5912::ECDSA_WITH_SHA_256,
                Sha384 => rfc5912::ECDSA_WITH_SHA_384,
                _ => rfc5912::ECDSA_WITH_SHA_512,
            })
        }
        // RFC 8419 section 3.1: with signed attributes, the message-digest
        // of an Ed25519 signer is SHA-512.
        KeyAlgorithm::Ed25519 if digest == Sha512 => no_params(ids::ED25519),
        KeyAlgorithm::Ed25519 => return refuse("Ed25519 (RFC 8419 requires SHA-512)"),
        KeyAlgorithm::Gost { key_type, .. } => match (key_type, digest) {
            (GostKeyType::R3410_2001, Gost94CryptoPro) => {
                no_params(ids::GOST_R3411_94_WITH_R3410_2001)
            }
            (GostKeyType::R3410_2012_256, Streebog256) => {
                no_params(ids::SIGN_WITH_DIGEST_GOST3410_12_256)
            }
            (GostKeyType::R3410_2012_512, Streebog512) => {
                no_params(ids::SIGN_WITH_DIGEST_GOST3410_12_512)
            }
            _ => return refuse("GOST R 34.10 (the key size fixes the hash)"),
        },
        KeyAlgorithm::Dstu4145 {
            normal_basis: false,
            ..
        } => match digest {
            Gost34311Ua => no_params(key.algorithm_oid),
            Kupyna256 => no_params(ids::DSTU4145_KUPYNA256),
            Kupyna384 => no_params(ids::DSTU4145_KUPYNA384),
            Kupyna512 => no_params(ids::DSTU4145_KUPYNA512),
            _ => return refuse("DSTU 4145 (with GOST 34.311-95 or Kupyna only)"),
        },
        other => return Err(unsupported_key(other)),
    })
}

/// The aws-lc-rs ECDSA signing algorithm for a curve and digest.
fn ecdsa_algorithm(
    curve: &ObjectIdentifier,
    digest: DigestAlgorithm,
) -> Option<&'static sig::EcdsaSigningAlgorithm> {
    use DigestAlgorithm::*;
    Some(match (*curve, digest) {
        (ids::CURVE_P256, Sha256) => &sig::ECDSA_P256_SHA256_ASN1_SIGNING,
        (ids::CURVE_P384, Sha384) => &sig::ECDSA_P384_SHA384_ASN1_SIGNING,
        (ids::CURVE_P521, Sha256) => &sig::ECDSA_P521_SHA256_ASN1_SIGNING,
        (ids::CURVE_P521, Sha384) => &sig::ECDSA_P521_SHA384_ASN1_SIGNING,
        (ids::CURVE_P521, Sha512) => &sig::ECDSA_P521_SHA512_ASN1_SIGNING,
        _ => return None,
    })
}

/// A private key together with its certificate, checked to belong
/// together when made: the key's public half must equal the certificate's
/// subject public key.
///
/// RSA, ECDSA and Ed25519 keys are aws-lc-rs key pairs; GOST R 34.10 keys
/// are signet-crypto's, whose scalar is zeroed on drop (aws-lc frees its
/// keys with `OPENSSL_cleanse` as well).
pub struct CertifiedKey {
    certificate: Certificate,
    key: Key,
}

enum Key {
    Rsa(RsaKeyPair),
    /// aws-lc-rs fixes the hash per ECDSA key pair: one per digest.
    Ecdsa(Vec<(DigestAlgorithm, EcdsaKeyPair)>),
    Ed25519(Ed25519KeyPair),
    Gost(SigningKey),
    /// With whether the signature is written big-endian (dstu4145be) and
    /// the S-box of the key's DKE (for GOST 34.311-95).
    Dstu(dstu4145::SigningKey, bool, Box<SBox>),
}

impl std::fmt::Debug for CertifiedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.key {
            Key::Rsa(_) => "RSA",
            Key::Ecdsa(_) => "ECDSA",
            Key::Ed25519(_) => "Ed25519",
            Key::Gost(_) => "GOST R 34.10",
            Key::Dstu(..) => "DSTU 4145",
        };
        f.debug_struct("CertifiedKey")
            .field("key", &kind)
            .field("certificate", &self.certificate.thumbprint_hex())
            .finish_non_exhaustive()
    }
}

/// What a PKCS#8 `PrivateKeyInfo` / `OneAsymmetricKey` holds ([RFC 5958]
/// section 2): the algorithm and the privateKey octets.
///
/// [RFC 5958]: https://datatracker.ietf.org/doc/html/rfc5958#section-2
fn pkcs8_parts(pkcs8: &[u8]) -> Result<(AlgorithmIdentifierOwned, &[u8]), SignError> {
    let bad = |e: der::Error| SignError::MalformedKey(KeyError::Pkcs8(e));
    let info = AnyRef::from_der(pkcs8).map_err(bad)?;
    info.sequence(|r| {
        let version: u8 = r.decode()?;
        if version > 1 {
            return Err(der::ErrorKind::Value { tag: Tag::Integer }.into());
        }
        let algorithm: AlgorithmIdentifierOwned = r.decode()?;
        let key: &OctetStringRef = r.decode()?;
        // attributes [0], publicKey [1] (RFC 5958): not needed.
        while !r.is_finished() {
            let _: AnyRef<'_> = r.decode()?;
        }
        Ok((algorithm, key.as_bytes()))
    })
    .map_err(bad)
}

impl CertifiedKey {
    /// Reads an unencrypted PKCS#8 private key (DER) — RSA, EC
    /// (P-256/384/521), Ed25519, or GOST R 34.10-2001/2012 as gost-engine
    /// writes it — and pairs it with `certificate`.
    ///
    /// Fails with [`SignError::KeyMismatch`] when the key is not the
    /// certificate's, [`SignError::MalformedKey`] when the bytes are not a
    /// key, [`SignError::Unsupported`] for other algorithms.
    pub fn from_pkcs8(certificate: Certificate, pkcs8: &[u8]) -> Result<Self, SignError> {
        let (algorithm, private_key) = pkcs8_parts(pkcs8)?;
        let cert_key = certificate.fields().public_key.clone();
        let mismatch = || SignError::KeyMismatch {
            subject: subject_of(&certificate),
        };
        let rejected = |e| SignError::MalformedKey(KeyError::Rejected(e));
        let key = match algorithm.oid {
            ids::RSA_ENCRYPTION => {
                if !matches!(cert_key.algorithm, KeyAlgorithm::Rsa { pss: false, .. }) {
                    return Err(mismatch());
                }
                let pair = RsaKeyPair::from_pkcs8(pkcs8).map_err(rejected)?;
                if pair.public_key().as_ref() != cert_key.subject_public_key.as_slice() {
                    return Err(mismatch());
                }
                Key::Rsa(pair)
            }
            ids::EC_PUBLIC_KEY => {
                let KeyAlgorithm::Ec { curve: Some(curve) } = &cert_key.algorithm else {
                    return Err(mismatch());
                };
                // ECParameters (RFC 5480 section 2.1.1) name the key's curve;
                // RFC 5915 keys may leave them to ECPrivateKey.
                let named = algorithm
                    .parameters
                    .as_ref()
                    .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
                if named.is_some_and(|n| n != *curve) {
                    return Err(mismatch());
                }
                let mut pairs = Vec::new();
                for digest in [
                    DigestAlgorithm::Sha256,
                    DigestAlgorithm::Sha384,
                    DigestAlgorithm::Sha512,
                ] {
                    if let Some(alg) = ecdsa_algorithm(curve, digest) {
                        // aws-lc refuses a key on another curve than alg's.
                        let pair = EcdsaKeyPair::from_pkcs8(alg, pkcs8).map_err(rejected)?;
                        if !same_ec_point(pair.public_key().as_ref(), &cert_key.subject_public_key)
                        {
                            return Err(mismatch());
                        }
                        pairs.push((digest, pair));
                    }
                }
                if pairs.is_empty() {
                    return Err(unsupported_key(&cert_key.algorithm));
                }
                Key::Ecdsa(pairs)
            }
            ids::ED25519 => {
                if cert_key.algorithm != KeyAlgorithm::Ed25519 {
                    return Err(mismatch());
                }
                let pair = Ed25519KeyPair::from_pkcs8_maybe_unchecked(pkcs8).map_err(rejected)?;
                if pair.public_key().as_ref() != cert_key.subject_public_key.as_slice() {
                    return Err(mismatch());
                }
                Key::Ed25519(pair)
            }
            ids::GOST_R3410_2001 | ids::GOST_R3410_2012_256 | ids::GOST_R3410_2012_512 => {
                let KeyAlgorithm::Gost { key_type, .. } = &cert_key.algorithm else {
                    return Err(mismatch());
                };
                let expected = match key_type {
                    GostKeyType::R3410_2001 => ids::GOST_R3410_2001,
                    GostKeyType::R3410_2012_256 => ids::GOST_R3410_2012_256,
                    GostKeyType::R3410_2012_512 => ids::GOST_R3410_2012_512,
                };
                if algorithm.oid != expected {
                    return Err(mismatch());
                }
                let curve = gost_curve_of(&cert_key)?;
                let key = gost_key_from_pkcs8(curve, private_key)?;
                return Self::from_gost_key(certificate, key);
            }
            other => {
                return Err(SignError::Unsupported(format!(
                    "private keys of type {}",
                    oid::name_of(&other)
                )));
            }
        };
        Ok(CertifiedKey { certificate, key })
    }

    /// Pairs a private key read by [`crate::private_key`] (PKCS#8, PKCS#1,
    /// SEC1, in PEM or DER) with `certificate`, checking that it is the
    /// certificate's key.
    pub fn new(certificate: Certificate, key: &PrivateKey) -> Result<Self, SignError> {
        use aws_lc_rs::encoding::AsDer;
        let export = |_| SignError::MalformedKey(KeyError::Export);
        match key {
            // aws-lc-rs holds these keys for decryption and key agreement;
            // its PKCS#8 export (a buffer zeroed on drop) makes the signing
            // key pair.
            PrivateKey::Rsa(k) => {
                let pkcs8 = k.decrypting_key().as_der().map_err(export)?;
                Self::from_pkcs8(certificate, pkcs8.as_ref())
            }
            PrivateKey::Ec(k) => {
                let agreement = k.agreement_key()?;
                let pkcs8 = AsDer::<aws_lc_rs::encoding::Pkcs8V1Der<'static>>::as_der(&agreement)
                    .map_err(export)?;
                Self::from_pkcs8(certificate, pkcs8.as_ref())
            }
            PrivateKey::Ed25519(k) => {
                let pair = Ed25519KeyPair::from_seed_and_public_key(k.seed(), k.public_key())
                    .map_err(|e| SignError::MalformedKey(KeyError::Rejected(e)))?;
                let cert_key = &certificate.fields().public_key;
                if cert_key.algorithm != KeyAlgorithm::Ed25519
                    || pair.public_key().as_ref() != cert_key.subject_public_key.as_slice()
                {
                    return Err(SignError::KeyMismatch {
                        subject: subject_of(&certificate),
                    });
                }
                Ok(CertifiedKey {
                    certificate,
                    key: Key::Ed25519(pair),
                })
            }
            PrivateKey::Gost(k) => {
                let cert_key = &certificate.fields().public_key;
                let same_type = matches!(
                    &cert_key.algorithm,
                    KeyAlgorithm::Gost { key_type, .. } if *key_type == k.key_type()
                );
                if !same_type {
                    return Err(SignError::KeyMismatch {
                        subject: subject_of(&certificate),
                    });
                }
                Self::from_gost_key(certificate, k.signing_key().clone())
            }
            PrivateKey::Dstu4145(k) => {
                let key = k.signing_key().map_err(|e| match e {
                    crate::PkiError::Unsupported(what) => SignError::Unsupported(what),
                    other => SignError::MalformedKey(KeyError::DstuContainer(other)),
                })?;
                Self::from_dstu_key(certificate, key)
            }
        }
    }

    /// Pairs a GOST R 34.10 key from signet-crypto with `certificate`. The
    /// key is taken on the certificate's parameter set (aliases such as
    /// CryptoPro-A and TC26-256-B are the same curve).
    pub fn from_gost_key(certificate: Certificate, key: SigningKey) -> Result<Self, SignError> {
        let cert_key = certificate.fields().public_key.clone();
        let curve = gost_curve_of(&cert_key)?;
        let key = if key.curve() == curve {
            key
        } else if key.curve().field_bits() == curve.field_bits() {
            SigningKey::from_le_bytes(curve, &key.to_le_bytes()).map_err(|_| {
                SignError::KeyMismatch {
                    subject: subject_of(&certificate),
                }
            })?
        } else {
            return Err(SignError::KeyMismatch {
                subject: subject_of(&certificate),
            });
        };
        if key.public_key().as_le_bytes() != cert_key.key_value() {
            return Err(SignError::KeyMismatch {
                subject: subject_of(&certificate),
            });
        }
        Ok(CertifiedKey {
            certificate,
            key: Key::Gost(key),
        })
    }
}

impl CertifiedKey {
    /// Pairs a DSTU 4145 key from signet-crypto with `certificate`: the
    /// certificate's point must be the key's `Q = −d·P` on the same curve.
    pub fn from_dstu_key(
        certificate: Certificate,
        key: dstu4145::SigningKey,
    ) -> Result<Self, SignError> {
        let cert_key = &certificate.fields().public_key;
        let big_endian = cert_key.algorithm_oid == ids::DSTU4145_BE;
        let same = matches!(cert_key.algorithm, KeyAlgorithm::Dstu4145 { .. })
            && crate::dstu::public_key(cert_key).is_ok_and(|q| q == *key.public_key());
        if !same {
            return Err(SignError::KeyMismatch {
                subject: subject_of(&certificate),
            });
        }
        let sbox = crate::dstu::key_sbox(cert_key)
            .map_err(|e| SignError::MalformedKey(KeyError::Dstu(e)))?;
        Ok(CertifiedKey {
            certificate,
            key: Key::Dstu(key, big_endian, Box::new(sbox)),
        })
    }
}

impl CmsSigner for CertifiedKey {
    fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    fn sign(&self, message: &[u8], digest: DigestAlgorithm) -> Result<Vec<u8>, SignError> {
        let failed = |_| SignError::Signing(SigningFailure::Library);
        match &self.key {
            Key::Rsa(pair) => {
                let padding: &'static dyn sig::RsaEncoding = match digest {
                    DigestAlgorithm::Sha256 => &sig::RSA_PKCS1_SHA256,
                    DigestAlgorithm::Sha384 => &sig::RSA_PKCS1_SHA384,
                    DigestAlgorithm::Sha512 => &sig::RSA_PKCS1_SHA512,
                    other => {
                        return Err(SignError::Unsupported(format!(
                            "RSA signatures with {}",
                            other.name()
                        )));
                    }
                };
                let mut out = vec![0u8; pair.public_modulus_len()];
                pair.sign(padding, &SystemRandom::new(), message, &mut out)
                    .map_err(failed)?;
                Ok(out)
            }
            Key::Ecdsa(pairs) => {
                let pair = pairs
                    .iter()
                    .find(|(d, _)| *d == digest)
                    .map(|(_, p)| p)
                    .ok_or_else(|| {
                        SignError::Unsupported(format!(
                            "ECDSA signatures on this curve with {}",
                            digest.name()
                        ))
                    })?;
                Ok(pair
                    .sign(&SystemRandom::new(), message)
                    .map_err(failed)?
                    .as_ref()
                    .to_vec())
            }
            Key::Ed25519(pair) => {
                if digest != DigestAlgorithm::Sha512 {
                    return Err(SignError::Unsupported(
                        "Ed25519 signers with a digest other than SHA-512 (RFC 8419)".into(),
                    ));
                }
                Ok(pair.sign(message).as_ref().to_vec())
            }
            Key::Gost(key) => {
                let hash = digest.digest(message);
                key.sign_digest(&hash)
                    .map_err(|e| SignError::Signing(SigningFailure::Gost(e)))
            }
            Key::Dstu(key, big_endian, sbox) => {
                let hash = crate::dstu::message_hash(SignedMessage::Bytes(message), digest, sbox)
                    .map_err(|e| match e {
                    SignatureError::Unsupported(what) => SignError::Unsupported(what),
                    other => SignError::Signing(SigningFailure::DstuHash(other)),
                })?;
                let mut signature = key
                    .sign_digest(&hash)
                    .map_err(|e| SignError::Signing(SigningFailure::Dstu(e)))?;
                if *big_endian {
                    signature.reverse();
                }
                Ok(signature)
            }
        }
    }
}

/// The certificate subject's name for messages.
pub(super) fn subject_of(cert: &Certificate) -> String {
    let subject = &cert.fields().subject;
    subject
        .simple_name()
        .map(str::to_owned)
        .unwrap_or_else(|| subject.to_string())
}

/// The signet-crypto curve of a GOST certificate key.
fn gost_curve_of(key: &PublicKeyInfo) -> Result<gost3410::Curve, SignError> {
    let KeyAlgorithm::Gost {
        param_set: Some(set),
        key_type,
        ..
    } = &key.algorithm
    else {
        return Err(SignError::Unsupported(
            "a GOST certificate key without a parameter set".into(),
        ));
    };
    let curve = crate::signature::gost_curve(set).ok_or_else(|| {
        SignError::Unsupported(format!("GOST parameter set {}", oid::name_of(set)))
    })?;
    let bits = match key_type {
        GostKeyType::R3410_2012_512 => 512,
        _ => 256,
    };
    if curve.field_bits() != bits {
        return Err(SignError::Unsupported(format!(
            "the parameter set {} in a {bits}-bit GOST key",
            oid::name_of(set)
        )));
    }
    Ok(curve)
}

/// The private scalar of a GOST PKCS#8 key. gost-engine writes d
/// little-endian as the privateKey octets themselves; older writers wrap
/// it in an OCTET STRING (little-endian) or write an INTEGER
/// (big-endian). CryptoPro's masked form (a SEQUENCE of key and masks) is
/// not read.
fn gost_key_from_pkcs8(curve: gost3410::Curve, octets: &[u8]) -> Result<SigningKey, SignError> {
    let len = curve.field_len();
    let invalid = |e| SignError::MalformedKey(KeyError::Gost(e));
    if octets.len() == len {
        return SigningKey::from_le_bytes(curve, octets).map_err(invalid);
    }
    let inner =
        AnyRef::from_der(octets).map_err(|_| SignError::MalformedKey(KeyError::GostKeyForm))?;
    match inner.tag() {
        Tag::OctetString if inner.value().len() == len => {
            SigningKey::from_le_bytes(curve, inner.value()).map_err(invalid)
        }
        Tag::Integer => {
            let be = inner.value();
            let be = &be[be.iter().take_while(|b| **b == 0).count()..];
            if be.len() > len {
                return Err(SignError::MalformedKey(KeyError::GostKeyTooLong));
            }
            let mut le = zeroize::Zeroizing::new([0u8; 64]);
            for (dst, src) in le.iter_mut().zip(be.iter().rev()) {
                *dst = *src;
            }
            SigningKey::from_le_bytes(curve, &le[..len]).map_err(invalid)
        }
        Tag::Sequence => Err(SignError::Unsupported(
            "masked GOST private keys (CryptoPro export form)".into(),
        )),
        _ => Err(SignError::MalformedKey(KeyError::GostKeyForm)),
    }
}

/// Whether an uncompressed EC point (aws-lc's public key) is the
/// certificate's point, given uncompressed or compressed (SEC 1 section
/// 2.3.3).
fn same_ec_point(uncompressed: &[u8], cert_point: &[u8]) -> bool {
    match cert_point.first() {
        Some(0x04) => uncompressed == cert_point,
        Some(prefix @ (0x02 | 0x03)) => {
            let coord = cert_point.len() - 1;
            uncompressed.len() == 1 + 2 * coord
                && uncompressed[1..=coord] == cert_point[1..]
                && (uncompressed[2 * coord] & 1) == (prefix & 1)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_points_are_compared_by_x_and_parity() {
        let mut uncompressed = vec![0x04];
        uncompressed.extend([1u8; 32]);
        uncompressed.extend([2u8; 31]);
        uncompressed.push(3); // odd y
        let mut compressed = vec![0x03];
        compressed.extend([1u8; 32]);
        assert!(same_ec_point(&uncompressed, &compressed));
        compressed[0] = 0x02;
        assert!(!same_ec_point(&uncompressed, &compressed));
        assert!(same_ec_point(&uncompressed, &uncompressed));
        assert!(!same_ec_point(&uncompressed, &[]));
    }

    /// The three encodings of the GOST scalar gost-engine has written over
    /// its versions give the same key; CryptoPro's masked form is refused.
    #[test]
    fn gost_private_key_forms() {
        let curve = gost3410::Curve::Tc26Gost512C;
        let key = SigningKey::generate(curve).expect("key");
        let le = key.to_le_bytes();
        let public = key.public_key().as_le_bytes().to_vec();
        let mut be: Vec<u8> = le.iter().rev().copied().collect();
        if be[0] & 0x80 != 0 {
            be.insert(0, 0);
        }
        let mut integer = vec![0x02, be.len() as u8];
        integer.extend(&be);
        let mut octets = vec![0x04, 0x40];
        octets.extend(le.iter());
        for form in [le.to_vec(), integer, octets] {
            let read = gost_key_from_pkcs8(curve, &form).expect("reads");
            assert_eq!(read.public_key().as_le_bytes(), public.as_slice());
        }
        assert!(matches!(
            gost_key_from_pkcs8(curve, &[0x30, 0x00]),
            Err(SignError::Unsupported(_))
        ));
        assert!(matches!(
            gost_key_from_pkcs8(curve, &[0x02, 0x41, 1]),
            Err(SignError::MalformedKey(_))
        ));
    }

    #[test]
    fn pkcs8_garbage_is_an_error() {
        for input in [
            &[][..],
            &[0x30],
            &[0x30, 0x03, 0x02, 0x01, 0x05],
            &[0xFF; 40],
        ] {
            assert!(matches!(
                pkcs8_parts(input),
                Err(SignError::MalformedKey(_))
            ));
        }
    }
}
