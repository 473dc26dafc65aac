//! Hovedmål 1.1 in a transcript. The table is flattened into running text:
//! a row is its label (with the printed explanation), then its numbers
//! inline, then the comment that follows them ("A. … 35 42 Det er …"). The
//! run of counts after a label fills the row's number columns from the left
//! and the text after the run is its comment; a label directly followed by
//! the next label is empty. Every row keeps the dates of its table's
//! headers.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use skjema_model::Severity;

use super::lead::{lead_record, LeadRow};
use super::tokens::Amount;
use super::{note, page_at};
use crate::flow::Flow;
use crate::forms::TableDef;
use crate::grid::Block;

/// How far after the last row its numbers may stand, in bytes.
const LAST_ROW_REACH: usize = 800;

/// The number columns, left to right.
const COLUMNS: [&str; 3] = ["need_start", "need_end", "housed"];

/// The next row's letter ("B.") left at the end of a row's text.
static TRAILING_LETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+\p{Lu}\.\s*$").unwrap_or_else(|_| unreachable!("static regex"))
});

static STATUS_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)Status\s+behov\s+(?:pr|per)\.?\s*(\d{1,2}\s*\.\s*\d{1,2}\s*\.\s*(?:\d\s*){2,4})",
    )
    .unwrap_or_else(|_| unreachable!("static regex"))
});

/// Whether a token is a stand-alone count ("35", "10?"), not a year,
/// an ordinal ("2.") or a number glued to a word.
fn is_count(token: &str) -> bool {
    let digits = token.trim_end_matches('?');
    !digits.is_empty()
        && digits.len() <= 5
        && digits.chars().all(|c| c.is_ascii_digit())
        && !(digits.len() == 4 && digits.starts_with("20"))
}

/// The first run of counts in `range` of `text` (header dates blanked)
/// that ends the row's label text: followed by the end of the range or by
/// a word that starts a sentence. Returns the counts and where the text
/// after them begins.
fn lead_run(text: &str, range: Range<usize>) -> Option<(Vec<Amount>, usize)> {
    let slice = text.get(range.clone())?;
    let blanked = STATUS_DATE.replace_all(slice, |c: &regex::Captures| {
        " ".repeat(c.get(0).map_or(0, |m| m.len()))
    });
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut start = None;
    for (i, c) in blanked.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                words.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(s..blanked.len());
    }
    let mut i = 0;
    while i < words.len() {
        let run_end = words
            .iter()
            .skip(i)
            .position(|w| !blanked.get(w.clone()).is_some_and(is_count))
            .map_or(words.len(), |n| i + n);
        if run_end > i {
            let next = words.get(run_end).and_then(|w| blanked.get(w.clone()));
            if next.is_none_or(|w| !w.starts_with(char::is_lowercase)) {
                let run = words
                    .get(i..run_end)?
                    .iter()
                    .map(|w| Amount {
                        start: range.start + w.start,
                        end: range.start + w.end,
                        value: None,
                        uncertain: false,
                        money_like: false,
                    })
                    .collect();
                let after = words
                    .get(run_end)
                    .map_or(range.end, |w| range.start + w.start);
                return Some((run, after));
            }
            i = run_end;
        }
        i += 1;
    }
    None
}

/// Reads the households rows of a transcript: one block per pair of
/// "Status behov pr. …" headers, with the rows that belong under it.
pub fn read(text: &str, flow: &Flow, def: &TableDef) -> Vec<Block> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for row in &def.categories {
        if let Some(m) = row.labels.iter().find_map(|re| re.find(text)) {
            found.push((m.start(), m.end()));
        }
    }
    found.sort_unstable();
    // Every "Status behov pr. <date>" header, paired start/end in order.
    let headers: Vec<(usize, String)> = STATUS_DATE
        .find_iter(text)
        .map(|m| (m.start(), m.as_str().to_string()))
        .collect();
    let pairs: Vec<(usize, Option<String>, Option<String>)> = headers
        .chunks(2)
        .map(|pair| {
            let first = pair.first().map_or(0, |h| h.0);
            (
                first,
                pair.first().map(|h| h.1.clone()),
                pair.get(1).map(|h| h.1.clone()),
            )
        })
        .collect();
    let ends = def.text.as_ref().map_or(&[][..], |t| &t.ends[..]);
    let names = COLUMNS.map(str::to_string);
    let mut out: Vec<(Option<usize>, Block)> = Vec::new();
    // The row before (in the same table) showed no numbers of its own.
    let mut stacked = false;
    let mut prev_pair = None;
    for (i, &(start, end)) in found.iter().enumerate() {
        let next = found.get(i + 1).map_or(text.len(), |f| f.0);
        // A row's numbers stand close to it; the last row's text runs on into the next section.
        let stop = if i + 1 < found.len() {
            next
        } else {
            (end + LAST_ROW_REACH).min(text.len())
        };
        // An end heading cuts the row's text (the last row's comment).
        let stop = ends
            .iter()
            .filter_map(|re| text.get(end..stop).and_then(|t| re.find(t)))
            .map(|m| end + m.start())
            .min()
            .unwrap_or(stop);
        // The header of the row's own table: the last one before the row, or the first right after it.
        let pair = pairs
            .iter()
            .rposition(|p| p.0 < start)
            .or_else(|| pairs.iter().position(|p| p.0 > start && p.0 < next));
        stacked &= prev_pair == Some(pair);
        prev_pair = Some(pair);
        let stop = TRAILING_LETTER
            .find(text.get(end..stop).unwrap_or(""))
            .map_or(stop, |m| end + m.start());
        let run = lead_run(text, end..stop);
        let empty = run.is_none();
        let row = LeadRow {
            label: start..end,
            comment: run.as_ref().map(|(_, after)| *after..stop),
            numbers: Ok(run.map(|(numbers, _)| numbers).unwrap_or_default()),
            doubt: None,
        };
        let (mut record, filled) = lead_record(flow, &row, &names, None);
        if let (true, Ok(numbers)) = (filled && stacked, &row.numbers) {
            // The row before is empty by its position, but say so on it too.
            if let Some(before) = out.last_mut().and_then(|(_, b)| b.records.last_mut()) {
                before.notes.push(note(
                    flow,
                    Severity::Info,
                    None,
                    start,
                    None,
                    "This row's label is directly followed by the next row's, so it is read as empty; the numbers after the next label are read as that row's.".to_string(),
                ));
            }
            record.notes.push(note(
                flow,
                Severity::Warning,
                None,
                end,
                numbers.first().map(|n| n.raw(text).to_string()),
                "The row before stands directly before this row's label with no numbers of its own; the numbers after this label are read as this row's, though some may be the row before's.".to_string(),
            ));
        }
        stacked = empty;
        match out.last_mut() {
            Some((p, block)) if *p == pair => block.records.push(record),
            _ => {
                let mut block = Block {
                    page: page_at(flow, start).unwrap_or(0),
                    ..Block::default()
                };
                if let Some((_, a, b)) = pair.and_then(|p| pairs.get(p)) {
                    block
                        .titles
                        .extend(a.clone().map(|t| ("need_start".to_string(), t)));
                    block
                        .titles
                        .extend(b.clone().map(|t| ("need_end".to_string(), t)));
                }
                block.records.push(record);
                out.push((pair, block));
            }
        }
    }
    out.into_iter().map(|(_, b)| b).collect()
}

#[cfg(test)]
mod tests {
    use super::lead_run;

    fn run(text: &str) -> Option<(Vec<&str>, &str)> {
        let (numbers, after) = lead_run(text, 0..text.len())?;
        let numbers = numbers.iter().map(|a| a.raw(text)).collect();
        Some((numbers, text.get(after..)?))
    }

    #[test]
    fn numbers_after_the_label_and_header_dates_then_the_comment() {
        let text = "Dette omfatter husstander innen 2. mnd. Status behov pr. 01.01.2012 \
                    Status behov pr. 31.12.20 12 Resultat: Antall 35 42 Det er usikkerhet.";
        assert_eq!(run(text), Some((vec!["35", "42"], "Det er usikkerhet.")));
    }

    #[test]
    fn an_uncertain_count_counts_and_a_number_in_prose_does_not() {
        assert_eq!(
            run("bor i 3 boliger og 10 10? 180 Antakelser."),
            Some((vec!["10", "10?", "180"], "Antakelser."))
        );
        // A label directly followed by the next label shows no numbers.
        assert_eq!(
            run("Dette omfatter husstander som er begjært utkastet."),
            None
        );
    }
}
