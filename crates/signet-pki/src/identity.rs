//! Who a certificate names: values derived from the subject name and the
//! extensions by the rules of Russian and Ukrainian qualified certificates.
//!
//! Russia ([RFC 9215] section 5, FSB order 795): INN 1.2.643.3.131.1.1 is a
//! 12-digit number; legal entities' certificates issued before INNLE
//! (1.2.643.100.4) existed carry "00" + their 10-digit INN there. givenName
//! holds "Имя Отчество".
//!
//! Ukraine (order 1236/5/453; UAPKI and IIT libraries): DRFO and EDRPOU sit
//! in subjectDirectoryAttributes; newer certificates repeat them in the
//! subject as serialNumber "TINUA-<DRFO>" and organizationIdentifier
//! "NTRUA-<EDRPOU>" (ETSI EN 319 412-1 semantics identifiers). People who
//! refused a tax number carry their passport number in the DRFO attribute.
//! Qualification is stated by qcStatements (ETSI EN 319 412-5 QcCompliance,
//! or the Ukrainian 1.2.804.2.1.1.1.2.1), a QSCD by QcSSCD, a seal by the
//! Ukrainian stamp key usage or the QcType eseal.
//!
//! [RFC 9215]: https://datatracker.ietf.org/doc/html/rfc9215#section-5

use crate::certificate::CertificateFields;
use crate::extensions::AltName;
use crate::oid::ids;

/// Whom the certificate was issued to, as the Kontur APIs number it
/// (Diadoc's public `CertificateSubjectType`: 0 unknown, 1 legal entity,
/// 2 individual entrepreneur, 3 natural person).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum SubjectKind {
    /// Nothing in the certificate tells.
    Unknown = 0,
    /// A legal entity or its representative (OGRN / INNLE / EDRPOU).
    LegalEntity = 1,
    /// An individual entrepreneur (OGRNIP; in Ukraine a ФОП, EDRPOU = DRFO).
    IndividualEntrepreneur = 2,
    /// A natural person (SNILS or a personal INN / DRFO only).
    Person = 3,
}

/// A person's name split as Russian and Ukrainian certificates write it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonName {
    /// surname (2.5.4.4).
    pub surname: Option<String>,
    /// The first word of givenName (2.5.4.42).
    pub first_name: Option<String>,
    /// The rest of givenName: the patronymic.
    pub middle_name: Option<String>,
}

/// Russian identifiers of the subject.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuIdentity {
    /// The personal INN (of a person or an individual entrepreneur); `None`
    /// when the INN attribute holds a legal entity's padded INN.
    pub inn: Option<String>,
    /// The organisation's 10-digit INN: INNLE, else the INN attribute
    /// without its "00" padding, else the INN of an individual entrepreneur.
    pub organization_inn: Option<String>,
    /// СНИЛС.
    pub snils: Option<String>,
    /// ОГРН.
    pub ogrn: Option<String>,
    /// ОГРНИП.
    pub ogrnip: Option<String>,
    /// РНС ФСС.
    pub rns_fss: Option<String>,
}

/// Ukrainian identifiers and qualification flags of the subject.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UaIdentity {
    /// РНОКПП / ДРФО: the 10-digit personal tax number.
    pub drfo: Option<String>,
    /// Passport number given in place of a tax number.
    pub passport: Option<String>,
    /// Код ЄДРПОУ.
    pub edrpou: Option<String>,
    /// УНЗР, the demographic-register record number.
    pub unzr: Option<String>,
    /// The user (external) code 1.2.804.2.1.1.1.11.1.4.7.1.
    pub user_code: Option<String>,
}

/// Qualification of the certificate (eIDAS / Ukrainian law).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Qualification {
    /// QcCompliance or the Ukrainian qualified statement.
    pub qualified: bool,
    /// QcSSCD: the key is kept in a qualified signature creation device.
    pub key_on_qscd: bool,
    /// An electronic seal (stamp) rather than a person's signature.
    pub electronic_stamp: bool,
    /// The Ukrainian "reinforced certificate" policy.
    pub reinforced: bool,
}

impl CertificateFields {
    /// The subject's surname, first name and patronymic.
    pub fn person_name(&self) -> PersonName {
        let surname = self.subject.get(&ids::SURNAME).map(str::to_owned);
        let (first_name, middle_name) = match self.subject.get(&ids::GIVEN_NAME) {
            Some(given) => {
                let mut parts = given.splitn(2, char::is_whitespace);
                let first = parts.next().map(str::to_owned);
                let rest = parts
                    .next()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned);
                (first, rest)
            }
            None => (None, None),
        };
        PersonName {
            surname,
            first_name,
            middle_name,
        }
    }

    /// The subject's Russian identifiers.
    pub fn ru_identity(&self) -> RuIdentity {
        let get = |oid| self.subject.get(&oid).map(str::to_owned);
        let raw_inn = get(ids::INN);
        let padded_org_inn = raw_inn
            .as_deref()
            .filter(|i| i.len() == 12 && i.starts_with("00"))
            .map(|i| i[2..].to_owned());
        let ogrnip = get(ids::OGRNIP);
        let inn = raw_inn.clone().filter(|_| padded_org_inn.is_none());
        let organization_inn = get(ids::INNLE)
            .or(padded_org_inn)
            .or_else(|| inn.clone().filter(|_| ogrnip.is_some()));
        RuIdentity {
            inn,
            organization_inn,
            snils: get(ids::SNILS),
            ogrn: get(ids::OGRN),
            ogrnip,
            rns_fss: get(ids::RNS_FSS),
        }
    }

    /// The subject's Ukrainian identifiers.
    pub fn ua_identity(&self) -> UaIdentity {
        let ext = &self.extensions;
        let dir = |oid| ext.directory_attribute(&oid).map(str::to_owned);
        let tin = self
            .subject
            .get(&ids::SERIAL_NUMBER)
            .and_then(|s| s.strip_prefix("TINUA-"))
            .map(str::to_owned);
        let ntr = self
            .subject
            .get(&ids::ORGANIZATION_IDENTIFIER)
            .and_then(|s| s.strip_prefix("NTRUA-"))
            .map(str::to_owned);
        let drfo_attr = dir(ids::DRFO).or(tin);
        let (drfo, passport) = match drfo_attr {
            Some(v) if is_passport_number(&v) => (None, Some(v)),
            other => (other, None),
        };
        UaIdentity {
            drfo,
            passport,
            edrpou: dir(ids::EDRPOU).or(ntr),
            unzr: dir(ids::EDDR_UNZR),
            user_code: dir(ids::UA_USER_CODE),
        }
    }

    /// Qualification flags from qcStatements, policies and key usages.
    pub fn qualification(&self) -> Qualification {
        let ext = &self.extensions;
        Qualification {
            qualified: ext.has_qc_statement(&ids::QCS_COMPLIANCE)
                || ext.has_qc_statement(&ids::UA_QCS_QUALIFIED),
            key_on_qscd: ext.has_qc_statement(&ids::QCS_SSCD),
            electronic_stamp: ext.extended_key_usage.contains(&ids::UA_EKU_STAMP)
                || ext.has_qc_type(&ids::QCT_ESEAL),
            reinforced: ext.policies.contains(&ids::UA_POLICY_REINFORCED),
        }
    }

    /// Whom the certificate was issued to.
    pub fn subject_kind(&self) -> SubjectKind {
        let ru = self.ru_identity();
        let ua = self.ua_identity();
        let personal_ua = ua.drfo.as_ref().or(ua.passport.as_ref());
        if ru.ogrnip.is_some() || (ua.edrpou.is_some() && ua.edrpou.as_ref() == personal_ua) {
            SubjectKind::IndividualEntrepreneur
        } else if ru.ogrn.is_some() || ru.organization_inn.is_some() || ua.edrpou.is_some() {
            SubjectKind::LegalEntity
        } else if ru.snils.is_some() || ru.inn.is_some() || personal_ua.is_some() {
            SubjectKind::Person
        } else {
            SubjectKind::Unknown
        }
    }

    /// The subject's postal address: streetAddress, else the postal
    /// address Ukrainian CAs put in subjectAltName as an otherName.
    pub fn postal_address(&self) -> Option<String> {
        self.subject
            .get(&ids::STREET)
            .map(str::to_owned)
            .or_else(|| {
                self.extensions
                    .subject_alt_names
                    .iter()
                    .find_map(|n| match n {
                        AltName::Other { oid, value } if *oid == ids::SAN_IIT_POSTAL_ADDRESS => {
                            Some(value.clone())
                        }
                        _ => None,
                    })
            })
    }

    /// The subject's e-mail: emailAddress in the name, else the first
    /// rfc822Name of subjectAltName.
    pub fn email(&self) -> Option<String> {
        self.subject
            .get(&ids::EMAIL)
            .map(str::to_owned)
            .or_else(|| {
                self.extensions
                    .subject_alt_names
                    .iter()
                    .find_map(|n| match n {
                        AltName::Email(e) => Some(e.clone()),
                        _ => None,
                    })
            })
    }
}

/// A Ukrainian passport number: two Cyrillic letters and six digits, or the
/// nine digits of an ID card.
fn is_passport_number(v: &str) -> bool {
    let chars: Vec<char> = v.chars().collect();
    let digits = |s: &[char]| s.iter().all(char::is_ascii_digit);
    (chars.len() == 8 && chars[..2].iter().all(|c| c.is_alphabetic()) && digits(&chars[2..]))
        || (chars.len() == 9 && digits(&chars))
}

#[cfg(test)]
mod tests {
    use super::is_passport_number;

    #[test]
    fn passport_numbers() {
        assert!(is_passport_number("КН000006"));
        assert!(is_passport_number("123456789"));
        assert!(!is_passport_number("3012345678"));
        assert!(!is_passport_number("TINUA-3012345678"));
    }
}
