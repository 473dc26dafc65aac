//! Every "Label: value" pair of a document, whatever its form: the rows of
//! `fields.csv`. A form's own fields read the labels it defines; this reads
//! any label, so a value written under a label no model field takes (or on
//! a form the reader does not know) is still in the data, with its page
//! and box.
//!
//! A label is one to five words ending in a colon followed by a space or
//! the end of its line, its first word capitalised and its other words not
//! ("Kommunens navn", "Utfylt av", "E-post", "Delmål 2"), at the start of a
//! line or table cell. Flattened text holds several pairs on one line
//! ("Programnavn: Bo trygt Kommune: Moss"): after a first pair, a label of
//! at most three words ends the value before it. A label alone on its line
//! or in its cell takes the next line or the next cell of its row.

use skjema_model::LabelledValue;

use crate::deadline::within_budget;
use crate::fields::{container_end, FieldValue};
use crate::flow::Flow;
use crate::sections::squash;

/// Words a label at the start of a line holds at most.
const LABEL_WORDS: usize = 5;

/// Words of a label inside a line, after another pair: fewer, as prose
/// could otherwise end a value ("… og vi har gjennomført følgende:").
const INNER_LABEL_WORDS: usize = 3;

/// Characters a label holds at most.
const LABEL_CHARS: usize = 48;

/// A label found in a line: byte offsets within the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    /// Where the label starts.
    start: usize,
    /// Where the label ends (before any spaces and the colon).
    end: usize,
    /// Just after the colon: where the value may start.
    after: usize,
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a word may stand inside a label before its last word: a
/// lower-case word or a number, without closing punctuation.
fn inner_word(word: &str) -> bool {
    let first = word.chars().next();
    first.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
        && !word.ends_with(['.', ',', ';', '!', '?', ')', ':'])
}

/// The label ending at the colon at `colon`, searched no further back than
/// `from`, with at most `max_words` words.
fn label_before(text: &str, from: usize, colon: usize, max_words: usize) -> Option<Found> {
    let head = text.get(from..colon)?;
    let trimmed = head.trim_end();
    let end = from + trimmed.len();
    // The words nearest the colon first; only `max_words` of them can
    // matter, so a long line is not split from its start. A word's offset
    // is where its slice begins within `trimmed`.
    let words = trimmed
        .split_whitespace()
        .rev()
        .map(|w| (from + (w.as_ptr() as usize - trimmed.as_ptr() as usize), w));
    for (count, (at, word)) in words.enumerate() {
        if count >= max_words {
            return None;
        }
        let last = count == 0;
        if starts_upper(word) && (last || !word.ends_with(['.', ',', ';', '!', '?', ')'])) {
            let label = text.get(at..end)?;
            return (label.chars().count() <= LABEL_CHARS).then_some(Found {
                start: at,
                end,
                after: colon + 1,
            });
        }
        if !last && !inner_word(word) {
            return None;
        }
        if last && !(word.chars().next().is_some_and(char::is_alphanumeric)) {
            return None;
        }
    }
    None
}

/// The labels of one line, left to right: the first must open the line
/// (`mid_line` allows it anywhere, for flattened text); later ones end the
/// value of the one before.
fn labels_in(text: &str, mid_line: bool) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    // A byte search: `:` is ASCII, and most lines hold none.
    let colons = text.match_indices(':').filter(|&(i, _)| {
        text.get(i + 1..)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
    });
    for (colon, _) in within_budget(colons) {
        let from = found.last().map_or(0, |f| f.after);
        let first = found.is_empty();
        let max_words = if first && !mid_line {
            LABEL_WORDS
        } else {
            INNER_LABEL_WORDS
        };
        let Some(label) = label_before(text, from, colon, max_words) else {
            continue;
        };
        let opens_line = text.get(..label.start).is_some_and(|t| t.trim().is_empty());
        if first && !opens_line && !mid_line {
            continue;
        }
        found.push(label);
    }
    found
}

/// Whether a line of the flow opens with a label (outside flattened text
/// the first label found opens its line).
fn opens_with_label(flow: &Flow, index: usize) -> bool {
    flow.lines
        .get(index)
        .is_some_and(|line| !labels_in(flow.slice(line.start, line.end), false).is_empty())
}

/// Every pair of the document, in reading order, each with the target of
/// the form field whose value it holds (`mapped`), if any.
pub fn labelled_values(flow: &Flow, mapped: &[FieldValue<'_>]) -> Vec<LabelledValue> {
    // Text input is one line per printed line or, flattened, per block:
    // there a label block may begin mid-line.
    let text_input = flow.words.iter().all(|w| w.2.is_none());
    let mut out = Vec::new();
    let mut index = 0;
    while let Some(line) = flow.lines.get(index) {
        if crate::deadline::over() {
            break;
        }
        let text = flow.slice(line.start, line.end);
        let labels = labels_in(text, text_input);
        let mut next = index + 1;
        for (k, label) in labels.iter().enumerate() {
            let value_start = line.start + label.after;
            let value_end = match labels.get(k + 1) {
                Some(following) => line.start + following.start,
                None => {
                    let end = container_end(flow, value_start).max(value_start);
                    // A value never runs into a line that opens with a label.
                    let mut cut = end;
                    let mut j = index + 1;
                    while let Some(more) = flow.lines.get(j) {
                        if more.start >= end {
                            break;
                        }
                        if opens_with_label(flow, j) {
                            cut = cut.min(more.start);
                            break;
                        }
                        j += 1;
                    }
                    next = next.max(j);
                    cut
                }
            };
            let raw = flow.slice(value_start, value_end);
            let value = squash(raw);
            let label_text = squash(text.get(label.start..label.end).unwrap_or(""));
            if value.is_empty() || label_text.is_empty() {
                continue;
            }
            let lead = raw.len() - raw.trim_start().len();
            let (vs, ve) = (value_start + lead, value_end);
            let field = mapped.iter().find(|v| v.start < ve && vs < v.end);
            let field = field.map(|v| v.def.target.clone());
            let Some(at) = flow.provenance(line.start + label.start, ve) else {
                continue;
            };
            out.push(LabelledValue {
                label: label_text,
                value,
                field,
                page: at.page,
                bbox: at.bbox,
            });
        }
        index = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::doc;

    fn pairs(lines: &[&str]) -> Vec<(String, String)> {
        let flow = Flow::new(&doc(&[lines]));
        labelled_values(&flow, &[])
            .into_iter()
            .map(|v| (v.label, v.value))
            .collect()
    }

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(l, v)| (l.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn labels_open_lines_and_take_the_rest_of_it() {
        assert_eq!(
            pairs(&[
                "Til: Rådmannen",
                "Kommunens navn : Moss kommune",
                "Saksnr.: 2013/44",
                "Vi har gjort dette: mye",
                "Møtet startet kl. 10: 30 og varte lenge: ja",
                "Se http://example.no for mer",
            ]),
            owned(&[
                ("Til", "Rådmannen"),
                ("Kommunens navn", "Moss kommune"),
                ("Saksnr.", "2013/44"),
                ("Vi har gjort dette", "mye"),
            ])
        );
    }

    #[test]
    fn a_label_alone_takes_the_next_line_unless_it_is_a_label() {
        assert_eq!(
            pairs(&[
                "Prosjektleder:",
                "Kari Nordmann",
                "Telefon:",
                "E-post: kari@moss.kommune.no"
            ]),
            owned(&[
                ("Prosjektleder", "Kari Nordmann"),
                ("E-post", "kari@moss.kommune.no")
            ])
        );
    }

    #[test]
    fn prose_is_no_label() {
        assert!(pairs(&[
            "Arbeidet med bostøtte har gitt følgende resultat i år: flere søkere",
            "• Punkt: ikke en etikett",
            "1. Formalia: nei",
        ])
        .is_empty());
    }

    #[test]
    fn several_pairs_on_one_flattened_line() {
        let text = "Programnavn: Bolig for alle. Kommune : Eksempel kommune Programleder: Kari Nordmann E-post: kari@x.no";
        let doc = skjema_extractor::extract(text.as_bytes(), &Default::default());
        let Ok(doc) = doc else {
            panic!("text extracts")
        };
        let flow = Flow::new(&doc);
        let got: Vec<(String, String)> = labelled_values(&flow, &[])
            .into_iter()
            .map(|v| (v.label, v.value))
            .collect();
        assert_eq!(
            got,
            owned(&[
                ("Programnavn", "Bolig for alle."),
                ("Kommune", "Eksempel kommune"),
                ("Programleder", "Kari Nordmann"),
                ("E-post", "kari@x.no"),
            ])
        );
    }
}
