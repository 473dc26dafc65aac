//! Output files that appear whole or not at all: each is written to a hidden
//! temporary file in the destination folder and renamed over the target only
//! when complete. A run that is interrupted leaves the previous complete file
//! in place (an orderly exit also removes the temporary; a killed process may
//! leave a `.skjema-*.tmp` behind, never a half-written target).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::ExportError;

/// A file being written, not yet visible under its name.
pub struct PendingFile {
    target: PathBuf,
    writer: BufWriter<NamedTempFile>,
}

impl PendingFile {
    /// Starts a temporary file next to `target` (same folder, so the rename is atomic).
    pub fn create(target: &Path) -> Result<Self, ExportError> {
        let dir = target.parent().unwrap_or_else(|| Path::new("."));
        let mut builder = tempfile::Builder::new();
        builder.prefix(".skjema-").suffix(".tmp");
        // Temporaries are private (0600) by default; the finished file should
        // be readable like any other file the user creates (umask applies).
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let temp = builder
            .tempfile_in(dir)
            .map_err(|source| ExportError::OutputDir {
                path: dir.to_path_buf(),
                source,
            })?;
        Ok(PendingFile {
            target: target.to_path_buf(),
            writer: BufWriter::with_capacity(1 << 16, temp),
        })
    }

    /// The name the file will have.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flushes and syncs the file, keeping it under its temporary name, to
    /// be renamed into place with others as a set
    /// ([`crate::commit_set`]).
    pub(crate) fn prepare(self, sync: bool) -> Result<Prepared, ExportError> {
        let target = self.target;
        let write_error = |source: std::io::Error| ExportError::Write {
            path: target.clone(),
            source,
        };
        let temp = self
            .writer
            .into_inner()
            .map_err(|e| write_error(e.into_error()))?;
        if sync {
            temp.as_file().sync_all().map_err(write_error)?;
        }
        let temp = temp
            .into_temp_path()
            .keep()
            .map_err(|e| write_error(e.error))?;
        Ok(Prepared { temp, target })
    }

    /// Flushes, syncs when asked, and renames the file into place (a
    /// temporary left by a failed rename is removed by the next run).
    pub fn commit(self, sync: bool) -> Result<(), ExportError> {
        self.prepare(sync)?.rename()
    }
}

/// A complete file under its temporary name (which nothing removes any
/// more: a run that stops before renaming it leaves it to the next run).
pub(crate) struct Prepared {
    pub temp: PathBuf,
    pub target: PathBuf,
}

impl Prepared {
    /// Renames the file into place.
    pub fn rename(self) -> Result<(), ExportError> {
        std::fs::rename(&self.temp, &self.target).map_err(|source| ExportError::Write {
            path: self.target,
            source,
        })
    }
}

impl Write for PendingFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// Writes a whole small file atomically.
pub fn write_atomically(target: &Path, contents: &[u8]) -> Result<(), ExportError> {
    let mut file = PendingFile::create(target)?;
    file.write_all(contents)
        .map_err(|source| ExportError::Write {
            path: target.to_path_buf(),
            source,
        })?;
    file.commit(false)
}
