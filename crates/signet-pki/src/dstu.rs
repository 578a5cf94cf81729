//! DSTU 4145-2002 keys and signatures as certificates and CMS carry them:
//! from `DSTU4145Params` to a [`Curve`], from a SubjectPublicKeyInfo to a
//! [`PublicKey`], and signature verification for the dispatch in
//! [`crate::signature`].
//!
//! ```text
//! DSTU4145Params ::= SEQUENCE {
//!   definition CHOICE { ecbinary ECBinary, namedCurve OBJECT IDENTIFIER },
//!   dke        OCTET STRING (SIZE (64)) OPTIONAL }  -- GOST 28147 S-box, packed
//! ECBinary ::= SEQUENCE {
//!   version [0] EXPLICIT INTEGER DEFAULT 0,
//!   f  BinaryField,           -- SEQUENCE { m INTEGER, CHOICE { k INTEGER,
//!                             --   SEQUENCE { k1, k2, k3 INTEGER } } }
//!   a  INTEGER (0..1),
//!   b  OCTET STRING,
//!   n  INTEGER,
//!   bp OCTET STRING }         -- the base point, compressed
//! ```
//!
//! The structures are those of the Order 1236/5/453 of the Ukrainian
//! Ministry of Justice (2012), as Bouncy Castle's `DSTU4145Params` and
//! jkurwa read them. Under `dstu4145le` (1.2.804.2.1.1.1.1.3.1.1) b, bp,
//! the public key and the signature are little-endian, as signet-crypto
//! takes them; under `dstu4145be` (1.2.804.2.1.1.1.1.3.1.1.1.1) they are
//! big-endian and are byte-reversed here (Bouncy Castle's
//! `BCDSTU4145PublicKey` and `SignatureSpiLe` do the converse).
//!
//! Keys on optimal normal bases carry `dstu4145onb`
//! (1.2.804.2.1.1.1.1.3.1.2, little-endian) or `dstu4145onbbe`
//! (1.2.804.2.1.1.1.1.3.1.2.1.1) and name their curve as
//! `1.2.804.2.1.1.1.1.3.1.2.2.0` … `.4` (M173, M179, M191, M233, M431) or
//! spell it out in `ECBinary`, b and bp then being ONB elements; the
//! algorithm OID decides the basis, as in UAPKI's `dstu4145-params.c`
//! (`dstu_params_type`), and the polynomial in `BinaryField`, which UAPKI
//! writes there too, is not used. The public key, b, bp and the value r
//! of the signature are then ONB elements (see signet-crypto's
//! `dstu4145` module).
//!
//! # The hash
//!
//! The signature algorithm OID names the hash (the OIDs are those of
//! UAPKI's `library/common/pkix/oids.h` and its `SignAlgo` enumerations):
//!
//! | signatureAlgorithm | hash |
//! |---|---|
//! | `dstu4145le` 1.2.804.2.1.1.1.1.3.1.1, `dstu4145be` 1.2.804.2.1.1.1.1.3.1.1.1.1 | GOST 34.311-95 under the key's DKE |
//! | `dstu4145WithDstu7564-256(pb)` 1.2.804.2.1.1.1.1.3.6.1.1 | DSTU 7564 Kupyna-256 |
//! | `dstu4145WithDstu7564-384(pb)` 1.2.804.2.1.1.1.1.3.6.2.1 | Kupyna-384 |
//! | `dstu4145WithDstu7564-512(pb)` 1.2.804.2.1.1.1.1.3.6.3.1 | Kupyna-512 |
//!
//! (`1.2.804.2.1.1.1.1.3.6` is UAPKI's `OID_DSTU4145_WITH_DSTU7564` arc,
//! `.1/.2/.3` the digest size, the last `.1` the polynomial basis.) A CMS
//! signer naming only the key OID gets its hash from digestAlgorithm.
//! The Kupyna OIDs say nothing of byte order: as in UAPKI, whose DSTU 4145
//! code reads little- or big-endian from the key's algorithm OID alone,
//! the key's `dstu4145le`/`dstu4145be` decides it. Whatever the hash, its
//! output bytes are read as a little-endian number (§5.9, low m bits kept):
//! UAPKI's `dstu4145_sign`/`verify` take the hash bytes as they are
//! (`wa_alloc_from_ba`, little-endian) for GOST 34.311-95 and Kupyna alike,
//! and so does Bouncy Castle's `DSTU4145Signer` (it reverses the hash
//! into a big-endian `BigInteger`).
//!
//! GOST 34.311-95 hashes with the S-box of the key's `dke` (DKE №1 when
//! absent): any 64-byte table, unpacked by
//! [`SBox::from_dke`](signet_crypto::gost28147::SBox::from_dke) (the
//! packing of UAPKI's `dke_to_sbox` and gost89's `packSbox`), as Bouncy
//! Castle's DSTU 4145 `SignatureSpi` builds its `GOST3411Digest` from the
//! key's DKE. DKE №1 goes through the `gost94` crate
//! ([`DigestAlgorithm::Gost34311Ua`]), any other table through
//! [`Gost34311`]. A content digest computed beforehand
//! ([`SignedMessage::Digest`]) is a DKE №1 digest, so a key with another
//! DKE needs the signed bytes themselves.
//!
//! A signature is `r‖s` (DSTU 4145-2002 §5.10). A certificate's
//! signatureValue BIT STRING holds it inside a DER OCTET STRING; a CMS
//! SignerInfo.signature OCTET STRING holds it directly (as IIT's library
//! and jkurwa write it). [`verify`] accepts both.

use const_oid::ObjectIdentifier;
use der::asn1::{OctetStringRef, UintRef};
use der::{Choice, Decode, Sequence};
use signet_crypto::DigestAlgorithm;
use signet_crypto::dstu4145::{self, Curve, PublicKey};
use signet_crypto::gost28147::{Gost34311, SBox};

use crate::oid;
use crate::public_key::{KeyAlgorithm, PublicKeyInfo};
use crate::signature::{SignatureError, SignedMessage};

/// DKE №1, packed (64 bytes): the GOST 28147-89 S-box of the DSTU 4145
/// order, the one GOST 34.311-95 uses in signet-crypto's
/// [`DigestAlgorithm::Gost34311Ua`].
pub(crate) const DKE_1: [u8; 64] = [
    0xa9, 0xd6, 0xeb, 0x45, 0xf1, 0x3c, 0x70, 0x82, 0x80, 0xc4, 0x96, 0x7b, 0x23, 0x1f, 0x5e, 0xad,
    0xf6, 0x58, 0xeb, 0xa4, 0xc0, 0x37, 0x29, 0x1d, 0x38, 0xd9, 0x6b, 0xf0, 0x25, 0xca, 0x4e, 0x17,
    0xf8, 0xe9, 0x72, 0x0d, 0xc6, 0x15, 0xb4, 0x3a, 0x28, 0x97, 0x5f, 0x0b, 0xc1, 0xde, 0xa3, 0x64,
    0x38, 0xb5, 0x64, 0xea, 0x2c, 0x17, 0x9f, 0xd0, 0x12, 0x3e, 0x6d, 0xb8, 0xfa, 0xc5, 0x79, 0x04,
];

/// `DSTU4145Params` of the Order 1236/5/453 (the module documentation has
/// the ASN.1): the curve, and the packed S-box of the key's GOST 34.311-95
/// hash.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct Dstu4145Params<'a> {
    pub definition: CurveDefinition<'a>,
    pub dke: Option<&'a OctetStringRef>,
}

/// `CHOICE { ecbinary ECBinary, namedCurve OBJECT IDENTIFIER }`.
#[derive(Clone, Debug, Eq, PartialEq, Choice)]
pub(crate) enum CurveDefinition<'a> {
    NamedCurve(ObjectIdentifier),
    EcBinary(EcBinary<'a>),
}

/// `ECBinary`: a curve spelt out (b and bp in the byte order of the key's
/// algorithm OID, and elements of the basis it names).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct EcBinary<'a> {
    #[asn1(
        context_specific = "0",
        tag_mode = "EXPLICIT",
        default = "Default::default"
    )]
    pub version: u8,
    pub f: BinaryField,
    pub a: u8,
    pub b: &'a OctetStringRef,
    pub n: UintRef<'a>,
    pub bp: &'a OctetStringRef,
}

/// `BinaryField ::= SEQUENCE { m INTEGER, CHOICE { k INTEGER, SEQUENCE
/// { k1, k2, k3 INTEGER } } OPTIONAL }`: the degree and the exponents of
/// the reduction polynomial (an ONB field may leave them out).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct BinaryField {
    pub m: u32,
    pub k: Option<ReductionPolynomial>,
}

/// The middle exponents of a trinomial `x^m + x^k + 1` or a pentanomial
/// `x^m + x^k1 + x^k2 + x^k3 + 1`.
#[derive(Clone, Copy, Debug, Eq, PartialEq, Choice)]
pub(crate) enum ReductionPolynomial {
    Trinomial(u32),
    Pentanomial(Pentanomial),
}

/// `SEQUENCE { k1, k2, k3 INTEGER }`.
#[derive(Clone, Copy, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct Pentanomial {
    pub k1: u32,
    pub k2: u32,
    pub k3: u32,
}

impl ReductionPolynomial {
    fn exponents(self) -> Vec<u32> {
        match self {
            ReductionPolynomial::Trinomial(k) => vec![k],
            ReductionPolynomial::Pentanomial(p) => vec![p.k1, p.k2, p.k3],
        }
    }
}

fn unsupported(what: impl std::fmt::Display) -> SignatureError {
    SignatureError::Unsupported(format!("DSTU 4145 {what}"))
}

fn crypto_error(e: dstu4145::Error) -> SignatureError {
    match e {
        dstu4145::Error::UnsupportedParams(what) => unsupported(format!("parameters: {what}")),
        dstu4145::Error::InvalidSignature => SignatureError::Mismatch,
        other => SignatureError::Dstu4145(other),
    }
}

/// The curve of the DER `DSTU4145Params`. `little_endian` is false under
/// the `dstu4145be` algorithm OID.
pub(crate) fn curve(params_der: &[u8], little_endian: bool) -> Result<Curve, SignatureError> {
    params(params_der, little_endian).map(|(curve, _)| curve)
}

/// The curve and the GOST 34.311-95 S-box (the `dke`, DKE №1 when absent)
/// of the DER `DSTU4145Params`.
pub(crate) fn params(
    params_der: &[u8],
    little_endian: bool,
) -> Result<(Curve, SBox), SignatureError> {
    params_in_basis(params_der, little_endian, false)
}

/// [`params`] for a key whose algorithm OID says whether explicit
/// parameters are in optimal normal basis (`dstu4145onb`, `dstu4145onbbe`).
fn params_in_basis(
    params_der: &[u8],
    little_endian: bool,
    normal_basis: bool,
) -> Result<(Curve, SBox), SignatureError> {
    let params = Dstu4145Params::from_der(params_der)
        .map_err(|e| SignatureError::MalformedDstuParams(Box::new(e)))?;
    let sbox = match params.dke {
        Some(dke) => SBox::from_dke_slice(dke.as_bytes())
            .map_err(|e| SignatureError::DstuDke(Box::new(e)))?,
        None => SBox::UA_DKE_1,
    };
    Ok((
        definition_curve(params.definition, little_endian, normal_basis)?,
        sbox,
    ))
}

/// The curve of `DSTU4145Params.definition`: a named curve or `ECBinary`.
fn definition_curve(
    definition: CurveDefinition<'_>,
    little_endian: bool,
    normal_basis: bool,
) -> Result<Curve, SignatureError> {
    let binary = match definition {
        CurveDefinition::NamedCurve(named) => {
            return Curve::from_oid(&named.to_string())
                .ok_or_else(|| unsupported(format!("curve {}", oid::name_of(&named))));
        }
        CurveDefinition::EcBinary(binary) => binary,
    };
    let m = binary.f.m;
    let (mut b, n, mut bp) = (
        binary.b.as_bytes().to_vec(),
        binary.n.as_bytes(),
        binary.bp.as_bytes().to_vec(),
    );
    if !little_endian {
        b.reverse();
        bp.reverse();
    }
    if normal_basis {
        return Curve::from_onb_params(m, binary.a, &b, n, &bp).map_err(crypto_error);
    }
    let poly = binary
        .f
        .k
        .map(ReductionPolynomial::exponents)
        .ok_or(SignatureError::DstuPolynomialMissing)?;
    Curve::from_params(m, &poly, binary.a, &b, n, &bp).map_err(crypto_error)
}

/// The curve and the GOST 34.311-95 S-box of a DSTU 4145 certificate key.
pub(crate) fn key_params(key: &PublicKeyInfo) -> Result<(Curve, SBox), SignatureError> {
    let KeyAlgorithm::Dstu4145 {
        little_endian,
        normal_basis,
        ..
    } = key.algorithm
    else {
        return Err(SignatureError::NotDstuKey);
    };
    let params_der = key
        .algorithm_parameters
        .as_deref()
        .ok_or(SignatureError::DstuParamsMissing)?;
    params_in_basis(params_der, little_endian, normal_basis)
}

/// The GOST 34.311-95 S-box of a DSTU 4145 certificate key (its `dke`).
pub(crate) fn key_sbox(key: &PublicKeyInfo) -> Result<SBox, SignatureError> {
    key_params(key).map(|(_, sbox)| sbox)
}

/// The public key of a DSTU 4145 SubjectPublicKeyInfo: the compressed
/// point in the OCTET STRING inside the BIT STRING (§6.9).
pub(crate) fn public_key(key: &PublicKeyInfo) -> Result<PublicKey, SignatureError> {
    let (curve, _) = key_params(key)?;
    point_on(key, &curve)
}

/// `dstu4145be` and `dstu4145onbbe` write field elements and signatures
/// big-endian.
fn is_big_endian(key: &PublicKeyInfo) -> bool {
    matches!(
        key.algorithm,
        KeyAlgorithm::Dstu4145 {
            little_endian: false,
            ..
        }
    )
}

fn point_on(key: &PublicKeyInfo, curve: &Curve) -> Result<PublicKey, SignatureError> {
    let mut point = key.key_value().to_vec();
    if is_big_endian(key) {
        point.reverse();
    }
    PublicKey::from_compressed(curve, &point).map_err(crypto_error)
}

/// The hash a DSTU 4145 signature over `message` signs: GOST 34.311-95
/// under `sbox` (the key's DKE) or Kupyna; see [the module
/// documentation](self#the-hash).
pub(crate) fn message_hash<'a>(
    message: SignedMessage<'a>,
    digest: DigestAlgorithm,
    sbox: &SBox,
) -> Result<std::borrow::Cow<'a, [u8]>, SignatureError> {
    match digest {
        DigestAlgorithm::Gost34311Ua if *sbox != SBox::UA_DKE_1 => match message {
            SignedMessage::Bytes(m) => {
                Ok(std::borrow::Cow::Owned(Gost34311::digest(sbox, m).to_vec()))
            }
            SignedMessage::Digest { .. } => Err(unsupported(
                "signatures over a precomputed GOST 34.311-95 digest when the key's DKE \
                 is not DKE №1 (the digest was made with DKE №1)",
            )),
        },
        DigestAlgorithm::Gost34311Ua
        | DigestAlgorithm::Kupyna256
        | DigestAlgorithm::Kupyna384
        | DigestAlgorithm::Kupyna512 => message.hash(digest),
        other => Err(unsupported(format!("signatures with {}", other.name()))),
    }
}

/// Verifies a DSTU 4145 signature (a certificate's, a CRL's, a CMS
/// signer's) over `message` with `key`, the hash being `digest`.
pub(crate) fn verify(
    key: &PublicKeyInfo,
    digest: DigestAlgorithm,
    message: SignedMessage<'_>,
    signature: &[u8],
) -> Result<(), SignatureError> {
    let (curve, sbox) = key_params(key)?;
    let hash = message_hash(message, digest, &sbox)?;
    let public = point_on(key, &curve)?;
    let big_endian = is_big_endian(key);
    let check = |raw: &[u8]| {
        let mut sig = raw.to_vec();
        if big_endian {
            sig.reverse();
        }
        public.verify_digest(&hash, &sig).map_err(crypto_error)
    };
    // A certificate's BIT STRING wraps r‖s in an OCTET STRING, a CMS
    // signature is r‖s itself; raw bytes that happen to parse as an OCTET
    // STRING are tried as they are too.
    match <&OctetStringRef>::from_der(signature) {
        Ok(inner) => check(inner.as_bytes()).or_else(|e| check(signature).map_err(|_| e)),
        Err(_) => check(signature),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use der::Encode;
    use signet_crypto::dstu4145::NamedCurve;

    fn named_curve(curve: NamedCurve) -> CurveDefinition<'static> {
        CurveDefinition::NamedCurve(ObjectIdentifier::new(curve.oid()).unwrap())
    }

    /// `DSTU4145Params { namedCurve M257, dke }`, DER.
    fn named_params(dke: Option<&[u8]>) -> Vec<u8> {
        Dstu4145Params {
            definition: named_curve(NamedCurve::M257),
            dke: dke.map(|d| OctetStringRef::new(d).unwrap()),
        }
        .to_der()
        .unwrap()
    }

    /// A key on M173 in optimal normal basis and a signature over a hash
    /// with a fixed nonce, both computed with UAPKI's `uapkic` (see
    /// signet-crypto's `dstu4145/onb_tests.rs`): q, h, r‖s little-endian.
    const ONB_Q: &str = "55bfe0bc53081c430b294563569fa08bee5a7fc61005";
    const ONB_H: &str = "64695d02ab562a1f641903a9220fc89cab1e158a77821a4ae7553a6046e0662b";
    const ONB_SIG: &str = "a9c69b402672fcc54ac24db6b8d758f7c03523193705\
                           de125b8f325f01986e1fe0567b4736dddd85bc18da02";

    /// UAPKI's `DSTU4145_M173_ONB_LE` (`dstu4145-params.c`): the M173 ONB
    /// curve spelt out as `ECBinary`, with the pentanomial of the
    /// polynomial-basis M173 in `BinaryField`.
    const UAPKI_M173_ONB_LE: &str = "305c300f020200ad300902010102010202010a020100\
        0416c778e2061b65e6e14057914409a03bf41993137e3d04\
        02160800000000000000000000189b4e67606e3825bb2831\
        041656ea6d4e4b426ecb1719a5ca1843b28940708d8b3b0a";

    fn onb_key(definition: CurveDefinition<'_>, little_endian: bool) -> PublicKeyInfo {
        let params = Dstu4145Params {
            definition,
            dke: None,
        };
        let mut q = hex::decode(ONB_Q).unwrap();
        if !little_endian {
            q.reverse();
        }
        let key = OctetStringRef::new(&q).unwrap().to_der().unwrap();
        PublicKeyInfo {
            algorithm_oid: if little_endian {
                crate::oid::ids::DSTU4145_ONB_LE
            } else {
                crate::oid::ids::DSTU4145_ONB_BE
            },
            algorithm: KeyAlgorithm::Dstu4145 {
                little_endian,
                normal_basis: true,
                curve: None,
            },
            algorithm_parameters: Some(params.to_der().unwrap()),
            subject_public_key: key,
        }
    }

    /// UAPKI's explicit M173 ONB parameters decode and encode back to the
    /// same bytes.
    #[test]
    fn ecbinary_round_trips() {
        let der = hex::decode(UAPKI_M173_ONB_LE).unwrap();
        let CurveDefinition::EcBinary(binary) = CurveDefinition::from_der(&der).unwrap() else {
            panic!("ECBinary expected");
        };
        assert_eq!((binary.version, binary.f.m, binary.a), (0, 173, 0));
        assert_eq!(
            binary.f.k,
            Some(ReductionPolynomial::Pentanomial(Pentanomial {
                k1: 1,
                k2: 2,
                k3: 10
            }))
        );
        assert_eq!(binary.to_der().unwrap(), der);
        let params = named_params(Some(&DKE_1));
        assert_eq!(
            Dstu4145Params::from_der(&params).unwrap().to_der().unwrap(),
            params
        );
    }

    #[test]
    fn onb_keys_verify_uapki_signatures() {
        let named = named_curve(NamedCurve::M173Onb);
        let explicit_le = hex::decode(UAPKI_M173_ONB_LE).unwrap();
        let explicit = CurveDefinition::from_der(&explicit_le).unwrap();
        let h = hex::decode(ONB_H).unwrap();
        for definition in [&named, &explicit] {
            for little_endian in [true, false] {
                let mut b_be;
                let mut bp_be;
                let mut definition = definition.clone();
                if let (false, CurveDefinition::EcBinary(binary)) = (little_endian, &mut definition)
                {
                    // b and bp big-endian under dstu4145onbbe.
                    b_be = binary.b.as_bytes().to_vec();
                    b_be.reverse();
                    bp_be = binary.bp.as_bytes().to_vec();
                    bp_be.reverse();
                    binary.b = OctetStringRef::new(&b_be).unwrap();
                    binary.bp = OctetStringRef::new(&bp_be).unwrap();
                }
                let key = onb_key(definition, little_endian);
                let (curve, _) = key_params(&key).unwrap();
                assert_eq!(curve.named_curve(), Some(dstu4145::NamedCurve::M173Onb));
                let mut sig = hex::decode(ONB_SIG).unwrap();
                if !little_endian {
                    sig.reverse();
                }
                let message = SignedMessage::Digest {
                    algorithm: DigestAlgorithm::Gost34311Ua,
                    value: &h,
                };
                verify(&key, DigestAlgorithm::Gost34311Ua, message, &sig).unwrap();
                sig[3] ^= 1;
                assert!(verify(&key, DigestAlgorithm::Gost34311Ua, message, &sig).is_err());
            }
        }
        // The same explicit parameters under the polynomial-basis OID are
        // another curve, on which the key is not a point of order n.
        let mut pb = onb_key(explicit, true);
        pb.algorithm = KeyAlgorithm::Dstu4145 {
            little_endian: true,
            normal_basis: false,
            curve: None,
        };
        assert!(public_key(&pb).is_err());
    }

    /// The packed DKE №1 constant is signet-crypto's DKE №1 table (which
    /// the `gost94` crate, UAPKI and gost89 define) packed.
    #[test]
    fn dke_1_is_the_packed_table() {
        assert_eq!(SBox::UA_DKE_1.to_dke(), DKE_1);
        assert_eq!(SBox::from_dke(&DKE_1), SBox::UA_DKE_1);
    }

    #[test]
    fn any_dke_names_the_hash_sbox() {
        let (_, sbox) = params(&named_params(None), true).expect("named curve");
        assert_eq!(sbox, SBox::UA_DKE_1);
        let (_, sbox) = params(&named_params(Some(&DKE_1)), true).expect("DKE 1");
        assert_eq!(sbox, SBox::UA_DKE_1);
        let other = SBox::CRYPTOPRO_A.to_dke();
        let (curve, sbox) = params(&named_params(Some(&other)), true).expect("another DKE");
        assert_eq!(sbox, SBox::CRYPTOPRO_A);
        assert_eq!(curve.field_bits(), 257);
        // A DKE that is not 64 bytes is malformed, not a panic.
        assert!(matches!(
            params(&named_params(Some(&[0u8; 63])), true),
            Err(SignatureError::DstuDke(_))
        ));
    }

    /// Under another DKE the GOST 34.311-95 hash changes with the S-box;
    /// Kupyna ignores the DKE; a precomputed DKE №1 digest is refused for
    /// a key with another DKE.
    #[test]
    fn message_hash_follows_the_digest_and_the_dke() {
        let m = SignedMessage::Bytes(b"signet");
        let dke1 = message_hash(m, DigestAlgorithm::Gost34311Ua, &SBox::UA_DKE_1)
            .expect("DKE 1")
            .into_owned();
        assert_eq!(dke1, DigestAlgorithm::Gost34311Ua.digest(b"signet"));
        let other = message_hash(m, DigestAlgorithm::Gost34311Ua, &SBox::CRYPTOPRO_A)
            .expect("another DKE")
            .into_owned();
        assert_eq!(
            other,
            Gost34311::digest(&SBox::CRYPTOPRO_A, b"signet").to_vec()
        );
        assert_ne!(other, dke1);
        for d in [
            DigestAlgorithm::Kupyna256,
            DigestAlgorithm::Kupyna384,
            DigestAlgorithm::Kupyna512,
        ] {
            assert_eq!(
                message_hash(m, d, &SBox::CRYPTOPRO_A)
                    .expect("Kupyna")
                    .into_owned(),
                d.digest(b"signet")
            );
        }
        let precomputed = SignedMessage::Digest {
            algorithm: DigestAlgorithm::Gost34311Ua,
            value: &dke1,
        };
        assert!(matches!(
            message_hash(
                precomputed,
                DigestAlgorithm::Gost34311Ua,
                &SBox::CRYPTOPRO_A
            ),
            Err(SignatureError::Unsupported(_))
        ));
        assert!(matches!(
            message_hash(m, DigestAlgorithm::Sha256, &SBox::UA_DKE_1),
            Err(SignatureError::Unsupported(_))
        ));
    }
}
