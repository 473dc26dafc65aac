//! The tables as Arrow record batches and Parquet files, with the types of
//! the Table Schema: built from the same column tables and typed cells that
//! write the CSV files, so the two cannot disagree.
//!
//! [`record_batch`] turns reports in memory into one table's record batch
//! (for callers that hand tables to Python or DuckDB without files);
//! [`csv_to_parquet`] writes a finished CSV of a batch as Parquet, streaming
//! in row groups so memory does not grow with the batch.
//!
//! ```
//! use skjema_exporter::{record_batch, report_tables};
//! use skjema_model::Report;
//! let report = Report::empty("0123456789abcdef", "moss.pdf", "application/pdf");
//! let reports = report_tables()[0];
//! let batch = record_batch(reports, &[report]).unwrap();
//! assert_eq!(batch.num_rows(), 1);
//! assert_eq!(batch.schema().field(0).name(), "report_id");
//! ```

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, Date32Builder, Float64Builder, Int64Builder, StringBuilder,
    TimestampMillisecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use skjema_model::Report;

use crate::cell::Cell;
use crate::columns::{FieldInfo, FieldKind, RecordSink};
use crate::dates::PartialDate;
use crate::error::ExportError;
use crate::pending_file::{PendingFile, Prepared};
use crate::report_tables::ReportTable;

/// Rows per Parquet row group (and per record batch while converting).
const ROW_GROUP: usize = 65_536;

/// The Arrow type of a column type.
pub fn arrow_type(kind: FieldKind) -> DataType {
    match kind {
        FieldKind::Text => DataType::Utf8,
        FieldKind::Integer => DataType::Int64,
        FieldKind::Number => DataType::Float64,
        FieldKind::Date => DataType::Date32,
        FieldKind::DateTime => DataType::Timestamp(TimeUnit::Millisecond, None),
    }
}

/// The Arrow schema of a table: every column nullable, its description kept
/// as field metadata.
pub fn arrow_schema(fields: &[FieldInfo]) -> SchemaRef {
    let fields: Vec<Field> = fields
        .iter()
        .map(|f| {
            Field::new(f.name, arrow_type(f.kind), true).with_metadata(HashMap::from([(
                "description".to_string(),
                f.description.to_string(),
            )]))
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// One column being built.
enum Builder {
    Text(StringBuilder),
    Integer(Int64Builder),
    Number(Float64Builder),
    Date(Date32Builder),
    DateTime(TimestampMillisecondBuilder),
}

impl Builder {
    fn new(kind: FieldKind) -> Self {
        match kind {
            FieldKind::Text => Builder::Text(StringBuilder::new()),
            FieldKind::Integer => Builder::Integer(Int64Builder::new()),
            FieldKind::Number => Builder::Number(Float64Builder::new()),
            FieldKind::Date => Builder::Date(Date32Builder::new()),
            FieldKind::DateTime => Builder::DateTime(TimestampMillisecondBuilder::new()),
        }
    }

    /// Appends a cell; a cell of another type than the column's is a bug in
    /// a column table, reported with the column's name.
    fn push(&mut self, cell: &Cell<'_>, column: &str) -> Result<(), ExportError> {
        let mismatch = || {
            ExportError::Arrow(format!(
                "column {column} got a value of another type ({cell:?})"
            ))
        };
        match (self, cell) {
            (Builder::Text(b), Cell::Null) => b.append_null(),
            // An empty cell of the CSV is null (the CSV cannot tell them
            // apart); in Arrow too, so tables made from reports in memory
            // and the Parquet files made from the CSV agree.
            (Builder::Text(b), Cell::Text(text)) if text.is_empty() => b.append_null(),
            (Builder::Text(b), Cell::Text(text)) => b.append_value(text),
            (Builder::Integer(b), Cell::Null) => b.append_null(),
            (Builder::Integer(b), Cell::Int(v)) => b.append_value(*v),
            (Builder::Number(b), Cell::Null) => b.append_null(),
            (Builder::Number(b), Cell::Num(v)) => {
                if v.is_finite() {
                    b.append_value(*v);
                } else {
                    b.append_null();
                }
            }
            (Builder::Number(b), Cell::Int(v)) => b.append_value(*v as f64),
            (Builder::Date(b), Cell::Null) => b.append_null(),
            (Builder::Date(b), Cell::Date(d)) => b.append_value(d.days_since_epoch()),
            (Builder::DateTime(b), Cell::Null) => b.append_null(),
            (Builder::DateTime(b), Cell::DateTime(d) | Cell::Date(d)) => {
                b.append_value(d.seconds_since_epoch() * 1000);
            }
            _ => return Err(mismatch()),
        }
        Ok(())
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Integer(b) => Arc::new(b.finish()),
            Builder::Number(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
            Builder::DateTime(b) => Arc::new(b.finish().with_timezone_opt(None::<String>)),
        }
    }

    fn len(&self) -> usize {
        match self {
            Builder::Text(b) => b.len(),
            Builder::Integer(b) => b.len(),
            Builder::Number(b) => b.len(),
            Builder::Date(b) => b.len(),
            Builder::DateTime(b) => b.len(),
        }
    }
}

/// A [`RecordSink`] that collects typed cells into Arrow columns.
pub struct ArrowSink {
    fields: Vec<FieldInfo>,
    schema: SchemaRef,
    builders: Vec<Builder>,
}

impl ArrowSink {
    /// A sink for a table with these columns.
    pub fn new(fields: &[FieldInfo]) -> Self {
        ArrowSink {
            fields: fields.to_vec(),
            schema: arrow_schema(fields),
            builders: fields.iter().map(|f| Builder::new(f.kind)).collect(),
        }
    }

    /// The table's Arrow schema.
    pub fn schema(&self) -> SchemaRef {
        Arc::clone(&self.schema)
    }

    /// Rows collected since the last batch.
    pub fn rows(&self) -> usize {
        self.builders.first().map_or(0, Builder::len)
    }

    /// The rows collected so far as a record batch; the sink starts empty again.
    pub fn finish_batch(&mut self) -> Result<RecordBatch, ExportError> {
        let columns: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        RecordBatch::try_new(self.schema(), columns).map_err(|e| ExportError::Arrow(e.to_string()))
    }
}

impl RecordSink for ArrowSink {
    fn write_cells(&mut self, cells: &[Cell<'_>]) -> Result<(), ExportError> {
        if cells.len() != self.builders.len() {
            return Err(ExportError::Arrow(format!(
                "a row has {} cells for {} columns",
                cells.len(),
                self.builders.len()
            )));
        }
        for ((builder, cell), field) in self.builders.iter_mut().zip(cells).zip(&self.fields) {
            builder.push(cell, field.name)?;
        }
        Ok(())
    }
}

/// One table of these reports as an Arrow record batch, typed as in
/// `datapackage.json` (string, int64, float64, date32, timestamp[ms]).
pub fn record_batch(
    table: &dyn ReportTable,
    reports: &[Report],
) -> Result<RecordBatch, ExportError> {
    let mut sink = ArrowSink::new(&table.fields());
    for report in reports {
        table.write_report(report, &mut sink)?;
    }
    sink.finish_batch()
}

/// A CSV cell as the skjema exporter wrote it, read back as a typed cell.
fn typed_cell<'a>(text: &'a str, kind: FieldKind, column: &str) -> Result<Cell<'a>, ExportError> {
    if text.is_empty() {
        return Ok(Cell::Null);
    }
    let bad = || ExportError::Arrow(format!("column {column}: {text:?} is not of type {kind:?}"));
    Ok(match kind {
        FieldKind::Text => Cell::text(text),
        FieldKind::Integer => Cell::Int(text.parse().map_err(|_| bad())?),
        FieldKind::Number => Cell::Num(text.parse().map_err(|_| bad())?),
        FieldKind::Date => Cell::Date(PartialDate::parse(text).ok_or_else(bad)?),
        FieldKind::DateTime => Cell::DateTime(PartialDate::parse(text).ok_or_else(bad)?),
    })
}

fn parquet_error(path: &Path, err: impl std::fmt::Display) -> ExportError {
    ExportError::Arrow(format!("{}: {err}", path.display()))
}

/// Reads the CSV file `csv_path` (written by skjema, with these columns)
/// as typed record batches of at most `rows_per_batch` rows, handing each
/// to `each`; a file with no rows gives one empty batch.
fn read_csv_batches(
    csv_path: &Path,
    fields: &[FieldInfo],
    rows_per_batch: usize,
    mut each: impl FnMut(RecordBatch) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(csv_path)
        .map_err(|source| ExportError::Csv {
            path: csv_path.to_path_buf(),
            source,
        })?;
    let mut sink = ArrowSink::new(fields);
    let mut record = csv::StringRecord::new();
    let mut handed = false;
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|source| ExportError::Csv {
                path: csv_path.to_path_buf(),
                source,
            })?;
        if !more {
            break;
        }
        let cells = record
            .iter()
            .zip(fields)
            .map(|(text, field)| typed_cell(text, field.kind, field.name))
            .collect::<Result<Vec<_>, _>>()?;
        sink.write_cells(&cells)?;
        if sink.rows() >= rows_per_batch {
            each(sink.finish_batch()?)?;
            handed = true;
        }
    }
    let batch = sink.finish_batch()?;
    if batch.num_rows() > 0 || !handed {
        each(batch)?;
    }
    Ok(())
}

/// The CSV file `csv_path` (written by skjema, with these columns) as one
/// typed record batch: the same types and values as [`csv_to_parquet`]
/// writes, for callers that want a finished table in memory.
pub fn csv_record_batch(csv_path: &Path, fields: &[FieldInfo]) -> Result<RecordBatch, ExportError> {
    let mut whole = None;
    read_csv_batches(csv_path, fields, usize::MAX, |batch| {
        whole = Some(batch);
        Ok(())
    })?;
    whole.ok_or_else(|| ExportError::Arrow(format!("{}: no rows read", csv_path.display())))
}

/// Writes the CSV file `csv_path` (written by skjema, with these columns) as
/// Parquet at `parquet_path`, replacing it whole when done.
pub fn csv_to_parquet(
    csv_path: &Path,
    fields: &[FieldInfo],
    parquet_path: &Path,
) -> Result<(), ExportError> {
    parquet_file(csv_path, fields, parquet_path)?.commit(true)
}

/// [`csv_to_parquet`] left complete under its temporary name, to be renamed
/// into place with the CSV files as one set ([`crate::commit_set`]).
pub(crate) fn csv_to_parquet_prepared(
    csv_path: &Path,
    fields: &[FieldInfo],
    parquet_path: &Path,
) -> Result<Prepared, ExportError> {
    parquet_file(csv_path, fields, parquet_path)?.prepare(true)
}

/// The Parquet file of a CSV file, written and flushed, not yet in place.
fn parquet_file(
    csv_path: &Path,
    fields: &[FieldInfo],
    parquet_path: &Path,
) -> Result<PendingFile, ExportError> {
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP))
        .build();
    let file = PendingFile::create(parquet_path)?;
    let mut writer = ArrowWriter::try_new(file, arrow_schema(fields), Some(properties))
        .map_err(|e| parquet_error(parquet_path, e))?;
    read_csv_batches(csv_path, fields, ROW_GROUP, |batch| {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        writer
            .write(&batch)
            .map_err(|e| parquet_error(parquet_path, e))
    })?;
    let mut file = writer
        .into_inner()
        .map_err(|e| parquet_error(parquet_path, e))?;
    file.flush().map_err(|source| ExportError::Write {
        path: parquet_path.to_path_buf(),
        source,
    })?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{Array, Date32Array, Float64Array, Int64Array, StringArray};

    const FIELDS: &[FieldInfo] = &[
        FieldInfo {
            name: "kommune",
            description: "number as text",
            kind: FieldKind::Text,
        },
        FieldInfo {
            name: "n",
            description: "count",
            kind: FieldKind::Integer,
        },
        FieldInfo {
            name: "x",
            description: "decimal",
            kind: FieldKind::Number,
        },
        FieldInfo {
            name: "dato",
            description: "date",
            kind: FieldKind::Date,
        },
    ];

    #[test]
    fn csv_rows_become_typed_columns() {
        let dir = tempfile::tempdir().unwrap();
        let csv_path = dir.path().join("t.csv");
        std::fs::write(
            &csv_path,
            "kommune,n,x,dato\n0301,7,369.38,2014-08-01\n,,,\n",
        )
        .unwrap();
        let mut reader = csv::Reader::from_path(&csv_path).unwrap();
        let mut sink = ArrowSink::new(FIELDS);
        for record in reader.records() {
            let record = record.unwrap();
            let cells: Vec<Cell<'_>> = record
                .iter()
                .zip(FIELDS)
                .map(|(t, f)| typed_cell(t, f.kind, f.name).unwrap())
                .collect();
            sink.write_cells(&cells).unwrap();
        }
        let batch = sink.finish_batch().unwrap();
        let text = batch
            .column(0)
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap();
        assert_eq!(text.value(0), "0301");
        assert!(text.is_null(1));
        let n = batch
            .column(1)
            .as_any()
            .downcast_ref::<Int64Array>()
            .unwrap();
        assert_eq!((n.value(0), n.is_null(1)), (7, true));
        let x = batch
            .column(2)
            .as_any()
            .downcast_ref::<Float64Array>()
            .unwrap();
        assert_eq!(x.value(0), 369.38);
        let d = batch
            .column(3)
            .as_any()
            .downcast_ref::<Date32Array>()
            .unwrap();
        assert_eq!(d.value(0), 16_283); // 2014-08-01
        assert!(d.is_null(1));

        assert_eq!(csv_record_batch(&csv_path, FIELDS).unwrap(), batch);
        let empty = dir.path().join("empty.csv");
        std::fs::write(&empty, "kommune,n,x,dato\n").unwrap();
        let none = csv_record_batch(&empty, FIELDS).unwrap();
        assert_eq!((none.num_rows(), none.schema()), (0, arrow_schema(FIELDS)));

        let parquet_path = dir.path().join("t.parquet");
        csv_to_parquet(&csv_path, FIELDS, &parquet_path).unwrap();
        let bytes = std::fs::read(&parquet_path).unwrap();
        assert_eq!(&bytes[..4], b"PAR1");
        assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");
    }

    #[test]
    fn empty_text_is_null_as_in_the_csv() {
        let mut sink = ArrowSink::new(FIELDS);
        sink.write_cells(&[Cell::text(""), Cell::Null, Cell::Null, Cell::Null])
            .unwrap();
        sink.write_cells(&[Cell::text(" "), Cell::Null, Cell::Null, Cell::Null])
            .unwrap();
        let batch = sink.finish_batch().unwrap();
        let text = batch
            .column(0)
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap();
        assert!(text.is_null(0));
        assert_eq!(text.value(1), " ");
    }

    #[test]
    fn a_cell_of_the_wrong_type_is_an_error_naming_the_column() {
        let mut sink = ArrowSink::new(FIELDS);
        let err = sink
            .write_cells(&[Cell::Int(1), Cell::Int(1), Cell::Null, Cell::Null])
            .unwrap_err();
        assert!(err.to_string().contains("kommune"), "{err}");
        assert!(typed_cell("12,5", FieldKind::Number, "x").is_err());
    }
}
