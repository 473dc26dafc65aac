//! Changes made to the loaded document before pdf-extract reads it, each
//! working around a defect of pdf-extract 0.12 (see the parent module).

use lopdf::{Document as PdfDoc, Object, ObjectId};

/// Empties image streams: we never look at pixels, and pdf-extract would
/// try to parse them as page content when a page paints them.
pub(crate) fn drop_image_data(doc: &mut PdfDoc) {
    for obj in doc.objects.values_mut() {
        if let Object::Stream(s) = obj {
            let is_image = s
                .dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Image");
            if is_image {
                s.content.clear();
                s.dict.remove(b"Filter");
                s.dict.remove(b"DecodeParms");
                s.dict.set("Length", 0);
            }
        }
    }
}

fn number(doc: &PdfDoc, o: &Object) -> Option<f64> {
    let o = match o {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        o => o,
    };
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// The `/W` array with every `c_first c_last w` entry spelled out as
/// `c_first [w w …]`, and nested arrays made direct.
fn expand_widths(doc: &PdfDoc, w: &[Object]) -> Option<Vec<Object>> {
    let mut out = Vec::with_capacity(w.len());
    let mut i = 0;
    while let Some(first) = w.get(i) {
        let first = number(doc, first)?;
        let next = w.get(i + 1)?;
        let next_resolved = match next {
            Object::Reference(id) => doc.get_object(*id).ok()?,
            o => o,
        };
        if let Object::Array(list) = next_resolved {
            let widths: Vec<Object> = list
                .iter()
                .filter_map(|x| number(doc, x))
                .map(|v| Object::Real(v as f32))
                .collect();
            out.push(Object::Integer(first as i64));
            out.push(Object::Array(widths));
            i += 2;
        } else {
            let last = number(doc, next_resolved)?;
            let width = number(doc, w.get(i + 2)?)?;
            // A bound against absurd ranges in damaged files.
            if last < first || last - first > 65_535.0 {
                return None;
            }
            let count = (last - first) as usize + 1;
            out.push(Object::Integer(first as i64));
            out.push(Object::Array(vec![Object::Real(width as f32); count]));
            i += 3;
        }
    }
    Some(out)
}

/// Rewrites the `/W` arrays of CID fonts into the one form pdf-extract reads right.
pub(crate) fn expand_cid_width_ranges(doc: &mut PdfDoc) {
    let mut updates: Vec<(ObjectId, Vec<Object>)> = Vec::new();
    for (&id, obj) in &doc.objects {
        let Object::Dictionary(d) = obj else { continue };
        let is_cid = d
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"CIDFontType0" || n == b"CIDFontType2");
        if !is_cid {
            continue;
        }
        let w = match d.get(b"W") {
            Ok(Object::Array(a)) => a,
            Ok(Object::Reference(r)) => match doc.get_object(*r) {
                Ok(Object::Array(a)) => a,
                _ => continue,
            },
            _ => continue,
        };
        match expand_widths(doc, w) {
            Some(new_w) => updates.push((id, new_w)),
            None => tracing::debug!("CID font {id:?} has a malformed /W array; left as it is"),
        }
    }
    for (id, w) in updates {
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(id) {
            d.set("W", Object::Array(w));
        }
    }
}

/// Replaces every reference to an object the file does not hold with null.
/// PDF says such a reference means null; pdf-extract instead panics on it
/// ("missing object reference", found by the `text` fuzz target).
pub(crate) fn null_dangling_references(doc: &mut PdfDoc) {
    fn scrub(object: &mut Object, present: &std::collections::HashSet<lopdf::ObjectId>) {
        match object {
            Object::Reference(id) if !present.contains(id) => *object = Object::Null,
            Object::Array(items) => items.iter_mut().for_each(|o| scrub(o, present)),
            Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, o)| scrub(o, present)),
            Object::Stream(stream) => stream.dict.iter_mut().for_each(|(_, o)| scrub(o, present)),
            _ => {}
        }
    }
    let present: std::collections::HashSet<lopdf::ObjectId> = doc.objects.keys().copied().collect();
    for object in doc.objects.values_mut() {
        scrub(object, &present);
    }
    doc.trailer.iter_mut().for_each(|(_, o)| scrub(o, &present));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_ranges_are_spelled_out() {
        let doc = PdfDoc::with_version("1.5");
        let w = vec![
            Object::Integer(0),
            Object::Array(vec![Object::Integer(500), Object::Integer(0)]),
            Object::Integer(19),
            Object::Integer(22),
            Object::Real(556.0),
        ];
        let out = expand_widths(&doc, &w).expect("well formed");
        assert_eq!(out.len(), 4);
        assert_eq!(out[2], Object::Integer(19));
        assert_eq!(out[3], Object::Array(vec![Object::Real(556.0); 4]));
        assert!(expand_widths(
            &doc,
            &[Object::Integer(5), Object::Integer(1), Object::Integer(3)]
        )
        .is_none());
    }
}
