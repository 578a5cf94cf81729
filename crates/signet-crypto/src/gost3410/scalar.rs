//! Integers modulo the subgroup order q, with `crypto-bigint`'s
//! [`ConstMontyForm`] (constant-time Montgomery arithmetic) and [`Uint`].

use crypto_bigint::modular::{ConstMontyForm, ConstMontyParams};
use crypto_bigint::{CtLt, NonZero, Uint};
use rand_core::TryCryptoRng;
use zeroize::Zeroize;

use super::curves::CurveSpec;

/// An element of Z/qZ for curve `C`.
pub(crate) type Scalar<C, const N: usize> = ConstMontyForm<<C as CurveSpec<N>>::Q, N>;

/// q as a non-zero divisor.
pub(crate) fn order<C: CurveSpec<N>, const N: usize>() -> &'static NonZero<Uint<N>> {
    C::Q::PARAMS.modulus().as_nz_ref()
}

/// Whether `0 < x < q`, comparing in constant time (x may be a private key
/// or a nonce); only the answer is revealed.
pub(crate) fn is_valid_scalar<C: CurveSpec<N>, const N: usize>(x: &Uint<N>) -> bool {
    let q = order::<C, N>().as_ref();
    x.is_nonzero().and(x.ct_lt(q)).to_bool()
}

/// Reads exactly 8·N little-endian bytes; `None` on any other length.
pub(crate) fn uint_from_le<const N: usize>(bytes: &[u8]) -> Option<Uint<N>> {
    (bytes.len() == 8 * N).then(|| Uint::from_le_slice(bytes))
}

/// Reads exactly 8·N big-endian bytes; `None` on any other length.
pub(crate) fn uint_from_be<const N: usize>(bytes: &[u8]) -> Option<Uint<N>> {
    (bytes.len() == 8 * N).then(|| Uint::from_be_slice(bytes))
}

/// Writes `x` as 8·N big-endian bytes.
pub(crate) fn write_be<const N: usize>(x: &Uint<N>, out: &mut [u8]) {
    for (chunk, word) in out.chunks_exact_mut(8).zip(x.as_words().iter().rev()) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
}

/// `x mod q`, constant-time.
pub(crate) fn reduce<C: CurveSpec<N>, const N: usize>(x: &Uint<N>) -> Uint<N> {
    x.rem(order::<C, N>())
}

/// The digest-to-integer rule of GOST R 34.10 ([RFC 7091 section 6.1]
/// step 2, [RFC 5832 section 6.1]): the hash code is read as a
/// little-endian integer α (the byte order gost-engine and CryptoPro use:
/// the hash output's last byte is the most significant), e = α mod q, and
/// e = 1 when that is zero. The caller has checked the length (8·N).
///
/// [RFC 7091 section 6.1]: https://datatracker.ietf.org/doc/html/rfc7091#section-6.1
/// [RFC 5832 section 6.1]: https://datatracker.ietf.org/doc/html/rfc5832#section-6.1
pub(crate) fn digest_to_e<C: CurveSpec<N>, const N: usize>(digest: &[u8]) -> Uint<N> {
    let alpha = Uint::<N>::from_le_slice(digest);
    let e = reduce::<C, N>(&alpha);
    if e.is_zero_vartime() { Uint::ONE } else { e }
}

/// A uniformly random integer in [1, q − 1] by rejection sampling (at most a
/// few draws: q is within a factor 2 of a power of two for every curve).
pub(crate) fn random_scalar<C: CurveSpec<N>, const N: usize, R: TryCryptoRng + ?Sized>(
    rng: &mut R,
) -> Result<Uint<N>, R::Error> {
    let bits = order::<C, N>().as_ref().bit_width_vartime() as usize;
    let mut buf = vec![0u8; 8 * N];
    loop {
        rng.try_fill_bytes(&mut buf)?;
        // Clear the bits above q's length so that at least half the draws land.
        let full = bits / 8;
        if full < buf.len() {
            buf[full] &= ((1u16 << (bits % 8)) - 1) as u8;
            buf[full + 1..].fill(0);
        }
        let mut x = Uint::<N>::from_le_slice(&buf);
        if is_valid_scalar::<C, N>(&x) {
            buf.zeroize();
            return Ok(x);
        }
        x.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gost3410::curves::{Tc256A, Tc512C};

    /// The masking keeps every draw below 2^bits(q) and the result in range.
    #[test]
    fn random_scalars_are_in_range() {
        let mut rng = getrandom::SysRng;
        for _ in 0..50 {
            let k = random_scalar::<Tc256A, 4, _>(&mut rng).unwrap();
            assert!(is_valid_scalar::<Tc256A, 4>(&k));
            let k = random_scalar::<Tc512C, 8, _>(&mut rng).unwrap();
            assert!(is_valid_scalar::<Tc512C, 8>(&k));
        }
    }

    #[test]
    fn digest_zero_mod_q_becomes_one() {
        let mut q = [0u8; 32];
        for (i, w) in order::<Tc256A, 4>().as_ref().as_words().iter().enumerate() {
            q[8 * i..8 * i + 8].copy_from_slice(&w.to_le_bytes());
        }
        assert_eq!(digest_to_e::<Tc256A, 4>(&q), Uint::ONE);
        assert_eq!(digest_to_e::<Tc256A, 4>(&[0u8; 32]), Uint::ONE);
    }
}
