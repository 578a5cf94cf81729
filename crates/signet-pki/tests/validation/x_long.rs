//! CAdES-X Long Type 1: recognised, and its references and values checked.

use super::*;

#[test]
fn cades_x_long_type1_is_recognised_and_its_data_checked() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Long-term signer", KeyType::Rsa(2048));
    let tsa = pki.tsa(KeyType::Rsa(2048));
    let crl = pki.crl();
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let path: [&[u8]; 2] = [&pki.intermediate.cert.der, &pki.root.cert.der];
    let x_long = pki.cades_x_long_type1(&sig, &tsa, &path, &[&crl]);
    let trust = trust_root(&pki);
    let report = validate(&trust, &x_long, DOC);
    assert_valid(&report);
    let s = &report.signers[0];
    assert!(
        s.long_term_problems.is_empty(),
        "{:?}",
        s.long_term_problems
    );
    assert_eq!(s.cades, Some(CadesLevel::XLongType1));

    // References that do not cover the path: the level falls back to T.
    let short: [&[u8]; 1] = [&pki.intermediate.cert.der];
    let incomplete = pki.cades_x_long_type1(&sig, &tsa, &short, &[&crl]);
    let report = validate(&trust, &incomplete, DOC);
    let s = &report.signers[0];
    assert_eq!(s.cades, Some(CadesLevel::T));
    assert!(
        s.long_term_problems
            .iter()
            .any(|p| p.contains("complete-certificate-references lacks")),
        "{:?}",
        s.long_term_problems
    );

    // A CAdES-C time-stamp over other data is caught.
    let other_sig = pki.sign(
        &[&signer],
        b"other",
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let good = pki.cades_x_long_type1(&other_sig, &tsa, &path, &[&crl]);
    let esc_token = {
        let root = Node::parse(&good);
        let signer_info = &root.children[1].children[0]
            .children
            .last()
            .expect("signers")
            .children[0];
        let unsigned = signer_info
            .children
            .iter()
            .find(|n| n.tag == 0xA1)
            .expect("unsigned");
        unsigned.children.last().expect("esc").children[1].children[0].to_der()
    };
    let mut tampered = Node::parse(&x_long);
    {
        let signer_info = &mut tampered.children[1].children[0]
            .children
            .last_mut()
            .expect("signers")
            .children[0];
        let unsigned = signer_info
            .children
            .iter_mut()
            .find(|n| n.tag == 0xA1)
            .expect("unsigned");
        let esc = unsigned.children.last_mut().expect("esc");
        esc.children[1].children[0] = Node::parse(&esc_token);
    }
    let report = validate(&trust, &tampered.to_der(), DOC);
    let s = &report.signers[0];
    assert_eq!(s.cades, Some(CadesLevel::T));
    assert!(
        s.long_term_problems
            .iter()
            .any(|p| p.contains("CAdES-C time-stamp")),
        "{:?}",
        s.long_term_problems
    );
}
