//! `POST /web/certificate?lang=uk|ru|en`: a certificate → every field for a
//! person, in that language.
//!
//! The body is the certificate file as it is: DER, PEM, or base64 with or
//! without armour. Without `lang`, the first language of `Accept-Language`
//! that signet speaks is used, else English.
//!
//! Sections, in order: general (version, serial number, thumbprints,
//! validity, signature algorithm); the owner (every subject attribute,
//! named by the OID registry); the owner's identifiers (INN, SNILS, OGRN,
//! DRFO, EDRPOU, …, derived as [`signet_pki::identity`] says) and kind; the
//! issuer; the public key; extensions (key usage, extended key usage, basic
//! constraints, key identifiers, policies, alternative names, CRL / OCSP /
//! CA-issuer / TSP addresses, directory attributes, sign tools, every
//! extension present and whether it is critical); qualification
//! (qcStatements and Ukrainian flags). Values that name an OID are its
//! description in the language; dates are `YYYY-MM-DD hh:mm:ss UTC`.

use std::fmt::Write as _;
use std::net::SocketAddr;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, header};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use signet_pki::identity::SubjectKind;
use signet_pki::oid::{self, Lang, ids};
use signet_pki::{AltName, Certificate, DistinguishedName, KeyAlgorithm};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use super::report::{Identifier, identifiers, person_name};
use super::{ErrorBody, WebError, WebState, check_budget};

/// `?lang=`.
#[derive(Debug, Deserialize, IntoParams)]
pub struct LangQuery {
    /// `uk`, `ru` or `en`.
    lang: Option<String>,
}

/// One field: what it is and its value, in the chosen language.
#[derive(Clone, Debug, Serialize, ToSchema, PartialEq, Eq)]
pub struct Field {
    /// What the field is.
    pub label: String,
    /// Its value.
    pub value: String,
}

/// A group of fields.
#[derive(Clone, Debug, Serialize, ToSchema, PartialEq, Eq)]
pub struct Section {
    /// `general`, `subject`, `identity`, `issuer`, `key`, `extensions`,
    /// `qualification`.
    pub id: String,
    /// Its title in the chosen language.
    pub title: String,
    /// Its fields.
    pub fields: Vec<Field>,
}

/// A certificate for a person.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CertificateView {
    /// The language of the labels: `uk`, `ru` or `en`.
    pub lang: String,
    /// The owner's display name.
    pub subject: String,
    /// The owner's name: surname and given names, else the common name.
    pub name: Option<String>,
    /// The owner's organisation.
    pub organisation: Option<String>,
    /// The issuer's display name.
    pub issuer: String,
    /// Start of validity, RFC 3339.
    pub not_before: String,
    /// End of validity, RFC 3339.
    pub not_after: String,
    /// SHA-1 thumbprint, upper-case hex.
    pub thumbprint: String,
    /// The owner's identifiers.
    pub identifiers: Vec<Identifier>,
    /// Every field, grouped.
    pub sections: Vec<Section>,
    /// The certificate's DER, base64 (for the page to offer as a file).
    pub der: String,
    /// A file name for the DER: `<thumbprint>.cer`.
    pub file_name: String,
}

/// (key, uk, ru, en)
const LABELS: &[(&str, &str, &str, &str)] = &[
    ("general", "Загальні відомості", "Общие сведения", "General"),
    ("subject", "Власник", "Владелец", "Owner"),
    (
        "identity",
        "Ідентифікатори власника",
        "Идентификаторы владельца",
        "Owner's identifiers",
    ),
    ("issuer", "Видавець", "Издатель", "Issuer"),
    ("key", "Відкритий ключ", "Открытый ключ", "Public key"),
    ("extensions", "Розширення", "Расширения", "Extensions"),
    (
        "qualification",
        "Кваліфікація",
        "Квалификация",
        "Qualification",
    ),
    ("version", "Версія", "Версия", "Version"),
    (
        "serial",
        "Серійний номер",
        "Серийный номер",
        "Serial number",
    ),
    (
        "sha1",
        "Відбиток SHA-1",
        "Отпечаток SHA-1",
        "SHA-1 thumbprint",
    ),
    (
        "sha256",
        "Відбиток SHA-256",
        "Отпечаток SHA-256",
        "SHA-256 thumbprint",
    ),
    ("validFrom", "Дійсний з", "Действителен с", "Valid from"),
    ("validTo", "Дійсний до", "Действителен по", "Valid to"),
    (
        "signatureAlgorithm",
        "Алгоритм підпису",
        "Алгоритм подписи",
        "Signature algorithm",
    ),
    ("keyAlgorithm", "Алгоритм", "Алгоритм", "Algorithm"),
    ("keyParameters", "Параметри", "Параметры", "Parameters"),
    ("keyValue", "Значення ключа", "Значение ключа", "Key value"),
    (
        "keyUsage",
        "Використання ключа",
        "Использование ключа",
        "Key usage",
    ),
    (
        "extendedKeyUsage",
        "Розширене використання ключа",
        "Расширенное использование ключа",
        "Extended key usage",
    ),
    (
        "basicConstraints",
        "Основні обмеження",
        "Основные ограничения",
        "Basic constraints",
    ),
    (
        "ca",
        "центр сертифікації",
        "удостоверяющий центр",
        "certification authority",
    ),
    (
        "endEntity",
        "кінцевий суб'єкт",
        "конечный субъект",
        "end entity",
    ),
    ("pathLength", "довжина шляху", "длина пути", "path length"),
    (
        "subjectKeyId",
        "Ідентифікатор ключа власника",
        "Идентификатор ключа владельца",
        "Subject key identifier",
    ),
    (
        "authorityKeyId",
        "Ідентифікатор ключа видавця",
        "Идентификатор ключа издателя",
        "Authority key identifier",
    ),
    (
        "policies",
        "Політики сертифіката",
        "Политики сертификата",
        "Certificate policies",
    ),
    (
        "altNames",
        "Альтернативні імена",
        "Альтернативные имена",
        "Alternative names",
    ),
    (
        "crl",
        "Списки відкликаних сертифікатів",
        "Списки отозванных сертификатов",
        "CRL distribution points",
    ),
    (
        "deltaCrl",
        "Часткові списки відкликаних сертифікатів",
        "Разностные списки отозванных сертификатов",
        "Delta CRLs",
    ),
    ("ocsp", "Служба OCSP", "Служба OCSP", "OCSP responder"),
    (
        "caIssuers",
        "Сертифікати видавця",
        "Сертификаты издателя",
        "CA issuers",
    ),
    (
        "tsp",
        "Служба позначок часу",
        "Служба штампов времени",
        "Time-stamping service",
    ),
    (
        "subjectSignTool",
        "Засіб ЕП власника",
        "Средство ЭП владельца",
        "Owner's signature tool",
    ),
    (
        "issuerSignTool",
        "Засоби ЕП і УЦ видавця",
        "Средства ЭП и УЦ издателя",
        "Issuer's signature and CA tools",
    ),
    (
        "present",
        "Наявні розширення",
        "Имеющиеся расширения",
        "Extensions present",
    ),
    ("critical", "критичне", "критическое", "critical"),
    ("notDecoded", "не розібране", "не разобрано", "not decoded"),
    ("problems", "Зауваження", "Замечания", "Remarks"),
    (
        "qualified",
        "Кваліфікований сертифікат",
        "Квалифицированный сертификат",
        "Qualified certificate",
    ),
    (
        "qscd",
        "Ключ у засобі КЕП",
        "Ключ в средстве КЭП",
        "Key on a qualified device (QSCD)",
    ),
    (
        "stamp",
        "Електронна печатка",
        "Электронная печать",
        "Electronic seal",
    ),
    ("reinforced", "Посилений", "Усиленный", "Reinforced"),
    (
        "qcStatements",
        "Кваліфіковані твердження",
        "Квалификационные утверждения",
        "Qualified statements",
    ),
    ("yes", "так", "да", "yes"),
    ("no", "ні", "нет", "no"),
    ("passport", "Паспорт", "Паспорт", "Passport"),
    ("email", "Електронна пошта", "Электронная почта", "E-mail"),
    ("kind", "Тип власника", "Тип владельца", "Owner kind"),
    (
        "kindLegal",
        "юридична особа",
        "юридическое лицо",
        "legal entity",
    ),
    (
        "kindEntrepreneur",
        "фізична особа — підприємець",
        "индивидуальный предприниматель",
        "individual entrepreneur",
    ),
    (
        "kindPerson",
        "фізична особа",
        "физическое лицо",
        "natural person",
    ),
    ("kindUnknown", "невідомо", "неизвестно", "unknown"),
];

fn pick<'a>(lang: Lang, uk: &'a str, ru: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Uk => uk,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

fn label(key: &str, lang: Lang) -> &'static str {
    LABELS
        .iter()
        .find(|(k, ..)| *k == key)
        .map(|(_, uk, ru, en)| pick(lang, uk, ru, en))
        .unwrap_or("")
}

/// A date for a person: `YYYY-MM-DD hh:mm:ss UTC`.
fn date(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Hex bytes split by spaces.
fn spaced_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{b:02X}");
    }
    out
}

/// Collects the fields of one section.
struct Fields {
    lang: Lang,
    out: Vec<Field>,
}

impl Fields {
    fn new(lang: Lang) -> Self {
        Fields {
            lang,
            out: Vec::new(),
        }
    }

    fn put(&mut self, label: impl Into<String>, value: impl Into<String>) {
        let value = value.into();
        if !value.is_empty() {
            self.out.push(Field {
                label: label.into(),
                value,
            });
        }
    }

    fn key(&mut self, key: &str, value: impl Into<String>) {
        self.put(label(key, self.lang), value);
    }

    fn list(&mut self, key: &str, items: impl IntoIterator<Item = String>) {
        let items: Vec<String> = items.into_iter().collect();
        self.key(key, items.join("\n"));
    }

    fn name(&mut self, dn: &DistinguishedName) {
        for a in &dn.attributes {
            self.put(oid::describe(&a.oid, self.lang), a.value.clone());
        }
    }

    fn section(self, id: &str) -> Section {
        Section {
            id: id.to_owned(),
            title: label(id, self.lang).to_owned(),
            fields: self.out,
        }
    }
}

fn alt_name(n: &AltName, lang: Lang) -> String {
    match n {
        AltName::Email(v) => format!("e-mail: {v}"),
        AltName::Dns(v) => format!("DNS: {v}"),
        AltName::Uri(v) => format!("URI: {v}"),
        AltName::Ip(v) => format!("IP: {v}"),
        AltName::Directory(dn) => dn.to_string(),
        AltName::Other { oid: o, value } => format!("{}: {value}", oid::describe(o, lang)),
        AltName::Registered(o) => oid::describe(o, lang),
        AltName::Unsupported => "?".to_owned(),
    }
}

impl CertificateView {
    /// Renders `cert` for a person in `lang`.
    pub fn render(cert: &Certificate, lang: Lang) -> Self {
        let f = cert.fields();
        let yes_no = |b: bool| label(if b { "yes" } else { "no" }, lang).to_owned();

        let mut general = Fields::new(lang);
        general.key("version", f.version.to_string());
        general.key("serial", hex::encode_upper(&f.serial_number));
        general.key("sha1", cert.thumbprint_hex());
        general.key(
            "sha256",
            hex::encode_upper(<sha2::Sha256 as sha2::Digest>::digest(cert.der())),
        );
        general.key("validFrom", date(f.not_before));
        general.key("validTo", date(f.not_after));
        general.key(
            "signatureAlgorithm",
            oid::describe(&f.signature_algorithm, lang),
        );

        let mut subject = Fields::new(lang);
        subject.name(&f.subject);

        let mut identity = Fields::new(lang);
        let ru = f.ru_identity();
        let ua = f.ua_identity();
        for (oid_, value) in [
            (ids::INN, ru.inn),
            (ids::INNLE, ru.organization_inn),
            (ids::SNILS, ru.snils),
            (ids::OGRN, ru.ogrn),
            (ids::OGRNIP, ru.ogrnip),
            (ids::DRFO, ua.drfo),
            (ids::EDRPOU, ua.edrpou),
            (ids::EDDR_UNZR, ua.unzr),
        ] {
            if let Some(v) = value {
                identity.put(oid::describe(&oid_, lang), v);
            }
        }
        if let Some(p) = ua.passport {
            identity.key("passport", p);
        }
        if let Some(e) = f.email() {
            identity.key("email", e);
        }
        let kind = match f.subject_kind() {
            SubjectKind::LegalEntity => "kindLegal",
            SubjectKind::IndividualEntrepreneur => "kindEntrepreneur",
            SubjectKind::Person => "kindPerson",
            SubjectKind::Unknown => "kindUnknown",
        };
        identity.key("kind", label(kind, lang));

        let mut issuer = Fields::new(lang);
        issuer.name(&f.issuer);

        let mut key = Fields::new(lang);
        key.key("keyAlgorithm", f.public_key.describe(lang));
        if let Some(p) = f.public_key.parameter_set()
            && !matches!(f.public_key.algorithm, KeyAlgorithm::Ec { .. })
        {
            key.key("keyParameters", oid::describe(p, lang));
        }
        key.key("keyValue", spaced_hex(f.public_key.key_value()));

        let e = &f.extensions;
        let mut ext = Fields::new(lang);
        if let Some(ku) = e.key_usage {
            ext.list(
                "keyUsage",
                ku.bits()
                    .filter_map(|b| crate::cipher::labels::key_usage_name(b, lang))
                    .map(str::to_owned),
            );
        }
        ext.list(
            "extendedKeyUsage",
            e.extended_key_usage.iter().map(|x| oid::describe(x, lang)),
        );
        if let Some(bc) = e.basic_constraints {
            let mut v = label(if bc.ca { "ca" } else { "endEntity" }, lang).to_owned();
            if let (true, Some(n)) = (bc.ca, bc.path_len) {
                let _ = write!(v, ", {} {n}", label("pathLength", lang));
            }
            ext.key("basicConstraints", v);
        }
        if let Some(ski) = &e.subject_key_id {
            ext.key("subjectKeyId", spaced_hex(ski));
        }
        if let Some(aki) = &e.authority_key_id {
            ext.key("authorityKeyId", spaced_hex(aki));
        }
        ext.list(
            "policies",
            e.policies.iter().map(|x| oid::describe(x, lang)),
        );
        ext.list(
            "altNames",
            e.subject_alt_names.iter().map(|n| alt_name(n, lang)),
        );
        ext.list("crl", e.crl_distribution_points.iter().cloned());
        ext.list("deltaCrl", e.freshest_crl.iter().cloned());
        ext.list("ocsp", e.ocsp_urls.iter().cloned());
        ext.list("caIssuers", e.ca_issuers_urls.iter().cloned());
        ext.list("tsp", e.tsp_urls.iter().cloned());
        for a in &e.subject_directory_attributes {
            ext.put(oid::describe(&a.oid, lang), a.value.clone());
        }
        if let Some(t) = &e.subject_sign_tool {
            ext.key("subjectSignTool", t.clone());
        }
        if let Some(t) = &e.issuer_sign_tool {
            ext.list(
                "issuerSignTool",
                [&t.sign_tool, &t.ca_tool, &t.sign_tool_cert, &t.ca_tool_cert]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .cloned(),
            );
        }
        ext.list(
            "present",
            e.present.iter().map(|x| {
                let mut s = oid::describe(&x.oid, lang);
                if x.critical {
                    let _ = write!(s, " ({})", label("critical", lang));
                }
                if !x.understood {
                    let _ = write!(s, " [{}]", label("notDecoded", lang));
                }
                s
            }),
        );
        ext.list("problems", e.problems.iter().cloned());

        let q = f.qualification();
        let mut qualification = Fields::new(lang);
        qualification.key("qualified", yes_no(q.qualified));
        qualification.key("qscd", yes_no(q.key_on_qscd));
        qualification.key("stamp", yes_no(q.electronic_stamp));
        qualification.key("reinforced", yes_no(q.reinforced));
        qualification.list(
            "qcStatements",
            e.qc_statements.iter().map(|s| {
                let mut text = oid::describe(&s.id, lang);
                if !s.qc_types.is_empty() {
                    let types: Vec<String> =
                        s.qc_types.iter().map(|t| oid::describe(t, lang)).collect();
                    let _ = write!(text, " ({})", types.join(", "));
                }
                text
            }),
        );

        let thumbprint = cert.thumbprint_hex();
        CertificateView {
            lang: lang.code().to_owned(),
            subject: display(&f.subject),
            name: person_name(f),
            organisation: f.subject.get(&ids::ORGANIZATION).map(str::to_owned),
            issuer: display(&f.issuer),
            not_before: super::report::iso(f.not_before),
            not_after: super::report::iso(f.not_after),
            identifiers: identifiers(f),
            sections: [
                general.section("general"),
                subject.section("subject"),
                identity.section("identity"),
                issuer.section("issuer"),
                key.section("key"),
                ext.section("extensions"),
                qualification.section("qualification"),
            ]
            .into_iter()
            .filter(|s| !s.fields.is_empty())
            .collect(),
            der: B64.encode(cert.der()),
            file_name: format!("{thumbprint}.cer"),
            thumbprint,
        }
    }
}

fn display(dn: &DistinguishedName) -> String {
    dn.simple_name()
        .map(str::to_owned)
        .unwrap_or_else(|| dn.to_string())
}

/// The language asked for: `?lang=`, else `Accept-Language`, else English.
fn language(query: Option<&str>, headers: &HeaderMap) -> Result<Lang, WebError> {
    if let Some(tag) = query.filter(|t| !t.is_empty()) {
        return Lang::parse(tag).ok_or_else(|| {
            WebError::bad_request(format!("lang must be uk, ru or en, not {tag:?}"))
        });
    }
    Ok(headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split(',')
                .find_map(|t| Lang::parse(t.split(';').next().unwrap_or_default()))
        })
        .unwrap_or(Lang::En))
}

/// A certificate's fields (for the web page).
#[utoipa::path(post, path = "/web/certificate", tag = "web",
    params(LangQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The certificate: DER, PEM, or base64 with or without armour"),
    responses(
        (status = 200, description = "Its fields in the language asked for", body = CertificateView),
        (status = 400, description = "Not a certificate, or an unknown language", body = ErrorBody),
        (status = 413, description = "Larger than the configured body limit", body = ErrorBody),
        (status = 429, description = "Too many requests from this address", body = ErrorBody),
    ))]
pub async fn certificate(
    State(web): State<WebState>,
    connect: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    query: Result<Query<LangQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CertificateView>, WebError> {
    check_budget(&web, connect.as_ref().map(|c| &c.0), &headers)?;
    let Query(query) = query.map_err(|e| WebError::bad_request(e.body_text()))?;
    let body = body.map_err(|e| WebError::with_status(e.status(), e.body_text()))?;
    let lang = language(query.lang.as_deref(), &headers)?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(WebError::bad_request("the certificate file is empty"));
    }
    let cert = Certificate::parse(&body)
        .map_err(|e| WebError::bad_request(format!("this is not a certificate: {e}")))?;
    Ok(Json(CertificateView::render(&cert, lang)))
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

    #[test]
    fn language_from_the_query_then_accept_language() {
        let mut h = HeaderMap::new();
        assert_eq!(language(None, &h).ok(), Some(Lang::En));
        h.insert(
            header::ACCEPT_LANGUAGE,
            "de-DE, ru-RU;q=0.8, en;q=0.5".parse().expect("header"),
        );
        assert_eq!(language(None, &h).ok(), Some(Lang::Ru));
        assert_eq!(language(Some("uk"), &h).ok(), Some(Lang::Uk));
        assert!(language(Some("de"), &h).is_err());
    }
}
