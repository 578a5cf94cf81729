//! The public Ukrainian test files committed in `tests/data/ua` (from the
//! jkurwa project's test data; their sources are in that folder's README) and
//! the npm packages of the independent Ukrainian implementations, which
//! `scripts/test` installs into `$SIGNET_NPM_DIR` (by default
//! `$HOME/.cache/signet-npm`).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The path of `name` in the repository's `tests/data/ua`.
pub fn ua_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/ua")
        .join(name)
}

/// The bytes of `name` in the repository's `tests/data/ua`.
pub fn ua(name: &str) -> Vec<u8> {
    let path = ua_path(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `node_modules` directory holding `packages` (for `NODE_PATH`);
/// panics with the install command when one is missing.
pub fn npm_modules(packages: &[&str]) -> PathBuf {
    let dir = std::env::var_os("SIGNET_NPM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var("HOME").expect("HOME is set")).join(".cache/signet-npm")
        })
        .join("node_modules");
    for package in packages {
        assert!(
            dir.join(package).is_dir(),
            "the npm package {package} is missing from {}; install it with \
             `npm install --prefix $HOME/.cache/signet-npm jkurwa@1.17.0 gost89@0.1.11` \
             (scripts/test does)",
            dir.display()
        );
    }
    dir
}

/// A script of `scripts/peers`.
fn peer_script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../scripts/peers")
        .join(name)
}

/// Runs `node scripts/peers/SCRIPT ARGS` with `packages` on NODE_PATH; its
/// standard output, or a panic with its standard error.
fn run_peer(script: &str, packages: &[&str], args: &[&Path]) -> Vec<u8> {
    let script = peer_script(script);
    let out = Command::new("node")
        .env("NODE_PATH", npm_modules(packages))
        .arg(&script)
        .args(args)
        .output()
        .expect("node is installed (Debian package nodejs)");
    assert!(
        out.status.success(),
        "{} failed: {}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// jkurwa's Message.verify on a CMS signature (and detached content):
/// `scripts/peers/jkurwa_verify_cms.js`.
pub fn jkurwa_verifies(sig: &[u8], content: Option<&[u8]>) -> bool {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let sig_path = dir.path().join("sig.p7");
    std::fs::write(&sig_path, sig).expect("the signature is written");
    let content_path = dir.path().join("content");
    let mut args: Vec<&Path> = vec![&sig_path];
    if let Some(content) = content {
        std::fs::write(&content_path, content).expect("the content is written");
        args.push(&content_path);
    }
    let out = run_peer("jkurwa_verify_cms.js", &["jkurwa"], &args);
    match String::from_utf8_lossy(&out).trim() {
        "true" => true,
        "false" => false,
        other => panic!("unexpected answer {other:?}"),
    }
}

/// A self-signed DSTU 4145 signing certificate (keyUsage digitalSignature,
/// nonRepudiation; organizationName `cn`) that jkurwa makes for the
/// private key `key` of the test data (jkurwa's DER form, e.g.
/// `Key40A0.cer`): `scripts/peers/jkurwa_make_cert.js`.
pub fn jkurwa_signing_certificate(key: &str, cn: &str) -> Vec<u8> {
    run_peer(
        "jkurwa_make_cert.js",
        &["jkurwa", "gost89"],
        &[&ua_path(key), Path::new(cn)],
    )
}

/// jkurwa's Message.decrypt on a Ukrainian EnvelopedData with the private
/// key `key` of `tests/data/ua` (jkurwa's DER form, e.g.
/// `Key40A0.cer`); `originators` are certificates of the same folder a
/// static originator may name: `scripts/peers/jkurwa_envelope.js decrypt`.
/// The plaintext, or jkurwa's error.
pub fn jkurwa_decrypt_envelope(
    envelope: &[u8],
    key: &str,
    originators: &[&str],
) -> Result<Vec<u8>, String> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let envelope_path = dir.path().join("envelope.p7");
    std::fs::write(&envelope_path, envelope).expect("the envelope is written");
    let out = Command::new("node")
        .env("NODE_PATH", npm_modules(&["jkurwa", "gost89"]))
        .arg(peer_script("jkurwa_envelope.js"))
        .arg("decrypt")
        .arg(&envelope_path)
        .arg(ua_path(key))
        .args(originators.iter().map(|name| ua_path(name)))
        .output()
        .expect("node is installed (Debian package nodejs)");
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// jkurwa's Message (constructEnveloped) encrypting `plaintext` from the
/// private key `sender_key` with its certificate `sender_cert` (static
/// key agreement) to `recipient_cert`, all files of
/// `tests/data/ua`: `scripts/peers/jkurwa_envelope.js encrypt`.
pub fn jkurwa_encrypt_envelope(
    plaintext: &[u8],
    sender_key: &str,
    sender_cert: &str,
    recipient_cert: &str,
) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let plain_path = dir.path().join("plaintext");
    std::fs::write(&plain_path, plaintext).expect("the plaintext is written");
    run_peer(
        "jkurwa_envelope.js",
        &["jkurwa", "gost89"],
        &[
            Path::new("encrypt"),
            &plain_path,
            &ua_path(sender_key),
            &ua_path(sender_cert),
            &ua_path(recipient_cert),
        ],
    )
}
