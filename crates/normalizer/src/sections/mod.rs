//! The section tree of a report: every heading the form prints (or, for a
//! final report, every numbered chapter), with the form's printed guidance
//! (`prompt`) kept apart from what the municipality wrote (`text`).
//!
//! The text of a section is built from the document's lines in reading
//! order, leaving out table cells, running headers and footers, page
//! numbers and the table of contents. Form knowledge (which headings, which
//! guidance) lives in `forms/sections/*.toml`.

mod cleanup;
mod headings;
pub(crate) mod running;
mod spec;
mod toc;

use std::collections::BTreeMap;

use skjema_extractor::{BBox, Document};
use skjema_model::{Issue, IssueCode, Provenance, Section, Severity};

use crate::audit::issue;
use crate::deadline::within_budget;
use crate::flow::{centre_in, Flow};
pub(crate) use cleanup::{blank_matches, loose_pattern, squash};
use cleanup::{paragraphs, remove_all, tidy, Piece};
use headings::Found;
#[cfg(test)]
pub(crate) use spec::mark_pattern;
use spec::HeadingDef;

/// One text line of the document, with what the section engine needs.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// 1-based page.
    pub page: u32,
    /// The line's text as in the flow; running text may be blanked with
    /// spaces (text input), which keeps every offset.
    pub text: String,
    /// Byte offset of the line in the flow.
    pub flow_start: usize,
    /// Where it is, for documents with geometry.
    pub bbox: Option<BBox>,
    /// Height of the page in points (0 for text input).
    pub page_height: f64,
    /// Largest font size of its words (0 for text input).
    pub size: f64,
    /// Every word set in a bold font.
    pub bold: bool,
    /// The line sits in a table cell.
    pub cell: bool,
    /// The line may be section text (not a header, footer, table of contents…).
    pub keep: bool,
}

impl Line {
    #[cfg(test)]
    pub(crate) fn text_only(page: u32, text: String) -> Line {
        Line {
            page,
            text,
            flow_start: 0,
            bbox: None,
            page_height: 0.0,
            size: 0.0,
            bold: false,
            cell: false,
            keep: true,
        }
    }
}

/// A kept line's place in the body text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyLine {
    /// Index into the lines.
    pub line: usize,
    /// Byte range in [`Body::text`].
    pub start: usize,
    pub end: usize,
    /// A paragraph starts with this line.
    pub para_break: bool,
}

/// The kept lines joined by newlines: what headings are searched in.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub text: String,
    pub lines: Vec<BodyLine>,
    all: Vec<Line>,
}

impl Body {
    /// The document line of a body line.
    pub(crate) fn line(&self, bl: &BodyLine) -> Option<&Line> {
        self.all.get(bl.line)
    }

    /// Index of the body line holding byte `pos`.
    fn index_at(&self, pos: usize) -> Option<usize> {
        crate::flow::index_at(&self.lines, pos, |l| l.start)
    }

    /// Flow byte offset of a body byte offset.
    fn flow_offset(&self, pos: usize) -> Option<usize> {
        let bl = self.lines.get(self.index_at(pos)?)?;
        let line = self.line(bl)?;
        Some(line.flow_start + pos.saturating_sub(bl.start).min(bl.end - bl.start))
    }
}

/// What the section engine found.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub sections: Vec<Section>,
    pub provenance: BTreeMap<String, Provenance>,
    pub issues: Vec<Issue>,
}

fn is_bold(font: Option<&str>) -> bool {
    font.is_some_and(|f| {
        let f = f.to_ascii_lowercase();
        f.contains("bold") || f.contains("black") || f.contains("heavy") || f.contains("semibold")
    })
}

/// The document's lines, in the flow's order. `carried`: boxes (with
/// their page) of table rows a page break carried over as plain lines,
/// which are the table's, not section text.
fn lines_of(doc: &Document, flow: &Flow, carried: &[(u32, BBox)]) -> Vec<Line> {
    let mut out = Vec::with_capacity(flow.lines.len());
    let mut spans = flow.lines.iter();
    for page in &doc.pages {
        let carried_here = carried
            .iter()
            .filter(|(p, _)| *p == page.number)
            .map(|(_, b)| b);
        let inside_table = |b: &BBox| {
            let tables = page.tables.iter().map(|t| &t.bbox);
            let mut boxes = tables.chain(carried_here.clone());
            boxes.any(|t| centre_in(b, t, 1.0))
        };
        for line in within_budget(&page.lines) {
            let Some(span) = spans.next() else {
                return out;
            };
            let sizes = line.words.iter().map(|w| w.font_size);
            let size = sizes.fold(0.0_f64, f64::max);
            let bold = !line.words.is_empty()
                && line.words.iter().all(|w| {
                    is_bold(w.font.as_deref()) || !w.text.chars().any(char::is_alphanumeric)
                });
            out.push(Line {
                page: page.number,
                text: flow.slice(span.start, span.end).to_string(),
                flow_start: span.start,
                bbox: line.bbox,
                page_height: page.height,
                size,
                bold,
                cell: line.cell.is_some() || line.bbox.as_ref().is_some_and(inside_table),
                keep: line.cell.is_none() && !line.bbox.as_ref().is_some_and(inside_table),
            });
        }
    }
    out
}

/// Whether `line` starts a paragraph of its own: nothing kept right above
/// it on its page, a gap, or a different size.
fn standalone(prev: Option<&Line>, line: &Line) -> bool {
    match (prev, prev.and_then(|p| p.bbox), line.bbox) {
        (Some(p), Some(pb), Some(b)) if p.page == line.page && !p.cell => {
            b.top - pb.bottom > 0.6 * pb.height().max(1.0) || (p.size - line.size).abs() >= 0.5
        }
        _ => true,
    }
}

/// A short line of its own right above a table is the table's caption
/// ("Styringsgruppe:", an activity table's goal area, "Pr. aktivitet og
/// totalt:"), not section text; so is a line the form definition names
/// (a footnote legend), with the lines that continue it.
fn drop_captions(lines: &mut [Line], spec: &spec::SectionSpec, body_size: f64) {
    let mut dropping: Option<usize> = None;
    for i in within_budget(0..lines.len()) {
        let prev = i.checked_sub(1).and_then(|j| lines.get(j)).cloned();
        let next_is_cell = lines
            .iter()
            .skip(i + 1)
            .find(|l| !l.text.trim().is_empty())
            .is_some_and(|l| l.cell);
        let Some(line) = lines.get_mut(i) else {
            continue;
        };
        if !line.keep {
            continue;
        }
        let text = line.text.trim();
        let alone = standalone(prev.as_ref(), line);
        // A line the definition names, or one going on right under such a
        // line, is dropped; anything else ends what is dropped.
        let goes_on = !alone && prev.as_ref().is_some_and(|p| !p.keep);
        if dropping.is_some_and(|d| goes_on && i == d + 1)
            || spec.drop_lines.iter().any(|re| re.is_match(text))
        {
            line.keep = false;
            dropping = Some(i);
            continue;
        }
        dropping = None;
        if next_is_cell
            && alone
            && line.size < body_size + 0.5
            && text.chars().count() <= 80
            && !text.ends_with('.')
            && !headings::is_heading_line(text, spec)
        {
            line.keep = false;
        }
    }
}

/// The body text's font size: the size most characters of kept lines have.
fn body_size(lines: &[Line]) -> f64 {
    let mut by_size: BTreeMap<i64, usize> = BTreeMap::new();
    for l in lines.iter().filter(|l| l.keep && l.size > 0.0) {
        *by_size.entry((l.size * 2.0).round() as i64).or_default() += l.text.len();
    }
    by_size
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map_or(0.0, |(s, _)| s as f64 / 2.0)
}

fn build_body(lines: Vec<Line>) -> Body {
    let mut body = Body::default();
    let mut prev: Option<&Line> = None;
    let right = lines
        .iter()
        .filter(|l| l.keep)
        .filter_map(|l| l.bbox.map(|b| b.x1))
        .fold(0.0_f64, f64::max);
    for (i, line) in within_budget(lines.iter().enumerate()) {
        if !line.keep || line.text.trim().is_empty() {
            continue;
        }
        let para_break = match (prev, prev.and_then(|p| p.bbox), line.bbox) {
            (None, _, _) => true,
            (Some(p), Some(pb), Some(b)) if p.page == line.page => {
                let gap = b.top - pb.bottom;
                let short =
                    pb.x1 < right - 60.0 && p.text.trim_end().ends_with(['.', ':', '!', '?']);
                gap > 0.6 * pb.height().max(1.0) || short || (p.size - line.size).abs() >= 1.0
            }
            (Some(p), Some(_), Some(_)) => p.text.trim_end().ends_with(['.', ':', '!', '?']),
            _ => false,
        };
        if !body.text.is_empty() {
            body.text.push('\n');
        }
        let start = body.text.len();
        body.text.push_str(&line.text);
        body.lines.push(BodyLine {
            line: i,
            start,
            end: body.text.len(),
            para_break,
        });
        prev = Some(line);
    }
    body.all = lines;
    body
}

/// The pieces of body text between two offsets, line by line.
fn pieces(
    body: &Body,
    start: usize,
    end: usize,
) -> (Vec<Piece<'_>>, Option<(u32, usize)>, Option<u32>) {
    let mut out = Vec::new();
    let mut first: Option<(u32, usize)> = None;
    let mut last_page = None;
    let from = body.index_at(start).unwrap_or(0);
    for (k, bl) in within_budget(body.lines.iter().enumerate().skip(from)) {
        if bl.start >= end {
            break;
        }
        let s = start.max(bl.start);
        let e = end.min(bl.end);
        if s >= e {
            continue;
        }
        let Some(text) = body.text.get(s..e) else {
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        let page = body.line(bl).map_or(0, |l| l.page);
        let lead = text.len() - text.trim_start().len();
        if first.is_none() {
            first = Some((page, s + lead));
        }
        last_page = Some(page);
        out.push(Piece {
            text,
            para_break: bl.para_break && s == bl.start && k != from,
        });
    }
    (out, first, last_page)
}

/// The sections of a document that follows `template`.
pub(crate) fn extract(
    doc: &Document,
    flow: &Flow,
    template: &str,
    carried: &[(u32, BBox)],
) -> Extracted {
    let mut out = Extracted::default();
    let spec = match spec::spec_for(template) {
        Ok(Some(spec)) => spec,
        Ok(None) => return out,
        Err(e) => {
            let (error, code) = (Severity::Error, IssueCode::UnknownTemplate);
            out.issues.push(issue(error, code, Some("sections"), e));
            return out;
        }
    };
    let mut lines = lines_of(doc, flow, carried);
    let geometry = lines.iter().any(|l| l.bbox.is_some());
    // Running headers and footers; in text input, a line the form
    // definition names is blanked in place too.
    if geometry {
        running::mark_positioned(&mut lines);
    } else {
        running::mark_inline(&mut lines);
        for line in lines.iter_mut().filter(|l| l.keep) {
            line.text = blank_matches(&line.text, &spec.drop_lines);
        }
    }
    let size = body_size(&lines);
    if geometry {
        drop_captions(&mut lines, spec, size);
    }
    let heading_size = if size > 0.0 { size + 1.0 } else { f64::MAX };
    toc::mark_toc(&mut lines, spec, heading_size, geometry);
    let body = build_body(lines);
    let found = if spec.free {
        headings::find_free(&body, spec, geometry, heading_size)
    } else {
        headings::find_fixed(&body, spec, geometry)
    };
    if let Some(issue) = coverage_issue(spec, &found) {
        out.issues.push(issue);
    }
    for (i, f) in within_budget(found.iter().enumerate()) {
        let next = found.get(i + 1).map_or(body.text.len(), |n| n.start);
        let section = section(geometry, &body, flow, spec, f, next, i, &mut out.provenance);
        out.sections.push(section);
    }
    out
}

/// An issue when headings the form prints were not found (fixed forms),
/// or no numbered chapter was (final reports).
fn coverage_issue(spec: &spec::SectionSpec, found: &[Found]) -> Option<Issue> {
    let (severity, message) = if spec.free {
        if found.iter().any(|f| f.number.is_some()) {
            return None;
        }
        (
            Severity::Warning,
            "No numbered chapter was found; the report has no section tree.".to_string(),
        )
    } else {
        let missing = spec.headings.iter().enumerate();
        let missing = missing.filter(|(i, _)| !found.iter().any(|f| f.def == Some(*i)));
        let name = |h: &HeadingDef| h.number.clone().or_else(|| h.fixed_title.clone());
        let missing = missing.map(|(_, h)| name(h).unwrap_or_else(|| "(titled block)".into()));
        let missing: Vec<String> = missing.collect();
        if missing.is_empty() {
            return None;
        }
        let severity = if missing.len() * 2 > spec.headings.len() {
            Severity::Warning
        } else {
            Severity::Info
        };
        (
            severity,
            format!(
                "{} of the form's {} headings were not found: {}",
                missing.len(),
                spec.headings.len(),
                missing.join(", ")
            ),
        )
    };
    Some(issue(
        severity,
        IssueCode::MissingField,
        Some("sections"),
        message,
    ))
}

#[allow(clippy::too_many_arguments)]
fn section(
    geometry: bool,
    body: &Body,
    flow: &Flow,
    spec: &spec::SectionSpec,
    f: &Found,
    next: usize,
    index: usize,
    provenance: &mut BTreeMap<String, Provenance>,
) -> Section {
    let heading = body.index_at(f.start).and_then(|i| body.lines.get(i));
    let heading_page = heading.and_then(|bl| body.line(bl)).map_or(0, |l| l.page);
    let (pieces, first, last_page) = pieces(body, f.end, next.max(f.end));
    let mut text = paragraphs(&pieces);
    let mut prompt = None;
    if let Some(def) = f.def.and_then(|d| spec.headings.get(d)) {
        if let Some(t) = text.as_ref().filter(|_| !def.prompt_phrases.is_empty()) {
            let lower = t.to_lowercase();
            let hit = def
                .prompt_phrases
                .iter()
                .zip(def.prompt_keys.iter().chain(std::iter::repeat(&None)))
                .filter(|(_, key)| key.as_ref().is_none_or(|k| lower.contains(k.as_str())))
                .filter_map(|(phrase, _)| phrase.find(t))
                .min_by_key(|&(start, end)| (start, usize::MAX - (end - start)));
            if let Some((start, end)) = hit {
                let printed = cleanup::squash(t.get(start..end).unwrap_or(""));
                prompt = Some(cleanup::unlist(&printed, def));
                let after = t.get(end..).unwrap_or("");
                // With geometry, what precedes the guidance was written too
                // (table cells are already out); a transcript's text before
                // it is a flattened table.
                let before = if geometry {
                    t.get(..start).unwrap_or("")
                } else {
                    ""
                };
                text = Some(tidy(&format!("{before}\n\n{after}")));
            }
        }
        for re in &def.skip {
            text = text.map(|t| remove_all(&t, re));
        }
        if def.fields {
            text = None;
        }
    }
    let text = text.map(|t| tidy(&t)).filter(|t| !t.is_empty());
    // Where a stretch of the body stands in the flow.
    let at = |s, e| flow.provenance(body.flow_offset(s)?, body.flow_offset(e)?);
    if let Some(p) = at(f.start, f.end) {
        provenance.insert(format!("sections[{index}].title"), p);
    }
    if let (true, Some((_, pos))) = (text.is_some(), first) {
        let line = body.index_at(pos).and_then(|i| body.lines.get(i));
        if let Some(p) = at(pos, line.map_or(pos, |bl| bl.end)) {
            provenance.insert(format!("sections[{index}].text"), p);
        }
    }
    Section {
        number: f.number.clone(),
        title: f.title.clone(),
        prompt,
        page_start: heading_page,
        page_end: if text.is_some() {
            last_page.unwrap_or(heading_page).max(heading_page)
        } else {
            heading_page
        },
        text,
        parent: f.parent.clone(),
    }
}
