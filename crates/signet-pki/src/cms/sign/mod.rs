//! Making CMS `SignedData` ([RFC 5652] section 5) with CAdES-BES signed
//! attributes ([RFC 5126] section 5.7, ETSI TS 101 733), and adding a
//! signer to an existing `SignedData` (co-signature).
//!
//! Every SignerInfo carries signed attributes, DER-sorted as a `SET OF`
//! before they are signed ([RFC 5652] section 5.4):
//!
//! - content-type and message-digest ([RFC 5652] sections 11.1–11.2);
//! - signing-time when the caller gives one ([RFC 5652] section 11.3:
//!   UTCTime for 1950–2049, GeneralizedTime otherwise). The core never
//!   reads the clock: the caller passes "now";
//! - for CAdES-BES, signing-certificate-v2 ([RFC 5035] section 3): one
//!   ESSCertIDv2 with the certificate's hash and issuerSerial. The hash
//!   is SHA-256 — then hashAlgorithm is left out, being the DEFAULT — or,
//!   for GOST keys, GOST R 34.11-2012 as CryptoPro CSP and gost-engine
//!   write it (256-bit, or 512-bit for 512-bit keys), or for DSTU 4145
//!   keys GOST 34.311-95 as Ukrainian CAdES signatures carry it.
//!
//! The SignerInfo is version 1 with issuerAndSerialNumber, or version 3
//! with subjectKeyIdentifier ([RFC 5652] section 5.3); the SignedData
//! version follows section 5.1. The whole ContentInfo is DER: every `SET
//! OF` (digestAlgorithms, certificates, signerInfos) sorted by encoding,
//! as OpenSSL writes them.
//!
//! Algorithm identifiers per key type are in [`signer`]'s table. Before a
//! signature leaves the builder it is verified with the certificate's
//! public key through [`crate::signature`], so a key that does not belong
//! to its certificate (or a faulty signer) yields an error, never a
//! signature.
//!
//! Large documents are signed detached from their digest, computed as a
//! stream with [`ContentDigests::compute`]
//! ([`SignedDataBuilder::detached_from_digests`]) or by the caller
//! ([`SignedDataBuilder::detached_from_digest`]).
//!
//! Co-signing ([`SignedDataBuilder::add_to`], [`add_signer_to`]) keeps
//! every existing SignerInfo, certificate and CRL byte for byte (after a
//! BER input is brought to DER, which leaves signatures valid: [RFC 5652]
//! section 5.4 signs the DER of the attributes), adds the new signer, its
//! digest algorithm and certificates, and re-encodes the SignedData.
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-5
//! [RFC 5126]: https://datatracker.ietf.org/doc/html/rfc5126#section-5.7
//! [RFC 5035]: https://datatracker.ietf.org/doc/html/rfc5035#section-3

mod assemble;
pub mod long_term;
pub mod signer;

use std::borrow::Cow;

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, OctetStringRef};
use der::referenced::OwnedToRef;
use der::{Decode, Encode};
use signet_crypto::DigestAlgorithm;
use spki::AlgorithmIdentifierOwned;
use time::OffsetDateTime;

use self::assemble::{
    MadeAttribute, MadeSigner, SignedDataParts, attribute_set, signer_identifier,
    signing_certificate_v2, version_needed,
};
pub use self::long_term::{LongTermError, ValidationData};
pub use self::signer::{CertifiedKey, CmsSigner, KeyError, SigningFailure};
use super::asn1::{EncapsulatedContentInfoRef, SignerInfoRef};
use super::attributes as attr;
use super::signed_data::{ID_DATA, MAX_SIGNERS, SIGNATURE_INPUT, SignedData, signed_data_of};
use super::verify::ContentDigests;
use crate::asn1::time::Time;
use crate::public_key::KeyAlgorithm;
use crate::signature::{self, SignatureError, SignedMessage};
use crate::tsa::{Timestamper, TsaError};
use crate::{Certificate, PkiError, PublicKeyInfo};

/// Why a signature could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The builder was given no signer.
    #[error("no signer was given")]
    NoSigners,
    /// The private key is not the one the certificate certifies.
    #[error("the private key does not belong to the certificate of \"{subject}\"")]
    KeyMismatch {
        /// The certificate's subject.
        subject: String,
    },
    /// The private key bytes cannot be read.
    #[error("the private key cannot be read: {0}")]
    MalformedKey(#[source] KeyError),
    /// A key type, digest or combination signet does not sign with.
    #[error("not supported: {0}")]
    Unsupported(String),
    /// The content digest a signer needs was not among those given.
    #[error("the content digest by {0} was not given")]
    DigestMissing(&'static str),
    /// A given content digest has the wrong length for its algorithm.
    #[error("a {algorithm} digest is {expected} bytes, not {actual}")]
    DigestLength {
        /// The digest algorithm.
        algorithm: &'static str,
        /// Its output length.
        expected: usize,
        /// The length given.
        actual: usize,
    },
    /// An attached signature was asked for without the content itself.
    #[error("an attached signature needs the content itself, not its digest")]
    ContentRequired,
    /// Co-signing: the content is not what the existing signature covers.
    #[error("the content is not the content the existing signature covers")]
    ContentMismatch,
    /// A subjectKeyIdentifier signer id was asked for, and the certificate
    /// has none.
    #[error("the certificate of \"{0}\" has no subject key identifier")]
    NoSubjectKeyIdentifier(String),
    /// A signing-time outside years 0–9999.
    #[error("a signing-time in the year {0} cannot be encoded")]
    SigningTime(i32),
    /// The signer failed.
    #[error("signing failed: {0}")]
    Signing(#[source] SigningFailure),
    /// The signature made does not verify with the signer's certificate:
    /// the key is not the certificate's, or the signer is faulty.
    #[error("the signature made does not verify with the signer's certificate: {0}")]
    SelfCheck(SignatureError),
    /// The existing signature (co-signing) or another input is malformed
    /// or too large.
    #[error(transparent)]
    Input(#[from] PkiError),
    /// A time-stamp could not be had.
    #[error(transparent)]
    Timestamp(#[from] TsaError),
    /// CAdES-X Long data could not be gathered or added.
    #[error("cannot make a CAdES-X Long signature: {0}")]
    LongTerm(#[from] LongTermError),
    /// A part given to the builder (a time-stamp token, a certificate's
    /// name) is not DER, so the SignedData cannot be encoded.
    #[error("the signature cannot be encoded: {0}")]
    Encoding(#[source] der::Error),
}

/// How SignerInfos name their certificate ([RFC 5652] section 5.3).
///
/// [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-5.3
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SignerIdentifierChoice {
    /// issuerAndSerialNumber, SignerInfo version 1 (what every verifier
    /// reads; the default).
    #[default]
    IssuerAndSerialNumber,
    /// subjectKeyIdentifier, SignerInfo version 3.
    SubjectKeyIdentifier,
}

/// What is signed: the content, or its digests.
#[derive(Clone, Copy, Debug)]
enum ContentSource<'a> {
    Bytes(&'a [u8]),
    Digests(&'a ContentDigests),
    Digest(DigestAlgorithm, &'a [u8]),
}

/// Builds a CMS SignedData, CAdES-BES by default.
///
/// ```text
/// let der = SignedDataBuilder::new(document)
///     .detached(true)
///     .signing_time(Some(now))
///     .include_certificates(chain)
///     .add_signer(&certified_key)
///     .build()?;
/// ```
///
/// Defaults: content attached, digest per signer (the [`signer`] table),
/// no signing-time, CAdES-BES (signing-certificate-v2), issuerAndSerialNumber,
/// the signers' certificates included.
pub struct SignedDataBuilder<'a> {
    content: ContentSource<'a>,
    content_type: ObjectIdentifier,
    detached: bool,
    digest: Option<DigestAlgorithm>,
    signing_time: Option<OffsetDateTime>,
    cades_bes: bool,
    ess_hash: Option<DigestAlgorithm>,
    signer_id: SignerIdentifierChoice,
    include_signer_certificates: bool,
    certificates: Vec<Certificate>,
    signers: Vec<&'a dyn CmsSigner>,
    signature_timestamps: Option<&'a dyn Timestamper>,
    content_timestamps: Option<&'a dyn Timestamper>,
    long_term: &'a [ValidationData],
}

impl std::fmt::Debug for SignedDataBuilder<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedDataBuilder")
            .field("content", &self.content)
            .field("detached", &self.detached)
            .field("digest", &self.digest)
            .field("cades_bes", &self.cades_bes)
            .field("signers", &self.signers.len())
            .finish_non_exhaustive()
    }
}

impl<'a> SignedDataBuilder<'a> {
    fn with_source(content: ContentSource<'a>, detached: bool) -> Self {
        SignedDataBuilder {
            content,
            content_type: ID_DATA,
            detached,
            digest: None,
            signing_time: None,
            cades_bes: true,
            ess_hash: None,
            signer_id: SignerIdentifierChoice::default(),
            include_signer_certificates: true,
            certificates: Vec::new(),
            signers: Vec::new(),
            signature_timestamps: None,
            content_timestamps: None,
            long_term: &[],
        }
    }

    /// Signs `content` (attached unless [`Self::detached`] says otherwise).
    pub fn new(content: &'a [u8]) -> Self {
        Self::with_source(ContentSource::Bytes(content), false)
    }

    /// A detached signature of content whose digest by `algorithm` the
    /// caller computed. Every signer signs with `algorithm` (an Ed25519
    /// signer needs SHA-512, a GOST one its own hash).
    pub fn detached_from_digest(algorithm: DigestAlgorithm, digest: &'a [u8]) -> Self {
        Self::with_source(ContentSource::Digest(algorithm, digest), true)
    }

    /// A detached signature of content hashed as a stream with
    /// [`ContentDigests::compute`]: each signer's digest must be among
    /// those computed.
    pub fn detached_from_digests(digests: &'a ContentDigests) -> Self {
        Self::with_source(ContentSource::Digests(digests), true)
    }

    /// Leaves the content out of the signature (`eContent` absent).
    pub fn detached(mut self, detached: bool) -> Self {
        self.detached = detached;
        self
    }

    /// The eContentType (id-data by default). Any other type makes the
    /// SignedData version 3 (RFC 5652 section 5.1).
    pub fn content_type(mut self, content_type: ObjectIdentifier) -> Self {
        self.content_type = content_type;
        self
    }

    /// The digest algorithm of every signer (by default each signer's own,
    /// see the [`signer`] table).
    pub fn digest(mut self, digest: DigestAlgorithm) -> Self {
        self.digest = Some(digest);
        self
    }

    /// The signing-time attribute's value; `None` leaves it out.
    pub fn signing_time(mut self, time: Option<OffsetDateTime>) -> Self {
        self.signing_time = time;
        self
    }

    /// Whether to sign a signing-certificate-v2 attribute (CAdES-BES); on
    /// by default.
    pub fn cades_bes(mut self, cades_bes: bool) -> Self {
        self.cades_bes = cades_bes;
        self
    }

    /// The hash of the ESSCertIDv2 (by default SHA-256, or GOST R
    /// 34.11-2012 for GOST keys).
    pub fn signing_certificate_hash(mut self, hash: DigestAlgorithm) -> Self {
        self.ess_hash = Some(hash);
        self
    }

    /// How SignerInfos name their certificate.
    pub fn signer_identifier(mut self, choice: SignerIdentifierChoice) -> Self {
        self.signer_id = choice;
        self
    }

    /// Whether the signers' own certificates go into the certificate set
    /// (yes by default).
    pub fn include_signer_certificates(mut self, include: bool) -> Self {
        self.include_signer_certificates = include;
        self
    }

    /// More certificates for the certificate set (the chain up to, and
    /// perhaps including, the root).
    pub fn include_certificates(mut self, certificates: Vec<Certificate>) -> Self {
        self.certificates.extend(certificates);
        self
    }

    /// A signature time-stamp from `tsa` in each new SignerInfo: the
    /// unsigned attribute signature-time-stamp over the signature value,
    /// which makes the signature CAdES-T ([RFC 5126] section 6.1.1).
    pub fn signature_timestamp(mut self, tsa: Option<&'a dyn Timestamper>) -> Self {
        self.signature_timestamps = tsa;
        self
    }

    /// A content time-stamp from `tsa` among each new SignerInfo's signed
    /// attributes: content-time-stamp over the content, taken before
    /// signing ([RFC 5126] section 5.11.4). The content digest by the
    /// TSA's hash algorithm must be at hand (computed from the bytes, or
    /// among the digests given).
    pub fn content_timestamp(mut self, tsa: Option<&'a dyn Timestamper>) -> Self {
        self.content_timestamps = tsa;
        self
    }

    /// Makes each new signer CAdES-X Long Type 1 ([`long_term`]) with the
    /// validation data whose path starts at its certificate (from
    /// [`long_term::gather`]); needs [`Self::signature_timestamp`], whose
    /// TSA also makes the CAdES-C time-stamp. A signer without data is an
    /// error.
    pub fn long_term(mut self, data: &'a [ValidationData]) -> Self {
        self.long_term = data;
        self
    }

    /// Adds a signer.
    pub fn add_signer(mut self, signer: &'a dyn CmsSigner) -> Self {
        self.signers.push(signer);
        self
    }

    /// Makes the SignedData: the DER of a ContentInfo.
    pub fn build(&self) -> Result<Vec<u8>, SignError> {
        let attached = match (self.detached, self.content) {
            (true, _) => None,
            (false, ContentSource::Bytes(c)) => Some(c),
            (false, _) => return Err(SignError::ContentRequired),
        };
        if let Some(c) = attached
            && c.len() > SIGNATURE_INPUT.max_input
        {
            // signet itself would refuse to read the result; larger
            // documents are signed detached.
            return Err(PkiError::TooLarge {
                what: "attached content",
                len: c.len(),
                limit: SIGNATURE_INPUT.max_input,
            }
            .into());
        }
        let made = self.make_signers(&self.content_type, 0)?;
        let e_content = attached
            .map(OctetStringRef::new)
            .transpose()
            .map_err(SignError::Encoding)?;
        let signer_infos = made
            .iter()
            .map(|m| SignerInfoRef::from_der(&m.signer_info))
            .collect::<der::Result<Vec<_>>>()
            .map_err(SignError::Encoding)?;
        SignedDataParts {
            version: version_needed(&self.content_type, &made),
            digest_algorithms: made.iter().map(|m| m.digest_algorithm).collect(),
            encap_content_info: EncapsulatedContentInfoRef {
                e_content_type: self.content_type,
                e_content,
            },
            certificates: self.certificate_set()?,
            crls: None,
            signer_infos,
        }
        .encode()
        .map_err(SignError::Encoding)
    }

    /// Adds this builder's signers to `existing` (DER, BER, PEM or base64
    /// of a ContentInfo with SignedData): a co-signature of the same
    /// content.
    ///
    /// The content given to the builder must be the one the existing
    /// signature covers: equal to its eContent when attached, and matching
    /// every existing signer's message-digest that can be checked. The
    /// result keeps the existing signature's eContentType and its attached
    /// or detached form; [`Self::detached`] and [`Self::content_type`] are
    /// not used. The existing signers are not verified here.
    pub fn add_to(&self, existing: &[u8]) -> Result<Vec<u8>, SignError> {
        let bytes = crate::input::decode_one(existing, &SIGNATURE_INPUT)?;
        let der = crate::ber::to_der(&bytes).map_err(PkiError::Ber)?;
        let parsed = SignedData::from_ber(&der)?;
        let raw = signed_data_of(&der)?;
        self.check_same_content(&parsed)?;
        if parsed.signers.len() + self.signers.len() > MAX_SIGNERS {
            return Err(PkiError::TooMany { limit: MAX_SIGNERS }.into());
        }
        let made = self.make_signers(&parsed.content_type, parsed.signers.len())?;
        let mut digest_algorithms = raw.digest_algorithms.into_vec();
        for m in &made {
            if !digest_algorithms
                .iter()
                .any(|d| d.oid == m.digest_algorithm.oid)
            {
                digest_algorithms.push(m.digest_algorithm);
            }
        }
        let mut certificates = raw.certificates.map(|c| c.into_vec()).unwrap_or_default();
        certificates.extend(self.certificate_set()?);
        let mut signer_infos = raw.signer_infos.into_vec();
        for m in &made {
            signer_infos
                .push(SignerInfoRef::from_der(&m.signer_info).map_err(SignError::Encoding)?);
        }
        SignedDataParts {
            version: raw.version.max(version_needed(&parsed.content_type, &made)),
            digest_algorithms,
            encap_content_info: raw.encap_content_info,
            certificates,
            crls: raw.crls,
            signer_infos,
        }
        .encode()
        .map_err(SignError::Encoding)
    }

    /// Co-signing: the builder's content against the existing signature.
    fn check_same_content(&self, existing: &SignedData) -> Result<(), SignError> {
        if let Some(embedded) = &existing.content {
            let same = match self.content {
                ContentSource::Bytes(c) => c == embedded.as_slice(),
                ContentSource::Digests(d) => DigestAlgorithm::ALL
                    .into_iter()
                    .find_map(|a| d.get(a).map(|v| v == a.digest(embedded).as_slice()))
                    .unwrap_or(true),
                ContentSource::Digest(a, v) => a.digest(embedded) == v,
            };
            if !same {
                return Err(SignError::ContentMismatch);
            }
        }
        let mut computed: Vec<(DigestAlgorithm, Vec<u8>)> = Vec::new();
        for signer in &existing.signers {
            let Some(algorithm) = signature::digest_algorithm(&signer.digest_algorithm.oid) else {
                continue;
            };
            let Some(signed) = signer
                .signed_attr(&attr::MESSAGE_DIGEST)
                .and_then(|a| a.values.first())
                .and_then(|v| <&der::asn1::OctetStringRef>::from_der(v).ok())
            else {
                continue;
            };
            let ours = match self.content {
                ContentSource::Bytes(c) => {
                    if let Some((_, d)) = computed.iter().find(|(a, _)| *a == algorithm) {
                        Some(Cow::Owned(d.clone()))
                    } else {
                        let d = algorithm.digest(c);
                        computed.push((algorithm, d.clone()));
                        Some(Cow::Owned(d))
                    }
                }
                ContentSource::Digests(d) => d.get(algorithm).map(Cow::Borrowed),
                ContentSource::Digest(a, v) => (a == algorithm).then_some(Cow::Borrowed(v)),
            };
            if ours.is_some_and(|d| d.as_ref() != signed.as_bytes()) {
                return Err(SignError::ContentMismatch);
            }
        }
        Ok(())
    }

    /// The certificates this builder adds: the signers' (when asked) and
    /// the extra ones.
    fn certificate_set(&self) -> Result<Vec<AnyRef<'_>>, SignError> {
        let signers = self
            .signers
            .iter()
            .filter(|_| self.include_signer_certificates)
            .map(|s| s.certificate());
        signers
            .chain(&self.certificates)
            .map(|c| AnyRef::from_der(c.der()))
            .collect::<der::Result<_>>()
            .map_err(SignError::Encoding)
    }

    /// Makes every SignerInfo. `existing` is the number of signers already
    /// in the SignedData (for the signer limit).
    fn make_signers(
        &self,
        content_type: &ObjectIdentifier,
        existing: usize,
    ) -> Result<Vec<MadeSigner>, SignError> {
        if self.signers.is_empty() {
            return Err(SignError::NoSigners);
        }
        if existing + self.signers.len() > MAX_SIGNERS {
            return Err(PkiError::TooMany { limit: MAX_SIGNERS }.into());
        }
        // Resolve every signer's algorithms before anything is hashed or
        // signed, so that an unsupported combination fails early.
        let mut plans = Vec::with_capacity(self.signers.len());
        for signer in &self.signers {
            let digest = match (self.digest, self.content) {
                (Some(d), _) => d,
                (None, ContentSource::Digest(a, _)) => a,
                (None, _) => signer.default_digest()?,
            };
            let algorithm = signer.signature_algorithm(digest)?;
            // The signature must hash with the signer's digest algorithm,
            // as verifiers take it from digestAlgorithm (RFC 5652 5.6).
            match signature::scheme(&algorithm, Some(digest)) {
                Ok(s) if s.digest().is_none_or(|d| d == digest) => {}
                Ok(_) => {
                    return Err(SignError::Unsupported(format!(
                        "a signatureAlgorithm ({}) whose hash is not the digestAlgorithm ({})",
                        crate::oid::name_of(&algorithm.oid),
                        digest.name()
                    )));
                }
                Err(e) => return Err(SignError::Unsupported(e.to_string())),
            }
            plans.push((*signer, digest, algorithm));
        }
        let mut digests: Vec<(DigestAlgorithm, Cow<'_, [u8]>)> = Vec::new();
        for (_, digest, _) in &plans {
            if digests.iter().any(|(a, _)| a == digest) {
                continue;
            }
            let value: Cow<'_, [u8]> = match self.content {
                ContentSource::Bytes(c) => Cow::Owned(digest.digest(c)),
                ContentSource::Digests(d) => Cow::Borrowed(
                    d.get(*digest)
                        .ok_or(SignError::DigestMissing(digest.name()))?,
                ),
                ContentSource::Digest(a, v) if a == *digest => Cow::Borrowed(v),
                ContentSource::Digest(..) => return Err(SignError::DigestMissing(digest.name())),
            };
            if value.len() != digest.output_len() {
                return Err(SignError::DigestLength {
                    algorithm: digest.name(),
                    expected: digest.output_len(),
                    actual: value.len(),
                });
            }
            digests.push((*digest, value));
        }
        let content_timestamp = match self.content_timestamps {
            Some(tsa) => Some(self.content_timestamp_token(tsa, &digests)?),
            None => None,
        };
        plans
            .into_iter()
            .map(|(signer, digest, algorithm)| {
                let content_digest = digests
                    .iter()
                    .find(|(a, _)| *a == digest)
                    .map(|(_, v)| v.as_ref())
                    .ok_or(SignError::DigestMissing(digest.name()))?;
                self.make_signer(
                    signer,
                    digest,
                    &algorithm,
                    content_type,
                    content_digest,
                    content_timestamp.as_deref(),
                )
            })
            .collect()
    }

    /// One content time-stamp token shared by the new signers: over the
    /// content's digest by the TSA's algorithm.
    fn content_timestamp_token(
        &self,
        tsa: &dyn Timestamper,
        computed: &[(DigestAlgorithm, Cow<'_, [u8]>)],
    ) -> Result<Vec<u8>, SignError> {
        let algorithm = tsa.digest_algorithm();
        let digest: Cow<'_, [u8]> =
            match (computed.iter().find(|(a, _)| *a == algorithm), self.content) {
                (Some((_, v)), _) => Cow::Borrowed(v.as_ref()),
                (None, ContentSource::Bytes(c)) => Cow::Owned(algorithm.digest(c)),
                (None, ContentSource::Digests(d)) => Cow::Borrowed(
                    d.get(algorithm)
                        .ok_or(SignError::DigestMissing(algorithm.name()))?,
                ),
                (None, ContentSource::Digest(..)) => {
                    return Err(SignError::DigestMissing(algorithm.name()));
                }
            };
        Ok(tsa.timestamp(&digest)?)
    }

    fn make_signer(
        &self,
        signer: &dyn CmsSigner,
        digest: DigestAlgorithm,
        algorithm: &AlgorithmIdentifierOwned,
        content_type: &ObjectIdentifier,
        content_digest: &[u8],
        content_timestamp: Option<&[u8]>,
    ) -> Result<MadeSigner, SignError> {
        let cert = signer.certificate();
        let (sid, version) = signer_identifier(cert, self.signer_id)?;
        let encoded = |value: der::Result<Vec<u8>>| value.map_err(SignError::Encoding);
        let mut signed: Vec<MadeAttribute> = vec![
            (attr::CONTENT_TYPE, encoded(content_type.to_der())?),
            (
                attr::MESSAGE_DIGEST,
                encoded(OctetStringRef::new(content_digest).and_then(|d| d.to_der()))?,
            ),
        ];
        if let Some(t) = self.signing_time {
            let time = Time::new(t).map_err(|e| SignError::SigningTime(e.0))?;
            signed.push((attr::SIGNING_TIME, encoded(time.to_der())?));
        }
        if self.cades_bes {
            let key = &cert.fields().public_key;
            let hash = self.ess_hash.unwrap_or_else(|| default_ess_hash(key));
            signed.push((
                attr::SIGNING_CERTIFICATE_V2,
                encoded(signing_certificate_v2(cert, hash))?,
            ));
        }
        if let Some(token) = content_timestamp {
            signed.push((attr::CONTENT_TIME_STAMP, token.to_vec()));
        }
        let signed = attribute_set(&signed).map_err(SignError::Encoding)?;
        let signed_bytes = encoded(signed.to_der())?;
        let signature = signer.sign(&signed_bytes, digest)?;
        // The signature must verify with the certificate before it leaves.
        let key = PublicKeyInfo::from_spki(cert.x509().tbs_certificate().subject_public_key_info());
        signature::verify(
            &key,
            algorithm,
            Some(digest),
            SignedMessage::Bytes(&signed_bytes),
            &signature,
        )
        .map_err(SignError::SelfCheck)?;
        let mut unsigned: Vec<MadeAttribute> = Vec::new();
        if let Some(tsa) = self.signature_timestamps {
            let token = tsa.timestamp(&tsa.digest_algorithm().digest(&signature))?;
            unsigned.push((attr::SIGNATURE_TIME_STAMP, token));
        }
        if !self.long_term.is_empty() {
            let data = self
                .long_term
                .iter()
                .find(|d| d.certificate().is_some_and(|c| c.der() == cert.der()))
                .ok_or_else(|| LongTermError::NoValidationData {
                    subject: signer::subject_of(cert),
                })?;
            let tsa = self
                .signature_timestamps
                .ok_or(LongTermError::NoTimestampAuthority)?;
            long_term::extend(&mut unsigned, &signature, data, tsa)?;
        }
        let unsigned = attribute_set(&unsigned).map_err(SignError::Encoding)?;
        let digest_algorithm = assemble::digest_algorithm_identifier(digest);
        let signer_info = SignerInfoRef {
            version,
            sid,
            digest_algorithm,
            signed_attrs: Some(signed),
            signature_algorithm: algorithm.owned_to_ref(),
            signature: OctetStringRef::new(&signature).map_err(SignError::Encoding)?,
            unsigned_attrs: (!unsigned.is_empty()).then_some(unsigned),
        };
        Ok(MadeSigner {
            digest_algorithm,
            signer_info: encoded(signer_info.to_der())?,
            version,
        })
    }
}

/// Adds `signer` to the existing signature `existing` (CAdES-BES, no
/// signing-time, the signer's certificate included). `content` is the
/// signed content; `None` uses the content attached to `existing`.
///
/// For more choices (signing-time, extra certificates, streamed content)
/// use [`SignedDataBuilder::add_to`].
pub fn add_signer_to(
    existing: &[u8],
    content: Option<&[u8]>,
    signer: &dyn CmsSigner,
) -> Result<Vec<u8>, SignError> {
    let embedded;
    let content = match content {
        Some(c) => c,
        None => {
            embedded = SignedData::parse(existing)?
                .content
                .ok_or(SignError::ContentRequired)?;
            &embedded
        }
    };
    SignedDataBuilder::new(content)
        .add_signer(signer)
        .add_to(existing)
}

/// The ESSCertIDv2 hash for a key: GOST R 34.11-2012 for GOST keys (the
/// 512-bit hash for 512-bit keys), GOST 34.311-95 for DSTU 4145 keys (as
/// Ukrainian CAdES signatures carry it), else SHA-256.
fn default_ess_hash(key: &PublicKeyInfo) -> DigestAlgorithm {
    match &key.algorithm {
        KeyAlgorithm::Gost {
            key_type: crate::GostKeyType::R3410_2012_512,
            ..
        } => DigestAlgorithm::Streebog512,
        KeyAlgorithm::Gost { .. } => DigestAlgorithm::Streebog256,
        KeyAlgorithm::Dstu4145 { .. } => DigestAlgorithm::Gost34311Ua,
        _ => DigestAlgorithm::Sha256,
    }
}
