//! Cipher BIS ticket API (spec 001, `/api/v1/ticket…`): a client opens a
//! ticket (a session), uploads data and a key container, reads the
//! certificate info, has the data signed or a signature verified, fetches
//! the result and closes the ticket.
//!
//! Tickets live in this process's memory only, as the vendor's do: the key
//! container is never written to the store, a disk or a log, is kept
//! encrypted as uploaded, opened with the password for each operation,
//! and wiped (zeroized) with the ticket on `DELETE`, on expiry after the
//! configured idle time, or when replaced. Several instances behind a load
//! balancer therefore need sticky routing by ticket.
//!
//! Signing and verification run asynchronously, as the vendor's do:
//! `POST …/ds/creator` starts signing and `GET …/ds/creator` answers 202
//! while it runs; `POST …/ds/verifier` starts verification and `GET
//! …/ds/verifier` waits for its result.
//!
//! Tickets are memory, so who may open them is limited (the spec sets no
//! limit and says nothing of refusing one): each client address
//! (`client_addr.rs`) may hold so many open and open so many a second
//! (429 with `Retry-After` beyond either), and all clients together so
//! many (503 beyond), so that one client cannot take every ticket.

mod body;
pub mod error;
pub mod handlers;
mod jobs;
mod key_store;
pub mod log_tag;
pub mod messages;
pub mod options;
pub mod protected;
mod sign;
pub mod verify;

use std::borrow::Cow;
use std::collections::HashMap;
use std::net::Ipv6Addr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::sync::watch;
use uuid::Uuid;
use zeroize::Zeroizing;

use self::error::TicketError;
use self::messages::Msg;
use self::options::SessionOptions;
use self::verify::VerifyOutcome;
use crate::rate_limit::TokenBuckets;

/// Bytes that are wiped when dropped: the key container, the data.
pub type Secret = Zeroizing<Vec<u8>>;

/// The state of an asynchronous operation: `None` while it runs.
pub type Progress<T> = watch::Receiver<Option<T>>;

/// One ticket.
#[derive(Default)]
pub struct Ticket {
    /// Signing and verification options.
    pub options: SessionOptions,
    /// The data to sign, or the signed content of a detached signature.
    pub data: Option<Arc<Secret>>,
    /// The signature: uploaded (`ds/data`) or made (`ds/creator`).
    pub signature: Option<Arc<Vec<u8>>>,
    /// The key container as uploaded (still encrypted).
    pub key_store: Option<Arc<Secret>>,
    /// Certificates uploaded beside the container.
    pub certificates: Vec<signet_pki::Certificate>,
    /// Signing in progress or done: `Ok` or why it failed.
    pub creator: Option<Progress<Result<(), String>>>,
    /// Verification in progress or done.
    pub verifier: Option<Progress<VerifyOutcome>>,
}

impl Ticket {
    /// Drops the key container (wiped as it goes).
    pub fn wipe(&mut self) {
        *self = Ticket::default();
    }
}

struct Entry {
    ticket: Arc<tokio::sync::Mutex<Ticket>>,
    last_used: Instant,
    /// The client address that opened it.
    owner: String,
}

/// What one client address may open (0 = unlimited).
#[derive(Clone, Copy, Debug)]
pub struct ClientShare {
    /// Tickets open at once.
    pub open: usize,
    /// Tickets opened a second, after a burst of `burst`.
    pub per_second: u32,
    /// See `per_second`.
    pub burst: u32,
}

/// The key a client's share is counted under: its address, an IPv6 one by
/// its /64, since a host is commonly given a whole /64 ([RFC 7934 section
/// 6]) and could otherwise be a new client per address.
///
/// [RFC 7934 section 6]: https://datatracker.ietf.org/doc/html/rfc7934#section-6
fn share_key(client: &str) -> Cow<'_, str> {
    match client.parse::<Ipv6Addr>() {
        Ok(v6) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            Cow::Owned(format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3]))
        }
        _ => Cow::Borrowed(client),
    }
}

/// Every open ticket.
pub struct Tickets {
    entries: Mutex<HashMap<Uuid, Entry>>,
    idle: Duration,
    max: usize,
    per_client: usize,
    openings: TokenBuckets,
}

impl Tickets {
    /// Tickets that lapse after `idle` without use; at most `max` open, and
    /// `share` of them per client.
    pub fn new(idle: Duration, max: usize, share: ClientShare) -> Self {
        Tickets {
            entries: Mutex::new(HashMap::new()),
            idle,
            max,
            per_client: share.open,
            openings: TokenBuckets::new(share.per_second, share.burst),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<Uuid, Entry>> {
        // A panic while holding the lock leaves the map consistent (every
        // change is a single insert or remove), so a poisoned lock is used.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Opens a ticket for client address `client`: refused 429 when the
    /// client opens them faster than its rate or holds its share (then
    /// `Retry-After` is when its oldest lapses), 503 when every ticket is
    /// taken.
    pub fn open(&self, client: &str) -> Result<Uuid, TicketError> {
        let key = share_key(client);
        let client = key.as_ref();
        self.openings
            .take(client)
            .map_err(|wait| TicketError::too_many(Msg::TicketRate, wait))?;
        let mut entries = self.lock();
        let now = Instant::now();
        entries.retain(|_, e| now.duration_since(e.last_used) < self.idle);
        if self.per_client > 0 {
            let held = entries.values().filter(|e| e.owner == client);
            let (count, oldest) = held.fold((0, now), |(n, t), e| (n + 1, t.min(e.last_used)));
            if count >= self.per_client {
                let lapses = self.idle.saturating_sub(now.duration_since(oldest));
                return Err(TicketError::too_many(Msg::TicketQuota, lapses));
            }
        }
        if entries.len() >= self.max {
            return Err(TicketError::Unavailable(Msg::TooManyTickets));
        }
        let id = Uuid::new_v4();
        entries.insert(
            id,
            Entry {
                ticket: Arc::new(tokio::sync::Mutex::new(Ticket::default())),
                last_used: now,
                owner: client.to_owned(),
            },
        );
        Ok(id)
    }

    /// The live ticket `id`, its idle time restarted.
    pub fn get(&self, id: &str) -> Result<Arc<tokio::sync::Mutex<Ticket>>, TicketError> {
        let id = Uuid::parse_str(id.trim()).map_err(|_| TicketError::NoTicket)?;
        let mut entries = self.lock();
        let now = Instant::now();
        match entries.get_mut(&id) {
            Some(e) if now.duration_since(e.last_used) < self.idle => {
                e.last_used = now;
                Ok(e.ticket.clone())
            }
            Some(_) => {
                entries.remove(&id);
                Err(TicketError::NoTicket)
            }
            None => Err(TicketError::NoTicket),
        }
    }

    /// Closes ticket `id`; its contents are wiped once no operation holds
    /// them.
    pub async fn close(&self, id: &str) -> Result<(), TicketError> {
        let ticket = self.get(id)?;
        if let Ok(uuid) = Uuid::parse_str(id.trim()) {
            self.lock().remove(&uuid);
        }
        ticket.lock().await.wipe();
        Ok(())
    }

    /// How many tickets are open (lapsed ones included until swept).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no ticket is open.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeroize::Zeroize;

    const UNLIMITED: ClientShare = ClientShare {
        open: 0,
        per_second: 0,
        burst: 0,
    };

    #[test]
    fn tickets_open_expire_and_close() {
        let tickets = Tickets::new(Duration::from_millis(50), 2, UNLIMITED);
        let a = tickets.open("c").unwrap();
        let _b = tickets.open("c").unwrap();
        assert!(matches!(
            tickets.open("c"),
            Err(TicketError::Unavailable(_))
        ));
        assert!(tickets.get(&a.to_string()).is_ok());
        assert!(matches!(
            tickets.get("nonsense"),
            Err(TicketError::NoTicket)
        ));
        std::thread::sleep(Duration::from_millis(60));
        assert!(matches!(
            tickets.get(&a.to_string()),
            Err(TicketError::NoTicket)
        ));
        // Lapsed tickets are swept when a new one opens.
        let c = tickets.open("c").unwrap();
        assert_eq!(tickets.len(), 1);
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(tickets.close(&c.to_string())).unwrap();
        assert!(tickets.is_empty());
    }

    /// Closing a ticket drops the last reference to its key container, so
    /// the `Zeroizing` buffer is wiped then, not at some later point.
    #[test]
    fn closing_a_ticket_drops_its_key_container() {
        let tickets = Tickets::new(Duration::from_secs(60), 4, UNLIMITED);
        let id = tickets.open("c").unwrap().to_string();
        let handle = tickets.get(&id).unwrap();
        let container = Arc::new(Zeroizing::new(b"key container".to_vec()));
        let weak = Arc::downgrade(&container);
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(async {
            handle.lock().await.key_store = Some(container);
            tickets.close(&id).await.unwrap();
        });
        assert!(weak.upgrade().is_none(), "the container outlived DELETE");
        assert!(matches!(tickets.get(&id), Err(TicketError::NoTicket)));
    }

    /// One client's share does not shrink another's; the global cap stays
    /// behind the shares.
    #[test]
    fn a_client_holds_at_most_its_share() {
        let share = ClientShare {
            open: 2,
            per_second: 0,
            burst: 0,
        };
        let tickets = Tickets::new(Duration::from_secs(60), 3, share);
        tickets.open("a").unwrap();
        tickets.open("a").unwrap();
        let Err(TicketError::TooMany { retry_after, .. }) = tickets.open("a") else {
            panic!("a third ticket for one client");
        };
        assert!(retry_after > Duration::from_secs(50), "{retry_after:?}");
        tickets.open("b").unwrap();
        assert!(matches!(
            tickets.open("c"),
            Err(TicketError::Unavailable(_))
        ));
    }

    #[test]
    fn an_ipv6_client_is_its_64() {
        assert_eq!(share_key("2001:db8:1:2:aa::1"), "2001:db8:1:2::/64");
        assert_eq!(share_key("2001:db8:1:2:ffff::9"), "2001:db8:1:2::/64");
        assert_eq!(share_key("2001:db8:1:3::1"), "2001:db8:1:3::/64");
        assert_eq!(share_key("::ffff:192.0.2.1"), "::ffff:192.0.2.1");
        assert_eq!(share_key("192.0.2.1"), "192.0.2.1");
        assert_eq!(share_key("unknown"), "unknown");
    }

    #[test]
    fn the_buffer_type_zeroizes() {
        let mut secret: Secret = Zeroizing::new(vec![0xAA; 32]);
        secret.zeroize();
        assert!(secret.is_empty());
    }
}
