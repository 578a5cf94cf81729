//! The few DER reading and writing steps CRLs and OCSP messages need, on
//! `der`'s `SliceReader`: each element is taken with its raw bytes (what
//! signatures cover), nothing recurses beyond the structure the caller
//! walks, and every failure is an error value, never a panic.

use const_oid::ObjectIdentifier;
use der::asn1::AnyRef;
use der::{Decode, Reader, SliceReader, Tag, Tagged};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

/// A result whose error says what was malformed.
pub(crate) type Parsed<T> = Result<T, String>;

fn der_err(e: der::Error) -> String {
    e.to_string()
}

/// One element: its tag, its contents, and its whole encoding.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tlv<'a> {
    pub tag: Tag,
    pub value: &'a [u8],
    pub raw: &'a [u8],
}

impl<'a> Tlv<'a> {
    /// Reads exactly one element filling `bytes`.
    pub fn parse(bytes: &'a [u8]) -> Parsed<Tlv<'a>> {
        let any = AnyRef::from_der(bytes).map_err(der_err)?;
        Ok(Tlv {
            tag: any.tag(),
            value: any.value(),
            raw: bytes,
        })
    }

    /// Whether this is the context-specific tag `[n]`.
    pub fn is_context(&self, n: u32, constructed: bool) -> bool {
        matches!(self.tag, Tag::ContextSpecific { constructed: c, number } if c == constructed && number.value() == n)
    }

    /// Fails unless the tag is `tag`.
    pub fn expect(self, tag: Tag, what: &str) -> Parsed<Tlv<'a>> {
        if self.tag == tag {
            Ok(self)
        } else {
            Err(format!("{what}: expected {tag}, found {}", self.tag))
        }
    }

    /// The elements inside a constructed element.
    pub fn children(&self) -> Parsed<Elements<'a>> {
        Elements::new(self.value)
    }
}

/// The elements of a constructed value, read one at a time.
pub(crate) struct Elements<'a> {
    reader: SliceReader<'a>,
}

impl<'a> Elements<'a> {
    /// Reads the concatenated elements of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Parsed<Self> {
        Ok(Elements {
            reader: SliceReader::new(bytes).map_err(der_err)?,
        })
    }

    /// The next element, if any.
    pub fn next(&mut self) -> Parsed<Option<Tlv<'a>>> {
        if self.reader.is_finished() {
            return Ok(None);
        }
        let raw = self.reader.tlv_bytes().map_err(der_err)?;
        Tlv::parse(raw).map(Some)
    }

    /// The next element, which must be there.
    pub fn required(&mut self, what: &str) -> Parsed<Tlv<'a>> {
        self.next()?.ok_or_else(|| format!("{what} is missing"))
    }

    /// Fails unless every element was read.
    pub fn finish(&self, what: &str) -> Parsed<()> {
        if self.reader.is_finished() {
            Ok(())
        } else {
            Err(format!("unexpected data after {what}"))
        }
    }
}

/// An OBJECT IDENTIFIER element.
pub(crate) fn oid(t: Tlv<'_>) -> Parsed<ObjectIdentifier> {
    ObjectIdentifier::from_der(t.raw).map_err(der_err)
}

/// A BOOLEAN element (lenient on non-0xFF true values).
pub(crate) fn boolean(t: Tlv<'_>) -> Parsed<bool> {
    match t.value {
        [b] => Ok(*b != 0),
        _ => Err("malformed BOOLEAN".into()),
    }
}

/// An INTEGER or ENUMERATED with a small non-negative value.
pub(crate) fn small_uint(t: Tlv<'_>) -> Parsed<u32> {
    if t.value.is_empty() || t.value.len() > 5 || t.value.first().is_some_and(|b| b & 0x80 != 0) {
        return Err("integer out of range".into());
    }
    let mut v: u64 = 0;
    for b in t.value {
        v = (v << 8) | u64::from(*b);
    }
    u32::try_from(v).map_err(|_| "integer out of range".to_string())
}

/// The contents of a BIT STRING with no unused bits (signatures, keys).
pub(crate) fn bit_string_bytes<'a>(t: Tlv<'a>) -> Parsed<&'a [u8]> {
    let t = t.expect(Tag::BitString, "BIT STRING")?;
    match t.value.split_first() {
        Some((0, rest)) => Ok(rest),
        Some(_) => Err("a signature BIT STRING has unused bits".into()),
        None => Err("empty BIT STRING".into()),
    }
}

/// A UTCTime or GeneralizedTime, as [RFC 5280] section 4.1.2.5 writes them
/// (seconds and "Z" required; GeneralizedTime fractions are accepted and
/// dropped, as some OCSP responders send them).
///
/// [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.1.2.5
pub(crate) fn time(t: Tlv<'_>) -> Parsed<OffsetDateTime> {
    let s = std::str::from_utf8(t.value).map_err(|_| "time is not ASCII".to_string())?;
    let bad = || format!("malformed time \"{}\"", s.escape_debug());
    let body = s.strip_suffix('Z').ok_or_else(bad)?;
    let (year, rest) = match t.tag {
        Tag::UtcTime => {
            let yy: i32 = digits(body.get(..2).ok_or_else(bad)?).ok_or_else(bad)?;
            (
                if yy >= 50 { 1900 + yy } else { 2000 + yy },
                body.get(2..).ok_or_else(bad)?,
            )
        }
        Tag::GeneralizedTime => {
            let yyyy: i32 = digits(body.get(..4).ok_or_else(bad)?).ok_or_else(bad)?;
            let rest = body.get(4..).ok_or_else(bad)?;
            // Drop a fraction of a second.
            let rest = match rest.split_once('.') {
                Some((whole, frac))
                    if !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    whole
                }
                Some(_) => return Err(bad()),
                None => rest,
            };
            (yyyy, rest)
        }
        other => return Err(format!("expected a time, found {other}")),
    };
    if rest.len() != 10 {
        return Err(bad());
    }
    let field = |i: usize| -> Parsed<u8> { rest.get(i..i + 2).and_then(digits).ok_or_else(bad) };
    let month = Month::try_from(field(0)?).map_err(|_| bad())?;
    let date = Date::from_calendar_date(year, month, field(2)?).map_err(|_| bad())?;
    let time = Time::from_hms(field(4)?, field(6)?, field(8)?).map_err(|_| bad())?;
    Ok(PrimitiveDateTime::new(date, time).assume_utc())
}

fn digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// One extension of an `Extensions` SEQUENCE ([RFC 5280] section 4.1).
///
/// [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.1
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ext<'a> {
    pub oid: ObjectIdentifier,
    pub critical: bool,
    /// The contents of extnValue.
    pub value: &'a [u8],
}

/// Most extensions read from one `Extensions`.
const MAX_EXTENSIONS: usize = 64;

/// Reads `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension`.
pub(crate) fn extensions<'a>(seq: Tlv<'a>) -> Parsed<Vec<Ext<'a>>> {
    let seq = seq.expect(Tag::Sequence, "Extensions")?;
    let mut out = Vec::new();
    let mut items = seq.children()?;
    while let Some(item) = items.next()? {
        if out.len() == MAX_EXTENSIONS {
            return Err(format!("more than {MAX_EXTENSIONS} extensions"));
        }
        let item = item.expect(Tag::Sequence, "Extension")?;
        let mut f = item.children()?;
        let oid = oid(f.required("extnID")?)?;
        let mut next = f.required("extnValue")?;
        let mut critical = false;
        if next.tag == Tag::Boolean {
            critical = boolean(next)?;
            next = f.required("extnValue")?;
        }
        let value = next.expect(Tag::OctetString, "extnValue")?.value;
        f.finish("an Extension")?;
        if out.iter().any(|e: &Ext<'_>| e.oid == oid) {
            return Err(format!("extension {oid} appears twice"));
        }
        out.push(Ext {
            oid,
            critical,
            value,
        });
    }
    Ok(out)
}

use crate::der_write::push_len;

/// Encodes one element with tag byte `tag` around `contents`.
pub(crate) fn encode(tag: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(contents.len() + 6);
    out.push(tag);
    push_len(&mut out, contents.len());
    out.extend_from_slice(contents);
    out
}

/// Encodes a SEQUENCE of already encoded elements.
pub(crate) fn sequence(parts: &[&[u8]]) -> Vec<u8> {
    encode(0x30, &parts.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tlv(bytes: &[u8]) -> Tlv<'_> {
        Tlv::parse(bytes).expect("well-formed")
    }

    #[test]
    fn times_in_both_forms() {
        let utc = encode(0x17, b"261125173209Z");
        assert_eq!(time(tlv(&utc)).unwrap().unix_timestamp(), 1_795_627_929);
        let gen_time = encode(0x18, b"20261125173209Z");
        assert_eq!(
            time(tlv(&gen_time)).unwrap().unix_timestamp(),
            1_795_627_929
        );
        let frac = encode(0x18, b"20261125173209.123Z");
        assert_eq!(time(tlv(&frac)).unwrap().unix_timestamp(), 1_795_627_929);
        let old = encode(0x17, b"991231235959Z");
        assert_eq!(time(tlv(&old)).unwrap().year(), 1999);
        for bad in [
            &b"2611251732Z"[..],
            b"261325173209Z",
            b"26112517320+Z",
            b"261125173209",
            b"",
        ] {
            assert!(time(tlv(&encode(0x17, bad))).is_err(), "{bad:?}");
        }
        assert!(time(tlv(&encode(0x18, b"20261125173209.Z"))).is_err());
        assert!(time(tlv(&encode(0x04, b"20261125173209Z"))).is_err());
    }

    #[test]
    fn lengths_encode_minimally() {
        assert_eq!(encode(0x04, &[1, 2]), vec![0x04, 0x02, 1, 2]);
        assert_eq!(&encode(0x04, &[0; 200])[..3], &[0x04, 0x81, 200]);
        assert_eq!(&encode(0x04, &[0; 300])[..4], &[0x04, 0x82, 0x01, 0x2C]);
        assert!(Tlv::parse(&encode(0x04, &[0; 70000])).is_ok());
    }

    #[test]
    fn small_integers() {
        assert_eq!(small_uint(tlv(&[0x0A, 0x01, 0x01])).unwrap(), 1);
        assert!(small_uint(tlv(&[0x02, 0x01, 0x80])).is_err());
        assert!(small_uint(tlv(&[0x02, 0x00])).is_err());
    }
}
