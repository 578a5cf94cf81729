//! VKO key agreement: VKO GOST R 34.10-2001 ([RFC 4357 section 5.2]) and
//! VKO_GOSTR3410_2012_256 / _512 ([RFC 7836 section 4.3]).
//!
//! All three compute the point `K = (m/q · UKM · x mod q) · (y·P)` from one
//! side's private key x, the other side's public key y·P and the user keying
//! material UKM, and hash `X‖Y` (each coordinate little-endian, as long as
//! the field) with GOST R 34.11-94 (CryptoPro parameters), Streebog-256 or
//! Streebog-512 respectively.
//!
//! UKM is read as a little-endian integer (as gost-engine and CryptoPro do;
//! RFC 7836's test vector confirms it). A UKM that is empty or zero is taken
//! as 1, the default of RFC 7836 section 4.3. For the two cofactor-4 curves
//! the product is computed as `4 · ((UKM·x mod q) · Y)`, which equals the
//! RFC's formula for every point of the prime-order subgroup and also clears
//! any small-order component of a hostile peer key, as gost-engine does.
//! A result at infinity is an error.
//!
//! [RFC 4357 section 5.2]: https://datatracker.ietf.org/doc/html/rfc4357#section-5.2
//! [RFC 7836 section 4.3]: https://datatracker.ietf.org/doc/html/rfc7836#section-4.3

use crypto_bigint::Uint;
use digest::Digest;
use zeroize::{Zeroize, Zeroizing};

use super::Error;
use super::curves::{CurveSpec, dispatch};
use super::mul::mul_var;
use super::scalar::{Scalar, reduce, uint_from_le};
use super::sign::SigningKey;
use super::verify::{PublicKey, decode_point};

/// VKO GOST R 34.10-2001 ([RFC 4357 section 5.2]): the 256-bit KEK
/// `GOST R 34.11-94(K(x, y, UKM))` with the CryptoPro hash parameters.
///
/// For 256-bit keys; RFC 4357 uses an 8-byte UKM.
///
/// [RFC 4357 section 5.2]: https://datatracker.ietf.org/doc/html/rfc4357#section-5.2
pub fn vko_gostr3410_2001(
    private: &SigningKey,
    peer: &PublicKey,
    ukm: &[u8],
) -> Result<Zeroizing<[u8; 32]>, Error> {
    if private.curve().field_len() != 32 {
        return Err(Error::VkoKeySize {
            curve: private.curve(),
        });
    }
    let point = shared_point(private, peer, ukm)?;
    Ok(hash_into::<gost94::Gost94CryptoPro, 32>(&point))
}

/// VKO_GOSTR3410_2012_256 ([RFC 7836 section 4.3.1]): the 256-bit KEK
/// `Streebog-256(K(x, y, UKM))`, for 256-bit and 512-bit keys.
///
/// [RFC 7836 section 4.3.1]: https://datatracker.ietf.org/doc/html/rfc7836#section-4.3.1
pub fn vko_gostr3410_2012_256(
    private: &SigningKey,
    peer: &PublicKey,
    ukm: &[u8],
) -> Result<Zeroizing<[u8; 32]>, Error> {
    let point = shared_point(private, peer, ukm)?;
    Ok(hash_into::<streebog::Streebog256, 32>(&point))
}

/// VKO_GOSTR3410_2012_512 ([RFC 7836 section 4.3.2]): the 512-bit KEK
/// `Streebog-512(K(x, y, UKM))`, for 512-bit keys.
///
/// [RFC 7836 section 4.3.2]: https://datatracker.ietf.org/doc/html/rfc7836#section-4.3.2
pub fn vko_gostr3410_2012_512(
    private: &SigningKey,
    peer: &PublicKey,
    ukm: &[u8],
) -> Result<Zeroizing<[u8; 64]>, Error> {
    if private.curve().field_len() != 64 {
        return Err(Error::VkoKeySize {
            curve: private.curve(),
        });
    }
    let point = shared_point(private, peer, ukm)?;
    Ok(hash_into::<streebog::Streebog512, 64>(&point))
}

fn hash_into<D: Digest, const L: usize>(data: &[u8]) -> Zeroizing<[u8; L]> {
    let mut out = Zeroizing::new([0u8; L]);
    let mut digest = D::digest(data);
    out.copy_from_slice(&digest);
    digest.as_mut_slice().zeroize();
    out
}

/// `K(x, y, UKM)` encoded as `X‖Y`, each little-endian.
fn shared_point(
    private: &SigningKey,
    peer: &PublicKey,
    ukm: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let curve = private.curve();
    if peer.curve() != curve {
        return Err(Error::CurveMismatch {
            ours: curve,
            theirs: peer.curve(),
        });
    }
    if ukm.len() > curve.field_len() {
        return Err(Error::UkmLength {
            max: curve.field_len(),
            actual: ukm.len(),
        });
    }
    let mut out = Zeroizing::new(vec![0u8; curve.public_key_len()]);
    match dispatch!(
        curve,
        vko_point(private.secret_le_bytes(), peer.as_le_bytes(), ukm, &mut out)
    ) {
        Ok(()) => Ok(out),
        Err(Failure::BadInput) => Err(Error::InvalidPublicKey { curve }),
        Err(Failure::AtInfinity) => Err(Error::SharedPointAtInfinity),
    }
}

/// Why no shared point came out.
enum Failure {
    /// A key that does not decode (not reachable through the public types).
    BadInput,
    /// K is the point at infinity (a peer key of small order).
    AtInfinity,
}

fn vko_point<C: CurveSpec<N>, const N: usize>(
    secret: &[u8],
    peer: &[u8],
    ukm: &[u8],
    out: &mut [u8],
) -> Result<(), Failure> {
    let point = decode_point::<C, N>(peer).ok_or(Failure::BadInput)?;
    // The caller checked ukm.len() <= 8·N.
    let mut padded = [0u8; 64];
    padded[..ukm.len()].copy_from_slice(ukm);
    let mut ukm = reduce::<C, N>(&Uint::from_le_slice(&padded[..8 * N]));
    if ukm.is_zero_vartime() {
        ukm = Uint::ONE;
    }
    let x = uint_from_le::<N>(secret).ok_or(Failure::BadInput)?;
    let mut x = Zeroizing::new(x);
    let mut xm = Scalar::<C, N>::new(&x);
    let mut t = Zeroizing::new(xm.mul(&Scalar::<C, N>::new(&ukm)).retrieve());
    xm.zeroize();
    x.zeroize();
    let mut k = mul_var::<C, N>(&point, &t);
    t.zeroize();
    for _ in 0..C::COFACTOR_LOG2 {
        k = k.double();
    }
    if bool::from(k.is_identity()) {
        return Err(Failure::AtInfinity);
    }
    let mut affine = k.to_affine();
    affine.write_le_bytes(out);
    affine.zeroize();
    k.zeroize();
    Ok(())
}
