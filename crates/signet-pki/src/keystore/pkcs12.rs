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
use const_oid::db::{rfc2985, rfc5911, rfc5912};
use der::asn1::{AnyRef, OctetStringRef, SetOfVec};
use der::{Decode, Encode, Reader, Sequence, SliceReader, Tag, Tagged};
use signet_crypto::DigestAlgorithm;
use signet_crypto::kupyna::kmac::kmac256;
use signet_crypto::password::{Pkcs12Purpose, hmac, pbkdf2_hmac, pkcs12_kdf, pkcs12_password};
use spki::AlgorithmIdentifierRef;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::ContainerError;
use super::pbe::{self, EncryptedPrivateKeyInfo};
use crate::PkiError;
use crate::oid::ids;
use crate::private_key::asn1::Attribute;

/// `PFX` as defined in [RFC 7292 section 4].
///
/// ```text
/// PFX ::= SEQUENCE {
///   version    INTEGER {v3(3)}(v3,...),
///   authSafe   ContentInfo,
///   macData    MacData OPTIONAL }
/// ```
///
/// [RFC 7292 section 4]: https://datatracker.ietf.org/doc/html/rfc7292#section-4
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct Pfx<'a> {
    version: u8,
    auth_safe: ContentInfo<'a>,
    mac_data: Option<MacData<'a>>,
}

/// `ContentInfo` as defined in [RFC 5652 section 3]: the authSafe and the
/// elements of `AuthenticatedSafe ::= SEQUENCE OF ContentInfo`.
///
/// ```text
/// ContentInfo ::= SEQUENCE {
///   contentType ContentType,
///   content [0] EXPLICIT ANY DEFINED BY contentType }
/// ```
///
/// [RFC 5652 section 3]: https://datatracker.ietf.org/doc/html/rfc5652#section-3
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct ContentInfo<'a> {
    content_type: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    content: AnyRef<'a>,
}

/// `MacData` as defined in [RFC 7292 section 4].
///
/// ```text
/// MacData ::= SEQUENCE {
///   mac        DigestInfo,
///   macSalt    OCTET STRING,
///   iterations INTEGER DEFAULT 1 }
/// ```
///
/// [RFC 7292 section 4]: https://datatracker.ietf.org/doc/html/rfc7292#section-4
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct MacData<'a> {
    mac: DigestInfo<'a>,
    mac_salt: &'a OctetStringRef,
    #[asn1(default = "one_iteration")]
    iterations: u32,
}

fn one_iteration() -> u32 {
    1
}

/// `DigestInfo` as defined in [RFC 8017 section 9.2] (PKCS#12 names its
/// MAC algorithm and value in one).
///
/// ```text
/// DigestInfo ::= SEQUENCE {
///   digestAlgorithm DigestAlgorithm,
///   digest OCTET STRING }
/// ```
///
/// [RFC 8017 section 9.2]: https://datatracker.ietf.org/doc/html/rfc8017#section-9.2
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct DigestInfo<'a> {
    digest_algorithm: AlgorithmIdentifierRef<'a>,
    digest: &'a OctetStringRef,
}

/// `EncryptedData` as defined in [RFC 5652 section 8], version 0 as
/// PKCS#12 writes it (no unprotectedAttrs).
///
/// ```text
/// EncryptedData ::= SEQUENCE {
///   version CMSVersion,
///   encryptedContentInfo EncryptedContentInfo,
///   unprotectedAttrs [1] IMPLICIT UnprotectedAttributes OPTIONAL }
/// EncryptedContentInfo ::= SEQUENCE {
///   contentType ContentType,
///   contentEncryptionAlgorithm ContentEncryptionAlgorithmIdentifier,
///   encryptedContent [0] IMPLICIT EncryptedContent OPTIONAL }
/// ```
///
/// [RFC 5652 section 8]: https://datatracker.ietf.org/doc/html/rfc5652#section-8
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct EncryptedData<'a> {
    version: u8,
    encrypted_content_info: EncryptedContentInfo<'a>,
}

/// `EncryptedContentInfo` (see [`EncryptedData`]); PKCS#12 always carries
/// the content, so it is required here.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct EncryptedContentInfo<'a> {
    content_type: ObjectIdentifier,
    content_encryption_algorithm: AlgorithmIdentifierRef<'a>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    encrypted_content: &'a OctetStringRef,
}

/// `SafeBag` as defined in [RFC 7292 section 4.2].
///
/// ```text
/// SafeBag ::= SEQUENCE {
///   bagId          BAG-TYPE.&id ({PKCS12BagSet}),
///   bagValue       [0] EXPLICIT BAG-TYPE.&Type({PKCS12BagSet}{@bagId}),
///   bagAttributes  SET OF PKCS12Attribute OPTIONAL }
/// ```
///
/// [RFC 7292 section 4.2]: https://datatracker.ietf.org/doc/html/rfc7292#section-4.2
#[derive(Clone, Sequence)]
struct SafeBag<'a> {
    bag_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    bag_value: AnyRef<'a>,
    bag_attributes: Option<SetOfVec<Attribute<'a>>>,
}

/// `CertBag` as defined in [RFC 7292 section 4.2.3].
///
/// ```text
/// CertBag ::= SEQUENCE {
///   certId    BAG-TYPE.&id   ({CertTypes}),
///   certValue [0] EXPLICIT BAG-TYPE.&Type ({CertTypes}{@certId}) }
/// ```
///
/// [RFC 7292 section 4.2.3]: https://datatracker.ietf.org/doc/html/rfc7292#section-4.2.3
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct CertBag<'a> {
    cert_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    cert_value: AnyRef<'a>,
}

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
pub(super) struct FoundCertificate {
    pub der: Vec<u8>,
    pub local_key_id: Option<Vec<u8>>,
}

/// What a PFX holds.
#[derive(Default)]
pub(super) struct Contents {
    pub keys: Vec<KeyBag>,
    pub certificates: Vec<FoundCertificate>,
}

/// Whether the DER looks like a PFX: `SEQUENCE { INTEGER 3, SEQUENCE … }`.
/// Only the start is looked at, so that a damaged PFX is reported as one
/// by [`open`] rather than as some other format.
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
    let pfx = Pfx::from_der(der).map_err(PkiError::der(NAME))?;
    let content_type = pfx.auth_safe.content_type;
    if content_type != rfc5911::ID_DATA {
        return Err(PkiError::Unsupported(format!(
            "PKCS#12 files in public-key integrity mode ({})",
            crate::oid::name_of(&content_type)
        )));
    }
    let safe = octet_string(pfx.auth_safe.content)?;
    if let Some(mac) = &pfx.mac_data {
        check_mac(mac, safe, password)?;
    }
    let mut out = Contents::default();
    let authenticated_safe: Vec<ContentInfo<'_>> =
        Vec::from_der(safe).map_err(PkiError::der(NAME))?;
    for info in authenticated_safe {
        match info.content_type {
            rfc5911::ID_DATA => {
                let bags = octet_string(info.content)?;
                let bags = AnyRef::from_der(bags).map_err(PkiError::der(NAME))?;
                read_safe_contents(bags, password, 0, &mut out)?;
            }
            rfc5911::ID_ENCRYPTED_DATA => {
                let plain = encrypted_data(info.content, password)?;
                let bags = AnyRef::from_der(&plain).map_err(PkiError::der(NAME))?;
                read_safe_contents(bags, password, 0, &mut out)?;
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

fn octet_string(any: AnyRef<'_>) -> Result<&[u8], PkiError> {
    any.decode_as::<&OctetStringRef>()
        .map(OctetStringRef::as_bytes)
        .map_err(PkiError::der(NAME))
}

/// The MAC digest, by the DigestInfo's algorithm OID.
fn mac_digest(oid: &ObjectIdentifier) -> Option<DigestAlgorithm> {
    Some(match *oid {
        rfc5912::ID_SHA_1 => DigestAlgorithm::Sha1,
        rfc5912::ID_SHA_224 => DigestAlgorithm::Sha224,
        rfc5912::ID_SHA_256 => DigestAlgorithm::Sha256,
        rfc5912::ID_SHA_384 => DigestAlgorithm::Sha384,
        rfc5912::ID_SHA_512 => DigestAlgorithm::Sha512,
        ids::STREEBOG_256 => DigestAlgorithm::Streebog256,
        ids::STREEBOG_512 => DigestAlgorithm::Streebog512,
        ids::GOST_R3411_94 => DigestAlgorithm::Gost94CryptoPro,
        ids::GOST_34311 => DigestAlgorithm::Gost34311Ua,
        // DSTU 7564 (Kupyna) by its digest OIDs and its MAC OIDs; for
        // Kupyna-256's digest OID UAPKI computes its KMAC instead of HMAC
        // (see `check_mac`).
        ids::KUPYNA_256 | ids::KUPYNA_256_MAC => DigestAlgorithm::Kupyna256,
        ids::KUPYNA_384 | ids::KUPYNA_384_MAC => DigestAlgorithm::Kupyna384,
        ids::KUPYNA_512 | ids::KUPYNA_512_MAC => DigestAlgorithm::Kupyna512,
        _ => return None,
    })
}

fn check_mac(mac_data: &MacData<'_>, safe: &[u8], password: &str) -> Result<(), PkiError> {
    let alg = mac_data.mac.digest_algorithm.oid;
    let (expected, salt, iterations) = (
        mac_data.mac.digest.as_bytes(),
        mac_data.mac_salt.as_bytes(),
        mac_data.iterations,
    );
    let digest = mac_digest(&alg).ok_or_else(|| {
        PkiError::Unsupported(format!("PKCS#12 MACs with {}", crate::oid::name_of(&alg)))
    })?;
    let key = match digest {
        DigestAlgorithm::Streebog256
        | DigestAlgorithm::Streebog512
        | DigestAlgorithm::Gost94CryptoPro => {
            let material = pbkdf2_hmac(digest, password.as_bytes(), salt, iterations, 96)
                .map_err(ContainerError::Pkcs12MacKey)?;
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
        .map_err(ContainerError::Pkcs12MacKey)?,
    };
    let actual = if alg == ids::KUPYNA_256 {
        kmac256(&key, &[safe])
            .ok_or(ContainerError::Pkcs12KmacKey)?
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

/// Decrypts the content of an [`EncryptedData`].
fn encrypted_data(any: AnyRef<'_>, password: &str) -> Result<Zeroizing<Vec<u8>>, PkiError> {
    let data = any
        .decode_as::<EncryptedData<'_>>()
        .map_err(PkiError::der("PKCS#12 encrypted data"))?;
    let info = data.encrypted_content_info;
    pbe::decrypt(
        info.content_encryption_algorithm,
        info.encrypted_content.as_bytes(),
        password,
        NAME,
    )
}

/// Reads `SafeContents ::= SEQUENCE OF SafeBag` one bag at a time, so that
/// [`MAX_BAGS`] stops a file before its bags are all decoded.
fn read_safe_contents(
    safe_contents: AnyRef<'_>,
    password: &str,
    depth: usize,
    out: &mut Contents,
) -> Result<(), PkiError> {
    if depth > MAX_DEPTH {
        return Err(ContainerError::Pkcs12TooDeep.into());
    }
    safe_contents
        .tag()
        .assert_eq(Tag::Sequence)
        .map_err(PkiError::der(NAME))?;
    let mut bags = SliceReader::new(safe_contents.value()).map_err(PkiError::der(NAME))?;
    while !bags.is_finished() {
        if out.keys.len() + out.certificates.len() >= MAX_BAGS {
            return Err(PkiError::TooMany { limit: MAX_BAGS });
        }
        let bag: SafeBag<'_> = bags.decode().map_err(PkiError::der(NAME))?;
        let (name, local_key_id) = read_attributes(bag.bag_attributes.as_ref());
        match bag.bag_id {
            ids::PKCS12_KEY_BAG => out.keys.push(KeyBag {
                der: Zeroizing::new(bag.bag_value.to_der().map_err(PkiError::der(NAME))?),
                name,
                local_key_id,
            }),
            ids::PKCS12_SHROUDED_KEY_BAG => {
                let info = bag
                    .bag_value
                    .decode_as::<EncryptedPrivateKeyInfo<'_>>()
                    .map_err(PkiError::der(NAME))?;
                out.keys.push(KeyBag {
                    der: pbe::decrypt_info(info, password, NAME)?,
                    name,
                    local_key_id,
                });
            }
            ids::PKCS12_CERT_BAG => {
                let cert = bag
                    .bag_value
                    .decode_as::<CertBag<'_>>()
                    .map_err(PkiError::der(NAME))?;
                // Other certificate types (SDSI) are skipped.
                if cert.cert_id == ids::PKCS9_X509_CERTIFICATE {
                    out.certificates.push(FoundCertificate {
                        der: octet_string(cert.cert_value)?.to_vec(),
                        local_key_id,
                    });
                }
            }
            ids::PKCS12_SAFE_CONTENTS_BAG => {
                read_safe_contents(bag.bag_value, password, depth + 1, out)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// friendlyName (a BMPString) and localKeyId (an OCTET STRING) from a
/// bag's attributes ([RFC 2985 sections 5.5.1 and 5.5.2]).
///
/// [RFC 2985 sections 5.5.1 and 5.5.2]: https://datatracker.ietf.org/doc/html/rfc2985#section-5.5.1
fn read_attributes(
    attributes: Option<&SetOfVec<Attribute<'_>>>,
) -> (Option<String>, Option<Vec<u8>>) {
    let mut name = None;
    let mut key_id = None;
    for attribute in attributes.into_iter().flat_map(|a| a.iter()) {
        match (attribute.r#type, attribute.first_value()) {
            (rfc2985::PKCS_9_AT_FRIENDLY_NAME, Some(v)) if v.tag() == Tag::BmpString => {
                let units: Vec<u16> = v
                    .value()
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                name = Some(String::from_utf16_lossy(&units));
            }
            (rfc2985::PKCS_9_AT_LOCAL_KEY_ID, Some(v)) if v.tag() == Tag::OctetString => {
                key_id = Some(v.value().to_vec());
            }
            _ => {}
        }
    }
    (name, key_id)
}
