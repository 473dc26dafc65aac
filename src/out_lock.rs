//! One run at a time per output folder: a run holds an exclusive lock on
//! `OUT/.skjema-lock` from before it touches the folder until it exits. A
//! second run into the same folder is refused with a message naming the
//! first one's process. The lock is the operating system's (`flock` on
//! Unix), so a run that is killed or crashes releases it with its process:
//! nothing to clean up by hand. The file holds the process id of its
//! holder and is removed when the run ends normally (a killed run's stays
//! behind, harmless: the next run takes its lock).

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use anyhow::Context;

/// The lock file inside the output folder.
pub const LOCK_FILE: &str = ".skjema-lock";

/// The lock of an output folder, held while this value lives.
pub struct OutLock {
    file: Option<File>,
    path: std::path::PathBuf,
}

impl Drop for OutLock {
    fn drop(&mut self) {
        // Removed while still held: a run that opened the file just
        // before finds, once it has the lock, that the name points to
        // another file (or none) and starts over (see `lock`).
        let _ = std::fs::remove_file(&self.path);
        drop(self.file.take());
    }
}

/// Whether `file` is still the file named `path` (not removed or replaced
/// by the run that held the lock before).
fn still_named(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Takes the lock of `out` (created if missing), or says which run holds it.
pub fn lock(out: &Path) -> anyhow::Result<OutLock> {
    std::fs::create_dir_all(out)
        .with_context(|| format!("could not create the output folder {}", out.display()))?;
    let path = out.join(LOCK_FILE);
    let mut attempts = 0;
    let mut file = loop {
        attempts += 1;
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("could not open the lock file {}", path.display()))?;
        match file.try_lock() {
            Ok(()) if still_named(&file, &path) || attempts > 10 => break file,
            // The run before removed the file as it ended: lock the new one.
            Ok(()) => continue,
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                let who = if holder.is_empty() {
                    String::new()
                } else {
                    format!(" (process {holder})")
                };
                anyhow::bail!(
                    "another skjema run{who} is writing to {}; wait for it to finish or give another --out (the lock is {}, released when that run ends)",
                    out.display(),
                    path.display()
                );
            }
            Err(std::fs::TryLockError::Error(e)) => {
                // A file system without locks: go on without, as before.
                tracing::warn!(file = %path.display(), %e, "could not lock the output folder; make sure no other run writes to it");
                break file;
            }
        }
    };
    let _ = file.set_len(0);
    let _ = file.seek(SeekFrom::Start(0));
    let _ = writeln!(file, "{}", std::process::id());
    Ok(OutLock {
        file: Some(file),
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock(dir.path()).unwrap();
        let err = lock(dir.path()).err().expect("refused").to_string();
        assert!(err.contains("another skjema run"), "{err}");
        assert!(err.contains(&std::process::id().to_string()), "{err}");
        drop(first);
        assert!(!dir.path().join(LOCK_FILE).exists(), "removed at the end");
        assert!(lock(dir.path()).is_ok(), "released with its holder");
    }
}
