//! The `openssl` 3 command line as tests drive it: [`Openssl`] runs it in
//! a temporary directory of its own, with Debian's gost engine for GOST
//! keys and certificates (`libengine-gost-openssl`), and keeps the files
//! it reads and writes there.
//!
//! - `certs`: keys, and certificates made from a [`CertSpec`];
//! - `x509`: what OpenSSL itself reads in a certificate;
//! - `objects`: OpenSSL's object table (names to OIDs);
//! - here: running commands, the working directory's files, PKCS #12
//!   export and the `openssl ocsp` responder.

mod certs;
mod objects;
mod x509;

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use tempfile::TempDir;

pub use certs::{CertFiles, CertSpec, KeyFile, KeyType};

use crate::net::Responder;

/// Where Debian's `libengine-gost-openssl` installs the engine for
/// OpenSSL 3; used when `openssl version -e` does not name the directory.
const DEBIAN_GOST_ENGINE: &str = "/usr/lib/x86_64-linux-gnu/engines-3/gost.so";

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
    pub(crate) fn fresh(&self, stem: &str, ext: &str) -> PathBuf {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        self.dir.path().join(format!("{stem}-{n}.{ext}"))
    }

    /// The path of the file `name` in the working directory, as an
    /// argument for `openssl`.
    pub fn path(&self, name: &str) -> String {
        path_arg(&self.dir.path().join(name))
    }

    /// Writes `bytes` to the file `name` in the working directory; returns
    /// its path as [`Openssl::path`] does.
    pub fn write(&self, name: &str, bytes: &[u8]) -> String {
        write_file(&self.dir.path().join(name), bytes);
        self.path(name)
    }

    /// The bytes of the file `name` in the working directory (what a
    /// command wrote there).
    pub fn read(&self, name: &str) -> Vec<u8> {
        read_file(&self.dir.path().join(name))
    }

    /// Writes `bytes` to a fresh file `STEM-N.EXT` in the working
    /// directory and returns its path.
    pub fn temp_file(&self, stem: &str, ext: &str, bytes: &[u8]) -> PathBuf {
        let path = self.fresh(stem, ext);
        write_file(&path, bytes);
        path
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

    /// Runs `openssl ARGS` in the working directory (with the gost engine
    /// when `gost`) and returns its standard output; panics with the
    /// command line and its standard error when it fails.
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S], gost: bool) -> Vec<u8> {
        let out = self.output(args, gost);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "`{}` failed ({}):\n{stderr}{}",
            shown(args, gost),
            out.status,
            String::from_utf8_lossy(&out.stdout)
        );
        // `openssl req` drops subject attributes it cannot name with only
        // this warning; the certificate would silently lack them.
        assert!(
            !stderr.contains("Skipping unknown"),
            "`{}` dropped part of the subject:\n{stderr}",
            shown(args, gost)
        );
        out.stdout
    }

    /// Runs `openssl ARGS` as [`Openssl::run`] does, for a command that
    /// may fail (a verification that ought to reject): its standard output,
    /// or, when it fails, what it printed (standard error, then standard
    /// output).
    pub fn try_run<S: AsRef<OsStr>>(&self, args: &[S], gost: bool) -> Result<Vec<u8>, String> {
        let out = self.output(args, gost);
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(format!(
                "{}{}",
                String::from_utf8_lossy(&out.stderr),
                String::from_utf8_lossy(&out.stdout)
            ))
        }
    }

    /// Runs `openssl ARGS` to completion, whatever its exit status.
    fn output<S: AsRef<OsStr>>(&self, args: &[S], gost: bool) -> Output {
        let mut cmd = Command::new("openssl");
        cmd.args(args).current_dir(self.dir.path());
        if gost {
            cmd.env("OPENSSL_CONF", self.gost_conf());
        }
        cmd.output().unwrap_or_else(|e| {
            panic!(
                "cannot run `{}` ({e}); install the Debian package `openssl`",
                shown(args, gost)
            )
        })
    }

    /// Runs `openssl ARGS` and returns its standard output as text.
    pub fn run_text<S: AsRef<OsStr>>(&self, args: &[S], gost: bool) -> String {
        String::from_utf8(self.run(args, gost))
            .unwrap_or_else(|e| panic!("openssl printed text that is not UTF-8: {e}"))
    }

    /// `openssl pkcs12 -export` of `key` with its certificate `cert` (and
    /// after it `ca`, the certificate of the CA that issued it, when
    /// given), encrypted under `password`; `options` choose the algorithms
    /// (`-legacy`, `-keypbe …`, `-certpbe …`, `-macalg …`, `-iter N`) or add
    /// a friendly name (`-name …`). Runs with the gost engine for a GOST key
    /// or certificate. Returns the DER of the PFX ([RFC 7292]).
    ///
    /// [RFC 7292]: https://datatracker.ietf.org/doc/html/rfc7292
    pub fn pkcs12_export(
        &self,
        key: &KeyFile,
        cert: &CertFiles,
        ca: Option<&CertFiles>,
        password: &str,
        options: &[&str],
    ) -> Vec<u8> {
        let out = self.fresh("store", "p12");
        let mut args = vec![
            "pkcs12".to_owned(),
            "-export".to_owned(),
            "-inkey".to_owned(),
            path_arg(&key.path),
            "-in".to_owned(),
            path_arg(&cert.pem_path),
        ];
        if let Some(ca) = ca {
            args.extend(["-certfile".to_owned(), path_arg(&ca.pem_path)]);
        }
        args.extend([
            "-passout".to_owned(),
            format!("pass:{password}"),
            "-out".to_owned(),
            path_arg(&out),
        ]);
        args.extend(options.iter().map(|o| (*o).to_owned()));
        self.run(&args, key.key_type.is_gost() || cert.gost);
        read_file(&out)
    }

    /// Starts `openssl ocsp ARGS`, an OCSP responder ([RFC 6960]; ARGS
    /// give `-port`, `-index`, `-CA`, `-rsigner`, `-rkey`, …), in the
    /// working directory, and waits until it listens; panics with what it
    /// printed when it has not started within 10 seconds. The process is
    /// killed when the returned guard is dropped.
    ///
    /// [RFC 6960]: https://datatracker.ietf.org/doc/html/rfc6960
    pub fn serve_ocsp<S: AsRef<OsStr>>(&self, args: &[S]) -> Responder {
        use std::io::{BufRead, BufReader};
        let mut command_line: Vec<&OsStr> = vec![OsStr::new("ocsp")];
        command_line.extend(args.iter().map(AsRef::as_ref));
        let mut child = Command::new("openssl")
            .args(&command_line)
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start `openssl ocsp` ({e})"));
        let stderr = child
            .stderr
            .take()
            .expect("the responder's stderr is piped");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let guard = Responder { child };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let mut seen = Vec::new();
        loop {
            match rx.recv_timeout(deadline.saturating_duration_since(std::time::Instant::now())) {
                Ok(line)
                    if line
                        .to_ascii_lowercase()
                        .contains("waiting for ocsp client connections") =>
                {
                    return guard;
                }
                Ok(line) => seen.push(line),
                Err(_) => panic!(
                    "`{}` did not start listening: {}",
                    shown(&command_line, false),
                    seen.join("\n")
                ),
            }
        }
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

/// A command line as the panics of [`Openssl`] show it.
fn shown<S: AsRef<OsStr>>(args: &[S], gost: bool) -> String {
    let mut s = String::from("openssl");
    for a in args {
        s.push(' ');
        s.push_str(&a.as_ref().to_string_lossy());
    }
    if gost {
        s.insert_str(0, "OPENSSL_CONF=<gost engine> ");
    }
    s
}

pub(crate) fn path_arg(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

pub(crate) fn write_file(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

pub(crate) fn read_file(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}
