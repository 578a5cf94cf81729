//! Overload (`ServerConfig::max_in_flight`), over a real socket: with two
//! places, both held by Reestro uploads whose bodies the client keeps open,
//! a flood of concurrent requests on every API family is answered 503 at
//! once, in that family's own error format with `Retry-After`, nothing hangs and memory stays flat;
//! `/healthz` still answers; once the uploads finish, they commit and new
//! requests are served again.
//!
//! 200 requests by default; `SIGNET_OVERLOAD_REQUESTS=5000` runs a longer
//! form. One test in this file, so that its memory measure is its own.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;
use signet_pki::TrustStore;
use signet_server::{AppState, ServerConfig};
use signet_store::{SqliteStore, Store};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const PREFIX: &str = "/realty/crypto/v2";

/// How long any one answer may take.
const ANSWER_BOUND: Duration = Duration::from_secs(5);

/// VmHWM (peak resident set) of this process, in KiB, as
/// `tests/reestro.rs` reads it.
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

/// An answer read off the socket.
#[derive(Debug)]
struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {} {}",
                self.head,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then_some(v.trim())
        })
    }
}

/// Reads a whole `Connection: close` answer from `s`.
async fn read_answer(s: &mut TcpStream) -> Answer {
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.expect("read the answer");
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no answer head in {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let status = head
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("status line: {head}"));
    Answer {
        status,
        head,
        body: raw[end + 4..].to_vec(),
    }
}

/// Sends one request on a new connection and reads its answer.
async fn request(addr: std::net::SocketAddr, method: &str, path: &str, extra: &str) -> Answer {
    let mut s = TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: 0\r\n{extra}\r\n"
    );
    s.write_all(head.as_bytes()).await.expect("write");
    read_answer(&mut s).await
}

/// A `POST {PREFIX}/contents` whose head and first `sent` bytes are
/// written, the rest held back.
async fn hold_upload(
    addr: std::net::SocketAddr,
    auth: &str,
    body: &[u8],
    sent: usize,
) -> TcpStream {
    let mut s = TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "POST {PREFIX}/contents HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Authorization: {auth}\r\nX-Content-Name: held.bin\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).await.expect("write head");
    s.write_all(&body[..sent]).await.expect("write body");
    s
}

/// The temporary files of uploads in progress under the data directory.
fn uploads_in_progress(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir.join("blobs"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp-"))
                .count()
        })
        .unwrap_or(0)
}

/// A SQLite store with an organisation and a live session for it; the
/// `Authorization` value of that session.
async fn store_with_session(dir: &std::path::Path) -> (Arc<dyn Store>, String) {
    let store: Arc<dyn Store> = Arc::new(
        SqliteStore::open(&dir.join("signet.db"))
            .await
            .expect("sqlite"),
    );
    let org = common::organisation(&store, "Перевантаження").await;
    let thumbprint = "0123456789ABCDEF0123456789ABCDEF01234567";
    let auth = common::reestro_session(&store, thumbprint, org).await;
    (store, auth)
}

/// The 503 of a shed request is in the error format of the request's API
/// family (`family.rs` in signet-server, the specs in `shared/spec`).
fn assert_overload_body(request: &str, answer: &Answer) {
    const WHY: &str = "the service is overloaded, try again later";
    if request.starts_with("/auth/") {
        // Kontur auth: the description as text.
        assert_eq!(String::from_utf8_lossy(&answer.body), WHY, "{request}");
        return;
    }
    let v = answer.json();
    let fields: Vec<&String> = v.as_object().expect("an object").keys().collect();
    if request.starts_with("/v3/") {
        assert_eq!(v, serde_json::json!({ "Message": WHY }), "{request}");
    } else if request.starts_with("/api/v1/") {
        let text = if request.contains("Accept-Language: ru") {
            "Сервис перегружен, попробуйте позже."
        } else {
            "Сервіс перевантажено, спробуйте пізніше."
        };
        assert_eq!(v, serde_json::json!({ "message": text }), "{request}");
    } else if request.starts_with("/web/") {
        assert_eq!(v, serde_json::json!({ "error": WHY }), "{request}");
    } else {
        // Reestro, and the service's own paths, in Reestro's shape.
        assert_eq!(v["message"], WHY, "{request}: {v}");
        assert_eq!(v["code"], "unavailable", "{request}: {v}");
        assert_eq!(fields.len(), 4, "{request}: {v}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_beyond_max_in_flight_is_shed_fast_in_bounded_memory() {
    let requests: usize = std::env::var("SIGNET_OVERLOAD_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().expect("dir");
    let (store, auth) = store_with_session(dir.path()).await;
    let mut config = ServerConfig::new("127.0.0.1:0".parse().expect("addr"));
    config.reestro_prefix = PREFIX.into();
    config.max_in_flight = 2;
    // Every request of the flood comes from 127.0.0.1, each on its own
    // connection: the per-client cap is not what this test measures.
    config.max_connections_per_client = requests + 8;
    let state = AppState::new(config, store, TrustStore::default());
    // A listen queue of 1024 rather than the usual 128: with a smaller one
    // the kernel drops the flood's excess SYNs and the clients retry a
    // second later, which measures the kernel, not the service.
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind("127.0.0.1:0".parse().expect("addr"))
        .expect("bind");
    let listener = socket.listen(1024).expect("listen");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(signet_server::serve(listener, state, async {
        let _ = stopped.await;
    }));

    // Both places taken by uploads that have sent half their bodies: the
    // handler is running (its temporary file exists) and waits for more.
    let bodies: Vec<Vec<u8>> = (0..2u8)
        .map(|k| (0..3u32 << 20).map(|i| (i % 251) as u8 ^ k).collect())
        .collect();
    let half = bodies[0].len() / 2;
    let mut held = Vec::new();
    for body in &bodies {
        held.push(hold_upload(addr, &auth, body, half).await);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while uploads_in_progress(dir.path()) < 2 {
        assert!(
            Instant::now() < deadline,
            "the two uploads never started: {} in progress",
            uploads_in_progress(dir.path())
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    // The flood: every API family, all at once, each on its own connection.
    let content = uuid::Uuid::new_v4();
    let targets: [(&str, String, String); 9] = [
        ("GET", "/readyz".into(), String::new()),
        ("GET", "/openapi.json".into(), String::new()),
        ("POST", "/api/v1/ticket".into(), String::new()),
        (
            "POST",
            "/api/v1/ticket".into(),
            "Accept-Language: ru\r\n".into(),
        ),
        ("POST", "/auth/authenticate-by-cert".into(), String::new()),
        ("POST", "/web/certificate".into(), String::new()),
        (
            "GET",
            format!("{PREFIX}/contents/{content}"),
            format!("Authorization: {auth}\r\n"),
        ),
        (
            "POST",
            "/v3/validate".into(),
            "Authorization: Bearer x\r\n".into(),
        ),
        ("GET", "/no/such/path".into(), String::new()),
    ];
    let before = peak_rss_kib();
    let started = Instant::now();
    let mut flood = tokio::task::JoinSet::new();
    for i in 0..requests {
        let (method, path, extra) = targets[i % targets.len()].clone();
        flood.spawn(async move {
            let t = Instant::now();
            let answer = tokio::time::timeout(ANSWER_BOUND, request(addr, method, &path, &extra))
                .await
                .unwrap_or_else(|_| panic!("{method} {path} hung"));
            (format!("{path} {extra}"), answer, t.elapsed())
        });
    }
    // A liveness probe in the middle of it is not refused.
    let health = tokio::time::timeout(ANSWER_BOUND, request(addr, "GET", "/healthz", ""))
        .await
        .expect("/healthz hung");
    assert_eq!(health.status, 200, "{health:?}");
    let mut slowest = Duration::ZERO;
    let mut shed = 0;
    while let Some(done) = flood.join_next().await {
        let (path, answer, took) = done.expect("request task");
        slowest = slowest.max(took);
        assert_eq!(answer.status, 503, "{path}: {answer:?}");
        assert_eq!(answer.header("retry-after"), Some("1"), "{path}");
        assert_overload_body(&path, &answer);
        shed += 1;
    }
    let flood_took = started.elapsed();
    let growth_mib = peak_rss_kib().saturating_sub(before) / 1024;
    eprintln!(
        "{shed} of {requests} requests shed in {flood_took:?} (slowest {slowest:?}); \
         peak RSS grew by {growth_mib} MiB"
    );
    assert_eq!(shed, requests);
    assert!(slowest < ANSWER_BOUND, "slowest answer took {slowest:?}");
    assert!(growth_mib < 64, "peak memory grew by {growth_mib} MiB");

    // The held uploads were not disturbed: they finish and commit.
    let mut ids = Vec::new();
    for (mut s, body) in held.into_iter().zip(&bodies) {
        s.write_all(&body[half..]).await.expect("write the rest");
        let answer = tokio::time::timeout(ANSWER_BOUND, read_answer(&mut s))
            .await
            .expect("upload answer hung");
        assert_eq!(answer.status, 201, "{answer:?}");
        let v = answer.json();
        assert_eq!(v["size"], body.len().to_string());
        ids.push(v["contentId"].as_str().expect("contentId").to_owned());
    }
    // Places are free again.
    let auth_header = format!("Authorization: {auth}\r\n");
    for (id, body) in ids.iter().zip(&bodies) {
        let answer = request(
            addr,
            "GET",
            &format!("{PREFIX}/contents/{id}"),
            &auth_header,
        )
        .await;
        assert_eq!(answer.status, 200, "{}", answer.head);
        assert!(answer.body == *body, "content {id} read back differently");
    }
    let answer = request(addr, "POST", "/api/v1/ticket", "").await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert!(answer.json()["ticketUuid"].is_string());
    let answer = request(addr, "GET", "/readyz", "").await;
    assert_eq!(answer.status, 200, "{answer:?}");

    let _ = stop.send(());
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("server stops")
        .expect("server task")
        .expect("serve");
}
