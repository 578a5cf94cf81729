//! Shared by the certificate and signature tests: parsing a certificate in
//! every input form, comparing every field signet decodes with what OpenSSL
//! reads in the same certificate, and validating a signature offline.
//!
//! OpenSSL is the reference: where it prints a field, signet must give the
//! same value. Names OpenSSL prints (attribute types, algorithms, curves,
//! extension names, EKU and policy names) are turned into OIDs with
//! OpenSSL's own object table (`openssl list -objects`), never signet's.

// Each test crate uses a different part of this module.
#![allow(dead_code)]

use std::collections::BTreeSet;

use signet_pki::Offline;
use signet_pki::{AltName, Certificate, CertificateFields, KeyAlgorithm, TrustStore};
use signet_pki::{Content, ContentDigests, SignedData};
use signet_pki::{ValidationOptions, ValidationReport, Validator};
use test_support::{CertFiles, Openssl, TextExtension};
use time::OffsetDateTime;

/// The public Ukrainian test files committed in the repository's
/// `tests/data/ua` (sources in its README).
pub const UA_TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/ua");

/// This crate's own test data folder.
pub const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

/// signet's validation engine on a signature over `content` at `now`:
/// signature, CAdES level and (unless `signature_only`) the chain to
/// `trust`, with no issuer fetching and no revocation.
pub fn validate_offline(
    trust: &TrustStore,
    sig: &[u8],
    content: &[u8],
    now: OffsetDateTime,
    signature_only: bool,
) -> ValidationReport {
    let signed = SignedData::parse(sig).expect("signet parses the signature");
    let digests = ContentDigests::of_bytes(content, &signed.digest_algorithms());
    let validator = Validator {
        trust,
        issuers: &Offline,
        revocation: None,
    };
    let mut options = ValidationOptions::full(now);
    options.signature_only = signature_only;
    options.require_revocation = false;
    validator.validate(
        &signed,
        Content {
            digests: &digests,
            bytes: Some(content),
        },
        &options,
    )
}

/// Parses the certificate from DER, PEM, bare base64 with LF and with CRLF
/// line breaks, and PEM with CRLF, checks that every form gives the same
/// certificate with the DER OpenSSL wrote, and returns it.
pub fn parse_every_form(files: &CertFiles) -> Certificate {
    let from_der = Certificate::parse(&files.der).expect("signet parses the DER");
    assert_eq!(from_der.der(), files.der.as_slice());
    let from_pem = Certificate::parse(&files.pem).expect("signet parses the PEM");
    assert_eq!(
        from_pem, from_der,
        "PEM and DER give different certificates"
    );
    assert!(
        files.base64.contains(&b'\n') && !files.base64.starts_with(b"-----"),
        "openssl base64 wrote bare base64 with line breaks"
    );
    let from_b64 = Certificate::parse(&files.base64).expect("signet parses bare base64");
    assert_eq!(from_b64, from_der, "bare base64 and DER differ");
    let crlf = String::from_utf8(files.base64.clone())
        .expect("base64 is ASCII")
        .replace('\n', "\r\n");
    let from_crlf = Certificate::parse(crlf.as_bytes()).expect("signet parses CRLF base64");
    assert_eq!(from_crlf, from_der);
    let pem_crlf = String::from_utf8(files.pem.clone())
        .expect("PEM is ASCII")
        .replace('\n', "\r\n");
    let from_pem_crlf = Certificate::parse(pem_crlf.as_bytes()).expect("signet parses CRLF PEM");
    assert_eq!(from_pem_crlf, from_der);
    let all = Certificate::parse_all(&files.pem).expect("parse_all takes a one-block PEM");
    assert_eq!(all, vec![from_der.clone()]);
    from_der
}

/// A date-time in the form of `openssl x509 -dates -dateopt iso_8601`.
pub fn iso(t: OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Upper-case hex with leading zeros removed, to compare integers.
pub fn hex_number(s: &str) -> String {
    let up = s.to_ascii_uppercase();
    let trimmed = up.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// `AB:CD:…` → bytes.
pub fn colon_hex(s: &str) -> Vec<u8> {
    hex::decode(s.trim().replace(':', "")).unwrap_or_else(|e| panic!("not hex {s:?}: {e}"))
}

/// The OID OpenSSL gives a name, as text; panics when OpenSSL does not know
/// the name.
pub fn oid_of(ossl: &Openssl, name: &str) -> String {
    // OpenSSL prints the Microsoft UPN otherName as "UPN" (i2v_GENERAL_NAME),
    // a label that is not in its object table (msUPN).
    let name = if name == "UPN" { "msUPN" } else { name };
    ossl.object_oid(name)
        .unwrap_or_else(|| panic!("OpenSSL has no OID for the name {name:?}"))
}

/// An (OID, value) list of a name, as OpenSSL reads it.
pub fn openssl_name(ossl: &Openssl, pairs: &[(String, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (oid_of(ossl, k), v.clone()))
        .collect()
}

/// An (OID, value) list of a name, as signet reads it.
pub fn signet_name(name: &signet_pki::DistinguishedName) -> Vec<(String, String)> {
    name.attributes
        .iter()
        .map(|a| (a.oid.to_string(), a.value.clone()))
        .collect()
}

/// What OpenSSL said about the certificate, kept for further checks.
pub struct Compared {
    /// signet's fields.
    pub fields: CertificateFields,
    /// `openssl x509 -text`.
    pub text: String,
    /// The extensions as `-text` lists them.
    pub extensions: Vec<TextExtension>,
}

impl Compared {
    /// The value lines OpenSSL printed for the extension with this OID.
    pub fn ext_lines(&self, ossl: &Openssl, oid: &str) -> Option<&[String]> {
        self.extensions
            .iter()
            .find(|e| oid_of(ossl, &e.name) == oid)
            .map(|e| e.lines.as_slice())
    }
}

/// Compares every field signet decodes with what OpenSSL prints for the
/// same certificate. Returns signet's fields and OpenSSL's text for the
/// caller's own checks.
pub fn compare_with_openssl(ossl: &Openssl, files: &CertFiles) -> Compared {
    let cert = Certificate::parse(&files.der).expect("signet parses the DER");
    let f = cert.fields().clone();
    let text = ossl.x509_text(files);

    // Version, serial number, thumbprint, validity.
    let version = test_support::text_value(&text, "Version:").expect("-text shows the version");
    assert_eq!(
        version.split_whitespace().next(),
        Some(f.version.to_string().as_str()),
        "version: OpenSSL says {version}"
    );
    assert_eq!(
        hex_number(&hex::encode(&f.serial_number)),
        hex_number(&ossl.serial_hex(files)),
        "serial number"
    );
    assert_eq!(
        hex::encode_upper(f.thumbprint_sha1),
        ossl.sha1_fingerprint(files),
        "SHA-1 thumbprint"
    );
    assert_eq!(cert.thumbprint_hex(), ossl.sha1_fingerprint(files));
    let (not_before, not_after) = ossl.dates(files);
    assert_eq!(iso(f.not_before), not_before, "notBefore");
    assert_eq!(iso(f.not_after), not_after, "notAfter");
    assert_eq!(f.der, files.der);

    // Names, attribute by attribute in encoding order.
    assert_eq!(
        signet_name(&f.subject),
        openssl_name(ossl, &ossl.subject(files)),
        "subject"
    );
    assert_eq!(
        signet_name(&f.issuer),
        openssl_name(ossl, &ossl.issuer(files)),
        "issuer"
    );

    // Algorithms.
    let sig_alg = test_support::text_value(&text, "Signature Algorithm:")
        .expect("-text shows the signature algorithm");
    assert_eq!(
        f.signature_algorithm.to_string(),
        oid_of(ossl, &sig_alg),
        "signature algorithm (OpenSSL: {sig_alg})"
    );
    let key_alg = test_support::text_value(&text, "Public Key Algorithm:")
        .expect("-text shows the key algorithm");
    assert_eq!(
        f.public_key.algorithm_oid.to_string(),
        oid_of(ossl, &key_alg),
        "public key algorithm (OpenSSL: {key_alg})"
    );
    compare_key(ossl, files, &text, &key_alg, &f);

    // Extensions: the same list, in order, with the same critical flags.
    let extensions = test_support::x509_text_extensions(&text);
    let openssl_list: Vec<(String, bool)> = extensions
        .iter()
        .map(|e| (oid_of(ossl, &e.name), e.critical))
        .collect();
    let signet_list: Vec<(String, bool)> = f
        .extensions
        .present
        .iter()
        .map(|e| (e.oid.to_string(), e.critical))
        .collect();
    assert_eq!(signet_list, openssl_list, "extensions and critical flags");
    assert!(
        f.extensions.problems.is_empty(),
        "signet could not decode: {:?}",
        f.extensions.problems
    );
    for ext in &extensions {
        compare_extension(ossl, &oid_of(ossl, &ext.name), ext, &f);
    }
    Compared {
        fields: f,
        text,
        extensions,
    }
}

/// The key checks OpenSSL can make: size, curve or parameter set, and the
/// key bytes it prints.
fn compare_key(
    ossl: &Openssl,
    files: &CertFiles,
    text: &str,
    key_alg: &str,
    f: &CertificateFields,
) {
    let pk = &f.public_key;
    let bits_in_text = test_support::text_value(text, "Public-Key: (").map(|v| {
        v.trim_end_matches(')')
            .trim_end_matches(" bit")
            .parse::<usize>()
            .expect("bit count")
    });
    let printed_hex =
        |label: &str| test_support::text_block(text, label).map(|b| colon_hex(&b.lines.concat()));
    match &pk.algorithm {
        KeyAlgorithm::Rsa { modulus_bits, pss } => {
            assert!(!pss, "rsaEncryption key read as PSS");
            assert_eq!(Some(*modulus_bits), bits_in_text, "RSA modulus size");
            assert_eq!(pk.key_bits(), bits_in_text);
            let modulus = printed_hex("Modulus:").expect("-text shows the modulus");
            let modulus = modulus.strip_prefix(&[0u8][..]).unwrap_or(&modulus);
            assert!(
                pk.subject_public_key
                    .windows(modulus.len())
                    .any(|w| w == modulus),
                "the RSA key holds the modulus OpenSSL prints"
            );
        }
        KeyAlgorithm::Ec { curve } => {
            let named = test_support::text_value(text, "ASN1 OID:").expect("a named curve");
            assert_eq!(
                curve.map(|c| c.to_string()),
                Some(oid_of(ossl, &named)),
                "curve (OpenSSL: {named})"
            );
            assert_eq!(pk.key_bits(), bits_in_text, "EC key size");
            assert_eq!(
                Some(pk.subject_public_key.clone()),
                printed_hex("pub:"),
                "EC point"
            );
        }
        KeyAlgorithm::Ed25519 => {
            assert!(text.contains("ED25519 Public-Key:"));
            assert_eq!(pk.key_bits(), Some(256));
            assert_eq!(
                Some(pk.subject_public_key.clone()),
                printed_hex("pub:"),
                "Ed25519 key"
            );
        }
        KeyAlgorithm::Gost {
            param_set,
            digest_param_set,
            ..
        } => {
            let set = test_support::text_value(text, "Parameter set:")
                .expect("the gost engine shows the parameter set");
            assert_eq!(
                param_set.map(|p| p.to_string()),
                Some(oid_of(ossl, &set)),
                "GOST parameter set (OpenSSL: {set})"
            );
            // "GOST R 34.10-2012 with 256 bit modulus"; GOST R 34.10-2001 is 256.
            let bits = key_alg
                .split_whitespace()
                .skip_while(|w| *w != "with")
                .nth(1)
                .map_or(256, |b| b.parse::<usize>().expect("bit count"));
            assert_eq!(pk.key_bits(), Some(bits), "GOST key size ({key_alg})");
            // OpenSSL prints X and Y big-endian; the key is X‖Y little-endian.
            let coord = |label| {
                let mut digits = test_support::text_value(text, label).expect("coordinate");
                if digits.len() % 2 == 1 {
                    digits.insert(0, '0');
                }
                let mut v = colon_hex(&digits);
                v.reverse();
                v
            };
            let (x, y) = (coord("X:"), coord("Y:"));
            let value = pk.key_value();
            assert_eq!(value.len(), bits / 4, "GOST key value length");
            let half = value.len() / 2;
            assert_eq!(trim_le(&value[..half]), trim_le(&x), "GOST X");
            assert_eq!(trim_le(&value[half..]), trim_le(&y), "GOST Y");
            let params = spki_parameter_oids(ossl, files, key_alg);
            assert_eq!(params.first(), param_set.map(|p| p.to_string()).as_ref());
            assert_eq!(
                params.get(1),
                digest_param_set.map(|p| p.to_string()).as_ref(),
                "GOST digest parameter set"
            );
        }
        // OpenSSL cannot read DSTU 4145 keys; the Ukrainian tests check
        // them against asn1parse.
        KeyAlgorithm::Dstu4145 { .. } => {}
        other => panic!("unexpected key algorithm {other:?}"),
    }
}

/// Little-endian bytes without high-order zero bytes (OpenSSL prints the
/// coordinates as numbers, without leading zeros).
fn trim_le(v: &[u8]) -> &[u8] {
    let end = v.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    &v[..end]
}

/// The OIDs of the key's algorithm parameters (a SEQUENCE of OIDs for
/// GOST), from `openssl asn1parse`: the OBJECT lines right after the key
/// algorithm's OBJECT and its SEQUENCE.
pub fn spki_parameter_oids(ossl: &Openssl, files: &CertFiles, key_alg: &str) -> Vec<String> {
    let listing = ossl.asn1parse(files, &[]);
    let lines: Vec<&str> = listing.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("prim: OBJECT") && l.ends_with(&format!(":{key_alg}")))
        .expect("asn1parse shows the key algorithm");
    assert!(lines[at + 1].contains("cons: SEQUENCE"), "GOST parameters");
    lines[at + 2..]
        .iter()
        .take_while(|l| l.contains("prim: OBJECT"))
        .map(|l| oid_of(ossl, l.rsplit_once(':').expect("OBJECT line").1))
        .collect()
}

/// KeyUsage bit names as OpenSSL prints them, in bit order (RFC 5280
/// section 4.2.1.3).
const OPENSSL_KEY_USAGE: [&str; 9] = [
    "Digital Signature",
    "Non Repudiation",
    "Key Encipherment",
    "Data Encipherment",
    "Key Agreement",
    "Certificate Sign",
    "CRL Sign",
    "Encipher Only",
    "Decipher Only",
];

/// An IP address in Rust's canonical spelling (RFC 5952 for IPv6).
fn canonical_ip(text: &str) -> String {
    text.parse::<std::net::IpAddr>()
        .unwrap_or_else(|e| panic!("not an IP address {text:?}: {e}"))
        .to_string()
}

/// `Tag - URI:value` lines of AIA / SIA.
fn access_uris(lines: &[String], method: &str) -> Vec<String> {
    let prefix = format!("{method} - URI:");
    lines
        .iter()
        .filter_map(|l| l.strip_prefix(&prefix))
        .map(str::to_owned)
        .collect()
}

fn uri_lines(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|l| l.strip_prefix("URI:"))
        .map(str::to_owned)
        .collect()
}

/// Compares one extension's value, where OpenSSL decodes it.
fn compare_extension(ossl: &Openssl, oid: &str, ext: &TextExtension, f: &CertificateFields) {
    let e = &f.extensions;
    let first = ext.lines.first().map(String::as_str).unwrap_or_default();
    match oid {
        "2.5.29.15" => {
            let openssl_bits: BTreeSet<usize> = first
                .split(", ")
                .map(|n| {
                    OPENSSL_KEY_USAGE
                        .iter()
                        .position(|k| *k == n)
                        .unwrap_or_else(|| panic!("unknown key usage {n:?}"))
                })
                .collect();
            let signet_bits: BTreeSet<usize> =
                e.key_usage.expect("signet reads keyUsage").bits().collect();
            assert_eq!(signet_bits, openssl_bits, "key usage ({first})");
        }
        "2.5.29.37" => {
            let openssl_oids: Vec<String> = first.split(", ").map(|n| oid_of(ossl, n)).collect();
            let signet_oids: Vec<String> =
                e.extended_key_usage.iter().map(|o| o.to_string()).collect();
            assert_eq!(signet_oids, openssl_oids, "extended key usage ({first})");
        }
        "2.5.29.19" => {
            let bc = e.basic_constraints.expect("signet reads basicConstraints");
            let mut ca = None;
            let mut path_len = None;
            for part in first.split(", ") {
                match part.split_once(':') {
                    Some(("CA", v)) => ca = Some(v == "TRUE"),
                    Some(("pathlen", v)) => path_len = Some(v.parse::<u32>().expect("pathlen")),
                    _ => panic!("unexpected basicConstraints text {first:?}"),
                }
            }
            assert_eq!(Some(bc.ca), ca, "cA ({first})");
            assert_eq!(bc.path_len, path_len, "pathLenConstraint ({first})");
        }
        "2.5.29.14" => {
            assert_eq!(
                e.subject_key_id.as_deref(),
                Some(colon_hex(first).as_slice()),
                "subjectKeyIdentifier"
            );
        }
        "2.5.29.35" => {
            // OpenSSL prints the keyIdentifier as hex; a value it cannot
            // decode (a bare OCTET STRING) it dumps raw, checked elsewhere.
            let id = first.strip_prefix("keyid:").unwrap_or(first);
            if id
                .split(':')
                .all(|b| b.len() == 2 && hex::decode(b).is_ok())
            {
                assert_eq!(
                    e.authority_key_id.as_deref(),
                    Some(colon_hex(id).as_slice()),
                    "authorityKeyIdentifier"
                );
            }
        }
        "2.5.29.32" => {
            let openssl_oids: Vec<String> = ext
                .lines
                .iter()
                .filter_map(|l| l.strip_prefix("Policy: "))
                .map(|n| oid_of(ossl, n))
                .collect();
            let signet_oids: Vec<String> = e.policies.iter().map(|o| o.to_string()).collect();
            assert_eq!(signet_oids, openssl_oids, "certificate policies");
        }
        "2.5.29.17" => {
            let openssl_names: Vec<AltName> = test_support::split_general_names(first)
                .into_iter()
                .map(|(kind, value)| match kind.as_str() {
                    "email" => AltName::Email(value),
                    "DNS" => AltName::Dns(value),
                    "URI" => AltName::Uri(value),
                    "IP Address" => AltName::Ip(canonical_ip(&value)),
                    "othername" => {
                        let (name, v) = value.split_once("::").expect("othername: OID::value");
                        AltName::Other {
                            oid: oid_of(ossl, name).parse().expect("an OID"),
                            value: v.to_owned(),
                        }
                    }
                    other => panic!("unexpected subjectAltName kind {other}"),
                })
                .collect();
            // OpenSSL writes IPv6 uncompressed and in upper case; compare
            // the addresses, not their spelling.
            let signet_names: Vec<AltName> = e
                .subject_alt_names
                .iter()
                .map(|n| match n {
                    AltName::Ip(ip) => AltName::Ip(canonical_ip(ip)),
                    other => other.clone(),
                })
                .collect();
            assert_eq!(signet_names, openssl_names, "subjectAltName ({first})");
        }
        "2.5.29.31" => {
            assert_eq!(e.crl_distribution_points, uri_lines(&ext.lines), "CRL DP");
        }
        "2.5.29.46" => {
            assert_eq!(e.freshest_crl, uri_lines(&ext.lines), "freshestCRL");
        }
        "1.3.6.1.5.5.7.1.1" => {
            assert_eq!(e.ocsp_urls, access_uris(&ext.lines, "OCSP"), "AIA OCSP");
            assert_eq!(
                e.ca_issuers_urls,
                access_uris(&ext.lines, "CA Issuers"),
                "AIA caIssuers"
            );
        }
        "1.3.6.1.5.5.7.1.11" => {
            assert_eq!(
                e.tsp_urls,
                access_uris(&ext.lines, "AD Time Stamping"),
                "SIA timeStamping"
            );
        }
        "1.2.643.100.111" => {
            assert_eq!(
                e.subject_sign_tool.as_deref(),
                Some(ext.lines.join("\n").as_str()),
                "subjectSignTool"
            );
        }
        "1.2.643.100.112" => {
            let field = |name: &str| {
                ext.lines
                    .iter()
                    .find_map(|l| {
                        let (k, v) = l.split_once(": ")?;
                        (k.trim() == name).then(|| v.to_owned())
                    })
                    .unwrap_or_else(|| panic!("issuerSignTool has no {name}"))
            };
            let ist = e
                .issuer_sign_tool
                .as_ref()
                .expect("signet reads issuerSignTool");
            assert_eq!(ist.sign_tool, field("signTool"));
            assert_eq!(ist.ca_tool, field("cATool"));
            assert_eq!(ist.sign_tool_cert, field("signToolCert"));
            assert_eq!(ist.ca_tool_cert, field("cAToolCert"));
        }
        "2.5.29.16" => {
            // "Not Before: Nov  2 22:00:00 2016 GMT, Not After: …", either
            // part absent when the extension lacks it.
            let part = |label: &str| {
                first
                    .split(", ")
                    .find_map(|p| p.strip_prefix(label))
                    .map(|t| test_support::openssl_time_to_iso(t).expect("an OpenSSL time"))
            };
            let (b, a) = e
                .private_key_usage_period
                .expect("signet reads privateKeyUsagePeriod");
            assert_eq!(b.map(iso), part("Not Before: "), "PKUP notBefore");
            assert_eq!(a.map(iso), part("Not After: "), "PKUP notAfter");
        }
        // OpenSSL does not decode these; the tests check them with asn1parse.
        "1.3.6.1.5.5.7.1.3" | "2.5.29.9" | "1.2.643.100.114" => {}
        other => {
            // Extensions signet does not decode (Microsoft's template and
            // CA version, …) have no value to compare; a decoded one must.
            let understood = e
                .present
                .iter()
                .any(|x| x.oid.to_string() == other && x.understood);
            assert!(!understood, "no comparison written for extension {other}");
        }
    }
}
