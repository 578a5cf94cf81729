//! Worked examples and properties of the DSTU 4145 module as a whole.

use core::convert::Infallible;

use proptest::prelude::*;
use rand_core::{TryCryptoRng, TryRng};

use super::curves::{fe_from_hex, scalar_from_hex};
use super::field::Fe;
use super::mul::{ladder_x, mul_vartime};
use super::point::Affine;
use super::scalar::{Scalar, hash_to_field};
use super::*;

/// SplitMix64: a reproducible generator for tests.
struct TestRng(u64);

impl TryRng for TestRng {
    type Error = Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        self.try_next_u64().map(|v| v as u32)
    }

    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Ok(z ^ (z >> 31))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        for chunk in dst.chunks_mut(8) {
            let v = self.try_next_u64()?.to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
        Ok(())
    }
}

impl TryCryptoRng for TestRng {}

/// A generator that always fails.
struct BrokenRng;

#[derive(Debug)]
struct Broken;

impl core::fmt::Display for Broken {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("broken generator")
    }
}

impl core::error::Error for Broken {}

impl TryRng for BrokenRng {
    type Error = Broken;

    fn try_next_u32(&mut self) -> Result<u32, Broken> {
        Err(Broken)
    }

    fn try_next_u64(&mut self) -> Result<u64, Broken> {
        Err(Broken)
    }

    fn try_fill_bytes(&mut self, _: &mut [u8]) -> Result<(), Broken> {
        Err(Broken)
    }
}

impl TryCryptoRng for BrokenRng {}

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap()
}

/// A hash value given as a number in hexadecimal (as the standard and
/// Bouncy Castle print it): the hash function's output is that number's
/// bytes little-endian.
fn digest_of(number_hex: &str) -> Vec<u8> {
    let mut d = unhex(number_hex);
    d.reverse();
    d
}

/// A test curve with an affine base point, through [`Curve::build`]'s
/// checks.
fn test_curve(m: u32, ks: &[u32], a: u8, b: &str, n: &str, x: &str, y: &str) -> Curve {
    let point = Affine {
        x: fe_from_hex(x).unwrap(),
        y: fe_from_hex(y).unwrap(),
    };
    Curve::build(
        m,
        ks,
        a,
        fe_from_hex(b).unwrap(),
        scalar_from_hex(n).unwrap(),
        point,
        None,
        None,
    )
    .unwrap()
}

fn affine_hex(curve: &Curve, p: &Affine) -> (String, String) {
    let f = &curve.inner().group.field;
    let be = |e: &Fe| {
        let mut v = f.encode_le(e);
        v.reverse();
        hex::encode_upper(v)
    };
    (be(&p.x), be(&p.y))
}

fn strip(hex: &str) -> &str {
    hex.trim_start_matches('0')
}

/// One published example: the curve, d, e, the hash value and (r, s).
struct Example {
    curve: Curve,
    d: &'static str,
    e: &'static str,
    digest: Vec<u8>,
    r: &'static str,
    s: &'static str,
}

fn check_example(ex: &Example) -> Signature {
    let key = SigningKey::from_be_bytes(&ex.curve, &unhex(ex.d)).unwrap();
    let sig = key
        .sign_digest_with_nonce(&ex.digest, &unhex(ex.e))
        .unwrap();
    let number = |b: Vec<u8>| strip(&hex::encode_upper(b)).to_owned();
    assert_eq!(number(sig.r_be()), strip(&ex.r.to_uppercase()), "r");
    assert_eq!(number(sig.s_be()), strip(&ex.s.to_uppercase()), "s");
    key.public_key().verify(&ex.digest, &sig).unwrap();
    let compressed = key.public_key().to_compressed();
    let public = PublicKey::from_compressed(&ex.curve, &compressed).unwrap();
    assert_eq!(&public, key.public_key());
    public.verify(&ex.digest, &sig).unwrap();
    sig
}

const M163_B: &str = "5FF6108462A2DC8210AB403925E638A19C1455D21";
const M163_N: &str = "400000000000000000002BEC12BE2262D39BCF14D";

/// The curve of the DSTU 4145-2002 Annex Б example: the M163 field and
/// curve with the example's own base point.
fn annex_b_curve() -> Curve {
    test_curve(
        163,
        &[3, 6, 7],
        1,
        M163_B,
        M163_N,
        "72D867F93A93AC27DF9FF01AFFE74885C8C540420",
        "0224A9C3947852B97C5599D5F4AB81122ADC3FD9B",
    )
}

#[test]
fn annex_b_example() {
    // DSTU 4145-2002 Annex Б, as Bouncy Castle's DSTU4145Test.test163 and
    // bee2's dstu_test.c (test Б.1) replay it.
    let curve = annex_b_curve();
    let digest = digest_of("09C9C44277910C9AAEE486883A2EB95B7180166DDF73532EEB76EDAEF52247FF");
    // §5.9: h keeps the low 163 bits (bee2 passes them as the hash).
    let f = &curve.inner().group.field;
    assert_eq!(
        hash_to_field(f, &digest),
        hash_to_field(f, &digest_of("003A2EB95B7180166DDF73532EEB76EDAEF52247FF"))
    );
    let ex = Example {
        curve: curve.clone(),
        d: "0183F60FDF7951FF47D67193F8D073790C1C9B5A3E",
        e: "01025E40BD97DB012B7A1D79DE8E12932D247F61C6",
        digest: digest.clone(),
        r: "0274EA2C0CAA014A0D80A424F59ADE7A93068D08A7",
        s: "02100D86957331832B8E8C230F5BD6A332B3615ACA",
    };
    let sig = check_example(&ex);
    // The example's public key Q = −d·P. The standard prints x_Q ending in
    // …BD2DA, a misprint (a digit is missing); bee2's dstu_test.c notes it
    // and expects …BDC2DA, as computed here.
    let key = SigningKey::from_be_bytes(&curve, &unhex(ex.d)).unwrap();
    let q = key.public_key();
    let (qx, qy) = affine_hex(&curve, &q.point_for_tests());
    assert_eq!(strip(&qx), "57DE7FDE023FF929CB6AC785CE4B79CF64ABDC2DA");
    assert_eq!(strip(&qy), "3E85444324BCF06AD85ABF6AD7B5F34770532B9AA");
    // bee2 writes it with L_D = 512: r and s each in 32 bytes (§5.10).
    let mut padded = vec![0u8; 64];
    let short = sig.to_bytes();
    assert_eq!(short.len(), 42);
    padded[..21].copy_from_slice(&short[..21]);
    padded[32..53].copy_from_slice(&short[21..]);
    let mut expected = unhex(concat!(
        "000000000000000000000002100D86957331832B8E8C230F5BD6A332B3615ACA",
        "00000000000000000000000274EA2C0CAA014A0D80A424F59ADE7A93068D08A7"
    ));
    expected.reverse();
    assert_eq!(padded, expected);
    q.verify_digest(&digest, &padded).unwrap();
    assert_eq!(
        Signature::from_bytes(&curve, &padded).unwrap().to_bytes(),
        padded
    );
    // Non-zero padding is refused.
    let mut bad = padded.clone();
    bad[40] = 1;
    assert_eq!(q.verify_digest(&digest, &bad), Err(Error::InvalidSignature));
}

#[test]
fn bouncy_castle_vectors() {
    // Bouncy Castle's DSTU4145Test: test173, test283, test431 and
    // testTruncation. Its nonce is the generator's bytes read big-endian
    // with the top bits above L(n) − 1 cleared, which is e as given here.
    let hash = digest_of("0137187EA862117EF1484289470ECAC802C5A651FDA8");
    let c173 = test_curve(
        173,
        &[1, 2, 10],
        0,
        "108576C80499DB2FC16EDDF6853BBB278F6B6FB437D9",
        "800000000000000000000189B4E67606E3825BB2831",
        "BE6628EC3E67A91A4E470894FBA72B52C515F8AEE9",
        "D9DEEDF655CF5412313C11CA566CDC71F4DA57DB45C",
    );
    check_example(&Example {
        curve: c173.clone(),
        d: "955CD7E344303D1034E66933DC21C8044D42ADB8",
        e: "137449348C1249971759D99C252FFE1E14D8B31F",
        digest: hash.clone(),
        r: "13ae89746386709cdbd237cc5ec20ca30004a82ead8",
        s: "3597912cdd093b3e711ccb74a79d3c4ab4c7cccdc60",
    });
    // A hash far longer than m: §5.9 keeps its low 173 bits.
    check_example(&Example {
        curve: c173,
        d: "955CD7E344303D1034E66933DC21C8044D42ADB8",
        e: "C4224DBBD800988DBAA39DE838294C345CDA5F59",
        digest: vec![0xFF; 26],
        r: "6bb5c0cb82e5067485458ebfe81025f03b687c63a27",
        s: "34d6b1868969b86ecf934167c8fe352c63d1074bd",
    });
    check_example(&Example {
        curve: test_curve(
            283,
            &[5, 7, 12],
            1,
            "27B680AC8B8596DA5A4AF8A19A0303FCA97FD7645309FA2A581485AF6263E313B79A2F5",
            "3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEF90399660FC938A90165B042A7CEFADB307",
            "4D95820ACE761110824CE425C8089129487389B7F0E0A9D043DDC0BB0A4CC9EB25",
            "954C9C4029B2C62DE35C2B9C2A164984BF1101951E3A68ED03DF234DDE5BB2013152F2",
        ),
        d: "B844EEAF15213E4BAD4FB84796D68F2448DB8EB7B4621EC0D51929874892C43E",
        e: "245383CB3AD41BF30F5F7E8FBA858509B2D5558C92D539A6D994BFA98BC6940E",
        digest: hash.clone(),
        r: "12a5edcc38d92208ff23036d75b000c7e4bc0f9af2d40b35f15d6fd15e01234e67781a8",
        s: "2de0775577f75b643cf5afc80d4fe10b21100690f17e2cab7bdc9b50ec87c5727aeb515",
    });
    check_example(&Example {
        curve: test_curve(
            431,
            &[1, 3, 5],
            1,
            "3CE10490F6A708FC26DFE8C3D27C4F94E690134D5BFF988D8D28AAEAEDE975936C66BAC536B18AE2DC312CA493117DAA469C640CAF3",
            "3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFBA3175458009A8C0A724F02F81AA8A1FCBAF80D90C7A95110504CF",
            "9548BCDF314CEEEAF099C780FFEFBF93F9FE5B5F55547603C9C8FC1A2774170882B3BE35E892C6D4296B8DEA282EC30FB344272791",
            "4C6CBD7C62A8EEEFDE17A8B5E196E49A22CE6DE128ABD9FBD81FA4411AD5A38E2A810BEDE09A7C6226BCDCB4A4A5DA37B4725E00AA74",
        ),
        d: "D0F97354E314191FD773E2404F478C8AEE0FF5109F39E6F37D1FEEC8B2ED1691D84C9882CC729E716A71CC013F66CAC60E29E22C",
        e: "C4224DBBD800988DBAA39DE838294C345CDA5F5929D1174AA8D9340A5E79D10ACADE6B53CF873E7301A3871C2073AD75AB530457",
        digest: hash,
        r: "1911fefb1f494bebcf8dffdf5276946ff9c9f662192ee18c718db47310a439c784fe07577b16e1edbe16179876e0792a634f1c9c3a2e",
        s: "3852170ee801c2083c52f1ea77b987a5432acecd9c654f064e87bf179e0a397151edbca430082e43bd38a67b55424b5bbc7f2713f620",
    });
}

#[test]
fn base_points_decompress_from_certificates() {
    // The compressed base points (little-endian) of the explicit M257 and
    // M431 parameters in the Justice CA and CZO root certificates
    // (testdata/ua/CA-Justice.cer, CZOROOT.cer).
    for (named, bp) in [
        (
            NamedCurve::M257,
            "B60FD2D8DCE8A93423C6101BCA91C47A007E6C300B26CD556C9B0E7D20EF292A00",
        ),
        (
            NamedCurve::M431,
            "7C857C94C5433BFD991E17C22684065850A9A249ED7BC249AE5A4E878689F872EF7AD524082EC3038E9AEDE7BA6BA13381D979BA621A",
        ),
    ] {
        let curve = named.curve();
        let inner = curve.inner();
        let f = &inner.group.field;
        let x = f.decode_le(&unhex(bp)).unwrap();
        assert_eq!(inner.group.decompress(&x), Some(inner.base), "{named}");
        assert_eq!(inner.group.compress(&inner.base), x, "{named}");
    }
}

#[test]
fn decompression_edge_cases() {
    for named in [NamedCurve::M163, NamedCurve::M173, NamedCurve::M257] {
        let curve = named.curve();
        let inner = curve.inner();
        let g = &inner.group;
        let f = &g.field;
        // x̃ = 0 is (0, √B), on the curve but of order two: refused as a key.
        let t = g.decompress(&Fe::ZERO).unwrap();
        assert!(g.is_on_curve(&t));
        assert_eq!(f.sqr(&t.y), g.b);
        assert!(matches!(
            PublicKey::from_compressed(&curve, &vec![0u8; curve.field_len()]),
            Err(Error::InvalidPublicKey { .. })
        ));
        // Half of the x with tr(x) = A have no point; those that do
        // decompress to a point of the curve, and compress back.
        let (mut some, mut none) = (0, 0);
        for i in 1..64u64 {
            let mut x = Fe::ZERO;
            x.0[0] = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 4;
            x.0[1] = i;
            match g.decompress(&x) {
                Some(p) => {
                    some += 1;
                    assert!(g.is_on_curve(&p));
                    assert_eq!(g.compress(&p), x);
                    assert_eq!(g.compress(&p.neg()).0[0] & 1, (x.0[0] & 1) ^ 1);
                }
                None => none += 1,
            }
        }
        assert!(
            some > 10 && none > 10,
            "{named}: {some} points, {none} misses"
        );
        // Bits at or above m, and the wrong length, are refused.
        let mut high = vec![0xFFu8; curve.field_len()];
        assert!(PublicKey::from_compressed(&curve, &high).is_err());
        high.pop();
        assert!(matches!(
            PublicKey::from_compressed(&curve, &high),
            Err(Error::PublicKeyLength { .. })
        ));
    }
}

#[test]
fn points_outside_the_subgroup_are_refused() {
    // On M257 (cofactor 4) decompression yields points with tr(x) = A,
    // that is multiples of 2; a quarter of all points are multiples of 4
    // (order n), the other decompressible ones have order 2n and must be
    // refused by the n·Q = O check.
    let curve = NamedCurve::M257.curve();
    let inner = curve.inner();
    let g = &inner.group;
    let mut found = false;
    for i in 1..200u64 {
        let mut x = Fe::ZERO;
        x.0[0] = i.wrapping_mul(0xD6E8_FEB8_6659_FD93);
        x.0[2] = i;
        let Some(p) = g.decompress(&x) else { continue };
        if !mul_vartime(g, &p, inner.order.value()).is_identity_vartime() {
            let bytes = g.field.encode_le(&g.compress(&p));
            assert!(matches!(
                PublicKey::from_compressed(&curve, &bytes),
                Err(Error::InvalidPublicKey { .. })
            ));
            found = true;
            break;
        }
    }
    assert!(found);
}

#[test]
fn ladder_matches_double_and_add() {
    let mut rng = TestRng(7);
    for named in [NamedCurve::M163, NamedCurve::M257] {
        let curve = named.curve();
        let inner = curve.inner();
        let q = SigningKey::generate_with_rng(&curve, &mut rng).unwrap();
        let q = q.public_key().point_for_tests();
        for _ in 0..4 {
            let k = inner.order.random(&mut rng).unwrap();
            let expected = inner
                .group
                .to_affine(&mul_vartime(&inner.group, &q, &k))
                .unwrap();
            let x = ladder_x(&inner.group, &q, &k, inner.order.bits()).unwrap();
            assert_eq!(x, expected.x);
        }
        // n·Q = O: no shared point.
        assert_eq!(
            ladder_x(&inner.group, &q, inner.order.value(), inner.order.bits()),
            None
        );
        // Small k, many leading zero bits.
        let x = ladder_x(&inner.group, &q, &Scalar::from_u64(1), inner.order.bits()).unwrap();
        assert_eq!(x, q.x);
    }
}

#[test]
fn key_agreement_is_symmetric() {
    let mut rng = TestRng(11);
    let m257 = NamedCurve::M257.curve();
    let a = SigningKey::generate_with_rng(&m257, &mut rng).unwrap();
    let b = SigningKey::generate_with_rng(&m257, &mut rng).unwrap();
    let ab = agree(&a, b.public_key()).unwrap();
    assert_eq!(ab.len(), 33);
    assert_eq!(*ab, *b.agree(a.public_key()).unwrap());
    let other = SigningKey::generate_with_rng(&NamedCurve::M163.curve(), &mut rng).unwrap();
    assert!(matches!(
        a.agree(other.public_key()),
        Err(Error::CurveMismatch { .. })
    ));
}

#[test]
fn private_keys_are_range_checked() {
    let curve = NamedCurve::M257.curve();
    let n = curve.order_be_bytes();
    assert_eq!(
        SigningKey::from_be_bytes(&curve, &n).err(),
        Some(Error::InvalidPrivateKey)
    );
    assert_eq!(
        SigningKey::from_be_bytes(&curve, &[0u8; 32]).err(),
        Some(Error::InvalidPrivateKey)
    );
    assert_eq!(
        SigningKey::from_le_bytes(&curve, &[1u8; 80]).err(),
        Some(Error::InvalidPrivateKey)
    );
    let key = SigningKey::from_be_bytes(&curve, &[0, 0, 1, 2, 3]).unwrap();
    assert_eq!(key.to_be_bytes().len(), 32);
    assert_eq!(key.to_be_bytes()[29..], [1, 2, 3]);
    let same = SigningKey::from_le_bytes(&curve, &key.to_le_bytes()).unwrap();
    assert_eq!(same.public_key(), key.public_key());
    assert!(!format!("{key:?}").contains("010203"));
    assert_eq!(
        SigningKey::generate_with_rng(&curve, &mut BrokenRng).err(),
        Some(Error::Rng("broken generator".into()))
    );
}

#[test]
fn signature_encoding_rules() {
    let curve = NamedCurve::M257.curve();
    let key = SigningKey::from_be_bytes(&curve, &[7u8; 32]).unwrap();
    let digest = [0x42u8; 32];
    let sig = sign_digest(&key, &digest, &mut TestRng(3)).unwrap();
    let bytes = sig.to_bytes();
    assert_eq!(bytes.len(), 64);
    assert_eq!(bytes.len(), curve.signature_len());
    assert_eq!(Signature::from_bytes(&curve, &bytes).unwrap(), sig);
    verify_digest(key.public_key(), &digest, &sig).unwrap();
    for len in [0, 1, 62, 63, 65] {
        assert!(matches!(
            key.public_key().verify_digest(&digest, &vec![1u8; len]),
            Err(Error::SignatureLength { .. })
        ));
    }
    // r = 0, s = 0, r = n, s = n.
    let n_le: Vec<u8> = curve.order_be_bytes().into_iter().rev().collect();
    for (r, s) in [
        (vec![0u8; 32], bytes[32..].to_vec()),
        (bytes[..32].to_vec(), vec![0u8; 32]),
        (n_le.clone(), bytes[32..].to_vec()),
        (bytes[..32].to_vec(), n_le.clone()),
    ] {
        let forged = [r, s].concat();
        assert_eq!(
            key.public_key().verify_digest(&digest, &forged),
            Err(Error::InvalidSignature)
        );
    }
    // The signature of another key does not verify.
    let other = SigningKey::from_be_bytes(&curve, &[8u8; 32]).unwrap();
    assert_eq!(
        other.public_key().verify_digest(&digest, &bytes),
        Err(Error::InvalidSignature)
    );
    // A fixed nonce outside [1, n − 1] is refused.
    assert_eq!(
        key.sign_digest_with_nonce(&digest, &[0]).err(),
        Some(Error::InvalidNonce)
    );
    assert_eq!(
        key.sign_digest_with_nonce(&digest, &curve.order_be_bytes())
            .err(),
        Some(Error::InvalidNonce)
    );
}

#[test]
fn same_nonce_same_signature_and_the_os_generator_works() {
    let curve = NamedCurve::M163.curve();
    let key = SigningKey::generate(&curve).unwrap();
    let digest = [9u8; 32];
    let a = key.sign_digest(&digest).unwrap();
    let b = key.sign_digest(&digest).unwrap();
    assert_ne!(a, b);
    key.public_key().verify_digest(&digest, &a).unwrap();
    key.public_key().verify_digest(&digest, &b).unwrap();
    let e = [5u8; 20];
    assert_eq!(
        key.sign_digest_with_nonce(&digest, &e).unwrap(),
        key.sign_digest_with_nonce(&digest, &e).unwrap()
    );
}

/// Curves for the property tests; in debug builds the largest curves
/// cost a second or so per case, so they get fewer cases below.
const SMALL: [NamedCurve; 6] = [
    NamedCurve::M163,
    NamedCurve::M167,
    NamedCurve::M173,
    NamedCurve::M179,
    NamedCurve::M191,
    NamedCurve::M233,
];
const LARGE: [NamedCurve; 4] = [
    NamedCurve::M257,
    NamedCurve::M307,
    NamedCurve::M367,
    NamedCurve::M431,
];

/// Signs, verifies, and checks that one flipped bit anywhere — in the
/// signature, the digest or the public key — makes verification fail.
fn round_trip(named: NamedCurve, seed: u64, digest: &[u8], flip: usize) {
    let curve = named.curve();
    let mut rng = TestRng(seed);
    let key = SigningKey::generate_with_rng(&curve, &mut rng).unwrap();
    let public = key.public_key();
    let sig = key.sign_digest_with_rng(digest, &mut rng).unwrap();
    assert_eq!(sig.len(), curve.signature_len());
    public.verify_digest(digest, &sig).unwrap();

    let bit = flip % (8 * sig.len());
    let mut bad_sig = sig.clone();
    bad_sig[bit / 8] ^= 1 << (bit % 8);
    assert!(
        public.verify_digest(digest, &bad_sig).is_err(),
        "{named}: signature bit {bit}"
    );

    let bit = flip % (8 * digest.len().min(curve.field_len()) - 8);
    let mut bad_digest = digest.to_vec();
    bad_digest[bit / 8] ^= 1 << (bit % 8);
    if hash_to_field(&curve.inner().group.field, &bad_digest)
        != hash_to_field(&curve.inner().group.field, digest)
    {
        assert!(
            public.verify_digest(&bad_digest, &sig).is_err(),
            "{named}: digest bit {bit}"
        );
    }

    let compressed = public.to_compressed();
    let bit = flip % (8 * compressed.len());
    let mut bad_key = compressed.clone();
    bad_key[bit / 8] ^= 1 << (bit % 8);
    if let Ok(other) = PublicKey::from_compressed(&curve, &bad_key) {
        assert!(
            other.verify_digest(digest, &sig).is_err(),
            "{named}: key bit {bit}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn sign_verify_small_curves(
        curve in 0usize..SMALL.len(),
        seed in any::<u64>(),
        digest in proptest::collection::vec(any::<u8>(), 20..=32),
        flip in any::<usize>(),
    ) {
        round_trip(SMALL[curve], seed, &digest, flip);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn sign_verify_large_curves(
        curve in 0usize..LARGE.len(),
        seed in any::<u64>(),
        digest in proptest::collection::vec(any::<u8>(), 32),
        flip in any::<usize>(),
    ) {
        round_trip(LARGE[curve], seed, &digest, flip);
    }
}

#[test]
fn every_named_curve_signs_and_verifies() {
    for (i, named) in NamedCurve::ALL.into_iter().enumerate() {
        round_trip(named, i as u64, &[0xA5; 32], 1000 + i);
    }
}
