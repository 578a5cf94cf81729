//! BER to DER, for CMS input.
//!
//! CMS producers may use BER ([X.690] section 8): indefinite lengths and
//! constructed OCTET STRINGs are what streaming signers (OpenSSL's
//! `cms -sign -stream`, CryptoPro in some modes) write. RustCrypto's `der`
//! reads DER only, and no maintained crate converts, so this module does the
//! minimal rewrite: indefinite lengths become definite, constructed string
//! types become primitive with their segments joined, lengths become minimal.
//! Everything else is copied as is. Converting is correct for CMS: RFC 5652
//! section 5.4 defines the signature over the DER encoding of the signed
//! attributes, and the content digest over the content octets whatever
//! their segmentation.
//!
//! Input that already is DER is returned borrowed, after one scan.
//!
//! This module stays hand-written because its input is BER, and the types
//! signet decodes with `der` (its own, x509-cert's, cms's) read DER (`der`'s
//! optional `ber` feature is not enabled). The output lengths are written
//! with `der`'s encoder ([`der::Length`], X.690 section 10.1: definite and
//! minimal), so the conversion needs no DER writer of its own.
//!
//! [X.690]: https://www.itu.int/rec/T-REC-X.690

use std::borrow::Cow;

use der::{Encode, Length};

/// Deepest nesting accepted; CMS with timestamps nests about 20 deep.
pub const MAX_DEPTH: usize = 64;

/// Why BER input could not be read: where, and which rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed BER at byte {offset}: {fault}")]
pub struct BerError {
    /// Where in the input.
    pub offset: usize,
    /// Which rule of [X.690] the input breaks.
    ///
    /// [X.690]: https://www.itu.int/rec/T-REC-X.690
    pub fault: BerFault,
}

/// The rule of [X.690] section 8.1 that BER input breaks.
///
/// [X.690]: https://www.itu.int/rec/T-REC-X.690
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BerFault {
    /// The input ends inside the identifier octets (section 8.1.2).
    #[error("truncated tag")]
    TruncatedTag,
    /// A tag number of more than five subsequent octets (section 8.1.2.4):
    /// more than any ASN.1 module in use assigns.
    #[error("tag number too large")]
    TagNumberTooLarge,
    /// The input ends inside the length octets (section 8.1.3).
    #[error("truncated length")]
    TruncatedLength,
    /// The indefinite form on a primitive value, which section 8.1.3.2 a)
    /// allows only for constructed ones.
    #[error("indefinite length on a primitive value")]
    IndefinitePrimitive,
    /// A long-form length of more than four octets (section 8.1.3.5: more
    /// than 4 GiB, beyond any input signet reads), or a value too long to
    /// be written back in DER.
    #[error("length too large")]
    LengthTooLarge,
    /// A definite length that runs past the end of the enclosing value.
    #[error("length beyond the input")]
    LengthBeyondInput,
    /// An indefinite-length value without its end-of-contents octets
    /// (section 8.1.5).
    #[error("missing end-of-contents")]
    MissingEndOfContents,
    /// Nested deeper than [`MAX_DEPTH`].
    #[error("nested too deeply")]
    NestedTooDeeply,
    /// Bytes after the one value (section 8.1.1: an encoding is one value).
    #[error("data after the end of the value")]
    TrailingData,
}

struct Header {
    /// Where the tag bytes are in the input.
    tag: std::ops::Range<usize>,
    constructed: bool,
    /// `None` for the indefinite form.
    len: Option<usize>,
    header_len: usize,
    minimal: bool,
}

fn err(offset: usize, fault: BerFault) -> BerError {
    BerError { offset, fault }
}

fn read_header(input: &[u8], pos: usize) -> Result<Header, BerError> {
    let mut i = pos;
    let first = *input.get(i).ok_or(err(i, BerFault::TruncatedTag))?;
    i += 1;
    if first & 0x1F == 0x1F {
        // High tag number: continuation bytes with the top bit set.
        loop {
            let b = *input.get(i).ok_or(err(i, BerFault::TruncatedTag))?;
            i += 1;
            if i - pos > 6 {
                return Err(err(pos, BerFault::TagNumberTooLarge));
            }
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    let tag = pos..i;
    let constructed = first & 0x20 != 0;
    let l = *input.get(i).ok_or(err(i, BerFault::TruncatedLength))?;
    i += 1;
    let (len, minimal) = if l < 0x80 {
        (Some(l as usize), true)
    } else if l == 0x80 {
        if !constructed {
            return Err(err(pos, BerFault::IndefinitePrimitive));
        }
        (None, false)
    } else {
        let n = (l & 0x7F) as usize;
        if n > 4 {
            return Err(err(pos, BerFault::LengthTooLarge));
        }
        let bytes = input
            .get(i..i + n)
            .ok_or(err(i, BerFault::TruncatedLength))?;
        i += n;
        let v = bytes.iter().fold(0usize, |acc, &b| (acc << 8) | b as usize);
        let minimal = v >= 0x80 && bytes[0] != 0;
        (Some(v), minimal)
    };
    Ok(Header {
        tag,
        constructed,
        len,
        header_len: i - pos,
        minimal,
    })
}

/// Universal string types whose constructed (segmented) BER form becomes
/// primitive in DER: BIT, OCTET, and the character strings.
fn is_string_tag(tag: &[u8]) -> bool {
    tag.len() == 1
        && matches!(
            tag[0] & 0xDF,
            0x03 | 0x04
                | 0x0C
                | 0x12
                | 0x13
                | 0x14
                | 0x15
                | 0x16
                | 0x19
                | 0x1A
                | 0x1B
                | 0x1C
                | 0x1E
        )
}

/// Converts `input` (one BER value, nothing after it) to DER, borrowing it
/// when it needs no change.
pub fn to_der(input: &[u8]) -> Result<Cow<'_, [u8]>, BerError> {
    let (end, is_der) = scan(input, 0, 0)?;
    if end != input.len() {
        return Err(err(end, BerFault::TrailingData));
    }
    if is_der {
        return Ok(Cow::Borrowed(input));
    }
    let mut out = Vec::with_capacity(input.len());
    let (_, value) = convert(input, 0, 0)?;
    // Every length was checked while converting: this cannot fail.
    value
        .write(&mut out)
        .map_err(|_| err(0, BerFault::LengthTooLarge))?;
    Ok(Cow::Owned(out))
}

/// Walks one value; returns where it ends and whether it is already DER
/// (as far as lengths and string segmentation go).
fn scan(input: &[u8], pos: usize, depth: usize) -> Result<(usize, bool), BerError> {
    if depth > MAX_DEPTH {
        return Err(err(pos, BerFault::NestedTooDeeply));
    }
    let h = read_header(input, pos)?;
    let start = pos + h.header_len;
    match h.len {
        Some(len) => {
            let end = start
                .checked_add(len)
                .filter(|&e| e <= input.len())
                .ok_or(err(pos, BerFault::LengthBeyondInput))?;
            let mut der = h.minimal;
            if h.constructed {
                if is_string_tag(&input[h.tag.clone()]) {
                    der = false;
                }
                let mut p = start;
                while p < end {
                    let (next, child_der) = scan(&input[..end], p, depth + 1)?;
                    der &= child_der;
                    p = next;
                }
            }
            Ok((end, der))
        }
        None => {
            let mut p = start;
            loop {
                if input.get(p..p + 2) == Some(&[0, 0]) {
                    return Ok((p + 2, false));
                }
                if p >= input.len() {
                    return Err(err(p, BerFault::MissingEndOfContents));
                }
                let (next, _) = scan(input, p, depth + 1)?;
                p = next;
            }
        }
    }
}

/// A value rebuilt in DER form.
enum Value {
    Primitive {
        tag: Vec<u8>,
        content: Vec<u8>,
    },
    Constructed {
        tag: Vec<u8>,
        children: Vec<Value>,
        len: Length,
    },
}

impl Value {
    fn encoded_len(&self) -> der::Result<Length> {
        let (tag, len) = match self {
            Value::Primitive { tag, content } => (tag, Length::try_from(content.len())?),
            Value::Constructed { tag, len, .. } => (tag, *len),
        };
        Length::try_from(tag.len())? + len.encoded_len()? + len
    }

    fn write(&self, out: &mut Vec<u8>) -> der::Result<()> {
        match self {
            Value::Primitive { tag, content } => {
                out.extend_from_slice(tag);
                Length::try_from(content.len())?.encode_to_vec(out)?;
                out.extend_from_slice(content);
            }
            Value::Constructed { tag, children, len } => {
                out.extend_from_slice(tag);
                len.encode_to_vec(out)?;
                for c in children {
                    c.write(out)?;
                }
            }
        }
        Ok(())
    }

    /// The joined contents of a (possibly segmented) string.
    fn string_content(self, out: &mut Vec<u8>, bit_string: bool) {
        match self {
            Value::Primitive { content, .. } => {
                // Segments of a BIT STRING each carry an unused-bits octet;
                // only the last may be non-zero, and one is kept at the front.
                if bit_string && !content.is_empty() {
                    if out.is_empty() {
                        out.push(0);
                    }
                    out[0] = content[0];
                    out.extend_from_slice(&content[1..]);
                } else {
                    out.extend_from_slice(&content);
                }
            }
            Value::Constructed { children, .. } => {
                for c in children {
                    c.string_content(out, bit_string);
                }
            }
        }
    }
}

fn convert(input: &[u8], pos: usize, depth: usize) -> Result<(usize, Value), BerError> {
    if depth > MAX_DEPTH {
        return Err(err(pos, BerFault::NestedTooDeeply));
    }
    let h = read_header(input, pos)?;
    let start = pos + h.header_len;
    if !h.constructed {
        let len = h.len.ok_or(err(pos, BerFault::IndefinitePrimitive))?;
        let end = start
            .checked_add(len)
            .filter(|&e| e <= input.len())
            .ok_or(err(pos, BerFault::LengthBeyondInput))?;
        return Ok((
            end,
            Value::Primitive {
                tag: input[h.tag].to_vec(),
                content: input[start..end].to_vec(),
            },
        ));
    }
    let mut children = Vec::new();
    let mut p = start;
    let end = match h.len {
        Some(len) => {
            let end = start
                .checked_add(len)
                .filter(|&e| e <= input.len())
                .ok_or(err(pos, BerFault::LengthBeyondInput))?;
            while p < end {
                let (next, v) = convert(&input[..end], p, depth + 1)?;
                children.push(v);
                p = next;
            }
            end
        }
        None => loop {
            if input.get(p..p + 2) == Some(&[0, 0]) {
                break p + 2;
            }
            if p >= input.len() {
                return Err(err(p, BerFault::MissingEndOfContents));
            }
            let (next, v) = convert(input, p, depth + 1)?;
            children.push(v);
            p = next;
        },
    };
    let tag = input[h.tag].to_vec();
    if is_string_tag(&tag) {
        let bit_string = tag[0] & 0xDF == 0x03;
        let mut content = Vec::new();
        for c in children {
            c.string_content(&mut content, bit_string);
        }
        Length::try_from(content.len()).map_err(|_| err(pos, BerFault::LengthTooLarge))?;
        let tag = vec![tag[0] & !0x20];
        return Ok((end, Value::Primitive { tag, content }));
    }
    let len = children
        .iter()
        .try_fold(Length::ZERO, |sum, child| sum + child.encoded_len()?)
        .map_err(|_| err(pos, BerFault::LengthTooLarge))?;
    Ok((end, Value::Constructed { tag, children, len }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_is_borrowed() {
        let der = [0x30, 0x03, 0x02, 0x01, 0x05];
        assert!(matches!(to_der(&der).unwrap(), Cow::Borrowed(_)));
    }

    #[test]
    fn indefinite_lengths_and_segmented_octet_strings_become_der() {
        // SEQUENCE (indefinite) { [0] (indefinite) { OCTET STRING constructed
        // (indefinite) { "ab", "c" } } }
        let ber = [
            0x30, 0x80, 0xA0, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00,
        ];
        let der = to_der(&ber).unwrap();
        assert_eq!(
            &*der,
            &[0x30, 0x07, 0xA0, 0x05, 0x04, 0x03, b'a', b'b', b'c']
        );
    }

    #[test]
    fn non_minimal_lengths_are_shortened() {
        let ber = [0x30, 0x81, 0x03, 0x02, 0x01, 0x05];
        assert_eq!(&*to_der(&ber).unwrap(), &[0x30, 0x03, 0x02, 0x01, 0x05]);
    }

    #[test]
    fn long_content_gets_long_form_length() {
        let mut ber = vec![0x24, 0x80];
        for _ in 0..3 {
            ber.extend_from_slice(&[0x04, 0x64]);
            ber.extend(std::iter::repeat_n(7u8, 100));
        }
        ber.extend_from_slice(&[0, 0]);
        let der = to_der(&ber).unwrap();
        assert_eq!(&der[..4], &[0x04, 0x82, 0x01, 0x2C]);
        assert_eq!(der.len(), 4 + 300);
    }

    #[test]
    fn malformed_input_is_an_error_naming_the_rule() {
        for (bad, fault) in [
            (&[0x30][..], BerFault::TruncatedLength),
            (&[0x1F, 0x81], BerFault::TruncatedTag),
            (
                &[0x1F, 0x81, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00],
                BerFault::TagNumberTooLarge,
            ),
            (&[0x30, 0x05, 0x02, 0x01], BerFault::LengthBeyondInput),
            (
                &[0x30, 0x80, 0x02, 0x01, 0x05],
                BerFault::MissingEndOfContents,
            ),
            (&[0x04, 0x80, 0x00, 0x00], BerFault::IndefinitePrimitive),
            (&[0x30, 0x85, 1, 0, 0, 0, 0], BerFault::LengthTooLarge),
            (
                &[0x30, 0x03, 0x02, 0x01, 0x05, 0xFF],
                BerFault::TrailingData,
            ),
        ] {
            assert_eq!(to_der(bad).map_err(|e| e.fault), Err(fault), "{bad:02X?}");
        }
        let mut deep = Vec::new();
        for _ in 0..200 {
            deep.extend_from_slice(&[0x30, 0x80]);
        }
        assert_eq!(
            to_der(&deep).map_err(|e| e.fault),
            Err(BerFault::NestedTooDeeply)
        );
        assert_eq!(
            to_der(&[0x30, 0x01]).map_err(|e| e.to_string()),
            Err("malformed BER at byte 0: length beyond the input".to_owned())
        );
    }
}
