//! Signature verification by algorithm OID: the one dispatch table every
//! signed object goes through (certificates, CRLs, OCSP answers, CMS
//! signers, timestamp tokens).
//!
//! | signature algorithm | implementation |
//! |---|---|
//! | RSA PKCS#1 v1.5 with SHA-1/256/384/512 ([RFC 8017] 8.2) | aws-lc-rs, keys of 2048–8192 bits |
//! | RSASSA-PSS with SHA-256/384/512, MGF1 with the same hash, salt = hash length ([RFC 4055]) | aws-lc-rs |
//! | ECDSA P-256/P-384/P-521 with SHA-1/256/384/512 ([RFC 5758]) | aws-lc-rs |
//! | Ed25519 ([RFC 8410]) | aws-lc-rs |
//! | GOST R 34.10-2001 and 2012 (256/512) with GOST R 34.11-94 / 2012 ([RFC 4491], [RFC 9215]) | signet-crypto, every standard parameter set |
//! | DSTU 4145-2002 with GOST 34.311-95 (under the key's DKE) or DSTU 7564 Kupyna-256/384/512 (UAPKI's `dstu4145WithDstu7564` OIDs), polynomial basis, little- and big-endian | signet-crypto, named and explicit curves (see `dstu.rs`) |
//!
//! A CMS signer may name only the key algorithm (rsaEncryption,
//! id-ecPublicKey) as its signatureAlgorithm and give the hash separately in
//! digestAlgorithm ([RFC 5754] section 3); the `digest` argument carries it.
//!
//! The message is given either whole or as its digest (for content hashed as
//! a stream); Ed25519 needs the whole message.
//!
//! [RFC 8017]: https://datatracker.ietf.org/doc/html/rfc8017#section-8.2
//! [RFC 4055]: https://datatracker.ietf.org/doc/html/rfc4055#section-3.1
//! [RFC 5758]: https://datatracker.ietf.org/doc/html/rfc5758#section-3.2
//! [RFC 8410]: https://datatracker.ietf.org/doc/html/rfc8410
//! [RFC 5754]: https://datatracker.ietf.org/doc/html/rfc5754#section-3
//! [RFC 4491]: https://datatracker.ietf.org/doc/html/rfc4491#section-2.2
//! [RFC 9215]: https://datatracker.ietf.org/doc/html/rfc9215#section-4

use aws_lc_rs::signature::{
    self as sig, ParsedPublicKey, UnparsedPublicKey, VerificationAlgorithm,
};
use const_oid::ObjectIdentifier;
use der::asn1::AnyRef;
use der::{Decode, Reader, Tag, Tagged};
use signet_crypto::DigestAlgorithm;
use signet_crypto::gost3410::{self, Curve};
use spki::AlgorithmIdentifierOwned;

use crate::oid::{self, ids};
use crate::public_key::{KeyAlgorithm, PublicKeyInfo};

/// What was signed.
#[derive(Clone, Copy, Debug)]
pub enum SignedMessage<'a> {
    /// The message itself.
    Bytes(&'a [u8]),
    /// The message's digest, computed by the caller with `algorithm`.
    Digest {
        /// How the digest was computed.
        algorithm: DigestAlgorithm,
        /// The digest.
        value: &'a [u8],
    },
}

impl<'a> SignedMessage<'a> {
    /// The message's hash with `digest`: computed from the bytes, or the
    /// caller's digest when it was made with `digest`.
    pub(crate) fn hash(
        self,
        digest: DigestAlgorithm,
    ) -> Result<std::borrow::Cow<'a, [u8]>, SignatureError> {
        match self {
            SignedMessage::Bytes(m) => Ok(std::borrow::Cow::Owned(digest.digest(m))),
            SignedMessage::Digest { algorithm, value } if algorithm == digest => {
                Ok(std::borrow::Cow::Borrowed(value))
            }
            SignedMessage::Digest { algorithm, .. } => Err(SignatureError::Invalid(format!(
                "the content was hashed with {}, the signature uses {}",
                algorithm.name(),
                digest.name()
            ))),
        }
    }
}

/// Why a signature was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The signature does not match the message and key.
    #[error("the signature does not match the signed data and the public key")]
    Mismatch,
    /// The algorithm or parameters are not implemented.
    #[error("not supported: {0}")]
    Unsupported(String),
    /// The key does not suit the algorithm, or the algorithm identifier is
    /// malformed.
    #[error("{0}")]
    Invalid(String),
}

/// A signature scheme resolved from OIDs and parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// RSASSA-PKCS1-v1_5 with a hash.
    RsaPkcs1(DigestAlgorithm),
    /// RSASSA-PSS with a hash, MGF1 with the same hash, and a salt length.
    RsaPss(DigestAlgorithm, u16),
    /// ECDSA with a hash.
    Ecdsa(DigestAlgorithm),
    /// Ed25519 (pure).
    Ed25519,
    /// GOST R 34.10 with a hash.
    Gost(DigestAlgorithm),
    /// DSTU 4145 with a hash.
    Dstu4145(DigestAlgorithm),
}

impl Scheme {
    /// The digest the scheme hashes the message with, if it has one.
    pub fn digest(self) -> Option<DigestAlgorithm> {
        match self {
            Scheme::RsaPkcs1(d)
            | Scheme::RsaPss(d, _)
            | Scheme::Ecdsa(d)
            | Scheme::Gost(d)
            | Scheme::Dstu4145(d) => Some(d),
            Scheme::Ed25519 => None,
        }
    }
}

const fn o(dotted: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(dotted)
}

/// Digest algorithms by OID (FIPS 180-4 / RFC 5754, RFC 6986 / RFC 9215,
/// RFC 4357, and the Ukrainian GOST 34.311-95 OID).
const DIGESTS: [(ObjectIdentifier, DigestAlgorithm); 12] = [
    (o("1.3.14.3.2.26"), DigestAlgorithm::Sha1),
    (o("2.16.840.1.101.3.4.2.4"), DigestAlgorithm::Sha224),
    (o("2.16.840.1.101.3.4.2.1"), DigestAlgorithm::Sha256),
    (o("2.16.840.1.101.3.4.2.2"), DigestAlgorithm::Sha384),
    (o("2.16.840.1.101.3.4.2.3"), DigestAlgorithm::Sha512),
    (o("1.2.643.7.1.1.2.2"), DigestAlgorithm::Streebog256),
    (o("1.2.643.7.1.1.2.3"), DigestAlgorithm::Streebog512),
    (o("1.2.643.2.2.9"), DigestAlgorithm::Gost94CryptoPro),
    (o("1.2.804.2.1.1.1.1.2.1"), DigestAlgorithm::Gost34311Ua),
    (o("1.2.804.2.1.1.1.1.2.2.1"), DigestAlgorithm::Kupyna256),
    (o("1.2.804.2.1.1.1.1.2.2.2"), DigestAlgorithm::Kupyna384),
    (o("1.2.804.2.1.1.1.1.2.2.3"), DigestAlgorithm::Kupyna512),
];

/// The digest algorithm an OID names.
pub fn digest_algorithm(oid: &ObjectIdentifier) -> Option<DigestAlgorithm> {
    DIGESTS.iter().find(|(o, _)| o == oid).map(|(_, d)| *d)
}

/// The OID of a digest algorithm.
pub fn digest_oid(alg: DigestAlgorithm) -> ObjectIdentifier {
    DIGESTS
        .iter()
        .find(|(_, d)| *d == alg)
        .map_or(DIGESTS[2].0, |(o, _)| *o)
}

fn unsupported(what: impl std::fmt::Display) -> SignatureError {
    SignatureError::Unsupported(what.to_string())
}

/// What a signature algorithm OID says of the scheme.
#[derive(Clone, Copy)]
enum Named {
    /// The OID fixes the scheme and its hash.
    Fixed(Scheme),
    /// A key-algorithm OID: the hash comes from the CMS digestAlgorithm.
    RsaWithDigest,
    EcdsaWithDigest,
    GostWithDigest,
    /// RSASSA-PSS: the hash is in the parameters.
    Pss,
    /// DSTU 4145: GOST 34.311-95 unless the signer names another hash.
    Dstu,
}

/// Signature algorithms by OID (RFC 8017, RFC 4055, RFC 5758, RFC 8410,
/// RFC 4491, RFC 9215, and the Ukrainian DSTU 4145 OIDs of UAPKI's
/// `oids.h`: with GOST 34.311-95 under 1.2.804.2.1.1.1.1.3.1, with DSTU
/// 7564 Kupyna under 1.2.804.2.1.1.1.1.3.6).
const SIGNATURE_ALGORITHMS: [(ObjectIdentifier, Named); 26] = {
    use DigestAlgorithm::*;
    use Named::*;
    [
        (o("1.2.840.113549.1.1.5"), Fixed(Scheme::RsaPkcs1(Sha1))),
        (o("1.2.840.113549.1.1.14"), Fixed(Scheme::RsaPkcs1(Sha224))),
        (o("1.2.840.113549.1.1.11"), Fixed(Scheme::RsaPkcs1(Sha256))),
        (o("1.2.840.113549.1.1.12"), Fixed(Scheme::RsaPkcs1(Sha384))),
        (o("1.2.840.113549.1.1.13"), Fixed(Scheme::RsaPkcs1(Sha512))),
        (o("1.2.840.113549.1.1.1"), RsaWithDigest),
        (o("1.2.840.113549.1.1.10"), Pss),
        (o("1.2.840.10045.4.1"), Fixed(Scheme::Ecdsa(Sha1))),
        (o("1.2.840.10045.4.3.1"), Fixed(Scheme::Ecdsa(Sha224))),
        (o("1.2.840.10045.4.3.2"), Fixed(Scheme::Ecdsa(Sha256))),
        (o("1.2.840.10045.4.3.3"), Fixed(Scheme::Ecdsa(Sha384))),
        (o("1.2.840.10045.4.3.4"), Fixed(Scheme::Ecdsa(Sha512))),
        (o("1.2.840.10045.2.1"), EcdsaWithDigest),
        (o("1.3.101.112"), Fixed(Scheme::Ed25519)),
        (o("1.2.643.2.2.3"), Fixed(Scheme::Gost(Gost94CryptoPro))),
        (o("1.2.643.7.1.1.3.2"), Fixed(Scheme::Gost(Streebog256))),
        (o("1.2.643.7.1.1.3.3"), Fixed(Scheme::Gost(Streebog512))),
        (o("1.2.643.2.2.19"), GostWithDigest),
        (o("1.2.643.7.1.1.1.1"), GostWithDigest),
        (o("1.2.643.7.1.1.1.2"), GostWithDigest),
        (o("1.2.804.2.1.1.1.1.3.1.1"), Dstu),
        (o("1.2.804.2.1.1.1.1.3.1.1.1.1"), Dstu),
        (o("1.2.804.2.1.1.1.1.3.1.2"), Dstu),
        // UAPKI oids.h OID_DSTU4145_WITH_DSTU7564_256/384/512_PB.
        (
            o("1.2.804.2.1.1.1.1.3.6.1.1"),
            Fixed(Scheme::Dstu4145(Kupyna256)),
        ),
        (
            o("1.2.804.2.1.1.1.1.3.6.2.1"),
            Fixed(Scheme::Dstu4145(Kupyna384)),
        ),
        (
            o("1.2.804.2.1.1.1.1.3.6.3.1"),
            Fixed(Scheme::Dstu4145(Kupyna512)),
        ),
    ]
};

/// Resolves the scheme of a signature algorithm identifier; `digest` is the
/// separately given digest algorithm of a CMS signer, if any.
pub fn scheme(
    alg: &AlgorithmIdentifierOwned,
    digest: Option<DigestAlgorithm>,
) -> Result<Scheme, SignatureError> {
    let need_digest = || {
        digest.ok_or_else(|| {
            SignatureError::Invalid(format!(
                "{} needs a digest algorithm",
                oid::name_of(&alg.oid)
            ))
        })
    };
    let named = SIGNATURE_ALGORITHMS
        .iter()
        .find(|(o, _)| *o == alg.oid)
        .map(|(_, n)| *n)
        .ok_or_else(|| unsupported(format!("signature algorithm {}", oid::name_of(&alg.oid))))?;
    Ok(match named {
        Named::Fixed(s) => s,
        Named::RsaWithDigest => Scheme::RsaPkcs1(need_digest()?),
        Named::EcdsaWithDigest => Scheme::Ecdsa(need_digest()?),
        Named::GostWithDigest => Scheme::Gost(need_digest()?),
        Named::Pss => {
            let (hash, salt) = pss_params(alg)?;
            Scheme::RsaPss(hash, salt)
        }
        Named::Dstu => Scheme::Dstu4145(digest.unwrap_or(DigestAlgorithm::Gost34311Ua)),
    })
}

/// `RSASSA-PSS-params ::= SEQUENCE { hashAlgorithm [0] DEFAULT sha1,
/// maskGenAlgorithm [1] DEFAULT mgf1SHA1, saltLength [2] DEFAULT 20,
/// trailerField [3] DEFAULT 1 }` (RFC 4055 section 3.1). MGF1 must use
/// the signature's hash (SHA-256/384/512); any salt length is accepted, as
/// the parameters state it (OpenSSL signs with the maximum by default).
fn pss_params(alg: &AlgorithmIdentifierOwned) -> Result<(DigestAlgorithm, u16), SignatureError> {
    let bad =
        |e: der::Error| SignatureError::Invalid(format!("malformed RSASSA-PSS parameters: {e}"));
    let params = alg
        .parameters
        .as_ref()
        .ok_or_else(|| unsupported("RSASSA-PSS with default (SHA-1) parameters"))?;
    let (hash, mgf_hash, salt) = params
        .to_ref()
        .sequence(|r| {
            let mut hash = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
            let mut mgf_hash = hash;
            let mut salt = 20u32;
            while !r.is_finished() {
                let field: AnyRef<'_> = r.decode()?;
                let inner = AnyRef::from_der(field.value())?;
                match field.tag() {
                    Tag::ContextSpecific { number, .. } if number.value() == 0 => {
                        hash =
                            AlgorithmIdentifierOwned::from_der(&der::Encode::to_der(&inner)?)?.oid;
                    }
                    Tag::ContextSpecific { number, .. } if number.value() == 1 => {
                        let mgf =
                            AlgorithmIdentifierOwned::from_der(&der::Encode::to_der(&inner)?)?;
                        if let Some(p) = mgf.parameters {
                            mgf_hash =
                                AlgorithmIdentifierOwned::from_der(&der::Encode::to_der(&p)?)?.oid;
                        }
                    }
                    Tag::ContextSpecific { number, .. } if number.value() == 2 => {
                        salt = inner.decode_as()?
                    }
                    _ => {}
                }
            }
            Ok((hash, mgf_hash, salt))
        })
        .map_err(bad)?;
    let d = digest_algorithm(&hash)
        .ok_or_else(|| unsupported(format!("RSASSA-PSS with {}", oid::name_of(&hash))))?;
    if mgf_hash != hash
        || !matches!(
            d,
            DigestAlgorithm::Sha256 | DigestAlgorithm::Sha384 | DigestAlgorithm::Sha512
        )
    {
        return Err(unsupported(format!(
            "RSASSA-PSS with {} unless MGF1 uses the same hash (SHA-256/384/512)",
            d.name()
        )));
    }
    let salt = u16::try_from(salt)
        .map_err(|_| SignatureError::Invalid("RSASSA-PSS salt length too large".into()))?;
    Ok((d, salt))
}

/// aws-lc-rs verification parameters for RSASSA-PSS with a given salt
/// length. It takes `&'static` parameters, so each (hash, salt length)
/// pair met is made once and kept; there are at most 3 × 1024 of them.
fn pss_algorithm(hash: DigestAlgorithm, salt: u16) -> &'static dyn VerificationAlgorithm {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    type Made = Mutex<HashMap<(u8, u16), &'static sig::RsaParameters>>;
    static MADE: OnceLock<Made> = OnceLock::new();
    let (base, id) = match hash {
        DigestAlgorithm::Sha384 => (&sig::RSA_PSS_2048_8192_SHA384, 1),
        DigestAlgorithm::Sha512 => (&sig::RSA_PSS_2048_8192_SHA512, 2),
        _ => (&sig::RSA_PSS_2048_8192_SHA256, 0),
    };
    if usize::from(salt) == hash.output_len() {
        return base;
    }
    let mut made = MADE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    *made.entry((id, salt)).or_insert_with(|| {
        let params = match id {
            1 => sig::RSA_PSS_2048_8192_SHA384,
            2 => sig::RSA_PSS_2048_8192_SHA512,
            _ => sig::RSA_PSS_2048_8192_SHA256,
        };
        Box::leak(Box::new(
            params.with_pss_salt_length(sig::RsaPssSaltLength::Custom(salt)),
        ))
    })
}

fn aws_algorithm(
    scheme: Scheme,
    key: &PublicKeyInfo,
) -> Result<&'static dyn VerificationAlgorithm, SignatureError> {
    use DigestAlgorithm::*;
    let ec_curve = || match &key.algorithm {
        KeyAlgorithm::Ec { curve: Some(c) } => Ok(*c),
        _ => Err(SignatureError::Invalid(
            "an ECDSA signature needs an EC key with a named curve".into(),
        )),
    };
    Ok(match (scheme, &key.algorithm) {
        (Scheme::RsaPkcs1(d), KeyAlgorithm::Rsa { pss: false, .. }) => match d {
            Sha1 => &sig::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY,
            Sha256 => &sig::RSA_PKCS1_2048_8192_SHA256,
            Sha384 => &sig::RSA_PKCS1_2048_8192_SHA384,
            Sha512 => &sig::RSA_PKCS1_2048_8192_SHA512,
            other => {
                return Err(unsupported(format!(
                    "RSA PKCS#1 v1.5 with {}",
                    other.name()
                )));
            }
        },
        (Scheme::RsaPss(d, salt), KeyAlgorithm::Rsa { modulus_bits, .. }) => {
            // emLen - hLen - 2 is the largest salt that fits (RFC 8017 9.1.1).
            let em_len = modulus_bits.div_ceil(8);
            if usize::from(salt) + d.output_len() + 2 > em_len {
                return Err(SignatureError::Invalid(
                    "RSASSA-PSS salt longer than the key allows".into(),
                ));
            }
            pss_algorithm(d, salt)
        }
        (Scheme::Ecdsa(d), KeyAlgorithm::Ec { .. }) => match (ec_curve()?, d) {
            (ids::CURVE_P256, Sha1) => &sig::ECDSA_P256_SHA1_ASN1,
            (ids::CURVE_P256, Sha256) => &sig::ECDSA_P256_SHA256_ASN1,
            (ids::CURVE_P256, Sha384) => &sig::ECDSA_P256_SHA384_ASN1,
            (ids::CURVE_P256, Sha512) => &sig::ECDSA_P256_SHA512_ASN1,
            (ids::CURVE_P384, Sha256) => &sig::ECDSA_P384_SHA256_ASN1,
            (ids::CURVE_P384, Sha384) => &sig::ECDSA_P384_SHA384_ASN1,
            (ids::CURVE_P384, Sha512) => &sig::ECDSA_P384_SHA512_ASN1,
            (ids::CURVE_P521, Sha1) => &sig::ECDSA_P521_SHA1_ASN1,
            (ids::CURVE_P521, Sha224) => &sig::ECDSA_P521_SHA224_ASN1,
            (ids::CURVE_P521, Sha256) => &sig::ECDSA_P521_SHA256_ASN1,
            (ids::CURVE_P521, Sha384) => &sig::ECDSA_P521_SHA384_ASN1,
            (ids::CURVE_P521, Sha512) => &sig::ECDSA_P521_SHA512_ASN1,
            (c, d) => {
                return Err(unsupported(format!(
                    "ECDSA on {} with {}",
                    oid::name_of(&c),
                    d.name()
                )));
            }
        },
        (Scheme::Ed25519, KeyAlgorithm::Ed25519) => &sig::ED25519,
        // verify_scheme sends GOST to signet-crypto before reaching here.
        (Scheme::Gost(_), _) => {
            return Err(SignatureError::Invalid(
                "GOST signature routed to the wrong verifier".into(),
            ));
        }
        // verify_scheme sends DSTU 4145 to signet-crypto before reaching here.
        (Scheme::Dstu4145(_), KeyAlgorithm::Dstu4145 { .. }) => {
            return Err(SignatureError::Invalid(
                "DSTU 4145 signature routed to the wrong verifier".into(),
            ));
        }
        (s, k) => {
            return Err(SignatureError::Invalid(format!(
                "a {s:?} signature cannot be made with a {} key",
                key_name(k)
            )));
        }
    })
}

/// The GOST R 34.10 curve a parameter-set OID names (RFC 4357 section
/// 11.4, RFC 7836 appendix A, RFC 9215 section 4.2).
pub fn gost_curve(param_set: &ObjectIdentifier) -> Option<Curve> {
    const CURVES: [(ObjectIdentifier, Curve); 14] = [
        (o("1.2.643.2.2.35.0"), Curve::Gost2001Test),
        (o("1.2.643.2.2.35.1"), Curve::CryptoProA),
        (o("1.2.643.2.2.35.2"), Curve::CryptoProB),
        (o("1.2.643.2.2.35.3"), Curve::CryptoProC),
        (o("1.2.643.2.2.36.0"), Curve::CryptoProXchA),
        (o("1.2.643.2.2.36.1"), Curve::CryptoProXchB),
        (o("1.2.643.7.1.2.1.1.1"), Curve::Tc26Gost256A),
        (o("1.2.643.7.1.2.1.1.2"), Curve::Tc26Gost256B),
        (o("1.2.643.7.1.2.1.1.3"), Curve::Tc26Gost256C),
        (o("1.2.643.7.1.2.1.1.4"), Curve::Tc26Gost256D),
        (o("1.2.643.7.1.2.1.2.0"), Curve::Tc26Gost512Test),
        (o("1.2.643.7.1.2.1.2.1"), Curve::Tc26Gost512A),
        (o("1.2.643.7.1.2.1.2.2"), Curve::Tc26Gost512B),
        (o("1.2.643.7.1.2.1.2.3"), Curve::Tc26Gost512C),
    ];
    CURVES.iter().find(|(o, _)| o == param_set).map(|(_, c)| *c)
}

/// GOST R 34.10-2001/2012 verification (signet-crypto): the key is X‖Y
/// little-endian inside the certificate's OCTET STRING, the signature s‖r
/// (RFC 4491 section 2.2.2, RFC 9215 section 4.1), the digest is the GOST
/// hash of the message.
fn verify_gost(
    key: &PublicKeyInfo,
    digest: DigestAlgorithm,
    message: SignedMessage<'_>,
    signature: &[u8],
) -> Result<(), SignatureError> {
    let KeyAlgorithm::Gost {
        param_set,
        key_type,
        ..
    } = &key.algorithm
    else {
        return Err(SignatureError::Invalid(format!(
            "a GOST signature cannot be made with a {} key",
            key_name(&key.algorithm)
        )));
    };
    let param_set = param_set
        .as_ref()
        .ok_or_else(|| SignatureError::Invalid("the GOST key names no parameter set".into()))?;
    let curve = gost_curve(param_set)
        .ok_or_else(|| unsupported(format!("GOST parameter set {}", oid::name_of(param_set))))?;
    let expected_bits = match key_type {
        crate::GostKeyType::R3410_2012_512 => 512,
        _ => 256,
    };
    if curve.field_bits() != expected_bits {
        return Err(SignatureError::Invalid(format!(
            "the parameter set {} does not fit a {expected_bits}-bit GOST key",
            oid::name_of(param_set)
        )));
    }
    let public = gost3410::PublicKey::from_le_bytes(curve, key.key_value())
        .map_err(|e| SignatureError::Invalid(format!("the GOST public key is not valid: {e}")))?;
    let value = message.hash(digest)?;
    public
        .verify_digest(&value, signature)
        .map_err(|e| match e {
            gost3410::Error::InvalidSignature => SignatureError::Mismatch,
            other => SignatureError::Invalid(format!("GOST signature: {other}")),
        })
}

/// Parsed aws-lc-rs public keys by (algorithm, key bytes). Parsing an RSA
/// key sets up its Montgomery context, which costs as much as a
/// verification; signers and CAs recur, so parsed keys are kept. Bounded:
/// cleared when full.
fn parsed_key(
    alg: &'static dyn VerificationAlgorithm,
    key: &[u8],
) -> Result<std::sync::Arc<ParsedPublicKey>, SignatureError> {
    use std::collections::HashMap;
    use std::sync::{Arc, LazyLock, Mutex};
    type Cache = Mutex<HashMap<(usize, Vec<u8>), Arc<ParsedPublicKey>>>;
    static CACHE: LazyLock<Cache> = LazyLock::new(Default::default);
    const MAX: usize = 4096;
    // The algorithm statics are distinct objects: their address names them.
    let id = std::ptr::from_ref(alg).cast::<()>() as usize;
    if let Some(k) = CACHE
        .lock()
        .ok()
        .and_then(|c| c.get(&(id, key.to_vec())).cloned())
    {
        return Ok(k);
    }
    let parsed = Arc::new(
        UnparsedPublicKey::new(alg, key)
            .parse()
            .map_err(|e| SignatureError::Invalid(format!("the public key is not valid: {e}")))?,
    );
    if let Ok(mut c) = CACHE.lock() {
        if c.len() >= MAX {
            c.clear();
        }
        c.insert((id, key.to_vec()), parsed.clone());
    }
    Ok(parsed)
}

fn key_name(k: &KeyAlgorithm) -> &'static str {
    match k {
        KeyAlgorithm::Rsa { .. } => "RSA",
        KeyAlgorithm::Ec { .. } => "EC",
        KeyAlgorithm::Ed25519 => "Ed25519",
        KeyAlgorithm::Ed448 => "Ed448",
        KeyAlgorithm::Gost { .. } => "GOST",
        KeyAlgorithm::Dstu4145 { .. } => "DSTU 4145",
        _ => "unknown",
    }
}

fn aws_digest(d: DigestAlgorithm) -> Option<&'static aws_lc_rs::digest::Algorithm> {
    use aws_lc_rs::digest;
    Some(match d {
        DigestAlgorithm::Sha1 => &digest::SHA1_FOR_LEGACY_USE_ONLY,
        DigestAlgorithm::Sha224 => &digest::SHA224,
        DigestAlgorithm::Sha256 => &digest::SHA256,
        DigestAlgorithm::Sha384 => &digest::SHA384,
        DigestAlgorithm::Sha512 => &digest::SHA512,
        _ => return None,
    })
}

/// Verifies `signature` over `message` with `key` under the scheme that
/// `algorithm` (and `digest`, for CMS signers) names.
pub fn verify(
    key: &PublicKeyInfo,
    algorithm: &AlgorithmIdentifierOwned,
    digest: Option<DigestAlgorithm>,
    message: SignedMessage<'_>,
    signature: &[u8],
) -> Result<(), SignatureError> {
    let scheme = scheme(algorithm, digest)?;
    verify_scheme(key, scheme, message, signature)
}

/// Verifies under an already resolved scheme.
pub fn verify_scheme(
    key: &PublicKeyInfo,
    scheme: Scheme,
    message: SignedMessage<'_>,
    signature: &[u8],
) -> Result<(), SignatureError> {
    if let KeyAlgorithm::Rsa { modulus_bits, .. } = key.algorithm
        && modulus_bits < 2048
    {
        return Err(unsupported(format!(
            "RSA keys of {modulus_bits} bits (2048 and more are accepted)"
        )));
    }
    if let Scheme::Gost(digest) = scheme {
        return verify_gost(key, digest, message, signature);
    }
    if let (Scheme::Dstu4145(digest), KeyAlgorithm::Dstu4145 { .. }) = (scheme, &key.algorithm) {
        return crate::dstu::verify(key, digest, message, signature);
    }
    let alg = aws_algorithm(scheme, key)?;
    let pk = parsed_key(alg, &key.subject_public_key)?;
    let result = match message {
        SignedMessage::Bytes(m) => pk.verify_sig(m, signature),
        SignedMessage::Digest { algorithm, value } => {
            if Some(algorithm) != scheme.digest() {
                return Err(SignatureError::Invalid(format!(
                    "the content was hashed with {}, the signature uses {:?}",
                    algorithm.name(),
                    scheme
                )));
            }
            let d = aws_digest(algorithm).ok_or_else(|| unsupported(algorithm.name()))?;
            let digest = aws_lc_rs::digest::Digest::import_less_safe(value, d)
                .map_err(|_| SignatureError::Invalid("digest of the wrong length".into()))?;
            pk.verify_digest_sig(&digest, signature)
        }
    };
    result.map_err(|_| SignatureError::Mismatch)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alg(oid: &str) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned {
            oid: ObjectIdentifier::new_unwrap(oid),
            parameters: None,
        }
    }

    #[test]
    fn schemes_by_oid() {
        assert_eq!(
            scheme(&alg("1.2.840.113549.1.1.11"), None),
            Ok(Scheme::RsaPkcs1(DigestAlgorithm::Sha256))
        );
        assert_eq!(
            scheme(&alg("1.2.840.113549.1.1.1"), Some(DigestAlgorithm::Sha384)),
            Ok(Scheme::RsaPkcs1(DigestAlgorithm::Sha384))
        );
        assert!(matches!(
            scheme(&alg("1.2.840.113549.1.1.1"), None),
            Err(SignatureError::Invalid(_))
        ));
        assert_eq!(
            scheme(&alg("1.2.643.7.1.1.3.2"), None),
            Ok(Scheme::Gost(DigestAlgorithm::Streebog256))
        );
        // UAPKI's DSTU 4145 with Kupyna OIDs fix the hash; the key OID
        // takes it from the CMS digestAlgorithm, GOST 34.311-95 by default.
        for (oid, d) in [
            ("1.2.804.2.1.1.1.1.3.6.1.1", DigestAlgorithm::Kupyna256),
            ("1.2.804.2.1.1.1.1.3.6.2.1", DigestAlgorithm::Kupyna384),
            ("1.2.804.2.1.1.1.1.3.6.3.1", DigestAlgorithm::Kupyna512),
        ] {
            assert_eq!(scheme(&alg(oid), None), Ok(Scheme::Dstu4145(d)));
            assert_eq!(
                scheme(&alg(oid), Some(DigestAlgorithm::Gost34311Ua)),
                Ok(Scheme::Dstu4145(d))
            );
        }
        assert_eq!(
            scheme(&alg("1.2.804.2.1.1.1.1.3.1.1"), None),
            Ok(Scheme::Dstu4145(DigestAlgorithm::Gost34311Ua))
        );
        assert_eq!(
            scheme(
                &alg("1.2.804.2.1.1.1.1.3.1.1"),
                Some(DigestAlgorithm::Kupyna256)
            ),
            Ok(Scheme::Dstu4145(DigestAlgorithm::Kupyna256))
        );
        assert!(matches!(
            scheme(&alg("1.2.3.4"), None),
            Err(SignatureError::Unsupported(_))
        ));
    }

    #[test]
    fn digest_oids_round_trip() {
        for d in DigestAlgorithm::ALL {
            assert_eq!(digest_algorithm(&digest_oid(d)), Some(d));
        }
    }
}
