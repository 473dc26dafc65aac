//! Builds small one-page PDFs with lopdf for the tests.
#![allow(dead_code)]

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};

/// Operations that show `text` (WinAnsi bytes) at `(x, y)` with the text matrix `m`.
pub fn text_at(m: [f64; 4], x: f64, y: f64, size: f64, text: &[u8]) -> Vec<Operation> {
    vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), size.into()]),
        Operation::new(
            "Tm",
            vec![
                m[0].into(),
                m[1].into(),
                m[2].into(),
                m[3].into(),
                x.into(),
                y.into(),
            ],
        ),
        Operation::new("Tj", vec![Object::string_literal(text.to_vec())]),
        Operation::new("ET", vec![]),
    ]
}

/// Horizontal text.
pub fn text(x: f64, y: f64, size: f64, text: &[u8]) -> Vec<Operation> {
    text_at([1.0, 0.0, 0.0, 1.0], x, y, size, text)
}

/// A stroked line in PDF user space (origin bottom-left).
pub fn line(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<Operation> {
    vec![
        Operation::new("m", vec![x0.into(), y0.into()]),
        Operation::new("l", vec![x1.into(), y1.into()]),
        Operation::new("S", vec![]),
    ]
}

/// A filled rectangle in PDF user space.
pub fn fill_rect(x: f64, y: f64, w: f64, h: f64) -> Vec<Operation> {
    vec![
        Operation::new("re", vec![x.into(), y.into(), w.into(), h.into()]),
        Operation::new("f", vec![]),
    ]
}

/// A US-letter page (612 x 792) with Helvetica (WinAnsiEncoding) as /F1.
pub fn pdf(ops: Vec<Operation>) -> Vec<u8> {
    pdf_with_annotations(ops, Vec::new())
}

/// An annotation: its subtype, `/Rect` (user space) and the operations of
/// its normal appearance (drawn in a form whose box is the rectangle's size).
pub struct Annotation {
    pub subtype: &'static str,
    pub rect: [f64; 4],
    pub appearance: Vec<Operation>,
}

/// [`pdf`] with annotations on the page.
pub fn pdf_with_annotations(ops: Vec<Operation>, annotations: Vec<Annotation>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let content = Content { operations: ops };
    let content_id = doc.add_object(Stream::new(
        dictionary! {},
        content.encode().unwrap_or_default(),
    ));
    let mut annots: Vec<Object> = Vec::new();
    for a in annotations {
        let [x0, y0, x1, y1] = a.rect;
        let ap = Content {
            operations: a.appearance,
        };
        let ap_id = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), (x1 - x0).into(), (y1 - y0).into()],
                "Resources" => resources_id,
            },
            ap.encode().unwrap_or_default(),
        ));
        annots.push(
            doc.add_object(dictionary! {
                "Type" => "Annot",
                "Subtype" => a.subtype,
                "Rect" => vec![x0.into(), y0.into(), x1.into(), y1.into()],
                "AP" => dictionary! { "N" => ap_id },
            })
            .into(),
        );
    }
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Annots" => annots,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let info_id = doc.add_object(dictionary! {
        "Producer" => Object::string_literal(b"Microsoft\xAE Word 2010".to_vec()),
        "Title" => Object::String(b"\xFE\xFF\x00\xC5\x00r".to_vec(), lopdf::StringFormat::Hexadecimal),
        "CreationDate" => Object::string_literal("D:20130322101112+01'00'"),
    });
    doc.trailer.set("Info", info_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap_or_default();
    out
}
