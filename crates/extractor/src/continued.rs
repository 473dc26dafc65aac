//! Tables that run over a page break, joined into one.
//!
//! A table continues on the next page when it is the last table of its page,
//! the next page's first table starts in the upper part of that page, and
//! both have the same number of columns at much the same place. The
//! continuation's leading rows that repeat the first part's header are
//! dropped, and a row cut by the page break (the continuation's first row
//! with an empty first cell) is appended to the last row cell by cell.

use crate::bench_format::table_rows;
use crate::geometry::{BBox, Document, Page, Table};
use crate::key_value::is_key_value_table;

/// Settings of joining continued tables.
#[derive(Debug, Clone, Copy)]
pub struct ContinuedTolerances {
    /// The continuation must start within this share of the page height from the top.
    pub max_top_share: f64,
    /// Smallest horizontal overlap (share of the narrower table) of the two parts.
    pub min_x_overlap: f64,
}

impl Default for ContinuedTolerances {
    fn default() -> Self {
        ContinuedTolerances {
            max_top_share: 0.35,
            min_x_overlap: 0.8,
        }
    }
}

/// A table after joining its continuations.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedTable {
    /// 1-based page of the first part.
    pub page: u32,
    /// Box of the first part.
    pub bbox: BBox,
    /// Pages the table runs over, first to last.
    pub pages: Vec<u32>,
    /// The joined grid (covered positions `""`).
    pub rows: Vec<Vec<String>>,
}

/// Every table of `doc`, continued tables joined, with default tolerances.
pub fn merge_continued(doc: &Document) -> Vec<MergedTable> {
    merge_continued_with(doc, &ContinuedTolerances::default())
}

/// Every table of `doc` in page order, continued tables joined; key-value
/// blocks left out.
pub fn merge_continued_with(doc: &Document, tol: &ContinuedTolerances) -> Vec<MergedTable> {
    let mut out: Vec<MergedTable> = Vec::new();
    // Index in `out` of the last table of the previous page, and that table.
    let mut open: Option<(usize, &Table)> = None;
    for page in &doc.pages {
        let ordered = tables_in_order(page);
        let mut last: Option<(usize, &Table)> = None;
        for (i, table) in ordered.iter().enumerate() {
            // A form's label/value grid is no table to a reader (see
            // `key_value`); it still ends a run of continued parts, as
            // any table between two parts would.
            if is_key_value_table(table) {
                last = None;
                continue;
            }
            let joined = i == 0 && open.is_some_and(|(_, prev)| continues(prev, table, page, tol));
            match (joined, open) {
                (true, Some((at, prev))) => {
                    if let Some(merged) = out.get_mut(at) {
                        append(merged, prev, table, page.number);
                    }
                    last = Some((at, table));
                }
                _ => {
                    out.push(MergedTable {
                        page: page.number,
                        bbox: table.bbox,
                        pages: vec![page.number],
                        rows: table_rows(table),
                    });
                    last = Some((out.len() - 1, table));
                }
            }
        }
        open = last;
    }
    out
}

fn tables_in_order(page: &Page) -> Vec<&Table> {
    let mut v: Vec<&Table> = page.tables.iter().collect();
    v.sort_by(|a, b| a.bbox.top.total_cmp(&b.bbox.top));
    v
}

fn columns(t: &Table) -> usize {
    t.rows.iter().map(Vec::len).max().unwrap_or(0)
}

/// Does `next` (first table of `page`) continue `prev` (last table of the page before)?
fn continues(prev: &Table, next: &Table, page: &Page, tol: &ContinuedTolerances) -> bool {
    if columns(prev) != columns(next) || columns(next) == 0 {
        return false;
    }
    if page.height > 0.0 && next.bbox.top > tol.max_top_share * page.height {
        return false;
    }
    let overlap = prev.bbox.x1.min(next.bbox.x1) - prev.bbox.x0.max(next.bbox.x0);
    let narrower = prev.bbox.width().min(next.bbox.width());
    narrower > 0.0 && overlap >= tol.min_x_overlap * narrower
}

fn same_row(a: &[String], b: &[String]) -> bool {
    let norm = |s: &String| s.split_whitespace().collect::<String>();
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| norm(x) == norm(y))
}

/// Adds the rows of `next` to `merged`, dropping a repeated header and
/// joining a row split by the page break.
fn append(merged: &mut MergedTable, first_part: &Table, next: &Table, page: u32) {
    let header = table_rows(first_part);
    let mut rows = table_rows(next);
    // Repeated header rows: the longest prefix of `rows` equal to the header's start.
    let repeated = rows
        .iter()
        .zip(merged.rows.iter().take(header.len().max(1)))
        .take_while(|(a, b)| same_row(a, b) && a.iter().any(|c| !c.trim().is_empty()))
        .count();
    rows.drain(..repeated.min(rows.len()));
    let mut rest = rows.into_iter();
    let mut pending = rest.next();
    if let Some(first) = pending.as_ref() {
        let split = first.first().is_some_and(|c| c.trim().is_empty())
            && first.iter().any(|c| !c.trim().is_empty());
        if split {
            if let Some(last) = merged.rows.last_mut() {
                for (cell, more) in last.iter_mut().zip(first) {
                    if more.trim().is_empty() {
                        continue;
                    }
                    if !cell.is_empty() {
                        cell.push('\n');
                    }
                    cell.push_str(more);
                }
                pending = None;
            }
        }
    }
    merged.rows.extend(pending);
    merged.rows.extend(rest);
    if !merged.pages.contains(&page) {
        merged.pages.push(page);
    }
}
