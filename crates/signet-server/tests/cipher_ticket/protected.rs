//! Protected parameters (`encryptedData` sealed with a key wrapped to the
//! service): a protected parameter wins over an open one.

use std::path::Path;

use signet_server::cipher::ticket::protected::Protection;

use super::*;

/// Seals `plain` as `encryptedData`: AES-256-GCM by aws-lc, nonce first.
fn seal(key: &[u8; 32], plain: &[u8]) -> String {
    use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
    let k = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).expect("key"));
    let nonce = [0x42u8; 12];
    let mut data = plain.to_vec();
    k.seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut data)
        .expect("seal");
    let mut out = nonce.to_vec();
    out.extend(data);
    B64.encode(out)
}

/// `secretKey`: the key in CMS EnvelopedData made by `openssl cms -encrypt`.
fn wrap_key(pki: &TestPki, recipient: &Path, key: &[u8; 32]) -> String {
    let dir = pki.ossl.dir();
    let input = dir.join("protected-key.bin");
    std::fs::write(&input, key).expect("write");
    let out = dir.join("protected-key.p7m");
    pki.ossl.run(
        &[
            "cms",
            "-encrypt",
            "-binary",
            "-aes-256-cbc",
            "-recip",
            &recipient.display().to_string(),
            "-in",
            &input.display().to_string(),
            "-outform",
            "DER",
            "-out",
            &out.display().to_string(),
        ],
        false,
    );
    B64.encode(std::fs::read(&out).expect("p7m"))
}

#[tokio::test]
async fn a_protected_parameter_wins_over_an_open_one() {
    let dir = tempfile::tempdir().expect("dir");
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = pki.issue("Protected Signer", KeyType::Rsa(2048), None, &[]);
    let service = pki.issue("signet protection", KeyType::Rsa(2048), None, &[]);
    let protection = Protection::load(
        &std::fs::read(&service.cert.pem_path).expect("cert"),
        &std::fs::read(&service.key.path).expect("key"),
    )
    .expect("protection");
    let p12 = pkcs12(&pki, &signer, &[]);
    let c = Client {
        state: state_with(&dir, &pki, config())
            .await
            .with_protection(protection),
        lang: "en",
    };
    let cert = c
        .call("GET", "/api/v1/protectedParameters/certificate", None)
        .await
        .ok();
    assert_eq!(
        B64.decode(cert["base64Data"].as_str().expect("b64"))
            .expect("der"),
        service.cert.der
    );
    let t = c.open().await;
    c.key_store_bytes(&t, p12).await.ok();
    let key = [0x17u8; 32];
    let secret_key = wrap_key(&pki, &service.cert.pem_path, &key);
    let path = format!("/api/v1/ticket/{t}/keyStore/certificate/info/signature");
    // The open password is wrong; the protected one is right and wins.
    let body = json!({
        "keyStorePassword": "wrong",
        "encryptedData": seal(&key, json!({"keyStorePassword": PASSWORD}).to_string().as_bytes()),
        "secretKey": secret_key,
    });
    let info = c.call("PUT", &path, Some(body)).await.ok();
    assert_eq!(
        info["ownerCertificateInfo"]["value"]["ownerFullName"]["value"],
        "Protected Signer"
    );
    // The other way round: the protected wrong password wins.
    let body = json!({
        "keyStorePassword": PASSWORD,
        "encryptedData": seal(&key, br#"{"keyStorePassword":"wrong"}"#),
        "secretKey": secret_key,
    });
    let a = c.call("PUT", &path, Some(body)).await;
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
    // Sealed under another key: refused, 400.
    let body = json!({
        "encryptedData": seal(&[1u8; 32], br#"{"keyStorePassword":"x"}"#),
        "secretKey": secret_key,
    });
    assert_eq!(
        c.call("PUT", &path, Some(body)).await.status,
        StatusCode::BAD_REQUEST
    );
    // Protected parameters naming a member twice (the right password
    // last) are refused like open ones (`crate::json`), not read as the
    // last.
    let body = json!({
        "encryptedData": seal(
            &key,
            format!(r#"{{"keyStorePassword":"wrong","keyStorePassword":"{PASSWORD}"}}"#).as_bytes(),
        ),
        "secretKey": secret_key,
    });
    let a = c.call("PUT", &path, Some(body)).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.json());
}
