//! The one mapper: turns the blocks of each table kind (from a PDF or a
//! transcript alike, see [`crate::grid`]) into the model's lists, reading
//! every cell by its column role, raising an issue for every value it
//! cannot read and for every value the reader could not place, and
//! recording where each value was read.

mod funding;
mod households;
mod lists;

use std::collections::BTreeMap;

use skjema_model::{
    Activity, BudgetRow, FundingYear, Goal, Household, Indicator, Issue, IssueCode, Partner,
    Provenance, Severity,
};

use crate::audit::issue;
use crate::deadline::within_budget;
use crate::forms::TableDef;
use crate::grid::{raw_lines, Block, Note, Record, Value};
use crate::values::{clean_text, parse_number, whole_kroner, NumberKind};

/// What the report knows that a table's values may need.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The year the report is on, for completing dates a form printed
    /// without their year.
    pub year: Option<i32>,
    /// The form's printed guidance, removed from every answer.
    pub guidance: &'a [crate::lazy_regex::LazyRegex],
}

impl Context<'_> {
    /// A text cell's answer: its text without the form's printed guidance.
    pub fn answer(&self, value: Option<&Value>) -> Option<String> {
        let text = value?.text.as_deref()?;
        strip_guidance(text, self.guidance)
    }
}

/// `text` without any of the `guidance` sentences; `None` when nothing else
/// is left.
pub fn strip_guidance(text: &str, guidance: &[crate::lazy_regex::LazyRegex]) -> Option<String> {
    let mut out = std::borrow::Cow::Borrowed(text);
    for re in guidance {
        if re.is_match(&out) {
            out = std::borrow::Cow::Owned(re.replace_all(&out, " ").into_owned());
        }
    }
    clean_text(&out)
}

/// What the mapper produced for one report.
#[derive(Debug, Default)]
pub struct TablesOutcome {
    /// Households rows.
    pub households: Vec<Household>,
    /// Indicator rows.
    pub indicators: Vec<Indicator>,
    /// Activity rows.
    pub activities: Vec<Activity>,
    /// Goal rows.
    pub goals: Vec<Goal>,
    /// Budget rows.
    pub budget: Vec<BudgetRow>,
    /// Funding per year.
    pub funding_by_year: Vec<FundingYear>,
    /// Partner rows.
    pub partners: Vec<Partner>,
    /// Field path → where the value was read.
    pub provenance: BTreeMap<String, Provenance>,
    /// Doubtful values.
    pub issues: Vec<Issue>,
}

impl TablesOutcome {
    /// How many rows a list holds so far.
    pub fn rows(&self, list: &str) -> usize {
        match list {
            "households" => self.households.len(),
            "indicators" => self.indicators.len(),
            "activities" => self.activities.len(),
            "goals" => self.goals.len(),
            "budget" => self.budget.len(),
            "funding_by_year" => self.funding_by_year.len(),
            "partners" => self.partners.len(),
            _ => 0,
        }
    }

    /// The areas of a list's rows (lists without areas have none).
    pub fn areas(&self, list: &str) -> Vec<Option<&str>> {
        match list {
            "activities" => self.activities.iter().map(|a| a.area.as_deref()).collect(),
            "goals" => self.goals.iter().map(|g| g.area.as_deref()).collect(),
            _ => Vec::new(),
        }
    }

    fn record(&mut self, path: &str, value: &Value) {
        self.provenance.insert(path.to_string(), value.provenance());
    }

    /// Raises an issue on `field`.
    fn raise(
        &mut self,
        severity: Severity,
        code: IssueCode,
        field: String,
        page: Option<u32>,
        message: String,
        raw: Option<String>,
    ) {
        self.issues.push(Issue {
            page,
            raw,
            ..issue(severity, code, Some(&field), message)
        });
    }

    /// A warning on one value, with its text as written.
    fn issue(&mut self, code: IssueCode, path: &str, value: &Value, message: String) {
        let (page, raw) = (Some(value.page), Some(value.raw.trim().to_string()));
        self.raise(Severity::Warning, code, path.into(), page, message, raw);
    }

    /// A warning on a whole list (no one value).
    fn list_issue(&mut self, code: IssueCode, list: &str, page: Option<u32>, message: String) {
        self.raise(Severity::Warning, code, list.into(), page, message, None);
    }

    /// Maps every block onto `list` with `rows`, then raises the block's
    /// table-wide notes on the rows it gave.
    fn blocks(&mut self, list: &str, blocks: &[Block], mut rows: impl FnMut(&mut Self, &Block)) {
        for block in blocks {
            let start = self.rows(list);
            rows(self, block);
            let end = self.rows(list);
            self.block_notes(list, start..end, block);
        }
    }

    /// Raises a reader's note on `path` (a row, or a table's rows), with
    /// the role's field appended when it names one.
    fn note(&mut self, path: &str, note: &Note) {
        let field = match &note.role {
            Some(role) => format!("{path}.{role}"),
            None => path.to_string(),
        };
        if let (Some(page), Some(raw), Some(_)) = (note.page, &note.raw, &note.role) {
            if !field.contains('*') && !field.contains("..") {
                let (bbox, raw) = (None, raw.clone());
                self.provenance
                    .insert(field.clone(), Provenance { page, bbox, raw });
            }
        }
        let (message, raw) = (note.message.clone(), note.raw.clone());
        self.raise(note.severity, note.code, field, note.page, message, raw);
    }

    /// The rows the form prints that no table gave (`missing`, named as
    /// the form names them): one issue on the list, on the page of its
    /// first table, never lost silently. Without a table the missing-table
    /// issue says so.
    fn missing_rows(&mut self, list: &str, what: &str, blocks: &[Block], missing: &[&str]) {
        let Some(first) = blocks.first().filter(|_| !missing.is_empty()) else {
            return;
        };
        let page = Some(first.page);
        let message = format!(
            "{} of the form's {what} were not found in its tables: {}.",
            missing.len(),
            missing.join(", ")
        );
        self.list_issue(IssueCode::MissingField, list, page, message);
    }

    /// A row the list cannot take (no label to tell what it is) that still
    /// holds values: an issue shows them rather than losing them.
    fn dropped(&mut self, list: &str, record: &Record, why: &str) {
        let texts = record.cells.values().filter_map(|v| v.text.as_deref());
        let texts: Vec<&str> = texts.collect();
        if texts.is_empty() {
            return;
        }
        let raw = texts.join(" | ");
        let page = record.cells.values().next().map(|v| v.page);
        let message = format!("A row of the table holds {raw} but {why}; it is left out.");
        let code = IssueCode::UnmappedValue;
        self.raise(
            Severity::Warning,
            code,
            list.into(),
            page,
            message,
            Some(raw),
        );
    }

    /// The notes and the row's own provenance of record `index` of `list`,
    /// with its label's as the row's field `label_field`, when it has one.
    fn row_notes(&mut self, list: &str, index: usize, record: &Record, label_field: Option<&str>) {
        let path = format!("{list}[{index}]");
        if let Some(whole) = &record.whole {
            self.record(&path, whole);
        }
        if let (Some(field), Some(label)) = (label_field, &record.label) {
            self.record(&format!("{path}.{field}"), label);
        }
        for note in &record.notes {
            self.note(&path, note);
        }
    }

    /// The table-wide notes of a block whose rows became `rows` of `list`.
    fn block_notes(&mut self, list: &str, rows: std::ops::Range<usize>, block: &Block) {
        for note in &block.notes {
            let path = match (&note.role, rows.is_empty()) {
                (Some(_), _) => format!("{list}[*]"),
                (None, true) => list.to_string(),
                (None, false) => format!("{list}[{}..{}]", rows.start, rows.end),
            };
            self.note(&path, note);
        }
    }

    /// Reads a number cell; `what` names the expected value in messages.
    /// Returns the value and, for text that is no number, the text.
    fn number(&mut self, path: &str, value: &Value, what: &str) -> (Option<f64>, Option<String>) {
        let Some(text) = value.text.as_deref() else {
            return (None, None);
        };
        self.record(path, value);
        let mut parsed = parse_number(text);
        let unparsed = parsed.kind == NumberKind::Unparsed;
        let joined = unparsed.then(|| rejoin_number(&value.raw)).flatten();
        if let Some(again) = joined
            .map(|j| parse_number(&j))
            .filter(|a| a.value.is_some())
        {
            parsed = again;
        }
        match parsed.kind {
            NumberKind::Blank => (None, None),
            NumberKind::Range => {
                let message =
                    format!("Expected {what} but the cell holds a range (\"{text}\"); left empty.");
                self.issue(IssueCode::ValueRange, path, value, message);
                (None, None)
            }
            NumberKind::Unparsed => (None, Some(text.to_string())),
            _ => {
                if parsed.uncertain {
                    let message =
                        format!("The municipality marked this number as uncertain (\"{text}\").");
                    self.issue(IssueCode::ValueUncertain, path, value, message);
                }
                (parsed.value, None)
            }
        }
    }

    fn unparsed(&mut self, path: &str, value: &Value, what: &str, text: &str) {
        let message = format!("Expected {what} but found \"{text}\"; left empty.");
        self.issue(IssueCode::UnparsedNumber, path, value, message);
    }

    /// A count, else null with an issue; `what` names it in messages.
    fn count(&mut self, path: &str, value: &Value, what: &str) -> Option<f64> {
        let (number, text) = self.number(path, value, what);
        if let Some(text) = text {
            self.unparsed(path, value, what, &text);
        }
        number
    }

    /// The cells of record `index` of a money `list` into `row`: amounts
    /// in whole kroner into the empty slots of their roles; the note
    /// column's answer and a money cell's text that is no number appended
    /// to the row's note.
    fn money_row<R: MoneyRow>(
        &mut self,
        context: &Context,
        (list, index): (&str, usize),
        record: &Record,
        row: &mut R,
    ) {
        let mut notes: Vec<String> = row.note().take().into_iter().collect();
        for (role, value) in &record.cells {
            let path = format!("{list}[{index}].{role}");
            if role == "note" {
                let answer = context.answer(Some(value));
                if answer.is_some() {
                    self.record(&path, value);
                }
                notes.extend(answer);
                continue;
            }
            let (number, text) = self.number(&path, value, "an amount in kroner");
            notes.extend(text);
            if let Some(slot) = row.amount(role).filter(|s| s.is_none()) {
                *slot = number.and_then(whole_kroner);
            }
        }
        *row.note() = (!notes.is_empty()).then(|| notes.join("; "));
    }
}

/// A row of amounts by column role (from `forms/tables.toml`) and a note.
trait MoneyRow {
    /// The amount a role fills.
    fn amount(&mut self, role: &str) -> Option<&mut Option<i64>>;
    /// The row's note.
    fn note(&mut self) -> &mut Option<String>;
}

/// A money row whose amount fields are named as the roles that fill them.
macro_rules! money_row {
    ($row:ty: $($field:ident),+) => {
        impl MoneyRow for $row {
            fn amount(&mut self, role: &str) -> Option<&mut Option<i64>> {
                match role {
                    $(stringify!($field) => Some(&mut self.$field),)+
                    _ => None,
                }
            }

            fn note(&mut self) -> &mut Option<String> {
                &mut self.note
            }
        }
    };
}

money_row!(BudgetRow: budget, accounts, grant_husbanken, own_funding, other_funding, total, deviation);
money_row!(FundingYear: grant_husbanken, paid_out, own_funding, other_funding, carried_over, total);

static_regex! {
    /// The last digit group of a line left unfinished by a narrow cell
    /// ("2 500 00", "(100.00"): groups before it, and fewer than three digits;
    /// or an amount of four digits or more broken inside its øre ("250.000,0",
    /// "100.000,"); or a line of five digits or more in no groups, which a
    /// cell narrower than the amount ended ("192500" / "0").
    OPEN_GROUP = r"\d{1,3}(?:[ .\u{a0}]\d{3})*[ .\u{a0}]\d{1,2}$|\d(?:[ .\u{a0}]?\d{3})+,\d?$|^\d{5,}$";
}

/// A cell's lines joined again where a narrow cell broke an amount inside
/// a thousands group ("2 500 00" / "0" → "2 500 000"); `None` when no
/// line ends in such a group.
fn rejoin_number(raw: &str) -> Option<String> {
    let lines = raw_lines(raw);
    let mut out = String::new();
    let mut glued = false;
    for (i, line) in within_budget(lines.iter().enumerate()) {
        if i > 0 {
            let before = lines.get(i - 1).copied().unwrap_or("");
            if OPEN_GROUP.is_match(before) && line.starts_with(|c: char| c.is_ascii_digit()) {
                glued = true;
            } else {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    glued.then_some(out)
}

/// Maps the blocks of one table kind onto its list.
pub fn map(def: &TableDef, blocks: &[Block], context: &Context, out: &mut TablesOutcome) {
    match def.list.as_str() {
        "households" => households::map(def, blocks, context, out),
        "indicators" => lists::indicators(def, blocks, context, out),
        "budget" => lists::budget(blocks, context, out),
        "activities" => lists::activities(def, blocks, context, out),
        "goals" => lists::goals(def, blocks, context, out),
        "partners" => lists::partners(def, blocks, out),
        "funding_by_year" => funding::map(blocks, context, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{rejoin_number, strip_guidance};
    use crate::lazy_regex::LazyRegex;

    #[test]
    fn printed_guidance_is_no_answer() {
        let guidance = [LazyRegex::new(r"Tall\s+kan\s+hentes\s+fra\s+KOSTRA\.")];
        assert_eq!(
            strip_guidance("Tall kan hentes fra\nKOSTRA. 12 nye boliger", &guidance).as_deref(),
            Some("12 nye boliger")
        );
        assert_eq!(
            strip_guidance("tall kan hentes fra kostra.", &guidance),
            None
        );
        assert_eq!(
            strip_guidance("  Ingen  endring ", &guidance).as_deref(),
            Some("Ingen endring")
        );
    }

    #[test]
    fn amounts_broken_inside_a_group_are_joined() {
        assert_eq!(rejoin_number("2 500 00\n0").as_deref(), Some("2 500 000"));
        assert_eq!(rejoin_number("(300.00\n0)").as_deref(), Some("(300.000)"));
        assert_eq!(
            rejoin_number("Kr.\n100.00\n0").as_deref(),
            Some("Kr. 100.000")
        );
        assert_eq!(rejoin_number("250.000,0\n0").as_deref(), Some("250.000,00"));
        assert_eq!(rejoin_number("100.000,\n00").as_deref(), Some("100.000,00"));
        // Two counts on two lines stay two numbers.
        assert_eq!(rejoin_number("192500\n0").as_deref(), Some("1925000"));
        assert_eq!(rejoin_number("12\n11"), None);
        assert_eq!(rejoin_number("kr\n900 000"), None);
    }
}
