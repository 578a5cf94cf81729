//! Parsers of what the `openssl` command line prints: names
//! ([`parse_multiline_name`], RFC 4514/2253 escapes undone), the extension
//! list of `x509 -text` ([`x509_text_extensions`]), labelled values and
//! blocks ([`text_value`], [`text_block`]), GeneralNames
//! ([`split_general_names`]) and times ([`openssl_time_to_iso`]).

/// The `-nameopt` flags [`Openssl::subject`] and [`Openssl::issuer`] use:
/// one RDN a line, UTF-8, RFC 2253 escapes (so that the ` + ` between the
/// values of a multi-valued RDN can be told from a `+` in a value).
pub const NAMEOPT_MULTILINE: &str = "utf8,sep_multiline,esc_2253";

/// Parses a name printed with `-nameopt` [`NAMEOPT_MULTILINE`] (the first
/// line is `subject=` or `issuer=`, then one indented RDN a line, the
/// values of a multi-valued RDN joined by ` + `) into `(name, value)`
/// pairs in order, with the RFC 2253 escapes undone.
pub fn parse_multiline_name(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        // esc_2253 writes a "+" in a value as `\+`, so " + " only ever
        // separates the values of a multi-valued RDN.
        for atv in line.trim_start().split(" + ") {
            match atv.split_once('=') {
                Some((k, v)) => out.push((k.to_owned(), unescape_2253(v))),
                None => panic!("unexpected line in an OpenSSL name: {line:?}"),
            }
        }
    }
    out
}

/// Undoes RFC 2253 escapes: `\c` is `c`, `\XX` (two hex digits) a byte.
fn unescape_2253(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && i + 1 < bytes.len() {
            let hex = bytes
                .get(i + 1..i + 3)
                .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
            match hex {
                Some(b) => {
                    out.push(b);
                    i += 3;
                }
                None => {
                    out.push(bytes[i + 1]);
                    i += 2;
                }
            }
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A block of `openssl x509 -text` output: a header line and the lines
/// indented under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextBlock {
    /// The rest of the header line after the label (e.g. `critical`).
    pub header_rest: String,
    /// The lines under the header, trimmed, blank lines left out.
    pub lines: Vec<String>,
}

impl TextBlock {
    /// Whether the header says `critical`.
    pub fn critical(&self) -> bool {
        self.header_rest.trim() == "critical"
    }

    /// The lines joined by newlines.
    pub fn joined(&self) -> String {
        self.lines.join("\n")
    }
}

/// Finds the block of `-text` output whose header line (trimmed) starts
/// with `label` (e.g. `X509v3 Key Usage:`, `Signing Tool of Issuer:`), and
/// returns it with the lines indented deeper under it.
pub fn text_block(text: &str, label: &str) -> Option<TextBlock> {
    let lines: Vec<&str> = text.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.trim_start().starts_with(label))?;
    let header = lines[i];
    let indent = header.len() - header.trim_start().len();
    let header_rest = header.trim_start()[label.len()..].trim().to_owned();
    let body = lines[i + 1..]
        .iter()
        .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() > indent)
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    Some(TextBlock {
        header_rest,
        lines: body,
    })
}

/// One extension as `openssl x509 -text` lists it under `X509v3
/// extensions:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextExtension {
    /// The name OpenSSL shows: the extension's long name (`X509v3 Key
    /// Usage`, `Signing Tool of Issuer`), short name (`qcStatements`) or
    /// dotted OID when it does not know it.
    pub name: String,
    /// Whether OpenSSL marked it `critical`.
    pub critical: bool,
    /// The lines of its value, trimmed, blank lines left out. A value
    /// OpenSSL cannot decode is dumped raw and may span odd lines.
    pub lines: Vec<String>,
}

/// The extensions of `openssl x509 -text` output, in order.
///
/// Extension headers are the lines indented by exactly 12 spaces inside
/// the `X509v3 extensions:` block, which ends at the outer `Signature
/// Algorithm:` line (indented by 4); anything else belongs to the value of
/// the header before it.
pub fn x509_text_extensions(text: &str) -> Vec<TextExtension> {
    let mut out: Vec<TextExtension> = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if !inside {
            inside = line.trim() == "X509v3 extensions:";
            continue;
        }
        if line.starts_with("    Signature Algorithm:") {
            break;
        }
        let indent = line.len() - line.trim_start().len();
        if indent == 12 {
            let header = line.trim();
            let (name, rest) = header.rsplit_once(':').unwrap_or((header, ""));
            out.push(TextExtension {
                name: name.to_owned(),
                critical: rest.trim() == "critical",
                lines: Vec::new(),
            });
        } else if let Some(ext) = out.last_mut().filter(|_| !line.trim().is_empty()) {
            ext.lines.push(line.trim().to_owned());
        }
    }
    out
}

/// Converts a time as `openssl x509 -text` prints it (`Nov  2 22:00:00
/// 2016 GMT`) to the ISO form of `-dateopt iso_8601` (`2016-11-02
/// 22:00:00Z`).
pub fn openssl_time_to_iso(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [month, day, time, year, "GMT"] = parts.as_slice() else {
        return None;
    };
    let month = MONTHS.iter().position(|m| m == month)? + 1;
    let day: u32 = day.parse().ok()?;
    Some(format!("{year}-{month:02}-{day:02} {time}Z"))
}

/// The text after `label` on the first line of `-text` output that
/// (trimmed) starts with it, e.g. `text_value(t, "Parameter set:")`.
pub fn text_value(text: &str, label: &str) -> Option<String> {
    text.lines()
        .map(str::trim_start)
        .find_map(|l| l.strip_prefix(label))
        .map(|v| v.trim().to_owned())
}

/// Splits OpenSSL's one-line rendering of GeneralNames (`email:a@b.ru,
/// DNS:b.ru, othername: 1.2.3::value, URI:…`) into `(kind, value)` pairs.
/// Values may themselves contain ", " (postal addresses), so the text is
/// split only before a known kind.
pub fn split_general_names(line: &str) -> Vec<(String, String)> {
    const KINDS: [&str; 8] = [
        "email:",
        "DNS:",
        "URI:",
        "IP Address:",
        "DirName:",
        "Registered ID:",
        "othername:",
        "EdiPartyName:",
    ];
    let mut starts = Vec::new();
    for (i, _) in line.char_indices() {
        let at_start = i == 0 || line[..i].ends_with(", ");
        if at_start && KINDS.iter().any(|k| line[i..].starts_with(k)) {
            starts.push(i);
        }
    }
    let mut out = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(line.len(), |&e| e - 2);
        let item = &line[s..end];
        let (kind, value) = item.split_once(':').unwrap_or((item, ""));
        out.push((kind.to_owned(), value.trim_start().to_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiline_names_with_escapes_and_multi_valued_rdns() {
        let text = r#"subject=
    O=АО \"Рога \+ Копыта\" / филиал\, \<x\>\; y\\z #1
    CN=ab + SN=cd
    L=\ lead#
    ST=a=b
"#;
        assert_eq!(
            parse_multiline_name(text),
            [
                ("O", "АО \"Рога + Копыта\" / филиал, <x>; y\\z #1"),
                ("CN", "ab"),
                ("SN", "cd"),
                ("L", " lead#"),
                ("ST", "a=b"),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
    }

    #[test]
    fn general_names_with_commas_in_values() {
        let got = split_general_names(
            "othername: 1.3.6.1.4.1.19398.1.1.4.2::04655, м. Київ, 8, othername: UPN::6, \
             email:a@b.ru, DNS:b.ru",
        );
        assert_eq!(
            got,
            vec![
                (
                    "othername".to_owned(),
                    "1.3.6.1.4.1.19398.1.1.4.2::04655, м. Київ, 8".to_owned()
                ),
                ("othername".to_owned(), "UPN::6".to_owned()),
                ("email".to_owned(), "a@b.ru".to_owned()),
                ("DNS".to_owned(), "b.ru".to_owned()),
            ]
        );
    }

    #[test]
    fn extension_listing_with_a_raw_dump() {
        let text = "        X509v3 extensions:\n            X509v3 Key Usage: critical\n                \
                    Digital Signature\n            X509v3 Subject Directory Attributes: \n                \
                    0.0...\n..39292197\n    Signature Algorithm: x\n";
        let exts = x509_text_extensions(text);
        assert_eq!(exts.len(), 2);
        assert_eq!(exts[0].name, "X509v3 Key Usage");
        assert!(exts[0].critical);
        assert_eq!(exts[1].lines, vec!["0.0...", "..39292197"]);
        assert!(!exts[1].critical);
    }

    #[test]
    fn openssl_times() {
        assert_eq!(
            openssl_time_to_iso("Nov  2 22:00:00 2016 GMT").as_deref(),
            Some("2016-11-02 22:00:00Z")
        );
        assert_eq!(openssl_time_to_iso("2016-11-02"), None);
    }

    #[test]
    fn text_blocks() {
        let text = "        X509v3 extensions:\n            X509v3 Key Usage: critical\n                \
                    Digital Signature\n            X509v3 Basic Constraints: critical\n                CA:FALSE\n";
        let ku = text_block(text, "X509v3 Key Usage:").expect("block found");
        assert!(ku.critical());
        assert_eq!(ku.lines, vec!["Digital Signature"]);
    }
}
