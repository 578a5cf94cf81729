//! Verdicts of `/web/verify` over the router: a valid detached signature
//! with its signer and chain, CAdES-T with its time-stamp, a tampered
//! document, an attached signature alone, an expired signer, an unknown
//! root and a revoked signer, each link with its status.

use super::*;

#[tokio::test]
async fn a_valid_detached_signature_is_valid_with_the_signer_and_the_chain() {
    let e = env().await;
    let sig = e.pki.sign(&[&e.signer], DOC, &cades());
    let (status, v) = verify(
        e.state.clone(),
        &[
            ("signature", Some("contract.pdf.p7s"), &sig),
            ("document", Some("contract.pdf"), DOC),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "valid", "{v}");
    assert!(v["sentence"].as_str().expect("sentence").contains("valid"));
    assert_eq!(v["documentName"], "contract.pdf");
    assert_eq!(v["signatureName"], "contract.pdf.p7s");
    assert_eq!(v["documentSize"], DOC.len());
    let s = &v["signers"][0];
    assert_eq!(s["valid"], true);
    assert_eq!(s["status"], "valid");
    assert_eq!(s["name"], SIGNER_NAME);
    assert_eq!(s["organisation"], "ООО «Ромашка»");
    assert_eq!(s["position"], "Главный бухгалтер");
    let ids: Vec<(String, String)> = s["identifiers"]
        .as_array()
        .expect("identifiers")
        .iter()
        .map(|i| {
            (
                i["type"].as_str().expect("type").to_owned(),
                i["value"].as_str().expect("value").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("INN".to_owned(), "771234567890".to_owned()),
            ("SNILS".to_owned(), "11223344595".to_owned()),
            ("OGRN".to_owned(), "1027700132195".to_owned()),
        ]
    );
    assert_eq!(s["cadesLevel"], "CAdES-BES");
    assert!(
        s["signingTime"]
            .as_str()
            .expect("signing time")
            .ends_with('Z')
    );
    assert!(s["timestampTime"].is_null());
    assert!(s["why"].is_null());
    assert_eq!(statuses(s), ["valid", "valid", "valid"]);
    // The test engine does not check revocation.
    assert_eq!(
        codes(s),
        [
            "revocationNotChecked",
            "revocationNotChecked",
            "trustAnchor"
        ]
    );
    let chain = s["chain"].as_array().expect("chain");
    assert_eq!(chain[0]["subject"], SIGNER_NAME);
    assert_eq!(chain[0]["issuer"], "signet Test Intermediate");
    assert_eq!(chain[2]["subject"], "signet Test Root");
    let cert = Certificate::parse(&e.signer.cert.der).expect("cert");
    assert_eq!(chain[0]["thumbprint"], cert.thumbprint_hex());
}

/// A CAdES-T signature: the report gives the time-stamp's time and the
/// level; a time-stamp over other data makes the signature invalid.
#[tokio::test]
async fn a_cades_t_signature_shows_its_time_stamp() {
    use test_support::der_tree;
    const STS: &str = "1.2.840.113549.1.9.16.2.14";
    let e = env().await;
    let tsa = e.pki.tsa(KeyType::Rsa(2048));
    let sig = e.pki.sign(&[&e.signer], DOC, &cades());
    let value = der_tree::signature_value(&sig, 0);
    let stamped = der_tree::add_unsigned_attribute(&sig, 0, STS, &e.pki.timestamp(&tsa, &value));
    let (status, v) = verify(
        e.state.clone(),
        &[
            ("signature", Some("contract.pdf.p7s"), &stamped),
            ("document", Some("contract.pdf"), DOC),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "valid", "{v}");
    let s = &v["signers"][0];
    assert_eq!(s["cadesLevel"], "CAdES-T", "{v}");
    let at = s["timestampTime"].as_str().expect("timestampTime");
    assert!(at.ends_with('Z') && at.starts_with("20"), "{at}");

    let wrong = der_tree::add_unsigned_attribute(&sig, 0, STS, &e.pki.timestamp(&tsa, b"other"));
    let (_, v) = verify(
        e.state.clone(),
        &[
            ("signature", Some("contract.pdf.p7s"), &wrong),
            ("document", Some("contract.pdf"), DOC),
        ],
    )
    .await;
    assert_eq!(v["verdict"], "invalid", "{v}");
}

#[tokio::test]
async fn a_tampered_document_is_invalid_and_the_chain_is_not_drawn() {
    let e = env().await;
    let sig = e.pki.sign(&[&e.signer], DOC, &cades());
    let mut tampered = DOC.to_vec();
    tampered[10] ^= 1;
    let (status, v) = verify(
        e.state,
        &[
            ("signature", Some("contract.pdf.p7s"), &sig),
            ("document", Some("contract.pdf"), &tampered),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "invalid");
    assert!(v["sentence"].as_str().expect("s").contains("NOT valid"));
    let s = &v["signers"][0];
    assert_eq!(s["status"], "invalid");
    assert_eq!(s["code"], "contentMismatch");
    assert!(s["why"].as_str().expect("why").contains("does not match"));
    assert_eq!(s["chain"].as_array().expect("chain").len(), 0);
    // The signer is still named, from the signature's certificate.
    assert_eq!(s["name"], SIGNER_NAME);
}

#[tokio::test]
async fn an_attached_signature_alone_is_checked_against_its_own_content() {
    let e = env().await;
    let sig = e.pki.sign(
        &[&e.signer],
        DOC,
        &SignOptions {
            detached: false,
            ..SignOptions::default()
        },
    );
    // An HTML form sends an empty document part for an empty file input.
    let (status, v) = verify(
        e.state,
        &[
            ("signature", Some("contract.pdf.p7m"), &sig),
            ("document", Some(""), b""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "valid", "{v}");
    assert!(v["documentName"].is_null());
    assert_eq!(v["documentSize"], DOC.len());
    // Plain CMS: no signing-certificate attribute.
    assert!(v["signers"][0]["cadesLevel"].is_null());
}

#[tokio::test]
async fn an_expired_signer_is_invalid_and_its_link_says_expired() {
    let e = env().await;
    let old = e.pki.issue(
        "Expired signer",
        KeyType::Rsa(2048),
        Some(("20200101000000Z", "20210101000000Z")),
        &[],
    );
    let sig = e.pki.sign(&[&old], DOC, &cades());
    let (status, v) = verify(
        e.state,
        &[
            ("signature", Some("s.p7s"), &sig),
            ("document", Some("d"), DOC),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "invalid");
    let s = &v["signers"][0];
    assert_eq!(s["code"], "chain");
    // The issuers above the expired signer are still drawn.
    assert_eq!(statuses(s), ["expired", "valid", "valid"], "{s}");
    assert_eq!(codes(s)[0], "expired");
    let link = &s["chain"][0];
    assert_eq!(link["subject"], "Expired signer");
    assert_eq!(link["notAfter"], "2021-01-01T00:00:00Z");
    assert!(
        link["why"]
            .as_str()
            .expect("why")
            .contains("expired on 2021-01-01T00:00:00Z")
    );
    assert_eq!(codes(s)[2], "trustAnchor");
}

#[tokio::test]
async fn an_unknown_root_is_indeterminate_and_the_last_link_is_untrusted() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let other = TestPki::new(KeyType::Rsa(2048));
    let signer = signer(&pki);
    let (state, _dir) = state_with(&other.root.cert.der, config()).await;
    let sig = pki.sign(&[&signer], DOC, &cades());
    let (status, v) = verify(
        state,
        &[
            ("signature", Some("s.p7s"), &sig),
            ("document", Some("d"), DOC),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "indeterminate");
    let s = &v["signers"][0];
    assert_eq!(s["code"], "untrusted");
    // The signature carries the intermediate, not the root: the path ends
    // there, at a certificate whose issuer nobody knows.
    assert_eq!(statuses(s), ["valid", "untrusted"], "{s}");
    assert_eq!(codes(s), ["revocationNotChecked", "noIssuer"]);
    assert_eq!(s["chain"][1]["subject"], "signet Test Intermediate");
}

#[tokio::test]
async fn a_revoked_signer_is_invalid_and_each_link_has_its_revocation_status() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = signer(&pki);
    pki.revoke(&signer, "keyCompromise");
    let crl_dir = tempfile::tempdir().expect("crl dir");
    std::fs::write(crl_dir.path().join("intermediate.crl"), pki.crl()).expect("crl");
    let (state, _dir) = state_with(&pki.root.cert.der, config()).await;
    let trust = state.trust.clone();
    let state = state.with_engine(Engine::networked(
        trust,
        RevocationMode::Require,
        Duration::from_secs(2),
        Some(crl_dir.path().to_owned()),
    ));
    let sig = pki.sign(&[&signer], DOC, &cades());
    let (status, v) = verify(
        state,
        &[
            ("signature", Some("s.p7s"), &sig),
            ("document", Some("d"), DOC),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "invalid");
    let s = &v["signers"][0];
    assert_eq!(s["code"], "chain");
    // The root's CRL is not in the directory: the intermediate's status is
    // unknown, which the revocation of the signer outweighs.
    assert_eq!(statuses(s), ["revoked", "unknown", "valid"], "{s}");
    assert_eq!(codes(s), ["revoked", "revocationUnknown", "trustAnchor"]);
    assert!(
        s["chain"][0]["revokedAt"]
            .as_str()
            .expect("time")
            .ends_with('Z')
    );
    assert!(
        s["chain"][0]["why"]
            .as_str()
            .expect("why")
            .contains("keyCompromise")
    );
}
