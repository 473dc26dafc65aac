//! Reports in, files out: writes a batch of [`skjema_model::Report`]s as
//! `reports.jsonl` (and optionally one JSON file per report), one tidy CSV
//! per list of the model keyed by `report_id`, `errors.csv` for inputs that
//! did not become a report, `schema.json` and `datapackage.json`.
//!
//! Every CSV's columns are defined once, in [`report_tables`], [`ERRORS`]
//! and [`DUPLICATES`]; headers, rows and the data package all read that
//! definition. Inputs with the same bytes are one report: the other paths
//! (`source.paths`) become rows of `duplicates.csv`, so no key repeats.
//! Files are streamed to hidden temporaries and renamed into place as one
//! set by [`BatchWriter::finish`] (a redo log, [`COMMIT_LOG`], lets
//! [`recover_interrupted_commit`] complete a set a kill interrupted), so a
//! batch never leaves a half-written file nor a mix of two runs.
//! [`merge_shards`] turns the outputs of shard runs back into the files of
//! one run. With [`ExportOptions::parquet`] every table is also written as
//! Parquet; [`record_batch`] builds any table of reports in memory as an
//! Arrow record batch with the same types, for callers that want the typed
//! tables without files. A new table (say, `fields.csv`) is one more
//! [`ListTable`] in [`report_tables`]: CSV, Parquet, `datapackage.json` and
//! the codebook all follow from it.
//!
//! ```
//! use skjema_exporter::{BatchWriter, ErrorKind, ErrorRow, ExportOptions};
//! use skjema_model::Report;
//! let out = tempfile::tempdir().unwrap();
//! let mut batch = BatchWriter::create(out.path(), &ExportOptions::default()).unwrap();
//! batch.add_report(&Report::empty("0123456789abcdef", "moss.pdf", "application/pdf")).unwrap();
//! batch.add_error(&ErrorRow {
//!     path: "empty.pdf".into(),
//!     sha256: None,
//!     kind: ErrorKind::Empty,
//!     reason: "empty.pdf is empty (0 bytes); expected a PDF or text report.".into(),
//! }).unwrap();
//! let summary = batch.finish().unwrap();
//! assert_eq!((summary.reports, summary.errors), (1, 1));
//! assert!(out.path().join("households.csv").exists());
//! ```

mod arrow_tables;
mod batch;
mod cell;
mod codebook;
mod columns;
mod commit_set;
mod csv_sink;
mod datapackage;
mod dates;
mod duplicates_table;
mod error;
mod errors_table;
mod locate;
mod merge;
mod pending_file;
mod report_tables;
mod schema;
mod stale;

pub use arrow_tables::{
    arrow_schema, arrow_type, csv_record_batch, csv_to_parquet, record_batch, ArrowSink,
};
pub use batch::{
    output_file_names, table_files, BatchWriter, ExportOptions, ShardInfo, Summary, PER_REPORT_DIR,
    REPORTS_JSONL, SHARD_FORMAT, SHARD_MANIFEST,
};
pub use cell::{Cell, LIST_SEPARATOR};
pub use codebook::codebook_markdown;
pub use columns::{Column, FieldInfo, FieldKind, RecordSink, Row, TableSpec};
pub use commit_set::{recover as recover_interrupted_commit, COMMIT_LOG};
pub use csv_sink::CsvSink;
pub use datapackage::{datapackage, datapackage_json};
pub use dates::{PartialDate, Precision};
pub use duplicates_table::{DuplicateRow, DUPLICATES};
pub use error::ExportError;
pub use errors_table::{ErrorKind, ErrorRow, ERRORS};
pub use locate::{locate, Location};
pub use merge::merge_shards;
pub use report_tables::{
    report_tables, round_coordinate, round_coordinates, ListTable, LocatedIssue, ProvenanceEntry,
    ReportTable, TableCell,
};
pub use schema::report_schema_json;
