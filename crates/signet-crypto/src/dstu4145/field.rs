//! The base field GF(2^m) in polynomial basis, for 163 ≤ m ≤ 431 and a
//! reduction trinomial `x^m + x^k + 1` or pentanomial
//! `x^m + x^k3 + x^k2 + x^k1 + 1` chosen at run time (DSTU 4145-2002
//! section 5: the field operations of the standard).
//!
//! An element is a polynomial of degree below m held in seven 64-bit limbs,
//! bit i being the coefficient of x^i; limbs above `ceil(m/64)` stay zero.
//!
//! Every operation that may see a secret runs in constant time: the
//! carry-less 64×64-bit product ([`super::clmul`]) uses integer multiplications
//! on operands with holes (five interleaved bit classes, so that no carry
//! reaches a bit of the class being read), products of several limbs use
//! Karatsuba over that, squaring spreads bits with shifts and masks, and
//! reduction shifts by amounts that depend only on the public polynomial.
//! Inversion is Fermat's `a^(2^m − 2)` by the Itoh–Tsujii chain, a fixed
//! sequence for a given m. No table is ever indexed by element bits.
//!
//! (A PCLMULQDQ path would be several times faster, but reaching it needs
//! `unsafe` for the runtime-detected `std::arch` call and the workspace
//! forbids `unsafe_code`; the portable path is the only one.)

use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroize;

#[cfg(test)]
use super::clmul::clmul64;
use super::clmul::{low4, mul3, mul4, mul6, mul8, shl, spread32, xor_at};

/// Limbs in an element: 7 × 64 = 448 bits hold every m up to 431.
pub(crate) const LIMBS: usize = 7;
/// Limbs in an unreduced product (the 8-limb Karatsuba writes 16).
pub(super) const WIDE: usize = 16;

/// The smallest and largest degree accepted.
pub(crate) const MIN_M: u32 = 163;
pub(crate) const MAX_M: u32 = 431;

/// A field element: a polynomial of degree < m, little-endian limbs.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, Zeroize)]
pub(crate) struct Fe(pub(crate) [u64; LIMBS]);

impl Fe {
    pub(crate) const ZERO: Fe = Fe([0; LIMBS]);
    pub(crate) const ONE: Fe = Fe([1, 0, 0, 0, 0, 0, 0]);

    /// `self + other` (XOR).
    #[inline]
    pub(crate) fn add(&self, other: &Fe) -> Fe {
        let mut out = [0u64; LIMBS];
        for (o, (a, b)) in out.iter_mut().zip(self.0.iter().zip(other.0.iter())) {
            *o = a ^ b;
        }
        Fe(out)
    }

    /// Whether the element is zero, in constant time.
    #[inline]
    pub(crate) fn ct_is_zero(&self) -> Choice {
        let acc = self.0.iter().fold(0u64, |acc, w| acc | w);
        acc.ct_eq(&0)
    }

    /// Whether the element is zero (for public values).
    #[inline]
    pub(crate) fn is_zero_vartime(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    /// Degree + 1 of the polynomial (0 for zero); variable time.
    fn bit_len_vartime(&self) -> usize {
        for i in (0..LIMBS).rev() {
            if self.0[i] != 0 {
                return 64 * i + 64 - self.0[i].leading_zeros() as usize;
            }
        }
        0
    }
}

impl ConstantTimeEq for Fe {
    fn ct_eq(&self, other: &Self) -> Choice {
        let acc = self
            .0
            .iter()
            .zip(other.0.iter())
            .fold(0u64, |acc, (a, b)| acc | (a ^ b));
        acc.ct_eq(&0)
    }
}

impl ConditionallySelectable for Fe {
    fn conditional_select(a: &Self, b: &Self, choice: Choice) -> Self {
        let mut out = [0u64; LIMBS];
        for (o, (x, y)) in out.iter_mut().zip(a.0.iter().zip(b.0.iter())) {
            *o = u64::conditional_select(x, y, choice);
        }
        Fe(out)
    }
}

impl core::fmt::Debug for Fe {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Fe(0x")?;
        for w in self.0.iter().rev() {
            write!(f, "{w:016x}")?;
        }
        write!(f, ")")
    }
}

/// Why a reduction polynomial was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PolyError {
    /// Outside what this implementation handles (even m, m out of range,
    /// a middle term too close to m); the string says which.
    NotSupported(&'static str),
    /// Not a trinomial/pentanomial of the required shape, or reducible.
    Invalid(&'static str),
}

/// GF(2^m) with its reduction polynomial.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Field {
    m: u32,
    /// The exponents of the middle terms, ascending (one or three).
    ks: [u32; 3],
    terms: usize,
    /// `ceil(m / 64)`.
    limbs: usize,
    /// `ceil(m / 8)`: the length of a byte encoding.
    bytes: usize,
    /// Bit i set when tr(x^i) = 1, so that tr(a) = parity(a & mask).
    trace_mask: Fe,
}

impl core::fmt::Debug for Field {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "GF(2^{}) mod x^{}", self.m, self.m)?;
        for k in self.middle_terms().iter().rev() {
            write!(f, " + x^{k}")?;
        }
        write!(f, " + 1")
    }
}

impl Field {
    /// The field GF(2^m) reduced by `x^m + Σ x^k + 1` for the one (trinomial)
    /// or three (pentanomial, ascending) middle exponents in `ks`.
    ///
    /// Checks the shape only: `163 ≤ m ≤ 431`, m odd (half-trace, used to
    /// decompress points, needs odd m; every standard DSTU 4145 field has a
    /// prime m), `0 < k1 < k2 < k3 < m − 63` (one-pass reduction; every
    /// published DSTU polynomial has k ≤ 21). [`Field::is_irreducible`]
    /// tests irreducibility.
    pub(crate) fn new(m: u32, ks: &[u32]) -> Result<Field, PolyError> {
        if !(MIN_M..=MAX_M).contains(&m) {
            return Err(PolyError::NotSupported("field degree m outside 163..=431"));
        }
        if m.is_multiple_of(2) {
            return Err(PolyError::NotSupported("even field degree m"));
        }
        let terms = ks.len();
        if terms != 1 && terms != 3 {
            return Err(PolyError::Invalid(
                "the reduction polynomial must be a trinomial or a pentanomial",
            ));
        }
        if ks[0] == 0 || ks.windows(2).any(|w| w[0] >= w[1]) {
            return Err(PolyError::Invalid(
                "the middle exponents must be ascending and above zero",
            ));
        }
        let top = ks[terms - 1];
        if top >= m {
            return Err(PolyError::Invalid(
                "a middle exponent of the reduction polynomial is not below m",
            ));
        }
        if top + 63 >= m {
            return Err(PolyError::NotSupported(
                "a reduction polynomial with a middle term above x^(m-64)",
            ));
        }
        let mut k3 = [0u32; 3];
        k3[..terms].copy_from_slice(ks);
        let mut field = Field {
            m,
            ks: k3,
            terms,
            limbs: m.div_ceil(64) as usize,
            bytes: m.div_ceil(8) as usize,
            trace_mask: Fe::ZERO,
        };
        field.trace_mask = field.compute_trace_mask();
        Ok(field)
    }

    /// The degree m.
    pub(crate) fn m(&self) -> u32 {
        self.m
    }

    /// The middle exponents, ascending.
    pub(crate) fn middle_terms(&self) -> &[u32] {
        &self.ks[..self.terms]
    }

    /// Length of the byte encoding, `ceil(m/8)`.
    pub(crate) fn byte_len(&self) -> usize {
        self.bytes
    }

    /// Rabin's test: f of degree m is irreducible iff `x^(2^m) ≡ x (mod f)`
    /// and `gcd(x^(2^(m/q)) − x, f) = 1` for every prime q dividing m.
    /// Runs in variable time (the polynomial is public).
    pub(crate) fn is_irreducible(&self) -> bool {
        let x = Fe([2, 0, 0, 0, 0, 0, 0]);
        if self.sqr_n(&x, self.m) != x {
            return false;
        }
        let mut rest = self.m;
        let mut q = 2;
        while rest > 1 {
            if rest.is_multiple_of(q) {
                while rest.is_multiple_of(q) {
                    rest /= q;
                }
                let g = self.sqr_n(&x, self.m / q).add(&x);
                if !self.coprime_with_modulus(&g) {
                    return false;
                }
            }
            q += 1;
        }
        true
    }

    /// Whether `gcd(g, f) = 1`, by the Euclidean algorithm on bit
    /// polynomials (variable time; for parameter checks only).
    fn coprime_with_modulus(&self, g: &Fe) -> bool {
        // f needs m + 1 ≤ 432 bits: it fits in seven limbs.
        let mut a = Fe::ONE;
        a.0[(self.m / 64) as usize] |= 1u64 << (self.m % 64);
        for &k in self.middle_terms() {
            a.0[(k / 64) as usize] |= 1u64 << (k % 64);
        }
        let mut b = *g;
        loop {
            let (la, lb) = (a.bit_len_vartime(), b.bit_len_vartime());
            if lb == 0 {
                return la == 1;
            }
            if la < lb {
                core::mem::swap(&mut a, &mut b);
                continue;
            }
            let shift = la - lb;
            let shifted = shl(&b, shift);
            a = a.add(&shifted);
        }
    }

    /// tr(x^i) for i < m by Newton's identities: with the roots of f being
    /// the conjugates of x, the power sums `p_k = tr(x^k)` satisfy
    /// `p_k = Σ_{j<k} e_j p_{k−j} + k·e_k` over GF(2), where e_j is the
    /// coefficient of x^(m−j) in f.
    fn compute_trace_mask(&self) -> Fe {
        let m = self.m as usize;
        let mut e = vec![0u8; m + 1];
        e[m] = 1;
        for &k in self.middle_terms() {
            e[m - k as usize] = 1;
        }
        let mut p = vec![0u8; m];
        p[0] = (m % 2) as u8;
        for k in 1..m {
            let mut acc = ((k % 2) as u8) & e[k];
            for j in 1..k {
                acc ^= e[j] & p[k - j];
            }
            p[k] = acc;
        }
        let mut mask = Fe::ZERO;
        for (i, &bit) in p.iter().enumerate() {
            mask.0[i / 64] |= u64::from(bit) << (i % 64);
        }
        mask
    }

    /// Reads `ceil(m/8)` little-endian bytes; `None` for another length or
    /// when a bit at or above m is set.
    pub(crate) fn decode_le(&self, bytes: &[u8]) -> Option<Fe> {
        if bytes.len() != self.bytes {
            return None;
        }
        let mut out = Fe::ZERO;
        for (i, &b) in bytes.iter().enumerate() {
            out.0[i / 8] |= u64::from(b) << (8 * (i % 8));
        }
        self.is_reduced(&out).then_some(out)
    }

    /// Whether no bit at or above m is set.
    pub(crate) fn is_reduced(&self, a: &Fe) -> bool {
        let m = self.m as usize;
        let top = m / 64;
        if a.0[top] >> (m % 64) != 0 {
            return false;
        }
        a.0[top + 1..].iter().all(|&w| w == 0)
    }

    /// The `ceil(m/8)`-byte little-endian encoding.
    pub(crate) fn encode_le(&self, a: &Fe) -> Vec<u8> {
        (0..self.bytes)
            .map(|i| (a.0[i / 8] >> (8 * (i % 8))) as u8)
            .collect()
    }

    /// `a·b`.
    pub(crate) fn mul(&self, a: &Fe, b: &Fe) -> Fe {
        let mut wide = [0u64; WIDE];
        match self.limbs {
            0..=3 => mul3(a, b, &mut wide),
            4 => mul4(low4(a), low4(b), &mut wide[..8]),
            5 | 6 => mul6(a, b, &mut wide),
            _ => mul8(a, b, &mut wide),
        }
        let out = self.reduce(&mut wide);
        wide.zeroize();
        out
    }

    /// `a²`: spread each bit i to 2i, then reduce.
    pub(crate) fn sqr(&self, a: &Fe) -> Fe {
        let mut wide = [0u64; WIDE];
        for i in 0..self.limbs {
            wide[2 * i] = spread32(a.0[i] as u32);
            wide[2 * i + 1] = spread32((a.0[i] >> 32) as u32);
        }
        let out = self.reduce(&mut wide);
        wide.zeroize();
        out
    }

    /// `a^(2^n)`.
    pub(crate) fn sqr_n(&self, a: &Fe, n: u32) -> Fe {
        let mut t = *a;
        for _ in 0..n {
            t = self.sqr(&t);
        }
        t
    }

    /// `a^(−1)` (zero for zero), in constant time: `a^(2^m − 2)` with the
    /// Itoh–Tsujii chain `β_{2k} = β_k^(2^k)·β_k`, `β_{k+1} = β_k²·a`,
    /// where `β_k = a^(2^k − 1)`; then `a^(−1) = β_{m−1}²`.
    pub(crate) fn invert(&self, a: &Fe) -> Fe {
        let e = self.m - 1;
        let top = 31 - e.leading_zeros();
        let mut beta = *a;
        let mut k = 1u32;
        for i in (0..top).rev() {
            beta = self.mul(&self.sqr_n(&beta, k), &beta);
            k *= 2;
            if (e >> i) & 1 == 1 {
                beta = self.mul(&self.sqr(&beta), a);
                k += 1;
            }
        }
        debug_assert_eq!(k, e);
        self.sqr(&beta)
    }

    /// The absolute trace `tr(a) = Σ_{i<m} a^(2^i)` ∈ {0, 1}, as the parity
    /// of `a & trace_mask`; constant time.
    pub(crate) fn trace(&self, a: &Fe) -> u8 {
        let acc =
            a.0.iter()
                .zip(self.trace_mask.0.iter())
                .fold(0u64, |acc, (x, t)| acc ^ (x & t));
        (acc.count_ones() & 1) as u8
    }

    /// The trace by its definition, for tests of [`Field::trace`].
    #[cfg(test)]
    pub(crate) fn trace_by_definition(&self, a: &Fe) -> u8 {
        let mut t = *a;
        let mut acc = *a;
        for _ in 1..self.m {
            t = self.sqr(&t);
            acc = acc.add(&t);
        }
        debug_assert!(acc == Fe::ZERO || acc == Fe::ONE);
        acc.0[0] as u8
    }

    /// The half-trace `H(a) = Σ_{i=0}^{(m−1)/2} a^(4^i)` (m odd). When
    /// tr(a) = 0, `z = H(a)` solves `z² + z = a`.
    pub(crate) fn half_trace(&self, a: &Fe) -> Fe {
        let mut z = *a;
        for _ in 0..(self.m - 1) / 2 {
            z = self.sqr(&self.sqr(&z)).add(a);
        }
        z
    }

    /// A solution z of `z² + z = w` (the other is z + 1), or `None` when
    /// tr(w) = 1 and there is none.
    pub(crate) fn solve_quadratic(&self, w: &Fe) -> Option<Fe> {
        if self.trace(w) != 0 {
            return None;
        }
        let z = self.half_trace(w);
        // Always true in a field of odd degree; checked so that a caller
        // never gets a wrong answer.
        (self.sqr(&z).add(&z) == *w).then_some(z)
    }

    /// `√a = a^(2^(m−1))`.
    pub(crate) fn sqrt(&self, a: &Fe) -> Fe {
        self.sqr_n(a, self.m - 1)
    }

    /// Reduces a product of degree ≤ 2m − 2 modulo f. Words above the one
    /// holding x^m are folded from the top down: `x^(m+j) ≡ x^j·(1 + Σ x^k)`.
    /// With every k < m − 63 a folded word lands entirely below the word it
    /// came from, so one pass suffices. Shift amounts depend only on m and
    /// the k's.
    fn reduce(&self, c: &mut [u64; WIDE]) -> Fe {
        let m = self.m as usize;
        let boundary = m / 64;
        for i in (boundary + 1..2 * self.limbs).rev() {
            let t = c[i];
            c[i] = 0;
            let base = 64 * i - m;
            xor_at(c, t, base);
            for &k in self.middle_terms() {
                xor_at(c, t, base + k as usize);
            }
        }
        let shift = m % 64;
        let t = c[boundary] >> shift;
        c[boundary] &= (1u64 << shift) - 1;
        xor_at(c, t, 0);
        for &k in self.middle_terms() {
            xor_at(c, t, k as usize);
        }
        let mut out = Fe::ZERO;
        out.0[..self.limbs].copy_from_slice(&c[..self.limbs]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Schoolbook carry-less product, bit by bit.
    fn clmul_naive(x: u64, y: u64) -> u128 {
        let mut r = 0u128;
        for i in 0..64 {
            if (y >> i) & 1 == 1 {
                r ^= u128::from(x) << i;
            }
        }
        r
    }

    /// Schoolbook product and reduction, bit by bit, as a reference.
    fn mul_naive(f: &Field, a: &Fe, b: &Fe) -> Fe {
        let m = f.m as usize;
        let mut wide = [0u64; 2 * LIMBS];
        for i in 0..LIMBS {
            for j in 0..LIMBS {
                let p = clmul_naive(a.0[i], b.0[j]);
                wide[i + j] ^= p as u64;
                wide[i + j + 1] ^= (p >> 64) as u64;
            }
        }
        for bit in (m..2 * m).rev() {
            if (wide[bit / 64] >> (bit % 64)) & 1 == 1 {
                wide[bit / 64] ^= 1 << (bit % 64);
                for k in core::iter::once(0).chain(f.middle_terms().iter().map(|&k| k as usize)) {
                    let p = bit - m + k;
                    wide[p / 64] ^= 1 << (p % 64);
                }
            }
        }
        let mut out = Fe::ZERO;
        out.0.copy_from_slice(&wide[..LIMBS]);
        out
    }

    /// The polynomials of the ten standard curves (DSTU 4145-2002, table of
    /// polynomial-basis curves; as in BouncyCastle's DSTU4145NamedCurves).
    const POLYS: [(u32, &[u32]); 10] = [
        (163, &[3, 6, 7]),
        (167, &[6]),
        (173, &[1, 2, 10]),
        (179, &[1, 2, 4]),
        (191, &[9]),
        (233, &[1, 4, 9]),
        (257, &[12]),
        (307, &[2, 4, 8]),
        (367, &[21]),
        (431, &[1, 3, 5]),
    ];

    fn element(f: &Field, words: [u64; LIMBS]) -> Fe {
        let mut a = Fe(words);
        let m = f.m as usize;
        a.0[m / 64] &= (1u64 << (m % 64)) - 1;
        for w in a.0[m / 64 + 1..].iter_mut() {
            *w = 0;
        }
        a
    }

    #[test]
    fn clmul64_matches_schoolbook() {
        let cases = [
            (0u64, 0u64),
            (u64::MAX, u64::MAX),
            (1, u64::MAX),
            (0x8000_0000_0000_0001, 0xFFFF_0000_FFFF_0000),
            (0xDEAD_BEEF_0123_4567, 0x89AB_CDEF_F00D_CAFE),
        ];
        for (x, y) in cases {
            assert_eq!(clmul64(x, y), clmul_naive(x, y), "{x:x} * {y:x}");
        }
    }

    #[test]
    fn standard_polynomials_are_irreducible() {
        for (m, ks) in POLYS {
            let f = Field::new(m, ks).unwrap();
            assert!(f.is_irreducible(), "m = {m}");
        }
    }

    /// Distinct-degree check, independent of Rabin's test: f is reducible
    /// iff it has a factor of degree d ≤ m/2, iff `gcd(x^(2^d) − x, f) ≠ 1`
    /// for some such d.
    fn reducible_by_ddf(f: &Field) -> bool {
        let x = Fe([2, 0, 0, 0, 0, 0, 0]);
        let mut t = x;
        (1..=f.m / 2).any(|_| {
            t = f.sqr(&t);
            !f.coprime_with_modulus(&t.add(&x))
        })
    }

    #[test]
    fn reducible_polynomials_are_detected() {
        // No trinomial of degree 163 is irreducible (163 ≡ 3 mod 8, Swan's
        // theorem), which is why M163 uses a pentanomial.
        for k in [1, 2, 8, 50, 99] {
            let f = Field::new(163, &[k]).unwrap();
            assert!(!f.is_irreducible(), "x^163 + x^{k} + 1");
        }
        // Rabin's test against the distinct-degree check, composite and
        // prime m alike (this sample happens to hold no irreducible
        // pentanomial).
        for m in [165u32, 171, 175, 189, 167, 191] {
            for ks in [[1u32, 2, 3], [1, 3, 5], [2, 3, 7], [1, 4, 9], [3, 6, 7]] {
                let f = Field::new(m, &ks).unwrap();
                assert_eq!(f.is_irreducible(), !reducible_by_ddf(&f), "m = {m}, {ks:?}");
            }
        }
        // The standard polynomials of the smaller fields are irreducible by
        // both tests.
        for (m, ks) in POLYS.iter().filter(|(m, _)| *m <= 191) {
            let f = Field::new(*m, ks).unwrap();
            assert!(f.is_irreducible() && !reducible_by_ddf(&f), "m = {m}");
        }
    }

    #[test]
    fn shape_is_checked() {
        assert!(matches!(
            Field::new(162, &[1]),
            Err(PolyError::NotSupported(_))
        ));
        assert!(matches!(
            Field::new(433, &[1]),
            Err(PolyError::NotSupported(_))
        ));
        assert!(matches!(
            Field::new(257, &[12, 3]),
            Err(PolyError::Invalid(_))
        ));
        assert!(matches!(
            Field::new(257, &[3, 3, 5]),
            Err(PolyError::Invalid(_))
        ));
        assert!(matches!(Field::new(257, &[0]), Err(PolyError::Invalid(_))));
        assert!(matches!(
            Field::new(257, &[1, 2]),
            Err(PolyError::Invalid(_))
        ));
        assert!(matches!(
            Field::new(257, &[200]),
            Err(PolyError::NotSupported(_))
        ));
    }

    #[test]
    fn trace_mask_matches_definition() {
        for (m, ks) in POLYS {
            let f = Field::new(m, ks).unwrap();
            for i in [0usize, 1, 2, 3, 5, 7, 12, 63, 64, 100, (m - 1) as usize] {
                let mut a = Fe::ZERO;
                a.0[i / 64] = 1 << (i % 64);
                assert_eq!(f.trace(&a), f.trace_by_definition(&a), "m = {m}, x^{i}");
            }
            // tr(1) = m mod 2 = 1.
            assert_eq!(f.trace(&Fe::ONE), 1);
        }
    }

    proptest! {
        #[test]
        fn mul_sqr_inv_agree_with_reference(
            curve in 0usize..10,
            a in any::<[u64; LIMBS]>(),
            b in any::<[u64; LIMBS]>(),
        ) {
            let (m, ks) = POLYS[curve];
            let f = Field::new(m, ks).unwrap();
            let (a, b) = (element(&f, a), element(&f, b));
            let ab = f.mul(&a, &b);
            prop_assert_eq!(ab, mul_naive(&f, &a, &b));
            prop_assert!(f.is_reduced(&ab));
            prop_assert_eq!(f.sqr(&a), mul_naive(&f, &a, &a));
            if !a.is_zero_vartime() {
                prop_assert_eq!(f.mul(&a, &f.invert(&a)), Fe::ONE);
            }
            prop_assert_eq!(f.sqr(&f.sqrt(&a)), a);
            prop_assert_eq!(f.trace(&a), f.trace_by_definition(&a));
            let w = f.sqr(&b).add(&b); // trace 0 by construction
            let z = f.solve_quadratic(&w).unwrap();
            prop_assert_eq!(f.sqr(&z).add(&z), w);
            prop_assert_eq!(f.decode_le(&f.encode_le(&a)), Some(a));
        }
    }

    #[test]
    fn invert_zero_is_zero() {
        let f = Field::new(257, &[12]).unwrap();
        assert_eq!(f.invert(&Fe::ZERO), Fe::ZERO);
    }

    #[test]
    fn decode_le_rejects_high_bits_and_lengths() {
        let f = Field::new(257, &[12]).unwrap();
        let mut bytes = vec![0u8; 33];
        bytes[32] = 0x01;
        assert!(f.decode_le(&bytes).is_some());
        bytes[32] = 0x02;
        assert!(f.decode_le(&bytes).is_none());
        assert!(f.decode_le(&[0u8; 32]).is_none());
        assert!(f.decode_le(&[0u8; 34]).is_none());
    }
}
