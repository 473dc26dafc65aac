//! Key-value blocks that the engine keeps as tables but does not report.
//!
//! A form sets its fields in a ruled two-column grid: a label on the left
//! ("Payment method", "Programleder:"), its value on the right ("Direct
//! Debit", "01/04/2025", "£0"). The normalizer reads the reports' fields
//! from such grids (their cells and the lines' cell references), so the
//! engine keeps them among the page's tables; but a reader asking for the
//! tables of a document (`skjema tables`, the table benchmark) does not
//! want them: by the labelled pages' rules a key-value block is no table.
//! [`reported_tables`] leaves them out.
//!
//! What tells the block from a two-column table is what its right-hand
//! column holds: one value of each field, of mixed kinds, words alone
//! (a name, a place, "Variable") beside values that carry figures (a
//! date, an amount, a telephone number), where a table's column holds one
//! kind of data under its header (figures under "Budget", ranges "Less
//! than 50" / "120 or more" under "% of median income", names under
//! "Name"). And every value has its label: a label column with each label
//! once, none of them a figure.

use std::collections::HashSet;

use crate::geometry::{Cell, Page, Table};
use crate::table_checks::{is_figure_cell, is_no_value};

/// Fewest label-value pairs in a key-value block.
const MIN_PAIRS: usize = 4;
/// Fewest values of each kind (words alone, values with figures) below
/// the first row.
const MIN_OF_EACH_KIND: usize = 2;
/// Smallest share of the typed values below the first row that the rarer
/// kind must reach: a table's column holds one kind, perhaps with a
/// stray other.
const MIN_KIND_SHARE: f64 = 0.25;

/// The tables of a page that a reader is shown: all but the key-value
/// blocks ([`is_key_value_table`]).
pub fn reported_tables(page: &Page) -> impl Iterator<Item = &Table> {
    page.tables.iter().filter(|t| !is_key_value_table(t))
}

/// Is the table a key-value block: text in two columns only, a label in
/// each row that has a value (no label twice, none a figure), and below
/// the first row (which may be a header) values of both kinds, words
/// alone and values with a digit, neither rare?
pub fn is_key_value_table(table: &Table) -> bool {
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    let used: Vec<usize> = (0..width)
        .filter(|&c| table.rows.iter().any(|r| !cell(r, c).is_empty()))
        .collect();
    let [label_col, value_col] = used.as_slice() else {
        return false;
    };
    let mut labels = HashSet::new();
    let (mut pairs, mut with_digits, mut words) = (0usize, 0usize, 0usize);
    let mut first = true;
    for row in &table.rows {
        let (label, value) = (cell(row, *label_col), cell(row, *value_col));
        if label.is_empty() {
            if value.is_empty() {
                continue;
            }
            // A value without its label: a column under a header.
            return false;
        }
        if is_figure_cell(label) || !labels.insert(label) {
            return false;
        }
        let header = std::mem::replace(&mut first, false);
        if value.is_empty() {
            continue;
        }
        pairs += 1;
        if header || is_no_value(value) {
            continue;
        }
        if value.chars().any(|c| c.is_ascii_digit()) {
            with_digits += 1;
        } else if value.chars().any(char::is_alphabetic) {
            words += 1;
        }
    }
    let rarer = with_digits.min(words);
    pairs >= MIN_PAIRS
        && rarer >= MIN_OF_EACH_KIND
        && rarer as f64 >= MIN_KIND_SHARE * (with_digits + words) as f64
}

/// The trimmed text at a row's position (`""` where blank or covered).
fn cell(row: &[Option<Cell>], col: usize) -> &str {
    row.get(col)
        .and_then(Option::as_ref)
        .map_or("", |c| c.text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::{BBox, TableMethod};

    fn table(rows: &[&[&str]]) -> Table {
        let bbox = BBox {
            x0: 0.0,
            top: 0.0,
            x1: 100.0,
            bottom: 100.0,
        };
        Table {
            bbox,
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|t| {
                            Some(Cell {
                                text: (*t).to_owned(),
                                bbox,
                                row_span: 1,
                                col_span: 1,
                            })
                        })
                        .collect()
                })
                .collect(),
            method: TableMethod::Lattice,
        }
    }

    #[test]
    fn labels_beside_values_of_mixed_kinds_are_a_key_value_block() {
        let fields = table(&[
            &["Payment method", "Direct Debit"],
            &["VAT", "Fully inclusive of VAT"],
            &["Tariff type", "Variable"],
            &["Date prices effective from", "01/04/2025"],
            &["Tariff fixed term", "N/A"],
            &["Exit fees", "£0"],
        ]);
        assert!(is_key_value_table(&fields));
        let colons = table(&[
            &["Programnavn:", "Alle skal bo godt"],
            &["Kommune:", "Elverum"],
            &["Programleder:", "Tone Aasen"],
            &["Programstart:", "November 2010"],
            &["Rapporteringsår:", "2011"],
            &["Rapporteringsdato:", "01.09.2011"],
        ]);
        assert!(is_key_value_table(&colons));
    }

    #[test]
    fn a_two_column_table_of_one_kind_is_reported() {
        let figures = table(&[
            &["Municipality", "Households"],
            &["Oslo", "1,204"],
            &["Bergen", "640"],
            &["Moss", "88"],
            &["Bodø", "120"],
        ]);
        assert!(!is_key_value_table(&figures));
        // Ranges in words are figures all the same.
        let ranges = table(&[
            &["Income level", "% of the area median income"],
            &["Low-income", "Less than 50"],
            &["Moderate-income", "At least 50 and less than 80"],
            &["Middle-income", "At least 80 and less than 120"],
            &["Upper-income", "120 or more"],
        ]);
        assert!(!is_key_value_table(&ranges));
        let names = table(&[
            &["Role", "Unit"],
            &["Leader", "Central administration"],
            &["Secretary", "Housing office"],
            &["Member", "Health and care"],
            &["Member", "Social services"],
        ]);
        assert!(!is_key_value_table(&names));
        // Values under a header with no label of their own.
        let grouped = table(&[
            &["", "2011 2012"],
            &["Region", "Rate"],
            &["", "p/kWh"],
            &["East", "26.19"],
            &["West", "Variable"],
            &["North", "25.37"],
            &["South", "Fixed"],
        ]);
        assert!(!is_key_value_table(&grouped));
        let three = table(&[
            &["Payment method", "Direct Debit", "x"],
            &["VAT", "Included", "y"],
            &["Tariff type", "Variable", "z"],
            &["Exit fees", "£0", "w"],
            &["Term", "12 months", "v"],
        ]);
        assert!(!is_key_value_table(&three));
    }
}
