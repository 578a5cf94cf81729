//! The validation engine: everything that decides whether a CMS signature
//! is valid, in one call, with a report that says what was checked and why
//! it failed.
//!
//! For each signer ([RFC 5652] section 5.6, [RFC 5126], [RFC 5280]):
//!
//! 1. the signature over the content and the signed attributes
//!    ([`crate::cms`]);
//! 2. the CAdES level, with its signature-time-stamp ([`crate::tsp`]) and,
//!    for CAdES-X Long Type 1, its validation data and CAdES-C time-stamp
//!    ([`crate::cades`]);
//! 3. unless only the signature is asked for: the certification path of the
//!    signer's certificate to the trust store ([`crate::path`]), checked at
//!    the validation time — the time-stamp's time for CAdES-T and above
//!    (the signature provably existed then), else now — and the
//!    revocation status of every certificate of the path but the anchor
//!    ([`crate::revocation`], embedded CAdES-X values first). A
//!    certificate revoked after the validation time does not fail a
//!    time-stamped signature: it was made while the certificate was good.
//!
//! Besides the verdict, each signer's report carries the certification
//! path link by link ([`SignerReport::links`]): every certificate with what
//! path validation found about it and its revocation status — also when the
//! chain failed, as far as the closest path got — so that a person can be
//! shown which link broke and why.
//!
//! The engine is synchronous and does its network I/O (AIA, CRL, OCSP)
//! through the traits it is given; the server calls it on a blocking
//! thread.
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-5.6
//! [RFC 5126]: https://datatracker.ietf.org/doc/html/rfc5126
//! [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-6

use time::OffsetDateTime;

use crate::cades::{self, CadesLevel, LongTermData};
use crate::cms::attributes as attr;
use crate::cms::{Content, SignedData, SignerFailure, SignerInfo};
use crate::path::{IssuerSource, LinkCheck, PathError, PathValidator};
use crate::revocation::{EmbeddedValues, RevocationChecker, RevocationSource, RevocationStatus};
use crate::tsp::TimestampToken;
use crate::{Certificate, TrustStore};

impl RevocationSource {
    /// Where the answer came from, for a person.
    pub fn describe(&self) -> String {
        let (kind, url) = match self {
            RevocationSource::Crl { url } => ("CRL", url),
            RevocationSource::Ocsp { url } => ("OCSP", url),
        };
        match url {
            Some(u) => format!("{kind} {u}"),
            None => format!("{kind} embedded in the signature"),
        }
    }
}

/// What to check.
#[derive(Clone, Copy, Debug)]
pub struct ValidationOptions {
    /// Check only that the signature matches the content (no chain, no
    /// revocation) — the CryptoApi `VerifySignatureOnly` flag.
    pub signature_only: bool,
    /// The current time; the validation time for signers without a
    /// valid time-stamp.
    pub now: OffsetDateTime,
    /// Whether an unknown revocation status fails the signer (the default)
    /// or is only reported.
    pub require_revocation: bool,
}

impl ValidationOptions {
    /// Full validation at `now`, revocation required.
    pub fn full(now: OffsetDateTime) -> Self {
        ValidationOptions {
            signature_only: false,
            now,
            require_revocation: true,
        }
    }
}

/// The outcome of a signature time-stamp check.
#[derive(Clone, Debug)]
pub struct TimestampReport {
    /// The token's time.
    pub time: OffsetDateTime,
    /// The TSA's certificate.
    pub tsa: Option<Certificate>,
    /// Ok, or why the time-stamp is not valid.
    pub result: Result<(), String>,
}

/// The outcome of the chain check of a signer.
#[derive(Clone, Debug)]
pub enum ChainStatus {
    /// Not checked (signature-only validation, or the signature failed).
    NotChecked,
    /// A valid path, and each certificate's revocation status.
    Valid {
        /// End entity first, anchor last.
        path: Vec<Certificate>,
        /// The status of each certificate but the anchor, in path order;
        /// empty when revocation was not checked.
        revocation: Vec<RevocationStatus>,
    },
    /// No valid path.
    Invalid(PathError),
    /// A certificate of the path is revoked.
    Revoked {
        /// Which certificate.
        subject: String,
        /// When.
        time: OffsetDateTime,
        /// Why.
        reason: Option<String>,
    },
    /// The revocation status of a certificate could not be found.
    RevocationUnknown {
        /// Which certificate.
        subject: String,
        /// What was tried.
        reasons: Vec<String>,
    },
}

impl ChainStatus {
    /// Why the chain is not acceptable, in words for a person; `None` when
    /// it is (or was not checked). An unknown revocation status fails only
    /// when `require_revocation`.
    pub fn failure(&self, require_revocation: bool) -> Option<String> {
        match self {
            ChainStatus::Valid { path, revocation }
                if require_revocation && revocation.len() + 1 < path.len() =>
            {
                Some("revocation was not checked, and this validation requires it".into())
            }
            ChainStatus::NotChecked | ChainStatus::Valid { .. } => None,
            ChainStatus::Invalid(e) => Some(e.to_string()),
            ChainStatus::Revoked {
                subject,
                time,
                reason,
            } => Some(format!(
                "the certificate \"{subject}\" was revoked on {time}{}",
                reason
                    .as_ref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            )),
            ChainStatus::RevocationUnknown { subject, reasons } if require_revocation => {
                Some(format!(
                    "the revocation status of \"{subject}\" is unknown: {}",
                    reasons.join("; ")
                ))
            }
            ChainStatus::RevocationUnknown { .. } => None,
        }
    }
}

/// One certificate of a signer's certification path, with what was found
/// about it.
#[derive(Clone, Debug)]
pub struct ChainLink {
    /// The certificate.
    pub certificate: Certificate,
    /// What path validation found: passed, failed (and by which rule), or
    /// not reached.
    pub check: LinkCheck,
    /// Its revocation status, when it was asked: every certificate of a
    /// complete path but the trust anchor, when revocation is checked.
    pub revocation: Option<RevocationStatus>,
}

/// Everything found about one signer.
#[derive(Clone, Debug)]
pub struct SignerReport {
    /// The signer's certificate, when found.
    pub certificate: Option<Certificate>,
    /// The signed signing-time.
    pub signing_time: Option<OffsetDateTime>,
    /// The CAdES level, for a CAdES signature.
    pub cades: Option<CadesLevel>,
    /// The signature-time-stamp, if there is one.
    pub timestamp: Option<TimestampReport>,
    /// The time the chain was checked at.
    pub validation_time: OffsetDateTime,
    /// The signature check.
    pub signature: Result<(), SignerFailure>,
    /// Problems of the CAdES-X Long data (refs not matching values, a bad
    /// CAdES-C time-stamp): the level falls back to CAdES-T and these say why.
    pub long_term_problems: Vec<String>,
    /// The chain check.
    pub chain: ChainStatus,
    /// The certification path link by link, end entity first: the whole
    /// path when one was found (valid, revoked or of unknown revocation
    /// status), the closest path when none was (see
    /// [`PathValidator::validate_partial`]); empty when the chain was not
    /// checked.
    pub links: Vec<ChainLink>,
    /// Whether an unknown revocation status counts as a failure.
    require_revocation: bool,
}

impl SignerReport {
    /// Why the signer is not valid, in words for a person; `None` when it
    /// is valid.
    pub fn failure(&self) -> Option<String> {
        if let Err(e) = &self.signature {
            return Some(e.to_string());
        }
        if let Some(TimestampReport { result: Err(e), .. }) = &self.timestamp {
            return Some(e.clone());
        }
        self.chain.failure(self.require_revocation)
    }

    /// Whether the signer is valid.
    pub fn is_valid(&self) -> bool {
        self.failure().is_none()
    }
}

/// The outcome of validating a signature.
#[derive(Clone, Debug)]
pub struct ValidationReport {
    /// One report per signer, in signature order.
    pub signers: Vec<SignerReport>,
}

impl ValidationReport {
    /// Valid when there is at least one signer and every signer is valid.
    pub fn is_valid(&self) -> bool {
        !self.signers.is_empty() && self.signers.iter().all(SignerReport::is_valid)
    }

    /// The first failure, for a one-line answer.
    pub fn failure(&self) -> Option<String> {
        if self.signers.is_empty() {
            return Some("the signature has no signers".into());
        }
        self.signers.iter().enumerate().find_map(|(i, s)| {
            s.failure().map(|f| {
                if self.signers.len() > 1 {
                    format!("signer {}: {f}", i + 1)
                } else {
                    f
                }
            })
        })
    }
}

/// The engine, over a trust store and the sources it may consult.
pub struct Validator<'a> {
    /// Trusted roots and intermediates.
    pub trust: &'a TrustStore,
    /// Where missing issuers are fetched from.
    pub issuers: &'a dyn IssuerSource,
    /// Revocation checking; `None` skips it (reported as not checked, which
    /// fails when the options require revocation).
    pub revocation: Option<&'a RevocationChecker>,
}

impl Validator<'_> {
    /// Validates every signer of `signed` against `content`.
    pub fn validate(
        &self,
        signed: &SignedData,
        content: Content<'_>,
        options: &ValidationOptions,
    ) -> ValidationReport {
        // The SignedData's CRLs serve every signer: read them once, when
        // revocation is checked.
        let shared = if self.revocation.is_some() && !options.signature_only {
            EmbeddedValues::parse(&signed.crls, &[])
        } else {
            EmbeddedValues::default()
        };
        let signers = signed
            .signers
            .iter()
            .map(|s| self.validate_signer(signed, s, content, options, &shared))
            .collect();
        ValidationReport { signers }
    }

    fn validate_signer(
        &self,
        signed: &SignedData,
        signer: &SignerInfo,
        content: Content<'_>,
        options: &ValidationOptions,
        shared: &EmbeddedValues,
    ) -> SignerReport {
        let trusted = self.trust.certificates();
        let check = signed.check_signer(signer, content, trusted);
        let mut report = SignerReport {
            certificate: check.certificate.clone(),
            signing_time: check.signing_time,
            cades: None,
            timestamp: None,
            validation_time: options.now,
            signature: check.result.clone(),
            long_term_problems: Vec::new(),
            chain: ChainStatus::NotChecked,
            links: Vec::new(),
            require_revocation: options.require_revocation,
        };
        if report.signature.is_err() {
            return report;
        }
        if check.signing_certificate.is_some() {
            report.cades = Some(CadesLevel::Bes);
        }
        // The signature-time-stamp: over the signature value.
        if let Some(token_der) = signer
            .unsigned_attrs(&attr::SIGNATURE_TIME_STAMP)
            .next()
            .and_then(|a| a.values.first())
        {
            let ts = self.check_timestamp(token_der, &signer.signature, signed, options);
            if ts.result.is_ok() {
                report.validation_time = ts.time;
                if report.cades.is_some() {
                    report.cades = Some(CadesLevel::T);
                }
            }
            report.timestamp = Some(ts);
        }
        let long_term =
            if report.cades == Some(CadesLevel::T) && cades::has_x_long_type1_attributes(signer) {
                match LongTermData::read(signer) {
                    Ok(data) => Some(data),
                    Err(e) => {
                        report
                            .long_term_problems
                            .push(format!("malformed CAdES-X Long attributes: {e}"));
                        None
                    }
                }
            } else {
                None
            };
        if options.signature_only {
            if let Some(data) = &long_term {
                self.check_long_term(signed, signer, data, None, options, &mut report);
            }
            return report;
        }
        let Some(cert) = report.certificate.clone() else {
            return report;
        };
        let mut pool = signed.certificates.clone();
        if let Some(data) = &long_term {
            pool.extend(data.certificates.iter().cloned());
        }
        let validator = PathValidator::new(self.trust, self.issuers);
        report.chain = match validator.validate_partial(&cert, &pool, report.validation_time) {
            Err(failure) => {
                report.links = failure
                    .links
                    .into_iter()
                    .map(|(certificate, check)| ChainLink {
                        certificate,
                        check,
                        revocation: None,
                    })
                    .collect();
                ChainStatus::Invalid(failure.error)
            }
            Ok(path) => {
                let embedded = match &long_term {
                    Some(d) if self.revocation.is_some() => {
                        EmbeddedValues::parse(&d.crls, &d.ocsp_responses).followed_by(shared)
                    }
                    _ => shared.clone(),
                };
                let statuses =
                    self.revocation_statuses(&path.certificates, report.validation_time, &embedded);
                report.links = path
                    .certificates
                    .iter()
                    .enumerate()
                    .map(|(i, c)| ChainLink {
                        certificate: c.clone(),
                        check: LinkCheck::Passed,
                        revocation: statuses.as_ref().and_then(|s| s.get(i)).cloned(),
                    })
                    .collect();
                chain_status(&path.certificates, statuses, report.validation_time)
            }
        };
        if let Some(data) = &long_term {
            let path = match &report.chain {
                ChainStatus::Valid { path, .. } => Some(path.clone()),
                _ => None,
            };
            self.check_long_term(signed, signer, data, path.as_deref(), options, &mut report);
        }
        report
    }

    /// Validates a certificate on its own — its path to the trust store
    /// and the revocation of every certificate on it — at `time`, with
    /// `intermediates` as candidate issuers (login by certificate).
    pub fn check_certificate(
        &self,
        cert: &Certificate,
        intermediates: &[Certificate],
        time: OffsetDateTime,
    ) -> ChainStatus {
        match PathValidator::new(self.trust, self.issuers).validate(cert, intermediates, time) {
            Err(e) => ChainStatus::Invalid(e),
            Ok(path) => {
                let statuses =
                    self.revocation_statuses(&path.certificates, time, &EmbeddedValues::default());
                chain_status(&path.certificates, statuses, time)
            }
        }
    }

    fn check_timestamp(
        &self,
        token_der: &[u8],
        imprinted: &[u8],
        signed: &SignedData,
        options: &ValidationOptions,
    ) -> TimestampReport {
        let token = match TimestampToken::from_der(token_der) {
            Ok(t) => t,
            Err(e) => {
                return TimestampReport {
                    time: options.now,
                    tsa: None,
                    result: Err(format!("the time-stamp cannot be read: {e}")),
                };
            }
        };
        let mut extra: Vec<Certificate> = self.trust.certificates().to_vec();
        extra.extend(signed.certificates.iter().cloned());
        let check = token.check(imprinted, &extra);
        let mut result = check.result.map_err(|e| e.to_string());
        // The TSA's own chain, at the token's time.
        if result.is_ok()
            && !options.signature_only
            && let Some(tsa) = &check.tsa_certificate
        {
            let mut pool = token.signed_data.certificates.clone();
            pool.extend(signed.certificates.iter().cloned());
            if let Err(e) =
                PathValidator::new(self.trust, self.issuers).validate(tsa, &pool, check.time)
            {
                result = Err(format!("the time-stamp authority is not trusted: {e}"));
            }
        }
        TimestampReport {
            time: check.time,
            tsa: check.tsa_certificate,
            result,
        }
    }

    /// The revocation status of every certificate of `path` but the
    /// anchor, in path order; `None` when revocation is not checked.
    fn revocation_statuses(
        &self,
        path: &[Certificate],
        time: OffsetDateTime,
        embedded: &EmbeddedValues,
    ) -> Option<Vec<RevocationStatus>> {
        let checker = self.revocation?;
        // Every link is asked, so that each one's status can be reported.
        Some(
            path.windows(2)
                .map(|pair| {
                    checker
                        .check_embedded(&pair[0], &pair[1], time, embedded)
                        .status
                })
                .collect(),
        )
    }

    /// Checks the CAdES-X Long Type 1 data; on success the level becomes
    /// X Long Type 1, else the problems are recorded and the level stays T.
    fn check_long_term(
        &self,
        signed: &SignedData,
        signer: &SignerInfo,
        data: &LongTermData,
        path: Option<&[Certificate]>,
        options: &ValidationOptions,
        report: &mut SignerReport,
    ) {
        let mut problems = Vec::new();
        // Every certificate of the path but the signer's must be referenced
        // and present among the values.
        if let Some(path) = path {
            for c in path.iter().skip(1) {
                if !data.certificate_refs.iter().any(|h| h.matches(c.der())) {
                    problems.push(format!(
                        "complete-certificate-references lacks \"{}\"",
                        c.fields().subject.simple_name().unwrap_or_default()
                    ));
                }
            }
        }
        for value in &data.certificates {
            if !data.certificate_refs.iter().any(|h| h.matches(value.der()))
                && Some(value) != report.certificate.as_ref()
            {
                problems.push("a certificate value has no reference".into());
            }
        }
        for crl in &data.crls {
            if !data.revocation_refs.iter().any(|h| h.matches(crl)) {
                problems.push("a CRL value has no reference".into());
            }
        }
        if data.crls.is_empty() && data.ocsp_responses.is_empty() {
            problems.push("revocation-values holds no CRL or OCSP answer".into());
        }
        match signer
            .unsigned_attrs(&attr::ESC_TIME_STAMP)
            .next()
            .and_then(|a| a.values.first())
        {
            Some(token) => {
                let esc = self.check_timestamp(
                    token,
                    &cades::esc_time_stamp_data(signer),
                    signed,
                    options,
                );
                if let Err(e) = esc.result {
                    problems.push(format!("CAdES-C time-stamp: {e}"));
                }
            }
            None => problems.push("no CAdES-C time-stamp".into()),
        }
        if problems.is_empty() {
            report.cades = Some(CadesLevel::XLongType1);
        } else {
            report.long_term_problems = problems;
        }
    }
}

/// The chain's status from a valid path and its revocation statuses
/// (`None`: not checked). A revocation anywhere outweighs an unknown status
/// elsewhere.
fn chain_status(
    path: &[Certificate],
    statuses: Option<Vec<RevocationStatus>>,
    time: OffsetDateTime,
) -> ChainStatus {
    let subject = |cert: &Certificate| {
        let f = cert.fields();
        f.subject
            .simple_name()
            .map(str::to_owned)
            .unwrap_or_else(|| f.subject.to_string())
    };
    let Some(statuses) = statuses else {
        return ChainStatus::Valid {
            path: path.to_vec(),
            revocation: Vec::new(),
        };
    };
    for (cert, status) in path.iter().zip(&statuses) {
        // Revoked after the validation time (after a time-stamp): the
        // signature was made while the certificate was good.
        if let RevocationStatus::Revoked {
            time: at, reason, ..
        } = status
            && *at <= time
        {
            return ChainStatus::Revoked {
                subject: subject(cert),
                time: *at,
                reason: reason.clone(),
            };
        }
    }
    for (cert, status) in path.iter().zip(&statuses) {
        if let RevocationStatus::Unknown { reasons } = status {
            return ChainStatus::RevocationUnknown {
                subject: subject(cert),
                reasons: reasons.clone(),
            };
        }
    }
    ChainStatus::Valid {
        path: path.to_vec(),
        revocation: statuses,
    }
}
