//! X.509 v3 certificates: parsing ([RFC 5280] section 4.1) and the field
//! model every API renders from.
//!
//! Parsing uses `x509-cert`'s `Raw` profile, which accepts the real-world
//! encodings that strict RFC 5280 decoding rejects (negative or over-long
//! serial numbers, UTCTime after 2049). The original DER is kept, since it is
//! what thumbprints, RawData and signatures are computed over. Parsing only
//! checks structure; whether the certificate is valid, trusted or fit for a
//! use is path validation's question.
//!
//! [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.1

use std::time::Duration;

use const_oid::ObjectIdentifier;
use der::Decode;
use signet_crypto::DigestAlgorithm;
use time::OffsetDateTime;
use x509_cert::certificate::{CertificateInner, Raw, Version};

use crate::PkiError;
use crate::extensions::Extensions;
use crate::input::{InputKind, decode_objects, decode_one};
use crate::name::DistinguishedName;
use crate::public_key::PublicKeyInfo;

/// Input limits for certificates: 1 MiB of input (real certificates are
/// under 16 KiB; bundles of a few hundred fit), at most 1000 in a bundle.
pub const CERTIFICATE_INPUT: InputKind = InputKind {
    what: "certificate",
    pem_labels: &["CERTIFICATE", "X509 CERTIFICATE"],
    max_input: 1 << 20,
    max_objects: 1000,
};

/// Certificates parsed recently, by SHA-256 of their DER. Signers and CAs
/// recur from request to request; a parsed certificate (with its decoded
/// fields) is immutable, so it is shared instead of decoded again.
/// Bounded: cleared when full.
static PARSED: std::sync::LazyLock<
    std::sync::Mutex<std::collections::HashMap<[u8; 32], Certificate>>,
> = std::sync::LazyLock::new(Default::default);
const PARSED_MAX: usize = 4096;

/// A parsed X.509 certificate with its original encoding. Cheap to clone:
/// the parsed form is shared.
#[derive(Clone, Debug)]
pub struct Certificate(std::sync::Arc<Parsed>);

#[derive(Debug)]
struct Parsed {
    der: Vec<u8>,
    inner: CertificateInner<Raw>,
    /// The decoded fields, made on first use: path building and
    /// rendering read them many times per request.
    fields: std::sync::OnceLock<CertificateFields>,
}

impl PartialEq for Certificate {
    fn eq(&self, other: &Self) -> bool {
        self.0.der == other.0.der
    }
}

impl Eq for Certificate {}

impl Certificate {
    /// Parses a DER-encoded certificate.
    pub fn from_der(der: Vec<u8>) -> Result<Self, PkiError> {
        if der.len() > CERTIFICATE_INPUT.max_input {
            return Err(PkiError::TooLarge {
                what: "certificate",
                len: der.len(),
                limit: CERTIFICATE_INPUT.max_input,
            });
        }
        let key: [u8; 32] = {
            let mut k = [0u8; 32];
            k.copy_from_slice(&DigestAlgorithm::Sha256.digest(&der));
            k
        };
        if let Some(known) = PARSED.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(known);
        }
        let inner =
            CertificateInner::<Raw>::from_der(&der).map_err(PkiError::der("certificate"))?;
        let cert = Certificate(std::sync::Arc::new(Parsed {
            der,
            inner,
            fields: std::sync::OnceLock::new(),
        }));
        if let Ok(mut m) = PARSED.lock() {
            if m.len() >= PARSED_MAX {
                m.clear();
            }
            m.insert(key, cert.clone());
        }
        Ok(cert)
    }

    /// Parses one certificate given as DER, PEM, or base64 with or without
    /// PEM armour and line breaks.
    pub fn parse(input: &[u8]) -> Result<Self, PkiError> {
        Self::from_der(decode_one(input, &CERTIFICATE_INPUT)?)
    }

    /// Parses every certificate of a PEM bundle (or one DER / base64
    /// certificate).
    pub fn parse_all(input: &[u8]) -> Result<Vec<Self>, PkiError> {
        decode_objects(input, &CERTIFICATE_INPUT)?
            .into_iter()
            .map(Self::from_der)
            .collect()
    }

    /// The DER encoding, as received.
    pub fn der(&self) -> &[u8] {
        &self.0.der
    }

    /// The DER of tbsCertificate as received: what the issuer signed.
    pub fn tbs_der(&self) -> &[u8] {
        first_element(&self.0.der).unwrap_or(&[])
    }

    /// The signature value (the BIT STRING's bytes).
    pub fn signature_value(&self) -> &[u8] {
        self.0.inner.signature().raw_bytes()
    }

    /// The subject name's encoding as received, for matching against
    /// issuer names.
    pub fn subject_der(&self) -> &[u8] {
        self.raw_names().map(|(_, s)| s).unwrap_or_default()
    }

    /// The issuer name's encoding as received.
    pub fn issuer_der(&self) -> &[u8] {
        self.raw_names().map(|(i, _)| i).unwrap_or_default()
    }

    /// The issuer and subject names' bytes inside tbsCertificate:
    /// `[0] version OPTIONAL, serialNumber, signature, issuer, validity,
    /// subject` (RFC 5280 section 4.1). `x509-cert` re-sorts multi-valued
    /// RDNs when decoding, so names are read from the raw bytes.
    fn raw_names(&self) -> Option<(&[u8], &[u8])> {
        let body = contents_of(self.tbs_der())?;
        let mut elements = Vec::with_capacity(6);
        let mut rest = body;
        while elements.len() < 6 && !rest.is_empty() {
            let len = element_len(rest)?;
            elements.push(&rest[..len]);
            rest = &rest[len..];
        }
        let skip = usize::from(elements.first()?.first() == Some(&0xA0));
        Some((elements.get(2 + skip)?, elements.get(4 + skip)?))
    }

    /// The decoded ASN.1 structure.
    pub fn x509(&self) -> &CertificateInner<Raw> {
        &self.0.inner
    }

    /// The SHA-1 hash of the DER encoding: the thumbprint Windows, .NET and
    /// the Kontur APIs identify certificates by.
    pub fn thumbprint_sha1(&self) -> [u8; 20] {
        let mut out = [0u8; 20];
        out.copy_from_slice(&DigestAlgorithm::Sha1.digest(&self.0.der));
        out
    }

    /// The thumbprint as upper-case hex, the form the Kontur APIs use.
    pub fn thumbprint_hex(&self) -> String {
        hex::encode_upper(self.thumbprint_sha1())
    }

    /// The certificate's fields, decoded (once, then kept).
    pub fn fields(&self) -> &CertificateFields {
        self.0.fields.get_or_init(|| self.decode_fields())
    }

    fn decode_fields(&self) -> CertificateFields {
        let tbs = self.0.inner.tbs_certificate();
        CertificateFields {
            version: match tbs.version() {
                Version::V1 => 1,
                Version::V2 => 2,
                Version::V3 => 3,
            },
            serial_number: tbs.serial_number().as_bytes().to_vec(),
            thumbprint_sha1: self.thumbprint_sha1(),
            not_before: unix_to_datetime(tbs.validity().not_before.to_unix_duration())
                .unwrap_or(OffsetDateTime::UNIX_EPOCH),
            not_after: unix_to_datetime(tbs.validity().not_after.to_unix_duration())
                .unwrap_or(OffsetDateTime::UNIX_EPOCH),
            subject: DistinguishedName::from_der(self.subject_der())
                .unwrap_or_else(|| DistinguishedName::from_name(tbs.subject())),
            issuer: DistinguishedName::from_der(self.issuer_der())
                .unwrap_or_else(|| DistinguishedName::from_name(tbs.issuer())),
            signature_algorithm: self.0.inner.signature_algorithm().oid,
            public_key: PublicKeyInfo::from_spki(tbs.subject_public_key_info()),
            extensions: Extensions::from_x509(tbs.extensions().map_or(&[], |e| e.as_slice())),
            der: self.0.der.clone(),
        }
    }
}

/// The raw bytes (header included) of the first element inside the outer
/// SEQUENCE of `der`.
pub(crate) fn first_element(der: &[u8]) -> Option<&[u8]> {
    use der::Reader as _;
    let mut outer = der::SliceReader::new(der).ok()?;
    let header = der::Header::decode(&mut outer).ok()?;
    let body = outer.read_slice(header.length()).ok()?;
    let mut inner = der::SliceReader::new(body).ok()?;
    let h = der::Header::decode(&mut inner).ok()?;
    let header_len = usize::try_from(u32::from(inner.position())).ok()?;
    let len = usize::try_from(u32::from(h.length())).ok()?;
    body.get(..header_len + len)
}

/// The length of the first DER element of `der`, header included.
pub(crate) fn element_len(der: &[u8]) -> Option<usize> {
    use der::Reader as _;
    let mut r = der::SliceReader::new(der).ok()?;
    let header = der::Header::decode(&mut r).ok()?;
    let header_len = usize::try_from(u32::from(r.position())).ok()?;
    let len = usize::try_from(u32::from(header.length())).ok()?;
    (header_len + len <= der.len()).then_some(header_len + len)
}

/// The contents (without tag and length) of the DER value `der`.
pub(crate) fn contents_of(der: &[u8]) -> Option<&[u8]> {
    use der::Reader as _;
    let mut r = der::SliceReader::new(der).ok()?;
    let header = der::Header::decode(&mut r).ok()?;
    r.read_slice(header.length()).ok()
}

/// Converts a duration since the Unix epoch to a UTC date-time.
pub(crate) fn unix_to_datetime(d: Duration) -> Option<OffsetDateTime> {
    let secs = i64::try_from(d.as_secs()).ok()?;
    OffsetDateTime::from_unix_timestamp(secs).ok()
}

/// Everything a certificate says, decoded: the one model that the CryptoApi,
/// Reestro and Cipher renderings and `signet inspect` are made from.
///
/// Derived values (a person's first and middle name, an organisation's INN,
/// Ukrainian identifiers, qualification flags) are methods in
/// [`crate::identity`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateFields {
    /// X.509 version (1, 2 or 3).
    pub version: u8,
    /// The serial number's INTEGER content octets, big-endian, as encoded
    /// (a leading 0x00 that keeps the number positive is kept, as Windows
    /// and .NET show it).
    pub serial_number: Vec<u8>,
    /// SHA-1 of the DER encoding.
    pub thumbprint_sha1: [u8; 20],
    /// Start of validity (notBefore).
    pub not_before: OffsetDateTime,
    /// End of validity (notAfter).
    pub not_after: OffsetDateTime,
    /// Subject name.
    pub subject: DistinguishedName,
    /// Issuer name.
    pub issuer: DistinguishedName,
    /// The algorithm the issuer signed with.
    pub signature_algorithm: ObjectIdentifier,
    /// The subject public key.
    pub public_key: PublicKeyInfo,
    /// The extensions.
    pub extensions: Extensions,
    /// The DER encoding of the whole certificate.
    pub der: Vec<u8>,
}
