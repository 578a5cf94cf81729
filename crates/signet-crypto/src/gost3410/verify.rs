//! Public keys and signature verification ([RFC 7091 section 6.2],
//! [RFC 5832 section 6.2]).
//!
//! [RFC 7091 section 6.2]: https://datatracker.ietf.org/doc/html/rfc7091#section-6.2
//! [RFC 5832 section 6.2]: https://datatracker.ietf.org/doc/html/rfc5832#section-6.2

use crypto_bigint::Uint;

use super::Error;
use super::curves::{Curve, CurveSpec, dispatch};
use super::mul::combine_vartime;
use super::point::{Affine, F};
use super::scalar::{Scalar, digest_to_e, is_valid_scalar, uint_from_be};

/// A GOST R 34.10 public key: a point of the curve other than the identity.
///
/// Encoded as in certificates ([RFC 4491 section 2.3.2], [RFC 9215 section
/// 4]): the contents of the OCTET STRING inside subjectPublicKey, that is
/// the x coordinate then the y coordinate, each little-endian and as long as
/// the field (32 or 64 bytes).
///
/// [RFC 4491 section 2.3.2]: https://datatracker.ietf.org/doc/html/rfc4491#section-2.3.2
/// [RFC 9215 section 4]: https://datatracker.ietf.org/doc/html/rfc9215#section-4
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PublicKey {
    curve: Curve,
    bytes: Vec<u8>,
}

impl PublicKey {
    /// Reads `X‖Y` (each little-endian) and checks that both coordinates
    /// are below p and that the point satisfies the curve equation.
    ///
    /// For the two cofactor-4 curves the point is not checked to lie in the
    /// subgroup of order q: a key outside it belongs to no honest signer and
    /// verifies nothing a legitimate key would, and VKO clears the cofactor.
    pub fn from_le_bytes(curve: Curve, bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() != curve.public_key_len() {
            return Err(Error::PublicKeyLength {
                curve,
                expected: curve.public_key_len(),
                actual: bytes.len(),
            });
        }
        dispatch!(curve, check_point(bytes)).map_err(|()| Error::InvalidPublicKey { curve })?;
        Ok(Self {
            curve,
            bytes: bytes.to_vec(),
        })
    }

    /// The key from a point already known to be valid.
    pub(crate) fn from_trusted_bytes(curve: Curve, bytes: Vec<u8>) -> Self {
        Self { curve, bytes }
    }

    /// The parameter set of the key.
    pub fn curve(&self) -> Curve {
        self.curve
    }

    /// The encoding `X‖Y`, each coordinate little-endian.
    pub fn as_le_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Verifies a GOST R 34.10 signature over a hash code.
    ///
    /// `digest` is the hash output exactly as the hash function returns it
    /// (GOST R 34.11-2012 for 2012 keys, GOST R 34.11-94 with 2001 keys), of
    /// the curve's length (32 or 64 bytes); it is read as a little-endian
    /// integer. `signature` is `s‖r`, each big-endian and as long as the
    /// field: the CMS SignerInfo.signature OCTET STRING and the bits of a
    /// certificate's or CRL's signature BIT STRING ([RFC 9215 section 2],
    /// [RFC 4491 section 2.2.2]).
    ///
    /// [RFC 9215 section 2]: https://datatracker.ietf.org/doc/html/rfc9215#section-2
    /// [RFC 4491 section 2.2.2]: https://datatracker.ietf.org/doc/html/rfc4491#section-2.2.2
    pub fn verify_digest(&self, digest: &[u8], signature: &[u8]) -> Result<(), Error> {
        let len = self.curve.field_len();
        if digest.len() != len {
            return Err(Error::DigestLength {
                curve: self.curve,
                expected: len,
                actual: digest.len(),
            });
        }
        if signature.len() != 2 * len {
            return Err(Error::SignatureLength {
                curve: self.curve,
                expected: 2 * len,
                actual: signature.len(),
            });
        }
        if dispatch!(self.curve, verify(&self.bytes, digest, signature)) {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }
}

impl core::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PublicKey")
            .field("curve", &self.curve)
            .field("bytes", &HexBytes(&self.bytes))
            .finish()
    }
}

struct HexBytes<'a>(&'a [u8]);

impl core::fmt::Debug for HexBytes<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// Decodes and validates a public point.
pub(crate) fn decode_point<C: CurveSpec<N>, const N: usize>(bytes: &[u8]) -> Option<Affine<C, N>> {
    if bytes.len() != 16 * N {
        return None;
    }
    let (x, y) = bytes.split_at(8 * N);
    let point = Affine::from_fe(F::<C, N>::from_le_bytes(x)?, F::<C, N>::from_le_bytes(y)?);
    point.is_on_curve().then_some(point)
}

fn check_point<C: CurveSpec<N>, const N: usize>(bytes: &[u8]) -> Result<(), ()> {
    decode_point::<C, N>(bytes).map(|_| ()).ok_or(())
}

/// GOST R 34.10 verification (RFC 7091 section 6.2, steps 1–7).
fn verify<C: CurveSpec<N>, const N: usize>(public: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    let Some(q_point) = decode_point::<C, N>(public) else {
        return false;
    };
    let (s_bytes, r_bytes) = signature.split_at(8 * N);
    let (Some(r), Some(s)) = (uint_from_be::<N>(r_bytes), uint_from_be::<N>(s_bytes)) else {
        return false;
    };
    // Step 1: 0 < r < q and 0 < s < q.
    if !is_valid_scalar::<C, N>(&r) || !is_valid_scalar::<C, N>(&s) {
        return false;
    }
    // Steps 2–5: e, v = e⁻¹, z1 = s·v, z2 = −r·v (mod q).
    let e = Scalar::<C, N>::new(&digest_to_e::<C, N>(digest));
    let Some(v) = e.invert_vartime().into_option() else {
        return false;
    };
    let z1 = Scalar::<C, N>::new(&s).mul(&v).retrieve();
    let z2 = Scalar::<C, N>::new(&r).mul(&v).neg().retrieve();
    // Step 6: C = z1·P + z2·Q, R = x_C mod q.
    let c = combine_vartime::<C, N>(&z1, &q_point, &z2);
    // Step 7: R = r. Rather than computing x_C (an inversion), test each
    // x < p that is ≡ r (mod q) against the projective point.
    let p = *<C::P as crypto_bigint::modular::ConstMontyParams<N>>::PARAMS
        .modulus()
        .as_ref();
    let q = *super::scalar::order::<C, N>().as_ref();
    let mut candidate: Uint<N> = r;
    loop {
        if candidate.cmp_vartime(&p).is_ge() {
            return false;
        }
        let Some(x) = F::<C, N>::from_uint(&candidate) else {
            return false;
        };
        if c.x_is_vartime(&x) {
            return true;
        }
        let (next, carry) = candidate.carrying_add(&q, crypto_bigint::Limb::ZERO);
        if carry != crypto_bigint::Limb::ZERO {
            return false;
        }
        candidate = next;
    }
}
