//! Errors of the extractor.

/// Why a document could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The input has no bytes.
    #[error("the file is empty (0 bytes)")]
    Empty,
    /// The input is neither a PDF nor readable text.
    #[error("not a PDF or text document: the content is binary data of another kind")]
    NotADocument,
    /// The PDF could not be parsed.
    #[error("the PDF is damaged and could not be read: {0}")]
    BrokenPdf(String),
    /// The PDF needs a password.
    #[error("the PDF is encrypted with a password")]
    Encrypted,
    /// Reading it took more processor time or memory than its budget
    /// ([`crate::budget::Budget`]); the work was stopped.
    #[error("reading it went over its {0}")]
    OverBudget(crate::budget::Exceeded),
    /// Something this extractor does not handle yet.
    #[error("unsupported input: {0}")]
    Unsupported(String),
}
