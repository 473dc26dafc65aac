//! The matching key of a name: reports write "MOSS KOMMUNE", "Moss
//! kommune," or "Bydel St. Hanshaugen"; the register writes "Moss" and
//! "St. Hanshaugen".

use unicode_normalization::UnicodeNormalization;

/// Words that say what kind of place a name is, not which one.
const KIND_WORDS: &[&str] = &["kommune", "kommunes", "kommunen", "bydel", "bydelen"];

/// Scanned headings read "I" as "1" ("R1NGSAKER"): a "1" touching a letter
/// and no other digit becomes "I". Byte offsets are unchanged, so spans
/// found in the result hold for the original text.
pub(crate) fn one_as_i(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if c != '1' {
                return c;
            }
            let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let next = chars.get(i + 1).copied();
            let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
            let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
            if (letter(prev) || letter(next)) && !digit(prev) && !digit(next) {
                'I'
            } else {
                c
            }
        })
        .collect()
}

/// The words of a name, lower-case, punctuation dropped. A hyphen inside a
/// word ("Aurskog-Høland") is kept; a free-standing one (" - ") is not.
pub(crate) fn words(raw: &str) -> Vec<String> {
    let lower: String = one_as_i(&raw.nfc().collect::<String>()).to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let mut cleaned = String::with_capacity(lower.len());
    for (i, c) in chars.iter().enumerate() {
        let keep = if c.is_alphanumeric() {
            true
        } else if *c == '-' {
            let prev = i.checked_sub(1).and_then(|j| chars.get(j));
            let next = chars.get(i + 1);
            prev.is_some_and(|p| p.is_alphanumeric()) && next.is_some_and(|n| n.is_alphanumeric())
        } else {
            false
        };
        cleaned.push(if keep { *c } else { ' ' });
    }
    cleaned.split_whitespace().map(str::to_string).collect()
}

/// Whether a word names a kind of place ("kommune", "bydel").
pub(crate) fn is_kind_word(word: &str) -> bool {
    KIND_WORDS.contains(&word)
}

/// The key of a name: its words without kind words, joined by spaces.
pub(crate) fn key(raw: &str) -> String {
    words(raw)
        .into_iter()
        .filter(|w| !is_kind_word(w))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_punctuation_and_kind_words() {
        assert_eq!(key("MOSS KOMMUNE"), "moss");
        assert_eq!(key("Moss kommune,"), "moss");
        assert_eq!(key("Lørenskog kommunes"), "lørenskog");
        assert_eq!(key("Bydel St. Hanshaugen"), "st hanshaugen");
        assert_eq!(key("Aurskog-Høland"), "aurskog-høland");
        assert_eq!(key("Snåase - Snåsa"), "snåase snåsa");
        assert_eq!(key("Våler (Østfold)"), "våler østfold");
        assert_eq!(key("  "), "");
        assert_eq!(key("R1NGSAKER KOMMUNE"), "ringsaker");
        assert_eq!(key("Våler 1 Østfold"), "våler 1 østfold");
        assert_eq!(one_as_i("REG1ON 2014 1.juni"), "REGION 2014 1.juni");
    }
}
