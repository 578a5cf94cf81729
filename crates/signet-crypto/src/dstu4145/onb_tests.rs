//! Optimal-normal-basis curves against UAPKI.
//!
//! The vectors were computed with UAPKI's C library `uapkic`
//! (github.com/specinfo-ua/UAPKI, `library/uapkic`, commit 12d8ff2),
//! built locally: for each standard ONB curve (`ec_alloc_default`,
//! `EC_PARAMS_ID_DSTU4145_M*_ONB`) and two keys, `dstu4145_get_pubkey`
//! (Q = −d·P, coordinates in ONB), `dstu4145_compress_pubkey`, a signature
//! by its `dstu4145_sign_internal` with the fixed nonce e, checked by its
//! `dstu4145_verify`, and `ec_dh(…, with_cofactor = true, …)` between the
//! first key's d and the second key's Q (x of h·d·Q in ONB, big-endian).
//! d, e and the hash are arbitrary bytes of a linear congruential
//! generator; the second hash of each curve has its top bit set. Every
//! value is little-endian as UAPKI writes it, except the agreed x.

use super::*;

struct OnbKey {
    d_le: &'static str,
    qx_le: &'static str,
    qy_le: &'static str,
    q_le: &'static str,
    h_le: &'static str,
    e_le: &'static str,
    r_le: &'static str,
    s_le: &'static str,
}

struct OnbCase {
    curve: NamedCurve,
    keys: [OnbKey; 2],
    agreed_x_be: &'static str,
}

const UAPKI_ONB: [OnbCase; 5] = [
    OnbCase {
        curve: NamedCurve::M173Onb,
        keys: [
            OnbKey {
                d_le: "766021eeaa3181c808ef44abc86e2c962f054fd787",
                qx_le: "54bfe0bc53081c430b294563569fa08bee5a7fc61005",
                qy_le: "83f39cb1fbefcab2798768dc6ff5957bf80205a20a14",
                q_le: "55bfe0bc53081c430b294563569fa08bee5a7fc61005",
                h_le: "64695d02ab562a1f641903a9220fc89cab1e158a77821a4ae7553a6046e0662b",
                e_le: "ede43f78ab435674b604a3aa75bffa19ed9232b1ff",
                r_le: "a9c69b402672fcc54ac24db6b8d758f7c03523193705",
                s_le: "de125b8f325f01986e1fe0567b4736dddd85bc18da02",
            },
            OnbKey {
                d_le: "3d039ff54c0db7a6020b1cde296dae0ac04c14b8ce",
                qx_le: "8c39e7301e3dcf8699b8c2d2f021cef8fd7e97f01f08",
                qy_le: "4269b914d3f37947463a122d7dbbebbf6e41091b6005",
                q_le: "8d39e7301e3dcf8699b8c2d2f021cef8fd7e97f01f08",
                h_le: "2a0bdb084c325ffd5e35dbdc820d4a103d65d96bbdf511e3ee9ebd0c3b4aa0d9",
                e_le: "b387bd7e4c208b52b0207bddd5bd7c8d7ed8f79146",
                r_le: "1507e6bef483fc50c89058ce37c8d702eccf604b1a02",
                s_le: "921ec30fff7f8759db6efbb141d28a94d09a2d33c400",
            },
        ],
        agreed_x_be: "1314ff4c76ad43b44f8409ac88329f241699c7a24a70",
    },
    OnbCase {
        curve: NamedCurve::M179Onb,
        keys: [
            OnbKey {
                d_le: "35ba0b2ff7cc9773cd0bb4ab8d5d4123dbc6ffa04751",
                qx_le: "3f60daf2b150afcfabe3baffb9a65dc72556c1c90ef204",
                qy_le: "5e21a82533e7fd7c37796d743f9da3c5f6f93551eea505",
                q_le: "3f60daf2b150afcfabe3baffb9a65dc72556c1c90ef204",
                h_le: "23c34642f8f13fca283473a9e6fddc2958e0c55336febc3e27355619dc08a5f8",
                e_le: "ac3e28b9f7df6b1e7b2013aa39ad0fa69a53e27abe27",
                r_le: "4728284085bccbc2ee2e6efb118817de3b2a53aaa0f300",
                s_le: "10dfbea570ac55c8f1b2482b6adcf1c80e0efce2b16a02",
            },
            OnbKey {
                d_le: "fc5d883698a9cc51c7278cdeed5bc3976c0dc4818dc4",
                qx_le: "1d1d4a3396e3f54ebd249a5c3b019471c769a7a1f08704",
                qy_le: "949a0e5def9b666611726d7226c54b3c26651706cfbc04",
                q_le: "1c1d4a3396e3f54ebd249a5c3b019471c769a7a1f08704",
                h_le: "e965c44999cd75a722514bdc47fc5f9de9268a347d70b3d72e7ed9c5d173dfa6",
                e_le: "72e1a6bf99bba0fc753cebdd9aab911a2b9aa75a059a",
                r_le: "707139fb8b54fd8b862f0ac1bf43e5a2e085e8ccd33b01",
                s_le: "195cec0eeb0372162b0a6cb52cf0bbb34549e375114a00",
            },
        ],
        agreed_x_be: "05544ab2285886e09cecfb5c223933e0ef5382a3e4c624",
    },
    OnbCase {
        curve: NamedCurve::M191Onb,
        keys: [
            OnbKey {
                d_le: "f414f4704468ac1e912624ab514b56b08888b06906cdb3",
                qx_le: "1ee5b046f62cd232072cfe3497d96dd79aa5433c5c616f7c",
                qy_le: "b128bd074095a96450474deb43ef3bd4a56b1782b33ca248",
                q_le: "1ee5b046f62cd232072cfe3497d96dd79aa5433c5c616f7c",
                h_le: "e21d3083448d5574ed50e3a9abecf1b605a1751cf67a5e32681471d27231e5c5",
                e_le: "6b9812fa447a80c93f3b83aafe9c2333461492427ea309",
                r_le: "5fd2ee9f71e2763d458715604ab5143daeccb5d74f54d92a",
                s_le: "576f1608d0645bcf346067652e5078b7ca6308d72a432f0e",
            },
            OnbKey {
                d_le: "bbb77277e544e1fc8b43fcdeb14ad82419ce744a4c40a9",
                qx_le: "f4ad2dd160ab2be8a3124231955fca4af42d0b7602f10973",
                qy_le: "1a1fd85364833fd57ff2b0ae3feb8d89c9311f2ad2093632",
                q_le: "f4ad2dd160ab2be8a3124231955fca4af42d0b7602f10973",
                h_le: "a8bfad8ae6698a52e76dbbdc0bea732a96e73afd3cec55cb6e5ef47f679b1ef3",
                e_le: "313b9000e557b6a739585bdd5e9aa5a7d85b5723c416ff",
                r_le: "b8ad3ba9004c89c6211d8ec3ebbeb053859ff15c4c29f11b",
                s_le: "262b3b58b76241d9dd62acd1ee0e99b316d09c4627cf6a3e",
            },
        ],
        agreed_x_be: "5857596176798e95172f924f4033bc86d852745a1b1413d7",
    },
    OnbCase {
        curve: NamedCurve::M233Onb,
        keys: [
            OnbKey {
                d_le: "b46eddb19103c1c9564294ab163a6a3d34496032c5495514a379691451",
                qx_le: "e46f89d8813060bbf856aafcd9072143c6a2b7e5a079e6fc3ed7fa30e500",
                qy_le: "977df6f61f1ac1b8c155fc684da0e1f068cf8a84a273034b10f999501200",
                q_le: "e56f89d8813060bbf856aafcd9072143c6a2b7e5a079e6fc3ed7fa30e500",
                h_le: "a17719c491286a1fb26c53a86fda0643b16226e5b5f50127a8f48d8c075a2491",
                e_le: "2af2fb3b911695740457f3aac28a38c0f3d6430b3d1fab9d26377b502c",
                r_le: "be6c11b5ff5e413ca4d5d8875de9601a09519bbcad4b0a80d2e349c08d00",
                s_le: "bfbc8c50e0abb56e2c3d1fc368484ce379d45b40dcd628135ec56abffc00",
            },
            OnbKey {
                d_le: "7a115bb832e0f6a6505e6cde7638ecb2c69025130bbc4badaac3ebc047",
                qx_le: "e211dd1f708677a6ad1f19a0ae2ea3f73a17bb7f34189e7954b8661a7401",
                qy_le: "bae5f9582af46c3314175049445aaa4a0a4e6cbf9570e3739403b816e900",
                q_le: "e311dd1f708677a6ad1f19a0ae2ea3f73a17bb7f34189e7954b8661a7401",
                h_le: "671997cb32049ffdac882bdcd0d888b743a9eac6fb68f7bfae3e0f38fdc45dc0",
                e_le: "f095794132f2cb52fe73cbdd2388ba34841c08ec8392a1362c80fdfc22",
                r_le: "966111fe82e55d555d8c1a1052fe7c37767d0d0b8e2c92c82246b8d3d600",
                s_le: "014ddf7a227cbd71eba2119e7a3336293f3e811539a79af8a0c7e36ee600",
            },
        ],
        agreed_x_be: "01a7a398a2a6cdde4f276d89a76b726547933c8b7e987fcbc22e244b5004",
    },
    OnbCase {
        curve: NamedCurve::M431Onb,
        keys: [
            OnbKey {
                d_le: "73c8c7f2de9fd6731a5e04abda287fcae10a10fb84c5f708e45984cde756755efbe213f88a890ba83bc70dbdee5726ef763ade4c15",
                qx_le: "ddb444a314c59d177b889eefc422c96a21afc2a6d2dbb2d9f457942df4e7e2e4f8530b6661d3f641f434ff70599c99c77e1ddbe0ea57",
                qy_le: "03ecf1973e790439639e1fbf821bf0b133cb3a5f184e89a25f51afee5578e9c0d42163ae1944dee4f9160b8ca5b7fa19e3a24004e955",
                q_le: "dcb444a314c59d177b889eefc422c96a21afc2a6d2dbb2d9f457942df4e7e2e4f8530b6661d3f641f434ff70599c99c77e1ddbe0ea57",
                h_le: "60d10205dec37fca7688c2a834c91ad05e23d6ae7471a31be8d4a8459d82635e",
                e_le: "e94ce57cdeb1ab1ec87363a987784c4da097f3d4fc9b4d9166169609c2ecec5e0e9baa7f1a4b85120799691c81231176bcd369f02f",
                r_le: "bf564930103bb00597aba6f96c7503ddd8198857919ccaf1857cfa8464cf58fb8d437222a23a7d58941370109453f3175d812bcdf612",
                s_le: "c3d4bec19f315484652caca33893ebd1a30f77ebcb6e60890bb0acffdd58f376d8991a061e24f22aa37cfc96c9eff0a0b3d6dde64209",
            },
            OnbKey {
                d_le: "396b45f97f7b0c51147adcde3a26013f7251d5dccb38eea1eaa30779ddc0af8c9fc0b3396a2f4cd2c014091a38cc7a7f09a7a21857",
                qx_le: "94390882bfb086743e7d00b66eca9623d5915ff5d2a7020fe05308955ff180f38a8fc76f0c23e0f7e47d1ad21e36c5e7eb708c0aa352",
                qy_le: "359de2c52c181d5f20fda5688c199a62e4e3dea94515440fd22ef03e212b83f884d1a7a6281dd98c9664edb8004f9ea26c575cdb9044",
                q_le: "95390882bfb086743e7d00b66eca9623d5915ff5d2a7020fe05308955ff180f38a8fc76f0c23e0f7e47d1ad21e36c5e7eb708c0aa352",
                h_le: "2673800c7fa0b4a870a49adb94c79c44ef6a9b8fbae499b3ef1d2bf193ed9c8c",
                e_le: "b0ef62827f8de0fcc28f3bdde777cec231ddb8b5420e432a6c6019b5b857258cb2794ac1faf1c73c8ce66579ca9966074f412dbc72",
                r_le: "1595ba74a41477145c0177a391214a0809e946db80ad686dbc0bafe606e7b79f8a89a7c68433b9b46d7281c75a8fd3ac94947a6a5b00",
                s_le: "a0b5bb113b0e9d0542e6f148d593f999706979baad96987f7d97899f6d968dafea03e0cb0c664230cdd1f06ceab200d9271b2d0c4d34",
            },
        ],
        agreed_x_be: "1317a8ae9ead3e4e0b708800e5992a50da767e44d410fcb85b247c15ab881790f0978ffb89edc6a27e884e705b7b897688609136681c",
    },
];

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn rev(mut v: Vec<u8>) -> Vec<u8> {
    v.reverse();
    v
}

#[test]
fn onb_uapki_vectors() {
    for case in &UAPKI_ONB {
        let curve = case.curve.curve();
        assert!(curve.is_normal_basis());
        let inner = curve.inner();
        let f = &inner.group.field;
        let mut signers = Vec::new();
        for (i, v) in case.keys.iter().enumerate() {
            let what = format!("{} key {i}", case.curve);
            let key = SigningKey::from_le_bytes(&curve, &unhex(v.d_le)).unwrap();
            // Q's coordinates, ONB, as UAPKI's dstu4145_get_pubkey gives them.
            let q = key.public_key().point_for_tests();
            assert_eq!(
                f.encode_le(&inner.pb_to_api(&q.x)),
                unhex(v.qx_le),
                "{what}"
            );
            assert_eq!(
                f.encode_le(&inner.pb_to_api(&q.y)),
                unhex(v.qy_le),
                "{what}"
            );
            // Compression and decompression.
            assert_eq!(key.public_key().to_compressed(), unhex(v.q_le), "{what}");
            let public = PublicKey::from_compressed(&curve, &unhex(v.q_le)).unwrap();
            assert_eq!(&public, key.public_key(), "{what}");
            // The signature with UAPKI's nonce.
            let digest = unhex(v.h_le);
            let sig = key
                .sign_digest_with_nonce(&digest, &rev(unhex(v.e_le)))
                .unwrap();
            let mut expected = unhex(v.r_le);
            expected.extend(unhex(v.s_le));
            assert_eq!(sig.to_bytes(), expected, "{what}");
            public.verify_digest(&digest, &expected).unwrap();
            // A changed hash or signature fails.
            let mut other = digest.clone();
            other[0] ^= 1;
            assert_eq!(
                public.verify_digest(&other, &expected),
                Err(Error::InvalidSignature),
                "{what}"
            );
            let mut bad = expected.clone();
            bad[1] ^= 0x10;
            assert!(public.verify_digest(&digest, &bad).is_err(), "{what}");
            signers.push(key);
        }
        let agreed = signers[0].agree(signers[1].public_key()).unwrap();
        assert_eq!(*agreed, unhex(case.agreed_x_be), "{}", case.curve);
        assert_eq!(
            signers[1].agree(signers[0].public_key()).unwrap(),
            agreed,
            "{}",
            case.curve
        );
    }
}

/// The ONB parameters as UAPKI's `dstu4145-params.c` writes them
/// (`DSTU4145_M173_ONB_LE`: b and bp little-endian ONB, bp compressed)
/// give back the named curve; random keys sign and verify on every ONB
/// curve.
#[test]
fn onb_explicit_parameters_give_the_named_curve() {
    for named in NamedCurve::ALL.into_iter().filter(|c| c.is_normal_basis()) {
        let curve = named.curve();
        let inner = curve.inner();
        let f = &inner.group.field;
        let b = f.encode_le(&inner.pb_to_api(&inner.group.b));
        let bp = f.encode_le(&inner.compress(&inner.base));
        let same = Curve::from_onb_params(
            curve.field_bits(),
            inner.group.a,
            &b,
            &curve.order_be_bytes(),
            &bp,
        )
        .unwrap();
        assert_eq!(same.named_curve(), Some(named));
        // The PB reading of the same bytes is another curve, or none.
        if let Ok(pb) = Curve::from_params(
            curve.field_bits(),
            f.middle_terms(),
            inner.group.a,
            &b,
            &curve.order_be_bytes(),
            &bp,
        ) {
            assert_ne!(pb, curve);
        }
        assert!(matches!(
            Curve::from_onb_params(163, 1, &b, &curve.order_be_bytes(), &bp),
            Err(Error::UnsupportedParams(_))
        ));
    }
    // UAPKI's DSTU4145_M173_ONB_LE: b, n and bp.
    let b = unhex("c778e2061b65e6e14057914409a03bf41993137e3d04");
    let n = unhex("0800000000000000000000189b4e67606e3825bb2831");
    let bp = unhex("56ea6d4e4b426ecb1719a5ca1843b28940708d8b3b0a");
    let curve = Curve::from_onb_params(173, 0, &b, &n, &bp).unwrap();
    assert_eq!(curve.named_curve(), Some(NamedCurve::M173Onb));
}
