//! Hovedmål 1.1 in a transcript. The table is flattened into running text,
//! and the numbers of a row may stand after a later row's label ("A. … 35
//! 42 … C. … 10 10? 180"), so no number can be put in a column with
//! certainty: each row keeps its label and the dates of its table's
//! headers, and a note lists the numbers seen near it.

use std::sync::LazyLock;

use regex::Regex;
use skjema_model::Severity;

use super::{note, page_at, value};
use crate::flow::Flow;
use crate::forms::TableDef;
use crate::grid::{Block, Record};
use crate::values::clean_text;

/// How far after the last row its numbers may stand, in bytes.
const LAST_ROW_REACH: usize = 800;

static STATUS_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)Status\s+behov\s+(?:pr|per)\.?\s*(\d{1,2}\s*\.\s*\d{1,2}\s*\.\s*(?:\d\s*){2,4})",
    )
    .unwrap_or_else(|_| unreachable!("static regex"))
});

/// Stand-alone counts in running text ("35", "10?"), leaving out dates,
/// ordinals ("2. mnd."), years and numbers glued to words.
fn numbers_in(segment: &str) -> Vec<String> {
    let cleaned = STATUS_DATE.replace_all(segment, " ");
    cleaned
        .split_whitespace()
        .filter(|t| {
            let digits = t.trim_end_matches('?');
            !digits.is_empty()
                && digits.len() <= 5
                && digits.chars().all(|c| c.is_ascii_digit())
                && !(digits.len() == 4 && digits.starts_with("20"))
        })
        .map(str::to_string)
        .collect()
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
    let mut out: Vec<(Option<usize>, Block)> = Vec::new();
    for (i, &(start, end)) in found.iter().enumerate() {
        let next = found.get(i + 1).map_or(text.len(), |f| f.0);
        // A row's numbers stand close to it; the last row's text runs on into the next section.
        let stop = if i + 1 < found.len() {
            next
        } else {
            (end + LAST_ROW_REACH).min(text.len())
        };
        let segment = text.get(end..stop).unwrap_or("");
        // The header of the row's own table: the last one before the row, or the first right after it.
        let pair = pairs
            .iter()
            .rposition(|p| p.0 < start)
            .or_else(|| pairs.iter().position(|p| p.0 > start && p.0 < next));
        let label = text.get(start..end).and_then(clean_text);
        let mut record = Record {
            label: value(flow, start..end, label),
            ..Record::default()
        };
        let numbers = numbers_in(segment);
        if !numbers.is_empty() {
            record.notes.push(note(
                flow,
                Severity::Warning,
                None,
                end,
                Some(numbers.join(" ")),
                format!(
                    "The transcript shows the numbers {} near this row, but flattened text cannot tell which row and column each belongs to; the counts are left empty.",
                    numbers.join(" ")
                ),
            ));
        }
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
