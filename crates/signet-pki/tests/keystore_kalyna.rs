//! Ukrainian containers protected with DSTU 7624 (Kalyna), as UAPKI writes
//! them (`library/cm-pkcs12/src/crypto/pkcs5.c`, `pbes2_crypt`;
//! `storage/pkcs12-utils.c`, `pkcs12_gen_macdata`): PBES2 with PBKDF2 over
//! Kupyna-256's KMAC and Kalyna-256/256 CBC (`1.2.804.2.1.1.1.1.1.3.5.2`,
//! IV in `SEQUENCE { iv }`, PKCS#7 padding), and a PFX whose MAC is that
//! KMAC keyed by the PKCS#12 KDF over Kupyna-256.
//!
//! No tool that writes such containers can be installed here (UAPKI is a C
//! library built from source; Bouncy Castle, which has the cipher but no
//! writer for these containers, is not reachable from this machine). So
//! the containers are built in the test, the ASN.1 by hand and every
//! cryptographic step (Kalyna, the KMAC, Kupyna for the PKCS#12 KDF) with
//! `dstu-core` 0.7, an independent implementation checked against the
//! UAPKI and Bouncy Castle vectors, never with signet's own code. The key
//! inside is the DSTU 4145 key of jkurwa's `Key40A0.cer`.

use signet_pki::KeystoreFormat;
use signet_pki::PkiError;
use signet_pki::PrivateKey;
use test_support::der_tree::{self, tlv};
use test_support::ua_testdata::ua_path;

use dstu_core::hazmat::kalyna_cbc::Kalyna256_256Cbc;
use dstu_core::hazmat::kalyna_ctr::Kalyna128_128Ctr;
use dstu_core::hazmat::kupyna::Kupyna256Hasher;
use dstu_core::hazmat::kupyna_kmac::Kupyna256Kmac;

fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

fn octets(b: &[u8]) -> Vec<u8> {
    tlv(0x04, b)
}

fn int(n: u32) -> Vec<u8> {
    let mut b: Vec<u8> = n.to_be_bytes().to_vec();
    while b.len() > 1 && b[0] == 0 && b[1] & 0x80 == 0 {
        b.remove(0);
    }
    if b[0] & 0x80 != 0 {
        b.insert(0, 0);
    }
    tlv(0x02, &b)
}

fn oid(dotted: &str) -> Vec<u8> {
    der_tree::oid(dotted).to_der()
}

fn explicit0(inner: &[u8]) -> Vec<u8> {
    tlv(0xa0, inner)
}

/// PBKDF2 with `dstu-core`'s KMAC, the key being the password cut or
/// zero-padded to 32 bytes, as UAPKI's `pbkdf2_dstu7564kmac`.
fn pbkdf2_kmac(password: &str, salt: &[u8], iterations: u32, len: usize) -> Vec<u8> {
    let mut key = [0u8; 32];
    let n = password.len().min(32);
    key[..n].copy_from_slice(&password.as_bytes()[..n]);
    let mut out = Vec::new();
    let mut block = 1u32;
    while out.len() < len {
        let mut msg = salt.to_vec();
        msg.extend(block.to_be_bytes());
        let mut u = Kupyna256Kmac::mac(&key, &msg).expect("valid test input");
        let mut t = u;
        for _ in 1..iterations {
            u = Kupyna256Kmac::mac(&key, &u).expect("valid test input");
            for (a, b) in t.iter_mut().zip(u) {
                *a ^= b;
            }
        }
        out.extend_from_slice(&t);
        block += 1;
    }
    out.truncate(len);
    out
}

/// RFC 7292 appendix B.2 with `dstu-core`'s Kupyna-256 (u = 32, v = 64).
fn pkcs12_kdf_kupyna(password: &str, salt: &[u8], id: u8, iterations: u32) -> [u8; 32] {
    let v = 64;
    let mut bmp: Vec<u8> = password.encode_utf16().flat_map(u16::to_be_bytes).collect();
    bmp.extend([0, 0]);
    let stretch = |x: &[u8]| -> Vec<u8> {
        (0..x.len().div_ceil(v) * v)
            .map(|i| x[i % x.len()])
            .collect()
    };
    let mut i = stretch(salt);
    i.extend(stretch(&bmp));
    let mut h = Kupyna256Hasher::new();
    h.update(&[id; 64]);
    h.update(&i);
    let mut a = h.finalize();
    for _ in 1..iterations {
        let mut h = Kupyna256Hasher::new();
        h.update(&a);
        a = h.finalize();
    }
    a
}

const PBES2: &str = "1.2.840.113549.1.5.13";
const PBKDF2: &str = "1.2.840.113549.1.5.12";
const KUPYNA256: &str = "1.2.804.2.1.1.1.1.2.2.1";
const KALYNA256_CBC: &str = "1.2.804.2.1.1.1.1.1.3.5.2";

/// The DER of the key inside.
fn key40a0() -> Vec<u8> {
    std::fs::read(ua_path("Key40A0.cer")).expect("tests/data/ua/Key40A0.cer")
}

/// `EncryptedPrivateKeyInfo` as UAPKI writes it.
fn uapki_encrypted_key(plain: &[u8], password: &str, prf: &str) -> Vec<u8> {
    let salt = [0x5au8; 32];
    let iv = [0xc3u8; 32];
    let iterations = 1000;
    let key = pbkdf2_kmac(password, &salt, iterations, 32);
    let mut data = plain.to_vec();
    let pad = 32 - data.len() % 32;
    data.resize(data.len() + pad, pad as u8);
    Kalyna256_256Cbc::new(key.as_slice().try_into().expect("valid test input"), &iv)
        .encrypt_in_place(&mut data)
        .expect("valid test input");
    let kdf = seq(&[
        &oid(PBKDF2),
        &seq(&[&octets(&salt), &int(iterations), &seq(&[&oid(prf)])]),
    ]);
    let scheme = seq(&[&oid(KALYNA256_CBC), &seq(&[&octets(&iv)])]);
    let alg = seq(&[&oid(PBES2), &seq(&[&kdf, &scheme])]);
    seq(&[&alg, &octets(&data)])
}

fn assert_is_key40a0(key: &PrivateKey) {
    let expected = PrivateKey::from_der(&key40a0()).expect("Key40A0.cer parses");
    match (key, &expected) {
        (PrivateKey::Dstu4145(a), PrivateKey::Dstu4145(b)) => {
            assert_eq!(a.scalar_le(), b.scalar_le());
        }
        other => panic!("expected two DSTU keys, got {other:?}"),
    }
}

fn assert_wrong_password(store: &[u8], password: &str) {
    match signet_pki::open_keystore(store, password) {
        Err(PkiError::WrongPassword(_)) => {}
        other => panic!("expected a wrong-password error, got {other:?}"),
    }
}

#[test]
fn encrypted_pkcs8_kalyna_cbc_kmac() {
    // PBKDF2's PRF named by Kupyna-256's digest OID and by its MAC OID:
    // UAPKI uses KMAC for either.
    for prf in [KUPYNA256, "1.2.804.2.1.1.1.1.2.2.4"] {
        let store = uapki_encrypted_key(&key40a0(), "пароль-Калина", prf);
        let opened = signet_pki::open_keystore(&store, "пароль-Калина").expect("opens");
        assert_eq!(opened.format, KeystoreFormat::EncryptedPkcs8);
        assert_is_key40a0(&opened.keys[0].key);
        assert_wrong_password(&store, "пароль-калина");
        let mut damaged = store.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 0x01;
        assert_wrong_password(&damaged, "пароль-Калина");
    }
}

#[test]
fn encrypted_pkcs8_kalyna_ctr_hmac_gost34311() {
    // Another mode of the same arc with a PRF signet already knew:
    // Kalyna-128 CTR under PBKDF2-HMAC-GOST 34.311 ("1.2.804.2.1.1.1.1.1.2"),
    // the key derived here with signet's PBKDF2 (HMAC-GOST 34.311 is checked
    // elsewhere), the encryption with dstu-core.
    let salt = [7u8; 16];
    let iv = [9u8; 16];
    let key = signet_crypto::password::pbkdf2_hmac(
        signet_crypto::DigestAlgorithm::Gost34311Ua,
        b"secret",
        &salt,
        100,
        16,
    )
    .expect("valid test input");
    let mut data = key40a0();
    Kalyna128_128Ctr::new(key.as_slice().try_into().expect("valid test input"), &iv)
        .apply_in_place(&mut data);
    let kdf = seq(&[
        &oid(PBKDF2),
        &seq(&[
            &octets(&salt),
            &int(100),
            &seq(&[&oid("1.2.804.2.1.1.1.1.1.2")]),
        ]),
    ]);
    let scheme = seq(&[&oid("1.2.804.2.1.1.1.1.1.3.2.1"), &seq(&[&octets(&iv)])]);
    let store = seq(&[&seq(&[&oid(PBES2), &seq(&[&kdf, &scheme])]), &octets(&data)]);
    let opened = signet_pki::open_keystore(&store, "secret").expect("opens");
    assert_is_key40a0(&opened.keys[0].key);
    // CTR has no padding to check: a wrong password shows as a key
    // structure that does not parse.
    assert_wrong_password(&store, "Secret");
}

#[test]
fn uapki_pfx_with_kalyna_and_kupyna_kmac() {
    let password = "Ключ-7624";
    let shrouded = uapki_encrypted_key(&key40a0(), password, KUPYNA256);
    let local_key_id = [0x01u8, 0x02, 0x03, 0x04];
    let attrs = tlv(
        0x31,
        &seq(&[
            &oid("1.2.840.113549.1.9.21"),
            &tlv(0x31, &octets(&local_key_id)),
        ]),
    );
    let bag = seq(&[
        &oid("1.2.840.113549.1.12.10.1.2"),
        &explicit0(&shrouded),
        &attrs,
    ]);
    let safe_contents = seq(&[&bag]);
    let data_oid = oid("1.2.840.113549.1.7.1");
    let auth_safe = seq(&[&seq(&[&data_oid, &explicit0(&octets(&safe_contents))])]);
    let mac_salt = [0x33u8; 20];
    let iterations = 10;
    let mac_key = pkcs12_kdf_kupyna(password, &mac_salt, 3, iterations);
    let mac = Kupyna256Kmac::mac(&mac_key, &auth_safe).expect("valid test input");
    let null = [0x05u8, 0x00];
    let mac_data = seq(&[
        &seq(&[&seq(&[&oid(KUPYNA256), &null]), &octets(&mac)]),
        &octets(&mac_salt),
        &int(iterations),
    ]);
    let pfx = seq(&[
        &int(3),
        &seq(&[&data_oid, &explicit0(&octets(&auth_safe))]),
        &mac_data,
    ]);
    let opened = signet_pki::open_keystore(&pfx, password).expect("the PFX opens");
    assert_eq!(opened.format, KeystoreFormat::Pkcs12);
    assert_is_key40a0(&opened.keys[0].key);
    // The MAC catches a wrong password and a damaged file before anything
    // is decrypted.
    assert_wrong_password(&pfx, "ключ-7624");
    let mut damaged = pfx.clone();
    let pos = damaged.len() / 2;
    damaged[pos] ^= 0x80;
    assert!(signet_pki::open_keystore(&damaged, password).is_err());
}
