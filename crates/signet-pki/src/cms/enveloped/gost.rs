//! GOST R 34.10-2001/2012 key transport in CMS.
//!
//! **With GOST 28147-89 content** ([RFC 4490] section 4.2; for 2012 keys
//! [RFC 9189] section 8.2.2 and R 1323565.1.024): the sender makes an
//! ephemeral key on the recipient's curve, agrees a KEK with VKO and an
//! 8-byte UKM — VKO GOST R 34.10-2001 ([RFC 4357] section 5.2) for 2001
//! keys, VKO_GOSTR3410_2012_256 ([RFC 7836] section 4.3.1) for 2012 keys of
//! both sizes — and wraps the 32-byte CEK with the CryptoPro key wrap
//! ([RFC 4357] section 6.3) under the S-box named in the transport
//! parameters. The KeyTransRecipientInfo's `keyEncryptionAlgorithm` is the
//! recipient key's own algorithm identifier and `encryptedKey` holds:
//!
//! ```text
//! GostR3410-KeyTransport ::= SEQUENCE {
//!   sessionEncryptedKey   Gost28147-89-EncryptedKey,
//!   transportParameters   [0] IMPLICIT GostR3410-TransportParameters OPTIONAL }
//! Gost28147-89-EncryptedKey ::= SEQUENCE {
//!   encryptedKey          OCTET STRING (SIZE (32)),
//!   maskKey               [0] IMPLICIT OCTET STRING OPTIONAL,
//!   macKey                OCTET STRING (SIZE (4)) }
//! GostR3410-TransportParameters ::= SEQUENCE {
//!   encryptionParamSet    OBJECT IDENTIFIER,
//!   ephemeralPublicKey    [0] IMPLICIT SubjectPublicKeyInfo OPTIONAL,
//!   ukm                   OCTET STRING (SIZE (8)) }
//! ```
//!
//! **With Kuznyechik or Magma content** (as gost-engine 3.0 writes it for
//! `openssl cms -encrypt -kuznyechik-ctr-acpkm[-omac]` /
//! `-magma-ctr-acpkm[-omac]`; R 1323565.1.025-2019): `keyEncryptionAlgorithm`
//! is `id-gostr3412-2015-kuznyechik-wrap-kexp15` or `…-magma-wrap-kexp15`
//! with parameters `SEQUENCE { id-tc26-agreement-gost-3410-2012-256 | -512 }`
//! and `encryptedKey` holds
//!
//! ```text
//! PSKeyTransport ::= SEQUENCE {
//!   psexp                 OCTET STRING,          -- KExp15(CEK)
//!   ephemeralPublicKey    SubjectPublicKeyInfo,
//!   ukm                   OCTET STRING OPTIONAL } -- 32 bytes
//! ```
//!
//! The export keys come from KEG (R 1323565.1.020-2018 section 6.4.5.1, as
//! gost-engine's `gost_keg`): the VKO UKM is `ukm[0..16]` read as a
//! big-endian number (1·2¹²⁰ when it is zero); for 256-bit keys `K_mac ‖
//! K_enc = KDF_TREE_GOSTR3411_2012_256(VKO_GOSTR3410_2012_256, "kdf tree",
//! ukm[16..24], 1)`, for 512-bit keys `VKO_GOSTR3410_2012_512` itself. Then
//! `psexp = KExp15(CEK, K_mac, K_enc, ukm[24..24 + n/2])` ([RFC 9189]
//! section 8.2.1).
//!
//! [RFC 4490]: https://datatracker.ietf.org/doc/html/rfc4490#section-4.2
//! [RFC 9189]: https://datatracker.ietf.org/doc/html/rfc9189#section-8.2
//! [RFC 4357]: https://datatracker.ietf.org/doc/html/rfc4357#section-5.2
//! [RFC 7836]: https://datatracker.ietf.org/doc/html/rfc7836#section-4.3.1

use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, BitStringRef, OctetStringRef};
use der::referenced::OwnedToRef;
use der::{Decode, Encode};
use signet_crypto::gost2015::{Gost2015Cipher, Kuznyechik, Magma, kexp15, kimp15};
use signet_crypto::gost3410::{
    Curve, PublicKey, SigningKey, kdf_tree_gostr3411_2012_256, vko_gostr3410_2001,
    vko_gostr3410_2012_256, vko_gostr3410_2012_512,
};
use signet_crypto::gost28147::{
    ParamSet, WrappedKey, unwrap_cryptopro, unwrap_gost, wrap_cryptopro,
};
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use zeroize::Zeroizing;

use super::envelope::key_trans_recipient;
use super::{ContentCipher, EnvelopeFault, EnvelopedError, encoding, failed, random, unsupported};
use crate::cms::asn1::{
    Gost28147EncryptedKey, Gost28147KeyWrapParameters, GostR3410KeyTransport,
    GostR3410TransportParameters, KeyAgreeRecipientInfoRef, OriginatorIdentifierOrKeyRef,
    PsKeyTransport,
};
use crate::oid::ids;
use crate::private_key::GostPrivateKey;
use crate::{Certificate, GostKeyType};

fn malformed(what: &'static str) -> EnvelopedError {
    EnvelopeFault::Structure(what).into()
}

/// A value that must have `N` bytes.
fn sized<'a, const N: usize>(
    what: &'static str,
    value: &'a [u8],
) -> Result<&'a [u8; N], EnvelopedError> {
    value.try_into().map_err(|_| {
        EnvelopeFault::Size {
            what,
            expected: N,
            actual: value.len(),
        }
        .into()
    })
}

/// VKO for CryptoPro key transport: GOST R 34.11-94 for 2001 keys,
/// Streebog-256 for 2012 keys of both sizes (gost-engine
/// `pkey_GOST_ECcp_encrypt`).
fn vko_28147(
    key_type: GostKeyType,
    private: &SigningKey,
    peer: &PublicKey,
    ukm: &[u8; 8],
) -> Result<Zeroizing<[u8; 32]>, EnvelopedError> {
    match key_type {
        GostKeyType::R3410_2001 => vko_gostr3410_2001(private, peer, ukm),
        _ => vko_gostr3410_2012_256(private, peer, ukm),
    }
    .map_err(|_| failed())
}

/// KEG of R 1323565.1.020-2018 (section 6.4.5.1): `K_mac ‖ K_enc`.
fn keg(
    key_type: GostKeyType,
    private: &SigningKey,
    peer: &PublicKey,
    ukm: &[u8],
) -> Result<Zeroizing<[u8; 64]>, EnvelopedError> {
    let (head, seed) = match (ukm.get(..16), ukm.get(16..24)) {
        (Some(h), Some(s)) => (h, s),
        _ => {
            return Err(EnvelopeFault::Size {
                what: "the KEG ukm",
                expected: 24,
                actual: ukm.len(),
            }
            .into());
        }
    };
    // VKO reads its UKM little-endian; KEG takes ukm[0..16] big-endian.
    let mut vko_ukm = [0u8; 16];
    if head.iter().all(|&b| b == 0) {
        vko_ukm[15] = 1;
    } else {
        for (d, s) in vko_ukm.iter_mut().zip(head.iter().rev()) {
            *d = *s;
        }
    }
    let mut out = Zeroizing::new([0u8; 64]);
    match key_type {
        GostKeyType::R3410_2012_512 => {
            let k = vko_gostr3410_2012_512(private, peer, &vko_ukm).map_err(|_| failed())?;
            out.copy_from_slice(k.as_slice());
        }
        GostKeyType::R3410_2012_256 => {
            let k = vko_gostr3410_2012_256(private, peer, &vko_ukm).map_err(|_| failed())?;
            kdf_tree_gostr3411_2012_256(k.as_slice(), b"kdf tree", seed, 1, out.as_mut_slice())
                .map_err(EnvelopeFault::Gost)?;
        }
        GostKeyType::R3410_2001 => {
            return Err(unsupported(
                "KExp15 key export with a GOST R 34.10-2001 key".into(),
            ));
        }
    }
    Ok(out)
}

/// The KeyTransRecipientInfo for a GOST certificate carrying the 32-byte
/// `cek`.
pub(super) fn key_trans(
    cert: &Certificate,
    key_type: GostKeyType,
    curve: Curve,
    cipher: ContentCipher,
    gost_set: ParamSet,
    cek: &[u8],
) -> Result<Vec<u8>, EnvelopedError> {
    let cek: &[u8; 32] = cek.try_into().map_err(|_| failed())?;
    let recipient = PublicKey::from_le_bytes(curve, cert.fields().public_key.key_value())
        .map_err(|e| unsupported(format!("this GOST public key ({e})")))?;
    // The ephemeral key's SubjectPublicKeyInfo: the recipient key's own
    // algorithm identifier, and the BIT STRING holding the OCTET STRING of
    // X ‖ Y (RFC 4491 section 2.3.2).
    let algorithm = cert
        .x509()
        .tbs_certificate()
        .subject_public_key_info()
        .algorithm
        .owned_to_ref();
    let ephemeral = SigningKey::generate(curve).map_err(|_| EnvelopedError::Random)?;
    let point = OctetStringRef::new(ephemeral.public_key().as_le_bytes())
        .and_then(|p| p.to_der())
        .map_err(encoding)?;
    let ephemeral_spki = SubjectPublicKeyInfoRef {
        algorithm,
        subject_public_key: BitStringRef::from_bytes(&point).map_err(encoding)?,
    };
    let (key_encryption, encrypted_key) = match cipher {
        ContentCipher::Gost28147Cfb => {
            let mut ukm = [0u8; 8];
            random(&mut ukm)?;
            let kek = vko_28147(key_type, &ephemeral, &recipient, &ukm)?;
            let wrapped = wrap_cryptopro(&kek, gost_set.sbox(), &ukm, cek);
            let set = gost_set
                .oid()
                .and_then(|o| ObjectIdentifier::new(o).ok())
                .ok_or_else(|| unsupported("a GOST 28147-89 S-box without an OID".into()))?;
            let transport = key_transport(&wrapped, set, ephemeral_spki, &ukm).map_err(encoding)?;
            (algorithm.to_der().map_err(encoding)?, transport)
        }
        _ => {
            let (wrap_oid, half) = match cipher {
                ContentCipher::KuznyechikCtrAcpkm | ContentCipher::KuznyechikCtrAcpkmOmac => {
                    (ids::KUZNYECHIK_KEXP15, Kuznyechik::BLOCK_SIZE / 2)
                }
                _ => (ids::MAGMA_KEXP15, Magma::BLOCK_SIZE / 2),
            };
            let agreement = match key_type {
                GostKeyType::R3410_2012_512 => ids::GOST_AGREEMENT_2012_512,
                _ => ids::GOST_AGREEMENT_2012_256,
            };
            let mut ukm = [0u8; 32];
            random(&mut ukm)?;
            let keys = keg(key_type, &ephemeral, &recipient, &ukm)?;
            let (k_mac, k_enc) = split_keys(&keys);
            let iv = &ukm[24..24 + half];
            let psexp = if wrap_oid == ids::KUZNYECHIK_KEXP15 {
                kexp15::<Kuznyechik>(cek, &k_mac, &k_enc, iv)
            } else {
                kexp15::<Magma>(cek, &k_mac, &k_enc, iv)
            }
            .map_err(EnvelopeFault::Gost2015)?;
            let transport = ps_key_transport(&psexp, ephemeral_spki, &ukm).map_err(encoding)?;
            let agreement = AlgorithmIdentifierRef {
                oid: agreement,
                parameters: None,
            }
            .to_der()
            .map_err(encoding)?;
            let key_encryption = AnyRef::from_der(&agreement)
                .and_then(|agreement| {
                    AlgorithmIdentifierRef {
                        oid: wrap_oid,
                        parameters: Some(agreement),
                    }
                    .to_der()
                })
                .map_err(encoding)?;
            (key_encryption, transport)
        }
    };
    AlgorithmIdentifierRef::from_der(&key_encryption)
        .and_then(|algorithm| key_trans_recipient(cert, algorithm, &encrypted_key))
        .map_err(encoding)
}

/// `GostR3410-KeyTransport` of a CryptoPro-wrapped key, DER.
fn key_transport(
    wrapped: &WrappedKey,
    encryption_param_set: ObjectIdentifier,
    ephemeral: SubjectPublicKeyInfoRef<'_>,
    ukm: &[u8; 8],
) -> der::Result<Vec<u8>> {
    GostR3410KeyTransport {
        session_encrypted_key: Gost28147EncryptedKey {
            encrypted_key: OctetStringRef::new(&wrapped.encrypted_key)?,
            mask_key: None,
            mac_key: OctetStringRef::new(&wrapped.mac)?,
        },
        transport_parameters: Some(GostR3410TransportParameters {
            encryption_param_set,
            ephemeral_public_key: Some(ephemeral),
            ukm: OctetStringRef::new(ukm)?,
        }),
    }
    .to_der()
}

/// `PSKeyTransport` of a KExp15 export, DER.
fn ps_key_transport(
    psexp: &[u8],
    ephemeral: SubjectPublicKeyInfoRef<'_>,
    ukm: &[u8; 32],
) -> der::Result<Vec<u8>> {
    PsKeyTransport {
        psexp: OctetStringRef::new(psexp)?,
        ephemeral_public_key: ephemeral,
        ukm: Some(OctetStringRef::new(ukm)?),
    }
    .to_der()
}

fn split_keys(keys: &[u8; 64]) -> (Zeroizing<[u8; 32]>, Zeroizing<[u8; 32]>) {
    let mut k_mac = Zeroizing::new([0u8; 32]);
    let mut k_enc = Zeroizing::new([0u8; 32]);
    k_mac.copy_from_slice(&keys[..32]);
    k_enc.copy_from_slice(&keys[32..]);
    (k_mac, k_enc)
}

/// The ephemeral public key of an SPKI, on the recipient's curve.
fn ephemeral_key(
    spki: &SubjectPublicKeyInfoRef<'_>,
    curve: Curve,
) -> Result<PublicKey, EnvelopedError> {
    let value = spki
        .subject_public_key
        .as_bytes()
        .and_then(|bits| <&OctetStringRef>::from_der(bits).ok())
        .ok_or_else(|| malformed("ephemeral GOST public key"))?;
    PublicKey::from_le_bytes(curve, value.as_bytes()).map_err(|e| EnvelopeFault::Gost(e).into())
}

/// The content-encryption key of a GOST KeyTransRecipientInfo.
pub(super) fn decrypt_key(
    alg: &AlgorithmIdentifierRef<'_>,
    encrypted_key: &[u8],
    key: &GostPrivateKey,
) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
    let private = key.signing_key();
    let curve = private.curve();
    match alg.oid {
        ids::GOST_R3410_2001 | ids::GOST_R3410_2012_256 | ids::GOST_R3410_2012_512 => {
            let transport = GostR3410KeyTransport::from_der(encrypted_key)
                .map_err(|_| malformed("GostR3410-KeyTransport"))?;
            let session = transport.session_encrypted_key;
            if session.mask_key.is_some() {
                return Err(unsupported("GOST key transport with a maskKey".into()));
            }
            let params = transport.transport_parameters.ok_or_else(|| {
                unsupported(
                    "GOST key transport without transport parameters (static key agreement)".into(),
                )
            })?;
            let ephemeral = params.ephemeral_public_key.ok_or_else(|| {
                unsupported(
                    "GOST key transport without an ephemeral key (the sender's certificate key)"
                        .into(),
                )
            })?;
            let peer = ephemeral_key(&ephemeral, curve)?;
            let set = params.encryption_param_set;
            let param_set = ParamSet::from_oid(&set.to_string()).ok_or_else(|| {
                unsupported(format!(
                    "GOST 28147-89 parameter set {}",
                    crate::oid::name_of(&set)
                ))
            })?;
            let ukm = sized::<8>("the UKM", params.ukm.as_bytes())?;
            let wrapped = wrapped_key(ukm, &session)?;
            let kek = vko_28147(key.key_type(), private, &peer, ukm)?;
            let cek = unwrap_cryptopro(&kek, param_set.sbox(), &wrapped).map_err(|_| failed())?;
            Ok(Zeroizing::new(cek.to_vec()))
        }
        ids::KUZNYECHIK_KEXP15 | ids::MAGMA_KEXP15 => {
            let transport =
                PsKeyTransport::from_der(encrypted_key).map_err(|_| malformed("PSKeyTransport"))?;
            let ukm = transport
                .ukm
                .map(|u| u.as_bytes())
                .filter(|u| u.len() == 32)
                .ok_or_else(|| unsupported("PSKeyTransport without a 32-byte ukm".into()))?;
            let peer = ephemeral_key(&transport.ephemeral_public_key, curve)?;
            let keys = keg(key.key_type(), private, &peer, ukm)?;
            let (k_mac, k_enc) = split_keys(&keys);
            let psexp = transport.psexp.as_bytes();
            let cek = if alg.oid == ids::KUZNYECHIK_KEXP15 {
                kimp15::<Kuznyechik>(psexp, &k_mac, &k_enc, &ukm[24..24 + 8])
            } else {
                kimp15::<Magma>(psexp, &k_mac, &k_enc, &ukm[24..24 + 4])
            }
            .map_err(|_| failed())?;
            Ok(cek)
        }
        other => Err(unsupported(format!(
            "GOST key transport with {}",
            crate::oid::name_of(&other)
        ))),
    }
}

/// The key and MAC of a `Gost28147-89-EncryptedKey` under `ukm`.
fn wrapped_key(
    ukm: &[u8; 8],
    encrypted: &Gost28147EncryptedKey<'_>,
) -> Result<WrappedKey, EnvelopedError> {
    Ok(WrappedKey {
        ukm: *ukm,
        encrypted_key: *sized::<32>("the encrypted key", encrypted.encrypted_key.as_bytes())?,
        mac: *sized::<4>("the key MAC", encrypted.mac_key.as_bytes())?,
    })
}

/// The content-encryption key of a GOST KeyAgreeRecipientInfo (TC26's
/// CMS profile, TK26CMS section 5.2; RFC 4490 section 4.3 for 2001 keys):
/// an ephemeral `originatorKey`, an 8-byte `ukm`, the KEK from VKO (as for
/// key transport) and the GOST 28147-89 (`id-Gost28147-89-None-KeyWrap`)
/// or CryptoPro (`id-Gost28147-89-CryptoPro-KeyWrap`) key wrap named in
/// the parameters:
///
/// ```text
/// keyEncryptionAlgorithm ::= SEQUENCE { key agreement OID,
///   SEQUENCE { key wrap OID, Gost28147-89-KeyWrapParameters } }
/// encryptedKey ::= Gost28147-89-EncryptedKey
/// ```
pub(super) fn decrypt_agree(
    kari: &KeyAgreeRecipientInfoRef<'_>,
    encrypted_key: &[u8],
    key: &GostPrivateKey,
) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
    let alg = &kari.key_encryption_algorithm;
    if !matches!(
        alg.oid,
        ids::GOST_R3410_2001
            | ids::GOST_R3410_2012_256
            | ids::GOST_R3410_2012_512
            | ids::GOST_AGREEMENT_2012_256
            | ids::GOST_AGREEMENT_2012_512
            | ids::GOST_R3410_2001_DH
    ) {
        return Err(unsupported(format!(
            "GOST key agreement with {}",
            crate::oid::name_of(&alg.oid)
        )));
    }
    let wrap: AlgorithmIdentifierRef<'_> = alg
        .parameters
        .and_then(|p| p.decode_as().ok())
        .ok_or_else(|| malformed("GOST key wrap algorithm"))?;
    let cryptopro = match wrap.oid {
        ids::GOST_NONE_KEY_WRAP => false,
        ids::GOST_CRYPTOPRO_KEY_WRAP => true,
        other => {
            return Err(unsupported(format!(
                "GOST key wrap {}",
                crate::oid::name_of(&other)
            )));
        }
    };
    let set = wrap
        .parameters
        .and_then(|p| p.decode_as::<Gost28147KeyWrapParameters<'_>>().ok())
        .ok_or_else(|| malformed("Gost28147-89-KeyWrapParameters"))?
        .encryption_param_set;
    let param_set = ParamSet::from_oid(&set.to_string()).ok_or_else(|| {
        unsupported(format!(
            "GOST 28147-89 parameter set {}",
            crate::oid::name_of(&set)
        ))
    })?;
    let ukm = kari.ukm.map(|u| u.as_bytes()).unwrap_or_default();
    let ukm = sized::<8>("the GOST key agreement UKM", ukm)?;
    let OriginatorIdentifierOrKeyRef::OriginatorKey(originator) = &kari.originator else {
        return Err(unsupported(
            "GOST key agreement with a static originator key".into(),
        ));
    };
    let private = key.signing_key();
    let spki = SubjectPublicKeyInfoRef {
        algorithm: originator.algorithm,
        subject_public_key: originator.public_key,
    };
    let peer = ephemeral_key(&spki, private.curve())?;
    let encrypted = Gost28147EncryptedKey::from_der(encrypted_key)
        .map_err(|_| malformed("Gost28147-89-EncryptedKey"))?;
    if encrypted.mask_key.is_some() {
        return Err(unsupported("GOST key agreement with a maskKey".into()));
    }
    let wrapped = wrapped_key(ukm, &encrypted)?;
    let kek = vko_28147(key.key_type(), private, &peer, ukm)?;
    let cek = if cryptopro {
        unwrap_cryptopro(&kek, param_set.sbox(), &wrapped)
    } else {
        unwrap_gost(&kek, param_set.sbox(), &wrapped)
    }
    .map_err(|_| failed())?;
    Ok(Zeroizing::new(cek.to_vec()))
}
