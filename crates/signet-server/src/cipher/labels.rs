//! Field descriptions of Cipher BIS certificate info, in the user's
//! language. The Ukrainian texts are the vendor's, as its documentation
//! (spec 001) prints them, spelling included; Russian and English are ours.

use signet_pki::oid::Lang;

/// (key, uk, ru, en)
const LABELS: &[(&str, &str, &str, &str)] = &[
    ("ownerCertificateInfo", "Власник", "Владелец", "Owner"),
    ("ownerSurname", "Прізвище", "Фамилия", "Surname"),
    (
        "ownerGivenname",
        "Імя по-батькові",
        "Имя отчество",
        "Given name",
    ),
    ("ownerFullName", "Повне ім'я", "Полное имя", "Full name"),
    ("ownerCountry", "Країна", "Страна", "Country"),
    ("ownerRegion", "Область", "Регион", "Region"),
    ("ownerCity", "Місто", "Город", "City"),
    (
        "ownerAddress",
        "Поштова адреса",
        "Почтовый адрес",
        "Postal address",
    ),
    (
        "ownerSerialNumber",
        "Серійний номер власника",
        "Серийный номер владельца",
        "Owner serial number",
    ),
    ("ownerPosition", "Посада", "Должность", "Position"),
    ("issuerCertificateInfo", "Видавець", "Издатель", "Issuer"),
    (
        "issuerOrganization",
        "Організація",
        "Организация",
        "Organization",
    ),
    (
        "issuerDepartment",
        "Підрозділ",
        "Подразделение",
        "Department",
    ),
    ("issuerFullName", "Повне ім'я", "Полное имя", "Full name"),
    ("issuerCountry", "Країна", "Страна", "Country"),
    ("issuerRegion", "Область", "Регион", "Region"),
    ("issuerCity", "Місто", "Город", "City"),
    (
        "issuerAddress",
        "Поштова адреса",
        "Почтовый адрес",
        "Postal address",
    ),
    (
        "issuerSerialNumber",
        "Серійний номер видавця",
        "Серийный номер издателя",
        "Issuer serial number",
    ),
    (
        "publicKeyCertificateInfo",
        "Інформація про відкритий ключ",
        "Информация об открытом ключе",
        "Public key information",
    ),
    ("publicKey", "Відкритий ключ", "Открытый ключ", "Public key"),
    (
        "dsAlgorism",
        "Алгоритм ЕП",
        "Алгоритм ЭП",
        "Signature algorithm",
    ),
    (
        "certificateSerialNumber",
        "Серійний номер сертифікату",
        "Серийный номер сертификата",
        "Certificate serial number",
    ),
    ("notBefore", "Початок дії", "Начало действия", "Valid from"),
    (
        "notAfter",
        "Закінчення дії",
        "Окончание действия",
        "Valid to",
    ),
    (
        "extensionsCertificateInfo",
        "Розширення",
        "Расширения",
        "Extensions",
    ),
    (
        "personalData",
        "Персональні дані",
        "Персональные данные",
        "Personal data",
    ),
    (
        "customId",
        "Зовнішній ідентифікатор",
        "Внешний идентификатор",
        "External identifier",
    ),
    (
        "passport",
        "Паспортні дані",
        "Паспортные данные",
        "Passport",
    ),
    (
        "drfou",
        "Реєстраційний номер облікової картки платника податків",
        "Регистрационный номер учётной карточки налогоплательщика",
        "Taxpayer registration number (DRFO)",
    ),
    ("edrpou", "Код ЕДПРОУ", "Код ЕГРПОУ", "EDRPOU code"),
    (
        "eddrun",
        "Унікальний номер запису в ЄДДР",
        "Уникальный номер записи в ЕГДР",
        "Unique record number in the demographic register",
    ),
    (
        "alternativeOwnerName",
        "Альтернативне ім'я власника",
        "Альтернативное имя владельца",
        "Alternative owner name",
    ),
    (
        "subjectKeyId",
        "Ідентифікатор ключа",
        "Идентификатор ключа",
        "Subject key identifier",
    ),
    (
        "subjectOwnerId",
        "Ідентифікатор власника",
        "Идентификатор владельца",
        "Owner identifier",
    ),
    (
        "certificateProfile",
        "Профіль сертифіката",
        "Профиль сертификата",
        "Certificate profile",
    ),
    (
        "keyUsage",
        "Призначення сертифіката",
        "Назначение сертификата",
        "Key usage",
    ),
    (
        "isTemporary",
        "Стартовий",
        "Стартовый",
        "Temporary (starter)",
    ),
    ("isReinforced", "Посилений", "Усиленный", "Reinforced"),
    (
        "isQualified",
        "Кваліфікований",
        "Квалифицированный",
        "Qualified",
    ),
    (
        "isPrivateKeyOnQSCD",
        "Засіб КЕП",
        "Средство КЭП",
        "Private key on a QSCD",
    ),
    (
        "qscdTypeName",
        "Тип засобу КЕП",
        "Тип средства КЭП",
        "QSCD type",
    ),
    (
        "isElectronicStamp",
        "Електронна печатка",
        "Электронная печать",
        "Electronic stamp",
    ),
];

/// Key usage bit names in bit order (RFC 5280 section 4.2.1.3). The first
/// two Ukrainian ones are the spec example's words; the rest follow UAPKI.
const KEY_USAGE: [(&str, &str, &str); 9] = [
    (
        "Електронний підпис",
        "Электронная подпись",
        "Digital signature",
    ),
    ("Невідрікаємість", "Неотрекаемость", "Non-repudiation"),
    ("Шифрування ключів", "Шифрование ключей", "Key encipherment"),
    ("Шифрування даних", "Шифрование данных", "Data encipherment"),
    ("Узгодження ключів", "Согласование ключей", "Key agreement"),
    (
        "Підпис сертифікатів",
        "Подпись сертификатов",
        "Certificate signing",
    ),
    ("Підпис СВС", "Подпись списков отзыва", "CRL signing"),
    (
        "Тільки зашифрування",
        "Только зашифрование",
        "Encipher only",
    ),
    (
        "Тільки розшифрування",
        "Только расшифрование",
        "Decipher only",
    ),
];

/// The description of a Cipher field in `lang`.
pub fn label(key: &str, lang: Lang) -> &'static str {
    LABELS
        .iter()
        .find(|(k, ..)| *k == key)
        .map(|(_, uk, ru, en)| match lang {
            Lang::Uk => *uk,
            Lang::Ru => *ru,
            Lang::En => *en,
        })
        .unwrap_or("")
}

/// The name of key usage bit `bit` in `lang`.
pub fn key_usage_name(bit: usize, lang: Lang) -> Option<&'static str> {
    KEY_USAGE.get(bit).map(|(uk, ru, en)| match lang {
        Lang::Uk => *uk,
        Lang::Ru => *ru,
        Lang::En => *en,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_three_languages() {
        for (key, uk, ru, en) in LABELS {
            assert!(!uk.is_empty() && !ru.is_empty() && !en.is_empty(), "{key}");
        }
    }
}
