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
use der::asn1::AnyRef;
use der::{Reader, Tag, Tagged};
use signet_crypto::kalyna::modes::{Ctr, Ofb, cbc_decrypt, cfb_decrypt, pkcs7_unpadded_len};
use signet_crypto::kalyna::{Kalyna, KalynaError};
use zeroize::Zeroizing;

use crate::PkiError;

/// The DSTU 7624 arc.
const ARC: &str = "1.2.804.2.1.1.1.1.1.3.";

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

fn malformed(what: &str) -> PkiError {
    PkiError::Ber(format!("malformed DSTU 7624 encryption parameters: {what}"))
}

impl KalynaScheme {
    /// Reads the scheme; `Ok(None)` when `oid` is not under the DSTU 7624
    /// arc.
    pub(super) fn read(
        oid: &ObjectIdentifier,
        params: Option<AnyRef<'_>>,
    ) -> Result<Option<KalynaScheme>, PkiError> {
        let text = oid.to_string();
        let Some(rest) = text.strip_prefix(ARC) else {
            return Ok(None);
        };
        let unsupported =
            || PkiError::Unsupported(format!("keys encrypted with {}", crate::oid::name_of(oid)));
        let (mode, size) = rest.split_once('.').ok_or_else(unsupported)?;
        let mode = match mode {
            "2" => Mode::Ctr,
            "3" => Mode::Cfb,
            "5" => Mode::Cbc,
            "6" => Mode::Ofb,
            _ => return Err(unsupported()),
        };
        let block_len = match size {
            "1" => 16,
            "2" => 32,
            "3" => 64,
            _ => return Err(unsupported()),
        };
        let params = params.ok_or_else(|| malformed("the IV is missing"))?;
        let iv = match params.tag() {
            Tag::OctetString => params.value(),
            Tag::Sequence => params
                .sequence(|r| {
                    let iv: AnyRef<'_> = r.decode()?;
                    iv.tag().assert_eq(Tag::OctetString)?;
                    Ok::<_, der::Error>(iv.value())
                })
                .map_err(|_| malformed("expected SEQUENCE { iv OCTET STRING }"))?,
            _ => return Err(malformed("expected SEQUENCE { iv OCTET STRING }")),
        };
        if iv.len() != block_len {
            return Err(malformed("the IV is not one block long"));
        }
        Ok(Some(KalynaScheme {
            mode,
            block_len,
            iv: iv.to_vec(),
        }))
    }

    /// The key length: PBKDF2's `keyLength` when the standard allows it for
    /// this block, else the block length.
    pub(super) fn key_len(&self, asked: Option<u32>) -> Result<usize, PkiError> {
        match asked.map(|n| n as usize) {
            None => Ok(self.block_len),
            Some(n) if n == self.block_len || (n == 2 * self.block_len && self.block_len < 64) => {
                Ok(n)
            }
            Some(_) => Err(malformed("the PBKDF2 key length does not fit the cipher")),
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
    use der::Decode;

    fn read(oid: &str, params: &[u8]) -> Result<Option<KalynaScheme>, PkiError> {
        let oid = ObjectIdentifier::new(oid).unwrap();
        let any = AnyRef::from_der(params).ok();
        KalynaScheme::read(&oid, any)
    }

    fn seq_iv(len: usize) -> Vec<u8> {
        let mut v = vec![0x30, (len + 2) as u8, 0x04, len as u8];
        v.extend(std::iter::repeat_n(0xA5, len));
        v
    }

    #[test]
    fn oids_and_parameters() {
        assert!(
            read("1.2.804.2.1.1.1.1.1.1.3", &seq_iv(8))
                .unwrap()
                .is_none()
        );
        let s = read("1.2.804.2.1.1.1.1.1.3.5.2", &seq_iv(32))
            .unwrap()
            .unwrap();
        assert_eq!((s.mode, s.block_len), (Mode::Cbc, 32));
        assert_eq!(s.key_len(None).unwrap(), 32);
        assert_eq!(s.key_len(Some(64)).unwrap(), 64);
        assert!(s.key_len(Some(16)).is_err());
        let s = read(
            "1.2.804.2.1.1.1.1.1.3.2.3",
            &[0x04, 0x40]
                .iter()
                .copied()
                .chain([0; 64])
                .collect::<Vec<_>>(),
        )
        .unwrap()
        .unwrap();
        assert_eq!((s.mode, s.block_len), (Mode::Ctr, 64));
        assert!(s.key_len(Some(128)).is_err());
        // Wrong IV length, a DKE after the IV, ECB, KW, an unknown size.
        assert!(matches!(
            read("1.2.804.2.1.1.1.1.1.3.5.2", &seq_iv(16)),
            Err(PkiError::Ber(_))
        ));
        let mut with_dke = seq_iv(32);
        with_dke[1] += 3;
        with_dke.extend([0x04, 0x01, 0x00]);
        assert!(matches!(
            read("1.2.804.2.1.1.1.1.1.3.5.2", &with_dke),
            Err(PkiError::Ber(_))
        ));
        for oid in [
            "1.2.804.2.1.1.1.1.1.3.1.1",
            "1.2.804.2.1.1.1.1.1.3.10.2",
            "1.2.804.2.1.1.1.1.1.3.5.4",
            "1.2.804.2.1.1.1.1.1.3.5",
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
