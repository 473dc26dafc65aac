//! Any bytes through the plain-text input (and the content sniffing).
#![no_main]

use libfuzzer_sys::fuzz_target;
use skjema_extractor::{extract, ExtractOptions};

fuzz_target!(|data: &[u8]| {
    let _ = extract(data, &ExtractOptions::default());
});
