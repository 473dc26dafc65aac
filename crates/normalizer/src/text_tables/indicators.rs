//! Delmål C.1 and C.2 in a transcript: one row per "Antall …" label, whose
//! single number column is the number right after the label and whose
//! comment is the text after that number.

use std::sync::LazyLock;

use regex::Regex;

use super::lead::{amounts_in, fill, stray_note, Columns, Found};
use super::tokens::{number_runs, tokens, TokenKind};
use super::{regions, row_marks, value};
use crate::flow::Flow;
use crate::forms::{TableDef, TextDef};
use crate::grid::{Block, Record};
use crate::values::clean_text;

/// A sentence ends and another begins: the label has ended before it.
static SENTENCE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[.!?]\s+\p{Lu}").unwrap_or_else(|_| unreachable!("static regex"))
});

struct Row {
    start: usize,
    label_end: usize,
    end: usize,
    /// The numbers right after the label (maybe none).
    lead: Found,
    /// The numbers stand after a sentence that may be the label's or the
    /// comment's.
    unclear: bool,
    /// Where the comment (text after the lead numbers) begins.
    comment_start: Option<usize>,
}

fn read_row(text: &str, start: usize, end: usize, def: &TableDef) -> Row {
    let toks = tokens(text, start..end);
    let first_number = toks.iter().position(|t| t.kind == TokenKind::Number);
    let label_end = first_number
        .and_then(|i| toks.get(i))
        .map_or(end, |t| t.start)
        .max(start);
    let label = text.get(start..label_end).unwrap_or("");
    // The vocabulary's wording must be inside the label; a sentence break
    // after it means the number may stand in the comment instead.
    let wording_end = def
        .vocabulary
        .iter()
        .flat_map(|v| v.labels.iter())
        .filter_map(|re| re.find(label).map(|m| m.end()))
        .min()
        .unwrap_or(0);
    let unclear = label
        .get(wording_end..)
        .is_some_and(|rest| SENTENCE_BREAK.is_match(rest));
    let Some(first) = first_number else {
        return Row {
            start,
            label_end,
            end,
            lead: Ok(Vec::new()),
            unclear,
            comment_start: None,
        };
    };
    let run_end = toks
        .iter()
        .skip(first)
        .position(|t| !t.numeric())
        .map_or(toks.len(), |n| first + n);
    let run = toks.get(first..run_end).unwrap_or(&[]);
    let comment_start = toks.get(run_end).map(|t| t.start);
    let lead = match number_runs(text, run).into_iter().next() {
        Some(Ok(numbers)) => Ok(numbers),
        Some(Err(g)) => Err(text.get(g.start..g.end).unwrap_or("").to_string()),
        None => Ok(Vec::new()),
    };
    let label_end = if unclear {
        SENTENCE_BREAK
            .find(label.get(wording_end..).unwrap_or(""))
            .map_or(label_end, |m| start + wording_end + m.start() + 1)
    } else {
        label_end
    };
    Row {
        start,
        label_end,
        end,
        lead,
        unclear,
        comment_start,
    }
}

/// Reads the indicator tables of a transcript.
pub fn read(flow: &Flow, def: &TableDef, text_def: &TextDef) -> Vec<Block> {
    let text = flow.text.as_str();
    let mut out = Vec::new();
    for block in regions(text, text_def) {
        let marks = row_marks(text, block.body(), text_def);
        let Some(first) = marks.first() else { continue };
        // Numbers between the table's heading and its first row follow no label.
        let prefix = tokens(text, block.body_start..first.start);
        let range = block.body_start..first.start;
        let stray = stray_note(
            flow,
            amounts_in(text, &prefix, range, &[], false),
            block.body_start,
        );
        let rows: Vec<Row> = marks
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let end = marks.get(i + 1).map_or(block.end, |n| n.start);
                read_row(text, m.start, end, def)
            })
            .collect();
        out.push(Block {
            records: rows.iter().map(|row| record(flow, row)).collect(),
            notes: stray.into_iter().collect(),
            page: super::page_at(flow, block.heading).unwrap_or(0),
            ..Block::default()
        });
    }
    out
}

/// The record of one row: its value only when the text decides it.
fn record(flow: &Flow, row: &Row) -> Record {
    let text = flow.text.as_str();
    let label = clean_text(text.get(row.start..row.label_end).unwrap_or(""));
    let mut record = Record {
        label: value(flow, row.start..row.label_end, label),
        ..Record::default()
    };
    // The one number right after a label is that row's; a label directly
    // followed by the next label is empty.
    let names = ["value".to_string()];
    let columns = Columns {
        names: &names,
        from_left: false,
        unclear: row.unclear.then_some(
            "they stand after a sentence that may be the label's or the comment's, so they may be comment text",
        ),
    };
    let what = ("this row's label", Some("value"));
    let filled = fill(flow, &mut record, &row.lead, &columns, what, row.label_end);
    if filled && !record.cells_blank() {
        if let Some(start) = row.comment_start {
            let comment = text.get(start..row.end).and_then(clean_text);
            record.cells.extend(
                comment
                    .and_then(|c| value(flow, start..row.end, Some(c)))
                    .map(|v| ("comment".to_string(), v)),
            );
        }
    }
    record
}
