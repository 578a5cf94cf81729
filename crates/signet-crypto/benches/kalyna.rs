//! Kalyna (DSTU 7624:2014) throughput over 64 KiB for each block/key size:
//! ECB encryption and decryption (the bare cipher), CTR and CBC as key
//! containers use them, and the key schedule alone.
//!
//! `cargo bench -p signet-crypto --bench kalyna`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use signet_crypto::kalyna::Kalyna;
use signet_crypto::kalyna::modes::{Ctr, cbc_decrypt, ecb_decrypt, ecb_encrypt};
use std::hint::black_box;

const VARIANTS: [(usize, usize); 5] = [(16, 16), (16, 32), (32, 32), (32, 64), (64, 64)];

fn bench(c: &mut Criterion) {
    let data = vec![0x5Au8; 64 << 10];
    let mut group = c.benchmark_group("kalyna");
    group.throughput(Throughput::Bytes(data.len() as u64));
    for (block, key) in VARIANTS {
        let name = format!("{}-{}", block * 8, key * 8);
        let cipher = Kalyna::new(block, &vec![0x11; key]).expect("variant");
        let iv = vec![0x22; block];
        group.bench_function(BenchmarkId::new("ecb-encrypt", &name), |b| {
            let mut buf = data.clone();
            b.iter(|| ecb_encrypt(&cipher, black_box(&mut buf)))
        });
        group.bench_function(BenchmarkId::new("ecb-decrypt", &name), |b| {
            let mut buf = data.clone();
            b.iter(|| ecb_decrypt(&cipher, black_box(&mut buf)))
        });
        group.bench_function(BenchmarkId::new("ctr", &name), |b| {
            let mut buf = data.clone();
            b.iter(|| {
                Ctr::new(&cipher, &iv).map(|mut ctr| ctr.apply_keystream(black_box(&mut buf)))
            })
        });
        group.bench_function(BenchmarkId::new("cbc-decrypt", &name), |b| {
            let mut buf = data.clone();
            b.iter(|| cbc_decrypt(&cipher, &iv, black_box(&mut buf)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("kalyna-key-schedule");
    for (block, key) in VARIANTS {
        let k = vec![0x33; key];
        group.bench_function(format!("{}-{}", block * 8, key * 8), |b| {
            b.iter(|| Kalyna::new(block, black_box(&k)))
        });
    }
    group.finish();
}

criterion_group!(name = benches; config = Criterion::default().sample_size(20); targets = bench);
criterion_main!(benches);
