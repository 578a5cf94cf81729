//! The web page for people (`/`, `/web/verify`, `/web/certificate`): over
//! the router with signatures made by `openssl cms -sign` on a test PKI —
//! a valid one, a tampered document, an expired signer, an untrusted root,
//! a revoked signer, malformed uploads, a document streamed past the small
//! body limits — and in headless Chromium (Debian's `/usr/bin/chromium`,
//! driven by `tests/web/page.mjs` with `playwright-core`), which uploads a
//! valid and a tampered signature, reads the verdicts, reads a certificate
//! in Ukrainian and English, and keeps screenshots under
//! `$CARGO_TARGET_DIR/web-artifacts/`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
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

#[tokio::test]
async fn a_valid_detached_signature_is_valid_with_the_signer_and_the_chain() {
    let e = env().await;
    let sig = e.pki.sign(&[&e.signer], DOC, &cades());
    let (status, v) = verify(
        e.state.clone(),
        &[
            ("signature", Some("contract.pdf.p7s"), &sig),
            ("document", Some("contract.pdf"), DOC),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "valid", "{v}");
    assert!(v["sentence"].as_str().expect("sentence").contains("valid"));
    assert_eq!(v["documentName"], "contract.pdf");
    assert_eq!(v["signatureName"], "contract.pdf.p7s");
    assert_eq!(v["documentSize"], DOC.len());
    let s = &v["signers"][0];
    assert_eq!(s["valid"], true);
    assert_eq!(s["status"], "valid");
    assert_eq!(s["name"], SIGNER_NAME);
    assert_eq!(s["organisation"], "ООО «Ромашка»");
    assert_eq!(s["position"], "Главный бухгалтер");
    let ids: Vec<(String, String)> = s["identifiers"]
        .as_array()
        .expect("identifiers")
        .iter()
        .map(|i| {
            (
                i["type"].as_str().expect("type").to_owned(),
                i["value"].as_str().expect("value").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("INN".to_owned(), "771234567890".to_owned()),
            ("SNILS".to_owned(), "11223344595".to_owned()),
            ("OGRN".to_owned(), "1027700132195".to_owned()),
        ]
    );
    assert_eq!(s["cadesLevel"], "CAdES-BES");
    assert!(
        s["signingTime"]
            .as_str()
            .expect("signing time")
            .ends_with('Z')
    );
    assert!(s["timestampTime"].is_null());
    assert!(s["why"].is_null());
    assert_eq!(statuses(s), ["valid", "valid", "valid"]);
    // The test engine does not check revocation.
    assert_eq!(
        codes(s),
        [
            "revocationNotChecked",
            "revocationNotChecked",
            "trustAnchor"
        ]
    );
    let chain = s["chain"].as_array().expect("chain");
    assert_eq!(chain[0]["subject"], SIGNER_NAME);
    assert_eq!(chain[0]["issuer"], "signet Test Intermediate");
    assert_eq!(chain[2]["subject"], "signet Test Root");
    let cert = Certificate::parse(&e.signer.cert.der).expect("cert");
    assert_eq!(chain[0]["thumbprint"], cert.thumbprint_hex());
}

/// A CAdES-T signature: the report gives the time-stamp's time and the
/// level; a time-stamp over other data makes the signature invalid.
#[tokio::test]
async fn a_cades_t_signature_shows_its_time_stamp() {
    use test_support::der_tree;
    const STS: &str = "1.2.840.113549.1.9.16.2.14";
    let e = env().await;
    let tsa = e.pki.tsa(KeyType::Rsa(2048));
    let sig = e.pki.sign(&[&e.signer], DOC, &cades());
    let value = der_tree::signature_value(&sig, 0);
    let stamped = der_tree::add_unsigned_attribute(&sig, 0, STS, &e.pki.timestamp(&tsa, &value));
    let (status, v) = verify(
        e.state.clone(),
        &[
            ("signature", Some("contract.pdf.p7s"), &stamped),
            ("document", Some("contract.pdf"), DOC),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "valid", "{v}");
    let s = &v["signers"][0];
    assert_eq!(s["cadesLevel"], "CAdES-T", "{v}");
    let at = s["timestampTime"].as_str().expect("timestampTime");
    assert!(at.ends_with('Z') && at.starts_with("20"), "{at}");

    let wrong = der_tree::add_unsigned_attribute(&sig, 0, STS, &e.pki.timestamp(&tsa, b"other"));
    let (_, v) = verify(
        e.state.clone(),
        &[
            ("signature", Some("contract.pdf.p7s"), &wrong),
            ("document", Some("contract.pdf"), DOC),
        ],
    )
    .await;
    assert_eq!(v["verdict"], "invalid", "{v}");
}

#[tokio::test]
async fn a_tampered_document_is_invalid_and_the_chain_is_not_drawn() {
    let e = env().await;
    let sig = e.pki.sign(&[&e.signer], DOC, &cades());
    let mut tampered = DOC.to_vec();
    tampered[10] ^= 1;
    let (status, v) = verify(
        e.state,
        &[
            ("signature", Some("contract.pdf.p7s"), &sig),
            ("document", Some("contract.pdf"), &tampered),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "invalid");
    assert!(v["sentence"].as_str().expect("s").contains("NOT valid"));
    let s = &v["signers"][0];
    assert_eq!(s["status"], "invalid");
    assert_eq!(s["code"], "contentMismatch");
    assert!(s["why"].as_str().expect("why").contains("does not match"));
    assert_eq!(s["chain"].as_array().expect("chain").len(), 0);
    // The signer is still named, from the signature's certificate.
    assert_eq!(s["name"], SIGNER_NAME);
}

#[tokio::test]
async fn an_attached_signature_alone_is_checked_against_its_own_content() {
    let e = env().await;
    let sig = e.pki.sign(
        &[&e.signer],
        DOC,
        &SignOptions {
            detached: false,
            ..SignOptions::default()
        },
    );
    // An HTML form sends an empty document part for an empty file input.
    let (status, v) = verify(
        e.state,
        &[
            ("signature", Some("contract.pdf.p7m"), &sig),
            ("document", Some(""), b""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "valid", "{v}");
    assert!(v["documentName"].is_null());
    assert_eq!(v["documentSize"], DOC.len());
    // Plain CMS: no signing-certificate attribute.
    assert!(v["signers"][0]["cadesLevel"].is_null());
}

#[tokio::test]
async fn an_expired_signer_is_invalid_and_its_link_says_expired() {
    let e = env().await;
    let old = e.pki.issue(
        "Expired signer",
        KeyType::Rsa(2048),
        Some(("20200101000000Z", "20210101000000Z")),
        &[],
    );
    let sig = e.pki.sign(&[&old], DOC, &cades());
    let (status, v) = verify(
        e.state,
        &[
            ("signature", Some("s.p7s"), &sig),
            ("document", Some("d"), DOC),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "invalid");
    let s = &v["signers"][0];
    assert_eq!(s["code"], "chain");
    // The issuers above the expired signer are still drawn.
    assert_eq!(statuses(s), ["expired", "valid", "valid"], "{s}");
    assert_eq!(codes(s)[0], "expired");
    let link = &s["chain"][0];
    assert_eq!(link["subject"], "Expired signer");
    assert_eq!(link["notAfter"], "2021-01-01T00:00:00Z");
    assert!(
        link["why"]
            .as_str()
            .expect("why")
            .contains("expired on 2021-01-01T00:00:00Z")
    );
    assert_eq!(codes(s)[2], "trustAnchor");
}

#[tokio::test]
async fn an_unknown_root_is_indeterminate_and_the_last_link_is_untrusted() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let other = TestPki::new(KeyType::Rsa(2048));
    let signer = signer(&pki);
    let (state, _dir) = state_with(&other.root.cert.der, config()).await;
    let sig = pki.sign(&[&signer], DOC, &cades());
    let (status, v) = verify(
        state,
        &[
            ("signature", Some("s.p7s"), &sig),
            ("document", Some("d"), DOC),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "indeterminate");
    let s = &v["signers"][0];
    assert_eq!(s["code"], "untrusted");
    // The signature carries the intermediate, not the root: the path ends
    // there, at a certificate whose issuer nobody knows.
    assert_eq!(statuses(s), ["valid", "untrusted"], "{s}");
    assert_eq!(codes(s), ["revocationNotChecked", "noIssuer"]);
    assert_eq!(s["chain"][1]["subject"], "signet Test Intermediate");
}

#[tokio::test]
async fn a_revoked_signer_is_invalid_and_each_link_has_its_revocation_status() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = signer(&pki);
    pki.revoke(&signer, "keyCompromise");
    let crl_dir = tempfile::tempdir().expect("crl dir");
    std::fs::write(crl_dir.path().join("intermediate.crl"), pki.crl()).expect("crl");
    let (state, _dir) = state_with(&pki.root.cert.der, config()).await;
    let trust = state.trust.clone();
    let state = state.with_engine(Engine::networked(
        trust,
        RevocationMode::Require,
        Duration::from_secs(2),
        Some(crl_dir.path().to_owned()),
    ));
    let sig = pki.sign(&[&signer], DOC, &cades());
    let (status, v) = verify(
        state,
        &[
            ("signature", Some("s.p7s"), &sig),
            ("document", Some("d"), DOC),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "invalid");
    let s = &v["signers"][0];
    assert_eq!(s["code"], "chain");
    // The root's CRL is not in the directory: the intermediate's status is
    // unknown, which the revocation of the signer outweighs.
    assert_eq!(statuses(s), ["revoked", "unknown", "valid"], "{s}");
    assert_eq!(codes(s), ["revoked", "revocationUnknown", "trustAnchor"]);
    assert!(
        s["chain"][0]["revokedAt"]
            .as_str()
            .expect("time")
            .ends_with('Z')
    );
    assert!(
        s["chain"][0]["why"]
            .as_str()
            .expect("why")
            .contains("keyCompromise")
    );
}

#[tokio::test]
async fn malformed_uploads_are_400_with_an_error() {
    let e = env().await;
    let detached = e.pki.sign(&[&e.signer], DOC, &cades());
    let multipart_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let cases: Vec<(&str, Option<String>, Vec<u8>)> = vec![
        (
            "not multipart",
            Some("application/json".into()),
            b"{\"signature\": \"\"}".to_vec(),
        ),
        (
            "no content type",
            None,
            multipart(&[("signature", Some("s"), &detached)]),
        ),
        (
            "no parts",
            Some(multipart_type.clone()),
            format!("--{BOUNDARY}--\r\n").into_bytes(),
        ),
        (
            "document first",
            Some(multipart_type.clone()),
            multipart(&[
                ("document", Some("d"), DOC),
                ("signature", Some("s"), &detached),
            ]),
        ),
        (
            "a signature that is not one",
            Some(multipart_type.clone()),
            multipart(&[
                ("signature", Some("s"), b"garbage"),
                ("document", Some("d"), DOC),
            ]),
        ),
        (
            "an empty signature",
            Some(multipart_type.clone()),
            multipart(&[("signature", Some("s"), b"")]),
        ),
        (
            "a detached signature without its document",
            Some(multipart_type.clone()),
            multipart(&[("signature", Some("s"), &detached)]),
        ),
        (
            "two documents",
            Some(multipart_type.clone()),
            multipart(&[
                ("signature", Some("s"), &detached),
                ("document", Some("d"), DOC),
                ("document", Some("e"), DOC),
            ]),
        ),
        (
            "an unknown part",
            Some(multipart_type.clone()),
            multipart(&[
                ("signature", Some("s"), &detached),
                ("comment", None, b"hi"),
            ]),
        ),
        ("a body cut short", Some(multipart_type.clone()), {
            let full = multipart(&[
                ("signature", Some("s"), &detached),
                ("document", Some("d"), DOC),
            ]);
            full[..full.len() - 30].to_vec()
        }),
    ];
    for (what, content_type, body) in cases {
        let mut req = Request::post("/web/verify");
        if let Some(ct) = content_type {
            req = req.header(header::CONTENT_TYPE, ct);
        }
        let (status, headers, bytes) = send(
            e.state.clone(),
            req.body(Body::from(body)).expect("request"),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "{what}: {}",
            String::from_utf8_lossy(&bytes)
        );
        assert!(
            headers[header::CONTENT_TYPE]
                .to_str()
                .expect("type")
                .starts_with("application/json"),
            "{what}"
        );
        let v = json(&bytes);
        assert!(
            !v["error"].as_str().expect("error").is_empty(),
            "{what}: {v}"
        );
    }
}

/// A document streamed in 64 KiB chunks, larger than every small body
/// limit, is hashed on the way; past the content limit it is a 413.
#[tokio::test]
async fn a_large_document_streams_past_the_small_limits() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = signer(&pki);
    let mut config = config();
    config.max_body_bytes = 64 * 1024;
    config.validate_max_body_bytes = 256 * 1024;
    config.content_max_bytes = 12 << 20;
    let (state, _dir) = state_with(&pki.root.cert.der, config).await;
    let big: Vec<u8> = (0..(8u32 << 20)).map(|i| (i % 251) as u8).collect();
    let sig = pki.sign(&[&signer], &big, &cades());

    let stream_of = |document: Vec<u8>| {
        let head = multipart(&[("signature", Some("big.p7s"), &sig)]);
        // Drop the closing boundary, then add the document part.
        let head = head[..head.len() - (BOUNDARY.len() + 6)].to_vec();
        let doc_head = format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"big.bin\"\r\n\r\n"
        );
        let tail = format!("\r\n--{BOUNDARY}--\r\n");
        let mut chunks: Vec<Result<bytes::Bytes, std::io::Error>> =
            vec![Ok(head.into()), Ok(doc_head.into_bytes().into())];
        for c in document.chunks(64 * 1024) {
            chunks.push(Ok(bytes::Bytes::copy_from_slice(c)));
        }
        chunks.push(Ok(tail.into_bytes().into()));
        Body::from_stream(futures_util::stream::iter(chunks))
    };

    let (status, _, bytes) = send(state.clone(), verify_request(stream_of(big.clone()))).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    let v = json(&bytes);
    assert_eq!(v["verdict"], "valid", "{v}");
    assert_eq!(v["documentSize"], big.len());

    let mut bigger = big.clone();
    bigger.extend_from_slice(&big[..5 << 20]);
    let (status, _, bytes) = send(state.clone(), verify_request(stream_of(bigger))).await;
    assert_eq!(
        status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    assert!(json(&bytes)["error"].is_string());

    // Too large by its Content-Length: refused before it is read.
    let mut req = verify_request(Body::from(vec![0u8; 16]));
    req.headers_mut()
        .insert(header::CONTENT_LENGTH, (100u64 << 20).into());
    let (status, _, bytes) = send(state, req).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(json(&bytes)["error"].is_string());
}

async fn certificate(state: AppState, body: &[u8], lang: &str) -> (StatusCode, Value) {
    let uri = if lang.is_empty() {
        "/web/certificate".to_owned()
    } else {
        format!("/web/certificate?lang={lang}")
    };
    let (status, _, bytes) = send(
        state,
        Request::post(uri)
            .header(header::CONTENT_TYPE, "application/octet-stream")
            .body(Body::from(body.to_vec()))
            .expect("request"),
    )
    .await;
    (status, json(&bytes))
}

fn field<'a>(v: &'a Value, section: &str, label: &str) -> Option<&'a str> {
    v["sections"]
        .as_array()?
        .iter()
        .find(|s| s["id"] == section)?["fields"]
        .as_array()?
        .iter()
        .find(|f| f["label"] == label)?["value"]
        .as_str()
}

#[tokio::test]
async fn a_certificate_reads_in_three_languages_with_its_der() {
    let e = env().await;
    let (status, uk) = certificate(e.state.clone(), &e.signer.cert.der, "uk").await;
    assert_eq!(status, StatusCode::OK, "{uk}");
    let (_, ru) = certificate(e.state.clone(), &e.signer.cert.pem, "ru").await;
    let (_, en) = certificate(e.state.clone(), &e.signer.cert.base64, "en").await;
    let cert = Certificate::parse(&e.signer.cert.der).expect("cert");
    let serial = hex::encode_upper(&cert.fields().serial_number);
    assert_eq!(
        field(&uk, "general", "Серійний номер"),
        Some(serial.as_str())
    );
    assert_eq!(
        field(&ru, "general", "Серийный номер"),
        Some(serial.as_str())
    );
    assert_eq!(
        field(&en, "general", "Serial number"),
        Some(serial.as_str())
    );
    assert_eq!(uk["sections"][0]["title"], "Загальні відомості");
    assert_eq!(en["sections"][0]["title"], "General");
    assert_eq!(field(&en, "subject", "Common name"), Some(SIGNER_NAME));
    assert_eq!(field(&uk, "subject", "Загальне ім'я"), Some(SIGNER_NAME));
    assert_eq!(
        field(&en, "extensions", "Key usage"),
        Some("Digital signature\nNon-repudiation")
    );
    assert_eq!(
        field(&uk, "extensions", "Використання ключа"),
        Some("Електронний підпис\nНевідрікаємість")
    );
    for v in [&uk, &ru, &en] {
        assert_eq!(v["name"], SIGNER_NAME);
        assert_eq!(v["thumbprint"], cert.thumbprint_hex());
        assert_eq!(
            B64.decode(v["der"].as_str().expect("der")).expect("base64"),
            e.signer.cert.der
        );
        assert_eq!(v["fileName"], format!("{}.cer", cert.thumbprint_hex()));
        assert_eq!(v["identifiers"][0]["value"], "771234567890");
        // Every value that is a field is present and worded.
        for s in v["sections"].as_array().expect("sections") {
            for f in s["fields"].as_array().expect("fields") {
                assert!(!f["label"].as_str().expect("label").is_empty(), "{f}");
                assert!(!f["value"].as_str().expect("value").is_empty(), "{f}");
            }
        }
    }
    assert_eq!(uk["lang"], "uk");
    assert_eq!(ru["lang"], "ru");

    // Without lang: Accept-Language, else English.
    let (_, _, bytes) = send(
        e.state.clone(),
        Request::post("/web/certificate")
            .header(header::ACCEPT_LANGUAGE, "ru-RU,ru;q=0.9")
            .body(Body::from(e.signer.cert.der.clone()))
            .expect("request"),
    )
    .await;
    assert_eq!(json(&bytes)["lang"], "ru");
    let (_, none) = certificate(e.state.clone(), &e.signer.cert.der, "").await;
    assert_eq!(none["lang"], "en");

    // Larger than the body limit: 413, in the page's error format.
    let (status, v) = certificate(e.state.clone(), &vec![b'A'; 3 << 20], "en").await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    assert!(v["error"].is_string());

    for (what, body, lang) in [
        ("garbage", &b"not a certificate"[..], "en"),
        ("empty", &b""[..], "en"),
        ("a signature", &b"0\x03\x02\x01\x01"[..], "en"),
        ("an unknown language", &e.signer.cert.der[..], "de"),
    ] {
        let (status, v) = certificate(e.state.clone(), body, lang).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {v}");
        assert!(v["error"].is_string(), "{what}");
    }
}

#[tokio::test]
async fn the_page_and_its_assets_are_served_with_types_caching_and_csp() {
    let e = env().await;
    let get = |uri: String, etag: Option<String>| {
        let state = e.state.clone();
        async move {
            let mut req = Request::get(uri);
            if let Some(t) = etag {
                req = req.header(header::IF_NONE_MATCH, t);
            }
            send(state, req.body(Body::empty()).expect("request")).await
        }
    };
    let (status, headers, body) = get("/".into(), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    let csp = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("csp");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(csp.contains("default-src 'none'"));
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let html = String::from_utf8(body).expect("utf-8");
    assert!(html.contains("id=\"verdict\"") && html.contains("aria-live=\"polite\""));

    // 304 for the same version.
    let etag = headers[header::ETAG].to_str().expect("etag").to_owned();
    let (status, _, body) = get("/".into(), Some(etag)).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());

    for (name, content_type) in [
        ("app.css", "text/css; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("icon.svg", "image/svg+xml"),
    ] {
        let start = html
            .find(&format!("/assets/web/{name}?v="))
            .unwrap_or_else(|| panic!("{name} is not linked"));
        let end = start + html[start..].find('"').expect("end of URL");
        let (status, headers, body) = get(html[start..end].to_owned(), None).await;
        assert_eq!(status, StatusCode::OK, "{name}");
        assert_eq!(headers[header::CONTENT_TYPE], content_type, "{name}");
        assert!(
            headers[header::CACHE_CONTROL]
                .to_str()
                .expect("cache")
                .contains("immutable")
        );
        assert!(!body.is_empty());
    }
    let (status, _, _) = get("/assets/web/secret.txt".into(), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = get("/assets/web/..%2Fsrc%2Flib.rs".into(), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_page_api_is_in_openapi_and_rate_limited() {
    let pki = TestPki::new(KeyType::EcP256);
    let mut config = config();
    config.auth_rate_per_client = 2;
    let (state, _dir) = state_with(&pki.root.cert.der, config).await;
    let (_, _, bytes) = send(
        state.clone(),
        Request::get("/openapi.json")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    let doc = json(&bytes);
    for path in ["/", "/web/verify", "/web/certificate"] {
        assert!(doc["paths"][path].is_object(), "{path} is not described");
    }
    assert!(doc["components"]["schemas"]["PageReport"].is_object());

    // One app, so one budget: 2 requests a minute from one address.
    let router = app(state);
    let mut last = StatusCode::OK;
    for _ in 0..3 {
        let resp = router
            .clone()
            .oneshot(
                Request::post("/web/certificate?lang=en")
                    .header("x-forwarded-for", "203.0.113.7")
                    .body(Body::from(pki.root.cert.der.clone()))
                    .expect("request"),
            )
            .await
            .expect("response");
        last = resp.status();
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    // Another address has its own budget.
    let resp = router
        .oneshot(
            Request::post("/web/certificate?lang=en")
                .header("x-forwarded-for", "203.0.113.8")
                .body(Body::from(pki.root.cert.der.clone()))
                .expect("request"),
        )
        .await
        .expect("response");
    assert_eq!(resp.status(), StatusCode::OK);
}

// ---- the page in a browser ------------------------------------------------

/// Where screenshots are kept: `$CARGO_TARGET_DIR/web-artifacts`.
fn artifacts_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            // CARGO_TARGET_TMPDIR is <target>/tmp.
            Path::new(env!("CARGO_TARGET_TMPDIR"))
                .parent()
                .expect("target dir")
                .to_owned()
        });
    let dir = target.join("web-artifacts");
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

fn chromium() -> PathBuf {
    let path = std::env::var_os("SIGNET_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.exists(),
        "the browser test needs Debian's Chromium at {} (or SIGNET_CHROMIUM): \
         `apt-get install chromium` (scripts/test installs it)",
        path.display()
    );
    path
}

fn npm_modules() -> PathBuf {
    let dir = std::env::var_os("SIGNET_NPM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var("HOME").expect("HOME is set")).join(".cache/signet-npm")
        })
        .join("node_modules");
    assert!(
        dir.join("playwright-core").is_dir(),
        "the browser test needs playwright-core in {}: \
         `npm install --prefix $HOME/.cache/signet-npm playwright-core@1.65.1` (scripts/test does)",
        dir.display()
    );
    dir
}

/// Runs `node page.mjs URL FILES ARTIFACTS`, killing it after `limit`.
fn run_node(args: &[std::ffi::OsString], limit: Duration) -> (bool, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/web/page.mjs");
    let out = tempfile::NamedTempFile::new().expect("log");
    // One open file for both streams, so that they share its offset.
    let log = out.reopen().expect("log");
    let mut child = std::process::Command::new("node")
        .arg(&script)
        .args(args)
        .env("NODE_PATH", npm_modules())
        .env("SIGNET_CHROMIUM", chromium())
        .stdout(log.try_clone().expect("log"))
        .stderr(log)
        .spawn()
        .expect("node runs (Debian's nodejs; scripts/test installs it)");
    let deadline = std::time::Instant::now() + limit;
    let ok = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status.success();
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break false;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let log = std::fs::read_to_string(out.path()).unwrap_or_default();
    (ok, log)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_in_headless_chromium_shows_the_verdicts() {
    let chromium = chromium();
    let _ = npm_modules();
    let e = env().await;
    let files = tempfile::tempdir().expect("files");
    let sig = e.pki.sign(&[&e.signer], DOC, &cades());
    let mut tampered = DOC.to_vec();
    tampered[12] ^= 1;
    std::fs::write(files.path().join("contract.pdf"), DOC).expect("write");
    std::fs::write(files.path().join("contract.pdf.p7s"), &sig).expect("write");
    std::fs::write(files.path().join("tampered.pdf"), &tampered).expect("write");
    std::fs::write(files.path().join("signer.cer"), &e.signer.cert.der).expect("write");
    let expect = serde_json::json!({ "signer": SIGNER_NAME, "inn": "771234567890" });
    std::fs::write(files.path().join("expect.json"), expect.to_string()).expect("write");

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(signet_server::serve(listener, e.state.clone(), async {
        let _ = stopped.await;
    }));

    let artifacts = artifacts_dir();
    let args = [
        format!("http://{addr}/").into(),
        files.path().as_os_str().to_owned(),
        artifacts.as_os_str().to_owned(),
    ];
    let (ok, log) = tokio::task::spawn_blocking(move || run_node(&args, Duration::from_secs(180)))
        .await
        .expect("node thread");
    let _ = stop.send(());
    let _ = server.await;
    println!("{log}");
    assert!(
        ok,
        "the browser test failed (Chromium {}):\n{log}",
        chromium.display()
    );
    for shot in [
        "report-valid.png",
        "report-invalid.png",
        "certificate.png",
        "phone.png",
        "phone-report.png",
    ] {
        let path = artifacts.join(shot);
        assert!(path.is_file(), "{} was not saved", path.display());
        println!("screenshot: {}", path.display());
    }
}
