//! Throughput of the GOST symmetric modes, to set beside
//! `openssl speed -evp gost89` / `-evp kuznyechik-ctr` with the gost engine.
//!
//! `cargo bench -p signet-crypto --bench gost_symmetric`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use signet_crypto::gost2015::{Ctr, Kuznyechik, Magma, Omac};
use signet_crypto::gost28147::{Cfb, Cnt, Imit, KeyMeshing, SBox};

const LEN: usize = 64 * 1024;

fn symmetric(c: &mut Criterion) {
    let key = [0x5a; 32];
    let mut data = vec![0u8; LEN];
    let mut group = c.benchmark_group("gost_symmetric");
    group.throughput(Throughput::Bytes(LEN as u64));

    group.bench_function("gost28147_cfb_cryptopro_meshing", |b| {
        let mut cfb = Cfb::new(&key, &SBox::CRYPTOPRO_A, &[1; 8], KeyMeshing::CryptoPro);
        b.iter(|| cfb.encrypt(&mut data));
    });
    group.bench_function("gost28147_cnt_cryptopro_meshing", |b| {
        let mut cnt = Cnt::new(&key, &SBox::CRYPTOPRO_A, &[1; 8], KeyMeshing::CryptoPro);
        b.iter(|| cnt.apply_keystream(&mut data));
    });
    group.bench_function("gost28147_imit", |b| {
        b.iter(|| {
            let mut mac = Imit::new(&key, &SBox::CRYPTOPRO_A, KeyMeshing::CryptoPro);
            mac.update(&data);
            mac.finalize_imit()
        });
    });
    group.bench_function("kuznyechik_ctr", |b| {
        let mut ctr = Ctr::<Kuznyechik>::new(&key, &[2; 8]).expect("IV length");
        b.iter(|| ctr.apply_keystream(&mut data));
    });
    group.bench_function("kuznyechik_ctr_acpkm_4k", |b| {
        let mut ctr = Ctr::<Kuznyechik>::new_acpkm(&key, &[2; 8], 4096).expect("parameters");
        b.iter(|| ctr.apply_keystream(&mut data));
    });
    group.bench_function("kuznyechik_omac", |b| {
        b.iter(|| {
            let mut mac = Omac::<Kuznyechik>::new(&key);
            mac.update(&data);
            mac.finalize()
        });
    });
    group.bench_function("magma_ctr", |b| {
        let mut ctr = Ctr::<Magma>::new(&key, &[2; 4]).expect("IV length");
        b.iter(|| ctr.apply_keystream(&mut data));
    });
    group.finish();
}

criterion_group!(benches, symmetric);
criterion_main!(benches);
