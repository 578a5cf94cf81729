//! Key containers made by other software, opened by signet: PKCS#12 and
//! encrypted PKCS#8 from OpenSSL 3 (with the gost engine for GOST), JKS from
//! the JDK's `keytool`, and the Ukrainian containers from the test data of
//! the `jkurwa` project and from the `gost89` npm package.

use std::path::Path;
use std::process::Command;

use signet_pki::KeystoreFormat;
use signet_pki::PkiError;
use signet_pki::PrivateKey;
use test_support::ua_testdata::{npm_modules, ua_path as ua};
use test_support::{CertFiles, CertSpec, KeyFile, KeyType, Openssl};

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A key and its self-signed certificate, made by OpenSSL.
fn key_and_cert(ossl: &Openssl, key_type: KeyType) -> (KeyFile, CertFiles) {
    let key = ossl.generate_key(key_type);
    let cert = ossl.self_signed(&key, &CertSpec::new().subject("CN", "keystore test"));
    (key, cert)
}

/// `openssl pkcs12 -export` of `key` and `cert` under the name "мій ключ"
/// and the password "пароль-1"; `extra` chooses the algorithms.
fn pkcs12(ossl: &Openssl, key: &KeyFile, cert: &CertFiles, extra: &[&str]) -> Vec<u8> {
    let mut options = vec!["-name", "мій ключ"];
    options.extend_from_slice(extra);
    ossl.pkcs12_export(key, cert, None, "пароль-1", &options)
}

fn assert_opens_with_cert(store: &[u8], password: &str, format: KeystoreFormat, cert_der: &[u8]) {
    let opened =
        signet_pki::open_keystore(store, password).unwrap_or_else(|e| panic!("{format:?}: {e}"));
    assert_eq!(opened.format, format);
    assert_eq!(opened.keys.len(), 1);
    let entry = &opened.keys[0];
    assert_eq!(
        entry.certificates.len(),
        1,
        "{format:?}: the key's certificate"
    );
    assert_eq!(entry.certificates[0].der(), cert_der);
    assert!(entry.key.matches(&entry.certificates[0]));
}

/// The DSTU key of jkurwa's Key40A0.cer, the decrypted form of
/// STORE_A040.dat.
fn key40a0_scalar() -> Vec<u8> {
    match PrivateKey::from_der(&read(&ua("Key40A0.cer"))).expect("Key40A0.cer parses") {
        PrivateKey::Dstu4145(k) => k.scalar_le().to_vec(),
        other => panic!("Key40A0.cer is not a DSTU key: {other:?}"),
    }
}

fn assert_is_key40a0(key: &PrivateKey) {
    match key {
        PrivateKey::Dstu4145(k) => {
            assert_eq!(k.scalar_le(), key40a0_scalar().as_slice());
            assert_eq!(k.description(), "DSTU 4145-2002 (M257)");
        }
        other => panic!("expected a DSTU key, got {other:?}"),
    }
}

fn assert_wrong_password(store: &[u8], password: &str) {
    match signet_pki::open_keystore(store, password) {
        Err(PkiError::WrongPassword(_)) => {}
        other => panic!("expected a wrong-password error, got {other:?}"),
    }
}

#[test]
fn pkcs12_openssl_defaults_rsa() {
    // OpenSSL 3's defaults: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for the
    // key and the certificates, HMAC-SHA256 MAC.
    let ossl = Openssl::new();
    let (key, cert) = key_and_cert(&ossl, KeyType::Rsa(2048));
    let p12 = pkcs12(&ossl, &key, &cert, &[]);
    assert_opens_with_cert(&p12, "пароль-1", KeystoreFormat::Pkcs12, &cert.der);
    let opened = signet_pki::open_keystore(&p12, "пароль-1").unwrap();
    assert_eq!(opened.keys[0].alias.as_deref(), Some("мій ключ"));
    assert_wrong_password(&p12, "пароль-2");
    assert_wrong_password(&p12, "");
}

#[test]
fn pkcs12_legacy_3des_and_rc2_ec() {
    // What Windows and OpenSSL 1.x write: pbeWithSHAAnd3-KeyTripleDES-CBC for
    // the key, pbeWithSHAAnd40BitRC2-CBC for the certificates, SHA-1 MAC.
    let ossl = Openssl::new();
    let (key, cert) = key_and_cert(&ossl, KeyType::EcP256);
    let p12 = pkcs12(&ossl, &key, &cert, &["-legacy"]);
    assert_opens_with_cert(&p12, "пароль-1", KeystoreFormat::Pkcs12, &cert.der);
    assert_wrong_password(&p12, "пароль");
    // 3DES for both, no encryption of the certificates, SHA-512 MAC.
    let p12 = pkcs12(
        &ossl,
        &key,
        &cert,
        &[
            "-keypbe",
            "PBE-SHA1-3DES",
            "-certpbe",
            "NONE",
            "-macalg",
            "sha512",
        ],
    );
    assert_opens_with_cert(&p12, "пароль-1", KeystoreFormat::Pkcs12, &cert.der);
}

#[test]
fn pkcs12_gost_engine() {
    // gost-engine's PKCS#12: PBES2 with PBKDF2-HMAC-Streebog-512 and GOST
    // 28147-89 CFB (TC26 Z S-box), the TC 26 MAC over Streebog-512.
    let ossl = Openssl::new();
    for key_type in [KeyType::Gost2012_256("A"), KeyType::Gost2012_512("C")] {
        let (key, cert) = key_and_cert(&ossl, key_type);
        let p12 = pkcs12(
            &ossl,
            &key,
            &cert,
            &[
                "-keypbe",
                "gost89",
                "-certpbe",
                "gost89",
                "-macalg",
                "md_gost12_512",
            ],
        );
        assert_opens_with_cert(&p12, "пароль-1", KeystoreFormat::Pkcs12, &cert.der);
        assert!(matches!(
            signet_pki::open_keystore(&p12, "пароль-1").unwrap().keys[0].key,
            PrivateKey::Gost(_)
        ));
        assert_wrong_password(&p12, "пароль-2");
    }
}

#[test]
fn encrypted_pkcs8_from_openssl() {
    let ossl = Openssl::new();
    let (key, cert) = key_and_cert(&ossl, KeyType::EcP384);
    for options in [
        &["-v2", "aes-256-cbc"][..],
        &["-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA512"],
        &["-v2", "des3"],
        &["-v1", "PBE-SHA1-3DES"],
    ] {
        let mut args = vec!["pkcs8", "-topk8", "-in"];
        let key_path = key.path.display().to_string();
        args.push(&key_path);
        args.extend(["-passout", "pass:secret"]);
        args.extend_from_slice(options);
        let pem = ossl.run(&args, false);
        assert!(pem.starts_with(b"-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        let opened = signet_pki::open_keystore(&pem, "secret")
            .unwrap_or_else(|e| panic!("{options:?}: {e}"));
        assert_eq!(opened.format, KeystoreFormat::EncryptedPkcs8);
        let certificate = signet_pki::Certificate::from_der(cert.der.clone()).unwrap();
        assert!(opened.keys[0].key.matches(&certificate), "{options:?}");
        assert_wrong_password(&pem, "Secret");
    }
}

#[test]
fn unencrypted_pkcs8_needs_no_password() {
    let ossl = Openssl::new();
    let (key, cert) = key_and_cert(&ossl, KeyType::Ed25519);
    let opened = signet_pki::open_keystore(&read(&key.path), "").unwrap();
    assert_eq!(opened.format, KeystoreFormat::Pkcs8);
    let certificate = signet_pki::Certificate::from_der(cert.der.clone()).unwrap();
    assert!(opened.keys[0].key.matches(&certificate));
}

/// Runs the JDK's `keytool`; panics naming the Debian package when absent.
fn keytool(dir: &Path, args: &[&str]) {
    let out = Command::new("keytool")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run `keytool` ({e}); install the Debian package openjdk-17-jre-headless")
        });
    assert!(
        out.status.success(),
        "keytool {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn jks_from_keytool() {
    let dir = tempfile::tempdir().unwrap();
    for (alg, extra) in [("RSA", "2048"), ("EC", "256")] {
        let store = format!("{alg}.jks");
        keytool(
            dir.path(),
            &[
                "-genkeypair",
                "-storetype",
                "JKS",
                "-keystore",
                &store,
                "-storepass",
                "пароль-jks",
                "-keypass",
                "пароль-jks",
                "-alias",
                "signer",
                "-keyalg",
                alg,
                "-keysize",
                extra,
                "-dname",
                "CN=keytool test",
                "-validity",
                "30",
            ],
        );
        keytool(
            dir.path(),
            &[
                "-exportcert",
                "-keystore",
                &store,
                "-storepass",
                "пароль-jks",
                "-alias",
                "signer",
                "-file",
                "cert.der",
            ],
        );
        let jks = read(&dir.path().join(&store));
        let cert = read(&dir.path().join("cert.der"));
        assert_opens_with_cert(&jks, "пароль-jks", KeystoreFormat::Jks, &cert);
        assert_eq!(
            signet_pki::open_keystore(&jks, "пароль-jks").unwrap().keys[0]
                .alias
                .as_deref(),
            Some("signer")
        );
        assert_wrong_password(&jks, "пароль");
        // A flipped byte in the body fails the store digest.
        let mut damaged = jks.clone();
        damaged[40] ^= 1;
        assert_wrong_password(&damaged, "пароль-jks");
    }
}

#[test]
fn ukrainian_pbes2_store_from_jkurwa() {
    // STORE_A040.dat: PBES2 with PBKDF2-HMAC-GOST34311 and DSTU GOST 28147
    // CFB; it decrypts to the key in Key40A0.cer.
    let store = read(&ua("STORE_A040.dat"));
    match signet_pki::open_keystore(&store, "password") {
        Ok(opened) => {
            assert_eq!(opened.format, KeystoreFormat::EncryptedPkcs8);
            assert_is_key40a0(&opened.keys[0].key);
        }
        Err(e) => panic!("STORE_A040.dat: {e}"),
    }
    assert_wrong_password(&store, "Password");
}

#[test]
fn iit_key6_written_by_gost89() {
    let modules = npm_modules(&["gost89", "jkurwa"]);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("Key-6.dat");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/peers/gost89_key6.js");
    let status = Command::new("node")
        .env("NODE_PATH", &modules)
        .arg(&script)
        .arg(ua("Key40A0.cer"))
        .arg("пароль 1")
        .arg(&out)
        .status()
        .expect("node is installed (Debian package nodejs)");
    assert!(status.success(), "{} failed", script.display());
    let store = read(&out);
    let opened = signet_pki::open_keystore(&store, "пароль 1").unwrap();
    assert_eq!(opened.format, KeystoreFormat::Iit);
    assert_is_key40a0(&opened.keys[0].key);
    assert_wrong_password(&store, "пароль 2");
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    for input in [
        &b""[..],
        b"\x30\x00",
        b"\xfe\xed\xfe\xed\x00\x00\x00\x02",
        b"\x30\x03\x02\x01\x03",
        b"-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n",
    ] {
        assert!(signet_pki::open_keystore(input, "x").is_err(), "{input:?}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Damaged containers (bytes flipped, cut short) give an error or a
    /// key, never a panic.
    #[test]
    fn damaged_containers_never_panic(
        which in 0usize..3,
        flips in proptest::collection::vec((proptest::prelude::any::<proptest::sample::Index>(), 1u8..), 1..4),
        cut in proptest::prelude::any::<proptest::sample::Index>(),
        truncate in proptest::prelude::any::<bool>(),
    ) {
        let mut data = SAMPLES[which].clone();
        for (at, x) in flips {
            let i = at.index(data.len());
            data[i] ^= x;
        }
        if truncate {
            data.truncate(cut.index(data.len()));
        }
        let _ = signet_pki::open_keystore(&data, "пароль-1");
    }
}

/// One container of each cheap-to-open kind, made once for the proptest.
static SAMPLES: std::sync::LazyLock<Vec<Vec<u8>>> = std::sync::LazyLock::new(|| {
    let ossl = Openssl::new();
    let (key, cert) = key_and_cert(&ossl, KeyType::EcP256);
    let legacy = pkcs12(&ossl, &key, &cert, &["-legacy", "-iter", "1", "-maciter"]);
    let modern = pkcs12(&ossl, &key, &cert, &["-iter", "1"]);
    let mut args = vec![
        "pkcs8".to_string(),
        "-topk8".into(),
        "-in".into(),
        key.path.display().to_string(),
    ];
    args.extend(
        [
            "-passout",
            "pass:пароль-1",
            "-v2",
            "aes-128-cbc",
            "-iter",
            "1",
            "-outform",
            "DER",
        ]
        .map(String::from),
    );
    let pkcs8 = ossl.run(&args, false);
    vec![legacy, modern, pkcs8]
});
