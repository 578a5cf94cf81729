//! Points of a short Weierstrass curve `y² = x³ + a·x + b`.
//!
//! Three representations, each for one job:
//!
//! - [`Affine`] `(x, y)`: keys on the wire and the entries of precomputed
//!   tables. Never the point at infinity.
//! - [`Projective`] homogeneous `(X : Y : Z)` with the complete addition
//!   formulas of Renes, Costello and Batina, "Complete addition formulas for
//!   prime order elliptic curves" ([ePrint 2015/1060], algorithms 1–6: the
//!   general-a versions and the cheaper a = −3 ones). They have no
//!   exceptional cases for points of odd order, so every operation on secret
//!   scalars (signing, key derivation, VKO) runs the same instructions
//!   whatever the operands, including the point at infinity `(0 : 1 : 0)`.
//! - [`Jacobian`] `(X : Y : Z)` with x = X/Z², y = Y/Z³ and the cheapest
//!   known doubling ("dbl-2001-b" for a = −3, "dbl-2007-bl" otherwise) and
//!   mixed addition ("madd-2007-bl") from the Explicit-Formulas Database. They
//!   branch on their operands and serve only signature verification, where
//!   every value is public.
//!
//! [ePrint 2015/1060]: https://eprint.iacr.org/2015/1060

use subtle::{Choice, ConditionallyNegatable, ConditionallySelectable};
use zeroize::Zeroize;

use super::curves::CurveSpec;
use super::field::Fe;

/// The field element type of curve `C`.
pub(crate) type F<C, const N: usize> = Fe<<C as CurveSpec<N>>::P, N>;

/// A finite point in affine coordinates.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Affine<C: CurveSpec<N>, const N: usize> {
    pub(crate) x: F<C, N>,
    pub(crate) y: F<C, N>,
}

impl<C: CurveSpec<N>, const N: usize> Affine<C, N> {
    /// A point from its coordinates (not checked).
    pub(crate) const fn from_fe(x: F<C, N>, y: F<C, N>) -> Self {
        Self { x, y }
    }

    /// Whether `y² = x³ + a·x + b`.
    pub(crate) fn is_on_curve(&self) -> bool {
        let lhs = self.y.square();
        let rhs = self.x.square().add(&C::A_FE).mul(&self.x).add(&C::B_FE);
        lhs.eq_vartime(&rhs)
    }

    /// `−P`.
    pub(crate) fn neg(&self) -> Self {
        Self {
            x: self.x,
            y: self.y.neg(),
        }
    }

    /// The same point in projective coordinates.
    pub(crate) fn to_projective(self) -> Projective<C, N> {
        Projective {
            x: self.x,
            y: self.y,
            z: F::<C, N>::ONE,
        }
    }

    /// The same point in Jacobian coordinates.
    pub(crate) fn to_jacobian(self) -> Jacobian<C, N> {
        Jacobian {
            x: self.x,
            y: self.y,
            z: F::<C, N>::ONE,
        }
    }

    /// Writes `X‖Y`, each coordinate little-endian (the GOST public key
    /// encoding of RFC 4491 section 2.3.2 and RFC 9215 section 4).
    pub(crate) fn write_le_bytes(&self, out: &mut [u8]) {
        let (x, y) = out.split_at_mut(8 * N);
        self.x.write_le_bytes(x);
        self.y.write_le_bytes(y);
    }
}

impl<C: CurveSpec<N>, const N: usize> ConditionallySelectable for Affine<C, N> {
    fn conditional_select(a: &Self, b: &Self, choice: Choice) -> Self {
        Self {
            x: F::<C, N>::conditional_select(&a.x, &b.x, choice),
            y: F::<C, N>::conditional_select(&a.y, &b.y, choice),
        }
    }
}

impl<C: CurveSpec<N>, const N: usize> ConditionallyNegatable for Affine<C, N> {
    fn conditional_negate(&mut self, choice: Choice) {
        let neg = self.y.neg();
        self.y = F::<C, N>::conditional_select(&self.y, &neg, choice);
    }
}

impl<C: CurveSpec<N>, const N: usize> Zeroize for Affine<C, N> {
    fn zeroize(&mut self) {
        self.x.zeroize();
        self.y.zeroize();
    }
}

/// A point in homogeneous projective coordinates; `(0 : 1 : 0)` is the
/// identity.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Projective<C: CurveSpec<N>, const N: usize> {
    pub(crate) x: F<C, N>,
    pub(crate) y: F<C, N>,
    pub(crate) z: F<C, N>,
}

impl<C: CurveSpec<N>, const N: usize> Projective<C, N> {
    /// The point at infinity.
    pub(crate) const IDENTITY: Self = Self {
        x: F::<C, N>::ZERO,
        y: F::<C, N>::ONE,
        z: F::<C, N>::ZERO,
    };

    /// Whether this is the point at infinity.
    pub(crate) fn is_identity(&self) -> Choice {
        self.z.is_zero()
    }

    /// The affine point, in constant time. The identity (and only it) maps
    /// to (0, 0); check [`Projective::is_identity`] first where it can occur.
    pub(crate) fn to_affine(self) -> Affine<C, N> {
        let zinv = self.z.invert();
        Affine {
            x: self.x.mul(&zinv),
            y: self.y.mul(&zinv),
        }
    }

    /// `P + Q`, complete (RCB algorithm 1, or 4 when a = −3).
    pub(crate) fn add(&self, rhs: &Self) -> Self {
        let (x1, y1, z1) = (&self.x, &self.y, &self.z);
        let (x2, y2, z2) = (&rhs.x, &rhs.y, &rhs.z);
        if C::A_IS_MINUS_3 {
            let b = &C::B_FE;
            let mut t0 = x1.mul(x2);
            let mut t1 = y1.mul(y2);
            let mut t2 = z1.mul(z2);
            let mut t3 = x1.add(y1);
            let mut t4 = x2.add(y2);
            t3 = t3.mul(&t4);
            t4 = t0.add(&t1);
            t3 = t3.sub(&t4);
            t4 = y1.add(z1);
            let mut x3 = y2.add(z2);
            t4 = t4.mul(&x3);
            x3 = t1.add(&t2);
            t4 = t4.sub(&x3);
            x3 = x1.add(z1);
            let mut y3 = x2.add(z2);
            x3 = x3.mul(&y3);
            y3 = t0.add(&t2);
            y3 = x3.sub(&y3);
            let mut z3 = b.mul(&t2);
            x3 = y3.sub(&z3);
            z3 = x3.double();
            x3 = x3.add(&z3);
            z3 = t1.sub(&x3);
            x3 = t1.add(&x3);
            y3 = b.mul(&y3);
            t1 = t2.double();
            t2 = t1.add(&t2);
            y3 = y3.sub(&t2);
            y3 = y3.sub(&t0);
            t1 = y3.double();
            y3 = t1.add(&y3);
            t1 = t0.double();
            t0 = t1.add(&t0);
            t0 = t0.sub(&t2);
            t1 = t4.mul(&y3);
            t2 = t0.mul(&y3);
            y3 = x3.mul(&z3);
            y3 = y3.add(&t2);
            x3 = t3.mul(&x3);
            x3 = x3.sub(&t1);
            z3 = t4.mul(&z3);
            t1 = t3.mul(&t0);
            z3 = z3.add(&t1);
            Self {
                x: x3,
                y: y3,
                z: z3,
            }
        } else {
            let a = &C::A_FE;
            let b3 = &C::B3_FE;
            let mut t0 = x1.mul(x2);
            let mut t1 = y1.mul(y2);
            let mut t2 = z1.mul(z2);
            let mut t3 = x1.add(y1);
            let mut t4 = x2.add(y2);
            t3 = t3.mul(&t4);
            t4 = t0.add(&t1);
            t3 = t3.sub(&t4);
            t4 = x1.add(z1);
            let mut t5 = x2.add(z2);
            t4 = t4.mul(&t5);
            t5 = t0.add(&t2);
            t4 = t4.sub(&t5);
            t5 = y1.add(z1);
            let mut x3 = y2.add(z2);
            t5 = t5.mul(&x3);
            x3 = t1.add(&t2);
            t5 = t5.sub(&x3);
            let mut z3 = a.mul(&t4);
            x3 = b3.mul(&t2);
            z3 = x3.add(&z3);
            x3 = t1.sub(&z3);
            z3 = t1.add(&z3);
            let mut y3 = x3.mul(&z3);
            t1 = t0.double();
            t1 = t1.add(&t0);
            t2 = a.mul(&t2);
            t4 = b3.mul(&t4);
            t1 = t1.add(&t2);
            t2 = t0.sub(&t2);
            t2 = a.mul(&t2);
            t4 = t4.add(&t2);
            t0 = t1.mul(&t4);
            y3 = y3.add(&t0);
            t0 = t5.mul(&t4);
            x3 = t3.mul(&x3);
            x3 = x3.sub(&t0);
            t0 = t3.mul(&t1);
            z3 = t5.mul(&z3);
            z3 = z3.add(&t0);
            Self {
                x: x3,
                y: y3,
                z: z3,
            }
        }
    }

    /// `P + Q` for an affine Q, complete for every P (RCB algorithm 2, or 5
    /// when a = −3).
    pub(crate) fn add_mixed(&self, rhs: &Affine<C, N>) -> Self {
        let (x1, y1, z1) = (&self.x, &self.y, &self.z);
        let (x2, y2) = (&rhs.x, &rhs.y);
        if C::A_IS_MINUS_3 {
            let b = &C::B_FE;
            let mut t0 = x1.mul(x2);
            let mut t1 = y1.mul(y2);
            let mut t3 = x2.add(y2);
            let mut t4 = x1.add(y1);
            t3 = t3.mul(&t4);
            t4 = t0.add(&t1);
            t3 = t3.sub(&t4);
            t4 = y2.mul(z1);
            t4 = t4.add(y1);
            let mut y3 = x2.mul(z1);
            y3 = y3.add(x1);
            let mut z3 = b.mul(z1);
            let mut x3 = y3.sub(&z3);
            z3 = x3.double();
            x3 = x3.add(&z3);
            z3 = t1.sub(&x3);
            x3 = t1.add(&x3);
            y3 = b.mul(&y3);
            t1 = z1.double();
            let mut t2 = t1.add(z1);
            y3 = y3.sub(&t2);
            y3 = y3.sub(&t0);
            t1 = y3.double();
            y3 = t1.add(&y3);
            t1 = t0.double();
            t0 = t1.add(&t0);
            t0 = t0.sub(&t2);
            t1 = t4.mul(&y3);
            t2 = t0.mul(&y3);
            y3 = x3.mul(&z3);
            y3 = y3.add(&t2);
            x3 = t3.mul(&x3);
            x3 = x3.sub(&t1);
            z3 = t4.mul(&z3);
            t1 = t3.mul(&t0);
            z3 = z3.add(&t1);
            Self {
                x: x3,
                y: y3,
                z: z3,
            }
        } else {
            let a = &C::A_FE;
            let b3 = &C::B3_FE;
            let mut t0 = x1.mul(x2);
            let mut t1 = y1.mul(y2);
            let mut t3 = x2.add(y2);
            let mut t4 = x1.add(y1);
            t3 = t3.mul(&t4);
            t4 = t0.add(&t1);
            t3 = t3.sub(&t4);
            t4 = x2.mul(z1);
            t4 = t4.add(x1);
            let mut t5 = y2.mul(z1);
            t5 = t5.add(y1);
            let mut z3 = a.mul(&t4);
            let mut x3 = b3.mul(z1);
            z3 = x3.add(&z3);
            x3 = t1.sub(&z3);
            z3 = t1.add(&z3);
            let mut y3 = x3.mul(&z3);
            t1 = t0.double();
            t1 = t1.add(&t0);
            let mut t2 = a.mul(z1);
            t4 = b3.mul(&t4);
            t1 = t1.add(&t2);
            t2 = t0.sub(&t2);
            t2 = a.mul(&t2);
            t4 = t4.add(&t2);
            t0 = t1.mul(&t4);
            y3 = y3.add(&t0);
            t0 = t5.mul(&t4);
            x3 = t3.mul(&x3);
            x3 = x3.sub(&t0);
            t0 = t3.mul(&t1);
            z3 = t5.mul(&z3);
            z3 = z3.add(&t0);
            Self {
                x: x3,
                y: y3,
                z: z3,
            }
        }
    }

    /// `2·P`, complete (RCB algorithm 3, or 6 when a = −3).
    pub(crate) fn double(&self) -> Self {
        let (x, y, z) = (&self.x, &self.y, &self.z);
        if C::A_IS_MINUS_3 {
            let b = &C::B_FE;
            let mut t0 = x.square();
            let t1 = y.square();
            let mut t2 = z.square();
            let mut t3 = x.mul(y);
            t3 = t3.double();
            let mut z3 = x.mul(z);
            z3 = z3.double();
            let mut y3 = b.mul(&t2);
            y3 = y3.sub(&z3);
            let mut x3 = y3.double();
            y3 = x3.add(&y3);
            x3 = t1.sub(&y3);
            y3 = t1.add(&y3);
            y3 = x3.mul(&y3);
            x3 = x3.mul(&t3);
            t3 = t2.double();
            t2 = t2.add(&t3);
            z3 = b.mul(&z3);
            z3 = z3.sub(&t2);
            z3 = z3.sub(&t0);
            t3 = z3.double();
            z3 = z3.add(&t3);
            t3 = t0.double();
            t0 = t3.add(&t0);
            t0 = t0.sub(&t2);
            t0 = t0.mul(&z3);
            y3 = y3.add(&t0);
            t0 = y.mul(z);
            t0 = t0.double();
            z3 = t0.mul(&z3);
            x3 = x3.sub(&z3);
            z3 = t0.mul(&t1);
            z3 = z3.double();
            z3 = z3.double();
            Self {
                x: x3,
                y: y3,
                z: z3,
            }
        } else {
            let a = &C::A_FE;
            let b3 = &C::B3_FE;
            let mut t0 = x.square();
            let t1 = y.square();
            let mut t2 = z.square();
            let mut t3 = x.mul(y);
            t3 = t3.double();
            let mut z3 = x.mul(z);
            z3 = z3.double();
            let mut x3 = a.mul(&z3);
            let mut y3 = b3.mul(&t2);
            y3 = x3.add(&y3);
            x3 = t1.sub(&y3);
            y3 = t1.add(&y3);
            y3 = x3.mul(&y3);
            x3 = t3.mul(&x3);
            z3 = b3.mul(&z3);
            t2 = a.mul(&t2);
            t3 = t0.sub(&t2);
            t3 = a.mul(&t3);
            t3 = t3.add(&z3);
            z3 = t0.double();
            t0 = z3.add(&t0);
            t0 = t0.add(&t2);
            t0 = t0.mul(&t3);
            y3 = y3.add(&t0);
            t2 = y.mul(z);
            t2 = t2.double();
            t0 = t2.mul(&t3);
            x3 = x3.sub(&t0);
            z3 = t2.mul(&t1);
            z3 = z3.double();
            z3 = z3.double();
            Self {
                x: x3,
                y: y3,
                z: z3,
            }
        }
    }

    /// `−P`.
    pub(crate) fn neg(&self) -> Self {
        Self {
            x: self.x,
            y: self.y.neg(),
            z: self.z,
        }
    }
}

impl<C: CurveSpec<N>, const N: usize> ConditionallySelectable for Projective<C, N> {
    fn conditional_select(a: &Self, b: &Self, choice: Choice) -> Self {
        Self {
            x: F::<C, N>::conditional_select(&a.x, &b.x, choice),
            y: F::<C, N>::conditional_select(&a.y, &b.y, choice),
            z: F::<C, N>::conditional_select(&a.z, &b.z, choice),
        }
    }
}

impl<C: CurveSpec<N>, const N: usize> Zeroize for Projective<C, N> {
    fn zeroize(&mut self) {
        self.x.zeroize();
        self.y.zeroize();
        self.z.zeroize();
    }
}

/// A point in Jacobian coordinates for variable-time arithmetic on public
/// values; Z = 0 is the identity.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Jacobian<C: CurveSpec<N>, const N: usize> {
    pub(crate) x: F<C, N>,
    pub(crate) y: F<C, N>,
    pub(crate) z: F<C, N>,
}

impl<C: CurveSpec<N>, const N: usize> Jacobian<C, N> {
    /// The point at infinity.
    pub(crate) const IDENTITY: Self = Self {
        x: F::<C, N>::ONE,
        y: F::<C, N>::ONE,
        z: F::<C, N>::ZERO,
    };

    /// Whether this is the point at infinity.
    pub(crate) fn is_identity_vartime(&self) -> bool {
        self.z.is_zero_vartime()
    }

    /// `2·P` ("dbl-2001-b" when a = −3, else "dbl-2007-bl").
    pub(crate) fn double_vartime(&self) -> Self {
        if self.is_identity_vartime() || self.y.is_zero_vartime() {
            return Self::IDENTITY;
        }
        let (x1, y1, z1) = (&self.x, &self.y, &self.z);
        if C::A_IS_MINUS_3 {
            let delta = z1.square();
            let gamma = y1.square();
            let beta = x1.mul(&gamma);
            let t = x1.sub(&delta).mul(&x1.add(&delta));
            let alpha = t.double().add(&t);
            let beta4 = beta.double().double();
            let x3 = alpha.square().sub(&beta4.double());
            let z3 = y1.add(z1).square().sub(&gamma).sub(&delta);
            let gamma2 = gamma.square();
            let y3 = alpha
                .mul(&beta4.sub(&x3))
                .sub(&gamma2.double().double().double());
            Self {
                x: x3,
                y: y3,
                z: z3,
            }
        } else {
            let xx = x1.square();
            let yy = y1.square();
            let yyyy = yy.square();
            let zz = z1.square();
            let s = x1.add(&yy).square().sub(&xx).sub(&yyyy).double();
            let m = xx.double().add(&xx).add(&C::A_FE.mul(&zz.square()));
            let x3 = m.square().sub(&s.double());
            let y3 = m.mul(&s.sub(&x3)).sub(&yyyy.double().double().double());
            let z3 = y1.add(z1).square().sub(&yy).sub(&zz);
            Self {
                x: x3,
                y: y3,
                z: z3,
            }
        }
    }

    /// `P + Q` for an affine Q ("madd-2007-bl", with the special cases).
    pub(crate) fn add_mixed_vartime(&self, rhs: &Affine<C, N>) -> Self {
        if self.is_identity_vartime() {
            return rhs.to_jacobian();
        }
        let (x1, y1, z1) = (&self.x, &self.y, &self.z);
        let z1z1 = z1.square();
        let u2 = rhs.x.mul(&z1z1);
        let s2 = rhs.y.mul(z1).mul(&z1z1);
        let h = u2.sub(x1);
        let r = s2.sub(y1).double();
        if h.is_zero_vartime() {
            return if r.is_zero_vartime() {
                self.double_vartime()
            } else {
                Self::IDENTITY
            };
        }
        let hh = h.square();
        let i = hh.double().double();
        let j = h.mul(&i);
        let v = x1.mul(&i);
        let x3 = r.square().sub(&j).sub(&v.double());
        let y3 = r.mul(&v.sub(&x3)).sub(&y1.mul(&j).double());
        let z3 = z1.add(&h).square().sub(&z1z1).sub(&hh);
        Self {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// `P + Q` ("add-2007-bl", with the special cases).
    pub(crate) fn add_vartime(&self, rhs: &Self) -> Self {
        if self.is_identity_vartime() {
            return *rhs;
        }
        if rhs.is_identity_vartime() {
            return *self;
        }
        let z1z1 = self.z.square();
        let z2z2 = rhs.z.square();
        let u1 = self.x.mul(&z2z2);
        let u2 = rhs.x.mul(&z1z1);
        let s1 = self.y.mul(&rhs.z).mul(&z2z2);
        let s2 = rhs.y.mul(&self.z).mul(&z1z1);
        let h = u2.sub(&u1);
        let r = s2.sub(&s1).double();
        if h.is_zero_vartime() {
            return if r.is_zero_vartime() {
                self.double_vartime()
            } else {
                Self::IDENTITY
            };
        }
        let i = h.double().square();
        let j = h.mul(&i);
        let v = u1.mul(&i);
        let x3 = r.square().sub(&j).sub(&v.double());
        let y3 = r.mul(&v.sub(&x3)).sub(&s1.mul(&j).double());
        let z3 = self.z.add(&rhs.z).square().sub(&z1z1).sub(&z2z2).mul(&h);
        Self {
            x: x3,
            y: y3,
            z: z3,
        }
    }
}

/// Converts finite projective points to affine with one inversion
/// (Montgomery's trick). Variable-time: for tables of public points.
pub(crate) fn batch_to_affine<C: CurveSpec<N>, const N: usize>(
    points: &[Projective<C, N>],
) -> Vec<Affine<C, N>> {
    let zs: Vec<F<C, N>> = points.iter().map(|p| p.z).collect();
    let inverses = batch_invert_vartime::<C, N>(&zs);
    points
        .iter()
        .zip(inverses)
        .map(|(p, zinv)| Affine {
            x: p.x.mul(&zinv),
            y: p.y.mul(&zinv),
        })
        .collect()
}

/// Converts finite Jacobian points to affine with one inversion.
pub(crate) fn batch_jacobian_to_affine<C: CurveSpec<N>, const N: usize>(
    points: &[Jacobian<C, N>],
) -> Vec<Affine<C, N>> {
    let zs: Vec<F<C, N>> = points.iter().map(|p| p.z).collect();
    let inverses = batch_invert_vartime::<C, N>(&zs);
    points
        .iter()
        .zip(inverses)
        .map(|(p, zinv)| {
            let zinv2 = zinv.square();
            Affine {
                x: p.x.mul(&zinv2),
                y: p.y.mul(&zinv2).mul(&zinv),
            }
        })
        .collect()
}

/// Inverts every (non-zero) element with a single field inversion.
fn batch_invert_vartime<C: CurveSpec<N>, const N: usize>(values: &[F<C, N>]) -> Vec<F<C, N>> {
    let mut prefix = Vec::with_capacity(values.len());
    let mut acc = F::<C, N>::ONE;
    for v in values {
        prefix.push(acc);
        acc = acc.mul(v);
    }
    let mut inv = acc.invert_vartime();
    let mut out = vec![F::<C, N>::ZERO; values.len()];
    for i in (0..values.len()).rev() {
        out[i] = inv.mul(&prefix[i]);
        inv = inv.mul(&values[i]);
    }
    out
}
