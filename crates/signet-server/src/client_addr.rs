//! Which address a request comes from, for the per-client budgets (logins,
//! the web page, Cipher BIS tickets).
//!
//! The socket peer, unless it is one of the configured trusted proxies
//! (`--trusted-proxy`): then the `X-Forwarded-For` list is read from the
//! right ([RFC 7239] section 5.2 and the de-facto header it documents),
//! skipping the trusted proxies, and the first address that is not one is
//! the client. Without trusted proxies the header is ignored, so a client
//! cannot name itself a fresh address per request. A request with no socket
//! peer (an in-process call, as the tests make) honours the header.
//!
//! [RFC 7239]: https://datatracker.ietf.org/doc/html/rfc7239#section-5.2

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::state::AppState;

/// The client address of a request, as text (see the module
/// documentation): an extractor for the handlers that keep a budget per
/// client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let connect = parts.extensions.get::<ConnectInfo<SocketAddr>>();
        Ok(ClientAddr(client_ip(
            &state.config.trusted_proxies,
            connect,
            &parts.headers,
        )))
    }
}

/// The client address of a request, as text.
pub fn client_ip(
    trusted_proxies: &[IpAddr],
    connect: Option<&ConnectInfo<SocketAddr>>,
    headers: &HeaderMap,
) -> String {
    let peer = connect.map(|c| c.0.ip());
    if let Some(peer) = peer
        && !trusted_proxies.contains(&peer)
    {
        return peer.to_string();
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    forwarded
        .iter()
        .rev()
        .find(|hop| {
            hop.parse::<IpAddr>()
                .map_or(true, |ip| !trusted_proxies.contains(&ip))
        })
        .map(|hop| (*hop).to_owned())
        .or_else(|| peer.map(|p| p.to_string()))
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", xff.parse().expect("header"));
        h
    }

    fn peer(ip: &str) -> ConnectInfo<SocketAddr> {
        ConnectInfo(SocketAddr::new(ip.parse().expect("ip"), 40000))
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().expect("ip");
        let h = headers("203.0.113.9, 10.0.0.1");
        // Not behind a trusted proxy: the peer, whatever the header says.
        assert_eq!(
            client_ip(&[], Some(&peer("198.51.100.4")), &h),
            "198.51.100.4"
        );
        assert_eq!(
            client_ip(&[proxy], Some(&peer("198.51.100.4")), &h),
            "198.51.100.4"
        );
        // Behind it: the rightmost hop that is not a trusted proxy.
        assert_eq!(
            client_ip(&[proxy], Some(&peer("10.0.0.1")), &h),
            "203.0.113.9"
        );
        // A spoofed left part does not win over the hop the proxy added.
        let spoofed = headers("1.2.3.4, 203.0.113.9");
        assert_eq!(
            client_ip(&[proxy], Some(&peer("10.0.0.1")), &spoofed),
            "203.0.113.9"
        );
        // A trusted proxy with no header: the proxy itself.
        assert_eq!(
            client_ip(&[proxy], Some(&peer("10.0.0.1")), &HeaderMap::new()),
            "10.0.0.1"
        );
        // In-process calls: the header, else "unknown".
        assert_eq!(client_ip(&[], None, &h), "10.0.0.1");
        assert_eq!(client_ip(&[], None, &HeaderMap::new()), "unknown");
    }
}
