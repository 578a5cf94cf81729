//! DSTU 4145-2002 private keys, in the PKCS#8 shape that IIT's software,
//! the `jkurwa` library and Ukrainian key containers use.
//!
//! ```text
//! DstuPrivateKey ::= SEQUENCE {
//!   version     INTEGER (0),
//!   algorithm   SEQUENCE { OID dstu4145-le | dstu4145-be, DSTU4145Params },
//!   privateKey  OCTET STRING,            -- d, little-endian, maybe zero-padded
//!   attributes  [0] IMPLICIT SET OF Attribute OPTIONAL }
//! DSTU4145Params ::= SEQUENCE {
//!   curve  CHOICE { namedCurve OBJECT IDENTIFIER, ecbinary ECBinary },
//!   dke    OCTET STRING (64) OPTIONAL }   -- the GOST 28147 S-box, packed
//! ```
//!
//! IIT's `Key-6.dat` carries a second key for key agreement in two
//! attributes: `1.3.6.1.4.1.19398.1.1.2.2` (its DSTU4145Params) and
//! `1.3.6.1.4.1.19398.1.1.2.3` (a BIT STRING holding d with its bits in
//! reverse order, least significant first), as `jkurwa`'s
//! `lib/models/Priv.js` reads them. That key is kept as
//! [`DstuPrivateKey::agreement_key`].

use der::Encode;
use der::asn1::BitStringRef;
use zeroize::Zeroizing;

use super::PrivateKeyError;
use super::asn1::{Attribute, OneAsymmetricKey};
use crate::oid::ids;
use crate::signature::SignatureError;
use crate::{DstuCurve, PkiError, PublicKeyInfo};

/// A DSTU 4145-2002 private key with its domain parameters.
pub struct DstuPrivateKey {
    little_endian: bool,
    /// DER of the DSTU4145Params.
    params: Vec<u8>,
    curve: Option<DstuCurve>,
    /// d, little-endian, without trailing zero bytes.
    scalar: Zeroizing<Vec<u8>>,
    agreement: Option<Box<DstuPrivateKey>>,
}

impl core::fmt::Debug for DstuPrivateKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("DstuPrivateKey")
            .field("curve", &self.curve)
            .field("agreement_key", &self.agreement.is_some())
            .finish_non_exhaustive()
    }
}

/// Drops trailing zero bytes of a little-endian number (keeps one byte).
fn trim_le(mut le: Vec<u8>) -> Zeroizing<Vec<u8>> {
    while le.len() > 1 && le.last() == Some(&0) {
        le.pop();
    }
    Zeroizing::new(le)
}

impl DstuPrivateKey {
    /// Builds the key from its PKCS#8 structure (the algorithm being
    /// `dstu4145le` or `dstu4145be`).
    pub(super) fn from_pkcs8(info: &OneAsymmetricKey<'_>) -> Result<DstuPrivateKey, PkiError> {
        let little_endian = info.private_key_algorithm.oid == ids::DSTU4145_LE;
        let params = info
            .private_key_algorithm
            .parameters
            .ok_or(PrivateKeyError::DstuParamsMissing)?;
        let private_key = info.private_key.as_bytes();
        if private_key.iter().all(|&b| b == 0) {
            return Err(PrivateKeyError::DstuZeroKey.into());
        }
        let mut le = private_key.to_vec();
        if !little_endian {
            le.reverse();
        }
        let agreement = info
            .attributes
            .as_deref()
            .map(read_agreement_key)
            .transpose()?
            .flatten()
            .map(Box::new);
        Ok(DstuPrivateKey {
            little_endian,
            params: params
                .to_der()
                .map_err(PkiError::der("DSTU 4145 private key"))?,
            curve: crate::public_key::dstu_curve(params),
            scalar: trim_le(le),
            agreement,
        })
    }

    /// The curve, as the parameters give it.
    pub fn curve(&self) -> Option<&DstuCurve> {
        self.curve.as_ref()
    }

    /// DER of the DSTU4145Params.
    pub fn params_der(&self) -> &[u8] {
        &self.params
    }

    /// Whether the algorithm OID is the little-endian one.
    pub fn is_little_endian(&self) -> bool {
        self.little_endian
    }

    /// d, little-endian.
    pub fn scalar_le(&self) -> &[u8] {
        &self.scalar
    }

    /// The key-agreement key that IIT containers carry beside the signing
    /// key, if any.
    pub fn agreement_key(&self) -> Option<&DstuPrivateKey> {
        self.agreement.as_deref()
    }

    /// Takes the key-agreement key out, leaving none.
    pub fn take_agreement_key(&mut self) -> Option<DstuPrivateKey> {
        self.agreement.take().map(|k| *k)
    }

    /// "DSTU 4145-2002 (M257)" and the like.
    pub fn description(&self) -> String {
        match self.curve.as_ref().and_then(|c| c.field_degree()) {
            Some(m) => format!("DSTU 4145-2002 (M{m})"),
            None => "DSTU 4145-2002".into(),
        }
    }

    /// The signet-crypto signing key: d on the curve of the parameters
    /// (named, or explicit `ECBinary`; DSTU 4145-2002 §9 requires
    /// 0 < d < n). Any DKE is accepted (it names the S-box of the key's
    /// GOST 34.311-95 hash, not the curve); optimal normal bases are not
    /// supported.
    pub fn signing_key(&self) -> Result<signet_crypto::dstu4145::SigningKey, PkiError> {
        let curve = crate::dstu::curve(&self.params, self.little_endian).map_err(params_error)?;
        signet_crypto::dstu4145::SigningKey::from_le_bytes(&curve, &self.scalar)
            .map_err(|e| PrivateKeyError::DstuKey(e).into())
    }

    /// The GOST 28147-89 S-box of the parameters' `dke` (DKE №1 when
    /// absent): the S-box of the key's GOST 34.311-95 hash and, as UAPKI
    /// reads it (`key-wrap.c` `key_unwrap`), of the key wrap of an
    /// envelope addressed to this key.
    pub(crate) fn sbox(&self) -> Result<signet_crypto::gost28147::SBox, PkiError> {
        crate::dstu::params(&self.params, self.little_endian)
            .map(|(_, sbox)| sbox)
            .map_err(params_error)
    }

    /// Whether this is the private key of the public key `public`: the
    /// public key `Q = −d·P` (DSTU 4145-2002 §9) derived on this key's
    /// curve is the certificate's point, on the same curve.
    pub fn matches(&self, public: &PublicKeyInfo) -> bool {
        let Ok(key) = self.signing_key() else {
            return false;
        };
        crate::dstu::public_key(public).is_ok_and(|q| q == *key.public_key())
    }
}

/// Parameters that signet does not handle are "not supported"; any other
/// fault of them makes the key malformed.
fn params_error(e: SignatureError) -> PkiError {
    match e {
        SignatureError::Unsupported(what) => PkiError::Unsupported(what),
        other => PrivateKeyError::DstuParams(other).into(),
    }
}

/// The second key of an IIT container, from the PKCS#8 attributes.
fn read_agreement_key(attributes: &[Attribute<'_>]) -> Result<Option<DstuPrivateKey>, PkiError> {
    let mut curve = None;
    let mut bits = None;
    for attribute in attributes {
        match (attribute.r#type, attribute.first_value()) {
            (ids::IIT_KEY_AGREEMENT_PARAMS, Some(v)) => curve = Some(*v),
            (ids::IIT_KEY_AGREEMENT_KEY, Some(v)) => {
                if let Ok(value) = v.decode_as::<BitStringRef<'_>>() {
                    // d with the bits of every octet reversed.
                    let le = value.raw_bytes().iter().map(|b| b.reverse_bits());
                    bits = Some(le.collect::<Vec<u8>>());
                }
            }
            _ => {}
        }
    }
    match (curve, bits) {
        (Some(params), Some(le)) if le.iter().any(|&b| b != 0) => Ok(Some(DstuPrivateKey {
            little_endian: true,
            params: params
                .to_der()
                .map_err(PkiError::der("DSTU 4145 private key"))?,
            curve: crate::public_key::dstu_curve(params),
            scalar: trim_le(le),
            agreement: None,
        })),
        _ => Ok(None),
    }
}
