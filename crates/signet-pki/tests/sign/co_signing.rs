//! Several signers in one SignedData, a co-signature added to a signature
//! OpenSSL made, and co-signing refused for other content or none.

use super::*;

/// Three signers of three algorithms in one SignedData, each with its own
/// digest: RSA (SHA-256), ECDSA P-384 (SHA-384), GOST 2012-256
/// (Streebog-256), all under one RSA CA.
#[test]
fn several_signers_in_one_signed_data() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let rsa = pki.issue("RSA signer", KeyType::Rsa(2048), None, &[]);
    let ec = pki.issue("EC signer", KeyType::EcP384, None, &[]);
    let gost = pki.issue("GOST signer", KeyType::Gost2012_256("B"), None, &[]);
    let (rsa, ec, gost) = (
        certified(&pki, &rsa),
        certified(&pki, &ec),
        certified(&pki, &gost),
    );
    let sig = SignedDataBuilder::new(DOC)
        .signing_time(Some(now()))
        .include_certificates(intermediate(&pki))
        .add_signer(&rsa)
        .add_signer(&ec)
        .add_signer(&gost)
        .build()
        .expect("signs");
    assert_der(&sig);
    let signed = SignedData::parse(&sig).expect("parses");
    assert_eq!(signed.signers.len(), 3);
    assert_eq!(
        signed.digest_algorithms(),
        {
            let mut v = vec![
                DigestAlgorithm::Sha256,
                DigestAlgorithm::Sha384,
                DigestAlgorithm::Streebog256,
            ];
            v.sort_by_key(|a| a.name());
            v
        },
        "digestAlgorithms lists each signer's digest"
    );
    assert_eq!(signed.certificates.len(), 4, "three signers and the CA");
    // OpenSSL verifies every signer.
    assert_eq!(
        openssl_verify(&pki, &sig, None, true).expect("openssl verifies all three"),
        DOC
    );
    let report = signet_validate(&trust_root(&pki), &sig, DOC);
    assert_valid(&report);
    assert_eq!(report.signers.len(), 3);
    assert!(
        report
            .signers
            .iter()
            .all(|s| s.cades == Some(CadesLevel::Bes))
    );
}

/// A second signer added to a signature made by `openssl cms -sign`:
/// detached (content given) and attached (content taken from the
/// signature), across algorithms (OpenSSL's RSA signer, signet's GOST and
/// EC signers).
#[test]
fn co_signature_of_an_openssl_signature() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let first = pki.issue("Первый", KeyType::Rsa(2048), None, &[]);
    let gost_party = pki.issue("Второй", KeyType::Gost2012_256("A"), None, &[]);
    let second = certified(&pki, &gost_party);
    let ec_party = pki.issue("Третий", KeyType::EcP256, None, &[]);
    let third = certified(&pki, &ec_party);
    let trust = trust_root(&pki);
    for detached in [true, false] {
        let existing = pki.sign(
            &[&first],
            DOC,
            &SignOptions {
                detached,
                cades: true,
                ..SignOptions::default()
            },
        );
        let existing_signer = signer_infos(&existing)[0].to_der();
        let cosigned = if detached {
            add_signer_to(&existing, Some(DOC), &second).expect("co-signs")
        } else {
            add_signer_to(&existing, None, &second).expect("co-signs")
        };
        // And a third signer through the builder, with a signing-time.
        let cosigned = SignedDataBuilder::new(DOC)
            .signing_time(Some(now()))
            .add_signer(&third)
            .add_to(&cosigned)
            .expect("co-signs again");
        assert_der(&cosigned);
        let infos: Vec<Vec<u8>> = signer_infos(&cosigned).iter().map(Node::to_der).collect();
        assert_eq!(infos.len(), 3);
        assert!(
            infos.contains(&existing_signer),
            "OpenSSL's SignerInfo is kept byte for byte"
        );
        let signed = SignedData::parse(&cosigned).expect("parses");
        assert_eq!(signed.content.is_none(), detached, "the form is kept");
        assert_eq!(
            signed.certificates.len(),
            4,
            "OpenSSL's two certificates, and the two new signers'"
        );
        let content = detached.then_some(DOC);
        assert_eq!(
            openssl_verify(&pki, &cosigned, content, true)
                .unwrap_or_else(|e| panic!("openssl rejects the co-signature: {e}")),
            DOC
        );
        let report = signet_validate(&trust, &cosigned, DOC);
        assert_valid(&report);
        assert_eq!(report.signers.len(), 3);
        assert!(
            report
                .signers
                .iter()
                .all(|s| s.cades == Some(CadesLevel::Bes))
        );
    }
}

#[test]
fn co_signing_other_content_or_without_content_is_refused() {
    let pki = TestPki::new(KeyType::EcP256);
    let first = pki.issue("First", KeyType::EcP256, None, &[]);
    let second = certified(&pki, &pki.issue("Second", KeyType::EcP256, None, &[]));
    let detached = pki.sign(&[&first], DOC, &SignOptions::default());
    assert!(matches!(
        add_signer_to(&detached, Some(b"another document"), &second),
        Err(SignError::ContentMismatch)
    ));
    assert!(matches!(
        add_signer_to(&detached, None, &second),
        Err(SignError::ContentRequired)
    ));
    let attached = pki.sign(
        &[&first],
        DOC,
        &SignOptions {
            detached: false,
            ..SignOptions::default()
        },
    );
    assert!(matches!(
        add_signer_to(&attached, Some(b"another document"), &second),
        Err(SignError::ContentMismatch)
    ));
    // The digest of the right content is enough for a detached co-signature.
    let digest = DigestAlgorithm::Sha256.digest(DOC);
    let cosigned = SignedDataBuilder::detached_from_digest(DigestAlgorithm::Sha256, &digest)
        .add_signer(&second)
        .add_to(&detached)
        .expect("co-signs from the digest");
    openssl_verify(&pki, &cosigned, Some(DOC), false).expect("openssl verifies");
    let wrong = DigestAlgorithm::Sha256.digest(b"another document");
    assert!(matches!(
        SignedDataBuilder::detached_from_digest(DigestAlgorithm::Sha256, &wrong)
            .add_signer(&second)
            .add_to(&detached),
        Err(SignError::ContentMismatch)
    ));
}
