//! Deciding the input type from the content.

/// What kind of input a byte string holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum MediaType {
    /// A PDF (starts with `%PDF-` within the first KiB).
    Pdf,
    /// Text: UTF-8, UTF-16 with a byte-order mark, or Windows-1252.
    Text,
    /// No bytes, or only whitespace.
    Empty,
    /// Binary data that is not a PDF.
    Binary,
}

impl MediaType {
    /// The IANA media type.
    pub fn as_mime(self) -> &'static str {
        match self {
            MediaType::Pdf => "application/pdf",
            MediaType::Text => "text/plain",
            MediaType::Empty | MediaType::Binary => "application/octet-stream",
        }
    }
}

/// Decides the media type of `bytes` from their content.
pub fn sniff(bytes: &[u8]) -> MediaType {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return MediaType::Empty;
    }
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return MediaType::Pdf;
    }
    if crate::text_input::is_utf16(bytes) {
        return MediaType::Text;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if controls * 100 > sample.len().max(1) {
        return MediaType::Binary;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => MediaType::Text,
        // A cut inside the last multi-byte character of the sample is fine.
        Err(e) if e.valid_up_to() + 4 >= sample.len() => MediaType::Text,
        Err(_) => {
            // Latin-1 text has high bytes but few controls; binary has many.
            let high = sample.iter().filter(|&&b| b >= 0x80).count();
            if high * 10 < sample.len() {
                MediaType::Text
            } else {
                MediaType::Binary
            }
        }
    }
}
