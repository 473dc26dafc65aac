//! Input made safe for pdf-extract before it reads a page.
//!
//! pdf-extract 0.12 trusts the document: it `unwrap`s and `panic!`s on
//! content it cannot parse, on operators with missing or mistyped operands,
//! on resources that are missing, on font encodings it does not know
//! (`StandardEncoding`, the predefined CJK CMaps) and on malformed font
//! dictionaries; it follows `/Parent` and form XObjects recursively without
//! a cycle check (a stack overflow). Rather than catch those panics, each
//! page is rewritten here, on top of lopdf, into the subset pdf-extract
//! handles:
//!
//! - the page gets its inherited `/Resources` and a valid `/MediaBox`
//!   written directly (no walk up a possibly cyclic `/Parent` chain);
//! - its content is decoded with lopdf (a damaged tail is cut at the last
//!   point that still parses), every operation pdf-extract would choke on is
//!   dropped (wrong operand count or type, unknown font or XObject name,
//!   colour and `gs` operators, which carry nothing we read), and the result
//!   is written back as one plain content stream;
//! - form XObjects are treated the same way, recursively, with a depth limit
//!   and a cycle check; a cyclic or too deep `Do` is dropped;
//! - the appearance streams of annotations and filled-in form fields
//!   (`/AP /N`) are painted after the page content, placed on their `/Rect`,
//!   so their text comes out as poppler's does;
//! - font dictionaries are repaired ([`sanitize_fonts`]).
//!
//! The number of operations per page and the nesting depth are limits of
//! [`crate::ExtractOptions`].

use std::collections::HashSet;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document as PdfDoc, Object, ObjectId, Stream};

/// Limits applied while sanitising one page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Operations kept per page, forms included.
    pub max_ops: usize,
    /// Nesting depth of form XObjects.
    pub max_depth: u32,
    /// Longest chain of references or `/Parent` links followed.
    pub max_ref_depth: u32,
    /// Largest decompressed content stream kept.
    pub max_stream_bytes: usize,
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// Follows references (bounded), so a reference cycle cannot loop.
fn resolve<'a>(doc: &'a PdfDoc, mut o: &'a Object, limits: &Limits) -> Option<&'a Object> {
    for _ in 0..limits.max_ref_depth {
        match o {
            Object::Reference(id) => o = doc.objects.get(id)?,
            other => return Some(other),
        }
    }
    None
}

fn resolve_id(doc: &PdfDoc, o: &Object, limits: &Limits) -> Option<ObjectId> {
    let mut o = o;
    let mut last = None;
    for _ in 0..limits.max_ref_depth {
        match o {
            Object::Reference(id) => {
                last = Some(*id);
                o = doc.objects.get(id)?;
            }
            _ => return last,
        }
    }
    None
}

fn dict_of<'a>(doc: &'a PdfDoc, o: &'a Object, limits: &Limits) -> Option<&'a Dictionary> {
    match resolve(doc, o, limits)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// An inherited page attribute, walking `/Parent` with a cycle check.
fn inherited(doc: &PdfDoc, page: ObjectId, key: &[u8], limits: &Limits) -> Option<Object> {
    let mut seen = HashSet::new();
    let mut id = page;
    for _ in 0..limits.max_ref_depth {
        if !seen.insert(id) {
            return None;
        }
        let d = doc.objects.get(&id).and_then(|o| o.as_dict().ok())?;
        if let Ok(v) = d.get(key) {
            return resolve(doc, v, limits).cloned();
        }
        id = d.get(b"Parent").and_then(Object::as_reference).ok()?;
    }
    None
}

fn rect_of(doc: &PdfDoc, o: &Object, limits: &Limits) -> Option<[f64; 4]> {
    let Object::Array(a) = resolve(doc, o, limits)? else {
        return None;
    };
    if a.len() != 4 {
        return None;
    }
    let mut r = [0.0; 4];
    for (slot, v) in r.iter_mut().zip(a) {
        *slot = num(resolve(doc, v, limits)?)?;
        if !slot.is_finite() {
            return None;
        }
    }
    Some([
        r[0].min(r[2]),
        r[1].min(r[3]),
        r[0].max(r[2]),
        r[1].max(r[3]),
    ])
}

fn rect_object(r: [f64; 4]) -> Object {
    Object::Array(r.iter().map(|v| Object::Real(*v as f32)).collect())
}

/// Operators whose operands must be `n` numbers.
fn numeric_arity(op: &str) -> Option<usize> {
    Some(match op {
        "cm" | "Tm" | "c" | "d1" => 6,
        "v" | "y" | "re" => 4,
        "Td" | "TD" | "m" | "l" | "d0" => 2,
        "Tc" | "Tw" | "Tz" | "TL" | "Ts" | "w" => 1,
        "BT" | "ET" | "T*" | "q" | "Q" | "h" | "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b"
        | "b*" | "n" | "W" | "W*" | "EMC" => 0,
        _ => return None,
    })
}

/// Operators that carry nothing we read and that pdf-extract handles badly.
fn is_dropped(op: &str) -> bool {
    matches!(
        op,
        "CS" | "cs"
            | "SC"
            | "SCN"
            | "sc"
            | "scn"
            | "G"
            | "g"
            | "RG"
            | "rg"
            | "K"
            | "k"
            | "gs"
            | "sh"
            | "BI"
            | "ID"
            | "EI"
            | "i"
            | "J"
            | "j"
            | "M"
            | "d"
            | "ri"
    )
}

/// Reasons a page's content was changed, for the page's problems.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// Operations dropped because pdf-extract cannot take them.
    pub dropped: usize,
    /// The content stream was damaged and cut where it stopped parsing.
    pub truncated_content: bool,
    /// The operation limit was hit.
    pub ops_limit: bool,
    /// A form XObject nested too deep or in a cycle was skipped.
    pub form_loop: bool,
    /// Annotation appearances painted.
    pub annotations: usize,
    /// A content stream over the size limit was skipped.
    pub stream_limit: bool,
}

/// Sanitises pages; remembers the forms already rewritten.
#[derive(Default)]
pub(crate) struct Sanitizer {
    forms_done: HashSet<ObjectId>,
    new_ids: u32,
}

/// Decodes content, cutting a damaged tail at the longest prefix that parses.
fn decode(bytes: &[u8]) -> (Vec<Operation>, bool) {
    if let Ok(c) = Content::decode(bytes) {
        return (c.operations, false);
    }
    // Binary search over cut points at whitespace.
    let cuts: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| b.is_ascii_whitespace())
        .map(|(i, _)| i)
        .collect();
    let (mut lo, mut hi) = (0usize, cuts.len());
    let mut best = Vec::new();
    while lo < hi {
        let mid = (lo + hi) / 2;
        match Content::decode(&bytes[..cuts[mid]]) {
            Ok(c) => {
                best = c.operations;
                lo = mid + 1;
            }
            Err(_) => hi = mid,
        }
    }
    (best, true)
}

impl Sanitizer {
    fn fresh_name(&mut self, prefix: &str) -> Vec<u8> {
        self.new_ids += 1;
        format!("{prefix}{}", self.new_ids).into_bytes()
    }

    /// Rewrites the page `page_id` in place; see the module documentation.
    pub(crate) fn page(&mut self, doc: &mut PdfDoc, page_id: ObjectId, limits: &Limits) -> Report {
        let mut report = Report::default();
        let mut resources = match inherited(doc, page_id, b"Resources", limits) {
            Some(Object::Dictionary(d)) => d,
            _ => Dictionary::new(),
        };
        let media = inherited(doc, page_id, b"MediaBox", limits)
            .and_then(|o| rect_of(doc, &o, limits))
            .filter(|r| r[2] - r[0] > 0.0 && r[3] - r[1] > 0.0)
            .unwrap_or([0.0, 0.0, 612.0, 792.0]);
        let mut content = doc.get_page_content(page_id).unwrap_or_default();
        if content.len() > limits.max_stream_bytes {
            report.stream_limit = true;
            content.clear();
        }
        let (mut ops, cut) = decode(&content);
        report.truncated_content = cut;
        // Annotation appearances, painted after the page content.
        let annots = self.annotation_ops(doc, page_id, &mut resources, limits);
        report.annotations = annots.len() / 4;
        ops.extend(annots);
        let mut budget = limits.max_ops;
        let mut stack = Vec::new();
        let ops = self.clean_ops(
            doc,
            ops,
            &resources,
            limits,
            &mut budget,
            &mut stack,
            &mut report,
        );
        let bytes = Content { operations: ops }.encode().unwrap_or_default();
        let stream_id = doc.add_object(Object::Stream(Stream::new(Dictionary::new(), bytes)));
        if let Some(Object::Dictionary(page)) = doc.objects.get_mut(&page_id) {
            page.set("Resources", Object::Dictionary(resources));
            page.set("MediaBox", rect_object(media));
            page.set("Contents", Object::Reference(stream_id));
            if page
                .get(b"ArtBox")
                .ok()
                .is_some_and(|a| !matches!(a, Object::Array(v) if v.len() == 4 && v.iter().all(|x| num(x).is_some())))
            {
                page.remove(b"ArtBox");
            }
        }
        report
    }

    /// `q cm /Name Do Q` for each visible annotation with a normal appearance.
    fn annotation_ops(
        &mut self,
        doc: &PdfDoc,
        page_id: ObjectId,
        resources: &mut Dictionary,
        limits: &Limits,
    ) -> Vec<Operation> {
        let mut ops = Vec::new();
        let Some(page) = doc.objects.get(&page_id).and_then(|o| o.as_dict().ok()) else {
            return ops;
        };
        let Some(Object::Array(annots)) = page
            .get(b"Annots")
            .ok()
            .and_then(|a| resolve(doc, a, limits))
        else {
            return ops;
        };
        let mut xobjects = match resources
            .get(b"XObject")
            .ok()
            .and_then(|x| dict_of(doc, x, limits))
        {
            Some(d) => d.clone(),
            None => Dictionary::new(),
        };
        for a in annots.iter().take(1_000) {
            let Some(annot) = dict_of(doc, a, limits) else {
                continue;
            };
            let subtype = annot
                .get(b"Subtype")
                .and_then(Object::as_name)
                .unwrap_or(b"");
            if matches!(subtype, b"Popup" | b"Link") {
                continue;
            }
            let flags = annot.get(b"F").ok().and_then(num).unwrap_or(0.0) as i64;
            if flags & 0b10 != 0 || flags & 0b1 != 0 && subtype.is_empty() {
                continue;
            }
            let Some(rect) = annot
                .get(b"Rect")
                .ok()
                .and_then(|r| rect_of(doc, r, limits))
            else {
                continue;
            };
            let Some(ap) = annot.get(b"AP").ok().and_then(|x| dict_of(doc, x, limits)) else {
                continue;
            };
            let Ok(n) = ap.get(b"N") else { continue };
            // /N is a stream, or a dictionary of states chosen by /AS.
            let stream_ref = match resolve(doc, n, limits) {
                Some(Object::Stream(_)) => resolve_id(doc, n, limits),
                Some(Object::Dictionary(states)) => {
                    let state = annot.get(b"AS").and_then(Object::as_name).ok();
                    state
                        .and_then(|s| states.get(s).ok())
                        .and_then(|o| resolve_id(doc, o, limits))
                }
                _ => None,
            };
            let Some(form_id) = stream_ref else { continue };
            let Some(Object::Stream(form)) = doc.objects.get(&form_id) else {
                continue;
            };
            let Some(bbox) = form
                .dict
                .get(b"BBox")
                .ok()
                .and_then(|b| rect_of(doc, b, limits))
            else {
                continue;
            };
            let matrix: Vec<f64> = match form
                .dict
                .get(b"Matrix")
                .ok()
                .and_then(|m| resolve(doc, m, limits))
            {
                Some(Object::Array(m)) if m.len() == 6 => m.iter().filter_map(num).collect(),
                _ => vec![1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            };
            if matrix.len() != 6 {
                continue;
            }
            // The transformed box of the form, mapped onto /Rect (PDF 32000-1, 12.5.5).
            let corners = [
                (bbox[0], bbox[1]),
                (bbox[2], bbox[1]),
                (bbox[0], bbox[3]),
                (bbox[2], bbox[3]),
            ];
            let pts: Vec<(f64, f64)> = corners
                .iter()
                .map(|&(x, y)| {
                    (
                        x * matrix[0] + y * matrix[2] + matrix[4],
                        x * matrix[1] + y * matrix[3] + matrix[5],
                    )
                })
                .collect();
            let bx0 = pts.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
            let bx1 = pts.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
            let by0 = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
            let by1 = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
            if bx1 - bx0 <= 0.0 || by1 - by0 <= 0.0 {
                continue;
            }
            let sx = (rect[2] - rect[0]) / (bx1 - bx0);
            let sy = (rect[3] - rect[1]) / (by1 - by0);
            let tx = rect[0] - bx0 * sx;
            let ty = rect[1] - by0 * sy;
            let name = self.fresh_name("SkjemaAnnot");
            xobjects.set(name.clone(), Object::Reference(form_id));
            let n = |v: f64| Object::Real(v as f32);
            ops.push(Operation::new("q", vec![]));
            ops.push(Operation::new(
                "cm",
                vec![n(sx), n(0.0), n(0.0), n(sy), n(tx), n(ty)],
            ));
            ops.push(Operation::new("Do", vec![Object::Name(name)]));
            ops.push(Operation::new("Q", vec![]));
        }
        if !ops.is_empty() {
            resources.set("XObject", Object::Dictionary(xobjects));
        }
        ops
    }

    #[allow(clippy::too_many_arguments)]
    fn clean_ops(
        &mut self,
        doc: &mut PdfDoc,
        ops: Vec<Operation>,
        resources: &Dictionary,
        limits: &Limits,
        budget: &mut usize,
        stack: &mut Vec<ObjectId>,
        report: &mut Report,
    ) -> Vec<Operation> {
        let mut out = Vec::with_capacity(ops.len().min(*budget));
        let fonts = resources
            .get(b"Font")
            .ok()
            .and_then(|f| dict_of(doc, f, limits))
            .cloned()
            .unwrap_or_default();
        let xobjects = resources
            .get(b"XObject")
            .ok()
            .and_then(|f| dict_of(doc, f, limits))
            .cloned()
            .unwrap_or_default();
        let mut depth_q = 0usize;
        // pdf-extract starts every stream (page or form) without a font and
        // unwraps it on the first text operator: text before a `Tf` goes.
        let mut font_set = false;
        let mut font_stack: Vec<bool> = Vec::new();
        for op in ops {
            if *budget == 0 {
                report.ops_limit = true;
                break;
            }
            *budget -= 1;
            let name = op.operator.as_str();
            if is_dropped(name) {
                continue;
            }
            let keep = if let Some(n) = numeric_arity(name) {
                op.operands.len() == n
                    && op
                        .operands
                        .iter()
                        .all(|o| num(o).is_some_and(f64::is_finite))
            } else {
                match name {
                    "Tj" | "'" => matches!(op.operands.as_slice(), [Object::String(..)]),
                    "\"" => {
                        matches!(op.operands.as_slice(), [a, b, Object::String(..)] if num(a).is_some() && num(b).is_some())
                    }
                    "TJ" => matches!(op.operands.as_slice(), [Object::Array(items)]
                        if items.iter().all(|i| matches!(i, Object::String(..)) || num(i).is_some())),
                    "Tf" => match op.operands.as_slice() {
                        [Object::Name(f), size] if num(size).is_some() => fonts
                            .get(f)
                            .ok()
                            .and_then(|o| resolve(doc, o, limits))
                            .is_some_and(|o| matches!(o, Object::Dictionary(_))),
                        _ => false,
                    },
                    "Do" => match op.operands.as_slice() {
                        [Object::Name(x)] => {
                            match xobjects
                                .get(x)
                                .ok()
                                .and_then(|o| resolve_id(doc, o, limits))
                            {
                                Some(id) => {
                                    self.form(doc, id, resources, limits, budget, stack, report)
                                }
                                None => false,
                            }
                        }
                        _ => false,
                    },
                    "BMC" | "MP" => op.operands.len() == 1,
                    "BDC" | "DP" => op.operands.len() == 2,
                    _ => true,
                }
            };
            if !keep {
                report.dropped += 1;
                continue;
            }
            // Unbalanced `Q`s are harmless, but keep the stack sane.
            match name {
                "q" => {
                    depth_q += 1;
                    font_stack.push(font_set);
                }
                "Q" => {
                    depth_q = depth_q.saturating_sub(1);
                    if let Some(f) = font_stack.pop() {
                        font_set = f;
                    }
                }
                "Tf" => font_set = true,
                "Tj" | "'" | "\"" | "TJ" if !font_set => {
                    report.dropped += 1;
                    continue;
                }
                _ => {}
            }
            out.push(op);
        }
        for _ in 0..depth_q {
            out.push(Operation::new("Q", vec![]));
        }
        out
    }

    /// Sanitises the form XObject `id` once; false when it must not be painted.
    #[allow(clippy::too_many_arguments)]
    fn form(
        &mut self,
        doc: &mut PdfDoc,
        id: ObjectId,
        parent_resources: &Dictionary,
        limits: &Limits,
        budget: &mut usize,
        stack: &mut Vec<ObjectId>,
        report: &mut Report,
    ) -> bool {
        let Some(Object::Stream(s)) = doc.objects.get(&id) else {
            return false;
        };
        let subtype = s
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"Form");
        if subtype != b"Form" {
            // Images (emptied already) and PostScript XObjects carry no text.
            return false;
        }
        if stack.contains(&id) || stack.len() as u32 >= limits.max_depth {
            report.form_loop = true;
            return false;
        }
        if self.forms_done.contains(&id) {
            return true;
        }
        self.forms_done.insert(id);
        let own = s
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| dict_of(doc, r, limits))
            .cloned();
        let resources = own.clone().unwrap_or_else(|| parent_resources.clone());
        let mut content = match s.decompressed_content() {
            Ok(c) => c,
            Err(_) if s.dict.get(b"Filter").is_err() => s.content.clone(),
            Err(_) => Vec::new(),
        };
        if content.len() > limits.max_stream_bytes {
            report.stream_limit = true;
            content.clear();
        }
        let (ops, cut) = decode(&content);
        report.truncated_content |= cut;
        stack.push(id);
        let ops = self.clean_ops(doc, ops, &resources, limits, budget, stack, report);
        stack.pop();
        let bytes = Content { operations: ops }.encode().unwrap_or_default();
        if let Some(Object::Stream(s)) = doc.objects.get_mut(&id) {
            s.dict.remove(b"Filter");
            s.dict.remove(b"DecodeParms");
            // pdf-extract reads `/Resources` only when it is a direct dictionary.
            if let Some(r) = own {
                s.dict.set("Resources", Object::Dictionary(r));
            }
            s.set_content(bytes);
        }
        true
    }
}

/// The names of the encodings pdf-extract has a table for.
fn known_simple_encoding(name: &[u8]) -> bool {
    matches!(
        name,
        b"MacRomanEncoding" | b"MacExpertEncoding" | b"WinAnsiEncoding"
    )
}

/// A font problem worth reporting once per font.
#[derive(Debug)]
pub(crate) struct FontNote {
    /// The font's `/BaseFont`, or a placeholder.
    pub name: String,
}

/// Codespace ranges of the predefined CMap families (PDF 32000-1, 9.7.5.2).
fn predefined_codespace(name: &str) -> &'static str {
    if name.contains("RKSJ") {
        "<00> <80>\n<8140> <9FFC>\n<A0> <DF>\n<E040> <FCFC>"
    } else if name.contains("EUC")
        || name.contains("GB-H")
        || name.contains("GB-V")
        || name.contains("KSC-H")
        || name.contains("KSC-V")
    {
        "<00> <80>\n<8EA0> <8EDF>\n<A1A1> <FEFE>"
    } else if name.contains("B5")
        || name.contains("ETen")
        || name.contains("HKscs")
        || name.contains("GBK")
        || name.contains("KSCms")
    {
        "<00> <80>\n<8140> <FEFE>"
    } else if name.contains("UTF32") {
        "<00000000> <0010FFFF>"
    } else {
        "<0000> <FFFF>"
    }
}

fn cmap_stream(codespace: &str, two_byte_identity: bool) -> Stream {
    let mut s = String::from("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n");
    let n = codespace.lines().count();
    s.push_str(&format!(
        "{n} begincodespacerange\n{codespace}\nendcodespacerange\n"
    ));
    if two_byte_identity {
        s.push_str("1 begincidrange\n<0000> <FFFF> 0\nendcidrange\n");
    } else {
        s.push_str("1 begincidrange\n<00> <FF> 0\nendcidrange\n");
        s.push_str("1 begincidrange\n<0100> <FFFF> 256\nendcidrange\n");
    }
    s.push_str("endcmap\nend\nend\n");
    Stream::new(Dictionary::new(), s.into_bytes())
}

fn unicode_identity_cmap() -> Stream {
    let mut s = String::from("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    // bfrange may not cross a change of the first byte; one range per high byte.
    let mut ranges = Vec::new();
    for hi in 0u32..=0xff {
        if (0xd8..=0xdf).contains(&hi) {
            continue;
        }
        ranges.push(format!("<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>"));
    }
    for chunk in ranges.chunks(100) {
        s.push_str(&format!(
            "{} beginbfrange\n{}\nendbfrange\n",
            chunk.len(),
            chunk.join("\n")
        ));
    }
    s.push_str("endcmap\nend\nend\n");
    Stream::new(Dictionary::new(), s.into_bytes())
}

fn looks_like_font(d: &Dictionary) -> bool {
    let t = d.get(b"Type").and_then(Object::as_name).ok();
    let st = d.get(b"Subtype").and_then(Object::as_name).ok();
    t == Some(b"Font")
        || matches!(
            st,
            Some(b"Type0" | b"Type1" | b"MMType1" | b"TrueType" | b"Type3")
        ) && (d.has(b"BaseFont") || d.has(b"FontDescriptor") || d.has(b"FontMatrix"))
}

/// Repairs every font dictionary of the document so that pdf-extract's font
/// loading cannot panic on it; returns the fonts left without a Unicode map.
pub(crate) fn sanitize_fonts(doc: &mut PdfDoc, limits: &Limits) -> Vec<FontNote> {
    let ids: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| matches!(o, Object::Dictionary(d) if looks_like_font(d)))
        .map(|(id, _)| *id)
        .collect();
    let mut notes = Vec::new();
    for id in ids {
        let Some(Object::Dictionary(d)) = doc.objects.get(&id) else {
            continue;
        };
        let mut d = d.clone();
        let mut extra: Vec<(Vec<u8>, Object)> = Vec::new();
        fix_font(doc, &mut d, limits, &mut notes, &mut extra);
        for (key, obj) in extra {
            let new_id = doc.add_object(obj);
            d.set(key, Object::Reference(new_id));
        }
        doc.objects.insert(id, Object::Dictionary(d));
    }
    notes
}

fn name_of(d: &Dictionary) -> String {
    d.get(b"BaseFont")
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_else(|_| "(unnamed)".into())
}

fn fix_font(
    doc: &mut PdfDoc,
    d: &mut Dictionary,
    limits: &Limits,
    notes: &mut Vec<FontNote>,
    extra: &mut Vec<(Vec<u8>, Object)>,
) {
    let subtype = match d.get(b"Subtype").ok().and_then(|o| resolve(doc, o, limits)) {
        Some(Object::Name(n)) => n.clone(),
        _ => b"Type1".to_vec(),
    };
    d.set("Subtype", Object::Name(subtype.clone()));
    match d
        .get(b"BaseFont")
        .ok()
        .and_then(|o| resolve(doc, o, limits))
        .cloned()
    {
        Some(Object::Name(n)) => d.set("BaseFont", Object::Name(n)),
        Some(Object::String(s, _)) => d.set("BaseFont", Object::Name(s)),
        _ => d.set("BaseFont", Object::Name(b"Unknown".to_vec())),
    }
    // ToUnicode: a stream, or the name Identity-H; anything else goes.
    let to_unicode_ok = match d
        .get(b"ToUnicode")
        .ok()
        .and_then(|o| resolve(doc, o, limits))
    {
        Some(Object::Stream(s)) => {
            let c = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            valid_to_unicode(&c)
        }
        Some(Object::Name(n)) => n == b"Identity-H",
        _ => false,
    };
    if !to_unicode_ok {
        d.remove(b"ToUnicode");
    }
    if subtype == b"Type0" {
        fix_type0(doc, d, limits, to_unicode_ok, notes, extra);
        return;
    }
    // Simple fonts.
    match d
        .get(b"Encoding")
        .ok()
        .and_then(|o| resolve(doc, o, limits))
        .cloned()
    {
        None => {}
        Some(Object::Name(n)) if known_simple_encoding(&n) => {
            d.set("Encoding", Object::Name(n));
        }
        Some(Object::Dictionary(mut e)) => {
            match e
                .get(b"BaseEncoding")
                .ok()
                .and_then(|o| resolve(doc, o, limits))
            {
                Some(Object::Name(n)) if known_simple_encoding(n) => {}
                _ => {
                    e.remove(b"BaseEncoding");
                }
            }
            match e
                .get(b"Differences")
                .ok()
                .and_then(|o| resolve(doc, o, limits))
                .cloned()
            {
                Some(Object::Array(a)) => {
                    let a: Vec<Object> = a
                        .into_iter()
                        .filter(|o| {
                            matches!(o, Object::Integer(c) if (0..=255).contains(c))
                                || matches!(o, Object::Name(_))
                        })
                        .collect();
                    e.set("Differences", Object::Array(a));
                }
                _ => {
                    e.remove(b"Differences");
                }
            }
            d.set("Encoding", Object::Dictionary(e));
        }
        // StandardEncoding, unknown names, wrong types: the font's own encoding.
        Some(_) => {
            d.remove(b"Encoding");
        }
    }
    // Widths must be direct numbers, with FirstChar and LastChar.
    let widths = d
        .get(b"Widths")
        .ok()
        .and_then(|o| resolve(doc, o, limits))
        .cloned();
    let first = d
        .get(b"FirstChar")
        .ok()
        .and_then(|o| resolve(doc, o, limits))
        .and_then(num);
    let last = d
        .get(b"LastChar")
        .ok()
        .and_then(|o| resolve(doc, o, limits))
        .and_then(num);
    let widths = match (widths, first, last) {
        (Some(Object::Array(w)), Some(f), Some(l)) if f >= 0.0 && l >= f && l <= 65_535.0 => {
            let w: Option<Vec<Object>> = w
                .iter()
                .map(|x| {
                    resolve(doc, x, limits)
                        .and_then(num)
                        .map(|v| Object::Real(v as f32))
                })
                .collect();
            w.map(|w| (w, f as i64, l as i64))
        }
        _ => None,
    };
    match widths {
        Some((w, f, l)) => {
            d.set("Widths", Object::Array(w));
            d.set("FirstChar", Object::Integer(f));
            d.set("LastChar", Object::Integer(l));
        }
        None => {
            d.remove(b"Widths");
            d.remove(b"FirstChar");
            d.remove(b"LastChar");
        }
    }
    if d.get(b"FontDescriptor")
        .ok()
        .and_then(|o| resolve(doc, o, limits))
        .is_some_and(|o| !matches!(o, Object::Dictionary(_)))
    {
        d.remove(b"FontDescriptor");
    }
    if subtype == b"Type3" {
        let fm = d
            .get(b"FontMatrix")
            .ok()
            .and_then(|o| resolve(doc, o, limits))
            .cloned();
        let ok = matches!(&fm, Some(Object::Array(a)) if a.len() == 6 && a.iter().all(|x| num(x).is_some()));
        if !ok {
            let m = [0.001, 0.0, 0.0, 0.001, 0.0, 0.0];
            d.set(
                "FontMatrix",
                Object::Array(m.iter().map(|v| Object::Real(*v)).collect()),
            );
        } else if let Some(fm) = fm {
            d.set("FontMatrix", fm);
        }
    }
}

/// A ToUnicode CMap pdf-extract's parser takes without panicking: a bf
/// section, and hex strings with an even number of digits.
fn valid_to_unicode(c: &[u8]) -> bool {
    let text = String::from_utf8_lossy(c);
    (text.contains("beginbfchar") || text.contains("beginbfrange")) && valid_hex_strings(&text)
}

fn fix_type0(
    doc: &mut PdfDoc,
    d: &mut Dictionary,
    limits: &Limits,
    has_to_unicode: bool,
    notes: &mut Vec<FontNote>,
    extra: &mut Vec<(Vec<u8>, Object)>,
) {
    // DescendantFonts: a direct array whose first entry is a CIDFont dictionary.
    let desc = match d
        .get(b"DescendantFonts")
        .ok()
        .and_then(|o| resolve(doc, o, limits))
    {
        Some(Object::Array(a)) => a.first().and_then(|o| dict_of(doc, o, limits)).cloned(),
        Some(Object::Dictionary(c)) => Some(c.clone()),
        _ => None,
    };
    let mut cid = desc.unwrap_or_else(|| {
        let mut c = Dictionary::new();
        c.set("Type", Object::Name(b"Font".to_vec()));
        c.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
        c
    });
    if !cid
        .get(b"FontDescriptor")
        .ok()
        .and_then(|o| resolve(doc, o, limits))
        .is_some_and(|o| matches!(o, Object::Dictionary(_)))
    {
        cid.set("FontDescriptor", Object::Dictionary(Dictionary::new()));
    }
    if !cid
        .get(b"DW")
        .ok()
        .is_some_and(|o| matches!(o, Object::Integer(_)))
    {
        cid.remove(b"DW");
    }
    if let Ok(w) = cid.get(b"W") {
        // `fixups::expand_cid_width_ranges` ran before us: a good /W is now
        // pairs of a number and an array of numbers; anything else goes.
        let ok =
            match resolve(doc, w, limits) {
                Some(Object::Array(a)) => a.len() % 2 == 0 && a.chunks(2).all(|p| {
                    num(&p[0]).is_some()
                        && matches!(&p[1], Object::Array(ws) if ws.iter().all(|x| num(x).is_some()))
                }),
                _ => false,
            };
        if ok {
            let w = resolve(doc, w, limits).cloned().unwrap_or(Object::Null);
            cid.set("W", w);
        } else {
            cid.remove(b"W");
        }
    }
    d.set(
        "DescendantFonts",
        Object::Array(vec![Object::Dictionary(cid)]),
    );
    // Encoding: Identity-H/V, or a CMap stream; predefined CMaps get a stand-in.
    let mut unicode_cmap = false;
    match d
        .get(b"Encoding")
        .ok()
        .and_then(|o| resolve(doc, o, limits))
        .cloned()
    {
        Some(Object::Name(n)) if n == b"Identity-H" || n == b"Identity-V" => {}
        Some(Object::Name(n)) => {
            let name = String::from_utf8_lossy(&n).into_owned();
            let codespace = predefined_codespace(&name);
            unicode_cmap =
                name.starts_with("Uni") && (name.contains("UCS2") || name.contains("UTF16"));
            let two_byte = codespace == "<0000> <FFFF>";
            extra.push((
                b"Encoding".to_vec(),
                Object::Stream(cmap_stream(codespace, two_byte)),
            ));
        }
        Some(Object::Stream(s)) => {
            let c = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            match one_entry_cidranges(&c).filter(|c| valid_encoding_cmap(c)) {
                Some(c) => extra.push((
                    b"Encoding".to_vec(),
                    Object::Stream(Stream::new(Dictionary::new(), c)),
                )),
                None => d.set("Encoding", Object::Name(b"Identity-H".to_vec())),
            }
        }
        _ => d.set("Encoding", Object::Name(b"Identity-H".to_vec())),
    }
    if !has_to_unicode {
        if unicode_cmap {
            extra.push((
                b"ToUnicode".to_vec(),
                Object::Stream(unicode_identity_cmap()),
            ));
        } else {
            notes.push(FontNote { name: name_of(d) });
        }
    }
}

/// adobe-cmap-parser 0.4 reads only the first entry of a `begincidrange`
/// block correctly (it steps two tokens per three-token entry); the CMap is
/// rewritten with one entry per block. `None` when a block is malformed.
fn one_entry_cidranges(c: &[u8]) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(c);
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest: &str = &text;
    while let Some(at) = rest.find("begincidrange") {
        // Drop the count written before the keyword.
        let head = rest[..at].trim_end();
        let head = head.trim_end_matches(|ch: char| ch.is_ascii_digit());
        out.push_str(head);
        out.push('\n');
        let after = &rest[at + "begincidrange".len()..];
        let end = after.find("endcidrange")?;
        let tokens: Vec<&str> = after[..end].split_whitespace().collect();
        let triples = tokens.chunks_exact(3);
        if !triples.remainder().is_empty() {
            return None;
        }
        for t in triples {
            out.push_str(&format!(
                "1 begincidrange\n{} {} {}\nendcidrange\n",
                t[0], t[1], t[2]
            ));
        }
        rest = &after[end + "endcidrange".len()..];
    }
    out.push_str(rest);
    Some(out.into_bytes())
}

/// An encoding CMap pdf-extract's parser takes: a codespace and hex strings of even length.
fn valid_encoding_cmap(c: &[u8]) -> bool {
    let text = String::from_utf8_lossy(c);
    text.contains("begincodespacerange")
        && (text.contains("begincidrange") || text.contains("begincidchar"))
        && valid_hex_strings(&text)
}

fn valid_hex_strings(text: &str) -> bool {
    let mut in_hex = false;
    let mut digits = 0usize;
    let mut prev = ' ';
    for ch in text.chars() {
        match (in_hex, ch) {
            (false, '<') if prev != '<' => {
                in_hex = true;
                digits = 0;
            }
            (true, '<') => in_hex = false,
            (true, '>') => {
                if digits % 2 == 1 || digits == 0 {
                    return false;
                }
                in_hex = false;
            }
            (true, c) if c.is_ascii_hexdigit() => digits += 1,
            (true, c) if c.is_ascii_whitespace() => {}
            (true, _) => return false,
            _ => {}
        }
        prev = ch;
    }
    true
}
