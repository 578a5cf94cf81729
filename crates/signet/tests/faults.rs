//! Faults the `signet` binary must survive on its embedded defaults
//! (SQLite and files in the data directory):
//!
//! - SIGKILL in the middle of three uploads (a new content, a whole
//!   replacement and a part of an upload in parts): after a restart the
//!   committed content is whole, no half content is visible, the killed
//!   uploads' temporary files are swept, and the upload in parts resumes
//!   from what it had committed;
//! - SIGKILL while a Cipher BIS ticket holds a key container and has
//!   signed with it: the container, its key and its password never reach
//!   the disk, and after the restart the ticket is gone;
//! - a full disk in the middle of an upload (a 4 MiB tmpfs as the data
//!   directory; skipped, saying so, where `mount` is not permitted): a
//!   clear 507 in Reestro's error shape, nothing half-written, the next
//!   upload works once there is room, the committed content is intact.
//!
//! The running server and the raw HTTP client are `tests/common`'s.

mod common;

use std::io::Write;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use common::{Answer, Server, block_on, bytes, live_session, read_answer, request_head, signet};

const MIB: usize = 1 << 20;

/// MD5 by coreutils, upper-case hex as Reestro writes it.
fn md5sum(data: &[u8]) -> String {
    let mut child = Command::new("md5sum")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("md5sum runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let data = data.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output().expect("md5sum");
    writer.join().expect("writer").expect("write to md5sum");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .expect("md5sum output")
        .to_uppercase()
}

/// A fresh data directory with an organisation (`signet org add`), a
/// certificate thumbprint granted to it (`signet org grant`) and a live
/// session of that certificate, written with the store's API (sessions
/// come only from a login otherwise). The `Authorization` header value.
fn reestro_session(data: &Path) -> String {
    let data_arg = data.to_str().expect("utf-8");
    let o = signet(&["org", "add", "--data-dir", data_arg, "--name", "Збої"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let org = String::from_utf8_lossy(&o.stdout).trim().to_owned();
    let thumbprint = "89ABCDEF0123456789ABCDEF0123456789ABCDEF";
    let o = signet(&[
        "org",
        "grant",
        "--data-dir",
        data_arg,
        &org,
        "--thumbprint",
        thumbprint,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let sid = block_on(async {
        let store = signet_store::SqliteStore::open(&data.join("signet.db"))
            .await
            .expect("open the store");
        live_session(&store, thumbprint, "faults test").await
    });
    format!("ReestroAuth auth.sid={sid}&portal.orgid={org}")
}

/// One column of every row of `sql`, read from the data directory's
/// database (beside a running server: SQLite in WAL mode allows it).
fn query(data: &Path, sql: &str) -> Vec<String> {
    block_on(async {
        use sqlx::Connection;
        let url = format!("sqlite:{}?mode=ro", data.join("signet.db").display());
        let mut c = sqlx::SqliteConnection::connect(&url)
            .await
            .expect("open the database");
        let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
            .fetch_all(&mut c)
            .await
            .expect("query");
        rows
    })
}

/// The names and sizes of the files in `blobs/`.
fn blob_files(data: &Path) -> Vec<(String, u64)> {
    let mut files: Vec<(String, u64)> = std::fs::read_dir(data.join("blobs"))
        .expect("blobs dir")
        .filter_map(Result::ok)
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().map(|m| m.len()).unwrap_or(0),
            )
        })
        .collect();
    files.sort();
    files
}

/// Waits until `ready` holds of the blob files.
fn wait_for_blobs(data: &Path, what: &str, ready: impl Fn(&[(String, u64)]) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let files = blob_files(data);
        if ready(&files) {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: {files:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A request whose head and first `sent` bytes of a `total`-byte body
/// are written; the rest never comes.
fn hold(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    total: usize,
    sent: &[u8],
) -> TcpStream {
    let mut s = server.connect();
    s.write_all(request_head(&server.addr, method, path, headers, total).as_bytes())
        .expect("write head");
    s.write_all(sent).expect("write body");
    s
}

/// SIGKILL in the middle of a new upload, of a replacement of the
/// committed content and of a part of an upload in parts.
#[test]
fn sigkill_mid_upload_loses_nothing_committed_and_shows_nothing_half() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let auth = reestro_session(&data);
    let server = Server::start(&data);
    let with_auth = |extra: &[(&'static str, String)]| {
        let mut h = vec![("Authorization", auth.clone())];
        h.extend(extra.iter().cloned());
        h
    };
    let call = |server: &Server, method: &str, path: &str, h: &[(&str, String)], body: &[u8]| {
        let h: Vec<(&str, &str)> = h.iter().map(|(k, v)| (*k, v.as_str())).collect();
        server.call(method, path, &h, body)
    };

    // Committed: a content, whole.
    let committed = bytes(5 * MIB / 2, 1);
    let a = call(
        &server,
        "POST",
        "/contents",
        &with_auth(&[("X-Content-Name", "committed.bin".into())]),
        &committed,
    );
    assert_eq!(a.status, 201, "{a:?}");
    let a = a.json();
    let id_a = a["contentId"].as_str().expect("contentId").to_owned();
    assert_eq!(a["md5"], md5sum(&committed));

    // An upload in parts with its first part committed.
    let resumable = bytes(16 * MIB, 2);
    let id_r = uuid::Uuid::new_v4();
    let first = 3 * MIB;
    let r = call(
        &server,
        "PUT",
        &format!("/contents/{id_r}"),
        &with_auth(&[
            ("X-Content-Name", "resumable.bin".into()),
            ("Content-Range", format!("bytes 0-{}/*", first - 1)),
        ]),
        &resumable[..first],
    );
    assert_eq!(r.status, 308, "{r:?}");

    // Three uploads in flight, 8 MiB of each sent, then SIGKILL.
    let sent = 8 * MIB;
    let total = 64 * MIB;
    let new_body = bytes(total, 3);
    let replacement = bytes(total, 4);
    let held = [
        (
            "POST",
            "/contents".to_owned(),
            with_auth(&[("X-Content-Name", "killed.bin".into())]),
            total,
            &new_body[..sent],
        ),
        (
            "PUT",
            format!("/contents/{id_a}"),
            with_auth(&[("X-Content-Name", "replacement.bin".into())]),
            total,
            &replacement[..sent],
        ),
        (
            "PUT",
            format!("/contents/{id_r}"),
            with_auth(&[(
                "Content-Range",
                format!("bytes {first}-{}/{}", resumable.len() - 1, resumable.len()),
            )]),
            resumable.len() - first,
            &resumable[first..first + sent],
        ),
    ];
    let _streams: Vec<TcpStream> = held
        .iter()
        .map(|(method, path, headers, total, sent)| {
            let headers: Vec<(&str, &str)> =
                headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            hold(&server, method, path, &headers, *total, sent)
        })
        .collect();
    // The server has written most of what was sent: two temporary files
    // (the new content, the replacement) and the staged part.
    wait_for_blobs(&data, "uploads under way", |files| {
        let temps = files
            .iter()
            .filter(|(n, len)| n.starts_with(".tmp-") && *len >= 4 * MIB as u64)
            .count();
        let staged = files
            .iter()
            .any(|(n, len)| n.starts_with(".upload-") && *len >= (first + 4 * MIB) as u64);
        temps == 2 && staged
    });
    server.kill();

    let leftovers = blob_files(&data);
    assert_eq!(
        leftovers
            .iter()
            .filter(|(n, _)| n.starts_with(".tmp-"))
            .count(),
        2,
        "the killed uploads' temporary files: {leftovers:?}"
    );
    // The sweep at start removes leftovers an hour old (younger ones may
    // belong to another process's live upload): let an hour pass for every
    // file, the committed ones included, which it must keep.
    let an_hour_ago = SystemTime::now() - Duration::from_secs(2 * 3600);
    for (name, _) in &leftovers {
        std::fs::File::options()
            .write(true)
            .open(data.join("blobs").join(name))
            .expect("open")
            .set_modified(an_hour_ago)
            .expect("age the file");
    }

    let server = Server::start(&data);
    assert!(
        server.start_logs.iter().any(|l| {
            serde_json::from_str::<serde_json::Value>(l).is_ok_and(|v| v["fields"]["removed"] == 2)
        }),
        "the sweep reported two removed files: {:?}",
        server.start_logs
    );
    // Exactly the committed content and the upload in parts remain, in
    // the database and on disk; no temporary file is left.
    let blob_of_a = query(&data, "SELECT blob_id FROM contents");
    assert_eq!(blob_of_a.len(), 1, "one content: {blob_of_a:?}");
    let staged_blob = query(&data, "SELECT blob_id FROM content_uploads");
    assert_eq!(staged_blob.len(), 1, "one upload in parts: {staged_blob:?}");
    let names: Vec<String> = blob_files(&data).into_iter().map(|(n, _)| n).collect();
    let mut expected = vec![blob_of_a[0].clone(), format!(".upload-{}", staged_blob[0])];
    expected.sort();
    assert_eq!(names, expected);

    // The committed content is whole and unchanged.
    let got = call(
        &server,
        "GET",
        &format!("/contents/{id_a}"),
        &with_auth(&[]),
        &[],
    );
    assert_eq!(got.status, 200, "{}", got.head);
    assert!(got.body == committed, "the committed content changed");
    assert_eq!(
        got.header("x-content-md5"),
        Some(md5sum(&committed).as_str())
    );
    let meta = call(
        &server,
        "GET",
        &format!("/contents/{id_a}/meta"),
        &with_auth(&[]),
        &[],
    );
    assert_eq!(meta.json()["md5"], md5sum(&committed));
    assert_eq!(meta.json()["size"], committed.len().to_string());
    // The upload in parts is not a content yet…
    let pending = call(
        &server,
        "GET",
        &format!("/contents/{id_r}"),
        &with_auth(&[]),
        &[],
    );
    assert_eq!(pending.status, 404, "{pending:?}");
    // …and resumes from what it had committed.
    let status = call(
        &server,
        "PUT",
        &format!("/contents/{id_r}"),
        &with_auth(&[("Content-Range", "bytes */*".into())]),
        &[],
    );
    assert_eq!(status.status, 308, "{status:?}");
    let range = status.header("range").expect("Range").to_owned();
    let last: usize = range
        .strip_prefix("bytes=0-")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("Range {range}"));
    let received = last + 1;
    assert!(
        (first..=first + sent).contains(&received),
        "{received} bytes kept of {first} committed and {sent} more sent"
    );
    let done = call(
        &server,
        "PUT",
        &format!("/contents/{id_r}"),
        &with_auth(&[(
            "Content-Range",
            format!(
                "bytes {received}-{}/{}",
                resumable.len() - 1,
                resumable.len()
            ),
        )]),
        &resumable[received..],
    );
    assert_eq!(done.status, 201, "{done:?}");
    assert_eq!(done.json()["md5"], md5sum(&resumable));
    let got = call(
        &server,
        "GET",
        &format!("/contents/{id_r}"),
        &with_auth(&[]),
        &[],
    );
    assert!(got.body == resumable, "the resumed content differs");
    assert_eq!(query(&data, "SELECT blob_id FROM contents").len(), 2);
}

/// The files under `dir` that hold any `len`-byte window of `needle`.
fn found_on_disk(dir: &Path, needle: &[u8], len: usize) -> Vec<PathBuf> {
    let windows: std::collections::HashSet<&[u8]> = needle.windows(len).collect();
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)
            .expect("read dir")
            .filter_map(Result::ok)
        {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(content) = std::fs::read(&path)
                && content.windows(len).any(|w| windows.contains(w))
            {
                found.push(path);
            }
        }
    }
    found
}

/// SIGKILL while a ticket holds a key container (and has signed with it):
/// nothing of the container reaches the disk, before or after, and the
/// ticket does not survive the restart.
#[test]
fn sigkill_while_a_ticket_holds_a_container_leaves_nothing_on_disk() {
    use test_support::KeyType;
    use test_support::pki::TestPki;

    let pki = TestPki::new(KeyType::EcP256);
    let signer = pki.issue("Тимчасовий Підписувач", KeyType::EcP256, None, &[]);
    let password = format!("faults-{}", uuid::Uuid::new_v4().simple());
    let p12 = pki
        .ossl
        .pkcs12_export(&signer.key, &signer.cert, None, &password, &[]);
    let key_der = pki.ossl.run(
        &[
            "pkey",
            "-in",
            signer.key.path.to_str().expect("p"),
            "-outform",
            "DER",
        ],
        false,
    );
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let server = Server::start(&data);
    let octets = [("Content-Type", "application/octet-stream")];
    let json = [("Content-Type", "application/json")];

    let t = server.call("POST", "/api/v1/ticket", &[], &[]);
    assert_eq!(t.status, 200, "{t:?}");
    let t = t.json()["ticketUuid"]
        .as_str()
        .expect("ticketUuid")
        .to_owned();
    let base = format!("/api/v1/ticket/{t}");
    let document = format!("Документ {password}");
    let r = server.call(
        "POST",
        &format!("{base}/data"),
        &octets,
        document.as_bytes(),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let r = server.call("PUT", &format!("{base}/keyStore"), &octets, &p12);
    assert_eq!(r.status, 200, "{r:?}");
    let body = serde_json::json!({ "keyStorePassword": password }).to_string();
    let r = server.call(
        "POST",
        &format!("{base}/ds/creator"),
        &json,
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let r = server.call("GET", &format!("{base}/ds/creator"), &[], &[]);
        match r.status {
            202 if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            200 => break,
            _ => panic!("signing: {r:?}"),
        }
    }
    let r = server.call("GET", &format!("{base}/ds/base64Data"), &[], &[]);
    assert_eq!(r.status, 200, "the ticket holds a signature: {r:?}");

    let secrets: [(&str, &[u8]); 3] = [
        ("the container", &p12),
        ("its private key", &key_der),
        ("its password", password.as_bytes()),
    ];
    let check_disk = |when: &str| {
        for (what, bytes) in secrets {
            let found = found_on_disk(&data, bytes, 24.min(bytes.len()));
            assert!(found.is_empty(), "{when}: {what} found in {found:?}");
        }
    };
    check_disk("while the ticket is open");
    server.kill();
    check_disk("after SIGKILL");

    let server = Server::start(&data);
    check_disk("after the restart");
    let r = server.call(
        "GET",
        &format!("{base}/ds/base64Data"),
        &[("Accept-Language", "en")],
        &[],
    );
    assert_eq!(r.status, 400, "{r:?}");
    assert_eq!(r.json()["message"], "No such session.");
    let r = server.call("POST", "/api/v1/ticket", &[], &[]);
    assert_eq!(r.status, 200, "new tickets are served: {r:?}");
}

/// A tmpfs of `size` mounted on a fresh directory, unmounted on drop.
struct Tmpfs {
    path: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmpfs {
    /// `None` when this process may not mount (not root, or no
    /// CAP_SYS_ADMIN in its container).
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("mnt");
        std::fs::create_dir(&path).expect("mount point");
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .output()
            .ok()?;
        if !out.status.success() {
            eprintln!(
                "mount -t tmpfs: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            return None;
        }
        Some(Tmpfs { path, _dir: dir })
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.path).status();
    }
}

/// Sends a body the server may refuse before its end: the writer stops
/// when the server closes, the answer is read as soon as it is whole.
fn upload_refused_or_not(server: &Server, auth: &str, name: &str, body: &[u8]) -> Answer {
    let mut s = server.connect();
    let head = request_head(
        &server.addr,
        "POST",
        "/contents",
        &[("Authorization", auth), ("X-Content-Name", name)],
        body.len(),
    );
    s.write_all(head.as_bytes()).expect("write head");
    let mut writer = s.try_clone().expect("clone");
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for chunk in body.chunks(256 * 1024) {
                if writer.write_all(chunk).is_err() {
                    break;
                }
            }
        });
        read_answer(&mut s)
    })
}

/// The disk fills in the middle of an upload.
#[test]
fn a_full_disk_mid_upload_is_a_clear_error_and_corrupts_nothing() {
    let Some(disk) = Tmpfs::mount("4m") else {
        eprintln!(
            "SKIPPED a_full_disk_mid_upload_is_a_clear_error_and_corrupts_nothing: \
             this process may not mount a tmpfs (needs root with CAP_SYS_ADMIN)"
        );
        return;
    };
    let data = disk.path.join("data");
    let auth = reestro_session(&data);
    let server = Server::start(&data);

    let committed = bytes(MIB, 5);
    let a = upload_refused_or_not(&server, &auth, "committed.bin", &committed);
    assert_eq!(a.status, 201, "{a:?}");
    let id_a = a.json()["contentId"]
        .as_str()
        .expect("contentId")
        .to_owned();

    // Twice what the whole disk holds.
    let too_big = bytes(8 * MIB, 6);
    let started = Instant::now();
    let r = upload_refused_or_not(&server, &auth, "too-big.bin", &too_big);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(r.status, 507, "{r:?}");
    let v = r.json();
    assert_eq!(v["code"], "insufficientStorage", "{v}");
    assert_eq!(v["target"], "api", "{v}");
    assert!(
        v["message"].as_str().is_some_and(|m| m.contains("no room")),
        "{v}"
    );
    // Nothing of it is kept: no temporary file, no row.
    let files = blob_files(&data);
    assert!(files.iter().all(|(n, _)| !n.starts_with('.')), "{files:?}");
    assert_eq!(query(&data, "SELECT blob_id FROM contents").len(), 1);

    // With the room back, a smaller upload works and the first content is
    // intact.
    let small = bytes(MIB, 7);
    let r = upload_refused_or_not(&server, &auth, "small.bin", &small);
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.json()["md5"], md5sum(&small));
    let got = server.call(
        "GET",
        &format!("/contents/{id_a}"),
        &[("Authorization", &auth)],
        &[],
    );
    assert_eq!(got.status, 200, "{}", got.head);
    assert!(got.body == committed, "the committed content changed");
    drop(server);
}
