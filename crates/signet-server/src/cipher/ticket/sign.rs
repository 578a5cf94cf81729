//! Signing in a ticket (`POST /api/v1/ticket/{uuid}/ds/creator`): the
//! container is opened with the password, its signing key paired with its
//! certificate (from the container, the certificates uploaded with it, or
//! the trust store, matched by public key), and a CMS SignedData with
//! CAdES-BES attributes made as the session's options say: CAdES-T (a
//! signature time-stamp) and a content time-stamp come from the
//! time-stamping authority configured with `signet serve --tsa-url`;
//! CAdES-X Long Type 1 adds the signer's path and the CRLs or OCSP answers
//! the validation engine finds for it now
//! ([`signet_pki::gather_validation_data`]), so revocation checking must be on.

use signet_pki::Certificate;
use signet_pki::KeyPurpose;
use signet_pki::Timestamper;
use signet_pki::{
    CertifiedKey, SignedData, SignedDataBuilder, gather_validation_data, signer_matches,
};
use signet_pki::{PkiError, TrustStore};
use time::OffsetDateTime;

use super::options::{CadesType, EmbedCertificates, SessionOptions};
use signet_pki::{Engine, RevocationMode};

/// Longest CA chain put into a signature.
const MAX_CHAIN: usize = 8;

/// What signing needs, taken out of the ticket.
pub(super) struct SignJob {
    pub key_store: std::sync::Arc<super::Secret>,
    pub password: zeroize::Zeroizing<String>,
    pub certificates: Vec<Certificate>,
    pub data: Option<std::sync::Arc<super::Secret>>,
    pub existing: Option<std::sync::Arc<Vec<u8>>>,
    pub options: SessionOptions,
    pub tsa: Option<std::sync::Arc<dyn Timestamper>>,
}

/// Why a key container did not open.
#[derive(Debug, thiserror::Error)]
pub enum ContainerError {
    /// The password does not open it (or it is damaged past telling).
    #[error("wrong password for the {0}")]
    WrongPassword(&'static str),
    /// It is not a container signet reads, or is broken.
    #[error("the key container cannot be read: {0}")]
    Unreadable(PkiError),
}

impl From<PkiError> for ContainerError {
    fn from(e: PkiError) -> Self {
        match e {
            PkiError::WrongPassword(what) => ContainerError::WrongPassword(what),
            other => ContainerError::Unreadable(other),
        }
    }
}

/// Why `ds/creator` made no signature; the text is the `failureCause` the
/// client reads.
#[derive(Debug, thiserror::Error)]
pub enum SigningError {
    /// The container did not open.
    #[error(transparent)]
    Container(#[from] ContainerError),
    /// CAdES-X Long was asked for without revocation checking.
    #[error(
        "CAdES-X Long keeps revocation data in the signature, and revocation checking is off on this service (signet serve --revocation)"
    )]
    RevocationOff,
    /// A time-stamp was asked for without a time-stamping authority.
    #[error(
        "time-stamps were asked for, and no time-stamping authority is configured (signet serve --tsa-url)"
    )]
    NoTimestampingAuthority,
    /// The container has no key for signing.
    #[error("the key container holds no signing key")]
    NoSigningKey,
    /// No certificate of the signing key was found.
    #[error(
        "no certificate for the signing key: it is not in the container, among the certificates uploaded with it, or in the trust store"
    )]
    NoCertificate,
    /// `alreadySigned` with neither a signature nor data in the ticket.
    #[error("there is no signature in the session to add to")]
    NothingToAddTo,
    /// `alreadySigned`, and the existing signature cannot be parsed.
    #[error("the existing signature cannot be read: {0}")]
    ExistingUnreadable(PkiError),
    /// `alreadySigned` with `duplicateSign` false, and this certificate
    /// signed already.
    #[error("this certificate has already signed (duplicateSign is false)")]
    AlreadySigned,
    /// `alreadySigned` to a detached signature whose content is not in the
    /// ticket.
    #[error("the existing signature is detached: upload its content as the session data")]
    ExistingDetached,
    /// No data in the ticket to sign.
    #[error("there is no data in the session to sign")]
    NoData,
    /// Making the signature failed (the key, a time-stamp, revocation
    /// data, the encoding).
    #[error(transparent)]
    Cms(#[from] signet_pki::SignError),
    /// The signing task broke off.
    #[error("signing was interrupted: {0}")]
    Interrupted(tokio::task::JoinError),
}

/// Opens the container and pairs its keys with the certificates at hand.
pub(super) fn open_container(
    container: &[u8],
    password: &str,
    uploaded: &[Certificate],
    trust: &TrustStore,
) -> Result<signet_pki::KeyStore, ContainerError> {
    let mut store = signet_pki::open_keystore(container, password)?;
    store.match_certificates(uploaded.iter().chain(trust.certificates()));
    Ok(store)
}

/// The CA certificates above `cert`, found by name among `pool`.
fn chain_of<'a>(cert: &Certificate, pool: &[&'a Certificate]) -> Vec<&'a Certificate> {
    let mut chain: Vec<&Certificate> = Vec::new();
    let mut current_issuer = cert.issuer_der().to_vec();
    let mut current_subject = cert.subject_der().to_vec();
    while chain.len() < MAX_CHAIN && current_issuer != current_subject {
        let Some(next) = pool
            .iter()
            .find(|c| c.subject_der() == current_issuer.as_slice())
        else {
            break;
        };
        if chain.iter().any(|c| c.der() == next.der()) {
            break;
        }
        chain.push(next);
        current_issuer = next.issuer_der().to_vec();
        current_subject = next.subject_der().to_vec();
    }
    chain
}

/// Makes the signature. Blocking (opening a container is deliberately
/// slow): run on a blocking thread.
pub(super) fn sign(
    job: SignJob,
    engine: &Engine,
    now: OffsetDateTime,
) -> Result<Vec<u8>, SigningError> {
    let trust: &TrustStore = &engine.trust;
    let o = job.options;
    let checker = engine
        .revocation
        .as_deref()
        .filter(|_| engine.revocation_mode != RevocationMode::Off);
    if o.cades == CadesType::XLong && checker.is_none() {
        return Err(SigningError::RevocationOff);
    }
    let tsa = job.tsa.as_deref();
    if (o.wants_data_ts() || o.wants_signature_ts()) && tsa.is_none() {
        return Err(SigningError::NoTimestampingAuthority);
    }
    let signature_ts = tsa.filter(|_| o.wants_signature_ts());
    let content_ts = tsa.filter(|_| o.wants_data_ts());
    let store = open_container(&job.key_store, &job.password, &job.certificates, trust)?;
    let entry = store
        .key_for(KeyPurpose::Signature)
        .ok_or(SigningError::NoSigningKey)?;
    let cert = entry.certificate().ok_or(SigningError::NoCertificate)?;
    let signer = CertifiedKey::new(cert.clone(), &entry.key)?;
    let pool: Vec<&Certificate> = store
        .certificates
        .iter()
        .chain(trust.certificates())
        .collect();
    let chain: Vec<Certificate> = match o.embed_certificates {
        EmbedCertificates::SignerAndCa => chain_of(cert, &pool).into_iter().cloned().collect(),
        _ => Vec::new(),
    };
    let embed_signer = o.embed_certificates != EmbedCertificates::Nothing;
    let budget = engine.fetch_budget();
    let long_term_data = match checker.filter(|_| o.cades == CadesType::XLong) {
        Some(checker) => vec![gather_validation_data(
            cert,
            &store.certificates,
            trust,
            &*engine.issuer_source(&budget),
            &checker.within(&budget),
            now,
        )?],
        None => Vec::new(),
    };

    // Co-signing adds a signer to the existing signature over its content;
    // otherwise the data is signed afresh.
    let existing: Option<&[u8]> = match (o.already_signed, &job.existing, &job.data) {
        (false, ..) => None,
        (true, Some(sig), _) => Some(sig),
        (true, None, Some(data)) => Some(data),
        (true, None, None) => return Err(SigningError::NothingToAddTo),
    };
    let parsed = existing
        .map(SignedData::parse)
        .transpose()
        .map_err(SigningError::ExistingUnreadable)?;
    let content: &[u8] = match &parsed {
        Some(parsed) => {
            if !o.duplicate_sign && parsed.signers.iter().any(|s| signer_matches(&s.sid, cert)) {
                return Err(SigningError::AlreadySigned);
            }
            match (&parsed.content, &job.data, &job.existing) {
                (Some(c), _, _) => c,
                // A detached existing signature: the data is its content.
                (None, Some(data), Some(_)) => data,
                _ => return Err(SigningError::ExistingDetached),
            }
        }
        None => job.data.as_deref().ok_or(SigningError::NoData)?,
    };
    let builder = SignedDataBuilder::new(content)
        .signing_time(Some(now))
        .include_signer_certificates(embed_signer)
        .include_certificates(chain)
        .signature_timestamp(signature_ts)
        .content_timestamp(content_ts)
        .long_term(&long_term_data)
        .add_signer(&signer);
    let made = match existing {
        Some(existing) => builder.add_to(existing),
        None => builder.detached(!o.attached).build(),
    };
    Ok(made?)
}
