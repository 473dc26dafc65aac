//! Pages set in two columns of text: the gutter between the columns is a
//! gap in the middle of the text that (nearly) no line crosses, with
//! running text on both sides. Borderless tables are looked for in each
//! column on its own (and among the lines that cross the gutter), so that
//! a line of the left column and a line of the right column are never
//! read as two cells of one row (a list beside a paragraph, a table in one
//! column beside prose in the other).

use crate::stream::ChunkLine;

/// The gutter's middle lies this share of the text width or less from the
/// middle of the text.
const CENTRE_BAND: f64 = 0.2;
/// Largest share of the lines that may cross the gutter.
const MAX_CROSSING_SHARE: f64 = 0.05;
/// Smallest gutter width (em).
const MIN_GUTTER_EM: f64 = 1.0;
/// A column's part of a line with at least this many words (words with
/// letters, not figures) is running text.
const PROSE_WORDS: usize = 4;
/// Smallest share of each side's lines that must be running text.
const MIN_PROSE_SHARE: f64 = 0.5;
/// Fewest lines of running text on each side.
const MIN_SIDE_LINES: usize = 8;
/// A line of running text fills at least this share of its column.
const PROSE_FILL: f64 = 0.6;

/// The gutter `(from, to)` of a page set in two columns, if it is one.
pub(crate) fn find_gutter(lines: &[ChunkLine]) -> Option<(f64, f64)> {
    let x0 = lines.iter().map(|l| l.bbox.x0).reduce(f64::min)?;
    let x1 = lines.iter().map(|l| l.bbox.x1).reduce(f64::max)?;
    let width = x1 - x0;
    if width <= 0.0 || lines.len() < MIN_SIDE_LINES {
        return None;
    }
    let mut sizes: Vec<f64> = lines.iter().map(|l| l.size).collect();
    sizes.sort_by(f64::total_cmp);
    let em = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0).max(1.0);
    let (lo, hi) = (
        x0 + (0.5 - CENTRE_BAND) * width,
        x0 + (0.5 + CENTRE_BAND) * width,
    );
    // Word boxes across the central band, as coverage events.
    let allowance = (MAX_CROSSING_SHARE * lines.len() as f64).floor() as i64;
    let mut events: Vec<(f64, i64)> = Vec::new();
    for l in lines {
        for c in &l.chunks {
            for w in &c.words {
                if let Some(b) = w.bbox {
                    if b.x1 > lo && b.x0 < hi {
                        events.push((b.x0.max(lo), 1));
                        events.push((b.x1.min(hi), -1));
                    }
                }
            }
        }
    }
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    // The widest stretch of the band that at most `allowance` words cover.
    let (mut depth, mut start, mut best) = (0i64, Some(lo), None::<(f64, f64)>);
    let consider = |from: f64, to: f64, best: &mut Option<(f64, f64)>| {
        if to - from >= MIN_GUTTER_EM * em && best.is_none_or(|(a, b)| to - from > b - a) {
            *best = Some((from, to));
        }
    };
    for (x, d) in events {
        let before = depth;
        depth += d;
        if before <= allowance && depth > allowance {
            if let Some(s) = start.take() {
                consider(s, x, &mut best);
            }
        } else if before > allowance && depth <= allowance {
            start = Some(x);
        }
    }
    if let Some(s) = start {
        consider(s, hi, &mut best);
    }
    let (g0, g1) = best?;
    // Running text on both sides: lines whose part on that side has
    // several words and fills most of the column.
    let side = |left: bool| {
        let (from, to) = if left { (x0, g0) } else { (g1, x1) };
        let mut parts = 0usize;
        let mut prose = 0usize;
        for l in lines {
            let chunks: Vec<&crate::stream::Chunk> = l
                .chunks
                .iter()
                .filter(|c| {
                    if left {
                        c.bbox.x1 <= g0
                    } else {
                        c.bbox.x0 >= g1
                    }
                })
                .collect();
            let Some(b) = chunks.iter().map(|c| c.bbox).reduce(|a, b| a.union(&b)) else {
                continue;
            };
            parts += 1;
            let words = chunks
                .iter()
                .flat_map(|c| &c.words)
                .filter(|w| w.text.chars().any(char::is_alphabetic))
                .count();
            prose += usize::from(words >= PROSE_WORDS && b.width() >= PROSE_FILL * (to - from));
        }
        prose >= MIN_SIDE_LINES && prose as f64 >= MIN_PROSE_SHARE * parts as f64
    };
    (side(true) && side(false)).then_some((g0, g1))
}

/// The lines as three flows, each top to bottom: the parts left of the
/// gutter, the parts right of it, and the lines that cross it or have no
/// running text on either side (rows of a table set across the page).
pub(crate) fn split_flows(lines: &[ChunkLine], (g0, g1): (f64, f64)) -> [Vec<ChunkLine>; 3] {
    let mut left = Vec::new();
    let mut right = Vec::new();
    let mut across = Vec::new();
    // A line is read as two columns' lines when one side of it is running
    // text; otherwise (a row of a table set across both columns) it stays
    // whole.
    // Running text: words, not figures (a justified line may fall apart
    // into several chunks at its wide spaces).
    let prose = |left: bool, l: &ChunkLine| {
        l.chunks
            .iter()
            .filter(|c| {
                if left {
                    c.bbox.x1 <= g0
                } else {
                    c.bbox.x0 >= g1
                }
            })
            .flat_map(|c| &c.words)
            .filter(|w| w.text.chars().any(char::is_alphabetic))
            .count()
            >= PROSE_WORDS
    };
    for l in lines {
        let crosses = l.chunks.iter().any(|c| c.bbox.x0 < g0 && c.bbox.x1 > g1);
        let (left_prose, right_prose) = (prose(true, l), prose(false, l));
        let both_sides =
            l.chunks.iter().any(|c| c.bbox.x1 <= g0) && l.chunks.iter().any(|c| c.bbox.x0 >= g1);
        if crosses || (both_sides && !left_prose && !right_prose) {
            across.push(l.clone());
            continue;
        }
        let part = |keep: &dyn Fn(f64) -> bool| -> Option<ChunkLine> {
            let chunks: Vec<_> = l
                .chunks
                .iter()
                .filter(|c| keep((c.bbox.x0 + c.bbox.x1) / 2.0))
                .cloned()
                .collect();
            let bbox = chunks.iter().map(|c| c.bbox).reduce(|a, b| a.union(&b))?;
            Some(ChunkLine {
                bbox,
                size: l.size,
                chunks,
                printed: l.printed,
            })
        };
        left.extend(part(&|x| x < g0));
        right.extend(part(&|x| x > g1));
    }
    [left, right, across]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::Word;
    use crate::stream::Chunk;
    use crate::test_words::{bbox_of, word};

    /// A chunk of `n` words of 30 points each, 4 apart, from `x0`.
    fn chunk(x0: f64, top: f64, n: usize) -> Chunk {
        let words: Vec<Word> = (0..n)
            .map(|i| word(x0 + 34.0 * i as f64, top, 30.0, "word"))
            .collect();
        let bbox = bbox_of(&words).unwrap();
        Chunk { bbox, words }
    }

    fn line(chunks: Vec<Chunk>) -> ChunkLine {
        let bbox = chunks
            .iter()
            .map(|c| c.bbox)
            .reduce(|a, b| a.union(&b))
            .unwrap();
        ChunkLine {
            bbox,
            size: 10.0,
            chunks,
            printed: 1,
        }
    }

    #[test]
    fn two_columns_of_prose_have_a_gutter_and_one_column_has_none() {
        // Left column 50-280, right column 320-550.
        let two: Vec<ChunkLine> = (0..12)
            .map(|i| {
                let top = 100.0 + 14.0 * f64::from(i);
                line(vec![chunk(50.0, top, 7), chunk(320.0, top, 7)])
            })
            .collect();
        let g = find_gutter(&two).expect("a gutter");
        assert!(g.0 >= 280.0 && g.1 <= 320.0, "{g:?}");
        let [left, right, across] = split_flows(&two, g);
        assert_eq!((left.len(), right.len(), across.len()), (12, 12, 0));
        // A table row across the gutter (short cells on both sides) stays
        // whole.
        let mut with_row = two.clone();
        with_row.push(line(vec![
            chunk(50.0, 300.0, 1),
            chunk(200.0, 300.0, 1),
            chunk(330.0, 300.0, 1),
        ]));
        let [_, _, across] = split_flows(&with_row, g);
        assert_eq!(across.len(), 1);
        // One column of prose across the page.
        let one: Vec<ChunkLine> = (0..12)
            .map(|i| line(vec![chunk(50.0, 100.0 + 14.0 * f64::from(i), 15)]))
            .collect();
        assert!(find_gutter(&one).is_none());
        // A table whose middle column gap runs down the page: no prose on
        // either side, so no gutter.
        let table: Vec<ChunkLine> = (0..12)
            .map(|i| {
                let top = 100.0 + 14.0 * f64::from(i);
                line(vec![
                    chunk(50.0, top, 2),
                    chunk(320.0, top, 1),
                    chunk(480.0, top, 1),
                ])
            })
            .collect();
        assert!(find_gutter(&table).is_none());
    }
}
