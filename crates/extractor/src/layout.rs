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

struct Builder {
    text: String,
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
    fn finish(self) -> PlacedWord {
        PlacedWord {
            word: Word {
                text: nfc(self.text),
                bbox: Some(self.bbox),
                font_size: self.size,
                rotation: self.rotation,
                font: None,
            },
            baseline: self.baseline,
        }
    }
}

/// Splits glyphs into words; `along`/`across` give a glyph's position along
/// and across its writing direction. Glyphs are taken in the order given.
fn build_words<'g>(
    glyphs: impl Iterator<Item = &'g Glyph>,
    text: &str,
    word_gap: f64,
    line_tolerance: f64,
    along: impl Fn(&Glyph) -> f64,
    across: impl Fn(&Glyph) -> f64,
) -> Vec<PlacedWord> {
    let mut out = Vec::new();
    let mut cur: Option<Builder> = None;
    for g in glyphs {
        if g.is_space {
            if let Some(b) = cur.take() {
                out.push(b.finish());
            }
            continue;
        }
        let a = along(g);
        let c = across(g);
        let t = glyph_text(text, g);
        if let Some(b) = cur.as_mut() {
            let size = b.size.max(g.size).max(0.1);
            let same_line = (c - b.baseline).abs() <= line_tolerance * 0.5 * size;
            let gap = a - b.end;
            // The same glyph drawn again almost on top of itself (fake bold).
            let duplicate = same_line
                && (a - b.last_start).abs() < 0.15 * size
                && text.get(b.last_text.0 as usize..b.last_text.1 as usize) == Some(t);
            if duplicate {
                continue;
            }
            if same_line && gap <= word_gap * size && gap >= -0.5 * size {
                b.text.push_str(t);
                b.bbox = b.bbox.union(&g.bbox());
                b.size = b.size.max(g.size);
                b.end = b.end.max(a + g.advance);
                b.last_start = a;
                b.last_text = (g.start, g.end);
                continue;
            }
            if let Some(b) = cur.take() {
                out.push(b.finish());
            }
        }
        cur = Some(Builder {
            text: t.to_owned(),
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
        out.push(b.finish());
    }
    out
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
    words.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut lines: Vec<Vec<PlacedWord>> = Vec::new();
    let mut line_base = f64::NAN;
    let mut line_size = 0.0f64;
    for w in words {
        let size = line_size.max(w.word.font_size).max(0.1);
        let joins =
            lines.last().is_some() && (w.baseline - line_base).abs() <= line_tolerance * size;
        if joins {
            line_size = line_size.max(w.word.font_size);
            if let Some(l) = lines.last_mut() {
                l.push(w);
            }
        } else {
            line_base = w.baseline;
            line_size = w.word.font_size;
            lines.push(vec![w]);
        }
    }
    lines.into_iter().map(make_line).collect()
}

fn make_line(mut words: Vec<PlacedWord>) -> TextLine {
    words.sort_by(|a, b| a.bbox().x0.total_cmp(&b.bbox().x0));
    let mut bbox: Option<BBox> = None;
    let mut text = String::new();
    for w in &words {
        bbox = Some(match bbox {
            Some(b) => b.union(&w.bbox()),
            None => w.bbox(),
        });
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&w.word.text);
    }
    TextLine {
        text,
        bbox,
        words: words.into_iter().map(|w| w.word).collect(),
        cell: None,
    }
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
