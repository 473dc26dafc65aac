//! Log output on stderr: colour only on a terminal (and never with
//! `NO_COLOR`), warnings silenced by `--quiet`, and a warning that repeats
//! shown once, with the count of its repeats at the end of the run, so a
//! batch of thousands of files does not scroll the same line past.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::sync::{Mutex, OnceLock};

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Filter, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// Without RUST_LOG: warnings, except the PDF parser's complaints about
/// damaged files, which errors.csv already reports once per file.
const DEFAULT_LOG_FILTER: &str = "warn,lopdf=off";
/// With --quiet: only errors.
const QUIET_LOG_FILTER: &str = "error,lopdf=off";

/// Repeats of each warning message seen so far, in order of first sight.
static REPEATS: OnceLock<Mutex<Vec<(String, u64)>>> = OnceLock::new();

/// Whether stderr may get ANSI colour codes.
fn colour(stderr_is_terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    stderr_is_terminal && no_color.is_none_or(|v| v.is_empty())
}

/// Sets up logging once. `RUST_LOG`, when set, decides the levels.
pub fn init(quiet: bool) {
    let default = if quiet {
        QUIET_LOG_FILTER
    } else {
        DEFAULT_LOG_FILTER
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let ansi = colour(
        std::io::stderr().is_terminal(),
        std::env::var_os("NO_COLOR"),
    );
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(|| AroundProgress)
        .with_ansi(ansi)
        .with_filter(CollapseRepeats);
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(layer)
        .try_init();
}

/// The progress bar log lines must not be drawn over.
static PROGRESS: OnceLock<Mutex<Option<indicatif::ProgressBar>>> = OnceLock::new();

/// Log lines from now on are written around `bar` (it is hidden while a
/// line is written, then drawn again below it); `None` when it is gone.
pub fn set_progress(bar: Option<&indicatif::ProgressBar>) {
    let slot = PROGRESS.get_or_init(|| Mutex::new(None));
    if let Ok(mut slot) = slot.lock() {
        *slot = bar.cloned();
    }
}

/// stderr, written around the progress bar when there is one.
struct AroundProgress;

impl std::io::Write for AroundProgress {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let bar = PROGRESS
            .get()
            .and_then(|slot| slot.lock().ok().and_then(|b| b.clone()));
        match bar {
            Some(bar) => bar.suspend(|| std::io::stderr().write(buf)),
            None => std::io::stderr().write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

/// Prints one line per warning that was held back, with its count.
pub fn report_repeats() {
    let Some(repeats) = REPEATS.get() else { return };
    let Ok(repeats) = repeats.lock() else { return };
    for (message, count) in repeats.iter().filter(|(_, n)| *n > 0) {
        let times = if *count == 1 { "time" } else { "times" };
        eprintln!("warning repeated {count} more {times}: {message}");
    }
}

/// Lets the first warning with a given message through and counts the rest.
struct CollapseRepeats;

impl<S: Subscriber> Filter<S> for CollapseRepeats {
    fn enabled(&self, _meta: &tracing::Metadata<'_>, _cx: &Context<'_, S>) -> bool {
        true
    }

    fn event_enabled(&self, event: &Event<'_>, _cx: &Context<'_, S>) -> bool {
        if *event.metadata().level() != Level::WARN {
            return true;
        }
        let mut message = MessageOf(String::new());
        event.record(&mut message);
        let key = format!("{}: {}", event.metadata().target(), message.0);
        let repeats = REPEATS.get_or_init(|| Mutex::new(Vec::new()));
        let Ok(mut repeats) = repeats.lock() else {
            return true;
        };
        match repeats.iter_mut().find(|(m, _)| *m == key) {
            Some((_, count)) => {
                *count += 1;
                false
            }
            None => {
                repeats.push((key, 0));
                true
            }
        }
    }
}

/// The `message` field of an event (its text without the other fields).
struct MessageOf(String);

impl Visit for MessageOf {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.0, "{value:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(colour(true, None));
        assert!(!colour(false, None), "not into a file or pipe");
        assert!(!colour(true, Some("1".into())), "NO_COLOR set");
        assert!(
            colour(true, Some("".into())),
            "NO_COLOR empty counts as unset"
        );
    }
}
