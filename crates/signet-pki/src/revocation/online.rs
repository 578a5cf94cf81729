//! The network sources: OCSP at the certificate's authorityInfoAccess
//! responders ([RFC 6960], [RFC 5280 section 4.2.2.1]) and CRLs at its
//! HTTP CRL distribution points ([RFC 5280 section 4.2.1.13]), with the
//! CRL cache and the CRL directory ([`super::crl_dir`]) asked before the
//! distribution points. At most [`MAX_URLS`] URLs per method are tried;
//! every fetch draws on the request's outbound budget, and a URL that
//! failed is not asked again for [`FAILURE_TTL`] (the fetcher's negative
//! cache, shared with caIssuers).
//!
//! [`FAILURE_TTL`]: crate::net::FAILURE_TTL
//!
//! [RFC 6960]: https://datatracker.ietf.org/doc/html/rfc6960
//! [RFC 5280 section 4.2.2.1]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.2.1
//! [RFC 5280 section 4.2.1.13]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.13

use std::sync::Arc;

use der::Encode;
use signet_crypto::DigestAlgorithm;

use super::checker::{CachedCrl, Run, ttl};
use super::crl::{Crl, MAX_CRL_LEN};
use super::ocsp::{
    BasicOcspResponse, CertId, CheckedAnswer, MAX_OCSP_RESPONSE_LEN, OCSP_REQUEST_TYPE,
    OcspRequest, OcspResponse, OcspResponseStatus,
};
use super::{
    CRL_DEFAULT_VALIDITY, MAX_URLS, OCSP_DEFAULT_VALIDITY, RevocationError, RevocationSource,
    RevocationStatus,
};
use crate::net::{FetchError, FetchRequest, is_fetchable};

impl Run<'_> {
    /// OCSP: the cached answer, else the responders.
    pub(super) fn online_ocsp(&mut self) -> Option<RevocationStatus> {
        let urls: Vec<String> = self
            .cert_fields
            .extensions
            .ocsp_urls
            .iter()
            .take(MAX_URLS)
            .cloned()
            .collect();
        if urls.is_empty() {
            return None;
        }
        let key = match CertId::new(self.cert, self.issuer, DigestAlgorithm::Sha1) {
            Ok(key) => key,
            Err(e) => {
                let e = RevocationError::RequestEncoding(e);
                self.reasons.push(format!("OCSP: {e}"));
                return None;
            }
        };
        if let Some(hit) = self
            .checker
            .ocsp
            .get(&key)
            .filter(|_| !self.wants_evidence())
        {
            let (url, answer) = hit.as_ref();
            let mut notes = Vec::new();
            if answer
                .check_fresh(self.time, &self.ocsp_options(), &mut notes)
                .is_ok()
                && let Some(v) = answer.verdict()
            {
                return Some(RevocationStatus::from_verdict(
                    v,
                    RevocationSource::Ocsp {
                        url: Some(url.clone()),
                    },
                ));
            }
        }
        for url in urls {
            let label = format!("OCSP {url}");
            if !self.may_fetch(&label, &url) {
                continue;
            }
            match self.fetch_ocsp(&url) {
                Ok((checked, basic)) => {
                    let answer = checked.answer.clone();
                    if answer.verdict().is_some() {
                        let ttl = ttl(answer.next_update, OCSP_DEFAULT_VALIDITY);
                        self.checker.ocsp.insert(
                            key.clone(),
                            Arc::new((url.clone(), answer)),
                            ttl,
                            1,
                        );
                    }
                    if let Some(s) = self.take_answer(&label, checked, Some(url), &basic) {
                        return Some(s);
                    }
                }
                Err(e) => self.reasons.push(format!("{label}: {e}")),
            }
        }
        None
    }

    /// Whether `url` may be fetched now; if not, says why.
    fn may_fetch(&mut self, label: &str, url: &str) -> bool {
        if !is_fetchable(url) {
            self.reasons
                .push(format!("{label}: {}", FetchError::UnsupportedScheme));
            return false;
        }
        if !self.checker.config.fetch {
            self.reasons
                .push(format!("{label}: not fetched (network access is off)"));
            return false;
        }
        true
    }

    /// Asks the responder at `url` about the certificate, with a nonce.
    fn fetch_ocsp(&self, url: &str) -> Result<(CheckedAnswer, BasicOcspResponse), RevocationError> {
        let request = OcspRequest::new(self.cert, self.issuer)?;
        let body = request.to_der().map_err(RevocationError::RequestEncoding)?;
        let exchange = FetchRequest::post(url, OCSP_REQUEST_TYPE, &body, MAX_OCSP_RESPONSE_LEN);
        let body = self.checker.fetcher.fetch(&exchange, Some(self.budget))?;
        let response = OcspResponse::from_der(&body)?;
        match response.basic {
            Some(basic) if response.status == OcspResponseStatus::Successful => basic
                .check(
                    self.cert,
                    self.issuer,
                    self.time,
                    Some(&request),
                    &self.ocsp_options(),
                )
                .map(|checked| (checked, basic)),
            _ => Err(RevocationError::OcspStatus(response.status)),
        }
    }

    /// CRLs: the cached CRL of a distribution point, the CRL directory,
    /// then the distribution points.
    pub(super) fn crls(&mut self) -> Option<RevocationStatus> {
        let named = &self.cert_fields.extensions.crl_distribution_points;
        let urls: Vec<String> = named.iter().take(MAX_URLS).cloned().collect();
        let untried = named.len().saturating_sub(MAX_URLS);
        for url in &urls {
            if let Some(hit) = self.checker.crls.get(url.as_str())
                && let Ok((v, notes)) = self.crl_verdict(&hit)
            {
                self.note(&format!("CRL {url}"), notes);
                self.keep_crl(&hit);
                return Some(RevocationStatus::from_verdict(
                    v,
                    RevocationSource::Crl {
                        url: Some(url.clone()),
                    },
                ));
            }
        }
        if let Some(dir) = self.checker.config.crl_dir.clone()
            && let Some(s) = self.crl_dir(&dir)
        {
            return Some(s);
        }
        for url in urls {
            let label = format!("CRL {url}");
            if !self.may_fetch(&label, &url) {
                continue;
            }
            let crl = match self
                .checker
                .fetcher
                .fetch(&FetchRequest::get(&url, MAX_CRL_LEN), Some(self.budget))
                .map_err(RevocationError::from)
                .and_then(|b| Crl::parse(&b))
            {
                Ok(c) => Arc::new(CachedCrl::new(c)),
                Err(e) => {
                    self.reasons.push(format!("{label}: {e}"));
                    continue;
                }
            };
            let result = self.use_crl(
                &label,
                &crl,
                RevocationSource::Crl {
                    url: Some(url.clone()),
                },
            );
            if result.is_some() {
                let ttl = ttl(crl.crl.next_update, CRL_DEFAULT_VALIDITY);
                let weight = crl.crl.memory_size();
                self.checker.crls.insert(url, crl, ttl, weight);
                return result;
            }
        }
        if untried > 0 {
            self.reasons.push(format!(
                "{untried} more CRL distribution points not tried (at most {MAX_URLS} per certificate)"
            ));
        }
        None
    }
}
