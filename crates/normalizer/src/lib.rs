//! Pages in, report out: recognises which form a document follows, maps its
//! fields and tables onto the canonical [`skjema_model::Report`], parses
//! Norwegian numbers, dates, names and municipalities, and raises an issue
//! for every doubtful value instead of guessing.
//!
//! Form knowledge (labels, synonyms, column headers, guidance text) lives in
//! the form definitions under `forms/`, read by a generic engine.
//!
//! ```
//! use skjema_extractor::{extract, ExtractOptions};
//! use skjema_normalizer::{normalize, SourceInfo};
//! let text = "1 RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM ÅRSRAPPORT 2012 KOMMUNE: Moss kommune\n\
//!             2 Generell programinformasjon Programnavn: Bo trygt Kommune: Moss kommune \
//!             1. Rapportering på hovedmål 1.1 Anskaffe og beholde bolig Særskilt prioritert område\n";
//! let doc = extract(text.as_bytes(), &ExtractOptions::default()).unwrap();
//! let report = normalize(&doc, &SourceInfo { path: "moss.txt".into(), sha256: "ab".repeat(32) });
//! assert_eq!(report.template.as_str(), "arsrapport_2012");
//! assert_eq!(report.period.year, Some(2012));
//! ```

/// Regexes written in the code (not in a form definition), each compiled
/// on first use. They are fixed text, so one that does not compile is a
/// bug the tests that reach it show, never a fault of the input.
macro_rules! static_regex {
    ($($(#[$doc:meta])* $name:ident = $pattern:expr;)+) => {
        $(
            $(#[$doc])*
            static $name: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
                regex::Regex::new($pattern).unwrap_or_else(|_| unreachable!("static regex"))
            });
        )+
    };
}

mod alternation;
mod assemble;
mod audit;
mod deadline;
mod fields;
mod flow;
pub mod forms;
mod grid;
mod labelled;
mod lazy_regex;
mod mapper;
pub mod municipality;
mod pattern;
mod period;
mod recognise;
mod sections;
mod tables;
mod text_tables;
pub mod values;

#[cfg(test)]
mod testutil;

pub use deadline::NormalizeError;
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

/// Maps an extracted document onto the canonical model, with the built-in
/// form definitions. Under a budget (see [`skjema_extractor::budget`]) use
/// [`try_normalize`]: this one returns what was done when the budget ran out.
pub fn normalize(doc: &Document, source: &SourceInfo) -> Report {
    match forms::builtin() {
        Ok(forms) => assemble::assemble(doc, source, forms),
        Err(e) => assemble::without_forms(doc, source, &e),
    }
}

/// [`normalize`] under the calling thread's budget: the normalizer checks it
/// as it goes and stops when it is used up (or cancelled), and the partial
/// report becomes [`NormalizeError::OverBudget`].
pub fn try_normalize(doc: &Document, source: &SourceInfo) -> Result<Report, NormalizeError> {
    deadline::finish(normalize(doc, source))
}

/// [`normalize_with`] under the calling thread's budget, as [`try_normalize`].
pub fn try_normalize_with(
    doc: &Document,
    source: &SourceInfo,
    forms: &[forms::FormDefinition],
) -> Result<Report, NormalizeError> {
    deadline::finish(normalize_with(doc, source, forms))
}

/// [`normalize`] with the given form definitions (see [`forms::load_dir`]).
pub fn normalize_with(
    doc: &Document,
    source: &SourceInfo,
    forms: &[forms::FormDefinition],
) -> Report {
    assemble::assemble(doc, source, forms)
}
