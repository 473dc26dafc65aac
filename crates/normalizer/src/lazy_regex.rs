//! A form pattern compiled the first time it is used.
//!
//! Why: the built-in forms hold several hundred patterns, and compiling them
//! all at start-up was most of a run's fixed cost (a run over one small file
//! spent two thirds of its processor time in the regex compiler), while a
//! document uses only its own form's patterns and the run may see one form
//! or none. The built-in definitions are checked by the tests (every
//! pattern compiles, see `forms::tests`); definitions read at run time
//! (`--forms DIR`) are still compiled as they load, so a bad pattern there
//! is reported with its file and line before any document is read.

use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use regex::{Regex, RegexBuilder};

/// A case-insensitive pattern (as the form loader compiles them) and, once
/// it has been needed, its regex. Clones share the compiled regex.
#[derive(Debug, Clone)]
pub struct LazyRegex {
    source: Arc<str>,
    compiled: Arc<OnceLock<Result<Regex, String>>>,
}

static_regex! {
    /// What a pattern that fails to compile on first use matches: nothing. Only
    /// a built-in pattern can get there (run-time definitions are compiled as
    /// they load), and the tests compile every built-in pattern.
    NEVER = r"[^\x00-\x{10FFFF}]";
}

/// A pattern compiled as the forms' and the sections' patterns all are:
/// case-insensitive; the compiler's message when it does not compile.
pub(crate) fn ci(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .map_err(|e| e.to_string())
}

impl LazyRegex {
    /// The pattern `source`, not compiled yet.
    pub fn new(source: &str) -> LazyRegex {
        LazyRegex {
            source: Arc::from(source),
            compiled: Arc::new(OnceLock::new()),
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Compiles the pattern now (if it was not yet); the compiler's
    /// message when it does not compile.
    pub fn compile(&self) -> Result<&Regex, &str> {
        self.compiled
            .get_or_init(|| ci(&self.source))
            .as_ref()
            .map_err(String::as_str)
    }
}

impl Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        match self.compile() {
            Ok(re) => re,
            Err(message) => {
                tracing::error!("form pattern {:?} does not compile: {message}", self.source);
                &NEVER
            }
        }
    }
}
