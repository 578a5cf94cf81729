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
//! `BCDSTU4145PublicKey` and `SignatureSpiLe` do the converse). Optimal
//! normal bases are not implemented.
//!
//! The hash is GOST 34.311-95 with the S-box of the key's `dke`; only the
//! default DKE №1 (from the DSTU 4145 order, the S-box every certificate in
//! use names) is implemented, any other DKE is refused as not supported.
//!
//! A signature is `r‖s` (DSTU 4145-2002 §5.10). A certificate's
//! signatureValue BIT STRING holds it inside a DER OCTET STRING; a CMS
//! SignerInfo.signature OCTET STRING holds it directly (as IIT's library
//! and jkurwa write it). [`verify`] accepts both.

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, OctetStringRef, UintRef};
use der::{Decode, Reader, Tag, Tagged};
use signet_crypto::DigestAlgorithm;
use signet_crypto::dstu4145::{self, Curve, PublicKey};

use crate::oid::{self, ids};
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

fn invalid(what: impl std::fmt::Display) -> SignatureError {
    SignatureError::Invalid(format!("DSTU 4145: {what}"))
}

fn unsupported(what: impl std::fmt::Display) -> SignatureError {
    SignatureError::Unsupported(format!("DSTU 4145 {what}"))
}

fn crypto_error(e: dstu4145::Error) -> SignatureError {
    match e {
        dstu4145::Error::UnsupportedParams(what) => unsupported(format!("parameters: {what}")),
        dstu4145::Error::InvalidSignature => SignatureError::Mismatch,
        other => invalid(other),
    }
}

/// The curve of the DER `DSTU4145Params`, refusing a DKE other than DKE
/// №1. `little_endian` is false under the `dstu4145be` algorithm OID.
pub(crate) fn curve(params_der: &[u8], little_endian: bool) -> Result<Curve, SignatureError> {
    let malformed = |e: der::Error| invalid(format!("malformed DSTU4145Params: {e}"));
    let params = AnyRef::from_der(params_der).map_err(malformed)?;
    let (definition, dke) = params
        .sequence(|r| {
            let definition: AnyRef<'_> = r.decode()?;
            let dke: Option<&OctetStringRef> = r.decode()?;
            Ok::<_, der::Error>((definition, dke))
        })
        .map_err(malformed)?;
    if let Some(dke) = dke
        && dke.as_bytes() != DKE_1
    {
        return Err(unsupported(
            "keys with a DKE other than DKE №1 (GOST 34.311-95 with another S-box)",
        ));
    }
    if definition.tag() == Tag::ObjectIdentifier {
        let named: ObjectIdentifier = definition.decode_as().map_err(malformed)?;
        return Curve::from_oid(&named.to_string())
            .ok_or_else(|| unsupported(format!("curve {}", oid::name_of(&named))));
    }
    let (m, poly, a, mut b, n, mut bp) = definition
        .sequence(|r| {
            let mut field: AnyRef<'_> = r.decode()?;
            if field.tag().is_context_specific() {
                // version [0] EXPLICIT INTEGER DEFAULT 0
                field = r.decode()?;
            }
            let (m, poly) = field.sequence(|f| {
                let m: u32 = f.decode()?;
                let k: AnyRef<'_> = f.decode()?;
                let poly = if k.tag() == Tag::Integer {
                    vec![k.decode_as::<u32>()?]
                } else {
                    k.sequence(|p| {
                        Ok::<_, der::Error>(vec![p.decode()?, p.decode()?, p.decode()?])
                    })?
                };
                Ok::<_, der::Error>((m, poly))
            })?;
            let a: u8 = r.decode()?;
            let b: &OctetStringRef = r.decode()?;
            let n: UintRef<'_> = r.decode()?;
            let bp: &OctetStringRef = r.decode()?;
            Ok::<_, der::Error>((
                m,
                poly,
                a,
                b.as_bytes().to_vec(),
                n.as_bytes().to_vec(),
                bp.as_bytes().to_vec(),
            ))
        })
        .map_err(malformed)?;
    if !little_endian {
        b.reverse();
        bp.reverse();
    }
    Curve::from_params(m, &poly, a, &b, &n, &bp).map_err(crypto_error)
}

/// The curve of a DSTU 4145 certificate key.
pub(crate) fn key_curve(key: &PublicKeyInfo) -> Result<Curve, SignatureError> {
    let KeyAlgorithm::Dstu4145 {
        little_endian,
        normal_basis,
        ..
    } = key.algorithm
    else {
        return Err(invalid("not a DSTU 4145 key"));
    };
    if normal_basis {
        return Err(unsupported("keys on optimal normal bases"));
    }
    let params = key
        .algorithm_parameters
        .as_deref()
        .ok_or_else(|| invalid("the key has no DSTU4145Params"))?;
    curve(params, little_endian)
}

/// The public key of a DSTU 4145 SubjectPublicKeyInfo: the compressed
/// point in the OCTET STRING inside the BIT STRING (§6.9).
pub(crate) fn public_key(key: &PublicKeyInfo) -> Result<PublicKey, SignatureError> {
    let curve = key_curve(key)?;
    let mut point = key.key_value().to_vec();
    if key.algorithm_oid == ids::DSTU4145_BE {
        point.reverse();
    }
    PublicKey::from_compressed(&curve, &point).map_err(crypto_error)
}

/// Verifies a DSTU 4145 signature (a certificate's, a CRL's, a CMS
/// signer's) over `message` with `key`, the hash being `digest`.
pub(crate) fn verify(
    key: &PublicKeyInfo,
    digest: DigestAlgorithm,
    message: SignedMessage<'_>,
    signature: &[u8],
) -> Result<(), SignatureError> {
    if digest != DigestAlgorithm::Gost34311Ua {
        return Err(unsupported(format!("signatures with {}", digest.name())));
    }
    let public = public_key(key)?;
    let hash = message.hash(digest)?;
    let big_endian = key.algorithm_oid == ids::DSTU4145_BE;
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
