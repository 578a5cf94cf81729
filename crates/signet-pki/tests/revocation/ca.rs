//! The test CA: root, intermediate and delegated OCSP responder made with
//! `openssl ca` in a temporary directory, and what it issues, revokes,
//! signs and answers (certificates, CRLs, `openssl ocsp` responders).

use std::path::Path;

use test_support::net::Responder;

use super::*;

const CA_CNF: &str = r#"
[ ca ]
default_ca = CA_default
[ CA_default ]
dir = .
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
default_days = 30
default_crl_days = 7
policy = policy_any
unique_subject = no
copy_extensions = none
[ policy_any ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = placeholder
[ v3_root ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ v3_inter ]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_ocsp ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = OCSPSigning
noCheck = ignored
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_ocsp_no_eku ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ crl_ext ]
authorityKeyIdentifier = keyid
"#;

/// The CA's directory, where openssl runs.
pub(super) struct Workdir(Openssl);

/// A CA made with the openssl command line in a temporary directory.
pub(super) struct Ca {
    pub(super) work: Workdir,
    pub(super) root: Certificate,
    pub(super) inter: Certificate,
}

impl std::ops::Deref for Ca {
    type Target = Workdir;
    fn deref(&self) -> &Workdir {
        &self.work
    }
}

impl Ca {
    /// Root (P-256), intermediate (RSA-2048, signs certificates and CRLs),
    /// delegated OCSP responder (P-256, EKU OCSPSigning).
    pub(super) fn new() -> Ca {
        Ca::named("Revocation Test")
    }

    /// The same, with subjects "<prefix> Root", "<prefix> Intermediate".
    pub(super) fn named(prefix: &str) -> Ca {
        let work = Workdir(Openssl::new());
        let p = work.path();
        std::fs::write(p.join("ca.cnf"), CA_CNF).expect("write ca.cnf");
        std::fs::create_dir(p.join("newcerts")).expect("mkdir");
        std::fs::write(p.join("index.txt"), "").expect("index");
        std::fs::write(p.join("serial"), "1000\n").expect("serial");
        std::fs::write(p.join("crlnumber"), "01\n").expect("crlnumber");
        work.key("root.key", "EC");
        work.run(&[
            "req",
            "-config",
            "ca.cnf",
            "-new",
            "-x509",
            "-key",
            "root.key",
            "-subj",
            &format!("/CN={prefix} Root"),
            "-days",
            "60",
            "-extensions",
            "v3_root",
            "-out",
            "root.pem",
        ]);
        work.key("inter.key", "RSA");
        work.run(&[
            "req",
            "-config",
            "ca.cnf",
            "-new",
            "-key",
            "inter.key",
            "-subj",
            &format!("/CN={prefix} Intermediate"),
            "-out",
            "inter.csr",
        ]);
        work.run(&[
            "x509",
            "-req",
            "-in",
            "inter.csr",
            "-CA",
            "root.pem",
            "-CAkey",
            "root.key",
            "-set_serial",
            "77",
            "-days",
            "50",
            "-extfile",
            "ca.cnf",
            "-extensions",
            "v3_inter",
            "-out",
            "inter.pem",
        ]);
        work.issue_with("ocsp", "v3_ocsp", None);
        Ca {
            root: work.cert("root.pem"),
            inter: work.cert("inter.pem"),
            work,
        }
    }
}

impl Workdir {
    pub(super) fn path(&self) -> &Path {
        self.0.dir()
    }

    /// Runs openssl in the CA directory; panics with its stderr on failure.
    pub(super) fn run(&self, args: &[&str]) -> String {
        self.0.run_text(args, false)
    }

    pub(super) fn key(&self, file: &str, kind: &str) {
        let opt = if kind == "RSA" {
            "rsa_keygen_bits:2048"
        } else {
            "ec_paramgen_curve:P-256"
        };
        self.run(&["genpkey", "-algorithm", kind, "-pkeyopt", opt, "-out", file]);
    }

    pub(super) fn cert(&self, file: &str) -> Certificate {
        Certificate::parse(&std::fs::read(self.path().join(file)).expect("read certificate"))
            .expect("signet parses it")
    }

    /// Issues `name.pem` (key `name.key`) from the intermediate with the
    /// extension section `section` of ca.cnf, or with end-entity extensions
    /// naming `urls` (CRL distribution point, OCSP responder).
    pub(super) fn issue_with(
        &self,
        name: &str,
        section: &str,
        urls: Option<(Option<&str>, Option<&str>)>,
    ) -> Certificate {
        self.key(&format!("{name}.key"), "EC");
        self.run(&[
            "req",
            "-config",
            "ca.cnf",
            "-new",
            "-key",
            &format!("{name}.key"),
            "-subj",
            &format!("/CN=EE {name}"),
            "-out",
            &format!("{name}.csr"),
        ]);
        let mut args: Vec<String> = [
            "ca",
            "-config",
            "ca.cnf",
            "-batch",
            "-notext",
            "-cert",
            "inter.pem",
            "-keyfile",
            "inter.key",
            "-in",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push(format!("{name}.csr"));
        args.push("-out".into());
        args.push(format!("{name}.pem"));
        if let Some((cdp, ocsp)) = urls {
            let mut ext = String::from(
                "[ ee ]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature\n\
                 subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n",
            );
            if let Some(cdp) = cdp {
                ext.push_str(&format!("crlDistributionPoints = URI:{cdp}\n"));
            }
            if let Some(ocsp) = ocsp {
                ext.push_str(&format!("authorityInfoAccess = OCSP;URI:{ocsp}\n"));
            }
            std::fs::write(self.path().join(format!("{name}.ext")), ext).expect("write ext");
            args.extend([
                "-extfile".into(),
                format!("{name}.ext"),
                "-extensions".into(),
                "ee".into(),
            ]);
        } else {
            args.extend(["-extensions".into(), section.into()]);
        }
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        self.run(&refs);
        self.cert(&format!("{name}.pem"))
    }

    /// An end-entity certificate with these URLs.
    pub(super) fn issue(&self, name: &str, cdp: Option<&str>, ocsp: Option<&str>) -> Certificate {
        self.issue_with(name, "", Some((cdp, ocsp)))
    }

    pub(super) fn revoke(&self, name: &str, reason: &str) {
        self.run(&[
            "ca",
            "-config",
            "ca.cnf",
            "-batch",
            "-cert",
            "inter.pem",
            "-keyfile",
            "inter.key",
            "-revoke",
            &format!("{name}.pem"),
            "-crl_reason",
            reason,
        ]);
    }

    /// A CRL from the intermediate with an authorityKeyIdentifier (extra
    /// `openssl ca -gencrl` options appended), as DER.
    pub(super) fn crl(&self, extra: &[&str]) -> Vec<u8> {
        let mut args = vec!["-crlexts", "crl_ext"];
        args.extend_from_slice(extra);
        self.gencrl(&args)
    }

    /// `openssl ca -gencrl` by the intermediate with these options, as DER.
    pub(super) fn gencrl(&self, options: &[&str]) -> Vec<u8> {
        let mut args = vec![
            "ca",
            "-config",
            "ca.cnf",
            "-batch",
            "-cert",
            "inter.pem",
            "-keyfile",
            "inter.key",
            "-gencrl",
            "-out",
            "out.crl.pem",
        ];
        args.extend_from_slice(options);
        self.run(&args);
        self.run(&[
            "crl",
            "-in",
            "out.crl.pem",
            "-outform",
            "DER",
            "-out",
            "out.crl",
        ]);
        std::fs::read(self.path().join("out.crl")).expect("read CRL")
    }

    /// When `openssl ca` recorded `name` as revoked, from index.txt
    /// ("R <expiry> <YYMMDDHHMMSSZ>,<reason> <serial> …").
    pub(super) fn revocation_time(&self, name: &str) -> (OffsetDateTime, String) {
        let index = std::fs::read_to_string(self.path().join("index.txt")).expect("index.txt");
        let line = index
            .lines()
            .find(|l| l.starts_with('R') && l.ends_with(&format!("/CN=EE {name}")))
            .expect("revoked entry in index.txt");
        let field = line.split('\t').nth(2).expect("revocation field");
        let (when, reason) = field.split_once(',').expect("time,reason");
        let n = |i: usize| when[i..i + 2].parse::<u8>().expect("digits");
        let date = time::Date::from_calendar_date(
            2000 + i32::from(n(0)),
            time::Month::try_from(n(2)).expect("month"),
            n(4),
        )
        .expect("date");
        let t = time::PrimitiveDateTime::new(
            date,
            time::Time::from_hms(n(6), n(8), n(10)).expect("time"),
        );
        (t.assume_utc(), reason.to_owned())
    }

    /// `openssl ocsp` answering for the intermediate on `port`, signing
    /// with `signer` ("ocsp" for the delegated responder, "inter" for the
    /// CA itself).
    pub(super) fn responder(&self, port: u16, signer: &str) -> Responder {
        self.0.serve_ocsp(&[
            "-index",
            "index.txt",
            "-port",
            &port.to_string(),
            "-rsigner",
            &format!("{signer}.pem"),
            "-rkey",
            &format!("{signer}.key"),
            "-CA",
            "inter.pem",
            "-nmin",
            "60",
        ])
    }

    /// An OCSP response for `name` made offline (`openssl ocsp -reqin …
    /// -respout …`), DER.
    pub(super) fn offline_ocsp_response(&self, name: &str) -> Vec<u8> {
        self.run(&[
            "ocsp",
            "-issuer",
            "inter.pem",
            "-cert",
            &format!("{name}.pem"),
            "-no_nonce",
            "-reqout",
            "req.der",
        ]);
        self.run(&[
            "ocsp",
            "-index",
            "index.txt",
            "-rsigner",
            "ocsp.pem",
            "-rkey",
            "ocsp.key",
            "-CA",
            "inter.pem",
            "-reqin",
            "req.der",
            "-respout",
            "resp.der",
            "-nmin",
            "60",
        ]);
        std::fs::read(self.path().join("resp.der")).expect("read response")
    }
}

/// A CRL issued by the root (for the intermediate's level).
pub(super) fn ca_root_crl(ca: &Ca) -> Vec<u8> {
    ca.run(&[
        "ca",
        "-config",
        "ca.cnf",
        "-batch",
        "-cert",
        "root.pem",
        "-keyfile",
        "root.key",
        "-gencrl",
        "-out",
        "root.crl.pem",
    ]);
    std::fs::read(ca.path().join("root.crl.pem")).expect("read")
}
