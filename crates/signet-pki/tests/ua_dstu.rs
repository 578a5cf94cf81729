//! DSTU 4145-2002 in the PKI layer, on the Ukrainian test data of the
//! jkurwa project (the repository's `tests/data/ua`): certificate chains, CMS
//! SignedData made by jkurwa, the private key of STORE_A040.dat, and
//! signatures signet makes checked by jkurwa (scripts/peers/
//! jkurwa_verify_cms.js; jkurwa in $SIGNET_NPM_DIR/node_modules, by default
//! $HOME/.cache/signet-npm).
//!
//! What the files are: CZOROOT.cer, the self-signed root of the Central
//! Certification Authority (explicit M431 parameters); CA-Justice.cer, the
//! Justice CA it issued (explicit M257); SELF_SIGNED1.cer and
//! SELF_SIGNED_ENC_40A0.cer, self-signed on the named M257 curve;
//! Key40A0.cer / Key6929.cer / KeyE54B.cer are private keys (PKCS#8-like),
//! not certificates. No end-entity certificate issued by the Justice CA is
//! in the set. message.p7 (content "123" attached) and message_detached.p7
//! are signed by SELF_SIGNED1.cer's key.

mod common;

use signet_crypto::DigestAlgorithm;
use signet_pki::{CertifiedKey, SignedData, SignedDataBuilder};

use signet_pki::PrivateKey;
use signet_pki::ValidationReport;
use signet_pki::{Certificate, TrustStore};
use signet_pki::{Offline, PathValidator};
use test_support::ua_testdata::{jkurwa_verifies, ua as read};
use time::OffsetDateTime;
use time::macros::datetime;

fn cert(name: &str) -> Certificate {
    Certificate::parse(&read(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The signing time of message.p7: 2018-10-22T19:25:05Z.
const SIGNED_AT: OffsetDateTime = datetime!(2018-10-22 19:25:05 UTC);
/// Within the validity of CZOROOT.cer and CA-Justice.cer.
const JUSTICE_TIME: OffsetDateTime = datetime!(2018-01-01 00:00:00 UTC);

fn validate(
    trust: &TrustStore,
    sig: &[u8],
    content: &[u8],
    now: OffsetDateTime,
) -> ValidationReport {
    common::validate_offline(trust, sig, content, now, false)
}

#[test]
fn justice_ca_chains_to_the_czo_root() {
    let root = cert("CZOROOT.cer");
    let ca = cert("CA-Justice.cer");
    let trust = TrustStore::from_certificates([root.clone()]);
    let path = PathValidator::new(&trust, &Offline)
        .validate(&ca, &[], JUSTICE_TIME)
        .unwrap_or_else(|e| panic!("CA-Justice.cer does not chain to CZOROOT.cer: {e:?}"));
    assert_eq!(path.certificates.len(), 2);
    assert_eq!(path.certificates[1].der(), root.der());
    // The root checks its own signature.
    let root_key = &root.fields().public_key;
    let verify = |c: &Certificate, sig: &[u8]| {
        signet_pki::verify_signature(
            root_key,
            c.x509().signature_algorithm(),
            None,
            signet_pki::SignedMessage::Bytes(c.tbs_der()),
            sig,
        )
    };
    verify(&root, root.signature_value()).expect("the root's signature verifies");
    verify(&ca, ca.signature_value()).expect("the CA's signature verifies");
    let mut flipped = ca.signature_value().to_vec();
    flipped[10] ^= 0x01;
    assert!(verify(&ca, &flipped).is_err());
    // Not a chain the other way round.
    let trust = TrustStore::from_certificates([ca.clone()]);
    assert!(
        PathValidator::new(&trust, &Offline)
            .validate(&root, &[], JUSTICE_TIME)
            .is_err()
    );
}

#[test]
fn jkurwa_cms_signatures_verify() {
    let trust = TrustStore::from_certificates([
        cert("SELF_SIGNED1.cer"),
        cert("CZOROOT.cer"),
        cert("CA-Justice.cer"),
    ]);
    let attached = read("message.p7");
    let signed = SignedData::parse(&attached).unwrap();
    let content = signed.content.clone().expect("message.p7 is attached");
    assert_eq!(content, b"123");
    let report = validate(&trust, &attached, &content, SIGNED_AT);
    assert!(report.is_valid(), "message.p7: {:?}", report.failure());
    let detached = read("message_detached.p7");
    assert!(SignedData::parse(&detached).unwrap().content.is_none());
    let report = validate(&trust, &detached, b"123", SIGNED_AT);
    assert!(
        report.is_valid(),
        "message_detached.p7: {:?}",
        report.failure()
    );
    assert!(!validate(&trust, &detached, b"124", SIGNED_AT).is_valid());
    // A flipped bit of the signature value (the last 64 bytes of the file).
    let mut tampered = attached.clone();
    let at = tampered.len() - 20;
    tampered[at] ^= 0x08;
    assert!(!validate(&trust, &tampered, &content, SIGNED_AT).is_valid());
}

fn store_key() -> PrivateKey {
    let mut opened = signet_pki::open_keystore(&read("STORE_A040.dat"), "password").expect("opens");
    opened.keys.remove(0).key
}

#[test]
fn store_a040_key_matches_its_certificate() {
    let own = cert("SELF_SIGNED_ENC_40A0.cer");
    let other = cert("SELF_SIGNED1.cer");
    let key = store_key();
    assert!(key.matches(&own));
    assert!(!key.matches(&other));
    assert!(!key.matches(&cert("CA-Justice.cer")));
    let PrivateKey::Dstu4145(dstu) = &key else {
        panic!("a DSTU key");
    };
    let signing = dstu.signing_key().unwrap();
    let hash = DigestAlgorithm::Gost34311Ua.digest(b"signet");
    let sig = signing.sign_digest(&hash).unwrap();
    signet_crypto::dstu4145::PublicKey::from_compressed(
        signing.curve(),
        &signing.public_key().to_compressed(),
    )
    .unwrap()
    .verify_digest(&hash, &sig)
    .unwrap();

    let mut opened = signet_pki::open_keystore(&read("STORE_A040.dat"), "password").unwrap();
    opened.match_certificates([&other, &own]);
    let paired = &opened.keys[0].certificates;
    assert_eq!(paired.len(), 1);
    assert_eq!(paired[0].der(), own.der());
}

#[test]
fn jkurwa_accepts_its_own_messages() {
    assert!(jkurwa_verifies(&read("message.p7"), None));
    assert!(jkurwa_verifies(&read("message_detached.p7"), Some(b"123")));
    assert!(!jkurwa_verifies(&read("message_detached.p7"), Some(b"124")));
}

#[test]
fn signs_cms_with_the_store_a040_key() {
    let own = cert("SELF_SIGNED_ENC_40A0.cer");
    let key = store_key();
    assert!(CertifiedKey::new(cert("SELF_SIGNED1.cer"), &key).is_err());
    let signer = CertifiedKey::new(own.clone(), &key).expect("the key is the certificate's");
    let content = b"signet DSTU 4145 CAdES-BES";
    for detached in [false, true] {
        let sig = SignedDataBuilder::new(content)
            .detached(detached)
            .signing_time(Some(SIGNED_AT))
            .add_signer(&signer)
            .build()
            .expect("signs");
        let signed = SignedData::parse(&sig).unwrap();
        let si = &signed.signers[0];
        assert_eq!(
            si.signature_algorithm.oid.to_string(),
            "1.2.804.2.1.1.1.1.3.1.1"
        );
        assert!(si.signature_algorithm.parameters.is_none());
        assert_eq!(si.digest_algorithm.oid.to_string(), "1.2.804.2.1.1.1.1.2.1");
        assert_eq!(si.signature.len(), 64, "r‖s as the OCTET STRING content");
        // signing-certificate-v2 with the GOST 34.311-95 hash of the
        // certificate, as in message.p7.
        let cert_hash = DigestAlgorithm::Gost34311Ua.digest(own.der());
        assert!(sig.windows(cert_hash.len()).any(|w| w == cert_hash));
        let trust = TrustStore::from_certificates([own.clone()]);
        let report = validate(&trust, &sig, content, SIGNED_AT);
        assert!(report.is_valid(), "{:?}", report.failure());
        let jk_content = detached.then_some(&content[..]);
        assert!(
            jkurwa_verifies(&sig, jk_content),
            "jkurwa rejects (detached: {detached})"
        );
        let mut tampered = sig.clone();
        let at = tampered.len() - 10;
        tampered[at] ^= 0x40;
        assert!(!jkurwa_verifies(&tampered, jk_content));
        assert!(!validate(&trust, &tampered, content, SIGNED_AT).is_valid());
    }
}
