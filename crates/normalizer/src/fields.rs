//! Label/value fields: finds each form field's label in the reading flow
//! and cuts out the text that answers it.
//!
//! A value runs from its label to the next label of the form, and never
//! past its own container: the rest of the label's table cell (or the next
//! cell of the row when the label has a cell of its own), the rest of the
//! line outside tables, or the rest of the page line for text input, where
//! a whole page may be one line.

use crate::flow::Flow;
use crate::forms::{FieldDef, FormDefinition};

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

#[derive(Debug, Clone, Copy)]
struct Hit {
    field: usize,
    label_start: usize,
    value_start: usize,
}

/// Where the form's label block starts: the first region marker, or 0.
fn region_start(flow: &Flow, form: &FormDefinition) -> usize {
    form.region
        .iter()
        .filter_map(|re| re.find(&flow.text).map(|m| m.start))
        .min()
        .unwrap_or(0)
}

/// The first letter of a match (label regexes may include one separator before the label).
fn label_start(flow: &Flow, start: usize, end: usize) -> usize {
    flow.slice(start, end)
        .char_indices()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, _)| start + i)
        .unwrap_or(start)
}

/// Checks what follows a label: a colon (spaces allowed before it), or the
/// end of the label's line or cell. Returns where the value starts.
fn value_start_after(
    flow: &Flow,
    label_start: usize,
    label_end: usize,
    no_colon_ok: bool,
) -> Option<usize> {
    let rest = flow.text.get(label_end..)?;
    let trimmed = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    let skipped = rest.len() - trimmed.len();
    if let Some(after) = trimmed.strip_prefix(':') {
        let after_trim = after.trim_start_matches([' ', '\t', '\u{a0}']);
        return Some(label_end + skipped + 1 + (after.len() - after_trim.len()));
    }
    let alone_on_line = flow
        .line_at(label_end.saturating_sub(1))
        .and_then(|i| flow.lines.get(i))
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

/// Where the label block ends: the first end marker after its start.
fn region_end(flow: &Flow, form: &FormDefinition, from: usize) -> usize {
    let Some(haystack) = flow.text.get(from..) else {
        return flow.text.len();
    };
    form.region_end
        .iter()
        .filter_map(|re| re.find(haystack).map(|m| from + m.start))
        .min()
        .unwrap_or(flow.text.len())
}

fn find_hits(flow: &Flow, form: &FormDefinition, from: usize, to: usize) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (index, def) in form.fields.iter().enumerate() {
        let mut best: Option<Hit> = None;
        for re in &def.labels {
            let Some(haystack) = flow.text.get(from..to) else {
                continue;
            };
            for m in re.find_iter(haystack) {
                let (s, e) = (from + m.start, from + m.end);
                let start = label_start(flow, s, e);
                if let Some(value_start) = value_start_after(flow, start, e, def.no_colon_ok) {
                    let hit = Hit {
                        field: index,
                        label_start: start,
                        value_start,
                    };
                    if best.is_none_or(|b| hit.label_start < b.label_start) {
                        best = Some(hit);
                    }
                    break;
                }
            }
        }
        hits.extend(best);
    }
    hits.sort_by_key(|h| h.label_start);
    hits
}

/// The end of the container a value starting at `start` may fill.
fn container_end(flow: &Flow, start: usize) -> usize {
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
            let mut end = line.end;
            let mut index = first + 1;
            while let Some(next) = flow.lines.get(index) {
                if next.cell != Some(cell) || next.page != line.page {
                    break;
                }
                end = next.end;
                index += 1;
            }
            if !flow.slice(start.min(end), end).trim().is_empty() {
                return end;
            }
            let Some(next) = flow.lines.get(index) else {
                return end;
            };
            match next.cell {
                Some(n) if n.table == cell.table && n.row == cell.row => {
                    let mut end = next.end;
                    let mut j = index + 1;
                    while let Some(more) = flow.lines.get(j) {
                        if more.cell != next.cell || more.page != next.page {
                            break;
                        }
                        end = more.end;
                        j += 1;
                    }
                    end
                }
                _ => end,
            }
        }
        None if rest_of_line.is_empty() => {
            // Label alone on its line: the value is the next line.
            flow.lines.get(first + 1).map_or(line.end, |next| next.end)
        }
        None => line.end,
    }
}

/// Finds the value of every field of `form` that the document fills in.
pub fn extract_fields<'f>(flow: &Flow, form: &'f FormDefinition) -> Vec<FieldValue<'f>> {
    let from = region_start(flow, form);
    let to = region_end(flow, form, from);
    let hits = find_hits(flow, form, from, to);
    let mut values = Vec::with_capacity(hits.len());
    for (i, hit) in hits.iter().enumerate() {
        let Some(def) = form.fields.get(hit.field) else {
            continue;
        };
        let next_label = hits.get(i + 1).map_or(to, |next| next.label_start);
        let end = container_end(flow, hit.value_start).min(next_label);
        if end <= hit.value_start {
            continue;
        }
        let raw = flow.slice(hit.value_start, end);
        if raw.trim().is_empty() {
            continue;
        }
        values.push(FieldValue {
            def,
            start: hit.value_start,
            end,
        });
    }
    values
}
