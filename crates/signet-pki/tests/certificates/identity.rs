//! The identity values derived from a subject: name split, INN, OGRN,
//! SNILS and the subject kind (entrepreneur, legal entity, person, unknown).

use super::*;

/// A self-signed certificate with the given subject, for the identity
/// rules (one key reused).
fn identity_cert(ossl: &Openssl, key: &KeyFile, subject: &[(&str, &str)]) -> CertificateFields {
    let spec = subject
        .iter()
        .fold(CertSpec::new(), |s, (k, v)| s.subject(k, v));
    let files = ossl.self_signed(key, &spec);
    compare_with_openssl(ossl, &files).fields
}

#[test]
fn individual_entrepreneur() {
    let ossl = Openssl::new();
    let key = ossl.generate_key(KeyType::Ed25519);
    let f = identity_cert(
        &ossl,
        &key,
        &[
            ("C", "RU"),
            ("SN", "Петров"),
            ("GN", "Пётр"),
            ("CN", "ИП Петров Пётр"),
            ("INN", "772812345678"),
            ("SNILS", "12345678901"),
            ("OGRNIP", "304770000012345"),
        ],
    );
    assert_eq!(f.subject_kind(), SubjectKind::IndividualEntrepreneur);
    assert_eq!(
        f.ru_identity(),
        RuIdentity {
            inn: Some("772812345678".into()),
            organization_inn: Some("772812345678".into()),
            snils: Some("12345678901".into()),
            ogrn: None,
            ogrnip: Some("304770000012345".into()),
            rns_fss: None,
        }
    );
    // givenName without a patronymic.
    assert_eq!(
        f.person_name(),
        PersonName {
            surname: Some("Петров".into()),
            first_name: Some("Пётр".into()),
            middle_name: None,
        }
    );
}

/// Certificates issued before INNLE existed carry the organisation's INN
/// as "00" + 10 digits in the INN attribute.
#[test]
fn legal_entity_with_padded_inn() {
    let ossl = Openssl::new();
    let key = ossl.generate_key(KeyType::Ed25519);
    let f = identity_cert(
        &ossl,
        &key,
        &[
            ("C", "RU"),
            ("O", "ООО «Ромашка»"),
            ("CN", "ООО «Ромашка»"),
            ("INN", "007701234567"),
            ("OGRN", "1027700132195"),
        ],
    );
    assert_eq!(f.subject_kind(), SubjectKind::LegalEntity);
    let ru = f.ru_identity();
    assert_eq!(ru.organization_inn.as_deref(), Some("7701234567"));
    assert_eq!(ru.inn, None);
    assert_eq!(ru.ogrn.as_deref(), Some("1027700132195"));
    assert_eq!(f.person_name(), PersonName::default());
}

#[test]
fn natural_person() {
    let ossl = Openssl::new();
    let key = ossl.generate_key(KeyType::Ed25519);
    let f = identity_cert(
        &ossl,
        &key,
        &[
            ("C", "RU"),
            ("SN", "Сидорова"),
            ("GN", "Анна  Сергеевна"),
            ("CN", "Сидорова Анна Сергеевна"),
            ("SNILS", "98765432100"),
            ("INN", "771234567890"),
        ],
    );
    assert_eq!(f.subject_kind(), SubjectKind::Person);
    assert_eq!(
        f.ru_identity(),
        RuIdentity {
            inn: Some("771234567890".into()),
            organization_inn: None,
            snils: Some("98765432100".into()),
            ..RuIdentity::default()
        }
    );
    // Two spaces between the first name and the patronymic.
    assert_eq!(f.person_name().first_name.as_deref(), Some("Анна"));
    assert_eq!(f.person_name().middle_name.as_deref(), Some("Сергеевна"));
}

#[test]
fn no_identifiers_is_unknown() {
    let ossl = Openssl::new();
    let key = ossl.generate_key(KeyType::Ed25519);
    let f = identity_cert(&ossl, &key, &[("CN", "server.example.ru")]);
    assert_eq!(f.subject_kind(), SubjectKind::Unknown);
    assert_eq!(f.ru_identity(), RuIdentity::default());
}
