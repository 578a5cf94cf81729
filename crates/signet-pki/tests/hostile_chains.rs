//! Hostile certificate sets stay within the path builder's work budget
//! (`path::MAX_DEPTH`, `path::MAX_SIGNATURE_CHECKS`): a loop of two CAs
//! that issued each other, a chain deeper than any accepted path, and many
//! same-named CAs with different keys. Every certificate is made by
//! `openssl req` / `openssl x509 -req` here; each case must end quickly,
//! never hang, in the error that names where the search stopped:
//!
//! - the loop: at the CA whose issuer is already on the path;
//! - the deep chain: at the certificate where the path reached
//!   `MAX_DEPTH`, as `PathError::TooDeep`;
//! - the same-named CAs: at their self-signed root, since OpenSSL gives
//!   every certificate matching key identifiers, which single out the
//!   real issuer among the namesakes;
//! - forged copies of a CA (its name and key identifier, another key)
//!   before the real one: one signature check each, then the real path
//!   within the budget, or `PathError::BudgetExhausted` past it.

use std::time::{Duration, Instant};

use signet_pki::{Certificate, TrustStore};
use signet_pki::{MAX_PATH_DEPTH, Offline, PathError, PathValidator};
use test_support::{KeyType, Openssl};
use time::OffsetDateTime;

/// How long any of these validations may take on a loaded machine.
const BOUND: Duration = Duration::from_secs(5);

struct Ca<'a> {
    ossl: &'a Openssl,
    n: std::cell::Cell<u32>,
}

impl Ca<'_> {
    fn path(&self, what: &str) -> String {
        let n = self.n.get();
        self.n.set(n + 1);
        self.ossl
            .dir()
            .join(format!("{what}-{n}"))
            .to_str()
            .expect("utf-8")
            .to_owned()
    }

    fn key(&self) -> String {
        let key = self.ossl.generate_key(KeyType::EcP256);
        key.path.to_str().expect("utf-8").to_owned()
    }

    /// A self-signed CA certificate for `cn` with `key`.
    fn root(&self, cn: &str, key: &str) -> String {
        self.self_signed(cn, key, None)
    }

    /// As [`Ca::root`], with the subjectKeyIdentifier `ski` (OpenSSL's
    /// colon-separated hex) when given.
    fn self_signed(&self, cn: &str, key: &str, ski: Option<&str>) -> String {
        let out = self.path("root.pem");
        let subj = format!("/CN={cn}");
        let mut args = vec![
            "req",
            "-x509",
            "-new",
            "-key",
            key,
            "-subj",
            subj.as_str(),
            "-days",
            "30",
            "-addext",
            "basicConstraints=critical,CA:true",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
            "-out",
            out.as_str(),
        ];
        let ski = ski.map(|s| format!("subjectKeyIdentifier={s}"));
        if let Some(ski) = &ski {
            args.extend(["-addext", ski.as_str()]);
        }
        self.ossl.run(&args, false);
        out
    }

    /// A certificate for `cn` with `key`, issued by `issuer` (certificate
    /// and key files); a CA unless `leaf`.
    fn issue(&self, cn: &str, key: &str, issuer: (&str, &str), leaf: bool) -> String {
        self.issue_with(cn, key, issuer, leaf, true)
    }

    /// As [`Ca::issue`]; without subject and authority key identifiers
    /// unless `key_ids` (OpenSSL 3 adds both by default).
    fn issue_with(
        &self,
        cn: &str,
        key: &str,
        issuer: (&str, &str),
        leaf: bool,
        key_ids: bool,
    ) -> String {
        let csr = self.path("req.csr");
        self.ossl.run(
            &[
                "req",
                "-new",
                "-key",
                key,
                "-subj",
                format!("/CN={cn}").as_str(),
                "-out",
                csr.as_str(),
            ],
            false,
        );
        let ext = self.path("ext.cnf");
        let body = if leaf {
            "basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature\n"
        } else {
            "basicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\n"
        };
        let body = if key_ids {
            body.to_owned()
        } else {
            format!("{body}subjectKeyIdentifier=none\nauthorityKeyIdentifier=none\n")
        };
        std::fs::write(&ext, body).expect("write ext");
        let out = self.path("cert.pem");
        self.ossl.run(
            &[
                "x509",
                "-req",
                "-in",
                csr.as_str(),
                "-CA",
                issuer.0,
                "-CAkey",
                issuer.1,
                "-CAcreateserial",
                "-days",
                "30",
                "-extfile",
                ext.as_str(),
                "-out",
                out.as_str(),
            ],
            false,
        );
        out
    }
}

fn cert(path: &str) -> Certificate {
    Certificate::parse(&std::fs::read(path).expect("read")).expect("certificate")
}

/// Validates `leaf` with `pool` against an unrelated anchor: it must fail,
/// within the bound; the error is returned.
fn must_fail_fast(leaf: &Certificate, pool: &[Certificate], anchor: &Certificate) -> PathError {
    let trust = TrustStore::from_certificates([anchor.clone()]);
    let started = Instant::now();
    let result =
        PathValidator::new(&trust, &Offline).validate(leaf, pool, OffsetDateTime::now_utc());
    let took = started.elapsed();
    assert!(took < BOUND, "path building took {took:?}");
    match result {
        Ok(path) => panic!("a path was found: {path:?}"),
        Err(e) => e,
    }
}

#[test]
fn two_cas_that_issued_each_other_end_in_an_error() {
    let ossl = Openssl::new();
    let ca = Ca {
        ossl: &ossl,
        n: Default::default(),
    };
    let (ka, kb) = (ca.key(), ca.key());
    // A first self-signed, B issued by it, then A again issued by B: A and
    // B each verify under the other's key — a loop.
    let a0 = ca.root("Loop A", &ka);
    let b = ca.issue("Loop B", &kb, (&a0, &ka), false);
    let a = ca.issue("Loop A", &ka, (&b, &kb), false);
    let leaf = ca.issue("Loop leaf", &ca.key(), (&a, &ka), true);
    let anchor = cert(&ca.root("Unrelated root", &ca.key()));
    let e = must_fail_fast(&cert(&leaf), &[cert(&a), cert(&b)], &anchor);
    // leaf → A → B, whose issuer (A) is already on the path.
    assert!(
        matches!(
            &e,
            PathError::UntrustedRoot { subject, issuer, ca_issuers }
                if subject == "Loop B" && issuer == "CN=Loop A" && ca_issuers.is_empty()
        ),
        "{e:?}"
    );
}

#[test]
fn a_chain_deeper_than_the_limit_ends_in_an_error() {
    let ossl = Openssl::new();
    let ca = Ca {
        ossl: &ossl,
        n: Default::default(),
    };
    let root_key = ca.key();
    let root = ca.root("Deep root", &root_key);
    let mut issuer = (root.clone(), root_key);
    let mut pool = Vec::new();
    for level in 0..MAX_PATH_DEPTH + 4 {
        let key = ca.key();
        let c = ca.issue(
            &format!("Deep CA {level}"),
            &key,
            (&issuer.0, &issuer.1),
            false,
        );
        pool.push(cert(&c));
        issuer = (c, key);
    }
    let leaf = ca.issue("Deep leaf", &ca.key(), (&issuer.0, &issuer.1), true);
    // The real root is trusted, and still no path: it is too long.
    let e = must_fail_fast(&cert(&leaf), &pool, &cert(&root));
    // The path holds MAX_DEPTH certificates, the leaf and then the CAs
    // from the top one down; the search stops at the last of them without
    // looking for its issuer.
    let top = MAX_PATH_DEPTH + 3;
    let last = top - (MAX_PATH_DEPTH - 2);
    assert!(
        matches!(
            &e,
            PathError::TooDeep { subject, max }
                if *subject == format!("Deep CA {last}") && *max == MAX_PATH_DEPTH
        ),
        "{e:?}"
    );
}

#[test]
fn many_same_named_cas_end_in_an_error_within_the_budget() {
    let ossl = Openssl::new();
    let ca = Ca {
        ossl: &ossl,
        n: Default::default(),
    };
    // 40 CAs named alike, each under an issuer of the same name with
    // another key: every candidate must be tried by signature, in layers.
    let root_key = ca.key();
    let root = ca.root("Twin", &root_key);
    let mut layer = vec![(root.clone(), root_key)];
    let mut pool = Vec::new();
    for _ in 0..4 {
        let mut next = Vec::new();
        for (i, parent) in layer.iter().enumerate().take(10) {
            let key = ca.key();
            let c = ca.issue("Twin", &key, (&parent.0, &parent.1), false);
            pool.push(cert(&c));
            next.push((c, key));
            if i == 0 && next.len() < 10 {
                // Ten children of the first parent per layer.
                for _ in 0..9 {
                    let key = ca.key();
                    let c = ca.issue("Twin", &key, (&parent.0, &parent.1), false);
                    pool.push(cert(&c));
                    next.push((c, key));
                }
            }
        }
        layer = next;
    }
    let last = layer.last().expect("a CA");
    let leaf = ca.issue("Twin leaf", &ca.key(), (&last.0, &last.1), true);
    let anchor = cert(&ca.root("Unrelated root", &ca.key()));
    let e = must_fail_fast(&cert(&leaf), &pool, &anchor);
    // Up the real issuers to the self-signed, untrusted "Twin" root.
    assert!(
        matches!(
            &e,
            PathError::UntrustedRoot { subject, issuer, ca_issuers }
                if subject == "Twin" && issuer == "CN=Twin" && ca_issuers.is_empty()
        ),
        "twins ({} CAs): {e:?}",
        pool.len()
    );
}

#[test]
fn same_named_cas_without_key_identifiers_exhaust_the_signature_budget() {
    use signet_pki::MAX_SIGNATURE_CHECKS;
    let ossl = Openssl::new();
    let ca = Ca {
        ossl: &ossl,
        n: Default::default(),
    };
    // Without key identifiers nothing but a signature check tells the
    // namesakes apart: a chain of "Twin" CAs, each of them issuing one of
    // the pool, under a leaf whose every candidate issuer is a "Twin".
    let mut parent = {
        let key = ca.key();
        (ca.root("Twin", &key), key)
    };
    let mut pool = Vec::new();
    for _ in 0..MAX_SIGNATURE_CHECKS + 8 {
        let key = ca.key();
        let c = ca.issue_with("Twin", &key, (&parent.0, &parent.1), false, false);
        pool.push(cert(&c));
        parent = (c, key);
    }
    let leaf = ca.issue_with("Twin leaf", &ca.key(), (&parent.0, &parent.1), true, false);
    assert!(
        cert(&leaf).fields().extensions.authority_key_id.is_none(),
        "the leaf has no authorityKeyIdentifier"
    );
    let anchor = cert(&ca.root("Unrelated root", &ca.key()));
    let e = must_fail_fast(&cert(&leaf), &pool, &anchor);
    assert!(
        matches!(&e, PathError::BudgetExhausted(n) if *n == MAX_SIGNATURE_CHECKS),
        "twins without key identifiers ({} CAs): {e:?}",
        pool.len()
    );
}

/// `n` self-signed CAs named `cn` with the subjectKeyIdentifier `ski`
/// (OpenSSL's colon-separated hex), each under its own key: forged copies
/// of a CA that only a signature check tells from it.
fn forged_copies(ca: &Ca, cn: &str, ski: &str, n: usize) -> Vec<Certificate> {
    (0..n)
        .map(|_| cert(&ca.self_signed(cn, &ca.key(), Some(ski))))
        .collect()
}

#[test]
fn forged_copies_of_a_ca_cost_one_signature_check_each() {
    use signet_pki::MAX_SIGNATURE_CHECKS;
    let ossl = Openssl::new();
    let ca = Ca {
        ossl: &ossl,
        n: Default::default(),
    };
    let root_key = ca.key();
    let root = ca.root("Forged root", &root_key);
    let int_key = ca.key();
    let int = ca.issue("Forged CA", &int_key, (&root, &root_key), false);
    let leaf = cert(&ca.issue("Forged leaf", &ca.key(), (&int, &int_key), true));
    let ski: Vec<String> = cert(&int)
        .fields()
        .extensions
        .subject_key_id
        .clone()
        .expect("a subjectKeyIdentifier")
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    // Copies before the real CA, each failing on the leaf's signature: the
    // real path then needs two more checks (leaf, then CA by the root).
    let forged = forged_copies(&ca, "Forged CA", &ski.join(":"), MAX_SIGNATURE_CHECKS - 1);
    let trust = TrustStore::from_certificates([cert(&root)]);
    let validate = |copies: usize| {
        let mut pool = forged[..copies].to_vec();
        pool.push(cert(&int));
        let started = Instant::now();
        let result =
            PathValidator::new(&trust, &Offline).validate(&leaf, &pool, OffsetDateTime::now_utc());
        assert!(started.elapsed() < BOUND, "took {:?}", started.elapsed());
        result
    };
    // One check per copy: the budget just suffices for the real path.
    let path = validate(MAX_SIGNATURE_CHECKS - 2).expect("the real CA after the copies");
    assert_eq!(path.certificates[1], cert(&int), "the path used");
    // One copy more and the budget is spent before the root is reached.
    let e = validate(MAX_SIGNATURE_CHECKS - 1).expect_err("over the budget");
    assert!(
        matches!(&e, PathError::BudgetExhausted(n) if *n == MAX_SIGNATURE_CHECKS),
        "{e:?}"
    );
}
