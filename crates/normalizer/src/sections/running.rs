//! Running headers, footers and page numbers, found by their repetition
//! across pages. They stay in the flow (the form recogniser may use them)
//! but never reach a section's text.

use std::collections::{BTreeMap, BTreeSet};

use regex::Regex;
use skjema_extractor::BBox;

use super::Line;
use crate::deadline::within_budget;

static_regex! {
    /// A lone page number: "7", "- 7 -", "Side 7", "Side 7 av 12", "7/12".
    PAGE_NUMBER = r"(?i)^\s*(?:side|s\.|page)?\s*[-–]?\s*\d{1,4}\s*[-–]?\s*(?:(?:av|of|/)\s*\d{1,4})?\s*$";
    /// "Side 7" inside running text (text input).
    SIDE_N = r"(?i)\bside\s+\d{1,4}(?:\s+av\s+\d{1,4})?\b";
}

pub(crate) fn is_page_number(text: &str) -> bool {
    PAGE_NUMBER.is_match(text)
}

/// The line's text with every digit run as "#", lower case, squashed.
pub(crate) fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_digits = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            in_digits = false;
            if !c.is_whitespace() {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

/// Where a line's box sits on a page `h` high: in the top band, the
/// bottom band, or neither.
pub(crate) fn band(bbox: Option<BBox>, h: f64) -> Option<bool> {
    let bbox = bbox?;
    if h <= 0.0 {
        return None;
    }
    if bbox.bottom <= h * 0.12 {
        Some(true)
    } else if bbox.top >= h * 0.88 {
        Some(false)
    } else {
        None
    }
}

/// Documents with geometry: marks running headers, footers and page
/// numbers as not kept.
pub(crate) fn mark_positioned(lines: &mut [Line]) {
    let pages: BTreeSet<u32> = lines.iter().map(|l| l.page).collect();
    // Each line's band and key, for lines outside table cells in a band.
    let key_of = |l: &Line| {
        band(l.bbox, l.page_height)
            .filter(|_| !l.cell)
            .map(|top| (top, key(&l.text)))
    };
    let keys: Vec<Option<(bool, String)>> = lines.iter().map(key_of).collect();
    let mut seen: BTreeMap<&(bool, String), BTreeSet<u32>> = BTreeMap::new();
    for (line, k) in lines.iter().zip(&keys) {
        if let Some(k) = k {
            seen.entry(k).or_default().insert(line.page);
        }
    }
    let need = pages.len().div_ceil(2).max(2);
    let running: BTreeSet<&(bool, String)> = seen
        .into_iter()
        .filter(|(k, p)| p.len() >= need && !k.1.is_empty())
        .map(|(k, _)| k)
        .collect();
    for (line, k) in lines.iter_mut().zip(&keys) {
        if let Some(k) = k {
            if is_page_number(&line.text) || running.contains(k) {
                line.keep = false;
            }
        }
    }
}

/// Text input: a footer such as "Sluttrapport: «…» Side 7" sits inside the
/// page's text. The longest text shared by many pages right before a
/// "Side N" is the footer; it and its page number are blanked.
pub(crate) fn mark_inline(lines: &mut [Line]) {
    let side = &*SIDE_N;
    let pages: BTreeSet<u32> = lines.iter().map(|l| l.page).collect();
    // suffix (words before "Side N") → pages it precedes a page number on
    let mut suffixes: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for line in within_budget(lines.iter()) {
        for m in side.find_iter(&line.text) {
            let before = line.text.get(..m.start()).unwrap_or("");
            let words: Vec<&str> = before.split_whitespace().collect();
            for n in 1..=words.len().min(25) {
                let suffix = words.get(words.len() - n..).unwrap_or_default().join(" ");
                suffixes.entry(suffix).or_default().insert(line.page);
            }
        }
    }
    let need = (pages.len() * 3 / 10).max(2);
    let common = suffixes
        .iter()
        .filter(|(s, p)| p.len() >= need && s.chars().count() >= 8);
    let best = common.max_by_key(|(s, p)| (p.len() / 2, s.len()));
    let best = best.map(|(s, _)| s.clone());
    let footer = best.and_then(|s| {
        let pattern = format!(
            r"(?i){}\s*side\s+\d{{1,4}}(?:\s+av\s+\d{{1,4}})?\b",
            super::cleanup::loose_pattern(&s)
        );
        Regex::new(&pattern).ok()
    });
    // Blanked, not cut: every offset into the text stays.
    for line in within_budget(lines.iter_mut()) {
        line.text = super::blank_matches(&line.text, &footer);
        if is_page_number(&line.text) {
            line.text = " ".repeat(line.text.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_recognised() {
        for t in ["7", "- 7 -", "Side 7", "side 7 av 12", "7/12", "  12 "] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2014", "Side", "7 boliger"] {
            assert_eq!(is_page_number(t), t == "2014", "{t}");
        }
        assert_eq!(key("Sluttrapport: «X» Side 12"), "sluttrapport:«x»side#");
    }

    fn positioned(page: u32, top: f64, text: &str) -> Line {
        let mut line = Line::text_only(page, text.to_string());
        line.bbox = Some(skjema_extractor::BBox {
            x0: 70.0,
            top,
            x1: 300.0,
            bottom: top + 10.0,
        });
        line.page_height = 842.0;
        line
    }

    #[test]
    fn repeated_band_lines_and_page_numbers_are_dropped() {
        let mut lines = Vec::new();
        for p in 1..=4 {
            lines.push(positioned(
                p,
                30.0,
                "Hammerfest – Boligsosialt utviklingsprogram",
            ));
            lines.push(positioned(p, 400.0, "Vanlig tekst som ikke gjentas"));
            lines.push(positioned(
                p,
                800.0,
                &format!("Sluttrapport: «Tittel» Side {p}"),
            ));
        }
        lines.push(positioned(5, 800.0, "5"));
        lines.push(positioned(5, 30.0, "Et avsnitt øverst på siden"));
        mark_positioned(&mut lines);
        let kept: Vec<&str> = lines
            .iter()
            .filter(|l| l.keep)
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(kept.len(), 5, "{kept:?}");
        assert!(kept.iter().all(|t| !t.contains("Side") && *t != "5"));
    }

    #[test]
    fn inline_footer_is_blanked() {
        let footer = "Sluttrapport: «Ny organisering» Side";
        let mut lines: Vec<Line> = (1..=4)
            .map(|p| Line::text_only(p, format!("Tekst på side {p}. {footer} {p}")))
            .collect();
        mark_inline(&mut lines);
        for l in &lines {
            assert!(!l.text.contains("Sluttrapport"), "{}", l.text);
            assert!(l.text.contains("Tekst på side"));
        }
    }
}
