//! The DER / PEM / base64 input reader on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signet_pki::CERTIFICATE_INPUT;
use signet_pki::decode_objects;

fuzz_target!(|data: &[u8]| {
    if let Ok(objects) = decode_objects(data, &CERTIFICATE_INPUT) {
        assert!(!objects.is_empty() && objects.len() <= CERTIFICATE_INPUT.max_objects);
    }
});
