//! Boxes of a form to write in, each with a small caption at its top
//! ("Your first name and initial", "Last name", "Apt. no."): the rules
//! form a grid and every box holds text, but the text is the field's name
//! and the box below it is blank, left for the answer. No table: a
//! table's text fills its cells (set at the top, in the middle or at the
//! bottom, one line over the next), and a blank form's header over
//! empty rows is told apart before ([`crate::lattice_checks::is_blank_form`]).

use crate::lattice::Grid;
use crate::layout::PlacedWord;

/// A caption's box is blank below it for at least this many times the
/// caption's height.
const BLANK_BELOW: f64 = 2.0;
/// Smallest share of the grid's lines that are captions.
const CAPTION_SHARE: f64 = 0.75;
/// A caption at most this many times its height below the top of its box
/// (or the line above it) sits at the top ...
const MAX_ABOVE: f64 = 1.0;
/// ... and at least this share of the captions do: text set in the middle
/// of tall boxes is blank below and above alike. (A box may hold a second
/// caption lower down, for a field without a rule of its own.)
const AT_TOP_SHARE: f64 = 0.5;
/// Fewest lines in the grid for a verdict.
const MIN_LINES: usize = 4;

/// Are most lines of the grid's cells captions over a blank, their box
/// blank below them for twice their height or more, and most of those at
/// the top of their box?
pub(crate) fn captions_over_blanks(grid: &Grid, cell_words: &[Vec<PlacedWord>]) -> bool {
    let (mut lines, mut captions, mut at_top) = (0usize, 0usize, 0usize);
    for (gc, words) in grid.cells.iter().zip(cell_words) {
        let rows = line_spans(words);
        for (i, &(top, bottom)) in rows.iter().enumerate() {
            let height = (bottom - top).max(1.0);
            let above_edge = i
                .checked_sub(1)
                .and_then(|p| rows.get(p))
                .map_or(gc.bbox.top, |l| l.1);
            let below_edge = rows.get(i + 1).map_or(gc.bbox.bottom, |l| l.0);
            lines += 1;
            if below_edge - bottom >= BLANK_BELOW * height {
                captions += 1;
                at_top += usize::from(top - above_edge <= MAX_ABOVE * height);
            }
        }
    }
    lines >= MIN_LINES
        && captions as f64 >= CAPTION_SHARE * lines as f64
        && at_top as f64 >= AT_TOP_SHARE * captions as f64
}

/// The vertical extents (top, bottom) of the lines the words stand on,
/// top to bottom: words whose baselines lie within half their size of a
/// line's first word are on it.
fn line_spans(words: &[PlacedWord]) -> Vec<(f64, f64)> {
    let mut sorted: Vec<&PlacedWord> = words.iter().collect();
    sorted.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut out: Vec<(f64, f64, f64, f64)> = Vec::new();
    for w in sorted {
        let b = w.bbox();
        match out.last_mut() {
            Some(l) if (w.baseline - l.2).abs() <= 0.5 * l.3.max(w.word.font_size) => {
                l.0 = l.0.min(b.top);
                l.1 = l.1.max(b.bottom);
            }
            _ => out.push((b.top, b.bottom, w.baseline, w.word.font_size)),
        }
    }
    out.into_iter().map(|(t, b, _, _)| (t, b)).collect()
}
