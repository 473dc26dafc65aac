//! Tables that came out in pieces, made whole again. Two classes:
//!
//! - **a piece inside another table**: a table whose box lies within
//!   another's (the right-hand block of columns found on its own, the main
//!   table left with blanks there). Its cells move into the blank cells of
//!   the outer table they fall in; the piece is no table of its own.
//! - **two tables read as one**: a borderless table whose header row
//!   comes again further down is two tables stacked, each with its own
//!   header; it is cut before the repeated header. So is one that opens
//!   with a header row and further down holds another header-like row (two
//!   or more cells of words, no figures) between rows of figures, over a
//!   figure, either set apart by a wider gap than the rows' usual spacing or
//!   filling the same columns as the first header: the second table's own
//!   header. Each part keeps only the columns it fills.
//! - **a ruled header over a borderless body**: a band of a few ruled rows
//!   (the header, drawn in boxes) right above a borderless table as wide
//!   as it, with more rows, is that table's header: one table.
//! - **a table cut at label-only lines**: a borderless table broken where a
//!   group label stands alone on its line ("Class B", "Total for the fund")
//!   or above which its header lines were read apart. Two borderless tables
//!   one above the other, overlapping across, with at most a few label-only
//!   lines between them and no header row of its own on the lower one, are
//!   one table; the label lines become rows of it.

use crate::geometry::{BBox, Cell, Table, TableMethod, TextLine};
use crate::stream::StreamTolerances;
use crate::table_checks::{is_figure, is_no_value};

/// Share of a table's area that must lie inside another's for it to be a
/// piece of that table.
const INSIDE_SHARE: f64 = 0.8;
/// Smallest overlap across (share of the narrower table's width) for two
/// tables to be parts of one.
const JOIN_OVERLAP: f64 = 0.8;
/// Most label-only lines between two parts of one table.
const JOIN_MAX_LABELS: usize = 3;
/// Words set smaller than this share of a line's type size are marks
/// (footnote numbers), not figures.
const MARK_SIZE: f64 = 0.8;
/// Blank rows (at the table's row spacing) that may separate two parts of
/// one table besides its label lines.
const JOIN_BLANK_ROWS: usize = 3;

/// Makes whole the tables of one frame: borderless pieces inside other
/// tables are put into their blank cells, borderless parts cut at
/// label-only lines are joined. Returns the borderless tables left;
/// `lines` are the frame's lines outside ruled tables.
pub(crate) fn make_whole(
    ruled: &mut [Table],
    stream: Vec<Table>,
    lines: &[TextLine],
) -> Vec<Table> {
    let mut left = Vec::with_capacity(stream.len());
    for piece in stream {
        let inner = piece.bbox;
        let outer = ruled
            .iter_mut()
            .find(|t| intersection(&t.bbox, &inner) >= INSIDE_SHARE * area(&inner));
        match outer {
            Some(outer) => fill_blanks(outer, &piece),
            None => left.push(piece),
        }
    }
    let left: Vec<Table> = left
        .into_iter()
        .flat_map(split_at_repeated_header)
        .collect();
    join_parts(absorb_pieces(left), lines)
}

/// Fewest cells with text in a header row for its repetition to start a
/// new table.
const HEADER_MIN_CELLS: usize = 2;
/// Most rows of a ruled band that is a borderless table's header.
const RULED_HEADER_MAX_ROWS: usize = 4;
/// Largest gap (text lines of the body) between a ruled header and its
/// borderless body.
const RULED_HEADER_GAP_LINES: f64 = 2.0;

/// Joins each ruled band of a few rows to the borderless table right
/// under it, as wide as it and with more rows: the band is that table's
/// header. Returns the borderless tables (joined ones holding their
/// header's rows) and the indices of the ruled tables taken in.
pub(crate) fn join_ruled_headers(ruled: &[Table], stream: Vec<Table>) -> (Vec<Table>, Vec<usize>) {
    let mut taken = Vec::new();
    let mut out = Vec::with_capacity(stream.len());
    for body in stream {
        let b = body.bbox;
        let gap = RULED_HEADER_GAP_LINES * line_height(&body).max(1.0);
        let header = ruled.iter().enumerate().find(|(i, r)| {
            let a = r.bbox;
            let across = a.x1.min(b.x1) - a.x0.max(b.x0);
            !taken.contains(i)
                && r.rows.len() <= RULED_HEADER_MAX_ROWS
                && body.rows.len() > r.rows.len()
                && b.top >= a.bottom - 1.0
                && b.top - a.bottom <= gap
                && across >= JOIN_OVERLAP * a.width().min(b.width())
        });
        match header {
            Some((i, r)) => {
                taken.push(i);
                out.push(join(r.clone(), &[], body));
            }
            None => out.push(body),
        }
    }
    (out, taken)
}

/// Cuts a borderless table before each later row repeating its first row.
fn split_at_repeated_header(t: Table) -> Vec<Table> {
    let key = |row: &[Option<Cell>]| -> Vec<String> {
        row.iter()
            .map(|c| {
                c.as_ref()
                    .map(|c| c.text.split_whitespace().collect::<String>())
                    .unwrap_or_default()
            })
            .collect()
    };
    let Some(header) = t.rows.first().map(|r| key(r)) else {
        return vec![t];
    };
    if header.iter().filter(|c| !c.is_empty()).count() < HEADER_MIN_CELLS {
        return vec![t];
    }
    let new_headers = new_header_rows(&t);
    // A row of words printed twice further down is the header of each of
    // two stacked tables, also when the first table opens with rows carried
    // over from the page before (its first row is then no header).
    let keys: Vec<Vec<String>> = t.rows.iter().map(|r| key(r)).collect();
    let words_only = |row: &[Option<Cell>]| {
        let texts = row_texts(row);
        texts.iter().filter(|c| !c.is_empty()).count() >= HEADER_MIN_CELLS
            && !texts.iter().any(|c| holds_figure(c))
    };
    let repeated_header = |r: usize| {
        let Some(k) = keys.get(r) else {
            return false;
        };
        let first_seen = keys.iter().position(|o| o == k).unwrap_or(r);
        let seen_again = keys.iter().skip(r + 1).any(|o| o == k);
        (first_seen < r || seen_again) && t.rows.get(r).is_some_and(|row| words_only(row))
    };
    let cuts: Vec<usize> = (2..t.rows.len())
        .filter(|&r| {
            keys.get(r).is_some_and(|k| *k == header)
                || new_headers.contains(&r)
                || repeated_header(r)
        })
        .collect();
    if cuts.is_empty() {
        return vec![t];
    }
    let mut out = Vec::new();
    let mut start = 0;
    for end in cuts.into_iter().chain([t.rows.len()]) {
        let rows: Vec<Vec<Option<Cell>>> = t.rows.get(start..end).unwrap_or(&[]).to_vec();
        let bbox = rows
            .iter()
            .flatten()
            .flatten()
            .map(|c| c.bbox)
            .reduce(|a, b| a.union(&b));
        if let Some(bbox) = bbox {
            out.push(Table {
                bbox,
                rows: drop_unused_columns(rows),
                method: t.method,
            });
        }
        start = end;
    }
    out
}

/// A gap above a row this many times the table's usual row spacing sets
/// it apart from the rows above.
const STACK_GAP_PITCHES: f64 = 1.3;
/// Cells over figures a header-like row at the usual spacing needs to open
/// a second table.
const PATTERN_MIN_OVER_FIGURES: usize = 2;

/// The text of each cell of a row, empty where blank or covered.
fn row_texts(row: &[Option<Cell>]) -> Vec<&str> {
    row.iter()
        .map(|c| c.as_ref().map_or("", |c| c.text.trim()))
        .collect()
}

fn holds_figure(text: &str) -> bool {
    text.split_whitespace().any(is_figure)
}

/// A header-like row: two or more cells of words, none a figure or a
/// "no value" mark.
fn is_header_like(row: &[Option<Cell>]) -> bool {
    let texts = row_texts(row);
    let filled: Vec<&&str> = texts.iter().filter(|t| !t.is_empty()).collect();
    filled.len() >= HEADER_MIN_CELLS && !filled.iter().any(|t| is_no_value(t) || holds_figure(t))
}

/// Rows of a borderless table that open a second table stacked under the
/// first: the table opens with a header row, and the row is header-like,
/// follows a row holding a figure, stands over a figure in one of its own
/// columns and is set apart by a wide gap, or fills the header's columns
/// and stands over figures in two of them.
fn new_header_rows(t: &Table) -> Vec<usize> {
    let Some(first) = t.rows.first() else {
        return Vec::new();
    };
    if !is_header_like(first) {
        return Vec::new();
    }
    let filled_cols = |row: &[Option<Cell>]| -> Vec<usize> {
        row_texts(row)
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.is_empty())
            .map(|(c, _)| c)
            .collect()
    };
    let header_cols = filled_cols(first);
    let top = |row: &[Option<Cell>]| {
        row.iter()
            .flatten()
            .filter(|c| !c.text.is_empty())
            .map(|c| c.bbox.top)
            .reduce(f64::min)
    };
    let pitch = row_pitch(t);
    (2..t.rows.len())
        .filter(|&r| {
            let (Some(above), Some(row), Some(below)) =
                (t.rows.get(r - 1), t.rows.get(r), t.rows.get(r + 1))
            else {
                return false;
            };
            if !is_header_like(row) || !row_texts(above).iter().any(|t| holds_figure(t)) {
                return false;
            }
            let cols = filled_cols(row);
            let below = row_texts(below);
            let over_figures = cols
                .iter()
                .filter(|&&c| below.get(c).is_some_and(|t| holds_figure(t)))
                .count();
            let gap = match (top(above), top(row)) {
                (Some(a), Some(b)) => b - a,
                _ => 0.0,
            };
            // A row of words in the header's columns but at the usual spacing
            // stands over figures in two or more columns: one word over a
            // figure is as often a value ("unknown") as a header.
            let set_apart = pitch > 0.0 && gap >= STACK_GAP_PITCHES * pitch;
            (set_apart && over_figures >= 1)
                || (cols == header_cols && over_figures >= PATTERN_MIN_OVER_FIGURES)
        })
        .collect()
}

/// The rows without the columns blank in every one of them (a part of a
/// table cut off its neighbour keeps only its own columns). Left as they
/// are when any cell spans or is covered.
fn drop_unused_columns(rows: Vec<Vec<Option<Cell>>>) -> Vec<Vec<Option<Cell>>> {
    let plain = rows.iter().flatten().all(|c| {
        c.as_ref()
            .is_some_and(|c| c.row_span == 1 && c.col_span == 1)
    });
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    if !plain || rows.iter().any(|r| r.len() != cols) {
        return rows;
    }
    let used: Vec<bool> = (0..cols)
        .map(|c| {
            rows.iter().any(|r| {
                r.get(c)
                    .is_some_and(|x| x.as_ref().is_some_and(|x| !x.text.trim().is_empty()))
            })
        })
        .collect();
    if used.iter().all(|&u| u) || !used.iter().any(|&u| u) {
        return rows;
    }
    rows.into_iter()
        .map(|r| {
            r.into_iter()
                .zip(&used)
                .filter(|(_, &u)| u)
                .map(|(c, _)| c)
                .collect()
        })
        .collect()
}

fn area(b: &BBox) -> f64 {
    b.width().max(0.0) * b.height().max(0.0)
}

fn intersection(a: &BBox, b: &BBox) -> f64 {
    let w = a.x1.min(b.x1) - a.x0.max(b.x0);
    let h = a.bottom.min(b.bottom) - a.top.max(b.top);
    w.max(0.0) * h.max(0.0)
}

fn centre(b: &BBox) -> (f64, f64) {
    ((b.x0 + b.x1) / 2.0, (b.top + b.bottom) / 2.0)
}

fn holds(b: &BBox, (x, y): (f64, f64)) -> bool {
    b.x0 <= x && x <= b.x1 && b.top <= y && y <= b.bottom
}

/// Moves each table lying inside another into the other's blank cells.
fn absorb_pieces(mut tables: Vec<Table>) -> Vec<Table> {
    let mut i = 0;
    while i < tables.len() {
        let Some(piece) = tables.get(i) else { break };
        let inner = piece.bbox;
        let outer = (0..tables.len()).find(|&j| {
            j != i
                && tables.get(j).is_some_and(|t| {
                    area(&t.bbox) > area(&inner)
                        && intersection(&t.bbox, &inner) >= INSIDE_SHARE * area(&inner)
                })
        });
        match outer {
            Some(j) => {
                let piece = tables.remove(i);
                let j = if j > i { j - 1 } else { j };
                if let Some(outer) = tables.get_mut(j) {
                    fill_blanks(outer, &piece);
                }
            }
            None => i += 1,
        }
    }
    tables
}

/// Puts the text of `piece`'s cells into the blank cells of `table` that
/// their centres fall in (text that lands on a filled cell is added to it).
fn fill_blanks(table: &mut Table, piece: &Table) {
    for cell in piece.rows.iter().flatten().flatten() {
        if cell.text.is_empty() {
            continue;
        }
        let at = centre(&cell.bbox);
        let target = table
            .rows
            .iter_mut()
            .flatten()
            .flatten()
            .find(|c| holds(&c.bbox, at));
        if let Some(target) = target {
            if target.text.is_empty() {
                target.text = cell.text.clone();
            } else {
                target.text.push('\n');
                target.text.push_str(&cell.text);
            }
        }
    }
}

/// Joins borderless tables cut apart at label-only lines.
fn join_parts(mut tables: Vec<Table>, lines: &[TextLine]) -> Vec<Table> {
    tables.sort_by(|a, b| a.bbox.top.total_cmp(&b.bbox.top));
    let mut out: Vec<Table> = Vec::with_capacity(tables.len());
    for next in tables {
        let labels = out
            .iter()
            .rposition(|prev| prev.method == TableMethod::Stream)
            .and_then(|k| {
                out.get(k)
                    .map(|prev| (k, labels_between(prev, &next, lines)))
            });
        match labels {
            Some((k, Some(labels))) if next.method == TableMethod::Stream => {
                if let Some(prev) = out.get_mut(k) {
                    let upper = std::mem::replace(prev, empty_table());
                    *prev = join(upper, &labels, next);
                }
            }
            _ => out.push(next),
        }
    }
    out
}

fn empty_table() -> Table {
    Table {
        bbox: BBox {
            x0: 0.0,
            top: 0.0,
            x1: 0.0,
            bottom: 0.0,
        },
        rows: Vec::new(),
        method: TableMethod::Stream,
    }
}

/// The label-only lines between `upper` and `lower` when they are parts of
/// one table, `None` when they are not.
fn labels_between<'a>(
    upper: &Table,
    lower: &Table,
    lines: &'a [TextLine],
) -> Option<Vec<&'a TextLine>> {
    let (a, b) = (upper.bbox, lower.bbox);
    let across = a.x1.min(b.x1) - a.x0.max(b.x0);
    if b.top < a.bottom || across < JOIN_OVERLAP * a.width().min(b.width()) {
        return None;
    }
    // Parts set in different type sizes are two tables under a title
    // (stream detection parts them there), not one cut at a group label.
    if let (Some(x), Some(y)) = (type_size(&a, lines), type_size(&b, lines)) {
        if x.max(y) > StreamTolerances::default().size_change * x.min(y) {
            return None;
        }
    }
    let em = line_height(upper).max(1.0);
    let pitch = row_pitch(upper).max(em);
    // The first column of the part reaching further left: a header cut
    // off its table may have no cell over the row labels.
    let first_col = [upper, lower]
        .iter()
        .filter_map(|t| column_ranges(t).into_iter().next())
        .min_by(|p, q| p.0.total_cmp(&q.0))?;
    let right = a.x1.max(b.x1);
    let mut labels = Vec::new();
    for l in lines {
        let Some(lb) = l.bbox else { continue };
        let (_, cy) = centre(&lb);
        if cy <= a.bottom || cy >= b.top || lb.x1 < a.x0.min(b.x0) || lb.x0 > a.x1.max(b.x1) {
            continue;
        }
        // A footnote mark raised onto a line of its own is no label.
        if lb.height() < MARK_SIZE * em {
            continue;
        }
        // A group label: words only, starting in the first column, not
        // reaching into the columns of figures.
        // (Footnote marks set small do not count.)
        let size = l.words.iter().map(|w| w.font_size).fold(0.0f64, f64::max);
        let words_only = !l
            .words
            .iter()
            .any(|w| w.font_size >= MARK_SIZE * size && is_figure(&w.text));
        let in_first = lb.x0 >= first_col.0 - em && lb.x0 <= first_col.1;
        if !words_only || !in_first || lb.x1 > first_col.1 + 0.5 * (right - first_col.1) {
            return None;
        }
        labels.push(l);
    }
    // The gap may hold the label lines and a blank line or two, at the
    // table's own row spacing.
    let room = (labels.len() + JOIN_BLANK_ROWS) as f64 * pitch;
    if labels.len() > JOIN_MAX_LABELS || b.top - a.bottom > room || has_header(lower) {
        return None;
    }
    Some(labels)
}

/// The median type size of the lines whose middle lies inside `area`.
fn type_size(area: &BBox, lines: &[TextLine]) -> Option<f64> {
    let mut sizes: Vec<f64> = lines
        .iter()
        .filter(|l| l.bbox.is_some_and(|b| holds(area, centre(&b))))
        .flat_map(|l| l.words.iter().map(|w| w.font_size))
        .collect();
    sizes.sort_by(f64::total_cmp);
    sizes.get(sizes.len() / 2).copied()
}

/// The usual distance between the tops of two rows.
fn row_pitch(t: &Table) -> f64 {
    let tops: Vec<f64> = t
        .rows
        .iter()
        .filter_map(|r| {
            r.iter()
                .flatten()
                .filter(|c| !c.text.is_empty())
                .map(|c| c.bbox.top)
                .reduce(f64::min)
        })
        .collect();
    let mut steps: Vec<f64> = tops
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if b > a => Some(b - a),
            _ => None,
        })
        .collect();
    steps.sort_by(f64::total_cmp);
    steps.get(steps.len() / 2).copied().unwrap_or(0.0)
}

/// The usual height of a row's text.
fn line_height(t: &Table) -> f64 {
    let mut h: Vec<f64> = t
        .rows
        .iter()
        .flatten()
        .flatten()
        .filter(|c| !c.text.is_empty() && !c.text.contains('\n'))
        .map(|c| c.bbox.height())
        .collect();
    h.sort_by(f64::total_cmp);
    h.get(h.len() / 2).copied().unwrap_or(10.0)
}

/// Does the table open with a header row: two or more cells of words, no
/// figures and no "no value" marks? (A table of its own starts so; a part cut off its table starts
/// with data.)
fn has_header(t: &Table) -> bool {
    let Some(first) = t.rows.first() else {
        return false;
    };
    let filled: Vec<&Cell> = first
        .iter()
        .flatten()
        .filter(|c| !c.text.is_empty())
        .collect();
    filled.len() >= 2
        && !filled
            .iter()
            .any(|c| is_no_value(&c.text) || c.text.split_whitespace().any(is_figure))
}

/// Each column's x range, from its unspanned cells with text (or all its
/// cells when none has text).
fn column_ranges(t: &Table) -> Vec<(f64, f64)> {
    let cols = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..cols)
        .map(|c| {
            let cells = || {
                t.rows
                    .iter()
                    .filter_map(move |r| r.get(c).and_then(Option::as_ref))
                    .filter(|cell| cell.col_span == 1)
            };
            let text: Vec<&Cell> = cells().filter(|cell| !cell.text.is_empty()).collect();
            let pick: Vec<&Cell> = if text.is_empty() {
                cells().collect()
            } else {
                text
            };
            let x0 = pick.iter().map(|c| c.bbox.x0).fold(f64::INFINITY, f64::min);
            let x1 = pick
                .iter()
                .map(|c| c.bbox.x1)
                .fold(f64::NEG_INFINITY, f64::max);
            (x0, x1)
        })
        .collect()
}

/// One table from `upper`, the `labels` lines below it and `lower`, in the
/// columns of the one with more columns.
fn join(upper: Table, labels: &[&TextLine], lower: Table) -> Table {
    let base = if lower.rows.first().map_or(0, Vec::len) >= upper.rows.first().map_or(0, Vec::len) {
        &lower
    } else {
        &upper
    };
    let ranges = column_ranges(base);
    let column_of = |x: f64| -> usize {
        ranges
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| {
                let d = |r: &(f64, f64)| {
                    if x < r.0 {
                        r.0 - x
                    } else if x > r.1 {
                        x - r.1
                    } else {
                        0.0
                    }
                };
                d(a).total_cmp(&d(b))
            })
            .map_or(0, |(i, _)| i)
    };
    let cols = ranges.len();
    let mut rows: Vec<Vec<Option<Cell>>> = Vec::new();
    let mut place = |cells: Vec<(String, BBox)>| {
        let (top, bottom) = cells
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(t, b), (_, c)| {
                (t.min(c.top), b.max(c.bottom))
            });
        let mut row: Vec<Option<Cell>> = ranges
            .iter()
            .map(|&(x0, x1)| {
                Some(Cell {
                    text: String::new(),
                    bbox: BBox {
                        x0,
                        top,
                        x1,
                        bottom,
                    },
                    row_span: 1,
                    col_span: 1,
                })
            })
            .collect();
        for (text, b) in cells {
            let c = column_of(centre(&b).0).min(cols.saturating_sub(1));
            if let Some(Some(cell)) = row.get_mut(c) {
                if cell.text.is_empty() {
                    cell.text = text;
                    cell.bbox = b;
                } else {
                    cell.text.push(' ');
                    cell.text.push_str(&text);
                    cell.bbox = cell.bbox.union(&b);
                }
            }
        }
        rows.push(row);
    };
    let cells_of = |row: &[Option<Cell>]| -> Vec<(String, BBox)> {
        row.iter()
            .flatten()
            .filter(|c| !c.text.is_empty())
            .map(|c| (c.text.clone(), c.bbox))
            .collect()
    };
    for row in &upper.rows {
        place(cells_of(row));
    }
    for l in labels {
        if let Some(b) = l.bbox {
            place(vec![(l.text.clone(), b)]);
        }
    }
    for row in &lower.rows {
        place(cells_of(row));
    }
    // Rows left without any text (all their cells spanned) are dropped.
    rows.retain(|r| r.iter().flatten().any(|c| !c.text.is_empty()));
    Table {
        bbox: upper.bbox.union(&lower.bbox),
        rows,
        method: TableMethod::Stream,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::Word;

    fn cell(x0: f64, top: f64, x1: f64, text: &str) -> Option<Cell> {
        Some(Cell {
            text: text.to_owned(),
            bbox: BBox {
                x0,
                top,
                x1,
                bottom: top + 10.0,
            },
            row_span: 1,
            col_span: 1,
        })
    }

    /// A two-column stream table of `(label, value)` rows from `top`, 14
    /// points apart.
    fn table(top: f64, rows: &[(&str, &str)]) -> Table {
        let rows: Vec<Vec<Option<Cell>>> = rows
            .iter()
            .enumerate()
            .map(|(i, (a, b))| {
                let y = top + 14.0 * i as f64;
                vec![cell(70.0, y, 250.0, a), cell(450.0, y, 530.0, b)]
            })
            .collect();
        let bottom = top + 14.0 * rows.len() as f64 - 4.0;
        Table {
            bbox: BBox {
                x0: 70.0,
                top,
                x1: 530.0,
                bottom,
            },
            rows,
            method: TableMethod::Stream,
        }
    }

    fn line(x0: f64, top: f64, text: &str) -> TextLine {
        let b = BBox {
            x0,
            top,
            x1: x0 + 6.0 * text.len() as f64,
            bottom: top + 10.0,
        };
        TextLine {
            text: text.to_owned(),
            bbox: Some(b),
            words: vec![Word {
                text: text.to_owned(),
                bbox: Some(b),
                font_size: 10.0,
                rotation: 0.0,
                font: None,
            }],
            cell: None,
        }
    }

    fn texts(t: &Table) -> Vec<Vec<String>> {
        crate::bench_format::table_rows(t)
    }

    #[test]
    fn parts_cut_at_a_group_label_are_one_table() {
        let a = table(
            100.0,
            &[("Net asset value", "5,111,372"), ("Units", "49,136")],
        );
        let b = table(
            150.0,
            &[("Net asset value", "49,144,825"), ("Units", "471,555")],
        );
        let labels = [line(70.0, 132.0, "Class B")];
        let joined = make_whole(&mut [], vec![a, b], &labels);
        assert_eq!(joined.len(), 1);
        let rows = texts(&joined[0]);
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[2], vec!["Class B", ""]);
        assert_eq!(rows[4], vec!["Units", "471,555"]);
    }

    #[test]
    fn a_table_with_its_own_header_or_far_below_stays_apart() {
        let a = table(100.0, &[("Oslo", "12"), ("Moss", "7")]);
        let b = table(
            140.0,
            &[("County", "Total"), ("Agder", "3"), ("Viken", "9")],
        );
        assert_eq!(make_whole(&mut [], vec![a.clone(), b], &[]).len(), 2);
        let far = table(300.0, &[("Bergen", "4"), ("Bodø", "2")]);
        assert_eq!(make_whole(&mut [], vec![a.clone(), far], &[]).len(), 2);
        // A line of figures between them is data, not a label.
        let c = table(150.0, &[("Bergen", "4"), ("Bodø", "2")]);
        let between = [line(70.0, 132.0, "2010")];
        assert_eq!(make_whole(&mut [], vec![a, c], &between).len(), 2);
    }

    #[test]
    fn a_ruled_header_band_over_a_borderless_body_is_one_table() {
        let mut header = table(80.0, &[("Name", "Score")]);
        header.method = TableMethod::Lattice;
        header.bbox.top -= 3.0;
        header.bbox.bottom += 3.0;
        let body = table(
            100.0,
            &[("Rail", "12"), ("Road", "7"), ("Sea", "3"), ("Air", "1")],
        );
        let (joined, taken) = join_ruled_headers(std::slice::from_ref(&header), vec![body.clone()]);
        assert_eq!(taken, vec![0]);
        assert_eq!(joined.len(), 1);
        let rows = texts(&joined[0]);
        assert_eq!(rows[0], vec!["Name", "Score"]);
        assert_eq!(rows.len(), 5);
        // A ruled table far above, or as tall as the body, stays apart.
        let mut far = header.clone();
        far.bbox.top -= 100.0;
        far.bbox.bottom -= 100.0;
        assert!(join_ruled_headers(&[far], vec![body.clone()]).1.is_empty());
        let mut tall = table(
            20.0,
            &[("A", "1"), ("B", "2"), ("C", "3"), ("D", "4"), ("E", "5")],
        );
        tall.method = TableMethod::Lattice;
        assert!(join_ruled_headers(&[tall], vec![body]).1.is_empty());
    }

    #[test]
    fn a_header_cut_off_above_label_lines_joins_its_body() {
        // A header with no cell over the row labels, then a group label,
        // then the body.
        let header = Table {
            bbox: BBox {
                x0: 450.0,
                top: 80.0,
                x1: 530.0,
                bottom: 90.0,
            },
            rows: vec![vec![
                cell(450.0, 80.0, 480.0, "2011"),
                cell(500.0, 80.0, 530.0, "2012"),
            ]],
            method: TableMethod::Stream,
        };
        let mut body = table(120.0, &[("Defense", "699"), ("Other", "600")]);
        for row in &mut body.rows {
            row.insert(
                1,
                cell(
                    400.0,
                    row[0].as_ref().map_or(0.0, |c| c.bbox.top),
                    430.0,
                    "1",
                ),
            );
        }
        let mut mark = line(64.0, 104.0, "2");
        for b in mark
            .bbox
            .iter_mut()
            .chain(mark.words.iter_mut().flat_map(|w| &mut w.bbox))
        {
            b.bottom = b.top + 5.0;
        }
        let labels = [line(70.0, 102.0, "Outlays:"), mark];
        let joined = make_whole(&mut [], vec![header, body], &labels);
        assert_eq!(joined.len(), 1, "{joined:?}");
        assert_eq!(texts(&joined[0]).len(), 4);
    }

    #[test]
    fn a_header_printed_twice_below_carried_rows_starts_each_table() {
        // The first table opens with a row carried over from the page
        // before, so its first row is no header; the header of the tables
        // below comes twice.
        let t = table(
            100.0,
            &[
                ("wrapped", "rest"),
                ("Agder", "3"),
                ("County", "Total"),
                ("Viken", "9"),
                ("County", "Total"),
                ("Troms", "4"),
            ],
        );
        let parts = make_whole(&mut [], vec![t], &[]);
        assert_eq!(parts.len(), 3, "{parts:?}");
        assert_eq!(texts(&parts[0]).len(), 2);
        assert_eq!(
            texts(&parts[2]),
            vec![vec!["County", "Total"], vec!["Troms", "4"]]
        );
    }

    #[test]
    fn a_header_repeated_further_down_starts_a_second_table() {
        let t = table(
            100.0,
            &[
                ("County", "Total"),
                ("Agder", "3"),
                ("Viken", "9"),
                ("County", "Total"),
                ("Troms", "4"),
            ],
        );
        let parts = make_whole(&mut [], vec![t], &[]);
        assert_eq!(parts.len(), 2);
        assert_eq!(
            texts(&parts[1]),
            vec![vec!["County", "Total"], vec!["Troms", "4"]]
        );
        assert!(parts[0].bbox.bottom < parts[1].bbox.top);
    }

    #[test]
    fn a_new_header_row_set_apart_starts_a_second_table() {
        let mut t = table(
            100.0,
            &[
                ("Households", "End"),
                ("Families", "24"),
                ("Refugees", "12"),
            ],
        );
        // The second table, a wider gap below, with its own header.
        let lower = table(
            150.0,
            &[("Measure", "Done"), ("Flats", "10"), ("Visits", "96")],
        );
        t.rows.extend(lower.rows);
        t.bbox = t.bbox.union(&lower.bbox);
        let parts = make_whole(&mut [], vec![t], &[]);
        assert_eq!(parts.len(), 2, "{parts:?}");
        assert_eq!(
            texts(&parts[1]),
            vec![
                vec!["Measure", "Done"],
                vec!["Flats", "10"],
                vec!["Visits", "96"]
            ]
        );
    }

    #[test]
    fn a_row_of_words_in_the_body_at_the_usual_spacing_stays() {
        // Words in the header's columns over one figure, at the rows' usual
        // spacing: a row of the table.
        let mut t = table(
            100.0,
            &[
                ("Households", "Total"),
                ("Families", "24"),
                ("Refugees", "12"),
            ],
        );
        let more = table(
            142.0,
            &[("Young people", "unknown"), ("Prison", "3"), ("Other", "5")],
        );
        t.rows.extend(more.rows);
        t.bbox = t.bbox.union(&more.bbox);
        let parts = make_whole(&mut [], vec![t], &[]);
        assert_eq!(parts.len(), 1, "{parts:?}");
        assert_eq!(texts(&parts[0]).len(), 6);
    }

    #[test]
    fn a_header_pattern_over_figures_at_the_usual_spacing_starts_a_second_table() {
        let row = |y: f64, a: &str, b: &str, c: &str| {
            vec![
                cell(70.0, y, 200.0, a),
                cell(300.0, y, 350.0, b),
                cell(450.0, y, 500.0, c),
            ]
        };
        let rows = vec![
            row(100.0, "County", "Start", "End"),
            row(114.0, "Agder", "3", "4"),
            row(128.0, "Viken", "9", "8"),
            row(142.0, "Measure", "Planned", "Done"),
            row(156.0, "Flats", "12", "10"),
        ];
        let t = Table {
            bbox: BBox {
                x0: 70.0,
                top: 100.0,
                x1: 500.0,
                bottom: 166.0,
            },
            rows,
            method: TableMethod::Stream,
        };
        let parts = make_whole(&mut [], vec![t], &[]);
        assert_eq!(parts.len(), 2, "{parts:?}");
        assert_eq!(texts(&parts[1])[0], vec!["Measure", "Planned", "Done"]);
    }

    #[test]
    fn a_part_keeps_only_its_own_columns() {
        let rows = vec![
            vec![
                cell(0.0, 0.0, 10.0, "A"),
                cell(20.0, 0.0, 30.0, ""),
                cell(40.0, 0.0, 50.0, "1"),
            ],
            vec![
                cell(0.0, 14.0, 10.0, "B"),
                cell(20.0, 14.0, 30.0, ""),
                cell(40.0, 14.0, 50.0, "2"),
            ],
        ];
        let kept = drop_unused_columns(rows);
        assert!(kept.iter().all(|r| r.len() == 2));
    }

    #[test]
    fn a_piece_inside_a_table_fills_its_blanks() {
        let mut outer = table(100.0, &[("Apples", ""), ("Pears", "")]);
        outer.rows[0][1] = cell(440.0, 100.0, 540.0, "");
        outer.rows[1][1] = cell(440.0, 114.0, 540.0, "");
        let mut piece = table(100.0, &[("", "12"), ("", "7")]);
        piece.bbox = BBox {
            x0: 450.0,
            top: 100.0,
            x1: 530.0,
            bottom: 124.0,
        };
        let whole = make_whole(&mut [], vec![outer.clone(), piece.clone()], &[]);
        assert_eq!(whole.len(), 1);
        assert_eq!(
            texts(&whole[0]),
            vec![vec!["Apples", "12"], vec!["Pears", "7"]]
        );
        // The same inside a ruled table.
        let mut ruled = [Table {
            method: TableMethod::Lattice,
            ..outer
        }];
        assert!(make_whole(&mut ruled, vec![piece], &[]).is_empty());
        assert_eq!(
            texts(&ruled[0]),
            vec![vec!["Apples", "12"], vec!["Pears", "7"]]
        );
    }
}
