//! Verifying the signers of a SignedData ([RFC 5652] section 5.6).
//!
//! For each signer: find its certificate (by issuer and serial number or by
//! subject key identifier, among the certificates in the signature and any
//! the caller adds), check the signed attributes — content-type equal to
//! the encapsulated type, message-digest equal to the digest of the content
//! recomputed here, ESS signing-certificate(-v2) naming this very
//! certificate — and verify the signature value through the algorithm table
//! in [`crate::signature`]. Certificate *validity* (chain, dates,
//! revocation) is path validation's job, not this module's.
//!
//! The content is hashed once per digest algorithm, as a stream, by
//! [`ContentDigests::compute`]; a detached document of any size is held in
//! a fixed 64 KiB buffer.
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-5.6

use std::io::Read;

use der::Decode;
use signet_crypto::DigestAlgorithm;
use time::OffsetDateTime;

use super::attributes::{self as attr, EssCertId};
use super::signed_data::{SignedData, SignerId, SignerInfo};
use crate::Certificate;
use crate::signature::{self, SignatureError, SignedMessage, digest_algorithm};

/// Digests of the signed content, one per algorithm, from one pass over it.
#[derive(Clone, Debug, Default)]
pub struct ContentDigests {
    digests: Vec<(DigestAlgorithm, Vec<u8>)>,
    len: u64,
}

const CHUNK: usize = 64 * 1024;

impl ContentDigests {
    /// Hashes everything `reader` yields with each of `algorithms`.
    pub fn compute(mut reader: impl Read, algorithms: &[DigestAlgorithm]) -> std::io::Result<Self> {
        Self::compute_with_progress(&mut reader, algorithms, |_| {})
    }

    /// Like [`Self::compute`], calling `progress` with the bytes read so far.
    pub fn compute_with_progress(
        reader: &mut impl Read,
        algorithms: &[DigestAlgorithm],
        mut progress: impl FnMut(u64),
    ) -> std::io::Result<Self> {
        let mut hasher = Self::hasher(algorithms);
        let mut buf = vec![0u8; CHUNK];
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            hasher.update(&buf[..n]);
            progress(hasher.len);
        }
        Ok(hasher.finish())
    }

    /// A hasher fed piece by piece (content arriving from an async
    /// stream); `finish` gives the digests.
    pub fn hasher(algorithms: &[DigestAlgorithm]) -> ContentHasher {
        let mut algs = algorithms.to_vec();
        algs.sort_by_key(|a| a.name());
        algs.dedup();
        ContentHasher {
            hashers: algs.iter().map(|a| a.hasher()).collect(),
            len: 0,
        }
    }

    /// Hashes a buffer (no copy through the streaming buffer).
    pub fn of_bytes(bytes: &[u8], algorithms: &[DigestAlgorithm]) -> Self {
        let mut algs = algorithms.to_vec();
        algs.sort_by_key(|a| a.name());
        algs.dedup();
        ContentDigests {
            digests: algs.into_iter().map(|a| (a, a.digest(bytes))).collect(),
            len: bytes.len() as u64,
        }
    }

    /// The digest by `algorithm`, if computed.
    pub fn get(&self, algorithm: DigestAlgorithm) -> Option<&[u8]> {
        self.digests
            .iter()
            .find(|(a, _)| *a == algorithm)
            .map(|(_, d)| d.as_slice())
    }

    /// The content length in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the content was empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Content hashing in progress: see [`ContentDigests::hasher`].
#[derive(Debug)]
pub struct ContentHasher {
    hashers: Vec<signet_crypto::Hasher>,
    len: u64,
}

impl ContentHasher {
    /// Adds the next piece of the content.
    pub fn update(&mut self, piece: &[u8]) {
        for h in &mut self.hashers {
            h.update(piece);
        }
        self.len += piece.len() as u64;
    }

    /// The digests of everything added.
    pub fn finish(self) -> ContentDigests {
        ContentDigests {
            digests: self
                .hashers
                .into_iter()
                .map(|h| (h.algorithm(), h.finish()))
                .collect(),
            len: self.len,
        }
    }
}

/// The signed content as the verifier sees it.
#[derive(Clone, Copy, Debug)]
pub struct Content<'a> {
    /// Its digests.
    pub digests: &'a ContentDigests,
    /// The content itself, when it is in memory (attached signatures, small
    /// documents): needed only by Ed25519 signers without signed attributes.
    pub bytes: Option<&'a [u8]>,
}

/// Why a signer's signature is not valid.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignerFailure {
    /// The signer's certificate is neither in the signature nor supplied.
    #[error("the signer's certificate is not in the signature nor in the trust store")]
    CertificateNotFound,
    /// The signer used a digest algorithm signet does not know.
    #[error("not supported: digest algorithm {0}")]
    UnknownDigest(String),
    /// Signed attributes without content-type, or with another type.
    #[error("the signed content-type attribute is missing or does not match the content")]
    ContentTypeMismatch,
    /// Signed attributes without message-digest.
    #[error("the signed attributes have no message-digest")]
    MessageDigestMissing,
    /// The content is not what was signed.
    #[error("the content does not match the signature: its digest differs from the signed one")]
    ContentMismatch,
    /// ESS signing-certificate names another certificate.
    #[error("the signing-certificate attribute names a different certificate than the signer's")]
    SigningCertificateMismatch,
    /// The signature value is wrong or cannot be checked.
    #[error("{0}")]
    Signature(SignatureError),
    /// A signed attribute whose value does not decode.
    #[error("malformed signed attribute: {attribute}: {source}")]
    MalformedAttribute {
        /// The attribute ("message-digest").
        attribute: &'static str,
        /// The decoder's account of the fault.
        source: der::Error,
    },
}

/// What the check of one signer found.
#[derive(Clone, Debug)]
pub struct SignerCheck {
    /// The signer's certificate, when found.
    pub certificate: Option<Certificate>,
    /// The digest algorithm of the signer.
    pub digest_algorithm: Option<DigestAlgorithm>,
    /// Signed signing-time, if any.
    pub signing_time: Option<OffsetDateTime>,
    /// The signing-certificate (v1 or v2) attribute, if present, as read.
    pub signing_certificate: Option<EssCertId>,
    /// Ok when the signature is valid for the content and certificate.
    pub result: Result<(), SignerFailure>,
}

impl SignedData {
    /// The digest algorithms the signers use (those signet knows).
    pub fn digest_algorithms(&self) -> Vec<DigestAlgorithm> {
        let mut out: Vec<DigestAlgorithm> = self
            .signers
            .iter()
            .filter_map(|s| digest_algorithm(&s.digest_algorithm.oid))
            .collect();
        out.sort_by_key(|a| a.name());
        out.dedup();
        out
    }

    /// The candidate signer certificates: those in the signature, then
    /// `extra`.
    pub fn find_signer_certificate<'a>(
        &'a self,
        signer: &SignerInfo,
        extra: &'a [Certificate],
    ) -> Option<&'a Certificate> {
        self.certificates
            .iter()
            .chain(extra.iter())
            .find(|c| signer_matches(&signer.sid, c))
    }

    /// Checks one signer against the content.
    pub fn check_signer(
        &self,
        signer: &SignerInfo,
        content: Content<'_>,
        extra: &[Certificate],
    ) -> SignerCheck {
        let mut check = SignerCheck {
            certificate: None,
            digest_algorithm: digest_algorithm(&signer.digest_algorithm.oid),
            signing_time: signer
                .signed_attr(&attr::SIGNING_TIME)
                .and_then(|a| a.values.first())
                .and_then(|v| attr::decode_time(v)),
            signing_certificate: None,
            result: Ok(()),
        };
        check.result = self.check_signer_inner(signer, content, extra, &mut check);
        check
    }

    fn check_signer_inner(
        &self,
        signer: &SignerInfo,
        content: Content<'_>,
        extra: &[Certificate],
        check: &mut SignerCheck,
    ) -> Result<(), SignerFailure> {
        let digest_alg = check.digest_algorithm.ok_or_else(|| {
            SignerFailure::UnknownDigest(crate::oid::name_of(&signer.digest_algorithm.oid))
        })?;
        let cert = self
            .find_signer_certificate(signer, extra)
            .ok_or(SignerFailure::CertificateNotFound)?
            .clone();
        check.certificate = Some(cert.clone());
        // Only the key is needed here: read it without decoding every field.
        let key = crate::PublicKeyInfo::from_spki(
            cert.x509().tbs_certificate().subject_public_key_info(),
        );
        let content_digest = content
            .digests
            .get(digest_alg)
            .ok_or_else(|| SignerFailure::UnknownDigest(digest_alg.name().to_owned()))?;

        let message = match &signer.signed_attrs {
            Some(signed) => {
                let ct = signer
                    .signed_attr(&attr::CONTENT_TYPE)
                    .and_then(|a| a.values.first())
                    .and_then(|v| <der::asn1::ObjectIdentifier as Decode>::from_der(v).ok());
                if ct != Some(self.content_type) {
                    return Err(SignerFailure::ContentTypeMismatch);
                }
                let md = signer
                    .signed_attr(&attr::MESSAGE_DIGEST)
                    .and_then(|a| a.values.first())
                    .ok_or(SignerFailure::MessageDigestMissing)?;
                let md = <&der::asn1::OctetStringRef>::from_der(md).map_err(|source| {
                    SignerFailure::MalformedAttribute {
                        attribute: "message-digest",
                        source,
                    }
                })?;
                if md.as_bytes() != content_digest {
                    return Err(SignerFailure::ContentMismatch);
                }
                check.signing_certificate = ess_attribute(signer)?;
                if let Some(ess) = &check.signing_certificate {
                    ess_matches(ess, &cert)?;
                }
                SignedMessage::Bytes(&signed.signed_bytes)
            }
            None => match (
                signature::scheme(&signer.signature_algorithm, Some(digest_alg)),
                content.bytes,
            ) {
                (Ok(signature::Scheme::Ed25519), Some(bytes)) => SignedMessage::Bytes(bytes),
                (Ok(signature::Scheme::Ed25519), None) => {
                    return Err(SignerFailure::Signature(SignatureError::Unsupported(
                        "an Ed25519 signature without signed attributes over content that is not in memory".into(),
                    )));
                }
                _ => SignedMessage::Digest {
                    algorithm: digest_alg,
                    value: content_digest,
                },
            },
        };
        signature::verify(
            &key,
            &signer.signature_algorithm,
            Some(digest_alg),
            message,
            &signer.signature,
        )
        .map_err(SignerFailure::Signature)
    }
}

fn ess_attribute(signer: &SignerInfo) -> Result<Option<EssCertId>, SignerFailure> {
    for (oid, v2) in [
        (attr::SIGNING_CERTIFICATE_V2, true),
        (attr::SIGNING_CERTIFICATE, false),
    ] {
        if let Some(value) = signer.signed_attr(&oid).and_then(|a| a.values.first()) {
            return attr::signing_certificate(value, v2).map_err(|source| {
                SignerFailure::MalformedAttribute {
                    attribute: "signing-certificate",
                    source,
                }
            });
        }
    }
    Ok(None)
}

fn ess_matches(ess: &EssCertId, cert: &Certificate) -> Result<(), SignerFailure> {
    let alg = ess
        .hash_algorithm
        .map_err(|oid| SignerFailure::UnknownDigest(crate::oid::name_of(&oid)))?;
    if alg.digest(cert.der()) != ess.hash {
        return Err(SignerFailure::SigningCertificateMismatch);
    }
    if let Some(serial) = &ess.serial
        && serial.as_slice() != cert.x509().tbs_certificate().serial_number().as_bytes()
    {
        return Err(SignerFailure::SigningCertificateMismatch);
    }
    Ok(())
}

/// Whether `cert` is the one `sid` names.
pub fn signer_matches(sid: &SignerId, cert: &Certificate) -> bool {
    let tbs = cert.x509().tbs_certificate();
    match sid {
        SignerId::IssuerAndSerial { issuer, serial } => {
            serial.as_slice() == tbs.serial_number().as_bytes()
                && cert.issuer_der() == issuer.as_slice()
        }
        SignerId::SubjectKeyId(ski) => {
            cert.fields().extensions.subject_key_id.as_ref() == Some(ski)
        }
    }
}
