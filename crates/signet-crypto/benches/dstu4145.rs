//! DSTU 4145-2002 signing, verification and key agreement speed on M257
//! (end-entity keys) and M431 (CA keys), over a 32-byte hash.
//!
//! The peer to compare with is jkurwa, the JavaScript implementation:
//! `node scripts/peers/jkurwa_dstu.js bench M257 5` times its sign and
//! verify on the same curves (NODE_PATH pointing at the npm packages).
//!
//! `cargo bench -p signet-crypto --bench dstu4145`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use signet_crypto::dstu4145::{NamedCurve, SigningKey};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    for named in [NamedCurve::M257, NamedCurve::M431] {
        let curve = named.curve();
        let mut group = c.benchmark_group(format!("DSTU 4145 {named}"));
        group.throughput(Throughput::Elements(1));
        let key = SigningKey::generate(&curve).expect("key generation");
        let peer = SigningKey::generate(&curve).expect("key generation");
        let digest = [0xA5u8; 32];
        let signature = key.sign_digest(&digest).expect("signing");
        let public = key.public_key().clone();
        // The per-curve tables are built by the calls above, outside the
        // measurement.
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
        group.bench_function("agree", |b| {
            b.iter(|| key.agree(black_box(peer.public_key())).expect("agrees"))
        });
        let compressed = public.to_compressed();
        group.bench_function("public key decode (n·Q check)", |b| {
            b.iter(|| {
                signet_crypto::dstu4145::PublicKey::from_compressed(&curve, black_box(&compressed))
                    .expect("valid key")
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
