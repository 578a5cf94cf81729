//! A DER length and TLV writer ([X.690] sections 8.1.3 and 10.1: the
//! definite form, as short as possible) for the code that still writes
//! DER by hand (CMS signing and encryption, OCSP requests), which is moving
//! to `der`'s encoder. BER→DER conversion ([`crate::ber`]) and the key
//! structures no longer use it.
//!
//! [X.690]: https://www.itu.int/rec/T-REC-X.690

/// Appends the minimal definite length `len`.
pub(crate) fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

/// One value with a one-octet tag: tag, length, contents.
#[allow(dead_code)] // No caller left: CMS and RFC 3161 now encode with der.
pub(crate) fn tlv(tag: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(contents.len() + 6);
    out.push(tag);
    push_len(&mut out, contents.len());
    out.extend_from_slice(contents);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_minimal() {
        for (len, want) in [
            (0usize, vec![0u8]),
            (0x7F, vec![0x7F]),
            (0x80, vec![0x81, 0x80]),
            (0x100, vec![0x82, 1, 0]),
            (0x1_0000, vec![0x83, 1, 0, 0]),
        ] {
            let mut out = Vec::new();
            push_len(&mut out, len);
            assert_eq!(out, want, "{len:#x}");
        }
        assert_eq!(tlv(0x04, &[1, 2]), [0x04, 2, 1, 2]);
    }
}
