//! Why a key container could not be read: each variant names the rule of
//! the container's format that broke. A wrong password is not one of them
//! ([`crate::PkiError::WrongPassword`]), nor is a DER fault the `der`
//! decoder reports ([`crate::PkiError::Der`]).

use signet_crypto::password;

/// A key container, or the password-based encryption inside it, that is
/// malformed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ContainerError {
    /// A PBES2 or PKCS#12 PBE AlgorithmIdentifier without its parameters
    /// ([RFC 8018 appendix A.4], [RFC 7292 appendix C]).
    ///
    /// [RFC 8018 appendix A.4]: https://datatracker.ietf.org/doc/html/rfc8018#appendix-A.4
    /// [RFC 7292 appendix C]: https://datatracker.ietf.org/doc/html/rfc7292#appendix-C
    #[error("malformed password-based encryption: parameters are missing")]
    PbeParamsMissing,
    /// PBKDF2 without its `PBKDF2-params` ([RFC 8018 appendix A.2]).
    ///
    /// [RFC 8018 appendix A.2]: https://datatracker.ietf.org/doc/html/rfc8018#appendix-A.2
    #[error("malformed password-based encryption: PBKDF2 parameters are missing")]
    Pbkdf2ParamsMissing,
    /// PBKDF2's `keyLength` is not the key length of the cipher.
    #[error("malformed password-based encryption: the PBKDF2 key length does not fit the cipher")]
    Pbkdf2KeyLength,
    /// The key could not be derived from the password (an iteration count
    /// or key length the KDF refuses).
    #[error("malformed password-based encryption: {0}")]
    KeyDerivation(#[source] password::Error),
    /// The encryption scheme's parameters do not fit the cipher.
    #[error("malformed password-based encryption: {0}")]
    EncryptionScheme(#[source] Box<crate::cms::EnvelopedError>),
    /// DSTU 7624 encryption parameters without the IV.
    #[error("malformed DSTU 7624 encryption parameters: the IV is missing")]
    KalynaIvMissing,
    /// DSTU 7624 encryption parameters that are neither `SEQUENCE { iv
    /// OCTET STRING }` nor the bare IV (see `keystore::kalyna`).
    #[error("malformed DSTU 7624 encryption parameters: expected SEQUENCE {{ iv OCTET STRING }}")]
    KalynaParams,
    /// A DSTU 7624 IV that is not one block long.
    #[error("malformed DSTU 7624 encryption parameters: the IV is not one block long")]
    KalynaIvLength,
    /// PBKDF2's `keyLength` is not a DSTU 7624 key length for the block.
    #[error(
        "malformed DSTU 7624 encryption parameters: the PBKDF2 key length does not fit the cipher"
    )]
    KalynaKeyLength,
    /// safeContentsBag nested deeper than signet reads.
    #[error("malformed PKCS#12 file: safe contents nested too deep")]
    Pkcs12TooDeep,
    /// The PKCS#12 MAC key could not be derived from the password.
    #[error("malformed PKCS#12 file: {0}")]
    Pkcs12MacKey(#[source] password::Error),
    /// The Kupyna KMAC refused the PKCS#12 MAC key.
    #[error("malformed PKCS#12 file: MAC key")]
    Pkcs12KmacKey,
    /// A Key-6.dat whose 4-byte MAC, padding (under 8 bytes) or data
    /// (with the padding, whole 8-byte blocks) has the wrong length.
    #[error("malformed IIT key file (Key-6.dat): the MAC, padding or data length is wrong")]
    IitLayout,
    /// A JKS shorter than its 20-byte digest.
    #[error("malformed Java keystore (JKS): too short")]
    JksTooShort,
    /// A JKS that ends inside an entry.
    #[error("malformed Java keystore (JKS): the file ends early")]
    JksTruncated,
    /// A JKS without the magic number 0xFEEDFEED.
    #[error("malformed Java keystore (JKS): no JKS magic number")]
    JksMagic,
    /// An entry tag other than 1 (private key) and 2 (trusted
    /// certificate).
    #[error("malformed Java keystore (JKS): unknown entry tag {0}")]
    JksEntryTag(usize),
    /// Bytes between the last entry and the digest.
    #[error("malformed Java keystore (JKS): bytes after the last entry")]
    JksTrailingBytes,
    /// A protected key shorter than its salt and check (20 bytes each).
    #[error("malformed Java keystore (JKS): a protected key is too short")]
    JksProtectedKeyTooShort,
}
