//! Making CMS SignedData / CAdES-BES with `signet_pki::SignedDataBuilder`,
//! checked by verifiers signet does not control: `openssl cms -verify`
//! (OpenSSL 3, with Debian's gost engine for GOST), GnuTLS
//! `certtool --p7-verify` for Ed25519 (OpenSSL 3.0 cannot verify Ed25519
//! CMS), and signet's own validation engine. Keys and certificates come
//! from `openssl genpkey` / `openssl ca` (test_support's `TestPki`); the
//! private keys are read as the PKCS#8 DER `openssl pkcs8 -topk8`
//! writes.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

mod common;

use signet_crypto::DigestAlgorithm;
use signet_pki::CadesLevel;
use signet_pki::Offline;
use signet_pki::{Certificate, TrustStore};
use signet_pki::{
    CertifiedKey, CmsSigner, Content, ContentDigests, SignError, SignedData, SignedDataBuilder,
    SignerId, SignerIdentifierChoice, add_signer_to,
};
use signet_pki::{ChainStatus, ValidationOptions, ValidationReport, Validator};
use signet_pki::{FetchBudget, FetchLimits, HttpFetcher};
use signet_pki::{TimestampRequest, TsaClient};
use test_support::der_tree::{self, Node};
use test_support::net::{HttpServer, Route};
use test_support::pki::{Party, SignOptions, TestPki};
use test_support::{KeyFile, KeyType};
use time::OffsetDateTime;
use time::macros::datetime;

const DOC: &[u8] = "Договір № 7: signet signing test\n".as_bytes();

fn p(path: &Path) -> String {
    path.to_str().expect("UTF-8 path").to_owned()
}

/// The PKCS#8 DER of a key file, as `openssl pkcs8 -topk8` writes it
/// (OpenSSL 3.0's `pkey -outform DER` writes RSA and EC keys in their
/// traditional RFC 8017 / RFC 5915 forms, not PKCS#8).
fn pkcs8(pki: &TestPki, key: &KeyFile) -> Vec<u8> {
    pkcs8_of(pki, &key.path, key.key_type.is_gost())
}

fn pkcs8_of(pki: &TestPki, path: &Path, gost: bool) -> Vec<u8> {
    pki.ossl.run(
        &[
            "pkcs8",
            "-topk8",
            "-nocrypt",
            "-in",
            &p(path),
            "-outform",
            "DER",
        ],
        gost,
    )
}

fn certificate(der: &[u8]) -> Certificate {
    Certificate::parse(der).expect("signet parses the certificate")
}

fn certified(pki: &TestPki, party: &Party) -> CertifiedKey {
    CertifiedKey::from_pkcs8(certificate(&party.cert.der), &pkcs8(pki, &party.key))
        .expect("the key belongs to the certificate")
}

fn intermediate(pki: &TestPki) -> Vec<Certificate> {
    vec![certificate(&pki.intermediate.cert.der)]
}

/// Now, to the second (the resolution of signing-time).
fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .expect("zero nanoseconds")
}

/// id-aa-signingCertificateV2 (1.2.840.113549.1.9.16.2.47), content octets.
const SIGNING_CERTIFICATE_V2: [u8; 11] = [
    0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x02, 0x2F,
];

/// Whether every SignerInfo signs a signing-certificate-v2 attribute (read
/// with test_support's DER tree, not signet).
fn all_signers_cades(sig: &[u8]) -> bool {
    signer_infos(sig).iter().all(|si| {
        si.children
            .iter()
            .find(|c| c.tag == 0xA0)
            .is_some_and(|attrs| {
                attrs
                    .children
                    .iter()
                    .any(|a| a.children[0].content == SIGNING_CERTIFICATE_V2)
            })
    })
}

/// `openssl cms -verify -binary -inform DER -CAfile root.pem [-content F]`,
/// with the gost engine when `gost`, and with `-cades` when every signer
/// has a signing-certificate-v2 attribute: OpenSSL then checks its
/// ESSCertIDv2 against the signer's certificate (`ossl_cms_check_signing_certs`).
/// Returns the content OpenSSL wrote out, or its error output.
fn openssl_verify(
    pki: &TestPki,
    sig: &[u8],
    content: Option<&[u8]>,
    gost: bool,
) -> Result<Vec<u8>, String> {
    let sig_path = pki.ossl.temp_file("sig", "p7s", sig);
    let out = pki.ossl.dir().join(format!(
        "verified-{}.bin",
        sig_path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
    ));
    let mut args = vec![
        "cms".to_owned(),
        "-verify".into(),
        "-binary".into(),
        "-inform".into(),
        "DER".into(),
        "-in".into(),
        p(&sig_path),
        "-CAfile".into(),
        p(&pki.root.cert.pem_path),
        "-out".into(),
        p(&out),
    ];
    if let Some(c) = content {
        args.extend([
            "-content".into(),
            p(&pki.ossl.temp_file("content", "bin", c)),
        ]);
    }
    if all_signers_cades(sig) {
        args.push("-cades".into());
    }
    pki.ossl
        .try_run(&args, gost)
        .map(|_| std::fs::read(&out).expect("openssl wrote the content"))
}

/// GnuTLS: `certtool --p7-verify --inder --load-ca-certificate root.pem
/// [--load-data F]`.
fn certtool_verify(pki: &TestPki, sig: &[u8], content: Option<&[u8]>) -> Result<String, String> {
    let sig_path = pki.ossl.temp_file("sig", "p7s", sig);
    let mut cmd = Command::new("certtool");
    cmd.args(["--p7-verify", "--inder", "--infile"])
        .arg(&sig_path)
        .arg("--load-ca-certificate")
        .arg(&pki.root.cert.pem_path);
    if let Some(c) = content {
        cmd.arg("--load-data")
            .arg(pki.ossl.temp_file("content", "bin", c));
    }
    let out = cmd
        .output()
        .expect("certtool runs (Debian package gnutls-bin)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() {
        Ok(text)
    } else {
        Err(text)
    }
}

/// signet's validation engine: signature, CAdES level and chain to the
/// root, at now, without revocation.
fn signet_validate(trust: &TrustStore, sig: &[u8], content: &[u8]) -> ValidationReport {
    common::validate_offline(trust, sig, content, OffsetDateTime::now_utc(), false)
}

fn trust_root(pki: &TestPki) -> TrustStore {
    TrustStore::from_certificates([certificate(&pki.root.cert.der)])
}

fn assert_valid(report: &ValidationReport) {
    assert!(
        report.is_valid(),
        "signet finds the signature invalid: {:?}",
        report.failure()
    );
}

/// The DER tree re-encodes with minimal lengths: equal bytes mean the
/// input was DER (definite, minimal lengths).
fn assert_der(sig: &[u8]) {
    assert_eq!(Node::parse(sig).to_der(), sig, "the output is DER");
}

/// signerInfos of a ContentInfo/SignedData, as DER trees.
fn signer_infos(sig: &[u8]) -> Vec<Node> {
    let signed_data = &Node::parse(sig).children[1].children[0];
    signed_data
        .children
        .last()
        .expect("signerInfos")
        .children
        .clone()
}

/// Signs `DOC` four ways (attached / detached × plain CMS / CAdES-BES)
/// with a signer of `key` under a PKI of `ca`, and has each verified by
/// the peer and by signet.
fn sign_four_ways(ca: KeyType, key: KeyType) {
    let pki = TestPki::new(ca);
    let party = pki.issue("Подписант", key, None, &[]);
    let signer = certified(&pki, &party);
    let trust = trust_root(&pki);
    let gost = key.is_gost() || ca.is_gost();
    for detached in [false, true] {
        for cades in [false, true] {
            let time = now();
            let sig = SignedDataBuilder::new(DOC)
                .detached(detached)
                .cades_bes(cades)
                .signing_time(Some(time))
                .include_certificates(intermediate(&pki))
                .add_signer(&signer)
                .build()
                .expect("signs");
            let case = format!("{key:?}, detached {detached}, CAdES-BES {cades}");
            assert_der(&sig);
            assert_eq!(all_signers_cades(&sig), cades, "{case}");
            let content = detached.then_some(DOC);
            if key == KeyType::Ed25519 {
                let out = certtool_verify(&pki, &sig, content)
                    .unwrap_or_else(|e| panic!("certtool rejects ({case}): {e}"));
                assert!(out.contains("Signature status: ok"), "{case}: {out}");
                let other = certtool_verify(&pki, &sig, Some(b"another document"));
                assert!(other.is_err(), "certtool accepts other content ({case})");
            } else {
                let out = openssl_verify(&pki, &sig, content, gost)
                    .unwrap_or_else(|e| panic!("openssl cms -verify rejects ({case}): {e}"));
                assert_eq!(out, DOC, "OpenSSL reads the signed content ({case})");
                if detached {
                    assert!(
                        openssl_verify(&pki, &sig, Some(b"another document"), gost).is_err(),
                        "openssl accepts other content ({case})"
                    );
                }
            }
            let report = signet_validate(&trust, &sig, DOC);
            assert_valid(&report);
            let s = &report.signers[0];
            assert_eq!(
                s.cades,
                cades.then_some(CadesLevel::Bes),
                "CAdES level ({case})"
            );
            assert_eq!(s.signing_time, Some(time), "signing-time ({case})");
            match &s.chain {
                ChainStatus::Valid { path, .. } => assert_eq!(path.len(), 3, "{case}"),
                other => panic!("chain ({case}): {other:?}"),
            }
            let signed = SignedData::parse(&sig).expect("parses");
            assert_eq!(signed.content.is_none(), detached, "{case}");
            assert_eq!(signed.version, 1);
            assert_eq!(signed.signers[0].version, 1);
            assert!(!signet_validate(&trust, &sig, b"another document").is_valid());
        }
    }
}

#[test]
fn rsa_2048() {
    sign_four_ways(KeyType::Rsa(2048), KeyType::Rsa(2048));
}

#[test]
fn ec_p256() {
    sign_four_ways(KeyType::EcP256, KeyType::EcP256);
}

#[test]
fn ec_p384() {
    sign_four_ways(KeyType::EcP384, KeyType::EcP384);
}

#[test]
fn ed25519() {
    sign_four_ways(KeyType::Ed25519, KeyType::Ed25519);
}

#[test]
fn gost_2012_256_paramset_a() {
    sign_four_ways(KeyType::Gost2012_256("A"), KeyType::Gost2012_256("A"));
}

#[test]
fn gost_2012_256_tc26_a_twisted_edwards() {
    sign_four_ways(KeyType::Gost2012_256("TCA"), KeyType::Gost2012_256("TCA"));
}

#[test]
fn gost_2012_512_paramset_a() {
    sign_four_ways(KeyType::Gost2012_512("A"), KeyType::Gost2012_512("A"));
}

#[test]
fn gost_2012_512_paramset_c_twisted_edwards() {
    sign_four_ways(KeyType::Gost2012_512("C"), KeyType::Gost2012_512("C"));
}

/// GOST R 34.10-2001 with GOST R 34.11-94: a self-signed certificate made
/// with `openssl req -x509 -md_gost94` (test_support's key types are
/// 2012 only).
#[test]
fn gost_2001_with_gost_r_34_11_94() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let dir = pki.ossl.dir();
    let key_path = dir.join("gost2001.pem");
    let cert_path = dir.join("gost2001-cert.pem");
    pki.ossl.run(
        &[
            "genpkey",
            "-algorithm",
            "gost2001",
            "-pkeyopt",
            "paramset:A",
            "-out",
            &p(&key_path),
        ],
        true,
    );
    pki.ossl.run(
        &[
            "req",
            "-x509",
            "-new",
            "-key",
            &p(&key_path),
            "-subj",
            "/CN=ГОСТ 2001/O=signet test",
            "-utf8",
            "-md_gost94",
            "-days",
            "30",
            "-out",
            &p(&cert_path),
        ],
        true,
    );
    let cert_files = pki.ossl.load_cert(&cert_path, true);
    let key_der = pkcs8_of(&pki, &key_path, true);
    let signer = CertifiedKey::from_pkcs8(certificate(&cert_files.der), &key_der)
        .expect("the 2001 key belongs to its certificate");
    let sig = SignedDataBuilder::new(DOC)
        .detached(true)
        .signing_time(Some(now()))
        .add_signer(&signer)
        .build()
        .expect("signs");
    let signed = SignedData::parse(&sig).expect("parses");
    assert_eq!(
        signed.signers[0].signature_algorithm.oid.to_string(),
        "1.2.643.2.2.3",
        "id-GostR3411-94-with-GostR3410-2001"
    );
    assert_eq!(
        signed.signers[0].digest_algorithm.oid.to_string(),
        "1.2.643.2.2.9",
        "id-GostR3411-94"
    );
    // The certificate is its own trust anchor here.
    let sig_path = pki.ossl.temp_file("sig2001", "p7s", &sig);
    let content = pki.ossl.temp_file("doc2001", "bin", DOC);
    pki.ossl.run(
        &[
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            &p(&sig_path),
            "-content",
            &p(&content),
            "-CAfile",
            &p(&cert_files.pem_path),
            "-out",
            "/dev/null",
        ],
        true,
    );
    let trust = TrustStore::from_certificates([certificate(&cert_files.der)]);
    let report = signet_validate(&trust, &sig, DOC);
    assert!(
        report.signers[0].signature.is_ok(),
        "{:?}",
        report.failure()
    );
    assert_eq!(report.signers[0].cades, Some(CadesLevel::Bes));
}

/// Three signers of three algorithms in one SignedData, each with its own
/// digest: RSA (SHA-256), ECDSA P-384 (SHA-384), GOST 2012-256
/// (Streebog-256), all under one RSA CA.
#[test]
fn several_signers_in_one_signed_data() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let rsa = pki.issue("RSA signer", KeyType::Rsa(2048), None, &[]);
    let ec = pki.issue("EC signer", KeyType::EcP384, None, &[]);
    let gost = pki.issue("GOST signer", KeyType::Gost2012_256("B"), None, &[]);
    let (rsa, ec, gost) = (
        certified(&pki, &rsa),
        certified(&pki, &ec),
        certified(&pki, &gost),
    );
    let sig = SignedDataBuilder::new(DOC)
        .signing_time(Some(now()))
        .include_certificates(intermediate(&pki))
        .add_signer(&rsa)
        .add_signer(&ec)
        .add_signer(&gost)
        .build()
        .expect("signs");
    assert_der(&sig);
    let signed = SignedData::parse(&sig).expect("parses");
    assert_eq!(signed.signers.len(), 3);
    assert_eq!(
        signed.digest_algorithms(),
        {
            let mut v = vec![
                DigestAlgorithm::Sha256,
                DigestAlgorithm::Sha384,
                DigestAlgorithm::Streebog256,
            ];
            v.sort_by_key(|a| a.name());
            v
        },
        "digestAlgorithms lists each signer's digest"
    );
    assert_eq!(signed.certificates.len(), 4, "three signers and the CA");
    // OpenSSL verifies every signer.
    assert_eq!(
        openssl_verify(&pki, &sig, None, true).expect("openssl verifies all three"),
        DOC
    );
    let report = signet_validate(&trust_root(&pki), &sig, DOC);
    assert_valid(&report);
    assert_eq!(report.signers.len(), 3);
    assert!(
        report
            .signers
            .iter()
            .all(|s| s.cades == Some(CadesLevel::Bes))
    );
}

/// A second signer added to a signature made by `openssl cms -sign`:
/// detached (content given) and attached (content taken from the
/// signature), across algorithms (OpenSSL's RSA signer, signet's GOST and
/// EC signers).
#[test]
fn co_signature_of_an_openssl_signature() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let first = pki.issue("Первый", KeyType::Rsa(2048), None, &[]);
    let gost_party = pki.issue("Второй", KeyType::Gost2012_256("A"), None, &[]);
    let second = certified(&pki, &gost_party);
    let ec_party = pki.issue("Третий", KeyType::EcP256, None, &[]);
    let third = certified(&pki, &ec_party);
    let trust = trust_root(&pki);
    for detached in [true, false] {
        let existing = pki.sign(
            &[&first],
            DOC,
            &SignOptions {
                detached,
                cades: true,
                ..SignOptions::default()
            },
        );
        let existing_signer = signer_infos(&existing)[0].to_der();
        let cosigned = if detached {
            add_signer_to(&existing, Some(DOC), &second).expect("co-signs")
        } else {
            add_signer_to(&existing, None, &second).expect("co-signs")
        };
        // And a third signer through the builder, with a signing-time.
        let cosigned = SignedDataBuilder::new(DOC)
            .signing_time(Some(now()))
            .add_signer(&third)
            .add_to(&cosigned)
            .expect("co-signs again");
        assert_der(&cosigned);
        let infos: Vec<Vec<u8>> = signer_infos(&cosigned).iter().map(Node::to_der).collect();
        assert_eq!(infos.len(), 3);
        assert!(
            infos.contains(&existing_signer),
            "OpenSSL's SignerInfo is kept byte for byte"
        );
        let signed = SignedData::parse(&cosigned).expect("parses");
        assert_eq!(signed.content.is_none(), detached, "the form is kept");
        assert_eq!(
            signed.certificates.len(),
            4,
            "OpenSSL's two certificates, and the two new signers'"
        );
        let content = detached.then_some(DOC);
        assert_eq!(
            openssl_verify(&pki, &cosigned, content, true)
                .unwrap_or_else(|e| panic!("openssl rejects the co-signature: {e}")),
            DOC
        );
        let report = signet_validate(&trust, &cosigned, DOC);
        assert_valid(&report);
        assert_eq!(report.signers.len(), 3);
        assert!(
            report
                .signers
                .iter()
                .all(|s| s.cades == Some(CadesLevel::Bes))
        );
    }
}

#[test]
fn co_signing_other_content_or_without_content_is_refused() {
    let pki = TestPki::new(KeyType::EcP256);
    let first = pki.issue("First", KeyType::EcP256, None, &[]);
    let second = certified(&pki, &pki.issue("Second", KeyType::EcP256, None, &[]));
    let detached = pki.sign(&[&first], DOC, &SignOptions::default());
    assert!(matches!(
        add_signer_to(&detached, Some(b"another document"), &second),
        Err(SignError::ContentMismatch)
    ));
    assert!(matches!(
        add_signer_to(&detached, None, &second),
        Err(SignError::ContentRequired)
    ));
    let attached = pki.sign(
        &[&first],
        DOC,
        &SignOptions {
            detached: false,
            ..SignOptions::default()
        },
    );
    assert!(matches!(
        add_signer_to(&attached, Some(b"another document"), &second),
        Err(SignError::ContentMismatch)
    ));
    // The digest of the right content is enough for a detached co-signature.
    let digest = DigestAlgorithm::Sha256.digest(DOC);
    let cosigned = SignedDataBuilder::detached_from_digest(DigestAlgorithm::Sha256, &digest)
        .add_signer(&second)
        .add_to(&detached)
        .expect("co-signs from the digest");
    openssl_verify(&pki, &cosigned, Some(DOC), false).expect("openssl verifies");
    let wrong = DigestAlgorithm::Sha256.digest(b"another document");
    assert!(matches!(
        SignedDataBuilder::detached_from_digest(DigestAlgorithm::Sha256, &wrong)
            .add_signer(&second)
            .add_to(&detached),
        Err(SignError::ContentMismatch)
    ));
}

/// Hex bytes of an `openssl cms -cmsout -print` hex dump block (`0000 - 3d
/// 27 f0 …-d9 92   ascii`), from the lines after `start` up to the next
/// `object:` line.
fn dump_after(text: &str, start: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut lines = text.lines().skip_while(|l| !l.contains(start)).skip(1);
    for line in lines.by_ref() {
        let t = line.trim();
        if t.starts_with("object:") {
            break;
        }
        let Some((offset, rest)) = t.split_once(" - ") else {
            continue;
        };
        if offset.len() != 4 || !offset.bytes().all(|b| b.is_ascii_hexdigit()) {
            continue;
        }
        let hex_part = rest.split("   ").next().unwrap_or_default();
        for byte in hex_part.split([' ', '-']).filter(|s| s.len() == 2) {
            out.push(u8::from_str_radix(byte, 16).expect("hex"));
        }
    }
    out
}

/// The `[HEX DUMP]:` values and OBJECT names OpenSSL prints inside the
/// signingCertificateV2 attribute.
fn ess_block(text: &str) -> String {
    text.lines()
        .skip_while(|l| !l.contains("id-smime-aa-signingCertificateV2"))
        .skip(1)
        .take_while(|l| {
            let t = l.trim();
            !t.starts_with("object:") && !t.starts_with("signatureAlgorithm:")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `openssl cms -cmsout -print` shows of the signed attributes, and
/// the ESS certificate hash compared with `openssl dgst` of the
/// certificate.
#[test]
fn openssl_prints_the_attributes_set() {
    // RSA: ESSCertIDv2 with SHA-256, hashAlgorithm left out.
    let pki = TestPki::new(KeyType::Rsa(2048));
    let party = pki.issue("Attributes", KeyType::Rsa(2048), None, &[]);
    let signer = certified(&pki, &party);
    // 2031-05-17T12:34:56Z: UTCTime.
    let sig = SignedDataBuilder::new(DOC)
        .detached(true)
        .signing_time(Some(datetime!(2031-05-17 12:34:56 UTC)))
        .add_signer(&signer)
        .build()
        .expect("signs");
    let sig_path = pki.ossl.temp_file("print", "p7s", &sig);
    let text = pki.ossl.run_text(
        &[
            "cms",
            "-cmsout",
            "-print",
            "-inform",
            "DER",
            "-in",
            &p(&sig_path),
        ],
        false,
    );
    assert!(text.contains("object: contentType (1.2.840.113549.1.9.3)"));
    assert!(text.contains("OBJECT:pkcs7-data (1.2.840.113549.1.7.1)"));
    assert!(text.contains("object: signingTime (1.2.840.113549.1.9.5)"));
    assert!(text.contains("UTCTIME:May 17 12:34:56 2031 GMT"), "{text}");
    let doc_path = pki.ossl.temp_file("doc", "bin", DOC);
    let sha256_doc = pki
        .ossl
        .run(&["dgst", "-sha256", "-binary", &p(&doc_path)], false);
    assert_eq!(
        dump_after(&text, "object: messageDigest"),
        sha256_doc,
        "message-digest"
    );
    let ess = ess_block(&text);
    let cert_hash = pki.ossl.run(
        &["dgst", "-sha256", "-binary", &p(&party.cert.der_path)],
        false,
    );
    assert!(
        ess.contains(&format!("[HEX DUMP]:{}", hex::encode_upper(&cert_hash))),
        "the ESS hash is SHA-256 of the certificate: {ess}"
    );
    // SigningCertificateV2 / certs / ESSCertIDv2 are depths 0–2; the
    // first field of ESSCertIDv2 is certHash itself.
    let first_field = ess
        .lines()
        .find(|l| l.contains(":d=3 "))
        .unwrap_or_default();
    assert!(
        first_field.contains("OCTET STRING"),
        "hashAlgorithm is omitted for SHA-256 (its DEFAULT): {ess}"
    );
    assert!(
        ess.contains(&format!(":{}", pki.ossl.serial_hex(&party.cert))),
        "issuerSerial carries the serial number: {ess}"
    );
    assert!(
        ess.contains("cont [ 4 ]"),
        "issuer as a directoryName: {ess}"
    );
    assert!(!text.contains("S/MIME Capabilities"));

    // After 2049: GeneralizedTime.
    let sig = SignedDataBuilder::new(DOC)
        .signing_time(Some(datetime!(2051-01-02 03:04:05 UTC)))
        .include_certificates(intermediate(&pki))
        .add_signer(&signer)
        .build()
        .expect("signs");
    let sig_path = pki.ossl.temp_file("print", "p7s", &sig);
    let text = pki.ossl.run_text(
        &[
            "cms",
            "-cmsout",
            "-print",
            "-inform",
            "DER",
            "-in",
            &p(&sig_path),
        ],
        false,
    );
    assert!(
        text.contains("GENERALIZEDTIME:Jan  2 03:04:05 2051 GMT"),
        "{text}"
    );
    openssl_verify(&pki, &sig, None, false).expect("openssl verifies");
}

#[test]
fn gost_ess_certificate_hash_is_streebog() {
    for (key, md) in [
        (KeyType::Gost2012_256("A"), "-md_gost12_256"),
        (KeyType::Gost2012_512("A"), "-md_gost12_512"),
    ] {
        let pki = TestPki::new(key);
        let party = pki.issue("ГОСТ ESS", key, None, &[]);
        let signer = certified(&pki, &party);
        let sig = SignedDataBuilder::new(DOC)
            .add_signer(&signer)
            .build()
            .expect("signs");
        let sig_path = pki.ossl.temp_file("print", "p7s", &sig);
        let text = pki.ossl.run_text(
            &[
                "cms",
                "-cmsout",
                "-print",
                "-inform",
                "DER",
                "-in",
                &p(&sig_path),
            ],
            true,
        );
        let ess = ess_block(&text);
        let cert_hash = pki
            .ossl
            .run(&["dgst", md, "-binary", &p(&party.cert.der_path)], true);
        assert!(
            ess.contains(&format!("[HEX DUMP]:{}", hex::encode_upper(&cert_hash))),
            "{key:?}: the ESS hash is {md} of the certificate: {ess}"
        );
        let hash_name = if md == "-md_gost12_256" {
            "GOST R 34.11-2012 with 256 bit hash"
        } else {
            "GOST R 34.11-2012 with 512 bit hash"
        };
        assert!(ess.contains(hash_name), "{key:?}: {ess}");
        let alg_name = if md == "-md_gost12_256" {
            "1.2.643.7.1.1.3.2"
        } else {
            "1.2.643.7.1.1.3.3"
        };
        assert!(
            text.contains(alg_name),
            "signatureAlgorithm id-tc26-signwithdigest: {text}"
        );
    }
}

#[test]
fn signer_named_by_subject_key_identifier() {
    let pki = TestPki::new(KeyType::EcP256);
    let party = pki.issue("SKI", KeyType::EcP256, None, &[]);
    let signer = certified(&pki, &party);
    let sig = SignedDataBuilder::new(DOC)
        .signer_identifier(SignerIdentifierChoice::SubjectKeyIdentifier)
        .include_certificates(intermediate(&pki))
        .add_signer(&signer)
        .build()
        .expect("signs");
    let signed = SignedData::parse(&sig).expect("parses");
    assert_eq!(signed.version, 3, "RFC 5652 5.1: a v3 SignerInfo");
    assert_eq!(signed.signers[0].version, 3);
    assert!(matches!(signed.signers[0].sid, SignerId::SubjectKeyId(_)));
    openssl_verify(&pki, &sig, None, false).expect("openssl verifies");
    assert_valid(&signet_validate(&trust_root(&pki), &sig, DOC));

    // A certificate without the extension cannot be named so.
    let bare = pki.issue(
        "No SKI",
        KeyType::EcP256,
        None,
        &[
            ("basicConstraints", "CA:false"),
            // OpenSSL 3 adds the identifier unless told not to.
            ("subjectKeyIdentifier", "none"),
        ],
    );
    let bare = certified(&pki, &bare);
    assert!(matches!(
        SignedDataBuilder::new(DOC)
            .signer_identifier(SignerIdentifierChoice::SubjectKeyIdentifier)
            .add_signer(&bare)
            .build(),
        Err(SignError::NoSubjectKeyIdentifier(_))
    ));
}

/// A detached signature of a 6 MiB document hashed as a stream (two
/// signers, two digests from one pass), and one from a digest the caller
/// computed.
#[test]
fn detached_signature_from_streamed_digests() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let rsa = certified(
        &pki,
        &pki.issue("Stream RSA", KeyType::Rsa(2048), None, &[]),
    );
    let gost = certified(
        &pki,
        &pki.issue("Stream GOST", KeyType::Gost2012_512("B"), None, &[]),
    );
    let big: Vec<u8> = (0..6u32 << 20).map(|i| (i % 251) as u8).collect();
    let big_path = pki.ossl.temp_file("big", "bin", &big);
    drop(big);
    let file = std::fs::File::open(&big_path).expect("open");
    let digests = ContentDigests::compute(
        file,
        &[DigestAlgorithm::Sha256, DigestAlgorithm::Streebog512],
    )
    .expect("hashes");
    let sig = SignedDataBuilder::detached_from_digests(&digests)
        .include_certificates(intermediate(&pki))
        .add_signer(&rsa)
        .add_signer(&gost)
        .build()
        .expect("signs");
    let sig_path = pki.ossl.temp_file("big", "p7s", &sig);
    pki.ossl.run(
        &[
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            &p(&sig_path),
            "-content",
            &p(&big_path),
            "-CAfile",
            &p(&pki.root.cert.pem_path),
            "-out",
            "/dev/null",
        ],
        true,
    );

    // A digest the caller computed (here: SHA-384, not the RSA default).
    let small_digest = DigestAlgorithm::Sha384.digest(DOC);
    let sig = SignedDataBuilder::detached_from_digest(DigestAlgorithm::Sha384, &small_digest)
        .add_signer(&rsa)
        .include_certificates(intermediate(&pki))
        .build()
        .expect("signs");
    assert_eq!(
        SignedData::parse(&sig).expect("parses").signers[0]
            .signature_algorithm
            .oid
            .to_string(),
        "1.2.840.113549.1.1.12",
        "sha384WithRSAEncryption"
    );
    openssl_verify(&pki, &sig, Some(DOC), false).expect("openssl verifies");
    assert_valid(&signet_validate(&trust_root(&pki), &sig, DOC));

    // What the digests cannot serve is refused.
    assert!(matches!(
        SignedDataBuilder::detached_from_digest(DigestAlgorithm::Sha256, &small_digest)
            .add_signer(&rsa)
            .build(),
        Err(SignError::DigestLength { .. })
    ));
    assert!(matches!(
        SignedDataBuilder::detached_from_digest(DigestAlgorithm::Sha256, &small_digest[..32])
            .add_signer(&gost)
            .build(),
        Err(SignError::Unsupported(_))
    ));
    assert!(matches!(
        SignedDataBuilder::detached_from_digests(&digests)
            .digest(DigestAlgorithm::Sha512)
            .add_signer(&rsa)
            .build(),
        Err(SignError::DigestMissing(_))
    ));
    assert!(matches!(
        SignedDataBuilder::detached_from_digests(&digests)
            .detached(false)
            .add_signer(&rsa)
            .build(),
        Err(SignError::ContentRequired)
    ));
}

#[test]
fn a_key_that_is_not_the_certificates_is_refused() {
    for key in [
        KeyType::Rsa(2048),
        KeyType::EcP256,
        KeyType::Ed25519,
        KeyType::Gost2012_256("A"),
        KeyType::Gost2012_512("C"),
    ] {
        let pki = TestPki::new(KeyType::EcP256);
        let a = pki.issue("A", key, None, &[]);
        let b = pki.issue("B", key, None, &[]);
        let err = CertifiedKey::from_pkcs8(certificate(&a.cert.der), &pkcs8(&pki, &b.key))
            .expect_err("B's key is not A's");
        assert!(
            matches!(err, SignError::KeyMismatch { .. }),
            "{key:?}: {err}"
        );
        assert!(err.to_string().contains("\"A\""), "{err}");
    }
    // Across algorithms.
    let pki = TestPki::new(KeyType::EcP256);
    let ec = pki.issue("EC", KeyType::EcP256, None, &[]);
    let rsa = pki.issue("RSA", KeyType::Rsa(2048), None, &[]);
    let gost = pki.issue("GOST", KeyType::Gost2012_256("A"), None, &[]);
    for (cert, key) in [(&ec, &rsa), (&rsa, &ec), (&gost, &ec), (&ec, &gost)] {
        assert!(matches!(
            CertifiedKey::from_pkcs8(certificate(&cert.cert.der), &pkcs8(&pki, &key.key)),
            Err(SignError::KeyMismatch { .. })
        ));
    }
    // A P-384 key for a P-256 certificate.
    let p384 = pki.issue("P-384", KeyType::EcP384, None, &[]);
    assert!(matches!(
        CertifiedKey::from_pkcs8(certificate(&ec.cert.der), &pkcs8(&pki, &p384.key)),
        Err(SignError::KeyMismatch { .. })
    ));
}

/// Keys read by `signet_pki::PrivateKey` (PKCS#8 PEM as
/// `openssl genpkey` writes it, and the traditional PKCS#1 / SEC1 DER of
/// OpenSSL 3.0's `pkey -outform DER`) sign through `CertifiedKey::new`.
#[test]
fn keys_read_by_the_private_key_parser_sign() {
    use signet_pki::PrivateKey;
    let pki = TestPki::new(KeyType::EcP256);
    let other = pki.issue("Other", KeyType::EcP256, None, &[]);
    for key in [
        KeyType::Rsa(2048),
        KeyType::EcP256,
        KeyType::EcP384,
        KeyType::Ed25519,
        KeyType::Gost2012_256("TCA"),
        KeyType::Gost2012_512("C"),
    ] {
        let party = pki.issue("Parsed key", key, None, &[]);
        let mut inputs = vec![std::fs::read(&party.key.path).expect("PEM key")];
        if matches!(key, KeyType::Rsa(_) | KeyType::EcP256 | KeyType::EcP384) {
            inputs.push(pki.ossl.run(
                &["pkey", "-in", &p(&party.key.path), "-outform", "DER"],
                false,
            ));
        }
        for input in inputs {
            let parsed = PrivateKey::parse(&input)
                .unwrap_or_else(|e| panic!("{key:?}: signet reads the key: {e}"));
            let signer = CertifiedKey::new(certificate(&party.cert.der), &parsed)
                .unwrap_or_else(|e| panic!("{key:?}: {e}"));
            let sig = SignedDataBuilder::new(DOC)
                .detached(true)
                .include_certificates(intermediate(&pki))
                .add_signer(&signer)
                .build()
                .unwrap_or_else(|e| panic!("{key:?}: signs: {e}"));
            if key == KeyType::Ed25519 {
                certtool_verify(&pki, &sig, Some(DOC))
                    .unwrap_or_else(|e| panic!("certtool rejects ({key:?}): {e}"));
            } else {
                openssl_verify(&pki, &sig, Some(DOC), key.is_gost())
                    .unwrap_or_else(|e| panic!("openssl rejects ({key:?}): {e}"));
            }
            assert!(matches!(
                CertifiedKey::new(certificate(&other.cert.der), &parsed),
                Err(SignError::KeyMismatch { .. })
            ));
        }
    }
}

/// A signer implementation whose key is not its certificate's: the
/// builder's check of every signature against the certificate refuses it
/// before anything is returned.
struct Impostor<'a> {
    claimed: Certificate,
    real: &'a CertifiedKey,
}

impl CmsSigner for Impostor<'_> {
    fn certificate(&self) -> &Certificate {
        &self.claimed
    }

    fn sign(&self, message: &[u8], digest: DigestAlgorithm) -> Result<Vec<u8>, SignError> {
        self.real.sign(message, digest)
    }
}

#[test]
fn a_signer_whose_signature_does_not_verify_yields_no_output() {
    let pki = TestPki::new(KeyType::Gost2012_256("A"));
    let a = pki.issue("A", KeyType::Gost2012_256("A"), None, &[]);
    let b = certified(&pki, &pki.issue("B", KeyType::Gost2012_256("A"), None, &[]));
    let impostor = Impostor {
        claimed: certificate(&a.cert.der),
        real: &b,
    };
    assert!(matches!(
        SignedDataBuilder::new(DOC).add_signer(&impostor).build(),
        Err(SignError::SelfCheck(_))
    ));
    let existing = pki.sign(
        &[&a],
        DOC,
        &SignOptions {
            md: "md_gost12_256",
            ..SignOptions::default()
        },
    );
    assert!(matches!(
        add_signer_to(&existing, Some(DOC), &impostor),
        Err(SignError::SelfCheck(_))
    ));
}

#[test]
fn unsupported_choices_and_odd_inputs_are_errors() {
    let pki = TestPki::new(KeyType::Ed25519);
    let ed = certified(&pki, &pki.issue("Ed", KeyType::Ed25519, None, &[]));
    // RFC 8419: an Ed25519 signer's digest is SHA-512.
    assert!(matches!(
        SignedDataBuilder::new(DOC)
            .digest(DigestAlgorithm::Sha256)
            .add_signer(&ed)
            .build(),
        Err(SignError::Unsupported(_))
    ));
    assert!(matches!(
        SignedDataBuilder::new(DOC).build(),
        Err(SignError::NoSigners)
    ));
    let gost_pki = TestPki::new(KeyType::Gost2012_256("A"));
    let gost = certified(
        &gost_pki,
        &gost_pki.issue("G", KeyType::Gost2012_256("A"), None, &[]),
    );
    assert!(matches!(
        SignedDataBuilder::new(DOC)
            .digest(DigestAlgorithm::Streebog512)
            .add_signer(&gost)
            .build(),
        Err(SignError::Unsupported(_))
    ));
    // Empty content is signed like any other.
    let sig = SignedDataBuilder::new(b"")
        .add_signer(&gost)
        .include_certificates(intermediate(&gost_pki))
        .build()
        .expect("signs empty content");
    assert_eq!(
        openssl_verify(&gost_pki, &sig, None, true).expect("openssl verifies"),
        b""
    );
    // Private keys that are not keys.
    let cert = gost.certificate().clone();
    let good = pkcs8(
        &gost_pki,
        &gost_pki
            .issue("H", KeyType::Gost2012_256("A"), None, &[])
            .key,
    );
    for bad in [
        &[][..],
        &[0x30, 0x00],
        &good[..good.len() - 1],
        &[0x30, 0x80, 0x00, 0x00],
        b"-----BEGIN PRIVATE KEY-----",
    ] {
        assert!(CertifiedKey::from_pkcs8(cert.clone(), bad).is_err());
    }
    // Existing signatures that are not signatures.
    for bad in [
        &[][..],
        b"not a signature",
        &[0x30, 0x03, 0x06, 0x01, 0x00],
        &sig[..sig.len() / 2],
    ] {
        assert!(add_signer_to(bad, Some(DOC), &gost).is_err());
    }
}

mod no_panic {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// One RSA signer for every case (key generation is slow).
    fn fixture() -> &'static (CertifiedKey, Vec<u8>) {
        static F: OnceLock<(CertifiedKey, Vec<u8>)> = OnceLock::new();
        F.get_or_init(|| {
            let pki = TestPki::new(KeyType::EcP256);
            let party = pki.issue("Fuzz", KeyType::EcP256, None, &[]);
            let key = certified(&pki, &party);
            let sig = pki.sign(&[&party], DOC, &SignOptions::default());
            (key, sig)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Random bytes, and a real signature with bytes changed, as the
        /// signature to co-sign: an answer, never a panic.
        #[test]
        fn co_signing_arbitrary_input(
            noise in proptest::collection::vec(any::<u8>(), 0..400),
            at in any::<usize>(),
            byte in any::<u8>(),
        ) {
            let (key, sig) = fixture();
            let _ = add_signer_to(&noise, Some(DOC), key);
            let mut edited = sig.clone();
            let i = at % edited.len();
            edited[i] = byte;
            let _ = add_signer_to(&edited, Some(DOC), key);
            let _ = add_signer_to(&edited[..i], None, key);
        }

        /// Random bytes as a PKCS#8 key.
        #[test]
        fn arbitrary_private_keys(noise in proptest::collection::vec(any::<u8>(), 0..300)) {
            let (key, _) = fixture();
            let _ = CertifiedKey::from_pkcs8(key.certificate().clone(), &noise);
        }
    }
}

/// signature-time-stamp and content-time-stamp attribute types.
const SIGNATURE_TIME_STAMP: &str = "1.2.840.113549.1.9.16.2.14";
const CONTENT_TIME_STAMP: &str = "1.2.840.113549.1.9.16.2.20";

/// `openssl ts -verify -data FILE -in TOKEN -token_in -CAfile root
/// -untrusted intermediate`: OpenSSL's own check that the token is a
/// valid TSA token over `data`.
fn openssl_ts_verify(pki: &TestPki, token: &[u8], data: &[u8]) -> Result<(), String> {
    let chain = pki
        .ossl
        .temp_file("chain", "pem", &pki.intermediate.cert.pem);
    let token = pki.ossl.temp_file("token", "der", token);
    let data = pki.ossl.temp_file("tsdata", "bin", data);
    let args = [
        OsStr::new("ts"),
        OsStr::new("-verify"),
        OsStr::new("-token_in"),
        OsStr::new("-in"),
        token.as_os_str(),
        OsStr::new("-data"),
        data.as_os_str(),
        OsStr::new("-CAfile"),
        pki.root.cert.pem_path.as_os_str(),
        OsStr::new("-untrusted"),
        chain.as_os_str(),
    ];
    pki.ossl.try_run(&args, false).map(drop)
}

/// A fresh outbound budget of the default limits: one per validation.
fn budget() -> FetchBudget {
    FetchBudget::new(FetchLimits::default())
}

/// A TSA served over HTTP by `openssl ts -reply`, and a client of it.
fn http_tsa(pki: &TestPki, tsa: &Party) -> (HttpServer, TsaClient) {
    let server = HttpServer::start();
    server.route("/tsa", Route::Handler(Arc::new(pki.tsa_responder(tsa))));
    let client = TsaClient::new(
        server.url("/tsa"),
        Arc::new(HttpFetcher::new(Duration::from_secs(10))),
    );
    (server, client)
}

#[test]
fn cades_t_with_tokens_from_an_openssl_tsa_over_http() {
    for key in [KeyType::Rsa(2048), KeyType::EcP256] {
        let pki = TestPki::new(key);
        let party = pki.issue("Подписант", key, None, &[]);
        let signer = certified(&pki, &party);
        let tsa = pki.tsa(key);
        let (server, client) = http_tsa(&pki, &tsa);
        let before = now();
        let sig = SignedDataBuilder::new(DOC)
            .detached(true)
            .signing_time(Some(before))
            .include_certificates(intermediate(&pki))
            .signature_timestamp(Some(&client))
            .content_timestamp(Some(&client))
            .add_signer(&signer)
            .build()
            .expect("signs with time-stamps");
        assert_eq!(
            server.hits("/tsa"),
            2,
            "one content and one signature token"
        );
        assert_der(&sig);
        // OpenSSL verifies the signature (the unsigned attribute is not
        // signed) and each token over what CAdES says it covers.
        openssl_verify(&pki, &sig, Some(DOC), false).expect("openssl cms verifies");
        let sts = der_tree::attribute_value(&sig, 0, false, SIGNATURE_TIME_STAMP)
            .expect("signature-time-stamp");
        let value = der_tree::signature_value(&sig, 0);
        openssl_ts_verify(&pki, &sts, &value).expect("openssl: the token covers the signature");
        assert!(openssl_ts_verify(&pki, &sts, DOC).is_err());
        let cts = der_tree::attribute_value(&sig, 0, true, CONTENT_TIME_STAMP)
            .expect("content-time-stamp");
        openssl_ts_verify(&pki, &cts, DOC).expect("openssl: the token covers the content");
        // signet reads it as CAdES-T, the time-stamp valid and recent.
        let report = signet_validate(&trust_root(&pki), &sig, DOC);
        assert_valid(&report);
        let s = &report.signers[0];
        assert_eq!(s.cades, Some(CadesLevel::T), "{key:?}");
        let ts = s.timestamp.as_ref().expect("time-stamp report");
        assert_eq!(ts.result, Ok(()));
        assert!(
            (ts.time - before).whole_seconds().abs() < 120,
            "{:?}",
            ts.time
        );
    }
}

#[test]
fn a_tsa_that_fails_is_an_error_not_a_signature() {
    let pki = TestPki::new(KeyType::EcP256);
    let party = pki.issue("Подписант", KeyType::EcP256, None, &[]);
    let signer = certified(&pki, &party);
    let tsa = pki.tsa(KeyType::EcP256);
    let server = HttpServer::start();
    let client = |path: &str, timeout: u64| {
        TsaClient::new(
            server.url(path),
            Arc::new(HttpFetcher::new(Duration::from_secs(timeout))),
        )
    };
    // A reply made by a real TSA, but to another request.
    let respond = pki.tsa_responder(&tsa);
    let other = TimestampRequest::new(DigestAlgorithm::Sha256, &[7; 32], [1; 8], None);
    server.route("/other", Route::Ok(respond(other.der())));
    server.route("/down", Route::Status(503));
    server.route("/html", Route::Ok(b"<html>busy</html>".to_vec()));
    server.route("/hang", Route::Hang);
    // OpenSSL refuses a SHA-224 imprint (not in its `digests`).
    server.route("/tsa", Route::Handler(Arc::new(respond)));
    let cases: [(TsaClient, &str); 5] = [
        (client("/other", 10), "does not match the request"),
        (client("/down", 10), "HTTP 503"),
        (client("/html", 10), "cannot be read"),
        (client("/hang", 1), "timed out"),
        (
            client("/tsa", 10).with_digest(DigestAlgorithm::Sha224),
            "/tsa: rejection (2)",
        ),
    ];
    for (tsa_client, expected) in &cases {
        let err = SignedDataBuilder::new(DOC)
            .signature_timestamp(Some(tsa_client))
            .add_signer(&signer)
            .build()
            .expect_err("no signature without its time-stamp")
            .to_string();
        assert!(err.contains(expected), "{}: {err}", tsa_client.url());
    }
}

/// The attribute's attrType and attrValues (one value), as the CAdES-C
/// time-stamp imprints them, rebuilt with the DER tree.
fn attribute_body(oid: &str, value: &[u8]) -> Vec<u8> {
    let mut body = der_tree::oid(oid).to_der();
    body.extend(Node::constructed_of(0x31, vec![Node::parse(value)]).to_der());
    body
}

#[test]
fn cades_x_long_type1_keeps_crl_and_ocsp_evidence() {
    use signet_pki::gather_validation_data;
    use signet_pki::{Evidence, RevocationChecker, RevocationConfig};
    const CERT_REFS: &str = "1.2.840.113549.1.9.16.2.21";
    const REV_REFS: &str = "1.2.840.113549.1.9.16.2.22";
    const REV_VALUES: &str = "1.2.840.113549.1.9.16.2.24";
    const ESC: &str = "1.2.840.113549.1.9.16.2.25";

    let pki = TestPki::new(KeyType::Rsa(2048));
    let port = test_support::net::free_port();
    let aia = format!("OCSP;URI:http://127.0.0.1:{port}");
    let party = pki.issue(
        "Довгостроковий підписувач",
        KeyType::Rsa(2048),
        None,
        &[("authorityInfoAccess", aia.as_str())],
    );
    let signer = certified(&pki, &party);
    let tsa = pki.tsa(KeyType::Rsa(2048));
    let (server, client) = http_tsa(&pki, &tsa);
    // The intermediate is trusted: the path is the signer and it.
    let trust = TrustStore::from_certificates([
        certificate(&pki.root.cert.der),
        certificate(&pki.intermediate.cert.der),
    ]);
    for ocsp in [false, true] {
        // A client of its own per case: it remembers that the responder
        // refused the connection in the CRL case.
        let fetcher = Arc::new(HttpFetcher::new(Duration::from_secs(5)));
        let crl_dir = tempfile::tempdir().expect("dir");
        let crl = pki.crl();
        std::fs::write(crl_dir.path().join("ca.crl"), &crl).expect("write");
        // The CRL case: no responder listens, so OCSP fails and the CRL
        // directory answers.
        let responder = ocsp.then(|| pki.ocsp_responder(port));
        let checker = RevocationChecker::new(
            RevocationConfig {
                crl_dir: (!ocsp).then(|| crl_dir.path().to_path_buf()),
                ..RevocationConfig::default()
            },
            fetcher.clone(),
        );
        let cert = certificate(&party.cert.der);
        let data = gather_validation_data(
            &cert,
            &[],
            &trust,
            &Offline,
            &checker.within(&budget()),
            now(),
        )
        .expect("validation data");
        assert_eq!(data.path.len(), 2);
        match (&data.revocation[..], ocsp) {
            ([Evidence::Crl(der)], false) => assert_eq!(der, &crl),
            ([Evidence::Ocsp(_)], true) => {}
            (other, _) => panic!("ocsp {ocsp}: {other:?}"),
        }
        drop(responder);
        let hits = server.hits("/tsa");
        let sig = SignedDataBuilder::new(DOC)
            .detached(true)
            .signing_time(Some(now()))
            .signature_timestamp(Some(&client))
            .long_term(std::slice::from_ref(&data))
            .add_signer(&signer)
            .build()
            .expect("CAdES-X Long");
        assert_eq!(
            server.hits("/tsa"),
            hits + 2,
            "signature and CAdES-C tokens"
        );
        assert_der(&sig);
        let case = if ocsp { "OCSP" } else { "CRL" };
        let root_and_ca = pki
            .ossl
            .temp_file("roots", "pem", &pki.intermediate.cert.pem);
        let signature = pki.ossl.temp_file("xl", "p7s", &sig);
        let content = pki.ossl.temp_file("doc", "bin", DOC);
        let args = [
            OsStr::new("cms"),
            OsStr::new("-verify"),
            OsStr::new("-binary"),
            OsStr::new("-inform"),
            OsStr::new("DER"),
            OsStr::new("-in"),
            signature.as_os_str(),
            OsStr::new("-content"),
            content.as_os_str(),
            OsStr::new("-CAfile"),
            root_and_ca.as_os_str(),
            OsStr::new("-partial_chain"),
        ];
        if let Err(refusal) = pki.ossl.try_run(&args, false) {
            panic!("{case}: {refusal}");
        }

        // OpenSSL checks the CAdES-C time-stamp over the data ETSI defines,
        // rebuilt here from the signature with the DER tree.
        let value = |oid: &str| der_tree::attribute_value(&sig, 0, false, oid).expect(oid);
        let mut esc_data = der_tree::signature_value(&sig, 0);
        for oid in [SIGNATURE_TIME_STAMP, CERT_REFS, REV_REFS] {
            esc_data.extend(attribute_body(oid, &value(oid)));
        }
        openssl_ts_verify(&pki, &value(ESC), &esc_data)
            .unwrap_or_else(|e| panic!("{case}: the CAdES-C time-stamp: {e}"));
        let values = Node::parse(&value(REV_VALUES));
        assert_eq!(
            values.children[0].tag,
            if ocsp { 0xA1 } else { 0xA0 },
            "{case}"
        );

        // signet, offline, with only what the signature carries: CAdES-X
        // Long Type 1, and the revocation status read from its values.
        let offline = RevocationChecker::new(
            RevocationConfig {
                fetch: false,
                ..RevocationConfig::default()
            },
            fetcher.clone(),
        );
        let signed = SignedData::parse(&sig).expect("parses");
        let digests = ContentDigests::of_bytes(DOC, &signed.digest_algorithms());
        let report = Validator {
            trust: &trust,
            issuers: &Offline,
            revocation: Some(offline.within(&budget())),
        }
        .validate(
            &signed,
            Content {
                digests: &digests,
                bytes: Some(DOC),
            },
            &ValidationOptions::full(OffsetDateTime::now_utc()),
        );
        assert_valid(&report);
        let s = &report.signers[0];
        assert!(
            s.long_term_problems.is_empty(),
            "{case}: {:?}",
            s.long_term_problems
        );
        assert_eq!(s.cades, Some(CadesLevel::XLongType1), "{case}");
    }
}

#[test]
fn cades_x_long_needs_a_good_status_and_a_tsa() {
    use signet_pki::gather_validation_data;
    use signet_pki::{RevocationChecker, RevocationConfig};
    let pki = TestPki::new(KeyType::EcP256);
    let party = pki.issue("Відкликаний", KeyType::EcP256, None, &[]);
    let cert = certificate(&party.cert.der);
    let trust = TrustStore::from_certificates([
        certificate(&pki.root.cert.der),
        certificate(&pki.intermediate.cert.der),
    ]);
    let fetcher = Arc::new(HttpFetcher::new(Duration::from_secs(5)));
    let crl_dir = tempfile::tempdir().expect("dir");
    let checker = RevocationChecker::new(
        RevocationConfig {
            crl_dir: Some(crl_dir.path().to_path_buf()),
            ..RevocationConfig::default()
        },
        fetcher,
    );
    // No CRL at all: unknown.
    let err = gather_validation_data(
        &cert,
        &[],
        &trust,
        &Offline,
        &checker.within(&budget()),
        now(),
    )
    .expect_err("unknown status")
    .to_string();
    assert!(err.contains("is unknown"), "{err}");
    // Good: but the builder without a TSA refuses.
    std::fs::write(crl_dir.path().join("ca.crl"), pki.crl()).expect("write");
    let data = gather_validation_data(
        &cert,
        &[],
        &trust,
        &Offline,
        &checker.within(&budget()),
        now(),
    )
    .expect("good");
    let signer = certified(&pki, &party);
    let err = SignedDataBuilder::new(DOC)
        .long_term(std::slice::from_ref(&data))
        .add_signer(&signer)
        .build()
        .expect_err("no TSA")
        .to_string();
    assert!(err.contains("CAdES-X Long"), "{err}");
    // Revoked: refused, with the date.
    pki.revoke(&party, "keyCompromise");
    std::fs::write(crl_dir.path().join("ca.crl"), pki.crl()).expect("write");
    let fresh = RevocationChecker::new(
        RevocationConfig {
            crl_dir: Some(crl_dir.path().to_path_buf()),
            ..RevocationConfig::default()
        },
        Arc::new(HttpFetcher::new(Duration::from_secs(5))),
    );
    let err = gather_validation_data(
        &cert,
        &[],
        &trust,
        &Offline,
        &fresh.within(&budget()),
        now(),
    )
    .expect_err("revoked")
    .to_string();
    assert!(err.contains("was revoked"), "{err}");
}
