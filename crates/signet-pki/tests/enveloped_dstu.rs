//! Ukrainian CMS EnvelopedData (DSTU 4145-2002 key agreement, GOST
//! 28147-89 key wrap and content) against jkurwa, the independent
//! implementation (npm `jkurwa` 1.17.0 with `gost89` 0.1.11, in
//! $SIGNET_NPM_DIR/node_modules, by default $HOME/.cache/signet-npm; driven
//! through `scripts/peers/jkurwa_envelope.js`).
//!
//! The material, all from jkurwa's test data (the repository's `tests/data/ua`):
//! `enc_message.p7` is the EnvelopedData jkurwa's own tests make
//! (test/test-sign.js "should encrypt and serialize message", with the
//! random generator replaced by the fixed bytes "1234567890…12", so its ukm
//! and IV are 32 bytes of ASCII digits): the content "123" from the key
//! `Key6929.cer` with its certificate `SELF_SIGNED_ENC_6929.cer` as static
//! originator, to `SELF_SIGNED_ENC_40A0.cer`. That certificate's key is
//! `Key40A0.cer`, which `STORE_A040.dat` holds under the password
//! "password". `PRIV1.cer` is the key of `SELF_SIGNED1.cer`. All keys are
//! on the named curve M257. `SELF_SIGNED_ENC_6929.cer` is checked to carry
//! `Key6929.cer`'s public key. `CZOROOT.cer` (explicit
//! M431 parameters) serves as a key on another curve.
//!
//! What jkurwa does, pinned here: it writes the sender's certificate as
//! originator (static-static Diffie–Hellman) and reads both that and an
//! ephemeral `originatorKey`, which is what signet writes; it requires a
//! ukm; it ignores the `dke` parameters and uses DKE №1 throughout.

use std::sync::OnceLock;

use proptest::prelude::*;
use signet_pki::Certificate;
use signet_pki::{
    ContentCipher, EnvelopedError, decrypt_enveloped, decrypt_enveloped_with_originators,
    encrypt_enveloped,
};

use signet_pki::PrivateKey;
use test_support::der_tree::{Node, oid};
use test_support::ua_testdata::{jkurwa_decrypt_envelope, jkurwa_encrypt_envelope, ua};

/// dhSinglePass-cofactorDH-gost34311kdf.
const COFACTOR_DH: &str = "1.2.804.2.1.1.1.1.3.4";
/// Gost28147-cfb-wrap.
const CFB_WRAP: &str = "1.2.804.2.1.1.1.1.1.1.5";
/// DSTU GOST 28147:2009 CFB (content).
const GOST28147_CFB: &str = "1.2.804.2.1.1.1.1.1.1.3";
/// DKE №1, packed: the S-box signet writes in the content parameters.
const DKE_1: &str = "a9d6eb45f13c708280c4967b231f5eadf658eba4c037291d38d96bf025ca4e17\
                     f8e9720dc615b43a28975f0bc1dea36438b564ea2c179fd0123e6db8fac57904";

fn cert(name: &str) -> Certificate {
    Certificate::parse(&ua(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn key_file(name: &str) -> PrivateKey {
    PrivateKey::from_der(&ua(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// SELF_SIGNED_ENC_40A0.cer and its key as STORE_A040.dat holds it
/// (opening the store runs PBKDF2 with GOST 34.311-95: done once).
fn recipient() -> &'static (Certificate, PrivateKey) {
    static RECIPIENT: OnceLock<(Certificate, PrivateKey)> = OnceLock::new();
    RECIPIENT.get_or_init(|| {
        let mut store = signet_pki::open_keystore(&ua("STORE_A040.dat"), "password")
            .expect("STORE_A040.dat opens");
        let key = store.keys.remove(0).key;
        let cert = cert("SELF_SIGNED_ENC_40A0.cer");
        assert!(key.matches(&cert), "STORE_A040.dat holds the key of 40A0");
        (cert, key)
    })
}

/// The sender certificate of enc_message.p7, from jkurwa's test data.
fn cert_6929() -> &'static Certificate {
    static CERT: OnceLock<Certificate> = OnceLock::new();
    CERT.get_or_init(|| {
        let cert = Certificate::parse(&ua("SELF_SIGNED_ENC_6929.cer"))
            .expect("SELF_SIGNED_ENC_6929.cer parses");
        assert!(
            key_file("Key6929.cer").matches(&cert),
            "SELF_SIGNED_ENC_6929.cer carries Key6929.cer's public key"
        );
        cert
    })
}

/// Deterministic test content.
fn data(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

/// The EnvelopedData SEQUENCE inside a ContentInfo tree.
fn enveloped(tree: &mut Node) -> &mut Node {
    &mut tree.children[1].children[0]
}

/// The one KeyAgreeRecipientInfo ([1]) of an EnvelopedData without
/// originatorInfo.
fn kari(tree: &mut Node) -> &mut Node {
    let ri = &mut enveloped(tree).children[1].children[0];
    assert_eq!(ri.tag, 0xA1, "a kari");
    ri
}

fn edit(der: &[u8], f: impl FnOnce(&mut Node)) -> Vec<u8> {
    let mut tree = Node::parse(der);
    f(&mut tree);
    tree.to_der()
}

/// jkurwa's own test message decrypts with the STORE_A040.dat key to the
/// content its test encrypted, "123", once the sender's certificate is
/// given; without it the error says that it is needed.
#[test]
fn decrypts_jkurwas_enc_message() {
    let (cert, key) = recipient();
    let message = ua("enc_message.p7");
    let plain =
        decrypt_enveloped_with_originators(&message, cert, key, std::slice::from_ref(cert_6929()))
            .expect("enc_message.p7 decrypts");
    assert_eq!(plain.as_slice(), b"123");

    for originators in [vec![], vec![self::cert("SELF_SIGNED1.cer")]] {
        match decrypt_enveloped_with_originators(&message, cert, key, &originators) {
            Err(EnvelopedError::OriginatorCertificateMissing(which)) => {
                assert!(which.contains("5be47000"), "{which}");
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(matches!(
        decrypt_enveloped(&message, cert, key),
        Err(EnvelopedError::OriginatorCertificateMissing(_))
    ));
    // The sender is not a recipient of its own message.
    assert!(matches!(
        decrypt_enveloped_with_originators(&message, cert_6929(), &key_file("Key6929.cer"), &[]),
        Err(EnvelopedError::NotARecipient)
    ));
    // The certificate may also travel in originatorInfo ([0] IMPLICIT
    // SEQUENCE { certs [0] IMPLICIT SET OF Certificate }).
    let with_info = edit(&message, |tree| {
        let info = Node::constructed_of(
            0xA0,
            vec![Node::constructed_of(
                0xA0,
                vec![Node::parse(cert_6929().der())],
            )],
        );
        enveloped(tree).children.insert(1, info);
    });
    assert_eq!(
        decrypt_enveloped(&with_info, cert, key)
            .expect("decrypts")
            .as_slice(),
        b"123"
    );
}

/// signet encrypts to SELF_SIGNED_ENC_40A0.cer; jkurwa decrypts with
/// Key40A0.cer to the same plaintext (and refuses with another key).
/// Checks the structure signet writes on the way.
#[test]
fn jkurwa_decrypts_what_signet_encrypts() {
    let (cert, key) = recipient();
    for (len, seed) in [(1, 1), (7, 2), (8, 3), (9, 4), (100, 5), (4096, 6)] {
        let plain = data(len, seed);
        let der = encrypt_enveloped(cert, &plain, None).expect("signet encrypts");
        assert_eq!(
            jkurwa_decrypt_envelope(&der, "Key40A0.cer", &[]).expect("jkurwa decrypts"),
            plain,
            "{len} bytes"
        );
        assert_eq!(
            decrypt_enveloped(&der, cert, key)
                .expect("signet decrypts")
                .as_slice(),
            plain
        );
    }
    let der =
        encrypt_enveloped(cert, b"signet", Some(ContentCipher::Gost28147Cfb)).expect("encrypts");
    assert!(jkurwa_decrypt_envelope(&der, "Key6929.cer", &[]).is_err());

    // The structure.
    let mut tree = Node::parse(&der);
    assert_eq!(tree.children[0], oid("1.2.840.113549.1.7.3"));
    assert_eq!(enveloped(&mut tree).children[0].content, [2], "version 2");
    let kari = kari(&mut tree).clone();
    assert_eq!(kari.children[0].content, [3], "kari version 3");
    let originator_key = &kari.children[1].children[0];
    assert_eq!(originator_key.tag, 0xA1, "originatorKey");
    let spki_alg = &Node::parse(cert.der()).children[0].children[6].children[0];
    assert_eq!(
        &originator_key.children[0], spki_alg,
        "the recipient's algorithm"
    );
    let point = &originator_key.children[1].content;
    assert_eq!(
        (point[0], point[1], point[2]),
        (0, 0x04, 33),
        "OCTET STRING of 33 bytes"
    );
    assert_eq!(kari.children[2].tag, 0xA1);
    assert_eq!(
        kari.children[2].children[0].content.len(),
        64,
        "64-byte ukm"
    );
    let alg = &kari.children[3];
    assert_eq!(alg.children[0], oid(COFACTOR_DH));
    assert_eq!(
        alg.children[1],
        Node::constructed_of(0x30, vec![oid(CFB_WRAP), Node::primitive(0x05, &[])])
    );
    let rek = &kari.children[4].children[0];
    assert_eq!(rek.children[0], Node::parse(&issuer_and_serial(cert)));
    assert_eq!(rek.children[1].content.len(), 44, "wrapped key");
    let eci = &enveloped(&mut tree).children[2];
    assert_eq!(eci.children[1].children[0], oid(GOST28147_CFB));
    let params = &eci.children[1].children[1];
    assert_eq!(params.children[0].content.len(), 8, "IV");
    assert_eq!(
        hex::encode(&params.children[1].content),
        DKE_1.replace(' ', "")
    );
}

/// The DER of `cert`'s IssuerAndSerialNumber, from its own tree.
fn issuer_and_serial(cert: &Certificate) -> Vec<u8> {
    let tbs = &Node::parse(cert.der()).children[0];
    let (serial, issuer) = if tbs.children[0].tag == 0xA0 {
        (&tbs.children[1], &tbs.children[3])
    } else {
        (&tbs.children[0], &tbs.children[2])
    };
    Node::constructed_of(0x30, vec![issuer.clone(), serial.clone()]).to_der()
}

/// jkurwa encrypts from PRIV1.cer (certificate SELF_SIGNED1.cer, static
/// originator) to SELF_SIGNED_ENC_40A0.cer; signet decrypts with the
/// STORE_A040.dat key given SELF_SIGNED1.cer.
#[test]
fn signet_decrypts_what_jkurwa_encrypts() {
    let (cert, key) = recipient();
    let sender = self::cert("SELF_SIGNED1.cer");
    for (len, seed) in [(1, 7), (33, 8), (1000, 9)] {
        let plain = data(len, seed);
        let der = jkurwa_encrypt_envelope(
            &plain,
            "PRIV1.cer",
            "SELF_SIGNED1.cer",
            "SELF_SIGNED_ENC_40A0.cer",
        );
        let opened =
            decrypt_enveloped_with_originators(&der, cert, key, std::slice::from_ref(&sender))
                .expect("signet decrypts jkurwa's envelope");
        assert_eq!(opened.as_slice(), plain, "{len} bytes");
        // jkurwa opens its own, as a check of the material.
        assert_eq!(
            jkurwa_decrypt_envelope(&der, "Key40A0.cer", &["SELF_SIGNED1.cer"]).expect("jkurwa"),
            plain
        );
    }
}

/// Refusals: a key that is not the certificate's, a certificate that is
/// not a recipient, a key that does not unwrap (the wrap's MAC), altered
/// wrapped key or ukm, an originator key on another curve, a malformed
/// originator key. Altered content is not detected: the Ukrainian profile
/// has no integrity check on GOST 28147-89 CFB content (nor does jkurwa or
/// UAPKI), so the plaintext comes out different.
#[test]
fn wrong_keys_and_tampering_are_errors() {
    let (cert, key) = recipient();
    let plain = b"signet DSTU 4145 enveloped data".to_vec();
    let der = encrypt_enveloped(cert, &plain, None).expect("encrypts");

    assert!(matches!(
        decrypt_enveloped(&der, cert, &key_file("Key6929.cer")),
        Err(EnvelopedError::KeyMismatch)
    ));
    assert!(matches!(
        decrypt_enveloped(
            &der,
            &self::cert("SELF_SIGNED1.cer"),
            &key_file("PRIV1.cer")
        ),
        Err(EnvelopedError::NotARecipient)
    ));
    // Addressed to SELF_SIGNED1.cer by rid, but wrapped for 40A0: PRIV1
    // agrees another KEK and the wrap's MAC fails.
    let readdressed = edit(&der, |tree| {
        kari(tree).children[4].children[0].children[0] =
            Node::parse(&issuer_and_serial(&self::cert("SELF_SIGNED1.cer")));
    });
    assert!(matches!(
        decrypt_enveloped(
            &readdressed,
            &self::cert("SELF_SIGNED1.cer"),
            &key_file("PRIV1.cer")
        ),
        Err(EnvelopedError::DecryptionFailed(_))
    ));

    for at in [0, 20, 43] {
        let damaged = edit(&der, |tree| {
            kari(tree).children[4].children[0].children[1].content[at] ^= 0x01;
        });
        assert!(
            matches!(
                decrypt_enveloped(&damaged, cert, key),
                Err(EnvelopedError::DecryptionFailed(_))
            ),
            "wrapped key byte {at}"
        );
    }
    let damaged = edit(&der, |tree| {
        kari(tree).children[2].children[0].content[5] ^= 0x80;
    });
    assert!(matches!(
        decrypt_enveloped(&damaged, cert, key),
        Err(EnvelopedError::DecryptionFailed(_))
    ));
    let damaged = edit(&der, |tree| {
        let kari = kari(tree);
        let bits = &mut kari.children[1].children[0].children[1].content;
        bits[10] ^= 0x01;
    });
    assert!(
        decrypt_enveloped(&damaged, cert, key).is_err(),
        "another ephemeral point"
    );
    let damaged = edit(&der, |tree| {
        let kari = kari(tree);
        kari.children[1].children[0].children[1]
            .content
            .truncate(20);
    });
    assert!(matches!(
        decrypt_enveloped(&damaged, cert, key),
        Err(EnvelopedError::Malformed(_))
    ));

    // An originator key on M431 (CZOROOT.cer's) against the M257 key.
    let foreign = edit(&der, |tree| {
        let root = Node::parse(self::cert("CZOROOT.cer").der());
        let spki = root.children[0].children[6].clone();
        kari(tree).children[1].children[0].children = spki.children;
    });
    match decrypt_enveloped(&foreign, cert, key) {
        Err(EnvelopedError::Malformed(why)) => assert!(why.to_string().contains("curve"), "{why}"),
        other => panic!("{other:?}"),
    }

    let altered = edit(&der, |tree| {
        enveloped(tree).children[2].children[2].content[3] ^= 0x01;
    });
    let opened = decrypt_enveloped(&altered, cert, key).expect("CFB content has no MAC");
    assert_ne!(opened.as_slice(), plain);
    assert_eq!(opened[..3], plain[..3]);

    assert!(matches!(
        encrypt_enveloped(cert, b"x", Some(ContentCipher::Aes256Cbc)),
        Err(EnvelopedError::Pki(_))
    ));
}

/// Every truncation of a signet envelope and of jkurwa's message is an
/// error, never a panic.
#[test]
fn truncated_input_is_an_error() {
    let (cert, key) = recipient();
    let ours = encrypt_enveloped(cert, b"truncate me", None).expect("encrypts");
    let theirs = ua("enc_message.p7");
    let originators = std::slice::from_ref(cert_6929());
    for der in [&ours, &theirs] {
        for len in 0..der.len() {
            assert!(
                decrypt_enveloped_with_originators(&der[..len], cert, key, originators).is_err(),
                "{len} of {} bytes",
                der.len()
            );
        }
    }
}

/// A signet envelope and jkurwa's message, for the damage proptest.
fn samples() -> &'static [Vec<u8>; 2] {
    static SAMPLES: OnceLock<[Vec<u8>; 2]> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let (cert, _) = recipient();
        [
            encrypt_enveloped(cert, b"damage me", None).expect("encrypts"),
            ua("enc_message.p7"),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Bytes of a valid envelope changed anywhere: an error or a
    /// plaintext, never a panic.
    #[test]
    fn damaged_input_never_panics(
        which in 0usize..2,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
    ) {
        let (cert, key) = recipient();
        let mut der = samples()[which].clone();
        for (at, byte) in edits {
            let i = at.index(der.len());
            der[i] = byte;
        }
        let _ = decrypt_enveloped_with_originators(&der, cert, key, std::slice::from_ref(cert_6929()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// signet's envelope to a DSTU certificate opens to the plaintext, at
    /// any length.
    #[test]
    fn round_trip(plain in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let (cert, key) = recipient();
        let der = encrypt_enveloped(cert, &plain, None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let opened = decrypt_enveloped(&der, cert, key).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(opened.as_slice(), plain.as_slice());
    }
}
