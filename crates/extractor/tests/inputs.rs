//! Text input on the seed transcripts, and the error cases.

mod common;

use skjema_extractor::{extract, ExtractError, ExtractOptions, MediaType};

fn seed(prefix: &str) -> Option<Vec<u8>> {
    let dir = std::fs::read_dir("/work/shared/seeds").ok()?;
    let path = dir.filter_map(Result::ok).map(|e| e.path()).find(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(prefix))
    })?;
    std::fs::read(path).ok()
}

#[test]
fn seed_transcripts_split_into_pages() {
    // 000: the cover (page 1) carries no leading number, pages "2".."15" do.
    // 003: pages "1".."17". 001: no numbers and no marker: one page.
    for (prefix, pages, first_words) in [
        ("000_", 15, "BOLIGSOSIALT UTVIKLINGSPROGRAM"),
        ("001_", 1, "Skjema for halvårsrapportering"),
        ("003_", 17, "RAPPORTERING I BOLIGSOSIALT"),
    ] {
        let Some(bytes) = seed(prefix) else {
            eprintln!("seed {prefix} missing; skipped");
            continue;
        };
        let doc = extract(&bytes, &ExtractOptions::default()).expect("text extracts");
        assert_eq!(doc.media_type, MediaType::Text);
        assert_eq!(doc.pages.len(), pages, "seed {prefix}");
        let first = &doc.pages[0].lines[0];
        assert!(
            first.text.starts_with(first_words),
            "seed {prefix}: {}",
            first.text
        );
        assert_eq!(first.bbox, None);
        assert!(first
            .words
            .iter()
            .all(|w| w.bbox.is_none() && w.font_size == 0.0));
        for (i, p) in doc.pages.iter().enumerate() {
            assert_eq!(p.number as usize, i + 1);
        }
    }
    if let Some(bytes) = seed("000_") {
        let doc = extract(&bytes, &ExtractOptions::default()).expect("text extracts");
        // The page number is removed from the page's first line.
        assert!(doc.pages[1].lines[0]
            .text
            .starts_with("Skjema for års- og halvårsrapportering"));
        assert!(doc.pages[14].lines[0]
            .text
            .starts_with("4. Rapportering på økonomi 2011"));
        // The "Like dokumenter" header is not part of the document.
        assert!(!doc.pages[0]
            .lines
            .iter()
            .any(|l| l.text.contains("Transkript")));
    }
    if let Some(bytes) = seed("002_") {
        let doc = extract(&bytes, &ExtractOptions::default()).expect("text extracts");
        assert_eq!(doc.pages.len(), 20);
        assert!(doc.pages[0].lines[0]
            .text
            .starts_with("Sluttrapport august 2014"));
    }
}

#[test]
fn empty_and_binary_inputs_are_errors() {
    assert!(matches!(
        extract(b"", &ExtractOptions::default()),
        Err(ExtractError::Empty)
    ));
    assert!(matches!(
        extract(b" \n\t ", &ExtractOptions::default()),
        Err(ExtractError::Empty)
    ));
    let png: Vec<u8> = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
        .iter()
        .copied()
        .chain((0..200u8).map(|b| b % 7))
        .collect();
    assert!(matches!(
        extract(&png, &ExtractOptions::default()),
        Err(ExtractError::NotADocument)
    ));
}

#[test]
fn truncated_pdf_is_a_clear_error_or_a_recovered_document() {
    let mut ops = common::text(72.0, 700.0, 12.0, b"Hei");
    ops.extend(common::line(10.0, 10.0, 100.0, 10.0));
    let whole = common::pdf(ops);
    let half = &whole[..whole.len() / 2];
    match extract(half, &ExtractOptions::default()) {
        Err(ExtractError::BrokenPdf(msg)) => assert!(msg.contains("truncated"), "{msg}"),
        Ok(doc) => assert!(
            doc.problems.iter().any(|p| p.message.contains("rebuilt")),
            "a recovered document says so: {:?}",
            doc.problems
        ),
        Err(e) => panic!("unexpected error {e}"),
    }
    // Only the header left: nothing to recover.
    let header_only = b"%PDF-1.5\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<";
    match extract(header_only, &ExtractOptions::default()) {
        Err(ExtractError::BrokenPdf(msg)) => assert!(msg.contains("truncated"), "{msg}"),
        other => panic!("expected BrokenPdf, got {other:?}"),
    }
}

#[test]
fn cut_off_cross_reference_table_is_rebuilt() {
    // Everything but the xref table and trailer survives.
    let whole = common::pdf(common::text(72.0, 700.0, 12.0, b"Gjenopprettet"));
    let xref = whole
        .windows(4)
        .rposition(|w| w == b"xref")
        .expect("has xref");
    let doc = extract(&whole[..xref], &ExtractOptions::default()).expect("recovers");
    assert_eq!(doc.pages[0].lines[0].text, "Gjenopprettet");
    assert!(doc.problems.iter().any(|p| p.message.contains("rebuilt")));
}

#[test]
fn max_pages_is_respected_for_text() {
    let opts = ExtractOptions {
        max_pages: 2,
        ..ExtractOptions::default()
    };
    let doc = extract(b"a\x0cb\x0cc\x0cd", &opts).expect("text");
    assert_eq!(doc.pages.len(), 2);
    assert!(doc
        .problems
        .iter()
        .any(|p| p.kind == skjema_extractor::ProblemKind::LimitReached));
}

#[test]
fn huge_object_number_without_xref_ends_quickly() {
    let pdf = b"%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>>\nendobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>>\nendobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 10 10]>>\nendobj\n\n2147483647 0 obj <</Root 1 0 R>>\nendobj\n";
    let start = std::time::Instant::now();
    let result = extract(pdf, &ExtractOptions::default());
    assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
    // Rebuilt: one empty page, no text.
    if let Ok(doc) = result {
        assert_eq!(doc.pages.len(), 1);
        assert!(doc
            .problems
            .iter()
            .any(|p| p.kind == skjema_extractor::ProblemKind::NoTextLayer));
    }
}
