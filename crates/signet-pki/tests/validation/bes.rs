//! Plain CMS and CAdES-BES: valid detached and attached signatures, and
//! each way one fails (changed content, another key, flipped bit, expired
//! or not-yet-valid signer, untrusted root, broken intermediate), several
//! signers each checked.

use super::*;

#[test]
fn valid_detached_rsa_signature_is_plain_cms() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Иванов Иван", KeyType::Rsa(2048));
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    let report = validate(&trust_root(&pki), &sig, DOC);
    assert_valid(&report);
    let s = &report.signers[0];
    assert_eq!(s.cades, None, "no signing-certificate attribute: plain CMS");
    assert!(s.signing_time.is_some(), "OpenSSL signs a signing-time");
    match &s.chain {
        ChainStatus::Valid { path, .. } => assert_eq!(path.len(), 3, "signer, intermediate, root"),
        other => panic!("chain: {other:?}"),
    }
}

#[test]
fn cades_bes_attached_ecdsa_signatures() {
    for key in [KeyType::EcP256, KeyType::EcP384] {
        let pki = TestPki::new(key);
        let signer = ee(&pki, "EC signer", key);
        let sig = pki.sign(
            &[&signer],
            DOC,
            &SignOptions {
                detached: false,
                cades: true,
                md: if key == KeyType::EcP384 {
                    "sha384"
                } else {
                    "sha256"
                },
                ..SignOptions::default()
            },
        );
        let signed = SignedData::parse(&sig).expect("parses");
        assert_eq!(signed.content.as_deref(), Some(DOC), "attached content");
        let report = validate(&trust_root(&pki), &sig, DOC);
        assert_valid(&report);
        assert_eq!(report.signers[0].cades, Some(CadesLevel::Bes));
    }
}

#[test]
fn signature_without_signed_attributes_is_verified_over_the_content_digest() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "No attributes", KeyType::Rsa(2048));
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            no_attributes: true,
            ..SignOptions::default()
        },
    );
    assert!(
        SignedData::parse(&sig).expect("parses").signers[0]
            .signed_attrs
            .is_none()
    );
    assert_valid(&validate(&trust_root(&pki), &sig, DOC));
    let mut other = DOC.to_vec();
    other[0] ^= 1;
    let report = validate(&trust_root(&pki), &sig, &other);
    assert!(matches!(
        report.signers[0].signature,
        Err(SignerFailure::Signature(_))
    ));
}

#[test]
fn content_changed_by_one_byte_fails() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Signer", KeyType::Rsa(2048));
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let mut changed = DOC.to_vec();
    let last = changed.len() - 1;
    changed[last] ^= 0x01;
    let report = validate(&trust_root(&pki), &sig, &changed);
    assert!(!report.is_valid());
    assert_eq!(
        report.signers[0].signature,
        Err(SignerFailure::ContentMismatch)
    );
    assert!(
        report
            .failure()
            .expect("failure")
            .contains("content does not match")
    );
}

#[test]
fn signature_from_another_key_fails() {
    // B signs; the signature is then made to name A's certificate (A's
    // certificate in the set, A's serial in the signer identifier).
    let pki = TestPki::new(KeyType::Rsa(2048));
    let a = ee(&pki, "Signer A", KeyType::Rsa(2048));
    let b = ee(&pki, "Signer B", KeyType::Rsa(2048));
    let sig = pki.sign(&[&b], DOC, &SignOptions::default());
    let a_cert = Node::parse(&a.cert.der);
    let a_serial = a_cert.children[0].children[1].clone();
    let mut root = Node::parse(&sig);
    let signed_data = &mut root.children[1].children[0];
    let certs = signed_data
        .children
        .iter_mut()
        .find(|n| n.tag == 0xA0)
        .expect("certificates");
    let b_serial = Node::parse(&b.cert.der).children[0].children[1].clone();
    for c in &mut certs.children {
        if c.children[0].children[1] == b_serial {
            *c = a_cert.clone();
        }
    }
    let signer_infos = signed_data
        .children
        .iter_mut()
        .rev()
        .find(|n| n.tag == 0x31)
        .expect("signers");
    signer_infos.children[0].children[1].children[1] = a_serial;
    let report = validate(&trust_root(&pki), &root.to_der(), DOC);
    let s = &report.signers[0];
    assert_eq!(
        s.certificate.as_ref().map(|c| c.der().to_vec()),
        Some(a.cert.der.clone()),
        "the signer is taken to be A"
    );
    assert!(
        matches!(s.signature, Err(SignerFailure::Signature(_))),
        "{:?}",
        s.signature
    );
}

#[test]
fn flipped_signature_bit_fails() {
    let pki = TestPki::new(KeyType::EcP256);
    let signer = ee(&pki, "Signer", KeyType::EcP256);
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    let bad = der_tree::edit_signature_value(&sig, 0, |v| {
        let n = v.len() / 2;
        v[n] ^= 0x10;
    });
    let report = validate(&trust_root(&pki), &bad, DOC);
    assert!(matches!(
        report.signers[0].signature,
        Err(SignerFailure::Signature(_))
    ));
}

#[test]
fn expired_signer_fails_unless_only_the_signature_is_checked() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    // 2020-01-01T00:00:00Z … 2021-01-01T00:00:00Z
    let signer = pki.issue(
        "Expired signer",
        KeyType::Rsa(2048),
        Some(("20200101000000Z", "20210101000000Z")),
        &[],
    );
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    let report = validate(&trust_root(&pki), &sig, DOC);
    match &report.signers[0].chain {
        ChainStatus::Invalid(PathError::Expired { subject, .. }) => {
            assert_eq!(subject, "Expired signer")
        }
        other => panic!("expected expired, got {other:?}"),
    }
    let only = validate_offline(
        &trust_root(&pki),
        &sig,
        DOC,
        OffsetDateTime::now_utc(),
        true,
    );
    assert_valid(&only);
    assert!(matches!(only.signers[0].chain, ChainStatus::NotChecked));
}

#[test]
fn not_yet_valid_signer_fails() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    // 2099-01-01T00:00:00Z … 2100-01-01T00:00:00Z
    let signer = pki.issue(
        "Future signer",
        KeyType::Rsa(2048),
        Some(("20990101000000Z", "21000101000000Z")),
        &[],
    );
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    let report = validate(&trust_root(&pki), &sig, DOC);
    assert!(
        matches!(
            report.signers[0].chain,
            ChainStatus::Invalid(PathError::NotYetValid { .. })
        ),
        "{:?}",
        report.signers[0].chain
    );
}

#[test]
fn untrusted_root_fails() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let other = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Signer", KeyType::Rsa(2048));
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    let report = validate(&trust_root(&other), &sig, DOC);
    assert!(
        matches!(
            report.signers[0].chain,
            ChainStatus::Invalid(PathError::UntrustedRoot { .. })
        ),
        "{:?}",
        report.signers[0].chain
    );
    assert!(report.failure().expect("failure").contains("trusted root"));
    // With an empty trust store too.
    let report = validate(&TrustStore::default(), &sig, DOC);
    assert!(matches!(
        report.signers[0].chain,
        ChainStatus::Invalid(PathError::UntrustedRoot { .. })
    ));
}

#[test]
fn broken_intermediate_signature_fails() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Signer", KeyType::Rsa(2048));
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    // Flip a bit of the intermediate's signature inside the CMS.
    let int = Node::parse(&pki.intermediate.cert.der);
    let mut broken = int.clone();
    let bits = &mut broken.children[2].content;
    let n = bits.len() - 5;
    bits[n] ^= 0x01;
    let mut root = Node::parse(&sig);
    let certs = root.children[1].children[0]
        .children
        .iter_mut()
        .find(|n| n.tag == 0xA0)
        .expect("certs");
    for c in &mut certs.children {
        if *c == int {
            *c = broken.clone();
        }
    }
    let report = validate(&trust_root(&pki), &root.to_der(), DOC);
    match &report.signers[0].chain {
        ChainStatus::Invalid(PathError::BadSignature { subject, .. }) => {
            assert_eq!(subject, "signet Test Intermediate")
        }
        other => panic!("expected a bad signature, got {other:?}"),
    }
}

#[test]
fn several_signers_are_each_checked() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let a = ee(&pki, "Signer A", KeyType::Rsa(2048));
    let b = ee(&pki, "Signer B", KeyType::EcP256);
    let sig = pki.sign(
        &[&a, &b],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let report = validate(&trust_root(&pki), &sig, DOC);
    assert_eq!(report.signers.len(), 2);
    assert_valid(&report);
    let tampered = der_tree::edit_signature_value(&sig, 1, |v| v[10] ^= 1);
    let report = validate(&trust_root(&pki), &tampered, DOC);
    assert!(report.signers[0].is_valid());
    assert!(!report.signers[1].is_valid());
    assert!(report.failure().expect("failure").starts_with("signer 2: "));
}
