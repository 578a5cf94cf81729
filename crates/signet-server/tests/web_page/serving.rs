//! The page itself: the page and its assets served with types, caching and
//! CSP; its API in the OpenAPI document and rate limited.

use super::*;

#[tokio::test]
async fn the_page_and_its_assets_are_served_with_types_caching_and_csp() {
    let e = env().await;
    let get = |uri: String, etag: Option<String>| {
        let state = e.state.clone();
        async move {
            let mut req = Request::get(uri);
            if let Some(t) = etag {
                req = req.header(header::IF_NONE_MATCH, t);
            }
            send(state, req.body(Body::empty()).expect("request")).await
        }
    };
    let (status, headers, body) = get("/".into(), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    let csp = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("csp");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(csp.contains("default-src 'none'"));
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let html = String::from_utf8(body).expect("utf-8");
    assert!(html.contains("id=\"verdict\"") && html.contains("aria-live=\"polite\""));

    // 304 for the same version.
    let etag = headers[header::ETAG].to_str().expect("etag").to_owned();
    let (status, _, body) = get("/".into(), Some(etag)).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());

    for (name, content_type) in [
        ("app.css", "text/css; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("icon.svg", "image/svg+xml"),
    ] {
        let start = html
            .find(&format!("/assets/web/{name}?v="))
            .unwrap_or_else(|| panic!("{name} is not linked"));
        let end = start + html[start..].find('"').expect("end of URL");
        let (status, headers, body) = get(html[start..end].to_owned(), None).await;
        assert_eq!(status, StatusCode::OK, "{name}");
        assert_eq!(headers[header::CONTENT_TYPE], content_type, "{name}");
        assert!(
            headers[header::CACHE_CONTROL]
                .to_str()
                .expect("cache")
                .contains("immutable")
        );
        assert!(!body.is_empty());
    }
    let (status, _, _) = get("/assets/web/secret.txt".into(), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = get("/assets/web/..%2Fsrc%2Flib.rs".into(), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_page_api_is_in_openapi_and_rate_limited() {
    let pki = TestPki::new(KeyType::EcP256);
    let mut config = config();
    config.auth_rate_per_client = 2;
    let (state, _dir) = state_with(&pki.root.cert.der, config).await;
    let (_, _, bytes) = send(
        state.clone(),
        Request::get("/openapi.json")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    let doc = json(&bytes);
    for path in ["/", "/web/verify", "/web/certificate"] {
        assert!(doc["paths"][path].is_object(), "{path} is not described");
    }
    assert!(doc["components"]["schemas"]["PageReport"].is_object());

    // One app, so one budget: 2 requests a minute from one address.
    let router = app(state);
    let mut last = StatusCode::OK;
    for _ in 0..3 {
        let resp = router
            .clone()
            .oneshot(
                Request::post("/web/certificate?lang=en")
                    .header("x-forwarded-for", "203.0.113.7")
                    .body(Body::from(pki.root.cert.der.clone()))
                    .expect("request"),
            )
            .await
            .expect("response");
        last = resp.status();
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    // Another address has its own budget.
    let resp = router
        .oneshot(
            Request::post("/web/certificate?lang=en")
                .header("x-forwarded-for", "203.0.113.8")
                .body(Body::from(pki.root.cert.der.clone()))
                .expect("request"),
        )
        .await
        .expect("response");
    assert_eq!(resp.status(), StatusCode::OK);
}
