//! The Cipher BIS ticket API through the router: whole flows with key
//! containers made by OpenSSL (RSA) and gost-engine (GOST), signatures
//! checked by `openssl cms -verify`, and the failures a client meets.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use signet_pki::HttpFetcher;
use signet_pki::TsaClient;
use signet_pki::{Certificate, TrustStore};
use signet_server::cipher::ticket::protected::Protection;
use signet_server::{AppState, ServerConfig, app};
use signet_store::SqliteStore;
use test_support::KeyType;
use test_support::net::{HttpServer, Route};
use test_support::pki::{Party, TestPki};
use test_support::ua_testdata::{jkurwa_signing_certificate, jkurwa_verifies, ua};
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

async fn sign_and_check(pki: &TestPki, signer: &Party, container: Vec<u8>, gost: bool) {
    let dir = tempfile::tempdir().expect("dir");
    let c = Client {
        state: state_with(&dir, pki, config()).await,
        lang: "uk",
    };
    let t = c.open().await;
    c.data(&t, DOC.to_vec()).await.ok();
    c.key_store(&t, json!({"base64Data": B64.encode(&container)}))
        .await
        .ok();

    // Certificate info, as the spec's example renders it.
    let info = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/signature"),
            Some(json!({"keyStorePassword": PASSWORD})),
        )
        .await
        .ok();
    let cert = Certificate::parse(&signer.cert.der).expect("cert");
    let owner = &info["ownerCertificateInfo"];
    assert_eq!(owner["description"], "Власник");
    assert_eq!(
        owner["value"]["ownerFullName"]["value"],
        cert.fields().subject.get(&signet_pki::ids::CN).expect("cn")
    );
    let serial = info["certificateSerialNumber"]["value"]
        .as_str()
        .expect("serial");
    assert_eq!(
        serial.replace(' ', ""),
        hex::encode_upper(&cert.fields().serial_number)
    );
    assert!(
        info["notAfter"]["value"]
            .as_str()
            .is_some_and(|d| d.contains("EET") || d.contains("EEST")),
        "{info}"
    );
    // The spec's example path is the same call.
    let again = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificateInfo/signature"),
            Some(json!({"keyStorePassword": PASSWORD})),
        )
        .await
        .ok();
    assert_eq!(again, info);

    // Detached (the default), then attached.
    let made = c.sign(&t, PASSWORD).await.ok();
    assert_eq!(made["message"], "Електронний підпис успішно створений.");
    let detached = c.signature(&t).await;
    assert_eq!(openssl_verifies(pki, &detached, Some(DOC), gost), DOC);

    c.option(
        &t,
        json!({"signatureType": "attached", "embedCertificateType": "signerAndCaCert"}),
    )
    .await
    .ok();
    c.sign(&t, PASSWORD).await.ok();
    let attached = c.signature(&t).await;
    assert_eq!(openssl_verifies(pki, &attached, None, gost), DOC);

    // signet's own verification of what it made.
    let v = c.verify(&t).await.ok();
    assert_eq!(v["message"], "Цифровий підпис дійсний.");
    let r = &v["verifyResults"][0];
    assert_eq!(r["status"], "SUCCESS", "{v}");
    assert_eq!(r["isValid"], true);
    assert_eq!(r["isUntrustedValid"], true);
    assert_eq!(r["signatureType"], "CAdES-BES");
    assert!(r["signingDateTime"].is_string());
    assert_eq!(r["signerInfo"], info);

    c.call("DELETE", &format!("/api/v1/ticket/{t}"), None)
        .await
        .ok();
    let gone = c
        .call("GET", &format!("/api/v1/ticket/{t}/ds/base64Data"), None)
        .await;
    assert_eq!(gone.status, StatusCode::BAD_REQUEST);
    assert_eq!(gone.json()["message"], "Сесія відсутня.");
}

#[tokio::test]
async fn rsa_pkcs12_made_by_openssl_signs_and_verifies() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = pki.issue("Тестовий Підписувач", KeyType::Rsa(2048), None, &[]);
    let p12 = pkcs12(&pki, &signer, &[]);
    sign_and_check(&pki, &signer, p12, false).await;
}

#[tokio::test]
async fn gost_pkcs12_made_by_gost_engine_signs_and_verifies() {
    let pki = TestPki::new(KeyType::Gost2012_256("A"));
    let signer = pki.issue("Тестовий ГОСТ", KeyType::Gost2012_256("A"), None, &[]);
    let p12 = pkcs12(
        &pki,
        &signer,
        &[
            "-keypbe",
            "gost89",
            "-certpbe",
            "gost89",
            "-macalg",
            "md_gost12_512",
        ],
    );
    sign_and_check(&pki, &signer, p12, true).await;
}

#[tokio::test]
async fn failures_answer_in_the_vendors_shapes() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let signer = pki.issue(
        "Signer",
        KeyType::EcP256,
        None,
        &[("keyUsage", "critical, digitalSignature, nonRepudiation")],
    );
    let p12 = pkcs12(&pki, &signer, &[]);
    let mut c = Client {
        state: state_with(&dir, &pki, config()).await,
        lang: "ru-RU,ru;q=0.9",
    };
    // Unknown ticket: 400 {message}, in the user's language.
    let a = c
        .call(
            "PUT",
            "/api/v1/ticket/00000000-0000-0000-0000-000000000000/option",
            Some(json!({})),
        )
        .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(a.json(), json!({"message": "Сессия отсутствует."}));
    c.lang = "en";

    let t = c.open().await;
    // Signing before a container is uploaded.
    let a = c
        .call(
            "POST",
            &format!("/api/v1/ticket/{t}/ds/creator"),
            Some(json!({"keyStorePassword": PASSWORD})),
        )
        .await;
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(a.json()["failureCause"].as_str().is_some());

    c.key_store_bytes(&t, p12.clone()).await.ok();
    // Wrong password: 500 {message, failureCause}.
    let a = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/signature"),
            Some(json!({"keyStorePassword": "wrong"})),
        )
        .await;
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
    let v = a.json();
    assert!(v["message"].is_string());
    assert!(
        v["failureCause"]
            .as_str()
            .expect("cause")
            .contains("wrong password"),
        "{v}"
    );
    // A signing-only certificate has no key-agreement key: {}.
    let none = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/keyAgreement"),
            Some(json!({"keyStorePassword": PASSWORD})),
        )
        .await
        .ok();
    assert_eq!(none, json!({}));
    let bad_type = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/other"),
            Some(json!({"keyStorePassword": PASSWORD})),
        )
        .await;
    assert_eq!(bad_type.status, StatusCode::BAD_REQUEST);

    // Signing with the wrong password fails at GET ds/creator.
    c.data(&t, DOC.to_vec()).await.ok();
    let a = c.sign(&t, "wrong").await;
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(a.json()["message"], "The signature was not created.");

    // A bad option value changes nothing.
    let a = c.option(&t, json!({"signatureType": "enveloping"})).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);

    // A signature over other data: 406 with the reason per signer.
    c.sign(&t, PASSWORD).await.ok();
    c.data(&t, b"other data".to_vec()).await.ok();
    let a = c.verify(&t).await;
    assert_eq!(a.status, StatusCode::NOT_ACCEPTABLE);
    let v = a.json();
    assert_eq!(v["message"], "The signature is not valid.");
    assert_eq!(v["verifyResults"][0]["status"], "FAILURE");
    assert_eq!(v["verifyResults"][0]["isValid"], false);
    assert_eq!(v["verifyResults"][0]["isUntrustedValid"], false);

    // Garbage as a signature.
    c.raw(
        "POST",
        &format!("/api/v1/ticket/{t}/ds/data"),
        b"not a signature".to_vec(),
    )
    .await
    .ok();
    let a = c.verify(&t).await;
    assert_eq!(a.status, StatusCode::NOT_ACCEPTABLE);
    assert!(a.json()["failureCause"].as_str().is_some());

    // CAdES-X Long on a service that checks no revocation: refused, and
    // says why.
    c.option(&t, json!({"cadesType": "CAdESXLong"})).await.ok();
    let a = c.sign(&t, PASSWORD).await;
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        a.json()["failureCause"]
            .as_str()
            .expect("cause")
            .contains("revocation checking is off")
    );
}

#[tokio::test]
async fn tickets_expire_when_idle() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let mut config = config();
    config.ticket_idle = Duration::from_millis(300);
    let c = Client {
        state: state_with(&dir, &pki, config).await,
        lang: "uk",
    };
    let t = c.open().await;
    c.data(&t, DOC.to_vec()).await.ok();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let a = c.data(&t, DOC.to_vec()).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(a.json()["message"], "Сесія відсутня.");
}

/// Nothing crosses a ticket boundary: a ticket holding data, a key
/// container and a signature lends none of them to another ticket, and
/// deleting the other ticket leaves it whole.
#[tokio::test]
async fn nothing_crosses_a_ticket_boundary() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = pki.issue("Власник квитка", KeyType::Rsa(2048), None, &[]);
    let p12 = pkcs12(&pki, &signer, &[]);
    let c = Client {
        state: state_with(&dir, &pki, config()).await,
        lang: "en",
    };
    let (a, b) = (c.open().await, c.open().await);
    assert_ne!(a, b);
    c.raw("POST", &format!("/api/v1/ticket/{a}/data"), DOC.to_vec())
        .await
        .ok();
    c.raw("PUT", &format!("/api/v1/ticket/{a}/keyStore"), p12)
        .await
        .ok();
    let password = json!({"keyStorePassword": PASSWORD});
    c.call(
        "POST",
        &format!("/api/v1/ticket/{a}/ds/creator"),
        Some(password.clone()),
    )
    .await;
    assert_eq!(c.creator_result(&a).await.status, StatusCode::OK);
    let signed = c
        .call("GET", &format!("/api/v1/ticket/{a}/ds/base64Data"), None)
        .await
        .ok();
    assert!(signed["base64Data"].is_string(), "{signed}");

    // Ticket B sees no data, no container, no signature of A's.
    let info = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{b}/keyStore/certificate/info/signature"),
            Some(password.clone()),
        )
        .await;
    assert!(
        !String::from_utf8_lossy(&info.body).contains("Власник квитка"),
        "{}",
        String::from_utf8_lossy(&info.body)
    );
    let start = c
        .call(
            "POST",
            &format!("/api/v1/ticket/{b}/ds/creator"),
            Some(password.clone()),
        )
        .await;
    if start.status.is_success() {
        let done = c.creator_result(&b).await;
        assert_ne!(
            done.status,
            StatusCode::OK,
            "B signed with A's key and data"
        );
    }
    for path in ["ds/base64Data", "ds/data"] {
        let got = c
            .call("GET", &format!("/api/v1/ticket/{b}/{path}"), None)
            .await;
        assert_ne!(
            got.status,
            StatusCode::OK,
            "{path} of B: {}",
            String::from_utf8_lossy(&got.body)
        );
    }
    // Deleting B leaves A whole.
    c.call("DELETE", &format!("/api/v1/ticket/{b}"), None)
        .await
        .ok();
    let again = c
        .call("GET", &format!("/api/v1/ticket/{a}/ds/base64Data"), None)
        .await
        .ok();
    assert_eq!(again["base64Data"], signed["base64Data"]);
}

/// Seals `plain` as `encryptedData`: AES-256-GCM by aws-lc, nonce first.
fn seal(key: &[u8; 32], plain: &[u8]) -> String {
    use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
    let k = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).expect("key"));
    let nonce = [0x42u8; 12];
    let mut data = plain.to_vec();
    k.seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut data)
        .expect("seal");
    let mut out = nonce.to_vec();
    out.extend(data);
    B64.encode(out)
}

/// `secretKey`: the key in CMS EnvelopedData made by `openssl cms -encrypt`.
fn wrap_key(pki: &TestPki, recipient: &Path, key: &[u8; 32]) -> String {
    let dir = pki.ossl.dir();
    let input = dir.join("protected-key.bin");
    std::fs::write(&input, key).expect("write");
    let out = dir.join("protected-key.p7m");
    pki.ossl.run(
        &[
            "cms",
            "-encrypt",
            "-binary",
            "-aes-256-cbc",
            "-recip",
            &recipient.display().to_string(),
            "-in",
            &input.display().to_string(),
            "-outform",
            "DER",
            "-out",
            &out.display().to_string(),
        ],
        false,
    );
    B64.encode(std::fs::read(&out).expect("p7m"))
}

#[tokio::test]
async fn a_protected_parameter_wins_over_an_open_one() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = pki.issue("Protected Signer", KeyType::Rsa(2048), None, &[]);
    let service = pki.issue("signet protection", KeyType::Rsa(2048), None, &[]);
    let protection = Protection::load(
        &std::fs::read(&service.cert.pem_path).expect("cert"),
        &std::fs::read(&service.key.path).expect("key"),
    )
    .expect("protection");
    let p12 = pkcs12(&pki, &signer, &[]);
    let c = Client {
        state: state_with(&dir, &pki, config())
            .await
            .with_protection(protection),
        lang: "en",
    };
    let cert = c
        .call("GET", "/api/v1/protectedParameters/certificate", None)
        .await
        .ok();
    assert_eq!(
        B64.decode(cert["base64Data"].as_str().expect("b64"))
            .expect("der"),
        service.cert.der
    );
    let t = c.open().await;
    c.key_store_bytes(&t, p12).await.ok();
    let key = [0x17u8; 32];
    let secret_key = wrap_key(&pki, &service.cert.pem_path, &key);
    let path = format!("/api/v1/ticket/{t}/keyStore/certificate/info/signature");
    // The open password is wrong; the protected one is right and wins.
    let body = json!({
        "keyStorePassword": "wrong",
        "encryptedData": seal(&key, json!({"keyStorePassword": PASSWORD}).to_string().as_bytes()),
        "secretKey": secret_key,
    });
    let info = c.call("PUT", &path, Some(body)).await.ok();
    assert_eq!(
        info["ownerCertificateInfo"]["value"]["ownerFullName"]["value"],
        "Protected Signer"
    );
    // The other way round: the protected wrong password wins.
    let body = json!({
        "keyStorePassword": PASSWORD,
        "encryptedData": seal(&key, br#"{"keyStorePassword":"wrong"}"#),
        "secretKey": secret_key,
    });
    let a = c.call("PUT", &path, Some(body)).await;
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
    // Sealed under another key: refused, 400.
    let body = json!({
        "encryptedData": seal(&[1u8; 32], br#"{"keyStorePassword":"x"}"#),
        "secretKey": secret_key,
    });
    assert_eq!(
        c.call("PUT", &path, Some(body)).await.status,
        StatusCode::BAD_REQUEST
    );
}

/// A DSTU 4145 key in an IIT container (the public test store
/// STORE_A040.dat) with its key-agreement certificate uploaded beside it,
/// and a DSTU signature made by jkurwa verified through the ticket.
#[tokio::test]
async fn dstu_key6_container_and_jkurwa_signature() {
    let dir = tempfile::tempdir().expect("dir");
    let c = Client {
        state: state_trusting(&dir, &ua("SELF_SIGNED1.cer"), config()).await,
        lang: "uk",
    };
    let t = c.open().await;
    c.key_store(
        &t,
        json!({
            "base64Data": B64.encode(ua("STORE_A040.dat")),
            "certificates": [B64.encode(ua("SELF_SIGNED_ENC_40A0.cer"))],
        }),
    )
    .await
    .ok();
    let info = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/keyAgreement"),
            Some(json!({"keyStorePassword": "password"})),
        )
        .await
        .ok();
    assert_eq!(
        info["publicKeyCertificateInfo"]["value"]["dsAlgorism"]["value"],
        "ДСТУ 4145-2002, ПБ, little-endian",
        "{info}"
    );
    assert_eq!(
        info["extensionsCertificateInfo"]["value"]["keyUsage"]["value"], "Узгодження ключів",
        "{info}"
    );
    // Its only certificate allows key agreement: no signing key.
    let none = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/signature"),
            Some(json!({"keyStorePassword": "password"})),
        )
        .await
        .ok();
    assert_eq!(none, json!({}));
    let wrong = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/keyAgreement"),
            Some(json!({"keyStorePassword": "passw0rd"})),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::INTERNAL_SERVER_ERROR);

    // message.p7: attached, signed by jkurwa with SELF_SIGNED1's key.
    c.raw(
        "POST",
        &format!("/api/v1/ticket/{t}/ds/data"),
        ua("message.p7"),
    )
    .await
    .ok();
    let v = c.verify(&t).await.json();
    let r = &v["verifyResults"][0];
    assert_eq!(r["isUntrustedValid"], true, "{v}");
    assert_eq!(
        r["signerInfo"]["publicKeyCertificateInfo"]["value"]["dsAlgorism"]["value"],
        "ДСТУ 4145-2002, ПБ, little-endian"
    );
    // The same signature over other content is not valid at all.
    c.raw(
        "POST",
        &format!("/api/v1/ticket/{t}/ds/data"),
        ua("message_detached.p7"),
    )
    .await
    .ok();
    c.data(&t, b"124".to_vec()).await.ok();
    let a = c.verify(&t).await;
    assert_eq!(a.status, StatusCode::NOT_ACCEPTABLE);
    assert_eq!(a.json()["verifyResults"][0]["isUntrustedValid"], false);
    c.data(&t, b"123".to_vec()).await.ok();
    let v = c.verify(&t).await.json();
    assert_eq!(v["verifyResults"][0]["isUntrustedValid"], true, "{v}");
}

#[tokio::test]
async fn cades_t_and_content_time_stamps_from_the_configured_tsa() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = pki.issue("Тестовий Підписувач", KeyType::Rsa(2048), None, &[]);
    let tsa = pki.tsa(KeyType::Rsa(2048));
    let server = HttpServer::start();
    server.route("/tsa", Route::Handler(Arc::new(pki.tsa_responder(&tsa))));
    let client = TsaClient::new(
        server.url("/tsa"),
        Arc::new(HttpFetcher::new(Duration::from_secs(10))),
    );
    let without_tsa = Client {
        state: state_with(&dir, &pki, config()).await,
        lang: "en",
    };
    let c = Client {
        state: without_tsa.state.clone().with_tsa(Arc::new(client)),
        lang: "en",
    };
    let p12 = pkcs12(&pki, &signer, &[]);
    for (options, content_ts) in [
        (
            json!({"cadesType": "CAdEST", "embedCertificateType": "signerAndCaCert"}),
            false,
        ),
        (
            json!({"cadesType": "undefined", "embedSignatureTs": "true", "embedDataTs": "true",
                   "embedCertificateType": "signerAndCaCert"}),
            true,
        ),
    ] {
        let t = c.open().await;
        c.data(&t, DOC.to_vec()).await.ok();
        c.key_store_bytes(&t, p12.clone()).await.ok();
        c.option(&t, options.clone()).await.ok();
        let hits = server.hits("/tsa");
        c.sign(&t, PASSWORD).await.ok();
        assert_eq!(server.hits("/tsa"), hits + 1 + usize::from(content_ts));
        let sig = c.signature(&t).await;
        assert_eq!(openssl_verifies(&pki, &sig, Some(DOC), false), DOC);

        let v = c.verify(&t).await.ok();
        let r = &v["verifyResults"][0];
        assert_eq!(r["status"], "SUCCESS", "{v}");
        assert_eq!(r["signatureType"], "CAdES-T", "{options}: {v}");
        let sts = &r["signatureTimestamps"][0];
        assert_eq!(sts["isValid"], true, "{v}");
        assert!(
            sts["tsaName"].as_str().is_some_and(|n| n.contains("TSA")),
            "{v}"
        );
        if content_ts {
            assert_eq!(r["contentTimestamp"]["isValid"], true, "{v}");
        } else {
            assert!(r["contentTimestamp"].is_null(), "{v}");
        }

        // The same options on a service without a TSA: a clear refusal.
        let t = without_tsa.open().await;
        without_tsa.data(&t, DOC.to_vec()).await.ok();
        without_tsa.key_store_bytes(&t, p12.clone()).await.ok();
        without_tsa.option(&t, options).await.ok();
        let a = without_tsa.sign(&t, PASSWORD).await;
        assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
        let cause = a.json()["failureCause"].as_str().expect("cause").to_owned();
        assert!(cause.contains("--tsa-url"), "{cause}");
    }
}

#[tokio::test]
async fn cades_x_long_with_the_engines_revocation_data() {
    use signet_pki::{Engine, RevocationMode};
    use signet_pki::{RevocationChecker, RevocationConfig};
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::EcP256);
    let signer = pki.issue("Підписувач X Long", KeyType::EcP256, None, &[]);
    let tsa = pki.tsa(KeyType::EcP256);
    let server = HttpServer::start();
    server.route("/tsa", Route::Handler(Arc::new(pki.tsa_responder(&tsa))));
    let fetcher = Arc::new(HttpFetcher::new(Duration::from_secs(10)));
    let client = TsaClient::new(server.url("/tsa"), fetcher.clone());
    let crl_dir = tempfile::tempdir().expect("crl dir");
    std::fs::write(crl_dir.path().join("ca.crl"), pki.crl()).expect("write");
    // The intermediate is trusted: the path is the signer and it, and the
    // intermediate's CRL (from the CRL directory) is the one status.
    let trust = Arc::new(TrustStore::from_certificates([
        Certificate::parse(&pki.root.cert.der).expect("root"),
        Certificate::parse(&pki.intermediate.cert.der).expect("intermediate"),
    ]));
    let engine = Engine {
        trust,
        issuers: None,
        revocation: Some(Arc::new(RevocationChecker::new(
            RevocationConfig {
                crl_dir: Some(crl_dir.path().to_path_buf()),
                ..RevocationConfig::default()
            },
            fetcher,
        ))),
        revocation_mode: RevocationMode::Require,
        fetch_limits: Default::default(),
    };
    let c = Client {
        state: state_with(&dir, &pki, config())
            .await
            .with_engine(engine)
            .with_tsa(Arc::new(client)),
        lang: "en",
    };
    let t = c.open().await;
    c.data(&t, DOC.to_vec()).await.ok();
    c.key_store_bytes(&t, pkcs12(&pki, &signer, &[])).await.ok();
    c.option(
        &t,
        json!({"cadesType": "CAdESXLong", "signatureType": "attached"}),
    )
    .await
    .ok();
    c.sign(&t, PASSWORD).await.ok();
    assert_eq!(server.hits("/tsa"), 2, "signature and CAdES-C time-stamps");
    let sig = c.signature(&t).await;
    assert_eq!(openssl_verifies(&pki, &sig, None, false), DOC);
    let v = c.verify(&t).await.ok();
    let r = &v["verifyResults"][0];
    assert_eq!(r["status"], "SUCCESS", "{v}");
    assert_eq!(r["signatureType"], "CAdES-X Long Type 1", "{v}");
    assert_eq!(r["signatureTimestamps"][0]["isValid"], true, "{v}");

    // A revoked signer gets no CAdES-X Long signature, and is told why.
    pki.revoke(&signer, "keyCompromise");
    std::fs::write(crl_dir.path().join("ca.crl"), pki.crl()).expect("write");
    let a = c.sign(&t, PASSWORD).await;
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
    let cause = a.json()["failureCause"].as_str().expect("cause").to_owned();
    assert!(cause.contains("was revoked"), "{cause}");
}

/// A DSTU 4145 key in a PKCS#8 store (STORE_A040.dat), with a signing
/// certificate jkurwa made for it uploaded beside it: signet signs through
/// the ticket, and jkurwa verifies the signature.
#[tokio::test]
async fn dstu_signature_made_in_a_ticket_verifies_in_jkurwa() {
    let dir = tempfile::tempdir().expect("dir");
    let cert = jkurwa_signing_certificate("Key40A0.cer", "signet DSTU signer");
    let c = Client {
        state: state_trusting(&dir, &cert, config()).await,
        lang: "uk",
    };
    let t = c.open().await;
    c.key_store(
        &t,
        json!({
            "base64Data": B64.encode(ua("STORE_A040.dat")),
            "certificates": [B64.encode(&cert)],
        }),
    )
    .await
    .ok();
    let info = c
        .call(
            "PUT",
            &format!("/api/v1/ticket/{t}/keyStore/certificate/info/signature"),
            Some(json!({"keyStorePassword": "password"})),
        )
        .await
        .ok();
    assert_eq!(
        info["publicKeyCertificateInfo"]["value"]["dsAlgorism"]["value"],
        "ДСТУ 4145-2002, ПБ, little-endian",
        "{info}"
    );
    for attached in [false, true] {
        c.data(&t, DOC.to_vec()).await.ok();
        c.option(
            &t,
            json!({"signatureType": if attached { "attached" } else { "detached" }}),
        )
        .await
        .ok();
        c.sign(&t, "password").await.ok();
        let sig = c.signature(&t).await;
        let content = (!attached).then_some(DOC);
        assert!(
            jkurwa_verifies(&sig, content),
            "jkurwa rejects (attached {attached})"
        );
        assert!(!jkurwa_verifies(&sig, Some(b"other content")));
        let v = c.verify(&t).await.ok();
        assert_eq!(v["verifyResults"][0]["status"], "SUCCESS", "{v}");
        assert_eq!(v["verifyResults"][0]["signatureType"], "CAdES-BES", "{v}");
    }
}
