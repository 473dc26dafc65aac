//! Bytes in, pages out: PDF (lopdf and our own content interpreter) and plain-text input
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

mod anchor_cuts;
mod bench_format;
pub mod budget;
mod captions;
mod columns;
mod continued;
mod debug_svg;
mod error;
mod fast_hash;
mod fragments;
mod garbled;
mod geometry;
mod gutter;
mod key_value;
mod label_rows;
mod lattice;
mod lattice_checks;
mod layout;
mod page_builder;
mod pdf;
mod rotated;
mod row_bands;
mod ruled_rows;
mod shaded_header;
mod shadows;
mod size_split;
mod sniff;
mod stream;
mod table_checks;
#[cfg(test)]
mod test_words;
mod text_input;
mod title_split;

pub use bench_format::{table_rows, tables_prediction};
pub use columns::ColumnTolerances;
pub use continued::{merge_continued, merge_continued_with, ContinuedTolerances, MergedTable};
pub use debug_svg::page_svg;
pub use error::ExtractError;
pub use geometry::*;
pub use key_value::{is_key_value_table, reported_tables};
pub use lattice::LatticeTolerances;
pub use page_builder::table_engine_time;
pub use sniff::{sniff, MediaType};
pub use stream::StreamTolerances;

/// Settings of the extractor; every tolerance is named here with its default.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// Largest vertical distance (as a share of font size) for two glyphs to sit on one line.
    pub line_tolerance: f64,
    /// Horizontal gap (as a share of font size) above which two glyphs belong to separate words.
    pub word_gap: f64,
    /// Largest number of pages read from one document; later pages are
    /// skipped with a `limit_reached` problem.
    pub max_pages: u32,
    /// Largest number of objects a PDF may hold; a larger one is refused as
    /// `unsupported` (a guard against files built to exhaust memory).
    pub max_objects: usize,
    /// Largest decompressed size (bytes) of one content stream (page or
    /// form XObject); a larger stream is skipped with a `limit_reached`
    /// problem.
    pub max_stream_bytes: usize,
    /// Longest chain of indirect references, `/Parent` links or nested form
    /// XObjects followed; deeper chains and cycles are cut.
    pub max_ref_depth: u32,
    /// Largest number of content-stream operations read per page (form
    /// XObjects and annotation appearances included); the rest of the page
    /// is skipped with a `limit_reached` problem.
    pub max_ops_per_page: usize,
    /// Parallel rulings closer than this (points) are one line (double borders).
    pub snap_tolerance: f64,
    /// Collinear rulings with a gap up to this (points) are joined.
    pub join_tolerance: f64,
    /// A horizontal and a vertical ruling this close (points) meet.
    pub intersection_tolerance: f64,
    /// A filled rectangle at most this thick (points) is a line, not a box.
    pub thin_fill: f64,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            line_tolerance: 0.35,
            word_gap: 0.15,
            max_pages: 5_000,
            max_objects: 2_000_000,
            max_stream_bytes: 64 << 20,
            max_ref_depth: 32,
            max_ops_per_page: 1_000_000,
            snap_tolerance: 3.0,
            join_tolerance: 3.0,
            intersection_tolerance: 3.0,
            thin_fill: 2.0,
        }
    }
}

impl ExtractOptions {
    /// The table-detection tolerances.
    pub fn lattice(&self) -> LatticeTolerances {
        LatticeTolerances {
            snap: self.snap_tolerance,
            join: self.join_tolerance,
            intersection: self.intersection_tolerance,
            min_length: 1.0,
        }
    }
}

/// Extracts a PDF through the object store, telling why it had to read the
/// file tolerantly (`None`: it read it strictly), or (`force_lopdf`)
/// through lopdf's whole-file load, which is not bounded. For comparing
/// the two readers; not an API.
#[doc(hidden)]
pub fn extract_pdf_with(
    bytes: &[u8],
    options: &ExtractOptions,
    force_lopdf: bool,
) -> (Result<Document, ExtractError>, Option<String>) {
    pdf::extract_pdf_with(bytes, options, force_lopdf)
}

/// Extracts a document from its bytes, deciding PDF or text from the
/// content. Under a [`budget::Budget`] (entered by the caller), a document
/// over its time or memory gives [`ExtractError::OverBudget`].
pub fn extract(bytes: &[u8], options: &ExtractOptions) -> Result<Document, ExtractError> {
    let result = match sniff(bytes) {
        MediaType::Pdf => pdf::extract_pdf(bytes, options),
        MediaType::Text => Ok(text_input::extract_text(bytes, options.max_pages)),
        MediaType::Empty => Err(ExtractError::Empty),
        MediaType::Binary => Err(ExtractError::NotADocument),
    };
    match budget::exceeded() {
        Some(over) => Err(ExtractError::OverBudget(over)),
        None => result,
    }
}
