//! Content bytes as files, for the SQLite back end: `blobs/<blob id>` in
//! the database's directory.
//!
//! An upload goes to `blobs/.tmp-<random>`, is synced, and is renamed to
//! its blob id (then the directory is synced) before the metadata row that
//! names it is written, so a row never names a partial file. Files are never
//! changed once in place: a replacement is a new file, and the old one is
//! removed after the row has switched, which readers that have it open do
//! not notice (Unix keeps an unlinked file readable).
//!
//! A process killed mid-upload leaves a `.tmp-` file, and one killed between
//! the rename and the row (or before removing a replaced file) leaves a blob
//! that no row names. Neither is ever visible; [`BlobDir::sweep`] removes
//! them at open once they are an hour old, which no live upload's file can
//! be (every write refreshes its modification time).

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use uuid::Uuid;

use super::Ingest;
use crate::StoreError;

/// The prefix of uploads in progress.
const TEMP_PREFIX: &str = ".tmp-";

/// How old a temporary or unreferenced file must be before the sweep at
/// open removes it.
pub(crate) const STALE_AFTER: Duration = Duration::from_secs(3600);

/// The directory of content files.
#[derive(Clone, Debug)]
pub(crate) struct BlobDir {
    root: PathBuf,
}

/// A file that is removed when this is dropped, unless [`Self::keep`] is
/// called: a failed, abandoned or cancelled upload leaves nothing behind.
#[derive(Debug)]
pub(crate) struct BlobGuard {
    path: Option<PathBuf>,
}

impl BlobDir {
    /// The blob directory of the database file `db`: `blobs/` beside it.
    pub(crate) fn beside(db: &Path) -> Result<Self, StoreError> {
        let db = std::path::absolute(db).map_err(StoreError::Blob)?;
        let parent = db.parent().unwrap_or(Path::new("/"));
        Ok(BlobDir {
            root: parent.join("blobs"),
        })
    }

    /// Creates the directory if needed.
    pub(crate) async fn create(&self) -> Result<(), StoreError> {
        let root = self.root.clone();
        blocking(move || std::fs::create_dir_all(&root)).await
    }

    /// Where the blob `blob_id` lives.
    pub(crate) fn path_of(&self, blob_id: &str) -> PathBuf {
        self.root.join(blob_id)
    }

    /// Streams an upload into a new blob: a temporary file, written chunk
    /// by chunk, synced, then renamed to a fresh blob id. Returns the blob
    /// id and a guard that removes the file unless it is kept.
    pub(crate) async fn receive(
        &self,
        ingest: &mut Ingest<'_>,
    ) -> Result<(String, BlobGuard), StoreError> {
        let temp = self.root.join(format!("{TEMP_PREFIX}{}", Uuid::new_v4()));
        let open_path = temp.clone();
        let mut file = blocking(move || {
            OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&open_path)
        })
        .await?;
        let mut guard = BlobGuard { path: Some(temp) };
        while let Some(chunk) = ingest.next_chunk().await? {
            file = blocking(move || file.write_all(&chunk).map(|()| file)).await?;
        }
        blocking(move || file.sync_all()).await?;

        let blob_id = Uuid::new_v4().to_string();
        let (from, to, dir) = (
            guard.path.clone(),
            self.path_of(&blob_id),
            self.root.clone(),
        );
        let placed = to.clone();
        blocking(move || {
            if let Some(from) = from {
                std::fs::rename(from, &to)?;
            }
            // The rename itself must reach the disk before a row names it.
            File::open(&dir)?.sync_all()
        })
        .await?;
        guard.path = Some(placed);
        Ok((blob_id, guard))
    }

    /// Removes a blob that no row names any more. A failure only leaves an
    /// unreferenced file, which the next sweep removes; it is logged.
    pub(crate) async fn discard(&self, blob_id: &str) {
        let path = self.path_of(blob_id);
        let result = blocking(move || match std::fs::remove_file(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            other => other,
        })
        .await;
        if let Err(e) = result {
            tracing::warn!(blob_id, error = %e, "could not remove a content file");
        }
    }

    /// Opens a blob for reading; `Ok(None)` when the file is not there.
    pub(crate) async fn open(&self, blob_id: &str) -> Result<Option<tokio::fs::File>, StoreError> {
        match tokio::fs::File::open(self.path_of(blob_id)).await {
            Ok(f) => Ok(Some(f)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::Blob(e)),
        }
    }

    /// The names of the files that the sweep may remove: temporary files
    /// and blobs last written before `now - STALE_AFTER`. Other names are
    /// left alone.
    pub(crate) async fn stale_files(&self) -> Result<Vec<(String, bool)>, StoreError> {
        let root = self.root.clone();
        blocking(move || {
            let cutoff = SystemTime::now()
                .checked_sub(STALE_AFTER)
                .unwrap_or(SystemTime::UNIX_EPOCH);
            let mut stale = Vec::new();
            for entry in std::fs::read_dir(&root)? {
                let entry = entry?;
                let Ok(name) = entry.file_name().into_string() else {
                    continue;
                };
                let is_temp = name.starts_with(TEMP_PREFIX);
                if !is_temp && Uuid::parse_str(&name).is_err() {
                    continue;
                }
                let meta = match entry.metadata() {
                    Ok(meta) => meta,
                    // Removed since it was listed (another process's upload
                    // or replacement finishing).
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(e),
                };
                if meta.is_file() && meta.modified()? < cutoff {
                    stale.push((name, is_temp));
                }
            }
            Ok(stale)
        })
        .await
    }

    /// Removes stale temporary files and stale blobs not in `referenced`.
    /// Returns how many files were removed.
    pub(crate) async fn sweep(
        &self,
        stale: Vec<(String, bool)>,
        referenced: &HashSet<String>,
    ) -> usize {
        let mut removed = 0;
        for (name, is_temp) in stale {
            if is_temp || !referenced.contains(&name) {
                self.discard(&name).await;
                removed += 1;
            }
        }
        removed
    }
}

impl BlobGuard {
    /// The file is in use now: do not remove it.
    pub(crate) fn keep(mut self) {
        self.path = None;
    }
}

impl Drop for BlobGuard {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            // Synchronous on purpose: this also runs when the upload's
            // future is dropped mid-way, where nothing can be awaited. An
            // unlink is quick.
            if let Err(e) = std::fs::remove_file(&path)
                && e.kind() != std::io::ErrorKind::NotFound
            {
                tracing::warn!(path = %path.display(), error = %e, "could not remove an abandoned upload");
            }
        }
    }
}

/// Runs blocking file I/O off the async threads.
async fn blocking<T, F>(f: F) -> Result<T, StoreError>
where
    F: FnOnce() -> std::io::Result<T> + Send + 'static,
    T: Send + 'static,
{
    match tokio::task::spawn_blocking(f).await {
        Ok(result) => result.map_err(StoreError::Blob),
        Err(join) => Err(StoreError::Blob(std::io::Error::other(join))),
    }
}
