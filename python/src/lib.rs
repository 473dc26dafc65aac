//! `skjema._native`: the Rust side of the Python package. It runs the same
//! batch as the command line (the `skjema` library) and hands Python the
//! reports as their JSON lines and the tables as Arrow IPC streams, typed
//! as the Parquet files (`skjema_exporter::record_batch`). The Python side
//! (`python/skjema/`) wraps these in `Dataset` and turns error rows into
//! exceptions.

use std::path::{Path, PathBuf};

use arrow_array::RecordBatch;
use arrow_schema::ArrowError;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use skjema::cli::{ExtractArgs, FilterArgs, Format};
use skjema::document::{process_bytes, Outcome};
use skjema::inputs::{collect_inputs, Filter, OutputDir};
use skjema_exporter::{
    csv_record_batch, record_batch, report_tables, ErrorKind, ErrorRow, ExportOptions, DUPLICATES,
    ERRORS, REPORTS_JSONL,
};
use skjema_model::Report;

/// A finished batch in memory: the reports as written to reports.jsonl, and
/// the two tables that are not made from reports (duplicates, errors).
#[pyclass(frozen, module = "skjema._native")]
struct NativeDataset {
    lines: Vec<String>,
    reports: Vec<Report>,
    duplicates: RecordBatch,
    errors: RecordBatch,
}

#[pymethods]
impl NativeDataset {
    /// Every report's JSON, one string each, as in reports.jsonl.
    fn report_lines(&self) -> Vec<String> {
        self.lines.clone()
    }

    /// One table as the bytes of an Arrow IPC stream.
    fn table_ipc<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = py.detach(|| self.table_bytes(name))?;
        Ok(PyBytes::new(py, &bytes))
    }
}

impl NativeDataset {
    fn table_bytes(&self, name: &str) -> PyResult<Vec<u8>> {
        let batch = if name == DUPLICATES.name {
            self.duplicates.clone()
        } else if name == ERRORS.name {
            self.errors.clone()
        } else {
            let table = report_tables()
                .into_iter()
                .find(|t| t.name() == name)
                .ok_or_else(|| PyValueError::new_err(format!("no table named {name:?}")))?;
            record_batch(table, &self.reports).map_err(runtime)?
        };
        ipc_stream(&batch).map_err(runtime)
    }

    /// Reads the files a batch wrote into `out`.
    fn load(out: &Path) -> Result<Self, String> {
        let jsonl = out.join(REPORTS_JSONL);
        let text = std::fs::read_to_string(&jsonl)
            .map_err(|e| format!("{}: could not be read ({e})", jsonl.display()))?;
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let reports = lines
            .iter()
            .map(|line| serde_json::from_str::<Report>(line))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("{}: a report does not read back ({e})", jsonl.display()))?;
        let table = |name: &str, fields| {
            csv_record_batch(&out.join(format!("{name}.csv")), fields).map_err(|e| e.to_string())
        };
        Ok(NativeDataset {
            duplicates: table(DUPLICATES.name, &DUPLICATES.fields())?,
            errors: table(ERRORS.name, &ERRORS.fields())?,
            lines,
            reports,
        })
    }
}

fn runtime(err: impl std::fmt::Display) -> PyErr {
    PyRuntimeError::new_err(err.to_string())
}

fn ipc_stream(batch: &RecordBatch) -> Result<Vec<u8>, ArrowError> {
    let mut writer = arrow_ipc::writer::StreamWriter::try_new(Vec::new(), &batch.schema())?;
    writer.write(batch)?;
    writer.finish()?;
    writer.into_inner()
}

fn filter_args(include: Option<Vec<String>>, exclude: Option<Vec<String>>) -> FilterArgs {
    FilterArgs {
        include: include.unwrap_or_default(),
        exclude: exclude.unwrap_or_default(),
    }
}

/// Runs the batch of `skjema extract` over `paths` (files and folders) and
/// returns what it wrote.
#[pyfunction]
#[pyo3(signature = (paths, jobs=None, include=None, exclude=None, timeout=60))]
fn extract(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    jobs: Option<u16>,
    include: Option<Vec<String>>,
    exclude: Option<Vec<String>>,
    timeout: u64,
) -> PyResult<NativeDataset> {
    if jobs == Some(0) {
        return Err(PyValueError::new_err("jobs must be at least 1"));
    }
    let filter = filter_args(include, exclude);
    py.detach(move || {
        let out = tempfile::tempdir().map_err(runtime)?;
        let args = ExtractArgs {
            inputs: paths,
            out: out.path().to_path_buf(),
            filter,
            jobs,
            per_report_json: false,
            format: vec![Format::Csv],
            quiet: true,
            shard: None,
            timeout: timeout.max(1),
            max_memory: None,
            max_input_size: skjema::limits::DEFAULT_MAX_INPUT_SIZE,
            resume: false,
            forms: None,
            review: false,
        };
        skjema::batch::run(&args).map_err(|e| runtime(format!("{e:#}")))?;
        NativeDataset::load(out.path()).map_err(runtime)
    })
}

/// The input files `skjema extract` would read for `paths`, in its order.
#[pyfunction]
#[pyo3(signature = (paths, include=None, exclude=None))]
fn list_inputs(
    paths: Vec<PathBuf>,
    include: Option<Vec<String>>,
    exclude: Option<Vec<String>>,
) -> PyResult<Vec<String>> {
    let args = filter_args(include, exclude);
    let filter =
        Filter::new(&args.include, &args.exclude).map_err(|e| runtime(format!("{e:#}")))?;
    let collected = collect_inputs(&paths, &OutputDir::default(), &filter)
        .map_err(|e| runtime(format!("{e:#}")))?;
    Ok(collected
        .inputs
        .iter()
        .map(|input| input.path().display().to_string())
        .collect())
}

/// One document in memory: `(None, report JSON, sha256)` or
/// `(kind, reason, sha256)` when it did not become a report.
#[pyfunction]
fn extract_bytes(
    py: Python<'_>,
    data: &[u8],
    name: &str,
) -> PyResult<(Option<String>, String, Option<String>)> {
    let data = data.to_vec();
    let name = name.to_string();
    py.detach(move || match process_bytes(&name, &data) {
        Outcome::Report(report) => {
            let json = serde_json::to_string(&report).map_err(runtime)?;
            Ok((None, json, Some(report.source.sha256)))
        }
        Outcome::Error(row) => Ok((Some(row.kind.as_str().to_string()), row.reason, row.sha256)),
    })
}

/// Writes outcomes made one by one (by [`extract_bytes`], on any workers)
/// as one batch, exactly as `skjema extract` over their paths; each is
/// `(None, report JSON, sha256)` or `(kind, reason, sha256)` with its path.
#[pyfunction]
fn assemble(
    py: Python<'_>,
    outcomes: Vec<(String, Option<String>, String, Option<String>)>,
) -> PyResult<NativeDataset> {
    py.detach(move || {
        let outcomes = outcomes
            .into_iter()
            .map(|(path, kind, payload, sha256)| match kind {
                None => serde_json::from_str::<Report>(&payload)
                    .map(|report| Outcome::Report(Box::new(report)))
                    .map_err(|e| PyValueError::new_err(format!("{path}: not a report ({e})"))),
                Some(kind) => ErrorKind::from_name(&kind)
                    .map(|kind| {
                        Outcome::Error(ErrorRow {
                            path: path.clone(),
                            sha256: sha256.clone(),
                            kind,
                            reason: payload.clone(),
                        })
                    })
                    .ok_or_else(|| {
                        PyValueError::new_err(format!("{path}: no error kind {kind:?}"))
                    }),
            })
            .collect::<PyResult<Vec<_>>>()?;
        let out = tempfile::tempdir().map_err(runtime)?;
        skjema::in_memory::write_outcomes(outcomes, out.path(), &ExportOptions::default())
            .map_err(runtime)?;
        NativeDataset::load(out.path()).map_err(runtime)
    })
}

/// Every table name, in the order of datapackage.json.
#[pyfunction]
fn table_names() -> Vec<&'static str> {
    skjema_exporter::table_files()
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// Every kind of errors.csv.
#[pyfunction]
fn error_kinds() -> Vec<&'static str> {
    ErrorKind::ALL.iter().map(|k| k.as_str()).collect()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeDataset>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(assemble, m)?)?;
    m.add_function(wrap_pyfunction!(list_inputs, m)?)?;
    m.add_function(wrap_pyfunction!(table_names, m)?)?;
    m.add_function(wrap_pyfunction!(error_kinds, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
