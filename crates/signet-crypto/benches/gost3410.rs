//! GOST R 34.10 signing, verification and VKO speed on CryptoPro A, TC26
//! 256-A (twisted Edwards), 512-A and 512-C (twisted Edwards).
//!
//! The peer to compare with is gost-engine: OpenSSL 3's `openssl speed` has
//! no GOST signature algorithms, so scripts/bench times the engine's
//! `EVP_PKEY_sign`/`EVP_PKEY_verify` over a digest with
//! scripts/peers/gost_speed.c, the same operations as measured here.
//!
//! `cargo bench -p signet-crypto --bench gost3410`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use signet_crypto::gost3410::{Curve, SigningKey, vko_gostr3410_2012_256};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    for curve in [
        Curve::CryptoProA,
        Curve::Tc26Gost256A,
        Curve::Tc26Gost512A,
        Curve::Tc26Gost512C,
    ] {
        let mut group = c.benchmark_group(curve.name());
        group.throughput(Throughput::Elements(1));
        let key = SigningKey::generate(curve).expect("key generation");
        let peer = SigningKey::generate(curve).expect("key generation");
        let digest = vec![0xA5u8; curve.field_len()];
        let signature = key.sign_digest(&digest).expect("signing");
        let public = key.public_key().clone();
        // Build the per-curve tables outside the measurement.
        public.verify_digest(&digest, &signature).expect("verifies");

        group.bench_function("sign", |b| {
            b.iter(|| key.sign_digest(black_box(&digest)).expect("signing"))
        });
        group.bench_function("verify", |b| {
            b.iter(|| {
                public
                    .verify_digest(black_box(&digest), black_box(&signature))
                    .expect("verifies")
            })
        });
        group.bench_function("vko_2012_256", |b| {
            b.iter(|| vko_gostr3410_2012_256(&key, peer.public_key(), black_box(&[1u8; 8])))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
