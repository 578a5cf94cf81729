//! Kontur Reestro uploads in parts (`PUT …/contents/{id}` with
//! `Content-Range`) over the router and over a real socket: a content sent
//! in three parts equals the same content POSTed whole and verifies like
//! it; parts at the wrong offset are refused with the offset; nothing is
//! visible before the last part; a part whose client hangs up mid-body
//! keeps what arrived and the upload goes on from the offset the server
//! reports; bad `Content-Range` values; replacement in parts; deletion and
//! expiry of pending uploads — on SQLite and PostgreSQL.
//!
//! The store fixtures are those of the store's own suites (SQLite in a
//! temporary directory, PostgreSQL on 127.0.0.1:5432 in a schema of its
//! own, `SIGNET_TEST_POSTGRES_URL` to override).

mod common;
#[path = "../../signet-store/tests/common/mod.rs"]
mod store_common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use signet_pki::{Certificate, TrustStore};
use signet_server::{AppState, ServerConfig, app};
use store_common::Fixture;
use test_support::KeyType;
use test_support::pki::{Party, SignOptions, TestPki};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;
use uuid::Uuid;

const PREFIX: &str = "/realty/crypto/v2";
const MIB: usize = 1 << 20;

struct Env {
    state: AppState,
    pki: TestPki,
    signer: Party,
    auth: String,
    /// Keeps the store's directory or schema.
    _fixture: Fixture,
}

/// A Reestro app on `fixture`'s store with one organisation and a live
/// session of a user granted to it.
async fn env(fixture: Fixture, tune: impl FnOnce(&mut ServerConfig)) -> Env {
    let store = fixture.store.clone();
    let pki = TestPki::new(KeyType::Rsa(2048));
    let user = pki.issue("Reestro user", KeyType::Rsa(2048), None, &[]);
    let signer = pki.issue("Иванов Иван Иванович", KeyType::EcP256, None, &[]);
    let org = common::organisation(&store, "Ромашка").await;
    let thumbprint = Certificate::parse(&user.cert.der)
        .expect("cert")
        .thumbprint_hex();
    let auth = common::reestro_session(&store, &thumbprint, org).await;
    let mut config = ServerConfig::new("127.0.0.1:0".parse().expect("addr"));
    config.reestro_prefix = PREFIX.into();
    tune(&mut config);
    let trust =
        TrustStore::from_certificates([Certificate::parse(&pki.root.cert.der).expect("root")]);
    Env {
        state: AppState::new(config, store, trust),
        pki,
        signer,
        auth,
        _fixture: fixture,
    }
}

/// `len` pseudo-random bytes (xorshift64) of seed `seed`.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = vec![0u8; len];
    for word in out.chunks_mut(8) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        word.copy_from_slice(&state.to_le_bytes()[..word.len()]);
    }
    out
}

struct Resp {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The `Range` header of a 308, if any.
    fn range(&self) -> Option<&str> {
        self.headers
            .get("range")
            .map(|v| v.to_str().expect("ASCII"))
    }
}

async fn call(env: &Env, req: axum::http::request::Builder, body: Body) -> Resp {
    let r = app(env.state.clone())
        .oneshot(
            req.header("authorization", &env.auth)
                .body(body)
                .expect("request"),
        )
        .await
        .expect("response");
    let status = r.status();
    let headers = r.headers().clone();
    Resp {
        status,
        headers,
        body: r
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec(),
    }
}

fn content_uri(id: impl std::fmt::Display) -> String {
    format!("{PREFIX}/contents/{id}")
}

/// `PUT` of `data` as bytes `start..` of the content with the given
/// `Content-Range` total ("*" or a number).
async fn put_part(env: &Env, id: Uuid, start: usize, data: &[u8], total: &str) -> Resp {
    let end = start + data.len() - 1;
    call(
        env,
        Request::put(content_uri(id))
            .header("content-range", format!("bytes {start}-{end}/{total}"))
            .header("x-content-name", "Договор.pdf")
            .header("content-type", "application/octet-stream"),
        Body::from(data.to_vec()),
    )
    .await
}

/// The status query: `PUT` with no body and `Content-Range: bytes */TOTAL`.
async fn query(env: &Env, id: Uuid, total: &str) -> Resp {
    call(
        env,
        Request::put(content_uri(id)).header("content-range", format!("bytes */{total}")),
        Body::empty(),
    )
    .await
}

async fn get(env: &Env, path: &str) -> Resp {
    call(env, Request::get(path), Body::empty()).await
}

async fn post(env: &Env, name: &str, data: &[u8]) -> Value {
    let r = call(
        env,
        Request::post(format!("{PREFIX}/contents"))
            .header("x-content-name", name)
            .header("content-type", "application/octet-stream"),
        Body::from(data.to_vec()),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()
}

fn described(v: &Value) -> Value {
    json!({"contentId": v["contentId"], "contentType": v["contentType"], "md5": v["md5"], "size": v["size"]})
}

async fn verify(env: &Env, content: &Value, signature: &Value) -> Resp {
    call(
        env,
        Request::post(format!("{PREFIX}/signatures/verify"))
            .header("content-type", "application/json"),
        Body::from(
            json!({"contentInfo": described(content), "signatures": [described(signature)]})
                .to_string(),
        ),
    )
    .await
}

fn assert_staged(r: &Resp, received: usize) {
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT, "{}", r.text());
    let expected = format!("bytes=0-{}", received - 1);
    assert_eq!(r.range(), Some(expected.as_str()));
}

// ---------------------------------------------------------------------------
// Three parts, against the same content POSTed whole

async fn three_parts(env: Env) {
    let data = noise(1, 3 * MIB + 4321);
    let total = data.len().to_string();
    let whole = post(&env, "whole.pdf", &data).await;
    let signature = env.pki.sign(&[&env.signer], &data, &SignOptions::default());
    let sig = post(&env, "Договор.pdf.sig", &signature).await;

    let id = Uuid::new_v4();
    let (a, b) = (MIB + 17, 2 * MIB + 3);
    assert_staged(&put_part(&env, id, 0, &data[..a], &total).await, a);

    // Staged, not visible: not to GET, not to meta, not to verify.
    let not_yet = get(&env, &content_uri(id)).await;
    assert_eq!(not_yet.status, StatusCode::NOT_FOUND, "{}", not_yet.text());
    assert_eq!(not_yet.json()["code"], "notFound");
    let meta = get(&env, &format!("{}/meta", content_uri(id))).await;
    assert_eq!(meta.status, StatusCode::NOT_FOUND);
    let early = json!({"contentId": id.to_string(), "contentType": "pdf", "md5": whole["md5"], "size": whole["size"]});
    let r = verify(&env, &early, &sig).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    assert_eq!(r.json()["errors"][0]["code"], "UnexistentContent");

    // How much arrived?
    assert_staged(&query(&env, id, &total).await, a);
    assert_staged(&query(&env, id, "*").await, a);

    // A part at the wrong offset is refused, saying the right one.
    for wrong in [0, a - 1, a + 1] {
        let r = put_part(&env, id, wrong, &data[wrong..b], &total).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{wrong}: {}", r.text());
        let v = r.json();
        assert_eq!(v["code"], "conflict");
        assert_eq!(v["target"], "api");
        assert_eq!(v["errors"][0]["code"], "WrongFieldValue");
        assert_eq!(v["errors"][0]["target"], "Content-Range");
        assert!(
            v["message"]
                .as_str()
                .expect("message")
                .contains(&a.to_string()),
            "{v}"
        );
        let range = format!("bytes=0-{}", a - 1);
        assert_eq!(r.range(), Some(range.as_str()));
    }
    assert_staged(&query(&env, id, &total).await, a);

    // The middle part without the total, then the last one.
    assert_staged(&put_part(&env, id, a, &data[a..b], "*").await, b);
    assert_eq!(
        get(&env, &content_uri(id)).await.status,
        StatusCode::NOT_FOUND
    );
    let last = put_part(&env, id, b, &data[b..], &total).await;
    assert_eq!(last.status, StatusCode::CREATED, "{}", last.text());
    assert_eq!(
        last.headers
            .get("location")
            .map(|v| v.to_str().expect("ASCII")),
        Some(content_uri(id).as_str())
    );
    let resumed = last.json();
    assert_eq!(resumed["contentId"], id.to_string());
    assert_eq!(resumed["contentName"], "Договор.pdf");
    assert_eq!(resumed["contentType"], "pdf");
    assert_eq!(resumed["md5"], whole["md5"], "the MD5 of the whole body");
    assert_eq!(resumed["size"], whole["size"]);
    assert_eq!(resumed["size"], total);
    assert_eq!(
        resumed["md5"].as_str().map(str::to_ascii_lowercase),
        Some(test_support::pki::md5_hex(&env.pki, &data)),
        "as OpenSSL computes it"
    );

    // Now visible, whole, and verifies as the POSTed copy does.
    let back = get(&env, &content_uri(id)).await;
    assert_eq!(back.status, StatusCode::OK);
    assert!(back.body == data, "the bytes come back as sent");
    let meta = get(&env, &format!("{}/meta", content_uri(id))).await;
    assert_eq!(meta.json(), resumed);
    for content in [&whole, &resumed] {
        let r = verify(&env, content, &sig).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let results = &r.json()[0]["verificationResults"];
        assert_eq!(results[0]["status"], "verifyed", "{results}");
        assert_eq!(
            results[0]["certificate"]["subject"]["name"],
            "Иванов Иван Иванович"
        );
    }

    // Asked again after the end (the answer to the last part was lost):
    // the content's description.
    let after = query(&env, id, &total).await;
    assert_eq!(after.status, StatusCode::OK, "{}", after.text());
    assert_eq!(after.json(), resumed);
}

#[tokio::test]
async fn three_parts_on_sqlite() {
    three_parts(env(Fixture::sqlite().await, |_| {}).await).await;
}

#[tokio::test]
async fn three_parts_on_postgres() {
    three_parts(env(Fixture::postgres().await, |_| {}).await).await;
}

// ---------------------------------------------------------------------------
// A client that hangs up mid-part, on a real socket

/// Sends the head of a part of `announced` bytes and only `sent` of them,
/// then closes the connection.
async fn hang_up_mid_part(
    addr: std::net::SocketAddr,
    env: &Env,
    id: Uuid,
    data: &[u8],
    announced: usize,
    sent: usize,
) {
    let mut socket = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "PUT {} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: {}\r\n\
         Content-Range: bytes 0-{}/{}\r\nContent-Length: {announced}\r\n\
         X-Content-Name: broken.pdf\r\nContent-Type: application/octet-stream\r\n\r\n",
        content_uri(id),
        env.auth,
        announced - 1,
        data.len(),
    );
    socket.write_all(head.as_bytes()).await.expect("head");
    socket.write_all(&data[..sent]).await.expect("some body");
    socket.flush().await.expect("flush");
    // No answer can come before the body is complete.
    let mut byte = [0u8; 1];
    let early = tokio::time::timeout(Duration::from_millis(300), socket.read(&mut byte)).await;
    assert!(early.is_err(), "the server waits for the rest of the part");
    drop(socket);
}

/// Asks until the answer stops changing: the server may still be taking in
/// what the client sent before it hung up. The same answer three times,
/// 300 ms apart, counts as settled (a loaded machine can pause the server
/// longer than one interval).
async fn settled_offset(env: &Env, id: Uuid, total: &str) -> usize {
    let mut last = None;
    let mut same = 0;
    for _ in 0..150 {
        let r = query(env, id, total).await;
        assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT, "{}", r.text());
        let received = r.range().map_or(0, |range| {
            let last_byte: usize = range
                .strip_prefix("bytes=0-")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("Range {range}"));
            last_byte + 1
        });
        if last == Some(received) {
            same += 1;
            if same == 2 {
                return received;
            }
        } else {
            same = 0;
        }
        last = Some(received);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    panic!("the upload never settled: {last:?}");
}

async fn interrupted_part(env: Env) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(signet_server::serve(listener, env.state.clone(), async {
        let _ = stopped.await;
    }));

    let data = noise(2, 4 * MIB + 99);
    let total = data.len().to_string();
    let id = Uuid::new_v4();
    let (announced, sent) = (3 * MIB, 5 * MIB / 2);
    hang_up_mid_part(addr, &env, id, &data, announced, sent).await;

    let staged = settled_offset(&env, id, &total).await;
    // Kept: every byte that arrived when the server saw the body fail, the
    // whole 1 MiB chunks when the request was cancelled instead.
    assert!(
        (2 * MIB..=sent).contains(&staged),
        "{staged} bytes staged of {sent} sent"
    );
    assert_eq!(
        get(&env, &content_uri(id)).await.status,
        StatusCode::NOT_FOUND,
        "nothing visible"
    );

    // Go on from there, over the socket's own server too.
    let last = put_part(&env, id, staged, &data[staged..], &total).await;
    assert_eq!(last.status, StatusCode::CREATED, "{}", last.text());
    let v = last.json();
    assert_eq!(v["contentName"], "broken.pdf", "named by the first part");
    assert_eq!(v["size"], total);
    assert_eq!(
        v["md5"].as_str().map(str::to_ascii_lowercase),
        Some(test_support::pki::md5_hex(&env.pki, &data))
    );
    let back = get(&env, &content_uri(id)).await;
    assert!(back.body == data);

    let _ = stop.send(());
    server.await.expect("join").expect("served");
}

#[tokio::test]
async fn interrupted_part_on_sqlite() {
    interrupted_part(env(Fixture::sqlite().await, |_| {}).await).await;
}

#[tokio::test]
async fn interrupted_part_on_postgres() {
    interrupted_part(env(Fixture::postgres().await, |_| {}).await).await;
}

// ---------------------------------------------------------------------------
// Refusals, replacement, deletion, expiry

#[tokio::test]
async fn bad_content_ranges_are_refused_in_the_reestro_shape() {
    let env = env(Fixture::sqlite().await, |c| c.content_max_bytes = 1000).await;
    let id = Uuid::new_v4();
    for bad in [
        "bytes 5-1/10",
        "bytes 0-10/10",
        "bytes=0-1/10",
        "items 0-1/10",
        "bytes 0-1",
        "bytes a-b/c",
        "bytes 0-99999999999999999999/*",
        "",
    ] {
        let r = call(
            &env,
            Request::put(content_uri(id)).header("content-range", bad),
            Body::from("ab"),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad:?}: {}", r.text());
        let v = r.json();
        assert_eq!(v["code"], "validation");
        assert_eq!(v["errors"][0]["code"], "WrongFieldValue");
        assert_eq!(v["errors"][0]["target"], "Content-Range");
    }
    // Past the content limit, before a byte is read.
    for (range, body) in [("bytes 0-1/1001", "ab"), ("bytes 999-1000/*", "ab")] {
        let r = call(
            &env,
            Request::put(content_uri(id)).header("content-range", range),
            Body::from(body),
        )
        .await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{range}");
        assert_eq!(r.json()["code"], "tooLarge");
    }
    // A body longer than its range: refused, its announced bytes kept.
    let r = call(
        &env,
        Request::put(content_uri(id)).header("content-range", "bytes 0-3/10"),
        Body::from("0123456789"),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    assert_eq!(r.json()["errors"][0]["target"], "Content-Range");
    // Nothing arrived yet for a fresh id: 308 without a Range.
    let fresh = query(&env, Uuid::new_v4(), "10").await;
    assert_eq!(fresh.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(fresh.range(), None);
    // Not a content id.
    let r = call(
        &env,
        Request::put(content_uri("not-a-uuid")).header("content-range", "bytes 0-1/2"),
        Body::from("ab"),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn parts_replace_an_existing_content_at_the_end() {
    let env = env(Fixture::sqlite().await, |_| {}).await;
    let old = post(&env, "v1.pdf", b"version one").await;
    let id: Uuid = old["contentId"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let new = b"version two, longer";
    assert_staged(&put_part(&env, id, 0, &new[..8], "19").await, 8);
    let r = get(&env, &content_uri(id)).await;
    assert_eq!(
        (r.status, r.body.as_slice()),
        (StatusCode::OK, &b"version one"[..]),
        "the old version until the end"
    );
    let done = put_part(&env, id, 8, &new[8..], "19").await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert_eq!(done.json()["size"], "19");
    let r = get(&env, &content_uri(id)).await;
    assert_eq!(r.body, new);

    // Plain PUT still replaces whole, and still needs the content.
    let r = call(
        &env,
        Request::put(content_uri(id)).header("x-content-name", "v3.pdf"),
        Body::from("three"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["size"], "5");
    let r = call(
        &env,
        Request::put(content_uri(Uuid::new_v4())),
        Body::from("x"),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn delete_and_idleness_drop_pending_uploads() {
    let env = env(Fixture::sqlite().await, |c| {
        c.pending_upload_idle = Duration::from_secs(1);
    })
    .await;
    let id = Uuid::new_v4();
    assert_staged(&put_part(&env, id, 0, b"half a", "12").await, 6);
    let del = call(&env, Request::delete(content_uri(id)), Body::empty()).await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    let again = call(&env, Request::delete(content_uri(id)), Body::empty()).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    let r = query(&env, id, "12").await;
    assert_eq!(
        (r.status, r.range()),
        (StatusCode::PERMANENT_REDIRECT, None)
    );
    let r = put_part(&env, id, 6, b"second", "12").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "start again at 0");
    assert_eq!(r.range(), None);

    // Idle past `pending_upload_idle`: dropped at the next part.
    assert_staged(&put_part(&env, id, 0, b"half a", "12").await, 6);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let r = query(&env, id, "12").await;
    assert_eq!(
        (r.status, r.range()),
        (StatusCode::PERMANENT_REDIRECT, None),
        "dropped"
    );
}
