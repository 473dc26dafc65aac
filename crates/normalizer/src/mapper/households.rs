//! Hovedmål 1.1 "Anskaffe og beholde bolig": households rows by category
//! (from the printed labels of the form definition), their counts, and the
//! dates the column headers print.

use skjema_model::{Household, HouseholdCategory, IssueCode, Severity};

use super::{Context, TablesOutcome};
use crate::deadline::within_budget;
use crate::forms::TableDef;
use crate::grid::{Block, Value};
use crate::values::{clean_text, header_dates, whole_count};

fn whole(out: &mut TablesOutcome, path: &str, value: Option<&Value>) -> Option<i64> {
    let value = value?;
    let n = out.count(path, value, "a count of households")?;
    if let Some(count) = whole_count(n) {
        return Some(count);
    }
    let text = value.text.clone().unwrap_or_default();
    out.unparsed(path, value, "a whole count of households", &text);
    None
}

/// Maps the households tables.
pub fn map(def: &TableDef, blocks: &[Block], context: &Context, out: &mut TablesOutcome) {
    out.blocks("households", blocks, |out, block| {
        let title = |role: &str| block.titles.get(role).map(String::as_str);
        let (start, end, inferred) =
            header_dates(title("need_start"), title("need_end"), context.year);
        let (as_of_start, as_of_end) = (start.map(|d| d.to_iso()), end.map(|d| d.to_iso()));
        let start = out.households.len();
        for record in within_budget(&block.records) {
            let Some(label_text) = record.label_text() else {
                out.dropped("households", record, "no label tells which category it is");
                continue;
            };
            let counted = ["need_start", "need_end", "housed"].iter().any(|r| record.text(r).is_some());
            let (category, label) = match def.row_named(label_text, false) {
                Some((row, label)) => (row.category, label),
                // A counted row the form does not print keeps its label.
                None if counted => (HouseholdCategory::Other, label_text.to_string()),
                None => continue,
            };
            let index = out.households.len();
            let path = |role: &str| format!("households[{index}].{role}");
            let need_start = whole(out, &path("need_start"), record.cells.get("need_start"));
            let need_end = whole(out, &path("need_end"), record.cells.get("need_end"));
            let housed = whole(out, &path("housed"), record.cells.get("housed"));
            let comment = record.cells.get("comment").and_then(|v| {
                let text = context.answer(Some(v))?;
                out.record(&path("comment"), v);
                Some(text)
            });
            out.row_notes("households", index, record, Some("label"));
            out.households.push(Household {
                category,
                label: clean_text(&label),
                need_start,
                need_end,
                housed,
                comment,
                as_of_start: as_of_start.clone(),
                as_of_end: as_of_end.clone(),
            });
        }
        let end = out.households.len();
        if inferred && end > start {
            let a = as_of_start.as_deref().unwrap_or("-");
            let b = as_of_end.as_deref().unwrap_or("-");
            let message = format!("The column headers print the date without its full year; the year was completed from the other header or the report's year ({a}, {b}).");
            let raw = block.titles.get("need_start").map(|t| t.replace('\n', " "));
            let field = format!("households[{start}..{end}].as_of_start");
            let (info, code) = (Severity::Info, IssueCode::YearInferred);
            out.raise(info, code, field, Some(block.page), message, raw);
        }
    });
    missing_categories(def, blocks, out);
}

/// The form prints every category of its definition as a row: one that no
/// table gave (a row cut off by a page break the table finder did not
/// follow, its label not recognised) is named by an issue on the list,
/// never lost silently.
fn missing_categories(def: &TableDef, blocks: &[Block], out: &mut TablesOutcome) {
    let missing: Vec<&str> = def
        .categories
        .iter()
        .filter(|row| !out.households.iter().any(|h| h.category == row.category))
        .map(|row| row.category.as_str())
        .collect();
    out.missing_rows("households", "household rows", blocks, &missing);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn households() -> TableDef {
        crate::forms::parse_tables("tables.toml", include_str!("../../forms/tables.toml"))
            .ok()
            .and_then(|t| t.into_iter().find(|d| d.name == "households"))
            .unwrap_or_else(|| panic!("the households table definition"))
    }

    fn matched(label: &str) -> Option<(String, String)> {
        let def = households();
        def.row_named(label, false)
            .map(|(r, l)| (r.category.as_str().to_string(), l))
    }

    fn pair(category: &str, label: &str) -> Option<(String, String)> {
        Some((category.to_string(), label.to_string()))
    }

    #[test]
    fn household_rows_the_tables_did_not_give_are_named_by_an_issue() {
        let value = |t: &str| Value::from_text(Some(t.to_string()), t.to_string(), 2);
        let record = |label: &str| crate::grid::Record {
            label: Some(value(label)),
            cells: [("need_start".to_string(), value("12"))]
                .into_iter()
                .collect(),
            ..crate::grid::Record::default()
        };
        let block = Block {
            records: vec![
                record("A. Antall husstander uten egen eid eller leid bolig"),
                record("B. Antall husstander med fare for å miste boligen"),
                record("C. Antall husstander med uegnet bolig"),
            ],
            page: 2,
            ..Block::default()
        };
        let mut out = TablesOutcome::default();
        map(&households(), &[block], &Context::default(), &mut out);
        assert_eq!(out.households.len(), 3);
        let issue = out
            .issues
            .iter()
            .find(|i| i.field.as_deref() == Some("households"))
            .unwrap_or_else(|| panic!("an issue on the list: {:?}", out.issues));
        assert!(issue.message.contains("barnefamilier"), "{}", issue.message);
        assert_eq!(issue.page, Some(2));
        // No table at all: the missing-table issue speaks, not this one.
        let mut out = TablesOutcome::default();
        map(&households(), &[], &Context::default(), &mut out);
        assert!(out.issues.is_empty());
    }

    #[test]
    fn reworded_labels_are_known_by_their_keywords_and_kept_as_written() {
        assert_eq!(
            matched("Barnefamilier med boligbehov (antall) Gjelder samlet antall husstander i alle boligsituasjoner (A, B og C)."),
            pair("barnefamilier", "Barnefamilier med boligbehov (antall)")
        );
        assert_eq!(
            matched("Antall barnefamilier som har behov for bolig"),
            pair(
                "barnefamilier",
                "Antall barnefamilier som har behov for bolig"
            )
        );
        assert_eq!(
            matched("Husstander med fare for å miste boligen (antall)"),
            pair("B", "Husstander med fare for å miste boligen (antall)")
        );
        assert_eq!(
            matched("Antall husstander i uegnet bolig Dette omfatter husstander som bor i boliger med dårlig fysisk standard"),
            pair("C", "Antall husstander i uegnet bolig")
        );
        // The letter decides before the words; a label naming no category is none.
        assert_eq!(
            matched("A. Antall husstander uten egen eid eller leid bolig"),
            pair("A", "Antall husstander uten egen eid eller leid bolig")
        );
        assert_eq!(matched("Antall husstander totalt"), None);
    }

    #[test]
    fn in_running_text_a_letter_names_a_row_only_with_one_of_its_keywords() {
        let def = households();
        let category = |label: &str, prose: bool| {
            def.row_named(label, prose)
                .map(|(r, _)| r.category.as_str().to_string())
        };
        // In a label cell the letter is enough; a paragraph may open with one.
        assert_eq!(category("B. Vi hadde møter", false), Some("B".to_string()));
        assert_eq!(category("B. Vi hadde møter", true), None);
        assert_eq!(
            category("B. Husstander som kan miste boligen", true),
            Some("B".to_string())
        );
    }
}
