//! Two borderless tables set one under the other with a title line between
//! them (a caption across the page, not a repeated header row) are two
//! tables: the title runs over the column gaps that every row of both
//! tables keeps clear, which no row of one table does.

use crate::stream::{column_bounds, ChunkLine, StreamTolerances};

/// A title must run over this many inner column boundaries: a long label
/// reaching into the next column is a cell, a line across three or more
/// columns is not.
const MIN_CROSSED: usize = 2;

/// `start..end` of `lines` cut at every line that runs across the region's
/// columns with enough table rows above and below it; the title lines go
/// to neither part. Without such a line the range comes back whole.
pub(crate) fn split_at_titles(
    lines: &[ChunkLine],
    start: usize,
    end: usize,
    tol: &StreamTolerances,
) -> Vec<(usize, usize)> {
    let Some(region) = lines.get(start..end) else {
        return vec![(start, end)];
    };
    let bounds = column_bounds(region, tol);
    let inner = bounds.get(1..bounds.len().saturating_sub(1)).unwrap_or(&[]);
    if inner.len() < MIN_CROSSED {
        return vec![(start, end)];
    }
    let rows = |r: &[ChunkLine]| {
        r.iter()
            .filter(|l| l.chunks.len() >= 2)
            .map(|l| l.printed)
            .sum::<usize>()
    };
    let mut pieces = Vec::new();
    let mut from = start;
    for (i, line) in region.iter().enumerate().map(|(i, l)| (start + i, l)) {
        // A title is a line or two of text, not a row of the table with
        // a wide cell in it.
        let few_cells = 2 * line.chunks.len() < inner.len() + 1;
        if i == from || i + 1 >= end || !few_cells || crossed(line, inner) < MIN_CROSSED {
            continue;
        }
        let above = lines.get(from..i).map_or(0, rows);
        let below = lines.get(i + 1..end).map_or(0, rows);
        if above >= tol.min_rows && below >= tol.min_rows {
            pieces.push((from, i));
            from = i + 1;
        }
    }
    pieces.push((from, end));
    pieces
}

/// The most `inner` column boundaries (ascending) inside one of the line's
/// chunks that starts in the first column: one run of text from the
/// table's left edge over the gaps between columns. (A row of group
/// headers, each over its own pair of columns, crosses one apiece; a unit
/// label centred over the columns of figures is the table's own.)
fn crossed(line: &ChunkLine, inner: &[f64]) -> usize {
    let first = inner.first().copied().unwrap_or(f64::INFINITY);
    line.chunks
        .iter()
        .filter(|c| c.bbox.x0 < first)
        .map(|c| {
            let lo = inner.partition_point(|&x| x <= c.bbox.x0);
            let hi = inner.partition_point(|&x| x < c.bbox.x1);
            hi.saturating_sub(lo)
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::chunks_of_line;
    use crate::test_words::text_line;

    /// A row of four figures in columns 100 points apart, top at `top`.
    fn row(top: f64, tol: &StreamTolerances) -> Option<ChunkLine> {
        let cells = [
            (50.0, "Day"),
            (150.0, "1037"),
            (250.0, "1074"),
            (350.0, "1111"),
        ];
        chunks_of_line(&text_line(top, 6.0, &cells), tol)
    }

    /// Words set one after another from `x0`, 3 points apart: one run.
    fn run(top: f64, x0: f64, text: &str, tol: &StreamTolerances) -> Option<ChunkLine> {
        let mut x = x0;
        let mut words = Vec::new();
        for w in text.split_whitespace() {
            words.push((x, w));
            x += 6.0 * w.chars().count() as f64 + 3.0;
        }
        chunks_of_line(&text_line(top, 6.0, &words), tol)
    }

    fn page(middle: Option<ChunkLine>, tol: &StreamTolerances) -> Vec<ChunkLine> {
        let mut lines: Vec<ChunkLine> = (0..4)
            .filter_map(|i| row(100.0 + 13.0 * i as f64, tol))
            .collect();
        lines.extend(middle);
        lines.extend((5..9).filter_map(|i| row(100.0 + 13.0 * i as f64, tol)));
        lines
    }

    #[test]
    fn a_title_across_the_columns_parts_two_tables() {
        let tol = StreamTolerances::default();
        let title = run(
            165.0,
            50.0,
            "STATISTICS OF MONTHLY MEAN DATA FOR THE YEARS 1990 TO 2004",
            &tol,
        );
        let lines = page(title, &tol);
        assert_eq!(lines.len(), 9);
        assert_eq!(split_at_titles(&lines, 0, 9, &tol), vec![(0, 4), (5, 9)]);
    }

    #[test]
    fn a_label_over_the_figures_or_into_one_column_keeps_one_table() {
        let tol = StreamTolerances::default();
        // Centred over the columns of figures, not from the left edge.
        let unit = run(
            165.0,
            150.0,
            "Projected enrollment in thousands of pupils",
            &tol,
        );
        let lines = page(unit, &tol);
        assert_eq!(split_at_titles(&lines, 0, lines.len(), &tol), vec![(0, 9)]);
        // A long label running into the next column only.
        let label = run(165.0, 50.0, "Families with many children", &tol);
        let lines = page(label, &tol);
        assert_eq!(split_at_titles(&lines, 0, lines.len(), &tol), vec![(0, 9)]);
    }
}
