//! PostgreSQL restarted under load (issue 10, "Faults"): `signet serve` on
//! a PostgreSQL cluster of this test's own (initdb'd in a temporary
//! directory from the machine's PostgreSQL binaries, on a free port, so the
//! shared server other tests use is not disturbed), loaded by three
//! clients uploading Reestro contents and probing `/readyz`; the cluster is
//! then stopped the way a crash stops it (SIGQUIT to the postmaster: an
//! immediate shutdown, crash recovery on the next start) and started again.
//!
//! What must hold: during the outage every request is answered, within a
//! bound, with the API's own 503 (Reestro's `{code: "unavailable", …}`,
//! `/readyz`'s `{status: "unavailable"}`, Kontur auth's text), never a
//! 500 or a dropped connection; after the restart requests succeed again
//! without restarting signet; every content whose upload was answered 201
//! — before or after the outage — reads back whole.
//!
//! Skipped, saying so, where no PostgreSQL server binaries are installed
//! (`/usr/lib/postgresql/*/bin/postgres`).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{Answer, Server, block_on, bytes, call, live_session};

/// The store's acquire timeout for this run (`--db-acquire-timeout-secs`;
/// the default is 5): how long a request waits for the database to come
/// back before it is answered 503.
const ACQUIRE_TIMEOUT_SECS: u64 = 2;

/// How long a 503 may take: the acquire timeout and slack for a loaded
/// machine (less than the default timeout, so the flag is seen to work).
const UNAVAILABLE_BOUND: Duration = Duration::from_millis(ACQUIRE_TIMEOUT_SECS * 1000 + 2500);

/// How long any one answer may take.
const ANSWER_BOUND: Duration = Duration::from_secs(15);

/// How long the cluster stays down: several acquire timeouts.
const OUTAGE: Duration = Duration::from_secs(8);

/// A PostgreSQL cluster of the test's own.
struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    /// Run the server programs as this user (when the test runs as root,
    /// which PostgreSQL refuses).
    user: Option<String>,
    postmaster: Option<Child>,
}

impl Cluster {
    /// initdb in `dir`; None (the test is skipped) without PostgreSQL.
    fn init(dir: &Path) -> Option<Cluster> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path().join("bin"))
            .filter(|b| b.join("postgres").is_file() && b.join("initdb").is_file())
            .max()?;
        let root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
        let user = root.then(|| "postgres".to_owned());
        if let Some(user) = &user {
            // The cluster's files belong to the user that runs it.
            let ids = |flag: &str| -> u32 {
                let o = Command::new("id").args([flag, user]).output().expect("id");
                String::from_utf8_lossy(&o.stdout)
                    .trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("no user {user} to run PostgreSQL as"))
            };
            std::os::unix::fs::chown(dir, Some(ids("-u")), Some(ids("-g"))).expect("chown");
        }
        let data = dir.join("pgdata");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let cluster = Cluster {
            bin,
            data,
            port,
            user,
            postmaster: None,
        };
        let o = cluster
            .command("initdb")
            .arg("-D")
            .arg(&cluster.data)
            .args(["-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
            .output()
            .expect("run initdb");
        assert!(
            o.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        Some(cluster)
    }

    /// A PostgreSQL program, run as the cluster's user.
    fn command(&self, program: &str) -> Command {
        match &self.user {
            Some(user) => {
                let mut c = Command::new("setpriv");
                c.args(["--reuid", user, "--regid", user, "--clear-groups", "--"])
                    .arg(self.bin.join(program));
                c
            }
            None => Command::new(self.bin.join(program)),
        }
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Starts the postmaster and waits until it accepts connections.
    fn start(&mut self) {
        let child = self
            .command("postgres")
            .arg("-D")
            .arg(&self.data)
            .args(["-p", &self.port.to_string(), "-k"])
            .arg(self.data.parent().expect("dir"))
            .args(["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start postgres");
        self.postmaster = Some(child);
        let deadline = Instant::now() + Duration::from_secs(60);
        let url = self.url();
        while !block_on(async {
            use sqlx::Connection;
            sqlx::PgConnection::connect(&url).await.is_ok()
        }) {
            assert!(Instant::now() < deadline, "PostgreSQL did not come up");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// An immediate shutdown (SIGQUIT to the postmaster): every backend
    /// quits at once, nothing is checkpointed, the next start recovers
    /// from the WAL — what a crash of the database server looks like to
    /// its clients.
    fn crash(&mut self) {
        if let Some(mut child) = self.postmaster.take() {
            let pid = child.id().to_string();
            let _ = Command::new("kill").args(["-QUIT", &pid]).status();
            let _ = child.wait();
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.crash();
    }
}

/// One answer the load saw.
struct Seen {
    at: Instant,
    took: Duration,
    what: &'static str,
    status: u16,
    answer: Answer,
}

#[test]
fn postgres_restarted_under_load_is_503_in_the_apis_format_then_recovers() {
    let dir = tempfile::tempdir().expect("dir");
    let Some(mut cluster) = Cluster::init(dir.path()) else {
        eprintln!("SKIPPED: no PostgreSQL server binaries under /usr/lib/postgresql");
        return;
    };
    cluster.start();
    let url = cluster.url();

    // An organisation and a session in the cluster, written with the
    // store's API (the schema comes with the first connection).
    let auth = block_on(async {
        use signet_store::{NewOrganization, PgStore, Store};
        let store = PgStore::connect(&url).await.expect("connect");
        let org = store
            .create_organization(NewOrganization {
                name: "Рестарт".into(),
                ..Default::default()
            })
            .await
            .expect("org")
            .id;
        let thumbprint = "0123456789ABCDEF0123456789ABCDEF01234567";
        store.grant(org, thumbprint).await.expect("grant");
        let sid = live_session(&store, thumbprint, "restart test").await;
        format!("ReestroAuth auth.sid={sid}&portal.orgid={org}")
    });

    let data = dir.path().join("signet-data");
    let mut server = Server::start_with(
        &[
            "--database-url",
            &url,
            "--data-dir",
            data.to_str().expect("utf-8"),
            "--db-acquire-timeout-secs",
            &ACQUIRE_TIMEOUT_SECS.to_string(),
        ],
        &[],
    );
    let (status, v) = server.get("/readyz");
    assert_eq!((status, v["store"].as_str()), (200, Some("postgres")));

    // The load: two uploaders, a readiness prober and a Kontur auth client
    // (refreshing an unknown token, which reads the store), until told to
    // stop.
    let stop = Arc::new(AtomicBool::new(false));
    let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
    let uploaded: Arc<Mutex<Vec<(String, u64)>>> = Arc::default();
    let mut clients = Vec::new();
    for client in 0..4u64 {
        let (addr, stop, seen, uploaded, auth) = (
            server.addr.clone(),
            stop.clone(),
            seen.clone(),
            uploaded.clone(),
            auth.clone(),
        );
        clients.push(std::thread::spawn(move || {
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let seed = client << 32 | n;
                let at = Instant::now();
                let (what, answer) = if client == 2 {
                    ("readyz", call(&addr, "GET", "/readyz", &[], &[]))
                } else if client == 3 {
                    let answer = call(
                        &addr,
                        "POST",
                        "/auth/v5.9/refresh",
                        &[("Content-Type", "application/json")],
                        br#"{"RefreshToken": "not-a-token"}"#,
                    );
                    ("refresh", answer)
                } else {
                    let body = bytes(64 << 10, seed);
                    let name = format!("load-{seed}.bin");
                    let answer = call(
                        &addr,
                        "POST",
                        "/contents",
                        &[("Authorization", &auth), ("X-Content-Name", &name)],
                        &body,
                    );
                    if answer.status == 201 {
                        let id = answer.json()["contentId"]
                            .as_str()
                            .expect("contentId")
                            .to_owned();
                        uploaded.lock().expect("lock").push((id, seed));
                    }
                    ("upload", answer)
                };
                seen.lock().expect("lock").push(Seen {
                    at,
                    took: at.elapsed(),
                    what,
                    status: answer.status,
                    answer,
                });
                std::thread::sleep(Duration::from_millis(20));
            }
        }));
    }

    let started = Instant::now();
    std::thread::sleep(Duration::from_millis(1500));
    let down = Instant::now();
    cluster.crash();
    std::thread::sleep(OUTAGE);
    cluster.start();
    let up = Instant::now();
    eprintln!(
        "PostgreSQL down at {:?}, up again at {:?} (recovery included)",
        down - started,
        up - started
    );
    // Load goes on until uploads have succeeded for a while after the
    // restart (or a bound passes: then the assertions below say why).
    let deadline = up + Duration::from_secs(30);
    loop {
        std::thread::sleep(Duration::from_millis(200));
        let recovered = seen
            .lock()
            .expect("lock")
            .iter()
            .filter(|s| s.at > up && s.what == "upload" && s.status == 201)
            .count();
        if recovered >= 10 || Instant::now() > deadline {
            break;
        }
    }
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().expect("client thread");
    }

    let seen = std::mem::take(&mut *seen.lock().expect("lock"));
    let mut unavailable = 0;
    let mut first_ok_after_up: Option<Duration> = None;
    for s in &seen {
        assert!(
            s.took < ANSWER_BOUND,
            "{} took {:?}: {:?}",
            s.what,
            s.took,
            s.answer
        );
        assert!(
            s.status != 503 || s.took < UNAVAILABLE_BOUND,
            "{} answered 503 after {:?}, more than the acquire timeout of {ACQUIRE_TIMEOUT_SECS} s allows",
            s.what,
            s.took
        );
        match (s.what, s.status) {
            ("upload", 201) | ("readyz", 200) => {
                if s.at > up && s.what == "upload" {
                    let after = s.at - up;
                    first_ok_after_up = Some(first_ok_after_up.map_or(after, |f| f.min(after)));
                }
            }
            ("upload", 503) => {
                let v = s.answer.json();
                assert_eq!(v["code"], "unavailable", "{v}");
                assert_eq!(v["target"], "api", "{v}");
                assert!(v["errors"].is_array(), "{v}");
                unavailable += 1;
            }
            ("refresh", 400..=499) => {}
            ("refresh", 503) => {
                // Kontur auth's errors are text.
                assert_eq!(
                    String::from_utf8_lossy(&s.answer.body),
                    "the service is unavailable, try again later"
                );
                unavailable += 1;
            }
            ("readyz", 503) => {
                let v = s.answer.json();
                assert_eq!(v["status"], "unavailable", "{v}");
                unavailable += 1;
            }
            _ => panic!(
                "{} answered {} during the restart: {:?}",
                s.what, s.status, s.answer
            ),
        }
    }
    let outage_answers = seen
        .iter()
        .filter(|s| s.at > down && s.at + s.took < up)
        .count();
    eprintln!(
        "{} answers: {unavailable} 503 during the outage ({outage_answers} asked while \
         it was down); first upload accepted {first_ok_after_up:?} after PostgreSQL was up",
        seen.len()
    );
    for what in ["upload", "readyz", "refresh"] {
        assert!(
            seen.iter().any(|s| s.what == what && s.status == 503),
            "no {what} saw the outage ({unavailable} 503s, {outage_answers} requests \
             while PostgreSQL was down)"
        );
    }
    let recovered_in = first_ok_after_up.expect("no upload succeeded after PostgreSQL came back");
    assert!(
        recovered_in < Duration::from_secs(20),
        "recovered only after {recovered_in:?}"
    );
    assert!(
        seen.iter()
            .any(|s| s.at < down && s.what == "upload" && s.status == 201),
        "nothing was uploaded before the outage"
    );

    // The same signet process served throughout, and everything it
    // accepted reads back whole.
    assert!(
        server.child.try_wait().expect("wait").is_none(),
        "signet exited"
    );
    let uploaded = std::mem::take(&mut *uploaded.lock().expect("lock"));
    for (id, seed) in &uploaded {
        let a = server.call(
            "GET",
            &format!("/contents/{id}"),
            &[("Authorization", &auth)],
            &[],
        );
        assert_eq!(a.status, 200, "content {id}: {a:?}");
        assert!(a.body == bytes(64 << 10, *seed), "content {id} differs");
    }
    let (status, _) = server.get("/readyz");
    assert_eq!(status, 200);
    eprintln!("{} accepted uploads read back whole", uploaded.len());
    assert!(server.terminate().success());
}
