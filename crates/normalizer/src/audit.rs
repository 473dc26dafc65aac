//! No silent loss: every field and table a recognised form defines is in
//! the report, or an issue names it and says where it was looked for and
//! what was seen there.

use skjema_extractor::{BBox, Document};
use skjema_model::{Issue, IssueCode, Report, Severity};

use crate::fields::Fields;
use crate::flow::{centre_in, Flow};
use crate::forms::{FieldDef, FormDefinition, TableDef};
use crate::lazy_regex::LazyRegex;

/// An issue without page or raw text (set them with struct update).
pub(crate) fn issue(
    severity: Severity,
    code: IssueCode,
    field: Option<&str>,
    message: String,
) -> Issue {
    Issue {
        severity,
        code,
        field: field.map(str::to_string),
        page: None,
        message,
        raw: None,
    }
}

/// Whether the report holds a value for a field target; `None` for targets
/// that are no field of the report (read only to decide another).
fn filled(report: &mut Report, target: &str) -> Option<bool> {
    let r = &report.reporting;
    Some(match target {
        "reporting.phones" => !r.phones.is_empty(),
        "reporting.emails" => !r.emails.is_empty(),
        "reporting.steering_group_dates" => !r.steering_group_dates.is_empty(),
        "period" => report.period.from.is_some() || report.period.to.is_some(),
        // An unknown municipality has its own issue.
        "municipality" => true,
        // A one-value target is filled where the assembler puts its value.
        one => crate::assemble::slot(report, one)?.is_some(),
    })
}

fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|l| format!("\"{l}\"")).collect();
    quoted.join(", ")
}

/// Where the label search looked, for messages.
fn where_looked(flow: &Flow, fields: &Fields<'_>) -> String {
    let whole = fields.region.start == 0 && fields.region.end >= flow.text.len();
    let (first, last) = (
        flow.page_at(fields.region.start),
        flow.page_at(fields.region.end.saturating_sub(1)),
    );
    let (Some(a), Some(b)) = (first, last) else {
        return "the document".to_string();
    };
    let pages = if a == b {
        format!("page {a}")
    } else {
        format!("pages {a}–{b}")
    };
    if whole {
        format!("the whole document ({pages})")
    } else {
        format!("the form's label block ({pages})")
    }
}

/// An issue for every field of the form the report has no value for.
pub fn missing_fields(
    report: &mut Report,
    form: &FormDefinition,
    flow: &Flow,
    fields: &Fields<'_>,
) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut targets: Vec<&str> = Vec::new();
    for def in &form.fields {
        if !targets.contains(&def.target.as_str()) {
            targets.push(&def.target);
        }
    }
    for target in targets {
        // A value already doubted has its issue.
        let mut on_target = report.issues.iter().map(|i| i.field.as_deref());
        let doubted = on_target.any(|f| f == Some(target));
        if filled(report, target) != Some(false) || doubted {
            continue;
        }
        let value = fields.values.iter().find(|v| v.def.target == target);
        let unread = value.map(|v| (v.start, flow.slice(v.start, v.end).trim().to_string()));
        let defs: Vec<&FieldDef> = form.fields.iter().filter(|d| d.target == target).collect();
        let labels: Vec<&str> = defs.iter().flat_map(|d| d.label_texts()).collect();
        let severity = if defs.iter().all(|d| d.is_optional()) {
            Severity::Info
        } else {
            Severity::Warning
        };
        let blank = fields.blank.iter().find(|(def, _)| def.target == target);
        let blank = blank.map(|&(_, at)| at);
        let (severity, page, message, raw) = match (unread, blank) {
            (Some((at, raw)), _) => (
                Severity::Warning,
                flow.page_at(at),
                format!(
                    "The value \"{raw}\" given for {target} could not be read (a date without a year that nothing in the report gives, or no value of the expected kind); left empty."
                ),
                Some(raw),
            ),
            (None, Some(at)) => {
                let line = flow.line_holding(at);
                let written = line.map(|l| flow.slice(at, l.end).trim().to_string());
                let what = written
                    .as_deref()
                    .map_or_else(|| quoted_list(&labels), |w| format!("\"{w}\""));
                (
                    Severity::Info,
                    line.map(|l| l.page),
                    format!("The form's field {what} is there but left blank."),
                    written,
                )
            }
            (None, None) if labels.is_empty() => (
                severity,
                None,
                format!(
                    "Nothing in the document gives {target} (no phrase such as \"godkjent i styringsgruppen\" followed by a value was found)."
                ),
                None,
            ),
            (None, None) => (
                severity,
                None,
                format!(
                    "No value for {target}: none of the labels {} stands with a value in {}{}.",
                    quoted_list(&labels),
                    where_looked(flow, fields),
                    if defs.iter().any(|d| !d.mentions.is_empty()) {
                        ", nor is it mentioned elsewhere"
                    } else {
                        ""
                    }
                ),
                None,
            ),
        };
        out.push(Issue {
            page,
            raw,
            ..issue(severity, IssueCode::MissingField, Some(target), message)
        });
    }
    out
}

/// A warning on a table kind's list, seen on `page` as `raw`; `message`
/// is given the table's name as the form prints it ("funding by year").
fn list_warning(
    def: &TableDef,
    code: IssueCode,
    (page, raw): (Option<u32>, Option<String>),
    message: impl FnOnce(&str) -> String,
) -> Issue {
    let message = message(&def.name.replace('_', " "));
    Issue {
        page,
        raw,
        ..issue(Severity::Warning, code, Some(&def.list), message)
    }
}

/// The issue for a table of the form that the PDF path found no grid for
/// and that was read from the page text instead: its columns were placed by
/// the order of the text, not by where it is printed.
pub fn table_from_text(def: &TableDef, rows: usize, page: Option<u32>) -> Issue {
    list_warning(def, IssueCode::ValueUncertain, (page, None), |name| {
        format!(
        "No table grid was found for the form's {name} table (borderless, or drawn so that the table finder rejects it); its {rows} row(s) were read from the page text in reading order, so a value may stand in a neighbouring column and rows may be missing."
    )
    })
}

/// The issue for a table kind of the form that gave no rows: `looked`
/// says where it was looked for, `seen` the nearest thing found (its page
/// and text).
pub fn missing_table(
    form: &FormDefinition,
    def: &TableDef,
    looked: &str,
    seen: Option<(u32, String)>,
) -> Issue {
    let (seen, saw) = match seen {
        Some((page, text)) => (
            (Some(page), Some(text.clone())),
            format!("; the nearest, on page {page}, has a header that cannot be read as one (\"{text}\")"),
        ),
        None => ((None, None), String::new()),
    };
    // A table not every report has is worth an info when nothing of it was seen.
    let optional = seen.0.is_none() && form.optional_tables.iter().any(|t| t == &def.name);
    let issue = list_warning(def, IssueCode::MissingTable, seen, |name| {
        format!("The form's {name} table gave no rows: {looked}{saw}.")
    });
    match optional {
        true => Issue {
            severity: Severity::Info,
            ..issue
        },
        false => issue,
    }
}

/// Lines looked at after an area heading for the table's header.
const HEADER_REACH: usize = 4;

/// Folded for comparing an area heading with a row's area.
fn folded(text: &str) -> String {
    crate::sections::squash(text).to_lowercase()
}

/// Tables of a list with areas that were seen and not read: a heading the
/// form names as an area ("Målområde 2: …"), followed within a few lines
/// by a header naming one of the table's key columns, that no row of the
/// list carries as its area. Each such table is an issue on the list, so
/// its rows are not lost in silence.
pub fn unread_areas(flow: &Flow, def: &TableDef, row_areas: &[Option<&str>]) -> Vec<Issue> {
    if def.areas.is_empty() {
        return Vec::new();
    }
    let text_of = |i: usize| flow.lines.get(i).map_or("", |l| flow.slice(l.start, l.end));
    let carried: Vec<String> = row_areas.iter().flatten().map(|a| folded(a)).collect();
    let mut out = Vec::new();
    for (i, span) in crate::deadline::within_budget(flow.lines.iter().enumerate()) {
        let line = text_of(i).trim();
        let opens = |re: &LazyRegex| re.find(line).is_some_and(|m| m.start() == 0);
        if !def.areas.iter().any(opens) {
            continue;
        }
        let names_a_key = |j| def.key_headers.iter().any(|key| key.is_match(text_of(j)));
        let headed = (i + 1..=i + HEADER_REACH).any(names_a_key);
        let heading = folded(line);
        let read = carried
            .iter()
            .any(|a| !a.is_empty() && (heading.contains(a.as_str()) || a.contains(&heading)));
        if headed && !read {
            let seen = (Some(span.page), Some(line.to_string()));
            out.push(list_warning(def, IssueCode::MissingTable, seen, |name| format!(
                "The page text shows the heading \"{line}\" over a table of {name}, but no row was read under it; its rows are missing."
            )));
        }
    }
    out
}

/// Words of a printed header quoted in an issue.
const HEADER_WORDS: usize = 8;

/// A gap between two words of a line wider than this (in the line's
/// height) parts two cells of a printed row; words of one cell stand a word
/// space apart.
const CELL_GAP: f64 = 1.0;

/// Lines (in the header line's height) below a printed header within which
/// a grid's top makes the header that grid's own: a header row the engine
/// left above the grid it heads.
const HEADS_A_GRID: f64 = 3.0;

/// Tables of a list printed as plain text beside tables read as grids:
/// the header the form says such a table prints ("Aktivitet Hva skal vi
/// gjøre … Begrunnelse", or a row of cells naming every key column and one
/// more, "Aktivitet | Budsjett | Regnskap | … | TOTALT") stands in the page
/// text outside every table the engine gave (a table it rejected), so the
/// list holds only the other tables' rows. One issue per page, so its rows
/// are not lost in silence.
pub fn unread_grids(flow: &Flow, doc: &Document, def: &TableDef) -> Vec<Issue> {
    let tables_of = |page: u32| {
        doc.pages
            .iter()
            .filter(move |p| p.number == page)
            .flat_map(|p| p.tables.iter())
    };
    let in_a_table = |page: u32, b: &BBox| tables_of(page).any(|t| centre_in(b, &t.bbox, 0.0));
    let heads_a_grid = |page: u32, b: &BBox| {
        let reach = b.bottom + b.height().max(1.0) * HEADS_A_GRID;
        tables_of(page).any(|t| t.bbox.top >= b.top && t.bbox.top <= reach)
    };
    let mut pages: Vec<(u32, String)> = Vec::new();
    let quoted = |text: &str| {
        let words: Vec<&str> = text.split_whitespace().collect();
        words.get(..HEADER_WORDS).unwrap_or(&words).join(" ")
    };
    let text_headers = def.text.iter().flat_map(|t| t.headers.iter());
    for re in text_headers {
        for m in crate::deadline::within_budget(re.find_iter(&flow.text)) {
            let Some(line) = flow.line_holding(m.start()) else {
                continue;
            };
            // Text input has no boxes: nothing tells a grid from text.
            let Some(Some(first)) = flow.words.get(line.words.start).map(|w| w.2) else {
                continue;
            };
            if !in_a_table(line.page, &first) && !pages.iter().any(|(p, _)| *p == line.page) {
                pages.push((line.page, quoted(m.as_str())));
            }
        }
    }
    for line in crate::deadline::within_budget(flow.lines.iter()) {
        if line.cell.is_some() || pages.iter().any(|(p, _)| *p == line.page) {
            continue;
        }
        let Some(cells) = printed_cells(flow, line) else {
            continue;
        };
        let Some(first) = cells.first().map(|c| c.1) else {
            continue;
        };
        if in_a_table(line.page, &first) || heads_a_grid(line.page, &first) {
            continue;
        }
        if names_a_header(def, &cells) {
            let text = flow.text.get(line.start..line.end).unwrap_or("");
            pages.push((line.page, quoted(text)));
        }
    }
    pages.sort();
    let issue = |(page, raw): (u32, String)| {
        let seen = (Some(page), Some(raw.clone()));
        list_warning(def, IssueCode::MissingTable, seen, |name| {
            format!(
            "The page text shows the header of a table of {name} (\"{raw}\") that was not read as a table; its rows are missing."
        )
        })
    };
    pages.into_iter().map(issue).collect()
}

/// A line's words grouped into the cells of a printed row (words a column
/// gap apart start a new cell), each with its box; None without boxes.
fn printed_cells(flow: &Flow, line: &crate::flow::LineSpan) -> Option<Vec<(String, BBox)>> {
    let mut cells: Vec<(String, BBox)> = Vec::new();
    for (_, word, bbox) in flow.line_words(line) {
        let b = bbox?;
        match cells.last_mut() {
            Some((text, cell)) if b.x0 - cell.x1 < cell.height().max(1.0) * CELL_GAP => {
                text.push(' ');
                text.push_str(word);
                cell.x1 = cell.x1.max(b.x1);
            }
            _ => cells.push((word.to_string(), b)),
        }
    }
    Some(cells)
}

/// Whether printed cells read as a header row of the table kind: every key
/// column named by a cell, at least two columns named, and most cells
/// naming one (a line of another kind's wrapped header, "behov pr. |
/// behov | Antall | kommentarer", shares a word or two with it).
fn names_a_header(def: &TableDef, cells: &[(String, BBox)]) -> bool {
    let Some(union) = def.header_union.as_ref().filter(|_| cells.len() >= 2) else {
        return false;
    };
    let names = |re: &LazyRegex| cells.iter().any(|(t, _)| re.is_match(t));
    // The key columns first: most lines name none, and that spares the
    // search of every column.
    let keys = def
        .key_headers
        .iter()
        .all(|key| cells.iter().any(|(t, _)| key.is_match(t)));
    !def.key_headers.is_empty()
        && keys
        && cells.iter().filter(|(t, _)| union.is_match(t)).count() * 2 > cells.len()
        && def
            .columns
            .iter()
            .filter(|c| c.headers.iter().any(names))
            .count()
            >= 2
}

#[cfg(test)]
mod tests {
    use super::{unread_areas, unread_grids};
    use crate::flow::Flow;
    use crate::testutil::{doc, line_at, table_def};
    use skjema_extractor::{BBox, Table, TableMethod, TextLine};

    #[test]
    fn a_table_header_standing_outside_every_grid_is_an_issue() {
        let header = "Aktivitet Hva skal vi gjøre Resultat Status Avvik Begrunnelse";
        let row = "1) Kartlegging Kartlegge boliger Ferdig";
        let mut d = doc(&[&[header, row], &[header, row]]);
        // The engine gave page 2's table as a grid, page 1's not.
        if let Some(p) = d.pages.get_mut(1) {
            p.tables.push(Table {
                bbox: BBox {
                    x0: 40.0,
                    top: 55.0,
                    x1: 560.0,
                    bottom: 90.0,
                },
                rows: Vec::new(),
                method: TableMethod::Stream,
            });
        }
        let flow = Flow::new(&d);
        let issues = unread_grids(&flow, &d, table_def("activities"));
        let pages: Vec<Option<u32>> = issues.iter().map(|i| i.page).collect();
        assert_eq!(pages, [Some(1)], "{issues:?}");
        // A form whose tables have no printed header in text says nothing.
        assert!(unread_grids(&flow, &d, table_def("partners")).is_empty());
    }

    /// A row of cells at `xs`, a column gap apart, as one line at `y`.
    fn row_of_cells(cells: &[(&str, f64)], y: f64) -> TextLine {
        let words = cells
            .iter()
            .flat_map(|&(text, x)| line_at(text, x, y).words)
            .collect();
        TextLine::of_words(words, None)
    }

    #[test]
    fn a_header_row_naming_the_key_columns_outside_every_grid_is_an_issue() {
        let header = [
            ("Aktivitet", 40.0),
            ("Budsjett 2012", 150.0),
            ("Regnskap 2012", 250.0),
            ("TOTALT", 350.0),
        ];
        let row = [("Kartlegging", 40.0), ("100 000", 150.0), ("90 000", 250.0)];
        let mut d = doc(&[&[], &[], &[]]);
        for p in &mut d.pages {
            p.lines = vec![row_of_cells(&header, 60.0), row_of_cells(&row, 74.0)];
        }
        let grid = |top: f64| Table {
            bbox: BBox {
                x0: 30.0,
                top,
                x1: 560.0,
                bottom: 120.0,
            },
            rows: Vec::new(),
            method: TableMethod::Lattice,
        };
        // Page 2's table was read with its header; page 3's grid starts
        // just under the header (the engine left the header above it);
        // page 1's table was not read.
        if let Some(p) = d.pages.get_mut(1) {
            p.tables.push(grid(55.0));
        }
        if let Some(p) = d.pages.get_mut(2) {
            p.tables.push(grid(72.0));
        }
        let flow = Flow::new(&d);
        let issues = unread_grids(&flow, &d, table_def("budget"));
        let pages: Vec<Option<u32>> = issues.iter().map(|i| i.page).collect();
        assert_eq!(pages, [Some(1)], "{issues:?}");
        // The words of the header in one run (prose) name no columns.
        let prose = doc(&[&["Aktivitet Budsjett Regnskap TOTALT"]]);
        let flow = Flow::new(&prose);
        assert!(unread_grids(&flow, &prose, table_def("budget")).is_empty());
        // A line of another kind's wrapped header sharing two of its words.
        let mut other = doc(&[&[]]);
        let shared = [
            ("behov pr.", 150.0),
            ("behov pr.", 250.0),
            ("Antall", 350.0),
            ("kommentarer", 450.0),
        ];
        if let Some(p) = other.pages.first_mut() {
            p.lines = vec![row_of_cells(&shared, 60.0)];
        }
        let flow = Flow::new(&other);
        assert!(unread_grids(&flow, &other, table_def("indicators")).is_empty());
        // Another kind's header is no budget header.
        assert!(unread_grids(&Flow::new(&d), &d, table_def("partners")).is_empty());
    }

    #[test]
    fn an_area_table_seen_in_the_text_and_not_read_is_an_issue() {
        let doc = doc(&[&[
            "Målområde 1: Forebygging av bostedsløshet",
            "Nr. Aktivitet Hva skal vi gjøre Resultat",
            "1 Kartlegging Kartlegge boliger Ferdig",
            "Målområde 2: Bosetting av flyktninger",
            "Status for aktiviteten",
            "Hva skal vi gjøre konkret",
            "1 Opplæring Lage plan Klar",
            "Målområde 3 er omtalt i programplanen.",
        ]]);
        let flow = Flow::new(&doc);
        let def = table_def("activities");
        let issues = unread_areas(&flow, def, &[Some("Forebygging av bostedsløshet")]);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(
            issues[0].raw.as_deref(),
            Some("Målområde 2: Bosetting av flyktninger")
        );
        assert_eq!(issues[0].field.as_deref(), Some("activities"));
        // Both read: nothing to say.
        let both = [
            Some("Forebygging av bostedsløshet"),
            Some("Bosetting av flyktninger"),
        ];
        assert!(unread_areas(&flow, def, &both).is_empty());
    }
}
