//! One CA and leaf pair per key algorithm (RSA, ECDSA, Ed25519, GOST
//! 2012-256/512 and their parameter sets), plus key usage and path length.

use super::profile::{check_pair, make_pair};
use super::*;

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
