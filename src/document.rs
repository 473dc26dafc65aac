//! One input file from bytes to report: read, hash, extract, normalize. Every
//! way this can fail ends as an [`ErrorRow`] whose reason names the file,
//! says what went wrong and what was expected.
//!
//! Each input is read under its [`Budget`] (`--timeout` processor time,
//! `--max-memory` bytes), which the worker thread enters before it opens the
//! file: the extractor and the normalizer check it as they go and stop when
//! it is used up, and the input becomes a `timeout` or `too_large` row.

use std::io::Read;
use std::time::Duration;

use sha2::{Digest, Sha256};
use skjema_exporter::{ErrorKind, ErrorRow};
use skjema_extractor::budget::{self, Exceeded};
use skjema_extractor::Document;
use skjema_extractor::{extract, ExtractError, ExtractOptions};
use skjema_model::{Kind, Report, Template};
use skjema_normalizer::forms::FormDefinition;
use skjema_normalizer::municipality::find_in_text;
use skjema_normalizer::{normalize, try_normalize, try_normalize_with, NormalizeError, SourceInfo};

use crate::inputs::Input;
use crate::journal::ResumeIndex;
use crate::limits::show_size;
use crate::panic_guard::run_guarded;

/// Test-only hook (used by `tests/cli_timeout.rs` and `tests/cli_resume.rs`,
/// not a user option): a file whose name contains this text makes its worker
/// sleep before reading it, without checking its budget, to stand in for a
/// document stuck where skjema cannot stop it (a read from a hung network
/// file system); for an hour, or for [`TEST_SLEEP_SECS_ENV`] seconds when
/// that is set.
pub const TEST_SLEEP_ENV: &str = "SKJEMA_TEST_SLEEP_ON";
/// Test-only: how long the [`TEST_SLEEP_ENV`] hook sleeps, in seconds.
pub const TEST_SLEEP_SECS_ENV: &str = "SKJEMA_TEST_SLEEP_SECS";
/// Test-only hook: a file whose name contains this text makes its worker
/// keep the processor busy and allocate memory, checking its budget as the
/// reader does, until the budget stops it (or for [`TEST_SLEEP_SECS_ENV`]
/// seconds of processor time): a document that is slow and hungry.
pub const TEST_SPIN_ENV: &str = "SKJEMA_TEST_SPIN_ON";

/// The limits every input is read under.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Processor time of one input (`--timeout`).
    pub time: Duration,
    /// Memory of one input in bytes (`--max-memory`).
    pub memory: u64,
    /// Largest input read (`--max-input-size`).
    pub max_input: u64,
}

impl Limits {
    /// The budget of one input.
    pub fn budget(&self) -> budget::Budget {
        budget::Budget::new(
            Some(self.time),
            Some(usize::try_from(self.memory).unwrap_or(usize::MAX)),
        )
    }
}

/// The form definitions of this run when `--forms` gave some; the built-in
/// ones otherwise. Set once, before any document is read.
static FORMS: std::sync::OnceLock<Vec<FormDefinition>> = std::sync::OnceLock::new();

/// Makes every document of the run read with `forms` (built-in ones
/// included); an error when forms were set already.
pub fn use_forms(forms: Vec<FormDefinition>) -> Result<(), &'static str> {
    FORMS
        .set(forms)
        .map_err(|_| "the form definitions of this run were set already")
}

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    /// It became a report.
    Report(Box<Report>),
    /// It did not.
    Error(ErrorRow),
}

/// Where an outcome came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The file was read now.
    Read,
    /// The result of an earlier run was taken from the progress journal.
    Journal,
}

/// Turns one input into a report or an error row; never panics. A file whose
/// path and SHA-256 are in `resume` is not read again: its journaled result
/// is returned. `hashed` hears the SHA-256 as soon as it is known. The
/// caller has entered the input's budget, made from `limits`.
pub fn process(
    input: &Input,
    resume: &ResumeIndex,
    limits: &Limits,
    hashed: &dyn Fn(&str),
) -> (Outcome, Origin) {
    let fresh = |outcome| (outcome, Origin::Read);
    let shown = crate::inputs::shown(input.path());
    let path = match input {
        Input::File(path) => path,
        Input::Unreadable(_, cause) => {
            return fresh(error(
                &shown,
                None,
                ErrorKind::Io,
                format!(
                    "the folder {shown} could not be listed ({cause}); its files were not read."
                ),
            ));
        }
    };
    let bytes = match read_within(path, limits) {
        Ok(bytes) => bytes,
        Err(Unread::TooLarge(size)) => {
            let (limit, flag) = if size > limits.max_input {
                (limits.max_input, "--max-input-size")
            } else {
                (limits.memory, "--max-memory")
            };
            return fresh(error(
                &shown,
                None,
                ErrorKind::TooLarge,
                format!(
                    "{shown} is {}, larger than {flag} {}, and was not read; expected a report of at most that size (a larger {flag} reads it).",
                    show_size(size),
                    show_size(limit)
                ),
            ));
        }
        Err(Unread::Io(err)) => {
            return fresh(error(
                &shown,
                None,
                ErrorKind::Io,
                format!("{shown} could not be read ({err}); expected a readable file."),
            ));
        }
    };
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    hashed(&sha256);
    if let Some(outcome) = resume.get(&shown, &sha256) {
        return (outcome, Origin::Journal);
    }
    test_hooks(path);
    fresh(read_bytes(&shown, bytes, sha256, limits))
}

/// Turns the bytes of one document, known by the name `shown` (its path in
/// the outputs) into a report or an error row, as a batch does; never
/// panics. For callers that hold documents in memory (the Python package);
/// they run outside a batch's budget, so no limit applies.
pub fn process_bytes(shown: &str, bytes: &[u8]) -> Outcome {
    let sha256 = format!("{:x}", Sha256::digest(bytes));
    let limits = Limits {
        time: Duration::MAX,
        memory: u64::MAX,
        max_input: u64::MAX,
    };
    read_bytes(shown, bytes.to_vec(), sha256, &limits)
}

/// Extracts and normalizes bytes whose SHA-256 is known; the bytes are let
/// go as soon as the document is parsed.
fn read_bytes(shown: &str, bytes: Vec<u8>, sha256: String, limits: &Limits) -> Outcome {
    let source = SourceInfo {
        path: shown.to_string(),
        sha256: sha256.clone(),
    };
    let result = run_guarded(|| {
        let doc = extract(&bytes, &ExtractOptions::default()).map_err(Failed::Extract)?;
        drop(bytes);
        let mut report = match FORMS.get() {
            Some(forms) => try_normalize_with(&doc, &source, forms),
            None => try_normalize(&doc, &source),
        }
        .map_err(Failed::Normalize)?;
        skjema_exporter::round_coordinates(&mut report);
        let is_report = shows_a_report(&report, &doc);
        Ok((report, is_report))
    });
    if let Ok(Err(Failed::Normalize(NormalizeError::OverBudget(over)))) = result {
        return over_budget(shown, Some(sha256), over, limits, Stage::Report);
    }
    if let Some(over) = budget::exceeded() {
        return over_budget(shown, Some(sha256), over, limits, Stage::Read);
    }
    match result {
        Ok(Ok((_, false))) => error(
            shown,
            Some(sha256),
            ErrorKind::NotAReport,
            format!("{shown} is text with no sign of a report (no known form, no report title, no municipality); expected a report or a transcript of one."),
        ),
        Ok(Ok((report, true))) => Outcome::Report(Box::new(report)),
        Ok(Err(Failed::Extract(ExtractError::OverBudget(over)))) => {
            over_budget(shown, Some(sha256), over, limits, Stage::Read)
        }
        Ok(Err(Failed::Normalize(NormalizeError::OverBudget(over)))) => {
            over_budget(shown, Some(sha256), over, limits, Stage::Report)
        }
        Ok(Err(Failed::Extract(err))) => {
            let (kind, reason) = explain(shown, &err);
            error(shown, Some(sha256), kind, reason)
        }
        Err(panic) => error(
            shown,
            Some(sha256),
            ErrorKind::Panic,
            format!("skjema crashed while reading {shown} ({panic}); this is a bug in skjema, please report it together with the file."),
        ),
    }
}

/// Where reading a document stopped.
enum Failed {
    Extract(ExtractError),
    Normalize(NormalizeError),
}

/// Why a file was not read into memory.
enum Unread {
    /// Its size, over `--max-input-size` or the memory budget.
    TooLarge(u64),
    Io(std::io::Error),
}

/// The file's bytes, unless it is larger than the limits allow: its size is
/// looked at before anything is read, and the read stops past the limit
/// (a file that grows meanwhile).
fn read_within(path: &std::path::Path, limits: &Limits) -> Result<Vec<u8>, Unread> {
    let mut file = std::fs::File::open(path).map_err(Unread::Io)?;
    let size = file.metadata().map_err(Unread::Io)?.len();
    let allowed = limits.max_input.min(limits.memory);
    if size > allowed {
        return Err(Unread::TooLarge(size));
    }
    let expected = usize::try_from(size).unwrap_or(usize::MAX);
    if !budget::fits(expected) {
        return Err(Unread::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(expected);
    let mut chunk = (&mut file).take(allowed.saturating_add(1));
    loop {
        // Pieces of 8 MiB, so that a large read still reaches the budget's
        // checks (and shows it is not stuck).
        let read = (&mut chunk)
            .take(8 << 20)
            .read_to_end(&mut bytes)
            .map_err(Unread::Io)?;
        if read == 0 {
            break;
        }
        if budget::check() {
            break;
        }
    }
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > allowed {
        return Err(Unread::TooLarge(read));
    }
    Ok(bytes)
}

/// Where a document was when its budget ran out.
#[derive(Debug, Clone, Copy)]
enum Stage {
    /// Its bytes were being read into pages (the extractor).
    Read,
    /// Its pages were being mapped onto a report (the normalizer).
    Report,
}

impl Stage {
    fn doing(self) -> &'static str {
        match self {
            Stage::Read => "was still being read",
            Stage::Report => "had been read and its report was still being put together",
        }
    }
}

/// The row of an input stopped by its budget.
fn over_budget(
    shown: &str,
    sha256: Option<String>,
    over: Exceeded,
    limits: &Limits,
    stage: Stage,
) -> Outcome {
    let doing = stage.doing();
    match over {
        Exceeded::Time => {
            let secs = limits.time.as_secs();
            error(
                shown,
                sha256,
                ErrorKind::Timeout,
                format!(
                    "gave up after {secs} s: {shown} {doing} when its time budget (--timeout {secs}, processor time) ran out, and the batch went on without it; expected a document that reads within the budget (a larger --timeout may help)."
                ),
            )
        }
        Exceeded::Memory => {
            let size = show_size(limits.memory);
            error(
                shown,
                sha256,
                ErrorKind::TooLarge,
                format!(
                    "{shown} needed more memory than its budget (--max-memory {size}) and was stopped (it {doing}), and the batch went on without it; expected a document that reads within the budget (a larger --max-memory may help)."
                ),
            )
        }
    }
}

/// The row of an input whose worker stopped answering (stuck outside the
/// reader's checks, in a read from a hung file system, say).
pub fn stuck(shown: &str, sha256: Option<String>, limits: &Limits) -> Outcome {
    let secs = limits.time.as_secs();
    error(
        shown,
        sha256,
        ErrorKind::Timeout,
        format!(
            "gave up after {secs} s: {shown} was stuck (its reader stopped making progress for longer than --timeout {secs}), and the batch went on without it; expected a file that can be read (is it on a file system that hangs?)."
        ),
    )
}

/// Lines at the top of a text where a title or the municipality is looked for.
const HEAD_LINES: usize = 60;

/// Whether a report shows any sign of being one. A PDF always counts (a
/// scanned report has no text, and its `no_text_layer` issue says so); a
/// text file counts when the reader recognised a form, or its first lines
/// hold a report title (a line that starts with a word for a report:
/// "ÅRSRAPPORT 2012", "Sluttrapport …", "RAPPORTERING I …") or name a
/// municipality of the register. A README or a metadata file in the folder
/// has none of these.
fn shows_a_report(report: &Report, doc: &Document) -> bool {
    if report.source.media_type != "text/plain"
        || report.template != Template::Unknown
        || report.kind != Kind::Annet
        || report.municipality.name.is_some()
    {
        return true;
    }
    let head: Vec<&str> = doc
        .pages
        .iter()
        .flat_map(|page| page.lines.iter())
        .map(|line| line.text.as_str())
        .take(HEAD_LINES)
        .collect();
    head.iter().any(|line| is_report_title(line))
        || find_in_text(&head.join("\n"), MIDDLE_OF_PROGRAMME).is_some()
}

/// When the text gives no year: the middle of the programme (2009–2016).
const MIDDLE_OF_PROGRAMME: (i32, u32, u32) = (2013, 7, 1);

/// Words a title line holds at most.
const TITLE_WORDS: usize = 12;

/// A title line: short, not a sentence (no full stop at its end), its first
/// word a word for a report or for reporting ("Årsrapport", "Rapportering").
/// A README's "Rapporter fra programmet ligger her." is prose.
fn is_report_title(line: &str) -> bool {
    let line = line.trim();
    let first: String = line
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    (first.ends_with("rapport") || first.ends_with("rapportering"))
        && line.split_whitespace().count() <= TITLE_WORDS
        && !line.ends_with('.')
}

/// Reads a small built-in report once, so that the one-time set-up of the
/// reader (form definitions, the municipality register, regular expressions)
/// is done before the first document's time budget starts. A form's own
/// patterns are compiled when a document first needs them (a few
/// milliseconds of that document's time; see the normalizer's `lazy_regex`).
pub fn warm_up() {
    const SAMPLE: &str = "RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM\n\
                          ÅRSRAPPORT 2012\n\
                          KOMMUNE: Moss kommune\n\
                          Generell programinformasjon\n\
                          Programnavn: Bo trygt\n";
    let source = SourceInfo {
        path: "warm-up".to_string(),
        sha256: String::new(),
    };
    let _ = run_guarded(|| {
        extract(SAMPLE.as_bytes(), &ExtractOptions::default()).map(|doc| normalize(&doc, &source))
    });
}

/// The test-only hooks ([`TEST_SLEEP_ENV`], [`TEST_SPIN_ENV`]).
fn test_hooks(path: &std::path::Path) {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let named = |var: &str| {
        std::env::var_os(var).is_some_and(|wanted| {
            let wanted = wanted.to_string_lossy();
            !wanted.is_empty() && name.as_deref().is_some_and(|n| n.contains(wanted.as_ref()))
        })
    };
    let secs = std::env::var(TEST_SLEEP_SECS_ENV)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3600);
    if named(TEST_SLEEP_ENV) {
        std::thread::sleep(Duration::from_secs(secs));
    }
    if named(TEST_SPIN_ENV) {
        spin(Duration::from_secs(secs));
    }
}

/// Busy work that allocates as it goes (1 MiB blocks, kept), checking the
/// budget as the reader does.
fn spin(work: Duration) {
    let started = std::time::Instant::now();
    let mut held: Vec<Vec<u8>> = Vec::new();
    let mut x = 0u64;
    while started.elapsed() < work && !budget::check() {
        for i in 0..10_000u64 {
            x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(i));
        }
        if held.len() < 4096 {
            held.push(vec![x as u8; 1 << 20]);
        }
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
pub fn explain(path: &str, err: &ExtractError) -> (ErrorKind, String) {
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
        ExtractError::OverBudget(Exceeded::Memory) => (
            ErrorKind::TooLarge,
            format!("{path} needed more memory than its budget (--max-memory); expected a document that reads within it."),
        ),
        ExtractError::OverBudget(Exceeded::Time) => (
            ErrorKind::Timeout,
            format!("gave up on {path}: it took longer than its time budget (--timeout); expected a document that reads within it."),
        ),
        other => (ErrorKind::Unsupported, format!("{path} could not be read: {other}.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_titles_start_with_a_word_for_a_report() {
        for title in [
            "ÅRSRAPPORT 2012",
            "RAPPORTERING I BOLIGSOSIALT UTVIKLINGSPROGRAM",
            "Sluttrapport for Boligsosialt utviklingsprogram",
            "Halvårsrapport 1. halvår 2013",
            "Rapport fra programmet",
        ] {
            assert!(is_report_title(title), "{title}");
        }
        for other in [
            "Dette er en mappe med rapporter.",
            "Rapporter fra boligsosialt program, skannet 2017.",
            "Rapport om arkivet.",
            "Rapportene ligger i mappen og er skannet fra papir av arkivet i kommunen i 2017 ved en feil",
            "{\"title\": \"arkiv\"}",
            "",
            "Rapportene ligger i mappen",
        ] {
            assert!(!is_report_title(other), "{other}");
        }
    }
}
