//! Widths of the standard 14 fonts, for PDFs that name one of them without
//! a `/Widths` array (allowed before PDF 1.5, common in older files). The
//! data is generated from Adobe's Core 14 AFM metrics by
//! `scripts/gen_std14_widths.py`.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::encoding::glyph_to_unicode;

const DATA: &str = include_str!("../../data/std14_widths.txt");

/// Font name → width (1/1000 em) per character.
static METRICS: LazyLock<HashMap<&'static str, HashMap<char, f64>>> = LazyLock::new(|| {
    let mut fonts = HashMap::new();
    for line in DATA.lines().filter(|l| !l.starts_with('#')) {
        let mut parts = line.split(' ');
        let Some(font) = parts.next() else { continue };
        let mut widths = HashMap::new();
        for pair in parts {
            let Some((name, w)) = pair.split_once('=') else {
                continue;
            };
            let (Some(text), Ok(w)) = (glyph_to_unicode(name.as_bytes()), w.parse::<f64>()) else {
                continue;
            };
            let mut chars = text.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                widths.entry(c).or_insert(w);
            }
        }
        fonts.insert(font, widths);
    }
    fonts
});

/// The standard font a `/BaseFont` names (or substitutes for: Arial,
/// Times New Roman and Courier New have the same metrics).
fn standard_name(base_font: &str) -> Option<&'static str> {
    let bare = base_font.rsplit('+').next().unwrap_or(base_font);
    let squashed: String = bare.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let lower = squashed.to_ascii_lowercase();
    let bold = lower.contains("bold") || lower.contains("black") || lower.contains("heavy");
    let italic = lower.contains("italic") || lower.contains("oblique");
    if lower.starts_with("courier") {
        return Some("Courier");
    }
    if lower.starts_with("helvetica") || lower.starts_with("arial") {
        return Some(if bold { "Helvetica-Bold" } else { "Helvetica" });
    }
    if lower.starts_with("times") {
        return Some(match (bold, italic) {
            (true, true) => "Times-BoldItalic",
            (true, false) => "Times-Bold",
            (false, true) => "Times-Italic",
            (false, false) => "Times-Roman",
        });
    }
    None
}

/// Widths per character of the standard font `base_font` stands for.
pub(crate) fn widths(base_font: &str) -> Option<&'static HashMap<char, f64>> {
    METRICS.get(standard_name(base_font)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_widths_by_name() {
        let h = widths("Helvetica").expect("Helvetica");
        assert_eq!(h.get(&'A'), Some(&667.0));
        assert_eq!(h.get(&'i'), Some(&222.0));
        assert_eq!(h.get(&'å'), Some(&556.0));
        assert_eq!(
            widths("ABCDEF+Arial,Bold").and_then(|w| w.get(&'i')),
            Some(&278.0)
        );
        assert_eq!(
            widths("Times-Italic").and_then(|w| w.get(&'m')),
            Some(&722.0)
        );
        assert_eq!(
            widths("CourierNewPSMT").and_then(|w| w.get(&'i')),
            Some(&600.0)
        );
        assert!(widths("Calibri").is_none());
    }
}
