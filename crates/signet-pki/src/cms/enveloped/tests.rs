//! The TC26 examples of GOST key transport and key agreement in CMS
//! ("Использование алгоритмов ГОСТ 28147-89, ГОСТ Р 34.11 и ГОСТ Р 34.10
//! в криптографических сообщениях формата CMS", as PyGOST's tests carry
//! them), decrypted with the example keys.

use test_support::der_tree::{oid, tlv};

use super::*;

/// A PKCS#8 GOST key from its big-endian scalar, as the TC26 examples
/// print it: `SEQUENCE { 0, SEQUENCE { alg, SEQUENCE { param_set } },
/// OCTET STRING d (little-endian) }`, written with the test DER writer.
fn gost_key(alg: &str, param_set: &str, scalar_be_hex: &str) -> PrivateKey {
    let mut le = hex::decode(scalar_be_hex).unwrap();
    le.reverse();
    let params = tlv(0x30, &oid(param_set).to_der());
    let algorithm = tlv(0x30, &[oid(alg).to_der(), params].concat());
    let der = tlv(0x30, &[tlv(0x02, &[0]), algorithm, tlv(0x04, &le)].concat());
    PrivateKey::from_pkcs8_der(&der).unwrap()
}

/// Decrypts the first recipient of `der` with `key`, without a
/// certificate (the examples do not include the recipient's).
fn open_first(der: &[u8], key: &PrivateKey) -> Vec<u8> {
    let envelope = envelope::read_envelope(der).unwrap();
    let PrivateKey::Gost(gost_key) = key else {
        panic!("GOST key expected")
    };
    let cek = match &envelope.recipients[0] {
        RecipientInfoRef::Ktri(ktri) => gost::decrypt_key(
            &ktri.key_encryption_algorithm,
            ktri.encrypted_key.as_bytes(),
            gost_key,
        )
        .unwrap(),
        RecipientInfoRef::Kari(kari) => gost::decrypt_agree(
            kari,
            kari.recipient_encrypted_keys[0].encrypted_key.as_bytes(),
            gost_key,
        )
        .unwrap(),
        _ => panic!("ktri or kari expected"),
    };
    ContentAlgorithm::read(&envelope.content_alg)
        .unwrap()
        .decrypt(
            &cek,
            envelope.encrypted_content.clone().unwrap(),
            None,
            None,
            &envelope.unprotected,
        )
        .unwrap()
        .to_vec()
}

/// The KeyTransRecipientInfo example for a GOST R 34.10-2012 256-bit
/// key (CryptoPro XchA parameters) of TC26's "Использование алгоритмов
/// ГОСТ 28147-89, ГОСТ Р 34.11 и ГОСТ Р 34.10 в криптографических
/// сообщениях формата CMS" (TK26CMS), as PyGOST's tests carry it:
/// VKO_GOSTR3410_2012_256, CryptoPro key wrap and CFB with meshing
/// under TC26 Z.
#[test]
fn tk26cms_ktri_256() {
    let der = crate::input::decode_base64(
        b"MIIKGgYJKoZIhvcNAQcDoIIKCzCCCgcCAQAxggE0MIIBMAIBADBbMFYxKTAnBgkq\
hkiG9w0BCQEWGkdvc3RSMzQxMC0yMDEyQGV4YW1wbGUuY29tMSkwJwYDVQQDEyBH\
b3N0UjM0MTAtMjAxMiAyNTYgYml0cyBleGNoYW5nZQIBATAfBggqhQMHAQEBATAT\
BgcqhQMCAiQABggqhQMHAQECAgSBrDCBqTAoBCCVJxUMdbKRzCJ5K1NWJIXnN7Ul\
zaceeFlblA2qH4wZrgQEsHnIG6B9BgkqhQMHAQIFAQGgZjAfBggqhQMHAQEBATAT\
BgcqhQMCAiQABggqhQMHAQECAgNDAARAFoqoLg1lV780co6GdwtjLtS4KCXv9VGR\
sd7PTPHCT/5iGbvOlKNW2I8UhayJ0dv7RV7Nb1lDIxPxf4Mbp2CikgQI1b4+WpGE\
sfQwggjIBgkqhkiG9w0BBwEwHwYGKoUDAgIVMBUECHYNkdvFoYdyBgkqhQMHAQIF\
AQGAggiYvFFpJKILAFdXjcdLLYv4eruXzL/wOXL8y9HHIDMbSzV1GM033J5Yt/p4\
H6JYe1L1hjAfE/BAAYBndof2sSUxC3/I7xj+b7M8BZ3GYPqATPtR4aCQDK6z91lx\
nDBAWx0HdsStT5TOj/plMs4zJDadvIJLfjmGkt0Np8FSnSdDPOcJAO/jcwiOPopg\
+Z8eIuZNmY4seegTLue+7DGqvqi1GdZdMnvXBFIKc9m5DUsC7LdyboqKImh6giZE\
YZnxb8a2naersPylhrf+zp4Piwwv808yOrD6LliXUiH0RojlmuaQP4wBkb7m073h\
MeAWEWSvyXzOvOOuFST/hxPEupiTRoHPUdfboJT3tNpizUhE384SrvXHpwpgivQ4\
J0zF2/uzTBEupXR6dFC9rTHAK3X79SltqBNnHyIXBwe+BMqTmKTfnlPVHBUfTXZg\
oakDItwKwa1MBOZeciwtUFza+7o9FZhKIandb848chGdgd5O9ksaXvPJDIPxQjZd\
EBVhnXLlje4TScImwTdvYB8GsI8ljKb2bL3FjwQWGbPaOjXc2D9w+Ore8bk1E4TA\
ayhypU7MH3Mq1EBZ4j0iROEFBQmYRZn8vAKZ0K7aPxcDeAnKAJxdokqrMkLgI6WX\
0glh/3Cs9dI+0D2GqMSygauKCD0vTIo3atkEQswDZR4pMx88gB4gmx7iIGrc/ZXs\
ZqHI7NQqeKtBwv2MCIj+/UTqdYDqbaniDwdVS8PE9nQnNU4gKffq3JbT+wRjJv6M\
Dr231bQHgAsFTVKbZgoL4gj4V7bLQUmW06+W1BQUJ2+Sn7fp+Xet9Xd3cGtNdxzQ\
zl6sGuiOlTNe0bfKP7QIMC7ekjflLBx8nwa2GZG19k3O0Z9JcDdN/kz6bGpPNssY\
AIOkTvLQjxIM9MhRqIv6ee0rowTWQPwXJP7yHApop4XZvVX6h9gG2gazqbDej2lo\
tAcfRAKj/LJ/bk9+OlNXOXVCKnwE1kXxZDsNJ51GdCungC56U/hmd3C1RhSLTpEc\
FlOWgXKNjbn6SQrlq1yASKKr80T0fL7PFoYwKZoQbKMAVZQC1VBWQltHkEzdL73x\
FwgZULNfdflF8sEhFC/zsVqckD/UnhzJz88PtCslMArJ7ntbEF1GzsSSfRfjBqnl\
kSUreE5XX6+c9yp5HcJBiMzp6ZqqWWaED5Y5xp1hZeYjuKbDMfY4tbWVc7Hy0dD2\
KGfZLp5umqvPNs7aVBPmvuxtrnxcJlUB8u2HoiHc6/TuhrpaopYGBhxL9+kezuLR\
v18nsAg8HOmcCNUS46NXQj/Mdpx8W+RsyzCQkJjieT/Yed20Zxq1zJoXIS0xAaUH\
TdE2dWqiT6TGlh/KQYk3KyFPNnDmzJm04a2VWIwpp4ypXyxrB7XxnVY6Q4YBYbZs\
FycxGjJWqj7lwc+lgZ8YV2WJ4snEo2os8SsA2GFWcUMiVTHDnEJvphDHmhWsf26A\
bbRqwaRXNjhj05DamTRsczgvfjdl1pk4lJYE4ES3nixtMe4s1X8nSmM4KvfyVDul\
J8uTpw1ZFnolTdfEL63BSf4FREoEqKB7cKuD7cpn7Rg4kRdM0/BLZGuxkH+pGMsI\
Bb8LecUWyjGsI6h74Wz/U2uBrfgdRqhR+UsfB2QLaRgM6kCXZ4vM0auuzBViFCwK\
tYMHzZWWz8gyVtJ0mzt1DrHCMx4pTS4yOhv4RkXBS/rub4VhVIsOGOGar5ZYtH47\
uBbdw3NC05JIFM7lI31d0s1fvvkTUR7eaqRW+SnR2c2oHpWlSO+Q0mrzx+vvOTdj\
xa713YtklBvyUUQr2SIbsXGpFnwjn+sXK1onAavp/tEax8sNZvxg5yeseFcWn+gD\
4rjk9FiSd1wp4fTDQFJ19evqruqKlq6k18l/ZAyUcEbIWSz2s3HfAAoAQyFPX1Q2\
95gVhRRw6lP4S6VPCfn/f+5jV4TcT6W/giRaHIk9Hty+g8bx1bFXaKVkQZ5R2Vmk\
qsZ65ZgCrYQJmcErPmYybvP7NBeDS4AOSgBQAGMQF4xywdNm6bniWWo3N/xkFv32\
/25x8okGgD8QcYKmhzieLSSzOvM/exB14RO84YZOkZzm01Jll0nac/LEazKoVWbn\
0VdcQ7pYEOqeMBXipsicNVYA/uhonp6op9cpIVYafPr0npCGwwhwcRuOrgSaZyCn\
VG2tPkEOv9LKmUbhnaDA2YUSzOOjcCpIVvTSBnUEiorYpfRYgQLrbcd2qhVvNCLX\
8ujZfMqXQXK8n5BK8JxNtczvaf+/2dfv1dQl0lHEAQhbNcsJ0t5GPhsSCC5oMBJl\
ZJuOEO/8PBWKEnMZOM+Dz7gEgsBhGyMFFrKpiwQRpyEshSD2QpnK6Lp0t5C8Za2G\
lhyZsEr+93AYOb5mm5+z02B4Yq9+RpepvjoqVeq/2uywZNq9MS98zVgNsmpryvTZ\
3HJHHB20u2jcVu0G3Nhiv22lD70JWCYFAOupjgVcUcaBxjxwUMAvgHg7JZqs6mC6\
tvTKwQ4NtDhoAhARlDeWSwCWb2vPH2H7Lmqokif1RfvJ0hrLzkJuHdWrzIYzXpPs\
+v9XJxLvbdKi9KU1Halq9S8dXT1fvs9DJTpUV/KW7QkRsTQJhTJBkQ07WUSJ4gBS\
Qp4efxSRNIfMj7DR6qLLf13RpIPTJO9/+gNuBIFcupWVfUL7tJZt8Qsf9eGwZfP+\
YyhjC8AyZjH4/9RzLHSjuq6apgw3Mzw0j572Xg6xDLMK8C3Tn/vrLOvAd96b9MkF\
3+ZHSLW3IgOiy+1jvK/20CZxNWc+pey8v4zji1hI17iohsipX/uZKRxhxF6+Xn2R\
UQp6qoxHAspNXgWQ57xg7C3+gmi4ciVr0fT9pg54ogcowrRH+I6wd0EpeWPbzfnQ\
pRmMVN+YtRsrEHwH3ToQ/i4vrtgA+eONuKT2uKZFikxA+VNmeeGdhkgqETMihQ==",
    )
    .unwrap();
    let key = gost_key(
        "1.2.643.7.1.1.1.1",
        "1.2.643.2.2.36.0",
        "BFCF1D623E5CDD3032A7C6EABB4A923C46E43D640FFEAAF2C3ED39A8FA399924",
    );
    assert_eq!(
        open_first(&der, &key),
        b"Test data to encrypt.\n".repeat(100)
    );
}

/// The TC26 KeyTransRecipientInfo example for a 512-bit key (TC26 set
/// B), base64.
const TK26_KTRI_512: &[u8] = b"MIIB0gYJKoZIhvcNAQcDoIIBwzCCAb8CAQAxggF8MIIBeAIBADBbMFYxKTAnBgkq\
hkiG9w0BCQEWGkdvc3RSMzQxMC0yMDEyQGV4YW1wbGUuY29tMSkwJwYDVQQDEyBH\
b3N0UjM0MTAtMjAxMiA1MTIgYml0cyBleGNoYW5nZQIBATAhBggqhQMHAQEBAjAV\
BgkqhQMHAQIBAgIGCCqFAwcBAQIDBIHyMIHvMCgEIIsYzbVLn33aLinQ7SLNA7y+\
Lrm02khqDCfXrNS9iiMhBATerS8zoIHCBgkqhQMHAQIFAQGggaowIQYIKoUDBwEB\
AQIwFQYJKoUDBwECAQICBggqhQMHAQECAwOBhAAEgYAYiTVLKpSGaAvjJEDQ0hdK\
qR/jek5Q9Q2pXC+NkOimQh7dpCi+wcaHlPcBk96hmpnOFvLaiokX8V6jqtBl5gdk\
M40kOXv8kcDdTzEVKA/ZLxA8xanL+gTD6ZjaPsUu06nsA2MoMBWcHLUzueaP3bGT\
/yHTV+Za5xdcQehag/lNBgQIvCw4uUl0XC4wOgYJKoZIhvcNAQcBMB8GBiqFAwIC\
FTAVBAj+1QzaXaN9FwYJKoUDBwECBQEBgAyK54euw0sHhEVEkA0=";

/// The same document's example for a 512-bit key (TC26 512-bit set B).
#[test]
fn tk26cms_ktri_512() {
    let der = crate::input::decode_base64(TK26_KTRI_512).unwrap();
    let key = gost_key(
        "1.2.643.7.1.1.1.2",
        "1.2.643.7.1.2.1.2.2",
        "3FC01CDCD4EC5F972EB482774C41E66DB7F380528DFE9E67992BA05AEE462435\
         757530E641077CE587B976C8EEB48C48FD33FD175F0C7DE6A44E014E6BCB074B",
    );
    assert_eq!(open_first(&der, &key), b"Test message");
}

/// The TC26 KeyAgreeRecipientInfo example for a 256-bit key (base64 of
/// a ContentInfo with EnvelopedData), also read by the round-trip test of
/// [`crate::cms::asn1`].
pub(crate) const TK26_KARI_256: &[u8] =
    b"MIIBhgYJKoZIhvcNAQcDoIIBdzCCAXMCAQIxggEwoYIBLAIBA6BooWYwHwYIKoUD\
BwEBAQEwEwYHKoUDAgIkAAYIKoUDBwEBAgIDQwAEQPAdWM4pO38iZ49UjaXQpq+a\
jhTa4KwY4B9TFMK7AiYmbFKE0eX/wvu69kFMQ2o3OJTnMOlr1WHiPYOmNO6C5hOh\
CgQIX+vNomZakEIwIgYIKoUDBwEBAQEwFgYHKoUDAgINADALBgkqhQMHAQIFAQEw\
gYwwgYkwWzBWMSkwJwYJKoZIhvcNAQkBFhpHb3N0UjM0MTAtMjAxMkBleGFtcGxl\
LmNvbTEpMCcGA1UEAxMgR29zdFIzNDEwLTIwMTIgMjU2IGJpdHMgZXhjaGFuZ2UC\
AQEEKjAoBCCNhrZOr7x2fsjjQAeDMv/tSoNRQSSQzzxgqdnYxJ3fIAQEgYLqVDA6\
BgkqhkiG9w0BBwEwHwYGKoUDAgIVMBUECHVmR/S+hlYiBgkqhQMHAQIFAQGADEI9\
UNjyuY+54uVcHw==";

/// The KeyAgreeRecipientInfo examples of the same document (256-bit
/// key, CryptoPro XchA; 512-bit key, TC26 set B): an ephemeral
/// originator key, an 8-byte UKM, VKO_GOSTR3410_2012_256 and the
/// GOST 28147-89 key wrap (`id-Gost28147-89-None-KeyWrap`) under TC26 Z.
#[test]
fn tk26cms_kari_256_and_512() {
    let der = crate::input::decode_base64(TK26_KARI_256).unwrap();
    let key = gost_key(
        "1.2.643.7.1.1.1.1",
        "1.2.643.2.2.36.0",
        "BFCF1D623E5CDD3032A7C6EABB4A923C46E43D640FFEAAF2C3ED39A8FA399924",
    );
    assert_eq!(open_first(&der, &key), b"Test message");

    let der = crate::input::decode_base64(
        b"MIIBzAYJKoZIhvcNAQcDoIIBvTCCAbkCAQIxggF2oYIBcgIBA6CBraGBqjAhBggq\
hQMHAQEBAjAVBgkqhQMHAQIBAgIGCCqFAwcBAQIDA4GEAASBgCB0nQy/Ljva/mRj\
w6o+eDKIvnxwYIQB5XCHhZhCpHNZiWcFxFpYXZLWRPKifOxV7NStvqGE1+fkfhBe\
btkQu0tdC1XL3LO2Cp/jX16XhW/IP5rKV84qWr1Owy/6tnSsNRb+ez6IttwVvaVV\
pA6ONFy9p9gawoC8nitvAVJkWW0PoQoECDVfxzxgMTAHMCIGCCqFAwcBAQECMBYG\
ByqFAwICDQAwCwYJKoUDBwECBQEBMIGMMIGJMFswVjEpMCcGCSqGSIb3DQEJARYa\
R29zdFIzNDEwLTIwMTJAZXhhbXBsZS5jb20xKTAnBgNVBAMTIEdvc3RSMzQxMC0y\
MDEyIDUxMiBiaXRzIGV4Y2hhbmdlAgEBBCowKAQg8C/OcxRR0Uq8nDjHrQlayFb3\
WFUZEnEuAKcuG6dTOawEBLhi9hIwOgYJKoZIhvcNAQcBMB8GBiqFAwICFTAVBAiD\
1wH+CX6CwgYJKoUDBwECBQEBgAzUvQI4H2zRfgNgdlY=",
    )
    .unwrap();
    let key = gost_key(
        "1.2.643.7.1.1.1.2",
        "1.2.643.7.1.2.1.2.2",
        "3FC01CDCD4EC5F972EB482774C41E66DB7F380528DFE9E67992BA05AEE462435\
         757530E641077CE587B976C8EEB48C48FD33FD175F0C7DE6A44E014E6BCB074B",
    );
    assert_eq!(open_first(&der, &key), b"Test message");
}

/// A damaged TC26 example fails the key wrap's MAC.
#[test]
fn tk26cms_damaged_key_fails() {
    let mut der = crate::input::decode_base64(TK26_KTRI_512).unwrap();
    // A byte of the 32-byte encryptedKey (its bytes are at 175..207).
    der[180] ^= 1;
    let key = gost_key(
        "1.2.643.7.1.1.1.2",
        "1.2.643.7.1.2.1.2.2",
        "3FC01CDCD4EC5F972EB482774C41E66DB7F380528DFE9E67992BA05AEE462435\
         757530E641077CE587B976C8EEB48C48FD33FD175F0C7DE6A44E014E6BCB074B",
    );
    let envelope = envelope::read_envelope(&der).unwrap();
    let (PrivateKey::Gost(k), RecipientInfoRef::Ktri(ktri)) = (&key, &envelope.recipients[0])
    else {
        panic!()
    };
    assert!(matches!(
        gost::decrypt_key(
            &ktri.key_encryption_algorithm,
            ktri.encrypted_key.as_bytes(),
            k
        ),
        Err(EnvelopedError::DecryptionFailed(_))
    ));
}
