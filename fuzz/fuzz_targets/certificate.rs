//! Certificate parsing and field decoding on arbitrary bytes: every input
//! must give a certificate or an error, never a panic, and the decoded
//! fields of whatever parses must render in every form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signet_pki::Certificate;
use signet_pki::Lang;

fuzz_target!(|data: &[u8]| {
    if let Ok(cert) = Certificate::parse(data) {
        let f = cert.fields();
        let _ = f.person_name();
        let _ = f.ru_identity();
        let _ = f.ua_identity();
        let _ = f.qualification();
        let _ = f.subject_kind();
        let _ = f.email();
        let _ = f.postal_address();
        let _ = f.public_key.describe(Lang::Uk);
        let _ = f.public_key.key_bits();
        let _ = f.subject.to_string();
    }
});
