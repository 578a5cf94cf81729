//! Scalar multiplication: `k·G`, `k·P` and `z1·G + z2·Q`.
//!
//! - [`mul_base`] (signing, key generation) uses a signed fixed-window comb
//!   over a per-curve table of affine points `j·2^(6i)·G`, `1 ≤ j ≤ 32`: the
//!   scalar is recoded into digits in [−32, 32], and for each window one
//!   table entry is picked by scanning the whole row with constant-time
//!   selection, negated under a mask and added with the complete mixed
//!   formula. No doublings at all; the instruction and memory trace is the
//!   same for every scalar.
//! - [`mul_var`] (VKO) multiplies a peer's point by a secret scalar: a signed
//!   4-bit fixed window over a table of `j·P`, `1 ≤ j ≤ 8`, built per call,
//!   with complete projective formulas, again with a fixed trace.
//! - [`mul_double_vartime`] (verification) is Straus–Shamir with width-7 wNAF
//!   for G (odd multiples precomputed once per curve) and width-5 wNAF for
//!   the public key, in Jacobian coordinates. Everything it touches is public.
//!
//! For the twisted Edwards sets, [`mul_base_affine`] and [`combine_vartime`]
//! run the same comb and the same wNAF on the Edwards form instead, with a
//! width-10 wNAF for G (256 odd multiples) and a width-6 wNAF for the public
//! key, whose odd multiples are kept projective (no inversion per
//! verification).

use crypto_bigint::Uint;
use subtle::{Choice, ConditionallyNegatable, ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroize;

use super::curves::CurveSpec;
use super::edwards::{self, EdwardsTables};
use super::point::{Affine, F, Jacobian, Projective, batch_jacobian_to_affine, batch_to_affine};

/// Window width of the fixed-base comb.
const COMB_W: u32 = 6;
/// Entries per comb window: the digit magnitudes 1..=2^(W−1).
const COMB_ROW: usize = 1 << (COMB_W - 1);
/// wNAF width for the base point in verification.
const G_WNAF_W: u32 = 7;
/// wNAF width for the base point in verification on the Edwards form: 256
/// affine odd multiples (48 KiB for 512 bits, built once per curve), about
/// 47 additions for a 512-bit scalar against 57 at width 8. Under callgrind
/// TC26 512-C verification takes 1.9 % fewer instructions than with width 8
/// (width 9: 1.1 %), and in CPU time it measured no slower than width 9
/// although the table outgrows a 32 KiB L1: each of the few lookups costs
/// far less than the addition it feeds.
const ED_G_WNAF_W: u32 = 10;
/// wNAF width for the public key in verification.
const Q_WNAF_W: u32 = 5;
/// wNAF width for the public key in verification on the Edwards form, for
/// N-word scalars. The table of odd multiples is built per verification, so
/// width 6 (16 entries against 8) pays only for long scalars: under
/// callgrind it takes 0.8 % fewer instructions for 512-C but 1 % more for
/// 256-A than width 5.
const fn ed_q_wnaf_w(n: usize) -> u32 {
    if n >= 8 { 6 } else { 5 }
}
/// Window width of the variable-base constant-time multiplication.
const VAR_W: u32 = 4;
/// Entries of its table: 1..=2^(W−1) times the point.
const VAR_ROW: usize = 1 << (VAR_W - 1);

/// Number of signed windows of width `w` for an N-limb scalar. Two spare
/// bits keep the last carry of the recoding inside the last window.
const fn windows(n: usize, w: u32) -> usize {
    (64 * n + 2).div_ceil(w as usize)
}

/// Precomputed multiples of the base point of one curve.
pub(crate) struct Tables<C: CurveSpec<N>, const N: usize> {
    /// Row i holds `j·2^(COMB_W·i)·G` for j = 1..=COMB_ROW.
    comb: Vec<Affine<C, N>>,
    /// `(2j+1)·G` for j = 0..2^(G_WNAF_W−2).
    g_odd: Vec<Affine<C, N>>,
    /// The same two tables on the Edwards form, for the twisted Edwards sets.
    edwards: Option<EdwardsTables<C, N>>,
}

impl<C: CurveSpec<N>, const N: usize> Tables<C, N> {
    /// Builds the tables (a few milliseconds; done once per curve).
    pub(crate) fn new() -> Self {
        let g = C::G.to_projective();
        let rows = windows(N, COMB_W);
        let mut points = Vec::with_capacity(rows * COMB_ROW);
        let mut base = g;
        for _ in 0..rows {
            let mut acc = base;
            points.push(acc);
            for _ in 1..COMB_ROW {
                acc = acc.add(&base);
                points.push(acc);
            }
            // acc = 2^(W−1)·base, so its double is the next row's base.
            base = acc.double();
        }
        let comb = batch_to_affine(&points);

        let g2 = g.double();
        let mut odd = Vec::with_capacity(1 << (G_WNAF_W - 2));
        let mut acc = g;
        odd.push(acc);
        for _ in 1..(1 << (G_WNAF_W - 2)) {
            acc = acc.add(&g2);
            odd.push(acc);
        }
        let edwards = if C::EDWARDS {
            EdwardsTables::new(rows, COMB_ROW, 1 << (ED_G_WNAF_W - 2))
        } else {
            None
        };
        Self {
            comb,
            g_odd: batch_to_affine(&odd),
            edwards,
        }
    }
}

/// Bits `[pos, pos + w)` of `k` (zero past the end). Positions are public.
fn window<const N: usize>(k: &Uint<N>, pos: usize, w: u32) -> u32 {
    let words = k.as_words();
    let (i, shift) = (pos / 64, pos % 64);
    let mut v = if i < N { words[i] >> shift } else { 0 };
    if shift + w as usize > 64 && i + 1 < N {
        v |= words[i + 1] << (64 - shift);
    }
    (v & ((1u64 << w) - 1)) as u32
}

/// Recodes `k` into `count` signed digits `d_i ∈ [−2^(w−1), 2^(w−1)]` with
/// `k = Σ d_i·2^(w·i)`, in constant time.
fn signed_digits<const N: usize>(k: &Uint<N>, w: u32, count: usize) -> Vec<i8> {
    let mut digits = Vec::with_capacity(count);
    let mut carry: i32 = 0;
    for i in 0..count {
        let v = window(k, i * w as usize, w) as i32 + carry;
        carry = (v + (1 << (w - 1))) >> w;
        digits.push((v - (carry << w)) as i8);
    }
    digits
}

/// `|d|` and whether `d < 0`, without branches.
pub(crate) fn abs_and_sign(d: i8) -> (u8, Choice) {
    let mask = d >> 7;
    let abs = ((d ^ mask).wrapping_sub(mask)) as u8;
    (abs, Choice::from((mask & 1) as u8))
}

/// `k·G` for a secret `k`, in constant time.
pub(crate) fn mul_base<C: CurveSpec<N>, const N: usize>(k: &Uint<N>) -> Projective<C, N> {
    let tables = C::tables();
    let mut digits = signed_digits(k, COMB_W, windows(N, COMB_W));
    let mut acc = Projective::<C, N>::IDENTITY;
    for (row, &digit) in tables.comb.chunks_exact(COMB_ROW).zip(digits.iter()) {
        let (abs, negative) = abs_and_sign(digit);
        let mut entry = row[0];
        for (j, candidate) in row.iter().enumerate().skip(1) {
            entry.conditional_assign(candidate, (j as u8 + 1).ct_eq(&abs));
        }
        entry.conditional_negate(negative);
        let sum = acc.add_mixed(&entry);
        acc = Projective::conditional_select(&acc, &sum, !abs.ct_eq(&0));
        entry.zeroize();
    }
    digits.zeroize();
    acc
}

/// `k·G` as an affine point for a secret `k` in [1, q − 1], in constant
/// time: on the Edwards form for the twisted Edwards sets, else
/// [`mul_base`].
pub(crate) fn mul_base_affine<C: CurveSpec<N>, const N: usize>(k: &Uint<N>) -> Affine<C, N> {
    match &C::tables().edwards {
        Some(ed) => {
            let mut digits = signed_digits(k, COMB_W, windows(N, COMB_W));
            let point = edwards::mul_base(&ed.comb, COMB_ROW, &digits);
            digits.zeroize();
            point
        }
        None => mul_base::<C, N>(k).to_affine(),
    }
}

/// `k·P` for a secret `k` and any point P, in constant time.
pub(crate) fn mul_var<C: CurveSpec<N>, const N: usize>(
    point: &Affine<C, N>,
    k: &Uint<N>,
) -> Projective<C, N> {
    let p = point.to_projective();
    let mut table = [p; VAR_ROW];
    for j in 1..VAR_ROW {
        table[j] = table[j - 1].add(&p);
    }
    let mut digits = signed_digits(k, VAR_W, windows(N, VAR_W));
    let mut acc = Projective::<C, N>::IDENTITY;
    for &digit in digits.iter().rev() {
        for _ in 0..VAR_W {
            acc = acc.double();
        }
        let (abs, negative) = abs_and_sign(digit);
        let mut entry = table[0];
        for (j, candidate) in table.iter().enumerate().skip(1) {
            entry = Projective::conditional_select(&entry, candidate, (j as u8 + 1).ct_eq(&abs));
        }
        let negated = entry.neg();
        entry = Projective::conditional_select(&entry, &negated, negative);
        let sum = acc.add(&entry);
        acc = Projective::conditional_select(&acc, &sum, !abs.ct_eq(&0));
    }
    digits.zeroize();
    for entry in table.iter_mut() {
        entry.zeroize();
    }
    acc
}

/// Width-`w` non-adjacent form of `k` (2 ≤ w ≤ 15), least significant
/// digit first, with `64·N + 1` digits: the digits are odd, below 2^(w−1)
/// in magnitude, and any two nonzero ones are at least w positions apart.
/// Reads a w-bit window at each position, carrying 1 into the next window
/// after a negative digit, rather than subtracting each digit from the
/// scalar (as curve25519-dalek's `Scalar::non_adjacent_form`).
/// Variable-time.
fn wnaf<const N: usize>(k: &Uint<N>, w: u32) -> Vec<i16> {
    let bits = 64 * N;
    let mut naf = vec![0i16; bits + 1];
    let width = 1u64 << w;
    let mut carry = 0u64;
    let mut pos = 0;
    while pos <= bits {
        let window = window(k, pos, w) as u64 + carry;
        if window & 1 == 0 {
            pos += 1;
            continue;
        }
        if window < width / 2 {
            carry = 0;
            naf[pos] = window as i16;
        } else {
            carry = 1;
            naf[pos] = (window as i64 - width as i64) as i16;
        }
        pos += w as usize;
    }
    naf
}

/// The point `z1·G + z2·Q` of a verification, in whichever form computed it.
pub(crate) enum Combination<C: CurveSpec<N>, const N: usize> {
    /// Weierstrass Jacobian coordinates.
    Jacobian(Jacobian<C, N>),
    /// Edwards extended coordinates.
    Edwards(edwards::Extended<C, N>),
    /// A public key of small order: nothing verifies.
    Invalid,
}

impl<C: CurveSpec<N>, const N: usize> Combination<C, N> {
    /// Whether the point is finite and its Weierstrass x equals `x`.
    pub(crate) fn x_is_vartime(&self, x: &F<C, N>) -> bool {
        match self {
            Self::Jacobian(p) => !p.is_identity_vartime() && x.mul(&p.z.square()).eq_vartime(&p.x),
            Self::Edwards(p) => p.weierstrass_x_is_vartime(x),
            Self::Invalid => false,
        }
    }
}

/// `z1·G + z2·Q` for verification (public values, variable time).
pub(crate) fn combine_vartime<C: CurveSpec<N>, const N: usize>(
    z1: &Uint<N>,
    q: &Affine<C, N>,
    z2: &Uint<N>,
) -> Combination<C, N> {
    match &C::tables().edwards {
        Some(ed) => {
            let naf1 = wnaf(z1, ED_G_WNAF_W);
            let q_w = ed_q_wnaf_w(N);
            let naf2 = wnaf(z2, q_w);
            match edwards::mul_double_vartime(&ed.g_odd, &naf1, q, &naf2, 1 << (q_w - 2)) {
                Some(p) => Combination::Edwards(p),
                None => Combination::Invalid,
            }
        }
        None => Combination::Jacobian(mul_double_vartime(z1, q, z2)),
    }
}

/// `z1·G + z2·Q` for public scalars and a public point.
pub(crate) fn mul_double_vartime<C: CurveSpec<N>, const N: usize>(
    z1: &Uint<N>,
    q: &Affine<C, N>,
    z2: &Uint<N>,
) -> Jacobian<C, N> {
    let g_odd = &C::tables().g_odd;
    let q_odd = {
        let qj = q.to_jacobian();
        let q2 = qj.double_vartime();
        let mut odd = Vec::with_capacity(1 << (Q_WNAF_W - 2));
        let mut acc = qj;
        odd.push(acc);
        for _ in 1..(1 << (Q_WNAF_W - 2)) {
            acc = acc.add_vartime(&q2);
            odd.push(acc);
        }
        if odd.iter().any(Jacobian::is_identity_vartime) {
            // Only a point of small order does this; no signature verifies.
            return Jacobian::IDENTITY;
        }
        batch_jacobian_to_affine(&odd)
    };
    let naf1 = wnaf(z1, G_WNAF_W);
    let naf2 = wnaf(z2, Q_WNAF_W);
    let top = (0..naf1.len())
        .rev()
        .find(|&i| naf1[i] != 0 || naf2[i] != 0);
    let Some(top) = top else {
        return Jacobian::IDENTITY;
    };
    let mut acc = Jacobian::<C, N>::IDENTITY;
    for i in (0..=top).rev() {
        acc = acc.double_vartime();
        let d1 = naf1[i];
        if d1 > 0 {
            acc = acc.add_mixed_vartime(&g_odd[(d1 as usize) / 2]);
        } else if d1 < 0 {
            acc = acc.add_mixed_vartime(&g_odd[(-d1 as usize) / 2].neg());
        }
        let d2 = naf2[i];
        if d2 > 0 {
            acc = acc.add_mixed_vartime(&q_odd[(d2 as usize) / 2]);
        } else if d2 < 0 {
            acc = acc.add_mixed_vartime(&q_odd[(-d2 as usize) / 2].neg());
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crypto_bigint::{U256, U512};
    use proptest::prelude::*;

    fn recompose<D: Copy + Into<i128>>(digits: &[D], w: u32) -> i128 {
        digits
            .iter()
            .rev()
            .fold(0i128, |acc, &d| (acc << w) + d.into())
    }

    proptest! {
        /// The wNAF of a full-size scalar recomposes to it (mod 2^512) and
        /// its nonzero digits are at least w positions apart.
        #[test]
        fn wnaf_full_size(words in any::<[u64; 8]>()) {
            let k = U512::from_words(words);
            for w in [5, 6, 7, 8, 9, 10] {
                let naf = wnaf(&k, w);
                let mut acc = U512::ZERO;
                for &d in naf.iter().rev() {
                    acc = acc.wrapping_add(&acc);
                    let magnitude = U512::from_u64(u64::from(d.unsigned_abs()));
                    acc = if d < 0 { acc.wrapping_sub(&magnitude) } else { acc.wrapping_add(&magnitude) };
                }
                prop_assert_eq!(acc, k);
                let nonzero: Vec<usize> = (0..naf.len()).filter(|&i| naf[i] != 0).collect();
                prop_assert!(nonzero.windows(2).all(|p| p[1] - p[0] >= w as usize));
            }
        }

        /// Signed digits and wNAF recompose to the scalar (checked on the
        /// low 100 bits, where i128 holds the sum exactly).
        #[test]
        fn recodings_recompose(low in 0u128..(1u128 << 100)) {
            let k = U256::from_u128(low);
            for w in [4, 5, 6, 7, 8] {
                let digits = signed_digits(&k, w, windows(4, w));
                prop_assert!(digits.iter().all(|&d| i32::from(d).abs() <= 1 << (w - 1)));
                prop_assert_eq!(recompose(&digits, w), low as i128);
            }
            for w in [4, 5, 6, 7, 8, 9, 10] {
                let naf = wnaf(&k, w);
                prop_assert!(naf.iter().all(|&d| d == 0 || (d % 2 != 0 && i32::from(d).abs() < 1 << (w - 1))));
                prop_assert_eq!(recompose(&naf, 1), low as i128);
            }
        }
    }
}
