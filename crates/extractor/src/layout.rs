//! Glyphs to words, words to lines: the geometric grouping of text.
//!
//! Words are built in drawing order (every producer we meet draws a word's
//! glyphs one after the other), so a word costs no search; lines are formed
//! by sorting words by baseline once, so a page is `O(n log n)` in its words.

use unicode_normalization::UnicodeNormalization;

use crate::geometry::{BBox, TextLine, Word};
use crate::pdf::collector::Glyph;

/// A word under construction, with the baseline it sits on.
#[derive(Debug, Clone)]
pub(crate) struct PlacedWord {
    pub word: Word,
    /// Baseline y (top-left coordinates).
    pub baseline: f64,
}

impl PlacedWord {
    pub fn bbox(&self) -> BBox {
        self.word.bbox.unwrap_or(BBox {
            x0: 0.0,
            top: self.baseline,
            x1: 0.0,
            bottom: self.baseline,
        })
    }
}

/// NFC without allocating when the text already is NFC (nearly always).
pub(crate) fn nfc(s: String) -> String {
    if unicode_normalization::is_nfc(&s) {
        s
    } else {
        s.nfc().collect()
    }
}

fn glyph_text<'a>(text: &'a str, g: &Glyph) -> &'a str {
    text.get(g.start as usize..g.end as usize).unwrap_or("")
}

/// A word being built; its text is in the caller's scratch buffer, so a
/// word allocates once, at its final length (grown glyph by glyph, a word's
/// string was reallocated two or three times).
struct Builder {
    bbox: BBox,
    size: f64,
    rotation: f64,
    baseline: f64,
    /// End of the last glyph along the writing direction.
    end: f64,
    last_start: f64,
    last_text: (u32, u32),
}

impl Builder {
    fn finish(self, text: &str) -> PlacedWord {
        PlacedWord {
            word: Word {
                text: nfc(text.to_owned()),
                bbox: Some(self.bbox),
                font_size: self.size,
                rotation: self.rotation,
                font: None,
            },
            baseline: self.baseline,
        }
    }
}

/// Letter-spacing (tracking) is told from word gaps only when at least
/// this many glyph pairs of a run show it.
const MIN_TRACKED_GAPS: usize = 3;
/// Share of a run's glyph gaps that must sit at its median for the run to
/// count as evenly letter-spaced.
const TRACKED_SHARE: f64 = 0.6;
/// How far (ems) a gap may be from the median and still count as even.
const EVEN_GAP: f64 = 0.04;
/// Letter-spacing larger than this (ems) is taken for gaps between cells
/// or words, never for tracking.
const MAX_TRACKING: f64 = 0.5;
/// A glyph this far (ems) after the previous one on its line starts a new
/// run for measuring letter-spacing.
const RUN_BREAK: f64 = 3.0;

fn is_letter(text: &str, g: &Glyph) -> bool {
    glyph_text(text, g).chars().all(char::is_alphanumeric)
}

/// The letter-spacing of each glyph's run: runs are glyphs drawn one after
/// the other on one line; a run whose gaps between letters (and digits)
/// are mostly one and the same positive amount is letter-spaced by that
/// amount, else 0 (text set tighter than its glyphs' advances breaks words
/// as it always did). Headings set with tracking (CSS
/// `letter-spacing`, `Tc`) have gaps between letters near the word-gap
/// threshold, so words would break wherever a producer's rounding tips a
/// gap over it; Ghostscript and Cairo re-write such text with other
/// rounding than the original. Gaps between punctuation (leader dots
/// ". . . .") are not letter-spacing.
fn letter_spacing(
    glyphs: &[&Glyph],
    text: &str,
    line_tolerance: f64,
    along: &impl Fn(&Glyph) -> f64,
    across: &impl Fn(&Glyph) -> f64,
) -> Vec<f64> {
    // The gap (ems) before each glyph on its run, None where a space glyph
    // or a run break comes first; and each run's glyph range with how many
    // of its gaps are wide (a cheap first cut: a tracked run has at least
    // half its gaps wide, ordinary text nearly none).
    let mut gap_before: Vec<Option<f64>> = Vec::with_capacity(glyphs.len());
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    let (mut run_start, mut wide) = (0, 0);
    let mut prev: Option<(f64, f64, f64)> = None; // (end along, across, size)
    let mut after_space = false;
    for (i, g) in glyphs.iter().enumerate() {
        if g.is_space {
            after_space = true;
            gap_before.push(None);
            continue;
        }
        let a = along(g);
        let c = across(g);
        let mut gap = None;
        if let Some((end, base, size)) = prev {
            let size = size.max(g.size).max(0.1);
            let g_ems = (a - end) / size;
            let same_line = (c - base).abs() <= line_tolerance * 0.5 * size;
            if !same_line || !(-0.5..=RUN_BREAK).contains(&g_ems) {
                runs.push((run_start, i, wide));
                (run_start, wide) = (i, 0);
            } else if !after_space {
                gap = Some(g_ems);
                wide += usize::from(g_ems > EVEN_GAP);
            }
        }
        gap_before.push(gap);
        prev = Some((a + g.advance, c, g.size));
        after_space = false;
    }
    runs.push((run_start, glyphs.len(), wide));

    // Empty while no run is letter-spaced (nearly every page).
    let mut out: Vec<f64> = Vec::new();
    let mut gaps: Vec<f64> = Vec::new();
    for (from, to, wide) in runs {
        if 2 * wide < MIN_TRACKED_GAPS {
            continue;
        }
        gaps.clear();
        let mut prev_letter = false;
        for i in from..to {
            let (Some(g), Some(gap)) = (glyphs.get(i), gap_before.get(i)) else {
                continue;
            };
            if g.is_space {
                prev_letter = false;
                continue;
            }
            let letter = is_letter(text, g);
            if let (Some(gap), true, true) = (gap, letter, prev_letter) {
                gaps.push(*gap);
            }
            prev_letter = letter;
        }
        let wide = gaps.iter().filter(|g| **g > EVEN_GAP).count();
        // A median above EVEN_GAP needs half the gaps above it.
        if gaps.len() < MIN_TRACKED_GAPS || 2 * wide < gaps.len() {
            continue;
        }
        let mid = gaps.len() / 2;
        gaps.select_nth_unstable_by(mid, f64::total_cmp);
        let median = gaps.get(mid).copied().unwrap_or(0.0);
        let even = gaps
            .iter()
            .filter(|g| (*g - median).abs() <= EVEN_GAP)
            .count();
        if even as f64 >= TRACKED_SHARE * gaps.len() as f64
            && median > EVEN_GAP
            && median < MAX_TRACKING
        {
            if out.is_empty() {
                out.resize(glyphs.len(), 0.0);
            }
            for slot in out.get_mut(from..to).unwrap_or_default() {
                *slot = median;
            }
        }
    }
    out
}

/// Splits glyphs into words; `along`/`across` give a glyph's position along
/// and across its writing direction. Glyphs are taken in the order given.
/// A gap breaks a word when it exceeds the run's letter-spacing by more
/// than `word_gap` ems.
///
/// Letter-spacing can only join what a gap a little over `word_gap` broke,
/// so it is measured (and the words built again) only on pages where such
/// a break happened.
fn build_words<'g>(
    glyphs: impl Iterator<Item = &'g Glyph> + Clone,
    text: &str,
    word_gap: f64,
    line_tolerance: f64,
    along: impl Fn(&Glyph) -> f64,
    across: impl Fn(&Glyph) -> f64,
) -> Vec<PlacedWord> {
    let (words, doubtful) = words_with_tracking(
        glyphs.clone(),
        &[],
        text,
        word_gap,
        line_tolerance,
        &along,
        &across,
    );
    if !doubtful {
        return words;
    }
    let glyphs: Vec<&Glyph> = glyphs.collect();
    let tracking = letter_spacing(&glyphs, text, line_tolerance, &along, &across);
    if tracking.is_empty() {
        return words;
    }
    words_with_tracking(
        glyphs.into_iter(),
        &tracking,
        text,
        word_gap,
        line_tolerance,
        &along,
        &across,
    )
    .0
}

/// [`build_words`] with each glyph's letter-spacing (ems; empty for none);
/// also says whether a word broke at a gap that letter-spacing could
/// explain.
fn words_with_tracking<'g>(
    glyphs: impl Iterator<Item = &'g Glyph>,
    tracking: &[f64],
    text: &str,
    word_gap: f64,
    line_tolerance: f64,
    along: &impl Fn(&Glyph) -> f64,
    across: &impl Fn(&Glyph) -> f64,
) -> (Vec<PlacedWord>, bool) {
    let mut out = Vec::new();
    let mut doubtful = false;
    let mut cur: Option<Builder> = None;
    let mut word_text = String::new();
    let mut prev_letter = false;
    for (i, g) in glyphs.enumerate() {
        if g.is_space {
            prev_letter = false;
            if let Some(b) = cur.take() {
                out.push(b.finish(&word_text));
            }
            continue;
        }
        let a = along(g);
        let c = across(g);
        let t = glyph_text(text, g);
        // Tracking sits next to letters; between two punctuation marks the
        // gap is what it is.
        let tracking = match tracking.get(i) {
            Some(&tr) if tr != 0.0 => {
                let letter = is_letter(text, g);
                let tr = if letter || prev_letter { tr } else { 0.0 };
                prev_letter = letter;
                tr
            }
            _ => {
                prev_letter = false;
                0.0
            }
        };
        if let Some(b) = cur.as_mut() {
            let size = b.size.max(g.size).max(0.1);
            let same_line = (c - b.baseline).abs() <= line_tolerance * 0.5 * size;
            let gap = a - b.end - tracking * size;
            // The same glyph drawn again almost on top of itself (fake bold).
            let duplicate = same_line
                && (a - b.last_start).abs() < 0.15 * size
                && text.get(b.last_text.0 as usize..b.last_text.1 as usize) == Some(t);
            if duplicate {
                continue;
            }
            if same_line && gap <= word_gap * size && gap >= -0.5 * size {
                word_text.push_str(t);
                b.bbox = b.bbox.union(&g.bbox());
                b.size = b.size.max(g.size);
                b.end = b.end.max(a + g.advance);
                b.last_start = a;
                b.last_text = (g.start, g.end);
                continue;
            }
            doubtful |= same_line && gap <= (word_gap + MAX_TRACKING) * size && gap > 0.0;
            if let Some(b) = cur.take() {
                out.push(b.finish(&word_text));
            }
        }
        word_text.clear();
        word_text.push_str(t);
        cur = Some(Builder {
            bbox: g.bbox(),
            size: g.size,
            rotation: if g.is_horizontal() {
                0.0
            } else {
                (g.rotation * 10.0).round() / 10.0
            },
            baseline: c,
            end: a + g.advance,
            last_start: a,
            last_text: (g.start, g.end),
        });
    }
    if let Some(b) = cur.take() {
        out.push(b.finish(&word_text));
    }
    (out, doubtful)
}

/// The horizontal words of a page, in drawing order.
pub(crate) fn horizontal_words(
    glyphs: &[Glyph],
    text: &str,
    word_gap: f64,
    line_tolerance: f64,
) -> Vec<PlacedWord> {
    build_words(
        glyphs.iter().filter(|g| g.is_horizontal()),
        text,
        word_gap,
        line_tolerance,
        |g| g.x,
        |g| g.y,
    )
}

/// Groups words into lines by baseline; each line's words run left to right
/// and lines come top to bottom.
pub(crate) fn group_lines(mut words: Vec<PlacedWord>, line_tolerance: f64) -> Vec<TextLine> {
    // How many words each line takes, first; then every line's words move
    // into a vector of their exact size (a vector per line grown word by
    // word was a tenth of the page builder's allocations).
    let lengths = sort_into_lines(&mut words, |w| w, line_tolerance);
    let mut rest = words.into_iter();
    let mut lines = Vec::with_capacity(lengths.len());
    for n in lengths {
        let (text, bbox) = line_text(rest.as_slice().get(..n).unwrap_or_default());
        lines.push(TextLine {
            text,
            bbox,
            words: rest.by_ref().take(n).map(|w| w.word).collect(),
            cell: None,
        });
    }
    lines
}

/// Sorts words into the lines [`group_lines`] makes of them (by baseline,
/// then left to right within each line) and returns each line's length.
/// Generic over the item so that lines of borrowed words group exactly as
/// lines of owned ones.
fn sort_into_lines<T>(
    items: &mut [T],
    placed: impl Fn(&T) -> &PlacedWord,
    line_tolerance: f64,
) -> Vec<usize> {
    items.sort_by(|a, b| placed(a).baseline.total_cmp(&placed(b).baseline));
    let mut lengths: Vec<usize> = Vec::new();
    let mut line_base = f64::NAN;
    let mut line_size = 0.0f64;
    for item in items.iter() {
        let w = placed(item);
        let size = line_size.max(w.word.font_size).max(0.1);
        let joins = match lengths.last_mut() {
            Some(n) if (w.baseline - line_base).abs() <= line_tolerance * size => {
                *n += 1;
                true
            }
            _ => false,
        };
        if joins {
            line_size = line_size.max(w.word.font_size);
        } else {
            line_base = w.baseline;
            line_size = w.word.font_size;
            lengths.push(1);
        }
    }
    // Each line's words are put left to right where they lie.
    let mut start = 0;
    for &n in &lengths {
        if let Some(line) = items.get_mut(start..start + n) {
            line.sort_by(|a, b| placed(a).bbox().x0.total_cmp(&placed(b).bbox().x0));
        }
        start += n;
    }
    lengths
}

/// The lines [`group_lines`] would make of `words`, as borrowed words: for
/// callers that only look at a cell's lines, so the words need not be
/// cloned and no line text is built.
pub(crate) fn borrowed_lines(words: &[PlacedWord], line_tolerance: f64) -> Vec<Vec<&PlacedWord>> {
    let mut refs: Vec<&PlacedWord> = words.iter().collect();
    let lengths = sort_into_lines(&mut refs, |w| *w, line_tolerance);
    let mut rest = refs.into_iter();
    lengths
        .into_iter()
        .map(|n| rest.by_ref().take(n).collect())
        .collect()
}

/// The box of a line's words (as [`group_lines`] gives its lines).
pub(crate) fn borrowed_line_box(line: &[&PlacedWord]) -> Option<BBox> {
    line.iter().map(|w| w.bbox()).reduce(|a, b| a.union(&b))
}

/// The text (words joined by spaces) and box of a line's words, in order.
fn line_text(words: &[PlacedWord]) -> (String, Option<BBox>) {
    let mut bbox: Option<BBox> = None;
    let length = words.iter().map(|w| w.word.text.len() + 1).sum::<usize>();
    let mut text = String::with_capacity(length.saturating_sub(1));
    for w in words {
        bbox = Some(match bbox {
            Some(b) => b.union(&w.bbox()),
            None => w.bbox(),
        });
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&w.word.text);
    }
    (text, bbox)
}

/// Text that does not run left to right: grouped by direction and by the
/// line it sits on, and read along its own direction (so text running up
/// the page edge reads as printed, not reversed).
pub(crate) fn rotated_lines(
    glyphs: &[Glyph],
    text: &str,
    word_gap: f64,
    line_tolerance: f64,
) -> Vec<TextLine> {
    // (direction bucket, across, along, glyph)
    let mut keyed: Vec<(i32, f64, f64, &Glyph)> = glyphs
        .iter()
        .filter(|g| !g.is_horizontal())
        .map(|g| {
            let along = g.x * g.dx + g.y * g.dy;
            let across = g.y * g.dx - g.x * g.dy;
            (g.rotation.round() as i32 % 360, across, along, g)
        })
        .collect();
    if keyed.is_empty() {
        return Vec::new();
    }
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut lines = Vec::new();
    let mut start = 0;
    while start < keyed.len() {
        let Some(&(dir, base, _, first)) = keyed.get(start) else {
            break;
        };
        let tol = line_tolerance * first.size.max(0.1);
        let mut end = start + 1;
        while let Some(&(d, c, _, _)) = keyed.get(end) {
            if d != dir || (c - base).abs() > tol {
                break;
            }
            end += 1;
        }
        let mut run: Vec<(f64, f64, &Glyph)> = keyed
            .get(start..end)
            .unwrap_or(&[])
            .iter()
            .map(|&(_, c, a, g)| (c, a, g))
            .collect();
        run.sort_by(|a, b| a.1.total_cmp(&b.1));
        let words = build_words(
            run.iter().map(|r| r.2),
            text,
            word_gap,
            f64::INFINITY,
            |g| g.x * g.dx + g.y * g.dy,
            |g| g.y * g.dx - g.x * g.dy,
        );
        if !words.is_empty() {
            // Already in reading order along the direction: keep it.
            let mut bbox: Option<BBox> = None;
            let mut t = String::new();
            for w in &words {
                bbox = Some(match bbox {
                    Some(b) => b.union(&w.bbox()),
                    None => w.bbox(),
                });
                if !t.is_empty() {
                    t.push(' ');
                }
                t.push_str(&w.word.text);
            }
            lines.push(TextLine {
                text: t,
                bbox,
                words: words.into_iter().map(|w| w.word).collect(),
                cell: None,
            });
        }
        start = end;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` on one baseline, each `advance` wide and followed by
    /// `gap` (both in ems of a 10 pt font); ' ' is a space glyph.
    fn glyph_run(text: &str, advance: f64, gap: f64, buf: &mut String) -> Vec<Glyph> {
        let mut x = 10.0;
        let mut out = Vec::new();
        for c in text.chars() {
            let start = buf.len() as u32;
            let is_space = c == ' ';
            if !is_space {
                buf.push(c);
            }
            out.push(Glyph {
                x,
                y: 100.0,
                dx: 1.0,
                dy: 0.0,
                advance: advance * 10.0,
                size: 10.0,
                rotation: 0.0,
                is_space,
                start,
                end: buf.len() as u32,
            });
            x += (advance + gap) * 10.0;
        }
        out
    }

    fn words(glyphs: &[Glyph], text: &str) -> Vec<String> {
        horizontal_words(glyphs, text, 0.15, 0.5)
            .into_iter()
            .map(|w| w.word.text)
            .collect()
    }

    #[test]
    fn letter_spaced_words_stay_whole() {
        // Tracking of 0.15 em, right at the word-gap threshold, and a bit
        // over it as another producer's rounding may have it.
        for tracking in [0.15, 0.16, 0.2] {
            let mut text = String::new();
            let g = glyph_run("RAPPORTERING I BOLIGSOSIALT", 0.6, tracking, &mut text);
            assert_eq!(
                words(&g, &text),
                ["RAPPORTERING", "I", "BOLIGSOSIALT"],
                "tracking {tracking}"
            );
        }
    }

    #[test]
    fn word_gaps_without_space_glyphs_still_split() {
        // Words placed apart with no space glyph: the letters touch, so the
        // run is not letter-spaced and the gaps between words count.
        let mut text = String::new();
        let mut g = glyph_run("Antall", 0.5, 0.0, &mut text);
        let mut second = glyph_run("husstander", 0.5, 0.0, &mut text);
        for s in &mut second {
            s.x += 3.0 * 10.0 + 3.0;
        }
        g.extend(second);
        assert_eq!(words(&g, &text), ["Antall", "husstander"]);
    }

    #[test]
    fn evenly_spread_cells_are_not_letter_spacing() {
        // Single digits a whole em apart (a table row): far beyond any
        // tracking, each stays its own word.
        let mut text = String::new();
        let g = glyph_run("1234", 0.5, 1.0, &mut text);
        assert_eq!(words(&g, &text), ["1", "2", "3", "4"]);
        // And a letter-spaced run stops being one at a real word gap.
        let mut text = String::new();
        let mut g = glyph_run("ABCD", 0.6, 0.15, &mut text);
        let mut next = glyph_run("EFGH", 0.6, 0.15, &mut text);
        for s in &mut next {
            s.x += 4.0 * 7.5 + 4.0;
        }
        g.extend(next);
        assert_eq!(words(&g, &text), ["ABCD", "EFGH"]);
    }

    #[test]
    fn leader_dots_are_not_letter_spacing() {
        // "Male" then evenly spaced dots: the dots stay apart.
        let mut text = String::new();
        let mut g = glyph_run("Male", 0.5, 0.0, &mut text);
        let mut dots = glyph_run("......", 0.25, 0.25, &mut text);
        for d in &mut dots {
            d.x += 2.0 * 10.0 + 2.5;
        }
        g.extend(dots);
        assert_eq!(words(&g, &text), ["Male", ".", ".", ".", ".", ".", "."]);
    }
}
