//! Encodings older and unusual CAs write: BMPString subjects, version 1,
//! GeneralizedTime, multi-valued RDNs, implicit private-key usage period,
//! key usage with unused bits.

use super::*;

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
