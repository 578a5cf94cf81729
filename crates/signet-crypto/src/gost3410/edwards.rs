//! Edwards arithmetic for the two twisted Edwards parameter sets.
//!
//! id-tc26-gost-3410-2012-256-paramSetA and -512-paramSetC are defined in
//! [RFC 7836 section 5.2] as `e·u² + v² = 1 + d·u²·v²` with e = 1 and d a
//! non-square, where the Edwards addition law is complete. Keys and
//! signatures use the equivalent short Weierstrass curve; internally the
//! base-point comb (signing, key generation) and verification run on the
//! Edwards curve, whose formulas are cheaper than the Weierstrass ones for
//! a ≠ −3: extended coordinates `(X : Y : Z : T)`, `u = X/Z`, `v = Y/Z`,
//! `T = X·Y/Z` of Hisil, Wong, Carter and Dawson, "Twisted Edwards curves
//! revisited" (ASIACRYPT 2008; EFD "add-2008-hwcd", 8M with an affine
//! operand, 9M with a precomputed d·T2, and "dbl-2008-hwcd", 4M + 4S).
//! Their doubling does not read T, and every formula spends exactly one
//! multiplication on T3 = E·H, so verification leaves T out of each point
//! that only goes on to a doubling or to the final check: 3M + 4S for a
//! doubling followed by a doubling (the cost of the projective
//! "dbl-2008-bbjlp" of Bernstein, Birkner, Joye, Lange, Peters, "Twisted
//! Edwards curves", AFRICACRYPT 2008), 7M or 8M for the last addition of a
//! step: the mix of projective and extended coordinates that Hisil et al.
//! propose in the same paper (IACR ePrint 2008/522).
//!
//! The maps between the forms are those of RFC 7836 section 5.2 with
//! `s = (e − d)/4` and `t = (e + d)/6`:
//! `(u, v) ↦ (x, y) = (s(1 + v)/(1 − v) + t, s(1 + v)/((1 − v)·u))` and
//! `(x, y) ↦ (u, v) = ((x − t)/y, (x − t − s)/(x − t + s))`. The neutral
//! element (0, 1) corresponds to the point at infinity and (0, −1) to the
//! point (t, 0) of order 2.
//!
//! [RFC 7836 section 5.2]: https://datatracker.ietf.org/doc/html/rfc7836#section-5.2

use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroize;

use super::curves::CurveSpec;
use super::point::{Affine, F};

/// An affine Edwards point prepared for mixed addition: (u, v, d·u·v).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Niels<C: CurveSpec<N>, const N: usize> {
    u: F<C, N>,
    v: F<C, N>,
    duv: F<C, N>,
}

impl<C: CurveSpec<N>, const N: usize> Niels<C, N> {
    fn new(u: F<C, N>, v: F<C, N>) -> Self {
        Self {
            u,
            v,
            duv: C::ED_D_FE.mul(&u).mul(&v),
        }
    }

    /// `−P = (−u, v)`, applied when `choice` is set.
    pub(crate) fn conditional_negate(&mut self, choice: Choice) {
        let (nu, nduv) = (self.u.neg(), self.duv.neg());
        self.u = F::<C, N>::conditional_select(&self.u, &nu, choice);
        self.duv = F::<C, N>::conditional_select(&self.duv, &nduv, choice);
    }

    /// (u, v), for tests.
    #[cfg(test)]
    pub(crate) fn coordinates_for_tests(&self) -> (F<C, N>, F<C, N>) {
        (self.u, self.v)
    }

    fn neg(&self) -> Self {
        Self {
            u: self.u.neg(),
            v: self.v,
            duv: self.duv.neg(),
        }
    }
}

impl<C: CurveSpec<N>, const N: usize> ConditionallySelectable for Niels<C, N> {
    fn conditional_select(a: &Self, b: &Self, choice: Choice) -> Self {
        Self {
            u: F::<C, N>::conditional_select(&a.u, &b.u, choice),
            v: F::<C, N>::conditional_select(&a.v, &b.v, choice),
            duv: F::<C, N>::conditional_select(&a.duv, &b.duv, choice),
        }
    }
}

impl<C: CurveSpec<N>, const N: usize> Zeroize for Niels<C, N> {
    fn zeroize(&mut self) {
        self.u.zeroize();
        self.v.zeroize();
        self.duv.zeroize();
    }
}

/// A projective point prepared for addition: (X, Y, Z, d·T), so that an
/// addition costs 9M. Verification keeps the public key's odd multiples in
/// this form rather than paying an inversion to make them affine.
#[derive(Clone, Copy, Debug)]
struct Cached<C: CurveSpec<N>, const N: usize> {
    x: F<C, N>,
    y: F<C, N>,
    z: F<C, N>,
    dt: F<C, N>,
}

impl<C: CurveSpec<N>, const N: usize> Cached<C, N> {
    fn neg(&self) -> Self {
        Self {
            x: self.x.neg(),
            y: self.y,
            z: self.z,
            dt: self.dt.neg(),
        }
    }
}

/// A point in extended coordinates.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Extended<C: CurveSpec<N>, const N: usize> {
    x: F<C, N>,
    y: F<C, N>,
    z: F<C, N>,
    t: F<C, N>,
}

impl<C: CurveSpec<N>, const N: usize> Extended<C, N> {
    /// The neutral element (0, 1).
    pub(crate) const IDENTITY: Self = Self {
        x: F::<C, N>::ZERO,
        y: F::<C, N>::ONE,
        z: F::<C, N>::ONE,
        t: F::<C, N>::ZERO,
    };

    /// The extended form of an affine point, for tests.
    #[cfg(test)]
    pub(crate) fn from_niels_for_tests(p: &Niels<C, N>) -> Self {
        Self::from_niels(p)
    }

    fn from_niels(p: &Niels<C, N>) -> Self {
        Self {
            x: p.u,
            y: p.v,
            z: F::<C, N>::ONE,
            t: p.u.mul(&p.v),
        }
    }

    /// `P + Q` for an affine Q ("add-2008-hwcd" with Z2 = 1, a = 1), complete.
    ///
    /// Not inlined: inlined into the comb of [`mul_base`], signing on TC26
    /// 256-A measured 19 % more instructions.
    #[inline(never)]
    pub(crate) fn add_niels(&self, q: &Niels<C, N>) -> Self {
        self.add_niels_t::<true>(q)
    }

    /// [`Self::add_niels`], computing T only when `WITH_T`: a sum that goes
    /// on to a doubling needs no T (7M rather than 8M).
    #[inline(always)]
    fn add_niels_t<const WITH_T: bool>(&self, q: &Niels<C, N>) -> Self {
        let a = self.x.mul(&q.u);
        let b = self.y.mul(&q.v);
        let c = self.t.mul(&q.duv);
        let e = self.x.add(&self.y).mul(&q.u.add(&q.v)).sub(&a).sub(&b);
        let f = self.z.sub(&c);
        let g = self.z.add(&c);
        let h = b.sub(&a);
        Self {
            x: e.mul(&f),
            y: g.mul(&h),
            z: f.mul(&g),
            t: if WITH_T { e.mul(&h) } else { self.t },
        }
    }

    fn to_cached(self) -> Cached<C, N> {
        Cached {
            x: self.x,
            y: self.y,
            z: self.z,
            dt: self.t.mul(&C::ED_D_FE),
        }
    }

    /// `P + Q` ("add-2008-hwcd", a = 1, with d·T2 given), complete.
    fn add_cached(&self, q: &Cached<C, N>) -> Self {
        self.add_cached_t::<true>(q)
    }

    /// [`Self::add_cached`], computing T only when `WITH_T` (8M without).
    #[inline(always)]
    fn add_cached_t<const WITH_T: bool>(&self, q: &Cached<C, N>) -> Self {
        let a = self.x.mul(&q.x);
        let b = self.y.mul(&q.y);
        let c = self.t.mul(&q.dt);
        let d = self.z.mul(&q.z);
        let e = self.x.add(&self.y).mul(&q.x.add(&q.y)).sub(&a).sub(&b);
        let f = d.sub(&c);
        let g = d.add(&c);
        let h = b.sub(&a);
        Self {
            x: e.mul(&f),
            y: g.mul(&h),
            z: f.mul(&g),
            t: if WITH_T { e.mul(&h) } else { self.t },
        }
    }

    /// `P + Q` ("add-2008-hwcd", a = 1), complete.
    fn add(&self, q: &Self) -> Self {
        let a = self.x.mul(&q.x);
        let b = self.y.mul(&q.y);
        let c = self.t.mul(&C::ED_D_FE).mul(&q.t);
        let d = self.z.mul(&q.z);
        let e = self.x.add(&self.y).mul(&q.x.add(&q.y)).sub(&a).sub(&b);
        let f = d.sub(&c);
        let g = d.add(&c);
        let h = b.sub(&a);
        Self {
            x: e.mul(&f),
            y: g.mul(&h),
            z: f.mul(&g),
            t: e.mul(&h),
        }
    }

    /// `2·P` ("dbl-2008-hwcd", a = 1).
    pub(crate) fn double(&self) -> Self {
        let a = self.x.square();
        let b = self.y.square();
        let c = self.z.square().double();
        let g = a.add(&b);
        let e = self.x.add(&self.y).square().sub(&g);
        let f = g.sub(&c);
        let h = a.sub(&b);
        Self {
            x: e.mul(&f),
            y: g.mul(&h),
            z: f.mul(&g),
            t: e.mul(&h),
        }
    }

    /// `P ← 2·P` without T (3M + 4S), for a doubling followed by another
    /// doubling, which does not read T. In place: returning the 256-byte
    /// point by value cost a `memcpy` per step.
    fn double_without_t_in_place(&mut self) {
        let a = self.x.square();
        let b = self.y.square();
        let c = self.z.square().double();
        let g = a.add(&b);
        let e = self.x.add(&self.y).square().sub(&g);
        let f = g.sub(&c);
        let h = a.sub(&b);
        self.x = e.mul(&f);
        self.y = g.mul(&h);
        self.z = f.mul(&g);
    }

    /// The Weierstrass point, in constant time. Only the neutral element
    /// and (0, −1) have no finite image with u ≠ 0; neither is a multiple
    /// of the base point by a scalar in [1, q − 1].
    pub(crate) fn to_weierstrass(self) -> Affine<C, N> {
        // x = s(Z + Y)/(Z − Y) + t, y = s(Z + Y)·Z/((Z − Y)·X).
        let num = C::ED_S_FE.mul(&self.z.add(&self.y));
        let inv = self.z.sub(&self.y).mul(&self.x).invert();
        Affine::from_fe(
            num.mul(&self.x).mul(&inv).add(&C::ED_T_FE),
            num.mul(&self.z).mul(&inv),
        )
    }

    /// Whether the Weierstrass x of this point equals `x` (variable-time;
    /// false for the neutral element).
    pub(crate) fn weierstrass_x_is_vartime(&self, x: &F<C, N>) -> bool {
        let den = self.z.sub(&self.y);
        if den.is_zero_vartime() {
            return false;
        }
        // (x − t)(Z − Y) = s(Z + Y)
        x.sub(&C::ED_T_FE)
            .mul(&den)
            .eq_vartime(&C::ED_S_FE.mul(&self.z.add(&self.y)))
    }
}

impl<C: CurveSpec<N>, const N: usize> ConditionallySelectable for Extended<C, N> {
    fn conditional_select(a: &Self, b: &Self, choice: Choice) -> Self {
        Self {
            x: F::<C, N>::conditional_select(&a.x, &b.x, choice),
            y: F::<C, N>::conditional_select(&a.y, &b.y, choice),
            z: F::<C, N>::conditional_select(&a.z, &b.z, choice),
            t: F::<C, N>::conditional_select(&a.t, &b.t, choice),
        }
    }
}

impl<C: CurveSpec<N>, const N: usize> Zeroize for Extended<C, N> {
    fn zeroize(&mut self) {
        self.x.zeroize();
        self.y.zeroize();
        self.z.zeroize();
        self.t.zeroize();
    }
}

/// The Edwards image of a Weierstrass point, or `None` for (t, 0), the
/// point of order 2 (variable-time: public points only).
pub(crate) fn from_weierstrass_vartime<C: CurveSpec<N>, const N: usize>(
    p: &Affine<C, N>,
) -> Option<Niels<C, N>> {
    let xt = p.x.sub(&C::ED_T_FE);
    let den = xt.add(&C::ED_S_FE);
    let inv = p.y.mul(&den).invert_vartime();
    if inv.is_zero_vartime() {
        return None;
    }
    let u = xt.mul(&den).mul(&inv);
    let v = xt.sub(&C::ED_S_FE).mul(&p.y).mul(&inv);
    Some(Niels::new(u, v))
}

/// The Edwards image of a Weierstrass point in extended coordinates
/// without an inversion, or `None` where the map is undefined (y = 0 or
/// x − t + s = 0; variable-time: public points only):
/// `(X : Y : Z : T) = ((x − t)(x − t + s) : (x − t − s)·y : y(x − t + s) :
/// (x − t)(x − t − s))`, which is `(u, v)` of the module docs scaled by
/// `Z = y(x − t + s)`.
fn from_weierstrass_projective_vartime<C: CurveSpec<N>, const N: usize>(
    p: &Affine<C, N>,
) -> Option<Extended<C, N>> {
    let xt = p.x.sub(&C::ED_T_FE);
    let den = xt.add(&C::ED_S_FE);
    let num = xt.sub(&C::ED_S_FE);
    let z = p.y.mul(&den);
    if z.is_zero_vartime() {
        return None;
    }
    Some(Extended {
        x: xt.mul(&den),
        y: num.mul(&p.y),
        z,
        t: xt.mul(&num),
    })
}

/// Affine images of finite extended points with one inversion.
fn batch_to_niels<C: CurveSpec<N>, const N: usize>(points: &[Extended<C, N>]) -> Vec<Niels<C, N>> {
    let mut prefix = Vec::with_capacity(points.len());
    let mut acc = F::<C, N>::ONE;
    for p in points {
        prefix.push(acc);
        acc = acc.mul(&p.z);
    }
    let mut inv = acc.invert_vartime();
    let mut out = Vec::with_capacity(points.len());
    for i in (0..points.len()).rev() {
        let zinv = inv.mul(&prefix[i]);
        inv = inv.mul(&points[i].z);
        out.push(Niels::new(points[i].x.mul(&zinv), points[i].y.mul(&zinv)));
    }
    out.reverse();
    out
}

/// The Edwards counterparts of the Weierstrass base-point tables.
pub(crate) struct EdwardsTables<C: CurveSpec<N>, const N: usize> {
    /// Row i holds `j·2^(w·i)·G` for j = 1..=row.
    pub(crate) comb: Vec<Niels<C, N>>,
    /// `(2j+1)·G`.
    pub(crate) g_odd: Vec<Niels<C, N>>,
}

impl<C: CurveSpec<N>, const N: usize> EdwardsTables<C, N> {
    /// Builds the comb rows and odd multiples of G (which must map to a
    /// finite Edwards point).
    pub(crate) fn new(rows: usize, row: usize, odd: usize) -> Option<Self> {
        let g = Extended::from_niels(&from_weierstrass_vartime(&C::G)?);
        let mut points = Vec::with_capacity(rows * row);
        let mut base = g;
        for _ in 0..rows {
            let mut acc = base;
            points.push(acc);
            for _ in 1..row {
                acc = acc.add(&base);
                points.push(acc);
            }
            base = acc.double();
        }
        let g2 = g.double();
        let mut odd_points = Vec::with_capacity(odd);
        let mut acc = g;
        odd_points.push(acc);
        for _ in 1..odd {
            acc = acc.add(&g2);
            odd_points.push(acc);
        }
        Some(Self {
            comb: batch_to_niels(&points),
            g_odd: batch_to_niels(&odd_points),
        })
    }
}

/// `k·G` by the signed comb over Edwards rows (constant time), then mapped
/// to the Weierstrass curve.
pub(crate) fn mul_base<C: CurveSpec<N>, const N: usize>(
    comb: &[Niels<C, N>],
    row_len: usize,
    digits: &[i8],
) -> Affine<C, N> {
    let mut acc = Extended::<C, N>::IDENTITY;
    for (row, &digit) in comb.chunks_exact(row_len).zip(digits.iter()) {
        let (abs, negative) = super::mul::abs_and_sign(digit);
        let mut entry = row[0];
        for (j, candidate) in row.iter().enumerate().skip(1) {
            entry.conditional_assign(candidate, (j as u8 + 1).ct_eq(&abs));
        }
        entry.conditional_negate(negative);
        let sum = acc.add_niels(&entry);
        acc = Extended::conditional_select(&acc, &sum, !abs.ct_eq(&0));
        entry.zeroize();
    }
    let out = acc.to_weierstrass();
    acc.zeroize();
    out
}

/// `z1·G + z2·Q` in Edwards coordinates for public scalars (wNAF digits
/// given), or `None` when Q has no Edwards image usable here. The result's
/// T coordinate is stale: only X, Y and Z are meaningful.
pub(crate) fn mul_double_vartime<C: CurveSpec<N>, const N: usize>(
    g_odd: &[Niels<C, N>],
    naf1: &[i16],
    q: &Affine<C, N>,
    naf2: &[i16],
    q_table_len: usize,
) -> Option<Extended<C, N>> {
    let q1 = from_weierstrass_projective_vartime(q)?;
    let q2 = q1.double().to_cached();
    let mut q_odd = Vec::with_capacity(q_table_len);
    let mut acc = q1;
    q_odd.push(acc.to_cached());
    for _ in 1..q_table_len {
        acc = acc.add_cached(&q2);
        if acc.z.is_zero_vartime() {
            return None;
        }
        q_odd.push(acc.to_cached());
    }
    let top = (0..naf1.len())
        .rev()
        .find(|&i| naf1[i] != 0 || naf2[i] != 0)?;
    let mut acc = Extended::<C, N>::IDENTITY;
    for i in (0..=top).rev() {
        // T is read only by an addition: the point that goes on to a
        // doubling, or to the caller's check after the last step, is
        // computed without it.
        let (d1, d2) = (naf1[i], naf2[i]);
        if d1 != 0 || d2 != 0 {
            acc = acc.double();
        } else {
            acc.double_without_t_in_place();
        }
        if d1 != 0 {
            let g = &g_odd[usize::from(d1.unsigned_abs()) / 2];
            let g = if d1 < 0 { g.neg() } else { *g };
            acc = if d2 != 0 {
                acc.add_niels(&g)
            } else {
                acc.add_niels_t::<false>(&g)
            };
        }
        if d2 != 0 {
            let q = &q_odd[usize::from(d2.unsigned_abs()) / 2];
            let q = if d2 < 0 { q.neg() } else { *q };
            acc = acc.add_cached_t::<false>(&q);
        }
    }
    Some(acc)
}
