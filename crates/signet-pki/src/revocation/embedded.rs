//! The first source: revocation values a signature carries (CAdES-X Long
//! revocation-values, [RFC 5126 section 6.3.4], and the SignedData's
//! `crls`), asked offline. Each value is parsed once, and at most
//! [`MAX_EMBEDDED_TRIES`] of each kind are examined per certificate, so a
//! signature stuffed with forged CRLs costs a bounded number of signature
//! checks.
//!
//! [RFC 5126 section 6.3.4]: https://datatracker.ietf.org/doc/html/rfc5126#section-6.3.4

use std::sync::Arc;

use super::checker::{CachedCrl, Run};
use super::crl::Crl;
use super::ocsp::{OcspResponse, OcspResponseStatus};
use super::{MAX_EMBEDDED_TRIES, RevocationError, RevocationSource, RevocationStatus};

/// Revocation values carried in a signature (CAdES-X Long
/// revocation-values, the SignedData's `crls`), parsed once and then asked
/// about every certificate of every signer's path. Cloning shares the
/// parsed values (and the signature checks each parsed CRL remembers).
#[derive(Clone, Default)]
pub struct EmbeddedValues {
    crls: Vec<Arc<Result<CachedCrl, RevocationError>>>,
    ocsp: Vec<Arc<Result<OcspResponse, RevocationError>>>,
}

impl EmbeddedValues {
    /// Parses DER CRLs and DER `OCSPResponse`s; one that cannot be read
    /// stays as its error, reported when a certificate is checked.
    pub fn parse(crls: &[Vec<u8>], ocsp: &[Vec<u8>]) -> Self {
        EmbeddedValues {
            crls: crls
                .iter()
                .map(|der| Arc::new(Crl::parse(der).map(CachedCrl::new)))
                .collect(),
            ocsp: ocsp
                .iter()
                .map(|der| Arc::new(OcspResponse::from_der(der)))
                .collect(),
        }
    }

    /// These values, then `more`'s.
    pub fn followed_by(&self, more: &EmbeddedValues) -> Self {
        EmbeddedValues {
            crls: self.crls.iter().chain(&more.crls).cloned().collect(),
            ocsp: self.ocsp.iter().chain(&more.ocsp).cloned().collect(),
        }
    }
}

/// Counts the embedded values examined for one certificate against
/// [`MAX_EMBEDDED_TRIES`].
struct TryBudget {
    what: &'static str,
    tried: usize,
    skipped: usize,
}

impl TryBudget {
    fn new(what: &'static str) -> Self {
        TryBudget {
            what,
            tried: 0,
            skipped: 0,
        }
    }

    /// Whether one more may be examined; counts it either way.
    fn take(&mut self) -> bool {
        if self.tried < MAX_EMBEDDED_TRIES {
            self.tried += 1;
            true
        } else {
            self.skipped += 1;
            false
        }
    }

    /// The reason to give when some were skipped.
    fn reason(&self) -> Option<String> {
        (self.skipped > 0).then(|| {
            format!(
                "{} more embedded {} not examined (at most {MAX_EMBEDDED_TRIES} per certificate)",
                self.skipped, self.what
            )
        })
    }
}

impl Run<'_> {
    /// The embedded OCSP responses about the certificate.
    pub(super) fn embedded_ocsp(&mut self, embedded: &EmbeddedValues) -> Option<RevocationStatus> {
        let options = self.ocsp_options();
        let mut budget = TryBudget::new("OCSP responses");
        for (i, parsed) in embedded.ocsp.iter().enumerate() {
            let basic = match parsed.as_ref() {
                Ok(r) => match &r.basic {
                    Some(b) if r.status == OcspResponseStatus::Successful => Ok(b),
                    _ => Err(RevocationError::OcspStatus(r.status)),
                },
                Err(e) => Err(e.clone()),
            };
            // One about another certificate of the signature costs nothing.
            if basic
                .as_ref()
                .is_ok_and(|b| b.find(self.cert, self.issuer).is_none())
                || !budget.take()
            {
                continue;
            }
            let label = format!("embedded OCSP response #{}", i + 1);
            match basic.and_then(|b| {
                b.check(self.cert, self.issuer, self.time, None, &options)
                    .map(|c| (c, b))
            }) {
                Ok((c, b)) => {
                    if let Some(s) = self.take_answer(&label, c, None, b) {
                        return Some(s);
                    }
                }
                Err(e) => self.reasons.push(format!("{label}: {e}")),
            }
        }
        self.reasons.extend(budget.reason());
        None
    }

    /// The embedded CRLs of the certificate's issuer.
    pub(super) fn embedded_crls(&mut self, embedded: &EmbeddedValues) -> Option<RevocationStatus> {
        let mut budget = TryBudget::new("CRLs");
        for (i, parsed) in embedded.crls.iter().enumerate() {
            // Another CA's CRL, for another certificate of the path, costs
            // nothing.
            if parsed
                .as_ref()
                .as_ref()
                .is_ok_and(|c| !c.crl.is_issued_by_name(self.issuer))
                || !budget.take()
            {
                continue;
            }
            let label = format!("embedded CRL #{}", i + 1);
            match parsed.as_ref() {
                Err(e) => self.reasons.push(format!("{label}: {e}")),
                Ok(crl) => {
                    if let Some(s) = self.use_crl(&label, crl, RevocationSource::Crl { url: None })
                    {
                        return Some(s);
                    }
                }
            }
        }
        self.reasons.extend(budget.reason());
        None
    }
}
