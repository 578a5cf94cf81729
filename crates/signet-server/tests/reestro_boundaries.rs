//! Kontur Reestro against a hostile client, over the router, on SQLite and
//! PostgreSQL:
//!
//! - another organisation's content id, or the id of its upload in parts,
//!   is answered exactly as an id nobody uses, on every route that takes
//!   a content id (status, headers and body, the id aside), and can be used
//!   as freely — ids are each organisation's own — while the other
//!   organisation's content and upload stay as they were;
//! - the first TOTAL an upload in parts is given binds it: a part (or a
//!   status query) announcing another, or a part ending past it, is a 409
//!   in Reestro's shape, and the staged bytes stay;
//! - a path that does not percent-decode to UTF-8, and a content name or
//!   type with control characters, get a 400 in Reestro's shape.
//!
//! The store fixtures are those of the store's own suites (SQLite in a
//! temporary directory, PostgreSQL on 127.0.0.1:5432 in a schema of its
//! own, `SIGNET_TEST_POSTGRES_URL` to override).

mod common;
#[path = "../../signet-store/tests/common/mod.rs"]
mod store_common;

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use signet_pki::TrustStore;
use signet_server::{AppState, ServerConfig, app};
use store_common::Fixture;
use tower::ServiceExt;
use uuid::Uuid;

const PREFIX: &str = "/realty/crypto/v2";

both_backends!(
    another_organisations_ids_are_answered_as_unknown_ones,
    the_first_total_binds_the_upload,
);

struct Env {
    state: AppState,
    /// The `Authorization` of a user of our organisation.
    ours: String,
    /// That of a user of another organisation.
    theirs: String,
    /// Keeps the store's directory or schema.
    _fixture: Fixture,
}

async fn env(fixture: Fixture) -> Env {
    let store = fixture.store.clone();
    let ours = common::organisation(&store, "Ромашка").await;
    let theirs = common::organisation(&store, "Лютик").await;
    let mut config = ServerConfig::new("127.0.0.1:0".parse().expect("addr"));
    config.reestro_prefix = PREFIX.into();
    Env {
        ours: common::reestro_session(&store, &"AA".repeat(20), ours).await,
        theirs: common::reestro_session(&store, &"BB".repeat(20), theirs).await,
        state: AppState::new(config, store, TrustStore::default()),
        _fixture: fixture,
    }
}

/// An answer: its status, headers (but the request id) and body.
#[derive(Debug, PartialEq, Eq)]
struct Answer {
    status: StatusCode,
    headers: BTreeMap<String, String>,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The same answer with every mention of `id` written `{id}`.
    fn without(self, id: Uuid) -> Answer {
        let id = id.to_string();
        Answer {
            status: self.status,
            headers: self
                .headers
                .into_iter()
                .map(|(k, v)| (k, v.replace(&id, "{id}")))
                .collect(),
            body: self.body.replace(&id, "{id}"),
        }
    }
}

async fn call(
    env: &Env,
    auth: &str,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Answer {
    let mut req = Request::builder()
        .method(method)
        .uri(format!("{PREFIX}{path}"))
        .header("authorization", auth);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let r = app(env.state.clone())
        .oneshot(req.body(Body::from(body)).expect("request"))
        .await
        .expect("response");
    let status = r.status();
    let headers = r
        .headers()
        .iter()
        .filter(|(k, _)| k.as_str() != "x-request-id")
        .map(|(k, v)| {
            (
                k.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = r.into_body().collect().await.expect("body").to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

/// A part of an upload in parts (`Content-Range: bytes START-END/TOTAL`).
async fn part(env: &Env, auth: &str, id: Uuid, start: usize, data: &[u8], total: &str) -> Answer {
    let range = format!("bytes {start}-{}/{total}", start + data.len() - 1);
    let headers = [
        ("content-range", range.as_str()),
        ("x-content-name", "part.pdf"),
    ];
    call(
        env,
        auth,
        Method::PUT,
        &format!("/contents/{id}"),
        &headers,
        data.to_vec(),
    )
    .await
}

/// The status query of an upload in parts (`Content-Range: bytes */TOTAL`).
async fn query(env: &Env, auth: &str, id: Uuid, total: &str) -> Answer {
    let range = format!("bytes */{total}");
    let headers = [("content-range", range.as_str())];
    call(
        env,
        auth,
        Method::PUT,
        &format!("/contents/{id}"),
        &headers,
        Vec::new(),
    )
    .await
}

/// Every route that takes a content id, in an order that uses the id as a
/// client would: read it, replace it, delete it, verify it, then upload
/// under it in parts, read that back and delete it. The answers, each
/// with the id written `{id}`.
async fn probe(env: &Env, id: Uuid) -> Vec<Answer> {
    let auth = env.ours.as_str();
    let path = format!("/contents/{id}");
    let meta = format!("{path}/meta");
    let verify = json!({
        "contentInfo": {"contentId": id.to_string(), "contentType": "pdf", "md5": "5D41402ABC4B2A76B9719D911017C592", "size": "5"},
        "signatures": [{"contentId": id.to_string(), "contentType": "sig", "md5": "5D41402ABC4B2A76B9719D911017C592", "size": "5"}],
    })
    .to_string()
    .into_bytes();
    let json_type = [("content-type", "application/json")];
    let answers = vec![
        call(env, auth, Method::GET, &path, &[], Vec::new()).await,
        call(env, auth, Method::GET, &meta, &[], Vec::new()).await,
        call(env, auth, Method::PUT, &path, &[], b"whole".to_vec()).await,
        call(env, auth, Method::DELETE, &path, &[], Vec::new()).await,
        call(
            env,
            auth,
            Method::POST,
            "/signatures/verify",
            &json_type,
            verify,
        )
        .await,
        query(env, auth, id, "10").await,
        part(env, auth, id, 0, b"hello", "10").await,
        query(env, auth, id, "10").await,
        part(env, auth, id, 5, b"world", "10").await,
        call(env, auth, Method::GET, &path, &[], Vec::new()).await,
        call(env, auth, Method::GET, &meta, &[], Vec::new()).await,
        call(env, auth, Method::DELETE, &path, &[], Vec::new()).await,
    ];
    answers.into_iter().map(|a| a.without(id)).collect()
}

async fn another_organisations_ids_are_answered_as_unknown_ones(f: Fixture) {
    let env = env(f).await;
    let theirs = env.theirs.as_str();
    // Their content, and their upload in parts, 3 bytes staged.
    let r = call(
        &env,
        theirs,
        Method::POST,
        "/contents",
        &[("x-content-name", "theirs.pdf")],
        b"theirs".to_vec(),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let content: Uuid = r.json()["contentId"]
        .as_str()
        .expect("id")
        .parse()
        .expect("uuid");
    let upload = Uuid::new_v4();
    let r = part(&env, theirs, upload, 0, b"the", "9").await;
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT, "{}", r.body);

    let unknown = probe(&env, Uuid::new_v4()).await;
    let statuses: Vec<u16> = unknown.iter().map(|a| a.status.as_u16()).collect();
    assert_eq!(
        statuses,
        [404, 404, 404, 404, 400, 308, 308, 308, 201, 200, 200, 204],
        "{unknown:#?}"
    );
    for id in [content, upload] {
        let answers = probe(&env, id).await;
        for (i, (got, expected)) in answers.iter().zip(&unknown).enumerate() {
            assert_eq!(got, expected, "answer {i} for their id {id}");
        }
    }

    // Theirs stay theirs, untouched.
    let r = call(
        &env,
        theirs,
        Method::GET,
        &format!("/contents/{content}"),
        &[],
        Vec::new(),
    )
    .await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "theirs"));
    let r = query(&env, theirs, upload, "9").await;
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT, "{}", r.body);
    assert_eq!(
        r.headers.get("range").map(String::as_str),
        Some("bytes=0-2")
    );
    let r = part(&env, theirs, upload, 3, b"irs's!", "9").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}

/// A 409 saying the upload is bound to `total` bytes.
fn assert_bound_to(r: &Answer, total: u64) {
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let v = r.json();
    assert_eq!(
        (v["code"].as_str(), v["target"].as_str()),
        (Some("conflict"), Some("api"))
    );
    assert_eq!(v["errors"][0]["target"], "Content-Range", "{v}");
    let message = v["message"].as_str().expect("message");
    assert!(message.contains(&format!("{total} bytes")), "{message}");
}

fn assert_staged(r: &Answer, received: usize) {
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT, "{}", r.body);
    let range = format!("bytes=0-{}", received - 1);
    assert_eq!(r.headers.get("range"), Some(&range), "{r:?}");
}

async fn the_first_total_binds_the_upload(f: Fixture) {
    let env = env(f).await;
    let ours = env.ours.as_str();
    let data = b"0123456789";
    let id = Uuid::new_v4();
    // `*` until a TOTAL is given; then it binds.
    assert_staged(&part(&env, ours, id, 0, &data[..2], "*").await, 2);
    assert_staged(&part(&env, ours, id, 2, &data[2..4], "10").await, 4);
    for total in ["12", "6"] {
        assert_bound_to(&part(&env, ours, id, 4, &data[4..6], total).await, 10);
        // Nor can a status query announce another, and so complete the
        // upload short.
        assert_bound_to(&query(&env, ours, id, total).await, 10);
    }
    assert_bound_to(&query(&env, ours, id, "4").await, 10);
    assert_bound_to(&part(&env, ours, id, 4, b"456789ab", "*").await, 10);
    // Nothing stored was lost: the upload goes on and completes whole.
    assert_staged(&query(&env, ours, id, "10").await, 4);
    assert_staged(&part(&env, ours, id, 4, &data[4..6], "*").await, 6);
    let done = part(&env, ours, id, 6, &data[6..], "*").await;
    assert_eq!(done.status, StatusCode::CREATED, "{}", done.body);
    assert_eq!(done.json()["size"], "10");
    let r = call(
        &env,
        ours,
        Method::GET,
        &format!("/contents/{id}"),
        &[],
        Vec::new(),
    )
    .await;
    assert_eq!(r.body.as_bytes(), data);
}

/// A 400 in Reestro's shape naming `target`.
fn assert_refused(r: &Answer, target: &str) {
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{r:?}");
    assert_eq!(
        r.headers.get("content-type").map(String::as_str),
        Some("application/json")
    );
    let v = r.json();
    assert_eq!(v["code"], "validation", "{v}");
    assert_eq!(v["target"], "api", "{v}");
    assert_eq!(v["errors"][0]["code"], "WrongFieldValue", "{v}");
    assert_eq!(v["errors"][0]["target"], target, "{v}");
}

#[tokio::test]
async fn a_path_that_does_not_decode_is_refused_in_reestro_shape() {
    let env = env(Fixture::sqlite().await).await;
    let ours = env.ours.as_str();
    for bad in ["%FF", "%C3%28", "abc%80def"] {
        for (method, path) in [
            (Method::GET, format!("/contents/{bad}")),
            (Method::GET, format!("/contents/{bad}/meta")),
            (Method::PUT, format!("/contents/{bad}")),
            (Method::DELETE, format!("/contents/{bad}")),
        ] {
            let r = call(&env, ours, method, &path, &[], Vec::new()).await;
            assert_refused(&r, "contentId");
        }
    }
}

#[tokio::test]
async fn control_characters_in_names_are_refused() {
    let env = env(Fixture::sqlite().await).await;
    let ours = env.ours.as_str();
    let post = async |headers: &[(&str, &str)], body: &[u8]| {
        call(
            &env,
            ours,
            Method::POST,
            "/contents",
            headers,
            body.to_vec(),
        )
        .await
    };
    for name in [
        "a%0D%0AX-Injected: 1",
        "evil%00.pdf",
        "tab\there.pdf",
        "bell%07",
    ] {
        assert_refused(
            &post(&[("x-content-name", name)], b"x").await,
            "contentName",
        );
    }
    assert_refused(
        &post(
            &[("x-content-name", "ok.pdf"), ("x-content-type", "p%0Adf")],
            b"x",
        )
        .await,
        "contentType",
    );
    // A multipart file name, and the first part of an upload in parts.
    let body = b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\tb.pdf\"\r\n\r\nx\r\n--b--\r\n";
    let multipart = [("content-type", "multipart/form-data; boundary=b")];
    assert_refused(&post(&multipart, body).await, "contentName");
    let id = Uuid::new_v4();
    let headers = [
        ("content-range", "bytes 0-0/1"),
        ("x-content-name", "x%0Ay"),
    ];
    let r = call(
        &env,
        ours,
        Method::PUT,
        &format!("/contents/{id}"),
        &headers,
        b"x".to_vec(),
    )
    .await;
    assert_refused(&r, "contentName");
    let r = query(&env, ours, id, "1").await;
    assert_eq!(r.headers.get("range"), None, "nothing staged");
    // Names that are merely unusual are kept as given.
    let r = post(
        &[("x-content-name", "%D0%94%D0%BE%D0%B3 %E2%84%961.pdf")],
        b"x",
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["contentName"], "Дог №1.pdf");
}
