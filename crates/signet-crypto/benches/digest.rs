//! Digest throughput over 1 MiB buffers: Streebog-256/512, GOST R 34.11-94
//! (CryptoPro), GOST 34.311-95 (UA), SHA-256 for scale.
//!
//! `cargo bench -p signet-crypto --bench digest`; scripts/bench puts the
//! figures next to `openssl speed -evp` with the gost engine.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use signet_crypto::DigestAlgorithm;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let data = vec![0x5Au8; 1 << 20];
    let mut group = c.benchmark_group("digest");
    group.throughput(Throughput::Bytes(data.len() as u64));
    for alg in [
        DigestAlgorithm::Streebog256,
        DigestAlgorithm::Streebog512,
        DigestAlgorithm::Gost94CryptoPro,
        DigestAlgorithm::Gost34311Ua,
        DigestAlgorithm::Sha256,
    ] {
        let id = match alg {
            DigestAlgorithm::Streebog256 => "streebog256",
            DigestAlgorithm::Streebog512 => "streebog512",
            DigestAlgorithm::Gost94CryptoPro => "gost94",
            DigestAlgorithm::Gost34311Ua => "gost34311",
            _ => "sha256",
        };
        group.bench_function(id, |b| b.iter(|| alg.digest(black_box(&data))));
    }
    group.finish();
}

criterion_group!(name = benches; config = Criterion::default().sample_size(20); targets = bench);
criterion_main!(benches);
