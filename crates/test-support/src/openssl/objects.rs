//! OpenSSL's object table: the short and long names it gives OIDs
//! (`openssl list -objects`), and the OIDs of names that list truncates
//! (`openssl asn1parse -genstr OID:NAME`, decoded as [X.690] section 8.19
//! encodes an OBJECT IDENTIFIER).
//!
//! [X.690]: https://www.itu.int/rec/T-REC-X.690

use std::collections::HashMap;
use std::fmt::Write as _;
use std::process::Command;

use super::Openssl;

impl Openssl {
    /// OpenSSL's object table: short and long names to dotted OIDs.
    pub(crate) fn objects(&self) -> &HashMap<String, String> {
        self.objects.get_or_init(|| {
            let list = self.run_text(&["list", "-objects"], false);
            parse_object_list(&list)
        })
    }

    /// The dotted OID of an object OpenSSL knows by its short or long name
    /// (`CN`, `commonName`, `TLS Web Client Authentication`,
    /// `id-GostR3410-2001-CryptoPro-A-ParamSet`), from `openssl list
    /// -objects`, or from `openssl asn1parse -genstr OID:NAME` where that
    /// list truncates long OIDs. A dotted OID is returned as is.
    pub fn object_oid(&self, name: &str) -> Option<String> {
        if is_dotted_oid(name) {
            return Some(name.to_owned());
        }
        if let Some(oid) = self.objects().get(name) {
            return Some(oid.clone());
        }
        let mut cache = self
            .genstr_cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        cache
            .entry(name.to_owned())
            .or_insert_with(|| self.genstr_oid(name))
            .clone()
    }

    /// Asks `openssl asn1parse -genstr OID:NAME` for the encoding of an OID
    /// by name and decodes it.
    fn genstr_oid(&self, name: &str) -> Option<String> {
        let out = self.fresh("oid", "der");
        let status = Command::new("openssl")
            .args(["asn1parse", "-noout", "-genstr"])
            .arg(format!("OID:{name}"))
            .arg("-out")
            .arg(&out)
            .output()
            .ok()?;
        if !status.status.success() {
            return None;
        }
        let der = std::fs::read(&out).ok()?;
        decode_oid_der(&der)
    }
}

pub(crate) fn is_dotted_oid(s: &str) -> bool {
    let mut arcs = s.split('.');
    s.contains('.') && arcs.all(|a| !a.is_empty() && a.bytes().all(|b| b.is_ascii_digit()))
}

/// Parses `openssl list -objects`: lines `sn = oid` or `sn = ln, oid`.
/// OpenSSL 3.0 truncates long OIDs in this list (they end with a dot);
/// those are left out.
fn parse_object_list(list: &str) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for line in list.lines() {
        let Some((sn, rest)) = line.split_once(" = ") else {
            continue;
        };
        let (ln, oid) = match rest.rsplit_once(", ") {
            Some((ln, oid)) => (Some(ln), oid),
            None => (None, rest),
        };
        if !is_dotted_oid(oid) {
            continue;
        }
        map.entry(sn.to_owned()).or_insert_with(|| oid.to_owned());
        if let Some(ln) = ln {
            map.entry(ln.to_owned()).or_insert_with(|| oid.to_owned());
        }
    }
    map
}

/// Decodes a DER OBJECT IDENTIFIER (tag 06, short length) into dotted form.
fn decode_oid_der(der: &[u8]) -> Option<String> {
    let (&tag, rest) = der.split_first()?;
    let (&len, body) = rest.split_first()?;
    if tag != 0x06 || len as usize != body.len() || len >= 0x80 || body.is_empty() {
        return None;
    }
    let mut arcs: Vec<u128> = Vec::new();
    let mut acc: u128 = 0;
    for &b in body {
        acc = acc.checked_mul(128)? | u128::from(b & 0x7f);
        if b & 0x80 == 0 {
            arcs.push(acc);
            acc = 0;
        }
    }
    let first = *arcs.first()?;
    let (a, b) = match first {
        0..=39 => (0, first),
        40..=79 => (1, first - 40),
        _ => (2, first - 80),
    };
    let mut out = format!("{a}.{b}");
    for arc in &arcs[1..] {
        let _ = write!(out, ".{arc}");
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oid_der_decoding() {
        // 1.2.643.100.4
        assert_eq!(
            decode_oid_der(&[0x06, 0x05, 0x2a, 0x85, 0x03, 0x64, 0x04]).as_deref(),
            Some("1.2.643.100.4")
        );
        assert_eq!(
            decode_oid_der(&[0x06, 0x03, 0x55, 0x04, 0x03]).as_deref(),
            Some("2.5.4.3")
        );
    }

    #[test]
    fn object_list_lines() {
        let map = parse_object_list(
            "CN = commonName, 2.5.4.3\nINN = 1.2.643.3.131.1.1\n\
             uacurve0 = DSTU curve 0, 1.2.804.2.1.1.1.1.3.1.1.2.\n",
        );
        assert_eq!(map["commonName"], "2.5.4.3");
        assert_eq!(map["CN"], "2.5.4.3");
        assert_eq!(map["INN"], "1.2.643.3.131.1.1");
        assert!(!map.contains_key("uacurve0"));
    }
}
