//! Connection limits over real TCP (`serve/` in signet-server, the
//! "Limits" table of docs/SECURITY.md): a client that connects and sends
//! nothing, one that dribbles a request head a byte at a time and a
//! kept-alive connection left idle are all disconnected, each after its
//! configured time (short ones here); one client address holds at most
//! `max_connections_per_client` connections, while another address, and
//! the same one after a connection has closed, is served.

mod raw_http;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use raw_http::{read_answer, start};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long a test waits for the server to close a connection before it
/// fails: well beyond every time configured here.
const BOUND: Duration = Duration::from_secs(15);

const HEALTHZ: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: signet\r\n\r\n";

/// Waits for the server to close `s`, and fails if it sends anything or
/// keeps the connection open past [`BOUND`].
async fn wait_closed<R: AsyncReadExt + Unpin>(s: &mut R) {
    let mut buf = [0u8; 1024];
    let closed = tokio::time::timeout(BOUND, s.read(&mut buf)).await;
    if let Ok(Ok(n @ 1..)) = closed {
        panic!(
            "the server answered instead of closing: {:?}",
            String::from_utf8_lossy(&buf[..n])
        );
    }
    assert!(
        closed.is_ok(),
        "the connection is still open after {BOUND:?}"
    );
}

/// The connection closed `since` was open at least `time` (a little less
/// than `what`, for the timers' granularity).
fn assert_not_before(since: Instant, time: Duration, what: &str) {
    let open = since.elapsed();
    assert!(open >= time, "closed after {open:?}, before {what}");
}

/// A `/healthz` answered on the kept-alive connection `s`.
async fn healthz(s: &mut TcpStream) {
    s.write_all(HEALTHZ).await.expect("write");
    let answer = read_answer(s).await.expect("an answer");
    assert_eq!(answer.status(), 200, "{answer:?}");
    let health: serde_json::Value = serde_json::from_slice(&answer.body).expect("JSON");
    assert_eq!(health["status"], "ok", "{answer:?}");
}

/// A new connection to `addr` from the local address `from`.
async fn connect_from(from: &str, addr: SocketAddr) -> TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind(format!("{from}:0").parse().expect("address"))
        .expect("bind");
    socket.connect(addr).await.expect("connect")
}

#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed_after_the_header_time() {
    let server = start(|c| c.header_timeout = Duration::from_secs(1)).await;
    let started = Instant::now();
    let mut s = TcpStream::connect(server.addr).await.expect("connect");
    wait_closed(&mut s).await;
    assert_not_before(started, Duration::from_millis(900), "the header time");
}

#[tokio::test]
async fn a_head_dribbled_a_byte_at_a_time_is_cut_off() {
    let server = start(|c| c.header_timeout = Duration::from_secs(2)).await;
    let s = TcpStream::connect(server.addr).await.expect("connect");
    let (mut from_server, mut to_server) = s.into_split();
    let watch = tokio::spawn(async move { wait_closed(&mut from_server).await });
    // A head that never ends, a byte every 250 ms: the connection is
    // never silent, so only a limit on the head's whole time ends it.
    let head = format!(
        "GET /healthz HTTP/1.1\r\nHost: signet\r\nX-Slow: {}",
        "a".repeat(200)
    );
    for byte in head.bytes() {
        if watch.is_finished() || to_server.write_all(&[byte]).await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    watch.await.expect("the server closed the connection");
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_after_the_idle_time() {
    let server = start(|c| {
        c.header_timeout = Duration::from_secs(1);
        c.keep_alive_idle = Duration::from_secs(3);
    })
    .await;
    let mut s = TcpStream::connect(server.addr).await.expect("connect");
    healthz(&mut s).await;
    // Longer than the header time, shorter than the idle time: between
    // requests the idle time applies, so the connection still serves.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    healthz(&mut s).await;
    let answered = Instant::now();
    wait_closed(&mut s).await;
    assert_not_before(answered, Duration::from_millis(2500), "the idle time");
}

#[tokio::test]
async fn one_address_holds_at_most_the_cap_of_connections() {
    let server = start(|c| c.max_connections_per_client = 3).await;
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut s = connect_from("127.0.0.1", server.addr).await;
        healthz(&mut s).await;
        held.push(s);
    }
    // The fourth from that address is closed without an answer.
    let mut fourth = connect_from("127.0.0.1", server.addr).await;
    let _ = fourth.write_all(HEALTHZ).await;
    wait_closed(&mut fourth).await;
    // Another address is served meanwhile.
    healthz(&mut connect_from("127.0.0.2", server.addr).await).await;
    // Once one of the three has closed, the first address is served again
    // (as soon as the server has seen that close).
    drop(held.pop());
    let deadline = Instant::now() + BOUND;
    loop {
        let mut s = connect_from("127.0.0.1", server.addr).await;
        let _ = s.write_all(HEALTHZ).await;
        if let Some(answer) = read_answer(&mut s).await {
            assert_eq!(answer.status(), 200, "{answer:?}");
            break;
        }
        assert!(Instant::now() < deadline, "no place freed after {BOUND:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_trusted_proxy_is_not_capped() {
    let server = start(|c| {
        c.max_connections_per_client = 1;
        c.trusted_proxies = vec!["127.0.0.1".parse().expect("address")];
    })
    .await;
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut s = connect_from("127.0.0.1", server.addr).await;
        healthz(&mut s).await;
        held.push(s);
    }
}
