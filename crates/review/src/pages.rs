//! The pages of one report as the review page shows them: a PDF page as the
//! PNG hayro drew (drawn once: a PNG already in the site is kept, its name
//! holding the report id, which is the hash of the bytes), or — when the
//! renderer fails on it — the page's words as SVG text at their places; a
//! transcript page as its text.

use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use std::collections::HashMap;

use skjema_extractor::{extract, Document, ExtractOptions, Page};

use crate::error::ReviewError;
use crate::html::esc;
use crate::render::{self, png_size};
use crate::site::write_atomically;

/// How a page is shown.
#[derive(Debug, Clone)]
pub enum Look {
    /// A PNG under the site's pages folder: its path from the site's root
    /// and its size in pixels.
    Image {
        /// Path from the site's root (`pages/<id>/3.png`).
        src: String,
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// The page's words as SVG `<text>` elements in page coordinates.
    Words(String),
    /// A transcript page's text.
    Text(String),
}

/// One page of a report.
#[derive(Debug, Clone)]
pub struct PageView {
    /// 1-based page number.
    pub number: u32,
    /// Width in points (the coordinate system of the boxes).
    pub width: f64,
    /// Height in points.
    pub height: f64,
    /// What is shown.
    pub look: Look,
    /// What the reader should know about this page (the renderer failed).
    pub note: Option<String>,
}

/// The pages of a report and what it took to make them.
#[derive(Debug, Default)]
pub struct Pages {
    /// The pages.
    pub pages: Vec<PageView>,
    /// What the reader should know about all of them.
    pub note: Option<String>,
    /// PNGs drawn now.
    pub rendered: usize,
    /// PNGs kept from an earlier run.
    pub reused: usize,
    /// Pages shown as words because the renderer failed.
    pub fallback: usize,
}

/// Pixels per PDF point of a rendered page.
pub const SCALE: f64 = 2.0;

/// The pages of the report read from `bytes` (`pdf` says whether the run
/// read it as a PDF); rendered PNGs go to `site/pages/<report_id>/`.
/// A PDF's pages are sized and drawn by the renderer alone; the extractor
/// reads the file again only for a transcript's text or for the words of
/// pages the renderer could not draw.
pub fn prepare(
    report_id: &str,
    bytes: &[u8],
    pdf: bool,
    site: &Path,
) -> Result<Pages, ReviewError> {
    if pdf {
        return pdf_pages(report_id, bytes, site);
    }
    let doc = match read_again(bytes) {
        Ok(doc) => doc,
        Err(note) => {
            return Ok(Pages {
                note: Some(note),
                ..Pages::default()
            })
        }
    };
    let pages = doc
        .pages
        .iter()
        .map(|page| PageView {
            number: page.number,
            width: page.width,
            height: page.height,
            look: Look::Text(page_text(page)),
            note: None,
        })
        .collect();
    Ok(Pages {
        pages,
        ..Pages::default()
    })
}

/// The document as the extractor reads it, or a sentence for the reader.
fn read_again(bytes: &[u8]) -> Result<Document, String> {
    match catch_unwind(AssertUnwindSafe(|| {
        extract(bytes, &ExtractOptions::default())
    })) {
        Ok(Ok(doc)) => Ok(doc),
        Ok(Err(err)) => Err(format!("The source file could not be read again ({err}).")),
        Err(_) => Err("The source file could not be read again (the reader crashed).".into()),
    }
}

/// A transcript page's text: its lines in reading order.
fn page_text(page: &Page) -> String {
    page.lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn pdf_pages(report_id: &str, bytes: &[u8], site: &Path) -> Result<Pages, ReviewError> {
    let folder = format!("{}/{report_id}", crate::site::PAGES_DIR);
    let dir = site.join(&folder);
    let mut out = Pages::default();
    let opened = render::open(bytes.to_vec());
    let sizes = match &opened {
        Ok(pdf) => render::page_sizes(pdf),
        Err(_) => Vec::new(),
    };
    let mut kept = HashMap::new();
    for number in 1..=u32::try_from(sizes.len()).unwrap_or(0) {
        let file = dir.join(format!("{number}.png"));
        if let Some(size) = std::fs::read(&file).ok().as_deref().and_then(png_size) {
            kept.insert(number, size);
        }
    }
    let mut drawn = HashMap::new();
    let mut failed: HashMap<u32, String> = HashMap::new();
    match &opened {
        Ok(pdf) if kept.len() < sizes.len() => {
            for (number, result) in render::render_pages(pdf, SCALE, |n| !kept.contains_key(&n)) {
                match result {
                    Ok(png) => {
                        std::fs::create_dir_all(&dir).map_err(|e| ReviewError::write(&dir, e))?;
                        write_atomically(&dir.join(format!("{number}.png")), &png.png)?;
                        drawn.insert(number, (png.width, png.height));
                    }
                    Err(reason) => {
                        failed.insert(number, reason);
                    }
                }
            }
        }
        _ => {}
    }
    // Pages the renderer could not draw (or a file it could not open) are
    // shown as the extractor's words.
    let words: Option<Result<Document, String>> =
        (opened.is_err() || !failed.is_empty() || sizes.is_empty()).then(|| read_again(bytes));
    let word_pages: HashMap<u32, &Page> = match &words {
        Some(Ok(doc)) => doc.pages.iter().map(|p| (p.number, p)).collect(),
        _ => HashMap::new(),
    };
    let count = sizes.len().max(word_pages.len());
    for number in 1..=u32::try_from(count).unwrap_or(0) {
        let size = sizes.get(number as usize - 1).copied().flatten();
        let page = word_pages.get(&number);
        let (width, height) = size
            .or_else(|| page.map(|p| (p.width, p.height)))
            .unwrap_or((595.0, 842.0));
        let image = kept.get(&number).or_else(|| drawn.get(&number));
        let (look, note) = match (image, page) {
            (Some(&(w, h)), _) => (
                Look::Image {
                    src: format!("{folder}/{number}.png"),
                    width: w,
                    height: h,
                },
                None,
            ),
            (None, Some(page)) => {
                let reason = failed
                    .get(&number)
                    .cloned()
                    .or_else(|| opened.as_ref().err().cloned())
                    .unwrap_or_else(|| "the renderer did not reach this page".into());
                out.fallback += 1;
                (
                    Look::Words(words_svg(page)),
                    Some(format!(
                        "This page could not be drawn ({reason}): its words are shown as text at their places instead."
                    )),
                )
            }
            (None, None) => continue,
        };
        out.pages.push(PageView {
            number,
            width,
            height,
            look,
            note,
        });
    }
    if out.pages.is_empty() {
        out.note = Some(match (&opened, &words) {
            (_, Some(Err(note))) => note.clone(),
            (Err(reason), _) => format!("The source file could not be drawn ({reason})."),
            _ => "The source file has no pages to show.".into(),
        });
    }
    out.rendered = drawn.len();
    out.reused = kept.len();
    Ok(out)
}

/// The page's words as SVG text, each at its box (page coordinates).
fn words_svg(page: &Page) -> String {
    let mut svg = String::new();
    for word in page.words() {
        let Some(b) = word.bbox else { continue };
        let size = (b.bottom - b.top).max(1.0) * 0.8;
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="{size:.1}" textLength="{:.1}" lengthAdjust="spacingAndGlyphs">{}</text>"#,
            b.x0,
            b.bottom - (b.bottom - b.top) * 0.2,
            (b.x1 - b.x0).max(0.5),
            esc(&word.text)
        );
    }
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transcript_is_shown_as_the_text_of_its_pages() {
        let dir = tempfile::tempdir().unwrap();
        let text = "ÅRSRAPPORT 2012\nKommune: Moss\n\u{c}Side to\n";
        let pages = prepare("0123456789abcdef", text.as_bytes(), false, dir.path()).unwrap();
        assert_eq!(pages.pages.len(), 2);
        match &pages.pages[0].look {
            Look::Text(t) => assert!(t.contains("Kommune: Moss"), "{t}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(pages.rendered, 0);
    }

    #[test]
    fn a_file_that_cannot_be_read_again_is_a_note_not_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let pages = prepare("0123456789abcdef", b"%PDF-1.4\ngarbage", true, dir.path()).unwrap();
        assert!(pages.pages.is_empty());
        assert!(pages.note.unwrap().contains("could not be read again"));
    }
}
