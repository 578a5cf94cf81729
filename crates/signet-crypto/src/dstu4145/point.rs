//! Points of `y² + xy = x³ + A·x² + B` over GF(2^m): affine points,
//! López–Dahab projective points, the group law, and DSTU point
//! compression (DSTU 4145-2002 sections 6.9 and 6.10).
//!
//! López–Dahab coordinates `(X : Y : Z)` stand for the affine point
//! `(X/Z, Y/Z²)`; every point with Z = 0 is the identity O. Doubling costs
//! 4M + 5S and the mixed addition of an affine point 8M + 5S (Hankerson,
//! Menezes, Vanstone, "Guide to Elliptic Curve Cryptography", §3.2.3).
//! The formulas themselves are uniform; callers that handle secrets select
//! the results for the exceptional inputs in constant time (see `mul.rs`).

use subtle::{Choice, ConditionallySelectable};
use zeroize::Zeroize;

use super::field::{Fe, Field};

/// An affine point other than O.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Zeroize)]
pub(crate) struct Affine {
    pub(crate) x: Fe,
    pub(crate) y: Fe,
}

impl Affine {
    /// `−(x, y) = (x, x + y)`.
    pub(crate) fn neg(&self) -> Affine {
        Affine {
            x: self.x,
            y: self.x.add(&self.y),
        }
    }

    /// The same point in López–Dahab coordinates (Z = 1).
    pub(crate) fn to_ld(self) -> Ld {
        Ld {
            x: self.x,
            y: self.y,
            z: Fe::ONE,
        }
    }
}

impl ConditionallySelectable for Affine {
    fn conditional_select(a: &Self, b: &Self, choice: Choice) -> Self {
        Affine {
            x: Fe::conditional_select(&a.x, &b.x, choice),
            y: Fe::conditional_select(&a.y, &b.y, choice),
        }
    }
}

/// A point in López–Dahab coordinates; Z = 0 is the identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Zeroize)]
pub(crate) struct Ld {
    pub(crate) x: Fe,
    pub(crate) y: Fe,
    pub(crate) z: Fe,
}

impl Ld {
    /// The identity, `(1 : 0 : 0)`.
    pub(crate) const IDENTITY: Ld = Ld {
        x: Fe::ONE,
        y: Fe::ZERO,
        z: Fe::ZERO,
    };

    /// Whether this is O, in constant time.
    pub(crate) fn ct_is_identity(&self) -> Choice {
        self.z.ct_is_zero()
    }

    /// Whether this is O.
    pub(crate) fn is_identity_vartime(&self) -> bool {
        self.z.is_zero_vartime()
    }
}

impl ConditionallySelectable for Ld {
    fn conditional_select(a: &Self, b: &Self, choice: Choice) -> Self {
        Ld {
            x: Fe::conditional_select(&a.x, &b.x, choice),
            y: Fe::conditional_select(&a.y, &b.y, choice),
            z: Fe::conditional_select(&a.z, &b.z, choice),
        }
    }
}

/// The curve equation's field and coefficients.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Group {
    pub(crate) field: Field,
    /// A ∈ {0, 1}.
    pub(crate) a: u8,
    pub(crate) b: Fe,
}

impl Group {
    /// Whether `y² + xy = x³ + A·x² + B`.
    pub(crate) fn is_on_curve(&self, p: &Affine) -> bool {
        let f = &self.field;
        let x2 = f.sqr(&p.x);
        let lhs = f.sqr(&p.y).add(&f.mul(&p.x, &p.y));
        let mut rhs = f.mul(&x2, &p.x).add(&self.b);
        if self.a == 1 {
            rhs = rhs.add(&x2);
        }
        lhs == rhs
    }

    /// `2P` in constant time: `Z3 = X1²·Z1²`, `X3 = X1⁴ + B·Z1⁴`,
    /// `Y3 = B·Z1⁴·Z3 + X3·(A·Z3 + Y1² + B·Z1⁴)`. O doubles to O, and so
    /// does the point of order two (x = 0).
    pub(crate) fn double(&self, p: &Ld) -> Ld {
        let f = &self.field;
        let x2 = f.sqr(&p.x);
        let z2 = f.sqr(&p.z);
        let z3 = f.mul(&x2, &z2);
        let bz4 = f.mul(&self.b, &f.sqr(&z2));
        let x3 = f.sqr(&x2).add(&bz4);
        let mut t = f.sqr(&p.y).add(&bz4);
        if self.a == 1 {
            t = t.add(&z3);
        }
        let y3 = f.mul(&bz4, &z3).add(&f.mul(&x3, &t));
        Ld {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// `P + Q` for Q affine, by the uniform formula (8M + 5S):
    /// `A = y2·Z1² + Y1`, `B = x2·Z1 + X1`, `C = Z1·B`,
    /// `D = B²·(C + a·Z1²)`, `Z3 = C²`, `E = A·C`, `X3 = A² + D + E`,
    /// `F = X3 + x2·Z3`, `G = (x2 + y2)·Z3²`, `Y3 = (E + Z3)·F + G`.
    ///
    /// Correct when P ≠ O and P ≠ Q; gives O (Z3 = 0) for P = −Q. The
    /// returned choice is set when A = B = 0, that is P = Q (or P = O with
    /// the representation (0 : 0 : 0), which never occurs), where the
    /// result is wrong and the caller must double instead.
    pub(crate) fn add_mixed(&self, p: &Ld, q: &Affine) -> (Ld, Choice) {
        let f = &self.field;
        let z1s = f.sqr(&p.z);
        let a = f.mul(&q.y, &z1s).add(&p.y);
        let b = f.mul(&q.x, &p.z).add(&p.x);
        let c = f.mul(&p.z, &b);
        let mut ca = c;
        if self.a == 1 {
            ca = ca.add(&z1s);
        }
        let d = f.mul(&f.sqr(&b), &ca);
        let z3 = f.sqr(&c);
        let e = f.mul(&a, &c);
        let x3 = f.sqr(&a).add(&d).add(&e);
        let ff = x3.add(&f.mul(&q.x, &z3));
        let g = f.mul(&q.x.add(&q.y), &f.sqr(&z3));
        let y3 = f.mul(&e.add(&z3), &ff).add(&g);
        let same = a.ct_is_zero() & b.ct_is_zero();
        (
            Ld {
                x: x3,
                y: y3,
                z: z3,
            },
            same,
        )
    }

    /// `P + Q` for every input, variable time (public points only).
    pub(crate) fn add_mixed_vartime(&self, p: &Ld, q: &Affine) -> Ld {
        if p.is_identity_vartime() {
            return q.to_ld();
        }
        let (sum, same) = self.add_mixed(p, q);
        if bool::from(same) {
            return self.double(p);
        }
        sum
    }

    /// The affine form of P, or `None` for O; constant time (the inversion
    /// is Fermat's).
    pub(crate) fn to_affine(&self, p: &Ld) -> Option<Affine> {
        if bool::from(p.ct_is_identity()) {
            return None;
        }
        let f = &self.field;
        let zi = f.invert(&p.z);
        let x = f.mul(&p.x, &zi);
        let y = f.mul(&p.y, &f.sqr(&zi));
        Some(Affine { x, y })
    }

    /// Affine forms of many points that are not O, with one inversion
    /// (Montgomery's trick); variable time, for tables of public points.
    /// `None` if any point is O.
    pub(crate) fn batch_to_affine(&self, points: &[Ld]) -> Option<Vec<Affine>> {
        let f = &self.field;
        if points.iter().any(Ld::is_identity_vartime) {
            return None;
        }
        let mut prefix = Vec::with_capacity(points.len());
        let mut acc = Fe::ONE;
        for p in points {
            prefix.push(acc);
            acc = f.mul(&acc, &p.z);
        }
        let mut inv = f.invert(&acc);
        let mut out = vec![Affine::default(); points.len()];
        for (i, p) in points.iter().enumerate().rev() {
            let zi = f.mul(&inv, &prefix[i]);
            inv = f.mul(&inv, &p.z);
            out[i] = Affine {
                x: f.mul(&p.x, &zi),
                y: f.mul(&p.y, &f.sqr(&zi)),
            };
        }
        Some(out)
    }

    /// DSTU 4145-2002 section 6.9: the compressed form of P is x with its
    /// lowest bit replaced by tr(y/x); the point (0, √B) compresses to 0.
    pub(crate) fn compress(&self, p: &Affine) -> Fe {
        let f = &self.field;
        if p.x.is_zero_vartime() {
            return Fe::ZERO;
        }
        let t = f.trace(&f.mul(&p.y, &f.invert(&p.x)));
        let mut out = p.x;
        out.0[0] = (out.0[0] & !1) | u64::from(t);
        out
    }

    /// DSTU 4145-2002 section 6.10: recovers (x, y) from the compressed x̃.
    /// The lost bit of x is the one that makes tr(x) = A (true of every
    /// point of the subgroup of order n, as the cofactor is even); y = z·x
    /// where `z² + z = x + A + B/x²` and tr(z) equals the stored bit. x̃ = 0
    /// decodes to the point of order two `(0, B^(2^(m−1)))`.
    /// `None` when no such point exists.
    pub(crate) fn decompress(&self, compressed: &Fe) -> Option<Affine> {
        let f = &self.field;
        if compressed.is_zero_vartime() {
            return Some(Affine {
                x: Fe::ZERO,
                y: f.sqrt(&self.b),
            });
        }
        let k = compressed.0[0] & 1;
        let mut x = *compressed;
        x.0[0] &= !1;
        if f.trace(&x) != self.a {
            x.0[0] |= 1;
        }
        self.recover(x, k)
    }

    /// The rest of §6.10 once x is known: y = z·x where
    /// `z² + z = x + A + B/x²` and tr(z) = k. `None` when no such point
    /// exists or x = 0.
    pub(crate) fn recover(&self, x: Fe, k: u64) -> Option<Affine> {
        let f = &self.field;
        if x.is_zero_vartime() {
            return None;
        }
        let x2 = f.sqr(&x);
        let mut w = x.add(&f.mul(&self.b, &f.invert(&x2)));
        if self.a == 1 {
            w = w.add(&Fe::ONE);
        }
        let mut z = f.solve_quadratic(&w)?;
        if u64::from(f.trace(&z)) != k {
            z = z.add(&Fe::ONE);
        }
        let point = Affine {
            x,
            y: f.mul(&z, &x),
        };
        self.is_on_curve(&point).then_some(point)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Affine addition by the textbook chord-and-tangent rule, as a
    /// reference: `λ = (y1 + y2)/(x1 + x2)`, `x3 = λ² + λ + x1 + x2 + A`,
    /// `y3 = λ(x1 + x3) + x3 + y1`; doubling `λ = x1 + y1/x1`,
    /// `x3 = λ² + λ + A`, `y3 = x1² + (λ + 1)·x3`.
    pub(crate) fn add_affine(g: &Group, p: Option<Affine>, q: Option<Affine>) -> Option<Affine> {
        let f = &g.field;
        let (p, q) = match (p, q) {
            (None, q) => return q,
            (p, None) => return p,
            (Some(p), Some(q)) => (p, q),
        };
        let a = if g.a == 1 { Fe::ONE } else { Fe::ZERO };
        if p.x == q.x {
            if p.y != q.y || p.x.is_zero_vartime() {
                return None;
            }
            let l = p.x.add(&f.mul(&p.y, &f.invert(&p.x)));
            let x3 = f.sqr(&l).add(&l).add(&a);
            let y3 = f.sqr(&p.x).add(&f.mul(&l.add(&Fe::ONE), &x3));
            return Some(Affine { x: x3, y: y3 });
        }
        let l = f.mul(&p.y.add(&q.y), &f.invert(&p.x.add(&q.x)));
        let x3 = f.sqr(&l).add(&l).add(&p.x).add(&q.x).add(&a);
        let y3 = f.mul(&l, &p.x.add(&x3)).add(&x3).add(&p.y);
        Some(Affine { x: x3, y: y3 })
    }
}
