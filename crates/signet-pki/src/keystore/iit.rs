//! IIT `Key-6.dat`, the key file of the Ukrainian "ІІТ Користувач ЦСК"
//! software.
//!
//! ```text
//! StoreIIT ::= SEQUENCE {
//!   cryptParam SEQUENCE {
//!     cryptType  OBJECT IDENTIFIER,   -- 1.3.6.1.4.1.19398.1.1.1.2
//!     params     SEQUENCE { mac OCTET STRING (4), pad OCTET STRING OPTIONAL } },
//!   cryptData OCTET STRING }
//! ```
//!
//! The format has no public specification; this follows the readers that
//! interoperate with IIT's software: the `jkurwa` and `gost89` npm packages
//! (`lib/spec/keystore.js`, `compat.ts`) and the `uakeylib` C library
//! (`key6.c`). The key is GOST 34.311-95 of the password, re-hashed 9 999
//! times (each time over the 32-byte previous value), both with the DKE №1
//! S-box; `cryptData ‖ pad` is decrypted with GOST 28147 in ECB mode under
//! that key and the S-box; the first `len(cryptData)` bytes are the key
//! structure, a PKCS#8-shaped `DstuPrivkey` (see [`crate::private_key`]).
//!
//! The 4-byte `mac` is not checked: none of those readers knows how it is
//! computed. A wrong password is caught instead by the decrypted bytes not
//! being a key structure (and, in [`super::open`], by the key not matching
//! its certificate when one is given).

use const_oid::ObjectIdentifier;
use der::asn1::OctetStringRef;
use der::{Decode, Sequence};
use signet_crypto::DigestAlgorithm;
use signet_crypto::gost28147::{Gost28147, SBox};
use zeroize::Zeroizing;

use super::ContainerError;
use crate::PkiError;
use crate::oid::ids;

const WHAT: &str = "IIT key file (Key-6.dat)";

/// Password hashing rounds of the format.
const ROUNDS: usize = 10_000;

/// `StoreIIT`, the outer structure (the ASN.1 is in the module
/// documentation).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct StoreIit<'a> {
    crypt_param: CryptParam<'a>,
    crypt_data: &'a OctetStringRef,
}

/// `cryptParam`: the store type and its encryption parameters.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct CryptParam<'a> {
    crypt_type: ObjectIdentifier,
    params: IitParams<'a>,
}

/// `SEQUENCE { mac OCTET STRING (4), pad OCTET STRING OPTIONAL }`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct IitParams<'a> {
    mac: &'a OctetStringRef,
    pad: Option<&'a OctetStringRef>,
}

/// The parts of a Key-6.dat.
pub(super) struct IitStore<'a> {
    data: &'a [u8],
    pad: &'a [u8],
}

/// Reads the structure; `None` when the input is not an IIT store at all.
pub(super) fn parse(der: &[u8]) -> Result<Option<IitStore<'_>>, PkiError> {
    let Ok(store) = StoreIit::from_der(der) else {
        return Ok(None);
    };
    if store.crypt_param.crypt_type != ids::IIT_STORE {
        return Ok(None);
    }
    let (mac, data) = (store.crypt_param.params.mac, store.crypt_data.as_bytes());
    let pad = store
        .crypt_param
        .params
        .pad
        .map_or(&[][..], OctetStringRef::as_bytes);
    if mac.as_bytes().len() != 4 || pad.len() >= 8 || !(data.len() + pad.len()).is_multiple_of(8) {
        return Err(ContainerError::IitLayout.into());
    }
    Ok(Some(IitStore { data, pad }))
}

/// The password hash of the format.
fn key_from_password(password: &str) -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&DigestAlgorithm::Gost34311Ua.digest(password.as_bytes()));
    for _ in 1..ROUNDS {
        let next = Zeroizing::new(DigestAlgorithm::Gost34311Ua.digest(&key[..]));
        key.copy_from_slice(&next);
    }
    key
}

impl IitStore<'_> {
    /// Decrypts the key structure. The result is not checked here.
    pub(super) fn decrypt(&self, password: &str) -> Result<Zeroizing<Vec<u8>>, PkiError> {
        let key = key_from_password(password);
        let cipher = Gost28147::new(&key, &SBox::UA_DKE_1);
        let mut buf = Zeroizing::new([self.data, self.pad].concat());
        cipher
            .decrypt_ecb(&mut buf)
            .map_err(|_| PkiError::WrongPassword(WHAT))?;
        buf.truncate(self.data.len());
        Ok(buf)
    }
}

/// The name of the container in errors.
pub(super) const NAME: &str = WHAT;

#[cfg(test)]
mod tests {
    use super::*;

    use der::Encode;

    fn store(kind: ObjectIdentifier, mac: &[u8], pad: Option<&[u8]>, data: &[u8]) -> Vec<u8> {
        StoreIit {
            crypt_param: CryptParam {
                crypt_type: kind,
                params: IitParams {
                    mac: OctetStringRef::new(mac).unwrap(),
                    pad: pad.map(|p| OctetStringRef::new(p).unwrap()),
                },
            },
            crypt_data: OctetStringRef::new(data).unwrap(),
        }
        .to_der()
        .unwrap()
    }

    #[test]
    fn not_an_iit_store() {
        assert!(parse(&[0x30, 0x00]).unwrap().is_none());
        assert!(parse(b"garbage").unwrap().is_none());
        let other = store(ids::JKS_KEY_PROTECTOR, &[0; 4], None, &[0; 8]);
        assert!(parse(&other).unwrap().is_none());
    }

    #[test]
    fn store_round_trips_and_lengths_are_checked() {
        let der = store(ids::IIT_STORE, &[1, 2, 3, 4], Some(&[0; 3]), &[7; 13]);
        assert_eq!(StoreIit::from_der(&der).unwrap().to_der().unwrap(), der);
        let parsed = parse(&der).unwrap().unwrap();
        assert_eq!((parsed.data.len(), parsed.pad.len()), (13, 3));
        for bad in [
            store(ids::IIT_STORE, &[1, 2, 3], None, &[7; 8]),
            store(ids::IIT_STORE, &[1, 2, 3, 4], Some(&[0; 8]), &[7; 8]),
            store(ids::IIT_STORE, &[1, 2, 3, 4], None, &[7; 9]),
        ] {
            assert!(matches!(
                parse(&bad),
                Err(PkiError::Container(ContainerError::IitLayout))
            ));
        }
    }
}
