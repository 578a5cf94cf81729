//! signet's PKI layer: certificates, their field model, and the OID
//! registry; later CMS, timestamps, path validation and key containers.
//!
//! Parsing is separate from validation: the parsers here only split the DER
//! and reject structural faults, and never panic on any input.

pub mod asn1;
pub mod ber;
pub mod cades;
mod certificate;
pub mod cms;
mod dstu;
mod error;
mod extensions;
pub mod identity;
pub mod input;
pub mod keystore;
mod name;
pub mod net;
pub mod oid;
pub mod path;
mod public_key;
pub mod revocation;
pub mod signature;
pub mod text;
mod trust;
pub mod tsa;
pub mod tsp;
pub mod validate;

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
pub mod private_key;
