//! The reading flow: all text lines of a document in reading order as one
//! string, with a map from every byte range back to its page, line and
//! words, so any value found in the text gets its provenance.

use std::ops::Range;

use skjema_extractor::{BBox, CellRef, Document};
use skjema_model::Provenance;

use crate::deadline::within_budget;

/// Where one line of the flow came from.
#[derive(Debug, Clone)]
pub struct LineSpan {
    /// Byte range of the line in [`Flow::text`].
    pub start: usize,
    /// End of the line's text (exclusive), before its newline.
    pub end: usize,
    /// 1-based page.
    pub page: u32,
    /// The table cell the line sits in, if any.
    pub cell: Option<CellRef>,
    /// The line's words in [`Flow::words`].
    pub words: std::ops::Range<usize>,
}

/// The document's text in reading order.
#[derive(Debug, Default)]
pub struct Flow {
    /// Lines joined by `\n`, pages by `\n\n`.
    pub text: String,
    /// One entry per line, in order.
    pub lines: Vec<LineSpan>,
    /// Byte ranges (relative to their line's start) and boxes of the
    /// words of all lines, in order (one list, not one per line).
    pub words: Vec<(usize, usize, Option<BBox>)>,
}

/// Index of the line holding byte `pos` among `lines` in text order (each
/// starting at `start`): the last one starting at or before it.
pub(crate) fn index_at<T>(lines: &[T], pos: usize, start: fn(&T) -> usize) -> Option<usize> {
    lines.partition_point(|l| start(l) <= pos).checked_sub(1)
}

impl Flow {
    /// Builds the flow of a document.
    pub fn new(doc: &Document) -> Flow {
        let mut flow = Flow::default();
        let lines = doc.pages.iter().flat_map(|p| p.lines.iter());
        let size: usize = lines
            .clone()
            .map(|l| {
                let words: usize = l.words.iter().map(|w| w.text.len() + 1).sum();
                words.max(l.text.len()) + 1
            })
            .sum();
        flow.text.reserve(size + doc.pages.len());
        flow.lines.reserve(lines.clone().count());
        flow.words.reserve(lines.map(|l| l.words.len()).sum());
        for page in &doc.pages {
            if !flow.text.is_empty() {
                flow.text.push('\n');
            }
            for (n, line) in within_budget(page.lines.iter().enumerate()) {
                let start = flow.text.len();
                let first_word = flow.words.len();
                let mut goes_on = false;
                for (i, word) in line.words.iter().enumerate() {
                    if i > 0 {
                        flow.text.push(' ');
                    }
                    let ws = flow.text.len() - start;
                    goes_on = push_without_soft_hyphens(&mut flow.text, &word.text);
                    flow.words.push((ws, flow.text.len() - start, word.bbox));
                }
                let words = first_word..flow.words.len();
                if line.words.is_empty() {
                    goes_on = push_without_soft_hyphens(&mut flow.text, &line.text);
                }
                flow.lines.push(LineSpan {
                    start,
                    end: flow.text.len(),
                    page: page.number,
                    cell: line.cell,
                    words,
                });
                // A word a soft hyphen broke at the line's end goes on in
                // the next line of the page: the halves are joined.
                let next_same_cell = page
                    .lines
                    .get(n + 1)
                    .is_some_and(|next| next.cell == line.cell);
                if !(goes_on && next_same_cell) {
                    flow.text.push('\n');
                }
            }
        }
        flow
    }

    /// Index of the line holding byte `pos`.
    pub fn line_at(&self, pos: usize) -> Option<usize> {
        index_at(&self.lines, pos, |l| l.start)
    }

    /// The line holding byte `pos`.
    pub fn line_holding(&self, pos: usize) -> Option<&LineSpan> {
        self.lines.get(self.line_at(pos)?)
    }

    /// The page of byte `pos`.
    pub fn page_at(&self, pos: usize) -> Option<u32> {
        self.line_holding(pos).map(|l| l.page)
    }

    /// A line's words: byte range in the text, text and box.
    pub fn line_words(&self, line: &LineSpan) -> Vec<(Range<usize>, &str, Option<BBox>)> {
        let words = self.words.get(line.words.clone()).unwrap_or(&[]);
        let word = |&(a, b, bbox): &(usize, usize, Option<BBox>)| {
            let (start, end) = (line.start + a, line.start + b);
            (start..end, self.slice(start, end), bbox)
        };
        words.iter().map(word).collect()
    }

    /// The text of a byte range, or "" when the range is not on char boundaries.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        self.text.get(start..end).unwrap_or("")
    }

    /// Provenance of a byte range: its first page, the box around its words
    /// on that page, and the raw text.
    pub fn provenance(&self, start: usize, end: usize) -> Option<Provenance> {
        let first = self.line_at(start)?;
        let page = self.lines.get(first)?.page;
        let mut bbox: Option<BBox> = None;
        for span in within_budget(self.lines.iter().skip(first)) {
            if span.start >= end || span.page != page {
                break;
            }
            for (range, _, wb) in self.line_words(span) {
                if range.end > start && range.start < end {
                    if let Some(b) = wb {
                        bbox = Some(bbox.map_or(b, |acc| acc.union(&b)));
                    }
                }
            }
        }
        Some(Provenance {
            page,
            bbox: bbox.map(|b| b.to_array()),
            raw: self.slice(start, end).trim().to_string(),
        })
    }
}

/// Whether the middle of `b` lies in `area`, widened by `slack` on every
/// side: a box a table engine or a page break set there is inside.
pub(crate) fn centre_in(b: &BBox, area: &BBox, slack: f64) -> bool {
    let (x, y) = ((b.x0 + b.x1) / 2.0, (b.top + b.bottom) / 2.0);
    x >= area.x0 - slack
        && x <= area.x1 + slack
        && y >= area.top - slack
        && y <= area.bottom + slack
}

/// Appends `text` without its soft hyphens (U+00AD); whether it ended in
/// one (a word broken there at the end of a line).
fn push_without_soft_hyphens(out: &mut String, text: &str) -> bool {
    if !text.contains('\u{AD}') {
        out.push_str(text);
        return false;
    }
    out.extend(text.chars().filter(|&c| c != '\u{AD}'));
    text.trim_end().ends_with('\u{AD}')
}
