//! Rules that tell a table drawn with ruling lines from other drawings
//! whose lines happen to form a grid. Each rule names the class it rejects:
//!
//! - **chart with data labels**: filled bars inside the grid and only
//!   figures in it, scattered over mostly empty cells (a bar chart's plot
//!   with its gridlines and the values printed on the bars).
//! - **drawn outside the page**: a grid lying mostly off the page (a
//!   figure's clipped drawing) is invisible.
//! - **frame round a drawing**: most of the grid is open: area no cell
//!   covers, or large cells with next to no text (a drawing's border with
//!   its title block, a page frame, panels of a screenshot).
//! - **rules through text**: the grid's lines cut running text at word
//!   spaces (boxes drawn over or round paragraphs, highlights, images set
//!   into prose), or lines of text run up to a box and on beyond it in
//!   mid-sentence (a redaction or a shape drawn over a paragraph); in a
//!   table, a column rule sits in a gap between cells.
//! - **labelled patches**: every cell is a "name = value" label (colour
//!   swatches, sample grids), not data in rows and columns.
//! - **no row of several cells**: a table has a row with text in two or
//!   more cells; stacked boxes with one field each, nested frames round a
//!   few figures, do not (a single full row may be the rest of a table
//!   continued from the page before). A blank form table ([`is_blank_form`]: a header row over
//!   empty rows, to be filled in) is the exception.
//! - **one row under a title**: that single full row is no continued table
//!   when a title stands above it in the grid and nothing below it (a row
//!   of numbers under a heading; labels above and below it are the items
//!   of a table whose other values are blank).
//! - **stacked boxes of a form**: most rows with text are one box across
//!   (nearly) the whole width, a field each ("9. Type of Applicant:",
//!   a screenshot's panels); a table's rows hold cells side by side.
//! - **boxes of a diagram**: nearly every box with text spans several of
//!   the grid's rows or columns (class boxes of a UML diagram joined by
//!   their connector lines); a table's body cells sit one per row and
//!   column.
//! - **shadowed boxes of a diagram**: two or more boxes in the grid each
//!   with its own drop shadow (see [`crate::shadows`]): a UML or flow
//!   chart's boxes set a few points apart, bridged by their shadows and
//!   joined by connector lines into what looks like a grid.
//! - **staggered boxes of a diagram**: every row of the grid parted into
//!   boxes, no edge between two boxes running on into another row, and a
//!   gap in no box (filled boxes of a diagram, their edges not lined up
//!   row to row); a table's columns part its rows at the same places, and
//!   a form's ruled fields of their own widths leave no gap.
//! - **scattered entries**: no row of the grid has text in half of its
//!   cells or more and no column has text in every row (separate widget
//!   boxes of a form, radio buttons and check boxes lined up by chance, a
//!   few marks in them); a table labels its columns in a header row or its
//!   rows in a label column, and a blank form's header is the exception
//!   above.
//! - **same text across each row**: two or more rows, half of those
//!   with text, repeat one opening phrase (two words) in all their filled
//!   cells, as the borderless check of that name does with first words (a specimen sheet's samples, "Hello PDF 2 1!"
//!   beside "Hello PDF 10 7!" in coloured patches); a table's cells hold
//!   different data.
//! - **captions of boxes to write in**: most lines of text sit at the
//!   top of their box with the box blank below them for twice their
//!   height (a tax form's name and address boxes, "Last name", "Apt.
//!   no."; see [`crate::captions`]); a table's text fills its cells.
//! - **board of empty squares**: every cell a large square and the grid's text
//!   next to nothing (a chessboard with its square names, a drawn grid).

use crate::geometry::BBox;
use crate::lattice::Grid;
use crate::layout::PlacedWord;

/// Largest share of a grid's area that may lie outside the page.
const MAX_OUTSIDE_SHARE: f64 = 0.25;
/// Share of a grid's area that, left open (no cell, or large cells with
/// next to no text), makes it a frame.
const FRAME_OPEN_SHARE: f64 = 0.5;
/// A cell of at least this share of the grid's area ...
const OPEN_CELL_SHARE: f64 = 0.2;
/// ... and at least this area (points², a panel rather than a cell of
/// a small table) ...
const OPEN_CELL_MIN_AREA: f64 = 10_000.0;
/// ... whose words cover less than this share of it is open.
const SPARSE_INK_SHARE: f64 = 0.05;
/// Two words of one line closer than this (em) are one run of text.
const TEXT_GAP_EM: f64 = 0.3;
/// Fewest lines cut by the grid's rules for the rules to cross text.
const CUT_LINES_MIN: usize = 3;
/// Smallest share of the grid's lines that the rules cut.
const CUT_LINES_SHARE: f64 = 0.1;
/// Smallest share of the filled cells that are "name = value" labels.
const PATCH_LABEL_SHARE: f64 = 0.8;
/// Fewest rows with text in two or more cells (one: the rest of a table
/// continued from the page before may hold a single full row).
const MIN_ROWS_OF_CELLS: usize = 1;
/// Smallest share of the rows with text that are one box across for a
/// stack of boxes ...
const STACKED_BOX_SHARE: f64 = 0.5;
/// ... and fewest such rows.
const STACKED_BOX_MIN: usize = 3;
/// A cell spanning at least this share of the grid's columns is a box
/// across.
const BOX_ACROSS_SHARE: f64 = 0.5;
/// Smallest share of the boxes with text that span several rows or
/// columns in a diagram ...
const DIAGRAM_SPAN_SHARE: f64 = 0.7;
/// ... and fewest such boxes.
const DIAGRAM_MIN_BOXES: usize = 3;
/// A board's squares are at least this large (points², 50 x 50) ...
const BOARD_MIN_CELL_AREA: f64 = 2_500.0;
/// ... and squares: the short side at least this share of the long one
/// (a blank form's writing rows are wide and low, and a table) ...
const BOARD_MIN_SQUARENESS: f64 = 0.5;
/// ... and its text covers less than this share of it.
const BOARD_MAX_INK_SHARE: f64 = 0.03;

/// Why a grid (with the words in each of its cells) is no table, judged
/// before its cells are refined; `page` is the page's box.
pub(crate) fn grid_verdict(
    grid: &Grid,
    cell_words: &[Vec<PlacedWord>],
    page: &BBox,
    fills: &[BBox],
) -> Option<&'static str> {
    if outside_share(&grid.bbox, page) > MAX_OUTSIDE_SHARE {
        Some("drawn outside the page")
    } else if is_bar_chart(grid, cell_words, fills) {
        Some("chart with data labels")
    } else if crate::shadows::shadowed_boxes(fills, &grid.bbox)
        >= crate::shadows::MIN_SHADOWED_BOXES
    {
        Some("boxes of a diagram, each with its own shadow")
    } else if is_staggered(grid) {
        Some("staggered boxes of a diagram")
    } else if is_mostly_open(grid, cell_words) {
        Some("frame round a drawing")
    } else if rules_cut_text(grid, cell_words) {
        Some("rules through text")
    } else if are_labelled_patches(cell_words) {
        Some("labelled patches")
    } else if is_board(grid, cell_words) {
        Some("board of empty squares")
    } else {
        None
    }
}

/// Are the grid's boxes laid like bricks with a gap among them: every row
/// parted into boxes, no edge between two boxes running on through another
/// row, and part of the grid in no box? (Filled boxes of a diagram, one
/// beside and one under another with edges of their own.) A table's
/// columns part its rows at the same places, a title row across the table
/// has no edge, and a form's ruled fields, set at their own widths row by
/// row, leave no gap.
fn is_staggered(grid: &Grid) -> bool {
    let (rows, cols) = (grid.rows(), grid.cols());
    if rows < 2 || cols < 2 {
        return false;
    }
    // Does row `r` have an edge between columns `k - 1` and `k`?
    let edge = |r: usize, k: usize| {
        grid.owner.get(r).is_some_and(|row| {
            let (a, b) = (
                row.get(k - 1).copied().flatten(),
                row.get(k).copied().flatten(),
            );
            a != b && (a.is_some() || b.is_some())
        })
    };
    let every_row_parted = (0..rows).all(|r| (1..cols).any(|k| edge(r, k)));
    let edges_shared = (1..cols).any(|k| (0..rows).filter(|&r| edge(r, k)).count() >= 2);
    let gap = grid.owner.iter().flatten().any(Option::is_none);
    every_row_parted && !edges_shared && gap
}

/// Are (nearly) all cells large squares and the text in them next to
/// nothing? (Large wide rows with a header over them are a form to fill
/// in.)
fn is_board(grid: &Grid, cell_words: &[Vec<PlacedWord>]) -> bool {
    let total = area(&grid.bbox);
    let large = grid
        .cells
        .iter()
        .filter(|c| {
            let (w, h) = (c.bbox.width(), c.bbox.height());
            area(&c.bbox) >= BOARD_MIN_CELL_AREA && w.min(h) >= BOARD_MIN_SQUARENESS * w.max(h)
        })
        .count();
    let inked: f64 = cell_words.iter().flatten().map(|w| area(&w.bbox())).sum();
    grid.rows() >= 2
        && grid.cols() >= 2
        && total > 0.0
        && large as f64 >= 0.9 * grid.cells.len() as f64
        && inked < BOARD_MAX_INK_SHARE * total
}

/// Smallest share of a blank form's columns that its header row labels.
const BLANK_FORM_HEADER_SHARE: f64 = 0.5;
/// Fewest empty rows under a blank form's header (one: a "Key word |
/// Description" grid left with one row to fill in is a form's table too).
const BLANK_FORM_MIN_ROWS: usize = 1;

/// Is the grid a table to be filled in: a header row labelling at least
/// half of its columns (two or more) over empty rows? Such a grid is
/// nearly empty and still a table.
pub(crate) fn is_blank_form(grid: &Grid, cell_words: &[Vec<PlacedWord>]) -> bool {
    let (mut header, mut labels, mut paragraphs) = (0usize, 0usize, 0usize);
    for (gc, words) in grid.cells.iter().zip(cell_words) {
        if words.is_empty() {
            continue;
        }
        if gc.row != 0 {
            return false;
        }
        header += gc.col_end.saturating_sub(gc.col).max(1);
        labels += 1;
        paragraphs += usize::from(!on_one_line(words));
    }
    // Over a single empty row, one title across the grid or a paragraph
    // in a cell is a box with an empty compartment (a UML class without
    // attributes, a note), not a header: the form's columns are labelled
    // one by one, a line each.
    let labelled = grid.rows() > 2 || (labels >= 2 && paragraphs == 0);
    header >= 2
        && labelled
        && header as f64 >= BLANK_FORM_HEADER_SHARE * grid.cols() as f64
        && grid.rows() > BLANK_FORM_MIN_ROWS
}

/// Do the words stand on one line (baselines within half their size)?
fn on_one_line(words: &[PlacedWord]) -> bool {
    let size = words
        .iter()
        .map(|w| w.word.font_size)
        .fold(1.0_f64, f64::max);
    let (lo, hi) = words.iter().fold((f64::MAX, f64::MIN), |(lo, hi), w| {
        (lo.min(w.baseline), hi.max(w.baseline))
    });
    hi - lo <= 0.5 * size
}

/// Fewest filled areas (bars) inside a grid for it to be a chart.
const CHART_MIN_BARS: usize = 3;
/// Smallest share of empty cells in a chart's grid.
const CHART_MIN_EMPTY_SHARE: f64 = 0.4;

/// Is the grid a bar chart's plot: filled bars inside it, its only text
/// figures (data labels) scattered over mostly empty cells, no labels?
fn is_bar_chart(grid: &Grid, cell_words: &[Vec<PlacedWord>], fills: &[BBox]) -> bool {
    let g = grid.bbox;
    let bars = fills
        .iter()
        .filter(|f| {
            let w = f.x1.min(g.x1) - f.x0.max(g.x0);
            let h = f.bottom.min(g.bottom) - f.top.max(g.top);
            w > 0.0 && h > 0.0 && w * h >= 0.8 * area(f)
        })
        .count();
    let filled: Vec<String> = cell_words
        .iter()
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.iter()
                .map(|p| p.word.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let empty = cell_words.len() - filled.len();
    let figures_only = filled.iter().all(|t| {
        t.split_whitespace()
            .all(|w| crate::table_checks::is_figure(w) || w == "%")
    });
    bars >= CHART_MIN_BARS
        && !filled.is_empty()
        && figures_only
        && empty as f64 >= CHART_MIN_EMPTY_SHARE * cell_words.len() as f64
}

/// Why a refined grid is no table, judged by what its rows hold.
pub(crate) fn rows_verdict(grid: &Grid, cell_words: &[Vec<PlacedWord>]) -> Option<&'static str> {
    if is_blank_form(grid, cell_words) {
        return None;
    }
    // Per row: filled cells, and filled cells that are one box across.
    let mut per_row = vec![(0usize, 0usize); grid.rows()];
    for (gc, words) in grid.cells.iter().zip(cell_words) {
        if !words.is_empty() {
            if let Some(n) = per_row.get_mut(gc.row) {
                n.0 += 1;
                let span = gc.col_end.saturating_sub(gc.col);
                n.1 += usize::from(span as f64 >= BOX_ACROSS_SHARE * grid.cols() as f64);
            }
        }
    }
    let multi: Vec<usize> = (0..per_row.len())
        .filter(|&r| per_row.get(r).is_some_and(|n| n.0 >= 2))
        .collect();
    let with_text = per_row.iter().filter(|n| n.0 > 0).count();
    let boxes = per_row.iter().filter(|n| n.0 == 1 && n.1 == 1).count();
    let filled: Vec<_> = grid
        .cells
        .iter()
        .zip(cell_words)
        .filter(|(_, w)| !w.is_empty())
        .map(|(c, _)| c)
        .collect();
    let spanning = filled
        .iter()
        .filter(|c| c.row_end > c.row + 1 || c.col_end > c.col + 1)
        .count();
    let texts = row_texts(grid, cell_words);
    // A title: the one text of its row, in words.
    let is_title = |r: usize| {
        per_row.get(r).is_some_and(|n| n.0 == 1)
            && texts.get(r).is_some_and(|row| {
                row.iter()
                    .flatten()
                    .any(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            })
    };
    if multi.len() < MIN_ROWS_OF_CELLS {
        return Some("no row of several cells");
    }
    if let [only] = multi.as_slice() {
        // Text in rows below it makes the grid a table of rows whose
        // values are mostly blank (a statement's items continued from the
        // page before, one of them with figures), not a heading's row.
        let text_below = per_row.iter().skip(only + 1).any(|n| n.0 > 0);
        if !text_below && (0..*only).any(is_title) {
            return Some("one row under a title");
        }
    }
    if is_scattered(grid, cell_words) {
        Some("scattered entries")
    } else if repeats_a_phrase(&texts) {
        Some("same text across each row")
    } else if boxes >= STACKED_BOX_MIN && boxes as f64 >= STACKED_BOX_SHARE * with_text as f64 {
        Some("stacked boxes of a form")
    } else if spanning >= DIAGRAM_MIN_BOXES
        && spanning as f64 >= DIAGRAM_SPAN_SHARE * filled.len() as f64
    {
        Some("boxes of a diagram")
    } else if crate::captions::captions_over_blanks(grid, cell_words) {
        Some("captions of boxes to write in")
    } else {
        None
    }
}

/// A row with text in at least this share of its cells labels the grid's
/// columns (a header row).
const HEADER_ROW_SHARE: f64 = 0.5;

/// Is the text scattered: no row with text in half of its cells and no
/// column with text in every row (a spanning cell counts for every row
/// and column it covers)?
fn is_scattered(grid: &Grid, cell_words: &[Vec<PlacedWord>]) -> bool {
    let mut in_row = vec![0usize; grid.rows()];
    let mut in_col = vec![0usize; grid.cols()];
    for (gc, words) in grid.cells.iter().zip(cell_words) {
        if words.is_empty() {
            continue;
        }
        for n in in_row.iter_mut().take(gc.row_end).skip(gc.row) {
            *n += gc.col_end.saturating_sub(gc.col);
        }
        for n in in_col.iter_mut().take(gc.col_end).skip(gc.col) {
            *n += gc.row_end.saturating_sub(gc.row);
        }
    }
    grid.rows() >= 2
        && grid.cols() >= 2
        && in_row
            .iter()
            .all(|&n| (n as f64) < HEADER_ROW_SHARE * grid.cols() as f64)
        && in_col.iter().all(|&n| n < grid.rows())
}

/// The cell's opening phrase, its first two words run together (letters
/// and digits only), when both hold a letter: a mark or a one-word answer ("x", "Yes") repeated
/// along a row is a matrix's data, and so is an amount ("kr 100 000",
/// its figures grouped by spaces); a repeated phrase is a sample.
fn opening_phrase(t: &str) -> Option<String> {
    let mut words = t.split_whitespace();
    let (first, second) = (words.next()?, words.next()?);
    let worded = |w: &str| w.chars().any(char::is_alphabetic);
    // Punctuation aside: "Hello PDF!" opens as "Hello PDF 2 1!" does.
    (worded(first) && worded(second)).then(|| {
        first
            .chars()
            .chain(second.chars())
            .filter(|c| c.is_alphanumeric())
            .collect()
    })
}

/// Fewest rows repeating one phrase for a grid of samples (one such row
/// is a sub-header repeated under a spanning header: "Status behov pr.
/// 01.01." beside "Status behov pr. 31.12.").
const SAMPLE_MIN_ROWS: usize = 2;
/// Smallest share of the rows with text that repeat one phrase.
const SAMPLE_ROW_SHARE: f64 = 0.5;

/// Do two or more rows, half of those with text, repeat one opening
/// phrase in all their filled cells, two or more of them?
fn repeats_a_phrase(texts: &[Vec<Option<String>>]) -> bool {
    let (mut with_text, mut same) = (0usize, 0usize);
    for row in texts {
        let phrases: Vec<Option<String>> = row
            .iter()
            .flatten()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .map(opening_phrase)
            .collect();
        if phrases.is_empty() {
            continue;
        }
        with_text += 1;
        same += usize::from(
            phrases.len() >= 2
                && phrases.iter().all(Option::is_some)
                && phrases.windows(2).all(|w| matches!(w, [a, b] if a == b)),
        );
    }
    same >= SAMPLE_MIN_ROWS && same as f64 >= SAMPLE_ROW_SHARE * with_text as f64
}

/// The text of each cell, by grid position (`None` where a spanning cell
/// covers it), its words in reading order.
fn row_texts(grid: &Grid, cell_words: &[Vec<PlacedWord>]) -> Vec<Vec<Option<String>>> {
    let mut out = vec![vec![None; grid.cols()]; grid.rows()];
    for (gc, words) in grid.cells.iter().zip(cell_words) {
        let mut ws: Vec<&PlacedWord> = words.iter().collect();
        ws.sort_by(|a, b| {
            let size = a.word.font_size.max(b.word.font_size).max(1.0);
            if (a.baseline - b.baseline).abs() > 0.35 * size {
                a.baseline.total_cmp(&b.baseline)
            } else {
                a.bbox().x0.total_cmp(&b.bbox().x0)
            }
        });
        let text = ws
            .iter()
            .map(|w| w.word.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(slot) = out.get_mut(gc.row).and_then(|r| r.get_mut(gc.col)) {
            *slot = Some(text);
        }
    }
    out
}

fn area(b: &BBox) -> f64 {
    b.width().max(0.0) * b.height().max(0.0)
}

/// Share of `b`'s area outside `page` (0 when the page size is unknown).
fn outside_share(b: &BBox, page: &BBox) -> f64 {
    let total = area(b);
    if total <= 0.0 || area(page) <= 0.0 {
        return 0.0;
    }
    let w = b.x1.min(page.x1) - b.x0.max(page.x0);
    let h = b.bottom.min(page.bottom) - b.top.max(page.top);
    1.0 - (w.max(0.0) * h.max(0.0)) / total
}

/// Is most of the grid open: area no cell covers, plus large cells that
/// hold next to no text?
fn is_mostly_open(grid: &Grid, cell_words: &[Vec<PlacedWord>]) -> bool {
    let total = area(&grid.bbox);
    if total <= 0.0 {
        return false;
    }
    let mut open = total;
    for (c, words) in grid.cells.iter().zip(cell_words) {
        let a = area(&c.bbox);
        let inked: f64 = words.iter().map(|w| area(&w.bbox())).sum();
        let sparse =
            a >= OPEN_CELL_SHARE * total && a >= OPEN_CELL_MIN_AREA && inked < SPARSE_INK_SHARE * a;
        if !sparse {
            open -= a;
        }
    }
    open >= FRAME_OPEN_SHARE * total
}

/// A word of a grid: its box's vertical centre, left and right edges, type
/// size and cell.
#[derive(Clone, Copy)]
struct GridWord<'a> {
    y: f64,
    x0: f64,
    x1: f64,
    size: f64,
    cell: usize,
    text: &'a str,
}

impl GridWord<'_> {
    /// Does a sentence run on from this word to `next` (a word ending in
    /// a letter, then one starting in lower case)?
    fn run_on_to(&self, next: &GridWord<'_>) -> bool {
        self.text
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
            && next.text.chars().next().is_some_and(char::is_lowercase)
    }
}

/// Do the grid's rules split lines of running text: two words of one
/// line, a word space apart, in different cells, a sentence running on
/// from the one to the other?
fn rules_cut_text(grid: &Grid, cell_words: &[Vec<PlacedWord>]) -> bool {
    let mut words: Vec<GridWord> = cell_words
        .iter()
        .enumerate()
        .flat_map(|(cell, ws)| {
            ws.iter().map(move |w| {
                let b = w.bbox();
                GridWord {
                    y: (b.top + b.bottom) / 2.0,
                    x0: b.x0,
                    x1: b.x1,
                    size: w.word.font_size.max(1.0),
                    cell,
                    text: w.word.text.as_str(),
                }
            })
        })
        .collect();
    words.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut lines: Vec<Vec<GridWord>> = Vec::new();
    for w in words {
        match lines.last_mut() {
            Some(line)
                if line
                    .last()
                    .is_some_and(|l| (w.y - l.y).abs() <= 0.3 * w.size.max(l.size)) =>
            {
                line.push(w)
            }
            _ => lines.push(vec![w]),
        }
    }
    let mut cut = 0usize;
    for line in &mut lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let cuts = line.windows(2).any(|p| match p {
            [a, b] => {
                let gap = b.x0 - a.x1;
                a.cell != b.cell
                    && gap < TEXT_GAP_EM * a.size.max(b.size)
                    && gap > -a.size
                    && a.run_on_to(b)
            }
            _ => false,
        });
        cut += usize::from(cuts);
    }
    cut >= CUT_LINES_MIN && cut as f64 >= CUT_LINES_SHARE * lines.len() as f64
        || runs_on_behind_boxes(grid, &lines)
}

/// Fewest lines running on behind a box for text drawn over.
const RUN_ON_LINES_MIN: usize = 2;
/// Smallest share of the steps from one cell to the next (within a line)
/// where the sentence runs on.
const RUN_ON_SHARE: f64 = 0.5;
/// How close (em) to its cell's right edge a line must end to run into
/// the box beyond it.
const RUN_ON_EDGE_EM: f64 = 1.5;

/// Do lines run on from one cell into a later cell of their row in
/// mid-sentence, the first part reaching its cell's edge: text set across
/// the grid's boxes rather than in cells?
fn runs_on_behind_boxes(grid: &Grid, lines: &[Vec<GridWord<'_>>]) -> bool {
    let (mut steps, mut run_on) = (0usize, 0usize);
    for line in lines {
        for pair in line.windows(2) {
            let [a, b] = pair else { continue };
            if a.cell == b.cell {
                continue;
            }
            steps += 1;
            let reaches = grid
                .cells
                .get(a.cell)
                .is_some_and(|c| c.bbox.x1 - a.x1 <= RUN_ON_EDGE_EM * a.size);
            run_on += usize::from(reaches && a.run_on_to(b));
        }
    }
    run_on >= RUN_ON_LINES_MIN && run_on as f64 >= RUN_ON_SHARE * steps as f64
}

/// Is (nearly) every filled cell a "name = value" label?
fn are_labelled_patches(cell_words: &[Vec<PlacedWord>]) -> bool {
    let texts: Vec<String> = cell_words
        .iter()
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.iter()
                .map(|p| p.word.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let labels = texts
        .iter()
        .filter(|t| {
            t.split_once('=')
                .is_some_and(|(name, value)| !name.trim().is_empty() && !value.trim().is_empty())
        })
        .count();
    texts.len() >= 2 && labels as f64 >= PATCH_LABEL_SHARE * texts.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::{Ruling, RulingKind, Word};
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

    /// A grid with column lines at `xs` and row lines at `ys`.
    fn grid(xs: &[f64], ys: &[f64]) -> Grid {
        let (Some(&x0), Some(&x1), Some(&y0), Some(&y1)) =
            (xs.first(), xs.last(), ys.first(), ys.last())
        else {
            panic!("empty grid")
        };
        let mut r: Vec<Ruling> = ys.iter().map(|&y| rule(x0, y, x1, y)).collect();
        r.extend(xs.iter().map(|&x| rule(x, y0, x, y1)));
        find_grids(&r, &TOL).into_iter().next().expect("a grid")
    }

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

    /// The words put into the grid's cells by their centres.
    fn fill(g: &Grid, words: Vec<PlacedWord>) -> Vec<Vec<PlacedWord>> {
        let mut out = vec![Vec::new(); g.cells.len()];
        for w in words {
            let b = w.bbox();
            if let Some(i) = g.cell_at((b.x0 + b.x1) / 2.0, (b.top + b.bottom) / 2.0) {
                out[i].push(w);
            }
        }
        out
    }

    const PAGE: BBox = BBox {
        x0: 0.0,
        top: 0.0,
        x1: 600.0,
        bottom: 800.0,
    };

    #[test]
    fn a_plain_table_passes_every_rule() {
        let g = grid(&[50.0, 150.0, 250.0], &[100.0, 120.0, 140.0, 160.0]);
        let w = fill(
            &g,
            vec![
                word(60.0, 105.0, "Year"),
                word(160.0, 105.0, "Total"),
                word(60.0, 125.0, "2009"),
                word(160.0, 125.0, "12"),
                word(60.0, 145.0, "2010"),
                word(160.0, 145.0, "14"),
            ],
        );
        assert_eq!(grid_verdict(&g, &w, &PAGE, &[]), None);
        assert_eq!(rows_verdict(&g, &w), None);
    }

    #[test]
    fn a_grid_off_the_page_or_round_an_empty_drawing_is_no_table() {
        let g = grid(&[400.0, 600.0, 800.0], &[100.0, 120.0, 140.0]);
        let w = fill(
            &g,
            vec![word(410.0, 105.0, "Tree"), word(410.0, 125.0, "Exit")],
        );
        assert_eq!(
            grid_verdict(&g, &w, &PAGE, &[]),
            Some("drawn outside the page")
        );
        // A page frame with a small title block at the bottom.
        let mut r = vec![
            rule(20.0, 20.0, 580.0, 20.0),
            rule(20.0, 700.0, 580.0, 700.0),
            rule(20.0, 740.0, 580.0, 740.0),
            rule(20.0, 780.0, 580.0, 780.0),
            rule(20.0, 20.0, 20.0, 780.0),
            rule(580.0, 20.0, 580.0, 780.0),
        ];
        r.push(rule(300.0, 700.0, 300.0, 780.0));
        let g = find_grids(&r, &TOL).into_iter().next().expect("a grid");
        let w = fill(
            &g,
            vec![
                word(30.0, 705.0, "Drawn"),
                word(310.0, 705.0, "Date"),
                word(30.0, 745.0, "Scale"),
                word(310.0, 745.0, "Sheet"),
            ],
        );
        assert_eq!(
            grid_verdict(&g, &w, &PAGE, &[]),
            Some("frame round a drawing")
        );
    }

    #[test]
    fn a_bar_chart_with_values_on_its_bars_is_no_table() {
        // Gridlines every 20 points; three bars; values on two of them.
        let g = grid(
            &[100.0, 150.0, 200.0, 250.0, 300.0],
            &[100.0, 120.0, 140.0, 160.0],
        );
        let bars = [
            BBox {
                x0: 150.0,
                top: 110.0,
                x1: 200.0,
                bottom: 160.0,
            },
            BBox {
                x0: 200.0,
                top: 130.0,
                x1: 250.0,
                bottom: 160.0,
            },
            BBox {
                x0: 250.0,
                top: 105.0,
                x1: 300.0,
                bottom: 160.0,
            },
        ];
        let w = fill(
            &g,
            vec![word(160.0, 125.0, "35 %"), word(260.0, 125.0, "48 %")],
        );
        assert_eq!(
            grid_verdict(&g, &w, &PAGE, &bars),
            Some("chart with data labels")
        );
        // The same grid with a label: a table with shaded cells.
        let w = fill(
            &g,
            vec![
                word(160.0, 125.0, "35 %"),
                word(260.0, 125.0, "48 %"),
                word(105.0, 105.0, "Oslo"),
            ],
        );
        assert_eq!(grid_verdict(&g, &w, &PAGE, &bars), None);
    }

    #[test]
    fn boxes_over_running_text_are_no_table() {
        // Prose lines at 12-point spacing; a box edge at x = 200 falls
        // between words a word space apart.
        let g = grid(&[50.0, 200.0, 400.0], &[100.0, 160.0, 220.0]);
        let mut words = Vec::new();
        for i in 0..9 {
            let top = 102.0 + 12.0 * f64::from(i);
            words.push(word(140.0, top, "lorem"));
            words.push(word(172.0, top, "ipsum"));
            words.push(word(203.0, top, "dolor"));
        }
        let w = fill(&g, words);
        assert_eq!(grid_verdict(&g, &w, &PAGE, &[]), Some("rules through text"));
    }

    #[test]
    fn a_box_drawn_over_a_paragraph_is_no_table() {
        // A black box over the middle of three prose lines: the lines run
        // up to it and on beyond it in mid-sentence.
        let g = grid(&[50.0, 200.0, 260.0, 400.0], &[100.0, 114.0, 128.0, 142.0]);
        let mut words = Vec::new();
        for (i, (left, right)) in [("odio in", "vestibulum"), ("vitae commodo", "tempor")]
            .iter()
            .enumerate()
        {
            let top = 116.0 + 14.0 * i as f64;
            words.push(word(190.0 - 6.0 * left.len() as f64, top, left));
            words.push(word(262.0, top, right));
        }
        words.push(word(60.0, 102.0, "Nullam euismod."));
        let w = fill(&g, words);
        assert_eq!(grid_verdict(&g, &w, &PAGE, &[]), Some("rules through text"));
    }

    #[test]
    fn colour_patches_with_labels_are_no_table() {
        let g = grid(&[50.0, 150.0, 250.0], &[100.0, 150.0, 200.0]);
        let w = fill(
            &g,
            vec![
                word(60.0, 120.0, "A = 0.75"),
                word(160.0, 120.0, "A = 0.80"),
                word(60.0, 170.0, "A = 0.55"),
                word(160.0, 170.0, "A = 0.60"),
            ],
        );
        assert_eq!(grid_verdict(&g, &w, &PAGE, &[]), Some("labelled patches"));
    }

    #[test]
    fn a_header_over_empty_rows_is_a_blank_form_table() {
        let g = grid(
            &[50.0, 150.0, 250.0, 350.0],
            &[100.0, 120.0, 140.0, 160.0, 180.0],
        );
        let w = fill(
            &g,
            vec![
                word(60.0, 105.0, "Name"),
                word(160.0, 105.0, "Born"),
                word(260.0, 105.0, "Link"),
            ],
        );
        assert!(is_blank_form(&g, &w));
        assert_eq!(rows_verdict(&g, &w), None);
        // One word in the body: not blank, and one row of cells only.
        let mut w2 = w.clone();
        w2[4].push(word(160.0, 125.0, "x"));
        assert!(!is_blank_form(&g, &w2));
        // A header over one empty row to fill in.
        let one = grid(&[50.0, 150.0, 350.0], &[100.0, 120.0, 140.0]);
        let w = fill(
            &one,
            vec![
                word(60.0, 105.0, "Key word"),
                word(160.0, 105.0, "Description"),
            ],
        );
        assert!(is_blank_form(&one, &w));
        assert_eq!(rows_verdict(&one, &w), None);
        // A header alone (no row under it) is no form.
        let alone = grid(&[50.0, 150.0, 350.0], &[100.0, 120.0]);
        let w = fill(
            &alone,
            vec![
                word(60.0, 105.0, "Key word"),
                word(160.0, 105.0, "Description"),
            ],
        );
        assert!(!is_blank_form(&alone, &w));
        // One title across the grid over one empty row: a box with an
        // empty compartment.
        let mut r: Vec<Ruling> = [100.0, 120.0, 140.0]
            .iter()
            .map(|&y| rule(50.0, y, 350.0, y))
            .collect();
        r.push(rule(50.0, 100.0, 50.0, 140.0));
        r.push(rule(350.0, 100.0, 350.0, 140.0));
        r.push(rule(150.0, 120.0, 150.0, 140.0));
        let merged = find_grids(&r, &TOL).into_iter().next().expect("a grid");
        let w = fill(&merged, vec![word(60.0, 105.0, "NamedFeature")]);
        assert!(!is_blank_form(&merged, &w));
        // A note of several lines beside a label over one empty row.
        let w = fill(
            &one,
            vec![
                word(60.0, 102.0, "Island"),
                word(60.0, 108.0, "polygons"),
                word(60.0, 114.0, "formed"),
                word(160.0, 105.0, "bound"),
            ],
        );
        assert!(!is_blank_form(&one, &w));
    }

    #[test]
    fn marks_scattered_over_widget_boxes_are_no_table() {
        let xs = [20.0, 40.0, 60.0, 80.0, 100.0, 120.0];
        let g = grid(&xs, &[50.0, 70.0, 90.0, 110.0]);
        let marks = |extra: Vec<PlacedWord>| {
            let mut ws = vec![
                word(25.0, 55.0, "1"),
                word(105.0, 55.0, "4"),
                word(85.0, 75.0, "3"),
                word(65.0, 95.0, "2"),
                word(105.0, 95.0, "5"),
            ];
            ws.extend(extra);
            fill(&g, ws)
        };
        assert_eq!(rows_verdict(&g, &marks(vec![])), Some("scattered entries"));
        // The same marks under a header row are a check-mark matrix.
        let hg = grid(&xs, &[30.0, 50.0, 70.0, 90.0, 110.0]);
        let mut ws: Vec<PlacedWord> = ["Mon", "Tue", "Wed", "Thu", "Fri"]
            .iter()
            .zip(xs)
            .map(|(t, x)| word(x + 2.0, 35.0, t))
            .collect();
        ws.extend([
            word(25.0, 55.0, "x"),
            word(105.0, 55.0, "x"),
            word(85.0, 75.0, "x"),
        ]);
        assert_eq!(rows_verdict(&hg, &fill(&hg, ws)), None);
        // ... and beside a label column, a sparse table of values.
        let labels = ["Oslo", "Bergen", "Moss"]
            .iter()
            .zip([55.0, 75.0, 95.0])
            .map(|(t, y)| word(22.0, y, t));
        let labelled = marks(vec![]).into_iter().flatten().chain(labels).collect();
        assert_eq!(rows_verdict(&g, &fill(&g, labelled)), None);
    }

    #[test]
    fn one_sample_text_repeated_in_every_cell_is_no_table() {
        let g = grid(&[50.0, 200.0, 350.0], &[50.0, 70.0, 90.0]);
        let cells = |texts: [&str; 4]| {
            let ws = texts
                .iter()
                .zip([(55.0, 55.0), (205.0, 55.0), (55.0, 75.0), (205.0, 75.0)])
                .flat_map(|(t, (x, y))| {
                    let mut x = x;
                    t.split(' ')
                        .map(|part| {
                            let w = word(x, y, part);
                            x += 6.0 * part.chars().count() as f64 + 4.0;
                            w
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            fill(&g, ws)
        };
        let samples = cells([
            "Sample text 1",
            "Sample text 2",
            "Sample text 3",
            "Sample text 4",
        ]);
        assert_eq!(
            rows_verdict(&g, &samples),
            Some("same text across each row")
        );
        let table = cells(["Sample", "Weight", "A1", "12"]);
        assert_eq!(rows_verdict(&g, &table), None);
        let amounts = cells(["Year", "Grant", "kr 100 000", "kr 350 000"]);
        assert_eq!(rows_verdict(&g, &amounts), None);
    }

    #[test]
    fn values_stacked_one_per_row_are_no_table() {
        let g = grid(&[50.0, 100.0, 150.0], &[50.0, 70.0, 90.0, 110.0]);
        let w = fill(
            &g,
            vec![
                word(105.0, 55.0, "004"),
                word(105.0, 75.0, "46"),
                word(55.0, 95.0, "5"),
            ],
        );
        assert_eq!(rows_verdict(&g, &w), Some("no row of several cells"));
        let w2 = fill(
            &g,
            vec![
                word(105.0, 55.0, "004"),
                word(55.0, 75.0, "Total"),
                word(105.0, 75.0, "46"),
            ],
        );
        assert_eq!(rows_verdict(&g, &w2), None);
    }

    #[test]
    fn a_row_of_numbers_under_a_title_is_no_table() {
        let g = grid(&[50.0, 100.0, 150.0, 200.0], &[50.0, 70.0, 90.0]);
        let w = fill(
            &g,
            vec![
                word(55.0, 55.0, "Numbers"),
                word(55.0, 75.0, "1"),
                word(105.0, 75.0, "2"),
                word(155.0, 75.0, "3"),
            ],
        );
        assert_eq!(rows_verdict(&g, &w), Some("one row under a title"));
        // Without the title: perhaps the last row of a table continued
        // from the page before.
        let w = fill(
            &g,
            vec![
                word(55.0, 75.0, "1"),
                word(105.0, 75.0, "2"),
                word(155.0, 75.0, "3"),
            ],
        );
        assert_eq!(rows_verdict(&g, &w), None);
    }

    #[test]
    fn labels_above_and_below_one_row_of_figures_are_a_table() {
        // A statement continued from the page before: items in the first
        // column, figures in one row only, the other values blank.
        let g = grid(
            &[50.0, 100.0, 150.0, 200.0],
            &[50.0, 70.0, 90.0, 110.0, 130.0, 150.0],
        );
        let w = fill(
            &g,
            vec![
                word(55.0, 55.0, "Other"),
                word(55.0, 75.0, "Deferred"),
                word(55.0, 95.0, "Total"),
                word(105.0, 95.0, "2,434.51"),
                word(155.0, 95.0, "-7,061.01"),
                word(55.0, 115.0, "Earnings"),
                word(55.0, 135.0, "Diluted"),
            ],
        );
        assert_eq!(rows_verdict(&g, &w), None);
    }

    #[test]
    fn boxes_stacked_one_field_each_are_a_form() {
        // Rows of fields across the whole width, one pair of boxes side
        // by side.
        let mut r = Vec::new();
        for y in [100.0, 130.0, 160.0, 190.0, 220.0] {
            r.push(rule(50.0, y, 450.0, y));
        }
        r.push(rule(50.0, 100.0, 50.0, 220.0));
        r.push(rule(450.0, 100.0, 450.0, 220.0));
        r.push(rule(250.0, 100.0, 250.0, 130.0));
        let g = find_grids(&r, &TOL).into_iter().next().expect("a grid");
        let w = fill(
            &g,
            vec![
                word(55.0, 105.0, "Name:"),
                word(255.0, 105.0, "Date:"),
                word(55.0, 135.0, "9. Type of Applicant:"),
                word(55.0, 165.0, "10. Agency:"),
                word(55.0, 195.0, "11. Title:"),
            ],
        );
        assert_eq!(rows_verdict(&g, &w), Some("stacked boxes of a form"));
        // The same grid with column rules all the way down is a table.
        r.push(rule(250.0, 130.0, 250.0, 220.0));
        let g = find_grids(&r, &TOL).into_iter().next().expect("a grid");
        let w = fill(
            &g,
            vec![
                word(55.0, 105.0, "Name"),
                word(255.0, 105.0, "Count"),
                word(55.0, 135.0, "Rail"),
                word(255.0, 135.0, "12"),
                word(55.0, 165.0, "Road"),
                word(255.0, 165.0, "7"),
                word(55.0, 195.0, "Sea"),
                word(255.0, 195.0, "3"),
            ],
        );
        assert_eq!(rows_verdict(&g, &w), None);
    }

    #[test]
    fn captions_at_the_top_of_blank_boxes_are_no_table() {
        // Boxes 36 points high, a caption 10 high at the top of each.
        let g = grid(&[50.0, 250.0, 400.0, 550.0], &[100.0, 136.0, 172.0, 208.0]);
        let captions = vec![
            word(52.0, 101.0, "Your first name"),
            word(252.0, 101.0, "Last name"),
            word(402.0, 101.0, "Social security no."),
            word(52.0, 137.0, "Spouse's first name"),
            word(252.0, 137.0, "Last name"),
            word(52.0, 173.0, "Home address"),
            word(252.0, 173.0, "Apt. no."),
            word(402.0, 173.0, "City"),
        ];
        assert_eq!(
            rows_verdict(&g, &fill(&g, captions)),
            Some("captions of boxes to write in")
        );
        // The same boxes with their text in the middle of each: a table
        // with tall rows.
        let centred = vec![
            word(52.0, 113.0, "Name"),
            word(252.0, 113.0, "Year"),
            word(402.0, 113.0, "Amount"),
            word(52.0, 149.0, "Rail"),
            word(252.0, 149.0, "2010"),
            word(402.0, 149.0, "1,204"),
            word(52.0, 185.0, "Road"),
            word(252.0, 185.0, "2011"),
            word(402.0, 185.0, "640"),
        ];
        assert_eq!(rows_verdict(&g, &fill(&g, centred)), None);
    }

    /// The outlines of boxes given as `(x0, top, x1, bottom)`.
    fn boxes(b: &[(f64, f64, f64, f64)]) -> Vec<Ruling> {
        let mut r = Vec::new();
        for &(x0, top, x1, bottom) in b {
            r.push(rule(x0, top, x1, top));
            r.push(rule(x0, bottom, x1, bottom));
            r.push(rule(x0, top, x0, bottom));
            r.push(rule(x1, top, x1, bottom));
        }
        r
    }

    #[test]
    fn boxes_whose_edges_do_not_line_up_with_a_gap_are_staggered() {
        // Two boxes side by side, a wider one under the first ending
        // between the edges above, the corner beside it empty.
        let r = boxes(&[
            (50.0, 100.0, 200.0, 160.0),
            (200.0, 100.0, 330.0, 160.0),
            (50.0, 160.0, 250.0, 290.0),
        ]);
        let g = find_grids(&r, &TOL).into_iter().next().expect("a grid");
        assert!(is_staggered(&g));
        // A form's fields of their own widths row by row leave no gap.
        let r = boxes(&[
            (50.0, 100.0, 200.0, 130.0),
            (200.0, 100.0, 330.0, 130.0),
            (50.0, 130.0, 250.0, 160.0),
            (250.0, 130.0, 330.0, 160.0),
        ]);
        let g = find_grids(&r, &TOL).into_iter().next().expect("a grid");
        assert!(!is_staggered(&g));
        // Columns lined up row to row are a table's, gap or not.
        let r = boxes(&[
            (50.0, 100.0, 200.0, 130.0),
            (200.0, 100.0, 330.0, 130.0),
            (50.0, 130.0, 200.0, 160.0),
        ]);
        let g = find_grids(&r, &TOL).into_iter().next().expect("a grid");
        assert!(!is_staggered(&g));
    }

    #[test]
    fn boxes_of_a_diagram_joined_by_lines_are_no_table() {
        // Three class boxes side by side and below, their edges and the
        // connector lines making one grid in which each box spans
        // several columns.
        let mut r = Vec::new();
        for (x0, top, x1, bottom) in [
            (50.0, 100.0, 150.0, 140.0),
            (250.0, 100.0, 350.0, 140.0),
            (120.0, 160.0, 280.0, 200.0),
        ] {
            r.push(rule(x0, top, x1, top));
            r.push(rule(x0, bottom, x1, bottom));
            r.push(rule(x0, top, x0, bottom));
            r.push(rule(x1, top, x1, bottom));
        }
        r.push(rule(50.0, 160.0, 350.0, 160.0));
        r.push(rule(120.0, 140.0, 120.0, 160.0));
        r.push(rule(280.0, 140.0, 280.0, 160.0));
        r.push(rule(50.0, 140.0, 50.0, 160.0));
        r.push(rule(350.0, 140.0, 350.0, 160.0));
        let g = find_grids(&r, &TOL).into_iter().next().expect("a grid");
        let w = fill(
            &g,
            vec![
                word(55.0, 105.0, "Entity"),
                word(55.0, 120.0, "+ id: UUID"),
                word(255.0, 105.0, "Event"),
                word(125.0, 170.0, "PointEntity"),
            ],
        );
        assert_eq!(rows_verdict(&g, &w), Some("boxes of a diagram"));
    }

    #[test]
    fn a_board_of_large_squares_with_their_names_is_no_table() {
        let xs: Vec<f64> = (0..5).map(|i| 50.0 + 100.0 * f64::from(i)).collect();
        let g = grid(&xs, &xs);
        let mut words = Vec::new();
        for (r, rank) in ["4", "3", "2", "1"].iter().enumerate() {
            for (c, file) in ["a", "b", "c", "d"].iter().enumerate() {
                words.push(word(
                    52.0 + 100.0 * c as f64,
                    138.0 + 100.0 * r as f64,
                    &format!("{file}{rank}"),
                ));
            }
        }
        let w = fill(&g, words);
        assert_eq!(
            grid_verdict(&g, &w, &PAGE, &[]),
            Some("board of empty squares")
        );
        // Small cells with the same names: a table of codes.
        let xs: Vec<f64> = (0..5).map(|i| 50.0 + 30.0 * f64::from(i)).collect();
        let ys: Vec<f64> = (0..5).map(|i| 50.0 + 14.0 * f64::from(i)).collect();
        let g = grid(&xs, &ys);
        let mut words = Vec::new();
        for r in 0..4 {
            for c in 0..4 {
                words.push(word(52.0 + 30.0 * c as f64, 52.0 + 14.0 * r as f64, "a1"));
            }
        }
        let w = fill(&g, words);
        assert_eq!(grid_verdict(&g, &w, &PAGE, &[]), None);
    }
}
