//! The ASN.1 of a CRL ([RFC 5280 section 5]), one type per structure.
//!
//! The list of revoked certificates stays encoded ([`SequenceOfRef`]):
//! [`super::Crl`] walks it once to index the entries and decodes one entry
//! again when asked about a serial number, rather than holding a million
//! decoded entries.
//!
//! [RFC 5280 section 5]: https://datatracker.ietf.org/doc/html/rfc5280#section-5

use der::asn1::{Any, BitStringRef, OctetStringRef};
use der::{Choice, Sequence, Tagged};
use spki::AlgorithmIdentifierOwned;
use x509_cert::name::RelativeDistinguishedName;

use crate::asn1::time::Time;
use crate::asn1::{Boolean, IntegerOctets};
use crate::revocation::asn1::{Extensions, NameRef, SequenceOfRef, Tbs};

/// `CertificateList` ([RFC 5280 section 5.1]).
///
/// ```text
/// CertificateList  ::=  SEQUENCE  {
///      tbsCertList          TBSCertList,
///      signatureAlgorithm   AlgorithmIdentifier,
///      signatureValue       BIT STRING  }
/// ```
///
/// [RFC 5280 section 5.1]: https://datatracker.ietf.org/doc/html/rfc5280#section-5.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct CertificateList<'a> {
    /// tbsCertList, with the bytes the signature covers.
    pub tbs_cert_list: Tbs<'a, TbsCertList<'a>>,
    /// signatureAlgorithm.
    pub signature_algorithm: AlgorithmIdentifierOwned,
    /// signatureValue.
    pub signature_value: BitStringRef<'a>,
}

/// `TBSCertList` ([RFC 5280 section 5.1.2]).
///
/// ```text
/// TBSCertList  ::=  SEQUENCE  {
///      version                 Version OPTIONAL,
///                                   -- if present, MUST be v2
///      signature               AlgorithmIdentifier,
///      issuer                  Name,
///      thisUpdate              Time,
///      nextUpdate              Time OPTIONAL,
///      revokedCertificates     SEQUENCE OF SEQUENCE  {
///           userCertificate         CertificateSerialNumber,
///           revocationDate          Time,
///           crlEntryExtensions      Extensions OPTIONAL
///                                    -- if present, version MUST be v2
///                                }  OPTIONAL,
///      crlExtensions           [0]  EXPLICIT Extensions OPTIONAL
///                                    -- if present, version MUST be v2
///                                }
/// ```
///
/// [RFC 5280 section 5.1.2]: https://datatracker.ietf.org/doc/html/rfc5280#section-5.1.2
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct TbsCertList<'a> {
    /// version (`Version ::= INTEGER { v1(0), v2(1), v3(2) }`).
    #[asn1(optional = "true")]
    pub version: Option<IntegerOctets<'a>>,
    /// signature.
    pub signature: AlgorithmIdentifierOwned,
    /// issuer.
    pub issuer: NameRef<'a>,
    /// thisUpdate.
    pub this_update: Time,
    /// nextUpdate.
    #[asn1(optional = "true")]
    pub next_update: Option<Time>,
    /// revokedCertificates.
    #[asn1(optional = "true")]
    pub revoked_certificates: Option<SequenceOfRef<'a, RevokedCertificate<'a>>>,
    /// crlExtensions.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub crl_extensions: Option<Extensions<'a>>,
}

/// One element of revokedCertificates ([RFC 5280 section 5.1.2.6]).
///
/// ```text
/// SEQUENCE  {
///      userCertificate         CertificateSerialNumber,
///      revocationDate          Time,
///      crlEntryExtensions      Extensions OPTIONAL }
/// ```
///
/// [RFC 5280 section 5.1.2.6]: https://datatracker.ietf.org/doc/html/rfc5280#section-5.1.2.6
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct RevokedCertificate<'a> {
    /// userCertificate, as encoded.
    pub user_certificate: IntegerOctets<'a>,
    /// revocationDate.
    pub revocation_date: Time,
    /// crlEntryExtensions.
    #[asn1(optional = "true")]
    pub crl_entry_extensions: Option<Extensions<'a>>,
}

/// `AuthorityKeyIdentifier` ([RFC 5280 section 4.2.1.1]), the CRL
/// extension of section 5.2.1; only keyIdentifier is used.
///
/// ```text
/// AuthorityKeyIdentifier ::= SEQUENCE {
///     keyIdentifier             [0] KeyIdentifier           OPTIONAL,
///     authorityCertIssuer       [1] GeneralNames            OPTIONAL,
///     authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL  }
/// ```
///
/// [RFC 5280 section 4.2.1.1]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.1
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct AuthorityKeyIdentifier<'a> {
    /// keyIdentifier.
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    pub key_identifier: Option<&'a OctetStringRef>,
    /// authorityCertIssuer (GeneralNames, not read).
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub authority_cert_issuer: Option<SequenceOfRef<'a, der::asn1::AnyRef<'a>>>,
    /// authorityCertSerialNumber.
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT", optional = "true")]
    pub authority_cert_serial_number: Option<IntegerOctets<'a>>,
}

/// `IssuingDistributionPoint` ([RFC 5280 section 5.2.5]).
///
/// ```text
/// IssuingDistributionPoint ::= SEQUENCE {
///      distributionPoint          [0] DistributionPointName OPTIONAL,
///      onlyContainsUserCerts      [1] BOOLEAN DEFAULT FALSE,
///      onlyContainsCACerts        [2] BOOLEAN DEFAULT FALSE,
///      onlySomeReasons            [3] ReasonFlags OPTIONAL,
///      indirectCRL                [4] BOOLEAN DEFAULT FALSE,
///      onlyContainsAttributeCerts [5] BOOLEAN DEFAULT FALSE }
/// ```
///
/// [RFC 5280 section 5.2.5]: https://datatracker.ietf.org/doc/html/rfc5280#section-5.2.5
#[derive(Clone, Debug, Default, PartialEq, Eq, Sequence)]
pub struct IssuingDistributionPoint {
    /// distributionPoint (a CHOICE, so tagged explicitly).
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub distribution_point: Option<DistributionPointName>,
    /// onlyContainsUserCerts.
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        default = "Default::default"
    )]
    pub only_contains_user_certs: Boolean,
    /// onlyContainsCACerts.
    #[asn1(
        context_specific = "2",
        tag_mode = "IMPLICIT",
        default = "Default::default"
    )]
    pub only_contains_ca_certs: Boolean,
    /// onlySomeReasons (ReasonFlags, a BIT STRING).
    #[asn1(context_specific = "3", tag_mode = "IMPLICIT", optional = "true")]
    pub only_some_reasons: Option<der::asn1::BitString>,
    /// indirectCRL.
    #[asn1(
        context_specific = "4",
        tag_mode = "IMPLICIT",
        default = "Default::default"
    )]
    pub indirect_crl: Boolean,
    /// onlyContainsAttributeCerts.
    #[asn1(
        context_specific = "5",
        tag_mode = "IMPLICIT",
        default = "Default::default"
    )]
    pub only_contains_attribute_certs: Boolean,
}

impl IssuingDistributionPoint {
    /// The uniformResourceIdentifier names of distributionPoint fullName.
    pub fn uris(&self) -> Vec<String> {
        // GeneralName: uniformResourceIdentifier [6] IA5String.
        const URI: der::Tag = der::Tag::ContextSpecific {
            constructed: false,
            number: der::TagNumber(6),
        };
        match &self.distribution_point {
            Some(DistributionPointName::FullName(names)) => names
                .iter()
                .filter(|n| n.tag() == URI)
                .map(|n| String::from_utf8_lossy(n.value()).into_owned())
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// `DistributionPointName` ([RFC 5280 section 4.2.1.13]).
///
/// ```text
/// DistributionPointName ::= CHOICE {
///      fullName                [0]     GeneralNames,
///      nameRelativeToCRLIssuer [1]     RelativeDistinguishedName }
/// ```
///
/// The GeneralNames are kept as encoded: only the URIs are used.
///
/// [RFC 5280 section 4.2.1.13]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.13
#[derive(Clone, Debug, PartialEq, Eq, Choice)]
pub enum DistributionPointName {
    /// fullName.
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", constructed = "true")]
    FullName(Vec<Any>),
    /// nameRelativeToCRLIssuer.
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", constructed = "true")]
    NameRelativeToCrlIssuer(RelativeDistinguishedName),
}
