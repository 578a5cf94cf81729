//! What the tests of the `signet` binary share: running it, a running
//! `signet serve` (started on a free port, read for its listening address,
//! stopped with SIGTERM or SIGKILL), and a raw HTTP/1.1 client over a
//! blocking socket that reads answers by their Content-Length.
#![allow(dead_code)] // each test file uses its own part

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use serde_json::Value;

pub const SIGNET: &str = env!("CARGO_BIN_EXE_signet");

pub fn signet(args: &[&str]) -> Output {
    Command::new(SIGNET)
        .args(args)
        .env_remove("SIGNET_DATA_DIR")
        .env_remove("SIGNET_DATABASE_URL")
        .env_remove("SIGNET_CONFIG")
        .output()
        .expect("run signet")
}

/// A running `signet serve`, killed on drop if still alive.
pub struct Server {
    pub child: Child,
    pub addr: String,
    /// Log lines (JSON) printed after the listening line.
    pub logs: Receiver<String>,
    /// Log lines printed up to the listening line.
    pub start_logs: Vec<String>,
}

impl Server {
    /// `signet serve --data-dir DATA` on a free port.
    pub fn start(data: &Path) -> Server {
        Server::start_with(&["--data-dir", data.to_str().expect("utf-8 path")], &[])
    }

    /// `signet serve ARGS` on a free port with the environment `envs`
    /// (and none of the SIGNET_* settings of the caller's).
    pub fn start_with(args: &[&str], envs: &[(&str, &str)]) -> Server {
        let mut cmd = Command::new(SIGNET);
        cmd.arg("serve")
            .args(["--listen", "127.0.0.1:0", "--log-format", "json"])
            .args(args)
            .env_remove("SIGNET_DATA_DIR")
            .env_remove("SIGNET_DATABASE_URL")
            .env_remove("SIGNET_CONFIG")
            .env("SIGNET_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn serve");
        let out = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut start_logs = Vec::new();
        loop {
            let Ok(line) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now()))
            else {
                let _ = child.kill();
                let _ = child.wait();
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                panic!("signet serve did not report listening: {err}")
            };
            let addr = serde_json::from_str::<Value>(&line)
                .ok()
                .and_then(|v| v["fields"]["addr"].as_str().map(str::to_owned));
            start_logs.push(line);
            if let Some(addr) = addr {
                return Server {
                    child,
                    addr,
                    logs: rx,
                    start_logs,
                };
            }
        }
    }

    /// SIGTERM, then waits (at most 10 s) for the process to exit.
    pub fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "signet serve did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// `GET path`: the status and the body as JSON (null when it is not).
    pub fn get(&self, path: &str) -> (u16, Value) {
        let a = self.call("GET", path, &[], &[]);
        (
            a.status,
            serde_json::from_slice(&a.body).unwrap_or(Value::Null),
        )
    }

    /// SIGKILL: no shutdown code runs.
    pub fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        let status = self.child.wait().expect("wait");
        assert!(!status.success(), "killed, not exited: {status:?}");
    }

    pub fn connect(&self) -> TcpStream {
        connect(&self.addr)
    }

    /// One request on its own connection: the status, the head and the
    /// body of the answer.
    pub fn call(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        call(&self.addr, method, path, headers, body)
    }
}

/// A connection to `addr` that waits at most 30 s for an answer.
pub fn connect(addr: &str) -> TcpStream {
    let s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    s
}

/// One request to the server at `addr` on its own connection. A server
/// may answer (a refusal) before it has read the whole body and close the
/// connection: a body that cannot be written whole is not an error here,
/// the answer read after it says what happened.
pub fn call(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    let mut s = connect(addr);
    s.write_all(request_head(addr, method, path, headers, body.len()).as_bytes())
        .expect("write head");
    let _ = s.write_all(body);
    read_answer(&mut s)
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn request_head(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    len: usize,
) -> String {
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {len}\r\n"
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    head
}

/// An HTTP answer: its status, head (status line and headers) and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}\n{}",
                self.head,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then_some(v.trim())
        })
    }
}

/// Reads one answer (signet always sends a Content-Length): as soon as it
/// is whole, so that a connection reset after it, when the server answered
/// before reading the whole request body, does not lose it.
pub fn read_answer(s: &mut TcpStream) -> Answer {
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).into_owned();
            let answer = Answer {
                status: head
                    .get(9..12)
                    .and_then(|s| s.parse().ok())
                    .unwrap_or_else(|| panic!("status line: {head}")),
                head,
                body: Vec::new(),
            };
            let len: usize = answer
                .header("content-length")
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("no Content-Length: {}", answer.head));
            if raw.len() >= end + 4 + len {
                return Answer {
                    body: raw[end + 4..end + 4 + len].to_vec(),
                    ..answer
                };
            }
        }
        match s.read(&mut buf) {
            Ok(0) => panic!(
                "connection closed before a whole answer: {:?}",
                String::from_utf8_lossy(&raw)
            ),
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) => panic!("reading the answer: {e}"),
        }
    }
}

/// Reproducible bytes that no other content shares.
pub fn bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f)
}

/// A live session (one hour) of the certificate `thumbprint`, written with
/// the store's API (sessions come only from a login otherwise): its id.
pub async fn live_session(
    store: &dyn signet_store::Store,
    thumbprint: &str,
    subject: &str,
) -> String {
    use signet_store::{Session, now_unix};
    let sid = signet_server::sessions::new_token().expect("rng");
    let now = now_unix();
    store
        .create_session(&Session::start(
            &sid,
            &format!("r-{sid}"),
            thumbprint,
            subject,
            now,
            3600,
            3600,
        ))
        .await
        .expect("session");
    sid
}
