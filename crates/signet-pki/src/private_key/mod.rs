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
use der::asn1::AnyRef;
use der::{Decode, Reader, SliceReader, Tag, TagNumber, Tagged};
use signet_crypto::gost3410::{Curve, SigningKey};
use zeroize::Zeroizing;

use crate::input::{InputKind, decode_one};
use crate::oid::{self, ids};
use crate::{Certificate, GostKeyType, KeyAlgorithm, PkiError};

mod dstu;
pub use dstu::DstuPrivateKey;

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
            .map_err(|e| invalid(format!("the EC private key is rejected ({e})")))
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
            Form::Pkcs1 | Form::Sec1 => Err(malformed(
                "a traditional (PKCS#1 / SEC1) key where PKCS#8 was expected",
            )),
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
        let info = AnyRef::from_der(der).map_err(PkiError::der(WHAT))?;
        let (algorithm, params, private_key, public_key, attributes) = info
            .sequence(|r| {
                let version: u8 = r.decode()?;
                if version > 1 {
                    return Err(der::ErrorKind::Value { tag: Tag::Integer }.into());
                }
                let alg: AnyRef<'_> = r.decode()?;
                let (algorithm, params) = alg.sequence(|ar| {
                    let oid: ObjectIdentifier = ar.decode()?;
                    let params: Option<AnyRef<'_>> = ar.decode()?;
                    Ok::<_, der::Error>((oid, params))
                })?;
                let key: AnyRef<'_> = r.decode()?;
                key.tag().assert_eq(Tag::OctetString)?;
                let mut public_key = None;
                let mut attributes = None;
                while !r.is_finished() {
                    let extra: AnyRef<'_> = r.decode()?;
                    if extra.tag() == context(1, false) {
                        public_key = Some(extra.value().get(1..).unwrap_or_default());
                    } else if extra.tag() == context(0, true) {
                        attributes = Some(extra.value());
                    }
                }
                Ok::<_, der::Error>((algorithm, params, key.value(), public_key, attributes))
            })
            .map_err(PkiError::der(WHAT))?;
        match algorithm {
            ids::RSA_ENCRYPTION => rsa_from_pkcs8(der, private_key).map(PrivateKey::Rsa),
            ids::EC_PUBLIC_KEY => {
                let curve = params
                    .map(|p| p.decode_as::<ObjectIdentifier>())
                    .transpose()
                    .map_err(|_| {
                        PkiError::Unsupported("EC keys with explicit curve parameters".into())
                    })?;
                ec_from_sec1(private_key, curve).map(PrivateKey::Ec)
            }
            ids::ED25519 => ed25519_from(private_key, public_key).map(PrivateKey::Ed25519),
            ids::GOST_R3410_2001 | ids::GOST_R3410_2012_256 | ids::GOST_R3410_2012_512 => {
                gost_from(algorithm, params, private_key).map(PrivateKey::Gost)
            }
            ids::DSTU4145_LE | ids::DSTU4145_BE => {
                DstuPrivateKey::from_pkcs8_parts(algorithm, params, private_key, attributes)
                    .map(PrivateKey::Dstu4145)
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

/// Which DER structure a key is in, told by its first two elements.
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
            _ => return Err(malformed("not a PKCS#8, PKCS#1 or SEC1 private key")),
        })
    }
}

fn context(n: u8, constructed: bool) -> Tag {
    Tag::ContextSpecific {
        constructed,
        number: TagNumber(n.into()),
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn encrypted_pkcs8() -> PkiError {
    PkiError::Unsupported("encrypted PKCS#8".into())
}

fn malformed(reason: &str) -> PkiError {
    PkiError::Ber(format!("malformed private key: {reason}"))
}

fn invalid(reason: String) -> PkiError {
    PkiError::Ber(format!("invalid private key: {reason}"))
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
    let seq = AnyRef::from_der(der).ok()?;
    let mut r = SliceReader::new(seq.value()).ok()?;
    let n: AnyRef<'_> = r.decode().ok()?;
    let e: AnyRef<'_> = r.decode().ok()?;
    (n.tag() == Tag::Integer && e.tag() == Tag::Integer)
        .then(|| (unsigned(n.value()), unsigned(e.value())))
}

/// n and e of a DER `RSAPrivateKey` (`version, n, e, d, …`).
fn rsa_private_public_parts(der: &[u8]) -> Result<(Vec<u8>, Vec<u8>), PkiError> {
    let seq = AnyRef::from_der(der).map_err(PkiError::der(WHAT))?;
    seq.sequence(|r| {
        let _version: AnyRef<'_> = r.decode()?;
        let n: AnyRef<'_> = r.decode()?;
        n.tag().assert_eq(Tag::Integer)?;
        let e: AnyRef<'_> = r.decode()?;
        e.tag().assert_eq(Tag::Integer)?;
        while !r.is_finished() {
            let _: AnyRef<'_> = r.decode()?;
        }
        Ok::<_, der::Error>((unsigned(n.value()).to_vec(), unsigned(e.value()).to_vec()))
    })
    .map_err(PkiError::der(WHAT))
}

fn rsa_from_pkcs8(pkcs8: &[u8], rsa_private_key: &[u8]) -> Result<RsaPrivateKey, PkiError> {
    let (modulus, public_exponent) = rsa_private_public_parts(rsa_private_key)?;
    let key = aws_lc_rs::rsa::PrivateDecryptingKey::from_pkcs8(pkcs8).map_err(|e| {
        invalid(format!(
            "the RSA key is rejected ({e}; RSA keys of 2048 to 8192 bits are supported)"
        ))
    })?;
    Ok(RsaPrivateKey {
        key,
        modulus,
        public_exponent,
    })
}

/// PKCS#1 `RSAPrivateKey` wrapped into PKCS#8 for aws-lc-rs.
fn rsa_from_pkcs1(der: &[u8]) -> Result<RsaPrivateKey, PkiError> {
    // SEQUENCE { INTEGER 0, SEQUENCE { rsaEncryption, NULL }, OCTET STRING }
    const ALG: [u8; 18] = [
        0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01,
        0x01, 0x05, 0x00,
    ];
    let mut octets = Zeroizing::new(Vec::with_capacity(der.len() + 6));
    octets.push(0x04);
    push_len(&mut octets, der.len());
    octets.extend_from_slice(der);
    let mut pkcs8 = Zeroizing::new(Vec::with_capacity(octets.len() + 24));
    pkcs8.push(0x30);
    push_len(&mut pkcs8, ALG.len() + octets.len());
    pkcs8.extend_from_slice(&ALG);
    pkcs8.extend_from_slice(&octets);
    rsa_from_pkcs8(&pkcs8, der)
}

use crate::der_write::push_len;

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

/// `ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING,
/// parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING
/// OPTIONAL }` (RFC 5915 section 3).
fn ec_from_sec1(der: &[u8], curve: Option<ObjectIdentifier>) -> Result<EcPrivateKey, PkiError> {
    let seq = AnyRef::from_der(der).map_err(PkiError::der(WHAT))?;
    let (scalar, own_curve, public) = seq
        .sequence(|r| {
            let version: u8 = r.decode()?;
            if version != 1 {
                return Err(der::ErrorKind::Value { tag: Tag::Integer }.into());
            }
            let key: AnyRef<'_> = r.decode()?;
            key.tag().assert_eq(Tag::OctetString)?;
            let mut own_curve = None;
            let mut public = None;
            while !r.is_finished() {
                let field: AnyRef<'_> = r.decode()?;
                if field.tag() == context(0, true) {
                    own_curve = AnyRef::from_der(field.value())?
                        .decode_as::<ObjectIdentifier>()
                        .ok();
                } else if field.tag() == context(1, true) {
                    let bits: AnyRef<'_> = AnyRef::from_der(field.value())?;
                    bits.tag().assert_eq(Tag::BitString)?;
                    public = Some(bits.value().get(1..).unwrap_or_default());
                }
            }
            Ok::<_, der::Error>((key.value(), own_curve, public))
        })
        .map_err(PkiError::der(WHAT))?;
    let curve = curve
        .or(own_curve)
        .ok_or_else(|| malformed("the EC key names no curve"))?;
    let len = ec_scalar_len(&curve).ok_or_else(|| unsupported_curve(&curve))?;
    let value = unsigned(scalar);
    if value.len() > len {
        return Err(malformed(
            "the EC private key is longer than the curve order",
        ));
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
        .map_err(|_| invalid("the EC public key cannot be computed".into()))?;
    if let Some(public) = public
        && !ec_point_matches(computed.as_ref(), public)
    {
        return Err(invalid(
            "the public key in the EC key does not belong to its private key".into(),
        ));
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

fn ed25519_from(private_key: &[u8], public: Option<&[u8]>) -> Result<Ed25519PrivateKey, PkiError> {
    let inner = AnyRef::from_der(private_key).map_err(PkiError::der(WHAT))?;
    if inner.tag() != Tag::OctetString || inner.value().len() != 32 {
        return Err(malformed("an Ed25519 key is an OCTET STRING of 32 bytes"));
    }
    let mut seed = Zeroizing::new([0u8; 32]);
    seed.copy_from_slice(inner.value());
    let pair = aws_lc_rs::signature::Ed25519KeyPair::from_seed_unchecked(seed.as_slice())
        .map_err(|e| invalid(format!("the Ed25519 key is rejected ({e})")))?;
    let mut derived = [0u8; 32];
    derived.copy_from_slice(aws_lc_rs::signature::KeyPair::public_key(&pair).as_ref());
    if public.is_some_and(|p| p != derived) {
        return Err(invalid(
            "the public key in the Ed25519 key does not belong to its seed".into(),
        ));
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
        .and_then(|p| {
            p.sequence(|r| {
                let first: ObjectIdentifier = r.decode()?;
                while !r.is_finished() {
                    let _: AnyRef<'_> = r.decode()?;
                }
                Ok::<_, der::Error>(first)
            })
            .ok()
        })
        .ok_or_else(|| malformed("the GOST key names no parameter set"))?;
    let curve = crate::signature::gost_curve(&param_set).ok_or_else(|| {
        PkiError::Unsupported(format!("GOST parameter set {}", oid::name_of(&param_set)))
    })?;
    let expected = match key_type {
        GostKeyType::R3410_2012_512 => 64,
        _ => 32,
    };
    if curve.field_len() != expected {
        return Err(malformed(
            "the GOST parameter set does not fit the key size",
        ));
    }
    let le = gost_scalar_le(private_key, expected)?;
    let key = SigningKey::from_le_bytes(curve, &le)
        .map_err(|e| invalid(format!("the GOST key is not usable ({e})")))?;
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
                return Err(malformed("the GOST private key INTEGER is out of range"));
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
        _ => Err(malformed(
            "a GOST key is the little-endian scalar, an OCTET STRING or an INTEGER",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gost_scalar_forms() {
        let raw: Vec<u8> = (1..=32).collect();
        assert_eq!(*gost_scalar_le(&raw, 32).unwrap(), raw);
        let mut octet = vec![0x04, 0x20];
        octet.extend_from_slice(&raw);
        assert_eq!(*gost_scalar_le(&octet, 32).unwrap(), raw);
        // INTEGER: the number itself, big-endian in DER.
        let mut int = vec![0x02, 0x20];
        int.extend(raw.iter().rev());
        assert_eq!(*gost_scalar_le(&int, 32).unwrap(), raw);
        assert!(matches!(
            gost_scalar_le(&[0u8; 64], 32),
            Err(PkiError::Unsupported(_))
        ));
        assert!(gost_scalar_le(&[0x05, 0x00], 32).is_err());
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
