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
//! DRFO, EDRPOU, …, derived as [`signet_pki::RuIdentity`] and
//! [`signet_pki::UaIdentity`] say) and kind; the issuer; the public key;
//! extensions (key usage, extended key usage, basic constraints, key
//! identifiers, policies, alternative names, CRL / OCSP /
//! CA-issuer / TSP addresses, directory attributes, sign tools, every
//! extension present and whether it is critical); qualification
//! (qcStatements and Ukrainian flags). Values that name an OID are its
//! description in the language; dates are `YYYY-MM-DD hh:mm:ss UTC`.

use std::fmt::Write as _;

use axum::Json;
use axum::body::Bytes;
use axum::extract::Query;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::http::HeaderMap;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use signet_pki::SubjectKind;
use signet_pki::{AltName, Certificate, DistinguishedName, KeyAlgorithm};
use signet_pki::{Lang, ids};
use utoipa::{IntoParams, ToSchema};

use super::report::{Identifier, display_name, identifiers, person_name};
use super::{ErrorBody, WebError, WithinBudget};
use crate::present::dates::{for_people_utc, rfc3339_seconds};
use crate::present::lang::accept_language;
use crate::present::spaced_hex;
use crate::present::words::{self, Labels, Wording, key_usage_name};

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

/// The page's labels, by key.
const LABELS: &Labels = &[
    (
        "general",
        Wording::new("Загальні відомості", "Общие сведения", "General"),
    ),
    ("subject", Wording::new("Власник", "Владелец", "Owner")),
    (
        "identity",
        Wording::new(
            "Ідентифікатори власника",
            "Идентификаторы владельца",
            "Owner's identifiers",
        ),
    ),
    ("issuer", Wording::new("Видавець", "Издатель", "Issuer")),
    (
        "key",
        Wording::new("Відкритий ключ", "Открытый ключ", "Public key"),
    ),
    (
        "extensions",
        Wording::new("Розширення", "Расширения", "Extensions"),
    ),
    (
        "qualification",
        Wording::new("Кваліфікація", "Квалификация", "Qualification"),
    ),
    ("version", Wording::new("Версія", "Версия", "Version")),
    (
        "serial",
        Wording::new("Серійний номер", "Серийный номер", "Serial number"),
    ),
    (
        "sha1",
        Wording::new("Відбиток SHA-1", "Отпечаток SHA-1", "SHA-1 thumbprint"),
    ),
    (
        "sha256",
        Wording::new(
            "Відбиток SHA-256",
            "Отпечаток SHA-256",
            "SHA-256 thumbprint",
        ),
    ),
    (
        "validFrom",
        Wording::new("Дійсний з", "Действителен с", "Valid from"),
    ),
    (
        "validTo",
        Wording::new("Дійсний до", "Действителен по", "Valid to"),
    ),
    (
        "signatureAlgorithm",
        Wording::new(
            "Алгоритм підпису",
            "Алгоритм подписи",
            "Signature algorithm",
        ),
    ),
    (
        "keyAlgorithm",
        Wording::new("Алгоритм", "Алгоритм", "Algorithm"),
    ),
    (
        "keyParameters",
        Wording::new("Параметри", "Параметры", "Parameters"),
    ),
    (
        "keyValue",
        Wording::new("Значення ключа", "Значение ключа", "Key value"),
    ),
    (
        "keyUsage",
        Wording::new("Використання ключа", "Использование ключа", "Key usage"),
    ),
    (
        "extendedKeyUsage",
        Wording::new(
            "Розширене використання ключа",
            "Расширенное использование ключа",
            "Extended key usage",
        ),
    ),
    (
        "basicConstraints",
        Wording::new(
            "Основні обмеження",
            "Основные ограничения",
            "Basic constraints",
        ),
    ),
    (
        "ca",
        Wording::new(
            "центр сертифікації",
            "удостоверяющий центр",
            "certification authority",
        ),
    ),
    (
        "endEntity",
        Wording::new("кінцевий суб'єкт", "конечный субъект", "end entity"),
    ),
    (
        "pathLength",
        Wording::new("довжина шляху", "длина пути", "path length"),
    ),
    (
        "subjectKeyId",
        Wording::new(
            "Ідентифікатор ключа власника",
            "Идентификатор ключа владельца",
            "Subject key identifier",
        ),
    ),
    (
        "authorityKeyId",
        Wording::new(
            "Ідентифікатор ключа видавця",
            "Идентификатор ключа издателя",
            "Authority key identifier",
        ),
    ),
    (
        "policies",
        Wording::new(
            "Політики сертифіката",
            "Политики сертификата",
            "Certificate policies",
        ),
    ),
    (
        "altNames",
        Wording::new(
            "Альтернативні імена",
            "Альтернативные имена",
            "Alternative names",
        ),
    ),
    (
        "crl",
        Wording::new(
            "Списки відкликаних сертифікатів",
            "Списки отозванных сертификатов",
            "CRL distribution points",
        ),
    ),
    (
        "deltaCrl",
        Wording::new(
            "Часткові списки відкликаних сертифікатів",
            "Разностные списки отозванных сертификатов",
            "Delta CRLs",
        ),
    ),
    (
        "ocsp",
        Wording::new("Служба OCSP", "Служба OCSP", "OCSP responder"),
    ),
    (
        "caIssuers",
        Wording::new("Сертифікати видавця", "Сертификаты издателя", "CA issuers"),
    ),
    (
        "tsp",
        Wording::new(
            "Служба позначок часу",
            "Служба штампов времени",
            "Time-stamping service",
        ),
    ),
    (
        "subjectSignTool",
        Wording::new(
            "Засіб ЕП власника",
            "Средство ЭП владельца",
            "Owner's signature tool",
        ),
    ),
    (
        "issuerSignTool",
        Wording::new(
            "Засоби ЕП і УЦ видавця",
            "Средства ЭП и УЦ издателя",
            "Issuer's signature and CA tools",
        ),
    ),
    (
        "present",
        Wording::new(
            "Наявні розширення",
            "Имеющиеся расширения",
            "Extensions present",
        ),
    ),
    (
        "critical",
        Wording::new("критичне", "критическое", "critical"),
    ),
    (
        "notDecoded",
        Wording::new("не розібране", "не разобрано", "not decoded"),
    ),
    (
        "problems",
        Wording::new("Зауваження", "Замечания", "Remarks"),
    ),
    (
        "qualified",
        Wording::new(
            "Кваліфікований сертифікат",
            "Квалифицированный сертификат",
            "Qualified certificate",
        ),
    ),
    (
        "qscd",
        Wording::new(
            "Ключ у засобі КЕП",
            "Ключ в средстве КЭП",
            "Key on a qualified device (QSCD)",
        ),
    ),
    (
        "stamp",
        Wording::new(
            "Електронна печатка",
            "Электронная печать",
            "Electronic seal",
        ),
    ),
    (
        "reinforced",
        Wording::new("Посилений", "Усиленный", "Reinforced"),
    ),
    (
        "qcStatements",
        Wording::new(
            "Кваліфіковані твердження",
            "Квалификационные утверждения",
            "Qualified statements",
        ),
    ),
    ("yes", Wording::new("так", "да", "yes")),
    ("no", Wording::new("ні", "нет", "no")),
    ("passport", Wording::new("Паспорт", "Паспорт", "Passport")),
    (
        "email",
        Wording::new("Електронна пошта", "Электронная почта", "E-mail"),
    ),
    (
        "kind",
        Wording::new("Тип власника", "Тип владельца", "Owner kind"),
    ),
    (
        "kindLegal",
        Wording::new("юридична особа", "юридическое лицо", "legal entity"),
    ),
    (
        "kindEntrepreneur",
        Wording::new(
            "фізична особа — підприємець",
            "индивидуальный предприниматель",
            "individual entrepreneur",
        ),
    ),
    (
        "kindPerson",
        Wording::new("фізична особа", "физическое лицо", "natural person"),
    ),
    (
        "kindUnknown",
        Wording::new("невідомо", "неизвестно", "unknown"),
    ),
];

fn label(key: &str, lang: Lang) -> &'static str {
    words::label(LABELS, key, lang)
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
            self.put(signet_pki::describe_oid(&a.oid, self.lang), a.value.clone());
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
        AltName::Other { oid: o, value } => {
            format!("{}: {value}", signet_pki::describe_oid(o, lang))
        }
        AltName::Registered(o) => signet_pki::describe_oid(o, lang),
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
        general.key("validFrom", for_people_utc(f.not_before));
        general.key("validTo", for_people_utc(f.not_after));
        general.key(
            "signatureAlgorithm",
            signet_pki::describe_oid(&f.signature_algorithm, lang),
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
                identity.put(signet_pki::describe_oid(&oid_, lang), v);
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
            key.key("keyParameters", signet_pki::describe_oid(p, lang));
        }
        key.key("keyValue", spaced_hex(f.public_key.key_value()));

        let e = &f.extensions;
        let mut ext = Fields::new(lang);
        if let Some(ku) = e.key_usage {
            ext.list(
                "keyUsage",
                ku.bits()
                    .filter_map(|b| key_usage_name(b, lang))
                    .map(str::to_owned),
            );
        }
        ext.list(
            "extendedKeyUsage",
            e.extended_key_usage
                .iter()
                .map(|x| signet_pki::describe_oid(x, lang)),
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
            e.policies.iter().map(|x| signet_pki::describe_oid(x, lang)),
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
            ext.put(signet_pki::describe_oid(&a.oid, lang), a.value.clone());
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
                let mut s = signet_pki::describe_oid(&x.oid, lang);
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
                let mut text = signet_pki::describe_oid(&s.id, lang);
                if !s.qc_types.is_empty() {
                    let types: Vec<String> = s
                        .qc_types
                        .iter()
                        .map(|t| signet_pki::describe_oid(t, lang))
                        .collect();
                    let _ = write!(text, " ({})", types.join(", "));
                }
                text
            }),
        );

        let thumbprint = cert.thumbprint_hex();
        CertificateView {
            lang: lang.code().to_owned(),
            subject: display_name(&f.subject),
            name: person_name(f),
            organisation: f.subject.get(&ids::ORGANIZATION).map(str::to_owned),
            issuer: display_name(&f.issuer),
            not_before: rfc3339_seconds(f.not_before),
            not_after: rfc3339_seconds(f.not_after),
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

/// The language asked for: `?lang=`, else `Accept-Language`, else English.
fn language(query: Option<&str>, headers: &HeaderMap) -> Result<Lang, WebError> {
    if let Some(tag) = query.filter(|t| !t.is_empty()) {
        return Lang::parse(tag).ok_or_else(|| {
            WebError::bad_request(format!("lang must be uk, ru or en, not {tag:?}"))
        });
    }
    Ok(accept_language(headers).unwrap_or(Lang::En))
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
    _: WithinBudget,
    headers: HeaderMap,
    query: Result<Query<LangQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CertificateView>, WebError> {
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
    fn language_from_the_query_then_accept_language() {
        let mut h = HeaderMap::new();
        assert_eq!(language(None, &h).ok(), Some(Lang::En));
        h.insert(
            axum::http::header::ACCEPT_LANGUAGE,
            "de-DE, ru-RU;q=0.8, en;q=0.5".parse().expect("header"),
        );
        assert_eq!(language(None, &h).ok(), Some(Lang::Ru));
        assert_eq!(language(Some("uk"), &h).ok(), Some(Lang::Uk));
        assert!(language(Some("de"), &h).is_err());
    }
}
