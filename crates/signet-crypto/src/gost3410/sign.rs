//! Private keys and signature generation ([RFC 7091 section 6.1],
//! [RFC 5832 section 6.1]).
//!
//! [RFC 7091 section 6.1]: https://datatracker.ietf.org/doc/html/rfc7091#section-6.1
//! [RFC 5832 section 6.1]: https://datatracker.ietf.org/doc/html/rfc5832#section-6.1

use crypto_bigint::Uint;
use rand_core::TryCryptoRng;
use zeroize::{Zeroize, Zeroizing};

use super::Error;
use super::curves::{Curve, CurveSpec, dispatch};
use super::mul::mul_base_affine;
use super::scalar::{
    Scalar, digest_to_e, is_valid_scalar, random_scalar, reduce, uint_from_le, write_be,
};
use super::verify::PublicKey;

/// A GOST R 34.10 private key (the scalar d, 0 < d < q) with its public key.
///
/// The scalar is kept in a buffer that is zeroed when the key is dropped;
/// [`core::fmt::Debug`] shows only the curve and the public key.
#[derive(Clone)]
pub struct SigningKey {
    curve: Curve,
    secret: Zeroizing<Vec<u8>>,
    public: PublicKey,
}

/// Why one attempt at a signature gave no signature: k outside [1, q − 1]
/// (only a caller-supplied k), or r = 0 or s = 0 (RFC 7091 section 6.1
/// steps 4 and 5, after which the signer draws another k).
enum Attempt {
    KOutOfRange,
    RIsZero,
    SIsZero,
}

impl SigningKey {
    /// Reads the private key as gost-engine writes it in PKCS#8 (the
    /// contents of the privateKey OCTET STRING for GOST R 34.10-2012 keys):
    /// d little-endian, as long as the field (32 or 64 bytes).
    pub fn from_le_bytes(curve: Curve, bytes: &[u8]) -> Result<Self, Error> {
        let expected = curve.field_len();
        if bytes.len() != expected {
            return Err(Error::PrivateKeyLength {
                curve,
                expected,
                actual: bytes.len(),
            });
        }
        let public = dispatch!(curve, public_from_secret(bytes)).ok_or(Error::InvalidPrivateKey)?;
        Ok(Self {
            curve,
            secret: Zeroizing::new(bytes.to_vec()),
            public: PublicKey::from_trusted_bytes(curve, public),
        })
    }

    /// Generates a key with the operating system's random generator.
    pub fn generate(curve: Curve) -> Result<Self, Error> {
        Self::generate_with_rng(curve, &mut getrandom::SysRng)
    }

    /// Generates a key: d uniform in [1, q − 1].
    pub fn generate_with_rng<R: TryCryptoRng + ?Sized>(
        curve: Curve,
        rng: &mut R,
    ) -> Result<Self, Error> {
        let secret = dispatch!(curve, random_secret(rng))?;
        Self::from_le_bytes(curve, &secret)
    }

    /// The parameter set of the key.
    pub fn curve(&self) -> Curve {
        self.curve
    }

    /// The public key `d·P`.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// The private scalar d, little-endian (the PKCS#8 encoding).
    pub fn to_le_bytes(&self) -> Zeroizing<Vec<u8>> {
        self.secret.clone()
    }

    /// The private scalar for VKO.
    pub(crate) fn secret_le_bytes(&self) -> &[u8] {
        &self.secret
    }

    /// Signs a hash code with a nonce from the operating system's random
    /// generator. See [`SigningKey::sign_digest_with_rng`].
    pub fn sign_digest(&self, digest: &[u8]) -> Result<Vec<u8>, Error> {
        self.sign_digest_with_rng(digest, &mut getrandom::SysRng)
    }

    /// Signs a hash code: `digest` is the hash output as the hash function
    /// returns it (read as a little-endian integer), as long as the field.
    /// Returns `s‖r`, each big-endian and as long as the field: the value of
    /// a CMS SignerInfo.signature and of a certificate's signature BIT
    /// STRING (RFC 9215 section 2).
    ///
    /// The nonce k is drawn uniformly from [1, q − 1]; the point `k·P` is
    /// computed with a constant-time fixed-window comb and the arithmetic
    /// mod q is crypto-bigint's constant-time Montgomery form.
    pub fn sign_digest_with_rng<R: TryCryptoRng + ?Sized>(
        &self,
        digest: &[u8],
        rng: &mut R,
    ) -> Result<Vec<u8>, Error> {
        self.check_digest(digest)?;
        loop {
            let mut k = dispatch!(self.curve, random_secret(rng))?;
            let attempt = dispatch!(self.curve, sign_with_k(&self.secret, digest, &k));
            k.zeroize();
            match attempt {
                Ok(signature) => return Ok(signature),
                Err(Attempt::KOutOfRange | Attempt::RIsZero | Attempt::SIsZero) => continue,
            }
        }
    }

    /// Signs with a given nonce k (little-endian, 0 < k < q): for the
    /// standards' worked examples only, since a reused or predictable k
    /// reveals the private key.
    #[cfg(test)]
    pub(crate) fn sign_digest_with_k(&self, digest: &[u8], k_le: &[u8]) -> Result<Vec<u8>, Error> {
        self.check_digest(digest)?;
        if k_le.len() != self.curve.field_len() {
            return Err(Error::InvalidNonce);
        }
        dispatch!(self.curve, sign_with_k(&self.secret, digest, k_le))
            .map_err(|_| Error::InvalidNonce)
    }

    fn check_digest(&self, digest: &[u8]) -> Result<(), Error> {
        let expected = self.curve.field_len();
        if digest.len() == expected {
            Ok(())
        } else {
            Err(Error::DigestLength {
                curve: self.curve,
                expected,
                actual: digest.len(),
            })
        }
    }
}

impl core::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SigningKey")
            .field("curve", &self.curve)
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

/// `d·P` encoded, or `None` when d is not in [1, q − 1].
fn public_from_secret<C: CurveSpec<N>, const N: usize>(secret: &[u8]) -> Option<Vec<u8>> {
    let mut d = Zeroizing::new(uint_from_le::<N>(secret)?);
    if !is_valid_scalar::<C, N>(&d) {
        return None;
    }
    let point = mul_base_affine::<C, N>(&d);
    d.zeroize();
    let mut out = vec![0u8; 16 * N];
    point.write_le_bytes(&mut out);
    Some(out)
}

fn random_secret<C: CurveSpec<N>, const N: usize>(
    rng: &mut (impl TryCryptoRng + ?Sized),
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let mut k = random_scalar::<C, N, _>(rng).map_err(|e| Error::Rng(e.to_string()))?;
    let mut out = Zeroizing::new(vec![0u8; 8 * N]);
    for (chunk, word) in out.chunks_exact_mut(8).zip(k.as_words().iter()) {
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    k.zeroize();
    Ok(out)
}

/// RFC 7091 section 6.1 steps 2–6 for a given k.
fn sign_with_k<C: CurveSpec<N>, const N: usize>(
    secret: &[u8],
    digest: &[u8],
    k_le: &[u8],
) -> Result<Vec<u8>, Attempt> {
    let (Some(d), Some(k)) = (uint_from_le::<N>(secret), uint_from_le::<N>(k_le)) else {
        return Err(Attempt::KOutOfRange);
    };
    let (mut d, mut k): (Zeroizing<Uint<N>>, Zeroizing<Uint<N>>) =
        (Zeroizing::new(d), Zeroizing::new(k));
    if !is_valid_scalar::<C, N>(&k) {
        return Err(Attempt::KOutOfRange);
    }
    // Step 2: e = α mod q, or 1.
    let e = digest_to_e::<C, N>(digest);
    // Steps 3–4: C = k·P, r = x_C mod q.
    let point = mul_base_affine::<C, N>(&k);
    let r = reduce::<C, N>(&point.x.to_uint());
    if r.is_zero_vartime() {
        return Err(Attempt::RIsZero);
    }
    // Step 5: s = (r·d + k·e) mod q.
    let mut dm = Scalar::<C, N>::new(&d);
    let mut km = Scalar::<C, N>::new(&k);
    let mut sm = Scalar::<C, N>::new(&r)
        .mul(&dm)
        .add(&km.mul(&Scalar::<C, N>::new(&e)));
    let s = sm.retrieve();
    dm.zeroize();
    km.zeroize();
    sm.zeroize();
    d.zeroize();
    k.zeroize();
    if s.is_zero_vartime() {
        return Err(Attempt::SIsZero);
    }
    // Step 6: the signature s‖r.
    let mut out = vec![0u8; 16 * N];
    let (s_out, r_out) = out.split_at_mut(8 * N);
    write_be(&s, s_out);
    write_be(&r, r_out);
    Ok(out)
}
