//! One input file from bytes to report: read, hash, extract, normalize. Every
//! way this can fail ends as an [`ErrorRow`] whose reason names the file,
//! says what went wrong and what was expected.

use sha2::{Digest, Sha256};
use skjema_exporter::{ErrorKind, ErrorRow};
use skjema_extractor::{extract, ExtractError, ExtractOptions};
use skjema_model::Report;
use skjema_normalizer::{normalize, SourceInfo};

use crate::inputs::Input;
use crate::panic_guard::run_guarded;

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    /// It became a report.
    Report(Box<Report>),
    /// It did not.
    Error(ErrorRow),
}

/// Turns one input into a report or an error row; never panics.
pub fn process(input: &Input) -> Outcome {
    let shown = input.path().display().to_string();
    let path = match input {
        Input::File(path) => path,
        Input::Unreadable(_, cause) => {
            return error(
                &shown,
                None,
                ErrorKind::Io,
                format!(
                    "the folder {shown} could not be listed ({cause}); its files were not read."
                ),
            );
        }
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            return error(
                &shown,
                None,
                ErrorKind::Io,
                format!("{shown} could not be read ({err}); expected a readable file."),
            );
        }
    };
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let source = SourceInfo {
        path: shown.clone(),
        sha256: sha256.clone(),
    };
    let result = run_guarded(|| {
        extract(&bytes, &ExtractOptions::default()).map(|doc| normalize(&doc, &source))
    });
    match result {
        Ok(Ok(report)) => Outcome::Report(Box::new(report)),
        Ok(Err(err)) => {
            let (kind, reason) = explain(&shown, &err);
            error(&shown, Some(sha256), kind, reason)
        }
        Err(panic) => error(
            &shown,
            Some(sha256),
            ErrorKind::Panic,
            format!("skjema crashed while reading {shown} ({panic}); this is a bug in skjema, please report it together with the file."),
        ),
    }
}

fn error(path: &str, sha256: Option<String>, kind: ErrorKind, reason: String) -> Outcome {
    tracing::info!(path, kind = kind.as_str(), %reason, "input not turned into a report");
    Outcome::Error(ErrorRow {
        path: path.to_string(),
        sha256,
        kind,
        reason,
    })
}

/// The kind and one-sentence reason for an extraction failure.
fn explain(path: &str, err: &ExtractError) -> (ErrorKind, String) {
    const EXPECTED: &str = "expected a PDF or a plain-text report";
    match err {
        ExtractError::Empty => (ErrorKind::Empty, format!("{path} is empty (0 bytes); {EXPECTED}.")),
        ExtractError::NotADocument => (
            ErrorKind::NotADocument,
            format!("{path} is not a PDF or a text document (its content is binary data of another kind, such as an image or an archive); {EXPECTED}."),
        ),
        ExtractError::BrokenPdf(cause) => (
            ErrorKind::BrokenPdf,
            format!("{path} is a damaged or truncated PDF that could not be read ({cause}); expected a complete PDF file."),
        ),
        ExtractError::Encrypted => (
            ErrorKind::Encrypted,
            format!("{path} is an encrypted PDF that needs a password; expected a PDF without a password."),
        ),
        other => (ErrorKind::Unsupported, format!("{path} could not be read: {other}.")),
    }
}
