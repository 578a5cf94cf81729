//! The one error type of the PKI layer.

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
    /// Text input that is neither PEM nor base64.
    #[error("the input is not DER, PEM or base64: {0}")]
    Base64(String),
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
    /// Malformed BER.
    #[error("malformed encoding: {0}")]
    Ber(String),
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
