//! A connection's deadlines while no request is in progress, after the
//! model of nginx's `client_header_timeout` and `keepalive_timeout`:
//!
//! - the first request's head must be complete within the header time of
//!   the accept (a TLS handshake comes out of that time too);
//! - between requests, the connection may stay idle — no byte from the
//!   client — for the idle time;
//! - once a byte of a later request has arrived, its head must be
//!   complete within the header time of that byte.
//!
//! A request is in progress from its head's arrival (hyper calls the
//! service) until its answer has been sent (hyper drops the answer's
//! body); that time is the request timeout's, not this clock's. hyper's
//! own `header_read_timeout` is not used: it runs only once the HTTP
//! version is known (so not for a connection that sends nothing at all,
//! nor during a TLS handshake), and it would also close a kept-alive
//! connection after the header time instead of the idle time.
//!
//! HTTP/2 connections keep the same clock: idle while no stream is open,
//! and any frame from the client (a PING included) starts the header time.

use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes, HttpBody};
use http_body::{Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::Notify;

/// The connection time limits (`ServerConfig::header_timeout`,
/// `ServerConfig::keep_alive_idle`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Timing {
    /// Time for a request head.
    pub header: Duration,
    /// Time a kept-alive connection may wait for its next request.
    pub idle: Duration,
}

/// Where a connection is between requests.
#[derive(Debug)]
struct State {
    /// Requests whose answers are not yet sent.
    in_flight: usize,
    /// Whether a request has arrived on this connection.
    served: bool,
    /// When the connection was accepted, or its last answer sent.
    idle_since: Instant,
    /// When the first byte since then arrived.
    head_started: Option<Instant>,
}

impl State {
    /// When the connection is to be closed, if nothing changes; `None`
    /// while a request is in progress.
    fn deadline(&self, timing: Timing) -> Option<Instant> {
        if self.in_flight > 0 {
            None
        } else if !self.served {
            Some(self.idle_since + timing.header)
        } else if let Some(started) = self.head_started {
            Some(started + timing.header)
        } else {
            Some(self.idle_since + timing.idle)
        }
    }
}

/// One connection's clock (see the module documentation).
pub(super) struct Clock {
    timing: Timing,
    state: Mutex<State>,
    changed: Notify,
}

impl Clock {
    /// The clock of a connection accepted at `now`.
    pub fn new(timing: Timing, now: Instant) -> Self {
        Clock {
            timing,
            state: Mutex::new(State {
                in_flight: 0,
                served: false,
                idle_since: now,
                head_started: None,
            }),
            changed: Notify::new(),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn update(&self, change: impl FnOnce(&mut State)) {
        change(&mut self.state());
        self.changed.notify_one();
    }

    /// A request's head has arrived: no deadline until its answer is sent
    /// (the guard is dropped).
    pub fn request_started(self: &Arc<Self>) -> InProgress {
        self.request_began();
        InProgress(self.clone())
    }

    fn request_began(&self) {
        self.update(|s| {
            s.in_flight += 1;
            s.served = true;
            s.head_started = None;
        });
    }

    fn request_finished(&self, now: Instant) {
        self.update(|s| {
            s.in_flight = s.in_flight.saturating_sub(1);
            if s.in_flight == 0 {
                s.idle_since = now;
                s.head_started = None;
            }
        });
    }

    /// Bytes arrived from the client at `now`.
    fn bytes_arrived(&self, now: Instant) {
        let mut s = self.state();
        if s.in_flight == 0 && s.served && s.head_started.is_none() {
            s.head_started = Some(now);
            drop(s);
            self.changed.notify_one();
        }
    }

    /// Completes when the connection's deadline has passed.
    pub async fn lapsed(&self) {
        loop {
            let deadline = self.state().deadline(self.timing);
            match deadline {
                Some(at) if at <= Instant::now() => return,
                Some(at) => {
                    let _ = tokio::time::timeout_at(at.into(), self.changed.notified()).await;
                }
                None => self.changed.notified().await,
            }
        }
    }
}

/// A request in progress on a connection; dropped when its answer has
/// been sent.
pub(super) struct InProgress(Arc<Clock>);

impl Drop for InProgress {
    fn drop(&mut self) {
        self.0.request_finished(Instant::now());
    }
}

/// An answer's body that holds its request's [`InProgress`] until hyper
/// has sent it and drops it.
pub(super) struct Tracked {
    body: Body,
    _request: InProgress,
}

impl Tracked {
    /// `body`, sent for `request`.
    pub fn new(body: Body, request: InProgress) -> Self {
        Tracked {
            body,
            _request: request,
        }
    }
}

impl HttpBody for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// A connection's socket that tells its [`Clock`] when bytes arrive.
pub(super) struct Watched<T> {
    io: T,
    clock: Arc<Clock>,
}

impl<T> Watched<T> {
    /// `io`, watched by `clock`.
    pub fn new(io: T, clock: Arc<Clock>) -> Self {
        Watched { io, clock }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Watched<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let this = &mut *self;
        let polled = Pin::new(&mut this.io).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            this.clock.bytes_arrived(Instant::now());
        }
        polled
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Watched<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIMING: Timing = Timing {
        header: Duration::from_secs(10),
        idle: Duration::from_secs(60),
    };

    #[test]
    fn deadlines_follow_the_connection() {
        let t0 = Instant::now();
        let secs = Duration::from_secs;
        let clock = Clock::new(TIMING, t0);
        let deadline = || clock.state().deadline(TIMING);
        // The first head: the header time from the accept, bytes or not.
        assert_eq!(deadline(), Some(t0 + secs(10)));
        clock.bytes_arrived(t0 + secs(5));
        assert_eq!(deadline(), Some(t0 + secs(10)));
        // In progress: no deadline.
        clock.request_began();
        clock.bytes_arrived(t0 + secs(7));
        assert_eq!(deadline(), None);
        // Answered: the idle time from then, until a byte arrives.
        clock.request_finished(t0 + secs(100));
        assert_eq!(deadline(), Some(t0 + secs(160)));
        clock.bytes_arrived(t0 + secs(130));
        assert_eq!(deadline(), Some(t0 + secs(140)));
        clock.bytes_arrived(t0 + secs(135));
        assert_eq!(deadline(), Some(t0 + secs(140)));
        // Two requests at once (HTTP/2): idle only when both are answered.
        clock.request_began();
        clock.request_began();
        clock.request_finished(t0 + secs(150));
        assert_eq!(deadline(), None);
        clock.request_finished(t0 + secs(155));
        assert_eq!(deadline(), Some(t0 + secs(215)));
    }
}
