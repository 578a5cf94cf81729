use std::str::FromStr as _;

use der::Tag;

use super::response::{CertIdRef, ResponseBytesRef, ResponseDataRef, RevokedInfo};
use super::*;
use crate::revocation::CrlReason;
use crate::revocation::testing::{
    GOOD, INTER, OCSP_REQUEST as OPENSSL_REQUEST, OCSP_RESPONSE as OPENSSL_RESPONSE,
    OCSP_RESPONSE_BY_KEY as OPENSSL_RESPONSE_BY_KEY, REVOKED, certificate, context, seq, tlv,
};

fn gt(s: &str) -> Vec<u8> {
    tlv(Tag::GeneralizedTime, s.as_bytes())
}

fn cert_id() -> Vec<u8> {
    CertId {
        hash_algorithm: AlgorithmIdentifierOwned {
            oid: signature::digest_oid(DigestAlgorithm::Sha1),
            parameters: Some(der::asn1::Any::null()),
        },
        issuer_name_hash: der::asn1::OctetString::new(vec![1; 20]).expect("length"),
        issuer_key_hash: der::asn1::OctetString::new(vec![2; 20]).expect("length"),
        serial_number: der::asn1::Int::new(&[0x10, 0x02]).expect("length"),
    }
    .to_der()
    .expect("encodes")
}

/// A successful response with one revoked SingleResponse (unsigned).
fn response() -> Vec<u8> {
    let revoked_info = [
        gt("20261125173209Z"),
        context(0, true, &tlv(Tag::Enumerated, &[1])),
    ]
    .concat();
    let single = seq(&[
        cert_id(),
        context(1, true, &revoked_info),
        gt("20261125173212Z"),
        context(0, true, &gt("20261126173212Z")),
    ]);
    let nonce = tlv(Tag::OctetString, &[7; 32]);
    let nonce_ext = seq(&[
        ID_PKIX_OCSP_NONCE.to_der().expect("encodes"),
        tlv(Tag::OctetString, &nonce),
    ]);
    let name = x509_cert::name::Name::from_str("CN=OCSP")
        .and_then(|n| n.to_der())
        .expect("a name");
    let tbs = seq(&[
        context(1, true, &name),
        gt("20261125173212Z"),
        seq(&[single]),
        context(1, true, &seq(&[nonce_ext])),
    ]);
    let alg = AlgorithmIdentifierOwned {
        oid: const_oid::db::rfc5912::ECDSA_WITH_SHA_256,
        parameters: None,
    }
    .to_der()
    .expect("encodes");
    let basic = seq(&[tbs, alg, tlv(Tag::BitString, &[0, 9, 9])]);
    let bytes = seq(&[
        ID_PKIX_OCSP_BASIC.to_der().expect("encodes"),
        tlv(Tag::OctetString, &basic),
    ]);
    seq(&[tlv(Tag::Enumerated, &[0]), context(0, true, &bytes)])
}

#[test]
fn reads_a_basic_response() {
    let r = OcspResponse::from_der(&response()).expect("parses");
    assert_eq!(r.status, OcspResponseStatus::Successful);
    let b = r.basic.expect("basic");
    assert!(matches!(b.responder_id, ResponderId::ByName(_)));
    let responses: Vec<SingleResponseRef<'_>> = b.responses().collect();
    assert_eq!(responses.len(), 1);
    let s = &responses[0];
    assert_eq!(s.cert_id.serial_number.as_bytes(), &[0x10, 0x02]);
    assert!(matches!(
        s.cert_status,
        CertStatus::Revoked(RevokedInfo {
            revocation_reason: Some(CrlReason::KEY_COMPROMISE),
            ..
        })
    ));
    assert!(s.next_update.is_some());
    assert_eq!(b.nonce, Some(tlv(Tag::OctetString, &[7; 32])));
    assert_eq!(b.signature_value(), &[9, 9]);
}

#[test]
fn error_statuses_have_no_body() {
    let r = OcspResponse::from_der(&[0x30, 0x03, 0x0A, 0x01, 0x03]).expect("parses");
    assert_eq!(r.status, OcspResponseStatus::TryLater);
    assert!(r.basic.is_none());
    assert!(matches!(
        OcspResponse::from_der(&[0x30, 0x03, 0x0A, 0x01, 0x00]),
        Err(RevocationError::Malformed {
            fault: FormatError::SuccessfulWithoutResponseBytes,
            ..
        })
    ));
    let r = OcspResponse::from_der(&[0x30, 0x03, 0x0A, 0x01, 0x04]).expect("parses");
    assert_eq!(r.status, OcspResponseStatus::Other(4));
    assert_eq!(r.status.to_string(), "status 4");
}

#[test]
fn truncated_and_corrupted_responses_are_errors_not_panics() {
    let der = response();
    for len in 0..der.len() {
        assert!(
            OcspResponse::from_der(&der[..len]).is_err(),
            "truncated at {len}"
        );
    }
    for i in 0..der.len() {
        for x in [0x01, 0x80, 0xFF] {
            let mut d = der.clone();
            d[i] ^= x;
            let _ = OcspResponse::from_der(&d);
        }
    }
    assert!(OcspResponse::from_der(b"<html>503</html>").is_err());
    assert!(matches!(
        OcspResponse::from_der(&vec![0u8; MAX_OCSP_RESPONSE_LEN + 1]),
        Err(RevocationError::TooLarge { .. })
    ));
}

#[test]
fn openssl_responses_round_trip() {
    for der in [OPENSSL_RESPONSE, OPENSSL_RESPONSE_BY_KEY] {
        let response = OcspResponseRef::from_der(der).expect("decodes");
        assert_eq!(response.to_der().expect("encodes"), der);
        let bytes: ResponseBytesRef<'_> = response.response_bytes.expect("bytes");
        assert_eq!(bytes.response_type, ID_PKIX_OCSP_BASIC);
        let basic_der = bytes.response.as_bytes();
        let basic = BasicOcspResponseRef::from_der(basic_der).expect("decodes");
        assert_eq!(basic.to_der().expect("encodes"), basic_der);
        let tbs = basic.tbs_response_data.der();
        let data = ResponseDataRef::from_der(tbs).expect("decodes");
        assert_eq!(data.to_der().expect("encodes"), tbs);
        for single in data.responses.iter() {
            let single = single.expect("a SingleResponse");
            let again = single.to_der().expect("encodes");
            assert_eq!(SingleResponseRef::from_der(&again), Ok(single));
            let id = single.cert_id.to_der().expect("encodes");
            assert_eq!(CertIdRef::from_der(&id), Ok(single.cert_id));
            // signet's owned CertID reads and writes the same bytes.
            assert_eq!(CertId::from_der(&id).and_then(|c| c.to_der()), Ok(id));
        }
    }
}

#[test]
fn the_delegated_responders_answer_checks_out() {
    let (inter, revoked, good) = (certificate(INTER), certificate(REVOKED), certificate(GOOD));
    let response = OcspResponse::from_der(OPENSSL_RESPONSE).expect("reads");
    let basic = response.basic.expect("basic");
    assert!(matches!(basic.responder_id, ResponderId::ByName(_)));
    assert_eq!(basic.certs.len(), 1);
    let request = OcspRequest::from_der(OPENSSL_REQUEST).expect("the request");
    let options = CheckOptions {
        clock_skew: std::time::Duration::from_secs(300),
        allow_stale: false,
    };
    let checked = basic
        .check(
            &revoked,
            &inter,
            basic.produced_at,
            Some(&request),
            &options,
        )
        .expect("checks out");
    assert!(checked.notes.is_empty(), "{:?}", checked.notes);
    assert_eq!(
        checked.answer.signer,
        "the delegated responder \"responder\""
    );
    assert!(matches!(
        checked.answer.verdict(),
        Some(Verdict::Revoked {
            reason: Some(CrlReason::KEY_COMPROMISE),
            ..
        })
    ));
    let other = OcspRequest::with_nonce(&revoked, &inter, Some([7; 32])).expect("a request");
    assert!(matches!(
        basic.check(&revoked, &inter, basic.produced_at, Some(&other), &options),
        Err(RevocationError::NonceMismatch)
    ));
    assert!(matches!(
        basic.check(&good, &inter, basic.produced_at, None, &options),
        Err(RevocationError::NoMatchingResponse)
    ));
    // For certificates another CA issued, the responder is not
    // authorised.
    assert!(matches!(
        basic.verify_signer(&good, good.fields(), options.clock_skew),
        Err(RevocationError::UnauthorizedResponder(
            UnauthorizedResponder::OtherIssuer(_)
        ))
    ));
}

#[test]
fn the_issuers_own_answer_by_key_checks_out() {
    let (inter, good) = (certificate(INTER), certificate(GOOD));
    let response = OcspResponse::from_der(OPENSSL_RESPONSE_BY_KEY).expect("reads");
    let basic = response.basic.expect("basic");
    assert!(matches!(basic.responder_id, ResponderId::ByKey(_)));
    assert!(basic.certs.is_empty());
    let options = CheckOptions {
        clock_skew: std::time::Duration::from_secs(300),
        allow_stale: false,
    };
    let request = OcspRequest::with_nonce(&good, &inter, Some([7; 32])).expect("a request");
    let checked = basic
        .check(&good, &inter, basic.produced_at, Some(&request), &options)
        .expect("checks out");
    assert_eq!(checked.answer.signer, "the issuing CA");
    assert_eq!(checked.answer.verdict(), Some(Verdict::Good));
    assert_eq!(
        checked.notes.len(),
        1,
        "no nonce echoed: {:?}",
        checked.notes
    );
    let mut tampered = OPENSSL_RESPONSE_BY_KEY.to_vec();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    let basic = OcspResponse::from_der(&tampered)
        .expect("still well formed")
        .basic
        .expect("basic");
    assert!(matches!(
        basic.check(&good, &inter, basic.produced_at, None, &options),
        Err(RevocationError::BadSignature(_))
    ));
}

proptest::proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
        let _ = OcspResponse::from_der(&bytes);
    }

    #[test]
    fn mutated_responses_never_panic(pos in 0usize..400, byte in proptest::num::u8::ANY) {
        let mut der = response();
        if let Some(b) = der.get_mut(pos) {
            *b = byte;
        }
        let _ = OcspResponse::from_der(&der);
    }

    #[test]
    fn mutated_openssl_responses_never_panic(pos in 0usize..968, byte in proptest::num::u8::ANY) {
        let mut der = OPENSSL_RESPONSE.to_vec();
        if let Some(b) = der.get_mut(pos) {
            *b = byte;
        }
        if let Ok(OcspResponse { basic: Some(basic), .. }) = OcspResponse::from_der(&der) {
            let _ = basic.responses().count();
        }
    }
}
