//! Sources without the network: revocation values embedded in a signature,
//! a local CRL directory searched by issuer, and no source at all.

use super::*;

#[test]
fn embedded_values_work_offline() {
    let ca = Ca::new();
    let http = HttpServer::start();
    let dead = format!("http://127.0.0.1:{}/", free_port());
    let cert = ca.issue("revoked", Some(&http.url("/inter.crl")), Some(&dead));
    let good = ca.issue("good", Some(&http.url("/inter.crl")), Some(&dead));
    ca.revoke("revoked", "cessationOfOperation");
    let crl = ca.crl(&[]);
    let offline = RevocationConfig {
        fetch: false,
        ..RevocationConfig::default()
    };
    let checker = checker(offline);
    let status =
        checker
            .within(&budget())
            .status(&cert, &ca.inter, now(), std::slice::from_ref(&crl), &[]);
    assert!(
        matches!(&status, RevocationStatus::Revoked { reason: Some(r), source: RevocationSource::Crl { url: None }, .. } if r == "cessationOfOperation"),
        "{status:?}"
    );
    // An OCSP response made offline by `openssl ocsp -reqin … -respout …`.
    let response = ca.offline_ocsp_response("good");
    let report = checker.within(&budget()).check(
        &good,
        &ca.inter,
        now(),
        &[],
        std::slice::from_ref(&response),
    );
    assert_eq!(
        report.status,
        RevocationStatus::Good {
            source: RevocationSource::Ocsp { url: None }
        }
    );
    // It speaks of "good" only: for "revoked" it is skipped, and offline
    // there is nothing else.
    let reasons = unknown_reasons(checker.within(&budget()).status(
        &cert,
        &ca.inter,
        now(),
        &[],
        &[response],
    ));
    assert_eq!(
        reasons,
        vec![
            format!("OCSP {dead}: not fetched (network access is off)"),
            format!(
                "CRL {}: not fetched (network access is off)",
                http.url("/inter.crl")
            ),
        ]
    );
    // A CRL of another CA among the embedded values is ignored.
    let status =
        checker
            .within(&budget())
            .status(&good, &ca.inter, now(), &[ca_root_crl(&ca), crl], &[]);
    assert!(
        matches!(status, RevocationStatus::Good { .. }),
        "{status:?}"
    );
    assert_eq!(http.hits("/inter.crl"), 0);
}

#[test]
fn crl_directory_is_searched_by_issuer() {
    let ca = Ca::new();
    let cert = ca.issue("revoked", None, None);
    ca.revoke("revoked", "affiliationChanged");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        ca.path().join("out.crl.pem"),
        dir.path().join("zz-missing.crl"),
    )
    .ok();
    std::fs::write(dir.path().join("a-garbage.crl"), b"not a CRL").expect("write");
    std::fs::write(dir.path().join("notes.txt"), b"ignored").expect("write");
    std::fs::write(dir.path().join("b-root.pem"), ca_root_crl(&ca)).expect("write");
    ca.crl(&[]);
    std::fs::copy(
        ca.path().join("out.crl.pem"),
        dir.path().join("c-inter.pem"),
    )
    .expect("copy");
    let config = RevocationConfig {
        crl_dir: Some(dir.path().to_owned()),
        fetch: false,
        ..RevocationConfig::default()
    };
    let checker = checker(config);
    let status = checker
        .within(&budget())
        .status(&cert, &ca.inter, now(), &[], &[]);
    let expected_url = format!("file://{}", dir.path().join("c-inter.pem").display());
    assert!(
        matches!(&status, RevocationStatus::Revoked { reason: Some(r), source: RevocationSource::Crl { url: Some(u) }, .. }
            if r == "affiliationChanged" && *u == expected_url),
        "{status:?}"
    );
    // The intermediate's own status comes from the root's CRL in the same directory.
    let status = checker
        .within(&budget())
        .status(&ca.inter, &ca.root, now(), &[], &[]);
    assert!(
        matches!(status, RevocationStatus::Good { .. }),
        "{status:?}"
    );
    // No CRL of this issuer: says so.
    let other = Ca::named("Other");
    let stranger = other.issue("x", None, None);
    let reasons =
        unknown_reasons(
            checker
                .within(&budget())
                .status(&stranger, &other.inter, now(), &[], &[]),
        );
    assert_eq!(
        reasons,
        vec![format!(
            "CRL directory {}: no CRL issued by \"Other Intermediate\"",
            dir.path().display()
        )]
    );
    // A CA of the same name with another key: its CRL is found and refused.
    let twin = Ca::new();
    let cert = twin.issue("x", None, None);
    let reasons =
        unknown_reasons(
            checker
                .within(&budget())
                .status(&cert, &twin.inter, now(), &[], &[]),
        );
    assert!(
        reasons[0]
            .ends_with("signed with another key of the issuer (authorityKeyIdentifier differs)"),
        "{reasons:?}"
    );
}

#[test]
fn no_source_at_all() {
    let ca = Ca::new();
    let cert = ca.issue("bare", None, None);
    let reasons = unknown_reasons(
        checker(RevocationConfig::default())
            .within(&budget())
            .status(&cert, &ca.inter, now(), &[], &[]),
    );
    assert_eq!(reasons.len(), 1);
    assert!(
        reasons[0].starts_with("no revocation information"),
        "{reasons:?}"
    );
}
