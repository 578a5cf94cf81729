//! Signature encodings: streamed indefinite-length BER, PEM and bare
//! base64, and truncated or garbage input (errors, not panics).

use super::*;

#[test]
fn streamed_ber_signature_is_read() {
    // `openssl cms -sign -stream` writes indefinite-length BER.
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Streaming signer", KeyType::Rsa(2048));
    let dir = pki.ossl.dir();
    let input = dir.join("stream-input.bin");
    std::fs::write(&input, DOC).expect("write");
    let out = dir.join("stream.p7s");
    pki.ossl.run(
        &[
            "cms",
            "-sign",
            "-binary",
            "-stream",
            "-nodetach",
            "-outform",
            "DER",
            "-in",
            input.to_str().expect("p"),
            "-out",
            out.to_str().expect("p"),
            "-signer",
            signer.cert.pem_path.to_str().expect("p"),
            "-inkey",
            signer.key.path.to_str().expect("p"),
            "-certfile",
            pki.intermediate.cert.pem_path.to_str().expect("p"),
        ],
        false,
    );
    let ber = std::fs::read(&out).expect("read");
    assert_eq!(ber[1], 0x80, "indefinite length, so really BER");
    let report = validate(&trust_root(&pki), &ber, DOC);
    assert_valid(&report);
}

#[test]
fn signatures_as_pem_and_base64_are_read() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Signer", KeyType::Rsa(2048));
    let der = pki.sign(&[&signer], DOC, &SignOptions::default());
    let dir = pki.ossl.dir();
    let der_path = dir.join("sig-der.p7s");
    std::fs::write(&der_path, &der).expect("write");
    let pem = pki.ossl.run(
        &[
            "cms",
            "-cmsout",
            "-inform",
            "DER",
            "-in",
            der_path.to_str().expect("p"),
            "-outform",
            "PEM",
        ],
        false,
    );
    assert!(String::from_utf8_lossy(&pem).contains("BEGIN CMS"));
    assert_valid(&validate(&trust_root(&pki), &pem, DOC));
    let b64 = pki
        .ossl
        .run(&["base64", "-in", der_path.to_str().expect("p")], false);
    assert_valid(&validate(&trust_root(&pki), &b64, DOC));
}

#[test]
fn truncated_and_garbage_signatures_are_errors_not_panics() {
    let pki = TestPki::new(KeyType::EcP256);
    let signer = ee(&pki, "Signer", KeyType::EcP256);
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    for len in (0..sig.len()).step_by(7) {
        assert!(
            SignedData::parse(&sig[..len]).is_err(),
            "truncated at {len}"
        );
    }
    for garbage in [&b""[..], b"garbage", &[0x30, 0x80], &[0xFF; 64]] {
        assert!(SignedData::parse(garbage).is_err());
    }
    // A certificate is not a signature.
    assert!(SignedData::parse(&signer.cert.der).is_err());
}
