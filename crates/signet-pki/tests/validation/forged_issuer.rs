//! A forged copy of a CA among the candidate issuers — same subject DN and
//! same subjectKeyIdentifier as the real intermediate, another key — does
//! not make a good signature invalid: the path builder tries every
//! candidate issuer (the trust store's copies, the signature's
//! certificates, the caIssuers ones), and the forged one costs one
//! signature check.

use signet_pki::{IssuerSource, LinkCheck, PathValidator};
use test_support::{CertFiles, CertSpec};

use super::*;

/// A self-signed CA named like the test PKI's intermediate, with the real
/// one's subjectKeyIdentifier, under a fresh key.
fn forged_intermediate(pki: &TestPki) -> CertFiles {
    let real = Certificate::parse(&pki.intermediate.cert.der).expect("intermediate");
    let ski = real
        .fields()
        .extensions
        .subject_key_id
        .clone()
        .expect("the intermediate has a subjectKeyIdentifier");
    let ski: Vec<String> = ski.iter().map(|b| format!("{b:02X}")).collect();
    let key = pki.ossl.generate_key(KeyType::EcP256);
    let forged = pki.ossl.self_signed(
        &key,
        &CertSpec::new()
            .subject("C", "RU")
            .subject("O", "signet test PKI")
            .subject("CN", "signet Test Intermediate")
            .days(3650)
            .extension("basicConstraints", "critical, CA:true")
            .extension("keyUsage", "critical, keyCertSign, cRLSign")
            .extension("subjectKeyIdentifier", &ski.join(":")),
    );
    let f = Certificate::parse(&forged.der).expect("forged");
    assert_eq!(f.subject_der(), real.subject_der(), "same subject");
    assert_eq!(
        f.fields().extensions.subject_key_id,
        real.fields().extensions.subject_key_id,
        "same subjectKeyIdentifier"
    );
    assert_ne!(f.fields().public_key, real.fields().public_key, "other key");
    forged
}

/// `openssl cms -sign -cades` by `signer` with the certificates of
/// `certs` in its certificate set (one `-certfile` PEM bundle).
fn sign_with_certs(pki: &TestPki, signer: &Party, certs: &[&CertFiles]) -> Vec<u8> {
    let mut bundle = Vec::new();
    for c in certs {
        bundle.extend(std::fs::read(&c.pem_path).expect("pem"));
    }
    let bundle = pki.ossl.write("forged-bundle.pem", &bundle);
    let input = pki.ossl.write("forged-doc.bin", DOC);
    let out = pki.ossl.path("forged.p7s");
    pki.ossl.run(
        &[
            "cms",
            "-sign",
            "-binary",
            "-cades",
            "-nodetach",
            "-outform",
            "DER",
            "-md",
            "sha256",
            "-in",
            &input,
            "-out",
            &out,
            "-signer",
        ]
        .into_iter()
        .map(str::to_owned)
        .chain([
            signer.cert.pem_path.to_str().expect("utf-8").to_owned(),
            "-inkey".to_owned(),
            signer.key.path.to_str().expect("utf-8").to_owned(),
            "-certfile".to_owned(),
            bundle,
        ])
        .collect::<Vec<_>>(),
        false,
    );
    std::fs::read(&out).expect("signature")
}

/// The report is valid, and its links are the path actually used: the
/// signer, the real intermediate, the root.
fn assert_valid_through_real(report: &ValidationReport, pki: &TestPki) {
    assert_valid(report);
    let ders: Vec<&[u8]> = report.signers[0]
        .links
        .iter()
        .map(|l| {
            assert_eq!(l.check, LinkCheck::Passed);
            l.certificate.der()
        })
        .collect();
    assert_eq!(ders.len(), 3, "signer, intermediate, root");
    assert_eq!(
        ders[1],
        &pki.intermediate.cert.der[..],
        "the real intermediate"
    );
    assert_eq!(ders[2], &pki.root.cert.der[..]);
}

#[test]
fn a_forged_intermediate_before_the_real_one_in_the_set_does_not_spoil_the_signature() {
    let pki = TestPki::new(KeyType::EcP256);
    let signer = ee(&pki, "Forged-set signer", KeyType::EcP256);
    let forged = forged_intermediate(&pki);
    let sig = sign_with_certs(&pki, &signer, &[&forged, &pki.intermediate.cert]);
    let signed = SignedData::parse(&sig).expect("parses");
    let at = |der: &[u8]| signed.certificates.iter().position(|c| c.der() == der);
    let (f, r) = (at(&forged.der), at(&pki.intermediate.cert.der));
    assert!(f.is_some() && r.is_some(), "both in the set");
    assert_valid_through_real(&validate(&trust_root(&pki), &sig, DOC), &pki);
    // Whatever order OpenSSL put the set in, the forged copy first.
    let mut pool = signed.certificates.clone();
    pool.sort_by_key(|c| c.der() != &forged.der[..]);
    let trust = trust_root(&pki);
    let signer_cert = Certificate::parse(&signer.cert.der).expect("signer");
    let path = PathValidator::new(&trust, &Offline)
        .validate(&signer_cert, &pool, OffsetDateTime::now_utc())
        .expect("valid through the real intermediate");
    assert_eq!(path.certificates[1].der(), &pki.intermediate.cert.der[..]);
}

#[test]
fn a_forged_intermediate_in_the_set_gives_way_to_the_trust_stores_copy() {
    let pki = TestPki::new(KeyType::EcP256);
    let signer = ee(&pki, "Forged-only signer", KeyType::EcP256);
    let forged = forged_intermediate(&pki);
    let sig = sign_with_certs(&pki, &signer, &[&forged]);
    let trust = TrustStore::from_certificates([
        Certificate::parse(&pki.root.cert.der).expect("root"),
        Certificate::parse(&pki.intermediate.cert.der).expect("intermediate"),
    ]);
    let report = validate(&trust, &sig, DOC);
    assert_valid(&report);
    let links = &report.signers[0].links;
    assert_eq!(links[1].certificate.der(), &pki.intermediate.cert.der[..]);
    // Only the root trusted: the forged copy alone is no path, and the
    // error says why — its signature does not verify.
    let report = validate(&trust_root(&pki), &sig, DOC);
    assert!(
        matches!(
            report.signers[0].chain,
            ChainStatus::Invalid(PathError::BadSignature { .. })
        ),
        "{:?}",
        report.signers[0].chain
    );
}

/// Serves the real intermediate at its caIssuers URL, counting requests.
struct Aia {
    url: &'static str,
    cert: Certificate,
    asked: std::cell::Cell<usize>,
}

impl IssuerSource for Aia {
    fn ca_issuers(&self, url: &str) -> Result<Vec<Certificate>, signet_pki::CaIssuersError> {
        self.asked.set(self.asked.get() + 1);
        Ok(if url == self.url {
            vec![self.cert.clone()]
        } else {
            Vec::new()
        })
    }
}

#[test]
fn a_forged_intermediate_in_the_set_gives_way_to_the_ca_issuers_copy() {
    let pki = TestPki::new(KeyType::EcP256);
    let url = "http://ca.signet.test/intermediate.cer";
    let aia = format!("caIssuers;URI:{url}");
    let signer = pki.issue(
        "Forged-AIA signer",
        KeyType::EcP256,
        None,
        &[
            ("basicConstraints", "CA:false"),
            ("keyUsage", "critical, digitalSignature, nonRepudiation"),
            ("subjectKeyIdentifier", "hash"),
            ("authorityKeyIdentifier", "keyid"),
            ("authorityInfoAccess", aia.as_str()),
        ],
    );
    let forged = forged_intermediate(&pki);
    let sig = sign_with_certs(&pki, &signer, &[&forged]);
    let trust = trust_root(&pki);
    let source = Aia {
        url,
        cert: Certificate::parse(&pki.intermediate.cert.der).expect("intermediate"),
        asked: Default::default(),
    };
    let signed = SignedData::parse(&sig).expect("parses");
    let digests = ContentDigests::of_bytes(DOC, &signed.digest_algorithms());
    let validator = Validator {
        trust: &trust,
        issuers: &source,
        revocation: None,
    };
    let mut options = ValidationOptions::full(OffsetDateTime::now_utc());
    options.require_revocation = false;
    let content = Content {
        digests: &digests,
        bytes: Some(DOC),
    };
    let report = validator.validate(&signed, content, &options);
    assert_valid_through_real(&report, &pki);
    assert_eq!(source.asked.get(), 1, "one fetch");
    // Offline, the forged copy is all there is: its signature fails.
    let forged = Certificate::parse(&forged.der).expect("forged");
    let signer_cert = Certificate::parse(&signer.cert.der).expect("signer");
    let e = PathValidator::new(&trust, &Offline)
        .validate(&signer_cert, &[forged], OffsetDateTime::now_utc())
        .expect_err("no path offline");
    assert!(matches!(e, PathError::BadSignature { .. }), "{e:?}");
}
