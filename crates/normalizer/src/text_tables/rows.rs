//! Tables of text cells in a transcript: activity plans, goal tables and the
//! partner matrix. Their rows can be found (numbered "1)", "Hovedmål" /
//! "Delmål N", the printed actor names), but the cells of a row run together,
//! so only what the row's start decides is set (and an activity's status and
//! progress, which are words of a fixed vocabulary and percentages); the
//! row's text is kept in provenance and an issue says why its cells are empty.

use std::ops::Range;

use skjema_model::{IssueCode, Severity};

use super::echo::Echoes;
use super::tokens::{number_runs, tokens, TokenKind, WordView};
use super::{clip, each_region, matches_in, note, row_marks, text_value, value};
use crate::deadline::within_budget;
use crate::flow::Flow;
use crate::forms::{first_match, TableDef, TextDef};
use crate::grid::{Block, Note, Record, Value};
use crate::values::clean_text;

/// A heading longer than this many words is running text, not a table's area.
const MAX_AREA_WORDS: usize = 12;

/// Whether a match stands as whole words (not inside a longer word).
fn whole_word(text: &str, range: &Range<usize>) -> bool {
    let before = text.get(..range.start).and_then(|t| t.chars().next_back());
    let after = text.get(range.end..).and_then(|t| t.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The whole text of a row (its provenance): its `words` outside the
/// stretches the table skips (a header, a page's running text), so a word
/// such a stretch takes is not the row's, whichever way the row is read.
fn whole<'t>(
    flow: &Flow,
    range: Range<usize>,
    words: impl Iterator<Item = &'t str>,
) -> Option<Value> {
    let page = flow.page_at(range.start)?;
    let raw = clip(&words.collect::<Vec<_>>().join(" "));
    Some(Value::from_text(None, raw, page))
}

/// Reads the activity plans of a transcript.
pub fn activities(flow: &Flow, def: &TableDef, text_def: &TextDef) -> Vec<Block> {
    let text = flow.text.as_str();
    each_region(flow, text_def, |block| {
        // The printed header runs from the opening words to its last column.
        let head = text.get(block.heading..block.end).unwrap_or("");
        let header = text_def.headers.iter().filter_map(|re| re.find(head));
        let header_end = header.filter(|m| m.start() == 0).map(|m| m.end()).max();
        let body_start = header_end.map_or(block.body_start, |len| block.heading + len);
        // The area: the short heading between the start of the page's text and the table.
        let line = flow.line_holding(block.heading);
        let line_start = line.map_or(block.heading, |l| l.start);
        let area = text
            .get(line_start..block.heading)
            .and_then(clean_text)
            .filter(|a| a.split_whitespace().count() <= MAX_AREA_WORDS);
        let skips = matches_in(text, body_start..block.end, &text_def.skip, false);
        let mut expected = 1u32;
        let marks: Vec<(u32, Range<usize>)> = row_marks(text, body_start..block.end, text_def)
            .into_iter()
            .filter(|m| !skips.iter().any(|s| m.start >= s.start && m.start < s.end))
            .filter_map(|m| {
                let n: u32 = text.get(m.clone())?.trim().parse().ok()?;
                // Rows run 1), 2), 3) …: any other "N)" is part of a cell.
                (n == expected).then(|| {
                    expected += 1;
                    (n, m)
                })
            })
            .collect();
        let mut records = Vec::new();
        for (i, (n, mark)) in marks.iter().enumerate() {
            let end = marks.get(i + 1).map_or(block.end, |(_, m)| m.start);
            let row_start = mark.end + 1;
            // The row's words; its status words and percentages among them.
            let mut toks = tokens(text, row_start.min(end)..end);
            toks.retain(|t| !skips.iter().any(|s| t.start >= s.start && t.end <= s.end));
            // The status is the first status word that stands as a cell of
            // its own: capitalised, not ending a sentence ("Gjennomført.")
            // and not followed by a date ("Gjennomført 16.03.2011" is a
            // result); the progress is the first percentage.
            let mut words = toks
                .iter()
                .enumerate()
                .filter(|(_, t)| t.kind == TokenKind::Word);
            let status = words.find_map(|(k, t)| {
                let written = text.get(t.start..t.end).unwrap_or("");
                let word = written.trim_matches(|c: char| !c.is_alphanumeric());
                let next = toks.get(k + 1).and_then(|n| text.get(n.start..n.end));
                let dated = next.is_some_and(|n| n.matches('.').count() >= 2);
                let alone = word.chars().next().is_some_and(char::is_uppercase)
                    && !written.ends_with('.')
                    && !dated;
                let known = first_match(&def.statuses, &word.to_lowercase()).is_some();
                (alone && known).then(|| t.start..t.start + word.len())
            });
            let mut amounts = number_runs(text, &toks).into_iter().flatten().flatten();
            let progress = amounts.find(|a| a.raw(text).ends_with('%'));
            let progress = progress.map(|a| a.start..a.end);
            let found = [("status", status), ("progress", progress)];
            let cells = found.into_iter().filter_map(|(role, range)| {
                let range = range?;
                let written = text.get(range.clone()).map(|w| w.trim().to_string());
                value(flow, range, written).map(|v| (role.to_string(), v))
            });
            let row_words = toks.iter().filter_map(|t| text.get(t.start..t.end));
            let why = "The transcript runs this row's cells together, so its activity, plan, result, deviation and reason cannot be told apart; they are left empty (the row's text is in provenance). Status and progress are the first status word standing on its own and the first percentage in the row's text.";
            records.push(Record {
                label: value(flow, mark.clone(), Some(format!("{n})"))),
                whole: whole(flow, mark.start..end, row_words),
                cells: cells.collect(),
                notes: vec![note(flow, Severity::Warning, None, mark.start, None, why)],
            });
        }
        Some(Block {
            area,
            records,
            ..Block::default()
        })
    })
}

/// Reads the goal tables of a transcript.
pub fn goals(flow: &Flow, text_def: &TextDef) -> Vec<Block> {
    let text = flow.text.as_str();
    // The document's word index, built for the first goal table only: a
    // transcript without one (most pages of a long file) pays nothing.
    let echoes = std::cell::OnceCell::new();
    each_region(flow, text_def, |block| {
        let headers = matches_in(text, block.body(), &text_def.headers, false);
        let header = headers.iter().min_by_key(|h| h.start).cloned()?;
        let echoes = echoes.get_or_init(|| Echoes::new(text));
        let marks: Vec<Range<usize>> = row_marks(text, block.body(), text_def)
            .into_iter()
            .filter(|m| !(m.start >= header.start && m.start < header.end))
            .collect();
        let area_end = marks
            .first()
            .map_or(header.start, |m| m.start.min(header.start));
        let area = text.get(block.heading..area_end).and_then(clean_text);
        // One hovedmål per table, then delmål in increasing order; a "Delmål 1"
        // after "Delmål 2" is a reference in a cell ("Jmf. Delmål 1 …").
        let mut last_delmal = 0u32;
        let mut had_hovedmal = false;
        let rows: Vec<(Range<usize>, String)> = marks
            .into_iter()
            .filter_map(|m| {
                let label = clean_text(text.get(m.clone())?)?;
                let number: Option<u32> =
                    label.split_whitespace().nth(1).and_then(|n| n.parse().ok());
                match number {
                    Some(n) if n > last_delmal => {
                        last_delmal = n;
                        Some((m, label))
                    }
                    Some(_) => None,
                    None if !had_hovedmal && last_delmal == 0 => {
                        had_hovedmal = true;
                        Some((m, label))
                    }
                    None => None,
                }
            })
            .collect();
        // Labels directly followed by the next ("Delmål 3 Delmål 4 …") are
        // a run whose descriptions follow the last of them, in order.
        let table = block.heading..block.end;
        let mut described: Vec<Option<Range<usize>>> = vec![None; rows.len()];
        let mut run = Vec::new();
        for (i, (mark, _)) in rows.iter().enumerate() {
            run.push(i);
            let end = rows.get(i + 1).map_or(block.end, |(m, _)| m.start);
            let words = echoes.words_in(mark.end..end, &header);
            if words.is_empty() {
                continue;
            }
            let mut rest = words.as_slice();
            for r in within_budget(std::mem::take(&mut run)) {
                let Some((k, range)) = echoes.description(rest, &table) else {
                    break;
                };
                rest = rest.get(k..).unwrap_or(&[]);
                if let Some(d) = described.get_mut(r) {
                    *d = Some(range);
                }
            }
        }
        let mut records = Vec::new();
        for (i, (mark, label)) in rows.iter().enumerate() {
            let end = rows.get(i + 1).map_or(block.end, |(m, _)| m.start);
            let words = echoes.words_in(mark.end..end, &header);
            let description = described.get(i).cloned().flatten();
            let why = match description {
                Some(_) => "The transcript runs this goal's result and due date together; they are left empty (the row's text is in provenance). The description is the row's opening words, which the report also prints elsewhere as a whole item.",
                None => "The transcript runs this goal's description, result and due date together; they are left empty (the row's text is in provenance).",
            };
            let cell = description
                .and_then(|r| text_value(flow, r))
                .map(|v| ("description".to_string(), v));
            records.push(Record {
                label: value(flow, mark.clone(), Some(label.clone())),
                whole: whole(flow, mark.start..end, words.iter().map(|&i| echoes.word(i))),
                cells: cell.into_iter().collect(),
                notes: vec![note(flow, Severity::Info, None, mark.start, None, why)],
            });
        }
        Some(Block {
            area,
            records,
            ..Block::default()
        })
    })
}

enum Mark {
    Actor,
    Group,
    Header,
}

/// The note on a block of partner rows about the tick marks the text shows.
fn ticks_note(flow: &Flow, pos: usize, ticks: &[&str]) -> Note {
    if ticks.is_empty() {
        let message = "The transcript shows no tick marks in the partner matrix, so participation is left empty.";
        let note = note(flow, Severity::Info, None, pos, None, message);
        Note {
            code: IssueCode::MissingField,
            ..note
        }
    } else {
        let message = "The transcript shows tick marks in the partner matrix, but not which actor and column each belongs to; participation is left empty.";
        let seen = Some(ticks.join(" "));
        note(flow, Severity::Warning, None, pos, seen, message)
    }
}

/// Reads the partner matrix of a transcript: one block per group of rows
/// under a column header (the header ends a group heading's reach).
pub fn partners(flow: &Flow, def: &TableDef, text_def: &TextDef) -> Vec<Block> {
    let text = flow.text.as_str();
    each_region(flow, text_def, |block| {
        let toks = tokens(text, block.body());
        let view = WordView::new(text, &toks);
        let headers = view.hits(&def.columns, |c| c.headers.as_slice());
        let mut marks: Vec<(Range<usize>, Mark)> = headers
            .into_iter()
            .map(|hit| (hit.start..hit.end, Mark::Header))
            .collect();
        let groups = def.groups.iter();
        let groups = groups.flat_map(|g| matches_in(text, block.body(), &g.labels, false));
        marks.extend(groups.map(|m| (m, Mark::Group)));
        let actors = matches_in(text, block.body(), &text_def.actors, false);
        let actors = actors.into_iter().filter(|m| whole_word(text, m));
        marks.extend(actors.map(|m| (m, Mark::Actor)));
        marks.sort_by_key(|(r, _)| r.start);
        // Overlaps: the earlier mark wins.
        marks.dedup_by(|b, a| b.0.start < a.0.end);
        let ticks: Vec<&str> = toks
            .iter()
            .filter_map(|t| text.get(t.start..t.end))
            .filter(|w| def.ticks.iter().any(|re| re.is_match(w)))
            .collect();
        let mut parts: Vec<Block> = vec![Block::default()];
        for (i, (range, mark)) in marks.iter().enumerate() {
            let end = marks.get(i + 1).map_or(block.end, |(r, _)| r.start);
            // A group heading or an actor is a row of its own, labelled by it.
            let label = match mark {
                // The column header ends the group heading's reach: the next
                // group's heading is not always in the text.
                Mark::Header => {
                    if parts.last().is_some_and(|p| !p.records.is_empty()) {
                        parts.push(Block::default());
                    }
                    continue;
                }
                Mark::Group => text_value(flow, range.clone()),
                Mark::Actor => {
                    let actor = text.get(range.start..end);
                    let actor = actor.map(|t| t.trim().trim_end_matches([';', ',']));
                    let actor = value(flow, range.start..end, actor.and_then(clean_text));
                    actor.filter(|v| v.text.is_some())
                }
            };
            if let (Some(part), Some(v)) = (parts.last_mut(), label) {
                part.records.push(Record {
                    label: Some(v),
                    ..Record::default()
                });
            }
        }
        let has_actor = |p: &Block| {
            p.records.iter().any(|r| {
                r.label_text()
                    .is_none_or(|l| first_match(&def.groups, l).is_none())
            })
        };
        if !parts.iter().any(has_actor) {
            return Vec::new();
        }
        for part in &mut parts {
            if has_actor(part) {
                part.notes.push(ticks_note(flow, block.body_start, &ticks));
            }
        }
        parts.retain(|p| !p.records.is_empty());
        parts
    })
}
