//! Documents built by hand for unit tests: text lines on pages, optionally
//! with boxes, as the extractor would give them.

use skjema_extractor::{BBox, Document, MediaType, Metadata, Page, TextLine, Word};

use crate::forms::{builtin, TableDef};

/// The built-in definition of the table kind that fills `list`.
pub fn table_def(list: &str) -> &'static TableDef {
    builtin()
        .ok()
        .and_then(|forms| {
            forms
                .iter()
                .flat_map(|f| f.tables.iter())
                .find(|t| t.list == list)
        })
        .unwrap_or_else(|| panic!("a table kind {list}"))
}

/// A line of words at `y` (points from the top), one box per word, 6 pt
/// per character.
pub fn line_at(text: &str, x: f64, y: f64) -> TextLine {
    let mut words = Vec::new();
    let mut pos = x;
    let mut end = x;
    for w in text.split_whitespace() {
        let width = 6.0 * w.chars().count() as f64;
        words.push(Word {
            text: w.to_string(),
            bbox: Some(BBox {
                x0: pos,
                top: y,
                x1: pos + width,
                bottom: y + 10.0,
            }),
            font_size: 10.0,
            rotation: 0.0,
            font: None,
        });
        end = pos + width;
        pos = end + 3.0;
    }
    TextLine {
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        bbox: Some(BBox {
            x0: x,
            top: y,
            x1: end,
            bottom: y + 10.0,
        }),
        words,
        cell: None,
    }
}

/// A page of lines without tables.
pub fn page(number: u32, lines: Vec<TextLine>) -> Page {
    Page {
        number,
        width: 595.0,
        height: 842.0,
        lines,
        rotated: Vec::new(),
        rulings: Vec::new(),
        tables: Vec::new(),
        problems: Vec::new(),
        fills: Vec::new(),
        candidates: Vec::new(),
    }
}

/// A PDF-like document of pages of plain lines (one line per string, 14 pt
/// apart).
pub fn doc(pages: &[&[&str]]) -> Document {
    Document {
        media_type: MediaType::Pdf,
        pages: pages
            .iter()
            .enumerate()
            .map(|(p, lines)| {
                let lines = lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| line_at(l, 50.0, 60.0 + 14.0 * i as f64))
                    .collect();
                page(u32::try_from(p + 1).unwrap_or(1), lines)
            })
            .collect(),
        metadata: Metadata::default(),
        problems: Vec::new(),
    }
}
