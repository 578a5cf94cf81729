//! Distinguished names as ordered lists of typed text values.
//!
//! A `Name` ([RFC 5280] section 4.1.2.4) is an RDN sequence; signet flattens
//! it into the attribute list in encoding order, which keeps multi-valued
//! RDNs and repeated attributes (several OU) intact and lets callers pick the
//! first or all values of a type.
//!
//! Names as encoded are compared by [`names_equal`] (CRL and OCSP responder
//! issuers) and shown by [`name_text`].
//!
//! [RFC 5280]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.1.2.4

use const_oid::ObjectIdentifier;
use x509_cert::name::Name;

use crate::oid;
use crate::text::any_to_text;

/// One attribute of a name: its type and its value as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameAttribute {
    /// The attribute type.
    pub oid: ObjectIdentifier,
    /// The value as text (see [`crate::text`]).
    pub value: String,
}

/// A distinguished name, flattened in encoding order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DistinguishedName {
    /// Every attribute, in the order of the encoding.
    pub attributes: Vec<NameAttribute>,
}

impl DistinguishedName {
    /// Flattens an X.509 `Name`.
    pub fn from_name(name: &Name) -> Self {
        let attributes = name
            .as_ref()
            .iter()
            .flat_map(|rdn| rdn.as_ref().iter())
            .map(|atv| NameAttribute {
                oid: atv.oid,
                value: any_to_text(atv.value.to_ref()),
            })
            .collect();
        DistinguishedName { attributes }
    }

    /// Reads a Name from its encoding, keeping every RDN's values in the
    /// order they were encoded (DER asks for sorted SETs, but not every
    /// CA sorts, and the order is what OpenSSL and the CA show).
    pub fn from_der(der: &[u8]) -> Option<Self> {
        use der::asn1::AnyRef;
        use der::{Decode, Reader, Tag, Tagged};
        let name = AnyRef::from_der(der).ok()?;
        let mut attributes = Vec::new();
        name.sequence(|r| {
            while !r.is_finished() {
                let rdn: AnyRef<'_> = r.decode()?;
                rdn.tag().assert_eq(Tag::Set)?;
                let mut set = der::SliceReader::new(rdn.value())?;
                while !set.is_finished() {
                    let atv: AnyRef<'_> = set.decode()?;
                    atv.sequence(|a| {
                        let oid: ObjectIdentifier = a.decode()?;
                        let value: AnyRef<'_> = a.decode()?;
                        attributes.push(NameAttribute {
                            oid,
                            value: any_to_text(value),
                        });
                        Ok::<_, der::Error>(())
                    })?;
                }
            }
            Ok::<_, der::Error>(())
        })
        .ok()?;
        Some(DistinguishedName { attributes })
    }

    /// The first value of an attribute type, trimmed; `None` when absent or
    /// blank.
    pub fn get(&self, oid: &ObjectIdentifier) -> Option<&str> {
        self.attributes
            .iter()
            .filter(|a| &a.oid == oid)
            .map(|a| a.value.trim())
            .find(|v| !v.is_empty())
    }

    /// Every non-blank value of an attribute type, in order.
    pub fn get_all<'a>(&'a self, oid: &'a ObjectIdentifier) -> impl Iterator<Item = &'a str> + 'a {
        self.attributes
            .iter()
            .filter(move |a| &a.oid == oid)
            .map(|a| a.value.trim())
            .filter(|v| !v.is_empty())
    }

    /// Whether the name has no attributes.
    pub fn is_empty(&self) -> bool {
        self.attributes.is_empty()
    }

    /// The "simple name" Windows and .NET show for a certificate party
    /// (`CERT_NAME_SIMPLE_DISPLAY_TYPE`): the first of CN, OU, O and
    /// emailAddress that is present, else the first attribute.
    pub fn simple_name(&self) -> Option<&str> {
        [
            oid::ids::CN,
            oid::ids::ORGANIZATIONAL_UNIT,
            oid::ids::ORGANIZATION,
            oid::ids::EMAIL,
        ]
        .iter()
        .find_map(|o| self.get(o))
        .or_else(|| self.attributes.first().map(|a| a.value.trim()))
    }

    /// How a party is named in messages: the simple name, or the whole
    /// name when it has none.
    pub(crate) fn display_name(&self) -> String {
        self.simple_name()
            .map(str::to_owned)
            .unwrap_or_else(|| self.to_string())
    }
}

/// Whether two DER Names are the same: byte equality, or equality after
/// decoding and re-encoding both (which irons out encoding differences a
/// lenient parser let through, such as RDN SETs out of DER order).
pub(crate) fn names_equal(a: &[u8], b: &[u8]) -> bool {
    use der::{Decode as _, Encode as _};
    if a == b {
        return true;
    }
    let canon = |d: &[u8]| Name::from_der(d).ok().and_then(|n| n.to_der().ok());
    match (canon(a), canon(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// A Name DER as text, as [`DistinguishedName`] shows it.
pub(crate) fn name_text(der: &[u8]) -> String {
    use der::Decode as _;
    Name::from_der(der)
        .map(|n| DistinguishedName::from_name(&n).to_string())
        .unwrap_or_else(|_| "(unreadable name)".into())
}

impl std::fmt::Display for DistinguishedName {
    /// Renders the name as `short=value, …` in encoding order, the way
    /// `openssl x509 -nameopt oneline` lists it (most significant first).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, a) in self.attributes.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}={}", oid::name_of(&a.oid), a.value)?;
        }
        Ok(())
    }
}
