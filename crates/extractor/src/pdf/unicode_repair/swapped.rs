//! Several-character ToUnicode entries written with the bytes of each
//! UTF-16 unit swapped.
//!
//! Ghostscript's `pdfwrite` (seen with 10.00) writes the ToUnicode entry
//! of a glyph that stands for several characters, a ligature, as
//! little-endian UTF-16: "ti" (`<00740069>`) becomes `<74006900>`, which
//! reads as U+7400 U+6900, two CJK ideographs, in a Norwegian report. A
//! three-letter ligature is folded into two units: "abc" becomes the
//! middle letter and the sum of the outer two (`<6200C400>`), so "tti"
//! comes out as `<7400DD00>`. Single-character entries are written
//! correctly.
//!
//! Such an entry is recognised by its shape, not by its producer: two or
//! more units whose low byte is zero and whose high byte is an ASCII
//! letter (or, for the folded form, the sum of two letters), in a font
//! whose other entries are Latin rather than CJK. A genuine CJK font maps
//! most of its glyphs to ideographs with any low byte, so its map is left
//! alone, and single-unit entries are never touched: U+4E00 (一) is a
//! common ideograph and no producer is known to swap those.

use super::Fix;

fn high(unit: u16) -> u8 {
    (unit >> 8) as u8
}

/// The smallest and largest sum of two ASCII letters.
const FOLDED: std::ops::RangeInclusive<u8> = (b'A' + b'A')..=(b'z' + b'z');

/// An entry of the swapped shape: two or more units, each with a zero low
/// byte and a high byte that is a letter or the sum of two.
pub(crate) fn looks_swapped(units: &[u16]) -> bool {
    units.len() >= 2
        && units.iter().all(|&u| {
            let h = high(u);
            u & 0xff == 0 && (h.is_ascii_alphabetic() || FOLDED.contains(&h))
        })
}

/// How an entry of the swapped shape is read back.
pub(crate) fn unswap(units: &[u16]) -> Fix {
    let bytes: Vec<u8> = units.iter().map(|&u| high(u)).collect();
    if bytes.iter().all(u8::is_ascii_alphabetic) {
        return Fix::Exact(bytes.iter().map(|&b| char::from(b)).collect());
    }
    if let [middle, sum] = bytes.as_slice() {
        let last = sum.wrapping_sub(*middle);
        if middle.is_ascii_alphabetic() && last.is_ascii_alphabetic() {
            return Fix::Guessed(
                [*middle, *middle, last]
                    .iter()
                    .map(|&b| char::from(b))
                    .collect(),
            );
        }
    }
    Fix::Unreadable
}

/// Ideographs, kana, hangul and the private-use and compatibility blocks
/// CJK fonts map to: what a swapped Latin entry looks like.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

fn is_latin(c: char) -> bool {
    matches!(u32::from(c),
        0x20..=0x24F | 0x1E00..=0x1EFF | 0x2000..=0x20CF | 0x2100..=0x214F | 0xFB00..=0xFB06)
}

/// Whether the other entries of a map say its script is Latin: more of
/// them are Latin than CJK (or none is CJK).
pub(crate) fn latin_map<'s>(others: impl Iterator<Item = &'s str>) -> bool {
    let (mut latin, mut cjk) = (0usize, 0usize);
    for text in others {
        if text.chars().any(is_cjk) {
            cjk += 1;
        } else if !text.is_empty() && text.chars().all(is_latin) {
            latin += 1;
        }
    }
    cjk == 0 || latin > cjk
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapped_shape() {
        assert!(looks_swapped(&[0x7400, 0x6900]));
        assert!(looks_swapped(&[0x6600, 0x6600, 0x6900]));
        assert!(looks_swapped(&[0x7400, 0xDD00]), "the folded form");
        assert!(!looks_swapped(&[0x6600]), "single units are never swapped");
        assert!(!looks_swapped(&[0x0066, 0x0069]), "big-endian \"fi\"");
        assert!(
            !looks_swapped(&[0x6600, 0x6901]),
            "a low byte that is not zero"
        );
        assert!(
            !looks_swapped(&[0x2000, 0x2000]),
            "high bytes that are not letters"
        );
        assert!(
            looks_swapped(&[0xC400, 0xC600]),
            "a folded four-letter ligature"
        );
    }

    #[test]
    fn reads_entries_back() {
        assert_eq!(unswap(&[0x7400, 0x6900]), Fix::Exact("ti".into()));
        assert_eq!(unswap(&[0x6600, 0x6600, 0x6C00]), Fix::Exact("ffl".into()));
        // Ghostscript's "tti": middle 't', then 't' + 'i'.
        assert_eq!(unswap(&[0x7400, 0xDD00]), Fix::Guessed("tti".into()));
        assert_eq!(unswap(&[0x6600, 0xCF00]), Fix::Guessed("ffi".into()));
        // Two sums: a folded four-letter ligature.
        assert_eq!(unswap(&[0xC400, 0xC600]), Fix::Unreadable);
    }

    #[test]
    fn script_of_a_map() {
        assert!(latin_map(["a", "b", "fi", " ", "ø"].into_iter()));
        assert!(latin_map(std::iter::empty()));
        assert!(!latin_map(["中", "文", "一", "a"].into_iter()));
        assert!(latin_map(["中", "a", "b"].into_iter()));
    }
}
