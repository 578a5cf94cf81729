//! Deterministic sample data, so that a failing test can be run again on
//! the same bytes.

/// `len` pseudo-random bytes from a xorshift generator seeded with `seed`
/// (the 64-bit xorshift of Marsaglia, "Xorshift RNGs", 2003, shifts 13, 7,
/// 17): the same `len` and `seed` always give the same bytes.
pub fn xorshift_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}
