//! CAdES: detecting the level of a signer and checking the long-term
//! validation data of CAdES-X Long Type 1 ([RFC 5126], ETSI TS 101 733).
//!
//! Levels, as Kontur CryptoApi reports them:
//!
//! - **BES** (section 5.7): the signer signed an ESS signing-certificate
//!   (v1 or v2) attribute.
//! - **T** (section 6.1.1): plus a valid signature-time-stamp, an RFC 3161
//!   token over the signature value.
//! - **X Long Type 1** (sections 6.2–6.3): plus complete-certificate-
//!   references, complete-revocation-references, certificate-values,
//!   revocation-values, and a CAdES-C time-stamp (escTimeStamp) over the
//!   signature value, the signature time-stamp and both references
//!   attributes. Every reference must match a value (by hash) and the
//!   escTimeStamp must verify.
//!
//! The escTimeStamp imprint (section 6.3.5, NOTE 2) hashes the
//! concatenation of the signature value and, for each of the
//! signature-time-stamp, complete-certificate-references and
//! complete-revocation-references attributes, its attrType and attrValues
//! encodings — the Attribute without its outer SEQUENCE header.
//!
//! [RFC 5126]: https://datatracker.ietf.org/doc/html/rfc5126

use der::asn1::AnyRef;
use der::{Decode, Encode, Reader, Tag, Tagged};
use signet_crypto::DigestAlgorithm;
use spki::AlgorithmIdentifierOwned;

use crate::Certificate;
use crate::cms::SignerInfo;
use crate::cms::attributes as attr;
use crate::signature::digest_algorithm;

/// A CAdES level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CadesLevel {
    /// CAdES-BES.
    Bes,
    /// CAdES-T.
    T,
    /// CAdES-X Long Type 1.
    XLongType1,
}

impl CadesLevel {
    /// The level's name as ETSI TS 101 733 spells it ("CAdES-BES",
    /// "CAdES-T", "CAdES-X Long Type 1").
    pub fn name(self) -> &'static str {
        match self {
            CadesLevel::Bes => "CAdES-BES",
            CadesLevel::T => "CAdES-T",
            CadesLevel::XLongType1 => "CAdES-X Long Type 1",
        }
    }
}

impl std::fmt::Display for CadesLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The long-term validation data of a CAdES-X Long signer, read from its
/// unsigned attributes.
#[derive(Clone, Debug, Default)]
pub struct LongTermData {
    /// certificate-values.
    pub certificates: Vec<Certificate>,
    /// CRLs of revocation-values (DER).
    pub crls: Vec<Vec<u8>>,
    /// OCSP answers of revocation-values, each wrapped as a full
    /// OCSPResponse (DER).
    pub ocsp_responses: Vec<Vec<u8>>,
    /// Hashes in complete-certificate-references.
    pub certificate_refs: Vec<OtherHash>,
    /// Hashes in complete-revocation-references (CRLs and OCSP answers).
    pub revocation_refs: Vec<OtherHash>,
}

/// `OtherHash ::= CHOICE { sha1Hash OCTET STRING, otherHash
/// OtherHashAlgAndValue }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherHash {
    /// The hash algorithm (SHA-1 for the bare form).
    pub algorithm: Option<DigestAlgorithm>,
    /// The hash.
    pub value: Vec<u8>,
}

impl OtherHash {
    /// Whether this is the hash of `der`.
    pub fn matches(&self, der: &[u8]) -> bool {
        self.algorithm.is_some_and(|a| a.digest(der) == self.value)
    }
}

fn other_hash(any: AnyRef<'_>) -> der::Result<OtherHash> {
    if any.tag() == Tag::OctetString {
        return Ok(OtherHash {
            algorithm: Some(DigestAlgorithm::Sha1),
            value: any.value().to_vec(),
        });
    }
    any.sequence(|r| {
        let alg: AlgorithmIdentifierOwned = r.decode()?;
        let v: AnyRef<'_> = r.decode()?;
        v.tag().assert_eq(Tag::OctetString)?;
        Ok(OtherHash {
            algorithm: digest_algorithm(&alg.oid),
            value: v.value().to_vec(),
        })
    })
}

fn seq_items(any: AnyRef<'_>) -> der::Result<Vec<AnyRef<'_>>> {
    any.sequence(|r| {
        let mut out = Vec::new();
        while !r.is_finished() {
            out.push(r.decode()?);
        }
        Ok(out)
    })
}

/// id-pkix-ocsp-basic.
const OCSP_BASIC: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");

/// Wraps a BasicOCSPResponse as an OCSPResponse with status successful
/// (RFC 6960 section 4.2.1), the form revocation checking reads.
fn wrap_basic_ocsp(basic: &[u8]) -> der::Result<Vec<u8>> {
    let octets = der::asn1::OctetStringRef::new(basic)?;
    let mut response_bytes = Vec::new();
    OCSP_BASIC.encode_to_vec(&mut response_bytes)?;
    octets.encode_to_vec(&mut response_bytes)?;
    let response_bytes = AnyRef::new(Tag::Sequence, &response_bytes)?.to_der()?;
    let explicit = AnyRef::new(
        Tag::ContextSpecific {
            constructed: true,
            number: der::TagNumber(0),
        },
        &response_bytes,
    )?
    .to_der()?;
    let mut body = vec![0x0A, 0x01, 0x00];
    body.extend_from_slice(&explicit);
    AnyRef::new(Tag::Sequence, &body)?.to_der()
}

impl LongTermData {
    /// Reads the CAdES-C/X attributes of a signer. Absent attributes leave
    /// their fields empty.
    pub fn read(signer: &SignerInfo) -> der::Result<Self> {
        let mut out = LongTermData::default();
        let first = |oid| {
            signer
                .unsigned_attrs(&oid)
                .next()
                .and_then(|a| a.values.first())
        };
        if let Some(v) = first(attr::CERTIFICATE_VALUES) {
            for c in seq_items(AnyRef::from_der(v)?)? {
                if let Ok(cert) = Certificate::from_der(c.to_der()?) {
                    out.certificates.push(cert);
                }
            }
        }
        if let Some(v) = first(attr::REVOCATION_VALUES) {
            AnyRef::from_der(v)?.sequence(|r| {
                while !r.is_finished() {
                    let field: AnyRef<'_> = r.decode()?;
                    let inner = AnyRef::from_der(field.value())?;
                    match field.tag().number().value() {
                        0 => {
                            for crl in seq_items(inner)? {
                                out.crls.push(crl.to_der()?);
                            }
                        }
                        1 => {
                            for basic in seq_items(inner)? {
                                out.ocsp_responses.push(wrap_basic_ocsp(&basic.to_der()?)?);
                            }
                        }
                        _ => {}
                    }
                }
                Ok::<_, der::Error>(())
            })?;
        }
        if let Some(v) = first(attr::COMPLETE_CERTIFICATE_REFS) {
            for id in seq_items(AnyRef::from_der(v)?)? {
                let hash = id.sequence(|r| {
                    let h: AnyRef<'_> = r.decode()?;
                    while !r.is_finished() {
                        let _issuer_serial: AnyRef<'_> = r.decode()?;
                    }
                    other_hash(h)
                })?;
                out.certificate_refs.push(hash);
            }
        }
        if let Some(v) = first(attr::COMPLETE_REVOCATION_REFS) {
            for crl_ocsp_ref in seq_items(AnyRef::from_der(v)?)? {
                for field in seq_items(crl_ocsp_ref)? {
                    let list = AnyRef::from_der(field.value())?;
                    match field.tag().number().value() {
                        // CRLListID ::= SEQUENCE { crls SEQUENCE OF CrlValidatedID }
                        0 => {
                            for ids in seq_items(list)? {
                                for validated in seq_items(ids)? {
                                    let items = seq_items(validated)?;
                                    if let Some(h) = items.first() {
                                        out.revocation_refs.push(other_hash(*h)?);
                                    }
                                }
                            }
                        }
                        // OcspListID ::= SEQUENCE { ocspResponses SEQUENCE OF
                        // OcspResponsesID { ocspIdentifier, ocspRepHash OPTIONAL } }
                        1 => {
                            for ids in seq_items(list)? {
                                for resp in seq_items(ids)? {
                                    let items = seq_items(resp)?;
                                    if let Some(h) = items.get(1) {
                                        out.revocation_refs.push(other_hash(*h)?);
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(out)
    }
}

/// Whether the signer has all the attributes of CAdES-X Long Type 1.
pub fn has_x_long_type1_attributes(signer: &SignerInfo) -> bool {
    [
        attr::COMPLETE_CERTIFICATE_REFS,
        attr::COMPLETE_REVOCATION_REFS,
        attr::CERTIFICATE_VALUES,
        attr::REVOCATION_VALUES,
        attr::ESC_TIME_STAMP,
    ]
    .iter()
    .all(|oid| signer.unsigned_attrs(oid).next().is_some())
}

/// The data an escTimeStamp (CAdES-X Type 1) imprints: the signature value,
/// then attrType and attrValues of each signature-time-stamp,
/// complete-certificate-references and complete-revocation-references
/// attribute.
pub fn esc_time_stamp_data(signer: &SignerInfo) -> Vec<u8> {
    let mut data = signer.signature.clone();
    for oid in [
        attr::SIGNATURE_TIME_STAMP,
        attr::COMPLETE_CERTIFICATE_REFS,
        attr::COMPLETE_REVOCATION_REFS,
    ] {
        for a in signer.unsigned_attrs(&oid) {
            if let Some(body) = crate::certificate::contents_of(&a.der) {
                data.extend_from_slice(body);
            }
        }
    }
    data
}
