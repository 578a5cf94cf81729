//! Message digests by algorithm, hashed as a stream.
//!
//! One enum names every digest signet meets in certificates and signatures;
//! [`Hasher`] feeds data in pieces so that multi-gigabyte content never has
//! to be held in memory. The algorithms come from RustCrypto, except one:
//!
//! - SHA-1 and SHA-2 ([FIPS 180-4]) from `sha1` and `sha2`;
//! - GOST R 34.11-2012 "Streebog" ([RFC 6986]) from this crate's
//!   [`streebog`](crate::streebog) module, which is faster than the
//!   `streebog` crate (the module documentation has the figures; the crate
//!   remains its test oracle, and HMAC and VKO still use it);
//! - GOST R 34.11-94 with the CryptoPro parameter set ([RFC 5831], [RFC 4357]
//!   section 11.2) and GOST 34.311-95 with the Ukrainian DKE №1 S-box, both
//!   from `gost94`;
//! - DSTU 7564:2014 "Kupyna" from `kupyna`, through the
//!   [`kupyna`](crate::kupyna) module (which says why, and gives the OIDs).
//!
//! [FIPS 180-4]: https://csrc.nist.gov/pubs/fips/180-4/upd1/final
//! [RFC 6986]: https://datatracker.ietf.org/doc/html/rfc6986
//! [RFC 5831]: https://datatracker.ietf.org/doc/html/rfc5831
//! [RFC 4357]: https://datatracker.ietf.org/doc/html/rfc4357#section-11.2

use digest::DynDigest;

/// A message digest algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DigestAlgorithm {
    /// SHA-1 (FIPS 180-4). Still used for certificate thumbprints.
    Sha1,
    /// SHA-224 (FIPS 180-4).
    Sha224,
    /// SHA-256 (FIPS 180-4).
    Sha256,
    /// SHA-384 (FIPS 180-4).
    Sha384,
    /// SHA-512 (FIPS 180-4).
    Sha512,
    /// GOST R 34.11-2012, 256-bit output (RFC 6986).
    Streebog256,
    /// GOST R 34.11-2012, 512-bit output (RFC 6986).
    Streebog512,
    /// GOST R 34.11-94 with the CryptoPro S-box (RFC 5831, RFC 4357 §11.2).
    Gost94CryptoPro,
    /// GOST 34.311-95 with the Ukrainian DKE №1 S-box.
    Gost34311Ua,
    /// DSTU 7564:2014 (Kupyna), 256-bit output.
    Kupyna256,
    /// DSTU 7564:2014 (Kupyna), 384-bit output.
    Kupyna384,
    /// DSTU 7564:2014 (Kupyna), 512-bit output.
    Kupyna512,
}

impl DigestAlgorithm {
    /// Every algorithm, in declaration order.
    pub const ALL: [DigestAlgorithm; 12] = [
        Self::Sha1,
        Self::Sha224,
        Self::Sha256,
        Self::Sha384,
        Self::Sha512,
        Self::Streebog256,
        Self::Streebog512,
        Self::Gost94CryptoPro,
        Self::Gost34311Ua,
        Self::Kupyna256,
        Self::Kupyna384,
        Self::Kupyna512,
    ];

    /// Length of the digest in bytes.
    pub fn output_len(self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha224 => 28,
            Self::Sha256
            | Self::Streebog256
            | Self::Gost94CryptoPro
            | Self::Gost34311Ua
            | Self::Kupyna256 => 32,
            Self::Sha384 | Self::Kupyna384 => 48,
            Self::Sha512 | Self::Streebog512 | Self::Kupyna512 => 64,
        }
    }

    /// A short, conventional name ("SHA-256", "Streebog-256", …).
    pub fn name(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA-1",
            Self::Sha224 => "SHA-224",
            Self::Sha256 => "SHA-256",
            Self::Sha384 => "SHA-384",
            Self::Sha512 => "SHA-512",
            Self::Streebog256 => "GOST R 34.11-2012 (256)",
            Self::Streebog512 => "GOST R 34.11-2012 (512)",
            Self::Gost94CryptoPro => "GOST R 34.11-94",
            Self::Gost34311Ua => "GOST 34.311-95",
            Self::Kupyna256 => "DSTU 7564 (Kupyna-256)",
            Self::Kupyna384 => "DSTU 7564 (Kupyna-384)",
            Self::Kupyna512 => "DSTU 7564 (Kupyna-512)",
        }
    }

    /// Starts a streaming hash.
    pub fn hasher(self) -> Hasher {
        let inner: Box<dyn DynDigest + Send + Sync> = match self {
            Self::Sha1 => Box::new(sha1::Sha1::default()),
            Self::Sha224 => Box::new(sha2::Sha224::default()),
            Self::Sha256 => Box::new(sha2::Sha256::default()),
            Self::Sha384 => Box::new(sha2::Sha384::default()),
            Self::Sha512 => Box::new(sha2::Sha512::default()),
            Self::Streebog256 => Box::new(crate::streebog::Streebog256::default()),
            Self::Streebog512 => Box::new(crate::streebog::Streebog512::default()),
            Self::Gost94CryptoPro => Box::new(gost94::Gost94CryptoPro::default()),
            Self::Gost34311Ua => Box::new(gost94::Gost94UA::default()),
            Self::Kupyna256 => Box::new(crate::kupyna::Kupyna256::default()),
            Self::Kupyna384 => Box::new(crate::kupyna::Kupyna384::default()),
            Self::Kupyna512 => Box::new(crate::kupyna::Kupyna512::default()),
        };
        Hasher {
            algorithm: self,
            inner,
        }
    }

    /// Hashes a whole buffer at once.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        let mut hasher = self.hasher();
        hasher.update(data);
        hasher.finish()
    }
}

/// A hash in progress: feed it with [`Hasher::update`] as the data arrives.
pub struct Hasher {
    algorithm: DigestAlgorithm,
    inner: Box<dyn DynDigest + Send + Sync>,
}

impl Hasher {
    /// The algorithm this hasher computes.
    pub fn algorithm(&self) -> DigestAlgorithm {
        self.algorithm
    }

    /// Adds the next piece of the message.
    pub fn update(&mut self, data: &[u8]) {
        self.inner.update(data);
    }

    /// Ends the message and returns the digest.
    pub fn finish(self) -> Vec<u8> {
        self.inner.finalize().into_vec()
    }
}

impl std::fmt::Debug for Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hasher")
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hex_digest(alg: DigestAlgorithm, msg: &[u8]) -> String {
        hex::encode(alg.digest(msg))
    }

    /// FIPS 180-4 examples, "abc" (NIST CSRC "Examples with Intermediate Values").
    #[test]
    fn sha_family_abc() {
        assert_eq!(
            hex_digest(DigestAlgorithm::Sha1, b"abc"),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            hex_digest(DigestAlgorithm::Sha256, b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex_digest(DigestAlgorithm::Sha224, b"abc"),
            "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"
        );
    }

    /// RFC 6986 section 10.1, example 1: M1 is the 63 ASCII digits
    /// "0123456789" repeated. The RFC prints numbers most significant byte
    /// first; the values below are the digest bytes in output order.
    #[test]
    fn streebog_rfc6986_example1() {
        let m1 = b"012345678901234567890123456789012345678901234567890123456789012";
        assert_eq!(
            hex_digest(DigestAlgorithm::Streebog512, m1),
            "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa\
             00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48"
        );
        assert_eq!(
            hex_digest(DigestAlgorithm::Streebog256, m1),
            "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500"
        );
    }

    /// GOST R 34.11-94 with the CryptoPro parameter set over "abc"
    /// (the table of examples in RFC 5831's companion literature and in
    /// gost-engine's test suite `test_digest.c`).
    #[test]
    fn gost94_cryptopro_abc() {
        assert_eq!(
            hex_digest(DigestAlgorithm::Gost94CryptoPro, b"abc"),
            "b285056dbf18d7392d7677369524dd14747459ed8143997e163b2986f92fd42c"
        );
    }

    /// DSTU 7564:2014 through the dispatch: Kupyna-256 of the 512-bit
    /// message 00 01 … 3F, the first example of the reference implementation
    /// (<https://github.com/Roman-Oliynykov/Kupyna-reference>, `main.c`;
    /// `tests/kupyna.rs` has the rest).
    #[test]
    fn kupyna256_reference_example() {
        let msg: Vec<u8> = (0..64).collect();
        assert_eq!(
            hex_digest(DigestAlgorithm::Kupyna256, &msg),
            "08f4ee6f1be6903b324c4e27990cb24ef69dd58dbe84813ee0a52f6631239875"
        );
    }

    proptest! {
        /// Feeding the message in any two pieces gives the one-shot digest.
        #[test]
        fn streaming_matches_one_shot(
            data in proptest::collection::vec(any::<u8>(), 0..600),
            split in 0usize..600,
            alg_index in 0usize..DigestAlgorithm::ALL.len(),
        ) {
            let alg = DigestAlgorithm::ALL[alg_index];
            let split = split.min(data.len());
            let mut hasher = alg.hasher();
            hasher.update(&data[..split]);
            hasher.update(&data[split..]);
            let streamed = hasher.finish();
            prop_assert_eq!(streamed.len(), alg.output_len());
            prop_assert_eq!(streamed, alg.digest(&data));
        }
    }
}
