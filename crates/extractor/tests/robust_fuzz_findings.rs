//! Inputs the fuzz targets found to panic inside the PDF reader. A caught
//! panic becomes a `PageFailed` problem naming "the PDF reader failed"; these
//! inputs must not produce one any more.

use skjema_extractor::{extract, ExtractOptions, ProblemKind};

fn reader_panics(bytes: &[u8]) -> Vec<String> {
    match extract(bytes, &ExtractOptions::default()) {
        Ok(doc) => doc
            .problems
            .iter()
            .chain(doc.pages.iter().flat_map(|p| p.problems.iter()))
            .filter(|p| {
                p.kind == ProblemKind::PageFailed && p.message.contains("PDF reader failed")
            })
            .map(|p| p.message.clone())
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn dangling_object_reference_is_read_as_null() {
    let bytes = include_bytes!("data/fuzz/text-dangling-reference.bin");
    let panics = reader_panics(bytes);
    assert!(panics.is_empty(), "{panics:?}");
}

/// The `pdf` target's first find: a ToUnicode CMap whose range panicked
/// in `adobe-cmap-parser` (lib.rs:213), back when pdf-extract read fonts.
/// The interpreter's own CMap parser skips the bad range.
#[test]
fn malformed_cmap_range_is_skipped() {
    let panics = reader_panics(include_bytes!("data/fuzz/pdf-cmap-bad-range.bin"));
    assert!(panics.is_empty(), "{panics:?}");
}
