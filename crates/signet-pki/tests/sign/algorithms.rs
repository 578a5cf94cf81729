//! CAdES-BES per key algorithm (RSA, ECDSA P-256/P-384, Ed25519, GOST
//! 2012-256/512 in each parameter set, GOST 2001 with GOST R 34.11-94):
//! attached and detached, verified by `openssl cms -verify` (GnuTLS
//! `certtool` for Ed25519) and by signet.

use super::*;

/// Signs `DOC` four ways (attached / detached × plain CMS / CAdES-BES)
/// with a signer of `key` under a PKI of `ca`, and has each verified by
/// the peer and by signet.
fn sign_four_ways(ca: KeyType, key: KeyType) {
    let pki = TestPki::new(ca);
    let party = pki.issue("Подписант", key, None, &[]);
    let signer = certified(&pki, &party);
    let trust = trust_root(&pki);
    let gost = key.is_gost() || ca.is_gost();
    for detached in [false, true] {
        for cades in [false, true] {
            let time = now();
            let sig = SignedDataBuilder::new(DOC)
                .detached(detached)
                .cades_bes(cades)
                .signing_time(Some(time))
                .include_certificates(intermediate(&pki))
                .add_signer(&signer)
                .build()
                .expect("signs");
            let case = format!("{key:?}, detached {detached}, CAdES-BES {cades}");
            assert_der(&sig);
            assert_eq!(all_signers_cades(&sig), cades, "{case}");
            let content = detached.then_some(DOC);
            if key == KeyType::Ed25519 {
                let out = certtool_verify(&pki, &sig, content)
                    .unwrap_or_else(|e| panic!("certtool rejects ({case}): {e}"));
                assert!(out.contains("Signature status: ok"), "{case}: {out}");
                let other = certtool_verify(&pki, &sig, Some(b"another document"));
                assert!(other.is_err(), "certtool accepts other content ({case})");
            } else {
                let out = openssl_verify(&pki, &sig, content, gost)
                    .unwrap_or_else(|e| panic!("openssl cms -verify rejects ({case}): {e}"));
                assert_eq!(out, DOC, "OpenSSL reads the signed content ({case})");
                if detached {
                    assert!(
                        openssl_verify(&pki, &sig, Some(b"another document"), gost).is_err(),
                        "openssl accepts other content ({case})"
                    );
                }
            }
            let report = signet_validate(&trust, &sig, DOC);
            assert_valid(&report);
            let s = &report.signers[0];
            assert_eq!(
                s.cades,
                cades.then_some(CadesLevel::Bes),
                "CAdES level ({case})"
            );
            assert_eq!(s.signing_time, Some(time), "signing-time ({case})");
            match &s.chain {
                ChainStatus::Valid { path, .. } => assert_eq!(path.len(), 3, "{case}"),
                other => panic!("chain ({case}): {other:?}"),
            }
            let signed = SignedData::parse(&sig).expect("parses");
            assert_eq!(signed.content.is_none(), detached, "{case}");
            assert_eq!(signed.version, 1);
            assert_eq!(signed.signers[0].version, 1);
            assert!(!signet_validate(&trust, &sig, b"another document").is_valid());
        }
    }
}

#[test]
fn rsa_2048() {
    sign_four_ways(KeyType::Rsa(2048), KeyType::Rsa(2048));
}

#[test]
fn ec_p256() {
    sign_four_ways(KeyType::EcP256, KeyType::EcP256);
}

#[test]
fn ec_p384() {
    sign_four_ways(KeyType::EcP384, KeyType::EcP384);
}

#[test]
fn ed25519() {
    sign_four_ways(KeyType::Ed25519, KeyType::Ed25519);
}

#[test]
fn gost_2012_256_paramset_a() {
    sign_four_ways(KeyType::Gost2012_256("A"), KeyType::Gost2012_256("A"));
}

#[test]
fn gost_2012_256_tc26_a_twisted_edwards() {
    sign_four_ways(KeyType::Gost2012_256("TCA"), KeyType::Gost2012_256("TCA"));
}

#[test]
fn gost_2012_512_paramset_a() {
    sign_four_ways(KeyType::Gost2012_512("A"), KeyType::Gost2012_512("A"));
}

#[test]
fn gost_2012_512_paramset_c_twisted_edwards() {
    sign_four_ways(KeyType::Gost2012_512("C"), KeyType::Gost2012_512("C"));
}

/// GOST R 34.10-2001 with GOST R 34.11-94: a self-signed certificate made
/// with `openssl req -x509 -md_gost94` (test_support's key types are
/// 2012 only).
#[test]
fn gost_2001_with_gost_r_34_11_94() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let dir = pki.ossl.dir();
    let key_path = dir.join("gost2001.pem");
    let cert_path = dir.join("gost2001-cert.pem");
    pki.ossl.run(
        &[
            "genpkey",
            "-algorithm",
            "gost2001",
            "-pkeyopt",
            "paramset:A",
            "-out",
            &p(&key_path),
        ],
        true,
    );
    pki.ossl.run(
        &[
            "req",
            "-x509",
            "-new",
            "-key",
            &p(&key_path),
            "-subj",
            "/CN=ГОСТ 2001/O=signet test",
            "-utf8",
            "-md_gost94",
            "-days",
            "30",
            "-out",
            &p(&cert_path),
        ],
        true,
    );
    let cert_files = pki.ossl.load_cert(&cert_path, true);
    let key_der = pkcs8_of(&pki, &key_path, true);
    let signer = CertifiedKey::from_pkcs8(certificate(&cert_files.der), &key_der)
        .expect("the 2001 key belongs to its certificate");
    let sig = SignedDataBuilder::new(DOC)
        .detached(true)
        .signing_time(Some(now()))
        .add_signer(&signer)
        .build()
        .expect("signs");
    let signed = SignedData::parse(&sig).expect("parses");
    assert_eq!(
        signed.signers[0].signature_algorithm.oid.to_string(),
        "1.2.643.2.2.3",
        "id-GostR3411-94-with-GostR3410-2001"
    );
    assert_eq!(
        signed.signers[0].digest_algorithm.oid.to_string(),
        "1.2.643.2.2.9",
        "id-GostR3411-94"
    );
    // The certificate is its own trust anchor here.
    let sig_path = pki.ossl.temp_file("sig2001", "p7s", &sig);
    let content = pki.ossl.temp_file("doc2001", "bin", DOC);
    pki.ossl.run(
        &[
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            &p(&sig_path),
            "-content",
            &p(&content),
            "-CAfile",
            &p(&cert_files.pem_path),
            "-out",
            "/dev/null",
        ],
        true,
    );
    let trust = TrustStore::from_certificates([certificate(&cert_files.der)]);
    let report = signet_validate(&trust, &sig, DOC);
    assert!(
        report.signers[0].signature.is_ok(),
        "{:?}",
        report.failure()
    );
    assert_eq!(report.signers[0].cades, Some(CadesLevel::Bes));
}
