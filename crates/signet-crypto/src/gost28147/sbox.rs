//! Substitution boxes (S-boxes) of GOST 28147-89 and their named parameter sets.
//!
//! GOST 28147-89 leaves the eight 4-bit substitutions of its round function to
//! the user. Each named table here is cited where it is defined:
//!
//! - `id-Gost28147-89-TestParamSet` and the CryptoPro sets A, B, C and D:
//!   [RFC 4357] section 11.2 (`Gost28147-89-ParamSetParameters`);
//! - `id-GostR3411-94-TestParamSet`, the test table of GOST R 34.11-94:
//!   [RFC 5831] section 7.1 (used by the RFC 5831 and UAPKI test examples);
//! - `id-tc26-gost-28147-param-Z`: [RFC 7836] appendix C, the same
//!   substitution as GOST R 34.12-2015 "Magma" ([RFC 8891] section 4.1);
//! - the Ukrainian "ДКЕ №1" (DKE 1), the default table of DSTU GOST
//!   28147:2009 and GOST 34.311-95 and of Ukrainian certificates, CMS and key
//!   containers: the `GOST28147_SBOX_1` table of UAPKI
//!   (`library/uapkic/src/gost28147.c`), the `defaultSbox` of the `gost89`
//!   npm package (`lib/dstu.js`), and `DSTU4145Params.DEFAULT_DKE` of Bouncy
//!   Castle in packed form; the three agree.
//!
//! The tables are stored as eight rows; row `i` substitutes nibble `i` of the
//! 32-bit round value (bits `4i..4i+3`), i.e. row 0 is the standard's `π1`
//! (`K1`) and row 7 its `π8` (`K8`).
//!
//! # The packed "DKE" form
//!
//! Ukrainian certificates (`DSTU4145Params.dke`), GOST 34.311-95 parameters
//! and key containers carry a table as a 64-byte OCTET STRING: bytes
//! `8i .. 8i+8` hold row `i` (`K(i+1)`), two entries per byte, the entry with
//! the even index in the high nibble: `byte[8i + j] = row[i][2j] << 4 |
//! row[i][2j + 1]`. This is the packing of UAPKI's
//! `gost28147_get_compress_sbox` and of `packSbox` in the `gost89` npm
//! package; packing DKE 1 gives exactly Bouncy Castle's `DEFAULT_DKE`
//! (`a9d6eb45f13c7082…`).
//!
//! [RFC 4357]: https://datatracker.ietf.org/doc/html/rfc4357#section-11.2
//! [RFC 5831]: https://datatracker.ietf.org/doc/html/rfc5831#section-7.1
//! [RFC 7836]: https://datatracker.ietf.org/doc/html/rfc7836#appendix-C
//! [RFC 8891]: https://datatracker.ietf.org/doc/html/rfc8891#section-4.1

use super::Error;

/// The eight 4-bit substitutions of GOST 28147-89.
///
/// Row `i` substitutes nibble `i` (bits `4i..4i+3`) of the round value: row 0
/// is the standard's `π1` (`K1`), row 7 its `π8` (`K8`).
///
/// The named tables are the parameter sets of [RFC 4357] section 11.2
/// (`id-Gost28147-89-TestParamSet`, CryptoPro A to D), the GOST R 34.11-94
/// test set of [RFC 5831] section 7.1, `id-tc26-gost-28147-param-Z` of
/// [RFC 7836] appendix C (the S-box of GOST R 34.12-2015 Magma), and the
/// Ukrainian "ДКЕ №1" (DKE 1), the default of DSTU GOST 28147:2009, GOST
/// 34.311-95 and Ukrainian certificates, CMS and key containers, as UAPKI
/// (`GOST28147_SBOX_1` in `library/uapkic/src/gost28147.c`), the `gost89`
/// npm package (`defaultSbox` in `lib/dstu.js`) and Bouncy Castle
/// (`DSTU4145Params.DEFAULT_DKE`, packed) all define it.
///
/// # The packed "DKE" form
///
/// Ukrainian certificates (`DSTU4145Params.dke`), GOST 34.311-95 parameters
/// and key containers carry a table as a 64-byte OCTET STRING: bytes
/// `8i .. 8i+8` hold row `i`, two entries per byte, the even-indexed entry in
/// the high nibble: `byte[8i + j] = row[i][2j] << 4 | row[i][2j + 1]`. This is
/// the packing of UAPKI's `gost28147_get_compress_sbox` and of `packSbox` in
/// the `gost89` npm package; [`SBox::UA_DKE_1`] packs to Bouncy Castle's
/// `DEFAULT_DKE` (`a9d6eb45f13c7082…`).
///
/// [RFC 4357]: https://datatracker.ietf.org/doc/html/rfc4357#section-11.2
/// [RFC 5831]: https://datatracker.ietf.org/doc/html/rfc5831#section-7.1
/// [RFC 7836]: https://datatracker.ietf.org/doc/html/rfc7836#appendix-C
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SBox {
    rows: [[u8; 16]; 8],
}

impl core::fmt::Debug for SBox {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match ParamSet::ALL.iter().find(|p| p.sbox() == self) {
            Some(p) => write!(f, "SBox({})", p.name()),
            None => write!(f, "SBox(dke {})", hex_lower(&self.to_dke())),
        }
    }
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl SBox {
    /// `id-Gost28147-89-TestParamSet` (1.2.643.2.2.31.0), RFC 4357 section 11.2.
    pub const GOST28147_TEST: SBox = SBox::new_unchecked([
        [4, 2, 15, 5, 9, 1, 0, 8, 14, 3, 11, 12, 13, 7, 10, 6],
        [12, 9, 15, 14, 8, 1, 3, 10, 2, 7, 4, 13, 6, 0, 11, 5],
        [13, 8, 14, 12, 7, 3, 9, 10, 1, 5, 2, 4, 6, 15, 0, 11],
        [14, 9, 11, 2, 5, 15, 7, 1, 0, 13, 12, 6, 10, 4, 3, 8],
        [3, 14, 5, 9, 6, 8, 0, 13, 10, 11, 7, 12, 2, 1, 15, 4],
        [8, 15, 6, 11, 1, 9, 12, 5, 13, 3, 7, 10, 0, 14, 2, 4],
        [9, 11, 12, 0, 3, 6, 7, 5, 4, 8, 14, 15, 1, 10, 2, 13],
        [12, 6, 5, 2, 11, 0, 9, 13, 3, 14, 7, 10, 15, 4, 1, 8],
    ]);

    /// `id-Gost28147-89-CryptoPro-A-ParamSet` (1.2.643.2.2.31.1), RFC 4357
    /// section 11.2; the default of CryptoPro CSP and of `openssl enc
    /// -gost89-cnt` / `dgst -mac gost-mac` with the gost engine.
    pub const CRYPTOPRO_A: SBox = SBox::new_unchecked([
        [9, 6, 3, 2, 8, 11, 1, 7, 10, 4, 14, 15, 12, 0, 13, 5],
        [3, 7, 14, 9, 8, 10, 15, 0, 5, 2, 6, 12, 11, 4, 13, 1],
        [14, 4, 6, 2, 11, 3, 13, 8, 12, 15, 5, 10, 0, 7, 1, 9],
        [14, 7, 10, 12, 13, 1, 3, 9, 0, 2, 11, 4, 15, 8, 5, 6],
        [11, 5, 1, 9, 8, 13, 15, 0, 14, 4, 2, 3, 12, 7, 10, 6],
        [3, 10, 13, 12, 1, 2, 0, 11, 7, 5, 9, 4, 8, 15, 14, 6],
        [1, 13, 2, 9, 7, 10, 6, 0, 8, 12, 4, 5, 15, 3, 11, 14],
        [11, 10, 15, 5, 0, 12, 14, 8, 6, 2, 3, 9, 1, 7, 13, 4],
    ]);

    /// `id-Gost28147-89-CryptoPro-B-ParamSet` (1.2.643.2.2.31.2), RFC 4357
    /// section 11.2.
    pub const CRYPTOPRO_B: SBox = SBox::new_unchecked([
        [8, 4, 11, 1, 3, 5, 0, 9, 2, 14, 10, 12, 13, 6, 7, 15],
        [0, 1, 2, 10, 4, 13, 5, 12, 9, 7, 3, 15, 11, 8, 6, 14],
        [14, 12, 0, 10, 9, 2, 13, 11, 7, 5, 8, 15, 3, 6, 1, 4],
        [7, 5, 0, 13, 11, 6, 1, 2, 3, 10, 12, 15, 4, 14, 9, 8],
        [2, 7, 12, 15, 9, 5, 10, 11, 1, 4, 0, 13, 6, 8, 14, 3],
        [8, 3, 2, 6, 4, 13, 14, 11, 12, 1, 7, 15, 10, 0, 9, 5],
        [5, 2, 10, 11, 9, 1, 12, 3, 7, 4, 13, 0, 6, 15, 8, 14],
        [0, 4, 11, 14, 8, 3, 7, 1, 10, 2, 9, 6, 15, 13, 5, 12],
    ]);

    /// `id-Gost28147-89-CryptoPro-C-ParamSet` (1.2.643.2.2.31.3), RFC 4357
    /// section 11.2.
    pub const CRYPTOPRO_C: SBox = SBox::new_unchecked([
        [1, 11, 12, 2, 9, 13, 0, 15, 4, 5, 8, 14, 10, 7, 6, 3],
        [0, 1, 7, 13, 11, 4, 5, 2, 8, 14, 15, 12, 9, 10, 6, 3],
        [8, 2, 5, 0, 4, 9, 15, 10, 3, 7, 12, 13, 6, 14, 1, 11],
        [3, 6, 0, 1, 5, 13, 10, 8, 11, 2, 9, 7, 14, 15, 12, 4],
        [8, 13, 11, 0, 4, 5, 1, 2, 9, 3, 12, 14, 6, 15, 10, 7],
        [12, 9, 11, 1, 8, 14, 2, 4, 7, 3, 6, 5, 10, 0, 15, 13],
        [10, 9, 6, 8, 13, 14, 2, 0, 15, 3, 5, 11, 4, 1, 12, 7],
        [7, 4, 0, 5, 10, 2, 15, 14, 12, 6, 1, 11, 13, 9, 3, 8],
    ]);

    /// `id-Gost28147-89-CryptoPro-D-ParamSet` (1.2.643.2.2.31.4), RFC 4357
    /// section 11.2.
    pub const CRYPTOPRO_D: SBox = SBox::new_unchecked([
        [15, 12, 2, 10, 6, 4, 5, 0, 7, 9, 14, 13, 1, 11, 8, 3],
        [11, 6, 3, 4, 12, 15, 14, 2, 7, 13, 8, 0, 5, 10, 9, 1],
        [1, 12, 11, 0, 15, 14, 6, 5, 10, 13, 4, 8, 9, 3, 7, 2],
        [1, 5, 14, 12, 10, 7, 0, 13, 6, 2, 11, 4, 9, 3, 15, 8],
        [0, 12, 8, 9, 13, 2, 10, 11, 7, 3, 6, 5, 4, 14, 15, 1],
        [8, 0, 15, 3, 2, 5, 14, 11, 1, 10, 4, 7, 12, 9, 13, 6],
        [3, 0, 6, 15, 1, 14, 9, 2, 13, 8, 12, 4, 11, 10, 5, 7],
        [1, 10, 6, 8, 15, 11, 0, 4, 12, 3, 5, 9, 7, 13, 2, 14],
    ]);

    /// `id-tc26-gost-28147-param-Z` (1.2.643.7.1.2.5.1.1), RFC 7836
    /// appendix C; the fixed S-box of GOST R 34.12-2015 "Magma".
    pub const TC26_Z: SBox = SBox::new_unchecked([
        [12, 4, 6, 2, 10, 5, 11, 9, 14, 8, 13, 7, 0, 3, 15, 1],
        [6, 8, 2, 3, 9, 10, 5, 12, 1, 14, 4, 7, 11, 13, 0, 15],
        [11, 3, 5, 8, 2, 15, 10, 13, 14, 1, 7, 4, 12, 9, 6, 0],
        [12, 8, 2, 1, 13, 4, 15, 6, 7, 0, 10, 5, 3, 14, 9, 11],
        [7, 15, 5, 10, 8, 1, 6, 13, 0, 9, 3, 14, 11, 4, 2, 12],
        [5, 13, 15, 6, 9, 2, 12, 10, 11, 7, 8, 1, 4, 3, 14, 0],
        [8, 14, 2, 5, 6, 9, 1, 12, 15, 4, 11, 0, 13, 10, 3, 7],
        [1, 7, 14, 13, 0, 5, 8, 3, 4, 15, 10, 6, 9, 12, 11, 2],
    ]);

    /// `id-GostR3411-94-TestParamSet` (1.2.643.2.2.30.0), the test table of
    /// GOST R 34.11-94 (RFC 5831 section 7.1); used by the RFC 5831 and UAPKI
    /// 28147 examples.
    pub const GOSTR3411_94_TEST: SBox = SBox::new_unchecked([
        [4, 10, 9, 2, 13, 8, 0, 14, 6, 11, 1, 12, 7, 15, 5, 3],
        [14, 11, 4, 12, 6, 13, 15, 10, 2, 3, 8, 1, 0, 7, 5, 9],
        [5, 8, 1, 13, 10, 3, 4, 2, 14, 15, 12, 7, 6, 0, 9, 11],
        [7, 13, 10, 1, 0, 8, 9, 15, 14, 4, 6, 12, 11, 2, 5, 3],
        [6, 12, 7, 1, 5, 15, 13, 8, 4, 10, 9, 14, 0, 3, 11, 2],
        [4, 11, 10, 0, 7, 2, 1, 13, 3, 6, 8, 5, 9, 12, 15, 14],
        [13, 11, 4, 1, 3, 15, 5, 9, 0, 10, 14, 7, 6, 8, 2, 12],
        [1, 15, 13, 0, 5, 7, 10, 4, 9, 2, 3, 14, 6, 11, 8, 12],
    ]);

    /// The Ukrainian "ДКЕ №1" (DKE 1): the default table of DSTU GOST
    /// 28147:2009, GOST 34.311-95 and Ukrainian CMS and key containers
    /// (UAPKI `GOST28147_SBOX_1`, `gost89` npm `defaultSbox`).
    pub const UA_DKE_1: SBox = SBox::new_unchecked([
        [10, 9, 13, 6, 14, 11, 4, 5, 15, 1, 3, 12, 7, 0, 8, 2],
        [8, 0, 12, 4, 9, 6, 7, 11, 2, 3, 1, 15, 5, 14, 10, 13],
        [15, 6, 5, 8, 14, 11, 10, 4, 12, 0, 3, 7, 2, 9, 1, 13],
        [3, 8, 13, 9, 6, 11, 15, 0, 2, 5, 12, 10, 4, 14, 1, 7],
        [15, 8, 14, 9, 7, 2, 0, 13, 12, 6, 1, 5, 11, 4, 3, 10],
        [2, 8, 9, 7, 5, 15, 0, 11, 12, 1, 13, 14, 10, 3, 6, 4],
        [3, 8, 11, 5, 6, 4, 14, 10, 2, 12, 1, 7, 9, 15, 13, 0],
        [1, 2, 3, 14, 6, 13, 11, 8, 15, 10, 12, 5, 7, 9, 0, 4],
    ]);

    const fn new_unchecked(rows: [[u8; 16]; 8]) -> SBox {
        SBox { rows }
    }

    /// A table from its eight rows (row 0 substitutes the lowest nibble).
    ///
    /// Fails when an entry does not fit in four bits. The rows need not be
    /// permutations (the cipher is a Feistel network); see
    /// [`is_bijective`](Self::is_bijective).
    pub fn from_rows(rows: [[u8; 16]; 8]) -> Result<SBox, Error> {
        if rows.iter().flatten().any(|&v| v > 15) {
            return Err(Error::InvalidSBox);
        }
        Ok(SBox { rows })
    }

    /// The rows of the table (row 0 substitutes the lowest nibble).
    pub const fn rows(&self) -> &[[u8; 16]; 8] {
        &self.rows
    }

    /// Unpacks the 64-byte "DKE" form of Ukrainian certificates and key
    /// containers (see [the packed form](SBox#the-packed-dke-form)).
    pub fn from_dke(packed: &[u8; 64]) -> SBox {
        let mut rows = [[0u8; 16]; 8];
        for (i, row) in rows.iter_mut().enumerate() {
            for j in 0..8 {
                let byte = packed[8 * i + j];
                row[2 * j] = byte >> 4;
                row[2 * j + 1] = byte & 0x0f;
            }
        }
        SBox { rows }
    }

    /// Like [`from_dke`](Self::from_dke), for a slice that must be 64 bytes long.
    pub fn from_dke_slice(packed: &[u8]) -> Result<SBox, Error> {
        let packed: &[u8; 64] = packed.try_into().map_err(|_| Error::InvalidLength {
            what: "packed S-box (DKE)",
            expected: 64,
            actual: packed.len(),
        })?;
        Ok(SBox::from_dke(packed))
    }

    /// Packs the table into the 64-byte "DKE" form.
    pub fn to_dke(&self) -> [u8; 64] {
        let mut packed = [0u8; 64];
        for (i, row) in self.rows.iter().enumerate() {
            for j in 0..8 {
                packed[8 * i + j] = (row[2 * j] << 4) | row[2 * j + 1];
            }
        }
        packed
    }

    /// Whether every row is a permutation of `0..16`, as in every standard
    /// table.
    pub fn is_bijective(&self) -> bool {
        self.rows.iter().all(|row| {
            let mut seen = 0u16;
            for &v in row {
                seen |= 1 << v;
            }
            seen == 0xffff
        })
    }

    /// The round function's substitution and rotation, expanded into four
    /// byte-indexed tables: `f(x) = t[0][x & 0xff] ^ t[1][(x >> 8) & 0xff] ^
    /// t[2][(x >> 16) & 0xff] ^ t[3][x >> 24]` already rotated left by 11.
    pub(crate) fn expand(&self) -> [[u32; 256]; 4] {
        let mut t = [[0u32; 256]; 4];
        for (k, table) in t.iter_mut().enumerate() {
            let lo = &self.rows[2 * k];
            let hi = &self.rows[2 * k + 1];
            for (b, entry) in table.iter_mut().enumerate() {
                let v = u32::from(hi[b >> 4] << 4 | lo[b & 0x0f]) << (8 * k);
                *entry = v.rotate_left(11);
            }
        }
        t
    }
}

/// The named GOST 28147-89 parameter sets, for dispatch by OID.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParamSet {
    /// `id-Gost28147-89-TestParamSet`, 1.2.643.2.2.31.0.
    Gost28147Test,
    /// `id-Gost28147-89-CryptoPro-A-ParamSet`, 1.2.643.2.2.31.1.
    CryptoProA,
    /// `id-Gost28147-89-CryptoPro-B-ParamSet`, 1.2.643.2.2.31.2.
    CryptoProB,
    /// `id-Gost28147-89-CryptoPro-C-ParamSet`, 1.2.643.2.2.31.3.
    CryptoProC,
    /// `id-Gost28147-89-CryptoPro-D-ParamSet`, 1.2.643.2.2.31.4.
    CryptoProD,
    /// `id-tc26-gost-28147-param-Z`, 1.2.643.7.1.2.5.1.1.
    Tc26Z,
    /// `id-GostR3411-94-TestParamSet`, 1.2.643.2.2.30.0 (a hash parameter set
    /// whose table is also used with the cipher in test examples).
    GostR3411_94Test,
    /// The Ukrainian DKE 1; it has no OID of its own (Ukrainian structures
    /// carry the packed table itself).
    UaDke1,
}

impl ParamSet {
    /// Every named set, in declaration order.
    pub const ALL: [ParamSet; 8] = [
        ParamSet::Gost28147Test,
        ParamSet::CryptoProA,
        ParamSet::CryptoProB,
        ParamSet::CryptoProC,
        ParamSet::CryptoProD,
        ParamSet::Tc26Z,
        ParamSet::GostR3411_94Test,
        ParamSet::UaDke1,
    ];

    /// The S-box of the set.
    pub const fn sbox(self) -> &'static SBox {
        match self {
            ParamSet::Gost28147Test => &SBox::GOST28147_TEST,
            ParamSet::CryptoProA => &SBox::CRYPTOPRO_A,
            ParamSet::CryptoProB => &SBox::CRYPTOPRO_B,
            ParamSet::CryptoProC => &SBox::CRYPTOPRO_C,
            ParamSet::CryptoProD => &SBox::CRYPTOPRO_D,
            ParamSet::Tc26Z => &SBox::TC26_Z,
            ParamSet::GostR3411_94Test => &SBox::GOSTR3411_94_TEST,
            ParamSet::UaDke1 => &SBox::UA_DKE_1,
        }
    }

    /// The dotted OID of the set, where it has one.
    pub const fn oid(self) -> Option<&'static str> {
        match self {
            ParamSet::Gost28147Test => Some("1.2.643.2.2.31.0"),
            ParamSet::CryptoProA => Some("1.2.643.2.2.31.1"),
            ParamSet::CryptoProB => Some("1.2.643.2.2.31.2"),
            ParamSet::CryptoProC => Some("1.2.643.2.2.31.3"),
            ParamSet::CryptoProD => Some("1.2.643.2.2.31.4"),
            ParamSet::Tc26Z => Some("1.2.643.7.1.2.5.1.1"),
            ParamSet::GostR3411_94Test => Some("1.2.643.2.2.30.0"),
            ParamSet::UaDke1 => None,
        }
    }

    /// The set named by a dotted OID.
    pub fn from_oid(oid: &str) -> Option<ParamSet> {
        ParamSet::ALL.into_iter().find(|p| p.oid() == Some(oid))
    }

    /// The set's ASN.1 name (`id-Gost28147-89-CryptoPro-A-ParamSet`, …).
    pub const fn name(self) -> &'static str {
        match self {
            ParamSet::Gost28147Test => "id-Gost28147-89-TestParamSet",
            ParamSet::CryptoProA => "id-Gost28147-89-CryptoPro-A-ParamSet",
            ParamSet::CryptoProB => "id-Gost28147-89-CryptoPro-B-ParamSet",
            ParamSet::CryptoProC => "id-Gost28147-89-CryptoPro-C-ParamSet",
            ParamSet::CryptoProD => "id-Gost28147-89-CryptoPro-D-ParamSet",
            ParamSet::Tc26Z => "id-tc26-gost-28147-param-Z",
            ParamSet::GostR3411_94Test => "id-GostR3411-94-TestParamSet",
            ParamSet::UaDke1 => "DKE 1 (DSTU GOST 28147:2009)",
        }
    }
}
