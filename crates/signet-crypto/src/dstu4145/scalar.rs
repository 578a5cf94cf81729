//! Integers modulo the base point order n, and the conversions between
//! hash values, field elements and integers that DSTU 4145-2002 defines.

use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{CtLt, Odd, Uint};
use rand_core::TryCryptoRng;
use zeroize::{Zeroize, Zeroizing};

use super::field::{Fe, Field, LIMBS};

/// Limbs of an integer below n (n < 2^431 fits in 448 bits).
pub(crate) const SCALAR_LIMBS: usize = 7;
/// An integer, usually reduced mod n.
pub(crate) type Scalar = Uint<SCALAR_LIMBS>;
/// The longest big-endian or little-endian encoding read without error
/// (longer inputs must pad with zero bytes).
const SCALAR_BYTES: usize = 8 * SCALAR_LIMBS;

/// The order n of the base point, with its Montgomery parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Order {
    n: Scalar,
    bits: u32,
    params: FixedMontyParams<SCALAR_LIMBS>,
}

impl Order {
    /// `None` for an even n (the order of a point of a curve with a large
    /// prime subgroup is odd).
    pub(crate) fn new(n: Scalar) -> Option<Order> {
        let odd = Odd::new(n).into_option()?;
        Some(Order {
            n,
            bits: n.bit_width_vartime(),
            params: FixedMontyParams::new_vartime(odd),
        })
    }

    /// n itself.
    pub(crate) fn value(&self) -> &Scalar {
        &self.n
    }

    /// L(n), the bit length of n.
    pub(crate) fn bits(&self) -> u32 {
        self.bits
    }

    /// `ceil(L(n) / 8)`: the length of each half of a signature.
    pub(crate) fn byte_len(&self) -> usize {
        self.bits.div_ceil(8) as usize
    }

    /// Whether `0 < x < n`, compared in constant time.
    pub(crate) fn is_valid(&self, x: &Scalar) -> bool {
        x.is_nonzero().and(x.ct_lt(&self.n)).to_bool()
    }

    /// `a·b mod n` in constant time; both inputs below n.
    pub(crate) fn mul(&self, a: &Scalar, b: &Scalar) -> Scalar {
        let mut am = FixedMontyForm::new(a, &self.params);
        let bm = FixedMontyForm::new(b, &self.params);
        let mut pm = am.mul(&bm);
        let p = pm.retrieve();
        am.zeroize();
        pm.zeroize();
        p
    }

    /// `(e + d·r) mod n` in constant time (crypto-bigint's Montgomery form).
    /// All three inputs are below n.
    pub(crate) fn mul_add(&self, d: &Scalar, r: &Scalar, e: &Scalar) -> Scalar {
        let mut dm = FixedMontyForm::new(d, &self.params);
        let rm = FixedMontyForm::new(r, &self.params);
        let mut em = FixedMontyForm::new(e, &self.params);
        let mut sm = dm.mul(&rm).add(&em);
        let s = sm.retrieve();
        dm.zeroize();
        em.zeroize();
        sm.zeroize();
        s
    }

    /// A uniformly random integer in [1, n − 1] (DSTU 4145-2002 §6.3 asks
    /// for a random integer below n; rejection keeps it uniform):
    /// `ceil(L(n)/8)` bytes from the generator read as a big-endian
    /// integer, bits at and above L(n) cleared, drawn again when 0 or
    /// ≥ n, so that at least half the draws land.
    pub(crate) fn random<R: TryCryptoRng + ?Sized>(
        &self,
        rng: &mut R,
    ) -> Result<Zeroizing<Scalar>, R::Error> {
        let len = self.byte_len();
        let mut buf = Zeroizing::new([0u8; SCALAR_BYTES]);
        loop {
            rng.try_fill_bytes(&mut buf[SCALAR_BYTES - len..])?;
            let excess = 8 * len as u32 - self.bits;
            buf[SCALAR_BYTES - len] &= 0xFF >> excess;
            let x = Zeroizing::new(Scalar::from_be_slice(&buf[..]));
            if self.is_valid(&x) {
                return Ok(x);
            }
        }
    }
}

/// Reads a big-endian unsigned integer of any length; `None` when it does
/// not fit in 448 bits. Leading zero bytes are ignored.
pub(crate) fn scalar_from_be(bytes: &[u8]) -> Option<Scalar> {
    let start = bytes.len().saturating_sub(SCALAR_BYTES);
    if bytes[..start].iter().any(|&b| b != 0) {
        return None;
    }
    let mut buf = Zeroizing::new([0u8; SCALAR_BYTES]);
    buf[SCALAR_BYTES - (bytes.len() - start)..].copy_from_slice(&bytes[start..]);
    Some(Scalar::from_be_slice(&buf[..]))
}

/// Reads a little-endian unsigned integer of any length; `None` when it
/// does not fit in 448 bits. Trailing zero bytes are ignored.
pub(crate) fn scalar_from_le(bytes: &[u8]) -> Option<Scalar> {
    let end = bytes.len().min(SCALAR_BYTES);
    if bytes[end..].iter().any(|&b| b != 0) {
        return None;
    }
    let mut buf = Zeroizing::new([0u8; SCALAR_BYTES]);
    buf[..end].copy_from_slice(&bytes[..end]);
    Some(Scalar::from_le_slice(&buf[..]))
}

/// The `len` low bytes of x, little-endian.
pub(crate) fn scalar_to_le(x: &Scalar, len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| {
            let w = x.as_words().get(i / 8).copied().unwrap_or(0);
            (w >> (8 * (i % 8))) as u8
        })
        .collect()
}

/// DSTU 4145-2002 section 5.9, converting a hash value to a field element:
/// the hash bytes are a little-endian integer (the byte order of the GOST
/// 34.311-95 output, as jkurwa, BouncyCastle and bee2 read it) whose bits
/// at and above m are dropped; a zero result becomes 1 (signature step 7,
/// verification step 8 in the numbering of bee2's `dstu.c`). A hash longer
/// than m bits is therefore truncated, not reduced modulo f; see the module
/// documentation for the one implementation that differs.
#[cfg(test)]
pub(crate) fn hash_to_field(field: &Field, digest: &[u8]) -> Fe {
    let h = hash_bits(field, digest);
    if h.is_zero_vartime() { Fe::ONE } else { h }
}

/// The low m bits of the hash read little-endian (§5.9 before the zero
/// check), in whatever basis the curve's elements are written.
pub(crate) fn hash_bits(field: &Field, digest: &[u8]) -> Fe {
    let mut h = Fe::ZERO;
    for (i, &b) in digest.iter().take(field.byte_len()).enumerate() {
        h.0[i / 8] |= u64::from(b) << (8 * (i % 8));
    }
    let m = field.m() as usize;
    h.0[m / 64] &= (1u64 << (m % 64)) - 1;
    for w in h.0[m / 64 + 1..].iter_mut() {
        *w = 0;
    }
    h
}

/// The integer whose bits are the field element's lowest `L(n) − 1`
/// coefficients: the truncation that turns `y = h·x` into r (signature
/// step 10, verification step 14 in bee2's numbering; jkurwa's `truncate`
/// and BouncyCastle's `fieldElement2Integer` do the same).
pub(crate) fn truncate(y: &Fe, order_bits: u32) -> Scalar {
    let keep = order_bits.saturating_sub(1) as usize;
    let mut words = [0u64; SCALAR_LIMBS];
    for (i, w) in words.iter_mut().enumerate().take(LIMBS) {
        let lo = 64 * i;
        *w = if lo + 64 <= keep {
            y.0[i]
        } else if lo < keep {
            y.0[i] & ((1u64 << (keep - lo)) - 1)
        } else {
            0
        };
    }
    Scalar::from_words(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_parsing_ignores_zero_padding() {
        let x = scalar_from_be(&[0, 0, 1, 2]).unwrap();
        assert_eq!(x, Scalar::from_u64(0x0102));
        assert_eq!(scalar_from_le(&[2, 1, 0, 0]).unwrap(), x);
        let mut long = vec![0u8; 80];
        long[79] = 5;
        assert_eq!(scalar_from_be(&long).unwrap(), Scalar::from_u64(5));
        long[0] = 1;
        assert!(scalar_from_be(&long).is_none());
        assert!(scalar_from_le(&long).is_none());
        assert_eq!(scalar_from_be(&[]).unwrap(), Scalar::ZERO);
    }

    #[test]
    fn hash_conversion_truncates_and_maps_zero_to_one() {
        let f = Field::new(163, &[3, 6, 7]).unwrap();
        assert_eq!(hash_to_field(&f, &[0u8; 32]), Fe::ONE);
        // Bits at and above 163 are dropped: a hash whose only set bit is
        // bit 200 becomes 0, hence 1.
        let mut d = [0u8; 32];
        d[25] = 1;
        assert_eq!(hash_to_field(&f, &d), Fe::ONE);
        let h = hash_to_field(&f, &[0xFF; 32]);
        assert_eq!(h.0[2], (1 << 35) - 1);
        assert_eq!(h.0[0], u64::MAX);
    }

    #[test]
    fn truncation_keeps_l_minus_one_bits() {
        let y = Fe([u64::MAX; LIMBS]);
        let r = truncate(&y, 256);
        assert_eq!(r.bit_width_vartime(), 255);
        let r = truncate(&y, 130);
        assert_eq!(r.as_words()[2], 1);
        assert_eq!(r.as_words()[3], 0);
    }
}
