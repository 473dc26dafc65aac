//! `errors.csv`: the inputs that did not become a report, one row each, with
//! a reason a person can act on. The batch goes on past every one of them.

use crate::cell::Cell;
use crate::columns::{Column, FieldKind, Row, TableSpec};

/// Why an input did not become a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Neither a PDF nor readable text.
    NotADocument,
    /// Zero bytes.
    Empty,
    /// A PDF that could not be parsed (damaged or truncated).
    BrokenPdf,
    /// A PDF that needs a password.
    Encrypted,
    /// The file could not be read.
    Io,
    /// The reader crashed on this document; the others were not affected.
    Panic,
    /// Reading took longer than allowed.
    Timeout,
    /// Something the reader does not handle yet.
    Unsupported,
    /// Text with no sign of a report: no known form, no report title, no
    /// municipality (a README, a metadata file).
    NotAReport,
    /// Larger than `--max-input-size` (refused before it was read), or it
    /// needed more memory than its budget (`--max-memory`).
    TooLarge,
}

impl ErrorKind {
    /// The snake_case name used in `errors.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::NotADocument => "not_a_document",
            ErrorKind::Empty => "empty",
            ErrorKind::BrokenPdf => "broken_pdf",
            ErrorKind::Encrypted => "encrypted",
            ErrorKind::Io => "io",
            ErrorKind::Panic => "panic",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::NotAReport => "not_a_report",
            ErrorKind::TooLarge => "too_large",
        }
    }

    /// Every kind, in the order of the enum.
    pub const ALL: [ErrorKind; 10] = [
        ErrorKind::NotADocument,
        ErrorKind::Empty,
        ErrorKind::BrokenPdf,
        ErrorKind::Encrypted,
        ErrorKind::Io,
        ErrorKind::Panic,
        ErrorKind::Timeout,
        ErrorKind::Unsupported,
        ErrorKind::NotAReport,
        ErrorKind::TooLarge,
    ];

    /// The kind named by [`ErrorKind::as_str`], if any.
    pub fn from_name(name: &str) -> Option<ErrorKind> {
        ErrorKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

/// One input that did not become a report.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorRow {
    /// Path as given on the command line or found under a given folder.
    pub path: String,
    /// SHA-256 of the bytes, when they could be read.
    pub sha256: Option<String>,
    /// What kind of failure.
    pub kind: ErrorKind,
    /// One sentence: what file, what went wrong, what was expected.
    pub reason: String,
}

/// Layout of `errors.csv`.
pub static ERRORS: TableSpec<ErrorRow> = TableSpec {
    name: "errors",
    description: "One row per input that could not be turned into a report, with the reason.",
    report_key: false,
    row_index: false,
    columns: &[
        Column {
            name: "path",
            description: "Path of the input as given on the command line or found under a given folder.",
            kind: FieldKind::Text,
            get: |r: &Row<'_, ErrorRow>| Cell::text(&r.item.path),
        },
        Column {
            name: "sha256",
            description: "SHA-256 of the input's bytes (lower-case hex); empty when the file could not be read.",
            kind: FieldKind::Text,
            get: |r| Cell::opt_text(r.item.sha256.as_deref()),
        },
        Column {
            name: "kind",
            description: "not_a_document, not_a_report, empty, broken_pdf, encrypted, io, panic, timeout, too_large or unsupported.",
            kind: FieldKind::Text,
            get: |r| Cell::text(r.item.kind.as_str()),
        },
        Column {
            name: "reason",
            description: "What went wrong with the file and what was expected, in one sentence.",
            kind: FieldKind::Text,
            get: |r| Cell::text(&r.item.reason),
        },
    ],
    primary_key: &["path"],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in ErrorKind::ALL {
            assert_eq!(ErrorKind::from_name(kind.as_str()), Some(kind));
        }
        assert_eq!(ErrorKind::from_name("nonsense"), None);
    }
}
