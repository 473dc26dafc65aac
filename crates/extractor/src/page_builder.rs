//! Puts a page together: words into table cells, lines into reading order.
//!
//! Reading order is deliberately simple: lines outside tables go top to
//! bottom (one line per baseline, words left to right, however far apart);
//! each table is read as a block where its top edge falls, row by row and
//! cell by cell, each cell's own lines in order.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::columns::{order_columns, ColumnTolerances};
use crate::geometry::{Cell, CellRef, Page, Table, TableMethod, TextLine};
use crate::lattice::Grid;
use crate::layout::{group_lines, PlacedWord};
use crate::stream::{self, StreamTolerances};

/// Time spent in the table engine (grids from rulings, words into cells,
/// stream detection) by this process, in nanoseconds.
static TABLE_ENGINE_NANOS: AtomicU64 = AtomicU64::new(0);

/// Total time the table engine has taken in this process so far (all
/// threads summed): grid finding, cell filling and stream detection,
/// PDF parsing excluded.
pub fn table_engine_time() -> Duration {
    Duration::from_nanos(TABLE_ENGINE_NANOS.load(Ordering::Relaxed))
}

/// Adds the time since `start` to the table engine's total.
pub(crate) fn count_engine_time(start: Instant) {
    let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
    TABLE_ENGINE_NANOS.fetch_add(nanos, Ordering::Relaxed);
}

/// Builds the text side of a page from its words, rotated lines and grids.
pub(crate) fn assemble(
    page: &mut Page,
    words: Vec<PlacedWord>,
    grids: Vec<Grid>,
    line_tolerance: f64,
) {
    let start = Instant::now();
    assemble_timed(page, words, grids, line_tolerance);
    count_engine_time(start);
}

fn assemble_timed(page: &mut Page, words: Vec<PlacedWord>, grids: Vec<Grid>, line_tolerance: f64) {
    // Words per (grid, cell); the rest stay outside.
    let mut in_cells: Vec<Vec<Vec<PlacedWord>>> = grids
        .iter()
        .map(|g| vec![Vec::new(); g.cells.len()])
        .collect();
    let mut outside = Vec::new();
    for w in words {
        let b = w.bbox();
        let (cx, cy) = ((b.x0 + b.x1) / 2.0, (b.top + b.bottom) / 2.0);
        let slot = grids
            .iter()
            .enumerate()
            .find_map(|(gi, g)| g.cell_at(cx, cy).map(|ci| (gi, ci)));
        match slot.and_then(|(gi, ci)| in_cells.get_mut(gi).and_then(|cells| cells.get_mut(ci))) {
            Some(cell_words) => cell_words.push(w),
            None => outside.push(w),
        }
    }

    // Grids that hold no table (chart grid lines, a frame round a text box)
    // give their words back to the page.
    let mut kept_grids = Vec::with_capacity(grids.len());
    let mut kept_words = Vec::with_capacity(grids.len());
    for (grid, cell_words) in grids.into_iter().zip(in_cells) {
        if holds_table(&grid, &cell_words) && !under_ruled(&cell_words, line_tolerance) {
            kept_grids.push(grid);
            kept_words.push(cell_words);
        } else {
            outside.extend(cell_words.into_iter().flatten());
        }
    }
    let (grids, in_cells): (Vec<Grid>, Vec<Vec<Vec<PlacedWord>>>) = kept_grids
        .into_iter()
        .zip(kept_words)
        .map(|(g, w)| split_stacked_rows(g, w, line_tolerance))
        .unzip();
    let outside_lines = group_lines(outside, line_tolerance);
    // Stream tables are listed but kept out of the reading order: their
    // lines carry no cell reference.
    let stream_tables = stream::find_tables(&outside_lines, &[], &StreamTolerances::default());
    let outside_lines = order_columns(outside_lines, &ColumnTolerances::default());
    let mut tables = Vec::with_capacity(grids.len());
    let mut table_lines: Vec<Vec<TextLine>> = Vec::with_capacity(grids.len());
    for (ti, (grid, cell_words)) in grids.into_iter().zip(in_cells).enumerate() {
        let mut rows: Vec<Vec<Option<Cell>>> = vec![vec![None; grid.cols()]; grid.rows()];
        let mut lines_here = Vec::new();
        // Cells are in (row, col) order of their top-left corner.
        for (gc, words) in grid.cells.iter().zip(cell_words) {
            let mut lines = group_lines(words, line_tolerance);
            let text = lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            for l in &mut lines {
                l.cell = Some(CellRef {
                    table: ti,
                    row: gc.row,
                    col: gc.col,
                });
            }
            lines_here.extend(lines);
            if let Some(slot) = rows.get_mut(gc.row).and_then(|r| r.get_mut(gc.col)) {
                *slot = Some(Cell {
                    text,
                    bbox: gc.bbox,
                    row_span: gc.row_end.saturating_sub(gc.row).max(1),
                    col_span: gc.col_end.saturating_sub(gc.col).max(1),
                });
            }
        }
        tables.push(Table {
            bbox: grid.bbox,
            rows,
            method: TableMethod::Lattice,
        });
        table_lines.push(lines_here);
    }

    // Merge: a table comes in where its top edge is.
    let mut lines =
        Vec::with_capacity(outside_lines.len() + table_lines.iter().map(Vec::len).sum::<usize>());
    let mut pending = table_lines
        .into_iter()
        .zip(tables.iter().map(|t| t.bbox.top))
        .peekable();
    for line in outside_lines {
        let top = line.bbox.map_or(0.0, |b| b.top);
        while let Some((tl, _)) = pending.next_if(|(_, table_top)| *table_top <= top) {
            lines.extend(tl);
        }
        lines.push(line);
    }
    for (tl, _) in pending {
        lines.extend(tl);
    }
    page.words = lines.iter().flat_map(|l| l.words.iter().cloned()).collect();
    page.lines = lines;
    tables.extend(stream_tables);
    page.tables = tables;
}

/// Fewest columns of a lattice table; one column of boxes is a frame.
const LATTICE_MIN_COLS: usize = 2;
/// Fewest cells with text in a lattice table.
const LATTICE_MIN_FILLED_CELLS: usize = 2;
/// Smallest share of a lattice table's cells that hold text (chart grids
/// are nearly empty).
const LATTICE_MIN_FILLED_SHARE: f64 = 0.2;

/// Does a cell of the grid hold a table of its own (stream detection finds
/// one in its lines)? Then the grid is a frame round a table without column
/// rules, and its text is left to stream detection.
fn under_ruled(cell_words: &[Vec<PlacedWord>], line_tolerance: f64) -> bool {
    let tol = StreamTolerances::default();
    cell_words.iter().any(|words| {
        words.len() >= 2 * tol.min_rows
            && !stream::find_tables(&group_lines(words.clone(), line_tolerance), &[], &tol)
                .is_empty()
    })
}

/// Does a grid with these words per cell look like a table?
fn holds_table(grid: &Grid, cell_words: &[Vec<PlacedWord>]) -> bool {
    let filled = cell_words.iter().filter(|w| !w.is_empty()).count();
    grid.cols() >= LATTICE_MIN_COLS
        && filled >= LATTICE_MIN_FILLED_CELLS
        && filled as f64 >= LATTICE_MIN_FILLED_SHARE * grid.cells.len() as f64
}

/// Fewest lines of a cell holding values stacked one per line.
const STACK_MIN_LINES: usize = 2;
/// Fewest text lines (after merging those side by side) in a row for the
/// row to be cut; two lines may as well be one wrapped entry.
const STACK_MIN_BANDS: usize = 3;
/// Fewest cells of stacked values in a row for the row to be cut.
const STACK_MIN_CELLS: usize = 2;
/// Smallest share of a row's filled cells holding stacked values for the
/// row to be cut.
const STACK_MIN_SHARE: f64 = 0.5;
/// Smallest share of a stacked cell's lines holding a figure.
const STACK_MIN_FIGURE_SHARE: f64 = 0.5;
/// A grid row's filled cells, stacked cells and text line bands.
type RowLines = (usize, usize, Vec<(f64, f64)>);

/// Room (em) a word needs after the end of a line to have fitted there.
const STACK_FIT_GAP: f64 = 0.5;

/// A table drawn with column rules only puts many rows in one grid row: where
/// several cells of a row hold values stacked one per line (each line break
/// deliberate, not a wrap), the row is cut between the text lines.
fn split_stacked_rows(
    grid: Grid,
    cell_words: Vec<Vec<PlacedWord>>,
    line_tolerance: f64,
) -> (Grid, Vec<Vec<PlacedWord>>) {
    // Per row: filled cells, stacked cells, line bands (top, bottom).
    let mut per_row: Vec<RowLines> = vec![(0, 0, Vec::new()); grid.rows()];
    for (gc, words) in grid.cells.iter().zip(&cell_words) {
        if gc.row_end != gc.row + 1 || words.is_empty() {
            continue;
        }
        let lines = group_lines(words.clone(), line_tolerance);
        let Some(row) = per_row.get_mut(gc.row) else {
            continue;
        };
        row.0 += 1;
        if is_stacked(&lines, gc.bbox.x1) {
            row.1 += 1;
        }
        row.2.extend(
            lines
                .iter()
                .filter_map(|l| l.bbox)
                .map(|b| (b.top, b.bottom)),
        );
    }
    let mut cuts = Vec::new();
    for (r, (filled, stacked, mut bands)) in per_row.into_iter().enumerate() {
        if stacked < STACK_MIN_CELLS || (stacked as f64) < STACK_MIN_SHARE * filled as f64 {
            continue;
        }
        bands.sort_by(|a, b| a.0.total_cmp(&b.0));
        if bands.len() < STACK_MIN_BANDS {
            continue;
        }
        let mut merged: Vec<(f64, f64)> = Vec::new();
        for (top, bottom) in bands {
            match merged.last_mut() {
                Some(last) if (top + bottom) / 2.0 < last.1 => last.1 = last.1.max(bottom),
                _ => merged.push((top, bottom)),
            }
        }
        if merged.len() < STACK_MIN_BANDS {
            continue;
        }
        cuts.extend(merged.windows(2).filter_map(|w| match w {
            [a, b] => Some((r, (a.1 + b.0) / 2.0)),
            _ => None,
        }));
    }
    if cuts.is_empty() {
        return (grid, cell_words);
    }
    let grid = grid.with_row_cuts(&cuts);
    let mut out = vec![Vec::new(); grid.cells.len()];
    for w in cell_words.into_iter().flatten() {
        let b = w.bbox();
        let (cx, cy) = ((b.x0 + b.x1) / 2.0, (b.top + b.bottom) / 2.0);
        let slot = grid.cell_at(cx, cy).or_else(|| {
            grid.cell_at(
                cx.clamp(grid.bbox.x0, grid.bbox.x1),
                cy.clamp(grid.bbox.top, grid.bbox.bottom),
            )
        });
        if let Some(cell) = slot.and_then(|i| out.get_mut(i)) {
            cell.push(w);
        } else if let Some(first) = out.first_mut() {
            first.push(w);
        }
    }
    (grid, out)
}

/// Are a cell's lines values stacked one per line rather than wrapped text
/// or a header set on several lines? Most lines must hold a figure, and
/// every break must be deliberate: the next line's first word would have
/// fitted at the end of the line, or both lines are single values.
fn is_stacked(lines: &[TextLine], cell_right: f64) -> bool {
    let with_figures = lines
        .iter()
        .filter(|l| l.text.chars().any(|c| c.is_ascii_digit()))
        .count();
    lines.len() >= STACK_MIN_LINES
        && with_figures as f64 >= STACK_MIN_FIGURE_SHARE * lines.len() as f64
        && lines.windows(2).all(|pair| {
            let [line, next] = pair else { return true };
            // Values: figures, codes and marks such as "(X)" or "–", no words.
            let value =
                |l: &TextLine| l.words.len() == 1 && !l.text.chars().any(char::is_lowercase);
            if value(line) && value(next) {
                return true;
            }
            let (Some(end), Some(first)) = (
                line.bbox.map(|b| b.x1),
                next.words.first().and_then(|w| w.bbox),
            ) else {
                return false;
            };
            let size = next.words.first().map_or(1.0, |w| w.font_size.max(1.0));
            end + STACK_FIT_GAP * size + first.width() <= cell_right
        })
}
