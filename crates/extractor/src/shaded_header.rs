//! Columns drawn by a borderless table's shaded header cells. A table
//! converted from HTML (LibreOffice's import of a `<th>` with a
//! background) draws no rule at all, only a filled box behind each header
//! cell, side by side. Those boxes are the columns: their edges part
//! columns whose text runs close together (a description wrapped to the
//! cell's full width beside the next column's text), where the gaps in
//! the text alone would join them. A header whose lines were read apart
//! from the rows gives them its columns from right above them: its last
//! row of boxes (a title as high as the header beside a spanning title's
//! sub-titles, "Finansiering" over "Tilskudd" and "Egenandel").

use crate::geometry::BBox;
use crate::stream::ChunkLine;

/// Largest gap (points) between two header cells side by side; more, and
/// they are boxes of their own.
const ADJACENT: f64 = 2.0;
/// Largest difference (points) of the tops or bottoms of the cells of one
/// header row.
const SAME_ROW: f64 = 1.0;
/// Fewest cells of a shaded header: two boxes side by side may be a
/// highlight and a label's background.
const MIN_CELLS: usize = 3;
/// How far (points) the text may reach past the header's outer edges.
const TEXT_SLACK: f64 = 2.0;
/// Largest gap (em of the first line) between a header band and the
/// region's first line under it.
const ABOVE_EM: f64 = 1.0;

/// Column boundaries (`cells + 1` x values, left to right) from a row of
/// shaded cells side by side behind the region's first line, or ending
/// right above it (a header whose lines were read apart from the rows),
/// the lines' text all within them; None when there is no such row.
pub(crate) fn bounds(lines: &[ChunkLine], fills: &[BBox]) -> Option<Vec<f64>> {
    let first = lines.first()?;
    let mid = (first.bbox.top + first.bbox.bottom) / 2.0;
    let mut band: Vec<BBox> = fills
        .iter()
        .filter(|f| f.top <= mid && mid <= f.bottom && f.width() > 0.0)
        .copied()
        .collect();
    let above = band.is_empty();
    if above {
        // Above the line only the header's last row of cells counts: a
        // title box as high as the header beside a spanning title's
        // sub-titles ends where they end, so only the bottoms must agree.
        let reach = ABOVE_EM * first.size.max(1.0);
        band = fills
            .iter()
            .filter(|f| {
                f.width() > 0.0
                    && f.bottom <= first.bbox.top + SAME_ROW
                    && first.bbox.top - f.bottom <= reach
            })
            .map(|f| BBox {
                top: f.bottom,
                ..*f
            })
            .collect();
    }
    band.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    // A cell's shading painted twice, one box over the other (as a Word
    // export via LibreOffice draws it), is one box: the copy is no
    // neighbour and would end the run.
    band.dedup_by(|b, a| {
        (b.x0 - a.x0).abs() <= SAME_ROW
            && (b.x1 - a.x1).abs() <= SAME_ROW
            && (b.top - a.top).abs() <= SAME_ROW
            && (b.bottom - a.bottom).abs() <= SAME_ROW
    });
    // The run of boxes side by side that holds the line's first word.
    let side_by_side = |a: &BBox, b: &BBox| {
        (b.x0 - a.x1).abs() <= ADJACENT
            && (b.top - a.top).abs() <= SAME_ROW
            && (b.bottom - a.bottom).abs() <= SAME_ROW
    };
    let start = first.bbox.x0;
    let mut run: Vec<&BBox> = Vec::new();
    for f in &band {
        if run.last().is_some_and(|last| !side_by_side(last, f)) {
            if run
                .iter()
                .any(|c| c.x0 - TEXT_SLACK <= start && start <= c.x1)
            {
                break;
            }
            run.clear();
        }
        run.push(f);
    }
    if run.len() < MIN_CELLS {
        return None;
    }
    let (left, right) = (run.first()?.x0, run.last()?.x1);
    let within = lines
        .iter()
        .all(|l| l.bbox.x0 >= left - TEXT_SLACK && l.bbox.x1 <= right + TEXT_SLACK);
    if !within {
        return None;
    }
    let mut out = vec![left];
    for w in run.windows(2) {
        if let [a, b] = w {
            out.push((a.x1 + b.x0) / 2.0);
        }
    }
    out.push(right);
    // A band above the lines may be spanning titles whose sub-titles were
    // not shaded ("Male", "Female" under each group): then a line puts two
    // cells in one box, and the boxes are no columns.
    let one_cell_per_box = |l: &ChunkLine| {
        let cols = l
            .chunks
            .iter()
            .map(|c| out.partition_point(|&b| b <= (c.bbox.x0 + c.bbox.x1) / 2.0));
        let cols: Vec<usize> = cols.collect();
        cols.windows(2).all(|w| w.first() < w.last())
    };
    if above && !lines.iter().all(one_cell_per_box) {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use crate::geometry::{BBox, Table};
    use crate::page_builder::Drawn;
    use crate::stream::{build_table, chunks_of_line, StreamTolerances};
    use crate::test_words::text_line;

    fn b(x0: f64, top: f64, x1: f64, bottom: f64) -> BBox {
        BBox {
            x0,
            top,
            x1,
            bottom,
        }
    }

    /// "Nr. | Delmål | Status | Frist" over two goals, the second's description
    /// wrapped onto two lines with its number and status centred between
    /// them (lines 19 points apart, as LibreOffice sets an imported HTML
    /// table), the first goal's description running up to eight points
    /// before the status column's text (no wider than a word space).
    fn imported(fills: &[BBox]) -> Result<Table, &'static str> {
        let tol = StreamTolerances::default();
        let lines: Vec<_> = [
            text_line(
                102.0,
                5.0,
                &[
                    (52.0, "Nr."),
                    (80.0, "Delmål"),
                    (300.0, "Status"),
                    (402.0, "Frist"),
                ],
            ),
            text_line(
                122.0,
                5.0,
                &[
                    (52.0, "1"),
                    (87.0, "Planen er vedtatt av kommunestyret i juni"),
                    (300.0, "Nådd"),
                    (402.0, "2013"),
                ],
            ),
            text_line(
                142.0,
                5.0,
                &[(80.0, "Ansatte i NAV og boligkontoret kjenner lån")],
            ),
            text_line(
                151.5,
                5.0,
                &[(52.0, "2"), (300.0, "Delvis nådd"), (402.0, "2014")],
            ),
            text_line(161.0, 5.0, &[(80.0, "og tilskudd")]),
            text_line(
                181.0,
                5.0,
                &[
                    (52.0, "3"),
                    (80.0, "Boligbehovet er kartlagt"),
                    (300.0, "Nådd"),
                    (402.0, "2012"),
                ],
            ),
        ]
        .iter()
        .filter_map(|l| chunks_of_line(l, &tol))
        .collect();
        let drawn = Drawn {
            page: b(0.0, 0.0, 595.0, 842.0),
            rulings: &[],
            fills,
        };
        build_table(&lines, &tol, &drawn)
    }

    fn texts(t: &Table) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| {
                        c.as_ref()
                            .map_or(String::new(), |c| c.text.replace('\n', " "))
                    })
                    .collect()
            })
            .collect()
    }

    /// The shaded boxes of a four-column header row.
    fn header_boxes() -> [BBox; 4] {
        [
            b(50.0, 100.0, 78.0, 114.0),
            b(78.0, 100.0, 296.0, 114.0),
            b(296.0, 100.0, 400.0, 114.0),
            b(400.0, 100.0, 460.0, 114.0),
        ]
    }

    #[test]
    fn shaded_header_cells_give_the_columns_and_centred_cells_stay_in_their_row() {
        let t = match imported(&header_boxes()) {
            Ok(t) => t,
            Err(why) => panic!("no table under the shaded header: {why}"),
        };
        assert_eq!(
            texts(&t),
            [
                ["Nr.", "Delmål", "Status", "Frist"],
                [
                    "1",
                    "Planen er vedtatt av kommunestyret i juni",
                    "Nådd",
                    "2013"
                ],
                [
                    "2",
                    "Ansatte i NAV og boligkontoret kjenner lån og tilskudd",
                    "Delvis nådd",
                    "2014"
                ],
                ["3", "Boligbehovet er kartlagt", "Nådd", "2012"],
            ]
        );
    }

    #[test]
    fn a_header_cell_painted_twice_is_one_box() {
        // Each cell's shading drawn twice, one box over the other.
        let twice: Vec<BBox> = header_boxes().iter().flat_map(|c| [*c, *c]).collect();
        let t = match imported(&twice) {
            Ok(t) => t,
            Err(why) => panic!("no table under the shaded header: {why}"),
        };
        let rows = texts(&t);
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(
            rows[1],
            [
                "1",
                "Planen er vedtatt av kommunestyret i juni",
                "Nådd",
                "2013"
            ]
        );
    }

    /// A shaded header of three cells over one row (LibreOffice's import
    /// of a households table cut by the page break after its first row).
    fn one_row(cells: [&str; 2]) -> Result<Table, &'static str> {
        let tol = StreamTolerances::default();
        let lines: Vec<_> = [
            text_line(
                102.0,
                5.0,
                &[(52.0, "Kategori"), (200.0, "Behov"), (300.0, "Kommentar")],
            ),
            text_line(
                122.0,
                5.0,
                &[
                    (52.0, "Husstander uten bolig"),
                    (200.0, cells[0]),
                    (300.0, cells[1]),
                ],
            ),
        ]
        .iter()
        .filter_map(|l| chunks_of_line(l, &tol))
        .collect();
        let header = [
            b(50.0, 100.0, 196.0, 114.0),
            b(196.0, 100.0, 296.0, 114.0),
            b(296.0, 100.0, 400.0, 114.0),
        ];
        let drawn = Drawn {
            page: b(0.0, 0.0, 595.0, 842.0),
            rulings: &[],
            fills: &header,
        };
        build_table(&lines, &tol, &drawn)
    }

    #[test]
    fn a_shaded_header_over_a_figure_draws_a_table() {
        assert_eq!(one_row(["62", "Fire familier"]).err(), None);
        // Over words and dashes only it draws a form's list, read as text.
        assert_eq!(one_row(["–", "Ingen"]).err(), Some("no column of figures"));
    }

    /// Budget rows under a shaded header band ending right above them
    /// (the header's lines read apart from the rows), with `sub_titles`
    /// as a first line when given. Each cell has its own alignment: one
    /// column's figures stand at its left and its right edge, a gap the
    /// text alone reads as a column.
    fn under_band(fills: &[BBox], sub_titles: bool) -> Vec<Vec<String>> {
        let tol = StreamTolerances::default();
        let mut rows = vec![
            ["Boligskole", "745 000", "475 000", "275 000", "750 000"],
            ["Evaluering", "225 000", "150 000", "", "200 000"],
            ["Bomiljø", "265 000", "125 000", "125 000", "260 000"],
            ["Sum", "1 235 000", "750 000", "400 000", "1 210 000"],
        ];
        if sub_titles {
            rows.insert(0, ["", "", "Tilskudd", "Egen", ""]);
        }
        let lines: Vec<_> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut words: Vec<(f64, &str)> = [52.0, 135.0, 205.0, 305.0, 405.0]
                    .into_iter()
                    .zip(r.iter().copied())
                    .filter(|(_, t)| !t.is_empty())
                    .collect();
                if r.first() == Some(&"Evaluering") {
                    words.insert(3, (365.0, "50 000"));
                }
                text_line(120.0 + 20.0 * i as f64, 5.0, &words)
            })
            .filter_map(|l| chunks_of_line(&l, &tol))
            .collect();
        let drawn = Drawn {
            page: b(0.0, 0.0, 595.0, 842.0),
            rulings: &[],
            fills,
        };
        match build_table(&lines, &tol, &drawn) {
            Ok(t) => texts(&t),
            Err(why) => panic!("no table under the shaded header: {why}"),
        }
    }

    #[test]
    fn a_two_row_shaded_header_above_the_rows_gives_the_columns() {
        // "Finansiering" spans two sub-titles, the other titles are as
        // high as both header rows.
        let header = [
            b(50.0, 100.0, 130.0, 118.0),
            b(130.0, 100.0, 200.0, 118.0),
            b(200.0, 100.0, 400.0, 109.0),
            b(200.0, 109.0, 300.0, 118.0),
            b(300.0, 109.0, 400.0, 118.0),
            b(400.0, 100.0, 470.0, 118.0),
        ];
        let got = under_band(&header, false);
        let want = ["Evaluering", "225 000", "150 000", "50 000", "200 000"];
        assert_eq!(
            got.get(1),
            Some(&want.map(String::from).to_vec()),
            "{got:?}"
        );
    }

    #[test]
    fn shaded_spanning_titles_over_unshaded_sub_titles_are_no_columns() {
        // Only the titles are shaded; "Tilskudd" and "Egen" under
        // "Finansiering" are two cells in one box.
        let header = [
            b(50.0, 100.0, 130.0, 118.0),
            b(130.0, 100.0, 200.0, 118.0),
            b(200.0, 100.0, 400.0, 118.0),
            b(400.0, 100.0, 470.0, 118.0),
        ];
        let got = under_band(&header, true);
        assert!(
            got.first()
                .is_some_and(|r| !r.contains(&"Tilskudd Egen".to_owned())),
            "{got:?}"
        );
    }

    #[test]
    fn two_shaded_boxes_are_no_header() {
        // Two boxes side by side may be a highlight beside a label's
        // background: the columns come from the text.
        let boxes = [b(50.0, 100.0, 78.0, 114.0), b(78.0, 100.0, 460.0, 114.0)];
        let cols = imported(&boxes).map(|t| t.rows.first().map_or(0, Vec::len));
        assert_ne!(cols, Ok(4));
    }
}
