//! Texts in the three languages signet speaks — Ukrainian, Russian,
//! English — and tables of them by key.
//!
//! A [`Wording`] is one text in every language; [`Wording::new`] refuses an
//! empty one, and since the tables are constants a missing translation
//! stops the build. A [`Labels`] table names its texts by key, and
//! [`label`] looks one up. The tables themselves live with the module that
//! renders them (Cipher BIS's field descriptions are the vendor's words);
//! the key-usage names here are shared by Cipher BIS and the web page.

use signet_pki::Lang;

/// One text in Ukrainian, Russian and English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wording {
    uk: &'static str,
    ru: &'static str,
    en: &'static str,
}

impl Wording {
    /// The text in each language; none may be empty (in a constant, an
    /// empty one is a build error).
    pub const fn new(uk: &'static str, ru: &'static str, en: &'static str) -> Self {
        assert!(
            !uk.is_empty() && !ru.is_empty() && !en.is_empty(),
            "a text needs all three languages"
        );
        Wording { uk, ru, en }
    }

    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Uk => self.uk,
            Lang::Ru => self.ru,
            Lang::En => self.en,
        }
    }
}

/// Texts by key.
pub type Labels = [(&'static str, Wording)];

/// The text of `key` in `table` in `lang`; "" for a key the table does not
/// have.
pub fn label(table: &Labels, key: &str, lang: Lang) -> &'static str {
    table
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("", |(_, wording)| wording.get(lang))
}

/// Key usage bit names in bit order ([RFC 5280 section 4.2.1.3]). The
/// first two Ukrainian ones are the words of Cipher BIS's example (spec
/// 001); the rest follow UAPKI.
///
/// [RFC 5280 section 4.2.1.3]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.3
const KEY_USAGE: [Wording; 9] = [
    Wording::new(
        "Електронний підпис",
        "Электронная подпись",
        "Digital signature",
    ),
    Wording::new("Невідрікаємість", "Неотрекаемость", "Non-repudiation"),
    Wording::new("Шифрування ключів", "Шифрование ключей", "Key encipherment"),
    Wording::new("Шифрування даних", "Шифрование данных", "Data encipherment"),
    Wording::new("Узгодження ключів", "Согласование ключей", "Key agreement"),
    Wording::new(
        "Підпис сертифікатів",
        "Подпись сертификатов",
        "Certificate signing",
    ),
    Wording::new("Підпис СВС", "Подпись списков отзыва", "CRL signing"),
    Wording::new(
        "Тільки зашифрування",
        "Только зашифрование",
        "Encipher only",
    ),
    Wording::new(
        "Тільки розшифрування",
        "Только расшифрование",
        "Decipher only",
    ),
];

/// The name of key usage bit `bit` (0 = digitalSignature) in `lang`.
pub fn key_usage_name(bit: usize, lang: Lang) -> Option<&'static str> {
    KEY_USAGE.get(bit).map(|wording| wording.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &Labels = &[
        ("owner", Wording::new("Власник", "Владелец", "Owner")),
        ("issuer", Wording::new("Видавець", "Издатель", "Issuer")),
    ];

    #[test]
    fn labels_by_key_and_language() {
        assert_eq!(label(TABLE, "owner", Lang::Uk), "Власник");
        assert_eq!(label(TABLE, "issuer", Lang::Ru), "Издатель");
        assert_eq!(label(TABLE, "issuer", Lang::En), "Issuer");
        assert_eq!(label(TABLE, "subject", Lang::En), "");
    }

    #[test]
    #[should_panic(expected = "all three languages")]
    fn a_missing_language_is_refused() {
        let _ = Wording::new("Власник", "", "Owner");
    }

    #[test]
    fn key_usage_names_in_bit_order() {
        assert_eq!(key_usage_name(0, Lang::Uk), Some("Електронний підпис"));
        assert_eq!(key_usage_name(1, Lang::Uk), Some("Невідрікаємість"));
        assert_eq!(key_usage_name(5, Lang::Ru), Some("Подпись сертификатов"));
        assert_eq!(key_usage_name(8, Lang::En), Some("Decipher only"));
        assert_eq!(key_usage_name(9, Lang::En), None);
    }
}
