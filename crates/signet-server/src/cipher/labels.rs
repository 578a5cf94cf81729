//! Field descriptions of Cipher BIS certificate info, in the user's
//! language. The Ukrainian texts are the vendor's, as its documentation
//! (spec 001) prints them, spelling included; Russian and English are ours.

use signet_pki::Lang;

use crate::present::words::{self, Labels, Wording};

/// The descriptions of the fields, by the field's name.
const LABELS: &Labels = &[
    (
        "ownerCertificateInfo",
        Wording::new("Власник", "Владелец", "Owner"),
    ),
    (
        "ownerSurname",
        Wording::new("Прізвище", "Фамилия", "Surname"),
    ),
    (
        "ownerGivenname",
        Wording::new("Імя по-батькові", "Имя отчество", "Given name"),
    ),
    (
        "ownerFullName",
        Wording::new("Повне ім'я", "Полное имя", "Full name"),
    ),
    ("ownerCountry", Wording::new("Країна", "Страна", "Country")),
    ("ownerRegion", Wording::new("Область", "Регион", "Region")),
    ("ownerCity", Wording::new("Місто", "Город", "City")),
    (
        "ownerAddress",
        Wording::new("Поштова адреса", "Почтовый адрес", "Postal address"),
    ),
    (
        "ownerSerialNumber",
        Wording::new(
            "Серійний номер власника",
            "Серийный номер владельца",
            "Owner serial number",
        ),
    ),
    (
        "ownerPosition",
        Wording::new("Посада", "Должность", "Position"),
    ),
    (
        "issuerCertificateInfo",
        Wording::new("Видавець", "Издатель", "Issuer"),
    ),
    (
        "issuerOrganization",
        Wording::new("Організація", "Организация", "Organization"),
    ),
    (
        "issuerDepartment",
        Wording::new("Підрозділ", "Подразделение", "Department"),
    ),
    (
        "issuerFullName",
        Wording::new("Повне ім'я", "Полное имя", "Full name"),
    ),
    ("issuerCountry", Wording::new("Країна", "Страна", "Country")),
    ("issuerRegion", Wording::new("Область", "Регион", "Region")),
    ("issuerCity", Wording::new("Місто", "Город", "City")),
    (
        "issuerAddress",
        Wording::new("Поштова адреса", "Почтовый адрес", "Postal address"),
    ),
    (
        "issuerSerialNumber",
        Wording::new(
            "Серійний номер видавця",
            "Серийный номер издателя",
            "Issuer serial number",
        ),
    ),
    (
        "publicKeyCertificateInfo",
        Wording::new(
            "Інформація про відкритий ключ",
            "Информация об открытом ключе",
            "Public key information",
        ),
    ),
    (
        "publicKey",
        Wording::new("Відкритий ключ", "Открытый ключ", "Public key"),
    ),
    (
        "dsAlgorism",
        Wording::new("Алгоритм ЕП", "Алгоритм ЭП", "Signature algorithm"),
    ),
    (
        "certificateSerialNumber",
        Wording::new(
            "Серійний номер сертифікату",
            "Серийный номер сертификата",
            "Certificate serial number",
        ),
    ),
    (
        "notBefore",
        Wording::new("Початок дії", "Начало действия", "Valid from"),
    ),
    (
        "notAfter",
        Wording::new("Закінчення дії", "Окончание действия", "Valid to"),
    ),
    (
        "extensionsCertificateInfo",
        Wording::new("Розширення", "Расширения", "Extensions"),
    ),
    (
        "personalData",
        Wording::new("Персональні дані", "Персональные данные", "Personal data"),
    ),
    (
        "customId",
        Wording::new(
            "Зовнішній ідентифікатор",
            "Внешний идентификатор",
            "External identifier",
        ),
    ),
    (
        "passport",
        Wording::new("Паспортні дані", "Паспортные данные", "Passport"),
    ),
    (
        "drfou",
        Wording::new(
            "Реєстраційний номер облікової картки платника податків",
            "Регистрационный номер учётной карточки налогоплательщика",
            "Taxpayer registration number (DRFO)",
        ),
    ),
    (
        "edrpou",
        Wording::new("Код ЕДПРОУ", "Код ЕГРПОУ", "EDRPOU code"),
    ),
    (
        "eddrun",
        Wording::new(
            "Унікальний номер запису в ЄДДР",
            "Уникальный номер записи в ЕГДР",
            "Unique record number in the demographic register",
        ),
    ),
    (
        "alternativeOwnerName",
        Wording::new(
            "Альтернативне ім'я власника",
            "Альтернативное имя владельца",
            "Alternative owner name",
        ),
    ),
    (
        "subjectKeyId",
        Wording::new(
            "Ідентифікатор ключа",
            "Идентификатор ключа",
            "Subject key identifier",
        ),
    ),
    (
        "subjectOwnerId",
        Wording::new(
            "Ідентифікатор власника",
            "Идентификатор владельца",
            "Owner identifier",
        ),
    ),
    (
        "certificateProfile",
        Wording::new(
            "Профіль сертифіката",
            "Профиль сертификата",
            "Certificate profile",
        ),
    ),
    (
        "keyUsage",
        Wording::new(
            "Призначення сертифіката",
            "Назначение сертификата",
            "Key usage",
        ),
    ),
    (
        "isTemporary",
        Wording::new("Стартовий", "Стартовый", "Temporary (starter)"),
    ),
    (
        "isReinforced",
        Wording::new("Посилений", "Усиленный", "Reinforced"),
    ),
    (
        "isQualified",
        Wording::new("Кваліфікований", "Квалифицированный", "Qualified"),
    ),
    (
        "isPrivateKeyOnQSCD",
        Wording::new("Засіб КЕП", "Средство КЭП", "Private key on a QSCD"),
    ),
    (
        "qscdTypeName",
        Wording::new("Тип засобу КЕП", "Тип средства КЭП", "QSCD type"),
    ),
    (
        "isElectronicStamp",
        Wording::new(
            "Електронна печатка",
            "Электронная печать",
            "Electronic stamp",
        ),
    ),
];

/// The description of a Cipher field in `lang`.
pub fn label(key: &str, lang: Lang) -> &'static str {
    words::label(LABELS, key, lang)
}
