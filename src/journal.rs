//! The progress journal behind `--resume`.
//!
//! The output files only appear at the end of a run (they are written to
//! temporaries and renamed into place), so a run that is killed leaves the
//! previous complete outputs and nothing of its own work. To keep that work,
//! every finished document is also appended, as one JSON line, to
//! `OUT/.skjema-progress/journal.jsonl` as soon as it is done. A killed
//! process loses nothing written (the kernel keeps it); the file is synced to
//! disk at most once a second, so a power cut can cost the last second of
//! work, which a resumed run simply redoes. `skjema extract --resume` reads the journal and
//! reuses a finished document's result instead of reading the file again when
//! both its path and its SHA-256 match; everything is then written exactly as
//! one uninterrupted run writes it, in input order. The journal is removed
//! after a successful finish; a run without `--resume` starts a new one.
//!
//! A line that does not read back (a NaN float would be written as null)
//! is ignored on resume and its document read again; timeouts are never
//! kept, so a resumed run tries those files again.
//!
//! Format: a header line `{"format":"skjema-progress/1","skjema":…,"schema":…}`
//! then one line per document, `{"path","sha256","report":{…}}` or
//! `{"path","sha256","error":{"kind","reason"}}`. A journal with another
//! header is ignored and replaced; a torn last line (the process was killed
//! while writing it) is cut off before appending.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_json::{json, Value};
use skjema_exporter::{ErrorKind, ErrorRow};
use skjema_model::Report;

use crate::document::Outcome;

/// Folder of the journal, inside the output folder.
pub const PROGRESS_DIR: &str = ".skjema-progress";
/// The journal file inside [`PROGRESS_DIR`].
const JOURNAL_FILE: &str = "journal.jsonl";
/// Format tag of the header line.
const FORMAT: &str = "skjema-progress/1";

fn header() -> Value {
    json!({
        "format": FORMAT,
        "skjema": env!("CARGO_PKG_VERSION"),
        "schema": skjema_model::SCHEMA_VERSION,
    })
}

/// The journal being appended to.
pub struct Journal {
    dir: PathBuf,
    file: File,
    path: PathBuf,
    last_sync: Option<std::time::Instant>,
}

/// Finished documents of an earlier run: (path, sha256) → line offset.
#[derive(Debug, Default)]
pub struct ResumeIndex {
    journal: PathBuf,
    entries: HashMap<(String, String), u64>,
}

impl Journal {
    /// Opens the journal in `out_dir`: with `resume`, an existing journal is
    /// indexed and appended to; otherwise (or when it is unusable) a new one
    /// replaces it.
    pub fn open(out_dir: &Path, resume: bool) -> anyhow::Result<(Journal, ResumeIndex)> {
        let dir = out_dir.join(PROGRESS_DIR);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("could not create the progress folder {}", dir.display()))?;
        let path = dir.join(JOURNAL_FILE);
        if resume {
            match index_existing(&path) {
                Ok(Some((index, keep))) => {
                    let file = OpenOptions::new()
                        .read(true)
                        .write(true)
                        .open(&path)
                        .with_context(|| format!("could not open {}", path.display()))?;
                    // Cut a torn last line so the next entry starts on its own line.
                    file.set_len(keep)
                        .with_context(|| format!("could not repair {}", path.display()))?;
                    let mut journal = Journal {
                        dir,
                        file,
                        path,
                        last_sync: None,
                    };
                    journal
                        .file
                        .seek(SeekFrom::End(0))
                        .with_context(|| format!("could not open {}", journal.path.display()))?;
                    return Ok((journal, index));
                }
                Ok(None) => {
                    tracing::warn!(journal = %path.display(), "no usable progress journal; --resume starts from the beginning");
                }
                Err(err) => {
                    tracing::warn!(journal = %path.display(), %err, "the progress journal could not be read; --resume starts from the beginning");
                }
            }
        }
        let mut journal = Journal {
            file: File::create(&path)
                .with_context(|| format!("could not create {}", path.display()))?,
            dir,
            path,
            last_sync: None,
        };
        journal.append(&header().to_string())?;
        Ok((journal, ResumeIndex::default()))
    }

    /// Appends one line; syncs the file to disk when the last sync is more
    /// than a second ago (a sync per document cost more than the documents).
    pub fn append(&mut self, line: &str) -> anyhow::Result<()> {
        let mut bytes = Vec::with_capacity(line.len() + 1);
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
        let due = self
            .last_sync
            .is_none_or(|t| t.elapsed() >= std::time::Duration::from_secs(1));
        self.file
            .write_all(&bytes)
            .and_then(|()| if due { self.file.sync_data() } else { Ok(()) })
            .with_context(|| format!("could not write {}", self.path.display()))?;
        if due {
            self.last_sync = Some(std::time::Instant::now());
        }
        Ok(())
    }

    /// Removes the journal (after the outputs are complete).
    pub fn remove(self) -> anyhow::Result<()> {
        drop(self.file);
        std::fs::remove_dir_all(&self.dir)
            .with_context(|| format!("could not remove {}", self.dir.display()))
    }
}

/// Reads an existing journal: the index and the length of its complete lines,
/// or `None` when there is none or its header is not this version's.
fn index_existing(path: &Path) -> anyhow::Result<Option<(ResumeIndex, u64)>> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    let mut offset: u64 = 0;
    let mut entries = HashMap::new();
    let mut header_ok = false;
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line)?;
        if read == 0 || line.last() != Some(&b'\n') {
            break;
        }
        let start = offset;
        offset += u64::try_from(read).unwrap_or(u64::MAX);
        let Ok(value) = serde_json::from_slice::<Value>(&line) else {
            continue;
        };
        if !header_ok {
            if value != header() {
                return Ok(None);
            }
            header_ok = true;
            continue;
        }
        if let (Some(path), Some(sha)) = (value["path"].as_str(), value["sha256"].as_str()) {
            entries.insert((path.to_string(), sha.to_string()), start);
        }
    }
    if !header_ok {
        return Ok(None);
    }
    Ok(Some((
        ResumeIndex {
            journal: path.to_path_buf(),
            entries,
        },
        offset,
    )))
}

impl ResumeIndex {
    /// How many documents the journal holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the journal holds no document.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The journaled result of the file at `path` with these bytes, if any.
    pub fn get(&self, path: &str, sha256: &str) -> Option<Outcome> {
        let offset = *self.entries.get(&(path.to_string(), sha256.to_string()))?;
        let read = || -> std::io::Result<Vec<u8>> {
            let mut file = File::open(&self.journal)?;
            file.seek(SeekFrom::Start(offset))?;
            let mut line = Vec::new();
            BufReader::new(file).read_until(b'\n', &mut line)?;
            Ok(line)
        };
        let line = match read() {
            Ok(line) => line,
            Err(err) => {
                tracing::warn!(path, %err, "could not read the journal entry; reading the file again");
                return None;
            }
        };
        let outcome = parse_entry(&line);
        if outcome.is_none() {
            tracing::warn!(path, "unusable journal entry; reading the file again");
        }
        outcome.filter(|o| key_of(o).is_some_and(|(p, s)| p == path && s == sha256))
    }
}

fn parse_entry(line: &[u8]) -> Option<Outcome> {
    let mut value: Value = serde_json::from_slice(line).ok()?;
    if let Some(report) = value.get_mut("report") {
        let report: Report = serde_json::from_value(report.take()).ok()?;
        return Some(Outcome::Report(Box::new(report)));
    }
    let error = value.get("error")?;
    Some(Outcome::Error(ErrorRow {
        path: value["path"].as_str()?.to_string(),
        sha256: Some(value["sha256"].as_str()?.to_string()),
        kind: ErrorKind::from_name(error["kind"].as_str()?)?,
        reason: error["reason"].as_str()?.to_string(),
    }))
}

fn key_of(outcome: &Outcome) -> Option<(&str, &str)> {
    match outcome {
        Outcome::Report(report) => Some((&report.source.path, &report.source.sha256)),
        Outcome::Error(row) => Some((&row.path, row.sha256.as_deref()?)),
    }
}

/// The journal line for a finished document, or `None` when it must not be
/// journaled (a timeout, an input without a hash, or a report whose JSON does
/// not read back as the same report).
#[cfg(test)]
pub fn entry_line(outcome: &Outcome) -> Option<String> {
    entry_line_with(outcome, None)
}

/// [`entry_line`], reusing the report's JSON when it is already made; the
/// line is the same either way (`Entry`'s fields in order, no spaces).
pub fn entry_line_with(outcome: &Outcome, report_json: Option<&[u8]>) -> Option<String> {
    let (path, sha) = key_of(outcome)?;
    let value = match outcome {
        Outcome::Report(_) if report_json.is_some() => {
            let json = std::str::from_utf8(report_json?).ok()?;
            return Some(format!(
                "{{\"path\":{},\"sha256\":{},\"report\":{json}}}",
                serde_json::to_string(path).ok()?,
                serde_json::to_string(sha).ok()?
            ));
        }
        Outcome::Report(report) => {
            #[derive(serde::Serialize)]
            struct Entry<'a> {
                path: &'a str,
                sha256: &'a str,
                report: &'a Report,
            }
            let line = serde_json::to_string(&Entry {
                path,
                sha256: sha,
                report,
            })
            .ok()?;
            // No read-back check here: serde_json writes finite floats in
            // their shortest exact form, and a line that does not read back
            // (a NaN written as null) fails `parse_entry` on resume, so that
            // document is simply processed again.
            return Some(line);
        }
        Outcome::Error(row) if row.kind == ErrorKind::Timeout => return None,
        Outcome::Error(row) => json!({
            "path": path,
            "sha256": sha,
            "error": { "kind": row.kind.as_str(), "reason": row.reason },
        }),
    };
    Some(value.to_string())
}

/// Removes temporaries a killed run left in `out_dir` (and `out_dir/reports`).
/// Only called with `--resume`, which says the earlier run is gone.
pub fn remove_stale_temporaries(out_dir: &Path) {
    for dir in [
        out_dir.to_path_buf(),
        out_dir.join(skjema_exporter::PER_REPORT_DIR),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let is_temp = name.starts_with(".skjema-") && name.ends_with(".tmp");
            if is_temp && entry.file_type().is_ok_and(|t| t.is_file()) {
                if let Err(err) = std::fs::remove_file(entry.path()) {
                    tracing::warn!(file = %entry.path().display(), %err, "could not remove a stale temporary file");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_back_from_the_journal_exactly() {
        let dir = tempfile::tempdir().unwrap();
        // 106.20000000000005 read back as 106.20000000000003 without
        // serde_json's float_roundtrip; the sweep finds others like it.
        let values: Vec<f64> = std::iter::once(106.200_000_000_000_05)
            .chain((0..2000).map(|i| 100.0 + f64::from(i) * 0.1 + f64::from(i) / 7.0))
            .collect();
        let report_of = |i: usize, value: f64| {
            let mut report =
                Report::empty(&format!("{i:016x}"), &format!("{i}.pdf"), "application/pdf");
            report.template_confidence = value;
            report
        };
        {
            let (mut journal, _) = Journal::open(dir.path(), false).unwrap();
            for (i, &value) in values.iter().enumerate() {
                let outcome = Outcome::Report(Box::new(report_of(i, value)));
                journal.append(&entry_line(&outcome).unwrap()).unwrap();
            }
        }
        let (_journal, index) = Journal::open(dir.path(), true).unwrap();
        let mut differ = Vec::new();
        for (i, &value) in values.iter().enumerate() {
            let report = report_of(i, value);
            match index.get(&format!("{i}.pdf"), &report.source.sha256) {
                Some(Outcome::Report(back))
                    if back.template_confidence.to_bits() == value.to_bits() => {}
                Some(Outcome::Report(back)) => differ.push((value, back.template_confidence)),
                other => panic!("{i}: {other:?}"),
            }
        }
        assert!(
            differ.is_empty(),
            "{} floats differ: {:?}",
            differ.len(),
            &differ[..differ.len().min(5)]
        );
    }

    #[test]
    fn journal_survives_a_torn_line_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let report = Report::empty("0123456789abcdef", "a.pdf", "application/pdf");
        let error = ErrorRow {
            path: "b.pdf".into(),
            sha256: Some("ff".into()),
            kind: ErrorKind::BrokenPdf,
            reason: "b.pdf is broken.".into(),
        };
        let timeout = ErrorRow {
            kind: ErrorKind::Timeout,
            ..error.clone()
        };
        {
            let (mut journal, index) = Journal::open(dir.path(), false).unwrap();
            assert_eq!(index.len(), 0);
            let report_outcome = Outcome::Report(Box::new(report.clone()));
            // The worker's line, built around JSON made beforehand, is the
            // line serde makes of the whole entry.
            let json = serde_json::to_vec(&report).unwrap();
            assert_eq!(
                entry_line_with(&report_outcome, Some(&json)),
                entry_line(&report_outcome)
            );
            journal
                .append(&entry_line(&report_outcome).unwrap())
                .unwrap();
            journal
                .append(&entry_line(&Outcome::Error(error.clone())).unwrap())
                .unwrap();
            assert!(entry_line(&Outcome::Error(timeout)).is_none());
            journal
                .file
                .write_all(b"{\"path\":\"c.pdf\",\"sha")
                .unwrap();
        }
        let (_journal, index) = Journal::open(dir.path(), true).unwrap();
        assert_eq!(index.len(), 2);
        let sha = report.source.sha256.clone();
        match index.get("a.pdf", &sha) {
            Some(Outcome::Report(back)) => assert_eq!(*back, report),
            other => panic!("{other:?}"),
        }
        match index.get("b.pdf", "ff") {
            Some(Outcome::Error(back)) => assert_eq!(back, error),
            other => panic!("{other:?}"),
        }
        assert!(index.get("b.pdf", "00").is_none());
        let (_journal, index) = Journal::open(dir.path(), false).unwrap();
        assert_eq!(index.len(), 0);
    }
}
