//! Kontur Reestro (spec 002) over the router: contents uploaded and read
//! back, then `signatures/verify` with OpenSSL-made detached signatures —
//! several signers, a tampered one, one from an untrusted root — every
//! error code, other organisations' contents, the path prefix, SQLite and
//! PostgreSQL, and a 2 GiB content verified with bounded memory.

mod common;

use std::str::FromStr;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use signet_pki::{Certificate, TrustStore};
use signet_server::{AppState, ServerConfig, app};
use signet_store::{NewOrganization, PgStore, SqliteStore, Store};
use test_support::KeyType;
use test_support::pki::{Party, SignOptions, TestPki};
use tower::ServiceExt;
use uuid::Uuid;

const PREFIX: &str = "/realty/crypto/v2";
const DOC: &[u8] =
    b"%PDF-1.4 \xd0\x94\xd0\xbe\xd0\xb3\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x80 (a contract)";

struct Env {
    state: AppState,
    pki: TestPki,
    org: Uuid,
    auth: String,
    _dir: tempfile::TempDir,
}

async fn session_for(store: &Arc<dyn Store>, party_cert: &[u8], org: Uuid) -> String {
    let cert = Certificate::parse(party_cert).expect("cert");
    common::reestro_session(store, &cert.thumbprint_hex(), org).await
}

async fn env_with(store: Arc<dyn Store>, dir: tempfile::TempDir) -> Env {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let user = pki.issue("Reestro user", KeyType::Rsa(2048), None, &[]);
    let org = common::organisation(&store, "Ромашка").await;
    let auth = session_for(&store, &user.cert.der, org).await;
    let mut config = ServerConfig::new("127.0.0.1:0".parse().expect("addr"));
    config.reestro_prefix = PREFIX.into();
    let trust =
        TrustStore::from_certificates([Certificate::parse(&pki.root.cert.der).expect("root")]);
    Env {
        state: AppState::new(config, store, trust),
        pki,
        org,
        auth,
        _dir: dir,
    }
}

async fn sqlite_env() -> Env {
    let dir = tempfile::tempdir().expect("dir");
    let store = SqliteStore::open(&dir.path().join("s.db"))
        .await
        .expect("sqlite");
    env_with(Arc::new(store), dir).await
}

async fn pg_env() -> Env {
    use sqlx::Connection;
    let url = std::env::var("SIGNET_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned());
    let schema = format!("signet_reestro_{}", Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&url)
        .await
        .expect("PostgreSQL on 127.0.0.1:5432");
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&mut admin)
        .await
        .expect("schema");
    let options = sqlx::postgres::PgConnectOptions::from_str(&url)
        .expect("url")
        .options([("search_path", schema.as_str())]);
    let store = PgStore::with_options(options).await.expect("pg");
    env_with(Arc::new(store), tempfile::tempdir().expect("dir")).await
}

struct Resp {
    status: StatusCode,
    body: Vec<u8>,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

async fn call(env: &Env, req: axum::http::request::Builder, body: Body) -> Resp {
    let r = app(env.state.clone())
        .oneshot(req.body(body).expect("request"))
        .await
        .expect("response");
    let status = r.status();
    Resp {
        status,
        body: r
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec(),
    }
}

async fn upload(env: &Env, name: &str, bytes: Vec<u8>) -> Value {
    let r = call(
        env,
        Request::post(format!("{PREFIX}/contents"))
            .header("authorization", &env.auth)
            .header("x-content-name", name)
            .header("content-type", "application/octet-stream"),
        Body::from(bytes),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    r.json()
}

async fn verify(env: &Env, body: Value) -> Resp {
    call(
        env,
        Request::post(format!("{PREFIX}/signatures/verify"))
            .header("authorization", &env.auth)
            .header("content-type", "application/json"),
        Body::from(body.to_string()),
    )
    .await
}

fn described(v: &Value) -> Value {
    json!({"contentId": v["contentId"], "contentType": v["contentType"], "md5": v["md5"], "size": v["size"]})
}

async fn full_flow(env: Env) {
    let content = upload(&env, "Договор купли-продажи.pdf", DOC.to_vec()).await;
    assert_eq!(content["contentType"], "pdf");
    assert_eq!(content["contentName"], "Договор купли-продажи.pdf");
    assert_eq!(content["size"], DOC.len().to_string());
    let md5 = test_support::pki::md5_hex(&env.pki, DOC);
    assert_eq!(
        content["md5"].as_str().map(str::to_ascii_lowercase),
        Some(md5)
    );

    let a = env
        .pki
        .issue("Иванов Иван Иванович", KeyType::Rsa(2048), None, &[]);
    let b = env.pki.issue("Петрова Анна", KeyType::EcP256, None, &[]);
    let two = env.pki.sign(
        &[&a, &b],
        DOC,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    );
    let tampered = test_support::der_tree::edit_signature_value(
        &env.pki.sign(&[&a], DOC, &SignOptions::default()),
        0,
        |v| v[7] ^= 1,
    );
    let stranger_pki = TestPki::new(KeyType::Rsa(2048));
    let stranger: Party = stranger_pki.issue("Stranger", KeyType::Rsa(2048), None, &[]);
    let untrusted = stranger_pki.sign(&[&stranger], DOC, &SignOptions::default());
    let garbage = b"not a signature".to_vec();
    let mut sigs = Vec::new();
    for (name, bytes) in [
        ("two.sig", two),
        ("tampered.sig", tampered),
        ("untrusted.p7s", untrusted),
        ("garbage.sig", garbage),
    ] {
        sigs.push(upload(&env, name, bytes).await);
    }
    assert!(sigs.iter().all(|s| s["contentType"] == "sig"));

    let r = verify(&env, json!({"contentInfo": described(&content), "signatures": sigs.iter().map(described).collect::<Vec<_>>()})).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    let v = r.json();
    let results = v.as_array().expect("array");
    assert_eq!(results.len(), 4);
    assert_eq!(results[0]["signature"], described(&sigs[0]));
    let two = results[0]["verificationResults"]
        .as_array()
        .expect("results");
    assert_eq!(two.len(), 2, "one result per signer");
    for r in two {
        assert_eq!(r["status"], "verifyed");
        assert!(r["signedTime"].as_str().expect("time").ends_with('Z'));
        assert_eq!(
            r["certificate"]["issuer"]["name"],
            "signet Test Intermediate"
        );
        assert_eq!(r["certificate"]["issuer"]["address"], " RU");
    }
    // signerInfos is a SET: OpenSSL sorts it, so compare as a set.
    let mut names: Vec<&str> = two
        .iter()
        .map(|r| r["certificate"]["subject"]["name"].as_str().expect("name"))
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["Иванов Иван Иванович", "Петрова Анна"]);
    assert_eq!(
        results[1]["verificationResults"][0]["status"],
        "SignatureInvalid"
    );
    assert_eq!(
        results[2]["verificationResults"][0]["status"],
        "CertificateUntrusted"
    );
    assert_eq!(
        results[3]["verificationResults"][0]["status"],
        "SignatureInvalid"
    );
    assert!(results[3]["verificationResults"][0]["certificate"].is_null());

    // The content comes back as it went in; meta; delete.
    let id = content["contentId"].as_str().expect("id");
    let got = call(
        &env,
        Request::get(format!("{PREFIX}/contents/{id}")).header("authorization", &env.auth),
        Body::empty(),
    )
    .await;
    assert_eq!((got.status, got.body.as_slice()), (StatusCode::OK, DOC));
    let meta = call(
        &env,
        Request::get(format!("{PREFIX}/contents/{id}/meta")).header("authorization", &env.auth),
        Body::empty(),
    )
    .await;
    assert_eq!(meta.json(), content);
    let del = call(
        &env,
        Request::delete(format!("{PREFIX}/contents/{id}")).header("authorization", &env.auth),
        Body::empty(),
    )
    .await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    let gone = call(
        &env,
        Request::get(format!("{PREFIX}/contents/{id}")).header("authorization", &env.auth),
        Body::empty(),
    )
    .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let r = verify(
        &env,
        json!({"contentInfo": described(&content), "signatures": [described(&sigs[0])]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["errors"][0]["code"], "UnexistentContent");
}

#[tokio::test]
async fn full_flow_on_sqlite() {
    full_flow(sqlite_env().await).await;
}

#[tokio::test]
async fn full_flow_on_postgres() {
    full_flow(pg_env().await).await;
}

/// What one request of [`every_error_code`] must get back.
enum Expected {
    /// 400 with Reestro's validation body (`code` "validation", `target`
    /// "api") listing exactly these errors, as (code, target), in order.
    Errors(&'static [(&'static str, &'static str)]),
    /// 400 with Reestro's validation body whose first error has this code.
    FirstError(&'static str),
    /// This status; the body is not looked at.
    Status(StatusCode),
}

/// One request to `signatures/verify`: its `authorization` header (none
/// for `None`), `content-type` and body.
struct ErrorCase {
    what: &'static str,
    authorization: Option<String>,
    content_type: &'static str,
    body: String,
    expected: Expected,
}

#[tokio::test]
async fn every_error_code() {
    let env = sqlite_env().await;
    let content = upload(&env, "doc.pdf", DOC.to_vec()).await;
    let signer = env.pki.issue("Signer", KeyType::Rsa(2048), None, &[]);
    let sig = upload(
        &env,
        "doc.sig",
        env.pki.sign(&[&signer], DOC, &SignOptions::default()),
    )
    .await;
    let mut wrong = described(&content);
    wrong["md5"] = json!("00000000000000000000000000000000");
    wrong["size"] = json!("1");
    wrong["contentType"] = json!("xml");
    let mut unknown = described(&sig);
    unknown["contentId"] = json!(Uuid::new_v4().to_string());
    let valid =
        json!({"contentInfo": described(&content), "signatures": [described(&sig)]}).to_string();
    let user = || Some(env.auth.clone());
    let json_case = |what, body: Value, expected| ErrorCase {
        what,
        authorization: user(),
        content_type: "application/json",
        body: body.to_string(),
        expected,
    };
    let cases = [
        json_case(
            "no contentInfo",
            json!({"signatures": [described(&sig)]}),
            Expected::Errors(&[("AbsenceOfRequiredField", "contentInfo")]),
        ),
        json_case(
            "no md5, size or signatures",
            json!({"contentInfo": {"contentId": content["contentId"]}, "signatures": []}),
            Expected::Errors(&[
                ("AbsenceOfRequiredField", "contentInfo.md5"),
                ("AbsenceOfRequiredField", "contentInfo.size"),
                ("AbsenceOfRequiredField", "signatures"),
            ]),
        ),
        json_case(
            "wrong md5, size and type",
            json!({"contentInfo": wrong, "signatures": [described(&sig)]}),
            Expected::Errors(&[
                ("WrongFieldValue", "contentInfo.md5"),
                ("WrongFieldValue", "contentInfo.size"),
                ("WrongFieldValue", "contentInfo.contentType"),
            ]),
        ),
        json_case(
            "an unknown signature and a malformed id",
            json!({"contentInfo": described(&content), "signatures": [unknown, {"contentId": "not-a-uuid", "md5": "x", "size": 1}]}),
            Expected::Errors(&[
                ("UnexistentContent", "signatures[0].contentId"),
                ("WrongFieldValue", "signatures[1].contentId"),
            ]),
        ),
        ErrorCase {
            what: "malformed JSON",
            authorization: user(),
            content_type: "application/json",
            body: "{oops".to_owned(),
            expected: Expected::FirstError("WrongFieldValue"),
        },
        ErrorCase {
            what: "not JSON",
            authorization: user(),
            content_type: "text/xml",
            body: "<x/>".to_owned(),
            expected: Expected::Status(StatusCode::UNSUPPORTED_MEDIA_TYPE),
        },
        ErrorCase {
            what: "no session",
            authorization: None,
            content_type: "application/json",
            body: valid.clone(),
            expected: Expected::Status(StatusCode::UNAUTHORIZED),
        },
        ErrorCase {
            what: "an unknown session",
            authorization: Some(env.auth.replace("auth.sid=", "auth.sid=00")),
            content_type: "application/json",
            body: valid.clone(),
            expected: Expected::Status(StatusCode::UNAUTHORIZED),
        },
        ErrorCase {
            what: "another organisation",
            authorization: Some(
                env.auth
                    .replace(&env.org.to_string(), &Uuid::new_v4().to_string()),
            ),
            content_type: "application/json",
            body: valid,
            expected: Expected::Status(StatusCode::FORBIDDEN),
        },
    ];
    for case in cases {
        let mut request = Request::post(format!("{PREFIX}/signatures/verify"))
            .header("content-type", case.content_type);
        if let Some(authorization) = &case.authorization {
            request = request.header("authorization", authorization);
        }
        let r = call(&env, request, Body::from(case.body)).await;
        let what = case.what;
        match case.expected {
            Expected::Errors(expected) => {
                let listed = validation_errors(&r, what);
                let listed: Vec<(&str, &str)> = listed
                    .iter()
                    .map(|(c, t)| (c.as_str(), t.as_str()))
                    .collect();
                assert_eq!(listed, expected, "{what}");
            }
            Expected::FirstError(code) => {
                assert_eq!(validation_errors(&r, what)[0].0, code, "{what}");
            }
            Expected::Status(status) => assert_eq!(r.status, status, "{what}"),
        }
    }
}

/// The errors, as (code, target), of Reestro's validation body, which
/// `r` must be: 400, `code` "validation", `target` "api".
fn validation_errors(r: &Resp, what: &str) -> Vec<(String, String)> {
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "{what}: {}",
        String::from_utf8_lossy(&r.body)
    );
    let v = r.json();
    assert_eq!(v["code"], "validation", "{what}");
    assert_eq!(v["target"], "api", "{what}");
    v["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["code"].as_str().expect("c").to_owned(),
                e["target"].as_str().expect("t").to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn another_organisations_content_is_unexistent() {
    let env = sqlite_env().await;
    let content = upload(&env, "doc.pdf", DOC.to_vec()).await;
    // A second organisation with its own user.
    let other_org = env
        .state
        .store
        .create_organization(NewOrganization {
            name: "Другая".into(),
            ..Default::default()
        })
        .await
        .expect("org")
        .id;
    let other_user = env.pki.issue("Other user", KeyType::Rsa(2048), None, &[]);
    let other_auth = session_for(&env.state.store, &other_user.cert.der, other_org).await;
    let id = content["contentId"].as_str().expect("id");
    let r = call(
        &env,
        Request::get(format!("{PREFIX}/contents/{id}")).header("authorization", &other_auth),
        Body::empty(),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = call(
        &env,
        Request::post(format!("{PREFIX}/signatures/verify"))
            .header("authorization", &other_auth)
            .header("content-type", "application/json"),
        Body::from(
            json!({"contentInfo": described(&content), "signatures": [described(&content)]})
                .to_string(),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["errors"][0]["code"], "UnexistentContent");
}

#[tokio::test]
async fn multipart_upload_and_replace() {
    let env = sqlite_env().await;
    let boundary = "signet-boundary";
    let mut body = Vec::new();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.xml\"\r\nContent-Type: application/xml\r\n\r\n").as_bytes());
    body.extend_from_slice(b"<doc/>");
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let r = call(
        &env,
        Request::post(format!("{PREFIX}/contents"))
            .header("authorization", &env.auth)
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            ),
        Body::from(body),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    let v = r.json();
    assert_eq!(
        (
            v["contentName"].as_str(),
            v["contentType"].as_str(),
            v["size"].as_str()
        ),
        (Some("scan.xml"), Some("xml"), Some("6"))
    );
    let id = v["contentId"].as_str().expect("id");
    let r = call(
        &env,
        Request::put(format!("{PREFIX}/contents/{id}"))
            .header("authorization", &env.auth)
            .header("x-content-name", "scan.xml"),
        Body::from("<doc>2</doc>"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["size"], "12");
    let got = call(
        &env,
        Request::get(format!("{PREFIX}/contents/{id}")).header("authorization", &env.auth),
        Body::empty(),
    )
    .await;
    assert_eq!(got.body, b"<doc>2</doc>");
}

/// VmHWM (peak resident set) of this process, in KiB.
/// A database with no room left (SQLite's `max_page_count`, which fails
/// as a full disk does) answers an upload 507 in Reestro's format, not
/// 503, and what was stored before still reads back.
#[tokio::test]
async fn a_full_database_is_507_and_keeps_what_it_had() {
    let dir = tempfile::tempdir().expect("dir");
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.path().join("s.db"))
        .create_if_missing(true)
        .pragma("max_page_count", "96");
    let store: Arc<dyn Store> = Arc::new(
        SqliteStore::with_connect_options(options)
            .await
            .expect("sqlite"),
    );
    let env = env_with(store.clone(), dir).await;
    let kept = upload(&env, "kept.pdf", DOC.to_vec()).await;
    // Fill what room is left: contents of shrinking name length until not
    // even the smallest row fits anywhere.
    for len in [1500, 100, 1] {
        for i in 0..10_000 {
            let filled = store
                .put_content(
                    signet_store::NewContent {
                        organization: env.org,
                        name: format!("{i:05} {}", "Я".repeat(len)),
                        content_type: "application/octet-stream".into(),
                    },
                    Box::pin(futures_util::stream::iter([Ok(bytes::Bytes::from_static(
                        b"x",
                    ))])),
                    1 << 20,
                )
                .await;
            if filled.is_err() {
                break;
            }
            assert!(i < 9_999, "the database never filled up");
        }
    }
    let r = call(
        &env,
        Request::post(format!("{PREFIX}/contents"))
            .header("authorization", &env.auth)
            .header("x-content-name", "more.pdf"),
        Body::from(DOC.to_vec()),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::INSUFFICIENT_STORAGE,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    let v = r.json();
    assert_eq!(v["code"], "insufficientStorage", "{v}");
    assert_eq!(v["target"], "api", "{v}");
    let id = kept["contentId"].as_str().expect("contentId");
    let r = call(
        &env,
        Request::get(format!("{PREFIX}/contents/{id}")).header("authorization", &env.auth),
        Body::empty(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body, DOC);
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// 2 GiB generated content, uploaded as a stream and verified against a
/// detached signature made by OpenSSL: the process's peak memory grows by
/// less than 64 MiB.
#[tokio::test]
async fn slow_two_gib_content_is_verified_in_bounded_memory() {
    const SIZE: u64 = 2 << 30;
    let env = sqlite_env().await;
    // The same bytes for OpenSSL: a file written in 1 MiB blocks.
    let block: Vec<u8> = (0..1 << 20)
        .map(|i: u32| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let path = env.pki.ossl.dir().join("big.bin");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("file"));
        for _ in 0..SIZE >> 20 {
            f.write_all(&block).expect("write");
        }
    }
    let signer = env.pki.issue("Big signer", KeyType::EcP256, None, &[]);
    let sig_path = env.pki.ossl.dir().join("big.p7s");
    env.pki.ossl.run(
        &[
            "cms",
            "-sign",
            "-binary",
            "-md",
            "sha256",
            "-outform",
            "DER",
            "-in",
            path.to_str().expect("p"),
            "-out",
            sig_path.to_str().expect("p"),
            "-signer",
            signer.cert.pem_path.to_str().expect("p"),
            "-inkey",
            signer.key.path.to_str().expect("p"),
            "-certfile",
            env.pki.intermediate.cert.pem_path.to_str().expect("p"),
        ],
        false,
    );
    let sig = upload(&env, "big.sig", std::fs::read(&sig_path).expect("sig")).await;
    std::fs::remove_file(&path).expect("rm");
    let before = peak_rss_kib();
    let stream = futures_util::stream::iter(
        (0..SIZE >> 20).map(move |_| Ok::<_, std::io::Error>(bytes::Bytes::from(block.clone()))),
    );
    let r = call(
        &env,
        Request::post(format!("{PREFIX}/contents"))
            .header("authorization", &env.auth)
            .header("x-content-name", "big.bin"),
        Body::from_stream(stream),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let content = r.json();
    assert_eq!(content["size"], SIZE.to_string());
    let r = verify(
        &env,
        json!({"contentInfo": described(&content), "signatures": [described(&sig)]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()[0]["verificationResults"][0]["status"], "verifyed");
    let growth_mib = peak_rss_kib().saturating_sub(before) / 1024;
    eprintln!("peak RSS growth over a 2 GiB upload and verify: {growth_mib} MiB");
    assert!(growth_mib < 64, "peak memory grew by {growth_mib} MiB");
}
