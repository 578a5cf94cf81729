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
//! The attributes' ASN.1 is in [`asn1`]; this module reads what it needs
//! from them.
//!
//! [RFC 5126]: https://datatracker.ietf.org/doc/html/rfc5126

pub mod asn1;

use der::{Decode, Encode};
use signet_crypto::DigestAlgorithm;

use self::asn1::{CrlOcspRef, OtherCertIdRef, OtherHashRef, RevocationValuesRef};
use crate::Certificate;
use crate::cms::SignerInfo;
use crate::cms::asn1::AttributeRef;
use crate::cms::attributes as attr;
use crate::revocation::ocsp::response::OcspResponseRef;
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

impl From<&OtherHashRef<'_>> for OtherHash {
    fn from(hash: &OtherHashRef<'_>) -> Self {
        match hash {
            OtherHashRef::Sha1Hash(value) => OtherHash {
                algorithm: Some(DigestAlgorithm::Sha1),
                value: value.as_bytes().to_vec(),
            },
            OtherHashRef::OtherHash(h) => OtherHash {
                algorithm: digest_algorithm(&h.hash_algorithm.oid),
                value: h.hash_value.as_bytes().to_vec(),
            },
        }
    }
}

impl LongTermData {
    /// Reads the CAdES-C/X attributes of a signer. Absent attributes leave
    /// their fields empty; certificate values that are not certificates
    /// signet reads are skipped.
    pub fn read(signer: &SignerInfo) -> der::Result<Self> {
        let mut out = LongTermData::default();
        let first = |oid| {
            signer
                .unsigned_attrs(&oid)
                .next()
                .and_then(|a| a.values.first())
        };
        if let Some(v) = first(attr::CERTIFICATE_VALUES) {
            for c in Vec::<der::asn1::AnyRef<'_>>::from_der(v)? {
                if let Ok(cert) = Certificate::from_der(c.to_der()?) {
                    out.certificates.push(cert);
                }
            }
        }
        if let Some(v) = first(attr::REVOCATION_VALUES) {
            let values = RevocationValuesRef::from_der(v)?;
            for crl in values.crl_vals.iter().flatten() {
                out.crls.push(crl.to_der()?);
            }
            for basic in values.ocsp_vals.iter().flatten() {
                let basic = basic.to_der()?;
                out.ocsp_responses
                    .push(OcspResponseRef::successful(&basic)?.to_der()?);
            }
        }
        if let Some(v) = first(attr::COMPLETE_CERTIFICATE_REFS) {
            for id in Vec::<OtherCertIdRef<'_>>::from_der(v)? {
                out.certificate_refs
                    .push(OtherHash::from(&id.other_cert_hash));
            }
        }
        if let Some(v) = first(attr::COMPLETE_REVOCATION_REFS) {
            for crl_ocsp_ref in Vec::<CrlOcspRef<'_>>::from_der(v)? {
                for validated in crl_ocsp_ref.crlids.iter().flat_map(|ids| &ids.crls) {
                    out.revocation_refs
                        .push(OtherHash::from(&validated.crl_hash));
                }
                let responses = crl_ocsp_ref
                    .ocspids
                    .iter()
                    .flat_map(|ids| &ids.ocsp_responses);
                for hash in responses.filter_map(|r| r.ocsp_rep_hash.as_ref()) {
                    out.revocation_refs.push(OtherHash::from(hash));
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
            // Read back from the DER the SignedData was parsed from: it
            // decodes, and its parts encode as they were read.
            if let Ok(body) = AttributeRef::from_der(&a.der).and_then(|a| a.type_and_values()) {
                data.extend_from_slice(&body);
            }
        }
    }
    data
}
