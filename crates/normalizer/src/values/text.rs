//! Text clean-up shared by every field: the PDF text layer brings ligatures,
//! soft hyphens, odd spaces and line-end hyphenation that must not reach the
//! dataset.

use std::borrow::Cow;
use std::cell::Cell;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Spaces that Word and PDF producers put where a plain space is meant,
/// including inside numbers ("1 000" with U+00A0 or U+202F).
pub(crate) fn is_space_like(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}' | '\u{200A}' | '\u{2008}'
        )
}

/// NFC, ligatures expanded, soft hyphens and zero-width characters removed,
/// and every run of space-like characters turned into one ASCII space. Not
/// trimmed, so that byte offsets stay meaningful to callers that only need
/// the characters made uniform.
pub fn normalize_spaces(raw: &str) -> String {
    // Most text is already NFC (the quick check is a table lookup per
    // character); composing it again is skipped, which matters because
    // every line of every page passes through here.
    if is_nfc_quick(raw.chars()) == IsNormalized::Yes {
        uniform_spaces_str(raw)
    } else {
        let mut out = String::with_capacity(raw.len());
        let mut in_space = false;
        for c in raw.nfc() {
            push_uniform(&mut out, &mut in_space, c);
        }
        out
    }
}

/// [`push_uniform`] over a string, copying runs of visible ASCII (which it
/// would push unchanged) at once.
fn uniform_spaces_str(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut in_space = false;
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        let run = rest
            .bytes()
            .take_while(|b| (0x21..=0x7e).contains(b))
            .count();
        if run > 0 {
            out.push_str(rest.get(..run).unwrap_or(""));
            in_space = false;
            rest = rest.get(run..).unwrap_or("");
            continue;
        }
        push_uniform(&mut out, &mut in_space, c);
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    out
}

/// What a ligature becomes (its letters) and an invisible character
/// (nothing); None for any other character.
fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
        _ => return None,
    })
}

/// Appends one character: ligatures expanded, invisible characters left
/// out, a run of space-like characters as one space.
fn push_uniform(out: &mut String, in_space: &mut bool, c: char) {
    match replacement(c) {
        Some("") => {}
        Some(expanded) => {
            out.push_str(expanded);
            *in_space = false;
        }
        None if is_space_like(c) => {
            if !*in_space {
                out.push(' ');
            }
            *in_space = true;
        }
        None => {
            out.push(c);
            *in_space = false;
        }
    }
}

/// Whether [`clean_text`] would return the text unchanged: NFC, nothing
/// [`push_uniform`] rewrites, single spaces only between other characters.
/// Much text is cleaned twice (a line, then the lines joined), and the
/// check spares copying it through character by character again.
fn is_clean(s: &str) -> bool {
    if s.starts_with(' ') || s.ends_with(' ') {
        return false;
    }
    // Visible ASCII and single spaces pass as they are; any other ASCII
    // (controls, other white space) sends the text the long way.
    let mut space = false;
    let mut ascii = true;
    for &b in s.as_bytes() {
        if b == b' ' {
            if space {
                return false;
            }
            space = true;
            continue;
        }
        space = false;
        if b >= 0x80 {
            ascii = false;
        } else if !(0x21..=0x7e).contains(&b) {
            return false;
        }
    }
    if ascii {
        return !s.is_empty();
    }
    // One pass: the quick check sees every character unless it stops at
    // a "no", which fails the text anyway.
    let rewritten = Cell::new(false);
    let nfc = is_nfc_quick(s.chars().inspect(|&c| {
        if !c.is_ascii() && (is_space_like(c) || replacement(c).is_some()) {
            rewritten.set(true);
        }
    }));
    nfc == IsNormalized::Yes && !rewritten.get()
}

/// [`clean_text`], borrowing the text when it is clean already.
fn cleaned(raw: &str) -> Option<Cow<'_, str>> {
    if is_clean(raw) {
        Some(Cow::Borrowed(raw))
    } else {
        clean_text(raw).map(Cow::Owned)
    }
}

/// A text value as the dataset stores it; blank means unknown, so it is
/// `None` rather than "".
pub fn clean_text(raw: &str) -> Option<String> {
    if is_clean(raw) {
        return Some(raw.to_string());
    }
    let mut s = normalize_spaces(raw);
    // Space-like runs are single ASCII spaces by now: trimming drops at
    // most one space at each end, in place.
    if s.ends_with(' ') {
        s.pop();
    }
    if s.starts_with(' ') {
        s.remove(0);
    }
    (!s.is_empty()).then_some(s)
}

/// Person names and labels: form fields are often typed as "Roald Engman." or
/// "Programleder:", and the punctuation is not part of the name.
pub fn clean_name(raw: &str) -> Option<String> {
    let s = clean_text(raw)?;
    let t = s.trim_end_matches(['.', ':', ',', ';', ' ']).trim_start();
    (!t.is_empty()).then(|| t.to_string())
}

/// Words after which a line-end hyphen is a suspended compound ("helse- og
/// omsorg"), not a word broken by the line.
const CONJUNCTIONS: &[&str] = &["og", "eller", "and", "or", "samt", "til"];

/// Joins the lines of one table cell. A word broken at the line end is
/// re-joined ("bolig-" + "sosialt"), but a hyphen that belongs to the word
/// stays: after an upper-case letter or digit ("ROP-lidelser"), before a
/// capitalised word ("Nord-Norge"), or before a conjunction.
pub fn join_wrapped_lines(lines: &[&str]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    // The line before ended in a soft hyphen: its last word goes on here.
    let mut soft_break = false;
    for line in lines {
        let ends_soft = line.trim_end().ends_with('\u{AD}');
        let Some(line) = cleaned(line) else {
            continue;
        };
        let glue = std::mem::replace(&mut soft_break, ends_soft);
        if out.is_empty() || glue {
            out.push_str(&line);
            continue;
        }
        let pending_hyphen = out.ends_with('-') && {
            let before = out.trim_end_matches('-').chars().next_back();
            before.is_some_and(|c| c.is_alphanumeric())
        };
        if !pending_hyphen {
            out.push(' ');
            out.push_str(&line);
            continue;
        }
        let next_word: String = line.chars().take_while(|c| c.is_alphanumeric()).collect();
        let next_first = line.chars().next();
        let before_hyphen = out.trim_end_matches('-').chars().next_back();
        if CONJUNCTIONS.contains(&next_word.to_lowercase().as_str()) {
            out.push(' ');
        } else if before_hyphen.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || next_first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        {
            // keep the hyphen, no space
        } else {
            out.pop();
        }
        out.push_str(&line);
    }
    out
}

/// The largest char boundary of `text` at or before `pos`.
pub fn floor_boundary(text: &str, pos: usize) -> usize {
    let mut p = pos.min(text.len());
    while p > 0 && !text.is_char_boundary(p) {
        p -= 1;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_normalises_unicode_and_spaces() {
        assert_eq!(
            clean_text("  Boligsosialt\u{00A0}\u{2009}utviklings\u{00AD}program \n").as_deref(),
            Some("Boligsosialt utviklingsprogram")
        );
        assert_eq!(
            clean_text("o\u{FB03}se \u{FB01}l \u{FB02}yt \u{FB00} \u{FB04}").as_deref(),
            Some("offise fil flyt ff ffl")
        );
        // decomposed å (a + combining ring) becomes the precomposed letter
        assert_eq!(clean_text("Ha\u{030A}kon").as_deref(), Some("H\u{00E5}kon"));
        assert_eq!(clean_text(" \u{202F}\t\n"), None);
        assert_eq!(clean_text(""), None);
    }

    #[test]
    fn clean_name_drops_trailing_punctuation() {
        assert_eq!(clean_name("Roald Engman.").as_deref(), Some("Roald Engman"));
        assert_eq!(
            clean_name("Programleder: ").as_deref(),
            Some("Programleder")
        );
        assert_eq!(
            clean_name("Solfrid Nilsen,").as_deref(),
            Some("Solfrid Nilsen")
        );
        assert_eq!(clean_name(" . "), None);
        assert_eq!(
            clean_name("Fung. kommunalsjef").as_deref(),
            Some("Fung. kommunalsjef")
        );
    }

    #[test]
    fn wrapped_lines_rejoin_broken_words() {
        assert_eq!(
            join_wrapped_lines(&["bolig-", "sosialt arbeid"]),
            "boligsosialt arbeid"
        );
        assert_eq!(
            join_wrapped_lines(&["helse-", "og omsorg"]),
            "helse- og omsorg"
        );
        assert_eq!(join_wrapped_lines(&["bolig-", "eller"]), "bolig- eller");
        assert_eq!(
            join_wrapped_lines(&["personer med ROP-", "lidelser"]),
            "personer med ROP-lidelser"
        );
        assert_eq!(join_wrapped_lines(&["2012-", "2014"]), "2012-2014");
        assert_eq!(join_wrapped_lines(&["Nord-", "Norge"]), "Nord-Norge");
        assert_eq!(
            join_wrapped_lines(&["31 søkere", "", "  har fått  "]),
            "31 søkere har fått"
        );
        // a free-standing dash is punctuation, not a hyphen
        assert_eq!(
            join_wrapped_lines(&["status -", "ferdig"]),
            "status - ferdig"
        );
        assert_eq!(join_wrapped_lines(&[]), "");
        // A soft hyphen at a line's end: the halves are one word, whatever
        // their case, and soft hyphens inside words vanish.
        assert_eq!(
            join_wrapped_lines(&[
                "bolig\u{ad}sosialt arbeids\u{ad}",
                "gruppe og Nord\u{ad}",
                "Norge"
            ]),
            "boligsosialt arbeidsgruppe og NordNorge"
        );
    }
}
