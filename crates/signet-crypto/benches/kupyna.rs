//! Kupyna (DSTU 7564:2014) over 1 MiB, through the digest dispatch's types
//! (`signet_crypto::kupyna`, RustCrypto's `kupyna` crate).
//!
//! `cargo bench -p signet-crypto --bench kupyna`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use digest::Digest;
use signet_crypto::kupyna::{Kupyna256, Kupyna384, Kupyna512};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let data = vec![0x5Au8; 1 << 20];
    let mut group = c.benchmark_group("kupyna");
    group.throughput(Throughput::Bytes(data.len() as u64));
    group.bench_function("256", |b| b.iter(|| Kupyna256::digest(black_box(&data))));
    group.bench_function("384", |b| b.iter(|| Kupyna384::digest(black_box(&data))));
    group.bench_function("512", |b| b.iter(|| Kupyna512::digest(black_box(&data))));
    group.finish();
}

criterion_group!(name = benches; config = Criterion::default().sample_size(20); targets = bench);
criterion_main!(benches);
