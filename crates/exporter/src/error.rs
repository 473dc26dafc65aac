//! Errors of the exporter: every one names the file it was about, because a
//! batch writes a dozen files and "permission denied" alone helps nobody.

use std::path::PathBuf;

/// Why writing a batch's files failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The output directory could not be created or written to.
    #[error("cannot write to the output directory {path}: {source}")]
    OutputDir {
        /// The directory.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Writing one output file failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file being written.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A CSV record could not be written.
    #[error("cannot write a CSV record to {path}: {source}")]
    Csv {
        /// The file being written.
        path: PathBuf,
        /// The cause.
        source: csv::Error,
    },
    /// A report or schema could not be serialised as JSON.
    #[error("cannot serialise {what} as JSON: {source}")]
    Json {
        /// What was being serialised.
        what: String,
        /// The cause.
        source: serde_json::Error,
    },
    /// A report id that cannot be used as a file name.
    #[error("report id {0:?} cannot be used as a file name")]
    BadReportId(String),
    /// A file could not be read (when merging shard outputs).
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file being read.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A table could not be built as Arrow columns or written as Parquet.
    #[error("cannot write a Parquet table: {0}")]
    Arrow(String),
    /// Shard outputs that cannot be merged into one dataset.
    #[error("cannot merge the shard outputs: {0}")]
    Merge(String),
}
