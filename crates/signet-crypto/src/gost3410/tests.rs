//! Worked examples from the standards, curve self-checks and property tests.
//!
//! Each vector names its source. Integers that a standard prints in the
//! usual most-significant-first notation are converted here to the wire
//! encodings (little-endian keys and digests) by [`le`].

use base64::Engine as _;
use digest::Digest;
use proptest::prelude::*;

use super::curves::{CpA, CpB, CpC, CurveSpec, Tc256A, Tc512A, Tc512B, Tc512C, Test512, Test2001};
use super::mul::{mul_base, mul_double_vartime, mul_var};
use super::point::{Affine, F, Jacobian, Projective};
use super::*;
use crypto_bigint::Uint;
use crypto_bigint::modular::{ConstMontyForm, ConstMontyParams};

/// Hex of a big-endian integer as little-endian bytes.
fn le(hex_be: &str) -> Vec<u8> {
    let mut bytes = hex::decode(hex_be.replace([' ', '\n'], "")).unwrap();
    bytes.reverse();
    bytes
}

/// Hex as bytes in the order written.
fn h(hex_str: &str) -> Vec<u8> {
    hex::decode(hex_str.replace([' ', '\n'], "")).unwrap()
}

/// One DER element: (tag, whole encoding, contents, rest of input).
fn der(input: &[u8]) -> (u8, &[u8], &[u8], &[u8]) {
    let tag = input[0];
    let (len, header) = match input[1] {
        l if l < 0x80 => (l as usize, 2),
        0x81 => (input[2] as usize, 3),
        0x82 => (((input[2] as usize) << 8) | input[3] as usize, 4),
        other => panic!("unsupported DER length byte {other:#x}"),
    };
    let end = header + len;
    (tag, &input[..end], &input[header..end], &input[end..])
}

/// Splits a certificate, CRL or CSR into (to-be-signed DER, signature bits).
fn signed_parts(pem_body: &str) -> (Vec<u8>, Vec<u8>) {
    let der_bytes = base64::engine::general_purpose::STANDARD
        .decode(pem_body)
        .unwrap();
    let (tag, _, outer, _) = der(&der_bytes);
    assert_eq!(tag, 0x30);
    let (_, tbs, _, rest) = der(outer);
    let (_, _, _, rest) = der(rest); // signatureAlgorithm
    let (tag, _, bits, _) = der(rest);
    assert_eq!(tag, 0x03);
    assert_eq!(bits[0], 0, "no unused bits");
    (tbs.to_vec(), bits[1..].to_vec())
}

// ---------------------------------------------------------------------------
// Curve parameters

fn check_curve<C: CurveSpec<N>, const N: usize>(curve: Curve) {
    let p = *C::P::PARAMS.modulus().as_ref();
    let q = *C::Q::PARAMS.modulus().as_ref();
    assert!(C::G.is_on_curve(), "{curve}: G on the curve");
    // q·G = O, (q − 1)·G = −G, with both constant-time multiplications.
    assert!(
        bool::from(mul_var::<C, N>(&C::G, &q).is_identity()),
        "{curve}: q·G = O"
    );
    let minus_one = q.wrapping_sub(&Uint::ONE);
    let neg_g = mul_base::<C, N>(&minus_one).to_affine();
    assert!(neg_g.x.eq_vartime(&C::G.x) && neg_g.y.eq_vartime(&C::G.neg().y));
    assert_eq!(
        C::A_IS_MINUS_3,
        C::A == p.wrapping_sub(&Uint::from_u8(3)),
        "{curve}"
    );
    assert_eq!(1u32 << C::COFACTOR_LOG2, curve.cofactor(), "{curve}");
    assert_eq!(q.bit_width_vartime(), curve.order_bits(), "{curve}");
    assert_eq!(8 * N, curve.field_len(), "{curve}");
}

/// Every parameter set: G on the curve, order q, the flags consistent.
#[test]
fn curve_parameters_are_consistent() {
    for curve in Curve::ALL {
        fn run<C: CurveSpec<N>, const N: usize>(curve: Curve) {
            check_curve::<C, N>(curve)
        }
        curves::dispatch!(curve, run(curve));
    }
}

/// RFC 7836 section 5.2: the Weierstrass form of a twisted Edwards curve is
/// a = s² − 3t², b = 2t³ − t·s² with s = (e − d)/4, t = (e + d)/6, and the
/// base point is (s(1 + v)/(1 − v) + t, s(1 + v)/((1 − v)u)). The values of
/// e, d, u, v are those of RFC 7836 appendix A.2.
#[test]
fn edwards_sets_match_their_weierstrass_form() {
    fn check<C: CurveSpec<N>, const N: usize>(e: &str, d: &str, u: &str, v: &str) {
        type M<C, const N: usize> = ConstMontyForm<<C as CurveSpec<N>>::P, N>;
        let val = |s: &str| {
            let bytes = le(&format!("{s:0>width$}", width = 16 * N));
            M::<C, N>::new(&Uint::from_le_slice(&bytes))
        };
        let (e, d, u, v) = (val(e), val(d), val(u), val(v));
        let small = |x: u8| M::<C, N>::new(&Uint::from_u8(x));
        let s = e.sub(&d).mul(&small(4).invert().unwrap());
        let t = e.add(&d).mul(&small(6).invert().unwrap());
        let a = s.square().sub(&small(3).mul(&t.square()));
        let b = small(2).mul(&t.square().mul(&t)).sub(&t.mul(&s.square()));
        assert_eq!(a.retrieve(), C::A);
        assert_eq!(b.retrieve(), C::B);
        let one = M::<C, N>::ONE;
        let x = s
            .mul(&one.add(&v))
            .mul(&one.sub(&v).invert().unwrap())
            .add(&t);
        let y = s
            .mul(&one.add(&v))
            .mul(&one.sub(&v).mul(&u).invert().unwrap());
        assert_eq!(x.retrieve(), C::GX);
        assert_eq!(y.retrieve(), C::GY);
        // The constants the Edwards arithmetic uses, and G's Edwards image.
        assert!(C::EDWARDS);
        assert_eq!(d.retrieve(), C::ED_D);
        assert_eq!(s.retrieve(), C::ED_S);
        assert_eq!(t.retrieve(), C::ED_T);
        let g = super::edwards::from_weierstrass_vartime(&C::G).unwrap();
        let back = super::edwards::Extended::from_niels_for_tests(&g).to_weierstrass();
        assert!(back.x.eq_vartime(&C::G.x) && back.y.eq_vartime(&C::G.y));
        let (gu, gv) = g.coordinates_for_tests();
        assert_eq!(gu.to_uint(), u.retrieve());
        assert_eq!(gv.to_uint(), v.retrieve());
    }
    check::<Tc256A, 4>(
        "01",
        "0605F6B7C183FA81578BC39CFAD518132B9DF62897009AF7E522C32D6DC7BFFB",
        "0D",
        "60CA1E32AA475B348488C38FAB07649CE7EF8DBE87F22E81F92B2592DBA300E7",
    );
    check::<Tc512C, 8>(
        "01",
        "9E4F5D8C017D8D9F13A5CF3CDF5BFE4DAB402D54198E31EBDE28A0621050439C\
         A6B39E0A515C06B304E2CE43E79E369E91A0CFC2BC2A22B4CA302DBB33EE7550",
        "12",
        "469AF79D1FB1F5E16B99592B77A01E2A0FDFB0D01794368D9A56117F7B386695\
         22DD4B650CF789EEBF068C5D139732F0905622C04B2BAAE7600303EE73001A3D",
    );
}

// ---------------------------------------------------------------------------
// Point arithmetic against textbook affine formulas

/// Affine addition with the chord-and-tangent rule (None = infinity).
fn reference_add<C: CurveSpec<N>, const N: usize>(
    p: Option<Affine<C, N>>,
    q: Option<Affine<C, N>>,
) -> Option<Affine<C, N>> {
    let (Some(p), Some(q)) = (p, q) else {
        return p.or(q);
    };
    let lambda = if p.x.eq_vartime(&q.x) {
        if !p.y.eq_vartime(&q.y) || p.y.is_zero_vartime() {
            return None;
        }
        let x2 = p.x.square();
        x2.double()
            .add(&x2)
            .add(&C::A_FE)
            .mul(&p.y.double().invert_vartime())
    } else {
        q.y.sub(&p.y).mul(&q.x.sub(&p.x).invert_vartime())
    };
    let x3 = lambda.square().sub(&p.x).sub(&q.x);
    let y3 = lambda.mul(&p.x.sub(&x3)).sub(&p.y);
    Some(Affine::from_fe(x3, y3))
}

fn reference_mul<C: CurveSpec<N>, const N: usize>(
    k: &Uint<N>,
    p: &Affine<C, N>,
) -> Option<Affine<C, N>> {
    let mut acc = None;
    for i in (0..64 * N as u32).rev() {
        acc = reference_add(acc, acc);
        if k.bit_vartime(i) {
            acc = reference_add(acc, Some(*p));
        }
    }
    acc
}

fn projective_to_option<C: CurveSpec<N>, const N: usize>(
    p: &Projective<C, N>,
) -> Option<Affine<C, N>> {
    (!bool::from(p.is_identity())).then(|| p.to_affine())
}

fn jacobian_to_option<C: CurveSpec<N>, const N: usize>(p: &Jacobian<C, N>) -> Option<Affine<C, N>> {
    if p.is_identity_vartime() {
        return None;
    }
    let zinv = p.z.invert_vartime();
    let zinv2 = zinv.square();
    Some(Affine::from_fe(p.x.mul(&zinv2), p.y.mul(&zinv2).mul(&zinv)))
}

fn same<C: CurveSpec<N>, const N: usize>(a: Option<Affine<C, N>>, b: Option<Affine<C, N>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.x.eq_vartime(&b.x) && a.y.eq_vartime(&b.y),
        _ => false,
    }
}

/// The complete projective and the Jacobian formulas agree with the affine
/// chord-and-tangent rule, including P + P, P + (−P) and the identity.
fn check_formulas<C: CurveSpec<N>, const N: usize>(k1: u64, k2: u64) {
    let g = C::G;
    let p = reference_mul(&Uint::from_u64(k1), &g).unwrap();
    let q = reference_mul(&Uint::from_u64(k2), &g).unwrap();
    let pp = p.to_projective();
    let pj = p.to_jacobian();
    for (a, b) in [(p, q), (p, p), (p, p.neg())] {
        let expect = reference_add(Some(a), Some(b));
        let (ap, bp) = (a.to_projective(), b.to_projective());
        assert!(same(projective_to_option(&ap.add(&bp)), expect));
        assert!(same(projective_to_option(&ap.add_mixed(&b)), expect));
        assert!(same(
            jacobian_to_option(&a.to_jacobian().add_vartime(&b.to_jacobian())),
            expect
        ));
        assert!(same(
            jacobian_to_option(&a.to_jacobian().add_mixed_vartime(&b)),
            expect
        ));
    }
    let doubled = reference_add(Some(p), Some(p));
    assert!(same(projective_to_option(&pp.double()), doubled));
    assert!(same(jacobian_to_option(&pj.double_vartime()), doubled));
    let o = Projective::<C, N>::IDENTITY;
    assert!(same(projective_to_option(&o.add(&pp)), Some(p)));
    assert!(same(projective_to_option(&pp.add(&o)), Some(p)));
    assert!(same(projective_to_option(&o.add_mixed(&p)), Some(p)));
    assert!(bool::from(o.double().is_identity()));
    // Scalar multiplications against the double-and-add reference.
    let k = Uint::<N>::from_u64(k1).wrapping_mul(&Uint::<N>::from_u64(k2 | 1));
    let expect = reference_mul(&k, &g);
    assert!(same(projective_to_option(&mul_base::<C, N>(&k)), expect));
    assert!(same(projective_to_option(&mul_var::<C, N>(&g, &k)), expect));
    assert!(same(
        jacobian_to_option(&mul_double_vartime::<C, N>(&k, &q, &Uint::ZERO)),
        expect
    ));
    let both = reference_add(expect, reference_mul(&Uint::from_u64(k1), &q));
    assert!(same(
        jacobian_to_option(&mul_double_vartime::<C, N>(&k, &q, &Uint::from_u64(k1))),
        both
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn formulas_match_reference(k1 in 1u64.., k2 in 1u64..) {
        check_formulas::<Test2001, 4>(k1, k2);
        check_formulas::<CpA, 4>(k1, k2);
        check_formulas::<CpB, 4>(k1, k2);
        check_formulas::<CpC, 4>(k1, k2);
        check_formulas::<Tc256A, 4>(k1, k2);
        check_formulas::<Test512, 8>(k1, k2);
        check_formulas::<Tc512A, 8>(k1, k2);
        check_formulas::<Tc512B, 8>(k1, k2);
        check_formulas::<Tc512C, 8>(k1, k2);
    }
}

/// Full-size scalars: comb (Weierstrass and, for the twisted Edwards sets,
/// Edwards), fixed window and wNAF agree with the reference, and the
/// verification combination (Jacobian or Edwards) finds the right x.
#[test]
fn full_size_scalars_agree() {
    fn check<C: CurveSpec<N>, const N: usize>() {
        let mut rng = getrandom::SysRng;
        for _ in 0..3 {
            let k = super::scalar::random_scalar::<C, N, _>(&mut rng).unwrap();
            let k2 = super::scalar::random_scalar::<C, N, _>(&mut rng).unwrap();
            let expect = reference_mul(&k, &C::G);
            assert!(same(Some(super::mul::mul_base_affine::<C, N>(&k)), expect));
            let q = reference_mul(&k2, &C::G).unwrap();
            let sum = reference_add(expect, reference_mul(&k, &q)).unwrap();
            let combined = super::mul::combine_vartime::<C, N>(&k, &q, &k);
            assert!(combined.x_is_vartime(&sum.x));
            assert!(!combined.x_is_vartime(&sum.x.add(&F::<C, N>::ONE)));
            assert!(same(projective_to_option(&mul_base::<C, N>(&k)), expect));
            assert!(same(
                projective_to_option(&mul_var::<C, N>(&C::G, &k)),
                expect
            ));
            assert!(same(
                jacobian_to_option(&mul_double_vartime::<C, N>(&Uint::ZERO, &C::G, &k)),
                expect
            ));
        }
    }
    check::<Test2001, 4>();
    check::<CpA, 4>();
    check::<CpB, 4>();
    check::<CpC, 4>();
    check::<Tc256A, 4>();
    check::<Test512, 8>();
    check::<Tc512A, 8>();
    check::<Tc512B, 8>();
    check::<Tc512C, 8>();
}

/// The Edwards formulas agree with the Weierstrass ones through the maps of
/// RFC 7836 section 5.2, including the neutral element and the point of
/// order 2, on which the Edwards law is still complete.
#[test]
fn edwards_arithmetic_matches_weierstrass() {
    use super::edwards::{Extended, from_weierstrass_vartime};
    fn check<C: CurveSpec<N>, const N: usize>() {
        let mut rng = getrandom::SysRng;
        let a = reference_mul(
            &super::scalar::random_scalar::<C, N, _>(&mut rng).unwrap(),
            &C::G,
        )
        .unwrap();
        let b = reference_mul(
            &super::scalar::random_scalar::<C, N, _>(&mut rng).unwrap(),
            &C::G,
        )
        .unwrap();
        let (ea, eb) = (
            from_weierstrass_vartime(&a).unwrap(),
            from_weierstrass_vartime(&b).unwrap(),
        );
        let xa = Extended::from_niels_for_tests(&ea);
        let sum = xa.add_niels(&eb).to_weierstrass();
        assert!(same(Some(sum), reference_add(Some(a), Some(b))));
        let twice = xa.double().to_weierstrass();
        assert!(same(Some(twice), reference_add(Some(a), Some(a))));
        let same_twice = xa.add_niels(&ea).to_weierstrass();
        assert!(same(Some(same_twice), reference_add(Some(a), Some(a))));
        // P + (−P) is the neutral element; O + P = P.
        let mut neg = ea;
        neg.conditional_negate(subtle::Choice::from(1));
        let zero = xa.add_niels(&neg);
        assert!(!zero.weierstrass_x_is_vartime(&a.x));
        let back = Extended::<C, N>::IDENTITY.add_niels(&ea).to_weierstrass();
        assert!(same(Some(back), Some(a)));
    }
    check::<Tc256A, 4>();
    check::<Tc512C, 8>();
}

// ---------------------------------------------------------------------------
// Signatures: the standards' worked examples

/// RFC 5832 section 7 (GOST R 34.10-2001) and RFC 7091 section 7
/// (GOST R 34.10-2012, 256-bit), which print the same example on
/// id-GostR3410-2001-TestParamSet: d, Q, e, k, r and s.
#[test]
fn rfc7091_section7_example() {
    let key = SigningKey::from_le_bytes(
        Curve::Gost2001Test,
        &le("7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28"),
    )
    .unwrap();
    let mut q = le("7F2B49E270DB6D90D8595BEC458B50C58585BA1D4E9B788F6689DBD8E56FD80B");
    q.extend(le(
        "26F1B489D6701DD185C8413A977B3CBBAF64D1C593D26627DFFB101A87FF77DA",
    ));
    assert_eq!(key.public_key().as_le_bytes(), &q[..]);
    // e is printed as an integer; the digest that yields it is its
    // little-endian encoding.
    let digest = le("2DFBC1B372D89A1188C09C52E0EEC61FCE52032AB1022E8E67ECE6672B043EE5");
    let k = le("77105C9B20BCD3122823C8CF6FCC7B956DE33814E95B7FE64FED924594DCEAB3");
    let signature = key.sign_digest_with_k(&digest, &k).unwrap();
    let r = "41AA28D2F1AB148280CD9ED56FEDA41974053554A42767B83AD043FD39DC0493";
    let s = "01456C64BA4642A1653C235A98A60249BCD6D3F746B631DF928014F6C5BF9C40";
    assert_eq!(hex::encode_upper(&signature), format!("{s}{r}"));
    let public = PublicKey::from_le_bytes(Curve::Gost2001Test, &q).unwrap();
    public.verify_digest(&digest, &signature).unwrap();
}

/// GOST R 34.10-2012 appendix A.2 (the standard's 512-bit example, on
/// id-tc26-gost-3410-2012-512-paramSetTest). RFC 7091 reproduces only the
/// 256-bit example; these values are the standard's as printed in several
/// independent implementations' tests (pygost, libakrypt, a Java ECGOST
/// test), and RFC 9215 appendix D.3 confirms d, Q and r (see
/// `rfc9215_d3_512_test_parameters`).
#[test]
fn gost_r_34_10_2012_example_a2() {
    let key = SigningKey::from_le_bytes(
        Curve::Tc26Gost512Test,
        &le(
            "0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B1020\
             72E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4",
        ),
    )
    .unwrap();
    let mut q = le(
        "115DC5BC96760C7B48598D8AB9E740D4C4A85A65BE33C1815B5C320C854621DD\
                    5A515856D13314AF69BC5B924C8B4DDFF75C45415C1D9DD9DD33612CD530EFE1",
    );
    q.extend(le(
        "37C7C90CD40B0F5621DC3AC1B751CFA0E2634FA0503B3D52639F5D7FB72AFD61\
                 EA199441D943FFE7F0C70A2759A3CDB84C114E1F9339FDF27F35ECA93677BEEC",
    ));
    assert_eq!(key.public_key().as_le_bytes(), &q[..]);
    let digest = le(
        "3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C591\
                     7184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8C",
    );
    let k = le(
        "0359E7F4B1410FEACC570456C6801496946312120B39D019D455986E364F3658\
                86748ED7A44B3E794434006011842286212273A6D14CF70EA3AF71BB1AE679F1",
    );
    let signature = key.sign_digest_with_k(&digest, &k).unwrap();
    let r = "2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD3\
             5492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36";
    let s = "1081B394696FFE8E6585E7A9362D26B6325F56778AADBC081C0BFBE933D52FF5\
             823CE288E8C4F362526080DF7F70CE406A6EEB1F56919CB92A9853BDE73E5B4A";
    assert_eq!(hex::encode_upper(&signature), format!("{s}{r}"));
    key.public_key().verify_digest(&digest, &signature).unwrap();
}

/// RFC 4491 section 4.2: a GOST R 34.10-2001 self-signed certificate on
/// id-GostR3410-2001-CryptoPro-XchA-ParamSet, signed with GOST R 34.11-94
/// (CryptoPro parameters). The RFC gives d, the public point and r, s; the
/// signature BIT STRING is s‖r and the public key OCTET STRING X‖Y, both as
/// this module encodes them.
#[test]
fn rfc4491_section_4_2_certificate() {
    let (tbs, signature) = signed_parts(RFC4491_CERT_2001);
    let key = SigningKey::from_le_bytes(
        Curve::CryptoProXchA,
        &le("0B293BE050D0082BDAE785631A6BAB68F35B42786D6DDA56AFAF169891040F77"),
    )
    .unwrap();
    let mut q = le("577E324FE70F2B6DF45C437A0305E5FD2C89318C13CD0875401A026075689584");
    q.extend(le(
        "601AEACABC660FDFB0CBC7567EBBA6EA8DE40FAE857C9AD0038895B916CCEB8F",
    ));
    assert_eq!(key.public_key().as_le_bytes(), &q[..]);
    assert_eq!(
        hex::encode_upper(&signature),
        "3C2FC90944B727A9ECA7D5E9FB536DD2C3AA647C442EDEED3116454FBC543FDD\
         C1DE176E8D1BEC71B593F3DD36935577688989176220F4DAB131D5B51C33DEE2"
    );
    let digest = gost94::Gost94CryptoPro::digest(&tbs);
    let public = PublicKey::from_le_bytes(Curve::CryptoProXchA, &q).unwrap();
    public.verify_digest(&digest, &signature).unwrap();
    // The same key on the CryptoPro-A set (same curve) verifies too.
    PublicKey::from_le_bytes(Curve::CryptoProA, &q)
        .unwrap()
        .verify_digest(&digest, &signature)
        .unwrap();
}

/// RFC 9215 appendix D.1: certificate request, certificate and CRL signed
/// with GOST R 34.10-2012 (256) and Streebog-256 on the 2001 test set. The
/// signatures reuse RFC 7091's nonce (their r is that example's r), so
/// signing the same to-be-signed bytes with that k must give them exactly.
#[test]
fn rfc9215_d1_2001_test_parameters() {
    let key = SigningKey::from_le_bytes(
        Curve::Gost2001Test,
        &le("7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28"),
    )
    .unwrap();
    let k = le("77105C9B20BCD3122823C8CF6FCC7B956DE33814E95B7FE64FED924594DCEAB3");
    for pem in [RFC9215_D1_CSR, RFC9215_D1_CERT, RFC9215_D1_CRL] {
        let (tbs, signature) = signed_parts(pem);
        let digest = streebog::Streebog256::digest(&tbs);
        key.public_key().verify_digest(&digest, &signature).unwrap();
        assert_eq!(key.sign_digest_with_k(&digest, &k).unwrap(), signature);
    }
}

/// RFC 9215 appendix D.2: the same three objects on
/// id-tc26-gost-3410-2012-256-paramSetA (the twisted Edwards curve in
/// Weierstrass form); d and the public point as the RFC gives them.
#[test]
fn rfc9215_d2_tc26_256_a() {
    let key = SigningKey::from_le_bytes(
        Curve::Tc26Gost256A,
        &le("3A929ADE789BB9BE10ED359DD39A72C10B87C83F80BE18B85C041F4325B62EC1"),
    )
    .unwrap();
    let mut q = le("99C3DF265EA59350640BA69D1DE04418AF3FEA03EC0F85F2DD84E8BED4952774");
    q.extend(le(
        "E218631A69C47C122E2D516DA1C09E6BD19344D94389D1F16C0C4D4DCF96F578",
    ));
    assert_eq!(key.public_key().as_le_bytes(), &q[..]);
    for pem in [RFC9215_D2_CSR, RFC9215_D2_CERT, RFC9215_D2_CRL] {
        let (tbs, signature) = signed_parts(pem);
        let digest = streebog::Streebog256::digest(&tbs);
        key.public_key().verify_digest(&digest, &signature).unwrap();
    }
}

/// RFC 9215 appendix D.3: the 512-bit test set with Streebog-512. These
/// signatures reuse the nonce of GOST R 34.10-2012 example A.2.
#[test]
fn rfc9215_d3_512_test_parameters() {
    let key = SigningKey::from_le_bytes(
        Curve::Tc26Gost512Test,
        &le(
            "0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B1020\
             72E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4",
        ),
    )
    .unwrap();
    let k = le(
        "0359E7F4B1410FEACC570456C6801496946312120B39D019D455986E364F3658\
                86748ED7A44B3E794434006011842286212273A6D14CF70EA3AF71BB1AE679F1",
    );
    for pem in [RFC9215_D3_CSR, RFC9215_D3_CERT, RFC9215_D3_CRL] {
        let (tbs, signature) = signed_parts(pem);
        let digest = streebog::Streebog512::digest(&tbs);
        key.public_key().verify_digest(&digest, &signature).unwrap();
        assert_eq!(key.sign_digest_with_k(&digest, &k).unwrap(), signature);
    }
}

// ---------------------------------------------------------------------------
// VKO

/// RFC 7836 appendix B, examples 7 and 8: VKO_GOSTR3410_2012_256 and
/// VKO_GOSTR3410_2012_512 with 512-bit keys on
/// id-tc26-gost-3410-12-512-paramSetA. Keys and UKM are printed as byte
/// strings in wire order (little-endian).
#[test]
fn rfc7836_b7_b8_vko() {
    let ukm = h("1d80603c8544c727");
    let a = SigningKey::from_le_bytes(
        Curve::Tc26Gost512A,
        &h(
            "c990ecd972fce84ec4db022778f50fcac726f46708384b8d458304962d7147f8\
            c2db41cef22c90b102f2968404f9b9be6d47c79692d81826b32b8daca43cb667",
        ),
    )
    .unwrap();
    let a_pub = h(
        "aab0eda4abff21208d18799fb9a8556654ba783070eba10cb9abb253ec56dcf5\
                   d3ccba6192e464e6e5bcb6dea137792f2431f6c897eb1b3c0cc14327b1adc0a7\
                   914613a3074e363aedb204d38d3563971bd8758e878c9db11403721b48002d38\
                   461f92472d40ea92f9958c0ffa4c93756401b97f89fdbe0b5e46e4a4631cdb5a",
    );
    let b = SigningKey::from_le_bytes(
        Curve::Tc26Gost512A,
        &h(
            "48c859f7b6f11585887cc05ec6ef1390cfea739b1a18c0d4662293ef63b79e3b\
            8014070b44918590b4b996acfea4edfbbbcccc8c06edd8bf5bda92a51392d0db",
        ),
    )
    .unwrap();
    let b_pub = h(
        "192fe183b9713a077253c72c8735de2ea42a3dbc66ea317838b65fa32523cd5e\
                   fca974eda7c863f4954d1147f1f2b25c395fce1c129175e876d132e94ed5a651\
                   04883b414c9b592ec4dc84826f07d0b6d9006dda176ce48c391e3f97d102e03b\
                   b598bf132a228a45f7201aba08fc524a2d77e43a362ab022ad4028f75bde3b79",
    );
    assert_eq!(a.public_key().as_le_bytes(), &a_pub[..]);
    assert_eq!(b.public_key().as_le_bytes(), &b_pub[..]);
    let kek256 = h("c9a9a77320e2cc559ed72dce6f47e2192ccea95fa648670582c054c0ef36c221");
    let kek512 = h(
        "79f002a96940ce7bde3259a52e015297adaad84597a0d205b50e3e1719f97bfa\
                    7ee1d2661fa9979a5aa235b558a7e6d9f88f982dd63fc35a8ec0dd5e242d3bdf",
    );
    for (ours, theirs) in [(&a, &b), (&b, &a)] {
        let k = vko_gostr3410_2012_256(ours, theirs.public_key(), &ukm).unwrap();
        assert_eq!(k.to_vec(), kek256);
        let k = vko_gostr3410_2012_512(ours, theirs.public_key(), &ukm).unwrap();
        assert_eq!(k.to_vec(), kek512);
    }
}

/// VKO GOST R 34.10-2001 (RFC 4357 section 5.2). RFC 4357 has no worked
/// example; this vector (2001 test set, UKM 5172be25f852a233) is pygost's
/// `test_gost3410_vko.py`, and `tests/gost_interop.rs` checks the function
/// against gost-engine's derivation on every 256-bit set.
#[test]
fn vko_2001_pygost_vector() {
    let ukm = h("5172be25f852a233");
    let a = SigningKey::from_le_bytes(
        Curve::Gost2001Test,
        &h("1df129e43dab345b68f6a852f4162dc69f36b2f84717d08755cc5c44150bf928"),
    )
    .unwrap();
    let b = SigningKey::from_le_bytes(
        Curve::Gost2001Test,
        &h("5b9356c6474f913f1e83885ea0edd5df1a43fd9d799d219093241157ac9ed473"),
    )
    .unwrap();
    let kek = h("ee4618a0dbb10cb31777b4b86a53d9e7ef6cb3e400101410f0c0f2af46c494a6");
    assert_eq!(
        vko_gostr3410_2001(&a, b.public_key(), &ukm)
            .unwrap()
            .to_vec(),
        kek
    );
    assert_eq!(
        vko_gostr3410_2001(&b, a.public_key(), &ukm)
            .unwrap()
            .to_vec(),
        kek
    );
}

/// Both sides agree on every curve, including the cofactor-4 ones, and the
/// variant checks hold.
#[test]
fn vko_agrees_on_every_curve() {
    for curve in Curve::ALL {
        let a = SigningKey::generate(curve).unwrap();
        let b = SigningKey::generate(curve).unwrap();
        let ukm = [1, 2, 3, 4, 5, 6, 7, 8];
        assert_eq!(
            vko_gostr3410_2012_256(&a, b.public_key(), &ukm).unwrap(),
            vko_gostr3410_2012_256(&b, a.public_key(), &ukm).unwrap()
        );
        if curve.field_len() == 32 {
            assert_eq!(
                vko_gostr3410_2001(&a, b.public_key(), &ukm).unwrap(),
                vko_gostr3410_2001(&b, a.public_key(), &ukm).unwrap()
            );
            assert!(vko_gostr3410_2012_512(&a, b.public_key(), &ukm).is_err());
        } else {
            assert_eq!(
                vko_gostr3410_2012_512(&a, b.public_key(), &ukm).unwrap(),
                vko_gostr3410_2012_512(&b, a.public_key(), &ukm).unwrap()
            );
            assert!(vko_gostr3410_2001(&a, b.public_key(), &ukm).is_err());
        }
        // An empty or zero UKM means 1.
        assert_eq!(
            vko_gostr3410_2012_256(&a, b.public_key(), &[]).unwrap(),
            vko_gostr3410_2012_256(&a, b.public_key(), &[1]).unwrap()
        );
        assert_eq!(
            vko_gostr3410_2012_256(&a, b.public_key(), &[0; 8]).unwrap(),
            vko_gostr3410_2012_256(&a, b.public_key(), &[1]).unwrap()
        );
        let too_long = vec![1u8; curve.field_len() + 1];
        assert!(vko_gostr3410_2012_256(&a, b.public_key(), &too_long).is_err());
    }
    let a = SigningKey::generate(Curve::CryptoProA).unwrap();
    let b = SigningKey::generate(Curve::CryptoProB).unwrap();
    assert!(matches!(
        vko_gostr3410_2012_256(&a, b.public_key(), &[1]),
        Err(Error::CurveMismatch { .. })
    ));
}

/// On a cofactor-4 curve a peer point of small order gives the point at
/// infinity, never a key. (t, 0) with t = (e + d)/6 is a root of
/// x³ + ax + b for the Weierstrass form of RFC 7836 section 5.2, so it has
/// order 2.
#[test]
fn vko_rejects_small_order_peer() {
    fn check<C: CurveSpec<N>, const N: usize>(curve: Curve, d_hex: &str) {
        type M<C, const N: usize> = ConstMontyForm<<C as CurveSpec<N>>::P, N>;
        let d = M::<C, N>::new(&Uint::from_le_slice(&le(&format!(
            "{d_hex:0>width$}",
            width = 16 * N
        ))));
        let t = M::<C, N>::ONE
            .add(&d)
            .mul(&M::<C, N>::new(&Uint::from_u8(6)).invert().unwrap());
        let mut encoded = vec![0u8; 16 * N];
        let point = Affine::<C, N>::from_fe(
            F::<C, N>::from_uint(&t.retrieve()).unwrap(),
            F::<C, N>::ZERO,
        );
        assert!(point.is_on_curve());
        point.write_le_bytes(&mut encoded);
        let peer = PublicKey::from_le_bytes(curve, &encoded).unwrap();
        let ours = SigningKey::generate(curve).unwrap();
        assert_eq!(
            vko_gostr3410_2012_256(&ours, &peer, &[1, 2, 3]),
            Err(Error::SharedPointAtInfinity)
        );
        let digest = vec![1u8; 8 * N];
        let signature = ours.sign_digest(&digest).unwrap();
        assert!(peer.verify_digest(&digest, &signature).is_err());
    }
    check::<Tc256A, 4>(
        Curve::Tc26Gost256A,
        "0605F6B7C183FA81578BC39CFAD518132B9DF62897009AF7E522C32D6DC7BFFB",
    );
    check::<Tc512C, 8>(
        Curve::Tc26Gost512C,
        "9E4F5D8C017D8D9F13A5CF3CDF5BFE4DAB402D54198E31EBDE28A0621050439C\
         A6B39E0A515C06B304E2CE43E79E369E91A0CFC2BC2A22B4CA302DBB33EE7550",
    );
}

// ---------------------------------------------------------------------------
// Encodings and error paths

#[test]
fn rejects_malformed_inputs() {
    let key = SigningKey::generate(Curve::CryptoProA).unwrap();
    let public = key.public_key();
    let digest = [0x55u8; 32];
    let signature = key.sign_digest(&digest).unwrap();
    assert!(matches!(
        public.verify_digest(&digest[..31], &signature),
        Err(Error::DigestLength { .. })
    ));
    assert!(matches!(
        public.verify_digest(&digest, &signature[..63]),
        Err(Error::SignatureLength { .. })
    ));
    // r = 0, s = 0, r = q, s = q.
    let q_be = h("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF6C611070995AD10045841B09B761B893");
    for (s_part, r_part) in [
        (&signature[..32], &[0u8; 32][..]),
        (&[0u8; 32][..], &signature[32..]),
        (&signature[..32], &q_be[..]),
        (&q_be[..], &signature[32..]),
    ] {
        let forged = [s_part, r_part].concat();
        assert_eq!(
            public.verify_digest(&digest, &forged),
            Err(Error::InvalidSignature)
        );
    }
    // Keys: wrong length, coordinate ≥ p, not on the curve, d = 0, d = q.
    assert!(PublicKey::from_le_bytes(Curve::CryptoProA, &[0u8; 63]).is_err());
    assert!(PublicKey::from_le_bytes(Curve::CryptoProA, &[0xFFu8; 64]).is_err());
    let mut off_curve = public.as_le_bytes().to_vec();
    off_curve[40] ^= 1;
    assert!(PublicKey::from_le_bytes(Curve::CryptoProA, &off_curve).is_err());
    assert!(PublicKey::from_le_bytes(Curve::CryptoProA, &[0u8; 64]).is_err());
    assert_eq!(
        SigningKey::from_le_bytes(Curve::CryptoProA, &[0u8; 32]).unwrap_err(),
        Error::InvalidPrivateKey
    );
    let mut q_le = q_be.clone();
    q_le.reverse();
    assert_eq!(
        SigningKey::from_le_bytes(Curve::CryptoProA, &q_le).unwrap_err(),
        Error::InvalidPrivateKey
    );
    assert!(SigningKey::from_le_bytes(Curve::CryptoProA, &[1u8; 64]).is_err());
    // r‖s instead of s‖r does not verify.
    let swapped = [&signature[32..], &signature[..32]].concat();
    assert_eq!(
        public.verify_digest(&digest, &swapped),
        Err(Error::InvalidSignature)
    );
    // The key round-trips through its encoding.
    let again = SigningKey::from_le_bytes(Curve::CryptoProA, &key.to_le_bytes()).unwrap();
    assert_eq!(again.public_key(), public);
    assert!(key.sign_digest(&[0u8; 64]).is_err());
    // The secret never shows in Debug.
    let shown = format!("{key:?}");
    assert!(!shown.contains(&hex::encode(&*key.to_le_bytes())));
}

// ---------------------------------------------------------------------------
// Property tests: round trips and tampering on every curve

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// Sign → verify round-trips on every parameter set with random keys and
    /// digests, and flipping any one bit of the digest, the signature or the
    /// public key makes verification fail.
    #[test]
    fn sign_verify_round_trip(
        curve_index in 0usize..Curve::ALL.len(),
        message in proptest::collection::vec(any::<u8>(), 0..100),
        flip in any::<proptest::sample::Index>(),
    ) {
        let curve = Curve::ALL[curve_index];
        let key = SigningKey::generate(curve).unwrap();
        let digest = if curve.field_len() == 32 {
            streebog::Streebog256::digest(&message).to_vec()
        } else {
            streebog::Streebog512::digest(&message).to_vec()
        };
        let signature = key.sign_digest(&digest).unwrap();
        prop_assert_eq!(signature.len(), curve.signature_len());
        let public = key.public_key();
        prop_assert!(public.verify_digest(&digest, &signature).is_ok());

        let mut bad_digest = digest.clone();
        let bit = flip.index(8 * bad_digest.len());
        bad_digest[bit / 8] ^= 1 << (bit % 8);
        prop_assert!(public.verify_digest(&bad_digest, &signature).is_err());

        let mut bad_signature = signature.clone();
        let bit = flip.index(8 * bad_signature.len());
        bad_signature[bit / 8] ^= 1 << (bit % 8);
        prop_assert!(public.verify_digest(&digest, &bad_signature).is_err());

        let mut bad_key = public.as_le_bytes().to_vec();
        let bit = flip.index(8 * bad_key.len());
        bad_key[bit / 8] ^= 1 << (bit % 8);
        // A flipped key is almost always off the curve; if it happens to be
        // a point, it must not verify.
        if let Ok(other) = PublicKey::from_le_bytes(curve, &bad_key) {
            prop_assert!(other.verify_digest(&digest, &signature).is_err());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Arbitrary bytes as a public key, a signature or a digest give an
    /// error or a verdict, never a panic.
    #[test]
    fn arbitrary_inputs_never_panic(
        curve_index in 0usize..Curve::ALL.len(),
        key_bytes in proptest::collection::vec(any::<u8>(), 0..140),
        signature in proptest::collection::vec(any::<u8>(), 0..140),
        digest in proptest::collection::vec(any::<u8>(), 0..70),
    ) {
        let curve = Curve::ALL[curve_index];
        let _ = SigningKey::from_le_bytes(curve, &key_bytes);
        if let Ok(public) = PublicKey::from_le_bytes(curve, &key_bytes) {
            let _ = public.verify_digest(&digest, &signature);
        }
        let key = SigningKey::from_le_bytes(curve, &vec![0x11; curve.field_len()]).unwrap();
        let result = key.public_key().verify_digest(&digest, &signature);
        prop_assert!(result.is_err());
        let _ = vko_gostr3410_2012_256(&key, key.public_key(), &digest);
    }
}

// ---------------------------------------------------------------------------
// Test material: PEM bodies copied from the RFCs.

/// RFC 4491 section 4.2, "GOST R 34.10-2001 Certificate".
const RFC4491_CERT_2001: &str = concat!(
    "MIIB0DCCAX8CECv1xh7CEb0Xx9zUYma0LiEwCAYGKoUDAgIDMG0xHzAdBgNVBAMM",
    "Fkdvc3RSMzQxMC0yMDAxIGV4YW1wbGUxEjAQBgNVBAoMCUNyeXB0b1BybzELMAkG",
    "A1UEBhMCUlUxKTAnBgkqhkiG9w0BCQEWGkdvc3RSMzQxMC0yMDAxQGV4YW1wbGUu",
    "Y29tMB4XDTA1MDgxNjE0MTgyMFoXDTE1MDgxNjE0MTgyMFowbTEfMB0GA1UEAwwW",
    "R29zdFIzNDEwLTIwMDEgZXhhbXBsZTESMBAGA1UECgwJQ3J5cHRvUHJvMQswCQYD",
    "VQQGEwJSVTEpMCcGCSqGSIb3DQEJARYaR29zdFIzNDEwLTIwMDFAZXhhbXBsZS5j",
    "b20wYzAcBgYqhQMCAhMwEgYHKoUDAgIkAAYHKoUDAgIeAQNDAARAhJVodWACGkB1",
    "CM0TjDGJLP3lBQN6Q1z0bSsP508yfleP68wWuZWIA9CafIWuD+SN6qa7flbHy7Df",
    "D2a8yuoaYDAIBgYqhQMCAgMDQQA8L8kJRLcnqeyn1en7U23Sw6pkfEQu3u0xFkVP",
    "vFQ/3cHeF26NG+xxtZPz3TaTVXdoiYkXYiD02rEx1bUcM97i",
);

/// RFC 9215 appendix D.1.1.
const RFC9215_D1_CSR: &str = concat!(
    "MIHTMIGBAgEAMBIxEDAOBgNVBAMTB0V4YW1wbGUwZjAfBggqhQMHAQEBATATBgcq",
    "hQMCAiMABggqhQMHAQECAgNDAARAC9hv5djbiWaPeJtOHbqFhcVQi0XsW1nYkG3b",
    "cOJJK3/ad/+HGhD73ydm0pPF0WSvuzx7lzpByIXRHXDWibTxJqAAMAoGCCqFAwcB",
    "AQMCA0EAaqqzjjXUqqUXlAMBeZEi2FVIT1efTLuW1jzf3zrMQypBqijS8asUgoDN",
    "ntVv7aQZdAU1VKQnZ7g60EP9OdwEkw==",
);

/// RFC 9215 appendix D.1.2.
const RFC9215_D1_CERT: &str = concat!(
    "MIIBLTCB26ADAgECAgEKMAoGCCqFAwcBAQMCMBIxEDAOBgNVBAMTB0V4YW1wbGUw",
    "IBcNMDEwMTAxMDAwMDAwWhgPMjA1MDEyMzEwMDAwMDBaMBIxEDAOBgNVBAMTB0V4",
    "YW1wbGUwZjAfBggqhQMHAQEBATATBgcqhQMCAiMABggqhQMHAQECAgNDAARAC9hv",
    "5djbiWaPeJtOHbqFhcVQi0XsW1nYkG3bcOJJK3/ad/+HGhD73ydm0pPF0WSvuzx7",
    "lzpByIXRHXDWibTxJqMTMBEwDwYDVR0TAQH/BAUwAwEB/zAKBggqhQMHAQEDAgNB",
    "AE1T8BL+CBd2UH1Nm7gfAO/bTu/Uq4O6xLrPc1Fzz6gcQaoo0vGrFIKAzZ7Vb+2k",
    "GXQFNVSkJ2e4OtBD/TncBJM=",
);

/// RFC 9215 appendix D.1.3.
const RFC9215_D1_CRL: &str = concat!(
    "MIGSMEECAQEwCgYIKoUDBwEBAwIwEjEQMA4GA1UEAxMHRXhhbXBsZRcNMTQwMTAx",
    "MDAwMDAwWhcNMTQwMTAyMDAwMDAwWjAKBggqhQMHAQEDAgNBAEK/OSoU0+vpV68+",
    "RstQv19CIaADrT0XJ1PJSpw3ox0gQaoo0vGrFIKAzZ7Vb+2kGXQFNVSkJ2e4OtBD",
    "/TncBJM=",
);

/// RFC 9215 appendix D.2.1.
const RFC9215_D2_CSR: &str = concat!(
    "MIHKMHkCAQAwEjEQMA4GA1UEAxMHRXhhbXBsZTBeMBcGCCqFAwcBAQEBMAsGCSqF",
    "AwcBAgEBAQNDAARAdCeV1L7ohN3yhQ/sA+o/rxhE4B2dpgtkUJOlXibfw5l49ZbP",
    "TU0MbPHRiUPZRJPRa57AoW1RLS4SfMRpGmMY4qAAMAoGCCqFAwcBAQMCA0EAG9wq",
    "Exdnm2YjL2PqFv98ZMyqua2FX8bhgJFmHbedSBIdDh2lvjR8bxtSVseurCAK1krH",
    "em9bOg4Jcxjnrm7naQ==",
);

/// RFC 9215 appendix D.2.2.
const RFC9215_D2_CERT: &str = concat!(
    "MIIBJTCB06ADAgECAgEKMAoGCCqFAwcBAQMCMBIxEDAOBgNVBAMTB0V4YW1wbGUw",
    "IBcNMDEwMTAxMDAwMDAwWhgPMjA1MDEyMzEwMDAwMDBaMBIxEDAOBgNVBAMTB0V4",
    "YW1wbGUwXjAXBggqhQMHAQEBATALBgkqhQMHAQIBAQEDQwAEQHQnldS+6ITd8oUP",
    "7APqP68YROAdnaYLZFCTpV4m38OZePWWz01NDGzx0YlD2UST0WuewKFtUS0uEnzE",
    "aRpjGOKjEzARMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoUDBwEBAwIDQQAUC02pEksJ",
    "yw1c6Sjuh0JzoxASlJLsDik2njt5EkhXjB0OHaW+NHxvG1JWx66sIArWSsd6b1s6",
    "DglzGOeubudp",
);

/// RFC 9215 appendix D.2.3.
const RFC9215_D2_CRL: &str = concat!(
    "MIGSMEECAQEwCgYIKoUDBwEBAwIwEjEQMA4GA1UEAxMHRXhhbXBsZRcNMTQwMTAx",
    "MDAwMDAwWhcNMTQwMTAyMDAwMDAwWjAKBggqhQMHAQEDAgNBABS9aAh8O5A8eqKL",
    "B/6y571v4JY/VjJnNZ9c2Oq0UFmtHQ4dpb40fG8bUlbHrqwgCtZKx3pvWzoOCXMY",
    "565u52k=",
);

/// RFC 9215 appendix D.3.1.
const RFC9215_D3_CSR: &str = concat!(
    "MIIBTzCBvAIBADASMRAwDgYDVQQDEwdFeGFtcGxlMIGgMBcGCCqFAwcBAQECMAsG",
    "CSqFAwcBAgECAAOBhAAEgYDh7zDVLGEz3dmdHVxBRVz3302LTJJbvGmvFDPRVlhR",
    "Wt0hRoUMMlxbgcEzvmVaqMTUQOe5io1ZSHsMdpa8xV0R7L53NqnsNX/y/TmTH04R",
    "TLjNo1knCsfw5/9D2UGUGeph/Sq3f12fY1I9O1CgT2PioM9Rt8E63CFWDwvUDMnH",
    "N6AAMAoGCCqFAwcBAQMDA4GBAEM7HWzkClHx5XN+sWqixoOCmkBbnZEn4hJg/J1q",
    "wF2HvyTibEUnilwhkqdbqUmTq9YHTn/xvwP9L1OXr6HZRVgvhvpgoIEJGiPdeV4e",
    "PGie5RKjyC7g3MJkPHjuqPys01SSVYSGsg8cnsGXyQaZhQJgyTvLzZxcMxfhk0Th",
    "c642",
);

/// RFC 9215 appendix D.3.2.
const RFC9215_D3_CERT: &str = concat!(
    "MIIBqjCCARagAwIBAgIBCzAKBggqhQMHAQEDAzASMRAwDgYDVQQDEwdFeGFtcGxl",
    "MCAXDTAxMDEwMTAwMDAwMFoYDzIwNTAxMjMxMDAwMDAwWjASMRAwDgYDVQQDEwdF",
    "eGFtcGxlMIGgMBcGCCqFAwcBAQECMAsGCSqFAwcBAgECAAOBhAAEgYDh7zDVLGEz",
    "3dmdHVxBRVz3302LTJJbvGmvFDPRVlhRWt0hRoUMMlxbgcEzvmVaqMTUQOe5io1Z",
    "SHsMdpa8xV0R7L53NqnsNX/y/TmTH04RTLjNo1knCsfw5/9D2UGUGeph/Sq3f12f",
    "Y1I9O1CgT2PioM9Rt8E63CFWDwvUDMnHN6MTMBEwDwYDVR0TAQH/BAUwAwEB/zAK",
    "BggqhQMHAQEDAwOBgQBBVwPYkvGl8/aMQ1MYmn7iB7gLVjHvnUlSmk1rVCws+hWq",
    "LqzxH0cP3n2VSFaQPDX9j5Ve8wDZXHdTSnJKDu5wL4b6YKCBCRoj3XleHjxonuUS",
    "o8gu4NzCZDx47qj8rNNUklWEhrIPHJ7Bl8kGmYUCYMk7y82cXDMX4ZNE4XOuNg==",
);

/// RFC 9215 appendix D.3.3.
const RFC9215_D3_CRL: &str = concat!(
    "MIHTMEECAQEwCgYIKoUDBwEBAwMwEjEQMA4GA1UEAxMHRXhhbXBsZRcNMTQwMTAx",
    "MDAwMDAwWhcNMTQwMTAyMDAwMDAwWjAKBggqhQMHAQEDAwOBgQA6E/t67NtVYO72",
    "E3z8XdZGkXMuv7NpCh/Ax+ik7uoIMH1kjU3AmGxGqHs/vkx69C6jQ1nHlZVMo5/z",
    "q77ZBR9NL4b6YKCBCRoj3XleHjxonuUSo8gu4NzCZDx47qj8rNNUklWEhrIPHJ7B",
    "l8kGmYUCYMk7y82cXDMX4ZNE4XOuNg==",
);
