//! Protected parameters: request parameters sent encrypted, so that a
//! password does not travel in the clear through proxies and logs.
//!
//! The vendor documents the transport form as two JSON fields beside the
//! open parameters, `encryptedData` and `secretKey`, and leaves the
//! cryptography to its HSM products. signet defines it with standard
//! pieces a client has in any language:
//!
//! - `secretKey`: base64 of a CMS EnvelopedData (RFC 5652 section 6, DER
//!   or BER) addressed to the service's protection certificate (RSA, EC or
//!   GOST; `GET /api/v1/protectedParameters/certificate` gives it), whose
//!   content is a fresh 32-byte key — what `openssl cms -encrypt -binary
//!   -recip service.pem` makes;
//! - `encryptedData`: base64 of `nonce (12 bytes) ‖ ciphertext ‖ tag (16
//!   bytes)`, AES-256-GCM (NIST SP 800-38D) under that key, no associated
//!   data; the plaintext is a UTF-8 JSON object of parameters.
//!
//! Every parameter of the protected object replaces an open one of the same
//! name. A request with one of the two fields but not the other, or that
//! does not decrypt, is refused (400) without saying which step failed.
//! The protection key pair is configured with `--protected-cert` and
//! `--protected-key`; without them protected parameters are refused as not
//! supported.

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use serde_json::{Map, Value};
use signet_pki::PrivateKey;
use signet_pki::{Certificate, PkiError};
use zeroize::Zeroizing;

use super::error::TicketError;

/// The protected object may hold at most this many parameters.
const MAX_PARAMETERS: usize = 64;

/// The service's protection key pair.
pub struct Protection {
    /// Clients encrypt the secret key to this certificate.
    pub certificate: Certificate,
    /// Its private key.
    pub key: PrivateKey,
}

impl std::fmt::Debug for Protection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Protection")
            .field(
                "certificate",
                &self.certificate.fields().subject.to_string(),
            )
            .finish_non_exhaustive()
    }
}

/// Why the protection key pair cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ProtectionError {
    /// The certificate cannot be read.
    #[error("protection certificate: {0}")]
    Certificate(PkiError),
    /// The private key cannot be read.
    #[error("protection key: {0}")]
    Key(PkiError),
    /// The private key is not the one the certificate certifies.
    #[error("the protection key is not the certificate's")]
    KeyMismatch,
}

impl Protection {
    /// Reads the certificate and its private key (PEM or DER; the key
    /// unencrypted PKCS#8, PKCS#1 or SEC1).
    pub fn load(certificate: &[u8], key: &[u8]) -> Result<Self, ProtectionError> {
        let certificate = Certificate::parse(certificate).map_err(ProtectionError::Certificate)?;
        let key = PrivateKey::parse(key).map_err(ProtectionError::Key)?;
        if !key.matches(&certificate) {
            return Err(ProtectionError::KeyMismatch);
        }
        Ok(Protection { certificate, key })
    }

    /// The 32-byte key inside `secret_key` (base64 CMS EnvelopedData).
    fn unwrap_key(&self, secret_key: &str) -> Option<Zeroizing<Vec<u8>>> {
        let key =
            signet_pki::decrypt_enveloped(secret_key.as_bytes(), &self.certificate, &self.key)
                .ok()?;
        (key.len() == 32).then_some(key)
    }
}

fn refused() -> TicketError {
    TicketError::BadRequest("the protected parameters cannot be decrypted".into())
}

/// Decrypts `encryptedData` with the AES-256-GCM `key`.
fn open_sealed(key: &[u8], sealed_b64: &str) -> Option<Zeroizing<Vec<u8>>> {
    let sealed = signet_pki::decode_base64(sealed_b64.as_bytes()).ok()?;
    if sealed.len() < NONCE_LEN + AES_256_GCM.tag_len() {
        return None;
    }
    let (nonce, rest) = sealed.split_at(NONCE_LEN);
    let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
    let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).ok()?);
    let mut buffer = Zeroizing::new(rest.to_vec());
    let plain_len = key
        .open_in_place(nonce, Aad::empty(), buffer.as_mut_slice())
        .ok()?
        .len();
    buffer.truncate(plain_len);
    Some(buffer)
}

/// The request's parameters with the protected ones applied: `body` is
/// the JSON object as sent (`Value::Null` for no body).
pub fn merge(mut body: Value, protection: Option<&Protection>) -> Result<Value, TicketError> {
    let Value::Object(open) = &mut body else {
        if body.is_null() {
            return Ok(Value::Object(Map::new()));
        }
        return Err(TicketError::BadRequest(
            "the request body must be a JSON object".into(),
        ));
    };
    let encrypted = open.remove("encryptedData");
    let secret = open.remove("secretKey");
    let (encrypted, secret) = match (encrypted, secret) {
        (None, None) => return Ok(body),
        (Some(Value::String(e)), Some(Value::String(s))) => (e, s),
        _ => {
            return Err(TicketError::BadRequest(
                "protected parameters need both encryptedData and secretKey as strings".into(),
            ));
        }
    };
    let protection = protection.ok_or_else(|| {
        TicketError::BadRequest(
            "not supported: protected parameters are not configured on this service".into(),
        )
    })?;
    let key = protection.unwrap_key(&secret).ok_or_else(refused)?;
    let plain = open_sealed(&key, &encrypted).ok_or_else(refused)?;
    let Ok(Value::Object(protected)) = crate::json::from_slice::<Value>(&plain) else {
        return Err(refused());
    };
    if protected.len() > MAX_PARAMETERS {
        return Err(TicketError::BadRequest(format!(
            "the protected parameters hold more than {MAX_PARAMETERS} values"
        )));
    }
    open.extend(protected);
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn open_parameters_pass_through() {
        let body = json!({"keyStorePassword": "1"});
        assert_eq!(merge(body.clone(), None).unwrap(), body);
        assert_eq!(merge(Value::Null, None).unwrap(), json!({}));
        assert!(merge(json!([1]), None).is_err());
    }

    #[test]
    fn half_a_protected_pair_or_no_key_is_refused() {
        let half = json!({"encryptedData": "AAAA"});
        assert!(merge(half, None).is_err());
        let both = json!({"encryptedData": "AAAA", "secretKey": "AAAA"});
        let err = merge(both, None).unwrap_err();
        assert!(err.to_string().contains("not supported"), "{err}");
    }

    #[test]
    fn sealed_data_opens_only_with_its_key() {
        let key = [7u8; 32];
        let sealing = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &key).unwrap());
        let nonce = [1u8; NONCE_LEN];
        let mut data = br#"{"a":1}"#.to_vec();
        sealing
            .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut data)
            .unwrap();
        let mut sealed = nonce.to_vec();
        sealed.extend(&data);
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD.encode(&sealed);
        assert_eq!(open_sealed(&key, &b64).unwrap().as_slice(), br#"{"a":1}"#);
        assert!(open_sealed(&[8u8; 32], &b64).is_none());
        sealed[20] ^= 1;
        let b64 = base64::engine::general_purpose::STANDARD.encode(&sealed);
        assert!(open_sealed(&key, &b64).is_none());
    }

    proptest::proptest! {
        /// Arbitrary bodies, protected fields included, give parameters or
        /// a 400, never a panic.
        #[test]
        fn arbitrary_bodies_never_panic(
            body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256),
            encrypted in "[A-Za-z0-9+/=]{0,80}",
            secret in "[A-Za-z0-9+/=]{0,80}",
        ) {
            if let Ok(v) = serde_json::from_slice::<Value>(&body) {
                let _ = merge(v, None);
            }
            let _ = merge(json!({"encryptedData": encrypted, "secretKey": secret}), None);
        }
    }
}
