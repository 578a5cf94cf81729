//! DSTU 4145 public keys and signatures on arbitrary bytes: the first byte
//! picks a standard curve, the rest is split into a compressed public key,
//! a signature and a digest. Decoding and verification give an error or a
//! result, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signet_crypto::dstu4145::{Curve, NamedCurve, PublicKey};

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let named = NamedCurve::ALL[usize::from(which) % NamedCurve::ALL.len()];
    let curve = Curve::named(named);
    let key_len = curve.public_key_len().min(rest.len());
    let (key, rest) = rest.split_at(key_len);
    let sig_len = curve.signature_len().min(rest.len());
    let (sig, digest) = rest.split_at(sig_len);
    if let Ok(public) = PublicKey::from_compressed(&curve, key) {
        let _ = public.verify_digest(digest, sig);
    }
});
