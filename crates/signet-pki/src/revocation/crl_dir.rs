//! The local source: a directory of CRLs ([`super::RevocationConfig::crl_dir`]),
//! used for any issuer whose CRL it holds. Files are read once and again
//! only when their modification time or size changes; at most
//! [`MAX_DIR_FILES`] are looked at.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use super::checker::{CachedCrl, Run};
use super::crl::{CRL_INPUT, Crl};
use super::{MAX_DIR_FILES, RevocationSource, RevocationStatus};

/// A CRL file of the directory, as last read.
pub(super) struct DirFile {
    modified: Option<SystemTime>,
    len: u64,
    /// `None` when the file is not a readable CRL.
    crl: Option<Arc<CachedCrl>>,
}

impl Run<'_> {
    /// The CRLs of the directory whose issuer is the certificate's issuer.
    pub(super) fn crl_dir(&mut self, dir: &Path) -> Option<RevocationStatus> {
        let label = format!("CRL directory {}", dir.display());
        let files = match dir_files(dir) {
            Ok(f) => f,
            Err(e) => {
                self.reasons.push(format!("{label}: cannot be read: {e}"));
                return None;
            }
        };
        let mut matched = false;
        for (path, modified, len) in files {
            let Some(crl) = self.dir_crl(&path, modified, len) else {
                continue;
            };
            if !crl.crl.is_issued_by_name(self.issuer) {
                continue;
            }
            matched = true;
            let label = format!("CRL file {}", path.display());
            if let Some(s) = self.use_crl(
                &label,
                &crl,
                RevocationSource::Crl {
                    url: Some(file_url(&path)),
                },
            ) {
                return Some(s);
            }
        }
        if !matched {
            self.reasons.push(format!(
                "{label}: no CRL issued by \"{}\"",
                self.issuer_fields.subject.display_name()
            ));
        }
        None
    }

    /// The CRL in `path`, from the index when the file has not changed.
    fn dir_crl(
        &self,
        path: &Path,
        modified: Option<SystemTime>,
        len: u64,
    ) -> Option<Arc<CachedCrl>> {
        let lock = || self.checker.dir.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(known) = lock()
            .get(path)
            .filter(|f| f.modified == modified && f.len == len)
        {
            return known.crl.clone();
        }
        let crl = std::fs::read(path)
            .ok()
            .and_then(|bytes| Crl::parse(&bytes).ok())
            .map(|c| Arc::new(CachedCrl::new(c)));
        lock().insert(
            path.to_path_buf(),
            DirFile {
                modified,
                len,
                crl: crl.clone(),
            },
        );
        crl
    }
}

/// The CRL files of a directory (`*.crl`, `*.pem`, `*.der`), sorted by
/// name, with their modification time and size.
fn dir_files(dir: &Path) -> std::io::Result<Vec<(PathBuf, Option<SystemTime>, u64)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)?.flatten() {
        let path = entry.path();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "crl" | "pem" | "der"));
        if !wanted {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() || meta.len() > CRL_INPUT.max_input as u64 {
            continue;
        }
        out.push((path, meta.modified().ok(), meta.len()));
        if out.len() == MAX_DIR_FILES {
            break;
        }
    }
    out.sort();
    Ok(out)
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}
