//! RSA key transport ([RFC 5652] section 6.2.1): RSAES-OAEP ([RFC 8017]
//! section 7.1 with the parameters of [RFC 4055] section 4.1, in CMS by
//! [RFC 3560]) and RSAES-PKCS1-v1_5 ([RFC 8017] section 7.2, in CMS by
//! [RFC 3370] section 4.2.1).
//!
//! ```text
//! RSAES-OAEP-params ::= SEQUENCE {
//!   hashFunc    [0] AlgorithmIdentifier DEFAULT sha1Identifier,
//!   maskGenFunc [1] AlgorithmIdentifier DEFAULT mgf1SHA1Identifier,
//!   pSourceFunc [2] AlgorithmIdentifier DEFAULT pSpecifiedEmptyIdentifier }
//! ```
//!
//! signet writes OAEP with SHA-256 and MGF1-SHA-256, the digest
//! AlgorithmIdentifiers without parameters (as OpenSSL writes them; RFC
//! 4055 section 2.1 makes absent and NULL equivalent).
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-6.2.1
//! [RFC 8017]: https://datatracker.ietf.org/doc/html/rfc8017#section-7.1
//! [RFC 4055]: https://datatracker.ietf.org/doc/html/rfc4055#section-4.1
//! [RFC 3560]: https://datatracker.ietf.org/doc/html/rfc3560
//! [RFC 3370]: https://datatracker.ietf.org/doc/html/rfc3370#section-4.2.1

use aws_lc_rs::rsa::{
    OAEP_SHA1_MGF1SHA1, OAEP_SHA256_MGF1SHA256, OAEP_SHA384_MGF1SHA384, OAEP_SHA512_MGF1SHA512,
    OaepAlgorithm, OaepPrivateDecryptingKey, OaepPublicEncryptingKey, Pkcs1PrivateDecryptingKey,
    PublicEncryptingKey,
};
use der::asn1::AnyRef;
use der::{Decode, Encode, Reader, Tag, Tagged};
use zeroize::Zeroizing;

use super::asn1::{Alg, context, issuer_and_serial_of, octets, oid, seq, small_int};
use super::{EnvelopedError, failed, oids, random, unsupported};
use crate::Certificate;
use crate::private_key::RsaPrivateKey;

/// The KeyTransRecipientInfo for `cert` carrying `cek` under RSAES-OAEP
/// with SHA-256.
pub(super) fn key_trans(cert: &Certificate, cek: &[u8]) -> Result<Vec<u8>, EnvelopedError> {
    let spki = cert
        .x509()
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(|source| crate::PkiError::Der {
            what: "certificate public key",
            source,
        })?;
    let public = PublicEncryptingKey::from_der(&spki)
        .map_err(|e| unsupported(format!("this RSA public key ({e})")))?;
    let oaep = OaepPublicEncryptingKey::new(public)
        .map_err(|_| unsupported("this RSA public key for OAEP".into()))?;
    let mut out = vec![0u8; oaep.ciphertext_size()];
    let encrypted = oaep
        .encrypt(&OAEP_SHA256_MGF1SHA256, cek, &mut out, None)
        .map_err(|_| unsupported("RSA-OAEP encryption with this key".into()))?
        .to_vec();
    let sha256 = seq(&[&oid(&oids::SHA256)]);
    let params = seq(&[
        &super::asn1::cons(0xA0, &[&sha256]),
        &super::asn1::cons(0xA1, &[&seq(&[&oid(&oids::MGF1), &sha256])]),
    ]);
    let algorithm = seq(&[&oid(&oids::RSAES_OAEP), &params]);
    Ok(seq(&[
        &small_int(0),
        &issuer_and_serial_of(cert),
        &algorithm,
        &octets(&encrypted),
    ]))
}

/// The digest of an AlgorithmIdentifier inside `[n] EXPLICIT`.
fn digest_of(any: AnyRef<'_>) -> der::Result<const_oid::ObjectIdentifier> {
    Ok(Alg::read(AnyRef::from_der(any.value())?)?.oid)
}

/// The OAEP variant and label of `RSAES-OAEP-params`.
fn oaep_params(
    params: Option<AnyRef<'_>>,
) -> Result<(&'static OaepAlgorithm, Option<Vec<u8>>), EnvelopedError> {
    let mut hash = oids::SHA1;
    let mut mgf_hash = oids::SHA1;
    let mut label = None;
    if let Some(params) = params.filter(|p| p.tag() != Tag::Null) {
        params
            .sequence(|r| {
                while !r.is_finished() {
                    let field: AnyRef<'_> = r.decode()?;
                    if field.tag() == context(0, true) {
                        hash = digest_of(field)?;
                    } else if field.tag() == context(1, true) {
                        let mgf = Alg::read(AnyRef::from_der(field.value())?)?;
                        if mgf.oid != oids::MGF1 {
                            return Err(der::ErrorKind::Value { tag: Tag::Sequence }.into());
                        }
                        mgf_hash = match mgf.params {
                            Some(p) => Alg::read(p)?.oid,
                            None => oids::SHA1,
                        };
                    } else if field.tag() == context(2, true) {
                        let source = Alg::read(AnyRef::from_der(field.value())?)?;
                        if source.oid != oids::P_SPECIFIED {
                            return Err(der::ErrorKind::Value { tag: Tag::Sequence }.into());
                        }
                        if let Some(p) = source.params {
                            p.tag().assert_eq(Tag::OctetString)?;
                            if !p.value().is_empty() {
                                label = Some(p.value().to_vec());
                            }
                        }
                    } else {
                        return Err(field.tag().unexpected_error(None).into());
                    }
                }
                Ok::<_, der::Error>(())
            })
            .map_err(|_| {
                EnvelopedError::Malformed("the RSAES-OAEP parameters are malformed".into())
            })?;
    }
    let algorithm = match (hash, mgf_hash) {
        (oids::SHA1, oids::SHA1) => &OAEP_SHA1_MGF1SHA1,
        (oids::SHA256, oids::SHA256) => &OAEP_SHA256_MGF1SHA256,
        (oids::SHA384, oids::SHA384) => &OAEP_SHA384_MGF1SHA384,
        (oids::SHA512, oids::SHA512) => &OAEP_SHA512_MGF1SHA512,
        (h, m) => {
            return Err(unsupported(format!(
                "RSAES-OAEP with {} and MGF1 with {}",
                crate::oid::name_of(&h),
                crate::oid::name_of(&m)
            )));
        }
    };
    Ok((algorithm, label))
}

/// The content-encryption key of a KeyTransRecipientInfo for an RSA key.
pub(super) fn decrypt_key(
    alg: &Alg<'_>,
    encrypted_key: &[u8],
    key: &RsaPrivateKey,
    cek_len: usize,
) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
    let private = key.decrypting_key().clone();
    match alg.oid {
        oids::RSA_ENCRYPTION => {
            // RFC 3218 section 2.3.2: on a padding failure go on with a
            // random key, so that the failure shows only as a content that
            // does not decrypt.
            let mut fallback = Zeroizing::new(vec![0u8; cek_len]);
            random(fallback.as_mut_slice())?;
            let pkcs1 = Pkcs1PrivateDecryptingKey::new(private).map_err(|_| failed())?;
            let mut out = Zeroizing::new(vec![0u8; pkcs1.min_output_size()]);
            let len = pkcs1
                .decrypt(encrypted_key, out.as_mut_slice())
                .map(|p| p.len())
                .ok()
                .filter(|&len| len == cek_len);
            match len {
                Some(len) => {
                    out.truncate(len);
                    Ok(out)
                }
                None => Ok(fallback),
            }
        }
        oids::RSAES_OAEP => {
            let (algorithm, label) = oaep_params(alg.params)?;
            let oaep = OaepPrivateDecryptingKey::new(private).map_err(|_| failed())?;
            let mut out = Zeroizing::new(vec![0u8; oaep.min_output_size()]);
            let len = oaep
                .decrypt(
                    algorithm,
                    encrypted_key,
                    out.as_mut_slice(),
                    label.as_deref(),
                )
                .map(|p| p.len())
                .map_err(|_| failed())?;
            out.truncate(len);
            Ok(out)
        }
        other => Err(unsupported(format!(
            "RSA key transport with {}",
            crate::oid::name_of(&other)
        ))),
    }
}
