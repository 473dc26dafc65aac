//! Delmål C.1 and C.2 in a transcript: one row per "Antall …" label, whose
//! single number column is the number right after the label and whose
//! comment is the text after that number.

use std::sync::LazyLock;

use regex::Regex;
use skjema_model::Severity;

use super::tokens::{number_runs, tokens, AmbiguousGrouping, Amount, TokenKind};
use super::{note, regions, row_marks, value};
use crate::flow::Flow;
use crate::forms::{TableDef, TextDef};
use crate::grid::{Block, Record};
use crate::values::clean_text;

/// A sentence ends and another begins: the label has ended before it.
static SENTENCE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[.!?]\s+\p{Lu}").unwrap_or_else(|_| unreachable!("static regex"))
});

/// What the text shows right after one row label.
enum Lead {
    /// The numbers right after the label (maybe none).
    Numbers(Vec<Amount>),
    /// Digits that can be grouped into numbers in more than one way.
    Ambiguous(AmbiguousGrouping),
    /// Numbers stand after a sentence that may be the label's or the comment's.
    Unclear(Vec<Amount>),
}

struct Row {
    start: usize,
    label_end: usize,
    end: usize,
    lead: Lead,
    /// Where the comment (text after the lead numbers) begins.
    comment_start: Option<usize>,
}

impl Row {
    fn numbers_raw(&self, text: &str) -> Option<String> {
        match &self.lead {
            Lead::Numbers(n) | Lead::Unclear(n) if !n.is_empty() => {
                Some(n.iter().map(|a| a.raw(text)).collect::<Vec<_>>().join(" "))
            }
            Lead::Ambiguous(g) => text.get(g.start..g.end).map(str::to_string),
            _ => None,
        }
    }
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
            lead: Lead::Numbers(Vec::new()),
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
        Some(Ok(numbers)) if unclear => Lead::Unclear(numbers),
        Some(Ok(numbers)) => Lead::Numbers(numbers),
        Some(Err(g)) => Lead::Ambiguous(g),
        None => Lead::Numbers(Vec::new()),
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
        comment_start,
    }
}

/// Reads the indicator tables of a transcript.
pub fn read(flow: &Flow, def: &TableDef, text_def: &TextDef) -> Vec<Block> {
    let text = flow.text.as_str();
    let mut out = Vec::new();
    for block in regions(text, text_def) {
        if crate::deadline::over() {
            break;
        }
        let marks = row_marks(text, block.body(), text_def);
        let Some(first) = marks.first() else { continue };
        // Numbers between the table's heading and its first row.
        let prefix_toks = tokens(text, block.body_start..first.start);
        let stray: Vec<Amount> = number_runs(text, &prefix_toks)
            .into_iter()
            .flat_map(|r| r.unwrap_or_default())
            .collect();
        let stray_raw = (!stray.is_empty()).then(|| {
            stray
                .iter()
                .map(|a| a.raw(text))
                .collect::<Vec<_>>()
                .join(" ")
        });
        let rows: Vec<Row> = marks
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let end = marks.get(i + 1).map_or(block.end, |n| n.start);
                read_row(text, m.start, end, def)
            })
            .collect();
        let records = rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let before = if i == 0 { None } else { rows.get(i - 1) };
                record(flow, row, before, stray_raw.as_deref())
            })
            .collect();
        out.push(Block {
            records,
            page: super::page_at(flow, block.heading).unwrap_or(0),
            ..Block::default()
        });
    }
    out
}

/// The record of one row: its value only when the text decides it.
fn record(flow: &Flow, row: &Row, before: Option<&Row>, stray: Option<&str>) -> Record {
    let text = flow.text.as_str();
    let label = clean_text(text.get(row.start..row.label_end).unwrap_or(""));
    let mut record = Record {
        label: value(flow, row.start..row.label_end, label),
        ..Record::default()
    };
    let own = row.numbers_raw(text);
    let mut problem: Option<(String, String)> = None;
    match &row.lead {
        // The one number right after a label is that row's: a row before it
        // without a number is empty by its own position, and numbers between
        // the heading and the first label belong to no row.
        Lead::Numbers(n) if n.len() == 1 => {
            if let Some(a) = n.first() {
                let written = a.raw(text).to_string();
                record.cells.extend(
                    value(flow, a.start..a.end, Some(written)).map(|v| ("value".to_string(), v)),
                );
                let comment = row
                    .comment_start
                    .and_then(|s| text.get(s..row.end))
                    .and_then(clean_text);
                if let (Some(start), Some(comment)) = (row.comment_start, comment) {
                    record.cells.extend(
                        value(flow, start..row.end, Some(comment))
                            .map(|v| ("comment".to_string(), v)),
                    );
                }
            }
            if let (None, Some(s)) = (before, stray) {
                record.notes.push(note(
                    flow,
                    Severity::Warning,
                    None,
                    row.start,
                    Some(s.to_string()),
                    format!(
                        "The transcript shows {s} between the table's heading and its first row label; it follows no label and is not read as any row's value."
                    ),
                ));
            }
        }
        // A label directly followed by the next label is empty.
        Lead::Numbers(n) if n.is_empty() => {}
        Lead::Numbers(n) => {
            let raw = own.clone().unwrap_or_default();
            problem = Some((
                raw.clone(),
                format!(
                    "{} numbers ({raw}) follow this row's label, but the table has one number column; which is the row's value cannot be told, so it is left empty.",
                    n.len()
                ),
            ));
        }
        Lead::Ambiguous(_) => {
            let raw = own.clone().unwrap_or_default();
            problem = Some((
                raw.clone(),
                format!(
                    "The digits \"{raw}\" after this row's label can be read as one number or several; left empty."
                ),
            ));
        }
        Lead::Unclear(_) => {
            let raw = own.clone().unwrap_or_default();
            problem = Some((
                raw.clone(),
                format!(
                    "The numbers {raw} stand after a sentence that may be the label's or the comment's, so they may be comment text; the value is left empty."
                ),
            ));
        }
    }
    if let Some((raw, message)) = problem {
        record.notes.push(note(
            flow,
            Severity::Warning,
            Some("value"),
            row.label_end,
            Some(raw),
            message,
        ));
    }
    record
}
