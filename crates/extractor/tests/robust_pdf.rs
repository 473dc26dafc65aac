//! Hostile and damaged PDFs: every class the PDF layer has a clear outcome
//! for. Synthetic cases always run; real-world cases read the shared corpus
//! (`../shared/corpus/pdf/` beside the repository) and are skipped when it
//! is missing.

mod common;

use std::path::PathBuf;

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document as PdfDoc, Object, Stream};
use skjema_extractor::{extract, Document, ExtractError, ExtractOptions, ProblemKind};

fn corpus(name: &str) -> Option<Vec<u8>> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/pdf")
        .join(name);
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(_) => {
            eprintln!("skipped: {} not found", p.display());
            None
        }
    }
}

fn all_text(doc: &Document) -> String {
    doc.pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.text.clone()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn no_failed_page(doc: &Document) -> bool {
    doc.pages
        .iter()
        .all(|p| p.problems.iter().all(|q| q.kind != ProblemKind::PageFailed))
}

/// A one-page PDF whose page paints form `/X1`, which paints itself.
fn self_painting_form() -> Vec<u8> {
    let mut doc = PdfDoc::with_version("1.5");
    let pages_id = doc.new_object_id();
    let form_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut ops = common::text(72.0, 700.0, 12.0, b"Loop");
    ops.push(Operation::new("Do", vec![Object::Name(b"X1".to_vec())]));
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Resources" => dictionary! {
                "Font" => dictionary! { "F1" => font_id },
                "XObject" => dictionary! { "X1" => form_id },
            },
        },
        Content { operations: ops }.encode().unwrap(),
    );
    doc.objects.insert(form_id, Object::Stream(form));
    let content = Content {
        operations: vec![Operation::new("Do", vec![Object::Name(b"X1".to_vec())])],
    };
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
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
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_cycle_of_form_xobjects_is_cut_not_a_stack_overflow() {
    let doc = extract(&self_painting_form(), &ExtractOptions::default()).expect("readable");
    assert!(all_text(&doc).contains("Loop"));
    assert!(doc.pages[0]
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::LimitReached));
}

#[test]
fn operations_beyond_the_limit_are_skipped_with_a_problem() {
    let mut ops = Vec::new();
    for i in 0..50 {
        ops.extend(common::text(
            72.0,
            700.0 - 12.0 * f64::from(i),
            10.0,
            b"row",
        ));
    }
    let options = ExtractOptions {
        max_ops_per_page: 40,
        ..ExtractOptions::default()
    };
    let doc = extract(&common::pdf(ops), &options).expect("readable");
    assert!(doc.pages[0]
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::LimitReached));
    assert!(doc.pages[0].lines.len() < 50);
}

#[test]
fn mistyped_operands_and_unknown_resources_do_not_fail_the_page() {
    let mut ops = common::text(72.0, 700.0, 12.0, b"Kept");
    ops.push(Operation::new(
        "Tf",
        vec![Object::Name(b"Nope".to_vec()), 9.into()],
    ));
    ops.push(Operation::new("Td", vec![Object::Name(b"x".to_vec())]));
    ops.push(Operation::new("Tj", vec![1.into()]));
    ops.push(Operation::new(
        "cs",
        vec![Object::Name(b"Missing".to_vec())],
    ));
    ops.push(Operation::new(
        "Do",
        vec![Object::Name(b"Missing".to_vec())],
    ));
    ops.push(Operation::new("cm", vec![1.into()]));
    let doc = extract(&common::pdf(ops), &ExtractOptions::default()).expect("readable");
    assert!(no_failed_page(&doc), "{:?}", doc.pages[0].problems);
    assert!(all_text(&doc).contains("Kept"));
}

#[test]
fn too_many_objects_is_a_clear_error() {
    let options = ExtractOptions {
        max_objects: 3,
        ..ExtractOptions::default()
    };
    let err = extract(
        &common::pdf(common::text(72.0, 700.0, 12.0, b"x")),
        &options,
    )
    .unwrap_err();
    assert!(matches!(err, ExtractError::Unsupported(_)), "{err}");
}

/// Files on which pdf-extract 0.12 (the page reader before our own
/// interpreter) panicked: fonts with predefined CJK CMaps, StandardEncoding,
/// bad operands, missing resources, multi-entry CID ranges, a malformed
/// ToUnicode range (adobe-cmap-parser) and a CFF font: each now reads
/// without a failed page.
#[test]
fn formerly_panicking_corpus_files_read_cleanly() {
    for name in [
        "mozilla_pdf.js__test_pdfs_issue1350_bea02a5e.pdf",
        "mozilla_pdf.js__test_pdfs_issue20232_8d433cac.pdf",
        "mozilla_pdf.js__test_pdfs_issue14821_738d8643.pdf",
        "mozilla_pdf.js__test_pdfs_noembed-eucjp_cadd5b9a.pdf",
        "mozilla_pdf.js__test_pdfs_sci-notation_51046cce.pdf",
        "mozilla_pdf.js__test_pdfs_issue6342_ad1f9f10.pdf",
        "mozilla_pdf.js__test_pdfs_issue7855_87d502dd.pdf",
        "mozilla_pdf.js__test_pdfs_issue12823_56e73c75.pdf",
        "jsvine_pdfplumber__tests_pdfs_pr-136-example_bd7d7a3c.pdf",
        "apache_pdfbox__tools_src_test_resources_input_ImageIOUtil_png_demo_db8f4ee6.pdf",
        "mozilla_pdf.js__test_pdfs_issue18099_reduced_50356972.pdf",
        "mozilla_pdf.js__test_pdfs_issue7598_c8c9279b.pdf",
    ] {
        let Some(bytes) = corpus(name) else { continue };
        let doc = extract(&bytes, &ExtractOptions::default()).expect(name);
        assert!(no_failed_page(&doc), "{name}: a page failed");
    }
}

#[test]
fn cjk_font_without_unicode_map_is_an_issue() {
    let Some(bytes) = corpus("mozilla_pdf.js__test_pdfs_noembed-eucjp_cadd5b9a.pdf") else {
        return;
    };
    let doc = extract(&bytes, &ExtractOptions::default()).expect("readable");
    assert!(doc
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::NoUnicodeMap));
}

#[test]
fn text_of_form_fields_and_annotations_comes_out() {
    for (name, want) in [
        (
            "apache_pdfbox__pdfbox_src_test_resources_input_compression_acroform_c823ec6e.pdf",
            "Earth",
        ),
        ("mozilla_pdf.js__test_pdfs_freetexts_fe9585dd.pdf", ""),
    ] {
        let Some(bytes) = corpus(name) else { continue };
        let doc = extract(&bytes, &ExtractOptions::default()).expect(name);
        let text = all_text(&doc);
        assert!(!text.trim().is_empty(), "{name}: no text");
        assert!(text.contains(want), "{name}: {text}");
    }
}

#[test]
fn encrypted_with_a_password_is_a_clear_error() {
    let Some(bytes) =
        corpus("py-pdf_pypdf__resources_encryption_r4-aes-v2-no-key-length_d25c2b36.pdf")
    else {
        return;
    };
    let r = extract(&bytes, &ExtractOptions::default());
    assert!(matches!(r, Err(ExtractError::Encrypted)) || r.is_ok());
}

#[test]
fn broken_xref_is_rebuilt_by_scanning() {
    let bytes = common::pdf(common::text(72.0, 700.0, 12.0, b"Rebuilt"));
    // Cut off the cross-reference table and trailer.
    let at = bytes.windows(4).rposition(|w| w == b"xref").expect("xref");
    let doc = extract(&bytes[..at], &ExtractOptions::default()).expect("recovered");
    assert!(all_text(&doc).contains("Rebuilt"));
}

#[test]
fn a_trailer_naming_no_catalog_is_read_and_said_so_without_claiming_no_pages() {
    let bytes = common::pdf(common::text(72.0, 700.0, 12.0, b"Catalog"));
    let root = bytes
        .windows(5)
        .rposition(|w| w == b"/Root")
        .expect("/Root");
    // The same number of bytes, so the cross-reference table stays valid and
    // only the catalog reference is wrong (it names no object of the file).
    let mut broken = bytes.clone();
    let digits = root + 6;
    let end = digits
        + broken[digits..]
            .iter()
            .position(|b| *b == b' ')
            .expect("ref");
    for b in &mut broken[digits..end] {
        *b = b'9';
    }
    let doc = extract(&broken, &ExtractOptions::default()).expect("recovered");
    assert!(all_text(&doc).contains("Catalog"));
    let said: Vec<&str> = doc.problems.iter().map(|p| p.message.as_str()).collect();
    assert!(
        said.iter().any(|m| m.contains("rebuilt")),
        "the repair is not reported: {said:?}"
    );
    assert!(
        said.iter().all(|m| !m.contains("has no pages")),
        "a document whose pages were read is said to have none: {said:?}"
    );
}
