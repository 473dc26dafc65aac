//! Several patterns searched as one alternation, split in two so that the
//! regex crate's fast engine (its lazy DFA) serves the usual text.
//!
//! Why: a pattern with a Unicode word boundary (`\b`, as in `^\s*Sum\b`)
//! makes the lazy DFA give up on any haystack with a byte outside ASCII,
//! and the regex crate then runs the whole alternation with its
//! backtracking engine. Norwegian cell texts almost always hold an æ, ø or
//! å, so one such header among a table's twenty made the header search
//! the largest single cost of the normalizer. Keeping the patterns with
//! word boundaries in their own (small) alternation leaves the rest to
//! the DFA. The answers are those of the single alternation: a match of
//! the union is a match of either part, and the union's leftmost match
//! starts where the earlier of the two parts' leftmost matches starts.

use crate::lazy_regex::LazyRegex;

/// Patterns as one alternation (`(?:a)|(?:b)|…`), case-insensitive.
#[derive(Debug, Clone)]
pub struct Alternation {
    /// The patterns without word boundaries.
    plain: Option<LazyRegex>,
    /// The patterns with them.
    bounded: Option<LazyRegex>,
}

impl Alternation {
    /// The alternation of `patterns`; `None` when there are none. `compile`
    /// builds one regex (the form loader's, which caches and reports errors).
    pub fn new<E>(
        patterns: &[&str],
        compile: impl Fn(&str) -> Result<LazyRegex, E>,
    ) -> Result<Option<Alternation>, E> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let (bounded, plain): (Vec<&str>, Vec<&str>) =
            patterns.iter().partition(|p| has_word_boundary(p));
        let join = |parts: &[&str]| -> Result<Option<LazyRegex>, E> {
            if parts.is_empty() {
                return Ok(None);
            }
            let alternatives: Vec<String> = parts.iter().map(|p| format!("(?:{p})")).collect();
            compile(&alternatives.join("|")).map(Some)
        };
        Ok(Some(Alternation {
            plain: join(&plain)?,
            bounded: join(&bounded)?,
        }))
    }

    /// Whether any pattern matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.plain.as_ref().is_some_and(|re| re.is_match(text))
            || self.bounded.as_ref().is_some_and(|re| re.is_match(text))
    }

    /// Where the leftmost match of any pattern starts.
    pub fn find_start(&self, text: &str) -> Option<usize> {
        let start = |part: &Option<LazyRegex>| part.as_ref()?.find(text).map(|m| m.start());
        let plain = start(&self.plain);
        if plain == Some(0) {
            return plain;
        }
        match (plain, start(&self.bounded)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Whether a pattern holds a word-boundary assertion (`\b`, `\B`, `\<`,
/// `\>`, `\b{…}`). Erring towards true only costs speed.
fn has_word_boundary(pattern: &str) -> bool {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' && matches!(chars.next(), Some('b' | 'B' | '<' | '>')) {
            return true;
        }
    }
    false
}

/// A case-insensitive regex, as the form loader builds them (for tests).
#[cfg(test)]
fn ci(pattern: &str) -> Result<LazyRegex, String> {
    let re = LazyRegex::new(pattern);
    re.compile().map_err(str::to_string)?;
    Ok(re)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_are_found_and_escaped_backslashes_are_not() {
        assert!(has_word_boundary(r"^\s*Sum\b"));
        assert!(has_word_boundary(r"\Bx"));
        assert!(!has_word_boundary(r"^\s*Budsjett"));
        assert!(!has_word_boundary(r"a\\b"));
    }

    #[test]
    fn answers_as_the_single_alternation() {
        let patterns = [
            r"^\s*Regnskap",
            r"^\s*Sum\b",
            r"Tilskudd\s+(?:fra\s+)?HB",
            r"\bår\b",
            r"egenandel",
        ];
        let joined: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
        let single = ci(&joined.join("|")).expect("regex");
        let split = Alternation::new(&patterns, ci)
            .expect("regex")
            .expect("patterns");
        for text in [
            "Sum",
            "Summen",
            "  sum utgifter",
            "Regnskap 2012",
            "Egenandel og år",
            "i år: egenandel",
            "tilskudd fra hb",
            "blåbær",
            "",
            "påår år",
            "Sumø",
        ] {
            assert_eq!(split.is_match(text), single.is_match(text), "{text:?}");
            assert_eq!(
                split.find_start(text),
                single.find(text).map(|m| m.start()),
                "{text:?}"
            );
        }
        assert!(Alternation::new(&[], ci).expect("none").is_none());
    }
}
