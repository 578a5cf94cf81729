//! CAdES-T: signature- and content-time-stamps from an `openssl ts` TSA over
//! HTTP (checked by `openssl ts -verify`), and a failing TSA.

use super::*;

#[test]
fn cades_t_with_tokens_from_an_openssl_tsa_over_http() {
    for key in [KeyType::Rsa(2048), KeyType::EcP256] {
        let pki = TestPki::new(key);
        let party = pki.issue("Подписант", key, None, &[]);
        let signer = certified(&pki, &party);
        let tsa = pki.tsa(key);
        let (server, client) = http_tsa(&pki, &tsa);
        let before = now();
        let sig = SignedDataBuilder::new(DOC)
            .detached(true)
            .signing_time(Some(before))
            .include_certificates(intermediate(&pki))
            .signature_timestamp(Some(&client))
            .content_timestamp(Some(&client))
            .add_signer(&signer)
            .build()
            .expect("signs with time-stamps");
        assert_eq!(
            server.hits("/tsa"),
            2,
            "one content and one signature token"
        );
        assert_der(&sig);
        // OpenSSL verifies the signature (the unsigned attribute is not
        // signed) and each token over what CAdES says it covers.
        openssl_verify(&pki, &sig, Some(DOC), false).expect("openssl cms verifies");
        let sts = der_tree::attribute_value(&sig, 0, false, SIGNATURE_TIME_STAMP)
            .expect("signature-time-stamp");
        let value = der_tree::signature_value(&sig, 0);
        openssl_ts_verify(&pki, &sts, &value).expect("openssl: the token covers the signature");
        assert!(openssl_ts_verify(&pki, &sts, DOC).is_err());
        let cts = der_tree::attribute_value(&sig, 0, true, CONTENT_TIME_STAMP)
            .expect("content-time-stamp");
        openssl_ts_verify(&pki, &cts, DOC).expect("openssl: the token covers the content");
        // signet reads it as CAdES-T, the time-stamp valid and recent.
        let report = signet_validate(&trust_root(&pki), &sig, DOC);
        assert_valid(&report);
        let s = &report.signers[0];
        assert_eq!(s.cades, Some(CadesLevel::T), "{key:?}");
        let ts = s.timestamp.as_ref().expect("time-stamp report");
        assert_eq!(ts.result, Ok(()));
        assert!(
            (ts.time - before).whole_seconds().abs() < 120,
            "{:?}",
            ts.time
        );
    }
}

#[test]
fn a_tsa_that_fails_is_an_error_not_a_signature() {
    let pki = TestPki::new(KeyType::EcP256);
    let party = pki.issue("Подписант", KeyType::EcP256, None, &[]);
    let signer = certified(&pki, &party);
    let tsa = pki.tsa(KeyType::EcP256);
    let server = HttpServer::start();
    let client = |path: &str, timeout: u64| {
        TsaClient::new(
            server.url(path),
            Arc::new(HttpFetcher::new(Duration::from_secs(timeout))),
        )
    };
    // A reply made by a real TSA, but to another request.
    let respond = pki.tsa_responder(&tsa);
    let other = TimestampRequest::new(DigestAlgorithm::Sha256, &[7; 32], [1; 8], None);
    server.route("/other", Route::Ok(respond(other.der())));
    server.route("/down", Route::Status(503));
    server.route("/html", Route::Ok(b"<html>busy</html>".to_vec()));
    server.route("/hang", Route::Hang);
    // OpenSSL refuses a SHA-224 imprint (not in its `digests`).
    server.route("/tsa", Route::Handler(Arc::new(respond)));
    let cases: [(TsaClient, &str); 5] = [
        (client("/other", 10), "does not match the request"),
        (client("/down", 10), "HTTP 503"),
        (client("/html", 10), "cannot be read"),
        (client("/hang", 1), "timed out"),
        (
            client("/tsa", 10).with_digest(DigestAlgorithm::Sha224),
            "/tsa: rejection (2)",
        ),
    ];
    for (tsa_client, expected) in &cases {
        let err = SignedDataBuilder::new(DOC)
            .signature_timestamp(Some(tsa_client))
            .add_signer(&signer)
            .build()
            .expect_err("no signature without its time-stamp")
            .to_string();
        assert!(err.contains(expected), "{}: {err}", tsa_client.url());
    }
}
