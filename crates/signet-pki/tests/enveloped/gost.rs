//! GOST R 34.10-2012 and -2001 recipients both ways with the gost engine,
//! every GOST content cipher, and the key-transport structure.

use super::*;

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
