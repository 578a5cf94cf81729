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
//!
//! An upload in parts writes `blobs/.upload-<blob id>` in place, a chunk at
//! a time at the offset its row records, syncing each chunk before the row
//! takes the new length: the row is the truth, and bytes past it (a chunk
//! written but not recorded) are cut off by the next write. Writes to staged
//! files, and their promotion, hold a lock of this process (striped by blob
//! id) from before the row is checked until after it is updated, so that a
//! part cut off mid-write cannot write over its successor. The last part
//! renames the file to its blob id before the row that names it commits,
//! as a plain upload does. A staged file no row names is swept like an
//! unreferenced blob.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::hash::{Hash, Hasher};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use tokio::sync::{Mutex, OwnedMutexGuard};
use uuid::Uuid;

use super::Ingest;
use crate::StoreError;

/// The prefix of uploads in progress.
const TEMP_PREFIX: &str = ".tmp-";

/// The prefix of the staged bytes of uploads in parts.
const STAGED_PREFIX: &str = ".upload-";

/// How many locks the staged files share.
const STAGING_LOCKS: usize = 16;

/// How old a temporary or unreferenced file must be before the sweep at
/// open removes it.
pub(crate) const STALE_AFTER: Duration = Duration::from_secs(3600);

/// The directory of content files.
#[derive(Clone, Debug)]
pub(crate) struct BlobDir {
    root: PathBuf,
    /// Serialise writes to a staged file (see the module documentation).
    staging: Arc<[Arc<Mutex<()>>]>,
}

/// A file in the blob directory that the sweep may remove.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Leftover {
    /// `.tmp-…`: an upload whose process died.
    Temp(String),
    /// A blob, kept when a row names it.
    Blob(String),
    /// `.upload-<blob id>`: staged bytes, kept while an upload row names
    /// the blob id.
    Staged {
        /// The file name.
        name: String,
        /// The blob id in it.
        blob_id: String,
    },
}

/// A staged file renamed to its blob id: renamed back when dropped, unless
/// kept, so that a completion that fails (or is cancelled) before its row
/// commits leaves the upload as it was.
#[derive(Debug)]
pub(crate) struct Promotion {
    back: Option<(PathBuf, PathBuf)>,
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
            staging: (0..STAGING_LOCKS)
                .map(|_| Arc::new(Mutex::new(())))
                .collect(),
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

    /// The files that the sweep may remove: temporary and staged files
    /// and blobs, last written before `now - STALE_AFTER`. Other names are
    /// left alone.
    pub(crate) async fn stale_files(&self) -> Result<Vec<Leftover>, StoreError> {
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
                let leftover = if name.starts_with(TEMP_PREFIX) {
                    Leftover::Temp(name)
                } else if let Some(blob_id) = name.strip_prefix(STAGED_PREFIX) {
                    if Uuid::parse_str(blob_id).is_err() {
                        continue;
                    }
                    Leftover::Staged {
                        blob_id: blob_id.to_owned(),
                        name,
                    }
                } else if Uuid::parse_str(&name).is_ok() {
                    Leftover::Blob(name)
                } else {
                    continue;
                };
                let meta = match entry.metadata() {
                    Ok(meta) => meta,
                    // Removed since it was listed (another process's upload
                    // or replacement finishing).
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(e),
                };
                if meta.is_file() && meta.modified()? < cutoff {
                    stale.push(leftover);
                }
            }
            Ok(stale)
        })
        .await
    }

    /// Removes stale temporary files, and stale blobs and staged files
    /// whose blob id is not in `referenced`. Returns how many files were
    /// removed.
    pub(crate) async fn sweep(&self, stale: Vec<Leftover>, referenced: &HashSet<String>) -> usize {
        let mut removed = 0;
        for leftover in stale {
            let name = match leftover {
                Leftover::Temp(name) => name,
                Leftover::Blob(name) if !referenced.contains(&name) => name,
                Leftover::Staged { name, blob_id } if !referenced.contains(&blob_id) => name,
                Leftover::Blob(_) | Leftover::Staged { .. } => continue,
            };
            self.discard(&name).await;
            removed += 1;
        }
        removed
    }

    /// The staged file of an upload in parts.
    fn staged_path(&self, blob_id: &str) -> PathBuf {
        self.root.join(format!("{STAGED_PREFIX}{blob_id}"))
    }

    /// The lock of the staged file of `blob_id`: held from checking the
    /// upload's row to recording its new length, and by the blocking
    /// write in between even when the waiting future is dropped.
    pub(crate) async fn lock_staged(&self, blob_id: &str) -> OwnedMutexGuard<()> {
        let mut hasher = std::hash::DefaultHasher::new();
        blob_id.hash(&mut hasher);
        let slot = (hasher.finish() % self.staging.len() as u64) as usize;
        self.staging[slot].clone().lock_owned().await
    }

    /// Writes `chunk` at `offset` of the staged file of `blob_id` (creating
    /// it at offset 0), after cutting off whatever lies past `offset`, and
    /// syncs it. `lock` (from [`Self::lock_staged`]) is held until the write
    /// is over, even if the caller stops waiting, and handed back.
    pub(crate) async fn write_staged(
        &self,
        blob_id: &str,
        offset: u64,
        chunk: Bytes,
        lock: OwnedMutexGuard<()>,
    ) -> Result<OwnedMutexGuard<()>, StoreError> {
        let path = self.staged_path(blob_id);
        let dir = self.root.clone();
        blocking(move || {
            let mut file = OpenOptions::new()
                .write(true)
                .create(offset == 0)
                .truncate(false)
                .open(&path)?;
            let len = file.metadata()?.len();
            if len < offset {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    format!("{} holds {len} bytes, its upload {offset}", path.display()),
                ));
            }
            if len > offset {
                file.set_len(offset)?;
            }
            file.seek(SeekFrom::Start(offset))?;
            file.write_all(&chunk)?;
            file.sync_data()?;
            if offset == 0 {
                // The new name must reach the disk before a row relies on it.
                File::open(&dir)?.sync_all()?;
            }
            Ok(lock)
        })
        .await
    }

    /// Opens the staged bytes of `blob_id` for reading: the staged file, or
    /// the blob of that id when an earlier completion renamed it and then
    /// failed to rename it back. `Ok(None)` when neither is there.
    pub(crate) async fn open_staged(
        &self,
        blob_id: &str,
    ) -> Result<Option<tokio::fs::File>, StoreError> {
        match tokio::fs::File::open(self.staged_path(blob_id)).await {
            Ok(f) => Ok(Some(f)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => self.open(blob_id).await,
            Err(e) => Err(StoreError::Blob(e)),
        }
    }

    /// Makes the staged file of `blob_id` the blob of that id: cut to
    /// `size`, its time refreshed (the sweep must not take the new blob
    /// for an old unreferenced one before its row commits), synced and
    /// renamed. The returned guard renames it back unless kept.
    pub(crate) async fn promote(&self, blob_id: &str, size: u64) -> Result<Promotion, StoreError> {
        let (staged, placed, dir) = (
            self.staged_path(blob_id),
            self.path_of(blob_id),
            self.root.clone(),
        );
        let back = (placed.clone(), staged.clone());
        blocking(move || {
            let file = match OpenOptions::new().write(true).open(&staged) {
                Ok(file) => file,
                // Renamed by a completion that could not rename it back.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && placed.exists() => {
                    OpenOptions::new().write(true).open(&placed)?
                }
                Err(e) => return Err(e),
            };
            file.set_len(size)?;
            file.set_modified(SystemTime::now())?;
            file.sync_all()?;
            drop(file);
            if staged.exists() {
                std::fs::rename(&staged, &placed)?;
            }
            File::open(&dir)?.sync_all()
        })
        .await?;
        Ok(Promotion { back: Some(back) })
    }

    /// Removes the staged file of `blob_id` (its upload row is gone).
    pub(crate) async fn discard_staged(&self, blob_id: &str) {
        self.discard(&format!("{STAGED_PREFIX}{blob_id}")).await;
    }
}

impl Promotion {
    /// The blob's row has committed: leave it in place.
    pub(crate) fn keep(mut self) {
        self.back = None;
    }
}

impl Drop for Promotion {
    fn drop(&mut self) {
        if let Some((placed, staged)) = self.back.take()
            && let Err(e) = std::fs::rename(&placed, &staged)
        {
            // The upload's bytes are still found under the blob's name
            // (`open_staged`, `promote`); the sweep keeps a blob an upload
            // row names.
            tracing::warn!(path = %placed.display(), error = %e, "could not put staged bytes back");
        }
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
