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

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
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

// ---- RSA ----------------------------------------------------------------

#[test]
fn rsa_2048_both_ways() {
    let ossl = Openssl::new();
    let p = party(&ossl, KeyType::Rsa(2048));
    // signet: RSAES-OAEP (SHA-256) with AES-256-CBC, and AES-256-GCM.
    signet_to_openssl(&ossl, &p, None, 32);
    signet_to_openssl(&ossl, &p, Some(ContentCipher::Aes256Cbc), 3000);
    signet_to_openssl(&ossl, &p, Some(ContentCipher::Aes256Gcm), 1000);
    // OpenSSL's default: PKCS#1 v1.5 and DES-EDE3-CBC.
    openssl_to_signet(&ossl, &p, &[], 32);
    openssl_to_signet(&ossl, &p, &["-aes256"], 4000);
    openssl_to_signet(&ossl, &p, &["-aes128"], 15);
    openssl_to_signet(&ossl, &p, &["-aes-256-gcm"], 500);
    // OAEP with its default SHA-1 and with SHA-256 / SHA-512.
    let mut args = vec!["-aes256"];
    args.extend(recip_args(&p, &["rsa_padding_mode:oaep"]));
    openssl_to_signet(&ossl, &p, &args, 100);
    for md in ["sha256", "sha512"] {
        let oaep_md = format!("rsa_oaep_md:{md}");
        let mgf_md = format!("rsa_mgf1_md:{md}");
        let mut args = vec!["-aes256"];
        args.extend(recip_args(
            &p,
            &["rsa_padding_mode:oaep", &oaep_md, &mgf_md],
        ));
        openssl_to_signet(&ossl, &p, &args, 100);
    }
    // PEM and BER (streamed, indefinite lengths) input.
    let plain = xorshift_bytes(2000, 5);
    let pem = openssl_encrypt(&ossl, &p, &plain, &["-aes256"], "PEM");
    assert!(pem.starts_with(b"-----BEGIN CMS-----"));
    assert_eq!(
        *decrypt_enveloped(&pem, &p.certificate, &p.key).expect("PEM"),
        plain
    );
    let ber = openssl_encrypt(&ossl, &p, &plain, &["-aes256", "-stream"], "DER");
    assert_eq!(
        ber.get(1),
        Some(&0x80),
        "-stream writes an indefinite length"
    );
    assert_eq!(
        *decrypt_enveloped(&ber, &p.certificate, &p.key).expect("BER"),
        plain
    );
}

/// The RSA-OAEP parameters signet writes, as OpenSSL prints them.
#[test]
fn rsa_oaep_parameters_are_sha256() {
    let ossl = Openssl::new();
    let p = party(&ossl, KeyType::Rsa(2048));
    let der = encrypt_enveloped(&p.certificate, b"secret", None).expect("encrypt");
    let file = ossl.dir().join("oaep.der");
    std::fs::write(&file, &der).expect("write");
    let text = ossl.run_text(&["asn1parse", "-inform", "DER", "-in", path(&file)], false);
    assert!(text.contains(":rsaesOaep"), "{text}");
    assert!(text.contains(":mgf1"), "{text}");
    assert_eq!(text.matches(":sha256").count(), 2, "{text}");
    assert!(text.contains(":aes-256-cbc"), "{text}");
}

// ---- EC -------------------------------------------------------------------

fn ec_both_ways(p: &Party, ossl: &Openssl) {
    signet_to_openssl(ossl, p, None, 32);
    signet_to_openssl(ossl, p, Some(ContentCipher::Aes256Cbc), 3000);
    signet_to_openssl(ossl, p, Some(ContentCipher::Aes256Gcm), 700);
    // OpenSSL's default: SHA-1 KDF, RFC 3217 3DES wrap, DES-EDE3-CBC.
    let der = openssl_to_signet(ossl, p, &[], 32);
    let text = asn1(ossl, &der);
    assert!(text.contains("dhSinglePass-stdDH-sha1kdf-scheme"), "{text}");
    assert!(text.contains("id-smime-alg-CMS3DESwrap"), "{text}");
    openssl_to_signet(ossl, p, &["-aes256"], 1000);
    openssl_to_signet(ossl, p, &["-aes128"], 1000);
    openssl_to_signet(ossl, p, &["-aes-256-gcm"], 300);
    for md in ["sha224", "sha256", "sha384", "sha512"] {
        let kdf = format!("ecdh_kdf_md:{md}");
        let mut args = vec!["-aes256"];
        args.extend(recip_args(p, &[&kdf]));
        let der = openssl_to_signet(ossl, p, &args, 64);
        assert!(asn1(ossl, &der).contains(&format!("{md}kdf-scheme")));
    }
    let mut args = vec!["-aes256"];
    args.extend(recip_args(p, &["ecdh_cofactor_mode:1"]));
    openssl_to_signet(ossl, p, &args, 64);
}

fn asn1(ossl: &Openssl, der: &[u8]) -> String {
    let file = ossl.dir().join("asn1.der");
    std::fs::write(&file, der).expect("write");
    ossl.run_text(&["asn1parse", "-inform", "DER", "-in", path(&file)], false)
}

#[test]
fn ec_p256_both_ways() {
    let ossl = Openssl::new();
    let p = party(&ossl, KeyType::EcP256);
    ec_both_ways(&p, &ossl);
    let der = encrypt_enveloped(&p.certificate, b"k", None).expect("encrypt");
    let text = asn1(&ossl, &der);
    assert!(
        text.contains("dhSinglePass-stdDH-sha256kdf-scheme"),
        "{text}"
    );
    assert!(text.contains("id-aes256-wrap"), "{text}");
}

#[test]
fn ec_p384_both_ways() {
    let ossl = Openssl::new();
    let p = party(&ossl, KeyType::EcP384);
    ec_both_ways(&p, &ossl);
}

#[test]
fn ec_p521_both_ways() {
    let ossl = Openssl::new();
    let p = custom_party(
        &ossl,
        "p521",
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"],
        "-sha512",
        false,
    );
    ec_both_ways(&p, &ossl);
}

// ---- GOST -----------------------------------------------------------------

const GOST_2012_CIPHERS: [(ContentCipher, &str); 5] = [
    (ContentCipher::Gost28147Cfb, "-gost89"),
    (ContentCipher::KuznyechikCtrAcpkm, "-kuznyechik-ctr-acpkm"),
    (
        ContentCipher::KuznyechikCtrAcpkmOmac,
        "-kuznyechik-ctr-acpkm-omac",
    ),
    (ContentCipher::MagmaCtrAcpkm, "-magma-ctr-acpkm"),
    (ContentCipher::MagmaCtrAcpkmOmac, "-magma-ctr-acpkm-omac"),
];

fn gost_2012_both_ways(p: &Party, ossl: &Openssl) {
    signet_to_openssl(ossl, p, None, 32);
    for (cipher, option) in GOST_2012_CIPHERS {
        // 3000 bytes cross the 1 KiB key meshing of GOST 28147-89; the
        // ACPKM ciphers stay below OpenSSL's decryption limit.
        let len = if cipher == ContentCipher::Gost28147Cfb {
            3000
        } else {
            900
        };
        signet_to_openssl(ossl, p, Some(cipher), len);
        signet_to_openssl(ossl, p, Some(cipher), 1);
        let der = openssl_to_signet(ossl, p, &[option], 900);
        openssl_to_signet(ossl, p, &[option], 1);
        if option.ends_with("-omac") {
            refuses_flipped_ciphertext(p, &der);
        }
    }
    // The engine fails with its default (non-GOST) cipher.
    let input = ossl.dir().join("gost-default.bin");
    std::fs::write(&input, b"x").expect("write");
    let encrypted = ossl.try_run(
        &[
            "cms",
            "-encrypt",
            "-binary",
            "-outform",
            "DER",
            "-in",
            path(&input),
            path(&p.cert.pem_path),
        ],
        true,
    );
    assert!(
        encrypted.is_err(),
        "gost-engine 3.0.1 cannot use AES with GOST key transport"
    );
}

/// Flips one bit of the encrypted content; signet must refuse it.
fn refuses_flipped_ciphertext(p: &Party, der: &[u8]) {
    let mut tree = Node::parse(der);
    let eci = &mut tree.children[1].children[0].children[2];
    let content = eci.children.last_mut().expect("encryptedContent");
    assert_eq!(content.tag, 0x80);
    content.content[0] ^= 0x01;
    let err =
        decrypt_enveloped(&tree.to_der(), &p.certificate, &p.key).expect_err("altered content");
    assert!(
        matches!(err, EnvelopedError::DecryptionFailed(_)),
        "{}: {err}",
        p.name
    );
    assert!(err.to_string().contains("MAC"), "{err}");
}

#[test]
fn gost_2012_256_paramset_a_both_ways() {
    let ossl = Openssl::new();
    let p = party(&ossl, KeyType::Gost2012_256("A"));
    gost_2012_both_ways(&p, &ossl);
}

#[test]
fn gost_2012_256_tc26_a_and_b_both_ways() {
    let ossl = Openssl::new();
    for set in ["TCA", "TCB"] {
        let p = party(&ossl, KeyType::Gost2012_256(set));
        gost_2012_both_ways(&p, &ossl);
    }
}

#[test]
fn gost_2012_512_paramset_a_both_ways() {
    let ossl = Openssl::new();
    let p = party(&ossl, KeyType::Gost2012_512("A"));
    gost_2012_both_ways(&p, &ossl);
}

#[test]
fn gost_2012_512_paramset_c_edwards_both_ways() {
    let ossl = Openssl::new();
    let p = party(&ossl, KeyType::Gost2012_512("C"));
    signet_to_openssl(&ossl, &p, None, 100);
    signet_to_openssl(&ossl, &p, Some(ContentCipher::KuznyechikCtrAcpkmOmac), 100);
    openssl_to_signet(&ossl, &p, &["-gost89"], 100);
    openssl_to_signet(&ossl, &p, &["-magma-ctr-acpkm-omac"], 100);
}

#[test]
fn gost_2001_both_ways() {
    let ossl = Openssl::new();
    let p = custom_party(
        &ossl,
        "gost2001",
        &["-algorithm", "gost2001", "-pkeyopt", "paramset:A"],
        "-md_gost94",
        true,
    );
    signet_to_openssl(&ossl, &p, None, 3000);
    openssl_to_signet(&ossl, &p, &["-gost89"], 3000);
    // KExp15 needs a 2012 key: signet refuses, as the engine fails.
    let err = encrypt_enveloped(
        &p.certificate,
        b"x",
        Some(ContentCipher::KuznyechikCtrAcpkm),
    )
    .expect_err("2001 key with KExp15");
    assert!(err.to_string().starts_with("not supported:"), "{err}");
}

/// What signet writes for a 2012-256 key with `gost89`: the key's own
/// algorithm identifier, TC26 Z for both the key wrap and the content.
#[test]
fn gost_2012_key_transport_structure() {
    let ossl = Openssl::new();
    let p = party(&ossl, KeyType::Gost2012_256("A"));
    let der = encrypt_enveloped(&p.certificate, b"k", None).expect("encrypt");
    let tree = Node::parse(&der);
    let env = &tree.children[1].children[0];
    assert_eq!(env.children[0].content, [0], "EnvelopedData version 0");
    let ktri = &env.children[1].children[0];
    assert_eq!(
        ktri.children[2].children[0],
        test_support::der_tree::oid("1.2.643.7.1.1.1.1")
    );
    let transport = Node::parse(&ktri.children[3].content);
    let params = &transport.children[1];
    assert_eq!(params.tag, 0xA0);
    assert_eq!(
        params.children[0],
        test_support::der_tree::oid("1.2.643.7.1.2.5.1.1")
    );
    assert_eq!(params.children[2].content.len(), 8, "8-byte UKM");
    let eci = &env.children[2];
    assert_eq!(
        eci.children[1].children[0],
        test_support::der_tree::oid("1.2.643.2.2.21")
    );
    assert_eq!(
        eci.children[1].children[1].children[1],
        test_support::der_tree::oid("1.2.643.7.1.2.5.1.1")
    );
}

// ---- private keys -------------------------------------------------------

#[test]
fn private_keys_of_every_type_parse_and_match() {
    let ossl = Openssl::new();
    let parties = vec![
        party(&ossl, KeyType::Rsa(2048)),
        party(&ossl, KeyType::EcP256),
        party(&ossl, KeyType::EcP384),
        custom_party(
            &ossl,
            "p521k",
            &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"],
            "-sha512",
            false,
        ),
        party(&ossl, KeyType::Ed25519),
        party(&ossl, KeyType::Gost2012_256("A")),
        party(&ossl, KeyType::Gost2012_256("TCA")),
        party(&ossl, KeyType::Gost2012_256("TCB")),
        party(&ossl, KeyType::Gost2012_512("A")),
        party(&ossl, KeyType::Gost2012_512("C")),
        custom_party(
            &ossl,
            "gost2001k",
            &["-algorithm", "gost2001", "-pkeyopt", "paramset:A"],
            "-md_gost94",
            true,
        ),
    ];
    let expected = [
        "RSA-2048",
        "EC P-256",
        "EC P-384",
        "EC P-521",
        "Ed25519",
        "GOST R 34.10-2012 (256)",
        "GOST R 34.10-2012 (256)",
        "GOST R 34.10-2012 (256)",
        "GOST R 34.10-2012 (512)",
        "GOST R 34.10-2012 (512)",
        "GOST R 34.10-2001",
    ];
    for (p, want) in parties.iter().zip(expected) {
        let got = p.key.description();
        assert_eq!(got, want, "{}", p.name);
        // DER of the same key parses too.
        let der = ossl.run(
            &["pkey", "-in", path(&p.key_path), "-outform", "DER"],
            p.gost,
        );
        let from_der = PrivateKey::parse(&der).expect("DER key");
        assert!(from_der.matches(&p.certificate));
        // No other certificate matches.
        for other in &parties {
            if other.name != p.name {
                assert!(
                    !p.key.matches(&other.certificate),
                    "{} matches {}",
                    p.name,
                    other.name
                );
            }
        }
        // The Debug form shows no secret.
        let debug = format!("{:?}", p.key);
        let pem = std::fs::read_to_string(&p.key_path).expect("read");
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        assert!(!debug.contains(&body[..20]), "{debug}");
    }
}

#[test]
fn traditional_and_encrypted_key_forms() {
    let ossl = Openssl::new();
    let rsa = party(&ossl, KeyType::Rsa(2048));
    let ec = party(&ossl, KeyType::EcP256);
    let trad = ossl.run(&["rsa", "-in", path(&rsa.key_path), "-traditional"], false);
    assert!(trad.starts_with(b"-----BEGIN RSA PRIVATE KEY-----"));
    assert!(
        PrivateKey::parse(&trad)
            .expect("PKCS#1")
            .matches(&rsa.certificate)
    );
    let sec1 = ossl.run(&["ec", "-in", path(&ec.key_path)], false);
    assert!(sec1.starts_with(b"-----BEGIN EC PRIVATE KEY-----"));
    assert!(
        PrivateKey::parse(&sec1)
            .expect("SEC1")
            .matches(&ec.certificate)
    );

    let encrypted = ossl.run(
        &[
            "pkcs8",
            "-topk8",
            "-in",
            path(&ec.key_path),
            "-v2",
            "aes-256-cbc",
            "-passout",
            "pass:secret",
        ],
        false,
    );
    let err = PrivateKey::parse(&encrypted).expect_err("encrypted PKCS#8");
    assert_eq!(err.to_string(), "not supported: encrypted PKCS#8");
    let legacy = ossl.run(
        &[
            "ec",
            "-in",
            path(&ec.key_path),
            "-aes256",
            "-passout",
            "pass:secret",
        ],
        false,
    );
    let err = PrivateKey::parse(&legacy).expect_err("encrypted traditional PEM");
    assert!(
        err.to_string().starts_with("not supported: encrypted PEM"),
        "{err}"
    );
}

/// gost-engine reads the GOST scalar also as an OCTET STRING (little-
/// endian) or an INTEGER (the number): both give the same key.
#[test]
fn gost_key_octet_string_and_integer_forms() {
    let ossl = Openssl::new();
    let p = party(&ossl, KeyType::Gost2012_256("A"));
    let der = ossl.run(&["pkey", "-in", path(&p.key_path), "-outform", "DER"], true);
    let tree = Node::parse(&der);
    let raw = tree.children[2].content.clone();
    assert_eq!(raw.len(), 32, "openssl genpkey writes the bare scalar");
    let with_key = |inner: Vec<u8>| {
        let mut t = tree.clone();
        t.children[2].content = inner;
        t.to_der()
    };
    let octet = Node::primitive(0x04, &raw).to_der();
    let mut be: Vec<u8> = raw.iter().rev().copied().collect();
    if be[0] & 0x80 != 0 {
        be.insert(0, 0);
    }
    let integer = Node::primitive(0x02, &be).to_der();
    for form in [octet, integer] {
        let key = PrivateKey::parse(&with_key(form)).expect("alternative GOST form");
        assert!(key.matches(&p.certificate));
        // And it decrypts what OpenSSL encrypts.
        let plain = xorshift_bytes(64, 3);
        let env = openssl_encrypt(&ossl, &p, &plain, &["-gost89"], "DER");
        assert_eq!(
            *decrypt_enveloped(&env, &p.certificate, &key).expect("decrypt"),
            plain
        );
    }
    // The masked form (more than one scalar) is refused clearly.
    let err = PrivateKey::parse(&with_key([raw.clone(), raw].concat())).expect_err("masked");
    assert!(
        err.to_string().starts_with("not supported: masked GOST"),
        "{err}"
    );
}

#[test]
fn garbage_and_truncated_keys_are_errors() {
    let ossl = Openssl::new();
    let p = party(&ossl, KeyType::EcP256);
    let der = ossl.run(
        &["pkey", "-in", path(&p.key_path), "-outform", "DER"],
        false,
    );
    for len in 0..der.len() {
        assert!(
            PrivateKey::parse(&der[..len]).is_err(),
            "truncated to {len}"
        );
    }
    for garbage in [&b""[..], b"hello", b"\x30\x03\x02\x01\x00", &[0xff; 100]] {
        assert!(PrivateKey::parse(garbage).is_err());
    }
    let pem = std::fs::read(&p.key_path).expect("read");
    let cut = &pem[..pem.len() / 2];
    assert!(PrivateKey::parse(cut).is_err(), "truncated PEM");
    let cert = std::fs::read(&p.cert.pem_path).expect("read");
    let err = PrivateKey::parse(&cert).expect_err("a certificate is not a key");
    assert!(err.to_string().contains("CERTIFICATE"), "{err}");
}

// ---- refusals -------------------------------------------------------------

#[test]
fn wrong_recipient_wrong_key_and_ed25519() {
    let ossl = Openssl::new();
    let a = party(&ossl, KeyType::Rsa(2048));
    let b = party(&ossl, KeyType::Rsa(2048));
    let ec = party(&ossl, KeyType::EcP256);
    let ed = party(&ossl, KeyType::Ed25519);
    let der = encrypt_enveloped(&a.certificate, b"secret", None).expect("encrypt");
    let err = decrypt_enveloped(&der, &b.certificate, &b.key).expect_err("not a recipient");
    assert!(matches!(err, EnvelopedError::NotARecipient));
    assert_eq!(
        err.to_string(),
        "this certificate is not a recipient of the enveloped data"
    );
    let err = decrypt_enveloped(&der, &a.certificate, &b.key).expect_err("wrong key");
    assert!(matches!(err, EnvelopedError::KeyMismatch), "{err}");
    let err = decrypt_enveloped(&der, &a.certificate, &ec.key).expect_err("EC key for RSA cert");
    assert!(matches!(err, EnvelopedError::KeyMismatch), "{err}");

    let err = encrypt_enveloped(&ed.certificate, b"secret", None).expect_err("Ed25519");
    assert_eq!(
        err.to_string(),
        "not supported: Ed25519 keys cannot decrypt (use an X25519 certificate)"
    );
    let err = decrypt_enveloped(&der, &a.certificate, &ed.key).expect_err("Ed25519 key");
    assert!(
        err.to_string().contains("Ed25519 keys cannot decrypt"),
        "{err}"
    );

    let err = encrypt_enveloped(&a.certificate, b"x", Some(ContentCipher::Gost28147Cfb))
        .expect_err("GOST cipher for RSA");
    assert!(err.to_string().starts_with("not supported:"), "{err}");

    // Altered AES-GCM content is refused.
    let der = encrypt_enveloped(
        &ec.certificate,
        b"secret key",
        Some(ContentCipher::Aes256Gcm),
    )
    .expect("encrypt");
    let mut tree = Node::parse(&der);
    let eci = &mut tree.children[1].children[0].children[2];
    eci.children[2].content[0] ^= 1;
    let err = decrypt_enveloped(&tree.to_der(), &ec.certificate, &ec.key).expect_err("altered");
    assert!(matches!(err, EnvelopedError::DecryptionFailed(_)), "{err}");

    // A signature is not enveloped data.
    let err = decrypt_enveloped(&[0x30, 0x03, 0x06, 0x01, 0x00], &a.certificate, &a.key)
        .expect_err("not CMS");
    assert!(matches!(err, EnvelopedError::Pki(_)), "{err}");
}

/// A damaged PKCS#1 v1.5 key transport fails like a wrong content, with
/// the same error (no padding oracle).
#[test]
fn rsa_pkcs1_damaged_key_is_a_plain_decryption_failure() {
    let ossl = Openssl::new();
    let p = party(&ossl, KeyType::Rsa(2048));
    let der = openssl_encrypt(&ossl, &p, b"secret", &["-aes256"], "DER");
    let mut tree = Node::parse(&der);
    let ktri = &mut tree.children[1].children[0].children[1].children[0];
    ktri.children[3].content[5] ^= 0x40;
    let err = decrypt_enveloped(&tree.to_der(), &p.certificate, &p.key).expect_err("damaged");
    assert!(matches!(err, EnvelopedError::DecryptionFailed(_)), "{err}");
}

/// Enveloped data signet made for a GOST 2012-256 key (Magma
/// CTR-ACPKM-OMAC) and an EC P-256 key, with the certificates and keys.
fn fixtures() -> &'static [(Certificate, PrivateKey, Vec<u8>)] {
    static FIXTURES: OnceLock<Vec<(Certificate, PrivateKey, Vec<u8>)>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let ossl = Openssl::new();
        [
            (
                KeyType::Gost2012_256("A"),
                Some(ContentCipher::MagmaCtrAcpkmOmac),
            ),
            (KeyType::EcP256, None),
            (KeyType::Rsa(2048), Some(ContentCipher::Aes256Gcm)),
        ]
        .into_iter()
        .map(|(key_type, cipher)| {
            let p = party(&ossl, key_type);
            let env = encrypt_enveloped(&p.certificate, &xorshift_bytes(100, 1), cipher)
                .expect("encrypt");
            (p.certificate, p.key, env)
        })
        .collect()
    })
}

#[test]
fn truncated_enveloped_data_is_an_error() {
    for (cert, key, der) in fixtures() {
        assert!(decrypt_enveloped(der, cert, key).is_ok());
        for len in 0..der.len() {
            assert!(
                decrypt_enveloped(&der[..len], cert, key).is_err(),
                "truncated to {len}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn decrypt_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..1500)) {
        let (cert, key, _) = &fixtures()[0];
        let _ = decrypt_enveloped(&bytes, cert, key);
    }

    #[test]
    fn decrypt_never_panics_on_damaged_input(index in any::<usize>(), value in any::<u8>(), which in 0usize..3) {
        let (cert, key, env) = &fixtures()[which];
        let mut der = env.clone();
        let i = index % der.len();
        der[i] = value;
        let _ = decrypt_enveloped(&der, cert, key);
    }
}
