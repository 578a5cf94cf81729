//! Certificates made by OpenSSL, read by signet, and compared field by
//! field with what OpenSSL reads in them.
//!
//! For each key algorithm a CA and a leaf certificate are made with the
//! `openssl` command line (the gost engine for GOST): the leaf carries a
//! full Russian qualified-certificate subject (RFC 9215 section 5, FSB
//! order 795) and the extensions Russian CAs write. signet must parse it
//! from DER, PEM and bare base64, agree with OpenSSL on every field
//! OpenSSL prints, and derive the identity values (name split, INN, OGRN,
//! subject kind) from it.

#[path = "../common/mod.rs"]
mod common;

mod algorithms;
mod encoding;
mod identity;
mod profile;

use common::{compare_with_openssl, iso, parse_every_form};
use const_oid::ObjectIdentifier;
use signet_pki::{
    AltName, BasicConstraints, Certificate, CertificateFields, GostKeyType, KeyAlgorithm, KeyUsage,
    PersonName, RuIdentity, SubjectKind,
};
use test_support::{CertFiles, CertSpec, KeyFile, KeyType, Openssl};

fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new(s).expect("a valid OID")
}

// Subject values of the leaf (placeholders of the right lengths).
const INN_PERSON: &str = "500100732259";
const SNILS: &str = "11223344595";
const OGRN: &str = "1027700132195";
const INNLE: &str = "7707083893";
const RNS_FSS: &str = "7701012345";
const EMAIL: &str = "ivanov@romashka.example.ru";

const SUBJECT_SIGN_TOOL: &str = "СКЗИ \"КриптоПро CSP\" (версия 5.0)";
const ISSUER_SIGN_TOOL: [&str; 4] = [
    "ПАКМ «КриптоПро HSM» версии 2.0",
    "ПАК «Удостоверяющий центр «КриптоПро УЦ» версии 2.0»",
    "Сертификат соответствия № СФ/124-3966 от 15.01.2021",
    "Сертификат соответствия № СФ/128-4270 от 13.07.2022",
];

/// A leaf serial number with the high bit set: DER needs a leading 00.
const LEAF_SERIAL: &str = "9A2B3C4D5E6F708192A3B4C5D6E7F801";
