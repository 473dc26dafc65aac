//! Value spans in a transcript's text. Text input has no boxes: a value's
//! provenance holds its page and the raw text it was read from, so the span
//! is found by searching that page for the raw text (whitespace may differ:
//! a value read across a line break). The first place not already taken is
//! marked; a raw text not found is simply not marked.

use regex::Regex;

use crate::html::esc;

/// A span to mark.
#[derive(Debug, Clone)]
pub struct Mark {
    /// The text as read.
    pub raw: String,
    /// Attributes of the `<mark>` element (already escaped).
    pub attributes: String,
}

/// The regular expression matching `raw` with any whitespace between its words.
fn pattern(raw: &str) -> Option<Regex> {
    let words: Vec<String> = raw.split_whitespace().map(regex::escape).collect();
    if words.is_empty() {
        return None;
    }
    Regex::new(&words.join(r"\s+")).ok()
}

/// The page's text as HTML with each mark's span wrapped in `<mark>`.
pub fn mark_text(text: &str, marks: &[Mark]) -> String {
    let mut spans: Vec<(usize, usize, &Mark)> = Vec::new();
    for mark in marks {
        let Some(re) = pattern(&mark.raw) else {
            continue;
        };
        let free = re.find_iter(text).find(|m| {
            spans
                .iter()
                .all(|(start, end, _)| m.end() <= *start || m.start() >= *end)
        });
        if let Some(m) = free {
            spans.push((m.start(), m.end(), mark));
        }
    }
    spans.sort_by_key(|(start, _, _)| *start);
    let mut html = String::with_capacity(text.len() + spans.len() * 64);
    let mut at = 0;
    for (start, end, mark) in spans {
        html.push_str(&esc(text.get(at..start).unwrap_or("")));
        html.push_str(&format!("<mark {}>", mark.attributes));
        html.push_str(&esc(text.get(start..end).unwrap_or("")));
        html.push_str("</mark>");
        at = end;
    }
    html.push_str(&esc(text.get(at..).unwrap_or("")));
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(raw: &str, key: &str) -> Mark {
        Mark {
            raw: raw.into(),
            attributes: format!(r#"data-k="{key}""#),
        }
    }

    #[test]
    fn spans_are_found_across_line_breaks_and_not_twice() {
        let text = "A. uten bolig 12 14\nB. fare 12\n  14 <ok>";
        let html = mark_text(
            text,
            &[
                mark("12", "a"),
                mark("12", "b"),
                mark("12 14", "c"),
                mark("borte", "d"),
            ],
        );
        assert_eq!(
            html,
            "A. uten bolig <mark data-k=\"a\">12</mark> 14\nB. fare <mark data-k=\"b\">12</mark>\n  14 &lt;ok&gt;"
        );
        let html = mark_text(text, &[mark("fare 12 14", "c")]);
        assert!(
            html.contains("B. <mark data-k=\"c\">fare 12\n  14</mark>"),
            "{html}"
        );
    }
}
