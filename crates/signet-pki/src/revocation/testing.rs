//! What the unit tests of the revocation modules share: the OpenSSL-made
//! material of `tests/data/revocation` (see its README) and DER written
//! by `der`'s encoder.

use der::asn1::AnyRef;
use der::{Encode, Tag, TagNumber};

use crate::Certificate;

/// The intermediate CA that issued the certificates, the CRL and the
/// OCSP responder's certificate.
pub const INTER: &[u8] = include_bytes!("../../tests/data/revocation/inter.pem");
/// An end-entity certificate, not revoked (serial 0x1001).
pub const GOOD: &[u8] = include_bytes!("../../tests/data/revocation/good.pem");
/// An end-entity certificate revoked for keyCompromise (serial 0x1002).
pub const REVOKED: &[u8] = include_bytes!("../../tests/data/revocation/revoked.pem");
/// The intermediate's CRL.
pub const CRL: &[u8] = include_bytes!("../../tests/data/revocation/crl.der");
/// `openssl ocsp`'s request about [`REVOKED`], with a nonce.
pub const OCSP_REQUEST: &[u8] = include_bytes!("../../tests/data/revocation/ocsp-request.der");
/// The delegated responder's answer to [`OCSP_REQUEST`].
pub const OCSP_RESPONSE: &[u8] = include_bytes!("../../tests/data/revocation/ocsp-response.der");
/// The intermediate's own answer about [`GOOD`], by key.
pub const OCSP_RESPONSE_BY_KEY: &[u8] =
    include_bytes!("../../tests/data/revocation/ocsp-response-by-key.der");

/// A certificate of the material.
pub fn certificate(pem: &[u8]) -> Certificate {
    Certificate::parse(pem).expect("a certificate")
}

/// One element, through der's encoder.
pub fn tlv(tag: Tag, contents: &[u8]) -> Vec<u8> {
    AnyRef::new(tag, contents)
        .and_then(|a| a.to_der())
        .expect("encodes")
}

/// A SEQUENCE of encoded elements.
pub fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(Tag::Sequence, &parts.concat())
}

/// A context-specific element `[n]`.
pub fn context(n: u32, constructed: bool, contents: &[u8]) -> Vec<u8> {
    let tag = Tag::ContextSpecific {
        constructed,
        number: TagNumber(n),
    };
    tlv(tag, contents)
}
