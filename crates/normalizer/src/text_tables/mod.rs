//! The transcript reader: the forms' tables from a flattened transcript,
//! where a table is running text and the numbers of a row are a bare
//! sequence of tokens, read into the same blocks of records as a PDF's
//! tables (see [`crate::grid`]) for the one mapper.
//!
//! Where a table begins and ends, and where each of its rows begins, comes
//! from `[table.text]` in `forms/tables.toml`; column headers, row labels and
//! vocabularies are the same as for PDF tables. A value is put in a cell only
//! when the order of the text decides it: the numbers right after a row label
//! (and before the comment that follows them) are that row's, filling its
//! number columns from the left; a label directly followed by the next label
//! is empty, and numbers that follow no label belong to no row. Otherwise the
//! row keeps its label and a note lists the numbers seen. Text
//! cells of a row (plans, results) cannot be told apart in running text and
//! stay empty, but for what the order decides (a budget row's note after its
//! amounts) or the report confirms (a goal's description printed elsewhere,
//! see [`echo`]); the row's text is kept as its provenance.

mod echo;
mod households;
mod indicators;
mod lead;
mod money;
mod rows;
mod tokens;

use std::ops::Range;

use skjema_model::{Issue, IssueCode, Severity};

use crate::deadline::within_budget;
use crate::flow::Flow;
use crate::forms::{first_match, TableDef, TextDef};
use crate::grid::{Block, Note, Record, Value};
use crate::lazy_regex::LazyRegex;
use crate::values::{clean_text, floor_boundary};

/// The longest stretch of text one table may take, in bytes.
const MAX_TABLE_BYTES: usize = 12_000;
/// How far past a region's last possible end an end mark is still looked
/// for, so that a mark that begins inside the region is found whole.
const END_MARK_ROOM: usize = 4_096;

/// The longest row text kept in provenance, in characters.
const MAX_RAW_CHARS: usize = 600;

/// The stretch of text one table of a kind takes.
#[derive(Debug, Clone)]
struct Region {
    /// Where the heading or header that opened it begins.
    heading: usize,
    /// Where that heading ends.
    body_start: usize,
    /// End (exclusive): the next table of the kind, an end heading, or the limit.
    end: usize,
}

impl Region {
    fn body(&self) -> Range<usize> {
        self.body_start..self.end
    }
}

/// Every table of a kind in the text, in order.
fn regions(text: &str, def: &TextDef) -> Vec<Region> {
    let mut starts: Vec<(usize, usize)> = def
        .starts
        .iter()
        .flat_map(|re| re.find_iter(text).map(|m| (m.start(), m.end())))
        .collect();
    starts.sort_unstable();
    starts.dedup_by(|b, a| b.0 < a.1);
    let mut out = Vec::new();
    for (i, &(heading, body_start)) in within_budget(starts.iter().enumerate()) {
        let next = starts.get(i + 1).map_or(text.len(), |s| s.0);
        let limit = floor_boundary(text, body_start + MAX_TABLE_BYTES);
        // An end mark beyond the next heading or the size limit cannot end
        // the region, so the search stops a little past them (room for a
        // mark that begins before and runs on): searching on to the end of
        // the text for every heading made a file of many reports quadratic.
        let bound = next.min(limit);
        let hay_end = floor_boundary(text, bound.saturating_add(END_MARK_ROOM));
        let hay = text.get(body_start..hay_end).unwrap_or("");
        let end_mark = def.ends.iter().filter_map(|re| re.find(hay));
        let end_mark = end_mark.map(|m| body_start + m.start()).min();
        out.push(Region {
            heading,
            body_start,
            end: bound.min(end_mark.unwrap_or(text.len())).max(body_start),
        });
    }
    out
}

/// The blocks `read` finds in each table of a kind, in order, each on the
/// page of the heading that opened it.
fn each_region<B: IntoIterator<Item = Block>>(
    flow: &Flow,
    def: &TextDef,
    mut read: impl FnMut(&Region) -> B,
) -> Vec<Block> {
    let mut out = Vec::new();
    for region in within_budget(regions(&flow.text, def)) {
        let page = flow.page_at(region.heading).unwrap_or(0);
        out.extend(read(&region).into_iter().map(|b| Block { page, ..b }));
    }
    out
}

/// Where `patterns` match in `range` of `text`: the whole match, or with
/// `marked` the first group where the pattern has one ("1)" in " 1) ").
fn matches_in(
    text: &str,
    range: Range<usize>,
    patterns: &[LazyRegex],
    marked: bool,
) -> Vec<Range<usize>> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    patterns
        .iter()
        .flat_map(|re| {
            re.captures_iter(slice).filter_map(|c| {
                let m = c.get(1).filter(|_| marked).or_else(|| c.get(0))?;
                Some(range.start + m.start()..range.start + m.end())
            })
        })
        .collect()
}

/// Where each row begins: matches of the row patterns in `range`, in order,
/// with the byte range of the marker itself.
fn row_marks(text: &str, range: Range<usize>, def: &TextDef) -> Vec<Range<usize>> {
    let mut marks = matches_in(text, range, &def.rows, true);
    marks.sort_by_key(|r| r.start);
    marks.dedup_by(|b, a| b.start < a.end);
    marks
}

fn clip(text: &str) -> String {
    match text.char_indices().nth(MAX_RAW_CHARS) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_string(),
    }
}

/// A note about a value of a transcript's table, at byte `pos` of the flow.
fn note(
    flow: &Flow,
    severity: Severity,
    role: Option<&str>,
    pos: usize,
    raw: Option<String>,
    message: impl Into<String>,
) -> Note {
    Note {
        role: role.map(str::to_string),
        code: IssueCode::UnmappedValue,
        severity,
        page: flow.page_at(pos),
        raw,
        message: message.into(),
    }
}

/// A cell read from `range` of the flow, with `text` as its value: its
/// page and its raw text, spacing squashed and clipped (no box in text).
fn value(flow: &Flow, range: Range<usize>, text: Option<String>) -> Option<Value> {
    let p = flow.provenance(range.start, range.end)?;
    let raw = clip(&p.raw.split_whitespace().collect::<Vec<_>>().join(" "));
    Some(Value::from_text(text, raw, p.page))
}

/// A cell read from `range` of the flow whose value is its text, cleaned.
fn text_value(flow: &Flow, range: Range<usize>) -> Option<Value> {
    let text = flow.text.get(range.clone()).and_then(clean_text);
    value(flow, range, text)
}

/// Reads the blocks of one table kind from a plain-text transcript's
/// reading flow.
pub fn read(flow: &Flow, def: &TableDef) -> Vec<Block> {
    if def.list == "households" {
        return households::read(&flow.text, flow, def);
    }
    let Some(text_def) = &def.text else {
        return Vec::new();
    };
    match def.list.as_str() {
        "indicators" => indicators::read(flow, def, text_def),
        "budget" => money::budget(flow, def, text_def),
        "funding_by_year" => money::funding(flow, def, text_def),
        "activities" => rows::activities(flow, def, text_def),
        "goals" => rows::goals(flow, text_def),
        "partners" => rows::partners(flow, def, text_def),
        _ => Vec::new(),
    }
}

/// The rows of the form's vocabulary that no grid in `grids` gave, read
/// from the page text and put among them (a table the finder missed
/// beside one it found), with an issue saying so; a row naming no entry
/// of the vocabulary could be a grid's own.
pub fn complement(flow: &Flow, def: &TableDef, grids: &mut Vec<Block>, issues: &mut Vec<Issue>) {
    let code = |r: &Record| first_match(&def.vocabulary, r.label_text()?).map(|v| v.name.clone());
    let records = grids.iter().flat_map(|b| &b.records);
    let given: Vec<String> = records.filter_map(code).collect();
    let new = |r: &Record| code(r).is_some_and(|c| !given.contains(&c));
    if given.is_empty() {
        return;
    }
    let mut blocks = read(flow, def);
    blocks.iter_mut().for_each(|b| b.records.retain(new));
    blocks.retain(|b| !b.records.is_empty());
    let page = blocks.first().map(|b| b.page);
    let rows = blocks.iter().map(|b| b.records.len()).sum();
    issues.extend(page.map(|p| crate::audit::table_from_text(def, rows, Some(p))));
    grids.extend(blocks);
    grids.sort_by_key(|b| b.page);
}

/// Where a table kind that gave no rows was looked for in a transcript,
/// and the nearest thing seen (the page of a heading that opened no rows).
pub fn looked_for(flow: &Flow, def: &TableDef) -> (String, Option<(u32, String)>) {
    let Some(text_def) = &def.text else {
        return (
            "a transcript's running text does not show where this table stands".to_string(),
            None,
        );
    };
    let text = flow.text.as_str();
    let starts: Vec<&LazyRegex> = match def.list.as_str() {
        "households" => def.categories.iter().flat_map(|c| &c.labels).collect(),
        _ => text_def.starts.iter().collect(),
    };
    let first = starts
        .iter()
        .filter_map(|re| re.find(text))
        .min_by_key(|m| m.start());
    match first {
        None => (
            "the transcript shows none of the headings or row labels that open it".to_string(),
            None,
        ),
        Some(m) => (
            "its heading stands in the transcript, but no row follows that the text can tell"
                .to_string(),
            flow.page_at(m.start()).map(|p| (p, clip(m.as_str()))),
        ),
    }
}
