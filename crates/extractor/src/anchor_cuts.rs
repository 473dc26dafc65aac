//! Tightly set columns under a header of figures (years): where the gap
//! between two cells of a body line is about as wide as a word space (or
//! the space inside an amount, "825 000"), a chunk runs over the column
//! gaps and no gap of the region stays clear. The header's cells (years
//! over the columns) still stand apart; a body word gap that lies in the
//! gap between two header cells, with a figure after it under the next
//! header cell, is where the body line's cells part.

use std::borrow::Cow;

use crate::geometry::{BBox, Word};
use crate::stream::{Chunk, ChunkLine};

/// Fewest words of a header line that anchors the cuts.
const MIN_ANCHORS: usize = 3;

/// How far (points) a body word gap may reach past the header gap it lies
/// in (rounding of the two lines' positions).
const SLACK: f64 = 0.5;

/// `lines` with the chunks of the lines under the anchoring header cut at
/// the header's gaps; unchanged where there is no such header or no cut.
pub(crate) fn cut_at_header_gaps(lines: &[ChunkLine]) -> Cow<'_, [ChunkLine]> {
    let most = lines.iter().map(|l| l.chunks.len()).max().unwrap_or(0);
    // The header: the first line with the most cells, figures only (years
    // typed tightly run on as one chunk but are one word a column). A
    // header of words is left alone: a body row of words and figures (a
    // contents line) looks like one.
    let Some(at) = lines.iter().position(|l| {
        l.printed == 1
            && l.chunks.len() == most
            && most >= 2
            && l.chunks
                .iter()
                .flat_map(|c| &c.words)
                .all(|w| !has_letters(&w.text))
    }) else {
        return Cow::Borrowed(lines);
    };
    let anchors: Vec<BBox> = lines
        .get(at)
        .into_iter()
        .flat_map(|l| &l.chunks)
        .flat_map(|c| c.words.iter().filter_map(|w| w.bbox))
        .collect();
    if anchors.len() < MIN_ANCHORS {
        return Cow::Borrowed(lines);
    }
    let mut out: Option<Vec<ChunkLine>> = None;
    for (i, line) in lines.iter().enumerate().skip(at + 1) {
        if line.printed != 1 {
            continue;
        }
        let cut: Vec<Chunk> = line
            .chunks
            .iter()
            .flat_map(|c| cut_chunk(c, &anchors))
            .collect();
        if cut.len() == line.chunks.len() {
            continue;
        }
        let copy = out.get_or_insert_with(|| lines.to_vec());
        if let Some(l) = copy.get_mut(i) {
            l.chunks = cut;
        }
    }
    out.map_or(Cow::Borrowed(lines), Cow::Owned)
}

/// A chunk cut at each word gap that lies before an anchor cell (in the
/// gap after the anchor before it, or left of the first one) where the
/// word after the gap is a figure under that anchor and the piece before
/// it belongs to the column before (a figure right-aligned under its
/// header reaches into the gap before it with its own first groups).
fn cut_chunk(chunk: &Chunk, anchors: &[BBox]) -> Vec<Chunk> {
    let mut pieces: Vec<Chunk> = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    let mut prev: Option<BBox> = None;
    for w in &chunk.words {
        let Some(b) = w.bbox else {
            current.push(w.clone());
            continue;
        };
        let start = current.first().and_then(|f| f.bbox);
        let parts = match (prev, start) {
            (Some(a), Some(s)) => anchors.iter().enumerate().any(|(k, anchor)| {
                let before = k.checked_sub(1).and_then(|j| anchors.get(j));
                let in_gap = a.x1 >= before.map_or(f64::NEG_INFINITY, |p| p.x1) - SLACK
                    && b.x0 <= anchor.x0 + SLACK
                    && b.x1 > anchor.x0;
                // The piece before is the last column's: under its header,
                // or a label in the blank corner left of the first one.
                let owned = match before {
                    Some(p) => s.x0 < p.x1,
                    None => current.iter().any(|w| has_letters(&w.text)),
                };
                // A figure, or a word set flush under the header's start
                // (a currency before the amount).
                let value = is_figure_word(&w.text) || (b.x0 - anchor.x0).abs() <= SLACK;
                in_gap && owned && value
            }),
            _ => false,
        };
        if parts && !current.is_empty() {
            pieces.push(piece(std::mem::take(&mut current)));
        }
        current.push(w.clone());
        prev = Some(b);
    }
    if !current.is_empty() {
        pieces.push(piece(current));
    }
    pieces
}

fn piece(words: Vec<Word>) -> Chunk {
    let bbox = words
        .iter()
        .filter_map(|w| w.bbox)
        .reduce(|a, b| a.union(&b))
        .unwrap_or(BBox {
            x0: 0.0,
            top: 0.0,
            x1: 0.0,
            bottom: 0.0,
        });
    Chunk { bbox, words }
}

/// An amount's first word: digits (with separators) or a dash for none.
fn is_figure_word(text: &str) -> bool {
    !has_letters(text)
        && (text.starts_with(|c: char| c.is_ascii_digit() || c == '(')
            || matches!(text, "-" | "–" | "—"))
}

fn has_letters(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}
