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
use der::asn1::AnyRef;
use der::{Decode, Reader, SliceReader, Tag, Tagged};
use signet_crypto::gost2015::{Gost2015Cipher, Kuznyechik, Magma, kexp15, kimp15};
use signet_crypto::gost3410::{
    Curve, PublicKey, SigningKey, kdf_tree_gostr3411_2012_256, vko_gostr3410_2001,
    vko_gostr3410_2012_256, vko_gostr3410_2012_512,
};
use signet_crypto::gost28147::{
    ParamSet, WrappedKey, unwrap_cryptopro, unwrap_gost, wrap_cryptopro,
};
use zeroize::Zeroizing;

use super::asn1::{
    Alg, bit_string, cons, context, issuer_and_serial_of, octets, oid, read_spki, seq, small_int,
    spki_algorithm_der,
};
use super::{ContentCipher, EnvelopedError, failed, oids, random, unsupported};
use crate::private_key::GostPrivateKey;
use crate::{Certificate, GostKeyType};

fn crypto_err(e: impl std::fmt::Display) -> EnvelopedError {
    EnvelopedError::Malformed(format!("GOST key transport: {e}"))
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
            return Err(EnvelopedError::Malformed(
                "the KEG ukm is shorter than 24 bytes".into(),
            ));
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
                .map_err(crypto_err)?;
        }
        GostKeyType::R3410_2001 => {
            return Err(unsupported(
                "KExp15 key export with a GOST R 34.10-2001 key".into(),
            ));
        }
    }
    Ok(out)
}

/// The contents of a GOST SubjectPublicKeyInfo: the algorithm and the BIT
/// STRING holding the OCTET STRING of X ‖ Y (RFC 4491 section 2.3.2).
fn gost_spki_contents(alg_der: &[u8], public: &PublicKey) -> Vec<u8> {
    [alg_der, &bit_string(&octets(public.as_le_bytes()))].concat()
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
    let alg_der = spki_algorithm_der(cert)?;
    let ephemeral = SigningKey::generate(curve).map_err(|_| EnvelopedError::Random)?;
    let ephemeral_spki = gost_spki_contents(&alg_der, ephemeral.public_key());
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
            let transport = seq(&[
                &seq(&[&octets(&wrapped.encrypted_key), &octets(&wrapped.mac)]),
                &cons(
                    0xA0,
                    &[&oid(&set), &cons(0xA0, &[&ephemeral_spki]), &octets(&ukm)],
                ),
            ]);
            (alg_der.clone(), transport)
        }
        _ => {
            let (wrap_oid, half) = match cipher {
                ContentCipher::KuznyechikCtrAcpkm | ContentCipher::KuznyechikCtrAcpkmOmac => {
                    (oids::KUZNYECHIK_KEXP15, Kuznyechik::BLOCK_SIZE / 2)
                }
                _ => (oids::MAGMA_KEXP15, Magma::BLOCK_SIZE / 2),
            };
            let agreement = match key_type {
                GostKeyType::R3410_2012_512 => oids::AGREEMENT_2012_512,
                _ => oids::AGREEMENT_2012_256,
            };
            let mut ukm = [0u8; 32];
            random(&mut ukm)?;
            let keys = keg(key_type, &ephemeral, &recipient, &ukm)?;
            let (k_mac, k_enc) = split_keys(&keys);
            let iv = &ukm[24..24 + half];
            let psexp = if wrap_oid == oids::KUZNYECHIK_KEXP15 {
                kexp15::<Kuznyechik>(cek, &k_mac, &k_enc, iv)
            } else {
                kexp15::<Magma>(cek, &k_mac, &k_enc, iv)
            }
            .map_err(crypto_err)?;
            let transport = seq(&[&octets(&psexp), &seq(&[&ephemeral_spki]), &octets(&ukm)]);
            (
                seq(&[&oid(&wrap_oid), &seq(&[&oid(&agreement)])]),
                transport,
            )
        }
    };
    Ok(seq(&[
        &small_int(0),
        &issuer_and_serial_of(cert),
        &key_encryption,
        &octets(&encrypted_key),
    ]))
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
    spki_contents_or_seq: AnyRef<'_>,
    curve: Curve,
) -> Result<PublicKey, EnvelopedError> {
    let (_, bits) = read_spki(spki_contents_or_seq)
        .map_err(|_| EnvelopedError::Malformed("the ephemeral GOST key is malformed".into()))?;
    let value = AnyRef::from_der(bits)
        .ok()
        .filter(|o| o.tag() == Tag::OctetString)
        .ok_or_else(|| EnvelopedError::Malformed("the ephemeral GOST key is malformed".into()))?;
    PublicKey::from_le_bytes(curve, value.value()).map_err(|e| {
        EnvelopedError::Malformed(format!("the ephemeral GOST key is not usable ({e})"))
    })
}

/// The content-encryption key of a GOST KeyTransRecipientInfo.
pub(super) fn decrypt_key(
    alg: &Alg<'_>,
    encrypted_key: &[u8],
    key: &GostPrivateKey,
) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
    let private = key.signing_key();
    let curve = private.curve();
    let malformed = |what: &str| EnvelopedError::Malformed(format!("malformed {what}"));
    match alg.oid {
        oids::GOST_R3410_2001 | oids::GOST_R3410_2012_256 | oids::GOST_R3410_2012_512 => {
            let transport =
                AnyRef::from_der(encrypted_key).map_err(|_| malformed("GostR3410-KeyTransport"))?;
            let read = || -> der::Result<_> {
                transport.sequence(|r| {
                    let ek: AnyRef<'_> = r.decode()?;
                    let (encrypted, mask, mac) = ek.sequence(|er| {
                        let enc: AnyRef<'_> = er.decode()?;
                        enc.tag().assert_eq(Tag::OctetString)?;
                        let mut next: AnyRef<'_> = er.decode()?;
                        let mut mask = false;
                        if next.tag() == context(0, false) {
                            mask = true;
                            next = er.decode()?;
                        }
                        next.tag().assert_eq(Tag::OctetString)?;
                        Ok::<_, der::Error>((enc.value(), mask, next.value()))
                    })?;
                    let params: Option<AnyRef<'_>> = r.decode()?;
                    Ok((encrypted, mask, mac, params))
                })
            };
            let (encrypted, mask, mac, params) =
                read().map_err(|_| malformed("GostR3410-KeyTransport"))?;
            if mask {
                return Err(unsupported("GOST key transport with a maskKey".into()));
            }
            let params = params
                .filter(|p| p.tag() == context(0, true))
                .ok_or_else(|| {
                    unsupported(
                        "GOST key transport without transport parameters (static key agreement)"
                            .into(),
                    )
                })?;
            let read = || -> der::Result<_> {
                let mut r = SliceReader::new(params.value())?;
                let set: ObjectIdentifier = r.decode()?;
                let mut next: AnyRef<'_> = r.decode()?;
                let mut ephemeral = None;
                if next.tag() == context(0, true) {
                    ephemeral = Some(next);
                    next = r.decode()?;
                }
                next.tag().assert_eq(Tag::OctetString)?;
                Ok((set, ephemeral, next.value()))
            };
            let (set, ephemeral, ukm) =
                read().map_err(|_| malformed("GostR3410-TransportParameters"))?;
            let ephemeral = ephemeral.ok_or_else(|| {
                unsupported(
                    "GOST key transport without an ephemeral key (the sender's certificate key)"
                        .into(),
                )
            })?;
            // [0] IMPLICIT SubjectPublicKeyInfo: read its contents as a SEQUENCE.
            let seq_der = seq(&[ephemeral.value()]);
            let ephemeral =
                AnyRef::from_der(&seq_der).map_err(|_| malformed("ephemeral GOST public key"))?;
            let peer = ephemeral_key(ephemeral, curve)?;
            let param_set = ParamSet::from_oid(&set.to_string()).ok_or_else(|| {
                unsupported(format!(
                    "GOST 28147-89 parameter set {}",
                    crate::oid::name_of(&set)
                ))
            })?;
            let ukm: &[u8; 8] = ukm.try_into().map_err(|_| malformed("8-byte UKM"))?;
            let wrapped = WrappedKey {
                ukm: *ukm,
                encrypted_key: encrypted
                    .try_into()
                    .map_err(|_| malformed("32-byte encrypted key"))?,
                mac: mac.try_into().map_err(|_| malformed("4-byte key MAC"))?,
            };
            let kek = vko_28147(key.key_type(), private, &peer, ukm)?;
            let cek = unwrap_cryptopro(&kek, param_set.sbox(), &wrapped).map_err(|_| failed())?;
            Ok(Zeroizing::new(cek.to_vec()))
        }
        oids::KUZNYECHIK_KEXP15 | oids::MAGMA_KEXP15 => {
            let transport =
                AnyRef::from_der(encrypted_key).map_err(|_| malformed("PSKeyTransport"))?;
            let read = || -> der::Result<_> {
                transport.sequence(|r| {
                    let psexp: AnyRef<'_> = r.decode()?;
                    psexp.tag().assert_eq(Tag::OctetString)?;
                    let spki: AnyRef<'_> = r.decode()?;
                    let ukm: Option<AnyRef<'_>> = r.decode()?;
                    Ok((psexp.value(), spki, ukm))
                })
            };
            let (psexp, spki, ukm) = read().map_err(|_| malformed("PSKeyTransport"))?;
            let ukm = ukm
                .filter(|u| u.tag() == Tag::OctetString && u.value().len() == 32)
                .ok_or_else(|| unsupported("PSKeyTransport without a 32-byte ukm".into()))?
                .value();
            let peer = ephemeral_key(spki, curve)?;
            let keys = keg(key.key_type(), private, &peer, ukm)?;
            let (k_mac, k_enc) = split_keys(&keys);
            let cek = if alg.oid == oids::KUZNYECHIK_KEXP15 {
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
/// Gost28147-89-KeyWrapParameters ::= SEQUENCE {
///   encryptionParamSet OBJECT IDENTIFIER, ukm OCTET STRING OPTIONAL }
/// encryptedKey ::= Gost28147-89-EncryptedKey
/// ```
pub(super) fn decrypt_agree(
    originator: AnyRef<'_>,
    ukm: Option<&[u8]>,
    alg: &Alg<'_>,
    encrypted_key: &[u8],
    key: &GostPrivateKey,
) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
    let malformed = |what: &str| EnvelopedError::Malformed(format!("malformed {what}"));
    if !matches!(
        alg.oid,
        oids::GOST_R3410_2001
            | oids::GOST_R3410_2012_256
            | oids::GOST_R3410_2012_512
            | oids::AGREEMENT_2012_256
            | oids::AGREEMENT_2012_512
            | oids::GOST_R3410_2001_DH
    ) {
        return Err(unsupported(format!(
            "GOST key agreement with {}",
            crate::oid::name_of(&alg.oid)
        )));
    }
    let wrap = alg
        .params
        .and_then(|p| Alg::read(p).ok())
        .ok_or_else(|| malformed("GOST key wrap algorithm"))?;
    let cryptopro = match wrap.oid {
        oids::GOST_NONE_KEY_WRAP => false,
        oids::GOST_CRYPTOPRO_KEY_WRAP => true,
        other => {
            return Err(unsupported(format!(
                "GOST key wrap {}",
                crate::oid::name_of(&other)
            )));
        }
    };
    let set: ObjectIdentifier = wrap
        .params
        .and_then(|p| {
            p.sequence(|r| {
                let set: ObjectIdentifier = r.decode()?;
                while !r.is_finished() {
                    let _: AnyRef<'_> = r.decode()?;
                }
                Ok::<_, der::Error>(set)
            })
            .ok()
        })
        .ok_or_else(|| malformed("Gost28147-89-KeyWrapParameters"))?;
    let param_set = ParamSet::from_oid(&set.to_string()).ok_or_else(|| {
        unsupported(format!(
            "GOST 28147-89 parameter set {}",
            crate::oid::name_of(&set)
        ))
    })?;
    let ukm: &[u8; 8] = ukm
        .and_then(|u| u.try_into().ok())
        .ok_or_else(|| malformed("GOST key agreement UKM (8 bytes)"))?;
    if originator.tag() != context(1, true) {
        return Err(unsupported(
            "GOST key agreement with a static originator key".into(),
        ));
    }
    let spki_der = seq(&[originator.value()]);
    let spki = AnyRef::from_der(&spki_der).map_err(|_| malformed("originator key"))?;
    let private = key.signing_key();
    let peer = ephemeral_key(spki, private.curve())?;
    let transport = AnyRef::from_der(encrypted_key).map_err(|_| malformed("encrypted key"))?;
    let (encrypted, mac) = transport
        .sequence(|r| {
            let enc: AnyRef<'_> = r.decode()?;
            enc.tag().assert_eq(Tag::OctetString)?;
            let mac: AnyRef<'_> = r.decode()?;
            mac.tag().assert_eq(Tag::OctetString)?;
            Ok::<_, der::Error>((enc.value(), mac.value()))
        })
        .map_err(|_| malformed("Gost28147-89-EncryptedKey"))?;
    let wrapped = WrappedKey {
        ukm: *ukm,
        encrypted_key: encrypted
            .try_into()
            .map_err(|_| malformed("32-byte encrypted key"))?,
        mac: mac.try_into().map_err(|_| malformed("4-byte key MAC"))?,
    };
    let kek = vko_28147(key.key_type(), private, &peer, ukm)?;
    let cek = if cryptopro {
        unwrap_cryptopro(&kek, param_set.sbox(), &wrapped)
    } else {
        unwrap_gost(&kek, param_set.sbox(), &wrapped)
    }
    .map_err(|_| failed())?;
    Ok(Zeroizing::new(cek.to_vec()))
}
