//! The ASN.1 structures of private keys, as `der` derive types that borrow
//! from the input: PKCS#8 `OneAsymmetricKey`, SEC1 `ECPrivateKey`, PKCS#1
//! `RSAPrivateKey`, and the PKCS#9 `Attribute` that PKCS#8 and PKCS#12
//! carry.
//!
//! None of them derives `Debug`: they hold secret values.

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, BitStringRef, OctetStringRef, SetOfVec, UintRef};
use der::{Sequence, ValueOrd};
use spki::AlgorithmIdentifierRef;

/// `OneAsymmetricKey` as defined in [RFC 5958 section 2] (PKCS#8
/// `PrivateKeyInfo`, [RFC 5208 section 5], is its version 0).
///
/// ```text
/// OneAsymmetricKey ::= SEQUENCE {
///   version                   Version,
///   privateKeyAlgorithm       PrivateKeyAlgorithmIdentifier,
///   privateKey                PrivateKey,
///   attributes            [0] Attributes OPTIONAL,
///   ...,
///   [[2: publicKey        [1] PublicKey OPTIONAL ]],
///   ...
/// }
/// Version ::= INTEGER { v1(0), v2(1) } (v1, ..., v2)
/// PrivateKey ::= OCTET STRING
/// Attributes ::= SET OF Attribute { { OneAsymmetricKeyAttributes } }
/// PublicKey ::= BIT STRING
/// ```
///
/// The module is IMPLICIT-tagged. `attributes` is kept in the order read
/// (its tag replaces SET's, so a SEQUENCE OF encodes the same).
///
/// [RFC 5958 section 2]: https://datatracker.ietf.org/doc/html/rfc5958#section-2
/// [RFC 5208 section 5]: https://datatracker.ietf.org/doc/html/rfc5208#section-5
#[derive(Clone, Sequence)]
pub(crate) struct OneAsymmetricKey<'a> {
    pub version: u8,
    pub private_key_algorithm: AlgorithmIdentifierRef<'a>,
    pub private_key: &'a OctetStringRef,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    pub attributes: Option<Vec<Attribute<'a>>>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    pub public_key: Option<BitStringRef<'a>>,
}

/// `Attribute` as defined in [RFC 5912 section 2] (PKCS#9), the form of
/// PKCS#8 attributes and PKCS#12 bag attributes.
///
/// ```text
/// Attribute ::= SEQUENCE {
///   type    ATTRIBUTE.&id({IOSet}),
///   values  SET SIZE(1..MAX) OF ATTRIBUTE.&Type({IOSet}{@type}) }
/// ```
///
/// [RFC 5912 section 2]: https://datatracker.ietf.org/doc/html/rfc5912#section-2
#[derive(Clone, Sequence, ValueOrd)]
pub(crate) struct Attribute<'a> {
    pub r#type: ObjectIdentifier,
    pub values: SetOfVec<AnyRef<'a>>,
}

impl<'a> Attribute<'a> {
    /// The first value of the attribute, if it has any.
    pub fn first_value(&self) -> Option<&AnyRef<'a>> {
        self.values.iter().next()
    }
}

/// `ECPrivateKey` as defined in [RFC 5915 section 3] (SEC1).
///
/// ```text
/// ECPrivateKey ::= SEQUENCE {
///   version        INTEGER { ecPrivkeyVer1(1) } (ecPrivkeyVer1),
///   privateKey     OCTET STRING,
///   parameters [0] ECParameters {{ NamedCurve }} OPTIONAL,
///   publicKey  [1] BIT STRING OPTIONAL
/// }
/// ```
///
/// `parameters` is kept as read: only its `namedCurve` choice is used.
///
/// [RFC 5915 section 3]: https://datatracker.ietf.org/doc/html/rfc5915#section-3
#[derive(Clone, Sequence)]
pub(crate) struct EcPrivateKey<'a> {
    pub version: u8,
    pub private_key: &'a OctetStringRef,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub parameters: Option<AnyRef<'a>>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub public_key: Option<BitStringRef<'a>>,
}

/// `RSAPrivateKey` as defined in [RFC 8017 appendix A.1.2] (PKCS#1).
///
/// ```text
/// RSAPrivateKey ::= SEQUENCE {
///   version           Version,
///   modulus           INTEGER,  -- n
///   publicExponent    INTEGER,  -- e
///   privateExponent   INTEGER,  -- d
///   prime1            INTEGER,  -- p
///   prime2            INTEGER,  -- q
///   exponent1         INTEGER,  -- d mod (p-1)
///   exponent2         INTEGER,  -- d mod (q-1)
///   coefficient       INTEGER,  -- (inverse of q) mod p
///   otherPrimeInfos   OtherPrimeInfos OPTIONAL
/// }
/// Version ::= INTEGER { two-prime(0), multi(1) }
/// ```
///
/// Only n and e are read here (AWS-LC takes the key itself); the other
/// primes of a multi-prime key are kept unparsed.
///
/// [RFC 8017 appendix A.1.2]: https://datatracker.ietf.org/doc/html/rfc8017#appendix-A.1.2
#[derive(Clone, Sequence)]
pub(crate) struct RsaPrivateKey<'a> {
    pub version: u8,
    pub modulus: UintRef<'a>,
    pub public_exponent: UintRef<'a>,
    pub private_exponent: UintRef<'a>,
    pub prime1: UintRef<'a>,
    pub prime2: UintRef<'a>,
    pub exponent1: UintRef<'a>,
    pub exponent2: UintRef<'a>,
    pub coefficient: UintRef<'a>,
    pub other_prime_infos: Option<AnyRef<'a>>,
}

#[cfg(test)]
mod tests {
    use der::{Decode, Encode};

    use super::*;

    /// `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256
    /// -outform DER` (a throwaway key): SEC1 with its curve in [0].
    const EC_SEC1: &str = "307702010104204a8d5b0b4e0c957068f3844177f071f89f8bf182b85f00b891e6\
        42d6c812ea2ca00a06082a8648ce3d030107a14403420004f98c3b3da19ec9f4a16842e5ad64\
        1380f39feb60ce2223d70a3bb18038acaa053eab61816a92e9f833151adcc050ad0708211597\
        faddd2bcda19b601d4aa3094";
    /// The same key after `openssl pkcs8 -topk8 -nocrypt`: the curve moves
    /// to the algorithm parameters.
    const EC_PKCS8: &str = "308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b0201\
        0104204a8d5b0b4e0c957068f3844177f071f89f8bf182b85f00b891e642d6c812ea2ca14403\
        420004f98c3b3da19ec9f4a16842e5ad641380f39feb60ce2223d70a3bb18038acaa053eab61\
        816a92e9f833151adcc050ad0708211597faddd2bcda19b601d4aa3094";

    #[test]
    fn pkcs8_and_sec1_round_trip() {
        let der = hex::decode(EC_PKCS8).expect("hex");
        let info = OneAsymmetricKey::from_der(&der).expect("PKCS#8");
        assert_eq!(info.version, 0);
        assert!(info.attributes.is_none() && info.public_key.is_none());
        assert_eq!(info.to_der().expect("encode"), der);
        let inner = EcPrivateKey::from_der(info.private_key.as_bytes()).expect("SEC1");
        assert_eq!(inner.version, 1);
        assert!(inner.parameters.is_none());
        assert_eq!(inner.public_key.map(|k| k.raw_bytes().len()), Some(65));
        assert_eq!(inner.to_der().expect("encode"), info.private_key.as_bytes());

        let der = hex::decode(EC_SEC1).expect("hex");
        let sec1 = EcPrivateKey::from_der(&der).expect("SEC1");
        let curve = sec1.parameters.map(|p| p.decode_as::<ObjectIdentifier>());
        assert_eq!(curve, Some(Ok(const_oid::db::rfc5912::SECP_256_R_1)));
        assert_eq!(sec1.private_key, inner.private_key);
        assert_eq!(sec1.to_der().expect("encode"), der);
    }

    /// A v2 key with attributes and a public key: the tagged fields come
    /// back where they were.
    #[test]
    fn pkcs8_v2_with_attributes_round_trips() {
        let seed = der::asn1::OctetString::new([7u8; 32]).expect("seed");
        let seed = seed.to_der().expect("seed");
        let value = AnyRef::new(der::Tag::Utf8String, b"x").expect("value");
        let key = OneAsymmetricKey {
            version: 1,
            private_key_algorithm: AlgorithmIdentifierRef {
                oid: const_oid::db::rfc8410::ID_ED_25519,
                parameters: None,
            },
            private_key: OctetStringRef::new(&seed).expect("key"),
            attributes: Some(vec![Attribute {
                r#type: const_oid::db::rfc2985::PKCS_9_AT_FRIENDLY_NAME,
                values: SetOfVec::try_from(vec![value]).expect("set"),
            }]),
            public_key: Some(BitStringRef::from_bytes(&[9u8; 32]).expect("bits")),
        };
        let der = key.to_der().expect("encode");
        let back = OneAsymmetricKey::from_der(&der).expect("decode");
        assert_eq!(back.to_der().expect("encode"), der);
        let attributes = back.attributes.expect("attributes");
        assert_eq!(attributes[0].first_value(), Some(&value));
        assert_eq!(back.public_key.map(|k| k.raw_bytes()), Some(&[9u8; 32][..]));
        // [0] IMPLICIT constructed around the one Attribute, [1] IMPLICIT
        // primitive for the BIT STRING, at the end.
        assert!(der.windows(4).any(|w| w == [0xA0, 0x12, 0x30, 0x10]));
        assert_eq!(&der[der.len() - 35..der.len() - 32], &[0x81, 0x21, 0x00]);
    }
}
