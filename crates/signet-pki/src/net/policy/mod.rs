//! The fetch policy: which hosts and addresses signet may contact when it
//! fetches a URL named in its input (caIssuers, CRL distribution points,
//! OCSP responders) or configured by the operator (a TSA).
//!
//! A URL in a certificate is chosen by whoever made the certificate. Left
//! alone, such a URL lets an anonymous caller make signet send requests
//! inside the network it runs in: to a cloud's instance metadata service
//! (credentials at `http://169.254.169.254/`), or to anything link-local.
//! The policy is checked against the **addresses a connection really goes
//! to**: the HTTP client resolves a name once, drops the addresses the
//! policy denies and connects only to those it checked, so that a name
//! resolving to a metadata address — or resolving to one between a check
//! and the connection (DNS rebinding) — is refused too. Redirects are
//! resolved and checked the same way.
//!
//! Rules name IP networks in CIDR notation ([RFC 4632] section 3.1 for
//! IPv4, [RFC 4291] section 2.3 for IPv6), single addresses, or host
//! names (`ca.example`, or `*.example` / `.example` for a domain and every
//! name under it). By default, with no rule of the operator's:
//!
//! - denied: link-local networks, 169.254.0.0/16 ([RFC 3927]) and
//!   fe80::/10 ([RFC 4291] section 2.5.6); the cloud instance metadata
//!   addresses (169.254.169.254 of AWS, Google Cloud, Azure and OpenStack,
//!   AWS's fd00:ec2::254, Google Cloud's fd20:ce::254, Alibaba Cloud's
//!   100.100.100.200, Azure's platform address 168.63.129.16); and the
//!   unspecified addresses 0.0.0.0/8 and `::` ([RFC 6890]), which
//!   connect to the host itself;
//! - allowed: everything else, loopback and private networks included —
//!   internal CAs and responders live there; an operator restricts them
//!   with deny rules.
//!
//! How a connection to an address, for a URL's host, is decided:
//!
//! 1. a host-name rule of the operator's matching the URL's host decides
//!    first, the most specific one (an exact name over a domain, a longer
//!    domain over a shorter one; deny over allow). A denied name is refused
//!    before it is resolved; an allowed name is exempt from the operator's
//!    network deny rules (not from the built-in ones);
//! 2. otherwise the most specific network rule containing the address
//!    decides: the longest prefix, then an operator's rule over a built-in
//!    one, then deny over allow. So `deny 10.0.0.0/8` with `allow
//!    10.1.2.0/24` opens one subnet, `allow 169.254.169.254` (as specific
//!    as the built-in rule) opens the metadata address, and `allow
//!    0.0.0.0/0` opens nothing the built-in rules close;
//! 3. an address no rule contains is allowed.
//!
//! An IPv4-mapped IPv6 address (`::ffff:169.254.169.254`, [RFC 4291]
//! section 2.5.5.2) is judged as the IPv4 address it maps.
//!
//! [RFC 4632]: https://datatracker.ietf.org/doc/html/rfc4632#section-3.1
//! [RFC 4291]: https://datatracker.ietf.org/doc/html/rfc4291#section-2.3
//! [RFC 3927]: https://datatracker.ietf.org/doc/html/rfc3927
//! [RFC 6890]: https://datatracker.ietf.org/doc/html/rfc6890#section-2.2.2

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

/// An IP network in CIDR notation: an address whose bits past the prefix
/// are zero, and the prefix length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IpNetwork {
    address: IpAddr,
    prefix: u8,
}

impl IpNetwork {
    /// The network of `address` with `prefix` bits; refused when the
    /// prefix is longer than the address or bits past it are set (a typo
    /// such as `10.1.2.3/8` is more likely than a wish for 10.0.0.0/8).
    pub fn new(address: IpAddr, prefix: u8) -> Result<Self, PolicyParseError> {
        let network = IpNetwork { address, prefix };
        if prefix > network.max_prefix() {
            return Err(PolicyParseError::BadPrefix {
                input: format!("{address}/{prefix}"),
                max: network.max_prefix(),
            });
        }
        let masked = network.masked();
        if masked != network {
            return Err(PolicyParseError::HostBitsSet {
                input: format!("{address}/{prefix}"),
                network: masked,
            });
        }
        Ok(network)
    }

    /// The network holding just `address`.
    pub fn host(address: IpAddr) -> Self {
        let prefix = match address {
            IpAddr::V4(_) => 32,
            IpAddr::V6(_) => 128,
        };
        IpNetwork { address, prefix }
    }

    /// The network's first address.
    pub fn address(&self) -> IpAddr {
        self.address
    }

    /// The prefix length.
    pub fn prefix(&self) -> u8 {
        self.prefix
    }

    /// Whether `address` is in the network (an IPv4 network never holds
    /// an IPv6 address; map first).
    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.address, address) {
            (IpAddr::V4(net), IpAddr::V4(a)) => {
                let mask = mask32(self.prefix);
                u32::from(net) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(a)) => {
                let mask = mask128(self.prefix);
                u128::from(net) & mask == u128::from(a) & mask
            }
            _ => false,
        }
    }

    fn max_prefix(&self) -> u8 {
        match self.address {
            IpAddr::V4(_) => 32,
            IpAddr::V6(_) => 128,
        }
    }

    /// The network with the bits past the prefix cleared.
    fn masked(&self) -> Self {
        let address = match self.address {
            IpAddr::V4(a) => IpAddr::V4(Ipv4Addr::from(u32::from(a) & mask32(self.prefix))),
            IpAddr::V6(a) => IpAddr::V6(Ipv6Addr::from(u128::from(a) & mask128(self.prefix))),
        };
        IpNetwork {
            address,
            prefix: self.prefix,
        }
    }
}

fn mask32(prefix: u8) -> u32 {
    u32::MAX
        .checked_shl(32 - u32::from(prefix.min(32)))
        .unwrap_or(0)
}

fn mask128(prefix: u8) -> u128 {
    u128::MAX
        .checked_shl(128 - u32::from(prefix.min(128)))
        .unwrap_or(0)
}

impl fmt::Display for IpNetwork {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.address, self.prefix)
    }
}

impl FromStr for IpNetwork {
    type Err = PolicyParseError;

    /// `10.0.0.0/8`, `fd00::/8`, or one address (`10.1.2.3`, `::1`,
    /// `[::1]`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || PolicyParseError::BadAddress {
            input: s.to_owned(),
        };
        match s.split_once('/') {
            Some((address, prefix)) => {
                let address = parse_address(address).ok_or_else(bad)?;
                // Digits only: `u8::from_str` would take "+8".
                if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(bad());
                }
                let max = IpNetwork::host(address).max_prefix();
                let prefix = prefix
                    .parse::<u8>()
                    .map_err(|_| PolicyParseError::BadPrefix {
                        input: s.to_owned(),
                        max,
                    })?;
                IpNetwork::new(address, prefix)
            }
            None => parse_address(s).map(IpNetwork::host).ok_or_else(bad),
        }
    }
}

/// An address as written in a rule or a URL's host: `10.1.2.3`, `::1`,
/// `[::1]`.
fn parse_address(s: &str) -> Option<IpAddr> {
    let inner = s
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or(s);
    inner.parse().ok()
}

/// A host name in a rule: one name, or a domain and every name under it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HostPattern {
    /// Lower case, no trailing dot.
    name: String,
    /// Also every name under `name`.
    subdomains: bool,
}

impl HostPattern {
    /// Whether `host` (as in a URL, any case, perhaps with a trailing
    /// dot) matches.
    pub fn matches(&self, host: &str) -> bool {
        let host = normalize_host(host);
        if host == self.name {
            return true;
        }
        self.subdomains
            && host
                .strip_suffix(self.name.as_str())
                .is_some_and(|above| above.ends_with('.'))
    }

    /// Ordering of specificity: an exact name over any domain, a longer
    /// domain over a shorter one.
    fn specificity(&self) -> (bool, usize) {
        (!self.subdomains, self.name.len())
    }
}

impl fmt::Display for HostPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.subdomains {
            write!(f, "*.{}", self.name)
        } else {
            f.write_str(&self.name)
        }
    }
}

impl FromStr for HostPattern {
    type Err = PolicyParseError;

    /// `ca.example`, `*.example` or `.example` (the domain and every name
    /// under it). Labels are letters, digits, `-` and `_` ([RFC 1123]
    /// section 2.1 names, and the underscores some internal names carry),
    /// 1 to 63 characters, not starting or ending with `-`; 253 characters
    /// at most in all.
    ///
    /// [RFC 1123]: https://datatracker.ietf.org/doc/html/rfc1123#section-2.1
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || PolicyParseError::BadHost {
            input: s.to_owned(),
        };
        let (rest, subdomains) = match s.strip_prefix("*.").or_else(|| s.strip_prefix('.')) {
            Some(rest) => (rest, true),
            None => (s, false),
        };
        let name = normalize_host(rest);
        let label_ok = |l: &str| {
            (1..=63).contains(&l.len())
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        if name.is_empty() || name.len() > 253 || !name.split('.').all(label_ok) {
            return Err(bad());
        }
        // A dotted quad is an address, not a name; `10.0.0` would be read
        // as one by some resolvers.
        if name
            .split('.')
            .all(|l| l.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad());
        }
        Ok(HostPattern { name, subdomains })
    }
}

/// A URL's host as rules compare it: lower case, without a trailing dot
/// or IPv6 brackets.
fn normalize_host(host: &str) -> String {
    let host = host
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or(host);
    host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase()
}

/// What a rule matches.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RuleTarget {
    /// Addresses in a network.
    Network(IpNetwork),
    /// URL hosts matching a name.
    Host(HostPattern),
}

impl fmt::Display for RuleTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleTarget::Network(n) => n.fmt(f),
            RuleTarget::Host(h) => h.fmt(f),
        }
    }
}

impl FromStr for RuleTarget {
    type Err = PolicyParseError;

    /// A network or address when it reads as one, else a host name.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() {
            return Err(PolicyParseError::Empty);
        }
        let address = s.split_once('/').map_or(s, |(address, _)| address);
        if parse_address(address).is_some() {
            return s.parse().map(RuleTarget::Network);
        }
        // A URL, a path, or a name: the error lists every form.
        s.parse().map(RuleTarget::Host)
    }
}

/// Whether a rule lets a connection through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleAction {
    /// May be contacted.
    Allow,
    /// Refused.
    Deny,
}

/// A rule of the policy.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PolicyRule {
    /// What it matches.
    pub target: RuleTarget,
    /// What it decides.
    pub action: RuleAction,
    /// What the network is, for a built-in rule ("link-local (RFC
    /// 3927)"); `None` for the operator's.
    pub built_in: Option<&'static str>,
}

impl PolicyRule {
    /// The network, for a network rule.
    fn network(&self) -> Option<&IpNetwork> {
        match &self.target {
            RuleTarget::Network(n) => Some(n),
            RuleTarget::Host(_) => None,
        }
    }

    /// The order in which network rules containing an address win: the
    /// longest prefix, then the operator's, then deny.
    fn precedence(&self) -> (u8, bool, bool) {
        (
            self.network().map_or(0, IpNetwork::prefix),
            self.built_in.is_none(),
            self.action == RuleAction::Deny,
        )
    }
}

/// The built-in deny rules: networks signet never contacts unless the
/// operator allows them by a rule at least as specific.
const BUILT_IN_DENIED: [(IpAddr, u8, &str); 9] = [
    (
        IpAddr::V4(Ipv4Addr::new(0, 0, 0, 0)),
        8,
        "an unspecified address (\"this network\", RFC 6890), which reaches the host itself",
    ),
    (
        IpAddr::V6(Ipv6Addr::UNSPECIFIED),
        128,
        "the unspecified address (RFC 4291), which reaches the host itself",
    ),
    (
        IpAddr::V4(Ipv4Addr::new(169, 254, 0, 0)),
        16,
        "link-local (RFC 3927)",
    ),
    (
        IpAddr::V6(Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 0)),
        10,
        "link-local (RFC 4291)",
    ),
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html
    // https://cloud.google.com/compute/docs/metadata/querying-metadata
    // https://learn.microsoft.com/en-us/azure/virtual-machines/instance-metadata-service
    // https://docs.openstack.org/nova/latest/user/metadata.html
    (
        IpAddr::V4(Ipv4Addr::new(169, 254, 169, 254)),
        32,
        "the cloud instance metadata address (AWS, Google Cloud, Azure, OpenStack)",
    ),
    // AWS IMDS over IPv6 (Nitro instances), same page as above.
    (
        IpAddr::V6(Ipv6Addr::new(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x254)),
        128,
        "the AWS instance metadata address",
    ),
    // Google Cloud's metadata server for IPv6-only instances, same page.
    (
        IpAddr::V6(Ipv6Addr::new(0xfd20, 0x00ce, 0, 0, 0, 0, 0, 0x254)),
        128,
        "the Google Cloud metadata address",
    ),
    // https://www.alibabacloud.com/help/en/ecs/user-guide/view-instance-metadata
    (
        IpAddr::V4(Ipv4Addr::new(100, 100, 100, 200)),
        32,
        "the Alibaba Cloud instance metadata address",
    ),
    // https://learn.microsoft.com/en-us/azure/virtual-network/what-is-ip-address-168-63-129-16
    (
        IpAddr::V4(Ipv4Addr::new(168, 63, 129, 16)),
        32,
        "the Azure platform address (WireServer)",
    ),
];

/// Which hosts and addresses may be contacted (see the module
/// documentation). The default holds the built-in rules only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchPolicy {
    rules: Vec<PolicyRule>,
}

impl Default for FetchPolicy {
    fn default() -> Self {
        let rules = BUILT_IN_DENIED
            .iter()
            .map(|&(address, prefix, what)| PolicyRule {
                target: RuleTarget::Network(IpNetwork { address, prefix }),
                action: RuleAction::Deny,
                built_in: Some(what),
            })
            .collect();
        FetchPolicy { rules }
    }
}

impl FetchPolicy {
    /// The built-in rules and the operator's: `allow` and `deny` are
    /// networks (`10.0.0.0/8`), addresses or host names (`ca.example`,
    /// `*.example`), as the `--fetch-allow` / `--fetch-deny` flags give
    /// them.
    pub fn from_rules<A, D>(allow: A, deny: D) -> Result<Self, PolicyParseError>
    where
        A: IntoIterator,
        A::Item: AsRef<str>,
        D: IntoIterator,
        D::Item: AsRef<str>,
    {
        let mut policy = FetchPolicy::default();
        for rule in allow {
            policy.allow(rule.as_ref())?;
        }
        for rule in deny {
            policy.deny(rule.as_ref())?;
        }
        Ok(policy)
    }

    /// Adds an operator's allow rule.
    pub fn allow(&mut self, rule: &str) -> Result<&mut Self, PolicyParseError> {
        self.add(rule, RuleAction::Allow)
    }

    /// Adds an operator's deny rule.
    pub fn deny(&mut self, rule: &str) -> Result<&mut Self, PolicyParseError> {
        self.add(rule, RuleAction::Deny)
    }

    fn add(&mut self, rule: &str, action: RuleAction) -> Result<&mut Self, PolicyParseError> {
        self.rules.push(PolicyRule {
            target: rule.parse()?,
            action,
            built_in: None,
        });
        Ok(self)
    }

    /// Every rule, built-in ones first.
    pub fn rules(&self) -> &[PolicyRule] {
        &self.rules
    }

    /// Whether `host` (a URL's host) may be resolved at all: refused when
    /// a host-name deny rule decides for it, so that a denied name is
    /// never looked up.
    pub fn check_host(&self, host: &str) -> Result<(), Refusal> {
        match self.host_rule(host) {
            Some(rule) if rule.action == RuleAction::Deny => Err(Refusal {
                host: host.to_owned(),
                address: None,
                rule: rule.clone(),
            }),
            _ => Ok(()),
        }
    }

    /// Whether a connection to `address`, resolved from `host` (a URL's
    /// host, a name or an address literal), is allowed.
    pub fn check(&self, host: &str, address: IpAddr) -> Result<(), Refusal> {
        self.check_host(host)?;
        let host_allowed = self.host_rule(host).is_some();
        let address = address.to_canonical();
        let deciding = self
            .rules
            .iter()
            .filter(|r| r.network().is_some_and(|n| n.contains(address)))
            // A name the operator allowed may resolve into networks the
            // operator denied, not into the built-in ones.
            .filter(|r| !(host_allowed && r.built_in.is_none() && r.action == RuleAction::Deny))
            .max_by_key(|r| r.precedence());
        match deciding {
            Some(rule) if rule.action == RuleAction::Deny => Err(Refusal {
                host: host.to_owned(),
                address: Some(address),
                rule: rule.clone(),
            }),
            _ => Ok(()),
        }
    }

    /// The most specific host-name rule matching `host`, deny winning a
    /// tie; none for an address literal.
    fn host_rule(&self, host: &str) -> Option<&PolicyRule> {
        if parse_address(host).is_some() {
            return None;
        }
        self.rules
            .iter()
            .filter_map(|r| match &r.target {
                RuleTarget::Host(p) if p.matches(host) => Some((p.specificity(), r)),
                _ => None,
            })
            .max_by_key(|(specificity, r)| (*specificity, r.action == RuleAction::Deny))
            .map(|(_, r)| r)
    }
}

/// Why the policy refused a connection: the host, the address it
/// resolved to, and the rule that decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The URL's host.
    pub host: String,
    /// The address refused; `None` when the host name itself is denied.
    pub address: Option<IpAddr>,
    /// The rule.
    pub rule: PolicyRule,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(address) = self.address else {
            return write!(
                f,
                "{} matches {}: the fetch policy denies it",
                self.host, self.rule.target
            );
        };
        let literal = parse_address(&self.host).is_some_and(|a| a.to_canonical() == address);
        if literal {
            write!(f, "{address} is ")?;
        } else {
            write!(f, "{} resolves to {address}, which is ", self.host)?;
        }
        match self.rule.built_in {
            Some(what) => f.write_str(what)?,
            None => write!(f, "in {}", self.rule.target)?,
        }
        f.write_str(": the fetch policy denies it")
    }
}

impl std::error::Error for Refusal {}

/// A rule that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyParseError {
    /// Nothing was given.
    #[error("an empty fetch rule: give a network (10.0.0.0/8), an address or a host name")]
    Empty,
    /// A prefix length out of range.
    #[error("\"{input}\": the prefix length must be 0 to {max}")]
    BadPrefix {
        /// The rule.
        input: String,
        /// 32 or 128.
        max: u8,
    },
    /// Bits past the prefix are set.
    #[error("\"{input}\" has bits set past its prefix: the network is {network}")]
    HostBitsSet {
        /// The rule.
        input: String,
        /// What was probably meant.
        network: IpNetwork,
    },
    /// Not an address.
    #[error("\"{input}\" is not a network (10.0.0.0/8) or an address (10.1.2.3, ::1)")]
    BadAddress {
        /// The rule.
        input: String,
    },
    /// Not a host name.
    #[error(
        "\"{input}\" is not a network (10.0.0.0/8), an address or a host name (ca.example, *.example)"
    )]
    BadHost {
        /// The rule.
        input: String,
    },
}

#[cfg(test)]
mod tests;
