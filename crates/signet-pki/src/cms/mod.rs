//! CMS ([RFC 5652]): SignedData parsing and signer verification.
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652

pub mod attributes;
mod signed_data;
mod verify;

pub use signed_data::{
    Attribute, ID_DATA, ID_SIGNED_DATA, SIGNATURE_INPUT, SignedAttributes, SignedData, SignerId,
    SignerInfo,
};
pub use verify::{Content, ContentDigests, SignerCheck, SignerFailure, signer_matches};
