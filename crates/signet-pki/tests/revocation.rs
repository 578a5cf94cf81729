//! Revocation checking against real peers: a CA run with `openssl ca`
//! (root, intermediate, a delegated OCSP responder with extendedKeyUsage
//! OCSPSigning, end-entity certificates with CRL distribution point and
//! OCSP URLs on 127.0.0.1), its CRLs served by a small HTTP server in this
//! test, and `openssl ocsp` as the responder.
//!
//! Every test makes its own CA in a temporary directory and its own
//! servers, so tests run in parallel and count their own requests. The
//! responder process is killed when its guard is dropped, test failures
//! included.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use signet_pki::Certificate;
use signet_pki::IssuerSource;
use signet_pki::{CaIssuers, FetchBudget, FetchLimits, HttpFetcher};
use signet_pki::{
    MAX_EMBEDDED_TRIES, MAX_URLS, RevocationChecker, RevocationConfig, RevocationSource,
    RevocationStatus,
};
use test_support::Openssl;
use test_support::net::{HttpServer, Responder, Route, free_port};
use time::OffsetDateTime;

const CA_CNF: &str = r#"
[ ca ]
default_ca = CA_default
[ CA_default ]
dir = .
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
default_days = 30
default_crl_days = 7
policy = policy_any
unique_subject = no
copy_extensions = none
[ policy_any ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = placeholder
[ v3_root ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ v3_inter ]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_ocsp ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = OCSPSigning
noCheck = ignored
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_ocsp_no_eku ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ crl_ext ]
authorityKeyIdentifier = keyid
"#;

/// The CA's directory, where openssl runs.
struct Workdir(Openssl);

/// A CA made with the openssl command line in a temporary directory.
struct Ca {
    work: Workdir,
    root: Certificate,
    inter: Certificate,
}

impl std::ops::Deref for Ca {
    type Target = Workdir;
    fn deref(&self) -> &Workdir {
        &self.work
    }
}

impl Ca {
    /// Root (P-256), intermediate (RSA-2048, signs certificates and CRLs),
    /// delegated OCSP responder (P-256, EKU OCSPSigning).
    fn new() -> Ca {
        Ca::named("Revocation Test")
    }

    /// The same, with subjects "<prefix> Root", "<prefix> Intermediate".
    fn named(prefix: &str) -> Ca {
        let work = Workdir(Openssl::new());
        let p = work.path();
        std::fs::write(p.join("ca.cnf"), CA_CNF).expect("write ca.cnf");
        std::fs::create_dir(p.join("newcerts")).expect("mkdir");
        std::fs::write(p.join("index.txt"), "").expect("index");
        std::fs::write(p.join("serial"), "1000\n").expect("serial");
        std::fs::write(p.join("crlnumber"), "01\n").expect("crlnumber");
        work.key("root.key", "EC");
        work.run(&[
            "req",
            "-config",
            "ca.cnf",
            "-new",
            "-x509",
            "-key",
            "root.key",
            "-subj",
            &format!("/CN={prefix} Root"),
            "-days",
            "60",
            "-extensions",
            "v3_root",
            "-out",
            "root.pem",
        ]);
        work.key("inter.key", "RSA");
        work.run(&[
            "req",
            "-config",
            "ca.cnf",
            "-new",
            "-key",
            "inter.key",
            "-subj",
            &format!("/CN={prefix} Intermediate"),
            "-out",
            "inter.csr",
        ]);
        work.run(&[
            "x509",
            "-req",
            "-in",
            "inter.csr",
            "-CA",
            "root.pem",
            "-CAkey",
            "root.key",
            "-set_serial",
            "77",
            "-days",
            "50",
            "-extfile",
            "ca.cnf",
            "-extensions",
            "v3_inter",
            "-out",
            "inter.pem",
        ]);
        work.issue_with("ocsp", "v3_ocsp", None);
        Ca {
            root: work.cert("root.pem"),
            inter: work.cert("inter.pem"),
            work,
        }
    }
}

impl Workdir {
    fn path(&self) -> &Path {
        self.0.dir()
    }

    /// Runs openssl in the CA directory; panics with its stderr on failure.
    fn run(&self, args: &[&str]) -> String {
        self.0.run_text(args, false)
    }

    fn key(&self, file: &str, kind: &str) {
        let opt = if kind == "RSA" {
            "rsa_keygen_bits:2048"
        } else {
            "ec_paramgen_curve:P-256"
        };
        self.run(&["genpkey", "-algorithm", kind, "-pkeyopt", opt, "-out", file]);
    }

    fn cert(&self, file: &str) -> Certificate {
        Certificate::parse(&std::fs::read(self.path().join(file)).expect("read certificate"))
            .expect("signet parses it")
    }

    /// Issues `name.pem` (key `name.key`) from the intermediate with the
    /// extension section `section` of ca.cnf, or with end-entity extensions
    /// naming `urls` (CRL distribution point, OCSP responder).
    fn issue_with(
        &self,
        name: &str,
        section: &str,
        urls: Option<(Option<&str>, Option<&str>)>,
    ) -> Certificate {
        self.key(&format!("{name}.key"), "EC");
        self.run(&[
            "req",
            "-config",
            "ca.cnf",
            "-new",
            "-key",
            &format!("{name}.key"),
            "-subj",
            &format!("/CN=EE {name}"),
            "-out",
            &format!("{name}.csr"),
        ]);
        let mut args: Vec<String> = [
            "ca",
            "-config",
            "ca.cnf",
            "-batch",
            "-notext",
            "-cert",
            "inter.pem",
            "-keyfile",
            "inter.key",
            "-in",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push(format!("{name}.csr"));
        args.push("-out".into());
        args.push(format!("{name}.pem"));
        if let Some((cdp, ocsp)) = urls {
            let mut ext = String::from(
                "[ ee ]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature\n\
                 subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n",
            );
            if let Some(cdp) = cdp {
                ext.push_str(&format!("crlDistributionPoints = URI:{cdp}\n"));
            }
            if let Some(ocsp) = ocsp {
                ext.push_str(&format!("authorityInfoAccess = OCSP;URI:{ocsp}\n"));
            }
            std::fs::write(self.path().join(format!("{name}.ext")), ext).expect("write ext");
            args.extend([
                "-extfile".into(),
                format!("{name}.ext"),
                "-extensions".into(),
                "ee".into(),
            ]);
        } else {
            args.extend(["-extensions".into(), section.into()]);
        }
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        self.run(&refs);
        self.cert(&format!("{name}.pem"))
    }

    /// An end-entity certificate with these URLs.
    fn issue(&self, name: &str, cdp: Option<&str>, ocsp: Option<&str>) -> Certificate {
        self.issue_with(name, "", Some((cdp, ocsp)))
    }

    fn revoke(&self, name: &str, reason: &str) {
        self.run(&[
            "ca",
            "-config",
            "ca.cnf",
            "-batch",
            "-cert",
            "inter.pem",
            "-keyfile",
            "inter.key",
            "-revoke",
            &format!("{name}.pem"),
            "-crl_reason",
            reason,
        ]);
    }

    /// A CRL from the intermediate with an authorityKeyIdentifier (extra
    /// `openssl ca -gencrl` options appended), as DER.
    fn crl(&self, extra: &[&str]) -> Vec<u8> {
        let mut args = vec!["-crlexts", "crl_ext"];
        args.extend_from_slice(extra);
        self.gencrl(&args)
    }

    /// `openssl ca -gencrl` by the intermediate with these options, as DER.
    fn gencrl(&self, options: &[&str]) -> Vec<u8> {
        let mut args = vec![
            "ca",
            "-config",
            "ca.cnf",
            "-batch",
            "-cert",
            "inter.pem",
            "-keyfile",
            "inter.key",
            "-gencrl",
            "-out",
            "out.crl.pem",
        ];
        args.extend_from_slice(options);
        self.run(&args);
        self.run(&[
            "crl",
            "-in",
            "out.crl.pem",
            "-outform",
            "DER",
            "-out",
            "out.crl",
        ]);
        std::fs::read(self.path().join("out.crl")).expect("read CRL")
    }

    /// When `openssl ca` recorded `name` as revoked, from index.txt
    /// ("R <expiry> <YYMMDDHHMMSSZ>,<reason> <serial> …").
    fn revocation_time(&self, name: &str) -> (OffsetDateTime, String) {
        let index = std::fs::read_to_string(self.path().join("index.txt")).expect("index.txt");
        let line = index
            .lines()
            .find(|l| l.starts_with('R') && l.ends_with(&format!("/CN=EE {name}")))
            .expect("revoked entry in index.txt");
        let field = line.split('\t').nth(2).expect("revocation field");
        let (when, reason) = field.split_once(',').expect("time,reason");
        let n = |i: usize| when[i..i + 2].parse::<u8>().expect("digits");
        let date = time::Date::from_calendar_date(
            2000 + i32::from(n(0)),
            time::Month::try_from(n(2)).expect("month"),
            n(4),
        )
        .expect("date");
        let t = time::PrimitiveDateTime::new(
            date,
            time::Time::from_hms(n(6), n(8), n(10)).expect("time"),
        );
        (t.assume_utc(), reason.to_owned())
    }

    /// `openssl ocsp` answering for the intermediate on `port`, signing
    /// with `signer` ("ocsp" for the delegated responder, "inter" for the
    /// CA itself).
    fn responder(&self, port: u16, signer: &str) -> Responder {
        self.0.serve_ocsp(&[
            "-index",
            "index.txt",
            "-port",
            &port.to_string(),
            "-rsigner",
            &format!("{signer}.pem"),
            "-rkey",
            &format!("{signer}.key"),
            "-CA",
            "inter.pem",
            "-nmin",
            "60",
        ])
    }

    /// An OCSP response for `name` made offline (`openssl ocsp -reqin …
    /// -respout …`), DER.
    fn offline_ocsp_response(&self, name: &str) -> Vec<u8> {
        self.run(&[
            "ocsp",
            "-issuer",
            "inter.pem",
            "-cert",
            &format!("{name}.pem"),
            "-no_nonce",
            "-reqout",
            "req.der",
        ]);
        self.run(&[
            "ocsp",
            "-index",
            "index.txt",
            "-rsigner",
            "ocsp.pem",
            "-rkey",
            "ocsp.key",
            "-CA",
            "inter.pem",
            "-reqin",
            "req.der",
            "-respout",
            "resp.der",
            "-nmin",
            "60",
        ]);
        std::fs::read(self.path().join("resp.der")).expect("read response")
    }
}

fn checker(config: RevocationConfig) -> RevocationChecker {
    let fetcher = Arc::new(HttpFetcher::new(config.timeout));
    RevocationChecker::new(config, fetcher)
}

/// A fresh outbound budget of the default limits: one per check, as one
/// validation would have.
fn budget() -> FetchBudget {
    FetchBudget::new(FetchLimits::default())
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn crl_only() -> RevocationConfig {
    RevocationConfig {
        prefer_ocsp: false,
        ..RevocationConfig::default()
    }
}

fn unknown_reasons(status: RevocationStatus) -> Vec<String> {
    match status {
        RevocationStatus::Unknown { reasons } => reasons,
        other => panic!("expected Unknown, got {other:?}"),
    }
}

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

/// A CRL issued by the root (for the intermediate's level).
fn ca_root_crl(ca: &Ca) -> Vec<u8> {
    ca.run(&[
        "ca",
        "-config",
        "ca.cnf",
        "-batch",
        "-cert",
        "root.pem",
        "-keyfile",
        "root.key",
        "-gencrl",
        "-out",
        "root.crl.pem",
    ]);
    std::fs::read(ca.path().join("root.crl.pem")).expect("read")
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
