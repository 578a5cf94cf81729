//! EnvelopedData decryption and private-key parsing on arbitrary bytes:
//! an error or a result, never a panic.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use signet_pki::Certificate;
use signet_pki::private_key::PrivateKey;

static RECIPIENT: LazyLock<(Certificate, PrivateKey)> = LazyLock::new(|| {
    let cert = Certificate::parse(include_bytes!("data/fuzz-ec.pem")).expect("fuzz certificate");
    let key = PrivateKey::parse(include_bytes!("data/fuzz-ec.key")).expect("fuzz key");
    (cert, key)
});

fuzz_target!(|data: &[u8]| {
    let (cert, key) = &*RECIPIENT;
    let _ = signet_pki::cms::decrypt(data, cert, key);
    let _ = PrivateKey::parse(data);
});
