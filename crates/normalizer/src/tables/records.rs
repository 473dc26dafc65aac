//! From table views to records: finds the header row of a table kind,
//! gives each column its role, follows the table onto the next page (header
//! repeated or not) and joins a row that a page break split in two.

use std::collections::BTreeMap;

use skjema_extractor::BBox;

use super::view::{CellText, TableView};
use crate::forms::{ColumnDef, TableDef};
use crate::values::join_wrapped_lines;

/// One cell of a record, owned so continued rows can be joined.
#[derive(Debug, Clone)]
pub struct Value {
    /// Cleaned text, None when blank.
    pub text: Option<String>,
    /// Raw text as extracted.
    pub raw: String,
    /// 1-based page.
    pub page: u32,
    /// The cell's box.
    pub bbox: BBox,
    /// The text begins with the rest of a broken word.
    pub starts_with_fragment: bool,
}

impl Value {
    fn from_cell(cell: &CellText, page: u32) -> Value {
        Value {
            text: cell.text.clone(),
            raw: cell.raw.clone(),
            page,
            bbox: cell.bbox,
            starts_with_fragment: cell.starts_with_fragment,
        }
    }

    fn append(&mut self, more: &Value) {
        self.text = match (self.text.take(), &more.text) {
            // A word the page break cut in two ("Forsinke" / "t").
            (Some(a), Some(b))
                if more.starts_with_fragment
                    && a.split_whitespace().next_back().is_some_and(|w| {
                        w.chars().count() >= 5 && w.ends_with(char::is_alphabetic)
                    }) =>
            {
                Some(format!("{a}{b}"))
            }
            (Some(a), Some(b)) => Some(join_wrapped_lines(&[a.as_str(), b.as_str()])),
            (a, b) => a.or_else(|| b.clone()),
        };
        self.raw = format!("{}\n{}", self.raw, more.raw);
    }
}

/// One data row of a table kind: its label cell and its cells by role.
#[derive(Debug, Clone)]
pub struct Record {
    /// The first cell (the row's label), when it has no role of its own.
    pub label: Option<Value>,
    /// Cells by column role.
    pub cells: BTreeMap<String, Value>,
    /// The heading printed above the table the row sits in.
    pub area: Option<String>,
    /// Index of the table (in document order) the row came from.
    pub table: usize,
}

impl Record {
    /// Cleaned text of a role's cell.
    pub fn text(&self, role: &str) -> Option<&str> {
        self.cells.get(role).and_then(|v| v.text.as_deref())
    }

    /// Cleaned text of the label cell.
    pub fn label_text(&self) -> Option<&str> {
        self.label.as_ref().and_then(|v| v.text.as_deref())
    }
}

/// The column whose header pattern matches earliest in the cell.
fn best_column<'d>(def: &'d TableDef, cell: &CellText) -> Option<(usize, &'d ColumnDef)> {
    // Headers are words (checked when the form definitions load), and most
    // cells are numbers: those cannot name a column.
    if !cell.raw.chars().any(char::is_alphabetic) {
        return None;
    }
    let union = def.header_union.as_ref()?;
    // The earliest header start over all texts; at equal starts the column
    // defined first.
    let mut best: Option<(usize, usize)> = None;
    for text in cell.match_texts().iter() {
        let Some(pos) = union.find(text).map(|m| m.start()) else {
            continue;
        };
        if best.is_some_and(|(p, _)| p < pos) {
            continue;
        }
        let column = def.columns.iter().position(|c| {
            c.headers
                .iter()
                .any(|re| re.find_at(text, pos).is_some_and(|m| m.start() == pos))
        });
        if let Some(column) = column {
            if best.is_none_or(|b| (pos, column) < b) {
                best = Some((pos, column));
            }
        }
    }
    best.and_then(|(pos, column)| def.columns.get(column).map(|c| (pos, c)))
}

/// Whether, for every key column, a header of its role matches somewhere
/// in a cell of the row that [`header_roles`] looks at: a cell gets a role
/// only where a header of that role matches, so a row without that is no
/// header row.
fn may_be_header(def: &TableDef, row: &[Option<CellText>]) -> bool {
    def.key_headers.iter().all(|key| {
        row.iter()
            .flatten()
            .filter(|c| c.text.is_some() && c.raw.chars().any(char::is_alphabetic))
            .any(|c| c.match_texts().iter().any(|t| key.is_match(t)))
    })
}

/// Column index → role, when `row` is a header row of `def`.
pub fn header_roles(def: &TableDef, row: &[Option<CellText>]) -> Option<BTreeMap<usize, String>> {
    if !may_be_header(def, row) {
        return None;
    }
    let mut roles = BTreeMap::new();
    for (index, cell) in row.iter().enumerate() {
        let Some(cell) = cell.as_ref().filter(|c| c.text.is_some()) else {
            continue;
        };
        // The header's own title comes first; later words belong to its explanation.
        let best = best_column(def, cell);
        if let Some((_, col)) = best {
            if !roles.values().any(|r: &String| r == &col.role) {
                roles.insert(index, col.role.clone());
            }
        }
    }
    let has_keys = def
        .columns
        .iter()
        .filter(|c| c.key)
        .all(|c| roles.values().any(|r| r == &c.role));
    (has_keys && !roles.is_empty()).then_some(roles)
}

/// Roles named by the cells of a row, keys or not.
fn partial_roles(def: &TableDef, row: &[Option<CellText>]) -> BTreeMap<usize, String> {
    let mut roles = BTreeMap::new();
    for (index, cell) in row.iter().enumerate() {
        let Some(cell) = cell.as_ref().filter(|c| c.text.is_some()) else {
            continue;
        };
        let best = best_column(def, cell);
        if let Some((_, col)) = best {
            roles.insert(index, col.role.clone());
        }
    }
    roles
}

/// A row under a header row that holds no numbers and whose first cell is
/// covered or blank: the second line of a two-row header.
fn is_sub_header(row: &[Option<CellText>]) -> bool {
    let first_blank = row
        .first()
        .is_none_or(|c| c.as_ref().is_none_or(|c| c.text.is_none()));
    let has_digits = row.iter().flatten().any(|c| {
        c.text
            .as_deref()
            .is_some_and(|t| t.chars().any(|ch| ch.is_ascii_digit()))
    });
    first_blank && !has_digits
}

fn row_is_blank(row: &[Option<CellText>]) -> bool {
    row.iter()
        .all(|c| c.as_ref().is_none_or(|c| c.text.is_none()))
}

fn starts_numbered(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && text
            .chars()
            .nth(digits)
            .is_some_and(|c| c == ')' || c == '.')
}

/// The records of one table kind across the document.
pub fn records(def: &TableDef, views: &[TableView]) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    // (roles, width, area) of the table kind's last table, for continuations.
    let mut open: Option<(BTreeMap<usize, String>, usize, Option<String>)> = None;
    for (index, view) in views.iter().enumerate() {
        let header = view
            .rows
            .iter()
            .position(|row| header_roles(def, row).is_some());
        let (roles, start, area, continued) = match header {
            Some(h) => {
                let roles = view.rows.get(h).and_then(|r| header_roles(def, r));
                let Some(mut roles) = roles else { continue };
                // A header of two rows: the lower row names the columns a
                // spanning group cell ("Finansiering") covers.
                let mut h = h;
                while let Some(lower) = view.rows.get(h + 1).filter(|r| is_sub_header(r)) {
                    let more = partial_roles(def, lower);
                    if more.is_empty() {
                        break;
                    }
                    for (col, role) in more {
                        roles.retain(|_, r| *r != role);
                        roles.insert(col, role);
                    }
                    h += 1;
                }
                let continued = view.at_page_top
                    && open
                        .as_ref()
                        .is_some_and(|(r, w, _)| *w == view.width() && *r == roles);
                let area = if continued {
                    open.as_ref().and_then(|o| o.2.clone())
                } else {
                    view.heading.clone()
                };
                (roles, h + 1, area, continued)
            }
            None => match &open {
                Some((roles, width, area)) if view.at_page_top && *width == view.width() => {
                    (roles.clone(), 0, area.clone(), true)
                }
                _ => {
                    open = None;
                    continue;
                }
            },
        };
        let first_role_col = roles.keys().next().copied().unwrap_or(usize::MAX);
        let mut first = true;
        for row in view.rows.iter().skip(start) {
            if header_roles(def, row).is_some() || row_is_blank(row) {
                continue;
            }
            let label = if first_role_col > 0 {
                row.first()
                    .and_then(|c| c.as_ref())
                    .map(|c| Value::from_cell(c, view.page))
            } else {
                None
            };
            let mut cells = BTreeMap::new();
            for (&col, role) in &roles {
                if let Some(Some(cell)) = row.get(col) {
                    cells.insert(role.clone(), Value::from_cell(cell, view.page));
                }
            }
            let record = Record {
                label,
                cells,
                area: area.clone(),
                table: index,
            };
            let label_blank = record.label.as_ref().is_none_or(|l| l.text.is_none());
            let lead = |r: &Record| -> Option<String> {
                r.label
                    .as_ref()
                    .or_else(|| r.cells.get(roles.get(&0).map_or("", String::as_str)))
                    .and_then(|v| v.text.clone())
            };
            // Rows numbered "1)", "2)", …: a first row without a number goes on with the last one.
            let unnumbered = out
                .last()
                .and_then(lead)
                .is_some_and(|t| starts_numbered(&t))
                && !lead(&record).is_some_and(|t| starts_numbered(&t));
            if first && continued && (label_blank && first_role_col > 0 || unnumbered) {
                // The rest of a row split by the page break.
                if let Some(last) = out.last_mut() {
                    for (role, value) in record.cells {
                        match last.cells.get_mut(&role) {
                            Some(existing) => existing.append(&value),
                            None => {
                                last.cells.insert(role, value);
                            }
                        }
                    }
                    first = false;
                    continue;
                }
            }
            first = false;
            out.push(record);
        }
        open = Some((roles, view.width(), area));
    }
    out
}
