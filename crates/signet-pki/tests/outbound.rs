//! Outbound fetches an anonymous caller cannot abuse (issue 22, point 1):
//! each test replays the attack against real sockets on 127.0.0.1 and
//! checks the limit that now stops it — the request's budget (count, time,
//! cancellation), the fetch policy on resolved addresses and redirects,
//! the caps on concurrent fetches, and the negative cache.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use signet_pki::SignedData;
use signet_pki::{Certificate, TrustStore};
use signet_pki::{Engine, RevocationMode, ValidationReport};
use signet_pki::{
    FetchBudget, FetchConfig, FetchError, FetchLimits, FetchPolicy, FetchRequest, Fetcher,
    HttpFetcher,
};
use test_support::KeyType;
use test_support::net::{HttpServer, Route};
use test_support::pki::{Party, SignOptions, TestPki};

const DOC: &[u8] = b"signet outbound test document\n";

/// A listener that accepts every connection, reads nothing back and never
/// answers: the responder of the issue's report.
struct Silent {
    port: u16,
    accepted: Arc<AtomicUsize>,
}

impl Silent {
    fn start() -> Silent {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let accepted = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&accepted);
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for stream in listener.incoming().map_while(Result::ok) {
                count.fetch_add(1, Ordering::SeqCst);
                held.push(stream);
            }
        });
        Silent { port, accepted }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn accepted(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }
}

/// A server on `address` that holds every request for `hold`, then answers
/// 404, and records how many it held at once at most.
struct Slow {
    port: u16,
    accepted: Arc<AtomicUsize>,
    most_at_once: Arc<AtomicUsize>,
}

impl Slow {
    fn start(address: &str, hold: Duration) -> Slow {
        let listener = TcpListener::bind((address, 0)).expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let accepted = Arc::new(AtomicUsize::new(0));
        let most_at_once = Arc::new(AtomicUsize::new(0));
        let (count, most) = (Arc::clone(&accepted), Arc::clone(&most_at_once));
        let now = Arc::new(AtomicUsize::new(0));
        std::thread::spawn(move || {
            for mut stream in listener.incoming().map_while(Result::ok) {
                count.fetch_add(1, Ordering::SeqCst);
                let (now, most) = (Arc::clone(&now), Arc::clone(&most));
                std::thread::spawn(move || {
                    let at_once = now.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(at_once, Ordering::SeqCst);
                    read_head(&mut stream);
                    std::thread::sleep(hold);
                    now.fetch_sub(1, Ordering::SeqCst);
                    let _ = stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                });
            }
        });
        Slow {
            port,
            accepted,
            most_at_once,
        }
    }
}

/// Reads a request's head (enough for a GET).
fn read_head(stream: &mut TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 65536 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
}

/// A server on 127.0.0.1 that answers every request with a redirect to
/// `location`.
fn redirector(location: String) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().map_while(Result::ok) {
            read_head(&mut stream);
            let _ = write!(
                stream,
                "HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    port
}

fn config(limits: FetchLimits) -> FetchConfig {
    FetchConfig {
        timeout: Duration::from_secs(10),
        per_request: limits,
        ..FetchConfig::default()
    }
}

fn limits(max_fetches: usize, max_time: Duration) -> FetchLimits {
    FetchLimits {
        max_fetches,
        max_time,
    }
}

/// `n` signers, the i-th naming the URLs `urls(i)` gives as (caIssuers,
/// OCSP, CRL distribution points); one signature by all of them over
/// `DOC`, carrying the signers' certificates but not the intermediate's
/// unless `with_intermediate`.
fn many_signers(
    pki: &TestPki,
    n: usize,
    mut urls: impl FnMut(usize) -> (Vec<String>, Vec<String>, Vec<String>),
    with_intermediate: bool,
) -> SignedData {
    let signers: Vec<Party> = (0..n)
        .map(|i| {
            let (ca_issuers, ocsp, crl) = urls(i);
            let access: Vec<String> = ca_issuers
                .iter()
                .map(|u| format!("caIssuers;URI:{u}"))
                .chain(ocsp.iter().map(|u| format!("OCSP;URI:{u}")))
                .collect();
            let points: Vec<String> = crl.iter().map(|u| format!("URI:{u}")).collect();
            let mut ext = vec![
                ("basicConstraints", "CA:false".to_owned()),
                (
                    "keyUsage",
                    "critical, digitalSignature, nonRepudiation".to_owned(),
                ),
            ];
            if !access.is_empty() {
                ext.push(("authorityInfoAccess", access.join(", ")));
            }
            if !points.is_empty() {
                ext.push(("crlDistributionPoints", points.join(", ")));
            }
            let ext: Vec<(&str, &str)> = ext.iter().map(|(k, v)| (*k, v.as_str())).collect();
            pki.issue(&format!("Signer {i}"), KeyType::EcP256, None, &ext)
        })
        .collect();
    let refs: Vec<&Party> = signers.iter().collect();
    let der = pki.sign(&refs, DOC, &SignOptions::default());
    let mut signed = SignedData::parse(&der).expect("parses");
    if !with_intermediate {
        let intermediate = certificate(&pki.intermediate.cert.der);
        signed.certificates.retain(|c| *c != intermediate);
    }
    assert_eq!(signed.signers.len(), n);
    signed
}

/// `n` signers, each naming 4 caIssuers URLs at `silent` and nothing
/// else, the intermediate left out of the signature.
fn signers_at_silent(pki: &TestPki, silent: &Silent, n: usize) -> SignedData {
    let aia = |i: usize| (0..4).map(|j| silent.url(&format!("/{i}/{j}"))).collect();
    many_signers(pki, n, |i| (aia(i), Vec::new(), Vec::new()), false)
}

/// An engine trusting `pki`'s root alone, fetching with a 10 s timeout and
/// `limits` per request.
fn engine(pki: &TestPki, mode: RevocationMode, limits: FetchLimits) -> Engine {
    Engine::networked_with(trust_root(pki), mode, None, &config(limits))
}

fn certificate(der: &[u8]) -> Certificate {
    Certificate::parse(der).expect("certificate")
}

fn trust_root(pki: &TestPki) -> Arc<TrustStore> {
    Arc::new(TrustStore::from_certificates([certificate(
        &pki.root.cert.der,
    )]))
}

/// Every signer's failure, one per line.
fn failures(report: &ValidationReport) -> String {
    report
        .signers
        .iter()
        .filter_map(|s| s.failure())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The issue's count attack: 20 signers, each naming 4 caIssuers URLs, 3
/// OCSP responders and 3 CRL distribution points, all different and all
/// answering at once: 140 fetches without a budget. One validation makes
/// exactly the budget's 16, across caIssuers, OCSP and CRL, and says why
/// it fetched no more.
#[test]
fn many_signers_and_urls_cost_at_most_the_budgets_fetches() {
    let pki = TestPki::new(KeyType::EcP256);
    let http = HttpServer::start();
    let intermediate = pki.intermediate.cert.der.clone();
    let mut paths = Vec::new();
    let signed = many_signers(
        &pki,
        20,
        |i| {
            let mut urls = |kind: &str, n: usize| -> Vec<String> {
                (0..n)
                    .map(|j| {
                        let path = format!("/{kind}/{i}/{j}");
                        if kind == "aia" {
                            http.route(&path, Route::Ok(intermediate.clone()));
                        }
                        paths.push(path.clone());
                        http.url(&path)
                    })
                    .collect()
            };
            (urls("aia", 4), urls("ocsp", 3), urls("crl", 3))
        },
        false,
    );
    let engine = engine(
        &pki,
        RevocationMode::Require,
        limits(16, Duration::from_secs(60)),
    );
    let budget = engine.fetch_budget();
    let report = engine.validate_within(&signed, Some(DOC), false, &budget);
    let fetched: usize = paths.iter().map(|p| http.hits(p)).sum();
    assert_eq!(fetched, 16, "the budget's fetches and no more");
    assert_eq!(budget.fetches_started(), 16);
    let why = failures(&report);
    assert!(
        why.contains("OCSP http://127.0.0.1:")
            && why.contains(": the request's outbound budget of 16 fetches is spent"),
        "{why}"
    );
    assert!(
        why.contains("caIssuers http://127.0.0.1:")
            && why.contains("/aia/19/0: the request's outbound budget of 16 fetches is spent"),
        "{why}"
    );
}

/// The issue's time attack: 20 signers × 4 caIssuers URLs at a responder
/// that accepts and never answers, with a 10 s fetch timeout — 800 s
/// without a budget. The validation ends with the budget's 2 s, and
/// nothing connects after it returned.
#[test]
fn a_silent_responder_costs_at_most_the_budgets_time() {
    let pki = TestPki::new(KeyType::EcP256);
    let silent = Silent::start();
    let signed = signers_at_silent(&pki, &silent, 20);
    let engine = engine(
        &pki,
        RevocationMode::Off,
        limits(16, Duration::from_secs(2)),
    );
    let started = Instant::now();
    let report = engine.validate_within(&signed, Some(DOC), false, &engine.fetch_budget());
    let took = started.elapsed();
    assert!(took < Duration::from_secs(4), "took {took:?}");
    let connections = silent.accepted();
    assert!((1..=16).contains(&connections), "{connections}");
    let why = failures(&report);
    assert!(
        why.contains("the request's outbound time of 2 s is spent"),
        "{why}"
    );
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        silent.accepted(),
        connections,
        "nothing connects after the validation returned"
    );
}

/// The request ends (the client went away, the server's timeout) while a
/// fetch waits on a silent responder: the fetch is interrupted at once and
/// no other starts, although the budget would allow a minute and 16
/// fetches.
#[test]
fn a_cancelled_request_stops_fetching_at_once() {
    let pki = TestPki::new(KeyType::EcP256);
    let silent = Silent::start();
    let signed = signers_at_silent(&pki, &silent, 4);
    let engine = engine(
        &pki,
        RevocationMode::Off,
        limits(16, Duration::from_secs(60)),
    );
    let budget = engine.fetch_budget();
    let started = Instant::now();
    let report = std::thread::scope(|s| {
        let validation = s.spawn(|| engine.validate_within(&signed, Some(DOC), false, &budget));
        while silent.accepted() == 0 && started.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(10));
        }
        // What the server's guard does when the request's task is dropped.
        drop(budget.cancel_on_drop());
        validation.join().expect("no panic")
    });
    let took = started.elapsed();
    assert!(took < Duration::from_secs(3), "took {took:?}");
    assert_eq!(silent.accepted(), 1, "only the fetch in flight connected");
    assert_eq!(budget.fetches_started(), 1);
    let why = failures(&report);
    assert!(
        why.contains("not fetched: the request was cancelled"),
        "{why}"
    );
}

/// A host name resolving to a denied address is refused before any
/// connection — shown with loopback denied, since a test cannot reach
/// 169.254.169.254 — and the refusal names the rule. An address literal
/// is judged the same way.
#[test]
fn a_name_resolving_to_a_denied_address_is_refused_without_connecting() {
    let silent = Silent::start();
    let policy = FetchPolicy::from_rules([] as [&str; 0], ["127.0.0.0/8", "::1"]).expect("rules");
    let fetcher = HttpFetcher::with_config(&FetchConfig {
        policy,
        ..FetchConfig::default()
    });
    let budget = FetchBudget::new(FetchLimits::default());
    let by_name = format!("http://localhost:{}/ca.crt", silent.port);
    let refused = fetcher
        .fetch(&FetchRequest::get(&by_name, 1000), Some(&budget))
        .expect_err("refused");
    let text = refused.to_string();
    assert!(matches!(refused, FetchError::Refused(_)), "{refused:?}");
    assert!(
        text.starts_with("localhost resolves to ")
            && (text.contains("which is in 127.0.0.0/8") || text.contains("which is in ::1/128"))
            && text.ends_with(": the fetch policy denies it"),
        "{text}"
    );
    let literal = silent.url("/ca.crt");
    assert_eq!(
        fetcher
            .fetch(&FetchRequest::get(&literal, 1000), Some(&budget))
            .expect_err("refused")
            .to_string(),
        "127.0.0.1 is in 127.0.0.0/8: the fetch policy denies it"
    );
    assert_eq!(silent.accepted(), 0, "no connection was made");
    // The default policy lets the same URL through: the refusal above is
    // the rule's doing.
    let open = HttpFetcher::new(Duration::from_millis(300));
    let _ = open.fetch(&FetchRequest::get(&literal, 1000), Some(&budget));
    assert_eq!(silent.accepted(), 1);
}

/// The cloud metadata address is refused by the default policy, by its
/// address or through a certificate's caIssuers URL, without a fetch
/// (nothing listens there in a test: without the policy this would be a
/// connection attempt, and a different error).
#[test]
fn the_metadata_address_is_refused_by_default() {
    let fetcher = HttpFetcher::new(Duration::from_secs(2));
    let budget = FetchBudget::new(FetchLimits::default());
    let started = Instant::now();
    let refused = fetcher
        .fetch(
            &FetchRequest::get("http://169.254.169.254/latest/meta-data/", 1000),
            Some(&budget),
        )
        .expect_err("refused");
    assert_eq!(
        refused.to_string(),
        "169.254.169.254 is the cloud instance metadata address (AWS, Google Cloud, Azure, \
         OpenStack): the fetch policy denies it"
    );
    assert!(started.elapsed() < Duration::from_secs(1));
    // The same address spelt as one number: judged by what it resolves to.
    let refused = fetcher
        .fetch(
            &FetchRequest::get("http://2852039166/latest/meta-data/", 1000),
            Some(&budget),
        )
        .expect_err("refused");
    assert!(
        refused
            .to_string()
            .starts_with("2852039166 resolves to 169.254.169.254, which is the cloud instance"),
        "{refused}"
    );
    let refused = fetcher
        .fetch(
            &FetchRequest::get("http://[fe80::1]:8080/", 1000),
            Some(&budget),
        )
        .expect_err("refused");
    assert_eq!(
        refused.to_string(),
        "fe80::1 is link-local (RFC 4291): the fetch policy denies it"
    );

    let pki = TestPki::new(KeyType::EcP256);
    let signed = many_signers(
        &pki,
        1,
        |_| {
            let aia = vec!["http://169.254.169.254/latest/meta-data/iam/".to_owned()];
            (aia, Vec::new(), Vec::new())
        },
        false,
    );
    let engine = Engine::networked(
        trust_root(&pki),
        RevocationMode::Off,
        Duration::from_secs(2),
        None,
    );
    let why = failures(&engine.validate(&signed, Some(DOC), false));
    assert!(
        why.contains(
            "caIssuers http://169.254.169.254/latest/meta-data/iam/: 169.254.169.254 is the cloud \
             instance metadata address"
        ),
        "{why}"
    );
}

/// A redirect to a denied address is refused like the address itself:
/// the server the redirect names is never connected to.
#[test]
fn redirects_are_checked_like_the_first_url() {
    let target = Slow::start("127.0.0.2", Duration::ZERO);
    let location = format!("http://127.0.0.2:{}/inter.crt", target.port);
    let first = format!("http://127.0.0.1:{}/inter.crt", redirector(location));
    let budget = FetchBudget::new(FetchLimits::default());

    let policy = FetchPolicy::from_rules([] as [&str; 0], ["127.0.0.2"]).expect("rule");
    let guarded = HttpFetcher::with_config(&FetchConfig {
        policy,
        ..FetchConfig::default()
    });
    let refused = guarded
        .fetch(&FetchRequest::get(&first, 1000), Some(&budget))
        .expect_err("refused");
    assert_eq!(
        refused.to_string(),
        "127.0.0.2 is in 127.0.0.2/32: the fetch policy denies it"
    );
    assert_eq!(target.accepted.load(Ordering::SeqCst), 0);

    // Without the rule the redirect is followed to the 404.
    let open = HttpFetcher::new(Duration::from_secs(5));
    assert_eq!(
        open.fetch(&FetchRequest::get(&first, 1000), Some(&budget)),
        Err(FetchError::Status(404))
    );
    assert_eq!(target.accepted.load(Ordering::SeqCst), 1);
}

/// Fetches every URL at once, each on a thread of its own within a budget
/// of its own, and checks that each got the server's 404.
fn fetch_at_once(fetcher: &HttpFetcher, urls: impl Iterator<Item = String>) {
    std::thread::scope(|s| {
        let handles: Vec<_> = urls
            .map(|url| {
                s.spawn(move || {
                    let budget = FetchBudget::new(FetchLimits::default());
                    fetcher.fetch(&FetchRequest::get(&url, 1000), Some(&budget))
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().expect("no panic"), Err(FetchError::Status(404)));
        }
    });
}

/// Many fetches at once to one host: never more in flight than the
/// per-host cap. The cap is reached (the fetches do overlap), and every
/// fetch is answered once a place is free.
#[test]
fn the_per_host_cap_holds() {
    let server = Slow::start("127.0.0.1", Duration::from_millis(300));
    let fetcher = HttpFetcher::with_config(&FetchConfig {
        max_concurrent: 10,
        max_per_host: 3,
        ..FetchConfig::default()
    });
    let urls = (0..10).map(|i| format!("http://127.0.0.1:{}/{i}", server.port));
    fetch_at_once(&fetcher, urls);
    assert_eq!(server.accepted.load(Ordering::SeqCst), 10);
    assert_eq!(server.most_at_once.load(Ordering::SeqCst), 3);
}

/// The global cap across hosts, measured at a single server reached under
/// several host names (each a host of its own for the per-host cap).
#[test]
fn the_global_cap_holds_across_hosts() {
    let server = Slow::start("127.0.0.1", Duration::from_millis(300));
    let fetcher = HttpFetcher::with_config(&FetchConfig {
        max_concurrent: 2,
        max_per_host: 10,
        ..FetchConfig::default()
    });
    let urls = (0..8).map(|i| {
        let host = if i % 2 == 0 { "127.0.0.1" } else { "localhost" };
        format!("http://{host}:{}/{i}", server.port)
    });
    fetch_at_once(&fetcher, urls);
    assert_eq!(server.accepted.load(Ordering::SeqCst), 8);
    assert_eq!(server.most_at_once.load(Ordering::SeqCst), 2);
}

/// Waiting for a place counts against the request's time: with the only
/// place held by a silent responder, a request of 300 ms gives up after
/// its 300 ms and says so, and nothing of it connects.
#[test]
fn waiting_for_a_place_counts_against_the_budget() {
    let silent = Silent::start();
    let fetcher = HttpFetcher::with_config(&FetchConfig {
        timeout: Duration::from_secs(3),
        max_concurrent: 1,
        ..FetchConfig::default()
    });
    std::thread::scope(|s| {
        let hog = s.spawn(|| {
            let budget = FetchBudget::new(FetchLimits::default());
            fetcher.fetch(&FetchRequest::get(&silent.url("/hog"), 1000), Some(&budget))
        });
        while silent.accepted() == 0 {
            std::thread::sleep(Duration::from_millis(10));
        }
        let short = FetchBudget::new(limits(16, Duration::from_millis(300)));
        let started = Instant::now();
        let waited = fetcher.fetch(&FetchRequest::get(&silent.url("/late"), 1000), Some(&short));
        let took = started.elapsed();
        assert_eq!(
            waited,
            Err(FetchError::TimeSpent {
                limit: Duration::from_millis(300)
            })
        );
        assert!(took < Duration::from_secs(1), "took {took:?}");
        assert_eq!(silent.accepted(), 1, "the waiting fetch never connected");
        assert_eq!(
            hog.join().expect("no panic"),
            Err(FetchError::Timeout(Duration::from_secs(3)))
        );
    });
}

/// A caIssuers URL that failed is not fetched again by the next
/// validation (another request, another budget), which says why.
#[test]
fn a_failed_url_is_not_fetched_again_by_the_next_validation() {
    let pki = TestPki::new(KeyType::EcP256);
    let http = HttpServer::start();
    http.route("/gone.crt", Route::Status(410));
    let url = http.url("/gone.crt");
    let signed = many_signers(
        &pki,
        1,
        |_| (vec![url.clone()], Vec::new(), Vec::new()),
        false,
    );
    let engine = Engine::networked(
        trust_root(&pki),
        RevocationMode::Off,
        Duration::from_secs(5),
        None,
    );
    let first = failures(&engine.validate(&signed, Some(DOC), false));
    assert!(
        first.ends_with(&format!("; caIssuers {url}: the server answered HTTP 410")),
        "{first}"
    );
    let second = failures(&engine.validate(&signed, Some(DOC), false));
    assert!(
        second.ends_with(&format!(
            "; caIssuers {url}: the server answered HTTP 410 (a moment ago; not retried for 30 s)"
        )),
        "{second}"
    );
    assert_eq!(http.hits("/gone.crt"), 1);
}
