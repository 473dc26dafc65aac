//! Cooperative cancellation in the normalizer: the document's budget (see
//! [`skjema_extractor::budget`]), which the extractor checks as it reads, is
//! checked here too, once per iteration of every loop whose length the
//! input decides (lines, words, table regions, rows, hits of a pattern). A
//! loop that finds the budget used up ends early; the stages after it see
//! [`stopped`] and do nothing more, and [`crate::try_normalize`] turns the
//! partial report into [`NormalizeError::OverBudget`]. So a document over
//! its time budget releases its thread within a fraction of a second, in
//! the normalizer as in the extractor. Without a budget (library use,
//! tests) nothing stops.

use skjema_extractor::budget::{self, Exceeded};

/// Why a document was not normalized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NormalizeError {
    /// Its budget (time, or memory) ran out, or it was cancelled; the
    /// partial report was thrown away.
    #[error("the document's {0} ran out while its report was being put together")]
    OverBudget(Exceeded),
}

/// Whether the work must stop now (counts as one check of the budget).
#[inline]
pub(crate) fn over() -> bool {
    budget::check()
}

/// The items of `items` while the budget lasts: checked before each, as
/// every loop over input-sized data must.
pub(crate) fn within_budget<I: IntoIterator>(items: I) -> impl Iterator<Item = I::Item> {
    items.into_iter().take_while(|_| !over())
}

/// Whether the work has been stopped already (does not count as a check).
pub(crate) fn stopped() -> bool {
    budget::exceeded().is_some()
}

/// The result of normalizing under the calling thread's budget.
pub(crate) fn finish<T>(value: T) -> Result<T, NormalizeError> {
    match budget::exceeded() {
        Some(over) => Err(NormalizeError::OverBudget(over)),
        None => Ok(value),
    }
}
