//! `duplicates.csv`: input files whose bytes another input of the batch
//! already had. Same bytes are read once and give one report (or one row of
//! errors.csv); every further path is a row here, so each input path is in
//! exactly one of reports.csv (`source_path`), errors.csv and this file,
//! and no key of any table is ever repeated.

use crate::cell::Cell;
use crate::columns::{Column, FieldKind, Row, TableSpec};

/// One input that is a byte-for-byte copy of another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateRow {
    /// Path of the copy.
    pub path: String,
    /// The report its bytes became, or none when they became a row of errors.csv.
    pub report_id: Option<String>,
    /// The path that was read for these bytes.
    pub same_as: String,
    /// SHA-256 of the bytes.
    pub sha256: String,
}

/// Layout of `duplicates.csv`.
pub static DUPLICATES: TableSpec<DuplicateRow> = TableSpec {
    name: "duplicates",
    description: "One row per input file whose bytes another input already had: it adds no rows to any other table.",
    report_key: false,
    row_index: false,
    columns: &[
        Column {
            name: "path",
            description: "Path of the copy, as given on the command line or found under a given folder.",
            kind: FieldKind::Text,
            get: |r: &Row<'_, DuplicateRow>| Cell::text(&r.item.path),
        },
        Column {
            name: "report_id",
            description: "The report these bytes became (joins to reports.csv); empty when they are in errors.csv instead.",
            kind: FieldKind::Text,
            get: |r| Cell::opt_text(r.item.report_id.as_deref()),
        },
        Column {
            name: "same_as",
            description: "The path that was read for these bytes: source_path in reports.csv, or path in errors.csv.",
            kind: FieldKind::Text,
            get: |r| Cell::text(&r.item.same_as),
        },
        Column {
            name: "sha256",
            description: "SHA-256 of the bytes (lower-case hex).",
            kind: FieldKind::Text,
            get: |r| Cell::text(&r.item.sha256),
        },
    ],
    primary_key: &["path"],
};
