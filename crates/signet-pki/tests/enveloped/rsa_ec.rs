//! RSA (PKCS#1 v1.5 and OAEP key transport) and EC (P-256, P-384, P-521
//! key agreement) recipients, both ways with OpenSSL.

use super::*;

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
