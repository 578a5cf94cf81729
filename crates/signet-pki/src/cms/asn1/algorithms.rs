//! The parameters of the key transport, key agreement and content
//! encryption algorithms of CMS enveloping that signet reads and writes,
//! each in the ASN.1 of the document that defines it.

use const_oid::ObjectIdentifier;
use der::Sequence;
use der::asn1::OctetStringRef;
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};

/// `RSAES-OAEP-params` as defined in [RFC 8017 Appendix A.2.1] (in CMS by
/// [RFC 3560]).
///
/// ```text
/// RSAES-OAEP-params ::= SEQUENCE {
///   hashAlgorithm     [0] HashAlgorithm     DEFAULT sha1,
///   maskGenAlgorithm  [1] MaskGenAlgorithm  DEFAULT mgf1SHA1,
///   pSourceAlgorithm  [2] PSourceAlgorithm  DEFAULT pSpecifiedEmpty }
/// ```
///
/// An absent field takes its DEFAULT; the module is in the explicit
/// tagging form.
///
/// [RFC 8017 Appendix A.2.1]: https://datatracker.ietf.org/doc/html/rfc8017#appendix-A.2.1
/// [RFC 3560]: https://datatracker.ietf.org/doc/html/rfc3560
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Sequence)]
pub struct RsaesOaepParams<'a> {
    /// hashAlgorithm.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub hash_algorithm: Option<AlgorithmIdentifierRef<'a>>,
    /// maskGenAlgorithm.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub mask_gen_algorithm: Option<AlgorithmIdentifierRef<'a>>,
    /// pSourceAlgorithm.
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    pub p_source_algorithm: Option<AlgorithmIdentifierRef<'a>>,
}

/// `ECC-CMS-SharedInfo` as defined in [RFC 5753 Section 7.2]; the
/// Ukrainian DSTU 4145 key agreement hashes the same structure (jkurwa
/// `gost_salt`, UAPKI `iso15946_shared_info`).
///
/// ```text
/// ECC-CMS-SharedInfo ::= SEQUENCE {
///   keyInfo         AlgorithmIdentifier,
///   entityUInfo [0] EXPLICIT OCTET STRING OPTIONAL,
///   suppPubInfo [2] EXPLICIT OCTET STRING }
/// ```
///
/// [RFC 5753 Section 7.2]: https://datatracker.ietf.org/doc/html/rfc5753#section-7.2
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct EccCmsSharedInfo<'a> {
    /// keyInfo: the key wrap algorithm.
    pub key_info: AlgorithmIdentifierRef<'a>,
    /// entityUInfo: the ukm.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub entity_u_info: Option<&'a OctetStringRef>,
    /// suppPubInfo: the KEK length in bits, 32-bit big-endian.
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT")]
    pub supp_pub_info: &'a OctetStringRef,
}

/// `GCMParameters` as defined in [RFC 5084 Section 3.2].
///
/// ```text
/// GCMParameters ::= SEQUENCE {
///   aes-nonce        OCTET STRING, -- recommended size is 12 octets
///   aes-ICVlen       AES-GCM-ICVlen DEFAULT 12 }
/// AES-GCM-ICVlen ::= INTEGER (12 | 13 | 14 | 15 | 16)
/// ```
///
/// [RFC 5084 Section 3.2]: https://datatracker.ietf.org/doc/html/rfc5084#section-3.2
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct GcmParameters<'a> {
    /// aes-nonce.
    pub aes_nonce: &'a OctetStringRef,
    /// aes-ICVlen.
    #[asn1(default = "default_icv_len")]
    pub aes_icv_len: u8,
}

fn default_icv_len() -> u8 {
    12
}

/// `Gost28147-89-Parameters` as defined in [RFC 4357 Section 10.3]
/// (content encryption, [RFC 4490 Section 5.1]).
///
/// ```text
/// Gost28147-89-Parameters ::= SEQUENCE {
///   iv                 Gost28147-89-IV,  -- OCTET STRING (SIZE (8))
///   encryptionParamSet Gost28147-89-ParamSet }
/// ```
///
/// [RFC 4357 Section 10.3]: https://datatracker.ietf.org/doc/html/rfc4357#section-10.3
/// [RFC 4490 Section 5.1]: https://datatracker.ietf.org/doc/html/rfc4490#section-5.1
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct Gost28147Parameters<'a> {
    /// iv.
    pub iv: &'a OctetStringRef,
    /// encryptionParamSet.
    pub encryption_param_set: ObjectIdentifier,
}

/// The parameters of DSTU GOST 28147:2009 CFB content encryption, as the
/// `gost89` npm package, jkurwa and UAPKI write them: the IV and the
/// S-box in its packed 64-byte DKE form.
///
/// ```text
/// SEQUENCE {
///   iv  OCTET STRING,   -- read by its first 8 bytes
///   dke OCTET STRING }  -- SIZE (64)
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct DstuGost28147Parameters<'a> {
    /// iv.
    pub iv: &'a OctetStringRef,
    /// dke.
    pub dke: &'a OctetStringRef,
}

/// `Gost3412-15-Encryption-Parameters` of the R 34.12-2015 CTR-ACPKM
/// modes (R 1323565.1.025-2019, as gost-engine writes it).
///
/// ```text
/// Gost3412-15-Encryption-Parameters ::= SEQUENCE {
///   ukm OCTET STRING }  -- IV (half a block) ‖ seed (8 bytes)
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct Gost3412EncryptionParameters<'a> {
    /// ukm.
    pub ukm: &'a OctetStringRef,
}

/// `GostR3410-KeyTransport` as defined in [RFC 4490 Section 4.2].
///
/// ```text
/// GostR3410-KeyTransport ::= SEQUENCE {
///   sessionEncryptedKey   Gost28147-89-EncryptedKey,
///   transportParameters   [0] IMPLICIT GostR3410-TransportParameters OPTIONAL }
/// ```
///
/// [RFC 4490 Section 4.2]: https://datatracker.ietf.org/doc/html/rfc4490#section-4.2
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct GostR3410KeyTransport<'a> {
    /// sessionEncryptedKey.
    pub session_encrypted_key: Gost28147EncryptedKey<'a>,
    /// transportParameters.
    #[asn1(
        context_specific = "0",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub transport_parameters: Option<GostR3410TransportParameters<'a>>,
}

/// `Gost28147-89-EncryptedKey` as defined in [RFC 4357 Section 10.6].
///
/// ```text
/// Gost28147-89-EncryptedKey ::= SEQUENCE {
///   encryptedKey  Gost28147-89-Key,             -- OCTET STRING (SIZE (32))
///   maskKey       [0] IMPLICIT Gost28147-89-Key OPTIONAL,
///   macKey        Gost28147-89-MAC }            -- OCTET STRING (SIZE (1..4))
/// ```
///
/// [RFC 4357 Section 10.6]: https://datatracker.ietf.org/doc/html/rfc4357#section-10.6
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct Gost28147EncryptedKey<'a> {
    /// encryptedKey.
    pub encrypted_key: &'a OctetStringRef,
    /// maskKey.
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    pub mask_key: Option<&'a OctetStringRef>,
    /// macKey.
    pub mac_key: &'a OctetStringRef,
}

/// `GostR3410-TransportParameters` as defined in [RFC 4490 Section 4.2].
///
/// ```text
/// GostR3410-TransportParameters ::= SEQUENCE {
///   encryptionParamSet   OBJECT IDENTIFIER,
///   ephemeralPublicKey   [0] IMPLICIT SubjectPublicKeyInfo OPTIONAL,
///   ukm                  OCTET STRING }  -- SIZE (8)
/// ```
///
/// [RFC 4490 Section 4.2]: https://datatracker.ietf.org/doc/html/rfc4490#section-4.2
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct GostR3410TransportParameters<'a> {
    /// encryptionParamSet.
    pub encryption_param_set: ObjectIdentifier,
    /// ephemeralPublicKey.
    #[asn1(
        context_specific = "0",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub ephemeral_public_key: Option<SubjectPublicKeyInfoRef<'a>>,
    /// ukm.
    pub ukm: &'a OctetStringRef,
}

/// `PSKeyTransport` of KExp15 key export (R 1323565.1.025-2019, as
/// gost-engine 3.0 writes it; [RFC 9189 Section 8.2.1] for KExp15).
///
/// ```text
/// PSKeyTransport ::= SEQUENCE {
///   psexp                OCTET STRING,          -- KExp15(CEK)
///   ephemeralPublicKey   SubjectPublicKeyInfo,
///   ukm                  OCTET STRING OPTIONAL } -- 32 bytes
/// ```
///
/// [RFC 9189 Section 8.2.1]: https://datatracker.ietf.org/doc/html/rfc9189#section-8.2.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct PsKeyTransport<'a> {
    /// psexp.
    pub psexp: &'a OctetStringRef,
    /// ephemeralPublicKey.
    pub ephemeral_public_key: SubjectPublicKeyInfoRef<'a>,
    /// ukm.
    pub ukm: Option<&'a OctetStringRef>,
}

/// `Gost28147-89-KeyWrapParameters` as defined in [RFC 4357 Section
/// 10.6]: the parameters of the key wrap in a GOST KeyAgreeRecipientInfo.
///
/// ```text
/// Gost28147-89-KeyWrapParameters ::= SEQUENCE {
///   encryptionParamSet Gost28147-89-ParamSet,
///   ukm                OCTET STRING (SIZE (8)) OPTIONAL }
/// ```
///
/// [RFC 4357 Section 10.6]: https://datatracker.ietf.org/doc/html/rfc4357#section-10.6
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct Gost28147KeyWrapParameters<'a> {
    /// encryptionParamSet.
    pub encryption_param_set: ObjectIdentifier,
    /// ukm.
    pub ukm: Option<&'a OctetStringRef>,
}

#[cfg(test)]
mod tests {
    use der::{Decode, Encode};

    use super::*;

    fn round_trip<'a, T>(der: &'a [u8]) -> T
    where
        T: Decode<'a, Error = der::Error> + Encode,
    {
        let value = T::from_der(der).expect("decodes");
        assert_eq!(value.to_der().expect("encodes"), der);
        value
    }

    /// RSAES-OAEP-params as OpenSSL writes them for SHA-256 (hash and
    /// MGF1), and the empty SEQUENCE of all DEFAULTs.
    #[test]
    fn oaep_params_round_trip() {
        let der = hex::decode(
            "302f a00f300d06096086480165030402010500 a11c301a06092a864886f70d010108 300d06096086480165030402010500"
                .replace(' ', ""),
        )
        .expect("hex");
        let params: RsaesOaepParams<'_> = round_trip(&der);
        assert_eq!(
            params.hash_algorithm.map(|a| a.oid),
            Some(const_oid::db::rfc5912::ID_SHA_256)
        );
        assert_eq!(params.p_source_algorithm, None);
        let empty: RsaesOaepParams<'_> = round_trip(&[0x30, 0x00]);
        assert_eq!(empty, RsaesOaepParams::default());
    }

    /// aes-ICVlen is DEFAULT 12: left out when 12, written when 16.
    #[test]
    fn gcm_parameters_default() {
        let with_16 = hex::decode("3011040c000102030405060708090a0b020110").expect("hex");
        let params: GcmParameters<'_> = round_trip(&with_16);
        assert_eq!(params.aes_icv_len, 16);
        let default = hex::decode("300e040c000102030405060708090a0b").expect("hex");
        let params: GcmParameters<'_> = round_trip(&default);
        assert_eq!(params.aes_icv_len, 12);
    }

    /// jkurwa's `gost_salt` for a 4-byte ukm (see `cms::enveloped::dstu`).
    #[test]
    fn shared_info_round_trip() {
        let der = hex::decode(
            "3021 300f060b2a86240201010101010105 0500 a006 040401020304 a206 040400000100"
                .replace(' ', ""),
        )
        .expect("hex");
        let info: EccCmsSharedInfo<'_> = round_trip(&der);
        assert_eq!(
            info.entity_u_info.map(|u| u.as_bytes()),
            Some(&[1, 2, 3, 4][..])
        );
    }
}
