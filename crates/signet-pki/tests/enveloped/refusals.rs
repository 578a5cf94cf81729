//! Refusals: wrong recipient, wrong key, damaged keys, altered, truncated
//! and arbitrary enveloped data (the last two by proptest).

use std::sync::OnceLock;

use proptest::prelude::*;

use super::*;

#[test]
fn wrong_recipient_wrong_key_and_ed25519() {
    let ossl = Openssl::new();
    let a = party(&ossl, KeyType::Rsa(2048));
    let b = party(&ossl, KeyType::Rsa(2048));
    let ec = party(&ossl, KeyType::EcP256);
    let ed = party(&ossl, KeyType::Ed25519);
    let der = encrypt_enveloped(&a.certificate, b"secret", None).expect("encrypt");
    let err = decrypt_enveloped(&der, &b.certificate, &b.key).expect_err("not a recipient");
    assert!(matches!(err, EnvelopedError::NotARecipient));
    assert_eq!(
        err.to_string(),
        "this certificate is not a recipient of the enveloped data"
    );
    let err = decrypt_enveloped(&der, &a.certificate, &b.key).expect_err("wrong key");
    assert!(matches!(err, EnvelopedError::KeyMismatch), "{err}");
    let err = decrypt_enveloped(&der, &a.certificate, &ec.key).expect_err("EC key for RSA cert");
    assert!(matches!(err, EnvelopedError::KeyMismatch), "{err}");

    let err = encrypt_enveloped(&ed.certificate, b"secret", None).expect_err("Ed25519");
    assert_eq!(
        err.to_string(),
        "not supported: Ed25519 keys cannot decrypt (use an X25519 certificate)"
    );
    let err = decrypt_enveloped(&der, &a.certificate, &ed.key).expect_err("Ed25519 key");
    assert!(
        err.to_string().contains("Ed25519 keys cannot decrypt"),
        "{err}"
    );

    let err = encrypt_enveloped(&a.certificate, b"x", Some(ContentCipher::Gost28147Cfb))
        .expect_err("GOST cipher for RSA");
    assert!(err.to_string().starts_with("not supported:"), "{err}");

    // Altered AES-GCM content is refused.
    let der = encrypt_enveloped(
        &ec.certificate,
        b"secret key",
        Some(ContentCipher::Aes256Gcm),
    )
    .expect("encrypt");
    let mut tree = Node::parse(&der);
    let eci = &mut tree.children[1].children[0].children[2];
    eci.children[2].content[0] ^= 1;
    let err = decrypt_enveloped(&tree.to_der(), &ec.certificate, &ec.key).expect_err("altered");
    assert!(matches!(err, EnvelopedError::DecryptionFailed(_)), "{err}");

    // A signature is not enveloped data.
    let err = decrypt_enveloped(&[0x30, 0x03, 0x06, 0x01, 0x00], &a.certificate, &a.key)
        .expect_err("not CMS");
    assert!(matches!(err, EnvelopedError::Pki(_)), "{err}");
}

/// A damaged PKCS#1 v1.5 key transport fails like a wrong content, with
/// the same error (no padding oracle).
#[test]
fn rsa_pkcs1_damaged_key_is_a_plain_decryption_failure() {
    let ossl = Openssl::new();
    let p = party(&ossl, KeyType::Rsa(2048));
    let der = openssl_encrypt(&ossl, &p, b"secret", &["-aes256"], "DER");
    let mut tree = Node::parse(&der);
    let ktri = &mut tree.children[1].children[0].children[1].children[0];
    ktri.children[3].content[5] ^= 0x40;
    let err = decrypt_enveloped(&tree.to_der(), &p.certificate, &p.key).expect_err("damaged");
    assert!(matches!(err, EnvelopedError::DecryptionFailed(_)), "{err}");
}

/// Enveloped data signet made for a GOST 2012-256 key (Magma
/// CTR-ACPKM-OMAC) and an EC P-256 key, with the certificates and keys.
fn fixtures() -> &'static [(Certificate, PrivateKey, Vec<u8>)] {
    static FIXTURES: OnceLock<Vec<(Certificate, PrivateKey, Vec<u8>)>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let ossl = Openssl::new();
        [
            (
                KeyType::Gost2012_256("A"),
                Some(ContentCipher::MagmaCtrAcpkmOmac),
            ),
            (KeyType::EcP256, None),
            (KeyType::Rsa(2048), Some(ContentCipher::Aes256Gcm)),
        ]
        .into_iter()
        .map(|(key_type, cipher)| {
            let p = party(&ossl, key_type);
            let env = encrypt_enveloped(&p.certificate, &xorshift_bytes(100, 1), cipher)
                .expect("encrypt");
            (p.certificate, p.key, env)
        })
        .collect()
    })
}

#[test]
fn truncated_enveloped_data_is_an_error() {
    for (cert, key, der) in fixtures() {
        assert!(decrypt_enveloped(der, cert, key).is_ok());
        for len in 0..der.len() {
            assert!(
                decrypt_enveloped(&der[..len], cert, key).is_err(),
                "truncated to {len}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn decrypt_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..1500)) {
        let (cert, key, _) = &fixtures()[0];
        let _ = decrypt_enveloped(&bytes, cert, key);
    }

    #[test]
    fn decrypt_never_panics_on_damaged_input(index in any::<usize>(), value in any::<u8>(), which in 0usize..3) {
        let (cert, key, env) = &fixtures()[which];
        let mut der = env.clone();
        let i = index % der.len();
        der[i] = value;
        let _ = decrypt_enveloped(&der, cert, key);
    }
}
