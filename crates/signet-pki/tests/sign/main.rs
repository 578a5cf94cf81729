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

#[path = "../common/mod.rs"]
mod common;

mod algorithms;
mod attributes;
mod cades_t;
mod co_signing;
mod inputs;
mod keys;
mod x_long;

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
