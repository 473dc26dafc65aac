//! The one rule for the numbers a row shows in running text, for every
//! table kind of a transcript (households, indicators, budget, funding by
//! year): the numbers that follow a row's label go into its number columns
//! only when their count decides which column each is; otherwise they stay
//! empty and a note shows them. Numbers that follow no label belong to no
//! row.

use std::ops::Range;

use skjema_model::Severity;

use super::tokens::{inside, number_runs, Amount, Found, Token};
use super::{note, text_value, value};
use crate::deadline::within_budget;
use crate::flow::Flow;
use crate::forms::TableDef;
use crate::grid::{Note, Record, Value};

/// The number columns a row's numbers may go into.
pub struct Columns<'c> {
    /// Their names (roles or years), left to right.
    pub names: &'c [String],
    /// Fewer numbers than columns fill the columns from the left (the text
    /// runs in column order); otherwise a row must show exactly as many.
    pub from_left: bool,
    /// Why the columns cannot be told apart in the text, when they cannot.
    pub unclear: Option<&'static str>,
}

impl<'c> Columns<'c> {
    /// The columns `names`, told apart unless `unclear` says why not.
    pub fn new(names: &'c [String], from_left: bool, unclear: Option<&'static str>) -> Self {
        Columns {
            names,
            from_left,
            unclear,
        }
    }

    /// The columns a header in the text names: unclear, for `why`, when it
    /// names none or one twice.
    pub fn of_header(names: &'c [String], from_left: bool, why: &'static str) -> Columns<'c> {
        let mut seen = names.iter().enumerate();
        let repeats = seen.any(|(i, r)| names.iter().take(i).any(|q| q == r));
        let unclear = (names.is_empty() || repeats).then_some(why);
        Columns::new(names, from_left, unclear)
    }
}

/// The number columns of a "label, numbers, comment" table (households,
/// indicators), left to right: its column roles but the comment.
pub fn number_columns(def: &TableDef) -> Vec<String> {
    let roles = def.columns.iter().map(|c| c.role.clone());
    roles.filter(|r| r != "comment").collect()
}

/// The cell of one number: its text as written.
fn amount_value(flow: &Flow, amount: &Amount) -> Option<Value> {
    let written = amount.raw(&flow.text).to_string();
    value(flow, amount.start..amount.end, Some(written))
}

/// The written numbers joined by spaces.
pub fn raw_of(text: &str, amounts: &[Amount]) -> String {
    amounts
        .iter()
        .map(|a| a.raw(text))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Places `found` in `record`'s number columns, or adds the note that
/// says why not: the digits can be grouped more than one way, or their
/// count does not decide which column each is. `what` names the row in the
/// note ("this row", "2012"), which stands on `role` at byte `pos`.
/// Whether the numbers went in.
pub fn fill(
    flow: &Flow,
    record: &mut Record,
    found: &Found,
    columns: &Columns,
    (what, role): (&str, Option<&str>),
    pos: usize,
) -> bool {
    let amounts = match found {
        Ok(amounts) => amounts,
        Err(raw) => {
            let message = format!(
                "The digits \"{raw}\" after {what} can be grouped into numbers in more than one way; left empty."
            );
            let note = note(
                flow,
                Severity::Warning,
                role,
                pos,
                Some(raw.clone()),
                message,
            );
            record.notes.push(note);
            return false;
        }
    };
    let (n, wanted) = (amounts.len(), columns.names.len());
    let fits = n == wanted || (columns.from_left && n < wanted);
    if n == 0 || (fits && columns.unclear.is_none()) {
        for (role, amount) in columns.names.iter().zip(amounts) {
            if let Some(v) = amount_value(flow, amount) {
                record.cells.insert(role.clone(), v);
            }
        }
        return true;
    }
    let raw = raw_of(&flow.text, amounts);
    let why = match columns.unclear {
        Some(why) => why.to_string(),
        None => format!(
            "the table has {wanted} number column(s) ({})",
            columns.names.join(", ")
        ),
    };
    let pos = amounts.first().map_or(pos, |a| a.start.max(pos));
    let message = format!(
        "The transcript shows {n} number(s) ({raw}) after {what}, but {why}; which column each belongs to cannot be told, so they are left empty."
    );
    record
        .notes
        .push(note(flow, Severity::Warning, role, pos, Some(raw), message));
    false
}

/// One row of a "label, numbers, comment" table in running text
/// (households, indicators): "A. … 35 42 Det er …".
pub struct LeadRow {
    /// Where the label stands.
    pub label: Range<usize>,
    /// The numbers right after the label (maybe none).
    pub numbers: Found,
    /// Why the numbers may not be the row's, when they may not.
    pub doubt: Option<&'static str>,
    /// The text after the numbers, to the row's end.
    pub comment: Option<Range<usize>>,
}

/// The record of a row: its label, its numbers in the number columns
/// `names` filled from the left (a note naming the row `what` on `role`
/// when they do not fit) and, when they went in, the text after them in
/// the cell `comment_role`; whether any number went in.
pub fn lead_record(
    flow: &Flow,
    row: &LeadRow,
    names: &[String],
    (what, role): (&str, Option<&str>),
    comment_role: &str,
) -> (Record, bool) {
    let mut record = Record {
        label: text_value(flow, row.label.clone()),
        ..Record::default()
    };
    let columns = Columns::new(names, true, row.doubt);
    let fitted = fill(
        flow,
        &mut record,
        &row.numbers,
        &columns,
        (what, role),
        row.label.end,
    );
    let filled = fitted && row.numbers.as_ref().is_ok_and(|n| !n.is_empty());
    if let (true, Some(range)) = (filled, &row.comment) {
        let cell = text_value(flow, range.clone()).filter(|v| v.text.is_some());
        record
            .cells
            .extend(cell.map(|v| (comment_role.to_string(), v)));
    }
    (record, filled)
}

/// The amounts of the tokens inside `range` (skipping `skip` ranges and,
/// with `drop_years`, bare years), read run by run.
pub fn amounts_in(
    text: &str,
    toks: &[Token],
    range: Range<usize>,
    skip: &[Range<usize>],
    drop_years: bool,
) -> Found {
    let inside: Vec<Token> = inside(toks, range, skip).cloned().collect();
    // The first run that can be read more than one way makes them all unreadable.
    let runs = within_budget(number_runs(text, &inside));
    let runs: Vec<Vec<Amount>> = runs.collect::<Result<_, _>>()?;
    let amounts = runs.into_iter().flatten();
    Ok(amounts
        .filter(|a| !(drop_years && a.is_year(text)))
        .collect())
}

/// A note for numbers that stand in `range`, before a table's first row
/// label (read as by [`amounts_in`]): they follow no label and are read as
/// no row's.
pub fn stray_note(
    flow: &Flow,
    toks: &[Token],
    range: Range<usize>,
    skip: &[Range<usize>],
    drop_years: bool,
) -> Option<Note> {
    let pos = range.start;
    let raw = match amounts_in(&flow.text, toks, range, skip, drop_years) {
        Ok(amounts) if amounts.is_empty() => return None,
        Ok(amounts) => raw_of(&flow.text, &amounts),
        Err(raw) => raw,
    };
    let message = format!("The transcript shows {raw} before the table's first row label; it follows no label and is read as no row's.");
    Some(note(flow, Severity::Warning, None, pos, Some(raw), message))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokens;
    use super::*;
    use crate::testutil::doc;

    /// The flow of a one-line text and every number in it.
    fn read(line: &str) -> (Flow, Found) {
        let flow = Flow::new(&doc(&[&[line]]));
        let text = flow.text.as_str();
        let all = 0..text.len();
        let found = amounts_in(text, &tokens(text, all.clone()), all, &[], false);
        (flow, found)
    }

    /// The cells and the note's raw text of a row whose text is `row`.
    fn fill_row(
        row: &str,
        names: &[&str],
        from_left: bool,
    ) -> (Vec<(String, String)>, Option<String>) {
        let (flow, found) = read(row);
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let columns = Columns::new(&names, from_left, None);
        let mut record = Record::default();
        let filled = fill(&flow, &mut record, &found, &columns, ("this row", None), 0);
        assert_eq!(filled, record.notes.is_empty());
        let cells = record
            .cells
            .iter()
            .map(|(role, v)| (role.clone(), v.text.clone().unwrap_or_default()))
            .collect();
        (cells, record.notes.first().and_then(|n| n.raw.clone()))
    }

    fn cells(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn numbers_go_into_columns_only_when_their_count_decides() {
        let households = ["need_start", "need_end", "housed"];
        // Fewer numbers than columns fill them from the left, as the text runs.
        assert_eq!(
            fill_row("A. Bostedsløse 35 42", &households, true),
            (cells(&[("need_end", "42"), ("need_start", "35")]), None)
        );
        // More numbers than columns: none is placed, the note shows them.
        assert_eq!(
            fill_row("A. Bostedsløse 35 42 7 9", &households, true),
            (Vec::new(), Some("35 42 7 9".to_string()))
        );
        // Columns that must all be shown: one amount short is no row's.
        let budget = ["budget", "spent"];
        assert_eq!(
            fill_row("Tiltak Kr. 800.000 Kr. 700.000", &budget, false),
            (
                cells(&[("budget", "Kr. 800.000"), ("spent", "Kr. 700.000")]),
                None
            )
        );
        assert_eq!(
            fill_row("Tiltak Kr. 800.000", &budget, false),
            (Vec::new(), Some("Kr. 800.000".to_string()))
        );
        // Digits that group into amounts more than one way stay empty.
        assert_eq!(
            fill_row("Kommunal 310 662 360 000", &budget, false),
            (Vec::new(), Some("310 662 360 000".to_string()))
        );
        // No numbers: an empty row, and nothing to say.
        assert_eq!(
            fill_row("Tiltak uten tall", &budget, false),
            (Vec::new(), None)
        );
    }

    #[test]
    fn numbers_before_the_first_label_belong_to_no_row() {
        let flow = Flow::new(&doc(&[&[
            "KOSTRA 1564 Antall kommunalt disponerte boliger",
        ]]));
        let toks = tokens(&flow.text, 0..flow.text.len());
        let before_label = 0..flow.text.find("Antall").unwrap_or(0);
        let stray = stray_note(&flow, &toks, before_label, &[], false);
        assert_eq!(stray.and_then(|n| n.raw), Some("1564".to_string()));
        assert!(stray_note(&flow, &toks, 0..6, &[], false).is_none());
    }
}
