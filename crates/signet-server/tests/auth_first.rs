//! The families that need a credential check it before they read a body
//! (`cryptoapi/auth.rs`, `reestro/auth.rs`): a request without a valid
//! one is refused in its family's format while its body is still
//! arriving, so an unauthenticated client cannot make the server hold
//! its body (64 MiB for `/v3/validate`) in memory.
//!
//! Each request of the first two tests sends its head and the first
//! 64 KiB of a body that never finishes. The request timeout is 3 s: a
//! server that read the body first would answer 408 when it lapsed, never
//! the 401. The third sends six anonymous 60 MiB bodies at once, as the
//! attack did, and measures the process's peak memory.

mod raw_http;

use std::time::Duration;

use raw_http::{Answer, read_answer, start};
use serde_json::Value;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

const PREFIX: &str = "/realty/crypto/v2";

/// Sends `head` (without its blank line) with `Content-Length: length`
/// and 64 KiB of the body, then reads the answer with the rest held back.
async fn answer_before_the_body(addr: std::net::SocketAddr, head: &str, length: usize) -> Answer {
    let mut s = TcpStream::connect(addr).await.expect("connect");
    let head = format!("{head}Host: signet\r\nContent-Length: {length}\r\n\r\n");
    s.write_all(head.as_bytes()).await.expect("write the head");
    let part = vec![b'A'; 64 * 1024];
    s.write_all(&part).await.expect("write a part of the body");
    tokio::time::timeout(Duration::from_secs(30), read_answer(&mut s))
        .await
        .expect("an answer in time")
        .expect("an answer before the connection closed")
}

/// VmHWM (peak resident set) of this process, in KiB, as
/// `tests/overload.rs` reads it.
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

fn json(answer: &Answer) -> Value {
    serde_json::from_slice(&answer.body).unwrap_or_else(|e| panic!("not JSON ({e}): {answer:?}"))
}

#[tokio::test]
async fn validate_refuses_a_caller_without_a_token_before_reading_the_body() {
    let server = start(|c| {
        c.request_timeout = Duration::from_secs(3);
        c.api_keys = vec!["the-right-key".into()];
    })
    .await;
    for authorization in ["", "Authorization: Bearer not-a-key\r\n"] {
        let head = format!(
            "POST /v3/validate HTTP/1.1\r\nContent-Type: application/json\r\n{authorization}"
        );
        let answer = answer_before_the_body(server.addr, &head, 60 << 20).await;
        assert_eq!(answer.status(), 401, "{authorization:?}: {answer:?}");
        assert!(
            answer
                .head
                .to_ascii_lowercase()
                .contains("www-authenticate: bearer"),
            "{answer:?}"
        );
        let body = json(&answer);
        assert!(body["Message"].is_string(), "{body}");
        assert_eq!(body.as_object().map(|o| o.len()), Some(1), "{body}");
    }
}

#[tokio::test]
async fn reestro_refuses_a_caller_without_a_session_before_reading_the_body() {
    let server = start(|c| {
        c.request_timeout = Duration::from_secs(3);
        c.reestro_prefix = PREFIX.into();
    })
    .await;
    let unknown = format!(
        "Authorization: ReestroAuth auth.sid=00&portal.orgid={}\r\n",
        uuid::Uuid::new_v4()
    );
    for (target, length) in [("signatures/verify", 1 << 20), ("contents", 1 << 30)] {
        for authorization in ["", unknown.as_str()] {
            let head = format!(
                "POST {PREFIX}/{target} HTTP/1.1\r\nContent-Type: application/json\r\n{authorization}"
            );
            let answer = answer_before_the_body(server.addr, &head, length).await;
            assert_eq!(
                answer.status(),
                401,
                "{target} {authorization:?}: {answer:?}"
            );
            assert_eq!(
                json(&answer)["code"],
                "unauthorized",
                "{target}: {answer:?}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn six_anonymous_60_mib_bodies_are_not_held_in_memory() {
    const LENGTH: usize = 60 << 20;
    let server = start(|c| c.api_keys = vec!["the-right-key".into()]).await;
    let before = peak_rss_kib();
    let senders: Vec<_> = (0..6)
        .map(|_| {
            let addr = server.addr;
            tokio::spawn(async move {
                let mut s = TcpStream::connect(addr).await.expect("connect");
                let head = format!(
                    "POST /v3/validate HTTP/1.1\r\nHost: signet\r\n\
                     Content-Type: application/json\r\nContent-Length: {LENGTH}\r\n\r\n"
                );
                s.write_all(head.as_bytes()).await.expect("write the head");
                // The body from one small buffer, so that the client's own
                // memory does not count; the server may close the
                // connection before it is all sent.
                let chunk = vec![b'A'; 64 * 1024];
                let mut sent = 0;
                while sent < LENGTH && s.write_all(&chunk).await.is_ok() {
                    sent += chunk.len();
                }
                // The answer, unless the server's close reset the
                // connection before the client read it.
                read_answer(&mut s).await.map(|a| a.status())
            })
        })
        .collect();
    for sender in senders {
        let status = tokio::time::timeout(Duration::from_secs(60), sender)
            .await
            .expect("each request ends")
            .expect("the client task");
        assert!(matches!(status, None | Some(401)), "{status:?}");
    }
    let growth_mib = peak_rss_kib().saturating_sub(before) / 1024;
    assert!(
        growth_mib < 64,
        "peak memory grew by {growth_mib} MiB for 6 anonymous bodies of 60 MiB"
    );
}
