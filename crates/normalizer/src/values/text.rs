//! Text clean-up shared by every field: the PDF text layer brings ligatures,
//! soft hyphens, odd spaces and line-end hyphenation that must not reach the
//! dataset.

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
        uniform_spaces(raw.chars(), raw.len())
    } else {
        uniform_spaces(raw.nfc(), raw.len())
    }
}

fn uniform_spaces(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut in_space = false;
    for c in chars {
        let expanded: &str = match c {
            '\u{FB00}' => "ff",
            '\u{FB01}' => "fi",
            '\u{FB02}' => "fl",
            '\u{FB03}' => "ffi",
            '\u{FB04}' => "ffl",
            '\u{FB05}' | '\u{FB06}' => "st",
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
            _ => {
                if is_space_like(c) {
                    if !in_space {
                        out.push(' ');
                    }
                    in_space = true;
                } else {
                    out.push(c);
                    in_space = false;
                }
                continue;
            }
        };
        if !expanded.is_empty() {
            out.push_str(expanded);
            in_space = false;
        }
    }
    out
}

/// A text value as the dataset stores it; blank means unknown, so it is
/// `None` rather than "".
pub fn clean_text(raw: &str) -> Option<String> {
    let s = normalize_spaces(raw);
    let t = s.trim();
    if t.is_empty() {
        None
    } else {
        Some(t.to_string())
    }
}

/// Person names and labels: form fields are often typed as "Roald Engman." or
/// "Programleder:", and the punctuation is not part of the name.
pub fn clean_name(raw: &str) -> Option<String> {
    let s = clean_text(raw)?;
    let t = s.trim_end_matches(['.', ':', ',', ';', ' ']).trim_start();
    if t.is_empty() {
        None
    } else {
        Some(t.to_string())
    }
}

/// Words after which a line-end hyphen is a suspended compound ("helse- og
/// omsorg"), not a word broken by the line.
const CONJUNCTIONS: &[&str] = &["og", "eller", "and", "or", "samt", "til"];

/// Joins the lines of one table cell. A word broken at the line end is
/// re-joined ("bolig-" + "sosialt"), but a hyphen that belongs to the word
/// stays: after an upper-case letter or digit ("ROP-lidelser"), before a
/// capitalised word ("Nord-Norge"), or before a conjunction.
pub fn join_wrapped_lines(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        let Some(line) = clean_text(line) else {
            continue;
        };
        if out.is_empty() {
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
    }
}
