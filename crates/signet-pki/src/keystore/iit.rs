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

use der::asn1::AnyRef;
use der::{Decode, Reader, Tag, Tagged};
use signet_crypto::DigestAlgorithm;
use signet_crypto::gost28147::{Gost28147, SBox};
use zeroize::Zeroizing;

use crate::PkiError;

/// The OID that marks an IIT store.
pub(super) const IIT_STORE: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("1.3.6.1.4.1.19398.1.1.1.2");

const WHAT: &str = "IIT key file (Key-6.dat)";

/// Password hashing rounds of the format.
const ROUNDS: usize = 10_000;

/// The parts of a Key-6.dat.
pub(super) struct IitStore<'a> {
    data: &'a [u8],
    pad: &'a [u8],
}

/// Reads the structure; `None` when the input is not an IIT store at all.
pub(super) fn parse(der: &[u8]) -> Result<Option<IitStore<'_>>, PkiError> {
    let Ok(outer) = AnyRef::from_der(der) else {
        return Ok(None);
    };
    let parsed = outer.sequence(|r| {
        let header: AnyRef<'_> = r.decode()?;
        let data: AnyRef<'_> = r.decode()?;
        data.tag().assert_eq(Tag::OctetString)?;
        let (kind, mac, pad) = header.sequence(|h| {
            let kind: const_oid::ObjectIdentifier = h.decode()?;
            let params: AnyRef<'_> = h.decode()?;
            let (mac, pad) = params.sequence(|p| {
                let mac: AnyRef<'_> = p.decode()?;
                mac.tag().assert_eq(Tag::OctetString)?;
                let pad: Option<AnyRef<'_>> = p.decode()?;
                Ok::<_, der::Error>((mac.value(), pad.map(|v| v.value())))
            })?;
            Ok::<_, der::Error>((kind, mac, pad))
        })?;
        Ok::<_, der::Error>((kind, mac, pad, data.value()))
    });
    let Ok((kind, mac, pad, data)) = parsed else {
        return Ok(None);
    };
    if kind != IIT_STORE {
        return Ok(None);
    }
    let pad = pad.unwrap_or_default();
    if mac.len() != 4 || pad.len() >= 8 || !(data.len() + pad.len()).is_multiple_of(8) {
        return Err(PkiError::Ber(format!(
            "malformed {WHAT}: the MAC, padding or data length is wrong"
        )));
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

    #[test]
    fn not_an_iit_store() {
        assert!(parse(&[0x30, 0x00]).unwrap().is_none());
        assert!(parse(b"garbage").unwrap().is_none());
    }
}
