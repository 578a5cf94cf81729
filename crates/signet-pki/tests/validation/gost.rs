//! GOST R 34.10-2012 signatures and certificate chains made by OpenSSL
//! with Debian's gost engine (`openssl ca`, `openssl cms -sign`).

use super::*;

fn check(key: KeyType, md: &'static str) {
    let pki = TestPki::new(key);
    let signer = ee(&pki, "ГОСТ подписант", key);
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            cades: true,
            md,
            ..SignOptions::default()
        },
    );
    let signed = SignedData::parse(&sig).expect("parses");
    assert!(
        signed.signers[0]
            .signature_algorithm
            .oid
            .to_string()
            .starts_with("1.2.643.7.1.1")
    );
    let report = validate(&trust_root(&pki), &sig, DOC);
    assert_valid(&report);
    assert_eq!(report.signers[0].cades, Some(CadesLevel::Bes));
    match &report.signers[0].chain {
        ChainStatus::Valid { path, .. } => assert_eq!(path.len(), 3),
        other => panic!("{other:?}"),
    }
    let mut other = DOC.to_vec();
    other[3] ^= 0x40;
    assert_eq!(
        validate(&trust_root(&pki), &sig, &other).signers[0].signature,
        Err(SignerFailure::ContentMismatch)
    );
    let bad = der_tree::edit_signature_value(&sig, 0, |v| v[5] ^= 1);
    assert!(matches!(
        validate(&trust_root(&pki), &bad, DOC).signers[0].signature,
        Err(SignerFailure::Signature(
            signet_pki::SignatureError::Mismatch
        ))
    ));
}

#[test]
fn gost_2012_256_paramset_a() {
    check(KeyType::Gost2012_256("A"), "md_gost12_256");
}

#[test]
fn gost_2012_256_tc26_a_twisted_edwards() {
    check(KeyType::Gost2012_256("TCA"), "md_gost12_256");
}

#[test]
fn gost_2012_512_paramset_a() {
    check(KeyType::Gost2012_512("A"), "md_gost12_512");
}

#[test]
fn gost_2012_512_paramset_c_twisted_edwards() {
    check(KeyType::Gost2012_512("C"), "md_gost12_512");
}
