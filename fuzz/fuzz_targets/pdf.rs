//! Any bytes through the PDF layer: must return (a document or an error),
//! never panic (libfuzzer-sys aborts on any panic, caught or not) or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use skjema_extractor::{extract, ExtractOptions};

fuzz_target!(|data: &[u8]| {
    let options = ExtractOptions {
        max_pages: 8,
        ..ExtractOptions::default()
    };
    // Force the PDF path even when the mutation broke the header.
    let mut bytes = Vec::with_capacity(data.len() + 9);
    if !data.starts_with(b"%PDF-") {
        bytes.extend_from_slice(b"%PDF-1.7\n");
    }
    bytes.extend_from_slice(data);
    let _ = extract(&bytes, &options);
});
