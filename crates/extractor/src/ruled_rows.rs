//! Rows of tables ruled with horizontal lines only (a Word or Writer table
//! with its vertical borders off): the rules, not the line spacing, say
//! where a row ends.
//!
//! Such a table's cells wrap in narrow columns, so one row is several text
//! lines, and a header row of long titles in narrow columns is a stack of
//! lines most of which fill one or two columns. Read line by line, the
//! header's lines look like interruptions of the table and its rows like
//! several. Here the lines between the same two rules are joined into one
//! line of the page when they read as one row's wrapped cells: every line
//! after the first fills only columns the first line fills (each of its
//! chunks lies under exactly one chunk of the first line) and fewer of them.
//! Lines that each fill the columns afresh (several rows between two rules,
//! as in a table with rules only above and below its body) stay apart.
//! A joined line counts as the printed lines it stands for where stream
//! detection asks for a number of aligned lines (a ruled header over one
//! row is as much evidence of columns as its lines read apart).

use crate::geometry::{BBox, Ruling};
use crate::stream::{Chunk, ChunkLine};

/// Horizontal pieces at one height this close (points) are one rule.
const SAME_HEIGHT: f64 = 0.75;
/// Pieces of a rule drawn cell by cell may leave gaps this wide (points).
const PIECE_GAP: f64 = 2.0;
/// A rule bounds a line's band when it reaches this close (em) to the
/// line's ends.
const REACH_EM: f64 = 1.0;
/// The two rules of a band start and end within this distance (em) of each
/// other: rules of one table, not a page's header rule over a table's.
const SAME_EXTENT_EM: f64 = 1.0;

/// Horizontal rules at their heights, pieces at one height joined.
fn horizontal_rules(rulings: &[Ruling]) -> Vec<BBox> {
    let mut pieces: Vec<BBox> = rulings
        .iter()
        .filter(|r| r.is_horizontal())
        .map(|r| r.bbox)
        .collect();
    pieces.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    let mut rules: Vec<BBox> = Vec::with_capacity(pieces.len());
    for p in pieces {
        match rules.last_mut() {
            Some(r) if (p.top - r.top).abs() <= SAME_HEIGHT && p.x0 <= r.x1 + PIECE_GAP => {
                r.x1 = r.x1.max(p.x1);
                r.bottom = r.bottom.max(p.bottom);
            }
            _ => rules.push(p),
        }
    }
    rules
}

/// The band of a line: the nearest rules above and below it that reach
/// across the line, when they are rules of one table (same extent).
fn band_of(line: &ChunkLine, rules: &[BBox]) -> Option<(f64, f64)> {
    let em = line.size.max(1.0);
    let covers =
        |r: &&BBox| r.x0 <= line.bbox.x0 + REACH_EM * em && r.x1 >= line.bbox.x1 - REACH_EM * em;
    let mid = (line.bbox.top + line.bbox.bottom) / 2.0;
    let above = rules
        .iter()
        .filter(covers)
        .filter(|r| r.bottom <= mid)
        .max_by(|a, b| a.top.total_cmp(&b.top))?;
    let below = rules
        .iter()
        .filter(covers)
        .filter(|r| r.top >= mid)
        .min_by(|a, b| a.top.total_cmp(&b.top))?;
    let same = (above.x0 - below.x0).abs() <= SAME_EXTENT_EM * em
        && (above.x1 - below.x1).abs() <= SAME_EXTENT_EM * em;
    same.then_some((above.top, below.top))
}

/// Does `x0..x1` overlap the chunk's extent?
fn overlaps(c: &Chunk, x0: f64, x1: f64) -> bool {
    c.bbox.x0 < x1 && x0 < c.bbox.x1
}

/// Does the line carry on the text above: a chunk starting in lower case
/// and none with a capital? A row broken over a page starts its band
/// mid-cell, so its first line fills no more columns than the lines
/// wrapped after it; a row of its own starts its cells afresh with a
/// capital, or with figures only. A figure beside a word in lower case is
/// a wrapped sentence going on ("redusert med" over "30 prosent").
fn carries_on(line: &ChunkLine) -> bool {
    let starts = || {
        line.chunks
            .iter()
            .map(|c| c.words.first().and_then(|w| w.text.chars().next()))
    };
    starts().all(|c| c.is_some_and(|c| !c.is_uppercase()))
        && starts().any(|c| c.is_some_and(char::is_lowercase))
}

/// The first line of a band with the later lines' words put into the
/// chunks above them, when every later line fills only columns the first
/// fills, and fewer of them unless it carries on the first's text.
fn join_band(group: &[ChunkLine]) -> Option<ChunkLine> {
    let (first, rest) = group.split_first()?;
    if first.chunks.len() < 2 || rest.is_empty() {
        return None;
    }
    let mut joined = first.clone();
    for line in rest {
        if line.chunks.len() > first.chunks.len()
            || (line.chunks.len() == first.chunks.len() && !carries_on(line))
        {
            return None;
        }
        for c in &line.chunks {
            let mut under = first
                .chunks
                .iter()
                .enumerate()
                .filter(|(_, f)| overlaps(f, c.bbox.x0, c.bbox.x1));
            let (Some((i, _)), None) = (under.next(), under.next()) else {
                return None;
            };
            let target = joined.chunks.get_mut(i)?;
            target.bbox = target.bbox.union(&c.bbox);
            target.words.extend(c.words.iter().cloned());
        }
        joined.bbox = joined.bbox.union(&line.bbox);
        joined.printed += line.printed;
    }
    Some(joined)
}

/// `lines` (top to bottom) with the lines of each ruled band that hold one
/// row's wrapped cells joined into one line.
pub(crate) fn join_ruled_rows(lines: Vec<ChunkLine>, rulings: &[Ruling]) -> Vec<ChunkLine> {
    let rules = horizontal_rules(rulings);
    if rules.len() < 2 || lines.len() < 2 {
        return lines;
    }
    let bands: Vec<Option<(f64, f64)>> = lines.iter().map(|l| band_of(l, &rules)).collect();
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let band = bands.get(i).copied().flatten();
        let mut end = i + 1;
        if band.is_some() {
            while end < lines.len() && bands.get(end).copied().flatten() == band {
                end += 1;
            }
        }
        let group = lines.get(i..end).unwrap_or(&[]);
        match join_band(group) {
            Some(joined) => out.push(joined),
            None => out.extend(group.iter().cloned()),
        }
        i = end;
    }
    out
}

/// Is each row of a region (`spans`, top to bottom, as top and bottom)
/// parted from the next by a rule across the region (`x0..x1`)? Rows of
/// words with no figure are a table when drawn so (a list of names and
/// roles under a rule per row), where without the rules they read as a
/// legend or a list of terms.
pub(crate) fn rows_ruled_apart(
    spans: &[(f64, f64)],
    x0: f64,
    x1: f64,
    em: f64,
    rulings: &[Ruling],
) -> bool {
    const MIN_ROWS: usize = 3;
    if spans.len() < MIN_ROWS {
        return false;
    }
    let rules = horizontal_rules(rulings);
    let reach = REACH_EM * em.max(1.0);
    let across: Vec<&BBox> = rules
        .iter()
        .filter(|r| r.x0 <= x0 + reach && r.x1 >= x1 - reach)
        .collect();
    spans.windows(2).all(|pair| match pair {
        [(_, above), (below, _)] => across
            .iter()
            .any(|r| r.top >= above - SAME_HEIGHT && r.bottom <= below + SAME_HEIGHT),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::RulingKind;
    use crate::stream::{chunks_of_line, StreamTolerances};
    use crate::test_words::text_line;

    fn line(top: f64, words: &[(f64, &str)]) -> ChunkLine {
        let l = text_line(top, 5.0, words);
        chunks_of_line(&l, &StreamTolerances::default()).expect("a line with words")
    }

    fn rule(y: f64) -> Ruling {
        Ruling {
            bbox: BBox {
                x0: 40.0,
                top: y,
                x1: 400.0,
                bottom: y,
            },
            kind: RulingKind::Stroke,
        }
    }

    #[test]
    fn wrapped_cells_between_two_rules_are_one_row() {
        let lines = vec![
            line(102.0, &[(50.0, "1"), (100.0, "Salg"), (250.0, "Seks")]),
            line(114.0, &[(100.0, "kommunale"), (250.0, "solgt")]),
            line(126.0, &[(100.0, "boliger")]),
            line(142.0, &[(50.0, "2"), (100.0, "Garanti"), (250.0, "Brukt")]),
        ];
        let rules = [rule(100.0), rule(139.0), rule(155.0)];
        let joined = join_ruled_rows(lines, &rules);
        assert_eq!(joined.len(), 2);
        let texts: Vec<String> = joined[0].chunks.iter().map(Chunk::text).collect();
        assert_eq!(texts, ["1", "Salg kommunale boliger", "Seks solgt"]);
    }

    #[test]
    fn rows_that_fill_their_columns_afresh_stay_apart() {
        // Rules above and below a body of several rows (no rule per row).
        let lines = vec![
            line(102.0, &[(50.0, "Apples"), (250.0, "12")]),
            line(114.0, &[(50.0, "Pears"), (250.0, "7")]),
            line(126.0, &[(50.0, "Plums"), (250.0, "3")]),
        ];
        let rules = [rule(100.0), rule(139.0)];
        assert_eq!(join_ruled_rows(lines.clone(), &rules).len(), 3);
        // The same lines with no rules at all.
        assert_eq!(join_ruled_rows(lines, &[]).len(), 3);
    }

    #[test]
    fn a_figure_beside_lower_case_carries_on_a_wrapped_sentence() {
        // The last row of a table ruled row by row: both cells wrap, the
        // first onto a figure ("redusert med" over "30 prosent").
        let rules = [rule(100.0), rule(127.0)];
        let lines = vec![
            line(
                102.0,
                &[(50.0, "Færre bostedsløse med"), (250.0, "Arbeidet pågår i")],
            ),
            line(114.0, &[(50.0, "30 prosent"), (250.0, "høst.")]),
        ];
        let joined = join_ruled_rows(lines, &rules);
        assert_eq!(joined.len(), 1);
        let texts: Vec<String> = joined[0].chunks.iter().map(Chunk::text).collect();
        assert_eq!(
            texts,
            ["Færre bostedsløse med 30 prosent", "Arbeidet pågår i høst."]
        );
        // Figures alone start a row of their own.
        let lines = vec![
            line(102.0, &[(50.0, "2012"), (250.0, "12")]),
            line(114.0, &[(50.0, "2013"), (250.0, "7")]),
        ];
        assert_eq!(join_ruled_rows(lines, &rules).len(), 2);
    }

    #[test]
    fn a_row_broken_over_a_page_carries_on_in_the_columns_it_fills() {
        // The top of a page: the rest of a row's cells, every line filling
        // the same columns, each carrying on a sentence.
        let lines = vec![
            line(
                102.0,
                &[(100.0, "psykiatritjenesten i"), (250.0, "leie til eie")],
            ),
            line(114.0, &[(100.0, "ett team."), (250.0, "formidlet på")]),
            line(126.0, &[(250.0, "fagdag.")]),
        ];
        let rules = [rule(100.0), rule(139.0)];
        let joined = join_ruled_rows(lines, &rules);
        assert_eq!(joined.len(), 1);
        let texts: Vec<String> = joined[0].chunks.iter().map(Chunk::text).collect();
        assert_eq!(
            texts,
            [
                "psykiatritjenesten i ett team.",
                "leie til eie formidlet på fagdag."
            ]
        );
        // Rows starting their cells afresh between the same rules stay apart.
        let rows = vec![
            line(102.0, &[(100.0, "Salg"), (250.0, "seks")]),
            line(114.0, &[(100.0, "Garanti"), (250.0, "to")]),
        ];
        assert_eq!(join_ruled_rows(rows, &rules).len(), 2);
    }

    #[test]
    fn a_line_reaching_under_two_columns_is_not_joined() {
        let lines = vec![
            line(102.0, &[(50.0, "Nr"), (100.0, "Aktivitet")]),
            line(114.0, &[(50.0, "a very long note across")]),
        ];
        let rules = [rule(100.0), rule(139.0)];
        assert_eq!(join_ruled_rows(lines, &rules).len(), 2);
    }

    #[test]
    fn rows_of_words_count_as_ruled_only_with_a_rule_between_each_pair() {
        let spans = [(102.0, 112.0), (116.0, 126.0), (130.0, 140.0)];
        let all = [rule(100.0), rule(114.0), rule(128.0), rule(142.0)];
        assert!(rows_ruled_apart(&spans, 50.0, 390.0, 10.0, &all));
        // One rule between rows missing.
        let some = [rule(100.0), rule(114.0), rule(142.0)];
        assert!(!rows_ruled_apart(&spans, 50.0, 390.0, 10.0, &some));
        // Rules shorter than the rows (an underline under a label).
        assert!(!rows_ruled_apart(&spans, 10.0, 390.0, 10.0, &all));
    }
}
