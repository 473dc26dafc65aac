//! Rows whose cells are centred in the row's height. A table imported
//! without rules (HTML into a word processor) centres each cell vertically,
//! so a cell of one line stands half a line below the first line of a cell
//! of two beside it: the row is printed as lines that each reach into the
//! next, most of them of one cell. Region finding must not take such lines
//! for single-cell interruptions (a header of a two-line title beside
//! one-line titles), nor leave a row's first or last lines out of the
//! table because they hold only one of its cells.

use std::borrow::Borrow;

use crate::stream::{ChunkLine, StreamTolerances};

/// The lines (`first..=last`) of the printed row a line is set in, how
/// many cells those lines hold together and the first and the last of them
/// holding two or more.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Band {
    pub first: usize,
    pub last: usize,
    cells: usize,
    first_multi: Option<usize>,
    last_multi: Option<usize>,
}

impl Band {
    /// Lines that hold a row's cells between them: more than one line,
    /// more than one cell.
    pub(crate) fn is_row(&self) -> bool {
        self.last > self.first && self.cells >= 2
    }

    /// How many cells the row's lines hold together.
    pub(crate) fn cells(&self) -> usize {
        self.cells
    }

    /// Is line `i` of this row's lines set before its last line of two or
    /// more cells (or in a row without one)? The row goes on below it.
    pub(crate) fn leads(&self, i: usize) -> bool {
        self.is_row() && self.last_multi.is_none_or(|m| m > i)
    }

    /// Is line `i` of this row's lines set after a line of two or more
    /// cells of the row? The row began above it.
    pub(crate) fn trails(&self, i: usize) -> bool {
        self.is_row() && self.first_multi.is_some_and(|m| m < i)
    }
}

/// Does `line` reach into `above` as far as rows overlap
/// ([`StreamTolerances::row_overlap`] of its height) while standing lower
/// by as much (not a piece of the same line), in the same type size, with
/// its cells beside those of `above` (other cells of one row)? Text in
/// another size beside a table (a column of prose) is no cell of its rows.
fn reaches_into(above: &ChunkLine, line: &ChunkLine, tol: &StreamTolerances) -> bool {
    let share = tol.row_overlap * line.bbox.height();
    let (small, large) = (above.size.min(line.size), above.size.max(line.size));
    above.bbox.bottom - line.bbox.top >= share
        && line.bbox.top - above.bbox.top >= share
        && large <= tol.size_change * small
        && beside(line, above)
}

/// Are the chunks of `line` all beside those of `other` (no x overlap)?
fn beside(line: &ChunkLine, other: &ChunkLine) -> bool {
    line.chunks.iter().all(|c| {
        other
            .chunks
            .iter()
            .all(|a| c.bbox.x1 <= a.bbox.x0 || a.bbox.x1 <= c.bbox.x0)
    })
}

/// Is `line` a cell centred beside a cell wrapped onto `above` and `below`:
/// set as far below `above` as above `below` (within
/// [`CENTRED_SLACK`] em), its box touching both, its chunks beside theirs,
/// and each chunk of `below` under one of `above` (the wrapped cell goes
/// on)? In widely spaced lines the boxes barely touch, short of
/// [`StreamTolerances::row_overlap`], yet the centring tells the row.
fn centred_between(above: &ChunkLine, line: &ChunkLine, below: &ChunkLine) -> bool {
    let em = line.size.max(1.0);
    let (up, down) = (
        line.bbox.top - above.bbox.top,
        below.bbox.top - line.bbox.top,
    );
    let same_size = |o: &ChunkLine| (o.size - line.size).abs() <= CENTRED_SLACK * em;
    let under = below.chunks.iter().all(|c| {
        above
            .chunks
            .iter()
            .any(|a| c.bbox.x0 < a.bbox.x1 && a.bbox.x0 < c.bbox.x1)
    });
    up > 0.0
        && (up - down).abs() <= CENTRED_SLACK * em
        && line.bbox.top < above.bbox.bottom
        && below.bbox.top < line.bbox.bottom
        && same_size(above)
        && same_size(below)
        && beside(line, above)
        && beside(line, below)
        && under
}

/// How far (em) a centred line's distances to the lines around it may
/// differ.
const CENTRED_SLACK: f64 = 0.1;

/// Each line's band: the run of lines around it of which each reaches
/// into the one above (or is centred between the lines round it, which
/// then join it).
pub(crate) fn bands<L: Borrow<ChunkLine>>(lines: &[L], tol: &StreamTolerances) -> Vec<Band> {
    let mut out: Vec<Band> = Vec::with_capacity(lines.len());
    let mut band = Band {
        first: 0,
        last: 0,
        cells: 0,
        first_multi: None,
        last_multi: None,
    };
    // The line after a centred one: it joins whatever its overlap.
    let mut pulled = false;
    for (i, l) in lines.iter().map(Borrow::borrow).enumerate() {
        let above = i
            .checked_sub(1)
            .and_then(|p| lines.get(p))
            .map(Borrow::borrow);
        let below = lines.get(i + 1).map(Borrow::borrow);
        let apart = |upper: Option<&L>, lower: Option<&L>| match (upper, lower) {
            (Some(u), Some(d)) => u.borrow().bbox.bottom <= d.borrow().bbox.top,
            _ => true,
        };
        // Only three lines alone in their row: in a row of many lines
        // each reaching into the next, every line is centred between its
        // neighbours and the rule would join rows that overlap nothing.
        let alone = apart(
            i.checked_sub(2).and_then(|p| lines.get(p)),
            i.checked_sub(1).and_then(|p| lines.get(p)),
        ) && apart(lines.get(i + 1), lines.get(i + 2));
        let centred = match (above, below) {
            (Some(a), Some(b)) => alone && centred_between(a, l, b),
            _ => false,
        };
        let joins = pulled || centred || above.is_some_and(|a| reaches_into(a, l, tol));
        pulled = centred;
        if !joins && i > band.first {
            out.extend((band.first..i).map(|_| band));
            band = Band {
                first: i,
                last: i,
                cells: 0,
                first_multi: None,
                last_multi: None,
            };
        }
        band.last = i;
        band.cells += l.chunks.len();
        if l.chunks.len() >= 2 {
            band.first_multi = band.first_multi.or(Some(i));
            band.last_multi = Some(i);
        }
    }
    if lines.len() > band.first {
        out.extend((band.first..lines.len()).map(|_| band));
    }
    out
}
