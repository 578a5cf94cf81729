//! The worked examples of the standards and RFCs (GOST R 34.10-2012
//! appendix A, RFC 7091, RFC 4491, RFC 9215, RFC 7836) and VKO vectors,
//! each with its source.

use super::*;

/// RFC 5832 section 7 (GOST R 34.10-2001) and RFC 7091 section 7
/// (GOST R 34.10-2012, 256-bit), which print the same example on
/// id-GostR3410-2001-TestParamSet: d, Q, e, k, r and s.
#[test]
fn rfc7091_section7_example() {
    let key = SigningKey::from_le_bytes(
        Curve::Gost2001Test,
        &le("7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28"),
    )
    .unwrap();
    let mut q = le("7F2B49E270DB6D90D8595BEC458B50C58585BA1D4E9B788F6689DBD8E56FD80B");
    q.extend(le(
        "26F1B489D6701DD185C8413A977B3CBBAF64D1C593D26627DFFB101A87FF77DA",
    ));
    assert_eq!(key.public_key().as_le_bytes(), &q[..]);
    // e is printed as an integer; the digest that yields it is its
    // little-endian encoding.
    let digest = le("2DFBC1B372D89A1188C09C52E0EEC61FCE52032AB1022E8E67ECE6672B043EE5");
    let k = le("77105C9B20BCD3122823C8CF6FCC7B956DE33814E95B7FE64FED924594DCEAB3");
    let signature = key.sign_digest_with_k(&digest, &k).unwrap();
    let r = "41AA28D2F1AB148280CD9ED56FEDA41974053554A42767B83AD043FD39DC0493";
    let s = "01456C64BA4642A1653C235A98A60249BCD6D3F746B631DF928014F6C5BF9C40";
    assert_eq!(hex::encode_upper(&signature), format!("{s}{r}"));
    let public = PublicKey::from_le_bytes(Curve::Gost2001Test, &q).unwrap();
    public.verify_digest(&digest, &signature).unwrap();
}

/// GOST R 34.10-2012 appendix A.2 (the standard's 512-bit example, on
/// id-tc26-gost-3410-2012-512-paramSetTest). RFC 7091 reproduces only the
/// 256-bit example; these values are the standard's as printed in several
/// independent implementations' tests (pygost, libakrypt, a Java ECGOST
/// test), and RFC 9215 appendix D.3 confirms d, Q and r (see
/// `rfc9215_d3_512_test_parameters`).
#[test]
fn gost_r_34_10_2012_example_a2() {
    let key = SigningKey::from_le_bytes(
        Curve::Tc26Gost512Test,
        &le(
            "0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B1020\
             72E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4",
        ),
    )
    .unwrap();
    let mut q = le(
        "115DC5BC96760C7B48598D8AB9E740D4C4A85A65BE33C1815B5C320C854621DD\
                    5A515856D13314AF69BC5B924C8B4DDFF75C45415C1D9DD9DD33612CD530EFE1",
    );
    q.extend(le(
        "37C7C90CD40B0F5621DC3AC1B751CFA0E2634FA0503B3D52639F5D7FB72AFD61\
                 EA199441D943FFE7F0C70A2759A3CDB84C114E1F9339FDF27F35ECA93677BEEC",
    ));
    assert_eq!(key.public_key().as_le_bytes(), &q[..]);
    let digest = le(
        "3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C591\
                     7184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8C",
    );
    let k = le(
        "0359E7F4B1410FEACC570456C6801496946312120B39D019D455986E364F3658\
                86748ED7A44B3E794434006011842286212273A6D14CF70EA3AF71BB1AE679F1",
    );
    let signature = key.sign_digest_with_k(&digest, &k).unwrap();
    let r = "2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD3\
             5492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36";
    let s = "1081B394696FFE8E6585E7A9362D26B6325F56778AADBC081C0BFBE933D52FF5\
             823CE288E8C4F362526080DF7F70CE406A6EEB1F56919CB92A9853BDE73E5B4A";
    assert_eq!(hex::encode_upper(&signature), format!("{s}{r}"));
    key.public_key().verify_digest(&digest, &signature).unwrap();
}

/// RFC 4491 section 4.2: a GOST R 34.10-2001 self-signed certificate on
/// id-GostR3410-2001-CryptoPro-XchA-ParamSet, signed with GOST R 34.11-94
/// (CryptoPro parameters). The RFC gives d, the public point and r, s; the
/// signature BIT STRING is s‖r and the public key OCTET STRING X‖Y, both as
/// this module encodes them.
#[test]
fn rfc4491_section_4_2_certificate() {
    let (tbs, signature) = signed_parts(RFC4491_CERT_2001);
    let key = SigningKey::from_le_bytes(
        Curve::CryptoProXchA,
        &le("0B293BE050D0082BDAE785631A6BAB68F35B42786D6DDA56AFAF169891040F77"),
    )
    .unwrap();
    let mut q = le("577E324FE70F2B6DF45C437A0305E5FD2C89318C13CD0875401A026075689584");
    q.extend(le(
        "601AEACABC660FDFB0CBC7567EBBA6EA8DE40FAE857C9AD0038895B916CCEB8F",
    ));
    assert_eq!(key.public_key().as_le_bytes(), &q[..]);
    assert_eq!(
        hex::encode_upper(&signature),
        "3C2FC90944B727A9ECA7D5E9FB536DD2C3AA647C442EDEED3116454FBC543FDD\
         C1DE176E8D1BEC71B593F3DD36935577688989176220F4DAB131D5B51C33DEE2"
    );
    let digest = gost94::Gost94CryptoPro::digest(&tbs);
    let public = PublicKey::from_le_bytes(Curve::CryptoProXchA, &q).unwrap();
    public.verify_digest(&digest, &signature).unwrap();
    // The same key on the CryptoPro-A set (same curve) verifies too.
    PublicKey::from_le_bytes(Curve::CryptoProA, &q)
        .unwrap()
        .verify_digest(&digest, &signature)
        .unwrap();
}

/// RFC 9215 appendix D.1: certificate request, certificate and CRL signed
/// with GOST R 34.10-2012 (256) and Streebog-256 on the 2001 test set. The
/// signatures reuse RFC 7091's nonce (their r is that example's r), so
/// signing the same to-be-signed bytes with that k must give them exactly.
#[test]
fn rfc9215_d1_2001_test_parameters() {
    let key = SigningKey::from_le_bytes(
        Curve::Gost2001Test,
        &le("7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28"),
    )
    .unwrap();
    let k = le("77105C9B20BCD3122823C8CF6FCC7B956DE33814E95B7FE64FED924594DCEAB3");
    for pem in [RFC9215_D1_CSR, RFC9215_D1_CERT, RFC9215_D1_CRL] {
        let (tbs, signature) = signed_parts(pem);
        let digest = streebog::Streebog256::digest(&tbs);
        key.public_key().verify_digest(&digest, &signature).unwrap();
        assert_eq!(key.sign_digest_with_k(&digest, &k).unwrap(), signature);
    }
}

/// RFC 9215 appendix D.2: the same three objects on
/// id-tc26-gost-3410-2012-256-paramSetA (the twisted Edwards curve in
/// Weierstrass form); d and the public point as the RFC gives them.
#[test]
fn rfc9215_d2_tc26_256_a() {
    let key = SigningKey::from_le_bytes(
        Curve::Tc26Gost256A,
        &le("3A929ADE789BB9BE10ED359DD39A72C10B87C83F80BE18B85C041F4325B62EC1"),
    )
    .unwrap();
    let mut q = le("99C3DF265EA59350640BA69D1DE04418AF3FEA03EC0F85F2DD84E8BED4952774");
    q.extend(le(
        "E218631A69C47C122E2D516DA1C09E6BD19344D94389D1F16C0C4D4DCF96F578",
    ));
    assert_eq!(key.public_key().as_le_bytes(), &q[..]);
    for pem in [RFC9215_D2_CSR, RFC9215_D2_CERT, RFC9215_D2_CRL] {
        let (tbs, signature) = signed_parts(pem);
        let digest = streebog::Streebog256::digest(&tbs);
        key.public_key().verify_digest(&digest, &signature).unwrap();
    }
}

/// RFC 9215 appendix D.3: the 512-bit test set with Streebog-512. These
/// signatures reuse the nonce of GOST R 34.10-2012 example A.2.
#[test]
fn rfc9215_d3_512_test_parameters() {
    let key = SigningKey::from_le_bytes(
        Curve::Tc26Gost512Test,
        &le(
            "0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B1020\
             72E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4",
        ),
    )
    .unwrap();
    let k = le(
        "0359E7F4B1410FEACC570456C6801496946312120B39D019D455986E364F3658\
                86748ED7A44B3E794434006011842286212273A6D14CF70EA3AF71BB1AE679F1",
    );
    for pem in [RFC9215_D3_CSR, RFC9215_D3_CERT, RFC9215_D3_CRL] {
        let (tbs, signature) = signed_parts(pem);
        let digest = streebog::Streebog512::digest(&tbs);
        key.public_key().verify_digest(&digest, &signature).unwrap();
        assert_eq!(key.sign_digest_with_k(&digest, &k).unwrap(), signature);
    }
}

// ---------------------------------------------------------------------------
// VKO

/// RFC 7836 appendix B, examples 7 and 8: VKO_GOSTR3410_2012_256 and
/// VKO_GOSTR3410_2012_512 with 512-bit keys on
/// id-tc26-gost-3410-12-512-paramSetA. Keys and UKM are printed as byte
/// strings in wire order (little-endian).
#[test]
fn rfc7836_b7_b8_vko() {
    let ukm = h("1d80603c8544c727");
    let a = SigningKey::from_le_bytes(
        Curve::Tc26Gost512A,
        &h(
            "c990ecd972fce84ec4db022778f50fcac726f46708384b8d458304962d7147f8\
            c2db41cef22c90b102f2968404f9b9be6d47c79692d81826b32b8daca43cb667",
        ),
    )
    .unwrap();
    let a_pub = h(
        "aab0eda4abff21208d18799fb9a8556654ba783070eba10cb9abb253ec56dcf5\
                   d3ccba6192e464e6e5bcb6dea137792f2431f6c897eb1b3c0cc14327b1adc0a7\
                   914613a3074e363aedb204d38d3563971bd8758e878c9db11403721b48002d38\
                   461f92472d40ea92f9958c0ffa4c93756401b97f89fdbe0b5e46e4a4631cdb5a",
    );
    let b = SigningKey::from_le_bytes(
        Curve::Tc26Gost512A,
        &h(
            "48c859f7b6f11585887cc05ec6ef1390cfea739b1a18c0d4662293ef63b79e3b\
            8014070b44918590b4b996acfea4edfbbbcccc8c06edd8bf5bda92a51392d0db",
        ),
    )
    .unwrap();
    let b_pub = h(
        "192fe183b9713a077253c72c8735de2ea42a3dbc66ea317838b65fa32523cd5e\
                   fca974eda7c863f4954d1147f1f2b25c395fce1c129175e876d132e94ed5a651\
                   04883b414c9b592ec4dc84826f07d0b6d9006dda176ce48c391e3f97d102e03b\
                   b598bf132a228a45f7201aba08fc524a2d77e43a362ab022ad4028f75bde3b79",
    );
    assert_eq!(a.public_key().as_le_bytes(), &a_pub[..]);
    assert_eq!(b.public_key().as_le_bytes(), &b_pub[..]);
    let kek256 = h("c9a9a77320e2cc559ed72dce6f47e2192ccea95fa648670582c054c0ef36c221");
    let kek512 = h(
        "79f002a96940ce7bde3259a52e015297adaad84597a0d205b50e3e1719f97bfa\
                    7ee1d2661fa9979a5aa235b558a7e6d9f88f982dd63fc35a8ec0dd5e242d3bdf",
    );
    for (ours, theirs) in [(&a, &b), (&b, &a)] {
        let k = vko_gostr3410_2012_256(ours, theirs.public_key(), &ukm).unwrap();
        assert_eq!(k.to_vec(), kek256);
        let k = vko_gostr3410_2012_512(ours, theirs.public_key(), &ukm).unwrap();
        assert_eq!(k.to_vec(), kek512);
    }
}

/// VKO GOST R 34.10-2001 (RFC 4357 section 5.2). RFC 4357 has no worked
/// example; this vector (2001 test set, UKM 5172be25f852a233) is pygost's
/// `test_gost3410_vko.py`, and `tests/gost_interop.rs` checks the function
/// against gost-engine's derivation on every 256-bit set.
#[test]
fn vko_2001_pygost_vector() {
    let ukm = h("5172be25f852a233");
    let a = SigningKey::from_le_bytes(
        Curve::Gost2001Test,
        &h("1df129e43dab345b68f6a852f4162dc69f36b2f84717d08755cc5c44150bf928"),
    )
    .unwrap();
    let b = SigningKey::from_le_bytes(
        Curve::Gost2001Test,
        &h("5b9356c6474f913f1e83885ea0edd5df1a43fd9d799d219093241157ac9ed473"),
    )
    .unwrap();
    let kek = h("ee4618a0dbb10cb31777b4b86a53d9e7ef6cb3e400101410f0c0f2af46c494a6");
    assert_eq!(
        vko_gostr3410_2001(&a, b.public_key(), &ukm)
            .unwrap()
            .to_vec(),
        kek
    );
    assert_eq!(
        vko_gostr3410_2001(&b, a.public_key(), &ukm)
            .unwrap()
            .to_vec(),
        kek
    );
}

/// Both sides agree on every curve, including the cofactor-4 ones, and the
/// variant checks hold.
#[test]
fn vko_agrees_on_every_curve() {
    for curve in Curve::ALL {
        let a = SigningKey::generate(curve).unwrap();
        let b = SigningKey::generate(curve).unwrap();
        let ukm = [1, 2, 3, 4, 5, 6, 7, 8];
        assert_eq!(
            vko_gostr3410_2012_256(&a, b.public_key(), &ukm).unwrap(),
            vko_gostr3410_2012_256(&b, a.public_key(), &ukm).unwrap()
        );
        if curve.field_len() == 32 {
            assert_eq!(
                vko_gostr3410_2001(&a, b.public_key(), &ukm).unwrap(),
                vko_gostr3410_2001(&b, a.public_key(), &ukm).unwrap()
            );
            assert!(vko_gostr3410_2012_512(&a, b.public_key(), &ukm).is_err());
        } else {
            assert_eq!(
                vko_gostr3410_2012_512(&a, b.public_key(), &ukm).unwrap(),
                vko_gostr3410_2012_512(&b, a.public_key(), &ukm).unwrap()
            );
            assert!(vko_gostr3410_2001(&a, b.public_key(), &ukm).is_err());
        }
        // An empty or zero UKM means 1.
        assert_eq!(
            vko_gostr3410_2012_256(&a, b.public_key(), &[]).unwrap(),
            vko_gostr3410_2012_256(&a, b.public_key(), &[1]).unwrap()
        );
        assert_eq!(
            vko_gostr3410_2012_256(&a, b.public_key(), &[0; 8]).unwrap(),
            vko_gostr3410_2012_256(&a, b.public_key(), &[1]).unwrap()
        );
        let too_long = vec![1u8; curve.field_len() + 1];
        assert!(vko_gostr3410_2012_256(&a, b.public_key(), &too_long).is_err());
    }
    let a = SigningKey::generate(Curve::CryptoProA).unwrap();
    let b = SigningKey::generate(Curve::CryptoProB).unwrap();
    assert!(matches!(
        vko_gostr3410_2012_256(&a, b.public_key(), &[1]),
        Err(Error::CurveMismatch { .. })
    ));
}

/// On a cofactor-4 curve a peer point of small order gives the point at
/// infinity, never a key. (t, 0) with t = (e + d)/6 is a root of
/// x³ + ax + b for the Weierstrass form of RFC 7836 section 5.2, so it has
/// order 2.
#[test]
fn vko_rejects_small_order_peer() {
    fn check<C: CurveSpec<N>, const N: usize>(curve: Curve, d_hex: &str) {
        type M<C, const N: usize> = ConstMontyForm<<C as CurveSpec<N>>::P, N>;
        let d = M::<C, N>::new(&Uint::from_le_slice(&le(&format!(
            "{d_hex:0>width$}",
            width = 16 * N
        ))));
        let t = M::<C, N>::ONE
            .add(&d)
            .mul(&M::<C, N>::new(&Uint::from_u8(6)).invert().unwrap());
        let mut encoded = vec![0u8; 16 * N];
        let point = Affine::<C, N>::from_fe(
            F::<C, N>::from_uint(&t.retrieve()).unwrap(),
            F::<C, N>::ZERO,
        );
        assert!(point.is_on_curve());
        point.write_le_bytes(&mut encoded);
        let peer = PublicKey::from_le_bytes(curve, &encoded).unwrap();
        let ours = SigningKey::generate(curve).unwrap();
        assert_eq!(
            vko_gostr3410_2012_256(&ours, &peer, &[1, 2, 3]),
            Err(Error::SharedPointAtInfinity)
        );
        let digest = vec![1u8; 8 * N];
        let signature = ours.sign_digest(&digest).unwrap();
        assert!(peer.verify_digest(&digest, &signature).is_err());
    }
    check::<Tc256A, 4>(
        Curve::Tc26Gost256A,
        "0605F6B7C183FA81578BC39CFAD518132B9DF62897009AF7E522C32D6DC7BFFB",
    );
    check::<Tc512C, 8>(
        Curve::Tc26Gost512C,
        "9E4F5D8C017D8D9F13A5CF3CDF5BFE4DAB402D54198E31EBDE28A0621050439C\
         A6B39E0A515C06B304E2CE43E79E369E91A0CFC2BC2A22B4CA302DBB33EE7550",
    );
}

// ---------------------------------------------------------------------------
// Encodings and error paths

/// RFC 4491 section 4.2, "GOST R 34.10-2001 Certificate".
const RFC4491_CERT_2001: &str = concat!(
    "MIIB0DCCAX8CECv1xh7CEb0Xx9zUYma0LiEwCAYGKoUDAgIDMG0xHzAdBgNVBAMM",
    "Fkdvc3RSMzQxMC0yMDAxIGV4YW1wbGUxEjAQBgNVBAoMCUNyeXB0b1BybzELMAkG",
    "A1UEBhMCUlUxKTAnBgkqhkiG9w0BCQEWGkdvc3RSMzQxMC0yMDAxQGV4YW1wbGUu",
    "Y29tMB4XDTA1MDgxNjE0MTgyMFoXDTE1MDgxNjE0MTgyMFowbTEfMB0GA1UEAwwW",
    "R29zdFIzNDEwLTIwMDEgZXhhbXBsZTESMBAGA1UECgwJQ3J5cHRvUHJvMQswCQYD",
    "VQQGEwJSVTEpMCcGCSqGSIb3DQEJARYaR29zdFIzNDEwLTIwMDFAZXhhbXBsZS5j",
    "b20wYzAcBgYqhQMCAhMwEgYHKoUDAgIkAAYHKoUDAgIeAQNDAARAhJVodWACGkB1",
    "CM0TjDGJLP3lBQN6Q1z0bSsP508yfleP68wWuZWIA9CafIWuD+SN6qa7flbHy7Df",
    "D2a8yuoaYDAIBgYqhQMCAgMDQQA8L8kJRLcnqeyn1en7U23Sw6pkfEQu3u0xFkVP",
    "vFQ/3cHeF26NG+xxtZPz3TaTVXdoiYkXYiD02rEx1bUcM97i",
);

/// RFC 9215 appendix D.1.1.
const RFC9215_D1_CSR: &str = concat!(
    "MIHTMIGBAgEAMBIxEDAOBgNVBAMTB0V4YW1wbGUwZjAfBggqhQMHAQEBATATBgcq",
    "hQMCAiMABggqhQMHAQECAgNDAARAC9hv5djbiWaPeJtOHbqFhcVQi0XsW1nYkG3b",
    "cOJJK3/ad/+HGhD73ydm0pPF0WSvuzx7lzpByIXRHXDWibTxJqAAMAoGCCqFAwcB",
    "AQMCA0EAaqqzjjXUqqUXlAMBeZEi2FVIT1efTLuW1jzf3zrMQypBqijS8asUgoDN",
    "ntVv7aQZdAU1VKQnZ7g60EP9OdwEkw==",
);

/// RFC 9215 appendix D.1.2.
const RFC9215_D1_CERT: &str = concat!(
    "MIIBLTCB26ADAgECAgEKMAoGCCqFAwcBAQMCMBIxEDAOBgNVBAMTB0V4YW1wbGUw",
    "IBcNMDEwMTAxMDAwMDAwWhgPMjA1MDEyMzEwMDAwMDBaMBIxEDAOBgNVBAMTB0V4",
    "YW1wbGUwZjAfBggqhQMHAQEBATATBgcqhQMCAiMABggqhQMHAQECAgNDAARAC9hv",
    "5djbiWaPeJtOHbqFhcVQi0XsW1nYkG3bcOJJK3/ad/+HGhD73ydm0pPF0WSvuzx7",
    "lzpByIXRHXDWibTxJqMTMBEwDwYDVR0TAQH/BAUwAwEB/zAKBggqhQMHAQEDAgNB",
    "AE1T8BL+CBd2UH1Nm7gfAO/bTu/Uq4O6xLrPc1Fzz6gcQaoo0vGrFIKAzZ7Vb+2k",
    "GXQFNVSkJ2e4OtBD/TncBJM=",
);

/// RFC 9215 appendix D.1.3.
const RFC9215_D1_CRL: &str = concat!(
    "MIGSMEECAQEwCgYIKoUDBwEBAwIwEjEQMA4GA1UEAxMHRXhhbXBsZRcNMTQwMTAx",
    "MDAwMDAwWhcNMTQwMTAyMDAwMDAwWjAKBggqhQMHAQEDAgNBAEK/OSoU0+vpV68+",
    "RstQv19CIaADrT0XJ1PJSpw3ox0gQaoo0vGrFIKAzZ7Vb+2kGXQFNVSkJ2e4OtBD",
    "/TncBJM=",
);

/// RFC 9215 appendix D.2.1.
const RFC9215_D2_CSR: &str = concat!(
    "MIHKMHkCAQAwEjEQMA4GA1UEAxMHRXhhbXBsZTBeMBcGCCqFAwcBAQEBMAsGCSqF",
    "AwcBAgEBAQNDAARAdCeV1L7ohN3yhQ/sA+o/rxhE4B2dpgtkUJOlXibfw5l49ZbP",
    "TU0MbPHRiUPZRJPRa57AoW1RLS4SfMRpGmMY4qAAMAoGCCqFAwcBAQMCA0EAG9wq",
    "Exdnm2YjL2PqFv98ZMyqua2FX8bhgJFmHbedSBIdDh2lvjR8bxtSVseurCAK1krH",
    "em9bOg4Jcxjnrm7naQ==",
);

/// RFC 9215 appendix D.2.2.
const RFC9215_D2_CERT: &str = concat!(
    "MIIBJTCB06ADAgECAgEKMAoGCCqFAwcBAQMCMBIxEDAOBgNVBAMTB0V4YW1wbGUw",
    "IBcNMDEwMTAxMDAwMDAwWhgPMjA1MDEyMzEwMDAwMDBaMBIxEDAOBgNVBAMTB0V4",
    "YW1wbGUwXjAXBggqhQMHAQEBATALBgkqhQMHAQIBAQEDQwAEQHQnldS+6ITd8oUP",
    "7APqP68YROAdnaYLZFCTpV4m38OZePWWz01NDGzx0YlD2UST0WuewKFtUS0uEnzE",
    "aRpjGOKjEzARMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoUDBwEBAwIDQQAUC02pEksJ",
    "yw1c6Sjuh0JzoxASlJLsDik2njt5EkhXjB0OHaW+NHxvG1JWx66sIArWSsd6b1s6",
    "DglzGOeubudp",
);

/// RFC 9215 appendix D.2.3.
const RFC9215_D2_CRL: &str = concat!(
    "MIGSMEECAQEwCgYIKoUDBwEBAwIwEjEQMA4GA1UEAxMHRXhhbXBsZRcNMTQwMTAx",
    "MDAwMDAwWhcNMTQwMTAyMDAwMDAwWjAKBggqhQMHAQEDAgNBABS9aAh8O5A8eqKL",
    "B/6y571v4JY/VjJnNZ9c2Oq0UFmtHQ4dpb40fG8bUlbHrqwgCtZKx3pvWzoOCXMY",
    "565u52k=",
);

/// RFC 9215 appendix D.3.1.
const RFC9215_D3_CSR: &str = concat!(
    "MIIBTzCBvAIBADASMRAwDgYDVQQDEwdFeGFtcGxlMIGgMBcGCCqFAwcBAQECMAsG",
    "CSqFAwcBAgECAAOBhAAEgYDh7zDVLGEz3dmdHVxBRVz3302LTJJbvGmvFDPRVlhR",
    "Wt0hRoUMMlxbgcEzvmVaqMTUQOe5io1ZSHsMdpa8xV0R7L53NqnsNX/y/TmTH04R",
    "TLjNo1knCsfw5/9D2UGUGeph/Sq3f12fY1I9O1CgT2PioM9Rt8E63CFWDwvUDMnH",
    "N6AAMAoGCCqFAwcBAQMDA4GBAEM7HWzkClHx5XN+sWqixoOCmkBbnZEn4hJg/J1q",
    "wF2HvyTibEUnilwhkqdbqUmTq9YHTn/xvwP9L1OXr6HZRVgvhvpgoIEJGiPdeV4e",
    "PGie5RKjyC7g3MJkPHjuqPys01SSVYSGsg8cnsGXyQaZhQJgyTvLzZxcMxfhk0Th",
    "c642",
);

/// RFC 9215 appendix D.3.2.
const RFC9215_D3_CERT: &str = concat!(
    "MIIBqjCCARagAwIBAgIBCzAKBggqhQMHAQEDAzASMRAwDgYDVQQDEwdFeGFtcGxl",
    "MCAXDTAxMDEwMTAwMDAwMFoYDzIwNTAxMjMxMDAwMDAwWjASMRAwDgYDVQQDEwdF",
    "eGFtcGxlMIGgMBcGCCqFAwcBAQECMAsGCSqFAwcBAgECAAOBhAAEgYDh7zDVLGEz",
    "3dmdHVxBRVz3302LTJJbvGmvFDPRVlhRWt0hRoUMMlxbgcEzvmVaqMTUQOe5io1Z",
    "SHsMdpa8xV0R7L53NqnsNX/y/TmTH04RTLjNo1knCsfw5/9D2UGUGeph/Sq3f12f",
    "Y1I9O1CgT2PioM9Rt8E63CFWDwvUDMnHN6MTMBEwDwYDVR0TAQH/BAUwAwEB/zAK",
    "BggqhQMHAQEDAwOBgQBBVwPYkvGl8/aMQ1MYmn7iB7gLVjHvnUlSmk1rVCws+hWq",
    "LqzxH0cP3n2VSFaQPDX9j5Ve8wDZXHdTSnJKDu5wL4b6YKCBCRoj3XleHjxonuUS",
    "o8gu4NzCZDx47qj8rNNUklWEhrIPHJ7Bl8kGmYUCYMk7y82cXDMX4ZNE4XOuNg==",
);

/// RFC 9215 appendix D.3.3.
const RFC9215_D3_CRL: &str = concat!(
    "MIHTMEECAQEwCgYIKoUDBwEBAwMwEjEQMA4GA1UEAxMHRXhhbXBsZRcNMTQwMTAx",
    "MDAwMDAwWhcNMTQwMTAyMDAwMDAwWjAKBggqhQMHAQEDAwOBgQA6E/t67NtVYO72",
    "E3z8XdZGkXMuv7NpCh/Ax+ik7uoIMH1kjU3AmGxGqHs/vkx69C6jQ1nHlZVMo5/z",
    "q77ZBR9NL4b6YKCBCRoj3XleHjxonuUSo8gu4NzCZDx47qj8rNNUklWEhrIPHJ7B",
    "l8kGmYUCYMk7y82cXDMX4ZNE4XOuNg==",
);
