//! The `Certificate` object of Kontur CryptoApi (`POST /v3/validate`,
//! spec 003), rendered from the PKI field model.
//!
//! How each field is derived (absent values are `null`):
//!
//! | field | source |
//! |---|---|
//! | Thumbprint | SHA-1 of the DER, upper-case hex |
//! | ValidFrom / ValidTo | notBefore / notAfter, UTC, `YYYY-MM-DDThh:mm:ss.fffZ` |
//! | RawData | the certificate's DER, base64 |
//! | PublicKeyRawData | the subjectPublicKey BIT STRING contents, base64 (what .NET's `X509Certificate2.GetPublicKey()` returns) |
//! | SerialNumber | serial number content octets as encoded, upper-case hex |
//! | Surname | surname 2.5.4.4 |
//! | FirstName, MiddleName | givenName 2.5.4.42 split at the first space ("Имя Отчество") |
//! | CommonName | commonName 2.5.4.3 |
//! | Position | title 2.5.4.12 |
//! | OrganizationName | organizationName 2.5.4.10 |
//! | OrganizationInn | INNLE 1.2.643.100.4; else the INN 1.2.643.3.131.1.1 of a legal entity without its "00" padding; else, for an individual entrepreneur, the INN |
//! | Inn | INN 1.2.643.3.131.1.1 of a person or entrepreneur (null when it holds a legal entity's padded INN) |
//! | Snils | SNILS 1.2.643.100.3 |
//! | Email | emailAddress 1.2.840.113549.1.9.1, else the first rfc822Name of subjectAltName |
//! | Department | organizationalUnitName 2.5.4.11 |
//! | City | localityName 2.5.4.7 |
//! | Street | streetAddress 2.5.4.9 |
//! | Ogrn | OGRN 1.2.643.100.1 |
//! | OrgnIp | OGRNIP 1.2.643.100.5 |
//! | Region | stateOrProvinceName 2.5.4.8 |
//! | Locale | countryName 2.5.4.6 of the subject ("RU") |
//! | RnsFss | RNS FSS 1.2.643.3.141.1.1 |
//! | IssuerSimpleName | the issuer's simple display name: first of CN, OU, O, emailAddress |
//! | CertificateType | 0 unknown, 1 legal entity (OGRN, INNLE or EDRPOU), 2 individual entrepreneur (OGRNIP), 3 person (SNILS or personal INN only) — the numbering of Kontur's public `CertificateSubjectType` |

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::Serialize;
use signet_pki::CertificateFields;
use signet_pki::ids;
use utoipa::ToSchema;

use crate::present::dates::kontur_time;

/// Data of the certificate that made a signature (spec 003).
#[derive(Clone, Debug, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct Certificate {
    /// SHA-1 thumbprint, upper-case hex.
    pub thumbprint: String,
    /// Start of validity, `YYYY-MM-DDThh:mm:ss.fffZ`.
    pub valid_from: String,
    /// End of validity, `YYYY-MM-DDThh:mm:ss.fffZ`.
    pub valid_to: String,
    /// The certificate, base64 DER.
    pub raw_data: String,
    /// The public key, base64.
    pub public_key_raw_data: String,
    /// Serial number, upper-case hex.
    pub serial_number: String,
    /// Owner's surname.
    pub surname: Option<String>,
    /// Owner's first name.
    pub first_name: Option<String>,
    /// Owner's patronymic.
    pub middle_name: Option<String>,
    /// Owner's common name.
    pub common_name: Option<String>,
    /// Owner's position.
    pub position: Option<String>,
    /// Organisation name.
    pub organization_name: Option<String>,
    /// Organisation INN.
    pub organization_inn: Option<String>,
    /// INN of the person or individual entrepreneur.
    pub inn: Option<String>,
    /// SNILS of the owner.
    pub snils: Option<String>,
    /// Owner's e-mail.
    pub email: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Street and house.
    pub street: Option<String>,
    /// OGRN of the organisation.
    pub ogrn: Option<String>,
    /// OGRNIP of the individual entrepreneur.
    pub orgn_ip: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Country of the certificate.
    pub locale: Option<String>,
    /// Social Insurance Fund registration number.
    pub rns_fss: Option<String>,
    /// Issuer's simple name.
    pub issuer_simple_name: Option<String>,
    /// 0 unknown, 1 legal entity, 2 individual entrepreneur, 3 person.
    pub certificate_type: u8,
}

impl From<&CertificateFields> for Certificate {
    fn from(f: &CertificateFields) -> Self {
        let subject = |oid| f.subject.get(&oid).map(str::to_owned);
        let name = f.person_name();
        let ru = f.ru_identity();
        Certificate {
            thumbprint: hex::encode_upper(f.thumbprint_sha1),
            valid_from: kontur_time(f.not_before),
            valid_to: kontur_time(f.not_after),
            raw_data: B64.encode(&f.der),
            public_key_raw_data: B64.encode(&f.public_key.subject_public_key),
            serial_number: hex::encode_upper(&f.serial_number),
            surname: name.surname,
            first_name: name.first_name,
            middle_name: name.middle_name,
            common_name: subject(ids::CN),
            position: subject(ids::TITLE),
            organization_name: subject(ids::ORGANIZATION),
            organization_inn: ru.organization_inn,
            inn: ru.inn,
            snils: ru.snils,
            email: f.email(),
            department: subject(ids::ORGANIZATIONAL_UNIT),
            city: subject(ids::LOCALITY),
            street: subject(ids::STREET),
            ogrn: ru.ogrn,
            orgn_ip: ru.ogrnip,
            region: subject(ids::STATE),
            locale: subject(ids::COUNTRY),
            rns_fss: ru.rns_fss,
            issuer_simple_name: f.issuer.simple_name().map(str::to_owned),
            certificate_type: f.subject_kind() as u8,
        }
    }
}
