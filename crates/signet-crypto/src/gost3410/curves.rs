//! The standard GOST R 34.10 elliptic curves.
//!
//! Constants are those of [RFC 4357 section 11.4] (the GOST R 34.10-2001
//! test and CryptoPro sets), [RFC 7836 appendix A] (the TC26 512-bit sets A
//! and B in canonical form, the TC26 256-bit set A and 512-bit set C in
//! twisted Edwards form, given here in their short Weierstrass form) and
//! [RFC 9215 appendix E] (the 512-bit test set). Each value was cross-checked
//! against gost-engine's `gost_params.c`, and the tests below check that the
//! base point lies on the curve and has order q, and that the Edwards curves'
//! Weierstrass coefficients follow from their (e, d) as RFC 7836 section 5.2
//! defines.
//!
//! The TC26 256-bit sets B, C and D are the CryptoPro sets A, B and C under
//! new identifiers ([R 1323565.1.024-2019], [RFC 9215 section 4]), and the
//! CryptoPro key-exchange sets XchA and XchB are the CryptoPro sets A and C;
//! each alias shares its arithmetic with the set it repeats.
//!
//! [RFC 4357 section 11.4]: https://datatracker.ietf.org/doc/html/rfc4357#section-11.4
//! [RFC 7836 appendix A]: https://datatracker.ietf.org/doc/html/rfc7836#appendix-A
//! [RFC 9215 appendix E]: https://datatracker.ietf.org/doc/html/rfc9215#appendix-E
//! [RFC 9215 section 4]: https://datatracker.ietf.org/doc/html/rfc9215#section-4
//! [R 1323565.1.024-2019]: https://tc26.ru/standarts/rekomendatsii-po-standartizatsii/r-1323565-1-024-2019-informatsionnaya-tekhnologiya-kriptograficheskaya-zashchita-informatsii-parametry-ellipticheskikh-krivykh-dlya-kriptograficheskikh-algoritmov-i-protokolov.html

use crypto_bigint::Uint;
use crypto_bigint::modular::{ConstMontyForm, ConstMontyParams};

use super::field::Fe;
use super::mul::Tables;
use super::point::Affine;

/// A GOST R 34.10 parameter set (an elliptic curve with its base point).
///
/// The identifiers (OIDs) that name these sets in certificates belong to the
/// PKI layer; [`Curve::name`] gives the ASN.1 name of each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Curve {
    /// `id-GostR3410-2001-TestParamSet` (RFC 4357 §11.4; the curve of the
    /// RFC 5832 / RFC 7091 examples). For tests only.
    Gost2001Test,
    /// `id-GostR3410-2001-CryptoPro-A-ParamSet` (RFC 4357 §11.4).
    CryptoProA,
    /// `id-GostR3410-2001-CryptoPro-B-ParamSet` (RFC 4357 §11.4).
    CryptoProB,
    /// `id-GostR3410-2001-CryptoPro-C-ParamSet` (RFC 4357 §11.4).
    CryptoProC,
    /// `id-GostR3410-2001-CryptoPro-XchA-ParamSet`: the curve of CryptoPro A.
    CryptoProXchA,
    /// `id-GostR3410-2001-CryptoPro-XchB-ParamSet`: the curve of CryptoPro C.
    CryptoProXchB,
    /// `id-tc26-gost-3410-2012-256-paramSetA` (RFC 7836 appendix A.2), a
    /// twisted Edwards curve (cofactor 4) used here in Weierstrass form.
    Tc26Gost256A,
    /// `id-tc26-gost-3410-2012-256-paramSetB`: the curve of CryptoPro A.
    Tc26Gost256B,
    /// `id-tc26-gost-3410-2012-256-paramSetC`: the curve of CryptoPro B.
    Tc26Gost256C,
    /// `id-tc26-gost-3410-2012-256-paramSetD`: the curve of CryptoPro C.
    Tc26Gost256D,
    /// `id-tc26-gost-3410-2012-512-paramSetTest` (RFC 9215 appendix E;
    /// GOST R 34.10-2012 example A.2). For tests only.
    Tc26Gost512Test,
    /// `id-tc26-gost-3410-2012-512-paramSetA` (RFC 7836 appendix A.1).
    Tc26Gost512A,
    /// `id-tc26-gost-3410-2012-512-paramSetB` (RFC 7836 appendix A.1).
    Tc26Gost512B,
    /// `id-tc26-gost-3410-2012-512-paramSetC` (RFC 7836 appendix A.2), a
    /// twisted Edwards curve (cofactor 4) used here in Weierstrass form.
    Tc26Gost512C,
}

impl Curve {
    /// Every parameter set, in declaration order.
    pub const ALL: [Curve; 14] = [
        Self::Gost2001Test,
        Self::CryptoProA,
        Self::CryptoProB,
        Self::CryptoProC,
        Self::CryptoProXchA,
        Self::CryptoProXchB,
        Self::Tc26Gost256A,
        Self::Tc26Gost256B,
        Self::Tc26Gost256C,
        Self::Tc26Gost256D,
        Self::Tc26Gost512Test,
        Self::Tc26Gost512A,
        Self::Tc26Gost512B,
        Self::Tc26Gost512C,
    ];

    /// The ASN.1 name of the parameter set, as in RFC 4357 and RFC 9215.
    pub fn name(self) -> &'static str {
        match self {
            Self::Gost2001Test => "id-GostR3410-2001-TestParamSet",
            Self::CryptoProA => "id-GostR3410-2001-CryptoPro-A-ParamSet",
            Self::CryptoProB => "id-GostR3410-2001-CryptoPro-B-ParamSet",
            Self::CryptoProC => "id-GostR3410-2001-CryptoPro-C-ParamSet",
            Self::CryptoProXchA => "id-GostR3410-2001-CryptoPro-XchA-ParamSet",
            Self::CryptoProXchB => "id-GostR3410-2001-CryptoPro-XchB-ParamSet",
            Self::Tc26Gost256A => "id-tc26-gost-3410-2012-256-paramSetA",
            Self::Tc26Gost256B => "id-tc26-gost-3410-2012-256-paramSetB",
            Self::Tc26Gost256C => "id-tc26-gost-3410-2012-256-paramSetC",
            Self::Tc26Gost256D => "id-tc26-gost-3410-2012-256-paramSetD",
            Self::Tc26Gost512Test => "id-tc26-gost-3410-2012-512-paramSetTest",
            Self::Tc26Gost512A => "id-tc26-gost-3410-2012-512-paramSetA",
            Self::Tc26Gost512B => "id-tc26-gost-3410-2012-512-paramSetB",
            Self::Tc26Gost512C => "id-tc26-gost-3410-2012-512-paramSetC",
        }
    }

    /// Size class of the parameter set in bits: 256 or 512. This is the
    /// length of a coordinate, of the private key, of the digest to sign and
    /// of each half of a signature. (The 512-bit test set's prime has 511
    /// bits; its values are still written in 64 bytes.)
    pub fn field_bits(self) -> u32 {
        (self.field_len() * 8) as u32
    }

    /// Length in bytes of one coordinate, of a private key and of the
    /// digest to sign: 32 or 64.
    pub fn field_len(self) -> usize {
        if self.is_512() { 64 } else { 32 }
    }

    /// Bit length of the prime order q of the base point's subgroup.
    pub fn order_bits(self) -> u32 {
        match self {
            Self::Tc26Gost256A => 255,
            Self::Tc26Gost512Test => 511,
            Self::Tc26Gost512C => 510,
            _ => self.field_bits(),
        }
    }

    /// Length in bytes of an encoded public key (X‖Y): 64 or 128.
    pub fn public_key_len(self) -> usize {
        2 * self.field_len()
    }

    /// Length in bytes of an encoded signature (s‖r): 64 or 128.
    pub fn signature_len(self) -> usize {
        2 * self.field_len()
    }

    /// The curve group order divided by q: 4 for the two twisted Edwards
    /// curves, 1 for the others.
    pub fn cofactor(self) -> u32 {
        match self {
            Self::Tc26Gost256A | Self::Tc26Gost512C => 4,
            _ => 1,
        }
    }

    /// Whether the set is defined as a twisted Edwards curve (TC26 256-A and
    /// 512-C). Keys and signatures always use the Weierstrass form.
    pub fn is_twisted_edwards(self) -> bool {
        self.cofactor() == 4
    }

    fn is_512(self) -> bool {
        matches!(
            self,
            Self::Tc26Gost512Test | Self::Tc26Gost512A | Self::Tc26Gost512B | Self::Tc26Gost512C
        )
    }
}

impl core::fmt::Display for Curve {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// Compile-time description of one curve, in short Weierstrass form
/// `y² = x³ + a·x + b` over F_p with a base point G of prime order q.
pub(crate) trait CurveSpec<const N: usize>: Copy + Send + Sync + 'static {
    /// The field modulus p.
    type P: ConstMontyParams<N>;
    /// The subgroup order q.
    type Q: ConstMontyParams<N>;
    /// Coefficient a.
    const A: Uint<N>;
    /// Coefficient b.
    const B: Uint<N>;
    /// Base point x.
    const GX: Uint<N>;
    /// Base point y.
    const GY: Uint<N>;
    /// Whether a = −3 mod p, which selects the cheaper formulas.
    const A_IS_MINUS_3: bool;
    /// log₂ of the cofactor (0 or 2).
    const COFACTOR_LOG2: u32;
    /// Whether the set is a twisted Edwards curve with e = 1 whose Edwards
    /// form is used internally (see `edwards.rs`).
    const EDWARDS: bool = false;
    /// Edwards d (RFC 7836 section 5.2).
    const ED_D: Uint<N> = Uint::ZERO;
    /// s = (e − d)/4 mod p.
    const ED_S: Uint<N> = Uint::ZERO;
    /// t = (e + d)/6 mod p.
    const ED_T: Uint<N> = Uint::ZERO;

    /// a in Montgomery form.
    const A_FE: Fe<Self::P, N> = Fe::from_uint_const(&Self::A);
    /// b in Montgomery form.
    const B_FE: Fe<Self::P, N> = Fe::from_uint_const(&Self::B);
    /// 3·b in Montgomery form.
    const B3_FE: Fe<Self::P, N> = {
        let b = ConstMontyForm::<Self::P, N>::new(&Self::B);
        Fe::from_monty_const(b.add(&b).add(&b))
    };
    /// Edwards d in Montgomery form.
    const ED_D_FE: Fe<Self::P, N> = Fe::from_uint_const(&Self::ED_D);
    /// s in Montgomery form.
    const ED_S_FE: Fe<Self::P, N> = Fe::from_uint_const(&Self::ED_S);
    /// t in Montgomery form.
    const ED_T_FE: Fe<Self::P, N> = Fe::from_uint_const(&Self::ED_T);
    /// The base point.
    const G: Affine<Self, N> = Affine::from_fe(
        Fe::from_uint_const(&Self::GX),
        Fe::from_uint_const(&Self::GY),
    );

    /// The precomputed multiples of G (built on first use).
    fn tables() -> &'static Tables<Self, N>;
}

/// Defines a zero-sized curve type and its [`CurveSpec`].
macro_rules! curve_spec {
    (
        $(#[$meta:meta])*
        $name:ident, $module:ident, $limbs:literal, $uint:ty,
        p = $p:expr, q = $q:expr, a = $a:expr, b = $b:expr, x = $x:expr, y = $y:expr,
        a_is_minus_3 = $m3:literal, cofactor_log2 = $h:literal,
        $(edwards_d = $ed:expr, edwards_s = $es:expr, edwards_t = $et:expr,)?
    ) => {
        mod $module {
            crypto_bigint::const_monty_params!(Field, $uint, $p, "The field prime p.");
            crypto_bigint::const_monty_params!(Order, $uint, $q, "The subgroup order q.");
        }

        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        pub(crate) struct $name;

        impl CurveSpec<$limbs> for $name {
            type P = $module::Field;
            type Q = $module::Order;
            const A: Uint<$limbs> = Uint::from_be_hex($a);
            const B: Uint<$limbs> = Uint::from_be_hex($b);
            const GX: Uint<$limbs> = Uint::from_be_hex($x);
            const GY: Uint<$limbs> = Uint::from_be_hex($y);
            const A_IS_MINUS_3: bool = $m3;
            const COFACTOR_LOG2: u32 = $h;
            $(
                const EDWARDS: bool = true;
                const ED_D: Uint<$limbs> = Uint::from_be_hex($ed);
                const ED_S: Uint<$limbs> = Uint::from_be_hex($es);
                const ED_T: Uint<$limbs> = Uint::from_be_hex($et);
            )?

            fn tables() -> &'static Tables<Self, $limbs> {
                static TABLES: std::sync::OnceLock<Tables<$name, $limbs>> =
                    std::sync::OnceLock::new();
                TABLES.get_or_init(Tables::new)
            }
        }
    };
}

curve_spec! {
    /// id-GostR3410-2001-TestParamSet (RFC 4357 §11.4).
    Test2001, test2001, 4, crypto_bigint::U256,
    p = "8000000000000000000000000000000000000000000000000000000000000431",
    q = "8000000000000000000000000000000150FE8A1892976154C59CFC193ACCF5B3",
    a = "0000000000000000000000000000000000000000000000000000000000000007",
    b = "5FBFF498AA938CE739B8E022FBAFEF40563F6E6A3472FC2A514C0CE9DAE23B7E",
    x = "0000000000000000000000000000000000000000000000000000000000000002",
    y = "08E2A8A0E65147D4BD6316030E16D19C85C97F0A9CA267122B96ABBCEA7E8FC8",
    a_is_minus_3 = false, cofactor_log2 = 0,
}

curve_spec! {
    /// id-GostR3410-2001-CryptoPro-A-ParamSet (RFC 4357 §11.4), also XchA
    /// and TC26 256-B.
    CpA, cpa, 4, crypto_bigint::U256,
    p = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97",
    q = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF6C611070995AD10045841B09B761B893",
    a = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD94",
    b = "00000000000000000000000000000000000000000000000000000000000000A6",
    x = "0000000000000000000000000000000000000000000000000000000000000001",
    y = "8D91E471E0989CDA27DF505A453F2B7635294F2DDF23E3B122ACC99C9E9F1E14",
    a_is_minus_3 = true, cofactor_log2 = 0,
}

curve_spec! {
    /// id-GostR3410-2001-CryptoPro-B-ParamSet (RFC 4357 §11.4), also TC26
    /// 256-C.
    CpB, cpb, 4, crypto_bigint::U256,
    p = "8000000000000000000000000000000000000000000000000000000000000C99",
    q = "800000000000000000000000000000015F700CFFF1A624E5E497161BCC8A198F",
    a = "8000000000000000000000000000000000000000000000000000000000000C96",
    b = "3E1AF419A269A5F866A7D3C25C3DF80AE979259373FF2B182F49D4CE7E1BBC8B",
    x = "0000000000000000000000000000000000000000000000000000000000000001",
    y = "3FA8124359F96680B83D1C3EB2C070E5C545C9858D03ECFB744BF8D717717EFC",
    a_is_minus_3 = true, cofactor_log2 = 0,
}

curve_spec! {
    /// id-GostR3410-2001-CryptoPro-C-ParamSet (RFC 4357 §11.4), also XchB
    /// and TC26 256-D.
    CpC, cpc, 4, crypto_bigint::U256,
    p = "9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D759B",
    q = "9B9F605F5A858107AB1EC85E6B41C8AA582CA3511EDDFB74F02F3A6598980BB9",
    a = "9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D7598",
    b = "000000000000000000000000000000000000000000000000000000000000805A",
    x = "0000000000000000000000000000000000000000000000000000000000000000",
    y = "41ECE55743711A8C3CBF3783CD08C0EE4D4DC440D4641A8F366E550DFDB3BB67",
    a_is_minus_3 = true, cofactor_log2 = 0,
}

curve_spec! {
    /// id-tc26-gost-3410-2012-256-paramSetA (RFC 7836 appendix A.2).
    Tc256A, tc256a, 4, crypto_bigint::U256,
    p = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97",
    q = "400000000000000000000000000000000FD8CDDFC87B6635C115AF556C360C67",
    a = "C2173F1513981673AF4892C23035A27CE25E2013BF95AA33B22C656F277E7335",
    b = "295F9BAE7428ED9CCC20E7C359A9D41A22FCCD9108E17BF7BA9337A6F8AE9513",
    x = "91E38443A5E82C0D880923425712B2BB658B9196932E02C78B2582FE742DAA28",
    y = "32879423AB1A0375895786C4BB46E9565FDE0B5344766740AF268ADB32322E5C",
    a_is_minus_3 = false, cofactor_log2 = 2,
    edwards_d = "0605F6B7C183FA81578BC39CFAD518132B9DF62897009AF7E522C32D6DC7BFFB",
    edwards_s = "7E7E82520F9F015FAA1D0F18C14AB9FB35188275DA3FD94206B74F34A48E0ECD",
    edwards_t = "0100FE73F595FF158E974B44D478D9588744FE5C192AC47EA63075DCE7A14AAA",
}

curve_spec! {
    /// id-tc26-gost-3410-2012-512-paramSetTest (RFC 9215 appendix E).
    Test512, test512, 8, crypto_bigint::U512,
    p = concat!(
        "4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15D",
        "F1D852741AF4704A0458047E80E4546D35B8336FAC224DD81664BBF528BE6373"
    ),
    q = concat!(
        "4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15D",
        "A82F2D7ECB1DBAC719905C5EECC423F1D86E25EDBE23C595D644AAF187E6E6DF"
    ),
    a = concat!(
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000007"
    ),
    b = concat!(
        "1CFF0806A31116DA29D8CFA54E57EB748BC5F377E49400FDD788B649ECA1AC43",
        "61834013B2AD7322480A89CA58E0CF74BC9E540C2ADD6897FAD0A3084F302ADC"
    ),
    x = concat!(
        "24D19CC64572EE30F396BF6EBBFD7A6C5213B3B3D7057CC825F91093A68CD762",
        "FD60611262CD838DC6B60AA7EEE804E28BC849977FAC33B4B530F1B120248A9A"
    ),
    y = concat!(
        "2BB312A43BD2CE6E0D020613C857ACDDCFBF061E91E5F2C3F32447C259F39B2C",
        "83AB156D77F1496BF7EB3351E1EE4E43DC1A18B91B24640B6DBB92CB1ADD371E"
    ),
    a_is_minus_3 = false, cofactor_log2 = 0,
}

curve_spec! {
    /// id-tc26-gost-3410-2012-512-paramSetA (RFC 7836 appendix A.1).
    Tc512A, tc512a, 8, crypto_bigint::U512,
    p = concat!(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7"
    ),
    q = concat!(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
        "27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275"
    ),
    a = concat!(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC4"
    ),
    b = concat!(
        "E8C2505DEDFC86DDC1BD0B2B6667F1DA34B82574761CB0E879BD081CFD0B6265",
        "EE3CB090F30D27614CB4574010DA90DD862EF9D4EBEE4761503190785A71C760"
    ),
    x = concat!(
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000003"
    ),
    y = concat!(
        "7503CFE87A836AE3A61B8816E25450E6CE5E1C93ACF1ABC1778064FDCBEFA921",
        "DF1626BE4FD036E93D75E6A50E3A41E98028FE5FC235F5B889A589CB5215F2A4"
    ),
    a_is_minus_3 = true, cofactor_log2 = 0,
}

curve_spec! {
    /// id-tc26-gost-3410-2012-512-paramSetB (RFC 7836 appendix A.1).
    Tc512B, tc512b, 8, crypto_bigint::U512,
    p = concat!(
        "8000000000000000000000000000000000000000000000000000000000000000",
        "000000000000000000000000000000000000000000000000000000000000006F"
    ),
    q = concat!(
        "8000000000000000000000000000000000000000000000000000000000000001",
        "49A1EC142565A545ACFDB77BD9D40CFA8B996712101BEA0EC6346C54374F25BD"
    ),
    a = concat!(
        "8000000000000000000000000000000000000000000000000000000000000000",
        "000000000000000000000000000000000000000000000000000000000000006C"
    ),
    b = concat!(
        "687D1B459DC841457E3E06CF6F5E2517B97C7D614AF138BCBF85DC806C4B289F",
        "3E965D2DB1416D217F8B276FAD1AB69C50F78BEE1FA3106EFB8CCBC7C5140116"
    ),
    x = concat!(
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000002"
    ),
    y = concat!(
        "1A8F7EDA389B094C2C071E3647A8940F3C123B697578C213BE6DD9E6C8EC7335",
        "DCB228FD1EDF4A39152CBCAAF8C0398828041055F94CEEEC7E21340780FE41BD"
    ),
    a_is_minus_3 = true, cofactor_log2 = 0,
}

curve_spec! {
    /// id-tc26-gost-3410-2012-512-paramSetC (RFC 7836 appendix A.2).
    Tc512C, tc512c, 8, crypto_bigint::U512,
    p = concat!(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7"
    ),
    q = concat!(
        "3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
        "C98CDBA46506AB004C33A9FF5147502CC8EDA9E7A769A12694623CEF47F023ED"
    ),
    a = concat!(
        "DC9203E514A721875485A529D2C722FB187BC8980EB866644DE41C68E1430645",
        "46E861C0E2C9EDD92ADE71F46FCF50FF2AD97F951FDA9F2A2EB6546F39689BD3"
    ),
    b = concat!(
        "B4C4EE28CEBC6C2C8AC12952CF37F16AC7EFB6A9F69F4B57FFDA2E4F0DE5ADE0",
        "38CBC2FFF719D2C18DE0284B8BFEF3B52B8CC7A5F5BF0A3C8D2319A5312557E1"
    ),
    x = concat!(
        "E2E31EDFC23DE7BDEBE241CE593EF5DE2295B7A9CBAEF021D385F7074CEA043A",
        "A27272A7AE602BF2A7B9033DB9ED3610C6FB85487EAE97AAC5BC7928C1950148"
    ),
    y = concat!(
        "F5CE40D95B5EB899ABBCCFF5911CB8577939804D6527378B8C108C3D2090FF9B",
        "E18E2D33E3021ED2EF32D85822423B6304F726AA854BAE07D0396E9A9ADDC40F"
    ),
    a_is_minus_3 = false, cofactor_log2 = 2,
    edwards_d = concat!(
        "9E4F5D8C017D8D9F13A5CF3CDF5BFE4DAB402D54198E31EBDE28A0621050439C",
        "A6B39E0A515C06B304E2CE43E79E369E91A0CFC2BC2A22B4CA302DBB33EE7550"
    ),
    edwards_s = concat!(
        "186C289CFFA09C983B168C30C829006C952FF4AAF99C73850875D7E77BEBEF18",
        "D653187D6BA8FE533EC74C6F061872585B97CC0F50F57752CD73F4913304621E"
    ),
    edwards_t = concat!(
        "9A628F975594ECEFD89BA28A2539FFB79C8AB238AEED0851FA5C1ABB02B80B44",
        "C6734501B83A011DD625CD0B5145091A6D9ACD4B1F5C5B1E21B2B249DDFD1271"
    ),
}

/// Calls `$f::<Spec, N>($args…)` for the curve type behind a [`Curve`].
macro_rules! dispatch {
    ($curve:expr, $f:ident ( $($arg:expr),* $(,)? )) => {{
        use $crate::gost3410::curves as c;
        match $curve {
            c::Curve::Gost2001Test => $f::<c::Test2001, 4>($($arg),*),
            c::Curve::CryptoProA | c::Curve::CryptoProXchA | c::Curve::Tc26Gost256B => {
                $f::<c::CpA, 4>($($arg),*)
            }
            c::Curve::CryptoProB | c::Curve::Tc26Gost256C => $f::<c::CpB, 4>($($arg),*),
            c::Curve::CryptoProC | c::Curve::CryptoProXchB | c::Curve::Tc26Gost256D => {
                $f::<c::CpC, 4>($($arg),*)
            }
            c::Curve::Tc26Gost256A => $f::<c::Tc256A, 4>($($arg),*),
            c::Curve::Tc26Gost512Test => $f::<c::Test512, 8>($($arg),*),
            c::Curve::Tc26Gost512A => $f::<c::Tc512A, 8>($($arg),*),
            c::Curve::Tc26Gost512B => $f::<c::Tc512B, 8>($($arg),*),
            c::Curve::Tc26Gost512C => $f::<c::Tc512C, 8>($($arg),*),
        }
    }};
}
pub(crate) use dispatch;
