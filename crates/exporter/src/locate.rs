//! Where a field path of the model (`households[2].need_end`,
//! `reporting.date`) lands in the tables: which file, which row of its list,
//! which column. Issues and provenance carry these beside the path, so a flag
//! joins to its value with plain keys instead of string surgery.

use std::sync::OnceLock;

use crate::report_tables::report_tables;

/// A model field path located in the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    /// The table (file name without `.csv`): `reports` for a scalar field of
    /// the report, the list's table for a list item.
    pub list: Option<&'static str>,
    /// 0-based position of the item in its list (the `row` column of that
    /// table; for `tables`, its `table_index`); none for scalar fields.
    pub row: Option<usize>,
    /// The column of that table holding the value; none when the path names
    /// a whole item or something no column holds.
    pub column: Option<&'static str>,
}

/// Fields whose column has another name than the model's field, so that no
/// column name is an SQL keyword: (table, model field, column).
const RENAMED: &[(&str, &str, &str)] = &[
    ("partners", "group", "actor_group"),
    ("tables", "table", "table_index"),
];

/// Every table with its column names, built once.
fn columns() -> &'static [(&'static str, Vec<&'static str>)] {
    static COLUMNS: OnceLock<Vec<(&'static str, Vec<&'static str>)>> = OnceLock::new();
    COLUMNS.get_or_init(|| {
        report_tables()
            .iter()
            .map(|t| (t.name(), t.fields().iter().map(|f| f.name).collect()))
            .collect()
    })
}

/// The column of `table` that holds the model field `field` (a path inside
/// the item without list indexes, `.` between parts).
fn column_of(table: &str, field: &str) -> Option<&'static str> {
    let name = RENAMED
        .iter()
        .find(|(t, f, _)| *t == table && *f == field)
        .map_or_else(|| field.replace('.', "_"), |(_, _, c)| (*c).to_string());
    columns()
        .iter()
        .find(|(t, _)| *t == table)
        .and_then(|(_, cols)| cols.iter().find(|c| **c == name).copied())
}

/// `a.b[3].c[0]` without its list indexes: `a.b.c`.
fn without_indexes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Locates a field path; parts it cannot place are `None`.
pub fn locate(path: &str) -> Location {
    let head_len = path.find(['[', '.']).unwrap_or(path.len());
    let (head, rest) = path.split_at(head_len);
    let list = columns()
        .iter()
        .map(|(t, _)| *t)
        .find(|t| *t == head && *t != "reports");
    if let (Some(list), Some(indexed)) = (list, rest.strip_prefix('[')) {
        let Some((index, after)) = indexed.split_once(']') else {
            return Location {
                list: Some(list),
                ..Location::default()
            };
        };
        let row = index.trim().parse().ok();
        let field = without_indexes(after.strip_prefix('.').unwrap_or(""));
        let column = if field.is_empty() {
            None
        } else {
            column_of(list, &field)
        };
        return Location {
            list: Some(list),
            row,
            column,
        };
    }
    match column_of("reports", &without_indexes(path)) {
        Some(column) => Location {
            list: Some("reports"),
            row: None,
            column: Some(column),
        },
        None => Location {
            list,
            ..Location::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &str) -> (Option<&str>, Option<usize>, Option<&str>) {
        let l = locate(path);
        (l.list, l.row, l.column)
    }

    #[test]
    fn list_items_scalars_and_renamed_fields_are_placed() {
        assert_eq!(
            at("households[2].need_end"),
            (Some("households"), Some(2), Some("need_end"))
        );
        assert_eq!(
            at("indicators[10].value"),
            (Some("indicators"), Some(10), Some("value"))
        );
        assert_eq!(
            at("funding_by_year[0].carried_over"),
            (Some("funding_by_year"), Some(0), Some("carried_over"))
        );
        assert_eq!(
            at("partners[4].group"),
            (Some("partners"), Some(4), Some("actor_group"))
        );
        assert_eq!(
            at("reporting.date"),
            (Some("reports"), None, Some("reporting_date"))
        );
        assert_eq!(
            at("reporting.phones[0]"),
            (Some("reports"), None, Some("reporting_phones"))
        );
        assert_eq!(
            at("municipality.name"),
            (Some("reports"), None, Some("municipality_name"))
        );
        assert_eq!(at("budget[1]"), (Some("budget"), Some(1), None));
        assert_eq!(at("tables[3]"), (Some("tables"), Some(3), None));
    }

    #[test]
    fn paths_no_column_holds_stay_unplaced() {
        assert_eq!(
            at("households[0].nonsense"),
            (Some("households"), Some(0), None)
        );
        assert_eq!(at("nonsense.field"), (None, None, None));
        assert_eq!(at(""), (None, None, None));
        assert_eq!(
            at("households[x].need_end"),
            (Some("households"), None, Some("need_end"))
        );
        assert_eq!(at("households[2"), (Some("households"), None, None));
    }
}
