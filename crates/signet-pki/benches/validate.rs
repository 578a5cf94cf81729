//! Validation speed next to the raw public-key operation it cannot beat.
//!
//! Material is made by OpenSSL at start (a root, an intermediate, a signer;
//! CAdES-BES signatures over 1 KiB; Ed25519's CMS by GnuTLS `certtool`,
//! as OpenSSL 3.0 cannot make one), then criterion measures:
//! - `raw/<alg>`: one signature verification through the dispatch table
//!   (the physical floor of a validation);
//! - `validate/<alg>/signature-only` and `…/chain`: the whole engine —
//!   parse, digest, signed attributes, signature, and (chain) path
//!   building to the trust store, without revocation;
//! - `digest/sha256-64MiB`: content hashing throughput.
//!
//! `scripts/bench` runs this and puts the figures next to `openssl speed`
//! in docs/PERFORMANCE.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use signet_crypto::DigestAlgorithm;
use signet_pki::Offline;
use signet_pki::SignedMessage;
use signet_pki::{Certificate, TrustStore};
use signet_pki::{Content, ContentDigests, SignedData};
use signet_pki::{ValidationOptions, Validator};
use test_support::KeyType;
use test_support::pki::{Party, SignOptions, TestPki};
use time::OffsetDateTime;

/// A CAdES-BES signature by `openssl cms -sign -cades`.
fn openssl_cades(pki: &TestPki, signer: &Party, doc: &[u8]) -> Vec<u8> {
    pki.sign(
        &[signer],
        doc,
        &SignOptions {
            cades: true,
            ..SignOptions::default()
        },
    )
}

/// A CMS signature by GnuTLS `certtool` (signing time, no ESS attribute):
/// OpenSSL 3.0 cannot sign Ed25519 CMS.
fn certtool_cms(pki: &TestPki, signer: &Party, doc: &[u8]) -> Vec<u8> {
    pki.sign_with_certtool(signer, doc)
}

fn bench_alg(
    c: &mut Criterion,
    name: &str,
    key: KeyType,
    sign: fn(&TestPki, &Party, &[u8]) -> Vec<u8>,
) {
    let doc = vec![0x5Au8; 1024];
    let pki = TestPki::new(key);
    let signer = pki.issue("Bench signer", key, None, &[]);
    let sig = sign(&pki, &signer, &doc);
    let trust =
        TrustStore::from_certificates([Certificate::parse(&pki.root.cert.der).expect("root")]);
    let signed = SignedData::parse(&sig).expect("signature");
    let signer_info = &signed.signers[0];
    let cert = Certificate::parse(&signer.cert.der).expect("cert");
    let key_info = cert.fields().public_key.clone();
    let digest = signet_pki::signature_digest_algorithm(&signer_info.digest_algorithm.oid);
    let signed_bytes = signer_info
        .signed_attrs
        .as_ref()
        .expect("attrs")
        .signed_bytes
        .clone();

    c.bench_function(&format!("raw/{name}"), |b| {
        b.iter(|| {
            signet_pki::verify_signature(
                &key_info,
                &signer_info.signature_algorithm,
                digest,
                SignedMessage::Bytes(&signed_bytes),
                &signer_info.signature,
            )
            .expect("valid")
        })
    });
    for (label, signature_only) in [("signature-only", true), ("chain", false)] {
        c.bench_function(&format!("validate/{name}/{label}"), |b| {
            b.iter(|| {
                let signed = SignedData::parse(&sig).expect("signature");
                let digests = ContentDigests::of_bytes(&doc, &signed.digest_algorithms());
                let validator = Validator {
                    trust: &trust,
                    issuers: &Offline,
                    revocation: None,
                };
                let mut options = ValidationOptions::full(OffsetDateTime::now_utc());
                options.signature_only = signature_only;
                options.require_revocation = false;
                let report = validator.validate(
                    &signed,
                    Content {
                        digests: &digests,
                        bytes: Some(&doc),
                    },
                    &options,
                );
                assert!(report.is_valid());
            })
        });
    }
}

fn benches(c: &mut Criterion) {
    bench_alg(c, "rsa2048", KeyType::Rsa(2048), openssl_cades);
    bench_alg(c, "rsa3072", KeyType::Rsa(3072), openssl_cades);
    bench_alg(c, "ecdsa-p256", KeyType::EcP256, openssl_cades);
    bench_alg(c, "ecdsa-p384", KeyType::EcP384, openssl_cades);
    bench_alg(c, "ed25519", KeyType::Ed25519, certtool_cms);
    let data = vec![7u8; 64 << 20];
    let mut g = c.benchmark_group("digest");
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.sample_size(10);
    g.bench_function("sha256-64MiB", |b| {
        b.iter(|| ContentDigests::of_bytes(&data, &[DigestAlgorithm::Sha256]))
    });
    g.finish();
}

criterion_group!(name = group; config = Criterion::default().sample_size(50); targets = benches);
criterion_main!(group);
