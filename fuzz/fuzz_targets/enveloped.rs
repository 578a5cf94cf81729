//! EnvelopedData decryption and private-key parsing on arbitrary bytes:
//! an error or a result, never a panic. Two recipients: an EC key, and a
//! DSTU 4145 key (jkurwa's SELF_SIGNED_ENC_40A0.cer with Key40A0.cer from
//! the Ukrainian test data in tests/data/ua) with SELF_SIGNED1.cer offered as static
//! originator, so that the Ukrainian key agreement is reached too.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use signet_pki::Certificate;
use signet_pki::PrivateKey;

static RECIPIENT: LazyLock<(Certificate, PrivateKey)> = LazyLock::new(|| {
    let cert = Certificate::parse(include_bytes!("data/fuzz-ec.pem")).expect("fuzz certificate");
    let key = PrivateKey::parse(include_bytes!("data/fuzz-ec.key")).expect("fuzz key");
    (cert, key)
});

static DSTU_RECIPIENT: LazyLock<(Certificate, PrivateKey, Certificate)> = LazyLock::new(|| {
    let cert = Certificate::parse(include_bytes!(
        "../../tests/data/ua/SELF_SIGNED_ENC_40A0.cer"
    ))
    .expect("DSTU certificate");
    let key = PrivateKey::from_der(include_bytes!("../../tests/data/ua/Key40A0.cer"))
        .expect("DSTU key");
    let originator = Certificate::parse(include_bytes!(
        "../../tests/data/ua/SELF_SIGNED1.cer"
    ))
    .expect("DSTU originator certificate");
    (cert, key, originator)
});

fuzz_target!(|data: &[u8]| {
    let (cert, key) = &*RECIPIENT;
    let _ = signet_pki::decrypt_enveloped(data, cert, key);
    let (cert, key, originator) = &*DSTU_RECIPIENT;
    let _ = signet_pki::decrypt_enveloped_with_originators(
        data,
        cert,
        key,
        std::slice::from_ref(originator),
    );
    let _ = PrivateKey::parse(data);
});
