//! DSTU 4145-2002 key agreement in CMS: the Ukrainian EnvelopedData of
//! the DSTSZI profile, as jkurwa (`lib/models/Message.js`
//! `constructEnveloped`/`decrypt`, `lib/models/Priv.js` `sharedKey`) and
//! UAPKI (`key-wrap.c`, `iso15946.c`) make and read it.
//!
//! ```text
//! kari [1] KeyAgreeRecipientInfo ::= SEQUENCE {
//!   version 3,
//!   originator [0] EXPLICIT CHOICE {
//!     issuerAndSerialNumber,            -- static-static: the sender's certificate
//!     subjectKeyIdentifier [0],
//!     originatorKey [1] { algorithm, publicKey BIT STRING } },  -- ephemeral key
//!   ukm [1] EXPLICIT OCTET STRING,      -- 64 random bytes (UAPKI omits it with
//!                                       -- an ephemeral key)
//!   keyEncryptionAlgorithm SEQUENCE {
//!     dhSinglePass-cofactorDH-gost34311kdf (1.2.804.2.1.1.1.1.3.4),
//!     SEQUENCE { Gost28147-cfb-wrap (1.2.804.2.1.1.1.1.1.1.5), NULL } },
//!   recipientEncryptedKeys SEQUENCE OF SEQUENCE {
//!     rid issuerAndSerialNumber, encryptedKey OCTET STRING (SIZE (44)) } }
//! SharedInfo ::= SEQUENCE {
//!   keyInfo         SEQUENCE { Gost28147-cfb-wrap, NULL },
//!   entityInfo  [0] EXPLICIT OCTET STRING OPTIONAL,  -- the ukm
//!   suppPubInfo [2] EXPLICIT OCTET STRING }          -- 00 00 01 00: 256 bits
//! ```
//!
//! The shared secret ZZ is the x-coordinate of `(h·d)·Q`, big-endian in
//! `ceil(m/8)` bytes ([`SigningKey::agree`], cofactor Diffie–Hellman of
//! DSTU ISO/IEC 15946-3). `KEK = GOST 34.311-95(ZZ' ‖ 00 00 00 01 ‖
//! SharedInfo)`, one round of the ISO/IEC 15946-3 KDF; the encrypted key is
//! the Ukrainian GOST 28147-89 key wrap of the 32-byte content key under
//! KEK ([`wrap_ua`]). The peers disagree on ZZ': jkurwa drops one leading
//! zero byte of ZZ, UAPKI every leading zero byte. They agree unless ZZ
//! starts with two zero bytes, so signet draws its ephemeral key again in
//! that case (1 in 512 on M257) and, reading, tries jkurwa's form first
//! and UAPKI's when they differ (the wrap's MAC tells which).
//!
//! The S-boxes follow UAPKI: the key wrap uses the S-box of the
//! recipient key's `DSTU4145Params.dke` (`key-wrap.c`: `key_wrap` unpacks
//! the recipient certificate's DKE, `key_unwrap` the recipient's own), the
//! KEK hash is GOST 34.311-95 with DKE №1 (UAPKI's KDF hashes with its
//! default table whatever the key says), and the content's S-box is its
//! own `dke` parameter (signet writes DKE №1). jkurwa wraps with DKE №1
//! whatever the parameters say; the two agree on every key with DKE №1 (all
//! keys in use), and on reading a key with another DKE signet tries the
//! key's S-box first and DKE №1 after it (the wrap's MAC tells which).

use der::asn1::{AnyRef, BitStringRef, OctetStringRef};
use der::referenced::{OwnedToRef, RefToOwned};
use der::{Decode, Encode};
use signet_crypto::DigestAlgorithm;
use signet_crypto::dstu4145::{self, PublicKey, SigningKey};
use signet_crypto::gost28147::{SBox, unwrap_ua, wrap_ua};
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use zeroize::Zeroizing;

use super::envelope::key_agree_recipient;
use super::{EnvelopeFault, EnvelopedError, encoding, failed, random, unsupported};
use crate::cms::asn1::{
    EccCmsSharedInfo, KeyAgreeRecipientInfoRef, OriginatorIdentifierOrKeyRef,
    OriginatorPublicKeyRef, RecipientIdentifierRef,
};
use crate::cms::{SignerId, signer_matches};
use crate::oid::ids;
use crate::private_key::DstuPrivateKey;
use crate::signature::SignatureError;
use crate::{Certificate, KeyAlgorithm, PublicKeyInfo};

/// The UKM signet writes: 64 random bytes, as jkurwa (`Priv.encrypt`) and
/// UAPKI (static keys) do.
const UKM_LEN: usize = 64;
/// `suppPubInfo`: the KEK length in bits (256), big-endian.
const KEK_BITS: [u8; 4] = [0, 0, 1, 0];
/// The first (and only) counter of the KDF.
const COUNTER: [u8; 4] = [0, 0, 0, 1];
/// Ephemeral keys drawn before giving up on one whose ZZ both peers read
/// alike (each try fails with probability 2^-9 or less).
const EPHEMERAL_TRIES: usize = 16;

/// The S-boxes to unwrap with for a key whose DKE is `key_sbox`: its own
/// (UAPKI), then DKE №1 (jkurwa) when that differs.
fn unwrap_sboxes(key_sbox: SBox) -> Vec<SBox> {
    let mut sboxes = vec![key_sbox];
    if key_sbox != SBox::UA_DKE_1 {
        sboxes.push(SBox::UA_DKE_1);
    }
    sboxes
}

/// `AlgorithmIdentifier { Gost28147-cfb-wrap, NULL }`.
const WRAP_ALGORITHM: AlgorithmIdentifierRef<'static> = AlgorithmIdentifierRef {
    oid: ids::DSTU_GOST28147_WRAP,
    parameters: Some(AnyRef::NULL),
};

/// The SharedInfo of the KDF (jkurwa `gost_salt`, UAPKI
/// `iso15946_shared_info`): an ECC-CMS-SharedInfo, DER.
fn shared_info(ukm: Option<&[u8]>) -> der::Result<Vec<u8>> {
    EccCmsSharedInfo {
        key_info: WRAP_ALGORITHM,
        entity_u_info: ukm.map(OctetStringRef::new).transpose()?,
        supp_pub_info: OctetStringRef::new(&KEK_BITS)?,
    }
    .to_der()
}

/// `GOST 34.311-95(zz ‖ 00 00 00 01 ‖ SharedInfo)`.
fn kek(zz: &[u8], ukm: Option<&[u8]>) -> Result<Zeroizing<[u8; 32]>, EnvelopedError> {
    let mut hasher = DigestAlgorithm::Gost34311Ua.hasher();
    hasher.update(zz);
    hasher.update(&COUNTER);
    hasher.update(&shared_info(ukm).map_err(encoding)?);
    let digest = Zeroizing::new(hasher.finish());
    let mut out = Zeroizing::new([0u8; 32]);
    for (o, d) in out.iter_mut().zip(digest.iter()) {
        *o = *d;
    }
    Ok(out)
}

/// ZZ without one leading zero byte, as jkurwa's `Priv.sharedKey` hashes it.
fn zz_jkurwa(zz: &[u8]) -> &[u8] {
    match zz.split_first() {
        Some((0, rest)) => rest,
        _ => zz,
    }
}

/// ZZ without any leading zero byte, as UAPKI's `iso15946_get_not_zero`.
fn zz_uapki(zz: &[u8]) -> &[u8] {
    let start = zz.iter().position(|&b| b != 0).unwrap_or(zz.len());
    &zz[start..]
}

/// Whether jkurwa and UAPKI hash a different ZZ'.
fn ambiguous(zz: &[u8]) -> bool {
    zz.len() >= 2 && zz[0] == 0 && zz[1] == 0
}

fn agree(private: &SigningKey, peer: &PublicKey) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
    private.agree(peer).map_err(|e| match e {
        dstu4145::Error::CurveMismatch { ours, theirs } => EnvelopeFault::CurveMismatch {
            ours: ours.to_string(),
            theirs: theirs.to_string(),
        }
        .into(),
        dstu4145::Error::SharedPointAtInfinity => failed(),
        other => EnvelopeFault::DstuAgreement(other).into(),
    })
}

fn key_error(whose: &'static str) -> impl Fn(SignatureError) -> EnvelopedError {
    move |e| match e {
        SignatureError::Unsupported(what) => unsupported(what),
        source => EnvelopeFault::DstuKey { whose, source }.into(),
    }
}

/// The DSTU 4145 public key of a certificate.
fn certificate_key(cert: &Certificate, whose: &'static str) -> Result<PublicKey, EnvelopedError> {
    crate::dstu::public_key(&cert.fields().public_key).map_err(key_error(whose))
}

/// The KeyAgreeRecipientInfo for a DSTU 4145 certificate carrying the
/// 32-byte `cek`: an ephemeral key on the recipient's curve as
/// `originatorKey` (under the recipient key's own AlgorithmIdentifier, as
/// UAPKI writes it), a 64-byte ukm, and the key wrapped under a fresh
/// 8-byte IV.
pub(super) fn key_agree(cert: &Certificate, cek: &[u8]) -> Result<Vec<u8>, EnvelopedError> {
    let cek: &[u8; 32] = cek
        .try_into()
        .map_err(|_| EnvelopedError::Crypto("a content key that is not 32 bytes"))?;
    // A certificate key signet cannot use is "not supported" here, as for
    // the other key types: the certificate cannot receive encryption.
    let not_usable = |e| match e {
        SignatureError::Unsupported(what) => unsupported(what),
        other => unsupported(format!("this DSTU 4145 public key ({other})")),
    };
    let recipient = crate::dstu::public_key(&cert.fields().public_key).map_err(not_usable)?;
    let wrap_sbox = crate::dstu::key_sbox(&cert.fields().public_key).map_err(not_usable)?;
    let mut ephemeral = None;
    for _ in 0..EPHEMERAL_TRIES {
        let key = SigningKey::generate(recipient.curve()).map_err(|_| EnvelopedError::Random)?;
        let zz = agree(&key, &recipient)?;
        if !ambiguous(&zz) {
            ephemeral = Some((key, zz));
            break;
        }
    }
    let (ephemeral, zz) = ephemeral.ok_or(EnvelopedError::Random)?;
    let mut ukm = [0u8; UKM_LEN];
    random(&mut ukm)?;
    let mut iv = [0u8; 8];
    random(&mut iv)?;
    let kek = kek(zz_jkurwa(&zz), Some(&ukm))?;
    let wrapped = wrap_ua(&kek, &wrap_sbox, &iv, cek);

    let mut point = ephemeral.public_key().to_compressed();
    if cert.fields().public_key.algorithm_oid == ids::DSTU4145_BE {
        point.reverse();
    }
    recipient_info(cert, &point, &ukm, &wrapped).map_err(encoding)
}

/// `[1] KeyAgreeRecipientInfo` with the ephemeral key as originatorKey
/// (under the recipient key's own AlgorithmIdentifier, its point as an
/// OCTET STRING in the BIT STRING), the ukm and the wrapped key.
fn recipient_info(
    cert: &Certificate,
    point: &[u8],
    ukm: &[u8],
    wrapped: &[u8],
) -> der::Result<Vec<u8>> {
    let point = OctetStringRef::new(point)?.to_der()?;
    let wrap = WRAP_ALGORITHM.to_der()?;
    let originator = OriginatorIdentifierOrKeyRef::OriginatorKey(OriginatorPublicKeyRef {
        algorithm: cert
            .x509()
            .tbs_certificate()
            .subject_public_key_info()
            .algorithm
            .owned_to_ref(),
        public_key: BitStringRef::from_bytes(&point)?,
    });
    let key_encryption = AlgorithmIdentifierRef {
        oid: ids::DSTU_COFACTOR_DH_GOST34311_KDF,
        parameters: Some(AnyRef::from_der(&wrap)?),
    };
    key_agree_recipient(cert, originator, Some(ukm), key_encryption, wrapped)
}

/// The originator's public key: the `originatorKey` itself, or the key of
/// the certificate among `originators` that `issuerAndSerialNumber` or
/// `subjectKeyIdentifier` names.
fn originator_key(
    originator: &OriginatorIdentifierOrKeyRef<'_>,
    private: &SigningKey,
    originators: &[&Certificate],
) -> Result<PublicKey, EnvelopedError> {
    let malformed = || EnvelopedError::from(EnvelopeFault::Structure("DSTU 4145 originator key"));
    let sid = match originator {
        OriginatorIdentifierOrKeyRef::OriginatorKey(key) => {
            let spki = SubjectPublicKeyInfoRef {
                algorithm: key.algorithm,
                subject_public_key: key.public_key,
            }
            .ref_to_owned();
            let info = PublicKeyInfo::from_spki(&spki);
            if !matches!(info.algorithm, KeyAlgorithm::Dstu4145 { .. }) {
                return Err(unsupported(format!(
                    "a {} originator key for a DSTU 4145 recipient",
                    crate::oid::name_of(&info.algorithm_oid)
                )));
            }
            if info.algorithm_parameters.is_some() {
                return crate::dstu::public_key(&info).map_err(key_error("the originator's"));
            }
            // No parameters (jkurwa reads the point on its own curve).
            let mut point = info.key_value().to_vec();
            if info.algorithm_oid == ids::DSTU4145_BE {
                point.reverse();
            }
            return PublicKey::from_compressed(private.curve(), &point)
                .map_err(|e| EnvelopeFault::DstuAgreement(e).into());
        }
        OriginatorIdentifierOrKeyRef::IssuerAndSerialNumber(ias) => {
            SignerId::from_asn1(&RecipientIdentifierRef::IssuerAndSerialNumber(*ias))
                .map_err(|_| malformed())?
        }
        OriginatorIdentifierOrKeyRef::SubjectKeyIdentifier(ski) => {
            SignerId::SubjectKeyId(ski.as_bytes().to_vec())
        }
    };
    let cert = originators
        .iter()
        .find(|c| signer_matches(&sid, c))
        .ok_or_else(|| EnvelopedError::OriginatorCertificateMissing(describe(&sid)))?;
    certificate_key(cert, "the originator certificate's")
}

/// "serial 5be47000" or "subject key identifier 0a1b…".
fn describe(sid: &SignerId) -> String {
    match sid {
        SignerId::IssuerAndSerial { serial, .. } => format!("serial {}", hex::encode(serial)),
        SignerId::SubjectKeyId(id) => format!("subject key identifier {}", hex::encode(id)),
    }
}

/// The content-encryption key of a DSTU 4145 KeyAgreeRecipientInfo.
/// `originators` are the certificates a static originator may name (the
/// caller's and the envelope's `originatorInfo`).
pub(super) fn decrypt_agree(
    kari: &KeyAgreeRecipientInfoRef<'_>,
    encrypted_key: &[u8],
    key: &DstuPrivateKey,
    originators: &[&Certificate],
) -> Result<Zeroizing<Vec<u8>>, EnvelopedError> {
    let alg = &kari.key_encryption_algorithm;
    if alg.oid != ids::DSTU_COFACTOR_DH_GOST34311_KDF {
        return Err(unsupported(format!(
            "DSTU 4145 key agreement with {}",
            crate::oid::name_of(&alg.oid)
        )));
    }
    let wrap: AlgorithmIdentifierRef<'_> = alg
        .parameters
        .and_then(|p| p.decode_as().ok())
        .ok_or(EnvelopeFault::Parameters("DSTU 4145 key wrap"))?;
    if wrap.oid != ids::DSTU_GOST28147_WRAP {
        return Err(unsupported(format!(
            "DSTU 4145 key agreement with the key wrap {}",
            crate::oid::name_of(&wrap.oid)
        )));
    }
    let wrapped: &[u8; 44] = encrypted_key.try_into().map_err(|_| EnvelopeFault::Size {
        what: "the wrapped key (GOST 28147-89 key wrap)",
        expected: 44,
        actual: encrypted_key.len(),
    })?;
    let private = key.signing_key()?;
    let peer = originator_key(&kari.originator, &private, originators)?;
    let ukm = kari.ukm.map(|u| u.as_bytes());
    let zz = agree(&private, &peer)?;
    let sboxes = unwrap_sboxes(key.sbox()?);
    let mut forms = vec![zz_jkurwa(&zz)];
    if ambiguous(&zz) {
        forms.push(zz_uapki(&zz));
    }
    for form in forms {
        let kek = kek(form, ukm)?;
        for sbox in &sboxes {
            if let Ok(cek) = unwrap_ua(&kek, sbox, wrapped) {
                return Ok(Zeroizing::new(cek.to_vec()));
            }
        }
    }
    Err(failed())
}

/// The key of `key` that is `cert`'s: the main key, or the key-agreement
/// key an IIT container carries beside it.
pub(super) fn key_for<'k>(
    key: &'k DstuPrivateKey,
    cert: &Certificate,
) -> Option<&'k DstuPrivateKey> {
    let public = &cert.fields().public_key;
    if key.matches(public) {
        return Some(key);
    }
    key.agreement_key().filter(|k| k.matches(public))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// jkurwa's `gost_salt` for a 32-byte ukm, as its DER encoder writes it.
    #[test]
    fn shared_info_is_jkurwas_gost_salt() {
        let ukm = b"12345678901234567890123456789012";
        let expected = [
            &hex::decode("303d300f060b2a86240201010101010105 0500 a022 0420".replace(' ', ""))
                .unwrap_or_default()[..],
            ukm,
            &[0xa2, 0x06, 0x04, 0x04, 0x00, 0x00, 0x01, 0x00],
        ]
        .concat();
        let info = shared_info(Some(ukm)).expect("encodes");
        assert_eq!(info, expected);
        assert_eq!(
            shared_info(None).expect("encodes"),
            hex::decode("3019300f060b2a862402010101010101050500a20604040000 0100".replace(' ', ""))
                .unwrap_or_default()
        );
    }

    #[test]
    fn zz_forms() {
        assert_eq!(zz_jkurwa(&[0, 0, 5]), &[0, 5]);
        assert_eq!(zz_uapki(&[0, 0, 5]), &[5]);
        assert_eq!(zz_jkurwa(&[1, 0, 5]), &[1, 0, 5]);
        assert!(ambiguous(&[0, 0, 5]));
        assert!(!ambiguous(&[0, 1, 5]));
        assert!(!ambiguous(&[]));
    }
}
