//! Rows of a borderless table that hold only their label. A region of
//! stream detection ends at its last line of two or more cells, so a table
//! whose last rows have nothing beside their label (a matrix's row nobody
//! ticked, the form's printed "Andre") would lose them. The table's own
//! rows tell when a label may stand alone: when a line of one cell in the
//! first column already stands between its rows, the lines of one cell in
//! that column that follow its last row as closely as its rows follow each
//! other are rows too.

use crate::stream::{column_bounds, ChunkLine, StreamTolerances};

/// Slack (em) for a label's start to be the first column's and its
/// spacing to be the rows'.
const ALIGN_EM: f64 = 0.3;

/// Whether `line` is one cell in the first column: starting where the
/// column's labels start and ending before the second column.
fn label_only(line: &ChunkLine, x0: f64, second: f64, em: f64) -> bool {
    match line.chunks.as_slice() {
        [chunk] => (chunk.bbox.x0 - x0).abs() <= ALIGN_EM * em && chunk.bbox.x1 < second,
        _ => false,
    }
}

/// How many of the lines `after` a region's rows are rows holding only
/// their label (see the module's text); at most
/// [`StreamTolerances::max_interruption`].
pub(crate) fn trailing(rows: &[ChunkLine], after: &[ChunkLine], tol: &StreamTolerances) -> usize {
    let Some(last) = rows.iter().rev().find(|l| l.chunks.len() >= 2) else {
        return 0;
    };
    let Some(x0) = last.chunks.first().map(|c| c.bbox.x0) else {
        return 0;
    };
    let em = last.size.max(1.0);
    let bounds = column_bounds(rows, tol);
    let Some(&second) = bounds.get(1) else {
        return 0;
    };
    if !rows.iter().any(|l| label_only(l, x0, second, em)) {
        return 0;
    }
    let widest = rows
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(b.bbox.bottom - a.bbox.bottom),
            _ => None,
        })
        .fold(0.0f64, f64::max);
    let mut above = last.bbox.bottom;
    if let Some(l) = rows.last() {
        above = above.max(l.bbox.bottom);
    }
    let mut n = 0;
    for l in after.iter().take(tol.max_interruption) {
        let spacing = l.bbox.bottom - above;
        if spacing <= 0.0 || spacing > widest + ALIGN_EM * em || !label_only(l, x0, second, em) {
            break;
        }
        above = l.bbox.bottom;
        n += 1;
    }
    n
}
