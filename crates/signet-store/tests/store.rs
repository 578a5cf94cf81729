//! The same suite against both back ends: SQLite in a temporary directory,
//! and the PostgreSQL server on 127.0.0.1:5432 for real, each test in a
//! schema of its own (`SIGNET_TEST_POSTGRES_URL` overrides the server).

mod common;

use common::{Fixture, pg_options};
use signet_store::{
    Backend, Challenge, ChallengeOutcome, NewOrganization, OrgIdentifiers, PgStore, Session,
    SqliteStore, Store, StoreError, TokenHash,
};
use uuid::Uuid;

both_backends!(
    ping_and_backend,
    organizations_are_created_found_and_listed,
    organizations_match_by_any_identifier,
    grants_are_idempotent_and_need_an_organization,
    sessions_live_touch_and_end,
    expired_sessions_are_purged,
    session_ids_and_refresh_tokens_are_unique,
    refresh_tokens_rotate_sessions,
    challenges_are_single_use_and_expire,
);

async fn ping_and_backend(f: Fixture) {
    f.store.ping().await.expect("ping");
    let expected = if f.schema.is_some() {
        Backend::Postgres
    } else {
        Backend::Sqlite
    };
    assert_eq!(f.store.backend(), expected);
}

async fn organizations_are_created_found_and_listed(f: Fixture) {
    let s = &f.store;
    let a = s
        .create_organization(NewOrganization {
            name: "  ООО Ромашка ".into(),
            inn: Some("7701234567".into()),
            ogrn: Some("1027700132195".into()),
            edrpou: Some("   ".into()),
        })
        .await
        .expect("create");
    assert_eq!(a.name, "ООО Ромашка");
    assert_eq!(a.edrpou, None, "blank identifiers are stored as absent");
    let b = s
        .create_organization(NewOrganization {
            name: "ТОВ Тест".into(),
            edrpou: Some("39292197".into()),
            ..Default::default()
        })
        .await
        .expect("create");
    assert_ne!(a.id, b.id);
    assert_eq!(s.organization(a.id).await.expect("get"), Some(a.clone()));
    assert_eq!(s.organization(Uuid::new_v4()).await.expect("get"), None);
    let all = s.organizations().await.expect("list");
    assert_eq!(all.len(), 2);
    assert!(all.contains(&a) && all.contains(&b));
}

async fn organizations_match_by_any_identifier(f: Fixture) {
    let s = &f.store;
    let ru = s
        .create_organization(NewOrganization {
            name: "RU".into(),
            inn: Some("7701234567".into()),
            ogrn: Some("1027700132195".into()),
            ..Default::default()
        })
        .await
        .expect("create");
    let ua = s
        .create_organization(NewOrganization {
            name: "UA".into(),
            edrpou: Some("39292197".into()),
            ..Default::default()
        })
        .await
        .expect("create");
    let by = |inn: Option<&str>, ogrn: Option<&str>, edrpou: Option<&str>| OrgIdentifiers {
        inn: inn.map(Into::into),
        ogrn: ogrn.map(Into::into),
        edrpou: edrpou.map(Into::into),
    };
    let ids = |v: Vec<signet_store::Organization>| v.into_iter().map(|o| o.id).collect::<Vec<_>>();
    assert_eq!(
        ids(s
            .organizations_matching(&by(Some("7701234567"), None, None))
            .await
            .expect("m")),
        vec![ru.id]
    );
    assert_eq!(
        ids(s
            .organizations_matching(&by(None, Some("1027700132195"), None))
            .await
            .expect("m")),
        vec![ru.id]
    );
    assert_eq!(
        ids(s
            .organizations_matching(&by(None, None, Some("39292197")))
            .await
            .expect("m")),
        vec![ua.id]
    );
    assert_eq!(
        s.organizations_matching(&by(Some("0000000000"), None, None))
            .await
            .expect("m"),
        vec![]
    );
    assert_eq!(
        s.organizations_matching(&by(None, None, None))
            .await
            .expect("m"),
        vec![]
    );
    assert_eq!(
        s.organizations_matching(&by(Some(" "), None, None))
            .await
            .expect("m"),
        vec![]
    );
}

async fn grants_are_idempotent_and_need_an_organization(f: Fixture) {
    let s = &f.store;
    let org = s
        .create_organization(NewOrganization {
            name: "A".into(),
            ..Default::default()
        })
        .await
        .expect("create");
    let thumb = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3";
    assert!(s.grant(org.id, thumb).await.expect("grant"));
    assert!(
        !s.grant(org.id, &thumb.to_uppercase())
            .await
            .expect("grant again")
    );
    assert_eq!(
        s.granted_organizations(&thumb.to_uppercase())
            .await
            .expect("list"),
        vec![org.id]
    );
    assert_eq!(
        s.granted_organizations("0000").await.expect("list"),
        Vec::<Uuid>::new()
    );
    let missing = Uuid::new_v4();
    assert!(matches!(
        s.grant(missing, thumb).await,
        Err(StoreError::NotFound { .. })
    ));
}

fn session(id: &str, refresh: &str, now: i64) -> Session {
    Session::start(
        id,
        refresh,
        "A94A8FE5CCB19BA61C4C0873D391E987982FBBD3",
        "CN=Иванов Иван Иванович",
        now,
        1800,
        86_400,
    )
}

async fn sessions_live_touch_and_end(f: Fixture) {
    let s = &f.store;
    let now = 1_800_000_000;
    let rec = session("sid-1", "refresh-1", now);
    s.create_session(&rec).await.expect("create");
    let got = s
        .session(&TokenHash::of("sid-1"))
        .await
        .expect("get")
        .expect("present");
    assert_eq!(got, rec);
    assert!(got.is_live(now + 1799));
    assert!(!got.is_live(now + 1800), "idle expiry");
    assert_eq!(s.session(&TokenHash::of("sid-2")).await.expect("get"), None);

    assert!(
        s.touch_session(&TokenHash::of("sid-1"), now + 1000, now + 2800)
            .await
            .expect("touch")
    );
    let got = s
        .session(&TokenHash::of("sid-1"))
        .await
        .expect("get")
        .expect("present");
    assert_eq!(
        (got.last_seen_at, got.idle_expires_at),
        (now + 1000, now + 2800)
    );
    assert!(got.is_live(now + 2000));
    assert!(!got.is_live(now + 86_400), "absolute expiry wins over use");
    assert!(
        !s.touch_session(&TokenHash::of("nope"), now, now)
            .await
            .expect("touch")
    );

    assert!(
        s.delete_session(&TokenHash::of("sid-1"))
            .await
            .expect("delete")
    );
    assert!(
        !s.delete_session(&TokenHash::of("sid-1"))
            .await
            .expect("delete again")
    );
    assert_eq!(s.session(&TokenHash::of("sid-1")).await.expect("get"), None);
}

async fn expired_sessions_are_purged(f: Fixture) {
    let s = &f.store;
    let now = 1_800_000_000;
    s.create_session(&session("old", "r-old", now - 100_000))
        .await
        .expect("create");
    s.create_session(&session("new", "r-new", now))
        .await
        .expect("create");
    assert_eq!(s.delete_expired_sessions(now).await.expect("purge"), 1);
    assert!(
        s.session(&TokenHash::of("old"))
            .await
            .expect("get")
            .is_none()
    );
    assert!(
        s.session(&TokenHash::of("new"))
            .await
            .expect("get")
            .is_some()
    );
}

async fn session_ids_and_refresh_tokens_are_unique(f: Fixture) {
    let s = &f.store;
    s.create_session(&session("a", "r", 1))
        .await
        .expect("create");
    assert!(
        s.create_session(&session("a", "r2", 1)).await.is_err(),
        "same id"
    );
    assert!(
        s.create_session(&session("b", "r", 1)).await.is_err(),
        "same refresh token"
    );
    // The failed inserts changed nothing.
    assert_eq!(
        s.session(&TokenHash::of("a")).await.expect("get"),
        Some(session("a", "r", 1))
    );
}

#[tokio::test]
async fn sqlite_keeps_data_across_reopen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("signet.db");
    let id = {
        let s = SqliteStore::open(&path).await.expect("open");
        s.create_organization(NewOrganization {
            name: "kept".into(),
            ..Default::default()
        })
        .await
        .expect("create")
        .id
    };
    let s = SqliteStore::open(&path)
        .await
        .expect("reopen runs migrations again harmlessly");
    assert_eq!(
        s.organization(id).await.expect("get").map(|o| o.name),
        Some("kept".into())
    );
}

#[tokio::test]
async fn two_postgres_instances_share_state() {
    let f = Fixture::postgres().await;
    let schema = f.schema.clone().expect("schema");
    let second = PgStore::with_options(pg_options(&schema))
        .await
        .expect("second instance");
    let now = 1_800_000_000;
    f.store
        .create_session(&session("shared", "r-shared", now))
        .await
        .expect("create");
    assert!(
        second
            .session(&TokenHash::of("shared"))
            .await
            .expect("get")
            .is_some()
    );
}

#[tokio::test]
async fn open_rejects_unknown_urls() {
    assert!(matches!(
        signet_store::open("mysql://root@localhost/test").await,
        Err(StoreError::UnsupportedUrl(_))
    ));
}

#[tokio::test]
async fn unreachable_postgres_is_reported_unavailable() {
    // Port 1 on loopback: nothing listens there.
    let err = PgStore::connect("postgres://postgres@127.0.0.1:1/test")
        .await
        .expect_err("no server");
    assert!(err.is_unavailable(), "{err:?}");
}

async fn refresh_tokens_rotate_sessions(f: Fixture) {
    let s = &f.store;
    let now = 1_800_000_000;
    s.create_session(&session("sid-a", "refresh-a", now))
        .await
        .expect("create");
    let found = s
        .session_by_refresh(&TokenHash::of("refresh-a"))
        .await
        .expect("get")
        .expect("found");
    assert_eq!(found.id_hash, TokenHash::of("sid-a"));
    let next = session("sid-b", "refresh-b", now + 60);
    assert!(
        s.rotate_session(&TokenHash::of("refresh-a"), &next)
            .await
            .expect("rotate")
    );
    assert!(
        s.session(&TokenHash::of("sid-a"))
            .await
            .expect("get")
            .is_none(),
        "old session gone"
    );
    assert_eq!(
        s.session(&TokenHash::of("sid-b")).await.expect("get"),
        Some(next.clone())
    );
    // The old refresh token is spent.
    assert!(
        !s.rotate_session(
            &TokenHash::of("refresh-a"),
            &session("sid-c", "refresh-c", now)
        )
        .await
        .expect("rotate")
    );
    assert!(
        s.session(&TokenHash::of("sid-c"))
            .await
            .expect("get")
            .is_none()
    );
}

async fn challenges_are_single_use_and_expire(f: Fixture) {
    let s = &f.store;
    let now = 1_800_000_000;
    let c = Challenge {
        thumbprint: "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3".into(),
        key_hash: TokenHash::of("the-key"),
        certificate: vec![0x30, 0x03, 0x02, 0x01, 0x05],
        created_at: now,
        expires_at: now + 300,
    };
    s.create_challenge(&c).await.expect("create");
    let thumb = "A94A8FE5CCB19BA61C4C0873D391E987982FBBD3";
    assert_eq!(
        s.take_challenge(thumb, &TokenHash::of("wrong"), now)
            .await
            .expect("take"),
        ChallengeOutcome::Unknown
    );
    assert_eq!(
        s.take_challenge(thumb, &TokenHash::of("the-key"), now + 10)
            .await
            .expect("take"),
        ChallengeOutcome::Accepted(c.certificate.clone())
    );
    assert_eq!(
        s.take_challenge(thumb, &TokenHash::of("the-key"), now + 11)
            .await
            .expect("take"),
        ChallengeOutcome::Unknown,
        "single use"
    );
    s.create_challenge(&Challenge {
        key_hash: TokenHash::of("late"),
        ..c.clone()
    })
    .await
    .expect("create");
    assert_eq!(
        s.take_challenge(thumb, &TokenHash::of("late"), now + 300)
            .await
            .expect("take"),
        ChallengeOutcome::Expired
    );
    s.create_challenge(&Challenge {
        key_hash: TokenHash::of("old"),
        ..c.clone()
    })
    .await
    .expect("create");
    assert_eq!(
        s.delete_expired_challenges(now + 1000)
            .await
            .expect("purge"),
        1
    );
}
