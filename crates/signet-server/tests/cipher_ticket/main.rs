//! The Cipher BIS ticket API through the router: whole flows with key
//! containers made by OpenSSL (RSA) and gost-engine (GOST), signatures
//! checked by `openssl cms -verify`, and the failures a client meets; the
//! shares of tickets per client, and what the logs say of tickets.

mod cades;
mod dstu;
mod failures;
mod flows;
mod isolation;
mod protected;
mod shares;
mod ticket_logs;

#[path = "../common/logs.rs"]
mod logs;

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use signet_pki::{Certificate, TrustStore};
use signet_server::{AppState, ServerConfig, app};
use signet_store::SqliteStore;
use test_support::KeyType;
use test_support::pki::{Party, TestPki};
use tower::ServiceExt;

const DOC: &[u8] = b"signet ticket test document \xd0\xb4\xd0\xbe\xd0\xba";
const PASSWORD: &str = "пароль 12345";

async fn state_with(dir: &tempfile::TempDir, pki: &TestPki, config: ServerConfig) -> AppState {
    state_trusting(dir, &pki.root.cert.der, config).await
}

/// A service on SQLite in `dir` whose trust store holds `trusted` (DER).
async fn state_trusting(dir: &tempfile::TempDir, trusted: &[u8], config: ServerConfig) -> AppState {
    let store = SqliteStore::open(&dir.path().join("s.db"))
        .await
        .expect("sqlite");
    let trust = TrustStore::from_certificates([Certificate::parse(trusted).expect("trusted")]);
    AppState::new(config, Arc::new(store), trust)
}

fn config() -> ServerConfig {
    let mut config = ServerConfig::new("127.0.0.1:0".parse().expect("addr"));
    config.time_zone = jiff::tz::TimeZone::get("Europe/Kyiv").expect("tz");
    config
}

struct Client {
    state: AppState,
    lang: &'static str,
}

struct Answer {
    status: StatusCode,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}), status {}: {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    fn ok(self) -> Value {
        assert_eq!(
            self.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        self.json()
    }
}

impl Client {
    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("accept-language", self.lang);
        let body = match body {
            Some(v) => {
                req = req.header("content-type", "application/json");
                Body::from(v.to_string())
            }
            None => Body::empty(),
        };
        self.send(req.body(body).expect("request")).await
    }

    async fn raw(&self, method: &str, path: &str, bytes: Vec<u8>) -> Answer {
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header("content-type", "application/octet-stream")
            .body(Body::from(bytes))
            .expect("request");
        self.send(req).await
    }

    async fn send(&self, req: Request<Body>) -> Answer {
        let resp = app(self.state.clone())
            .oneshot(req)
            .await
            .expect("response");
        let status = resp.status();
        let body = resp
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        Answer { status, body }
    }

    async fn open(&self) -> String {
        let v = self.call("POST", "/api/v1/ticket", None).await.ok();
        v["ticketUuid"].as_str().expect("ticketUuid").to_owned()
    }

    /// `POST data`: the document to sign or verify.
    async fn data(&self, t: &str, bytes: Vec<u8>) -> Answer {
        self.raw("POST", &format!("/api/v1/ticket/{t}/data"), bytes)
            .await
    }

    /// `PUT option` with these options.
    async fn option(&self, t: &str, options: Value) -> Answer {
        self.call("PUT", &format!("/api/v1/ticket/{t}/option"), Some(options))
            .await
    }

    /// `PUT keyStore` as JSON (`base64Data`, `certificates`).
    async fn key_store(&self, t: &str, body: Value) -> Answer {
        self.call("PUT", &format!("/api/v1/ticket/{t}/keyStore"), Some(body))
            .await
    }

    /// `PUT keyStore` as the container's bytes.
    async fn key_store_bytes(&self, t: &str, bytes: Vec<u8>) -> Answer {
        self.raw("PUT", &format!("/api/v1/ticket/{t}/keyStore"), bytes)
            .await
    }

    /// Polls `GET ds/creator` until it is no longer 202.
    async fn creator_result(&self, t: &str) -> Answer {
        for _ in 0..600 {
            let a = self
                .call("GET", &format!("/api/v1/ticket/{t}/ds/creator"), None)
                .await;
            if a.status != StatusCode::ACCEPTED {
                return a;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("signing did not finish");
    }

    async fn sign(&self, t: &str, password: &str) -> Answer {
        self.call(
            "POST",
            &format!("/api/v1/ticket/{t}/ds/creator"),
            Some(json!({"keyStorePassword": password})),
        )
        .await
        .ok();
        self.creator_result(t).await
    }

    async fn signature(&self, t: &str) -> Vec<u8> {
        let v = self
            .call("GET", &format!("/api/v1/ticket/{t}/ds/base64Data"), None)
            .await
            .ok();
        B64.decode(v["base64Data"].as_str().expect("base64Data"))
            .expect("base64")
    }

    async fn verify(&self, t: &str) -> Answer {
        self.call("POST", &format!("/api/v1/ticket/{t}/ds/verifier"), None)
            .await
            .ok();
        self.call("GET", &format!("/api/v1/ticket/{t}/ds/verifier"), None)
            .await
    }
}

/// A PKCS#12 of `party`'s key and certificate (and the intermediate), made
/// by `openssl pkcs12 -export`.
fn pkcs12(pki: &TestPki, party: &Party, extra: &[&str]) -> Vec<u8> {
    pki.ossl.pkcs12_export(
        &party.key,
        &party.cert,
        Some(&pki.intermediate.cert),
        PASSWORD,
        extra,
    )
}

/// `openssl cms -verify` of a signature, with the gost engine for GOST.
fn openssl_verifies(pki: &TestPki, sig: &[u8], content: Option<&[u8]>, gost: bool) -> Vec<u8> {
    let dir = pki.ossl.dir();
    let sig_path = dir.join("ticket-sig.p7s");
    std::fs::write(&sig_path, sig).expect("write");
    let out = dir.join("ticket-out.bin");
    // The root and the intermediate as trusted (a detached signature made
    // with embedCertificateType signerCert carries only the signer's).
    let chain = dir.join("ticket-chain.pem");
    let mut pem = std::fs::read(&pki.root.cert.pem_path).expect("root");
    pem.extend(std::fs::read(&pki.intermediate.cert.pem_path).expect("intermediate"));
    std::fs::write(&chain, pem).expect("write");
    let mut args: Vec<String> = vec![
        "cms".into(),
        "-verify".into(),
        "-binary".into(),
        "-cades".into(),
        "-inform".into(),
        "DER".into(),
        "-in".into(),
        sig_path.display().to_string(),
        "-CAfile".into(),
        chain.display().to_string(),
        "-out".into(),
        out.display().to_string(),
    ];
    if let Some(c) = content {
        let p = dir.join("ticket-content.bin");
        std::fs::write(&p, c).expect("write");
        args.extend(["-content".into(), p.display().to_string()]);
    }
    pki.ossl.run(&args, gost);
    std::fs::read(&out).expect("verified content")
}
