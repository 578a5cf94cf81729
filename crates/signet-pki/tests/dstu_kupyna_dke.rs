//! DSTU 4145-2002 with DSTU 7564 Kupyna hashes, and with a DKE other than
//! DKE №1, against independent implementations:
//!
//! - `dstu-core` (PyPI, pinned in `scripts/test`, in the virtual
//!   environment `$HOME/.cache/signet-py`, driven by
//!   `scripts/peers/dstu_core_peer.py`): raw DSTU 4145 signatures with a
//!   Kupyna-256 hash on M257, both ways, and its Kupyna-256/512 digests;
//! - jkurwa and gost89 (npm, `$HOME/.cache/signet-npm`): jkurwa's DSTU 4145
//!   verification of the CMS signatures signet makes with Kupyna (M257 and
//!   M431; `scripts/peers/jkurwa_dstu.js`), gost89's GOST 34.311-95 under
//!   another S-box, and certificates jkurwa signs with a key naming another
//!   DKE (`scripts/peers/gost89_dke.js`).
//!
//! dstu-core's raw encoding is not a certificate's or CMS's: it reads the
//! Kupyna-256 output as a big-endian number and writes r‖s big-endian
//! (neither `dstu4145le`, nor Bouncy Castle's `dstu4145be`, which is s‖r
//! big-endian over a little-endian hash). The conversion is done here, in
//! the open: the hash reversed, each of r and s reversed. The tests skip,
//! saying so, only when Python or the dstu-core package is missing.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use const_oid::ObjectIdentifier;
use der::asn1::{BitString, OctetString};
use der::{Decode, Encode};
use signet_crypto::DigestAlgorithm;
use signet_crypto::dstu4145::{Curve, NamedCurve, SigningKey};
use signet_crypto::gost28147::{Gost34311, SBox};
use signet_pki::{Certificate, PublicKeyInfo, TrustStore};
use signet_pki::{CertifiedKey, SignedData, SignedDataBuilder};
use signet_pki::{Scheme, SignatureError, SignedMessage};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use test_support::ua_testdata::npm_modules;
use time::OffsetDateTime;
use time::macros::datetime;

/// Within the validity jkurwa gives its certificates (2017-07-14 to 2035).
// 2026-01-01T00:00:00Z
const NOW: OffsetDateTime = datetime!(2026-01-01 00:00:00 UTC);

const DSTU4145_LE: &str = "1.2.804.2.1.1.1.1.3.1.1";
const DSTU4145_BE: &str = "1.2.804.2.1.1.1.1.3.1.1.1.1";

fn scripts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/peers")
}

/// The Python of the virtual environment `scripts/test` makes, if it has
/// dstu-core; `None` (and why, on stderr) when it cannot be used.
fn dstu_core_python() -> Option<PathBuf> {
    let python = std::env::var_os("SIGNET_PY")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default())
                .join(".cache/signet-py/bin/python")
        });
    let ok = Command::new(&python)
        .args(["-c", "import dstu_core"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!(
            "SKIPPED: {} cannot import dstu_core; `scripts/test` installs it \
             (python3 -m venv $HOME/.cache/signet-py && \
             $HOME/.cache/signet-py/bin/pip install dstu-core==0.5.0)",
            python.display()
        );
        return None;
    }
    Some(python)
}

/// One request to a peer that reads a JSON array of requests on stdin and
/// answers a JSON array: the answer's text.
fn peer(program: &Path, script: &str, env: Option<(&str, PathBuf)>, request: &str) -> String {
    let mut cmd = Command::new(program);
    cmd.arg(scripts().join(script))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some((k, v)) = env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the peer starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("[{request}]").as_bytes())
        .expect("request written");
    let out = child.wait_with_output().expect("the peer ends");
    assert!(
        out.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 answer")
}

/// The value of `name` in a flat JSON answer: a string's content, or a
/// literal (true, false).
fn field(answer: &str, name: &str) -> String {
    let key = format!("\"{name}\"");
    let at = answer
        .find(&key)
        .unwrap_or_else(|| panic!("{name} missing: {answer}"));
    let rest = answer[at + key.len()..].trim_start_matches([':', ' ']);
    match rest.strip_prefix('"') {
        Some(s) => s[..s.find('"').expect("closing quote")].to_owned(),
        None => rest[..rest.find([',', '}']).expect("end")]
            .trim()
            .to_owned(),
    }
}

fn hex_field(answer: &str, name: &str) -> Vec<u8> {
    hex::decode(field(answer, name)).expect("hexadecimal")
}

/// One dstu-core request (`scripts/peers/dstu_core_peer.py`), given as the
/// JSON object's members.
fn dstu_core(python: &Path, members: &str) -> String {
    peer(python, "dstu_core_peer.py", None, &format!("{{{members}}}"))
}

/// jkurwa's verification of r‖s (little-endian) over a hash read
/// little-endian, with a compressed little-endian public key.
fn jkurwa_verifies(curve: &str, public: &[u8], hash: &[u8], sig: &[u8]) -> bool {
    let answer = peer(
        Path::new("node"),
        "jkurwa_dstu.js",
        Some(("NODE_PATH", npm_modules(&["jkurwa", "gost89"]))),
        &format!(
            r#"{{"op": "verify", "curve": "{curve}", "pub": "{}", "hash": "{}", "sig": "{}"}}"#,
            hex::encode(public),
            hex::encode(hash),
            hex::encode(sig)
        ),
    );
    match field(&answer, "valid").as_str() {
        "true" => true,
        "false" => false,
        other => panic!("valid is {other}"),
    }
}

/// `node scripts/peers/gost89_dke.js ARGS` with `stdin`; its stdout.
fn gost89_dke(args: &[&str], stdin: &[u8]) -> Vec<u8> {
    let mut child = Command::new("node")
        .env("NODE_PATH", npm_modules(&["jkurwa", "gost89"]))
        .arg(scripts().join("gost89_dke.js"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("data written");
    let out = child.wait_with_output().expect("node ends");
    assert!(
        out.status.success(),
        "gost89_dke.js failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A SubjectPublicKeyInfo: `alg` with `DSTU4145Params { namedCurve M257 }`
/// and the compressed point in an OCTET STRING.
fn m257_key(alg: &str, point: &[u8]) -> PublicKeyInfo {
    let m257 = ObjectIdentifier::new_unwrap("1.2.804.2.1.1.1.1.3.1.1.2.6")
        .to_der()
        .expect("OID");
    let params = [&[0x30u8, m257.len() as u8][..], &m257].concat();
    let spki = SubjectPublicKeyInfoOwned {
        algorithm: AlgorithmIdentifierOwned {
            oid: ObjectIdentifier::new_unwrap(alg),
            parameters: Some(der::Any::from_der(&params).expect("params")),
        },
        subject_public_key: BitString::from_bytes(
            &OctetString::new(point)
                .expect("point")
                .to_der()
                .expect("DER"),
        )
        .expect("bit string"),
    };
    PublicKeyInfo::from_spki(&spki)
}

fn reversed(b: &[u8]) -> Vec<u8> {
    b.iter().rev().copied().collect()
}

/// dstu-core's r‖s, each big-endian, as r‖s each little-endian.
fn halves_reversed(sig: &[u8]) -> Vec<u8> {
    let (r, s) = sig.split_at(sig.len() / 2);
    [reversed(r), reversed(s)].concat()
}

fn kupyna_scheme_verifies(
    key: &PublicKeyInfo,
    be_hash: &[u8],
    sig: &[u8],
) -> Result<(), SignatureError> {
    // dstu-core reads its hash big-endian; signet reads a hash
    // little-endian, so it is handed reversed.
    let hash = reversed(be_hash);
    signet_pki::verify_signature_with_scheme(
        key,
        Scheme::Dstu4145(DigestAlgorithm::Kupyna256),
        SignedMessage::Digest {
            algorithm: DigestAlgorithm::Kupyna256,
            value: &hash,
        },
        sig,
    )
}

/// Keys and signatures made by dstu-core (M257, Kupyna-256) verify in
/// signet, through the PKI dispatch, as `dstu4145le` and `dstu4145be`
/// keys; dstu-core's Kupyna digests are signet's.
#[test]
fn dstu_core_signatures_verify_in_signet() {
    let Some(python) = dstu_core_python() else {
        return;
    };
    let curve = Curve::named(NamedCurve::M257);
    for round in 0..3u8 {
        let msg: Vec<u8> = (0..(37 * round as usize + 5))
            .map(|i| i as u8 ^ round)
            .collect();
        let key = dstu_core(&python, r#""op": "keygen""#);
        let d = hex_field(&key, "d");
        let public = hex_field(&key, "pub");
        // The key: signet derives the same Q = -d·P from dstu-core's d.
        let ours = SigningKey::from_be_bytes(&curve, &d).expect("d is valid");
        assert_eq!(ours.public_key().to_compressed(), public);

        let signed = dstu_core(
            &python,
            &format!(
                r#""op": "sign", "d": "{}", "msg": "{}""#,
                hex::encode(&d),
                hex::encode(&msg)
            ),
        );
        let sig = hex_field(&signed, "sig");
        let hashes = dstu_core(
            &python,
            &format!(r#""op": "kupyna", "msg": "{}""#, hex::encode(&msg)),
        );
        let k256 = hex_field(&hashes, "kupyna256");
        assert_eq!(k256, DigestAlgorithm::Kupyna256.digest(&msg));
        assert_eq!(
            hex_field(&hashes, "kupyna512"),
            DigestAlgorithm::Kupyna512.digest(&msg)
        );

        let le = m257_key(DSTU4145_LE, &public);
        let sig_le = halves_reversed(&sig);
        assert_eq!(kupyna_scheme_verifies(&le, &k256, &sig_le), Ok(()));
        // The same key and signature in Bouncy Castle's big-endian form:
        // the point reversed, s‖r big-endian (r‖s little-endian reversed).
        let be = m257_key(DSTU4145_BE, &reversed(&public));
        assert_eq!(
            kupyna_scheme_verifies(&be, &k256, &reversed(&sig_le)),
            Ok(())
        );

        // Another message, or a flipped bit, does not verify.
        let other = DigestAlgorithm::Kupyna256.digest(b"another message");
        assert_eq!(
            kupyna_scheme_verifies(&le, &other, &sig_le),
            Err(SignatureError::Mismatch)
        );
        let mut flipped = sig_le.clone();
        flipped[3] ^= 1;
        assert!(kupyna_scheme_verifies(&le, &k256, &flipped).is_err());
    }
}

/// Signatures signet makes (M257, Kupyna-256 hash) verify in dstu-core,
/// under the verifying key dstu-core derives from signet's d.
#[test]
fn signet_signatures_verify_in_dstu_core() {
    let Some(python) = dstu_core_python() else {
        return;
    };
    let curve = Curve::named(NamedCurve::M257);
    for round in 0..3u8 {
        let key = SigningKey::generate(&curve).expect("a key");
        let msg: Vec<u8> = (0..(61 * round as usize)).map(|i| (i * 3) as u8).collect();
        let hash = reversed(&DigestAlgorithm::Kupyna256.digest(&msg));
        let sig_le = key.sign_digest(&hash).expect("signs");
        // r and s big-endian, each in dstu-core's 33 bytes (signet writes
        // L_D/16 = 32 bytes each on M257).
        let (r, s) = sig_le.split_at(sig_le.len() / 2);
        let widen = |x: &[u8]| [vec![0u8; 33 - x.len()], reversed(x)].concat();
        let sig = [widen(r), widen(s)].concat();
        let d = hex::encode(key.to_be_bytes().as_slice());
        let answer = dstu_core(&python, &format!(r#""op": "vk", "d": "{d}""#));
        assert_eq!(hex_field(&answer, "pub"), key.public_key().to_compressed());
        let vk = field(&answer, "vk");
        let mut tampered = sig.clone();
        tampered[40] ^= 0x80;
        let verify = |m: &[u8], s: &[u8]| {
            field(
                &dstu_core(
                    &python,
                    &format!(
                        r#""op": "verify", "vk": "{vk}", "msg": "{}", "sig": "{}""#,
                        hex::encode(m),
                        hex::encode(s)
                    ),
                ),
                "valid",
            )
        };
        assert_eq!(
            verify(&msg, &sig),
            "true",
            "dstu-core rejects signet's signature"
        );
        assert_eq!(verify(b"x", &sig), "false");
        assert_eq!(verify(&msg, &tampered), "false");
    }
}

/// A self-signed certificate jkurwa makes for `key` on `curve_name`, its
/// key naming `dke` (jkurwa hashes the TBS with gost89 under that S-box).
fn jkurwa_certificate(key: &SigningKey, curve_name: &str, dke: &[u8; 64]) -> Certificate {
    let der = gost89_dke(
        &[
            "cert",
            &hex::encode(dke),
            curve_name,
            &hex::encode(key.to_be_bytes().as_slice()),
        ],
        b"",
    );
    Certificate::parse(&der).expect("signet parses jkurwa's certificate")
}

fn validate(own: &Certificate, sig: &[u8], content: &[u8]) -> signet_pki::ValidationReport {
    let trust = TrustStore::from_certificates([own.clone()]);
    common::validate_offline(&trust, sig, content, NOW, false)
}

/// CMS SignedData signed by signet with Kupyna-256/384/512 on M257 and
/// M431: UAPKI's signature algorithm OIDs, the Kupyna digest OIDs, valid
/// in signet; the Kupyna-256 ones also checked independently: the
/// messageDigest is dstu-core's Kupyna-256 of the content, and jkurwa
/// verifies the raw signature over dstu-core's Kupyna-256 of the signed
/// attributes (read little-endian, as UAPKI reads it).
#[test]
fn kupyna_cms_signed_by_signet() {
    let python = dstu_core_python();
    let content = b"signet DSTU 4145 with Kupyna";
    for (curve_name, named) in [("M257", NamedCurve::M257), ("M431", NamedCurve::M431)] {
        let key = SigningKey::generate(&Curve::named(named)).expect("a key");
        let own = jkurwa_certificate(&key, curve_name, &SBox::UA_DKE_1.to_dke());
        let public = key.public_key().to_compressed();
        let signer = CertifiedKey::from_dstu_key(own.clone(), key).expect("the certificate's key");
        for (digest, sig_oid, digest_oid) in [
            (
                DigestAlgorithm::Kupyna256,
                "1.2.804.2.1.1.1.1.3.6.1.1",
                "1.2.804.2.1.1.1.1.2.2.1",
            ),
            (
                DigestAlgorithm::Kupyna384,
                "1.2.804.2.1.1.1.1.3.6.2.1",
                "1.2.804.2.1.1.1.1.2.2.2",
            ),
            (
                DigestAlgorithm::Kupyna512,
                "1.2.804.2.1.1.1.1.3.6.3.1",
                "1.2.804.2.1.1.1.1.2.2.3",
            ),
        ] {
            let sig = SignedDataBuilder::new(content)
                .digest(digest)
                .signing_time(Some(NOW))
                .add_signer(&signer)
                .build()
                .expect("signs");
            let signed = SignedData::parse(&sig).expect("parses");
            let si = &signed.signers[0];
            assert_eq!(si.signature_algorithm.oid.to_string(), sig_oid);
            assert!(si.signature_algorithm.parameters.is_none());
            assert_eq!(si.digest_algorithm.oid.to_string(), digest_oid);
            let report = validate(&own, &sig, content);
            assert!(
                report.is_valid(),
                "{curve_name} {digest:?}: {:?}",
                report.failure()
            );
            let mut tampered = sig.clone();
            let at = tampered.len() - 5;
            tampered[at] ^= 0x10;
            assert!(!validate(&own, &tampered, content).is_valid());

            if digest != DigestAlgorithm::Kupyna256 {
                continue;
            }
            let signed_bytes = &si
                .signed_attrs
                .as_ref()
                .expect("signed attributes")
                .signed_bytes;
            let Some(python) = &python else { continue };
            let kupyna = |m: &[u8]| {
                hex_field(
                    &dstu_core(
                        python,
                        &format!(r#""op": "kupyna", "msg": "{}""#, hex::encode(m)),
                    ),
                    "kupyna256",
                )
            };
            let content_hash = kupyna(content);
            assert!(
                sig.windows(32).any(|w| w == content_hash),
                "the messageDigest is dstu-core's Kupyna-256 of the content"
            );
            let attrs_hash = kupyna(signed_bytes);
            assert!(
                jkurwa_verifies(curve_name, &public, &attrs_hash, &si.signature),
                "jkurwa rejects signet's {curve_name} Kupyna-256 signature"
            );
            assert!(!jkurwa_verifies(
                curve_name,
                &public,
                &reversed(&attrs_hash),
                &si.signature
            ));
        }
    }
}

/// Tables other than DKE №1: CryptoPro A, TC26 Z and an arbitrary
/// (non-bijective) 64-byte DKE.
fn other_dkes() -> Vec<[u8; 64]> {
    let mut arbitrary = [0u8; 64];
    for (i, b) in arbitrary.iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(73).wrapping_add(29) ^ 0x5a;
    }
    vec![SBox::CRYPTOPRO_A.to_dke(), SBox::TC26_Z.to_dke(), arbitrary]
}

/// GOST 34.311-95 under another S-box: signet's unpacking of the DKE and
/// its hash agree with gost89's (whose unpacking the script checks to be
/// the inverse of gost89's own packSbox, and which hashes DKE №1 as
/// signet does).
#[test]
fn gost34311_under_other_dkes_agrees_with_gost89() {
    let data: Vec<u8> = (0..100u8).collect();
    let dke1 = SBox::UA_DKE_1.to_dke();
    for len in [0usize, 3, 32, 100] {
        let theirs = gost89_dke(&["hash", &hex::encode(dke1)], &data[..len]);
        assert_eq!(
            String::from_utf8_lossy(&theirs),
            hex::encode(DigestAlgorithm::Gost34311Ua.digest(&data[..len]))
        );
    }
    for dke in other_dkes() {
        let sbox = SBox::from_dke(&dke);
        for len in [0usize, 3, 32, 100] {
            let theirs = gost89_dke(&["hash", &hex::encode(dke)], &data[..len]);
            assert_eq!(
                String::from_utf8_lossy(&theirs),
                hex::encode(Gost34311::digest(&sbox, &data[..len])),
                "DKE {}",
                hex::encode(dke)
            );
        }
    }
}

/// Keys naming another DKE: the certificate jkurwa signs (TBS hashed under
/// that S-box by gost89) verifies in signet; signet signs CMS with the key
/// (the signed attributes hashed under the key's S-box), valid in signet
/// and, independently, in jkurwa over gost89's hash under that S-box, not
/// over the DKE №1 hash.
#[test]
fn keys_with_another_dke() {
    let curve = Curve::named(NamedCurve::M257);
    for dke in other_dkes() {
        let key = SigningKey::generate(&curve).expect("a key");
        let public = key.public_key().to_compressed();
        let own = jkurwa_certificate(&key, "M257", &dke);
        let cert_key = &own.fields().public_key;
        let alg = AlgorithmIdentifierOwned {
            oid: ObjectIdentifier::new_unwrap(DSTU4145_LE),
            parameters: None,
        };
        assert_eq!(
            signet_pki::verify_signature(
                cert_key,
                &alg,
                None,
                SignedMessage::Bytes(own.tbs_der()),
                own.signature_value()
            ),
            Ok(()),
            "jkurwa's certificate under DKE {}",
            hex::encode(dke)
        );
        // Over the DKE №1 hash it is not the same signature.
        let dke1_hash = DigestAlgorithm::Gost34311Ua.digest(own.tbs_der());
        assert!(
            signet_pki::verify_signature(
                cert_key,
                &alg,
                None,
                SignedMessage::Digest {
                    algorithm: DigestAlgorithm::Gost34311Ua,
                    value: &dke1_hash
                },
                own.signature_value()
            )
            .is_err()
        );

        let signer = CertifiedKey::from_dstu_key(own.clone(), key).expect("the certificate's key");
        let content = b"signet under another DKE";
        let sig = SignedDataBuilder::new(content)
            .signing_time(Some(NOW))
            .add_signer(&signer)
            .build()
            .expect("signs");
        let report = validate(&own, &sig, content);
        assert!(report.is_valid(), "{:?}", report.failure());
        let signed = SignedData::parse(&sig).expect("parses");
        let si = &signed.signers[0];
        let signed_bytes = &si
            .signed_attrs
            .as_ref()
            .expect("signed attributes")
            .signed_bytes;
        let theirs = hex::decode(gost89_dke(&["hash", &hex::encode(dke)], signed_bytes))
            .expect("hexadecimal");
        assert!(jkurwa_verifies("M257", &public, &theirs, &si.signature));
        assert!(!jkurwa_verifies(
            "M257",
            &public,
            &DigestAlgorithm::Gost34311Ua.digest(signed_bytes),
            &si.signature
        ));
    }
}
