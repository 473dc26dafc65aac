//! Funding by year: one row per year over every year table of the report
//! (blocks of one record per year, whichever way the table ran).

use skjema_model::FundingYear;

use super::{Context, TablesOutcome};
use crate::deadline::within_budget;
use crate::grid::{Block, Record};
use crate::values::year_of;

/// Whether a year's record says anything (a value or a note).
fn filled(record: &Record) -> bool {
    !record.cells_blank() || !record.notes.is_empty()
}

/// Maps the year blocks. The forms print the programme's later years in
/// advance: years after the last one a table fills in are no rows.
pub fn map(blocks: &[Block], context: &Context, out: &mut TablesOutcome) {
    let base = out.funding_by_year.len();
    let mut rows: Vec<FundingYear> = Vec::new();
    for block in blocks {
        let last_filled = block.records.iter().rposition(filled);
        let mut touched: Vec<usize> = Vec::new();
        for (i, record) in within_budget(block.records.iter().enumerate()) {
            if last_filled.is_some_and(|last| i > last) {
                continue;
            }
            let Some(year) = record.label_text().and_then(year_of) else {
                out.dropped("funding_by_year", record, "no year is printed for it");
                continue;
            };
            let at = match rows.iter().position(|y| y.year == year) {
                Some(at) => at,
                None => {
                    rows.push(FundingYear {
                        year,
                        ..FundingYear::default()
                    });
                    rows.len() - 1
                }
            };
            let index = base + at;
            touched.push(index);
            let Some(row) = rows.get_mut(at) else {
                continue;
            };
            out.money_row(context, ("funding_by_year", index), record, row);
            out.row_notes("funding_by_year", index, record, None);
        }
        let (first, last) = (touched.iter().min(), touched.iter().max());
        let range = first.zip(last).map_or(base..base, |(&a, &b)| a..b + 1);
        out.block_notes("funding_by_year", range, block);
    }
    out.funding_by_year.extend(rows);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::Value;

    fn year(y: &str, grant: Option<&str>) -> Record {
        let v = |t: &str| Value::from_text(Some(t.to_string()), t.to_string(), 1);
        Record {
            label: Some(v(y)),
            cells: grant
                .map(|g| ("grant_husbanken".to_string(), v(g)))
                .into_iter()
                .collect(),
            ..Record::default()
        }
    }

    #[test]
    fn later_years_printed_blank_are_no_rows() {
        let mut out = TablesOutcome::default();
        let block = Block {
            records: vec![
                year("2010", None),
                year("2011", Some("500 000")),
                year("2012", Some("600 000")),
                year("2013", None),
                year("2014", None),
            ],
            ..Block::default()
        };
        map(&[block], &Context::default(), &mut out);
        let years: Vec<i32> = out.funding_by_year.iter().map(|f| f.year).collect();
        // A blank year before the last one filled in stays (it says nothing was spent).
        assert_eq!(years, [2010, 2011, 2012]);
        // A table with nothing filled in keeps the years it prints.
        let mut out = TablesOutcome::default();
        map(
            &[Block {
                records: vec![year("2010", None), year("2011", None)],
                ..Block::default()
            }],
            &Context::default(),
            &mut out,
        );
        assert_eq!(out.funding_by_year.len(), 2);
    }
}
