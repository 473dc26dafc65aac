//! `skjema merge`: the outputs of shard runs (`extract --shard K/N`) become
//! the files a single run over all inputs would have written, byte for byte.
//!
//! A single run writes its inputs in the order of their sorted paths, and so
//! does each shard for its part. Every shard also wrote [`SHARD_MANIFEST`]:
//! one line per input with its path and how many rows it put into each file.
//! Merging is therefore a k-way merge on the path (compared like the run
//! compares them, component by component), copying each input's rows from
//! its shard verbatim. Nothing is re-serialised, so numbers and quoting stay
//! exactly as written; memory holds one manifest line per shard.

use std::cmp::Ordering;
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::batch::{
    parquet_of_set, Summary, PER_REPORT_DIR, REPORTS_JSONL, SHARD_FORMAT, SHARD_MANIFEST,
};
use crate::commit_set::{commit_all, prepare_small};
use crate::datapackage::datapackage_json;
use crate::duplicates_table::DUPLICATES;
use crate::error::ExportError;
use crate::errors_table::ERRORS;
use crate::pending_file::{write_atomically, PendingFile};
use crate::report_tables::report_tables;
use crate::schema::report_schema_json;
use crate::stale::{remove_stale_outputs, Written};

/// First line of a shard manifest.
#[derive(Debug, Deserialize)]
struct ManifestHeader {
    format: String,
    skjema_schema: String,
    shard: u32,
    of: u32,
    inputs_total: u64,
    inputs_selected: u64,
}

/// One input of a shard, in the shard's output order.
#[derive(Debug, Deserialize)]
struct ManifestEntry {
    path: String,
    report_id: Option<String>,
    #[serde(default)]
    rows: std::collections::BTreeMap<String, u64>,
}

/// One CSV of one shard: a CSV reader finds where records end (cells may
/// hold quoted line breaks), a second handle copies those bytes verbatim.
struct CsvSource {
    path: PathBuf,
    records: csv::Reader<BufReader<File>>,
    raw: BufReader<File>,
    offset: u64,
    record: csv::ByteRecord,
}

impl CsvSource {
    fn open(path: &Path) -> Result<Self, ExportError> {
        let open = || {
            File::open(path).map_err(|source| ExportError::Read {
                path: path.to_path_buf(),
                source,
            })
        };
        let records = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(BufReader::with_capacity(1 << 16, open()?));
        Ok(CsvSource {
            path: path.to_path_buf(),
            records,
            raw: BufReader::with_capacity(1 << 16, open()?),
            offset: 0,
            record: csv::ByteRecord::new(),
        })
    }

    /// Copies the next `n` records (the header counts as one) to `out`;
    /// false when the file ended first.
    fn copy(&mut self, n: u64, out: &mut PendingFile) -> Result<bool, ExportError> {
        for _ in 0..n {
            let more = self
                .records
                .read_byte_record(&mut self.record)
                .map_err(|e| self.damaged(&e.to_string()))?;
            if !more {
                return Ok(false);
            }
            let end = self.records.position().byte();
            let len = end.saturating_sub(self.offset);
            let copied = std::io::copy(&mut (&mut self.raw).take(len), out).map_err(|source| {
                ExportError::Read {
                    path: self.path.clone(),
                    source,
                }
            })?;
            if copied != len {
                return Err(self.damaged("it changed while it was being read"));
            }
            self.offset = end;
        }
        Ok(true)
    }

    /// The header bytes, copied into a buffer.
    fn header(&mut self) -> Result<Vec<u8>, ExportError> {
        self.records
            .read_byte_record(&mut self.record)
            .map_err(|e| self.damaged(&e.to_string()))?;
        let end = self.records.position().byte();
        let mut header = Vec::new();
        (&mut self.raw)
            .take(end)
            .read_to_end(&mut header)
            .map_err(|source| ExportError::Read {
                path: self.path.clone(),
                source,
            })?;
        self.offset = end;
        Ok(header)
    }

    fn at_end(&mut self) -> Result<bool, ExportError> {
        self.records
            .read_byte_record(&mut self.record)
            .map(|more| !more)
            .map_err(|e| self.damaged(&e.to_string()))
    }

    fn damaged(&self, why: &str) -> ExportError {
        ExportError::Merge(format!(
            "{} cannot be read as CSV ({why})",
            self.path.display()
        ))
    }
}

/// Everything read from one shard's output folder.
struct Shard {
    dir: PathBuf,
    header: ManifestHeader,
    manifest: std::io::Lines<BufReader<File>>,
    next: Option<ManifestEntry>,
    jsonl: BufReader<File>,
    csvs: Vec<CsvSource>,
}

impl Shard {
    fn open(dir: &Path, files: &[String]) -> Result<Self, ExportError> {
        let manifest_path = dir.join(SHARD_MANIFEST);
        let file = File::open(&manifest_path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                ExportError::Merge(format!(
                    "{} has no {SHARD_MANIFEST}; only the output of `skjema extract --shard K/N` can be merged",
                    dir.display()
                ))
            } else {
                ExportError::Read {
                    path: manifest_path.clone(),
                    source,
                }
            }
        })?;
        let mut manifest = BufReader::new(file).lines();
        let first = manifest
            .next()
            .transpose()
            .map_err(|source| ExportError::Read {
                path: manifest_path.clone(),
                source,
            })?;
        let header: ManifestHeader = first
            .as_deref()
            .and_then(|line| serde_json::from_str(line).ok())
            .ok_or_else(|| {
                ExportError::Merge(format!(
                    "{} does not start with a shard header",
                    manifest_path.display()
                ))
            })?;
        if header.format != SHARD_FORMAT || header.skjema_schema != skjema_model::SCHEMA_VERSION {
            return Err(ExportError::Merge(format!(
                "{} was written by another version of skjema ({} / schema {}); merge with the version that wrote it",
                dir.display(),
                header.format,
                header.skjema_schema
            )));
        }
        let jsonl_path = dir.join(REPORTS_JSONL);
        let jsonl = File::open(&jsonl_path).map_err(|source| ExportError::Read {
            path: jsonl_path,
            source,
        })?;
        let csvs = files
            .iter()
            .map(|name| CsvSource::open(&dir.join(format!("{name}.csv"))))
            .collect::<Result<Vec<_>, _>>()?;
        let mut shard = Shard {
            dir: dir.to_path_buf(),
            header,
            manifest,
            next: None,
            jsonl: BufReader::with_capacity(1 << 16, jsonl),
            csvs,
        };
        shard.advance()?;
        Ok(shard)
    }

    /// Reads the next manifest line into `next`.
    fn advance(&mut self) -> Result<(), ExportError> {
        let path = self.dir.join(SHARD_MANIFEST);
        self.next = match self.manifest.next() {
            None => None,
            Some(line) => {
                let line = line.map_err(|source| ExportError::Read {
                    path: path.clone(),
                    source,
                })?;
                Some(serde_json::from_str(&line).map_err(|e| {
                    ExportError::Merge(format!("{} has a damaged line ({e})", path.display()))
                })?)
            }
        };
        Ok(())
    }
}

/// Merges the output folders of shard runs into `out_dir`. Every shard
/// 1..=N of one split must be given exactly once (in any order).
pub fn merge_shards(shard_dirs: &[PathBuf], out_dir: &Path) -> Result<Summary, ExportError> {
    let mut files: Vec<String> = report_tables()
        .iter()
        .map(|t| t.name().to_string())
        .collect();
    files.push(DUPLICATES.name.to_string());
    files.push(ERRORS.name.to_string());
    let mut shards = shard_dirs
        .iter()
        .map(|dir| Shard::open(dir, &files))
        .collect::<Result<Vec<_>, _>>()?;
    check_complete(&shards)?;
    let schema = report_schema_json()?;
    let package = datapackage_json()?;
    for shard in &shards {
        for (name, expected) in [("schema.json", &schema), ("datapackage.json", &package)] {
            let path = shard.dir.join(name);
            let found = std::fs::read_to_string(&path)
                .map_err(|source| ExportError::Read { path, source })?;
            if &found != expected {
                return Err(ExportError::Merge(format!(
                    "{} in {} differs from this skjema's; the shard was written by another version",
                    name,
                    shard.dir.display()
                )));
            }
        }
    }
    let per_report = shards.iter().any(|s| s.dir.join(PER_REPORT_DIR).is_dir());
    let parquet = shards
        .iter()
        .any(|s| s.dir.join(format!("{}.parquet", ERRORS.name)).is_file());

    let dir_error = |source| ExportError::OutputDir {
        path: out_dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(out_dir).map_err(dir_error)?;
    if per_report {
        std::fs::create_dir_all(out_dir.join(PER_REPORT_DIR)).map_err(dir_error)?;
    }
    let mut outputs = Vec::with_capacity(files.len());
    for (i, name) in files.iter().enumerate() {
        let mut out = PendingFile::create(&out_dir.join(format!("{name}.csv")))?;
        let mut header: Option<Vec<u8>> = None;
        for shard in &mut shards {
            let Some(csv) = shard.csvs.get_mut(i) else {
                continue;
            };
            let this = csv.header()?;
            match &header {
                None => header = Some(this),
                Some(first) if *first != this => {
                    return Err(ExportError::Merge(format!(
                        "the header of {} differs from the other shards'",
                        csv.path.display()
                    )))
                }
                Some(_) => {}
            }
        }
        out.write_all(header.as_deref().unwrap_or_default())
            .map_err(|source| ExportError::Write {
                path: out.target().to_path_buf(),
                source,
            })?;
        outputs.push(out);
    }
    let mut jsonl = PendingFile::create(&out_dir.join(REPORTS_JSONL))?;

    let mut summary = Summary::default();
    let mut ids = HashSet::new();
    let mut line = Vec::new();
    while let Some(pick) = next_shard(&shards) {
        let Some(shard) = shards.get_mut(pick) else {
            break;
        };
        let Some(entry) = shard.next.take() else {
            break;
        };
        for (i, name) in files.iter().enumerate() {
            let n = entry.rows.get(name).copied().unwrap_or(0);
            if let (Some(csv), Some(out)) = (shard.csvs.get_mut(i), outputs.get_mut(i)) {
                if !csv.copy(n, out)? {
                    return Err(ExportError::Merge(format!(
                        "{} has fewer rows than {} lists",
                        csv.path.display(),
                        SHARD_MANIFEST
                    )));
                }
            }
        }
        if let Some(id) = &entry.report_id {
            line.clear();
            let read =
                shard
                    .jsonl
                    .read_until(b'\n', &mut line)
                    .map_err(|source| ExportError::Read {
                        path: shard.dir.join(REPORTS_JSONL),
                        source,
                    })?;
            if read == 0 {
                return Err(ExportError::Merge(format!(
                    "{} has fewer reports than {} lists",
                    shard.dir.join(REPORTS_JSONL).display(),
                    SHARD_MANIFEST
                )));
            }
            jsonl
                .write_all(&line)
                .map_err(|source| ExportError::Write {
                    path: jsonl.target().to_path_buf(),
                    source,
                })?;
            if per_report {
                copy_per_report(&shard.dir, out_dir, id)?;
            }
            summary.reports += 1;
            summary.issues += entry.rows.get("issues").copied().unwrap_or(0);
            ids.insert(id.clone());
        } else {
            summary.errors += entry.rows.get(ERRORS.name).copied().unwrap_or(0);
        }
        summary.duplicates += entry.rows.get(DUPLICATES.name).copied().unwrap_or(0);
        shard.advance()?;
    }
    for shard in &mut shards {
        let mut rest = [0u8; 1];
        let jsonl_left = shard
            .jsonl
            .read(&mut rest)
            .map_err(|source| ExportError::Read {
                path: shard.dir.join(REPORTS_JSONL),
                source,
            })?;
        if jsonl_left != 0 {
            return Err(ExportError::Merge(format!(
                "{} has more reports than {} lists",
                shard.dir.join(REPORTS_JSONL).display(),
                SHARD_MANIFEST
            )));
        }
        for csv in &mut shard.csvs {
            if !csv.at_end()? {
                return Err(ExportError::Merge(format!(
                    "{} has more rows than {} lists",
                    csv.path.display(),
                    SHARD_MANIFEST
                )));
            }
        }
    }
    // Renamed into place as one set, Parquet files included, as a batch's
    // files are (see `commit_set`).
    let mut set = Vec::with_capacity(outputs.len() + 4);
    for out in outputs {
        set.push(out.prepare(true)?);
    }
    set.push(jsonl.prepare(true)?);
    set.push(prepare_small(
        &out_dir.join("schema.json"),
        schema.as_bytes(),
    )?);
    set.push(prepare_small(
        &out_dir.join("datapackage.json"),
        package.as_bytes(),
    )?);
    let (parquet_files, gone) = parquet_of_set(out_dir, &set, parquet)?;
    set.extend(parquet_files);
    commit_all(out_dir, set, &gone)?;
    let kept = |id: &str| ids.contains(id);
    let written = Written {
        per_report: per_report.then_some(&kept as &dyn Fn(&str) -> bool),
        shard_manifest: false,
    };
    remove_stale_outputs(out_dir, &written)?;
    Ok(summary)
}

/// Every shard of one split, each once, and together all inputs.
fn check_complete(shards: &[Shard]) -> Result<(), ExportError> {
    let Some(first) = shards.first() else {
        return Err(ExportError::Merge("no shard folders given".into()));
    };
    let count = first.header.of;
    let total = first.header.inputs_total;
    let mut seen = HashSet::new();
    let mut selected = 0u64;
    for shard in shards {
        let h = &shard.header;
        if h.of != count || h.inputs_total != total {
            return Err(ExportError::Merge(format!(
                "{} is shard {}/{} of {} inputs, but {} is shard {}/{} of {} inputs; shards of different runs cannot be merged",
                shard.dir.display(), h.shard, h.of, h.inputs_total,
                first.dir.display(), first.header.shard, count, total
            )));
        }
        if !seen.insert(h.shard) {
            return Err(ExportError::Merge(format!(
                "shard {}/{} is given twice ({})",
                h.shard,
                h.of,
                shard.dir.display()
            )));
        }
        selected += h.inputs_selected;
    }
    let missing: Vec<String> = (1..=count)
        .filter(|k| !seen.contains(k))
        .map(|k| format!("{k}/{count}"))
        .collect();
    if !missing.is_empty() {
        return Err(ExportError::Merge(format!(
            "shard {} missing; every shard 1/{count} to {count}/{count} is needed",
            missing.join(", ")
        )));
    }
    if selected != total {
        return Err(ExportError::Merge(format!(
            "the shards read {selected} inputs together, but the run had {total}; were they run on the same inputs?"
        )));
    }
    Ok(())
}

/// The shard whose next input comes first in a single run's order: paths
/// compared like `Path`'s `Ord` (component by component), as the run sorts.
fn next_shard(shards: &[Shard]) -> Option<usize> {
    let mut best: Option<(usize, &Path)> = None;
    for (i, shard) in shards.iter().enumerate() {
        let Some(entry) = &shard.next else { continue };
        let path = Path::new(&entry.path);
        best = match best {
            Some((_, b)) if path.cmp(b) != Ordering::Less => best,
            _ => Some((i, path)),
        };
    }
    best.map(|(i, _)| i)
}

fn copy_per_report(from_dir: &Path, out_dir: &Path, id: &str) -> Result<(), ExportError> {
    let safe = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !safe {
        return Err(ExportError::BadReportId(id.to_string()));
    }
    let name = format!("{id}.json");
    let from = from_dir.join(PER_REPORT_DIR).join(&name);
    match std::fs::read(&from) {
        Ok(bytes) => write_atomically(&out_dir.join(PER_REPORT_DIR).join(&name), &bytes),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Err(ExportError::Merge(format!(
            "{} is missing; run every shard with the same options",
            from.display()
        ))),
        Err(source) => Err(ExportError::Read { path: from, source }),
    }
}
