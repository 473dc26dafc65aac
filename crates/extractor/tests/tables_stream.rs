//! Stream tables (from text alignment) and continued tables, on PDFs and
//! documents built in the test.

mod common;

use common::{pdf, text};
use skjema_extractor::{
    extract, merge_continued, table_rows, BBox, Cell, Document, ExtractOptions, MediaType,
    Metadata, Page, Table, TableMethod,
};

fn rows_of(doc: &Document) -> Vec<Vec<Vec<String>>> {
    doc.pages[0].tables.iter().map(table_rows).collect()
}

#[test]
fn borderless_table_with_wrapped_and_empty_cells() {
    let mut ops = Vec::new();
    type Row<'a> = (f64, &'a [u8], &'a [u8], &'a [u8]);
    let rows: [Row; 5] = [
        (700.0, b"Item", b"Count", b"Note"),
        (686.0, b"Apples", b"12", b"fresh"),
        (672.0, b"Pears and other", b"", b"imported"),
        (661.0, b"fruit", b"", b""),
        (647.0, b"Plums", b"7", b"dried"),
    ];
    for (y, a, b, c) in rows {
        for (x, t) in [(72.0, a), (250.0, b), (400.0, c)] {
            if !t.is_empty() {
                ops.extend(text(x, y, 10.0, t));
            }
        }
    }
    let doc = extract(&pdf(ops), &ExtractOptions::default()).expect("extracts");
    let tables = &doc.pages[0].tables;
    assert_eq!(tables.len(), 1, "{:?}", rows_of(&doc));
    assert_eq!(tables[0].method, TableMethod::Stream);
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        table_rows(&tables[0]),
        vec![
            s(&["Item", "Count", "Note"]),
            s(&["Apples", "12", "fresh"]),
            s(&["Pears and other\nfruit", "", "imported"]),
            s(&["Plums", "7", "dried"]),
        ]
    );
    // Stream tables stay out of the reading order.
    assert!(doc.pages[0].lines.iter().all(|l| l.cell.is_none()));
}

#[test]
fn prose_page_has_no_table() {
    let prose: [&[u8]; 6] = [
        b"The municipality has worked with housing for vulnerable groups",
        b"since the programme started, and the report describes the work",
        b"done in the period, the results reached and what remains to be",
        b"done. Most of the effort went into finding homes for families",
        b"with children and into helping young people keep their flats.",
        b"The next period will build on this experience.",
    ];
    let mut ops = Vec::new();
    for (i, line) in prose.iter().enumerate() {
        ops.extend(text(72.0, 700.0 - 14.0 * i as f64, 11.0, line));
    }
    let doc = extract(&pdf(ops), &ExtractOptions::default()).expect("extracts");
    assert!(doc.pages[0].tables.is_empty(), "{:?}", rows_of(&doc));
}

fn table(top: f64, rows: &[&[&str]]) -> Table {
    let bbox = BBox {
        x0: 50.0,
        top,
        x1: 500.0,
        bottom: top + 20.0 * rows.len() as f64,
    };
    Table {
        bbox,
        rows: rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|t| {
                        Some(Cell {
                            text: t.to_string(),
                            bbox,
                            row_span: 1,
                            col_span: 1,
                        })
                    })
                    .collect()
            })
            .collect(),
        method: TableMethod::Stream,
    }
}

fn page(number: u32, tables: Vec<Table>) -> Page {
    Page {
        number,
        width: 595.0,
        height: 842.0,
        lines: Vec::new(),
        rotated: Vec::new(),
        rulings: Vec::new(),
        fills: Vec::new(),
        tables,
        candidates: Vec::new(),
        problems: Vec::new(),
    }
}

#[test]
fn continued_table_merges_without_repeated_header() {
    let doc = Document {
        media_type: MediaType::Pdf,
        pages: vec![
            page(
                1,
                vec![
                    table(100.0, &[&["a", "b"], &["c", "d"]]),
                    table(
                        600.0,
                        &[&["Year", "Total", "Share"], &["2009", "10", "Part of a"]],
                    ),
                ],
            ),
            page(
                2,
                vec![
                    table(
                        60.0,
                        &[
                            &["Year", "Total", "Share"],
                            &["", "", "long note"],
                            &["2010", "12", "0.4"],
                        ],
                    ),
                    table(500.0, &[&["x", "y", "z"], &["1", "2", "3"]]),
                ],
            ),
            page(
                3,
                vec![table(
                    400.0,
                    &[&["Year", "Total", "Share"], &["1", "2", "3"]],
                )],
            ),
        ],
        metadata: Metadata::default(),
        problems: Vec::new(),
    };
    let merged = merge_continued(&doc);
    assert_eq!(merged.len(), 4);
    let t = &merged[1];
    assert_eq!((t.page, t.pages.clone()), (1, vec![1, 2]));
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        t.rows,
        vec![
            s(&["Year", "Total", "Share"]),
            s(&["2009", "10", "Part of a\nlong note"]),
            s(&["2010", "12", "0.4"]),
        ]
    );
    // Not the first table of page 2, and page 3's table starts too low.
    assert_eq!(merged[2].pages, vec![2]);
    assert_eq!(merged[3].pages, vec![3]);
}

#[test]
fn key_value_blocks_are_no_merged_tables() {
    let fields: &[&[&str]] = &[
        &["Programnavn:", "Alle skal bo godt"],
        &["Kommune:", "Elverum"],
        &["Programleder:", "Tone Aasen"],
        &["Programstart:", "November 2010"],
        &["Rapporteringsdato:", "01.09.2011"],
    ];
    let data: &[&[&str]] = &[
        &["Year", "Grant"],
        &["2010", "500 000"],
        &["2011", "700 000"],
    ];
    let doc = Document {
        media_type: MediaType::Pdf,
        pages: vec![
            page(1, vec![table(100.0, fields), table(600.0, data)]),
            // A label/value block heading the next page is left out; the
            // data table below it, not the page's first table, starts a
            // table of its own.
            page(2, vec![table(60.0, fields), table(300.0, data)]),
        ],
        metadata: Metadata::default(),
        problems: Vec::new(),
    };
    let merged = merge_continued(&doc);
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let firsts: Vec<(u32, Vec<String>)> = merged
        .iter()
        .map(|t| (t.page, t.rows.first().cloned().unwrap_or_default()))
        .collect();
    assert_eq!(
        firsts,
        vec![(1, s(&["Year", "Grant"])), (2, s(&["Year", "Grant"]))]
    );
}
