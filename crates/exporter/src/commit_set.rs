//! The final files of a batch appear as one set: a kill at any instant
//! leaves either the previous run's complete files or the new ones, once
//! [`recover`] has run (every run calls it first).
//!
//! A file cannot be renamed together with another, so the set is made
//! atomic with a redo log: when every temporary is complete and synced,
//! their names and targets are written to [`COMMIT_LOG`] (itself through
//! a temporary and a rename, so it is there whole or not at all); then the
//! temporaries are renamed one by one, and the log is removed last. A run
//! killed before the log exists leaves only temporaries beside the old
//! files (the next run removes them); one killed after finds the log, and
//! [`recover`] does the renames still to do, completing the new set.
//!
//! A file of the old set that the new one does not have (Parquet files
//! after a run without `--format parquet`) is removed as a step of the
//! set: a log line with no temporary, only the target.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::ExportError;
use crate::pending_file::{write_atomically, Prepared};

/// The redo log of a set being renamed into place, in the output folder.
pub const COMMIT_LOG: &str = ".skjema-commit";

/// Test-only hook (used by `tests/cli_reliability.rs`, not a user
/// option): with this set to N, the process exits with [`TEST_STOP_EXIT`]
/// after the log and N renames, as a kill at that instant would leave the
/// folder.
pub const TEST_STOP_ENV: &str = "SKJEMA_TEST_STOP_AT_RENAME";
/// The exit status of the [`TEST_STOP_ENV`] hook.
pub const TEST_STOP_EXIT: i32 = 97;

fn test_stop_at() -> Option<usize> {
    std::env::var(TEST_STOP_ENV).ok()?.parse().ok()
}

/// Renames `files` (complete temporaries in `out_dir`) into place and
/// removes `gone` (files of `out_dir` the new set has not), as one set.
pub(crate) fn commit_all(
    out_dir: &Path,
    files: Vec<Prepared>,
    gone: &[PathBuf],
) -> Result<(), ExportError> {
    let log = out_dir.join(COMMIT_LOG);
    let mut lines = String::new();
    for file in &files {
        let (Some(temp), Some(target)) =
            (name_in(out_dir, &file.temp), name_in(out_dir, &file.target))
        else {
            return Err(ExportError::Write {
                path: file.target.clone(),
                source: std::io::Error::other("an output file outside the output folder"),
            });
        };
        lines.push_str(&temp);
        lines.push('\t');
        lines.push_str(&target);
        lines.push('\n');
    }
    for path in gone {
        let Some(target) = name_in(out_dir, path) else {
            return Err(ExportError::Write {
                path: path.clone(),
                source: std::io::Error::other("an output file outside the output folder"),
            });
        };
        lines.push('\t');
        lines.push_str(&target);
        lines.push('\n');
    }
    write_atomically(&log, lines.as_bytes())?;
    sync_dir(out_dir);
    let stop_at = test_stop_at();
    let mut done = 0;
    for file in files {
        if stop_at == Some(done) {
            std::process::exit(TEST_STOP_EXIT);
        }
        file.rename()?;
        done += 1;
    }
    for path in gone {
        if stop_at == Some(done) {
            std::process::exit(TEST_STOP_EXIT);
        }
        remove_if_there(path)?;
        done += 1;
    }
    sync_dir(out_dir);
    std::fs::remove_file(&log).map_err(|source| ExportError::Write { path: log, source })?;
    Ok(())
}

/// Completes a set a killed run had begun to rename into place; nothing
/// to do when there is no [`COMMIT_LOG`]. Returns how many files it
/// renamed.
pub fn recover(out_dir: &Path) -> Result<usize, ExportError> {
    let log = out_dir.join(COMMIT_LOG);
    let text = match std::fs::read_to_string(&log) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(source) => return Err(ExportError::Read { path: log, source }),
    };
    let mut renamed = 0;
    for line in text.lines() {
        let Some((temp, target)) = line.split_once('\t') else {
            continue;
        };
        if temp.is_empty() {
            remove_if_there(&out_dir.join(target))?;
            continue;
        }
        let (temp, target) = (out_dir.join(temp), out_dir.join(target));
        // Renamed already (before the kill) when the temporary is gone.
        if temp.exists() {
            std::fs::rename(&temp, &target).map_err(|source| ExportError::Write {
                path: target,
                source,
            })?;
            renamed += 1;
        }
    }
    sync_dir(out_dir);
    std::fs::remove_file(&log).map_err(|source| ExportError::Write { path: log, source })?;
    Ok(renamed)
}

/// Removes a file of the old set; gone already is as good.
fn remove_if_there(path: &Path) -> Result<(), ExportError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(ExportError::Write {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// The name of `path`, a file directly in `dir` (the temporaries may be
/// named by absolute paths, `dir` relative), as text: the batch's names
/// are UTF-8 and have no tab or line end.
fn name_in(dir: &Path, path: &Path) -> Option<String> {
    let parent = path.parent()?;
    let same = parent == dir
        || match (parent.canonicalize(), dir.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
    let name = path.file_name()?.to_str()?;
    (same && !name.contains(['\t', '\n'])).then(|| name.to_string())
}

/// Makes the renames in `dir` durable (best effort: not every file system
/// lets a folder be synced).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Writes `contents` as a temporary next to `target` and returns it ready
/// to rename as part of a set.
pub(crate) fn prepare_small(target: &Path, contents: &[u8]) -> Result<Prepared, ExportError> {
    let mut file = crate::pending_file::PendingFile::create(target)?;
    file.write_all(contents)
        .map_err(|source| ExportError::Write {
            path: target.to_path_buf(),
            source,
        })?;
    file.prepare(true)
}

/// A temporary's path and its target, for tests.
#[cfg(test)]
pub(crate) fn paths(p: &Prepared) -> (std::path::PathBuf, std::path::PathBuf) {
    (p.temp.clone(), p.target.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(dir: &Path, name: &str, text: &str) -> Prepared {
        prepare_small(&dir.join(name), text.as_bytes()).unwrap()
    }

    #[test]
    fn a_set_killed_after_its_log_is_completed_by_recover() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        for name in ["a.csv", "b.csv", "c.csv"] {
            std::fs::write(out.join(name), "old").unwrap();
        }
        let files: Vec<Prepared> = ["a.csv", "b.csv", "c.csv"]
            .iter()
            .map(|n| prepared(out, n, "new"))
            .collect();
        // Stand in for a kill after the log and the first rename.
        let mut lines = String::new();
        for f in &files {
            let (temp, target) = paths(f);
            lines.push_str(&format!(
                "{}\t{}\n",
                name_in(out, &temp).unwrap(),
                name_in(out, &target).unwrap()
            ));
        }
        // A file of the old set the new one has not.
        std::fs::write(out.join("d.parquet"), "old").unwrap();
        lines.push_str("\td.parquet\n");
        std::fs::write(out.join(COMMIT_LOG), lines).unwrap();
        let mut files = files.into_iter();
        files.next().unwrap().rename().unwrap();
        drop(files);
        let read = |n: &str| std::fs::read_to_string(out.join(n)).unwrap();
        assert_eq!(
            (read("a.csv").as_str(), read("b.csv").as_str()),
            ("new", "old"),
            "mixed before recovery"
        );
        assert_eq!(recover(out).unwrap(), 2);
        for name in ["a.csv", "b.csv", "c.csv"] {
            assert_eq!(read(name), "new", "{name}");
        }
        assert!(!out.join("d.parquet").exists(), "the old set's extra file");
        assert!(!out.join(COMMIT_LOG).exists());
        assert_eq!(recover(out).unwrap(), 0, "nothing left to do");
    }

    #[test]
    fn a_whole_set_is_renamed_and_its_log_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let files = vec![prepared(out, "a.csv", "1"), prepared(out, "b.csv", "2")];
        commit_all(out, files, &[]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("b.csv")).unwrap(), "2");
        let left: Vec<_> = std::fs::read_dir(out)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
