//! Pages in, report out: recognises which form a document follows, maps its
//! fields and tables onto the canonical [`skjema_model::Report`], parses
//! Norwegian numbers, dates, names and municipalities, and raises an issue
//! for every doubtful value instead of guessing.
//!
//! Form knowledge (labels, synonyms, column headers, guidance text) lives in
//! the form definitions under `forms/`, read by a generic engine.

pub mod municipality;
pub mod values;

use skjema_extractor::Document;
use skjema_model::Report;

/// What the normalizer needs to know about the source besides its pages.
#[derive(Debug, Clone)]
pub struct SourceInfo {
    /// Path as given by the user.
    pub path: String,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
}

/// The stable report id: the first 16 hex digits of the content's SHA-256.
pub fn report_id(sha256: &str) -> String {
    sha256.chars().take(16).collect()
}

/// Maps an extracted document onto the canonical model.
pub fn normalize(doc: &Document, source: &SourceInfo) -> Report {
    let mut report = Report::empty(
        &report_id(&source.sha256),
        &source.path,
        doc.media_type.as_mime(),
    );
    report.source.sha256 = source.sha256.clone();
    report.source.pages = doc.pages.len() as u32;
    report
}
