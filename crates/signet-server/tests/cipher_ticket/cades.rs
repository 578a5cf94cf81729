//! CAdES-T with signature- and content-time-stamps from the configured TSA,
//! and CAdES-X Long with the engine's revocation data.

use signet_pki::{HttpFetcher, TsaClient};
use test_support::net::{HttpServer, Route};

use super::*;

#[tokio::test]
async fn cades_t_and_content_time_stamps_from_the_configured_tsa() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = pki.issue("Тестовий Підписувач", KeyType::Rsa(2048), None, &[]);
    let tsa = pki.tsa(KeyType::Rsa(2048));
    let server = HttpServer::start();
    server.route("/tsa", Route::Handler(Arc::new(pki.tsa_responder(&tsa))));
    let client = TsaClient::new(
        server.url("/tsa"),
        Arc::new(HttpFetcher::new(Duration::from_secs(10))),
    );
    let without_tsa = Client {
        state: state_with(&dir, &pki, config()).await,
        lang: "en",
    };
    let c = Client {
        state: without_tsa.state.clone().with_tsa(Arc::new(client)),
        lang: "en",
    };
    let p12 = pkcs12(&pki, &signer, &[]);
    for (options, content_ts) in [
        (
            json!({"cadesType": "CAdEST", "embedCertificateType": "signerAndCaCert"}),
            false,
        ),
        (
            json!({"cadesType": "undefined", "embedSignatureTs": "true", "embedDataTs": "true",
                   "embedCertificateType": "signerAndCaCert"}),
            true,
        ),
    ] {
        let t = c.open().await;
        c.data(&t, DOC.to_vec()).await.ok();
        c.key_store_bytes(&t, p12.clone()).await.ok();
        c.option(&t, options.clone()).await.ok();
        let hits = server.hits("/tsa");
        c.sign(&t, PASSWORD).await.ok();
        assert_eq!(server.hits("/tsa"), hits + 1 + usize::from(content_ts));
        let sig = c.signature(&t).await;
        assert_eq!(openssl_verifies(&pki, &sig, Some(DOC), false), DOC);

        let v = c.verify(&t).await.ok();
        let r = &v["verifyResults"][0];
        assert_eq!(r["status"], "SUCCESS", "{v}");
        assert_eq!(r["signatureType"], "CAdES-T", "{options}: {v}");
        let sts = &r["signatureTimestamps"][0];
        assert_eq!(sts["isValid"], true, "{v}");
        assert!(
            sts["tsaName"].as_str().is_some_and(|n| n.contains("TSA")),
            "{v}"
        );
        if content_ts {
            assert_eq!(r["contentTimestamp"]["isValid"], true, "{v}");
        } else {
            assert!(r["contentTimestamp"].is_null(), "{v}");
        }

        // The same options on a service without a TSA: a clear refusal.
        let t = without_tsa.open().await;
        without_tsa.data(&t, DOC.to_vec()).await.ok();
        without_tsa.key_store_bytes(&t, p12.clone()).await.ok();
        without_tsa.option(&t, options).await.ok();
        let a = without_tsa.sign(&t, PASSWORD).await;
        assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
        let cause = a.json()["failureCause"].as_str().expect("cause").to_owned();
        assert!(cause.contains("--tsa-url"), "{cause}");
    }
}

#[tokio::test]
async fn cades_x_long_with_the_engines_revocation_data() {
    use signet_pki::{Engine, RevocationMode};
    use signet_pki::{RevocationChecker, RevocationConfig};
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let signer = pki.issue("Підписувач X Long", KeyType::EcP256, None, &[]);
    let tsa = pki.tsa(KeyType::EcP256);
    let server = HttpServer::start();
    server.route("/tsa", Route::Handler(Arc::new(pki.tsa_responder(&tsa))));
    let fetcher = Arc::new(HttpFetcher::new(Duration::from_secs(10)));
    let client = TsaClient::new(server.url("/tsa"), fetcher.clone());
    let crl_dir = tempfile::tempdir().expect("crl dir");
    std::fs::write(crl_dir.path().join("ca.crl"), pki.crl()).expect("write");
    // The intermediate is trusted: the path is the signer and it, and the
    // intermediate's CRL (from the CRL directory) is the one status.
    let trust = Arc::new(TrustStore::from_certificates([
        Certificate::parse(&pki.root.cert.der).expect("root"),
        Certificate::parse(&pki.intermediate.cert.der).expect("intermediate"),
    ]));
    let engine = Engine {
        trust,
        issuers: None,
        revocation: Some(Arc::new(RevocationChecker::new(
            RevocationConfig {
                crl_dir: Some(crl_dir.path().to_path_buf()),
                ..RevocationConfig::default()
            },
            fetcher,
        ))),
        revocation_mode: RevocationMode::Require,
        fetch_limits: Default::default(),
    };
    let c = Client {
        state: state_with(&dir, &pki, config())
            .await
            .with_engine(engine)
            .with_tsa(Arc::new(client)),
        lang: "en",
    };
    let t = c.open().await;
    c.data(&t, DOC.to_vec()).await.ok();
    c.key_store_bytes(&t, pkcs12(&pki, &signer, &[])).await.ok();
    c.option(
        &t,
        json!({"cadesType": "CAdESXLong", "signatureType": "attached"}),
    )
    .await
    .ok();
    c.sign(&t, PASSWORD).await.ok();
    assert_eq!(server.hits("/tsa"), 2, "signature and CAdES-C time-stamps");
    let sig = c.signature(&t).await;
    assert_eq!(openssl_verifies(&pki, &sig, None, false), DOC);
    let v = c.verify(&t).await.ok();
    let r = &v["verifyResults"][0];
    assert_eq!(r["status"], "SUCCESS", "{v}");
    assert_eq!(r["signatureType"], "CAdES-X Long Type 1", "{v}");
    assert_eq!(r["signatureTimestamps"][0]["isValid"], true, "{v}");

    // A revoked signer gets no CAdES-X Long signature, and is told why.
    pki.revoke(&signer, "keyCompromise");
    std::fs::write(crl_dir.path().join("ca.crl"), pki.crl()).expect("write");
    let a = c.sign(&t, PASSWORD).await;
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
    let cause = a.json()["failureCause"].as_str().expect("cause").to_owned();
    assert!(cause.contains("was revoked"), "{cause}");
}
