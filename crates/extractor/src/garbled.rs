//! Text layers of misread glyphs: an OCR engine that read a page in one
//! script as another (Cyrillic as Latin: "AocTosepHOCTb", "npHnQ}K8Hl")
//! or a scan's text layer gone wrong. Its words line up in columns as
//! the form or table under them does, so a grid forms, but no word of it
//! can be read: nobody writes a capital letter after a small one inside a
//! word, a figure between letters beside a small one, or "}", "\" and
//! "~" between letters, except for a few names ("iPhone", "kWh"), which
//! are never most of a region's words.

/// Fewest characters of a word that is judged (shorter ones, "H8", "ab",
/// carry too little to tell).
const MIN_CHARS: usize = 3;
/// Smallest share of the judged words that are garbled for a region of
/// misread text.
const GARBLED_SHARE: f64 = 0.5;
/// Fewest judged words for a verdict.
const MIN_WORDS: usize = 8;

/// Marks that no word carries between two letters or digits; OCR puts them
/// there for strokes it cannot place. ("@" is not one: an e-mail address
/// is a word, and a contact table is full of them.)
const INNER_MARKS: &[char] = &['}', '{', '\\', '|', '~', '<', '>', '[', ']', '^', '`'];

/// Is the word garbled: a small letter followed by a capital, a run of
/// figures between letters next to a small letter, or a mark of
/// [`INNER_MARKS`] between letters or digits? `None` for words too short
/// or without a letter to judge.
pub(crate) fn is_garbled(word: &str) -> Option<bool> {
    let w: Vec<char> = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .collect();
    if w.len() < MIN_CHARS || !w.iter().any(|c| c.is_alphabetic()) {
        return None;
    }
    let hump = w
        .windows(2)
        .any(|p| matches!(p, [a, b] if a.is_lowercase() && b.is_uppercase()));
    let inner_mark = w
        .windows(3)
        .any(|t| matches!(t, [a, m, b] if a.is_alphanumeric() && INNER_MARKS.contains(m) && b.is_alphanumeric()));
    Some(hump || inner_mark || figure_inside_small_letters(&w))
}

/// A run of digits with letters on both sides, one of them small ("p8H",
/// "a60T"); codes of capitals and figures ("H2O", "SF605") are not.
fn figure_inside_small_letters(w: &[char]) -> bool {
    let mut i = 0;
    while i < w.len() {
        if w.get(i).is_some_and(char::is_ascii_digit) {
            let start = i;
            while w.get(i).is_some_and(char::is_ascii_digit) {
                i += 1;
            }
            let before = start.checked_sub(1).and_then(|b| w.get(b));
            let after = w.get(i);
            if let (Some(a), Some(b)) = (before, after) {
                if a.is_alphabetic() && b.is_alphabetic() && (a.is_lowercase() || b.is_lowercase())
                {
                    return true;
                }
            }
        } else {
            i += 1;
        }
    }
    false
}

/// Are most of the words of these texts garbled ([`is_garbled`])?
pub(crate) fn is_misread_text<'a>(texts: impl Iterator<Item = &'a str>) -> bool {
    let (mut judged, mut garbled) = (0usize, 0usize);
    for verdict in texts.flat_map(str::split_whitespace).filter_map(is_garbled) {
        judged += 1;
        garbled += usize::from(verdict);
    }
    judged >= MIN_WORDS && garbled as f64 >= GARBLED_SHARE * judged as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_read_from_cyrillic_is_garbled() {
        for w in [
            "AocTosepHOCTb",
            "npHnQ}K8Hl-18M",
            "CTp8HHL\\8X",
            "pa60THIIIKOM",
            "opraHa",
        ] {
            assert_eq!(is_garbled(w), Some(true), "{w}");
        }
        for w in [
            "Hanorosoro",
            "Number",
            "H2O",
            "SF605",
            "e-mail",
            "post@holmestrand.kommune.no",
        ] {
            assert_eq!(is_garbled(w), Some(false), "{w}");
        }
        assert_eq!(is_garbled("H8"), None);
        assert_eq!(is_garbled("1,204"), None);
        assert_eq!(is_garbled("28.09.2010"), None);
    }

    #[test]
    fn a_region_of_misread_words_is_misread_text() {
        let ocr = [
            "AocTosepHOCTb 111 nonHOTY cse,~:~eHI!IH, yKaJaHHbiX",
            "B HaCTOHIJ.IeH ,QeKilapal..\\111111, nO,QTBep>K,QaiO:",
            "3anonHHeTCH pa60THIIIKOM Hanorosoro opraHa",
        ];
        assert!(is_misread_text(ocr.into_iter()));
        // A table with a few names written in camel case is read.
        let table = [
            "Product Maker Units",
            "iPhone Apple 1,204",
            "PowerPoint Microsoft 640",
            "Walkman Sony 88",
            "Kindle Amazon 120",
            "FedRAMP GSA 12",
        ];
        assert!(!is_misread_text(table.into_iter()));
    }
}
