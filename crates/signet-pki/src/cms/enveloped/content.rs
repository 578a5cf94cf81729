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
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5911 as smime;
use der::asn1::{AnyRef, OctetStringRef};
use der::{Encode, Tag, Tagged};
use signet_crypto::gost2015::{Ctr, CtrAcpkmOmac, Gost2015Cipher, Kuznyechik, Magma};
use signet_crypto::gost3410::kdf_tree_gostr3411_2012_256;
use signet_crypto::gost28147::{self, KeyMeshing, ParamSet};
use spki::AlgorithmIdentifierRef;
use zeroize::Zeroizing;

use super::{
    ContentCipher, DecryptionFailure, EnvelopeFault, EnvelopedError, encoding, failed, random,
    unsupported,
};
use crate::cms::asn1::{
    AttributeRef, DstuGost28147Parameters, GcmParameters, Gost3412EncryptionParameters,
    Gost28147Parameters,
};
use crate::oid::ids;

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

fn bad_params(algorithm: &'static str) -> EnvelopedError {
    EnvelopeFault::Parameters(algorithm).into()
}

/// The parameters of `alg` decoded as `T`.
fn params<'a, T>(
    alg: &AlgorithmIdentifierRef<'a>,
    algorithm: &'static str,
) -> Result<T, EnvelopedError>
where
    T: der::Choice<'a> + der::DecodeValue<'a, Error = der::Error>,
{
    alg.parameters
        .and_then(|p| p.decode_as::<T>().ok())
        .ok_or_else(|| bad_params(algorithm))
}

/// An OCTET STRING parameter of `N` bytes.
fn octet_param<const N: usize>(
    alg: &AlgorithmIdentifierRef<'_>,
    algorithm: &'static str,
) -> Result<[u8; N], EnvelopedError> {
    let octets: &OctetStringRef = params(alg, algorithm)?;
    <[u8; N]>::try_from(octets.as_bytes()).map_err(|_| bad_params(algorithm))
}

impl ContentAlgorithm {
    pub fn read(alg: &AlgorithmIdentifierRef<'_>) -> Result<ContentAlgorithm, EnvelopedError> {
        Ok(match alg.oid {
            smime::ID_AES_128_CBC | smime::ID_AES_192_CBC | smime::ID_AES_256_CBC => {
                ContentAlgorithm::AesCbc {
                    key_len: match alg.oid {
                        smime::ID_AES_128_CBC => 16,
                        smime::ID_AES_192_CBC => 24,
                        _ => 32,
                    },
                    iv: octet_param(alg, "AES-CBC")?,
                }
            }
            smime::ID_AES_128_GCM | smime::ID_AES_192_GCM | smime::ID_AES_256_GCM => {
                let gcm: GcmParameters<'_> = params(alg, "AES-GCM")?;
                if gcm.aes_icv_len != 16 {
                    return Err(unsupported(format!(
                        "AES-GCM with a {}-byte tag (16 bytes is supported)",
                        gcm.aes_icv_len
                    )));
                }
                ContentAlgorithm::AesGcm {
                    key_len: match alg.oid {
                        smime::ID_AES_128_GCM => 16,
                        smime::ID_AES_192_GCM => 24,
                        _ => 32,
                    },
                    nonce: <[u8; 12]>::try_from(gcm.aes_nonce.as_bytes()).map_err(|_| {
                        unsupported("AES-GCM nonces other than 12 bytes".to_string())
                    })?,
                }
            }
            smime::DES_EDE_3_CBC => ContentAlgorithm::DesEde3Cbc {
                iv: octet_param(alg, "DES-EDE3-CBC")?,
            },
            ids::GOST28147_89 => {
                let gost: Gost28147Parameters<'_> = params(alg, "GOST 28147-89")?;
                let iv = <[u8; 8]>::try_from(gost.iv.as_bytes())
                    .map_err(|_| bad_params("GOST 28147-89"))?;
                let set = gost.encryption_param_set;
                let param_set = ParamSet::from_oid(&set.to_string()).ok_or_else(|| {
                    unsupported(format!(
                        "GOST 28147-89 parameter set {}",
                        crate::oid::name_of(&set)
                    ))
                })?;
                ContentAlgorithm::Gost28147Cfb { iv, param_set }
            }
            ids::DSTU_GOST28147_CFB => {
                let what = "DSTU GOST 28147 CFB";
                let dstu: DstuGost28147Parameters<'_> = params(alg, what)?;
                // gost89 and jkurwa use the first 8 bytes of a longer IV
                // (jkurwa's own test messages carry 32 bytes).
                ContentAlgorithm::Gost28147CfbUa {
                    iv: dstu
                        .iv
                        .as_bytes()
                        .get(..8)
                        .and_then(|iv| <[u8; 8]>::try_from(iv).ok())
                        .ok_or_else(|| bad_params(what))?,
                    sbox: gost28147::SBox::from_dke_slice(dstu.dke.as_bytes())
                        .map_err(|_| bad_params(what))?,
                }
            }
            ids::KUZNYECHIK_CTR_ACPKM
            | ids::KUZNYECHIK_CTR_ACPKM_OMAC
            | ids::MAGMA_CTR_ACPKM
            | ids::MAGMA_CTR_ACPKM_OMAC => {
                let cipher = if matches!(
                    alg.oid,
                    ids::KUZNYECHIK_CTR_ACPKM | ids::KUZNYECHIK_CTR_ACPKM_OMAC
                ) {
                    Gost2015::Kuznyechik
                } else {
                    Gost2015::Magma
                };
                let omac = matches!(
                    alg.oid,
                    ids::KUZNYECHIK_CTR_ACPKM_OMAC | ids::MAGMA_CTR_ACPKM_OMAC
                );
                let ctr: Gost3412EncryptionParameters<'_> = params(alg, "CTR-ACPKM")?;
                let ukm = ctr.ukm.as_bytes().to_vec();
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
        unprotected: &[AttributeRef<'_>],
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
        let alg: AlgorithmIdentifierRef<'_> = any
            .decode_as()
            .map_err(|_| bad_params("encryption scheme"))?;
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
fn mac_attribute<'a>(unprotected: &[AttributeRef<'a>]) -> Result<&'a [u8], EnvelopedError> {
    let attr = unprotected
        .iter()
        .find(|a| a.attr_type == ids::CMS_MAC_ATTR)
        .ok_or(EnvelopedError::DecryptionFailed(
            DecryptionFailure::MacMissing,
        ))?;
    match attr.attr_values.as_slice() {
        [v] if v.tag() == Tag::OctetString => Ok(v.value()),
        _ => Err(EnvelopeFault::MacAttribute.into()),
    }
}

/// `K_enc ‖ K_mac = KDF_TREE_GOSTR3411_2012_256(CEK, "kdf tree", seed, 1)`.
pub(super) fn omac_keys(
    cek: &[u8; 32],
    seed: &[u8],
) -> Result<Zeroizing<[u8; 64]>, EnvelopedError> {
    let mut material = Zeroizing::new([0u8; 64]);
    kdf_tree_gostr3411_2012_256(cek, b"kdf tree", seed, 1, material.as_mut_slice())
        .map_err(EnvelopeFault::Gost)?;
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
                .map_err(EnvelopeFault::Gost2015)?
                .apply_keystream(data);
        }
        Some(tag) => {
            let seed = rest.get(..8).ok_or_else(|| bad_params("CTR-ACPKM-OMAC"))?;
            let material = omac_keys(key, seed)?;
            let mut mode =
                CtrAcpkmOmac::<C>::from_key_material(&material, iv, C::CMS_ACPKM_SECTION)
                    .map_err(EnvelopeFault::Gost2015)?;
            mode.decrypt(data);
            mode.verify_decrypt(tag).map_err(|_| {
                data.iter_mut().for_each(|b| *b = 0);
                EnvelopedError::DecryptionFailed(DecryptionFailure::MacMismatch)
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
    /// contentEncryptionAlgorithm.
    pub algorithm: ObjectIdentifier,
    /// The DER of its parameters.
    pub parameters: Vec<u8>,
    pub ciphertext: Vec<u8>,
    /// AuthEnvelopedData's mac.
    pub gcm_tag: Option<Vec<u8>>,
    /// The encrypted OMAC of `*-ctracpkm-omac` content, for the
    /// unprotected attribute `id-cms-mac-attr`.
    pub content_mac: Option<Vec<u8>>,
}

/// The DER of an OCTET STRING.
fn octets(bytes: &[u8]) -> Result<Vec<u8>, EnvelopedError> {
    OctetStringRef::new(bytes)
        .and_then(|o| o.to_der())
        .map_err(encoding)
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
    let mut content_mac = None;
    let lib_err = |_| EnvelopedError::Crypto("content encryption");
    let (algorithm, parameters) = match cipher {
        ContentCipher::Aes256Cbc => {
            let key = UnboundCipherKey::new(&aws_lc_rs::cipher::AES_256, &cek).map_err(lib_err)?;
            let context = PaddedBlockEncryptingKey::cbc_pkcs7(key)
                .and_then(|k| k.encrypt(&mut ciphertext))
                .map_err(lib_err)?;
            let iv: &[u8] = (&context).try_into().map_err(lib_err)?;
            (smime::ID_AES_256_CBC, octets(iv)?)
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
            let parameters = OctetStringRef::new(&nonce).and_then(|aes_nonce| {
                GcmParameters {
                    aes_nonce,
                    aes_icv_len: 16,
                }
                .to_der()
            });
            (smime::ID_AES_256_GCM, parameters.map_err(encoding)?)
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
                .and_then(|o| ObjectIdentifier::new(o).ok())
                .ok_or_else(|| unsupported("a GOST 28147-89 S-box without an OID".into()))?;
            let parameters = OctetStringRef::new(&iv).and_then(|iv| {
                Gost28147Parameters {
                    iv,
                    encryption_param_set: set,
                }
                .to_der()
            });
            (ids::GOST28147_89, parameters.map_err(encoding)?)
        }
        ContentCipher::KuznyechikCtrAcpkm
        | ContentCipher::KuznyechikCtrAcpkmOmac
        | ContentCipher::MagmaCtrAcpkm
        | ContentCipher::MagmaCtrAcpkmOmac => {
            let (kind, omac, alg) = match cipher {
                ContentCipher::KuznyechikCtrAcpkm => {
                    (Gost2015::Kuznyechik, false, ids::KUZNYECHIK_CTR_ACPKM)
                }
                ContentCipher::KuznyechikCtrAcpkmOmac => {
                    (Gost2015::Kuznyechik, true, ids::KUZNYECHIK_CTR_ACPKM_OMAC)
                }
                ContentCipher::MagmaCtrAcpkm => (Gost2015::Magma, false, ids::MAGMA_CTR_ACPKM),
                _ => (Gost2015::Magma, true, ids::MAGMA_CTR_ACPKM_OMAC),
            };
            // ukm = IV ‖ seed, as gost-engine writes it for both variants.
            let mut ukm = vec![0u8; kind.half_block() + 8];
            random(&mut ukm)?;
            let key = key32(&cek)?;
            content_mac = match kind {
                Gost2015::Kuznyechik => {
                    acpkm_encrypt::<Kuznyechik>(&key, &ukm, omac, &mut ciphertext)?
                }
                Gost2015::Magma => acpkm_encrypt::<Magma>(&key, &ukm, omac, &mut ciphertext)?,
            };
            let parameters = OctetStringRef::new(&ukm)
                .and_then(|ukm| Gost3412EncryptionParameters { ukm }.to_der());
            (alg, parameters.map_err(encoding)?)
        }
    };
    Ok(Sealed {
        cek,
        algorithm,
        parameters,
        ciphertext,
        gcm_tag,
        content_mac,
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
    let parameters = OctetStringRef::new(&iv)
        .and_then(|iv| Ok((iv, OctetStringRef::new(dke)?)))
        .and_then(|(iv, dke)| DstuGost28147Parameters { iv, dke }.to_der())
        .map_err(encoding)?;
    Ok(Sealed {
        cek,
        algorithm: ids::DSTU_GOST28147_CFB,
        parameters,
        ciphertext,
        gcm_tag: None,
        content_mac: None,
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
    let malformed = EnvelopeFault::Gost2015;
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
