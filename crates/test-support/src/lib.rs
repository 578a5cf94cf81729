//! Test material made by independent implementations.
//!
//! signet's parsers are checked against what other tools make and print,
//! never against material signet made itself. This crate wraps those tools
//! for tests:
//!
//! - [`Openssl`] drives the `openssl` 3 command line in a temporary
//!   directory: it generates keys (RSA, ECDSA P-256 / P-384, Ed25519, and
//!   GOST R 34.10-2012 through Debian's gost engine), makes self-signed and
//!   CA-issued certificates with any subject and v3 extensions
//!   ([`CertSpec`]), and reports what OpenSSL itself reads in a certificate
//!   (`openssl x509 -text`, `-serial`, `-fingerprint`, `-dates`, …), so a
//!   test can compare signet's fields with OpenSSL's.
//! - [`ua_testdata`] finds the public Ukrainian test files and the npm packages
//!   of the independent Ukrainian implementations.
//! - Small parsers of OpenSSL's text output: names
//!   ([`parse_multiline_name`]), the extension list of `-text`
//!   ([`x509_text_extensions`]), labelled values and blocks ([`text_value`],
//!   [`text_block`]), GeneralNames ([`split_general_names`]) and times
//!   ([`openssl_time_to_iso`]).
//!
//! This is test code: every failure panics with a message that says what
//! was run and, when a tool is missing, which Debian package provides it
//! (`openssl`, `libengine-gost-openssl`).

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use tempfile::TempDir;

pub mod der_tree;
pub mod net;
pub mod pki;
pub mod ua_testdata;

/// Where Debian's `libengine-gost-openssl` installs the engine for
/// OpenSSL 3; used when `openssl version -e` does not name the directory.
const DEBIAN_GOST_ENGINE: &str = "/usr/lib/x86_64-linux-gnu/engines-3/gost.so";

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

/// The `openssl` 3 command line, working in its own temporary directory.
///
/// Commands on GOST keys and certificates run with `OPENSSL_CONF` set to a
/// configuration that loads Debian's gost engine; all others run with the
/// environment unchanged.
pub struct Openssl {
    dir: TempDir,
    counter: AtomicUsize,
    gost_conf: OnceLock<PathBuf>,
    objects: OnceLock<HashMap<String, String>>,
    genstr_cache: Mutex<HashMap<String, Option<String>>>,
}

impl Default for Openssl {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Openssl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Openssl")
            .field("dir", &self.dir.path())
            .finish_non_exhaustive()
    }
}

impl Openssl {
    /// Checks that `openssl` 3 is installed and makes the working directory.
    ///
    /// Panics, naming the Debian package `openssl`, when the tool is missing.
    pub fn new() -> Self {
        let version = match Command::new("openssl").arg("version").output() {
            Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
            Ok(out) => panic!(
                "`openssl version` failed ({}): {}; install the Debian package `openssl`",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ),
            Err(e) => panic!(
                "the `openssl` command cannot be run ({e}); install the Debian package `openssl` \
                 (apt-get install openssl)"
            ),
        };
        assert!(
            version.starts_with("OpenSSL 3."),
            "these tests need OpenSSL 3 (Debian package `openssl`), found: {version}"
        );
        let dir = tempfile::Builder::new()
            .prefix("signet-openssl-")
            .tempdir()
            .unwrap_or_else(|e| panic!("cannot make a temporary directory: {e}"));
        Openssl {
            dir,
            counter: AtomicUsize::new(0),
            gost_conf: OnceLock::new(),
            objects: OnceLock::new(),
            genstr_cache: Mutex::new(HashMap::new()),
        }
    }

    /// The temporary working directory (removed when `self` is dropped).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A fresh file name in the working directory.
    fn fresh(&self, stem: &str, ext: &str) -> PathBuf {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        self.dir.path().join(format!("{stem}-{n}.{ext}"))
    }

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

    /// OpenSSL's object table: short and long names to dotted OIDs.
    fn objects(&self) -> &HashMap<String, String> {
        self.objects.get_or_init(|| {
            let list = self.run_text(&["list", "-objects"], false);
            parse_object_list(&list)
        })
    }

    /// The configuration that loads the gost engine (written on first use).
    ///
    /// Panics, naming the Debian package `libengine-gost-openssl`, when the
    /// engine is not installed or does not load.
    pub fn gost_conf(&self) -> &Path {
        self.gost_conf.get_or_init(|| {
            let engine = gost_engine_path();
            let path = self.dir.path().join("gost-engine.cnf");
            let conf = format!(
                "openssl_conf = openssl_init\n\n\
                 [openssl_init]\nengines = engines\n\n\
                 [engines]\ngost = gost_engine\n\n\
                 [gost_engine]\nengine_id = gost\ndynamic_path = {}\ndefault_algorithms = ALL\n",
                engine.display()
            );
            write_file(&path, conf.as_bytes());
            let out = Command::new("openssl")
                .args(["engine", "gost"])
                .env("OPENSSL_CONF", &path)
                .output()
                .unwrap_or_else(|e| panic!("cannot run `openssl engine gost`: {e}"));
            assert!(
                out.status.success() && String::from_utf8_lossy(&out.stdout).contains("(gost)"),
                "the gost engine {} does not load (install the Debian package \
                 `libengine-gost-openssl`): {}{}",
                engine.display(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            path
        })
    }

    /// Runs `openssl ARGS` (with the gost engine when `gost`) and returns
    /// its standard output; panics with the command line and its standard
    /// error when it fails.
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S], gost: bool) -> Vec<u8> {
        let mut cmd = Command::new("openssl");
        cmd.args(args).current_dir(self.dir.path());
        if gost {
            cmd.env("OPENSSL_CONF", self.gost_conf());
        }
        let shown = || {
            let mut s = String::from("openssl");
            for a in args {
                s.push(' ');
                s.push_str(&a.as_ref().to_string_lossy());
            }
            if gost {
                s.insert_str(0, "OPENSSL_CONF=<gost engine> ");
            }
            s
        };
        let out = cmd.output().unwrap_or_else(|e| {
            panic!(
                "cannot run `{}` ({e}); install the Debian package `openssl`",
                shown()
            )
        });
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "`{}` failed ({}):\n{stderr}{}",
            shown(),
            out.status,
            String::from_utf8_lossy(&out.stdout)
        );
        // `openssl req` drops subject attributes it cannot name with only
        // this warning; the certificate would silently lack them.
        assert!(
            !stderr.contains("Skipping unknown"),
            "`{}` dropped part of the subject:\n{stderr}",
            shown()
        );
        out.stdout
    }

    /// Runs `openssl ARGS` and returns its standard output as text.
    pub fn run_text<S: AsRef<OsStr>>(&self, args: &[S], gost: bool) -> String {
        String::from_utf8(self.run(args, gost))
            .unwrap_or_else(|e| panic!("openssl printed text that is not UTF-8: {e}"))
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

/// Finds the gost engine: in OpenSSL's ENGINESDIR, else Debian's path.
fn gost_engine_path() -> PathBuf {
    let from_openssl = Command::new("openssl")
        .args(["version", "-e"])
        .output()
        .ok()
        .and_then(|o| {
            let text = String::from_utf8_lossy(&o.stdout).into_owned();
            let dir = text.split('"').nth(1)?.to_owned();
            Some(Path::new(&dir).join("gost.so"))
        });
    let candidates = from_openssl
        .into_iter()
        .chain(std::iter::once(PathBuf::from(DEBIAN_GOST_ENGINE)));
    for c in candidates {
        if c.is_file() {
            return c;
        }
    }
    panic!(
        "the OpenSSL gost engine (gost.so) is not installed; install the Debian package \
         `libengine-gost-openssl` (expected at {DEBIAN_GOST_ENGINE})"
    )
}

fn path_arg(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn write_file(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

fn read_file(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn is_dotted_oid(s: &str) -> bool {
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
    fn subj_escapes_separators() {
        let spec = CertSpec::new()
            .subject("O", "A/B+C\\D")
            .subject_rdn(&[("CN", "x"), ("SN", "y")]);
        assert_eq!(spec.subj_arg(), "/O=A\\/B\\+C\\\\D/CN=x+SN=y");
    }

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
