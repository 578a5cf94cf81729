//! A small PKI made with the OpenSSL command line, for whole-flow tests of
//! signature validation: a root CA and an intermediate CA (`openssl req`,
//! `openssl x509`), end-entity and TSA certificates issued with
//! `openssl ca` (which can set any validity period, expired or not yet
//! valid), CMS signatures from `openssl cms -sign`, and RFC 3161 tokens
//! from `openssl ts -reply`.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::openssl::{path_arg, write_file};
use crate::{CertFiles, CertSpec, KeyFile, KeyType, Openssl};

/// A certificate and its private key.
#[derive(Debug)]
pub struct Party {
    /// The certificate.
    pub cert: CertFiles,
    /// Its private key.
    pub key: KeyFile,
}

/// Options of `openssl cms -sign`.
#[derive(Clone, Debug)]
pub struct SignOptions {
    /// Leave the content out of the signature.
    pub detached: bool,
    /// Add the ESS signing-certificate-v2 attribute (`-cades`).
    pub cades: bool,
    /// The digest (`-md`), e.g. "sha256".
    pub md: &'static str,
    /// Sign the content directly, without signed attributes (`-noattr`).
    pub no_attributes: bool,
}

impl Default for SignOptions {
    fn default() -> Self {
        SignOptions {
            detached: true,
            cades: false,
            md: "sha256",
            no_attributes: false,
        }
    }
}

/// A root CA, an intermediate CA that issues with `openssl ca`, and the
/// working directory.
pub struct TestPki {
    /// The OpenSSL wrapper and its directory.
    pub ossl: Openssl,
    /// The self-signed root.
    pub root: Party,
    /// The intermediate CA, issued by the root.
    pub intermediate: Party,
    key_type: KeyType,
    ca_dir: PathBuf,
}

fn ca_spec(cn: &str) -> CertSpec {
    CertSpec::new()
        .subject("C", "RU")
        .subject("O", "signet test PKI")
        .subject("CN", cn)
        .days(3650)
        .extension("basicConstraints", "critical, CA:true")
        .extension("keyUsage", "critical, keyCertSign, cRLSign")
        .extension("subjectKeyIdentifier", "hash")
}

impl TestPki {
    /// Makes the root and intermediate CAs with keys of `key_type`.
    pub fn new(key_type: KeyType) -> Self {
        let ossl = Openssl::new();
        let root_key = ossl.generate_key(key_type);
        let root_cert = ossl.self_signed(
            &root_key,
            &ca_spec("signet Test Root").extension("authorityKeyIdentifier", "keyid:always"),
        );
        let int_key = ossl.generate_key(key_type);
        let int_cert = ossl.issue(
            &root_cert,
            &root_key,
            &int_key,
            &ca_spec("signet Test Intermediate").extension("authorityKeyIdentifier", "keyid"),
        );
        let ca_dir = ossl.dir().join("ca");
        std::fs::create_dir_all(ca_dir.join("newcerts")).expect("ca dir");
        write_file(&ca_dir.join("index.txt"), b"");
        write_file(&ca_dir.join("serial"), b"1000\n");
        write_file(&ca_dir.join("crlnumber"), b"1000\n");
        TestPki {
            ossl,
            root: Party {
                cert: root_cert,
                key: root_key,
            },
            intermediate: Party {
                cert: int_cert,
                key: int_key,
            },
            key_type,
            ca_dir,
        }
    }

    /// The `openssl ca` configuration of the intermediate.
    fn ca_config(&self, extensions: &[(&str, &str)]) -> PathBuf {
        let mut conf = format!(
            "[ca]\ndefault_ca = ca_default\n\n[ca_default]\ndir = {dir}\ndatabase = $dir/index.txt\n\
             new_certs_dir = $dir/newcerts\nserial = $dir/serial\ncrlnumber = $dir/crlnumber\n\
             certificate = {cert}\nprivate_key = {key}\ndefault_md = {md}\npolicy = policy_any\n\
             unique_subject = no\ncopy_extensions = none\ndefault_days = 365\ndefault_crl_days = 7\n\
             string_mask = utf8only\n\n[policy_any]\ncommonName = supplied\norganizationName = optional\n\
             countryName = optional\n\n[ext]\n",
            dir = path_arg(&self.ca_dir),
            cert = path_arg(&self.intermediate.cert.pem_path),
            key = path_arg(&self.intermediate.key.path),
            md = self.md_name(),
        );
        for (k, v) in extensions {
            conf.push_str(&format!("{k} = {v}\n"));
        }
        let path = self.ca_dir.join(format!(
            "ca-{}.cnf",
            self.ca_dir.read_dir().map(|d| d.count()).unwrap_or(0)
        ));
        write_file(&path, conf.as_bytes());
        path
    }

    fn md_name(&self) -> &'static str {
        match self.key_type {
            KeyType::Gost2012_256(_) => "md_gost12_256",
            KeyType::Gost2012_512(_) => "md_gost12_512",
            KeyType::Ed25519 => "default",
            _ => "sha256",
        }
    }

    /// Issues a certificate for `cn` from the intermediate with
    /// `openssl ca`. `dates` are (notBefore, notAfter) as
    /// `YYYYMMDDHHMMSSZ`; `None` means from now for a year. `extensions`
    /// are `openssl x509v3_config` lines; the usual end-entity ones are
    /// used when empty.
    pub fn issue(
        &self,
        cn: &str,
        key_type: KeyType,
        dates: Option<(&str, &str)>,
        extensions: &[(&str, &str)],
    ) -> Party {
        let key = self.ossl.generate_key(key_type);
        let gost = key_type.is_gost() || self.key_type.is_gost();
        let csr = self.ca_dir.join(format!("{}.csr", sanitize(cn)));
        let mut args: Vec<String> = ["req", "-new", "-utf8", "-key"].map(str::to_owned).to_vec();
        args.push(path_arg(&key.path));
        args.extend(["-subj".into(), format!("/C=RU/O=signet test/CN={cn}")]);
        args.extend(["-out".into(), path_arg(&csr)]);
        if let Some(md) = key_type.digest_option() {
            args.push(md.to_owned());
        }
        self.ossl.run(&args, gost);
        let default_ext: [(&str, &str); 4] = [
            ("basicConstraints", "CA:false"),
            ("keyUsage", "critical, digitalSignature, nonRepudiation"),
            ("subjectKeyIdentifier", "hash"),
            ("authorityKeyIdentifier", "keyid"),
        ];
        let ext = if extensions.is_empty() {
            &default_ext[..]
        } else {
            extensions
        };
        let conf = self.ca_config(ext);
        let pem = self.ca_dir.join(format!("{}.pem", sanitize(cn)));
        let mut args: Vec<String> = ["ca", "-batch", "-utf8", "-notext", "-preserveDN", "-config"]
            .map(str::to_owned)
            .to_vec();
        args.push(path_arg(&conf));
        args.extend([
            "-extensions".into(),
            "ext".into(),
            "-in".into(),
            path_arg(&csr),
        ]);
        args.extend(["-out".into(), path_arg(&pem)]);
        if let Some((start, end)) = dates {
            args.extend([
                "-startdate".into(),
                start.into(),
                "-enddate".into(),
                end.into(),
            ]);
        }
        self.ossl.run(&args, gost);
        Party {
            cert: self.ossl.load_cert(&pem, gost),
            key,
        }
    }

    /// Issues a time-stamping authority certificate (critical extended key
    /// usage timeStamping, RFC 3161 section 2.3).
    pub fn tsa(&self, key_type: KeyType) -> Party {
        self.issue(
            "signet Test TSA",
            key_type,
            None,
            &[
                ("basicConstraints", "CA:false"),
                ("keyUsage", "critical, digitalSignature, nonRepudiation"),
                ("extendedKeyUsage", "critical, timeStamping"),
                ("subjectKeyIdentifier", "hash"),
                ("authorityKeyIdentifier", "keyid"),
            ],
        )
    }

    /// Revokes a certificate issued by the intermediate
    /// (`openssl ca -revoke`), with a CRL reason.
    pub fn revoke(&self, party: &Party, reason: &str) {
        let conf = self.ca_config(&[]);
        let mut args: Vec<String> = vec![
            "ca".into(),
            "-config".into(),
            path_arg(&conf),
            "-revoke".into(),
        ];
        args.push(path_arg(&party.cert.pem_path));
        args.extend(["-crl_reason".into(), reason.into()]);
        self.ossl.run(&args, self.key_type.is_gost());
    }

    /// A CRL of the intermediate (`openssl ca -gencrl`), DER.
    pub fn crl(&self) -> Vec<u8> {
        let conf = self.ca_config(&[]);
        let pem = self.ca_dir.join("crl.pem");
        self.ossl.run(
            &[
                "ca",
                "-gencrl",
                "-config",
                &path_arg(&conf),
                "-out",
                &path_arg(&pem),
            ],
            self.key_type.is_gost(),
        );
        self.ossl.run(
            &["crl", "-in", &path_arg(&pem), "-outform", "DER"],
            self.key_type.is_gost(),
        )
    }

    /// Starts `openssl ocsp` for the intermediate on `port` (answers signed
    /// by the intermediate itself), killed when the guard is dropped. Waits
    /// until it listens.
    pub fn ocsp_responder(&self, port: u16) -> crate::net::Responder {
        let (port, index) = (port.to_string(), self.ca_index());
        let (ca, key) = (
            &self.intermediate.cert.pem_path,
            &self.intermediate.key.path,
        );
        self.ossl.serve_ocsp(&[
            OsStr::new("-port"),
            OsStr::new(&port),
            OsStr::new("-index"),
            index.as_os_str(),
            OsStr::new("-CA"),
            ca.as_os_str(),
            OsStr::new("-rsigner"),
            ca.as_os_str(),
            OsStr::new("-rkey"),
            key.as_os_str(),
            OsStr::new("-nmin"),
            OsStr::new("5"),
        ])
    }

    /// The intermediate's `openssl ca` index (for `openssl ocsp -index`).
    pub fn ca_index(&self) -> PathBuf {
        self.ca_dir.join("index.txt")
    }

    /// Signs `content` with `openssl cms -sign` by each of `signers`, with
    /// the intermediate's certificate included. Returns the DER.
    pub fn sign(&self, signers: &[&Party], content: &[u8], options: &SignOptions) -> Vec<u8> {
        let dir = self.ossl.dir();
        let input = unique(dir, "content", "bin");
        write_file(&input, content);
        let out = unique(dir, "sig", "p7s");
        let mut args: Vec<String> = ["cms", "-sign", "-binary", "-outform", "DER", "-md"]
            .map(str::to_owned)
            .to_vec();
        args.push(options.md.to_owned());
        args.extend([
            "-in".into(),
            path_arg(&input),
            "-out".into(),
            path_arg(&out),
        ]);
        args.extend([
            "-certfile".into(),
            path_arg(&self.intermediate.cert.pem_path),
        ]);
        if !options.detached {
            args.push("-nodetach".into());
        }
        if options.cades {
            args.push("-cades".into());
        }
        if options.no_attributes {
            args.push("-noattr".into());
        }
        let mut gost = false;
        for s in signers {
            args.extend([
                "-signer".into(),
                path_arg(&s.cert.pem_path),
                "-inkey".into(),
                path_arg(&s.key.path),
            ]);
            gost |= s.key.key_type.is_gost();
        }
        self.ossl.run(&args, gost);
        std::fs::read(&out).expect("signature written")
    }

    /// Signs `content` with GnuTLS `certtool --p7-detached-sign` (SHA-512,
    /// a signing-time attribute), with the intermediate's certificate
    /// included: the signer for Ed25519, whose CMS OpenSSL 3.0's `cms
    /// -sign` cannot make. Returns the DER.
    pub fn sign_with_certtool(&self, signer: &Party, content: &[u8]) -> Vec<u8> {
        let dir = self.ossl.dir();
        let input = unique(dir, "content", "bin");
        write_file(&input, content);
        let chain = unique(dir, "chain", "pem");
        let mut pem = signer.cert.pem.clone();
        pem.extend_from_slice(&self.intermediate.cert.pem);
        write_file(&chain, &pem);
        let out = unique(dir, "sig", "p7s");
        let run = std::process::Command::new("certtool")
            .args([
                "--p7-detached-sign",
                "--p7-time",
                "--hash",
                "SHA512",
                "--outder",
            ])
            .arg("--load-privkey")
            .arg(&signer.key.path)
            .arg("--load-certificate")
            .arg(&chain)
            .arg("--infile")
            .arg(&input)
            .arg("--outfile")
            .arg(&out)
            .output()
            .expect("certtool runs (Debian package gnutls-bin)");
        assert!(
            run.status.success(),
            "certtool: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        std::fs::read(&out).expect("signature written")
    }

    /// The `openssl ts` configuration of `tsa` (its chain: the
    /// intermediate CA; SHA-256 signer digest; SHA-1/2 imprints accepted).
    fn tsa_config(&self, tsa: &Party) -> PathBuf {
        let dir = self.ossl.dir();
        let chain = unique(dir, "tsa-chain", "pem");
        write_file(&chain, &self.intermediate.cert.pem);
        let conf = unique(dir, "ts", "cnf");
        let tsa_conf = format!(
            "[tsa]\ndefault_tsa = tsa1\n\n[tsa1]\nserial = {serial}\ncrypto_device = builtin\n\
             signer_cert = {cert}\ncerts = {chain}\nsigner_key = {key}\nsigner_digest = sha256\n\
             default_policy = 1.2.3.4.1\nother_policies = 1.2.3.4.5.6\ndigests = sha1, sha256, sha384, sha512\n\
             accuracy = secs:1\nordering = yes\ntsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n",
            serial = path_arg(&dir.join("tsaserial")),
            cert = path_arg(&tsa.cert.pem_path),
            chain = path_arg(&chain),
            key = path_arg(&tsa.key.path),
        );
        write_file(&conf, tsa_conf.as_bytes());
        conf
    }

    /// A time-stamping authority as a function from a DER TimeStampReq to
    /// the DER TimeStampResp `openssl ts -reply` makes for it (a rejection
    /// for a request OpenSSL will not grant), for serving over HTTP
    /// ([`crate::net::Route::Handler`]). It uses this PKI's directory:
    /// keep the `TestPki` alive while it serves.
    pub fn tsa_responder(&self, tsa: &Party) -> impl Fn(&[u8]) -> Vec<u8> + Send + Sync + 'static {
        let conf = self.tsa_config(tsa);
        let dir = self.ossl.dir().to_path_buf();
        move |query: &[u8]| {
            let input = unique(&dir, "tsq", "der");
            write_file(&input, query);
            let out = unique(&dir, "tsr", "der");
            let status = std::process::Command::new("openssl")
                .args(["ts", "-reply", "-config"])
                .arg(&conf)
                .arg("-queryfile")
                .arg(&input)
                .arg("-out")
                .arg(&out)
                .current_dir(&dir)
                .output()
                .expect("openssl ts -reply runs");
            assert!(
                status.status.success(),
                "openssl ts -reply failed: {}",
                String::from_utf8_lossy(&status.stderr)
            );
            std::fs::read(&out).expect("reply written")
        }
    }

    /// An RFC 3161 time-stamp token (ContentInfo, DER) from `tsa` over
    /// `data`, made by `openssl ts -query` / `openssl ts -reply -token_out`.
    pub fn timestamp(&self, tsa: &Party, data: &[u8]) -> Vec<u8> {
        let dir = self.ossl.dir();
        let input = unique(dir, "tsdata", "bin");
        write_file(&input, data);
        let query = unique(dir, "query", "tsq");
        self.ossl.run(
            &[
                "ts",
                "-query",
                "-data",
                &path_arg(&input),
                "-sha256",
                "-cert",
                "-out",
                &path_arg(&query),
            ],
            false,
        );
        let conf = self.tsa_config(tsa);
        let token = unique(dir, "token", "der");
        self.ossl.run(
            &[
                "ts",
                "-reply",
                "-config",
                &path_arg(&conf),
                "-queryfile",
                &path_arg(&query),
                "-token_out",
                "-out",
                &path_arg(&token),
            ],
            false,
        );
        std::fs::read(&token).expect("token written")
    }
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn unique(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    dir.join(format!(
        "{stem}-{}.{ext}",
        N.fetch_add(1, Ordering::Relaxed)
    ))
}

/// Hashes with `openssl dgst -<alg> -binary`.
fn openssl_digest(ossl: &Openssl, alg: &str, data: &[u8]) -> Vec<u8> {
    let input = unique(ossl.dir(), "digest-input", "bin");
    write_file(&input, data);
    ossl.run(
        &["dgst", &format!("-{alg}"), "-binary", &path_arg(&input)],
        false,
    )
}

impl TestPki {
    /// Turns a CAdES-BES signature (signer 0) into CAdES-X Long Type 1
    /// (ETSI TS 101 733 / RFC 5126 sections 6.2–6.3): a signature
    /// time-stamp, complete-certificate-references (SHA-1 `sha1Hash` form)
    /// and complete-revocation-references (SHA-256 `otherHash` form) to
    /// `path` (the CA certificates) and `crls`, certificate-values and
    /// revocation-values holding them, and a CAdES-C time-stamp over the
    /// signature value, the time-stamp and the two references attributes
    /// (section 6.3.5, NOTE 2: attrType and attrValues, without the
    /// Attribute's own header). Hashes and tokens come from OpenSSL.
    pub fn cades_x_long_type1(
        &self,
        sig: &[u8],
        tsa: &Party,
        path: &[&[u8]],
        crls: &[&[u8]],
    ) -> Vec<u8> {
        use crate::der_tree::{Node, oid, signature_value};
        const STS: &str = "1.2.840.113549.1.9.16.2.14";
        const CERT_REFS: &str = "1.2.840.113549.1.9.16.2.21";
        const REV_REFS: &str = "1.2.840.113549.1.9.16.2.22";
        const CERT_VALUES: &str = "1.2.840.113549.1.9.16.2.23";
        const REV_VALUES: &str = "1.2.840.113549.1.9.16.2.24";
        const ESC: &str = "1.2.840.113549.1.9.16.2.25";
        let value = signature_value(sig, 0);
        let token = self.timestamp(tsa, &value);
        let sha256_alg = Node::constructed_of(0x30, vec![oid("2.16.840.1.101.3.4.2.1")]);
        let cert_refs = Node::constructed_of(
            0x30,
            path.iter()
                .map(|c| {
                    Node::constructed_of(
                        0x30,
                        vec![Node::primitive(
                            0x04,
                            &openssl_digest(&self.ossl, "sha1", c),
                        )],
                    )
                })
                .collect(),
        );
        let crl_ids = Node::constructed_of(
            0x30,
            crls.iter()
                .map(|crl| {
                    let other_hash = Node::constructed_of(
                        0x30,
                        vec![
                            sha256_alg.clone(),
                            Node::primitive(0x04, &openssl_digest(&self.ossl, "sha256", crl)),
                        ],
                    );
                    Node::constructed_of(0x30, vec![other_hash])
                })
                .collect(),
        );
        let crl_list_id = Node::constructed_of(0x30, vec![crl_ids]);
        let rev_refs = Node::constructed_of(
            0x30,
            vec![Node::constructed_of(
                0x30,
                vec![Node::constructed_of(0xA0, vec![crl_list_id])],
            )],
        );
        let cert_values = Node::constructed_of(0x30, path.iter().map(|c| Node::parse(c)).collect());
        let rev_values = Node::constructed_of(
            0x30,
            vec![Node::constructed_of(
                0xA0,
                vec![Node::constructed_of(
                    0x30,
                    crls.iter().map(|c| Node::parse(c)).collect(),
                )],
            )],
        );
        let attribute = |o: &str, v: Node| {
            Node::constructed_of(0x30, vec![oid(o), Node::constructed_of(0x31, vec![v])])
        };
        let sts = attribute(STS, Node::parse(&token));
        let cert_refs = attribute(CERT_REFS, cert_refs);
        let rev_refs = attribute(REV_REFS, rev_refs);
        let mut esc_data = value.clone();
        for a in [&sts, &cert_refs, &rev_refs] {
            for child in &a.children {
                esc_data.extend(child.to_der());
            }
        }
        let esc = attribute(ESC, Node::parse(&self.timestamp(tsa, &esc_data)));
        let mut out = sig.to_vec();
        for a in [
            sts,
            cert_refs,
            rev_refs,
            attribute(CERT_VALUES, cert_values),
            attribute(REV_VALUES, rev_values),
            esc,
        ] {
            let value_der = a.children[1].children[0].to_der();
            let attr_oid = oid_text(&a.children[0]);
            out = crate::der_tree::add_unsigned_attribute(&out, 0, &attr_oid, &value_der);
        }
        out
    }
}

/// The dotted text of an OID node (only what `der_tree::oid` writes).
fn oid_text(node: &crate::der_tree::Node) -> String {
    let mut arcs = Vec::new();
    let mut v: u64 = 0;
    for &b in &node.content {
        v = (v << 7) | u64::from(b & 0x7F);
        if b & 0x80 == 0 {
            arcs.push(v);
            v = 0;
        }
    }
    let first = arcs[0];
    let mut out = vec![(first / 40).min(2), first - 40 * (first / 40).min(2)];
    out.extend(&arcs[1..]);
    out.iter().map(u64::to_string).collect::<Vec<_>>().join(".")
}

/// MD5 of `data` in lower-case hex, computed by `openssl dgst -md5`.
pub fn md5_hex(pki: &TestPki, data: &[u8]) -> String {
    openssl_digest(&pki.ossl, "md5", data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
