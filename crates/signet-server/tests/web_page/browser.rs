//! The page in headless Chromium (`tests/web/page.mjs` with
//! `playwright-core`): uploads, verdicts, the certificate view, screenshots.

use std::path::{Path, PathBuf};

use super::*;

/// Where screenshots are kept: `$CARGO_TARGET_DIR/web-artifacts`.
fn artifacts_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            // CARGO_TARGET_TMPDIR is <target>/tmp.
            Path::new(env!("CARGO_TARGET_TMPDIR"))
                .parent()
                .expect("target dir")
                .to_owned()
        });
    let dir = target.join("web-artifacts");
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

fn chromium() -> PathBuf {
    let path = std::env::var_os("SIGNET_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.exists(),
        "the browser test needs Debian's Chromium at {} (or SIGNET_CHROMIUM): \
         `apt-get install chromium` (scripts/test installs it)",
        path.display()
    );
    path
}

fn npm_modules() -> PathBuf {
    let dir = std::env::var_os("SIGNET_NPM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var("HOME").expect("HOME is set")).join(".cache/signet-npm")
        })
        .join("node_modules");
    assert!(
        dir.join("playwright-core").is_dir(),
        "the browser test needs playwright-core in {}: \
         `npm install --prefix $HOME/.cache/signet-npm playwright-core@1.65.1` (scripts/test does)",
        dir.display()
    );
    dir
}

/// Runs `node page.mjs URL FILES ARTIFACTS`, killing it after `limit`.
fn run_node(args: &[std::ffi::OsString], limit: Duration) -> (bool, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/web/page.mjs");
    let out = tempfile::NamedTempFile::new().expect("log");
    // One open file for both streams, so that they share its offset.
    let log = out.reopen().expect("log");
    let mut child = std::process::Command::new("node")
        .arg(&script)
        .args(args)
        .env("NODE_PATH", npm_modules())
        .env("SIGNET_CHROMIUM", chromium())
        .stdout(log.try_clone().expect("log"))
        .stderr(log)
        .spawn()
        .expect("node runs (Debian's nodejs; scripts/test installs it)");
    let deadline = std::time::Instant::now() + limit;
    let ok = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status.success();
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break false;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let log = std::fs::read_to_string(out.path()).unwrap_or_default();
    (ok, log)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_in_headless_chromium_shows_the_verdicts() {
    let chromium = chromium();
    let _ = npm_modules();
    let e = env().await;
    let files = tempfile::tempdir().expect("files");
    let sig = e.pki.sign(&[&e.signer], DOC, &cades());
    let mut tampered = DOC.to_vec();
    tampered[12] ^= 1;
    std::fs::write(files.path().join("contract.pdf"), DOC).expect("write");
    std::fs::write(files.path().join("contract.pdf.p7s"), &sig).expect("write");
    std::fs::write(files.path().join("tampered.pdf"), &tampered).expect("write");
    std::fs::write(files.path().join("signer.cer"), &e.signer.cert.der).expect("write");
    let expect = serde_json::json!({ "signer": SIGNER_NAME, "inn": "771234567890" });
    std::fs::write(files.path().join("expect.json"), expect.to_string()).expect("write");

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(signet_server::serve(listener, e.state.clone(), async {
        let _ = stopped.await;
    }));

    let artifacts = artifacts_dir();
    let args = [
        format!("http://{addr}/").into(),
        files.path().as_os_str().to_owned(),
        artifacts.as_os_str().to_owned(),
    ];
    let (ok, log) = tokio::task::spawn_blocking(move || run_node(&args, Duration::from_secs(180)))
        .await
        .expect("node thread");
    let _ = stop.send(());
    let _ = server.await;
    println!("{log}");
    assert!(
        ok,
        "the browser test failed (Chromium {}):\n{log}",
        chromium.display()
    );
    for shot in [
        "report-valid.png",
        "report-invalid.png",
        "certificate.png",
        "phone.png",
        "phone-report.png",
    ] {
        let path = artifacts.join(shot);
        assert!(path.is_file(), "{} was not saved", path.display());
        println!("screenshot: {}", path.display());
    }
}
