//! A table's first rows left at the foot of a page. A page break that
//! falls right after a table's header and a row or two leaves them as
//! plain text lines, too few for the table engine, and the table proper
//! starts on the next page, perhaps with its header printed again. Those
//! lines are the table's: they fall into its columns.

use skjema_extractor::{BBox, Page, Table, TextLine};

use super::view::{
    extend_row, foot_lines, gap_under, line_columns, line_in_columns, lines_as_rows, top, Rows,
};
use crate::values::clean_name;

/// The rows that the page break left at the foot of `previous` above
/// `table` (the first thing on the next page): the lines below all of that
/// page's tables and above its footer band, from the last one upwards,
/// each falling into the table's columns and set close above the next,
/// with a full row (a label and a figure) among them, made rows as rows
/// carried to the top of the next page are: a line that is no full row
/// goes into the full row above it (a wrapped cell) or, before any, is a
/// row of its own (the header), and a label's first line with the row's
/// figures on the line under it is one row. Returns the rows, the box of
/// the lines taken and the line above them (the table's heading).
pub(super) fn left_rows(previous: &Page, table: &Table) -> Option<(Rows, BBox, Option<String>)> {
    let spans = line_columns(table)?;
    let mut lines: Vec<&TextLine> = foot_lines(previous).collect();
    lines.sort_by(|a, b| top(a).total_cmp(&top(b)));
    let mut below: Option<&TextLine> = None;
    let mut rest = lines.len();
    for line in lines.iter().rev() {
        let apart = below.is_some_and(|b| !gap_under(line, b).is_some_and(|(_, close)| close));
        if line.bbox.is_none() || apart || line_in_columns(line, &spans).is_none() {
            break;
        }
        below = Some(line);
        rest -= 1;
    }
    // Read down, the lines taken are all set close: a gap ends nothing.
    let taken = lines.get(rest..)?;
    let (mut rows, used, full) = lines_as_rows(taken, &spans, 0.0)?;
    if !full {
        // A break right under the header leaves the header alone: no full
        // row, one row wrapped over the lines, its words in two columns or
        // more (a line of prose or a heading keeps to one).
        let mut lines = rows.into_iter();
        let mut header = lines.next()?;
        lines.for_each(|line| extend_row(&mut header, line));
        rows = (header.iter().flatten().count() >= 2).then(|| vec![header])?;
    }
    let heading = rest
        .checked_sub(1)
        .and_then(|i| lines.get(i))
        .and_then(|l| clean_name(&l.text));
    Some((rows, used, heading))
}
