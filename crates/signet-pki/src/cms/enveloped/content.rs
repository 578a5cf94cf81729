//! Content encryption: the `contentEncryptionAlgorithm` of an
//! EncryptedContentInfo, its parameters, and the cipher.
//!
//! | algorithm | parameters | where defined |
//! |---|---|---|
//! | AES-128/192/256-CBC | IV OCTET STRING | [RFC 3565 section 4.1] |
//! | AES-128/192/256-GCM (AuthEnvelopedData) | `GCMParameters { aes-nonce, aes-ICVlen DEFAULT 12 }` | [RFC 5084 section 3.2] |
//! | DES-EDE3-CBC (decryption only) | IV OCTET STRING | [RFC 3370 section 5.1] |
//! | GOST 28147-89 CFB, CryptoPro key meshing | `Gost28147-89-Parameters { iv, encryptionParamSet }` | [RFC 4490 section 5.1], [RFC 4357 section 2.3.2] |
//! | DSTU GOST 28147:2009 CFB, no key meshing | `SEQUENCE { iv, dke }`, the S-box in packed form (an IV longer than 8 bytes is read by its first 8, as `gost89` does) | Ukrainian key containers (PBES2) and CMS, as the `gost89` npm package and UAPKI read them |
//! | Kuznyechik / Magma CTR-ACPKM(-OMAC) | `Gost3412-15-Encryption-Parameters { ukm }` | R 1323565.1.025-2019, as gost-engine 3.0 implements it |
//!
//! For the R 34.12-2015 modes, `ukm` is `IV ‖ seed` (half a block and 8
//! bytes); CTR-ACPKM changes its key every 256 KiB (Kuznyechik) or 8 KiB
//! (Magma); the `-omac` modes derive `K_enc ‖ K_mac =
//! KDF_TREE_GOSTR3411_2012_256(CEK, "kdf tree", seed, 1)` and carry the
//! encrypted OMAC of the plaintext in the unprotected attribute
//! `id-cms-mac-attr` ([`signet_crypto::gost2015::CtrAcpkmOmac`]).
//!
//! [RFC 3565 section 4.1]: https://datatracker.ietf.org/doc/html/rfc3565#section-4.1
//! [RFC 5084 section 3.2]: https://datatracker.ietf.org/doc/html/rfc5084#section-3.2
//! [RFC 3370 section 5.1]: https://datatracker.ietf.org/doc/html/rfc3370#section-5.1
//! [RFC 4490 section 5.1]: https://datatracker.ietf.org/doc/html/rfc4490#section-5.1
//! [RFC 4357 section 2.3.2]: https://datatracker.ietf.org/doc/html/rfc4357#section-2.3.2

use aws_lc_rs::aead::{Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::cipher::{
    DecryptionContext, PaddedBlockDecryptingKey, PaddedBlockEncryptingKey, UnboundCipherKey,
};
use cipher::{BlockCipherDecrypt, KeyInit};
use der::asn1::AnyRef;
use der::{Tag, Tagged};
use signet_crypto::gost2015::{Ctr, CtrAcpkmOmac, Gost2015Cipher, Kuznyechik, Magma};
use signet_crypto::gost3410::kdf_tree_gostr3411_2012_256;
use signet_crypto::gost28147::{self, KeyMeshing, ParamSet};
use zeroize::Zeroizing;

use super::asn1::{Alg, Attr, cons, octets, oid, seq, small_int};
use super::oids;
use super::{ContentCipher, EnvelopedError, failed, random, unsupported};

/// The R 34.12-2015 block cipher of a CTR-ACPKM content algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gost2015 {
    Kuznyechik,
    Magma,
}

impl Gost2015 {
    fn half_block(self) -> usize {
        match self {
            Gost2015::Kuznyechik => Kuznyechik::BLOCK_SIZE / 2,
            Gost2015::Magma => Magma::BLOCK_SIZE / 2,
        }
    }
}

/// A content-encryption algorithm with its parameters, read from the
/// EncryptedContentInfo.
#[derive(Debug)]
pub(super) enum ContentAlgorithm {
    AesCbc {
        key_len: usize,
        iv: [u8; 16],
    },
    AesGcm {
        key_len: usize,
        nonce: [u8; 12],
    },
    DesEde3Cbc {
        iv: [u8; 8],
    },
    Gost28147Cfb {
        iv: [u8; 8],
        param_set: ParamSet,
    },
    Gost28147CfbUa {
        iv: [u8; 8],
        sbox: gost28147::SBox,
    },
    CtrAcpkm {
        cipher: Gost2015,
        omac: bool,
        ukm: Vec<u8>,
    },
}

fn bad_params(what: &str) -> EnvelopedError {
    EnvelopedError::Malformed(format!("the {what} parameters are malformed"))
}

fn octet_param<const N: usize>(
    params: Option<AnyRef<'_>>,
    what: &str,
) -> Result<[u8; N], EnvelopedError> {
    params
        .filter(|p| p.tag() == Tag::OctetString)
        .and_then(|p| <[u8; N]>::try_from(p.value()).ok())
        .ok_or_else(|| bad_params(what))
}

impl ContentAlgorithm {
    pub fn read(alg: &Alg<'_>) -> Result<ContentAlgorithm, EnvelopedError> {
        Ok(match alg.oid {
            oids::AES128_CBC | oids::AES192_CBC | oids::AES256_CBC => ContentAlgorithm::AesCbc {
                key_len: match alg.oid {
                    oids::AES128_CBC => 16,
                    oids::AES192_CBC => 24,
                    _ => 32,
                },
                iv: octet_param(alg.params, "AES-CBC")?,
            },
            oids::AES128_GCM | oids::AES192_GCM | oids::AES256_GCM => {
                let (nonce, icv_len) = alg
                    .params
                    .and_then(|p| {
                        p.sequence(|r| {
                            let nonce: AnyRef<'_> = der::Reader::decode(r)?;
                            nonce.tag().assert_eq(Tag::OctetString)?;
                            let icv: Option<u8> = der::Reader::decode(r)?;
                            Ok::<_, der::Error>((nonce.value(), icv.unwrap_or(12)))
                        })
                        .ok()
                    })
                    .ok_or_else(|| bad_params("AES-GCM"))?;
                if icv_len != 16 {
                    return Err(unsupported(format!(
                        "AES-GCM with a {icv_len}-byte tag (16 bytes is supported)"
                    )));
                }
                ContentAlgorithm::AesGcm {
                    key_len: match alg.oid {
                        oids::AES128_GCM => 16,
                        oids::AES192_GCM => 24,
                        _ => 32,
                    },
                    nonce: <[u8; 12]>::try_from(nonce).map_err(|_| {
                        unsupported("AES-GCM nonces other than 12 bytes".to_string())
                    })?,
                }
            }
            oids::DES_EDE3_CBC => ContentAlgorithm::DesEde3Cbc {
                iv: octet_param(alg.params, "DES-EDE3-CBC")?,
            },
            oids::GOST28147_89 => {
                let (iv, set) = alg
                    .params
                    .and_then(|p| {
                        p.sequence(|r| {
                            let iv: AnyRef<'_> = der::Reader::decode(r)?;
                            iv.tag().assert_eq(Tag::OctetString)?;
                            let set: const_oid::ObjectIdentifier = der::Reader::decode(r)?;
                            Ok::<_, der::Error>((iv.value(), set))
                        })
                        .ok()
                    })
                    .ok_or_else(|| bad_params("GOST 28147-89"))?;
                let iv = <[u8; 8]>::try_from(iv).map_err(|_| bad_params("GOST 28147-89"))?;
                let param_set = ParamSet::from_oid(&set.to_string()).ok_or_else(|| {
                    unsupported(format!(
                        "GOST 28147-89 parameter set {}",
                        crate::oid::name_of(&set)
                    ))
                })?;
                ContentAlgorithm::Gost28147Cfb { iv, param_set }
            }
            oids::DSTU_GOST28147_CFB => {
                let (iv, dke) = alg
                    .params
                    .and_then(|p| {
                        p.sequence(|r| {
                            let iv: AnyRef<'_> = der::Reader::decode(r)?;
                            iv.tag().assert_eq(Tag::OctetString)?;
                            let dke: AnyRef<'_> = der::Reader::decode(r)?;
                            dke.tag().assert_eq(Tag::OctetString)?;
                            Ok::<_, der::Error>((iv.value(), dke.value()))
                        })
                        .ok()
                    })
                    .ok_or_else(|| bad_params("DSTU GOST 28147 CFB"))?;
                // gost89 and jkurwa use the first 8 bytes of a longer IV
                // (jkurwa's own test messages carry 32 bytes).
                ContentAlgorithm::Gost28147CfbUa {
                    iv: iv
                        .get(..8)
                        .and_then(|iv| <[u8; 8]>::try_from(iv).ok())
                        .ok_or_else(|| bad_params("DSTU GOST 28147 CFB"))?,
                    sbox: gost28147::SBox::from_dke_slice(dke)
                        .map_err(|_| bad_params("DSTU GOST 28147 CFB"))?,
                }
            }
            oids::KUZNYECHIK_CTR_ACPKM
            | oids::KUZNYECHIK_CTR_ACPKM_OMAC
            | oids::MAGMA_CTR_ACPKM
            | oids::MAGMA_CTR_ACPKM_OMAC => {
                let cipher = if matches!(
                    alg.oid,
                    oids::KUZNYECHIK_CTR_ACPKM | oids::KUZNYECHIK_CTR_ACPKM_OMAC
                ) {
                    Gost2015::Kuznyechik
                } else {
                    Gost2015::Magma
                };
                let omac = matches!(
                    alg.oid,
                    oids::KUZNYECHIK_CTR_ACPKM_OMAC | oids::MAGMA_CTR_ACPKM_OMAC
                );
                let ukm = alg
                    .params
                    .and_then(|p| {
                        p.sequence(|r| {
                            let ukm: AnyRef<'_> = der::Reader::decode(r)?;
                            ukm.tag().assert_eq(Tag::OctetString)?;
                            Ok::<_, der::Error>(ukm.value().to_vec())
                        })
                        .ok()
                    })
                    .ok_or_else(|| bad_params("CTR-ACPKM"))?;
                let needed = cipher.half_block() + if omac { 8 } else { 0 };
                if ukm.len() < needed {
                    return Err(bad_params("CTR-ACPKM"));
                }
                ContentAlgorithm::CtrAcpkm { cipher, omac, ukm }
            }
            other => {
                return Err(unsupported(format!(
                    "content encryption with {}",
                    crate::oid::name_of(&other)
                )));
            }
        })
    }

    /// The length of the content-encryption key.
    pub fn key_len(&self) -> usize {
        match self {
            ContentAlgorithm::AesCbc { key_len, .. } | ContentAlgorithm::AesGcm { key_len, .. } => {
                *key_len
            }
            ContentAlgorithm::DesEde3Cbc { .. } => 24,
            ContentAlgorithm::Gost28147Cfb { .. }
            | ContentAlgorithm::Gost28147CfbUa { .. }
            | ContentAlgorithm::CtrAcpkm { .. } => 32,
        }
    }

    /// Whether the algorithm only fits an AuthEnvelopedData.
    pub fn is_aead(&self) -> bool {
        matches!(self, ContentAlgorithm::AesGcm { .. })
    }

    /// Decrypts the content. `mac` and `aad` are AuthEnvelopedData's mac and
    /// authAttrs; `unprotected` the EnvelopedData's unprotectedAttrs.
    pub fn decrypt(
        &self,
        key: &[u8],
        ciphertext: Vec<u8>,
        mac: Option<&[u8]>,
        aad: Option<&[u8]>,
        unprotected: &[Attr<'_>],
    ) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
        if key.len() != self.key_len() {
            return Err(failed());
        }
        let mut data = Zeroizing::new(ciphertext);
        match self {
            ContentAlgorithm::AesCbc { key_len, iv } => {
                let key = UnboundCipherKey::new(aes_cbc(*key_len), key).map_err(|_| failed())?;
                let len = PaddedBlockDecryptingKey::cbc_pkcs7(key)
                    .and_then(|k| {
                        k.decrypt(data.as_mut_slice(), DecryptionContext::Iv128((*iv).into()))
                            .map(|p| p.len())
                    })
                    .map_err(|_| failed())?;
                data.truncate(len);
            }
            ContentAlgorithm::AesGcm { key_len, nonce } => {
                let tag = mac.ok_or_else(failed)?;
                let key = UnboundKey::new(aes_gcm(*key_len), key).map_err(|_| failed())?;
                data.extend_from_slice(tag);
                let len = LessSafeKey::new(key)
                    .open_in_place(
                        Nonce::assume_unique_for_key(*nonce),
                        Aad::from(aad.unwrap_or_default()),
                        data.as_mut_slice(),
                    )
                    .map(|p| p.len())
                    .map_err(|_| failed())?;
                data.truncate(len);
            }
            ContentAlgorithm::DesEde3Cbc { iv } => {
                let len = des_ede3_cbc_decrypt(key, iv, data.as_mut_slice())?;
                data.truncate(len);
            }
            ContentAlgorithm::Gost28147Cfb { iv, param_set } => {
                let key = key32(key)?;
                gost28147::decrypt_cfb(
                    &key,
                    param_set.sbox(),
                    iv,
                    KeyMeshing::CryptoPro,
                    data.as_mut_slice(),
                );
            }
            ContentAlgorithm::Gost28147CfbUa { iv, sbox } => {
                let key = key32(key)?;
                gost28147::decrypt_cfb(&key, sbox, iv, KeyMeshing::None, data.as_mut_slice());
            }
            ContentAlgorithm::CtrAcpkm { cipher, omac, ukm } => {
                let key = key32(key)?;
                let tag = if *omac {
                    Some(mac_attribute(unprotected)?)
                } else {
                    None
                };
                match cipher {
                    Gost2015::Kuznyechik => {
                        acpkm_decrypt::<Kuznyechik>(&key, ukm, tag, data.as_mut_slice())?
                    }
                    Gost2015::Magma => acpkm_decrypt::<Magma>(&key, ukm, tag, data.as_mut_slice())?,
                }
            }
        }
        Ok(data)
    }
}

/// A content-encryption AlgorithmIdentifier used outside CMS: the
/// `encryptionScheme` of PBES2 (RFC 8018 section 6.2) names its cipher the
/// same way. Authenticated modes (GCM, the `-omac` forms) are refused:
/// their tag lives in CMS structures.
#[derive(Debug)]
pub(crate) struct SymmetricCipher(ContentAlgorithm);

impl SymmetricCipher {
    /// Reads the AlgorithmIdentifier.
    pub fn read(any: AnyRef<'_>) -> Result<SymmetricCipher, EnvelopedError> {
        let alg = Alg::read(any).map_err(|_| bad_params("encryption scheme"))?;
        let inner = ContentAlgorithm::read(&alg)?;
        if inner.is_aead() || matches!(inner, ContentAlgorithm::CtrAcpkm { omac: true, .. }) {
            return Err(unsupported(format!(
                "{} outside CMS",
                crate::oid::name_of(&alg.oid)
            )));
        }
        Ok(SymmetricCipher(inner))
    }

    /// Length of the key.
    pub fn key_len(&self) -> usize {
        self.0.key_len()
    }

    /// Decrypts (and for CBC, removes the padding).
    pub fn decrypt(
        &self,
        key: &[u8],
        ciphertext: Vec<u8>,
    ) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
        self.0.decrypt(key, ciphertext, None, None, &[])
    }
}

fn key32(key: &[u8]) -> Result<Zeroizing<[u8; 32]>, EnvelopedError> {
    let mut out = Zeroizing::new([0u8; 32]);
    if key.len() != 32 {
        return Err(failed());
    }
    out.copy_from_slice(key);
    Ok(out)
}

fn aes_cbc(key_len: usize) -> &'static aws_lc_rs::cipher::Algorithm {
    match key_len {
        16 => &aws_lc_rs::cipher::AES_128,
        24 => &aws_lc_rs::cipher::AES_192,
        _ => &aws_lc_rs::cipher::AES_256,
    }
}

fn aes_gcm(key_len: usize) -> &'static aws_lc_rs::aead::Algorithm {
    match key_len {
        16 => &aws_lc_rs::aead::AES_128_GCM,
        24 => &aws_lc_rs::aead::AES_192_GCM,
        _ => &aws_lc_rs::aead::AES_256_GCM,
    }
}

/// The encrypted tag of `id-cms-mac-attr`.
fn mac_attribute<'a>(unprotected: &'a [Attr<'a>]) -> Result<&'a [u8], EnvelopedError> {
    let attr = unprotected
        .iter()
        .find(|a| a.oid == oids::CMS_MAC_ATTR)
        .ok_or_else(|| {
            EnvelopedError::DecryptionFailed("the content MAC attribute is missing".into())
        })?;
    match attr.values.as_slice() {
        [v] if v.tag() == Tag::OctetString => Ok(v.value()),
        _ => Err(EnvelopedError::Malformed(
            "the content MAC attribute is not one OCTET STRING".into(),
        )),
    }
}

/// `K_enc ‖ K_mac = KDF_TREE_GOSTR3411_2012_256(CEK, "kdf tree", seed, 1)`.
pub(super) fn omac_keys(
    cek: &[u8; 32],
    seed: &[u8],
) -> Result<Zeroizing<[u8; 64]>, EnvelopedError> {
    let mut material = Zeroizing::new([0u8; 64]);
    kdf_tree_gostr3411_2012_256(cek, b"kdf tree", seed, 1, material.as_mut_slice())
        .map_err(|e| EnvelopedError::Malformed(format!("KDF_TREE: {e}")))?;
    Ok(material)
}

fn acpkm_decrypt<C: Gost2015Cipher>(
    key: &[u8; 32],
    ukm: &[u8],
    tag: Option<&[u8]>,
    data: &mut [u8],
) -> Result<(), EnvelopedError> {
    let half = C::BLOCK_SIZE / 2;
    let (iv, rest) = ukm.split_at(half.min(ukm.len()));
    match tag {
        None => {
            Ctr::<C>::new_acpkm(key, iv, C::CMS_ACPKM_SECTION)
                .map_err(|e| EnvelopedError::Malformed(e.to_string()))?
                .apply_keystream(data);
        }
        Some(tag) => {
            let seed = rest.get(..8).ok_or_else(|| bad_params("CTR-ACPKM-OMAC"))?;
            let material = omac_keys(key, seed)?;
            let mut mode =
                CtrAcpkmOmac::<C>::from_key_material(&material, iv, C::CMS_ACPKM_SECTION)
                    .map_err(|e| EnvelopedError::Malformed(e.to_string()))?;
            mode.decrypt(data);
            mode.verify_decrypt(tag).map_err(|_| {
                data.iter_mut().for_each(|b| *b = 0);
                EnvelopedError::DecryptionFailed(
                    "the content MAC does not match (the content was altered)".into(),
                )
            })?;
        }
    }
    Ok(())
}

/// DES-EDE3-CBC with PKCS#7 padding; returns the plaintext length.
fn des_ede3_cbc_decrypt(
    key: &[u8],
    iv: &[u8; 8],
    data: &mut [u8],
) -> Result<usize, EnvelopedError> {
    let cipher = des::TdesEde3::new_from_slice(key).map_err(|_| failed())?;
    cbc_decrypt_in_place(&cipher, iv, data)?;
    unpad(data, 8)
}

/// CBC decryption in place with a 64-bit block cipher and PKCS#7 padding;
/// the plaintext length, or `None` when the length or padding is wrong
/// (password-based schemes with 3DES and RC2 use it too).
pub(crate) fn cbc_decrypt_padded<C>(cipher: &C, iv: &[u8; 8], data: &mut [u8]) -> Option<usize>
where
    C: BlockCipherDecrypt<BlockSize = cipher::consts::U8>,
{
    cbc_decrypt_in_place(cipher, iv, data).ok()?;
    unpad(data, 8).ok()
}

/// CBC decryption in place with a 64-bit block cipher.
pub(super) fn cbc_decrypt_in_place<C>(
    cipher: &C,
    iv: &[u8; 8],
    data: &mut [u8],
) -> Result<(), EnvelopedError>
where
    C: BlockCipherDecrypt<BlockSize = cipher::consts::U8>,
{
    if data.is_empty() || !data.len().is_multiple_of(8) {
        return Err(failed());
    }
    let mut previous = *iv;
    for chunk in data.chunks_exact_mut(8) {
        let mut saved = [0u8; 8];
        saved.copy_from_slice(chunk);
        let mut block = cipher::Block::<C>::default();
        block.copy_from_slice(chunk);
        cipher.decrypt_block(&mut block);
        for ((b, d), p) in chunk.iter_mut().zip(block.iter()).zip(previous) {
            *b = d ^ p;
        }
        previous = saved;
    }
    Ok(())
}

/// Removes PKCS#7 padding (RFC 5652 section 6.3); returns the length left.
fn unpad(data: &[u8], block: usize) -> Result<usize, EnvelopedError> {
    let pad = usize::from(*data.last().ok_or_else(failed)?);
    if pad == 0 || pad > block || pad > data.len() {
        return Err(failed());
    }
    if data[data.len() - pad..]
        .iter()
        .any(|&b| usize::from(b) != pad)
    {
        return Err(failed());
    }
    Ok(data.len() - pad)
}

/// Encrypted content ready for the EncryptedContentInfo.
pub(super) struct Sealed {
    pub cek: Zeroizing<Vec<u8>>,
    /// contentEncryptionAlgorithm, DER.
    pub algorithm: Vec<u8>,
    pub ciphertext: Vec<u8>,
    /// AuthEnvelopedData's mac.
    pub gcm_tag: Option<Vec<u8>>,
    /// The contents of unprotectedAttrs.
    pub unprotected_attrs: Option<Vec<u8>>,
}

/// Encrypts `data` under a fresh content-encryption key. `gost_set` is the
/// GOST 28147-89 parameter set for [`ContentCipher::Gost28147Cfb`].
pub(super) fn seal(
    cipher: ContentCipher,
    data: &[u8],
    gost_set: ParamSet,
) -> Result<Sealed, EnvelopedError> {
    let mut cek = Zeroizing::new(vec![0u8; 32]);
    random(cek.as_mut_slice())?;
    let mut ciphertext = data.to_vec();
    let mut gcm_tag = None;
    let mut unprotected_attrs = None;
    let lib_err = |_| EnvelopedError::Crypto("content encryption");
    let algorithm = match cipher {
        ContentCipher::Aes256Cbc => {
            let key = UnboundCipherKey::new(&aws_lc_rs::cipher::AES_256, &cek).map_err(lib_err)?;
            let context = PaddedBlockEncryptingKey::cbc_pkcs7(key)
                .and_then(|k| k.encrypt(&mut ciphertext))
                .map_err(lib_err)?;
            let iv: &[u8] = (&context).try_into().map_err(lib_err)?;
            seq(&[&oid(&oids::AES256_CBC), &octets(iv)])
        }
        ContentCipher::Aes256Gcm => {
            let mut nonce = [0u8; 12];
            random(&mut nonce)?;
            let key = UnboundKey::new(&aws_lc_rs::aead::AES_256_GCM, &cek).map_err(lib_err)?;
            let tag = LessSafeKey::new(key)
                .seal_in_place_separate_tag(
                    Nonce::assume_unique_for_key(nonce),
                    Aad::empty(),
                    &mut ciphertext,
                )
                .map_err(lib_err)?;
            gcm_tag = Some(tag.as_ref().to_vec());
            seq(&[
                &oid(&oids::AES256_GCM),
                &seq(&[&octets(&nonce), &small_int(16)]),
            ])
        }
        ContentCipher::Gost28147Cfb => {
            let mut iv = [0u8; 8];
            random(&mut iv)?;
            let key = key32(&cek)?;
            gost28147::encrypt_cfb(
                &key,
                gost_set.sbox(),
                &iv,
                KeyMeshing::CryptoPro,
                &mut ciphertext,
            );
            let set = gost_set
                .oid()
                .and_then(|o| const_oid::ObjectIdentifier::new(o).ok())
                .ok_or_else(|| unsupported("a GOST 28147-89 S-box without an OID".into()))?;
            seq(&[&oid(&oids::GOST28147_89), &seq(&[&octets(&iv), &oid(&set)])])
        }
        ContentCipher::KuznyechikCtrAcpkm
        | ContentCipher::KuznyechikCtrAcpkmOmac
        | ContentCipher::MagmaCtrAcpkm
        | ContentCipher::MagmaCtrAcpkmOmac => {
            let (kind, omac, alg) = match cipher {
                ContentCipher::KuznyechikCtrAcpkm => {
                    (Gost2015::Kuznyechik, false, oids::KUZNYECHIK_CTR_ACPKM)
                }
                ContentCipher::KuznyechikCtrAcpkmOmac => {
                    (Gost2015::Kuznyechik, true, oids::KUZNYECHIK_CTR_ACPKM_OMAC)
                }
                ContentCipher::MagmaCtrAcpkm => (Gost2015::Magma, false, oids::MAGMA_CTR_ACPKM),
                _ => (Gost2015::Magma, true, oids::MAGMA_CTR_ACPKM_OMAC),
            };
            // ukm = IV ‖ seed, as gost-engine writes it for both variants.
            let mut ukm = vec![0u8; kind.half_block() + 8];
            random(&mut ukm)?;
            let key = key32(&cek)?;
            let tag = match kind {
                Gost2015::Kuznyechik => {
                    acpkm_encrypt::<Kuznyechik>(&key, &ukm, omac, &mut ciphertext)?
                }
                Gost2015::Magma => acpkm_encrypt::<Magma>(&key, &ukm, omac, &mut ciphertext)?,
            };
            if let Some(tag) = tag {
                unprotected_attrs = Some(seq(&[
                    &oid(&oids::CMS_MAC_ATTR),
                    &cons(0x31, &[&octets(&tag)]),
                ]));
            }
            seq(&[&oid(&alg), &seq(&[&octets(&ukm)])])
        }
    };
    Ok(Sealed {
        cek,
        algorithm,
        ciphertext,
        gcm_tag,
        unprotected_attrs,
    })
}

/// Encrypts `data` with DSTU GOST 28147:2009 CFB (no key meshing) under
/// a fresh key, with the S-box of `dke` (packed) and a random 8-byte IV:
/// `contentEncryptionAlgorithm` is `SEQUENCE { 1.2.804.2.1.1.1.1.1.1.3,
/// SEQUENCE { iv, dke } }`, as jkurwa's `Message.constructEnveloped` and
/// UAPKI write it.
pub(super) fn seal_dstu(data: &[u8], dke: &[u8; 64]) -> Result<Sealed, EnvelopedError> {
    let mut cek = Zeroizing::new(vec![0u8; 32]);
    random(cek.as_mut_slice())?;
    let mut iv = [0u8; 8];
    random(&mut iv)?;
    let key = key32(&cek)?;
    let mut ciphertext = data.to_vec();
    gost28147::encrypt_cfb(
        &key,
        &gost28147::SBox::from_dke(dke),
        &iv,
        KeyMeshing::None,
        &mut ciphertext,
    );
    Ok(Sealed {
        cek,
        algorithm: seq(&[
            &oid(&oids::DSTU_GOST28147_CFB),
            &seq(&[&octets(&iv), &octets(dke)]),
        ]),
        ciphertext,
        gcm_tag: None,
        unprotected_attrs: None,
    })
}

fn acpkm_encrypt<C: Gost2015Cipher>(
    key: &[u8; 32],
    ukm: &[u8],
    omac: bool,
    data: &mut [u8],
) -> Result<Option<Vec<u8>>, EnvelopedError> {
    let half = C::BLOCK_SIZE / 2;
    let (iv, seed) = ukm.split_at(half);
    let malformed = |e: signet_crypto::gost2015::Error| EnvelopedError::Malformed(e.to_string());
    if !omac {
        Ctr::<C>::new_acpkm(key, iv, C::CMS_ACPKM_SECTION)
            .map_err(malformed)?
            .apply_keystream(data);
        return Ok(None);
    }
    let material = omac_keys(key, seed)?;
    let mut mode = CtrAcpkmOmac::<C>::from_key_material(&material, iv, C::CMS_ACPKM_SECTION)
        .map_err(malformed)?;
    mode.encrypt(data);
    Ok(Some(mode.finalize_encrypt()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkcs7_padding() {
        assert_eq!(unpad(&[1, 2, 3, 5, 4, 4, 4, 4], 8).unwrap(), 4);
        assert_eq!(unpad(&[8; 8], 8).unwrap(), 0);
        assert!(unpad(&[1, 2, 3, 5, 4, 4, 3, 4], 8).is_err());
        assert!(unpad(&[0; 8], 8).is_err());
        assert!(unpad(&[9; 8], 8).is_err());
        assert!(unpad(&[], 8).is_err());
    }

    /// DES-EDE3-CBC: NIST SP 800-67 / SP 800-20 style check by
    /// round trip against the `des` crate's own encryption.
    #[test]
    fn des_ede3_cbc_round_trip() {
        use cipher::BlockCipherEncrypt;
        let key: Vec<u8> = (1..=24).collect();
        let iv = [9u8; 8];
        let cipher = des::TdesEde3::new_from_slice(&key).unwrap();
        let plain = b"sixteen byte msg\x08\x08\x08\x08\x08\x08\x08\x08".to_vec();
        let mut ct = plain.clone();
        let mut prev = iv;
        for chunk in ct.chunks_exact_mut(8) {
            for (b, p) in chunk.iter_mut().zip(prev) {
                *b ^= p;
            }
            let mut block = cipher::Block::<des::TdesEde3>::default();
            block.copy_from_slice(chunk);
            cipher.encrypt_block(&mut block);
            chunk.copy_from_slice(&block);
            prev.copy_from_slice(chunk);
        }
        let len = des_ede3_cbc_decrypt(&key, &iv, &mut ct).unwrap();
        assert_eq!(&ct[..len], b"sixteen byte msg");
    }
}
