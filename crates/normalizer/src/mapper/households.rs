//! Hovedmål 1.1 "Anskaffe og beholde bolig": households rows by category
//! (from the printed labels of the form definition), their counts, and the
//! dates the column headers print.

use std::sync::LazyLock;

use regex::Regex;
use skjema_model::{Household, HouseholdCategory, IssueCode, Severity};

use super::{Context, TablesOutcome};
use crate::deadline::within_budget;
use crate::forms::{RowDef, TableDef};
use crate::grid::{Block, Value};
use crate::values::{clean_text, whole_count, PartialDate};

/// The label's text before the printed explanation ("Dette omfatter …").
fn before_explanation<'t>(def: &TableDef, text: &'t str) -> &'t str {
    let cut = def
        .explanations
        .iter()
        .filter_map(|re| re.find(text).map(|m| m.start()))
        .min()
        .unwrap_or(text.len());
    text.get(..cut).unwrap_or(text).trim()
}

/// Which category a label belongs to, and the label as written: the
/// form's printed label, else the letter printed before it ("A.", "B",
/// "C)"), else the category's keywords in a reworded label.
pub(crate) fn match_row<'d>(def: &'d TableDef, label_text: &str) -> Option<(&'d RowDef, String)> {
    let flat = label_text.split_whitespace().collect::<Vec<_>>().join(" ");
    for row in &def.categories {
        for re in &row.labels {
            if let Some(m) = re.find(&flat) {
                return Some((row, m.as_str().to_string()));
            }
        }
    }
    // A row known by its letter: "A." before text that is not a known label.
    let first = flat.split_whitespace().next().unwrap_or("");
    let letter = first.trim_end_matches(['.', ')', ':']);
    let by_letter = def
        .categories
        .iter()
        .find(|r| r.letter.as_deref() == Some(letter) && first.len() <= 2);
    if let Some(row) = by_letter {
        let rest = flat.get(first.len()..).unwrap_or("").trim();
        return Some((row, before_explanation(def, rest).to_string()));
    }
    // A reworded label: the words that tell the categories apart, in the
    // label before its explanation; the label is kept as written.
    let label = before_explanation(def, &flat);
    let row = def.categories.iter().find(|r| r.named_by_keywords(label))?;
    Some((row, label.to_string()))
}

/// A date a column header prints: "pr. 01.01.2013", also when a narrow
/// cell broke the year ("01.01.201" / "3", "31.12.20" / "14") or the form
/// printed only its first digits for the writer to complete ("01.01.20").
static HEADER_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*((?:\d\s*){0,4})")
        .unwrap_or_else(|_| unreachable!("static regex"))
});

/// Day, month and the year's digits as far as the header gives them.
#[derive(Debug, Clone, PartialEq)]
struct HeaderDate {
    day: u32,
    month: u32,
    digits: String,
}

impl HeaderDate {
    fn read(title: &str) -> Option<HeaderDate> {
        let caps = HEADER_DATE.captures(title)?;
        let day = caps.get(1)?.as_str().parse().ok()?;
        let month = caps.get(2)?.as_str().parse().ok()?;
        let digits: String = caps
            .get(3)
            .map_or("", |m| m.as_str())
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        Some(HeaderDate { day, month, digits })
    }

    /// The year the digits write out in full: four digits, or two that
    /// are not the "20" a form prints for the writer to complete.
    fn full_year(&self) -> Option<i32> {
        match self.digits.len() {
            4 => self.digits.parse().ok(),
            2 if self.digits != "20" => self.digits.parse::<i32>().ok().map(|y| 2000 + y),
            _ => None,
        }
    }

    /// The date, its year completed from `context` years (tried in order)
    /// when the header leaves it unfinished; whether it was completed.
    fn resolve(&self, context: &[Option<i32>]) -> Option<(PartialDate, bool)> {
        if let Some(year) = self.full_year() {
            return PartialDate::ymd(year, self.month, self.day).map(|d| (d, false));
        }
        let year = context
            .iter()
            .flatten()
            .find(|y| y.to_string().starts_with(&self.digits))?;
        PartialDate::ymd(*year, self.month, self.day).map(|d| (d, true))
    }
}

/// The start and end dates of a households table's headers, each
/// completed from the other and from the report's year where the header
/// leaves its year unfinished; whether any was completed.
fn header_dates(block: &Block, year: Option<i32>) -> (Option<String>, Option<String>, bool) {
    let start = block
        .titles
        .get("need_start")
        .and_then(|t| HeaderDate::read(t));
    let end = block
        .titles
        .get("need_end")
        .and_then(|t| HeaderDate::read(t));
    let start_full = start.as_ref().and_then(HeaderDate::full_year);
    let end_full = end.as_ref().and_then(HeaderDate::full_year);
    let a = start.and_then(|d| d.resolve(&[end_full, year]));
    let b = end.and_then(|d| d.resolve(&[start_full, year]));
    let inferred = a.is_some_and(|d| d.1) || b.is_some_and(|d| d.1);
    (a.map(|d| d.0.to_iso()), b.map(|d| d.0.to_iso()), inferred)
}

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
        let (as_of_start, as_of_end, inferred) = header_dates(block, context.year);
        let start = out.households.len();
        for record in within_budget(&block.records) {
            let Some(label_text) = record.label_text() else {
                out.dropped("households", record, "no label tells which category it is");
                continue;
            };
            let (category, label) = match match_row(def, label_text) {
                Some((row, label)) => (row.category, label),
                // A counted row the form does not print keeps its label.
                None if ["need_start", "need_end", "housed"]
                    .iter()
                    .any(|r| record.text(r).is_some()) =>
                {
                    (HouseholdCategory::Other, label_text.to_string())
                }
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
            out.raise(
                Severity::Info,
                IssueCode::YearInferred,
                format!("households[{start}..{end}].as_of_start"),
                Some(block.page),
                format!(
                    "The column headers print the date without its full year; the year was completed from the other header or the report's year ({}, {}).",
                    as_of_start.as_deref().unwrap_or("-"),
                    as_of_end.as_deref().unwrap_or("-")
                ),
                block.titles.get("need_start").map(|t| t.replace('\n', " ")),
            );
        }
    });
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
        match_row(&def, label).map(|(r, l)| (r.category.as_str().to_string(), l))
    }

    fn pair(category: &str, label: &str) -> Option<(String, String)> {
        Some((category.to_string(), label.to_string()))
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

    fn dates(start: &str, end: &str, year: Option<i32>) -> (Option<String>, Option<String>, bool) {
        let block = Block {
            titles: [
                ("need_start".to_string(), start.to_string()),
                ("need_end".to_string(), end.to_string()),
            ]
            .into_iter()
            .collect(),
            ..Block::default()
        };
        header_dates(&block, year)
    }

    fn iso(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn header_years_broken_by_narrow_cells_are_joined() {
        assert_eq!(
            dates(
                "Status behov pr.\n01.01.201\n3",
                "Status behov pr.\n31.12.201\n3",
                None
            ),
            (iso("2013-01-01"), iso("2013-12-31"), false)
        );
        assert_eq!(
            dates(
                "Status behov\npr.\n01.01.20\n15",
                "31.12.2\n015",
                Some(2016)
            ),
            (iso("2015-01-01"), iso("2015-12-31"), false)
        );
        assert_eq!(
            dates(
                "Status behov pr. 01.01. 2013",
                "Status behov pr. 31.12.20 12",
                None
            ),
            (iso("2013-01-01"), iso("2012-12-31"), false)
        );
    }

    #[test]
    fn form_printed_partial_years_are_completed_never_read_as_2020() {
        // "20" printed by the form and left as it was: the other header's year.
        assert_eq!(
            dates(
                "Status behov pr. 01.01.20",
                "Status behov pr. 31.12.2014",
                Some(2013)
            ),
            (iso("2014-01-01"), iso("2014-12-31"), true)
        );
        // Neither header completed: the report's year.
        assert_eq!(
            dates("pr. 01.01.20", "pr. 31.12.20", Some(2012)),
            (iso("2012-01-01"), iso("2012-12-31"), true)
        );
        // No year anywhere: no date rather than 2020.
        assert_eq!(
            dates("pr. 01.01.20", "pr. 31.12.20", None),
            (None, None, false)
        );
        // "201" needs a year of the 2010s.
        assert_eq!(
            dates("pr. 01.01.201", "pr. 31.12.201", Some(2009)),
            (None, None, false)
        );
        // A two-digit year the writer wrote.
        assert_eq!(
            dates("pr. 01.01.13", "pr. 31.12.13", None),
            (iso("2013-01-01"), iso("2013-12-31"), false)
        );
    }
}
