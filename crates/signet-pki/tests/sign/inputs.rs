//! Inputs: detached signatures from streamed digests, unsupported choices
//! and odd inputs (errors), and arbitrary input (no panics, by proptest).

use super::*;

/// A detached signature of a 6 MiB document hashed as a stream (two
/// signers, two digests from one pass), and one from a digest the caller
/// computed.
#[test]
fn detached_signature_from_streamed_digests() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let rsa = certified(
        &pki,
        &pki.issue("Stream RSA", KeyType::Rsa(2048), None, &[]),
    );
    let gost = certified(
        &pki,
        &pki.issue("Stream GOST", KeyType::Gost2012_512("B"), None, &[]),
    );
    let big: Vec<u8> = (0..6u32 << 20).map(|i| (i % 251) as u8).collect();
    let big_path = pki.ossl.temp_file("big", "bin", &big);
    drop(big);
    let file = std::fs::File::open(&big_path).expect("open");
    let digests = ContentDigests::compute(
        file,
        &[DigestAlgorithm::Sha256, DigestAlgorithm::Streebog512],
    )
    .expect("hashes");
    let sig = SignedDataBuilder::detached_from_digests(&digests)
        .include_certificates(intermediate(&pki))
        .add_signer(&rsa)
        .add_signer(&gost)
        .build()
        .expect("signs");
    let sig_path = pki.ossl.temp_file("big", "p7s", &sig);
    pki.ossl.run(
        &[
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            &p(&sig_path),
            "-content",
            &p(&big_path),
            "-CAfile",
            &p(&pki.root.cert.pem_path),
            "-out",
            "/dev/null",
        ],
        true,
    );

    // A digest the caller computed (here: SHA-384, not the RSA default).
    let small_digest = DigestAlgorithm::Sha384.digest(DOC);
    let sig = SignedDataBuilder::detached_from_digest(DigestAlgorithm::Sha384, &small_digest)
        .add_signer(&rsa)
        .include_certificates(intermediate(&pki))
        .build()
        .expect("signs");
    assert_eq!(
        SignedData::parse(&sig).expect("parses").signers[0]
            .signature_algorithm
            .oid
            .to_string(),
        "1.2.840.113549.1.1.12",
        "sha384WithRSAEncryption"
    );
    openssl_verify(&pki, &sig, Some(DOC), false).expect("openssl verifies");
    assert_valid(&signet_validate(&trust_root(&pki), &sig, DOC));

    // What the digests cannot serve is refused.
    assert!(matches!(
        SignedDataBuilder::detached_from_digest(DigestAlgorithm::Sha256, &small_digest)
            .add_signer(&rsa)
            .build(),
        Err(SignError::DigestLength { .. })
    ));
    assert!(matches!(
        SignedDataBuilder::detached_from_digest(DigestAlgorithm::Sha256, &small_digest[..32])
            .add_signer(&gost)
            .build(),
        Err(SignError::Unsupported(_))
    ));
    assert!(matches!(
        SignedDataBuilder::detached_from_digests(&digests)
            .digest(DigestAlgorithm::Sha512)
            .add_signer(&rsa)
            .build(),
        Err(SignError::DigestMissing(_))
    ));
    assert!(matches!(
        SignedDataBuilder::detached_from_digests(&digests)
            .detached(false)
            .add_signer(&rsa)
            .build(),
        Err(SignError::ContentRequired)
    ));
}

#[test]
fn unsupported_choices_and_odd_inputs_are_errors() {
    let pki = TestPki::new(KeyType::Ed25519);
    let ed = certified(&pki, &pki.issue("Ed", KeyType::Ed25519, None, &[]));
    // RFC 8419: an Ed25519 signer's digest is SHA-512.
    assert!(matches!(
        SignedDataBuilder::new(DOC)
            .digest(DigestAlgorithm::Sha256)
            .add_signer(&ed)
            .build(),
        Err(SignError::Unsupported(_))
    ));
    assert!(matches!(
        SignedDataBuilder::new(DOC).build(),
        Err(SignError::NoSigners)
    ));
    let gost_pki = TestPki::new(KeyType::Gost2012_256("A"));
    let gost = certified(
        &gost_pki,
        &gost_pki.issue("G", KeyType::Gost2012_256("A"), None, &[]),
    );
    assert!(matches!(
        SignedDataBuilder::new(DOC)
            .digest(DigestAlgorithm::Streebog512)
            .add_signer(&gost)
            .build(),
        Err(SignError::Unsupported(_))
    ));
    // Empty content is signed like any other.
    let sig = SignedDataBuilder::new(b"")
        .add_signer(&gost)
        .include_certificates(intermediate(&gost_pki))
        .build()
        .expect("signs empty content");
    assert_eq!(
        openssl_verify(&gost_pki, &sig, None, true).expect("openssl verifies"),
        b""
    );
    // Private keys that are not keys.
    let cert = gost.certificate().clone();
    let good = pkcs8(
        &gost_pki,
        &gost_pki
            .issue("H", KeyType::Gost2012_256("A"), None, &[])
            .key,
    );
    for bad in [
        &[][..],
        &[0x30, 0x00],
        &good[..good.len() - 1],
        &[0x30, 0x80, 0x00, 0x00],
        b"-----BEGIN PRIVATE KEY-----",
    ] {
        assert!(CertifiedKey::from_pkcs8(cert.clone(), bad).is_err());
    }
    // Existing signatures that are not signatures.
    for bad in [
        &[][..],
        b"not a signature",
        &[0x30, 0x03, 0x06, 0x01, 0x00],
        &sig[..sig.len() / 2],
    ] {
        assert!(add_signer_to(bad, Some(DOC), &gost).is_err());
    }
}

mod no_panic {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// One RSA signer for every case (key generation is slow).
    fn fixture() -> &'static (CertifiedKey, Vec<u8>) {
        static F: OnceLock<(CertifiedKey, Vec<u8>)> = OnceLock::new();
        F.get_or_init(|| {
            let pki = TestPki::new(KeyType::EcP256);
            let party = pki.issue("Fuzz", KeyType::EcP256, None, &[]);
            let key = certified(&pki, &party);
            let sig = pki.sign(&[&party], DOC, &SignOptions::default());
            (key, sig)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Random bytes, and a real signature with bytes changed, as the
        /// signature to co-sign: an answer, never a panic.
        #[test]
        fn co_signing_arbitrary_input(
            noise in proptest::collection::vec(any::<u8>(), 0..400),
            at in any::<usize>(),
            byte in any::<u8>(),
        ) {
            let (key, sig) = fixture();
            let _ = add_signer_to(&noise, Some(DOC), key);
            let mut edited = sig.clone();
            let i = at % edited.len();
            edited[i] = byte;
            let _ = add_signer_to(&edited, Some(DOC), key);
            let _ = add_signer_to(&edited[..i], None, key);
        }

        /// Random bytes as a PKCS#8 key.
        #[test]
        fn arbitrary_private_keys(noise in proptest::collection::vec(any::<u8>(), 0..300)) {
            let (key, _) = fixture();
            let _ = CertifiedKey::from_pkcs8(key.certificate().clone(), &noise);
        }
    }
}
