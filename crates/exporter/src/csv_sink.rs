//! A CSV writer that takes typed cells: RFC 4180 quoting (commas, quotes and
//! line breaks inside a cell are quoted by the `csv` crate), `\n` line ends,
//! UTF-8 without a byte-order mark.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cell::Cell;
use crate::columns::RecordSink;
use crate::error::ExportError;

/// A CSV writer that remembers which file it writes, for error messages.
pub struct CsvSink<W: Write> {
    path: PathBuf,
    writer: csv::Writer<W>,
    records: u64,
    /// Where number cells are formatted, reused from cell to cell.
    scratch: String,
}

impl<W: Write> CsvSink<W> {
    /// Starts a CSV file; `path` names it in errors.
    pub fn new(path: &Path, inner: W) -> Self {
        CsvSink {
            path: path.to_path_buf(),
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(inner),
            records: 0,
            scratch: String::new(),
        }
    }

    /// Writes the header record.
    pub fn write_header(&mut self, names: &[&str]) -> Result<(), ExportError> {
        self.writer
            .write_record(names)
            .map_err(|source| self.csv_error(source))
    }

    /// Data records written so far (the header is not counted).
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Flushes and hands back the inner writer.
    pub fn into_inner(self) -> Result<W, ExportError> {
        let path = self.path;
        self.writer.into_inner().map_err(|e| ExportError::Write {
            path,
            source: std::io::Error::other(e.error().to_string()),
        })
    }

    fn csv_error(&self, source: csv::Error) -> ExportError {
        ExportError::Csv {
            path: self.path.clone(),
            source,
        }
    }
}

impl<W: Write> RecordSink for CsvSink<W> {
    fn write_cells(&mut self, cells: &[Cell<'_>]) -> Result<(), ExportError> {
        for cell in cells {
            let text = cell.render_into(&mut self.scratch);
            if let Err(source) = self.writer.write_field(text.as_bytes()) {
                return Err(self.csv_error(source));
            }
        }
        self.writer
            .write_record(None::<&[u8]>)
            .map_err(|source| self.csv_error(source))?;
        self.records += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(cells: &[Cell<'_>]) -> String {
        let mut sink = CsvSink::new(Path::new("test.csv"), Vec::new());
        sink.write_cells(cells).unwrap();
        String::from_utf8(sink.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn commas_quotes_and_newlines_are_quoted() {
        let line = written(&[
            Cell::text("Bo trygt, Moss"),
            Cell::text("«TAK» \"på\" eget liv"),
            Cell::text("linje 1\nlinje 2"),
            Cell::text("plain"),
        ]);
        assert_eq!(
            line,
            "\"Bo trygt, Moss\",\"«TAK» \"\"på\"\" eget liv\",\"linje 1\nlinje 2\",plain\n"
        );
    }

    #[test]
    fn quoted_cells_read_back_unchanged() {
        let tricky = "a,b \"c\"\r\nd";
        let line = written(&[Cell::text(tricky), Cell::Null, Cell::Int(7)]);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(&record[0], tricky);
        assert_eq!(&record[1], "");
        assert_eq!(&record[2], "7");
    }

    #[test]
    fn a_row_of_nulls_is_a_row_of_empty_cells() {
        assert_eq!(written(&[Cell::Null, Cell::Null, Cell::Null]), ",,\n");
    }
}
