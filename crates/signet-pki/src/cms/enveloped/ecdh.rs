//! EC key agreement ([RFC 5652] section 6.2.2 with [RFC 5753]): ephemeral-
//! static ECDH, the ANSI X9.63 KDF of SEC 1 section 3.6.1 over
//! `ECC-CMS-SharedInfo`, and a key wrap.
//!
//! ```text
//! ECC-CMS-SharedInfo ::= SEQUENCE {
//!   keyInfo         AlgorithmIdentifier,   -- the key wrap algorithm
//!   entityUInfo [0] EXPLICIT OCTET STRING OPTIONAL,  -- ukm
//!   suppPubInfo [2] EXPLICIT OCTET STRING }  -- KEK length in bits, 32-bit BE
//! KEK = Hash(Z ‖ 00000001 ‖ SharedInfo) ‖ Hash(Z ‖ 00000002 ‖ SharedInfo) ‖ …
//! ```
//!
//! signet writes `dhSinglePass-stdDH-sha256kdf-scheme` with `aes256-wrap`
//! ([RFC 3394]) and the `originatorKey` form with `id-ecPublicKey` and no
//! parameters (as OpenSSL does). It reads the stdDH and cofactorDH schemes
//! with SHA-1, SHA-224, SHA-256, SHA-384 and SHA-512 (the NIST curves have
//! cofactor 1, so both are the same computation), and the wraps
//! `aes128-wrap`, `aes256-wrap` and `id-alg-CMS3DESwrap` ([RFC 3217]
//! section 3), which `openssl cms -encrypt` uses with its default
//! DES-EDE3-CBC content together with the SHA-1 KDF.
//!
//! [RFC 5652]: https://datatracker.ietf.org/doc/html/rfc5652#section-6.2.2
//! [RFC 5753]: https://datatracker.ietf.org/doc/html/rfc5753#section-7.2
//! [RFC 3394]: https://datatracker.ietf.org/doc/html/rfc3394
//! [RFC 3217]: https://datatracker.ietf.org/doc/html/rfc3217#section-3

use aws_lc_rs::agreement::{self, UnparsedPublicKey};
use aws_lc_rs::digest;
use aws_lc_rs::key_wrap::{AES_128, AES_256, AesKek, KeyWrap};
use cipher::KeyInit;
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5753 as ecc;
use const_oid::db::rfc5911::{ID_AES_128_WRAP, ID_AES_256_WRAP, ID_ALG_CMS_3_DE_SWRAP};
use der::asn1::{AnyRef, BitStringRef, OctetStringRef};
use der::{Decode, Encode};
use spki::AlgorithmIdentifierRef;
use zeroize::Zeroizing;

use super::content::cbc_decrypt_in_place;
use super::envelope::key_agree_recipient;
use super::{EnvelopeFault, EnvelopedError, encoding, failed, unsupported};
use crate::Certificate;
use crate::cms::asn1::{
    EccCmsSharedInfo, KeyAgreeRecipientInfoRef, OriginatorIdentifierOrKeyRef,
    OriginatorPublicKeyRef,
};
use crate::oid::ids;
use crate::private_key::{EcPrivateKey, ecdh_algorithm};

/// The X9.63 KDF (SEC 1 section 3.6.1): `len` bytes.
fn x963_kdf(
    hash: &'static digest::Algorithm,
    z: &[u8],
    shared_info: &[u8],
    len: usize,
) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(len + 64));
    let mut counter: u32 = 1;
    while out.len() < len {
        let mut ctx = digest::Context::new(hash);
        ctx.update(z);
        ctx.update(&counter.to_be_bytes());
        ctx.update(shared_info);
        out.extend_from_slice(ctx.finish().as_ref());
        counter = counter.wrapping_add(1);
    }
    out.truncate(len);
    out
}

/// `ECC-CMS-SharedInfo` (RFC 5753 section 7.2), DER.
fn shared_info(
    wrap_alg: AlgorithmIdentifierRef<'_>,
    ukm: Option<&[u8]>,
    kek_len: usize,
) -> der::Result<Vec<u8>> {
    let bits = u32::try_from(kek_len * 8).unwrap_or(0).to_be_bytes();
    EccCmsSharedInfo {
        key_info: wrap_alg,
        entity_u_info: ukm.map(OctetStringRef::new).transpose()?,
        supp_pub_info: OctetStringRef::new(&bits)?,
    }
    .to_der()
}

/// `aes256-wrap`, without parameters (RFC 3565 section 2.3.2).
const AES256_WRAP: AlgorithmIdentifierRef<'static> = AlgorithmIdentifierRef {
    oid: ID_AES_256_WRAP,
    parameters: None,
};

/// The KeyAgreeRecipientInfo for `cert` carrying `cek`.
pub(super) fn key_agree(
    cert: &Certificate,
    curve: &ObjectIdentifier,
    cek: &[u8],
) -> Result<Vec<u8>, EnvelopedError> {
    let alg = ecdh_algorithm(curve)
        .ok_or_else(|| unsupported(format!("ECDH on {}", crate::oid::name_of(curve))))?;
    let ephemeral = agreement::PrivateKey::generate(alg).map_err(|_| EnvelopedError::Random)?;
    let ephemeral_public = ephemeral
        .compute_public_key()
        .map_err(|_| EnvelopedError::Crypto("ECDH public key"))?;
    let peer = cert.fields().public_key.subject_public_key.clone();
    let info = shared_info(AES256_WRAP, None, 32).map_err(encoding)?;
    let kek = agreement::agree(
        &ephemeral,
        UnparsedPublicKey::new(alg, &peer),
        unsupported("ECDH with this certificate's public key".into()),
        |z| Ok(x963_kdf(&digest::SHA256, z, &info, 32)),
    )?;
    let kek = AesKek::new(&AES_256, &kek).map_err(|_| EnvelopedError::Crypto("AES key wrap"))?;
    let mut wrapped = vec![0u8; cek.len() + 8];
    let wrapped = kek
        .wrap(cek, &mut wrapped)
        .map_err(|_| EnvelopedError::Crypto("AES key wrap"))?;
    recipient_info(cert, ephemeral_public.as_ref(), wrapped).map_err(encoding)
}

/// `[1] KeyAgreeRecipientInfo` with the ephemeral key as originatorKey
/// (`id-ecPublicKey` without parameters, as OpenSSL writes it) and
/// `dhSinglePass-stdDH-sha256kdf-scheme` with `aes256-wrap`.
fn recipient_info(cert: &Certificate, ephemeral: &[u8], wrapped: &[u8]) -> der::Result<Vec<u8>> {
    let wrap_der = AES256_WRAP.to_der()?;
    let originator = OriginatorIdentifierOrKeyRef::OriginatorKey(OriginatorPublicKeyRef {
        algorithm: AlgorithmIdentifierRef {
            oid: ids::EC_PUBLIC_KEY,
            parameters: None,
        },
        public_key: BitStringRef::from_bytes(ephemeral)?,
    });
    let key_encryption = AlgorithmIdentifierRef {
        oid: ecc::DH_SINGLE_PASS_STD_DH_SHA_256_KDF_SCHEME,
        parameters: Some(AnyRef::from_der(&wrap_der)?),
    };
    key_agree_recipient(cert, originator, None, key_encryption, wrapped)
}

/// The key wraps read.
enum Wrap {
    Aes128,
    Aes256,
    Des3,
}

impl Wrap {
    fn kek_len(&self) -> usize {
        match self {
            Wrap::Aes128 => 16,
            Wrap::Aes256 => 32,
            Wrap::Des3 => 24,
        }
    }
}

/// The ephemeral public key of `originatorKey [1] OriginatorPublicKey`.
fn originator_point<'a>(
    originator: &OriginatorIdentifierOrKeyRef<'a>,
) -> Result<&'a [u8], EnvelopedError> {
    let OriginatorIdentifierOrKeyRef::OriginatorKey(key) = originator else {
        return Err(unsupported(
            "static-static ECDH (an originator named by certificate, not by key)".into(),
        ));
    };
    key.public_key
        .as_bytes()
        .filter(|_| key.algorithm.oid == ids::EC_PUBLIC_KEY)
        .ok_or_else(|| EnvelopeFault::Structure("originator's ephemeral EC key").into())
}

/// The content-encryption key of a KeyAgreeRecipientInfo for an EC key.
pub(super) fn decrypt_key(
    kari: &KeyAgreeRecipientInfoRef<'_>,
    encrypted_key: &[u8],
    key: &EcPrivateKey,
) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
    let alg = &kari.key_encryption_algorithm;
    let hash: &'static digest::Algorithm = match alg.oid {
        ecc::DH_SINGLE_PASS_STD_DH_SHA_1_KDF_SCHEME
        | ecc::DH_SINGLE_PASS_COFACTOR_DH_SHA_1_KDF_SCHEME => &digest::SHA1_FOR_LEGACY_USE_ONLY,
        ecc::DH_SINGLE_PASS_STD_DH_SHA_224_KDF_SCHEME
        | ecc::DH_SINGLE_PASS_COFACTOR_DH_SHA_224_KDF_SCHEME => &digest::SHA224,
        ecc::DH_SINGLE_PASS_STD_DH_SHA_256_KDF_SCHEME
        | ecc::DH_SINGLE_PASS_COFACTOR_DH_SHA_256_KDF_SCHEME => &digest::SHA256,
        ecc::DH_SINGLE_PASS_STD_DH_SHA_384_KDF_SCHEME
        | ecc::DH_SINGLE_PASS_COFACTOR_DH_SHA_384_KDF_SCHEME => &digest::SHA384,
        ecc::DH_SINGLE_PASS_STD_DH_SHA_512_KDF_SCHEME
        | ecc::DH_SINGLE_PASS_COFACTOR_DH_SHA_512_KDF_SCHEME => &digest::SHA512,
        other => {
            return Err(unsupported(format!(
                "EC key agreement with {}",
                crate::oid::name_of(&other)
            )));
        }
    };
    let wrap_alg: AlgorithmIdentifierRef<'_> = alg
        .parameters
        .and_then(|p| p.decode_as().ok())
        .ok_or(EnvelopeFault::NoKeyWrap)?;
    let wrap = match wrap_alg.oid {
        ID_AES_128_WRAP => Wrap::Aes128,
        ID_AES_256_WRAP => Wrap::Aes256,
        ID_ALG_CMS_3_DE_SWRAP => Wrap::Des3,
        other => {
            return Err(unsupported(format!(
                "key wrap {} in EC key agreement",
                crate::oid::name_of(&other)
            )));
        }
    };
    let point = originator_point(&kari.originator)?;
    let ukm = kari.ukm.map(|u| u.as_bytes());
    let info = shared_info(wrap_alg, ukm, wrap.kek_len()).map_err(encoding)?;
    let private = key.agreement_key()?;
    let algorithm = private.algorithm();
    let kek = agreement::agree(
        &private,
        UnparsedPublicKey::new(algorithm, point),
        EnvelopedError::from(EnvelopeFault::OriginatorKeyNotOnCurve),
        |z| Ok(x963_kdf(hash, z, &info, wrap.kek_len())),
    )?;
    match wrap {
        Wrap::Aes128 | Wrap::Aes256 => {
            let cipher = if matches!(wrap, Wrap::Aes128) {
                &AES_128
            } else {
                &AES_256
            };
            let kek = AesKek::new(cipher, &kek).map_err(|_| failed())?;
            let mut out = Zeroizing::new(vec![0u8; encrypted_key.len()]);
            let len = kek
                .unwrap(encrypted_key, out.as_mut_slice())
                .map(|p| p.len())
                .map_err(|_| failed())?;
            out.truncate(len);
            Ok(out)
        }
        Wrap::Des3 => des3_unwrap(&kek, encrypted_key),
    }
}

/// The fixed IV of the outer encryption of the RFC 3217 wrap.
const DES3_WRAP_IV: [u8; 8] = [0x4a, 0xdd, 0xa2, 0x2c, 0x79, 0xe8, 0x21, 0x05];

/// Triple-DES key unwrap ([RFC 3217 section 3.2]).
///
/// [RFC 3217 section 3.2]: https://datatracker.ietf.org/doc/html/rfc3217#section-3.2
fn des3_unwrap(kek: &[u8], wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
    // A 3DES key (24 bytes) with its ICV (8) and IV (8).
    if wrapped.len() != 40 {
        return Err(failed());
    }
    let cipher = des::TdesEde3::new_from_slice(kek).map_err(|_| failed())?;
    let mut temp = Zeroizing::new(wrapped.to_vec());
    cbc_decrypt_in_place(&cipher, &DES3_WRAP_IV, temp.as_mut_slice())?;
    temp.reverse();
    let (iv, wkcks) = temp.split_at_mut(8);
    let iv: [u8; 8] = (&*iv).try_into().map_err(|_| failed())?;
    cbc_decrypt_in_place(&cipher, &iv, wkcks)?;
    let (cek, icv) = wkcks.split_at(wkcks.len() - 8);
    let check = digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, cek);
    if aws_lc_rs::constant_time::verify_slices_are_equal(&check.as_ref()[..8], icv).is_err() {
        return Err(failed());
    }
    Ok(Zeroizing::new(cek.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SEC 1 / X9.63 KDF: the ANSI X9.63 test vector with SHA-1 from the
    /// NIST CAVS "ansx963_2001" set (count 0): Z = 1c7d7b5f…, no shared
    /// info, 128-bit key.
    #[test]
    fn x963_kdf_cavs_sha1() {
        let z = hex::decode("1c7d7b5f0597b03d06a018466ed1a93e30ed4b04dc64ccdd").unwrap();
        let key = x963_kdf(&digest::SHA1_FOR_LEGACY_USE_ONLY, &z, &[], 16);
        assert_eq!(hex::encode(&*key), "bf71dffd8f4d99223936beb46fee8ccc");
    }

    /// SHA-256 vector of the same CAVS set (count 0).
    #[test]
    fn x963_kdf_cavs_sha256() {
        let z = hex::decode("96c05619d56c328ab95fe84b18264b08725b85e33fd34f08").unwrap();
        let key = x963_kdf(&digest::SHA256, &z, &[], 16);
        assert_eq!(hex::encode(&*key), "443024c3dae66b95e6f5670601558f71");
    }

    #[test]
    fn shared_info_layout() {
        let info = shared_info(AES256_WRAP, Some(&[1, 2]), 32).expect("encodes");
        assert_eq!(
            hex::encode(info),
            "301b300b060960864801650304012da00404020102a206040400000100"
        );
    }
}
