//! A minimal DER tree for editing signatures in tests: parse, change a
//! node, write back with the lengths recomputed. Independent of signet's
//! own ASN.1 code on purpose, so that a test's material does not depend on
//! the code under test.

/// One DER value: its tag byte(s) and either children or raw contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Tag bytes (one for every tag these tests meet).
    pub tag: u8,
    /// Children, for constructed values.
    pub children: Vec<Node>,
    /// Contents, for primitive values.
    pub content: Vec<u8>,
}

impl Node {
    /// Whether the value is constructed.
    pub fn constructed(&self) -> bool {
        self.tag & 0x20 != 0
    }

    /// Parses one DER value (panics on anything else: test input).
    pub fn parse(der: &[u8]) -> Node {
        let (node, used) = Self::parse_at(der);
        assert_eq!(used, der.len(), "trailing data after DER value");
        node
    }

    fn parse_at(der: &[u8]) -> (Node, usize) {
        let tag = der[0];
        assert!(tag & 0x1F != 0x1F, "high tag numbers are not handled");
        let (len, hdr) = match der[1] {
            l if l < 0x80 => (l as usize, 2),
            0x80 => panic!("indefinite length: not DER"),
            l => {
                let n = (l & 0x7F) as usize;
                let len = der[2..2 + n]
                    .iter()
                    .fold(0usize, |a, &b| (a << 8) | b as usize);
                (len, 2 + n)
            }
        };
        let body = &der[hdr..hdr + len];
        let mut node = Node {
            tag,
            children: Vec::new(),
            content: Vec::new(),
        };
        if tag & 0x20 != 0 {
            let mut pos = 0;
            while pos < body.len() {
                let (child, used) = Self::parse_at(&body[pos..]);
                node.children.push(child);
                pos += used;
            }
        } else {
            node.content = body.to_vec();
        }
        (node, hdr + len)
    }

    /// Writes the value as DER.
    pub fn to_der(&self) -> Vec<u8> {
        if self.constructed() {
            let body: Vec<u8> = self.children.iter().flat_map(Node::to_der).collect();
            tlv(self.tag, &body)
        } else {
            tlv(self.tag, &self.content)
        }
    }

    /// A primitive node.
    pub fn primitive(tag: u8, content: &[u8]) -> Node {
        Node {
            tag,
            children: Vec::new(),
            content: content.to_vec(),
        }
    }

    /// A constructed node.
    pub fn constructed_of(tag: u8, children: Vec<Node>) -> Node {
        Node {
            tag,
            children,
            content: Vec::new(),
        }
    }
}

/// One DER value from its tag byte and contents (definite length, in as
/// few bytes as it takes), for building material by hand.
pub fn tlv(tag: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = contents.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .iter()
            .copied()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(contents);
    out
}

/// Encodes a dotted OID as a DER OBJECT IDENTIFIER node.
pub fn oid(dotted: &str) -> Node {
    let arcs: Vec<u64> = dotted
        .split('.')
        .map(|a| a.parse().expect("numeric arc"))
        .collect();
    let mut content = Vec::new();
    let mut push = |mut v: u64| {
        let mut tmp = vec![(v & 0x7F) as u8];
        v >>= 7;
        while v > 0 {
            tmp.push(0x80 | (v & 0x7F) as u8);
            v >>= 7;
        }
        tmp.reverse();
        content.extend(tmp);
    };
    push(arcs[0] * 40 + arcs[1]);
    for &a in &arcs[2..] {
        push(a);
    }
    Node::primitive(0x06, &content)
}

/// The SignerInfo nodes of a ContentInfo with SignedData.
fn signer_infos(content_info: &mut Node) -> &mut Vec<Node> {
    let signed_data = &mut content_info.children[1].children[0];
    let set = signed_data
        .children
        .iter_mut()
        .rev()
        .find(|n| n.tag == 0x31)
        .expect("signerInfos SET");
    &mut set.children
}

/// The signature value of signer `index` of a CMS SignedData (DER).
pub fn signature_value(cms: &[u8], index: usize) -> Vec<u8> {
    let mut root = Node::parse(cms);
    let signer = &signer_infos(&mut root)[index];
    signer
        .children
        .iter()
        .find(|n| n.tag == 0x04)
        .expect("signature OCTET STRING")
        .content
        .clone()
}

/// Adds an unsigned attribute `oid = { value }` to signer `index`
/// (creating unsignedAttrs when absent) and returns the new DER.
pub fn add_unsigned_attribute(
    cms: &[u8],
    index: usize,
    attr_oid: &str,
    value_der: &[u8],
) -> Vec<u8> {
    let mut root = Node::parse(cms);
    let signer = &mut signer_infos(&mut root)[index];
    let attribute = Node::constructed_of(
        0x30,
        vec![
            oid(attr_oid),
            Node::constructed_of(0x31, vec![Node::parse(value_der)]),
        ],
    );
    match signer.children.iter_mut().find(|n| n.tag == 0xA1) {
        Some(unsigned) => unsigned.children.push(attribute),
        None => signer
            .children
            .push(Node::constructed_of(0xA1, vec![attribute])),
    }
    root.to_der()
}

/// The first value (DER) of attribute `attr_oid` of signer `index`, from
/// its signed (`[0]`, `signed` true) or unsigned (`[1]`) attributes.
pub fn attribute_value(cms: &[u8], index: usize, signed: bool, attr_oid: &str) -> Option<Vec<u8>> {
    let mut root = Node::parse(cms);
    let signer = &signer_infos(&mut root)[index];
    let wanted = oid(attr_oid);
    let tag = if signed { 0xA0 } else { 0xA1 };
    signer
        .children
        .iter()
        .find(|n| n.tag == tag)?
        .children
        .iter()
        .find(|a| a.children.first() == Some(&wanted))
        .and_then(|a| a.children.get(1)?.children.first())
        .map(Node::to_der)
}

/// Replaces the signature value of signer `index` with `f(old)`.
pub fn edit_signature_value(cms: &[u8], index: usize, f: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut root = Node::parse(cms);
    let signer = &mut signer_infos(&mut root)[index];
    let sig = signer
        .children
        .iter_mut()
        .find(|n| n.tag == 0x04)
        .expect("signature");
    f(&mut sig.content);
    root.to_der()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_oid() {
        let der = [0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0xAA];
        assert_eq!(Node::parse(&der).to_der(), der);
        assert_eq!(
            oid("1.2.840.113549.1.9.16.2.14").to_der(),
            [
                0x06, 0x0B, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x02, 0x0E
            ]
        );
        let long = Node::primitive(0x04, &[0u8; 300]).to_der();
        assert_eq!(&long[..4], &[0x04, 0x82, 0x01, 0x2C]);
    }
}
