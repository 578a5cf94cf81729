//! The validation engine against signatures made by OpenSSL 3
//! (`openssl cms -sign`, `openssl ts -reply`, a CA run with `openssl ca`):
//! each case of the validation issue as its own test.

mod common;

use common::validate_offline;
use signet_pki::CadesLevel;
use signet_pki::{Certificate, TrustStore};
use signet_pki::{ChainStatus, ValidationOptions, ValidationReport, Validator};
use signet_pki::{Content, ContentDigests, SignedData, SignerFailure};
use signet_pki::{Offline, PathError};
use test_support::KeyType;
use test_support::der_tree::{self, Node};
use test_support::pki::{Party, SignOptions, TestPki};
use time::{Duration, OffsetDateTime};

const DOC: &[u8] = b"\xD0\x94\xD0\xBE\xD0\xB3\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x80 \xE2\x84\x96 1: signet test document\n";

fn trust_root(pki: &TestPki) -> TrustStore {
    TrustStore::from_certificates([Certificate::parse(&pki.root.cert.der).expect("root")])
}

fn validate(trust: &TrustStore, sig: &[u8], content: &[u8]) -> ValidationReport {
    validate_offline(trust, sig, content, OffsetDateTime::now_utc(), false)
}

fn assert_valid(report: &ValidationReport) {
    assert!(
        report.is_valid(),
        "expected valid, got: {:?}",
        report.failure()
    );
}

fn ee(pki: &TestPki, cn: &str, key: KeyType) -> Party {
    pki.issue(cn, key, None, &[])
}

#[test]
fn valid_detached_rsa_signature_is_plain_cms() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Иванов Иван", KeyType::Rsa(2048));
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    let report = validate(&trust_root(&pki), &sig, DOC);
    assert_valid(&report);
    let s = &report.signers[0];
    assert_eq!(s.cades, None, "no signing-certificate attribute: plain CMS");
    assert!(s.signing_time.is_some(), "OpenSSL signs a signing-time");
    match &s.chain {
        ChainStatus::Valid { path, .. } => assert_eq!(path.len(), 3, "signer, intermediate, root"),
        other => panic!("chain: {other:?}"),
    }
}

#[test]
fn cades_bes_attached_ecdsa_signatures() {
    for key in [KeyType::EcP256, KeyType::EcP384] {
        let pki = TestPki::new(key);
        let signer = ee(&pki, "EC signer", key);
        let sig = pki.sign(
            &[&signer],
            DOC,
            &SignOptions {
                detached: false,
                cades: true,
                md: if key == KeyType::EcP384 {
                    "sha384"
                } else {
                    "sha256"
                },
                ..SignOptions::default()
            },
        );
        let signed = SignedData::parse(&sig).expect("parses");
        assert_eq!(signed.content.as_deref(), Some(DOC), "attached content");
        let report = validate(&trust_root(&pki), &sig, DOC);
        assert_valid(&report);
        assert_eq!(report.signers[0].cades, Some(CadesLevel::Bes));
    }
}

#[test]
fn signature_without_signed_attributes_is_verified_over_the_content_digest() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "No attributes", KeyType::Rsa(2048));
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            no_attributes: true,
            ..SignOptions::default()
        },
    );
    assert!(
        SignedData::parse(&sig).expect("parses").signers[0]
            .signed_attrs
            .is_none()
    );
    assert_valid(&validate(&trust_root(&pki), &sig, DOC));
    let mut other = DOC.to_vec();
    other[0] ^= 1;
    let report = validate(&trust_root(&pki), &sig, &other);
    assert!(matches!(
        report.signers[0].signature,
        Err(SignerFailure::Signature(_))
    ));
}

#[test]
fn content_changed_by_one_byte_fails() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Signer", KeyType::Rsa(2048));
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let mut changed = DOC.to_vec();
    let last = changed.len() - 1;
    changed[last] ^= 0x01;
    let report = validate(&trust_root(&pki), &sig, &changed);
    assert!(!report.is_valid());
    assert_eq!(
        report.signers[0].signature,
        Err(SignerFailure::ContentMismatch)
    );
    assert!(
        report
            .failure()
            .expect("failure")
            .contains("content does not match")
    );
}

#[test]
fn signature_from_another_key_fails() {
    // B signs; the signature is then made to name A's certificate (A's
    // certificate in the set, A's serial in the signer identifier).
    let pki = TestPki::new(KeyType::Rsa(2048));
    let a = ee(&pki, "Signer A", KeyType::Rsa(2048));
    let b = ee(&pki, "Signer B", KeyType::Rsa(2048));
    let sig = pki.sign(&[&b], DOC, &SignOptions::default());
    let a_cert = Node::parse(&a.cert.der);
    let a_serial = a_cert.children[0].children[1].clone();
    let mut root = Node::parse(&sig);
    let signed_data = &mut root.children[1].children[0];
    let certs = signed_data
        .children
        .iter_mut()
        .find(|n| n.tag == 0xA0)
        .expect("certificates");
    let b_serial = Node::parse(&b.cert.der).children[0].children[1].clone();
    for c in &mut certs.children {
        if c.children[0].children[1] == b_serial {
            *c = a_cert.clone();
        }
    }
    let signer_infos = signed_data
        .children
        .iter_mut()
        .rev()
        .find(|n| n.tag == 0x31)
        .expect("signers");
    signer_infos.children[0].children[1].children[1] = a_serial;
    let report = validate(&trust_root(&pki), &root.to_der(), DOC);
    let s = &report.signers[0];
    assert_eq!(
        s.certificate.as_ref().map(|c| c.der().to_vec()),
        Some(a.cert.der.clone()),
        "the signer is taken to be A"
    );
    assert!(
        matches!(s.signature, Err(SignerFailure::Signature(_))),
        "{:?}",
        s.signature
    );
}

#[test]
fn flipped_signature_bit_fails() {
    let pki = TestPki::new(KeyType::EcP256);
    let signer = ee(&pki, "Signer", KeyType::EcP256);
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    let bad = der_tree::edit_signature_value(&sig, 0, |v| {
        let n = v.len() / 2;
        v[n] ^= 0x10;
    });
    let report = validate(&trust_root(&pki), &bad, DOC);
    assert!(matches!(
        report.signers[0].signature,
        Err(SignerFailure::Signature(_))
    ));
}

#[test]
fn expired_signer_fails_unless_only_the_signature_is_checked() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    // 2020-01-01T00:00:00Z … 2021-01-01T00:00:00Z
    let signer = pki.issue(
        "Expired signer",
        KeyType::Rsa(2048),
        Some(("20200101000000Z", "20210101000000Z")),
        &[],
    );
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    let report = validate(&trust_root(&pki), &sig, DOC);
    match &report.signers[0].chain {
        ChainStatus::Invalid(PathError::Expired { subject, .. }) => {
            assert_eq!(subject, "Expired signer")
        }
        other => panic!("expected expired, got {other:?}"),
    }
    let only = validate_offline(
        &trust_root(&pki),
        &sig,
        DOC,
        OffsetDateTime::now_utc(),
        true,
    );
    assert_valid(&only);
    assert!(matches!(only.signers[0].chain, ChainStatus::NotChecked));
}

#[test]
fn not_yet_valid_signer_fails() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    // 2099-01-01T00:00:00Z … 2100-01-01T00:00:00Z
    let signer = pki.issue(
        "Future signer",
        KeyType::Rsa(2048),
        Some(("20990101000000Z", "21000101000000Z")),
        &[],
    );
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    let report = validate(&trust_root(&pki), &sig, DOC);
    assert!(
        matches!(
            report.signers[0].chain,
            ChainStatus::Invalid(PathError::NotYetValid { .. })
        ),
        "{:?}",
        report.signers[0].chain
    );
}

#[test]
fn untrusted_root_fails() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let other = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Signer", KeyType::Rsa(2048));
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    let report = validate(&trust_root(&other), &sig, DOC);
    assert!(
        matches!(
            report.signers[0].chain,
            ChainStatus::Invalid(PathError::UntrustedRoot { .. })
        ),
        "{:?}",
        report.signers[0].chain
    );
    assert!(report.failure().expect("failure").contains("trusted root"));
    // With an empty trust store too.
    let report = validate(&TrustStore::default(), &sig, DOC);
    assert!(matches!(
        report.signers[0].chain,
        ChainStatus::Invalid(PathError::UntrustedRoot { .. })
    ));
}

#[test]
fn broken_intermediate_signature_fails() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Signer", KeyType::Rsa(2048));
    let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
    // Flip a bit of the intermediate's signature inside the CMS.
    let int = Node::parse(&pki.intermediate.cert.der);
    let mut broken = int.clone();
    let bits = &mut broken.children[2].content;
    let n = bits.len() - 5;
    bits[n] ^= 0x01;
    let mut root = Node::parse(&sig);
    let certs = root.children[1].children[0]
        .children
        .iter_mut()
        .find(|n| n.tag == 0xA0)
        .expect("certs");
    for c in &mut certs.children {
        if *c == int {
            *c = broken.clone();
        }
    }
    let report = validate(&trust_root(&pki), &root.to_der(), DOC);
    match &report.signers[0].chain {
        ChainStatus::Invalid(PathError::BadSignature { subject, .. }) => {
            assert_eq!(subject, "signet Test Intermediate")
        }
        other => panic!("expected a bad signature, got {other:?}"),
    }
}

#[test]
fn several_signers_are_each_checked() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let a = ee(&pki, "Signer A", KeyType::Rsa(2048));
    let b = ee(&pki, "Signer B", KeyType::EcP256);
    let sig = pki.sign(
        &[&a, &b],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let report = validate(&trust_root(&pki), &sig, DOC);
    assert_eq!(report.signers.len(), 2);
    assert_valid(&report);
    let tampered = der_tree::edit_signature_value(&sig, 1, |v| v[10] ^= 1);
    let report = validate(&trust_root(&pki), &tampered, DOC);
    assert!(report.signers[0].is_valid());
    assert!(!report.signers[1].is_valid());
    assert!(report.failure().expect("failure").starts_with("signer 2: "));
}

/// Adds a signature-time-stamp (an `openssl ts` token over `imprinted`).
fn with_timestamp(pki: &TestPki, tsa: &Party, sig: &[u8], imprinted: &[u8]) -> Vec<u8> {
    let token = pki.timestamp(tsa, imprinted);
    der_tree::add_unsigned_attribute(sig, 0, "1.2.840.113549.1.9.16.2.14", &token)
}

#[test]
fn cades_t_is_validated_at_the_time_stamp() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Signer", KeyType::Rsa(2048));
    let tsa = pki.tsa(KeyType::Rsa(2048));
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let value = der_tree::signature_value(&sig, 0);
    let cades_t = with_timestamp(&pki, &tsa, &sig, &value);
    let trust = trust_root(&pki);
    let report = validate(&trust, &cades_t, DOC);
    assert_valid(&report);
    let s = &report.signers[0];
    assert_eq!(s.cades, Some(CadesLevel::T));
    let ts = s.timestamp.as_ref().expect("time-stamp");
    assert!(ts.result.is_ok());
    assert!((ts.time - OffsetDateTime::now_utc()).abs() < Duration::minutes(5));
    assert_eq!(
        s.validation_time, ts.time,
        "the chain is checked at the time-stamp"
    );

    // Two years on the signer's certificate has expired: the CAdES-BES
    // signature no longer validates, the CAdES-T one still does.
    let later = OffsetDateTime::now_utc() + Duration::days(730);
    assert!(!validate_offline(&trust, &sig, DOC, later, false).is_valid());
    assert_valid(&validate_offline(&trust, &cades_t, DOC, later, false));
}

#[test]
fn time_stamp_over_another_signature_fails() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Signer", KeyType::Rsa(2048));
    let tsa = pki.tsa(KeyType::Rsa(2048));
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let other = pki.sign(
        &[&signer],
        b"another document",
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let wrong = with_timestamp(&pki, &tsa, &sig, &der_tree::signature_value(&other, 0));
    let report = validate(&trust_root(&pki), &wrong, DOC);
    assert!(!report.is_valid());
    let s = &report.signers[0];
    assert_eq!(
        s.cades,
        Some(CadesLevel::Bes),
        "an invalid time-stamp does not make CAdES-T"
    );
    assert!(
        report.failure().expect("failure").contains("other data"),
        "{:?}",
        report.failure()
    );
}

#[test]
fn time_stamp_from_a_non_tsa_certificate_fails() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Signer", KeyType::Rsa(2048));
    // OpenSSL refuses to make tokens with a non-TSA certificate, so the
    // signer's own certificate cannot stand in; a TSA of another PKI does.
    let other = TestPki::new(KeyType::Rsa(2048));
    let foreign_tsa = other.tsa(KeyType::Rsa(2048));
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let value = der_tree::signature_value(&sig, 0);
    let token = other.timestamp(&foreign_tsa, &value);
    let stamped = der_tree::add_unsigned_attribute(&sig, 0, "1.2.840.113549.1.9.16.2.14", &token);
    let report = validate(&trust_root(&pki), &stamped, DOC);
    assert!(!report.is_valid());
    assert!(
        report
            .failure()
            .expect("failure")
            .contains("time-stamp authority is not trusted"),
        "{:?}",
        report.failure()
    );
}

#[test]
fn streamed_ber_signature_is_read() {
    // `openssl cms -sign -stream` writes indefinite-length BER.
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Streaming signer", KeyType::Rsa(2048));
    let dir = pki.ossl.dir();
    let input = dir.join("stream-input.bin");
    std::fs::write(&input, DOC).expect("write");
    let out = dir.join("stream.p7s");
    pki.ossl.run(
        &[
            "cms",
            "-sign",
            "-binary",
            "-stream",
            "-nodetach",
            "-outform",
            "DER",
            "-in",
            input.to_str().expect("p"),
            "-out",
            out.to_str().expect("p"),
            "-signer",
            signer.cert.pem_path.to_str().expect("p"),
            "-inkey",
            signer.key.path.to_str().expect("p"),
            "-certfile",
            pki.intermediate.cert.pem_path.to_str().expect("p"),
        ],
        false,
    );
    let ber = std::fs::read(&out).expect("read");
    assert_eq!(ber[1], 0x80, "indefinite length, so really BER");
    let report = validate(&trust_root(&pki), &ber, DOC);
    assert_valid(&report);
}

#[test]
fn signatures_as_pem_and_base64_are_read() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Signer", KeyType::Rsa(2048));
    let der = pki.sign(&[&signer], DOC, &SignOptions::default());
    let dir = pki.ossl.dir();
    let der_path = dir.join("sig-der.p7s");
    std::fs::write(&der_path, &der).expect("write");
    let pem = pki.ossl.run(
        &[
            "cms",
            "-cmsout",
            "-inform",
            "DER",
            "-in",
            der_path.to_str().expect("p"),
            "-outform",
            "PEM",
        ],
        false,
    );
    assert!(String::from_utf8_lossy(&pem).contains("BEGIN CMS"));
    assert_valid(&validate(&trust_root(&pki), &pem, DOC));
    let b64 = pki
        .ossl
        .run(&["base64", "-in", der_path.to_str().expect("p")], false);
    assert_valid(&validate(&trust_root(&pki), &b64, DOC));
}

#[test]
fn truncated_and_garbage_signatures_are_errors_not_panics() {
    let pki = TestPki::new(KeyType::EcP256);
    let signer = ee(&pki, "Signer", KeyType::EcP256);
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    for len in (0..sig.len()).step_by(7) {
        assert!(
            SignedData::parse(&sig[..len]).is_err(),
            "truncated at {len}"
        );
    }
    for garbage in [&b""[..], b"garbage", &[0x30, 0x80], &[0xFF; 64]] {
        assert!(SignedData::parse(garbage).is_err());
    }
    // A certificate is not a signature.
    assert!(SignedData::parse(&signer.cert.der).is_err());
}

#[test]
fn cades_x_long_type1_is_recognised_and_its_data_checked() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "Long-term signer", KeyType::Rsa(2048));
    let tsa = pki.tsa(KeyType::Rsa(2048));
    let crl = pki.crl();
    let sig = pki.sign(
        &[&signer],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let path: [&[u8]; 2] = [&pki.intermediate.cert.der, &pki.root.cert.der];
    let x_long = pki.cades_x_long_type1(&sig, &tsa, &path, &[&crl]);
    let trust = trust_root(&pki);
    let report = validate(&trust, &x_long, DOC);
    assert_valid(&report);
    let s = &report.signers[0];
    assert!(
        s.long_term_problems.is_empty(),
        "{:?}",
        s.long_term_problems
    );
    assert_eq!(s.cades, Some(CadesLevel::XLongType1));

    // References that do not cover the path: the level falls back to T.
    let short: [&[u8]; 1] = [&pki.intermediate.cert.der];
    let incomplete = pki.cades_x_long_type1(&sig, &tsa, &short, &[&crl]);
    let report = validate(&trust, &incomplete, DOC);
    let s = &report.signers[0];
    assert_eq!(s.cades, Some(CadesLevel::T));
    assert!(
        s.long_term_problems
            .iter()
            .any(|p| p.contains("complete-certificate-references lacks")),
        "{:?}",
        s.long_term_problems
    );

    // A CAdES-C time-stamp over other data is caught.
    let other_sig = pki.sign(
        &[&signer],
        b"other",
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let good = pki.cades_x_long_type1(&other_sig, &tsa, &path, &[&crl]);
    let esc_token = {
        let root = Node::parse(&good);
        let signer_info = &root.children[1].children[0]
            .children
            .last()
            .expect("signers")
            .children[0];
        let unsigned = signer_info
            .children
            .iter()
            .find(|n| n.tag == 0xA1)
            .expect("unsigned");
        unsigned.children.last().expect("esc").children[1].children[0].to_der()
    };
    let mut tampered = Node::parse(&x_long);
    {
        let signer_info = &mut tampered.children[1].children[0]
            .children
            .last_mut()
            .expect("signers")
            .children[0];
        let unsigned = signer_info
            .children
            .iter_mut()
            .find(|n| n.tag == 0xA1)
            .expect("unsigned");
        let esc = unsigned.children.last_mut().expect("esc");
        esc.children[1].children[0] = Node::parse(&esc_token);
    }
    let report = validate(&trust, &tampered.to_der(), DOC);
    let s = &report.signers[0];
    assert_eq!(s.cades, Some(CadesLevel::T));
    assert!(
        s.long_term_problems
            .iter()
            .any(|p| p.contains("CAdES-C time-stamp")),
        "{:?}",
        s.long_term_problems
    );
}

mod revocation {
    //! The engine with revocation checking on: CRLs served over HTTP and
    //! `openssl ocsp` as the responder. The trust store holds the root and
    //! the intermediate (as a deployment's trust directory would), so the
    //! end entity's status decides.

    use std::sync::Arc;
    use std::time::Duration as StdDuration;

    use signet_pki::{FetchBudget, FetchLimits, HttpFetcher};
    use signet_pki::{RevocationChecker, RevocationConfig, RevocationStatus};
    use test_support::net::{HttpServer, Route, free_port};

    use super::*;

    fn trust_both(pki: &TestPki) -> TrustStore {
        TrustStore::from_certificates([
            Certificate::parse(&pki.root.cert.der).expect("root"),
            Certificate::parse(&pki.intermediate.cert.der).expect("intermediate"),
        ])
    }

    fn checker(timeout_secs: u64) -> RevocationChecker {
        let config = RevocationConfig {
            timeout: StdDuration::from_secs(timeout_secs),
            ..RevocationConfig::default()
        };
        RevocationChecker::new(config.clone(), Arc::new(HttpFetcher::new(config.timeout)))
    }

    fn validate_with(
        trust: &TrustStore,
        checker: &RevocationChecker,
        sig: &[u8],
        now: OffsetDateTime,
    ) -> ValidationReport {
        let signed = SignedData::parse(sig).expect("parses");
        let digests = ContentDigests::of_bytes(DOC, &signed.digest_algorithms());
        let budget = FetchBudget::new(FetchLimits::default());
        let validator = Validator {
            trust,
            issuers: &Offline,
            revocation: Some(checker.within(&budget)),
        };
        validator.validate(
            &signed,
            Content {
                digests: &digests,
                bytes: Some(DOC),
            },
            &ValidationOptions::full(now),
        )
    }

    fn with_cdp(pki: &TestPki, cn: &str, url: &str) -> Party {
        let cdp = format!("URI:{url}");
        pki.issue(
            cn,
            KeyType::Rsa(2048),
            None,
            &[
                ("basicConstraints", "CA:false"),
                ("keyUsage", "critical, digitalSignature, nonRepudiation"),
                ("crlDistributionPoints", &cdp),
            ],
        )
    }

    #[test]
    fn good_and_revoked_by_crl() {
        let server = HttpServer::start();
        let url = server.url("/inter.crl");
        let pki = TestPki::new(KeyType::Rsa(2048));
        let good = with_cdp(&pki, "Good signer", &url);
        let bad = with_cdp(&pki, "Revoked signer", &url);
        pki.revoke(&bad, "keyCompromise");
        server.route("/inter.crl", Route::Ok(pki.crl()));
        let trust = trust_both(&pki);
        let checker = checker(5);
        let now = OffsetDateTime::now_utc();

        let report = validate_with(
            &trust,
            &checker,
            &pki.sign(&[&good], DOC, &SignOptions::default()),
            now,
        );
        assert_valid(&report);
        match &report.signers[0].chain {
            ChainStatus::Valid { revocation, .. } => {
                assert!(
                    matches!(revocation.as_slice(), [RevocationStatus::Good { .. }]),
                    "{revocation:?}"
                )
            }
            other => panic!("{other:?}"),
        }

        let report = validate_with(
            &trust,
            &checker,
            &pki.sign(&[&bad], DOC, &SignOptions::default()),
            now,
        );
        match &report.signers[0].chain {
            ChainStatus::Revoked {
                subject, reason, ..
            } => {
                assert_eq!(subject, "Revoked signer");
                assert_eq!(reason.as_deref(), Some("keyCompromise"));
            }
            other => panic!("expected revoked, got {other:?}"),
        }
        assert!(report.failure().expect("failure").contains("revoked"));
    }

    #[test]
    fn revoked_by_ocsp() {
        let port = free_port();
        let pki = TestPki::new(KeyType::Rsa(2048));
        let aia = format!("OCSP;URI:http://127.0.0.1:{port}/");
        let signer = pki.issue(
            "OCSP signer",
            KeyType::Rsa(2048),
            None,
            &[
                ("basicConstraints", "CA:false"),
                ("keyUsage", "critical, digitalSignature, nonRepudiation"),
                ("authorityInfoAccess", &aia),
            ],
        );
        let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
        let trust = trust_both(&pki);
        let checker = checker(5);
        {
            let _responder = pki.ocsp_responder(port);
            assert_valid(&validate_with(
                &trust,
                &checker,
                &sig,
                OffsetDateTime::now_utc(),
            ));
        }
        pki.revoke(&signer, "superseded");
        // A fresh checker: the good answer above is cached by the first.
        let checker = self::checker(5);
        let _responder = pki.ocsp_responder(port);
        let report = validate_with(&trust, &checker, &sig, OffsetDateTime::now_utc());
        assert!(
            matches!(&report.signers[0].chain, ChainStatus::Revoked { reason: Some(r), .. } if r == "superseded"),
            "{:?}",
            report.signers[0].chain
        );
    }

    #[test]
    fn unreachable_sources_give_an_unknown_status_in_bounded_time() {
        let server = HttpServer::start();
        server.route("/hang.crl", Route::Hang);
        let pki = TestPki::new(KeyType::Rsa(2048));
        let signer = with_cdp(&pki, "Signer", &server.url("/hang.crl"));
        let sig = pki.sign(&[&signer], DOC, &SignOptions::default());
        let started = std::time::Instant::now();
        let report = validate_with(
            &trust_both(&pki),
            &checker(1),
            &sig,
            OffsetDateTime::now_utc(),
        );
        assert!(
            started.elapsed() < StdDuration::from_secs(5),
            "took {:?}",
            started.elapsed()
        );
        assert!(matches!(
            report.signers[0].chain,
            ChainStatus::RevocationUnknown { .. }
        ));
        let failure = report.failure().expect("unknown fails by default");
        assert!(
            failure.contains("revocation status") && failure.contains("timed out"),
            "{failure}"
        );
    }

    #[test]
    fn revocation_after_the_time_stamp_does_not_fail_a_cades_t_signature() {
        let server = HttpServer::start();
        let url = server.url("/inter.crl");
        let pki = TestPki::new(KeyType::Rsa(2048));
        let signer = with_cdp(&pki, "Signer", &url);
        let tsa = pki.tsa(KeyType::Rsa(2048));
        let bes = pki.sign(
            &[&signer],
            DOC,
            &SignOptions {
                cades: true,
                ..SignOptions::default()
            },
        );
        let value = der_tree::signature_value(&bes, 0);
        let cades_t = der_tree::add_unsigned_attribute(
            &bes,
            0,
            "1.2.840.113549.1.9.16.2.14",
            &pki.timestamp(&tsa, &value),
        );
        // Revocation times have whole seconds: revoke strictly later.
        std::thread::sleep(StdDuration::from_millis(1100));
        pki.revoke(&signer, "keyCompromise");
        server.route("/inter.crl", Route::Ok(pki.crl()));
        let trust = trust_both(&pki);
        let checker = checker(5);
        let now = OffsetDateTime::now_utc();
        assert!(matches!(
            validate_with(&trust, &checker, &bes, now).signers[0].chain,
            ChainStatus::Revoked { .. }
        ));
        let report = validate_with(&trust, &checker, &cades_t, now);
        assert_valid(&report);
        assert!(matches!(
            &report.signers[0].chain,
            ChainStatus::Valid { revocation, .. } if matches!(revocation[0], RevocationStatus::Revoked { .. })
        ));
    }
}

#[test]
fn ed25519_signature_made_by_gnutls_certtool() {
    // OpenSSL 3.0 cannot make Ed25519 CMS; GnuTLS's certtool can.
    let pki = TestPki::new(KeyType::Ed25519);
    let signer = ee(&pki, "Ed25519 signer", KeyType::Ed25519);
    let sig = pki.sign_with_certtool(&signer, DOC);
    let trust =
        TrustStore::from_certificates([Certificate::parse(&pki.root.cert.der).expect("root")]);
    let report = validate(&trust, &sig, DOC);
    assert_valid(&report);
    assert!(report.signers[0].signing_time.is_some());
    assert!(!validate(&trust, &sig, b"other").is_valid());
}

#[test]
fn rsa_pss_signature() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = ee(&pki, "PSS signer", KeyType::Rsa(2048));
    let dir = pki.ossl.dir();
    let input = dir.join("pss-doc.bin");
    std::fs::write(&input, DOC).expect("write");
    let out = dir.join("pss.p7s");
    let p = |x: &std::path::Path| x.to_str().expect("utf-8 path").to_owned();
    pki.ossl.run(
        &[
            "cms",
            "-sign",
            "-binary",
            "-outform",
            "DER",
            "-md",
            "sha256",
            "-in",
            &p(&input),
            "-out",
            &p(&out),
            "-signer",
            &p(&signer.cert.pem_path),
            "-inkey",
            &p(&signer.key.path),
            "-certfile",
            &p(&pki.intermediate.cert.pem_path),
            "-keyopt",
            "rsa_padding_mode:pss",
        ],
        false,
    );
    let sig = std::fs::read(&out).expect("read");
    let signed = SignedData::parse(&sig).expect("parses");
    assert_eq!(
        signed.signers[0].signature_algorithm.oid.to_string(),
        "1.2.840.113549.1.1.10"
    );
    assert_valid(&validate(&trust_root(&pki), &sig, DOC));
}

#[test]
fn signer_named_by_subject_key_identifier() {
    let pki = TestPki::new(KeyType::EcP256);
    let signer = ee(&pki, "SKI signer", KeyType::EcP256);
    let dir = pki.ossl.dir();
    let input = dir.join("ski-doc.bin");
    std::fs::write(&input, DOC).expect("write");
    let out = dir.join("ski.p7s");
    let p = |x: &std::path::Path| x.to_str().expect("utf-8 path").to_owned();
    pki.ossl.run(
        &[
            "cms",
            "-sign",
            "-binary",
            "-keyid",
            "-outform",
            "DER",
            "-in",
            &p(&input),
            "-out",
            &p(&out),
            "-signer",
            &p(&signer.cert.pem_path),
            "-inkey",
            &p(&signer.key.path),
            "-certfile",
            &p(&pki.intermediate.cert.pem_path),
        ],
        false,
    );
    let sig = std::fs::read(&out).expect("read");
    let signed = SignedData::parse(&sig).expect("parses");
    assert!(matches!(
        signed.signers[0].sid,
        signet_pki::SignerId::SubjectKeyId(_)
    ));
    assert_valid(&validate(&trust_root(&pki), &sig, DOC));
}

mod gost {
    //! GOST R 34.10-2012 signatures and certificate chains made by OpenSSL
    //! with Debian's gost engine (`openssl ca`, `openssl cms -sign`).

    use super::*;

    fn check(key: KeyType, md: &'static str) {
        let pki = TestPki::new(key);
        let signer = ee(&pki, "ГОСТ подписант", key);
        let sig = pki.sign(
            &[&signer],
            DOC,
            &SignOptions {
                cades: true,
                md,
                ..SignOptions::default()
            },
        );
        let signed = SignedData::parse(&sig).expect("parses");
        assert!(
            signed.signers[0]
                .signature_algorithm
                .oid
                .to_string()
                .starts_with("1.2.643.7.1.1")
        );
        let report = validate(&trust_root(&pki), &sig, DOC);
        assert_valid(&report);
        assert_eq!(report.signers[0].cades, Some(CadesLevel::Bes));
        match &report.signers[0].chain {
            ChainStatus::Valid { path, .. } => assert_eq!(path.len(), 3),
            other => panic!("{other:?}"),
        }
        let mut other = DOC.to_vec();
        other[3] ^= 0x40;
        assert_eq!(
            validate(&trust_root(&pki), &sig, &other).signers[0].signature,
            Err(SignerFailure::ContentMismatch)
        );
        let bad = der_tree::edit_signature_value(&sig, 0, |v| v[5] ^= 1);
        assert!(matches!(
            validate(&trust_root(&pki), &bad, DOC).signers[0].signature,
            Err(SignerFailure::Signature(
                signet_pki::SignatureError::Mismatch
            ))
        ));
    }

    #[test]
    fn gost_2012_256_paramset_a() {
        check(KeyType::Gost2012_256("A"), "md_gost12_256");
    }

    #[test]
    fn gost_2012_256_tc26_a_twisted_edwards() {
        check(KeyType::Gost2012_256("TCA"), "md_gost12_256");
    }

    #[test]
    fn gost_2012_512_paramset_a() {
        check(KeyType::Gost2012_512("A"), "md_gost12_512");
    }

    #[test]
    fn gost_2012_512_paramset_c_twisted_edwards() {
        check(KeyType::Gost2012_512("C"), "md_gost12_512");
    }
}
