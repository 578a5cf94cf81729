//! DSTU 7564:2014 "Kupyna", the Ukrainian hash standard: Kupyna-256 (a
//! 512-bit state, 10 rounds) and Kupyna-384 and -512 (a 1024-bit state, 14
//! rounds).
//!
//! The algorithm is RustCrypto's `kupyna` crate (0.1), re-exported here so
//! that signet names it in one place. Why the crate and not our own code: it
//! forbids `unsafe`, implements the same `digest` 0.11 traits as the other
//! hashes signet uses (so it streams through `DynDigest` like them), is the
//! usual table implementation (S-boxes and the MDS matrix folded into eight
//! 256-entry tables of 64-bit words), and is fast enough: on 1 MiB,
//! Kupyna-256 hashes 150–180 MB/s and Kupyna-384/512 about 130 MB/s on the
//! project's machine class (`benches/kupyna.rs`), in the range of the
//! Streebog implementations, with no Ukrainian peer at hand to beat.
//!
//! Its own tests use the vectors of the designers' paper ([IACR ePrint
//! 2015/885]); signet's `tests/kupyna.rs` checks it against the vectors that
//! the authors' reference implementation prints and checks
//! ([Kupyna-reference], `main.c`), the byte-aligned ones: signet hashes
//! whole bytes.
//!
//! In Ukrainian PKI the digests are named by OIDs under the DSTU arc
//! 1.2.804.2.1.1.1.1.2.2 (as in Bouncy Castle's `UAObjectIdentifiers`
//! `dstu7564digest_256/384/512` and UAPKI's `HashAlgo`):
//!
//! | digest | OID |
//! |---|---|
//! | Kupyna-256 | 1.2.804.2.1.1.1.1.2.2.1 |
//! | Kupyna-384 | 1.2.804.2.1.1.1.1.2.2.2 |
//! | Kupyna-512 | 1.2.804.2.1.1.1.1.2.2.3 |
//!
//! [IACR ePrint 2015/885]: https://eprint.iacr.org/2015/885
//! [Kupyna-reference]: https://github.com/Roman-Oliynykov/Kupyna-reference

pub mod kmac;

pub use kupyna::{Kupyna256, Kupyna384, Kupyna512};
