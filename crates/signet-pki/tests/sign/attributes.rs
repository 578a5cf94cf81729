//! The signed attributes as OpenSSL prints them (signing time, message
//! digest, ESS signing-certificate-v2 with Streebog for GOST) and a signer
//! named by subject key identifier.

use super::*;

/// Hex bytes of an `openssl cms -cmsout -print` hex dump block (`0000 - 3d
/// 27 f0 …-d9 92   ascii`), from the lines after `start` up to the next
/// `object:` line.
fn dump_after(text: &str, start: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut lines = text.lines().skip_while(|l| !l.contains(start)).skip(1);
    for line in lines.by_ref() {
        let t = line.trim();
        if t.starts_with("object:") {
            break;
        }
        let Some((offset, rest)) = t.split_once(" - ") else {
            continue;
        };
        if offset.len() != 4 || !offset.bytes().all(|b| b.is_ascii_hexdigit()) {
            continue;
        }
        let hex_part = rest.split("   ").next().unwrap_or_default();
        for byte in hex_part.split([' ', '-']).filter(|s| s.len() == 2) {
            out.push(u8::from_str_radix(byte, 16).expect("hex"));
        }
    }
    out
}

/// The `[HEX DUMP]:` values and OBJECT names OpenSSL prints inside the
/// signingCertificateV2 attribute.
fn ess_block(text: &str) -> String {
    text.lines()
        .skip_while(|l| !l.contains("id-smime-aa-signingCertificateV2"))
        .skip(1)
        .take_while(|l| {
            let t = l.trim();
            !t.starts_with("object:") && !t.starts_with("signatureAlgorithm:")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `openssl cms -cmsout -print` shows of the signed attributes, and
/// the ESS certificate hash compared with `openssl dgst` of the
/// certificate.
#[test]
fn openssl_prints_the_attributes_set() {
    // RSA: ESSCertIDv2 with SHA-256, hashAlgorithm left out.
    let pki = TestPki::new(KeyType::Rsa(2048));
    let party = pki.issue("Attributes", KeyType::Rsa(2048), None, &[]);
    let signer = certified(&pki, &party);
    // 2031-05-17T12:34:56Z: UTCTime.
    let sig = SignedDataBuilder::new(DOC)
        .detached(true)
        .signing_time(Some(datetime!(2031-05-17 12:34:56 UTC)))
        .add_signer(&signer)
        .build()
        .expect("signs");
    let sig_path = pki.ossl.temp_file("print", "p7s", &sig);
    let text = pki.ossl.run_text(
        &[
            "cms",
            "-cmsout",
            "-print",
            "-inform",
            "DER",
            "-in",
            &p(&sig_path),
        ],
        false,
    );
    assert!(text.contains("object: contentType (1.2.840.113549.1.9.3)"));
    assert!(text.contains("OBJECT:pkcs7-data (1.2.840.113549.1.7.1)"));
    assert!(text.contains("object: signingTime (1.2.840.113549.1.9.5)"));
    assert!(text.contains("UTCTIME:May 17 12:34:56 2031 GMT"), "{text}");
    let doc_path = pki.ossl.temp_file("doc", "bin", DOC);
    let sha256_doc = pki
        .ossl
        .run(&["dgst", "-sha256", "-binary", &p(&doc_path)], false);
    assert_eq!(
        dump_after(&text, "object: messageDigest"),
        sha256_doc,
        "message-digest"
    );
    let ess = ess_block(&text);
    let cert_hash = pki.ossl.run(
        &["dgst", "-sha256", "-binary", &p(&party.cert.der_path)],
        false,
    );
    assert!(
        ess.contains(&format!("[HEX DUMP]:{}", hex::encode_upper(&cert_hash))),
        "the ESS hash is SHA-256 of the certificate: {ess}"
    );
    // SigningCertificateV2 / certs / ESSCertIDv2 are depths 0–2; the
    // first field of ESSCertIDv2 is certHash itself.
    let first_field = ess
        .lines()
        .find(|l| l.contains(":d=3 "))
        .unwrap_or_default();
    assert!(
        first_field.contains("OCTET STRING"),
        "hashAlgorithm is omitted for SHA-256 (its DEFAULT): {ess}"
    );
    assert!(
        ess.contains(&format!(":{}", pki.ossl.serial_hex(&party.cert))),
        "issuerSerial carries the serial number: {ess}"
    );
    assert!(
        ess.contains("cont [ 4 ]"),
        "issuer as a directoryName: {ess}"
    );
    assert!(!text.contains("S/MIME Capabilities"));

    // After 2049: GeneralizedTime.
    let sig = SignedDataBuilder::new(DOC)
        .signing_time(Some(datetime!(2051-01-02 03:04:05 UTC)))
        .include_certificates(intermediate(&pki))
        .add_signer(&signer)
        .build()
        .expect("signs");
    let sig_path = pki.ossl.temp_file("print", "p7s", &sig);
    let text = pki.ossl.run_text(
        &[
            "cms",
            "-cmsout",
            "-print",
            "-inform",
            "DER",
            "-in",
            &p(&sig_path),
        ],
        false,
    );
    assert!(
        text.contains("GENERALIZEDTIME:Jan  2 03:04:05 2051 GMT"),
        "{text}"
    );
    openssl_verify(&pki, &sig, None, false).expect("openssl verifies");
}

#[test]
fn gost_ess_certificate_hash_is_streebog() {
    for (key, md) in [
        (KeyType::Gost2012_256("A"), "-md_gost12_256"),
        (KeyType::Gost2012_512("A"), "-md_gost12_512"),
    ] {
        let pki = TestPki::new(key);
        let party = pki.issue("ГОСТ ESS", key, None, &[]);
        let signer = certified(&pki, &party);
        let sig = SignedDataBuilder::new(DOC)
            .add_signer(&signer)
            .build()
            .expect("signs");
        let sig_path = pki.ossl.temp_file("print", "p7s", &sig);
        let text = pki.ossl.run_text(
            &[
                "cms",
                "-cmsout",
                "-print",
                "-inform",
                "DER",
                "-in",
                &p(&sig_path),
            ],
            true,
        );
        let ess = ess_block(&text);
        let cert_hash = pki
            .ossl
            .run(&["dgst", md, "-binary", &p(&party.cert.der_path)], true);
        assert!(
            ess.contains(&format!("[HEX DUMP]:{}", hex::encode_upper(&cert_hash))),
            "{key:?}: the ESS hash is {md} of the certificate: {ess}"
        );
        let hash_name = if md == "-md_gost12_256" {
            "GOST R 34.11-2012 with 256 bit hash"
        } else {
            "GOST R 34.11-2012 with 512 bit hash"
        };
        assert!(ess.contains(hash_name), "{key:?}: {ess}");
        let alg_name = if md == "-md_gost12_256" {
            "1.2.643.7.1.1.3.2"
        } else {
            "1.2.643.7.1.1.3.3"
        };
        assert!(
            text.contains(alg_name),
            "signatureAlgorithm id-tc26-signwithdigest: {text}"
        );
    }
}

#[test]
fn signer_named_by_subject_key_identifier() {
    let pki = TestPki::new(KeyType::EcP256);
    let party = pki.issue("SKI", KeyType::EcP256, None, &[]);
    let signer = certified(&pki, &party);
    let sig = SignedDataBuilder::new(DOC)
        .signer_identifier(SignerIdentifierChoice::SubjectKeyIdentifier)
        .include_certificates(intermediate(&pki))
        .add_signer(&signer)
        .build()
        .expect("signs");
    let signed = SignedData::parse(&sig).expect("parses");
    assert_eq!(signed.version, 3, "RFC 5652 5.1: a v3 SignerInfo");
    assert_eq!(signed.signers[0].version, 3);
    assert!(matches!(signed.signers[0].sid, SignerId::SubjectKeyId(_)));
    openssl_verify(&pki, &sig, None, false).expect("openssl verifies");
    assert_valid(&signet_validate(&trust_root(&pki), &sig, DOC));

    // A certificate without the extension cannot be named so.
    let bare = pki.issue(
        "No SKI",
        KeyType::EcP256,
        None,
        &[
            ("basicConstraints", "CA:false"),
            // OpenSSL 3 adds the identifier unless told not to.
            ("subjectKeyIdentifier", "none"),
        ],
    );
    let bare = certified(&pki, &bare);
    assert!(matches!(
        SignedDataBuilder::new(DOC)
            .signer_identifier(SignerIdentifierChoice::SubjectKeyIdentifier)
            .add_signer(&bare)
            .build(),
        Err(SignError::NoSubjectKeyIdentifier(_))
    ));
}
