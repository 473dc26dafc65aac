//! A report's values as the review page lists them: grouped as the form
//! groups them (formalia, then each list of the model), laid out from the
//! exporter's column tables so the site shows exactly the columns and the
//! text of the CSV files, and each value tied to the provenance key whose
//! box it was read from and to the worst issue raised on it.

use std::collections::HashMap;

use skjema_exporter::{locate, report_tables, Cell, ExportError, RecordSink};
use skjema_model::{Report, Severity};

/// The groups of the review page: the exporter's table name and the heading.
/// The `reports` table holds the report's scalar fields: the form's formalia.
pub const GROUPS: &[(&str, &str)] = &[
    ("reports", "Formalia"),
    ("households", "Households (hovedmål 1.1)"),
    ("indicators", "Indicators"),
    ("activities", "Activities"),
    ("goals", "Goals"),
    ("budget", "Budget"),
    ("funding_by_year", "Funding by year"),
    ("partners", "Partners"),
    ("sections", "Sections"),
];

/// Columns the formalia leave out: keys and facts about the file, which the
/// page's header shows, not values of the form.
const NOT_FORMALIA: &[&str] = &["report_id", "schema_version", "n_issues"];

/// Characters of a long text (a section's text) shown in the list.
pub(crate) const LONG_TEXT: usize = 220;

/// One group of values.
#[derive(Debug, Clone)]
pub struct Group {
    /// The exporter's table name (`reports` for the formalia).
    pub table: &'static str,
    /// The CSS name of its colour: `formalia` or the table name.
    pub class: &'static str,
    /// Heading.
    pub title: &'static str,
    /// Column names shown (every column that holds a value in this report).
    pub columns: Vec<&'static str>,
    /// Rows of cells, one per column shown.
    pub rows: Vec<Vec<ValueCell>>,
}

/// One value as listed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValueCell {
    /// The value as the CSV file has it (a date cut to its precision).
    pub text: String,
    /// The provenance key its box was read from, if any.
    pub key: Option<String>,
    /// The worst issue on it: its severity and its index in `report.issues`.
    pub issue: Option<(Severity, usize)>,
}

/// The CSS name of a table's colour.
pub fn class_of(table: &str) -> &'static str {
    GROUPS
        .iter()
        .find(|(t, _)| *t == table)
        .map_or(
            "formalia",
            |(t, _)| if *t == "reports" { "formalia" } else { t },
        )
}

/// Collects a table's rows as text.
#[derive(Default)]
struct TextRows(Vec<Vec<String>>);

impl RecordSink for TextRows {
    fn write_cells(&mut self, cells: &[Cell<'_>]) -> Result<(), ExportError> {
        self.0
            .push(cells.iter().map(|c| c.render().into_owned()).collect());
        Ok(())
    }
}

/// Where a value sits: table, row (0 for the formalia), column.
type Spot = (&'static str, usize, &'static str);

/// The provenance key whose box holds each value. A key that names no
/// column but a group of them (`municipality`, read as one phrase) holds
/// every column of that group (`municipality_name`, `municipality_number` …).
fn provenance_spots(report: &Report) -> HashMap<Spot, String> {
    let reports_columns: Vec<&'static str> = report_tables()
        .first()
        .map(|t| t.fields().iter().map(|f| f.name).collect())
        .unwrap_or_default();
    let mut spots = HashMap::new();
    for key in report.provenance.keys() {
        let at = locate(key);
        match (at.list, at.column) {
            (Some(list), Some(column)) => {
                spots
                    .entry((list, at.row.unwrap_or(0), column))
                    .or_insert_with(|| key.clone());
            }
            (None, None) if !key.contains('[') => {
                let prefix = format!("{}_", key.replace('.', "_"));
                for column in reports_columns.iter().filter(|c| c.starts_with(&prefix)) {
                    spots
                        .entry(("reports", 0, *column))
                        .or_insert_with(|| key.clone());
                }
            }
            _ => {}
        }
    }
    spots
}

/// The provenance key that holds the value an issue is about: the field
/// itself, else the field without its last index (`reporting.phones[0]` was
/// read as `reporting.phones`), else the nearest enclosing field.
pub fn issue_key(report: &Report, field: &str) -> Option<String> {
    let mut candidate = field.to_string();
    loop {
        if report.provenance.contains_key(&candidate) {
            return Some(candidate);
        }
        let cut = candidate.rfind(['.', '['])?;
        candidate.truncate(cut);
        if candidate.is_empty() {
            return None;
        }
    }
}

/// The worst issue on each value.
fn issue_spots(report: &Report) -> HashMap<Spot, (Severity, usize)> {
    let mut spots: HashMap<Spot, (Severity, usize)> = HashMap::new();
    for (index, issue) in report.issues.iter().enumerate() {
        let Some(field) = &issue.field else { continue };
        let at = locate(field);
        if let (Some(list), Some(column)) = (at.list, at.column) {
            let spot = (list, at.row.unwrap_or(0), column);
            let worse = spots.get(&spot).is_none_or(|(s, _)| issue.severity > *s);
            if worse {
                spots.insert(spot, (issue.severity, index));
            }
        }
    }
    spots
}

/// A date column's text cut to what the document gave (`2014-08` for a
/// month), read from the `_precision` column beside it.
fn cut_to_precision(text: &str, precision: Option<&str>) -> String {
    let keep = match precision {
        Some("year") => 4,
        Some("month") => 7,
        _ => return text.to_string(),
    };
    text.get(..keep).unwrap_or(text).to_string()
}

/// The report's values in the groups of [`GROUPS`]; empty lists are left out.
pub fn value_groups(report: &Report) -> Result<Vec<Group>, ExportError> {
    let provenance = provenance_spots(report);
    let issues = issue_spots(report);
    let mut groups = Vec::new();
    for table in report_tables() {
        let Some(&(table_name, title)) = GROUPS.iter().find(|(t, _)| *t == table.name()) else {
            continue;
        };
        let fields = table.fields();
        let mut rows = TextRows::default();
        table.write_report(report, &mut rows)?;
        if rows.0.is_empty() {
            continue;
        }
        let index_of = |column: &str| fields.iter().position(|f| f.name == column);
        let row_column = index_of("row");
        let shown: Vec<usize> = (0..fields.len())
            .filter(|&i| {
                let name = fields.get(i).map_or("", |f| f.name);
                let hidden = name == "row"
                    || name.ends_with("_precision")
                    || NOT_FORMALIA.contains(&name)
                    || (table_name == "reports" && name.starts_with("source_"));
                !hidden
                    && rows
                        .0
                        .iter()
                        .any(|r| r.get(i).is_some_and(|t| !t.is_empty()))
            })
            .collect();
        let columns: Vec<&'static str> = shown
            .iter()
            .filter_map(|&i| fields.get(i).map(|f| f.name))
            .collect();
        let cells = rows
            .0
            .iter()
            .enumerate()
            .map(|(position, row)| {
                let row_number = row_column
                    .and_then(|i| row.get(i))
                    .and_then(|t| t.parse().ok())
                    .unwrap_or(position);
                shown
                    .iter()
                    .filter_map(|&i| {
                        let column = fields.get(i)?.name;
                        let text = row.get(i).map_or("", String::as_str);
                        let precision = index_of(&format!("{column}_precision"))
                            .and_then(|p| row.get(p))
                            .map(String::as_str);
                        let spot = (table_name, row_number, column);
                        Some(ValueCell {
                            text: cut_to_precision(text, precision),
                            key: provenance.get(&spot).cloned(),
                            issue: issues.get(&spot).copied(),
                        })
                    })
                    .collect()
            })
            .collect();
        groups.push(Group {
            table: table_name,
            class: class_of(table_name),
            title,
            columns,
            rows: cells,
        });
    }
    Ok(groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use skjema_model::{Household, HouseholdCategory, Issue, IssueCode, Provenance};

    fn report() -> Report {
        let mut report = Report::empty("0123456789abcdef", "moss.pdf", "application/pdf");
        report.municipality.name = Some("Moss".into());
        report.municipality.number = Some("0104".into());
        report.reporting.date = Some("2014-08".into());
        report.households.push(Household {
            category: HouseholdCategory::A,
            label: Some("A. Antall husstander".into()),
            need_start: Some(12),
            need_end: None,
            housed: Some(3),
            comment: None,
            as_of_start: None,
            as_of_end: None,
        });
        let at = |page, raw: &str| Provenance {
            page,
            bbox: Some([10.0, 20.0, 30.0, 40.0]),
            raw: raw.into(),
        };
        report
            .provenance
            .insert("municipality".into(), at(1, "Moss kommune"));
        report
            .provenance
            .insert("households[0].need_start".into(), at(3, "12"));
        report
            .provenance
            .insert("reporting.date".into(), at(1, "august 2014"));
        report.issues.push(Issue {
            severity: Severity::Info,
            code: IssueCode::YearInferred,
            field: Some("households[0].housed".into()),
            page: Some(3),
            message: "m".into(),
            raw: None,
        });
        report.issues.push(Issue {
            severity: Severity::Warning,
            code: IssueCode::ValueUncertain,
            field: Some("households[0].housed".into()),
            page: Some(3),
            message: "m".into(),
            raw: None,
        });
        report
    }

    fn cell<'a>(groups: &'a [Group], table: &str, row: usize, column: &str) -> &'a ValueCell {
        let group = groups.iter().find(|g| g.table == table).unwrap();
        let col = group.columns.iter().position(|c| *c == column).unwrap();
        &group.rows[row][col]
    }

    #[test]
    fn values_carry_their_box_key_and_worst_issue() {
        let groups = value_groups(&report()).unwrap();
        let tables: Vec<&str> = groups.iter().map(|g| g.table).collect();
        assert_eq!(tables, ["reports", "households"]);
        let name = cell(&groups, "reports", 0, "municipality_name");
        assert_eq!(
            (name.text.as_str(), name.key.as_deref()),
            ("Moss", Some("municipality"))
        );
        let number = cell(&groups, "reports", 0, "municipality_number");
        assert_eq!(number.key.as_deref(), Some("municipality"));
        let date = cell(&groups, "reports", 0, "reporting_date");
        assert_eq!(
            (date.text.as_str(), date.key.as_deref()),
            ("2014-08", Some("reporting.date"))
        );
        let start = cell(&groups, "households", 0, "need_start");
        assert_eq!(
            (start.text.as_str(), start.key.as_deref()),
            ("12", Some("households[0].need_start"))
        );
        let housed = cell(&groups, "households", 0, "housed");
        assert_eq!(housed.key, None);
        assert_eq!(housed.issue, Some((Severity::Warning, 1)));
        let households = groups.iter().find(|g| g.table == "households").unwrap();
        assert!(
            !households.columns.contains(&"need_end"),
            "an empty column is left out"
        );
        assert!(!groups[0].columns.contains(&"source_path"));
    }

    #[test]
    fn an_issue_finds_the_box_of_its_field_or_the_field_around_it() {
        let mut report = report();
        report.provenance.insert(
            "reporting.phones".into(),
            Provenance {
                page: 1,
                bbox: None,
                raw: "02180".into(),
            },
        );
        assert_eq!(
            issue_key(&report, "reporting.phones[0]").as_deref(),
            Some("reporting.phones")
        );
        assert_eq!(
            issue_key(&report, "municipality.name").as_deref(),
            Some("municipality")
        );
        assert_eq!(
            issue_key(&report, "households[0].need_start").as_deref(),
            Some("households[0].need_start")
        );
        assert_eq!(issue_key(&report, "budget[2].total"), None);
    }
}
