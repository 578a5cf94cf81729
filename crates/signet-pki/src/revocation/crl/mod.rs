//! Certificate revocation lists ([RFC 5280] section 5): parsing, then the
//! checks that make a CRL usable for one certificate (section 6.3.3).
//!
//! The structures are `der` types ([`asn1`]). Parsing ([`Crl::parse`])
//! decodes the whole CRL once, every revoked entry included (at most
//! [`MAX_REVOKED_ENTRIES`]), and keeps the DER with an index of the
//! entries by serial number; look-ups ([`Crl::find`]) decode the matching
//! entry again rather than holding a million decoded entries in memory.
//! That lazy scan is ours because `x509-cert`'s `TbsCertList` decodes
//! every entry into memory, and its strict serial numbers would make one
//! oddly encoded entry reject the whole CRL. Validation ([`Crl::check`])
//! takes the certificate, its issuer and the time as arguments.
//!
//! Not supported, and said so: indirect CRLs (issuingDistributionPoint
//! indirectCRL, entry certificateIssuer), CRLs limited to some reasons
//! (onlySomeReasons) or to attribute certificates, delta CRLs
//! (deltaCRLIndicator), and distribution points named relative to the
//! issuer.
//!
//! [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-5

pub mod asn1;

use std::ops::Range;

use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280::{
    ID_CE_AUTHORITY_KEY_IDENTIFIER, ID_CE_CERTIFICATE_ISSUER, ID_CE_CRL_NUMBER, ID_CE_CRL_REASONS,
    ID_CE_DELTA_CRL_INDICATOR, ID_CE_FRESHEST_CRL, ID_CE_INVALIDITY_DATE, ID_CE_ISSUER_ALT_NAME,
    ID_CE_ISSUING_DISTRIBUTION_POINT, ID_PE_AUTHORITY_INFO_ACCESS,
};
use der::{Decode, Encode, Tag};
use spki::AlgorithmIdentifierOwned;
use time::OffsetDateTime;

use self::asn1::{AuthorityKeyIdentifier, CertificateList, RevokedCertificate};
pub use self::asn1::{DistributionPointName, IssuingDistributionPoint};
use super::asn1::{SequenceOfRef, range_in, read_extensions};
use super::error::{FormatError, OutOfScope, RevocationError, Unsupported};
use super::freshness::{CheckOptions, check_fresh};
use super::{CrlReason, Verdict};
use crate::asn1::time::Time;
use crate::asn1::{IntegerOctets, small_uint};
use crate::extensions::KeyUsage;
use crate::input::{InputKind, decode_one};
use crate::name::{name_text, names_equal};
use crate::oid::ids;
use crate::signature::{self, SignedMessage};
use crate::{Certificate, CertificateFields};

/// Largest CRL accepted, in DER.
pub const MAX_CRL_LEN: usize = 32 << 20;
/// Most revoked entries read from one CRL.
pub const MAX_REVOKED_ENTRIES: usize = 1_000_000;

// Entry offsets are kept as u32.
const _: () = assert!(MAX_CRL_LEN <= u32::MAX as usize);

/// Input limits for CRLs: DER, PEM ("X509 CRL") or base64.
pub const CRL_INPUT: InputKind = InputKind {
    what: "CRL",
    pem_labels: &["X509 CRL"],
    // Base64 is a third larger than the DER it carries.
    max_input: MAX_CRL_LEN / 3 * 4 + (1 << 20),
    max_objects: 1,
};

/// One revoked certificate of a CRL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevokedEntry {
    /// The serial number's content octets, as encoded.
    pub serial: Vec<u8>,
    /// revocationDate.
    pub revocation_date: OffsetDateTime,
    /// The reasonCode entry extension (2.5.29.21).
    pub reason: Option<CrlReason>,
    /// The invalidityDate entry extension (2.5.29.24).
    pub invalidity_date: Option<OffsetDateTime>,
}

/// A parsed CRL with its DER.
#[derive(Clone, Debug)]
pub struct Crl {
    der: Vec<u8>,
    tbs: Range<usize>,
    /// The issuer Name's DER.
    issuer: Vec<u8>,
    revoked: Range<usize>,
    signature: Range<usize>,
    /// (hash of the serial number, offset of the entry in the
    /// revokedCertificates contents), sorted: look-ups without a scan.
    index: Vec<(u64, u32)>,
    /// tbsCertList's signature algorithm (must equal the outer one).
    tbs_signature_algorithm: AlgorithmIdentifierOwned,
    /// signatureAlgorithm.
    pub signature_algorithm: AlgorithmIdentifierOwned,
    /// thisUpdate.
    pub this_update: OffsetDateTime,
    /// nextUpdate.
    pub next_update: Option<OffsetDateTime>,
    /// Number of revoked entries.
    pub revoked_count: usize,
    /// cRLNumber's content octets.
    pub crl_number: Option<Vec<u8>>,
    /// The keyIdentifier of authorityKeyIdentifier.
    pub authority_key_id: Option<Vec<u8>>,
    /// Whether this is a delta CRL (deltaCRLIndicator).
    pub is_delta: bool,
    /// issuingDistributionPoint.
    pub issuing_distribution_point: Option<IssuingDistributionPoint>,
    /// Critical CRL or entry extensions signet does not process, and the
    /// certificateIssuer entry extension of indirect CRLs.
    pub unsupported_critical: Vec<ObjectIdentifier>,
}

/// What the CRL's extensions say.
#[derive(Default)]
struct CrlExtensions {
    crl_number: Option<Vec<u8>>,
    authority_key_id: Option<Vec<u8>>,
    is_delta: bool,
    issuing_distribution_point: Option<IssuingDistributionPoint>,
}

/// What a revoked entry's extensions say.
struct EntryExtensions {
    reason: Option<CrlReason>,
    invalidity_date: Option<OffsetDateTime>,
    /// Critical ones signet does not process, and certificateIssuer.
    unsupported_critical: Vec<ObjectIdentifier>,
}

impl EntryExtensions {
    /// Reads crlEntryExtensions ([RFC 5280 section 5.3]).
    ///
    /// [RFC 5280 section 5.3]: https://datatracker.ietf.org/doc/html/rfc5280#section-5.3
    fn read(entry: &RevokedCertificate<'_>) -> Result<Self, FormatError> {
        let mut out = EntryExtensions {
            reason: None,
            invalidity_date: None,
            unsupported_critical: Vec::new(),
        };
        let Some(extensions) = &entry.crl_entry_extensions else {
            return Ok(out);
        };
        for extension in read_extensions(extensions)? {
            match extension.extn_id {
                ID_CE_CRL_REASONS => out.reason = Some(CrlReason::from_der(extension.value())?),
                // GeneralizedTime by the RFC; UTCTime is read too.
                ID_CE_INVALIDITY_DATE => {
                    out.invalidity_date = Some(Time::from_der(extension.value())?.whole_seconds())
                }
                // Always critical; it makes the CRL indirect.
                ID_CE_CERTIFICATE_ISSUER => out.unsupported_critical.push(extension.extn_id),
                other if extension.critical.0 => out.unsupported_critical.push(other),
                _ => {}
            }
        }
        Ok(out)
    }
}

impl Crl {
    /// Parses a CRL given as DER, PEM ("X509 CRL") or base64.
    pub fn parse(input: &[u8]) -> Result<Self, RevocationError> {
        let der = decode_one(input, &CRL_INPUT)
            .map_err(|e| RevocationError::malformed_crl(FormatError::Input(e.into())))?;
        Self::from_der(der)
    }

    /// Parses a DER-encoded CRL.
    pub fn from_der(der: Vec<u8>) -> Result<Self, RevocationError> {
        if der.len() > MAX_CRL_LEN {
            return Err(RevocationError::TooLarge {
                what: "CRL",
                len: der.len(),
                limit: MAX_CRL_LEN,
            });
        }
        let list = CertificateList::from_der(&der).map_err(RevocationError::malformed_crl)?;
        let tbs = list.tbs_cert_list.value();
        let issuer = tbs
            .issuer
            .to_der()
            .map_err(RevocationError::malformed_crl)?;
        if let Some(version) = &tbs.version
            && small_uint(Tag::Integer, version.as_bytes()) != Ok(1)
        {
            return Err(RevocationError::malformed_crl(FormatError::CrlVersionNotV2));
        }
        let signature = list
            .signature_value
            .as_bytes()
            .ok_or(RevocationError::malformed_crl(
                FormatError::SignatureUnusedBits,
            ))?;
        let mut unsupported_critical = Vec::new();
        let (index, revoked) = match &tbs.revoked_certificates {
            Some(entries) => (
                index_entries(entries, &mut unsupported_critical)
                    .map_err(RevocationError::malformed_crl)?,
                range_in(&der, entries.contents()),
            ),
            None => (Vec::new(), 0..0),
        };
        let extensions = match &tbs.crl_extensions {
            Some(extensions) => read_crl_extensions(extensions, &mut unsupported_critical)
                .map_err(RevocationError::malformed_crl)?,
            None => CrlExtensions::default(),
        };
        Ok(Crl {
            tbs: range_in(&der, list.tbs_cert_list.der()),
            issuer,
            revoked,
            signature: range_in(&der, signature),
            revoked_count: index.len(),
            index,
            tbs_signature_algorithm: tbs.signature.clone(),
            signature_algorithm: list.signature_algorithm.clone(),
            this_update: tbs.this_update.whole_seconds(),
            next_update: tbs.next_update.map(Time::whole_seconds),
            crl_number: extensions.crl_number,
            authority_key_id: extensions.authority_key_id,
            is_delta: extensions.is_delta,
            issuing_distribution_point: extensions.issuing_distribution_point,
            unsupported_critical,
            der,
        })
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The DER of tbsCertList: what the issuer signed.
    pub fn tbs_der(&self) -> &[u8] {
        self.der.get(self.tbs.clone()).unwrap_or_default()
    }

    /// The DER of the issuer Name.
    pub fn issuer_der(&self) -> &[u8] {
        &self.issuer
    }

    /// The signature value.
    pub fn signature_value(&self) -> &[u8] {
        self.der.get(self.signature.clone()).unwrap_or_default()
    }

    /// Whether the CRL names `issuer`'s subject as its issuer.
    pub fn is_issued_by_name(&self, issuer: &Certificate) -> bool {
        names_equal(self.issuer_der(), issuer.subject_der())
    }

    /// The entry for `serial` (the serial number's content octets), if the
    /// certificate is listed.
    pub fn find(&self, serial: &[u8]) -> Result<Option<RevokedEntry>, RevocationError> {
        let entries = SequenceOfRef::<RevokedCertificate<'_>>::from_contents(
            self.der.get(self.revoked.clone()).unwrap_or_default(),
        );
        let hash = serial_hash(serial);
        let first = self.index.partition_point(|&(h, _)| h < hash);
        for &(h, offset) in self.index.get(first..).unwrap_or_default() {
            if h != hash {
                break;
            }
            let entry = entries
                .element_at(offset as usize)
                .map_err(RevocationError::malformed_crl)?;
            if entry.user_certificate.as_bytes() != serial {
                continue;
            }
            let extensions =
                EntryExtensions::read(&entry).map_err(RevocationError::malformed_crl)?;
            return Ok(Some(RevokedEntry {
                serial: serial.to_vec(),
                revocation_date: entry.revocation_date.whole_seconds(),
                reason: extensions.reason,
                invalidity_date: extensions.invalidity_date,
            }));
        }
        Ok(None)
    }

    /// Roughly how much memory the CRL holds, for cache accounting.
    pub fn memory_size(&self) -> usize {
        self.der.len() + self.issuer.len() + self.index.len() * std::mem::size_of::<(u64, u32)>()
    }

    /// Checks that `issuer` issued the CRL ([RFC 5280] section 6.3.3
    /// (f), (g)): the issuer name, the authority key identifier where both
    /// sides give one, keyUsage cRLSign when keyUsage is present, and the
    /// signature.
    ///
    /// [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-6.3.3
    pub fn verify_issuer(
        &self,
        issuer: &Certificate,
        issuer_fields: &CertificateFields,
    ) -> Result<(), RevocationError> {
        if !self.is_issued_by_name(issuer) {
            return Err(RevocationError::WrongIssuer {
                found: name_text(self.issuer_der()),
                expected: issuer_fields.subject.to_string(),
            });
        }
        if let (Some(aki), Some(ski)) = (
            &self.authority_key_id,
            &issuer_fields.extensions.subject_key_id,
        ) && aki != ski
        {
            return Err(RevocationError::KeyIdMismatch);
        }
        if let Some(ku) = issuer_fields.extensions.key_usage
            && !ku.has(KeyUsage::CRL_SIGN)
        {
            return Err(RevocationError::IssuerNotCrlSigner);
        }
        if self.tbs_signature_algorithm != self.signature_algorithm {
            return Err(RevocationError::malformed_crl(
                FormatError::SignatureAlgorithmMismatch,
            ));
        }
        signature::verify(
            &issuer_fields.public_key,
            &self.signature_algorithm,
            None,
            SignedMessage::Bytes(self.tbs_der()),
            self.signature_value(),
        )
        .map_err(RevocationError::BadSignature)
    }

    /// Checks what does not depend on the signature: the CRL is a complete
    /// CRL covering `cert` (delta and indirect CRLs, unknown critical
    /// extensions and scopes that exclude the certificate are errors), and
    /// it is not stale at `time`.
    pub fn check_scope_and_time(
        &self,
        cert_fields: &CertificateFields,
        time: OffsetDateTime,
        options: &CheckOptions,
        notes: &mut Vec<String>,
    ) -> Result<(), RevocationError> {
        if self.is_delta {
            return Err(RevocationError::Unsupported(Unsupported::DeltaCrl));
        }
        if let Some(oid) = self.unsupported_critical.first() {
            return Err(if *oid == ID_CE_CERTIFICATE_ISSUER {
                RevocationError::Unsupported(Unsupported::CertificateIssuerEntries)
            } else {
                RevocationError::UnknownCriticalExtension(crate::oid::name_of(oid))
            });
        }
        if let Some(idp) = &self.issuing_distribution_point {
            check_idp(idp, cert_fields)?;
        }
        check_fresh(
            self.this_update,
            self.next_update,
            super::CRL_DEFAULT_VALIDITY,
            time,
            options,
            notes,
        )
    }

    /// Everything: [`Crl::verify_issuer`], [`Crl::check_scope_and_time`],
    /// then the certificate's status.
    pub fn check(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        time: OffsetDateTime,
        options: &CheckOptions,
    ) -> Result<(Verdict, Vec<String>), RevocationError> {
        let mut notes = Vec::new();
        let cert_fields = cert.fields();
        self.verify_issuer(issuer, issuer.fields())?;
        self.check_scope_and_time(cert_fields, time, options, &mut notes)?;
        Ok((self.status_of(&cert_fields.serial_number)?, notes))
    }

    /// The status the CRL gives the serial number (its content octets).
    pub fn status_of(&self, serial: &[u8]) -> Result<Verdict, RevocationError> {
        Ok(match self.find(serial)? {
            // removeFromCRL belongs to delta CRLs: the entry is not a revocation.
            Some(e) if e.reason == Some(CrlReason::REMOVE_FROM_CRL) => Verdict::Good,
            Some(e) => Verdict::Revoked {
                time: e.revocation_date,
                reason: e.reason,
            },
            None => Verdict::Good,
        })
    }
}

/// Walks revokedCertificates once: every entry must decode, and its
/// serial number goes into the index with the entry's offset.
fn index_entries(
    entries: &SequenceOfRef<'_, RevokedCertificate<'_>>,
    unsupported_critical: &mut Vec<ObjectIdentifier>,
) -> Result<Vec<(u64, u32)>, FormatError> {
    let mut index = Vec::new();
    let mut walk = entries.iter();
    loop {
        let offset = walk.offset();
        let Some(entry) = walk.next() else { break };
        let entry = entry?;
        if index.len() == MAX_REVOKED_ENTRIES {
            return Err(FormatError::TooManyEntries {
                limit: MAX_REVOKED_ENTRIES,
            });
        }
        for oid in EntryExtensions::read(&entry)?.unsupported_critical {
            if !unsupported_critical.contains(&oid) {
                unsupported_critical.push(oid);
            }
        }
        // Below MAX_CRL_LEN, which fits.
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        index.push((serial_hash(entry.user_certificate.as_bytes()), offset));
    }
    index.sort_unstable();
    Ok(index)
}

/// Reads crlExtensions ([RFC 5280 section 5.2]); critical ones signet does
/// not process go to `unsupported_critical`.
///
/// [RFC 5280 section 5.2]: https://datatracker.ietf.org/doc/html/rfc5280#section-5.2
fn read_crl_extensions(
    extensions: &super::asn1::Extensions<'_>,
    unsupported_critical: &mut Vec<ObjectIdentifier>,
) -> Result<CrlExtensions, FormatError> {
    let mut out = CrlExtensions::default();
    for extension in read_extensions(extensions)? {
        let value = extension.value();
        let known = match extension.extn_id {
            ID_CE_CRL_NUMBER => {
                out.crl_number = Some(IntegerOctets::from_der(value)?.as_bytes().to_vec());
                true
            }
            ID_CE_AUTHORITY_KEY_IDENTIFIER => {
                out.authority_key_id = AuthorityKeyIdentifier::from_der(value)?
                    .key_identifier
                    .map(|k| k.as_bytes().to_vec());
                true
            }
            ID_CE_DELTA_CRL_INDICATOR => {
                out.is_delta = true;
                true
            }
            ID_CE_ISSUING_DISTRIBUTION_POINT => {
                out.issuing_distribution_point = Some(IssuingDistributionPoint::from_der(value)?);
                true
            }
            // Known, never critical in practice, nothing to do with them.
            ID_CE_ISSUER_ALT_NAME
            | ID_CE_FRESHEST_CRL
            | ID_PE_AUTHORITY_INFO_ACCESS
            | ids::MS_CA_VERSION
            | ids::MS_CRL_NEXT_PUBLISH => true,
            _ => false,
        };
        if extension.critical.0 && !known && !unsupported_critical.contains(&extension.extn_id) {
            unsupported_critical.push(extension.extn_id);
        }
    }
    Ok(out)
}

/// FNV-1a of a serial number's content octets.
fn serial_hash(serial: &[u8]) -> u64 {
    serial.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

/// RFC 5280 section 6.3.3 (b)(2): the CRL's scope covers the certificate.
fn check_idp(
    idp: &IssuingDistributionPoint,
    cert: &CertificateFields,
) -> Result<(), RevocationError> {
    if idp.indirect_crl.0 {
        return Err(RevocationError::Unsupported(Unsupported::IndirectCrl));
    }
    if idp.only_some_reasons.is_some() {
        return Err(RevocationError::Unsupported(Unsupported::OnlySomeReasons));
    }
    if idp.only_contains_attribute_certs.0 {
        return Err(RevocationError::OutOfScope(
            OutOfScope::AttributeCertificatesOnly,
        ));
    }
    let is_ca = cert.extensions.basic_constraints.is_some_and(|b| b.ca);
    if idp.only_contains_user_certs.0 && is_ca {
        return Err(RevocationError::OutOfScope(OutOfScope::EndEntitiesOnly));
    }
    if idp.only_contains_ca_certs.0 && !is_ca {
        return Err(RevocationError::OutOfScope(OutOfScope::CasOnly));
    }
    match &idp.distribution_point {
        None => Ok(()),
        Some(DistributionPointName::NameRelativeToCrlIssuer(_)) => Err(
            RevocationError::Unsupported(Unsupported::RelativeDistributionPoint),
        ),
        Some(DistributionPointName::FullName(_)) => {
            let uris = idp.uris();
            let points = &cert.extensions.crl_distribution_points;
            if uris.iter().any(|u| points.contains(u)) {
                Ok(())
            } else {
                Err(RevocationError::OutOfScope(
                    OutOfScope::OtherDistributionPoint {
                        crl: uris,
                        certificate: points.clone(),
                    },
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests;
