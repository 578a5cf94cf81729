//! OCSP with `openssl ocsp` as the responder: good and revoked answers from
//! the delegated responder, answers signed by the CA itself (and cached),
//! and a responder without OCSPSigning that must not be trusted.

use super::*;

#[test]
fn good_by_ocsp_from_the_delegated_responder() {
    let ca = Ca::new();
    let http = HttpServer::start();
    let port = free_port();
    let ocsp_url = format!("http://127.0.0.1:{port}/");
    let cert = ca.issue("good", Some(&http.url("/good.crl")), Some(&ocsp_url));
    let _responder = ca.responder(port, "ocsp");
    let report = checker(RevocationConfig::default())
        .within(&budget())
        .check(&cert, &ca.inter, now(), &[], &[]);
    assert_eq!(
        report.status,
        RevocationStatus::Good {
            source: RevocationSource::Ocsp {
                url: Some(ocsp_url)
            }
        }
    );
    assert!(
        report.notes.is_empty(),
        "the nonce was echoed: {:?}",
        report.notes
    );
    assert_eq!(http.hits("/good.crl"), 0, "OCSP answered, no CRL fetched");
}

#[test]
fn revoked_by_ocsp_with_the_time_and_reason_openssl_recorded() {
    let ca = Ca::new();
    let port = free_port();
    let ocsp_url = format!("http://127.0.0.1:{port}/");
    let cert = ca.issue("revoked", None, Some(&ocsp_url));
    ca.revoke("revoked", "keyCompromise");
    let (when, reason) = ca.revocation_time("revoked");
    assert_eq!(reason, "keyCompromise");
    let _responder = ca.responder(port, "ocsp");
    let status = checker(RevocationConfig::default())
        .within(&budget())
        .status(&cert, &ca.inter, now(), &[], &[]);
    assert_eq!(
        status,
        RevocationStatus::Revoked {
            time: when,
            reason: Some("keyCompromise".into()),
            source: RevocationSource::Ocsp {
                url: Some(ocsp_url)
            }
        }
    );
}

#[test]
fn good_by_ocsp_signed_by_the_ca_itself_and_cached() {
    let ca = Ca::new();
    let port = free_port();
    let ocsp_url = format!("http://127.0.0.1:{port}/");
    let cert = ca.issue("good", None, Some(&ocsp_url));
    let checker = checker(RevocationConfig::default());
    {
        let _responder = ca.responder(port, "inter");
        let status = checker
            .within(&budget())
            .status(&cert, &ca.inter, now(), &[], &[]);
        assert!(
            matches!(status, RevocationStatus::Good { .. }),
            "{status:?}"
        );
    }
    // The responder is gone: the second answer comes from the cache.
    let status = checker
        .within(&budget())
        .status(&cert, &ca.inter, now(), &[], &[]);
    assert_eq!(
        status,
        RevocationStatus::Good {
            source: RevocationSource::Ocsp {
                url: Some(ocsp_url.clone())
            }
        }
    );
    // A new checker has no cache and says why it cannot tell.
    let fresh = self::checker(RevocationConfig::default());
    let reasons =
        unknown_reasons(
            fresh
                .within(&budget())
                .status(&cert, &ca.inter, now(), &[], &[]),
        );
    assert!(
        reasons[0].starts_with(&format!("OCSP {ocsp_url}: could not connect")),
        "{reasons:?}"
    );
}

#[test]
fn responder_without_ocsp_signing_is_not_trusted() {
    let ca = Ca::new();
    ca.issue_with("rogue", "v3_ocsp_no_eku", None);
    let port = free_port();
    let ocsp_url = format!("http://127.0.0.1:{port}/");
    let cert = ca.issue("good", None, Some(&ocsp_url));
    let _responder = ca.responder(port, "rogue");
    let reasons = unknown_reasons(
        checker(RevocationConfig::default())
            .within(&budget())
            .status(&cert, &ca.inter, now(), &[], &[]),
    );
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(
        reasons[0].contains("lacks extendedKeyUsage OCSPSigning"),
        "{reasons:?}"
    );
}
