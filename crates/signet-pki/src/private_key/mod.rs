//! Private keys: unencrypted PKCS#8 ([RFC 5208] section 5, [RFC 5958]
//! section 2) for RSA, EC (P-256, P-384, P-521), Ed25519 and GOST R
//! 34.10-2001/2012, and the traditional OpenSSL forms PKCS#1
//! `RSAPrivateKey` ([RFC 8017] appendix A.1.2) and SEC1 `ECPrivateKey`
//! ([RFC 5915] section 3).
//!
//! ```text
//! OneAsymmetricKey ::= SEQUENCE {
//!   version                   Version,
//!   privateKeyAlgorithm       PrivateKeyAlgorithmIdentifier,
//!   privateKey                PrivateKey,          -- OCTET STRING
//!   attributes            [0] Attributes OPTIONAL,
//!   ...,
//!   [[2: publicKey        [1] PublicKey OPTIONAL ]] }
//! ```
//!
//! The contents of `privateKey` per algorithm:
//! - RSA: `RSAPrivateKey`; the key is handed to aws-lc-rs, which keeps it in
//!   memory that AWS-LC clears when it is freed.
//! - EC: `ECPrivateKey`, the curve named in the algorithm parameters (or in
//!   the key's own `[0] parameters`).
//! - Ed25519: `CurvePrivateKey ::= OCTET STRING` of the 32-byte seed
//!   ([RFC 8410] section 7). Ed25519 keys sign; they are parsed so that a
//!   caller gets a clear answer, not to decrypt.
//! - GOST R 34.10-2001/2012 ([RFC 9215] section 4, [RFC 4491]): the
//!   parameters are `SEQUENCE { publicKeyParamSet, digestParamSet OPTIONAL,
//!   encryptionParamSet OPTIONAL }`; the key is, as gost-engine's
//!   `priv_decode_gost` reads it, either the bare little-endian scalar (what
//!   `openssl genpkey` writes today), an OCTET STRING holding it (older
//!   engines, and the engine's `GOST_PK_FORMAT` wrap option) or an INTEGER
//!   holding the number itself (gost-engine 1.0). CryptoPro's masked form
//!   (`d·mask₁·…` with the masks appended, or `MASKED_GOST_KEY`) is refused
//!   as not supported.
//!
//! - DSTU 4145-2002 (Ukraine): the same PKCS#8 shape as IIT and the
//!   `jkurwa` library write it (see [`dstu`]).
//!
//! Encrypted keys (`ENCRYPTED PRIVATE KEY`) are opened with their password
//! by [`crate::keystore`]; here they, and PEM with `Proc-Type:
//! 4,ENCRYPTED`, are refused with "not supported". Secret material read here lives in [`Zeroizing`] buffers
//! or in aws-lc-rs key objects, and no `Debug` output shows it.
//!
//! [RFC 5208]: https://datatracker.ietf.org/doc/html/rfc5208#section-5
//! [RFC 5958]: https://datatracker.ietf.org/doc/html/rfc5958#section-2
//! [RFC 8017]: https://datatracker.ietf.org/doc/html/rfc8017#appendix-A.1.2
//! [RFC 5915]: https://datatracker.ietf.org/doc/html/rfc5915#section-3
//! [RFC 8410]: https://datatracker.ietf.org/doc/html/rfc8410#section-7
//! [RFC 9215]: https://datatracker.ietf.org/doc/html/rfc9215#section-4
//! [RFC 4491]: https://datatracker.ietf.org/doc/html/rfc4491

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, OctetStringRef};
use der::{Decode, Encode, Reader, SliceReader, Tag, Tagged};
use signet_crypto::gost3410::{Curve, SigningKey};
use spki::AlgorithmIdentifierRef;
use zeroize::Zeroizing;

use crate::input::{InputKind, decode_one};
use crate::oid::{self, ids};
use crate::public_key::{GostKeyParameters, RsaPublicKey};
use crate::{Certificate, GostKeyType, KeyAlgorithm, PkiError};

pub(crate) mod asn1;
mod dstu;
mod error;
pub use dstu::DstuPrivateKey;
pub use error::PrivateKeyError;

/// Input limits for private keys: 64 KiB in any form (an RSA-16384 key in
/// PEM is under 13 KiB), one key.
pub const PRIVATE_KEY_INPUT: InputKind = InputKind {
    what: "private key",
    pem_labels: &[
        "PRIVATE KEY",
        "RSA PRIVATE KEY",
        "EC PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY",
    ],
    max_input: 64 << 10,
    max_objects: 1,
};

const WHAT: &str = "private key";

/// A private key of one of the types signet's users hold.
#[derive(Debug)]
#[non_exhaustive]
pub enum PrivateKey {
    /// An RSA key.
    Rsa(RsaPrivateKey),
    /// An elliptic-curve key on P-256, P-384 or P-521.
    Ec(EcPrivateKey),
    /// An Ed25519 key (signing only).
    Ed25519(Ed25519PrivateKey),
    /// A GOST R 34.10-2001 or 34.10-2012 key.
    Gost(GostPrivateKey),
    /// A DSTU 4145-2002 key.
    Dstu4145(DstuPrivateKey),
}

/// An RSA private key, held by aws-lc-rs.
pub struct RsaPrivateKey {
    key: aws_lc_rs::rsa::PrivateDecryptingKey,
    modulus: Vec<u8>,
    public_exponent: Vec<u8>,
}

impl core::fmt::Debug for RsaPrivateKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RsaPrivateKey")
            .field("modulus_bits", &self.modulus_bits())
            .finish_non_exhaustive()
    }
}

impl RsaPrivateKey {
    /// The aws-lc-rs key, for decryption.
    pub fn decrypting_key(&self) -> &aws_lc_rs::rsa::PrivateDecryptingKey {
        &self.key
    }

    /// Size of the modulus in bits.
    pub fn modulus_bits(&self) -> usize {
        let first = self.modulus.first().copied().unwrap_or(0);
        self.modulus.len() * 8 - first.leading_zeros() as usize
    }

    /// The modulus n, big-endian without leading zeros.
    pub fn modulus(&self) -> &[u8] {
        &self.modulus
    }
}

/// An elliptic-curve private key on a NIST prime curve.
pub struct EcPrivateKey {
    curve: ObjectIdentifier,
    scalar: Zeroizing<Vec<u8>>,
    public_point: Vec<u8>,
}

impl core::fmt::Debug for EcPrivateKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("EcPrivateKey")
            .field("curve", &oid::name_of(&self.curve))
            .finish_non_exhaustive()
    }
}

impl EcPrivateKey {
    /// The named curve (`ids::CURVE_P256`, …).
    pub fn curve(&self) -> ObjectIdentifier {
        self.curve
    }

    /// The public point, uncompressed SEC1 (`04 ‖ X ‖ Y`).
    pub fn public_point(&self) -> &[u8] {
        &self.public_point
    }

    /// The ECDH algorithm of aws-lc-rs for the curve.
    pub fn agreement_algorithm(&self) -> Option<&'static aws_lc_rs::agreement::Algorithm> {
        ecdh_algorithm(&self.curve)
    }

    /// The key as an aws-lc-rs ECDH private key.
    pub fn agreement_key(&self) -> Result<aws_lc_rs::agreement::PrivateKey, PkiError> {
        let alg = self
            .agreement_algorithm()
            .ok_or_else(|| unsupported_curve(&self.curve))?;
        aws_lc_rs::agreement::PrivateKey::from_private_key(alg, &self.scalar)
            .map_err(|e| PrivateKeyError::EcKeyRejected(e.description_()).into())
    }
}

/// An Ed25519 private key.
pub struct Ed25519PrivateKey {
    seed: Zeroizing<[u8; 32]>,
    public: [u8; 32],
}

impl core::fmt::Debug for Ed25519PrivateKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Ed25519PrivateKey")
            .field("public", &hex::encode(self.public))
            .finish_non_exhaustive()
    }
}

impl Ed25519PrivateKey {
    /// The public key.
    pub fn public_key(&self) -> &[u8; 32] {
        &self.public
    }

    /// The 32-byte seed (RFC 8032 section 5.1.5).
    pub fn seed(&self) -> &[u8; 32] {
        &self.seed
    }
}

/// A GOST R 34.10-2001/2012 private key with the identifiers of its
/// algorithm and parameter set.
#[derive(Debug)]
pub struct GostPrivateKey {
    key_type: GostKeyType,
    param_set: ObjectIdentifier,
    key: SigningKey,
}

impl GostPrivateKey {
    /// GOST R 34.10-2001, 2012-256 or 2012-512.
    pub fn key_type(&self) -> GostKeyType {
        self.key_type
    }

    /// The publicKeyParamSet OID.
    pub fn param_set(&self) -> ObjectIdentifier {
        self.param_set
    }

    /// The key itself.
    pub fn signing_key(&self) -> &SigningKey {
        &self.key
    }
}

impl PrivateKey {
    /// Parses a private key given as PEM (`PRIVATE KEY`, `RSA PRIVATE KEY`,
    /// `EC PRIVATE KEY`), DER or bare base64.
    pub fn parse(input: &[u8]) -> Result<Self, PkiError> {
        if contains(input, b"Proc-Type: 4,ENCRYPTED") {
            return Err(PkiError::Unsupported(
                "encrypted PEM private keys (Proc-Type: 4,ENCRYPTED)".into(),
            ));
        }
        let der = Zeroizing::new(decode_one(input, &PRIVATE_KEY_INPUT)?);
        Self::from_der(&der)
    }

    /// Parses a PEM private key; the same as [`PrivateKey::parse`].
    pub fn from_pem(pem: &[u8]) -> Result<Self, PkiError> {
        Self::parse(pem)
    }

    /// Parses a DER `PrivateKeyInfo` / `OneAsymmetricKey` (PKCS#8).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, PkiError> {
        match Form::of(der)? {
            Form::Pkcs8 => Self::from_pkcs8(der),
            Form::EncryptedPkcs8 => Err(encrypted_pkcs8()),
            Form::Pkcs1 | Form::Sec1 => Err(PrivateKeyError::TraditionalForm.into()),
        }
    }

    /// Parses DER of any supported form: PKCS#8, PKCS#1 `RSAPrivateKey` or
    /// SEC1 `ECPrivateKey`.
    pub fn from_der(der: &[u8]) -> Result<Self, PkiError> {
        if der.len() > PRIVATE_KEY_INPUT.max_input {
            return Err(PkiError::TooLarge {
                what: WHAT,
                len: der.len(),
                limit: PRIVATE_KEY_INPUT.max_input,
            });
        }
        match Form::of(der)? {
            Form::Pkcs8 => Self::from_pkcs8(der),
            Form::EncryptedPkcs8 => Err(encrypted_pkcs8()),
            Form::Pkcs1 => rsa_from_pkcs1(der).map(PrivateKey::Rsa),
            Form::Sec1 => ec_from_sec1(der, None).map(PrivateKey::Ec),
        }
    }

    fn from_pkcs8(der: &[u8]) -> Result<Self, PkiError> {
        let info = asn1::OneAsymmetricKey::from_der(der).map_err(PkiError::der(WHAT))?;
        if info.version > 1 {
            return Err(PrivateKeyError::Pkcs8Version(info.version).into());
        }
        let AlgorithmIdentifierRef {
            oid: algorithm,
            parameters,
        } = info.private_key_algorithm;
        let private_key = info.private_key.as_bytes();
        match algorithm {
            ids::RSA_ENCRYPTION => rsa_from_pkcs8(der, private_key).map(PrivateKey::Rsa),
            ids::EC_PUBLIC_KEY => {
                let curve = parameters
                    .map(|p| p.decode_as::<ObjectIdentifier>())
                    .transpose()
                    .map_err(|_| {
                        PkiError::Unsupported("EC keys with explicit curve parameters".into())
                    })?;
                ec_from_sec1(private_key, curve).map(PrivateKey::Ec)
            }
            ids::ED25519 => {
                let public = info.public_key.map(|k| k.raw_bytes());
                ed25519_from(private_key, public).map(PrivateKey::Ed25519)
            }
            ids::GOST_R3410_2001 | ids::GOST_R3410_2012_256 | ids::GOST_R3410_2012_512 => {
                gost_from(algorithm, parameters, private_key).map(PrivateKey::Gost)
            }
            ids::DSTU4145_LE | ids::DSTU4145_BE => {
                DstuPrivateKey::from_pkcs8(&info).map(PrivateKey::Dstu4145)
            }
            other => Err(PkiError::Unsupported(format!(
                "{} private keys",
                oid::name_of(&other)
            ))),
        }
    }

    /// A short name of the key type ("RSA-2048", "EC P-256", "Ed25519",
    /// "GOST R 34.10-2012 (256)").
    pub fn description(&self) -> String {
        match self {
            PrivateKey::Rsa(k) => format!("RSA-{}", k.modulus_bits()),
            PrivateKey::Ec(k) => format!("EC {}", oid::name_of(&k.curve)),
            PrivateKey::Ed25519(_) => "Ed25519".into(),
            PrivateKey::Gost(k) => match k.key_type {
                GostKeyType::R3410_2001 => "GOST R 34.10-2001".into(),
                GostKeyType::R3410_2012_256 => "GOST R 34.10-2012 (256)".into(),
                GostKeyType::R3410_2012_512 => "GOST R 34.10-2012 (512)".into(),
            },
            PrivateKey::Dstu4145(k) => k.description(),
        }
    }

    /// Whether this is the private key of `cert`'s public key: the same
    /// algorithm, curve or parameter set, and public value.
    pub fn matches(&self, cert: &Certificate) -> bool {
        let public = &cert.fields().public_key;
        match (self, &public.algorithm) {
            (PrivateKey::Rsa(k), KeyAlgorithm::Rsa { .. }) => {
                rsa_public_parts(&public.subject_public_key).is_some_and(|(n, e)| {
                    n == k.modulus.as_slice() && e == k.public_exponent.as_slice()
                })
            }
            (PrivateKey::Ec(k), KeyAlgorithm::Ec { curve }) => {
                *curve == Some(k.curve) && ec_point_matches(&k.public_point, public.key_value())
            }
            (PrivateKey::Ed25519(k), KeyAlgorithm::Ed25519) => {
                public.subject_public_key == k.public
            }
            (
                PrivateKey::Gost(k),
                KeyAlgorithm::Gost {
                    key_type,
                    param_set,
                    ..
                },
            ) => {
                *key_type == k.key_type
                    && param_set
                        .and_then(|p| crate::signature::gost_curve(&p))
                        .is_some_and(|c| same_curve(c, k.key.curve()))
                    && public.key_value() == k.key.public_key().as_le_bytes()
            }
            (PrivateKey::Dstu4145(k), KeyAlgorithm::Dstu4145 { .. }) => k.matches(public),
            _ => false,
        }
    }
}

/// Whether two GOST parameter sets are the same curve: TC26 256-bit B, C
/// and D repeat CryptoPro A, B and C, and the exchange sets XchA and XchB
/// repeat CryptoPro A and C (RFC 9215 section 4, RFC 4357 section 11.4).
fn same_curve(a: Curve, b: Curve) -> bool {
    fn canonical(c: Curve) -> Curve {
        match c {
            Curve::Tc26Gost256B | Curve::CryptoProXchA => Curve::CryptoProA,
            Curve::Tc26Gost256C => Curve::CryptoProB,
            Curve::Tc26Gost256D | Curve::CryptoProXchB => Curve::CryptoProC,
            other => other,
        }
    }
    canonical(a) == canonical(b)
}

/// Which DER structure a key is in, told by the tags of its first two
/// elements (the four structures differ there, and nowhere earlier).
enum Form {
    Pkcs8,
    EncryptedPkcs8,
    Pkcs1,
    Sec1,
}

impl Form {
    fn of(der: &[u8]) -> Result<Form, PkiError> {
        let outer = AnyRef::from_der(der).map_err(PkiError::der(WHAT))?;
        outer
            .tag()
            .assert_eq(Tag::Sequence)
            .map_err(PkiError::der(WHAT))?;
        let mut r = SliceReader::new(outer.value()).map_err(PkiError::der(WHAT))?;
        let first: AnyRef<'_> = r.decode().map_err(PkiError::der(WHAT))?;
        let second: AnyRef<'_> = r.decode().map_err(PkiError::der(WHAT))?;
        Ok(match (first.tag(), second.tag()) {
            (Tag::Integer, Tag::Sequence) => Form::Pkcs8,
            (Tag::Sequence, Tag::OctetString) => Form::EncryptedPkcs8,
            (Tag::Integer, Tag::Integer) => Form::Pkcs1,
            (Tag::Integer, Tag::OctetString) => Form::Sec1,
            _ => return Err(PrivateKeyError::UnknownForm.into()),
        })
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn encrypted_pkcs8() -> PkiError {
    PkiError::Unsupported("encrypted PKCS#8".into())
}

fn unsupported_curve(curve: &ObjectIdentifier) -> PkiError {
    PkiError::Unsupported(format!("EC keys on {}", oid::name_of(curve)))
}

/// The unsigned big-endian value of an INTEGER's content octets.
fn unsigned(bytes: &[u8]) -> &[u8] {
    let skip = bytes.iter().take_while(|&&b| b == 0).count();
    &bytes[skip.min(bytes.len().saturating_sub(1))..]
}

/// n and e of a DER `RSAPublicKey`.
fn rsa_public_parts(der: &[u8]) -> Option<(&[u8], &[u8])> {
    let key = RsaPublicKey::from_der(der).ok()?;
    Some((key.modulus.as_bytes(), key.public_exponent.as_bytes()))
}

fn rsa_from_pkcs8(pkcs8: &[u8], rsa_private_key: &[u8]) -> Result<RsaPrivateKey, PkiError> {
    let parts = asn1::RsaPrivateKey::from_der(rsa_private_key).map_err(PkiError::der(WHAT))?;
    let modulus = parts.modulus.as_bytes().to_vec();
    let public_exponent = parts.public_exponent.as_bytes().to_vec();
    let key = aws_lc_rs::rsa::PrivateDecryptingKey::from_pkcs8(pkcs8)
        .map_err(|e| PrivateKeyError::RsaKeyRejected(e.description_()))?;
    Ok(RsaPrivateKey {
        key,
        modulus,
        public_exponent,
    })
}

/// PKCS#1 `RSAPrivateKey` wrapped into PKCS#8 for aws-lc-rs: rsaEncryption
/// with NULL parameters ([RFC 8017 appendix A.1]).
///
/// [RFC 8017 appendix A.1]: https://datatracker.ietf.org/doc/html/rfc8017#appendix-A.1
fn rsa_from_pkcs1(der: &[u8]) -> Result<RsaPrivateKey, PkiError> {
    let info = asn1::OneAsymmetricKey {
        version: 0,
        private_key_algorithm: AlgorithmIdentifierRef {
            oid: ids::RSA_ENCRYPTION,
            parameters: Some(AnyRef::NULL),
        },
        private_key: OctetStringRef::new(der).map_err(PkiError::der(WHAT))?,
        attributes: None,
        public_key: None,
    };
    let pkcs8 = Zeroizing::new(info.to_der().map_err(PkiError::der(WHAT))?);
    rsa_from_pkcs8(&pkcs8, der)
}

pub(crate) fn ecdh_algorithm(
    curve: &ObjectIdentifier,
) -> Option<&'static aws_lc_rs::agreement::Algorithm> {
    match *curve {
        ids::CURVE_P256 => Some(&aws_lc_rs::agreement::ECDH_P256),
        ids::CURVE_P384 => Some(&aws_lc_rs::agreement::ECDH_P384),
        ids::CURVE_P521 => Some(&aws_lc_rs::agreement::ECDH_P521),
        _ => None,
    }
}

fn ec_scalar_len(curve: &ObjectIdentifier) -> Option<usize> {
    match *curve {
        ids::CURVE_P256 => Some(32),
        ids::CURVE_P384 => Some(48),
        ids::CURVE_P521 => Some(66),
        _ => None,
    }
}

/// The key of an `ECPrivateKey` ([`asn1::EcPrivateKey`]) on `curve`, or
/// on the curve its own parameters name.
fn ec_from_sec1(der: &[u8], curve: Option<ObjectIdentifier>) -> Result<EcPrivateKey, PkiError> {
    let sec1 = asn1::EcPrivateKey::from_der(der).map_err(PkiError::der(WHAT))?;
    if sec1.version != 1 {
        return Err(PrivateKeyError::EcVersion(sec1.version).into());
    }
    let own_curve = sec1
        .parameters
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    let curve = curve.or(own_curve).ok_or(PrivateKeyError::EcCurveMissing)?;
    let len = ec_scalar_len(&curve).ok_or_else(|| unsupported_curve(&curve))?;
    let value = unsigned(sec1.private_key.as_bytes());
    if value.len() > len {
        return Err(PrivateKeyError::EcScalarTooLong.into());
    }
    let mut padded = Zeroizing::new(vec![0u8; len]);
    padded[len - value.len()..].copy_from_slice(value);
    let mut key = EcPrivateKey {
        curve,
        scalar: padded,
        public_point: Vec::new(),
    };
    let computed = key
        .agreement_key()?
        .compute_public_key()
        .map_err(|_| PrivateKeyError::EcPublicKeyUncomputable)?;
    if let Some(public) = sec1.public_key
        && !ec_point_matches(computed.as_ref(), public.raw_bytes())
    {
        return Err(PrivateKeyError::EcPublicKeyMismatch.into());
    }
    key.public_point = computed.as_ref().to_vec();
    Ok(key)
}

/// Whether an uncompressed point equals `other`, given uncompressed or
/// compressed (SEC1 section 2.3.3).
fn ec_point_matches(uncompressed: &[u8], other: &[u8]) -> bool {
    match other.first() {
        Some(0x04) => uncompressed == other,
        Some(&prefix @ (0x02 | 0x03)) => {
            let coord = (uncompressed.len().saturating_sub(1)) / 2;
            uncompressed.len() == 1 + 2 * coord
                && other.len() == 1 + coord
                && uncompressed[1..=coord] == other[1..]
                && (uncompressed.last().copied().unwrap_or(0) & 1) == (prefix & 1)
        }
        _ => false,
    }
}

/// `CurvePrivateKey ::= OCTET STRING` ([RFC 8410 section 7]).
///
/// [RFC 8410 section 7]: https://datatracker.ietf.org/doc/html/rfc8410#section-7
fn ed25519_from(private_key: &[u8], public: Option<&[u8]>) -> Result<Ed25519PrivateKey, PkiError> {
    let inner = <&OctetStringRef>::from_der(private_key).map_err(PkiError::der(WHAT))?;
    let mut seed = Zeroizing::new([0u8; 32]);
    if inner.as_bytes().len() != seed.len() {
        return Err(PrivateKeyError::Ed25519SeedLength.into());
    }
    seed.copy_from_slice(inner.as_bytes());
    let pair = aws_lc_rs::signature::Ed25519KeyPair::from_seed_unchecked(seed.as_slice())
        .map_err(|e| PrivateKeyError::Ed25519KeyRejected(e.description_()))?;
    let mut derived = [0u8; 32];
    derived.copy_from_slice(aws_lc_rs::signature::KeyPair::public_key(&pair).as_ref());
    if public.is_some_and(|p| p != derived) {
        return Err(PrivateKeyError::Ed25519PublicKeyMismatch.into());
    }
    Ok(Ed25519PrivateKey {
        seed,
        public: derived,
    })
}

/// The GOST key as gost-engine's `priv_decode_gost` reads it.
fn gost_from(
    algorithm: ObjectIdentifier,
    params: Option<AnyRef<'_>>,
    private_key: &[u8],
) -> Result<GostPrivateKey, PkiError> {
    let key_type = match algorithm {
        ids::GOST_R3410_2001 => GostKeyType::R3410_2001,
        ids::GOST_R3410_2012_256 => GostKeyType::R3410_2012_256,
        _ => GostKeyType::R3410_2012_512,
    };
    let param_set = params
        .and_then(|p| p.decode_as::<GostKeyParameters>().ok())
        .map(|p| p.public_key_param_set)
        .ok_or(PrivateKeyError::GostParamSetMissing)?;
    let curve = crate::signature::gost_curve(&param_set).ok_or_else(|| {
        PkiError::Unsupported(format!("GOST parameter set {}", oid::name_of(&param_set)))
    })?;
    let expected = match key_type {
        GostKeyType::R3410_2012_512 => 64,
        _ => 32,
    };
    if curve.field_len() != expected {
        return Err(PrivateKeyError::GostParamSetSize.into());
    }
    let le = gost_scalar_le(private_key, expected)?;
    let key = SigningKey::from_le_bytes(curve, &le).map_err(PrivateKeyError::GostKey)?;
    Ok(GostPrivateKey {
        key_type,
        param_set,
        key,
    })
}

fn gost_scalar_le(value: &[u8], expected: usize) -> Result<Zeroizing<Vec<u8>>, PkiError> {
    if !value.is_empty() && value.len().is_multiple_of(expected) {
        if value.len() == expected {
            return Ok(Zeroizing::new(value.to_vec()));
        }
        return Err(PkiError::Unsupported(
            "masked GOST private keys (CryptoPro export format)".into(),
        ));
    }
    let inner = AnyRef::from_der(value).map_err(PkiError::der(WHAT))?;
    match inner.tag() {
        Tag::OctetString if inner.value().len() == expected => {
            Ok(Zeroizing::new(inner.value().to_vec()))
        }
        Tag::Integer => {
            let be = unsigned(inner.value());
            if be.len() > expected || inner.value().first().is_some_and(|b| b & 0x80 != 0) {
                return Err(PrivateKeyError::GostIntegerRange.into());
            }
            let mut le = Zeroizing::new(vec![0u8; expected]);
            for (i, b) in be.iter().rev().enumerate() {
                le[i] = *b;
            }
            Ok(le)
        }
        Tag::Sequence => Err(PkiError::Unsupported(
            "masked GOST private keys (MASKED_GOST_KEY)".into(),
        )),
        _ => Err(PrivateKeyError::GostKeyForm.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gost_scalar_forms() {
        let raw: Vec<u8> = (1..=32).collect();
        assert_eq!(*gost_scalar_le(&raw, 32).unwrap(), raw);
        let octet = OctetStringRef::new(&raw).unwrap().to_der().unwrap();
        assert_eq!(*gost_scalar_le(&octet, 32).unwrap(), raw);
        // INTEGER: the number itself, big-endian in DER.
        let be: Vec<u8> = raw.iter().rev().copied().collect();
        let int = der::asn1::UintRef::new(&be).unwrap().to_der().unwrap();
        assert_eq!(*gost_scalar_le(&int, 32).unwrap(), raw);
        assert!(matches!(
            gost_scalar_le(&[0u8; 64], 32),
            Err(PkiError::Unsupported(_))
        ));
        assert!(gost_scalar_le(&[0x05, 0x00], 32).is_err());
    }

    /// PKCS#8 around `private_key` under `algorithm`, version `version`.
    fn pkcs8(version: u8, algorithm: ObjectIdentifier, private_key: &[u8]) -> Vec<u8> {
        asn1::OneAsymmetricKey {
            version,
            private_key_algorithm: AlgorithmIdentifierRef {
                oid: algorithm,
                parameters: None,
            },
            private_key: OctetStringRef::new(private_key).unwrap(),
            attributes: None,
            public_key: None,
        }
        .to_der()
        .unwrap()
    }

    #[test]
    fn structural_faults_name_their_rule() {
        let seed = OctetStringRef::new(&[5; 32]).unwrap().to_der().unwrap();
        assert!(PrivateKey::from_der(&pkcs8(0, ids::ED25519, &seed)).is_ok());
        let fault = |der: &[u8]| match PrivateKey::from_der(der) {
            Err(PkiError::PrivateKey(e)) => e,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            fault(&pkcs8(2, ids::ED25519, &seed)),
            PrivateKeyError::Pkcs8Version(2)
        );
        let short = OctetStringRef::new(&[5; 31]).unwrap().to_der().unwrap();
        assert_eq!(
            fault(&pkcs8(0, ids::ED25519, &short)),
            PrivateKeyError::Ed25519SeedLength
        );
        assert_eq!(
            fault(&pkcs8(0, ids::DSTU4145_LE, &[1; 32])),
            PrivateKeyError::DstuParamsMissing
        );
        assert_eq!(
            fault(&pkcs8(0, ids::GOST_R3410_2012_256, &[1; 32])),
            PrivateKeyError::GostParamSetMissing
        );
        // SEC1 where PKCS#8 was asked for; two INTEGERs then a BOOLEAN is
        // none of the four forms.
        let sec1 = asn1::EcPrivateKey {
            version: 1,
            private_key: OctetStringRef::new(&[1; 32]).unwrap(),
            parameters: None,
            public_key: None,
        }
        .to_der()
        .unwrap();
        assert!(matches!(
            PrivateKey::from_pkcs8_der(&sec1),
            Err(PkiError::PrivateKey(PrivateKeyError::TraditionalForm))
        ));
        assert_eq!(fault(&sec1), PrivateKeyError::EcCurveMissing);
        let odd = [0x30, 0x06, 0x01, 0x01, 0xFF, 0x02, 0x01, 0x00];
        assert_eq!(fault(&odd), PrivateKeyError::UnknownForm);
        assert_eq!(
            PkiError::from(PrivateKeyError::EcCurveMissing).to_string(),
            "malformed encoding: malformed private key: the EC key names no curve"
        );
    }

    #[test]
    fn gost_curve_aliases() {
        assert!(same_curve(Curve::CryptoProA, Curve::Tc26Gost256B));
        assert!(same_curve(Curve::CryptoProXchA, Curve::Tc26Gost256B));
        assert!(same_curve(Curve::CryptoProXchB, Curve::Tc26Gost256D));
        assert!(!same_curve(Curve::CryptoProA, Curve::CryptoProB));
        assert!(!same_curve(Curve::Tc26Gost256A, Curve::CryptoProA));
    }

    #[test]
    fn compressed_points_compare() {
        let mut u = vec![0x04];
        u.extend([1u8; 32]);
        u.extend([3u8; 32]);
        let mut c = vec![0x03];
        c.extend([1u8; 32]);
        assert!(ec_point_matches(&u, &c));
        c[0] = 0x02;
        assert!(!ec_point_matches(&u, &c));
        assert!(ec_point_matches(&u, &u));
        assert!(!ec_point_matches(&u, &[]));
    }
}
