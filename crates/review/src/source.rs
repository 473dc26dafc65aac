//! Finding a report's source file again. `reports.jsonl` keeps every path
//! the bytes were found at (`source.paths`, the path read first), as given
//! on the command line, so relative paths are taken from a base folder (the
//! folder `skjema extract` ran in). A file is only used when its SHA-256 is
//! the report's: boxes drawn on another version of a file would mislead.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use skjema_model::Report;

/// What became of the search for a report's source.
#[derive(Debug)]
pub enum SourceState {
    /// The file, with the bytes the report was read from.
    Found {
        /// Where it was found.
        path: PathBuf,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// Files are at the paths, but none holds the bytes the report was read from.
    Changed {
        /// The paths whose bytes differ.
        paths: Vec<PathBuf>,
    },
    /// No file at any of the paths.
    Missing {
        /// The paths looked at.
        paths: Vec<PathBuf>,
    },
}

impl SourceState {
    /// One sentence for the reader of the site, or none when the file was found.
    pub fn problem(&self) -> Option<String> {
        let list = |paths: &[PathBuf]| {
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            SourceState::Found { .. } => None,
            SourceState::Changed { paths } => Some(format!(
                "The source file has changed since the report was read ({}): its bytes are not the ones the values come from, so its pages are not shown.",
                list(paths)
            )),
            SourceState::Missing { paths } => Some(format!(
                "The source file is no longer there (looked for {}): the values are listed without their pages.",
                list(paths)
            )),
        }
    }
}

/// Looks for the report's source under each of its paths (relative ones
/// taken from `base`), the path read first.
pub fn find_source(report: &Report, base: &Path) -> SourceState {
    let mut paths: Vec<&str> = vec![report.source.path.as_str()];
    paths.extend(
        report
            .source
            .paths
            .iter()
            .map(String::as_str)
            .filter(|p| *p != report.source.path),
    );
    let mut changed = Vec::new();
    let mut tried = Vec::new();
    for shown in paths {
        let path = Path::new(shown);
        let path = if path.is_absolute() {
            path.to_path_buf()
        } else {
            base.join(path)
        };
        match std::fs::read(&path) {
            Ok(bytes) => {
                let sha256 = format!("{:x}", Sha256::digest(&bytes));
                if report.source.sha256.is_empty() || sha256 == report.source.sha256 {
                    return SourceState::Found { path, bytes };
                }
                changed.push(path);
            }
            Err(_) => tried.push(path),
        }
    }
    if changed.is_empty() {
        SourceState::Missing { paths: tried }
    } else {
        SourceState::Changed { paths: changed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report_for(path: &str, bytes: &[u8]) -> Report {
        let mut report = Report::empty("0123456789abcdef", path, "text/plain");
        report.source.sha256 = format!("{:x}", Sha256::digest(bytes));
        report
    }

    #[test]
    fn the_file_is_found_under_a_copy_when_the_path_read_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("kopi.txt"), b"ARSRAPPORT").unwrap();
        let mut report = report_for("borte.txt", b"ARSRAPPORT");
        report.source.paths = vec!["borte.txt".into(), "kopi.txt".into()];
        match find_source(&report, dir.path()) {
            SourceState::Found { path, bytes } => {
                assert!(path.ends_with("kopi.txt"));
                assert_eq!(bytes, b"ARSRAPPORT");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_missing_or_changed_file_is_said_so() {
        let dir = tempfile::tempdir().unwrap();
        let report = report_for("borte.pdf", b"%PDF-1.4");
        let state = find_source(&report, dir.path());
        assert!(matches!(state, SourceState::Missing { .. }));
        assert!(state.problem().unwrap().contains("borte.pdf"));
        std::fs::write(dir.path().join("borte.pdf"), b"%PDF-1.7 other").unwrap();
        let state = find_source(&report, dir.path());
        assert!(matches!(state, SourceState::Changed { .. }));
        assert!(state.problem().unwrap().contains("changed"));
    }
}
