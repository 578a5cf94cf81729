//! What OpenSSL itself reads in a certificate (`openssl x509 -text`,
//! `-serial`, `-fingerprint`, `-dates`, `-subject`, `openssl asn1parse`),
//! so that a test can compare signet's fields with OpenSSL's.

use std::ffi::OsStr;

use super::{CertFiles, Openssl};
use crate::openssl_text::{NAMEOPT_MULTILINE, parse_multiline_name};

impl Openssl {
    /// `openssl x509 -noout -text -nameopt utf8,sep_multiline`: everything
    /// OpenSSL reads in the certificate, names one attribute a line.
    pub fn x509_text(&self, cert: &CertFiles) -> String {
        self.x509_query(cert, &["-text", "-nameopt", "utf8,sep_multiline"])
    }

    /// `openssl x509 -noout ARGS` on the certificate's DER file, e.g.
    /// `["-serial"]`, `["-fingerprint", "-sha1"]`,
    /// `["-subject", "-nameopt", "RFC2253,utf8"]`, `["-ext", "keyUsage"]`.
    pub fn x509_query(&self, cert: &CertFiles, args: &[&str]) -> String {
        let mut all: Vec<&OsStr> = vec![
            OsStr::new("x509"),
            OsStr::new("-inform"),
            OsStr::new("DER"),
            OsStr::new("-in"),
            cert.der_path.as_os_str(),
            OsStr::new("-noout"),
        ];
        all.extend(args.iter().map(OsStr::new));
        self.run_text(&all, cert.gost)
    }

    /// The value OpenSSL prints for a one-line query such as `-serial`
    /// (`serial=…`) or `-fingerprint -sha1` (`sha1 Fingerprint=…`): the text
    /// after the first `=`.
    fn x509_single(&self, cert: &CertFiles, args: &[&str]) -> String {
        let out = self.x509_query(cert, args);
        out.trim()
            .split_once('=')
            .map(|(_, v)| v.to_owned())
            .unwrap_or_else(|| panic!("unexpected output of openssl x509 {args:?}: {out}"))
    }

    /// The serial number as `openssl x509 -serial` prints it: upper-case
    /// hex of the INTEGER's content octets, without the leading 00 that
    /// keeps a number positive.
    pub fn serial_hex(&self, cert: &CertFiles) -> String {
        self.x509_single(cert, &["-serial"])
    }

    /// The SHA-1 fingerprint (`-fingerprint -sha1`), upper-case hex without
    /// colons.
    pub fn sha1_fingerprint(&self, cert: &CertFiles) -> String {
        self.x509_single(cert, &["-fingerprint", "-sha1"])
            .replace(':', "")
    }

    /// notBefore and notAfter as `-dates -dateopt iso_8601` prints them,
    /// e.g. `2026-11-25 17:14:10Z`.
    pub fn dates(&self, cert: &CertFiles) -> (String, String) {
        let out = self.x509_query(cert, &["-dates", "-dateopt", "iso_8601"]);
        let mut not_before = None;
        let mut not_after = None;
        for line in out.lines() {
            if let Some(v) = line.strip_prefix("notBefore=") {
                not_before = Some(v.trim().to_owned());
            } else if let Some(v) = line.strip_prefix("notAfter=") {
                not_after = Some(v.trim().to_owned());
            }
        }
        match (not_before, not_after) {
            (Some(b), Some(a)) => (b, a),
            _ => panic!("unexpected output of openssl x509 -dates: {out}"),
        }
    }

    /// The subject, one `(name, value)` per attribute in encoding order
    /// (as OpenSSL holds it), from `-subject -nameopt`
    /// [`NAMEOPT_MULTILINE`]. Names are OpenSSL's
    /// short names (`CN`, `street`, `INN`) or dotted OIDs for types it does
    /// not know; [`Openssl::object_oid`] turns them into OIDs.
    pub fn subject(&self, cert: &CertFiles) -> Vec<(String, String)> {
        parse_multiline_name(&self.x509_query(cert, &["-subject", "-nameopt", NAMEOPT_MULTILINE]))
    }

    /// The issuer, as [`Openssl::subject`] gives the subject.
    pub fn issuer(&self, cert: &CertFiles) -> Vec<(String, String)> {
        parse_multiline_name(&self.x509_query(cert, &["-issuer", "-nameopt", NAMEOPT_MULTILINE]))
    }

    /// The subject as one RFC 2253 string (`-subject -nameopt RFC2253,utf8`,
    /// most significant RDN last, with RFC 2253 escapes).
    pub fn subject_rfc2253(&self, cert: &CertFiles) -> String {
        self.x509_single(cert, &["-subject", "-nameopt", "RFC2253,-esc_msb,utf8"])
    }

    /// `openssl asn1parse -inform DER -in CERT ARGS` on the certificate.
    pub fn asn1parse(&self, cert: &CertFiles, args: &[&str]) -> String {
        let mut all: Vec<&OsStr> = vec![
            OsStr::new("asn1parse"),
            OsStr::new("-inform"),
            OsStr::new("DER"),
            OsStr::new("-in"),
            cert.der_path.as_os_str(),
        ];
        all.extend(args.iter().map(OsStr::new));
        self.run_text(&all, cert.gost)
    }

    /// The structure of one extension's value, as `openssl asn1parse
    /// -strparse` shows it, for extensions `openssl x509 -text` cannot
    /// show (qcStatements, subjectDirectoryAttributes). `ext` is the name
    /// asn1parse prints for the extension OID (`qcStatements`, `X509v3
    /// Subject Directory Attributes`) or its dotted form. `None` when the
    /// certificate has no such extension.
    pub fn extension_asn1(&self, cert: &CertFiles, ext: &str) -> Option<String> {
        let listing = self.asn1parse(cert, &[]);
        let mut lines = listing.lines();
        let mut offset = None;
        while let Some(line) = lines.next() {
            let is_ext = line.contains("prim: OBJECT")
                && line.rsplit_once(':').is_some_and(|(_, name)| name == ext);
            if is_ext {
                // The next OCTET STRING (after an optional critical BOOLEAN)
                // is extnValue.
                for next in lines.by_ref() {
                    if next.contains("prim: OCTET STRING") {
                        offset = next.split(':').next().map(|o| o.trim().to_owned());
                        break;
                    }
                    if next.contains("prim: OBJECT") {
                        break;
                    }
                }
                break;
            }
        }
        let offset = offset?;
        Some(self.asn1parse(cert, &["-strparse", &offset, "-i"]))
    }
}
