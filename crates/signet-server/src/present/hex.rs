//! Byte strings for a person: upper-case hex pairs split by spaces, as
//! Cipher BIS prints serial numbers and keys (spec 001: "E5 69 8B B0") and
//! as the web page and `signet inspect` show them.

use std::fmt::Write as _;

/// Hex bytes split by spaces: "E5 69 8B B0"; "" for no bytes.
pub fn spaced_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{b:02X}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_hex_as_in_the_spec() {
        assert_eq!(
            spaced_hex(&[0xE5, 0x69, 0x8B, 0xB0, 0x4D, 0xA1, 0xBF, 0x2F]),
            "E5 69 8B B0 4D A1 BF 2F"
        );
        assert_eq!(spaced_hex(&[0x00]), "00");
        assert_eq!(spaced_hex(&[]), "");
    }
}
