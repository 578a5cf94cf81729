//! Signatures made other ways: Ed25519 by GnuTLS `certtool`, RSA-PSS, and
//! a signer named by subject key identifier.

use super::*;

#[test]
fn ed25519_signature_made_by_gnutls_certtool() {
    // OpenSSL 3.0 cannot make Ed25519 CMS; GnuTLS's certtool can.
    let pki = TestPki::new(KeyType::Ed25519);
    let signer = ee(&pki, "Ed25519 signer", KeyType::Ed25519);
    let sig = pki.sign_with_certtool(&signer, DOC);
    let trust =
        TrustStore::from_certificates([Certificate::parse(&pki.root.cert.der).expect("root")]);
    let report = validate(&trust, &sig, DOC);
    assert_valid(&report);
    assert!(report.signers[0].signing_time.is_some());
    assert!(!validate(&trust, &sig, b"other").is_valid());
}

#[test]
fn rsa_pss_signature() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "PSS signer", KeyType::Rsa(2048));
    let dir = pki.ossl.dir();
    let input = dir.join("pss-doc.bin");
    std::fs::write(&input, DOC).expect("write");
    let out = dir.join("pss.p7s");
    let p = |x: &std::path::Path| x.to_str().expect("utf-8 path").to_owned();
    pki.ossl.run(
        &[
            "cms",
            "-sign",
            "-binary",
            "-outform",
            "DER",
            "-md",
            "sha256",
            "-in",
            &p(&input),
            "-out",
            &p(&out),
            "-signer",
            &p(&signer.cert.pem_path),
            "-inkey",
            &p(&signer.key.path),
            "-certfile",
            &p(&pki.intermediate.cert.pem_path),
            "-keyopt",
            "rsa_padding_mode:pss",
        ],
        false,
    );
    let sig = std::fs::read(&out).expect("read");
    let signed = SignedData::parse(&sig).expect("parses");
    assert_eq!(
        signed.signers[0].signature_algorithm.oid.to_string(),
        "1.2.840.113549.1.1.10"
    );
    assert_valid(&validate(&trust_root(&pki), &sig, DOC));
}

#[test]
fn signer_named_by_subject_key_identifier() {
    let pki = TestPki::new(KeyType::EcP256);
    let signer = ee(&pki, "SKI signer", KeyType::EcP256);
    let dir = pki.ossl.dir();
    let input = dir.join("ski-doc.bin");
    std::fs::write(&input, DOC).expect("write");
    let out = dir.join("ski.p7s");
    let p = |x: &std::path::Path| x.to_str().expect("utf-8 path").to_owned();
    pki.ossl.run(
        &[
            "cms",
            "-sign",
            "-binary",
            "-keyid",
            "-outform",
            "DER",
            "-in",
            &p(&input),
            "-out",
            &p(&out),
            "-signer",
            &p(&signer.cert.pem_path),
            "-inkey",
            &p(&signer.key.path),
            "-certfile",
            &p(&pki.intermediate.cert.pem_path),
        ],
        false,
    );
    let sig = std::fs::read(&out).expect("read");
    let signed = SignedData::parse(&sig).expect("parses");
    assert!(matches!(
        signed.signers[0].sid,
        signet_pki::SignerId::SubjectKeyId(_)
    ));
    assert_valid(&validate(&trust_root(&pki), &sig, DOC));
}
