//! What can stop the site from being written. A report whose source is gone
//! or whose pages cannot be drawn is no error: its page says so.

use std::path::PathBuf;

/// A failure to write the site.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// A file or folder of the site could not be written.
    #[error("could not write {path}: {source}")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The reports' tables could not be built.
    #[error("could not lay out the values of report {report_id}: {message}")]
    Values {
        /// The report.
        report_id: String,
        /// What went wrong.
        message: String,
    },
}

impl ReviewError {
    pub(crate) fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        ReviewError::Write {
            path: path.into(),
            source,
        }
    }
}
