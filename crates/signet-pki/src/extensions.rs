//! Certificate extensions decoded into plain values.
//!
//! Each extension is read on its own: one that is malformed or unknown does
//! not stop the others, it is listed in [`Extensions::problems`] or left in
//! [`Extensions::present`] as not understood. Whether an unknown *critical*
//! extension makes the certificate unusable is a validation question
//! ([RFC 5280] section 4.2), answered by path validation, not here.
//!
//! Structures: RFC 5280 section 4.2.1 (standard extensions), RFC 3739 and
//! ETSI EN 319 412-5 (qcStatements), RFC 9215 section 5 (subjectSignTool,
//! issuerSignTool, IdentificationKind).
//!
//! [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, BitStringRef, GeneralizedTime, OctetStringRef, Utf8StringRef};
use der::{Decode, Reader, Sequence, Tag, Tagged};
use time::OffsetDateTime;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::AccessDescription;
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};

use crate::name::{DistinguishedName, NameAttribute};
use crate::oid::ids;
use crate::text::any_to_text;

/// One extension as it appears in the certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtensionEntry {
    /// The extension OID.
    pub oid: ObjectIdentifier,
    /// The critical flag.
    pub critical: bool,
    /// Whether signet decoded it into one of the fields of [`Extensions`].
    pub understood: bool,
}

/// Key usage bits ([RFC 5280 section 4.2.1.3]).
///
/// [RFC 5280 section 4.2.1.3]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.3
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyUsage(pub u16);

impl KeyUsage {
    /// The bit names in bit order, as RFC 5280 spells them.
    pub const NAMES: [&'static str; 9] = [
        "digitalSignature",
        "nonRepudiation",
        "keyEncipherment",
        "dataEncipherment",
        "keyAgreement",
        "keyCertSign",
        "cRLSign",
        "encipherOnly",
        "decipherOnly",
    ];
    /// digitalSignature (bit 0).
    pub const DIGITAL_SIGNATURE: usize = 0;
    /// nonRepudiation / contentCommitment (bit 1).
    pub const NON_REPUDIATION: usize = 1;
    /// keyEncipherment (bit 2).
    pub const KEY_ENCIPHERMENT: usize = 2;
    /// dataEncipherment (bit 3).
    pub const DATA_ENCIPHERMENT: usize = 3;
    /// keyAgreement (bit 4).
    pub const KEY_AGREEMENT: usize = 4;
    /// keyCertSign (bit 5).
    pub const KEY_CERT_SIGN: usize = 5;
    /// cRLSign (bit 6).
    pub const CRL_SIGN: usize = 6;

    /// Whether bit `bit` is set.
    pub fn has(self, bit: usize) -> bool {
        bit < 16 && self.0 & (1 << bit) != 0
    }

    /// The numbers of the set bits, in order.
    pub fn bits(self) -> impl Iterator<Item = usize> {
        (0..Self::NAMES.len()).filter(move |&b| self.has(b))
    }
}

/// A subject or issuer alternative name ([RFC 5280 section 4.2.1.6]).
///
/// [RFC 5280 section 4.2.1.6]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.6
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AltName {
    /// rfc822Name.
    Email(String),
    /// dNSName.
    Dns(String),
    /// uniformResourceIdentifier.
    Uri(String),
    /// iPAddress, as text.
    Ip(String),
    /// directoryName.
    Directory(DistinguishedName),
    /// otherName: its type and value as text.
    Other {
        /// type-id.
        oid: ObjectIdentifier,
        /// The value as text.
        value: String,
    },
    /// registeredID.
    Registered(ObjectIdentifier),
    /// x400Address or ediPartyName, which signet does not decode.
    Unsupported,
}

/// One qualified-certificate statement (RFC 3739 section 3.2.6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QcStatement {
    /// statementId.
    pub id: ObjectIdentifier,
    /// For QcType (0.4.0.1862.1.6): the types listed.
    pub qc_types: Vec<ObjectIdentifier>,
}

/// The issuerSignTool extension ([RFC 9215 section 5.3]).
///
/// [RFC 9215 section 5.3]: https://datatracker.ietf.org/doc/html/rfc9215#section-5
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuerSignTool {
    /// Name of the issuer's signature tool.
    pub sign_tool: String,
    /// Name of the CA tool.
    pub ca_tool: String,
    /// Conformity certificate of the signature tool.
    pub sign_tool_cert: String,
    /// Conformity certificate of the CA tool.
    pub ca_tool_cert: String,
}

/// basicConstraints ([RFC 5280 section 4.2.1.9]).
///
/// [RFC 5280 section 4.2.1.9]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.9
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BasicConstraints {
    /// cA.
    pub ca: bool,
    /// pathLenConstraint.
    pub path_len: Option<u32>,
}

/// The extensions of a certificate, decoded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extensions {
    /// Every extension present, in order.
    pub present: Vec<ExtensionEntry>,
    /// keyUsage.
    pub key_usage: Option<KeyUsage>,
    /// extKeyUsage.
    pub extended_key_usage: Vec<ObjectIdentifier>,
    /// basicConstraints.
    pub basic_constraints: Option<BasicConstraints>,
    /// subjectKeyIdentifier.
    pub subject_key_id: Option<Vec<u8>>,
    /// The keyIdentifier of authorityKeyIdentifier.
    pub authority_key_id: Option<Vec<u8>>,
    /// certificatePolicies: the policy identifiers.
    pub policies: Vec<ObjectIdentifier>,
    /// subjectAltName.
    pub subject_alt_names: Vec<AltName>,
    /// URIs of cRLDistributionPoints.
    pub crl_distribution_points: Vec<String>,
    /// URIs of freshestCRL (delta CRLs).
    pub freshest_crl: Vec<String>,
    /// OCSP responder URIs from authorityInfoAccess.
    pub ocsp_urls: Vec<String>,
    /// caIssuers URIs from authorityInfoAccess.
    pub ca_issuers_urls: Vec<String>,
    /// timeStamping URIs from subjectInfoAccess (TSA of a CA, Ukrainian use).
    pub tsp_urls: Vec<String>,
    /// subjectDirectoryAttributes, one entry per value.
    pub subject_directory_attributes: Vec<NameAttribute>,
    /// qcStatements.
    pub qc_statements: Vec<QcStatement>,
    /// subjectSignTool (Russia).
    pub subject_sign_tool: Option<String>,
    /// issuerSignTool (Russia).
    pub issuer_sign_tool: Option<IssuerSignTool>,
    /// IdentificationKind (Russia): 0 in person, 1 by a qualified signature,
    /// 2 by a biometric passport, 3 through ESIA and EBS.
    pub identification_kind: Option<i64>,
    /// privateKeyUsagePeriod: not before, not after.
    pub private_key_usage_period: Option<(Option<OffsetDateTime>, Option<OffsetDateTime>)>,
    /// Extensions that could not be decoded, with the reason.
    pub problems: Vec<String>,
}

impl Extensions {
    /// Decodes a certificate's extensions.
    pub fn from_x509(list: &[Extension]) -> Self {
        let mut out = Extensions::default();
        for ext in list {
            let value = ext.extn_value.as_bytes();
            let result = out.decode_one(&ext.extn_id, value);
            let understood = match result {
                Ok(known) => known,
                Err(e) => {
                    out.problems.push(format!(
                        "extension {}: {e}",
                        crate::oid::name_of(&ext.extn_id)
                    ));
                    false
                }
            };
            out.present.push(ExtensionEntry {
                oid: ext.extn_id,
                critical: ext.critical,
                understood,
            });
        }
        out
    }

    /// Whether the certificate has an extension with this OID.
    pub fn has(&self, oid: &ObjectIdentifier) -> bool {
        self.present.iter().any(|e| &e.oid == oid)
    }

    /// The first value of a subjectDirectoryAttributes attribute.
    pub fn directory_attribute(&self, oid: &ObjectIdentifier) -> Option<&str> {
        self.subject_directory_attributes
            .iter()
            .filter(|a| &a.oid == oid)
            .map(|a| a.value.trim())
            .find(|v| !v.is_empty())
    }

    /// Whether a qcStatement with this id is present.
    pub fn has_qc_statement(&self, oid: &ObjectIdentifier) -> bool {
        self.qc_statements.iter().any(|q| &q.id == oid)
    }

    /// Whether QcType lists this type.
    pub fn has_qc_type(&self, oid: &ObjectIdentifier) -> bool {
        self.qc_statements.iter().any(|q| q.qc_types.contains(oid))
    }

    /// Decodes one extension into its field. Ok(false) means not known.
    fn decode_one(&mut self, oid: &ObjectIdentifier, v: &[u8]) -> der::Result<bool> {
        match *oid {
            ids::EXT_KEY_USAGE => self.key_usage = Some(key_usage(v)?),
            ids::EXT_EXTENDED_KEY_USAGE => self.extended_key_usage = oids(v)?,
            ids::EXT_BASIC_CONSTRAINTS => self.basic_constraints = Some(basic_constraints(v)?),
            ids::EXT_SUBJECT_KEY_ID => {
                self.subject_key_id = Some(<&OctetStringRef>::from_der(v)?.as_bytes().to_vec())
            }
            ids::EXT_AUTHORITY_KEY_ID => self.authority_key_id = authority_key_id(v)?,
            ids::EXT_CERTIFICATE_POLICIES => self.policies = policies(v)?,
            ids::EXT_SUBJECT_ALT_NAME => self.subject_alt_names = general_names(v)?,
            ids::EXT_CRL_DISTRIBUTION_POINTS => self.crl_distribution_points = dp_uris(v)?,
            ids::EXT_FRESHEST_CRL => self.freshest_crl = dp_uris(v)?,
            ids::EXT_AUTHORITY_INFO_ACCESS => {
                for (method, uri) in access_descriptions(v)? {
                    match method {
                        ids::AD_OCSP => self.ocsp_urls.push(uri),
                        ids::AD_CA_ISSUERS => self.ca_issuers_urls.push(uri),
                        _ => {}
                    }
                }
            }
            ids::EXT_SUBJECT_INFO_ACCESS => {
                for (method, uri) in access_descriptions(v)? {
                    if method == const_oid::db::rfc5280::ID_AD_TIME_STAMPING {
                        self.tsp_urls.push(uri);
                    }
                }
            }
            ids::EXT_SUBJECT_DIRECTORY_ATTRIBUTES => {
                self.subject_directory_attributes = directory_attributes(v)?
            }
            ids::EXT_QC_STATEMENTS => self.qc_statements = qc_statements(v)?,
            ids::EXT_SUBJECT_SIGN_TOOL => {
                self.subject_sign_tool = Some(any_to_text(AnyRef::from_der(v)?))
            }
            ids::EXT_ISSUER_SIGN_TOOL => self.issuer_sign_tool = Some(issuer_sign_tool(v)?),
            ids::EXT_IDENTIFICATION_KIND => self.identification_kind = Some(i64::from_der(v)?),
            ids::EXT_PRIVATE_KEY_USAGE_PERIOD => {
                self.private_key_usage_period = Some(private_key_usage_period(v)?)
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// `PolicyInformation` as defined in [RFC 5280 section 4.2.1.4]; the
/// qualifiers are not read.
///
/// ```text
/// PolicyInformation ::= SEQUENCE {
///      policyIdentifier   CertPolicyId,
///      policyQualifiers   SEQUENCE SIZE (1..MAX) OF
///                              PolicyQualifierInfo OPTIONAL }
/// ```
///
/// [RFC 5280 section 4.2.1.4]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.4
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct PolicyInformation<'a> {
    policy_identifier: ObjectIdentifier,
    policy_qualifiers: Option<AnyRef<'a>>,
}

/// `QCStatement` as defined in [RFC 3739 section 3.2.6].
///
/// ```text
/// QCStatement ::= SEQUENCE {
///     statementId   QC-STATEMENT.&Id({SupportedStatements}),
///     statementInfo QC-STATEMENT.&Type
///                   ({SupportedStatements}{@statementId}) OPTIONAL }
/// ```
///
/// [RFC 3739 section 3.2.6]: https://datatracker.ietf.org/doc/html/rfc3739#section-3.2.6
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct QcStatementSyntax<'a> {
    statement_id: ObjectIdentifier,
    statement_info: Option<AnyRef<'a>>,
}

/// `IssuerSignTool` as defined in [RFC 9215 section 5.3] (the lengths
/// are not checked).
///
/// ```text
/// IssuerSignTool ::= SEQUENCE {
///     signTool     UTF8String SIZE(1..200),
///     cATool       UTF8String SIZE(1..200),
///     signToolCert UTF8String SIZE(1..100),
///     cAToolCert   UTF8String SIZE(1..100) }
/// ```
///
/// [RFC 9215 section 5.3]: https://datatracker.ietf.org/doc/html/rfc9215#section-5.3
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct IssuerSignToolSyntax<'a> {
    sign_tool: Utf8StringRef<'a>,
    ca_tool: Utf8StringRef<'a>,
    sign_tool_cert: Utf8StringRef<'a>,
    ca_tool_cert: Utf8StringRef<'a>,
}

/// Reads the elements of a SEQUENCE one by one.
fn each<'a>(v: AnyRef<'a>, mut f: impl FnMut(AnyRef<'a>) -> der::Result<()>) -> der::Result<()> {
    v.sequence(|r| {
        while !r.is_finished() {
            f(r.decode()?)?;
        }
        Ok(())
    })
}

fn key_usage(v: &[u8]) -> der::Result<KeyUsage> {
    let bits = BitStringRef::from_der(v)?;
    let bytes = bits.raw_bytes();
    let mut ku = 0u16;
    // Only the used bits count: the unused trailing ones may be set.
    for bit in 0..bits.bit_len().min(16) {
        if bytes
            .get(bit / 8)
            .is_some_and(|b| b & (0x80 >> (bit % 8)) != 0)
        {
            ku |= 1 << bit;
        }
    }
    Ok(KeyUsage(ku))
}

/// `ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId`.
fn oids(v: &[u8]) -> der::Result<Vec<ObjectIdentifier>> {
    Vec::from_der(v)
}

/// Lenient on an explicitly encoded `cA FALSE`, which strict DER forbids but
/// older CAs wrote.
fn basic_constraints(v: &[u8]) -> der::Result<BasicConstraints> {
    let mut bc = BasicConstraints {
        ca: false,
        path_len: None,
    };
    each(AnyRef::from_der(v)?, |e| {
        match e.tag() {
            Tag::Boolean => bc.ca = e.value().first().is_some_and(|&b| b != 0),
            Tag::Integer => bc.path_len = Some(e.decode_as()?),
            _ => return Err(e.tag().unexpected_error(None).into()),
        }
        Ok(())
    })?;
    Ok(bc)
}

/// Also takes a bare OCTET STRING, the form jkurwa's Ukrainian test CA
/// writes instead of the SEQUENCE.
fn authority_key_id(v: &[u8]) -> der::Result<Option<Vec<u8>>> {
    let any = AnyRef::from_der(v)?;
    if any.tag() == Tag::OctetString {
        return Ok(Some(any.value().to_vec()));
    }
    let mut id = None;
    each(any, |e| {
        if e.tag().is_context_specific() && e.tag().number().value() == 0 {
            id = Some(e.value().to_vec());
        }
        Ok(())
    })?;
    Ok(id)
}

fn policies(v: &[u8]) -> der::Result<Vec<ObjectIdentifier>> {
    let policies: Vec<PolicyInformation<'_>> = Vec::from_der(v)?;
    Ok(policies.iter().map(|p| p.policy_identifier).collect())
}

fn general_names(v: &[u8]) -> der::Result<Vec<AltName>> {
    let names: Vec<GeneralName> = Vec::from_der(v)?;
    Ok(names.iter().map(alt_name).collect())
}

fn alt_name(n: &GeneralName) -> AltName {
    match n {
        GeneralName::Rfc822Name(s) => AltName::Email(s.to_string()),
        GeneralName::DnsName(s) => AltName::Dns(s.to_string()),
        GeneralName::UniformResourceIdentifier(s) => AltName::Uri(s.to_string()),
        GeneralName::IpAddress(o) => AltName::Ip(ip_text(o.as_bytes())),
        GeneralName::DirectoryName(name) => AltName::Directory(DistinguishedName::from_name(name)),
        GeneralName::OtherName(o) => AltName::Other {
            oid: o.type_id,
            value: any_to_text(o.value.to_ref()),
        },
        GeneralName::RegisteredId(o) => AltName::Registered(*o),
        GeneralName::EdiPartyName(_) => AltName::Unsupported,
    }
}

fn ip_text(b: &[u8]) -> String {
    match b.len() {
        4 => std::net::Ipv4Addr::new(b[0], b[1], b[2], b[3]).to_string(),
        16 => {
            let mut a = [0u8; 16];
            a.copy_from_slice(b);
            std::net::Ipv6Addr::from(a).to_string()
        }
        _ => hex::encode_upper(b),
    }
}

fn dp_uris(v: &[u8]) -> der::Result<Vec<String>> {
    let points: Vec<DistributionPoint> = Vec::from_der(v)?;
    let mut out = Vec::new();
    for dp in &points {
        if let Some(DistributionPointName::FullName(names)) = &dp.distribution_point {
            for n in names {
                if let GeneralName::UniformResourceIdentifier(uri) = n {
                    out.push(uri.to_string());
                }
            }
        }
    }
    Ok(out)
}

/// The URIs of `AuthorityInfoAccessSyntax` / `SubjectInfoAccessSyntax`
/// ([RFC 5280 section 4.2.2]), with their access methods.
///
/// [RFC 5280 section 4.2.2]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.2
fn access_descriptions(v: &[u8]) -> der::Result<Vec<(ObjectIdentifier, String)>> {
    let descriptions: Vec<AccessDescription> = Vec::from_der(v)?;
    Ok(descriptions
        .into_iter()
        .filter_map(|ad| match ad.access_location {
            GeneralName::UniformResourceIdentifier(uri) => {
                Some((ad.access_method, uri.to_string()))
            }
            _ => None,
        })
        .collect())
}

/// `SubjectDirectoryAttributes ::= SEQUENCE SIZE (1..MAX) OF Attribute`
/// ([RFC 5280 section 4.2.1.8]).
///
/// [RFC 5280 section 4.2.1.8]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.8
fn directory_attributes(v: &[u8]) -> der::Result<Vec<NameAttribute>> {
    let mut out = Vec::new();
    each(AnyRef::from_der(v)?, |attr| {
        attr.sequence(|r| {
            let oid: ObjectIdentifier = r.decode()?;
            let values: AnyRef<'_> = r.decode()?;
            values.tag().assert_eq(Tag::Set)?;
            let mut vr = der::SliceReader::new(values.value())?;
            while !vr.is_finished() {
                let value: AnyRef<'_> = vr.decode()?;
                out.push(NameAttribute {
                    oid,
                    value: any_to_text(value),
                });
            }
            Ok::<_, der::Error>(())
        })
    })?;
    Ok(out)
}

/// `QCStatements ::= SEQUENCE OF QCStatement`; the statementInfo of QcType
/// is `QcType ::= SEQUENCE OF OBJECT IDENTIFIER` (ETSI EN 319 412-5
/// section 4.2.3).
fn qc_statements(v: &[u8]) -> der::Result<Vec<QcStatement>> {
    let statements: Vec<QcStatementSyntax<'_>> = Vec::from_der(v)?;
    statements
        .into_iter()
        .map(|s| {
            let qc_types = match s.statement_info {
                Some(info) if s.statement_id == ids::QCS_TYPE && info.tag() == Tag::Sequence => {
                    info.decode_as()?
                }
                _ => Vec::new(),
            };
            Ok(QcStatement {
                id: s.statement_id,
                qc_types,
            })
        })
        .collect()
}

fn issuer_sign_tool(v: &[u8]) -> der::Result<IssuerSignTool> {
    let tool = IssuerSignToolSyntax::from_der(v)?;
    Ok(IssuerSignTool {
        sign_tool: tool.sign_tool.as_str().to_owned(),
        ca_tool: tool.ca_tool.as_str().to_owned(),
        sign_tool_cert: tool.sign_tool_cert.as_str().to_owned(),
        ca_tool_cert: tool.ca_tool_cert.as_str().to_owned(),
    })
}

type UsagePeriod = (Option<OffsetDateTime>, Option<OffsetDateTime>);

fn private_key_usage_period(v: &[u8]) -> der::Result<UsagePeriod> {
    let mut period = (None, None);
    each(AnyRef::from_der(v)?, |e| {
        // RFC 5280 tags these IMPLICIT; Ukrainian CAs write them EXPLICIT.
        let t = if e.tag().is_constructed() {
            GeneralizedTime::from_der(e.value())?
        } else {
            GeneralizedTime::from_der(&implicit_to_universal(e, Tag::GeneralizedTime)?)?
        };
        let t = crate::certificate::unix_to_datetime(t.to_unix_duration());
        match e.tag().number().value() {
            0 => period.0 = t,
            _ => period.1 = t,
        }
        Ok(())
    })?;
    Ok(period)
}

/// Re-tags an IMPLICIT context-specific primitive as the universal type.
fn implicit_to_universal(e: AnyRef<'_>, tag: Tag) -> der::Result<Vec<u8>> {
    der::Encode::to_der(&AnyRef::new(tag, e.value())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_usage_bits_in_rfc_order() {
        // BIT STRING, 7 unused bits, 0x80: digitalSignature only.
        assert_eq!(key_usage(&[0x03, 0x02, 0x07, 0x80]).unwrap(), KeyUsage(1));
        // 0xC0: digitalSignature + nonRepudiation; 0x06: keyCertSign + cRLSign.
        let ku = key_usage(&[0x03, 0x02, 0x01, 0x06]).unwrap();
        assert_eq!(ku.bits().collect::<Vec<_>>(), vec![5, 6]);
        let ku = key_usage(&[0x03, 0x03, 0x07, 0xC0, 0x80]).unwrap();
        assert_eq!(ku.bits().collect::<Vec<_>>(), vec![0, 1, 8]);
    }

    #[test]
    fn basic_constraints_accepts_explicit_false() {
        // SEQUENCE { BOOLEAN FALSE }: not canonical DER, seen in old CAs.
        let bc = basic_constraints(&[0x30, 0x03, 0x01, 0x01, 0x00]).unwrap();
        assert_eq!(
            bc,
            BasicConstraints {
                ca: false,
                path_len: None
            }
        );
        let bc = basic_constraints(&[0x30, 0x06, 0x01, 0x01, 0xFF, 0x02, 0x01, 0x00]).unwrap();
        assert_eq!(
            bc,
            BasicConstraints {
                ca: true,
                path_len: Some(0)
            }
        );
    }

    #[test]
    fn qc_statements_and_sign_tool_round_trip() {
        use der::Encode;
        let types = vec![ids::QCT_ESIGN].to_der().unwrap();
        let statements = vec![
            QcStatementSyntax {
                statement_id: ids::QCS_COMPLIANCE,
                statement_info: None,
            },
            QcStatementSyntax {
                statement_id: ids::QCS_TYPE,
                statement_info: Some(AnyRef::from_der(&types).unwrap()),
            },
        ];
        let der = statements.to_der().unwrap();
        let back: Vec<QcStatementSyntax<'_>> = Vec::from_der(&der).unwrap();
        assert_eq!(back, statements);
        assert_eq!(back.to_der().unwrap(), der);
        assert_eq!(
            qc_statements(&der).unwrap(),
            vec![
                QcStatement {
                    id: ids::QCS_COMPLIANCE,
                    qc_types: Vec::new()
                },
                QcStatement {
                    id: ids::QCS_TYPE,
                    qc_types: vec![ids::QCT_ESIGN]
                },
            ]
        );

        let text = |s| Utf8StringRef::new(s).unwrap();
        let tool = IssuerSignToolSyntax {
            sign_tool: text("СКЗИ"),
            ca_tool: text("УЦ"),
            sign_tool_cert: text("СФ/124-1"),
            ca_tool_cert: text("СФ/128-2"),
        };
        let der = tool.to_der().unwrap();
        assert_eq!(IssuerSignToolSyntax::from_der(&der).unwrap(), tool);
        assert_eq!(issuer_sign_tool(&der).unwrap().ca_tool_cert, "СФ/128-2");
    }

    #[test]
    fn malformed_extension_is_a_problem_not_a_failure() {
        let ext = Extension {
            extn_id: ids::EXT_KEY_USAGE,
            critical: true,
            extn_value: der::asn1::OctetString::new(vec![0x05, 0x00]).unwrap(),
        };
        let out = Extensions::from_x509(&[ext]);
        assert!(out.key_usage.is_none());
        assert_eq!(out.problems.len(), 1);
        assert!(!out.present[0].understood);
    }
}
