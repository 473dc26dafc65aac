//! The one place a CSV's columns are defined. Each table is a list of
//! (name, description, type, getter); the header, every row, and the
//! Frictionless Table Schema in `datapackage.json` are all read from it, so a
//! column cannot appear in one and be missing from another.

use crate::cell::Cell;
use crate::error::ExportError;

/// The type of a column, as the codebook and `datapackage.json` state it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free or coded text.
    Text,
    /// A whole number.
    Integer,
    /// A decimal number.
    Number,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A date and time without time zone, `YYYY-MM-DDTHH:MM:SS`.
    DateTime,
}

impl FieldKind {
    /// The Frictionless Table Schema type name.
    pub fn table_schema_type(self) -> &'static str {
        match self {
            FieldKind::Text => "string",
            FieldKind::Integer => "integer",
            FieldKind::Number => "number",
            FieldKind::Date => "date",
            FieldKind::DateTime => "datetime",
        }
    }
}

/// Name, meaning and type of one column, without the getter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldInfo {
    /// Column name in the header.
    pub name: &'static str,
    /// What the column holds, for the codebook.
    pub description: &'static str,
    /// Its type.
    pub kind: FieldKind,
}

/// What a getter sees: the item and where it sits.
#[derive(Debug)]
pub struct Row<'a, T> {
    /// The report the item belongs to ("" for rows that belong to none).
    pub report_id: &'a str,
    /// 0-based position of the item in its list.
    pub index: usize,
    /// The item.
    pub item: &'a T,
}

/// One column of a table: how it is named, described, typed and read.
pub struct Column<T: 'static> {
    /// Column name in the header.
    pub name: &'static str,
    /// What the column holds, for the codebook.
    pub description: &'static str,
    /// Its type.
    pub kind: FieldKind,
    /// Reads the cell from a row.
    pub get: for<'a> fn(&Row<'a, T>) -> Cell<'a>,
}

const REPORT_ID: FieldInfo = FieldInfo {
    name: "report_id",
    description: "Id of the report this row belongs to (first 16 hex digits of the source's SHA-256); joins to reports.csv.",
    kind: FieldKind::Text,
};

const ROW: FieldInfo = FieldInfo {
    name: "row",
    description: "0-based position of the row in its list within the report.",
    kind: FieldKind::Integer,
};

/// A CSV file's layout: leading key columns plus the table's own columns.
pub struct TableSpec<T: 'static> {
    /// File name without `.csv`; also the resource name in `datapackage.json`.
    pub name: &'static str,
    /// What one row is.
    pub description: &'static str,
    /// Whether the first column is `report_id`, a foreign key to reports.csv.
    pub report_key: bool,
    /// Whether a `row` index column follows (for lists without a natural key).
    pub row_index: bool,
    /// The table's own columns.
    pub columns: &'static [Column<T>],
    /// Columns that identify a row.
    pub primary_key: &'static [&'static str],
}

/// Where records go; a CSV writer in production, anything in tests.
pub trait RecordSink {
    /// Writes one record.
    fn write_cells(&mut self, cells: &[Cell<'_>]) -> Result<(), ExportError>;
}

impl<T> TableSpec<T> {
    /// Every column in file order, key columns first.
    pub fn fields(&self) -> Vec<FieldInfo> {
        let keys = [(self.report_key, REPORT_ID), (self.row_index, ROW)];
        keys.into_iter()
            .filter_map(|(present, field)| present.then_some(field))
            .chain(self.columns.iter().map(|c| FieldInfo {
                name: c.name,
                description: c.description,
                kind: c.kind,
            }))
            .collect()
    }

    /// The header record.
    pub fn header(&self) -> Vec<&'static str> {
        self.fields().iter().map(|f| f.name).collect()
    }

    /// Writes one item as one record.
    pub fn write_row(
        &self,
        row: &Row<'_, T>,
        sink: &mut dyn RecordSink,
    ) -> Result<(), ExportError> {
        let mut cells = Vec::with_capacity(self.columns.len() + 2);
        if self.report_key {
            cells.push(Cell::text(row.report_id));
        }
        if self.row_index {
            cells.push(Cell::index(row.index));
        }
        cells.extend(self.columns.iter().map(|c| (c.get)(row)));
        sink.write_cells(&cells)
    }
}
