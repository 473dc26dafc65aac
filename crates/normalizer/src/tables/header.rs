//! Finding a table kind's header in a grid: the header may take one row or
//! several ("Status behov" spanning two columns over "pr. 01.01.2013" and
//! "pr. 31.12.2013"), so header rows are merged, a spanning cell's words
//! passed down to every column it covers, before columns get their roles.

use std::collections::BTreeMap;

use super::view::{CellText, TableView};
use crate::alternation::Alternation;
use crate::deadline::within_budget;
use crate::forms::{ColumnDef, TableDef};
use crate::lazy_regex::LazyRegex;
use crate::values::{parse_number, NumberKind};

/// Most grid rows one header may take.
const MAX_HEADER_ROWS: usize = 3;

/// Least columns a header row names (fewer when the kind has fewer).
const MIN_HEADER_COLUMNS: usize = 2;

/// A header found in a grid.
#[derive(Debug, Clone)]
pub struct Header {
    /// Column index → role.
    pub roles: BTreeMap<usize, String>,
    /// Role → the header text above its column, rows joined top to bottom
    /// (lines kept apart by "\n").
    pub titles: BTreeMap<String, String>,
    /// The header text above the label column (the first column), if any.
    pub corner: Option<String>,
    /// The first row after the header.
    pub end: usize,
}

/// The column whose header pattern matches earliest in one of `texts`; at
/// equal starts the column defined first.
fn best_column<'d, 't>(
    def: &'d TableDef,
    texts: impl Iterator<Item = &'t str>,
) -> Option<&'d ColumnDef> {
    let union = def.header_union.as_ref()?;
    let mut best: Option<(usize, usize)> = None;
    for text in texts {
        let Some(pos) = union.find_start(text) else {
            continue;
        };
        if best.is_some_and(|(p, _)| p < pos) {
            continue;
        }
        let starts_here = |re: &LazyRegex| re.find_at(text, pos).is_some_and(|m| m.start() == pos);
        let named = |c: &ColumnDef| c.headers.iter().any(starts_here);
        let column = def.columns.iter().position(named);
        if let Some(column) = column.filter(|&c| best.is_none_or(|b| (pos, c) < b)) {
            best = Some((pos, column));
        }
    }
    best.and_then(|(_, column)| def.columns.get(column))
}

/// Longest header cell text (bytes): a longer cell is an answer, and its
/// many line breaks would make many texts to match.
const MAX_HEADER_CELL: usize = 400;

/// Whether a cell may be a header cell: words (headers are words, checked
/// when the form definitions load; most cells are numbers), not too long.
fn may_name(cell: &CellText) -> bool {
    cell.text
        .as_deref()
        .is_some_and(|t| t.len() <= MAX_HEADER_CELL && t.chars().any(char::is_alphabetic))
}

/// The index of the first of `column`'s header patterns that matches one
/// of `texts` (`usize::MAX` when none does).
fn pattern_rank(column: &ColumnDef, texts: &[&str]) -> usize {
    let rank = column
        .headers
        .iter()
        .position(|re| texts.iter().any(|t| re.is_match(t)));
    rank.unwrap_or(usize::MAX)
}

/// The column a header cell names, if any.
pub fn column_of<'d>(def: &'d TableDef, cell: &CellText) -> Option<&'d ColumnDef> {
    if !may_name(cell) {
        return None;
    }
    best_column(def, cell.match_texts().iter())
}

/// Whether a header of `headers` matches a cell of the row that may name
/// a column.
fn row_names(row: &[Option<CellText>], headers: &Alternation) -> bool {
    row.iter()
        .flatten()
        .filter(|c| may_name(c))
        .any(|c| c.match_texts().iter().any(|t| headers.is_match(t)))
}

/// The cell covering grid position (`row`, `col`): the cell there, or a
/// spanning cell to the left or above.
fn covering(view: &TableView, row: usize, col: usize) -> Option<(usize, usize, &CellText)> {
    for r in (0..=row).rev() {
        for c in (0..=col).rev() {
            if let Some(cell) = view.cell(r, c) {
                if r.saturating_add(cell.row_span) > row && c.saturating_add(cell.col_span) > col {
                    return Some((r, c, cell));
                }
                if r == row && c == col {
                    return None;
                }
            }
        }
    }
    None
}

/// A cell that holds a number (a data cell, not a header).
fn holds_number(cell: &CellText) -> bool {
    cell.text.as_deref().is_some_and(|t| {
        matches!(
            parse_number(t).kind,
            NumberKind::Plain | NumberKind::Money | NumberKind::Percent | NumberKind::Range
        )
    })
}

/// Whether a cell of the rows from `first` to `row` spans down into `row`.
fn spanned_into(view: &TableView, first: usize, row: usize) -> bool {
    (0..view.width()).any(|c| {
        covering(view, row, c)
            .is_some_and(|(r, _, cell)| r >= first && r < row && cell.row_span > 1)
    })
}

/// Whether row `row`, where no cell of the header starting at `first`
/// spans down (such a row goes on with it), may go on with that header:
/// its first cell is blank or covered and none of its cells holds a number.
fn continues_header(view: &TableView, first: usize, row: usize) -> bool {
    let Some(cells) = view.rows.get(row) else {
        return false;
    };
    // Under a top row with a blank corner, the row with the label
    // column's title may go on it ("Tilskudd fra HB" over "Aktivitet").
    let first_blank = view.text(row, 0).is_empty() || view.text(first, 0).is_empty();
    let any_text = cells.iter().flatten().any(|c| c.text.is_some());
    first_blank && any_text && !cells.iter().flatten().any(holds_number)
}

/// The header cells above column `col` in rows `rows`, top to bottom,
/// each once.
fn column_cells(view: &TableView, rows: std::ops::Range<usize>, col: usize) -> Vec<&CellText> {
    let mut out: Vec<(usize, usize, &CellText)> = Vec::new();
    for r in rows {
        if let Some(found) = covering(view, r, col) {
            if !out.iter().any(|(a, b, _)| (*a, *b) == (found.0, found.1)) {
                out.push(found);
            }
        }
    }
    out.into_iter().map(|(_, _, c)| c).collect()
}

/// Roles, titles and corner of the header rows `rows`, when they name
/// every key column of the table kind.
fn band(def: &TableDef, view: &TableView, rows: std::ops::Range<usize>) -> Option<Header> {
    // Every column naming a role, with the rank of the pattern it matched.
    let mut named: Vec<(usize, &ColumnDef, usize, String)> = Vec::new();
    let mut corner = None;
    for col in 0..view.width() {
        let cells = column_cells(view, rows.clone(), col);
        let Some(own) = cells.last() else { continue };
        // The lowest cell names its column; failing that, the words passed
        // down from the cells spanning above it, read together with it.
        let merged = (cells.len() > 1).then(|| {
            let texts: Vec<&str> = cells.iter().filter_map(|c| c.text.as_deref()).collect();
            texts.join(" ")
        });
        let ranked = |texts: Vec<&str>| {
            let column = best_column(def, texts.iter().copied())?;
            Some((column, pattern_rank(column, &texts)))
        };
        let found = (may_name(own).then(|| ranked(own.match_texts().iter().collect())))
            .flatten()
            .or_else(|| ranked(merged.iter().map(String::as_str).collect()));
        let (role, rank) = (found.map(|f| f.0), found.map_or(usize::MAX, |f| f.1));
        let title = cells.iter().map(|c| c.raw.trim()).filter(|t| !t.is_empty());
        let title = title.collect::<Vec<_>>().join("\n");
        match role {
            // A spanning cell names its first column only.
            Some(column) => {
                let starts_here = covering(view, rows.end - 1, col)
                    .is_none_or(|(_, c, cell)| c == col || cell.col_span == 1);
                if starts_here || cells.len() > 1 {
                    named.push((col, column, rank, title));
                }
            }
            None if col == 0 && !title.is_empty() => corner = Some(title),
            None => {}
        }
    }
    // A role goes to the column naming it by its strongest header (a
    // kind's patterns are listed strongest first: "Mål" over a column of
    // "Delmål 1" yields to "Beskrivelse" beside it), at equal strength to
    // the first; a first column that loses is the label column.
    let mut roles: BTreeMap<usize, String> = BTreeMap::new();
    let mut titles: BTreeMap<String, String> = BTreeMap::new();
    for (col, column, rank, title) in &named {
        let mut rivals = named.iter().filter(|(_, c, _, _)| c.role == column.role);
        let wins = rivals.all(|(other, _, r, _)| (rank, col) <= (r, other));
        if wins {
            roles.insert(*col, column.role.clone());
            titles.insert(column.role.clone(), title.clone());
        } else if *col == 0 && !title.is_empty() {
            corner = Some(title.clone());
        }
    }
    let mut keys = def.columns.iter().filter(|c| c.key);
    let has_keys = keys.all(|c| roles.values().any(|r| r == &c.role));
    // A header names two columns at least (a data row may hold one word
    // that is also a header, "Delmål"), unless the kind has only one.
    let firsts = def.columns.iter().enumerate();
    let firsts = firsts.filter(|(i, c)| !def.columns.iter().take(*i).any(|d| d.role == c.role));
    let enough = roles.len() >= firsts.count().min(MIN_HEADER_COLUMNS);
    (has_keys && enough && !roles.is_empty()).then_some(Header {
        roles,
        titles,
        corner,
        end: rows.end,
    })
}

/// The first header of the table kind in `view` at or after row `from`.
pub fn find_header(def: &TableDef, view: &TableView, from: usize) -> Option<Header> {
    for (first, row) in within_budget(view.rows.iter().enumerate().skip(from)) {
        if !def.header_union.as_ref().is_some_and(|u| row_names(row, u)) {
            continue;
        }
        let (mut found, mut spans_on): (Option<Header>, bool) = (None, false);
        for end in first + 1..=view.rows.len().min(first + MAX_HEADER_ROWS) {
            if end > first + 1 && !spans_on && !continues_header(view, first, end - 1) {
                break;
            }
            // Rows a header cell spans into belong to it too, and so does
            // a row of sub-titles naming more columns where no cell was
            // drawn spanning (a borderless table's two-row header:
            // "Finansiering" over "Tilskudd", "Egenandel").
            match (band(def, view, first..end), &found) {
                (Some(g), Some(h)) if !spans_on && g.roles.len() <= h.roles.len() => break,
                (Some(g), _) => found = Some(g),
                (None, Some(_)) => break,
                (None, None) => {}
            }
            spans_on = spanned_into(view, first, end);
        }
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Whether a row repeats the header `roles` inside a grid.
pub fn repeats_header(
    def: &TableDef,
    view: &TableView,
    row: usize,
    roles: &BTreeMap<usize, String>,
) -> bool {
    let every_key = view.rows.get(row).is_some_and(|c| names_every_key(def, c));
    every_key && band(def, view, row..row + 1).is_some_and(|h| &h.roles == roles)
}

/// Whether, for every key column, a header of its role matches a cell of
/// the row: a header repeated on its own row names them all, and asking
/// this first spares the full search on data rows.
fn names_every_key(def: &TableDef, row: &[Option<CellText>]) -> bool {
    def.key_headers.iter().all(|key| row_names(row, key))
}

/// The text of a row near the top of a grid that names a key column of
/// the kind, or two of its columns, when the grid has no header of the
/// kind: a header that could not be read.
pub fn partial(def: &TableDef, view: &TableView) -> Option<String> {
    if find_header(def, view, 0).is_some() {
        return None;
    }
    view.rows.iter().take(MAX_HEADER_ROWS + 1).find_map(|row| {
        let named = row.iter().flatten().filter_map(|c| column_of(def, c));
        let named: Vec<&ColumnDef> = named.collect();
        let keys = named.iter().filter(|c| c.key).count();
        let texts = row.iter().flatten().filter_map(|c| c.text.as_deref());
        (keys >= 1 || named.len() >= 2).then(|| texts.collect::<Vec<_>>().join(" | "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::table_def as def;

    fn cell(text: &str) -> Option<CellText> {
        Some(CellText::new_for_test(text, 1, 1))
    }

    fn view(rows: Vec<Vec<Option<CellText>>>) -> TableView {
        TableView {
            page: 1,
            rows,
            heading: None,
            at_page_top: false,
        }
    }

    #[test]
    fn a_spanning_header_cell_passes_its_words_down() {
        // "Status behov" over the two date columns, the dates below; the
        // other headers span both rows.
        let v = view(vec![
            vec![
                Some(CellText::new_for_test(
                    "1.1 Anskaffe og beholde bolig",
                    2,
                    1,
                )),
                Some(CellText::new_for_test("Status behov", 1, 2)),
                None,
                Some(CellText::new_for_test("Resultat: Antall husstander", 2, 1)),
                Some(CellText::new_for_test("Eventuelle kommentarer", 2, 1)),
            ],
            vec![
                None,
                cell("pr.\n01.01.20\n15"),
                cell("pr.\n31.12.20\n15"),
                None,
                None,
            ],
            vec![
                cell("A. Antall husstander uten eid eller leid bolig"),
                cell("52"),
                cell("17"),
                cell("5"),
                cell(""),
            ],
        ]);
        let h = find_header(def("households"), &v, 0).expect("a header of two rows");
        assert_eq!(h.end, 2);
        let roles: Vec<(usize, &str)> = h.roles.iter().map(|(c, r)| (*c, r.as_str())).collect();
        assert_eq!(
            roles,
            [
                (1, "need_start"),
                (2, "need_end"),
                (3, "housed"),
                (4, "comment")
            ]
        );
        assert_eq!(
            h.titles.get("need_end").map(String::as_str),
            Some("Status behov\npr.\n31.12.20\n15")
        );
        assert_eq!(h.corner.as_deref(), Some("1.1 Anskaffe og beholde bolig"));
    }

    #[test]
    fn sub_titles_under_an_undrawn_spanning_title_join_the_header() {
        // A borderless table's header of two rows, no cell drawn spanning:
        // the first row names four columns, "Finansiering" over the three
        // below it, which name theirs on the second row.
        let v = view(vec![
            vec![
                cell("Aktivitet"),
                cell("Regnskap"),
                cell("Budsjett"),
                None,
                cell("Finansiering"),
                None,
                cell("TOTALT"),
                cell("Avvik"),
            ],
            vec![
                None,
                None,
                None,
                cell("Tilskudd fra Husbanken"),
                cell("Egenfinansiering"),
                cell("Andre midler"),
                None,
                None,
            ],
            vec![
                cell("Boligskole"),
                cell("745.000"),
                cell("750.000"),
                cell("475.000"),
                cell("275.000"),
                None,
                cell("750.000"),
                cell("-5.000"),
            ],
        ]);
        let h = find_header(def("budget"), &v, 0).expect("the two-row header");
        assert_eq!(h.end, 2);
        let roles: Vec<(usize, &str)> = h.roles.iter().map(|(c, r)| (*c, r.as_str())).collect();
        assert_eq!(
            roles,
            [
                (1, "accounts"),
                (2, "budget"),
                (3, "grant_husbanken"),
                (4, "own_funding"),
                (5, "other_funding"),
                (6, "total"),
                (7, "deviation")
            ]
        );
    }

    #[test]
    fn header_words_broken_in_narrow_cells_still_name_their_columns() {
        let v = view(vec![
            vec![
                cell("Aktivitet"),
                cell("Regnsk\nap"),
                cell("Budsjet\nt"),
                cell("Tilskud\nd fra HB\n(kompet\nansetils\nkudd)"),
                cell("TOTAL\nT"),
            ],
            vec![
                cell("TOTALT"),
                cell("2 500 00\n0"),
                cell("2 500 000"),
                cell("1"),
                cell("2"),
            ],
        ]);
        let h = find_header(def("budget"), &v, 0).expect("the broken header");
        let roles: Vec<&str> = h.roles.values().map(String::as_str).collect();
        assert_eq!(roles, ["accounts", "budget", "grant_husbanken", "total"]);
    }

    #[test]
    fn one_header_word_in_a_data_row_is_no_header() {
        // A final report's goal table heads its goal column "Delmål"; a row
        // labelled "Delmål" alone names one column only.
        let v = view(vec![vec![
            cell("Delmål"),
            cell("Boligmassen er tilpasset"),
            cell("2014"),
        ]]);
        assert!(find_header(def("goals"), &v, 0).is_none());
        let v = view(vec![vec![
            cell("Nr."),
            cell("Delmål"),
            cell("Status"),
            cell("Ferdig når"),
        ]]);
        let h = find_header(def("goals"), &v, 0).expect("a final report's goal header");
        let roles: Vec<&str> = h.roles.values().map(String::as_str).collect();
        assert_eq!(roles, ["description", "result", "due"]);
    }

    #[test]
    fn the_stronger_header_takes_a_role_two_columns_name() {
        // "Mål" names the goal column only where nothing stronger does;
        // beside "Beskrivelse" it heads the rows' labels ("Delmål 1").
        let v = view(vec![vec![
            cell("Mål"),
            cell("Beskrivelse"),
            cell("Måloppnåelse"),
            cell("Frist"),
        ]]);
        let h = find_header(def("goals"), &v, 0).expect("a goal header with a level column");
        let roles: Vec<(usize, &str)> = h.roles.iter().map(|(c, r)| (*c, r.as_str())).collect();
        assert_eq!(roles, [(1, "description"), (2, "result"), (3, "due")]);
        assert_eq!(h.corner.as_deref(), Some("Mål"));
    }
}
