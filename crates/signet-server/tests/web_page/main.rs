//! The web page for people (`/`, `/web/verify`, `/web/certificate`): over
//! the router with signatures made by `openssl cms -sign` on a test PKI —
//! a valid one, a tampered document, an expired signer, an untrusted root,
//! a revoked signer, malformed uploads, a document streamed past the small
//! body limits — and in headless Chromium (Debian's `/usr/bin/chromium`,
//! driven by `tests/web/page.mjs` with `playwright-core`), which uploads a
//! valid and a tampered signature, reads the verdicts, reads a certificate
//! in Ukrainian and English, and keeps screenshots under
//! `$CARGO_TARGET_DIR/web-artifacts/`.

mod browser;
mod certificates;
mod serving;
mod uploads;
mod verdicts;

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use signet_pki::{Certificate, TrustStore};
use signet_pki::{Engine, RevocationMode};
use signet_server::{AppState, ServerConfig, app};
use signet_store::SqliteStore;
use test_support::pki::{Party, SignOptions, TestPki};
use test_support::{CertSpec, KeyType};
use tower::ServiceExt;

const DOC: &[u8] = b"%PDF-1.4 \xd0\x94\xd0\xbe\xd0\xb3\xd0\xbe\xd0\xb2\xd1\x96\xd1\x80 (a contract), signet web page test";
const BOUNDARY: &str = "signet-test-boundary-5b1e7c";
const SIGNER_NAME: &str = "Иванова Мария Петровна";

struct Env {
    state: AppState,
    pki: TestPki,
    signer: Party,
    _dir: tempfile::TempDir,
}

async fn state_with(trusted: &[u8], config: ServerConfig) -> (AppState, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("dir");
    let store = SqliteStore::open(&dir.path().join("s.db"))
        .await
        .expect("sqlite");
    let trust = TrustStore::from_certificates([Certificate::parse(trusted).expect("root")]);
    (AppState::new(config, Arc::new(store), trust), dir)
}

fn config() -> ServerConfig {
    ServerConfig::new("127.0.0.1:0".parse().expect("addr"))
}

/// A signer with the Russian identifiers a person looks for.
fn signer(pki: &TestPki) -> Party {
    let key = pki.ossl.generate_key(KeyType::Rsa(2048));
    let spec = CertSpec::new()
        .subject("C", "RU")
        .subject("O", "ООО «Ромашка»")
        .subject("title", "Главный бухгалтер")
        .subject("SN", "Иванова")
        .subject("GN", "Мария Петровна")
        .subject("CN", SIGNER_NAME)
        .subject("INN", "771234567890")
        .subject("SNILS", "11223344595")
        .subject("OGRN", "1027700132195")
        .extension("basicConstraints", "CA:false")
        .extension("keyUsage", "critical, digitalSignature, nonRepudiation")
        .extension("subjectKeyIdentifier", "hash")
        .extension("authorityKeyIdentifier", "keyid");
    let cert = pki
        .ossl
        .issue(&pki.intermediate.cert, &pki.intermediate.key, &key, &spec);
    Party { cert, key }
}

async fn env() -> Env {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = signer(&pki);
    let (state, dir) = state_with(&pki.root.cert.der, config()).await;
    Env {
        state,
        pki,
        signer,
        _dir: dir,
    }
}

fn cades() -> SignOptions {
    SignOptions {
        cades: true,
        ..SignOptions::default()
    }
}

/// A multipart/form-data body of `parts` (name, file name, bytes).
fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn send(state: AppState, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let resp = app(state).oneshot(req).await.expect("response");
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    (status, headers, body)
}

fn verify_request(body: impl Into<Body>) -> Request<Body> {
    Request::post("/web/verify")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body.into())
        .expect("request")
}

async fn verify(state: AppState, parts: &[(&str, Option<&str>, &[u8])]) -> (StatusCode, Value) {
    let (status, _, body) = send(state, verify_request(multipart(parts))).await;
    (status, json(&body))
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(bytes)))
}

fn statuses(signer: &Value) -> Vec<String> {
    signer["chain"]
        .as_array()
        .expect("chain")
        .iter()
        .map(|l| l["status"].as_str().expect("status").to_owned())
        .collect()
}

fn codes(signer: &Value) -> Vec<String> {
    signer["chain"]
        .as_array()
        .expect("chain")
        .iter()
        .map(|l| l["code"].as_str().expect("code").to_owned())
        .collect()
}
