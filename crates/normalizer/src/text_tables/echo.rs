//! A goal's description in a flattened goal table. The cells of a goal row
//! run together ("Delmål 1 Boligmassen er tilpasset målgruppenes behov
//! Intern kartlegging …"), so the row alone does not show where the
//! description ends. Reports often print their goals a second time (the
//! delmål as a numbered list, the hovedmål in the introduction or over
//! each table), and that copy does: the words that open the row and stand
//! elsewhere as a whole item, ended there by a sentence end, a line or page
//! end or the next list number, are the description, when the row goes on
//! with a new cell (a capital or a digit) or ends there.

use std::collections::HashMap;
use std::ops::Range;

use super::tokens::{plain_digits, word_ranges};
use crate::deadline::within_budget;

/// Least words of a description read this way: a shorter echo is a
/// phrase, not a goal.
const MIN_WORDS: usize = 4;

/// The words of a text, indexed by their text for finding a row's opening
/// words elsewhere in one look-up.
pub struct Echoes<'t> {
    text: &'t str,
    words: Vec<Range<usize>>,
    at: HashMap<&'t str, Vec<usize>>,
}

impl<'t> Echoes<'t> {
    pub fn new(text: &'t str) -> Echoes<'t> {
        let words = word_ranges(text);
        let mut at: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, w) in within_budget(words.iter().enumerate()) {
            at.entry(text.get(w.clone()).unwrap_or(""))
                .or_default()
                .push(i);
        }
        Echoes { text, words, at }
    }

    /// The text of word `i`.
    pub fn word(&self, i: usize) -> &'t str {
        let range = self.words.get(i).cloned().unwrap_or(0..0);
        self.text.get(range).unwrap_or("")
    }

    /// The words (indices) inside `range` and outside `skip`.
    pub fn words_in(&self, range: Range<usize>, skip: &Range<usize>) -> Vec<usize> {
        let first = self.words.partition_point(|w| w.start < range.start);
        let words = self.words.iter().enumerate().skip(first);
        let words = words.take_while(|(_, w)| w.end <= range.end);
        let outside = words.filter(|(_, w)| !(w.start >= skip.start && w.end <= skip.end));
        outside.map(|(i, _)| i).collect()
    }

    /// Whether word `i` ends an item: a sentence end, a line or page end or
    /// the next list number ("2.", "3)") after it.
    fn ends_item(&self, i: usize) -> bool {
        let (Some(word), Some(after)) = (self.words.get(i), self.words.get(i + 1)) else {
            return true;
        };
        let gap = self.text.get(word.end..after.start).unwrap_or("");
        let number = self.word(i + 1).strip_suffix(['.', ')']);
        self.word(i).ends_with(['.', '!', '?'])
            || gap.contains('\n')
            || number.is_some_and(plain_digits)
    }

    /// The description that opens `row` (word indices, in order): how many
    /// of its words it takes and its byte range, when the same words stand
    /// as a whole item outside `table`.
    pub fn description(
        &self,
        row: &[usize],
        table: &Range<usize>,
    ) -> Option<(usize, Range<usize>)> {
        let outside = |i: usize| self.words.get(i).is_some_and(|w| !table.contains(&w.start));
        let goes_on = |k: usize| {
            let next = row.get(k).map(|&i| self.word(i).chars().next());
            next.is_none_or(|c| c.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()))
        };
        let seen = self.at.get(self.word(*row.first()?))?;
        let lengths = within_budget(seen.iter())
            .filter(|&&at| outside(at))
            .map(|&at| {
                let same =
                    |(k, &i): (usize, &usize)| outside(at + k) && self.word(at + k) == self.word(i);
                (at, row.iter().enumerate().take_while(|&p| same(p)).count())
            });
        let fits =
            |&(at, k): &(usize, usize)| k >= MIN_WORDS && self.ends_item(at + k - 1) && goes_on(k);
        let k = lengths.filter(fits).map(|(_, k)| k).max()?;
        let start = self.words.get(*row.first()?)?.start;
        let end = self.words.get(*row.get(k - 1)?)?.end;
        Some((k, start..end))
    }
}

#[cfg(test)]
mod tests {
    use super::Echoes;

    /// The description that opens the row after `label`, and how many words it takes.
    fn described(text: &str, table_from: &str, label: &str) -> Option<String> {
        let echoes = Echoes::new(text);
        let table = text.find(table_from).unwrap_or(0)..text.len();
        let row_start = text.find(label).map_or(0, |p| p + label.len());
        let row = echoes.words_in(row_start..text.len(), &(0..0));
        let (_, range) = echoes.description(&row, &table)?;
        text.get(range).map(str::to_string)
    }

    #[test]
    fn a_goal_printed_elsewhere_as_an_item_shows_where_its_description_ends() {
        let text = "Delmål for lokal gjennomføring: 1. Flere får egen bolig i kommunen \
                    2. Færre bor lenge i midlertidig bolig\nProgrammets hovedmål 1: Beskrivelse \
                    av mål Resultat Delmål 1 Flere får egen bolig i kommunen Kartlegging er \
                    gjennomført Delmål 2 Færre bor lenge i midlertidig bolig 2014";
        let table = "Programmets";
        assert_eq!(
            described(text, table, "Delmål 1").as_deref(),
            Some("Flere får egen bolig i kommunen")
        );
        assert_eq!(
            described(text, table, "Delmål 2").as_deref(),
            Some("Færre bor lenge i midlertidig bolig")
        );
        // The row goes on in lower case: the copy elsewhere is only its start.
        let text =
            "1. Flere får egen bolig 2. Annet\nTabell Delmål 1 Flere får egen bolig i kommunen";
        assert_eq!(described(text, "Tabell", "Delmål 1"), None);
        // Not ended as an item where it stands elsewhere: a phrase in prose.
        let text =
            "Mål: Flere får egen bolig og hjelp.\nTabell Delmål 1 Flere får egen bolig Resultat";
        assert_eq!(described(text, "Tabell", "Delmål 1"), None);
    }
}
