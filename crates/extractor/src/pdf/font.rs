//! Fonts as the interpreter needs them: how a string splits into character
//! codes, the Unicode text and the advance width of each code (PDF 32000-1,
//! 9.5–9.10). A font is loaded once per document and shared by every page
//! that uses it.

use std::cell::Cell;
use std::collections::HashMap;

use lopdf::{Dictionary, Object};

use crate::fast_hash::IntMap;

use super::cmap::{next_code, CMap, CodeRange};
use super::encoding::{self, glyph_to_unicode, Table};
use super::lexer::{Lexer, Operand, Token};
use super::objects::{num, Objects};
use super::unicode_repair::{folded, Repair};

/// How text is found for the codes of a simple font.
#[derive(Debug)]
struct SimpleCodes {
    /// Text of each one-byte code; empty when the font does not say.
    text: Vec<Box<str>>,
    /// Which codes had their text guessed (Latin-1 stand-ins).
    guessed: [bool; 256],
    widths: [f64; 256],
    /// The codes `/Widths` lists (the others have a stand-in width).
    listed: std::ops::Range<u32>,
}

#[derive(Debug)]
struct CompositeCodes {
    codespace: Vec<CodeRange>,
    /// Code → CID; `None` is the identity.
    cids: Option<CMap>,
    /// The codes are UTF-16 (the predefined Uni…-UCS2/UTF16 CMaps).
    utf16: bool,
    /// CID → Unicode read from an embedded TrueType font's cmap.
    cid_text: IntMap<u32, char>,
    /// No Unicode source at all and no embedded program: producers that
    /// leave the font to the viewer mostly write Unicode values as codes,
    /// and poppler reads them so; so do we, flagged as guessed.
    codes_as_unicode: bool,
    widths: IntMap<u32, f64>,
    width_ranges: Vec<(u32, u32, f64)>,
    default_width: f64,
}

#[derive(Debug)]
enum Codes {
    Simple(Box<SimpleCodes>),
    Composite(Box<CompositeCodes>),
}

/// A loaded font.
#[derive(Debug)]
pub(crate) struct Font {
    /// `/BaseFont`, or a placeholder.
    pub name: String,
    codes: Codes,
    to_unicode: Option<CMap>,
    /// Glyph-space units to text space (0.001 except for Type 3 fonts).
    pub scale: f64,
    /// The font's em height relative to an ordinary font (Type 3 fonts
    /// scale it with their `/FontMatrix`).
    pub size_scale: f64,
    /// Set once a code without a Unicode mapping has been shown.
    pub missed_unicode: Cell<bool>,
    /// ToUnicode entries a re-writer damaged, read back.
    repairs: Vec<Repair>,
}

/// Entries read at most from a `/W` array or `/Widths`.
const MAX_WIDTH_ENTRIES: usize = 200_000;

fn latin1_stand_in(code: u8) -> Option<char> {
    matches!(code, 0x20..=0x7e | 0xa0..=0xff).then_some(char::from(code))
}

impl Font {
    /// Loads a font dictionary; never fails (a useless font yields no text).
    pub fn load(objs: &Objects<'_>, dict: &Dictionary) -> Font {
        let name = objs
            .get_name(dict, b"BaseFont")
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_else(|| "(unnamed)".into());
        let to_unicode = objs.get_stream(dict, b"ToUnicode").and_then(|s| {
            let (data, _) = objs.content(s);
            let cmap = CMap::parse(&data);
            cmap.has_unicode().then_some(cmap)
        });
        let subtype = objs.get_name(dict, b"Subtype").unwrap_or_default();
        let mut font = Font {
            name,
            codes: Codes::Composite(Box::default()),
            to_unicode,
            scale: 0.001,
            size_scale: 1.0,
            missed_unicode: Cell::new(false),
            repairs: Vec::new(),
        };
        if subtype == b"Type0" {
            let mut codes = composite(objs, dict, font.to_unicode.is_none());
            // A ToUnicode map that lacks a code says nothing for guessing.
            codes.codes_as_unicode &= font.to_unicode.is_none();
            font.codes = Codes::Composite(Box::new(codes));
        } else {
            if subtype == b"Type3" {
                let m = objs
                    .get_array(dict, b"FontMatrix")
                    .map(|a| objs.numbers(a))
                    .unwrap_or_default();
                if let [a, _, _, d, _, _] = m.as_slice() {
                    if a.abs() > 1e-9 && d.abs() > 1e-9 {
                        font.scale = a.abs();
                        font.size_scale = (d.abs() * 1000.0).clamp(0.01, 100.0);
                    }
                }
            }
            font.codes = Codes::Simple(Box::new(simple(
                objs,
                dict,
                &font.name,
                font.to_unicode.as_ref(),
            )));
        }
        font.repair_folded_ranges();
        font
    }

    /// Reads back ToUnicode range entries whose bytes were folded into one
    /// (see [`folded`]), using the glyphs' widths.
    fn repair_folded_ranges(&mut self) {
        let Some(tu) = &self.to_unicode else { return };
        if !tu.entries().any(|(_, _, t)| folded::could_start_fold(t)) {
            return;
        }
        let glyphs: Vec<folded::Glyph> = tu
            .entries()
            .filter_map(|(code, len, text)| {
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(ch), None) => Some(folded::Glyph {
                        code,
                        len,
                        ch,
                        width: self.stated_width(code, len)?,
                    }),
                    _ => None,
                }
            })
            .collect();
        for (code, len, repair) in folded::repair(&glyphs) {
            let text = repair.fix.text();
            if let Codes::Simple(s) = &mut self.codes {
                if let Some(slot) = s.text.get_mut((code & 0xff) as usize) {
                    *slot = text.into();
                }
            }
            if let Some(tu) = &mut self.to_unicode {
                tu.set_unicode(code, len, text);
            }
            self.repairs.push(repair);
        }
    }

    /// The ToUnicode entries read back from byte-swapped units.
    pub fn unicode_repairs(&self) -> Vec<Repair> {
        let mut all: Vec<Repair> = self
            .to_unicode
            .as_ref()
            .map(|c| c.repairs.clone())
            .unwrap_or_default();
        all.extend(self.repairs.iter().cloned());
        all
    }

    /// The next code of a string: (code, byte length).
    pub fn next_code(&self, bytes: &[u8]) -> (u32, u8) {
        match &self.codes {
            Codes::Simple(_) => (u32::from(bytes.first().copied().unwrap_or(0)), 1),
            Codes::Composite(c) => next_code(&c.codespace, bytes),
        }
    }

    /// Appends the text of a code; false when the font gives none (then
    /// [`Font::missed_unicode`] is set).
    pub fn text(&self, code: u32, len: u8, out: &mut String) -> bool {
        match &self.codes {
            Codes::Simple(s) => {
                let i = (code & 0xff) as usize;
                let t = s.text.get(i).map(|t| &**t).unwrap_or_default();
                if s.guessed.get(i).copied().unwrap_or(false) {
                    self.missed_unicode.set(true);
                }
                out.push_str(t);
                !t.is_empty()
            }
            Codes::Composite(c) => {
                if let Some(tu) = &self.to_unicode {
                    if tu.unicode(code, len, out) {
                        return true;
                    }
                }
                if c.utf16 {
                    let units = if len >= 2 {
                        vec![(code >> 16) as u16, code as u16]
                    } else {
                        vec![code as u16]
                    };
                    let units: Vec<u16> = units.into_iter().filter(|&u| u != 0).collect();
                    super::cmap::utf16_to_string(&units, out);
                    return true;
                }
                let cid = c.cid(code, len);
                if let Some(ch) = c.cid_text.get(&cid) {
                    out.push(*ch);
                    return true;
                }
                self.missed_unicode.set(true);
                match char::from_u32(code).filter(|ch| c.codes_as_unicode && !ch.is_control()) {
                    Some(ch) => {
                        out.push(ch);
                        true
                    }
                    None => false,
                }
            }
        }
    }

    /// The advance width of a code when the font states it (not a default
    /// or stand-in width).
    fn stated_width(&self, code: u32, len: u8) -> Option<f64> {
        let stated = match &self.codes {
            Codes::Simple(s) => s.listed.contains(&(code & 0xff)),
            Codes::Composite(c) => {
                let cid = c.cid(code, len);
                c.widths.contains_key(&cid)
                    || c.width_ranges
                        .iter()
                        .any(|(lo, hi, _)| (*lo..=*hi).contains(&cid))
            }
        };
        stated.then(|| self.width(code, len))
    }

    /// Advance width of a code in text-space units per unit of font size.
    pub fn width(&self, code: u32, len: u8) -> f64 {
        let w = match &self.codes {
            Codes::Simple(s) => s.widths.get((code & 0xff) as usize).copied().unwrap_or(0.0),
            Codes::Composite(c) => {
                let cid = c.cid(code, len);
                match c.widths.get(&cid) {
                    Some(w) => *w,
                    None => c
                        .width_ranges
                        .iter()
                        .find(|(lo, hi, _)| (*lo..=*hi).contains(&cid))
                        .map(|r| r.2)
                        .unwrap_or(c.default_width),
                }
            }
        };
        w * self.scale
    }
}

impl Default for CompositeCodes {
    /// Identity-H: two-byte codes, CID = code, default width 1000.
    fn default() -> Self {
        CompositeCodes {
            codespace: vec![CodeRange {
                lo: 0,
                hi: 0xffff,
                len: 2,
            }],
            cids: None,
            utf16: false,
            cid_text: IntMap::default(),
            codes_as_unicode: false,
            widths: IntMap::default(),
            width_ranges: Vec::new(),
            default_width: 1000.0,
        }
    }
}

impl CompositeCodes {
    fn cid(&self, code: u32, len: u8) -> u32 {
        match &self.cids {
            Some(m) => m.cid(code, len).unwrap_or(code),
            None => code,
        }
    }
}

/// Codespace ranges of the predefined CMap families (PDF 32000-1, 9.7.5.2).
fn predefined_codespace(name: &[u8]) -> Vec<CodeRange> {
    let n = String::from_utf8_lossy(name);
    let r = |lo, hi, len| CodeRange { lo, hi, len };
    if n.contains("RKSJ") {
        vec![
            r(0, 0x80, 1),
            r(0x8140, 0x9ffc, 2),
            r(0xa0, 0xdf, 1),
            r(0xe040, 0xfcfc, 2),
        ]
    } else if n.contains("EUC") || n.contains("GB-") || n.contains("KSC-") {
        vec![r(0, 0x80, 1), r(0x8ea0, 0x8edf, 2), r(0xa1a1, 0xfefe, 2)]
    } else if n.contains("B5")
        || n.contains("ETen")
        || n.contains("HKscs")
        || n.contains("GBK")
        || n.contains("KSCms")
    {
        vec![r(0, 0x80, 1), r(0x8140, 0xfefe, 2)]
    } else if n.contains("UTF32") {
        vec![r(0, 0x10ffff, 4)]
    } else {
        vec![r(0, 0xffff, 2)]
    }
}

fn composite(objs: &Objects<'_>, dict: &Dictionary, needs_unicode: bool) -> CompositeCodes {
    let mut c = CompositeCodes::default();
    match objs.get(dict, b"Encoding") {
        Some(Object::Name(n)) if n == b"Identity-H" || n == b"Identity-V" => {}
        Some(Object::Name(n)) => {
            c.codespace = predefined_codespace(n);
            c.utf16 = n.starts_with(b"Uni")
                && (n.windows(4).any(|w| w == b"UCS2") || n.windows(5).any(|w| w == b"UTF16"));
        }
        Some(Object::Stream(s)) => {
            let (data, _) = objs.content(s);
            let cmap = CMap::parse(&data);
            if !cmap.codespace.is_empty() {
                c.codespace = cmap.codespace.clone();
            } else if let Some(used) = &cmap.uses {
                c.codespace = predefined_codespace(used);
            }
            if cmap.has_cids() {
                c.cids = Some(cmap);
            }
        }
        _ => {}
    }
    let descendant = objs
        .get_array(dict, b"DescendantFonts")
        .and_then(|a| a.first())
        .and_then(|d| objs.dict(d))
        .or_else(|| objs.get_dict(dict, b"DescendantFonts"));
    let Some(desc) = descendant else { return c };
    if let Some(dw) = objs.get_num(desc, b"DW") {
        c.default_width = dw;
    }
    if let Some(w) = objs.get_array(desc, b"W") {
        read_cid_widths(objs, w, &mut c);
    }
    if needs_unicode && !c.utf16 {
        c.cid_text = truetype_cid_text(objs, desc);
    }
    let embedded = objs.get_dict(desc, b"FontDescriptor").is_some_and(|fd| {
        [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| fd.has(k))
    });
    c.codes_as_unicode = !embedded && !c.utf16 && c.cids.is_none() && c.cid_text.is_empty();
    c
}

/// `/W`: `c [w1 w2 …]` and `c_first c_last w` entries.
fn read_cid_widths(objs: &Objects<'_>, w: &[Object], c: &mut CompositeCodes) {
    let mut i = 0;
    let mut entries = 0usize;
    while let Some(first) = w.get(i).and_then(|o| objs.resolve(o)).and_then(num) {
        let first = first.max(0.0) as u32;
        match w.get(i + 1).and_then(|o| objs.resolve(o)) {
            Some(Object::Array(list)) => {
                for (k, wo) in list.iter().enumerate() {
                    if let Some(width) = objs.resolve(wo).and_then(num) {
                        c.widths.insert(first.saturating_add(k as u32), width);
                    }
                    entries += 1;
                }
                i += 2;
            }
            Some(o) => {
                let last = num(o);
                let width = w.get(i + 2).and_then(|o| objs.resolve(o)).and_then(num);
                if let (Some(last), Some(width)) = (last, width) {
                    c.width_ranges.push((first, last.max(0.0) as u32, width));
                }
                entries += 1;
                i += 3;
            }
            None => break,
        }
        if entries > MAX_WIDTH_ENTRIES {
            break;
        }
    }
}

/// CID → Unicode from an embedded TrueType program's Unicode cmap, for
/// CID fonts without a `/ToUnicode` map (as poppler does).
fn truetype_cid_text(objs: &Objects<'_>, desc: &Dictionary) -> IntMap<u32, char> {
    let mut out = IntMap::default();
    let Some(fd) = objs.get_dict(desc, b"FontDescriptor") else {
        return out;
    };
    let Some(file) = objs.get_stream(fd, b"FontFile2") else {
        return out;
    };
    let (data, _) = objs.content(file);
    let Ok(face) = ttf_parser::Face::parse(&data, 0) else {
        return out;
    };
    let mut gid_text: HashMap<u16, char> = HashMap::new();
    if let Some(cmap) = face.tables().cmap {
        // Ask each Unicode subtable about every BMP code point instead of
        // letting it enumerate its ranges: a hostile table can declare
        // billions of code points, this loop is bounded.
        for sub in cmap
            .subtables
            .into_iter()
            .filter(|s| s.is_unicode())
            .take(4)
        {
            for cp in 0x20u32..=0xFFFF {
                if let (Some(g), Some(ch)) = (sub.glyph_index(cp), char::from_u32(cp)) {
                    gid_text.entry(g.0).or_insert(ch);
                }
            }
        }
    }
    if gid_text.is_empty() {
        return out;
    }
    // CID → GID: the identity, or a table of big-endian u16.
    match objs.get(desc, b"CIDToGIDMap") {
        Some(Object::Stream(s)) => {
            let (map, _) = objs.content(s);
            for (cid, pair) in map.chunks_exact(2).enumerate() {
                if let [hi, lo] = pair {
                    if let Some(ch) = gid_text.get(&u16::from_be_bytes([*hi, *lo])) {
                        out.insert(cid as u32, *ch);
                    }
                }
            }
        }
        _ => {
            for (g, ch) in gid_text {
                out.insert(u32::from(g), ch);
            }
        }
    }
    out
}

/// The `dup <code> /<name> put` entries of an embedded Type 1 program's
/// built-in encoding (its clear-text part).
fn type1_builtin(objs: &Objects<'_>, fd: &Dictionary) -> Option<Vec<(u8, Box<str>)>> {
    let file = objs.get_stream(fd, b"FontFile")?;
    let (data, _) = objs.content(file);
    let clear_len = objs
        .get_num(&file.dict, b"Length1")
        .map(|l| l.max(0.0) as usize)
        .unwrap_or(data.len())
        .min(data.len());
    let clear = data.get(..clear_len).unwrap_or_default();
    let mut lexer = Lexer::new(clear);
    let mut window: Vec<Token> = Vec::new();
    let mut out = Vec::new();
    while let Some(t) = lexer.next_token() {
        if t == Token::Keyword(b"eexec") {
            break;
        }
        if t == Token::Keyword(b"put") {
            if let [Token::Keyword(b"dup"), Token::Operand(Operand::Number(code)), Token::Operand(Operand::Name(name))] =
                window.as_slice()
            {
                if (0.0..=255.0).contains(code) {
                    if let Some(text) = glyph_to_unicode(name) {
                        out.push((*code as u8, text));
                    }
                }
            }
        }
        window.push(t);
        if window.len() > 3 {
            window.remove(0);
        }
    }
    (!out.is_empty()).then_some(out)
}

fn simple(
    objs: &Objects<'_>,
    dict: &Dictionary,
    name: &str,
    to_unicode: Option<&CMap>,
) -> SimpleCodes {
    let fd = objs.get_dict(dict, b"FontDescriptor");
    let flags = fd.and_then(|d| objs.get_num(d, b"Flags")).unwrap_or(0.0) as i64;
    let symbolic = flags & 4 != 0 && flags & 32 == 0;
    let bare = name.rsplit('+').next().unwrap_or(name);
    let symbol_font = bare.starts_with("Symbol") || bare.starts_with("ZapfDingbats");

    // Base encoding, then Differences on top.
    let mut names: Vec<Option<Box<str>>> = vec![None; 256];
    let mut base: Option<&'static Table> = None;
    let mut differences: Option<&[Object]> = None;
    match objs.get(dict, b"Encoding") {
        Some(Object::Name(n)) => base = encoding::base(n),
        Some(Object::Dictionary(e)) => {
            base = objs.get_name(e, b"BaseEncoding").and_then(encoding::base);
            differences = objs.get_array(e, b"Differences");
        }
        _ => {}
    }
    // The program's own encoding matters only without a named base one.
    let builtin = base
        .is_none()
        .then(|| fd.and_then(|d| type1_builtin(objs, d)))
        .flatten();
    if base.is_none() {
        if let Some(entries) = &builtin {
            for (code, text) in entries {
                if let Some(slot) = names.get_mut(usize::from(*code)) {
                    *slot = Some(text.clone());
                }
            }
        } else if !(symbolic || symbol_font) {
            base = Some(&encoding::STANDARD);
        }
    }
    if let Some(table) = base {
        for (slot, ch) in names.iter_mut().zip(table.iter()) {
            if slot.is_none() {
                *slot = ch.map(|c| c.to_string().into_boxed_str());
            }
        }
    }
    if let Some(diffs) = differences {
        let mut code: i64 = 0;
        for o in diffs.iter().take(4096) {
            match objs.resolve(o) {
                Some(Object::Integer(i)) => code = *i,
                Some(Object::Name(n)) => {
                    if let Some(slot) = usize::try_from(code).ok().and_then(|c| names.get_mut(c)) {
                        *slot = glyph_to_unicode(n);
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }

    let mut text = Vec::with_capacity(256);
    let mut guessed = [false; 256];
    let mut scratch = String::new();
    for code in 0..=255u8 {
        scratch.clear();
        if let Some(tu) = to_unicode {
            if tu.unicode(u32::from(code), 1, &mut scratch) {
                text.push(scratch.clone().into_boxed_str());
                continue;
            }
        }
        if let Some(Some(t)) = names.get(usize::from(code)) {
            text.push(t.clone());
            continue;
        }
        match latin1_stand_in(code) {
            Some(c) => {
                text.push(c.to_string().into_boxed_str());
                if let Some(g) = guessed.get_mut(usize::from(code)) {
                    *g = true;
                }
            }
            None => text.push(Box::from("")),
        }
    }
    let widths = simple_widths(objs, dict, fd, bare, &text);
    let listed = match objs.get_array(dict, b"Widths") {
        Some(list) => {
            let first = objs
                .get_num(dict, b"FirstChar")
                .unwrap_or(0.0)
                .clamp(0.0, 256.0) as u32;
            first..first.saturating_add(list.len().min(256) as u32)
        }
        None => 0..0,
    };
    SimpleCodes {
        text,
        guessed,
        widths,
        listed,
    }
}

fn simple_widths(
    objs: &Objects<'_>,
    dict: &Dictionary,
    fd: Option<&Dictionary>,
    bare: &str,
    text: &[Box<str>],
) -> [f64; 256] {
    let missing = fd.and_then(|d| objs.get_num(d, b"MissingWidth"));
    let mut widths = [f64::NAN; 256];
    if let Some(list) = objs.get_array(dict, b"Widths") {
        let first = objs.get_num(dict, b"FirstChar").unwrap_or(0.0).max(0.0) as usize;
        for (k, w) in list.iter().enumerate().take(256) {
            if let (Some(slot), Some(w)) =
                (widths.get_mut(first + k), objs.resolve(w).and_then(num))
            {
                *slot = w;
            }
        }
    }
    // No width: the descriptor's MissingWidth, else a stand-in for the
    // standard fonts (whose metrics are not embedded here): a fixed pitch
    // for Courier, average widths otherwise.
    let fallback = missing.filter(|m| *m > 0.0).unwrap_or_else(|| {
        if bare.starts_with("Courier") {
            600.0
        } else {
            fd.and_then(|d| objs.get_num(d, b"AvgWidth"))
                .filter(|w| *w > 0.0)
                .unwrap_or(500.0)
        }
    });
    let has_widths = widths.iter().any(|w| !w.is_nan());
    if !has_widths {
        if let Some(std) = super::std14::widths(bare) {
            for (w, t) in widths.iter_mut().zip(text) {
                let mut chars = t.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    if let Some(sw) = std.get(&c) {
                        *w = *sw;
                    }
                }
            }
        }
    }
    for (code, w) in widths.iter_mut().enumerate() {
        if w.is_nan() {
            *w = if !has_widths && code == 32 && !bare.starts_with("Courier") {
                250.0
            } else if has_widths {
                missing.unwrap_or(0.0)
            } else {
                fallback
            };
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Document as PdfDoc, Stream};

    fn objs(doc: &PdfDoc) -> Objects<'_> {
        Objects {
            doc,
            max_depth: 32,
            max_stream_bytes: 1 << 20,
        }
    }

    fn name(s: &str) -> Object {
        Object::Name(s.as_bytes().to_vec())
    }

    fn text_of(font: &Font, bytes: &[u8]) -> String {
        let mut out = String::new();
        let mut rest = bytes;
        while !rest.is_empty() {
            let (code, len) = font.next_code(rest);
            font.text(code, len, &mut out);
            rest = rest.get(usize::from(len)..).unwrap_or_default();
        }
        out
    }

    #[test]
    fn simple_font_with_differences_and_widths() {
        let doc = PdfDoc::new();
        let mut enc = Dictionary::new();
        enc.set("BaseEncoding", name("WinAnsiEncoding"));
        enc.set(
            "Differences",
            Object::Array(vec![Object::Integer(65), name("oslash"), name("uni00E6")]),
        );
        let mut f = Dictionary::new();
        f.set("Subtype", name("TrueType"));
        f.set("BaseFont", name("ABCDEF+Arial"));
        f.set("Encoding", Object::Dictionary(enc));
        f.set("FirstChar", Object::Integer(65));
        f.set(
            "Widths",
            Object::Array(vec![Object::Integer(400), Object::Real(550.0)]),
        );
        let font = Font::load(&objs(&doc), &f);
        assert_eq!(text_of(&font, b"ABC\xe5"), "øæCå");
        assert!((font.width(65, 1) - 0.4).abs() < 1e-9);
        assert!((font.width(66, 1) - 0.55).abs() < 1e-9);
        assert_eq!(font.width(67, 1), 0.0);
        assert!(!font.missed_unicode.get());
    }

    #[test]
    fn composite_font_with_to_unicode_and_w_array() {
        let mut doc = PdfDoc::new();
        let tu = doc.add_object(Stream::new(
            Dictionary::new(),
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0005> <0048> <0006> <00E5> endbfchar".to_vec(),
        ));
        let mut desc = Dictionary::new();
        desc.set("Subtype", name("CIDFontType2"));
        desc.set("DW", Object::Integer(700));
        desc.set(
            "W",
            Object::Array(vec![
                Object::Integer(5),
                Object::Array(vec![Object::Integer(600)]),
                Object::Integer(10),
                Object::Integer(20),
                Object::Integer(300),
            ]),
        );
        let mut f = Dictionary::new();
        f.set("Subtype", name("Type0"));
        f.set("Encoding", name("Identity-H"));
        f.set("ToUnicode", Object::Reference(tu));
        f.set(
            "DescendantFonts",
            Object::Array(vec![Object::Dictionary(desc)]),
        );
        let font = Font::load(&objs(&doc), &f);
        assert_eq!(text_of(&font, &[0, 5, 0, 6]), "Hå");
        assert!((font.width(5, 2) - 0.6).abs() < 1e-9);
        assert!((font.width(15, 2) - 0.3).abs() < 1e-9);
        assert!((font.width(9, 2) - 0.7).abs() < 1e-9);
        assert!(!font.missed_unicode.get());
        let mut out = String::new();
        assert!(!font.text(99, 2, &mut out));
        assert!(font.missed_unicode.get());
    }

    /// A CID font as Ghostscript re-writes Chromium's DejaVu Serif: f i l u
    /// and the ligatures ﬀ ﬁ (CIDs 3314, 3315) whose range entry was folded
    /// to û ü; `listed` says whether /W states the ligatures' widths.
    fn folded_font(listed: bool) -> Font {
        let mut doc = PdfDoc::new();
        let tu = doc.add_object(Stream::new(
            Dictionary::new(),
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange 6 beginbfrange
              <0049> <0049> <0066> <004c> <004c> <0069> <004f> <004f> <006c>
              <0058> <0058> <0075> <0cf2> <0cf2> <00fb> <0cf3> <0cf3> <00fc> endbfrange"
                .to_vec(),
        ));
        let mut w = vec![
            Object::Integer(73),
            Object::Array(vec![Object::Integer(370)]),
            Object::Integer(76),
            Object::Array(vec![Object::Integer(320)]),
            Object::Integer(79),
            Object::Array(vec![Object::Integer(320)]),
            Object::Integer(88),
            Object::Array(vec![Object::Integer(644)]),
        ];
        if listed {
            w.push(Object::Integer(3314));
            w.push(Object::Array(vec![
                Object::Integer(710),
                Object::Integer(667),
            ]));
        }
        let mut desc = Dictionary::new();
        desc.set("Subtype", name("CIDFontType2"));
        desc.set("DW", Object::Integer(1000));
        desc.set("W", Object::Array(w));
        let mut f = Dictionary::new();
        f.set("Subtype", name("Type0"));
        f.set("BaseFont", name("IMKHNE+DejaVuSerif"));
        f.set("Encoding", name("Identity-H"));
        f.set("ToUnicode", Object::Reference(tu));
        f.set(
            "DescendantFonts",
            Object::Array(vec![Object::Dictionary(desc)]),
        );
        Font::load(&objs(&doc), &f)
    }

    #[test]
    fn folded_ligature_range_is_read_back_from_widths() {
        let font = folded_font(true);
        // "ﬁnansiert"'s first glyph and "skaﬀe"'s ligature.
        assert_eq!(text_of(&font, &[0x0c, 0xf3, 0, 0x58]), "\u{FB01}u");
        assert_eq!(text_of(&font, &[0x0c, 0xf2]), "\u{FB00}");
        let repairs = font.unicode_repairs();
        assert_eq!(repairs.len(), 2);
        assert!(repairs
            .iter()
            .all(|r| matches!(r.fix, super::super::unicode_repair::Fix::Guessed(_))));
    }

    #[test]
    fn default_widths_are_no_evidence_of_a_fold() {
        // The ligatures' widths are not stated (DW 1000 stands in): "û" and
        // "ü" stay as the map says.
        let font = folded_font(false);
        assert_eq!(text_of(&font, &[0x0c, 0xf2, 0x0c, 0xf3]), "ûü");
        assert!(font.unicode_repairs().is_empty());
    }

    #[test]
    fn type3_font_scales_by_its_matrix() {
        let doc = PdfDoc::new();
        let mut f = Dictionary::new();
        f.set("Subtype", name("Type3"));
        f.set(
            "FontMatrix",
            Object::Array(vec![
                Object::Real(0.01),
                0.into(),
                0.into(),
                Object::Real(0.01),
                0.into(),
                0.into(),
            ]),
        );
        f.set("FirstChar", Object::Integer(97));
        f.set("Widths", Object::Array(vec![Object::Integer(50)]));
        let mut enc = Dictionary::new();
        enc.set(
            "Differences",
            Object::Array(vec![Object::Integer(97), name("a")]),
        );
        f.set("Encoding", Object::Dictionary(enc));
        let font = Font::load(&objs(&doc), &f);
        assert_eq!(text_of(&font, b"a"), "a");
        assert!((font.width(97, 1) - 0.5).abs() < 1e-6);
        assert!((font.size_scale - 10.0).abs() < 1e-5);
    }
}
