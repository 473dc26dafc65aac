//! Tables with one row or one column per year ("Samlet oversikt over hele
//! programperioden", "Ressursbruk"): years may run across the header or
//! down the first column; either way the block has one record per year,
//! its label the year and its cells by the field the other side names.

use std::collections::BTreeMap;

use super::view::{CellText, TableView};
use crate::forms::{first_match, Labelled, TableDef};
use crate::grid::{Block, Record, Value};

/// The field a row or column label names, also when a narrow cell broke a word.
fn field_of<'d>(def: &'d TableDef, cell: Option<&CellText>) -> Option<&'d Labelled> {
    cell?
        .match_texts()
        .iter()
        .find_map(|text| first_match(&def.fields, text))
}

/// The year a header or label names: four digits 1990–2100, maybe followed
/// by ":" (or, in running text, "." or ",").
pub(crate) fn year_of(text: &str) -> Option<i32> {
    let t = text.trim().trim_end_matches([':', '.', ',']);
    (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
}

fn value_of(view: &TableView, row: usize, col: usize) -> Option<Value> {
    view.cell(row, col).map(|c| c.value(view.page))
}

/// A block of year records from (year, label position, cells by role).
fn block_of(view: &TableView, years: Vec<(Option<Value>, BTreeMap<String, Value>)>) -> Block {
    Block {
        area: view.heading.clone(),
        page: view.page,
        records: years
            .into_iter()
            .map(|(label, cells)| Record {
                label,
                cells,
                ..Record::default()
            })
            .collect(),
        ..Block::default()
    }
}

/// Every year table of the document as blocks of one record per year.
pub fn blocks(def: &TableDef, views: &[TableView]) -> Vec<Block> {
    let mut out = Vec::new();
    for view in views {
        let width = view.width();
        // Years across the header row?
        let header_years: Vec<usize> = (0..width)
            .filter(|&c| year_of(view.text(0, c)).is_some())
            .collect();
        let fields: Vec<(usize, &Labelled)> = if header_years.is_empty() {
            Vec::new()
        } else {
            (1..view.rows.len())
                .filter_map(|row| field_of(def, view.cell(row, 0)).map(|f| (row, f)))
                .collect()
        };
        // Years across the header and fields down the first column: two
        // of one, one of the other at least (a final report may print a
        // single year).
        if header_years.len() + fields.len() >= 3 && !fields.is_empty() {
            let years = header_years
                .iter()
                .map(|&col| {
                    let cells = fields
                        .iter()
                        .filter_map(|&(row, field)| {
                            value_of(view, row, col).map(|v| (field.name.clone(), v))
                        })
                        .fold(BTreeMap::new(), |mut m, (role, v)| {
                            m.entry(role).or_insert(v);
                            m
                        });
                    (value_of(view, 0, col), cells)
                })
                .collect();
            out.push(block_of(view, years));
            continue;
        }
        // Years down the first column, field names across the header row.
        let row_years: Vec<usize> = (0..view.rows.len())
            .filter(|&r| year_of(view.text(r, 0)).is_some())
            .collect();
        let Some(&first_year) = row_years.first() else {
            continue;
        };
        let header = first_year.saturating_sub(1);
        let roles: Vec<(usize, String)> = if first_year == 0 {
            Vec::new()
        } else {
            (1..width)
                .filter_map(|c| field_of(def, view.cell(header, c)).map(|f| (c, f.name.clone())))
                .collect()
        };
        if roles.is_empty() || row_years.len() + roles.len() < 3 {
            continue;
        }
        let years = row_years
            .iter()
            .map(|&row| {
                let mut cells = BTreeMap::new();
                for (col, role) in &roles {
                    if let Some(v) = value_of(view, row, *col) {
                        cells.entry(role.clone()).or_insert(v);
                    }
                }
                (value_of(view, row, 0), cells)
            })
            .collect();
        out.push(block_of(view, years));
    }
    out
}
