//! Signatures signet makes, pinned byte for byte.
//!
//! RSA PKCS#1 v1.5 and Ed25519 signatures are deterministic, so the same
//! key, content, time and options must give the same SignedData in every
//! version of the signing code: the encoding of the signed attributes, the
//! ESS signing-certificate-v2, the SignerIdentifier, the SET OF sorting,
//! co-signing, CAdES-T and CAdES-X Long Type 1 attributes. The keys,
//! certificates, CRL and OCSP answer in `tests/data/cms-pin/` were made by
//! its `make.sh`; the `*.p7s` files by this test with `SIGNET_PIN_WRITE=1`,
//! from the signing code of the commit that added them.

use std::path::PathBuf;

use signet_crypto::DigestAlgorithm;
use signet_pki::Certificate;
use signet_pki::Evidence;
use signet_pki::OcspResponse;
use signet_pki::{
    CertifiedKey, SignedData, SignedDataBuilder, SignerIdentifierChoice, ValidationData,
    add_signer_to,
};
use signet_pki::{Timestamper, TsaError};
use time::macros::datetime;

const DOC: &[u8] = "Договір № 7: signet pinned signature\n".as_bytes();

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/cms-pin")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(data(name)).expect("pinned test data")
}

fn cert(name: &str) -> Certificate {
    Certificate::parse(&read(name)).expect("certificate")
}

fn signer(who: &str) -> CertifiedKey {
    CertifiedKey::from_pkcs8(cert(&format!("{who}.pem")), &read(&format!("{who}.p8")))
        .expect("the key is the certificate's")
}

/// Compares `made` with the pinned `name`, or writes it with
/// `SIGNET_PIN_WRITE=1`.
fn pinned(name: &str, made: &[u8]) {
    if std::env::var_os("SIGNET_PIN_WRITE").is_some() {
        std::fs::write(data(name), made).expect("write pin");
        return;
    }
    let want = read(name);
    assert!(
        made == want.as_slice(),
        "{name} differs from the pinned signature:\n made {}\n want {}",
        hex::encode(made),
        hex::encode(&want)
    );
    SignedData::parse(made).expect("signet reads what it made");
}

/// A time-stamping authority whose token is `SEQUENCE { OCTET STRING
/// imprint }`: the pin then covers what was time-stamped.
struct EchoTsa;

impl Timestamper for EchoTsa {
    fn digest_algorithm(&self) -> DigestAlgorithm {
        DigestAlgorithm::Sha256
    }

    fn timestamp(&self, digest: &[u8]) -> Result<Vec<u8>, TsaError> {
        let mut token = vec![0x30, digest.len() as u8 + 2, 0x04, digest.len() as u8];
        token.extend_from_slice(digest);
        Ok(token)
    }
}

#[test]
fn rsa_attached_cades_bes() {
    let rsa = signer("rsa");
    let made = SignedDataBuilder::new(DOC)
        // 2026-03-01T02:30:00+03:00: a UTCTime, converted to UTC.
        .signing_time(Some(datetime!(2026-03-01 02:30:00 +03:00)))
        .include_certificates(vec![cert("root.pem")])
        .add_signer(&rsa)
        .build()
        .expect("signed");
    pinned("rsa-attached.p7s", &made);
}

#[test]
fn rsa_detached_subject_key_id_generalized_time_other_content_type() {
    let rsa = signer("rsa");
    let made = SignedDataBuilder::new(DOC)
        .detached(true)
        .content_type(const_oid::db::rfc3161::ID_CT_TST_INFO)
        // 2050-01-01T00:00:00Z: a GeneralizedTime.
        .signing_time(Some(datetime!(2050-01-01 00:00:00 UTC)))
        .signer_identifier(SignerIdentifierChoice::SubjectKeyIdentifier)
        .cades_bes(false)
        .digest(DigestAlgorithm::Sha384)
        .add_signer(&rsa)
        .build()
        .expect("signed");
    pinned("rsa-detached-ski.p7s", &made);
}

#[test]
fn ed25519_with_sha512_ess_hash_and_two_signers() {
    let ed = signer("ed25519");
    let rsa = signer("rsa");
    let made = SignedDataBuilder::new(DOC)
        .signing_time(Some(datetime!(1949-12-31 23:59:59 UTC)))
        .signing_certificate_hash(DigestAlgorithm::Sha512)
        .add_signer(&ed)
        .add_signer(&rsa)
        .build()
        .expect("signed");
    pinned("ed25519-rsa.p7s", &made);
}

#[test]
fn co_signature_keeps_the_first() {
    let rsa = signer("rsa");
    let ed = signer("ed25519");
    let first = SignedDataBuilder::new(DOC)
        .signing_time(Some(datetime!(2026-03-01 00:00:00 UTC)))
        .add_signer(&rsa)
        .build()
        .expect("signed");
    let made = add_signer_to(&first, None, &ed).expect("co-signed");
    pinned("co-signed.p7s", &made);
}

#[test]
fn cades_t_and_content_time_stamp() {
    let rsa = signer("rsa");
    let made = SignedDataBuilder::new(DOC)
        .signing_time(Some(datetime!(2026-03-01 00:00:00 UTC)))
        .signature_timestamp(Some(&EchoTsa))
        .content_timestamp(Some(&EchoTsa))
        .add_signer(&rsa)
        .build()
        .expect("signed");
    pinned("cades-t.p7s", &made);
}

#[test]
fn cades_x_long_type_1_with_a_crl_and_an_ocsp_answer() {
    let rsa = signer("rsa");
    let basic = OcspResponse::from_der(&read("ocsp.der"))
        .expect("OCSP response")
        .basic
        .expect("basic response");
    for (name, evidence) in [
        ("cades-x-long-crl.p7s", Evidence::Crl(read("root.crl"))),
        ("cades-x-long-ocsp.p7s", Evidence::Ocsp(Box::new(basic))),
    ] {
        let data = ValidationData {
            path: vec![cert("rsa.pem"), cert("root.pem")],
            revocation: vec![evidence],
        };
        let made = SignedDataBuilder::new(DOC)
            .signing_time(Some(datetime!(2026-03-01 00:00:00 UTC)))
            .signature_timestamp(Some(&EchoTsa))
            .long_term(std::slice::from_ref(&data))
            .add_signer(&rsa)
            .build()
            .expect("signed");
        pinned(name, &made);
    }
}

#[test]
fn detached_from_a_digest() {
    let rsa = signer("rsa");
    let digest = DigestAlgorithm::Sha512.digest(DOC);
    let made = SignedDataBuilder::detached_from_digest(DigestAlgorithm::Sha512, &digest)
        .add_signer(&rsa)
        .build()
        .expect("signed");
    pinned("rsa-digest.p7s", &made);
}
