//! Object identifiers of CMS enveloping, each with where it is assigned.

use const_oid::ObjectIdentifier as Oid;

const fn oid(s: &str) -> Oid {
    Oid::new_unwrap(s)
}

// RFC 8017 appendix A.2.1, RFC 4055 section 4 (RSAES-OAEP).
pub const RSA_ENCRYPTION: Oid = oid("1.2.840.113549.1.1.1");
pub const RSAES_OAEP: Oid = oid("1.2.840.113549.1.1.7");
pub const MGF1: Oid = oid("1.2.840.113549.1.1.8");
pub const P_SPECIFIED: Oid = oid("1.2.840.113549.1.1.9");

// Digests (RFC 3370 section 2.1, RFC 5754 section 2).
pub const SHA1: Oid = oid("1.3.14.3.2.26");
pub const SHA256: Oid = oid("2.16.840.1.101.3.4.2.1");
pub const SHA384: Oid = oid("2.16.840.1.101.3.4.2.2");
pub const SHA512: Oid = oid("2.16.840.1.101.3.4.2.3");

// AES (RFC 3565 section 4, RFC 5084 section 3, RFC 3394 section 3).
pub const AES128_CBC: Oid = oid("2.16.840.1.101.3.4.1.2");
pub const AES192_CBC: Oid = oid("2.16.840.1.101.3.4.1.22");
pub const AES256_CBC: Oid = oid("2.16.840.1.101.3.4.1.42");
pub const AES128_GCM: Oid = oid("2.16.840.1.101.3.4.1.6");
pub const AES192_GCM: Oid = oid("2.16.840.1.101.3.4.1.26");
pub const AES256_GCM: Oid = oid("2.16.840.1.101.3.4.1.46");
pub const AES128_WRAP: Oid = oid("2.16.840.1.101.3.4.1.5");
pub const AES256_WRAP: Oid = oid("2.16.840.1.101.3.4.1.45");

// Triple-DES (RFC 3370 sections 5.1 and 4.3.1, RFC 3217).
pub const DES_EDE3_CBC: Oid = oid("1.2.840.113549.3.7");
pub const CMS3DES_WRAP: Oid = oid("1.2.840.113549.1.9.16.3.6");

// ECDH key agreement schemes (RFC 5753 section 7.1.4; SEC 1 / X9.63).
pub const DH_STD_SHA1KDF: Oid = oid("1.3.133.16.840.63.0.2");
pub const DH_COFACTOR_SHA1KDF: Oid = oid("1.3.133.16.840.63.0.3");
pub const DH_STD_SHA224KDF: Oid = oid("1.3.132.1.11.0");
pub const DH_STD_SHA256KDF: Oid = oid("1.3.132.1.11.1");
pub const DH_STD_SHA384KDF: Oid = oid("1.3.132.1.11.2");
pub const DH_STD_SHA512KDF: Oid = oid("1.3.132.1.11.3");
pub const DH_COFACTOR_SHA224KDF: Oid = oid("1.3.132.1.14.0");
pub const DH_COFACTOR_SHA256KDF: Oid = oid("1.3.132.1.14.1");
pub const DH_COFACTOR_SHA384KDF: Oid = oid("1.3.132.1.14.2");
pub const DH_COFACTOR_SHA512KDF: Oid = oid("1.3.132.1.14.3");
pub const EC_PUBLIC_KEY: Oid = oid("1.2.840.10045.2.1");

// GOST (RFC 4357 section 10.4, RFC 4490 section 4, RFC 9215, and the TC26
// registry for the R 34.12-2015 modes, as gost-engine names them).
pub const GOST28147_89: Oid = oid("1.2.643.2.2.21");
/// DSTU GOST 28147:2009 in CFB mode, Ukrainian (1.2.804.2.1.1.1.1.1.1.3).
pub const DSTU_GOST28147_CFB: Oid = oid("1.2.804.2.1.1.1.1.1.1.3");
/// The Ukrainian GOST 28147-89 key wrap, `Gost28147-cfb-wrap` in jkurwa's
/// `lib/spec/rfc3280.js`, `OID_GOST28147_WRAP` in UAPKI.
pub const DSTU_GOST28147_WRAP: Oid = oid("1.2.804.2.1.1.1.1.1.1.5");
/// `dhSinglePass-cofactorDH-gost34311kdf` (jkurwa), DSTU 4145 cofactor
/// Diffie–Hellman with the GOST 34.311-95 KDF (`OID_COFACTOR_DH_GOST34311_KDF`
/// in UAPKI).
pub const DSTU_COFACTOR_DH_GOST34311_KDF: Oid = oid("1.2.804.2.1.1.1.1.3.4");
pub const GOST_R3410_2001: Oid = oid("1.2.643.2.2.19");
pub const GOST_R3410_2012_256: Oid = oid("1.2.643.7.1.1.1.1");
pub const GOST_R3410_2012_512: Oid = oid("1.2.643.7.1.1.1.2");
/// id-GostR3410-2001DH (RFC 4357 section 10.4).
pub const GOST_R3410_2001_DH: Oid = oid("1.2.643.2.2.98");
/// id-Gost28147-89-None-KeyWrap (RFC 4357 section 10.6).
pub const GOST_NONE_KEY_WRAP: Oid = oid("1.2.643.2.2.13.0");
/// id-Gost28147-89-CryptoPro-KeyWrap (RFC 4357 section 10.6).
pub const GOST_CRYPTOPRO_KEY_WRAP: Oid = oid("1.2.643.2.2.13.1");
/// id-tc26-agreement-gost-3410-2012-256.
pub const AGREEMENT_2012_256: Oid = oid("1.2.643.7.1.1.6.1");
/// id-tc26-agreement-gost-3410-2012-512.
pub const AGREEMENT_2012_512: Oid = oid("1.2.643.7.1.1.6.2");
/// id-gostr3412-2015-magma-ctracpkm.
pub const MAGMA_CTR_ACPKM: Oid = oid("1.2.643.7.1.1.5.1.1");
/// id-gostr3412-2015-magma-ctracpkm-omac.
pub const MAGMA_CTR_ACPKM_OMAC: Oid = oid("1.2.643.7.1.1.5.1.2");
/// id-gostr3412-2015-kuznyechik-ctracpkm.
pub const KUZNYECHIK_CTR_ACPKM: Oid = oid("1.2.643.7.1.1.5.2.1");
/// id-gostr3412-2015-kuznyechik-ctracpkm-omac.
pub const KUZNYECHIK_CTR_ACPKM_OMAC: Oid = oid("1.2.643.7.1.1.5.2.2");
/// id-gostr3412-2015-magma-wrap-kexp15.
pub const MAGMA_KEXP15: Oid = oid("1.2.643.7.1.1.7.1.1");
/// id-gostr3412-2015-kuznyechik-wrap-kexp15.
pub const KUZNYECHIK_KEXP15: Oid = oid("1.2.643.7.1.1.7.2.1");
/// id-cms-mac-attr: the encrypted OMAC of `*-ctracpkm-omac` content.
pub const CMS_MAC_ATTR: Oid = oid("1.2.643.7.1.0.6.1.1");
