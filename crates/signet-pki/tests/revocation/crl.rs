//! CRLs served over HTTP: good and revoked, every reason and hold, a CRL
//! signed by another key, and stale CRLs.

use super::*;

#[test]
fn good_and_revoked_by_crl() {
    let ca = Ca::new();
    let http = HttpServer::start();
    let good = ca.issue("good", Some(&http.url("/inter.crl")), None);
    let revoked = ca.issue("revoked", Some(&http.url("/inter.crl")), None);
    ca.revoke("revoked", "keyCompromise");
    let (when, _) = ca.revocation_time("revoked");
    http.route("/inter.crl", Route::Ok(ca.crl(&[])));
    let checker = checker(crl_only());
    let source = RevocationSource::Crl {
        url: Some(http.url("/inter.crl")),
    };
    assert_eq!(
        checker
            .within(&budget())
            .status(&good, &ca.inter, now(), &[], &[]),
        RevocationStatus::Good {
            source: source.clone()
        }
    );
    assert_eq!(
        checker
            .within(&budget())
            .status(&revoked, &ca.inter, now(), &[], &[]),
        RevocationStatus::Revoked {
            time: when,
            reason: Some("keyCompromise".into()),
            source
        }
    );
    assert_eq!(
        http.hits("/inter.crl"),
        1,
        "the second certificate used the cached CRL"
    );
}

#[test]
fn other_reasons_and_hold_are_reported() {
    let ca = Ca::new();
    let http = HttpServer::start();
    let superseded = ca.issue("superseded", Some(&http.url("/inter.crl")), None);
    let held = ca.issue("held", Some(&http.url("/inter.crl")), None);
    ca.revoke("superseded", "superseded");
    ca.run(&[
        "ca",
        "-config",
        "ca.cnf",
        "-batch",
        "-cert",
        "inter.pem",
        "-keyfile",
        "inter.key",
        "-revoke",
        "held.pem",
        "-crl_hold",
        "holdInstructionCallIssuer",
    ]);
    http.route("/inter.crl", Route::Ok(ca.crl(&[])));
    let checker = checker(crl_only());
    let reason =
        |c: &Certificate| match checker
            .within(&budget())
            .status(c, &ca.inter, now(), &[], &[])
        {
            RevocationStatus::Revoked { reason, .. } => reason,
            other => panic!("{other:?}"),
        };
    assert_eq!(reason(&superseded).as_deref(), Some("superseded"));
    assert_eq!(reason(&held).as_deref(), Some("certificateHold"));
}

#[test]
fn crl_signed_by_another_key_is_refused() {
    let ca = Ca::new();
    let http = HttpServer::start();
    let cert = ca.issue("good", Some(&http.url("/inter.crl")), None);
    // Same name as the intermediate, another key.
    ca.key("impostor.key", "RSA");
    ca.run(&[
        "req",
        "-config",
        "ca.cnf",
        "-new",
        "-x509",
        "-key",
        "impostor.key",
        "-subj",
        "/CN=Revocation Test Intermediate",
        "-days",
        "5",
        "-extensions",
        "v3_root",
        "-out",
        "impostor.pem",
    ]);
    ca.run(&[
        "ca",
        "-config",
        "ca.cnf",
        "-batch",
        "-cert",
        "impostor.pem",
        "-keyfile",
        "impostor.key",
        "-gencrl",
        "-out",
        "impostor.crl.pem",
    ]);
    let forged = std::fs::read(ca.path().join("impostor.crl.pem")).expect("read");
    http.route("/inter.crl", Route::Ok(forged.clone()));
    let reasons = unknown_reasons(checker(crl_only()).within(&budget()).status(
        &cert,
        &ca.inter,
        now(),
        &[],
        &[],
    ));
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(
        reasons[0].starts_with(&format!(
            "CRL {}: signature does not verify",
            http.url("/inter.crl")
        )),
        "{reasons:?}"
    );
    // With an authorityKeyIdentifier the mismatch is named before the signature is checked.
    ca.run(&[
        "ca",
        "-config",
        "ca.cnf",
        "-batch",
        "-cert",
        "impostor.pem",
        "-keyfile",
        "impostor.key",
        "-gencrl",
        "-crlexts",
        "crl_ext",
        "-out",
        "impostor2.crl.pem",
    ]);
    let forged = std::fs::read(ca.path().join("impostor2.crl.pem")).expect("read");
    let offline = RevocationConfig {
        fetch: false,
        ..crl_only()
    };
    let reasons = unknown_reasons(checker(offline).within(&budget()).status(
        &cert,
        &ca.inter,
        now(),
        &[forged],
        &[],
    ));
    assert!(
        reasons[0].contains("authorityKeyIdentifier differs"),
        "{reasons:?}"
    );
}

#[test]
fn stale_crl_is_unknown_unless_allowed() {
    let ca = Ca::new();
    let cert = ca.issue("good", None, None);
    let crl = ca.crl(&["-crlhours", "1"]);
    let later = now() + time::Duration::hours(2);
    let offline = RevocationConfig {
        fetch: false,
        ..RevocationConfig::default()
    };
    let reasons = unknown_reasons(checker(offline.clone()).within(&budget()).status(
        &cert,
        &ca.inter,
        later,
        std::slice::from_ref(&crl),
        &[],
    ));
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(
        reasons[0].starts_with("embedded CRL #1: stale: nextUpdate"),
        "{reasons:?}"
    );
    // Fresh at the time it covers.
    assert!(matches!(
        checker(offline.clone()).within(&budget()).status(
            &cert,
            &ca.inter,
            now(),
            std::slice::from_ref(&crl),
            &[]
        ),
        RevocationStatus::Good { .. }
    ));
    let lenient = RevocationConfig {
        allow_stale_crl: true,
        ..offline
    };
    let report = checker(lenient)
        .within(&budget())
        .check(&cert, &ca.inter, later, &[crl], &[]);
    assert_eq!(
        report.status,
        RevocationStatus::Good {
            source: RevocationSource::Crl { url: None }
        }
    );
    assert!(
        report.notes[0].contains("accepted although stale"),
        "{:?}",
        report.notes
    );
}
