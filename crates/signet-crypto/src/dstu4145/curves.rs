//! Domain parameters: the ten standard polynomial-basis curves and curves
//! from explicit parameters.
//!
//! The named curves are the polynomial-basis curves of DSTU 4145-2002
//! table Г.2 (m = 163 … 431) with the base points that the order of the
//! Ministry of Justice and the State Service of Special Communications
//! No. 1236/5/453 of 2012-08-20 (registered as [z1399-12]) fixed for them,
//! under the identifiers `1.2.804.2.1.1.1.1.3.1.1.2.0` … `.2.9`
//! (`dstu4145le.2.i`). The constants are Bouncy Castle's
//! `org.bouncycastle.asn1.ua.DSTU4145NamedCurves`; M257 and M431 agree
//! digit for digit with jkurwa's `lib/standard.js` and with the explicit
//! parameters of real certificates (the CZO root and the Justice CA in
//! `testdata/ua`); B and n agree with bee2's `dstu.c` where compared (M163,
//! M307, M367). bee2 gives M163 the base point of the Annex Б example
//! instead: the standard itself fixes no base points. The tests check that
//! every base point lies on its curve and has order n.
//!
//! The five optimal-normal-basis curves (m = 173, 179, 191, 233, 431;
//! `1.2.804.2.1.1.1.1.3.1.2.2.0` … `.4`, under `dstu4145onb`
//! 1.2.804.2.1.1.1.1.3.1.2) are those of UAPKI's `ec-default-params.c`
//! (`EC_PARAMS_DSTU4145_M*_ONB`, the same in cryptonite's
//! `dstu4145_params_internal.c`): B and the base point are ONB elements
//! there and here. They run on the polynomial basis of the same m through
//! the change of basis of `onb.rs`; B and P are kept converted, and
//! [`CurveInner`]'s `to_pb`/`pb_to_api`, `compress`/`decompress` and
//! `hash_element` convert at the edges.
//!
//! [z1399-12]: https://zakon.rada.gov.ua/laws/show/z1399-12

use std::sync::{Arc, OnceLock};

use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{NonZero, Odd};

use super::Error;
use super::field::{Fe, Field, LIMBS, PolyError};
use super::mul::{Comb, G_WNAF_W, mul_vartime, odd_multiples};
use super::onb::{self, Onb};
use super::point::{Affine, Group};
use super::scalar::{Order, SCALAR_LIMBS, Scalar, scalar_from_be};

/// The OID arc of the named curves: `dstu4145le` (1.2.804.2.1.1.1.1.3.1.1)
/// followed by `.2`.
const OID_BASE: &str = "1.2.804.2.1.1.1.1.3.1.1.2.";

/// The OID arc of the named optimal-normal-basis curves: `dstu4145onb`
/// (1.2.804.2.1.1.1.1.3.1.2) followed by `.2` (UAPKI's `oids.h`,
/// `OID_DSTU4145_PARAM_M173_ONB` … `M431_ONB`).
const OID_BASE_ONB: &str = "1.2.804.2.1.1.1.1.3.1.2.2.";

/// A standard DSTU 4145-2002 curve: the ten in polynomial basis and the
/// five in optimal normal basis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NamedCurve {
    /// GF(2^163), `x^163 + x^7 + x^6 + x^3 + 1`, A = 1, cofactor 2
    /// (`1.2.804.2.1.1.1.1.3.1.1.2.0`).
    M163,
    /// GF(2^167), `x^167 + x^6 + 1`, A = 1, cofactor 2 (`….2.1`).
    M167,
    /// GF(2^173), `x^173 + x^10 + x^2 + x + 1`, A = 0, cofactor 4 (`….2.2`).
    M173,
    /// GF(2^179), `x^179 + x^4 + x^2 + x + 1`, A = 1, cofactor 2 (`….2.3`).
    M179,
    /// GF(2^191), `x^191 + x^9 + 1`, A = 1, cofactor 2 (`….2.4`).
    M191,
    /// GF(2^233), `x^233 + x^9 + x^4 + x + 1`, A = 1, cofactor 2 (`….2.5`).
    M233,
    /// GF(2^257), `x^257 + x^12 + 1`, A = 0, cofactor 4 (`….2.6`): the
    /// curve of most Ukrainian end-entity certificates.
    M257,
    /// GF(2^307), `x^307 + x^8 + x^4 + x^2 + 1`, A = 1, cofactor 2
    /// (`….2.7`).
    M307,
    /// GF(2^367), `x^367 + x^21 + 1`, A = 1, cofactor 2 (`….2.8`).
    M367,
    /// GF(2^431), `x^431 + x^5 + x^3 + x + 1`, A = 1, cofactor 2
    /// (`….2.9`): the curve of the Ukrainian root and CA keys.
    M431,
    /// GF(2^173) in optimal normal basis, A = 0, cofactor 4
    /// (`1.2.804.2.1.1.1.1.3.1.2.2.0`).
    M173Onb,
    /// GF(2^179) in optimal normal basis, A = 1, cofactor 2 (`….2.2.1`).
    M179Onb,
    /// GF(2^191) in optimal normal basis, A = 1, cofactor 2 (`….2.2.2`).
    M191Onb,
    /// GF(2^233) in optimal normal basis, A = 1, cofactor 2 (`….2.2.3`).
    M233Onb,
    /// GF(2^431) in optimal normal basis, A = 1, cofactor 2 (`….2.2.4`).
    M431Onb,
}

/// One row of the table: big-endian hexadecimal as Bouncy Castle prints it
/// (for the ONB rows, the ONB elements of UAPKI's tables, big-endian).
struct NamedParams {
    onb: bool,
    m: u32,
    ks: &'static [u32],
    a: u8,
    b: &'static str,
    n: &'static str,
    x: &'static str,
    y: &'static str,
}

const PARAMS: [NamedParams; 15] = [
    NamedParams {
        onb: false,
        m: 163,
        ks: &[3, 6, 7],
        a: 1,
        b: "5FF6108462A2DC8210AB403925E638A19C1455D21",
        n: "400000000000000000002BEC12BE2262D39BCF14D",
        x: "2E2F85F5DD74CE983A5C4237229DAF8A3F35823BE",
        y: "3826F008A8C51D7B95284D9D03FF0E00CE2CD723A",
    },
    NamedParams {
        onb: false,
        m: 167,
        ks: &[6],
        a: 1,
        b: "6EE3CEEB230811759F20518A0930F1A4315A827DAC",
        n: "3FFFFFFFFFFFFFFFFFFFFFB12EBCC7D7F29FF7701F",
        x: "7A1F6653786A68192803910A3D30B2A2018B21CD54",
        y: "5F49EB26781C0EC6B8909156D98ED435E45FD59918",
    },
    NamedParams {
        onb: false,
        m: 173,
        ks: &[1, 2, 10],
        a: 0,
        b: "108576C80499DB2FC16EDDF6853BBB278F6B6FB437D9",
        n: "800000000000000000000189B4E67606E3825BB2831",
        x: "4D41A619BCC6EADF0448FA22FAD567A9181D37389CA",
        y: "10B51CC12849B234C75E6DD2028BF7FF5C1CE0D991A1",
    },
    NamedParams {
        onb: false,
        m: 179,
        ks: &[1, 2, 4],
        a: 1,
        b: "4A6E0856526436F2F88DD07A341E32D04184572BEB710",
        n: "3FFFFFFFFFFFFFFFFFFFFFFB981960435FE5AB64236EF",
        x: "6BA06FE51464B2BD26DC57F48819BA9954667022C7D03",
        y: "25FBC363582DCEC065080CA8287AAFF09788A66DC3A9E",
    },
    NamedParams {
        onb: false,
        m: 191,
        ks: &[9],
        a: 1,
        b: "7BC86E2102902EC4D5890E8B6B4981FF27E0482750FEFC03",
        n: "40000000000000000000000069A779CAC1DABC6788F7474F",
        x: "714114B762F2FF4A7912A6D2AC58B9B5C2FCFE76DAEB7129",
        y: "29C41E568B77C617EFE5902F11DB96FA9613CD8D03DB08DA",
    },
    NamedParams {
        onb: false,
        m: 233,
        ks: &[1, 4, 9],
        a: 1,
        b: "06973B15095675534C7CF7E64A21BD54EF5DD3B8A0326AA936ECE454D2C",
        n: "1000000000000000000000000000013E974E72F8A6922031D2603CFE0D7",
        x: "3FCDA526B6CDF83BA1118DF35B3C31761D3545F32728D003EEB25EFE96",
        y: "9CA8B57A934C54DEEDA9E54A7BBAD95E3B2E91C54D32BE0B9DF96D8D35",
    },
    NamedParams {
        onb: false,
        m: 257,
        ks: &[12],
        a: 0,
        b: "1CEF494720115657E18F938D7A7942394FF9425C1458C57861F9EEA6ADBE3BE10",
        n: "800000000000000000000000000000006759213AF182E987D3E17714907D470D",
        x: "02A29EF207D0E9B6C55CD260B306C7E007AC491CA1B10C62334A9E8DCD8D20FB7",
        y: "10686D41FF744D4449FCCF6D8EEA03102E6812C93A9D60B978B702CF156D814EF",
    },
    NamedParams {
        onb: false,
        m: 307,
        ks: &[2, 4, 8],
        a: 1,
        b: "393C7F7D53666B5054B5E6C6D3DE94F4296C0C599E2E2E241050DF18B6090BDC90186904968BB",
        n: "3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC079C2F3825DA70D390FBBA588D4604022B7B7",
        x: "216EE8B189D291A0224984C1E92F1D16BF75CCD825A087A239B276D3167743C52C02D6E7232AA",
        y: "5D9306BACD22B7FAEB09D2E049C6E2866C5D1677762A8F2F2DC9A11C7F7BE8340AB2237C7F2A0",
    },
    NamedParams {
        onb: false,
        m: 367,
        ks: &[21],
        a: 1,
        b: "43FC8AD242B0B7A6F3D1627AD5654447556B47BF6AA4A64B0C2AFE42CADAB8F93D92394C79A79755437B56995136",
        n: "40000000000000000000000000000000000000000000009C300B75A3FA824F22428FD28CE8812245EF44049B2D49",
        x: "324A6EDDD512F08C49A99AE0D3F961197A76413E7BE81A400CA681E09639B5FE12E59A109F78BF4A373541B3B9A1",
        y: "1AB597A5B4477F59E39539007C7F977D1A567B92B043A49C6B61984C3FE3481AAF454CD41BA1F051626442B3C10",
    },
    NamedParams {
        onb: false,
        m: 431,
        ks: &[1, 3, 5],
        a: 1,
        b: "03CE10490F6A708FC26DFE8C3D27C4F94E690134D5BFF988D8D28AAEAEDE975936C66BAC536B18AE2DC312CA493117DAA469C640CAF3",
        n: "3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFBA3175458009A8C0A724F02F81AA8A1FCBAF80D90C7A95110504CF",
        x: "1A62BA79D98133A16BBAE7ED9A8E03C32E0824D57AEF72F88986874E5AAE49C27BED49A2A95058068426C2171E99FD3B43C5947C857D",
        y: "70B5E1E14031C1F70BBEFE96BDDE66F451754B4CA5F48DA241F331AA396B8D1839A855C1769B1EA14BA53308B5E2723724E090E02DB9",
    },
    NamedParams {
        onb: true,
        m: 173,
        ks: &[1, 2, 10],
        a: 0,
        b: "43D7E139319F43BA00944915740E1E6651B06E278C7",
        n: "800000000000000000000189B4E67606E3825BB2831",
        x: "A3B8B8D704089B24318CAA51917CB6E424B4E6DEA56",
        y: "5A43D5EE1F400349CF35150C74F119A39145F0CB08",
    },
    NamedParams {
        onb: true,
        m: 179,
        ks: &[1, 2, 4],
        a: 1,
        b: "19C9EBC4FD8308193D3A61762C547C82F2E6B2182CBCB",
        n: "3FFFFFFFFFFFFFFFFFFFFFFB981960435FE5AB64236EF",
        x: "11F4112265410477159E0D3E39BC4AC4ADE43B21B66B9",
        y: "2CA5F0B34C61A86216F13766591CB266E2819EE582B3C",
    },
    NamedParams {
        onb: true,
        m: 191,
        ks: &[9],
        a: 1,
        b: "13871C9D29D6CEEA740FD57444F72FDBAE559C13A1E31EF8",
        n: "40000000000000000000000069A779CAC1DABC6788F7474F",
        x: "7159E0D3E39BC4AC4ADE43B21B66B94F2AF25ABEEB1D85D3",
        y: "57E45D546BE6201E9705E029535D009D31F51D81E18226BE",
    },
    NamedParams {
        onb: true,
        m: 233,
        ks: &[1, 4, 9],
        a: 1,
        b: "80F920952A702C75B704A424C018EEA55AA44664F3A003E0962D4F9A8E",
        n: "1000000000000000000000000000013E974E72F8A6922031D2603CFE0D7",
        x: "A0823B8ACF069F1CDE256256F21D90DB35CA795792D5F758EC2E9992FB",
        y: "19DAE222AF326D33AFB7761953F624A23D3EB1CA7A1C300F0AA9953CA85",
    },
    NamedParams {
        onb: true,
        m: 431,
        ks: &[1, 3, 5],
        a: 1,
        b: "53FB7AF7B4407000A6F226AD6BAD28378646BD83F1F940810A4C19536EE65E53F40F973F2F06C5E80EFE3B43651BD5FF8B06BA5F9299",
        n: "3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFBA3175458009A8C0A724F02F81AA8A1FCBAF80D90C7A95110504CF",
        x: "2020182CFCD7C724157B363D4ABFD4C16251773C595D4E5C88572FA9D5EBB58142326448C08D3EE3E17E40B835D3090DCFBA7C5ADEA6",
        y: "18E1B6EFB28EEF8A1F9C1859ED57C74CA747E4E1A60294C005D1920E80903A432929855828DD7F21714F837E119A044987F00110ADAD",
    },
];

impl NamedCurve {
    /// Every named curve: the polynomial-basis ones in the order of their
    /// OIDs (`…3.1.1.2.0` … `.2.9`), then the normal-basis ones
    /// (`…3.1.2.2.0` … `.2.4`).
    pub const ALL: [NamedCurve; 15] = [
        Self::M163,
        Self::M167,
        Self::M173,
        Self::M179,
        Self::M191,
        Self::M233,
        Self::M257,
        Self::M307,
        Self::M367,
        Self::M431,
        Self::M173Onb,
        Self::M179Onb,
        Self::M191Onb,
        Self::M233Onb,
        Self::M431Onb,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// The short name, `"M163"` … `"M431"`, `"M173 ONB"` … `"M431 ONB"`.
    pub fn name(self) -> &'static str {
        [
            "M163", "M167", "M173", "M179", "M191", "M233", "M257", "M307", "M367", "M431",
            "M173 ONB", "M179 ONB", "M191 ONB", "M233 ONB", "M431 ONB",
        ][self.index()]
    }

    /// Whether the curve's field is given in optimal normal basis.
    pub fn is_normal_basis(self) -> bool {
        PARAMS[self.index()].onb
    }

    /// The object identifier in dotted form: `1.2.804.2.1.1.1.1.3.1.1.2.i`
    /// (polynomial basis) or `1.2.804.2.1.1.1.1.3.1.2.2.i` (normal basis).
    pub fn oid(self) -> &'static str {
        [
            "1.2.804.2.1.1.1.1.3.1.1.2.0",
            "1.2.804.2.1.1.1.1.3.1.1.2.1",
            "1.2.804.2.1.1.1.1.3.1.1.2.2",
            "1.2.804.2.1.1.1.1.3.1.1.2.3",
            "1.2.804.2.1.1.1.1.3.1.1.2.4",
            "1.2.804.2.1.1.1.1.3.1.1.2.5",
            "1.2.804.2.1.1.1.1.3.1.1.2.6",
            "1.2.804.2.1.1.1.1.3.1.1.2.7",
            "1.2.804.2.1.1.1.1.3.1.1.2.8",
            "1.2.804.2.1.1.1.1.3.1.1.2.9",
            "1.2.804.2.1.1.1.1.3.1.2.2.0",
            "1.2.804.2.1.1.1.1.3.1.2.2.1",
            "1.2.804.2.1.1.1.1.3.1.2.2.2",
            "1.2.804.2.1.1.1.1.3.1.2.2.3",
            "1.2.804.2.1.1.1.1.3.1.2.2.4",
        ][self.index()]
    }

    /// The curve named by a dotted OID, if it is one of the fifteen.
    pub fn from_oid(oid: &str) -> Option<NamedCurve> {
        let (rest, first, count) = match oid.strip_prefix(OID_BASE) {
            Some(rest) => (rest, 0, 10),
            None => (oid.strip_prefix(OID_BASE_ONB)?, 10, 5),
        };
        let i: usize = match rest.as_bytes() {
            [d @ b'0'..=b'9'] => usize::from(d - b'0'),
            _ => return None,
        };
        (i < count).then(|| Self::ALL[first + i])
    }

    /// The field degree m.
    pub fn field_bits(self) -> u32 {
        PARAMS[self.index()].m
    }

    /// The curve, with its precomputed tables shared by every use.
    pub fn curve(self) -> Curve {
        Curve::named(self)
    }
}

impl core::fmt::Display for NamedCurve {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// DSTU 4145-2002 domain parameters: the field GF(2^m), the curve
/// `y² + xy = x³ + A·x² + B`, the base point P and its prime order n.
///
/// Cheap to clone (the parameters and the lazily built tables for
/// `k·P` and `s·P + r·Q` are shared). The ten standard curves are
/// [`Curve::named`]; certificates that spell out their parameters go
/// through [`Curve::from_params`], which returns the named curve (and its
/// tables) when the parameters are those of one.
#[derive(Clone)]
pub struct Curve(Arc<CurveInner>);

pub(crate) struct CurveInner {
    pub(crate) named: Option<NamedCurve>,
    pub(crate) group: Group,
    pub(crate) order: Order,
    pub(crate) cofactor: u32,
    pub(crate) base: Affine,
    /// The change of basis when the field is given in optimal normal
    /// basis (B and P above are already in polynomial basis).
    pub(crate) onb: Option<&'static Onb>,
    /// The fixed-base comb for `k·P` (signing, public keys).
    comb: OnceLock<Comb>,
    /// Odd multiples of P for verification's wNAF.
    base_odd: OnceLock<Vec<Affine>>,
}

impl Curve {
    /// A standard curve. The first call per curve builds it; later calls
    /// share it.
    pub fn named(curve: NamedCurve) -> Curve {
        static CURVES: [OnceLock<Curve>; 15] = [const { OnceLock::new() }; 15];
        CURVES[curve.index()]
            .get_or_init(|| {
                let p = &PARAMS[curve.index()];
                let parsed = (
                    fe_from_hex(p.b),
                    fe_from_hex(p.x),
                    fe_from_hex(p.y),
                    scalar_from_hex(p.n),
                );
                let (Some(b), Some(x), Some(y), Some(n)) = parsed else {
                    unreachable!("the table holds hexadecimal numbers that fit")
                };
                let onb = p.onb.then(|| {
                    Onb::for_degree(p.m)
                        .unwrap_or_else(|| unreachable!("every ONB curve's degree has a basis"))
                });
                let pb = |v: Fe| onb.map_or(v, |o| o.to_pb(&v));
                let base = Affine { x: pb(x), y: pb(y) };
                Curve::build(p.m, p.ks, p.a, pb(b), n, base, onb, Some(curve))
                    .unwrap_or_else(|e| unreachable!("standard parameters are valid: {e}"))
            })
            .clone()
    }

    /// The standard curve named by a dotted OID (`1.2.804.2.1.1.1.1.3.1.1.2.i`
    /// or `1.2.804.2.1.1.1.1.3.1.2.2.i`).
    pub fn from_oid(oid: &str) -> Option<Curve> {
        NamedCurve::from_oid(oid).map(Curve::named)
    }

    /// Curve parameters as a certificate's `DSTU4145Params` (the
    /// `ECBinary` choice) spells them out:
    ///
    /// ```text
    /// ECBinary ::= SEQUENCE {
    ///     version [0] EXPLICIT INTEGER DEFAULT 0,
    ///     f  BinaryField,          -- m and the trinomial k or pentanomial (k, j, l)
    ///     a  INTEGER (0..1),
    ///     b  OCTET STRING,
    ///     n  INTEGER,
    ///     bp OCTET STRING }        -- the compressed base point
    /// ```
    ///
    /// `poly` holds the middle exponents of the reduction polynomial: one
    /// (trinomial `x^m + x^k + 1`) or three (pentanomial). `b_le` and
    /// `base_point_le` are the OCTET STRING contents in the little-endian
    /// byte order of the `dstu4145le` algorithm (reverse the bytes first
    /// for the big-endian variant); `n_be` is the INTEGER content.
    ///
    /// Checks: the field is one this implementation handles (odd m in
    /// 163..=431, middle exponents below m − 63) and its polynomial is
    /// irreducible; A ∈ {0, 1}; B ≠ 0; n is odd, longer than 160 bits,
    /// passes a Miller–Rabin test and, with the cofactor h = round(2^m/n),
    /// satisfies Hasse's bound `|h·n − 2^m − 1| ≤ 2^(m/2+1)` with h = 2
    /// for A = 1 and h = 4 for A = 0 (as for every standard curve); the
    /// base point decompresses (DSTU 4145-2002 §6.10) and `n·P = O`.
    pub fn from_params(
        m: u32,
        poly: &[u32],
        a: u8,
        b_le: &[u8],
        n_be: &[u8],
        base_point_le: &[u8],
    ) -> Result<Curve, Error> {
        let mut ks = poly.to_vec();
        ks.sort_unstable();
        let field = new_field(m, &ks)?;
        Curve::from_encoded(field, None, a, b_le, n_be, base_point_le)
    }

    /// Curve parameters in optimal normal basis, as an `ECBinary` under
    /// `dstu4145onb` (1.2.804.2.1.1.1.1.3.1.2) spells them out: the same
    /// fields as [`Curve::from_params`], with B and the compressed base
    /// point ONB elements (bit `m − 1 − j` the coefficient of `β^(2^j)`;
    /// see `onb.rs`), little-endian. The `BinaryField` of such parameters
    /// carries only m that matters (UAPKI writes the polynomial of the
    /// polynomial-basis curve of the same m there and ignores it on
    /// reading); m must be one of the degrees of the standard ONB curves,
    /// 173, 179, 191, 233 or 431. The checks are those of
    /// [`Curve::from_params`]; the standard ONB curves come back as
    /// themselves.
    pub fn from_onb_params(
        m: u32,
        a: u8,
        b_le: &[u8],
        n_be: &[u8],
        base_point_le: &[u8],
    ) -> Result<Curve, Error> {
        let onb = Onb::for_degree(m).ok_or(Error::UnsupportedParams(
            "an optimal normal basis of a degree other than 173, 179, 191, 233 or 431",
        ))?;
        Curve::from_encoded(onb.field().clone(), Some(onb), a, b_le, n_be, base_point_le)
    }

    /// The common part of [`Curve::from_params`] and
    /// [`Curve::from_onb_params`]: B and the base point are read in
    /// `field`, in polynomial basis or, with `onb`, in optimal normal
    /// basis; a standard curve of that basis comes back as itself.
    fn from_encoded(
        field: Field,
        onb: Option<&'static Onb>,
        a: u8,
        b_le: &[u8],
        n_be: &[u8],
        base_point_le: &[u8],
    ) -> Result<Curve, Error> {
        let m = field.m();
        let b = fe_from_le_padded(&field, b_le)
            .ok_or(Error::InvalidParams("B is longer than the field"))?;
        let n = scalar_from_be(n_be).ok_or(Error::InvalidParams("n is longer than 448 bits"))?;
        let compressed = fe_from_le_padded(&field, base_point_le).ok_or(Error::InvalidParams(
            "the base point is longer than the field",
        ))?;
        if a > 1 {
            return Err(Error::InvalidParams("A is neither 0 nor 1"));
        }
        let b = onb.map_or(b, |o| o.to_pb(&b));
        let group = Group { field, a, b };
        // x = 0 would be the point of order two.
        let base = (!compressed.is_zero_vartime())
            .then(|| match onb {
                Some(o) => decompress_onb(&group, o, &compressed),
                None => group.decompress(&compressed),
            })
            .flatten()
            .ok_or(Error::InvalidParams(
                "the base point is not the compressed form of a point of the curve",
            ))?;
        if let Some(named) = NamedCurve::ALL
            .iter()
            .find(|c| c.field_bits() == m && c.is_normal_basis() == onb.is_some())
            .map(|&c| Curve::named(c))
            .filter(|c| c.0.group == group && c.0.order.value() == &n && c.0.base == base)
        {
            return Ok(named);
        }
        let ks = group.field.middle_terms().to_vec();
        Curve::build(m, &ks, a, group.b, n, base, onb, None)
    }

    /// Builds and checks a curve from parsed values (the tests feed it the
    /// affine base points of published examples). B and the base point are
    /// in polynomial basis; `onb` marks a curve whose elements cross the
    /// API in optimal normal basis.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn build(
        m: u32,
        ks: &[u32],
        a: u8,
        b: Fe,
        n: Scalar,
        base: Affine,
        onb: Option<&'static Onb>,
        named: Option<NamedCurve>,
    ) -> Result<Curve, Error> {
        let field = new_field(m, ks)?;
        if a > 1 {
            return Err(Error::InvalidParams("A is neither 0 nor 1"));
        }
        if !field.is_reduced(&b) || b.is_zero_vartime() {
            return Err(Error::InvalidParams("B is zero or not below x^m"));
        }
        let order = Order::new(n).ok_or(Error::InvalidParams("n is even"))?;
        if order.bits() <= 160 {
            return Err(Error::InvalidParams("n is not above 2^160"));
        }
        let cofactor = cofactor(m, &n)?;
        if cofactor != 4 >> a {
            return Err(Error::UnsupportedParams(
                "a cofactor other than 2 (A = 1) or 4 (A = 0)",
            ));
        }
        if !probably_prime(&order) {
            return Err(Error::InvalidParams("n is not prime"));
        }
        let group = Group { field, a, b };
        if !field_elements_reduced(&group.field, &base) || !group.is_on_curve(&base) {
            return Err(Error::InvalidParams("the base point is not on the curve"));
        }
        if base.x.is_zero_vartime() || !mul_vartime(&group, &base, &n).is_identity_vartime() {
            return Err(Error::InvalidParams("the base point does not have order n"));
        }
        Ok(Curve(Arc::new(CurveInner {
            named,
            group,
            order,
            cofactor,
            base,
            onb,
            comb: OnceLock::new(),
            base_odd: OnceLock::new(),
        })))
    }

    /// The standard curve these parameters are, if any.
    pub fn named_curve(&self) -> Option<NamedCurve> {
        self.0.named
    }

    /// The field degree m.
    pub fn field_bits(&self) -> u32 {
        self.0.group.field.m()
    }

    /// Whether field elements (B, the base point, public keys, the value r
    /// is cut from) are in optimal normal basis rather than polynomial
    /// basis.
    pub fn is_normal_basis(&self) -> bool {
        self.0.onb.is_some()
    }

    /// `ceil(m/8)`: the length of a field element, of B and of a compressed
    /// point (a public key).
    pub fn field_len(&self) -> usize {
        self.0.group.field.byte_len()
    }

    /// L(n), the bit length of the base point's order.
    pub fn order_bits(&self) -> u32 {
        self.0.order.bits()
    }

    /// The order n of the base point, big-endian without leading zeros.
    pub fn order_be_bytes(&self) -> Vec<u8> {
        let len = self.0.order.byte_len();
        let mut out = super::scalar::scalar_to_le(self.0.order.value(), len);
        out.reverse();
        out
    }

    /// `#E / n`: 2 when A = 1, 4 when A = 0.
    pub fn cofactor(&self) -> u32 {
        self.0.cofactor
    }

    /// The length of a public key (a compressed point): `ceil(m/8)`.
    pub fn public_key_len(&self) -> usize {
        self.field_len()
    }

    /// The length of a signature this implementation writes:
    /// `2·ceil(L(n)/8)` (r and s, each little-endian).
    pub fn signature_len(&self) -> usize {
        2 * self.0.order.byte_len()
    }

    pub(crate) fn inner(&self) -> &CurveInner {
        &self.0
    }
}

impl CurveInner {
    /// A field element as the API carries it (ONB on an ONB curve) in the
    /// polynomial basis of the arithmetic.
    pub(crate) fn to_pb(&self, x: &Fe) -> Fe {
        self.onb.map_or(*x, |o| o.to_pb(x))
    }

    /// A polynomial-basis element as the API carries it.
    pub(crate) fn pb_to_api(&self, x: &Fe) -> Fe {
        self.onb.map_or(*x, |o| o.pb_to_onb(x))
    }

    /// The compressed form of a point (DSTU 4145-2002 §6.9) as the API
    /// carries it: under ONB, x in ONB with its lowest bit replaced by
    /// tr(y/x) (UAPKI's `dstu4145_compress_pubkey`).
    pub(crate) fn compress(&self, p: &Affine) -> Fe {
        match self.onb {
            None => self.group.compress(p),
            Some(onb) => {
                let f = &self.group.field;
                if p.x.is_zero_vartime() {
                    return Fe::ZERO;
                }
                let t = f.trace(&f.mul(&p.y, &f.invert(&p.x)));
                let mut out = onb.pb_to_onb(&p.x);
                out.0[0] = (out.0[0] & !1) | u64::from(t);
                out
            }
        }
    }

    /// Decompression (DSTU 4145-2002 §6.10) of a compressed point as the
    /// API carries it.
    pub(crate) fn decompress(&self, compressed: &Fe) -> Option<Affine> {
        match self.onb {
            None => self.group.decompress(compressed),
            Some(onb) => decompress_onb(&self.group, onb, compressed),
        }
    }

    /// The hash value as a field element (§5.9): its low m bits, read in
    /// the curve's basis, 1 if zero.
    pub(crate) fn hash_element(&self, digest: &[u8]) -> Fe {
        let h = self.to_pb(&super::scalar::hash_bits(&self.group.field, digest));
        if h.is_zero_vartime() { Fe::ONE } else { h }
    }

    /// The comb table of P, built on first use.
    pub(crate) fn comb(&self) -> &Comb {
        self.comb.get_or_init(|| {
            Comb::new(&self.group, &self.base, self.order.bits())
                .unwrap_or_else(|| unreachable!("no multiple j·2^i·P below n is O"))
        })
    }

    /// `(2j + 1)·P` for the width-7 wNAF, built on first use.
    pub(crate) fn base_odd(&self) -> &[Affine] {
        self.base_odd.get_or_init(|| {
            odd_multiples(&self.group, &self.base, 1 << (G_WNAF_W - 2))
                .unwrap_or_else(|| unreachable!("P has a large prime order"))
        })
    }
}

impl PartialEq for Curve {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
            || (self.0.onb.is_some() == other.0.onb.is_some()
                && self.0.group == other.0.group
                && self.0.order.value() == other.0.order.value()
                && self.0.base == other.0.base)
    }
}

impl Eq for Curve {}

impl core::fmt::Debug for Curve {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0.named {
            Some(named) => write!(f, "Curve({named})"),
            None => f
                .debug_struct("Curve")
                .field("field", &self.0.group.field)
                .field("normal_basis", &self.0.onb.is_some())
                .field("a", &self.0.group.a)
                .field("b", &self.0.group.b)
                .field("n", self.0.order.value())
                .finish_non_exhaustive(),
        }
    }
}

impl core::fmt::Display for Curve {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0.named {
            Some(named) => write!(f, "DSTU 4145 {named}"),
            None => write!(
                f,
                "DSTU 4145 curve over GF(2^{}) (explicit parameters{})",
                self.field_bits(),
                if self.0.onb.is_some() {
                    ", optimal normal basis"
                } else {
                    ""
                }
            ),
        }
    }
}

fn new_field(m: u32, ks: &[u32]) -> Result<Field, Error> {
    let field = Field::new(m, ks).map_err(|e| match e {
        PolyError::NotSupported(why) => Error::UnsupportedParams(why),
        PolyError::Invalid(why) => Error::InvalidParams(why),
    })?;
    if !field.is_irreducible() {
        return Err(Error::InvalidParams(
            "the reduction polynomial is reducible",
        ));
    }
    Ok(field)
}

/// §6.10 for a compressed point in ONB: the stored bit k is bit 0 of the
/// ONB string; bit 0 of x is the one that makes tr(x) = A, the trace of an
/// ONB element being the parity of its bits (UAPKI's
/// `ec2m_decompress_point_core`); the rest runs in polynomial basis.
fn decompress_onb(group: &Group, onb: &Onb, compressed: &Fe) -> Option<Affine> {
    if compressed.is_zero_vartime() {
        return group.decompress(compressed);
    }
    let k = compressed.0[0] & 1;
    let mut x = *compressed;
    x.0[0] &= !1;
    if onb::trace(&x) != group.a {
        x.0[0] |= 1;
    }
    group.recover(onb.to_pb(&x), k)
}

fn field_elements_reduced(field: &Field, p: &Affine) -> bool {
    field.is_reduced(&p.x) && field.is_reduced(&p.y)
}

/// Reads a little-endian field element of at most `ceil(m/8)` significant
/// bytes (shorter input is zero-extended, longer input must be zero above);
/// `None` when it does not fit below x^m.
fn fe_from_le_padded(field: &Field, bytes: &[u8]) -> Option<Fe> {
    let len = field.byte_len();
    if bytes.len() > len && bytes[len..].iter().any(|&b| b != 0) {
        return None;
    }
    let mut buf = vec![0u8; len];
    let n = bytes.len().min(len);
    buf[..n].copy_from_slice(&bytes[..n]);
    field.decode_le(&buf)
}

/// A big-endian hexadecimal number as a field element (no reduction).
pub(crate) fn fe_from_hex(hex: &str) -> Option<Fe> {
    let mut out = Fe::ZERO;
    for (i, c) in hex.bytes().rev().enumerate() {
        let v = u64::from(char::from(c).to_digit(16)?);
        if i >= 16 * LIMBS {
            if v != 0 {
                return None;
            }
            continue;
        }
        out.0[i / 16] |= v << (4 * (i % 16));
    }
    Some(out)
}

/// A big-endian hexadecimal number as an integer.
pub(crate) fn scalar_from_hex(hex: &str) -> Option<Scalar> {
    fe_from_hex(hex).map(|fe| Scalar::from_words(fe.0))
}

/// The cofactor `h = round(2^m / n)`, after checking Hasse's bound
/// `|h·n − (2^m + 1)| ≤ 2·2^(m/2)`, loosened to `2^((m+3)/2)` for odd m.
fn cofactor(m: u32, n: &Scalar) -> Result<u32, Error> {
    let bad = Error::InvalidParams("n times the cofactor is not the number of points (Hasse)");
    let n_nz = NonZero::new(*n).into_option().ok_or(bad.clone())?;
    let two_m = Scalar::ONE.shl_vartime(m);
    let (h, _) = two_m.wrapping_add(&n.shr_vartime(1)).div_rem_vartime(&n_nz);
    if h.bit_width_vartime() > 3 || h.is_zero_vartime() {
        return Err(bad);
    }
    let h_small = h.as_words()[0] as u32;
    let count = n.wrapping_mul(&h);
    let expected = two_m.wrapping_add(&Scalar::ONE);
    let diff = if count > expected {
        count.wrapping_sub(&expected)
    } else {
        expected.wrapping_sub(&count)
    };
    if diff.bit_width_vartime() > m.div_ceil(2) + 1 {
        return Err(bad);
    }
    Ok(h_small)
}

/// Miller–Rabin with the first twelve prime bases (variable time; n is
/// public). A sanity check of parameters, not a proof.
fn probably_prime(order: &Order) -> bool {
    let n = *order.value();
    let Some(odd) = Odd::new(n).into_option() else {
        return false;
    };
    let params = FixedMontyParams::<SCALAR_LIMBS>::new_vartime(odd);
    let n_minus_1 = n.wrapping_sub(&Scalar::ONE);
    let s = n_minus_1.trailing_zeros_vartime();
    let t = n_minus_1.shr_vartime(s);
    let one = FixedMontyForm::one(&params);
    let minus_one = one.neg();
    [2u64, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
        .iter()
        .all(|&base| {
            let mut x = FixedMontyForm::new(&Scalar::from_u64(base), &params).pow_vartime(&t);
            if x == one || x == minus_one {
                return true;
            }
            for _ in 1..s {
                x = x.square();
                if x == minus_one {
                    return true;
                }
            }
            false
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oids_round_trip() {
        for (i, c) in NamedCurve::ALL.iter().enumerate() {
            if i < 10 {
                assert_eq!(c.oid(), format!("{OID_BASE}{i}"));
                assert_eq!(c.name(), format!("M{}", c.field_bits()));
            } else {
                assert_eq!(c.oid(), format!("{OID_BASE_ONB}{}", i - 10));
                assert_eq!(c.name(), format!("M{} ONB", c.field_bits()));
            }
            assert_eq!(NamedCurve::from_oid(c.oid()), Some(*c));
            assert_eq!(c.is_normal_basis(), i >= 10);
        }
        assert_eq!(NamedCurve::from_oid("1.2.804.2.1.1.1.1.3.1.1.2.10"), None);
        assert_eq!(NamedCurve::from_oid("1.2.804.2.1.1.1.1.3.1.2.2.5"), None);
        assert_eq!(NamedCurve::from_oid("1.2.804.2.1.1.1.1.3.1.1.1.2.6"), None);
        assert_eq!(NamedCurve::from_oid(""), None);
    }

    #[test]
    fn every_named_curve_is_valid() {
        // Curve::named runs Curve::build's checks: irreducible polynomial,
        // prime n, Hasse, P on the curve, n·P = O.
        for c in NamedCurve::ALL {
            let curve = c.curve();
            assert_eq!(curve.named_curve(), Some(c));
            assert_eq!(curve.field_bits(), c.field_bits());
            let expected = if PARAMS[c as usize].a == 1 { 2 } else { 4 };
            assert_eq!(curve.cofactor(), expected, "{c}");
            assert_eq!(curve, Curve::from_oid(c.oid()).unwrap());
        }
    }

    #[test]
    fn explicit_parameters_of_a_named_curve_give_the_named_curve() {
        for c in [NamedCurve::M163, NamedCurve::M257, NamedCurve::M431] {
            let curve = c.curve();
            let inner = curve.inner();
            let f = &inner.group.field;
            let bp = inner.group.compress(&inner.base);
            let same = Curve::from_params(
                curve.field_bits(),
                f.middle_terms(),
                inner.group.a,
                &f.encode_le(&inner.group.b),
                &curve.order_be_bytes(),
                &f.encode_le(&bp),
            )
            .unwrap();
            assert!(Arc::ptr_eq(&same.0, &curve.0), "{c}");
        }
    }

    #[test]
    fn bad_parameters_are_refused() {
        let curve = NamedCurve::M257.curve();
        let inner = curve.inner();
        let f = &inner.group.field;
        let b = f.encode_le(&inner.group.b);
        let n = curve.order_be_bytes();
        let bp = f.encode_le(&inner.group.compress(&inner.base));
        let ok = |m, ks: &[u32], a, b: &[u8], n: &[u8], bp: &[u8]| {
            Curve::from_params(m, ks, a, b, n, bp).map(|_| ())
        };
        assert_eq!(ok(257, &[12], 0, &b, &n, &bp), Ok(()));
        assert!(matches!(
            ok(257, &[13], 0, &b, &n, &bp),
            Err(Error::InvalidParams(_))
        ));
        assert!(matches!(
            ok(256, &[12], 0, &b, &n, &bp),
            Err(Error::UnsupportedParams(_))
        ));
        assert!(matches!(
            ok(257, &[12], 2, &b, &n, &bp),
            Err(Error::InvalidParams(_))
        ));
        assert!(ok(257, &[12], 1, &b, &n, &bp).is_err());
        assert!(ok(257, &[12], 0, &[0u8; 33], &n, &bp).is_err());
        let mut n_even = n.clone();
        *n_even.last_mut().unwrap() ^= 1;
        assert!(ok(257, &[12], 0, &b, &n_even, &bp).is_err());
        let mut n_off = n.clone();
        *n_off.last_mut().unwrap() ^= 2;
        assert!(ok(257, &[12], 0, &b, &n_off, &bp).is_err());
        assert!(ok(257, &[12], 0, &b, &n, &[0u8; 33]).is_err());
        let mut b_other = b.clone();
        b_other[0] ^= 1;
        assert!(ok(257, &[12], 0, &b_other, &n, &bp).is_err());
        // A point of the curve that is not a multiple of P: 2·(P + T) for
        // the point T of order two has order n but is not P, while P + T
        // itself has order 2n.
        let t = Affine {
            x: Fe::ZERO,
            y: f.sqrt(&inner.group.b),
        };
        let pt = super::super::point::tests::add_affine(&inner.group, Some(inner.base), Some(t))
            .unwrap();
        let bp_2n = f.encode_le(&inner.group.compress(&pt));
        assert!(ok(257, &[12], 0, &b, &n, &bp_2n).is_err());
    }

    #[test]
    fn miller_rabin_spots_composites() {
        let n = NamedCurve::M257
            .curve()
            .inner()
            .order
            .value()
            .wrapping_mul(&Scalar::from_u64(3));
        assert!(!probably_prime(&Order::new(n).unwrap()));
        assert!(probably_prime(
            &Order::new(Scalar::from_u64(1_000_000_007)).unwrap()
        ));
        assert!(!probably_prime(&Order::new(Scalar::from_u64(561)).unwrap()));
    }
}
