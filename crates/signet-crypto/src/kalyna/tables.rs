//! Round tables of DSTU 7624:2014, computed at compile time from the
//! S-boxes ([`super::sbox`]) and the MDS matrix.
//!
//! The state is `nb` 64-bit little-endian columns; byte `r` of a column is
//! row `r`. Row `r` goes through S-box `π(r mod 4)`, and `MixColumns`
//! multiplies each column by the circulant matrix whose first row is
//! `(01, 01, 05, 01, 08, 06, 07, 04)` over GF(2⁸) with the polynomial
//! x⁸ + x⁴ + x³ + x² + 1 (0x11d). `ENC[r][x]` is the column that a byte `x`
//! in row `r` contributes after S-box and mixing, so one round is eight
//! look-ups and XORs per column, the usual table form of AES-like ciphers.
//! `DEC` is the same for the inverse S-boxes and the inverse matrix.

use super::sbox::SBOX;

/// First row of the MDS matrix (row `i` is this rotated right by `i`).
const MDS: [u8; 8] = [0x01, 0x01, 0x05, 0x01, 0x08, 0x06, 0x07, 0x04];
/// First row of the inverse MDS matrix.
const MDS_INV: [u8; 8] = [0xad, 0x95, 0x76, 0xa8, 0x2f, 0x49, 0xd7, 0xca];

const fn gf_mul(mut x: u8, mut y: u8) -> u8 {
    let mut r = 0u8;
    let mut i = 0;
    while i < 8 {
        if y & 1 == 1 {
            r ^= x;
        }
        let high = x & 0x80;
        x <<= 1;
        if high != 0 {
            x ^= 0x1d;
        }
        y >>= 1;
        i += 1;
    }
    r
}

const fn invert(sbox: &[u8; 256]) -> [u8; 256] {
    let mut inv = [0u8; 256];
    let mut x = 0;
    while x < 256 {
        inv[sbox[x] as usize] = x as u8;
        x += 1;
    }
    inv
}

/// The inverse S-boxes.
pub(super) const INV_SBOX: [[u8; 256]; 4] = [
    invert(&SBOX[0]),
    invert(&SBOX[1]),
    invert(&SBOX[2]),
    invert(&SBOX[3]),
];

/// `table[r][x]`: the column `M · (s(x) in row r)`, row `i` in byte `i`.
const fn round_table(sboxes: &[[u8; 256]; 4], first_row: &[u8; 8]) -> [[u64; 256]; 8] {
    let mut t = [[0u64; 256]; 8];
    let mut r = 0;
    while r < 8 {
        let mut x = 0;
        while x < 256 {
            let s = sboxes[r % 4][x];
            let mut col = 0u64;
            let mut row = 0;
            while row < 8 {
                // M[row][r] of a circulant matrix = first_row[(r - row) mod 8].
                let m = first_row[(r + 8 - row) % 8];
                col |= (gf_mul(s, m) as u64) << (8 * row);
                row += 1;
            }
            t[r][x] = col;
            x += 1;
        }
        r += 1;
    }
    t
}

/// S-box, then `MixColumns`, per row.
pub(super) static ENC: [[u64; 256]; 8] = round_table(&SBOX, &MDS);
/// Inverse S-box, then inverse `MixColumns`, per row.
pub(super) static DEC: [[u64; 256]; 8] = round_table(&INV_SBOX, &MDS_INV);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_matrix_inverts() {
        // Row 0 of M times column 0 of M⁻¹ is 1, every other product 0.
        for i in 0..8 {
            for j in 0..8 {
                let mut acc = 0u8;
                for k in 0..8 {
                    acc ^= gf_mul(MDS[(k + 8 - i) % 8], MDS_INV[(j + 8 - k) % 8]);
                }
                assert_eq!(acc, u8::from(i == j), "({i},{j})");
            }
        }
    }

    #[test]
    fn inverse_sboxes_invert() {
        for (s, inv) in SBOX.iter().zip(INV_SBOX.iter()) {
            for x in 0..=255u8 {
                assert_eq!(inv[s[x as usize] as usize], x);
            }
        }
    }
}
