//! Tables with one row or one column per year ("Samlet oversikt over hele
//! programperioden", "Ressursbruk"): years may run across the header or down
//! the first column, and the table may continue on the next page.

use skjema_model::FundingYear;

use super::records::Value;
use super::view::TableView;
use super::TablesOutcome;
use crate::forms::{first_match, Labelled, TableDef};

/// The field a row or column label names, also when a narrow cell broke a word.
fn field_of<'d>(
    def: &'d TableDef,
    view: &TableView,
    row: usize,
    col: usize,
) -> Option<&'d Labelled> {
    let cell = view.cell(row, col)?;
    cell.match_texts()
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

pub(crate) fn empty_year(year: i32) -> FundingYear {
    FundingYear {
        year,
        ..FundingYear::default()
    }
}

fn cell_value(view: &TableView, row: usize, col: usize) -> Option<Value> {
    view.cell(row, col).map(|c| Value {
        text: c.text.clone(),
        raw: c.raw.clone(),
        page: view.page,
        bbox: c.bbox,
        starts_with_fragment: c.starts_with_fragment,
    })
}

/// Puts one cell into the year's row by its field role.
fn put(
    out: &mut TablesOutcome,
    years: &mut Vec<FundingYear>,
    year: i32,
    role: &str,
    value: &Value,
) {
    let index = match years.iter().position(|y| y.year == year) {
        Some(i) => i,
        None => {
            years.push(empty_year(year));
            years.len() - 1
        }
    };
    let base = out.funding_by_year.len() + index;
    let path = format!("funding_by_year[{base}].{role}");
    if role == "note" {
        if let (Some(text), Some(row)) = (value.text.clone(), years.get_mut(index)) {
            out.record(&path, value);
            row.note = Some(match row.note.take() {
                Some(before) => format!("{before}; {text}"),
                None => text,
            });
        }
        return;
    }
    let (amount, text) = out.money(&path, value);
    let Some(row) = years.get_mut(index) else {
        return;
    };
    if let Some(text) = text {
        row.note = Some(match row.note.take() {
            Some(before) => format!("{before}; {text}"),
            None => text,
        });
    }
    let Some(slot) = funding_slot(row, role) else {
        return;
    };
    if slot.is_none() {
        *slot = amount;
    }
}

/// Maps every year table of the document.
pub fn funding(def: &TableDef, views: &[TableView], out: &mut TablesOutcome) {
    let mut years: Vec<FundingYear> = Vec::new();
    for view in views {
        let width = view.width();
        // Years across the header row?
        let header_years: Vec<(usize, i32)> = (0..width)
            .filter_map(|c| year_of(view.text(0, c)).map(|y| (c, y)))
            .collect();
        if header_years.len() >= 2 {
            let any_field = (1..view.rows.len()).any(|row| field_of(def, view, row, 0).is_some());
            if !any_field {
                continue;
            }
            for &(_, year) in &header_years {
                if !years.iter().any(|y| y.year == year) {
                    years.push(empty_year(year));
                }
            }
            for row in 1..view.rows.len() {
                let Some(field) = field_of(def, view, row, 0) else {
                    continue;
                };
                for &(col, year) in &header_years {
                    if let Some(value) = cell_value(view, row, col) {
                        put(out, &mut years, year, &field.name, &value);
                    }
                }
            }
            continue;
        }
        // Years down the first column, field names across the header row.
        let row_years: Vec<(usize, i32)> = (0..view.rows.len())
            .filter_map(|r| year_of(view.text(r, 0)).map(|y| (r, y)))
            .collect();
        if row_years.len() < 2 {
            continue;
        }
        let header = row_years.first().map_or(0, |&(r, _)| r.saturating_sub(1));
        let roles: Vec<(usize, String)> = (1..width)
            .filter_map(|c| field_of(def, view, header, c).map(|f| (c, f.name.clone())))
            .collect();
        if roles.is_empty() {
            continue;
        }
        for &(row, year) in &row_years {
            for (col, role) in &roles {
                if let Some(value) = cell_value(view, row, *col) {
                    put(out, &mut years, year, role, &value);
                }
            }
            if !years.iter().any(|y| y.year == year) {
                years.push(empty_year(year));
            }
        }
    }
    out.funding_by_year.extend(years);
}

/// The amount of a funding year that a role (from `forms/tables.toml`)
/// fills; shared by the PDF and the transcript paths.
pub(crate) fn funding_slot<'r>(
    row: &'r mut FundingYear,
    role: &str,
) -> Option<&'r mut Option<i64>> {
    Some(match role {
        "grant_husbanken" => &mut row.grant_husbanken,
        "paid_out" => &mut row.paid_out,
        "own_funding" => &mut row.own_funding,
        "other_funding" => &mut row.other_funding,
        "carried_over" => &mut row.carried_over,
        "total" => &mut row.total,
        _ => return None,
    })
}
