//! Any string through the value parsers of the normalizer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use skjema_normalizer::values::{parse_date, parse_emails, parse_number, parse_phones};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_number(text);
    let _ = parse_date(text, Some(2012));
    let _ = parse_date(text, None);
    let _ = parse_phones(text);
    let _ = parse_emails(text);
});
