//! The table engine on the generated table fixtures (`fixtures/tables/`,
//! written by `scripts/gen_table_fixtures.py` with Chromium and
//! LibreOffice): pages whose text lines up in columns but holds no table
//! (prose, bullets, a notes block, numbered headings, a chart with data
//! labels, two columns of text, monospaced text, a key-value block, tab
//! stops, a book index in two columns, text of unreadable glyphs, marks scattered over a form's answer boxes, a type specimen's grid of one phrase, a ruled key-value block, a misread OCR text layer, captions of boxes to write in, glyph codes half of them lone letters) must come out without tables (a key-value block is kept on the page but not reported: `reported_tables`), and the pages with tables
//! (ruled, borderless, a blank form, a timetable, stacked tables, codes and time slots, two tables in one frame, horizontal rules only, three timetables stacked under their day titles) must
//! have each expected table (box overlap IoU >= 0.5) and no other.

mod table_support;

use std::path::PathBuf;

use skjema_extractor::{extract, reported_tables, BBox, ExtractOptions};
use table_support::iou;

#[test]
fn generated_table_fixtures() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/tables");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected.json")).expect("fixtures/tables/expected.json"),
    )
    .expect("expected.json is JSON");
    let files = expected.as_object().expect("an object of files");
    assert!(files.len() >= 10, "{} fixtures", files.len());
    let options = ExtractOptions::default();
    let mut failures = Vec::new();
    for (file, pages) in files {
        let bytes = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let doc = extract(&bytes, &options).unwrap_or_else(|e| panic!("{file}: {e}"));
        let (mut want, mut found, mut matched) = (0usize, 0usize, 0usize);
        for p in pages.as_array().into_iter().flatten() {
            let number = p["page"].as_u64().unwrap_or(0) as u32;
            let boxes: Vec<BBox> = p["tables"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|b| {
                    let v: Vec<f64> = b.as_array()?.iter().filter_map(|x| x.as_f64()).collect();
                    match v.as_slice() {
                        [x0, top, x1, bottom] => Some(BBox {
                            x0: *x0,
                            top: *top,
                            x1: *x1,
                            bottom: *bottom,
                        }),
                        _ => None,
                    }
                })
                .collect();
            let pred: Vec<BBox> = doc
                .pages
                .iter()
                .filter(|pg| pg.number == number)
                .flat_map(|pg| reported_tables(pg).map(|t| t.bbox))
                .collect();
            want += boxes.len();
            found += pred.len();
            matched += boxes
                .iter()
                .filter(|b| pred.iter().any(|p| iou(p, b) >= 0.5))
                .count();
        }
        println!("{file:40} expected {want}, found {found}, matched {matched}");
        if matched != want || found != want {
            failures.push(file.clone());
        }
    }
    assert!(failures.is_empty(), "tables wrong in {failures:?}");
}
