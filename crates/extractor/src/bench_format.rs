//! Tables in the prediction format of the table benchmark
//! (`../shared/bench/tables/README.md`): one JSON object per PDF,
//! `{"file", "tables": [{"page", "bbox": [x0, top, x1, bottom], "rows"}]}`.
//!
//! A spanning cell's text is written once at its top-left grid position and
//! every position it covers holds `""`.

use serde_json::{json, Value};

use crate::geometry::{Document, Table};

/// The grid of one table as rows of strings (covered positions `""`).
pub fn table_rows(table: &Table) -> Vec<Vec<String>> {
    table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| cell.as_ref().map_or(String::new(), |c| c.text.clone()))
                .collect()
        })
        .collect()
}

/// Every table of every page of `doc` that a reader is shown (key-value
/// blocks left out, see [`crate::reported_tables`]), in the benchmark's
/// prediction format.
pub fn tables_prediction(file_name: &str, doc: &Document) -> Value {
    let tables: Vec<Value> = doc
        .pages
        .iter()
        .flat_map(|page| {
            crate::reported_tables(page).map(move |t| {
                json!({
                    "page": page.number,
                    "bbox": [round2(t.bbox.x0), round2(t.bbox.top), round2(t.bbox.x1), round2(t.bbox.bottom)],
                    "rows": table_rows(t),
                })
            })
        })
        .collect();
    json!({ "file": file_name, "tables": tables })
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}
