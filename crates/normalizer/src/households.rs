//! Hovedmål 1.1 "Anskaffe og beholde bolig": maps the households tables of
//! a form onto [`Household`] rows, column roles from the header wording and
//! row categories from the printed labels, both from the form definition.

use std::collections::BTreeMap;

use skjema_extractor::{Cell, Document, Table};
use skjema_model::{Household, Issue, IssueCode, Provenance, Severity};

use crate::forms::{HouseholdsDef, RowDef};
use crate::values::{clean_text, find_dates, join_wrapped_lines, parse_number, NumberKind};

/// The households rows found, with provenance and issues.
#[derive(Debug, Default)]
pub struct HouseholdsOutcome {
    /// Rows in document order.
    pub rows: Vec<Household>,
    /// Field path → where the value was read.
    pub provenance: BTreeMap<String, Provenance>,
    /// Doubtful values.
    pub issues: Vec<Issue>,
}

/// Column index → role, and the header date of the dated columns.
#[derive(Debug, Clone, Default)]
struct Columns {
    roles: BTreeMap<usize, String>,
    as_of_start: Option<String>,
    as_of_end: Option<String>,
    count: usize,
}

fn cell_text(cell: Option<&Option<Cell>>) -> &str {
    match cell {
        Some(Some(c)) => c.text.as_str(),
        _ => "",
    }
}

/// Recognises a header row: at least two cells naming a known column role.
fn header_columns(def: &HouseholdsDef, row: &[Option<Cell>]) -> Option<Columns> {
    let mut columns = Columns {
        count: row.len(),
        ..Columns::default()
    };
    let mut has_key = false;
    for (index, cell) in row.iter().enumerate() {
        let Some(cell) = cell else { continue };
        let text = cell.text.replace('\n', " ");
        // The header's own title comes first; later words ("… behov og
        // resultater …") belong to its printed explanation.
        let Some(col) = def
            .columns
            .iter()
            .filter_map(|c| {
                c.headers
                    .iter()
                    .filter_map(|re| re.find(&text).map(|m| m.start()))
                    .min()
                    .map(|pos| (pos, c))
            })
            .min_by_key(|(pos, _)| *pos)
            .map(|(_, c)| c)
        else {
            continue;
        };
        has_key |= col.key;
        let date = header_date(&cell.text);
        match col.role.as_str() {
            "need_start" => columns.as_of_start = date,
            "need_end" => columns.as_of_end = date,
            _ => {}
        }
        let span = cell.col_span.max(1);
        for offset in 0..span {
            columns
                .roles
                .entry(index + offset)
                .or_insert_with(|| col.role.clone());
        }
    }
    (has_key && columns.roles.len() >= 2).then_some(columns)
}

/// The date in a header cell, also when a narrow cell broke it over lines
/// ("01.01.2" / "013") or the writer spaced its digits ("31.12.20 12").
fn header_date(text: &str) -> Option<String> {
    let flat = text.replace('\n', " ");
    if let Some((d, _)) = find_dates(&flat, None).into_iter().next() {
        return Some(d.to_iso());
    }
    let joined: String = text.split_whitespace().collect::<Vec<_>>().join("");
    find_dates(&joined, None)
        .into_iter()
        .next()
        .map(|(d, _)| d.to_iso())
}

/// Which row definition a label cell belongs to, and the label as written.
fn match_row<'d>(def: &'d HouseholdsDef, label_text: &str) -> Option<(&'d RowDef, String)> {
    let flat = label_text.split_whitespace().collect::<Vec<_>>().join(" ");
    for row in &def.rows {
        for re in &row.labels {
            if let Some(m) = re.find(&flat) {
                return Some((row, m.as_str().to_string()));
            }
        }
    }
    // A row known only by its letter: "A." before text that is not a known label.
    let first = flat.split_whitespace().next().unwrap_or("");
    let letter = first.trim_end_matches(['.', ')', ':']);
    let row = def
        .rows
        .iter()
        .find(|r| r.letter.as_deref() == Some(letter) && first.len() <= 2)?;
    let rest = flat.get(first.len()..).unwrap_or("").trim();
    let cut = def
        .explanations
        .iter()
        .filter_map(|re| re.find(rest).map(|m| m.start()))
        .min()
        .unwrap_or(rest.len());
    Some((row, rest.get(..cut).unwrap_or(rest).trim().to_string()))
}

struct Mapper<'a> {
    def: &'a HouseholdsDef,
    out: HouseholdsOutcome,
    /// The last table ended on a household row that may go on in the next
    /// page's first table.
    open_row: bool,
    /// Label cell text of the last household row, as extracted.
    last_label: String,
}

impl Mapper<'_> {
    fn record(&mut self, path: String, page: u32, cell: &Cell) {
        self.out.provenance.insert(
            path,
            Provenance {
                page,
                bbox: Some(cell.bbox.to_array()),
                raw: cell.text.clone(),
            },
        );
    }

    fn issue(&mut self, code: IssueCode, path: &str, page: u32, raw: &str, message: String) {
        self.out.issues.push(Issue {
            severity: Severity::Warning,
            code,
            field: Some(path.to_string()),
            page: Some(page),
            message,
            raw: Some(raw.to_string()),
        });
    }

    /// Reads a count cell, raising an issue for anything doubtful.
    fn count(&mut self, path: &str, page: u32, cell: &Cell) -> Option<i64> {
        let raw = cell.text.trim();
        if raw.is_empty() {
            return None;
        }
        let parsed = parse_number(raw);
        self.record(path.to_string(), page, cell);
        match parsed.kind {
            NumberKind::Blank => None,
            NumberKind::Range => {
                self.issue(
                    IssueCode::ValueRange,
                    path,
                    page,
                    raw,
                    format!("The cell holds a range ({raw}), not one number; left empty."),
                );
                None
            }
            NumberKind::Unparsed => {
                self.issue(
                    IssueCode::UnparsedNumber,
                    path,
                    page,
                    raw,
                    format!("Expected a count of households but found \"{raw}\"; left empty."),
                );
                None
            }
            _ => {
                let value = parsed.count();
                if value.is_none() {
                    self.issue(
                        IssueCode::UnparsedNumber,
                        path,
                        page,
                        raw,
                        format!(
                            "Expected a whole count of households but found \"{raw}\"; left empty."
                        ),
                    );
                } else if parsed.uncertain {
                    self.issue(
                        IssueCode::ValueUncertain,
                        path,
                        page,
                        raw,
                        format!("The municipality marked this number as uncertain (\"{raw}\")."),
                    );
                }
                value
            }
        }
    }

    fn map_table(
        &mut self,
        page: u32,
        table: &Table,
        first_on_page: bool,
        carried: &mut Option<Columns>,
    ) {
        let may_continue = first_on_page && self.open_row;
        self.open_row = false;
        let mut columns: Option<Columns> = carried
            .clone()
            .filter(|c| c.count == table.rows.first().map_or(0, Vec::len));
        let mut first_body_row = true;
        for row in &table.rows {
            if let Some(found) = header_columns(self.def, row) {
                columns = Some(found);
                continue;
            }
            let Some(cols) = columns.clone() else {
                continue;
            };
            let first_role = cols.roles.keys().next().copied().unwrap_or(1);
            let label_text: String = row
                .iter()
                .take(first_role)
                .map(|c| cell_text(Some(c)))
                .collect::<Vec<_>>()
                .join("\n");
            match match_row(self.def, &label_text) {
                Some(_) | None if first_body_row && may_continue && self.continues(&label_text) => {
                    // The rest of a row that broke across a page: append its text.
                    self.continue_last_row(page, row, &cols, &label_text);
                    self.open_row = true;
                }
                Some((row_def, label)) => {
                    self.last_label = label_text.clone();
                    self.open_row = true;
                    let index = self.out.rows.len();
                    let mut household = Household {
                        category: row_def.category,
                        label: clean_text(&label),
                        need_start: None,
                        need_end: None,
                        housed: None,
                        comment: None,
                        as_of_start: cols.as_of_start.clone(),
                        as_of_end: cols.as_of_end.clone(),
                    };
                    if let Some(cell) = row.iter().take(first_role).flatten().next() {
                        self.record(format!("households[{index}].label"), page, cell);
                    }
                    for (&col, role) in &cols.roles {
                        let Some(Some(cell)) = row.get(col) else {
                            continue;
                        };
                        let path = format!("households[{index}].{role}");
                        match role.as_str() {
                            "need_start" => household.need_start = self.count(&path, page, cell),
                            "need_end" => household.need_end = self.count(&path, page, cell),
                            "housed" => household.housed = self.count(&path, page, cell),
                            "comment" => {
                                let lines: Vec<&str> = cell.text.lines().collect();
                                household.comment = clean_text(&join_wrapped_lines(&lines));
                                if household.comment.is_some() {
                                    self.record(path, page, cell);
                                }
                            }
                            _ => {}
                        }
                    }
                    self.out.rows.push(household);
                }
                None => self.open_row = false,
            }
            first_body_row = false;
        }
        *carried = columns;
    }

    /// Whether a first row on a new page goes on with the last row: its label
    /// cell is empty, or only together with the last label does it make a
    /// known label.
    fn continues(&self, label_text: &str) -> bool {
        if label_text.trim().is_empty() {
            return true;
        }
        if match_row(self.def, label_text).is_some() {
            return false;
        }
        let joined = format!("{}\n{}", self.last_label, label_text);
        match (
            match_row(self.def, &self.last_label),
            match_row(self.def, &joined),
        ) {
            (Some((_, before)), Some((_, after))) => after.len() > before.len(),
            (None, Some(_)) => true,
            _ => false,
        }
    }

    fn continue_last_row(
        &mut self,
        page: u32,
        row: &[Option<Cell>],
        cols: &Columns,
        label_text: &str,
    ) {
        let index = self.out.rows.len().saturating_sub(1);
        if !label_text.trim().is_empty() {
            let joined = format!("{}\n{}", self.last_label, label_text);
            if let (Some((_, label)), Some(last)) =
                (match_row(self.def, &joined), self.out.rows.last_mut())
            {
                last.label = clean_text(&label);
            }
            self.last_label = joined;
        }
        for (&col, role) in &cols.roles {
            let Some(Some(cell)) = row.get(col) else {
                continue;
            };
            if cell.text.trim().is_empty() {
                continue;
            }
            let path = format!("households[{index}].{role}");
            match role.as_str() {
                "comment" => {
                    let lines: Vec<&str> = cell.text.lines().collect();
                    let more = join_wrapped_lines(&lines);
                    let Some(last) = self.out.rows.last_mut() else {
                        return;
                    };
                    let joined = match last.comment.take() {
                        Some(before) => join_wrapped_lines(&[before.as_str(), more.as_str()]),
                        None => more,
                    };
                    last.comment = clean_text(&joined);
                }
                "need_start" | "need_end" | "housed" => {
                    let value = self.count(&path, page, cell);
                    if let Some(last) = self.out.rows.last_mut() {
                        let slot = match role.as_str() {
                            "need_start" => &mut last.need_start,
                            "need_end" => &mut last.need_end,
                            _ => &mut last.housed,
                        };
                        if slot.is_none() {
                            *slot = value;
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// Maps every households table of the document.
pub fn map_households(doc: &Document, def: &HouseholdsDef) -> HouseholdsOutcome {
    let mut mapper = Mapper {
        def,
        out: HouseholdsOutcome::default(),
        open_row: false,
        last_label: String::new(),
    };
    let mut carried: Option<Columns> = None;
    for page in &doc.pages {
        for (index, table) in page.tables.iter().enumerate() {
            mapper.map_table(page.number, table, index == 0, &mut carried);
        }
    }
    mapper.out
}

/// The households rows of a plain-text transcript. A transcript flattens the
/// table into running text, and the numbers of a row may stand after a later
/// row's label ("A. … 35 42 … C. … 10 10? 180"), so no number can be put in a
/// column with certainty: each row keeps its category, label and header
/// dates, its counts stay empty, and an issue lists the numbers seen.
pub fn map_households_text(text: &str, def: &HouseholdsDef) -> HouseholdsOutcome {
    let mut out = HouseholdsOutcome::default();
    let mut found: Vec<(usize, usize, &RowDef, String)> = Vec::new();
    for row in &def.rows {
        let hit = row.labels.iter().find_map(|re| re.find(text));
        if let Some(m) = hit {
            found.push((m.start(), m.end(), row, m.as_str().to_string()));
        }
    }
    found.sort_by_key(|f| f.0);
    // Every "Status behov pr. <date>" header, paired start/end in order.
    let headers: Vec<(usize, Option<String>)> = STATUS_DATE
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| {
            let digits: String = m.as_str().split_whitespace().collect();
            (m.start(), header_date(&digits))
        })
        .collect();
    let pairs: Vec<(usize, Option<String>, Option<String>)> = headers
        .chunks(2)
        .map(|pair| {
            let first = pair.first().map_or(0, |h| h.0);
            let start = pair.first().and_then(|h| h.1.clone());
            let end = pair.get(1).and_then(|h| h.1.clone());
            (first, start, end)
        })
        .collect();
    for (i, (start, end, row, label)) in found.iter().enumerate() {
        let next = found.get(i + 1).map_or(text.len(), |f| f.0);
        // A row's numbers stand close to it; the last row's text runs on into the next section.
        let stop = if i + 1 < found.len() {
            next
        } else {
            (*end + 800).min(text.len())
        };
        let segment = text.get(*end..stop).unwrap_or("");
        // The header of the row's own table: the last one before the row, or the first right after it.
        let pair = pairs
            .iter()
            .rev()
            .find(|p| p.0 < *start)
            .or_else(|| pairs.iter().find(|p| p.0 > *start && p.0 < next));
        let dates: Vec<String> = pair
            .map(|p| p.1.iter().chain(p.2.iter()).cloned().collect())
            .unwrap_or_default();
        let numbers = numbers_in(segment);
        let index = out.rows.len();
        if !numbers.is_empty() {
            out.issues.push(Issue {
                severity: Severity::Warning,
                code: IssueCode::UnmappedValue,
                field: Some(format!("households[{index}]")),
                page: None,
                message: format!(
                    "The transcript shows the numbers {} near this row, but flattened text cannot tell which row and column each belongs to; the counts are left empty.",
                    numbers.join(" ")
                ),
                raw: Some(numbers.join(" ")),
            });
        }
        out.rows.push(Household {
            category: row.category,
            label: clean_text(label),
            need_start: None,
            need_end: None,
            housed: None,
            comment: None,
            as_of_start: dates.first().cloned(),
            as_of_end: dates.get(1).cloned(),
        });
    }
    out
}

static STATUS_DATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)Status\s+behov\s+(?:pr|per)\.?\s*(\d{1,2}\s*\.\s*\d{1,2}\s*\.\s*(?:\d\s*){2,4})",
    )
    .unwrap_or_else(|_| unreachable!("static regex"))
});

/// Stand-alone counts in running text ("35", "10?"), leaving out dates,
/// ordinals ("2. mnd."), years and numbers glued to words.
fn numbers_in(segment: &str) -> Vec<String> {
    let cleaned = STATUS_DATE.replace_all(segment, " ");
    cleaned
        .split_whitespace()
        .filter(|t| {
            let digits = t.trim_end_matches('?');
            !digits.is_empty()
                && digits.len() <= 5
                && digits.chars().all(|c| c.is_ascii_digit())
                && !(digits.len() == 4 && digits.starts_with("20"))
        })
        .map(str::to_string)
        .collect()
}
