//! Label/value fields: finds each form field's label in the reading flow
//! and cuts out the text that answers it.
//!
//! A value runs from its label to the next label of the form, and never
//! past its own container: the rest of the label's table cell (or the next
//! cell of the row when the label has a cell of its own), the rest of the
//! line outside tables, or the rest of the page line for text input, where
//! a whole page may be one line.

use crate::deadline::within_budget;
use crate::flow::Flow;
use crate::forms::{FieldDef, FormDefinition, Label, ValueType};
use crate::values::{find_dates, floor_boundary};
use skjema_extractor::BBox;

/// The raw text that answers one field, with its byte range in the flow.
#[derive(Debug, Clone)]
pub struct FieldValue<'f> {
    /// The field definition.
    pub def: &'f FieldDef,
    /// Byte range of the value in the flow.
    pub start: usize,
    /// End of the value (exclusive).
    pub end: usize,
}

impl FieldValue<'_> {
    /// The value's byte range in the flow.
    pub fn span(&self) -> Option<(usize, usize)> {
        Some((self.start, self.end))
    }
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    field: usize,
    label_start: usize,
    value_start: usize,
    /// Where the value ends when the field's type decided it (a name or a
    /// date range in running text, a signature), else its container does.
    value_end: Option<usize>,
}

/// How far after a label in running text its value may run, in bytes.
const PROSE_REACH: usize = 160;

/// Characters after a label within which its link words stand.
const LINK_REACH: usize = 40;

/// How far after a label in running text a date may begin, in bytes
/// ("Godkjent styringsgruppa den 3.2.2015").
const MAX_LEAD: usize = 12;

/// The byte length of the name at the start of `text`: capitalised words,
/// initials and hyphenated names ("Ann Kristin N. Strandheim"), at most five.
pub(crate) fn name_len(text: &str) -> usize {
    let mut end = 0;
    let mut words = 0;
    let mut pos = 0;
    for word in text.split_whitespace() {
        let Some(found) = text.get(pos..).and_then(|rest| rest.find(word)) else {
            break;
        };
        let start = pos + found;
        pos = start + word.len();
        let first_upper = word.chars().next().is_some_and(char::is_uppercase);
        let bare = word.trim_end_matches(['.', ',']);
        let letters_only = bare.chars().all(|c| c.is_alphabetic() || c == '-');
        let all_caps = word.chars().filter(|c| c.is_alphabetic()).count() > 2
            && word.chars().all(|c| !c.is_lowercase());
        if !first_upper || !letters_only || all_caps {
            break;
        }
        end = start + bare.len();
        words += 1;
        // A full stop after more than an initial ends the sentence, and the name.
        let initial = word.trim_end_matches('.').chars().count() == 1;
        if word.ends_with(',') || (word.ends_with('.') && !initial) || words == 5 {
            break;
        }
    }
    end
}

/// Skips the link words a field allows between its label and its value
/// ("har vært"); returns the position after them.
fn skip_links(flow: &Flow, def: &FieldDef, at: usize) -> usize {
    let rest = flow.text.get(at..).unwrap_or("");
    let trimmed = rest.trim_start();
    // Only the start can hold a link word.
    let head: String = trimmed.chars().take(LINK_REACH).collect();
    let lower = head.to_lowercase();
    for link in &def.links {
        let after = lower.strip_prefix(link.as_str());
        if after.is_some_and(|after| after.starts_with(char::is_whitespace)) {
            let skipped = rest.len() - trimmed.len() + link.len();
            let after = rest.get(skipped..).unwrap_or("");
            return at + skipped + (after.len() - after.trim_start().len());
        }
    }
    at + (rest.len() - trimmed.len())
}

/// The value a field reads in running text right after `at`: a name, a
/// date range, dates; `None` when the text there is none.
fn typed_value(flow: &Flow, def: &FieldDef, at: usize) -> Option<(usize, usize)> {
    let start = skip_links(flow, def, at);
    let end = floor_boundary(&flow.text, start + PROSE_REACH);
    let window = flow.text.get(start..end)?;
    match def.value_type {
        ValueType::Name | ValueType::Text => {
            let len = name_len(window);
            (len > 0).then_some((start, start + len))
        }
        ValueType::DateRange => {
            let dates = find_dates(window, None);
            let (first, second) = (dates.first()?, dates.get(1)?);
            let between = window.get(first.1.end..second.1.start)?.trim();
            matches!(between, "-" | "–" | "—" | "til")
                .then_some((start + first.1.start, start + second.1.end))
        }
        ValueType::FirstDate | ValueType::Dates => {
            // The dates right after the label (its colon and a line end
            // skipped: the value may stand in the next cell), up to the end
            // of that line or bracket (any year stands in for one not
            // written: only where the dates stand is asked here).
            let rest = window.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
            let lead = window.len() - rest.len();
            let (start, window) = (start + lead, window.get(lead..)?);
            let stop = window.find(['\n', ')']).unwrap_or(window.len());
            let dates = find_dates(window.get(..stop)?, Some(2000));
            let (first, last) = (dates.first()?, dates.last()?);
            (first.1.start <= MAX_LEAD).then_some((start + first.1.start, start + last.1.end))
        }
        _ => None,
    }
}

/// The start of the last sentence in `text`: after the last full stop,
/// question or exclamation mark that a space follows.
fn last_sentence_start(text: &str) -> usize {
    text.match_indices(['.', '!', '?'])
        .map(|(i, _)| i + 1)
        .filter(|&i| text.get(i..).is_some_and(|rest| rest.starts_with(' ')))
        .rfind(|&i| {
            // An initial ("Ann K. Berg") ends no sentence.
            let before = text.get(..i - 1).unwrap_or("");
            let word = before.rsplit(' ').next().unwrap_or("");
            word.chars().count() > 1
        })
        .unwrap_or(0)
}

/// A signature's name before its role label: "Kari Nordmann / prosjektleder"
/// on one line, the name alone on the line above, or the name opening the
/// sentence with a link word between ("Tone Berg har vært prosjektleder").
fn signature_value(flow: &Flow, def: &FieldDef, label_start: usize) -> Option<(usize, usize)> {
    let line = flow.line_holding(label_start)?;
    let before = flow.slice(line.start, label_start);
    let lower = before.trim_end().to_lowercase();
    let linked = def.links.iter().find_map(|link| {
        let cut = lower.strip_suffix(link.as_str())?;
        cut.ends_with(' ').then_some(cut.len())
    });
    let (line_start, before) = match linked {
        Some(cut) => {
            let head = before.get(..cut).unwrap_or("");
            let from = last_sentence_start(head);
            (line.start + from, head.get(from..).unwrap_or(""))
        }
        None => (line.start, before),
    };
    let head = before.trim_end().trim_end_matches(['/', ',', '-', '–']);
    let (start, text) = if head.trim().is_empty() {
        let previous = flow.lines.get(flow.line_at(label_start)?.checked_sub(1)?)?;
        (previous.start, flow.slice(previous.start, previous.end))
    } else {
        (line_start, before)
    };
    let lead = text.len() - text.trim_start().len();
    let name = name_len(text.trim_start());
    let rest = text.trim_start().get(name..)?.trim();
    let rest = rest.trim_end_matches(['/', ',', '-', '–']).trim();
    (name > 0 && rest.is_empty()).then_some((start + lead, start + lead + name))
}

/// Where the first of `markers` stands in the flow from `from` on (each
/// searched in the text from there, as a text of its own).
fn first_marker(flow: &Flow, markers: &[Label], from: usize) -> Option<usize> {
    let haystack = flow.text.get(from..)?;
    let found = markers.iter().filter_map(|label| label.find(haystack));
    found.map(|m| from + m.start).min()
}

/// The first letter of a match (label regexes may include one separator before the label).
fn label_start(flow: &Flow, start: usize, end: usize) -> usize {
    let first = flow
        .slice(start, end)
        .char_indices()
        .find(|(_, c)| c.is_alphanumeric());
    first.map_or(start, |(i, _)| start + i)
}

/// The length of the full stop that abbreviates a label ("Tlf." before a
/// colon, a space or the line's end): 1, or 0 when there is none.
fn abbreviation_stop(flow: &Flow, label_end: usize) -> usize {
    let before = flow
        .text
        .get(..label_end)
        .and_then(|t| t.chars().next_back());
    let after = flow
        .text
        .get(label_end..)
        .and_then(|rest| rest.strip_prefix('.'));
    let ends = |a: &str| a.is_empty() || a.starts_with([' ', '\t', '\u{a0}', ':', '\n']);
    usize::from(before.is_some_and(char::is_alphabetic) && after.is_some_and(ends))
}

/// Longest bracketed qualifier after a label, in bytes.
const MAX_QUALIFIER: usize = 24;

/// Checks what follows a label: a colon (spaces allowed before it), or the
/// end of the label's line or cell. Returns where the value starts.
fn value_start_after(
    flow: &Flow,
    label_start: usize,
    label_end: usize,
    no_colon_ok: bool,
) -> Option<usize> {
    // An abbreviated label's full stop ("Tlf.:", "Tlf. 70234527") belongs to it.
    let label_end = label_end + abbreviation_stop(flow, label_end);
    let rest = flow.text.get(label_end..)?;
    let mut trimmed = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    // A short bracketed qualifier between label and colon ("Programstart
    // (dato):", "Telefon (mobil):") belongs to the label.
    if let Some(inner) = trimmed.strip_prefix('(') {
        if let Some(close) = inner.find(')').filter(|&c| c <= MAX_QUALIFIER) {
            let after = inner.get(close + 1..).unwrap_or_default();
            let after = after.trim_start_matches([' ', '\t', '\u{a0}']);
            if after.starts_with(':') && !inner.get(..close).unwrap_or_default().contains('\n') {
                trimmed = after;
            }
        }
    }
    let skipped = rest.len() - trimmed.len();
    if let Some(after) = trimmed.strip_prefix(':') {
        let after_trim = after.trim_start_matches([' ', '\t', '\u{a0}']);
        return Some(label_end + skipped + 1 + (after.len() - after_trim.len()));
    }
    let alone_on_line = flow
        .line_holding(label_end.saturating_sub(1))
        .is_some_and(|line| flow.slice(line.start, label_start).trim().is_empty());
    if (trimmed.starts_with('\n') || trimmed.is_empty()) && alone_on_line {
        // A label filling its own line or cell: its value follows in the next cell or line.
        return Some(label_end + skipped);
    }
    if no_colon_ok {
        return Some(label_end + skipped);
    }
    None
}

/// Where the value of a label that opens a line outside tables starts when
/// only a space parts it from its value ("Programstart 02.03.2009"), or
/// `None` when the label does not stand so.
fn spaced_value_start(flow: &Flow, label_start: usize, label_end: usize) -> Option<usize> {
    let line = flow.line_holding(label_start)?;
    let opens_line = flow.slice(line.start, label_start).trim().is_empty();
    let label_end = label_end + abbreviation_stop(flow, label_end);
    let rest = flow.slice(label_end.min(line.end), line.end);
    let value = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    let spaced = rest.len() > value.len();
    (line.cell.is_none() && opens_line && spaced && !value.trim().is_empty())
        .then_some(label_end + (rest.len() - value.len()))
}

/// Fewest labels of one block that must stand spaced from their values
/// before any is read so: one such line may be a sentence that opens with
/// a label word, several are a layout.
const MIN_SPACED_LABELS: usize = 2;

fn find_hits(flow: &Flow, form: &FormDefinition, from: usize, to: usize) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut spaced: Vec<Hit> = Vec::new();
    for (index, def) in form.fields.iter().enumerate() {
        let mut best: Option<Hit> = None;
        let mut best_spaced: Option<Hit> = None;
        for re in &def.labels {
            let Some(haystack) = flow.text.get(from..to) else {
                continue;
            };
            for m in within_budget(re.find_iter(haystack)) {
                let (s, e) = (from + m.start, from + m.end);
                let start = label_start(flow, s, e);
                let hit = |value_start, value_end| Hit {
                    field: index,
                    label_start: start,
                    value_start,
                    value_end,
                };
                let Some(value_start) = value_start_after(flow, start, e, def.no_colon_ok) else {
                    let spaced = (!def.no_colon_ok).then(|| spaced_value_start(flow, start, e));
                    let earlier = best_spaced.is_none_or(|b| start < b.label_start);
                    if let (Some(value_start), true) = (spaced.flatten(), earlier) {
                        best_spaced = Some(hit(value_start, None));
                    }
                    continue;
                };
                // In running text the value is only what the type reads
                // there (or, for a signature, the name before the label).
                let value = if def.no_colon_ok {
                    let signed = || def.signature.then(|| signature_value(flow, def, start));
                    match typed_value(flow, def, value_start).or_else(|| signed().flatten()) {
                        Some((vs, ve)) => (vs, Some(ve)),
                        None => continue,
                    }
                } else {
                    (value_start, None)
                };
                if best.is_none_or(|b| start < b.label_start) {
                    best = Some(hit(value.0, value.1));
                }
                break;
            }
        }
        match best {
            Some(hit) => hits.push(hit),
            None => spaced.extend(best_spaced),
        }
    }
    if spaced.len() >= MIN_SPACED_LABELS {
        hits.extend(spaced);
    }
    hits.sort_by_key(|h| h.label_start);
    hits
}

/// The end of the cell text from line `index` on (the lines after it in the
/// same cell on the same page), and the index of the line after them.
fn cell_run(flow: &Flow, index: usize) -> (usize, usize) {
    let Some(line) = flow.lines.get(index) else {
        return (flow.text.len(), index);
    };
    let (mut end, mut next) = (line.end, index + 1);
    while let Some(more) = flow.lines.get(next) {
        if crate::deadline::over() || more.cell != line.cell || more.page != line.page {
            break;
        }
        end = more.end;
        next += 1;
    }
    (end, next)
}

/// The end of the container a value starting at `start` may fill.
pub(crate) fn container_end(flow: &Flow, start: usize) -> usize {
    let Some(first) = flow.line_at(start) else {
        return flow.text.len();
    };
    let Some(line) = flow.lines.get(first) else {
        return flow.text.len();
    };
    let rest_of_line = flow.slice(start.min(line.end), line.end).trim();
    match line.cell {
        Some(cell) => {
            // The rest of the cell, or — when the label fills its cell — the next cell of the row.
            let (end, index) = cell_run(flow, first);
            if !flow.slice(start.min(end), end).trim().is_empty() {
                return end;
            }
            match flow.lines.get(index).and_then(|next| next.cell) {
                Some(n) if n.table == cell.table && n.row == cell.row => cell_run(flow, index).0,
                _ => end,
            }
        }
        None if rest_of_line.is_empty() => {
            // Label alone on its line: the value is the next line.
            flow.lines.get(first + 1).map_or(line.end, |next| next.end)
        }
        None => wrapped_end(flow, first, start),
    }
}

/// How far, in points, a wrapped value's lines may start from its first.
const WRAP_SLACK: f64 = 2.0;

/// The end of a value starting at `start` in a line outside tables: a
/// borderless label block wraps a long value onto the lines right below,
/// which start where it starts, right of the labels ("ola@moss.kommune.no,"
/// / "kari@moss.kommune.no"); a line at the margin is the next row or prose.
fn wrapped_end(flow: &Flow, first: usize, start: usize) -> usize {
    let Some(line) = flow.lines.get(first) else {
        return flow.text.len();
    };
    let words = flow.line_words(line);
    let margin = words.first().and_then(|w| w.2).map_or(f64::MAX, |m| m.x0);
    let value = words.iter().find(|w| w.0.end > start).and_then(|w| w.2);
    let Some(value) = value.filter(|v| v.x0 > margin + WRAP_SLACK) else {
        return line.end;
    };
    let mut bottom = value.bottom;
    let below = within_budget(flow.lines.iter().skip(first + 1)).take_while(|next| {
        let lead = flow.line_words(next).first().and_then(|w| w.2);
        let near = |l: &BBox| l.top - bottom < value.bottom - value.top;
        let lead = lead.filter(|l| near(l) && (l.x0 - value.x0).abs() <= WRAP_SLACK);
        bottom = lead.map_or(bottom, |l| l.bottom);
        lead.is_some() && next.page == line.page && next.cell.is_none()
    });
    below.last().map_or(line.end, |l| l.end)
}

/// What the label search found: the values, the labels standing with a
/// blank value, and the stretch of the flow searched.
#[derive(Debug)]
pub struct Fields<'f> {
    /// The values found, in document order (then those found by mentions).
    pub values: Vec<FieldValue<'f>>,
    /// Fields whose label stands in the block with nothing after it, and
    /// where the label starts.
    pub blank: Vec<(&'f FieldDef, usize)>,
    /// Byte range of the flow searched for labels (the label block).
    pub region: std::ops::Range<usize>,
}

/// Finds the value of every field of `form` that the document fills in.
pub fn extract_fields<'f>(flow: &Flow, form: &'f FormDefinition) -> Fields<'f> {
    // The label block: from the first region marker (or the start) to the
    // first end marker after it.
    let from = first_marker(flow, &form.region, 0).unwrap_or(0);
    let to = first_marker(flow, &form.region_end, from).unwrap_or(flow.text.len());
    let hits = find_hits(flow, form, from, to);
    let mut blank = Vec::new();
    let mut values = Vec::with_capacity(hits.len());
    for hit in within_budget(&hits) {
        let Some(def) = form.fields.get(hit.field) else {
            continue;
        };
        let end = match hit.value_end {
            Some(end) => end,
            None => {
                let next_label = hits
                    .iter()
                    .map(|h| h.label_start)
                    .find(|&s| s > hit.label_start)
                    .unwrap_or(to);
                container_end(flow, hit.value_start).min(next_label)
            }
        };
        if end <= hit.value_start || flow.slice(hit.value_start, end).trim().is_empty() {
            blank.push((def, hit.label_start));
            continue;
        }
        values.push(FieldValue {
            def,
            start: hit.value_start,
            end,
        });
    }
    // Fields written elsewhere: a phrase anywhere in the document (the
    // cover, inside another value) followed by what the field reads.
    for def in &form.fields {
        if def.mentions.is_empty() || values.iter().any(|v| std::ptr::eq(v.def, def)) {
            continue;
        }
        let found = def
            .mentions
            .iter()
            .flat_map(|re| re.find_iter(&flow.text).map(|m| m.end()))
            .filter_map(|end| typed_value(flow, def, end))
            .min();
        if let Some((start, end)) = found {
            values.push(FieldValue { def, start, end });
        }
    }
    Fields {
        values,
        blank,
        region: from..to,
    }
}
