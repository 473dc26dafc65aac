//! The forms' tables as data: indicators, activities, goals, budget,
//! funding by year and partners. Column roles, vocabularies and status codes
//! come from `forms/tables.toml`; this module only turns records into rows
//! and raises an issue for every value it cannot read.

mod records;
mod view;
pub(crate) mod years;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use skjema_extractor::Document;
use skjema_model::{
    Activity, ActivityStatus, BudgetRow, Goal, Indicator, Issue, IssueCode, Participation, Partner,
    PartnerGroup, Provenance, Severity, Unit,
};

use crate::forms::{first_match, TableDef};
use crate::values::{find_dates, parse_number, NumberKind};
use records::{Record, Value};
pub use view::{views, TableView};

/// What the table mappers produced for one report.
#[derive(Debug, Default)]
pub struct TablesOutcome {
    /// Indicator rows.
    pub indicators: Vec<Indicator>,
    /// Activity rows.
    pub activities: Vec<Activity>,
    /// Goal rows.
    pub goals: Vec<Goal>,
    /// Budget rows.
    pub budget: Vec<BudgetRow>,
    /// Funding per year.
    pub funding_by_year: Vec<skjema_model::FundingYear>,
    /// Partner rows.
    pub partners: Vec<Partner>,
    /// Field path → where the value was read.
    pub provenance: BTreeMap<String, Provenance>,
    /// Doubtful values.
    pub issues: Vec<Issue>,
}

impl TablesOutcome {
    fn record(&mut self, path: &str, value: &Value) {
        self.provenance.insert(
            path.to_string(),
            Provenance {
                page: value.page,
                bbox: Some(value.bbox.to_array()),
                raw: value.raw.clone(),
            },
        );
    }

    fn issue(&mut self, code: IssueCode, path: &str, value: &Value, message: String) {
        self.issues.push(Issue {
            severity: Severity::Warning,
            code,
            field: Some(path.to_string()),
            page: Some(value.page),
            message,
            raw: Some(value.raw.trim().to_string()),
        });
    }

    /// Reads a number cell; `what` names the expected value in messages.
    /// Returns the value and, for text that is no number, the text.
    fn number(&mut self, path: &str, value: &Value, what: &str) -> (Option<f64>, Option<String>) {
        let Some(text) = value.text.as_deref() else {
            return (None, None);
        };
        self.record(path, value);
        let parsed = parse_number(text);
        match parsed.kind {
            NumberKind::Blank => (None, None),
            NumberKind::Range => {
                self.issue(
                    IssueCode::ValueRange,
                    path,
                    value,
                    format!("Expected {what} but the cell holds a range (\"{text}\"); left empty."),
                );
                (None, None)
            }
            NumberKind::Unparsed => (None, Some(text.to_string())),
            _ => {
                if parsed.uncertain {
                    self.issue(
                        IssueCode::ValueUncertain,
                        path,
                        value,
                        format!("The municipality marked this number as uncertain (\"{text}\")."),
                    );
                }
                (parsed.value, None)
            }
        }
    }

    fn unparsed(&mut self, path: &str, value: &Value, what: &str, text: &str) {
        self.issue(
            IssueCode::UnparsedNumber,
            path,
            value,
            format!("Expected {what} but found \"{text}\"; left empty."),
        );
    }

    /// A count: whole number, else null with an issue.
    fn count(&mut self, path: &str, value: &Value) -> Option<f64> {
        let (number, text) = self.number(path, value, "a count");
        if let Some(text) = text {
            self.unparsed(path, value, "a count", &text);
        }
        number
    }

    /// Money in whole kroner; text that is no number is returned for the row's note.
    fn money(&mut self, path: &str, value: &Value) -> (Option<i64>, Option<String>) {
        let (number, text) = self.number(path, value, "an amount in kroner");
        let kroner = number
            .filter(|v| v.is_finite() && v.abs() < 1e15)
            .map(|v| v.round() as i64);
        (kroner, text)
    }
}

static NUMBER_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{1,3}\s*[).]?)\s+(.*)$").unwrap_or_else(|_| unreachable!("static regex"))
});

fn indicators(def: &TableDef, records: &[Record], out: &mut TablesOutcome) {
    for record in records {
        let Some(label) = record.label_text().map(str::to_string) else {
            continue;
        };
        let index = out.indicators.len();
        let code = first_match(&def.vocabulary, &label)
            .map_or_else(|| "other".to_string(), |v| v.name.clone());
        let value = match record.cells.get("value") {
            Some(v) => out.count(&format!("indicators[{index}].value"), v),
            None => None,
        };
        let as_of = find_dates(&label, None)
            .into_iter()
            .find(|(d, _)| d.day.is_none())
            .map(|(d, _)| d.to_iso());
        if let Some(l) = &record.label {
            out.record(&format!("indicators[{index}].label"), l);
        }
        out.indicators.push(Indicator {
            code,
            label,
            value,
            unit: Unit::Count,
            as_of,
            comment: record.text("comment").map(str::to_string),
        });
    }
}

fn budget(records: &[Record], out: &mut TablesOutcome) {
    for record in records {
        let index = out.budget.len();
        let mut row = BudgetRow {
            activity: record.label_text().map(str::to_string),
            ..BudgetRow::default()
        };
        let mut notes: Vec<String> = Vec::new();
        for (role, value) in &record.cells {
            let path = format!("budget[{index}].{role}");
            let (amount, text) = out.money(&path, value);
            notes.extend(text);
            let Some(slot) = budget_slot(&mut row, role) else {
                continue;
            };
            *slot = amount;
        }
        row.note = (!notes.is_empty()).then(|| notes.join("; "));
        let parts = [row.grant_husbanken, row.own_funding, row.other_funding];
        if let Some(total) = row.total {
            if parts.iter().any(Option::is_some) {
                let sum: i64 = parts.iter().flatten().sum();
                if sum != total {
                    if let Some(value) = record.cells.get("total") {
                        out.issues.push(Issue {
                            severity: Severity::Warning,
                            code: IssueCode::SumMismatch,
                            field: Some(format!("budget[{index}].total")),
                            page: Some(value.page),
                            message: format!(
                                "Grant, own and other funding add up to {sum} kr, but the row's total is {total} kr."
                            ),
                            raw: Some(value.raw.trim().to_string()),
                        });
                    }
                }
            }
        }
        if row.activity.is_none() && record.cells.values().all(|v| v.text.is_none()) {
            continue;
        }
        out.budget.push(row);
    }
}

fn activities(def: &TableDef, records: &[Record], out: &mut TablesOutcome) {
    for record in records {
        let first = record
            .text("activity")
            .or_else(|| record.label_text())
            .map(str::to_string);
        let (number, activity) = match first.as_deref().and_then(|t| NUMBER_PREFIX.captures(t)) {
            Some(c) => (
                c.get(1)
                    .map(|m| m.as_str().split_whitespace().collect::<String>()),
                c.get(2)
                    .map(|m| m.as_str().to_string())
                    .filter(|s| !s.is_empty()),
            ),
            None => (None, first),
        };
        let index = out.activities.len();
        let status = record.cells.get("status").and_then(|value| {
            let text = value.text.as_deref()?;
            let squeezed: String = text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            let found = first_match(&def.statuses, &squeezed).and_then(|s| status_of(&s.name));
            if found.is_none() {
                out.issue(
                    IssueCode::UnknownStatus,
                    &format!("activities[{index}].status"),
                    value,
                    format!(
                        "The status \"{text}\" is none of the form's codes n, v, g, a; left empty."
                    ),
                );
            } else {
                out.record(&format!("activities[{index}].status"), value);
            }
            found
        });
        let progress_pct = record.cells.get("progress").and_then(|value| {
            let text = value.text.as_deref()?;
            let parsed = parse_number(text);
            out.record(&format!("activities[{index}].progress_pct"), value);
            match parsed.kind {
                NumberKind::Percent | NumberKind::Plain => parsed.value,
                _ => None,
            }
        });
        out.activities.push(Activity {
            area: record.area.clone(),
            number,
            activity,
            plan: record.text("plan").map(str::to_string),
            result: record.text("result").map(str::to_string),
            status,
            progress_pct,
            deviation: record.text("deviation").map(str::to_string),
            reason: record.text("reason").map(str::to_string),
            due: record.text("due").map(str::to_string),
        });
    }
}

fn status_of(name: &str) -> Option<ActivityStatus> {
    match name {
        "ny" => Some(ActivityStatus::Ny),
        "videreført" => Some(ActivityStatus::Viderefort),
        "gjennomført" => Some(ActivityStatus::Gjennomfort),
        "avviklet" => Some(ActivityStatus::Avviklet),
        _ => None,
    }
}

fn goals(def: &TableDef, records: &[Record], out: &mut TablesOutcome) {
    for record in records {
        let label = record.label_text().map(str::to_string);
        let level = label
            .as_deref()
            .and_then(|l| first_match(&def.levels, l))
            .map(|l| l.name.clone());
        if label.is_none() && record.text("description").is_none() {
            continue;
        }
        out.goals.push(Goal {
            area: record.area.clone(),
            level,
            label,
            description: record.text("description").map(str::to_string),
            result: record.text("result").map(str::to_string),
            due: record.text("due").map(str::to_string),
        });
    }
}

fn partners(def: &TableDef, records: &[Record], views: &[TableView], out: &mut TablesOutcome) {
    let mut last_table = usize::MAX;
    let mut group: Option<PartnerGroup> = None;
    for record in records {
        if record.table != last_table {
            last_table = record.table;
            // The group heading stands in the first cell of a header row.
            let heading = views.get(record.table).and_then(|v| {
                let header = v
                    .rows
                    .iter()
                    .position(|r| records::header_roles(def, r).is_some())?;
                v.rows
                    .iter()
                    .take(header + 1)
                    .filter_map(|r| r.first().cloned().flatten())
                    .filter_map(|c| c.text)
                    .find(|t| first_match(&def.groups, t).is_some())
            });
            if let Some(g) = heading.as_deref().and_then(|h| first_match(&def.groups, h)) {
                group = group_of(&g.name);
            }
        }
        let Some(actor) = record.label_text().map(str::to_string) else {
            continue;
        };
        if let Some(g) = first_match(&def.groups, &actor) {
            if record.cells.values().all(|v| v.text.is_none()) {
                group = group_of(&g.name);
                continue;
            }
        }
        let ticked = record.cells.iter().find(|(_, v)| {
            v.text
                .as_deref()
                .is_some_and(|t| def.ticks.iter().any(|re| re.is_match(t.trim())))
        });
        let participation = ticked.and_then(|(role, _)| participation_of(role));
        let index = out.partners.len();
        if let Some((_, value)) = ticked {
            out.record(&format!("partners[{index}].participation"), value);
        }
        out.partners.push(Partner {
            actor,
            group,
            participation,
        });
    }
}

fn group_of(name: &str) -> Option<PartnerGroup> {
    match name {
        "kommunal" => Some(PartnerGroup::Kommunal),
        "ekstern" => Some(PartnerGroup::Ekstern),
        _ => None,
    }
}

fn participation_of(role: &str) -> Option<Participation> {
    match role {
        "formell" => Some(Participation::Formell),
        "aktiv" => Some(Participation::Aktiv),
        "informert" => Some(Participation::Informert),
        "ingen" => Some(Participation::Ingen),
        _ => None,
    }
}

/// Maps every table kind of a form.
pub fn map_tables(doc: &Document, defs: &[TableDef]) -> TablesOutcome {
    let mut out = TablesOutcome::default();
    if defs.is_empty() {
        return out;
    }
    let views = views(doc);
    for def in defs {
        match def.list.as_str() {
            "funding_by_year" => years::funding(def, &views, &mut out),
            "indicators" => indicators(def, &records::records(def, &views), &mut out),
            "budget" => budget(&records::records(def, &views), &mut out),
            "activities" => activities(def, &records::records(def, &views), &mut out),
            "goals" => goals(def, &records::records(def, &views), &mut out),
            "partners" => partners(def, &records::records(def, &views), &views, &mut out),
            _ => {}
        }
    }
    out
}

/// The amount of a budget row that a column role (from `forms/tables.toml`)
/// fills; shared by the PDF and the transcript paths.
pub(crate) fn budget_slot<'r>(row: &'r mut BudgetRow, role: &str) -> Option<&'r mut Option<i64>> {
    Some(match role {
        "budget" => &mut row.budget,
        "accounts" => &mut row.accounts,
        "grant_husbanken" => &mut row.grant_husbanken,
        "own_funding" => &mut row.own_funding,
        "other_funding" => &mut row.other_funding,
        "total" => &mut row.total,
        "deviation" => &mut row.deviation,
        _ => return None,
    })
}
