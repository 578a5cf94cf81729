//! Kupyna (DSTU 7564:2014) as signet uses it (`signet_crypto::kupyna`)
//! against the test vectors of the authors' reference implementation,
//! <https://github.com/Roman-Oliynykov/Kupyna-reference>, file `main.c`
//! (commit 43513f1): the byte-aligned messages there, all prefixes of the
//! 256-byte string 00 01 02 … FF, or the single byte FF. The bit-length
//! messages of that file (510, 655 and 33 bits, the 1-bit message) are left
//! out: signet hashes whole bytes.

use digest::Digest;
use proptest::prelude::*;
use signet_crypto::kupyna::{Kupyna256, Kupyna384, Kupyna512};

/// The reference implementation's `test` array: 00 01 02 … FF.
fn counting(bits: usize) -> Vec<u8> {
    (0..=255u8).take(bits / 8).collect()
}

fn hex_of<D: Digest>(msg: &[u8]) -> String {
    hex::encode_upper(D::digest(msg))
}

/// `hash_256_1` … `hash_256_6` of `main.c`.
#[test]
fn kupyna256_reference_vectors() {
    let cases: [(Vec<u8>, &str); 6] = [
        (
            counting(512),
            "08F4EE6F1BE6903B324C4E27990CB24EF69DD58DBE84813EE0A52F6631239875",
        ),
        (
            counting(1024),
            "0A9474E645A7D25E255E9E89FFF42EC7EB31349007059284F0B182E452BDA882",
        ),
        (
            counting(2048),
            "D305A32B963D149DC765F68594505D4077024F836C1BF03806E1624CE176C08F",
        ),
        (
            vec![0xFF],
            "EA7677CA4526555680441C117982EA14059EA6D0D7124D6ECDB3DEEC49E890F4",
        ),
        (
            counting(760),
            "1075C8B0CB910F116BDA5FA1F19C29CF8ECC75CAFF7208BA2994B68FC56E8D16",
        ),
        (
            Vec::new(),
            "CD5101D1CCDF0D1D1F4ADA56E888CD724CA1A0838A3521E7131D4FB78D0F5EB6",
        ),
    ];
    for (msg, want) in cases {
        assert_eq!(hex_of::<Kupyna256>(&msg), want, "{} bytes", msg.len());
    }
}

/// `hash_384_1` of `main.c`: the 760-bit message 00 01 … 5E.
#[test]
fn kupyna384_reference_vector() {
    assert_eq!(
        hex_of::<Kupyna384>(&counting(760)),
        "D9021692D84E5175735654846BA751E6D0ED0FAC36DFBC0841287DCB0B5584C7\
         5016C3DECC2A6E47C50B2F3811E351B8"
    );
}

/// `hash_512_1` … `hash_512_6` of `main.c`.
#[test]
fn kupyna512_reference_vectors() {
    let cases: [(Vec<u8>, &str); 6] = [
        (
            counting(512),
            "3813E2109118CDFB5A6D5E72F7208DCCC80A2DFB3AFDFB02F46992B5EDBE536B\
             3560DD1D7E29C6F53978AF58B444E37BA685C0DD910533BA5D78EFFFC13DE62A",
        ),
        (
            counting(1024),
            "76ED1AC28B1D0143013FFA87213B4090B356441263C13E03FA060A8CADA32B97\
             9635657F256B15D5FCA4A174DE029F0B1B4387C878FCC1C00E8705D783FD7FFE",
        ),
        (
            counting(2048),
            "0DD03D7350C409CB3C29C25893A0724F6B133FA8B9EB90A64D1A8FA93B565566\
             11EB187D715A956B107E3BFC76482298133A9CE8CBC0BD5E1436A5B197284F7E",
        ),
        (
            vec![0xFF],
            "871B18CF754B72740307A97B449ABEB32B64444CC0D5A4D65830AE5456837A72\
             D8458F12C8F06C98C616ABE11897F86263B5CB77C420FB375374BEC52B6D0292",
        ),
        (
            counting(1536),
            "B189BFE987F682F5F167F0D7FA565330E126B6E592B1C55D44299064EF95B1A5\
             7F3C2D0ECF17869D1D199EBBD02E8857FB8ADD67A8C31F56CD82C016CF743121",
        ),
        (
            Vec::new(),
            "656B2F4CD71462388B64A37043EA55DBE445D452AECD46C3298343314EF04019\
             BCFA3F04265A9857F91BE91FCE197096187CEDA78C9C1C021C294A0689198538",
        ),
    ];
    for (msg, want) in cases {
        assert_eq!(hex_of::<Kupyna512>(&msg), want, "{} bytes", msg.len());
    }
}

/// Feeds `msg` in the pieces `sizes` gives (the rest in one piece when they
/// run out) and returns the digest.
fn streamed<D: Digest>(msg: &[u8], sizes: &[usize]) -> Vec<u8> {
    let mut hasher = D::new();
    let mut rest = msg;
    let mut sizes = sizes.iter();
    while !rest.is_empty() {
        let n = sizes.next().map_or(rest.len(), |&n| n.clamp(1, rest.len()));
        let (piece, tail) = rest.split_at(n);
        hasher.update(piece);
        rest = tail;
    }
    hasher.finalize().to_vec()
}

proptest! {
    /// Any message up to 3000 bytes (several 64- and 128-byte blocks), fed
    /// in random pieces, hashes as it does in one call, for all three sizes.
    #[test]
    fn streaming_in_random_pieces_matches_one_shot(
        msg in proptest::collection::vec(any::<u8>(), 0..3000),
        sizes in proptest::collection::vec(1usize..400, 0..30),
    ) {
        prop_assert_eq!(streamed::<Kupyna256>(&msg, &sizes), Kupyna256::digest(&msg).to_vec());
        prop_assert_eq!(streamed::<Kupyna384>(&msg, &sizes), Kupyna384::digest(&msg).to_vec());
        prop_assert_eq!(streamed::<Kupyna512>(&msg, &sizes), Kupyna512::digest(&msg).to_vec());
    }
}
