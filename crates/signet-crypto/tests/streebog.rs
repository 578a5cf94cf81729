//! signet's own GOST R 34.11-2012 (`signet_crypto::streebog`, [RFC 6986])
//! against two independent implementations: RustCrypto's `streebog` crate,
//! which it replaced in the digest dispatch, and OpenSSL's gost engine
//! (`openssl dgst -md_gost12_256` / `-md_gost12_512`; Debian's
//! `libengine-gost-openssl`, which `scripts/test` installs).
//!
//! The fixed vectors of the standard are unit tests in the module itself.
//!
//! [RFC 6986]: https://datatracker.ietf.org/doc/html/rfc6986

use digest::Digest;
use proptest::prelude::*;
use signet_crypto::DigestAlgorithm;
use signet_crypto::streebog::{Streebog256, Streebog512};
use test_support::Openssl;
use test_support::sample::xorshift_bytes;

/// Both sizes of ours and of RustCrypto's over `msg`, fed to ours in the
/// pieces `chunks` gives, as (ours, oracle) pairs.
fn both(msg: &[u8], chunks: &mut dyn Iterator<Item = usize>) -> [(Vec<u8>, Vec<u8>); 2] {
    let (mut h256, mut h512) = (Streebog256::new(), Streebog512::new());
    let mut rest = msg;
    while !rest.is_empty() {
        let n = chunks.next().unwrap_or(rest.len()).clamp(1, rest.len());
        let (piece, tail) = rest.split_at(n);
        h256.update(piece);
        h512.update(piece);
        rest = tail;
    }
    [
        (
            h256.finalize().to_vec(),
            streebog::Streebog256::digest(msg).to_vec(),
        ),
        (
            h512.finalize().to_vec(),
            streebog::Streebog512::digest(msg).to_vec(),
        ),
    ]
}

/// Every length from 0 to 200 bytes (the empty message, every partial
/// first block, exactly one block, a block and a bit, up to three blocks and
/// a remainder): one-shot, byte by byte, and through [`DigestAlgorithm`].
#[test]
fn every_length_up_to_200_matches_streebog_crate() {
    let msg = xorshift_bytes(200, 1);
    for len in 0..=200 {
        let m = &msg[..len];
        for (ours, oracle) in both(m, &mut std::iter::empty()) {
            assert_eq!(
                hex::encode(ours),
                hex::encode(oracle),
                "{len} bytes, one-shot"
            );
        }
        for (ours, oracle) in both(m, &mut std::iter::repeat(1)) {
            assert_eq!(
                hex::encode(ours),
                hex::encode(oracle),
                "{len} bytes, byte by byte"
            );
        }
        assert_eq!(
            DigestAlgorithm::Streebog256.digest(m),
            streebog::Streebog256::digest(m).to_vec(),
            "{len} bytes, Streebog256 dispatch"
        );
        assert_eq!(
            DigestAlgorithm::Streebog512.digest(m),
            streebog::Streebog512::digest(m).to_vec(),
            "{len} bytes, Streebog512 dispatch"
        );
    }
}

/// A long message (1 MiB and 37 bytes, 16 385 blocks) in uneven pieces
/// that straddle block boundaries.
#[test]
fn long_message_in_uneven_pieces_matches_streebog_crate() {
    let msg = xorshift_bytes((1 << 20) + 37, 2);
    let sizes = [1usize, 63, 64, 65, 127, 4096, 10_000, 3];
    for (ours, oracle) in both(&msg, &mut sizes.into_iter().cycle()) {
        assert_eq!(hex::encode(ours), hex::encode(oracle));
    }
}

/// The gost engine hashes the same files to the same digests.
#[test]
fn gost_engine_agrees() {
    let ossl = Openssl::new();
    let lengths = [0usize, 1, 63, 64, 65, 128, 1000, (1 << 20) + 3];
    let mut files = Vec::new();
    for (i, len) in lengths.into_iter().enumerate() {
        files.push(ossl.write(&format!("m{i}.bin"), &xorshift_bytes(len, 3 + i as u64)));
    }
    for (option, alg) in [
        ("-md_gost12_256", DigestAlgorithm::Streebog256),
        ("-md_gost12_512", DigestAlgorithm::Streebog512),
    ] {
        let mut args = vec!["dgst", option, "-r"];
        args.extend(files.iter().map(String::as_str));
        let stdout = ossl.run_text(&args, true);
        let engine: Vec<&str> = stdout
            .lines()
            .filter_map(|line| line.split_whitespace().next())
            .collect();
        assert_eq!(engine.len(), files.len(), "{stdout}");
        for ((file, len), engine) in files.iter().zip(lengths).zip(engine) {
            let msg = std::fs::read(file).expect("read message");
            assert_eq!(
                hex::encode(alg.digest(&msg)),
                engine,
                "{option}, {len} bytes"
            );
        }
    }
}

proptest! {
    /// Any message up to 5000 bytes, in any pieces, with a clone taken
    /// mid-stream that carries on independently.
    #[test]
    fn streaming_in_random_pieces_matches_streebog_crate(
        msg in proptest::collection::vec(any::<u8>(), 0..5000),
        pieces in proptest::collection::vec(1usize..300, 0..40),
    ) {
        for (ours, oracle) in both(&msg, &mut pieces.into_iter()) {
            prop_assert_eq!(hex::encode(ours), hex::encode(oracle));
        }
        let split = msg.len() / 3;
        let mut h = Streebog512::new();
        h.update(&msg[..split]);
        let mut copy = h.clone();
        h.update(&msg[split..]);
        copy.update(&msg[split..]);
        prop_assert_eq!(h.finalize(), copy.finalize());
    }
}
