//! Words and lines for the table modules' unit tests, all in 10-point type,
//! so that every test page is built with the same geometry.

use crate::geometry::{BBox, TextLine, Word};

/// A 10-point word with its top-left corner at `(x0, top)`, `width` points wide.
pub(crate) fn word(x0: f64, top: f64, width: f64, text: &str) -> Word {
    Word {
        text: text.to_owned(),
        bbox: Some(BBox {
            x0,
            top,
            x1: x0 + width,
            bottom: top + 10.0,
        }),
        font_size: 10.0,
        rotation: 0.0,
        font: None,
    }
}

/// The box round the words that have one.
pub(crate) fn bbox_of(words: &[Word]) -> Option<BBox> {
    words
        .iter()
        .filter_map(|w| w.bbox)
        .reduce(|a, b| a.union(&b))
}

/// A line of words given as `(x0, text)`, each `per_char` points per
/// character wide, with its top at `top` and its text the words joined by spaces.
pub(crate) fn text_line(top: f64, per_char: f64, words: &[(f64, &str)]) -> TextLine {
    let words: Vec<Word> = words
        .iter()
        .map(|&(x0, text)| word(x0, top, per_char * text.chars().count() as f64, text))
        .collect();
    TextLine::of_words(words, None)
}
