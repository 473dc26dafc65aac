//! Economy tables in a transcript: the per-activity budget ("Rapportering
//! på økonomi") and the programme period by year ("Samlet oversikt over hele
//! programperioden", "Ressursbruk"). Amounts go into columns only when a row
//! shows exactly as many as the header has columns.

use std::ops::Range;

use skjema_model::Severity;

use super::lead::{amounts_in, fill, lead_record, raw_of, stray_note, Columns, LeadRow};
use super::tokens::{inside, tokens, Hit, Token, TokenKind, WordView};
use super::{each_region, note, row_marks, text_value, value};
use crate::deadline::within_budget;
use crate::flow::Flow;
use crate::forms::{Labelled, TableDef, TextDef};
use crate::grid::{Block, Record};

/// Header words closer than this (bytes between them) belong to one header.
const HEADER_GAP: usize = 40;

/// Least header words that make a header (fewer are words in a row label).
const HEADER_MIN_WORDS: usize = 3;

/// Runs of header words close together: (start, end, what matched, in order).
fn clusters<'d, T>(hits: &[Hit<'d, T>], min_words: usize) -> Vec<(usize, usize, Vec<&'d T>)> {
    let mut zones: Vec<(usize, usize, Vec<&'d T>)> = Vec::new();
    for hit in within_budget(hits) {
        match zones.last_mut() {
            Some(z) if hit.start <= z.1 + HEADER_GAP => {
                z.1 = hit.end;
                z.2.push(hit.item);
            }
            _ => zones.push((hit.start, hit.end, vec![hit.item])),
        }
    }
    zones.retain(|z| z.2.len() >= min_words);
    zones
}

/// Where the first of `spans` (headers) that begins inside `range` begins.
fn header_in(spans: &[Range<usize>], range: Range<usize>) -> Option<usize> {
    let starts = spans.iter().map(|s| s.start);
    starts.filter(|&s| s > range.start && s < range.end).min()
}

/// Where a row's first amount stands in `row` (after its label; a bare
/// year is the label's), and where its note stands: from the first word
/// after that amount, whatever its column (a number in it, "sak 12", is
/// the note's; a dash, "-" or ",-", marks an empty cell, no note), to the
/// row's end or a header inside it; empty when no number comes first.
fn row_parts(
    text: &str,
    toks: &[Token],
    row: Range<usize>,
    spans: &[Range<usize>],
) -> (Option<usize>, Range<usize>) {
    let lettered = |t: &Token| {
        let word = text.get(t.start..t.end).unwrap_or("");
        t.kind == TokenKind::Word && word.chars().any(char::is_alphabetic)
    };
    let mut in_row = inside(toks, row.clone(), spans);
    let amount = in_row.find(|t| t.numeric() && t.year(text).is_none());
    let start = in_row.find(|t| lettered(t)).map_or(row.end, |t| t.start);
    let end = header_in(spans, start..row.end).unwrap_or(row.end);
    (amount.map(|t| t.start), start..end)
}

/// Reads the per-activity economy tables of a transcript.
pub fn budget(flow: &Flow, def: &TableDef, text_def: &TextDef) -> Vec<Block> {
    let text = flow.text.as_str();
    each_region(flow, text_def, |block| {
        let toks = tokens(text, block.body());
        let view = WordView::new(text, &toks);
        let hits = view.hits(&def.columns, |c| c.headers.as_slice());
        let zones = clusters(&hits, HEADER_MIN_WORDS);
        let spans: Vec<Range<usize>> = zones.iter().map(|z| z.0..z.1).collect();
        // The note column takes the text after a row's amounts, never an amount.
        let names: Vec<String> = zones
            .iter()
            .flat_map(|z| z.2.iter())
            .map(|c| c.role.clone())
            .filter(|r| r != "note")
            .collect();
        let columns = Columns::of_header(&names, false, "the header's columns cannot be told apart in the text (some are printed twice or stand apart)");
        let marks: Vec<_> = row_marks(text, block.body(), text_def)
            .into_iter()
            .filter(|m| !spans.iter().any(|s| s.contains(&m.start)))
            .collect();
        let first = marks.first()?;
        let stray = stray_note(flow, &toks, block.body_start..first.start, &spans, true);
        let mut records = Vec::new();
        for (i, mark) in marks.iter().enumerate() {
            let end = marks.get(i + 1).map_or(block.end, |n| n.start);
            let (amount, note_at) = row_parts(text, &toks, mark.end..end, &spans);
            // The label ends at the row's first amount, or a header within it.
            let header = header_in(&spans, mark.start..end);
            let label_end = amount.into_iter().chain(header).min().unwrap_or(end);
            let found = amounts_in(text, &toks, mark.end..note_at.start, &spans, true);
            let mut record = Record {
                label: text_value(flow, mark.start..label_end),
                whole: value(flow, mark.start..end, None),
                ..Record::default()
            };
            // A row running on over a page break carries the rest of all its
            // cells there, which the text cannot tell apart: the note keeps
            // to the page its first word stands on.
            let page = flow.page_at(note_at.start);
            let on_page = inside(&toks, note_at.clone(), &[])
                .take_while(|t| flow.page_at(t.start) == page)
                .last();
            if let Some(last) = on_page {
                let cell = text_value(flow, note_at.start..last.end).filter(|v| v.text.is_some());
                record.cells.extend(cell.map(|v| ("note".to_string(), v)));
            }
            // Amounts right after a label are that row's: a row before it
            // without amounts is empty by its own position.
            let what = ("this row's label", None);
            fill(flow, &mut record, &found, &columns, what, mark.start);
            records.push(record);
        }
        Some(Block {
            records,
            notes: stray.into_iter().collect(),
            ..Block::default()
        })
    })
}

/// The record of one year: its label the year as written.
fn year_record(flow: &Flow, token: &Token) -> Record {
    Record {
        label: text_value(flow, token.start..token.end),
        ..Record::default()
    }
}

/// A year a table prints: its token's index among the table's tokens (years
/// side by side are neighbours), the token and the year.
type Year<'t> = (usize, &'t Token, i32);

/// Reads the tables by year of a transcript.
pub fn funding(flow: &Flow, def: &TableDef, text_def: &TextDef) -> Vec<Block> {
    let text = flow.text.as_str();
    each_region(flow, text_def, |block| {
        let toks = tokens(text, block.body());
        let view = WordView::new(text, &toks);
        let fields = view.hits(&def.fields, |f| f.labels.as_slice());
        let years: Vec<Year<'_>> = toks
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.year(text).map(|y| (i, t, y)))
            .collect();
        // Years side by side ("2010 2011 2012 2014") are a header row: the
        // first run of years each standing right after an earlier one.
        let side_by_side = |w: &[Year<'_>]| matches!(w, [a, b] if b.0 == a.0 + 1 && b.2 > a.2);
        let first = years
            .windows(2)
            .position(side_by_side)
            .unwrap_or(years.len());
        let rest = years.get(first..).unwrap_or(&[]);
        let run = rest.windows(2).take_while(|w| side_by_side(w)).count();
        let header = rest.get(..=run).unwrap_or(&[]);
        if header.len() >= 2 {
            years_across(flow, &toks, &fields, header, block.end)
        } else {
            years_down(flow, &toks, &fields, &years, block.end)
        }
    })
}

/// Years across the header, one row per field label ("Tilsagn om … kompetansetilskudd").
fn years_across(
    flow: &Flow,
    toks: &[Token],
    fields: &[Hit<'_, Labelled>],
    header: &[Year<'_>],
    end: usize,
) -> Option<Block> {
    let text = flow.text.as_str();
    let records = header.iter().map(|y| year_record(flow, y.1)).collect();
    let mut block = Block {
        records,
        ..Block::default()
    };
    let header_end = header.last().map_or(end, |y| y.1.end);
    let labels: Vec<&Hit<'_, Labelled>> = fields.iter().filter(|h| h.start >= header_end).collect();
    let first_start = labels.first().map_or(end, |h| h.start);
    let stray = stray_note(flow, toks, header_end..first_start, &[], false);
    block.notes.extend(stray);
    let years: Vec<String> = header.iter().map(|y| y.2.to_string()).collect();
    let columns = Columns::new(&years, false, None);
    for (n, hit) in within_budget(labels.iter().enumerate()) {
        let row_end = labels.get(n + 1).map_or(end, |h| h.start);
        let role = hit.item.name.as_str();
        let found = amounts_in(text, toks, hit.start..row_end, &[], false);
        let what = format!("the label \"{role}\"");
        // The label's amounts by year, then moved into the years' records.
        let mut by_year = Record::default();
        let row = (what.as_str(), Some(role));
        fill(flow, &mut by_year, &found, &columns, row, hit.start);
        block.notes.append(&mut by_year.notes);
        for (record, year) in block.records.iter_mut().zip(&years) {
            let cell = by_year.cells.remove(year);
            record.cells.extend(cell.map(|v| (role.to_string(), v)));
        }
    }
    Some(block)
}

/// Years down the first column, field labels across the header.
fn years_down(
    flow: &Flow,
    toks: &[Token],
    fields: &[Hit<'_, Labelled>],
    years: &[Year<'_>],
    end: usize,
) -> Option<Block> {
    let text = flow.text.as_str();
    // Row years run upwards; a year that does not is a year in a note.
    let mut rows: Vec<Year<'_>> = Vec::new();
    for &year in years {
        if rows.last().is_none_or(|z| year.2 > z.2) {
            rows.push(year);
        }
    }
    if rows.len() < 2 {
        return None;
    }
    // The header: the field labels that stand together (a lone "overføring"
    // further on is a word in a note).
    let header = clusters(fields, 2).into_iter().max_by_key(|z| z.2.len());
    // The amount columns: the note column takes text, never an amount.
    let names: Vec<String> = header.as_ref().map_or(Vec::new(), |z| {
        let named = z.2.iter().map(|l| l.name.clone());
        named.filter(|n| n != "note").collect()
    });
    let why = "the header's columns cannot be told from the text";
    let doubt = Columns::of_header(&names, true, why).unclear;
    let spans: Vec<Range<usize>> = header.iter().map(|z| z.0..z.1).collect();
    let first_pos = rows.first().map_or(end, |y| y.1.start);
    let block_start = toks.first().map_or(first_pos, |t| t.start);
    let mut block = Block::default();
    let stray = stray_note(flow, toks, block_start..first_pos, &spans, true);
    block.notes.extend(stray);
    for (n, &(_, token, year)) in within_budget(rows.iter().enumerate()) {
        let row_end = rows.get(n + 1).map_or(end, |y| y.1.start);
        let (_, note_at) = row_parts(text, toks, token.end..row_end, &spans);
        // A year's amounts follow it in column order: they fill the columns
        // from the left, and a year directly followed by the next year is empty.
        let row = LeadRow {
            label: token.start..token.end,
            numbers: amounts_in(text, toks, token.end..note_at.start, &spans, true),
            doubt,
            comment: Some(note_at),
        };
        let what = year.to_string();
        let (mut record, filled) = lead_record(flow, &row, &names, (&what, None), "note");
        record.whole = value(flow, token.start..row_end, None);
        match &row.numbers {
            Ok(amounts) if filled && amounts.len() < names.len() => {
                let (raw, k) = (raw_of(text, amounts), amounts.len());
                let first = names.get(..k).unwrap_or(&[]).join(", ");
                let message = format!(
                    "The transcript shows {k} amount(s) for {year} ({raw}) under {} columns; they are read into the first columns ({first}), as the text runs.",
                    names.len()
                );
                let note = note(flow, Severity::Info, None, token.start, Some(raw), message);
                record.notes.push(note);
            }
            _ => {}
        }
        block.records.push(record);
    }
    Some(block)
}

#[cfg(test)]
mod tests {
    use super::funding;
    use crate::flow::Flow;
    use crate::testutil::{doc, table_def};

    /// Each year's cells as (year, role, text), read from a one-page transcript.
    fn read(lines: &[&str]) -> Vec<(String, String, String)> {
        let def = table_def("funding_by_year");
        let Some(text_def) = &def.text else {
            panic!("funding_by_year has a text definition")
        };
        let flow = Flow::new(&doc(&[lines]));
        let blocks = funding(&flow, def, text_def);
        let records = blocks.iter().flat_map(|b| b.records.iter());
        records
            .flat_map(|r| {
                let year = r.label_text().unwrap_or("").to_string();
                r.cells.iter().map(move |(role, v)| {
                    let text = v.text.clone().unwrap_or_default();
                    (year.clone(), role.clone(), text)
                })
            })
            .collect()
    }

    fn cells(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
        let own = |s: &str| s.to_string();
        rows.iter()
            .map(|r| (own(r.0), own(r.1), own(r.2)))
            .collect()
    }

    #[test]
    fn a_number_in_the_comment_column_is_the_notes_not_an_amount() {
        let got = read(&[
            "Samlet oversikt over hele programperioden",
            "År Tilskudd fra Husbanken Egenfinansiering Kommentar",
            "2011 300.000 100.000 Vedtatt i sak 12 i bystyret",
            "2012 400.000 Forsinket",
            "2013",
        ]);
        assert_eq!(
            got,
            cells(&[
                ("2011", "grant_husbanken", "300.000"),
                ("2011", "note", "Vedtatt i sak 12 i bystyret"),
                ("2011", "own_funding", "100.000"),
                ("2012", "grant_husbanken", "400.000"),
                ("2012", "note", "Forsinket"),
            ])
        );
    }
}
