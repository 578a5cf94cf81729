//! DSTU 7624:2014 (Kalyna) as the `encryptionScheme` of PBES2, in the
//! Ukrainian PKCS#8 and PKCS#12 containers.
//!
//! ```text
//! id-dstu7624 ::= 1.2.804.2.1.1.1.1.1.3
//!   ecb(1) ctr(2) cfb(3) cmac(4) cbc(5) ofb(6) gmac(7) ccm(8) xts(9) kw(10)
//!   each with .1 / .2 / .3 for 128-, 256- and 512-bit blocks
//! parameters ::= SEQUENCE { iv OCTET STRING }     -- as UAPKI writes them
//! ```
//!
//! UAPKI (`library/cm-pkcs12/src/crypto/pkcs5.c`, `pbes2_crypt`) writes
//! and reads `…3.5.2`, Kalyna-256/256 in CBC mode with PKCS#7 padding to
//! 32 bytes and a 32-byte IV, the parameters in the shape of
//! `GOST28147ParamsOptionalDke` without the S-box (a DKE there is
//! refused, and so it is here). The same arc names the other modes
//! (UAPKI's `oids.h`, Bouncy Castle's `UAObjectIdentifiers`); signet opens
//! CBC, CTR, CFB (feedback of a whole block) and OFB with the same
//! parameters, so a container written with one of them by a tool that
//! follows that naming opens as well. A bare `OCTET STRING` IV is accepted
//! too. The key is as long as the block unless PBKDF2's `keyLength` asks
//! for the standard's longer key (128/256, 256/512). ECB and the
//! authenticated or key-wrap modes are refused as encryption schemes.
//!
//! The PRFs that go with it are HMAC (any signet knows) or Kupyna's KMAC
//! ([`signet_crypto::kupyna::kmac`]).

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, OctetStringRef};
use der::{Choice, Sequence};
use signet_crypto::kalyna::modes::{Ctr, Ofb, cbc_decrypt, cfb_decrypt, pkcs7_unpadded_len};
use signet_crypto::kalyna::{Kalyna, KalynaError};
use zeroize::Zeroizing;

use super::ContainerError;
use crate::PkiError;
use crate::oid::ids;

/// The parameters as UAPKI writes them: `SEQUENCE { iv OCTET STRING }`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct Dstu7624Params<'a> {
    iv: &'a OctetStringRef,
}

/// An IV given bare, as an OCTET STRING.
type BareIv<'a> = &'a OctetStringRef;

/// The two shapes of the parameters read.
#[derive(Clone, Debug, Eq, PartialEq, Choice)]
enum Dstu7624Iv<'a> {
    Bare(BareIv<'a>),
    Wrapped(Dstu7624Params<'a>),
}

/// A DSTU 7624 mode usable for PBES2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Ctr,
    Cfb,
    Cbc,
    Ofb,
}

/// The encryption scheme read from its AlgorithmIdentifier.
#[derive(Debug)]
pub(super) struct KalynaScheme {
    mode: Mode,
    block_len: usize,
    iv: Vec<u8>,
}

impl KalynaScheme {
    /// Reads the scheme; `Ok(None)` when `oid` is not under the DSTU 7624
    /// arc.
    pub(super) fn read(
        oid: &ObjectIdentifier,
        params: Option<AnyRef<'_>>,
    ) -> Result<Option<KalynaScheme>, PkiError> {
        if !oid.starts_with(ids::DSTU7624) {
            return Ok(None);
        }
        // Below the arc: the mode, then the block size.
        let below: Vec<u32> = oid.arcs().skip(ids::DSTU7624.arcs().count()).collect();
        if below.is_empty() {
            return Ok(None);
        }
        let unsupported =
            || PkiError::Unsupported(format!("keys encrypted with {}", crate::oid::name_of(oid)));
        let [mode, size] = below[..] else {
            return Err(unsupported());
        };
        let mode = match mode {
            2 => Mode::Ctr,
            3 => Mode::Cfb,
            5 => Mode::Cbc,
            6 => Mode::Ofb,
            _ => return Err(unsupported()),
        };
        let block_len = match size {
            1 => 16,
            2 => 32,
            3 => 64,
            _ => return Err(unsupported()),
        };
        let params = params.ok_or(ContainerError::KalynaIvMissing)?;
        let iv = match params
            .decode_as::<Dstu7624Iv<'_>>()
            .map_err(|_| ContainerError::KalynaParams)?
        {
            Dstu7624Iv::Bare(iv) | Dstu7624Iv::Wrapped(Dstu7624Params { iv }) => iv.as_bytes(),
        };
        if iv.len() != block_len {
            return Err(ContainerError::KalynaIvLength.into());
        }
        Ok(Some(KalynaScheme {
            mode,
            block_len,
            iv: iv.to_vec(),
        }))
    }

    /// The key length: PBKDF2's `keyLength` when the standard allows it for
    /// this block, else the block length.
    pub(super) fn key_len(&self, asked: Option<u32>) -> Result<usize, ContainerError> {
        match asked.map(|n| n as usize) {
            None => Ok(self.block_len),
            Some(n) if n == self.block_len || (n == 2 * self.block_len && self.block_len < 64) => {
                Ok(n)
            }
            Some(_) => Err(ContainerError::KalynaKeyLength),
        }
    }

    /// Decrypts; an error means the key (the password) is wrong or the data
    /// damaged.
    pub(super) fn decrypt(
        &self,
        key: &[u8],
        data: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KalynaError> {
        let cipher = Kalyna::new(self.block_len, key)?;
        let mut out = Zeroizing::new(data.to_vec());
        match self.mode {
            Mode::Ctr => Ctr::new(&cipher, &self.iv)?.apply_keystream(&mut out),
            Mode::Ofb => Ofb::new(&cipher, &self.iv)?.apply_keystream(&mut out),
            Mode::Cfb => cfb_decrypt(&cipher, &self.iv, self.block_len, &mut out)?,
            Mode::Cbc => {
                cbc_decrypt(&cipher, &self.iv, &mut out)?;
                let len = pkcs7_unpadded_len(&out, self.block_len)?;
                out.truncate(len);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::{Decode, Encode};

    fn read(oid: &str, params: &[u8]) -> Result<Option<KalynaScheme>, PkiError> {
        let oid = ObjectIdentifier::new(oid).unwrap();
        let any = AnyRef::from_der(params).ok();
        KalynaScheme::read(&oid, any)
    }

    fn seq_iv(len: usize) -> Vec<u8> {
        let iv = vec![0xA5; len];
        Dstu7624Params {
            iv: OctetStringRef::new(&iv).unwrap(),
        }
        .to_der()
        .unwrap()
    }

    /// `GOST28147ParamsOptionalDke` with the DKE UAPKI refuses here.
    #[derive(Sequence)]
    struct WithDke<'a> {
        iv: &'a OctetStringRef,
        dke: &'a OctetStringRef,
    }

    #[test]
    fn parameters_round_trip() {
        let der = seq_iv(32);
        let params = Dstu7624Params::from_der(&der).unwrap();
        assert_eq!(params.iv.as_bytes(), [0xA5; 32]);
        assert_eq!(params.to_der().unwrap(), der);
        assert_eq!(
            Dstu7624Iv::from_der(&der).unwrap(),
            Dstu7624Iv::Wrapped(params)
        );
        let bare = OctetStringRef::new(&[1; 16]).unwrap().to_der().unwrap();
        let iv = Dstu7624Iv::from_der(&bare).unwrap();
        assert!(matches!(iv, Dstu7624Iv::Bare(iv) if iv.as_bytes() == [1; 16]));
        assert_eq!(iv.to_der().unwrap(), bare);
    }

    #[test]
    fn oids_and_parameters() {
        assert!(
            read("1.2.804.2.1.1.1.1.1.1.3", &seq_iv(8))
                .unwrap()
                .is_none()
        );
        assert!(read("1.2.804.2.1.1.1.1.1.3", &seq_iv(8)).unwrap().is_none());
        let s = read("1.2.804.2.1.1.1.1.1.3.5.2", &seq_iv(32))
            .unwrap()
            .unwrap();
        assert_eq!((s.mode, s.block_len), (Mode::Cbc, 32));
        assert_eq!(s.key_len(None).unwrap(), 32);
        assert_eq!(s.key_len(Some(64)).unwrap(), 64);
        assert!(s.key_len(Some(16)).is_err());
        let bare = OctetStringRef::new(&[0; 64]).unwrap().to_der().unwrap();
        let s = read("1.2.804.2.1.1.1.1.1.3.2.3", &bare).unwrap().unwrap();
        assert_eq!((s.mode, s.block_len), (Mode::Ctr, 64));
        assert!(s.key_len(Some(128)).is_err());
        // Wrong IV length, a DKE after the IV, ECB, KW, an unknown size.
        assert!(matches!(
            read("1.2.804.2.1.1.1.1.1.3.5.2", &seq_iv(16)),
            Err(PkiError::Container(ContainerError::KalynaIvLength))
        ));
        let with_dke = WithDke {
            iv: OctetStringRef::new(&[0xA5; 32]).unwrap(),
            dke: OctetStringRef::new(&[0]).unwrap(),
        }
        .to_der()
        .unwrap();
        assert!(matches!(
            read("1.2.804.2.1.1.1.1.1.3.5.2", &with_dke),
            Err(PkiError::Container(ContainerError::KalynaParams))
        ));
        for oid in [
            "1.2.804.2.1.1.1.1.1.3.1.1",
            "1.2.804.2.1.1.1.1.1.3.10.2",
            "1.2.804.2.1.1.1.1.1.3.5.4",
            "1.2.804.2.1.1.1.1.1.3.5",
            "1.2.804.2.1.1.1.1.1.3.5.2.1",
        ] {
            assert!(
                matches!(read(oid, &seq_iv(32)), Err(PkiError::Unsupported(_))),
                "{oid}"
            );
        }
    }

    #[test]
    fn wrong_key_is_an_error_for_cbc() {
        let s = read("1.2.804.2.1.1.1.1.1.3.5.1", &seq_iv(16))
            .unwrap()
            .unwrap();
        // 32 bytes that do not decrypt to valid padding under this key
        // (checked, not assumed: the assertion would fail otherwise).
        let data = [0x42u8; 32];
        let results: Vec<bool> = (0u8..8)
            .map(|k| s.decrypt(&[k; 16], &data).is_err())
            .collect();
        assert!(results.iter().filter(|e| **e).count() >= 6, "{results:?}");
        assert!(s.decrypt(&[0; 15], &data).is_err());
        assert!(s.decrypt(&[0; 16], &data[..31]).is_err());
    }
}
