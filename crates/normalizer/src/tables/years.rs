//! Tables with one row or one column per year ("Samlet oversikt over hele
//! programperioden", "Ressursbruk"): years may run across the header or
//! down the first column; either way the block has one record per year,
//! its label the year and its cells by the field the other side names.
//! A year table the page break cut goes on in the first table of the next
//! page when that table has the same number of columns and no header of
//! its own: more field rows under the same year columns, or more year rows
//! under the same field columns.

use std::collections::BTreeMap;

use super::view::{CellText, TableView};
use super::Open;
use crate::deadline::within_budget;
use crate::forms::{first_match, Labelled, TableDef};
use crate::grid::{Block, Record, Value};
use crate::values::year_of;

/// The field a row or column label names, also when a narrow cell broke a word.
fn field_of<'d>(def: &'d TableDef, cell: Option<&CellText>) -> Option<&'d Labelled> {
    let texts = cell?.match_texts();
    texts.iter().find_map(|text| first_match(&def.fields, text))
}

fn value_of(view: &TableView, row: usize, col: usize) -> Option<Value> {
    view.cell(row, col).map(|c| c.value(view.page))
}

/// Adds the value at each (row, column) to `cells` under its role; where
/// two name the same role the first is kept.
fn add_cells<'r>(
    view: &TableView,
    cells: &mut BTreeMap<String, Value>,
    places: impl IntoIterator<Item = (usize, usize, &'r str)>,
) {
    for (row, col, role) in places {
        if let Some(v) = value_of(view, row, col) {
            cells.entry(role.to_string()).or_insert(v);
        }
    }
}

/// Where the cells of year `col` of a table with years across stand: in
/// the field rows `fields`.
fn across_places<'d>(
    fields: &'d [(usize, &'d Labelled)],
    col: usize,
) -> impl Iterator<Item = (usize, usize, &'d str)> {
    fields
        .iter()
        .map(move |&(row, f)| (row, col, f.name.as_str()))
}

/// The record of the year at (`row`, `col`): its label that cell, its cells
/// from `places`.
fn year_record<'r>(
    view: &TableView,
    (row, col): (usize, usize),
    places: impl IntoIterator<Item = (usize, usize, &'r str)>,
) -> Record {
    let label = value_of(view, row, col);
    let mut record = Record {
        label,
        ..Record::default()
    };
    add_cells(view, &mut record.cells, places);
    record
}

/// The record of the year in row `row` of a table with years down: its
/// cells from the field columns `roles`.
fn down_record(view: &TableView, row: usize, roles: &[(usize, String)]) -> Record {
    let places = roles.iter().map(|(col, role)| (row, *col, role.as_str()));
    year_record(view, (row, 0), places)
}

/// The rows from `from` on whose first cell names a field.
fn field_rows<'d>(def: &'d TableDef, view: &TableView, from: usize) -> Vec<(usize, &'d Labelled)> {
    (from..view.rows.len())
        .filter_map(|row| field_of(def, view.cell(row, 0)).map(|f| (row, f)))
        .collect()
}

/// The rows whose first cell is a year.
fn year_rows(view: &TableView) -> Vec<usize> {
    (0..view.rows.len())
        .filter(|&r| year_of(view.text(r, 0)).is_some())
        .collect()
}

/// How the open year table (the last one read) lays out its years, for
/// recognising its rest at the top of the next page.
enum Layout {
    /// Years across the header: the year columns, in record order.
    Across(Vec<usize>),
    /// Years down the first column: the field columns and their roles.
    Down(Vec<(usize, String)>),
}

/// The rest of the open year table in `view`, a table at the top of the
/// next page with the open one's width and no header of its own, added to
/// the open block. False when `view` is no such rest.
fn continue_open(def: &TableDef, view: &TableView, open: &Open<Layout>, out: &mut [Block]) -> bool {
    let Some(block) = out.get_mut(open.block) else {
        return false;
    };
    match &open.shape {
        Layout::Across(year_cols) => {
            let fields = field_rows(def, view, 0);
            // Every non-blank first cell names a field: a row the list does
            // not know means this is another table.
            let named = |r: &usize| view.cell(*r, 0).is_some_and(|c| c.text.is_some());
            let rows_named = (0..view.rows.len()).filter(named).count();
            if fields.is_empty() || fields.len() < rows_named {
                return false;
            }
            for (record, &col) in block.records.iter_mut().zip(year_cols) {
                add_cells(view, &mut record.cells, across_places(&fields, col));
            }
            true
        }
        Layout::Down(roles) => {
            let row_years = year_rows(view);
            if row_years.first() != Some(&0) {
                return false;
            }
            let records = row_years.iter().map(|&row| down_record(view, row, roles));
            block.records.extend(records);
            true
        }
    }
}

/// Every year table of the document as blocks of one record per year.
pub fn blocks(def: &TableDef, views: &[TableView]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Open<Layout>> = None;
    for view in within_budget(views) {
        if let Some(o) = open.take().and_then(|o| o.goes_on_in(view)) {
            if continue_open(def, view, &o, &mut out) {
                open = Some(o);
                continue;
            }
        }
        let width = view.width();
        // Years across the header row?
        let header_years: Vec<usize> = (0..width)
            .filter(|&c| year_of(view.text(0, c)).is_some())
            .collect();
        let fields = if header_years.is_empty() {
            Vec::new()
        } else {
            field_rows(def, view, 1)
        };
        // Years across the header and fields down the first column: two
        // of one, one of the other at least (a final report may print a
        // single year).
        let (records, layout) = if header_years.len() + fields.len() >= 3 && !fields.is_empty() {
            let record = |&col: &usize| year_record(view, (0, col), across_places(&fields, col));
            (
                header_years.iter().map(record).collect(),
                Layout::Across(header_years),
            )
        } else {
            // Years down the first column, field names across the header row.
            let row_years = year_rows(view);
            let Some(&first_year) = row_years.first() else {
                continue;
            };
            let header = first_year.saturating_sub(1);
            let role = |c| field_of(def, view.cell(header, c)).map(|f| (c, f.name.clone()));
            let roles: Vec<(usize, String)> = match first_year {
                0 => Vec::new(),
                _ => (1..width).filter_map(role).collect(),
            };
            if roles.is_empty() || row_years.len() + roles.len() < 3 {
                continue;
            }
            let record = |&row: &usize| down_record(view, row, &roles);
            (row_years.iter().map(record).collect(), Layout::Down(roles))
        };
        out.push(Block {
            area: view.heading.clone(),
            page: view.page,
            records,
            ..Block::default()
        });
        open = Some(Open {
            shape: layout,
            width,
            block: out.len() - 1,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::table_def;

    fn row(texts: &[&str]) -> Vec<Option<CellText>> {
        texts
            .iter()
            .map(|t| Some(CellText::new_for_test(t, 1, 1)))
            .collect()
    }

    fn view(page: u32, rows: Vec<Vec<Option<CellText>>>, at_page_top: bool) -> TableView {
        TableView {
            page,
            rows,
            heading: None,
            at_page_top,
        }
    }

    fn years_and(blocks: &[Block], role: &str) -> Vec<(String, Option<String>)> {
        blocks
            .iter()
            .flat_map(|b| b.records.iter())
            .map(|r| {
                let year = r.label.as_ref().and_then(|v| v.text.clone());
                let cell = r.cells.get(role).and_then(|v| v.text.clone());
                (year.unwrap_or_default(), cell)
            })
            .collect()
    }

    #[test]
    fn year_rows_go_on_at_the_top_of_the_next_page_without_a_header() {
        let def = table_def("funding_by_year");
        let first = view(
            1,
            vec![
                row(&["", "Tilskudd fra Husbanken", "Egenfinansiering"]),
                row(&["2010", "100", "10"]),
            ],
            false,
        );
        let rest = view(
            2,
            vec![row(&["2011", "200", "20"]), row(&["2012", "300", "30"])],
            true,
        );
        let found = blocks(def, &[first, rest]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            years_and(&found, "own_funding"),
            [
                ("2010".to_string(), Some("10".to_string())),
                ("2011".to_string(), Some("20".to_string())),
                ("2012".to_string(), Some("30".to_string())),
            ]
        );
    }

    #[test]
    fn field_rows_go_on_under_the_year_columns_of_the_previous_page() {
        let def = table_def("funding_by_year");
        let first = view(
            1,
            vec![
                row(&["", "2010", "2011"]),
                row(&["Tilskudd fra Husbanken", "400", "350"]),
            ],
            false,
        );
        let rest = view(
            2,
            vec![
                row(&["Egenfinansiering fra kommunen", "175", "350"]),
                row(&["Annen finansiering", "25", "25"]),
            ],
            true,
        );
        let found = blocks(def, &[first, rest]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            years_and(&found, "own_funding"),
            [
                ("2010".to_string(), Some("175".to_string())),
                ("2011".to_string(), Some("350".to_string())),
            ]
        );
    }

    #[test]
    fn a_table_not_at_the_page_top_or_of_another_shape_is_no_continuation() {
        let def = table_def("funding_by_year");
        let first = view(
            1,
            vec![
                row(&["", "Tilskudd fra Husbanken", "Egenfinansiering"]),
                row(&["2010", "100", "10"]),
            ],
            false,
        );
        let below_text = view(2, vec![row(&["2011", "200", "20"])], false);
        let wider = view(2, vec![row(&["2011", "200", "20", "x"])], true);
        for other in [below_text, wider] {
            let found = blocks(def, &[first.clone(), other]);
            assert_eq!(years_and(&found, "own_funding").len(), 1);
        }
        // A table at the page top whose first column holds a row the list
        // does not know is another table.
        let across = view(
            1,
            vec![
                row(&["", "2010", "2011"]),
                row(&["Tilskudd fra Husbanken", "400", "350"]),
            ],
            false,
        );
        let other = view(
            2,
            vec![
                row(&["Egenfinansiering fra kommunen", "175", "350"]),
                row(&["Antall husstander", "3", "4"]),
            ],
            true,
        );
        let found = blocks(def, &[across, other]);
        assert_eq!(
            years_and(&found, "own_funding"),
            [("2010".to_string(), None), ("2011".to_string(), None)]
        );
    }
}
