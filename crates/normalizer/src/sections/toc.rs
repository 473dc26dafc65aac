//! The table of contents: a title such as "Innhold" followed by entries
//! that look like headings (often with dot leaders and page numbers). Its
//! lines are neither sections nor section text.

use super::spec::SectionSpec;
use super::Line;
use crate::deadline::within_budget;

static_regex! {
    /// An entry: a numbered title, or any line ending in a page number after
    /// dot leaders or spaces.
    ENTRY = r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+\S.*|.*(?:\.{3,}|…+|\s)\s*\d{1,3})\s*$";
}

fn is_toc_title(text: &str, spec: &SectionSpec) -> bool {
    let t = text.trim().trim_end_matches(':').trim();
    spec.toc_titles
        .iter()
        .any(|title| title.eq_ignore_ascii_case(t))
}

fn is_entry(line: &Line, spec: &SectionSpec, heading_size: f64) -> bool {
    if line.size > 0.0 && line.size >= heading_size {
        return false;
    }
    let t = line.text.trim();
    ENTRY.is_match(t)
        || spec.titled.iter().any(|title| {
            title.eq_ignore_ascii_case(
                t.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' '),
            )
        })
}

/// Share of lower-case letters among the letters of a text.
fn lower_share(text: &str) -> f64 {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return 0.0;
    }
    text.chars().filter(|c| c.is_lowercase()).count() as f64 / letters as f64
}

/// Marks the table of contents as not kept. Documents with geometry: from
/// the title line on, every following entry-like line smaller than a
/// heading. Text input: the page that starts with the title, and the pages
/// after it that hold (almost) only upper-case entry titles.
pub(crate) fn mark_toc(lines: &mut [Line], spec: &SectionSpec, heading_size: f64, geometry: bool) {
    if geometry {
        let mut in_toc = false;
        for line in within_budget(lines.iter_mut()) {
            if !line.keep {
                continue;
            }
            if is_toc_title(&line.text, spec) {
                in_toc = true;
                line.keep = false;
                continue;
            }
            if in_toc {
                if is_entry(line, spec, heading_size) {
                    line.keep = false;
                } else {
                    in_toc = false;
                }
            }
        }
        return;
    }
    let mut toc_page: Option<u32> = None;
    for line in within_budget(lines.iter_mut()) {
        let t = line.text.trim_start();
        let first = t.split_whitespace().next().unwrap_or("");
        let starts_toc = is_toc_title(first, spec) && lower_share(t) < 0.35;
        let continues =
            toc_page.is_some_and(|p| line.page == p + 1) && !t.is_empty() && lower_share(t) < 0.1;
        if starts_toc || continues {
            toc_page = Some(line.page);
            line.keep = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_look_like_headings_or_page_references() {
        let re = &*ENTRY;
        assert!(re.is_match("1.2 BOLIGSOSIAL HANDLINGSPLAN"));
        assert!(re.is_match("Innledning ........ 4"));
        assert!(!re.is_match("Dette er vanlig tekst."));
        assert!(lower_share("FORORD SAMMENDRAG") < 0.1);
    }
}
