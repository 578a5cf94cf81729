//! The one error type of the PKI layer.

use crate::ber::BerError;
use crate::keystore::ContainerError;
use crate::private_key::PrivateKeyError;

/// Why a certificate (or other PKI object) could not be read.
///
/// Every variant says which rule broke, in words that can be shown to the
/// person who sent the input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PkiError {
    /// Nothing was given.
    #[error("the input is empty")]
    Empty,
    /// The input is larger than this kind of object may be.
    #[error("the input is {len} bytes, more than the limit of {limit} bytes for {what}")]
    TooLarge {
        /// What was being read.
        what: &'static str,
        /// Size of the input.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// Text input that is neither PEM nor base64: the base64 decoder's
    /// account of the fault.
    #[error("the input is not DER, PEM or base64: {0}")]
    Base64(#[source] base64::DecodeError),
    /// A PEM `-----BEGIN` line whose label is not closed by five dashes
    /// ([RFC 7468 section 2]).
    ///
    /// [RFC 7468 section 2]: https://datatracker.ietf.org/doc/html/rfc7468#section-2
    #[error("the input is not DER, PEM or base64: a PEM BEGIN line is not closed by \"-----\"")]
    PemBeginUnclosed,
    /// A PEM block with RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`,
    /// `DEK-Info`): [RFC 7468 section 2] has none, and the encrypted form
    /// they announce is not read.
    ///
    /// [RFC 7468 section 2]: https://datatracker.ietf.org/doc/html/rfc7468#section-2
    #[error(
        "the input is not DER, PEM or base64: encrypted or header-carrying PEM blocks are not supported"
    )]
    PemHeaders,
    /// A PEM block with a label other than the one expected.
    #[error("the PEM block is labelled \"{found}\", expected \"{expected}\"")]
    PemLabel {
        /// The label expected ("CERTIFICATE", …).
        expected: &'static str,
        /// The label found.
        found: String,
    },
    /// A PEM block without its end line.
    #[error("the PEM block \"{0}\" has no END line")]
    PemUnterminated(String),
    /// The bytes are not a well-formed DER encoding of the expected structure.
    #[error("malformed {what}: {source}")]
    Der {
        /// What was being decoded ("certificate", "CRL", …).
        what: &'static str,
        /// The decoder's own account of the fault (its position and tag).
        #[source]
        source: der::Error,
    },
    /// Malformed BER ([X.690] section 8), where and which rule.
    ///
    /// [X.690]: https://www.itu.int/rec/T-REC-X.690
    #[error("malformed encoding: {0}")]
    Ber(#[from] BerError),
    /// A private key structure that is malformed, or whose values do not
    /// make a usable key. (The message keeps the prefix it has always had.)
    #[error("malformed encoding: {0}")]
    PrivateKey(#[from] PrivateKeyError),
    /// A key container (PKCS#12, JKS, Key-6.dat, the password-based
    /// encryption inside them) that is malformed.
    #[error("malformed encoding: {0}")]
    Container(#[from] ContainerError),
    /// Well-formed input that signet does not handle (yet).
    #[error("not supported: {0}")]
    Unsupported(String),
    /// The password does not open a key container, or the container is
    /// damaged: the two cannot be told apart (a damaged container decrypts
    /// to garbage just as a wrong password does).
    #[error("the password does not open the {0} (or the container is damaged)")]
    WrongPassword(&'static str),
    /// More objects than the caller allows in one input.
    #[error("the input holds more than {limit} objects")]
    TooMany {
        /// The limit.
        limit: usize,
    },
}

impl PkiError {
    pub(crate) fn der(what: &'static str) -> impl FnOnce(der::Error) -> PkiError {
        move |source| PkiError::Der { what, source }
    }
}
