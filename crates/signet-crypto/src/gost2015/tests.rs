//! Vectors for the GOST R 34.12-2015 modes, each with its source.

use super::*;
use ::cipher::{KeyIvInit, StreamCipher};
use proptest::prelude::*;
use zeroize::Zeroizing;

fn h(s: &str) -> Vec<u8> {
    hex::decode(s).expect("test vector hex")
}

fn arr<const N: usize>(s: &str) -> [u8; N] {
    h(s).try_into().expect("test vector length")
}

/// The Kuznyechik key of GOST R 34.12-2015 A.1 and GOST R 34.13-2015 A.1,
/// also the key of the R 1323565.1.017-2018 examples.
const K: &str = "8899aabbccddeeff0011223344556677fedcba98765432100123456789abcdef";
/// The Magma key of GOST R 34.12-2015 A.2 and GOST R 34.13-2015 A.2.
const KM: &str = "ffeeddccbbaa99887766554433221100f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
/// The plaintext of GOST R 34.13-2015 A.1, extended to seven blocks by
/// R 1323565.1.017-2018.
const P: &str = concat!(
    "1122334455667700ffeeddccbbaa9988",
    "00112233445566778899aabbcceeff0a",
    "112233445566778899aabbcceeff0a00",
    "2233445566778899aabbcceeff0a0011",
    "33445566778899aabbcceeff0a001122",
    "445566778899aabbcceeff0a00112233",
    "5566778899aabbcceeff0a0011223344",
);
/// The plaintext of GOST R 34.13-2015 A.2.
const PM: &str = "92def06b3c130a59db54c704f8189d204a98fb2e67a8024c8912409b17b57e41";

fn ctr<C: Gost2015Cipher>(key: &str, iv: &str, data: &str) -> String {
    let mut d = h(data);
    Ctr::<C>::new(&arr(key), &h(iv))
        .expect("IV length")
        .apply_keystream(&mut d);
    hex::encode(d)
}

fn ctr_acpkm<C: Gost2015Cipher>(key: &[u8; 32], iv: &[u8], section: usize, data: &[u8]) -> Vec<u8> {
    let mut d = data.to_vec();
    Ctr::<C>::new_acpkm(key, iv, section)
        .expect("parameters")
        .apply_keystream(&mut d);
    d
}

/// GOST R 34.12-2015 appendix A (RFC 7801 section 5, RFC 8891 section 5):
/// the block ciphers themselves, as the RustCrypto crates provide them.
#[test]
fn block_cipher_examples() {
    let mut b = block_from::<Kuznyechik>(&h("1122334455667700ffeeddccbbaa9988"));
    keyed::<Kuznyechik>(&arr(K)).encrypt_block(&mut b);
    assert_eq!(hex::encode(b), "7f679d90bebc24305a468d42b9d4edcd");
    let mut b = block_from::<Magma>(&h("fedcba9876543210"));
    keyed::<Magma>(&arr(KM)).encrypt_block(&mut b);
    assert_eq!(hex::encode(b), "4ee901e5c2d8ca3d");
}

/// GOST R 34.13-2015 A.1.2 (Kuznyechik) and A.2.2 (Magma): CTR.
#[test]
fn gost_34_13_ctr_examples() {
    assert_eq!(
        ctr::<Kuznyechik>(K, "1234567890abcef0", &P[..128]),
        concat!(
            "f195d8bec10ed1dbd57b5fa240bda1b885eee733f6a13e5df33ce4b33c45dee4",
            "a5eae88be6356ed3d5e877f13564a3a5cb91fab1f20cbab6d1c6d15820bdba73"
        )
    );
    assert_eq!(
        ctr::<Magma>(KM, "12345678", PM),
        "4e98110c97b7b93c3e250d93d6e85d69136d868807b2dbef568eb680ab52a12d"
    );
}

/// GOST R 34.13-2015 A.1.6 and A.2.6: OMAC, truncated there to 64 and 32
/// bits; the full tags are the gost engine's `openssl dgst -mac
/// kuznyechik-mac` / `magma-mac` results in `tcl_tests/mac.try`. The
/// subkeys K1, K2 are those printed in the standard (as PyGOST checks them).
#[test]
fn gost_34_13_omac_examples() {
    let mut mac = Omac::<Kuznyechik>::new(&arr(K));
    mac.update(&h(&P[..128]));
    assert_eq!(
        hex::encode(mac.finalize()),
        "336f4d296059fbe34ddeb35b37749c67"
    );
    let mut mac = Omac::<Magma>::new(&arr(KM));
    mac.update(&h(PM));
    assert_eq!(hex::encode(mac.finalize()), "154e72102030c5bb");
    let mut mac = Omac::<Kuznyechik>::new(&arr(K));
    mac.update(&h(&P[..128]));
    assert_eq!(
        hex::encode(mac.finalize_truncated(8).expect("length")),
        "336f4d296059fbe3"
    );

    let mut r = Block::<Kuznyechik>::default();
    keyed::<Kuznyechik>(&arr(K)).encrypt_block(&mut r);
    let k1 = omac::dbl::<Kuznyechik>(&r);
    assert_eq!(
        hex::encode(k1.as_slice()),
        "297d82bc4d39e3ca0de0573298151dc7"
    );
    assert_eq!(
        hex::encode(omac::dbl::<Kuznyechik>(&k1)),
        "52fb05789a73c7941bc0ae65302a3b8e"
    );
    let mut r = Block::<Magma>::default();
    keyed::<Magma>(&arr(KM)).encrypt_block(&mut r);
    let k1 = omac::dbl::<Magma>(&r);
    assert_eq!(hex::encode(k1.as_slice()), "5f459b3342521424");
    assert_eq!(hex::encode(omac::dbl::<Magma>(&k1)), "be8b366684a42848");
}

/// R 1323565.1.017-2018 examples (as transcribed in PyGOST's
/// `test_gost3413.py`, `TestVectorACPKM`): three successive ACPKM keys.
#[test]
fn acpkm_key_sequence() {
    fn sequence<C: Gost2015Cipher>() -> Vec<String> {
        let mut key = Zeroizing::new(arr::<32>(K));
        (0..3)
            .map(|_| {
                key = acpkm_next_key(&keyed::<C>(&key));
                hex::encode(*key)
            })
            .collect()
    }
    assert_eq!(
        sequence::<Magma>(),
        [
            "863ea017842c3d372b18a85a28e2317d74befc107720de0c9e8ab974abd00ca0",
            "49a5e2677de555982b8ad5e826652d17eec847bf5b3997a81cf7fe7f1187bd27",
            "3256bf3f97b5667426a9fb1c5eaabe41893ccdd5a868f9b63b0aa90720fa43c4",
        ]
    );
    assert_eq!(
        sequence::<Kuznyechik>(),
        [
            "2666ed40ae687811745ca0b448f57a7b390adb5780307e8e9659ac403ae60c60",
            "bb3dd5402e999b7a3debb0db45448ec530f07365dfee3aba8415f77ac8f34ce8",
            "23362fd553cad2178299a5b5a2d4722e3bb83c730a8bf57ce2dd004017f8c565",
        ]
    );
}

/// CTR-ACPKM examples of R 1323565.1.017-2018 / RFC 8645 appendix A:
/// Kuznyechik with N = 256 bits (also in the gost engine's
/// `test_ciphers.c`, `E_acpkm`, and Nettle's `acpkm-test.c`), Magma with
/// N = 128 bits (PyGOST `test_magma_ctr`, Nettle).
#[test]
fn ctr_acpkm_examples() {
    let key = arr(K);
    assert_eq!(
        hex::encode(ctr_acpkm::<Kuznyechik>(
            &key,
            &h("1234567890abcef0"),
            32,
            &h(P)
        )),
        concat!(
            "f195d8bec10ed1dbd57b5fa240bda1b885eee733f6a13e5df33ce4b33c45dee4",
            "4bceeb8f646f4c55001706275e85e800587c4df568d094393e4834afd0805046",
            "cf30f57686aeece11cfc6c316b8a896edffd07ec813636460c4f3b743423163e",
            "6409a9c282fac8d469d221e7fbd6de5d"
        )
    );
    assert_eq!(
        hex::encode(ctr_acpkm::<Magma>(&key, &h("12345678"), 16, &h(&P[..112]))),
        concat!(
            "2ab81deeeb1e4cab68e104c4bd6b94eac72c67af6c2e5b6b0eafb61770f1b32e",
            "a1ae71149eed1382abd467180672ec6f84a2f15b3fca72c1"
        )
    );
}

/// ACPKM-Master key material of R 1323565.1.017-2018 A.4 (PyGOST
/// `test_*_omac_5_blocks`; the Kuznyechik one is also the gost engine's
/// `E_acpkm_master`): T* = 768 bits for Kuznyechik, 640 bits for Magma.
#[test]
fn acpkm_master_examples() {
    let key = arr(K);
    assert_eq!(
        hex::encode(
            acpkm_master::<Kuznyechik>(&key, 96, 144)
                .expect("parameters")
                .as_slice()
        ),
        concat!(
            "0cabf1f2efbc4ac16048df1a24c605b2c0d1673d7586a8ec0dd42c45a4f95bae",
            "0f2e2617e47148680fc3e6178df2c137c9dda89cffa491feadd9b3eab703bb31",
            "bc7e927f0494729f51b49d3df9c9460800fbbcf5edee610ea02f01093c7bc742",
            "d7d6271501b177775263c2a3495a8318a81c79a04f29660ea3fda874c630799e",
            "142c577914fea90d3bc2502e833685d9"
        )
    );
    assert_eq!(
        hex::encode(
            acpkm_master::<Magma>(&key, 80, 120)
                .expect("parameters")
                .as_slice()
        ),
        concat!(
            "0df2f5273da328932ac49d81d36b2558a50dbf9bbcac74a614b2ccb2f1cbcd8a",
            "70638e3de8b3571e8d3826d55e63a167e2406640547b9f1f5f2b43612aaeafda",
            "180bac8604dfa6fe53c2ce270e9c9f5268d0fdbfe1a3bdd9be5b96d0a1202348",
            "6ef1710f924ae0313052cb5fca0b791e1babe8576d0fe3a8"
        )
    );
}

/// OMAC-ACPKM examples of R 1323565.1.017-2018 A.4.1 and A.4.2 (the
/// Kuznyechik ones also in the gost engine's `test_digest.c`; the Magma ones
/// from PyGOST): N = 2 blocks, T* = 768 / 640 bits.
#[test]
fn omac_acpkm_examples() {
    let key = arr(K);
    let tag = |c: &str, len: usize| -> String {
        let data = h(&P[..2 * len]);
        let tag = if c == "k" {
            let mut m = OmacAcpkm::<Kuznyechik>::new(&key, 32, 96).expect("parameters");
            m.update(&data);
            m.finalize()
        } else {
            let mut m = OmacAcpkm::<Magma>::new(&key, 16, 80).expect("parameters");
            m.update(&data);
            m.finalize()
        };
        hex::encode(tag)
    };
    assert_eq!(tag("k", 24), "b5367f47b62b995eeb2a648c5843145e");
    assert_eq!(tag("k", 80), "fbb8dcee45bea67c35f58c5700898e5d");
    assert_eq!(tag("m", 12), "a0540e3730acbcf3");
    assert_eq!(tag("m", 40), "34008dad5496bb8e");
}

/// KExp15: the Magma vector of the gost engine's `test_keyexpimp.c`
/// (`magma_export`), and RFC 9189 appendix A.1.3.1 (Magma) and A.1.3.2
/// (Kuznyechik), `PMSEXP = KExp15(PS, K_Exp_MAC, K_Exp_ENC, IV)`.
#[test]
fn kexp15_examples() {
    let shared = h(K);
    let enc = arr("202122232425262728292a2b2c2d2e2f38393a3b3c3d3e3f3031323334353637");
    let mac = arr("08090a0b0c0d0e0f0001020304050607101112131415161718191a1b1c1d1e1f");
    let exported = kexp15::<Magma>(&shared, &mac, &enc, &h("67bed654")).expect("IV length");
    assert_eq!(
        hex::encode(&exported),
        "cfd5a12d5b81b6e1e99c916d07900c6ac12703fb3abded55567bf3742c899c755dafe7b42e3a8bd9"
    );
    let back = kimp15::<Magma>(&exported, &mac, &enc, &h("67bed654")).expect("MAC matches");
    assert_eq!(back.as_slice(), shared.as_slice());

    let ps = h("a5576ce7924a24f58113808dbd9ef856f5bdc3b183ce5dadca36a53aa077651d");
    let pmsexp = kexp15::<Magma>(
        &ps,
        &arr("2d8ba8c84cb232ff41f10c3ad924134223254f71e5696d3d29c3e4c9daa6b293"),
        &arr("849eb6340bffae6928a3c3e4ff92eccb1e8f0cf7a188368e6b748e52ea378b0c"),
        &h("214a6a29"),
    )
    .expect("IV length");
    assert_eq!(
        hex::encode(pmsexp),
        "d7f0f0422367867b25fa4233a954f58bde92e9c9bbfb8816c99f15e6398722a0b2b7bfe8493e9a5c"
    );
    let pmsexp = kexp15::<Kuznyechik>(
        &ps,
        &arr("7dac56e48a4dc170faa8fcbae20db845450cccc4c6328bdc8d01157cefa2a5f1"),
        &arr("1f1cbad8866166f01ffaab0152e24bf4609d5f46a5c899c787900d08b9fcad24"),
        &h("214a6a298e99e325"),
    )
    .expect("IV length");
    assert_eq!(
        hex::encode(pmsexp),
        concat!(
            "250d1b67a270ab04d3f65418e1d380b4cb945f0a3dca51500cf3a1bef37f76c0",
            "7341a9839ccf6cba7189da61eb67176c"
        )
    );
}

/// `KDF_TREE_GOSTR3411_2012_256` (RFC 7836 section 4.5) with a one-byte
/// counter, for the CMS example below only; signet's KDF belongs to the
/// `gost3410` module.
fn kdf_tree_256(key: &[u8], label: &[u8], seed: &[u8], len: usize) -> Vec<u8> {
    use hmac::{KeyInit as _, Mac as _};
    let bits = (len * 8) as u32;
    let l: Vec<u8> = bits
        .to_be_bytes()
        .into_iter()
        .skip_while(|&b| b == 0)
        .collect();
    let mut out = Vec::new();
    for i in 1..=len.div_ceil(32) {
        let mut m =
            hmac::SimpleHmac::<streebog::Streebog256>::new_from_slice(key).expect("any key length");
        m.update(&[i as u8]);
        m.update(label);
        m.update(&[0]);
        m.update(seed);
        m.update(&l);
        out.extend_from_slice(&m.finalize().into_bytes());
    }
    out.truncate(len);
    out
}

/// The `kdftree_key` vector of the gost engine's `test_keyexpimp.c`, checking
/// the helper above.
#[test]
fn kdf_tree_helper_matches_gost_engine() {
    let out = kdf_tree_256(
        &h("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"),
        &h("26bdb878"),
        &h("af21434145656378"),
        64,
    );
    assert_eq!(
        hex::encode(out),
        concat!(
            "22b6837845c6bef65ea71672b265831086d3c76aebe6dae91cad51d83f79d16b",
            "074c9330599d7f8d712fca54392f4ddde93751206b3584c8f43f9e6dc51531f9"
        )
    );
}

/// The `EncryptedData` examples of R 1323565.1.025-2019 (A.4.1 Magma,
/// A.4.2 Kuznyechik), as shipped in the gost engine's `tcl_tests/tc26_cms`
/// (`encrypted_magma_a411.pem`, `encrypted_kuznyechik_a421.pem`) and decoded
/// in PyGOST's `test_cms.py`; the key is `encryption_key.hex` read in
/// reverse byte order. Plaintext: "Контрольный пример для структуры
/// EncryptedData." in CP1251.
#[test]
fn r_1323565_1_025_encrypted_data_examples() {
    let mut key = h("8f5eef8814d228fb2bbc5612323730cfa33db7263cc2c0a01a6c6953f33d61d5");
    key.reverse();
    let key: [u8; 32] = key.try_into().expect("32 bytes");
    let plain = concat!(
        "caeeedf2f0eeebfcedfbe920eff0e8ece5f020e4ebff20f1f2f0f3eaf2f3f0fb",
        "20456e63727970746564446174612e"
    );

    // A.4.2: kuznyechik-ctr-acpkm, ukm 52c17fb3c8e10f3e | e1b27e9b111b8022.
    let ct = concat!(
        "cff1fb53750312b5f213855904fefa49970687806bfcde6d9bb0f6b27b2baaa6",
        "84de10c39aa8670ed0cc475ac0bd85"
    );
    let out = ctr_acpkm::<Kuznyechik>(
        &key,
        &h("52c17fb3c8e10f3e"),
        Kuznyechik::CMS_ACPKM_SECTION,
        &h(ct),
    );
    assert_eq!(hex::encode(out), plain);

    // A.4.1: magma-ctr-acpkm-omac, ukm ba770ebb | 7b983db237d2f142.
    let ct = concat!(
        "4db30b38474f722e9ea352d69d9dc5943d91a6086a4f2a75c680d1ef126500ae",
        "0289beee053c7b4b907b8b7905d983"
    );
    let material: [u8; 64] = kdf_tree_256(&key, b"kdf tree", &h("7b983db237d2f142"), 64)
        .try_into()
        .expect("64 bytes");
    let mut data = h(ct);
    let mut dec = CtrAcpkmOmac::<Magma>::from_key_material(
        &material,
        &h("ba770ebb"),
        Magma::CMS_ACPKM_SECTION,
    )
    .expect("parameters");
    dec.decrypt(&mut data);
    assert_eq!(hex::encode(&data), plain);
    dec.verify_decrypt(&h("c26d0a07eb7da818"))
        .expect("MAC attribute matches");

    let mut enc = CtrAcpkmOmac::<Magma>::from_key_material(
        &material,
        &h("ba770ebb"),
        Magma::CMS_ACPKM_SECTION,
    )
    .expect("parameters");
    let mut again = h(plain);
    enc.encrypt(&mut again);
    assert_eq!(hex::encode(&again), ct);
    assert_eq!(hex::encode(enc.finalize_encrypt()), "c26d0a07eb7da818");
}

#[test]
fn errors_are_reported() {
    assert!(matches!(
        Ctr::<Kuznyechik>::new(&[0; 32], &[0; 16]),
        Err(Error::InvalidLength { .. })
    ));
    assert_eq!(
        Ctr::<Magma>::new_acpkm(&[0; 32], &[0; 4], 12).map(|_| ()),
        Err(Error::InvalidSectionSize {
            section: 12,
            block: 8
        })
    );
    assert!(OmacAcpkm::<Magma>::new(&[0; 32], 0, 80).is_err());
    assert_eq!(
        Omac::<Magma>::new(&[0; 32]).finalize_truncated(9),
        Err(Error::InvalidMacLength { len: 9, max: 8 })
    );
    assert!(kimp15::<Kuznyechik>(&[0; 15], &[0; 32], &[0; 32], &[0; 8]).is_err());
    let dec =
        CtrAcpkmOmac::<Kuznyechik>::new(&[0; 32], &[0; 32], &[0; 8], 4096).expect("parameters");
    assert!(matches!(
        dec.verify_decrypt(&[0; 8]),
        Err(Error::InvalidLength { .. })
    ));
}

fn omac_tag<C: Gost2015Cipher>(key: &[u8; 32], data: &[u8]) -> Vec<u8> {
    let mut m = Omac::<C>::new(key);
    m.update(data);
    m.finalize()
}

fn full_iv<const N: usize>(half: &[u8]) -> [u8; N] {
    let mut iv = [0u8; N];
    iv[..half.len()].copy_from_slice(half);
    iv
}

proptest! {
    /// Plain CTR and OMAC agree with the RustCrypto `ctr` and `cmac` crates.
    #[test]
    fn ctr_and_omac_agree_with_rustcrypto(
        key in any::<[u8; 32]>(),
        iv in any::<[u8; 8]>(),
        data in proptest::collection::vec(any::<u8>(), 0..600),
    ) {
        use cmac::Mac as _;

        let mut ours = data.clone();
        Ctr::<Kuznyechik>::new(&key, &iv).expect("IV").apply_keystream(&mut ours);
        let mut theirs = data.clone();
        ::ctr::Ctr128BE::<Kuznyechik>::new(&key.into(), &full_iv::<16>(&iv).into()).apply_keystream(&mut theirs);
        prop_assert_eq!(&ours, &theirs);

        let mut ours = data.clone();
        Ctr::<Magma>::new(&key, &iv[..4]).expect("IV").apply_keystream(&mut ours);
        let mut theirs = data.clone();
        ::ctr::Ctr64BE::<Magma>::new(&key.into(), &full_iv::<8>(&iv[..4]).into()).apply_keystream(&mut theirs);
        prop_assert_eq!(&ours, &theirs);

        let mut ours = Omac::<Kuznyechik>::new(&key);
        ours.update(&data);
        let mut theirs = <cmac::Cmac<Kuznyechik> as cmac::KeyInit>::new(&key.into());
        theirs.update(&data);
        prop_assert_eq!(ours.finalize(), theirs.finalize().into_bytes().to_vec());

        let mut ours = Omac::<Magma>::new(&key);
        ours.update(&data);
        let mut theirs = <cmac::Cmac<Magma> as cmac::KeyInit>::new(&key.into());
        theirs.update(&data);
        prop_assert_eq!(ours.finalize(), theirs.finalize().into_bytes().to_vec());
    }

    /// Every mode decrypts what it encrypts, whichever way the input is split.
    #[test]
    fn modes_round_trip_and_split_freely(
        key in any::<[u8; 32]>(),
        key2 in any::<[u8; 32]>(),
        iv in any::<[u8; 8]>(),
        sections in 1usize..6,
        data in proptest::collection::vec(any::<u8>(), 0..700),
        cut in any::<proptest::sample::Index>(),
    ) {
        let cut = if data.is_empty() { 0 } else { cut.index(data.len()) };
        fn check<C: Gost2015Cipher>(key: &[u8; 32], key2: &[u8; 32], iv: &[u8], section: usize, data: &[u8], cut: usize) -> Result<(), TestCaseError> {
            let iv = &iv[..C::BLOCK_SIZE / 2];
            let whole = ctr_acpkm::<C>(key, iv, section, data);
            let mut pieces = data.to_vec();
            let mut stream = Ctr::<C>::new_acpkm(key, iv, section).expect("parameters");
            let (a, b) = pieces.split_at_mut(cut);
            stream.apply_keystream(a);
            stream.apply_keystream(b);
            prop_assert_eq!(&pieces, &whole);
            prop_assert_eq!(ctr_acpkm::<C>(key, iv, section, &whole), data.to_vec());

            let mac = || OmacAcpkm::<C>::new(key, section, 2 * (32 + C::BLOCK_SIZE)).expect("parameters");
            let mut one = mac();
            one.update(data);
            let mut two = mac();
            two.update(&data[..cut]);
            two.update(&data[cut..]);
            let tag = one.finalize();
            prop_assert_eq!(&tag, &two.finalize());
            let mut three = mac();
            three.update(data);
            prop_assert_eq!(three.verify(&tag), Ok(()));
            let mut bad = tag.clone();
            bad[cut % C::BLOCK_SIZE] ^= 0x80;
            let mut four = mac();
            four.update(data);
            prop_assert_eq!(four.verify(&bad), Err(Error::MacMismatch));
            let mut omac = Omac::<C>::new(key);
            omac.update(data);
            let mut omac_bad = omac_tag::<C>(key, data);
            omac_bad[0] ^= 1;
            prop_assert_eq!(omac.verify(&omac_bad[..4]), Err(Error::MacMismatch));

            let mut enc = CtrAcpkmOmac::<C>::new(key, key2, iv, section).expect("parameters");
            let mut ct = data.to_vec();
            let (a, b) = ct.split_at_mut(cut);
            enc.encrypt(a);
            enc.encrypt(b);
            let tag = enc.finalize_encrypt();
            let mut dec = CtrAcpkmOmac::<C>::new(key, key2, iv, section).expect("parameters");
            let mut pt = ct.clone();
            dec.decrypt(&mut pt);
            prop_assert_eq!(&pt, &data.to_vec());
            prop_assert!(dec.verify_decrypt(&tag).is_ok());
            let mut bad_tag = tag.clone();
            bad_tag[cut % C::BLOCK_SIZE] ^= 0x04;
            let mut dec = CtrAcpkmOmac::<C>::new(key, key2, iv, section).expect("parameters");
            dec.decrypt(&mut ct.clone());
            prop_assert_eq!(dec.verify_decrypt(&bad_tag), Err(Error::MacMismatch));
            if !ct.is_empty() {
                let mut bad = ct.clone();
                let at = cut.min(bad.len() - 1);
                bad[at] ^= 1;
                let mut dec = CtrAcpkmOmac::<C>::new(key, key2, iv, section).expect("parameters");
                dec.decrypt(&mut bad);
                prop_assert_eq!(dec.verify_decrypt(&tag), Err(Error::MacMismatch));
            }
            Ok(())
        }
        check::<Kuznyechik>(&key, &key2, &iv, sections * 16, &data, cut)?;
        check::<Magma>(&key, &key2, &iv, sections * 8, &data, cut)?;
    }

    /// KImp15 inverts KExp15 and rejects any flipped bit.
    #[test]
    fn kexp15_round_trip_and_rejects_flipped_bits(
        secret in any::<[u8; 32]>(),
        k_mac in any::<[u8; 32]>(),
        k_enc in any::<[u8; 32]>(),
        iv in any::<[u8; 8]>(),
        bit in 0usize..(48 * 8),
    ) {
        let exported = kexp15::<Kuznyechik>(&secret, &k_mac, &k_enc, &iv).expect("IV");
        let back = kimp15::<Kuznyechik>(&exported, &k_mac, &k_enc, &iv).expect("MAC");
        prop_assert_eq!(back.as_slice(), &secret[..]);
        let mut bad = exported.clone();
        bad[bit / 8] ^= 1 << (bit % 8);
        prop_assert_eq!(kimp15::<Kuznyechik>(&bad, &k_mac, &k_enc, &iv), Err(Error::MacMismatch));

        let exported = kexp15::<Magma>(&secret, &k_mac, &k_enc, &iv[..4]).expect("IV");
        let back = kimp15::<Magma>(&exported, &k_mac, &k_enc, &iv[..4]).expect("MAC");
        prop_assert_eq!(back.as_slice(), &secret[..]);
        let mut bad = exported.clone();
        let bit = bit % (40 * 8);
        bad[bit / 8] ^= 1 << (bit % 8);
        prop_assert_eq!(kimp15::<Magma>(&bad, &k_mac, &k_enc, &iv[..4]), Err(Error::MacMismatch));
    }
}
