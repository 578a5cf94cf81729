//! The subject public key: which algorithm, which curve or parameter set,
//! how large, and its raw bytes.
//!
//! Structures read here:
//! - RSA: `RSAPublicKey` ([RFC 8017] appendix A.1.1) for the modulus size.
//! - EC: the named curve in `ECParameters` ([RFC 5480] section 2.1.1).
//! - GOST R 34.10-2001/2012: `GostR3410-2012-PublicKeyParameters`
//!   ([RFC 9215] section 4.2.1, [RFC 4491] section 2.3.1); the key is an
//!   OCTET STRING of X‖Y, little-endian, inside the BIT STRING.
//! - DSTU 4145-2002: `DSTU4145Params ::= SEQUENCE { CHOICE { ecbinary,
//!   namedCurve }, dke OCTET STRING OPTIONAL }`; the key is an OCTET STRING
//!   with the compressed point inside the BIT STRING (Order 1236/5/453 of
//!   the Ukrainian Ministry of Justice, as implemented by UAPKI and jkurwa).
//!
//! [RFC 8017]: https://datatracker.ietf.org/doc/html/rfc8017#appendix-A.1.1
//! [RFC 5480]: https://datatracker.ietf.org/doc/html/rfc5480#section-2.1.1
//! [RFC 9215]: https://datatracker.ietf.org/doc/html/rfc9215#section-4.2.1
//! [RFC 4491]: https://datatracker.ietf.org/doc/html/rfc4491#section-2.3.1

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, OctetStringRef, UintRef};
use der::{Decode, Sequence};
use signet_crypto::dstu4145::NamedCurve;
use spki::SubjectPublicKeyInfoOwned;

use crate::dstu::{CurveDefinition, Dstu4145Params};
use crate::oid::{self, Lang, ids};

/// `RSAPublicKey` as defined in [RFC 8017 appendix A.1.1].
///
/// ```text
/// RSAPublicKey ::= SEQUENCE {
///     modulus           INTEGER,  -- n
///     publicExponent    INTEGER   -- e
/// }
/// ```
///
/// [RFC 8017 appendix A.1.1]: https://datatracker.ietf.org/doc/html/rfc8017#appendix-A.1.1
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct RsaPublicKey<'a> {
    pub modulus: UintRef<'a>,
    pub public_exponent: UintRef<'a>,
}

/// The parameters of a GOST R 34.10 key, as defined in [RFC 9215 section
/// 4.2.1] (`GostR3410-2012-PublicKeyParameters`; [RFC 4491 section
/// 2.3.1] for 2001 keys, whose `digestParamSet` is always there).
///
/// ```text
/// GostR3410-2012-PublicKeyParameters ::= SEQUENCE {
///     publicKeyParamSet  OBJECT IDENTIFIER,
///     digestParamSet     OBJECT IDENTIFIER OPTIONAL,
///     encryptionParamSet OBJECT IDENTIFIER OPTIONAL
/// }
/// ```
///
/// [RFC 9215 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc9215#section-4.2.1
/// [RFC 4491 section 2.3.1]: https://datatracker.ietf.org/doc/html/rfc4491#section-2.3.1
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct GostKeyParameters {
    pub public_key_param_set: ObjectIdentifier,
    pub digest_param_set: Option<ObjectIdentifier>,
    pub encryption_param_set: Option<ObjectIdentifier>,
}

/// Which of the GOST R 34.10 key types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GostKeyType {
    /// GOST R 34.10-2001 (256-bit).
    R3410_2001,
    /// GOST R 34.10-2012 with a 256-bit key.
    R3410_2012_256,
    /// GOST R 34.10-2012 with a 512-bit key.
    R3410_2012_512,
}

/// How a DSTU 4145 curve is given in the key parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DstuCurve {
    /// A named curve (M163 … M431).
    Named(ObjectIdentifier),
    /// Explicit parameters, with the field degree m when it could be read.
    Explicit {
        /// Degree of the binary field.
        field_degree: Option<u32>,
    },
}

impl DstuCurve {
    /// Degree m of the binary field, when known.
    pub fn field_degree(&self) -> Option<u32> {
        match self {
            DstuCurve::Named(oid) => dstu_curve_degree(oid),
            DstuCurve::Explicit { field_degree } => *field_degree,
        }
    }
}

/// The public-key algorithm and its parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyAlgorithm {
    /// RSA (rsaEncryption or RSASSA-PSS keys).
    Rsa {
        /// Size of the modulus in bits.
        modulus_bits: usize,
        /// Whether the key is restricted to RSASSA-PSS.
        pss: bool,
    },
    /// An elliptic-curve key for ECDSA / ECDH.
    Ec {
        /// The named curve, if the parameters name one.
        curve: Option<ObjectIdentifier>,
    },
    /// Ed25519 (RFC 8410).
    Ed25519,
    /// Ed448 (RFC 8410).
    Ed448,
    /// GOST R 34.10-2001 or 2012.
    Gost {
        /// Which key type.
        key_type: GostKeyType,
        /// The curve parameter set (publicKeyParamSet).
        param_set: Option<ObjectIdentifier>,
        /// The digest parameter set, if given.
        digest_param_set: Option<ObjectIdentifier>,
    },
    /// DSTU 4145-2002 (Ukraine).
    Dstu4145 {
        /// Whether the key and signatures are little-endian.
        little_endian: bool,
        /// Whether the field uses an optimal normal basis (else polynomial).
        normal_basis: bool,
        /// The curve.
        curve: Option<DstuCurve>,
    },
    /// An algorithm signet does not know.
    Unknown,
}

/// The subject public key of a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKeyInfo {
    /// The algorithm OID of `SubjectPublicKeyInfo`.
    pub algorithm_oid: ObjectIdentifier,
    /// What the algorithm and parameters mean.
    pub algorithm: KeyAlgorithm,
    /// DER of the AlgorithmIdentifier's parameters, if present (for DSTU
    /// 4145 keys the `DSTU4145Params` the curve is built from).
    pub algorithm_parameters: Option<Vec<u8>>,
    /// The BIT STRING contents of `subjectPublicKey`, as encoded.
    pub subject_public_key: Vec<u8>,
}

impl PublicKeyInfo {
    /// Reads a `SubjectPublicKeyInfo`.
    pub fn from_spki(spki: &SubjectPublicKeyInfoOwned) -> Self {
        let algorithm_oid = spki.algorithm.oid;
        let params = spki.algorithm.parameters.as_ref().map(|p| p.to_ref());
        let subject_public_key = spki.subject_public_key.raw_bytes().to_vec();
        let algorithm = classify(&algorithm_oid, params, &subject_public_key);
        let algorithm_parameters = params.and_then(|p| der::Encode::to_der(&p).ok());
        PublicKeyInfo {
            algorithm_oid,
            algorithm,
            algorithm_parameters,
            subject_public_key,
        }
    }

    /// The key value itself: for GOST and DSTU keys, the contents of the
    /// OCTET STRING inside the BIT STRING (the little-endian coordinates or
    /// the compressed point); for other algorithms the BIT STRING contents.
    pub fn key_value(&self) -> &[u8] {
        match self.algorithm {
            KeyAlgorithm::Gost { .. } | KeyAlgorithm::Dstu4145 { .. } => {
                <&OctetStringRef>::from_der(&self.subject_public_key)
                    .map(|o| o.as_bytes())
                    .unwrap_or(&self.subject_public_key)
            }
            _ => &self.subject_public_key,
        }
    }

    /// Size of the key in bits, where it is defined by the algorithm.
    pub fn key_bits(&self) -> Option<usize> {
        match &self.algorithm {
            KeyAlgorithm::Rsa { modulus_bits, .. } => Some(*modulus_bits),
            KeyAlgorithm::Ec { curve: Some(c) } => curve_bits(c),
            KeyAlgorithm::Ec { curve: None } => None,
            KeyAlgorithm::Ed25519 => Some(256),
            KeyAlgorithm::Ed448 => Some(456),
            KeyAlgorithm::Gost { key_type, .. } => Some(match key_type {
                GostKeyType::R3410_2001 | GostKeyType::R3410_2012_256 => 256,
                GostKeyType::R3410_2012_512 => 512,
            }),
            KeyAlgorithm::Dstu4145 { curve, .. } => curve
                .as_ref()
                .and_then(DstuCurve::field_degree)
                .map(|m| m as usize),
            KeyAlgorithm::Unknown => None,
        }
    }

    /// The curve or parameter set OID, if any.
    pub fn parameter_set(&self) -> Option<&ObjectIdentifier> {
        match &self.algorithm {
            KeyAlgorithm::Ec { curve } => curve.as_ref(),
            KeyAlgorithm::Gost { param_set, .. } => param_set.as_ref(),
            KeyAlgorithm::Dstu4145 {
                curve: Some(DstuCurve::Named(c)),
                ..
            } => Some(c),
            _ => None,
        }
    }

    /// A human description of the algorithm, e.g. "RSA (2048 bit)",
    /// "ГОСТ Р 34.10-2012 (256 бит)", "ДСТУ 4145-2002, ПБ, little-endian".
    pub fn describe(&self, lang: Lang) -> String {
        let base = oid::describe(&self.algorithm_oid, lang);
        let bits = match lang {
            Lang::En => "bit",
            Lang::Ru => "бит",
            Lang::Uk => "біт",
        };
        match &self.algorithm {
            KeyAlgorithm::Rsa { modulus_bits, .. } => format!("{base} ({modulus_bits} {bits})"),
            KeyAlgorithm::Ec { curve: Some(c) } => {
                format!("{base} {}", oid::describe(c, lang))
            }
            _ => base,
        }
    }
}

fn classify(alg: &ObjectIdentifier, params: Option<AnyRef<'_>>, key: &[u8]) -> KeyAlgorithm {
    match *alg {
        ids::RSA_ENCRYPTION | ids::RSASSA_PSS => match rsa_modulus_bits(key) {
            Some(modulus_bits) => KeyAlgorithm::Rsa {
                modulus_bits,
                pss: *alg == ids::RSASSA_PSS,
            },
            None => KeyAlgorithm::Unknown,
        },
        ids::EC_PUBLIC_KEY => KeyAlgorithm::Ec {
            curve: params.and_then(|p| p.decode_as::<ObjectIdentifier>().ok()),
        },
        ids::ED25519 => KeyAlgorithm::Ed25519,
        ids::ED448 => KeyAlgorithm::Ed448,
        ids::GOST_R3410_2001 | ids::GOST_R3410_2012_256 | ids::GOST_R3410_2012_512 => {
            let key_type = match *alg {
                ids::GOST_R3410_2001 => GostKeyType::R3410_2001,
                ids::GOST_R3410_2012_256 => GostKeyType::R3410_2012_256,
                _ => GostKeyType::R3410_2012_512,
            };
            let params = params.and_then(|p| p.decode_as::<GostKeyParameters>().ok());
            KeyAlgorithm::Gost {
                key_type,
                param_set: params.as_ref().map(|p| p.public_key_param_set),
                digest_param_set: params.and_then(|p| p.digest_param_set),
            }
        }
        ids::DSTU4145_LE | ids::DSTU4145_BE | ids::DSTU4145_ONB_LE | ids::DSTU4145_ONB_BE => {
            KeyAlgorithm::Dstu4145 {
                little_endian: matches!(*alg, ids::DSTU4145_LE | ids::DSTU4145_ONB_LE),
                normal_basis: matches!(*alg, ids::DSTU4145_ONB_LE | ids::DSTU4145_ONB_BE),
                curve: params.and_then(dstu_curve),
            }
        }
        _ => KeyAlgorithm::Unknown,
    }
}

fn rsa_modulus_bits(key: &[u8]) -> Option<usize> {
    let key = RsaPublicKey::from_der(key).ok()?;
    let bytes = key.modulus.as_bytes();
    let first = *bytes.first()?;
    Some(bytes.len() * 8 - first.leading_zeros() as usize)
}

/// How `DSTU4145Params` give the curve, when they decode.
pub(crate) fn dstu_curve(params: AnyRef<'_>) -> Option<DstuCurve> {
    let params = params.decode_as::<Dstu4145Params<'_>>().ok()?;
    Some(match params.definition {
        CurveDefinition::NamedCurve(oid) => DstuCurve::Named(oid),
        CurveDefinition::EcBinary(binary) => DstuCurve::Explicit {
            field_degree: Some(binary.f.m),
        },
    })
}

fn curve_bits(curve: &ObjectIdentifier) -> Option<usize> {
    match *curve {
        ids::CURVE_P256 => Some(256),
        ids::CURVE_P384 => Some(384),
        ids::CURVE_P521 => Some(521),
        _ => None,
    }
}

/// Field degree m of the named DSTU 4145 curves (DSTU 4145-2002 annex G;
/// their OIDs are signet-crypto's [`NamedCurve::oid`]).
fn dstu_curve_degree(curve: &ObjectIdentifier) -> Option<u32> {
    NamedCurve::from_oid(&curve.to_string()).map(NamedCurve::field_bits)
}
