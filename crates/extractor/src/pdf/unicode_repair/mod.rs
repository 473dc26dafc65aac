//! ToUnicode maps damaged by a program that re-wrote the PDF, read back.
//!
//! Researchers' archives pass PDFs through Ghostscript (to shrink or
//! "repair" them), Cairo and MuPDF. The text of a re-written file must give
//! the same dataset as the original; where a re-writer damaged a font's
//! Unicode map in a way that leaves evidence, the damage is undone here and
//! named in a problem, so no repair is silent:
//!
//! - [`swapped`]: several-character entries (ligatures) with the bytes of
//!   each UTF-16 unit swapped, "ti" read as U+7400 U+6900;
//! - [`folded`]: range entries whose two bytes were OR-ed into one, "ﬁ"
//!   read as "ü".

pub(crate) mod folded;
pub(crate) mod swapped;

/// What was done to one damaged entry.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Fix {
    /// Read back exactly.
    Exact(String),
    /// Read back from indirect evidence; may be wrong.
    Guessed(String),
    /// Damaged beyond reading: read as U+FFFD.
    Unreadable,
}

impl Fix {
    /// The text the entry is read as.
    pub fn text(&self) -> &str {
        match self {
            Fix::Exact(s) | Fix::Guessed(s) => s,
            Fix::Unreadable => "\u{FFFD}",
        }
    }
}

/// How an entry was damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Damage {
    Swapped,
    Folded,
}

/// One repaired entry, kept to describe the repair in a problem.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Repair {
    pub damage: Damage,
    /// The UTF-16 units as written.
    pub units: Vec<u16>,
    pub fix: Fix,
}

/// Entries named at most per kind of damage in a message.
const EXAMPLES: usize = 6;

/// "U+7400 U+6900".
fn describe_units(units: &[u16]) -> String {
    units
        .iter()
        .map(|u| format!("U+{u:04X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn quoted(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One sentence for a font: what was damaged, what it was read as, and
/// which entries are guesses or lost.
pub(crate) fn message(font: &str, repairs: &[Repair]) -> String {
    let mut parts = Vec::new();
    for (damage, what) in [
        (
            Damage::Swapped,
            "with the bytes of each UTF-16 unit swapped",
        ),
        (
            Damage::Folded,
            "with the two bytes of a range entry folded into one",
        ),
    ] {
        let of_kind: Vec<&Repair> = repairs.iter().filter(|r| r.damage == damage).collect();
        if of_kind.is_empty() {
            continue;
        }
        let shown: Vec<String> = of_kind
            .iter()
            .take(EXAMPLES)
            .map(|r| format!("{} → \"{}\"", describe_units(&r.units), r.fix.text()))
            .collect();
        let more = of_kind.len().saturating_sub(EXAMPLES);
        parts.push(format!(
            "{} {what} ({}{})",
            of_kind.len(),
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    let mut m = format!(
        "the ToUnicode map of the font {font} has {} entries damaged the way Ghostscript's pdfwrite writes ligatures, read back here: {}",
        repairs.len(),
        parts.join("; ")
    );
    let guessed: Vec<&str> = repairs
        .iter()
        .filter(|r| matches!(r.fix, Fix::Guessed(_)))
        .map(|r| r.fix.text())
        .collect();
    if !guessed.is_empty() {
        m.push_str(&format!(
            "; {} could only be inferred (from glyph widths or a folded sum) and may be wrong",
            quoted(&guessed)
        ));
    }
    let lost = repairs.iter().filter(|r| r.fix == Fix::Unreadable).count();
    if lost > 0 {
        m.push_str(&format!(
            "; {lost} could not be read back and show as U+FFFD"
        ));
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_font_damage_and_doubt() {
        let repairs = vec![
            Repair {
                damage: Damage::Swapped,
                units: vec![0x7400, 0x6900],
                fix: Fix::Exact("ti".into()),
            },
            Repair {
                damage: Damage::Swapped,
                units: vec![0x7400, 0xDD00],
                fix: Fix::Guessed("tti".into()),
            },
            Repair {
                damage: Damage::Folded,
                units: vec![0x00FB],
                fix: Fix::Unreadable,
            },
        ];
        let m = message("ABCDEF+Carlito", &repairs);
        assert!(
            m.starts_with("the ToUnicode map of the font ABCDEF+Carlito has 3 entries damaged"),
            "{m}"
        );
        assert!(
            m.contains("2 with the bytes of each UTF-16 unit swapped (U+7400 U+6900 → \"ti\""),
            "{m}"
        );
        assert!(
            m.contains(
                "1 with the two bytes of a range entry folded into one (U+00FB → \"\u{FFFD}\")"
            ),
            "{m}"
        );
        assert!(m.contains("\"tti\" could only be inferred"), "{m}");
        assert!(m.contains("1 could not be read back"), "{m}");
    }
}
