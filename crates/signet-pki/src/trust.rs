//! The trust store: a directory of trusted root and intermediate
//! certificates, PEM or DER, one or several per file.
//!
//! `signet trust add FILE` writes each certificate of FILE into the
//! directory as `<SHA-1 thumbprint>.pem`; `signet serve` loads the directory
//! at start. A file that cannot be read or parsed stops loading with an
//! error naming it: silently trusting fewer roots than configured would turn
//! a typo into refused signatures that are hard to explain.

use std::path::{Path, PathBuf};

use crate::{Certificate, PkiError};

/// Why the trust store could not be read or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TrustStoreError {
    /// A file or the directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A file is not a certificate.
    #[error("{path}: {source}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// Why it is not a certificate.
        #[source]
        source: PkiError,
    },
}

/// Trusted certificates, in memory.
#[derive(Clone, Debug, Default)]
pub struct TrustStore {
    certificates: Vec<Certificate>,
}

/// File extensions the loader reads; anything else in the directory (a
/// README, editor backups) is ignored.
const CERT_EXTENSIONS: [&str; 5] = ["pem", "crt", "cer", "der", "p7b"];

impl TrustStore {
    /// A store holding the given certificates (duplicates removed).
    pub fn from_certificates(certs: impl IntoIterator<Item = Certificate>) -> Self {
        let mut store = TrustStore::default();
        for c in certs {
            store.insert(c);
        }
        store
    }

    /// Loads every certificate file of `dir`. A missing directory is an
    /// empty store.
    pub fn load_dir(dir: &Path) -> Result<Self, TrustStoreError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| TrustStoreError::Io { path, source }
        };
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(io(dir)(e)),
        };
        let mut paths: Vec<PathBuf> = entries
            .map(|e| e.map(|e| e.path()).map_err(io(dir)))
            .collect::<Result<_, _>>()?;
        paths.retain(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| CERT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        });
        paths.sort();
        let mut store = TrustStore::default();
        for path in paths {
            let bytes = std::fs::read(&path).map_err(io(&path))?;
            let certs =
                Certificate::parse_all(&bytes).map_err(|source| TrustStoreError::Parse {
                    path: path.clone(),
                    source,
                })?;
            for c in certs {
                store.insert(c);
            }
        }
        Ok(store)
    }

    /// Adds the certificates of `input` (DER, PEM bundle or base64) to the
    /// directory `dir`, creating it if needed. Returns each certificate with
    /// whether it was new.
    pub fn add_to_dir(
        dir: &Path,
        input: &[u8],
    ) -> Result<Vec<(Certificate, bool)>, TrustStoreError> {
        let certs = Certificate::parse_all(input).map_err(|source| TrustStoreError::Parse {
            path: PathBuf::from("<input>"),
            source,
        })?;
        std::fs::create_dir_all(dir).map_err(|source| TrustStoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut out = Vec::new();
        for cert in certs {
            let path = dir.join(format!("{}.pem", cert.thumbprint_hex()));
            let is_new = !path.exists();
            if is_new {
                // Write then rename, so a reader never sees half a file.
                let tmp = dir.join(format!(".{}.tmp", cert.thumbprint_hex()));
                std::fs::write(&tmp, pem_encode(cert.der()))
                    .and_then(|()| std::fs::rename(&tmp, &path))
                    .map_err(|source| TrustStoreError::Io {
                        path: path.clone(),
                        source,
                    })?;
            }
            out.push((cert, is_new));
        }
        Ok(out)
    }

    fn insert(&mut self, cert: Certificate) {
        if !self.certificates.contains(&cert) {
            self.certificates.push(cert);
        }
    }

    /// The trusted certificates.
    pub fn certificates(&self) -> &[Certificate] {
        &self.certificates
    }

    /// How many certificates are trusted.
    pub fn len(&self) -> usize {
        self.certificates.len()
    }

    /// Whether the store is empty.
    pub fn is_empty(&self) -> bool {
        self.certificates.is_empty()
    }

    /// The certificate with this SHA-1 thumbprint.
    pub fn find_by_thumbprint(&self, thumbprint: &[u8; 20]) -> Option<&Certificate> {
        self.certificates
            .iter()
            .find(|c| &c.thumbprint_sha1() == thumbprint)
    }
}

/// PEM text of a certificate, 64 columns as RFC 7468 section 2 asks.
pub fn pem_encode(der: &[u8]) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}
