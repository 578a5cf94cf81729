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
//! through the sources it is given; the server calls it on a blocking
//! thread. Sources that fetch are bound to the outbound budget of the
//! request ([`crate::net::FetchBudget`]): one budget for every signer,
//! link, caIssuers URL, CRL and OCSP responder of the validation.
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-5.6
//! [RFC 5126]: https://datatracker.ietf.org/doc/html/rfc5126
//! [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-6

use time::OffsetDateTime;

use crate::cades::{self, CadesLevel, LongTermData};
use crate::cms::attributes as attr;
use crate::cms::{Content, SignedData, SignerInfo};
use crate::path::{IssuerSource, LinkCheck, PathValidator};
use crate::revocation::{BudgetedChecker, EmbeddedValues, RevocationStatus};
use crate::tsp::TimestampToken;
use crate::{Certificate, TrustStore};

mod engine;
mod report;

pub use engine::{CertificateRejected, Engine, RevocationMode};
pub use report::{
    ChainLink, ChainStatus, SignerReport, TimestampReport, ValidationOptions, ValidationReport,
};

/// The engine, over a trust store and the sources it may consult.
pub struct Validator<'a> {
    /// Trusted roots and intermediates.
    pub trust: &'a TrustStore,
    /// Where missing issuers are fetched from: [`crate::path::Offline`],
    /// or [`crate::net::CaIssuers::within`] the request's budget.
    pub issuers: &'a dyn IssuerSource,
    /// Revocation checking within the request's budget
    /// ([`crate::revocation::RevocationChecker::within`]); `None` skips it
    /// (reported as not checked, which fails when the options require
    /// revocation).
    pub revocation: Option<BudgetedChecker<'a>>,
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
        let checker = self.revocation.as_ref()?;
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
