//! DSTU 4145-2002 against an independent implementation, jkurwa (the npm
//! package, through scripts/peers/jkurwa_dstu.js), and against real
//! Ukrainian certificates.
//!
//! On M163, M257 and M431 the tests check that
//!
//! - jkurwa and signet derive the same public key (compressed,
//!   little-endian) from the same d;
//! - signatures jkurwa makes verify with signet, and fail once a bit of the
//!   hash or the signature changes;
//! - signatures signet makes verify with jkurwa, and a flipped bit makes it
//!   reject;
//! - with the same nonce e both write the same signature bytes;
//! - signet's key agreement gives jkurwa's `Priv.derive` (M257, M431).
//!
//! M163 uses 20-byte hashes: jkurwa reduces a hash longer than m bits
//! modulo the field polynomial where DSTU 4145-2002 §5.9 (and signet)
//! truncate it, so only hashes of at most m bits mean the same to both.
//!
//! The certificates (`tests/data/ua`, from jkurwa's test data,
//! found by `test_support::shared`): the CZO root (self-signed, explicit M431
//! parameters), the Justice CA it issued (explicit M257), two self-signed
//! end-entity certificates on the named M257 curve, and the private key
//! behind one of them. Signatures cover GOST 34.311-95 (DKE №1 S-box, which
//! every certificate here names) of the tbsCertificate.
//!
//! jkurwa is found in $SIGNET_NPM_DIR/node_modules, by default
//! $HOME/.cache/signet-npm (`npm install --prefix $HOME/.cache/signet-npm
//! jkurwa gost89`); a missing `node` or package fails the tests.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use signet_crypto::DigestAlgorithm;
use signet_crypto::dstu4145::{Curve, NamedCurve, PublicKey, Signature, SigningKey};
use test_support::ua_testdata::{npm_modules, ua as testdata};

// --- jkurwa ---------------------------------------------------------------

/// One answer of the script: a flat JSON object of strings and booleans.
#[derive(Debug)]
struct Answer(Vec<(String, String)>);

impl Answer {
    fn get(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {key} in {self:?}"))
    }
}

/// Runs the requests (JSON objects) through jkurwa.
fn jkurwa(requests: &[String]) -> Vec<Answer> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/peers/jkurwa_dstu.js");
    let mut child = Command::new("node")
        .env("NODE_PATH", npm_modules(&["jkurwa"]))
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node is installed (Debian package nodejs)");
    let input = format!("[{}]", requests.join(","));
    child
        .stdin
        .take()
        .expect("a pipe to node")
        .write_all(input.as_bytes())
        .expect("node reads the requests");
    let out = child.wait_with_output().expect("node runs");
    assert!(
        out.status.success(),
        "{} failed: {}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let answers = parse_answers(&String::from_utf8(out.stdout).expect("UTF-8 output"));
    assert_eq!(answers.len(), requests.len());
    answers
}

/// Parses `[{"k":"v","b":true},…]` as JSON.stringify writes it for flat
/// objects of hexadecimal strings and booleans.
fn parse_answers(text: &str) -> Vec<Answer> {
    let body = text
        .trim()
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or_else(|| panic!("not a JSON array: {text}"));
    body.split("},{")
        .filter(|o| !o.is_empty())
        .map(|object| {
            let object = object.trim_start_matches('{').trim_end_matches('}');
            Answer(
                object
                    .split(',')
                    .map(|pair| {
                        let (k, v) = pair.split_once(':').expect("key:value");
                        (
                            k.trim_matches('"').to_owned(),
                            v.trim_matches('"').to_owned(),
                        )
                    })
                    .collect(),
            )
        })
        .collect()
}

fn sign_request(curve: &str, d: &[u8], hash: &[u8], e: Option<&[u8]>) -> String {
    let e = e
        .map(|e| format!(r#","e":"{}""#, hex::encode(e)))
        .unwrap_or_default();
    format!(
        r#"{{"op":"sign","curve":"{curve}","d":"{}","hash":"{}"{e}}}"#,
        hex::encode(d),
        hex::encode(hash)
    )
}

fn verify_request(curve: &str, public: &[u8], hash: &[u8], sig: &[u8]) -> String {
    format!(
        r#"{{"op":"verify","curve":"{curve}","pub":"{}","hash":"{}","sig":"{}"}}"#,
        hex::encode(public),
        hex::encode(hash),
        hex::encode(sig)
    )
}

// --- reproducible inputs ----------------------------------------------------

/// SplitMix64 bytes, so that a failure can be replayed.
struct Bytes(u64);

impl Bytes {
    fn take(&mut self, n: usize) -> Vec<u8> {
        (0..n)
            .map(|_| {
                self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = self.0;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                (z ^ (z >> 31)) as u8
            })
            .collect()
    }

    /// A private key, big-endian: random bytes below n (the top byte
    /// masked to n's bit length, drawn again when 0 or ≥ n).
    fn key(&mut self, curve: &Curve) -> SigningKey {
        let len = curve.order_bits().div_ceil(8) as usize;
        loop {
            let mut d = self.take(len);
            d[0] &= 0xFF >> (8 * len as u32 - curve.order_bits());
            if let Ok(key) = SigningKey::from_be_bytes(curve, &d) {
                return key;
            }
        }
    }
}

const CURVES: [(NamedCurve, usize); 3] = [
    (NamedCurve::M163, 20),
    (NamedCurve::M257, 32),
    (NamedCurve::M431, 32),
];

#[test]
fn public_keys_agree_with_jkurwa() {
    let mut rng = Bytes(1);
    let mut requests = Vec::new();
    let mut expected = Vec::new();
    for (named, hash_len) in CURVES {
        let curve = named.curve();
        for _ in 0..3 {
            let key = rng.key(&curve);
            requests.push(sign_request(
                named.name(),
                &key.to_be_bytes(),
                &rng.take(hash_len),
                None,
            ));
            expected.push(key.public_key().to_compressed());
        }
    }
    for (answer, public) in jkurwa(&requests).iter().zip(expected) {
        assert_eq!(answer.get("pub"), hex::encode(public));
    }
}

#[test]
fn jkurwa_signatures_verify_in_signet() {
    let mut rng = Bytes(2);
    let mut requests = Vec::new();
    let mut cases = Vec::new();
    for (named, hash_len) in CURVES {
        let curve = named.curve();
        for _ in 0..3 {
            let key = rng.key(&curve);
            let hash = rng.take(hash_len);
            requests.push(sign_request(named.name(), &key.to_be_bytes(), &hash, None));
            cases.push((curve.clone(), key.public_key().clone(), hash));
        }
    }
    for (answer, (curve, public, hash)) in jkurwa(&requests).iter().zip(cases) {
        let sig = hex::decode(answer.get("sig")).unwrap();
        assert_eq!(sig.len(), curve.signature_len(), "{curve}");
        // The key as a certificate would carry it.
        let public = PublicKey::from_compressed(&curve, &public.to_compressed()).unwrap();
        public.verify_digest(&hash, &sig).unwrap();
        let mut bad_hash = hash.clone();
        bad_hash[3] ^= 0x10;
        assert!(public.verify_digest(&bad_hash, &sig).is_err(), "{curve}");
        for bit in [0, 77, 8 * sig.len() / 2 + 5, 8 * sig.len() - 9] {
            let mut bad = sig.clone();
            bad[bit / 8] ^= 1 << (bit % 8);
            assert!(
                public.verify_digest(&hash, &bad).is_err(),
                "{curve}, bit {bit}"
            );
        }
    }
}

#[test]
fn signet_signatures_verify_in_jkurwa() {
    let mut rng = Bytes(3);
    let mut requests = Vec::new();
    let mut expected = Vec::new();
    for (named, hash_len) in CURVES {
        let curve = named.curve();
        for _ in 0..3 {
            let key = rng.key(&curve);
            let hash = rng.take(hash_len);
            let sig = key.sign_digest(&hash).unwrap();
            let public = key.public_key().to_compressed();
            requests.push(verify_request(named.name(), &public, &hash, &sig));
            expected.push("true");
            let mut bad = sig.clone();
            bad[5] ^= 4;
            requests.push(verify_request(named.name(), &public, &hash, &bad));
            expected.push("false");
            let mut bad_hash = hash.clone();
            bad_hash[0] ^= 1;
            requests.push(verify_request(named.name(), &public, &bad_hash, &sig));
            expected.push("false");
        }
    }
    let answers = jkurwa(&requests);
    for (i, (answer, valid)) in answers.iter().zip(expected).enumerate() {
        assert_eq!(answer.get("valid"), valid, "request {i}: {}", requests[i]);
    }
}

#[test]
fn same_nonce_same_signature_as_jkurwa() {
    let mut rng = Bytes(4);
    let mut requests = Vec::new();
    let mut expected = Vec::new();
    for (named, hash_len) in CURVES {
        let curve = named.curve();
        for _ in 0..3 {
            let key = rng.key(&curve);
            let hash = rng.take(hash_len);
            // A nonce of full length (jkurwa's wNAF breaks on tiny ones).
            let e = rng.key(&curve).to_be_bytes();
            let sig = key.sign_digest_with_nonce(&hash, &e).unwrap();
            requests.push(sign_request(
                named.name(),
                &key.to_be_bytes(),
                &hash,
                Some(&e),
            ));
            expected.push(sig.to_bytes());
        }
    }
    for (answer, sig) in jkurwa(&requests).iter().zip(expected) {
        assert_eq!(answer.get("sig"), hex::encode(sig));
    }
}

#[test]
fn key_agreement_matches_jkurwa_derive() {
    let mut rng = Bytes(5);
    let mut requests = Vec::new();
    let mut expected = Vec::new();
    for named in [NamedCurve::M257, NamedCurve::M431] {
        let curve = named.curve();
        for _ in 0..3 {
            let ours = rng.key(&curve);
            let theirs = rng.key(&curve);
            requests.push(format!(
                r#"{{"op":"derive","curve":"{}","d":"{}","peer":"{}"}}"#,
                named.name(),
                hex::encode(ours.to_be_bytes()),
                hex::encode(theirs.public_key().to_compressed())
            ));
            let zz = ours.agree(theirs.public_key()).unwrap();
            assert_eq!(*zz, *theirs.agree(ours.public_key()).unwrap());
            expected.push(zz);
        }
    }
    for (answer, zz) in jkurwa(&requests).iter().zip(expected) {
        assert_eq!(answer.get("zz"), hex::encode(&*zz));
    }
}

// --- real certificates --------------------------------------------------------

/// One DER element: (tag, contents, the whole element, rest).
fn der(input: &[u8]) -> (u8, &[u8], &[u8], &[u8]) {
    let tag = input[0];
    let (len, header) = match input[1] {
        l if l < 0x80 => (l as usize, 2),
        0x81 => (input[2] as usize, 3),
        0x82 => (((input[2] as usize) << 8) | input[3] as usize, 4),
        other => panic!("unexpected DER length byte {other:#x}"),
    };
    let end = header + len;
    (tag, &input[header..end], &input[..end], &input[end..])
}

/// The elements of a constructed value.
fn children(mut content: &[u8]) -> Vec<(u8, &[u8], &[u8])> {
    let mut out = Vec::new();
    while !content.is_empty() {
        let (tag, inner, whole, rest) = der(content);
        out.push((tag, inner, whole));
        content = rest;
    }
    out
}

fn oid_string(content: &[u8]) -> String {
    let mut arcs = Vec::new();
    let mut value = 0u64;
    for &b in content {
        value = (value << 7) | u64::from(b & 0x7F);
        if b & 0x80 == 0 {
            arcs.push(value);
            value = 0;
        }
    }
    let first = arcs[0].min(80) / 40;
    let mut out = format!("{}.{}", first, arcs[0] - 40 * first);
    for a in &arcs[1..] {
        out += &format!(".{a}");
    }
    out
}

fn small_int(content: &[u8]) -> u32 {
    content.iter().fold(0, |acc, &b| (acc << 8) | u32::from(b))
}

const DSTU4145_LE: &str = "1.2.804.2.1.1.1.1.3.1.1";
/// DKE №1 packed, the S-box of GOST 34.311-95 as signet's `Gost34311Ua`.
const DKE_1: &str = "a9d6eb45f13c708280c4967b231f5eadf658eba4c037291d38d96bf025ca4e17\
                     f8e9720dc615b43a28975f0bc1dea36438b564ea2c179fd0123e6db8fac57904";

/// The curve of `DSTU4145Params` (named or `ECBinary`), checking that the
/// DKE, if any, is DKE №1.
fn dstu_params(params: &[u8]) -> Curve {
    let parts = children(params);
    if let Some(&(tag, dke, _)) = parts.get(1) {
        assert_eq!(tag, 0x04);
        assert_eq!(hex::encode(dke), DKE_1);
    }
    let (tag, definition, _) = parts[0];
    if tag == 0x06 {
        return Curve::from_oid(&oid_string(definition)).expect("a named DSTU curve");
    }
    let mut fields = children(definition);
    if fields[0].0 == 0xA0 {
        fields.remove(0); // version
    }
    let f = children(fields[0].1);
    let m = small_int(f[0].1);
    let poly: Vec<u32> = match f[1].0 {
        0x02 => vec![small_int(f[1].1)],
        _ => children(f[1].1).iter().map(|c| small_int(c.1)).collect(),
    };
    let a = small_int(fields[1].1) as u8;
    Curve::from_params(m, &poly, a, fields[2].1, fields[3].1, fields[4].1)
        .expect("valid explicit parameters")
}

/// The public key of a SubjectPublicKeyInfo.
fn spki_key(spki: &[u8]) -> PublicKey {
    let parts = children(spki);
    let algorithm = children(parts[0].1);
    assert_eq!(oid_string(algorithm[0].1), DSTU4145_LE);
    let curve = dstu_params(algorithm[1].1);
    let (tag, bits, _) = (parts[1].0, parts[1].1, ());
    assert_eq!(tag, 0x03);
    assert_eq!(bits[0], 0);
    let (tag, point, _, _) = der(&bits[1..]);
    assert_eq!(tag, 0x04);
    PublicKey::from_compressed(&curve, point).expect("a valid public key")
}

struct Cert {
    tbs: Vec<u8>,
    signature: Vec<u8>,
    key: PublicKey,
}

fn certificate(name: &str) -> Cert {
    let der_bytes = testdata(name);
    let (_, body, _, _) = der(&der_bytes);
    let parts = children(body);
    let (_, tbs_content, tbs) = parts[0];
    assert_eq!(oid_string(children(parts[1].1)[0].1), DSTU4145_LE);
    let (tag, bits, _) = parts[2];
    assert_eq!(tag, 0x03);
    assert_eq!(bits[0], 0);
    let (tag, signature, _, _) = der(&bits[1..]);
    assert_eq!(tag, 0x04);
    let fields = children(tbs_content);
    let spki = if fields[0].0 == 0xA0 {
        fields[6]
    } else {
        fields[5]
    };
    Cert {
        tbs: tbs.to_vec(),
        signature: signature.to_vec(),
        key: spki_key(spki.1),
    }
}

fn check_signed_by(cert: &Cert, issuer: &PublicKey) {
    let hash = DigestAlgorithm::Gost34311Ua.digest(&cert.tbs);
    issuer
        .verify_digest(&hash, &cert.signature)
        .expect("the certificate's signature verifies");
    let sig = Signature::from_bytes(issuer.curve(), &cert.signature).expect("a signature");
    assert_eq!(sig.to_bytes(), cert.signature);
    let mut tampered = cert.tbs.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    let hash = DigestAlgorithm::Gost34311Ua.digest(&tampered);
    assert!(issuer.verify_digest(&hash, &cert.signature).is_err());
}

#[test]
fn czo_root_and_justice_ca_certificates_verify() {
    // CZOROOT.cer: the Central Certification Authority's root, self-signed
    // on explicit parameters that are M431's; CA-Justice.cer: the Justice
    // CA on explicit M257 parameters, signed by the root.
    let root = certificate("CZOROOT.cer");
    assert_eq!(root.key.curve().named_curve(), Some(NamedCurve::M431));
    assert_eq!(root.signature.len(), 108);
    check_signed_by(&root, &root.key);
    let ca = certificate("CA-Justice.cer");
    assert_eq!(ca.key.curve().named_curve(), Some(NamedCurve::M257));
    check_signed_by(&ca, &root.key);
    assert!(
        ca.key
            .verify_digest(&DigestAlgorithm::Gost34311Ua.digest(&ca.tbs), &ca.signature)
            .is_err()
    );
}

#[test]
fn self_signed_certificates_verify() {
    // jkurwa's test certificates on the named curve M257 (`DSTU curve 6`).
    for name in ["SELF_SIGNED1.cer", "SELF_SIGNED_ENC_40A0.cer"] {
        let cert = certificate(name);
        assert_eq!(
            cert.key.curve().named_curve(),
            Some(NamedCurve::M257),
            "{name}"
        );
        assert_eq!(cert.signature.len(), 64);
        check_signed_by(&cert, &cert.key);
    }
}

#[test]
fn private_key_of_a_certificate_gives_its_public_key() {
    // Key40A0.cer: jkurwa's DSTU private key structure (explicit M257
    // parameters, d little-endian) for SELF_SIGNED_ENC_40A0.cer.
    let der_bytes = testdata("Key40A0.cer");
    let (_, body, _, _) = der(&der_bytes);
    let parts = children(body);
    let algorithm = children(parts[1].1);
    assert_eq!(oid_string(algorithm[0].1), DSTU4145_LE);
    let curve = dstu_params(algorithm[1].1);
    assert_eq!(curve.named_curve(), Some(NamedCurve::M257));
    let (tag, d_le, _) = parts[2];
    assert_eq!(tag, 0x04);
    let key = SigningKey::from_le_bytes(&curve, d_le).unwrap();
    let cert = certificate("SELF_SIGNED_ENC_40A0.cer");
    assert_eq!(key.public_key(), &cert.key);
    // And it signs what the certificate's key verifies.
    let hash = DigestAlgorithm::Gost34311Ua.digest(b"signet");
    let sig = key.sign_digest(&hash).unwrap();
    cert.key.verify_digest(&hash, &sig).unwrap();
}
