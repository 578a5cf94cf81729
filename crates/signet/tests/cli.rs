//! The `signet` binary as a user runs it: inspect, trust, org, and serve
//! started, probed over HTTP and stopped with SIGTERM.

mod common;

use std::ffi::OsStr;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{Server, signet};
use serde_json::Value;
use test_support::ua_testdata::ua_path as ua;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn version_is_printed() {
    let o = signet(&["--version"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o).trim(),
        format!("signet {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn inspect_shows_a_ukrainian_qualified_certificate() {
    let sfs = ua("SFS_1.cer");
    let o = signet(&["inspect", sfs.to_str().expect("path")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for expected in [
        "SHA-1 thumbprint:     5955241C7BE70C2F7050B922345FCE5A36ACA94A",
        "EDRPOU:               39292197",
        "DSTU 4145-2002, PB, little-endian",
        "Reinforced certification rules",
        "http://acskidd.gov.ua/services/ocsp/",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn inspect_json_is_the_cryptoapi_certificate() {
    let sfs = ua("SFS_1.cer");
    let o = signet(&["inspect", "--json", sfs.to_str().expect("path")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["Thumbprint"], "5955241C7BE70C2F7050B922345FCE5A36ACA94A");
    assert_eq!(
        v["SerialNumber"],
        "33B6CB7BF721B9CE040000009162200086E34A00"
    );
    assert_eq!(v["ValidFrom"], "2016-11-02T22:00:00.000Z");
    assert_eq!(v["OrganizationName"], "Державна фіскальна служба України");
    assert_eq!(v["City"], "Київ");
    assert_eq!(
        v["IssuerSimpleName"],
        "Акредитований центр сертифікації ключів ІДД ДФС"
    );
    assert_eq!(v["CertificateType"], 1);
    assert!(v["Snils"].is_null());
}

#[test]
fn inspect_cipher_speaks_three_languages() {
    let sfs = ua("SFS_1.cer");
    let path = sfs.to_str().expect("path");
    let mut descriptions = Vec::new();
    for lang in ["uk", "ru", "en"] {
        let o = signet(&["inspect", "--cipher", "--lang", lang, path]);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
        let ext = &v["extensionsCertificateInfo"]["value"];
        assert_eq!(ext["personalData"]["value"]["edrpou"]["value"], "39292197");
        assert_eq!(ext["isQualified"]["value"], "true");
        assert_eq!(ext["isElectronicStamp"]["value"], "true");
        assert_eq!(
            v["publicKeyCertificateInfo"]["value"]["publicKey"]["value"],
            "5F 7A 15 2C 3C 7F 85 17 A5 E4 0C EE 3B 3A F0 0B 67 F6 31 CB A5 24 12 07 AC 01 14 03 E1 DA E8 CA 01"
        );
        descriptions.push(
            v["ownerCertificateInfo"]["description"]
                .as_str()
                .expect("d")
                .to_owned(),
        );
    }
    assert_eq!(descriptions, ["Власник", "Владелец", "Owner"]);
}

#[test]
fn inspect_refuses_bad_input_clearly() {
    let dir = tempfile::tempdir().expect("dir");
    let garbage = dir.path().join("garbage.cer");
    std::fs::write(&garbage, b"\x30\x82\xff\xff not a certificate").expect("write");
    let o = signet(&["inspect", garbage.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("malformed certificate"),
        "{}",
        stderr(&o)
    );

    let o = signet(&[
        "inspect",
        dir.path().join("missing.cer").to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(2));

    let o = signet(&["inspect", "--lang", "de", garbage.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown language"));
}

#[test]
fn trust_add_and_list() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().to_str().expect("path");
    // A PEM bundle of two public UA CA certificates.
    let mut bundle = String::new();
    for name in ["CZOROOT.cer", "CA-Justice.cer"] {
        let der = std::fs::read(ua(name)).expect("read");
        bundle.push_str(&signet_pki::pem_encode(&der));
    }
    let bundle_path = dir.path().join("bundle.pem");
    std::fs::write(&bundle_path, bundle).expect("write");

    let o = signet(&[
        "trust",
        "add",
        "--data-dir",
        data,
        bundle_path.to_str().expect("p"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).matches("added: ").count(), 2);
    let o = signet(&[
        "trust",
        "add",
        "--data-dir",
        data,
        ua("CZOROOT.cer").to_str().expect("p"),
    ]);
    assert!(stdout(&o).starts_with("already trusted: 128AD060F190FAF5E3D3BC6ED9638A48E439A42F"));

    let o = signet(&["trust", "list", "--data-dir", data]);
    assert!(o.status.success());
    assert_eq!(stdout(&o).lines().count(), 2);

    // Something that is not a certificate is refused and nothing is written.
    let o = signet(&[
        "trust",
        "add",
        "--data-dir",
        data,
        ua("Key40A0.cer").to_str().expect("p"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let files = std::fs::read_dir(dir.path().join("trust"))
        .expect("dir")
        .count();
    assert_eq!(files, 2);
}

#[test]
fn org_add_list_and_grant() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().to_str().expect("path");
    let o = signet(&[
        "org",
        "add",
        "--data-dir",
        data,
        "--name",
        "ТОВ Тест",
        "--edrpou",
        "39292197",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let id = stdout(&o).trim().to_owned();
    assert!(uuid_like(&id), "{id}");

    let o = signet(&["org", "list", "--data-dir", data]);
    assert_eq!(stdout(&o).trim(), format!("{id} ТОВ Тест EDRPOU=39292197"));

    let sfs = ua("SFS_1.cer");
    let o = signet(&[
        "org",
        "grant",
        "--data-dir",
        data,
        &id,
        "--cert",
        sfs.to_str().expect("p"),
    ]);
    assert!(
        stdout(&o).starts_with("granted: 5955241C7BE70C2F7050B922345FCE5A36ACA94A"),
        "{}",
        stderr(&o)
    );
    let o = signet(&[
        "org",
        "grant",
        "--data-dir",
        data,
        &id,
        "--thumbprint",
        "59:55:24:1c:7b:e7:0c:2f:70:50:b9:22:34:5f:ce:5a:36:ac:a9:4a",
    ]);
    assert!(stdout(&o).starts_with("already granted"), "{}", stderr(&o));

    let o = signet(&[
        "org",
        "grant",
        "--data-dir",
        data,
        &id,
        "--thumbprint",
        "abc",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = signet(&[
        "org",
        "grant",
        "--data-dir",
        data,
        "00000000-0000-0000-0000-000000000000",
        "--thumbprint",
        "5955241C7BE70C2F7050B922345FCE5A36ACA94A",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not found"));
}

fn uuid_like(s: &str) -> bool {
    s.len() == 36 && s.chars().filter(|&c| c == '-').count() == 4
}

#[test]
fn serve_on_embedded_defaults_answers_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let server = Server::start_with(&["--data-dir", data.to_str().expect("p")], &[]);
    let (status, v) = server.get("/readyz");
    assert_eq!(status, 200);
    assert_eq!(v["store"], "sqlite");
    assert_eq!(v["trustedCertificates"], 0, "the trust store starts empty");
    assert!(
        data.join("signet.db").exists(),
        "SQLite database created in the data dir"
    );
    let (status, _) = server.get("/openapi.json");
    assert_eq!(status, 200);
    let status = server.terminate();
    assert!(status.success(), "graceful exit, got {status:?}");
}

/// `signet serve --tls-cert --tls-key`: the Cipher BIS ticket API over
/// HTTPS, as its clients expect it, reached with curl (OpenSSL or GnuTLS
/// underneath, not signet's TLS stack).
#[test]
fn serve_tls_answers_the_ticket_api_over_https() {
    let dir = tempfile::tempdir().expect("dir");
    let key = dir.path().join("tls.key");
    let cert = dir.path().join("tls.pem");
    test_support::Openssl::new().run(
        &[
            OsStr::new("req"),
            OsStr::new("-x509"),
            OsStr::new("-newkey"),
            OsStr::new("ec"),
            OsStr::new("-pkeyopt"),
            OsStr::new("ec_paramgen_curve:P-256"),
            OsStr::new("-nodes"),
            OsStr::new("-days"),
            OsStr::new("2"),
            OsStr::new("-subj"),
            OsStr::new("/CN=localhost"),
            OsStr::new("-addext"),
            OsStr::new("subjectAltName=DNS:localhost,IP:127.0.0.1"),
            OsStr::new("-keyout"),
            key.as_os_str(),
            OsStr::new("-out"),
            cert.as_os_str(),
        ],
        false,
    );
    let data = dir.path().join("data");
    let server = Server::start_with(
        &[
            "--data-dir",
            data.to_str().expect("p"),
            "--tls-cert",
            cert.to_str().expect("p"),
            "--tls-key",
            key.to_str().expect("p"),
            "--header-timeout-secs",
            "1",
        ],
        &[],
    );
    let url = format!("https://{}/api/v1/ticket", server.addr);
    let out = Command::new("curl")
        .args(["-sS", "--cacert"])
        .arg(&cert)
        .args(["-X", "POST", "-H", "Accept-Language: en", &url])
        .output()
        .expect("curl runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["message"], "Session created.");
    assert!(uuid_like(v["ticketUuid"].as_str().expect("uuid")));
    // Plain HTTP on the TLS port is not served.
    let plain = Command::new("curl")
        .args(["-sS", "-m", "5", &url.replacen("https", "http", 1)])
        .output()
        .expect("curl runs");
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("ticketUuid"));
    // A client that connects and never starts its TLS handshake is
    // disconnected after the header time, 1 s here (docs/SECURITY.md,
    // "Slow and idle clients"); the wait is shorter than the 10 s that
    // axum_server's own handshake limit gave before.
    let mut silent = std::net::TcpStream::connect(&server.addr).expect("connect");
    silent
        .set_read_timeout(Some(Duration::from_secs(8)))
        .expect("read timeout");
    let mut buf = [0u8; 16];
    match std::io::Read::read(&mut silent, &mut buf) {
        Ok(0) => {}
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
        other => panic!("the silent connection is still open or answered: {other:?}"),
    }
    assert!(server.terminate().success());
}

#[test]
fn serve_reads_the_environment_and_a_config_file() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let trust = dir.path().join("roots");
    let o = signet(&[
        "trust",
        "add",
        "--trust-dir",
        trust.to_str().expect("p"),
        ua("CZOROOT.cer").to_str().expect("p"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let config = dir.path().join("signet.toml");
    std::fs::write(
        &config,
        format!("trust-dir = {:?}\n", trust.to_str().expect("p")),
    )
    .expect("write");
    let server = Server::start_with(
        &[],
        &[
            ("SIGNET_DATA_DIR", data.to_str().expect("p")),
            ("SIGNET_CONFIG", config.to_str().expect("p")),
        ],
    );
    let (_, v) = server.get("/readyz");
    assert_eq!(v["trustedCertificates"], 1);
    assert!(data.join("signet.db").exists());
    assert!(server.terminate().success());
}

#[test]
fn serve_on_postgres() {
    let url = std::env::var("SIGNET_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned());
    let schema = format!("signet_cli_{}", std::process::id());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    let exec = |sql: String| {
        rt.block_on(async {
            use sqlx::Connection;
            let mut c = sqlx::PgConnection::connect(&url)
                .await
                .expect("PostgreSQL on 127.0.0.1:5432");
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut c)
                .await
                .expect("sql");
        })
    };
    exec(format!(
        "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
    ));
    let db = format!("{url}?options=-c%20search_path%3D{schema}");
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start_with(
        &[
            "--database-url",
            &db,
            "--data-dir",
            dir.path().to_str().expect("p"),
        ],
        &[],
    );
    let (status, v) = server.get("/readyz");
    assert_eq!((status, v["store"].as_str()), (200, Some("postgres")));
    assert!(server.terminate().success());
    // The org command talks to the same database.
    let o = signet(&["org", "add", "--database-url", &db, "--name", "PG org"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = signet(&["org", "list", "--database-url", &db]);
    assert!(stdout(&o).contains("PG org"));
    exec(format!("DROP SCHEMA {schema} CASCADE"));
}

mod verify {
    use super::*;
    use test_support::KeyType;
    use test_support::pki::{SignOptions, TestPki};

    const DOC: &[u8] = b"signet verify test document\n";

    struct Fixture {
        _dir: tempfile::TempDir,
        trust: String,
        content: String,
        detached: String,
        attached: String,
    }

    fn fixture() -> Fixture {
        let pki = TestPki::new(KeyType::EcP256);
        let signer = pki.issue("CLI signer", KeyType::EcP256, None, &[]);
        let dir = tempfile::tempdir().expect("dir");
        let p = |name: &str| dir.path().join(name).to_str().expect("utf-8").to_owned();
        std::fs::write(p("doc.txt"), DOC).expect("write");
        std::fs::write(
            p("doc.p7s"),
            pki.sign(
                &[&signer],
                DOC,
                &SignOptions {
                    cades: true,
                    ..SignOptions::default()
                },
            ),
        )
        .expect("write");
        std::fs::write(
            p("att.p7s"),
            pki.sign(
                &[&signer],
                DOC,
                &SignOptions {
                    detached: false,
                    ..SignOptions::default()
                },
            ),
        )
        .expect("write");
        std::fs::write(p("root.pem"), &pki.root.cert.pem).expect("write");
        let o = signet(&["trust", "add", "--trust-dir", &p("trust"), &p("root.pem")]);
        assert!(o.status.success(), "{}", stderr(&o));
        Fixture {
            trust: p("trust"),
            content: p("doc.txt"),
            detached: p("doc.p7s"),
            attached: p("att.p7s"),
            _dir: dir,
        }
    }

    #[test]
    fn valid_signatures_exit_0_and_say_so() {
        let f = fixture();
        let o = signet(&[
            "verify",
            "--signature",
            &f.detached,
            "--content",
            &f.content,
            "--trust-dir",
            &f.trust,
            "--revocation",
            "off",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
        let text = stdout(&o);
        assert!(text.starts_with("Signature: VALID"), "{text}");
        assert!(
            text.contains("CAdES-BES") && text.contains("CLI signer"),
            "{text}"
        );

        let o = signet(&[
            "verify",
            "--signature",
            &f.attached,
            "--trust-dir",
            &f.trust,
            "--revocation",
            "off",
            "--json",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
        assert_eq!(v["valid"], true);
        let certificate = &v["signers"][0]["certificate"];
        assert_eq!(certificate["commonName"], "CLI signer");
        assert!(
            certificate["subject"]
                .as_str()
                .is_some_and(|s| s.contains("CLI signer")),
            "{certificate}"
        );
        assert_eq!(certificate["thumbprint"].as_str().map(str::len), Some(40));
        assert!(v["signers"][0]["cadesType"].is_null());
        assert_eq!(v["signers"][0]["chain"].as_array().map(Vec::len), Some(3));
    }

    #[test]
    fn invalid_signatures_exit_1_and_usage_errors_exit_2() {
        let f = fixture();
        let dir = tempfile::tempdir().expect("dir");
        let other = dir.path().join("other.txt");
        std::fs::write(&other, b"not the signed document").expect("write");
        let o = signet(&[
            "verify",
            "--signature",
            &f.detached,
            "--content",
            other.to_str().expect("p"),
            "--trust-dir",
            &f.trust,
            "--revocation",
            "off",
        ]);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stdout(&o).contains("NOT VALID: the content does not match"),
            "{}",
            stdout(&o)
        );

        // Revocation is required by default and these certificates name no
        // CRL or OCSP responder: the status is unknown, so not valid.
        let o = signet(&[
            "verify",
            "--signature",
            &f.detached,
            "--content",
            &f.content,
            "--trust-dir",
            &f.trust,
        ]);
        assert_eq!(o.status.code(), Some(1));
        assert!(stdout(&o).contains("revocation status"), "{}", stdout(&o));

        let o = signet(&[
            "verify",
            "--signature",
            &f.detached,
            "--trust-dir",
            &f.trust,
        ]);
        assert_eq!(
            o.status.code(),
            Some(2),
            "a detached signature needs --content"
        );
        let o = signet(&["verify", "--signature", "/nonexistent.p7s"]);
        assert_eq!(o.status.code(), Some(2));
        let o = signet(&["verify", "--signature", &f.content, "--trust-dir", &f.trust]);
        assert_eq!(o.status.code(), Some(1), "not a signature");
    }
}

/// `curl -sS -X METHOD URL [args]`: the status and the body.
fn curl(method: &str, url: &str, args: &[&str]) -> (u16, Vec<u8>) {
    let out = Command::new("curl")
        .args(["-sS", "-m", "30", "-X", method, "-w", "\n%{http_code}"])
        .args(args)
        .arg(url)
        .output()
        .expect("curl runs");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = out.stdout;
    let cut = text.iter().rposition(|&b| b == b'\n').expect("status line");
    let status = String::from_utf8_lossy(&text[cut + 1..])
        .parse()
        .expect("status");
    (status, text[..cut].to_vec())
}

fn stderr_of(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `signet serve --tsa-url`: a Cipher BIS ticket asked for CAdES-T gets
/// its signature time-stamp from that TSA (`openssl ts -reply` over HTTP),
/// and OpenSSL finds the signature valid with the token in it.
#[test]
fn serve_with_a_tsa_makes_cades_t_signatures() {
    use test_support::KeyType;
    use test_support::net::{HttpServer, Route};
    use test_support::pki::TestPki;

    let pki = TestPki::new(KeyType::EcP256);
    let signer = pki.issue("Підписувач CLI", KeyType::EcP256, None, &[]);
    let tsa = pki.tsa(KeyType::EcP256);
    let tsa_server = HttpServer::start();
    tsa_server.route(
        "/tsa",
        Route::Handler(std::sync::Arc::new(pki.tsa_responder(&tsa))),
    );
    let dir = tempfile::tempdir().expect("dir");
    let p12 = dir.path().join("key.p12");
    let exported = pki.ossl.pkcs12_export(
        &signer.key,
        &signer.cert,
        Some(&pki.intermediate.cert),
        "secret",
        &[],
    );
    std::fs::write(&p12, exported).expect("write");
    let doc = dir.path().join("doc.txt");
    std::fs::write(&doc, "Акт приймання № 12\n").expect("write");
    let data = dir.path().join("data");
    let server = Server::start_with(
        &[
            "--data-dir",
            data.to_str().expect("p"),
            "--tsa-url",
            &tsa_server.url("/tsa"),
        ],
        &[],
    );
    let base = format!("http://{}/api/v1/ticket", server.addr);
    let json = |body: &[u8]| -> Value { serde_json::from_slice(body).expect("JSON") };
    let (status, body) = curl("POST", &base, &[]);
    assert_eq!(status, 200);
    let t = format!(
        "{base}/{}",
        json(&body)["ticketUuid"].as_str().expect("uuid")
    );
    let octets = [
        "-H",
        "Content-Type: application/octet-stream",
        "--data-binary",
    ];
    let put = |path: &str, args: &[&str]| curl("PUT", &format!("{t}/{path}"), args);
    let file_arg = |p: &std::path::Path| format!("@{}", p.display());
    let (status, _) = curl(
        "POST",
        &format!("{t}/data"),
        &[octets[0], octets[1], octets[2], &file_arg(&doc)],
    );
    assert_eq!(status, 200);
    let (status, _) = put(
        "keyStore",
        &[octets[0], octets[1], octets[2], &file_arg(&p12)],
    );
    assert_eq!(status, 200);
    let as_json = ["-H", "Content-Type: application/json", "--data"];
    let (status, body) = put(
        "option",
        &[
            as_json[0],
            as_json[1],
            as_json[2],
            r#"{"cadesType":"CAdEST","embedCertificateType":"signerAndCaCert"}"#,
        ],
    );
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let (status, _) = curl(
        "POST",
        &format!("{t}/ds/creator"),
        &[
            as_json[0],
            as_json[1],
            as_json[2],
            r#"{"keyStorePassword":"secret"}"#,
        ],
    );
    assert_eq!(status, 200, "signing started");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (status, body) = curl("GET", &format!("{t}/ds/creator"), &[]);
        match status {
            202 if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
            200 => break,
            other => panic!(
                "signing answered {other}: {}",
                String::from_utf8_lossy(&body)
            ),
        }
    }
    assert_eq!(tsa_server.hits("/tsa"), 1);
    let (_, body) = curl("GET", &format!("{t}/ds/base64Data"), &[]);
    let b64_path = dir.path().join("doc.p7s.b64");
    let b64 = json(&body)["base64Data"]
        .as_str()
        .expect("base64Data")
        .to_owned();
    std::fs::write(&b64_path, b64).expect("write");
    let sig_path = dir.path().join("doc.p7s");
    pki.ossl.run(
        &[
            "base64",
            "-d",
            "-A",
            "-in",
            b64_path.to_str().expect("p"),
            "-out",
            sig_path.to_str().expect("p"),
        ],
        false,
    );
    let verified = pki.ossl.run_text(
        &[
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            sig_path.to_str().expect("p"),
            "-content",
            doc.to_str().expect("p"),
            "-CAfile",
            pki.root.cert.pem_path.to_str().expect("p"),
        ],
        false,
    );
    assert_eq!(verified, "Акт приймання № 12\n");
    let printed = pki.ossl.run_text(
        &[
            "cms",
            "-cmsout",
            "-print",
            "-inform",
            "DER",
            "-in",
            sig_path.to_str().expect("p"),
        ],
        false,
    );
    assert!(
        printed.contains("id-smime-aa-timeStampToken"),
        "no signature time-stamp in:\n{printed}"
    );
    assert!(server.terminate().success());
}
