//! The cap on connections open at once from one client
//! (`ServerConfig::max_connections_per_client`), so that one address
//! cannot hold every socket and task the process has.
//!
//! The client is the socket peer: connections are counted as they are
//! accepted, before any header could name another address
//! (`client_addr.rs`). An IPv4-mapped IPv6 peer counts as its IPv4
//! address; an IPv6 peer counts by its /64, the block one site or host
//! is usually given ([RFC 6177]), since a host with a /64 has more
//! addresses than it could ever open connections. The trusted proxies
//! are not limited: each carries many clients.
//!
//! [RFC 6177]: https://datatracker.ietf.org/doc/html/rfc6177

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// Open connections per client.
pub(super) struct ClientConnections {
    cap: usize,
    unlimited: Vec<IpAddr>,
    open: Mutex<HashMap<IpAddr, usize>>,
}

/// A client's place, given back when dropped (the connection ended).
pub(super) struct ClientSlot {
    table: Arc<ClientConnections>,
    /// `None` for a trusted proxy, which is not counted.
    client: Option<IpAddr>,
}

/// The key a peer is counted under.
fn client_of(peer: IpAddr) -> IpAddr {
    match peer.to_canonical() {
        IpAddr::V6(v6) => {
            let [a, b, c, d, ..] = v6.segments();
            IpAddr::V6(Ipv6Addr::new(a, b, c, d, 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

impl ClientConnections {
    /// At most `cap` connections per client; none counted for the
    /// `unlimited` addresses.
    pub fn new(cap: usize, unlimited: Vec<IpAddr>) -> Arc<Self> {
        Arc::new(ClientConnections {
            cap,
            unlimited,
            open: Mutex::new(HashMap::new()),
        })
    }

    fn open(&self) -> MutexGuard<'_, HashMap<IpAddr, usize>> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A place for a connection from `peer`, or `None` when its client has
    /// `cap` open already.
    pub fn admit(self: &Arc<Self>, peer: IpAddr) -> Option<ClientSlot> {
        if self.unlimited.contains(&peer) || self.unlimited.contains(&peer.to_canonical()) {
            return Some(ClientSlot {
                table: self.clone(),
                client: None,
            });
        }
        let client = client_of(peer);
        let mut open = self.open();
        let count = open.entry(client).or_insert(0);
        if *count >= self.cap {
            return None;
        }
        *count += 1;
        Some(ClientSlot {
            table: self.clone(),
            client: Some(client),
        })
    }
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let Some(client) = self.client else {
            return;
        };
        let mut open = self.table.open();
        if let Some(count) = open.get_mut(&client) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&client);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("address")
    }

    #[test]
    fn a_client_gets_cap_places_and_gets_them_back() {
        let table = ClientConnections::new(2, vec![ip("10.0.0.1")]);
        let a = table.admit(ip("192.0.2.1")).expect("first");
        let _b = table
            .admit(ip("::ffff:192.0.2.1"))
            .expect("second, as IPv4");
        assert!(table.admit(ip("192.0.2.1")).is_none());
        // Another client, and the trusted proxy, are not affected.
        assert!(table.admit(ip("192.0.2.2")).is_some());
        let proxies: Vec<_> = (0..5).filter_map(|_| table.admit(ip("10.0.0.1"))).collect();
        assert_eq!(proxies.len(), 5);
        drop(a);
        assert!(table.admit(ip("192.0.2.1")).is_some());
    }

    #[test]
    fn an_ipv6_client_is_its_64() {
        let table = ClientConnections::new(1, Vec::new());
        let a = table.admit(ip("2001:db8:1:2::1")).expect("first");
        assert!(table.admit(ip("2001:db8:1:2:ffff::9")).is_none());
        assert!(table.admit(ip("2001:db8:1:3::1")).is_some());
        // Every place given back: nothing is left in the table.
        drop(a);
        assert!(table.open().is_empty());
    }
}
