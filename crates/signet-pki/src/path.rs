//! Certification path building and validation ([RFC 5280] section 6).
//!
//! From the end-entity certificate, issuers are looked for by name among
//! the trust store, the certificates the caller supplies (those in the
//! signature), and — when none of those leads to an anchor — those fetched
//! from the authorityInfoAccess caIssuers URLs. Every candidate is tried
//! until one path holds, so a copy of a CA with its name and key
//! identifier but another key (forged, or superseded) costs one signature
//! check and gives way to the real one. Each candidate path is checked
//! link by link:
//!
//! - the issuer's name equals the certificate's issuer name, and key
//!   identifiers agree where both are given (section 4.2.1.1);
//! - the certificate's signature verifies with the issuer's key;
//! - every certificate is within its validity period at the validation
//!   time (section 4.1.2.5) — the time is an argument, never the clock;
//! - every issuer is a CA: basicConstraints cA (section 4.2.1.9), keyUsage
//!   keyCertSign when keyUsage is present (section 4.2.1.3), and
//!   pathLenConstraint is respected;
//! - no certificate carries a critical extension signet does not process
//!   (section 4.2).
//!
//! The path ends at a certificate of the trust store. Work is bounded: at
//! most [`MAX_DEPTH`] certificates in a path and [`MAX_SIGNATURE_CHECKS`]
//! signature verifications per build, so a hostile set of certificates
//! cannot burn the CPU. When every candidate path fails, the error reported
//! is the most specific one (the failure of the longest path tried).
//!
//! Revocation is checked afterwards on the path found ([`crate::revocation`]).
//!
//! [`PathValidator::validate_partial`] also says, when no valid path is
//! found, how far the closest one got: its certificates, end entity first,
//! each marked passed, failed (with the rule) or not reached — what a person
//! needs to see to understand which link broke. When the end entity itself
//! fails (expired, not yet valid), the path above it is still built and
//! checked, so that its issuers can be shown too.
//!
//! [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-6

use std::borrow::Cow;

use const_oid::ObjectIdentifier;
use time::OffsetDateTime;

use crate::extensions::KeyUsage;
use crate::net::CaIssuersError;
use crate::oid::{self, ids};
use crate::signature::{self, SignatureError, SignedMessage};
use crate::{Certificate, CertificateFields, TrustStore};

mod verified;
use verified::{remember_verified, verified_before};

/// Longest path accepted, trust anchor included.
pub const MAX_DEPTH: usize = 8;
/// Most signature checks one path build may do.
pub const MAX_SIGNATURE_CHECKS: usize = 64;

/// Extensions signet processes, so they may be critical.
const UNDERSTOOD: [ObjectIdentifier; 13] = [
    ids::EXT_KEY_USAGE,
    ids::EXT_EXTENDED_KEY_USAGE,
    ids::EXT_BASIC_CONSTRAINTS,
    ids::EXT_SUBJECT_KEY_ID,
    ids::EXT_AUTHORITY_KEY_ID,
    ids::EXT_CERTIFICATE_POLICIES,
    ids::EXT_SUBJECT_ALT_NAME,
    ids::EXT_ISSUER_ALT_NAME,
    ids::EXT_CRL_DISTRIBUTION_POINTS,
    ids::EXT_AUTHORITY_INFO_ACCESS,
    ids::EXT_QC_STATEMENTS,
    ids::EXT_SUBJECT_DIRECTORY_ATTRIBUTES,
    ids::EXT_PRIVATE_KEY_USAGE_PERIOD,
];

/// Why no valid path was found. Each variant names the rule that broke.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PathError {
    /// No issuer of this certificate is known: the chain does not lead to
    /// a trusted root.
    #[error(
        "the chain does not lead to a trusted root: no issuer found for \"{subject}\" (issuer \"{issuer}\"){}",
        unfetched_issuers(.ca_issuers)
    )]
    UntrustedRoot {
        /// Subject of the last certificate reached.
        subject: String,
        /// The issuer it names.
        issuer: String,
        /// Why its caIssuers URLs gave no issuer ("caIssuers http://…:
        /// timed out after 10 s"), one entry per URL that failed.
        ca_issuers: Vec<String>,
    },
    /// A certificate's validity ended before the validation time.
    #[error("the certificate \"{subject}\" expired on {not_after} (checked at {time})")]
    Expired {
        /// Its subject.
        subject: String,
        /// notAfter.
        not_after: OffsetDateTime,
        /// The validation time.
        time: OffsetDateTime,
    },
    /// A certificate's validity starts after the validation time.
    #[error("the certificate \"{subject}\" is not valid before {not_before} (checked at {time})")]
    NotYetValid {
        /// Its subject.
        subject: String,
        /// notBefore.
        not_before: OffsetDateTime,
        /// The validation time.
        time: OffsetDateTime,
    },
    /// The issuer's signature on a certificate does not verify.
    #[error(
        "the signature of \"{issuer}\" on the certificate \"{subject}\" is not valid: {reason}"
    )]
    BadSignature {
        /// The certificate.
        subject: String,
        /// Its issuer.
        issuer: String,
        /// Why.
        reason: SignatureError,
    },
    /// An issuer is not allowed to issue certificates.
    #[error("\"{issuer}\" is not a certification authority ({reason}) but issued \"{subject}\"")]
    IssuerNotCa {
        /// The certificate issued.
        subject: String,
        /// The would-be CA.
        issuer: String,
        /// Which rule.
        reason: &'static str,
    },
    /// pathLenConstraint exceeded.
    #[error("the path is longer than \"{issuer}\" allows (pathLenConstraint {limit})")]
    PathTooLong {
        /// The CA whose constraint broke.
        issuer: String,
        /// Its pathLenConstraint.
        limit: u32,
    },
    /// A critical extension signet does not process.
    #[error(
        "the certificate \"{subject}\" has a critical extension signet does not process: {extension}"
    )]
    UnknownCriticalExtension {
        /// The certificate.
        subject: String,
        /// The extension.
        extension: String,
    },
    /// The search was cut off by its work limit.
    #[error("path building gave up after {0} signature checks")]
    BudgetExhausted(usize),
    /// The chain is longer than [`MAX_DEPTH`] certificates and has not
    /// reached a trust anchor: the search stops there rather than follow
    /// a chain of any length.
    #[error(
        "the chain does not reach a trusted root within {max} certificates (the last reached is \"{subject}\")"
    )]
    TooDeep {
        /// The certificate at the limit.
        subject: String,
        /// The limit.
        max: usize,
    },
}

/// "; caIssuers http://…: why; …", or nothing.
fn unfetched_issuers(reasons: &[String]) -> String {
    reasons.iter().map(|r| format!("; {r}")).collect()
}

impl PathError {
    /// How far down the path the error was found; the deepest is the most
    /// specific when several paths fail.
    fn rank(&self) -> u8 {
        match self {
            PathError::UntrustedRoot { .. } => 0,
            PathError::BudgetExhausted(_) | PathError::TooDeep { .. } => 1,
            _ => 2,
        }
    }
}

/// What path validation found about one certificate of a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkCheck {
    /// Within its validity period at the validation time, no unprocessed
    /// critical extension and, unless it is the last of the path, signed
    /// by the next certificate, which may issue it.
    Passed,
    /// This certificate broke this rule.
    Failed(PathError),
    /// Not reached: the path failed below it.
    NotChecked,
}

/// Why no valid path was found, with the path that came closest.
#[derive(Clone, Debug)]
pub struct PathFailure {
    /// The most specific error: what [`PathValidator::validate`] returns.
    pub error: PathError,
    /// The certificates of the closest path, end entity first, each with
    /// what was found about it. It ends where building stopped: at the
    /// certificate no issuer was found for, or at the issuer that failed.
    pub links: Vec<(Certificate, LinkCheck)>,
}

/// A failed path build inside the search: the error, the path it was
/// found on, and the index in it of the certificate that broke the rule.
struct Dead {
    error: PathError,
    path: Vec<Certificate>,
    at: usize,
}

impl Dead {
    /// `error` about `path[at]`, where `path` is the path so far plus the
    /// candidate issuer, if one was tried.
    fn new(error: PathError, path: &[Node], issuer: Option<&Node>, at: usize) -> Self {
        Dead {
            error,
            path: path
                .iter()
                .chain(issuer)
                .map(|n| n.cert.clone().into_owned())
                .collect(),
            at,
        }
    }

    /// The links of this path: passed below `at`, failed at it, not
    /// reached above it.
    fn links(self) -> Vec<(Certificate, LinkCheck)> {
        let Dead { error, path, at } = self;
        let mut error = Some(error);
        path.into_iter()
            .enumerate()
            .map(|(i, c)| {
                let check = match i.cmp(&at) {
                    std::cmp::Ordering::Less => LinkCheck::Passed,
                    std::cmp::Ordering::Equal => error
                        .take()
                        .map_or(LinkCheck::NotChecked, LinkCheck::Failed),
                    std::cmp::Ordering::Greater => LinkCheck::NotChecked,
                };
                (c, check)
            })
            .collect()
    }
}

/// A validated certification path, from the end entity to a trust anchor.
#[derive(Clone, Debug)]
pub struct CertificationPath {
    /// End entity first, trust anchor last.
    pub certificates: Vec<Certificate>,
}

impl CertificationPath {
    /// The trust anchor the path ends at.
    pub fn anchor(&self) -> Option<&Certificate> {
        self.certificates.last()
    }
}

/// Supplies issuer certificates from the network (authorityInfoAccess
/// caIssuers) to one path build: [`Offline`], or a request's
/// [`crate::net::CaIssuers::within`] its outbound budget.
pub trait IssuerSource {
    /// The certificates published at `url`, or why there are none to be
    /// had.
    fn ca_issuers(&self, url: &str) -> Result<Vec<Certificate>, CaIssuersError>;
}

/// An issuer source that never fetches.
pub struct Offline;

impl IssuerSource for Offline {
    fn ca_issuers(&self, _url: &str) -> Result<Vec<Certificate>, CaIssuersError> {
        Ok(Vec::new())
    }
}

/// A certificate in the search: borrowed from the trust store or the
/// caller, owned when fetched from the network, so that a request does not
/// copy the whole trust store.
struct Node<'a> {
    cert: Cow<'a, Certificate>,
}

impl<'a> Node<'a> {
    fn new(cert: &'a Certificate) -> Self {
        Node {
            cert: Cow::Borrowed(cert),
        }
    }

    fn owned(cert: Certificate) -> Self {
        Node {
            cert: Cow::Owned(cert),
        }
    }

    fn again(&self) -> Node<'a> {
        Node {
            cert: self.cert.clone(),
        }
    }

    fn fields(&self) -> &CertificateFields {
        self.cert.fields()
    }

    fn name(&self) -> String {
        name_of(self.fields())
    }
}

fn name_of(f: &CertificateFields) -> String {
    f.subject
        .simple_name()
        .map(str::to_owned)
        .unwrap_or_else(|| f.subject.to_string())
}

/// Builds and validates paths against a trust store.
pub struct PathValidator<'a> {
    trust: &'a TrustStore,
    issuers: &'a dyn IssuerSource,
}

struct Search<'a> {
    time: OffsetDateTime,
    pool: Vec<Node<'a>>,
    anchors: Vec<Node<'a>>,
    issuers: &'a dyn IssuerSource,
    /// caIssuers URLs asked, and why each that failed gave nothing.
    fetched: Vec<(String, Option<String>)>,
    checks: usize,
}

impl<'a> PathValidator<'a> {
    /// A validator over `trust`, fetching missing issuers with `issuers`.
    pub fn new(trust: &'a TrustStore, issuers: &'a dyn IssuerSource) -> Self {
        PathValidator { trust, issuers }
    }

    /// Finds a valid path for `end_entity` at `time`, using
    /// `intermediates` (typically the certificates of a signature).
    pub fn validate(
        &self,
        end_entity: &Certificate,
        intermediates: &[Certificate],
        time: OffsetDateTime,
    ) -> Result<CertificationPath, PathError> {
        self.build(end_entity, intermediates, time, false)
            .map_err(|f| f.error)
    }

    /// Like [`Self::validate`], and when no valid path is found, says how
    /// far the closest one got, certificate by certificate. When the end
    /// entity fails its own checks, the path above it is still built, so
    /// that its issuers can be shown (the error stays the end entity's).
    pub fn validate_partial(
        &self,
        end_entity: &Certificate,
        intermediates: &[Certificate],
        time: OffsetDateTime,
    ) -> Result<CertificationPath, PathFailure> {
        self.build(end_entity, intermediates, time, true)
    }

    fn build(
        &self,
        end_entity: &Certificate,
        intermediates: &[Certificate],
        time: OffsetDateTime,
        explain: bool,
    ) -> Result<CertificationPath, PathFailure> {
        let mut search = Search {
            time,
            pool: intermediates.iter().map(Node::new).collect(),
            anchors: self.trust.certificates().iter().map(Node::new).collect(),
            issuers: self.issuers,
            fetched: Vec::new(),
            checks: 0,
        };
        let ee = Node::new(end_entity);
        let own = check_self(&ee, time);
        let mut path = vec![ee];
        if let Err(error) = own {
            if !explain {
                return Err(PathFailure {
                    error,
                    links: Vec::new(),
                });
            }
            // The end entity's own failure is the answer; the rest of the
            // path is built only to be shown.
            let mut links = match search.extend(&mut path) {
                Ok(()) => path
                    .into_iter()
                    .map(|n| (n.cert.into_owned(), LinkCheck::Passed))
                    .collect(),
                Err(dead) => dead.links(),
            };
            if let Some(first) = links.first_mut() {
                first.1 = LinkCheck::Failed(error.clone());
            }
            return Err(PathFailure { error, links });
        }
        match search.extend(&mut path) {
            Ok(()) => Ok(CertificationPath {
                certificates: path.into_iter().map(|n| n.cert.into_owned()).collect(),
            }),
            Err(dead) => Err(PathFailure {
                error: dead.error.clone(),
                links: if explain { dead.links() } else { Vec::new() },
            }),
        }
    }
}

/// Checks of a certificate on its own: validity at `time`, critical
/// extensions.
fn check_self(node: &Node, time: OffsetDateTime) -> Result<(), PathError> {
    let f = node.fields();
    if time > f.not_after {
        return Err(PathError::Expired {
            subject: node.name(),
            not_after: f.not_after,
            time,
        });
    }
    if time < f.not_before {
        return Err(PathError::NotYetValid {
            subject: node.name(),
            not_before: f.not_before,
            time,
        });
    }
    if let Some(ext) = f
        .extensions
        .present
        .iter()
        .find(|e| e.critical && !UNDERSTOOD.contains(&e.oid))
    {
        return Err(PathError::UnknownCriticalExtension {
            subject: node.name(),
            extension: oid::name_of(&ext.oid),
        });
    }
    Ok(())
}

/// Whether `issuer` may be the issuer of `child` by names and key ids.
fn names_chain(child: &Node, issuer: &Node) -> bool {
    if child.cert.issuer_der() != issuer.cert.subject_der() {
        return false;
    }
    match (
        &child.fields().extensions.authority_key_id,
        &issuer.fields().extensions.subject_key_id,
    ) {
        (Some(aki), Some(ski)) => aki == ski,
        _ => true,
    }
}

fn is_self_issued(n: &Node) -> bool {
    n.cert.issuer_der() == n.cert.subject_der()
}

impl<'a> Search<'a> {
    /// Extends `path` (whose last element still needs an issuer) up to a
    /// trust anchor.
    fn extend(&mut self, path: &mut Vec<Node<'a>>) -> Result<(), Dead> {
        let Some(last) = path.last() else {
            return Err(Dead::new(
                PathError::BudgetExhausted(self.checks),
                path,
                None,
                0,
            ));
        };
        let top = path.len() - 1;
        // The last certificate is itself trusted.
        if self.anchors.iter().any(|a| a.cert == last.cert) {
            return Ok(());
        }
        if path.len() >= MAX_DEPTH {
            let error = PathError::TooDeep {
                subject: last.name(),
                max: MAX_DEPTH,
            };
            return Err(Dead::new(error, path, None, top));
        }
        let mut best: Option<Dead> = None;
        // Every candidate issuer is tried until one leads to an anchor: a
        // copy of a CA with its name and key identifier but another key
        // (forged, or superseded) costs one signature check and gives way
        // to the next. The caIssuers URLs are asked only when no local
        // candidate worked.
        let local = self.candidates(path);
        let mut any = !local.is_empty();
        if let Some(done) = self.try_all(path, local, &mut best) {
            return done;
        }
        let fetched = self.fetched_candidates(path);
        any |= !fetched.is_empty();
        if let Some(done) = self.try_all(path, fetched, &mut best) {
            return done;
        }
        if !any {
            let last = path.last().map(|n| {
                (
                    n.name(),
                    n.fields().issuer.to_string(),
                    self.unfetched(&n.fields().extensions.ca_issuers_urls),
                )
            });
            let (subject, issuer, ca_issuers) = last.unwrap_or_default();
            let error = PathError::UntrustedRoot {
                subject,
                issuer,
                ca_issuers,
            };
            return Err(Dead::new(error, path, None, top));
        }
        Err(best
            .unwrap_or_else(|| Dead::new(PathError::BudgetExhausted(self.checks), path, None, top)))
    }

    /// Tries `candidates` in turn as the issuer of the last certificate of
    /// `path`, keeping in `best` the most specific failure. `Some` ends
    /// the search: a path was found, or the budget is spent.
    fn try_all(
        &mut self,
        path: &mut Vec<Node<'a>>,
        candidates: Vec<(Node<'a>, bool)>,
        best: &mut Option<Dead>,
    ) -> Option<Result<(), Dead>> {
        for (node, is_anchor) in candidates {
            match self.try_issuer(path, node, is_anchor) {
                Ok(()) => return Some(Ok(())),
                // A spent budget ends the search: what failed before it
                // is no proof that no path exists, so it is not reported
                // in its place.
                Err(e) if matches!(e.error, PathError::BudgetExhausted(_)) => return Some(Err(e)),
                Err(e) => {
                    if best
                        .as_ref()
                        .is_none_or(|b| e.error.rank() >= b.error.rank())
                    {
                        *best = Some(e);
                    }
                }
            }
        }
        None
    }

    /// Candidate issuers of the last certificate, anchors first, then the
    /// pool; none already in the path.
    fn candidates(&self, path: &[Node<'a>]) -> Vec<(Node<'a>, bool)> {
        let Some(last) = path.last() else {
            return Vec::new();
        };
        let in_path = |n: &Node| path.iter().any(|p| p.cert == n.cert);
        let mut out: Vec<(Node<'a>, bool)> = Vec::new();
        for a in &self.anchors {
            if names_chain(last, a) && !in_path(a) {
                out.push((a.again(), true));
            }
        }
        for p in &self.pool {
            if names_chain(last, p) && !in_path(p) && !out.iter().any(|(o, _)| o.cert == p.cert) {
                out.push((p.again(), false));
            }
        }
        out
    }

    /// Candidate issuers of the last certificate from its caIssuers URLs
    /// not asked yet in this build (at most [`MAX_DEPTH`] URLs per build),
    /// none already in the path or in the pool (those were tried). What is
    /// fetched joins the pool.
    fn fetched_candidates(&mut self, path: &[Node<'a>]) -> Vec<(Node<'a>, bool)> {
        let Some(last) = path.last() else {
            return Vec::new();
        };
        let in_path = |n: &Node| path.iter().any(|p| p.cert == n.cert);
        let mut out: Vec<(Node<'a>, bool)> = Vec::new();
        for url in last.fields().extensions.ca_issuers_urls.clone() {
            if self.fetched.iter().any(|(u, _)| *u == url) || self.fetched.len() >= MAX_DEPTH {
                continue;
            }
            let certs = match self.issuers.ca_issuers(&url) {
                Ok(certs) => {
                    self.fetched.push((url, None));
                    certs
                }
                Err(e) => {
                    let why = format!("caIssuers {url}: {e}");
                    self.fetched.push((url, Some(why)));
                    Vec::new()
                }
            };
            for c in certs {
                let n = Node::owned(c);
                if self.pool.iter().any(|p| p.cert == n.cert) {
                    continue;
                }
                if names_chain(last, &n) && !in_path(&n) {
                    out.push((n.again(), false));
                }
                self.pool.push(n);
            }
        }
        out
    }

    /// Why the caIssuers URLs among `urls` that were asked gave nothing.
    fn unfetched(&self, urls: &[String]) -> Vec<String> {
        self.fetched
            .iter()
            .filter(|(url, _)| urls.contains(url))
            .filter_map(|(_, why)| why.clone())
            .collect()
    }

    fn try_issuer(
        &mut self,
        path: &mut Vec<Node<'a>>,
        issuer: Node<'a>,
        is_anchor: bool,
    ) -> Result<(), Dead> {
        let Some(child) = path.last() else {
            return Err(Dead::new(
                PathError::BudgetExhausted(self.checks),
                path,
                None,
                0,
            ));
        };
        let below = path.len() - 1;
        let above = path.len();
        self.checks += 1;
        if self.checks > MAX_SIGNATURE_CHECKS {
            return Err(Dead::new(
                PathError::BudgetExhausted(MAX_SIGNATURE_CHECKS),
                path,
                None,
                below,
            ));
        }
        if !verified_before(&child.cert, &issuer.cert) {
            verify_link(child, &issuer).map_err(|e| Dead::new(e, path, Some(&issuer), below))?;
            remember_verified(&child.cert, &issuer.cert);
        }
        check_ca(&issuer, child).map_err(|e| Dead::new(e, path, Some(&issuer), above))?;
        check_self(&issuer, self.time).map_err(|e| Dead::new(e, path, Some(&issuer), above))?;
        // pathLenConstraint counts the non-self-issued intermediates below
        // the issuer (RFC 5280 section 4.2.1.9).
        if let Some(limit) = issuer
            .fields()
            .extensions
            .basic_constraints
            .and_then(|b| b.path_len)
        {
            let below = path[1..].iter().filter(|n| !is_self_issued(n)).count();
            if below > limit as usize {
                let error = PathError::PathTooLong {
                    issuer: issuer.name(),
                    limit,
                };
                return Err(Dead::new(error, path, Some(&issuer), above));
            }
        }
        path.push(issuer);
        if is_anchor {
            return Ok(());
        }
        match self.extend(path) {
            Ok(()) => Ok(()),
            Err(e) => {
                path.pop();
                Err(e)
            }
        }
    }
}

/// Verifies the issuer's signature on a certificate.
fn verify_link(child: &Node, issuer: &Node) -> Result<(), PathError> {
    let alg = &child.cert.x509().signature_algorithm().clone();
    signature::verify(
        &issuer.fields().public_key,
        alg,
        None,
        SignedMessage::Bytes(child.cert.tbs_der()),
        child.cert.signature_value(),
    )
    .map_err(|reason| PathError::BadSignature {
        subject: child.name(),
        issuer: issuer.name(),
        reason,
    })?;
    Ok(())
}

fn check_ca(issuer: &Node, child: &Node) -> Result<(), PathError> {
    let f = issuer.fields();
    let fail = |reason| PathError::IssuerNotCa {
        subject: child.name(),
        issuer: issuer.name(),
        reason,
    };
    // X.509 v1 certificates (some old roots) carry no extensions at all.
    if f.version >= 3 && !f.extensions.basic_constraints.is_some_and(|b| b.ca) {
        return Err(fail("basicConstraints does not say cA"));
    }
    if let Some(ku) = f.extensions.key_usage
        && !ku.has(KeyUsage::KEY_CERT_SIGN)
    {
        return Err(fail("keyUsage lacks keyCertSign"));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
