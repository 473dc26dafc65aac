//! Plain-text input: transcripts such as the seeds, or any text file.
//!
//! Pages are split at form feeds; failing those, at lines that begin with
//! the next page number in sequence, which is how document sites print a
//! transcript ("1 …", "2 …"; the number is removed, also when the copy
//! doubled it: "2 2 …"). A header of similar documents' titles ends at a
//! line "Transkript:", and a list of them after the document (a title, an
//! excerpt and "Detaljer" for each) begins the lines before the first
//! "Detaljer"; neither is part of the document.
//!
//! Encodings ([`decode`]): UTF-8 (with or without a byte-order mark),
//! UTF-16 in either byte order with its byte-order mark, and Windows-1252
//! (which covers Latin-1's letters). A UTF-8 file with a few stray bytes
//! (a Latin-1 `ø` pasted into it) stays UTF-8: only the stray bytes are
//! read as Windows-1252, and an `Encoding` problem says where. Lines end
//! in LF, CR LF or a lone CR (old Mac files).
//!
//! The document holds each line's text once, without per-word records (a
//! transcript has no positions or fonts to keep), so it takes little more
//! memory than the file; a valid UTF-8 file is not even copied to decode
//! it.

use std::borrow::Cow;

use crate::geometry::{Document, Metadata, Page, Problem, ProblemKind, TextLine};
use crate::layout::nfc;
use crate::MediaType;

/// Lines named at most in the message about stray bytes.
const LINES_NAMED: usize = 5;

/// The text of a transcript's bytes, and what was wrong with its encoding.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, Option<Problem>) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_8bit(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    decode_8bit(bytes)
}

/// Whether the bytes start with a UTF-16 byte-order mark.
pub(crate) fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (Cow<'_, str>, Option<Problem>) {
    let units = bytes.chunks(2).map(|pair| {
        unit([
            pair.first().copied().unwrap_or(0),
            pair.get(1).copied().unwrap_or(0),
        ])
    });
    let mut text = String::with_capacity(bytes.len() / 2 + bytes.len() / 8);
    let mut bad = 0usize;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                bad += 1;
                text.push('\u{FFFD}');
            }
        }
    }
    let odd = bytes.len() % 2 == 1;
    let problem = (bad > 0 || odd).then(|| Problem {
        kind: ProblemKind::Encoding,
        page: None,
        message: format!(
            "the UTF-16 text holds {bad} unpaired surrogates{}; they were read as U+FFFD",
            if odd {
                " and ends in half a character"
            } else {
                ""
            }
        ),
    });
    (Cow::Owned(text), problem)
}

/// UTF-8, or Windows-1252 when the file has no UTF-8 sequence at all;
/// stray bytes of a UTF-8 file are read as Windows-1252 one by one.
fn decode_8bit(bytes: &[u8]) -> (Cow<'_, str>, Option<Problem>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), None);
    }
    let (multibyte, stray) = count_sequences(bytes);
    if multibyte == 0 || stray > multibyte {
        // A single-byte file: its high bytes are Windows-1252 letters.
        let text: String = bytes.iter().map(|&b| windows_1252(b)).collect();
        return (Cow::Owned(text), None);
    }
    let mut text = String::with_capacity(bytes.len() + stray);
    let mut rest = bytes;
    let mut line = 1usize;
    let mut lines: Vec<usize> = Vec::new();
    let mut strays = 0usize;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                text.push_str(valid);
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                // `valid` is valid UTF-8 by the error's own account.
                let valid = std::str::from_utf8(valid).unwrap_or_default();
                line += valid.matches('\n').count();
                text.push_str(valid);
                let bad = e.error_len().unwrap_or(after.len()).max(1);
                let (stray_bytes, next) = after.split_at(bad.min(after.len()));
                text.extend(stray_bytes.iter().map(|&b| windows_1252(b)));
                strays += stray_bytes.len();
                if lines.last() != Some(&line) {
                    lines.push(line);
                }
                rest = next;
            }
        }
    }
    let named: Vec<String> = lines
        .iter()
        .take(LINES_NAMED)
        .map(usize::to_string)
        .collect();
    let more = if lines.len() > LINES_NAMED {
        ", …"
    } else {
        ""
    };
    let problem = Problem {
        kind: ProblemKind::Encoding,
        page: None,
        message: format!(
            "the text is UTF-8 but {strays} bytes are not (line {}{more}); they were read as Windows-1252",
            named.join(", ")
        ),
    };
    (Cow::Owned(text), Some(problem))
}

/// Valid multi-byte UTF-8 sequences and bytes that are not UTF-8.
fn count_sequences(bytes: &[u8]) -> (usize, usize) {
    let (mut multibyte, mut stray) = (0usize, 0usize);
    let mut rest = bytes;
    while !rest.is_empty() {
        let (valid, bad) = match std::str::from_utf8(rest) {
            Ok(valid) => (valid, 0),
            Err(e) => {
                let valid = std::str::from_utf8(rest.get(..e.valid_up_to()).unwrap_or_default())
                    .unwrap_or_default();
                let rest_len = rest.len() - e.valid_up_to();
                (valid, e.error_len().unwrap_or(rest_len).max(1))
            }
        };
        multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
        stray += bad;
        rest = rest.get(valid.len() + bad..).unwrap_or_default();
    }
    (multibyte, stray)
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH.get((b - 0x80) as usize).copied().unwrap_or('\u{FFFD}'),
        _ => b as char,
    }
}

/// Lines of a text whatever its line ends (LF, CR LF, a lone CR). A CR LF
/// gives an empty line between, which reads as nothing.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', '\r'])
}

/// The document part of a transcript: what follows a "Transkript" line, if any.
fn document_body(text: &str) -> &str {
    let mut offset = 0;
    for line in text.split_inclusive(['\n', '\r']) {
        offset += line.len();
        let t = line.trim();
        if t.eq_ignore_ascii_case("transkript:") || t.eq_ignore_ascii_case("transkript") {
            return text.get(offset..).unwrap_or("");
        }
    }
    text
}

/// The document without the archive's list of similar documents after it:
/// each entry is a title line, an excerpt line and a line "Detaljer", so the
/// document ends before the two lines that precede the first "Detaljer".
fn without_trailing_list(body: &str) -> &str {
    let mut starts: Vec<usize> = Vec::new();
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim();
        if t == "Detaljer" {
            let cut = match starts.len() {
                n if n >= 2 => starts.get(n - 2).copied(),
                _ => starts.first().copied(),
            };
            return body.get(..cut.unwrap_or(offset)).unwrap_or(body);
        }
        if !t.is_empty() {
            starts.push(offset);
        }
        offset += line.len();
    }
    body
}

/// The number a line starts with, and the rest, when it is "N rest".
fn leading_number(line: &str) -> Option<(u32, &str)> {
    let t = line.trim_start();
    let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    if end == 0 || end > 4 {
        return None;
    }
    let rest = t.get(end..)?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((t.get(..end)?.parse().ok()?, rest))
}

/// Words of a line between two budget checks.
const WORDS_PER_CHECK: usize = 4096;

/// A line of text: its words (soft hyphens dropped) joined by single
/// spaces and NFC-normalised; `None` when it has none.
fn to_line(text: &str) -> Option<TextLine> {
    let mut joined = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i % WORDS_PER_CHECK == WORDS_PER_CHECK - 1 && crate::budget::check() {
            return None;
        }
        let before = joined.len();
        if before > 0 {
            joined.push(' ');
        }
        joined.extend(word.chars().filter(|&c| c != '\u{AD}'));
        if joined.len() == before + usize::from(before > 0) {
            joined.truncate(before);
        }
    }
    if joined.is_empty() {
        return None;
    }
    Some(TextLine {
        text: nfc(joined),
        bbox: None,
        words: Vec::new(),
        cell: None,
    })
}

fn page(number: u32, lines: Vec<TextLine>) -> Page {
    Page {
        number,
        width: 0.0,
        height: 0.0,
        lines,
        rotated: Vec::new(),
        rulings: Vec::new(),
        fills: Vec::new(),
        tables: Vec::new(),
        candidates: Vec::new(),
        problems: Vec::new(),
    }
}

/// Pages being collected: at most `max` are kept, the rest only counted.
struct Pages {
    kept: Vec<Vec<TextLine>>,
    current: Vec<TextLine>,
    seen: usize,
    max: usize,
}

impl Pages {
    fn new(max: u32) -> Pages {
        Pages {
            kept: Vec::new(),
            current: Vec::new(),
            seen: 1,
            max: max as usize,
        }
    }

    fn line(&mut self, line: Option<TextLine>) {
        if self.seen <= self.max {
            self.current.extend(line);
        }
    }

    fn next_page(&mut self) {
        if self.seen <= self.max {
            self.kept.push(std::mem::take(&mut self.current));
        }
        self.seen += 1;
    }

    fn finish(mut self) -> (Vec<Vec<TextLine>>, usize) {
        if self.seen <= self.max {
            self.kept.push(self.current);
        }
        self.kept.truncate(self.max);
        let seen = self.seen;
        (self.kept, seen)
    }
}

/// Splits text into pages of lines.
pub(crate) fn extract_text(bytes: &[u8], max_pages: u32) -> Document {
    let (text, encoding) = decode(bytes);
    let body = without_trailing_list(document_body(&text));
    let mut pages = Pages::new(max_pages);
    if body.contains('\u{C}') {
        let mut chunks = body.split('\u{C}').enumerate().peekable();
        while let Some((i, chunk)) = chunks.next() {
            // A trailing form feed does not open a page.
            let last = chunks.peek().is_none();
            if last && i > 0 && chunk.trim().is_empty() {
                break;
            }
            if i > 0 {
                pages.next_page();
            }
            for raw in lines(chunk) {
                if crate::budget::check() {
                    break;
                }
                pages.line(to_line(raw));
            }
        }
    } else {
        let mut number = 1u32;
        for raw in lines(body) {
            if crate::budget::check() {
                break;
            }
            match leading_number(raw) {
                Some((n, rest)) if n == number + 1 => {
                    pages.next_page();
                    number = n;
                    // A page number the copy doubled ("2 2 …").
                    let rest = match leading_number(rest) {
                        Some((m, after)) if m == n => after,
                        _ => rest,
                    };
                    pages.line(to_line(rest));
                }
                Some((1, rest)) if number == 1 && pages.current.is_empty() && pages.seen == 1 => {
                    pages.line(to_line(rest));
                }
                _ => pages.line(to_line(raw)),
            }
        }
    }
    let (kept, seen) = pages.finish();
    let mut problems: Vec<Problem> = encoding.into_iter().collect();
    if seen > max_pages as usize {
        problems.push(Problem {
            kind: ProblemKind::LimitReached,
            page: Some(max_pages + 1),
            message: format!("only the first {max_pages} of {seen} pages were read (max_pages)"),
        });
    }
    Document {
        media_type: MediaType::Text,
        pages: kept
            .into_iter()
            .zip(1..)
            .map(|(lines, n)| page(n, lines))
            .collect(),
        metadata: Metadata::default(),
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: &Document) -> Vec<Vec<&str>> {
        d.pages
            .iter()
            .map(|p| p.lines.iter().map(|l| l.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn splits_at_page_numbers_in_sequence() {
        let d = extract_text("Like dokumenter\nTittel 3\nTranskript:\n\n1 Forside 2013\n\n2 Innhold\n4 not a page\n3 Slutt\n".as_bytes(), 100);
        assert_eq!(
            texts(&d),
            vec![
                vec!["Forside 2013"],
                vec!["Innhold", "4 not a page"],
                vec!["Slutt"]
            ]
        );
    }

    #[test]
    fn doubled_page_numbers_and_trailing_list() {
        let d = extract_text(
            "Transkript:\n\n1 Forside\n\n2 2 Innhold 3 punkter\n\n3 3 Slutt\n\nAnnen rapport\n\nAnnen rapport utdrag\n\nDetaljer\n\nTredje\n\nTredje utdrag\n\nDetaljer\n"
                .as_bytes(),
            100,
        );
        let texts: Vec<Vec<&str>> = d
            .pages
            .iter()
            .map(|p| p.lines.iter().map(|l| l.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            vec![vec!["Forside"], vec!["Innhold 3 punkter"], vec!["Slutt"]]
        );
    }

    #[test]
    fn unnumbered_first_page_and_form_feeds() {
        let d = extract_text(b"Forside\n2 Side to\n", 100);
        assert_eq!(d.pages.len(), 2);
        assert_eq!(d.pages[0].lines[0].text, "Forside");
        let d = extract_text(b"a\x0cb  c\x0c", 100);
        assert_eq!(texts(&d), vec![vec!["a"], vec!["b c"]]);
        let d = extract_text(b"\x0ca\x0cb", 100);
        assert_eq!(texts(&d), vec![vec![], vec!["a"], vec!["b"]]);
    }

    #[test]
    fn latin1_fallback() {
        let d = extract_text(b"\xC6rlig \xD8sterdal p\xE5 \xC5sen \x96 \x80", 10);
        assert_eq!(d.pages[0].lines[0].text, "Ærlig Østerdal på Åsen – €");
        assert!(
            d.problems.is_empty(),
            "Windows-1252 is an encoding, not damage"
        );
    }

    #[test]
    fn stray_bytes_in_utf8_are_read_alone_and_named() {
        // A Latin-1 "ø" (0xF8) in the third line of a UTF-8 file.
        let bytes =
            b"Kommune: L\xc3\xb8renskog\nProgramleder: \xc3\x85se\nTel\xf8fon 12 \xe2\x80\x93 ok\n";
        let d = extract_text(bytes, 10);
        let lines = texts(&d);
        assert_eq!(lines[0][0], "Kommune: Lørenskog", "UTF-8 kept");
        assert_eq!(lines[0][1], "Programleder: Åse");
        assert_eq!(lines[0][2], "Teløfon 12 \u{2013} ok");
        let problem = d.problems.first().expect("a problem");
        assert_eq!(problem.kind, ProblemKind::Encoding);
        assert!(problem.message.contains("1 bytes"), "{}", problem.message);
        assert!(problem.message.contains("line 3"), "{}", problem.message);
    }

    #[test]
    fn utf16_with_a_byte_order_mark() {
        let text = "1 Årsrapport 2012\n2 Kommune: Tønsberg\n";
        for big_endian in [false, true] {
            let mut bytes = if big_endian {
                vec![0xFE, 0xFF]
            } else {
                vec![0xFF, 0xFE]
            };
            for unit in text.encode_utf16() {
                bytes.extend(if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            let d = extract_text(&bytes, 10);
            assert_eq!(
                texts(&d),
                vec![vec!["Årsrapport 2012"], vec!["Kommune: Tønsberg"]]
            );
            assert!(d.problems.is_empty());
        }
    }

    #[test]
    fn every_line_end() {
        for end in ["\n", "\r\n", "\r"] {
            let text = ["Forside", "2 Side to", "linje", "3 Side tre"].join(end);
            let d = extract_text(text.as_bytes(), 10);
            assert_eq!(
                texts(&d),
                vec![vec!["Forside"], vec!["Side to", "linje"], vec!["Side tre"]],
                "{end:?}"
            );
        }
    }

    #[test]
    fn pages_past_the_limit_are_counted_not_kept() {
        let text: String = (1..=50).map(|n| format!("{n} side {n}\n")).collect();
        let d = extract_text(text.as_bytes(), 10);
        assert_eq!(d.pages.len(), 10);
        assert_eq!(d.pages[9].lines[0].text, "side 10");
        assert!(d.problems[0].message.contains("first 10 of 50"));
    }
}
