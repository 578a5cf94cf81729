//! Optimal normal bases: the change of basis between the type II optimal
//! normal basis (ONB) of GF(2^m) and the polynomial basis (PB) of the same
//! field, so that ONB curves run on the polynomial-basis arithmetic of
//! `field.rs`.
//!
//! DSTU 4145-2002 lets the main field be given by an optimal normal basis
//! for the degrees of its table 2; the five ONB curves in use (m = 173,
//! 179, 191, 233, 431, OIDs `1.2.804.2.1.1.1.1.3.1.2.2.0` … `.4`) are all
//! of type II (2m + 1 is prime). The basis is `β, β², β⁴, …, β^(2^(m−1))`
//! for `β = γ + γ⁻¹`, γ a primitive (2m + 1)-th root of unity.
//!
//! # Representation
//!
//! An ONB element is an m-bit string read as a little-endian integer (the
//! byte order of `dstu4145le`, as for polynomial-basis elements); bit
//! `m − 1 − j` is the coefficient of `β^(2^j)`. So squaring is a rotation
//! right by one bit, the element 1 is all ones, and the trace is the
//! parity of the bits (every basis element has trace 1). This is the
//! convention of UAPKI (`library/uapkic/src/ec-internal.c`, `onb_to_pb`)
//! and of its predecessor, PrivatBank's cryptonite
//! (`dstu4145_params_internal.c`), which convert the same way.
//!
//! # The change of basis
//!
//! [`Onb::to_pb`] sums the PB images `β^(2^j)` of the set coordinates;
//! [`Onb::pb_to_onb`] applies the inverse matrix, found once per field by
//! Gauss–Jordan elimination over GF(2). Both run in constant time (masks,
//! no branches on the element).
//!
//! β in polynomial basis is the one constant per degree (`BETA`): the
//! `ROOT1_M*_ONB` tables of UAPKI and cryptonite (identical in both). The
//! tests check it without trusting them: β is a root of the minimal
//! polynomial of a type II ONB generator, `f_m` with `f_0 = 1`,
//! `f_1 = x + 1`, `f_(i+1) = x·f_i + f_(i−1)` (the recurrence of the
//! Gaussian normal basis literature, e.g. IEEE 1363-2000 annex A); the
//! `β^(2^j)` are linearly independent; and products follow the type II
//! multiplication rule. Which root of `f_m` serves as β does not matter:
//! the roots are the conjugates `β^(2^k)`, and the Frobenius map
//! commutes with the whole signature computation, so every choice gives
//! the same ONB results.

use std::sync::OnceLock;

use super::field::{Fe, Field, LIMBS};

/// One ONB field: m, the polynomial-basis reduction polynomial (the one of
/// the standard curve on the same m: UAPKI's `F_M*_ONB`) and β in that
/// polynomial basis, big-endian hexadecimal.
struct OnbParams {
    m: u32,
    ks: &'static [u32],
    beta: &'static str,
}

const PARAMS: [OnbParams; 5] = [
    OnbParams {
        m: 173,
        ks: &[1, 2, 10],
        beta: "D4E82948D06BDD9FD5499BE5BBDF3C17C5CD81C3A95",
    },
    OnbParams {
        m: 179,
        ks: &[1, 2, 4],
        beta: "2FA11E836E4A0593591138945241F2A04D54D579B4561",
    },
    OnbParams {
        m: 191,
        ks: &[9],
        beta: "58FE12F51AA53FBFDBA92F16B5A08FB172D99A84CDAC542B",
    },
    OnbParams {
        m: 233,
        ks: &[1, 4, 9],
        beta: "18F49D2701BB0AA979FF19BA6C213201AD8C05DEC61F4741C845BC5BFAB",
    },
    OnbParams {
        m: 431,
        ks: &[1, 3, 5],
        beta: "4513A0D22D332F6EF68F26C3169AE670730EBCDCC78A81AE24C3B13124E4ADDE4DB8A984C755F6607D537EAE7E6CB575664922585A59",
    },
];

/// The change of basis for one degree m.
pub(crate) struct Onb {
    field: Field,
    /// `β^(2^j)` in polynomial basis, j = 0 … m − 1.
    powers: Vec<Fe>,
    /// Row j of the inverse matrix: the coefficient of `β^(2^j)` in x is
    /// the parity of `x & rows[j]`.
    rows: Vec<Fe>,
}

impl core::fmt::Debug for Onb {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Onb(m = {})", self.field.m())
    }
}

impl Onb {
    /// The degrees with an ONB here (those of the standard ONB curves).
    #[cfg(test)]
    pub(crate) const DEGREES: [u32; 5] = [173, 179, 191, 233, 431];

    /// The change of basis for degree m, built on first use and shared.
    pub(crate) fn for_degree(m: u32) -> Option<&'static Onb> {
        static BASES: [OnceLock<Onb>; 5] = [const { OnceLock::new() }; 5];
        let i = PARAMS.iter().position(|p| p.m == m)?;
        Some(BASES[i].get_or_init(|| {
            let p = &PARAMS[i];
            let field = Field::new(p.m, p.ks)
                .unwrap_or_else(|_| unreachable!("the standard polynomials have a valid shape"));
            let beta = super::curves::fe_from_hex(p.beta)
                .unwrap_or_else(|| unreachable!("the table holds hexadecimal numbers that fit"));
            Onb::new(field, beta).unwrap_or_else(|| unreachable!("β generates a normal basis"))
        }))
    }

    /// The polynomial-basis field the elements are converted to.
    pub(crate) fn field(&self) -> &Field {
        &self.field
    }

    /// The basis `β^(2^j)` and its inverse matrix; `None` when the
    /// conjugates of β are linearly dependent (β generates no normal basis).
    fn new(field: Field, beta: Fe) -> Option<Onb> {
        let m = field.m() as usize;
        let mut powers = Vec::with_capacity(m);
        let mut p = beta;
        for _ in 0..m {
            powers.push(p);
            p = field.sqr(&p);
        }
        // Gauss–Jordan on [A | I], A's column j being β^(2^j): row i of A
        // holds bit i of every β^(2^j), as a bit set over j.
        let mut aug: Vec<(Fe, Fe)> = (0..m)
            .map(|i| {
                let mut row = Fe::ZERO;
                for (j, pj) in powers.iter().enumerate() {
                    row.0[j / 64] |= ((pj.0[i / 64] >> (i % 64)) & 1) << (j % 64);
                }
                let mut unit = Fe::ZERO;
                unit.0[i / 64] = 1 << (i % 64);
                (row, unit)
            })
            .collect();
        for col in 0..m {
            let bit = |r: &Fe| (r.0[col / 64] >> (col % 64)) & 1 == 1;
            let pivot = (col..m).find(|&r| bit(&aug[r].0))?;
            aug.swap(col, pivot);
            let (prow, pinv) = aug[col];
            for (r, (row, inv)) in aug.iter_mut().enumerate() {
                if r != col && bit(row) {
                    *row = row.add(&prow);
                    *inv = inv.add(&pinv);
                }
            }
        }
        let rows = aug.into_iter().map(|(_, inv)| inv).collect();
        Some(Onb {
            field,
            powers,
            rows,
        })
    }

    /// An ONB element (bit `m − 1 − j` the coefficient of `β^(2^j)`) in
    /// polynomial basis. Constant time.
    pub(crate) fn to_pb(&self, x: &Fe) -> Fe {
        let m = self.powers.len();
        let mut out = Fe::ZERO;
        for (j, pj) in self.powers.iter().enumerate() {
            let k = m - 1 - j;
            let mask = 0u64.wrapping_sub((x.0[k / 64] >> (k % 64)) & 1);
            for (o, w) in out.0.iter_mut().zip(pj.0) {
                *o ^= w & mask;
            }
        }
        out
    }

    /// A polynomial-basis element in ONB. Constant time.
    pub(crate) fn pb_to_onb(&self, x: &Fe) -> Fe {
        let m = self.rows.len();
        let mut out = Fe::ZERO;
        for (j, row) in self.rows.iter().enumerate() {
            let mut acc = 0u64;
            for l in 0..LIMBS {
                acc ^= row.0[l] & x.0[l];
            }
            let k = m - 1 - j;
            out.0[k / 64] |= u64::from(acc.count_ones() & 1) << (k % 64);
        }
        out
    }
}

/// The trace of an ONB element: the parity of its coordinates.
pub(crate) fn trace(x: &Fe) -> u8 {
    let acc = x.0.iter().fold(0u64, |acc, w| acc ^ w);
    (acc.count_ones() & 1) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dstu4145::curves::fe_from_hex;

    fn onb(m: u32) -> &'static Onb {
        Onb::for_degree(m).unwrap()
    }

    /// `f_m(β)` for `f_0 = 1`, `f_1 = x + 1`, `f_(i+1) = x·f_i + f_(i−1)`:
    /// zero exactly for the generators of the type II ONB.
    fn gaussian_min_poly_at(field: &Field, beta: &Fe) -> Fe {
        let (mut prev, mut cur) = (Fe::ONE, beta.add(&Fe::ONE));
        for _ in 1..field.m() {
            let next = field.mul(beta, &cur).add(&prev);
            prev = cur;
            cur = next;
        }
        cur
    }

    #[test]
    fn beta_generates_the_type_ii_basis() {
        for m in Onb::DEGREES {
            let b = onb(m);
            let f = b.field();
            let beta = b.powers[0];
            assert!(gaussian_min_poly_at(f, &beta).is_zero_vartime(), "m = {m}");
            assert_eq!(f.sqr(&b.powers[m as usize - 1]), beta, "m = {m}");
            // Type II rule: β_i·β_j = β_u + β_v with 2^u ≡ ±(2^i + 2^j),
            // 2^v ≡ ±(2^i − 2^j) mod 2m + 1.
            let p = u64::from(2 * m + 1);
            let log = |v: u64| {
                (0..m as usize)
                    .find(|&e| {
                        let t = (0..e).fold(1u64, |acc, _| acc * 2 % p);
                        t == v || t == p - v
                    })
                    .unwrap()
            };
            for (i, j) in [(0usize, 1usize), (0, 5), (3, 17), (1, m as usize - 1)] {
                let pow = |e: usize| (0..e).fold(1u64, |acc, _| acc * 2 % p);
                let (a, c) = (pow(i), pow(j));
                let u = log((a + c) % p);
                let v = log((a + p - c) % p);
                let product = f.mul(&b.powers[i], &b.powers[j]);
                assert_eq!(
                    product,
                    b.powers[u].add(&b.powers[v]),
                    "m = {m}, ({i}, {j})"
                );
            }
            // 1 is the sum of the basis; the trace of each basis element is 1.
            let ones = b.powers.iter().fold(Fe::ZERO, |acc, p| acc.add(p));
            assert_eq!(ones, Fe::ONE, "m = {m}");
            assert_eq!(f.trace(&beta), 1);
        }
    }

    #[test]
    fn conversions_are_inverse() {
        for m in Onb::DEGREES {
            let b = onb(m);
            let mut x = Fe::ZERO;
            for (i, w) in x.0.iter_mut().enumerate() {
                *w = 0x9E37_79B9_7F4A_7C15u64.wrapping_mul(i as u64 + u64::from(m));
            }
            let top = m as usize;
            x.0[top / 64] &= (1 << (top % 64)) - 1;
            for w in x.0[top / 64 + 1..].iter_mut() {
                *w = 0;
            }
            assert_eq!(b.pb_to_onb(&b.to_pb(&x)), x, "m = {m}");
            assert_eq!(b.to_pb(&b.pb_to_onb(&x)), x, "m = {m}");
            assert_eq!(b.field().trace(&b.to_pb(&x)), trace(&x), "m = {m}");
        }
    }

    /// cryptonite's `utest_dstu4145.c` (`dstu4145_onb_to_pb_test`,
    /// `dstu4145_onb_to_pb_173/179/431`): ONB → PB pairs (the ONB values
    /// of the last three are B of the named ONB curves).
    #[test]
    fn cryptonite_conversion_vectors() {
        let cases = [
            (
                173,
                "1053bc43edb5401d73e045d608f6cd71a",
                "1cd30e064b7d1f84f2654dafefb6341a69ed2de6f7be",
            ),
            (
                173,
                "043D7E139319F43BA00944915740E1E6651B06E278C7",
                "01eec7c8f700a6aedbd1461bfd4e13f7a34be03124b2",
            ),
            (
                179,
                "19C9EBC4FD8308193D3A61762C547C82F2E6B2182CBCB",
                "0004c8a1d80932e32d11d5cc8c5c61d708d9c7ec4072c6e0",
            ),
            (
                431,
                "53FB7AF7B4407000A6F226AD6BAD28378646BD83F1F940810A4C19536EE65E53F40F973F2F06C5E80EFE3B43651BD5FF8B06BA5F9299",
                "513dc8305b5444dca36bf9c383216d191f9457d222eb612dea8cc5a073e37e17ed41b01d8152af26d45d676c728f814ba7f6014e4d55",
            ),
        ];
        for (m, onb_hex, pb_hex) in cases {
            let (x, y) = (fe_from_hex(onb_hex).unwrap(), fe_from_hex(pb_hex).unwrap());
            assert_eq!(onb(m).to_pb(&x), y, "m = {m}");
            assert_eq!(onb(m).pb_to_onb(&y), x, "m = {m}");
        }
    }
}
