//! Signing in a ticket (`POST /api/v1/ticket/{uuid}/ds/creator`): the
//! container is opened with the password, its signing key paired with its
//! certificate (from the container, the certificates uploaded with it, or
//! the trust store, matched by public key), and a CMS SignedData with
//! CAdES-BES attributes made as the session's options say: CAdES-T (a
//! signature time-stamp) and a content time-stamp come from the
//! time-stamping authority configured with `signet serve --tsa-url`;
//! CAdES-X Long Type 1 adds the signer's path and the CRLs or OCSP answers
//! the validation engine finds for it now
//! ([`signet_pki::cms::long_term`]), so revocation checking must be on.

use signet_pki::Certificate;
use signet_pki::cms::{CertifiedKey, SignedData, SignedDataBuilder, long_term, signer_matches};
use signet_pki::keystore::{self, KeyPurpose};
use signet_pki::tsa::Timestamper;
use signet_pki::{PkiError, TrustStore};
use time::OffsetDateTime;

use super::options::{CadesType, EmbedCertificates, SessionOptions};
use signet_pki::validate::{Engine, RevocationMode};

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

/// Why a container gave no usable key, in words for the user.
pub(super) fn container_error(e: PkiError) -> String {
    match e {
        PkiError::WrongPassword(what) => format!("wrong password for the {what}"),
        other => format!("the key container cannot be read: {other}"),
    }
}

/// Opens the container and pairs its keys with the certificates at hand.
pub(super) fn open_container(
    container: &[u8],
    password: &str,
    uploaded: &[Certificate],
    trust: &TrustStore,
) -> Result<keystore::KeyStore, String> {
    let mut store = keystore::open(container, password).map_err(container_error)?;
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
pub(super) fn sign(job: SignJob, engine: &Engine, now: OffsetDateTime) -> Result<Vec<u8>, String> {
    let trust: &TrustStore = &engine.trust;
    let o = job.options;
    let checker = engine
        .revocation
        .as_deref()
        .filter(|_| engine.revocation_mode != RevocationMode::Off);
    if o.cades == CadesType::XLong && checker.is_none() {
        return Err(
            "CAdES-X Long keeps revocation data in the signature, and revocation checking is off on this service (signet serve --revocation)"
                .into(),
        );
    }
    let tsa = job.tsa.as_deref();
    if (o.wants_data_ts() || o.wants_signature_ts()) && tsa.is_none() {
        return Err(
            "time-stamps were asked for, and no time-stamping authority is configured (signet serve --tsa-url)"
                .into(),
        );
    }
    let signature_ts = tsa.filter(|_| o.wants_signature_ts());
    let content_ts = tsa.filter(|_| o.wants_data_ts());
    let store = open_container(&job.key_store, &job.password, &job.certificates, trust)?;
    let entry = store
        .key_for(KeyPurpose::Signature)
        .ok_or("the key container holds no signing key")?;
    let cert = entry.certificate().ok_or(
        "no certificate for the signing key: it is not in the container, among the certificates uploaded with it, or in the trust store",
    )?;
    let signer = CertifiedKey::new(cert.clone(), &entry.key).map_err(|e| e.to_string())?;
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
        Some(checker) => vec![
            long_term::gather(
                cert,
                &store.certificates,
                trust,
                &*engine.issuer_source(&budget),
                &checker.within(&budget),
                now,
            )
            .map_err(|e| e.to_string())?,
        ],
        None => Vec::new(),
    };

    if o.already_signed {
        let existing: &[u8] = match (&job.existing, &job.data) {
            (Some(sig), _) => sig,
            (None, Some(data)) => data,
            (None, None) => return Err("there is no signature in the session to add to".into()),
        };
        let parsed = SignedData::parse(existing)
            .map_err(|e| format!("the existing signature cannot be read: {e}"))?;
        if !o.duplicate_sign && parsed.signers.iter().any(|s| signer_matches(&s.sid, cert)) {
            return Err("this certificate has already signed (duplicateSign is false)".into());
        }
        let content: &[u8] = match (&parsed.content, &job.data, &job.existing) {
            (Some(c), _, _) => c,
            // A detached existing signature: the data is its content.
            (None, Some(data), Some(_)) => data,
            _ => {
                return Err(
                    "the existing signature is detached: upload its content as the session data"
                        .into(),
                );
            }
        };
        return SignedDataBuilder::new(content)
            .signing_time(Some(now))
            .include_signer_certificates(embed_signer)
            .include_certificates(chain)
            .signature_timestamp(signature_ts)
            .content_timestamp(content_ts)
            .long_term(&long_term_data)
            .add_signer(&signer)
            .add_to(existing)
            .map_err(|e| e.to_string());
    }
    let data = job
        .data
        .as_deref()
        .ok_or("there is no data in the session to sign")?;
    SignedDataBuilder::new(data)
        .detached(!o.attached)
        .signing_time(Some(now))
        .include_signer_certificates(embed_signer)
        .include_certificates(chain)
        .signature_timestamp(signature_ts)
        .content_timestamp(content_ts)
        .long_term(&long_term_data)
        .add_signer(&signer)
        .build()
        .map_err(|e| e.to_string())
}
