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

/// How a year table lays out its years: how its first page and the rest
/// a page break carried to the next are read.
enum Layout {
    /// Years across the header: the year columns, in record order.
    Across(Vec<usize>),
    /// Years down the first column: the field columns and their roles.
    Down(Vec<(usize, String)>),
}

impl Layout {
    /// Reads `view` into the table's year records, the same on its first
    /// page and on the next: with years across, the cells of the field
    /// rows `fields` go into the record of their year column; with years
    /// down, each year row is a record.
    fn read(&self, view: &TableView, fields: &[(usize, &Labelled)], records: &mut Vec<Record>) {
        match self {
            Layout::Across(year_cols) => {
                for (record, &col) in records.iter_mut().zip(year_cols) {
                    let places = fields.iter().map(|&(row, f)| (row, col, f.name.as_str()));
                    add_cells(view, &mut record.cells, places);
                }
            }
            Layout::Down(roles) => {
                for row in year_rows(view) {
                    let mut record = Record {
                        label: value_of(view, row, 0),
                        ..Record::default()
                    };
                    let places = roles.iter().map(|(col, role)| (row, *col, role.as_str()));
                    add_cells(view, &mut record.cells, places);
                    records.push(record);
                }
            }
        }
    }
}

/// Whether `view`, a table at the top of the next page with the open
/// one's width and no header of its own, is the rest of the open year
/// table, and the field rows it holds (none with years down: its fields
/// are the open table's columns).
fn rest_of<'d>(
    def: &'d TableDef,
    view: &TableView,
    layout: &Layout,
) -> Option<Vec<(usize, &'d Labelled)>> {
    match layout {
        Layout::Across(_) => {
            let fields = field_rows(def, view, 0);
            // Every non-blank first cell names a field: a row the list does
            // not know means this is another table.
            let named = |r: &usize| view.cell(*r, 0).is_some_and(|c| c.text.is_some());
            let rows_named = (0..view.rows.len()).filter(named).count();
            (!fields.is_empty() && fields.len() >= rows_named).then_some(fields)
        }
        Layout::Down(_) => (year_rows(view).first() == Some(&0)).then(Vec::new),
    }
}

/// Every year table of the document as blocks of one record per year.
pub fn blocks(def: &TableDef, views: &[TableView]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut open: Option<Open<Layout>> = None;
    for view in within_budget(views) {
        if let Some(o) = open.take().and_then(|o| o.goes_on_in(view)) {
            let rest = rest_of(def, view, &o.shape);
            if let (Some(fields), Some(block)) = (rest, out.get_mut(o.block)) {
                o.shape.read(view, &fields, &mut block.records);
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
        let (mut records, layout): (Vec<Record>, _) =
            if header_years.len() + fields.len() >= 3 && !fields.is_empty() {
                let year = |&col: &usize| Record {
                    label: value_of(view, 0, col),
                    ..Record::default()
                };
                (
                    header_years.iter().map(year).collect(),
                    Layout::Across(header_years),
                )
            } else {
                // Years down the first column, field names across the header row.
                let row_years = year_rows(view);
                let Some(&first_year) = row_years.first() else {
                    continue;
                };
                // A column is named by its lowest header cell that names a
                // field (a header cell a page break cut: "Husbanken" under).
                let above = (0..first_year).rev();
                let named = |c| above.clone().find_map(|r| field_of(def, view.cell(r, c)));
                let role = |c| named(c).map(|f| (c, f.name.clone()));
                let roles: Vec<(usize, String)> = match first_year {
                    0 => Vec::new(),
                    _ => (1..width).filter_map(role).collect(),
                };
                if roles.is_empty() || row_years.len() + roles.len() < 3 {
                    continue;
                }
                (Vec::new(), Layout::Down(roles))
            };
        layout.read(view, &fields, &mut records);
        out.push(Block {
            area: view.heading.clone(),
            page: view.page,
            records,
            ..Block::default()
        });
        open = Some(Open {
            headed: false,
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
    fn a_column_is_named_by_a_header_row_above_the_one_over_the_years() {
        // The header cut by a page break: "Husbanken" alone over the years,
        // the own funding and total named only in the row above it.
        let def = table_def("funding_by_year");
        let rows = vec![
            row(&["År", "Tilskudd fra", "Egenfinansiering", "Totalt"]),
            row(&["", "Husbanken", "", ""]),
            row(&["2011", "700", "200", "900"]),
        ];
        let found = blocks(def, &[view(1, rows, false)]);
        let one = |v: &str| [("2011".to_string(), Some(v.to_string()))];
        assert_eq!(years_and(&found, "own_funding"), one("200"));
        assert_eq!(years_and(&found, "total"), one("900"));
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
