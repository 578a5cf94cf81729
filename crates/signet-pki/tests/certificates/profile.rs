//! The profile the per-algorithm tests make: a CA and a leaf with a full
//! Russian qualified-certificate subject and the extensions Russian CAs
//! write, and the field-by-field checks of both against OpenSSL and
//! against the values they were made with.

use super::*;

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
pub(super) struct Pair {
    pub(super) ca_key: KeyFile,
    pub(super) ca: CertFiles,
    pub(super) leaf: CertFiles,
}

pub(super) fn make_pair(ossl: &Openssl, key_type: KeyType) -> Pair {
    let ca_key = ossl.generate_key(key_type);
    let ca = ossl.self_signed(&ca_key, &ca_spec());
    let leaf_key = ossl.generate_key(key_type);
    let leaf = ossl.issue(&ca, &ca_key, &leaf_key, &leaf_spec());
    Pair { ca_key, ca, leaf }
}

/// Checks the CA and the leaf against OpenSSL and against the values they
/// were made with; returns the leaf's key algorithm for the caller.
pub(super) fn check_pair(ossl: &Openssl, pair: &Pair, signature_oid: &str) -> KeyAlgorithm {
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
