//! Puts a page together: words into table cells, lines into reading order.
//!
//! Reading order is deliberately simple: lines outside tables go top to
//! bottom (one line per baseline, words left to right, however far apart);
//! each table is read as a block where its top edge falls, row by row and
//! cell by cell, each cell's own lines in order.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::columns::{order_columns, ColumnTolerances};
use crate::fragments;
use crate::geometry::{
    BBox, Cell, CellRef, Page, Ruling, Table, TableCandidate, TableMethod, TextLine,
};
use crate::lattice::Grid;
use crate::lattice_checks;
use crate::layout::{borrowed_line_box, borrowed_lines, group_lines, PlacedWord};
use crate::rotated;
use crate::stream::{self, StreamTolerances};
use crate::table_checks::is_figure;

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
    let rulings = std::mem::take(&mut page.rulings);
    let fills = std::mem::take(&mut page.fills);
    let page_box = BBox {
        x0: 0.0,
        top: 0.0,
        x1: page.width,
        bottom: page.height,
    };
    // Text set at a right angle (a landscape table on a portrait page) is
    // read in its own frame, where it runs left to right; grids go to the
    // frame whose words fill them.
    let turned = rotated::dominant_turn(&page.rotated, page.width, page.height);
    let (grids, turned_tables, turned_candidates) = match turned {
        Some(frame) => {
            let turned_words = frame.words(&page.rotated);
            let (upright_grids, turned_grids) = frame.claim_grids(grids, &words, &turned_words);
            let turned_rulings: Vec<Ruling> = rulings
                .iter()
                .map(|r| Ruling {
                    bbox: frame.to_frame(r.bbox),
                    ..*r
                })
                .collect();
            let turned_fills: Vec<BBox> = fills.iter().map(|b| frame.to_frame(*b)).collect();
            let drawn = Drawn {
                page: frame.to_frame(page_box),
                rulings: &turned_rulings,
                fills: &turned_fills,
            };
            let mut found = find_tables_in(turned_words, turned_grids, line_tolerance, &drawn);
            let stream_tables =
                fragments::make_whole(&mut found.tables, found.stream_tables, &found.outside_lines);
            let (stream_tables, headers) =
                fragments::join_ruled_headers(&found.tables, stream_tables);
            let tables: Vec<Table> = found
                .tables
                .into_iter()
                .enumerate()
                .filter(|(i, _)| !headers.contains(i))
                .map(|(_, t)| t)
                .chain(stream_tables)
                .map(|t| frame.table_back(t))
                .collect();
            let candidates: Vec<TableCandidate> = found
                .candidates
                .into_iter()
                .map(|c| TableCandidate {
                    bbox: frame.to_page(c.bbox),
                    ..c
                })
                .collect();
            (upright_grids, tables, candidates)
        }
        None => (grids, Vec::new(), Vec::new()),
    };
    let FrameTables {
        mut tables,
        table_lines,
        outside_lines,
        stream_tables,
        mut candidates,
    } = find_tables_in(
        words,
        grids,
        line_tolerance,
        &Drawn {
            page: page_box,
            rulings: &rulings,
            fills: &fills,
        },
    );
    candidates.extend(turned_candidates);
    let stream_tables = fragments::make_whole(&mut tables, stream_tables, &outside_lines);
    let (stream_tables, headers) = fragments::join_ruled_headers(&tables, stream_tables);
    let outside_lines = order_columns(outside_lines, &ColumnTolerances::default());

    // Ruled headers joined to a borderless table leave the ruled tables:
    // their lines lose their cell, later tables' lines are renumbered.
    let mut kept_tables = Vec::with_capacity(tables.len());
    let mut groups: Vec<(Vec<TextLine>, f64)> = Vec::with_capacity(table_lines.len());
    for (i, (t, mut tl)) in tables.into_iter().zip(table_lines).enumerate() {
        let top = t.bbox.top;
        if headers.contains(&i) {
            for l in &mut tl {
                l.cell = None;
            }
        } else {
            let index = kept_tables.len();
            for c in tl.iter_mut().filter_map(|l| l.cell.as_mut()) {
                c.table = index;
            }
            kept_tables.push(t);
        }
        groups.push((tl, top));
    }
    let mut tables = kept_tables;

    // Merge: a table comes in where its top edge is.
    let mut lines =
        Vec::with_capacity(outside_lines.len() + groups.iter().map(|g| g.0.len()).sum::<usize>());
    let mut pending = groups.into_iter().peekable();
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
    page.lines = lines;
    tables.extend(stream_tables);
    tables.extend(turned_tables);
    page.tables = tables;
    page.candidates = candidates;
    page.rulings = rulings;
    page.fills = fills;
}

/// The tables found among one frame's words and grids.
struct FrameTables {
    /// Lattice tables, in the order of `table_lines`.
    tables: Vec<Table>,
    /// The text lines of each lattice table, with their cell references.
    table_lines: Vec<Vec<TextLine>>,
    /// Lines outside lattice tables, top to bottom.
    outside_lines: Vec<TextLine>,
    /// Stream tables among the outside lines (their lines carry no cell reference).
    stream_tables: Vec<Table>,
    /// Every region considered, kept or rejected.
    candidates: Vec<TableCandidate>,
}

/// What is drawn on the page besides text, in the frame being read.
pub(crate) struct Drawn<'a> {
    /// The page's box.
    pub page: BBox,
    /// Ruling lines.
    pub rulings: &'a [Ruling],
    /// Filled areas.
    pub fills: &'a [BBox],
}

/// Lattice tables from `grids` filled with `words`, and stream tables from
/// the words outside them.
fn find_tables_in(
    words: Vec<PlacedWord>,
    grids: Vec<Grid>,
    line_tolerance: f64,
    drawn: &Drawn<'_>,
) -> FrameTables {
    let grids: Vec<Grid> = grids
        .into_iter()
        .map(|g| merge_empty_strips(g, &words))
        .collect();
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
    let mut candidates = Vec::new();
    let mut reject = |bbox: BBox, reason: &'static str| {
        candidates.push(TableCandidate {
            bbox,
            method: TableMethod::Lattice,
            rejected: Some(reason),
        })
    };
    let mut kept_grids = Vec::with_capacity(grids.len());
    let mut kept_words = Vec::with_capacity(grids.len());
    for (grid, cell_words) in grids.into_iter().zip(in_cells) {
        let verdict = lattice_verdict(&grid, &cell_words)
            .or_else(|| lattice_checks::grid_verdict(&grid, &cell_words, &drawn.page, drawn.fills))
            .or_else(|| {
                under_ruled(&cell_words, line_tolerance).then_some("frame round a borderless table")
            });
        match verdict {
            None => {
                kept_grids.push(grid);
                kept_words.push(cell_words);
            }
            Some(reason) => {
                reject(grid.bbox, reason);
                outside.extend(cell_words.into_iter().flatten());
            }
        }
    }
    let (grids, in_cells): (Vec<Grid>, Vec<Vec<Vec<PlacedWord>>>) = kept_grids
        .into_iter()
        .zip(kept_words)
        .map(|(g, w)| split_aligned_spans(g, w, line_tolerance))
        .map(|(g, w)| split_stacked_rows(g, w, line_tolerance))
        .flat_map(|(g, w)| split_repeated_header(g, w, line_tolerance))
        .filter_map(|(g, w)| {
            // A blank form's text is all in its header row, and it is a
            // table all the same.
            let verdict =
                if spreads_over_rows_and_columns(&g, &w) || lattice_checks::is_blank_form(&g, &w) {
                    lattice_checks::rows_verdict(&g, &w)
                } else {
                    Some("text in one row or column")
                };
            match verdict {
                None => Some((g, w)),
                Some(reason) => {
                    reject(g.bbox, reason);
                    outside.extend(w.into_iter().flatten());
                    None
                }
            }
        })
        .unzip();
    for g in &grids {
        candidates.push(TableCandidate {
            bbox: g.bbox,
            method: TableMethod::Lattice,
            rejected: None,
        });
    }
    let outside_lines = group_lines(outside, line_tolerance);
    let stream_tables = stream::find_tables_traced(
        &outside_lines,
        &StreamTolerances::default(),
        drawn,
        &mut candidates,
    );
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
    FrameTables {
        tables,
        table_lines,
        outside_lines,
        stream_tables,
        candidates,
    }
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

/// Why a grid with these words per cell is no table, if it is none.
fn lattice_verdict(grid: &Grid, cell_words: &[Vec<PlacedWord>]) -> Option<&'static str> {
    let filled = cell_words.iter().filter(|w| !w.is_empty()).count();
    if grid.cols() < LATTICE_MIN_COLS {
        Some("one column of boxes")
    } else if filled < LATTICE_MIN_FILLED_CELLS
        || ((filled as f64) < LATTICE_MIN_FILLED_SHARE * grid.cells.len() as f64
            && !lattice_checks::is_blank_form(grid, cell_words)
            && !is_schedule(grid, cell_words, filled))
    {
        Some("nearly empty grid")
    } else {
        None
    }
}

/// Fewest cells with text in a grid of slots for it to be a table
/// however empty it is (a chart's gridlines hold a few labels at most).
const SCHEDULE_MIN_FILLED: usize = 30;
/// Fewest rows and columns with text in such a grid.
const SCHEDULE_MIN_LINES: usize = 3;

/// Is the grid a schedule: many small slots, most of them empty, and
/// text in dozens of them over several rows and columns (a timetable of
/// five-minute rows)?
fn is_schedule(grid: &Grid, cell_words: &[Vec<PlacedWord>], filled: usize) -> bool {
    let mut rows = HashSet::new();
    let mut cols = HashSet::new();
    for (gc, words) in grid.cells.iter().zip(cell_words) {
        if !words.is_empty() {
            rows.insert(gc.row);
            cols.insert(gc.col);
        }
    }
    filled >= SCHEDULE_MIN_FILLED
        && rows.len() >= SCHEDULE_MIN_LINES
        && cols.len() >= SCHEDULE_MIN_LINES
}

/// Does the grid's text fill at least two rows and two columns? A single
/// row of boxes (figures side by side) or a single column (a frame with a
/// text box, the rest of the frame empty) is no table.
fn spreads_over_rows_and_columns(grid: &Grid, cell_words: &[Vec<PlacedWord>]) -> bool {
    let mut rows = HashSet::new();
    let mut cols = HashSet::new();
    for (gc, words) in grid.cells.iter().zip(cell_words) {
        if !words.is_empty() {
            rows.insert(gc.row);
            cols.insert(gc.col);
        }
    }
    rows.len() >= LATTICE_MIN_FILLED_ROWS && cols.len() >= LATTICE_MIN_COLS
}

/// Fewest rows with text in a lattice table.
const LATTICE_MIN_FILLED_ROWS: usize = 2;

/// A strip between two grid lines narrower than this (em of the grid's
/// text) that no word falls in is no row or column: a box drawn inside
/// each cell (an inset frame, a border drawn twice a little apart) adds
/// such strips.
const EMPTY_STRIP_EM: f64 = 0.8;

/// Merges the grid lines on both sides of every narrow strip without text
/// into one line, so that boxes drawn inside cells do not multiply the
/// rows and columns; cells that shrink to nothing are dropped.
fn merge_empty_strips(grid: Grid, words: &[PlacedWord]) -> Grid {
    let b = grid.bbox;
    let inside: Vec<(f64, f64, f64)> = words
        .iter()
        .filter_map(|w| {
            let wb = w.bbox();
            let (cx, cy) = ((wb.x0 + wb.x1) / 2.0, (wb.top + wb.bottom) / 2.0);
            (cx >= b.x0 && cx <= b.x1 && cy >= b.top && cy <= b.bottom).then_some((
                cx,
                cy,
                w.word.font_size,
            ))
        })
        .collect();
    let mut sizes: Vec<f64> = inside.iter().map(|w| w.2).collect();
    sizes.sort_by(f64::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0).max(1.0);
    let widest = EMPTY_STRIP_EM * size;
    let xs = merged_lines(&grid.xs, widest, |lo, hi| {
        inside.iter().any(|&(cx, _, _)| cx > lo && cx < hi)
    });
    let ys = merged_lines(&grid.ys, widest, |lo, hi| {
        inside.iter().any(|&(_, cy, _)| cy > lo && cy < hi)
    });
    if xs.1.len() == grid.xs.len() && ys.1.len() == grid.ys.len() {
        return grid;
    }
    grid.with_merged_lines(xs, ys)
}

/// For each line of `lines` (sorted), the index of the line it becomes
/// when narrow strips (narrower than `widest`) for which `holds_text` is
/// false are closed; the outermost lines stay where they are, inner groups
/// meet in their middle. Returns `(new index per old line, new lines)`.
fn merged_lines(
    lines: &[f64],
    widest: f64,
    holds_text: impl Fn(f64, f64) -> bool,
) -> (Vec<usize>, Vec<f64>) {
    let mut index = Vec::with_capacity(lines.len());
    let mut groups: Vec<Vec<f64>> = Vec::new();
    for (i, &x) in lines.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| lines.get(p)).copied();
        let joins = prev.is_some_and(|p| x - p < widest && !holds_text(p, x));
        match groups.last_mut() {
            Some(g) if joins => g.push(x),
            _ => groups.push(vec![x]),
        }
        index.push(groups.len().saturating_sub(1));
    }
    let last = groups.len().saturating_sub(1);
    let merged = groups
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            let (first, end) = (g.first().copied(), g.last().copied());
            match (first, end) {
                (Some(f), _) if gi == 0 => f,
                (_, Some(e)) if gi == last => e,
                _ => g.iter().sum::<f64>() / g.len().max(1) as f64,
            }
        })
        .collect();
    (index, merged)
}

/// Fewest cells with text in a header row for its repetition to start a
/// new table.
const REPEATED_HEADER_MIN_CELLS: usize = 2;

/// Fewest rows with text above an empty row for the rows below a new
/// header to be a table of their own.
const SPLIT_MIN_ROWS_ABOVE: usize = 2;

/// Two tables drawn in one grid, one below the other (two tables in one
/// frame): where an empty row is followed by a row repeating the table's
/// first row (its header), or by a header row of its own (text in two
/// cells or more, no figure) after rows holding figures, the grid is cut
/// into two tables there.
fn split_repeated_header(
    grid: Grid,
    cell_words: Vec<Vec<PlacedWord>>,
    line_tolerance: f64,
) -> Vec<(Grid, Vec<Vec<PlacedWord>>)> {
    // Per row: the texts of the cells starting in it, by column.
    let mut row_texts: Vec<Vec<(usize, String)>> = vec![Vec::new(); grid.rows()];
    let mut row_has_text = vec![false; grid.rows()];
    let mut row_has_figure = vec![false; grid.rows()];
    for (gc, words) in grid.cells.iter().zip(&cell_words) {
        if words.is_empty() {
            continue;
        }
        if words.iter().any(|w| is_figure(&w.word.text)) {
            if let Some(slot) = row_has_figure.get_mut(gc.row) {
                *slot = true;
            }
        }
        for r in gc.row..gc.row_end {
            if let Some(slot) = row_has_text.get_mut(r) {
                *slot = true;
            }
        }
        let text: String = borrowed_lines(words, line_tolerance)
            .iter()
            .flatten()
            .flat_map(|w| w.word.text.split_whitespace())
            .collect();
        if let Some(row) = row_texts.get_mut(gc.row) {
            row.push((gc.col, text));
        }
    }
    let Some(head) = row_texts.iter().position(|r| !r.is_empty()) else {
        return vec![(grid, cell_words)];
    };
    let header = row_texts.get(head).cloned().unwrap_or_default();
    // (A first row of one cell, a title over the grid, is no header to repeat.)
    let repeatable = header.len() >= REPEATED_HEADER_MIN_CELLS;
    // A header of its own: words in two cells or more, no figure, below
    // rows with figures (a table's body).
    let new_header = |r: usize| {
        let above = row_has_text.get(head..r).unwrap_or(&[]);
        row_texts
            .get(r)
            .is_some_and(|cells| cells.len() >= REPEATED_HEADER_MIN_CELLS)
            && row_has_figure.get(r) == Some(&false)
            && above.iter().filter(|&&t| t).count() >= SPLIT_MIN_ROWS_ABOVE
            && row_has_figure
                .get(head..r)
                .is_some_and(|f| f.contains(&true))
    };
    let cut = (head + 1..grid.rows()).find(|&r| {
        row_has_text.get(r) == Some(&false)
            && row_has_text.get(r + 1) == Some(&true)
            && ((repeatable && row_texts.get(r + 1) == Some(&header)) || new_header(r + 1))
    });
    let Some(cut) = cut else {
        return vec![(grid, cell_words)];
    };
    let (Some(upper), Some(lower)) = (grid.sub_rows(0, cut), grid.sub_rows(cut + 1, grid.rows()))
    else {
        return vec![(grid, cell_words)];
    };
    let (above, below): (Vec<PlacedWord>, Vec<PlacedWord>) =
        cell_words.into_iter().flatten().partition(|w| {
            let b = w.bbox();
            (b.top + b.bottom) / 2.0 < lower.bbox.top
        });
    let parts = [
        (redistribute(&upper, vec![above]), upper),
        (redistribute(&lower, vec![below]), lower),
    ];
    let mut out = Vec::with_capacity(2);
    for (w, g) in parts {
        out.extend(split_repeated_header(g, w, line_tolerance));
    }
    out
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
        let lines = borrowed_lines(words, line_tolerance);
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
                .filter_map(|l| borrowed_line_box(l))
                .map(|b| (b.top, b.bottom)),
        );
    }
    if rows_follow_rulings(&per_row) {
        return (grid, cell_words);
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
    let out = redistribute(&grid, cell_words);
    (grid, out)
}

/// Fewest rows of one text line each, besides the header, for a grid's rows
/// to follow its rulings.
const RULED_ROWS_MIN_SINGLE: usize = 3;

/// Does the grid rule its rows one by one (several filled rows beyond the
/// header hold one text line each)? Then the rulings are the rows, and
/// lines stacked inside one ruled band are one multi-line cell, not rows
/// the drawing left out.
fn rows_follow_rulings(per_row: &[RowLines]) -> bool {
    per_row
        .iter()
        .filter(|(filled, _, _)| *filled > 0)
        .skip(1)
        .filter(|(_, stacked, bands)| {
            let mut tops: Vec<(f64, f64)> = bands.clone();
            tops.sort_by(|a, b| a.0.total_cmp(&b.0));
            *stacked == 0
                && tops
                    .windows(2)
                    .all(|w| matches!(w, [a, b] if (b.0 + b.1) / 2.0 < a.1))
        })
        .count()
        >= RULED_ROWS_MIN_SINGLE
}

/// The words of a grid's cells put into the cells of `grid` (a refined
/// version of their grid) by their centres; none is lost.
fn redistribute(grid: &Grid, cell_words: Vec<Vec<PlacedWord>>) -> Vec<Vec<PlacedWord>> {
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
    out
}

/// Smallest share of the columns under a spanning cell that must receive
/// text for the cell to be cut along them.
const SPAN_SPLIT_MIN_FILLED_SHARE: f64 = 0.5;
/// A run of words may reach this far (points) over a column rule and still
/// count as inside its column.
const SPAN_SPLIT_SLACK: f64 = 0.5;

/// A table drawn with column rules only in some rows (the header, a total)
/// leaves the other rows as cells spanning every column, their values set in
/// the columns all the same: a spanning cell is cut along the grid's column
/// rules when its text falls apart at wide gaps into runs that each sit
/// inside one column, one line puts runs in two columns or more, and at
/// least half of the columns get text. A spanning header (one run per line,
/// or a run over a rule) stays whole.
fn split_aligned_spans(
    grid: Grid,
    cell_words: Vec<Vec<PlacedWord>>,
    line_tolerance: f64,
) -> (Grid, Vec<Vec<PlacedWord>>) {
    let tol = StreamTolerances::default();
    let mut split = Vec::new();
    for (i, (gc, words)) in grid.cells.iter().zip(&cell_words).enumerate() {
        let span = gc.col_end.saturating_sub(gc.col);
        if span < 2 || words.len() < 2 {
            continue;
        }
        let inner = grid.xs.get(gc.col + 1..gc.col_end).unwrap_or(&[]);
        let mut filled = vec![false; span];
        let (mut aligned, mut several) = (true, false);
        for line in group_lines(words.clone(), line_tolerance) {
            let Some(chunked) = stream::chunks_of_line(&line, &tol) else {
                continue;
            };
            let mut first_col: Option<usize> = None;
            for chunk in &chunked.chunks {
                let b = chunk.bbox;
                if inner
                    .iter()
                    .any(|&x| x > b.x0 + SPAN_SPLIT_SLACK && x < b.x1 - SPAN_SPLIT_SLACK)
                {
                    aligned = false;
                }
                let col = inner.partition_point(|&x| x <= (b.x0 + b.x1) / 2.0);
                if let Some(f) = filled.get_mut(col) {
                    *f = true;
                }
                several |= first_col.is_some_and(|c| c != col);
                first_col.get_or_insert(col);
            }
        }
        let filled = filled.iter().filter(|&&f| f).count();
        if aligned && several && filled as f64 >= SPAN_SPLIT_MIN_FILLED_SHARE * span as f64 {
            split.push(i);
        }
    }
    if split.is_empty() {
        return (grid, cell_words);
    }
    let grid = grid.with_split_cells(&split);
    let out = redistribute(&grid, cell_words);
    (grid, out)
}

/// Are a cell's lines values stacked one per line rather than wrapped text
/// or a header set on several lines? Most lines must hold a figure, and
/// every break must be deliberate: the next line's first word would have
/// fitted at the end of the line, or both lines are single values.
fn is_stacked(lines: &[Vec<&PlacedWord>], cell_right: f64) -> bool {
    let has = |l: &[&PlacedWord], p: fn(char) -> bool| l.iter().any(|w| w.word.text.chars().any(p));
    let with_figures = lines
        .iter()
        .filter(|l| has(l, |c| c.is_ascii_digit()))
        .count();
    lines.len() >= STACK_MIN_LINES
        && with_figures as f64 >= STACK_MIN_FIGURE_SHARE * lines.len() as f64
        && lines.windows(2).all(|pair| {
            let [line, next] = pair else { return true };
            // Values: figures, codes and marks such as "(X)" or "–", no words.
            let value = |l: &[&PlacedWord]| l.len() == 1 && !has(l, char::is_lowercase);
            if value(line) && value(next) {
                return true;
            }
            let (Some(end), Some(first)) = (
                borrowed_line_box(line).map(|b| b.x1),
                next.first().and_then(|w| w.word.bbox),
            ) else {
                return false;
            };
            let size = next.first().map_or(1.0, |w| w.word.font_size.max(1.0));
            end + STACK_FIT_GAP * size + first.width() <= cell_right
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench_format::table_rows;
    use crate::geometry::{BBox, Ruling, RulingKind, Word};
    use crate::lattice::{find_grids, LatticeTolerances};

    const TOL: LatticeTolerances = LatticeTolerances {
        snap: 3.0,
        join: 3.0,
        intersection: 3.0,
        min_length: 1.0,
    };

    fn rule(x0: f64, top: f64, x1: f64, bottom: f64) -> Ruling {
        Ruling {
            bbox: BBox {
                x0,
                top,
                x1,
                bottom,
            },
            kind: RulingKind::Stroke,
        }
    }

    /// A 10-point word, 6 points per character, top at `top`.
    fn word(x0: f64, top: f64, text: &str) -> PlacedWord {
        PlacedWord {
            word: Word {
                text: text.to_owned(),
                bbox: Some(BBox {
                    x0,
                    top,
                    x1: x0 + 6.0 * text.chars().count() as f64,
                    bottom: top + 10.0,
                }),
                font_size: 10.0,
                rotation: 0.0,
                font: None,
            },
            baseline: top + 8.0,
        }
    }

    fn empty_page(width: f64, height: f64) -> Page {
        Page {
            number: 1,
            width,
            height,
            lines: Vec::new(),
            rotated: Vec::new(),
            rulings: Vec::new(),
            fills: Vec::new(),
            tables: Vec::new(),
            candidates: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Column rules in the header row only; every row has its own rules.
    fn header_ruled_grid() -> Vec<Grid> {
        let mut r = Vec::new();
        for y in [100.0, 120.0, 140.0, 160.0] {
            r.push(rule(50.0, y, 350.0, y));
        }
        r.push(rule(50.0, 100.0, 50.0, 160.0));
        r.push(rule(350.0, 100.0, 350.0, 160.0));
        for x in [150.0, 250.0] {
            r.push(rule(x, 100.0, x, 120.0));
        }
        find_grids(&r, &TOL)
    }

    #[test]
    fn rows_without_column_rules_are_cut_along_the_header_columns() {
        let words = vec![
            word(60.0, 105.0, "Country"),
            word(160.0, 105.0, "Share"),
            word(260.0, 105.0, "Total"),
            word(60.0, 125.0, "Austria"),
            word(160.0, 125.0, "92.9"),
            word(260.0, 125.0, "5,821"),
            // A note over the whole row stays one spanning cell.
            word(60.0, 145.0, "Figures"),
            word(108.0, 145.0, "for"),
            word(130.0, 145.0, "2010"),
        ];
        let mut page = empty_page(600.0, 800.0);
        assemble_timed(&mut page, words, header_ruled_grid(), 0.35);
        assert_eq!(page.tables.len(), 1);
        let rows = table_rows(&page.tables[0]);
        assert_eq!(rows[1], vec!["Austria", "92.9", "5,821"], "{rows:?}");
        assert_eq!(rows[2], vec!["Figures for 2010", "", ""], "{rows:?}");
    }

    /// A grid of three columns with a horizontal rule at each of `ys`.
    fn row_ruled_grid(ys: &[f64]) -> Vec<Grid> {
        let (top, bottom) = (ys[0], ys[ys.len() - 1]);
        let mut r: Vec<Ruling> = ys.iter().map(|&y| rule(50.0, y, 350.0, y)).collect();
        for x in [50.0, 150.0, 250.0, 350.0] {
            r.push(rule(x, top, x, bottom));
        }
        find_grids(&r, &TOL)
    }

    /// Three figures stacked one per line in two cells of the row at `top`.
    fn stacked_row(top: f64) -> Vec<PlacedWord> {
        let mut w = vec![word(60.0, top + 5.0, "Oslo")];
        for (i, (a, b)) in [("12", "3"), ("14", "5"), ("16", "7")].iter().enumerate() {
            let y = top + 5.0 + 12.0 * i as f64;
            w.push(word(160.0, y, a));
            w.push(word(260.0, y, b));
        }
        w
    }

    #[test]
    fn lines_inside_one_ruled_band_of_a_row_ruled_table_are_one_cell() {
        // Header, three ruled rows of one line each, then a ruled band of
        // three stacked lines: one row with multi-line cells.
        let mut words = Vec::new();
        for (y, (a, b, c)) in [100.0, 120.0, 140.0, 160.0].iter().zip([
            ("Town", "Start", "End"),
            ("Moss", "1", "2"),
            ("Bodø", "3", "4"),
            ("Hamar", "5", "6"),
        ]) {
            words.extend([
                word(60.0, y + 5.0, a),
                word(160.0, y + 5.0, b),
                word(260.0, y + 5.0, c),
            ]);
        }
        words.extend(stacked_row(180.0));
        let mut page = empty_page(600.0, 800.0);
        assemble_timed(
            &mut page,
            words,
            row_ruled_grid(&[100.0, 120.0, 140.0, 160.0, 180.0, 225.0]),
            0.35,
        );
        assert_eq!(page.tables.len(), 1);
        let rows = table_rows(&page.tables[0]);
        assert_eq!(rows.len(), 5, "{rows:?}");
        assert_eq!(rows[4][1], "12\n14\n16", "{rows:?}");
    }

    #[test]
    fn stacked_lines_of_a_table_ruled_only_under_its_header_are_rows() {
        // Column rules, a rule under the header and none between the rows:
        // the stacked lines are the rows the drawing left out.
        let mut words = vec![
            word(60.0, 105.0, "Town"),
            word(160.0, 105.0, "Start"),
            word(260.0, 105.0, "End"),
        ];
        words.extend(stacked_row(120.0));
        let mut page = empty_page(600.0, 800.0);
        assemble_timed(
            &mut page,
            words,
            row_ruled_grid(&[100.0, 120.0, 165.0]),
            0.35,
        );
        assert_eq!(page.tables.len(), 1);
        let rows = table_rows(&page.tables[0]);
        assert_eq!(rows.len(), 4, "{rows:?}");
    }

    #[test]
    fn a_table_set_at_a_right_angle_is_read_in_its_own_frame() {
        let (width, height) = (600.0, 800.0);
        // Lay the table out upright, then turn it 90° counter-clockwise
        // onto the page (text running up), as a landscape table is printed.
        // Two tables, twenty words: enough turned text to read the page
        // in its frame.
        let upright = [
            (100.0, ["Topic", "Enquiries"]),
            (114.0, ["Institutions", "3.597"]),
            (128.0, ["Transport", "1.726"]),
            (142.0, ["Taxation", "556"]),
            (156.0, ["Total", "7.635"]),
            (300.0, ["Country", "Count"]),
            (314.0, ["Spain", "268"]),
            (328.0, ["Germany", "233"]),
            (342.0, ["France", "136"]),
            (356.0, ["Italy", "92"]),
        ];
        let frame = rotated::Frame::turned_up(width, height);
        let mut page = empty_page(width, height);
        for (top, cells) in upright {
            let words: Vec<Word> = [60.0, 250.0]
                .into_iter()
                .zip(cells)
                .map(|(x, t)| {
                    let mut w = word(x, top, t).word;
                    w.bbox = w.bbox.map(|b| frame.to_page(b));
                    w.rotation = 90.0;
                    w
                })
                .collect();
            page.rotated.push(TextLine {
                text: String::new(),
                bbox: None,
                words,
                cell: None,
            });
        }
        assemble_timed(&mut page, Vec::new(), Vec::new(), 0.35);
        assert_eq!(page.tables.len(), 2, "{:?}", page.tables);
        let rows = table_rows(&page.tables[0]);
        assert_eq!(rows[0], vec!["Topic", "Enquiries"]);
        assert_eq!(rows[4], vec!["Total", "7.635"]);
        // The box is on the page: tall and narrow, not wide.
        let b = page.tables[0].bbox;
        assert!(b.height() > b.width(), "{b:?}");
        assert!(b.x1 <= width && b.bottom <= height);
    }

    /// Rulings of a box.
    fn boxed(x0: f64, top: f64, x1: f64, bottom: f64) -> [Ruling; 4] {
        [
            rule(x0, top, x1, top),
            rule(x0, bottom, x1, bottom),
            rule(x0, top, x0, bottom),
            rule(x1, top, x1, bottom),
        ]
    }

    #[test]
    fn boxes_drawn_inside_cells_do_not_add_rows_or_columns() {
        // Two rows of two cells, each cell with a box inset 5 points
        // across and 3 down, the text inside the inner box.
        let mut r = Vec::new();
        let words = vec![
            word(62.0, 106.0, "Period"),
            word(162.0, 106.0, "Spain"),
            word(62.0, 126.0, "Q1"),
            word(162.0, 126.0, "0.31"),
        ];
        for (top, bottom) in [(100.0, 120.0), (120.0, 140.0)] {
            for (x0, x1) in [(50.0, 150.0), (150.0, 250.0)] {
                r.extend(boxed(x0, top, x1, bottom));
                r.extend(boxed(x0 + 5.0, top + 3.0, x1 - 5.0, bottom - 3.0));
            }
        }
        let mut page = empty_page(600.0, 800.0);
        assemble_timed(&mut page, words, find_grids(&r, &TOL), 0.35);
        assert_eq!(page.tables.len(), 1);
        let rows = table_rows(&page.tables[0]);
        assert_eq!(rows, vec![vec!["Period", "Spain"], vec!["Q1", "0.31"]]);
    }

    #[test]
    fn a_repeated_header_after_an_empty_row_starts_a_new_table() {
        let page = two_tables_in_one_frame(("Topic", "Count"));
        assert_eq!(page.tables.len(), 2, "{:?}", page.tables);
        assert_eq!(table_rows(&page.tables[0]).len(), 3);
        assert_eq!(
            table_rows(&page.tables[1]),
            vec![vec!["Topic", "Count"], vec!["Sea", "3"]]
        );
    }

    /// Two tables in one frame, an empty band between them: the first
    /// table's rows, then the second's own header over its figures.
    fn two_tables_in_one_frame(second_header: (&str, &str)) -> Page {
        let mut r = Vec::new();
        for i in 0..7 {
            let y = 100.0 + 20.0 * f64::from(i);
            r.push(rule(50.0, y, 250.0, y));
        }
        for x in [50.0, 150.0, 250.0] {
            r.push(rule(x, 100.0, x, 220.0));
        }
        let mut words = Vec::new();
        for (row, (a, b)) in [
            (0, ("Topic", "Count")),
            (1, ("Rail", "12")),
            (2, ("Road", "7")),
            (4, second_header),
            (5, ("Sea", "3")),
        ] {
            let top = 105.0 + 20.0 * f64::from(row);
            words.push(word(60.0, top, a));
            words.push(word(160.0, top, b));
        }
        let mut page = empty_page(600.0, 800.0);
        assemble_timed(&mut page, words, find_grids(&r, &TOL), 0.35);
        page
    }

    #[test]
    fn a_header_of_its_own_after_an_empty_row_starts_a_new_table() {
        let page = two_tables_in_one_frame(("Port", "Ships"));
        assert_eq!(page.tables.len(), 2, "{:?}", page.tables);
        assert_eq!(
            table_rows(&page.tables[1]),
            vec![vec!["Port", "Ships"], vec!["Sea", "3"]]
        );
        // A row of figures after the empty row carries on the table.
        let page = two_tables_in_one_frame(("Air", "5"));
        assert_eq!(page.tables.len(), 1, "{:?}", page.tables);
    }

    #[test]
    fn a_timetable_of_mostly_empty_slots_is_a_table() {
        // Five stages, sixty five-minute slots; an act every fourth slot.
        let mut r = Vec::new();
        for i in 0..=60 {
            let y = 100.0 + 10.0 * f64::from(i);
            r.push(rule(50.0, y, 550.0, y));
        }
        for i in 0..=5 {
            let x = 50.0 + 100.0 * f64::from(i);
            r.push(rule(x, 100.0, x, 700.0));
        }
        let mut words = Vec::new();
        for slot in (0..60).step_by(4) {
            for stage in 0..3 {
                let top = 100.5 + 10.0 * f64::from(slot);
                let name = format!("Act{slot}-{stage}");
                let mut w = word(52.0 + 100.0 * f64::from(stage), top, &name);
                if let Some(b) = w.word.bbox.as_mut() {
                    b.bottom = top + 8.0;
                }
                words.push(w);
            }
        }
        let mut page = empty_page(600.0, 800.0);
        assemble_timed(&mut page, words, find_grids(&r, &TOL), 0.35);
        assert_eq!(page.tables.len(), 1, "{:?}", page.candidates);
        // A chart's gridlines with a few labels inside stay no table.
        let few = vec![word(52.0, 101.0, "40"), word(52.0, 301.0, "20")];
        let mut page = empty_page(600.0, 800.0);
        assemble_timed(&mut page, few, find_grids(&r, &TOL), 0.35);
        assert!(page.tables.is_empty());
    }

    #[test]
    fn a_blank_form_with_text_in_its_header_row_only_is_a_table() {
        // Four labelled columns over five empty rows to be filled in.
        let mut r = Vec::new();
        for i in 0..=6 {
            let y = 100.0 + 20.0 * f64::from(i);
            r.push(rule(50.0, y, 550.0, y));
        }
        for i in 0..=4 {
            let x = 50.0 + 125.0 * f64::from(i);
            r.push(rule(x, 100.0, x, 220.0));
        }
        let header: Vec<PlacedWord> = ["Name", "Born", "Relation", "Signature"]
            .iter()
            .enumerate()
            .map(|(i, t)| word(55.0 + 125.0 * i as f64, 105.0, t))
            .collect();
        let mut page = empty_page(600.0, 800.0);
        assemble_timed(&mut page, header, find_grids(&r, &TOL), 0.35);
        assert_eq!(page.tables.len(), 1, "{:?}", page.candidates);
        // One row of boxes with a caption in each (figures side by side)
        // stays no table.
        let row = vec![
            rule(50.0, 100.0, 550.0, 100.0),
            rule(50.0, 120.0, 550.0, 120.0),
        ];
        let mut r1 = row;
        for i in 0..=4 {
            let x = 50.0 + 125.0 * f64::from(i);
            r1.push(rule(x, 100.0, x, 120.0));
        }
        let captions: Vec<PlacedWord> = ["Fig. 1", "Fig. 2", "Fig. 3", "Fig. 4"]
            .iter()
            .enumerate()
            .map(|(i, t)| word(55.0 + 125.0 * i as f64, 105.0, t))
            .collect();
        let mut page = empty_page(600.0, 800.0);
        assemble_timed(&mut page, captions, find_grids(&r1, &TOL), 0.35);
        assert!(page.tables.is_empty());
    }

    #[test]
    fn boxes_side_by_side_in_one_row_are_no_table() {
        // Two framed figures next to each other, their labels inside.
        let mut r = Vec::new();
        r.extend(boxed(50.0, 100.0, 250.0, 300.0));
        r.extend(boxed(250.0, 100.0, 450.0, 300.0));
        let words = vec![
            word(60.0, 110.0, "Portugal"),
            word(60.0, 150.0, "450"),
            word(260.0, 110.0, "Spain"),
            word(260.0, 150.0, "450"),
        ];
        let mut page = empty_page(600.0, 800.0);
        assemble_timed(&mut page, words, find_grids(&r, &TOL), 0.35);
        assert!(page.tables.is_empty(), "{:?}", page.tables);
        assert_eq!(page.words().count(), 4);
    }
}
