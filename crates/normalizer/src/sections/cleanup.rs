//! Section text clean-up: lines into paragraphs and list items, re-joined
//! hyphenation, letter-spaced words collapsed, printed guidance matched
//! loosely.

use std::borrow::Cow;

use regex::Regex;

use crate::deadline::within_budget;
use crate::values::{clean_text, join_wrapped_lines};

/// A regex pattern matching a printed phrase with any spacing between its
/// words (and none, for text whose spaces were lost). `{year}` stands for
/// any four-digit year. A bullet ("*", "•", "-") may have become another
/// bullet or a list item's "- ".
pub(crate) fn loose_pattern(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(|w| {
            if w == "{year}" {
                return "\\d{4}".to_string();
            }
            let rest = w.trim_start_matches(['*', '•']);
            if rest.len() == w.len() {
                regex::escape(w)
            } else {
                format!("[*•\\-–]\\s*{}", regex::escape(rest))
            }
        })
        .collect::<Vec<_>>()
        .join("\\s*")
}

/// A prompt as printed: when the guidance starts with a bullet that the
/// list formatting turned into "- ", the printed bullet comes back.
pub(crate) fn unlist(prompt: &str, def: &super::spec::HeadingDef) -> String {
    match (prompt.strip_prefix("- "), def.bullet) {
        (Some(rest), Some(b)) => format!("{b} {rest}"),
        _ => prompt.to_string(),
    }
}

/// Every run of whitespace as one space, trimmed.
pub(crate) fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_squashed(&mut out, text);
    out
}

/// Appends [`squash`] of `text`.
fn push_squashed(out: &mut String, text: &str) {
    for (i, word) in within_budget(text.split_whitespace().enumerate()) {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Collapses letter-spaced words ("R A P P O R T" → "RAPPORT"): a run of at
/// least four single capital letters separated by single spaces.
pub(crate) fn collapse_letter_spacing(text: &str) -> Cow<'_, str> {
    let single = |t: &str| {
        let mut chars = t.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
    };
    // Almost no text is letter-spaced; without a run it comes back as it is.
    let mut run = 0;
    let spaced = text.split(' ').any(|t| {
        run = if single(t) { run + 1 } else { 0 };
        run >= 4
    });
    if !spaced {
        return Cow::Borrowed(text);
    }
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if crate::deadline::over() {
            break;
        }
        let run = tokens.iter().skip(i).take_while(|t| single(t)).count();
        if run >= 4 {
            out.push(tokens.iter().skip(i).take(run).copied().collect());
            i += run;
        } else {
            out.push(tokens.get(i).copied().unwrap_or("").to_string());
            i += 1;
        }
    }
    Cow::Owned(out.join(" "))
}

/// The text of a list item when the line starts with a bullet ("•", "o",
/// "*", "-", "–", "▪", "◦" or a Symbol-font private-use bullet).
pub(crate) fn bullet_item(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let mut chars = t.char_indices();
    let (_, first) = chars.next()?;
    let is_bullet = matches!(
        first,
        '•' | '▪'
            | '◦'
            | '●'
            | '○'
            | '■'
            | '□'
            | '➢'
            | '►'
            | '*'
            | '-'
            | '–'
            | '\u{F0B7}'
            | '\u{F0A7}'
    ) || first == 'o';
    if !is_bullet {
        return None;
    }
    let rest = t.get(first.len_utf8()..)?;
    // "o" and the dashes are bullets only when a space follows
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    (!rest.is_empty()).then_some(rest)
}

/// A piece of section text: one line, or the part of one that belongs to
/// the section.
#[derive(Debug, Clone)]
pub(crate) struct Piece<'a> {
    pub text: &'a str,
    /// A new paragraph starts here.
    pub para_break: bool,
}

/// Lines into the dataset's text: paragraphs joined by "\n\n", the lines of
/// a paragraph by one space (hyphenation re-joined), list items as "- item"
/// lines. `None` when nothing is left.
pub(crate) fn paragraphs(pieces: &[Piece<'_>]) -> Option<String> {
    // Blocks of lines: whether a list item, and its lines.
    let mut blocks: Vec<(bool, Vec<String>)> = Vec::new();
    for piece in pieces {
        let Some(line) = clean_text(piece.text) else {
            continue;
        };
        if let Some(item) = bullet_item(&line) {
            blocks.push((true, vec![item.to_string()]));
            continue;
        }
        match blocks.last_mut() {
            Some((_, lines)) if !piece.para_break => lines.push(line),
            _ => blocks.push((false, vec![line])),
        }
    }
    let mut out = String::new();
    let mut prev_item = false;
    for &(item, ref lines) in within_budget(&blocks) {
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let joined = join_wrapped_lines(&refs);
        let text = collapse_letter_spacing(&joined);
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if item && prev_item { "\n" } else { "\n\n" });
        }
        if item {
            out.push_str("- ");
        }
        out.push_str(&text);
        prev_item = item;
    }
    (!out.trim().is_empty()).then_some(out)
}

/// `text` with every match of `patterns` replaced by as many spaces, so
/// every offset into it still holds.
pub(crate) fn blank_matches<'r>(
    text: &str,
    patterns: impl IntoIterator<Item = &'r Regex>,
) -> String {
    let mut out = text.to_string();
    for re in patterns {
        let spaces = |c: &regex::Captures<'_>| " ".repeat(c.get(0).map_or(0, |m| m.len()));
        out = re.replace_all(&out, spaces).into_owned();
    }
    out
}

/// Removes every match of `re` from a section text and tidies the spaces
/// and paragraph breaks it leaves behind.
pub(crate) fn remove_all(text: &str, re: &Regex) -> String {
    let removed = re.replace_all(text, "");
    tidy(&removed)
}

/// Trims each line, drops runs of blank lines beyond one and leading or
/// trailing blank lines.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // A blank line seen since the last kept one, and whether one was kept.
    let mut blank = false;
    let mut kept = false;
    for line in within_budget(text.lines()) {
        if line.split_whitespace().next().is_none() {
            blank = kept;
            continue;
        }
        if kept {
            out.push('\n');
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        push_squashed(&mut out, line);
        kept = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str, para_break: bool) -> Piece<'_> {
        Piece { text, para_break }
    }

    #[test]
    fn paragraphs_join_lines_and_items() {
        let pieces = [
            p("Kommunen har vedtatt en bolig-", true),
            p("sosial plan for helse- og", false),
            p("omsorg.", false),
            p("• første punkt", false),
            p("som fortsetter", false),
            p("o andre punkt", false),
            p("Nytt avsnitt.", true),
        ];
        assert_eq!(
            paragraphs(&pieces).as_deref(),
            Some(
                "Kommunen har vedtatt en boligsosial plan for helse- og omsorg.\n\n\
                 - første punkt som fortsetter\n- andre punkt\n\nNytt avsnitt."
            )
        );
        assert_eq!(paragraphs(&[p("  ", true)]), None);
    }

    #[test]
    fn letter_spacing_collapses() {
        assert_eq!(
            collapse_letter_spacing("S L U T T R A P P O R T 2014"),
            "SLUTTRAPPORT 2014"
        );
        assert_eq!(collapse_letter_spacing("A, B og C"), "A, B og C");
        assert_eq!(collapse_letter_spacing("i A B C"), "i A B C");
    }

    #[test]
    fn bullets_need_a_space() {
        assert_eq!(bullet_item("o andre"), Some("andre"));
        assert_eq!(bullet_item("og andre"), None);
        assert_eq!(bullet_item("-2 grader"), None);
        assert_eq!(bullet_item("\u{F0B7} punkt"), Some("punkt"));
    }

    #[test]
    fn loose_patterns_ignore_spacing_and_years() {
        let re = regex::RegexBuilder::new(&loose_pattern("Fortell et par case i {year} her."))
            .case_insensitive(true)
            .build()
            .expect("regex");
        assert!(re.is_match("fortell  et\npar case i 2011 her."));
        let re = regex::Regex::new(&loose_pattern("* Økt bolig *Bedre")).expect("regex");
        assert!(re.is_match("- Økt bolig * Bedre"));
        assert_eq!(tidy("  a  b \n\n\n c\n\n"), "a b\n\nc".to_string());
    }
}
