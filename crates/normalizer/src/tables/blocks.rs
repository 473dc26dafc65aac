//! From table views to blocks: finds the header of a table kind, gives
//! each column its role, follows the table onto the next page (header
//! repeated or not) and joins a row that a page break split in two.

use std::collections::BTreeMap;

use super::header::{find_header, repeats_header};
use super::view::{CellText, TableView};
use super::Open;
use crate::deadline::within_budget;
use crate::forms::TableDef;
use crate::grid::{Block, Record, Value};

fn row_is_blank(row: &[Option<CellText>]) -> bool {
    row.iter()
        .all(|c| c.as_ref().is_none_or(|c| c.text.is_none()))
}

/// Whether a text starts with a row number ("1)", "2.").
fn starts_numbered(text: &str) -> bool {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < text.len() && rest.starts_with([')', '.'])
}

/// The label of a row: the cells before the first column with a role,
/// joined (a label may take two columns) as a value going on in the next
/// row is.
fn label_of(row: &[Option<CellText>], first_role_col: usize, page: u32) -> Option<Value> {
    let mut cells = row.iter().take(first_role_col).flatten();
    let mut label = cells.next()?.value(page);
    for more in cells {
        label.append(&more.value(page));
    }
    Some(label)
}

/// Whether the first row under a table continued from the previous page
/// goes on with the last row there: its label (or first cell, where the
/// first column has a role) is blank, goes on in lower case
/// ("boligbehov", "bor i for liten bolig"), or is unnumbered where the
/// rows are numbered "1)", "2)".
fn continues_last<'r>(last: &'r Record, record: &'r Record, lead_role: Option<&str>) -> bool {
    let lead = |r: &'r Record| lead_role.map_or(r.label_text(), |role| r.text(role));
    let Some(text) = lead(record) else {
        return lead_role.is_none() || lead(last).is_some_and(starts_numbered);
    };
    if text.starts_with(char::is_lowercase) {
        return true;
    }
    lead(last).is_some_and(starts_numbered) && !starts_numbered(text)
}

fn append(last: &mut Record, record: Record) {
    match (&mut last.label, record.label) {
        (Some(a), Some(b)) => a.append(&b),
        (slot @ None, b) => *slot = b,
        _ => {}
    }
    for (role, value) in record.cells {
        match last.cells.get_mut(&role) {
            Some(existing) => existing.append(&value),
            None => {
                last.cells.insert(role, value);
            }
        }
    }
}

/// The blocks of one table kind across the document.
pub fn blocks(def: &TableDef, views: &[TableView]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut open: Option<Open<BTreeMap<usize, String>>> = None;
    for view in within_budget(views) {
        let header = find_header(def, view, 0);
        // Under a header of its own the rest must give the columns the same roles.
        let goes_on = open.take().and_then(|o| o.goes_on_in(view));
        let (roles, start, goes_on) = match (&header, goes_on) {
            (Some(h), o) => (h.roles.clone(), h.end, o.filter(|o| o.shape == h.roles)),
            // Its header ended the page before: a table of its own.
            (None, Some(o)) if o.headed => (o.shape.clone(), 0, None),
            (None, Some(o)) => (o.shape.clone(), 0, Some(o)),
            (None, None) => continue,
        };
        let (corner, titles) = header.map(|h| (h.corner, h.titles)).unwrap_or_default();
        let continued = goes_on.is_some();
        let index = match goes_on {
            Some(o) => o.block,
            None => {
                out.push(Block {
                    area: view.heading.clone(),
                    corner,
                    titles,
                    page: view.page,
                    ..Block::default()
                });
                out.len() - 1
            }
        };
        let Some(block) = out.get_mut(index) else {
            continue;
        };
        let first_role_col = roles.keys().next().copied().unwrap_or(usize::MAX);
        let lead_role = roles.get(&0).map(String::as_str);
        let mut first = true;
        for (r, row) in within_budget(view.rows.iter().enumerate().skip(start)) {
            if row_is_blank(row) || repeats_header(def, view, r, &roles) {
                continue;
            }
            let cells = roles.iter().filter_map(|(&col, role)| {
                let cell = row.get(col)?.as_ref()?;
                Some((role.clone(), cell.value(view.page)))
            });
            let record = Record {
                label: label_of(row, first_role_col, view.page),
                cells: cells.collect(),
                ..Record::default()
            };
            let goes_on = std::mem::take(&mut first) && continued;
            match block.records.last_mut() {
                Some(last) if goes_on && continues_last(last, &record, lead_role) => {
                    append(last, record)
                }
                _ => block.records.push(record),
            }
        }
        let last = view.rows.iter().rposition(|row| !row_is_blank(row));
        let headed = last.is_some_and(|l| l + 1 == start || repeats_header(def, view, l, &roles));
        open = Some(Open {
            headed,
            shape: roles,
            width: view.width(),
            block: index,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::table_def;

    fn cell(text: &str) -> Option<CellText> {
        Some(CellText::new_for_test(text, 1, 1))
    }

    fn header() -> Vec<Option<CellText>> {
        vec![
            cell("Aktivitet"),
            cell("Regnskap"),
            cell("Budsjett"),
            cell("TOTALT"),
        ]
    }

    #[test]
    fn a_row_cut_by_a_page_break_goes_on_below_the_repeated_header() {
        let def = table_def("budget");
        let first = TableView {
            page: 1,
            rows: vec![
                header(),
                vec![
                    cell("Aktivitet 1: Boligskole"),
                    cell("100"),
                    cell("100"),
                    cell("100"),
                ],
                vec![
                    cell("Aktivitet 2: Programledelse og"),
                    cell("200"),
                    cell("200"),
                    cell("200"),
                ],
            ],
            heading: None,
            at_page_top: false,
        };
        let second = TableView {
            page: 2,
            rows: vec![
                header(),
                vec![cell("kompetanseutvikling"), cell(""), cell(""), cell("")],
                vec![cell("TOTALT"), cell("300"), cell("300"), cell("300")],
            ],
            heading: None,
            at_page_top: true,
        };
        let found = blocks(def, &[first, second]);
        assert_eq!(found.len(), 1);
        let labels: Vec<&str> = found
            .iter()
            .flat_map(|b| b.records.iter())
            .filter_map(Record::label_text)
            .collect();
        assert_eq!(
            labels,
            [
                "Aktivitet 1: Boligskole",
                "Aktivitet 2: Programledelse og kompetanseutvikling",
                "TOTALT"
            ]
        );
    }

    #[test]
    fn a_header_ending_its_page_heads_the_next_pages_first_table() {
        let def = table_def("budget");
        let row = |label: &str| vec![cell(label), cell("100"), cell("100"), cell("100")];
        let first = TableView {
            page: 1,
            rows: vec![header(), row("Aktivitet 1: Boligskole"), header()],
            heading: None,
            at_page_top: false,
        };
        // The header's rest and the table's heading stand above the grid.
        let second = TableView {
            page: 2,
            rows: vec![row("Aktivitet 2: Bostøtte"), row("TOTALT")],
            heading: Some("Område 2".to_string()),
            at_page_top: false,
        };
        let found = blocks(def, &[first, second]);
        let areas: Vec<Option<&str>> = found.iter().map(|b| b.area.as_deref()).collect();
        assert_eq!(areas, [None, Some("Område 2")]);
        let second_rows: Vec<&str> = found
            .get(1)
            .into_iter()
            .flat_map(|b| b.records.iter())
            .filter_map(Record::label_text)
            .collect();
        assert_eq!(second_rows, ["Aktivitet 2: Bostøtte", "TOTALT"]);
    }
}
