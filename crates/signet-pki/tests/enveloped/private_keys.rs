//! Private-key parsing: every `openssl genpkey` key type, traditional and
//! encrypted forms, GOST key encodings, and garbage keys.

use super::*;

#[test]
fn private_keys_of_every_type_parse_and_match() {
    let ossl = Openssl::new();
    let parties = vec![
        party(&ossl, KeyType::Rsa(2048)),
        party(&ossl, KeyType::EcP256),
        party(&ossl, KeyType::EcP384),
        custom_party(
            &ossl,
            "p521k",
            &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"],
            "-sha512",
            false,
        ),
        party(&ossl, KeyType::Ed25519),
        party(&ossl, KeyType::Gost2012_256("A")),
        party(&ossl, KeyType::Gost2012_256("TCA")),
        party(&ossl, KeyType::Gost2012_256("TCB")),
        party(&ossl, KeyType::Gost2012_512("A")),
        party(&ossl, KeyType::Gost2012_512("C")),
        custom_party(
            &ossl,
            "gost2001k",
            &["-algorithm", "gost2001", "-pkeyopt", "paramset:A"],
            "-md_gost94",
            true,
        ),
    ];
    let expected = [
        "RSA-2048",
        "EC P-256",
        "EC P-384",
        "EC P-521",
        "Ed25519",
        "GOST R 34.10-2012 (256)",
        "GOST R 34.10-2012 (256)",
        "GOST R 34.10-2012 (256)",
        "GOST R 34.10-2012 (512)",
        "GOST R 34.10-2012 (512)",
        "GOST R 34.10-2001",
    ];
    for (p, want) in parties.iter().zip(expected) {
        let got = p.key.description();
        assert_eq!(got, want, "{}", p.name);
        // DER of the same key parses too.
        let der = ossl.run(
            &["pkey", "-in", path(&p.key_path), "-outform", "DER"],
            p.gost,
        );
        let from_der = PrivateKey::parse(&der).expect("DER key");
        assert!(from_der.matches(&p.certificate));
        // No other certificate matches.
        for other in &parties {
            if other.name != p.name {
                assert!(
                    !p.key.matches(&other.certificate),
                    "{} matches {}",
                    p.name,
                    other.name
                );
            }
        }
        // The Debug form shows no secret.
        let debug = format!("{:?}", p.key);
        let pem = std::fs::read_to_string(&p.key_path).expect("read");
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        assert!(!debug.contains(&body[..20]), "{debug}");
    }
}

#[test]
fn traditional_and_encrypted_key_forms() {
    let ossl = Openssl::new();
    let rsa = party(&ossl, KeyType::Rsa(2048));
    let ec = party(&ossl, KeyType::EcP256);
    let trad = ossl.run(&["rsa", "-in", path(&rsa.key_path), "-traditional"], false);
    assert!(trad.starts_with(b"-----BEGIN RSA PRIVATE KEY-----"));
    assert!(
        PrivateKey::parse(&trad)
            .expect("PKCS#1")
            .matches(&rsa.certificate)
    );
    let sec1 = ossl.run(&["ec", "-in", path(&ec.key_path)], false);
    assert!(sec1.starts_with(b"-----BEGIN EC PRIVATE KEY-----"));
    assert!(
        PrivateKey::parse(&sec1)
            .expect("SEC1")
            .matches(&ec.certificate)
    );

    let encrypted = ossl.run(
        &[
            "pkcs8",
            "-topk8",
            "-in",
            path(&ec.key_path),
            "-v2",
            "aes-256-cbc",
            "-passout",
            "pass:secret",
        ],
        false,
    );
    let err = PrivateKey::parse(&encrypted).expect_err("encrypted PKCS#8");
    assert_eq!(err.to_string(), "not supported: encrypted PKCS#8");
    let legacy = ossl.run(
        &[
            "ec",
            "-in",
            path(&ec.key_path),
            "-aes256",
            "-passout",
            "pass:secret",
        ],
        false,
    );
    let err = PrivateKey::parse(&legacy).expect_err("encrypted traditional PEM");
    assert!(
        err.to_string().starts_with("not supported: encrypted PEM"),
        "{err}"
    );
}

/// gost-engine reads the GOST scalar also as an OCTET STRING (little-
/// endian) or an INTEGER (the number): both give the same key.
#[test]
fn gost_key_octet_string_and_integer_forms() {
    let ossl = Openssl::new();
    let p = party(&ossl, KeyType::Gost2012_256("A"));
    let der = ossl.run(&["pkey", "-in", path(&p.key_path), "-outform", "DER"], true);
    let tree = Node::parse(&der);
    let raw = tree.children[2].content.clone();
    assert_eq!(raw.len(), 32, "openssl genpkey writes the bare scalar");
    let with_key = |inner: Vec<u8>| {
        let mut t = tree.clone();
        t.children[2].content = inner;
        t.to_der()
    };
    let octet = Node::primitive(0x04, &raw).to_der();
    let mut be: Vec<u8> = raw.iter().rev().copied().collect();
    if be[0] & 0x80 != 0 {
        be.insert(0, 0);
    }
    let integer = Node::primitive(0x02, &be).to_der();
    for form in [octet, integer] {
        let key = PrivateKey::parse(&with_key(form)).expect("alternative GOST form");
        assert!(key.matches(&p.certificate));
        // And it decrypts what OpenSSL encrypts.
        let plain = xorshift_bytes(64, 3);
        let env = openssl_encrypt(&ossl, &p, &plain, &["-gost89"], "DER");
        assert_eq!(
            *decrypt_enveloped(&env, &p.certificate, &key).expect("decrypt"),
            plain
        );
    }
    // The masked form (more than one scalar) is refused clearly.
    let err = PrivateKey::parse(&with_key([raw.clone(), raw].concat())).expect_err("masked");
    assert!(
        err.to_string().starts_with("not supported: masked GOST"),
        "{err}"
    );
}

#[test]
fn garbage_and_truncated_keys_are_errors() {
    let ossl = Openssl::new();
    let p = party(&ossl, KeyType::EcP256);
    let der = ossl.run(
        &["pkey", "-in", path(&p.key_path), "-outform", "DER"],
        false,
    );
    for len in 0..der.len() {
        assert!(
            PrivateKey::parse(&der[..len]).is_err(),
            "truncated to {len}"
        );
    }
    for garbage in [&b""[..], b"hello", b"\x30\x03\x02\x01\x00", &[0xff; 100]] {
        assert!(PrivateKey::parse(garbage).is_err());
    }
    let pem = std::fs::read(&p.key_path).expect("read");
    let cut = &pem[..pem.len() / 2];
    assert!(PrivateKey::parse(cut).is_err(), "truncated PEM");
    let cert = std::fs::read(&p.cert.pem_path).expect("read");
    let err = PrivateKey::parse(&cert).expect_err("a certificate is not a key");
    assert!(err.to_string().contains("CERTIFICATE"), "{err}");
}
