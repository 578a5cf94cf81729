//! Vectors for GOST 28147-89, each with its source.

use super::*;
use proptest::prelude::*;

fn h(s: &str) -> Vec<u8> {
    hex::decode(s).expect("test vector hex")
}

fn arr<const N: usize>(s: &str) -> [u8; N] {
    h(s).try_into().expect("test vector length")
}

mod engine_vectors;
use engine_vectors::{ENGINE_VECTORS, EngineVector, Mode};

fn run_engine_vector(v: &EngineVector) {
    let key: [u8; 32] = arr(v.key);
    let big = v.len > 2048;
    match v.mode {
        Mode::Imit => {
            let mut mac = Imit::new(&key, v.sbox, KeyMeshing::CryptoPro);
            if big {
                feed_zeros(v.len, |chunk| mac.update(chunk));
            } else {
                mac.update(&h(v.input));
            }
            assert_eq!(hex::encode(mac.finalize_imit()), v.output, "{}", v.name);
        }
        Mode::Ecb => {
            let cipher = Gost28147::new(&key, v.sbox);
            let mut data = h(v.input);
            cipher.encrypt_ecb(&mut data).expect("whole blocks");
            assert_eq!(hex::encode(&data), v.output, "{}", v.name);
            cipher.decrypt_ecb(&mut data).expect("whole blocks");
            assert_eq!(hex::encode(&data), v.input, "{}", v.name);
        }
        Mode::Cfb | Mode::Cnt => {
            let iv: [u8; 8] = arr(v.iv);
            type Stream = Box<dyn FnMut(&mut [u8])>;
            let mut stream: Stream = if v.mode == Mode::Cfb {
                let mut cfb = Cfb::new(&key, v.sbox, &iv, KeyMeshing::CryptoPro);
                Box::new(move |d: &mut [u8]| cfb.encrypt(d))
            } else {
                let mut cnt = Cnt::new(&key, v.sbox, &iv, KeyMeshing::CryptoPro);
                Box::new(move |d: &mut [u8]| cnt.apply_keystream(d))
            };
            if big {
                let mut tail = Vec::new();
                feed_zeros(v.len, |chunk| {
                    let mut chunk = chunk.to_vec();
                    stream(&mut chunk);
                    tail.extend_from_slice(&chunk);
                    let keep = tail.len().saturating_sub(16);
                    tail.drain(..keep);
                });
                assert_eq!(hex::encode(&tail), v.output, "{}", v.name);
            } else {
                let mut data = h(v.input);
                stream(&mut data);
                assert_eq!(hex::encode(&data), v.output, "{}", v.name);
                let mut back = data.clone();
                if v.mode == Mode::Cfb {
                    decrypt_cfb(&key, v.sbox, &iv, KeyMeshing::CryptoPro, &mut back);
                } else {
                    apply_cnt(&key, v.sbox, &iv, KeyMeshing::CryptoPro, &mut back);
                }
                assert_eq!(hex::encode(&back), v.input, "{}", v.name);
            }
        }
    }
}

/// Feeds `len` zero bytes in uneven pieces.
fn feed_zeros(len: u64, mut f: impl FnMut(&[u8])) {
    let zeros = vec![0u8; 65_537];
    let mut left = len;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        f(&zeros[..n]);
        left -= n as u64;
    }
}

#[test]
fn engine_and_cryptopro_csp_vectors() {
    for v in ENGINE_VECTORS.iter().filter(|v| v.len <= 6_000_000) {
        run_engine_vector(v);
    }
}

/// The 3 and 4 GiB vectors of `test_gost2814789.c` (six minutes in a release
/// build: `cargo test --release -p signet-crypto -- --ignored`).
#[test]
#[ignore = "processes 4 GiB per vector"]
fn engine_and_cryptopro_csp_vectors_4gib() {
    for v in ENGINE_VECTORS.iter().filter(|v| v.len > 6_000_000) {
        run_engine_vector(v);
    }
}

/// GOST R 34.12-2015 A.2 (RFC 8891 section 5): Magma is GOST 28147-89 with
/// the TC26 Z S-box written big-endian: reverse the block, and the bytes of
/// each 32-bit key word.
#[test]
fn magma_vector_through_the_28147_core() {
    let key = h("ffeeddccbbaa99887766554433221100f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
    let mut k = [0u8; 32];
    for (dst, src) in k.chunks_exact_mut(4).zip(key.chunks_exact(4)) {
        dst.copy_from_slice(&[src[3], src[2], src[1], src[0]]);
    }
    let mut block: [u8; 8] = arr("fedcba9876543210");
    block.reverse();
    let cipher = Gost28147::new(&k, &SBox::TC26_Z);
    cipher.encrypt_block(&mut block);
    block.reverse();
    assert_eq!(hex::encode(block), "4ee901e5c2d8ca3d");
}

/// The self-tests of UAPKI `library/uapkic/src/gost28147.c` (table
/// `GOST28147_SBOX_ID_11`, the GOST R 34.11-94 test set).
#[test]
fn uapki_self_tests() {
    let sbox = &SBox::GOSTR3411_94_TEST;
    let cipher = Gost28147::new(
        &arr("348724a4c1a67667153dde5933884250e3248c657d413b8c1c9ca09a56d968cf"),
        sbox,
    );
    let mut data = h("34c01533e37d1c56e9431604f57e37a18f90eb0333a33362");
    cipher.encrypt_ecb(&mut data).expect("whole blocks");
    assert_eq!(
        hex::encode(&data),
        "863e78dd2d60d13ce38f0f691f68f7feb99bb76c3073142d"
    );

    let key = arr("0100000002000000030000000400000005000000060000000700000008000000");
    let iv = arr("0300000003000000");
    let plain = h("0102030405060708090a0b0c0d0e0f101112131415161718");
    let mut ctr = plain.clone();
    apply_cnt(&key, sbox, &iv, KeyMeshing::None, &mut ctr);
    assert_eq!(
        hex::encode(&ctr),
        "da21005efbea34aa48d17ebf1c4f52a18eca42d3ff4b46f4"
    );
    let mut cfb = plain.clone();
    encrypt_cfb(&key, sbox, &iv, KeyMeshing::None, &mut cfb);
    assert_eq!(
        hex::encode(&cfb),
        "d1ce841aa50de523b0ab76646f0d1ee8ae02aa0c4e8eafb3"
    );
    assert_eq!(
        hex::encode(imit(&key, sbox, KeyMeshing::None, &cfb)),
        "7e4a9667"
    );
}

/// `test/test-crypt.js` of the `gost89` npm package (dstucrypt), DKE 1.
#[test]
fn gost89_npm_vectors_with_dke_1() {
    let key = arr("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    let plain = h("0001020304050607f1f2f3f4f5f6f7f8");
    let cipher = Gost28147::new(&key, &SBox::UA_DKE_1);
    let mut ecb = plain.clone();
    cipher.encrypt_ecb(&mut ecb).expect("whole blocks");
    assert_eq!(hex::encode(&ecb), "e393a17df2b6de6f2086d8230c277432");
    let mut cfb = plain.clone();
    encrypt_cfb(
        &key,
        &SBox::UA_DKE_1,
        &arr("f1f2f3f4f5f6f7f8"),
        KeyMeshing::None,
        &mut cfb,
    );
    assert_eq!(hex::encode(&cfb), "2087da2008227235a919d76142e8ce65");
}

/// `key_wrap_self_test_gost28147` of UAPKI `library/uapkic/src/keywrap.c`
/// (DKE 1).
#[test]
fn uapki_key_wrap_vector() {
    let kek = arr("01000000010000000100000001000000ffffffffffffffffffffffffffffffff");
    let iv = arr("f477da7aa6424a88");
    let cek = arr("01020304010203040102030401020304f1f2f3f4f5f6f7f8f1f2f3f4f5f6f7f8");
    let wrapped = wrap_ua(&kek, &SBox::UA_DKE_1, &iv, &cek);
    assert_eq!(
        hex::encode(wrapped),
        "52a513f1b4172ca6b5f1b8a03ca9a4e0acb6e00e11e5e9bcdd446222eb97238dc3e4e24d2ec03e05a568ec51"
    );
    let unwrapped = unwrap_ua(&kek, &SBox::UA_DKE_1, &wrapped).expect("MAC matches");
    assert_eq!(*unwrapped, cek);
}

/// Test vectors of libgcl3 (`id-Gost28147-89-TestParamSet`) and of
/// cryptomanager.com (`id-GostR3411-94-TestParamSet`), as collected in
/// PyGOST's `test_gost28147.py`.
#[test]
fn libgcl3_and_cryptomanager_vectors() {
    let sbox = &SBox::GOST28147_TEST;
    let key = arr("0475f6e05038fbfad2c7c390edb3ca3d1547124291ae1e8a2f79cd9ed2bcefbd");
    let mut data = h(LIBGCL3_PLAIN_256);
    Gost28147::new(&key, sbox)
        .encrypt_ecb(&mut data)
        .expect("whole blocks");
    assert_eq!(hex::encode(&data), LIBGCL3_ECB_256);

    let mut data = h(&LIBGCL3_PLAIN_256[..506]);
    apply_cnt(
        &key,
        sbox,
        &arr("0201010101010101"),
        KeyMeshing::None,
        &mut data,
    );
    assert_eq!(hex::encode(&data), LIBGCL3_CNT_253);

    let key2 = arr("fc7ad2886f455b50d29008fa622b57d5c65b3c637202025799cadf0768519e8a");
    let mut data = h(concat!(
        "07060504030201000f0e0d0c0b0a090817161514131211101f1e1d1c1b1a1918",
        "27262524232221202f2e2d2c2b2a2928fffefdfcfb"
    ));
    apply_cnt(&key2, sbox, &[0; 8], KeyMeshing::None, &mut data);
    assert_eq!(
        hex::encode(&data),
        concat!(
            "d0be601a2cf190269b7b23b4d2cce115f60557288875eb1ed362dcda9b62ee9a",
            "57878af182379c7f13cc5538b56332c523a4cb7d51"
        )
    );

    let sbox = &SBox::GOSTR3411_94_TEST;
    let key = arr("75713134b60fec45a607bb83aa3746af4ff99da6d1b53b5b1b402a1baa030d1b");
    let mut block = arr("1122334455667788");
    Gost28147::new(&key, sbox).encrypt_block(&mut block);
    assert_eq!(hex::encode(block), "03251e14f9d28acb");
    let mut data = h("112233445566778899aabbccdd800000");
    encrypt_cfb(
        &key,
        sbox,
        &arr("0102030405060708"),
        KeyMeshing::None,
        &mut data,
    );
    assert_eq!(hex::encode(&data), "6ee84586dd2bca0cad3616940e164242");
}

const LIBGCL3_PLAIN_256: &str = concat!(
    "07060504030201000f0e0d0c0b0a090817161514131211101f1e1d1c1b1a1918",
    "27262524232221202f2e2d2c2b2a292837363534333231303f3e3d3c3b3a3938",
    "47464544434241404f4e4d4c4b4a494857565554535251505f5e5d5c5b5a5958",
    "67666564636261606f6e6d6c6b6a696877767574737271707f7e7d7c7b7a7978",
    "87868584838281808f8e8d8c8b8a898897969594939291909f9e9d9c9b9a9998",
    "a7a6a5a4a3a2a1a0afaeadacabaaa9a8b7b6b5b4b3b2b1b0bfbebdbcbbbab9b8",
    "c7c6c5c4c3c2c1c0cfcecdcccbcac9c8d7d6d5d4d3d2d1d0dfdedddcdbdad9d8",
    "e7e6e5e4e3e2e1e0efeeedecebeae9e8f7f6f5f4f3f2f1f0fffefdfcfbfaf9f8",
);

const LIBGCL3_ECB_256: &str = concat!(
    "4b8c4c9815f24aea1ec35709b3bc2ed1e0d1f222652d5918f7dffc804bde5c68",
    "46537553a7460dec051f1bd30a631ab778c443e05d3ea40e2d7e23a91bc902bc",
    "210c84cb0d0a07c87bd0fbb51a14045ca25397712e5cc28f393f6f52f230264e",
    "8ce0d101756ddcd303791ecad5c10e12530a78e20ab11cea3af855b97ce10bba",
    "a0c896eb505ad36043a30f98dbd9506d6391af0140e9755a465c1f194a0b899b",
    "c4f6f8f52f873ffa26d4f825ba1f9882fc26af2dc0f9c45849fa09800262a434",
    "2dcb5a6bab615d08d426e00813d62e022a37e8d0cf36f1c7c03f9b2160bd292d",
    "2e01484ef88f20168abf82dc327aa31869d150593191f26c5a5fca589ab22db2",
);

const LIBGCL3_CNT_253: &str = concat!(
    "4a5e376ca112d35509131a21acfbb21e8c249b57206846d5232a263512565c69",
    "2a2fd1abbd45dc3a1aa45764d5e4696db48bf154783b108f7a4b32e0e84cbf03",
    "2437956a55a8ce6f956212f679e6f01b86ef363605d86f10a1410507f8faa40b",
    "172c71bc8bcbcf3d7418320b1cd29e75ba3e61e16196d0ee8ff29a5eb77a15aa",
    "4e1e777c99e14113f46039464c35de95cc4fd5afd14d841a45c72af22cc0b794",
    "a308b91296b597993ab70c1456b9cb4944a993a9fb19108c6a68e87b0657f0ef",
    "8844a6d298bed407413745a6713676694b75153390296e33cb963978192e96f3",
    "494c893da1868200cebd542965001d1613c3fe1f8c5563091fcdd428ca",
);

/// `tcl_tests/mac.try` of the gost engine: `openssl dgst -mac gost-mac`
/// (CryptoPro A, key meshing) and `gost-mac-12` (TC26 Z) on its data files.
#[test]
fn gost_engine_mac_try_vectors() {
    let key: [u8; 32] = *b"12345678901234567890123456789012";
    let mac = |sbox: &SBox, data: &[u8]| {
        let mut m = Imit::new(&key, sbox, KeyMeshing::CryptoPro);
        m.update(data);
        m.finalize()
    };
    let dgst = b"Test data to digest.\n".repeat(100);
    let a = &SBox::CRYPTOPRO_A;
    assert_eq!(hex::encode(&mac(a, &dgst)[..4]), "37f646d2");
    assert_eq!(hex::encode(&mac(a, b"")[..4]), "00000000");
    assert_eq!(hex::encode(&mac(a, b"1\n")[..4]), "87ea321f");
    assert_eq!(hex::encode(mac(a, &b"1\n".repeat(4))), "ad9aeae05a7f6f71");
    let z = mac(&SBox::TC26_Z, &b"1\n".repeat(4));
    assert_eq!(hex::encode(&z[..6]), "be70ba5ed6b0");
    assert_eq!(
        hex::encode(&mac(&SBox::CRYPTOPRO_B, &b"1\n".repeat(4))[..4]),
        "c7fdc644"
    );
}

/// libgcl3 MAC vectors (64-bit state, CryptoPro A) from PyGOST's
/// `test_gost28147_mac.py`, for messages of two blocks and more.
#[test]
fn libgcl3_mac_vectors() {
    let key: [u8; 32] = *b"This is message\xFF length\x0032 bytes";
    let full = |data: &[u8]| {
        let mut m = Imit::new(&key, &SBox::CRYPTOPRO_A, KeyMeshing::None);
        m.update(data);
        hex::encode(m.finalize())
    };
    assert_eq!(full(&[b'x'; 13]), "917ee1f1a668fbd3");
    assert_eq!(full(&[b'U'; 128]), "1a06d1bad74580ef");
}

/// RFC 9189 appendix A.2 (`TLS_GOSTR341112_256_WITH_28147_CNT_IMIT`, TC26 Z):
/// the record of A.2.1 (CNT and IMIT) and the `KExp28147` of A.2.2, which is
/// the CryptoPro key wrap.
#[test]
fn rfc9189_cnt_imit_and_kexp28147() {
    let z = &SBox::TC26_Z;
    let mut record = vec![0u8; 8];
    record.extend_from_slice(&[0x17, 0x03, 0x03, 0x00, 0x07]);
    record.extend_from_slice(&[0; 7]);
    let mut mac = Imit::new(&[0xff; 32], z, KeyMeshing::None);
    mac.update(&record);
    let tag = mac.finalize_imit();
    assert_eq!(hex::encode(tag), "300134a1");
    let mut fragment = vec![0u8; 7];
    fragment.extend_from_slice(&tag);
    apply_cnt(&[0; 32], z, &[0; 8], KeyMeshing::CryptoPro, &mut fragment);
    assert_eq!(hex::encode(&fragment), "8671cdbf3c1aae0f624b04");

    let k_exp = arr("3fd999d1684a15cc9bdd5a35067af69817150022e09554ac791a60f161f55349");
    let ukm = arr("fbf39d10e800af70");
    let ps = arr("ce0dd6b6704212152be4695a7e89f64c8929a40dbf0a5a55c2ce002b06bab62f");
    let wrapped = wrap_cryptopro(&k_exp, z, &ukm, &ps);
    assert_eq!(
        hex::encode(wrapped.to_bytes()),
        concat!(
            "fbf39d10e800af70d622d167a5642e29525a295cb9f28f96f28b0efaa7d3a2be",
            "e149b01178c2dfd54c933657"
        )
    );
    assert_eq!(
        *unwrap_cryptopro(&k_exp, z, &wrapped).expect("MAC matches"),
        ps
    );
}

/// Bouncy Castle's `DSTU4145Params.DEFAULT_DKE` is DKE 1 packed; the rows
/// agree with the `gost94` crate's GOST 34.311-95 table.
#[test]
fn dke_1_packed_form() {
    let packed = concat!(
        "a9d6eb45f13c708280c4967b231f5eadf658eba4c037291d38d96bf025ca4e17",
        "f8e9720dc615b43a28975f0bc1dea36438b564ea2c179fd0123e6db8fac57904"
    );
    assert_eq!(hex::encode(SBox::UA_DKE_1.to_dke()), packed);
    assert_eq!(SBox::from_dke(&arr(packed)), SBox::UA_DKE_1);
    assert_eq!(SBox::from_dke_slice(&h(packed)), Ok(SBox::UA_DKE_1));
    assert!(SBox::from_dke_slice(&[0; 63]).is_err());
    use gost94::params::Gost94Params;
    assert_eq!(
        SBox::UA_DKE_1.rows(),
        &gost94::params::GOST28147UAParam::S_BOX
    );
    assert_eq!(
        SBox::GOSTR3411_94_TEST.rows(),
        &gost94::params::TestParam::S_BOX
    );
    for p in ParamSet::ALL {
        let s = p.sbox();
        assert!(s.is_bijective(), "{p:?}");
        assert_eq!(SBox::from_dke(&s.to_dke()), *s);
        if let Some(oid) = p.oid() {
            assert_eq!(ParamSet::from_oid(oid), Some(p));
        }
    }
}

/// The S-boxes that the RustCrypto `magma` crate also carries, compared
/// through the cipher: `magma::Gost89<S>` reads blocks and key words
/// big-endian. (Its `Gost89CryptoProD` holds the GOST R 34.11-94 CryptoPro
/// hash table instead of `id-Gost28147-89-CryptoPro-D-ParamSet`, so D is
/// checked by the CryptoPro CSP vector `testcfb4` above instead.)
fn agrees_with_magma_crate<C>(sbox: &SBox, key: &[u8; 32], block: &[u8; 8])
where
    C: ::cipher::KeyInit
        + ::cipher::BlockCipherEncrypt
        + ::cipher::BlockSizeUser<BlockSize = ::cipher::consts::U8>,
{
    let mut theirs = ::cipher::Array::<u8, ::cipher::consts::U8>::from(*block);
    C::new_from_slice(key)
        .expect("32-byte key")
        .encrypt_block(&mut theirs);
    let mut k = [0u8; 32];
    for (dst, src) in k.chunks_exact_mut(4).zip(key.chunks_exact(4)) {
        dst.copy_from_slice(&[src[3], src[2], src[1], src[0]]);
    }
    let mut ours = *block;
    ours.reverse();
    Gost28147::new(&k, sbox).encrypt_block(&mut ours);
    ours.reverse();
    assert_eq!(ours.as_slice(), theirs.as_slice());
}

proptest! {
    #[test]
    fn same_as_magma_crate(key in any::<[u8; 32]>(), block in any::<[u8; 8]>()) {
        agrees_with_magma_crate::<magma::Magma>(&SBox::TC26_Z, &key, &block);
        agrees_with_magma_crate::<magma::Gost89CryptoProA>(&SBox::CRYPTOPRO_A, &key, &block);
        agrees_with_magma_crate::<magma::Gost89CryptoProB>(&SBox::CRYPTOPRO_B, &key, &block);
        agrees_with_magma_crate::<magma::Gost89CryptoProC>(&SBox::CRYPTOPRO_C, &key, &block);
        agrees_with_magma_crate::<magma::Gost89Test>(&SBox::GOSTR3411_94_TEST, &key, &block);
    }

    #[test]
    fn ecb_round_trip(p in 0..ParamSet::ALL.len(), key in any::<[u8; 32]>(), blocks in proptest::collection::vec(any::<[u8; 8]>(), 0..20)) {
        let sbox = ParamSet::ALL[p].sbox();
        let plain: Vec<u8> = blocks.concat();
        let cipher = Gost28147::new(&key, sbox);
        let mut data = plain.clone();
        cipher.encrypt_ecb(&mut data).expect("whole blocks");
        cipher.decrypt_ecb(&mut data).expect("whole blocks");
        prop_assert_eq!(data, plain);
    }

    #[test]
    fn stream_modes_round_trip_and_split_freely(
        p in 0..ParamSet::ALL.len(),
        mesh in any::<bool>(),
        key in any::<[u8; 32]>(),
        iv in any::<[u8; 8]>(),
        plain in proptest::collection::vec(any::<u8>(), 0..2300),
        cut in any::<proptest::sample::Index>(),
    ) {
        let sbox = ParamSet::ALL[p].sbox();
        let meshing = if mesh { KeyMeshing::CryptoPro } else { KeyMeshing::None };
        let cut = if plain.is_empty() { 0 } else { cut.index(plain.len()) };

        let mut whole = plain.clone();
        encrypt_cfb(&key, sbox, &iv, meshing, &mut whole);
        let mut pieces = plain.clone();
        let mut cfb = Cfb::new(&key, sbox, &iv, meshing);
        let (a, b) = pieces.split_at_mut(cut);
        cfb.encrypt(a);
        cfb.encrypt(b);
        prop_assert_eq!(&pieces, &whole);
        let mut dec = Cfb::new(&key, sbox, &iv, meshing);
        let (a, b) = pieces.split_at_mut(cut);
        dec.decrypt(a);
        dec.decrypt(b);
        prop_assert_eq!(&pieces, &plain);

        let mut whole = plain.clone();
        apply_cnt(&key, sbox, &iv, meshing, &mut whole);
        let mut pieces = plain.clone();
        let mut cnt = Cnt::new(&key, sbox, &iv, meshing);
        let (a, b) = pieces.split_at_mut(cut);
        cnt.apply_keystream(a);
        cnt.apply_keystream(b);
        prop_assert_eq!(&pieces, &whole);
        apply_cnt(&key, sbox, &iv, meshing, &mut pieces);
        prop_assert_eq!(&pieces, &plain);

        let mut one = Imit::new(&key, sbox, meshing);
        one.update(&plain);
        let mut two = Imit::new(&key, sbox, meshing);
        two.update(&plain[..cut]);
        two.update(&plain[cut..]);
        let tag = one.clone().finalize();
        prop_assert_eq!(tag, two.clone().finalize());
        prop_assert_eq!(two.verify(&tag[..4]), Ok(()));
        let mut bad = tag;
        bad[cut % 4] ^= 0x10;
        prop_assert_eq!(one.verify(&bad[..4]), Err(Error::MacMismatch));
    }

    #[test]
    fn key_wraps_round_trip_and_reject_flipped_bits(
        p in 0..ParamSet::ALL.len(),
        kek in any::<[u8; 32]>(),
        ukm in any::<[u8; 8]>(),
        cek in any::<[u8; 32]>(),
        bit in 0usize..(44 * 8),
    ) {
        let sbox = ParamSet::ALL[p].sbox();
        for cryptopro in [false, true] {
            let wrapped = if cryptopro {
                wrap_cryptopro(&kek, sbox, &ukm, &cek)
            } else {
                wrap_gost(&kek, sbox, &ukm, &cek)
            };
            let unwrap = |w: &WrappedKey| if cryptopro {
                unwrap_cryptopro(&kek, sbox, w)
            } else {
                unwrap_gost(&kek, sbox, w)
            };
            prop_assert_eq!(*unwrap(&wrapped).expect("round trip"), cek);
            prop_assert_eq!(WrappedKey::from_bytes(&wrapped.to_bytes()), wrapped.clone());
            let mut bytes = wrapped.to_bytes();
            bytes[bit / 8] ^= 1 << (bit % 8);
            let flipped = WrappedKey::from_bytes(&bytes);
            // Without diversification the UKM only feeds the MAC's IV; a flip
            // there changes the MAC all the same.
            prop_assert_eq!(unwrap(&flipped), Err(Error::UnwrapFailed));
        }
        let wrapped = wrap_ua(&kek, sbox, &ukm, &cek);
        prop_assert_eq!(*unwrap_ua(&kek, sbox, &wrapped).expect("round trip"), cek);
        let mut flipped = wrapped;
        flipped[bit / 8] ^= 1 << (bit % 8);
        prop_assert_eq!(unwrap_ua(&kek, sbox, &flipped), Err(Error::UnwrapFailed));
    }
}

#[test]
fn errors_are_reported() {
    let cipher = Gost28147::new(&[0; 32], &SBox::CRYPTOPRO_A);
    assert_eq!(
        cipher.encrypt_ecb(&mut [0; 9]),
        Err(Error::NotBlockAligned { len: 9, block: 8 })
    );
    assert!(WrappedKey::from_slice(&[0; 43]).is_err());
    assert!(SBox::from_rows([[16; 16]; 8]).is_err());
    let mac = Imit::new(&[0; 32], &SBox::CRYPTOPRO_A, KeyMeshing::None);
    assert_eq!(mac.finalize_truncated(9), Err(Error::InvalidMacLength(9)));
}

/// GOST 34.311-95 under a run-time S-box against the `gost94` crate, which
/// carries DKE 1 (`Gost94UA`), the GOST R 34.11-94 test table
/// (`Gost94Test`) and the CryptoPro hash table (`Gost94CryptoPro`), on the
/// lengths around the block boundaries, the empty message included.
fn agrees_with_gost94(data: &[u8]) {
    use digest::Digest;
    use gost94::params::Gost94Params;
    let cryptopro = SBox::from_rows(gost94::params::CryptoProParam::S_BOX).expect("4-bit entries");
    let cases: [(&SBox, Vec<u8>); 3] = [
        (&SBox::UA_DKE_1, gost94::Gost94UA::digest(data).to_vec()),
        (
            &SBox::GOSTR3411_94_TEST,
            gost94::Gost94Test::digest(data).to_vec(),
        ),
        (&cryptopro, gost94::Gost94CryptoPro::digest(data).to_vec()),
    ];
    for (sbox, theirs) in cases {
        assert_eq!(
            Gost34311::digest(sbox, data).to_vec(),
            theirs,
            "{sbox:?}, {} bytes",
            data.len()
        );
        // The same in two pieces.
        let mut h = Gost34311::new(sbox);
        let (a, b) = data.split_at(data.len() / 3);
        h.update(a);
        h.update(b);
        assert_eq!(h.finish().to_vec(), theirs);
    }
}

#[test]
fn gost34311_block_boundaries() {
    for len in [0usize, 1, 31, 32, 33, 63, 64, 65, 96, 200] {
        let data: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
        agrees_with_gost94(&data);
    }
}

proptest! {
    #[test]
    fn gost34311_same_as_gost94_crate(data in proptest::collection::vec(any::<u8>(), 0..300)) {
        agrees_with_gost94(&data);
    }
}
