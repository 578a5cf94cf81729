//! Issuer certificates fetched from the authorityInfoAccess caIssuers URL
//! as DER, PEM and PKCS#7, and cached.

use super::*;

#[test]
fn ca_issuers_are_fetched_as_der_pem_and_pkcs7_and_cached() {
    let ca = Ca::new();
    let http = HttpServer::start();
    let der = ca.run(&[
        "x509",
        "-in",
        "inter.pem",
        "-outform",
        "DER",
        "-out",
        "inter.der",
    ]);
    assert!(der.is_empty());
    ca.run(&[
        "crl2pkcs7",
        "-nocrl",
        "-certfile",
        "inter.pem",
        "-certfile",
        "root.pem",
        "-outform",
        "DER",
        "-out",
        "chain.p7b",
    ]);
    ca.run(&[
        "crl2pkcs7",
        "-nocrl",
        "-certfile",
        "inter.pem",
        "-out",
        "chain.p7b.pem",
    ]);
    let read = |f: &str| std::fs::read(ca.path().join(f)).expect("read");
    http.route("/inter.der", Route::Ok(read("inter.der")));
    http.route("/inter.pem", Route::Ok(read("inter.pem")));
    http.route("/chain.p7b", Route::Ok(read("chain.p7b")));
    http.route("/chain.p7c", Route::Ok(read("chain.p7b.pem")));
    http.route("/junk", Route::Ok(b"<html/>".to_vec()));
    let shared = CaIssuers::new(Arc::new(HttpFetcher::new(Duration::from_secs(2))));
    let budget = budget();
    let source = shared.within(&budget);
    let fetched = |path: &str| source.ca_issuers(&http.url(path)).expect(path);
    assert_eq!(fetched("/inter.der"), vec![ca.inter.clone()]);
    assert_eq!(fetched("/inter.der"), vec![ca.inter.clone()]);
    assert_eq!(http.hits("/inter.der"), 1, "cached");
    assert_eq!(fetched("/inter.pem"), vec![ca.inter.clone()]);
    assert_eq!(
        fetched("/chain.p7b"),
        vec![ca.inter.clone(), ca.root.clone()]
    );
    assert_eq!(fetched("/chain.p7c"), vec![ca.inter.clone()]);
    let junk = source.ca_issuers(&http.url("/junk")).expect_err("junk");
    assert!(
        junk.to_string().contains("not DER, PEM or base64"),
        "{junk}"
    );
    let missing = source
        .ca_issuers(&http.url("/missing"))
        .expect_err("missing");
    assert_eq!(missing.to_string(), "the server answered HTTP 404");
    assert_eq!(
        source
            .ca_issuers(&http.url("/missing"))
            .expect_err("remembered")
            .to_string(),
        "the server answered HTTP 404 (a moment ago; not retried for 30 s)"
    );
    assert_eq!(
        http.hits("/missing"),
        1,
        "a failed URL is not fetched again"
    );
    assert_eq!(budget.fetches_started(), 6, "one per URL fetched");
}
