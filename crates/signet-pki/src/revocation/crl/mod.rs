//! Certificate revocation lists ([RFC 5280] section 5): parsing, then the
//! checks that make a CRL usable for one certificate (section 6.3.3).
//!
//! ```text
//! CertificateList ::= SEQUENCE {
//!   tbsCertList TBSCertList, signatureAlgorithm AlgorithmIdentifier,
//!   signatureValue BIT STRING }
//! TBSCertList ::= SEQUENCE {
//!   version Version OPTIONAL, -- if present, MUST be v2
//!   signature AlgorithmIdentifier,
//!   issuer Name,
//!   thisUpdate Time,
//!   nextUpdate Time OPTIONAL,
//!   revokedCertificates SEQUENCE OF SEQUENCE {
//!     userCertificate CertificateSerialNumber,
//!     revocationDate Time,
//!     crlEntryExtensions Extensions OPTIONAL } OPTIONAL,
//!   crlExtensions [0] EXPLICIT Extensions OPTIONAL }
//! ```
//!
//! Parsing ([`Crl::parse`]) walks the whole structure once, every revoked
//! entry included (at most [`MAX_REVOKED_ENTRIES`]), and keeps the DER;
//! look-ups ([`Crl::find`]) scan the entries again rather than holding a
//! million parsed entries in memory. Validation ([`Crl::check`]) takes the
//! certificate, its issuer and the time as arguments.
//!
//! Not supported, and said so: indirect CRLs (issuingDistributionPoint
//! indirectCRL, entry certificateIssuer), CRLs limited to some reasons
//! (onlySomeReasons) or to attribute certificates, delta CRLs
//! (deltaCRLIndicator), and distribution points named relative to the
//! issuer.
//!
//! [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-5

use std::ops::Range;

use const_oid::ObjectIdentifier;
use der::Tag;
use spki::AlgorithmIdentifierOwned;
use time::OffsetDateTime;

use super::asn1::{self, Elements, Parsed, Tlv};
use super::{CrlReason, RevocationError, Verdict, names_equal, rfc3339};
use crate::extensions::KeyUsage;
use crate::input::{InputKind, decode_one};
use crate::signature::{self, SignedMessage};
use crate::{Certificate, CertificateFields};

/// Largest CRL accepted, in DER.
pub const MAX_CRL_LEN: usize = 32 << 20;
/// Most revoked entries read from one CRL.
pub const MAX_REVOKED_ENTRIES: usize = 1_000_000;

/// Input limits for CRLs: DER, PEM ("X509 CRL") or base64.
pub const CRL_INPUT: InputKind = InputKind {
    what: "CRL",
    pem_labels: &["X509 CRL"],
    // Base64 is a third larger than the DER it carries.
    max_input: MAX_CRL_LEN / 3 * 4 + (1 << 20),
    max_objects: 1,
};

const EXT_CRL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.20");
const EXT_REASON_CODE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.21");
const EXT_INVALIDITY_DATE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.24");
const EXT_DELTA_CRL_INDICATOR: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.27");
const EXT_ISSUING_DISTRIBUTION_POINT: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.28");
const EXT_CERTIFICATE_ISSUER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.29");
const EXT_AUTHORITY_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.35");
const EXT_ISSUER_ALT_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.18");
const EXT_FRESHEST_CRL: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.46");
const EXT_AUTHORITY_INFO_ACCESS: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.1.1");
/// Microsoft's CA version and next-CRL-publish extensions, never critical
/// in practice but listed so they are known.
const EXT_MS_CA_VERSION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.311.21.1");
const EXT_MS_NEXT_PUBLISH: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.311.21.4");

/// issuingDistributionPoint ([RFC 5280 section 5.2.5]).
///
/// ```text
/// IssuingDistributionPoint ::= SEQUENCE {
///   distributionPoint          [0] DistributionPointName OPTIONAL,
///   onlyContainsUserCerts      [1] BOOLEAN DEFAULT FALSE,
///   onlyContainsCACerts        [2] BOOLEAN DEFAULT FALSE,
///   onlySomeReasons            [3] ReasonFlags OPTIONAL,
///   indirectCRL                [4] BOOLEAN DEFAULT FALSE,
///   onlyContainsAttributeCerts [5] BOOLEAN DEFAULT FALSE }
/// ```
///
/// [RFC 5280 section 5.2.5]: https://datatracker.ietf.org/doc/html/rfc5280#section-5.2.5
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IssuingDistributionPoint {
    /// The URIs of distributionPoint fullName.
    pub uris: Vec<String>,
    /// Whether distributionPoint is given at all (in any form).
    pub has_distribution_point: bool,
    /// Whether the point is nameRelativeToCRLIssuer (not supported).
    pub relative_name: bool,
    /// onlyContainsUserCerts.
    pub only_user_certs: bool,
    /// onlyContainsCACerts.
    pub only_ca_certs: bool,
    /// onlySomeReasons is present.
    pub only_some_reasons: bool,
    /// indirectCRL.
    pub indirect: bool,
    /// onlyContainsAttributeCerts.
    pub only_attribute_certs: bool,
}

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
    issuer: Range<usize>,
    revoked: Range<usize>,
    /// (hash of the serial number, offset of the entry in the
    /// revokedCertificates contents), sorted: look-ups without a scan.
    index: Vec<(u64, u32)>,
    /// tbsCertList's signature algorithm (must equal the outer one).
    tbs_signature_algorithm: AlgorithmIdentifierOwned,
    /// signatureAlgorithm.
    pub signature_algorithm: AlgorithmIdentifierOwned,
    signature: Vec<u8>,
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

/// The position of `part` inside `base` (both from the same buffer).
fn range_in(base: &[u8], part: &[u8]) -> Range<usize> {
    let start = (part.as_ptr() as usize).saturating_sub(base.as_ptr() as usize);
    start..start + part.len()
}

fn malformed(detail: String) -> RevocationError {
    RevocationError::Malformed {
        what: "CRL",
        detail,
    }
}

impl Crl {
    /// Parses a CRL given as DER, PEM ("X509 CRL") or base64.
    pub fn parse(input: &[u8]) -> Result<Self, RevocationError> {
        let der = decode_one(input, &CRL_INPUT).map_err(|e| malformed(e.to_string()))?;
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
        let parsed = Parts::read(&der).map_err(malformed)?;
        let tbs = range_in(&der, parsed.tbs);
        let issuer = range_in(&der, parsed.issuer);
        let revoked = range_in(&der, parsed.revoked);
        Ok(Crl {
            tbs,
            issuer,
            revoked,
            index: parsed.index,
            tbs_signature_algorithm: parsed.tbs_signature_algorithm,
            signature_algorithm: parsed.signature_algorithm,
            signature: parsed.signature,
            this_update: parsed.this_update,
            next_update: parsed.next_update,
            revoked_count: parsed.revoked_count,
            crl_number: parsed.crl_number,
            authority_key_id: parsed.authority_key_id,
            is_delta: parsed.is_delta,
            issuing_distribution_point: parsed.idp,
            unsupported_critical: parsed.unsupported_critical,
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
        self.der.get(self.issuer.clone()).unwrap_or_default()
    }

    /// The signature value.
    pub fn signature_value(&self) -> &[u8] {
        &self.signature
    }

    /// Whether the CRL names `issuer`'s subject as its issuer.
    pub fn is_issued_by_name(&self, issuer: &Certificate) -> bool {
        names_equal(self.issuer_der(), issuer.subject_der())
    }

    /// The entry for `serial` (the serial number's content octets), if the
    /// certificate is listed.
    pub fn find(&self, serial: &[u8]) -> Result<Option<RevokedEntry>, RevocationError> {
        let bytes = self.der.get(self.revoked.clone()).unwrap_or_default();
        let hash = serial_hash(serial);
        let first = self.index.partition_point(|&(h, _)| h < hash);
        for &(h, offset) in self.index.get(first..).unwrap_or_default() {
            if h != hash {
                break;
            }
            let rest = bytes.get(offset as usize..).unwrap_or_default();
            let Some(entry) = Elements::new(rest)
                .and_then(|mut e| e.next())
                .map_err(malformed)?
            else {
                continue;
            };
            let (parsed, _) = read_entry(entry).map_err(malformed)?;
            if parsed.serial == serial {
                return Ok(Some(parsed));
            }
        }
        Ok(None)
    }

    /// Roughly how much memory the CRL holds, for cache accounting.
    pub fn memory_size(&self) -> usize {
        self.der.len() + self.index.len() * std::mem::size_of::<(u64, u32)>()
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
                found: super::name_text(self.issuer_der()),
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
            return Err(malformed(
                "the signature algorithm inside tbsCertList differs from the outer one".into(),
            ));
        }
        signature::verify(
            &issuer_fields.public_key,
            &self.signature_algorithm,
            None,
            SignedMessage::Bytes(self.tbs_der()),
            &self.signature,
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
            return Err(RevocationError::Unsupported(
                "delta CRLs (deltaCRLIndicator); a complete CRL is needed".into(),
            ));
        }
        if let Some(oid) = self.unsupported_critical.first() {
            return Err(if *oid == EXT_CERTIFICATE_ISSUER {
                RevocationError::Unsupported("indirect CRLs (certificateIssuer entries)".into())
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

/// Options of the time checks.
#[derive(Clone, Copy, Debug)]
pub struct CheckOptions {
    /// Tolerated difference between clocks.
    pub clock_skew: std::time::Duration,
    /// Accept data whose nextUpdate has passed (with a note).
    pub allow_stale: bool,
}

/// The freshness rule for CRLs and OCSP answers: the data must not have
/// expired (nextUpdate, or thisUpdate + `default_validity` when it has no
/// nextUpdate) before the validation time, give or take the clock skew.
///
/// Data issued after the validation time is accepted: revocation is
/// permanent, so a later CRL or answer that does not list the certificate
/// shows it was not revoked at the validation time either, and one that
/// lists it gives the revocation time for the caller to compare.
pub(crate) fn check_fresh(
    this_update: OffsetDateTime,
    next_update: Option<OffsetDateTime>,
    default_validity: std::time::Duration,
    time: OffsetDateTime,
    options: &CheckOptions,
    notes: &mut Vec<String>,
) -> Result<(), RevocationError> {
    let skew = time::Duration::try_from(options.clock_skew).unwrap_or(time::Duration::ZERO);
    if let Some(next) = next_update
        && next < this_update
    {
        return Err(RevocationError::Malformed {
            what: "revocation data",
            detail: format!(
                "nextUpdate {} is before thisUpdate {}",
                rfc3339(next),
                rfc3339(this_update)
            ),
        });
    }
    let (expires, what) = match next_update {
        Some(n) => (n, "nextUpdate"),
        None => (
            this_update
                + time::Duration::try_from(default_validity).unwrap_or(time::Duration::ZERO),
            "thisUpdate (no nextUpdate given)",
        ),
    };
    if expires + skew < time {
        let stale = RevocationError::Stale {
            what,
            expired: expires,
            time,
        };
        if options.allow_stale {
            notes.push(format!("accepted although {stale}"));
        } else {
            return Err(stale);
        }
    }
    Ok(())
}

/// RFC 5280 section 6.3.3 (b)(2): the CRL's scope covers the certificate.
fn check_idp(
    idp: &IssuingDistributionPoint,
    cert: &CertificateFields,
) -> Result<(), RevocationError> {
    if idp.indirect {
        return Err(RevocationError::Unsupported("indirect CRLs".into()));
    }
    if idp.only_some_reasons {
        return Err(RevocationError::Unsupported(
            "CRLs limited to some revocation reasons (onlySomeReasons)".into(),
        ));
    }
    if idp.only_attribute_certs {
        return Err(RevocationError::OutOfScope(
            "the CRL lists attribute certificates only".into(),
        ));
    }
    let is_ca = cert.extensions.basic_constraints.is_some_and(|b| b.ca);
    if idp.only_user_certs && is_ca {
        return Err(RevocationError::OutOfScope(
            "the CRL lists end-entity certificates only, and this is a CA".into(),
        ));
    }
    if idp.only_ca_certs && !is_ca {
        return Err(RevocationError::OutOfScope(
            "the CRL lists CA certificates only, and this is an end entity".into(),
        ));
    }
    if idp.relative_name {
        return Err(RevocationError::Unsupported(
            "distribution points named relative to the CRL issuer".into(),
        ));
    }
    if idp.has_distribution_point {
        let covered = idp.uris.iter().any(|u| {
            cert.extensions
                .crl_distribution_points
                .iter()
                .any(|c| c == u)
        });
        if !covered {
            return Err(RevocationError::OutOfScope(format!(
                "its distribution point ({}) is not one of the certificate's ({})",
                idp.uris.join(", "),
                cert.extensions.crl_distribution_points.join(", ")
            )));
        }
    }
    Ok(())
}

/// The fields read in one pass over the DER.
struct Parts<'a> {
    tbs: &'a [u8],
    issuer: &'a [u8],
    revoked: &'a [u8],
    index: Vec<(u64, u32)>,
    tbs_signature_algorithm: AlgorithmIdentifierOwned,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: Vec<u8>,
    this_update: OffsetDateTime,
    next_update: Option<OffsetDateTime>,
    revoked_count: usize,
    crl_number: Option<Vec<u8>>,
    authority_key_id: Option<Vec<u8>>,
    is_delta: bool,
    idp: Option<IssuingDistributionPoint>,
    unsupported_critical: Vec<ObjectIdentifier>,
}

fn algorithm(t: Tlv<'_>) -> Parsed<AlgorithmIdentifierOwned> {
    use der::Decode as _;
    let t = t.expect(Tag::Sequence, "AlgorithmIdentifier")?;
    AlgorithmIdentifierOwned::from_der(t.raw).map_err(|e| format!("AlgorithmIdentifier: {e}"))
}

impl<'a> Parts<'a> {
    fn read(der: &'a [u8]) -> Parsed<Parts<'a>> {
        let outer = Tlv::parse(der)?.expect(Tag::Sequence, "CertificateList")?;
        let mut top = outer.children()?;
        let tbs = top
            .required("tbsCertList")?
            .expect(Tag::Sequence, "tbsCertList")?;
        let signature_algorithm = algorithm(top.required("signatureAlgorithm")?)?;
        let signature = asn1::bit_string_bytes(top.required("signatureValue")?)?.to_vec();
        top.finish("the CRL")?;

        let mut f = tbs.children()?;
        let mut next = f.required("signature")?;
        if next.tag == Tag::Integer {
            if asn1::small_uint(next)? != 1 {
                return Err("only v2 CRLs carry a version, and it must be v2".into());
            }
            next = f.required("signature")?;
        }
        let tbs_signature_algorithm = algorithm(next)?;
        let issuer = f.required("issuer")?.expect(Tag::Sequence, "issuer Name")?;
        let this_update = asn1::time(f.required("thisUpdate")?)?;
        let mut parts = Parts {
            tbs: tbs.raw,
            issuer: issuer.raw,
            revoked: &[],
            index: Vec::new(),
            tbs_signature_algorithm,
            signature_algorithm,
            signature,
            this_update,
            next_update: None,
            revoked_count: 0,
            crl_number: None,
            authority_key_id: None,
            is_delta: false,
            idp: None,
            unsupported_critical: Vec::new(),
        };
        let mut next = f.next()?;
        if let Some(t) = next
            && matches!(t.tag, Tag::UtcTime | Tag::GeneralizedTime)
        {
            parts.next_update = Some(asn1::time(t)?);
            next = f.next()?;
        }
        if let Some(t) = next
            && t.tag == Tag::Sequence
        {
            parts.revoked = t.value;
            parts.read_entries(t)?;
            parts.index.sort_unstable();
            next = f.next()?;
        }
        if let Some(t) = next {
            if !t.is_context(0, true) {
                return Err(format!("unexpected {} in tbsCertList", t.tag));
            }
            let inner = Tlv::parse(t.value)?;
            parts.read_extensions(inner)?;
        }
        f.finish("tbsCertList")?;
        Ok(parts)
    }

    fn read_entries(&mut self, seq: Tlv<'a>) -> Parsed<()> {
        let mut entries = seq.children()?;
        while let Some(entry) = entries.next()? {
            if self.revoked_count == MAX_REVOKED_ENTRIES {
                return Err(format!("more than {MAX_REVOKED_ENTRIES} revoked entries"));
            }
            self.revoked_count += 1;
            let (parsed, critical) = read_entry(entry)?;
            let offset = range_in(seq.value, entry.raw).start;
            let offset = u32::try_from(offset).map_err(|_| "CRL too large".to_string())?;
            self.index.push((serial_hash(&parsed.serial), offset));
            for oid in critical {
                if !self.unsupported_critical.contains(&oid) {
                    self.unsupported_critical.push(oid);
                }
            }
        }
        Ok(())
    }

    fn read_extensions(&mut self, seq: Tlv<'a>) -> Parsed<()> {
        for ext in asn1::extensions(seq)? {
            let known = match ext.oid {
                EXT_CRL_NUMBER => {
                    let n = Tlv::parse(ext.value)?.expect(Tag::Integer, "cRLNumber")?;
                    self.crl_number = Some(n.value.to_vec());
                    true
                }
                EXT_AUTHORITY_KEY_ID => {
                    self.authority_key_id = authority_key_id(ext.value)?;
                    true
                }
                EXT_DELTA_CRL_INDICATOR => {
                    self.is_delta = true;
                    true
                }
                EXT_ISSUING_DISTRIBUTION_POINT => {
                    self.idp = Some(issuing_distribution_point(ext.value)?);
                    true
                }
                EXT_ISSUER_ALT_NAME
                | EXT_FRESHEST_CRL
                | EXT_AUTHORITY_INFO_ACCESS
                | EXT_MS_CA_VERSION
                | EXT_MS_NEXT_PUBLISH => true,
                _ => false,
            };
            if ext.critical && !known && !self.unsupported_critical.contains(&ext.oid) {
                self.unsupported_critical.push(ext.oid);
            }
        }
        Ok(())
    }
}

/// FNV-1a of a serial number's content octets.
fn serial_hash(serial: &[u8]) -> u64 {
    serial.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

/// Reads one revoked entry; also returns the critical entry extensions
/// signet does not process.
fn read_entry(entry: Tlv<'_>) -> Parsed<(RevokedEntry, Vec<ObjectIdentifier>)> {
    let entry = entry.expect(Tag::Sequence, "revoked entry")?;
    let mut f = entry.children()?;
    let serial = f
        .required("userCertificate")?
        .expect(Tag::Integer, "userCertificate")?;
    if serial.value.is_empty() {
        return Err("empty serial number".into());
    }
    let revocation_date = asn1::time(f.required("revocationDate")?)?;
    let mut out = RevokedEntry {
        serial: serial.value.to_vec(),
        revocation_date,
        reason: None,
        invalidity_date: None,
    };
    let mut critical = Vec::new();
    if let Some(exts) = f.next()? {
        for ext in asn1::extensions(exts)? {
            match ext.oid {
                EXT_REASON_CODE => {
                    let v = Tlv::parse(ext.value)?.expect(Tag::Enumerated, "reasonCode")?;
                    out.reason = Some(CrlReason(asn1::small_uint(v)?));
                }
                EXT_INVALIDITY_DATE => {
                    out.invalidity_date = Some(asn1::time(Tlv::parse(ext.value)?)?)
                }
                // Always critical; it makes the CRL indirect.
                EXT_CERTIFICATE_ISSUER => critical.push(ext.oid),
                other if ext.critical => critical.push(other),
                _ => {}
            }
        }
    }
    f.finish("a revoked entry")?;
    Ok((out, critical))
}

/// `AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] … OPTIONAL, … }`.
fn authority_key_id(v: &[u8]) -> Parsed<Option<Vec<u8>>> {
    let seq = Tlv::parse(v)?.expect(Tag::Sequence, "authorityKeyIdentifier")?;
    let mut f = seq.children()?;
    while let Some(t) = f.next()? {
        if t.is_context(0, false) {
            return Ok(Some(t.value.to_vec()));
        }
    }
    Ok(None)
}

fn issuing_distribution_point(v: &[u8]) -> Parsed<IssuingDistributionPoint> {
    let seq = Tlv::parse(v)?.expect(Tag::Sequence, "issuingDistributionPoint")?;
    let mut idp = IssuingDistributionPoint::default();
    let mut f = seq.children()?;
    while let Some(t) = f.next()? {
        let flag = || asn1::boolean(t);
        match t.tag {
            Tag::ContextSpecific { number, .. } => match number.value() {
                0 => {
                    idp.has_distribution_point = true;
                    let name = Tlv::parse(t.value)?;
                    if name.is_context(0, true) {
                        let mut names = name.children()?;
                        while let Some(n) = names.next()? {
                            // uniformResourceIdentifier [6] IA5String
                            if n.is_context(6, false) {
                                idp.uris.push(String::from_utf8_lossy(n.value).into_owned());
                            }
                        }
                    } else {
                        idp.relative_name = true;
                    }
                }
                1 => idp.only_user_certs = flag()?,
                2 => idp.only_ca_certs = flag()?,
                3 => idp.only_some_reasons = true,
                4 => idp.indirect = flag()?,
                5 => idp.only_attribute_certs = flag()?,
                n => return Err(format!("unknown issuingDistributionPoint field [{n}]")),
            },
            other => return Err(format!("unexpected {other} in issuingDistributionPoint")),
        }
    }
    Ok(idp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::revocation::asn1::{encode, sequence};

    const SHA256_RSA: &[u8] = &[
        0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B, 0x05, 0x00,
    ];

    fn name(cn: &str) -> Vec<u8> {
        let atv = sequence(&[
            &[0x06, 0x03, 0x55, 0x04, 0x03],
            &encode(0x0C, cn.as_bytes()),
        ]);
        sequence(&[&encode(0x31, &atv)])
    }

    fn ext(oid: &[u8], critical: bool, value: &[u8]) -> Vec<u8> {
        let crit: &[u8] = if critical { &[0x01, 0x01, 0xFF] } else { &[] };
        sequence(&[&encode(0x06, oid), crit, &encode(0x04, value)])
    }

    /// A CRL with the given entries and CRL extensions (unsigned).
    fn crl(entries: &[Vec<u8>], exts: &[Vec<u8>]) -> Vec<u8> {
        let mut tbs_parts: Vec<Vec<u8>> = vec![
            vec![0x02, 0x01, 0x01],
            SHA256_RSA.to_vec(),
            name("Test CA"),
            encode(0x17, b"261125173209Z"),
            encode(0x17, b"261202173209Z"),
        ];
        if !entries.is_empty() {
            tbs_parts.push(encode(0x30, &entries.concat()));
        }
        if !exts.is_empty() {
            tbs_parts.push(encode(0xA0, &encode(0x30, &exts.concat())));
        }
        let refs: Vec<&[u8]> = tbs_parts.iter().map(Vec::as_slice).collect();
        let tbs = sequence(&refs);
        sequence(&[&tbs, SHA256_RSA, &encode(0x03, &[0, 1, 2, 3])])
    }

    fn entry(serial: &[u8], reason: Option<u8>) -> Vec<u8> {
        let mut parts = vec![encode(0x02, serial), encode(0x17, b"261125173209Z")];
        if let Some(r) = reason {
            parts.push(encode(
                0x30,
                &ext(&[0x55, 0x1D, 0x15], false, &[0x0A, 0x01, r]),
            ));
        }
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        sequence(&refs)
    }

    #[test]
    fn reads_entries_and_extensions() {
        let der = crl(
            &[entry(&[0x10, 0x01], None), entry(&[0x10, 0x02], Some(1))],
            &[ext(&[0x55, 0x1D, 0x14], false, &[0x02, 0x01, 0x07])],
        );
        let c = Crl::from_der(der).expect("parses");
        assert_eq!(c.revoked_count, 2);
        assert_eq!(c.crl_number, Some(vec![7]));
        assert_eq!(c.this_update.unix_timestamp(), 1_795_627_929);
        assert!(c.next_update.is_some());
        let e = c.find(&[0x10, 0x02]).unwrap().expect("listed");
        assert_eq!(e.reason, Some(CrlReason::KEY_COMPROMISE));
        assert!(c.find(&[0x10, 0x01]).unwrap().unwrap().reason.is_none());
        assert!(c.find(&[0x10, 0x03]).unwrap().is_none());
        assert!(c.unsupported_critical.is_empty());
        assert_eq!(c.signature_value(), &[1, 2, 3]);
    }

    #[test]
    fn delta_idp_and_unknown_critical_extensions_are_recorded() {
        let delta = Crl::from_der(crl(
            &[],
            &[ext(&[0x55, 0x1D, 0x1B], true, &[0x02, 0x01, 0x01])],
        ))
        .unwrap();
        assert!(delta.is_delta);
        let idp_value = sequence(&[&[0x84, 0x01, 0xFF]]);
        let indirect =
            Crl::from_der(crl(&[], &[ext(&[0x55, 0x1D, 0x1C], true, &idp_value)])).unwrap();
        assert!(indirect.issuing_distribution_point.unwrap().indirect);
        let unknown = Crl::from_der(crl(&[], &[ext(&[0x2A, 0x03], true, &[0x05, 0x00])])).unwrap();
        assert_eq!(unknown.unsupported_critical.len(), 1);
        let entry_issuer = {
            let exts = encode(0x30, &ext(&[0x55, 0x1D, 0x1D], true, &[0x30, 0x00]));
            sequence(&[&encode(0x02, &[1]), &encode(0x17, b"261125173209Z"), &exts])
        };
        let c = Crl::from_der(crl(&[entry_issuer], &[])).unwrap();
        assert_eq!(c.unsupported_critical, vec![EXT_CERTIFICATE_ISSUER]);
    }

    #[test]
    fn pem_is_read() {
        use base64::Engine as _;
        let der = crl(&[entry(&[5], None)], &[]);
        let pem = format!(
            "-----BEGIN X509 CRL-----\n{}\n-----END X509 CRL-----\n",
            base64::engine::general_purpose::STANDARD.encode(&der)
        );
        assert_eq!(Crl::parse(pem.as_bytes()).unwrap().der(), der.as_slice());
    }

    #[test]
    fn every_truncation_and_corruption_is_an_error_not_a_panic() {
        let der = crl(
            &[entry(&[0x10, 0x01], None), entry(&[0x10, 0x02], Some(1))],
            &[ext(&[0x55, 0x1D, 0x14], false, &[0x02, 0x01, 0x07])],
        );
        for len in 0..der.len() {
            assert!(
                Crl::from_der(der[..len].to_vec()).is_err(),
                "truncated at {len}"
            );
        }
        for i in 0..der.len() {
            for x in [0x00, 0x80, 0xFF] {
                let mut d = der.clone();
                d[i] ^= x | 1;
                if let Ok(c) = Crl::from_der(d) {
                    let _ = c.find(&[0x10, 0x02]);
                }
            }
        }
        assert!(Crl::parse(b"").is_err());
        assert!(Crl::parse(b"<html><body>404</body></html>").is_err());
    }

    #[test]
    fn a_million_entries_are_read_and_indexed() {
        let entries: Vec<Vec<u8>> = (0u32..MAX_REVOKED_ENTRIES as u32)
            .map(|i| entry(&(i | 0x0100_0000).to_be_bytes(), None))
            .collect();
        let c = Crl::from_der(crl(&entries, &[])).expect("parses");
        assert_eq!(c.revoked_count, MAX_REVOKED_ENTRIES);
        assert!(c.find(&[9, 9, 9, 9, 9]).unwrap().is_none());
        let serial = (777_777u32 | 0x0100_0000).to_be_bytes();
        assert_eq!(c.find(&serial).unwrap().expect("listed").serial, serial);
        let one_more = crl(&[entries.concat(), entry(&[1], None)], &[]);
        assert!(Crl::from_der(one_more).is_err(), "more than the limit");
    }

    #[test]
    fn limits() {
        let mut huge = vec![0x30, 0x84, 0x02, 0x00, 0x00, 0x01];
        huge.resize(MAX_CRL_LEN + 6, 0);
        assert!(matches!(
            Crl::from_der(huge),
            Err(RevocationError::TooLarge { .. })
        ));
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
            if let Ok(c) = Crl::from_der(bytes.clone()) {
                let _ = c.find(&[1]);
            }
            let _ = Crl::parse(&bytes);
        }

        #[test]
        fn mutated_crls_never_panic(pos in 0usize..400, byte in proptest::num::u8::ANY) {
            let mut der = crl(&[entry(&[0x10, 0x01], None), entry(&[0x10, 0x02], Some(1))], &[]);
            if let Some(b) = der.get_mut(pos) {
                *b = byte;
            }
            if let Ok(c) = Crl::from_der(der) {
                let _ = c.find(&[0x10, 0x02]);
            }
        }
    }
}
