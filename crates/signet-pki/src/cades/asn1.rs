//! The ASN.1 of the ESS signing-certificate attributes ([RFC 2634] section
//! 5.4, [RFC 5035] section 3) and of the CAdES-C / -X attributes ([RFC
//! 5126] sections 6.2–6.3), as `der` derive types borrowing from the DER.
//!
//! The CAdES module (RFC 5126 section A.1) is in the explicit-tagging
//! form: the `[n]` of CrlOcspRef and RevocationValues are EXPLICIT.
//! `ResponderID` is RFC 6960's (`byName [1] Name`, `byKey [2] KeyHash`).
//! GeneralNames and Names are kept as encoded ([`RawSequenceRef`], plain
//! [`AnyRef`]s): they are compared with a certificate's octets.
//!
//! [RFC 2634]: https://datatracker.ietf.org/doc/html/rfc2634#section-5.4
//! [RFC 5035]: https://datatracker.ietf.org/doc/html/rfc5035#section-3
//! [RFC 5126]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.2

use der::asn1::{AnyRef, OctetStringRef};
use der::{Choice, Sequence, Tag, TagNumber};
use spki::AlgorithmIdentifierRef;

use crate::Certificate;
use crate::asn1::IntegerOctets;
use crate::asn1::time::GeneralizedTime;
use crate::cms::asn1::RawSequenceRef;
use crate::revocation::ocsp::response::ResponderIdRef;

/// `SigningCertificate` as defined in [RFC 2634 Section 5.4].
///
/// ```text
/// SigningCertificate ::= SEQUENCE {
///   certs    SEQUENCE OF ESSCertID,
///   policies SEQUENCE OF PolicyInformation OPTIONAL }
/// ```
///
/// [RFC 2634 Section 5.4]: https://datatracker.ietf.org/doc/html/rfc2634#section-5.4
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct SigningCertificateRef<'a> {
    /// certs: the first names the signer's certificate.
    pub certs: Vec<EssCertIdRef<'a>>,
    /// policies, as encoded.
    pub policies: Option<Vec<AnyRef<'a>>>,
}

/// `ESSCertID` as defined in [RFC 2634 Section 5.4.1].
///
/// ```text
/// ESSCertID ::= SEQUENCE {
///   certHash     Hash,  -- SHA-1 of the whole certificate
///   issuerSerial IssuerSerial OPTIONAL }
/// Hash ::= OCTET STRING
/// ```
///
/// [RFC 2634 Section 5.4.1]: https://datatracker.ietf.org/doc/html/rfc2634#section-5.4.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct EssCertIdRef<'a> {
    /// certHash.
    pub cert_hash: &'a OctetStringRef,
    /// issuerSerial.
    pub issuer_serial: Option<IssuerSerialRef<'a>>,
}

/// `SigningCertificateV2` as defined in [RFC 5035 Section 3].
///
/// ```text
/// SigningCertificateV2 ::= SEQUENCE {
///   certs    SEQUENCE OF ESSCertIDv2,
///   policies SEQUENCE OF PolicyInformation OPTIONAL }
/// ```
///
/// [RFC 5035 Section 3]: https://datatracker.ietf.org/doc/html/rfc5035#section-3
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct SigningCertificateV2Ref<'a> {
    /// certs: the first names the signer's certificate.
    pub certs: Vec<EssCertIdV2Ref<'a>>,
    /// policies, as encoded.
    pub policies: Option<Vec<AnyRef<'a>>>,
}

/// `ESSCertIDv2` as defined in [RFC 5035 Section 4].
///
/// ```text
/// ESSCertIDv2 ::= SEQUENCE {
///   hashAlgorithm AlgorithmIdentifier DEFAULT {algorithm id-sha256},
///   certHash      Hash,
///   issuerSerial  IssuerSerial OPTIONAL }
/// ```
///
/// `hashAlgorithm` is `None` when absent (SHA-256); a SHA-256 written
/// out, as some signers do, is read as written.
///
/// [RFC 5035 Section 4]: https://datatracker.ietf.org/doc/html/rfc5035#section-4
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct EssCertIdV2Ref<'a> {
    /// hashAlgorithm.
    pub hash_algorithm: Option<AlgorithmIdentifierRef<'a>>,
    /// certHash.
    pub cert_hash: &'a OctetStringRef,
    /// issuerSerial.
    pub issuer_serial: Option<IssuerSerialRef<'a>>,
}

/// `IssuerSerial` as defined in [RFC 2634 Section 5.4.1].
///
/// ```text
/// IssuerSerial ::= SEQUENCE {
///   issuer       GeneralNames,
///   serialNumber CertificateSerialNumber }
/// GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName
/// ```
///
/// [RFC 2634 Section 5.4.1]: https://datatracker.ietf.org/doc/html/rfc2634#section-5.4.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct IssuerSerialRef<'a> {
    /// issuer: each GeneralName as encoded.
    pub issuer: Vec<AnyRef<'a>>,
    /// serialNumber.
    pub serial_number: IntegerOctets<'a>,
}

impl<'a> IssuerSerialRef<'a> {
    /// The issuer and serial number of `cert` as encoded in it, the issuer
    /// as one `directoryName [4] Name` (EXPLICIT: RFC 5280's module tags
    /// implicitly, but a tagged CHOICE is always explicit).
    pub fn of(cert: &'a Certificate) -> der::Result<Self> {
        let directory_name = Tag::ContextSpecific {
            constructed: true,
            number: TagNumber(4),
        };
        Ok(IssuerSerialRef {
            issuer: vec![AnyRef::new(directory_name, cert.issuer_der())?],
            serial_number: IntegerOctets::new(
                cert.x509().tbs_certificate().serial_number().as_bytes(),
            ),
        })
    }
}

/// `OtherHash` as defined in [RFC 5126 Section 5.8.2].
///
/// ```text
/// OtherHash ::= CHOICE {
///   sha1Hash  OtherHashValue,  -- SHA-1 of the whole encoding
///   otherHash OtherHashAlgAndValue }
/// OtherHashValue ::= OCTET STRING
/// ```
///
/// [RFC 5126 Section 5.8.2]: https://datatracker.ietf.org/doc/html/rfc5126#section-5.8.2
#[derive(Clone, Copy, Debug, PartialEq, Eq, Choice)]
pub enum OtherHashRef<'a> {
    /// sha1Hash.
    Sha1Hash(OtherHashValue<'a>),
    /// otherHash.
    OtherHash(OtherHashAlgAndValueRef<'a>),
}

/// `OtherHashValue ::= OCTET STRING` ([RFC 5126 Section 5.8.2]).
///
/// [RFC 5126 Section 5.8.2]: https://datatracker.ietf.org/doc/html/rfc5126#section-5.8.2
pub type OtherHashValue<'a> = &'a OctetStringRef;

/// `OtherHashAlgAndValue` as defined in [RFC 5126 Section 5.8.2].
///
/// ```text
/// OtherHashAlgAndValue ::= SEQUENCE {
///   hashAlgorithm AlgorithmIdentifier,
///   hashValue     OtherHashValue }
/// ```
///
/// [RFC 5126 Section 5.8.2]: https://datatracker.ietf.org/doc/html/rfc5126#section-5.8.2
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct OtherHashAlgAndValueRef<'a> {
    /// hashAlgorithm.
    pub hash_algorithm: AlgorithmIdentifierRef<'a>,
    /// hashValue.
    pub hash_value: OtherHashValue<'a>,
}

/// `OtherCertID` as defined in [RFC 5126 Section 6.2.1]; a
/// CompleteCertificateRefs is a SEQUENCE OF them.
///
/// ```text
/// CompleteCertificateRefs ::= SEQUENCE OF OtherCertID
/// OtherCertID ::= SEQUENCE {
///   otherCertHash OtherHash,
///   issuerSerial  IssuerSerial OPTIONAL }
/// ```
///
/// [RFC 5126 Section 6.2.1]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.2.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct OtherCertIdRef<'a> {
    /// otherCertHash.
    pub other_cert_hash: OtherHashRef<'a>,
    /// issuerSerial.
    pub issuer_serial: Option<IssuerSerialRef<'a>>,
}

/// `CrlOcspRef` as defined in [RFC 5126 Section 6.2.2]; a
/// CompleteRevocationRefs is a SEQUENCE OF them.
///
/// ```text
/// CompleteRevocationRefs ::= SEQUENCE OF CrlOcspRef
/// CrlOcspRef ::= SEQUENCE {
///   crlids   [0] CRLListID   OPTIONAL,
///   ocspids  [1] OcspListID  OPTIONAL,
///   otherRev [2] OtherRevRefs OPTIONAL }
/// ```
///
/// [RFC 5126 Section 6.2.2]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.2.2
#[derive(Clone, Debug, Default, PartialEq, Eq, Sequence)]
pub struct CrlOcspRef<'a> {
    /// crlids.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub crlids: Option<CrlListIdRef<'a>>,
    /// ocspids.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub ocspids: Option<OcspListIdRef<'a>>,
    /// otherRev, as encoded.
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    pub other_rev: Option<AnyRef<'a>>,
}

/// `CRLListID` as defined in [RFC 5126 Section 6.2.2].
///
/// ```text
/// CRLListID ::= SEQUENCE {
///   crls SEQUENCE OF CrlValidatedID }
/// ```
///
/// [RFC 5126 Section 6.2.2]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.2.2
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct CrlListIdRef<'a> {
    /// crls.
    pub crls: Vec<CrlValidatedIdRef<'a>>,
}

/// `CrlValidatedID` as defined in [RFC 5126 Section 6.2.2].
///
/// ```text
/// CrlValidatedID ::= SEQUENCE {
///   crlHash       OtherHash,
///   crlIdentifier CrlIdentifier OPTIONAL }
/// CrlIdentifier ::= SEQUENCE {
///   crlissuer     Name,
///   crlIssuedTime UTCTime,
///   crlNumber     INTEGER OPTIONAL }
/// ```
///
/// [RFC 5126 Section 6.2.2]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.2.2
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct CrlValidatedIdRef<'a> {
    /// crlHash.
    pub crl_hash: OtherHashRef<'a>,
    /// crlIdentifier, as encoded.
    pub crl_identifier: Option<RawSequenceRef<'a>>,
}

/// `OcspListID` as defined in [RFC 5126 Section 6.2.2].
///
/// ```text
/// OcspListID ::= SEQUENCE {
///   ocspResponses SEQUENCE OF OcspResponsesID }
/// ```
///
/// [RFC 5126 Section 6.2.2]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.2.2
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct OcspListIdRef<'a> {
    /// ocspResponses.
    pub ocsp_responses: Vec<OcspResponsesIdRef<'a>>,
}

/// `OcspResponsesID` as defined in [RFC 5126 Section 6.2.2].
///
/// ```text
/// OcspResponsesID ::= SEQUENCE {
///   ocspIdentifier OcspIdentifier,
///   ocspRepHash    OtherHash OPTIONAL }
/// ```
///
/// [RFC 5126 Section 6.2.2]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.2.2
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct OcspResponsesIdRef<'a> {
    /// ocspIdentifier.
    pub ocsp_identifier: OcspIdentifierRef<'a>,
    /// ocspRepHash.
    pub ocsp_rep_hash: Option<OtherHashRef<'a>>,
}

/// `OcspIdentifier` as defined in [RFC 5126 Section 6.2.2].
///
/// ```text
/// OcspIdentifier ::= SEQUENCE {
///   ocspResponderID ResponderID,
///   producedAt      GeneralizedTime }
/// ```
///
/// [RFC 5126 Section 6.2.2]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.2.2
#[derive(Clone, Copy, Debug, PartialEq, Eq, Sequence)]
pub struct OcspIdentifierRef<'a> {
    /// ocspResponderID.
    pub ocsp_responder_id: ResponderIdRef<'a>,
    /// producedAt.
    pub produced_at: GeneralizedTime,
}

/// `RevocationValues` as defined in [RFC 5126 Section 6.3.4].
///
/// ```text
/// RevocationValues ::= SEQUENCE {
///   crlVals      [0] SEQUENCE OF CertificateList   OPTIONAL,
///   ocspVals     [1] SEQUENCE OF BasicOCSPResponse OPTIONAL,
///   otherRevVals [2] OtherRevVals                  OPTIONAL }
/// ```
///
/// The CRLs and OCSP answers are kept as encoded (the revocation module
/// reads them). A `CertificateValues ::= SEQUENCE OF Certificate`
/// (section 6.3.3) is a `Vec` of encoded certificates.
///
/// [RFC 5126 Section 6.3.4]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.3.4
#[derive(Clone, Debug, Default, PartialEq, Eq, Sequence)]
pub struct RevocationValuesRef<'a> {
    /// crlVals.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub crl_vals: Option<Vec<AnyRef<'a>>>,
    /// ocspVals.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub ocsp_vals: Option<Vec<AnyRef<'a>>>,
    /// otherRevVals, as encoded.
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    pub other_rev_vals: Option<AnyRef<'a>>,
}

#[cfg(test)]
mod tests {
    use der::{Decode, Encode};

    use super::*;
    use crate::cms::SignedData;
    use crate::oid::ids;

    /// The ESS and CAdES-X attributes of signatures signet made (see
    /// tests/sign_pinned.rs) decode and encode back to the same bytes.
    #[test]
    fn cades_attributes_round_trip() {
        for der in [
            &include_bytes!("../../tests/data/cms-pin/cades-x-long-ocsp.p7s")[..],
            include_bytes!("../../tests/data/cms-pin/cades-x-long-crl.p7s"),
        ] {
            let signed = SignedData::from_ber(der).expect("signature");
            let signer = &signed.signers[0];
            let value = |oid| {
                signer
                    .unsigned_attrs(&oid)
                    .next()
                    .and_then(|a| a.values.first())
                    .expect("attribute")
                    .clone()
            };
            let v = value(ids::AA_ETS_CERTIFICATE_REFS);
            let refs = Vec::<OtherCertIdRef<'_>>::from_der(&v).expect("certificate refs");
            assert_eq!(refs.len(), 1);
            assert_eq!(refs.to_der().expect("encodes"), v);
            let v = value(ids::AA_ETS_REVOCATION_REFS);
            let refs = Vec::<CrlOcspRef<'_>>::from_der(&v).expect("revocation refs");
            assert_eq!(refs.len(), 1);
            assert_eq!(refs.to_der().expect("encodes"), v);
            let v = value(ids::AA_ETS_REVOCATION_VALUES);
            let values = RevocationValuesRef::from_der(&v).expect("revocation values");
            assert_eq!(values.to_der().expect("encodes"), v);
            let v = signer
                .signed_attr(&const_oid::db::rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2)
                .and_then(|a| a.values.first())
                .expect("signing-certificate-v2")
                .clone();
            let ess = SigningCertificateV2Ref::from_der(&v).expect("ESS");
            assert_eq!(ess.certs.len(), 1);
            assert_eq!(ess.to_der().expect("encodes"), v);
        }
    }

    /// Both ResponderID forms and both OtherHash forms.
    #[test]
    fn choices_round_trip() {
        // byName (an empty Name), byKey.
        for hex in ["a1023000", "a2060404deadbeef"] {
            let der = hex::decode(hex).expect("hex");
            let id = ResponderIdRef::from_der(&der).expect("decodes");
            assert_eq!(id.to_der().expect("encodes"), der);
        }
        // sha1Hash, otherHash with SHA-256 and an empty value.
        for hex in ["0402abcd", "300f300b06096086480165030402010400"] {
            let der = hex::decode(hex).expect("hex");
            let h = OtherHashRef::from_der(&der).expect("decodes");
            assert_eq!(h.to_der().expect("encodes"), der);
        }
    }
}
