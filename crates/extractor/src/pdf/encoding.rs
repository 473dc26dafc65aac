//! Simple-font encodings: the standard base encodings and glyph names
//! (PDF 32000-1, 9.6.6 and Annex D).
//!
//! lopdf carries the encoding tables and the Adobe Glyph List but keeps
//! them private; its public `Dictionary::get_font_encoding` reaches them,
//! so the tables are read out once per process through it.

use std::sync::LazyLock;

use lopdf::{Dictionary, Document as PdfDoc, Object};

/// One base encoding: the text of each code (empty when undefined).
pub(crate) type Table = [Option<char>; 256];

fn font_with_encoding(encoding: Object) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"Font".to_vec()));
    d.set("Encoding", encoding);
    d
}

fn read_table(name: &[u8]) -> Table {
    let doc = PdfDoc::new();
    let font = font_with_encoding(Object::Name(name.to_vec()));
    let mut table = [None; 256];
    if let Ok(enc) = font.get_font_encoding(&doc) {
        for (code, slot) in table.iter_mut().enumerate() {
            if let Ok(s) = enc.bytes_to_string(&[code as u8]) {
                let mut chars = s.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    *slot = Some(c);
                }
            }
        }
    }
    table
}

pub(crate) static STANDARD: LazyLock<Table> = LazyLock::new(|| read_table(b"StandardEncoding"));
pub(crate) static WIN_ANSI: LazyLock<Table> = LazyLock::new(|| read_table(b"WinAnsiEncoding"));
pub(crate) static MAC_ROMAN: LazyLock<Table> = LazyLock::new(|| read_table(b"MacRomanEncoding"));
pub(crate) static MAC_EXPERT: LazyLock<Table> = LazyLock::new(|| read_table(b"MacExpertEncoding"));

/// The base encoding of a name, if it is one.
pub(crate) fn base(name: &[u8]) -> Option<&'static Table> {
    Some(match name {
        b"StandardEncoding" => &STANDARD,
        b"WinAnsiEncoding" => &WIN_ANSI,
        b"MacRomanEncoding" => &MAC_ROMAN,
        b"MacExpertEncoding" => &MAC_EXPERT,
        _ => return None,
    })
}

/// A glyph name in the Adobe Glyph List, through lopdf's table.
fn agl_lookup(name: &[u8]) -> Option<char> {
    let doc = PdfDoc::new();
    let mut enc = Dictionary::new();
    enc.set("Type", Object::Name(b"Encoding".to_vec()));
    enc.set(
        "Differences",
        Object::Array(vec![Object::Integer(0), Object::Name(name.to_vec())]),
    );
    let font = font_with_encoding(Object::Dictionary(enc));
    let s = font
        .get_font_encoding(&doc)
        .ok()?
        .bytes_to_string(&[0])
        .ok()?;
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

fn hex_units(hex: &[u8]) -> Option<u32> {
    let s = std::str::from_utf8(hex).ok()?;
    u32::from_str_radix(s, 16).ok()
}

/// The Unicode text of a glyph name (Adobe Glyph List specification:
/// suffixes after a period dropped, ligatures joined with `_`, `uniXXXX`
/// and `uXXXX[XX]` names), or `None` for names without a meaning.
pub(crate) fn glyph_to_unicode(name: &[u8]) -> Option<Box<str>> {
    let base = name.split(|&b| b == b'.').next().unwrap_or_default();
    if base.is_empty() || base.len() > 64 {
        return None;
    }
    if base.contains(&b'_') {
        let mut out = String::new();
        for part in base.split(|&b| b == b'_') {
            out.push_str(&glyph_to_unicode(part)?);
        }
        return Some(out.into_boxed_str());
    }
    if let Some(hex) = base.strip_prefix(b"uni") {
        if !hex.is_empty() && hex.len() % 4 == 0 {
            let mut out = String::new();
            let mut units = Vec::new();
            for chunk in hex.chunks(4) {
                units.push(hex_units(chunk)? as u16);
            }
            super::cmap::utf16_to_string(&units, &mut out);
            if !out.is_empty() {
                return Some(out.into_boxed_str());
            }
        }
    }
    if let Some(hex) = base.strip_prefix(b"u") {
        if (4..=6).contains(&hex.len()) {
            if let Some(c) = hex_units(hex).and_then(char::from_u32) {
                return Some(c.to_string().into_boxed_str());
            }
        }
    }
    agl_lookup(base).map(|c| c.to_string().into_boxed_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_tables_come_from_lopdf() {
        assert_eq!(WIN_ANSI[b'A' as usize], Some('A'));
        assert_eq!(WIN_ANSI[0xE5], Some('å'));
        assert_eq!(WIN_ANSI[0x80], Some('€'));
        assert_eq!(MAC_ROMAN[0x8C], Some('å'));
        assert_eq!(STANDARD[0x27], Some('’'));
        assert_eq!(STANDARD[0xE5], None);
    }

    #[test]
    fn glyph_names() {
        let g = |n: &str| glyph_to_unicode(n.as_bytes()).map(|s| s.to_string());
        assert_eq!(g("oslash").as_deref(), Some("ø"));
        assert_eq!(g("Aring").as_deref(), Some("Å"));
        assert_eq!(g("uni00E6").as_deref(), Some("æ"));
        assert_eq!(g("uni00660069").as_deref(), Some("fi"));
        assert_eq!(g("u1F600").as_deref(), Some("😀"));
        assert_eq!(g("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(g("a.sc").as_deref(), Some("a"));
        assert_eq!(g("g123"), None);
        assert_eq!(g(".notdef"), None);
    }
}
