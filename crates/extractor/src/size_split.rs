//! Two tables stacked under a title, set in different type sizes. Stream
//! detection lets a line or two of one cell stand between a table's rows
//! (a group label, a wrapped cell), so a title between two tables joins
//! them into one region; when the two runs of rows are set in different
//! type sizes (a budget in 8.5 points, the funding table under it in 10),
//! they are two tables and the region parts at the title, set larger than
//! both. A header set in another size than its body stands right above it,
//! or over a group label no larger than the header ("Male" between a
//! table's header and its first rows).

use crate::stream::{ChunkLine, StreamTolerances};

/// The parts (`start..end` of `lines`) of the region `start..end`: cut at
/// the lines of one cell between two lines of several cells whose type
/// sizes differ by more than [`StreamTolerances::size_change`], when those
/// lines are set larger than both by as much (a title), and every part
/// keeps [`StreamTolerances::min_rows`] lines of several cells.
pub(crate) fn parts(
    lines: &[ChunkLine],
    start: usize,
    end: usize,
    tol: &StreamTolerances,
) -> Vec<(usize, usize)> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut prev: Option<(usize, f64)> = None;
    for i in start..end {
        let Some(l) = lines.get(i) else { break };
        if l.chunks.len() < 2 {
            continue;
        }
        if let Some((p, size)) = prev {
            let (lo, hi) = (size.min(l.size), size.max(l.size));
            let titled = lines
                .get(p + 1..i)
                .is_some_and(|t| !t.is_empty() && t.iter().all(|t| t.size > tol.size_change * hi));
            if titled && hi > tol.size_change * lo.max(1.0) {
                cuts.push((p + 1, i));
            }
        }
        prev = Some((i, l.size));
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut from = start;
    for (part_end, next) in cuts {
        out.push((from, part_end));
        from = next;
    }
    out.push((from, end));
    let rows = |(s, e): &(usize, usize)| -> usize {
        lines.get(*s..*e).map_or(0, |p| {
            p.iter()
                .filter(|l| l.chunks.len() >= 2)
                .map(|l| l.printed)
                .sum()
        })
    };
    if out.len() > 1 && out.iter().all(|p| rows(p) >= tol.min_rows) {
        out
    } else {
        vec![(start, end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::chunks_of_line;
    use crate::test_words::text_line;

    /// A line of `cells` (x0, text) set in `size`-point type.
    fn sized(top: f64, size: f64, cells: &[(f64, &str)], tol: &StreamTolerances) -> ChunkLine {
        let mut l = chunks_of_line(&text_line(top, 0.6 * size, cells), tol).expect("a line");
        l.size = size;
        l
    }

    /// Four rows in `size`-point type from `top`, then a line of one cell
    /// in `between` points, then four rows in `after` points.
    fn page(size: f64, between: f64, after: f64, tol: &StreamTolerances) -> Vec<ChunkLine> {
        let row = |top: f64, size: f64| {
            sized(
                top,
                size,
                &[(50.0, "Aktivitet"), (200.0, "100"), (300.0, "200")],
                tol,
            )
        };
        let mut lines: Vec<ChunkLine> =
            (0..4).map(|i| row(100.0 + 14.0 * i as f64, size)).collect();
        lines.push(sized(160.0, between, &[(50.0, "Samlet")], tol));
        lines.extend((0..4).map(|i| row(175.0 + 14.0 * i as f64, after)));
        lines
    }

    #[test]
    fn a_title_larger_than_two_runs_in_different_sizes_parts_them() {
        let tol = StreamTolerances::default();
        let lines = page(8.5, 13.0, 10.0, &tol);
        assert_eq!(parts(&lines, 0, lines.len(), &tol), vec![(0, 4), (5, 9)]);
    }

    #[test]
    fn one_size_or_a_label_no_larger_than_the_header_keeps_one_table() {
        let tol = StreamTolerances::default();
        // Both runs in one size: a title over a group of rows.
        let lines = page(9.0, 13.0, 9.0, &tol);
        assert_eq!(parts(&lines, 0, lines.len(), &tol), vec![(0, 9)]);
        // A group label in the header's size over a body set smaller.
        let lines = page(9.0, 9.0, 8.0, &tol);
        assert_eq!(parts(&lines, 0, lines.len(), &tol), vec![(0, 9)]);
    }
}
