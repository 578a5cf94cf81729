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
use const_oid::db::rfc5912::{ID_MGF_1, ID_P_SPECIFIED, ID_RSAES_OAEP, ID_SHA_1, ID_SHA_256};
use const_oid::db::rfc5912::{ID_SHA_384, ID_SHA_512};
use der::asn1::{AnyRef, OctetStringRef};
use der::{Decode, Encode, Tag, Tagged};
use spki::AlgorithmIdentifierRef;
use zeroize::Zeroizing;

use super::envelope::key_trans_recipient;
use super::{EnvelopeFault, EnvelopedError, encoding, failed, random, unsupported};
use crate::Certificate;
use crate::cms::asn1::RsaesOaepParams;
use crate::oid::ids;
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
        .map_err(|_| unsupported("RSA-OAEP encryption with this key".into()))?;
    recipient_info(cert, encrypted).map_err(encoding)
}

fn recipient_info(cert: &Certificate, encrypted_key: &[u8]) -> der::Result<Vec<u8>> {
    let sha256 = AlgorithmIdentifierRef {
        oid: ID_SHA_256,
        parameters: None,
    };
    let sha256_der = sha256.to_der()?;
    let params = RsaesOaepParams {
        hash_algorithm: Some(sha256),
        mask_gen_algorithm: Some(AlgorithmIdentifierRef {
            oid: ID_MGF_1,
            parameters: Some(AnyRef::from_der(&sha256_der)?),
        }),
        p_source_algorithm: None,
    }
    .to_der()?;
    let algorithm = AlgorithmIdentifierRef {
        oid: ID_RSAES_OAEP,
        parameters: Some(AnyRef::from_der(&params)?),
    };
    key_trans_recipient(cert, algorithm, encrypted_key)
}

/// The OAEP variant and label of `RSAES-OAEP-params`.
fn oaep_params(
    params: Option<AnyRef<'_>>,
) -> Result<(&'static OaepAlgorithm, Option<Vec<u8>>), EnvelopedError> {
    let malformed = || EnvelopedError::from(EnvelopeFault::Parameters("RSAES-OAEP"));
    let params: RsaesOaepParams<'_> = match params.filter(|p| p.tag() != Tag::Null) {
        Some(p) => p.decode_as().map_err(|_| malformed())?,
        None => RsaesOaepParams::default(),
    };
    let hash = params.hash_algorithm.map_or(ID_SHA_1, |h| h.oid);
    let mgf_hash = match params.mask_gen_algorithm {
        None => ID_SHA_1,
        Some(mgf) if mgf.oid == ID_MGF_1 => match mgf.parameters {
            Some(p) => {
                p.decode_as::<AlgorithmIdentifierRef<'_>>()
                    .map_err(|_| malformed())?
                    .oid
            }
            None => ID_SHA_1,
        },
        Some(_) => return Err(malformed()),
    };
    let label = match params.p_source_algorithm {
        None => None,
        Some(source) if source.oid == ID_P_SPECIFIED => match source.parameters {
            Some(p) => {
                let label: &OctetStringRef = p.decode_as().map_err(|_| malformed())?;
                (!label.is_empty()).then(|| label.as_bytes().to_vec())
            }
            None => None,
        },
        Some(_) => return Err(malformed()),
    };
    let algorithm = match (hash, mgf_hash) {
        (ID_SHA_1, ID_SHA_1) => &OAEP_SHA1_MGF1SHA1,
        (ID_SHA_256, ID_SHA_256) => &OAEP_SHA256_MGF1SHA256,
        (ID_SHA_384, ID_SHA_384) => &OAEP_SHA384_MGF1SHA384,
        (ID_SHA_512, ID_SHA_512) => &OAEP_SHA512_MGF1SHA512,
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
    alg: &AlgorithmIdentifierRef<'_>,
    encrypted_key: &[u8],
    key: &RsaPrivateKey,
    cek_len: usize,
) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
    let private = key.decrypting_key().clone();
    match alg.oid {
        ids::RSA_ENCRYPTION => {
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
        ID_RSAES_OAEP => {
            let (algorithm, label) = oaep_params(alg.parameters)?;
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
