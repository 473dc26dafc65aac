//! Reading order of pages set in two columns: a run of lines that all break
//! at the same gutter near the middle of the text is read left column first,
//! then right column; lines that span the gutter (titles, headings) stay
//! where they are and end the run.
//!
//! Label/value lines ("Programnavn:" … value) also have a wide gap, but at a
//! label's width from the margin, not near the middle, and their left parts
//! are short; both tests keep them as one line.

use crate::geometry::{BBox, TextLine, Word};

/// Settings of column detection.
#[derive(Debug, Clone)]
pub struct ColumnTolerances {
    /// Smallest gap between the columns, as a share of the font size.
    pub min_gutter_em: f64,
    /// The gutter's middle must lie in this share of the text width (from the middle).
    pub centre_band: f64,
    /// Fewest consecutive split lines that make a two-column block.
    pub min_block_lines: usize,
    /// Each side's part must be at least this share of the text width.
    pub min_side_share: f64,
}

impl Default for ColumnTolerances {
    fn default() -> Self {
        ColumnTolerances {
            min_gutter_em: 1.5,
            centre_band: 0.2,
            min_block_lines: 3,
            min_side_share: 0.3,
        }
    }
}

/// The box round some of a line's words.
fn part_box(words: &[Word]) -> Option<BBox> {
    words
        .iter()
        .filter_map(|w| w.bbox)
        .reduce(|a, b| a.union(&b))
}

/// Where a line splits at the gutter (the index of its first word right of
/// it), when it has a wide gap there.
fn gutter_at(line: &TextLine, lo: f64, hi: f64, tol: &ColumnTolerances) -> Option<usize> {
    let at = line.words.windows(2).position(|pair| match pair {
        [a, b] => match (a.bbox, b.bbox) {
            (Some(x), Some(y)) => {
                let gap = y.x0 - x.x1;
                gap >= tol.min_gutter_em * a.font_size.max(1.0) && x.x1 <= hi && y.x0 >= lo
            }
            _ => false,
        },
        _ => false,
    })?;
    Some(at + 1)
}

/// Orders `lines` (outside tables, top to bottom) for a reader of columns.
pub(crate) fn order_columns(lines: Vec<TextLine>, tol: &ColumnTolerances) -> Vec<TextLine> {
    let boxes: Vec<BBox> = lines.iter().filter_map(|l| l.bbox).collect();
    let (Some(x0), Some(x1)) = (
        boxes.iter().map(|b| b.x0).reduce(f64::min),
        boxes.iter().map(|b| b.x1).reduce(f64::max),
    ) else {
        return lines;
    };
    let width = x1 - x0;
    if width <= 0.0 {
        return lines;
    }
    let middle = x0 + width / 2.0;
    let (lo, hi) = (
        middle - tol.centre_band * width,
        middle + tol.centre_band * width,
    );
    // Where each line would split; lines are cut (their words moved, not
    // copied) only inside a block of split lines, and every other line
    // moves to the output as it is.
    let side = |b: Option<BBox>| b.map_or(0.0, |b| b.x1 - b.x0);
    let split: Vec<Option<usize>> = lines
        .iter()
        .map(|l| {
            gutter_at(l, lo, hi, tol).filter(|&at| {
                let (a, b) = l.words.split_at(at.min(l.words.len()));
                // Both parts are column-wide text, not a label and its value.
                side(part_box(a)) >= tol.min_side_share * width
                    && side(part_box(b)) >= tol.min_side_share * width * 0.5
            })
        })
        .collect();
    let mut out = Vec::with_capacity(lines.len() + 8);
    let mut rights = Vec::new();
    let mut lines = lines.into_iter();
    let mut i = 0;
    while i < split.len() {
        let rest = split.get(i..).unwrap_or(&[]);
        let run = rest.iter().take_while(|s| s.is_some()).count();
        if run >= tol.min_block_lines {
            for (line, &at) in lines.by_ref().take(run).zip(rest.iter().flatten()) {
                let mut left = line.words;
                let right = left.split_off(at.min(left.len()));
                out.push(TextLine::of_words(left, line.cell));
                rights.push(TextLine::of_words(right, line.cell));
            }
            out.append(&mut rights);
            i += run;
        } else {
            if let Some(line) = lines.next() {
                out.push(line);
            }
            i += 1;
        }
    }
    out
}
