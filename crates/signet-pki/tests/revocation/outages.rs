//! Peers that fail: OCSP down (fallback to the CRL), both down, a hanging
//! server (timeout), replayed OCSP answers (caught by the nonce) and
//! garbage answers.

use super::*;

#[test]
fn ocsp_down_falls_back_to_crl() {
    let ca = Ca::new();
    let http = HttpServer::start();
    let dead = format!("http://127.0.0.1:{}/", free_port());
    let cert = ca.issue("good", Some(&http.url("/inter.crl")), Some(&dead));
    http.route("/inter.crl", Route::Ok(ca.crl(&[])));
    let status = checker(RevocationConfig::default())
        .within(&budget())
        .status(&cert, &ca.inter, now(), &[], &[]);
    assert_eq!(
        status,
        RevocationStatus::Good {
            source: RevocationSource::Crl {
                url: Some(http.url("/inter.crl"))
            }
        }
    );
}

#[test]
fn both_down_gives_two_reasons() {
    let ca = Ca::new();
    let dead_ocsp = format!("http://127.0.0.1:{}/", free_port());
    let dead_crl = format!("http://127.0.0.1:{}/inter.crl", free_port());
    let cert = ca.issue("good", Some(&dead_crl), Some(&dead_ocsp));
    let started = Instant::now();
    let reasons = unknown_reasons(
        checker(RevocationConfig::default())
            .within(&budget())
            .status(&cert, &ca.inter, now(), &[], &[]),
    );
    assert_eq!(
        reasons,
        vec![
            format!("OCSP {dead_ocsp}: could not connect: connection refused"),
            format!("CRL {dead_crl}: could not connect: connection refused"),
        ]
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn hanging_server_times_out() {
    let ca = Ca::new();
    let http = HttpServer::start();
    http.route("/ocsp", Route::Hang);
    http.route("/inter.crl", Route::Hang);
    let cert = ca.issue(
        "good",
        Some(&http.url("/inter.crl")),
        Some(&http.url("/ocsp")),
    );
    let config = RevocationConfig {
        timeout: Duration::from_secs(1),
        ..RevocationConfig::default()
    };
    let checker = checker(config);
    let started = Instant::now();
    let reasons =
        unknown_reasons(
            checker
                .within(&budget())
                .status(&cert, &ca.inter, now(), &[], &[]),
        );
    let elapsed = started.elapsed();
    assert_eq!(
        reasons,
        vec![
            format!("OCSP {}: timed out after 1 s", http.url("/ocsp")),
            format!("CRL {}: timed out after 1 s", http.url("/inter.crl")),
        ]
    );
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
    // The failures are remembered: the next validation does not wait again.
    let started = Instant::now();
    let reasons =
        unknown_reasons(
            checker
                .within(&budget())
                .status(&cert, &ca.inter, now(), &[], &[]),
        );
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        reasons,
        vec![
            format!(
                "OCSP {}: timed out after 1 s (a moment ago; not retried for 30 s)",
                http.url("/ocsp")
            ),
            format!(
                "CRL {}: timed out after 1 s (a moment ago; not retried for 30 s)",
                http.url("/inter.crl")
            ),
        ]
    );
    assert_eq!(http.hits("/ocsp"), 1);
}

#[test]
fn replayed_ocsp_answers_are_caught_by_the_nonce() {
    let ca = Ca::new();
    let http = HttpServer::start();
    let port = free_port();
    let cert = ca.issue("good", None, Some(&http.url("/ocsp")));
    // An answer to another request (with openssl's own nonce), captured
    // from the real responder, replayed by the server at the certificate's
    // OCSP URL.
    let captured = {
        let _responder = ca.responder(port, "ocsp");
        ca.run(&[
            "ocsp",
            "-issuer",
            "inter.pem",
            "-cert",
            "good.pem",
            "-url",
            &format!("http://127.0.0.1:{port}/"),
            "-respout",
            "captured.der",
            "-noverify",
        ]);
        std::fs::read(ca.path().join("captured.der")).expect("read")
    };
    http.route("/ocsp", Route::Ok(captured));
    let reasons = unknown_reasons(
        checker(RevocationConfig::default())
            .within(&budget())
            .status(&cert, &ca.inter, now(), &[], &[]),
    );
    assert_eq!(
        reasons,
        vec![format!(
            "OCSP {}: the nonce in the response does not match the request (replayed answer?)",
            http.url("/ocsp")
        )]
    );
    // An answer without a nonce is accepted, with a note.
    http.route("/ocsp", Route::Ok(ca.offline_ocsp_response("good")));
    let report = checker(RevocationConfig::default())
        .within(&budget())
        .check(&cert, &ca.inter, now(), &[], &[]);
    assert!(
        matches!(report.status, RevocationStatus::Good { .. }),
        "{report:?}"
    );
    assert_eq!(report.notes.len(), 1, "{:?}", report.notes);
    assert!(
        report.notes[0].contains("did not echo the nonce"),
        "{:?}",
        report.notes
    );
}

#[test]
fn garbage_answers_are_unknown() {
    let ca = Ca::new();
    let http = HttpServer::start();
    let mut noise = vec![0u8; 3000];
    noise_bytes(&mut noise);
    http.route("/ocsp", Route::Ok(noise.clone()));
    http.route(
        "/inter.crl",
        Route::Ok(b"<html><body><h1>It works!</h1></body></html>".to_vec()),
    );
    let cert = ca.issue(
        "good",
        Some(&http.url("/inter.crl")),
        Some(&http.url("/ocsp")),
    );
    let reasons = unknown_reasons(
        checker(RevocationConfig::default())
            .within(&budget())
            .status(&cert, &ca.inter, now(), &[], &[]),
    );
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons[0].starts_with(&format!(
            "OCSP {}: malformed OCSP response",
            http.url("/ocsp")
        )),
        "{reasons:?}"
    );
    assert!(
        reasons[1].starts_with(&format!("CRL {}: malformed CRL", http.url("/inter.crl"))),
        "{reasons:?}"
    );

    // Oversized, HTTP errors, a CRL where OCSP is expected, an error status.
    http.route("/ocsp", Route::Ok(vec![0x30; (1 << 20) + 10]));
    http.route("/inter.crl", Route::Status(503));
    let reasons = unknown_reasons(
        checker(RevocationConfig::default())
            .within(&budget())
            .status(&cert, &ca.inter, now(), &[], &[]),
    );
    assert!(
        reasons[0].ends_with("the answer is larger than the limit of 1048576 bytes"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].ends_with("the server answered HTTP 503"),
        "{reasons:?}"
    );
    http.route("/ocsp", Route::Ok(ca.crl(&[])));
    http.route("/inter.crl", Route::Ok(noise));
    let reasons = unknown_reasons(
        checker(RevocationConfig::default())
            .within(&budget())
            .status(&cert, &ca.inter, now(), &[], &[]),
    );
    assert!(
        reasons[0].contains("malformed OCSP response"),
        "{reasons:?}"
    );
    assert!(reasons[1].contains("malformed CRL"), "{reasons:?}");
    // tryLater: SEQUENCE { ENUMERATED 3 }.
    http.route("/ocsp", Route::Ok(vec![0x30, 0x03, 0x0A, 0x01, 0x03]));
    let reasons = unknown_reasons(
        checker(RevocationConfig::default())
            .within(&budget())
            .status(&cert, &ca.inter, now(), &[], &[]),
    );
    assert!(
        reasons[0].ends_with("the responder answered \"tryLater\""),
        "{reasons:?}"
    );
}

/// Random-looking bytes (xorshift), reproducible per process.
fn noise_bytes(buf: &mut [u8]) {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15 ^ u64::from(std::process::id());
    for b in buf {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
}
