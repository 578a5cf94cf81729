//! Scalar multiplication.
//!
//! - [`Comb::mul`] computes `k·P` for the base point P and a secret k (a
//!   private key or a signature nonce) in constant time: a signed
//!   fixed-window comb over a per-curve table of affine points
//!   `j·2^(5i)·P`, `1 ≤ j ≤ 16`, with no doublings. Each window's entry is
//!   picked by scanning the whole row with constant-time selection, negated
//!   under a mask and added with the uniform mixed formula; the identity
//!   (accumulator still O, or digit 0) is handled by selection too. The
//!   formula fails only when the accumulator equals the entry; with
//!   `|Σ_{j<i} d_j 2^(5j)| < 2^(5i)` that needs `(|d_i| + 1)·2^(5i) ≥ n`,
//!   possible in the top rows alone, where a doubling is computed as well
//!   and selected when needed. The trace of instructions and memory is the
//!   same for every k.
//! - [`mul_double_vartime`] computes `s·P + r·Q` for verification
//!   (everything public): Straus–Shamir with width-7 wNAF for P (odd
//!   multiples cached per curve) and width-5 wNAF for Q.
//! - [`mul_vartime`] computes `k·Q` for public k and Q (the `n·Q = O`
//!   checks).
//! - [`ladder_x`] computes the x-coordinate of `k·Q` for a secret k and
//!   any point Q (key agreement) in constant time.

use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroize;

use super::field::Fe;
use super::point::{Affine, Group, Ld};
use super::scalar::{SCALAR_LIMBS, Scalar};

/// Window width of the fixed-base comb.
const COMB_W: usize = 5;
/// Entries per comb row: the digit magnitudes 1..=2^(W−1).
const COMB_ROW: usize = 1 << (COMB_W - 1);
/// wNAF width for the base point in verification.
pub(crate) const G_WNAF_W: u32 = 7;
/// wNAF width for the other point.
const Q_WNAF_W: u32 = 5;

/// The comb table of one base point.
pub(crate) struct Comb {
    /// Row i holds `j·2^(5i)·P` for j = 1..=16.
    points: Vec<Affine>,
    /// L(n): the scalars multiplied are below 2^L(n).
    order_bits: u32,
}

/// Rows needed for scalars below 2^bits: the signed recoding below keeps
/// the top window's value at most 16, so it never carries out.
fn comb_rows(order_bits: u32) -> usize {
    (order_bits as usize + 1).div_ceil(COMB_W)
}

impl Comb {
    /// Builds the table (variable time: the base point is public). `None`
    /// if a multiple below 2^L(n) is O, which a valid base point excludes.
    pub(crate) fn new(group: &Group, base: &Affine, order_bits: u32) -> Option<Comb> {
        let rows = comb_rows(order_bits);
        // Row bases 2^(5i)·P, then the rows, each normalised in one batch.
        let mut bases = Vec::with_capacity(rows);
        let mut b = base.to_ld();
        for _ in 0..rows {
            bases.push(b);
            for _ in 0..COMB_W {
                b = group.double(&b);
            }
        }
        let bases = group.batch_to_affine(&bases)?;
        let mut points = Vec::with_capacity(rows * COMB_ROW);
        for base in &bases {
            let mut acc = base.to_ld();
            points.push(acc);
            for _ in 1..COMB_ROW {
                acc = group.add_mixed_vartime(&acc, base);
                points.push(acc);
            }
        }
        Some(Comb {
            points: group.batch_to_affine(&points)?,
            order_bits,
        })
    }

    /// `k·P` for `0 ≤ k < 2^L(n)`, in constant time.
    pub(crate) fn mul(&self, group: &Group, k: &Scalar) -> Ld {
        let rows = comb_rows(self.order_bits);
        let mut digits = signed_digits(k, rows);
        let mut acc = Ld::IDENTITY;
        for (i, (row, &digit)) in self
            .points
            .chunks_exact(COMB_ROW)
            .zip(digits.iter())
            .enumerate()
        {
            let (abs, negative) = abs_and_sign(digit);
            let mut entry = row[0];
            for (j, candidate) in row.iter().enumerate().skip(1) {
                entry.conditional_assign(candidate, (j as u8 + 1).ct_eq(&abs));
            }
            let negated = entry.neg();
            entry.conditional_assign(&negated, negative);
            let (sum, same) = group.add_mixed(&acc, &entry);
            let mut next = sum;
            // Which rows may meet acc = entry depends only on n (public).
            if COMB_W * i + COMB_W + 1 >= self.order_bits as usize {
                let doubled = group.double(&acc);
                next.conditional_assign(&doubled, same);
            }
            next.conditional_assign(&entry.to_ld(), acc.ct_is_identity());
            next.conditional_assign(&acc, abs.ct_eq(&0));
            acc = next;
            entry.zeroize();
        }
        digits.zeroize();
        acc
    }
}

/// Bits `[pos, pos + w)` of k (zero past the end). Positions are public.
fn window(k: &Scalar, pos: usize, w: usize) -> u32 {
    let words = k.as_words();
    let (i, shift) = (pos / 64, pos % 64);
    let mut v = if i < SCALAR_LIMBS {
        words[i] >> shift
    } else {
        0
    };
    if shift + w > 64 && i + 1 < SCALAR_LIMBS {
        v |= words[i + 1] << (64 - shift);
    }
    (v & ((1u64 << w) - 1)) as u32
}

/// Recodes k into `count` digits `d_i ∈ [−15, 16]` with
/// `k = Σ d_i·2^(5i)`, in constant time: a window value v (with the
/// incoming carry, 0..=32) above 16 becomes `v − 32` and carries one.
fn signed_digits(k: &Scalar, count: usize) -> Vec<i8> {
    let mut digits = Vec::with_capacity(count);
    let mut carry: i32 = 0;
    for i in 0..count {
        let v = window(k, i * COMB_W, COMB_W) as i32 + carry;
        carry = (v + 15) >> COMB_W;
        digits.push((v - (carry << COMB_W)) as i8);
    }
    debug_assert_eq!(carry, 0);
    digits
}

/// `|d|` and whether `d < 0`, without branches.
fn abs_and_sign(d: i8) -> (u8, Choice) {
    let mask = d >> 7;
    let abs = ((d ^ mask).wrapping_sub(mask)) as u8;
    (abs, Choice::from((mask & 1) as u8))
}

/// Width-w NAF of k, least significant digit first (variable time).
fn wnaf(k: &Scalar, w: u32) -> Vec<i8> {
    let mut x = [0u64; SCALAR_LIMBS + 1];
    x[..SCALAR_LIMBS].copy_from_slice(k.as_words());
    let full = 1i64 << w;
    let half = full >> 1;
    let mut out = Vec::with_capacity(64 * SCALAR_LIMBS + 1);
    while x.iter().any(|&v| v != 0) {
        let mut d = 0i64;
        if x[0] & 1 == 1 {
            d = (x[0] & (full as u64 - 1)) as i64;
            if d >= half {
                d -= full;
            }
            if d > 0 {
                sub_small(&mut x, d as u64);
            } else {
                add_small(&mut x, (-d) as u64);
            }
        }
        out.push(d as i8);
        for i in 0..x.len() {
            let next = if i + 1 < x.len() { x[i + 1] } else { 0 };
            x[i] = (x[i] >> 1) | (next << 63);
        }
    }
    out
}

fn sub_small(x: &mut [u64], v: u64) {
    let mut borrow = v;
    for limb in x.iter_mut() {
        let (r, b) = limb.overflowing_sub(borrow);
        *limb = r;
        borrow = u64::from(b);
        if borrow == 0 {
            break;
        }
    }
}

fn add_small(x: &mut [u64], v: u64) {
    let mut carry = v;
    for limb in x.iter_mut() {
        let (r, c) = limb.overflowing_add(carry);
        *limb = r;
        carry = u64::from(c);
        if carry == 0 {
            break;
        }
    }
}

/// `(2j + 1)·P` for j < count (variable time). `None` when a multiple is
/// O (P of small odd order: only on a bogus curve).
pub(crate) fn odd_multiples(group: &Group, p: &Affine, count: usize) -> Option<Vec<Affine>> {
    let doubled = group.double(&p.to_ld());
    let doubled = group.to_affine(&doubled)?;
    let mut points = Vec::with_capacity(count);
    let mut acc = p.to_ld();
    points.push(acc);
    for _ in 1..count {
        acc = group.add_mixed_vartime(&acc, &doubled);
        points.push(acc);
    }
    group.batch_to_affine(&points)
}

/// Adds the wNAF digit's multiple from `table` (odd multiples) to acc.
fn add_digit(group: &Group, acc: &Ld, table: &[Affine], digit: i8) -> Ld {
    let entry = table[(digit.unsigned_abs() / 2) as usize];
    if digit > 0 {
        group.add_mixed_vartime(acc, &entry)
    } else {
        group.add_mixed_vartime(acc, &entry.neg())
    }
}

/// `s·P + r·Q` in variable time, with `g_odd` the odd multiples of P (at
/// least 2^(G_WNAF_W − 2) of them).
pub(crate) fn mul_double_vartime(
    group: &Group,
    g_odd: &[Affine],
    s: &Scalar,
    q: &Affine,
    r: &Scalar,
) -> Ld {
    let Some(q_odd) = odd_multiples(group, q, 1 << (Q_WNAF_W - 2)) else {
        // Q of small order (not a valid key): the slow generic way.
        let sp = mul_vartime(group, &g_odd[0], s);
        let rq = mul_vartime(group, q, r);
        return match group.to_affine(&rq) {
            Some(rq) => group.add_mixed_vartime(&sp, &rq),
            None => sp,
        };
    };
    let ds = wnaf(s, G_WNAF_W);
    let dr = wnaf(r, Q_WNAF_W);
    let mut acc = Ld::IDENTITY;
    for i in (0..ds.len().max(dr.len())).rev() {
        acc = group.double(&acc);
        if let Some(&d) = ds.get(i).filter(|&&d| d != 0) {
            acc = add_digit(group, &acc, g_odd, d);
        }
        if let Some(&d) = dr.get(i).filter(|&&d| d != 0) {
            acc = add_digit(group, &acc, &q_odd, d);
        }
    }
    acc
}

/// `k·Q` in variable time (public k and Q), width-5 wNAF; plain
/// double-and-add when Q has a small odd order.
pub(crate) fn mul_vartime(group: &Group, q: &Affine, k: &Scalar) -> Ld {
    let mut acc = Ld::IDENTITY;
    match odd_multiples(group, q, 1 << (Q_WNAF_W - 2)) {
        Some(table) => {
            for &d in wnaf(k, Q_WNAF_W).iter().rev() {
                acc = group.double(&acc);
                if d != 0 {
                    acc = add_digit(group, &acc, &table, d);
                }
            }
        }
        None => {
            for i in (0..k.bit_width_vartime()).rev() {
                acc = group.double(&acc);
                if k.bit_vartime(i) {
                    acc = group.add_mixed_vartime(&acc, q);
                }
            }
        }
    }
    acc
}

/// `x(k·Q)` for a secret `k < 2^bits` and a public Q, in constant time:
/// the x-only Montgomery ladder of López and Dahab ("Fast multiplication on
/// elliptic curves over GF(2^m) without precomputation", CHES 1999) on
/// projective `(X : Z)`. Each of the `bits` steps does one differential
/// addition, `Z = (X0·Z1 + X1·Z0)²`, `X = x·Z + X0·Z1·X1·Z0`, and one
/// doubling, `X = X0⁴ + B·Z0⁴`, `Z = X0²·Z0²` (6M + 5S), with the pair
/// swapped under a mask by the key bit. Starting from `(O, Q)` with
/// `O = (1 : 0)` keeps the steps uniform through leading zero bits: both
/// formulas give the right answer for O, and the difference of the pair
/// is always ±Q, whose x is not 0 for a point of odd order. `None` when
/// `k·Q = O`.
pub(crate) fn ladder_x(group: &Group, q: &Affine, k: &Scalar, bits: u32) -> Option<Fe> {
    let f = &group.field;
    let x = q.x;
    let (mut x0, mut z0) = (Fe::ONE, Fe::ZERO);
    let (mut x1, mut z1) = (x, Fe::ONE);
    let mut swapped = Choice::from(0);
    let words = k.as_words();
    for i in (0..bits as usize).rev() {
        let bit = Choice::from(((words[i / 64] >> (i % 64)) & 1) as u8);
        let swap = swapped ^ bit;
        Fe::conditional_swap(&mut x0, &mut x1, swap);
        Fe::conditional_swap(&mut z0, &mut z1, swap);
        swapped = bit;
        let t0 = f.mul(&x0, &z1);
        let t1 = f.mul(&x1, &z0);
        z1 = f.sqr(&t0.add(&t1));
        x1 = f.mul(&x, &z1).add(&f.mul(&t0, &t1));
        let xs = f.sqr(&x0);
        let zs = f.sqr(&z0);
        x0 = f.sqr(&xs).add(&f.mul(&group.b, &f.sqr(&zs)));
        z0 = f.mul(&xs, &zs);
    }
    Fe::conditional_swap(&mut x0, &mut x1, swapped);
    Fe::conditional_swap(&mut z0, &mut z1, swapped);
    x1.zeroize();
    z1.zeroize();
    let out = (!bool::from(z0.ct_is_zero())).then(|| f.mul(&x0, &f.invert(&z0)));
    x0.zeroize();
    z0.zeroize();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(words: [u64; SCALAR_LIMBS]) -> Scalar {
        Scalar::from_words(words)
    }

    #[test]
    fn signed_digits_recompose() {
        for k in [
            scalar([0; SCALAR_LIMBS]),
            scalar([u64::MAX, u64::MAX, u64::MAX, u64::MAX, 0, 0, 0]),
            scalar([0x1234_5678_9ABC_DEF0, 17, 0, 1 << 63, 0, 0, 0]),
        ] {
            let bits = k.bit_width_vartime().max(1);
            let digits = signed_digits(&k, comb_rows(bits));
            assert!(digits.iter().all(|&d| (-15..=16).contains(&d)));
            // Recompose as a signed 512-bit sum, limb by limb.
            let mut acc = [0i128; SCALAR_LIMBS + 2];
            for (i, &d) in digits.iter().enumerate() {
                let pos = 5 * i;
                acc[pos / 64] += i128::from(d) << (pos % 64);
            }
            let mut carry = 0i128;
            let mut words = [0u64; SCALAR_LIMBS + 2];
            for (w, a) in words.iter_mut().zip(acc.iter()) {
                let v = a + carry;
                *w = v as u64;
                carry = v >> 64;
            }
            assert_eq!(&words[..SCALAR_LIMBS], k.as_words());
        }
    }

    #[test]
    fn wnaf_recomposes() {
        let k = scalar([0xDEAD_BEEF_0BAD_F00D, 0x1234, 0, 0, 0, 0, 0x7FFF]);
        for w in [4, 5, 7] {
            let digits = wnaf(&k, w);
            let mut acc = [0i128; SCALAR_LIMBS + 2];
            for (i, &d) in digits.iter().enumerate() {
                assert!(d == 0 || (d % 2 != 0 && i32::from(d).abs() < (1 << (w - 1))));
                acc[i / 64] += i128::from(d) << (i % 64);
            }
            let mut carry = 0i128;
            let mut words = [0u64; SCALAR_LIMBS + 2];
            for (wd, a) in words.iter_mut().zip(acc.iter()) {
                let v = a + carry;
                *wd = v as u64;
                carry = v >> 64;
            }
            assert_eq!(&words[..SCALAR_LIMBS], k.as_words());
        }
    }
}
