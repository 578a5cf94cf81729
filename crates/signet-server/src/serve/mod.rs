//! Serving `app` on a listening socket, over HTTP or HTTPS, until a
//! shutdown signal.
//!
//! One accept loop and one task per connection (hyper-util's HTTP/1 and
//! HTTP/2 connection builder, as `axum::serve` uses it), so that every
//! connection is held to what `axum::serve` leaves open:
//!
//! - **a time for each request head** (`ServerConfig::header_timeout`) and
//!   **an idle limit between requests** (`ServerConfig::keep_alive_idle`),
//!   kept by the connection's [`clock::Clock`]: a client that connects and
//!   sends nothing, dribbles a head a byte a second or leaves a kept-alive
//!   connection idle is disconnected. The request timeout starts only
//!   once a head has arrived, so it does not cover these.
//! - **a cap per client address** (`ServerConfig::max_connections_per_client`,
//!   [`per_client`]): a connection beyond it is closed as it is accepted.
//!
//! On shutdown the listener closes, every connection is asked to finish
//! (idle ones close at once, requests in flight complete), and the
//! server waits for them up to `ServerConfig::request_timeout`.

mod clock;
mod per_client;

use std::future::Future;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};
use tower::ServiceExt;

use self::clock::{Clock, Timing, Tracked, Watched};
use self::per_client::{ClientConnections, ClientSlot};
use crate::app::app;
use crate::state::AppState;
use crate::sweeper::Sweeper;

/// TLS settings of `serve_tls`: a certificate chain and its private key,
/// PEM files.
#[derive(Clone, Debug)]
pub struct TlsFiles {
    /// The certificate chain, leaf first.
    pub cert: std::path::PathBuf,
    /// The private key (PKCS#8, PKCS#1 or SEC1).
    pub key: std::path::PathBuf,
}

/// Serves `app` over HTTP on `listener` until `shutdown` completes, then
/// lets requests in flight finish (up to the request timeout).
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    run(listener, None, state, shutdown).await
}

/// Serves `app` over HTTPS (rustls on aws-lc-rs; ALPN h2 and http/1.1) on
/// `listener` until `shutdown` completes, then lets requests in flight
/// finish (up to the request timeout).
pub async fn serve_tls(
    listener: std::net::TcpListener,
    tls: &TlsFiles,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Name the process-wide provider signet uses (aws-lc-rs; ring is not
    // built), so that no dependency's feature choice can make rustls ask
    // which. Installing twice is harmless.
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&tls.cert, &tls.key).await?;
    let acceptor = tokio_rustls::TlsAcceptor::from(config.get_inner());
    listener.set_nonblocking(true)?;
    run(
        TcpListener::from_std(listener)?,
        Some(acceptor),
        state,
        shutdown,
    )
    .await
}

/// What every connection task shares.
struct Shared {
    app: Router,
    tls: Option<tokio_rustls::TlsAcceptor>,
    timing: Timing,
}

async fn run(
    mut listener: TcpListener,
    tls: Option<tokio_rustls::TlsAcceptor>,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let config = state.config.clone();
    // Lapsed sessions and login challenges are swept while serving.
    let _sweeper = Sweeper::start(state.store.clone(), config.expired_sweep_interval);
    let clients = ClientConnections::new(
        config.max_connections_per_client,
        config.trusted_proxies.clone(),
    );
    let shared = Arc::new(Shared {
        app: app(state),
        tls,
        timing: Timing {
            header: config.header_timeout,
            idle: config.keep_alive_idle,
        },
    });
    // `stop` tells the connections to finish; each holds a clone of
    // `open`, so `open_rx` ends when the last one has.
    let (stop, stopping) = watch::channel(false);
    let (open, mut open_rx) = mpsc::channel::<()>(1);
    let mut shutdown = pin!(shutdown);
    loop {
        let (tcp, peer) = tokio::select! {
            // Shutdown first, so it is polled on every turn even while
            // connections keep arriving.
            biased;
            () = &mut shutdown => break,
            accepted = axum::serve::Listener::accept(&mut listener) => accepted,
        };
        let Some(slot) = clients.admit(peer.ip()) else {
            tracing::debug!(%peer, "connection refused: too many open from this client");
            continue;
        };
        tokio::spawn(connection(
            tcp,
            peer,
            shared.clone(),
            slot,
            stopping.clone(),
            open.clone(),
        ));
    }
    drop(listener);
    let _ = stop.send(true);
    drop(open);
    if tokio::time::timeout(config.request_timeout, open_rx.recv())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the grace period are dropped");
    }
    Ok(())
}

/// One connection: TLS if configured, then HTTP, for as long as its
/// clock allows; the client's slot is given back when it ends.
async fn connection(
    tcp: TcpStream,
    peer: SocketAddr,
    shared: Arc<Shared>,
    _slot: ClientSlot,
    stopping: watch::Receiver<bool>,
    _open: mpsc::Sender<()>,
) {
    let clock = Arc::new(Clock::new(shared.timing, Instant::now()));
    let io = Watched::new(tcp, clock.clone());
    let work = async {
        match &shared.tls {
            Some(acceptor) => match acceptor.accept(io).await {
                Ok(tls) => http(TokioIo::new(tls), peer, &shared.app, &clock, stopping).await,
                Err(e) => tracing::debug!(%peer, error = %e, "TLS handshake failed"),
            },
            None => http(TokioIo::new(io), peer, &shared.app, &clock, stopping).await,
        }
    };
    tokio::select! {
        () = work => {}
        () = clock.lapsed() => {
            tracing::debug!(%peer, "connection closed: no request head in time, or idle too long");
        }
    }
}

/// Serves HTTP/1 or HTTP/2 on `io`; on `stopping`, finishes the requests
/// in flight and closes.
async fn http<I>(
    io: I,
    peer: SocketAddr,
    app: &Router,
    clock: &Arc<Clock>,
    mut stopping: watch::Receiver<bool>,
) where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let app = app.clone();
    let clock = clock.clone();
    let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
        let request = clock.request_started();
        req.extensions_mut().insert(ConnectInfo(peer));
        let app = app.clone();
        async move {
            let response = app.oneshot(req.map(Body::new)).await?;
            Ok::<_, std::convert::Infallible>(response.map(|body| Tracked::new(body, request)))
        }
    });
    let mut builder = Builder::new(TokioExecutor::new());
    // As `axum::serve`: the CONNECT protocol, for WebSockets over HTTP/2.
    builder.http2().enable_connect_protocol();
    let mut conn = pin!(builder.serve_connection_with_upgrades(io, service));
    // The watch's guard is not held across the connection's await.
    let stop = async {
        let _ = stopping.wait_for(|stop| *stop).await;
    };
    let result = tokio::select! {
        result = conn.as_mut() => result,
        () = stop => {
            conn.as_mut().graceful_shutdown();
            conn.await
        }
    };
    if let Err(e) = result {
        tracing::debug!(%peer, error = %e, "connection ended with an error");
    }
}

/// Completes on SIGTERM or Ctrl-C. The SIGTERM handler is installed when
/// this is called, not when the future is first polled: a SIGTERM that
/// arrives before the accept loop gets round to polling it (a loaded
/// machine) must stop the server gracefully, not kill it.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    async move {
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        #[cfg(unix)]
        let term = async move {
            match term {
                Some(mut s) => {
                    s.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! {
            () = ctrl_c => {},
            () = term => {},
        }
        tracing::info!("shutdown signal received, finishing requests in flight");
    }
}
