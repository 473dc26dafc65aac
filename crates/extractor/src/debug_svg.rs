//! A picture of what the table engine saw and decided on one page, as SVG,
//! in the spirit of pdfplumber's table-finder debug image: a person checks
//! a table (or a table that should not be there) at a glance.
//!
//! Drawn, bottom to top: filled areas (light grey), the words (thin blue
//! boxes with their text), text set at an angle (grey boxes), ruling lines
//! (red: stroked, magenta: filled), every candidate region the engine
//! considered (dashed orange with the reason when rejected, dashed green
//! when kept, "key-value block" when kept for the normalizer's fields but
//! not reported) and the final tables' cells (solid green). Coordinates are
//! the page's: points from the top-left corner, one SVG unit a point.

use std::fmt::Write;

use crate::geometry::{BBox, Page, RulingKind, TableMethod};

/// The SVG picture of `page`, standalone (an `<svg>` document).
pub fn page_svg(page: &Page) -> String {
    let (w, h) = (page.width.max(1.0), page.height.max(1.0));
    let mut s = String::with_capacity(64 * 1024);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.2} {h:.2}" font-family="sans-serif">"#
    );
    let _ = write!(
        s,
        r##"<rect x="0" y="0" width="{w:.2}" height="{h:.2}" fill="#fff" stroke="#999" stroke-width="0.5"/>"##
    );
    for b in &page.fills {
        rect(&mut s, b, r##"fill="#ddd" fill-opacity="0.6""##);
    }
    for line in &page.lines {
        for word in &line.words {
            if let Some(b) = word.bbox {
                rect(
                    &mut s,
                    &b,
                    r##"fill="none" stroke="#4a7fd6" stroke-width="0.3""##,
                );
                text(
                    &mut s,
                    b.x0,
                    b.bottom - 0.2 * b.height(),
                    b.height() * 0.75,
                    "#223",
                    &word.text,
                );
            }
        }
    }
    for line in &page.rotated {
        for word in &line.words {
            if let Some(b) = word.bbox {
                rect(
                    &mut s,
                    &b,
                    r##"fill="#eee" stroke="#aaa" stroke-width="0.3""##,
                );
            }
        }
    }
    for r in &page.rulings {
        let colour = match r.kind {
            RulingKind::Stroke => "#e0301e",
            RulingKind::Fill => "#c03cc0",
        };
        let b = r.bbox;
        let _ = write!(
            s,
            r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="{colour}" stroke-width="0.8"/>"#,
            b.x0, b.top, b.x1, b.bottom
        );
    }
    for table in &page.tables {
        for cell in table.rows.iter().flatten().flatten() {
            rect(
                &mut s,
                &cell.bbox,
                r##"fill="#2e9e44" fill-opacity="0.06" stroke="#2e9e44" stroke-width="0.6""##,
            );
        }
    }
    // Key-value blocks stay among the page's tables for the normalizer but
    // are not reported; their region says so.
    let key_value: Vec<BBox> = page
        .tables
        .iter()
        .filter(|t| crate::is_key_value_table(t))
        .map(|t| t.bbox)
        .collect();
    for c in &page.candidates {
        let how = match c.method {
            TableMethod::Lattice => "lattice",
            TableMethod::Stream => "stream",
        };
        let b = pad(&c.bbox, 2.0);
        match c.rejected {
            Some(reason) => {
                rect(
                    &mut s,
                    &b,
                    r##"fill="none" stroke="#f08c00" stroke-width="1.2" stroke-dasharray="4 2""##,
                );
                text(
                    &mut s,
                    b.x0,
                    b.top - 1.5,
                    7.0,
                    "#c05a00",
                    &format!("{how}: {reason}"),
                );
            }
            None => {
                rect(
                    &mut s,
                    &b,
                    r##"fill="none" stroke="#2e9e44" stroke-width="1.6" stroke-dasharray="6 2""##,
                );
                text(
                    &mut s,
                    b.x0,
                    b.top - 1.5,
                    7.0,
                    "#1b7a30",
                    &if key_value.contains(&c.bbox) {
                        format!("{how}: key-value block (kept for its fields, not reported)")
                    } else {
                        format!("{how}: table")
                    },
                );
            }
        }
    }
    let _ = write!(
        s,
        r##"<text x="4" y="{:.2}" font-size="8" fill="#555">page {} — {} tables, {} candidates rejected</text>"##,
        h - 4.0,
        page.number,
        page.tables.len(),
        page.candidates
            .iter()
            .filter(|c| c.rejected.is_some())
            .count()
    );
    s.push_str("</svg>\n");
    s
}

fn pad(b: &BBox, by: f64) -> BBox {
    BBox {
        x0: b.x0 - by,
        top: b.top - by,
        x1: b.x1 + by,
        bottom: b.bottom + by,
    }
}

fn rect(s: &mut String, b: &BBox, style: &str) {
    if !(b.x0.is_finite() && b.top.is_finite() && b.x1.is_finite() && b.bottom.is_finite()) {
        return;
    }
    let _ = write!(
        s,
        r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" {style}/>"#,
        b.x0,
        b.top,
        b.width().max(0.1),
        b.height().max(0.1)
    );
}

fn text(s: &mut String, x: f64, y: f64, size: f64, colour: &str, t: &str) {
    if !(x.is_finite() && y.is_finite() && size.is_finite()) || t.is_empty() {
        return;
    }
    let _ = write!(
        s,
        r#"<text x="{x:.2}" y="{y:.2}" font-size="{:.2}" fill="{colour}">{}</text>"#,
        size.clamp(1.0, 48.0),
        escape(t)
    );
}

/// Text for XML: markup characters escaped, control characters (which XML
/// 1.0 forbids) dropped.
fn escape(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::{TableCandidate, TextLine, Word};

    #[test]
    fn draws_words_and_rejected_candidates_with_their_reason() {
        let b = BBox {
            x0: 10.0,
            top: 20.0,
            x1: 40.0,
            bottom: 30.0,
        };
        let page = Page {
            number: 3,
            width: 200.0,
            height: 100.0,
            lines: vec![TextLine {
                text: "a<b".into(),
                bbox: Some(b),
                words: vec![Word {
                    text: "a<b".into(),
                    bbox: Some(b),
                    font_size: 10.0,
                    rotation: 0.0,
                    font: None,
                }],
                cell: None,
            }],
            rotated: Vec::new(),
            rulings: Vec::new(),
            fills: Vec::new(),
            tables: Vec::new(),
            candidates: vec![TableCandidate {
                bbox: b,
                method: TableMethod::Stream,
                rejected: Some("prose"),
            }],
            problems: Vec::new(),
        };
        let svg = page_svg(&page);
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("a&lt;b"), "{svg}");
        assert!(svg.contains("stream: prose"));
        assert!(svg.contains("page 3 — 0 tables, 1 candidates rejected"));
    }
}
