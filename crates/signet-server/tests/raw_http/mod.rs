//! A signet server on 127.0.0.1 and answers read off a raw socket, for
//! the tests that need to control exactly which bytes a client sends and
//! when (`connections.rs`, `auth_first.rs`).

use std::net::SocketAddr;
use std::sync::Arc;

use signet_pki::TrustStore;
use signet_server::{AppState, ServerConfig};
use signet_store::{SqliteStore, Store};
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

/// A running server; it shuts down when dropped.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    _dir: tempfile::TempDir,
    _stop: tokio::sync::oneshot::Sender<()>,
}

/// Starts `signet_server::serve` on a free port of 127.0.0.1, with a new
/// SQLite store and the defaults changed by `configure`.
pub async fn start(configure: impl FnOnce(&mut ServerConfig)) -> Server {
    let dir = tempfile::tempdir().expect("dir");
    let store: Arc<dyn Store> = Arc::new(
        SqliteStore::open(&dir.path().join("signet.db"))
            .await
            .expect("sqlite"),
    );
    let mut config = ServerConfig::new("127.0.0.1:0".parse().expect("addr"));
    configure(&mut config);
    let state = AppState::new(config, store, TrustStore::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(signet_server::serve(listener, state, async {
        let _ = stopped.await;
    }));
    Server {
        addr,
        _dir: dir,
        _stop: stop,
    }
}

/// An answer: its head and body.
#[derive(Debug)]
pub struct Answer {
    /// The status line and headers.
    pub head: String,
    /// The body (`Content-Length` bytes).
    pub body: Vec<u8>,
}

impl Answer {
    /// The status code.
    pub fn status(&self) -> u16 {
        self.head
            .get(9..12)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("status line: {}", self.head))
    }
}

/// Reads one answer (with `Content-Length`) from `s`, leaving the
/// connection open; `None` if the connection closes first.
pub async fn read_answer(s: &mut TcpStream) -> Option<Answer> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).into_owned();
            let length: usize = head
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse().ok())?
                })
                .unwrap_or(0);
            if raw.len() >= end + 4 + length {
                return Some(Answer {
                    head,
                    body: raw[end + 4..end + 4 + length].to_vec(),
                });
            }
        }
        match s.read(&mut buf).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
        }
    }
}
