//! Table grids from text alignment ("stream" tables), where ruling lines are
//! missing or partial.
//!
//! The steps, each a plain function:
//! 1. [`chunks_of_line`]: a text line splits into chunks where the gap
//!    between two words is wider than `chunk_gap` (a cell boundary, not a
//!    word space).
//! 2. [`find_regions`]: runs of nearby lines of which at least `min_rows`
//!    have two or more chunks are table candidates; a few single-chunk lines
//!    (wrapped cells, group labels) may sit between them.
//! 3. [`column_bounds`]: column boundaries are the x ranges that (almost) no
//!    chunk of a multi-chunk line covers.
//! 4. [`build_table`]: each line becomes a row, each chunk goes to the column
//!    it starts in (a chunk reaching over a boundary spans; one that can be
//!    cut at a word gap on a boundary is cut), empty positions stay empty, and
//!    continuation lines of wrapped cells join the row above.
//!
//! A region is kept only when it looks like a table and not like prose set
//! in two columns (see [`StreamTolerances::max_cell_chars`]). A kept region
//! with a title line across its columns between rows is two tables when
//! both parts are kept on their own ([`crate::title_split`]).

use std::borrow::{Borrow, Cow};

use crate::geometry::{BBox, Cell, Ruling, Table, TableCandidate, TableMethod, TextLine, Word};
use crate::page_builder::Drawn;

/// Settings of stream-table detection; distances are shares of the font size
/// unless said otherwise.
#[derive(Debug, Clone, Copy)]
pub struct StreamTolerances {
    /// A gap between two words wider than this (em) separates two cells.
    pub chunk_gap: f64,
    /// A list bullet and the text after it up to this far (em) are one
    /// cell, however wide the gap.
    pub bullet_gap: f64,
    /// Fewest lines with two or more cells for a table.
    pub min_rows: usize,
    /// Most single-cell lines in a row inside a table.
    pub max_interruption: usize,
    /// A vertical gap between two lines larger than this (em) ends a table.
    pub row_gap: f64,
    /// Share of multi-cell lines that may cross a column gap (spanning headers).
    pub gap_allowance: f64,
    /// Fewest columns of a stream table.
    pub min_cols: usize,
    /// Share of rows that must fill two or more columns.
    pub min_filled_share: f64,
    /// Smallest share of the grid's positions (rows times columns, a
    /// spanning cell covering several) that hold text: labels scattered
    /// round a chart line up in columns too, but fill few of them.
    pub min_cell_fill: f64,
    /// Fewest rows with two or more cells holding a figure: rows of words
    /// only are a legend or a list of terms.
    pub min_figure_rows: usize,
    /// A table whose median cell is longer than this (characters) is prose.
    pub max_cell_chars: usize,
    /// A cell of this many words or more reads like prose.
    pub prose_words: usize,
    /// A region with more than this share of prose-like cells is prose
    /// (unless its long cells are descriptions in a column of their own).
    pub max_prose_share: f64,
    /// A column of long cells of which at least this share start in lower
    /// case (carrying on a sentence) is running text.
    pub max_carried_on_share: f64,
    /// A gap between words (em) running down the body lines inside a
    /// column at least this wide splits the column (tightly set columns).
    pub stripe_gap: f64,
    /// Such a gap must also be this many times the usual word space.
    pub stripe_spaces: f64,
    /// Share of the body lines that must have words on both sides of such
    /// a gap.
    pub stripe_share: f64,
    /// Cells of one line whose type sizes differ by more than this factor
    /// belong to different columns of the page (prose beside a table).
    pub size_change: f64,
    /// A line whose box overlaps the row above by at least this share of
    /// its height belongs to that row.
    pub row_overlap: f64,
    /// Lines with at least this share of the most cells any line has decide
    /// the column boundaries (spanning header lines do not).
    pub body_share: f64,
    /// A line closer than this (em, baseline to baseline) to the one above
    /// and filling only columns the row above fills continues that row.
    pub wrap_spacing: f64,
}

impl Default for StreamTolerances {
    fn default() -> Self {
        StreamTolerances {
            chunk_gap: 0.8,
            bullet_gap: 2.5,
            min_rows: 3,
            max_interruption: 2,
            row_gap: 2.5,
            gap_allowance: 0.1,
            min_cols: 2,
            min_filled_share: 0.5,
            min_cell_fill: 0.35,
            max_cell_chars: 40,
            min_figure_rows: 1,
            prose_words: 5,
            max_prose_share: 0.4,
            max_carried_on_share: 0.25,
            wrap_spacing: 1.35,
            body_share: 0.5,
            row_overlap: 0.3,
            size_change: 1.1,
            stripe_gap: 0.4,
            stripe_share: 0.75,
            stripe_spaces: 1.5,
        }
    }
}

/// A run of words on one line close enough to be one cell's text.
#[derive(Debug, Clone)]
pub(crate) struct Chunk {
    pub bbox: BBox,
    pub words: Vec<Word>,
}

impl Chunk {
    pub(crate) fn text(&self) -> String {
        join_words(&self.words)
    }
}

fn join_words(words: &[Word]) -> String {
    let mut s = String::new();
    for w in words {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&w.text);
    }
    s
}

/// A cell's words with a newline where a wrapped line starts, as lattice
/// cells have them, so callers can re-join words a narrow column broke.
fn join_cell_words(words: &[Word]) -> String {
    let mut s = String::new();
    let mut last: Option<BBox> = None;
    for w in words {
        let b = word_box(w);
        if let Some(prev) = last {
            if b.top >= prev.bottom - 0.3 * prev.height() {
                s.push('\n');
            } else {
                s.push(' ');
            }
        }
        s.push_str(&w.text);
        last = Some(b);
    }
    s
}

fn word_box(w: &Word) -> BBox {
    w.bbox.unwrap_or(BBox {
        x0: 0.0,
        top: 0.0,
        x1: 0.0,
        bottom: 0.0,
    })
}

/// A line of the page as chunks, with its box and font size.
#[derive(Debug, Clone)]
pub(crate) struct ChunkLine {
    pub bbox: BBox,
    pub size: f64,
    pub chunks: Vec<Chunk>,
    /// Printed lines it stands for: more than one for a ruled row's
    /// wrapped lines joined ([`crate::ruled_rows`]).
    pub printed: usize,
}

/// Splits a line's words (left to right) into chunks at wide gaps.
pub(crate) fn chunks_of_line(line: &TextLine, tol: &StreamTolerances) -> Option<ChunkLine> {
    let bbox = line.bbox?;
    let size = line
        .words
        .iter()
        .map(|w| w.font_size)
        .fold(0.0f64, f64::max)
        .max(1.0);
    let mut chunks: Vec<Chunk> = Vec::new();
    for w in &line.words {
        if is_leader(&w.text) {
            // Dot leaders fill the gap between a label and its value.
            continue;
        }
        let b = word_box(w);
        let wsize = w.font_size.max(1.0);
        let gap = |c: &Chunk| b.x0 - c.bbox.x1;
        // A list item's text follows its bullet at a gap that may be wider
        // than a cell gap; the bullet is no cell of its own.
        let after_bullet = |c: &Chunk| {
            matches!(c.words.as_slice(), [only] if is_bullet(&only.text))
                && !is_bullet(&w.text)
                && gap(c) <= tol.bullet_gap * wsize
        };
        match chunks.last_mut() {
            Some(c) if gap(c) <= tol.chunk_gap * wsize || after_bullet(c) => {
                c.bbox = c.bbox.union(&b);
                c.words.push(w.clone());
            }
            _ => chunks.push(Chunk {
                bbox: b,
                words: vec![w.clone()],
            }),
        }
    }
    Some(ChunkLine {
        bbox,
        size,
        chunks,
        printed: 1,
    })
}

/// A list bullet: one bullet sign (or a symbol font's private-use glyph).
fn is_bullet(text: &str) -> bool {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => {
            matches!(
                c,
                '•' | '●' | '◦' | '▪' | '■' | '‣' | '⁃' | '∙' | '➢' | '►' | '▸'
            ) || ('\u{E000}'..='\u{F8FF}').contains(&c)
        }
        _ => false,
    }
}

/// Does the word hold a letter (a word of text rather than a figure)?
fn has_letters(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

/// Dots, ellipses or underscores only: a leader between a label and a value.
fn is_leader(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| matches!(c, '.' | '…' | '_' | '·'))
}

/// Index ranges (`start..end`) of `lines` that are table candidates.
pub(crate) fn find_regions(lines: &[ChunkLine], tol: &StreamTolerances) -> Vec<(usize, usize)> {
    let mut regions = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_multi = 0usize;
    // The last line that keeps the region open: a line of two or more
    // cells, or a line a cell of that line wrapped onto.
    let mut last_kept = 0usize;
    let mut multi = 0usize;
    // A row whose cells are centred in its height is printed as lines of
    // one cell each reaching into the next. Those before its (last) line of
    // two cells are the row's, not interruptions, when the row follows the
    // table's last row directly or opens a region; those after it stay in
    // the region with its row but count as lines between rows (a title
    // and a header's first line under a table are two such lines, and the
    // table ends there).
    let bands = crate::row_bands::bands(lines, tol);
    let band = |i: usize| bands.get(i).copied();
    let row_line = |i: usize| {
        lines.get(i).is_some_and(|l| l.chunks.len() >= 2) || band(i).is_some_and(|b| b.is_row())
    };
    let leads = |i: usize| band(i).is_some_and(|b| b.leads(i));
    // Where the last region ended: a row's band never reaches back into it.
    let mut floor = 0usize;
    let close = |regions: &mut Vec<(usize, usize)>, s: usize, last: usize, multi: usize| {
        let end = band(last).map_or(last, |b| b.last) + 1;
        if multi >= tol.min_rows {
            regions.push((s, end));
        }
        end
    };
    for (i, l) in lines.iter().enumerate() {
        let is_multi = l.chunks.len() >= 2;
        if let Some(s) = start {
            let prev = lines.get(i.wrapping_sub(1)).map_or(l.bbox, |p| p.bbox);
            let gap = l.bbox.top - prev.bottom;
            let too_far = gap > tol.row_gap * l.size.max(1.0);
            if !is_multi && !too_far && leads(i) && i.checked_sub(1).is_some_and(row_line) {
                last_kept = i;
                continue;
            }
            // Only inside a table already begun (two lines of cells, a
            // header and a row): a title set in spaced words is no row.
            if !is_multi
                && multi >= 2
                && last_kept + 1 == i
                && lines
                    .get(last_multi)
                    .is_some_and(|row| wraps_a_cell(row, prev.bottom, l, tol))
            {
                last_kept = i;
                continue;
            }
            let too_long = i - last_kept > tol.max_interruption + 1;
            if too_far || too_long {
                floor = close(&mut regions, s, last_multi, multi);
                start = None;
                multi = 0;
            }
        }
        if is_multi || (start.is_none() && leads(i)) {
            if start.is_none() {
                let first = band(i).map_or(i, |b| b.first);
                start = Some(first.max(floor));
                last_multi = i;
            }
            if is_multi {
                multi += l.printed;
                last_multi = i;
            }
            last_kept = i;
        }
    }
    if let Some(s) = start {
        close(&mut regions, s, last_multi, multi);
    }
    regions
}

/// Whether `line`, set right under a line ending at `above`, is one of the
/// lines a cell of `row` wrapped onto: one cell, at line spacing, starting
/// where a cell of the row after its first starts and ending before the
/// row's next cell starts. A long cell in the middle
/// of a table runs on over more single-cell lines than a group label or a
/// note takes; the first column is left out, where a paragraph after the
/// table would start too.
fn wraps_a_cell(row: &ChunkLine, above: f64, line: &ChunkLine, tol: &StreamTolerances) -> bool {
    let [chunk] = line.chunks.as_slice() else {
        return false;
    };
    let em = row.size.max(1.0);
    let spacing = line.bbox.bottom - above;
    spacing > 0.0
        && spacing <= tol.wrap_spacing * em
        && row.chunks.iter().enumerate().skip(1).any(|(i, c)| {
            // The cell's column runs to where the row's next cell starts.
            (chunk.bbox.x0 - c.bbox.x0).abs() <= WRAP_ALIGN * em
                && row
                    .chunks
                    .get(i + 1)
                    .is_none_or(|next| chunk.bbox.x1 < next.bbox.x0)
        })
}

/// Column boundaries (`cols + 1` x values) of a region: the gaps that
/// (almost) no chunk of a multi-chunk line covers.
pub(crate) fn column_bounds<L: Borrow<ChunkLine>>(lines: &[L], tol: &StreamTolerances) -> Vec<f64> {
    let bands = crate::row_bands::bands(lines, tol);
    let lines = || lines.iter().map(Borrow::borrow);
    // Lines with few cells (spanning headers, group labels) do not decide
    // the columns; the body lines do.
    let most = lines().map(|l| l.chunks.len()).max().unwrap_or(0);
    let dense = ((most as f64 * tol.body_share).ceil() as usize).max(2);
    let multi: Vec<&ChunkLine> = lines().filter(|l| l.chunks.len() >= dense).collect();
    // The lines of a row whose cells are centred in its height hold its
    // cells between them, one or two a line: they are body lines too.
    let cell_lines: Vec<&ChunkLine> = lines()
        .zip(&bands)
        .filter(|(l, b)| l.chunks.len() >= dense || (b.is_row() && b.cells() >= dense))
        .map(|(l, _)| l)
        .collect();
    let allowance = (cell_lines.len() as f64 * tol.gap_allowance).floor() as i64;
    // Coverage events: +1 at a chunk's x0, -1 at its x1.
    let chunk_boxes = cell_lines
        .iter()
        .flat_map(|l| l.chunks.iter().map(|c| c.bbox));
    let (Some(first), Some(last)) = (
        lines().map(|l| l.bbox.x0).reduce(f64::min).map(|v| v - 1.0),
        lines().map(|l| l.bbox.x1).reduce(f64::max).map(|v| v + 1.0),
    ) else {
        return Vec::new();
    };
    let mut bounds = vec![first];
    bounds.extend(
        uncovered(chunk_boxes, allowance)
            .into_iter()
            .map(|(a, b)| (a + b) / 2.0),
    );
    bounds.push(last);
    // Tightly set columns: a narrower gap between words that runs down
    // (nearly) every body line, inside a column, with words on both sides
    // in most lines, is a column boundary too.
    let word_boxes = multi
        .iter()
        .flat_map(|l| l.chunks.iter().flat_map(|c| c.words.iter().map(word_box)));
    let mut sizes: Vec<f64> = multi.iter().map(|l| l.size).collect();
    sizes.sort_by(f64::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(1.0);
    // ... and clearly wider than the usual space between words (a lower
    // quantile of the gaps inside chunks, so that columns set too tightly
    // do not count as word spaces; gaps next to a word with letters when
    // there are any, as tight columns of figures may outnumber them).
    let gaps = |words_only: bool| -> Vec<f64> {
        let mut v: Vec<f64> = multi
            .iter()
            .flat_map(|l| &l.chunks)
            .flat_map(|c| c.words.windows(2))
            .filter_map(|pair| match pair {
                [a, b] if !words_only || has_letters(&a.text) || has_letters(&b.text) => {
                    Some(word_box(b).x0 - word_box(a).x1)
                }
                _ => None,
            })
            .collect();
        v.sort_by(f64::total_cmp);
        v
    };
    let mut spaces = gaps(true);
    if spaces.is_empty() {
        spaces = gaps(false);
    }
    let space = spaces.get(spaces.len() / 4).copied().unwrap_or(0.0);
    let min_stripe = (tol.stripe_gap * size).max(tol.stripe_spaces * space);
    let mut extra = Vec::new();
    for (g0, g1) in uncovered(word_boxes, allowance) {
        if g1 - g0 < min_stripe || bounds.iter().any(|&b| b >= g0 && b <= g1) {
            continue;
        }
        let col = column_of(&bounds, g0);
        let (Some(&left), Some(&right)) = (bounds.get(col), bounds.get(col + 1)) else {
            continue;
        };
        let both_sides = multi
            .iter()
            .filter(|l| {
                let words = || l.chunks.iter().flat_map(|c| c.words.iter().map(word_box));
                words().any(|b| b.x0 >= left && b.x1 <= g0)
                    && words().any(|b| b.x0 >= g1 && b.x1 <= right)
            })
            .count();
        if both_sides as f64 >= tol.stripe_share * multi.len() as f64 {
            extra.push((g0 + g1) / 2.0);
        }
    }
    if !extra.is_empty() {
        bounds.extend(extra);
        bounds.sort_by(f64::total_cmp);
    }
    bounds
}

/// The x ranges between the first and the last box that at most
/// `allowance` of the boxes cover.
fn uncovered(boxes: impl Iterator<Item = BBox>, allowance: i64) -> Vec<(f64, f64)> {
    let mut events: Vec<(f64, i64)> = boxes.flat_map(|b| [(b.x0, 1), (b.x1, -1)]).collect();
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out = Vec::new();
    let mut depth = 0i64;
    let mut gap_start: Option<f64> = None;
    let mut started = false;
    for (x, d) in events {
        let before = depth;
        depth += d;
        if started && before > allowance && depth <= allowance {
            gap_start = Some(x);
        } else if before <= allowance && depth > allowance {
            if let Some(g) = gap_start.take() {
                if x > g {
                    out.push((g, x));
                }
            }
            started = true;
        }
    }
    out
}

fn column_of(bounds: &[f64], x: f64) -> usize {
    bounds
        .partition_point(|&b| b <= x)
        .saturating_sub(1)
        .min(bounds.len().saturating_sub(2))
}

/// One row under construction: per column the cell's words and box.
#[derive(Debug, Clone)]
struct RowDraft {
    top: f64,
    bottom: f64,
    size: f64,
    cells: Vec<Option<(Vec<Word>, BBox, usize)>>,
}

impl RowDraft {
    /// Takes the cells of the row's next line (words after words).
    fn absorb(&mut self, line: RowDraft) {
        for (slot, add) in self.cells.iter_mut().zip(line.cells) {
            match (slot.as_mut(), add) {
                (Some((words, bbox, _)), Some((more, b, _))) => {
                    words.extend(more);
                    *bbox = bbox.union(&b);
                }
                (None, Some(add)) => *slot = Some(add),
                _ => {}
            }
        }
        self.top = self.top.min(line.top);
        self.bottom = self.bottom.max(line.bottom);
    }

    fn filled(&self) -> impl Iterator<Item = usize> + '_ {
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_some())
            .map(|(i, _)| i)
    }
}

/// Is `line` set against the middle of a cell of `row` wrapped onto the
/// line after it (a number or a status centred beside a description of two
/// lines)? It reaches up into the row's last line, fills only columns the
/// row has not filled (`filled`), and the next line reaches up into it and
/// fills only columns the row fills: the wrapped cell goes on below it.
/// Rows of a dense table overlap their neighbours too, but fill the same
/// columns.
fn centred_in_row(
    row: &RowDraft,
    filled: &[usize],
    line: &ChunkLine,
    next: Option<&ChunkLine>,
    bounds: &[f64],
) -> bool {
    let Some(next) = next else {
        return false;
    };
    let own: Vec<usize> = row.filled().collect();
    let next_cols = || {
        next.chunks
            .iter()
            .map(|c| column_of(bounds, c.bbox.x0 + 0.5))
    };
    line.bbox.top < row.bottom
        && next.bbox.top < line.bbox.bottom
        && !filled.is_empty()
        && filled.iter().all(|c| !own.contains(c))
        && next_cols().all(|c| own.contains(&c) && !filled.contains(&c))
}

/// How much closer (em) than the table's rows a cell's next line is set
/// (a cell's padding, or a rule's width, parts rows).
const WRAP_MARGIN: f64 = 0.03;

/// Does the row's first cell hold a figure (a year, a number) as its key?
fn keyed_by_figure(row: &RowDraft) -> bool {
    row.cells
        .first()
        .and_then(Option::as_ref)
        .is_some_and(|(words, _, _)| crate::table_checks::is_figure_cell(&join_words(words)))
}

/// One line's chunks put into the columns `bounds`.
fn draft_of(l: &ChunkLine, bounds: &[f64], cols: usize) -> RowDraft {
    let mut row = RowDraft {
        top: l.bbox.top,
        bottom: l.bbox.bottom,
        size: l.size,
        cells: vec![None; cols],
    };
    for chunk in &l.chunks {
        for piece in cut_at_bounds(chunk, bounds) {
            let c0 = column_of(bounds, piece.bbox.x0 + 0.5);
            let c1 = column_of(bounds, piece.bbox.x1 - 0.5);
            let span = c1.saturating_sub(c0) + 1;
            if let Some(slot) = row.cells.get_mut(c0) {
                match slot {
                    Some((words, bbox, sp)) => {
                        words.extend(piece.words);
                        *bbox = bbox.union(&piece.bbox);
                        *sp = (*sp).max(span);
                    }
                    None => *slot = Some((piece.words, piece.bbox, span)),
                }
            }
        }
    }
    row
}

/// Is the row `rows[last]`, one line without a key, the first line of the
/// row `next` starts (its key centred on the middle line of cells of three
/// lines)? It holds cells side by side (a group label over the next rows
/// holds one), fills only columns `next` fills, stands at a cell's line
/// spacing above it and farther below the row before it.
fn leads_row(
    rows: &[RowDraft],
    last: usize,
    next: &RowDraft,
    line: &ChunkLine,
    tol: &StreamTolerances,
) -> bool {
    let (Some(row), Some(before)) = (
        rows.get(last),
        last.checked_sub(1).and_then(|b| rows.get(b)),
    ) else {
        return false;
    };
    let em = line.size.max(row.size).max(1.0);
    let below = next.bottom - row.bottom;
    let above = row.bottom - before.bottom;
    let own: Vec<usize> = next.filled().collect();
    next.cells.first().is_some_and(Option::is_some)
        && row.cells.first().is_some_and(Option::is_none)
        && row.filled().count() >= 2
        && row.filled().all(|c| own.contains(&c))
        && below > 0.0
        && below <= tol.wrap_spacing * em
        && above > below + WRAP_MARGIN * em
}

/// The usual spacing (bottom to bottom) between a line and the next when
/// the next surely starts a row: it fills a column the line leaves empty,
/// or as many columns. A line with fewer cells, keyed by a figure (a year)
/// under a row keyed by one, set as far below it as rows are set apart is
/// a row of its own (a year with a blank cell under a full year), not the
/// row's cells wrapped. (A wrapped label goes on in words; in a table set
/// without padding its lines are as far apart as its rows.)
fn row_spacing(drafts: &[RowDraft]) -> Option<f64> {
    let mut steps: Vec<f64> = drafts
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => {
                let above: Vec<usize> = a.filled().collect();
                let new_row =
                    b.filled().any(|c| !above.contains(&c)) || b.filled().count() >= above.len();
                new_row.then_some(b.bottom - a.bottom)
            }
            _ => None,
        })
        .collect();
    steps.sort_by(f64::total_cmp);
    steps.get(steps.len() / 2).copied()
}

/// Puts a region's chunks into a grid; the reason when it is not a table.
pub(crate) fn build_table(
    lines: &[ChunkLine],
    tol: &StreamTolerances,
    drawn: &Drawn<'_>,
) -> Result<Table, &'static str> {
    let lines = &*crate::anchor_cuts::cut_at_header_gaps(lines);
    // A row of shaded header cells draws the table as rules do.
    let shaded = crate::shaded_header::bounds(lines, drawn.fills);
    let drawn_header = shaded.is_some();
    let bounds = shaded.unwrap_or_else(|| column_bounds(lines, tol));
    let cols = bounds.len().saturating_sub(1);
    if cols < tol.min_cols {
        return Err("one column");
    }
    let drafts: Vec<RowDraft> = lines.iter().map(|l| draft_of(l, &bounds, cols)).collect();
    let row_spacing = row_spacing(&drafts);
    let mut rows: Vec<RowDraft> = Vec::new();
    let mut key_line: Vec<usize> = Vec::new();
    // Lines of the last row so far.
    let mut last_row_lines = 0usize;
    for (i, (l, row)) in lines.iter().zip(drafts).enumerate() {
        // A continuation line of wrapped cells joins the row above, and so
        // does a line that overlaps the row's height (a value set against
        // the middle of a label wrapped onto several lines).
        let joins = rows.last().is_some_and(|prev| {
            let spacing = l.bbox.bottom - prev.bottom;
            let filled: Vec<usize> = row.filled().collect();
            let prev_filled: Vec<usize> = prev.filled().collect();
            let size = l.size.max(prev.size);
            // A new row's key in the first column: with a figure in a
            // column that the last line of the key above left empty (that
            // cell of the row had ended; values centred beside a wrapped
            // label fill no key; a header's stacked titles are words), or
            // a figure key under a figure key set as far down as rows are.
            let resumes = filled.iter().any(|&c| {
                !key_line.contains(&c)
                    && row
                        .cells
                        .get(c)
                        .and_then(Option::as_ref)
                        .is_some_and(|(w, _, _)| {
                            crate::table_checks::is_figure_cell(&join_words(w))
                        })
            });
            let year_row = keyed_by_figure(&row)
                && keyed_by_figure(prev)
                && row_spacing.is_some_and(|r| spacing >= r - WRAP_MARGIN * size);
            let wraps = spacing <= tol.wrap_spacing * size
                && !(filled.contains(&0) && (resumes || year_row))
                && filled.len() < prev_filled.len()
                && filled.iter().all(|c| prev_filled.contains(c));
            wraps
                || prev.bottom - l.bbox.top >= tol.row_overlap * l.bbox.height()
                || centred_in_row(prev, &filled, l, lines.get(i + 1), &bounds)
        });
        if row.cells.first().is_some_and(Option::is_some) {
            key_line = row.filled().collect();
        }
        match rows.last_mut() {
            Some(prev) if joins => {
                last_row_lines += 1;
                prev.absorb(row);
            }
            _ => {
                let first_lines = rows
                    .len()
                    .checked_sub(1)
                    .filter(|&last| last_row_lines == 1 && leads_row(&rows, last, &row, l, tol));
                match first_lines.and_then(|last| rows.get_mut(last)) {
                    Some(last) => {
                        last.absorb(row);
                        last_row_lines = 2;
                    }
                    None => {
                        rows.push(row);
                        last_row_lines = 1;
                    }
                }
            }
        }
    }
    if rows.len() < 2 {
        return Err("fewer than two rows");
    }
    let filled_rows = rows.iter().filter(|r| r.filled().count() >= 2).count();
    if (filled_rows as f64) < tol.min_filled_share * rows.len() as f64 {
        return Err("few rows fill two columns");
    }
    // Rows of words only, side by side (a chart's legend, a list of
    // abbreviations and what they stand for), are no borderless table:
    // without rules, a table is told by its figures (or a matrix by its
    // ticks, a cell of its own each).
    let figure_rows = lines
        .iter()
        .filter(|l| l.chunks.len() >= 2)
        .filter(|l| {
            l.chunks
                .iter()
                .flat_map(|c| &c.words)
                .any(|w| w.text.chars().any(|c| c.is_ascii_digit()))
                || l.chunks.iter().any(|c| match c.words.as_slice() {
                    [w] => crate::table_checks::is_tick_mark(&w.text),
                    _ => false,
                })
        })
        .count();
    let ruled_apart = || {
        let spans: Vec<(f64, f64)> = rows.iter().map(|r| (r.top, r.bottom)).collect();
        let x0 = lines
            .iter()
            .map(|l| l.bbox.x0)
            .fold(f64::INFINITY, f64::min);
        let x1 = lines
            .iter()
            .map(|l| l.bbox.x1)
            .fold(f64::NEG_INFINITY, f64::max);
        let em = lines.first().map_or(10.0, |l| l.size);
        crate::ruled_rows::rows_ruled_apart(&spans, x0, x1, em, drawn.rulings)
    };
    if figure_rows < tol.min_figure_rows && !drawn_header && !ruled_apart() {
        return Err("no figures");
    }
    // Prose in two columns is not a table: its cells are long.
    let long_cells = |cells: &[&Vec<Word>]| {
        let mut lens: Vec<usize> = cells
            .iter()
            .map(|w| join_words(w).chars().count())
            .collect();
        lens.sort_unstable();
        let long = cells.iter().filter(|w| w.len() >= tol.prose_words).count();
        long as f64 > tol.max_prose_share * cells.len() as f64
            || lens
                .get(lens.len() / 2)
                .is_some_and(|&m| m > tol.max_cell_chars)
    };
    let all: Vec<&Vec<Word>> = rows
        .iter()
        .flat_map(|r| r.cells.iter().flatten())
        .map(|(w, _, _)| w)
        .collect();
    // Prose is not ruled row by row: long cells between rules across the
    // region are a table's (an activity plan ruled with horizontal lines only).
    if long_cells(&all)
        && reads_like_prose(&rows, cols, tol, long_cells)
        && !drawn_header
        && !ruled_apart()
    {
        return Err("prose");
    }
    // Columns nobody uses are dropped.
    let used: Vec<usize> = (0..cols)
        .filter(|&c| {
            rows.iter()
                .any(|r| r.cells.get(c).is_some_and(Option::is_some))
        })
        .collect();
    if used.len() < tol.min_cols {
        return Err("one column used");
    }
    let mut bbox: Option<BBox> = None;
    let mut grid = Vec::with_capacity(rows.len());
    for r in &rows {
        let mut out: Vec<Option<Cell>> = Vec::with_capacity(used.len());
        let mut cover = 0usize;
        for &c in &used {
            let x0 = bounds.get(c).copied().unwrap_or(0.0);
            let x1 = bounds.get(c + 1).copied().unwrap_or(x0);
            let cell = match r.cells.get(c).cloned().flatten() {
                Some((words, b, span)) => {
                    bbox = Some(bbox.map_or(b, |a| a.union(&b)));
                    let span_used = used.iter().filter(|&&u| u >= c && u < c + span).count();
                    cover = span_used.saturating_sub(1);
                    Some(Cell {
                        text: join_cell_words(&words),
                        bbox: b,
                        row_span: 1,
                        col_span: span_used.max(1),
                    })
                }
                None if cover > 0 => {
                    cover -= 1;
                    None
                }
                None => Some(Cell {
                    text: String::new(),
                    bbox: BBox {
                        x0,
                        top: r.top,
                        x1,
                        bottom: r.bottom,
                    },
                    row_span: 1,
                    col_span: 1,
                }),
            };
            out.push(cell);
        }
        grid.push(out);
    }
    let positions = grid.iter().map(Vec::len).sum::<usize>();
    let covered = grid
        .iter()
        .flatten()
        .map(|c| match c {
            Some(cell) if !cell.text.is_empty() => cell.col_span,
            Some(_) => 0,
            None => 0,
        })
        .sum::<usize>();
    if (covered as f64) < tol.min_cell_fill * positions as f64 {
        return Err("sparse grid");
    }
    if is_axis_scale(&grid) {
        return Err("axis scale");
    }
    let bbox = bbox.ok_or("no text")?;
    let size = lines.first().map_or(10.0, |l| l.size);
    // Under a drawn header a table still needs a figure below it to count
    // as drawn (a header over rows of words and dashes is a form's list,
    // read as text).
    let figure_below = || {
        grid.iter().skip(1).any(|r| {
            r.iter()
                .skip(1)
                .flatten()
                .any(|c| c.text.chars().any(|ch| ch.is_ascii_digit()))
        })
    };
    let ruled = drawn_header && figure_below()
        || crate::table_checks::drawn_as_table(&bbox, &grid, drawn.rulings, drawn.fills, size);
    if let Some(reason) = crate::table_checks::stream_verdict(&grid, ruled) {
        return Err(reason);
    }
    Ok(Table {
        bbox,
        rows: grid,
        method: TableMethod::Stream,
    })
}

/// Fewest values in a column for it to count as a scale.
const SCALE_MIN_VALUES: usize = 3;

/// Most value axes of one chart side by side (one on either side).
const MAX_AXES: usize = 2;

/// Is every column a run of evenly stepped numbers (the value labels of a
/// chart's axes side by side), with nothing else in the grid? Such a grid
/// carries no data. More such columns than a chart has axes are a table
/// of running numbers (rows numbered in blocks side by side).
fn is_axis_scale(grid: &[Vec<Option<Cell>>]) -> bool {
    let cols = grid.iter().map(Vec::len).max().unwrap_or(0);
    let mut scales = 0usize;
    for c in 0..cols {
        let mut values = Vec::new();
        for cell in grid
            .iter()
            .filter_map(|r| r.get(c).and_then(Option::as_ref))
        {
            if cell.text.trim().is_empty() {
                continue;
            }
            match parse_figure(&cell.text) {
                Some(v) => values.push(v),
                None => return false,
            }
        }
        if values.is_empty() {
            continue;
        }
        if values.len() < SCALE_MIN_VALUES {
            return false;
        }
        let steps: Vec<f64> = values
            .windows(2)
            .filter_map(|p| match p {
                [a, b] => Some(b - a),
                _ => None,
            })
            .collect();
        let Some(&first) = steps.first() else {
            return false;
        };
        let scale = values.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1e-9);
        if first == 0.0 || steps.iter().any(|s| (s - first).abs() > 1e-6 * scale) {
            return false;
        }
        scales += 1;
    }
    (2..=MAX_AXES).contains(&scales)
}

/// A cell's text as a number: digits with thousands separators, a sign, a
/// decimal point and a trailing per cent sign allowed.
pub(crate) fn parse_figure(text: &str) -> Option<f64> {
    let t = text.trim();
    let t = t.strip_suffix('%').unwrap_or(t).trim();
    let (negative, t) = match t.strip_prefix(['-', '−', '–']) {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    let v: f64 = t.replace(',', "").parse().ok()?;
    Some(if negative { -v } else { v })
}

/// Do the long cells of a region read like running text? A table may have
/// a column of descriptions beside short labels, each description starting
/// afresh; prose set in columns has lines that carry on a sentence (they
/// start in lower case), or more than half of its columns are long.
fn reads_like_prose(
    rows: &[RowDraft],
    cols: usize,
    tol: &StreamTolerances,
    long_cells: impl Fn(&[&Vec<Word>]) -> bool,
) -> bool {
    let (mut text_cols, mut long_cols) = (0usize, 0usize);
    for c in 0..cols {
        let cells: Vec<&Vec<Word>> = rows
            .iter()
            .filter_map(|r| r.cells.get(c).and_then(Option::as_ref))
            .map(|(w, _, _)| w)
            .collect();
        if cells.is_empty() {
            continue;
        }
        text_cols += 1;
        if !long_cells(&cells) {
            continue;
        }
        long_cols += 1;
        let carried_on = cells
            .iter()
            .filter(|w| {
                w.first()
                    .and_then(|w| w.text.chars().next())
                    .is_some_and(char::is_lowercase)
            })
            .count();
        if carried_on as f64 >= tol.max_carried_on_share * cells.len() as f64 {
            return true;
        }
    }
    2 * long_cols > text_cols
}

/// Cuts a chunk at word gaps that hold a column boundary.
fn cut_at_bounds(chunk: &Chunk, bounds: &[f64]) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let words = chunk.words.iter().flat_map(|w| {
        let b = word_box(w);
        let cut = bounds
            .iter()
            .find(|&&x| x > b.x0 && x < b.x1)
            .and_then(|&x| split_fused(w, x));
        match cut {
            Some((a, z)) => vec![a, z],
            None => vec![w.clone()],
        }
    });
    // The piece the last word went to; a chunk of a ruled row's joined
    // lines (`ruled_rows`) starts again at the left on each printed line,
    // and such a word goes to the piece in its column.
    let mut current: Option<usize> = None;
    let mut last_word: Option<BBox> = None;
    for w in words {
        let w = &w;
        let b = word_box(w);
        let new_line = last_word.is_some_and(|p| b.top >= p.bottom - 0.3 * p.height());
        last_word = Some(b);
        if new_line {
            let col = column_of(bounds, b.x0 + 0.5);
            current = out
                .iter()
                .position(|c| column_of(bounds, c.bbox.x0 + 0.5) == col);
        }
        let cut = current
            .and_then(|i| out.get(i))
            .is_none_or(|c| bounds.iter().any(|&x| x > c.bbox.x1 && x < b.x0));
        match current.and_then(|i| out.get_mut(i)) {
            Some(c) if !cut => {
                c.bbox = c.bbox.union(&b);
                c.words.push(w.clone());
            }
            _ => {
                out.push(Chunk {
                    bbox: b,
                    words: vec![w.clone()],
                });
                current = Some(out.len() - 1);
            }
        }
    }
    out
}

/// Most characters (either way) the split point of two fused figures may
/// lie from where a column boundary crosses the word.
const FUSED_SPLIT_SLACK: usize = 2;

/// Two figures of neighbouring columns set so close that they read as one
/// word ("1,2345,678"): split where a column boundary `x` crosses it, at
/// the character nearest the boundary that leaves two well-formed figures
/// (thousands groups of three digits). Characters are taken as equally
/// wide, which figures set in tabular digits are.
fn split_fused(w: &Word, x: f64) -> Option<(Word, Word)> {
    let b = word_box(w);
    let chars: Vec<char> = w.text.chars().collect();
    let n = chars.len();
    if n < 4
        || b.width() <= 0.0
        || !w
            .text
            .chars()
            .all(|c| c.is_ascii_digit() || ".,%()-".contains(c))
    {
        return None;
    }
    let at = ((x - b.x0) / b.width() * n as f64).round() as usize;
    // Each half a formatted figure (with a separator, a per cent sign or
    // brackets): a bare run of digits could be split anywhere.
    let well_formed = |t: &str| {
        crate::table_checks::is_figure(t)
            && t.contains([',', '.', '%', '('])
            && t.starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '-')
            && t.ends_with(|c: char| c.is_ascii_digit() || c == '%' || c == ')')
            && t.split([',', '.'])
                .skip(1)
                .all(|g| g.trim_end_matches(['%', ')']).len() <= 3)
            && t.split([',', '.']).next().is_some_and(|g| {
                g.trim_start_matches(['(', '-']).len() <= 3 || !t.contains([',', '.'])
            })
    };
    let mut best: Option<usize> = None;
    for k in at.saturating_sub(FUSED_SPLIT_SLACK)..=(at + FUSED_SPLIT_SLACK).min(n) {
        if k < 2 || k + 2 > n {
            continue;
        }
        let (l, r): (String, String) = (chars[..k].iter().collect(), chars[k..].iter().collect());
        if well_formed(&l)
            && well_formed(&r)
            && best.is_none_or(|j| k.abs_diff(at) < j.abs_diff(at))
        {
            best = Some(k);
        }
    }
    let k = best?;
    let split_x = b.x0 + b.width() * k as f64 / n as f64;
    let left = Word {
        text: chars[..k].iter().collect(),
        // The boundary falls between the two halves.
        bbox: Some(BBox {
            x1: split_x.min(x - 0.5),
            ..b
        }),
        ..w.clone()
    };
    let right = Word {
        text: chars[k..].iter().collect(),
        bbox: Some(BBox {
            x0: split_x.max(x + 0.5),
            ..b
        }),
        ..w.clone()
    };
    Some((left, right))
}

/// Stream tables among `lines` (the page's lines outside lattice tables, top
/// to bottom), with the page's ruling lines.
pub(crate) fn find_tables(
    lines: &[TextLine],
    rulings: &[Ruling],
    tol: &StreamTolerances,
) -> Vec<Table> {
    let mut candidates = Vec::new();
    let drawn = Drawn {
        page: BBox {
            x0: f64::NEG_INFINITY,
            top: f64::NEG_INFINITY,
            x1: f64::INFINITY,
            bottom: f64::INFINITY,
        },
        rulings,
        fills: &[],
    };
    find_tables_traced(lines, tol, &drawn, &mut candidates)
}

/// [`find_tables`], noting every candidate region with its verdict in
/// `candidates`.
pub(crate) fn find_tables_traced(
    lines: &[TextLine],
    tol: &StreamTolerances,
    drawn: &Drawn<'_>,
    candidates: &mut Vec<TableCandidate>,
) -> Vec<Table> {
    let mut chunked: Vec<ChunkLine> = Vec::with_capacity(lines.len());
    for line in lines.iter().filter_map(|l| chunks_of_line(l, tol)) {
        split_at_size_change(line, tol, &mut chunked);
    }
    let chunked = crate::ruled_rows::join_ruled_rows(chunked, drawn.rulings);
    let mut tables = Vec::new();
    match crate::gutter::find_gutter(&chunked) {
        Some(gutter) => {
            for flow in crate::gutter::split_flows(&chunked, gutter) {
                tables_in_flow(&flow, tol, drawn, candidates, &mut tables);
            }
        }
        None => tables_in_flow(&chunked, tol, drawn, candidates, &mut tables),
    }
    tables
}

/// The tables among one flow of lines (top to bottom).
fn tables_in_flow(
    flow: &[ChunkLine],
    tol: &StreamTolerances,
    drawn: &Drawn<'_>,
    candidates: &mut Vec<TableCandidate>,
    tables: &mut Vec<Table>,
) {
    let regions = find_regions(flow, tol)
        .into_iter()
        .flat_map(|(s, e)| crate::size_split::parts(flow, s, e, tol));
    for (start, end) in regions {
        let Some(found) = flow.get(start..end) else {
            continue;
        };
        let Some(bbox) = found.iter().map(|l| l.bbox).reduce(|a, b| a.union(&b)) else {
            continue;
        };
        let mut region = within_body(found, tol);
        let (s, mut e) = trim_region(&region, 0, region.len(), tol);
        // Only a region kept whole goes on with the flow's next line.
        let whole = matches!(region, Cow::Borrowed(_)) && e == region.len();
        let after = flow.get(end..).unwrap_or(&[]);
        let tail = if whole && e > s {
            region
                .get(s..e)
                .map_or(0, |rows| match wrapped_tail(rows, after, tol) {
                    0 => crate::label_rows::trailing(rows, after, tol),
                    n => n,
                })
        } else {
            0
        };
        if tail > 0 {
            let mut lines = region.into_owned();
            lines.extend(after.iter().take(tail).cloned());
            region = Cow::Owned(lines);
            e += tail;
        }
        let verdict = match region.get(s..e) {
            Some(rows) if e > s => build_table(rows, tol, drawn),
            _ => Err("too few rows"),
        };
        match verdict {
            Ok(table) => {
                // Only a region that is a table may be two: its parts are
                // taken when each of them is a table on its own.
                let parts = crate::title_split::split_at_titles(&region, s, e, tol);
                let split: Option<Vec<Table>> = match parts.len() {
                    0 | 1 => None,
                    _ => parts
                        .iter()
                        .map(|&(s, e)| {
                            region
                                .get(s..e)
                                .and_then(|r| build_table(r, tol, drawn).ok())
                        })
                        .collect(),
                };
                for table in split.unwrap_or_else(|| vec![table]) {
                    candidates.push(TableCandidate {
                        bbox: table.bbox,
                        method: TableMethod::Stream,
                        rejected: None,
                    });
                    tables.push(table);
                }
            }
            Err(reason) => candidates.push(TableCandidate {
                bbox,
                method: TableMethod::Stream,
                rejected: Some(reason),
            }),
        }
    }
}

/// How many of the lines `after` a region's rows are the last row's cells
/// wrapped onto further lines. The region ends at its last line of two or
/// more cells, so a last row whose cell wraps further than the others would
/// lose its wrapped words (and a form's row its description's end). A line
/// continues the row when it is one cell, set at the region's line spacing
/// where rows part wider (a cell's lines, not a new row or the text after
/// the table), starting where a cell of the last row starts and keeping
/// within that column.
fn wrapped_tail(rows: &[ChunkLine], after: &[ChunkLine], tol: &StreamTolerances) -> usize {
    let Some(last) = rows.iter().rev().find(|l| l.chunks.len() >= 2) else {
        return 0;
    };
    let em = last.size.max(1.0);
    let spacings = || {
        rows.windows(2).filter_map(|w| match w {
            [a, b] if b.bbox.bottom > a.bbox.bottom => Some(b.bbox.bottom - a.bbox.bottom),
            _ => None,
        })
    };
    let line = spacings().fold(f64::INFINITY, f64::min);
    let widest = spacings().fold(0.0f64, f64::max);
    // Rows set as close as a cell's lines leave nothing to tell them apart.
    if !line.is_finite() || widest < line + WRAP_ALIGN * em {
        return 0;
    }
    let bounds = column_bounds(rows, tol);
    let starts: Vec<(usize, f64)> = last
        .chunks
        .iter()
        .map(|c| (column_of(&bounds, c.bbox.x0 + 0.5), c.bbox.x0))
        .collect();
    let mut above = last.bbox.bottom;
    let mut n = 0;
    for l in after {
        let spacing = l.bbox.bottom - above;
        let [chunk] = l.chunks.as_slice() else {
            break;
        };
        let col = column_of(&bounds, chunk.bbox.x0 + 0.5);
        let right = bounds.get(col + 1).copied().unwrap_or(f64::INFINITY);
        let aligned = starts
            .iter()
            .any(|&(c, x0)| c == col && (chunk.bbox.x0 - x0).abs() <= WRAP_ALIGN * em);
        let wraps = spacing > 0.0
            && spacing <= tol.wrap_spacing * em
            && spacing < line + WRAP_ALIGN * em
            && aligned
            && chunk.bbox.x1 <= right + WRAP_ALIGN * em;
        if !wraps {
            break;
        }
        above = l.bbox.bottom;
        n += 1;
    }
    n
}

/// A line whose cells change type size by more than `size_change` at a
/// cell gap is two lines: text set in another column of the page (prose
/// beside a table) that happens to share the table row's height.
/// The pieces go to `out`; a line without such a change (nearly every
/// line) goes there as it is, with no allocation.
fn split_at_size_change(line: ChunkLine, tol: &StreamTolerances, out: &mut Vec<ChunkLine>) {
    let size_of = |c: &Chunk| {
        c.words
            .iter()
            .map(|w| w.font_size)
            .fold(0.0f64, f64::max)
            .max(1.0)
    };
    let changes = |last: f64, size: f64| size.max(last) > tol.size_change * size.min(last);
    let sizes = line.chunks.iter().map(size_of);
    if sizes
        .clone()
        .zip(sizes.skip(1))
        .all(|(last, size)| !changes(last, size))
    {
        out.push(line);
        return;
    }
    let mut pieces: Vec<Vec<Chunk>> = Vec::new();
    let mut last_size = 0.0f64;
    for c in line.chunks {
        let size = size_of(&c);
        let changes = changes(last_size, size);
        match pieces.last_mut() {
            Some(piece) if !changes => piece.push(c),
            _ => pieces.push(vec![c]),
        }
        last_size = size;
    }
    out.extend(pieces.into_iter().filter_map(|chunks| {
        let bbox = chunks.iter().map(|c| c.bbox).reduce(|a, b| a.union(&b))?;
        let size = chunks.iter().map(size_of).fold(1.0f64, f64::max);
        Some(ChunkLine {
            bbox,
            size,
            chunks,
            printed: line.printed,
        })
    }));
}

/// A region's lines without the text set beside the table in another type
/// size (a column of prose next to a table in the other column of the
/// page): when most of the text in the region's first or last column is in
/// a size other than the table body's, that column is dropped. Lines left
/// without cells are dropped.
fn within_body<'r>(region: &'r [ChunkLine], tol: &StreamTolerances) -> Cow<'r, [ChunkLine]> {
    let most = region.iter().map(|l| l.chunks.len()).max().unwrap_or(0);
    let dense = ((most as f64 * tol.body_share).ceil() as usize).max(2);
    let mut sizes: Vec<f64> = region
        .iter()
        .filter(|l| l.chunks.len() >= dense)
        .map(|l| l.size)
        .collect();
    sizes.sort_by(f64::total_cmp);
    let Some(&body_size) = sizes.get(sizes.len() / 2) else {
        return Cow::Borrowed(region);
    };
    let body: Vec<&ChunkLine> = region.iter().filter(|l| l.chunks.len() >= dense).collect();
    let bounds = column_bounds(&body, tol);
    let other_size = |c: &Chunk| {
        let size = c.words.iter().map(|w| w.font_size).fold(1.0f64, f64::max);
        size.max(body_size) > tol.size_change * size.min(body_size)
    };
    // Is most of the text inside `lo..hi` in another size?
    let beside = |lo: f64, hi: f64| {
        let (mut other, mut all) = (0usize, 0usize);
        for c in region.iter().flat_map(|l| &l.chunks) {
            if c.bbox.x0 >= lo && c.bbox.x1 <= hi {
                all += 1;
                other += usize::from(other_size(c));
            }
        }
        all > 0 && 2 * other > all
    };
    let n = bounds.len();
    let (mut left, mut right) = (f64::NEG_INFINITY, f64::INFINITY);
    if let (Some(&first), Some(&second), Some(&last_but_one), Some(&last)) = (
        bounds.first(),
        bounds.get(1),
        n.checked_sub(2).and_then(|i| bounds.get(i)),
        bounds.last(),
    ) {
        // Text wholly beside the body lines, then the body's outer columns
        // (where lines of prose shared a row with the table).
        if beside(f64::NEG_INFINITY, first) {
            left = first;
        }
        if n >= 4 && beside(first, second) {
            left = second;
        }
        if beside(last, f64::INFINITY) {
            right = last;
        }
        if n >= 4 && beside(last_but_one, last) {
            right = last_but_one;
        }
    }
    if left == f64::NEG_INFINITY && right == f64::INFINITY {
        return Cow::Borrowed(region);
    }
    Cow::Owned(
        region
            .iter()
            .filter_map(|l| {
                let chunks: Vec<Chunk> = l
                    .chunks
                    .iter()
                    .filter(|c| c.bbox.x0 >= left && c.bbox.x1 <= right)
                    .cloned()
                    .collect();
                let bbox = chunks.iter().map(|c| c.bbox).reduce(|a, b| a.union(&b))?;
                Some(ChunkLine {
                    bbox,
                    size: l.size,
                    chunks,
                    printed: l.printed,
                })
            })
            .collect(),
    )
}

/// A word may reach this far (points) over a column boundary and still
/// count as inside its column.
const STRADDLE_SLACK: f64 = 0.5;

/// Slack (em) for a wrapped line's start to be its cell's and its spacing
/// to be closer than the rows'.
const WRAP_ALIGN: f64 = 0.3;
/// Most rounds of trimming a region (each round recomputes the columns).
const MAX_TRIM_ROUNDS: usize = 4;

/// Does the line run from one column into the next: a word across an
/// inner column boundary, in a chunk reaching the place where the next
/// column's text starts? Table rows keep to their columns (a long label may
/// reach over a boundary into the gap, as the columns allow); running text
/// below a table does not.
fn straddles(line: &ChunkLine, inner: &[f64], region: &[ChunkLine]) -> bool {
    inner.iter().any(|&x| {
        line.chunks.iter().any(|c| {
            // (Two figures fused into one word are cut there later.)
            let crosses = c.words.iter().any(|w| {
                let b = word_box(w);
                b.x0 + STRADDLE_SLACK < x
                    && x < b.x1 - STRADDLE_SLACK
                    && split_fused(w, x).is_none()
            });
            crosses && {
                let next_start = region
                    .iter()
                    .flat_map(|l| &l.chunks)
                    .map(|o| o.bbox.x0)
                    .filter(|&x0| x0 > x)
                    .fold(f64::INFINITY, f64::min);
                c.bbox.x1 > next_start
            }
        })
    })
}

/// Shortens a region (`start..end` of `lines`) from the bottom while its
/// last line has a word across a column boundary of the region (text running
/// on below the table, such as two-column prose whose wide gaps look like
/// cells) or a single chunk that is no cell of a row above (centred in its
/// height). Returns an empty range when too few rows stay.
pub(crate) fn trim_region(
    lines: &[ChunkLine],
    start: usize,
    mut end: usize,
    tol: &StreamTolerances,
) -> (usize, usize) {
    let bands = crate::row_bands::bands(lines, tol);
    for _ in 0..MAX_TRIM_ROUNDS {
        let Some(region) = lines.get(start..end) else {
            return (start, start);
        };
        let bounds = column_bounds(region, tol);
        let inner = bounds.get(1..bounds.len().saturating_sub(1)).unwrap_or(&[]);
        let before = end;
        while end > start {
            let Some(last) = lines.get(end - 1) else {
                break;
            };
            let in_row = bands.get(end - 1).is_some_and(|b| b.trails(end - 1));
            if (last.chunks.len() >= 2 || in_row) && !straddles(last, inner, region) {
                break;
            }
            end -= 1;
        }
        let multi = lines.get(start..end).map_or(0, |r| {
            r.iter()
                .filter(|l| l.chunks.len() >= 2)
                .map(|l| l.printed)
                .sum::<usize>()
        });
        if multi < tol.min_rows {
            return (start, start);
        }
        if end == before {
            break;
        }
    }
    (start, end)
}

#[allow(dead_code)]
fn debug_chunks(line: &ChunkLine) -> Vec<String> {
    line.chunks.iter().map(Chunk::text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_words::text_line;

    /// A line of words given as `(x0, text)`, each word 6 points per
    /// character wide, set in 10-point type with its top at `top`.
    fn line(top: f64, words: &[(f64, &str)]) -> TextLine {
        text_line(top, 6.0, words)
    }

    /// A line of runs given as `(x0, text)` in `size`-point type, each run's
    /// words 0.6 em per character wide and 0.3 em apart.
    fn sized_line(top: f64, size: f64, runs: &[(f64, &str)]) -> TextLine {
        let mut words = Vec::new();
        for &(x0, run) in runs {
            let mut x = x0;
            for t in run.split_whitespace() {
                let w = 0.6 * size * t.chars().count() as f64;
                words.push(Word {
                    text: t.to_owned(),
                    bbox: Some(BBox {
                        x0: x,
                        top,
                        x1: x + w,
                        bottom: top + size,
                    }),
                    font_size: size,
                    rotation: 0.0,
                    font: None,
                });
                x += w + 0.3 * size;
            }
        }
        let bbox = words
            .iter()
            .filter_map(|w| w.bbox)
            .reduce(|a, b| a.union(&b));
        TextLine {
            text: join_words(&words),
            bbox,
            words,
            cell: None,
        }
    }

    fn rows(t: &Table) -> Vec<Vec<String>> {
        crate::bench_format::table_rows(t)
    }

    #[test]
    fn running_text_below_a_table_is_not_part_of_it() {
        let row = |top: f64, cells: [&'static str; 5]| {
            let xs = [50.0, 130.0, 200.0, 270.0, 340.0];
            line(top, &xs.into_iter().zip(cells).collect::<Vec<_>>())
        };
        let mut lines = vec![
            row(100.0, ["Item", "Q1", "Q2", "Q3", "Q4"]),
            row(114.0, ["Apples", "12", "14", "9", "3"]),
            row(128.0, ["Pears", "7", "8", "2", "5"]),
            row(142.0, ["Plums", "3", "1", "6", "4"]),
        ];
        // Prose set in two columns below: its wide gutter makes two chunks
        // a line, and its words run across the table's column boundaries.
        for top in [160.0, 174.0] {
            lines.push(line(
                top,
                &[
                    (50.0, "the"),
                    (71.0, "results"),
                    (115.0, "reached"),
                    (160.0, "over"),
                    (260.0, "the"),
                    (281.0, "period"),
                ],
            ));
        }
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        assert_eq!(tables.len(), 1);
        assert_eq!(rows(&tables[0]).len(), 4, "{:?}", rows(&tables[0]));
    }

    #[test]
    fn the_last_rows_wrapped_label_stays_in_the_table() {
        // Rows 16 points apart, a cell's lines 12 points apart: the last
        // row's label wraps onto a line of its own below the region's last
        // line of two cells.
        let table = |below: f64| {
            let lines = vec![
                line(100.0, &[(50.0, "Goal"), (200.0, "Due"), (300.0, "Cost")]),
                line(
                    116.0,
                    &[(50.0, "Fewer evictions"), (200.0, "2013"), (300.0, "12")],
                ),
                line(128.0, &[(50.0, "in the city"), (200.0, "(spring)")]),
                line(
                    144.0,
                    &[(50.0, "Staff know the"), (200.0, "2014"), (300.0, "7")],
                ),
                line(below, &[(50.0, "bank's schemes")]),
                line(below + 40.0, &[(50.0, "4. ORGANISATION")]),
            ];
            find_tables(&lines, &[], &StreamTolerances::default())
        };
        let tables = table(156.0);
        assert_eq!(tables.len(), 1);
        let got = rows(&tables[0]);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[2][0], "Staff know the\nbank's schemes", "{got:?}");
        // A line as far below as the rows are apart is the text after the
        // table, not a wrapped cell.
        let tables = table(160.0);
        assert_eq!(tables.len(), 1);
        let got = rows(&tables[0]);
        assert_eq!(got[2][0], "Staff know the", "{got:?}");
    }

    #[test]
    fn a_long_cell_in_the_middle_of_a_table_does_not_part_it() {
        // Rows 16 points apart, a cell's lines 12 points apart; the second
        // row's status runs on over four lines of one cell each, more than
        // the lines a group label takes.
        let table = |x: f64| {
            let mut lines = vec![
                line(
                    100.0,
                    &[
                        (50.0, "No."),
                        (100.0, "Activity"),
                        (300.0, "Status"),
                        (450.0, "Cost"),
                    ],
                ),
                line(
                    116.0,
                    &[
                        (50.0, "1"),
                        (100.0, "Mapping needs"),
                        (300.0, "Done"),
                        (450.0, "125"),
                    ],
                ),
                line(
                    132.0,
                    &[
                        (50.0, "2"),
                        (100.0, "Training staff"),
                        (300.0, "Goes on in the"),
                        (450.0, "80"),
                    ],
                ),
            ];
            for (n, words) in [
                "ordinary budget",
                "from next year",
                "after the council",
                "decided it",
            ]
            .iter()
            .enumerate()
            {
                lines.push(line(144.0 + 12.0 * n as f64, &[(x, words)]));
            }
            lines.push(line(
                208.0,
                &[
                    (50.0, "3"),
                    (100.0, "Loans to young"),
                    (300.0, "Done"),
                    (450.0, "0"),
                ],
            ));
            lines.push(line(
                224.0,
                &[
                    (50.0, "4"),
                    (100.0, "Evaluation"),
                    (300.0, "Not started"),
                    (450.0, "45"),
                ],
            ));
            find_tables(&lines, &[], &StreamTolerances::default())
        };
        let tables = table(300.0);
        assert_eq!(
            tables.len(),
            1,
            "{:?}",
            tables.iter().map(rows).collect::<Vec<_>>()
        );
        let got = rows(&tables[0]);
        assert_eq!(got.len(), 5, "{got:?}");
        assert_eq!(
            got[2][2],
            "Goes on in the\nordinary budget\nfrom next year\nafter the council\ndecided it",
            "{got:?}"
        );
        // The same lines at the first column's start are text between two
        // tables (a paragraph starts there), not a cell's lines.
        let tables = table(50.0);
        assert!(
            tables.iter().all(|t| rows(t).len() < 5),
            "{:?}",
            tables.iter().map(rows).collect::<Vec<_>>()
        );
    }

    #[test]
    fn labels_scattered_round_a_chart_are_no_table() {
        // Four columns, but each line fills one or two of them.
        let lines = vec![
            line(100.0, &[(50.0, "400"), (400.0, "Legend")]),
            line(114.0, &[(150.0, "20.4")]),
            line(128.0, &[(50.0, "300"), (250.0, "35.0")]),
            line(142.0, &[(150.0, "6.9"), (400.0, "Series")]),
            line(156.0, &[(50.0, "200"), (300.0, "42.6")]),
            line(170.0, &[(200.0, "10.8"), (400.0, "Other")]),
            line(184.0, &[(50.0, "100"), (350.0, "53.6")]),
        ];
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        assert!(
            tables.is_empty(),
            "{:?}",
            tables.iter().map(rows).collect::<Vec<_>>()
        );
    }

    #[test]
    fn value_set_against_a_wrapped_label_joins_its_row() {
        let lines = vec![
            line(
                100.0,
                &[(50.0, "Measure"), (200.0, "2001"), (260.0, "2002")],
            ),
            line(114.0, &[(50.0, "Income"), (200.0, "1.0"), (260.0, "1.1")]),
            // The label wraps onto three lines; the values sit mid-way.
            line(130.0, &[(50.0, "Between"), (100.0, "state")]),
            line(135.0, &[(200.0, "0.06"), (260.0, "0.07")]),
            line(140.0, &[(50.0, "gap")]),
            line(154.0, &[(50.0, "Mortality"), (200.0, "71"), (260.0, "69")]),
        ];
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        assert_eq!(tables.len(), 1);
        let r = rows(&tables[0]);
        assert_eq!(r.len(), 4, "{r:?}");
        assert_eq!(r[2][1], "0.06");
        assert!(r[2][0].starts_with("Between state") && r[2][0].ends_with("gap"));
    }

    #[test]
    fn cells_centred_in_their_rows_height_stay_in_the_table() {
        // Lines of a cell 13 points apart, each cell centred in its row: a
        // cell of one line stands half a line off the lines of a cell of
        // two or three beside it. The header's two-line title and the
        // first row's lines above its line of two cells are the table's,
        // and so is the last row's line below its line of two cells.
        let lines = vec![
            line(100.0, &[(300.0, "Due")]),
            line(106.5, &[(50.0, "Goal"), (200.0, "Result")]),
            line(113.0, &[(300.0, "(year)")]),
            line(130.0, &[(50.0, "Fewer evictions in")]),
            line(136.5, &[(200.0, "12 of 40")]),
            line(143.0, &[(50.0, "the city"), (300.0, "2013")]),
            line(149.5, &[(200.0, "families")]),
            line(156.0, &[(50.0, "centre")]),
            line(
                172.0,
                &[(50.0, "Staff trained"), (200.0, "7"), (300.0, "2014")],
            ),
            line(188.0, &[(50.0, "Plan adopted"), (300.0, "2015")]),
            line(194.5, &[(200.0, "1 draft")]),
        ];
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        assert_eq!(tables.len(), 1);
        let r = rows(&tables[0]);
        assert_eq!(r.len(), 4, "{r:?}");
        assert_eq!(r[0], ["Goal", "Result", "Due\n(year)"], "{r:?}");
        assert_eq!(r[1][0], "Fewer evictions in\nthe city\ncentre", "{r:?}");
        assert_eq!(r[1][1], "12 of 40\nfamilies", "{r:?}");
        assert_eq!(r[3], ["Plan adopted", "1 draft", "2015"], "{r:?}");
    }

    #[test]
    fn a_cell_centred_between_widely_spaced_lines_keeps_its_row_in_the_table() {
        // Lines of a cell 15.5 points apart in 10-point boxes (an imported
        // HTML table set with wide line spacing): a one-line cell centred
        // beside a cell of two touches each of its lines by less than
        // `row_overlap`. The header's two-line title and the first row are
        // the table's all the same.
        let lines = vec![
            line(100.0, &[(300.0, "Due (by")]),
            line(107.75, &[(50.0, "Goal"), (200.0, "Result")]),
            line(115.5, &[(300.0, "year)")]),
            line(135.0, &[(50.0, "Fewer evictions in")]),
            line(142.75, &[(200.0, "Reached")]),
            line(150.5, &[(50.0, "the city")]),
            line(
                168.8,
                &[
                    (50.0, "Staff trained"),
                    (200.0, "Not started"),
                    (300.0, "2014"),
                ],
            ),
            line(
                187.1,
                &[(50.0, "Plan adopted"), (200.0, "On track"), (300.0, "2015")],
            ),
            line(
                205.4,
                &[(50.0, "Homes built"), (200.0, "Late"), (300.0, "2016")],
            ),
        ];
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        assert_eq!(tables.len(), 1);
        let r = rows(&tables[0]);
        assert_eq!(r.len(), 5, "{r:?}");
        assert_eq!(r[0], ["Goal", "Result", "Due (by\nyear)"], "{r:?}");
        assert_eq!(
            r[1],
            ["Fewer evictions in\nthe city", "Reached", ""],
            "{r:?}"
        );
        assert_eq!(r[2], ["Staff trained", "Not started", "2014"], "{r:?}");
    }

    #[test]
    fn cells_centred_beside_a_wrapped_cell_count_for_the_columns() {
        // Labels and years centred beside descriptions of two lines: most
        // lines hold one cell. On the one row whose cells share a line, the
        // label ends closer to the description than a cell gap; the other
        // rows' lines still part the two columns.
        let mut lines = vec![line(80.0, &[(50.0, "Aim"), (99.0, "Goal"), (300.0, "Due")])];
        lines.push(line(
            130.0,
            &[
                (50.0, "Aim 1.2"),
                (99.0, "Staff know the bank"),
                (300.0, "2014"),
            ],
        ));
        for (top, label, first, second, year) in [
            (100.0, "Aim 1.1", "Fewer evictions", "in town", "2013"),
            (146.0, "Aim 1.3", "Plans made", "every year", "2015"),
            (175.0, "Aim 1.4", "Homes built", "for youth", "2016"),
        ] {
            lines.push(line(top, &[(99.0, first)]));
            lines.push(line(top + 6.5, &[(50.0, label), (300.0, year)]));
            lines.push(line(top + 13.0, &[(99.0, second)]));
        }
        lines.sort_by(|a, b| {
            let top = |l: &TextLine| l.bbox.map_or(0.0, |b| b.top);
            top(a).total_cmp(&top(b))
        });
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        assert_eq!(tables.len(), 1);
        let r = rows(&tables[0]);
        assert_eq!(r.len(), 5, "{r:?}");
        assert_eq!(
            r[1],
            ["Aim 1.1", "Fewer evictions\nin town", "2013"],
            "{r:?}"
        );
        assert_eq!(r[2], ["Aim 1.2", "Staff know the bank", "2014"], "{r:?}");
    }

    #[test]
    fn a_rows_first_line_above_its_centred_key_is_that_rows() {
        // Cells of up to three lines 13 points apart, rows 16 apart, the
        // number and the share centred on a row's middle line: the line
        // above the number holds the first words of the row's cells.
        let lines = vec![
            line(
                100.0,
                &[
                    (50.0, "No."),
                    (80.0, "Plan"),
                    (200.0, "Result"),
                    (320.0, "Done"),
                ],
            ),
            line(116.0, &[(80.0, "Hire two"), (200.0, "Two hired")]),
            line(
                129.0,
                &[
                    (50.0, "1"),
                    (80.0, "staff and"),
                    (200.0, "in May"),
                    (320.0, "75 %"),
                ],
            ),
            line(142.0, &[(80.0, "set rules")]),
            line(158.0, &[(80.0, "Lend more"), (200.0, "Limit up")]),
            line(
                171.0,
                &[
                    (50.0, "2"),
                    (80.0, "to young"),
                    (200.0, "by 15"),
                    (320.0, "40 %"),
                ],
            ),
            line(184.0, &[(80.0, "buyers"), (200.0, "million")]),
            line(
                200.0,
                &[
                    (50.0, "3"),
                    (80.0, "Close hostel"),
                    (200.0, "Done"),
                    (320.0, "100 %"),
                ],
            ),
        ];
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        assert_eq!(tables.len(), 1);
        let r = rows(&tables[0]);
        assert_eq!(r.len(), 4, "{r:?}");
        assert_eq!(
            r[1],
            [
                "1",
                "Hire two\nstaff and\nset rules",
                "Two hired\nin May",
                "75 %"
            ],
            "{r:?}"
        );
        assert_eq!(
            r[2],
            [
                "2",
                "Lend more\nto young\nbuyers",
                "Limit up\nby 15\nmillion",
                "40 %"
            ],
            "{r:?}"
        );
    }

    #[test]
    fn tightly_set_columns_split_but_wide_word_spaces_do_not() {
        // "no." and "Rate" columns 0.5 em apart (less than a chunk gap),
        // words of the labels 0.15 em apart.
        let tight = |top: f64, label: &[(f64, &str)], no: &str, rate: &str, ci: &str| {
            let mut w = label.to_vec();
            w.extend([
                (140.0, no),
                (140.0 + 6.0 * no.len() as f64 + 5.0, rate),
                (250.0, ci),
            ]);
            line(top, &w)
        };
        let lines = vec![
            tight(
                100.0,
                &[(50.0, "New"), (69.5, "York")],
                "391",
                "18.2",
                "(1-2)",
            ),
            tight(114.0, &[(50.0, "Ohio")], "198", "15.4", "(3-4)"),
            tight(
                128.0,
                &[(50.0, "Rhode"), (81.5, "Island")],
                "218",
                "16.2",
                "(5-6)",
            ),
            tight(142.0, &[(50.0, "Iowa")], "546", "14.1", "(7-8)"),
        ];
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        assert_eq!(tables.len(), 1);
        let r = rows(&tables[0]);
        assert_eq!(r[0], vec!["New York", "391", "18.2", "(1-2)"], "{r:?}");

        // The same layout where every space is that wide: words of one
        // cell ("40 years"), not two columns.
        let wide = |top: f64, n: &str, total: &str| {
            line(top, &[(50.0, n), (67.0, "years"), (200.0, total)])
        };
        let lines = vec![
            line(86.0, &[(50.0, "Age"), (200.0, "Total")]),
            wide(100.0, "40", "2,468"),
            wide(114.0, "41", "2,375"),
            wide(128.0, "42", "2,291"),
            wide(142.0, "43", "2,207"),
        ];
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        assert_eq!(tables.len(), 1);
        assert_eq!(rows(&tables[0])[1], vec!["40 years", "2,468"]);
    }

    #[test]
    fn amounts_set_a_word_space_apart_part_at_the_gaps_of_a_header_of_years() {
        // Columns 42 points apart, amounts 39 wide: the gap between two
        // cells is the space inside "600 000", and every body line runs on
        // as one chunk; only the years above stand apart.
        let lines = vec![
            sized_line(
                86.0,
                10.0,
                &[
                    (179.0, "2009"),
                    (221.0, "2010"),
                    (263.0, "2011"),
                    (305.0, "2012"),
                ],
            ),
            sized_line(
                100.0,
                10.0,
                &[(
                    50.0,
                    "Tilskudd fra Husbanken 600 000 400 000 500 000 950 000",
                )],
            ),
            sized_line(
                114.0,
                10.0,
                &[
                    (50.0, "Kommunen"),
                    (179.0, "125 000 200 000 300 000 450 000"),
                ],
            ),
            sized_line(
                128.0,
                10.0,
                &[
                    (50.0, "Annen finansiering"),
                    (179.0, "100 000 -"),
                    (263.0, "250 000 -"),
                ],
            ),
            sized_line(
                142.0,
                10.0,
                &[(50.0, "Sum"), (179.0, "825 000 600 000 800 000 1 400 000")],
            ),
        ];
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        assert_eq!(tables.len(), 1);
        let r = rows(&tables[0]);
        assert_eq!(r[0], vec!["", "2009", "2010", "2011", "2012"], "{r:?}");
        assert_eq!(
            r[1],
            vec![
                "Tilskudd fra Husbanken",
                "600 000",
                "400 000",
                "500 000",
                "950 000"
            ],
            "{r:?}"
        );
        assert_eq!(
            r[4],
            vec!["Sum", "825 000", "600 000", "800 000", "1 400 000"],
            "{r:?}"
        );
    }

    #[test]
    fn figures_fused_across_a_column_gap_are_split_at_the_boundary() {
        // Columns of figures at 150-180 and 200-230.
        let mut lines = vec![line(
            100.0,
            &[(50.0, "Item"), (156.0, "2009"), (206.0, "2010")],
        )];
        for i in 0..10 {
            let top = 114.0 + 14.0 * f64::from(i);
            lines.push(line(
                top,
                &[(50.0, "Apples"), (150.0, "1,234"), (200.0, "5,678")],
            ));
        }
        // Both figures in one word: "1,234" and "5,678" touch.
        lines.push(line(254.0, &[(50.0, "Plums"), (150.0, "1,2345,678")]));
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        assert_eq!(tables.len(), 1);
        let r = rows(&tables[0]);
        assert_eq!(r.last().unwrap(), &vec!["Plums", "1,234", "5,678"], "{r:?}");
        // A word that is no pair of figures stays whole.
        let w = Word {
            text: "12345".into(),
            bbox: Some(BBox {
                x0: 0.0,
                top: 0.0,
                x1: 30.0,
                bottom: 10.0,
            }),
            font_size: 10.0,
            rotation: 0.0,
            font: None,
        };
        assert!(split_fused(&w, 15.0).is_none());
    }

    #[test]
    fn a_joined_ruled_row_is_cut_into_columns_line_by_line() {
        // "Progress" and "Deviation" on the first printed line of a
        // header cell pair; "in per" under "Progress" on the next.
        let first = line(100.0, &[(300.0, "Progress"), (352.0, "Deviation")]);
        let second = line(112.0, &[(300.0, "in"), (315.0, "per")]);
        let words: Vec<Word> = first.words.iter().chain(&second.words).cloned().collect();
        let bbox = words
            .iter()
            .filter_map(|w| w.bbox)
            .reduce(|a, b| a.union(&b))
            .unwrap();
        let pieces = cut_at_bounds(&Chunk { bbox, words }, &[290.0, 350.0, 420.0]);
        let texts: Vec<String> = pieces.iter().map(Chunk::text).collect();
        assert_eq!(texts, ["Progress in per", "Deviation"]);
    }

    #[test]
    fn a_bullet_and_its_text_are_one_cell() {
        let l = line(100.0, &[(50.0, "•"), (68.0, "indications"), (140.0, "of")]);
        let chunked = chunks_of_line(&l, &StreamTolerances::default()).unwrap();
        assert_eq!(chunked.chunks.len(), 1, "{:?}", debug_chunks(&chunked));
        // Bullets used as marks in columns of their own stay apart.
        let l = line(100.0, &[(50.0, "Colour"), (100.0, "•"), (118.0, "•")]);
        let chunked = chunks_of_line(&l, &StreamTolerances::default()).unwrap();
        assert_eq!(chunked.chunks.len(), 3);
    }

    #[test]
    fn descriptions_beside_labels_are_a_table_only_when_drawn_as_one() {
        let descriptions = [
            "Census projection: average annual growth of 0.1%",
            "Census projection: average annual growth of 0.6%",
            "Annual percent changes range between 1 and 2%",
            "Remains between 17.7% and 26.8% over the period",
        ];
        let lines: Vec<TextLine> = ["Population", "Ages 18 to 24", "Income", "Unemployment"]
            .iter()
            .zip(descriptions)
            .enumerate()
            .map(|(i, (label, d))| {
                sized_line(100.0 + 14.0 * i as f64, 10.0, &[(50.0, label), (250.0, d)])
            })
            .collect();
        // Labels beside sentences, with no rules: a label-and-text block.
        assert!(find_tables(&lines, &[], &StreamTolerances::default()).is_empty());
        // The same with a rule above and one under its first line (a table
        // set with horizontal rules only).
        let rule = |y: f64| Ruling {
            bbox: BBox {
                x0: 45.0,
                top: y,
                x1: 560.0,
                bottom: y,
            },
            kind: crate::geometry::RulingKind::Stroke,
        };
        let rules = [rule(97.0), rule(112.0)];
        let tables = find_tables(&lines, &rules, &StreamTolerances::default());
        assert_eq!(tables.len(), 1);
        assert_eq!(rows(&tables[0])[1][0], "Ages 18 to 24");

        // The same layout whose lines carry on sentences is prose.
        let carried: Vec<TextLine> = lines
            .iter()
            .map(|l| {
                let mut l = l.clone();
                if let Some(w) = l.words.iter_mut().find(|w| w.bbox.unwrap().x0 >= 250.0) {
                    w.text = w.text.to_lowercase();
                }
                l
            })
            .collect();
        assert!(find_tables(&carried, &rules, &StreamTolerances::default()).is_empty());
    }

    #[test]
    fn prose_in_another_size_beside_a_table_stays_out_of_it() {
        // A 10-point table in the left column; 12-point prose on the right
        // shares each row's height, so every line holds both.
        let prose = [
            "the results were",
            "reached over the",
            "period and then",
            "they were clear",
        ];
        let lines: Vec<TextLine> = [
            ("Apples", "12", "3.4"),
            ("Pears", "7", "8.1"),
            ("Plums", "3", "1.6"),
            ("Figs", "9", "2.2"),
        ]
        .iter()
        .zip(prose)
        .enumerate()
        .map(|(i, (&(a, b, c), p))| {
            let top = 100.0 + 14.0 * i as f64;
            let mut l = sized_line(top, 10.0, &[(50.0, a), (130.0, b), (200.0, c)]);
            let right = sized_line(top - 1.0, 12.0, &[(300.0, p)]);
            l.words.extend(right.words);
            l.bbox = l
                .words
                .iter()
                .filter_map(|w| w.bbox)
                .reduce(|a, b| a.union(&b));
            l
        })
        .collect();
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        assert_eq!(tables.len(), 1);
        let r = rows(&tables[0]);
        assert_eq!(r[0], vec!["Apples", "12", "3.4"], "{r:?}");
        assert!(tables[0].bbox.x1 < 300.0);
    }

    #[test]
    fn tight_figure_columns_split_even_when_they_outnumber_word_spaces() {
        // Two pairs of figure columns 0.5 em apart in every row; the only
        // word spaces are in two labels.
        let lines: Vec<TextLine> = [
            ("New York", "39,385", "181.2"),
            ("Ohio", "19,820", "154.0"),
            ("Rhode Island", "2,187", "162.4"),
            ("Iowa", "5,469", "141.6"),
        ]
        .iter()
        .enumerate()
        .map(|(i, &(label, no, rate))| {
            let top = 100.0 + 14.0 * i as f64;
            let pair = |x: f64| [(x + 36.0 - 6.0 * no.len() as f64, no), (x + 41.0, rate)];
            let mut runs = vec![(50.0, label)];
            runs.extend(pair(140.0));
            runs.extend(pair(250.0));
            let mut l = sized_line(top, 10.0, &runs);
            // Spaces inside labels are tight too (0.2 em).
            if let [a, b, ..] = l.words.as_mut_slice() {
                if b.bbox.unwrap().x0 < 130.0 {
                    let shift = b.bbox.unwrap().x0 - a.bbox.unwrap().x1 - 2.0;
                    let bb = b.bbox.as_mut().unwrap();
                    bb.x0 -= shift;
                    bb.x1 -= shift;
                }
            }
            l
        })
        .collect();
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        assert_eq!(tables.len(), 1);
        let r = rows(&tables[0]);
        assert_eq!(
            r[0],
            vec!["New York", "39,385", "181.2", "39,385", "181.2"],
            "{r:?}"
        );
    }

    #[test]
    fn a_legend_of_words_and_an_axis_scale_are_no_tables() {
        let legend = vec![
            line(100.0, &[(50.0, "Greece"), (150.0, "Spain")]),
            line(114.0, &[(50.0, "Ireland"), (150.0, "Italy")]),
            line(128.0, &[(50.0, "Portugal"), (150.0, "UK")]),
        ];
        assert!(find_tables(&legend, &[], &StreamTolerances::default()).is_empty());
        let axes: Vec<TextLine> = (0..5)
            .map(|i| {
                let left = format!("{},000", 54 - i);
                let right = format!("0.{}", 50 - 2 * i);
                line(
                    100.0 + 20.0 * i as f64,
                    &[(50.0, left.as_str()), (250.0, right.as_str())],
                )
            })
            .collect();
        assert!(find_tables(&axes, &[], &StreamTolerances::default()).is_empty());
        // Figures that are not evenly stepped are data.
        let mut data = axes.clone();
        data[2].words[1].text = "0.47".into();
        assert_eq!(
            find_tables(&data, &[], &StreamTolerances::default()).len(),
            1
        );
    }

    /// Rows of `size`-point cells at `xs`, `pitch` apart from `top`.
    fn grid(top: f64, size: f64, pitch: f64, xs: &[f64], rows: &[&[&str]]) -> Vec<TextLine> {
        rows.iter()
            .enumerate()
            .map(|(i, cells)| {
                let runs: Vec<(f64, &str)> = xs
                    .iter()
                    .zip(cells.iter())
                    .filter(|(_, t)| !t.is_empty())
                    .map(|(&x, &t)| (x, t))
                    .collect();
                sized_line(top + pitch * i as f64, size, &runs)
            })
            .collect()
    }

    #[test]
    fn a_year_with_a_blank_cell_is_a_row_of_its_own() {
        // Single-spaced rows (1.33 em): a line's spacing alone would take
        // the year with fewer cells for the row above wrapped.
        let lines = grid(
            100.0,
            10.0,
            13.3,
            &[50.0, 110.0, 210.0, 310.0],
            &[
                &["År", "Husbanken", "Kommunen", "Annen"],
                &["2009", "450 000", "425 000", "75 000"],
                &["2010", "750 000", "50 000", "30 000"],
                &["2011", "900 000", "0", ""],
                &["2012", "300 000", "325 000", "25 000"],
            ],
        );
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        let got = tables.first().map(rows).unwrap_or_default();
        assert_eq!(got.len(), 5, "{got:?}");
        assert_eq!(
            got.get(3).and_then(|r| r.first()).map(String::as_str),
            Some("2011")
        );
    }

    #[test]
    fn a_figure_where_the_wrapped_label_left_its_column_empty_starts_a_row() {
        let lines = grid(
            100.0,
            10.0,
            13.3,
            &[50.0, 300.0, 360.0],
            &[
                &["Indikator", "Antall", "Kommentar"],
                &[
                    "Antall boligkjøp med startlån",
                    "141",
                    "Tallet er usikkert.",
                ],
                &["Antall startlån brukt til overgang", "?", "Flere saker er"],
                &["til eid bolig", "", "under behandling."],
                &["Antall tilskudd til tilpasning", "4", ""],
                &["Antall bostøttemottakere", "1 434", ""],
            ],
        );
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        let got = tables.first().map(rows).unwrap_or_default();
        let labels: Vec<&str> = got
            .iter()
            .filter_map(|r| r.first())
            .map(String::as_str)
            .collect();
        assert_eq!(
            labels,
            [
                "Indikator",
                "Antall boligkjøp med startlån",
                "Antall startlån brukt til overgang\ntil eid bolig",
                "Antall tilskudd til tilpasning",
                "Antall bostøttemottakere"
            ],
            "{got:?}"
        );
    }

    #[test]
    fn tables_in_two_sizes_under_a_larger_title_are_two() {
        let xs = [50.0, 200.0, 260.0, 320.0, 380.0];
        let mut lines = grid(
            100.0,
            8.5,
            22.0,
            &xs,
            &[
                &["Aktivitet", "Regnskap", "Budsjett", "Tilskudd", "Sum"],
                &["Aktivitet 1", "795 000", "800 000", "550 000", "800 000"],
                &["Aktivitet 2", "340 000", "375 000", "200 000", "385 000"],
                &["SUM", "1 135 000", "1 175 000", "750 000", "1 185 000"],
            ],
        );
        lines.push(sized_line(
            190.0,
            13.0,
            &[(50.0, "Samlet oversikt over perioden")],
        ));
        lines.extend(grid(
            210.0,
            10.0,
            13.3,
            &[50.0, 110.0, 210.0, 310.0],
            &[
                &["År", "Husbanken", "Kommunen", "Annen"],
                &["2009", "450 000", "425 000", "75 000"],
                &["2010", "750 000", "50 000", "30 000"],
                &["2011", "900 000", "0", "10 000"],
            ],
        ));
        let tables = find_tables(&lines, &[], &StreamTolerances::default());
        let firsts: Vec<Vec<String>> = tables
            .iter()
            .map(|t| {
                rows(t)
                    .into_iter()
                    .filter_map(|r| r.into_iter().next())
                    .collect()
            })
            .collect();
        assert_eq!(
            firsts,
            [
                vec!["Aktivitet", "Aktivitet 1", "Aktivitet 2", "SUM"],
                vec!["År", "2009", "2010", "2011"]
            ],
        );
    }
}
