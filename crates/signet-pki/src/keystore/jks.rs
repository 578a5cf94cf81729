//! Java KeyStore (JKS), as PrivatBank issues Ukrainian keys and as `keytool
//! -storetype JKS` writes.
//!
//! The format is Sun's (`sun.security.provider.JavaKeyStore`; no RFC):
//!
//! ```text
//! u32 0xFEEDFEED, u32 version (1 or 2), u32 count
//! count × entry:
//!   u32 tag: 1 = private key, 2 = trusted certificate
//!   UTF alias (u16 length + modified UTF-8), u64 creation time (ms)
//!   tag 1: u32 length, EncryptedPrivateKeyInfo; u32 chain length;
//!          per certificate: [v2: UTF type] u32 length, DER
//!   tag 2: [v2: UTF type] u32 length, DER
//! 20 bytes: SHA-1(password as UTF-16BE ‖ "Mighty Aphrodite" ‖ everything above)
//! ```
//!
//! Private keys are protected by Sun's own scheme (OID
//! 1.3.6.1.4.1.42.2.17.1.1, `KeyProtector`): `salt(20) ‖ E ‖ check(20)`,
//! where the keystream is `d_i = SHA-1(pw ‖ d_{i−1})`, `d_0 = salt`, and
//! `check = SHA-1(pw ‖ plaintext)`. The same password opens the store and
//! its keys. Files from PrivatBank that carry six bytes before the magic
//! number (the `jkurwa` loader skips them too) are read as well.

use der::Decode;
use sha1::{Digest, Sha1};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::ContainerError;
use super::pbe::EncryptedPrivateKeyInfo;
use crate::PkiError;
use crate::oid::ids;

pub(super) const NAME: &str = "Java keystore (JKS)";

const MAGIC: [u8; 4] = [0xFE, 0xED, 0xFE, 0xED];
/// Most entries, and certificates per chain, read from one store.
const MAX_ENTRIES: usize = 256;

/// A private-key entry: the decrypted key structure and its chain.
pub(super) struct KeyEntry {
    pub alias: String,
    pub key_der: Zeroizing<Vec<u8>>,
    pub chain: Vec<Vec<u8>>,
}

/// What a JKS holds.
#[derive(Default)]
pub(super) struct Contents {
    pub keys: Vec<KeyEntry>,
    pub trusted: Vec<Vec<u8>>,
}

/// The store without a leading prefix, when the input is a JKS.
pub(super) fn strip(input: &[u8]) -> Option<&[u8]> {
    if input.starts_with(&MAGIC) {
        Some(input)
    } else if input.first() == Some(&0x51) && input.get(6..10) == Some(&MAGIC[..]) {
        Some(&input[6..])
    } else {
        None
    }
}

/// Big-endian reader over the store.
struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], PkiError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or(ContainerError::JksTruncated)?;
        let out = &self.data[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    fn u16(&mut self) -> Result<usize, PkiError> {
        let b = self.take(2)?;
        Ok(usize::from(u16::from_be_bytes([b[0], b[1]])))
    }

    fn u32(&mut self) -> Result<usize, PkiError> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn utf(&mut self) -> Result<String, PkiError> {
        let len = self.u16()?;
        Ok(String::from_utf8_lossy(self.take(len)?).into_owned())
    }

    fn blob(&mut self) -> Result<&'a [u8], PkiError> {
        let len = self.u32()?;
        self.take(len)
    }
}

/// The password as Java's key protector and store digest see it: each
/// UTF-16 code unit as two big-endian bytes.
fn password_bytes(password: &str) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(password.encode_utf16().flat_map(u16::to_be_bytes).collect())
}

/// Reads the store, checking its digest, and decrypts every key.
pub(super) fn open(store: &[u8], password: &str) -> Result<Contents, PkiError> {
    let pw = password_bytes(password);
    let body_len = store
        .len()
        .checked_sub(20)
        .ok_or(ContainerError::JksTooShort)?;
    let (body, digest) = store.split_at(body_len);
    let mut h = Sha1::new();
    h.update(&pw[..]);
    h.update(b"Mighty Aphrodite");
    h.update(body);
    if !bool::from(h.finalize().as_slice().ct_eq(digest)) {
        return Err(PkiError::WrongPassword(NAME));
    }
    let mut c = Cursor { data: body, pos: 0 };
    if c.take(4)? != MAGIC {
        return Err(ContainerError::JksMagic.into());
    }
    let version = c.u32()?;
    if version != 1 && version != 2 {
        return Err(PkiError::Unsupported(format!("JKS version {version}")));
    }
    let count = c.u32()?;
    if count > MAX_ENTRIES {
        return Err(PkiError::TooMany { limit: MAX_ENTRIES });
    }
    let mut out = Contents::default();
    for _ in 0..count {
        let tag = c.u32()?;
        let alias = c.utf()?;
        c.take(8)?;
        match tag {
            1 => {
                let protected = c.blob()?;
                let key_der = recover_key(protected, &pw)?;
                let chain_len = c.u32()?;
                if chain_len > MAX_ENTRIES {
                    return Err(PkiError::TooMany { limit: MAX_ENTRIES });
                }
                let mut chain = Vec::with_capacity(chain_len);
                for _ in 0..chain_len {
                    if version == 2 {
                        c.utf()?;
                    }
                    chain.push(c.blob()?.to_vec());
                }
                out.keys.push(KeyEntry {
                    alias,
                    key_der,
                    chain,
                });
            }
            2 => {
                if version == 2 {
                    c.utf()?;
                }
                out.trusted.push(c.blob()?.to_vec());
            }
            other => return Err(ContainerError::JksEntryTag(other).into()),
        }
    }
    if c.pos != body.len() {
        return Err(ContainerError::JksTrailingBytes.into());
    }
    Ok(out)
}

/// Sun's `KeyProtector.recover`.
fn recover_key(protected: &[u8], pw: &[u8]) -> Result<Zeroizing<Vec<u8>>, PkiError> {
    let info = EncryptedPrivateKeyInfo::from_der(protected).map_err(PkiError::der(NAME))?;
    let alg = info.encryption_algorithm.oid;
    if alg != ids::JKS_KEY_PROTECTOR {
        return Err(PkiError::Unsupported(format!(
            "JKS keys protected with {}",
            crate::oid::name_of(&alg)
        )));
    }
    let data = info.encrypted_data.as_bytes();
    if data.len() < 40 {
        return Err(ContainerError::JksProtectedKeyTooShort.into());
    }
    let (salt, rest) = data.split_at(20);
    let (encrypted, check) = rest.split_at(rest.len() - 20);
    let mut plain = Zeroizing::new(encrypted.to_vec());
    let mut d = Zeroizing::new([0u8; 20]);
    d.copy_from_slice(salt);
    for chunk in plain.chunks_mut(20) {
        let mut h = Sha1::new();
        h.update(pw);
        h.update(&d[..]);
        d.copy_from_slice(&h.finalize());
        for (p, k) in chunk.iter_mut().zip(d.iter()) {
            *p ^= k;
        }
    }
    let mut h = Sha1::new();
    h.update(pw);
    h.update(&plain[..]);
    if !bool::from(h.finalize().as_slice().ct_eq(check)) {
        return Err(PkiError::WrongPassword(NAME));
    }
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_finds_the_magic_number() {
        assert!(strip(&[0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2]).is_some());
        assert_eq!(
            strip(&[0x51, 1, 2, 3, 4, 5, 0xFE, 0xED, 0xFE, 0xED]).map(<[u8]>::len),
            Some(4)
        );
        assert!(strip(b"0\x82").is_none());
    }

    #[test]
    fn truncated_stores_are_errors_not_panics() {
        let pw = password_bytes("pw");
        let mut store = MAGIC.to_vec();
        store.extend_from_slice(&[0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1]);
        let mut h = Sha1::new();
        h.update(&pw[..]);
        h.update(b"Mighty Aphrodite");
        h.update(&store);
        store.extend_from_slice(&h.finalize());
        assert!(matches!(
            open(&store, "pw"),
            Err(PkiError::Container(ContainerError::JksTruncated))
        ));
        assert!(matches!(
            open(&store, "other"),
            Err(PkiError::WrongPassword(_))
        ));
    }
}
