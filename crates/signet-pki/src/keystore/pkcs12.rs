//! PKCS#12 (`.pfx`, `.p12`) in password-integrity mode, [RFC 7292].
//!
//! ```text
//! PFX ::= SEQUENCE {
//!   version    INTEGER {v3(3)},
//!   authSafe   ContentInfo,          -- id-data
//!   macData    MacData OPTIONAL }
//! MacData ::= SEQUENCE {
//!   mac        DigestInfo,
//!   macSalt    OCTET STRING,
//!   iterations INTEGER DEFAULT 1 }
//! AuthenticatedSafe ::= SEQUENCE OF ContentInfo   -- id-data or id-encryptedData
//! SafeContents ::= SEQUENCE OF SafeBag
//! SafeBag ::= SEQUENCE {
//!   bagId          OBJECT IDENTIFIER,
//!   bagValue       [0] EXPLICIT ANY,
//!   bagAttributes  SET OF PKCS12Attribute OPTIONAL }
//! CertBag ::= SEQUENCE { certId OBJECT IDENTIFIER, certValue [0] EXPLICIT ANY }
//! ```
//!
//! Read: keyBag, pkcs8ShroudedKeyBag (see [`super::pbe`] for the
//! schemes), certBag with X.509 certificates, nested safeContentsBag (depth
//! 4), and the friendlyName and localKeyId attributes that pair keys with
//! certificates. CRL and secret bags are skipped. Public-key integrity and
//! privacy modes (a SignedData authSafe, EnvelopedData contents) are refused
//! as not supported.
//!
//! The MAC is checked before anything is decrypted: HMAC over the
//! authSafe content with the key from the PKCS#12 KDF (RFC 7292 appendix
//! B) and the BMPString password; for the GOST digests, the key is the last
//! 32 of 96 bytes of PBKDF2 with HMAC over that digest (TC 26's rule, as
//! OpenSSL and gost-engine make it). UAPKI's Ukrainian PFX name the MAC
//! by a DSTU 7564 (Kupyna) OID: under Kupyna-256's digest OID
//! (`1.2.804.2.1.1.1.1.2.2.1`) the MAC is Kupyna-256's KMAC keyed with the
//! 32 bytes of the PKCS#12 KDF over Kupyna-256; under the other Kupyna
//! OIDs, HMAC with that Kupyna (UAPKI's `pkcs12_get_data_and_calc_mac`).
//!
//! [RFC 7292]: https://datatracker.ietf.org/doc/html/rfc7292

use const_oid::ObjectIdentifier;
use der::asn1::AnyRef;
use der::{Decode, Reader, SliceReader, Tag, TagNumber, Tagged};
use signet_crypto::DigestAlgorithm;
use signet_crypto::kupyna::kmac::kmac256;
use signet_crypto::password::{Pkcs12Purpose, hmac, pbkdf2_hmac, pkcs12_kdf, pkcs12_password};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::pbe;
use crate::PkiError;

const fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(s)
}

const ID_DATA: ObjectIdentifier = oid("1.2.840.113549.1.7.1");
const ID_ENCRYPTED_DATA: ObjectIdentifier = oid("1.2.840.113549.1.7.6");
const KEY_BAG: ObjectIdentifier = oid("1.2.840.113549.1.12.10.1.1");
const SHROUDED_KEY_BAG: ObjectIdentifier = oid("1.2.840.113549.1.12.10.1.2");
const CERT_BAG: ObjectIdentifier = oid("1.2.840.113549.1.12.10.1.3");
const SAFE_CONTENTS_BAG: ObjectIdentifier = oid("1.2.840.113549.1.12.10.1.6");
const X509_CERTIFICATE: ObjectIdentifier = oid("1.2.840.113549.1.9.22.1");
const FRIENDLY_NAME: ObjectIdentifier = oid("1.2.840.113549.1.9.20");
const LOCAL_KEY_ID: ObjectIdentifier = oid("1.2.840.113549.1.9.21");
/// DSTU 7564 Kupyna-256 as a MAC algorithm: its KMAC
/// ([`signet_crypto::kupyna::kmac`]), as UAPKI's `pkcs12_calc_dstu7564kmac`.
const KUPYNA256: ObjectIdentifier = oid("1.2.804.2.1.1.1.1.2.2.1");

pub(super) const NAME: &str = "PKCS#12 file";

/// Deepest nesting of safeContentsBag.
const MAX_DEPTH: usize = 4;
/// Most bags read from one file.
const MAX_BAGS: usize = 256;

/// A private key found in the file, still in DER.
pub(super) struct KeyBag {
    pub der: Zeroizing<Vec<u8>>,
    pub name: Option<String>,
    pub local_key_id: Option<Vec<u8>>,
}

/// A certificate found in the file.
pub(super) struct CertBag {
    pub der: Vec<u8>,
    pub local_key_id: Option<Vec<u8>>,
}

/// What a PFX holds.
#[derive(Default)]
pub(super) struct Contents {
    pub keys: Vec<KeyBag>,
    pub certificates: Vec<CertBag>,
}

fn malformed(what: &str) -> PkiError {
    PkiError::Ber(format!("malformed {NAME}: {what}"))
}

fn context(n: u8, constructed: bool) -> Tag {
    Tag::ContextSpecific {
        constructed,
        number: TagNumber(n.into()),
    }
}

/// Whether the DER looks like a PFX: `SEQUENCE { INTEGER 3, SEQUENCE … }`.
pub(super) fn looks_like(der: &[u8]) -> bool {
    AnyRef::from_der(der)
        .and_then(|outer| {
            outer.sequence(|r| {
                let version: u8 = r.decode()?;
                let next: AnyRef<'_> = r.decode()?;
                while !r.is_finished() {
                    let _: AnyRef<'_> = r.decode()?;
                }
                Ok::<_, der::Error>(version == 3 && next.tag() == Tag::Sequence)
            })
        })
        .unwrap_or(false)
}

/// Opens a PFX: checks the MAC, decrypts, and returns keys and certificates.
pub(super) fn open(der: &[u8], password: &str) -> Result<Contents, PkiError> {
    let pfx = AnyRef::from_der(der).map_err(PkiError::der(NAME))?;
    let (auth_safe, mac_data) = pfx
        .sequence(|r| {
            let _version: u8 = r.decode()?;
            let auth_safe: AnyRef<'_> = r.decode()?;
            let mac_data: Option<AnyRef<'_>> = r.decode()?;
            Ok::<_, der::Error>((auth_safe, mac_data))
        })
        .map_err(PkiError::der(NAME))?;
    let (content_type, content) = content_info(auth_safe)?;
    if content_type != ID_DATA {
        return Err(PkiError::Unsupported(format!(
            "PKCS#12 files in public-key integrity mode ({})",
            crate::oid::name_of(&content_type)
        )));
    }
    let safe = octet_string(content)?;
    if let Some(mac) = mac_data {
        check_mac(mac, safe, password)?;
    }
    let mut out = Contents::default();
    let mut reader = SliceReader::new(safe).map_err(PkiError::der(NAME))?;
    let seq: AnyRef<'_> = reader.decode().map_err(PkiError::der(NAME))?;
    let mut items = SliceReader::new(seq.value()).map_err(PkiError::der(NAME))?;
    while !items.is_finished() {
        let info: AnyRef<'_> = items.decode().map_err(PkiError::der(NAME))?;
        let (kind, content) = content_info(info)?;
        match kind {
            ID_DATA => {
                let bags = octet_string(content)?;
                read_safe_contents(bags, password, 0, &mut out)?;
            }
            ID_ENCRYPTED_DATA => {
                let plain = encrypted_data(content, password)?;
                read_safe_contents(&plain, password, 0, &mut out)?;
            }
            other => {
                return Err(PkiError::Unsupported(format!(
                    "PKCS#12 contents of type {}",
                    crate::oid::name_of(&other)
                )));
            }
        }
    }
    Ok(out)
}

/// `ContentInfo ::= SEQUENCE { contentType, content [0] EXPLICIT ANY }`.
fn content_info(any: AnyRef<'_>) -> Result<(ObjectIdentifier, AnyRef<'_>), PkiError> {
    any.sequence(|r| {
        let kind: ObjectIdentifier = r.decode()?;
        let wrapped: AnyRef<'_> = r.decode()?;
        wrapped.tag().assert_eq(context(0, true))?;
        let inner = AnyRef::from_der(wrapped.value())?;
        Ok::<_, der::Error>((kind, inner))
    })
    .map_err(PkiError::der(NAME))
}

fn octet_string(any: AnyRef<'_>) -> Result<&[u8], PkiError> {
    any.tag()
        .assert_eq(Tag::OctetString)
        .map_err(PkiError::der(NAME))?;
    Ok(any.value())
}

/// The MAC digest, by the DigestInfo's algorithm OID.
fn mac_digest(oid: &ObjectIdentifier) -> Option<DigestAlgorithm> {
    Some(match oid.to_string().as_str() {
        "1.3.14.3.2.26" => DigestAlgorithm::Sha1,
        "2.16.840.1.101.3.4.2.4" => DigestAlgorithm::Sha224,
        "2.16.840.1.101.3.4.2.1" => DigestAlgorithm::Sha256,
        "2.16.840.1.101.3.4.2.2" => DigestAlgorithm::Sha384,
        "2.16.840.1.101.3.4.2.3" => DigestAlgorithm::Sha512,
        "1.2.643.7.1.1.2.2" => DigestAlgorithm::Streebog256,
        "1.2.643.7.1.1.2.3" => DigestAlgorithm::Streebog512,
        "1.2.643.2.2.9" => DigestAlgorithm::Gost94CryptoPro,
        "1.2.804.2.1.1.1.1.2.1" => DigestAlgorithm::Gost34311Ua,
        // DSTU 7564 (Kupyna) by its digest OIDs and its MAC OIDs; for
        // Kupyna-256's digest OID UAPKI computes its KMAC instead of HMAC
        // (see `check_mac`).
        "1.2.804.2.1.1.1.1.2.2.1" | "1.2.804.2.1.1.1.1.2.2.4" => DigestAlgorithm::Kupyna256,
        "1.2.804.2.1.1.1.1.2.2.2" | "1.2.804.2.1.1.1.1.2.2.5" => DigestAlgorithm::Kupyna384,
        "1.2.804.2.1.1.1.1.2.2.3" | "1.2.804.2.1.1.1.1.2.2.6" => DigestAlgorithm::Kupyna512,
        _ => return None,
    })
}

fn check_mac(mac_data: AnyRef<'_>, safe: &[u8], password: &str) -> Result<(), PkiError> {
    let (alg, expected, salt, iterations) = mac_data
        .sequence(|r| {
            let info: AnyRef<'_> = r.decode()?;
            let (alg, digest) = info.sequence(|i| {
                let alg: AnyRef<'_> = i.decode()?;
                let oid = alg.sequence(|a| {
                    let oid: ObjectIdentifier = a.decode()?;
                    while !a.is_finished() {
                        let _: AnyRef<'_> = a.decode()?;
                    }
                    Ok::<_, der::Error>(oid)
                })?;
                let digest: AnyRef<'_> = i.decode()?;
                digest.tag().assert_eq(Tag::OctetString)?;
                Ok::<_, der::Error>((oid, digest.value()))
            })?;
            let salt: AnyRef<'_> = r.decode()?;
            salt.tag().assert_eq(Tag::OctetString)?;
            let iterations: Option<u32> = r.decode()?;
            Ok::<_, der::Error>((alg, digest, salt.value(), iterations.unwrap_or(1)))
        })
        .map_err(PkiError::der("PKCS#12 MAC"))?;
    let digest = mac_digest(&alg).ok_or_else(|| {
        PkiError::Unsupported(format!("PKCS#12 MACs with {}", crate::oid::name_of(&alg)))
    })?;
    let key = match digest {
        DigestAlgorithm::Streebog256
        | DigestAlgorithm::Streebog512
        | DigestAlgorithm::Gost94CryptoPro => {
            let material = pbkdf2_hmac(digest, password.as_bytes(), salt, iterations, 96)
                .map_err(|e| malformed(&e.to_string()))?;
            Zeroizing::new(material[64..].to_vec())
        }
        _ => pkcs12_kdf(
            digest,
            &pkcs12_password(password),
            salt,
            Pkcs12Purpose::Mac,
            iterations,
            digest.output_len(),
        )
        .map_err(|e| malformed(&e.to_string()))?,
    };
    let actual = if alg == KUPYNA256 {
        kmac256(&key, &[safe])
            .ok_or_else(|| malformed("MAC key"))?
            .to_vec()
    } else {
        hmac(digest, &key, safe)
    };
    if bool::from(actual.ct_eq(expected)) {
        Ok(())
    } else {
        Err(PkiError::WrongPassword(NAME))
    }
}

/// `EncryptedData ::= SEQUENCE { version, EncryptedContentInfo }`.
fn encrypted_data(any: AnyRef<'_>, password: &str) -> Result<Zeroizing<Vec<u8>>, PkiError> {
    let (alg, ciphertext) = any
        .sequence(|r| {
            let _version: u8 = r.decode()?;
            let info: AnyRef<'_> = r.decode()?;
            info.sequence(|i| {
                let _type: ObjectIdentifier = i.decode()?;
                let alg: AnyRef<'_> = i.decode()?;
                let content: AnyRef<'_> = i.decode()?;
                content.tag().assert_eq(context(0, false))?;
                Ok::<_, der::Error>((alg, content.value()))
            })
        })
        .map_err(PkiError::der("PKCS#12 encrypted data"))?;
    pbe::decrypt(alg, ciphertext, password, NAME)
}

fn read_safe_contents(
    der: &[u8],
    password: &str,
    depth: usize,
    out: &mut Contents,
) -> Result<(), PkiError> {
    if depth > MAX_DEPTH {
        return Err(malformed("safe contents nested too deep"));
    }
    let seq = AnyRef::from_der(der).map_err(PkiError::der(NAME))?;
    let mut bags = SliceReader::new(seq.value()).map_err(PkiError::der(NAME))?;
    while !bags.is_finished() {
        if out.keys.len() + out.certificates.len() >= MAX_BAGS {
            return Err(PkiError::TooMany { limit: MAX_BAGS });
        }
        let bag: AnyRef<'_> = bags.decode().map_err(PkiError::der(NAME))?;
        let (kind, value, attributes) = bag
            .sequence(|r| {
                let kind: ObjectIdentifier = r.decode()?;
                let wrapped: AnyRef<'_> = r.decode()?;
                wrapped.tag().assert_eq(context(0, true))?;
                let attributes: Option<AnyRef<'_>> = r.decode()?;
                Ok::<_, der::Error>((kind, wrapped.value(), attributes))
            })
            .map_err(PkiError::der(NAME))?;
        let (name, local_key_id) = read_attributes(attributes)?;
        match kind {
            KEY_BAG => out.keys.push(KeyBag {
                der: Zeroizing::new(value.to_vec()),
                name,
                local_key_id,
            }),
            SHROUDED_KEY_BAG => out.keys.push(KeyBag {
                der: pbe::decrypt_private_key_info(value, password, NAME)?,
                name,
                local_key_id,
            }),
            CERT_BAG => {
                let cert = AnyRef::from_der(value).map_err(PkiError::der(NAME))?;
                let (cert_type, der) = cert
                    .sequence(|r| {
                        let cert_type: ObjectIdentifier = r.decode()?;
                        let wrapped: AnyRef<'_> = r.decode()?;
                        wrapped.tag().assert_eq(context(0, true))?;
                        let inner = AnyRef::from_der(wrapped.value())?;
                        inner.tag().assert_eq(Tag::OctetString)?;
                        Ok::<_, der::Error>((cert_type, inner.value()))
                    })
                    .map_err(PkiError::der(NAME))?;
                if cert_type == X509_CERTIFICATE {
                    out.certificates.push(CertBag {
                        der: der.to_vec(),
                        local_key_id,
                    });
                }
            }
            SAFE_CONTENTS_BAG => read_safe_contents(value, password, depth + 1, out)?,
            _ => {}
        }
    }
    Ok(())
}

/// friendlyName and localKeyId from a bag's attributes.
#[allow(clippy::type_complexity)]
fn read_attributes(
    attributes: Option<AnyRef<'_>>,
) -> Result<(Option<String>, Option<Vec<u8>>), PkiError> {
    let Some(attributes) = attributes else {
        return Ok((None, None));
    };
    let mut name = None;
    let mut key_id = None;
    let mut r = SliceReader::new(attributes.value()).map_err(PkiError::der(NAME))?;
    while !r.is_finished() {
        let attr: AnyRef<'_> = r.decode().map_err(PkiError::der(NAME))?;
        let (kind, first) = attr
            .sequence(|a| {
                let kind: ObjectIdentifier = a.decode()?;
                let values: AnyRef<'_> = a.decode()?;
                let first = SliceReader::new(values.value())?.decode::<Option<AnyRef<'_>>>()?;
                Ok::<_, der::Error>((kind, first))
            })
            .map_err(PkiError::der(NAME))?;
        match (kind, first) {
            (FRIENDLY_NAME, Some(v)) if v.tag() == Tag::BmpString => {
                let units: Vec<u16> = v
                    .value()
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                name = Some(String::from_utf16_lossy(&units));
            }
            (LOCAL_KEY_ID, Some(v)) if v.tag() == Tag::OctetString => {
                key_id = Some(v.value().to_vec());
            }
            _ => {}
        }
    }
    Ok((name, key_id))
}
