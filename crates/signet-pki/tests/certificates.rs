//! Certificates made by OpenSSL, read by signet, and compared field by
//! field with what OpenSSL reads in them.
//!
//! For each key algorithm a CA and a leaf certificate are made with the
//! `openssl` command line (the gost engine for GOST): the leaf carries a
//! full Russian qualified-certificate subject (RFC 9215 section 5, FSB
//! order 795) and the extensions Russian CAs write. signet must parse it
//! from DER, PEM and bare base64, agree with OpenSSL on every field
//! OpenSSL prints, and derive the identity values (name split, INN, OGRN,
//! subject kind) from it.

mod common;

use common::{compare_with_openssl, iso, parse_every_form};
use const_oid::ObjectIdentifier;
use signet_pki::{
    AltName, BasicConstraints, Certificate, CertificateFields, GostKeyType, KeyAlgorithm, KeyUsage,
    PersonName, RuIdentity, SubjectKind,
};
use test_support::{CertFiles, CertSpec, KeyFile, KeyType, Openssl};

fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new(s).expect("a valid OID")
}

// Subject values of the leaf (placeholders of the right lengths).
const INN_PERSON: &str = "500100732259";
const SNILS: &str = "11223344595";
const OGRN: &str = "1027700132195";
const INNLE: &str = "7707083893";
const RNS_FSS: &str = "7701012345";
const EMAIL: &str = "ivanov@romashka.example.ru";

const SUBJECT_SIGN_TOOL: &str = "СКЗИ \"КриптоПро CSP\" (версия 5.0)";
const ISSUER_SIGN_TOOL: [&str; 4] = [
    "ПАКМ «КриптоПро HSM» версии 2.0",
    "ПАК «Удостоверяющий центр «КриптоПро УЦ» версии 2.0»",
    "Сертификат соответствия № СФ/124-3966 от 15.01.2021",
    "Сертификат соответствия № СФ/128-4270 от 13.07.2022",
];

/// A leaf serial number with the high bit set: DER needs a leading 00.
const LEAF_SERIAL: &str = "9A2B3C4D5E6F708192A3B4C5D6E7F801";

/// The test CA: a legal entity's self-signed root.
fn ca_spec() -> CertSpec {
    CertSpec::new()
        .subject("emailAddress", "ca@example.ru")
        .subject("C", "RU")
        .subject("ST", "77 Москва")
        .subject("L", "г. Москва")
        .subject("street", "ул. Сущёвский вал, д. 18")
        .subject("O", "ООО \"Тестовый УЦ\"")
        .subject("OGRN", "1037700085444")
        .subject("INNLE", "7717107991")
        .subject("CN", "Тестовый УЦ signet")
        .serial_hex("01")
        .days(3650)
        .extension("basicConstraints", "critical, CA:TRUE, pathlen:0")
        .extension("keyUsage", "critical, keyCertSign, cRLSign")
        .extension("subjectKeyIdentifier", "hash")
        .extension("authorityKeyIdentifier", "keyid:always")
        .extension(
            "certificatePolicies",
            "1.2.643.100.113.1, 1.2.643.100.113.2, 2.5.29.32.0",
        )
        .subject_sign_tool(ISSUER_SIGN_TOOL[0])
}

/// The full Russian subject of a legal entity's employee, in the order
/// Russian CAs write it.
fn leaf_spec() -> CertSpec {
    CertSpec::new()
        .subject("C", "RU")
        .subject("ST", "77 г. Москва")
        .subject("L", "Москва")
        .subject("street", "ул. Тверская, д. 1")
        .subject("O", "ООО «Ромашка»")
        .subject("OU", "Бухгалтерия")
        .subject("title", "Главный бухгалтер")
        .subject("SN", "Иванов")
        .subject("GN", "Иван Иванович")
        .subject("CN", "Иванов Иван Иванович")
        .subject("emailAddress", EMAIL)
        .subject("INN", INN_PERSON)
        .subject("SNILS", SNILS)
        .subject("OGRN", OGRN)
        .subject("INNLE", INNLE)
        .subject("1.2.643.3.141.1.1", RNS_FSS)
        .serial_hex(LEAF_SERIAL)
        .days(365)
        .extension(
            "keyUsage",
            "critical, digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment",
        )
        .extension(
            "extendedKeyUsage",
            "clientAuth, emailProtection, 1.2.643.2.2.34.6",
        )
        .extension("basicConstraints", "critical, CA:FALSE")
        .extension("subjectKeyIdentifier", "hash")
        .extension("authorityKeyIdentifier", "keyid")
        .extension("certificatePolicies", "1.2.643.100.113.1, @kc2_policy")
        .section(
            "kc2_policy",
            &[
                ("policyIdentifier", "1.2.643.100.113.2"),
                ("CPS.1", "http://ca.example.ru/cps"),
            ],
        )
        .extension(
            "subjectAltName",
            &format!("email:{EMAIL}, DNS:romashka.example.ru"),
        )
        .extension(
            "crlDistributionPoints",
            "URI:http://cdp.example.ru/ca.crl, URI:http://cdp2.example.ru/ca.crl",
        )
        .extension(
            "authorityInfoAccess",
            "OCSP;URI:http://ocsp.example.ru/ocsp, caIssuers;URI:http://ca.example.ru/ca.cer",
        )
        .subject_sign_tool(SUBJECT_SIGN_TOOL)
        .issuer_sign_tool(ISSUER_SIGN_TOOL)
        // IdentificationKind (RFC 9215 section 5.4): 1, by a qualified
        // electronic signature.
        .extension("1.2.643.100.114", "ASN1:INTEGER:1")
}

/// A CA and a leaf it issued, with their keys.
struct Pair {
    ca_key: KeyFile,
    ca: CertFiles,
    leaf: CertFiles,
}

fn make_pair(ossl: &Openssl, key_type: KeyType) -> Pair {
    let ca_key = ossl.generate_key(key_type);
    let ca = ossl.self_signed(&ca_key, &ca_spec());
    let leaf_key = ossl.generate_key(key_type);
    let leaf = ossl.issue(&ca, &ca_key, &leaf_key, &leaf_spec());
    Pair { ca_key, ca, leaf }
}

/// Checks the CA and the leaf against OpenSSL and against the values they
/// were made with; returns the leaf's key algorithm for the caller.
fn check_pair(ossl: &Openssl, pair: &Pair, signature_oid: &str) -> KeyAlgorithm {
    let ca_cert = parse_every_form(&pair.ca);
    let leaf_cert = parse_every_form(&pair.leaf);
    let ca = compare_with_openssl(ossl, &pair.ca).fields;
    let leaf = compare_with_openssl(ossl, &pair.leaf).fields;
    assert_eq!(ca, ca_cert.fields().clone());
    assert_eq!(leaf, leaf_cert.fields().clone());

    check_ca_values(&ca);
    check_leaf_values(&leaf);
    assert_eq!(ca.signature_algorithm, oid(signature_oid));
    assert_eq!(leaf.signature_algorithm, oid(signature_oid));
    assert_eq!(ca.public_key.algorithm, leaf.public_key.algorithm);

    // The chain: the leaf names the CA as issuer, by name and key id.
    assert_eq!(leaf.issuer, ca.subject);
    assert_eq!(ca.issuer, ca.subject);
    assert_eq!(
        leaf.extensions.authority_key_id,
        ca.extensions.subject_key_id
    );
    assert_eq!(ca.extensions.authority_key_id, ca.extensions.subject_key_id);
    assert_ne!(leaf.extensions.subject_key_id, ca.extensions.subject_key_id);
    assert!(pair.ca_key.path.exists());
    // The RFC 2253 string, most significant RDN last.
    let rfc2253 = ossl.subject_rfc2253(&pair.leaf);
    assert!(rfc2253.ends_with(",ST=77 г. Москва,C=RU"), "{rfc2253}");
    assert!(rfc2253.contains(",CN=Иванов Иван Иванович,"), "{rfc2253}");
    assert!(
        rfc2253.contains(",street=ул. Тверская\\, д. 1,"),
        "{rfc2253}"
    );
    leaf.public_key.algorithm
}

fn check_ca_values(ca: &CertificateFields) {
    assert_eq!(ca.version, 3);
    assert_eq!(ca.serial_number, vec![0x01]);
    assert_eq!(
        ca.extensions.basic_constraints,
        Some(BasicConstraints {
            ca: true,
            path_len: Some(0)
        })
    );
    let ku = ca.extensions.key_usage.expect("keyUsage");
    assert_eq!(
        ku.bits().collect::<Vec<_>>(),
        vec![KeyUsage::KEY_CERT_SIGN, KeyUsage::CRL_SIGN]
    );
    assert_eq!(
        ca.extensions.policies,
        vec![
            oid("1.2.643.100.113.1"),
            oid("1.2.643.100.113.2"),
            oid("2.5.29.32.0")
        ]
    );
    assert_eq!(
        ca.extensions.subject_sign_tool.as_deref(),
        Some(ISSUER_SIGN_TOOL[0])
    );
    let ru = ca.ru_identity();
    assert_eq!(
        ru,
        RuIdentity {
            inn: None,
            organization_inn: Some("7717107991".into()),
            snils: None,
            ogrn: Some("1037700085444".into()),
            ogrnip: None,
            rns_fss: None,
        }
    );
    assert_eq!(ca.subject_kind(), SubjectKind::LegalEntity);
    assert_eq!(ca.subject.simple_name(), Some("Тестовый УЦ signet"));
    assert_eq!(
        ca.subject.get(&oid("2.5.4.10")),
        Some("ООО \"Тестовый УЦ\"")
    );
    assert!(ca.not_after > ca.not_before);
}

fn check_leaf_values(leaf: &CertificateFields) {
    assert_eq!(leaf.version, 3);
    // DER keeps a leading 00 before a serial with the high bit set, and
    // signet keeps it too (as Windows shows the serial).
    let mut serial = vec![0u8];
    serial.extend(hex::decode(LEAF_SERIAL).expect("hex"));
    assert_eq!(leaf.serial_number, serial);
    let days = (leaf.not_after - leaf.not_before).whole_days();
    assert_eq!(
        days,
        365,
        "validity {} – {}",
        iso(leaf.not_before),
        iso(leaf.not_after)
    );

    // Every subject attribute, in order, with the value given to OpenSSL.
    let expected: Vec<(&str, &str)> = vec![
        ("2.5.4.6", "RU"),
        ("2.5.4.8", "77 г. Москва"),
        ("2.5.4.7", "Москва"),
        ("2.5.4.9", "ул. Тверская, д. 1"),
        ("2.5.4.10", "ООО «Ромашка»"),
        ("2.5.4.11", "Бухгалтерия"),
        ("2.5.4.12", "Главный бухгалтер"),
        ("2.5.4.4", "Иванов"),
        ("2.5.4.42", "Иван Иванович"),
        ("2.5.4.3", "Иванов Иван Иванович"),
        ("1.2.840.113549.1.9.1", EMAIL),
        ("1.2.643.3.131.1.1", INN_PERSON),
        ("1.2.643.100.3", SNILS),
        ("1.2.643.100.1", OGRN),
        ("1.2.643.100.4", INNLE),
        ("1.2.643.3.141.1.1", RNS_FSS),
    ];
    let got: Vec<(String, &str)> = leaf
        .subject
        .attributes
        .iter()
        .map(|a| (a.oid.to_string(), a.value.as_str()))
        .collect();
    let expected: Vec<(String, &str)> = expected
        .into_iter()
        .map(|(o, v)| (o.to_owned(), v))
        .collect();
    assert_eq!(got, expected);

    // Derived identity.
    assert_eq!(
        leaf.person_name(),
        PersonName {
            surname: Some("Иванов".into()),
            first_name: Some("Иван".into()),
            middle_name: Some("Иванович".into()),
        }
    );
    assert_eq!(
        leaf.ru_identity(),
        RuIdentity {
            inn: Some(INN_PERSON.into()),
            organization_inn: Some(INNLE.into()),
            snils: Some(SNILS.into()),
            ogrn: Some(OGRN.into()),
            ogrnip: None,
            rns_fss: Some(RNS_FSS.into()),
        }
    );
    assert_eq!(leaf.subject_kind(), SubjectKind::LegalEntity);
    assert_eq!(leaf.email().as_deref(), Some(EMAIL));
    assert_eq!(leaf.postal_address().as_deref(), Some("ул. Тверская, д. 1"));
    assert_eq!(leaf.subject.simple_name(), Some("Иванов Иван Иванович"));

    // Extensions, as requested.
    let e = &leaf.extensions;
    let ku = e.key_usage.expect("keyUsage");
    assert_eq!(ku.bits().collect::<Vec<_>>(), vec![0, 1, 2, 3]);
    assert!(ku.has(KeyUsage::DIGITAL_SIGNATURE) && ku.has(KeyUsage::NON_REPUDIATION));
    assert_eq!(
        e.extended_key_usage,
        vec![
            oid("1.3.6.1.5.5.7.3.2"),
            oid("1.3.6.1.5.5.7.3.4"),
            oid("1.2.643.2.2.34.6")
        ]
    );
    assert_eq!(
        e.basic_constraints,
        Some(BasicConstraints {
            ca: false,
            path_len: None
        })
    );
    assert_eq!(
        e.policies,
        vec![oid("1.2.643.100.113.1"), oid("1.2.643.100.113.2")]
    );
    assert_eq!(
        e.subject_alt_names,
        vec![
            AltName::Email(EMAIL.into()),
            AltName::Dns("romashka.example.ru".into())
        ]
    );
    assert_eq!(
        e.crl_distribution_points,
        vec![
            "http://cdp.example.ru/ca.crl".to_owned(),
            "http://cdp2.example.ru/ca.crl".to_owned()
        ]
    );
    assert_eq!(e.ocsp_urls, vec!["http://ocsp.example.ru/ocsp".to_owned()]);
    assert_eq!(
        e.ca_issuers_urls,
        vec!["http://ca.example.ru/ca.cer".to_owned()]
    );
    assert_eq!(e.subject_sign_tool.as_deref(), Some(SUBJECT_SIGN_TOOL));
    let ist = e.issuer_sign_tool.as_ref().expect("issuerSignTool");
    assert_eq!(
        [
            ist.sign_tool.as_str(),
            ist.ca_tool.as_str(),
            ist.sign_tool_cert.as_str(),
            ist.ca_tool_cert.as_str()
        ],
        ISSUER_SIGN_TOOL
    );
    assert_eq!(e.identification_kind, Some(1));
    assert_eq!(e.subject_key_id.as_ref().map(Vec::len), Some(20));
    assert!(e.present.iter().all(|x| x.understood));
    let critical: Vec<String> = e
        .present
        .iter()
        .filter(|x| x.critical)
        .map(|x| x.oid.to_string())
        .collect();
    assert_eq!(critical, vec!["2.5.29.15", "2.5.29.19"]);
}

#[test]
fn rsa_2048() {
    let ossl = Openssl::new();
    let pair = make_pair(&ossl, KeyType::Rsa(2048));
    let alg = check_pair(&ossl, &pair, "1.2.840.113549.1.1.11");
    assert_eq!(
        alg,
        KeyAlgorithm::Rsa {
            modulus_bits: 2048,
            pss: false
        }
    );
}

#[test]
fn ecdsa_p256() {
    let ossl = Openssl::new();
    let pair = make_pair(&ossl, KeyType::EcP256);
    let alg = check_pair(&ossl, &pair, "1.2.840.10045.4.3.2");
    assert_eq!(
        alg,
        KeyAlgorithm::Ec {
            curve: Some(oid("1.2.840.10045.3.1.7"))
        }
    );
    let leaf = Certificate::parse(&pair.leaf.der)
        .expect("parses")
        .fields()
        .clone();
    assert_eq!(leaf.public_key.key_bits(), Some(256));
    assert_eq!(leaf.public_key.subject_public_key.len(), 65);
}

#[test]
fn ecdsa_p384() {
    let ossl = Openssl::new();
    let pair = make_pair(&ossl, KeyType::EcP384);
    let alg = check_pair(&ossl, &pair, "1.2.840.10045.4.3.3");
    assert_eq!(
        alg,
        KeyAlgorithm::Ec {
            curve: Some(oid("1.3.132.0.34"))
        }
    );
    let leaf = Certificate::parse(&pair.leaf.der)
        .expect("parses")
        .fields()
        .clone();
    assert_eq!(leaf.public_key.key_bits(), Some(384));
}

#[test]
fn ed25519() {
    let ossl = Openssl::new();
    let pair = make_pair(&ossl, KeyType::Ed25519);
    let alg = check_pair(&ossl, &pair, "1.3.101.112");
    assert_eq!(alg, KeyAlgorithm::Ed25519);
    let leaf = Certificate::parse(&pair.leaf.der)
        .expect("parses")
        .fields()
        .clone();
    assert_eq!(leaf.public_key.key_bits(), Some(256));
    assert_eq!(leaf.public_key.subject_public_key.len(), 32);
}

#[test]
fn gost_2012_256() {
    let ossl = Openssl::new();
    let pair = make_pair(&ossl, KeyType::Gost2012_256("A"));
    let alg = check_pair(&ossl, &pair, "1.2.643.7.1.1.3.2");
    // paramset A of the gost engine is CryptoPro-A, with the Streebog-256
    // digest parameters that RFC 9215 section 4.2.1 requires with it.
    assert_eq!(
        alg,
        KeyAlgorithm::Gost {
            key_type: GostKeyType::R3410_2012_256,
            param_set: Some(oid("1.2.643.2.2.35.1")),
            digest_param_set: Some(oid("1.2.643.7.1.1.2.2")),
        }
    );
    let leaf = Certificate::parse(&pair.leaf.der)
        .expect("parses")
        .fields()
        .clone();
    assert_eq!(leaf.public_key.key_bits(), Some(256));
    assert_eq!(leaf.public_key.key_value().len(), 64);
}

#[test]
fn gost_2012_512() {
    let ossl = Openssl::new();
    let pair = make_pair(&ossl, KeyType::Gost2012_512("A"));
    let alg = check_pair(&ossl, &pair, "1.2.643.7.1.1.3.3");
    assert_eq!(
        alg,
        KeyAlgorithm::Gost {
            key_type: GostKeyType::R3410_2012_512,
            param_set: Some(oid("1.2.643.7.1.2.1.2.1")),
            digest_param_set: Some(oid("1.2.643.7.1.1.2.3")),
        }
    );
    let leaf = Certificate::parse(&pair.leaf.der)
        .expect("parses")
        .fields()
        .clone();
    assert_eq!(leaf.public_key.key_bits(), Some(512));
    assert_eq!(leaf.public_key.key_value().len(), 128);
}

/// Every GOST parameter set the engine offers, in a minimal certificate.
#[test]
fn gost_parameter_sets() {
    let ossl = Openssl::new();
    let cases = [
        (KeyType::Gost2012_256("A"), "1.2.643.2.2.35.1"),
        (KeyType::Gost2012_256("B"), "1.2.643.2.2.35.2"),
        (KeyType::Gost2012_256("C"), "1.2.643.2.2.35.3"),
        (KeyType::Gost2012_256("XA"), "1.2.643.2.2.36.0"),
        (KeyType::Gost2012_256("XB"), "1.2.643.2.2.36.1"),
        (KeyType::Gost2012_256("TCA"), "1.2.643.7.1.2.1.1.1"),
        (KeyType::Gost2012_256("TCB"), "1.2.643.7.1.2.1.1.2"),
        (KeyType::Gost2012_256("TCC"), "1.2.643.7.1.2.1.1.3"),
        (KeyType::Gost2012_256("TCD"), "1.2.643.7.1.2.1.1.4"),
        (KeyType::Gost2012_512("A"), "1.2.643.7.1.2.1.2.1"),
        (KeyType::Gost2012_512("B"), "1.2.643.7.1.2.1.2.2"),
        (KeyType::Gost2012_512("C"), "1.2.643.7.1.2.1.2.3"),
    ];
    for (key_type, set) in cases {
        let key = ossl.generate_key(key_type);
        let spec = CertSpec::new()
            .subject("CN", &format!("{key_type:?}"))
            .extension("keyUsage", "digitalSignature");
        let files = ossl.self_signed(&key, &spec);
        parse_every_form(&files);
        let f = compare_with_openssl(&ossl, &files).fields;
        let KeyAlgorithm::Gost { param_set, .. } = f.public_key.algorithm else {
            panic!(
                "{key_type:?}: not read as GOST: {:?}",
                f.public_key.algorithm
            );
        };
        assert_eq!(param_set, Some(oid(set)), "{key_type:?}");
        assert_eq!(f.public_key.parameter_set(), Some(&oid(set)));
    }
}

/// Key usage bits in the second byte of the BIT STRING (decipherOnly is
/// bit 8), and an explicit path length on a CA.
#[test]
fn key_usage_second_byte_and_path_length() {
    let ossl = Openssl::new();
    let key = ossl.generate_key(KeyType::EcP256);
    let spec = CertSpec::new()
        .subject("CN", "ECDH")
        .extension(
            "keyUsage",
            "critical, keyAgreement, encipherOnly, decipherOnly",
        )
        .extension("basicConstraints", "critical, CA:TRUE, pathlen:3")
        .extension(
            "subjectAltName",
            "URI:https://example.ru/a, IP:192.0.2.7, IP:2001:db8::1",
        );
    let files = ossl.self_signed(&key, &spec);
    let f = compare_with_openssl(&ossl, &files).fields;
    let ku = f.extensions.key_usage.expect("keyUsage");
    assert_eq!(ku.bits().collect::<Vec<_>>(), vec![4, 7, 8]);
    assert_eq!(
        f.extensions.basic_constraints,
        Some(BasicConstraints {
            ca: true,
            path_len: Some(3)
        })
    );
    assert_eq!(
        f.extensions.subject_alt_names,
        vec![
            AltName::Uri("https://example.ru/a".into()),
            AltName::Ip("192.0.2.7".into()),
            AltName::Ip("2001:db8::1".into()),
        ]
    );
}

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

/// Subject values in BMPString (UCS-2), as older Russian and Ukrainian CAs
/// wrote them, and characters `-subj` must escape.
#[test]
fn bmp_string_subject_and_escaped_characters() {
    let ossl = Openssl::new();
    let key = ossl.generate_key(KeyType::Gost2012_256("TCA"));
    let spec = CertSpec::new()
        .string_mask("MASK:0x800")
        .subject("C", "RU")
        .subject("O", "АО \"Рога + Копыта\" / филиал")
        .subject("CN", "Ёлкин Ёж Ёжович")
        .subject("INN", "007701234567");
    let files = ossl.self_signed(&key, &spec);
    let listing = ossl.asn1parse(&files, &[]);
    assert!(
        listing.contains("BMPSTRING"),
        "OpenSSL wrote BMPString: {listing}"
    );
    let f = compare_with_openssl(&ossl, &files).fields;
    assert_eq!(
        f.subject.get(&oid("2.5.4.10")),
        Some("АО \"Рога + Копыта\" / филиал")
    );
    assert_eq!(f.subject.get(&oid("2.5.4.3")), Some("Ёлкин Ёж Ёжович"));
}

/// A certificate without extensions is version 1; a validity ending after
/// 2049 is a GeneralizedTime; a multi-valued RDN is flattened in order.
#[test]
fn version_1_generalized_time_and_multi_valued_rdn() {
    let ossl = Openssl::new();
    let key = ossl.generate_key(KeyType::Ed25519);
    let spec = CertSpec::new()
        .subject("O", "Организация")
        .subject_rdn(&[("CN", "Иванов"), ("SN", "Иванов"), ("INN", "771234567890")])
        .days(36500);
    let files = ossl.self_signed(&key, &spec);
    let listing = ossl.asn1parse(&files, &[]);
    assert!(listing.contains("GENERALIZEDTIME"), "{listing}");
    let f = compare_with_openssl(&ossl, &files).fields;
    assert_eq!(f.version, 1);
    assert!(f.extensions.present.is_empty());
    assert!(f.not_after.year() > 2100);
    let types: Vec<String> = f
        .subject
        .attributes
        .iter()
        .map(|a| a.oid.to_string())
        .collect();
    // DER orders the SET by encoding: CN (2.5.4.3) before SN (2.5.4.4),
    // both before INN (a longer encoding).
    assert_eq!(
        types,
        ["2.5.4.10", "2.5.4.3", "2.5.4.4", "1.2.643.3.131.1.1"]
    );
    assert_eq!(f.subject_kind(), SubjectKind::Person);
}

/// privateKeyUsagePeriod as RFC 3280 section 4.2.1.4 defines
/// it (IMPLICIT [0] and [1] GeneralizedTime), with both dates and with
/// only notAfter. OpenSSL cannot write it from a configuration, so the
/// value is given as DER.
#[test]
fn private_key_usage_period_implicit() {
    let ossl = Openssl::new();
    let key = ossl.generate_key(KeyType::EcP256);
    let before = hex::encode(b"20240101000000Z");
    let after = hex::encode(b"20300630235959Z");
    let both = format!("DER:3022800F{before}810F{after}");
    let only_after = format!("DER:3011810F{after}");
    for (value, expected_before) in [(both, Some("2024-01-01 00:00:00Z")), (only_after, None)] {
        let spec = CertSpec::new()
            .subject("CN", "PKUP")
            .extension("2.5.29.16", &value);
        let files = ossl.self_signed(&key, &spec);
        let f = compare_with_openssl(&ossl, &files).fields;
        let (b, a) = f
            .extensions
            .private_key_usage_period
            .expect("privateKeyUsagePeriod");
        assert_eq!(b.map(iso).as_deref(), expected_before);
        assert_eq!(a.map(iso).as_deref(), Some("2030-06-30 23:59:59Z"));
    }
}

/// A multi-valued RDN whose SET is not in DER order (BER, as some old CAs
/// wrote it): OpenSSL reads and prints the attributes in encoding order,
/// as `name.rs` documents signet's list ("in encoding order").
///
/// signet gives them sorted instead: `x509-cert`'s `SetOfVec` sorts the
/// SET on decoding, and `DistinguishedName::from_name` flattens the decoded
/// (sorted) value rather than the encoding.
#[test]
fn unsorted_multi_valued_rdn_keeps_encoding_order() {
    let ossl = Openssl::new();
    let key = ossl.generate_key(KeyType::Ed25519);
    let spec = CertSpec::new().subject_rdn(&[("CN", "ab"), ("SN", "cd")]);
    let files = ossl.self_signed(&key, &spec);
    // SET { CN=ab, SN=cd }: two 11-byte AttributeTypeAndValues; swap them
    // in the issuer and in the subject. The signature no longer verifies,
    // which parsing does not check.
    let cn = [
        0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0C, 0x02, b'a', b'b',
    ];
    let sn = [
        0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x04, 0x0C, 0x02, b'c', b'd',
    ];
    let pair = [cn, sn].concat();
    let swapped = [sn, cn].concat();
    let mut der = files.der.clone();
    let mut count = 0;
    while let Some(at) = der.windows(pair.len()).position(|w| w == pair.as_slice()) {
        der[at..at + pair.len()].copy_from_slice(&swapped);
        count += 1;
    }
    assert_eq!(count, 2, "issuer and subject");
    let path = ossl.dir().join("unsorted-rdn.der");
    std::fs::write(&path, &der).expect("write");
    let unsorted = ossl.load_cert(&path, false);
    assert_eq!(unsorted.der, der, "OpenSSL keeps the encoding");
    assert_eq!(
        ossl.subject(&unsorted),
        [("SN", "cd"), ("CN", "ab")].map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    compare_with_openssl(&ossl, &unsorted);
}

/// keyUsage as a BIT STRING whose one unused bit is set (`03 02 01 C1`):
/// not DER, which requires unused bits to be zero, and `der` accepts it.
/// OpenSSL masks the unused bit and reads digitalSignature and
/// nonRepudiation.
///
/// signet also reports bit 7 (encipherOnly): `extensions::key_usage`
/// reads `raw_bytes()` without limiting itself to `bit_len()`.
#[test]
fn key_usage_ignores_unused_bits() {
    let ossl = Openssl::new();
    let key = ossl.generate_key(KeyType::Ed25519);
    let spec = CertSpec::new()
        .subject("CN", "unused bits")
        .extension("keyUsage", "critical, DER:030201C1");
    let files = ossl.self_signed(&key, &spec);
    let f = Certificate::parse(&files.der)
        .expect("parses")
        .fields()
        .clone();
    assert_eq!(
        f.extensions.key_usage.map(|k| k.bits().collect::<Vec<_>>()),
        Some(vec![0, 1]),
        "OpenSSL: {}",
        ossl.x509_query(&files, &["-ext", "keyUsage"])
    );
    compare_with_openssl(&ossl, &files);
}
