//! Puts a page together: words into table cells, lines into reading order.
//!
//! Reading order is deliberately simple: lines outside tables go top to
//! bottom (one line per baseline, words left to right, however far apart);
//! each table is read as a block where its top edge falls, row by row and
//! cell by cell, each cell's own lines in order.

use crate::geometry::{Cell, CellRef, Page, Table, TableMethod, TextLine};
use crate::lattice::Grid;
use crate::layout::{group_lines, PlacedWord};
use crate::stream::{self, StreamTolerances};

/// Builds the text side of a page from its words, rotated lines and grids.
pub(crate) fn assemble(
    page: &mut Page,
    words: Vec<PlacedWord>,
    grids: Vec<Grid>,
    line_tolerance: f64,
) {
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
        if holds_table(&grid, &cell_words) {
            kept_grids.push(grid);
            kept_words.push(cell_words);
        } else {
            outside.extend(cell_words.into_iter().flatten());
        }
    }
    let (grids, in_cells) = (kept_grids, kept_words);
    let outside_lines = group_lines(outside, line_tolerance);
    // Stream tables are listed but kept out of the reading order: their
    // lines carry no cell reference.
    let stream_tables = stream::find_tables(&outside_lines, &[], &StreamTolerances::default());
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

/// Does a grid with these words per cell look like a table?
fn holds_table(grid: &Grid, cell_words: &[Vec<PlacedWord>]) -> bool {
    let filled = cell_words.iter().filter(|w| !w.is_empty()).count();
    grid.cols() >= LATTICE_MIN_COLS
        && filled >= LATTICE_MIN_FILLED_CELLS
        && filled as f64 >= LATTICE_MIN_FILLED_SHARE * grid.cells.len() as f64
}
