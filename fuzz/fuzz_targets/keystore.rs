//! Key containers (PKCS#12, JKS, Key-6.dat, encrypted PKCS#8) on arbitrary
//! bytes: an error or a result, never a panic. The password is fixed; the
//! iteration counts a mutated container may ask for are capped by
//! signet_crypto::password::MAX_ITERATIONS, so keep -timeout generous.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = signet_pki::open_keystore(data, "password");
});
