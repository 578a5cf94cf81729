//! Bounded cost against hostile input: a signature stuffed with forged
//! CRLs, and a certificate with many distribution points.

use super::*;

/// CRLs from an impostor of the intermediate (same name, another key)
/// made with `openssl ca -gencrl` without an authorityKeyIdentifier, so
/// that only a signature check tells them from the real one; DER.
fn impostor_crls(impostor: &Ca, n: usize) -> Vec<Vec<u8>> {
    (0..n).map(|_| impostor.gencrl(&[])).collect()
}

/// A signature stuffed with revocation values (many CRLs naming the
/// certificate's issuer, each a forgery that costs a signature check;
/// unreadable ones; unreadable OCSP responses) is examined up to
/// `MAX_EMBEDDED_TRIES` of each kind per certificate, says how many it
/// left, and the real CRL at the distribution point still answers.
#[test]
fn a_signature_stuffed_with_crls_costs_a_bounded_number_of_checks() {
    let ca = Ca::new();
    let impostor = Ca::new();
    let http = HttpServer::start();
    let cert = ca.issue("stuffed", Some(&http.url("/inter.crl")), None);
    http.route("/inter.crl", Route::Ok(ca.crl(&[])));
    let forged = impostor_crls(&impostor, 4);
    let root_crl = ca_root_crl(&ca);
    let mut crls = Vec::new();
    for i in 0..3000u32 {
        crls.push(forged[i as usize % forged.len()].clone());
        if i % 10 == 0 {
            // Well-formed DER, not a CRL.
            crls.push(vec![0x30, 0x03, 0x02, 0x01, i as u8]);
            // Another issuer's CRL: skipped without a check.
            crls.push(root_crl.clone());
        }
    }
    let examined = 3000 + 300;
    let ocsp: Vec<Vec<u8>> = (0..500u32).map(|i| i.to_be_bytes().to_vec()).collect();

    let offline = RevocationConfig {
        fetch: false,
        ..crl_only()
    };
    let started = Instant::now();
    let reasons = unknown_reasons(checker(offline).within(&budget()).status(
        &cert,
        &ca.inter,
        now(),
        &crls,
        &ocsp,
    ));
    let elapsed = started.elapsed();
    let of = |prefix: &str| reasons.iter().filter(|r| r.starts_with(prefix)).count();
    assert_eq!(of("embedded CRL #"), MAX_EMBEDDED_TRIES, "{reasons:?}");
    assert_eq!(of("embedded OCSP response #"), MAX_EMBEDDED_TRIES);
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("signature does not verify")),
        "the forgeries are checked, not skipped: {reasons:?}"
    );
    for expected in [
        format!(
            "{} more embedded CRLs not examined (at most {MAX_EMBEDDED_TRIES} per certificate)",
            examined - MAX_EMBEDDED_TRIES
        ),
        format!(
            "{} more embedded OCSP responses not examined (at most {MAX_EMBEDDED_TRIES} per certificate)",
            ocsp.len() - MAX_EMBEDDED_TRIES
        ),
    ] {
        assert!(reasons.contains(&expected), "{expected} in {reasons:?}");
    }
    assert!(
        reasons.len() <= 2 * MAX_EMBEDDED_TRIES + 3,
        "{} reasons",
        reasons.len()
    );
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");

    // Online, the flood is passed over and the distribution point answers.
    let status =
        checker(crl_only())
            .within(&budget())
            .status(&cert, &ca.inter, now(), &crls, &ocsp);
    assert_eq!(
        status,
        RevocationStatus::Good {
            source: RevocationSource::Crl {
                url: Some(http.url("/inter.crl"))
            }
        }
    );
    // A real CRL among the first examined is used offline.
    let mut honest = vec![ca.crl(&[])];
    honest.extend(crls.iter().take(10).cloned());
    let offline = RevocationConfig {
        fetch: false,
        ..crl_only()
    };
    assert_eq!(
        checker(offline)
            .within(&budget())
            .status(&cert, &ca.inter, now(), &honest, &[]),
        RevocationStatus::Good {
            source: RevocationSource::Crl { url: None }
        }
    );
}

/// A certificate naming many CRL distribution points costs at most
/// `MAX_URLS` fetches, and the answer says how many were left.
#[test]
fn many_distribution_points_cost_at_most_max_urls_fetches() {
    let ca = Ca::new();
    let http = HttpServer::start();
    let paths: Vec<String> = (0..12).map(|i| format!("/dp{i}.crl")).collect();
    for p in &paths {
        http.route(p, Route::Status(503));
    }
    let urls: Vec<String> = paths.iter().map(|p| http.url(p)).collect();
    let cert = ca.issue("many points", Some(&urls.join(", URI:")), None);
    let reasons = unknown_reasons(checker(crl_only()).within(&budget()).status(
        &cert,
        &ca.inter,
        now(),
        &[],
        &[],
    ));
    let fetched: usize = paths.iter().map(|p| http.hits(p)).sum();
    assert_eq!(fetched, MAX_URLS, "{reasons:?}");
    let left = format!(
        "{} more CRL distribution points not tried (at most {MAX_URLS} per certificate)",
        paths.len() - MAX_URLS
    );
    assert!(reasons.contains(&left), "{reasons:?}");
    assert_eq!(reasons.len(), MAX_URLS + 1, "{reasons:?}");
}
