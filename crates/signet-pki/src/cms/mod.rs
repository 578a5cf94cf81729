//! CMS ([RFC 5652]): SignedData read into an owned model and its signers
//! verified; SignedData made (CAdES-BES, -T, -X Long Type 1) and
//! co-signed; EnvelopedData and AuthEnvelopedData ([RFC 5083]) made and
//! opened.
//!
//! The ASN.1 structures are `der` derive types in [`asn1`]; the modules
//! here convert, check and sign.
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652
//! [RFC 5083]: https://datatracker.ietf.org/doc/html/rfc5083

pub mod asn1;
pub mod attributes;
mod signed_data;
mod verify;

pub use signed_data::{
    Attribute, ID_DATA, ID_SIGNED_DATA, SIGNATURE_INPUT, SignedAttributes, SignedData, SignerId,
    SignerInfo,
};
pub use verify::{
    Content, ContentDigests, ContentHasher, SignerCheck, SignerFailure, signer_matches,
};
mod sign;
pub use sign::{
    CertifiedKey, CmsSigner, KeyError, LongTermError, SignError, SignedDataBuilder,
    SignerIdentifierChoice, SigningFailure, ValidationData, add_signer_to, long_term,
};
mod enveloped;
pub use enveloped::{
    ContentCipher, DecryptionFailure, ENVELOPED_INPUT, EnvelopeFault, EnvelopedError,
    ID_AUTH_ENVELOPED_DATA, ID_ENVELOPED_DATA, MAX_CONTENT, MAX_RECIPIENTS, decrypt,
    decrypt_with_originators, encrypt_to,
};
pub(crate) use enveloped::{SymmetricCipher, cbc_decrypt_padded};
