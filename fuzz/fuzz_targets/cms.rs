//! CMS SignedData parsing (BER and DER), signer checks, time-stamp token
//! and TSA response parsing on arbitrary bytes: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signet_pki::{Content, ContentDigests, SignedData};
use signet_pki::TimestampToken;

fuzz_target!(|data: &[u8]| {
    let _ = signet_pki::ber_to_der(data);
    let _ = TimestampToken::from_der(data);
    let _ = signet_pki::TimestampResponse::from_der(data).map(|r| r.granted_token());
    if let Ok(signed) = SignedData::parse(data) {
        let digests = ContentDigests::of_bytes(b"fuzz", &signed.digest_algorithms());
        for signer in &signed.signers {
            let _ = signed.check_signer(signer, Content { digests: &digests, bytes: Some(b"fuzz") }, &[]);
            let _ = signet_pki::LongTermData::read(signer);
            let _ = signet_pki::esc_time_stamp_data(signer);
        }
    }
});
