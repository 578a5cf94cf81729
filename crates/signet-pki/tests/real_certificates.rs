//! Real public certificates, Ukrainian and Russian, read by signet and
//! compared with OpenSSL.
//!
//! Every field OpenSSL shows in `openssl x509 -text` is compared as in
//! `certificates.rs`. OpenSSL cannot decode some fields: DSTU 4145 keys,
//! qcStatements, subjectDirectoryAttributes, a bare-OCTET-STRING
//! authorityKeyIdentifier and IdentificationKind. Those are checked against
//! `openssl asn1parse` of the same bytes, and against the values the
//! issuing CAs publish.
//!
//! The Ukrainian files are in the repository's `tests/data/ua/`, the
//! Russian ones in this crate's `tests/data/`; each folder's README names
//! every file's source.

mod common;

use common::{DATA, UA_TESTDATA, compare_with_openssl, iso, oid_of, parse_every_form};
use const_oid::ObjectIdentifier;
use signet_pki::{
    AltName, BasicConstraints, Certificate, CertificateFields, DstuCurve, GostKeyType,
    KeyAlgorithm, Qualification, RuIdentity, SubjectKind,
};
use test_support::{CertFiles, Openssl};

fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new(s).expect("a valid OID")
}

fn ua_path(name: &str) -> String {
    format!("{UA_TESTDATA}/{name}")
}

/// Loads a certificate file through OpenSSL, checks that signet reads the
/// original file, the DER, the PEM and the base64 alike, and compares it
/// with OpenSSL.
fn load(ossl: &Openssl, path: &str, gost: bool) -> (CertFiles, CertificateFields) {
    let original = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let files = ossl.load_cert(std::path::Path::new(path), gost);
    let cert = parse_every_form(&files);
    let from_file = Certificate::parse(&original).expect("signet parses the original file");
    assert_eq!(
        from_file, cert,
        "{path}: OpenSSL re-encoded the certificate"
    );
    let fields = compare_with_openssl(ossl, &files).fields;
    (files, fields)
}

/// One line of `openssl asn1parse -i`: its depth, and for a primitive its
/// type and printed value.
struct Asn1Line {
    depth: usize,
    kind: String,
    value: String,
}

fn asn1_lines(listing: &str) -> Vec<Asn1Line> {
    listing
        .lines()
        .filter_map(|l| {
            let depth = l
                .split("d=")
                .nth(1)?
                .split_whitespace()
                .next()?
                .parse()
                .ok()?;
            let (kind, value) = match l.split_once("prim:") {
                Some((_, rest)) => {
                    let (k, v) = rest.trim().split_once(':').unwrap_or((rest.trim(), ""));
                    (k.trim().to_owned(), v.to_owned())
                }
                None => ("cons".to_owned(), String::new()),
            };
            Some(Asn1Line { depth, kind, value })
        })
        .collect()
}

/// The statement ids of qcStatements, from asn1parse (OIDs at depth 2:
/// SEQUENCE OF SEQUENCE { statementId, statementInfo }).
fn asn1_qc_statement_ids(ossl: &Openssl, files: &CertFiles) -> Vec<String> {
    let listing = ossl
        .extension_asn1(files, "qcStatements")
        .expect("the certificate has qcStatements");
    asn1_lines(&listing)
        .iter()
        .filter(|l| l.depth == 2 && l.kind == "OBJECT")
        .map(|l| oid_of(ossl, &l.value))
        .collect()
}

fn signet_qc_statement_ids(f: &CertificateFields) -> Vec<String> {
    f.extensions
        .qc_statements
        .iter()
        .map(|q| q.id.to_string())
        .collect()
}

/// The first INTEGER after the key algorithm OID of SubjectPublicKeyInfo
/// (depth 4): for DSTU 4145 with explicit parameters, the degree m of the
/// binary field.
fn asn1_dstu_field_degree(ossl: &Openssl, files: &CertFiles) -> usize {
    let lines = asn1_lines(&ossl.asn1parse(files, &["-i"]));
    let at = lines
        .iter()
        .position(|l| l.depth == 4 && l.kind == "OBJECT")
        .expect("SubjectPublicKeyInfo's algorithm");
    let m = lines[at..]
        .iter()
        .find(|l| l.kind == "INTEGER")
        .expect("the field degree");
    usize::from_str_radix(&m.value, 16).expect("hex INTEGER")
}

/// The named curve of a DSTU 4145 key: the OID right after the key
/// algorithm OID and its parameter SEQUENCE.
fn asn1_dstu_named_curve(ossl: &Openssl, files: &CertFiles) -> String {
    let lines = asn1_lines(&ossl.asn1parse(files, &["-i"]));
    let at = lines
        .iter()
        .position(|l| l.depth == 4 && l.kind == "OBJECT")
        .expect("SubjectPublicKeyInfo's algorithm");
    let curve = lines[at + 1..]
        .iter()
        .find(|l| l.kind == "OBJECT")
        .expect("the curve OID");
    oid_of(ossl, &curve.value)
}

#[test]
fn ua_sfs_stamp_certificate() {
    let ossl = Openssl::new();
    let (files, f) = load(&ossl, &ua_path("SFS_1.cer"), false);

    assert_eq!(
        hex::encode_upper(&f.serial_number),
        "33B6CB7BF721B9CE040000009162200086E34A00"
    );
    assert_eq!(
        f.subject.get(&oid("2.5.4.3")),
        Some("Державна фіскальна служба України.  ОТРИМАНО")
    );
    assert_eq!(
        f.issuer.get(&oid("2.5.4.3")),
        Some("Акредитований центр сертифікації ключів ІДД ДФС")
    );
    assert_eq!(f.issuer.get(&oid("2.5.4.5")), Some("UA-39384476"));

    // EDRPOU in subjectDirectoryAttributes, as asn1parse shows it.
    let listing = ossl
        .extension_asn1(&files, "X509v3 Subject Directory Attributes")
        .expect("subjectDirectoryAttributes");
    let lines = asn1_lines(&listing);
    let attr_type = lines
        .iter()
        .find(|l| l.depth == 2 && l.kind == "OBJECT")
        .expect("attribute type");
    let attr_value = lines
        .iter()
        .find(|l| l.depth == 3 && l.kind.ends_with("STRING"))
        .expect("attribute value");
    assert_eq!(
        oid_of(&ossl, &attr_type.value),
        "1.2.804.2.1.1.1.11.1.4.2.1"
    );
    assert_eq!(attr_value.value, "39292197");
    assert_eq!(f.extensions.subject_directory_attributes.len(), 1);
    assert_eq!(
        f.extensions.subject_directory_attributes[0].oid,
        oid("1.2.804.2.1.1.1.11.1.4.2.1")
    );
    assert_eq!(
        f.extensions
            .directory_attribute(&oid("1.2.804.2.1.1.1.11.1.4.2.1")),
        Some("39292197")
    );
    let ua = f.ua_identity();
    assert_eq!(ua.edrpou.as_deref(), Some("39292197"));
    assert_eq!(ua.drfo, None);
    assert_eq!(f.subject_kind(), SubjectKind::LegalEntity);

    // qcStatements: the Ukrainian qualified statement and QcLimitValue.
    assert_eq!(
        signet_qc_statement_ids(&f),
        asn1_qc_statement_ids(&ossl, &files)
    );
    assert_eq!(
        signet_qc_statement_ids(&f),
        vec!["1.2.804.2.1.1.1.2.1", "0.4.0.1862.1.2"]
    );
    assert!(
        f.extensions
            .present
            .iter()
            .any(|e| e.oid == oid("1.3.6.1.5.5.7.1.3") && e.critical)
    );

    // Reinforced policy, the stamp key usage: a qualified seal.
    assert_eq!(f.extensions.policies, vec![oid("1.2.804.2.1.1.1.2.2")]);
    assert_eq!(
        f.extensions.extended_key_usage,
        vec![oid("1.2.804.2.1.1.1.3.9")]
    );
    assert_eq!(
        f.qualification(),
        Qualification {
            qualified: true,
            key_on_qscd: false,
            electronic_stamp: true,
            reinforced: true,
        }
    );

    // DSTU 4145 little-endian, polynomial basis, explicit curve over GF(2^257).
    assert_eq!(f.public_key.algorithm_oid, oid("1.2.804.2.1.1.1.1.3.1.1"));
    assert_eq!(asn1_dstu_field_degree(&ossl, &files), 257);
    assert_eq!(
        f.public_key.algorithm,
        KeyAlgorithm::Dstu4145 {
            little_endian: true,
            normal_basis: false,
            curve: Some(DstuCurve::Explicit {
                field_degree: Some(257)
            }),
        }
    );
    assert_eq!(f.public_key.key_bits(), Some(257));
    assert_eq!(f.signature_algorithm, oid("1.2.804.2.1.1.1.1.3.1.1"));

    // privateKeyUsagePeriod (also compared with OpenSSL's text).
    let (nb, na) = f
        .extensions
        .private_key_usage_period
        .expect("privateKeyUsagePeriod");
    assert_eq!(nb.map(iso).as_deref(), Some("2016-11-02 22:00:00Z"));
    assert_eq!(na.map(iso).as_deref(), Some("2018-11-02 22:00:00Z"));
    assert_eq!(iso(f.not_before), "2016-11-02 22:00:00Z");

    // The postal address as an otherName of subjectAltName.
    assert_eq!(
        f.extensions.subject_alt_names[0],
        AltName::Other {
            oid: oid("1.3.6.1.4.1.19398.1.1.4.2"),
            value: "04655, м. Київ, пл. Львівська, 8".into(),
        }
    );
    assert_eq!(
        f.postal_address().as_deref(),
        Some("04655, м. Київ, пл. Львівська, 8")
    );
    assert_eq!(
        f.extensions.tsp_urls,
        vec!["http://acskidd.gov.ua/services/tsp/".to_owned()]
    );
    assert_eq!(
        f.extensions.freshest_crl,
        vec!["http://acskidd.gov.ua/download/crls/ACSKIDDDFS-Delta.crl".to_owned()]
    );
}

#[test]
fn ua_central_certification_authority_root() {
    let ossl = Openssl::new();
    let (files, f) = load(&ossl, &ua_path("CZOROOT.cer"), false);
    assert_eq!(f.subject, f.issuer);
    assert_eq!(
        f.subject.get(&oid("2.5.4.3")),
        Some("Центральний засвідчувальний орган")
    );
    assert_eq!(
        f.extensions.basic_constraints,
        Some(BasicConstraints {
            ca: true,
            path_len: Some(2)
        })
    );
    assert_eq!(f.extensions.authority_key_id, f.extensions.subject_key_id);
    assert_eq!(asn1_dstu_field_degree(&ossl, &files), 431);
    assert_eq!(f.public_key.key_bits(), Some(431));
    assert!(matches!(
        f.public_key.algorithm,
        KeyAlgorithm::Dstu4145 {
            little_endian: true,
            normal_basis: false,
            curve: Some(DstuCurve::Explicit { .. })
        }
    ));
    assert_eq!(
        signet_qc_statement_ids(&f),
        asn1_qc_statement_ids(&ossl, &files)
    );
    assert!(f.qualification().qualified);
    assert!(f.qualification().reinforced);
    assert!(!f.qualification().electronic_stamp);
}

#[test]
fn ua_justice_ca_issued_by_the_root() {
    let ossl = Openssl::new();
    let (files, f) = load(&ossl, &ua_path("CA-Justice.cer"), false);
    let (_, root) = load(&ossl, &ua_path("CZOROOT.cer"), false);
    assert_eq!(f.issuer, root.subject);
    assert_eq!(
        f.extensions.authority_key_id,
        root.extensions.subject_key_id
    );
    assert_eq!(f.subject.get(&oid("2.5.4.10")), Some("ДП \"НАІС\""));
    assert_eq!(
        f.extensions.subject_alt_names,
        vec![AltName::Dns("ca.informjust.ua".into())]
    );
    assert_eq!(
        f.extensions.basic_constraints,
        Some(BasicConstraints {
            ca: true,
            path_len: Some(0)
        })
    );
    assert_eq!(
        f.extensions.ocsp_urls,
        vec!["http://czo.gov.ua/services/ocsp/".to_owned()]
    );
    assert_eq!(asn1_dstu_field_degree(&ossl, &files), 257);
    assert_eq!(f.public_key.key_bits(), Some(257));
    assert_eq!(
        signet_qc_statement_ids(&f),
        asn1_qc_statement_ids(&ossl, &files)
    );
}

#[test]
fn ua_justice_ca_ecdsa() {
    let ossl = Openssl::new();
    let (files, f) = load(&ossl, &ua_path("CA-Justice-ECDSA-261217.cer"), false);
    assert_eq!(
        f.public_key.algorithm,
        KeyAlgorithm::Ec {
            curve: Some(oid("1.2.840.10045.3.1.7"))
        }
    );
    assert_eq!(f.signature_algorithm, oid("1.2.840.10045.4.3.2"));
    // organizationIdentifier "NTRUA-39787008" (ETSI EN 319 412-1).
    assert_eq!(f.subject.get(&oid("2.5.4.97")), Some("NTRUA-39787008"));
    assert_eq!(f.ua_identity().edrpou.as_deref(), Some("39787008"));
    assert_eq!(f.subject_kind(), SubjectKind::LegalEntity);
    // The policy carries a CPS qualifier; only the identifier is kept.
    assert_eq!(f.extensions.policies, vec![oid("1.2.804.2.1.1.1.2.2")]);
    assert_eq!(
        f.extensions.subject_alt_names,
        vec![
            AltName::Dns("ca.informjust.ua".into()),
            AltName::Email("ca@informjust.ua".into())
        ]
    );
    assert_eq!(f.email().as_deref(), Some("ca@informjust.ua"));
    // The 32-byte key identifiers end in zero padding, kept as encoded.
    let ski = f.extensions.subject_key_id.as_ref().expect("SKI");
    assert_eq!(ski.len(), 32);
    assert!(ski[20..].iter().all(|&b| b == 0));
    assert_eq!(
        signet_qc_statement_ids(&f),
        asn1_qc_statement_ids(&ossl, &files)
    );
    assert_eq!(
        signet_qc_statement_ids(&f),
        vec!["1.3.6.1.5.5.7.11.2", "1.2.804.2.1.1.1.2.1"]
    );
    assert!(f.qualification().qualified);
}

#[test]
fn ua_self_signed_named_curve_m257() {
    let ossl = Openssl::new();
    let (files, f) = load(&ossl, &ua_path("SELF_SIGNED1.cer"), false);
    assert_eq!(f.serial_number, vec![0x5f, 0x14, 0xf0, 0x00]);
    let curve = asn1_dstu_named_curve(&ossl, &files);
    assert_eq!(curve, "1.2.804.2.1.1.1.1.3.1.1.2.6", "DSTU curve 6 is M257");
    assert_eq!(
        f.public_key.algorithm,
        KeyAlgorithm::Dstu4145 {
            little_endian: true,
            normal_basis: false,
            curve: Some(DstuCurve::Named(oid(&curve))),
        }
    );
    assert_eq!(f.public_key.key_bits(), Some(257));
    assert_eq!(f.public_key.parameter_set(), Some(&oid(&curve)));

    // authorityKeyIdentifier written as a bare OCTET STRING, which OpenSSL
    // cannot decode (it dumps it raw); asn1parse shows the key id.
    let listing = ossl
        .extension_asn1(&files, "X509v3 Authority Key Identifier")
        .expect("AKI");
    let octets = asn1_lines(&listing)
        .into_iter()
        .find(|l| l.depth == 0 && l.kind.starts_with("OCTET STRING"))
        .expect("a bare OCTET STRING");
    let aki = hex::decode(&octets.value).expect("hex dump");
    assert_eq!(
        f.extensions.authority_key_id.as_deref(),
        Some(aki.as_slice())
    );
    assert_eq!(f.extensions.authority_key_id, f.extensions.subject_key_id);
    assert_eq!(
        f.extensions.key_usage.map(|k| k.bits().collect::<Vec<_>>()),
        Some(vec![0, 1])
    );
}

#[test]
fn ru_mincifry_root_2022() {
    let ossl = Openssl::new();
    let (files, f) = load(
        &ossl,
        &format!("{DATA}/mincifry-rossii-root-2022.pem"),
        true,
    );
    // Published values (e-trust.gosuslugi.ru; tests/data/README.md).
    assert_eq!(
        hex::encode_upper(f.thumbprint_sha1),
        "2F0CB09BE3550EF17EC4F29C90ABD18BFCAAD63A"
    );
    assert_eq!(
        hex::encode_upper(&f.serial_number),
        "00951FA3477C61043AADFA858627823442"
    );
    assert_eq!(iso(f.not_before), "2022-01-08 13:32:39Z");
    assert_eq!(iso(f.not_after), "2040-01-08 13:32:39Z");
    assert_eq!(f.subject, f.issuer);
    assert_eq!(f.subject.get(&oid("2.5.4.3")), Some("Минцифры России"));
    assert_eq!(
        f.subject.get(&oid("2.5.4.9")),
        Some("Пресненская набережная, дом 10, строение 2")
    );

    assert_eq!(
        f.ru_identity(),
        RuIdentity {
            inn: None,
            organization_inn: Some("7710474375".into()),
            snils: None,
            ogrn: Some("1047702026701".into()),
            ogrnip: None,
            rns_fss: None,
        }
    );
    assert_eq!(f.subject_kind(), SubjectKind::LegalEntity);

    assert_eq!(
        f.public_key.algorithm,
        KeyAlgorithm::Gost {
            key_type: GostKeyType::R3410_2012_256,
            param_set: Some(oid("1.2.643.2.2.35.1")),
            digest_param_set: Some(oid("1.2.643.7.1.1.2.2")),
        }
    );
    assert_eq!(f.public_key.key_bits(), Some(256));
    assert_eq!(f.signature_algorithm, oid("1.2.643.7.1.1.3.2"));

    let e = &f.extensions;
    assert_eq!(
        e.subject_sign_tool.as_deref(),
        Some("ПАКМ «КриптоПро HSM» версии 2.0")
    );
    let ist = e.issuer_sign_tool.as_ref().expect("issuerSignTool");
    assert_eq!(ist.ca_tool, "ПАК «Головной удостоверяющий центр»");
    assert_eq!(ist.ca_tool_cert, "Заключение № 149/7/6-449 от 30.12.2021");
    assert_eq!(
        e.policies,
        [
            "1.2.643.100.113.1",
            "1.2.643.100.113.2",
            "1.2.643.100.113.3",
            "1.2.643.100.113.4",
            "1.2.643.100.113.5",
            "2.5.29.32.0"
        ]
        .map(oid)
    );
    assert_eq!(
        e.basic_constraints,
        Some(BasicConstraints {
            ca: true,
            path_len: None
        })
    );
    // IdentificationKind (RFC 9215 section 5.4), which OpenSSL shows only
    // raw: asn1parse reads INTEGER 0.
    let listing = ossl
        .extension_asn1(&files, "1.2.643.100.114")
        .expect("IdentificationKind");
    let kind = asn1_lines(&listing)
        .into_iter()
        .find(|l| l.kind == "INTEGER")
        .expect("an INTEGER");
    assert_eq!(
        e.identification_kind,
        Some(i64::from_str_radix(&kind.value, 16).expect("hex"))
    );
    assert_eq!(e.identification_kind, Some(0));
}

#[test]
fn ru_cryptopro_test_ivanov() {
    let ossl = Openssl::new();
    let (_, f) = load(
        &ossl,
        &format!("{DATA}/cryptopro-test-ivanov-inn-ogrn-snils.pem"),
        true,
    );
    assert_eq!(
        hex::encode_upper(f.thumbprint_sha1),
        "26B47CAAE519C95F06DAAD0CFFA8716193AA1B9A"
    );
    assert_eq!(
        hex::encode_upper(&f.serial_number),
        "120032B375783C461C7BC6C32F00000032B375"
    );
    assert_eq!(iso(f.not_before), "2019-02-22 10:48:29Z");
    assert_eq!(iso(f.not_after), "2019-05-22 10:58:29Z");
    assert_eq!(
        f.issuer.get(&oid("2.5.4.3")),
        Some("CRYPTO-PRO Test Center 2")
    );
    assert_eq!(f.subject.simple_name(), Some("Иванов Иван Иванович"));
    assert_eq!(f.subject.get(&oid("2.5.4.9")), Some("Улица, дом"));
    assert_eq!(f.subject.get(&oid("2.5.4.7")), Some("Город"));

    let ru = f.ru_identity();
    assert_eq!(ru.inn.as_deref(), Some("123456789047"));
    assert_eq!(ru.snils.as_deref(), Some("12345678901"));
    assert_eq!(ru.ogrn.as_deref(), Some("1123300000053"));
    assert_eq!(ru.organization_inn, None);
    // OGRN present: a legal entity's representative.
    assert_eq!(f.subject_kind(), SubjectKind::LegalEntity);

    assert_eq!(
        f.public_key.algorithm,
        KeyAlgorithm::Gost {
            key_type: GostKeyType::R3410_2001,
            param_set: Some(oid("1.2.643.2.2.35.1")),
            digest_param_set: Some(oid("1.2.643.2.2.30.1")),
        }
    );
    assert_eq!(f.public_key.key_bits(), Some(256));
    assert_eq!(f.signature_algorithm, oid("1.2.643.2.2.3"));
    assert_eq!(
        f.extensions.extended_key_usage,
        vec![oid("1.3.6.1.5.5.7.3.4")]
    );
    assert_eq!(
        f.extensions.ocsp_urls,
        vec!["http://testca.cryptopro.ru/ocsp/ocsp.srf".to_owned()]
    );
}

/// The real GOST signatures of a published Russian root verify with
/// signet's GOST R 34.10-2012 implementation: the Минцифры root signs
/// itself (data/README.md names the source).
#[test]
fn ru_mincifry_root_self_signature_verifies() {
    let pem = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/mincifry-rossii-root-2022.pem"
    ))
    .expect("test data");
    let cert = signet_pki::Certificate::parse(&pem).expect("parses");
    let verify = |tbs: &[u8]| {
        signet_pki::verify_signature(
            &cert.fields().public_key,
            &cert.x509().signature_algorithm().clone(),
            None,
            signet_pki::SignedMessage::Bytes(tbs),
            cert.signature_value(),
        )
    };
    assert_eq!(verify(cert.tbs_der()), Ok(()));
    let mut changed = cert.tbs_der().to_vec();
    let last = changed.len() - 1;
    changed[last] ^= 1;
    assert_eq!(verify(&changed), Err(signet_pki::SignatureError::Mismatch));
    // And the path validator accepts it as its own anchor.
    let trust = signet_pki::TrustStore::from_certificates([cert.clone()]);
    let now = time::OffsetDateTime::from_unix_timestamp(1_800_000_000).expect("time"); // 2027-01-15T08:00:00Z
    let path = signet_pki::PathValidator::new(&trust, &signet_pki::Offline)
        .validate(&cert, &[], now)
        .expect("valid");
    assert_eq!(path.certificates.len(), 1);
}
