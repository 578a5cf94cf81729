//! `signet inspect FILE`: a certificate's fields for a person, or as
//! CryptoApi JSON (`--json`), or as Cipher BIS JSON (`--cipher --lang`).

use std::fmt::Write as _;

use signet_pki::Lang;
use signet_pki::{AltName, Certificate, CertificateFields, KeyUsage};
use signet_server::cipher::certinfo::CertificateInfo;
use signet_server::cryptoapi::certificate::Certificate as CryptoApiCertificate;
use signet_server::present::dates::kontur_time;
use signet_server::present::spaced_hex;

/// Output forms of `inspect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// Text for a person.
    Human,
    /// Kontur CryptoApi `Certificate` JSON.
    CryptoApi,
    /// Cipher BIS certificate info JSON.
    Cipher,
}

/// Renders the certificate in `input` (DER, PEM or base64).
pub fn inspect(input: &[u8], form: Form, lang: Lang) -> Result<String, signet_pki::PkiError> {
    let cert = Certificate::parse(input)?;
    let fields = cert.fields();
    Ok(match form {
        Form::Human => human(fields, lang),
        Form::CryptoApi => json(&CryptoApiCertificate::from(fields)),
        Form::Cipher => json(&CertificateInfo::render(
            fields,
            lang,
            &jiff::tz::TimeZone::system(),
        )),
    })
}

fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

fn human(f: &CertificateFields, lang: Lang) -> String {
    let mut o = String::new();
    let line = |o: &mut String, k: &str, v: &str| {
        let _ = writeln!(o, "  {k:<22}{v}");
    };
    let _ = writeln!(o, "Certificate (X.509 v{})", f.version);
    line(
        &mut o,
        "Serial number:",
        &hex::encode_upper(&f.serial_number),
    );
    line(
        &mut o,
        "SHA-1 thumbprint:",
        &hex::encode_upper(f.thumbprint_sha1),
    );
    line(&mut o, "Valid from:", &kontur_time(f.not_before));
    line(&mut o, "Valid to:", &kontur_time(f.not_after));
    line(
        &mut o,
        "Signature algorithm:",
        &signet_pki::describe_oid(&f.signature_algorithm, lang),
    );
    let mut key = f.public_key.describe(lang);
    // EC descriptions already name the curve.
    if let Some(p) = f.public_key.parameter_set()
        && !matches!(f.public_key.algorithm, signet_pki::KeyAlgorithm::Ec { .. })
    {
        let _ = write!(key, ", {}", signet_pki::describe_oid(p, lang));
    }
    line(&mut o, "Public key:", &key);
    line(
        &mut o,
        "Public key value:",
        &spaced_hex(f.public_key.key_value()),
    );
    for (title, dn) in [("Subject", &f.subject), ("Issuer", &f.issuer)] {
        let _ = writeln!(o, "{title}:");
        for a in &dn.attributes {
            line(
                &mut o,
                &format!("{}:", signet_pki::oid_name(&a.oid)),
                &a.value,
            );
        }
    }
    let _ = writeln!(o, "Extensions:");
    let e = &f.extensions;
    for entry in &e.present {
        let crit = if entry.critical { " (critical)" } else { "" };
        let known = if entry.understood {
            ""
        } else {
            " [not decoded]"
        };
        let _ = writeln!(
            o,
            "  {}{crit}{known}",
            signet_pki::describe_oid(&entry.oid, lang)
        );
    }
    if let Some(ku) = e.key_usage {
        let names: Vec<_> = ku.bits().map(|b| KeyUsage::NAMES[b]).collect();
        line(&mut o, "Key usage:", &names.join(", "));
    }
    list(
        &mut o,
        "Extended key usage:",
        e.extended_key_usage
            .iter()
            .map(|x| signet_pki::describe_oid(x, lang)),
    );
    if let Some(bc) = e.basic_constraints {
        let v = match (bc.ca, bc.path_len) {
            (true, Some(n)) => format!("CA, path length {n}"),
            (true, None) => "CA".to_owned(),
            (false, _) => "end entity".to_owned(),
        };
        line(&mut o, "Basic constraints:", &v);
    }
    if let Some(ski) = &e.subject_key_id {
        line(&mut o, "Subject key id:", &spaced_hex(ski));
    }
    if let Some(aki) = &e.authority_key_id {
        line(&mut o, "Authority key id:", &spaced_hex(aki));
    }
    list(
        &mut o,
        "Policies:",
        e.policies.iter().map(|x| signet_pki::describe_oid(x, lang)),
    );
    list(
        &mut o,
        "Alternative names:",
        e.subject_alt_names.iter().map(alt_name),
    );
    list(&mut o, "CRL:", e.crl_distribution_points.iter().cloned());
    list(&mut o, "Delta CRL:", e.freshest_crl.iter().cloned());
    list(&mut o, "OCSP:", e.ocsp_urls.iter().cloned());
    list(&mut o, "CA issuers:", e.ca_issuers_urls.iter().cloned());
    list(&mut o, "TSP:", e.tsp_urls.iter().cloned());
    list(
        &mut o,
        "Directory attributes:",
        e.subject_directory_attributes
            .iter()
            .map(|a| format!("{}: {}", signet_pki::describe_oid(&a.oid, lang), a.value)),
    );
    list(
        &mut o,
        "QC statements:",
        e.qc_statements.iter().map(|q| {
            let mut s = signet_pki::describe_oid(&q.id, lang);
            if !q.qc_types.is_empty() {
                let types: Vec<_> = q
                    .qc_types
                    .iter()
                    .map(|t| signet_pki::describe_oid(t, lang))
                    .collect();
                let _ = write!(s, " ({})", types.join(", "));
            }
            s
        }),
    );
    if let Some(t) = &e.subject_sign_tool {
        line(&mut o, "Subject sign tool:", t);
    }
    if let Some(t) = &e.issuer_sign_tool {
        line(&mut o, "Issuer sign tool:", &t.sign_tool);
        line(&mut o, "Issuer CA tool:", &t.ca_tool);
        line(&mut o, "Sign tool certificate:", &t.sign_tool_cert);
        line(&mut o, "CA tool certificate:", &t.ca_tool_cert);
    }
    if let Some(k) = e.identification_kind {
        line(&mut o, "Identification kind:", &k.to_string());
    }
    for p in &e.problems {
        line(&mut o, "Problem:", p);
    }
    let _ = writeln!(o, "Owner:");
    let name = f.person_name();
    let ru = f.ru_identity();
    let ua = f.ua_identity();
    let q = f.qualification();
    let fields = [
        ("Surname:", name.surname),
        ("First name:", name.first_name),
        ("Middle name:", name.middle_name),
        ("E-mail:", f.email()),
        ("INN:", ru.inn),
        ("Organisation INN:", ru.organization_inn),
        ("SNILS:", ru.snils),
        ("OGRN:", ru.ogrn),
        ("OGRNIP:", ru.ogrnip),
        ("RNS FSS:", ru.rns_fss),
        ("DRFO:", ua.drfo),
        ("Passport:", ua.passport),
        ("EDRPOU:", ua.edrpou),
        ("UNZR:", ua.unzr),
        ("User code:", ua.user_code),
    ];
    for (k, v) in fields {
        if let Some(v) = v {
            line(&mut o, k, &v);
        }
    }
    line(&mut o, "Kind:", &format!("{:?}", f.subject_kind()));
    line(
        &mut o,
        "Qualification:",
        &format!(
            "qualified {}, key on QSCD {}, stamp {}, reinforced {}",
            q.qualified, q.key_on_qscd, q.electronic_stamp, q.reinforced
        ),
    );
    o
}

fn list(o: &mut String, title: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    if !items.is_empty() {
        let _ = writeln!(o, "  {title:<22}{}", items.join("; "));
    }
}

fn alt_name(n: &AltName) -> String {
    match n {
        AltName::Email(v) => format!("email:{v}"),
        AltName::Dns(v) => format!("DNS:{v}"),
        AltName::Uri(v) => format!("URI:{v}"),
        AltName::Ip(v) => format!("IP:{v}"),
        AltName::Directory(dn) => format!("DirName:{dn}"),
        AltName::Other { oid: o, value } => {
            format!("othername:{}:{value}", signet_pki::oid_name(o))
        }
        AltName::Registered(o) => format!("RID:{o}"),
        AltName::Unsupported => "(unsupported name form)".to_owned(),
    }
}
