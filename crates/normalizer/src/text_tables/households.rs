//! Hovedmål 1.1 in a transcript. The table is flattened into running text:
//! a row is its label (with the printed explanation), then its numbers
//! inline, then the comment that follows them ("A. … 35 42 Det er …"). The
//! run of counts after a label fills the row's number columns from the left
//! and the text after the run is its comment; a label directly followed by
//! the next label is empty. Every row keeps the dates of its table's
//! headers.

use std::collections::BTreeMap;
use std::ops::Range;

use skjema_extractor::BBox;
use skjema_model::Severity;

use super::lead::{lead_record, number_columns, LeadRow};
use super::tokens::{plain_digits, word_ranges, Amount};
use super::{matches_in, note};
use crate::deadline::within_budget;
use crate::flow::Flow;
use crate::forms::{row_letter, TableDef};
use crate::grid::Block;
use crate::lazy_regex::LazyRegex;
use crate::sections::blank_matches;
use crate::values::year_of;

/// How far after the last row its numbers may stand, in bytes.
const LAST_ROW_REACH: usize = 800;

static_regex! {
    /// The next row's letter ("B.") left at the end of a row's text.
    TRAILING_LETTER = r"\s+\p{Lu}\.\s*$";
}

/// Whether a token is a stand-alone count ("35", "10?") or a range of
/// counts ("33-38", left to the mapper's range issue), not a year, an
/// ordinal ("2.") or a number glued to a word.
fn is_count(token: &str) -> bool {
    if let Some((a, b)) = token.split_once(['-', '–']) {
        return is_single_count(a) && is_single_count(b) && !b.ends_with('?');
    }
    is_single_count(token)
}

fn is_single_count(token: &str) -> bool {
    let digits = token.trim_end_matches('?');
    plain_digits(digits) && digits.len() <= 5 && year_of(digits).is_none()
}

/// The first run of counts in `range` of `text` (the dated column headers
/// `headers` blanked) that ends the row's label text: followed by the end
/// of the range or by a word that starts a sentence. Returns the counts and
/// where the text after them begins.
fn lead_run(
    text: &str,
    range: Range<usize>,
    headers: &[LazyRegex],
) -> Option<(Vec<Amount>, usize)> {
    let blanked = blank_matches(text.get(range.clone())?, headers.iter().map(|re| &**re));
    let words = word_ranges(&blanked);
    let mut start = 0;
    for run in within_budget(words.split(|w| !blanked.get(w.clone()).is_some_and(is_count))) {
        let end = start + run.len();
        // The next word, with the space before it: a sentence goes on in
        // lower case, but not past the line a run ends (the explanation
        // printed in the label's column wraps on below the counts).
        let next = words
            .get(end)
            .and_then(|w| blanked.get(run.last()?.end..w.end));
        let goes_on = |t: &str| !t.contains('\n') && t.trim_start().starts_with(char::is_lowercase);
        if !run.is_empty() && !next.is_some_and(goes_on) {
            let amounts = run.iter().map(|w| Amount {
                start: range.start + w.start,
                end: range.start + w.end,
                money_like: false,
            });
            let after = words.get(end).map_or(range.end, |w| range.start + w.start);
            return Some((amounts.collect(), after));
        }
        start = end + 1;
    }
    None
}

/// How many lines below a row's first line its label may wrap onto.
const MAX_WRAP_LINES: usize = 3;

/// A row found on a line of the page text: its label before the numbers
/// ("A. Antall husstander uten eid 14? 88 86 Tall fra KOSTRA."), with the
/// label words wrapped onto the lines below, left of the numbers ("eller
/// leid bolig"), and the comment's words wrapped there, right of them.
#[derive(Debug, Clone, PartialEq)]
struct LineRow {
    /// Where the label begins and where its first line's part ends.
    head: Range<usize>,
    /// The end of the row's first line.
    line_end: usize,
    /// The whole label, its wrapped words joined.
    label: String,
    /// The comment's words on the lines below.
    comment_tail: Vec<String>,
    /// The dated column headers printed above the counts (start, end),
    /// when the page's lines show them.
    titles: Vec<String>,
    /// The dated columns left of its first count, blank in the row.
    blank_lead: usize,
}

/// A word of a line (see [`Flow::line_words`]).
type LineWord<'f> = (Range<usize>, &'f str, Option<BBox>);

/// How many lines above a row its column headers may reach.
const HEADER_REACH: usize = 10;

static_regex! {
    /// A date in a column header, its year maybe broken ("01.01.201" / "3").
    HEADER_DATE = r"\d{1,2}\s*\.\s*\d{1,2}\s*\.";
}

/// The dated headers of the columns a row's counts stand in, read up the
/// lines above the row (a borderless table's header cells stack their
/// words above their column): each word above goes to the count it
/// overlaps most, up to the previous row. The columns holding a date, left
/// to right, and how many dated headers right of the label (ending at
/// `label_x`) stand over no count but left of them: blank leading cells.
fn column_titles(
    flow: &Flow,
    row_line: usize,
    counts: &[LineWord<'_>],
    label_x: f64,
) -> (Vec<String>, usize) {
    let spans: Vec<(f64, f64)> = counts
        .iter()
        .filter_map(|c| c.2.map(|b| (b.x0, b.x1)))
        .collect();
    let Some(page) = flow.lines.get(row_line).map(|l| l.page) else {
        return (Vec::new(), 0);
    };
    let mut blank_lead = 0;
    let mut columns: Vec<Vec<String>> = vec![Vec::new(); spans.len()];
    for line in flow.lines.iter().take(row_line).rev().take(HEADER_REACH) {
        let words = flow.line_words(line);
        // The row above: a word in the label's column and counts (a
        // header's wrapped year, "013", stands right of the label).
        let left = spans.first().map_or(0.0, |s| s.0);
        let labelled = words.iter().any(|w| w.2.is_some_and(|b| b.x0 < label_x));
        if line.page != page || (labelled && words.iter().any(|w| is_count(w.1))) {
            break;
        }
        for (_, word, bbox) in &words {
            let Some(w) = bbox else { continue };
            let overlaps = spans.iter().enumerate();
            let overlaps = overlaps.map(|(i, &(a, b))| (i, w.x1.min(b) - w.x0.max(a)));
            let best = overlaps
                .filter(|o| o.1 > 0.0)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some(column) = best.and_then(|(i, _)| columns.get_mut(i)) {
                column.insert(0, word.to_string());
            } else if w.x0 >= label_x && w.x1 <= left && HEADER_DATE.is_match(word) {
                blank_lead += 1;
            }
        }
    }
    let titles = columns.into_iter().map(|c| c.join(" "));
    let titles = titles.filter(|c| HEADER_DATE.is_match(c));
    (titles.collect(), blank_lead)
}

/// The rows of the table as the page's lines show them: a line with a
/// label and a run of counts after it, its label wrapped onto the lines
/// below left of the counts, ending at the next row, an explanation or a
/// line that is not the label's.
fn line_rows(flow: &Flow, def: &TableDef) -> Vec<LineRow> {
    let mut out = Vec::new();
    for (i, line) in within_budget(flow.lines.iter().enumerate()) {
        let words = flow.line_words(line);
        let Some(k) = words.iter().position(|w| is_count(w.1)) else {
            continue;
        };
        let (Some(first), Some(number)) = (words.first(), words.get(k)) else {
            continue;
        };
        let (Some(number_x), true) = (number.2.map(|b| b.x0), k > 0) else {
            continue;
        };
        let run_end = k + words.iter().skip(k).take_while(|w| is_count(w.1)).count();
        let comment_x = words.get(run_end).and_then(|w| w.2).map(|b| b.x0);
        let mut label: Vec<String> = words.iter().take(k).map(|w| w.1.to_string()).collect();
        let mut comment_tail = Vec::new();
        let mut label_open = true;
        for next in flow.lines.iter().skip(i + 1).take(MAX_WRAP_LINES) {
            let below = flow.line_words(next);
            let starts_row = below
                .first()
                .is_some_and(|w| row_letter(w.1).is_some() || is_count(w.1));
            if next.page != line.page || starts_row || below.iter().any(|w| is_count(w.1)) {
                break;
            }
            let left = below
                .iter()
                .filter(|w| w.2.is_some_and(|b| b.x1 <= number_x));
            let left: Vec<&str> = left.map(|w| w.1).collect();
            let right_of_comment = |b: BBox| comment_x.is_some_and(|x| b.x0 >= x - 1.0);
            let right = below.iter().filter(|w| w.2.is_some_and(right_of_comment));
            let right: Vec<&str> = right.map(|w| w.1).collect();
            // Prose across the page is no cell of the row.
            if left.len() + right.len() < below.len() {
                break;
            }
            comment_tail.extend(right.iter().map(|w| w.to_string()));
            if label_open {
                let left_text = left.join(" ");
                let cut = def.explanation_start(&left_text);
                let kept = left_text.get(..cut.unwrap_or(left_text.len()));
                label.extend(kept.unwrap_or("").split_whitespace().map(str::to_string));
                label_open = cut.is_none() && !left.is_empty();
            }
        }
        let label = label.join(" ");
        if def.row_named(&label, true).is_some() {
            let label_x = words.get(k - 1).and_then(|w| w.2).map_or(0.0, |b| b.x1);
            let counts = words.get(k..run_end).unwrap_or_default();
            let (titles, blank_lead) = column_titles(flow, i, counts, label_x);
            out.push(LineRow {
                head: first.0.start..number.0.start,
                line_end: line.end,
                label,
                comment_tail,
                titles,
                blank_lead,
            });
        }
    }
    out
}

/// Reads the households rows of a transcript: one block per pair of
/// "Status behov pr. …" headers, with the rows that belong under it.
pub fn read(text: &str, flow: &Flow, def: &TableDef) -> Vec<Block> {
    let printed = def.categories.iter();
    let printed = printed.filter_map(|row| row.labels.iter().find_map(|re| re.find(text)));
    let mut found: Vec<(usize, usize, Option<LineRow>)> =
        printed.map(|m| (m.start(), m.end(), None)).collect();
    // Rows whose label is reworded or wraps around its numbers, from the lines.
    let printed_at = |r: &LineRow| found.iter().any(|f| f.0 < r.line_end && r.head.start < f.1);
    let lines = line_rows(flow, def);
    let blank_leads: Vec<_> = lines
        .iter()
        .map(|r| (r.head.start..r.line_end, r.blank_lead))
        .collect();
    let by_line = lines.into_iter().filter(|row| !printed_at(row));
    let by_line: Vec<_> = by_line
        .map(|r| (r.head.start, r.head.end, Some(r)))
        .collect();
    found.extend(by_line);
    found.sort_unstable_by_key(|f| f.0);
    // The dated headers name the key columns, start and end.
    let keys = crate::tables::key_roles(def);
    let titled = |texts: &[String]| -> BTreeMap<String, String> {
        let titles = keys.iter().zip(texts);
        titles.map(|(r, t)| (r.to_string(), t.clone())).collect()
    };
    // Every dated column header ("Status behov pr. <date>"), paired
    // start/end in order.
    let dated = def.text.as_ref().map_or(&[][..], |t| &t.headers[..]);
    let mut headers = matches_in(text, 0..text.len(), dated, false);
    headers.sort_unstable_by_key(|h| (h.start, h.end));
    let pairs: Vec<(usize, Vec<String>)> = headers
        .chunks(keys.len().max(1))
        .map(|pair| {
            let texts = pair.iter().filter_map(|h| text.get(h.clone()));
            let first = pair.first().map_or(0, |h| h.start);
            (first, texts.map(str::to_string).collect())
        })
        .collect();
    let ends = def.text.as_ref().map_or(&[][..], |t| &t.ends[..]);
    let names = number_columns(def);
    let mut out: Vec<(Option<usize>, Block)> = Vec::new();
    // The row before (in the same table) showed no numbers of its own.
    let mut stacked = false;
    for (i, (start, end, line_row)) in within_budget(found.iter().enumerate()) {
        let (start, end) = (*start, *end);
        let next_row = found.get(i + 1).map(|f| f.0);
        let next = next_row.unwrap_or(text.len());
        // A row's numbers stand close to it; the last row's text runs on into the next section.
        let stop = next_row.unwrap_or((end + LAST_ROW_REACH).min(text.len()));
        // An end heading cuts the row's text (the last row's comment).
        let rest = text.get(end..stop).unwrap_or("");
        let end_marks = ends.iter().filter_map(|re| re.find(rest));
        let stop = end_marks.map(|m| end + m.start()).min().unwrap_or(stop);
        // The header of the row's own table: the last one before the row, or the first right after it.
        let pair = pairs
            .iter()
            .rposition(|p| p.0 < start)
            .or_else(|| pairs.iter().position(|p| p.0 > start && p.0 < next));
        let same_table = out.last().is_some_and(|(p, _)| *p == pair);
        stacked &= same_table;
        let trailing = TRAILING_LETTER.find(text.get(end..stop).unwrap_or(""));
        let stop = trailing.map_or(stop, |m| end + m.start());
        // A row read from its line: its numbers and comment are on that line.
        let stop = line_row.as_ref().map_or(stop, |r| r.line_end.min(stop));
        let run = lead_run(text, end..stop, dated);
        let empty = run.is_none();
        let row = LeadRow {
            label: start..end,
            comment: run.as_ref().map(|(_, after)| *after..stop),
            numbers: Ok(run.map(|(numbers, _)| numbers).unwrap_or_default()),
            doubt: None,
        };
        // A row whose first cells are blank: its counts from the column they stand under.
        let skip = blank_leads
            .iter()
            .find(|(r, _)| r.start < end && start < r.end);
        let skip = skip.map_or(0, |b| b.1);
        let columns = names.get(skip..).unwrap_or(&names);
        let (mut record, filled) =
            lead_record(flow, &row, columns, ("this row's label", None), "comment");
        if let Some(r) = line_row {
            if let Some(label) = record.label.as_mut() {
                label.text = Some(r.label.clone());
            }
            let comment = record.cells.get_mut("comment").filter(|_| filled);
            if let Some(comment) = comment.filter(|_| !r.comment_tail.is_empty()) {
                let words = comment.text.take().into_iter();
                let words: Vec<String> = words.chain(r.comment_tail.iter().cloned()).collect();
                comment.text = Some(words.join(" ").trim().to_string());
            }
        }
        if let (true, Ok(numbers)) = (filled && stacked, &row.numbers) {
            // The row before is empty by its position, but say so on it too.
            if let Some(before) = out.last_mut().and_then(|(_, b)| b.records.last_mut()) {
                let message = "This row's label is directly followed by the next row's, so it is read as empty; the numbers after the next label are read as that row's.";
                before
                    .notes
                    .push(note(flow, Severity::Info, None, start, None, message));
            }
            let raw = numbers.first().map(|n| n.raw(text).to_string());
            let message = "The row before stands directly before this row's label with no numbers of its own; the numbers after this label are read as this row's, though some may be the row before's.";
            record
                .notes
                .push(note(flow, Severity::Warning, None, end, raw, message));
        }
        stacked = empty;
        if !same_table {
            let texts = pair.and_then(|p| pairs.get(p)).map_or(&[][..], |(_, t)| t);
            let block = Block {
                page: flow.page_at(start).unwrap_or(0),
                titles: titled(texts),
                ..Block::default()
            };
            out.push((pair, block));
        }
        if let Some((_, block)) = out.last_mut() {
            // A row read by line where the text's headers give fewer dates:
            // the dated headers its page's lines show above its counts, taken
            // again from a later row that shows more of them (a blank cell
            // has no count for its column's date to stand over).
            match line_row {
                Some(r) if block.titles.len() < r.titles.len() => block.titles = titled(&r.titles),
                _ => {}
            }
            block.records.push(record);
        }
    }
    out.into_iter().map(|(_, b)| b).collect()
}

#[cfg(test)]
mod tests {
    use super::lead_run;
    use crate::testutil::table_def;

    fn run(text: &str) -> Option<(Vec<&str>, &str)> {
        let (numbers, after) = lead_run(
            text,
            0..text.len(),
            &table_def("households").text.as_ref()?.headers,
        )?;
        let numbers = numbers.iter().map(|a| a.raw(text)).collect();
        Some((numbers, text.get(after..)?))
    }

    #[test]
    fn a_run_of_counts_that_ends_its_line_ends_the_label() {
        // The counts set beside the explanation, which wraps on below them.
        let text = "B. Antall husstander i fare Dette omfatter husstander som er begjært 13 12? 0\nutkastet, er uten gyldig leiekontrakt.";
        let counts = run(text).map(|(numbers, _)| numbers);
        assert_eq!(counts, Some(vec!["13", "12?", "0"]));
        // Within a line, a count a sentence goes on after is no row's.
        assert_eq!(run("som er 13 husstander"), None);
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
        // A year is no count, whatever its century (values::year_of).
        assert_eq!(
            run("Antall i 1998 12 14 Tall fra KOSTRA."),
            Some((vec!["12", "14"], "Tall fra KOSTRA."))
        );
        // A label directly followed by the next label shows no numbers.
        assert_eq!(
            run("Dette omfatter husstander som er begjært utkastet."),
            None
        );
    }
}

#[cfg(test)]
mod line_tests {
    use skjema_extractor::TextLine;

    use super::{line_rows, read, LineRow};
    use crate::flow::Flow;
    use crate::testutil::{doc, line_at, page, table_def};

    /// A line of cells: each segment's words from its x.
    fn cells(segments: &[(f64, &str)], y: f64) -> TextLine {
        let mut line = line_at("", 0.0, y);
        for &(x, text) in segments {
            let part = line_at(text, x, y);
            line.words.extend(part.words);
        }
        line.text = line
            .words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        line
    }

    /// A borderless households table as a Word export lays it out: headers
    /// stacked over their columns, labels wrapped around their numbers.
    fn flow() -> Flow {
        let rows: [&[(f64, &str)]; 12] = [
            &[
                (54.0, "1.1 Anskaffe"),
                (300.0, "Status"),
                (370.0, "Status"),
                (440.0, "Resultat:"),
            ],
            &[(300.0, "behov"), (370.0, "behov")],
            &[(300.0, "pr."), (370.0, "pr.")],
            &[(300.0, "01.01.201"), (370.0, "31.12.201")],
            &[(300.0, "3"), (370.0, "3")],
            &[
                (54.0, "A. Antall husstander uten eid"),
                (300.0, "14?"),
                (370.0, "88"),
                (440.0, "86"),
                (500.0, "Tall fra"),
            ],
            &[(54.0, "eller leid bolig"), (500.0, "KOSTRA.")],
            &[(54.0, "Dette omfatter husstander som")],
            &[
                (54.0, "B Husstander med fare for å"),
                (300.0, "89"),
                (370.0, "33-38"),
                (440.0, "61"),
            ],
            &[(54.0, "miste boligen (antall)")],
            &[
                (54.0, "Antall barnefamilier som har"),
                (300.0, "2"),
                (370.0, "7"),
            ],
            &[(54.0, "behov for bolig")],
        ];
        let mut lines: Vec<TextLine> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| cells(r, 60.0 + 14.0 * i as f64))
            .collect();
        // Prose after the table: a letter and a number, but no row's words.
        lines.push(line_at(
            "A. Vi har hatt 3 møter i styringsgruppen i år",
            54.0,
            300.0,
        ));
        let mut document = doc(&[]);
        document.pages = vec![page(1, lines)];
        Flow::new(&document)
    }

    #[test]
    fn reworded_rows_are_found_by_letter_or_keywords_and_wrapped_labels_joined() {
        let flow = flow();
        let rows: Vec<LineRow> = line_rows(&flow, table_def("households"));
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "A. Antall husstander uten eid eller leid bolig",
                "B Husstander med fare for å miste boligen (antall)",
                "Antall barnefamilier som har behov for bolig",
            ]
        );
        assert_eq!(
            rows.first().map(|r| r.comment_tail.clone()),
            Some(vec!["KOSTRA.".to_string()])
        );
        assert_eq!(
            rows.first().map(|r| r.titles.clone()),
            Some(vec![
                "Status behov pr. 01.01.201 3".to_string(),
                "Status behov pr. 31.12.201 3".to_string()
            ])
        );
    }

    #[test]
    fn the_counts_after_a_wrapped_label_are_its_row() {
        let flow = flow();
        let blocks = read(&flow.text, &flow, table_def("households"));
        let records: Vec<_> = blocks.iter().flat_map(|b| b.records.iter()).collect();
        let cell = |i: usize, role: &str| {
            records
                .get(i)
                .and_then(|r| r.text(role))
                .map(str::to_string)
        };
        assert_eq!(records.len(), 3);
        assert_eq!(
            records.first().and_then(|r| r.label_text()),
            Some("A. Antall husstander uten eid eller leid bolig")
        );
        assert_eq!(cell(0, "need_start").as_deref(), Some("14?"));
        assert_eq!(cell(0, "need_end").as_deref(), Some("88"));
        assert_eq!(cell(0, "housed").as_deref(), Some("86"));
        assert_eq!(cell(0, "comment").as_deref(), Some("Tall fra KOSTRA."));
        // A range is a count cell the mapper names as a range.
        assert_eq!(cell(1, "need_end").as_deref(), Some("33-38"));
        assert_eq!(cell(2, "need_end").as_deref(), Some("7"));
        assert_eq!(cell(2, "housed"), None);
        assert_eq!(
            blocks
                .first()
                .and_then(|b| b.titles.get("need_end"))
                .map(String::as_str),
            Some("Status behov pr. 31.12.201 3")
        );
    }

    #[test]
    fn a_later_row_under_both_dates_gives_the_titles_a_blank_first_cell_hid() {
        // Row A's first count is blank: nothing stands under the first
        // date, so its counts show the second date only; the header
        // printed again over row B (the next page) shows both.
        // The years wrap ("013"): counts, but right of the label column.
        let header: [&[(f64, &str)]; 4] = [
            &[(300.0, "Status"), (370.0, "Status"), (440.0, "Resultat:")],
            &[(300.0, "behov"), (370.0, "behov")],
            &[(300.0, "01.01.2"), (370.0, "31.12.2")],
            &[(300.0, "013"), (370.0, "013")],
        ];
        let a: &[(f64, &str)] = &[
            (54.0, "A Husstander uten eid bolig"),
            (370.0, "73"),
            (440.0, "35"),
        ];
        let b: &[(f64, &str)] = &[
            (54.0, "B Husstander med fare for å"),
            (300.0, "25"),
            (370.0, "48"),
        ];
        let rows: Vec<&[(f64, &str)]> = header
            .iter()
            .chain([&a])
            .chain(&header)
            .chain([&b])
            .copied()
            .collect();
        let lines = rows.iter().enumerate();
        let lines = lines
            .map(|(i, r)| cells(r, 60.0 + 14.0 * i as f64))
            .collect();
        let mut document = doc(&[]);
        document.pages = vec![page(1, lines)];
        let flow = Flow::new(&document);
        let blocks = read(&flow.text, &flow, table_def("households"));
        let title = |role: &str| blocks.first().and_then(|b| b.titles.get(role)).cloned();
        assert!(title("need_start").is_some_and(|t| t.contains("01.01.2")));
        assert!(title("need_end").is_some_and(|t| t.contains("31.12.2")));
        // classes16: row A's counts go to the columns they stand under.
        let a = blocks.first().and_then(|b| b.records.first());
        let cells = ["need_start", "need_end", "housed"].map(|r| a.and_then(|a| a.text(r)));
        assert_eq!(cells, [None, Some("73"), Some("35")]);
    }
}
