//! Malformed input: every fault is an error, never a panic, and oversized
//! input is refused before any decoding.
//!
//! The property tests feed arbitrary bytes and mutations of real
//! certificates (byte flips, overwrites, insertions, deletions,
//! truncations) to `Certificate::parse`, and every decoded field and
//! derived value of whatever parses.

mod common;

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use common::{DATA, UA_TESTDATA};
use proptest::prelude::*;
use signet_pki::{CERTIFICATE_INPUT, Certificate, PkiError};
use test_support::{CertSpec, KeyType, Openssl};

/// Real certificates whose DER the tests cut and mutate.
static SEEDS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let mut seeds: Vec<Vec<u8>> = ["SFS_1.cer", "CZOROOT.cer", "CA-Justice-ECDSA-261217.cer"]
        .iter()
        .map(|f| std::fs::read(format!("{UA_TESTDATA}/{f}")).unwrap_or_else(|e| panic!("{f}: {e}")))
        .collect();
    for pem in [
        "mincifry-rossii-root-2022.pem",
        "cryptopro-test-ivanov-inn-ogrn-snils.pem",
    ] {
        let text = std::fs::read(format!("{DATA}/{pem}")).unwrap_or_else(|e| panic!("{pem}: {e}"));
        // The PEM's DER, only as a seed for mutations.
        seeds.push(
            Certificate::parse(&text)
                .expect("seed parses")
                .der()
                .to_vec(),
        );
    }
    seeds
});

/// Uses every field and derived value, so that a panic anywhere in the
/// decoding of a parsed certificate shows up.
fn exercise(cert: &Certificate) {
    let f = cert.fields().clone();
    let _ = cert.thumbprint_hex();
    let _ = f.subject.to_string();
    let _ = f.issuer.to_string();
    let _ = f.subject.simple_name();
    let _ = f.person_name();
    let _ = f.ru_identity();
    let _ = f.ua_identity();
    let _ = f.qualification();
    let _ = f.subject_kind();
    let _ = f.postal_address();
    let _ = f.email();
    let _ = f.public_key.key_bits();
    let _ = f.public_key.key_value();
    let _ = f.public_key.parameter_set();
    for lang in [
        signet_pki::Lang::En,
        signet_pki::Lang::Ru,
        signet_pki::Lang::Uk,
    ] {
        let _ = f.public_key.describe(lang);
    }
    if let Some(ku) = f.extensions.key_usage {
        let _ = ku.bits().count();
    }
}

#[test]
fn every_prefix_of_a_der_certificate_is_an_error() {
    for der in SEEDS.iter() {
        assert!(Certificate::parse(der).is_ok());
        for n in 0..der.len() {
            match Certificate::parse(&der[..n]) {
                Err(PkiError::Empty) => assert_eq!(n, 0),
                Err(PkiError::Der { what, .. }) => {
                    assert!(n > 0);
                    assert_eq!(what, "certificate");
                }
                other => panic!("prefix of {n} bytes: {other:?}"),
            }
        }
    }
}

/// Every single-byte change of every seed: most keep the outer structure
/// intact and reach the field decoders with damaged content (extension
/// values, names, keys).
#[test]
fn every_single_byte_change_is_safe() {
    let mut parsed = 0usize;
    let mut total = 0usize;
    for der in SEEDS.iter() {
        for i in 0..der.len() {
            for change in [|b: u8| b ^ 0x01, |b: u8| b ^ 0x80, |_| 0x00, |_| 0xFF] {
                let mut bad = der.clone();
                bad[i] = change(bad[i]);
                total += 1;
                if let Ok(cert) = Certificate::parse(&bad) {
                    parsed += 1;
                    exercise(&cert);
                }
            }
        }
    }
    // A good share parses, so the decoders of fields() were exercised.
    assert!(parsed > total / 4, "{parsed} of {total} mutants parsed");
}

#[test]
fn every_prefix_of_pem_and_base64_text_is_an_error() {
    let ossl = Openssl::new();
    let key = ossl.generate_key(KeyType::EcP256);
    let files = ossl.self_signed(&key, &CertSpec::new().subject("CN", "prefix"));
    let end_marker = b"-----END CERTIFICATE-----";
    let end = files
        .pem
        .windows(end_marker.len())
        .position(|w| w == end_marker)
        .expect("END line")
        + end_marker.len();
    for n in 0..files.pem.len() {
        let result = Certificate::parse(&files.pem[..n]);
        assert_eq!(
            result.is_ok(),
            n >= end,
            "PEM prefix of {n} bytes: {result:?}"
        );
    }
    // Padding is optional (input.rs accepts base64 without it), so only
    // a prefix that lacks data characters is incomplete.
    let data_end = files
        .base64
        .iter()
        .rposition(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/'))
        .expect("base64 data")
        + 1;
    for n in 0..files.base64.len() {
        let result = Certificate::parse(&files.base64[..n]);
        assert_eq!(
            result.is_ok(),
            n >= data_end,
            "base64 prefix of {n} bytes: {result:?}"
        );
    }
}

#[test]
fn wrong_outer_or_inner_tags() {
    let der = &SEEDS[0];
    // SET, [0], INTEGER and OCTET STRING in place of the outer SEQUENCE:
    // not DER of a certificate, and not text either.
    for tag in [0x31u8, 0xA0, 0x02, 0x04] {
        let mut bad = der.clone();
        bad[0] = tag;
        let err = Certificate::parse(&bad).expect_err("wrong outer tag");
        assert!(
            matches!(err, PkiError::Base64(_) | PkiError::Der { .. }),
            "tag {tag:#04x}: {err:?}"
        );
        assert!(Certificate::from_der(bad).is_err());
    }
    // tbsCertificate (after the 4-byte outer header) made a SET.
    assert_eq!(&der[..2], &[0x30, 0x82]);
    let mut bad = der.clone();
    bad[4] = 0x31;
    assert!(matches!(
        Certificate::parse(&bad),
        Err(PkiError::Der { .. })
    ));
    // An outer length longer than the input, and one shorter.
    let mut long = der.clone();
    long[3] = long[3].wrapping_add(1);
    assert!(matches!(
        Certificate::parse(&long),
        Err(PkiError::Der { .. })
    ));
    let mut short = der.clone();
    short[3] = short[3].wrapping_sub(1);
    assert!(matches!(
        Certificate::parse(&short),
        Err(PkiError::Der { .. })
    ));
}

#[test]
fn other_der_structures_are_not_certificates() {
    let ossl = Openssl::new();
    let key = ossl.generate_key(KeyType::Ed25519);
    let key_der = ossl.run(
        &[
            "pkey".as_ref(),
            "-in".as_ref(),
            key.path.as_os_str(),
            "-outform".as_ref(),
            "DER".as_ref(),
        ],
        false,
    );
    let csr_der = ossl.run(
        &[
            "req".as_ref(),
            "-new".as_ref(),
            "-key".as_ref(),
            key.path.as_os_str(),
            "-subj".as_ref(),
            "/CN=request".as_ref(),
            "-outform".as_ref(),
            "DER".as_ref(),
        ],
        false,
    );
    for der in [key_der, csr_der] {
        assert_eq!(der[0], 0x30);
        assert!(matches!(
            Certificate::parse(&der),
            Err(PkiError::Der { .. })
        ));
    }
}

#[test]
fn pem_with_another_label_is_refused() {
    let ossl = Openssl::new();
    let key = ossl.generate_key(KeyType::EcP256);
    let key_pem = std::fs::read(&key.path).expect("key file");
    let csr_pem = ossl.run(
        &[
            "req".as_ref(),
            "-new".as_ref(),
            "-key".as_ref(),
            key.path.as_os_str(),
            "-subj".as_ref(),
            "/CN=request".as_ref(),
        ],
        false,
    );
    let cert = ossl.self_signed(&key, &CertSpec::new().subject("CN", "trusted"));
    let trusted_pem = ossl.run(
        &[
            "x509".as_ref(),
            "-in".as_ref(),
            cert.pem_path.as_os_str(),
            "-trustout".as_ref(),
            "-addtrust".as_ref(),
            "clientAuth".as_ref(),
        ],
        false,
    );
    for (pem, label) in [
        (key_pem, "PRIVATE KEY"),
        (csr_pem, "CERTIFICATE REQUEST"),
        (trusted_pem, "TRUSTED CERTIFICATE"),
    ] {
        match Certificate::parse(&pem) {
            Err(PkiError::PemLabel { expected, found }) => {
                assert_eq!(expected, "CERTIFICATE");
                assert_eq!(found, label);
            }
            other => panic!("{label}: {other:?}"),
        }
    }
}

#[test]
fn bad_base64_and_broken_pem() {
    for text in [
        &b"MIIB!!!!"[..],
        b"MIIBIjANBgkqhkiG9w0BAQ\x00EFAAOCAQ8AMIIBCgKCAQEA",
        b"-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n",
        b"-----BEGIN CERTIFICATE-----\nMII%\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\nМИИ\n-----END CERTIFICATE-----\n".as_bytes(),
    ] {
        assert!(
            matches!(Certificate::parse(text), Err(PkiError::Base64(_))),
            "{:?}: {:?}",
            String::from_utf8_lossy(text),
            Certificate::parse(text)
        );
    }
    // Well-formed base64 of something that is not a certificate.
    assert!(matches!(
        Certificate::parse(b"SGVsbG8sIHdvcmxkIQ=="),
        Err(PkiError::Der { .. })
    ));
    // Missing END line, headers of an encrypted PEM.
    assert!(matches!(
        Certificate::parse(b"-----BEGIN CERTIFICATE-----\nMAMCAQU=\n"),
        Err(PkiError::PemUnterminated(_))
    ));
    assert!(matches!(
        Certificate::parse(
            b"-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\nMAMCAQU=\n-----END CERTIFICATE-----\n"
        ),
        Err(PkiError::PemHeaders)
    ));
}

#[test]
fn two_certificates_where_one_is_expected() {
    let ossl = Openssl::new();
    let key = ossl.generate_key(KeyType::Ed25519);
    let a = ossl.self_signed(&key, &CertSpec::new().subject("CN", "a"));
    let b = ossl.self_signed(&key, &CertSpec::new().subject("CN", "b"));
    let bundle = [a.pem.clone(), b.pem.clone()].concat();
    assert!(matches!(
        Certificate::parse(&bundle),
        Err(PkiError::TooMany { limit: 1 })
    ));
    let all = Certificate::parse_all(&bundle).expect("a bundle of two");
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].der(), a.der.as_slice());
    assert_eq!(all[1].der(), b.der.as_slice());
}

#[test]
fn empty_input() {
    for input in [&b""[..], b" \r\n\t ", b"\xEF\xBB\xBF", b"\xEF\xBB\xBF\n"] {
        assert!(
            matches!(Certificate::parse(input), Err(PkiError::Empty)),
            "{input:?}: {:?}",
            Certificate::parse(input)
        );
        assert!(Certificate::parse_all(input).is_err());
    }
    assert!(Certificate::from_der(Vec::new()).is_err());
}

/// A deterministic xorshift generator: 10 MB of noise without a
/// dependency.
fn noise(len: usize, mut state: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(len);
    out
}

#[test]
fn ten_megabytes_of_garbage_are_refused_by_the_size_limit() {
    const TEN_MB: usize = 10 * 1024 * 1024;
    let mut garbage = noise(TEN_MB, 0x9E37_79B9_7F4A_7C15);
    let limit = CERTIFICATE_INPUT.max_input;
    for first in [garbage[0], 0x30, b'-', b'M'] {
        garbage[0] = first;
        let started = Instant::now();
        let result = Certificate::parse(&garbage);
        let elapsed = started.elapsed();
        match result {
            Err(PkiError::TooLarge { len, limit: l, .. }) => {
                assert_eq!(len, TEN_MB);
                assert_eq!(l, limit);
            }
            other => panic!("10 MB starting with {first:#04x}: {other:?}"),
        }
        assert!(
            elapsed < Duration::from_millis(200),
            "refusing 10 MB took {elapsed:?}"
        );
        assert!(matches!(
            Certificate::parse_all(&garbage),
            Err(PkiError::TooLarge { .. })
        ));
    }
    assert!(matches!(
        Certificate::from_der(garbage),
        Err(PkiError::TooLarge { .. })
    ));
    // Just over the limit, and a real certificate padded to it.
    let mut padded = SEEDS[0].clone();
    padded.resize(limit + 1, 0);
    assert!(matches!(
        Certificate::parse(&padded),
        Err(PkiError::TooLarge { .. })
    ));
}

/// One edit of a DER encoding.
#[derive(Clone, Debug)]
enum Mutation {
    /// XOR a byte (position taken modulo the length).
    Flip(usize, u8),
    /// Overwrite a byte, with values that matter to DER lengths and tags
    /// more often than chance.
    Set(usize, u8),
    /// Insert a byte.
    Insert(usize, u8),
    /// Delete a byte.
    Delete(usize),
    /// Cut the encoding.
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let interesting = prop_oneof![
        Just(0x00u8),
        Just(0x7F),
        Just(0x80),
        Just(0x81),
        Just(0x82),
        Just(0x84),
        Just(0xFF),
        Just(0x30),
        Just(0x31),
        Just(0x06),
        Just(0x0C),
        Just(0x1E),
        Just(0xA0),
        Just(0xA3),
        any::<u8>(),
    ];
    prop_oneof![
        4 => (any::<usize>(), 1u8..=255).prop_map(|(i, x)| Mutation::Flip(i, x)),
        3 => (any::<usize>(), interesting).prop_map(|(i, v)| Mutation::Set(i, v)),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(i, v)| Mutation::Insert(i, v)),
        1 => any::<usize>().prop_map(Mutation::Delete),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(der: &mut Vec<u8>, m: &Mutation) {
    if der.is_empty() {
        return;
    }
    let len = der.len();
    match *m {
        Mutation::Flip(i, x) => der[i % len] ^= x,
        Mutation::Set(i, v) => der[i % len] = v,
        Mutation::Insert(i, v) => der.insert(i % (len + 1), v),
        Mutation::Delete(i) => {
            der.remove(i % len);
        }
        Mutation::Truncate(i) => der.truncate(i % len),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1000,
        ..ProptestConfig::default()
    })]

    /// Mutated real certificates never make parsing or decoding panic.
    #[test]
    fn mutated_certificates_never_panic(
        seed in 0usize..5,
        edits in prop::collection::vec(mutation(), 1..8),
    ) {
        let mut der = SEEDS[seed % SEEDS.len()].clone();
        for m in &edits {
            apply(&mut der, m);
        }
        if let Ok(cert) = Certificate::parse(&der) {
            exercise(&cert);
        }
        if let Ok(cert) = Certificate::from_der(der) {
            exercise(&cert);
        }
    }

    /// Arbitrary bytes, and arbitrary bytes that start like DER, never
    /// make parsing panic.
    #[test]
    fn arbitrary_bytes_never_panic(
        mut bytes in prop::collection::vec(any::<u8>(), 0..2048),
        as_der in any::<bool>(),
    ) {
        if as_der && !bytes.is_empty() {
            bytes[0] = 0x30;
        }
        if let Ok(cert) = Certificate::parse(&bytes) {
            exercise(&cert);
        }
        if let Ok(all) = Certificate::parse_all(&bytes) {
            all.iter().for_each(exercise);
        }
    }

    /// Arbitrary text between PEM armour lines never makes parsing panic.
    #[test]
    fn arbitrary_pem_bodies_never_panic(body in "[A-Za-z0-9+/=\\\\\\s:-]{0,400}") {
        let text = format!("-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n");
        if let Ok(cert) = Certificate::parse(text.as_bytes()) {
            exercise(&cert);
        }
    }
}
