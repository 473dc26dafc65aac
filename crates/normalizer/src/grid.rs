//! The intermediate both input paths produce and the one mapper reads: each
//! table of a kind as a [`Block`] of [`Record`]s (a row's label and its
//! cells by column role), every cell with the page, box and raw text it
//! came from.
//!
//! The PDF path (`tables/`) reads blocks from table grids, finding the
//! header rows by the form's column headers; the transcript path
//! (`text_tables/`) reads them from running text, placing a value in a
//! cell only when the order of the text decides it and leaving a [`Note`]
//! otherwise. What a cell means, how its text becomes a value and which
//! issue a doubtful value raises is the mapper's (`mapper/`), the same for
//! both.

use std::collections::BTreeMap;

use skjema_extractor::BBox;
use skjema_model::{IssueCode, Provenance, Severity};

use crate::values::join_wrapped_lines;

/// One cell's text and where it stands.
#[derive(Debug, Clone)]
pub struct Value {
    /// Cleaned text, lines joined as prose; `None` when blank.
    pub text: Option<String>,
    /// The text as extracted (a PDF cell's lines joined by "\n").
    pub raw: String,
    /// 1-based page.
    pub page: u32,
    /// The cell's box (PDF points), `None` for text input.
    pub bbox: Option<BBox>,
    /// The text begins with the rest of a word a page break cut ("t" of
    /// "Forsinke" / "t").
    pub starts_with_fragment: bool,
}

impl Value {
    /// A value read from running text: no box, the raw text as written.
    pub fn from_text(text: Option<String>, raw: String, page: u32) -> Value {
        Value {
            text,
            raw,
            page,
            bbox: None,
            starts_with_fragment: false,
        }
    }

    /// Where the value was read, for `provenance`.
    pub fn provenance(&self) -> Provenance {
        Provenance {
            page: self.page,
            bbox: self.bbox.map(|b| b.to_array()),
            raw: self.raw.clone(),
        }
    }

    /// Appends the part of the value that went on in the next row or page.
    pub fn append(&mut self, more: &Value) {
        self.text = match (self.text.take(), &more.text) {
            // A word the page break cut in two ("Forsinke" / "t").
            (Some(a), Some(b))
                if more.starts_with_fragment
                    && a.split_whitespace().next_back().is_some_and(|w| {
                        w.chars().count() >= 5 && w.ends_with(char::is_alphabetic)
                    }) =>
            {
                Some(format!("{a}{b}"))
            }
            (Some(a), Some(b)) => Some(join_wrapped_lines(&[a.as_str(), b.as_str()])),
            (a, b) => a.or_else(|| b.clone()),
        };
        self.raw = match (self.raw.is_empty(), more.raw.is_empty()) {
            (true, _) => more.raw.clone(),
            (false, true) => std::mem::take(&mut self.raw),
            (false, false) => format!("{}\n{}", self.raw, more.raw),
        };
        if self.bbox.is_none() || more.page == self.page {
            self.bbox = match (self.bbox, more.bbox) {
                (Some(a), Some(b)) if more.page == self.page => Some(a.union(&b)),
                (a, b) => a.or(b),
            };
        }
    }
}

/// A value's text as extracted ([`Value::raw`]) as its lines that are not
/// blank, trimmed: what a cell's lines are joined or glued from.
pub fn raw_lines(raw: &str) -> Vec<&str> {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// A value the reader saw but could not place in a cell, or a doubt about
/// a row or table, for the mapper to raise as an issue on the right path.
#[derive(Debug, Clone)]
pub struct Note {
    /// The column role it concerns; `None` for the whole row (or table).
    pub role: Option<String>,
    /// The issue code.
    pub code: IssueCode,
    /// How serious.
    pub severity: Severity,
    /// 1-based page, when known.
    pub page: Option<u32>,
    /// The text seen (numbers, tick marks …).
    pub raw: Option<String>,
    /// One clear English sentence.
    pub message: String,
}

/// One data row of a table kind.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The row's label: the cells before the first column with a role.
    pub label: Option<Value>,
    /// Cells by column role.
    pub cells: BTreeMap<String, Value>,
    /// The whole row as written, when the reader could not split it into
    /// cells (provenance of the row).
    pub whole: Option<Value>,
    /// Values of the row the reader could not place.
    pub notes: Vec<Note>,
}

impl Record {
    /// Cleaned text of a role's cell.
    pub fn text(&self, role: &str) -> Option<&str> {
        self.cells.get(role).and_then(|v| v.text.as_deref())
    }

    /// Cleaned text of the label.
    pub fn label_text(&self) -> Option<&str> {
        self.label.as_ref().and_then(|v| v.text.as_deref())
    }

    /// Whether no cell of the row holds any text.
    pub fn cells_blank(&self) -> bool {
        self.cells.values().all(|v| v.text.is_none())
    }
}

/// One table of a kind: its rows, what its header says and where it stands.
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// The heading the table sits under (its goal area), if any.
    pub area: Option<String>,
    /// The header text above the label column ("1.1 Anskaffe og beholde
    /// bolig", a partner group's name).
    pub corner: Option<String>,
    /// For each column role, the header text above it, header rows joined
    /// top to bottom and a cell's lines kept apart by "\n" (dates printed
    /// in a header are read from here).
    pub titles: BTreeMap<String, String>,
    /// The data rows in order.
    pub records: Vec<Record>,
    /// Doubts about the table as a whole.
    pub notes: Vec<Note>,
    /// 1-based page where the table starts.
    pub page: u32,
}
