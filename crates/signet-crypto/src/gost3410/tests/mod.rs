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

mod standards;

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
