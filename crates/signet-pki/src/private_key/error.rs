//! Why a private key could not be read: each variant names the rule of the
//! key's format, or the check on its values, that broke.
//!
//! "Malformed" variants are faults of the structure (the ASN.1 reads, but
//! not as the format defines it); "invalid" ones are values that make no
//! usable key. Both read the same to a person who uploaded a key, so the
//! messages start with what kind of fault it is, as they always have.

use signet_crypto::{dstu4145, gost3410};

use crate::signature::SignatureError;

/// Why a private key structure is malformed or its key is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PrivateKeyError {
    /// PKCS#1 `RSAPrivateKey` or SEC1 `ECPrivateKey` given where PKCS#8 was
    /// asked for.
    #[error("malformed private key: a traditional (PKCS#1 / SEC1) key where PKCS#8 was expected")]
    TraditionalForm,
    /// The DER is none of PKCS#8, PKCS#1 `RSAPrivateKey` and SEC1
    /// `ECPrivateKey` (told by their first two elements).
    #[error("malformed private key: not a PKCS#8, PKCS#1 or SEC1 private key")]
    UnknownForm,
    /// A `OneAsymmetricKey` version other than v1 (0) and v2 (1)
    /// ([RFC 5958 section 2]).
    ///
    /// [RFC 5958 section 2]: https://datatracker.ietf.org/doc/html/rfc5958#section-2
    #[error("malformed private key: version {0} (PKCS#8 knows 0 and 1)")]
    Pkcs8Version(u8),
    /// An `ECPrivateKey` version other than ecPrivkeyVer1 (1)
    /// ([RFC 5915 section 3]).
    ///
    /// [RFC 5915 section 3]: https://datatracker.ietf.org/doc/html/rfc5915#section-3
    #[error("malformed private key: EC key version {0} (SEC1 knows 1)")]
    EcVersion(u8),
    /// Neither the PKCS#8 algorithm parameters nor the key's own
    /// `parameters` name the curve ([RFC 5915 section 3]).
    ///
    /// [RFC 5915 section 3]: https://datatracker.ietf.org/doc/html/rfc5915#section-3
    #[error("malformed private key: the EC key names no curve")]
    EcCurveMissing,
    /// The private value is longer than the curve order allows.
    #[error("malformed private key: the EC private key is longer than the curve order")]
    EcScalarTooLong,
    /// AWS-LC refused the EC private value (zero, or not below the order).
    #[error("invalid private key: the EC private key is rejected ({0})")]
    EcKeyRejected(&'static str),
    /// The public point of the EC key could not be derived.
    #[error("invalid private key: the EC public key cannot be computed")]
    EcPublicKeyUncomputable,
    /// The key's own `publicKey` is not the point of its private value.
    #[error("invalid private key: the public key in the EC key does not belong to its private key")]
    EcPublicKeyMismatch,
    /// AWS-LC refused the RSA key (inconsistent, or outside its sizes).
    #[error(
        "invalid private key: the RSA key is rejected ({0}; RSA keys of 2048 to 8192 bits are supported)"
    )]
    RsaKeyRejected(&'static str),
    /// An Ed25519 `CurvePrivateKey` that is not an OCTET STRING of 32
    /// bytes ([RFC 8410 section 7]).
    ///
    /// [RFC 8410 section 7]: https://datatracker.ietf.org/doc/html/rfc8410#section-7
    #[error("malformed private key: an Ed25519 key is an OCTET STRING of 32 bytes")]
    Ed25519SeedLength,
    /// AWS-LC refused the Ed25519 seed.
    #[error("invalid private key: the Ed25519 key is rejected ({0})")]
    Ed25519KeyRejected(&'static str),
    /// The key's own public key is not the one its seed gives.
    #[error("invalid private key: the public key in the Ed25519 key does not belong to its seed")]
    Ed25519PublicKeyMismatch,
    /// The GOST key parameters name no `publicKeyParamSet` ([RFC 9215
    /// section 4.2.1]).
    ///
    /// [RFC 9215 section 4.2.1]: https://datatracker.ietf.org/doc/html/rfc9215#section-4.2.1
    #[error("malformed private key: the GOST key names no parameter set")]
    GostParamSetMissing,
    /// A 256-bit parameter set for a 512-bit key or the converse.
    #[error("malformed private key: the GOST parameter set does not fit the key size")]
    GostParamSetSize,
    /// The INTEGER form of a GOST key is negative or longer than the field.
    #[error("malformed private key: the GOST private key INTEGER is out of range")]
    GostIntegerRange,
    /// The GOST key is in none of the forms gost-engine reads.
    #[error(
        "malformed private key: a GOST key is the little-endian scalar, an OCTET STRING or an INTEGER"
    )]
    GostKeyForm,
    /// The GOST private value is not a key on its curve.
    #[error("invalid private key: the GOST key is not usable ({0})")]
    GostKey(#[source] gost3410::Error),
    /// A DSTU 4145 key without its `DSTU4145Params`.
    #[error("malformed DSTU 4145 private key: the curve parameters are missing")]
    DstuParamsMissing,
    /// A DSTU 4145 private value of zero (DSTU 4145-2002 §9: 0 < d < n).
    #[error("malformed DSTU 4145 private key: the private value is zero")]
    DstuZeroKey,
    /// The `DSTU4145Params` of the key do not give a curve.
    #[error("malformed DSTU 4145 private key: {0}")]
    DstuParams(#[source] SignatureError),
    /// The DSTU 4145 private value is not a key on its curve.
    #[error("malformed DSTU 4145 private key: {0}")]
    DstuKey(#[source] dstu4145::Error),
}
