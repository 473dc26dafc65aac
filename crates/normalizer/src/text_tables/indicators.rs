//! Delmål C.1 and C.2 in a transcript: one row per "Antall …" label, whose
//! single number column is the number right after the label and whose
//! comment is the text after that number.

use super::lead::{lead_record, number_columns, stray_note, LeadRow};
use super::tokens::{number_runs, tokens, TokenKind};
use super::{each_region, row_marks};
use crate::flow::Flow;
use crate::forms::{TableDef, TextDef};
use crate::grid::Block;

static_regex! {
    /// A sentence ends and another begins: the label has ended before it.
    SENTENCE_BREAK = r"[.!?]\s+\p{Lu}";
}

/// The row from `start` to `end`: the label runs to the first number, and
/// the run of numbers there is the row's.
fn read_row(text: &str, start: usize, end: usize, def: &TableDef) -> LeadRow {
    let toks = tokens(text, start..end);
    let first_number = toks.iter().position(|t| t.kind == TokenKind::Number);
    let first_token = first_number.and_then(|i| toks.get(i));
    let label_end = first_token.map_or(end, |t| t.start).max(start);
    let label = text.get(start..label_end).unwrap_or("");
    // The vocabulary's wording must be inside the label; a sentence break
    // after it means the number may stand in the comment instead.
    let wordings = def.vocabulary.iter().flat_map(|v| v.labels.iter());
    let wording_ends = wordings.filter_map(|re| re.find(label).map(|m| m.end()));
    let wording_end = wording_ends.min().unwrap_or(0);
    let after_wording = label.get(wording_end..).unwrap_or("");
    let sentence_break = first_number.and(SENTENCE_BREAK.find(after_wording));
    // The run of numbers from the first one; none without a number.
    let first = first_number.unwrap_or(toks.len());
    let run_end = first + toks.iter().skip(first).take_while(|t| t.numeric()).count();
    let run = toks.get(first..run_end).unwrap_or(&[]);
    let numbers = number_runs(text, run).into_iter().next();
    let doubt = "they stand after a sentence that may be the label's or the comment's, so they may be comment text";
    LeadRow {
        label: start..sentence_break.map_or(label_end, |m| start + wording_end + m.start() + 1),
        numbers: numbers.unwrap_or(Ok(Vec::new())),
        doubt: sentence_break.map(|_| doubt),
        comment: toks.get(run_end).map(|t| t.start..end),
    }
}

/// Reads the indicator tables of a transcript.
pub fn read(flow: &Flow, def: &TableDef, text_def: &TextDef) -> Vec<Block> {
    let text = flow.text.as_str();
    each_region(flow, text_def, |block| {
        let marks = row_marks(text, block.body(), text_def);
        let first = marks.first()?;
        // Numbers between the table's heading and its first row follow no label.
        let range = block.body_start..first.start;
        let stray = stray_note(flow, &tokens(text, range.clone()), range, &[], false);
        // The one number right after a label is that row's; a label directly
        // followed by the next label is empty.
        let names = number_columns(def);
        let role = names.first().map(String::as_str);
        let records = marks.iter().enumerate().map(|(i, m)| {
            let end = marks.get(i + 1).map_or(block.end, |n| n.start);
            let row = read_row(text, m.start, end, def);
            lead_record(flow, &row, &names, ("this row's label", role), "comment").0
        });
        Some(Block {
            records: records.collect(),
            notes: stray.into_iter().collect(),
            ..Block::default()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::read_row;
    use crate::testutil::table_def;

    #[test]
    fn rows_no_grid_gave_are_read_from_the_page_text_and_only_those() {
        use crate::flow::Flow;
        use crate::forms::first_match;
        use crate::grid::{Block, Record, Value};
        let def = table_def("indicators");
        let d = crate::testutil::doc(&[&[
            "C.1. Økonomiske virkemidler",
            "Antall boligkjøp med startlån og boligtilskudd 8",
            "C.2. Kommunalt disponerte boliger, søknader og tildelinger",
            "Antall kommunalt disponerte boliger 92",
        ]]);
        let flow = Flow::new(&d);
        let label = "Antall kommunalt disponerte boliger".to_string();
        let record = Record {
            label: Some(Value::from_text(Some(label.clone()), label, 1)),
            ..Record::default()
        };
        let grid = Block {
            records: vec![record],
            page: 1,
            ..Block::default()
        };
        let code = |r: &Record| Some(first_match(&def.vocabulary, r.label_text()?)?.name.clone());
        let (mut blocks, mut issues) = (vec![grid], Vec::new());
        super::super::complement(&flow, def, &mut blocks, &mut issues);
        assert_eq!(issues.len(), 1);
        let read: Vec<String> = blocks
            .iter()
            .flat_map(|b| &b.records)
            .filter_map(code)
            .collect();
        // The text's row, on the grid's page, after the grid's own.
        assert_eq!(read, ["kommunale_boliger", "startlan_med_boligtilskudd"]);
        // Without a grid the whole table is read from the text elsewhere.
        let mut none = Vec::new();
        super::super::complement(&flow, def, &mut none, &mut issues);
        assert!(none.is_empty() && issues.len() == 1);
    }

    #[test]
    fn a_number_after_a_sentence_break_is_doubtful_and_the_label_ends_at_the_break() {
        let def = table_def("indicators");
        let text = "Antall bostøttemottakere. Dette gjelder 12 husstander";
        let row = read_row(text, 0, text.len(), def);
        assert_eq!(
            text.get(row.label.clone()),
            Some("Antall bostøttemottakere.")
        );
        assert!(row.doubt.is_some());
        assert_eq!(row.numbers.as_ref().map(Vec::len), Ok(1));
        let plain = "Antall bostøttemottakere 12 husstander";
        let row = read_row(plain, 0, plain.len(), def);
        assert_eq!(
            plain.get(row.label.clone()),
            Some("Antall bostøttemottakere ")
        );
        assert!(row.doubt.is_none());
        assert_eq!(
            plain.get(row.comment.clone().unwrap_or_default()),
            Some("husstander")
        );
    }
}
