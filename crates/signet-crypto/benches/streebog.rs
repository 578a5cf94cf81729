//! Streebog (GOST R 34.11-2012) over 1 MiB: signet's table implementation
//! (`signet_crypto::streebog`) next to RustCrypto's `streebog` crate, which
//! it replaced in the digest dispatch and which stays the test oracle.
//!
//! `cargo bench -p signet-crypto --bench streebog`; the gost engine's figure
//! for the same buffer size is `openssl speed -evp md_gost12_256 -bytes
//! 1048576` with an OPENSSL_CONF that loads the engine (see scripts/bench).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use digest::Digest;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let data: Vec<u8> = (0..1u32 << 20)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let mut group = c.benchmark_group("streebog");
    group.throughput(Throughput::Bytes(data.len() as u64));
    group.bench_function("signet/256", |b| {
        b.iter(|| signet_crypto::streebog::Streebog256::digest(black_box(&data)))
    });
    group.bench_function("rustcrypto/256", |b| {
        b.iter(|| streebog::Streebog256::digest(black_box(&data)))
    });
    group.bench_function("signet/512", |b| {
        b.iter(|| signet_crypto::streebog::Streebog512::digest(black_box(&data)))
    });
    group.bench_function("rustcrypto/512", |b| {
        b.iter(|| streebog::Streebog512::digest(black_box(&data)))
    });
    group.finish();
}

criterion_group!(name = benches; config = Criterion::default().sample_size(20); targets = bench);
criterion_main!(benches);
