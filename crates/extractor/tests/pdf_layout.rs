//! Text, rotated text and tables from PDFs built in the test.

mod common;

use common::{fill_rect, line, pdf, pdf_with_annotations, text, text_at, Annotation};
use skjema_extractor::{extract, CellRef, ExtractOptions, MediaType};

#[test]
fn words_lines_and_metadata() {
    let mut ops = text(72.0, 700.0, 12.0, b"Programnavn:");
    ops.extend(text(200.0, 700.0, 12.0, b"TAK p\xE5 eget liv"));
    ops.extend(text(
        72.0,
        680.0,
        12.0,
        b"\xC6rlig \xD8sterdal p\xE5 \xC5sen",
    ));
    let doc = extract(&pdf(ops), &ExtractOptions::default()).expect("extracts");
    assert_eq!(doc.media_type, MediaType::Pdf);
    assert_eq!(
        doc.metadata.producer.as_deref(),
        Some("Microsoft® Word 2010")
    );
    assert_eq!(doc.metadata.title.as_deref(), Some("År"));
    assert_eq!(doc.metadata.created.as_deref(), Some("2013-03-22T10:11:12"));
    assert!(!doc.metadata.encrypted);
    let page = &doc.pages[0];
    assert_eq!((page.width, page.height), (612.0, 792.0));
    let texts: Vec<&str> = page.lines.iter().map(|l| l.text.as_str()).collect();
    // The label and its value far to the right are one line, in x order.
    assert_eq!(
        texts,
        vec!["Programnavn: TAK på eget liv", "Ærlig Østerdal på Åsen"]
    );
    let words: Vec<&str> = page.words().map(|w| w.text.as_str()).collect();
    assert_eq!(
        words,
        vec![
            "Programnavn:",
            "TAK",
            "på",
            "eget",
            "liv",
            "Ærlig",
            "Østerdal",
            "på",
            "Åsen"
        ]
    );
    let first_word = page.words().next().expect("a word");
    let first = first_word.bbox.expect("bbox");
    assert!((first.x0 - 72.0).abs() < 0.5, "{first:?}");
    // Baseline at 792 - 700 = 92: the box holds it.
    assert!(first.top < 92.0 && first.bottom > 92.0, "{first:?}");
    assert_eq!(first_word.font_size, 12.0);
    assert_eq!(page.lines[0].cell, None);
    assert!(page.rotated.is_empty());
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
}

#[test]
fn rotated_text_is_kept_apart_and_reads_along_its_direction() {
    let mut ops = text(72.0, 700.0, 12.0, b"Innhold");
    // Bottom to top along the left edge (90°), and top to bottom (270°).
    ops.extend(text_at(
        [0.0, 1.0, -1.0, 0.0],
        30.0,
        300.0,
        20.0,
        b"PROGRAM",
    ));
    ops.extend(text_at(
        [0.0, -1.0, 1.0, 0.0],
        580.0,
        600.0,
        20.0,
        b"RAPPORT",
    ));
    let doc = extract(&pdf(ops), &ExtractOptions::default()).expect("extracts");
    let page = &doc.pages[0];
    assert_eq!(page.lines.len(), 1);
    assert_eq!(page.lines[0].text, "Innhold");
    let mut rotated: Vec<(String, f64)> = page
        .rotated
        .iter()
        .map(|l| (l.text.clone(), l.words[0].rotation))
        .collect();
    rotated.sort_by(|a, b| a.1.total_cmp(&b.1));
    assert_eq!(
        rotated,
        vec![("PROGRAM".to_owned(), 90.0), ("RAPPORT".to_owned(), 270.0)]
    );
    let b = page
        .rotated
        .iter()
        .find(|l| l.text == "PROGRAM")
        .and_then(|l| l.bbox)
        .expect("bbox");
    // Runs up from y = 792 - 300 = 492: a tall, narrow box.
    assert!(b.height() > 3.0 * b.width(), "{b:?}");
    assert!((b.bottom - 492.0).abs() < 1.0, "{b:?}");
}

/// A 3 x 3 grid at x 72/200/350/500, y (user space) 700/680/640/620, with
/// the inner vertical at 200 missing in the last row (a spanning cell).
fn grid_ops(filled: bool) -> Vec<lopdf::content::Operation> {
    let mut ops = Vec::new();
    let hline = |y: f64| {
        if filled {
            fill_rect(72.0, y - 0.25, 428.0, 0.5)
        } else {
            line(72.0, y, 500.0, y)
        }
    };
    let vline = |x: f64, y0: f64, y1: f64| {
        if filled {
            fill_rect(x - 0.25, y0, 0.5, y1 - y0)
        } else {
            line(x, y0, x, y1)
        }
    };
    for y in [700.0, 680.0, 640.0, 620.0] {
        ops.extend(hline(y));
    }
    for x in [72.0, 350.0, 500.0] {
        ops.extend(vline(x, 620.0, 700.0));
    }
    ops.extend(vline(200.0, 640.0, 700.0));
    ops.extend(text(80.0, 686.0, 10.0, b"Aktivitet"));
    ops.extend(text(210.0, 686.0, 10.0, b"Resultat"));
    ops.extend(text(360.0, 686.0, 10.0, b"Status"));
    ops.extend(text(80.0, 666.0, 10.0, b"1) Bygge"));
    ops.extend(text(80.0, 654.0, 10.0, b"boliger"));
    ops.extend(text(360.0, 666.0, 10.0, b"g"));
    ops.extend(text(80.0, 626.0, 10.0, b"Totalt"));
    ops.extend(text(360.0, 626.0, 10.0, b"30 %"));
    ops.extend(text(72.0, 600.0, 10.0, b"Etter tabellen"));
    ops.extend(text(72.0, 720.0, 10.0, b"Over tabellen"));
    ops
}

fn check_grid(filled: bool) {
    let doc = extract(&pdf(grid_ops(filled)), &ExtractOptions::default()).expect("extracts");
    let page = &doc.pages[0];
    assert!(page.rulings.len() >= 7, "{} rulings", page.rulings.len());
    assert_eq!(page.tables.len(), 1);
    let t = &page.tables[0];
    assert_eq!(t.rows.len(), 3);
    assert!(t.rows.iter().all(|r| r.len() == 3));
    let cell = |r: usize, c: usize| t.rows[r][c].as_ref().map(|c| c.text.as_str());
    assert_eq!(cell(0, 0), Some("Aktivitet"));
    assert_eq!(cell(0, 1), Some("Resultat"));
    assert_eq!(cell(1, 0), Some("1) Bygge\nboliger"));
    assert_eq!(cell(1, 1), Some(""), "an empty cell stays empty");
    assert_eq!(cell(1, 2), Some("g"));
    assert_eq!(cell(2, 0), Some("Totalt"));
    assert_eq!(t.rows[2][0].as_ref().map(|c| c.col_span), Some(2));
    assert_eq!(cell(2, 1), None, "covered by the spanning cell");
    assert_eq!(cell(2, 2), Some("30 %"));
    let b = t.bbox;
    assert!(
        (b.x0 - 72.0).abs() < 1.0 && (b.top - 92.0).abs() < 1.0 && (b.bottom - 172.0).abs() < 1.0,
        "{b:?}"
    );

    let texts: Vec<(&str, Option<CellRef>)> = page
        .lines
        .iter()
        .map(|l| (l.text.as_str(), l.cell))
        .collect();
    let at = |row, col| Some(CellRef { table: 0, row, col });
    assert_eq!(
        texts,
        vec![
            ("Over tabellen", None),
            ("Aktivitet", at(0, 0)),
            ("Resultat", at(0, 1)),
            ("Status", at(0, 2)),
            ("1) Bygge", at(1, 0)),
            ("boliger", at(1, 0)),
            ("g", at(1, 2)),
            ("Totalt", at(2, 0)),
            ("30 %", at(2, 2)),
            ("Etter tabellen", None),
        ]
    );
}

#[test]
fn stroked_table_grid_with_spanning_cell() {
    check_grid(false);
}

#[test]
fn filled_thin_rectangles_make_the_same_table() {
    check_grid(true);
}

#[test]
fn per_cell_borders_and_double_lines_make_one_grid() {
    // Chromium-style: every cell draws its own box; plus a double top border.
    let mut ops = Vec::new();
    for (x, w) in [(72.0, 100.0), (172.0, 100.0)] {
        for y in [700.0, 680.0] {
            ops.extend(vec![
                lopdf::content::Operation::new(
                    "re",
                    vec![x.into(), y.into(), w.into(), 20.0.into()],
                ),
                lopdf::content::Operation::new("S", vec![]),
            ]);
        }
    }
    ops.extend(line(72.0, 722.0, 272.0, 722.0));
    ops.extend(text(80.0, 706.0, 10.0, b"a"));
    ops.extend(text(180.0, 706.0, 10.0, b"b"));
    ops.extend(text(80.0, 686.0, 10.0, b"c"));
    ops.extend(text(180.0, 686.0, 10.0, b"d"));
    let doc = extract(&pdf(ops), &ExtractOptions::default()).expect("extracts");
    let t = &doc.pages[0].tables;
    assert_eq!(t.len(), 1, "{:?}", doc.pages[0].tables);
    let grid: Vec<Vec<String>> = t[0]
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| c.as_ref().map(|c| c.text.clone()).unwrap_or_default())
                .collect()
        })
        .collect();
    assert_eq!(grid, vec![vec!["a", "b"], vec!["c", "d"]]);
}

#[test]
fn page_without_text_is_flagged() {
    let doc = extract(
        &pdf(line(10.0, 10.0, 100.0, 10.0)),
        &ExtractOptions::default(),
    )
    .expect("extracts");
    assert!(doc
        .problems
        .iter()
        .any(|p| p.kind == skjema_extractor::ProblemKind::NoTextLayer));
}

#[test]
fn text_inside_a_placed_form_xobject_lands_where_the_page_puts_it() {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let form_ops = Content {
        operations: common::text(0.0, 0.0, 10.0, b"Skjema"),
    };
    let form_id = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 200.into(), 50.into()],
            // The form's own matrix moves it 5 pt further right.
            "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 5.into(), 0.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
        },
        form_ops.encode().unwrap_or_default(),
    ));
    let page_ops = Content {
        operations: vec![
            Operation::new("q", vec![]),
            Operation::new(
                "cm",
                vec![
                    1.into(),
                    0.into(),
                    0.into(),
                    1.into(),
                    100.into(),
                    500.into(),
                ],
            ),
            Operation::new("Do", vec!["X1".into()]),
            Operation::new("Q", vec![]),
        ],
    };
    let content_id = doc.add_object(Stream::new(
        dictionary! {},
        page_ops.encode().unwrap_or_default(),
    ));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "Resources" => dictionary! { "XObject" => dictionary! { "X1" => form_id } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("saves");
    let out = extract(&bytes, &ExtractOptions::default()).expect("extracts");
    let word = out.pages[0].words().next().expect("a word");
    assert_eq!(word.text, "Skjema");
    let b = word.bbox.expect("bbox");
    assert!((b.x0 - 105.0).abs() < 0.5, "{b:?}");
    assert!(b.top < 292.0 && b.bottom > 292.0, "{b:?}");
}

/// A list box: a form field drawn as a box with a line between its items
/// and the chosen item highlighted.
fn list_box(x: f64, y: f64, items: &[&[u8]]) -> Annotation {
    let (w, h) = (120.0, 16.0 * items.len() as f64);
    let mut appearance = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let top = h - 16.0 * i as f64;
        appearance.extend(line(0.0, top, w, top));
        appearance.extend(text(4.0, top - 12.0, 10.0, item));
    }
    appearance.extend(line(0.0, 0.0, w, 0.0));
    appearance.extend(line(0.0, 0.0, 0.0, h));
    appearance.extend(line(w, 0.0, w, h));
    appearance.extend(line(60.0, 0.0, 60.0, h));
    appearance.extend(fill_rect(0.0, h - 16.0, w, 16.0));
    Annotation {
        subtype: "Widget",
        rect: [x, y, x + w, y + h],
        appearance,
    }
}

/// A reader's highlight: a filled box with an outline over a line of text.
fn highlight(x: f64, y: f64, w: f64) -> Annotation {
    let mut appearance = fill_rect(0.0, 0.0, w, 12.0);
    appearance.extend(line(0.0, 0.0, w, 0.0));
    appearance.extend(line(0.0, 12.0, w, 12.0));
    appearance.extend(line(0.0, 0.0, 0.0, 12.0));
    appearance.extend(line(w, 0.0, w, 12.0));
    Annotation {
        subtype: "Highlight",
        rect: [x, y, x + w, y + 12.0],
        appearance,
    }
}

#[test]
fn highlights_over_prose_are_no_table() {
    let mut ops = Vec::new();
    let mut marks = Vec::new();
    for (i, l) in [
        &b"Dynamic languages such as JavaScript are more difficult to"[..],
        b"compile than statically typed ones since no concrete type",
        b"information is available and traditional compilers need",
        b"to emit generic code that can handle all possible types.",
    ]
    .iter()
    .enumerate()
    {
        let y = 700.0 - 14.0 * i as f64;
        ops.extend(text(72.0, y, 10.0, l));
        // Highlights side by side on each line, meeting mid-sentence.
        marks.push(highlight(70.0, y - 3.0, 150.0));
        marks.push(highlight(220.0, y - 3.0, 120.0));
    }
    let doc = extract(
        &pdf_with_annotations(ops, marks),
        &ExtractOptions::default(),
    )
    .expect("extracts");
    let page = &doc.pages[0];
    assert!(page.tables.is_empty(), "{:?}", page.tables);
    assert!(page.rulings.is_empty() && page.fills.is_empty());
    assert_eq!(page.lines.len(), 4);
}

#[test]
fn form_fields_are_no_table_but_their_values_are_text() {
    // Two list boxes side by side: boxes, lines between items, a
    // highlight; their drawing makes a grid, their items are no rows.
    let bytes = pdf_with_annotations(
        text(72.0, 720.0, 10.0, b"Choose a planet"),
        vec![
            list_box(72.0, 600.0, &[b"Earth", b"Mars", b"Venus", b"Sun"]),
            list_box(192.0, 600.0, &[b"Oslo", b"Bergen", b"Bodo", b"Molde"]),
        ],
    );
    let doc = extract(&bytes, &ExtractOptions::default()).expect("extracts");
    let page = &doc.pages[0];
    assert!(page.tables.is_empty(), "{:?}", page.tables);
    assert!(page.rulings.is_empty(), "{:?}", page.rulings);
    let words: Vec<&str> = page.words().map(|w| w.text.as_str()).collect();
    for w in ["Earth", "Venus", "Bergen", "Molde"] {
        assert!(words.contains(&w), "{w} missing from {words:?}");
    }
    // The same drawing in the page's own content is a table's grid.
    let mut ops = Vec::new();
    for a in [
        list_box(72.0, 600.0, &[b"Earth", b"Mars", b"Venus", b"Sun"]),
        list_box(192.0, 600.0, &[b"Oslo", b"Bergen", b"Bodo", b"Molde"]),
    ] {
        ops.push(lopdf::content::Operation::new("q", vec![]));
        ops.push(lopdf::content::Operation::new(
            "cm",
            vec![
                1.into(),
                0.into(),
                0.into(),
                1.into(),
                a.rect[0].into(),
                a.rect[1].into(),
            ],
        ));
        ops.extend(a.appearance);
        ops.push(lopdf::content::Operation::new("Q", vec![]));
    }
    let doc = extract(&pdf(ops), &ExtractOptions::default()).expect("extracts");
    assert!(!doc.pages[0].rulings.is_empty());
}
