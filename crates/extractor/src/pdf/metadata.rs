//! The information dictionary: PDF text strings and dates made readable.

use lopdf::{Dictionary, Object};

use super::objects::Objects;
use crate::geometry::Metadata;

/// Reads Producer, Creator, Title and CreationDate from the trailer's
/// `/Info`.
pub(crate) fn read<'a>(trailer: &'a Dictionary, objs: &Objects<'a>) -> Metadata {
    let info = trailer
        .get(b"Info")
        .ok()
        .and_then(|o| match objs.resolve(o)? {
            Object::Dictionary(d) => Some(d),
            _ => None,
        });
    let Some(info) = info else {
        return Metadata::default();
    };
    let field = |key: &[u8]| -> Option<String> {
        match objs.resolve(info.get(key).ok()?)? {
            Object::String(bytes, _) => {
                let s = decode_text_string(bytes);
                let s = s.trim().to_owned();
                (!s.is_empty()).then_some(s)
            }
            _ => None,
        }
    };
    Metadata {
        producer: field(b"Producer"),
        creator: field(b"Creator"),
        title: field(b"Title"),
        created: field(b"CreationDate").and_then(|d| pdf_date_to_iso(&d)),
        encrypted: false,
    }
}

/// PDF text strings are UTF-16BE with a byte-order mark, UTF-8 with a BOM
/// (PDF 2.0) or PDFDocEncoding.
pub(crate) fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| {
                u16::from_be_bytes([
                    c.first().copied().unwrap_or(0),
                    c.get(1).copied().unwrap_or(0),
                ])
            })
            .collect();
        return String::from_utf16_lossy(&units).replace('\u{0}', "");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().filter_map(|&b| pdf_doc_char(b)).collect()
}

/// PDFDocEncoding: Latin-1 except 0x18–0x1F and 0x80–0x9F (Annex D).
fn pdf_doc_char(b: u8) -> Option<char> {
    const HIGH: [char; 32] = [
        '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚',
        '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{FFFD}',
    ];
    const LOW: [char; 8] = ['˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜'];
    match b {
        0 => None,
        0x18..=0x1F => LOW.get((b - 0x18) as usize).copied(),
        0x80..=0x9F => HIGH.get((b - 0x80) as usize).copied(),
        0xA0 => Some('\u{A0}'),
        0xAD => None,
        _ => Some(b as char),
    }
}

/// "D:20130322101112+01'00'" → "2013-03-22T10:11:12"; shorter dates keep
/// their precision ("D:201303" → "2013-03"). The time zone is dropped: the
/// reports are all Norwegian local time.
pub(crate) fn pdf_date_to_iso(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    let part = |from: usize, len: usize| digits.get(from..from + len);
    let year = part(0, 4)?;
    let mut out = year.to_owned();
    let Some(month) = part(4, 2) else {
        return Some(out);
    };
    if !(1..=12).contains(&month.parse::<u32>().ok()?) {
        return Some(out);
    }
    out.push('-');
    out.push_str(month);
    let Some(day) = part(6, 2) else {
        return Some(out);
    };
    if !(1..=31).contains(&day.parse::<u32>().ok()?) {
        return Some(out);
    }
    out.push('-');
    out.push_str(day);
    let Some(hour) = part(8, 2) else {
        return Some(out);
    };
    let minute = part(10, 2).unwrap_or("00");
    let second = part(12, 2).unwrap_or("00");
    out.push_str(&format!("T{hour}:{minute}:{second}"));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            pdf_date_to_iso("D:20130322101112+01'00'").as_deref(),
            Some("2013-03-22T10:11:12")
        );
        assert_eq!(pdf_date_to_iso("D:20130322").as_deref(), Some("2013-03-22"));
        assert_eq!(pdf_date_to_iso("D:201303").as_deref(), Some("2013-03"));
        assert_eq!(pdf_date_to_iso("2011").as_deref(), Some("2011"));
        assert_eq!(
            pdf_date_to_iso("D:2013032210").as_deref(),
            Some("2013-03-22T10:00:00")
        );
        assert_eq!(pdf_date_to_iso("garbage"), None);
    }

    #[test]
    fn text_strings() {
        assert_eq!(decode_text_string(b"\xFE\xFF\x00\xC6\x00r"), "Ær");
        assert_eq!(
            decode_text_string(b"Microsoft\xAE Word \xF8"),
            "Microsoft® Word ø"
        );
        assert_eq!(decode_text_string(b"\x8Dx\x8E"), "“x”");
    }
}
