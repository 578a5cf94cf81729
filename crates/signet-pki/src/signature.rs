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
use const_oid::db::rfc5912;
use der::Sequence;
use signet_crypto::gost3410::{self, Curve};
use signet_crypto::{DigestAlgorithm, dstu4145, gost28147};
use spki::{AlgorithmIdentifierOwned, AlgorithmIdentifierRef};

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
            SignedMessage::Digest { algorithm, .. } => Err(SignatureError::DigestMismatch {
                content: algorithm,
                signature: Some(digest),
            }),
        }
    }
}

/// Why a signature was not accepted: each variant names the rule that
/// broke.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The signature does not match the message and key.
    #[error("the signature does not match the signed data and the public key")]
    Mismatch,
    /// The algorithm or parameters are not implemented.
    #[error("not supported: {0}")]
    Unsupported(String),
    /// The content's digest was computed with another algorithm than the
    /// one the signature uses.
    #[error(
        "the content was hashed with {}, the signature uses {}",
        content.name(),
        signature.map_or("no separate digest (Ed25519)", DigestAlgorithm::name)
    )]
    DigestMismatch {
        /// How the content was hashed.
        content: DigestAlgorithm,
        /// The digest of the signature scheme (none for pure Ed25519).
        signature: Option<DigestAlgorithm>,
    },
    /// A key-algorithm OID as signatureAlgorithm without the CMS
    /// digestAlgorithm that completes it ([RFC 5754] section 3).
    #[error("{} needs a digest algorithm", oid::name_of(algorithm))]
    DigestMissing {
        /// The signatureAlgorithm OID (boxed, as are the other large
        /// payloads here: path and revocation errors carry this one).
        algorithm: Box<ObjectIdentifier>,
    },
    /// A digest of another length than its algorithm's.
    #[error("digest of the wrong length")]
    DigestLength,
    /// `RSASSA-PSS-params` that do not decode ([RFC 4055] section 3.1).
    #[error("malformed RSASSA-PSS parameters: {0}")]
    MalformedPssParameters(#[source] Box<der::Error>),
    /// A saltLength beyond 65535.
    #[error("RSASSA-PSS salt length too large")]
    PssSaltLength,
    /// A salt longer than the modulus leaves room for ([RFC 8017]
    /// section 9.1.1: emLen ≥ hLen + sLen + 2).
    #[error("RSASSA-PSS salt longer than the key allows")]
    PssSaltTooLongForKey,
    /// An ECDSA signature with a key whose parameters name no curve.
    #[error("an ECDSA signature needs an EC key with a named curve")]
    EcCurveMissing,
    /// The key's algorithm is not the signature's.
    #[error("a {signature} signature cannot be made with a {key} key")]
    KeyMismatch {
        /// The signature scheme.
        signature: &'static str,
        /// The key's algorithm.
        key: &'static str,
    },
    /// A GOST key whose parameters name no publicKeyParamSet ([RFC 9215]
    /// section 4.2.1).
    #[error("the GOST key names no parameter set")]
    GostParamSetMissing,
    /// A GOST parameter set of another size than the key's algorithm.
    #[error(
        "the parameter set {} does not fit a {key_bits}-bit GOST key",
        oid::name_of(param_set)
    )]
    GostParamSetSize {
        /// The publicKeyParamSet.
        param_set: Box<ObjectIdentifier>,
        /// The size the key's algorithm OID gives.
        key_bits: u32,
    },
    /// The GOST public key is not a point of its curve.
    #[error("the GOST public key is not valid: {0}")]
    GostPublicKey(#[source] gost3410::Error),
    /// The GOST signature is malformed (its length).
    #[error("GOST signature: {0}")]
    Gost(#[source] gost3410::Error),
    /// AWS-LC does not accept the public key for the algorithm.
    #[error("the public key is not valid: {0}")]
    PublicKeyRejected(&'static str),
    /// A DSTU 4145 signature checked with a key of another algorithm.
    #[error("DSTU 4145: not a DSTU 4145 key")]
    NotDstuKey,
    /// A DSTU 4145 key without its `DSTU4145Params`.
    #[error("DSTU 4145: the key has no DSTU4145Params")]
    DstuParamsMissing,
    /// `DSTU4145Params` that do not decode (see `dstu.rs`).
    #[error("DSTU 4145: malformed DSTU4145Params: {0}")]
    MalformedDstuParams(#[source] Box<der::Error>),
    /// A `dke` that is not a packed GOST 28147-89 S-box of 64 bytes.
    #[error("DSTU 4145: the DKE of DSTU4145Params: {0}")]
    DstuDke(#[source] Box<gost28147::Error>),
    /// Explicit polynomial-basis parameters without the reduction
    /// polynomial.
    #[error("DSTU 4145: a polynomial-basis ECBinary without its reduction polynomial")]
    DstuPolynomialMissing,
    /// The DSTU 4145 curve, key or signature breaks a rule of DSTU
    /// 4145-2002.
    #[error("DSTU 4145: {0}")]
    Dstu4145(#[source] dstu4145::Error),
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
    /// The signature algorithm, without its digest.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::RsaPkcs1(_) => "RSA PKCS#1 v1.5",
            Scheme::RsaPss(..) => "RSASSA-PSS",
            Scheme::Ecdsa(_) => "ECDSA",
            Scheme::Ed25519 => "Ed25519",
            Scheme::Gost(_) => "GOST R 34.10",
            Scheme::Dstu4145(_) => "DSTU 4145",
        }
    }

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

/// Digest algorithms by OID (FIPS 180-4 / RFC 5754, RFC 6986 / RFC 9215,
/// RFC 4357, and the Ukrainian GOST 34.311-95 and Kupyna OIDs).
const DIGESTS: [(ObjectIdentifier, DigestAlgorithm); 12] = [
    (rfc5912::ID_SHA_1, DigestAlgorithm::Sha1),
    (rfc5912::ID_SHA_224, DigestAlgorithm::Sha224),
    (rfc5912::ID_SHA_256, DigestAlgorithm::Sha256),
    (rfc5912::ID_SHA_384, DigestAlgorithm::Sha384),
    (rfc5912::ID_SHA_512, DigestAlgorithm::Sha512),
    (ids::STREEBOG_256, DigestAlgorithm::Streebog256),
    (ids::STREEBOG_512, DigestAlgorithm::Streebog512),
    (ids::GOST_R3411_94, DigestAlgorithm::Gost94CryptoPro),
    (ids::GOST_34311, DigestAlgorithm::Gost34311Ua),
    (ids::KUPYNA_256, DigestAlgorithm::Kupyna256),
    (ids::KUPYNA_384, DigestAlgorithm::Kupyna384),
    (ids::KUPYNA_512, DigestAlgorithm::Kupyna512),
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
        (
            rfc5912::SHA_1_WITH_RSA_ENCRYPTION,
            Fixed(Scheme::RsaPkcs1(Sha1)),
        ),
        (
            rfc5912::SHA_224_WITH_RSA_ENCRYPTION,
            Fixed(Scheme::RsaPkcs1(Sha224)),
        ),
        (
            rfc5912::SHA_256_WITH_RSA_ENCRYPTION,
            Fixed(Scheme::RsaPkcs1(Sha256)),
        ),
        (
            rfc5912::SHA_384_WITH_RSA_ENCRYPTION,
            Fixed(Scheme::RsaPkcs1(Sha384)),
        ),
        (
            rfc5912::SHA_512_WITH_RSA_ENCRYPTION,
            Fixed(Scheme::RsaPkcs1(Sha512)),
        ),
        (ids::RSA_ENCRYPTION, RsaWithDigest),
        (ids::RSASSA_PSS, Pss),
        (ids::ECDSA_WITH_SHA1, Fixed(Scheme::Ecdsa(Sha1))),
        (rfc5912::ECDSA_WITH_SHA_224, Fixed(Scheme::Ecdsa(Sha224))),
        (rfc5912::ECDSA_WITH_SHA_256, Fixed(Scheme::Ecdsa(Sha256))),
        (rfc5912::ECDSA_WITH_SHA_384, Fixed(Scheme::Ecdsa(Sha384))),
        (rfc5912::ECDSA_WITH_SHA_512, Fixed(Scheme::Ecdsa(Sha512))),
        (ids::EC_PUBLIC_KEY, EcdsaWithDigest),
        (ids::ED25519, Fixed(Scheme::Ed25519)),
        (
            ids::GOST_R3411_94_WITH_R3410_2001,
            Fixed(Scheme::Gost(Gost94CryptoPro)),
        ),
        (
            ids::SIGN_WITH_DIGEST_GOST3410_12_256,
            Fixed(Scheme::Gost(Streebog256)),
        ),
        (
            ids::SIGN_WITH_DIGEST_GOST3410_12_512,
            Fixed(Scheme::Gost(Streebog512)),
        ),
        (ids::GOST_R3410_2001, GostWithDigest),
        (ids::GOST_R3410_2012_256, GostWithDigest),
        (ids::GOST_R3410_2012_512, GostWithDigest),
        (ids::DSTU4145_LE, Dstu),
        (ids::DSTU4145_BE, Dstu),
        (ids::DSTU4145_ONB_LE, Dstu),
        // UAPKI oids.h OID_DSTU4145_WITH_DSTU7564_256/384/512_PB.
        (ids::DSTU4145_KUPYNA256, Fixed(Scheme::Dstu4145(Kupyna256))),
        (ids::DSTU4145_KUPYNA384, Fixed(Scheme::Dstu4145(Kupyna384))),
        (ids::DSTU4145_KUPYNA512, Fixed(Scheme::Dstu4145(Kupyna512))),
    ]
};

/// Resolves the scheme of a signature algorithm identifier; `digest` is the
/// separately given digest algorithm of a CMS signer, if any.
pub fn scheme(
    alg: &AlgorithmIdentifierOwned,
    digest: Option<DigestAlgorithm>,
) -> Result<Scheme, SignatureError> {
    let need_digest = || {
        digest.ok_or_else(|| SignatureError::DigestMissing {
            algorithm: Box::new(alg.oid),
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

/// `RSASSA-PSS-params` as defined in [RFC 4055 section 3.1].
///
/// ```text
/// RSASSA-PSS-params  ::=  SEQUENCE  {
///   hashAlgorithm      [0] HashAlgorithm DEFAULT sha1Identifier,
///   maskGenAlgorithm   [1] MaskGenAlgorithm DEFAULT mgf1SHA1Identifier,
///   saltLength         [2] INTEGER DEFAULT 20,
///   trailerField       [3] INTEGER DEFAULT 1  }
/// ```
///
/// The defaults are left to the reader ([`pss_params`]); `trailerField`
/// is not read, as before.
///
/// [RFC 4055 section 3.1]: https://datatracker.ietf.org/doc/html/rfc4055#section-3.1
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct RsaPssParams<'a> {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    hash_algorithm: Option<AlgorithmIdentifierRef<'a>>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    mask_gen_algorithm: Option<AlgorithmIdentifierRef<'a>>,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    salt_length: Option<u32>,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    trailer_field: Option<u32>,
}

/// The hash and salt length of RSASSA-PSS parameters. MGF1 must use the
/// signature's hash (SHA-256/384/512); any salt length is accepted, as the
/// parameters state it (OpenSSL signs with the maximum by default).
fn pss_params(alg: &AlgorithmIdentifierOwned) -> Result<(DigestAlgorithm, u16), SignatureError> {
    let params = alg
        .parameters
        .as_ref()
        .ok_or_else(|| unsupported("RSASSA-PSS with default (SHA-1) parameters"))?;
    let params = params
        .to_ref()
        .decode_as::<RsaPssParams<'_>>()
        .map_err(|e| SignatureError::MalformedPssParameters(Box::new(e)))?;
    let hash = params
        .hash_algorithm
        .map_or(rfc5912::ID_SHA_1, |hash| hash.oid);
    // MGF1's parameters are the AlgorithmIdentifier of its hash.
    let mgf_hash = match params.mask_gen_algorithm.and_then(|mgf| mgf.parameters) {
        Some(p) => {
            p.decode_as::<AlgorithmIdentifierRef<'_>>()
                .map_err(|e| SignatureError::MalformedPssParameters(Box::new(e)))?
                .oid
        }
        None => rfc5912::ID_SHA_1,
    };
    let salt = params.salt_length.unwrap_or(20);
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
    let salt = u16::try_from(salt).map_err(|_| SignatureError::PssSaltLength)?;
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
        _ => Err(SignatureError::EcCurveMissing),
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
                return Err(SignatureError::PssSaltTooLongForKey);
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
        // verify_scheme sends GOST, and DSTU 4145 with a DSTU 4145 key, to
        // signet-crypto before reaching here: only key mismatches remain.
        (s, k) => {
            return Err(SignatureError::KeyMismatch {
                signature: s.name(),
                key: key_name(k),
            });
        }
    })
}

/// The GOST R 34.10 curve a parameter-set OID names (RFC 4357 section
/// 11.4, RFC 7836 appendix A, RFC 9215 section 4.2).
pub fn gost_curve(param_set: &ObjectIdentifier) -> Option<Curve> {
    const CURVES: [(ObjectIdentifier, Curve); 14] = [
        (ids::GOST_R3410_2001_TEST, Curve::Gost2001Test),
        (ids::GOST_R3410_2001_CRYPTOPRO_A, Curve::CryptoProA),
        (ids::GOST_R3410_2001_CRYPTOPRO_B, Curve::CryptoProB),
        (ids::GOST_R3410_2001_CRYPTOPRO_C, Curve::CryptoProC),
        (ids::GOST_R3410_2001_CRYPTOPRO_XCH_A, Curve::CryptoProXchA),
        (ids::GOST_R3410_2001_CRYPTOPRO_XCH_B, Curve::CryptoProXchB),
        (ids::GOST_3410_12_256_PARAM_SET_A, Curve::Tc26Gost256A),
        (ids::GOST_3410_12_256_PARAM_SET_B, Curve::Tc26Gost256B),
        (ids::GOST_3410_12_256_PARAM_SET_C, Curve::Tc26Gost256C),
        (ids::GOST_3410_12_256_PARAM_SET_D, Curve::Tc26Gost256D),
        (ids::GOST_3410_12_512_PARAM_SET_TEST, Curve::Tc26Gost512Test),
        (ids::GOST_3410_12_512_PARAM_SET_A, Curve::Tc26Gost512A),
        (ids::GOST_3410_12_512_PARAM_SET_B, Curve::Tc26Gost512B),
        (ids::GOST_3410_12_512_PARAM_SET_C, Curve::Tc26Gost512C),
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
        return Err(SignatureError::KeyMismatch {
            signature: Scheme::Gost(digest).name(),
            key: key_name(&key.algorithm),
        });
    };
    let param_set = param_set
        .as_ref()
        .ok_or(SignatureError::GostParamSetMissing)?;
    let curve = gost_curve(param_set)
        .ok_or_else(|| unsupported(format!("GOST parameter set {}", oid::name_of(param_set))))?;
    let expected_bits = match key_type {
        crate::GostKeyType::R3410_2012_512 => 512,
        _ => 256,
    };
    if curve.field_bits() != expected_bits {
        return Err(SignatureError::GostParamSetSize {
            param_set: Box::new(*param_set),
            key_bits: expected_bits,
        });
    }
    let public = gost3410::PublicKey::from_le_bytes(curve, key.key_value())
        .map_err(SignatureError::GostPublicKey)?;
    let value = message.hash(digest)?;
    public
        .verify_digest(&value, signature)
        .map_err(|e| match e {
            gost3410::Error::InvalidSignature => SignatureError::Mismatch,
            other => SignatureError::Gost(other),
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
            .map_err(|e| SignatureError::PublicKeyRejected(e.description_()))?,
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
                return Err(SignatureError::DigestMismatch {
                    content: algorithm,
                    signature: scheme.digest(),
                });
            }
            let d = aws_digest(algorithm).ok_or_else(|| unsupported(algorithm.name()))?;
            let digest = aws_lc_rs::digest::Digest::import_less_safe(value, d)
                .map_err(|_| SignatureError::DigestLength)?;
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
        assert_eq!(
            scheme(&alg("1.2.840.113549.1.1.1"), None),
            Err(SignatureError::DigestMissing {
                algorithm: Box::new(ids::RSA_ENCRYPTION)
            })
        );
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
