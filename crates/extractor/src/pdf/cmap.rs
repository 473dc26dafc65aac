//! CMaps (PDF 32000-1, 9.7.5 and 9.10.3): the codespace that splits a
//! string into character codes, the code → CID map of a composite font's
//! encoding, and the code → Unicode map of a `/ToUnicode` stream.
//!
//! Written here instead of using `adobe-cmap-parser` (which pdf-extract
//! uses and which panics on malformed ranges) or lopdf's parser (which
//! expands every range into a reverse map, so one `<0000> <FFFFFFFF>` range
//! takes minutes). Large ranges stay ranges; lookups are binary searches.

use crate::fast_hash::IntMap;

use super::lexer::{Lexer, Operand, Token};
use super::unicode_repair::{swapped, Damage, Repair};

/// One codespace range: codes of `len` bytes from `lo` to `hi`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CodeRange {
    pub lo: u32,
    pub hi: u32,
    pub len: u8,
}

/// A range of codes mapped to consecutive values (CIDs or Unicode).
#[derive(Debug, Clone)]
struct Span<T> {
    lo: u32,
    hi: u32,
    len: u8,
    to: T,
}

/// Where a bfrange maps its codes: the last UTF-16 unit counts up, or each
/// code has its own string.
#[derive(Debug, Clone)]
enum UniTarget {
    Counting(Vec<u16>),
    Listed(Vec<Box<str>>),
}

/// A parsed CMap.
#[derive(Debug, Default, Clone)]
pub(crate) struct CMap {
    pub codespace: Vec<CodeRange>,
    unicode: IntMap<u64, Box<str>>,
    unicode_spans: Vec<Span<UniTarget>>,
    cids: IntMap<u64, u32>,
    cid_spans: Vec<Span<u32>>,
    /// The name given by `usecmap`, when the CMap builds on another one.
    pub uses: Option<Vec<u8>>,
    /// Entries of the byte-swapped shape, with their units as written.
    swapped: Vec<(u64, Vec<u16>)>,
    /// Entries read back from the byte-swapped shape ([`swapped`]).
    pub repairs: Vec<Repair>,
}

/// Ranges wider than this stay ranges instead of single entries.
const EXPAND_LIMIT: u32 = 256;
/// Tokens read at most from one CMap (a hostile one could be endless).
const MAX_TOKENS: usize = 2_000_000;

fn key(code: u32, len: u8) -> u64 {
    u64::from(code) | u64::from(len) << 32
}

fn code_of(bytes: &[u8]) -> Option<(u32, u8)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    let code = bytes.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b));
    Some((code, bytes.len() as u8))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| match c {
            [hi, lo] => u16::from_be_bytes([*hi, *lo]),
            [b] => u16::from(*b),
            _ => 0,
        })
        .collect()
}

/// UTF-16 to text, dropping NULs and unpaired surrogates.
pub(crate) fn utf16_to_string(units: &[u16], out: &mut String) {
    push_utf16(units.iter().copied(), out);
}

fn push_utf16(units: impl IntoIterator<Item = u16>, out: &mut String) {
    for c in char::decode_utf16(units).flatten() {
        if c != '\0' {
            out.push(c);
        }
    }
}

fn text_of(units: &[u16]) -> Box<str> {
    let mut s = String::new();
    utf16_to_string(units, &mut s);
    s.into_boxed_str()
}

impl CMap {
    /// Parses CMap source; never fails (what cannot be read is skipped).
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lexer = Lexer::new(data);
        let mut operands: Vec<Operand> = Vec::new();
        let mut section: &[u8] = b"";
        let mut tokens = 0usize;
        while let Some(t) = lexer.next_token() {
            tokens += 1;
            if tokens > MAX_TOKENS {
                break;
            }
            match t {
                Token::Keyword(k) => {
                    match k {
                        b"begincodespacerange"
                        | b"beginbfchar"
                        | b"beginbfrange"
                        | b"begincidchar"
                        | b"begincidrange"
                        | b"beginnotdefrange"
                        | b"beginnotdefchar" => section = k,
                        b"endcodespacerange" | b"endbfchar" | b"endbfrange" | b"endcidchar"
                        | b"endcidrange" | b"endnotdefrange" | b"endnotdefchar" => {
                            cmap.section(section, &operands);
                            section = b"";
                        }
                        b"usecmap" => {
                            if let Some(Operand::Name(n)) = operands.last() {
                                cmap.uses = Some(n.to_vec());
                            }
                        }
                        _ => {}
                    }
                    operands.clear();
                }
                other => {
                    if let Ok(o) = lexer.operand(other) {
                        if operands.len() < 1_000_000 {
                            operands.push(o);
                        }
                    }
                }
            }
        }
        cmap.cid_spans.sort_by_key(|s| (s.lo, s.len));
        cmap.unicode_spans.sort_by_key(|s| (s.lo, s.len));
        cmap.repair_swapped();
        cmap
    }

    /// Notes a single-code Unicode entry that has the byte-swapped shape.
    fn note_units(&mut self, code: u32, len: u8, units: &[u16]) {
        if swapped::looks_swapped(units) && self.swapped.len() < 65_536 {
            self.swapped.push((key(code, len), units.to_vec()));
        }
    }

    /// Reads byte-swapped entries back when the rest of the map is Latin.
    fn repair_swapped(&mut self) {
        let found = std::mem::take(&mut self.swapped);
        if found.is_empty() {
            return;
        }
        let suspect: std::collections::HashSet<u64> = found.iter().map(|(k, _)| *k).collect();
        let others = self
            .unicode
            .iter()
            .filter(|(k, _)| !suspect.contains(k))
            .map(|(_, v)| &**v);
        if !swapped::latin_map(others) {
            return;
        }
        for (k, units) in found {
            let fix = swapped::unswap(&units);
            self.unicode.insert(k, fix.text().into());
            self.repairs.push(Repair {
                damage: Damage::Swapped,
                units,
                fix,
            });
        }
        self.repairs.sort_by(|a, b| a.units.cmp(&b.units));
        self.repairs.dedup();
    }

    fn section(&mut self, section: &[u8], ops: &[Operand]) {
        match section {
            b"begincodespacerange" => {
                for pair in ops.chunks_exact(2) {
                    if let [Operand::Str(lo), Operand::Str(hi)] = pair {
                        if let (Some((lo, len)), Some((hi, _))) = (code_of(lo), code_of(hi)) {
                            self.codespace.push(CodeRange { lo, hi, len });
                        }
                    }
                }
            }
            b"beginbfchar" => {
                for pair in ops.chunks_exact(2) {
                    let [Operand::Str(src), dst] = pair else {
                        continue;
                    };
                    let Some((code, len)) = code_of(src) else {
                        continue;
                    };
                    let text: Box<str> = match dst {
                        Operand::Str(d) => {
                            let units = utf16_units(d);
                            self.note_units(code, len, &units);
                            text_of(&units)
                        }
                        Operand::Name(n) => match super::encoding::glyph_to_unicode(n) {
                            Some(s) => s,
                            None => continue,
                        },
                        _ => continue,
                    };
                    self.unicode.insert(key(code, len), text);
                }
            }
            b"beginbfrange" => {
                for triple in ops.chunks_exact(3) {
                    let [Operand::Str(lo), Operand::Str(hi), dst] = triple else {
                        continue;
                    };
                    let (Some((lo, len)), Some((hi, _))) = (code_of(lo), code_of(hi)) else {
                        continue;
                    };
                    if hi < lo {
                        continue;
                    }
                    let target = match dst {
                        Operand::Str(d) => UniTarget::Counting(utf16_units(d)),
                        Operand::Array(items) => UniTarget::Listed(
                            items
                                .iter()
                                .map(|i| match i {
                                    Operand::Str(d) => text_of(&utf16_units(d)),
                                    _ => Box::from(""),
                                })
                                .collect(),
                        ),
                        _ => continue,
                    };
                    match &target {
                        UniTarget::Counting(units) if hi == lo => self.note_units(lo, len, units),
                        _ => {}
                    }
                    if let Operand::Array(items) = dst {
                        for (code, item) in (lo..=hi).zip(items) {
                            if let Operand::Str(d) = item {
                                self.note_units(code, len, &utf16_units(d));
                            }
                        }
                    }
                    if hi - lo < EXPAND_LIMIT {
                        for code in lo..=hi {
                            let mut s = String::new();
                            if Self::span_text(&target, code - lo, &mut s) {
                                self.unicode.insert(key(code, len), s.into_boxed_str());
                            }
                        }
                    } else {
                        self.unicode_spans.push(Span {
                            lo,
                            hi,
                            len,
                            to: target,
                        });
                    }
                }
            }
            b"begincidchar" => {
                for pair in ops.chunks_exact(2) {
                    if let [Operand::Str(src), cid] = pair {
                        if let (Some((code, len)), Some(cid)) = (code_of(src), cid.number()) {
                            self.cids.insert(key(code, len), cid.max(0.0) as u32);
                        }
                    }
                }
            }
            b"begincidrange" => {
                for triple in ops.chunks_exact(3) {
                    if let [Operand::Str(lo), Operand::Str(hi), cid] = triple {
                        if let (Some((lo, len)), Some((hi, _)), Some(cid)) =
                            (code_of(lo), code_of(hi), cid.number())
                        {
                            if hi >= lo {
                                self.cid_spans.push(Span {
                                    lo,
                                    hi,
                                    len,
                                    to: cid.max(0.0) as u32,
                                });
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn span_text(target: &UniTarget, offset: u32, out: &mut String) -> bool {
        match target {
            UniTarget::Counting(units) => {
                // Per glyph: the units are read in place, not copied.
                let Some((last, head)) = units.split_last() else {
                    return false;
                };
                // Ranges that count past a UTF-16 unit are malformed; wrap like viewers do.
                let last = last.wrapping_add(offset as u16);
                push_utf16(head.iter().copied().chain(std::iter::once(last)), out);
                true
            }
            UniTarget::Listed(items) => match items.get(offset as usize) {
                Some(s) => {
                    out.push_str(s);
                    true
                }
                None => false,
            },
        }
    }

    fn find_span<T>(spans: &[Span<T>], code: u32, len: u8) -> Option<&Span<T>> {
        // Spans are sorted by start; the match is the last one starting at or
        // before the code that still covers it (overlaps are rare).
        let end = spans.partition_point(|s| s.lo <= code);
        spans
            .get(..end)
            .unwrap_or_default()
            .iter()
            .rev()
            .take(64)
            .find(|s| s.len == len && s.hi >= code)
    }

    /// Appends the Unicode text of a code; false when the CMap has none.
    pub fn unicode(&self, code: u32, len: u8, out: &mut String) -> bool {
        if let Some(s) = self.unicode.get(&key(code, len)) {
            out.push_str(s);
            return true;
        }
        match Self::find_span(&self.unicode_spans, code, len) {
            Some(span) => Self::span_text(&span.to, code - span.lo, out),
            None => false,
        }
    }

    /// The single-code entries (not the wide ranges): (code, length, text).
    pub fn entries(&self) -> impl Iterator<Item = (u32, u8, &str)> {
        self.unicode
            .iter()
            .map(|(k, v)| (*k as u32, (*k >> 32) as u8, &**v))
    }

    /// Replaces the text of one code.
    pub fn set_unicode(&mut self, code: u32, len: u8, text: &str) {
        self.unicode.insert(key(code, len), text.into());
    }

    /// True when the map has any Unicode entries.
    pub fn has_unicode(&self) -> bool {
        !self.unicode.is_empty() || !self.unicode_spans.is_empty()
    }

    /// The CID of a code, when the CMap maps it.
    pub fn cid(&self, code: u32, len: u8) -> Option<u32> {
        if let Some(&c) = self.cids.get(&key(code, len)) {
            return Some(c);
        }
        Self::find_span(&self.cid_spans, code, len).map(|s| s.to.saturating_add(code - s.lo))
    }

    /// True when the map has any CID entries.
    pub fn has_cids(&self) -> bool {
        !self.cids.is_empty() || !self.cid_spans.is_empty()
    }
}

/// Splits strings into codes by a codespace (PDF 32000-1, 9.7.6.2).
pub(crate) fn next_code(codespace: &[CodeRange], bytes: &[u8]) -> (u32, u8) {
    let mut code = 0u32;
    for n in 1..=4u8 {
        let Some(&b) = bytes.get(usize::from(n) - 1) else {
            break;
        };
        code = code << 8 | u32::from(b);
        if codespace
            .iter()
            .any(|r| r.len == n && (r.lo..=r.hi).contains(&code))
        {
            return (code, n);
        }
    }
    // No range matches: take as many bytes as the shortest range that could
    // start with this byte, else the shortest range (PDF 32000-1, 9.7.6.3).
    let first = bytes.first().copied().unwrap_or(0);
    let len = codespace
        .iter()
        .filter(|r| {
            let shift = 8 * (u32::from(r.len) - 1);
            (r.lo >> shift..=r.hi >> shift).contains(&u32::from(first))
        })
        .map(|r| r.len)
        .min()
        .or_else(|| codespace.iter().map(|r| r.len).min())
        .unwrap_or(1)
        .max(1);
    let take = usize::from(len).min(bytes.len());
    let code = bytes
        .get(..take)
        .unwrap_or_default()
        .iter()
        .fold(0u32, |acc, &b| acc << 8 | u32::from(b));
    (code, take.max(1) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Adobe-Identity-UCS def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar
<0003> <0020>
<0011> <00660069>
<0012> <D835DC00>
endbfchar
2 beginbfrange
<0020> <0022> <0041>
<0030> <0031> [<0061> <00620063>]
endbfrange
1 beginbfrange
<1000> <FFFF> <4E00>
endbfrange
endcmap end end";

    fn uni(c: &CMap, code: u32, len: u8) -> Option<String> {
        let mut s = String::new();
        c.unicode(code, len, &mut s).then_some(s)
    }

    #[test]
    fn maps_chars_ranges_and_arrays() {
        let c = CMap::parse(SAMPLE);
        assert_eq!(
            c.codespace,
            vec![CodeRange {
                lo: 0,
                hi: 0xFFFF,
                len: 2
            }]
        );
        assert_eq!(uni(&c, 3, 2).as_deref(), Some(" "));
        assert_eq!(uni(&c, 0x11, 2).as_deref(), Some("fi"));
        assert_eq!(uni(&c, 0x12, 2).as_deref(), Some("\u{1D400}"));
        assert_eq!(uni(&c, 0x21, 2).as_deref(), Some("B"));
        assert_eq!(uni(&c, 0x31, 2).as_deref(), Some("bc"));
        assert_eq!(uni(&c, 0x1001, 2).as_deref(), Some("\u{4E01}"));
        assert_eq!(uni(&c, 0x21, 1), None, "a one-byte code is another code");
        assert_eq!(uni(&c, 0x40, 2), None);
    }

    #[test]
    fn maps_cid_ranges_and_splits_codes() {
        let c = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
              1 begincidrange <8140> <817E> 633 endcidrange
              1 begincidchar <20> 1 endcidchar",
        );
        assert_eq!(c.cid(0x8141, 2), Some(634));
        assert_eq!(c.cid(0x20, 1), Some(1));
        assert_eq!(c.cid(0x21, 1), None);
        assert_eq!(next_code(&c.codespace, &[0x41, 0x81, 0x40]), (0x41, 1));
        assert_eq!(next_code(&c.codespace, &[0x81, 0x40]), (0x8140, 2));
        // A lead byte with nothing after it is one code of one byte.
        assert_eq!(next_code(&c.codespace, &[0x81]), (0x81, 1));
    }

    /// A Latin font's map as Ghostscript 10 writes it: letters right,
    /// ligatures little-endian ("ti" as U+7400 U+6900, "tti" folded).
    const GS_LATIN: &[u8] = b"1 begincodespacerange <00> <ff> endcodespacerange
6 beginbfrange
<01> <01> <0054>
<02> <02> <0069>
<03> <03> <006c>
<04> <04> <00f8>
<2d> <2d> <74006900>
<33> <33> <7400dd00>
endbfrange
2 beginbfchar
<40> <66006600>
<41> <00660069>
endbfchar";

    #[test]
    fn byte_swapped_ligatures_in_a_latin_map_are_read_back() {
        let c = CMap::parse(GS_LATIN);
        assert_eq!(uni(&c, 0x2d, 1).as_deref(), Some("ti"));
        assert_eq!(uni(&c, 0x33, 1).as_deref(), Some("tti"));
        assert_eq!(uni(&c, 0x40, 1).as_deref(), Some("ff"));
        assert_eq!(
            uni(&c, 0x41, 1).as_deref(),
            Some("fi"),
            "big-endian entries stay"
        );
        assert_eq!(uni(&c, 0x04, 1).as_deref(), Some("ø"));
        let fixes: Vec<(&[u16], &str)> = c
            .repairs
            .iter()
            .map(|r| (r.units.as_slice(), r.fix.text()))
            .collect();
        assert_eq!(
            fixes,
            vec![
                (&[0x6600, 0x6600][..], "ff"),
                (&[0x7400, 0x6900][..], "ti"),
                (&[0x7400, 0xDD00][..], "tti"),
            ]
        );
    }

    #[test]
    fn a_genuine_cjk_map_is_not_repaired() {
        // Ideographs with every kind of low byte, among them U+4E00 (一),
        // U+6600 and a two-ideograph entry that has the swapped shape.
        let c = CMap::parse(
            "1 begincodespacerange <0000> <ffff> endcodespacerange
5 beginbfchar
<0001> <4e00>
<0002> <4e2d>
<0003> <6587>
<0004> <6600>
<0005> <66006900>
endbfchar
1 beginbfrange <0010> <0020> <8a9e> endbfrange"
                .as_bytes(),
        );
        assert!(c.repairs.is_empty());
        assert_eq!(uni(&c, 1, 2).as_deref(), Some("\u{4E00}"));
        assert_eq!(uni(&c, 4, 2).as_deref(), Some("\u{6600}"));
        assert_eq!(uni(&c, 5, 2).as_deref(), Some("\u{6600}\u{6900}"));
    }

    #[test]
    fn single_units_are_never_repaired() {
        // A Latin map with one ideograph (U+6600) of its own: left alone.
        let c = CMap::parse(b"1 beginbfchar <01> <0061> <02> <0062> <03> <6600> endbfchar");
        assert!(c.repairs.is_empty());
        assert_eq!(uni(&c, 3, 1).as_deref(), Some("\u{6600}"));
    }

    #[test]
    fn huge_and_broken_ranges_are_cheap_and_safe() {
        let c = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange 1 beginbfrange <05> <01> <41> endbfrange <zz");
        assert_eq!(uni(&c, 1, 4).as_deref(), Some("B"));
        assert_eq!(uni(&c, 3, 1), None);
        let _ = CMap::parse(b"beginbfchar <> <> <0102030405> <41> endbfchar");
        assert_eq!(next_code(&[], &[7, 8]), (7, 1));
    }
}
