//! signet's PKI layer: everything that reads, judges or makes a signature,
//! without HTTP.
//!
//! - certificates and their field model ([`Certificate`],
//!   [`CertificateFields`]), names, extensions, the identities of Russian
//!   and Ukrainian qualified certificates, and the OID registry
//!   ([`describe_oid`], the constants of [`ids`]);
//! - signatures over bytes or digests for RSA, ECDSA, Ed25519, GOST R
//!   34.10 and DSTU 4145 ([`verify_signature`], [`Scheme`]);
//! - CMS ([RFC 5652]): SignedData read and its signers checked, made and
//!   co-signed (CAdES-BES, -T, -X Long Type 1); EnvelopedData made and
//!   opened; RFC 3161 time-stamps asked for and checked;
//! - certification paths ([RFC 5280] section 6, [`PathValidator`]) and
//!   revocation by CRL and OCSP ([`RevocationChecker`]);
//! - the verification engine that ties them together ([`Engine`],
//!   [`Validator`]), used alike by `signet verify` and the server;
//! - private keys and key containers (PKCS#8, PKCS#12, IIT Key-6, JKS).
//!
//! Parsing is separate from validation: the parsers only split the DER and
//! reject structural faults, and never panic on any input. The network
//! client for caIssuers, CRLs, OCSP and time-stamping authorities
//! ([`HttpFetcher`]) is behind the default `http` feature; without it the
//! [`Fetcher`], [`IssuerSource`] and [`Timestamper`] traits are the seam
//! (a [`TsaClient`] asks its TSA through any [`Fetcher`]), and
//! verification works offline.
//!
//! The modules are private; what is public is the list below. Functions
//! whose names only made sense inside their module are exported under a
//! longer name (`keystore::open` as [`open_keystore`]).
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652
//! [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280

mod asn1;
mod ber;
mod cades;
mod certificate;
mod cms;
mod dstu;
mod error;
mod extensions;
mod identity;
mod input;
mod keystore;
mod name;
mod net;
mod oid;
mod path;
mod private_key;
mod public_key;
mod revocation;
mod signature;
mod text;
mod trust;
mod tsa;
mod tsp;
mod validate;

// Certificates, names, extensions, identities, keys.
pub use certificate::{CERTIFICATE_INPUT, Certificate, CertificateFields};
pub use error::PkiError;
pub use extensions::{
    AltName, BasicConstraints, ExtensionEntry, Extensions, IssuerSignTool, KeyUsage, QcStatement,
};
pub use identity::{PersonName, Qualification, RuIdentity, SubjectKind, UaIdentity};
pub use name::{DistinguishedName, NameAttribute};
pub use public_key::{DstuCurve, GostKeyType, KeyAlgorithm, PublicKeyInfo};
/// The digest algorithms, as every signing and hashing API here names them.
pub use signet_crypto::DigestAlgorithm;
pub use trust::{TrustStore, TrustStoreError, pem_encode};

// Input: PEM, base64 and BER.
pub use ber::{BerError, BerFault, MAX_DEPTH as MAX_BER_DEPTH, to_der as ber_to_der};
pub use input::{InputKind, decode_base64, decode_objects, decode_one};
pub use text::{any_to_text, string_value};

// The OID registry.
pub use oid::{
    Lang, OidInfo, OidKind, describe as describe_oid, entries as oid_entries, ids,
    lookup as lookup_oid, name_of as oid_name,
};

// Signatures.
pub use signature::{
    Scheme, SignatureError, SignedMessage, digest_algorithm as signature_digest_algorithm,
    digest_oid, gost_curve, scheme as signature_scheme, verify as verify_signature,
    verify_scheme as verify_signature_with_scheme,
};

// Private keys and key containers.
pub use keystore::{
    ContainerError, Format as KeystoreFormat, KEYSTORE_INPUT, KeyEntry, KeyPurpose, KeyStore,
    open as open_keystore,
};
pub use private_key::{
    DstuPrivateKey, EcPrivateKey, Ed25519PrivateKey, GostPrivateKey, PRIVATE_KEY_INPUT, PrivateKey,
    PrivateKeyError, RsaPrivateKey,
};

// CMS: SignedData, signing, EnvelopedData.
pub use cms::{
    Attribute, CertifiedKey, CmsSigner, Content, ContentCipher, ContentDigests, ContentHasher,
    DecryptionFailure, ENVELOPED_INPUT, EnvelopeFault, EnvelopedError, ID_AUTH_ENVELOPED_DATA,
    ID_DATA, ID_ENVELOPED_DATA, ID_SIGNED_DATA, KeyError, LongTermError, MAX_CONTENT,
    MAX_RECIPIENTS, SIGNATURE_INPUT, SignError, SignedAttributes, SignedData, SignedDataBuilder,
    SignerCheck, SignerFailure, SignerId, SignerIdentifierChoice, SignerInfo, SigningFailure,
    ValidationData, add_signer_to, decrypt as decrypt_enveloped,
    decrypt_with_originators as decrypt_enveloped_with_originators,
    encrypt_to as encrypt_enveloped, long_term::gather as gather_validation_data, signer_matches,
};

// CAdES and RFC 3161 time-stamps.
pub use cades::{CadesLevel, LongTermData, OtherHash, esc_time_stamp_data};
pub use tsa::{
    MAX_RESPONSE as MAX_TSA_RESPONSE, Refusal as TsaRefusal, TimestampRequest, TimestampResponse,
    Timestamper, TokenMismatch, TsaClient, TsaError, check_token,
};
pub use tsp::{
    ID_CT_TST_INFO, ID_KP_TIME_STAMPING, TimestampCheck, TimestampFailure, TimestampToken, TstInfo,
    parse_tst_info,
};

// Certification paths and revocation.
pub use path::{
    CertificationPath, IssuerSource, LinkCheck, MAX_DEPTH as MAX_PATH_DEPTH, MAX_SIGNATURE_CHECKS,
    Offline, PathError, PathFailure, PathValidator,
};
pub use revocation::crl::{CRL_INPUT, Crl, MAX_CRL_LEN, MAX_REVOKED_ENTRIES, RevokedEntry};
pub use revocation::ocsp::{
    MAX_OCSP_RESPONSE_LEN, OcspRequest, OcspResponse, OcspResponseStatus, ResponderId,
};
pub use revocation::{
    BasicOcspResponse, BudgetedChecker, CheckOptions, CrlReason, EmbeddedValues, Evidence,
    FormatError, MAX_DIR_FILES, MAX_EMBEDDED_TRIES, MAX_URLS, OutOfScope, RevocationChecker,
    RevocationConfig, RevocationError, RevocationReport, RevocationSource, RevocationStatus,
    SharedPkiError, UnauthorizedResponder, Unsupported, Verdict,
};

// Outbound fetches: the seam, the budget and the policy.
pub use net::{
    BudgetedCaIssuers, CaIssuers, CaIssuersError, CancelHookGuard, CancelOnDrop, CancelToken,
    DEFAULT_MAX_FETCH_TIME, DEFAULT_MAX_FETCHES, FAILURE_TTL, FetchBudget, FetchError, FetchLimits,
    FetchPolicy, FetchRequest, Fetcher, MAX_AIA_LEN, MAX_FAILURES_REMEMBERED, MAX_REDIRECTS,
    Refusal as FetchRefusal, is_fetchable, parse_certificates,
};
#[cfg(feature = "http")]
pub use net::{
    DEFAULT_FETCH_TIMEOUT, DEFAULT_MAX_CONCURRENT_FETCHES, DEFAULT_MAX_FETCHES_PER_HOST,
    FetchConfig, HttpFetcher,
};

// The verification engine.
pub use validate::{
    CertificateRejected, ChainLink, ChainStatus, Engine, RevocationMode, SignerReport,
    TimestampReport, ValidationOptions, ValidationReport, Validator,
};
