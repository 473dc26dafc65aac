//! Generators of hostile inputs for the reliability tests and for
//! `cargo run --release --example hostile -- DIR` (which writes them all to
//! a folder, to measure a binary against them by hand). Each is small on
//! disk and built to make a naive reader spend memory or time: Flate bombs
//! in a cross-reference stream and in an object stream, fonts with
//! millions of width entries, transcripts that repeat a whole report many
//! times, and transcripts in every encoding and line end a transcript
//! comes in. Nothing here is read from outside the repository.

#![allow(dead_code)]

use std::io::Write;

use flate2::write::ZlibEncoder;
use flate2::Compression;

/// How a stream of the generated PDFs is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Plain bytes.
    Plain,
    /// `/Filter /FlateDecode`.
    Flate,
    /// `/Filter [/FlateDecode /FlateDecode]`: about a million times smaller
    /// than the data for runs of zeros (a single Flate stops near 1:1000).
    DoubleFlate,
}

impl Encoding {
    fn filter(self) -> &'static str {
        match self {
            Encoding::Plain => "",
            Encoding::Flate => " /Filter /FlateDecode",
            Encoding::DoubleFlate => " /Filter [/FlateDecode /FlateDecode]",
        }
    }

    /// `data` followed by `zeros` zero bytes, encoded; the zeros are
    /// streamed, never held.
    fn encode(self, data: &[u8], zeros: usize) -> Vec<u8> {
        fn pad(w: &mut impl Write, data: &[u8], zeros: usize) {
            w.write_all(data).unwrap();
            let block = vec![0u8; 1 << 20];
            let mut left = zeros;
            while left > 0 {
                let n = left.min(block.len());
                w.write_all(&block[..n]).unwrap();
                left -= n;
            }
        }
        match self {
            Encoding::Plain => {
                let mut out = Vec::new();
                pad(&mut out, data, zeros);
                out
            }
            Encoding::Flate => {
                let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
                pad(&mut z, data, zeros);
                z.finish().unwrap()
            }
            Encoding::DoubleFlate => {
                let inner = ZlibEncoder::new(Vec::new(), Compression::best());
                let mut outer = ZlibEncoder::new(inner, Compression::best());
                pad(&mut outer, data, zeros);
                outer.finish().unwrap().finish().unwrap()
            }
        }
    }
}

/// The page's text, which a reader that survives the file finds.
pub const PAGE_TEXT: &str = "Bounded whatever the input";

/// A one-page PDF 1.5 with a cross-reference stream. Object 4, the page's
/// font, is `font` (a dictionary) and sits in an object stream (object 6)
/// encoded as `objstm`, followed there by `objstm_zeros` zero bytes;
/// object 8 (in the same object stream) is `extra`, another dictionary.
/// The cross-reference stream (object 7) is encoded as `xref`, its rows
/// followed by `xref_zeros` zero bytes.
pub fn pdf(
    font: &str,
    extra: &str,
    objstm: Encoding,
    objstm_zeros: usize,
    xref: Encoding,
    xref_zeros: usize,
) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = [0usize; 9];
    let mut object = |out: &mut Vec<u8>, num: usize, body: &[u8]| {
        offsets[num] = out.len();
        out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    object(&mut out, 1, b"<< /Type /Catalog /Pages 2 0 R >>");
    object(
        &mut out,
        2,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 612 792] >>",
    );
    object(
        &mut out,
        3,
        b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    );
    let content = format!("BT /F1 12 Tf 72 700 Td ({PAGE_TEXT}) Tj ET");
    object(
        &mut out,
        5,
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        )
        .as_bytes(),
    );
    // The object stream: "4 0 8 <len>" then the two objects.
    let second = font.len() + 1;
    let header = format!("4 0 8 {second} ");
    let body = format!("{header}{font}\n{extra}\n");
    let packed = objstm.encode(body.as_bytes(), objstm_zeros);
    let mut stream = format!(
        "<< /Type /ObjStm /N 2 /First {}{} /Length {} >>\nstream\n",
        header.len(),
        objstm.filter(),
        packed.len()
    )
    .into_bytes();
    stream.extend_from_slice(&packed);
    stream.extend_from_slice(b"\nendstream");
    object(&mut out, 6, &stream);
    // The cross-reference stream, rows of /W [1 4 2].
    offsets[7] = out.len();
    let row = |kind: u8, field: usize, gen: u16| {
        let mut r = vec![kind];
        r.extend_from_slice(&(field as u32).to_be_bytes());
        r.extend_from_slice(&gen.to_be_bytes());
        r
    };
    let mut rows = Vec::new();
    rows.extend(row(0, 0, 65535));
    for &offset in &offsets[1..=3] {
        rows.extend(row(1, offset, 0));
    }
    rows.extend(row(2, 6, 0));
    rows.extend(row(1, offsets[5], 0));
    rows.extend(row(1, offsets[6], 0));
    rows.extend(row(1, offsets[7], 0));
    rows.extend(row(2, 6, 1));
    let packed = xref.encode(&rows, xref_zeros);
    out.extend_from_slice(
        format!(
            "7 0 obj\n<< /Type /XRef /Size 9 /W [1 4 2] /Index [0 9] /Root 1 0 R{} /Length {} >>\nstream\n",
            xref.filter(),
            packed.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&packed);
    out.extend_from_slice(
        format!("\nendstream\nendobj\nstartxref\n{}\n%%EOF\n", offsets[7]).as_bytes(),
    );
    out
}

/// An ordinary font for [`pdf`].
pub const HELVETICA: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// A healthy PDF of the same shape as the hostile ones.
pub fn healthy_pdf() -> Vec<u8> {
    pdf(HELVETICA, "<< >>", Encoding::Flate, 0, Encoding::Flate, 0)
}

/// The cross-reference stream inflates to `inflated` bytes (zeros after
/// the real rows): `DoubleFlate` makes a file of a few kilobytes.
pub fn xref_stream_bomb(inflated: usize, encoding: Encoding) -> Vec<u8> {
    pdf(HELVETICA, "<< >>", Encoding::Flate, 0, encoding, inflated)
}

/// The object stream holding the font inflates to `inflated` bytes.
pub fn object_stream_bomb(inflated: usize, encoding: Encoding) -> Vec<u8> {
    pdf(HELVETICA, "<< >>", encoding, inflated, Encoding::Flate, 0)
}

/// A simple font whose `/Widths` array has `entries` numbers (in an
/// object stream: about 2 bytes each there, a few kilobytes in the file).
pub fn huge_widths(entries: usize) -> Vec<u8> {
    let widths = "500 ".repeat(entries);
    let font = format!(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 0 /LastChar 255 /Widths [{widths}] >>"
    );
    pdf(&font, "<< >>", Encoding::Flate, 0, Encoding::Flate, 0)
}

/// A composite font whose descendant's `/W` array lists `entries` widths
/// (`[0 [w w w …]]`), the descendant in the object stream too.
pub fn huge_cid_widths(entries: usize) -> Vec<u8> {
    let font = "<< /Type /Font /Subtype /Type0 /BaseFont /Helvetica /Encoding /Identity-H /DescendantFonts [8 0 R] >>";
    let widths = "500 ".repeat(entries);
    let descendant = format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Helvetica /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [0 [{widths}]] >>"
    );
    pdf(font, &descendant, Encoding::Flate, 0, Encoding::Flate, 0)
}

/// `report` repeated until the text holds at least `bytes` bytes, each
/// copy on pages of its own (a transcript of several reports in one file).
pub fn repeated_reports(report: &str, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + report.len());
    while out.len() < bytes {
        out.push_str(report);
        if !report.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// One line of `bytes` bytes: words of a report without a single line end.
pub fn one_long_line(report: &str, bytes: usize) -> String {
    let flat: String = report.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(bytes + flat.len());
    while out.len() < bytes {
        out.push_str(&flat);
        out.push(' ');
    }
    out
}

/// `text` as UTF-8 with one stray Latin-1 byte (`ø` as 0xF8) put into
/// the line that holds `marker`.
pub fn stray_byte(text: &str, marker: &str) -> Vec<u8> {
    let at = text.find(marker).expect("marker in text") + marker.len();
    let mut out = text.as_bytes()[..at].to_vec();
    out.push(0xF8);
    out.extend_from_slice(&text.as_bytes()[at..]);
    out
}

/// `text` as UTF-16 with a byte-order mark.
pub fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

/// `text` in Windows-1252 (every character must have a code there).
pub fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            '–' => 0x96,
            '—' => 0x97,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            c if (c as u32) < 0x100 => c as u32 as u8,
            c => panic!("{c:?} has no Windows-1252 code"),
        })
        .collect()
}

/// `text` with every line end replaced by `end` (`"\r"` for old Mac files,
/// `"\r\n"` for Windows ones).
pub fn line_ends(text: &str, end: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', end)
}

/// A transcript of a document as document sites print one: each page a
/// paragraph that starts with its number.
pub fn transcript_of(doc: &skjema_extractor::Document) -> String {
    let mut out = String::new();
    for page in &doc.pages {
        let text: Vec<&str> = page.lines.iter().map(|l| l.text.as_str()).collect();
        out.push_str(&format!("{} {}\n\n", page.number, text.join(" ")));
    }
    out
}

/// A transcript of the first fixture report of the annual-report form: the
/// healthy report the hostile transcripts are built from.
pub fn fixture_report_transcript() -> String {
    let pdf = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pdf/arsrapport_2012-01-moss-lo.pdf");
    let bytes = std::fs::read(&pdf).expect("the fixture report is in the repository");
    let doc = skjema_extractor::extract(&bytes, &skjema_extractor::ExtractOptions::default())
        .expect("the fixture report reads");
    transcript_of(&doc)
}

/// Writes `bytes` as `DIR/in/NAME`, the input folder of the CLI tests.
pub fn write_input(dir: &std::path::Path, name: &str, bytes: &[u8]) {
    std::fs::create_dir_all(dir.join("in")).expect("input folder");
    std::fs::write(dir.join("in").join(name), bytes).expect("input file");
}
