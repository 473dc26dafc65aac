//! Form XObjects placed where the page paints them.
//!
//! pdf-extract 0.12 interprets a form XObject (`Do`) with a fresh graphics
//! state: the caller's CTM and the form's `/Matrix` are lost, so everything
//! inside a form lands in the wrong place (Chromium draws rotated text this
//! way). Before each page is extracted, the page's content is scanned for
//! `q`/`Q`/`cm`/`Do` only, and every form it paints gets that placement
//! prepended to its content as a `cm`. A form painted twice on one page with
//! different placements keeps the first.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document as PdfDoc, Object, ObjectId};

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
const MAX_DEPTH: usize = 8;

/// `m` applied first, then `ctm` (PDF's `m × ctm`).
fn multiply(m: &Matrix, ctm: &Matrix) -> Matrix {
    [
        m[0] * ctm[0] + m[1] * ctm[2],
        m[0] * ctm[1] + m[1] * ctm[3],
        m[2] * ctm[0] + m[3] * ctm[2],
        m[2] * ctm[1] + m[3] * ctm[3],
        m[4] * ctm[0] + m[5] * ctm[2] + ctm[4],
        m[4] * ctm[1] + m[5] * ctm[3] + ctm[5],
    ]
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn matrix_of(objs: &[Object]) -> Option<Matrix> {
    let v: Vec<f64> = objs.iter().filter_map(num).collect();
    <[f64; 6]>::try_from(v.as_slice()).ok()
}

fn resolve<'a>(doc: &'a PdfDoc, o: &'a Object) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        o => Some(o),
    }
}

/// The form XObjects named in `resources`: name → object id.
fn forms_in(doc: &PdfDoc, resources: &Dictionary) -> HashMap<Vec<u8>, ObjectId> {
    let mut out = HashMap::new();
    let Some(Object::Dictionary(xobjects)) =
        resources.get(b"XObject").ok().and_then(|o| resolve(doc, o))
    else {
        return out;
    };
    for (name, o) in xobjects.iter() {
        let Object::Reference(id) = o else { continue };
        let Ok(Object::Stream(s)) = doc.get_object(*id) else {
            continue;
        };
        if s.dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Form")
        {
            out.insert(name.clone(), *id);
        }
    }
    out
}

fn page_resources(doc: &PdfDoc, page_id: ObjectId) -> Option<&Dictionary> {
    let mut node = doc.get_dictionary(page_id).ok()?;
    for _ in 0..32 {
        if let Some(Object::Dictionary(d)) =
            node.get(b"Resources").ok().and_then(|o| resolve(doc, o))
        {
            return Some(d);
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// Remembers forms' original content so each page starts from it.
#[derive(Default)]
pub(crate) struct FormPlacer {
    originals: HashMap<ObjectId, Vec<u8>>,
}

impl FormPlacer {
    fn original(&mut self, doc: &PdfDoc, id: ObjectId) -> Option<Vec<u8>> {
        if let Some(c) = self.originals.get(&id) {
            return Some(c.clone());
        }
        let Ok(Object::Stream(s)) = doc.get_object(id) else {
            return None;
        };
        let content = s.get_plain_content().ok()?;
        self.originals.insert(id, content.clone());
        Some(content)
    }

    /// Rewrites the forms painted on `page_id` for that page.
    pub(crate) fn place(&mut self, doc: &mut PdfDoc, page_id: ObjectId) {
        let Some(resources) = page_resources(doc, page_id) else {
            return;
        };
        let forms = forms_in(doc, resources);
        if forms.is_empty() {
            return;
        }
        let Ok(content) = doc.get_page_content(page_id) else {
            return;
        };
        let mut placements: Vec<(ObjectId, Matrix)> = Vec::new();
        self.scan(doc, &content, &forms, IDENTITY, 0, &mut placements);
        let mut done: Vec<ObjectId> = Vec::new();
        for (id, m) in placements {
            if done.contains(&id) {
                continue;
            }
            done.push(id);
            let Some(original) = self.original(doc, id) else {
                continue;
            };
            let mut placed =
                format!("{} {} {} {} {} {} cm\n", m[0], m[1], m[2], m[3], m[4], m[5]).into_bytes();
            placed.extend_from_slice(&original);
            if let Ok(Object::Stream(s)) = doc.get_object_mut(id) {
                s.set_plain_content(placed);
            }
        }
    }

    fn scan(
        &mut self,
        doc: &PdfDoc,
        content: &[u8],
        forms: &HashMap<Vec<u8>, ObjectId>,
        start: Matrix,
        depth: usize,
        out: &mut Vec<(ObjectId, Matrix)>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let Ok(ops) = Content::decode(content) else {
            return;
        };
        let mut ctm = start;
        let mut stack: Vec<Matrix> = Vec::new();
        for op in &ops.operations {
            match op.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(start),
                "cm" => {
                    if let Some(m) = matrix_of(&op.operands) {
                        ctm = multiply(&m, &ctm);
                    }
                }
                "Do" => {
                    let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
                        continue;
                    };
                    let Some(&id) = forms.get(name) else { continue };
                    let Ok(Object::Stream(s)) = doc.get_object(id) else {
                        continue;
                    };
                    let form_matrix = s
                        .dict
                        .get(b"Matrix")
                        .ok()
                        .and_then(|o| resolve(doc, o))
                        .and_then(|o| o.as_array().ok())
                        .and_then(|a| matrix_of(a))
                        .unwrap_or(IDENTITY);
                    let placed = multiply(&form_matrix, &ctm);
                    out.push((id, placed));
                    // Forms inside the form: their names come from its own resources.
                    let inner_forms =
                        match s.dict.get(b"Resources").ok().and_then(|o| resolve(doc, o)) {
                            Some(Object::Dictionary(r)) => forms_in(doc, r),
                            _ => forms.clone(),
                        };
                    if let Some(inner) = self.original(doc, id) {
                        self.scan(doc, &inner, &inner_forms, placed, depth + 1, out);
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_in_pdf_order() {
        // Scale by 2, then move by (10, 20).
        let m = multiply(
            &[2.0, 0.0, 0.0, 2.0, 0.0, 0.0],
            &[1.0, 0.0, 0.0, 1.0, 10.0, 20.0],
        );
        assert_eq!(m, [2.0, 0.0, 0.0, 2.0, 10.0, 20.0]);
        let m = multiply(
            &[1.0, 0.0, 0.0, 1.0, 10.0, 20.0],
            &[2.0, 0.0, 0.0, 2.0, 0.0, 0.0],
        );
        assert_eq!(m, [2.0, 0.0, 0.0, 2.0, 20.0, 40.0]);
    }
}
