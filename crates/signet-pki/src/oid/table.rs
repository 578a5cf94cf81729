//! The table behind [`super::lookup`].
//!
//! Sources by group: X.520 and RFC 4519 (name attributes); RFC 5280, RFC 3739
//! and RFC 9215 (extensions); RFC 9215 and FSB order 795 (Russian identity
//! attributes, sign-tool extensions, КС/КВ/КА policies); CryptoPro CSP SDK
//! `WinCryptEx.h` (CryptoPro policies and key usages); RFC 4357, RFC 7836,
//! RFC 9215 and OpenSSL `objects.txt` (GOST algorithms and parameter sets);
//! UAPKI `oids.h` and IIT EU_CERT_INFO_EX (Ukrainian OIDs); ETSI EN 319 412-5
//! (qcStatements). Russian and Ukrainian descriptions follow the wording of
//! CryptoPro / UAPKI / IIT user interfaces where they have one.

use super::{OidInfo, OidKind};
use OidKind::*;
use const_oid::ObjectIdentifier;

macro_rules! entries {
    ($( ($oid:literal, $name:literal, $kind:ident, $en:literal, $ru:literal, $uk:literal) ),* $(,)?) => {
        &[ $( OidInfo {
            oid: ObjectIdentifier::new_unwrap($oid),
            name: $name,
            kind: $kind,
            en: $en,
            ru: $ru,
            uk: $uk,
        } ),* ]
    };
}

pub(super) static ENTRIES: &[OidInfo] = entries![
    // X.520 / RFC 4519 name attributes.
    (
        "2.5.4.3",
        "CN",
        NameAttribute,
        "Common name",
        "Общее имя",
        "Загальне ім'я"
    ),
    (
        "2.5.4.4",
        "SN",
        NameAttribute,
        "Surname",
        "Фамилия",
        "Прізвище"
    ),
    (
        "2.5.4.5",
        "serialNumber",
        NameAttribute,
        "Serial number",
        "Серийный номер",
        "Серійний номер"
    ),
    ("2.5.4.6", "C", NameAttribute, "Country", "Страна", "Країна"),
    (
        "2.5.4.7",
        "L",
        NameAttribute,
        "Locality",
        "Населённый пункт",
        "Населений пункт"
    ),
    (
        "2.5.4.8",
        "ST",
        NameAttribute,
        "State or province",
        "Регион",
        "Область"
    ),
    (
        "2.5.4.9",
        "street",
        NameAttribute,
        "Street address",
        "Адрес",
        "Адреса"
    ),
    (
        "2.5.4.10",
        "O",
        NameAttribute,
        "Organization",
        "Организация",
        "Організація"
    ),
    (
        "2.5.4.11",
        "OU",
        NameAttribute,
        "Organizational unit",
        "Подразделение",
        "Підрозділ"
    ),
    (
        "2.5.4.12",
        "title",
        NameAttribute,
        "Title",
        "Должность",
        "Посада"
    ),
    (
        "2.5.4.13",
        "description",
        NameAttribute,
        "Description",
        "Описание",
        "Опис"
    ),
    (
        "2.5.4.16",
        "postalAddress",
        NameAttribute,
        "Postal address",
        "Почтовый адрес",
        "Поштова адреса"
    ),
    (
        "2.5.4.17",
        "postalCode",
        NameAttribute,
        "Postal code",
        "Почтовый индекс",
        "Поштовий індекс"
    ),
    (
        "2.5.4.20",
        "telephoneNumber",
        NameAttribute,
        "Telephone number",
        "Телефон",
        "Телефон"
    ),
    ("2.5.4.41", "name", NameAttribute, "Name", "Имя", "Ім'я"),
    (
        "2.5.4.42",
        "GN",
        NameAttribute,
        "Given name",
        "Имя и отчество",
        "Ім'я та по батькові"
    ),
    (
        "2.5.4.43",
        "initials",
        NameAttribute,
        "Initials",
        "Инициалы",
        "Ініціали"
    ),
    (
        "2.5.4.44",
        "generationQualifier",
        NameAttribute,
        "Generation qualifier",
        "Квалификатор поколения",
        "Кваліфікатор покоління"
    ),
    (
        "2.5.4.46",
        "dnQualifier",
        NameAttribute,
        "DN qualifier",
        "Квалификатор имени",
        "Кваліфікатор імені"
    ),
    (
        "2.5.4.65",
        "pseudonym",
        NameAttribute,
        "Pseudonym",
        "Псевдоним",
        "Псевдонім"
    ),
    (
        "2.5.4.97",
        "organizationIdentifier",
        NameAttribute,
        "Organization identifier",
        "Идентификатор организации",
        "Ідентифікатор організації"
    ),
    (
        "0.9.2342.19200300.100.1.1",
        "UID",
        NameAttribute,
        "User ID",
        "Идентификатор пользователя",
        "Ідентифікатор користувача"
    ),
    (
        "0.9.2342.19200300.100.1.25",
        "DC",
        NameAttribute,
        "Domain component",
        "Компонент домена",
        "Компонент домену"
    ),
    (
        "1.2.840.113549.1.9.1",
        "emailAddress",
        NameAttribute,
        "Email address",
        "Адрес электронной почты",
        "Адреса електронної пошти"
    ),
    (
        "1.2.840.113549.1.9.2",
        "unstructuredName",
        NameAttribute,
        "Unstructured name",
        "Неструктурированное имя",
        "Неструктуроване ім'я"
    ),
    (
        "1.2.840.113549.1.9.8",
        "unstructuredAddress",
        NameAttribute,
        "Unstructured address",
        "Неструктурированный адрес",
        "Неструктурована адреса"
    ),
    // Russian identity attributes (RFC 9215, FSB order 795).
    (
        "1.2.643.3.131.1.1",
        "INN",
        NameAttribute,
        "INN (taxpayer number)",
        "ИНН",
        "ІПН (Росія)"
    ),
    (
        "1.2.643.100.1",
        "OGRN",
        NameAttribute,
        "OGRN (primary state registration number)",
        "ОГРН",
        "ОДРН (Росія)"
    ),
    (
        "1.2.643.100.3",
        "SNILS",
        NameAttribute,
        "SNILS (insurance account number)",
        "СНИЛС",
        "СНІЛС (Росія)"
    ),
    (
        "1.2.643.100.4",
        "INNLE",
        NameAttribute,
        "INN of a legal entity",
        "ИНН ЮЛ",
        "ІПН юридичної особи (Росія)"
    ),
    (
        "1.2.643.100.5",
        "OGRNIP",
        NameAttribute,
        "OGRNIP (sole proprietor registration number)",
        "ОГРНИП",
        "ОДРНІП (Росія)"
    ),
    (
        "1.2.643.3.141.1.1",
        "RNS FSS",
        NameAttribute,
        "Social Insurance Fund registration number",
        "РНС ФСС",
        "Реєстраційний номер страхувальника ФСС (Росія)"
    ),
    (
        "1.2.643.3.141.1.2",
        "KP FSS",
        NameAttribute,
        "Social Insurance Fund subordination code",
        "КП ФСС",
        "Код підпорядкованості ФСС (Росія)"
    ),
    // Ukrainian subjectDirectoryAttributes (UAPKI oids.h, IIT).
    (
        "1.2.804.2.1.1.1.11.1.4.1.1",
        "DRFO",
        DirectoryAttribute,
        "Taxpayer registration number (DRFO)",
        "Регистрационный номер учётной карточки налогоплательщика (ДРФО)",
        "Реєстраційний номер облікової картки платника податків"
    ),
    (
        "1.2.804.2.1.1.1.11.1.4.2.1",
        "EDRPOU",
        DirectoryAttribute,
        "EDRPOU code",
        "Код ЕГРПОУ",
        "Код ЄДРПОУ"
    ),
    (
        "1.2.804.2.1.1.1.11.1.4.3.1",
        "NBU",
        DirectoryAttribute,
        "National Bank of Ukraine code",
        "Код НБУ",
        "Ідентифікатор НБУ"
    ),
    (
        "1.2.804.2.1.1.1.11.1.4.4.1",
        "SPFM",
        DirectoryAttribute,
        "SPFM code",
        "Код СПФМ",
        "Код СПФМ"
    ),
    (
        "1.2.804.2.1.1.1.11.1.4.5.1",
        "OCODE",
        DirectoryAttribute,
        "Organisation code",
        "Код организации",
        "Код організації"
    ),
    (
        "1.2.804.2.1.1.1.11.1.4.6.1",
        "OUCODE",
        DirectoryAttribute,
        "Unit code",
        "Код подразделения",
        "Код підрозділу"
    ),
    (
        "1.2.804.2.1.1.1.11.1.4.7.1",
        "USERCODE",
        DirectoryAttribute,
        "User code",
        "Код пользователя",
        "Код користувача"
    ),
    (
        "1.2.804.2.1.1.1.11.1.4.11.1",
        "UNZR",
        DirectoryAttribute,
        "Unique record number in the demographic register (UNZR)",
        "Уникальный номер записи в ЕГДР",
        "Унікальний номер запису в ЄДДР"
    ),
    // RFC 5280 / RFC 3739 extensions.
    (
        "2.5.29.9",
        "subjectDirectoryAttributes",
        Extension,
        "Subject directory attributes",
        "Атрибуты каталога субъекта",
        "Атрибути каталогу власника"
    ),
    (
        "2.5.29.14",
        "subjectKeyIdentifier",
        Extension,
        "Subject key identifier",
        "Идентификатор ключа субъекта",
        "Ідентифікатор ключа власника"
    ),
    (
        "2.5.29.15",
        "keyUsage",
        Extension,
        "Key usage",
        "Использование ключа",
        "Використання ключа"
    ),
    (
        "2.5.29.16",
        "privateKeyUsagePeriod",
        Extension,
        "Private key usage period",
        "Срок действия закрытого ключа",
        "Строк дії особистого ключа"
    ),
    (
        "2.5.29.17",
        "subjectAltName",
        Extension,
        "Subject alternative name",
        "Альтернативное имя субъекта",
        "Альтернативне ім'я власника"
    ),
    (
        "2.5.29.18",
        "issuerAltName",
        Extension,
        "Issuer alternative name",
        "Альтернативное имя издателя",
        "Альтернативне ім'я видавця"
    ),
    (
        "2.5.29.19",
        "basicConstraints",
        Extension,
        "Basic constraints",
        "Основные ограничения",
        "Базові обмеження"
    ),
    (
        "2.5.29.30",
        "nameConstraints",
        Extension,
        "Name constraints",
        "Ограничения имён",
        "Обмеження імен"
    ),
    (
        "2.5.29.31",
        "cRLDistributionPoints",
        Extension,
        "CRL distribution points",
        "Точки распространения списков отзыва",
        "Точки доступу до повних СВС"
    ),
    (
        "2.5.29.32",
        "certificatePolicies",
        Extension,
        "Certificate policies",
        "Политики сертификата",
        "Політики сертифіката"
    ),
    (
        "2.5.29.33",
        "policyMappings",
        Extension,
        "Policy mappings",
        "Сопоставления политик",
        "Відповідність політик"
    ),
    (
        "2.5.29.35",
        "authorityKeyIdentifier",
        Extension,
        "Authority key identifier",
        "Идентификатор ключа центра сертификации",
        "Ідентифікатор ключа ЦСК"
    ),
    (
        "2.5.29.36",
        "policyConstraints",
        Extension,
        "Policy constraints",
        "Ограничения политик",
        "Обмеження політик"
    ),
    (
        "2.5.29.37",
        "extKeyUsage",
        Extension,
        "Extended key usage",
        "Улучшенный ключ",
        "Уточнене призначення ключів"
    ),
    (
        "2.5.29.46",
        "freshestCRL",
        Extension,
        "Delta CRL distribution points",
        "Точки распространения разностных списков отзыва",
        "Точки доступу до часткових СВС"
    ),
    (
        "2.5.29.54",
        "inhibitAnyPolicy",
        Extension,
        "Inhibit any policy",
        "Запрет anyPolicy",
        "Заборона anyPolicy"
    ),
    (
        "1.3.6.1.5.5.7.1.1",
        "authorityInfoAccess",
        Extension,
        "Authority information access",
        "Доступ к информации о центре сертификации",
        "Доступ до інформації про ЦСК"
    ),
    (
        "1.3.6.1.5.5.7.1.3",
        "qcStatements",
        Extension,
        "Qualified certificate statements",
        "Заявления квалифицированного сертификата",
        "Ознаки кваліфікованого сертифіката"
    ),
    (
        "1.3.6.1.5.5.7.1.11",
        "subjectInfoAccess",
        Extension,
        "Subject information access",
        "Доступ к информации о субъекте",
        "Доступ до інформації про власника"
    ),
    (
        "1.3.6.1.5.5.7.48.1.5",
        "ocspNoCheck",
        Extension,
        "OCSP no check",
        "Не проверять OCSP",
        "Без перевірки OCSP"
    ),
    (
        "1.3.6.1.4.1.311.21.1",
        "msCaVersion",
        Extension,
        "Microsoft CA version",
        "Версия ЦС Microsoft",
        "Версія ЦС Microsoft"
    ),
    (
        "1.3.6.1.4.1.311.21.7",
        "msCertificateTemplate",
        Extension,
        "Microsoft certificate template",
        "Шаблон сертификата Microsoft",
        "Шаблон сертифіката Microsoft"
    ),
    (
        "1.3.6.1.4.1.311.21.10",
        "msApplicationPolicies",
        Extension,
        "Microsoft application policies",
        "Политики применения Microsoft",
        "Політики застосування Microsoft"
    ),
    (
        "1.3.6.1.4.1.311.20.2",
        "msEnrollCertType",
        Extension,
        "Microsoft certificate template name",
        "Имя шаблона сертификата Microsoft",
        "Ім'я шаблону сертифіката Microsoft"
    ),
    (
        "1.2.643.100.111",
        "subjectSignTool",
        Extension,
        "Subject's signature tool",
        "Средство электронной подписи владельца",
        "Засіб електронного підпису власника (Росія)"
    ),
    (
        "1.2.643.100.112",
        "issuerSignTool",
        Extension,
        "Issuer's signature and CA tools",
        "Средства электронной подписи и УЦ издателя",
        "Засоби електронного підпису та ЦСК видавця (Росія)"
    ),
    (
        "1.2.643.100.114",
        "identificationKind",
        Extension,
        "Identification kind",
        "Способ идентификации",
        "Спосіб ідентифікації (Росія)"
    ),
    // Access methods.
    (
        "1.3.6.1.5.5.7.48.1",
        "ocsp",
        AccessMethod,
        "OCSP",
        "OCSP",
        "OCSP"
    ),
    (
        "1.3.6.1.5.5.7.48.2",
        "caIssuers",
        AccessMethod,
        "CA issuers",
        "Издатели центра сертификации",
        "Сертифікати ЦСК"
    ),
    (
        "1.3.6.1.5.5.7.48.3",
        "timeStamping",
        AccessMethod,
        "Time stamping",
        "Штампы времени",
        "Позначки часу"
    ),
    (
        "1.3.6.1.5.5.7.48.5",
        "caRepository",
        AccessMethod,
        "CA repository",
        "Репозиторий центра сертификации",
        "Репозиторій ЦСК"
    ),
    // otherName forms of subjectAltName.
    (
        "1.3.6.1.4.1.311.20.2.3",
        "UPN",
        OtherName,
        "User principal name",
        "Имя участника-пользователя",
        "Ім'я користувача (UPN)"
    ),
    (
        "1.3.6.1.4.1.19398.1.1.4.2",
        "iitPostalAddress",
        OtherName,
        "Postal address",
        "Почтовый адрес",
        "Поштова адреса"
    ),
    // Extended key usages (RFC 5280, CryptoPro, UA).
    (
        "2.5.29.37.0",
        "anyExtendedKeyUsage",
        ExtendedKeyUsage,
        "Any extended key usage",
        "Любое назначение",
        "Будь-яке призначення"
    ),
    (
        "1.3.6.1.5.5.7.3.1",
        "serverAuth",
        ExtendedKeyUsage,
        "TLS server authentication",
        "Проверка подлинности сервера",
        "Автентифікація сервера"
    ),
    (
        "1.3.6.1.5.5.7.3.2",
        "clientAuth",
        ExtendedKeyUsage,
        "TLS client authentication",
        "Проверка подлинности клиента",
        "Автентифікація клієнта"
    ),
    (
        "1.3.6.1.5.5.7.3.3",
        "codeSigning",
        ExtendedKeyUsage,
        "Code signing",
        "Подписывание кода",
        "Підпис коду"
    ),
    (
        "1.3.6.1.5.5.7.3.4",
        "emailProtection",
        ExtendedKeyUsage,
        "Email protection",
        "Защищённая электронная почта",
        "Захист електронної пошти"
    ),
    (
        "1.3.6.1.5.5.7.3.8",
        "timeStamping",
        ExtendedKeyUsage,
        "Time stamping",
        "Штамп времени",
        "Позначка часу"
    ),
    (
        "1.3.6.1.5.5.7.3.9",
        "OCSPSigning",
        ExtendedKeyUsage,
        "OCSP signing",
        "Подписывание ответов OCSP",
        "Підпис відповідей OCSP"
    ),
    (
        "1.3.6.1.4.1.311.10.3.12",
        "msDocumentSigning",
        ExtendedKeyUsage,
        "Document signing",
        "Подписывание документов",
        "Підпис документів"
    ),
    (
        "1.2.643.2.2.34.2",
        "cpRaClientAuth",
        ExtendedKeyUsage,
        "Temporary access to the registration centre",
        "Временный доступ к Центру Регистрации",
        "Тимчасовий доступ до центру реєстрації"
    ),
    (
        "1.2.643.2.2.34.4",
        "cpRaAdministrator",
        ExtendedKeyUsage,
        "CryptoPro CA registration centre administrator",
        "Администратор Центра Регистрации КриптоПро УЦ",
        "Адміністратор центру реєстрації КриптоПро УЦ"
    ),
    (
        "1.2.643.2.2.34.5",
        "cpRaOperator",
        ExtendedKeyUsage,
        "CryptoPro CA registration centre operator",
        "Оператор Центра Регистрации КриптоПро УЦ",
        "Оператор центру реєстрації КриптоПро УЦ"
    ),
    (
        "1.2.643.2.2.34.6",
        "cpRaUser",
        ExtendedKeyUsage,
        "CryptoPro CA registration centre user",
        "Пользователь Центра Регистрации",
        "Користувач центру реєстрації"
    ),
    (
        "1.2.643.2.2.34.7",
        "cpRaCentre",
        ExtendedKeyUsage,
        "CryptoPro CA registration centre",
        "Центр Регистрации КриптоПро УЦ",
        "Центр реєстрації КриптоПро УЦ"
    ),
    (
        "1.2.643.100.2.1",
        "smevPerson",
        ExtendedKeyUsage,
        "SMEV access (individual)",
        "Доступ к СМЭВ (ФЛ)",
        "Доступ до СМЕВ (фізична особа)"
    ),
    (
        "1.2.643.100.2.2",
        "smevLegalEntity",
        ExtendedKeyUsage,
        "SMEV access (legal entity)",
        "Доступ к СМЭВ (ЮЛ)",
        "Доступ до СМЕВ (юридична особа)"
    ),
    (
        "1.2.804.2.1.1.1.3.9",
        "uaStamp",
        ExtendedKeyUsage,
        "Electronic stamp",
        "Электронная печать",
        "Електронна печатка"
    ),
    // Certificate policies.
    (
        "2.5.29.32.0",
        "anyPolicy",
        Policy,
        "Any policy",
        "Любая политика",
        "Будь-яка політика"
    ),
    (
        "1.2.643.100.113.1",
        "KC1",
        Policy,
        "Signature tool class KC1",
        "Класс средства ЭП КС1",
        "Клас засобу ЕП КС1 (Росія)"
    ),
    (
        "1.2.643.100.113.2",
        "KC2",
        Policy,
        "Signature tool class KC2",
        "Класс средства ЭП КС2",
        "Клас засобу ЕП КС2 (Росія)"
    ),
    (
        "1.2.643.100.113.3",
        "KC3",
        Policy,
        "Signature tool class KC3",
        "Класс средства ЭП КС3",
        "Клас засобу ЕП КС3 (Росія)"
    ),
    (
        "1.2.643.100.113.4",
        "KB1",
        Policy,
        "Signature tool class KB1",
        "Класс средства ЭП КВ1",
        "Клас засобу ЕП КВ1 (Росія)"
    ),
    (
        "1.2.643.100.113.5",
        "KB2",
        Policy,
        "Signature tool class KB2",
        "Класс средства ЭП КВ2",
        "Клас засобу ЕП КВ2 (Росія)"
    ),
    (
        "1.2.643.100.113.6",
        "KA1",
        Policy,
        "Signature tool class KA1",
        "Класс средства ЭП КА1",
        "Клас засобу ЕП КА1 (Росія)"
    ),
    (
        "1.2.804.2.1.1.1.2.2",
        "uaReinforced",
        Policy,
        "Reinforced certification rules",
        "Правила усиленной сертификации",
        "Правила посиленої сертифікації"
    ),
    // Qualified-certificate statements (ETSI EN 319 412-5; UA).
    (
        "0.4.0.1862.1.1",
        "QcCompliance",
        QcStatement,
        "Qualified certificate (EU)",
        "Квалифицированный сертификат (ЕС)",
        "Кваліфікований сертифікат (ЄС)"
    ),
    (
        "0.4.0.1862.1.2",
        "QcLimitValue",
        QcStatement,
        "Transaction value limit",
        "Ограничение суммы сделки",
        "Обмеження суми транзакції"
    ),
    (
        "0.4.0.1862.1.3",
        "QcRetentionPeriod",
        QcStatement,
        "Retention period",
        "Срок хранения",
        "Строк зберігання"
    ),
    (
        "0.4.0.1862.1.4",
        "QcSSCD",
        QcStatement,
        "Private key in a qualified signature creation device",
        "Закрытый ключ в квалифицированном средстве ЭП",
        "Особистий ключ у засобі КЕП"
    ),
    (
        "0.4.0.1862.1.5",
        "QcPDS",
        QcStatement,
        "PKI disclosure statements",
        "Положения о раскрытии информации",
        "Положення про розкриття інформації"
    ),
    (
        "0.4.0.1862.1.6",
        "QcType",
        QcStatement,
        "Qualified certificate type",
        "Тип квалифицированного сертификата",
        "Тип кваліфікованого сертифіката"
    ),
    (
        "0.4.0.1862.1.6.1",
        "esign",
        QcStatement,
        "Electronic signature",
        "Электронная подпись",
        "Електронний підпис"
    ),
    (
        "0.4.0.1862.1.6.2",
        "eseal",
        QcStatement,
        "Electronic seal",
        "Электронная печать",
        "Електронна печатка"
    ),
    (
        "0.4.0.1862.1.6.3",
        "web",
        QcStatement,
        "Website authentication",
        "Аутентификация веб-сайта",
        "Автентифікація вебсайту"
    ),
    (
        "0.4.0.1862.1.7",
        "QcCClegislation",
        QcStatement,
        "Legislation of the country",
        "Законодательство страны",
        "Законодавство країни"
    ),
    (
        "1.2.804.2.1.1.1.2.1",
        "uaQualified",
        QcStatement,
        "Qualified certificate (Ukraine)",
        "Квалифицированный сертификат (Украина)",
        "Кваліфікований сертифікат (Україна)"
    ),
    // Public-key algorithms.
    (
        "1.2.840.113549.1.1.1",
        "rsaEncryption",
        PublicKeyAlgorithm,
        "RSA",
        "RSA",
        "RSA"
    ),
    (
        "1.2.840.113549.1.1.10",
        "RSASSA-PSS",
        PublicKeyAlgorithm,
        "RSASSA-PSS",
        "RSASSA-PSS",
        "RSASSA-PSS"
    ),
    (
        "1.2.840.10045.2.1",
        "id-ecPublicKey",
        PublicKeyAlgorithm,
        "ECDSA",
        "ECDSA",
        "ECDSA"
    ),
    (
        "1.3.101.112",
        "Ed25519",
        PublicKeyAlgorithm,
        "Ed25519",
        "Ed25519",
        "Ed25519"
    ),
    (
        "1.3.101.113",
        "Ed448",
        PublicKeyAlgorithm,
        "Ed448",
        "Ed448",
        "Ed448"
    ),
    (
        "1.2.643.2.2.19",
        "GOST R 34.10-2001",
        PublicKeyAlgorithm,
        "GOST R 34.10-2001",
        "ГОСТ Р 34.10-2001",
        "ГОСТ Р 34.10-2001"
    ),
    (
        "1.2.643.2.2.20",
        "GOST R 34.10-94",
        PublicKeyAlgorithm,
        "GOST R 34.10-94",
        "ГОСТ Р 34.10-94",
        "ГОСТ Р 34.10-94"
    ),
    (
        "1.2.643.7.1.1.1.1",
        "GOST R 34.10-2012 256",
        PublicKeyAlgorithm,
        "GOST R 34.10-2012 (256 bit)",
        "ГОСТ Р 34.10-2012 (256 бит)",
        "ГОСТ Р 34.10-2012 (256 біт)"
    ),
    (
        "1.2.643.7.1.1.1.2",
        "GOST R 34.10-2012 512",
        PublicKeyAlgorithm,
        "GOST R 34.10-2012 (512 bit)",
        "ГОСТ Р 34.10-2012 (512 бит)",
        "ГОСТ Р 34.10-2012 (512 біт)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.1",
        "DSTU 4145 LE",
        PublicKeyAlgorithm,
        "DSTU 4145-2002, PB, little-endian",
        "ДСТУ 4145-2002, ПБ, little-endian",
        "ДСТУ 4145-2002, ПБ, little-endian"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.1.1.1",
        "DSTU 4145 BE",
        PublicKeyAlgorithm,
        "DSTU 4145-2002, PB, big-endian",
        "ДСТУ 4145-2002, ПБ, big-endian",
        "ДСТУ 4145-2002, ПБ, big-endian"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.2",
        "DSTU 4145 ONB LE",
        PublicKeyAlgorithm,
        "DSTU 4145-2002, ONB, little-endian",
        "ДСТУ 4145-2002, ОНБ, little-endian",
        "ДСТУ 4145-2002, ОНБ, little-endian"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.2.1.1",
        "DSTU 4145 ONB BE",
        PublicKeyAlgorithm,
        "DSTU 4145-2002, ONB, big-endian",
        "ДСТУ 4145-2002, ОНБ, big-endian",
        "ДСТУ 4145-2002, ОНБ, big-endian"
    ),
    // Signature algorithms.
    (
        "1.2.840.113549.1.1.4",
        "md5WithRSAEncryption",
        SignatureAlgorithm,
        "RSA with MD5",
        "RSA с MD5",
        "RSA з MD5"
    ),
    (
        "1.2.840.113549.1.1.5",
        "sha1WithRSAEncryption",
        SignatureAlgorithm,
        "RSA with SHA-1",
        "RSA с SHA-1",
        "RSA з SHA-1"
    ),
    (
        "1.2.840.113549.1.1.11",
        "sha256WithRSAEncryption",
        SignatureAlgorithm,
        "RSA with SHA-256",
        "RSA с SHA-256",
        "RSA з SHA-256"
    ),
    (
        "1.2.840.113549.1.1.12",
        "sha384WithRSAEncryption",
        SignatureAlgorithm,
        "RSA with SHA-384",
        "RSA с SHA-384",
        "RSA з SHA-384"
    ),
    (
        "1.2.840.113549.1.1.13",
        "sha512WithRSAEncryption",
        SignatureAlgorithm,
        "RSA with SHA-512",
        "RSA с SHA-512",
        "RSA з SHA-512"
    ),
    (
        "1.2.840.113549.1.1.14",
        "sha224WithRSAEncryption",
        SignatureAlgorithm,
        "RSA with SHA-224",
        "RSA с SHA-224",
        "RSA з SHA-224"
    ),
    (
        "1.2.840.10045.4.1",
        "ecdsa-with-SHA1",
        SignatureAlgorithm,
        "ECDSA with SHA-1",
        "ECDSA с SHA-1",
        "ECDSA з SHA-1"
    ),
    (
        "1.2.840.10045.4.3.1",
        "ecdsa-with-SHA224",
        SignatureAlgorithm,
        "ECDSA with SHA-224",
        "ECDSA с SHA-224",
        "ECDSA з SHA-224"
    ),
    (
        "1.2.840.10045.4.3.2",
        "ecdsa-with-SHA256",
        SignatureAlgorithm,
        "ECDSA with SHA-256",
        "ECDSA с SHA-256",
        "ECDSA з SHA-256"
    ),
    (
        "1.2.840.10045.4.3.3",
        "ecdsa-with-SHA384",
        SignatureAlgorithm,
        "ECDSA with SHA-384",
        "ECDSA с SHA-384",
        "ECDSA з SHA-384"
    ),
    (
        "1.2.840.10045.4.3.4",
        "ecdsa-with-SHA512",
        SignatureAlgorithm,
        "ECDSA with SHA-512",
        "ECDSA с SHA-512",
        "ECDSA з SHA-512"
    ),
    (
        "1.2.643.2.2.3",
        "GOST R 34.11-94 with GOST R 34.10-2001",
        SignatureAlgorithm,
        "GOST R 34.10-2001 with GOST R 34.11-94",
        "ГОСТ Р 34.10-2001 с ГОСТ Р 34.11-94",
        "ГОСТ Р 34.10-2001 з ГОСТ Р 34.11-94"
    ),
    (
        "1.2.643.2.2.4",
        "GOST R 34.11-94 with GOST R 34.10-94",
        SignatureAlgorithm,
        "GOST R 34.10-94 with GOST R 34.11-94",
        "ГОСТ Р 34.10-94 с ГОСТ Р 34.11-94",
        "ГОСТ Р 34.10-94 з ГОСТ Р 34.11-94"
    ),
    (
        "1.2.643.7.1.1.3.2",
        "GOST R 34.10-2012 with GOST R 34.11-2012 (256)",
        SignatureAlgorithm,
        "GOST R 34.10-2012 with GOST R 34.11-2012 (256 bit)",
        "ГОСТ Р 34.10-2012 с ГОСТ Р 34.11-2012 (256 бит)",
        "ГОСТ Р 34.10-2012 з ГОСТ Р 34.11-2012 (256 біт)"
    ),
    (
        "1.2.643.7.1.1.3.3",
        "GOST R 34.10-2012 with GOST R 34.11-2012 (512)",
        SignatureAlgorithm,
        "GOST R 34.10-2012 with GOST R 34.11-2012 (512 bit)",
        "ГОСТ Р 34.10-2012 с ГОСТ Р 34.11-2012 (512 бит)",
        "ГОСТ Р 34.10-2012 з ГОСТ Р 34.11-2012 (512 біт)"
    ),
    // DSTU 4145 with DSTU 7564: UAPKI oids.h OID_DSTU4145_WITH_DSTU7564_256/
    // 384/512_PB (the SignAlgo DSTU4145_KUPYNA256/384/512 of its bindings).
    (
        "1.2.804.2.1.1.1.1.3.6.1.1",
        "DSTU 4145 with Kupyna-256 PB",
        SignatureAlgorithm,
        "DSTU 4145-2002 with DSTU 7564 (Kupyna-256), polynomial basis",
        "ДСТУ 4145-2002 с ДСТУ 7564 (Купина-256), полиномиальный базис",
        "ДСТУ 4145-2002 з ДСТУ 7564 (Купина-256), поліноміальний базис"
    ),
    (
        "1.2.804.2.1.1.1.1.3.6.2.1",
        "DSTU 4145 with Kupyna-384 PB",
        SignatureAlgorithm,
        "DSTU 4145-2002 with DSTU 7564 (Kupyna-384), polynomial basis",
        "ДСТУ 4145-2002 с ДСТУ 7564 (Купина-384), полиномиальный базис",
        "ДСТУ 4145-2002 з ДСТУ 7564 (Купина-384), поліноміальний базис"
    ),
    (
        "1.2.804.2.1.1.1.1.3.6.3.1",
        "DSTU 4145 with Kupyna-512 PB",
        SignatureAlgorithm,
        "DSTU 4145-2002 with DSTU 7564 (Kupyna-512), polynomial basis",
        "ДСТУ 4145-2002 с ДСТУ 7564 (Купина-512), полиномиальный базис",
        "ДСТУ 4145-2002 з ДСТУ 7564 (Купина-512), поліноміальний базис"
    ),
    // Digest algorithms.
    (
        "1.2.840.113549.2.5",
        "md5",
        DigestAlgorithm,
        "MD5",
        "MD5",
        "MD5"
    ),
    (
        "1.3.14.3.2.26",
        "sha1",
        DigestAlgorithm,
        "SHA-1",
        "SHA-1",
        "SHA-1"
    ),
    (
        "2.16.840.1.101.3.4.2.1",
        "sha256",
        DigestAlgorithm,
        "SHA-256",
        "SHA-256",
        "SHA-256"
    ),
    (
        "2.16.840.1.101.3.4.2.2",
        "sha384",
        DigestAlgorithm,
        "SHA-384",
        "SHA-384",
        "SHA-384"
    ),
    (
        "2.16.840.1.101.3.4.2.3",
        "sha512",
        DigestAlgorithm,
        "SHA-512",
        "SHA-512",
        "SHA-512"
    ),
    (
        "2.16.840.1.101.3.4.2.4",
        "sha224",
        DigestAlgorithm,
        "SHA-224",
        "SHA-224",
        "SHA-224"
    ),
    (
        "1.2.643.2.2.9",
        "GOST R 34.11-94",
        DigestAlgorithm,
        "GOST R 34.11-94",
        "ГОСТ Р 34.11-94",
        "ГОСТ Р 34.11-94"
    ),
    (
        "1.2.643.7.1.1.2.2",
        "GOST R 34.11-2012 256",
        DigestAlgorithm,
        "GOST R 34.11-2012 (256 bit)",
        "ГОСТ Р 34.11-2012 (256 бит)",
        "ГОСТ Р 34.11-2012 (256 біт)"
    ),
    (
        "1.2.643.7.1.1.2.3",
        "GOST R 34.11-2012 512",
        DigestAlgorithm,
        "GOST R 34.11-2012 (512 bit)",
        "ГОСТ Р 34.11-2012 (512 бит)",
        "ГОСТ Р 34.11-2012 (512 біт)"
    ),
    (
        "1.2.804.2.1.1.1.1.2.1",
        "GOST 34.311-95",
        DigestAlgorithm,
        "GOST 34.311-95",
        "ГОСТ 34.311-95",
        "ГОСТ 34.311-95"
    ),
    (
        "1.2.804.2.1.1.1.1.2.2.1",
        "Kupyna-256",
        DigestAlgorithm,
        "DSTU 7564 (Kupyna-256)",
        "ДСТУ 7564 (Купина-256)",
        "ДСТУ 7564 (Купина-256)"
    ),
    (
        "1.2.804.2.1.1.1.1.2.2.2",
        "Kupyna-384",
        DigestAlgorithm,
        "DSTU 7564 (Kupyna-384)",
        "ДСТУ 7564 (Купина-384)",
        "ДСТУ 7564 (Купина-384)"
    ),
    (
        "1.2.804.2.1.1.1.1.2.2.3",
        "Kupyna-512",
        DigestAlgorithm,
        "DSTU 7564 (Kupyna-512)",
        "ДСТУ 7564 (Купина-512)",
        "ДСТУ 7564 (Купина-512)"
    ),
    // Ciphers, key agreement, key wrap.
    (
        "1.2.643.2.2.21",
        "GOST 28147-89",
        CipherAlgorithm,
        "GOST 28147-89",
        "ГОСТ 28147-89",
        "ГОСТ 28147-89"
    ),
    (
        "1.2.643.2.2.22",
        "GOST 28147-89 MAC",
        CipherAlgorithm,
        "GOST 28147-89 MAC",
        "Имитовставка ГОСТ 28147-89",
        "Імітовставка ГОСТ 28147-89"
    ),
    (
        "1.2.643.2.2.98",
        "GOST R 34.10-2001 DH",
        CipherAlgorithm,
        "GOST R 34.10-2001 key agreement",
        "Согласование ключей ГОСТ Р 34.10-2001",
        "Узгодження ключів ГОСТ Р 34.10-2001"
    ),
    (
        "1.2.643.7.1.1.6.1",
        "GOST R 34.10-2012 256 agreement",
        CipherAlgorithm,
        "GOST R 34.10-2012 (256 bit) key agreement",
        "Согласование ключей ГОСТ Р 34.10-2012 (256 бит)",
        "Узгодження ключів ГОСТ Р 34.10-2012 (256 біт)"
    ),
    (
        "1.2.643.7.1.1.6.2",
        "GOST R 34.10-2012 512 agreement",
        CipherAlgorithm,
        "GOST R 34.10-2012 (512 bit) key agreement",
        "Согласование ключей ГОСТ Р 34.10-2012 (512 бит)",
        "Узгодження ключів ГОСТ Р 34.10-2012 (512 біт)"
    ),
    (
        "1.2.643.7.1.1.5.1.1",
        "magma-ctr-acpkm",
        CipherAlgorithm,
        "Magma CTR-ACPKM",
        "Магма CTR-ACPKM",
        "Магма CTR-ACPKM"
    ),
    (
        "1.2.643.7.1.1.5.1.2",
        "magma-ctr-acpkm-omac",
        CipherAlgorithm,
        "Magma CTR-ACPKM-OMAC",
        "Магма CTR-ACPKM-OMAC",
        "Магма CTR-ACPKM-OMAC"
    ),
    (
        "1.2.643.7.1.1.5.2.1",
        "kuznyechik-ctr-acpkm",
        CipherAlgorithm,
        "Kuznyechik CTR-ACPKM",
        "Кузнечик CTR-ACPKM",
        "Коник CTR-ACPKM"
    ),
    (
        "1.2.643.7.1.1.5.2.2",
        "kuznyechik-ctr-acpkm-omac",
        CipherAlgorithm,
        "Kuznyechik CTR-ACPKM-OMAC",
        "Кузнечик CTR-ACPKM-OMAC",
        "Коник CTR-ACPKM-OMAC"
    ),
    (
        "1.2.643.7.1.1.7.1.1",
        "magma-kexp15",
        CipherAlgorithm,
        "Magma KExp15 key export",
        "Экспорт ключа KExp15 (Магма)",
        "Експорт ключа KExp15 (Магма)"
    ),
    (
        "1.2.643.7.1.1.7.2.1",
        "kuznyechik-kexp15",
        CipherAlgorithm,
        "Kuznyechik KExp15 key export",
        "Экспорт ключа KExp15 (Кузнечик)",
        "Експорт ключа KExp15 (Коник)"
    ),
    (
        "1.2.804.2.1.1.1.1.1.1",
        "GOST 28147-2009 (UA)",
        CipherAlgorithm,
        "GOST 28147-2009",
        "ГОСТ 28147-2009",
        "ГОСТ 28147-2009"
    ),
    (
        "1.2.804.2.1.1.1.1.1.1.3",
        "GOST 28147-2009 CFB (UA)",
        CipherAlgorithm,
        "GOST 28147-2009 in CFB mode",
        "ГОСТ 28147-2009 в режиме гаммирования с обратной связью",
        "ГОСТ 28147-2009 у режимі гамування зі зворотним зв'язком"
    ),
    (
        "1.2.804.2.1.1.1.1.1.1.5",
        "GOST 28147-2009 key wrap (UA)",
        CipherAlgorithm,
        "GOST 28147-2009 key wrap",
        "Защита ключа ГОСТ 28147-2009",
        "Захист ключа ГОСТ 28147-2009"
    ),
    // DSTU 7624:2014 (Kalyna) modes: UAPKI oids.h, Bouncy Castle UAObjectIdentifiers;
    // the last arc is the block: 1 = 128, 2 = 256, 3 = 512 bits.
    (
        "1.2.804.2.1.1.1.1.1.3.1.1",
        "dstu7624-128-ecb",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 128-bit block, ECB (simple replacement)",
        "ДСТУ 7624 (Калина), блок 128 бит, режим простой замены",
        "ДСТУ 7624 (Калина), блок 128 біт, режим простої заміни"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.1.2",
        "dstu7624-256-ecb",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 256-bit block, ECB (simple replacement)",
        "ДСТУ 7624 (Калина), блок 256 бит, режим простой замены",
        "ДСТУ 7624 (Калина), блок 256 біт, режим простої заміни"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.1.3",
        "dstu7624-512-ecb",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 512-bit block, ECB (simple replacement)",
        "ДСТУ 7624 (Калина), блок 512 бит, режим простой замены",
        "ДСТУ 7624 (Калина), блок 512 біт, режим простої заміни"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.2.1",
        "dstu7624-128-ctr",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 128-bit block, CTR (gamma)",
        "ДСТУ 7624 (Калина), блок 128 бит, режим гаммирования",
        "ДСТУ 7624 (Калина), блок 128 біт, режим гамування"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.2.2",
        "dstu7624-256-ctr",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 256-bit block, CTR (gamma)",
        "ДСТУ 7624 (Калина), блок 256 бит, режим гаммирования",
        "ДСТУ 7624 (Калина), блок 256 біт, режим гамування"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.2.3",
        "dstu7624-512-ctr",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 512-bit block, CTR (gamma)",
        "ДСТУ 7624 (Калина), блок 512 бит, режим гаммирования",
        "ДСТУ 7624 (Калина), блок 512 біт, режим гамування"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.3.1",
        "dstu7624-128-cfb",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 128-bit block, CFB (gamma with ciphertext feedback)",
        "ДСТУ 7624 (Калина), блок 128 бит, режим гаммирования с обратной связью по шифртексту",
        "ДСТУ 7624 (Калина), блок 128 біт, режим гамування зі зворотним зв'язком за шифротекстом"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.3.2",
        "dstu7624-256-cfb",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 256-bit block, CFB (gamma with ciphertext feedback)",
        "ДСТУ 7624 (Калина), блок 256 бит, режим гаммирования с обратной связью по шифртексту",
        "ДСТУ 7624 (Калина), блок 256 біт, режим гамування зі зворотним зв'язком за шифротекстом"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.3.3",
        "dstu7624-512-cfb",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 512-bit block, CFB (gamma with ciphertext feedback)",
        "ДСТУ 7624 (Калина), блок 512 бит, режим гаммирования с обратной связью по шифртексту",
        "ДСТУ 7624 (Калина), блок 512 біт, режим гамування зі зворотним зв'язком за шифротекстом"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.4.1",
        "dstu7624-128-cmac",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 128-bit block, CMAC (message authentication code)",
        "ДСТУ 7624 (Калина), блок 128 бит, режим выработки имитовставки",
        "ДСТУ 7624 (Калина), блок 128 біт, режим вироблення імітовставки"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.4.2",
        "dstu7624-256-cmac",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 256-bit block, CMAC (message authentication code)",
        "ДСТУ 7624 (Калина), блок 256 бит, режим выработки имитовставки",
        "ДСТУ 7624 (Калина), блок 256 біт, режим вироблення імітовставки"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.4.3",
        "dstu7624-512-cmac",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 512-bit block, CMAC (message authentication code)",
        "ДСТУ 7624 (Калина), блок 512 бит, режим выработки имитовставки",
        "ДСТУ 7624 (Калина), блок 512 біт, режим вироблення імітовставки"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.5.1",
        "dstu7624-128-cbc",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 128-bit block, CBC (cipher block chaining)",
        "ДСТУ 7624 (Калина), блок 128 бит, режим сцепления блоков шифра",
        "ДСТУ 7624 (Калина), блок 128 біт, режим зчеплення шифроблоків"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.5.2",
        "dstu7624-256-cbc",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 256-bit block, CBC (cipher block chaining)",
        "ДСТУ 7624 (Калина), блок 256 бит, режим сцепления блоков шифра",
        "ДСТУ 7624 (Калина), блок 256 біт, режим зчеплення шифроблоків"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.5.3",
        "dstu7624-512-cbc",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 512-bit block, CBC (cipher block chaining)",
        "ДСТУ 7624 (Калина), блок 512 бит, режим сцепления блоков шифра",
        "ДСТУ 7624 (Калина), блок 512 біт, режим зчеплення шифроблоків"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.6.1",
        "dstu7624-128-ofb",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 128-bit block, OFB (gamma with output feedback)",
        "ДСТУ 7624 (Калина), блок 128 бит, режим гаммирования с обратной связью по выходу",
        "ДСТУ 7624 (Калина), блок 128 біт, режим гамування зі зворотним зв'язком за шифрогамою"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.6.2",
        "dstu7624-256-ofb",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 256-bit block, OFB (gamma with output feedback)",
        "ДСТУ 7624 (Калина), блок 256 бит, режим гаммирования с обратной связью по выходу",
        "ДСТУ 7624 (Калина), блок 256 біт, режим гамування зі зворотним зв'язком за шифрогамою"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.6.3",
        "dstu7624-512-ofb",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 512-bit block, OFB (gamma with output feedback)",
        "ДСТУ 7624 (Калина), блок 512 бит, режим гаммирования с обратной связью по выходу",
        "ДСТУ 7624 (Калина), блок 512 біт, режим гамування зі зворотним зв'язком за шифрогамою"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.7.1",
        "dstu7624-128-gmac",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 128-bit block, GMAC (message authentication code)",
        "ДСТУ 7624 (Калина), блок 128 бит, режим выработки имитовставки GMAC",
        "ДСТУ 7624 (Калина), блок 128 біт, режим вироблення імітовставки GMAC"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.7.2",
        "dstu7624-256-gmac",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 256-bit block, GMAC (message authentication code)",
        "ДСТУ 7624 (Калина), блок 256 бит, режим выработки имитовставки GMAC",
        "ДСТУ 7624 (Калина), блок 256 біт, режим вироблення імітовставки GMAC"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.7.3",
        "dstu7624-512-gmac",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 512-bit block, GMAC (message authentication code)",
        "ДСТУ 7624 (Калина), блок 512 бит, режим выработки имитовставки GMAC",
        "ДСТУ 7624 (Калина), блок 512 біт, режим вироблення імітовставки GMAC"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.8.1",
        "dstu7624-128-ccm",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 128-bit block, CCM (authenticated encryption)",
        "ДСТУ 7624 (Калина), блок 128 бит, режим аутентифицированного шифрования CCM",
        "ДСТУ 7624 (Калина), блок 128 біт, режим автентифікованого шифрування CCM"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.8.2",
        "dstu7624-256-ccm",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 256-bit block, CCM (authenticated encryption)",
        "ДСТУ 7624 (Калина), блок 256 бит, режим аутентифицированного шифрования CCM",
        "ДСТУ 7624 (Калина), блок 256 біт, режим автентифікованого шифрування CCM"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.8.3",
        "dstu7624-512-ccm",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 512-bit block, CCM (authenticated encryption)",
        "ДСТУ 7624 (Калина), блок 512 бит, режим аутентифицированного шифрования CCM",
        "ДСТУ 7624 (Калина), блок 512 біт, режим автентифікованого шифрування CCM"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.9.1",
        "dstu7624-128-xts",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 128-bit block, XTS (indexed replacement)",
        "ДСТУ 7624 (Калина), блок 128 бит, режим индексированной замены (XTS)",
        "ДСТУ 7624 (Калина), блок 128 біт, режим індексованої заміни (XTS)"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.9.2",
        "dstu7624-256-xts",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 256-bit block, XTS (indexed replacement)",
        "ДСТУ 7624 (Калина), блок 256 бит, режим индексированной замены (XTS)",
        "ДСТУ 7624 (Калина), блок 256 біт, режим індексованої заміни (XTS)"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.9.3",
        "dstu7624-512-xts",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 512-bit block, XTS (indexed replacement)",
        "ДСТУ 7624 (Калина), блок 512 бит, режим индексированной замены (XTS)",
        "ДСТУ 7624 (Калина), блок 512 біт, режим індексованої заміни (XTS)"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.10.1",
        "dstu7624-128-kw",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 128-bit block, key wrap",
        "ДСТУ 7624 (Калина), блок 128 бит, режим защиты ключей",
        "ДСТУ 7624 (Калина), блок 128 біт, режим захисту ключів"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.10.2",
        "dstu7624-256-kw",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 256-bit block, key wrap",
        "ДСТУ 7624 (Калина), блок 256 бит, режим защиты ключей",
        "ДСТУ 7624 (Калина), блок 256 біт, режим захисту ключів"
    ),
    (
        "1.2.804.2.1.1.1.1.1.3.10.3",
        "dstu7624-512-kw",
        CipherAlgorithm,
        "DSTU 7624 (Kalyna), 512-bit block, key wrap",
        "ДСТУ 7624 (Калина), блок 512 бит, режим защиты ключей",
        "ДСТУ 7624 (Калина), блок 512 біт, режим захисту ключів"
    ),
    (
        "1.2.804.2.1.1.1.1.2.2.4",
        "dstu7564-256-mac",
        CipherAlgorithm,
        "DSTU 7564 (Kupyna-256) KMAC",
        "ДСТУ 7564 (Купина-256), выработка имитовставки (KMAC)",
        "ДСТУ 7564 (Купина-256), вироблення імітовставки (KMAC)"
    ),
    (
        "1.2.804.2.1.1.1.1.2.2.5",
        "dstu7564-384-mac",
        CipherAlgorithm,
        "DSTU 7564 (Kupyna-384) KMAC",
        "ДСТУ 7564 (Купина-384), выработка имитовставки (KMAC)",
        "ДСТУ 7564 (Купина-384), вироблення імітовставки (KMAC)"
    ),
    (
        "1.2.804.2.1.1.1.1.2.2.6",
        "dstu7564-512-mac",
        CipherAlgorithm,
        "DSTU 7564 (Kupyna-512) KMAC",
        "ДСТУ 7564 (Купина-512), выработка имитовставки (KMAC)",
        "ДСТУ 7564 (Купина-512), вироблення імітовставки (KMAC)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.4",
        "DSTU 4145 cofactor DH",
        CipherAlgorithm,
        "DSTU 4145 cofactor Diffie-Hellman with GOST 34.311 KDF",
        "ДСТУ 4145 Диффи-Хеллман с кофактором",
        "ДСТУ 4145 Діффі-Геллман з кофактором"
    ),
    (
        "1.2.840.113549.1.1.7",
        "RSAES-OAEP",
        CipherAlgorithm,
        "RSAES-OAEP",
        "RSAES-OAEP",
        "RSAES-OAEP"
    ),
    (
        "2.16.840.1.101.3.4.1.2",
        "aes128-CBC",
        CipherAlgorithm,
        "AES-128-CBC",
        "AES-128-CBC",
        "AES-128-CBC"
    ),
    (
        "2.16.840.1.101.3.4.1.42",
        "aes256-CBC",
        CipherAlgorithm,
        "AES-256-CBC",
        "AES-256-CBC",
        "AES-256-CBC"
    ),
    (
        "2.16.840.1.101.3.4.1.46",
        "aes256-GCM",
        CipherAlgorithm,
        "AES-256-GCM",
        "AES-256-GCM",
        "AES-256-GCM"
    ),
    (
        "2.16.840.1.101.3.4.1.45",
        "aes256-wrap",
        CipherAlgorithm,
        "AES-256 key wrap",
        "AES-256 упаковка ключа",
        "AES-256 обгортання ключа"
    ),
    // Named curves and GOST / DSTU parameter sets.
    (
        "1.2.840.10045.3.1.7",
        "P-256",
        ParameterSet,
        "NIST P-256",
        "NIST P-256",
        "NIST P-256"
    ),
    (
        "1.3.132.0.34",
        "P-384",
        ParameterSet,
        "NIST P-384",
        "NIST P-384",
        "NIST P-384"
    ),
    (
        "1.3.132.0.35",
        "P-521",
        ParameterSet,
        "NIST P-521",
        "NIST P-521",
        "NIST P-521"
    ),
    (
        "1.3.132.0.10",
        "secp256k1",
        ParameterSet,
        "secp256k1",
        "secp256k1",
        "secp256k1"
    ),
    (
        "1.3.36.3.3.2.8.1.1.7",
        "brainpoolP256r1",
        ParameterSet,
        "brainpoolP256r1",
        "brainpoolP256r1",
        "brainpoolP256r1"
    ),
    (
        "1.2.643.2.2.35.0",
        "GostR3410-2001-TestParamSet",
        ParameterSet,
        "GOST R 34.10-2001 test parameters",
        "Тестовые параметры ГОСТ Р 34.10-2001",
        "Тестові параметри ГОСТ Р 34.10-2001"
    ),
    (
        "1.2.643.2.2.35.1",
        "CryptoPro-A",
        ParameterSet,
        "CryptoPro A parameters",
        "Параметры КриптоПро A",
        "Параметри КриптоПро A"
    ),
    (
        "1.2.643.2.2.35.2",
        "CryptoPro-B",
        ParameterSet,
        "CryptoPro B parameters",
        "Параметры КриптоПро B",
        "Параметри КриптоПро B"
    ),
    (
        "1.2.643.2.2.35.3",
        "CryptoPro-C",
        ParameterSet,
        "CryptoPro C parameters",
        "Параметры КриптоПро C",
        "Параметри КриптоПро C"
    ),
    (
        "1.2.643.2.2.36.0",
        "CryptoPro-XchA",
        ParameterSet,
        "CryptoPro XchA parameters",
        "Параметры КриптоПро XchA",
        "Параметри КриптоПро XchA"
    ),
    (
        "1.2.643.2.2.36.1",
        "CryptoPro-XchB",
        ParameterSet,
        "CryptoPro XchB parameters",
        "Параметры КриптоПро XchB",
        "Параметри КриптоПро XchB"
    ),
    (
        "1.2.643.7.1.2.1.1.1",
        "TC26-256-A",
        ParameterSet,
        "TC26 256-bit parameters A",
        "Параметры ТК26 256 A",
        "Параметри ТК26 256 A"
    ),
    (
        "1.2.643.7.1.2.1.1.2",
        "TC26-256-B",
        ParameterSet,
        "TC26 256-bit parameters B",
        "Параметры ТК26 256 B",
        "Параметри ТК26 256 B"
    ),
    (
        "1.2.643.7.1.2.1.1.3",
        "TC26-256-C",
        ParameterSet,
        "TC26 256-bit parameters C",
        "Параметры ТК26 256 C",
        "Параметри ТК26 256 C"
    ),
    (
        "1.2.643.7.1.2.1.1.4",
        "TC26-256-D",
        ParameterSet,
        "TC26 256-bit parameters D",
        "Параметры ТК26 256 D",
        "Параметри ТК26 256 D"
    ),
    (
        "1.2.643.7.1.2.1.2.0",
        "TC26-512-Test",
        ParameterSet,
        "TC26 512-bit test parameters",
        "Тестовые параметры ТК26 512",
        "Тестові параметри ТК26 512"
    ),
    (
        "1.2.643.7.1.2.1.2.1",
        "TC26-512-A",
        ParameterSet,
        "TC26 512-bit parameters A",
        "Параметры ТК26 512 A",
        "Параметри ТК26 512 A"
    ),
    (
        "1.2.643.7.1.2.1.2.2",
        "TC26-512-B",
        ParameterSet,
        "TC26 512-bit parameters B",
        "Параметры ТК26 512 B",
        "Параметри ТК26 512 B"
    ),
    (
        "1.2.643.7.1.2.1.2.3",
        "TC26-512-C",
        ParameterSet,
        "TC26 512-bit parameters C",
        "Параметры ТК26 512 C",
        "Параметри ТК26 512 C"
    ),
    (
        "1.2.643.2.2.30.1",
        "GostR3411-94-CryptoProParamSet",
        ParameterSet,
        "GOST R 34.11-94 CryptoPro parameters",
        "Параметры хэширования КриптоПро",
        "Параметри гешування КриптоПро"
    ),
    (
        "1.2.643.2.2.31.1",
        "Gost28147-89-CryptoPro-A",
        ParameterSet,
        "GOST 28147-89 CryptoPro A parameters",
        "Параметры шифрования КриптоПро A",
        "Параметри шифрування КриптоПро A"
    ),
    (
        "1.2.643.7.1.2.5.1.1",
        "Gost28147-89-TC26-Z",
        ParameterSet,
        "GOST 28147-89 TC26 Z parameters",
        "Параметры шифрования ТК26 Z",
        "Параметри шифрування ТК26 Z"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.1.2.0",
        "DSTU-PB-163",
        ParameterSet,
        "DSTU 4145 curve M163 (PB)",
        "Кривая ДСТУ 4145 M163 (ПБ)",
        "Крива ДСТУ 4145 M163 (ПБ)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.1.2.1",
        "DSTU-PB-167",
        ParameterSet,
        "DSTU 4145 curve M167 (PB)",
        "Кривая ДСТУ 4145 M167 (ПБ)",
        "Крива ДСТУ 4145 M167 (ПБ)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.1.2.2",
        "DSTU-PB-173",
        ParameterSet,
        "DSTU 4145 curve M173 (PB)",
        "Кривая ДСТУ 4145 M173 (ПБ)",
        "Крива ДСТУ 4145 M173 (ПБ)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.1.2.3",
        "DSTU-PB-179",
        ParameterSet,
        "DSTU 4145 curve M179 (PB)",
        "Кривая ДСТУ 4145 M179 (ПБ)",
        "Крива ДСТУ 4145 M179 (ПБ)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.1.2.4",
        "DSTU-PB-191",
        ParameterSet,
        "DSTU 4145 curve M191 (PB)",
        "Кривая ДСТУ 4145 M191 (ПБ)",
        "Крива ДСТУ 4145 M191 (ПБ)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.1.2.5",
        "DSTU-PB-233",
        ParameterSet,
        "DSTU 4145 curve M233 (PB)",
        "Кривая ДСТУ 4145 M233 (ПБ)",
        "Крива ДСТУ 4145 M233 (ПБ)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.1.2.6",
        "DSTU-PB-257",
        ParameterSet,
        "DSTU 4145 curve M257 (PB)",
        "Кривая ДСТУ 4145 M257 (ПБ)",
        "Крива ДСТУ 4145 M257 (ПБ)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.1.2.7",
        "DSTU-PB-307",
        ParameterSet,
        "DSTU 4145 curve M307 (PB)",
        "Кривая ДСТУ 4145 M307 (ПБ)",
        "Крива ДСТУ 4145 M307 (ПБ)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.1.2.8",
        "DSTU-PB-367",
        ParameterSet,
        "DSTU 4145 curve M367 (PB)",
        "Кривая ДСТУ 4145 M367 (ПБ)",
        "Крива ДСТУ 4145 M367 (ПБ)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.1.2.9",
        "DSTU-PB-431",
        ParameterSet,
        "DSTU 4145 curve M431 (PB)",
        "Кривая ДСТУ 4145 M431 (ПБ)",
        "Крива ДСТУ 4145 M431 (ПБ)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.2.2.0",
        "DSTU-ONB-173",
        ParameterSet,
        "DSTU 4145 curve M173 (ONB)",
        "Кривая ДСТУ 4145 M173 (ОНБ)",
        "Крива ДСТУ 4145 M173 (ОНБ)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.2.2.1",
        "DSTU-ONB-179",
        ParameterSet,
        "DSTU 4145 curve M179 (ONB)",
        "Кривая ДСТУ 4145 M179 (ОНБ)",
        "Крива ДСТУ 4145 M179 (ОНБ)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.2.2.2",
        "DSTU-ONB-191",
        ParameterSet,
        "DSTU 4145 curve M191 (ONB)",
        "Кривая ДСТУ 4145 M191 (ОНБ)",
        "Крива ДСТУ 4145 M191 (ОНБ)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.2.2.3",
        "DSTU-ONB-233",
        ParameterSet,
        "DSTU 4145 curve M233 (ONB)",
        "Кривая ДСТУ 4145 M233 (ОНБ)",
        "Крива ДСТУ 4145 M233 (ОНБ)"
    ),
    (
        "1.2.804.2.1.1.1.1.3.1.2.2.4",
        "DSTU-ONB-431",
        ParameterSet,
        "DSTU 4145 curve M431 (ONB)",
        "Кривая ДСТУ 4145 M431 (ОНБ)",
        "Крива ДСТУ 4145 M431 (ОНБ)"
    ),
    // CMS (RFC 5652, RFC 5035, RFC 3161).
    (
        "1.2.840.113549.1.7.1",
        "id-data",
        Cms,
        "Data",
        "Данные",
        "Дані"
    ),
    (
        "1.2.840.113549.1.7.2",
        "id-signedData",
        Cms,
        "Signed data",
        "Подписанные данные",
        "Підписані дані"
    ),
    (
        "1.2.840.113549.1.7.3",
        "id-envelopedData",
        Cms,
        "Enveloped data",
        "Зашифрованные данные",
        "Зашифровані дані"
    ),
    (
        "1.2.840.113549.1.9.3",
        "contentType",
        Cms,
        "Content type",
        "Тип содержимого",
        "Тип вмісту"
    ),
    (
        "1.2.840.113549.1.9.4",
        "messageDigest",
        Cms,
        "Message digest",
        "Хэш сообщения",
        "Геш повідомлення"
    ),
    (
        "1.2.840.113549.1.9.5",
        "signingTime",
        Cms,
        "Signing time",
        "Время подписи",
        "Час підпису"
    ),
    (
        "1.2.840.113549.1.9.16.1.4",
        "id-ct-TSTInfo",
        Cms,
        "Time-stamp token info",
        "Информация штампа времени",
        "Інформація позначки часу"
    ),
    (
        "1.2.840.113549.1.9.16.2.12",
        "signingCertificate",
        Cms,
        "Signing certificate",
        "Сертификат подписи",
        "Сертифікат підпису"
    ),
    (
        "1.2.840.113549.1.9.16.2.47",
        "signingCertificateV2",
        Cms,
        "Signing certificate v2",
        "Сертификат подписи v2",
        "Сертифікат підпису v2"
    ),
    (
        "1.2.840.113549.1.9.16.2.14",
        "signatureTimeStampToken",
        Cms,
        "Signature time-stamp",
        "Штамп времени подписи",
        "Позначка часу підпису"
    ),
    (
        "1.2.840.113549.1.9.16.2.20",
        "contentTimeStamp",
        Cms,
        "Content time-stamp",
        "Штамп времени содержимого",
        "Позначка часу даних"
    ),
];
