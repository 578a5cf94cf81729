//! Who may log in by certificate: an end entity whose key may be encrypted
//! to and whose purposes include client authentication.
//!
//! Login proves possession of the private key by decrypting a key sent to
//! the certificate (spec 000), so the certificate must say its key may be
//! used that way ([RFC 5280 section 4.2.1.3]): keyEncipherment for RSA
//! (key transport); keyAgreement for EC and X25519 (ECDH); either for GOST
//! and DSTU, whose key transport is built on key agreement and whose CAs
//! mark it either way. A CA certificate ([RFC 5280 section 4.2.1.9], cA
//! TRUE) never logs in: its subject is the authority, not a user. When
//! extendedKeyUsage is present ([RFC 5280 section 4.2.1.12]) it must name
//! clientAuth, emailProtection, anyExtendedKeyUsage or an OID the operator
//! admits (`--login-eku`).
//!
//! [RFC 5280 section 4.2.1.3]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.3
//! [RFC 5280 section 4.2.1.9]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.9
//! [RFC 5280 section 4.2.1.12]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.12

use const_oid::ObjectIdentifier;
use signet_pki::{CertificateFields, KeyAlgorithm, KeyUsage};

/// clientAuth, emailProtection and anyExtendedKeyUsage: the purposes that
/// admit a login without the operator naming them.
const LOGIN_EKU: [ObjectIdentifier; 3] = [
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.2"),
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.4"),
    ObjectIdentifier::new_unwrap("2.5.29.37.0"),
];

/// Why a certificate may not log in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LoginRefusal {
    /// basicConstraints cA is TRUE.
    #[error("a CA certificate cannot log in")]
    CaCertificate,
    /// keyUsage lacks the bit the key type encrypts with.
    #[error("key usage does not allow encryption to this key ({0} is required)")]
    KeyUsage(&'static str),
    /// extendedKeyUsage names none of the login purposes.
    #[error(
        "extended key usage does not allow client authentication \
         (clientAuth, emailProtection or anyExtendedKeyUsage is required)"
    )]
    ExtendedKeyUsage,
}

/// Whether the certificate is a CA's (basicConstraints cA TRUE).
pub fn is_ca(fields: &CertificateFields) -> bool {
    fields.extensions.basic_constraints.is_some_and(|b| b.ca)
}

/// Checks that `fields` may log in; `extra_eku` are the operator's
/// additional extended key usages.
pub fn check(
    fields: &CertificateFields,
    extra_eku: &[ObjectIdentifier],
) -> Result<(), LoginRefusal> {
    if is_ca(fields) {
        return Err(LoginRefusal::CaCertificate);
    }
    if let Some(ku) = fields.extensions.key_usage {
        let transport = ku.has(KeyUsage::KEY_ENCIPHERMENT);
        let agreement = ku.has(KeyUsage::KEY_AGREEMENT);
        let (allowed, needed) = match fields.public_key.algorithm {
            KeyAlgorithm::Rsa { .. } => (transport, "keyEncipherment"),
            KeyAlgorithm::Gost { .. } | KeyAlgorithm::Dstu4145 { .. } => {
                (transport || agreement, "keyAgreement or keyEncipherment")
            }
            _ => (agreement, "keyAgreement"),
        };
        if !allowed {
            return Err(LoginRefusal::KeyUsage(needed));
        }
    }
    let eku = &fields.extensions.extended_key_usage;
    if !eku.is_empty()
        && !eku
            .iter()
            .any(|o| LOGIN_EKU.contains(o) || extra_eku.contains(o))
    {
        return Err(LoginRefusal::ExtendedKeyUsage);
    }
    Ok(())
}
