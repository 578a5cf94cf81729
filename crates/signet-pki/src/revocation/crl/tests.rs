use std::str::FromStr as _;

use const_oid::db::rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER;
use const_oid::db::rfc5912::SHA_256_WITH_RSA_ENCRYPTION;
use der::Encode;
use der::asn1::{Any, OctetStringRef};

use super::asn1::TbsCertList;
use super::*;
use crate::asn1::Boolean;
use crate::revocation::asn1::ExtensionRef;
use crate::revocation::testing::{
    CRL as OPENSSL_CRL, GOOD, INTER, REVOKED, certificate, context, seq, tlv,
};

fn utc(text: &str) -> Vec<u8> {
    tlv(Tag::UtcTime, text.as_bytes())
}

fn sha256_rsa() -> Vec<u8> {
    AlgorithmIdentifierOwned {
        oid: SHA_256_WITH_RSA_ENCRYPTION,
        parameters: Some(Any::null()),
    }
    .to_der()
    .expect("encodes")
}

fn name(cn: &str) -> Vec<u8> {
    x509_cert::name::Name::from_str(&format!("CN={cn}"))
        .expect("a name")
        .to_der()
        .expect("encodes")
}

fn ext(oid: ObjectIdentifier, critical: bool, value: &[u8]) -> Vec<u8> {
    ExtensionRef {
        extn_id: oid,
        critical: Boolean(critical),
        extn_value: OctetStringRef::new(value).expect("length"),
    }
    .to_der()
    .expect("encodes")
}

/// A CRL with the given entries and CRL extensions (unsigned).
fn crl(entries: &[Vec<u8>], exts: &[Vec<u8>]) -> Vec<u8> {
    let mut tbs = vec![
        tlv(Tag::Integer, &[1]),
        sha256_rsa(),
        name("Test CA"),
        utc("261125173209Z"),
        utc("261202173209Z"),
    ];
    if !entries.is_empty() {
        tbs.push(seq(entries));
    }
    if !exts.is_empty() {
        tbs.push(context(0, true, &seq(exts)));
    }
    seq(&[seq(&tbs), sha256_rsa(), tlv(Tag::BitString, &[0, 1, 2, 3])])
}

fn entry(serial: &[u8], reason: Option<u8>) -> Vec<u8> {
    let mut parts = vec![tlv(Tag::Integer, serial), utc("261125173209Z")];
    if let Some(r) = reason {
        let code = tlv(Tag::Enumerated, &[r]);
        parts.push(seq(&[ext(ID_CE_CRL_REASONS, false, &code)]));
    }
    seq(&parts)
}

#[test]
fn reads_entries_and_extensions() {
    let der = crl(
        &[entry(&[0x10, 0x01], None), entry(&[0x10, 0x02], Some(1))],
        &[ext(ID_CE_CRL_NUMBER, false, &tlv(Tag::Integer, &[7]))],
    );
    let c = Crl::from_der(der).expect("parses");
    assert_eq!(c.revoked_count, 2);
    assert_eq!(c.crl_number, Some(vec![7]));
    assert_eq!(c.this_update.unix_timestamp(), 1_795_627_929);
    assert!(c.next_update.is_some());
    let e = c.find(&[0x10, 0x02]).unwrap().expect("listed");
    assert_eq!(e.reason, Some(CrlReason::KEY_COMPROMISE));
    assert!(c.find(&[0x10, 0x01]).unwrap().unwrap().reason.is_none());
    assert!(c.find(&[0x10, 0x03]).unwrap().is_none());
    assert!(c.unsupported_critical.is_empty());
    assert_eq!(c.signature_value(), &[1, 2, 3]);
}

#[test]
fn delta_idp_and_unknown_critical_extensions_are_recorded() {
    let one = tlv(Tag::Integer, &[1]);
    let delta = Crl::from_der(crl(&[], &[ext(ID_CE_DELTA_CRL_INDICATOR, true, &one)])).unwrap();
    assert!(delta.is_delta);
    // indirectCRL [4] TRUE
    let idp_value = seq(&[vec![0x84, 0x01, 0xFF]]);
    let indirect = Crl::from_der(crl(
        &[],
        &[ext(ID_CE_ISSUING_DISTRIBUTION_POINT, true, &idp_value)],
    ))
    .unwrap();
    assert!(indirect.issuing_distribution_point.unwrap().indirect_crl.0);
    let unknown_oid = ID_CE_SUBJECT_KEY_IDENTIFIER;
    let unknown = Crl::from_der(crl(&[], &[ext(unknown_oid, true, &[0x05, 0x00])])).unwrap();
    assert_eq!(unknown.unsupported_critical, vec![unknown_oid]);
    let entry_issuer = seq(&[
        tlv(Tag::Integer, &[1]),
        utc("261125173209Z"),
        seq(&[ext(ID_CE_CERTIFICATE_ISSUER, true, &[0x30, 0x00])]),
    ]);
    let c = Crl::from_der(crl(&[entry_issuer], &[])).unwrap();
    assert_eq!(c.unsupported_critical, vec![ID_CE_CERTIFICATE_ISSUER]);
}

#[test]
fn versions_other_than_v2_are_malformed() {
    let mut der = crl(&[], &[]);
    // SEQUENCE { SEQUENCE { INTEGER 1 …: the version's value octet.
    let at = der
        .windows(3)
        .position(|w| w == [0x02, 0x01, 0x01])
        .expect("version");
    der[at + 2] = 0x02;
    assert!(matches!(
        Crl::from_der(der),
        Err(RevocationError::Malformed {
            fault: FormatError::CrlVersionNotV2,
            ..
        })
    ));
}

#[test]
fn pem_is_read() {
    use base64::Engine as _;
    let der = crl(&[entry(&[5], None)], &[]);
    let pem = format!(
        "-----BEGIN X509 CRL-----\n{}\n-----END X509 CRL-----\n",
        base64::engine::general_purpose::STANDARD.encode(&der)
    );
    assert_eq!(Crl::parse(pem.as_bytes()).unwrap().der(), der.as_slice());
}

#[test]
fn every_truncation_and_corruption_is_an_error_not_a_panic() {
    let der = crl(
        &[entry(&[0x10, 0x01], None), entry(&[0x10, 0x02], Some(1))],
        &[ext(ID_CE_CRL_NUMBER, false, &tlv(Tag::Integer, &[7]))],
    );
    for len in 0..der.len() {
        assert!(
            Crl::from_der(der[..len].to_vec()).is_err(),
            "truncated at {len}"
        );
    }
    for i in 0..der.len() {
        for x in [0x00, 0x80, 0xFF] {
            let mut d = der.clone();
            d[i] ^= x | 1;
            if let Ok(c) = Crl::from_der(d) {
                let _ = c.find(&[0x10, 0x02]);
            }
        }
    }
    assert!(Crl::parse(b"").is_err());
    assert!(Crl::parse(b"<html><body>404</body></html>").is_err());
}

#[test]
fn a_million_entries_are_read_and_indexed() {
    let entries: Vec<Vec<u8>> = (0u32..MAX_REVOKED_ENTRIES as u32)
        .map(|i| entry(&(i | 0x0100_0000).to_be_bytes(), None))
        .collect();
    let c = Crl::from_der(crl(&entries, &[])).expect("parses");
    assert_eq!(c.revoked_count, MAX_REVOKED_ENTRIES);
    assert!(c.find(&[9, 9, 9, 9, 9]).unwrap().is_none());
    let serial = (777_777u32 | 0x0100_0000).to_be_bytes();
    assert_eq!(c.find(&serial).unwrap().expect("listed").serial, serial);
    let one_more = crl(&[entries.concat(), entry(&[1], None)], &[]);
    assert!(
        matches!(
            Crl::from_der(one_more),
            Err(RevocationError::Malformed {
                fault: FormatError::TooManyEntries { .. },
                ..
            })
        ),
        "more than the limit"
    );
}

#[test]
fn limits() {
    let mut huge = vec![0x30, 0x84, 0x02, 0x00, 0x00, 0x01];
    huge.resize(MAX_CRL_LEN + 6, 0);
    assert!(matches!(
        Crl::from_der(huge),
        Err(RevocationError::TooLarge { .. })
    ));
}

#[test]
fn an_openssl_crl_round_trips_and_verifies() {
    let list = CertificateList::from_der(OPENSSL_CRL).expect("decodes");
    assert_eq!(list.to_der().expect("encodes"), OPENSSL_CRL);
    let tbs = list.tbs_cert_list.value();
    assert_eq!(
        TbsCertList::from_der(list.tbs_cert_list.der())
            .expect("decodes")
            .to_der()
            .expect("encodes"),
        list.tbs_cert_list.der()
    );
    let entries = tbs.revoked_certificates.expect("one entry");
    for entry in entries.iter() {
        let entry = entry.expect("an entry");
        let der = entry.to_der().expect("encodes");
        assert_eq!(RevokedCertificate::from_der(&der).as_ref(), Ok(&entry));
    }
    let extensions = read_extensions(&tbs.crl_extensions.expect("extensions")).expect("read");
    let idp = extensions
        .iter()
        .find(|e| e.extn_id == ID_CE_ISSUING_DISTRIBUTION_POINT)
        .expect("issuingDistributionPoint");
    assert!(idp.critical.0);
    let decoded = IssuingDistributionPoint::from_der(idp.value()).expect("decodes");
    assert_eq!(decoded.to_der().expect("encodes"), idp.value());
    let aki = extensions
        .iter()
        .find(|e| e.extn_id == ID_CE_AUTHORITY_KEY_IDENTIFIER)
        .expect("authorityKeyIdentifier");
    let decoded = AuthorityKeyIdentifier::from_der(aki.value()).expect("decodes");
    assert_eq!(decoded.to_der().expect("encodes"), aki.value());

    let inter = certificate(INTER);
    let c = Crl::from_der(OPENSSL_CRL.to_vec()).expect("parses");
    assert_eq!(c.crl_number, Some(vec![1]));
    assert_eq!(
        c.authority_key_id.as_ref(),
        inter.fields().extensions.subject_key_id.as_ref()
    );
    let idp = c.issuing_distribution_point.as_ref().expect("IDP");
    assert_eq!(idp.uris(), vec!["http://127.0.0.1/inter.crl".to_string()]);
    assert!(idp.only_contains_user_certs.0);
    c.verify_issuer(&inter, inter.fields())
        .expect("signed by the intermediate");

    let revoked = certificate(REVOKED);
    let good = certificate(GOOD);
    let options = CheckOptions {
        clock_skew: std::time::Duration::from_secs(300),
        allow_stale: false,
    };
    let (verdict, notes) = c
        .check(&revoked, &inter, c.this_update, &options)
        .expect("usable");
    assert!(notes.is_empty());
    assert_eq!(
        verdict,
        Verdict::Revoked {
            time: c.this_update,
            reason: Some(CrlReason::KEY_COMPROMISE)
        }
    );
    let (verdict, _) = c
        .check(&good, &inter, c.this_update, &options)
        .expect("usable");
    assert_eq!(verdict, Verdict::Good);
    // The intermediate is a CA: onlyContainsUserCerts leaves it out.
    assert!(matches!(
        c.check_scope_and_time(inter.fields(), c.this_update, &options, &mut Vec::new()),
        Err(RevocationError::OutOfScope(OutOfScope::EndEntitiesOnly))
    ));
}

#[test]
fn a_tampered_crl_does_not_verify() {
    let mut der = OPENSSL_CRL.to_vec();
    // The serial number of the revoked entry: 0x1002 becomes 0x1003.
    let at = der
        .windows(4)
        .position(|w| w == [0x02, 0x02, 0x10, 0x02])
        .expect("serial 0x1002");
    der[at + 3] = 0x03;
    let inter = certificate(INTER);
    let c = Crl::from_der(der).expect("still well formed");
    assert!(matches!(
        c.verify_issuer(&inter, inter.fields()),
        Err(RevocationError::BadSignature(_))
    ));
}

proptest::proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
        if let Ok(c) = Crl::from_der(bytes.clone()) {
            let _ = c.find(&[1]);
        }
        let _ = Crl::parse(&bytes);
    }

    #[test]
    fn mutated_crls_never_panic(pos in 0usize..400, byte in proptest::num::u8::ANY) {
        let mut der = crl(&[entry(&[0x10, 0x01], None), entry(&[0x10, 0x02], Some(1))], &[]);
        if let Some(b) = der.get_mut(pos) {
            *b = byte;
        }
        if let Ok(c) = Crl::from_der(der) {
            let _ = c.find(&[0x10, 0x02]);
        }
    }

    #[test]
    fn mutated_openssl_crls_never_panic(pos in 0usize..509, byte in proptest::num::u8::ANY) {
        let mut der = OPENSSL_CRL.to_vec();
        if let Some(b) = der.get_mut(pos) {
            *b = byte;
        }
        if let Ok(c) = Crl::from_der(der) {
            let _ = c.find(&[0x10, 0x02]);
        }
    }
}
