//! Finding the headings: for a fixed form, the form definition's headings
//! in print order (by their printed number and title); for a free-form
//! final report, numbered lines set larger or bold (or, in text input,
//! numbers followed by an upper-case or «quoted» title) whose numbers
//! follow each other.

use regex::Regex;

use super::spec::{HeadingDef, SectionSpec};
use super::Body;
use crate::deadline::within_budget;
use crate::lazy_regex::ci;
use crate::pattern::HeadingMatch;

/// A heading found in the body text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Found {
    /// Number as stored.
    pub number: Option<String>,
    /// Title as printed.
    pub title: Option<String>,
    /// Number of the enclosing section.
    pub parent: Option<String>,
    /// Index of the form definition's heading, for fixed forms.
    pub def: Option<usize>,
    /// Byte offset of the heading in the body text.
    pub start: usize,
    /// Byte offset just after the heading.
    pub end: usize,
}

fn prefix(geometry: bool) -> &'static str {
    if geometry {
        r"(?m)^[ \t]*"
    } else {
        r"(?:^|\s)"
    }
}

/// The heading's regex in running text (positioned lines use
/// `def.positioned`): group `h` is the whole heading, `t` its title.
/// Built once per process: compiling per call was a third of the run time.
fn heading_regex(def: &HeadingDef) -> Option<&Regex> {
    def.regexes
        .first()?
        .get_or_init(|| build_heading_regex(def))
        .as_ref()
}

/// Only a number ("A.3." or "1.") followed by an unknown title.
fn number_only_regex(def: &HeadingDef, geometry: bool) -> Option<&Regex> {
    def.regexes
        .get(1 + usize::from(geometry))?
        .get_or_init(|| build_number_only_regex(def, geometry))
        .as_ref()
}

fn build_heading_regex(def: &HeadingDef) -> Option<Regex> {
    let titles = def.titles.join("|");
    let body = match (&def.mark, titles.is_empty()) {
        (Some(mark), false) => format!(r"(?P<h>{mark}\s*(?P<t>{titles}))"),
        (Some(mark), true) => format!(r"(?P<h>{mark})(?:\s|$)"),
        (None, false) => format!(r"(?P<h>(?P<t>{titles}))(?:\s|:|$)"),
        (None, true) => return None,
    };
    ci(&format!("{}{}", prefix(false), body)).ok()
}

fn build_number_only_regex(def: &HeadingDef, geometry: bool) -> Option<Regex> {
    let number = def.number.as_deref()?;
    if !number.chars().any(|c| c.is_ascii_digit()) || def.fixed_title.is_some() {
        return None;
    }
    let mark = if number.contains('.') {
        def.mark.clone()?
    } else {
        format!(r"{}\.", regex::escape(number))
    };
    let title = if geometry {
        r"[ \t]+(?P<t>[^\n]+)"
    } else {
        r"\s+(?P<t>\S+(?:\s+\S+){0,7})"
    };
    ci(&format!("{}(?P<h>{mark}){title}", prefix(geometry))).ok()
}

/// A heading regex's match as the positioned pattern gives one.
fn heading_match(caps: &regex::Captures<'_>) -> Option<HeadingMatch> {
    let h = caps.name("h")?;
    Some(HeadingMatch {
        h: (h.start(), h.end()),
        t: caps.name("t").map(|t| (t.start(), t.end())),
    })
}

/// A title as printed, its spacing squashed and letter-spaced words
/// ("S A M M E N D R A G") collapsed.
fn printed_title(title: &str) -> String {
    super::cleanup::collapse_letter_spacing(&super::cleanup::squash(title)).into_owned()
}

/// The heading found: the whole heading's range, the title's text and end.
fn found(def_index: usize, def: &HeadingDef, text: &str, m: HeadingMatch) -> Option<Found> {
    let (h, t) = match m.t {
        Some((s, e)) => (m.h, Some((text.get(s..e)?, e))),
        None => (m.h, None),
    };
    let printed = || t.map(|(t, _)| printed_title(t));
    let title = def.fixed_title.clone().or_else(printed);
    let title = title.filter(|t| !t.is_empty());
    let end = t.map_or(h.1, |(_, t_end)| t_end.max(h.1));
    Some(Found {
        number: def.number.clone(),
        title,
        parent: def.parent.clone().or_else(|| {
            let (parent, _) = def.number.as_deref()?.rsplit_once('.')?;
            Some(parent.to_string())
        }),
        def: Some(def_index),
        start: h.0,
        end,
    })
}

/// Whether a line of a positioned document reads as one of the form's
/// headings (or, for a free-form document, a numbered or titled heading).
pub(crate) fn is_heading_line(text: &str, spec: &SectionSpec) -> bool {
    let t = text.trim();
    let bare = t.trim_end_matches(':');
    if spec.titled.iter().any(|h| h.eq_ignore_ascii_case(bare)) {
        return true;
    }
    if spec.free {
        return NUMBERED_LINE.is_match(t);
    }
    spec.headings.iter().any(|def| {
        def.positioned
            .as_ref()
            .is_some_and(|p| p.find_from(t, 0).is_some())
            || number_only_regex(def, true).is_some_and(|re| re.is_match(t))
    })
}

/// The fixed headings of a form, in print order.
pub(crate) fn find_fixed(body: &Body, spec: &SectionSpec, geometry: bool) -> Vec<Found> {
    let text = body.text.as_str();
    let mut slots: Vec<Option<Found>> = Vec::with_capacity(spec.headings.len());
    let mut pos = 0;
    for (i, def) in spec.headings.iter().enumerate() {
        let found = if geometry {
            def.positioned.as_ref().and_then(|p| p.find_from(text, pos))
        } else {
            heading_regex(def)
                .and_then(|re| re.captures_at(text, pos))
                .and_then(|caps| heading_match(&caps))
        }
        .and_then(|m| found(i, def, text, m));
        if let Some(f) = &found {
            pos = f.end;
        }
        slots.push(found);
    }
    // Headings whose printed title differs from every known variant: the
    // number alone, between the neighbours found.
    for i in 0..slots.len() {
        if slots.get(i).is_some_and(Option::is_some) {
            continue;
        }
        let Some(def) = spec.headings.get(i) else {
            continue;
        };
        let Some(re) = number_only_regex(def, geometry) else {
            continue;
        };
        let found_before = slots.iter().take(i).rev().flatten().next();
        let lo = found_before.map_or(0, |f| f.end);
        let found_after = slots.iter().skip(i + 1).flatten().next();
        let hi = found_after.map_or(text.len(), |f| f.start);
        let Some(window) = text.get(..hi) else {
            continue;
        };
        let Some(caps) = re.captures_at(window, lo) else {
            continue;
        };
        let Some(mut found) = heading_match(&caps).and_then(|m| found(i, def, text, m)) else {
            continue;
        };
        if !geometry {
            trim_title_at_prompt(&mut found, def, text);
        }
        if let Some(slot) = slots.get_mut(i) {
            *slot = Some(found);
        }
    }
    slots.into_iter().flatten().collect()
}

/// Text input: a title read as "the next words" ends where the printed
/// guidance begins.
fn trim_title_at_prompt(found: &mut Found, def: &HeadingDef, text: &str) {
    let Some(title) = &found.title else {
        return;
    };
    let title_start = found.end.saturating_sub(title.len()).max(found.start);
    let stop = crate::values::floor_boundary(text, title_start + 400);
    let Some(after) = text.get(title_start..stop) else {
        return;
    };
    let starts = def.prompt_phrases.iter().filter_map(|p| p.find(after));
    let cut = starts.map(|(start, _)| start).min();
    if let Some(cut) = cut {
        let t = super::cleanup::squash(after.get(..cut).unwrap_or(""));
        found.end = title_start + cut;
        found.title = Some(t).filter(|t| !t.is_empty());
    }
}

/// The components of a printed heading number ("3.2.4" → [3, 2, 4]).
fn components(number: &str) -> Option<Vec<u32>> {
    let parts = number.trim_end_matches('.').split('.');
    parts.map(|p| p.parse().ok()).collect()
}

/// Whether a heading numbered `next` can follow one numbered `prev`: the
/// first chapter, a following sibling of the heading or one of its
/// ancestors, or a first child (a few missing numbers are tolerated).
fn follows(prev: &[u32], next: &[u32]) -> bool {
    let (Some(&last), Some(head)) = (next.last(), next.get(..next.len().saturating_sub(1))) else {
        return false;
    };
    if prev.is_empty() {
        return head.iter().all(|&c| c == 1) && last == 1;
    }
    if next.len() == prev.len() + 1 && head == prev {
        return (1..=4).contains(&last);
    }
    if next.len() <= prev.len() {
        let k = next.len() - 1;
        if prev.get(..k) == Some(head) {
            if let Some(&p) = prev.get(k) {
                return last > p && last <= p + 3;
            }
        }
    }
    false
}

static_regex! {
    NUMBERED_LINE = r"^\s*(?P<n>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?P<t>\S.{0,160})$";
    NUMBERED_INLINE = r"(?:^|\s)(?P<h>(?P<n>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?P<t>«[^»\n]{1,150}»|[A-ZÆØÅ][A-ZÆØÅ0-9/&,\-–]+(?:[ \t]+[A-ZÆØÅ0-9][A-ZÆØÅ0-9/&,\-–]*)*))";
}

fn looks_like_title(title: &str) -> bool {
    let t = title.trim();
    if t.is_empty() || t.chars().count() > 160 {
        return false;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && !t.ends_with(',') && !t.ends_with(';')
}

fn free_found(number: &[u32], title: &str, start: usize, end: usize) -> Found {
    let n: Vec<String> = number.iter().map(u32::to_string).collect();
    Found {
        number: Some(n.join(".")),
        title: Some(printed_title(title)).filter(|t| !t.is_empty()),
        parent: n
            .get(..n.len().saturating_sub(1))
            .filter(|p| !p.is_empty())
            .map(|p| p.join(".")),
        def: None,
        start,
        end,
    }
}

fn titled_found(title: &str, start: usize, end: usize) -> Found {
    Found {
        title: Some(title.to_string()),
        start,
        end,
        ..Found::default()
    }
}

/// Headings of a free-form document (final reports).
pub(crate) fn find_free(
    body: &Body,
    spec: &SectionSpec,
    geometry: bool,
    heading_size: f64,
) -> Vec<Found> {
    if geometry {
        find_free_positioned(body, spec, heading_size)
    } else {
        find_free_inline(body, spec)
    }
}

fn find_free_positioned(body: &Body, spec: &SectionSpec, heading_size: f64) -> Vec<Found> {
    let numbered = &*NUMBERED_LINE;
    let mut out: Vec<Found> = Vec::new();
    let mut prev: Vec<u32> = Vec::new();
    let mut i = 0;
    while let Some(bl) = body.lines.get(i) {
        if crate::deadline::over() {
            break;
        }
        i += 1;
        let Some(line) = body.line(bl) else {
            continue;
        };
        let text = body.text.get(bl.start..bl.end).unwrap_or("").trim();
        let big = line.size >= heading_size;
        let strong = big || (line.bold && text.chars().count() <= 120);
        let upper = !text.chars().any(char::is_lowercase);
        let bare = text.trim_end_matches(':').trim();
        if spec.titled.iter().any(|t| t.eq_ignore_ascii_case(bare)) && (strong || upper) {
            out.push(titled_found(bare, bl.start, bl.end));
            continue;
        }
        let Some(caps) = numbered.captures(text) else {
            continue;
        };
        let (Some(n), Some(t)) = (caps.name("n"), caps.name("t")) else {
            continue;
        };
        let Some(number) = components(n.as_str()) else {
            continue;
        };
        let title_ok = looks_like_title(t.as_str())
            && (t.as_str().starts_with('«') || upper || big || line.bold);
        if !(strong && title_ok && follows(&prev, &number)) {
            continue;
        }
        let mut title = t.as_str().to_string();
        let mut end = bl.end;
        // A long title wraps onto the next line, set the same way.
        while let Some(next) = body.lines.get(i) {
            let Some(nl) = body.line(next) else { break };
            let nt = body.text.get(next.start..next.end).unwrap_or("").trim();
            let same = nl.page == line.page
                && (nl.size - line.size).abs() < 0.5
                && nl.bold == line.bold
                && big
                && !numbered.is_match(nt);
            if !same || nt.is_empty() {
                break;
            }
            title.push(' ');
            title.push_str(nt);
            end = next.end;
            i += 1;
        }
        out.push(free_found(&number, &title, bl.start, end));
        prev = number;
    }
    out
}

fn find_free_inline(body: &Body, spec: &SectionSpec) -> Vec<Found> {
    let numbered = &*NUMBERED_INLINE;
    let text = body.text.as_str();
    let mut candidates: Vec<Found> = Vec::new();
    let mut prev: Vec<u32> = Vec::new();
    for caps in within_budget(numbered.captures_iter(text)) {
        let (Some(h), Some(n), Some(t)) = (caps.name("h"), caps.name("n"), caps.name("t")) else {
            continue;
        };
        let Some(number) = components(n.as_str()) else {
            continue;
        };
        // A sentence's first word ("I", "A") is not part of an upper-case title.
        let mut title = t.as_str();
        while let Some((head, tail)) = title.rsplit_once(char::is_whitespace) {
            if tail.chars().count() == 1 {
                title = head.trim_end();
            } else {
                break;
            }
        }
        if !looks_like_title(title) || !follows(&prev, &number) {
            continue;
        }
        candidates.push(free_found(
            &number,
            title,
            h.start(),
            t.start() + title.len(),
        ));
        prev = number;
    }
    for (title, re) in spec.titled.iter().zip(&spec.titled_regexes) {
        let Some(re) = re else { continue };
        if let Some(h) = re.captures(text).and_then(|c| c.name("h")) {
            candidates.push(titled_found(title, h.start(), h.end()));
        }
    }
    candidates.sort_by_key(|f| f.start);
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines a document may print a heading as: its mark and titles in
    /// several spellings and spacings, with text around.
    fn printed(mark: Option<&str>, titles: &[String]) -> Vec<String> {
        let mark = mark.unwrap_or("");
        let mut out = vec![
            mark.to_string(),
            format!("{mark}:"),
            format!("  {mark} \t: "),
        ];
        for title in titles {
            let spaced = title.split(' ').collect::<Vec<_>>().join("\n ");
            let head: String = title.chars().take(title.chars().count() / 2).collect();
            out.extend([
                format!("{mark} {title}"),
                format!("{mark}{title} og mer"),
                format!("\t{} {}", mark.replace('.', ". "), title.to_uppercase()),
                format!("{mark}.\n{spaced}:"),
                format!("{mark} {head}"),
                title.to_string(),
                format!("{title} :"),
                format!("{} x", title.to_lowercase()),
            ]);
        }
        out
    }

    #[test]
    fn positioned_headings_match_as_their_regexes() {
        for (template, written) in super::super::spec::written_headings() {
            let spec = super::super::spec::spec_for(&template)
                .expect("loads")
                .expect("present");
            for (def, (mark, titles)) in spec.headings.iter().zip(&written) {
                let re = crate::pattern::tests::heading_regex(mark.as_deref(), &def.titles);
                assert_eq!(
                    re.is_some(),
                    def.positioned.is_some(),
                    "{mark:?} {titles:?}"
                );
                let (Some(re), Some(pattern)) = (re, &def.positioned) else {
                    continue;
                };
                let lines = printed(mark.as_deref(), titles);
                let text = format!("Innledning\n{}\nslutt", lines.join("\nTekst imellom.\n"));
                for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                    let want = re.captures_at(&text, pos).map(|c| HeadingMatch {
                        h: c.name("h")
                            .map(|m| (m.start(), m.end()))
                            .unwrap_or_default(),
                        t: c.name("t").map(|m| (m.start(), m.end())),
                    });
                    assert_eq!(pattern.find_from(&text, pos), want, "{mark:?} from {pos}");
                }
                for line in &lines {
                    assert_eq!(
                        pattern.find_from(line.trim(), 0).is_some(),
                        re.is_match(line.trim()),
                        "{line:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn numbers_follow_each_other() {
        assert!(follows(&[], &[1]));
        assert!(!follows(&[], &[6, 2]));
        assert!(follows(&[1], &[1, 1]));
        assert!(follows(&[1, 5], &[2]));
        assert!(follows(&[3, 2], &[3, 2, 4]));
        assert!(follows(&[3, 2, 4], &[3, 3]));
        assert!(!follows(&[3, 3], &[3, 1]));
        assert!(!follows(&[2], &[9]));
    }
}
