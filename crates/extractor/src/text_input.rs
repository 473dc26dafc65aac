//! Plain-text input: transcripts such as the seeds, or any text file.
//!
//! Pages are split at form feeds; failing those, at lines that begin with
//! the next page number in sequence, which is how document sites print a
//! transcript ("1 …", "2 …"; the number is removed, also when the copy
//! doubled it: "2 2 …"). A header of similar documents' titles ends at a
//! line "Transkript:", and a list of them after the document (a title, an
//! excerpt and "Detaljer" for each) begins the lines before the first
//! "Detaljer"; neither is part of the document.

use crate::geometry::{Document, Metadata, Page, TextLine, Word};
use crate::layout::nfc;
use crate::MediaType;

/// Decodes UTF-8, falling back to Windows-1252 for anything else.
pub(crate) fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
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

/// The document part of a transcript: what follows a "Transkript" line, if any.
fn document_body(text: &str) -> &str {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
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

fn to_line(text: &str) -> Option<TextLine> {
    let words: Vec<Word> = text
        .split_whitespace()
        .map(|w| Word {
            text: nfc(w.replace('\u{AD}', "")),
            bbox: None,
            font_size: 0.0,
            rotation: 0.0,
            font: None,
        })
        .filter(|w| !w.text.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    let text = words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Some(TextLine {
        text,
        bbox: None,
        words,
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

/// Splits text into pages of lines.
pub(crate) fn extract_text(bytes: &[u8], max_pages: u32) -> Document {
    let text = decode(bytes);
    let body = without_trailing_list(document_body(&text));
    let mut pages: Vec<Vec<TextLine>> = Vec::new();
    if body.contains('\u{C}') {
        for chunk in body.split('\u{C}') {
            pages.push(chunk.lines().filter_map(to_line).collect());
        }
        // A trailing form feed does not open a page.
        if pages.len() > 1 && pages.last().is_some_and(Vec::is_empty) {
            pages.pop();
        }
    } else {
        let mut current: Vec<TextLine> = Vec::new();
        let mut number = 1u32;
        for raw in body.lines() {
            match leading_number(raw) {
                Some((n, rest)) if n == number + 1 => {
                    pages.push(std::mem::take(&mut current));
                    number = n;
                    // A page number the copy doubled ("2 2 …").
                    let rest = match leading_number(rest) {
                        Some((m, after)) if m == n => after,
                        _ => rest,
                    };
                    current.extend(to_line(rest));
                }
                Some((1, rest)) if number == 1 && current.is_empty() && pages.is_empty() => {
                    current.extend(to_line(rest));
                }
                _ => current.extend(to_line(raw)),
            }
        }
        pages.push(current);
    }
    let mut problems = Vec::new();
    if pages.len() > max_pages as usize {
        problems.push(crate::geometry::Problem {
            kind: crate::geometry::ProblemKind::LimitReached,
            page: Some(max_pages + 1),
            message: format!(
                "only the first {max_pages} of {} pages were read (max_pages)",
                pages.len()
            ),
        });
        pages.truncate(max_pages as usize);
    }
    Document {
        media_type: MediaType::Text,
        pages: pages
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

    #[test]
    fn splits_at_page_numbers_in_sequence() {
        let d = extract_text("Like dokumenter\nTittel 3\nTranskript:\n\n1 Forside 2013\n\n2 Innhold\n4 not a page\n3 Slutt\n".as_bytes(), 100);
        let texts: Vec<Vec<&str>> = d
            .pages
            .iter()
            .map(|p| p.lines.iter().map(|l| l.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
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
        assert_eq!(d.pages.len(), 2);
        assert_eq!(d.pages[1].lines[0].text, "b c");
        assert_eq!(d.pages[1].words().count(), 2);
    }

    #[test]
    fn latin1_fallback() {
        let d = extract_text(b"\xC6rlig \xD8sterdal p\xE5 \xC5sen \x96 \x80", 10);
        assert_eq!(d.pages[0].lines[0].text, "Ærlig Østerdal på Åsen – €");
    }
}
