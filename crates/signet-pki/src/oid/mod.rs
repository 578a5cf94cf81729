//! The OID registry: every object identifier signet meets in certificates,
//! with a name and a description in English, Russian and Ukrainian.
//!
//! `const-oid`'s database has no GOST, DSTU or Russian/Ukrainian identity
//! OIDs, so signet keeps its own table ([`table`]). Sources, cited per
//! group in the table: RFC 5280, RFC 4519, RFC 4357, RFC 7836, RFC 9215,
//! ETSI EN 319 412-5, OpenSSL's `objects.txt`, the CryptoPro CSP SDK header,
//! and the Ukrainian UAPKI and IIT libraries' OID lists.
//!
//! The constants in [`ids`] name the OIDs the code itself acts on.

pub mod ids;
mod table;

use std::collections::HashMap;
use std::sync::LazyLock;

use const_oid::ObjectIdentifier;

/// What kind of thing an OID names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OidKind {
    /// An attribute of a distinguished name (CN, INN, …).
    NameAttribute,
    /// An attribute in the subjectDirectoryAttributes extension.
    DirectoryAttribute,
    /// A certificate or CRL extension.
    Extension,
    /// A public-key algorithm.
    PublicKeyAlgorithm,
    /// A signature algorithm (with its digest).
    SignatureAlgorithm,
    /// A digest algorithm.
    DigestAlgorithm,
    /// A cipher, MAC, key-wrap or key-agreement algorithm.
    CipherAlgorithm,
    /// A named curve or algorithm parameter set.
    ParameterSet,
    /// A certificate policy.
    Policy,
    /// An extended key usage.
    ExtendedKeyUsage,
    /// A qualified-certificate statement (RFC 3739, ETSI EN 319 412-5).
    QcStatement,
    /// An access method in AIA / SIA.
    AccessMethod,
    /// A type of otherName in subjectAltName.
    OtherName,
    /// A CMS content type or attribute.
    Cms,
}

/// What signet knows of one OID.
#[derive(Debug)]
pub struct OidInfo {
    /// The OID.
    pub oid: ObjectIdentifier,
    /// The conventional short or ASN.1 name ("CN", "id-ce-keyUsage", "INN").
    pub name: &'static str,
    /// What kind of object it names.
    pub kind: OidKind,
    /// English description.
    pub en: &'static str,
    /// Russian description.
    pub ru: &'static str,
    /// Ukrainian description.
    pub uk: &'static str,
}

/// A language for descriptions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Ukrainian.
    #[default]
    Uk,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl Lang {
    /// Parses "uk", "ua", "ru", "en" (case-insensitive, region ignored:
    /// "ru-RU" is Russian).
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        match primary.as_str() {
            "uk" | "ua" => Some(Lang::Uk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

impl OidInfo {
    /// The description in `lang`.
    pub fn description(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Uk => self.uk,
            Lang::Ru => self.ru,
            Lang::En => self.en,
        }
    }
}

static INDEX: LazyLock<HashMap<ObjectIdentifier, &'static OidInfo>> =
    LazyLock::new(|| table::ENTRIES.iter().map(|e| (e.oid, e)).collect());

/// Looks up an OID.
pub fn lookup(oid: &ObjectIdentifier) -> Option<&'static OidInfo> {
    INDEX.get(oid).copied()
}

/// The short name of an OID, or its dotted form when it is not known.
pub fn name_of(oid: &ObjectIdentifier) -> String {
    lookup(oid).map_or_else(|| oid.to_string(), |i| i.name.to_owned())
}

/// The description of an OID in `lang`, or its dotted form when unknown.
pub fn describe(oid: &ObjectIdentifier, lang: Lang) -> String {
    lookup(oid).map_or_else(|| oid.to_string(), |i| i.description(lang).to_owned())
}

/// All known entries, in table order.
pub fn entries() -> &'static [OidInfo] {
    table::ENTRIES
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_oid_is_listed_twice() {
        let mut seen = HashSet::new();
        for e in entries() {
            assert!(seen.insert(e.oid), "{} listed twice", e.oid);
        }
    }

    #[test]
    fn every_entry_has_all_three_descriptions() {
        for e in entries() {
            assert!(
                !e.en.is_empty() && !e.ru.is_empty() && !e.uk.is_empty(),
                "{} lacks a description",
                e.oid
            );
        }
    }

    #[test]
    fn identity_oids_are_known() {
        assert_eq!(name_of(&ids::INN), "INN");
        assert_eq!(describe(&ids::SNILS, Lang::Ru), "СНИЛС");
        assert_eq!(
            lookup(&ids::DRFO).map(|i| i.kind),
            Some(OidKind::DirectoryAttribute)
        );
        assert_eq!(
            describe(&ids::DSTU4145_LE, Lang::Uk),
            "ДСТУ 4145-2002, ПБ, little-endian"
        );
    }

    #[test]
    fn lang_tags() {
        assert_eq!(Lang::parse("ru-RU"), Some(Lang::Ru));
        assert_eq!(Lang::parse("UK"), Some(Lang::Uk));
        assert_eq!(Lang::parse("en_GB"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
    }
}
