//! The one DER length and TLV writer ([X.690] sections 8.1.3 and 10.1:
//! the definite form, as short as possible) shared by everything in this
//! crate that writes DER by hand: BER→DER conversion, CMS signing and
//! encryption, OCSP requests, PKCS#8 rewrapping.
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

/// How many octets `push_len` writes for `len`.
pub(crate) fn len_len(len: usize) -> usize {
    if len < 0x80 {
        1
    } else {
        1 + (usize::BITS as usize / 8 - len.leading_zeros() as usize / 8)
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
            assert_eq!(len_len(len), want.len());
        }
        assert_eq!(tlv(0x04, &[1, 2]), [0x04, 2, 1, 2]);
    }
}
