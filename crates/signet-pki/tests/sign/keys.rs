//! Signing keys: a key that is not the certificate's is refused, keys read
//! by the private-key parser sign, and a signer whose signature does not
//! verify yields no output.

use super::*;

#[test]
fn a_key_that_is_not_the_certificates_is_refused() {
    for key in [
        KeyType::Rsa(2048),
        KeyType::EcP256,
        KeyType::Ed25519,
        KeyType::Gost2012_256("A"),
        KeyType::Gost2012_512("C"),
    ] {
        let pki = TestPki::new(KeyType::EcP256);
        let a = pki.issue("A", key, None, &[]);
        let b = pki.issue("B", key, None, &[]);
        let err = CertifiedKey::from_pkcs8(certificate(&a.cert.der), &pkcs8(&pki, &b.key))
            .expect_err("B's key is not A's");
        assert!(
            matches!(err, SignError::KeyMismatch { .. }),
            "{key:?}: {err}"
        );
        assert!(err.to_string().contains("\"A\""), "{err}");
    }
    // Across algorithms.
    let pki = TestPki::new(KeyType::EcP256);
    let ec = pki.issue("EC", KeyType::EcP256, None, &[]);
    let rsa = pki.issue("RSA", KeyType::Rsa(2048), None, &[]);
    let gost = pki.issue("GOST", KeyType::Gost2012_256("A"), None, &[]);
    for (cert, key) in [(&ec, &rsa), (&rsa, &ec), (&gost, &ec), (&ec, &gost)] {
        assert!(matches!(
            CertifiedKey::from_pkcs8(certificate(&cert.cert.der), &pkcs8(&pki, &key.key)),
            Err(SignError::KeyMismatch { .. })
        ));
    }
    // A P-384 key for a P-256 certificate.
    let p384 = pki.issue("P-384", KeyType::EcP384, None, &[]);
    assert!(matches!(
        CertifiedKey::from_pkcs8(certificate(&ec.cert.der), &pkcs8(&pki, &p384.key)),
        Err(SignError::KeyMismatch { .. })
    ));
}

/// Keys read by `signet_pki::PrivateKey` (PKCS#8 PEM as
/// `openssl genpkey` writes it, and the traditional PKCS#1 / SEC1 DER of
/// OpenSSL 3.0's `pkey -outform DER`) sign through `CertifiedKey::new`.
#[test]
fn keys_read_by_the_private_key_parser_sign() {
    use signet_pki::PrivateKey;
    let pki = TestPki::new(KeyType::EcP256);
    let other = pki.issue("Other", KeyType::EcP256, None, &[]);
    for key in [
        KeyType::Rsa(2048),
        KeyType::EcP256,
        KeyType::EcP384,
        KeyType::Ed25519,
        KeyType::Gost2012_256("TCA"),
        KeyType::Gost2012_512("C"),
    ] {
        let party = pki.issue("Parsed key", key, None, &[]);
        let mut inputs = vec![std::fs::read(&party.key.path).expect("PEM key")];
        if matches!(key, KeyType::Rsa(_) | KeyType::EcP256 | KeyType::EcP384) {
            inputs.push(pki.ossl.run(
                &["pkey", "-in", &p(&party.key.path), "-outform", "DER"],
                false,
            ));
        }
        for input in inputs {
            let parsed = PrivateKey::parse(&input)
                .unwrap_or_else(|e| panic!("{key:?}: signet reads the key: {e}"));
            let signer = CertifiedKey::new(certificate(&party.cert.der), &parsed)
                .unwrap_or_else(|e| panic!("{key:?}: {e}"));
            let sig = SignedDataBuilder::new(DOC)
                .detached(true)
                .include_certificates(intermediate(&pki))
                .add_signer(&signer)
                .build()
                .unwrap_or_else(|e| panic!("{key:?}: signs: {e}"));
            if key == KeyType::Ed25519 {
                certtool_verify(&pki, &sig, Some(DOC))
                    .unwrap_or_else(|e| panic!("certtool rejects ({key:?}): {e}"));
            } else {
                openssl_verify(&pki, &sig, Some(DOC), key.is_gost())
                    .unwrap_or_else(|e| panic!("openssl rejects ({key:?}): {e}"));
            }
            assert!(matches!(
                CertifiedKey::new(certificate(&other.cert.der), &parsed),
                Err(SignError::KeyMismatch { .. })
            ));
        }
    }
}

/// A signer implementation whose key is not its certificate's: the
/// builder's check of every signature against the certificate refuses it
/// before anything is returned.
struct Impostor<'a> {
    claimed: Certificate,
    real: &'a CertifiedKey,
}

impl CmsSigner for Impostor<'_> {
    fn certificate(&self) -> &Certificate {
        &self.claimed
    }

    fn sign(&self, message: &[u8], digest: DigestAlgorithm) -> Result<Vec<u8>, SignError> {
        self.real.sign(message, digest)
    }
}

#[test]
fn a_signer_whose_signature_does_not_verify_yields_no_output() {
    let pki = TestPki::new(KeyType::Gost2012_256("A"));
    let a = pki.issue("A", KeyType::Gost2012_256("A"), None, &[]);
    let b = certified(&pki, &pki.issue("B", KeyType::Gost2012_256("A"), None, &[]));
    let impostor = Impostor {
        claimed: certificate(&a.cert.der),
        real: &b,
    };
    assert!(matches!(
        SignedDataBuilder::new(DOC).add_signer(&impostor).build(),
        Err(SignError::SelfCheck(_))
    ));
    let existing = pki.sign(
        &[&a],
        DOC,
        &SignOptions {
            md: "md_gost12_256",
            ..SignOptions::default()
        },
    );
    assert!(matches!(
        add_signer_to(&existing, Some(DOC), &impostor),
        Err(SignError::SelfCheck(_))
    ));
}
