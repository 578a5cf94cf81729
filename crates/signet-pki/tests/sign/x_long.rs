//! CAdES-X Long Type 1: CRL and OCSP evidence and the CAdES-C time-stamp
//! kept in the signature, and the refusals without a good status or a TSA.

use super::*;

/// The attribute's attrType and attrValues (one value), as the CAdES-C
/// time-stamp imprints them, rebuilt with the DER tree.
fn attribute_body(oid: &str, value: &[u8]) -> Vec<u8> {
    let mut body = der_tree::oid(oid).to_der();
    body.extend(Node::constructed_of(0x31, vec![Node::parse(value)]).to_der());
    body
}

#[test]
fn cades_x_long_type1_keeps_crl_and_ocsp_evidence() {
    use signet_pki::gather_validation_data;
    use signet_pki::{Evidence, RevocationChecker, RevocationConfig};
    const CERT_REFS: &str = "1.2.840.113549.1.9.16.2.21";
    const REV_REFS: &str = "1.2.840.113549.1.9.16.2.22";
    const REV_VALUES: &str = "1.2.840.113549.1.9.16.2.24";
    const ESC: &str = "1.2.840.113549.1.9.16.2.25";

    let pki = TestPki::new(KeyType::Rsa(2048));
    let port = test_support::net::free_port();
    let aia = format!("OCSP;URI:http://127.0.0.1:{port}");
    let party = pki.issue(
        "Довгостроковий підписувач",
        KeyType::Rsa(2048),
        None,
        &[("authorityInfoAccess", aia.as_str())],
    );
    let signer = certified(&pki, &party);
    let tsa = pki.tsa(KeyType::Rsa(2048));
    let (server, client) = http_tsa(&pki, &tsa);
    // The intermediate is trusted: the path is the signer and it.
    let trust = TrustStore::from_certificates([
        certificate(&pki.root.cert.der),
        certificate(&pki.intermediate.cert.der),
    ]);
    for ocsp in [false, true] {
        // A client of its own per case: it remembers that the responder
        // refused the connection in the CRL case.
        let fetcher = Arc::new(HttpFetcher::new(Duration::from_secs(5)));
        let crl_dir = tempfile::tempdir().expect("dir");
        let crl = pki.crl();
        std::fs::write(crl_dir.path().join("ca.crl"), &crl).expect("write");
        // The CRL case: no responder listens, so OCSP fails and the CRL
        // directory answers.
        let responder = ocsp.then(|| pki.ocsp_responder(port));
        let checker = RevocationChecker::new(
            RevocationConfig {
                crl_dir: (!ocsp).then(|| crl_dir.path().to_path_buf()),
                ..RevocationConfig::default()
            },
            fetcher.clone(),
        );
        let cert = certificate(&party.cert.der);
        let data = gather_validation_data(
            &cert,
            &[],
            &trust,
            &Offline,
            &checker.within(&budget()),
            now(),
        )
        .expect("validation data");
        assert_eq!(data.path.len(), 2);
        match (&data.revocation[..], ocsp) {
            ([Evidence::Crl(der)], false) => assert_eq!(der, &crl),
            ([Evidence::Ocsp(_)], true) => {}
            (other, _) => panic!("ocsp {ocsp}: {other:?}"),
        }
        drop(responder);
        let hits = server.hits("/tsa");
        let sig = SignedDataBuilder::new(DOC)
            .detached(true)
            .signing_time(Some(now()))
            .signature_timestamp(Some(&client))
            .long_term(std::slice::from_ref(&data))
            .add_signer(&signer)
            .build()
            .expect("CAdES-X Long");
        assert_eq!(
            server.hits("/tsa"),
            hits + 2,
            "signature and CAdES-C tokens"
        );
        assert_der(&sig);
        let case = if ocsp { "OCSP" } else { "CRL" };
        let root_and_ca = pki
            .ossl
            .temp_file("roots", "pem", &pki.intermediate.cert.pem);
        let signature = pki.ossl.temp_file("xl", "p7s", &sig);
        let content = pki.ossl.temp_file("doc", "bin", DOC);
        let args = [
            OsStr::new("cms"),
            OsStr::new("-verify"),
            OsStr::new("-binary"),
            OsStr::new("-inform"),
            OsStr::new("DER"),
            OsStr::new("-in"),
            signature.as_os_str(),
            OsStr::new("-content"),
            content.as_os_str(),
            OsStr::new("-CAfile"),
            root_and_ca.as_os_str(),
            OsStr::new("-partial_chain"),
        ];
        if let Err(refusal) = pki.ossl.try_run(&args, false) {
            panic!("{case}: {refusal}");
        }

        // OpenSSL checks the CAdES-C time-stamp over the data ETSI defines,
        // rebuilt here from the signature with the DER tree.
        let value = |oid: &str| der_tree::attribute_value(&sig, 0, false, oid).expect(oid);
        let mut esc_data = der_tree::signature_value(&sig, 0);
        for oid in [SIGNATURE_TIME_STAMP, CERT_REFS, REV_REFS] {
            esc_data.extend(attribute_body(oid, &value(oid)));
        }
        openssl_ts_verify(&pki, &value(ESC), &esc_data)
            .unwrap_or_else(|e| panic!("{case}: the CAdES-C time-stamp: {e}"));
        let values = Node::parse(&value(REV_VALUES));
        assert_eq!(
            values.children[0].tag,
            if ocsp { 0xA1 } else { 0xA0 },
            "{case}"
        );

        // signet, offline, with only what the signature carries: CAdES-X
        // Long Type 1, and the revocation status read from its values.
        let offline = RevocationChecker::new(
            RevocationConfig {
                fetch: false,
                ..RevocationConfig::default()
            },
            fetcher.clone(),
        );
        let signed = SignedData::parse(&sig).expect("parses");
        let digests = ContentDigests::of_bytes(DOC, &signed.digest_algorithms());
        let report = Validator {
            trust: &trust,
            issuers: &Offline,
            revocation: Some(offline.within(&budget())),
        }
        .validate(
            &signed,
            Content {
                digests: &digests,
                bytes: Some(DOC),
            },
            &ValidationOptions::full(OffsetDateTime::now_utc()),
        );
        assert_valid(&report);
        let s = &report.signers[0];
        assert!(
            s.long_term_problems.is_empty(),
            "{case}: {:?}",
            s.long_term_problems
        );
        assert_eq!(s.cades, Some(CadesLevel::XLongType1), "{case}");
    }
}

#[test]
fn cades_x_long_needs_a_good_status_and_a_tsa() {
    use signet_pki::gather_validation_data;
    use signet_pki::{RevocationChecker, RevocationConfig};
    let pki = TestPki::new(KeyType::EcP256);
    let party = pki.issue("Відкликаний", KeyType::EcP256, None, &[]);
    let cert = certificate(&party.cert.der);
    let trust = TrustStore::from_certificates([
        certificate(&pki.root.cert.der),
        certificate(&pki.intermediate.cert.der),
    ]);
    let fetcher = Arc::new(HttpFetcher::new(Duration::from_secs(5)));
    let crl_dir = tempfile::tempdir().expect("dir");
    let checker = RevocationChecker::new(
        RevocationConfig {
            crl_dir: Some(crl_dir.path().to_path_buf()),
            ..RevocationConfig::default()
        },
        fetcher,
    );
    // No CRL at all: unknown.
    let err = gather_validation_data(
        &cert,
        &[],
        &trust,
        &Offline,
        &checker.within(&budget()),
        now(),
    )
    .expect_err("unknown status")
    .to_string();
    assert!(err.contains("is unknown"), "{err}");
    // Good: but the builder without a TSA refuses.
    std::fs::write(crl_dir.path().join("ca.crl"), pki.crl()).expect("write");
    let data = gather_validation_data(
        &cert,
        &[],
        &trust,
        &Offline,
        &checker.within(&budget()),
        now(),
    )
    .expect("good");
    let signer = certified(&pki, &party);
    let err = SignedDataBuilder::new(DOC)
        .long_term(std::slice::from_ref(&data))
        .add_signer(&signer)
        .build()
        .expect_err("no TSA")
        .to_string();
    assert!(err.contains("CAdES-X Long"), "{err}");
    // Revoked: refused, with the date.
    pki.revoke(&party, "keyCompromise");
    std::fs::write(crl_dir.path().join("ca.crl"), pki.crl()).expect("write");
    let fresh = RevocationChecker::new(
        RevocationConfig {
            crl_dir: Some(crl_dir.path().to_path_buf()),
            ..RevocationConfig::default()
        },
        Arc::new(HttpFetcher::new(Duration::from_secs(5))),
    );
    let err = gather_validation_data(
        &cert,
        &[],
        &trust,
        &Offline,
        &fresh.within(&budget()),
        now(),
    )
    .expect_err("revoked")
    .to_string();
    assert!(err.contains("was revoked"), "{err}");
}
