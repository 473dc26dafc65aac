//! Finding the reporting municipality in a title or cover line, where the
//! name sits among ordinary words ("HALVÅRSRAPPORTERING FRA RINGSAKER
//! KOMMUNE"), some of which are municipality names too ("Re", "Hole").

use std::ops::Range;

use super::{key, Day, Register, Resolution, Resolved};
use crate::deadline::within_budget;

/// A municipality named in a text, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextMatch {
    /// The municipality.
    pub resolved: Resolved,
    /// Byte range of the name in the text searched.
    pub span: Range<usize>,
}

/// Municipality names that are also common Norwegian words; alone they
/// count only next to "kommune" or after "Kommune:".
const COMMON_WORDS: &[&str] = &[
    "re", "hole", "vik", "bø", "nes", "hof", "lund", "os", "sande", "hå", "ål", "gran", "fjell",
    "vang", "lom", "sel", "ski", "lier", "time", "sund", "sola", "vega", "ås", "flå", "rana",
    "eid", "eide", "bokn", "leka", "hol", "strand", "berg", "røst", "grane", "flora", "sula",
    "halsa", "aure", "valle", "grue", "tinn", "nome", "frei", "fusa", "verdal", "bygland",
];

fn is_common_word(word: &str) -> bool {
    COMMON_WORDS.contains(&word)
}

static_regex! {
    WORD = r"\p{L}[\p{L}\-]*";
}

struct Word<'t> {
    text: &'t str,
    lower: String,
    span: Range<usize>,
}

/// Where a name is looked for relative to an anchor word.
#[derive(Clone, Copy)]
enum Direction {
    /// The words after the anchor ("Kommune: Moss kommune").
    After,
    /// The words before the anchor ("Ringsaker kommune").
    Before,
}

/// The municipality the words `first..=last` name, if they name one.
fn resolve_words(
    reg: &Register,
    text: &str,
    words: &[Word<'_>],
    (first, last): (usize, usize),
    at: Day,
) -> Option<TextMatch> {
    let span = words.get(first)?.span.start..words.get(last)?.span.end;
    match reg.resolve_with(text.get(span.clone())?, at, false) {
        Resolution::Found(resolved) => Some(TextMatch { resolved, span }),
        _ => None,
    }
}

/// The longest run of up to `max` words next to `anchor` that resolves to
/// one municipality.
fn longest_match(
    reg: &Register,
    text: &str,
    words: &[Word<'_>],
    anchor: usize,
    direction: Direction,
    max: usize,
    at: Day,
) -> Option<TextMatch> {
    for len in (1..=max).rev() {
        let run = match direction {
            Direction::After => (anchor + 1, anchor + len),
            Direction::Before => (anchor.checked_sub(len)?, anchor.checked_sub(1)?),
        };
        if let Some(m) = resolve_words(reg, text, words, run, at) {
            return Some(m);
        }
    }
    None
}

/// "Bydel Alna": the first district a text names after the word "bydel".
fn district_in(reg: &Register, text: &str, words: &[Word<'_>], at: Day) -> Option<TextMatch> {
    for (i, w) in within_budget(words.iter().enumerate()) {
        if w.lower != "bydel" {
            continue;
        }
        for len in (1..=3).rev() {
            let found = resolve_words(reg, text, words, (i, i + len), at);
            if let Some(m) = found.filter(|m| m.resolved.district.is_some()) {
                return Some(m);
            }
        }
    }
    None
}

/// The district ("Bydel Søndre Nordstrand") a text names, if any.
pub fn find_district(text: &str, at: Day) -> Option<TextMatch> {
    let fixed = key::one_as_i(text);
    let words = words_of(&fixed);
    district_in(Register::global(), &fixed, &words, at)
}

fn words_of(text: &str) -> Vec<Word<'_>> {
    WORD.find_iter(text)
        .map(|m| Word {
            text: m.as_str(),
            lower: m.as_str().to_lowercase(),
            span: m.range(),
        })
        .collect()
}

/// The municipality a short text (title, cover line) names, preferring in
/// turn: the name after "Kommune:" / "Kommunens navn:", after "Bydel", before
/// "kommune", and finally any capitalised municipality name that is not a
/// common word.
pub fn find_in_text(text: &str, at: Day) -> Option<TextMatch> {
    let reg = Register::global();
    let fixed = key::one_as_i(text);
    let text = fixed.as_str();
    let words = words_of(text);

    // "KOMMUNE: Moss kommune", "Kommunens navn: Holmestrand kommune"
    for (i, w) in within_budget(words.iter().enumerate()) {
        let labelled = matches!(w.lower.as_str(), "kommune" | "kommunenavn")
            || (w.lower == "navn"
                && i > 0
                && words.get(i - 1).is_some_and(|p| p.lower == "kommunens"));
        if !labelled {
            continue;
        }
        let next_start = words.get(i + 1).map_or(text.len(), |n| n.span.start);
        let between = text.get(w.span.end..next_start).unwrap_or("");
        if !between.contains(':') {
            continue;
        }
        if let Some(m) = longest_match(reg, text, &words, i, Direction::After, 4, at) {
            return Some(m);
        }
    }

    if let Some(m) = district_in(reg, text, &words, at) {
        return Some(m);
    }

    // "fra Ringsaker kommune"
    for (i, w) in within_budget(words.iter().enumerate()) {
        if !matches!(w.lower.as_str(), "kommune" | "kommunes" | "kommunen") {
            continue;
        }
        if let Some(m) = longest_match(reg, text, &words, i, Direction::Before, 3, at) {
            return Some(m);
        }
    }

    // any capitalised name that is not a common word
    for i in within_budget(0..words.len()) {
        for len in (1..=3).rev() {
            let Some(group) = words.get(i..i + len) else {
                continue;
            };
            let Some(first) = group.first() else { continue };
            if !first.text.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            if group.iter().any(|w| key::is_kind_word(&w.lower)) {
                continue;
            }
            if len == 1 && is_common_word(&first.lower) {
                continue;
            }
            if let Some(m) = resolve_words(reg, text, &words, (i, i + len - 1), at) {
                return Some(m);
            }
        }
    }
    None
}
