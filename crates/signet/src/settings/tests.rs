use super::*;

/// A TOML file of `text` in a new directory (kept while the directory
/// lives), and a function that points `ServeArgs` at it.
fn with_config_file(text: &str) -> (tempfile::TempDir, impl Fn(ServeArgs) -> ServeArgs) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("signet.toml");
    std::fs::write(&file, text).expect("write");
    let with_file = move |args: ServeArgs| ServeArgs {
        store: StoreArgs {
            config: Some(file.clone()),
            ..Default::default()
        },
        ..args
    };
    (dir, with_file)
}

#[test]
fn defaults_are_the_embedded_ones() {
    let s = ServeArgs::default().resolve().expect("defaults");
    assert_eq!(s.server.listen.to_string(), "127.0.0.1:8080");
    assert_eq!(s.locations.data_dir, PathBuf::from("signet-data"));
    assert_eq!(s.locations.database_url, "sqlite:signet-data/signet.db");
    assert_eq!(s.locations.trust_dir, PathBuf::from("signet-data/trust"));
    assert_eq!(s.log_format, LogFormat::Text);
}

#[test]
fn flags_beat_the_file_and_the_file_beats_defaults() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("signet.toml");
    std::fs::write(
        &file,
        "listen = \"0.0.0.0:9000\"\ndata-dir = \"/srv/signet\"\npublic-url = \"https://x.example/\"\n\
         time-zone = \"Europe/Kyiv\"\nlog-format = \"json\"\n",
    )
    .expect("write");
    let args = ServeArgs {
        store: StoreArgs {
            config: Some(file),
            ..Default::default()
        },
        listen: Some("127.0.0.1:7000".parse().expect("addr")),
        ..Default::default()
    };
    let s = args.resolve().expect("resolve");
    assert_eq!(s.server.listen.to_string(), "127.0.0.1:7000");
    assert_eq!(s.locations.data_dir, PathBuf::from("/srv/signet"));
    assert_eq!(s.locations.database_url, "sqlite:/srv/signet/signet.db");
    assert_eq!(s.server.public_url, "https://x.example");
    assert_eq!(s.log_format, LogFormat::Json);
}

#[test]
fn trusted_proxies_come_from_the_file_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("signet.toml");
    std::fs::write(&file, "trusted-proxy = [\"10.0.0.1\", \"::1\"]\n").expect("write");
    let args = ServeArgs {
        store: StoreArgs {
            config: Some(file),
            ..Default::default()
        },
        ..Default::default()
    };
    let s = args.resolve().expect("resolve");
    assert_eq!(s.server.trusted_proxies.len(), 2);
    assert!(
        ServeArgs::default()
            .resolve()
            .expect("defaults")
            .server
            .trusted_proxies
            .is_empty()
    );
}

#[test]
fn a_tsa_needs_an_http_url() {
    let args = ServeArgs {
        tsa_url: Some("ldap://tsa.example".into()),
        ..Default::default()
    };
    assert!(matches!(args.resolve(), Err(SettingsError::Invalid(m)) if m.contains("tsa-url")));
    let args = ServeArgs {
        tsa_url: Some("http://tsa.example/tsp".into()),
        tsa_digest: Some(TsaDigestArg::Streebog256),
        ..Default::default()
    };
    let s = args.resolve().expect("resolve");
    assert_eq!(
        s.tsa,
        Some((
            "http://tsa.example/tsp".to_owned(),
            signet_pki::DigestAlgorithm::Streebog256
        ))
    );
    assert!(
        ServeArgs::default()
            .resolve()
            .expect("defaults")
            .tsa
            .is_none()
    );
}

#[test]
fn fetch_rules_and_limits_come_from_flags_and_the_file() {
    let (_dir, with_file) = with_config_file(
        "fetch-deny = [\"10.0.0.0/8\"]\nfetch-allow = [\"10.1.2.3\"]\nfetch-max-per-request = 4\n",
    );
    let s = with_file(ServeArgs::default()).resolve().expect("resolve");
    let ip = |s: &str| s.parse::<std::net::IpAddr>().expect("address");
    assert!(s.fetch.policy.check("ca", ip("10.9.9.9")).is_err());
    assert!(s.fetch.policy.check("ca", ip("10.1.2.3")).is_ok());
    // The built-in rules stay: link-local and cloud metadata addresses.
    assert!(s.fetch.policy.check("ca", ip("169.254.169.254")).is_err());
    assert!(s.fetch.policy.check("ca", ip("127.0.0.1")).is_ok());
    assert_eq!(s.fetch.per_request.max_fetches, 4);
    assert_eq!(s.fetch.timeout, Duration::from_secs(10));
    // A flag replaces the file's list.
    let s = with_file(ServeArgs {
        fetch_deny: vec!["127.0.0.0/8".into()],
        fetch_request_secs: Some(5),
        revocation_timeout_secs: Some(3),
        ..Default::default()
    })
    .resolve()
    .expect("resolve");
    assert!(s.fetch.policy.check("ca", ip("127.0.0.1")).is_err());
    assert!(s.fetch.policy.check("ca", ip("10.9.9.9")).is_ok());
    assert_eq!(s.fetch.per_request.max_time, Duration::from_secs(5));
    assert_eq!(s.fetch.timeout, Duration::from_secs(3));
    for bad in [
        ServeArgs {
            fetch_deny: vec!["10.0.0.0/33".into()],
            ..Default::default()
        },
        ServeArgs {
            fetch_max_per_request: Some(0),
            ..Default::default()
        },
        ServeArgs {
            fetch_max_per_host: Some(0),
            ..Default::default()
        },
    ] {
        assert!(matches!(bad.resolve(), Err(SettingsError::Invalid(m)) if m.contains("fetch")));
    }
}

#[test]
fn max_in_flight_comes_from_the_file_and_must_be_positive() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("signet.toml");
    std::fs::write(&file, "max-in-flight = 16\n").expect("write");
    let with_file = |max_in_flight| ServeArgs {
        store: StoreArgs {
            config: Some(file.clone()),
            ..Default::default()
        },
        max_in_flight,
        ..Default::default()
    };
    let s = with_file(None).resolve().expect("resolve");
    assert_eq!(s.server.max_in_flight, 16);
    let s = with_file(Some(3)).resolve().expect("resolve");
    assert_eq!(s.server.max_in_flight, 3);
    assert!(matches!(
        with_file(Some(0)).resolve(),
        Err(SettingsError::Invalid(m)) if m.contains("max-in-flight")
    ));
    let s = ServeArgs::default().resolve().expect("defaults");
    assert_eq!(s.server.max_in_flight, 1024);
}

#[test]
fn ticket_shares_per_client_come_from_flags_and_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("signet.toml");
    std::fs::write(
        &file,
        "max-tickets-per-client = 8\nticket-rate-per-client = 2\nticket-burst-per-client = 5\n",
    )
    .expect("write");
    let with_file = |burst| ServeArgs {
        store: StoreArgs {
            config: Some(file.clone()),
            ..Default::default()
        },
        ticket_rate_per_client: Some(0),
        ticket_burst_per_client: burst,
        ..Default::default()
    };
    let s = with_file(None).resolve().expect("resolve");
    assert_eq!(s.server.max_tickets_per_client, 8);
    assert_eq!(
        s.server.ticket_rate_per_client, 0,
        "the flag beats the file"
    );
    assert_eq!(s.server.ticket_burst_per_client, 5);
    assert!(matches!(
        with_file(Some(0)).resolve(),
        Err(SettingsError::Invalid(m)) if m.contains("ticket-burst-per-client")
    ));
    let s = ServeArgs::default().resolve().expect("defaults");
    assert_eq!(
        (
            s.server.max_tickets_per_client,
            s.server.ticket_rate_per_client,
            s.server.ticket_burst_per_client
        ),
        (64, 10, 20)
    );
}

#[test]
fn expired_sweep_secs_comes_from_the_file_and_must_be_positive() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("signet.toml");
    std::fs::write(&file, "expired-sweep-secs = 60\n").expect("write");
    let with_file = |expired_sweep_secs| ServeArgs {
        store: StoreArgs {
            config: Some(file.clone()),
            ..Default::default()
        },
        expired_sweep_secs,
        ..Default::default()
    };
    let every = |args: ServeArgs| {
        args.resolve()
            .expect("resolve")
            .server
            .expired_sweep_interval
    };
    assert_eq!(every(with_file(None)), Duration::from_secs(60));
    assert_eq!(every(with_file(Some(7))), Duration::from_secs(7));
    assert!(matches!(
        with_file(Some(0)).resolve(),
        Err(SettingsError::Invalid(m)) if m.contains("expired-sweep-secs")
    ));
    assert_eq!(every(ServeArgs::default()), Duration::from_secs(300));
}

#[test]
fn database_pool_settings_come_from_the_file_and_must_be_positive() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("signet.toml");
    std::fs::write(
        &file,
        "db-max-connections = 32\ndb-acquire-timeout-secs = 2\n",
    )
    .expect("write");
    let with_file = |db_max_connections| StoreArgs {
        config: Some(file.clone()),
        db_max_connections,
        ..Default::default()
    };
    let loc = with_file(None).locations().expect("resolve");
    assert_eq!(
        loc.pool,
        signet_store::PoolSettings {
            max_connections: Some(32),
            acquire_timeout: Some(Duration::from_secs(2)),
        }
    );
    assert_eq!(
        with_file(Some(4))
            .locations()
            .expect("resolve")
            .pool
            .max_connections,
        Some(4)
    );
    assert!(matches!(
        with_file(Some(0)).locations(),
        Err(SettingsError::Invalid(m)) if m.contains("db-max-connections")
    ));
    assert_eq!(
        ServeArgs::default()
            .resolve()
            .expect("defaults")
            .locations
            .pool,
        signet_store::PoolSettings::default()
    );
}

#[test]
fn unknown_keys_and_bad_values_are_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("signet.toml");
    std::fs::write(&file, "lisen = \"0.0.0.0:9000\"\n").expect("write");
    let args = ServeArgs {
        store: StoreArgs {
            config: Some(file.clone()),
            ..Default::default()
        },
        ..Default::default()
    };
    assert!(matches!(args.resolve(), Err(SettingsError::Parse { .. })));
    std::fs::write(&file, "time-zone = \"Mars/Olympus\"\n").expect("write");
    let args = ServeArgs {
        store: StoreArgs {
            config: Some(file),
            ..Default::default()
        },
        ..Default::default()
    };
    assert!(matches!(args.resolve(), Err(SettingsError::Invalid(_))));
}

#[test]
fn connection_limits_come_from_the_file_and_must_be_positive() {
    let (_dir, with_file) = with_config_file(
        "header-timeout-secs = 5\nkeep-alive-idle-secs = 30\nmax-connections-per-client = 8\n",
    );
    let s = with_file(ServeArgs::default()).resolve().expect("resolve");
    assert_eq!(s.server.header_timeout, Duration::from_secs(5));
    assert_eq!(s.server.keep_alive_idle, Duration::from_secs(30));
    assert_eq!(s.server.max_connections_per_client, 8);
    let s = with_file(ServeArgs {
        header_timeout_secs: Some(2),
        max_connections_per_client: Some(3),
        ..Default::default()
    })
    .resolve()
    .expect("resolve");
    assert_eq!(s.server.header_timeout, Duration::from_secs(2));
    assert_eq!(s.server.max_connections_per_client, 3);
    for (bad, what) in [
        (
            ServeArgs {
                header_timeout_secs: Some(0),
                ..Default::default()
            },
            "header-timeout-secs",
        ),
        (
            ServeArgs {
                keep_alive_idle_secs: Some(0),
                ..Default::default()
            },
            "keep-alive-idle-secs",
        ),
        (
            ServeArgs {
                max_connections_per_client: Some(0),
                ..Default::default()
            },
            "max-connections-per-client",
        ),
    ] {
        assert!(matches!(bad.resolve(), Err(SettingsError::Invalid(m)) if m.contains(what)));
    }
    let s = ServeArgs::default().resolve().expect("defaults");
    assert_eq!(s.server.header_timeout, Duration::from_secs(10));
    assert_eq!(s.server.keep_alive_idle, Duration::from_secs(60));
    assert_eq!(s.server.max_connections_per_client, 256);
}

#[test]
fn login_ekus_come_from_the_file_and_must_be_oids() {
    let (_dir, with) = with_config_file("login-eku = [\"1.2.643.2.2.34.6\"]\n");
    let s = with(ServeArgs::default()).resolve().expect("resolve");
    assert_eq!(s.server.login_eku.len(), 1);
    assert_eq!(s.server.login_eku[0].to_string(), "1.2.643.2.2.34.6");
    let args = ServeArgs {
        login_eku: vec!["clientAuth".into()],
        ..Default::default()
    };
    assert!(matches!(args.resolve(), Err(SettingsError::Invalid(m)) if m.contains("login-eku")));
}
