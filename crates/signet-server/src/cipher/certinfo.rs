//! Certificate info in Cipher BIS form (spec 001,
//! `PUT /api/v1/ticket/{uuid}/keyStore/certificate/info/{keyType}`): every
//! field an object `{description, value}` with the description in the
//! user's language.
//!
//! Values are rendered as the spec's example shows them: byte strings as
//! upper-case hex pairs split by spaces ("E5 69 8B B0"), dates as Java's
//! `Date.toString()` ("Sat Nov 19 00:00:00 EET 2016") in the service's time
//! zone, flags as the strings "true"/"false", absent values as null.
//!
//! How each value is derived:
//!
//! | field | source |
//! |---|---|
//! | ownerSurname, ownerGivenname, ownerFullName | surname, givenName, commonName |
//! | ownerCountry, ownerRegion, ownerCity, ownerAddress | countryName (lower case, as the example), stateOrProvinceName, localityName, streetAddress (else the postal-address otherName 1.3.6.1.4.1.19398.1.1.4.2 of subjectAltName) |
//! | ownerSerialNumber, ownerPosition | serialNumber attribute 2.5.4.5, title |
//! | issuer… | the same attributes of the issuer name; issuerOrganization O, issuerDepartment OU |
//! | publicKey | the key value (for DSTU/GOST the point inside the OCTET STRING) |
//! | dsAlgorism | the public-key algorithm, e.g. "ДСТУ 4145-2002, ПБ, little-endian" |
//! | personalData.drfou / passport | DRFO 1.2.804.2.1.1.1.11.1.4.1.1 (or serialNumber "TINUA-…"); a passport number found there goes to passport |
//! | personalData.edrpou | EDRPOU …4.2.1 (or organizationIdentifier "NTRUA-…") |
//! | personalData.eddrun | УНЗР …4.11.1 |
//! | personalData.customId | the user code …4.7.1 |
//! | alternativeOwnerName | from subjectAltName: an e-mail, else a DNS name, URI or IP, else an otherName (not the postal address) |
//! | subjectKeyId | subjectKeyIdentifier |
//! | subjectOwnerId | the subject's serialNumber attribute |
//! | keyUsage | keyUsage bit names joined by ", " |
//! | isQualified | qcStatements QcCompliance 0.4.0.1862.1.1 or UA 1.2.804.2.1.1.1.2.1 |
//! | isPrivateKeyOnQSCD | qcStatements QcSSCD 0.4.0.1862.1.4 |
//! | isElectronicStamp | EKU 1.2.804.2.1.1.1.3.9 or QcType eseal 0.4.0.1862.1.6.2 |
//! | isReinforced | certificate policy 1.2.804.2.1.1.1.2.2 |
//! | isTemporary, certificateProfile, qscdTypeName | null: no certificate field carries them; the vendor takes them from its own CA records |

use serde::Serialize;
use signet_pki::{AltName, CertificateFields, DistinguishedName};
use signet_pki::{Lang, ids};
use utoipa::ToSchema;

use super::labels::label;
use crate::present::dates::java_date;
use crate::present::spaced_hex;
use crate::present::time_zone::TimeZone;
use crate::present::words::key_usage_name;

/// A value with its description in the user's language.
#[derive(Clone, Debug, Serialize, ToSchema, PartialEq, Eq)]
pub struct Described<T> {
    /// What the value is, in the user's language.
    pub description: String,
    /// The value.
    pub value: T,
}

/// A text value, null when absent.
pub type Text = Described<Option<String>>;

/// Owner of the certificate.
#[derive(Clone, Debug, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct OwnerInfo {
    pub owner_surname: Text,
    pub owner_givenname: Text,
    pub owner_full_name: Text,
    pub owner_country: Text,
    pub owner_region: Text,
    pub owner_city: Text,
    pub owner_address: Text,
    pub owner_serial_number: Text,
    pub owner_position: Text,
}

/// Issuer of the certificate.
#[derive(Clone, Debug, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct IssuerInfo {
    pub issuer_organization: Text,
    pub issuer_department: Text,
    pub issuer_full_name: Text,
    pub issuer_country: Text,
    pub issuer_region: Text,
    pub issuer_city: Text,
    pub issuer_address: Text,
    pub issuer_serial_number: Text,
}

/// The public key.
#[derive(Clone, Debug, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct PublicKeyInfo {
    pub public_key: Text,
    /// Spelt as the vendor spells it.
    pub ds_algorism: Text,
}

/// Personal data from subjectDirectoryAttributes.
#[derive(Clone, Debug, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct PersonalData {
    pub custom_id: Text,
    pub passport: Text,
    pub drfou: Text,
    pub edrpou: Text,
    pub eddrun: Text,
}

/// Extensions.
#[derive(Clone, Debug, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct ExtensionsInfo {
    pub personal_data: Described<PersonalData>,
    pub alternative_owner_name: Text,
    pub subject_key_id: Text,
    pub subject_owner_id: Text,
    pub certificate_profile: Text,
    pub key_usage: Text,
    pub is_temporary: Text,
    pub is_reinforced: Text,
    pub is_qualified: Text,
    #[serde(rename = "isPrivateKeyOnQSCD")]
    pub is_private_key_on_qscd: Text,
    pub qscd_type_name: Text,
    pub is_electronic_stamp: Text,
}

/// Certificate info as Cipher BIS returns it.
#[derive(Clone, Debug, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct CertificateInfo {
    pub owner_certificate_info: Described<OwnerInfo>,
    pub issuer_certificate_info: Described<IssuerInfo>,
    pub public_key_certificate_info: Described<PublicKeyInfo>,
    pub certificate_serial_number: Text,
    pub not_before: Text,
    pub not_after: Text,
    pub extensions_certificate_info: Described<ExtensionsInfo>,
}

/// The first alternative name a person would call a name: an e-mail, else a
/// DNS name, URI or IP address, else another form. The Ukrainian postal
/// address otherName is the owner's address, not a name, and is skipped.
fn alternative_name(names: &[AltName]) -> Option<String> {
    let rank = |n: &AltName| match n {
        AltName::Email(_) => 0,
        AltName::Dns(_) | AltName::Uri(_) | AltName::Ip(_) => 1,
        AltName::Other { oid, .. } if *oid == ids::SAN_IIT_POSTAL_ADDRESS => 9,
        AltName::Other { .. } | AltName::Directory(_) => 2,
        AltName::Registered(_) | AltName::Unsupported => 9,
    };
    let best = names
        .iter()
        .filter(|n| rank(n) < 9)
        .min_by_key(|n| rank(n))?;
    Some(match best {
        AltName::Email(v) | AltName::Dns(v) | AltName::Uri(v) | AltName::Ip(v) => v.clone(),
        AltName::Other { value, .. } => value.clone(),
        AltName::Directory(dn) => dn.to_string(),
        AltName::Registered(_) | AltName::Unsupported => return None,
    })
}

fn flag(b: bool) -> Option<String> {
    Some(if b { "true" } else { "false" }.to_owned())
}

struct Renderer {
    lang: Lang,
}

impl Renderer {
    fn text(&self, key: &str, value: Option<String>) -> Text {
        self.wrap(key, value)
    }

    fn wrap<T>(&self, key: &str, value: T) -> Described<T> {
        Described {
            description: label(key, self.lang).to_owned(),
            value,
        }
    }
}

fn attr(name: &DistinguishedName, oid: const_oid::ObjectIdentifier) -> Option<String> {
    name.get(&oid).map(str::to_owned)
}

impl CertificateInfo {
    /// Renders certificate info in `lang`, dates in `tz`.
    pub fn render(f: &CertificateFields, lang: Lang, tz: &TimeZone) -> Self {
        let r = Renderer { lang };
        let s = &f.subject;
        let i = &f.issuer;
        let ua = f.ua_identity();
        let q = f.qualification();
        let key_usage = f.extensions.key_usage.map(|ku| {
            ku.bits()
                .filter_map(|b| key_usage_name(b, lang))
                .collect::<Vec<_>>()
                .join(", ")
        });
        let alt_name = alternative_name(&f.extensions.subject_alt_names);
        CertificateInfo {
            owner_certificate_info: r.wrap(
                "ownerCertificateInfo",
                OwnerInfo {
                    owner_surname: r.text("ownerSurname", attr(s, ids::SURNAME)),
                    owner_givenname: r.text("ownerGivenname", attr(s, ids::GIVEN_NAME)),
                    owner_full_name: r.text("ownerFullName", attr(s, ids::CN)),
                    owner_country: r.text(
                        "ownerCountry",
                        attr(s, ids::COUNTRY).map(|c| c.to_lowercase()),
                    ),
                    owner_region: r.text("ownerRegion", attr(s, ids::STATE)),
                    owner_city: r.text("ownerCity", attr(s, ids::LOCALITY)),
                    owner_address: r.text("ownerAddress", f.postal_address()),
                    owner_serial_number: r.text("ownerSerialNumber", attr(s, ids::SERIAL_NUMBER)),
                    owner_position: r.text("ownerPosition", attr(s, ids::TITLE)),
                },
            ),
            issuer_certificate_info: r.wrap(
                "issuerCertificateInfo",
                IssuerInfo {
                    issuer_organization: r.text("issuerOrganization", attr(i, ids::ORGANIZATION)),
                    issuer_department: r
                        .text("issuerDepartment", attr(i, ids::ORGANIZATIONAL_UNIT)),
                    issuer_full_name: r.text("issuerFullName", attr(i, ids::CN)),
                    issuer_country: r.text(
                        "issuerCountry",
                        attr(i, ids::COUNTRY).map(|c| c.to_lowercase()),
                    ),
                    issuer_region: r.text("issuerRegion", attr(i, ids::STATE)),
                    issuer_city: r.text("issuerCity", attr(i, ids::LOCALITY)),
                    issuer_address: r.text("issuerAddress", attr(i, ids::STREET)),
                    issuer_serial_number: r.text("issuerSerialNumber", attr(i, ids::SERIAL_NUMBER)),
                },
            ),
            public_key_certificate_info: r.wrap(
                "publicKeyCertificateInfo",
                PublicKeyInfo {
                    public_key: r.text("publicKey", Some(spaced_hex(f.public_key.key_value()))),
                    ds_algorism: r.text("dsAlgorism", Some(f.public_key.describe(lang))),
                },
            ),
            certificate_serial_number: r.text(
                "certificateSerialNumber",
                Some(spaced_hex(&f.serial_number)),
            ),
            not_before: r.text("notBefore", Some(java_date(f.not_before, tz))),
            not_after: r.text("notAfter", Some(java_date(f.not_after, tz))),
            extensions_certificate_info: r.wrap(
                "extensionsCertificateInfo",
                ExtensionsInfo {
                    personal_data: r.wrap(
                        "personalData",
                        PersonalData {
                            custom_id: r.text("customId", ua.user_code),
                            passport: r.text("passport", ua.passport),
                            drfou: r.text("drfou", ua.drfo),
                            edrpou: r.text("edrpou", ua.edrpou),
                            eddrun: r.text("eddrun", ua.unzr),
                        },
                    ),
                    alternative_owner_name: r.text("alternativeOwnerName", alt_name),
                    subject_key_id: r.text(
                        "subjectKeyId",
                        f.extensions.subject_key_id.as_deref().map(spaced_hex),
                    ),
                    subject_owner_id: r.text("subjectOwnerId", attr(s, ids::SERIAL_NUMBER)),
                    certificate_profile: r.text("certificateProfile", None),
                    key_usage: r.text("keyUsage", key_usage),
                    is_temporary: r.text("isTemporary", None),
                    is_reinforced: r.text("isReinforced", flag(q.reinforced)),
                    is_qualified: r.text("isQualified", flag(q.qualified)),
                    is_private_key_on_qscd: r.text("isPrivateKeyOnQSCD", flag(q.key_on_qscd)),
                    qscd_type_name: r.text("qscdTypeName", None),
                    is_electronic_stamp: r.text("isElectronicStamp", flag(q.electronic_stamp)),
                },
            ),
        }
    }
}
