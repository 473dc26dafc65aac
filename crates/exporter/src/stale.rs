//! Files of an earlier run that the new run did not write are removed, so
//! that an output folder only ever holds one run's dataset: per-report JSON
//! of reports no longer in the batch (or of a run with `--per-report-json`
//! followed by one without), the shard manifest of an earlier shard run.
//! Only names skjema writes are touched.

use std::path::Path;

use crate::batch::{PER_REPORT_DIR, SHARD_MANIFEST};
use crate::error::ExportError;

/// What the finished run wrote, to tell its files from stale ones.
pub struct Written<'a> {
    /// With per-report JSON: whether a report id was written this run.
    pub per_report: Option<&'a dyn Fn(&str) -> bool>,
    /// Whether this run wrote a shard manifest.
    pub shard_manifest: bool,
}

/// A per-report file name: 16 lower-case hex digits and `.json`.
fn report_id_of(file_name: &str) -> Option<&str> {
    let id = file_name.strip_suffix(".json")?;
    (id.len() == 16
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
    .then_some(id)
}

/// Removes what an earlier run left that this run did not write.
pub fn remove_stale_outputs(out_dir: &Path, written: &Written<'_>) -> Result<(), ExportError> {
    let remove = |path: &Path| match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(ExportError::Write {
            path: path.to_path_buf(),
            source,
        }),
    };
    if !written.shard_manifest {
        remove(&out_dir.join(SHARD_MANIFEST))?;
    }
    let dir = out_dir.join(PER_REPORT_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(id) = report_id_of(&name.to_string_lossy()).map(str::to_string) else {
            continue;
        };
        let keep = written.per_report.is_some_and(|kept| kept(&id));
        if !keep && entry.file_type().is_ok_and(|t| t.is_file()) {
            remove(&entry.path())?;
        }
    }
    if written.per_report.is_none() {
        // Empty now unless the user keeps other files there.
        let _ = std::fs::remove_dir(&dir);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_report_files_of_this_run_survive() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join(PER_REPORT_DIR);
        std::fs::create_dir_all(&dir).unwrap();
        for name in [
            "0123456789abcdef.json",
            "fedcba9876543210.json",
            "notes.txt",
        ] {
            std::fs::write(dir.join(name), b"{}").unwrap();
        }
        std::fs::write(out.path().join(SHARD_MANIFEST), b"{}").unwrap();
        let keep = |id: &str| id == "0123456789abcdef";
        let written = Written {
            per_report: Some(&keep),
            shard_manifest: false,
        };
        remove_stale_outputs(out.path(), &written).unwrap();
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["0123456789abcdef.json", "notes.txt"]);
        assert!(!out.path().join(SHARD_MANIFEST).exists());

        let none = Written {
            per_report: None,
            shard_manifest: true,
        };
        remove_stale_outputs(out.path(), &none).unwrap();
        assert!(!dir.join("0123456789abcdef.json").exists());
        assert!(dir.join("notes.txt").exists(), "not skjema's file");
    }
}
