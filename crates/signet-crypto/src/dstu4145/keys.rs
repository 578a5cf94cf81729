//! Keys, signatures and the key-agreement primitive.

use rand_core::TryCryptoRng;
use zeroize::{Zeroize, Zeroizing};

use super::Error;
use super::curves::Curve;
use super::mul::{ladder_x, mul_double_vartime, mul_vartime};
use super::point::Affine;
use super::scalar::{Scalar, scalar_from_be, scalar_from_le, scalar_to_le, truncate};

/// A DSTU 4145 public key: the point `Q = −d·P` (DSTU 4145-2002 §9).
///
/// Certificates carry it compressed (§6.9) as an OCTET STRING of
/// `ceil(m/8)` bytes, little-endian in the `dstu4145le` algorithm, inside
/// the subjectPublicKey BIT STRING; [`PublicKey::from_compressed`] takes
/// that OCTET STRING's content.
#[derive(Clone)]
pub struct PublicKey {
    curve: Curve,
    point: Affine,
    compressed: Vec<u8>,
}

impl PublicKey {
    /// Decodes a compressed public key: `ceil(m/8)` little-endian bytes,
    /// decompressed by DSTU 4145-2002 §6.10, then checked as §10.1 asks:
    /// the point is on the curve, is not the point of order two and has
    /// order n (`n·Q = O`, one variable-time multiplication).
    pub fn from_compressed(curve: &Curve, bytes_le: &[u8]) -> Result<Self, Error> {
        let expected = curve.field_len();
        if bytes_le.len() != expected {
            return Err(Error::PublicKeyLength {
                curve: curve.clone(),
                expected,
                actual: bytes_le.len(),
            });
        }
        let inner = curve.inner();
        let invalid = || Error::InvalidPublicKey {
            curve: curve.clone(),
        };
        let compressed = inner.group.field.decode_le(bytes_le).ok_or_else(invalid)?;
        if compressed.is_zero_vartime() {
            // (0, √B), the point of order two.
            return Err(invalid());
        }
        let point = inner.decompress(&compressed).ok_or_else(invalid)?;
        if !mul_vartime(&inner.group, &point, inner.order.value()).is_identity_vartime() {
            return Err(invalid());
        }
        Ok(Self {
            curve: curve.clone(),
            point,
            compressed: bytes_le.to_vec(),
        })
    }

    /// A point known to be `−d·P` for a valid d.
    fn from_trusted_point(curve: &Curve, point: Affine) -> Self {
        let inner = curve.inner();
        let compressed = inner.compress(&point);
        Self {
            curve: curve.clone(),
            point,
            compressed: inner.group.field.encode_le(&compressed),
        }
    }

    #[cfg(test)]
    pub(crate) fn point_for_tests(&self) -> Affine {
        self.point
    }

    /// The compressed key, `ceil(m/8)` bytes little-endian: the content of
    /// the OCTET STRING in a certificate's subjectPublicKey.
    pub fn to_compressed(&self) -> Vec<u8> {
        self.compressed.clone()
    }

    /// The curve of the key.
    pub fn curve(&self) -> &Curve {
        &self.curve
    }

    /// Verifies a signature given as bytes (see [`Signature::from_bytes`])
    /// over a hash value: the same shape as
    /// [`gost3410::PublicKey::verify_digest`](crate::gost3410::PublicKey::verify_digest).
    pub fn verify_digest(&self, digest: &[u8], signature: &[u8]) -> Result<(), Error> {
        let signature = Signature::from_bytes(&self.curve, signature)?;
        self.verify(digest, &signature)
    }

    /// Verifies a signature over a hash value (the verification procedure
    /// of DSTU 4145-2002, step numbers as in bee2's `dstuVerify`):
    /// 0 < r < n and 0 < s < n (steps 10–11); h = the hash as a field
    /// element, 1 if zero (§5.9, step 8); `R = s·P + r·Q` (step 12, which
    /// must not be O); `y = h·x_R` (step 13); r' = y truncated to
    /// L(n) − 1 bits (step 14); accept iff r' = r (step 15). Variable time:
    /// every input is public.
    pub fn verify(&self, digest: &[u8], signature: &Signature) -> Result<(), Error> {
        let inner = self.curve.inner();
        let order = &inner.order;
        if !order.is_valid(&signature.r) || !order.is_valid(&signature.s) {
            return Err(Error::InvalidSignature);
        }
        let f = &inner.group.field;
        let h = inner.hash_element(digest);
        let sum = mul_double_vartime(
            &inner.group,
            inner.base_odd(),
            &signature.s,
            &self.point,
            &signature.r,
        );
        let r_point = inner.group.to_affine(&sum).ok_or(Error::InvalidSignature)?;
        // Under ONB, r is cut from y written in ONB (UAPKI's
        // `dstu4145_verify` converts r1 with `pb_to_onb` before truncating).
        let y = inner.pb_to_api(&f.mul(&h, &r_point.x));
        if truncate(&y, order.bits()) == signature.r {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.curve == other.curve && self.point == other.point
    }
}

impl Eq for PublicKey {}

impl core::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "PublicKey({}, ", self.curve)?;
        for b in &self.compressed {
            write!(f, "{b:02x}")?;
        }
        write!(f, ")")
    }
}

/// A DSTU 4145 private key: the integer d, 0 < d < n, with its public key.
///
/// d lives in a buffer zeroed on drop; [`core::fmt::Debug`] shows the
/// public key only.
#[derive(Clone)]
pub struct SigningKey {
    curve: Curve,
    d: Zeroizing<Scalar>,
    public: PublicKey,
}

/// Why one signing attempt gave no signature (the signer then draws
/// another e).
enum Attempt {
    NonceOutOfRange,
    RIsZero,
    SIsZero,
}

impl SigningKey {
    /// Reads d little-endian (as Ukrainian key containers store it), of any
    /// length as long as 0 < d < n.
    pub fn from_le_bytes(curve: &Curve, bytes: &[u8]) -> Result<Self, Error> {
        let d = Zeroizing::new(scalar_from_le(bytes).ok_or(Error::InvalidPrivateKey)?);
        Self::from_scalar(curve, d)
    }

    /// Reads d big-endian, of any length as long as 0 < d < n.
    pub fn from_be_bytes(curve: &Curve, bytes: &[u8]) -> Result<Self, Error> {
        let d = Zeroizing::new(scalar_from_be(bytes).ok_or(Error::InvalidPrivateKey)?);
        Self::from_scalar(curve, d)
    }

    fn from_scalar(curve: &Curve, d: Zeroizing<Scalar>) -> Result<Self, Error> {
        let inner = curve.inner();
        if !inner.order.is_valid(&d) {
            return Err(Error::InvalidPrivateKey);
        }
        // Q = −d·P (DSTU 4145-2002 §9), with the constant-time comb.
        let mut dp = inner.comb().mul(&inner.group, &d);
        let point = inner
            .group
            .to_affine(&dp)
            .unwrap_or_else(|| unreachable!("0 < d < n, so d·P is not O"))
            .neg();
        dp.zeroize();
        Ok(Self {
            curve: curve.clone(),
            d,
            public: PublicKey::from_trusted_point(curve, point),
        })
    }

    /// Generates a key with the operating system's random generator.
    pub fn generate(curve: &Curve) -> Result<Self, Error> {
        Self::generate_with_rng(curve, &mut getrandom::SysRng)
    }

    /// Generates a key: d uniform in [1, n − 1] (DSTU 4145-2002 §9 with
    /// §6.3's random integer).
    pub fn generate_with_rng<R: TryCryptoRng + ?Sized>(
        curve: &Curve,
        rng: &mut R,
    ) -> Result<Self, Error> {
        let d = curve
            .inner()
            .order
            .random(rng)
            .map_err(|e| Error::Rng(e.to_string()))?;
        Self::from_scalar(curve, d)
    }

    /// The curve of the key.
    pub fn curve(&self) -> &Curve {
        &self.curve
    }

    /// The public key `Q = −d·P`.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// d little-endian, `ceil(L(n)/8)` bytes.
    pub fn to_le_bytes(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(scalar_to_le(&self.d, self.curve.inner().order.byte_len()))
    }

    /// d big-endian, `ceil(L(n)/8)` bytes.
    pub fn to_be_bytes(&self) -> Zeroizing<Vec<u8>> {
        let mut out = self.to_le_bytes();
        out.reverse();
        out
    }

    /// Signs a hash value with a nonce from the operating system's random
    /// generator and returns the signature's bytes ([`Signature::to_bytes`]):
    /// the same shape as
    /// [`gost3410::SigningKey::sign_digest`](crate::gost3410::SigningKey::sign_digest).
    pub fn sign_digest(&self, digest: &[u8]) -> Result<Vec<u8>, Error> {
        self.sign_digest_with_rng(digest, &mut getrandom::SysRng)
    }

    /// Signs a hash value with a nonce from `rng`; see [`SigningKey::sign`].
    pub fn sign_digest_with_rng<R: TryCryptoRng + ?Sized>(
        &self,
        digest: &[u8],
        rng: &mut R,
    ) -> Result<Vec<u8>, Error> {
        self.sign(digest, rng).map(|s| s.to_bytes())
    }

    /// Signs a hash value (the signing procedure of DSTU 4145-2002, step
    /// numbers as in bee2's `dstuSign`): h = the hash as a field element, 1
    /// if zero (§5.9, step 7); e uniform in [1, n − 1] and `F_e = e·P`,
    /// drawn again if `x_Fe = 0` (step 8); `y = h·x_Fe` (step 9); r = y
    /// truncated to L(n) − 1 bits, drawn again if 0 (steps 10–11);
    /// `s = (e + d·r) mod n`, drawn again if 0 (steps 12–13).
    ///
    /// `digest` is the hash function's output as it returns it (GOST
    /// 34.311-95 output bytes are a little-endian number; §5.9 keeps its
    /// low m bits). The computation of `e·P` (a constant-time comb over a
    /// per-curve table), the field arithmetic and `d·r + e mod n`
    /// (crypto-bigint's Montgomery form) run in constant time.
    pub fn sign<R: TryCryptoRng + ?Sized>(
        &self,
        digest: &[u8],
        rng: &mut R,
    ) -> Result<Signature, Error> {
        let order = &self.curve.inner().order;
        loop {
            let e = order.random(rng).map_err(|e| Error::Rng(e.to_string()))?;
            match self.sign_with_nonce(digest, &e) {
                Ok(signature) => return Ok(signature),
                Err(Attempt::NonceOutOfRange | Attempt::RIsZero | Attempt::SIsZero) => continue,
            }
        }
    }

    /// Signs with a given nonce e (big-endian, 0 < e < n): for the worked
    /// examples of the standard and of other implementations only, since a
    /// reused or predictable e reveals d.
    #[doc(hidden)]
    pub fn sign_digest_with_nonce(&self, digest: &[u8], e_be: &[u8]) -> Result<Signature, Error> {
        let e = Zeroizing::new(scalar_from_be(e_be).ok_or(Error::InvalidNonce)?);
        self.sign_with_nonce(digest, &e)
            .map_err(|_| Error::InvalidNonce)
    }

    fn sign_with_nonce(&self, digest: &[u8], e: &Scalar) -> Result<Signature, Attempt> {
        let inner = self.curve.inner();
        let order = &inner.order;
        if !order.is_valid(e) {
            return Err(Attempt::NonceOutOfRange);
        }
        let f = &inner.group.field;
        let h = inner.hash_element(digest);
        let mut fe_proj = inner.comb().mul(&inner.group, e);
        let fe = inner.group.to_affine(&fe_proj);
        fe_proj.zeroize();
        let Some(mut fe) = fe else {
            return Err(Attempt::NonceOutOfRange);
        };
        // x_Fe = 0 only for the point of order two, never a multiple of P;
        // the check stands as the standard writes it.
        if fe.x.is_zero_vartime() {
            fe.zeroize();
            return Err(Attempt::NonceOutOfRange);
        }
        let mut y_pb = f.mul(&h, &fe.x);
        fe.zeroize();
        // r is cut from y in the curve's basis (UAPKI's
        // `dstu4145_sign_internal`: `pb_to_onb` before `int_truncate`).
        let mut y = inner.pb_to_api(&y_pb);
        y_pb.zeroize();
        let r = truncate(&y, order.bits());
        y.zeroize();
        if r.is_zero_vartime() {
            return Err(Attempt::RIsZero);
        }
        let s = order.mul_add(&self.d, &r, e);
        if s.is_zero_vartime() {
            return Err(Attempt::SIsZero);
        }
        Ok(Signature {
            r,
            s,
            half_len: order.byte_len(),
        })
    }

    /// The shared secret with `peer`: the x-coordinate of `(h·d mod n)·Q`
    /// for the cofactor h (2 or 4), big-endian in `ceil(m/8)` bytes — the
    /// `ZZ` that jkurwa's `Priv.derive` returns and the DSTSZI key
    /// agreement (cofactor Diffie–Hellman, as in ISO/IEC 15946-3) feeds to
    /// its KDF. Whatever that KDF does next (jkurwa drops one leading zero
    /// byte of ZZ before hashing) belongs to the caller.
    ///
    /// jkurwa multiplies d by the cofactor as field elements, that is as
    /// polynomials modulo f, which equals the integer `h·d` only while
    /// `h·d < 2^m` (d < 2^(m−2) for h = 4, d < 2^(m−1) for h = 2); for the
    /// standard curves that excludes only keys with d ≥ 2^(m−2) on M173
    /// and M257, a 2^−127 fraction or less. It also uses h = 2 for every
    /// curve read from a certificate's explicit parameters, which is wrong
    /// for A = 0. This function always uses the true integer product.
    ///
    /// Constant time in d: `h·d mod n` in Montgomery form and the
    /// Montgomery ladder over L(n) bits.
    pub fn agree(&self, peer: &PublicKey) -> Result<Zeroizing<Vec<u8>>, Error> {
        if self.curve != peer.curve {
            return Err(Error::CurveMismatch {
                ours: self.curve.clone(),
                theirs: peer.curve.clone(),
            });
        }
        let inner = self.curve.inner();
        let order = &inner.order;
        let h = Scalar::from_u64(u64::from(inner.cofactor));
        let k = Zeroizing::new(order.mul(&self.d, &h));
        let x = ladder_x(&inner.group, &peer.point, &k, order.bits())
            .ok_or(Error::SharedPointAtInfinity)?;
        let mut out = Zeroizing::new(inner.group.field.encode_le(&inner.pb_to_api(&x)));
        out.reverse();
        Ok(out)
    }
}

impl core::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SigningKey")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

/// A DSTU 4145 signature (r, s).
///
/// DSTU 4145-2002 §5.10 writes it as a bit string of even length L_D
/// (a multiple of 16, at least 2·L(n)): r little-endian in the first half,
/// s in the second, zero-padded. CMS SignerInfo.signature and a
/// certificate's signature BIT STRING hold it as the content of an OCTET
/// STRING, in practice `2·ceil(L(n)/8)` bytes (64 for M257, 108 for M431).
#[derive(Clone, PartialEq, Eq)]
pub struct Signature {
    r: Scalar,
    s: Scalar,
    half_len: usize,
}

impl Signature {
    /// Splits the OCTET STRING content into r and s. Accepts any even
    /// length whose halves hold at least `ceil(L(n)/8)` bytes, with the
    /// bytes beyond that zero (the padding §5.10 allows); the range of r
    /// and s is checked when verifying.
    pub fn from_bytes(curve: &Curve, bytes: &[u8]) -> Result<Self, Error> {
        let order_len = curve.inner().order.byte_len();
        let half_len = bytes.len() / 2;
        if !bytes.len().is_multiple_of(2) || half_len < order_len {
            return Err(Error::SignatureLength {
                curve: curve.clone(),
                min: 2 * order_len,
                actual: bytes.len(),
            });
        }
        let (r, s) = bytes.split_at(half_len);
        if r[order_len..]
            .iter()
            .chain(&s[order_len..])
            .any(|&b| b != 0)
        {
            return Err(Error::InvalidSignature);
        }
        let (Some(r), Some(s)) = (
            scalar_from_le(&r[..order_len]),
            scalar_from_le(&s[..order_len]),
        ) else {
            return Err(Error::InvalidSignature);
        };
        Ok(Self { r, s, half_len })
    }

    /// r then s, each little-endian in half the length: `2·ceil(L(n)/8)`
    /// bytes for signatures made here, the parsed length otherwise.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = scalar_to_le(&self.r, self.half_len);
        out.extend(scalar_to_le(&self.s, self.half_len));
        out
    }

    /// r, big-endian without leading zeros (for diagnostics and tests).
    pub fn r_be(&self) -> Vec<u8> {
        be_trimmed(&self.r)
    }

    /// s, big-endian without leading zeros (for diagnostics and tests).
    pub fn s_be(&self) -> Vec<u8> {
        be_trimmed(&self.s)
    }
}

impl core::fmt::Debug for Signature {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Signature(")?;
        for b in self.to_bytes() {
            write!(f, "{b:02x}")?;
        }
        write!(f, ")")
    }
}

fn be_trimmed(x: &Scalar) -> Vec<u8> {
    let mut out = scalar_to_le(x, 8 * x.as_words().len());
    while out.len() > 1 && out.last() == Some(&0) {
        out.pop();
    }
    out.reverse();
    out
}
