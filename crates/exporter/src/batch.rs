//! The streaming batch writer: reports go to disk as they arrive, so memory
//! stays flat however many files a batch has, and nothing is visible under
//! its final name until [`BatchWriter::finish`] renames the complete files
//! into place.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use skjema_model::Report;

use crate::arrow_tables::csv_to_parquet_prepared;
use crate::columns::{FieldInfo, Row};
use crate::commit_set::{commit_all, prepare_small};
use crate::csv_sink::CsvSink;
use crate::datapackage::datapackage_json;
use crate::duplicates_table::{DuplicateRow, DUPLICATES};
use crate::error::ExportError;
use crate::errors_table::{ErrorRow, ERRORS};
use crate::pending_file::{write_atomically, PendingFile, Prepared};
use crate::report_tables::{report_tables, ReportTable};
use crate::schema::report_schema_json;
use crate::stale::{remove_stale_outputs, Written};

/// Name of the JSON Lines file with one full report per line.
pub const REPORTS_JSONL: &str = "reports.jsonl";
/// Folder (inside the output folder) of the per-report JSON files.
pub const PER_REPORT_DIR: &str = "reports";
/// The manifest a shard run writes beside its files, for `skjema merge`.
pub const SHARD_MANIFEST: &str = "shard.jsonl";
/// Format tag on the first line of [`SHARD_MANIFEST`].
pub const SHARD_FORMAT: &str = "skjema-shard/1";

/// Every table file of a batch (without extension) with its columns: the
/// per-report tables, duplicates and errors, in the order of `datapackage.json`.
pub fn table_files() -> Vec<(&'static str, Vec<FieldInfo>)> {
    report_tables()
        .iter()
        .map(|t| (t.name(), t.fields()))
        .chain([
            (DUPLICATES.name, DUPLICATES.fields()),
            (ERRORS.name, ERRORS.fields()),
        ])
        .collect()
}

/// The Parquet files of a set being committed: with `parquet`, every
/// table's CSV in `set` (complete under its temporary name) written as
/// `<name>.parquet`, prepared to join the set; without, the Parquet files
/// an earlier run left, to be removed as part of the set. So the CSV and
/// Parquet files in the folder are always of one run.
pub(crate) fn parquet_of_set(
    out_dir: &Path,
    set: &[Prepared],
    parquet: bool,
) -> Result<(Vec<Prepared>, Vec<PathBuf>), ExportError> {
    let mut written = Vec::new();
    let mut gone = Vec::new();
    for (name, fields) in table_files() {
        let target = out_dir.join(format!("{name}.parquet"));
        if !parquet {
            gone.push(target);
            continue;
        }
        let csv = out_dir.join(format!("{name}.csv"));
        let source = set
            .iter()
            .find(|p| p.target == csv)
            .ok_or_else(|| ExportError::Write {
                path: csv.clone(),
                source: std::io::Error::other("the table is not in the set being written"),
            })?;
        written.push(csv_to_parquet_prepared(&source.temp, &fields, &target)?);
    }
    Ok((written, gone))
}

/// Every file name a run writes at the top of its output folder (Parquet
/// files included), so that a walk of an input folder that is also the
/// output folder can leave them out.
pub fn output_file_names() -> Vec<String> {
    let tables = report_tables().map(|t| t.name());
    let mut names: Vec<String> = tables
        .iter()
        .copied()
        .chain([DUPLICATES.name, ERRORS.name])
        .flat_map(|n| [format!("{n}.csv"), format!("{n}.parquet")])
        .collect();
    names.extend(
        [
            REPORTS_JSONL,
            SHARD_MANIFEST,
            "schema.json",
            "datapackage.json",
        ]
        .map(String::from),
    );
    names
}

/// Which part of the inputs a shard run read (see [`BatchWriter::set_shard`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardInfo {
    /// 1-based number of this shard.
    pub index: u32,
    /// How many shards the inputs were split into.
    pub count: u32,
    /// Inputs of the whole run (all shards together).
    pub inputs_total: u64,
    /// Inputs this shard read.
    pub inputs_selected: u64,
}

/// What a batch writes besides the fixed set of files.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Also write `reports/<report_id>.json`, one pretty-printed file per report.
    pub per_report_json: bool,
    /// Also write every table as `<name>.parquet`, typed as in `datapackage.json`.
    pub parquet: bool,
}

/// What a finished batch wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Reports written to `reports.jsonl`.
    pub reports: u64,
    /// Rows written to `errors.csv`.
    pub errors: u64,
    /// Issues over all reports.
    pub issues: u64,
    /// Rows written to `duplicates.csv`: inputs whose bytes another input had.
    pub duplicates: u64,
}

/// One tidy CSV being written.
struct TableFile {
    table: &'static dyn ReportTable,
    sink: CsvSink<PendingFile>,
}

/// Appends one JSON value and a line end.
fn write_json_line(file: &mut PendingFile, value: &serde_json::Value) -> Result<(), ExportError> {
    let mut line = serde_json::to_vec(value).map_err(|source| ExportError::Json {
        what: "a shard manifest line".to_string(),
        source,
    })?;
    line.push(b'\n');
    file.write_all(&line).map_err(|source| ExportError::Write {
        path: file.target().to_path_buf(),
        source,
    })
}

/// Writes the files of one batch run into an output folder.
pub struct BatchWriter {
    out_dir: PathBuf,
    options: ExportOptions,
    jsonl: PendingFile,
    tables: Vec<TableFile>,
    errors: CsvSink<PendingFile>,
    duplicates: CsvSink<PendingFile>,
    /// Ids written so far, with the path each was read from: a report whose
    /// id is already written (the same bytes again) becomes rows of
    /// duplicates.csv, so that no key is repeated.
    seen_ids: HashMap<String, String>,
    summary: Summary,
    /// The shard manifest, when this run is one shard of several.
    manifest: Option<PendingFile>,
}

fn csv_file(
    out_dir: &Path,
    name: &str,
    header: &[&str],
) -> Result<CsvSink<PendingFile>, ExportError> {
    let target = out_dir.join(format!("{name}.csv"));
    let file = PendingFile::create(&target)?;
    let mut sink = CsvSink::new(&target, file);
    sink.write_header(header)?;
    Ok(sink)
}

impl BatchWriter {
    /// Creates the output folder if needed and starts every file (headers written).
    pub fn create(out_dir: &Path, options: &ExportOptions) -> Result<Self, ExportError> {
        let dir_error = |source| ExportError::OutputDir {
            path: out_dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(out_dir).map_err(dir_error)?;
        if options.per_report_json {
            std::fs::create_dir_all(out_dir.join(PER_REPORT_DIR)).map_err(dir_error)?;
        }
        let tables = report_tables()
            .into_iter()
            .map(|table| {
                let header: Vec<&str> = table.fields().iter().map(|f| f.name).collect();
                Ok(TableFile {
                    table,
                    sink: csv_file(out_dir, table.name(), &header)?,
                })
            })
            .collect::<Result<Vec<_>, ExportError>>()?;
        Ok(BatchWriter {
            out_dir: out_dir.to_path_buf(),
            options: options.clone(),
            jsonl: PendingFile::create(&out_dir.join(REPORTS_JSONL))?,
            tables,
            errors: csv_file(out_dir, ERRORS.name, &ERRORS.header())?,
            duplicates: csv_file(out_dir, DUPLICATES.name, &DUPLICATES.header())?,
            seen_ids: HashMap::new(),
            summary: Summary::default(),
            manifest: None,
        })
    }

    /// Marks this run as one shard of several: the writer then also writes
    /// [`SHARD_MANIFEST`], one line per input (its path and how many rows it
    /// put into each file), which is what `skjema merge` needs to interleave
    /// the shards back into the order of a single run. Call before adding.
    pub fn set_shard(&mut self, shard: &ShardInfo) -> Result<(), ExportError> {
        let target = self.out_dir.join(SHARD_MANIFEST);
        let mut file = PendingFile::create(&target)?;
        let header = serde_json::json!({
            "format": SHARD_FORMAT,
            "skjema_schema": skjema_model::SCHEMA_VERSION,
            "shard": shard.index,
            "of": shard.count,
            "inputs_total": shard.inputs_total,
            "inputs_selected": shard.inputs_selected,
        });
        write_json_line(&mut file, &header)?;
        self.manifest = Some(file);
        Ok(())
    }

    /// Appends one report to `reports.jsonl` and every tidy CSV.
    pub fn add_report(&mut self, report: &Report) -> Result<(), ExportError> {
        self.add_report_json(report, None)
    }

    /// [`BatchWriter::add_report`] with the report's JSON already made
    /// (`serde_json::to_vec(report)`), as a worker thread can make it: the
    /// writer thread is shared by all workers, so work done there limits
    /// how far `--jobs` scales.
    pub fn add_report_json(
        &mut self,
        report: &Report,
        json: Option<Vec<u8>>,
    ) -> Result<(), ExportError> {
        if let Some(first) = self.seen_ids.get(&report.report_id).cloned() {
            // The same bytes were written already (a caller that did not
            // group copies): every path of this one is a copy of that report.
            let mut paths: Vec<&str> = vec![report.source.path.as_str()];
            paths.extend(report.source.paths.iter().map(String::as_str));
            paths.sort_unstable();
            paths.dedup();
            paths.retain(|p| *p != first);
            return self.add_copies(
                &report.source.path,
                Some(&report.report_id),
                &first,
                &report.source.sha256,
                &paths,
            );
        }
        let json_error = |source| ExportError::Json {
            what: format!("report {}", report.report_id),
            source,
        };
        let mut line = match json {
            Some(json) => json,
            None => serde_json::to_vec(report).map_err(json_error)?,
        };
        line.push(b'\n');
        self.jsonl
            .write_all(&line)
            .map_err(|source| ExportError::Write {
                path: self.jsonl.target().to_path_buf(),
                source,
            })?;
        let mut rows = serde_json::Map::new();
        for file in &mut self.tables {
            let before = file.sink.records();
            file.table.write_report(report, &mut file.sink)?;
            let written = file.sink.records().saturating_sub(before);
            if written > 0 {
                rows.insert(file.table.name().to_string(), written.into());
            }
        }
        let copies: Vec<&str> = report
            .source
            .paths
            .iter()
            .map(String::as_str)
            .filter(|p| *p != report.source.path)
            .collect();
        let written = self.write_copies(
            Some(&report.report_id),
            &report.source.path,
            &report.source.sha256,
            &copies,
        )?;
        if written > 0 {
            rows.insert(DUPLICATES.name.to_string(), written.into());
        }
        if let Some(manifest) = &mut self.manifest {
            let entry = serde_json::json!({
                "path": report.source.path,
                "report_id": report.report_id,
                "rows": rows,
            });
            write_json_line(manifest, &entry)?;
        }
        if self.options.per_report_json {
            let mut pretty = serde_json::to_vec_pretty(report).map_err(json_error)?;
            pretty.push(b'\n');
            write_atomically(&self.per_report_path(&report.report_id)?, &pretty)?;
        }
        self.seen_ids
            .insert(report.report_id.clone(), report.source.path.clone());
        self.summary.reports += 1;
        self.summary.issues += u64::try_from(report.issues.len()).unwrap_or(u64::MAX);
        Ok(())
    }

    /// Appends one input that did not become a report to `errors.csv`.
    pub fn add_error(&mut self, error: &ErrorRow) -> Result<(), ExportError> {
        self.add_error_with_copies(error, &[])
    }

    /// Appends one input that did not become a report to `errors.csv`, and
    /// the other paths with the same bytes (`copies`) to `duplicates.csv`.
    pub fn add_error_with_copies(
        &mut self,
        error: &ErrorRow,
        copies: &[&str],
    ) -> Result<(), ExportError> {
        let row = Row {
            report_id: "",
            index: 0,
            item: error,
        };
        ERRORS.write_row(&row, &mut self.errors)?;
        let sha256 = error.sha256.as_deref().unwrap_or_default();
        let written = self.write_copies(None, &error.path, sha256, copies)?;
        if let Some(manifest) = &mut self.manifest {
            let mut rows = serde_json::Map::new();
            rows.insert(ERRORS.name.to_string(), 1.into());
            if written > 0 {
                rows.insert(DUPLICATES.name.to_string(), written.into());
            }
            let entry = serde_json::json!({
                "path": error.path,
                "report_id": null,
                "rows": rows,
            });
            write_json_line(manifest, &entry)?;
        }
        self.summary.errors += 1;
        Ok(())
    }

    /// Copies whose report was written earlier: only rows of duplicates.csv
    /// (and a manifest line for `input`, without a report, so a merge keeps
    /// their place).
    fn add_copies(
        &mut self,
        input: &str,
        report_id: Option<&str>,
        same_as: &str,
        sha256: &str,
        copies: &[&str],
    ) -> Result<(), ExportError> {
        let written = self.write_copies(report_id, same_as, sha256, copies)?;
        if let Some(manifest) = &mut self.manifest {
            let entry = serde_json::json!({
                "path": input,
                "report_id": null,
                "rows": { DUPLICATES.name: written },
            });
            write_json_line(manifest, &entry)?;
        }
        Ok(())
    }

    /// Writes one duplicates.csv row per copy; returns how many.
    fn write_copies(
        &mut self,
        report_id: Option<&str>,
        same_as: &str,
        sha256: &str,
        copies: &[&str],
    ) -> Result<u64, ExportError> {
        for path in copies {
            let item = DuplicateRow {
                path: (*path).to_string(),
                report_id: report_id.map(str::to_string),
                same_as: same_as.to_string(),
                sha256: sha256.to_string(),
            };
            let row = Row {
                report_id: "",
                index: 0,
                item: &item,
            };
            DUPLICATES.write_row(&row, &mut self.duplicates)?;
        }
        let written = u64::try_from(copies.len()).unwrap_or(u64::MAX);
        self.summary.duplicates += written;
        Ok(written)
    }

    /// Writes `schema.json` and `datapackage.json` and renames every file into place.
    pub fn finish(self) -> Result<Summary, ExportError> {
        let sharded = self.manifest.is_some();
        // Every file complete under its temporary name first, then all
        // renamed as one set (a kill in between is completed by the next
        // run's `commit_set::recover`).
        let mut set = Vec::new();
        for file in self.tables {
            set.push(file.sink.into_inner()?.prepare(true)?);
        }
        set.push(self.errors.into_inner()?.prepare(true)?);
        set.push(self.duplicates.into_inner()?.prepare(true)?);
        set.push(self.jsonl.prepare(true)?);
        if let Some(manifest) = self.manifest {
            set.push(manifest.prepare(true)?);
        }
        set.push(prepare_small(
            &self.out_dir.join("schema.json"),
            report_schema_json()?.as_bytes(),
        )?);
        set.push(prepare_small(
            &self.out_dir.join("datapackage.json"),
            datapackage_json()?.as_bytes(),
        )?);
        let (parquet, gone) = parquet_of_set(&self.out_dir, &set, self.options.parquet)?;
        set.extend(parquet);
        commit_all(&self.out_dir, set, &gone)?;
        let ids = &self.seen_ids;
        let kept = |id: &str| ids.contains_key(id);
        let written = Written {
            per_report: self
                .options
                .per_report_json
                .then_some(&kept as &dyn Fn(&str) -> bool),
            shard_manifest: sharded,
        };
        remove_stale_outputs(&self.out_dir, &written)?;
        Ok(self.summary)
    }

    /// The ids come from a content hash, but they are data: refuse anything
    /// that could leave the `reports/` folder.
    fn per_report_path(&self, report_id: &str) -> Result<PathBuf, ExportError> {
        let safe = !report_id.is_empty()
            && report_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !safe {
            return Err(ExportError::BadReportId(report_id.to_string()));
        }
        Ok(self
            .out_dir
            .join(PER_REPORT_DIR)
            .join(format!("{report_id}.json")))
    }
}
