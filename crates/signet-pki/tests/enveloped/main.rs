//! CMS EnvelopedData against real peers: OpenSSL 3 (RSA, EC) and Debian's
//! gost engine (GOST R 34.10-2001/2012).
//!
//! Each key type both ways: signet encrypts and `openssl cms -decrypt`
//! returns the plaintext; `openssl cms -encrypt` (its default and every
//! other cipher that fits the key) and signet decrypts. Then private-key
//! parsing of every `openssl genpkey` key type, and the refusals: a
//! certificate that is not a recipient, a key that is not the
//! certificate's, altered content, truncated and arbitrary input.
//!
//! What the peers do, pinned here: `openssl cms -encrypt` defaults to
//! DES-EDE3-CBC content; for RSA to PKCS#1 v1.5 key transport, for EC to
//! `dhSinglePass-stdDH-sha1kdf-scheme` with `id-alg-CMS3DESwrap`; for a GOST
//! key the default cipher fails inside the engine ("internal error"), a
//! cipher must be named. OpenSSL 3.0 with gost-engine 3.0.1 cannot decrypt
//! CTR-ACPKM CMS content beyond its `enc` section size (1 KiB Magma), so
//! the plaintexts sent to it stay under 1000 bytes.

mod gost;
mod private_keys;
mod refusals;
mod rsa_ec;

use std::path::{Path, PathBuf};

use signet_pki::Certificate;
use signet_pki::PrivateKey;
use signet_pki::{ContentCipher, EnvelopedError, decrypt_enveloped, encrypt_enveloped};
use test_support::der_tree::Node;
use test_support::sample::xorshift_bytes;
use test_support::{CertFiles, CertSpec, KeyType, Openssl};

/// A certificate with its private key, as OpenSSL made them.
struct Party {
    name: String,
    key_path: PathBuf,
    cert: CertFiles,
    gost: bool,
    certificate: Certificate,
    key: PrivateKey,
}

fn spec(name: &str, key_usage: &str) -> CertSpec {
    CertSpec::new()
        .subject("CN", &format!("signet enveloped {name}"))
        .extension("keyUsage", key_usage)
}

/// A self-signed certificate for a key `test_support` can generate.
fn party(ossl: &Openssl, key_type: KeyType) -> Party {
    let key = ossl.generate_key(key_type);
    let usage = match key_type {
        KeyType::EcP256 | KeyType::EcP384 => "digitalSignature, keyAgreement",
        _ => "digitalSignature, keyEncipherment",
    };
    let name = format!("{key_type:?}");
    let cert = ossl.self_signed(&key, &spec(&name, usage));
    finish(name, key.path, cert, key_type.is_gost())
}

/// A key `test_support` has no type for (GOST R 34.10-2001, P-521): made
/// with `openssl genpkey ARGS` and `openssl req -x509 MD`.
fn custom_party(ossl: &Openssl, name: &str, genpkey: &[&str], md: &str, gost: bool) -> Party {
    let key_path = ossl.dir().join(format!("{name}.key.pem"));
    let cert_path = ossl.dir().join(format!("{name}.cert.pem"));
    let mut args = vec!["genpkey"];
    args.extend_from_slice(genpkey);
    args.extend(["-out", path(&key_path)]);
    ossl.run(&args, gost);
    let subject = format!("/CN=signet enveloped {name}");
    ossl.run(
        &[
            "req",
            "-x509",
            "-new",
            "-key",
            path(&key_path),
            "-subj",
            &subject,
            "-days",
            "30",
            md,
            "-out",
            path(&cert_path),
        ],
        gost,
    );
    let cert = ossl.load_cert(&cert_path, gost);
    finish(name.to_owned(), key_path, cert, gost)
}

fn finish(name: String, key_path: PathBuf, cert: CertFiles, gost: bool) -> Party {
    let certificate = Certificate::parse(&cert.pem).expect("signet parses the certificate");
    let pem = std::fs::read(&key_path).expect("read the key");
    let key = PrivateKey::parse(&pem)
        .unwrap_or_else(|e| panic!("signet parses the {name} key from openssl genpkey: {e}"));
    assert!(
        key.matches(&certificate),
        "{name}: the key matches its certificate"
    );
    Party {
        name,
        key_path,
        cert,
        gost,
        certificate,
        key,
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temporary path")
}

/// `openssl cms -decrypt` of DER enveloped data.
fn openssl_decrypt(ossl: &Openssl, p: &Party, der: &[u8]) -> Result<Vec<u8>, String> {
    let input = ossl.dir().join(format!("{}-in.der", p.name));
    let output = ossl.dir().join(format!("{}-out.bin", p.name));
    std::fs::write(&input, der).expect("write");
    let _ = std::fs::remove_file(&output);
    let decrypted = ossl.try_run(
        &[
            "cms",
            "-decrypt",
            "-binary",
            "-inform",
            "DER",
            "-in",
            path(&input),
            "-recip",
            path(&p.cert.pem_path),
            "-inkey",
            path(&p.key_path),
            "-out",
            path(&output),
        ],
        p.gost,
    );
    decrypted.map(|_| std::fs::read(&output).expect("read"))
}

/// `openssl cms -encrypt ARGS` to the party's certificate; `ARGS` may hold
/// `-recip` options (`-keyopt` follows `-recip`), else the certificate is
/// given last.
fn openssl_encrypt(ossl: &Openssl, p: &Party, plain: &[u8], args: &[&str], form: &str) -> Vec<u8> {
    let input = ossl.dir().join(format!("{}-plain.bin", p.name));
    let output = ossl.dir().join(format!("{}-env.{form}", p.name));
    std::fs::write(&input, plain).expect("write");
    let mut all = vec![
        "cms",
        "-encrypt",
        "-binary",
        "-in",
        path(&input),
        "-outform",
        form,
        "-out",
        path(&output),
    ];
    all.extend_from_slice(args);
    if args.contains(&"-recip") {
        // The certificate follows -recip in ARGS.
    } else {
        all.push(path(&p.cert.pem_path));
    }
    ossl.run(&all, p.gost);
    std::fs::read(&output).expect("read")
}

fn recip_args<'a>(p: &'a Party, keyopts: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["-recip", path(&p.cert.pem_path)];
    for k in keyopts {
        args.extend(["-keyopt", k]);
    }
    args
}

/// signet encrypts with `cipher`, OpenSSL decrypts.
fn signet_to_openssl(ossl: &Openssl, p: &Party, cipher: Option<ContentCipher>, len: usize) {
    let plain = xorshift_bytes(len, len as u64 + 7);
    let der = encrypt_enveloped(&p.certificate, &plain, cipher)
        .unwrap_or_else(|e| panic!("{}: signet encrypts with {cipher:?}: {e}", p.name));
    // signet reads its own output too.
    assert_eq!(
        *decrypt_enveloped(&der, &p.certificate, &p.key).expect("round trip"),
        plain
    );
    let got = openssl_decrypt(ossl, p, &der).unwrap_or_else(|e| {
        panic!(
            "{}: openssl cms -decrypt of signet's {cipher:?}: {e}",
            p.name
        )
    });
    assert_eq!(got, plain, "{}: {cipher:?}, {len} bytes", p.name);
}

/// OpenSSL encrypts with `args`, signet decrypts; returns the DER.
fn openssl_to_signet(ossl: &Openssl, p: &Party, args: &[&str], len: usize) -> Vec<u8> {
    let plain = xorshift_bytes(len, len as u64 + 11);
    let der = openssl_encrypt(ossl, p, &plain, args, "DER");
    let got = decrypt_enveloped(&der, &p.certificate, &p.key).unwrap_or_else(|e| {
        panic!(
            "{}: signet decrypts openssl cms -encrypt {args:?}: {e}",
            p.name
        )
    });
    assert_eq!(*got, plain, "{}: openssl {args:?}, {len} bytes", p.name);
    der
}
