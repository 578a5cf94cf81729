//! Keys from `openssl genpkey`, and certificates made from a [`CertSpec`]:
//! self-signed with `openssl req -x509`, or issued by a CA with `openssl
//! req` and `openssl x509 -req`, with any subject and v3 extensions
//! ([RFC 5280 section 4.1] fields, [section 4.2] extensions).
//!
//! [RFC 5280 section 4.1]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.1
//! [section 4.2]: https://datatracker.ietf.org/doc/html/rfc5280#section-4.2

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::objects::is_dotted_oid;
use super::{Openssl, path_arg, read_file, write_file};

/// A key algorithm `openssl genpkey` can generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyType {
    /// RSA with a modulus of this many bits.
    Rsa(u32),
    /// ECDSA on NIST P-256 (prime256v1), named-curve parameters.
    EcP256,
    /// ECDSA on NIST P-384 (secp384r1), named-curve parameters.
    EcP384,
    /// Ed25519 (RFC 8410).
    Ed25519,
    /// GOST R 34.10-2012 with a 256-bit key; the gost engine's `paramset`
    /// name: "A", "B", "C" (CryptoPro A/B/C), "XA", "XB" (CryptoPro XchA/XchB),
    /// "TCA", "TCB", "TCC", "TCD" (TC26 256-bit A–D).
    Gost2012_256(&'static str),
    /// GOST R 34.10-2012 with a 512-bit key; `paramset` "A", "B" or "C"
    /// (TC26 512-bit A–C).
    Gost2012_512(&'static str),
}

impl KeyType {
    /// Whether the key needs the gost engine.
    pub fn is_gost(self) -> bool {
        matches!(self, KeyType::Gost2012_256(_) | KeyType::Gost2012_512(_))
    }

    /// The digest option `openssl req` / `openssl x509` sign with for this
    /// key: `-sha256`, `-sha384`, `-md_gost12_256`, `-md_gost12_512`, or none
    /// for Ed25519 (which has its own fixed digest).
    pub fn digest_option(self) -> Option<&'static str> {
        match self {
            KeyType::Rsa(_) | KeyType::EcP256 => Some("-sha256"),
            KeyType::EcP384 => Some("-sha384"),
            KeyType::Ed25519 => None,
            KeyType::Gost2012_256(_) => Some("-md_gost12_256"),
            KeyType::Gost2012_512(_) => Some("-md_gost12_512"),
        }
    }

    fn genpkey_args(self) -> Vec<String> {
        let mut args: Vec<String> = Vec::new();
        let mut push = |a: &str| args.push(a.to_owned());
        match self {
            KeyType::Rsa(bits) => {
                push("-algorithm");
                push("RSA");
                push("-pkeyopt");
                push(&format!("rsa_keygen_bits:{bits}"));
            }
            KeyType::EcP256 | KeyType::EcP384 => {
                push("-algorithm");
                push("EC");
                push("-pkeyopt");
                push(if self == KeyType::EcP256 {
                    "ec_paramgen_curve:P-256"
                } else {
                    "ec_paramgen_curve:P-384"
                });
                push("-pkeyopt");
                push("ec_param_enc:named_curve");
            }
            KeyType::Ed25519 => {
                push("-algorithm");
                push("ED25519");
            }
            KeyType::Gost2012_256(set) | KeyType::Gost2012_512(set) => {
                push("-algorithm");
                push(if matches!(self, KeyType::Gost2012_256(_)) {
                    "gost2012_256"
                } else {
                    "gost2012_512"
                });
                push("-pkeyopt");
                push(&format!("paramset:{set}"));
            }
        }
        args
    }
}

/// A private key file made by `openssl genpkey`.
#[derive(Clone, Debug)]
pub struct KeyFile {
    /// The algorithm.
    pub key_type: KeyType,
    /// The PEM (PKCS #8) file.
    pub path: PathBuf,
}

/// One certificate as OpenSSL wrote it, in every form tests feed signet.
#[derive(Clone, Debug)]
pub struct CertFiles {
    /// The DER encoding.
    pub der: Vec<u8>,
    /// The PEM text (`-----BEGIN CERTIFICATE-----` …), as `openssl x509`
    /// writes it.
    pub pem: Vec<u8>,
    /// Bare base64 of the DER with a line break every 64 characters, as
    /// `openssl base64` writes it.
    pub base64: Vec<u8>,
    /// The DER file.
    pub der_path: PathBuf,
    /// The PEM file.
    pub pem_path: PathBuf,
    /// Whether OpenSSL needs the gost engine to read the key or signature
    /// (commands on this certificate then run with it).
    pub gost: bool,
}

/// What a certificate should carry: its subject, serial number, validity
/// and v3 extensions, written into an OpenSSL configuration file.
///
/// ```text
/// CertSpec::new()
///     .subject("CN", "Иванов Иван Иванович")
///     .subject("INNLE", "7701234567")
///     .extension("keyUsage", "critical, digitalSignature, nonRepudiation")
///     .subject_sign_tool("КриптоПро CSP (версия 5.0)")
/// ```
#[derive(Clone, Debug)]
pub struct CertSpec {
    /// RDNs in order, each one or more (type, value).
    subject: Vec<Vec<(String, String)>>,
    serial: Option<String>,
    days: u32,
    string_mask: String,
    extensions: Vec<(String, String)>,
    sections: Vec<(String, Vec<(String, String)>)>,
}

impl Default for CertSpec {
    fn default() -> Self {
        Self::new()
    }
}

impl CertSpec {
    /// An empty subject, a random serial number, 365 days, no extensions.
    pub fn new() -> Self {
        CertSpec {
            subject: Vec::new(),
            serial: None,
            days: 365,
            string_mask: "utf8only".to_owned(),
            extensions: Vec::new(),
            sections: Vec::new(),
        }
    }

    /// Appends a subject attribute (the next RDN). `name` is any name
    /// OpenSSL knows (`C`, `ST`, `L`, `street`, `O`, `OU`, `title`, `SN`,
    /// `GN`, `CN`, `emailAddress`, `serialNumber`, `INN`, `SNILS`, `OGRN`,
    /// `OGRNIP`), `INNLE` (declared by this crate as 1.2.643.100.4, which
    /// OpenSSL 3.0 does not know), or a dotted OID such as
    /// `1.2.643.3.141.1.1` (RNS FSS; dotted OIDs OpenSSL does not know are
    /// declared in the configuration's `oid_section`, without which `openssl
    /// req` would skip them). The value is UTF-8; `/`, `+` and `\`
    /// are escaped for `-subj`.
    pub fn subject(mut self, name: &str, value: &str) -> Self {
        self.subject.push(vec![(name.to_owned(), value.to_owned())]);
        self
    }

    /// Appends a multi-valued RDN (`/CN=a+SN=b`): several attributes in one
    /// SET, which DER sorts by their encoding.
    pub fn subject_rdn(mut self, attributes: &[(&str, &str)]) -> Self {
        self.subject.push(
            attributes
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
        );
        self
    }

    /// The serial number, in hex (`-set_serial 0x…`).
    pub fn serial_hex(mut self, hex: &str) -> Self {
        self.serial = Some(hex.to_owned());
        self
    }

    /// Days of validity from now (`-days`).
    pub fn days(mut self, days: u32) -> Self {
        self.days = days;
        self
    }

    /// The `string_mask` of `openssl req`: which string types subject values
    /// are encoded as. `utf8only` (UTF8String, the default here),
    /// `default`, `pkix`, `nombstr`, or `MASK:0x800` for BMPString, the
    /// type of older Russian and Ukrainian certificates. Attributes with a
    /// fixed type (C, emailAddress, INN, SNILS, OGRN) keep it.
    pub fn string_mask(mut self, mask: &str) -> Self {
        self.string_mask = mask.to_owned();
        self
    }

    /// Adds a line `name = value` to the v3 extension section, in
    /// OpenSSL's `x509v3_config` syntax, e.g. `("basicConstraints",
    /// "critical, CA:TRUE, pathlen:0")`, `("certificatePolicies",
    /// "1.2.643.100.113.1")`, `("subjectAltName", "email:a@b.ru, DNS:b.ru")`,
    /// `("crlDistributionPoints", "URI:http://…")`,
    /// `("authorityInfoAccess", "OCSP;URI:http://…, caIssuers;URI:http://…")`,
    /// `("subjectKeyIdentifier", "hash")`,
    /// `("authorityKeyIdentifier", "keyid:always")`. The value is escaped
    /// for the configuration file's own syntax.
    pub fn extension(mut self, name: &str, value: &str) -> Self {
        self.extensions.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Adds a section of the configuration file, for extension values that
    /// refer to one (`ASN1:SEQUENCE:name`, `@name` in subjectAltName,
    /// `@name` policy qualifiers).
    pub fn section(mut self, name: &str, entries: &[(&str, &str)]) -> Self {
        self.sections.push((
            name.to_owned(),
            entries
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        ));
        self
    }

    /// subjectSignTool (1.2.643.100.111, [RFC 9215] section 5.2): a
    /// UTF8String naming the subject's signature tool.
    ///
    /// `FORMAT:UTF8` tells OpenSSL's ASN.1 generator that the text is UTF-8;
    /// without it the generator reads it as Latin-1 and encodes every byte
    /// as a character, doubling the UTF-8.
    ///
    /// [RFC 9215]: https://datatracker.ietf.org/doc/html/rfc9215#section-5
    pub fn subject_sign_tool(self, tool: &str) -> Self {
        self.extension(
            "1.2.643.100.111",
            &format!("ASN1:FORMAT:UTF8,UTF8String:{tool}"),
        )
    }

    /// issuerSignTool (1.2.643.100.112, [RFC 9215] section 5.3): a SEQUENCE
    /// of four UTF8Strings (signTool, cATool, signToolCert, cAToolCert),
    /// written as an ASN1 SEQUENCE section (with `FORMAT:UTF8`, as for
    /// [`CertSpec::subject_sign_tool`]).
    ///
    /// [RFC 9215]: https://datatracker.ietf.org/doc/html/rfc9215#section-5
    pub fn issuer_sign_tool(self, fields: [&str; 4]) -> Self {
        let values: Vec<String> = fields
            .iter()
            .map(|f| format!("FORMAT:UTF8,UTF8String:{f}"))
            .collect();
        self.extension("1.2.643.100.112", "ASN1:SEQUENCE:issuer_sign_tool")
            .section(
                "issuer_sign_tool",
                &[
                    ("signTool", &values[0]),
                    ("cATool", &values[1]),
                    ("signToolCert", &values[2]),
                    ("cAToolCert", &values[3]),
                ],
            )
    }

    /// The `-subj` argument: `/name=value/…`, the attributes of a
    /// multi-valued RDN joined by `+`, with `/`, `+` and `\\` in values
    /// escaped.
    fn subj_arg(&self) -> String {
        let mut out = String::new();
        for rdn in &self.subject {
            out.push('/');
            for (i, (name, value)) in rdn.iter().enumerate() {
                if i > 0 {
                    out.push('+');
                }
                out.push_str(name);
                out.push('=');
                for c in value.chars() {
                    if matches!(c, '/' | '+' | '\\') {
                        out.push('\\');
                    }
                    out.push(c);
                }
            }
        }
        if out.is_empty() {
            out.push('/');
        }
        out
    }

    /// The configuration file: OID names (`oids`, name and dotted OID),
    /// the `req` section, the extension section `v3_ext` and the extra
    /// sections.
    fn config(&self, oids: &[(String, String)]) -> String {
        let mut c = String::new();
        c.push_str("oid_section = signet_test_oids\n\n");
        c.push_str("[signet_test_oids]\n");
        for (name, oid) in oids {
            let _ = writeln!(c, "{name} = {oid}");
        }
        let _ = writeln!(c, "\n[req]\ndistinguished_name = req_dn\nprompt = no");
        let _ = writeln!(c, "string_mask = {}\nutf8 = yes\n", self.string_mask);
        c.push_str("[req_dn]\n\n");
        c.push_str("[v3_ext]\n");
        for (k, v) in &self.extensions {
            let _ = writeln!(c, "{k} = {}", conf_escape(v));
        }
        for (name, entries) in &self.sections {
            let _ = writeln!(c, "\n[{name}]");
            for (k, v) in entries {
                let _ = writeln!(c, "{k} = {}", conf_escape(v));
            }
        }
        c
    }
}

/// Escapes a value for OpenSSL's configuration syntax, where `#` starts a
/// comment, `$` a variable, quotes group and `\` escapes.
fn conf_escape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        if matches!(c, '\\' | '#' | '$' | '"' | '\'') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Openssl {
    /// Writes the configuration file of `spec`, declaring the names
    /// OpenSSL lacks: INNLE, and every dotted OID of the subject that is
    /// not in OpenSSL's object table (`openssl req` silently skips an
    /// attribute whose dotted OID it does not know).
    fn write_config(&self, spec: &CertSpec) -> PathBuf {
        let known = self.objects();
        let mut oids: Vec<(String, String)> = Vec::new();
        if !known.contains_key("INNLE") {
            oids.push(("INNLE".to_owned(), "1.2.643.100.4".to_owned()));
        }
        for (name, _) in spec.subject.iter().flatten() {
            let unknown = is_dotted_oid(name)
                && !known.values().any(|o| o == name)
                && !oids.iter().any(|(_, o)| o == name);
            if unknown {
                oids.push((
                    format!("signet_oid_{}", name.replace('.', "_")),
                    name.clone(),
                ));
            }
        }
        let conf = self.fresh("cert", "cnf");
        write_file(&conf, spec.config(&oids).as_bytes());
        conf
    }

    /// Generates a private key with `openssl genpkey`.
    pub fn generate_key(&self, key_type: KeyType) -> KeyFile {
        let path = self.fresh("key", "pem");
        let mut args = vec!["genpkey".to_owned()];
        args.extend(key_type.genpkey_args());
        args.push("-out".to_owned());
        args.push(path.to_string_lossy().into_owned());
        self.run(&args, key_type.is_gost());
        KeyFile { key_type, path }
    }

    /// Makes a self-signed certificate with `openssl req -x509`.
    ///
    /// For `authorityKeyIdentifier` in a self-signed certificate use
    /// `keyid:always`: OpenSSL 3 leaves out a plain `keyid` there.
    pub fn self_signed(&self, key: &KeyFile, spec: &CertSpec) -> CertFiles {
        let conf = self.write_config(spec);
        let pem_path = self.fresh("cert", "pem");
        let mut args: Vec<String> = ["req", "-x509", "-new", "-utf8", "-nameopt", "utf8", "-key"]
            .map(str::to_owned)
            .to_vec();
        args.push(path_arg(&key.path));
        args.extend(["-config".to_owned(), path_arg(&conf)]);
        args.extend(["-extensions".to_owned(), "v3_ext".to_owned()]);
        args.extend(["-subj".to_owned(), spec.subj_arg()]);
        args.extend(["-days".to_owned(), spec.days.to_string()]);
        if let Some(serial) = &spec.serial {
            args.extend(["-set_serial".to_owned(), format!("0x{serial}")]);
        }
        if let Some(md) = key.key_type.digest_option() {
            args.push(md.to_owned());
        }
        args.extend(["-out".to_owned(), path_arg(&pem_path)]);
        let gost = key.key_type.is_gost();
        self.run(&args, gost);
        self.cert_from_pem_file(pem_path, gost)
    }

    /// Issues a certificate for `key` from the CA `issuer` (whose private
    /// key is `issuer_key`): `openssl req -new` makes the request, then
    /// `openssl x509 -req -CA … -CAkey …` signs it with the extensions of
    /// `spec`.
    pub fn issue(
        &self,
        issuer: &CertFiles,
        issuer_key: &KeyFile,
        key: &KeyFile,
        spec: &CertSpec,
    ) -> CertFiles {
        let conf = self.write_config(spec);
        let csr = self.fresh("req", "csr");
        let gost_subject = key.key_type.is_gost();
        let mut args: Vec<String> = ["req", "-new", "-utf8", "-nameopt", "utf8", "-key"]
            .map(str::to_owned)
            .to_vec();
        args.push(path_arg(&key.path));
        args.extend(["-config".to_owned(), path_arg(&conf)]);
        args.extend(["-subj".to_owned(), spec.subj_arg()]);
        if let Some(md) = key.key_type.digest_option() {
            args.push(md.to_owned());
        }
        args.extend(["-out".to_owned(), path_arg(&csr)]);
        self.run(&args, gost_subject);

        let pem_path = self.fresh("cert", "pem");
        let mut args: Vec<String> = vec!["x509".into(), "-req".into(), "-in".into()];
        args.push(path_arg(&csr));
        args.extend(["-CA".to_owned(), path_arg(&issuer.pem_path)]);
        args.extend(["-CAkey".to_owned(), path_arg(&issuer_key.path)]);
        args.extend(["-extfile".to_owned(), path_arg(&conf)]);
        args.extend(["-extensions".to_owned(), "v3_ext".to_owned()]);
        args.extend(["-days".to_owned(), spec.days.to_string()]);
        if let Some(serial) = &spec.serial {
            args.extend(["-set_serial".to_owned(), format!("0x{serial}")]);
        }
        if let Some(md) = issuer_key.key_type.digest_option() {
            args.push(md.to_owned());
        }
        args.extend(["-out".to_owned(), path_arg(&pem_path)]);
        let gost = gost_subject || issuer_key.key_type.is_gost() || issuer.gost;
        self.run(&args, gost);
        self.cert_from_pem_file(pem_path, gost)
    }

    /// Reads a certificate file made elsewhere (DER or PEM): the DER and
    /// PEM forms are produced by `openssl x509`, and kept in the working
    /// directory. `gost` says whether the gost engine is needed to read its
    /// key and signature (Russian certificates).
    pub fn load_cert(&self, path: &Path, gost: bool) -> CertFiles {
        let bytes =
            std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let inform = if bytes.first() == Some(&0x30) {
            "DER"
        } else {
            "PEM"
        };
        let pem_path = self.fresh("loaded", "pem");
        self.run(
            &[
                OsStr::new("x509"),
                OsStr::new("-inform"),
                OsStr::new(inform),
                OsStr::new("-in"),
                path.as_os_str(),
                OsStr::new("-outform"),
                OsStr::new("PEM"),
                OsStr::new("-out"),
                pem_path.as_os_str(),
            ],
            gost,
        );
        self.cert_from_pem_file(pem_path, gost)
    }

    /// Completes a certificate from its PEM file: DER and base64 forms.
    fn cert_from_pem_file(&self, pem_path: PathBuf, gost: bool) -> CertFiles {
        let der_path = pem_path.with_extension("der");
        self.run(
            &[
                OsStr::new("x509"),
                OsStr::new("-in"),
                pem_path.as_os_str(),
                OsStr::new("-outform"),
                OsStr::new("DER"),
                OsStr::new("-out"),
                der_path.as_os_str(),
            ],
            gost,
        );
        let base64 = self.run(
            &[
                OsStr::new("base64"),
                OsStr::new("-e"),
                OsStr::new("-in"),
                der_path.as_os_str(),
            ],
            false,
        );
        CertFiles {
            der: read_file(&der_path),
            pem: read_file(&pem_path),
            base64,
            der_path,
            pem_path,
            gost,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subj_escapes_separators() {
        let spec = CertSpec::new()
            .subject("O", "A/B+C\\D")
            .subject_rdn(&[("CN", "x"), ("SN", "y")]);
        assert_eq!(spec.subj_arg(), "/O=A\\/B\\+C\\\\D/CN=x+SN=y");
    }
}
