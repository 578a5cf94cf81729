//! Reading objects given as DER, PEM or bare base64.
//!
//! Clients send certificates in every form: raw DER files, PEM files
//! ([RFC 7468]), and base64 with or without the PEM armour and with any line
//! breaks (the Kontur auth API's body form). The parser here is deliberately
//! more lenient than RFC 7468's strict grammar: text before the `BEGIN` line
//! is ignored (documentation copies it with a leading backslash), lines may be
//! of any length, and padding may be missing. What it decodes must still be
//! valid DER, which the structure parsers check afterwards.
//!
//! [RFC 7468]: https://datatracker.ietf.org/doc/html/rfc7468

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use crate::PkiError;

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const STANDARD_LENIENT: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::STANDARD, LENIENT);
const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::URL_SAFE, LENIENT);

/// Limits for one kind of object read with [`decode_objects`].
#[derive(Clone, Copy, Debug)]
pub struct InputKind {
    /// What the object is called in error messages ("certificate").
    pub what: &'static str,
    /// PEM labels accepted for it, the first being the canonical one.
    pub pem_labels: &'static [&'static str],
    /// Largest input accepted, in bytes, whatever its form.
    pub max_input: usize,
    /// Most objects accepted in one input (PEM bundles).
    pub max_objects: usize,
}

/// Decodes base64 text, ignoring ASCII whitespace and accepting missing
/// padding and the URL-safe alphabet.
pub fn decode_base64(text: &[u8]) -> Result<Vec<u8>, PkiError> {
    let compact: Vec<u8> = text
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if compact.is_empty() {
        return Err(PkiError::Empty);
    }
    STANDARD_LENIENT
        .decode(&compact)
        .or_else(|first| URL_SAFE_LENIENT.decode(&compact).map_err(|_| first))
        .map_err(PkiError::Base64)
}

/// Splits input into the DER encodings it carries.
///
/// - Binary input whose first byte is a SEQUENCE tag is one DER object.
/// - Text with `-----BEGIN` lines is one or more PEM blocks; each label must
///   be one of `kind.pem_labels`.
/// - Any other text is bare base64 of one DER object.
pub fn decode_objects(input: &[u8], kind: &InputKind) -> Result<Vec<Vec<u8>>, PkiError> {
    if input.len() > kind.max_input {
        return Err(PkiError::TooLarge {
            what: kind.what,
            len: input.len(),
            limit: kind.max_input,
        });
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let start = input.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Err(PkiError::Empty);
    };
    if input[start] == 0x30 && start == 0 {
        return Ok(vec![input.to_vec()]);
    }
    if find(input, b"-----BEGIN ").is_some() {
        return decode_pem_blocks(input, kind);
    }
    Ok(vec![decode_base64(input)?])
}

/// Decodes input that must carry exactly one object (the first PEM block
/// when several are given is not silently taken: more than one is an error).
pub fn decode_one(input: &[u8], kind: &InputKind) -> Result<Vec<u8>, PkiError> {
    let one = InputKind {
        max_objects: 1,
        ..*kind
    };
    let mut objects = decode_objects(input, &one)?;
    objects.pop().ok_or(PkiError::Empty)
}

fn decode_pem_blocks(input: &[u8], kind: &InputKind) -> Result<Vec<Vec<u8>>, PkiError> {
    let mut objects = Vec::new();
    let mut rest = input;
    while let Some(begin) = find(rest, b"-----BEGIN ") {
        let after_begin = &rest[begin + b"-----BEGIN ".len()..];
        let label_end = find(after_begin, b"-----").ok_or(PkiError::PemBeginUnclosed)?;
        let label = String::from_utf8_lossy(&after_begin[..label_end]).into_owned();
        if !kind.pem_labels.contains(&label.as_str()) {
            return Err(PkiError::PemLabel {
                expected: kind.pem_labels[0],
                found: label,
            });
        }
        let body = &after_begin[label_end + 5..];
        let end_marker = format!("-----END {label}-----");
        let end = find(body, end_marker.as_bytes())
            .ok_or_else(|| PkiError::PemUnterminated(label.clone()))?;
        if objects.len() == kind.max_objects {
            return Err(PkiError::TooMany {
                limit: kind.max_objects,
            });
        }
        let text = &body[..end];
        // RFC 1421 headers ("Proc-Type: …") are not base64; refuse them clearly.
        if text.contains(&b':') {
            return Err(PkiError::PemHeaders);
        }
        // Backslashes can appear in copies of PEM text from documentation.
        let cleaned: Vec<u8> = text.iter().copied().filter(|&b| b != b'\\').collect();
        objects.push(decode_base64(&cleaned)?);
        rest = &body[end + end_marker.len()..];
    }
    if objects.is_empty() {
        return Err(PkiError::Empty);
    }
    Ok(objects)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIND: InputKind = InputKind {
        what: "test object",
        pem_labels: &["CERTIFICATE", "X509 CERTIFICATE"],
        max_input: 1024,
        max_objects: 4,
    };

    #[test]
    fn der_is_passed_through() {
        let der = [0x30, 0x03, 0x02, 0x01, 0x05];
        assert_eq!(decode_objects(&der, &KIND).unwrap(), vec![der.to_vec()]);
    }

    #[test]
    fn bare_base64_with_line_breaks_and_no_padding() {
        let got = decode_objects(b"MAMC\r\nAQU", &KIND).unwrap();
        assert_eq!(got, vec![vec![0x30, 0x03, 0x02, 0x01, 0x05]]);
    }

    #[test]
    fn pem_with_leading_backslash_as_in_the_auth_spec() {
        let text = b"\\-----BEGIN CERTIFICATE-----\nMAMC\nAQU=\n\\-----END CERTIFICATE-----\n";
        let got = decode_objects(text, &KIND).unwrap();
        assert_eq!(got, vec![vec![0x30, 0x03, 0x02, 0x01, 0x05]]);
    }

    #[test]
    fn pem_bundle_yields_every_block() {
        let text = b"-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END CERTIFICATE-----\n\
                     -----BEGIN X509 CERTIFICATE-----\nMAMCAQY=\n-----END X509 CERTIFICATE-----\n";
        assert_eq!(decode_objects(text, &KIND).unwrap().len(), 2);
        assert!(matches!(
            decode_one(text, &KIND),
            Err(PkiError::TooMany { limit: 1 })
        ));
    }

    #[test]
    fn wrong_label_unterminated_block_and_garbage_are_errors() {
        let key = b"-----BEGIN PRIVATE KEY-----\nMAMCAQU=\n-----END PRIVATE KEY-----\n";
        assert!(matches!(
            decode_objects(key, &KIND),
            Err(PkiError::PemLabel { .. })
        ));
        let open = b"-----BEGIN CERTIFICATE-----\nMAMCAQU=\n";
        assert!(matches!(
            decode_objects(open, &KIND),
            Err(PkiError::PemUnterminated(_))
        ));
        assert!(matches!(
            decode_objects(b"not base64 at all!", &KIND),
            Err(PkiError::Base64(_))
        ));
        assert!(matches!(
            decode_objects(b"-----BEGIN CERTIFICATE\nMAMCAQU=\n", &KIND),
            Err(PkiError::PemBeginUnclosed)
        ));
        assert!(matches!(
            decode_objects(b" \n\t", &KIND),
            Err(PkiError::Empty)
        ));
        assert!(matches!(
            decode_objects(&[b'A'; 2048], &KIND),
            Err(PkiError::TooLarge { .. })
        ));
    }
}
