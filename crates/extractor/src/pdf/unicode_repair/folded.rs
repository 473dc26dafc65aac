//! ToUnicode range entries whose two bytes were folded into one.
//!
//! Ghostscript's `pdfwrite` (seen with 10.00) rewrites a `bfrange` entry
//! whose destination is one UTF-16 unit at or above U+0100 as
//! `(high byte | low byte) + offset`: the range `<0CF2> <0CF3> <FB00>` (the
//! ligatures ﬀ ﬁ) comes out as U+00FB U+00FC, "û" and "ü", and "finansiert"
//! reads "ünansiert". Single `bfchar` entries are written correctly.
//!
//! The fold loses the high byte, so the text alone cannot say what an "û"
//! was. The glyph's advance width can: an accented letter is as wide as
//! its base letter in practically every font, so an "û" that is not as
//! wide as the font's "u" is not an "û". The Latin ligatures U+FB00–FB06
//! fold to U+00FB–U+0101; which one each glyph is follows from how its
//! width compares with the summed widths of the letters each candidate
//! ligature joins (the font's own "f", "i", "l", …). A ligature is
//! narrower than its letters by a kerning overlap that is nearly the same
//! for every ligature of a font, so in a run of consecutive codes the
//! start that keeps that overlap most nearly constant wins; a lone glyph
//! must fit one candidate clearly better than the others. Anything less
//! clear reads as U+FFFD, with the issue saying so.
//!
//! Other folded ranges (U+2013 "–" to "3", U+201C "“" to "<") leave no
//! such trace and are not repaired.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::{Damage, Fix, Repair};

/// A single-character entry of a font's Unicode map, with the advance
/// width of its glyph in ems.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Glyph {
    pub code: u32,
    pub len: u8,
    pub ch: char,
    pub width: f64,
}

/// The Latin ligatures U+FB00–FB06 and the letters each joins.
const LIGATURES: [&str; 7] = ["ff", "fi", "fl", "ffi", "ffl", "\u{17F}t", "st"];

/// An accented letter and its base may differ by this much (ems).
const SAME_WIDTH: f64 = 0.015;
/// How much narrower than its letters a ligature may be (ems).
const MAX_OVERLAP: f64 = 0.15;
/// How much wider than its letters a ligature may be (ems).
const MAX_GAIN: f64 = 0.03;
/// How much the overlap may vary along a run (ems).
const MAX_SPREAD: f64 = 0.06;
/// How much better the best candidate must fit than the next (ems).
const MARGIN: f64 = 0.015;

/// The value a folded ligature entry starts at: `0xFB | low byte`.
fn folded(start: usize) -> u32 {
    0xFB | start as u32
}

/// U+00FB and U+00FF: what a folded Latin ligature range starts at.
fn starts_fold(c: char) -> bool {
    matches!(u32::from(c), 0xFB | 0xFF)
}

/// Whether an entry's text could be the start of a folded range (a cheap
/// test before widths are looked up).
pub(crate) fn could_start_fold(text: &str) -> bool {
    let mut chars = text.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if starts_fold(c))
}

/// The base letter of an accented one ("û" → 'u'), if it has one.
fn base(c: char) -> Option<char> {
    let b = c.nfd().next()?;
    (b != c).then_some(b)
}

/// How well a run of glyph widths fits the ligatures from `start` on:
/// the spread of their overlaps (lower is better), or `None` when a
/// letter's width is unknown or an overlap is implausible.
fn fit(widths: &[f64], start: usize, letter_width: &HashMap<char, f64>) -> Option<f64> {
    let ligatures = LIGATURES.get(start..start + widths.len())?;
    let mut overlaps = Vec::with_capacity(widths.len());
    for (w, lig) in widths.iter().zip(ligatures) {
        let letters: Option<f64> = lig.chars().map(|c| letter_width.get(&c).copied()).sum();
        let d = w - letters?;
        if !(-MAX_OVERLAP..=MAX_GAIN).contains(&d) {
            return None;
        }
        overlaps.push(d);
    }
    let hi = overlaps.iter().copied().fold(f64::MIN, f64::max);
    let lo = overlaps.iter().copied().fold(f64::MAX, f64::min);
    // A lone glyph has no spread; its distance from the typical overlap
    // (a few hundredths of an em) ranks the candidates instead.
    Some(if overlaps.len() == 1 {
        (lo + 0.03).abs()
    } else {
        hi - lo
    })
}

/// Finds runs of folded ligature entries in a font's single-character
/// Unicode entries and says what each was; `(code, len, repair)`.
pub(crate) fn repair(glyphs: &[Glyph]) -> Vec<(u32, u8, Repair)> {
    if !glyphs.iter().any(|g| starts_fold(g.ch)) {
        return Vec::new();
    }
    let mut sorted: Vec<Glyph> = glyphs
        .iter()
        .copied()
        .filter(|g| g.width.is_finite() && g.width > 0.0)
        .collect();
    sorted.sort_by_key(|g| (g.len, g.code));
    let mut letter_width: HashMap<char, f64> = HashMap::new();
    for g in &sorted {
        letter_width.entry(g.ch).or_insert(g.width);
    }
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(first) = sorted.get(i) {
        if !starts_fold(first.ch) {
            i += 1;
            continue;
        }
        // The run: consecutive codes mapped to consecutive characters.
        let mut n = 1;
        while let (Some(prev), Some(next)) = (sorted.get(i + n - 1), sorted.get(i + n)) {
            if n >= LIGATURES.len()
                || next.len != prev.len
                || next.code != prev.code + 1
                || u32::from(next.ch) != u32::from(prev.ch) + 1
            {
                break;
            }
            n += 1;
        }
        let run = sorted.get(i..i + n).unwrap_or_default();
        // A fold starts a range of its own; a run that goes on from "ú"
        // below it is a font's accented letters in Unicode order.
        let continues = i
            .checked_sub(1)
            .and_then(|p| sorted.get(p))
            .is_some_and(|p| {
                p.len == first.len
                    && p.code + 1 == first.code
                    && u32::from(p.ch) + 1 == u32::from(first.ch)
            });
        i += n;
        if continues {
            continue;
        }
        // Evidence: a glyph not as wide as its base letter; none against.
        let mut checked = 0;
        let mut wrong = 0;
        for g in run {
            if let Some(b) = base(g.ch).and_then(|b| letter_width.get(&b)) {
                checked += 1;
                if (g.width - b).abs() > SAME_WIDTH {
                    wrong += 1;
                }
            }
        }
        if checked == 0 || wrong == 0 {
            continue;
        }
        let widths: Vec<f64> = run.iter().map(|g| g.width).collect();
        let v0 = u32::from(first.ch);
        let mut fits: Vec<(f64, usize)> = (0..LIGATURES.len())
            .filter(|&s| folded(s) == v0)
            .filter_map(|s| fit(&widths, s, &letter_width).map(|f| (f, s)))
            .collect();
        fits.sort_by(|a, b| a.0.total_cmp(&b.0));
        // No ligature fits at all: whatever these glyphs are, nothing says
        // they were ligatures; leave them.
        if fits.first().is_none_or(|(best, _)| *best > MAX_SPREAD) {
            continue;
        }
        let chosen = match fits.as_slice() {
            [(_, s)] => Some(*s),
            [(best, s), (next, _), ..] if next - best >= MARGIN => Some(*s),
            _ => None,
        };
        for (k, g) in run.iter().enumerate() {
            let fix = match chosen.and_then(|s| char::from_u32(0xFB00 + (s + k) as u32)) {
                Some(lig) => Fix::Guessed(lig.to_string()),
                None => Fix::Unreadable,
            };
            out.push((
                g.code,
                g.len,
                Repair {
                    damage: Damage::Folded,
                    units: vec![u32::from(g.ch) as u16],
                    fix,
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// DejaVu Serif's widths (ems): f .370, i .320, l .320, u .644; its
    /// ligatures ﬀ .710, ﬁ .667, ﬂ .667.
    fn font(extra: &[(u32, char, f64)]) -> Vec<Glyph> {
        let mut g: Vec<Glyph> = [
            ('f', 0.370),
            ('i', 0.320),
            ('l', 0.320),
            ('u', 0.644),
            ('y', 0.565),
            ('a', 0.596),
        ]
        .iter()
        .enumerate()
        .map(|(k, &(ch, width))| Glyph {
            code: 0x40 + k as u32,
            len: 2,
            ch,
            width,
        })
        .collect();
        g.extend(extra.iter().map(|&(code, ch, width)| Glyph {
            code,
            len: 2,
            ch,
            width,
        }));
        g
    }

    fn texts(repairs: &[(u32, u8, Repair)]) -> Vec<(u32, String)> {
        repairs
            .iter()
            .map(|(c, _, r)| (*c, r.fix.text().to_string()))
            .collect()
    }

    #[test]
    fn folded_ff_fi_run_is_read_from_widths() {
        // <0CF2> <0CF3> <FB00> folded to û ü.
        let r = repair(&font(&[(0xCF2, 'û', 0.710), (0xCF3, 'ü', 0.667)]));
        assert_eq!(
            texts(&r),
            vec![(0xCF2, "\u{FB00}".into()), (0xCF3, "\u{FB01}".into())]
        );
        assert!(r
            .iter()
            .all(|(_, _, x)| x.damage == Damage::Folded && x.units.len() == 1));
    }

    #[test]
    fn folded_fi_fl_run_is_told_apart_from_ff_fi() {
        // <0CF3> <0CF4> <FB01> folds to the same û ü; the equal widths say fi, fl.
        let r = repair(&font(&[(0xCF3, 'û', 0.667), (0xCF4, 'ü', 0.667)]));
        assert_eq!(
            texts(&r),
            vec![(0xCF3, "\u{FB01}".into()), (0xCF4, "\u{FB02}".into())]
        );
    }

    #[test]
    fn genuine_accented_letters_are_left_alone() {
        // As wide as "u": a real û and ü (German, French names).
        assert!(repair(&font(&[(0x90, 'û', 0.644), (0x91, 'ü', 0.644)])).is_empty());
        // No base letter in the font to compare with: no evidence.
        let no_u: Vec<Glyph> = font(&[(0x90, 'û', 0.710), (0x91, 'ü', 0.667)])
            .into_iter()
            .filter(|g| g.ch != 'u')
            .collect();
        assert!(repair(&no_u).is_empty());
        // Not consecutive characters from U+00FB or U+00FF: not a fold.
        assert!(repair(&font(&[(0x90, 'ü', 0.710)])).is_empty());
    }

    #[test]
    fn an_undecidable_fold_reads_as_replacement() {
        // A lone "û" as wide as both ﬁ and ﬂ would be (i and l equal).
        let r = repair(&font(&[(0x90, 'û', 0.667)]));
        assert_eq!(texts(&r), vec![(0x90, "\u{FFFD}".into())]);
    }

    #[test]
    fn glyphs_that_fit_no_ligature_are_left_alone() {
        // Far too wide for any ligature of the letters they could be
        // (a default width for glyphs a subset leaves out, say).
        assert!(repair(&font(&[(0x90, 'û', 1.5), (0x91, 'ü', 1.5)])).is_empty());
        // A font's accented letters in Unicode order, ú û ü …, however wide.
        let r = repair(&font(&[
            (0x8F, 'ú', 0.644),
            (0x90, 'û', 0.710),
            (0x91, 'ü', 0.667),
        ]));
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn a_lone_clear_fold_is_read() {
        // ﬀ alone: .740 of letters, .710 wide; ﬁ/ﬂ (.690) would be wider than their letters.
        let r = repair(&font(&[(0x90, 'û', 0.710)]));
        assert_eq!(texts(&r), vec![(0x90, "\u{FB00}".into())]);
    }
}
