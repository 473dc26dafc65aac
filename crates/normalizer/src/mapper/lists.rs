//! Records to rows of the model's lists: indicators, budget, activities,
//! goals and partners. Vocabularies, status codes, levels and groups come
//! from `forms/tables.toml`.

use serde::de::value::StrDeserializer;
use serde::de::DeserializeOwned;
use skjema_model::{
    Activity, BudgetRow, Goal, Indicator, IssueCode, Partner, PartnerGroup, Severity, Unit,
};

use super::{strip_guidance, Context, TablesOutcome};
use crate::deadline::within_budget;
use crate::forms::{first_match, TableDef};
use crate::grid::{Block, Record};
use crate::lazy_regex::LazyRegex;
use crate::sections::squash;
use crate::values::{find_dates, parse_number, NumberKind};

static_regex! {
    NUMBER_PREFIX = r"^\s*(\d{1,3}\s*[).]?)(?:\s+(.*))?$";
}

/// A row number its producer centred in a column the table engine joined
/// to the label's ("Redusere 1 bruk av hospits" under "Nr. Aktivitet"):
/// the one word of one or two digits inside the label, taken out of it.
fn centred_number(label: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(label) = label else {
        return (None, None);
    };
    let number = |w: &&str| w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit());
    let (numbers, rest): (Vec<&str>, Vec<&str>) = label.split_whitespace().partition(number);
    match numbers.as_slice() {
        [only] => (
            Some((*only).to_string()),
            Some(rest.join(" ")).filter(|r| !r.is_empty()),
        ),
        _ => (None, Some(label.to_string())),
    }
}

/// The model's value that a form definition names (a status, a group, a
/// participation column) by the model's own name for it ("videreført").
fn named<T: DeserializeOwned>(name: &str) -> Option<T> {
    T::deserialize(StrDeserializer::<serde::de::value::Error>::new(name)).ok()
}

/// Indicator rows: code from the vocabulary by the label's wording.
pub fn indicators(def: &TableDef, blocks: &[Block], context: &Context, out: &mut TablesOutcome) {
    let code_of = |label: &str| first_match(&def.vocabulary, label).map(|v| v.name.as_str());
    // Counts some row of the tables gives a number or a comment for.
    let given: Vec<&str> = blocks
        .iter()
        .flat_map(|b| b.records.iter())
        .filter(|r| !r.cells_blank())
        .filter_map(|r| r.label_text().and_then(code_of))
        .collect();
    out.blocks("indicators", blocks, |out, block| {
        for record in within_budget(&block.records) {
            let Some(label) = record.label_text().map(str::to_string) else {
                out.dropped("indicators", record, "no label tells which count it is");
                continue;
            };
            let code = code_of(&label);
            // A row of words only, naming no count ("Tall kan hentes fra
            // KOSTRA") or one another row gives ("C.2. Kommunalt disponerte
            // boliger, søknader og tildelinger" over its rows), is a note or
            // a heading in the table, not a count left blank.
            if record.cells_blank() && code.is_none_or(|c| given.contains(&c)) {
                let page = record.label.as_ref().map(|v| v.page);
                let message = format!("The row \"{label}\" holds no count: read as a heading or a note in the table, not as an indicator.");
                let (info, code) = (Severity::Info, IssueCode::UnmappedValue);
                out.raise(info, code, "indicators".into(), page, message, Some(label));
                continue;
            }
            let index = out.indicators.len();
            let path = format!("indicators[{index}]");
            let code = code.map_or_else(|| "other".to_string(), str::to_string);
            let value = match record.cells.get("value") {
                Some(v) => out.count(&format!("{path}.value"), v, "a count"),
                None => None,
            };
            // A month and year in the label ("Desember 2012"), else a full
            // date ("pr. 31.12.2014").
            let as_of = find_dates(&label, None)
                .into_iter()
                .min_by_key(|(d, _)| d.day.is_some())
                .map(|(d, _)| d.to_iso());
            out.row_notes("indicators", index, record, Some("label"));
            out.indicators.push(Indicator {
                code,
                label,
                value,
                unit: Unit::Count,
                as_of,
                comment: context.answer(record.cells.get("comment")),
            });
        }
    });
    missing_indicators(def, blocks, out);
}

/// The form prints every indicator of its vocabulary as a row: one that no
/// table gave (its table not found, its row not recognised) is named by an
/// issue on the list, never lost silently.
fn missing_indicators(def: &TableDef, blocks: &[Block], out: &mut TablesOutcome) {
    let mut missing: Vec<&str> = Vec::new();
    for entry in &def.vocabulary {
        let code = entry.name.as_str();
        if !missing.contains(&code) && !out.indicators.iter().any(|i| i.code == code) {
            missing.push(code);
        }
    }
    out.missing_rows("indicators", "indicators", blocks, &missing);
}

/// Budget rows: money by column role; text in a money cell goes to the note.
pub fn budget(blocks: &[Block], context: &Context, out: &mut TablesOutcome) {
    out.blocks("budget", blocks, |out, block| {
        let start = out.budget.len();
        for record in within_budget(&block.records) {
            let index = out.budget.len();
            let mut row = BudgetRow {
                activity: record.label_text().map(str::to_string),
                ..BudgetRow::default()
            };
            out.money_row(context, ("budget", index), record, &mut row);
            let parts = [row.grant_husbanken, row.own_funding, row.other_funding];
            let sum: i64 = parts.iter().flatten().sum();
            let total = row.total.filter(|&t| t != sum && parts.iter().any(Option::is_some));
            if let (Some(total), Some(value)) = (total, record.cells.get("total")) {
                let message = format!("Grant, own and other funding add up to {sum} kr, but the row's total is {total} kr.");
                let path = format!("budget[{index}].total");
                out.issue(IssueCode::SumMismatch, &path, value, message);
            }
            if row.activity.is_none() && record.cells_blank() && record.notes.is_empty() {
                continue;
            }
            out.row_notes("budget", index, record, None);
            out.budget.push(row);
        }
        let end = out.budget.len();
        budget_doubts(block, start..end, out);
    });
}

/// Doubts about the budget rows `rows` read from `block`, one issue on the
/// list each (on the block's page). Rows that hold amounts but no activity
/// cannot be told apart: the table's activity column was not read. An
/// activity name that ends in an amount ("Programledelse og 825 000")
/// shows a table whose columns were not read where they are: amounts may
/// sit in a neighbour's column or be fused with it; the rows are kept as
/// read.
fn budget_doubts(block: &Block, rows: std::ops::Range<usize>, out: &mut TablesOutcome) {
    let rows = out.budget.get(rows).unwrap_or_default();
    let unnamed = rows.iter().filter(|r| r.activity.is_none()).count();
    let named = rows.iter().filter_map(|r| r.activity.as_deref());
    let shifted: Vec<&str> = named.filter(|a| ends_in_amount(a)).collect();
    let mut doubts = Vec::new();
    if unnamed > 0 {
        doubts.push((IssueCode::MissingField, format!(
            "{unnamed} budget row(s) hold amounts but no activity name: the table's activity column was not read, so the rows cannot be told apart."
        )));
    }
    if let Some(first) = shifted.first() {
        doubts.push((IssueCode::ValueUncertain, format!(
            "{} budget row(s) have an amount inside the activity name (\"{first}\"): the table's columns were not read where they are printed, so amounts may stand in a neighbouring column or be fused with one.",
            shifted.len()
        )));
    }
    let mut values = block.records.iter().flat_map(|r| r.cells.values());
    let page = values.next().map(|v| v.page);
    for (code, message) in doubts {
        out.list_issue(code, "budget", page, message);
    }
}

/// The text ends in an amount written in thousands groups ("825 000",
/// "1 250 000"): a group of three digits after a group of one to three.
fn ends_in_amount(text: &str) -> bool {
    let mut tokens = text.split_whitespace().rev();
    let (Some(last), Some(before)) = (tokens.next(), tokens.next()) else {
        return false;
    };
    let digits = |t: &str, lens: std::ops::RangeInclusive<usize>| {
        lens.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    digits(last, 3..=3) && digits(before, 1..=3)
}

/// The area a row printed across the table names ("Målområde 2:
/// Bosetting"): its one text matches one of the kind's area patterns.
fn area_row(def: &TableDef, record: &Record) -> Option<String> {
    let texts = record.label.iter().chain(record.cells.values());
    let mut texts = texts.filter_map(|v| v.text.as_deref());
    let only = texts.next()?;
    let is_area = texts.next().is_none() && def.areas.iter().any(|re| re.is_match(only));
    is_area.then(|| only.to_string())
}

/// Whether a row holds only the form's printed guidance (the status legend
/// as a footnote the grid took in, its mark or number aside): no row of
/// the list.
fn guidance_row(record: &Record, g: &[LazyRegex]) -> bool {
    let texts = record.label.iter().chain(record.cells.values());
    let mut texts = texts.filter_map(|v| v.text.as_deref());
    let worded = |t| strip_guidance(t, g).is_some_and(|l| l.contains(char::is_alphabetic));
    texts.clone().any(|t| g.iter().any(|re| re.is_match(t))) && !texts.any(worded)
}

/// Activity rows: the number before the activity, status by code or word.
pub fn activities(def: &TableDef, blocks: &[Block], context: &Context, out: &mut TablesOutcome) {
    out.blocks("activities", blocks, |out, block| {
        let mut area = block.area.clone();
        let corner = block.corner.as_deref();
        let numbered = corner.is_some_and(|c| def.numbered.iter().any(|re| re.is_match(c)));
        let rows = block
            .records
            .iter()
            .filter(|r| !guidance_row(r, context.guidance));
        for record in within_budget(rows) {
            if let Some(row_area) = area_row(def, record) {
                area = Some(row_area);
                continue;
            }
            let first = record.text("activity").or_else(|| record.label_text());
            let first = first.map(str::to_string);
            let (number, activity) = match first.as_deref().and_then(|t| NUMBER_PREFIX.captures(t))
            {
                Some(c) => (
                    c.get(1)
                        .map(|m| m.as_str().split_whitespace().collect::<String>()),
                    c.get(2)
                        .map(|m| m.as_str().to_string())
                        .filter(|s| !s.is_empty()),
                ),
                None if numbered => centred_number(first.as_deref()),
                None => (None, first),
            };
            let index = out.activities.len();
            let status = record.cells.get("status").and_then(|value| {
                let text = value.text.as_deref()?;
                let squeezed = squash(text).to_lowercase();
                let found = first_match(&def.statuses, &squeezed).and_then(|s| named(&s.name));
                let path = format!("activities[{index}].status");
                if found.is_none() {
                    let message = format!(
                        "The status \"{text}\" is none of the form's codes n, v, g, a; left empty."
                    );
                    out.issue(IssueCode::UnknownStatus, &path, value, message);
                } else {
                    out.record(&path, value);
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
            out.row_notes("activities", index, record, None);
            out.activities.push(Activity {
                area: area.clone(),
                number,
                activity,
                plan: context.answer(record.cells.get("plan")),
                result: context.answer(record.cells.get("result")),
                status,
                progress_pct,
                deviation: context.answer(record.cells.get("deviation")),
                reason: context.answer(record.cells.get("reason")),
                due: context.answer(record.cells.get("due")),
            });
        }
    });
}

static_regex! {
    GOAL_NUMBER = r"\d+(?:\.\d+)*";
}

/// The area of a goal table, when its heading is one (a caption is not),
/// and the hovedmål number the heading gives.
fn goal_area(def: &TableDef, heading: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(heading) = heading else {
        return (None, None);
    };
    if def.areas.is_empty() {
        return (Some(heading.to_string()), None);
    }
    match def.areas.iter().find_map(|re| re.captures(heading)) {
        Some(caps) => (
            Some(heading.to_string()),
            caps.get(1).map(|m| m.as_str().to_string()),
        ),
        None => (None, None),
    }
}

/// Goal rows: level from the row label, else from the goal column's
/// header; number as printed, qualified by the area's hovedmål number.
pub fn goals(def: &TableDef, blocks: &[Block], context: &Context, out: &mut TablesOutcome) {
    out.blocks("goals", blocks, |out, block| {
        let (area, area_number) = goal_area(def, block.area.as_deref());
        let title = block.titles.get("description").map(|t| squash(t));
        let column_level = title.and_then(|t| first_match(&def.levels, &t).map(|l| l.name.clone()));
        for record in within_budget(&block.records) {
            let label = record.label_text().map(str::to_string);
            if label.is_none() && record.text("description").is_none() {
                let why = "neither a label nor a goal tells which goal it is";
                out.dropped("goals", record, why);
                continue;
            }
            let row_level = label.as_deref().and_then(|l| first_match(&def.levels, l));
            let level = row_level.map(|l| l.name.clone()).or(column_level.clone());
            let printed = label.as_deref().and_then(|l| GOAL_NUMBER.find(l));
            let printed = printed.map(|m| m.as_str().to_string());
            let number = match (printed, &area_number, level.as_deref()) {
                (None, Some(n), Some("hovedmål")) => Some(n.clone()),
                (Some(k), Some(n), Some("delmål")) if !k.contains('.') => Some(format!("{n}.{k}")),
                (printed, _, _) => printed,
            };
            let index = out.goals.len();
            out.row_notes("goals", index, record, None);
            out.goals.push(Goal {
                area: area.clone(),
                level,
                number,
                label,
                description: context.answer(record.cells.get("description")),
                result: context.answer(record.cells.get("result")),
                due: context.answer(record.cells.get("due")),
            });
        }
    });
}

/// Partner rows: the group from the heading above (the header's first
/// cell or a row of its own), participation from the ticked column. The
/// groups come in the form's order, so a block without a heading of its
/// own after one under a group (its heading lost at a page break) is the
/// next group.
pub fn partners(def: &TableDef, blocks: &[Block], out: &mut TablesOutcome) {
    let mut previous: Option<PartnerGroup> = None;
    out.blocks("partners", blocks, |out, block| {
        let corner = block
            .corner
            .as_deref()
            .and_then(|c| first_match(&def.groups, c));
        let mut group = corner.and_then(|g| named(&g.name));
        let first = block.records.first().and_then(|r| r.label_text());
        let headed = first.is_some_and(|a| first_match(&def.groups, a).is_some());
        if group.is_none() && !headed {
            group = previous.and_then(|p| {
                let i = def.groups.iter().position(|g| named(&g.name) == Some(p))?;
                def.groups.get(i + 1).and_then(|g| named(&g.name))
            });
        }
        for record in within_budget(&block.records) {
            let Some(actor) = record.label_text().map(str::to_string) else {
                out.dropped("partners", record, "no actor is named");
                continue;
            };
            if let Some(g) = first_match(&def.groups, &actor).filter(|_| record.cells_blank()) {
                group = named(&g.name);
                continue;
            }
            let is_tick = |t: &str| def.ticks.iter().any(|re| re.is_match(t.trim()));
            let ticked = record
                .cells
                .iter()
                .find(|(_, v)| v.text.as_deref().is_some_and(is_tick));
            let participation = ticked.and_then(|(role, _)| named(role));
            let index = out.partners.len();
            if let Some((_, value)) = ticked {
                out.record(&format!("partners[{index}].participation"), value);
            }
            out.row_notes("partners", index, record, Some("actor"));
            out.partners.push(Partner {
                actor,
                group,
                participation,
            });
        }
        previous = group.or(previous);
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_number_centred_inside_the_label_is_the_rows() {
        let (number, activity) = super::centred_number(Some("Redusere 1 bruk av hospits"));
        assert_eq!(number.as_deref(), Some("1"));
        assert_eq!(activity.as_deref(), Some("Redusere bruk av hospits"));
        // Two candidates: no number is decided, the label stays whole.
        let (number, activity) = super::centred_number(Some("Kjøpe 2 boliger 3 steder"));
        assert_eq!(number, None);
        assert_eq!(activity.as_deref(), Some("Kjøpe 2 boliger 3 steder"));
        // Amounts and years are no row numbers.
        assert_eq!(super::centred_number(Some("Plan 2014")).0, None);
    }

    #[test]
    fn an_amount_at_the_end_of_an_activity_name_is_seen() {
        assert!(super::ends_in_amount("Programledelse og 825 000"));
        assert!(super::ends_in_amount("Boligskole 1 250 000"));
        assert!(!super::ends_in_amount("Aktivitet 2"));
        assert!(!super::ends_in_amount("Kartlegging 2012 av 300 boliger"));
        assert!(!super::ends_in_amount("Tiltak nr 12 2013"));
    }

    use super::*;
    use crate::grid::Value;
    use crate::testutil::table_def as def;
    use skjema_model::ActivityStatus;

    fn value(text: &str) -> Value {
        Value::from_text(Some(text.to_string()), text.to_string(), 1)
    }

    fn record(label: Option<&str>, cells: &[(&str, &str)]) -> Record {
        Record {
            label: label.map(value),
            cells: cells
                .iter()
                .map(|(r, t)| (r.to_string(), value(t)))
                .collect(),
            ..Record::default()
        }
    }

    #[test]
    fn budget_rows_without_their_activity_are_named_by_an_issue() {
        let named = Block {
            records: vec![record(
                Some("Aktivitet 1: Boligskole"),
                &[("budget", "100 000")],
            )],
            ..Block::default()
        };
        let mut out = TablesOutcome::default();
        budget(&[named], &Context::default(), &mut out);
        assert!(out
            .issues
            .iter()
            .all(|i| i.field.as_deref() != Some("budget")));
        let unnamed = Block {
            records: vec![
                record(None, &[("budget", "100 000"), ("total", "100 000")]),
                record(None, &[("budget", "50 000")]),
            ],
            ..Block::default()
        };
        let mut out = TablesOutcome::default();
        budget(&[unnamed], &Context::default(), &mut out);
        assert_eq!(out.budget.len(), 2, "the amounts are kept");
        let issue = out
            .issues
            .iter()
            .find(|i| i.field.as_deref() == Some("budget"))
            .expect("an issue on the list");
        assert_eq!(issue.code, IssueCode::MissingField);
        assert!(issue.message.starts_with("2 budget row(s)"));
    }

    #[test]
    fn goal_levels_and_numbers() {
        let mut out = TablesOutcome::default();
        let context = Context::default();
        // Under "Programmets hovedmål 2": the hovedmål row takes the number,
        // its delmål are numbered within it.
        let halvar = Block {
            area: Some("Programmets hovedmål 2: Økt boligsosial kompetanse".into()),
            records: vec![
                record(Some("Hovedmål"), &[("description", "Kompetanse")]),
                record(Some("Delmål 1"), &[("description", "Kurs")]),
            ],
            ..Block::default()
        };
        // A final report: "Nr. | Delmål | Status | Ferdig når" under a caption.
        let final_report = Block {
            area: Some("Tabell 1: Status for arbeidsmålene".into()),
            titles: [("description".to_string(), "Delmål".to_string())]
                .into_iter()
                .collect(),
            records: vec![record(
                Some("3."),
                &[("description", "Planverk"), ("due", "Ferdig 2014")],
            )],
            ..Block::default()
        };
        goals(def("goals"), &[halvar, final_report], &context, &mut out);
        let got: Vec<(Option<&str>, Option<&str>, Option<&str>)> = out
            .goals
            .iter()
            .map(|g| {
                (
                    g.level.as_deref(),
                    g.number.as_deref(),
                    g.area.as_deref().map(|a| &a[..10]),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (Some("hovedmål"), Some("2"), Some("Programmet")),
                (Some("delmål"), Some("2.1"), Some("Programmet")),
                (Some("delmål"), Some("3"), None),
            ]
        );
    }

    #[test]
    fn an_area_row_across_the_table_names_the_rows_below_it() {
        let mut out = TablesOutcome::default();
        let block = Block {
            area: Some("Én tabell per målområde.".into()),
            records: vec![
                record(None, &[("activity", "Målområde 1: Bosetting")]),
                record(None, &[("activity", "1) Boligskole"), ("status", "n")]),
                record(Some("Målområde 2: Tjenester i bolig"), &[]),
                record(None, &[("activity", "1) Brukerråd"), ("status", "v")]),
                // One text that is no area: an activity row like any other.
                record(None, &[("activity", "2) Boveiledning")]),
            ],
            ..Block::default()
        };
        activities(def("activities"), &[block], &Context::default(), &mut out);
        let got: Vec<(Option<&str>, Option<&str>)> = out
            .activities
            .iter()
            .map(|a| (a.area.as_deref(), a.activity.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("Målområde 1: Bosetting"), Some("Boligskole")),
                (Some("Målområde 2: Tjenester i bolig"), Some("Brukerråd")),
                (Some("Målområde 2: Tjenester i bolig"), Some("Boveiledning")),
            ]
        );
    }

    #[test]
    fn status_words_and_codes() {
        let mut out = TablesOutcome::default();
        let block = Block {
            records: ["ny", "Nytt", "(v)", "p"]
                .iter()
                .map(|s| record(None, &[("activity", "1) Boligskole"), ("status", s)]))
                .collect(),
            ..Block::default()
        };
        activities(def("activities"), &[block], &Context::default(), &mut out);
        let statuses: Vec<Option<ActivityStatus>> =
            out.activities.iter().map(|a| a.status).collect();
        assert_eq!(
            statuses,
            [
                Some(ActivityStatus::Ny),
                Some(ActivityStatus::Ny),
                Some(ActivityStatus::Viderefort),
                None
            ]
        );
        assert!(out
            .issues
            .iter()
            .any(|i| i.code == IssueCode::UnknownStatus));
    }

    #[test]
    fn indicators_the_tables_did_not_give_are_named_by_an_issue() {
        let block = Block {
            records: vec![record(
                Some("Antall bostøttemottakere"),
                &[("value", "120")],
            )],
            ..Block::default()
        };
        let mut out = TablesOutcome::default();
        indicators(def("indicators"), &[block], &Context::default(), &mut out);
        let issue = out
            .issues
            .iter()
            .find(|i| i.field.as_deref() == Some("indicators"))
            .expect("an issue on the list");
        assert!(issue.message.contains("startlan_fastrente"));
        assert!(!issue.message.contains("bostotte_mottakere"));
        // No table at all: the missing-table issue speaks, not this one.
        let mut out = TablesOutcome::default();
        indicators(def("indicators"), &[], &Context::default(), &mut out);
        assert!(out.issues.is_empty());
    }

    #[test]
    fn a_row_of_words_only_is_a_heading_or_note_not_a_count() {
        let block = Block {
            records: vec![
                record(
                    Some("C.2. Kommunalt disponerte boliger, søknader og tildelinger"),
                    &[],
                ),
                record(
                    Some("Tall kan hentes fra kommunens rapportering til KOSTRA"),
                    &[],
                ),
                record(
                    Some("Antall kommunalt disponerte boliger"),
                    &[("value", "87")],
                ),
                record(
                    Some("Antall husstander i midlertidig botilbud"),
                    &[("value", "17")],
                ),
                // A count of the form left blank stays a row.
                record(Some("Herav antall med fastrente"), &[]),
            ],
            ..Block::default()
        };
        let mut out = TablesOutcome::default();
        indicators(def("indicators"), &[block], &Context::default(), &mut out);
        let rows: Vec<(&str, Option<f64>)> = out
            .indicators
            .iter()
            .map(|i| (i.code.as_str(), i.value))
            .collect();
        assert_eq!(
            rows,
            [
                ("kommunale_boliger", Some(87.0)),
                ("other", Some(17.0)),
                ("startlan_fastrente", None)
            ]
        );
        let said = out
            .issues
            .iter()
            .filter(|i| i.code == IssueCode::UnmappedValue);
        assert_eq!(said.count(), 2, "{:?}", out.issues);
    }

    #[test]
    fn a_row_with_values_but_no_label_is_an_issue_not_a_loss() {
        let mut out = TablesOutcome::default();
        let block = Block {
            records: vec![record(None, &[("value", "12")])],
            ..Block::default()
        };
        indicators(def("indicators"), &[block], &Context::default(), &mut out);
        assert!(out.indicators.is_empty());
        assert!(out
            .issues
            .iter()
            .any(|i| i.code == IssueCode::UnmappedValue && i.raw.as_deref() == Some("12")));
    }
}
