//! CRL and OCSP response parsing, and the checks that run on a parsed
//! answer before any signature, on arbitrary bytes: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signet_pki::Crl;
use signet_pki::OcspResponse;

fuzz_target!(|data: &[u8]| {
    if let Ok(crl) = Crl::parse(data) {
        let _ = crl.find(&[0x01]);
        let _ = crl.status_of(&[0x10, 0x00]);
    }
    if let Ok(response) = OcspResponse::from_der(data)
        && let Some(basic) = response.basic
    {
        let _ = basic.der().len() + basic.tbs_der().len();
    }
});
