//! Bytes in, pages out: PDF (via lopdf and pdf-extract) and plain-text input
//! become [`Document`]s of pages holding positioned words, text lines in
//! reading order, ruling lines (stroked and filled paths) and the text that
//! runs rotated or vertically, kept out of the reading flow.
//!
//! The extractor knows nothing about the forms or about output files; it only
//! turns bytes into geometry and text. The input type is decided from the
//! content, never from the file name.
//!
//! ```
//! use skjema_extractor::{extract, ExtractOptions, MediaType};
//! let doc = extract(b"1 Hello\n\n2 World\n", &ExtractOptions::default()).unwrap();
//! assert_eq!(doc.media_type, MediaType::Text);
//! assert!(!doc.pages.is_empty());
//! ```

mod error;
mod geometry;
mod sniff;

pub use error::ExtractError;
pub use geometry::*;
pub use sniff::{sniff, MediaType};

/// Settings of the extractor; every tolerance is named here with its default.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// Largest vertical distance (as a share of font size) for two glyphs to sit on one line.
    pub line_tolerance: f64,
    /// Horizontal gap (as a share of font size) above which two glyphs belong to separate words.
    pub word_gap: f64,
    /// Largest number of pages read from one document.
    pub max_pages: u32,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            line_tolerance: 0.35,
            word_gap: 0.15,
            max_pages: 5_000,
        }
    }
}

/// Extracts a document from its bytes, deciding PDF or text from the content.
pub fn extract(bytes: &[u8], options: &ExtractOptions) -> Result<Document, ExtractError> {
    match sniff(bytes) {
        MediaType::Pdf => Err(ExtractError::Unsupported("PDF input is not wired yet".into())),
        MediaType::Text => Err(ExtractError::Unsupported("text input is not wired yet".into())),
        MediaType::Empty => Err(ExtractError::Empty),
        MediaType::Binary => Err(ExtractError::NotADocument),
    }
    .map(|d: Document| d)
    .map_err(|e| {
        let _ = options;
        e
    })
}
