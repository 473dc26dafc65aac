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
//! in two columns (see [`StreamTolerances::max_cell_chars`]).

use crate::geometry::{BBox, Cell, Ruling, Table, TableMethod, TextLine, Word};

/// Settings of stream-table detection; distances are shares of the font size
/// unless said otherwise.
#[derive(Debug, Clone, Copy)]
pub struct StreamTolerances {
    /// A gap between two words wider than this (em) separates two cells.
    pub chunk_gap: f64,
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
    /// A table whose median cell is longer than this (characters) is prose.
    pub max_cell_chars: usize,
    /// A cell of this many words or more reads like prose.
    pub prose_words: usize,
    /// A region with more than this share of prose-like cells is prose.
    pub max_prose_share: f64,
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
            min_rows: 3,
            max_interruption: 2,
            row_gap: 2.5,
            gap_allowance: 0.1,
            min_cols: 2,
            min_filled_share: 0.5,
            max_cell_chars: 40,
            prose_words: 5,
            max_prose_share: 0.4,
            wrap_spacing: 1.35,
            body_share: 0.5,
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
    fn text(&self) -> String {
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
        match chunks.last_mut() {
            Some(c) if b.x0 - c.bbox.x1 <= tol.chunk_gap * wsize => {
                c.bbox = c.bbox.union(&b);
                c.words.push(w.clone());
            }
            _ => chunks.push(Chunk {
                bbox: b,
                words: vec![w.clone()],
            }),
        }
    }
    Some(ChunkLine { bbox, size, chunks })
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
    let mut multi = 0usize;
    let close = |regions: &mut Vec<(usize, usize)>, s: usize, last: usize, multi: usize| {
        if multi >= tol.min_rows {
            regions.push((s, last + 1));
        }
    };
    for (i, l) in lines.iter().enumerate() {
        let is_multi = l.chunks.len() >= 2;
        if let Some(s) = start {
            let prev = lines.get(i.wrapping_sub(1)).map_or(l.bbox, |p| p.bbox);
            let gap = l.bbox.top - prev.bottom;
            let too_far = gap > tol.row_gap * l.size.max(1.0);
            let too_long = i - last_multi > tol.max_interruption + 1;
            if too_far || too_long {
                close(&mut regions, s, last_multi, multi);
                start = None;
                multi = 0;
            }
        }
        if is_multi {
            if start.is_none() {
                start = Some(i);
            }
            multi += 1;
            last_multi = i;
        }
    }
    if let Some(s) = start {
        close(&mut regions, s, last_multi, multi);
    }
    regions
}

/// Column boundaries (`cols + 1` x values) of a region: the gaps that
/// (almost) no chunk of a multi-chunk line covers.
pub(crate) fn column_bounds(lines: &[ChunkLine], tol: &StreamTolerances) -> Vec<f64> {
    // Lines with few cells (spanning headers, group labels) do not decide
    // the columns; the body lines do.
    let most = lines.iter().map(|l| l.chunks.len()).max().unwrap_or(0);
    let dense = ((most as f64 * tol.body_share).ceil() as usize).max(2);
    let multi: Vec<&ChunkLine> = lines.iter().filter(|l| l.chunks.len() >= dense).collect();
    let allowance = (multi.len() as f64 * tol.gap_allowance).floor() as i64;
    // Coverage events: +1 at a chunk's x0, -1 at its x1.
    let mut events: Vec<(f64, i64)> = Vec::new();
    for l in &multi {
        for c in &l.chunks {
            events.push((c.bbox.x0, 1));
            events.push((c.bbox.x1, -1));
        }
    }
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let (Some(first), Some(last)) = (
        lines
            .iter()
            .map(|l| l.bbox.x0)
            .reduce(f64::min)
            .map(|v| v - 1.0),
        lines
            .iter()
            .map(|l| l.bbox.x1)
            .reduce(f64::max)
            .map(|v| v + 1.0),
    ) else {
        return Vec::new();
    };
    let mut bounds = vec![first];
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
                    bounds.push((g + x) / 2.0);
                }
            }
            started = true;
        }
    }
    bounds.push(last);
    bounds
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
    fn filled(&self) -> impl Iterator<Item = usize> + '_ {
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_some())
            .map(|(i, _)| i)
    }
}

/// Puts a region's chunks into a grid; `None` when it is not a table.
pub(crate) fn build_table(lines: &[ChunkLine], tol: &StreamTolerances) -> Option<Table> {
    let bounds = column_bounds(lines, tol);
    let cols = bounds.len().saturating_sub(1);
    if cols < tol.min_cols {
        return None;
    }
    let mut rows: Vec<RowDraft> = Vec::new();
    for l in lines {
        let mut row = RowDraft {
            top: l.bbox.top,
            bottom: l.bbox.bottom,
            size: l.size,
            cells: vec![None; cols],
        };
        for chunk in &l.chunks {
            for piece in cut_at_bounds(chunk, &bounds) {
                let c0 = column_of(&bounds, piece.bbox.x0 + 0.5);
                let c1 = column_of(&bounds, piece.bbox.x1 - 0.5);
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
        // A continuation line of wrapped cells joins the row above.
        let joins = rows.last().is_some_and(|prev| {
            let spacing = l.bbox.bottom - prev.bottom;
            let filled: Vec<usize> = row.filled().collect();
            let prev_filled: Vec<usize> = prev.filled().collect();
            spacing <= tol.wrap_spacing * l.size.max(prev.size)
                && filled.len() < prev_filled.len()
                && filled.iter().all(|c| prev_filled.contains(c))
        });
        match rows.last_mut() {
            Some(prev) if joins => {
                for (slot, add) in prev.cells.iter_mut().zip(row.cells) {
                    if let (Some((words, bbox, _)), Some((more, b, _))) = (slot.as_mut(), add) {
                        words.extend(more);
                        *bbox = bbox.union(&b);
                    }
                }
                prev.bottom = prev.bottom.max(row.bottom);
            }
            _ => rows.push(row),
        }
    }
    if rows.len() < 2 {
        return None;
    }
    let filled_rows = rows.iter().filter(|r| r.filled().count() >= 2).count();
    if (filled_rows as f64) < tol.min_filled_share * rows.len() as f64 {
        return None;
    }
    // Prose in two columns is not a table: its cells are long.
    let mut lens: Vec<usize> = rows
        .iter()
        .flat_map(|r| r.cells.iter().flatten())
        .map(|(w, _, _)| join_words(w).chars().count())
        .collect();
    lens.sort_unstable();
    let prose = rows
        .iter()
        .flat_map(|r| r.cells.iter().flatten())
        .filter(|(w, _, _)| w.len() >= tol.prose_words)
        .count();
    if prose as f64 > tol.max_prose_share * lens.len() as f64 {
        return None;
    }
    if lens
        .get(lens.len() / 2)
        .is_some_and(|&m| m > tol.max_cell_chars)
    {
        return None;
    }
    // Columns nobody uses are dropped.
    let used: Vec<usize> = (0..cols)
        .filter(|&c| {
            rows.iter()
                .any(|r| r.cells.get(c).is_some_and(Option::is_some))
        })
        .collect();
    if used.len() < tol.min_cols {
        return None;
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
    Some(Table {
        bbox: bbox?,
        rows: grid,
        method: TableMethod::Stream,
    })
}

/// Cuts a chunk at word gaps that hold a column boundary.
fn cut_at_bounds(chunk: &Chunk, bounds: &[f64]) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    for w in &chunk.words {
        let b = word_box(w);
        let cut = out
            .last()
            .is_some_and(|c| bounds.iter().any(|&x| x > c.bbox.x1 && x < b.x0));
        match out.last_mut() {
            Some(c) if !cut => {
                c.bbox = c.bbox.union(&b);
                c.words.push(w.clone());
            }
            _ => out.push(Chunk {
                bbox: b,
                words: vec![w.clone()],
            }),
        }
    }
    out
}

/// Stream tables among `lines` (the page's lines outside lattice tables, top
/// to bottom); `rulings` are hints only for now.
pub(crate) fn find_tables(
    lines: &[TextLine],
    _rulings: &[Ruling],
    tol: &StreamTolerances,
) -> Vec<Table> {
    let chunked: Vec<ChunkLine> = lines
        .iter()
        .filter_map(|l| chunks_of_line(l, tol))
        .collect();
    find_regions(&chunked, tol)
        .into_iter()
        .filter_map(|(s, e)| chunked.get(s..e))
        .filter_map(|region| build_table(region, tol))
        .collect()
}

#[allow(dead_code)]
fn debug_chunks(line: &ChunkLine) -> Vec<String> {
    line.chunks.iter().map(Chunk::text).collect()
}
