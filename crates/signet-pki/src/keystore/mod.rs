//! Key containers opened with a password: what a user uploads to have
//! something signed or decrypted with the key inside.
//!
//! | container | module | where defined |
//! |---|---|---|
//! | PKCS#8 `PrivateKeyInfo` (DER, PEM `PRIVATE KEY`) | [`crate::private_key`] | [RFC 5958] |
//! | PKCS#8 `EncryptedPrivateKeyInfo` (DER, PEM `ENCRYPTED PRIVATE KEY`), PBES2 and the PKCS#12 PBEs, GOST and Ukrainian schemes included | `pbe` | [RFC 5958 section 3], [RFC 8018] |
//! | PKCS#12 `.pfx` / `.p12` | `pkcs12` | [RFC 7292] |
//! | IIT `Key-6.dat` | `iit` | the IIT software's own format |
//! | Java KeyStore `.jks` (PrivatBank) | `jks` | Sun's own format |
//!
//! The format is recognised from the bytes, not from a file name. Each
//! private key found becomes a [`KeyEntry`] with the certificates that
//! belong to it: those the container pairs with it (PKCS#12 `localKeyId`,
//! a JKS chain), then any certificate in the container whose public key is
//! the key's. Key structures inside are read by [`PrivateKey::from_der`].
//!
//! A wrong password is reported as [`PkiError::WrongPassword`]; for the
//! formats without an integrity check (Key-6.dat, GOST CFB encryption) it
//! shows as a decrypted key structure that does not parse, which is
//! reported the same way. Decrypted key material lives in
//! [`zeroize::Zeroizing`] buffers until it is parsed.
//!
//! [RFC 5958]: https://datatracker.ietf.org/doc/html/rfc5958
//! [RFC 5958 section 3]: https://datatracker.ietf.org/doc/html/rfc5958#section-3
//! [RFC 8018]: https://datatracker.ietf.org/doc/html/rfc8018
//! [RFC 7292]: https://datatracker.ietf.org/doc/html/rfc7292

mod error;
mod iit;
mod jks;
mod kalyna;
mod pbe;
mod pkcs12;

use der::asn1::AnyRef;
use der::{Decode, Reader, SliceReader, Tag, Tagged};
use zeroize::Zeroizing;

pub use error::ContainerError;

use crate::input::{InputKind, decode_one};
use crate::private_key::PrivateKey;
use crate::{Certificate, PkiError};

/// Input limits for key containers: 1 MiB in any form (real ones are a
/// few KiB; a PKCS#12 with a long chain stays under 64 KiB), one object.
pub const KEYSTORE_INPUT: InputKind = InputKind {
    what: "key container",
    pem_labels: &["ENCRYPTED PRIVATE KEY", "PRIVATE KEY", "PKCS12"],
    max_input: 1 << 20,
    max_objects: 1,
};

/// The kind of container.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// An unencrypted PKCS#8 key (or PKCS#1 / SEC1).
    Pkcs8,
    /// A password-encrypted PKCS#8 key.
    EncryptedPkcs8,
    /// PKCS#12.
    Pkcs12,
    /// IIT Key-6.dat.
    Iit,
    /// Java KeyStore.
    Jks,
}

impl Format {
    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pkcs8 => "PKCS#8",
            Format::EncryptedPkcs8 => "encrypted PKCS#8",
            Format::Pkcs12 => "PKCS#12",
            Format::Iit => "IIT Key-6.dat",
            Format::Jks => "JKS",
        }
    }
}

/// One private key from a container.
#[derive(Debug)]
pub struct KeyEntry {
    /// The key.
    pub key: PrivateKey,
    /// Its certificates, the key's own first when the container says which.
    pub certificates: Vec<Certificate>,
    /// The name the container gives it (PKCS#12 friendlyName, JKS alias).
    pub alias: Option<String>,
    /// What the container says the key is for, when it says so (IIT's
    /// Key-6.dat keeps a signing key and a key-agreement key); otherwise
    /// its certificate's keyUsage tells.
    pub purpose: Option<KeyPurpose>,
}

/// What a key is used for, as Cipher BIS's `keyType` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyPurpose {
    /// Signing (keyUsage digitalSignature or nonRepudiation).
    Signature,
    /// Key agreement or key transport (keyUsage keyAgreement,
    /// keyEncipherment or dataEncipherment).
    KeyAgreement,
}

impl KeyPurpose {
    /// `signature` or `keyAgreement`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "signature" => Some(KeyPurpose::Signature),
            "keyAgreement" => Some(KeyPurpose::KeyAgreement),
            _ => None,
        }
    }

    /// Whether a certificate allows this use: a certificate without
    /// keyUsage allows any.
    pub fn allowed_by(self, cert: &Certificate) -> bool {
        use crate::extensions::KeyUsage;
        let Some(ku) = cert.fields().extensions.key_usage else {
            return true;
        };
        match self {
            KeyPurpose::Signature => {
                ku.has(KeyUsage::DIGITAL_SIGNATURE) || ku.has(KeyUsage::NON_REPUDIATION)
            }
            KeyPurpose::KeyAgreement => {
                ku.has(KeyUsage::KEY_AGREEMENT)
                    || ku.has(KeyUsage::KEY_ENCIPHERMENT)
                    || ku.has(KeyUsage::DATA_ENCIPHERMENT)
            }
        }
    }
}

impl KeyEntry {
    /// The key's own certificate: the first one paired with it.
    pub fn certificate(&self) -> Option<&Certificate> {
        self.certificates.first()
    }

    /// Whether the key serves `purpose`: as the container says, else as its
    /// certificate allows; a key with neither counts as a signing key.
    pub fn serves(&self, purpose: KeyPurpose) -> bool {
        match (self.purpose, self.certificate()) {
            (Some(p), _) => p == purpose,
            (None, Some(cert)) => purpose.allowed_by(cert),
            (None, None) => purpose == KeyPurpose::Signature,
        }
    }
}

/// An opened container.
#[derive(Debug)]
pub struct KeyStore {
    /// What it was.
    pub format: Format,
    /// The private keys, in container order.
    pub keys: Vec<KeyEntry>,
    /// Every certificate the container carries.
    pub certificates: Vec<Certificate>,
}

/// Opens a key container with its password (ignored for unencrypted
/// PKCS#8).
pub fn open(input: &[u8], password: &str) -> Result<KeyStore, PkiError> {
    if input.len() > KEYSTORE_INPUT.max_input {
        return Err(PkiError::TooLarge {
            what: KEYSTORE_INPUT.what,
            len: input.len(),
            limit: KEYSTORE_INPUT.max_input,
        });
    }
    if let Some(store) = jks::strip(input) {
        return open_jks(store, password);
    }
    let der = Zeroizing::new(decode_one(input, &KEYSTORE_INPUT)?);
    if pkcs12::looks_like(&der) {
        return open_pkcs12(&der, password);
    }
    if let Some(store) = iit::parse(&der)? {
        let key_der = store.decrypt(password)?;
        let key = parse_decrypted(&key_der, iit::NAME)?;
        return Ok(split_iit(key));
    }
    if is_encrypted_pkcs8(&der) {
        let key_der = pbe::decrypt_private_key_info(&der, password, "encrypted private key")?;
        let key = parse_decrypted(&key_der, "encrypted private key")?;
        return Ok(single(Format::EncryptedPkcs8, key));
    }
    Ok(single(Format::Pkcs8, PrivateKey::from_der(&der)?))
}

fn single(format: Format, key: PrivateKey) -> KeyStore {
    KeyStore {
        format,
        keys: vec![KeyEntry {
            key,
            certificates: Vec::new(),
            alias: None,
            purpose: None,
        }],
        certificates: Vec::new(),
    }
}

/// An IIT key with its key-agreement key beside it as a second entry.
fn split_iit(mut key: PrivateKey) -> KeyStore {
    let agreement = match &mut key {
        PrivateKey::Dstu4145(k) => k.take_agreement_key(),
        _ => None,
    };
    let mut store = single(Format::Iit, key);
    if let Some(agreement) = agreement {
        store.keys[0].purpose = Some(KeyPurpose::Signature);
        store.keys.push(KeyEntry {
            key: PrivateKey::Dstu4145(agreement),
            certificates: Vec::new(),
            alias: None,
            purpose: Some(KeyPurpose::KeyAgreement),
        });
    }
    store
}

/// An `EncryptedPrivateKeyInfo` under a password-based scheme.
fn is_encrypted_pkcs8(der: &[u8]) -> bool {
    pbe::EncryptedPrivateKeyInfo::from_der(der)
        .is_ok_and(|info| pbe::is_password_based(&info.encryption_algorithm.oid))
}

/// Parses a decrypted key structure; a structure that does not parse means
/// the password was wrong (or the container damaged).
fn parse_decrypted(der: &[u8], what: &'static str) -> Result<PrivateKey, PkiError> {
    if !looks_like_der(der) {
        return Err(PkiError::WrongPassword(what));
    }
    PrivateKey::from_der(der).map_err(|e| match e {
        PkiError::Der { .. } | PkiError::PrivateKey(_) => PkiError::WrongPassword(what),
        other => other,
    })
}

/// Whether the bytes are exactly one DER SEQUENCE.
fn looks_like_der(der: &[u8]) -> bool {
    SliceReader::new(der)
        .and_then(|mut r| {
            let any: AnyRef<'_> = r.decode()?;
            Ok(any.tag() == Tag::Sequence && r.is_finished())
        })
        .unwrap_or(false)
}

fn certificates(ders: Vec<Vec<u8>>) -> Result<Vec<Certificate>, PkiError> {
    ders.into_iter().map(Certificate::from_der).collect()
}

fn open_pkcs12(der: &[u8], password: &str) -> Result<KeyStore, PkiError> {
    let contents = pkcs12::open(der, password)?;
    let mut all = Vec::with_capacity(contents.certificates.len());
    let mut ids = Vec::with_capacity(contents.certificates.len());
    for bag in contents.certificates {
        all.push(Certificate::from_der(bag.der)?);
        ids.push(bag.local_key_id);
    }
    let mut keys = Vec::with_capacity(contents.keys.len());
    for bag in contents.keys {
        let key = parse_decrypted(&bag.der, pkcs12::NAME)?;
        let mut own: Vec<Certificate> = all
            .iter()
            .zip(&ids)
            .filter(|(_, id)| bag.local_key_id.is_some() && **id == bag.local_key_id)
            .map(|(c, _)| c.clone())
            .collect();
        add_matching(&key, &all, &mut own);
        keys.push(KeyEntry {
            key,
            certificates: own,
            alias: bag.name,
            purpose: None,
        });
    }
    Ok(KeyStore {
        format: Format::Pkcs12,
        keys,
        certificates: all,
    })
}

fn open_jks(store: &[u8], password: &str) -> Result<KeyStore, PkiError> {
    let contents = jks::open(store, password)?;
    let mut all = certificates(contents.trusted)?;
    let mut keys = Vec::with_capacity(contents.keys.len());
    for entry in contents.keys {
        let key = parse_decrypted(&entry.key_der, jks::NAME)?;
        let chain = certificates(entry.chain)?;
        all.extend(chain.iter().cloned());
        keys.push(KeyEntry {
            key,
            certificates: chain,
            alias: Some(entry.alias),
            purpose: None,
        });
    }
    Ok(KeyStore {
        format: Format::Jks,
        keys,
        certificates: all,
    })
}

/// Appends the certificates of `all` whose public key is `key`'s and that
/// are not in `own` yet.
fn add_matching<C: std::borrow::Borrow<Certificate>>(
    key: &PrivateKey,
    all: &[C],
    own: &mut Vec<Certificate>,
) {
    for cert in all.iter().map(C::borrow) {
        if key.matches(cert) && !own.iter().any(|c| c.der() == cert.der()) {
            own.push(cert.clone());
        }
    }
}

impl KeyStore {
    /// The first key that serves `purpose`.
    pub fn key_for(&self, purpose: KeyPurpose) -> Option<&KeyEntry> {
        self.keys.iter().find(|k| k.serves(purpose))
    }

    /// Pairs keys that have no certificate yet with those of `candidates`
    /// (a trust store, certificates uploaded beside the container) whose
    /// public key is theirs.
    pub fn match_certificates<'a>(
        &mut self,
        candidates: impl IntoIterator<Item = &'a Certificate>,
    ) {
        let candidates: Vec<&Certificate> = candidates.into_iter().collect();
        for entry in &mut self.keys {
            add_matching(&entry.key, &candidates, &mut entry.certificates);
        }
    }
}
