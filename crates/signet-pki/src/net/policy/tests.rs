use super::*;
use proptest::prelude::*;

fn ip(s: &str) -> IpAddr {
    s.parse().expect("address")
}

fn net(s: &str) -> IpNetwork {
    s.parse().expect("network")
}

#[test]
fn cidr_is_parsed_and_matched() {
    let ten = net("10.0.0.0/8");
    assert!(ten.contains(ip("10.255.1.2")));
    assert!(!ten.contains(ip("11.0.0.0")));
    assert!(!ten.contains(ip("::ffff:10.0.0.1")), "map first");
    assert_eq!(net("0.0.0.0/0").to_string(), "0.0.0.0/0");
    assert!(net("0.0.0.0/0").contains(ip("255.255.255.255")));
    assert!(net("::/0").contains(ip("fe80::1")));
    let ula = net("fd00::/8");
    assert!(ula.contains(ip("fd00:ec2::254")));
    assert!(!ula.contains(ip("fe80::1")));
    assert_eq!(net("10.1.2.3"), IpNetwork::host(ip("10.1.2.3")));
    assert_eq!(net("[::1]").to_string(), "::1/128");
    assert!(net("fe80::/10").contains(ip("febf::1")));
    assert!(!net("fe80::/10").contains(ip("fec0::1")));
}

#[test]
fn malformed_networks_say_what_is_wrong() {
    assert_eq!(
        "10.1.2.3/8".parse::<IpNetwork>(),
        Err(PolicyParseError::HostBitsSet {
            input: "10.1.2.3/8".into(),
            network: net("10.0.0.0/8"),
        })
    );
    assert!(matches!(
        "10.0.0.0/33".parse::<IpNetwork>(),
        Err(PolicyParseError::BadPrefix { max: 32, .. })
    ));
    assert!(matches!(
        "::/129".parse::<IpNetwork>(),
        Err(PolicyParseError::BadPrefix { max: 128, .. })
    ));
    for bad in [
        "10.0.0.0/",
        "10.0.0.0/+8",
        "10.0.0/8",
        "x/8",
        "10.0.0.0/8/8",
    ] {
        assert!(bad.parse::<IpNetwork>().is_err(), "{bad}");
    }
    assert_eq!("".parse::<RuleTarget>(), Err(PolicyParseError::Empty));
    for bad in [
        "http://ca.example",
        "ca..example",
        "-ca.example",
        "ca example",
        "1.2.3",
    ] {
        assert!(
            matches!(
                bad.parse::<RuleTarget>(),
                Err(PolicyParseError::BadHost { .. })
            ),
            "{bad}"
        );
    }
}

#[test]
fn host_patterns_match_names_and_domains() {
    let exact: HostPattern = "CA.Example.".parse().expect("name");
    assert!(exact.matches("ca.example"));
    assert!(exact.matches("ca.EXAMPLE."));
    assert!(!exact.matches("x.ca.example"));
    for domain in ["*.example", ".example"] {
        let d: HostPattern = domain.parse().expect("domain");
        assert_eq!(d.to_string(), "*.example");
        assert!(d.matches("example"));
        assert!(d.matches("ca.example"));
        assert!(d.matches("a.b.example"));
        assert!(!d.matches("badexample"));
    }
}

#[test]
fn by_default_link_local_and_metadata_are_denied_and_the_rest_allowed() {
    let policy = FetchPolicy::default();
    for denied in [
        "169.254.169.254",
        "169.254.1.1",
        "fe80::1",
        "fd00:ec2::254",
        "fd20:ce::254",
        "100.100.100.200",
        "168.63.129.16",
        "0.0.0.0",
        "::",
        "::ffff:169.254.169.254",
    ] {
        assert!(policy.check(denied, ip(denied)).is_err(), "{denied}");
    }
    for allowed in [
        "127.0.0.1",
        "::1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "fd00::1",
        "100.100.100.201",
        "93.184.216.34",
        "2001:db8::1",
    ] {
        assert_eq!(policy.check(allowed, ip(allowed)), Ok(()), "{allowed}");
    }
}

#[test]
fn refusals_name_the_rule() {
    let policy = FetchPolicy::default();
    let refusal = policy
        .check("169.254.10.1", ip("169.254.10.1"))
        .expect_err("link-local");
    assert_eq!(
        refusal.to_string(),
        "169.254.10.1 is link-local (RFC 3927): the fetch policy denies it"
    );
    let refusal = policy
        .check("metadata.example", ip("169.254.169.254"))
        .expect_err("metadata");
    assert_eq!(
        refusal.to_string(),
        "metadata.example resolves to 169.254.169.254, which is the cloud instance metadata \
         address (AWS, Google Cloud, Azure, OpenStack): the fetch policy denies it"
    );
    let policy =
        FetchPolicy::from_rules(["10.1.2.0/24"], ["10.0.0.0/8", "*.corp.example"]).expect("rules");
    assert_eq!(
        policy
            .check("10.9.9.9", ip("10.9.9.9"))
            .expect_err("denied")
            .to_string(),
        "10.9.9.9 is in 10.0.0.0/8: the fetch policy denies it"
    );
    assert_eq!(
        policy
            .check_host("ca.corp.example")
            .expect_err("denied")
            .to_string(),
        "ca.corp.example matches *.corp.example: the fetch policy denies it"
    );
}

#[test]
fn the_most_specific_rule_decides() {
    let policy = FetchPolicy::from_rules(
        [
            "10.1.2.0/24",
            "0.0.0.0/0",
            "169.254.169.254",
            "ca.corp.example",
        ],
        ["10.0.0.0/8", "127.0.0.0/8", "*.corp.example"],
    )
    .expect("rules");
    assert_eq!(policy.check("h", ip("10.1.2.3")), Ok(()), "a subnet opened");
    assert!(policy.check("h", ip("10.1.3.3")).is_err());
    assert!(
        policy.check("h", ip("127.0.0.1")).is_err(),
        "loopback closed"
    );
    assert!(
        policy.check("h", ip("169.254.1.1")).is_err(),
        "0.0.0.0/0 opens nothing the built-in rules close"
    );
    assert_eq!(
        policy.check("h", ip("169.254.169.254")),
        Ok(()),
        "an equally specific rule of the operator's opens it"
    );
    assert!(policy.check_host("x.corp.example").is_err());
    assert_eq!(
        policy.check("ca.corp.example", ip("10.7.7.7")),
        Ok(()),
        "an exact name over a domain, and an allowed name over network denies"
    );
    assert!(
        policy.check("ca.corp.example", ip("169.254.1.1")).is_err(),
        "but not over the built-in ones"
    );
    let both = FetchPolicy::from_rules(["10.0.0.0/8"], ["10.0.0.0/8"]).expect("rules");
    assert!(both.check("h", ip("10.0.0.1")).is_err(), "deny wins a tie");
}

proptest! {
    #[test]
    fn any_text_is_a_rule_or_a_clear_error(s in "\\PC{0,40}") {
        match s.parse::<RuleTarget>() {
            Ok(target) => {
                // What was read reads back the same.
                prop_assert_eq!(target.to_string().parse::<RuleTarget>(), Ok(target));
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn networks_round_trip_and_hold_their_addresses(
        v4 in any::<u32>(), v6 in any::<u128>(), p4 in 0u8..=32, p6 in 0u8..=128,
    ) {
        for (address, prefix) in [
            (IpAddr::V4(Ipv4Addr::from(v4)), p4),
            (IpAddr::V6(Ipv6Addr::from(v6)), p6),
        ] {
            let network = IpNetwork { address, prefix }.masked();
            let text = network.to_string();
            prop_assert_eq!(text.parse::<IpNetwork>(), Ok(network));
            prop_assert!(network.contains(address));
            let full = IpNetwork::host(address).max_prefix();
            if prefix > 0 && prefix < full {
                // The first address past the network is outside it.
                let outside = match address {
                    IpAddr::V4(a) => u32::from(a)
                        .checked_add(1u32 << (32 - u32::from(prefix)))
                        .map(|n| IpAddr::V4(Ipv4Addr::from(n & mask32(prefix)))),
                    IpAddr::V6(a) => u128::from(a)
                        .checked_add(1u128 << (128 - u32::from(prefix)))
                        .map(|n| IpAddr::V6(Ipv6Addr::from(n & mask128(prefix)))),
                };
                if let Some(outside) = outside {
                    prop_assert!(!network.contains(outside), "{} holds {}", text, outside);
                }
            }
        }
    }

    #[test]
    fn host_names_round_trip(
        labels in proptest::collection::vec("[a-z][a-z0-9-]{0,10}[a-z0-9]", 1..5),
        domain in any::<bool>(),
    ) {
        let name = labels.join(".");
        let text = if domain { format!("*.{name}") } else { name.clone() };
        let pattern: HostPattern = text.parse().expect("a valid name");
        prop_assert_eq!(pattern.to_string(), text);
        prop_assert!(pattern.matches(&name.to_uppercase()));
        prop_assert_eq!(pattern.matches(&format!("x.{name}")), domain);
    }
}
