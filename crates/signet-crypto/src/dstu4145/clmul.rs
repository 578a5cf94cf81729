//! Carry-less multiplication of GF(2)[x] polynomials in 64-bit limbs, the
//! core of the field product of [`super::field`], in constant time.
//!
//! The 64×64-bit product ([`clmul64`]) uses integer multiplications on
//! operands with holes: five interleaved bit classes, so that no carry
//! reaches a bit of the class being read. Products of several limbs use
//! Karatsuba over it ([`mul3`], [`mul4`], [`mul6`], [`mul8`]); bit
//! spreading for squaring ([`spread32`]) uses shifts and masks. Nothing
//! here branches on, or indexes a table by, operand bits.

use super::field::{Fe, LIMBS, WIDE};

/// The four low limbs.
#[inline]
pub(super) fn low4(a: &Fe) -> [u64; 4] {
    [a.0[0], a.0[1], a.0[2], a.0[3]]
}

/// `c ^= t << pos` (pos is public).
#[inline]
pub(super) fn xor_at(c: &mut [u64; WIDE], t: u64, pos: usize) {
    let (w, s) = (pos / 64, pos % 64);
    c[w] ^= t << s;
    if s != 0 {
        c[w + 1] ^= t >> (64 - s);
    }
}

/// `a << shift` within seven limbs (bits shifted out are lost); variable
/// time, for the parameter checks.
pub(super) fn shl(a: &Fe, shift: usize) -> Fe {
    let (w, s) = (shift / 64, shift % 64);
    let mut out = Fe::ZERO;
    for i in (w..LIMBS).rev() {
        let mut v = a.0[i - w] << s;
        if s != 0 && i > w {
            v |= a.0[i - w - 1] >> (64 - s);
        }
        out.0[i] = v;
    }
    out
}

/// Spreads the 32 bits of `x` to the even positions of a 64-bit word.
#[inline]
pub(super) fn spread32(x: u32) -> u64 {
    let mut v = u64::from(x);
    v = (v | (v << 16)) & 0x0000_FFFF_0000_FFFF;
    v = (v | (v << 8)) & 0x00FF_00FF_00FF_00FF;
    v = (v | (v << 4)) & 0x0F0F_0F0F_0F0F_0F0F;
    v = (v | (v << 2)) & 0x3333_3333_3333_3333;
    v = (v | (v << 1)) & 0x5555_5555_5555_5555;
    v
}

/// Bits whose position is ≡ `class` (mod 5), over `bits` positions.
const fn class_mask(class: u32, bits: u32) -> u128 {
    let mut m = 0u128;
    let mut i = class;
    while i < bits {
        m |= 1u128 << i;
        i += 5;
    }
    m
}

const M64: [u64; 5] = [
    class_mask(0, 64) as u64,
    class_mask(1, 64) as u64,
    class_mask(2, 64) as u64,
    class_mask(3, 64) as u64,
    class_mask(4, 64) as u64,
];
const M128: [u128; 5] = [
    class_mask(0, 128),
    class_mask(1, 128),
    class_mask(2, 128),
    class_mask(3, 128),
    class_mask(4, 128),
];

/// Carry-less product of two 64-bit words, in constant time.
///
/// Each operand is split into five classes of bits (positions ≡ i mod 5);
/// the integer product of class i of x and class j of y has at each
/// position p ≡ i + j (mod 5) the count of bit pairs summing to p, at most
/// 13 < 16, so its carries stop before the next position of that class: the
/// bit at p is that count mod 2, the carry-less coefficient. XOR the 25
/// products into five accumulators by class and keep each class's bits.
#[inline]
pub(super) fn clmul64(x: u64, y: u64) -> u128 {
    let xs = [x & M64[0], x & M64[1], x & M64[2], x & M64[3], x & M64[4]];
    let ys = [y & M64[0], y & M64[1], y & M64[2], y & M64[3], y & M64[4]];
    let p = |i: usize, j: usize| u128::from(xs[i]) * u128::from(ys[j]);
    let z0 = p(0, 0) ^ p(1, 4) ^ p(2, 3) ^ p(3, 2) ^ p(4, 1);
    let z1 = p(0, 1) ^ p(1, 0) ^ p(2, 4) ^ p(3, 3) ^ p(4, 2);
    let z2 = p(0, 2) ^ p(1, 1) ^ p(2, 0) ^ p(3, 4) ^ p(4, 3);
    let z3 = p(0, 3) ^ p(1, 2) ^ p(2, 1) ^ p(3, 0) ^ p(4, 4);
    let z4 = p(0, 4) ^ p(1, 3) ^ p(2, 2) ^ p(3, 1) ^ p(4, 0);
    (z0 & M128[0]) | (z1 & M128[1]) | (z2 & M128[2]) | (z3 & M128[3]) | (z4 & M128[4])
}

/// 2×2 limbs, Karatsuba: three word products.
#[inline]
pub(super) fn mul2(a0: u64, a1: u64, b0: u64, b1: u64) -> [u64; 4] {
    let lo = clmul64(a0, b0);
    let hi = clmul64(a1, b1);
    let mid = clmul64(a0 ^ a1, b0 ^ b1) ^ lo ^ hi;
    [
        lo as u64,
        ((lo >> 64) ^ mid) as u64,
        ((mid >> 64) ^ hi) as u64,
        (hi >> 64) as u64,
    ]
}

/// 3×3 limbs, three-term Karatsuba: six word products.
pub(super) fn mul3(a: &Fe, b: &Fe, out: &mut [u64; WIDE]) {
    let (a0, a1, a2) = (a.0[0], a.0[1], a.0[2]);
    let (b0, b1, b2) = (b.0[0], b.0[1], b.0[2]);
    let p0 = clmul64(a0, b0);
    let p1 = clmul64(a1, b1);
    let p2 = clmul64(a2, b2);
    let p01 = clmul64(a0 ^ a1, b0 ^ b1) ^ p0 ^ p1;
    let p02 = clmul64(a0 ^ a2, b0 ^ b2) ^ p0 ^ p2 ^ p1;
    let p12 = clmul64(a1 ^ a2, b1 ^ b2) ^ p1 ^ p2;
    let mut acc = [0u128; 5];
    acc[0] = p0;
    acc[1] = p01;
    acc[2] = p02;
    acc[3] = p12;
    acc[4] = p2;
    for (i, v) in acc.iter().enumerate() {
        out[i] ^= *v as u64;
        out[i + 1] ^= (*v >> 64) as u64;
    }
}

/// 4×4 limbs: Karatsuba over two-limb halves, nine word products.
pub(super) fn mul4(a: [u64; 4], b: [u64; 4], out: &mut [u64]) {
    let lo = mul2(a[0], a[1], b[0], b[1]);
    let hi = mul2(a[2], a[3], b[2], b[3]);
    let mid = mul2(a[0] ^ a[2], a[1] ^ a[3], b[0] ^ b[2], b[1] ^ b[3]);
    for i in 0..4 {
        out[i] ^= lo[i];
        out[i + 4] ^= hi[i];
        out[i + 2] ^= mid[i] ^ lo[i] ^ hi[i];
    }
}

/// 6×6 limbs (also 5): three-term Karatsuba over two-limb digits,
/// eighteen word products.
pub(super) fn mul6(a: &Fe, b: &Fe, out: &mut [u64; WIDE]) {
    let d = |x: &Fe, i: usize| (x.0[2 * i], x.0[2 * i + 1]);
    let (a0, a1, a2) = (d(a, 0), d(a, 1), d(a, 2));
    let (b0, b1, b2) = (d(b, 0), d(b, 1), d(b, 2));
    let x = |p: (u64, u64), q: (u64, u64)| (p.0 ^ q.0, p.1 ^ q.1);
    let m2 = |p: (u64, u64), q: (u64, u64)| mul2(p.0, p.1, q.0, q.1);
    let p0 = m2(a0, b0);
    let p1 = m2(a1, b1);
    let p2 = m2(a2, b2);
    let p01 = m2(x(a0, a1), x(b0, b1));
    let p02 = m2(x(a0, a2), x(b0, b2));
    let p12 = m2(x(a1, a2), x(b1, b2));
    for i in 0..4 {
        out[i] ^= p0[i];
        out[2 + i] ^= p01[i] ^ p0[i] ^ p1[i];
        out[4 + i] ^= p02[i] ^ p0[i] ^ p2[i] ^ p1[i];
        out[6 + i] ^= p12[i] ^ p1[i] ^ p2[i];
        out[8 + i] ^= p2[i];
    }
}

/// 8×8 limbs (also 7): Karatsuba over four-limb halves, 27 word products.
pub(super) fn mul8(a: &Fe, b: &Fe, out: &mut [u64; WIDE]) {
    let half = |x: &Fe, h: usize| -> [u64; 4] {
        let mut v = [0u64; 4];
        for (i, slot) in v.iter_mut().enumerate() {
            let idx = 4 * h + i;
            *slot = if idx < LIMBS { x.0[idx] } else { 0 };
        }
        v
    };
    let (al, ah, bl, bh) = (half(a, 0), half(a, 1), half(b, 0), half(b, 1));
    let mut lo = [0u64; 8];
    let mut hi = [0u64; 8];
    let mut mid = [0u64; 8];
    mul4(al, bl, &mut lo);
    mul4(ah, bh, &mut hi);
    let xs = |p: [u64; 4], q: [u64; 4]| [p[0] ^ q[0], p[1] ^ q[1], p[2] ^ q[2], p[3] ^ q[3]];
    mul4(xs(al, ah), xs(bl, bh), &mut mid);
    for i in 0..8 {
        out[i] ^= lo[i];
        out[i + 8] ^= hi[i];
        out[i + 4] ^= mid[i] ^ lo[i] ^ hi[i];
    }
}
