//! GOST R 34.11-2012 "Streebog", 256- and 512-bit ([RFC 6986]).
//!
//! Why by hand: issue 5 asks for GOST R 34.11-2012 at least as fast as
//! OpenSSL's gost engine, and RustCrypto's `streebog` crate is slower. On
//! 1 MiB buffers, on the project's machine class (a 2-vCPU Xeon, Emerald
//! Rapids, rustc 1.95, default release profile; load average 0.5–0.9 from
//! other builds while measuring), in MB/s (10^6 bytes per second):
//!
//! | implementation | Streebog-256 | Streebog-512 |
//! |---|---|---|
//! | this module | 172 (criterion: 165) | 172 (criterion: 176) |
//! | `streebog` 0.11 | 134 (criterion: 131) | 139 (criterion: 138) |
//! | gost engine 3.0.1, `openssl speed -evp md_gost12_256` | 148–150 | 150 |
//!
//! Ours and the crate's first figures are medians of CPU-time blocks taken
//! in turn, the engine's `openssl speed` (CPU time); the criterion figures
//! are `benches/streebog.rs`. Taken in adjacent pairs, this module is
//! 25–30 % faster than the crate. It is the usual table implementation of
//! the standard, arranged for speed (see `lpsx`), in safe Rust only; the
//! crate stays the oracle of its tests (`tests/streebog.rs`, with the
//! engine), and HMAC and VKO still use the crate.
//!
//! The pieces, with their places in RFC 6986 (the English rendering of
//! GOST R 34.11-2012):
//!
//! - the S-box π (section 6.2), the byte permutation τ (section 6.3) and the
//!   matrix A of the linear map l (section 6.4) are folded into eight
//!   256-entry tables of 64-bit words, `LPS_TABLE`, computed at compile
//!   time by `lps_table`, so that one `L∘P∘S` is 64 lookups and XORs;
//! - the iteration constants C_1..C_12 (section 6.5) are `C`;
//! - the transformations X, S, P, L are those of section 7, and the
//!   compression function g_N (section 8) is `compress`;
//! - the hash procedure (section 9): stage 2 compresses every full 512-bit
//!   block and adds it to Σ while N counts the bits, both modulo 2^512
//!   (`add_512`); stage 3 pads the rest as `0…0 1 M`, compresses it, then
//!   compresses N and Σ with g_0. The 256-bit variant starts from the IV
//!   (00000001)^64 and keeps the most significant half of the result.
//!
//! Byte order. The standard writes a 512-bit vector as a number a_63…a_0,
//! a_0 least significant. Here it is eight `u64` words, word 0 least
//! significant, each word little-endian, so byte `k` of the message block
//! is a_k; the digest is those 64 (or the upper 32) bytes in that order,
//! which is what OpenSSL's gost engine and RustCrypto output.
//!
//! [RFC 6986]: https://datatracker.ietf.org/doc/html/rfc6986

use digest::block_api::BlockSizeUser;
use digest::consts::{U32, U64};
use digest::{FixedOutput, FixedOutputReset, HashMarker, Output, OutputSizeUser, Reset, Update};

/// Block size in bytes (512 bits).
const BLOCK: usize = 64;

/// The S-box π of RFC 6986 section 6.2, as printed there: π(i) for i = 0..255.
const PI: [u8; 256] = [
    252, 238, 221, 17, 207, 110, 49, 22, 251, 196, 250, 218, 35, 197, 4, 77, //
    233, 119, 240, 219, 147, 46, 153, 186, 23, 54, 241, 187, 20, 205, 95, 193, //
    249, 24, 101, 90, 226, 92, 239, 33, 129, 28, 60, 66, 139, 1, 142, 79, //
    5, 132, 2, 174, 227, 106, 143, 160, 6, 11, 237, 152, 127, 212, 211, 31, //
    235, 52, 44, 81, 234, 200, 72, 171, 242, 42, 104, 162, 253, 58, 206, 204, //
    181, 112, 14, 86, 8, 12, 118, 18, 191, 114, 19, 71, 156, 183, 93, 135, //
    21, 161, 150, 41, 16, 123, 154, 199, 243, 145, 120, 111, 157, 158, 178, 177, //
    50, 117, 25, 61, 255, 53, 138, 126, 109, 84, 198, 128, 195, 189, 13, 87, //
    223, 245, 36, 169, 62, 168, 67, 201, 215, 121, 214, 246, 124, 34, 185, 3, //
    224, 15, 236, 222, 122, 148, 176, 188, 220, 232, 40, 80, 78, 51, 10, 74, //
    167, 151, 96, 115, 30, 0, 98, 68, 26, 184, 56, 130, 100, 159, 38, 65, //
    173, 69, 70, 146, 39, 94, 85, 47, 140, 163, 165, 125, 105, 213, 149, 59, //
    7, 88, 179, 64, 134, 172, 29, 247, 48, 55, 107, 228, 136, 217, 231, 137, //
    225, 27, 131, 73, 76, 63, 248, 254, 141, 83, 170, 144, 202, 216, 133, 97, //
    32, 113, 103, 164, 45, 43, 9, 91, 203, 155, 37, 208, 190, 229, 108, 82, //
    89, 166, 116, 210, 230, 244, 180, 192, 209, 102, 175, 194, 57, 75, 99, 182, //
];

/// The rows A_0..A_63 of the matrix A of RFC 6986 section 6.4, in the order
/// printed there. The linear map is
/// l(b_63…b_0) = b_63·A_0 ⊕ … ⊕ b_0·A_63, so bit `k` (from the least
/// significant) of the input selects row `A[63 - k]`.
#[rustfmt::skip]
const A: [u64; 64] = [
    0x8e20faa72ba0b470, 0x47107ddd9b505a38, 0xad08b0e0c3282d1c, 0xd8045870ef14980e,
    0x6c022c38f90a4c07, 0x3601161cf205268d, 0x1b8e0b0e798c13c8, 0x83478b07b2468764,
    0xa011d380818e8f40, 0x5086e740ce47c920, 0x2843fd2067adea10, 0x14aff010bdd87508,
    0x0ad97808d06cb404, 0x05e23c0468365a02, 0x8c711e02341b2d01, 0x46b60f011a83988e,
    0x90dab52a387ae76f, 0x486dd4151c3dfdb9, 0x24b86a840e90f0d2, 0x125c354207487869,
    0x092e94218d243cba, 0x8a174a9ec8121e5d, 0x4585254f64090fa0, 0xaccc9ca9328a8950,
    0x9d4df05d5f661451, 0xc0a878a0a1330aa6, 0x60543c50de970553, 0x302a1e286fc58ca7,
    0x18150f14b9ec46dd, 0x0c84890ad27623e0, 0x0642ca05693b9f70, 0x0321658cba93c138,
    0x86275df09ce8aaa8, 0x439da0784e745554, 0xafc0503c273aa42a, 0xd960281e9d1d5215,
    0xe230140fc0802984, 0x71180a8960409a42, 0xb60c05ca30204d21, 0x5b068c651810a89e,
    0x456c34887a3805b9, 0xac361a443d1c8cd2, 0x561b0d22900e4669, 0x2b838811480723ba,
    0x9bcf4486248d9f5d, 0xc3e9224312c8c1a0, 0xeffa11af0964ee50, 0xf97d86d98a327728,
    0xe4fa2054a80b329c, 0x727d102a548b194e, 0x39b008152acb8227, 0x9258048415eb419d,
    0x492c024284fbaec0, 0xaa16012142f35760, 0x550b8e9e21f7a530, 0xa48b474f9ef5dc18,
    0x70a6a56e2440598e, 0x3853dc371220a247, 0x1ca76e95091051ad, 0x0edd37c48a08a6d8,
    0x07e095624504536c, 0x8d70c431ac02a736, 0xc83862965601dd1b, 0x641c314b2b8ee083,
];

/// The iteration constants C_1..C_12 of RFC 6986 section 6.5, each as
/// printed there: most significant 64-bit word first.
#[rustfmt::skip]
const C_PRINTED: [[u64; 8]; 12] = [
    [
        0xb1085bda1ecadae9, 0xebcb2f81c0657c1f, 0x2f6a76432e45d016, 0x714eb88d7585c4fc,
        0x4b7ce09192676901, 0xa2422a08a460d315, 0x05767436cc744d23, 0xdd806559f2a64507,
    ],
    [
        0x6fa3b58aa99d2f1a, 0x4fe39d460f70b5d7, 0xf3feea720a232b98, 0x61d55e0f16b50131,
        0x9ab5176b12d69958, 0x5cb561c2db0aa7ca, 0x55dda21bd7cbcd56, 0xe679047021b19bb7,
    ],
    [
        0xf574dcac2bce2fc7, 0x0a39fc286a3d8435, 0x06f15e5f529c1f8b, 0xf2ea7514b1297b7b,
        0xd3e20fe490359eb1, 0xc1c93a376062db09, 0xc2b6f443867adb31, 0x991e96f50aba0ab2,
    ],
    [
        0xef1fdfb3e81566d2, 0xf948e1a05d71e4dd, 0x488e857e335c3c7d, 0x9d721cad685e353f,
        0xa9d72c82ed03d675, 0xd8b71333935203be, 0x3453eaa193e837f1, 0x220cbebc84e3d12e,
    ],
    [
        0x4bea6bacad474799, 0x9a3f410c6ca92363, 0x7f151c1f1686104a, 0x359e35d7800fffbd,
        0xbfcd1747253af5a3, 0xdfff00b723271a16, 0x7a56a27ea9ea63f5, 0x601758fd7c6cfe57,
    ],
    [
        0xae4faeae1d3ad3d9, 0x6fa4c33b7a3039c0, 0x2d66c4f95142a46c, 0x187f9ab49af08ec6,
        0xcffaa6b71c9ab7b4, 0x0af21f66c2bec6b6, 0xbf71c57236904f35, 0xfa68407a46647d6e,
    ],
    [
        0xf4c70e16eeaac5ec, 0x51ac86febf240954, 0x399ec6c7e6bf87c9, 0xd3473e33197a93c9,
        0x0992abc52d822c37, 0x06476983284a0504, 0x3517454ca23c4af3, 0x8886564d3a14d493,
    ],
    [
        0x9b1f5b424d93c9a7, 0x03e7aa020c6e4141, 0x4eb7f8719c36de1e, 0x89b4443b4ddbc49a,
        0xf4892bcb929b0690, 0x69d18d2bd1a5c42f, 0x36acc2355951a8d9, 0xa47f0dd4bf02e71e,
    ],
    [
        0x378f5a541631229b, 0x944c9ad8ec165fde, 0x3a7d3a1b25894224, 0x3cd955b7e00d0984,
        0x800a440bdbb2ceb1, 0x7b2b8a9aa6079c54, 0x0e38dc92cb1f2a60, 0x7261445183235adb,
    ],
    [
        0xabbedea680056f52, 0x382ae548b2e4f3f3, 0x8941e71cff8a78db, 0x1fffe18a1b336103,
        0x9fe76702af69334b, 0x7a1e6c303b7652f4, 0x3698fad1153bb6c3, 0x74b4c7fb98459ced,
    ],
    [
        0x7bcd9ed0efc889fb, 0x3002c6cd635afe94, 0xd8fa6bbbebab0761, 0x2001802114846679,
        0x8a1d71efea48b9ca, 0xefbacd1d7d476e98, 0xdea2594ac06fd85d, 0x6bcaa4cd81f32d1b,
    ],
    [
        0x378ee767f11631ba, 0xd21380b00449b17a, 0xcda43c32bcdf1d77, 0xf82012d430219f9b,
        0x5d80ef9d1891cc86, 0xe71da4aa88e12852, 0xfaf417d5d9b21b99, 0x48bc924af11bd720,
    ],
];

/// [`C_PRINTED`] in this module's word order (word 0 least significant).
const C: [[u64; 8]; 12] = {
    let mut c = [[0u64; 8]; 12];
    let mut i = 0;
    while i < 12 {
        let mut w = 0;
        while w < 8 {
            c[i][w] = C_PRINTED[i][7 - w];
            w += 1;
        }
        i += 1;
    }
    c
};

/// The eight LPS tables, aligned to a cache line (16 KiB in all, which
/// stays in L1).
#[repr(align(64))]
struct Tables([[u64; 256]; 8]);

/// `LPS_TABLE.0[j][v]` is l applied to the 64-bit word whose byte `j` is
/// π(v) and whose other bytes are zero.
///
/// Why this is the whole of L∘P∘S: S replaces every byte a_k by π(a_k); P
/// (τ, RFC 6986 section 6.3) is the transpose of the 8×8 byte matrix, so
/// byte `j` of output word `r` is π of byte `r` of input word `j`; L
/// applies l to each word, and l is linear, so output word `r` is the XOR
/// over `j` of `LPS_TABLE.0[j][byte r of input word j]`.
static LPS_TABLE: Tables = Tables(lps_table());

/// Builds [`LPS_TABLE`] from [`PI`] and [`A`] at compile time.
const fn lps_table() -> [[u64; 256]; 8] {
    let mut table = [[0u64; 256]; 8];
    let mut j = 0;
    while j < 8 {
        let mut v = 0;
        while v < 256 {
            let s = PI[v];
            let mut acc = 0u64;
            let mut bit = 0;
            while bit < 8 {
                if s & (1 << bit) != 0 {
                    // Bit `bit` of byte `j` is bit 8j+bit of the word.
                    acc ^= A[63 - (8 * j + bit)];
                }
                bit += 1;
            }
            table[j][v] = acc;
            v += 1;
        }
        j += 1;
    }
    table
}

/// `out = L∘P∘S(x ⊕ a)`: one round of RFC 6986 section 7, the X
/// transformation with its key or constant `a` included.
///
/// Output word `r` is the XOR, over `j`, of `LPS_TABLE.0[j][byte r of
/// x[j] ⊕ a[j]]`. The loop runs over the input words: each is loaded once,
/// its eight bytes are shifted out of the register, and each byte selects an
/// entry of the same table for a different output word, so the eight output
/// words are eight independent XOR chains. The indices are `u8`s and the
/// tables have 256 entries: there are no bounds checks.
///
/// Why the shape (each measured on 1 MiB against the alternatives, see the
/// module documentation):
///
/// - never inlined: inlined into [`compress`], LLVM interleaves neighbouring
///   rounds, runs out of registers and spills the indices (20 % slower);
/// - X folded in, result through `out`: every value passed between rounds is
///   written here with 8-byte stores and read back here with 8-byte loads.
///   With `x ⊕ a` computed by the caller and the result returned by value,
///   LLVM moves and XORs the 64-byte arrays between the calls with 16-byte
///   loads, which the CPU cannot forward from two fresh 8-byte stores: each
///   such load waits for the stores to reach the cache (13 % slower).
#[inline(never)]
fn lpsx(x: &[u64; 8], a: &[u64; 8], out: &mut [u64; 8]) {
    let mut acc = [0u64; 8];
    for ((&x, &a), t) in x.iter().zip(a).zip(&LPS_TABLE.0) {
        let w = x ^ a;
        for (r, acc) in acc.iter_mut().enumerate() {
            *acc ^= t[usize::from((w >> (8 * r)) as u8)];
        }
    }
    *out = acc;
}

/// The compression function g_N(h, m) = E(LPS(h ⊕ N), m) ⊕ h ⊕ m of
/// RFC 6986 section 8, where E(K, m) = X[K_13] LPSX[K_12] … LPSX[K_1](m)
/// and K_{i+1} = LPS(K_i ⊕ C_i). The state is updated in place.
///
/// Each round computes the next state and the next key from the previous
/// ones; the two [`lpsx`] are independent, so the CPU overlaps them. The
/// values live in four buffers used in turn (the rounds are unrolled in
/// pairs for that), never copied: see [`lpsx`] for why.
fn compress(h: &mut [u64; 8], n: &[u64; 8], m: &[u64; 8]) {
    let (mut k, mut k_next) = ([0u64; 8], [0u64; 8]);
    let (mut s, mut s_next) = ([0u64; 8], [0u64; 8]);
    // K_1 = LPS(h ⊕ N); round 1: s = LPS(X[K_1](m)) and K_2.
    lpsx(h, n, &mut k);
    lpsx(m, &k, &mut s);
    lpsx(&k, &C[0], &mut k_next);
    // Rounds 2 to 11: s = LPS(X[K_i](s)) and K_{i+1} = LPS(K_i ⊕ C_i).
    for c in C[1..11].chunks_exact(2) {
        lpsx(&s, &k_next, &mut s_next);
        lpsx(&k_next, &c[0], &mut k);
        lpsx(&s_next, &k, &mut s);
        lpsx(&k, &c[1], &mut k_next);
    }
    // Round 12, then X[K_13] and the feed-forward: g_N = E ⊕ h ⊕ m.
    lpsx(&s, &k_next, &mut s_next);
    lpsx(&k_next, &C[11], &mut k);
    for (((h, s), k), m) in h.iter_mut().zip(s_next).zip(k).zip(m) {
        *h ^= s ^ k ^ m;
    }
}

/// `a = a + b mod 2^512`, the addition in the ring Z/2^512 that RFC 6986
/// uses for N and Σ (section 9).
#[inline]
fn add_512(a: &mut [u64; 8], b: &[u64; 8]) {
    let mut carry = false;
    for (x, y) in a.iter_mut().zip(b) {
        let (s1, c1) = x.overflowing_add(*y);
        let (s2, c2) = s1.overflowing_add(u64::from(carry));
        *x = s2;
        carry = c1 | c2;
    }
}

/// A 64-byte block as eight little-endian words.
#[inline(always)]
fn words(block: &[u8; BLOCK]) -> [u64; 8] {
    let mut w = [0u64; 8];
    for (w, b) in w.iter_mut().zip(block.chunks_exact(8)) {
        let mut le = [0u8; 8];
        le.copy_from_slice(b);
        *w = u64::from_le_bytes(le);
    }
    w
}

/// The state common to both output sizes: h, N, Σ and the unprocessed tail
/// of the message.
#[derive(Clone)]
struct State {
    h: [u64; 8],
    n: [u64; 8],
    sigma: [u64; 8],
    buf: [u8; BLOCK],
    /// Bytes used in `buf`; always below [`BLOCK`] between calls.
    len: usize,
}

impl State {
    /// Stage 1 of RFC 6986 section 9, with the IV (section 6.1) of every
    /// byte equal to `iv_byte`.
    fn new(iv_byte: u8) -> Self {
        Self {
            h: [u64::from_le_bytes([iv_byte; 8]); 8],
            n: [0; 8],
            sigma: [0; 8],
            buf: [0; BLOCK],
            len: 0,
        }
    }

    /// One step of stage 2 (RFC 6986 section 9): a full block. A message
    /// of a whole number of blocks has its last block compressed here too,
    /// and stage 3 then pads an empty remainder.
    #[inline(always)]
    fn block(&mut self, block: &[u8; BLOCK]) {
        let m = words(block);
        compress(&mut self.h, &self.n, &m);
        add_512(&mut self.n, &[512, 0, 0, 0, 0, 0, 0, 0]);
        add_512(&mut self.sigma, &m);
    }

    fn update(&mut self, mut data: &[u8]) {
        if self.len > 0 {
            let take = (BLOCK - self.len).min(data.len());
            self.buf[self.len..self.len + take].copy_from_slice(&data[..take]);
            self.len += take;
            data = &data[take..];
            if self.len < BLOCK {
                return;
            }
            let buf = self.buf;
            self.block(&buf);
            self.len = 0;
        }
        let mut blocks = data.chunks_exact(BLOCK);
        for b in &mut blocks {
            let mut block = [0u8; BLOCK];
            block.copy_from_slice(b);
            self.block(&block);
        }
        let rest = blocks.remainder();
        self.buf[..rest.len()].copy_from_slice(rest);
        self.len = rest.len();
    }

    /// Stage 3 (RFC 6986 section 9); returns the final h as bytes.
    fn finish(&mut self) -> [u8; BLOCK] {
        let mut last = [0u8; BLOCK];
        last[..self.len].copy_from_slice(&self.buf[..self.len]);
        last[self.len] = 1;
        let m = words(&last);
        compress(&mut self.h, &self.n, &m);
        // |M| < 512, so the bit count fits in one word.
        add_512(&mut self.n, &[8 * self.len as u64, 0, 0, 0, 0, 0, 0, 0]);
        add_512(&mut self.sigma, &m);
        let zero = [0u64; 8];
        compress(&mut self.h, &zero, &self.n);
        compress(&mut self.h, &zero, &self.sigma);
        let mut out = [0u8; BLOCK];
        for (o, w) in out.chunks_exact_mut(8).zip(self.h) {
            o.copy_from_slice(&w.to_le_bytes());
        }
        out
    }
}

macro_rules! streebog {
    ($(#[$doc:meta])* $name:ident, $iv:expr, $size:ty, $skip:expr) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name(State);

        impl $name {
            const IV: u8 = $iv;
            /// Bytes of the 512-bit result dropped from the front (the
            /// 256-bit digest is its most significant half).
            const SKIP: usize = $skip;

            fn finish_into(&mut self, out: &mut Output<Self>) {
                let h = self.0.finish();
                out.copy_from_slice(&h[Self::SKIP..]);
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self(State::new(Self::IV))
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!(stringify!($name), " { .. }"))
            }
        }

        impl HashMarker for $name {}

        /// The 512-bit block, which HMAC ([RFC 2104], `hmac::SimpleHmac`)
        /// pads the key to.
        ///
        /// [RFC 2104]: https://datatracker.ietf.org/doc/html/rfc2104
        impl BlockSizeUser for $name {
            type BlockSize = U64;
        }

        impl OutputSizeUser for $name {
            type OutputSize = $size;
        }

        impl Update for $name {
            fn update(&mut self, data: &[u8]) {
                self.0.update(data);
            }
        }

        impl FixedOutput for $name {
            fn finalize_into(mut self, out: &mut Output<Self>) {
                self.finish_into(out);
            }
        }

        impl FixedOutputReset for $name {
            fn finalize_into_reset(&mut self, out: &mut Output<Self>) {
                self.finish_into(out);
                self.reset();
            }
        }

        impl Reset for $name {
            fn reset(&mut self) {
                *self = Self::default();
            }
        }
    };
}

streebog!(
    /// GOST R 34.11-2012 with a 256-bit digest (RFC 6986): IV (00000001)^64,
    /// the most significant half of the final state.
    Streebog256,
    0x01,
    U32,
    32
);

streebog!(
    /// GOST R 34.11-2012 with a 512-bit digest (RFC 6986): IV 0^512.
    Streebog512,
    0x00,
    U64,
    0
);

#[cfg(test)]
mod tests {
    use super::*;
    use digest::Digest;
    use proptest::prelude::*;

    fn hex256(msg: &[u8]) -> String {
        hex::encode(Streebog256::digest(msg))
    }

    fn hex512(msg: &[u8]) -> String {
        hex::encode(Streebog512::digest(msg))
    }

    /// RFC 6986 section 10.1 (GOST R 34.11-2012 appendix A.1), example 1:
    /// M1 is the 63 ASCII digits "0123456789" repeated. The RFC prints
    /// messages and digests as numbers, most significant byte first; the
    /// strings here are in byte order (the reverse).
    #[test]
    fn rfc6986_example_1() {
        let m1 = b"012345678901234567890123456789012345678901234567890123456789012";
        assert_eq!(
            hex512(m1),
            "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa\
             00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48"
        );
        assert_eq!(
            hex256(m1),
            "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500"
        );
    }

    /// RFC 6986 section 10.2 (GOST R 34.11-2012 appendix A.2), example 2:
    /// M2 is the 72-byte Windows-1251 encoding of "Се ветри, Стрибожи внуци,
    /// веютъ с моря стрелами на храбрыя плъкы Игоревы", which spans two
    /// blocks. Byte order as in example 1.
    #[test]
    fn rfc6986_example_2() {
        let m2 = hex::decode(
            "d1e520e2e5f2f0e82c20d1f2f0e8e1eee6e820e2edf3f6e82c20e2e5fef2fa20\
             f120eceef0ff20f1f2f0e5ebe0ece820ede020f5f0e0e1f0fbff20efebfaeafb\
             20c8e3eef0e5e2fb",
        )
        .expect("valid hex");
        assert_eq!(m2.len(), 72);
        assert_eq!(
            hex512(&m2),
            "1e88e62226bfca6f9994f1f2d51569e0daf8475a3b0fe61a5300eee46d961376\
             035fe83549ada2b8620fcd7c496ce5b33f0cb9dddc2b6460143b03dabac9fb28"
        );
        assert_eq!(
            hex256(&m2),
            "9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50"
        );
    }

    /// The empty message ("M3" of gost-engine's `test_digest.c`): only the
    /// padding block 0^511 || 1 is compressed.
    #[test]
    fn empty_message() {
        assert_eq!(
            hex512(b""),
            "8e945da209aa869f0455928529bcae4679e9873ab707b55315f56ceb98bef0a7\
             362f715528356ee83cda5f2aac4c6ad2ba3a715c1bcd81cb8e9f90bf4c1c1a8a"
        );
        assert_eq!(
            hex256(b""),
            "3f539a213e97c802cc229d474c6aa32a825a360b2a933a949fd925208d9ce1bb"
        );
    }

    /// Exactly one block, 64 zero bytes ("M4" of gost-engine's
    /// `test_digest.c`): the block goes through stage 2 and stage 3 pads an
    /// empty remainder.
    #[test]
    fn one_full_block() {
        assert_eq!(
            hex512(&[0u8; 64]),
            "b0fd29ac1b0df441769ff3fdb8dc564df67721d6ac06fb28ceffb7bbaa7948c6\
             c014ac999235b58cb26fb60fb112a145d7b4ade9ae566bf2611402c552d20db7"
        );
        assert_eq!(
            hex256(&[0u8; 64]),
            "df1fda9ce83191390537358031db2ecaa6aa54cd0eda241dc107105e13636b95"
        );
    }

    /// The "carry" message of gost-engine's `test_digest.c`: 64 bytes 0xee,
    /// then 0x16, 62 bytes 0x11 and 0x16. With the padding block 0…01 the
    /// sum Σ carries through every byte and out of bit 511, so the addition
    /// must run across all eight words and wrap modulo 2^512.
    #[test]
    fn sigma_carry_through_all_words() {
        let mut msg = vec![0xeeu8; 64];
        msg.push(0x16);
        msg.extend([0x11u8; 62]);
        msg.push(0x16);
        assert_eq!(
            hex512(&msg),
            "8b06f41e59907d9636e892caf5942fcdfb71fa31169a5e70f0edb873664df41c\
             2cce6e06dc6755d15a61cdeb92bd607cc4aaca6732bf3568a23a210dd520fd41"
        );
        assert_eq!(
            hex256(&msg),
            "81bb632fa31fcc38b4c379a662dbc58b9bed83f50d3a1b2ce7271ab02d25babb"
        );
    }

    /// 64 bytes 0xff (gost-engine's `test_digest.c`, "better carry test"):
    /// Σ = (2^512 − 1) + 1 wraps to zero.
    #[test]
    fn sigma_wraps_to_zero() {
        assert_eq!(
            hex512(&[0xffu8; 64]),
            "41629de677d7e8090c3cd70affe3300d1e1cfba2db97945ec37feb4e1375bc02\
             a53f00370b7d715b07f37f93cac844efadbfd1b85f9ddae3de9656c0e95affc7"
        );
        assert_eq!(
            hex256(&[0xffu8; 64]),
            "964a5ab60286f106288743e2fe1a422d160898ca1bd535e831aa500cfe34d7e8"
        );
    }

    /// N counts bits, so its carry out of the low word needs a 2^61-byte
    /// message; the adder is checked directly instead.
    #[test]
    fn add_512_carries_and_wraps() {
        let mut n = [u64::MAX - 511, u64::MAX, u64::MAX, 0, 0, 0, 0, 0];
        add_512(&mut n, &[512, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(n, [0, 0, 0, 1, 0, 0, 0, 0]);

        let mut all_ones = [u64::MAX; 8];
        add_512(&mut all_ones, &[1, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(all_ones, [0; 8]);

        let mut a = [u64::MAX, 0, u64::MAX, 0, 0, 0, 0, u64::MAX];
        add_512(&mut a, &[1, u64::MAX, 1, 0, 0, 0, 0, 1]);
        // word 0 overflows, word 1 = 0 + MAX + 1 overflows, word 2 =
        // MAX + 1 + 1 = 1 with carry, word 3 = 1, word 7 wraps.
        assert_eq!(a, [0, 0, 1, 1, 0, 0, 0, 0]);
    }

    /// [`lpsx`] with the tables equals L(P(S(x))) evaluated from the
    /// definitions (π, τ and the matrix A of RFC 6986 sections 6.2–6.4) for
    /// every byte value at every byte position, the other bytes zero: that
    /// reads every entry of every table.
    #[test]
    fn table_lps_matches_definition() {
        fn l(b: u64) -> u64 {
            (0..64)
                .filter(|k| b >> k & 1 == 1)
                .fold(0, |acc, k| acc ^ A[63 - k])
        }
        fn lps_reference(x: &[u64; 8]) -> [u64; 8] {
            let bytes: Vec<u8> = x.iter().flat_map(|w| w.to_le_bytes()).collect();
            let s: Vec<u8> = bytes.iter().map(|&b| PI[usize::from(b)]).collect();
            // τ(i) = 8(i mod 8) + ⌊i/8⌋: the new byte i is the old byte τ(i).
            let p: Vec<u8> = (0..64).map(|i| s[8 * (i % 8) + i / 8]).collect();
            let mut out = [0u64; 8];
            for (o, w) in out.iter_mut().zip(p.chunks_exact(8)) {
                *o = l(u64::from_le_bytes(w.try_into().expect("8 bytes")));
            }
            out
        }
        let lps_c1 = lps_reference(&C[0]);
        let mut out = [0u64; 8];
        for position in 0..BLOCK {
            for value in 0..=255u64 {
                let mut x = [0u64; 8];
                x[position / 8] = value << (8 * (position % 8));
                lpsx(&x, &[0; 8], &mut out);
                assert_eq!(out, lps_reference(&x), "byte {position} = {value:#04x}");
                // X folded in: x ⊕ a with a = C_1 ⊕ x is C_1.
                let a: [u64; 8] = std::array::from_fn(|i| x[i] ^ C[0][i]);
                lpsx(&x, &a, &mut out);
                assert_eq!(out, lps_c1);
            }
        }
    }

    /// RFC 7836 appendix B, examples 1 and 2 (HMAC_GOSTR3411_2012_256 and
    /// _512): the block size HMAC pads the key to is right.
    #[test]
    fn hmac_rfc7836() {
        use digest::{KeyInit, Mac};
        fn mac<D: Digest + BlockSizeUser + Clone>(key: &[u8], data: &[u8]) -> String {
            let mut m = <hmac::SimpleHmac<D> as KeyInit>::new_from_slice(key)
                .expect("HMAC takes keys of any length");
            Mac::update(&mut m, data);
            hex::encode(m.finalize().into_bytes())
        }
        let key = hex::decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
            .expect("valid hex");
        let t = hex::decode("0126bdb87800af214341456563780100").expect("valid hex");
        assert_eq!(
            mac::<Streebog256>(&key, &t),
            "a1aa5f7de402d7b3d323f2991c8d4534013137010a83754fd0af6d7cd4922ed9"
        );
        assert_eq!(
            mac::<Streebog512>(&key, &t),
            "a59bab22ecae19c65fbde6e5f4e9f5d8549d31f037f9df9b905500e171923a77\
             3d5f1530f2ed7e964cb2eedc29e9ad2f3afe93b2814f79f5000ffc0366c251e6"
        );
    }

    #[test]
    fn reset_and_finalize_reset() {
        let mut h = Streebog256::new();
        Digest::update(&mut h, b"some data");
        let first = h.finalize_reset();
        Digest::update(&mut h, b"some data");
        assert_eq!(h.finalize_reset(), first);
        Digest::update(&mut h, b"other");
        Digest::reset(&mut h);
        assert_eq!(h.finalize(), Streebog256::digest(b""));
    }

    /// Splits `data` at the sorted `cuts` and feeds the pieces in order.
    fn pieces<'a>(data: &'a [u8], cuts: &[usize]) -> Vec<&'a [u8]> {
        let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (data.len() + 1)).collect();
        cuts.sort_unstable();
        let mut out = Vec::new();
        let mut start = 0;
        for c in cuts {
            out.push(&data[start..c]);
            start = c;
        }
        out.push(&data[start..]);
        out
    }

    proptest! {
        /// Any message, fed in any pieces, hashes as RustCrypto's
        /// `streebog` crate hashes it in one go.
        #[test]
        fn matches_streebog_crate(
            data in proptest::collection::vec(any::<u8>(), 0..1200),
            cuts in proptest::collection::vec(any::<usize>(), 0..6),
        ) {
            let mut ours256 = Streebog256::new();
            let mut ours512 = Streebog512::new();
            for piece in pieces(&data, &cuts) {
                Digest::update(&mut ours256, piece);
                Digest::update(&mut ours512, piece);
            }
            // A clone taken mid-stream carries on independently.
            let copy = ours512.clone();
            let want256 = ::streebog::Streebog256::digest(&data);
            let want512 = ::streebog::Streebog512::digest(&data);
            prop_assert_eq!(ours256.finalize(), want256);
            prop_assert_eq!(ours512.finalize(), want512);
            prop_assert_eq!(copy.finalize(), want512);
        }
    }
}
