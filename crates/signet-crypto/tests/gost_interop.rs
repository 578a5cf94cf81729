//! GOST R 34.10 and VKO against the real peer: OpenSSL 3 with Debian's
//! gost-engine (`libengine-gost-openssl`), in both directions.
//!
//! Every parameter set the engine offers is covered: `gost2012_256` with
//! paramsets 0 (2001 test), A, B, C, XA, XB, TCA, TCB, TCC, TCD;
//! `gost2012_512` with A, B, C and the test set; legacy `gost2001` keys
//! with GOST R 34.11-94. For each one the tests check that
//!
//! - signet derives the engine's public key from the engine's private key
//!   (PKCS#8 privateKey OCTET STRING, little-endian; SubjectPublicKeyInfo
//!   OCTET STRING X‖Y, little-endian);
//! - signatures the engine makes over a message (`openssl dgst -sign`) and
//!   over a raw digest (`openssl pkeyutl -sign`) verify with signet, and
//!   fail once the message changes;
//! - signatures signet makes verify with `openssl dgst -verify` and
//!   `openssl pkeyutl -verify`, and a flipped bit makes the engine reject;
//! - the signature of a self-signed certificate made by `openssl req -x509`
//!   verifies with signet over the hash of its tbsCertificate;
//! - `openssl pkeyutl -derive` (VKO with UKM) gives signet's VKO result.
//!
//! The engine is loaded by `test_support::Openssl`, through an OpenSSL
//! configuration file passed to each child process in OPENSSL_CONF.

use digest::Digest;
use signet_crypto::gost3410::{
    Curve, PublicKey, SigningKey, vko_gostr3410_2001, vko_gostr3410_2012_256,
    vko_gostr3410_2012_512,
};
use test_support::Openssl;

/// One parameter set as gost-engine names it.
#[derive(Clone, Copy, Debug)]
struct Case {
    algorithm: &'static str,
    paramset: &'static str,
    curve: Curve,
}

impl Case {
    /// The `openssl dgst` option of the hash that goes with the key.
    fn md(self) -> &'static str {
        match self.algorithm {
            "gost2001" => "-md_gost94",
            "gost2012_256" => "-md_gost12_256",
            _ => "-md_gost12_512",
        }
    }

    fn digest(self, message: &[u8]) -> Vec<u8> {
        match self.algorithm {
            "gost2001" => gost94::Gost94CryptoPro::digest(message).to_vec(),
            "gost2012_256" => streebog::Streebog256::digest(message).to_vec(),
            _ => streebog::Streebog512::digest(message).to_vec(),
        }
    }

    fn tag(self) -> String {
        format!("{}-{}", self.algorithm, self.paramset).replace(['.', ':'], "_")
    }
}

const fn case(algorithm: &'static str, paramset: &'static str, curve: Curve) -> Case {
    Case {
        algorithm,
        paramset,
        curve,
    }
}

const CASES: &[Case] = &[
    case("gost2012_256", "0", Curve::Gost2001Test),
    case("gost2012_256", "A", Curve::CryptoProA),
    case("gost2012_256", "B", Curve::CryptoProB),
    case("gost2012_256", "C", Curve::CryptoProC),
    case("gost2012_256", "XA", Curve::CryptoProXchA),
    case("gost2012_256", "XB", Curve::CryptoProXchB),
    case("gost2012_256", "TCA", Curve::Tc26Gost256A),
    case("gost2012_256", "TCB", Curve::Tc26Gost256B),
    case("gost2012_256", "TCC", Curve::Tc26Gost256C),
    case("gost2012_256", "TCD", Curve::Tc26Gost256D),
    case(
        "gost2012_512",
        "id-tc26-gost-3410-2012-512-paramSetTest",
        Curve::Tc26Gost512Test,
    ),
    case("gost2012_512", "A", Curve::Tc26Gost512A),
    case("gost2012_512", "B", Curve::Tc26Gost512B),
    case("gost2012_512", "C", Curve::Tc26Gost512C),
    case("gost2001", "A", Curve::CryptoProA),
    case("gost2001", "B", Curve::CryptoProB),
    case("gost2001", "C", Curve::CryptoProC),
    case("gost2001", "XA", Curve::CryptoProXchA),
    case("gost2001", "XB", Curve::CryptoProXchB),
];

// --- a few lines of DER -----------------------------------------------------

/// One element: (tag, contents, rest).
fn der(input: &[u8]) -> (u8, &[u8], &[u8]) {
    let tag = input[0];
    let (len, header) = match input[1] {
        l if l < 0x80 => (l as usize, 2),
        0x81 => (input[2] as usize, 3),
        0x82 => (((input[2] as usize) << 8) | input[3] as usize, 4),
        other => panic!("unexpected DER length byte {other:#x}"),
    };
    (tag, &input[header..header + len], &input[header + len..])
}

/// The private scalar, little-endian, from PKCS#8 DER. gost-engine writes
/// the raw little-endian bytes; older writers wrapped them in an OCTET
/// STRING or wrote a (big-endian) INTEGER, which are accepted too.
fn pkcs8_private_le(pkcs8: &[u8], len: usize) -> Vec<u8> {
    let (_, info, _) = der(pkcs8);
    let (_, _, rest) = der(info); // version
    let (_, _, rest) = der(rest); // privateKeyAlgorithm
    let (tag, private, _) = der(rest);
    assert_eq!(tag, 0x04);
    if private.len() == len {
        return private.to_vec();
    }
    match der(private) {
        (0x04, inner, _) => inner.to_vec(),
        (0x02, be, _) => {
            let be = if be[0] == 0 { &be[1..] } else { be };
            let mut le: Vec<u8> = be.iter().rev().copied().collect();
            le.resize(len, 0);
            le
        }
        (tag, _, _) => panic!("unexpected private key encoding, tag {tag:#x}"),
    }
}

/// X‖Y from SubjectPublicKeyInfo DER: the OCTET STRING in the BIT STRING.
fn spki_public(spki: &[u8]) -> Vec<u8> {
    let (_, info, _) = der(spki);
    let (_, _, rest) = der(info); // algorithm
    let (tag, bits, _) = der(rest);
    assert_eq!(tag, 0x03);
    assert_eq!(bits[0], 0);
    let (tag, point, _) = der(&bits[1..]);
    assert_eq!(tag, 0x04);
    point.to_vec()
}

/// (tbsCertificate DER, signature bits) of a certificate.
fn certificate_parts(cert: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let (_, body, _) = der(cert);
    let tbs_len = body.len() - der(body).2.len();
    let tbs = &body[..tbs_len];
    let (_, _, rest) = der(&body[tbs_len..]); // signatureAlgorithm
    let (tag, bits, _) = der(rest);
    assert_eq!(tag, 0x03);
    assert_eq!(bits[0], 0);
    (tbs.to_vec(), bits[1..].to_vec())
}

// --- fixtures ----------------------------------------------------------------

/// A key made by the engine, as signet reads it.
struct EngineKey {
    key_pem: String,
    pub_pem: String,
    signing: SigningKey,
    public: PublicKey,
}

fn engine_key(ossl: &Openssl, case: Case, name: &str) -> EngineKey {
    let key_pem = ossl.path(&format!("{name}.pem"));
    let pub_pem = ossl.path(&format!("{name}.pub.pem"));
    let paramset = format!("paramset:{}", case.paramset);
    ossl.run_text(
        &[
            "genpkey",
            "-algorithm",
            case.algorithm,
            "-pkeyopt",
            &paramset,
            "-out",
            &key_pem,
        ],
        true,
    );
    ossl.run_text(
        &["pkey", "-in", &key_pem, "-pubout", "-out", &pub_pem],
        true,
    );
    let der_key = ossl.path(&format!("{name}.p8.der"));
    let der_pub = ossl.path(&format!("{name}.spki.der"));
    ossl.run_text(
        &["pkey", "-in", &key_pem, "-outform", "DER", "-out", &der_key],
        true,
    );
    ossl.run_text(
        &[
            "pkey", "-in", &key_pem, "-pubout", "-outform", "DER", "-out", &der_pub,
        ],
        true,
    );
    let private = pkcs8_private_le(
        &std::fs::read(&der_key).expect("PKCS#8 DER"),
        case.curve.field_len(),
    );
    let public_bytes = spki_public(&std::fs::read(&der_pub).expect("SPKI DER"));
    let signing = SigningKey::from_le_bytes(case.curve, &private)
        .unwrap_or_else(|e| panic!("{case:?}: engine private key rejected: {e}"));
    let public = PublicKey::from_le_bytes(case.curve, &public_bytes)
        .unwrap_or_else(|e| panic!("{case:?}: engine public key rejected: {e}"));
    assert_eq!(
        signing.public_key(),
        &public,
        "{case:?}: signet derives the engine's public key"
    );
    EngineKey {
        key_pem,
        pub_pem,
        signing,
        public,
    }
}

// --- tests ---------------------------------------------------------------------

/// The engine signs a message and a raw digest; signet verifies both.
#[test]
fn engine_signs_signet_verifies() {
    let ossl = Openssl::new();
    for &case in CASES {
        let tag = case.tag();
        let key = engine_key(&ossl, case, &tag);
        let message = format!("signed by gost-engine with {tag}").into_bytes();
        let msg_path = ossl.write(&format!("{tag}.msg"), &message);
        let sig_path = ossl.path(&format!("{tag}.dgst.sig"));
        ossl.run_text(
            &[
                "dgst",
                case.md(),
                "-sign",
                &key.key_pem,
                "-out",
                &sig_path,
                &msg_path,
            ],
            true,
        );
        let signature = std::fs::read(&sig_path).unwrap();
        let digest = case.digest(&message);
        key.public
            .verify_digest(&digest, &signature)
            .unwrap_or_else(|e| panic!("{case:?}: engine's dgst signature: {e}"));
        let other = case.digest(b"another message");
        assert!(
            key.public.verify_digest(&other, &signature).is_err(),
            "{case:?}"
        );

        let digest_path = ossl.write(&format!("{tag}.digest"), &digest);
        let raw_sig_path = ossl.path(&format!("{tag}.pkeyutl.sig"));
        ossl.run_text(
            &[
                "pkeyutl",
                "-sign",
                "-inkey",
                &key.key_pem,
                "-in",
                &digest_path,
                "-out",
                &raw_sig_path,
            ],
            true,
        );
        let signature = std::fs::read(&raw_sig_path).unwrap();
        key.public
            .verify_digest(&digest, &signature)
            .unwrap_or_else(|e| panic!("{case:?}: engine's pkeyutl signature: {e}"));
    }
}

/// signet signs with the engine's key; the engine verifies, and rejects a
/// flipped bit.
#[test]
fn signet_signs_engine_verifies() {
    let ossl = Openssl::new();
    for &case in CASES {
        let tag = case.tag();
        let key = engine_key(&ossl, case, &tag);
        let message = format!("signed by signet with {tag}").into_bytes();
        let msg_path = ossl.write(&format!("{tag}.msg"), &message);
        let digest = case.digest(&message);
        let signature = key.signing.sign_digest(&digest).unwrap();
        let sig_path = ossl.write(&format!("{tag}.signet.sig"), &signature);
        let out = ossl.run_text(
            &[
                "dgst",
                case.md(),
                "-verify",
                &key.pub_pem,
                "-signature",
                &sig_path,
                &msg_path,
            ],
            true,
        );
        assert!(out.contains("Verified OK"), "{case:?}: {out}");

        let digest_path = ossl.write(&format!("{tag}.digest"), &digest);
        let out = ossl.run_text(
            &[
                "pkeyutl",
                "-verify",
                "-pubin",
                "-inkey",
                &key.pub_pem,
                "-in",
                &digest_path,
                "-sigfile",
                &sig_path,
            ],
            true,
        );
        assert!(
            out.contains("Signature Verified Successfully"),
            "{case:?}: {out}"
        );

        let mut flipped = signature.clone();
        flipped[signature.len() - 1] ^= 1;
        let bad_path = ossl.write(&format!("{tag}.flipped.sig"), &flipped);
        let verdict = ossl.try_run(
            &[
                "dgst",
                case.md(),
                "-verify",
                &key.pub_pem,
                "-signature",
                &bad_path,
                &msg_path,
            ],
            true,
        );
        assert!(
            verdict.is_err_and(|printed| !printed.contains("Verified OK")),
            "{case:?}: engine took a flipped signature"
        );
    }
}

/// A key signet generates, signed with by signet, verifies in the engine
/// through its SubjectPublicKeyInfo: the public key encoding is the same.
#[test]
fn signet_keys_verify_in_engine() {
    let ossl = Openssl::new();
    for &case in CASES.iter().filter(|c| c.algorithm != "gost2001") {
        let tag = case.tag();
        // Borrow the engine's SPKI header for this parameter set and put a
        // signet-generated point in it.
        let template = engine_key(&ossl, case, &format!("{tag}.template"));
        let spki_template = {
            let path = ossl.path(&format!("{tag}.template.spki.der"));
            std::fs::read(path).unwrap()
        };
        let ours = SigningKey::generate(case.curve).unwrap();
        let old = template.public.as_le_bytes();
        let position = spki_template
            .windows(old.len())
            .position(|w| w == old)
            .expect("the point is in the SPKI");
        let mut spki = spki_template.clone();
        spki[position..position + old.len()].copy_from_slice(ours.public_key().as_le_bytes());
        let spki_path = ossl.write(&format!("{tag}.ours.spki.der"), &spki);

        let message = format!("key made by signet, {tag}").into_bytes();
        let msg_path = ossl.write(&format!("{tag}.ours.msg"), &message);
        let signature = ours.sign_digest(&case.digest(&message)).unwrap();
        let sig_path = ossl.write(&format!("{tag}.ours.sig"), &signature);
        let out = ossl.run_text(
            &[
                "dgst",
                case.md(),
                "-verify",
                &spki_path,
                "-keyform",
                "DER",
                "-signature",
                &sig_path,
                &msg_path,
            ],
            true,
        );
        assert!(out.contains("Verified OK"), "{case:?}: {out}");
    }
}

/// Self-signed certificates made by `openssl req -x509`: the signature BIT
/// STRING verifies with signet over the hash of tbsCertificate.
#[test]
fn engine_certificates_verify() {
    let ossl = Openssl::new();
    for (index, &case) in CASES.iter().enumerate() {
        let tag = case.tag();
        let key = engine_key(&ossl, case, &tag);
        let cert_path = ossl.path(&format!("{tag}.cert.der"));
        let subject = format!("/CN=signet interop {index}");
        ossl.run_text(
            &[
                "req",
                "-x509",
                "-new",
                "-key",
                &key.key_pem,
                case.md(),
                "-subj",
                &subject,
                "-days",
                "1",
                "-outform",
                "DER",
                "-out",
                &cert_path,
            ],
            true,
        );
        let (tbs, signature) = certificate_parts(&ossl.read(&format!("{tag}.cert.der")));
        key.public
            .verify_digest(&case.digest(&tbs), &signature)
            .unwrap_or_else(|e| panic!("{case:?}: certificate signature: {e}"));
    }
}

/// `openssl pkeyutl -derive` with a UKM against signet's VKO, both ways
/// round: VKO GOST R 34.10-2001 for gost2001 keys, VKO_GOSTR3410_2012_256
/// for 256-bit keys (including the cofactor-4 TC26 set A) and both
/// VKO_GOSTR3410_2012_256 and _512 for 512-bit keys.
#[test]
fn vko_matches_engine() {
    let ossl = Openssl::new();
    let ukm8 = "0102030405060708";
    let ukm16 = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    for &case in CASES {
        let tag = case.tag();
        let a = engine_key(&ossl, case, &format!("{tag}.a"));
        let b = engine_key(&ossl, case, &format!("{tag}.b"));
        let derive = |ukm: &str, vko: Option<&str>| -> Vec<u8> {
            let out = ossl.path(&format!("{tag}.shared"));
            let ukm_opt = format!("ukmhex:{ukm}");
            let mut args = vec![
                "pkeyutl", "-derive", "-inkey", &a.key_pem, "-peerkey", &b.pub_pem, "-pkeyopt",
                &ukm_opt,
            ];
            let vko_opt;
            if let Some(bits) = vko {
                vko_opt = format!("vko:{bits}");
                args.extend(["-pkeyopt", &vko_opt]);
            }
            args.extend(["-out", &out]);
            ossl.run_text(&args, true);
            std::fs::read(&out).unwrap()
        };
        let ukm8_bytes = hex::decode(ukm8).unwrap();
        let ukm16_bytes = hex::decode(ukm16).unwrap();
        match case.algorithm {
            "gost2001" => {
                let engine = derive(ukm8, None);
                let ours = vko_gostr3410_2001(&a.signing, &b.public, &ukm8_bytes).unwrap();
                assert_eq!(engine, ours.to_vec(), "{case:?}: VKO 2001");
                let theirs = vko_gostr3410_2001(&b.signing, &a.public, &ukm8_bytes).unwrap();
                assert_eq!(ours, theirs);
            }
            "gost2012_256" => {
                let engine = derive(ukm8, Some("256"));
                let ours = vko_gostr3410_2012_256(&a.signing, &b.public, &ukm8_bytes).unwrap();
                assert_eq!(engine, ours.to_vec(), "{case:?}: VKO 2012-256");
                // Without the vko option the engine picks the key's hash:
                // the same function for an 8-byte UKM.
                assert_eq!(derive(ukm8, None), ours.to_vec(), "{case:?}");
            }
            _ => {
                let engine = derive(ukm8, Some("256"));
                let ours = vko_gostr3410_2012_256(&a.signing, &b.public, &ukm8_bytes).unwrap();
                assert_eq!(
                    engine,
                    ours.to_vec(),
                    "{case:?}: VKO 2012-256, 512-bit keys"
                );
                let engine = derive(ukm16, Some("512"));
                let ours = vko_gostr3410_2012_512(&a.signing, &b.public, &ukm16_bytes).unwrap();
                assert_eq!(engine, ours.to_vec(), "{case:?}: VKO 2012-512");
                let theirs = vko_gostr3410_2012_512(&b.signing, &a.public, &ukm16_bytes).unwrap();
                assert_eq!(ours, theirs);
            }
        }
    }
}
