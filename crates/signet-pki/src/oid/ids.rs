//! Object identifiers the code acts on, by name.
//!
//! Each group cites where its OIDs are assigned.

use const_oid::ObjectIdentifier as Oid;

const fn oid(s: &str) -> Oid {
    Oid::new_unwrap(s)
}

// X.520 / RFC 4519 / RFC 5280 name attributes.
/// commonName (2.5.4.3).
pub const CN: Oid = oid("2.5.4.3");
/// surname (2.5.4.4).
pub const SURNAME: Oid = oid("2.5.4.4");
/// serialNumber attribute (2.5.4.5).
pub const SERIAL_NUMBER: Oid = oid("2.5.4.5");
/// countryName (2.5.4.6).
pub const COUNTRY: Oid = oid("2.5.4.6");
/// localityName (2.5.4.7).
pub const LOCALITY: Oid = oid("2.5.4.7");
/// stateOrProvinceName (2.5.4.8).
pub const STATE: Oid = oid("2.5.4.8");
/// streetAddress (2.5.4.9).
pub const STREET: Oid = oid("2.5.4.9");
/// organizationName (2.5.4.10).
pub const ORGANIZATION: Oid = oid("2.5.4.10");
/// organizationalUnitName (2.5.4.11).
pub const ORGANIZATIONAL_UNIT: Oid = oid("2.5.4.11");
/// title (2.5.4.12).
pub const TITLE: Oid = oid("2.5.4.12");
/// postalAddress (2.5.4.16).
pub const POSTAL_ADDRESS: Oid = oid("2.5.4.16");
/// postalCode (2.5.4.17).
pub const POSTAL_CODE: Oid = oid("2.5.4.17");
/// givenName (2.5.4.42).
pub const GIVEN_NAME: Oid = oid("2.5.4.42");
/// organizationIdentifier (2.5.4.97, X.520 / ETSI EN 319 412-1).
pub const ORGANIZATION_IDENTIFIER: Oid = oid("2.5.4.97");
/// PKCS#9 emailAddress (1.2.840.113549.1.9.1).
pub const EMAIL: Oid = oid("1.2.840.113549.1.9.1");
/// PKCS#9 unstructuredName (1.2.840.113549.1.9.2).
pub const UNSTRUCTURED_NAME: Oid = oid("1.2.840.113549.1.9.2");

// Russian identity attributes (RFC 9215 section 5, FSB order 795).
/// ИНН, taxpayer number of a person, or "00" + the 10-digit INN of an
/// organisation in certificates issued before INNLE (1.2.643.3.131.1.1).
pub const INN: Oid = oid("1.2.643.3.131.1.1");
/// ОГРН (1.2.643.100.1).
pub const OGRN: Oid = oid("1.2.643.100.1");
/// СНИЛС (1.2.643.100.3).
pub const SNILS: Oid = oid("1.2.643.100.3");
/// ИНН ЮЛ, the 10-digit INN of a legal entity (1.2.643.100.4).
pub const INNLE: Oid = oid("1.2.643.100.4");
/// ОГРНИП (1.2.643.100.5).
pub const OGRNIP: Oid = oid("1.2.643.100.5");
/// РНС ФСС, the social-insurance registration number (1.2.643.3.141.1.1).
pub const RNS_FSS: Oid = oid("1.2.643.3.141.1.1");
/// КП ФСС, the social-insurance subordination code (1.2.643.3.141.1.2).
pub const KP_FSS: Oid = oid("1.2.643.3.141.1.2");

// Ukrainian subjectDirectoryAttributes (UAPKI `oids.h`, IIT EU_CERT_INFO_EX).
/// ДРФО / РНОКПП, the personal tax number (1.2.804.2.1.1.1.11.1.4.1.1).
pub const DRFO: Oid = oid("1.2.804.2.1.1.1.11.1.4.1.1");
/// ЄДРПОУ, the legal-entity register code (1.2.804.2.1.1.1.11.1.4.2.1).
pub const EDRPOU: Oid = oid("1.2.804.2.1.1.1.11.1.4.2.1");
/// Код користувача, the user (external) code (1.2.804.2.1.1.1.11.1.4.7.1).
pub const UA_USER_CODE: Oid = oid("1.2.804.2.1.1.1.11.1.4.7.1");
/// УНЗР, the unique record number in the demographic register (ЄДДР)
/// (1.2.804.2.1.1.1.11.1.4.11.1).
pub const EDDR_UNZR: Oid = oid("1.2.804.2.1.1.1.11.1.4.11.1");

// RFC 5280 extensions.
/// subjectDirectoryAttributes (2.5.29.9).
pub const EXT_SUBJECT_DIRECTORY_ATTRIBUTES: Oid = oid("2.5.29.9");
/// subjectKeyIdentifier (2.5.29.14).
pub const EXT_SUBJECT_KEY_ID: Oid = oid("2.5.29.14");
/// keyUsage (2.5.29.15).
pub const EXT_KEY_USAGE: Oid = oid("2.5.29.15");
/// privateKeyUsagePeriod (2.5.29.16).
pub const EXT_PRIVATE_KEY_USAGE_PERIOD: Oid = oid("2.5.29.16");
/// subjectAltName (2.5.29.17).
pub const EXT_SUBJECT_ALT_NAME: Oid = oid("2.5.29.17");
/// issuerAltName (2.5.29.18).
pub const EXT_ISSUER_ALT_NAME: Oid = oid("2.5.29.18");
/// basicConstraints (2.5.29.19).
pub const EXT_BASIC_CONSTRAINTS: Oid = oid("2.5.29.19");
/// cRLDistributionPoints (2.5.29.31).
pub const EXT_CRL_DISTRIBUTION_POINTS: Oid = oid("2.5.29.31");
/// certificatePolicies (2.5.29.32).
pub const EXT_CERTIFICATE_POLICIES: Oid = oid("2.5.29.32");
/// authorityKeyIdentifier (2.5.29.35).
pub const EXT_AUTHORITY_KEY_ID: Oid = oid("2.5.29.35");
/// extKeyUsage (2.5.29.37).
pub const EXT_EXTENDED_KEY_USAGE: Oid = oid("2.5.29.37");
/// freshestCRL (2.5.29.46).
pub const EXT_FRESHEST_CRL: Oid = oid("2.5.29.46");
/// authorityInfoAccess (1.3.6.1.5.5.7.1.1).
pub const EXT_AUTHORITY_INFO_ACCESS: Oid = oid("1.3.6.1.5.5.7.1.1");
/// qcStatements (1.3.6.1.5.5.7.1.3, RFC 3739).
pub const EXT_QC_STATEMENTS: Oid = oid("1.3.6.1.5.5.7.1.3");
/// subjectInfoAccess (1.3.6.1.5.5.7.1.11).
pub const EXT_SUBJECT_INFO_ACCESS: Oid = oid("1.3.6.1.5.5.7.1.11");
/// subjectSignTool (1.2.643.100.111, RFC 9215).
pub const EXT_SUBJECT_SIGN_TOOL: Oid = oid("1.2.643.100.111");
/// issuerSignTool (1.2.643.100.112, RFC 9215).
pub const EXT_ISSUER_SIGN_TOOL: Oid = oid("1.2.643.100.112");
/// IdentificationKind (1.2.643.100.114, RFC 9215).
pub const EXT_IDENTIFICATION_KIND: Oid = oid("1.2.643.100.114");

// otherName types in subjectAltName.
/// The postal address IIT's CA software writes into subjectAltName
/// (IIT's enterprise arc 1.3.6.1.4.1.19398), seen in Ukrainian
/// qualified certificates.
pub const SAN_IIT_POSTAL_ADDRESS: Oid = oid("1.3.6.1.4.1.19398.1.1.4.2");

// Access methods (RFC 5280 section 4.2.2.1).
/// id-ad-ocsp.
pub const AD_OCSP: Oid = oid("1.3.6.1.5.5.7.48.1");
/// id-ad-caIssuers.
pub const AD_CA_ISSUERS: Oid = oid("1.3.6.1.5.5.7.48.2");

// Qualified-certificate statements (ETSI EN 319 412-5; UA).
/// QcCompliance (0.4.0.1862.1.1).
pub const QCS_COMPLIANCE: Oid = oid("0.4.0.1862.1.1");
/// QcSSCD: the private key is in a qualified signature creation device
/// (0.4.0.1862.1.4).
pub const QCS_SSCD: Oid = oid("0.4.0.1862.1.4");
/// QcType (0.4.0.1862.1.6).
pub const QCS_TYPE: Oid = oid("0.4.0.1862.1.6");
/// QcType esign (0.4.0.1862.1.6.1).
pub const QCT_ESIGN: Oid = oid("0.4.0.1862.1.6.1");
/// QcType eseal (0.4.0.1862.1.6.2).
pub const QCT_ESEAL: Oid = oid("0.4.0.1862.1.6.2");
/// Ukrainian qualified-certificate statement (1.2.804.2.1.1.1.2.1).
pub const UA_QCS_QUALIFIED: Oid = oid("1.2.804.2.1.1.1.2.1");
/// Ukrainian "reinforced certificate" policy (посилений сертифікат,
/// 1.2.804.2.1.1.1.2.2).
pub const UA_POLICY_REINFORCED: Oid = oid("1.2.804.2.1.1.1.2.2");
/// Ukrainian extended key usage of an electronic stamp (печатка,
/// 1.2.804.2.1.1.1.3.9).
pub const UA_EKU_STAMP: Oid = oid("1.2.804.2.1.1.1.3.9");

// Public-key algorithms.
/// rsaEncryption (RFC 8017).
pub const RSA_ENCRYPTION: Oid = oid("1.2.840.113549.1.1.1");
/// id-RSASSA-PSS (RFC 4055).
pub const RSASSA_PSS: Oid = oid("1.2.840.113549.1.1.10");
/// id-ecPublicKey (RFC 5480).
pub const EC_PUBLIC_KEY: Oid = oid("1.2.840.10045.2.1");
/// id-Ed25519 (RFC 8410).
pub const ED25519: Oid = oid("1.3.101.112");
/// id-Ed448 (RFC 8410).
pub const ED448: Oid = oid("1.3.101.113");
/// id-GostR3410-2001 (RFC 4491).
pub const GOST_R3410_2001: Oid = oid("1.2.643.2.2.19");
/// id-GostR3410-94 (RFC 4491).
pub const GOST_R3410_94: Oid = oid("1.2.643.2.2.20");
/// id-tc26-gost3410-12-256 (RFC 9215).
pub const GOST_R3410_2012_256: Oid = oid("1.2.643.7.1.1.1.1");
/// id-tc26-gost3410-12-512 (RFC 9215).
pub const GOST_R3410_2012_512: Oid = oid("1.2.643.7.1.1.1.2");
/// DSTU 4145-2002 with GOST 34.311-95, polynomial basis, little-endian.
pub const DSTU4145_LE: Oid = oid("1.2.804.2.1.1.1.1.3.1.1");
/// DSTU 4145-2002 with GOST 34.311-95, polynomial basis, big-endian.
pub const DSTU4145_BE: Oid = oid("1.2.804.2.1.1.1.1.3.1.1.1.1");
/// DSTU 4145-2002 with GOST 34.311-95, optimal normal basis, little-endian.
pub const DSTU4145_ONB_LE: Oid = oid("1.2.804.2.1.1.1.1.3.1.2");
/// DSTU 4145-2002 with GOST 34.311-95, optimal normal basis, big-endian.
pub const DSTU4145_ONB_BE: Oid = oid("1.2.804.2.1.1.1.1.3.1.2.1.1");
/// DSTU 4145-2002 with DSTU 7564 Kupyna-256, polynomial basis (UAPKI
/// `OID_DSTU4145_WITH_DSTU7564_256_PB`).
pub const DSTU4145_KUPYNA256: Oid = oid("1.2.804.2.1.1.1.1.3.6.1.1");
/// DSTU 4145-2002 with Kupyna-384, polynomial basis (UAPKI
/// `OID_DSTU4145_WITH_DSTU7564_384_PB`).
pub const DSTU4145_KUPYNA384: Oid = oid("1.2.804.2.1.1.1.1.3.6.2.1");
/// DSTU 4145-2002 with Kupyna-512, polynomial basis (UAPKI
/// `OID_DSTU4145_WITH_DSTU7564_512_PB`).
pub const DSTU4145_KUPYNA512: Oid = oid("1.2.804.2.1.1.1.1.3.6.3.1");

// Named curves (RFC 5480).
/// secp256r1 / P-256.
pub const CURVE_P256: Oid = oid("1.2.840.10045.3.1.7");
/// secp384r1 / P-384.
pub const CURVE_P384: Oid = oid("1.3.132.0.34");
/// secp521r1 / P-521.
pub const CURVE_P521: Oid = oid("1.3.132.0.35");

// Revocation (CRLs and OCSP): what const-oid's database lacks. The RFC 5280
// CRL extensions and the RFC 6960 OCSP identifiers are
// `const_oid::db::rfc5280` and `const_oid::db::rfc6960`.
/// Microsoft CA version (szOID_CERTSRV_CA_VERSION, 1.3.6.1.4.1.311.21.1),
/// a CRL extension of Active Directory Certificate Services.
pub const MS_CA_VERSION: Oid = Oid::new_unwrap("1.3.6.1.4.1.311.21.1");
/// Microsoft next CRL publish time (szOID_CRL_NEXT_PUBLISH,
/// 1.3.6.1.4.1.311.21.4), a CRL extension of Active Directory Certificate
/// Services.
pub const MS_CRL_NEXT_PUBLISH: Oid = Oid::new_unwrap("1.3.6.1.4.1.311.21.4");

// ---------------------------------------------------------------------
// Digests, signatures and key containers (signature.rs, dstu.rs,
// private_key/, keystore/). The international OIDs that const-oid's
// database has are taken from `const_oid::db` where they are used; these
// are the ones it lacks.
// ---------------------------------------------------------------------

// Digests: GOST R 34.11-94 (RFC 4357 section 10.2), GOST R 34.11-2012
// (RFC 9215 section 3), and the Ukrainian GOST 34.311-95 and DSTU 7564
// Kupyna (UAPKI `oids.h`).
/// id-GostR3411-94 (1.2.643.2.2.9).
pub const GOST_R3411_94: Oid = oid("1.2.643.2.2.9");
/// id-tc26-gost3411-12-256, Streebog-256 (1.2.643.7.1.1.2.2).
pub const STREEBOG_256: Oid = oid("1.2.643.7.1.1.2.2");
/// id-tc26-gost3411-12-512, Streebog-512 (1.2.643.7.1.1.2.3).
pub const STREEBOG_512: Oid = oid("1.2.643.7.1.1.2.3");
/// GOST 34.311-95 (1.2.804.2.1.1.1.1.2.1, UAPKI `OID_GOST34311`).
pub const GOST_34311: Oid = oid("1.2.804.2.1.1.1.1.2.1");
/// DSTU 7564 Kupyna-256 (1.2.804.2.1.1.1.1.2.2.1).
pub const KUPYNA_256: Oid = oid("1.2.804.2.1.1.1.1.2.2.1");
/// DSTU 7564 Kupyna-384 (1.2.804.2.1.1.1.1.2.2.2).
pub const KUPYNA_384: Oid = oid("1.2.804.2.1.1.1.1.2.2.2");
/// DSTU 7564 Kupyna-512 (1.2.804.2.1.1.1.1.2.2.3).
pub const KUPYNA_512: Oid = oid("1.2.804.2.1.1.1.1.2.2.3");
/// DSTU 7564 Kupyna-256 MAC, its KMAC (1.2.804.2.1.1.1.1.2.2.4, UAPKI
/// `OID_DSTU7564_256_MAC`).
pub const KUPYNA_256_MAC: Oid = oid("1.2.804.2.1.1.1.1.2.2.4");
/// DSTU 7564 Kupyna-384 MAC (1.2.804.2.1.1.1.1.2.2.5).
pub const KUPYNA_384_MAC: Oid = oid("1.2.804.2.1.1.1.1.2.2.5");
/// DSTU 7564 Kupyna-512 MAC (1.2.804.2.1.1.1.1.2.2.6).
pub const KUPYNA_512_MAC: Oid = oid("1.2.804.2.1.1.1.1.2.2.6");

// Signature algorithms naming their digest (RFC 5758 section 3.2,
// RFC 4491 section 2.2, RFC 9215 section 3).
/// ecdsa-with-SHA1 (1.2.840.10045.4.1, RFC 3279 section 2.2.3).
pub const ECDSA_WITH_SHA1: Oid = oid("1.2.840.10045.4.1");
/// id-GostR3411-94-with-GostR3410-2001 (1.2.643.2.2.3).
pub const GOST_R3411_94_WITH_R3410_2001: Oid = oid("1.2.643.2.2.3");
/// id-tc26-signwithdigest-gost3410-12-256 (1.2.643.7.1.1.3.2).
pub const SIGN_WITH_DIGEST_GOST3410_12_256: Oid = oid("1.2.643.7.1.1.3.2");
/// id-tc26-signwithdigest-gost3410-12-512 (1.2.643.7.1.1.3.3).
pub const SIGN_WITH_DIGEST_GOST3410_12_512: Oid = oid("1.2.643.7.1.1.3.3");

// GOST R 34.10 parameter sets (RFC 4357 section 10.8, RFC 7836 appendix
// A, RFC 9215 section 4.2).
/// id-GostR3410-2001-TestParamSet (1.2.643.2.2.35.0).
pub const GOST_R3410_2001_TEST: Oid = oid("1.2.643.2.2.35.0");
/// id-GostR3410-2001-CryptoPro-A-ParamSet (1.2.643.2.2.35.1).
pub const GOST_R3410_2001_CRYPTOPRO_A: Oid = oid("1.2.643.2.2.35.1");
/// id-GostR3410-2001-CryptoPro-B-ParamSet (1.2.643.2.2.35.2).
pub const GOST_R3410_2001_CRYPTOPRO_B: Oid = oid("1.2.643.2.2.35.2");
/// id-GostR3410-2001-CryptoPro-C-ParamSet (1.2.643.2.2.35.3).
pub const GOST_R3410_2001_CRYPTOPRO_C: Oid = oid("1.2.643.2.2.35.3");
/// id-GostR3410-2001-CryptoPro-XchA-ParamSet (1.2.643.2.2.36.0).
pub const GOST_R3410_2001_CRYPTOPRO_XCH_A: Oid = oid("1.2.643.2.2.36.0");
/// id-GostR3410-2001-CryptoPro-XchB-ParamSet (1.2.643.2.2.36.1).
pub const GOST_R3410_2001_CRYPTOPRO_XCH_B: Oid = oid("1.2.643.2.2.36.1");
/// id-tc26-gost-3410-12-256-paramSetA (1.2.643.7.1.2.1.1.1).
pub const GOST_3410_12_256_PARAM_SET_A: Oid = oid("1.2.643.7.1.2.1.1.1");
/// id-tc26-gost-3410-12-256-paramSetB (1.2.643.7.1.2.1.1.2).
pub const GOST_3410_12_256_PARAM_SET_B: Oid = oid("1.2.643.7.1.2.1.1.2");
/// id-tc26-gost-3410-12-256-paramSetC (1.2.643.7.1.2.1.1.3).
pub const GOST_3410_12_256_PARAM_SET_C: Oid = oid("1.2.643.7.1.2.1.1.3");
/// id-tc26-gost-3410-12-256-paramSetD (1.2.643.7.1.2.1.1.4).
pub const GOST_3410_12_256_PARAM_SET_D: Oid = oid("1.2.643.7.1.2.1.1.4");
/// id-tc26-gost-3410-12-512-paramSetTest (1.2.643.7.1.2.1.2.0).
pub const GOST_3410_12_512_PARAM_SET_TEST: Oid = oid("1.2.643.7.1.2.1.2.0");
/// id-tc26-gost-3410-12-512-paramSetA (1.2.643.7.1.2.1.2.1).
pub const GOST_3410_12_512_PARAM_SET_A: Oid = oid("1.2.643.7.1.2.1.2.1");
/// id-tc26-gost-3410-12-512-paramSetB (1.2.643.7.1.2.1.2.2).
pub const GOST_3410_12_512_PARAM_SET_B: Oid = oid("1.2.643.7.1.2.1.2.2");
/// id-tc26-gost-3410-12-512-paramSetC (1.2.643.7.1.2.1.2.3).
pub const GOST_3410_12_512_PARAM_SET_C: Oid = oid("1.2.643.7.1.2.1.2.3");

// Password-based encryption (RFC 8018 appendices A.4 and B.1, RFC 7836
// section 4.1, RFC 4357 section 10.5, UAPKI `oids.h`).
/// id-PBES2 (1.2.840.113549.1.5.13).
pub const PBES2: Oid = oid("1.2.840.113549.1.5.13");
/// id-hmacWithSHA1 (1.2.840.113549.2.7), PBKDF2's default PRF.
pub const HMAC_WITH_SHA1: Oid = oid("1.2.840.113549.2.7");
/// HMAC with GOST 34.311-95 (1.2.804.2.1.1.1.1.1.2, UAPKI
/// `OID_HMAC_GOST34311`).
pub const HMAC_GOST_34311: Oid = oid("1.2.804.2.1.1.1.1.1.2");
/// id-tc26-hmac-gost-3411-12-256 (1.2.643.7.1.1.4.1).
pub const HMAC_STREEBOG_256: Oid = oid("1.2.643.7.1.1.4.1");
/// id-tc26-hmac-gost-3411-12-512 (1.2.643.7.1.1.4.2).
pub const HMAC_STREEBOG_512: Oid = oid("1.2.643.7.1.1.4.2");
/// id-HMACGostR3411-94 (1.2.643.2.2.10).
pub const HMAC_GOST_R3411_94: Oid = oid("1.2.643.2.2.10");
/// The DSTU 7624:2014 (Kalyna) arc, 1.2.804.2.1.1.1.1.1.3: its children
/// are the modes, theirs the block sizes (see `keystore::kalyna`).
pub const DSTU7624: Oid = oid("1.2.804.2.1.1.1.1.1.3");

// PKCS#12 bag and certificate types (RFC 7292 section 4.2, PKCS#9 /
// RFC 2985 section 5.6.1 for the certificate type).
/// keyBag (1.2.840.113549.1.12.10.1.1).
pub const PKCS12_KEY_BAG: Oid = oid("1.2.840.113549.1.12.10.1.1");
/// pkcs8ShroudedKeyBag (1.2.840.113549.1.12.10.1.2).
pub const PKCS12_SHROUDED_KEY_BAG: Oid = oid("1.2.840.113549.1.12.10.1.2");
/// certBag (1.2.840.113549.1.12.10.1.3).
pub const PKCS12_CERT_BAG: Oid = oid("1.2.840.113549.1.12.10.1.3");
/// safeContentsBag (1.2.840.113549.1.12.10.1.6).
pub const PKCS12_SAFE_CONTENTS_BAG: Oid = oid("1.2.840.113549.1.12.10.1.6");
/// x509Certificate, the certBag type of DER certificates
/// (1.2.840.113549.1.9.22.1).
pub const PKCS9_X509_CERTIFICATE: Oid = oid("1.2.840.113549.1.9.22.1");

// Vendor key containers.
/// IIT's Key-6.dat store (IIT's enterprise arc 1.3.6.1.4.1.19398).
pub const IIT_STORE: Oid = oid("1.3.6.1.4.1.19398.1.1.1.2");
/// The DSTU4145Params of the key-agreement key an IIT key carries as a
/// PKCS#8 attribute (jkurwa `lib/models/Priv.js`).
pub const IIT_KEY_AGREEMENT_PARAMS: Oid = oid("1.3.6.1.4.1.19398.1.1.2.2");
/// The key-agreement private key itself, bit-reversed in a BIT STRING.
pub const IIT_KEY_AGREEMENT_KEY: Oid = oid("1.3.6.1.4.1.19398.1.1.2.3");
/// Sun's JKS `KeyProtector` (Sun's enterprise arc 1.3.6.1.4.1.42).
pub const JKS_KEY_PROTECTOR: Oid = oid("1.3.6.1.4.1.42.2.17.1.1");

// ---------------------------------------------------------------------
// CMS, RFC 3161 time-stamps, CAdES and CMS enveloping (cms/, tsa.rs,
// tsp/, cades/): what const_oid::db does not carry (its `rfc5911`,
// `rfc5912`, `rfc5753`, `rfc3161` and `rfc6960` modules name the
// international CMS, S/MIME and PKIX identifiers signet uses).
// ---------------------------------------------------------------------
/// id-aa-ets-contentTimestamp (1.2.840.113549.1.9.16.2.20, RFC 5126
/// section 5.11.4).
pub const AA_ETS_CONTENT_TIMESTAMP: Oid = oid("1.2.840.113549.1.9.16.2.20");
/// id-aa-ets-certificateRefs (1.2.840.113549.1.9.16.2.21, RFC 5126
/// section 6.2.1).
pub const AA_ETS_CERTIFICATE_REFS: Oid = oid("1.2.840.113549.1.9.16.2.21");
/// id-aa-ets-revocationRefs (1.2.840.113549.1.9.16.2.22, RFC 5126
/// section 6.2.2).
pub const AA_ETS_REVOCATION_REFS: Oid = oid("1.2.840.113549.1.9.16.2.22");
/// id-aa-ets-certValues (1.2.840.113549.1.9.16.2.23, RFC 5126 section
/// 6.3.3).
pub const AA_ETS_CERT_VALUES: Oid = oid("1.2.840.113549.1.9.16.2.23");
/// id-aa-ets-revocationValues (1.2.840.113549.1.9.16.2.24, RFC 5126
/// section 6.3.4).
pub const AA_ETS_REVOCATION_VALUES: Oid = oid("1.2.840.113549.1.9.16.2.24");
/// id-aa-ets-escTimeStamp (1.2.840.113549.1.9.16.2.25, RFC 5126 section
/// 6.3.5).
pub const AA_ETS_ESC_TIME_STAMP: Oid = oid("1.2.840.113549.1.9.16.2.25");
/// id-aa-ets-certCRLTimestamp (1.2.840.113549.1.9.16.2.26, RFC 5126
/// section 6.3.6).
pub const AA_ETS_CERT_CRL_TIMESTAMP: Oid = oid("1.2.840.113549.1.9.16.2.26");
/// id-Gost28147-89 (1.2.643.2.2.21, RFC 4357 section 10.4).
pub const GOST28147_89: Oid = oid("1.2.643.2.2.21");
/// id-GostR3410-2001DH (1.2.643.2.2.98, RFC 4357 section 10.4).
pub const GOST_R3410_2001_DH: Oid = oid("1.2.643.2.2.98");
/// id-Gost28147-89-None-KeyWrap (1.2.643.2.2.13.0, RFC 4357 section 10.6).
pub const GOST_NONE_KEY_WRAP: Oid = oid("1.2.643.2.2.13.0");
/// id-Gost28147-89-CryptoPro-KeyWrap (1.2.643.2.2.13.1, RFC 4357 section
/// 10.6).
pub const GOST_CRYPTOPRO_KEY_WRAP: Oid = oid("1.2.643.2.2.13.1");
/// id-tc26-agreement-gost-3410-2012-256 (1.2.643.7.1.1.6.1, TC26
/// registry).
pub const GOST_AGREEMENT_2012_256: Oid = oid("1.2.643.7.1.1.6.1");
/// id-tc26-agreement-gost-3410-2012-512 (1.2.643.7.1.1.6.2).
pub const GOST_AGREEMENT_2012_512: Oid = oid("1.2.643.7.1.1.6.2");
/// id-gostr3412-2015-magma-ctracpkm (1.2.643.7.1.1.5.1.1, R 1323565.1.025).
pub const MAGMA_CTR_ACPKM: Oid = oid("1.2.643.7.1.1.5.1.1");
/// id-gostr3412-2015-magma-ctracpkm-omac (1.2.643.7.1.1.5.1.2).
pub const MAGMA_CTR_ACPKM_OMAC: Oid = oid("1.2.643.7.1.1.5.1.2");
/// id-gostr3412-2015-kuznyechik-ctracpkm (1.2.643.7.1.1.5.2.1).
pub const KUZNYECHIK_CTR_ACPKM: Oid = oid("1.2.643.7.1.1.5.2.1");
/// id-gostr3412-2015-kuznyechik-ctracpkm-omac (1.2.643.7.1.1.5.2.2).
pub const KUZNYECHIK_CTR_ACPKM_OMAC: Oid = oid("1.2.643.7.1.1.5.2.2");
/// id-gostr3412-2015-magma-wrap-kexp15 (1.2.643.7.1.1.7.1.1, RFC 9189
/// section 8.2.1).
pub const MAGMA_KEXP15: Oid = oid("1.2.643.7.1.1.7.1.1");
/// id-gostr3412-2015-kuznyechik-wrap-kexp15 (1.2.643.7.1.1.7.2.1).
pub const KUZNYECHIK_KEXP15: Oid = oid("1.2.643.7.1.1.7.2.1");
/// id-cms-mac-attr (1.2.643.7.1.0.6.1.1): the encrypted OMAC of
/// `*-ctracpkm-omac` content.
pub const CMS_MAC_ATTR: Oid = oid("1.2.643.7.1.0.6.1.1");
/// DSTU GOST 28147:2009 in CFB mode (1.2.804.2.1.1.1.1.1.1.3).
pub const DSTU_GOST28147_CFB: Oid = oid("1.2.804.2.1.1.1.1.1.1.3");
/// The Ukrainian GOST 28147-89 key wrap (1.2.804.2.1.1.1.1.1.1.5),
/// `Gost28147-cfb-wrap` in jkurwa's `lib/spec/rfc3280.js`,
/// `OID_GOST28147_WRAP` in UAPKI.
pub const DSTU_GOST28147_WRAP: Oid = oid("1.2.804.2.1.1.1.1.1.1.5");
/// `dhSinglePass-cofactorDH-gost34311kdf` (1.2.804.2.1.1.1.1.3.4,
/// jkurwa; `OID_COFACTOR_DH_GOST34311_KDF` in UAPKI): DSTU 4145 cofactor
/// Diffie–Hellman with the GOST 34.311-95 KDF.
pub const DSTU_COFACTOR_DH_GOST34311_KDF: Oid = oid("1.2.804.2.1.1.1.1.3.4");
