//! The content-stream interpreter (PDF 32000-1, chapters 8–9): runs a
//! page's operators, tracks the graphics and text state, and reports each
//! glyph and each painted path to the [`PageCollector`].
//!
//! It replaces pdf-extract's `output_doc_page`, deliberately: that function
//! builds every font (and parses its CMaps) again on every page, allocates
//! a string per glyph, runs lopdf's content parser (a third of its time),
//! ignores `B`/`b`/`s`/`f*` paths, the `/Matrix` of form XObjects, Type 3
//! font matrices and annotation appearances, and panics on damaged fonts,
//! content and object graphs. Here fonts are loaded once per document, the
//! tokenizer borrows from the content, every lookup is fallible, and the
//! limits of [`crate::ExtractOptions`] are checked as the page runs.

use std::rc::Rc;

use lopdf::{Dictionary, Object, ObjectId};

use crate::fast_hash::IntMap;

use super::collector::{PageCollector, PathOp, Transform};
use super::colour::{self, Space};
use super::font::Font;
use super::lexer::{Lexer, Operand, Token};
use super::metadata::decode_text_string;
use super::objects::{num, Objects, StreamProblem};
use super::unicode_repair::Repair;

/// What went wrong on a page without stopping it.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PageReport {
    pub ops_limit: bool,
    pub stream_limit: bool,
    pub form_loop: bool,
    pub truncated_content: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Object(ObjectId),
    /// A font dictionary written directly into a resource dictionary; the
    /// document is not modified while pages run, so its address is stable.
    Direct(usize),
}

#[derive(Clone)]
struct GraphicsState {
    ctm: Transform,
    font: Option<Rc<Font>>,
    font_size: f64,
    char_spacing: f64,
    word_spacing: f64,
    /// Horizontal scaling as a factor (`Tz` / 100).
    scaling: f64,
    leading: f64,
    rise: f64,
    /// Is the fill colour white (see `PageCollector::fill_white`)?
    fill_white: bool,
    /// The colour space of the fill colour.
    fill_space: Space,
}

impl GraphicsState {
    fn new(ctm: Transform) -> Self {
        GraphicsState {
            ctm,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scaling: 1.0,
            leading: 0.0,
            rise: 0.0,
            fill_white: false,
            fill_space: Space::Gray,
        }
    }
}

/// Deepest `q` nesting kept (a hostile stream could push without end).
const MAX_SAVED_STATES: usize = 256;

/// Most nested marked-content sequences tracked (deeper ones are ignored).
const MAX_MARKED: usize = 64;
/// (resources, name) pairs remembered by [`Interpreter::font`].
const MAX_NAMED_FONTS: usize = 64;
/// Annotations painted per page at most.
const MAX_ANNOTATIONS: usize = 1_000;

/// Interprets the pages of one document; fonts are shared between pages.
pub(crate) struct Interpreter<'a> {
    objs: Objects<'a>,
    fonts: IntMap<FontKey, Rc<Font>>,
    /// Fonts by the resource dictionary (its address) and name they were
    /// set with: a `Tf` per text run otherwise looked the name up in the
    /// resources each time.
    by_name: Vec<(usize, Box<[u8]>, Rc<Font>)>,
    max_ops: usize,
}

/// The running state of one page.
struct Run<'c> {
    collector: &'c mut PageCollector,
    report: PageReport,
    ops: usize,
    forms: Vec<ObjectId>,
    text: String,
    /// Open marked-content sequences, innermost last: the `/ActualText` a
    /// sequence stands for, and whether it has been shown yet.
    marked: Vec<Option<(String, bool)>>,
}

impl<'a> Interpreter<'a> {
    pub fn new(objs: Objects<'a>, max_ops: usize) -> Self {
        Interpreter {
            objs,
            fonts: IntMap::default(),
            by_name: Vec::new(),
            max_ops,
        }
    }

    /// Fonts shown with codes they could not map to Unicode.
    pub fn fonts_missing_unicode(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .fonts
            .values()
            .filter(|f| f.missed_unicode.get())
            .map(|f| f.name.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Fonts whose ToUnicode map had damaged entries read back, with those
    /// entries.
    pub fn fonts_with_repaired_unicode(&self) -> Vec<(String, Vec<Repair>)> {
        let mut fonts: Vec<(String, Vec<Repair>)> = self
            .fonts
            .values()
            .map(|f| (f.name.clone(), f.unicode_repairs()))
            .filter(|(_, r)| !r.is_empty())
            .collect();
        fonts.sort();
        fonts.dedup();
        fonts
    }

    /// Runs one page (its content, then its annotations' appearances).
    pub fn page(&mut self, page_id: ObjectId, collector: &mut PageCollector) -> PageReport {
        let objs = self.objs;
        let page = objs.object(page_id).and_then(|o| objs.dict(o));
        let media_box = page
            .and_then(|p| objs.inherited(p, b"MediaBox"))
            .and_then(|b| match b {
                Object::Array(a) => <[f64; 4]>::try_from(objs.numbers(a)).ok(),
                _ => None,
            })
            .unwrap_or([0.0, 0.0, 612.0, 792.0]);
        collector.begin_page(media_box);
        if let Some(crop_box) = page
            .and_then(|p| objs.inherited(p, b"CropBox"))
            .and_then(|b| match b {
                Object::Array(a) => <[f64; 4]>::try_from(objs.numbers(a)).ok(),
                _ => None,
            })
        {
            collector.crop_to(crop_box);
        }
        let mut run = Run {
            collector,
            report: PageReport::default(),
            ops: 0,
            forms: Vec::new(),
            text: String::new(),
            marked: Vec::new(),
        };
        let Some(page) = page else { return run.report };
        let resources = objs
            .inherited(page, b"Resources")
            .and_then(|r| objs.dict(r));
        let mut content = Vec::new();
        match objs.get(page, b"Contents") {
            Some(Object::Stream(s)) => {
                self.append_content(&mut content, s, &mut run.report);
            }
            Some(Object::Array(parts)) => {
                for part in parts {
                    if let Some(Object::Stream(s)) = objs.resolve(part) {
                        self.append_content(&mut content, s, &mut run.report);
                        content.push(b'\n');
                    }
                }
            }
            _ => {}
        }
        self.run(&content, resources, Transform::IDENTITY, &mut run);
        self.annotations(page, &mut run);
        run.report
    }

    fn append_content(&self, into: &mut Vec<u8>, s: &lopdf::Stream, report: &mut PageReport) {
        let (data, problem) = self.objs.content(s);
        if into.is_empty() {
            // The usual single content stream: take it, do not copy it.
            *into = data;
            match problem {
                Some(StreamProblem::TooLarge) => report.stream_limit = true,
                Some(StreamProblem::Damaged) => report.truncated_content = true,
                None => {}
            }
            return;
        }
        match problem {
            Some(StreamProblem::TooLarge) => report.stream_limit = true,
            Some(StreamProblem::Damaged) => report.truncated_content = true,
            None => {}
        }
        if into.len() + data.len() > self.objs.max_stream_bytes {
            report.stream_limit = true;
            return;
        }
        into.extend_from_slice(&data);
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let at = resources? as *const Dictionary as usize;
        if let Some((_, _, font)) = self
            .by_name
            .iter()
            .find(|(r, n, _)| *r == at && **n == *name)
        {
            return Some(font.clone());
        }
        let font = self.font_in(resources, name)?;
        if self.by_name.len() >= MAX_NAMED_FONTS {
            self.by_name.clear();
        }
        self.by_name.push((at, name.into(), font.clone()));
        Some(font)
    }

    fn font_in(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let objs = self.objs;
        let fonts = objs.get_dict(resources?, b"Font")?;
        let entry = fonts.get(name).ok()?;
        let key = match entry {
            Object::Reference(id) => FontKey::Object(*id),
            Object::Dictionary(d) => FontKey::Direct(d as *const Dictionary as usize),
            _ => return None,
        };
        if let Some(f) = self.fonts.get(&key) {
            return Some(f.clone());
        }
        let dict = objs.dict(entry)?;
        let font = Rc::new(Font::load(&objs, dict));
        self.fonts.insert(key, font.clone());
        Some(font)
    }

    /// Runs one content stream with its resources and initial CTM.
    fn run(
        &mut self,
        data: &[u8],
        resources: Option<&'a Dictionary>,
        ctm: Transform,
        run: &mut Run<'_>,
    ) {
        let mut lexer = Lexer::new(data).raw_hex();
        // Sequences a stream leaves open end with it.
        let marked_depth = run.marked.len();
        let mut operands: Vec<Operand> = Vec::with_capacity(8);
        let mut decoded: Vec<u8> = Vec::new();
        let mut gs = GraphicsState::new(ctm);
        let mut saved: Vec<GraphicsState> = Vec::new();
        let mut tm = Transform::IDENTITY;
        let mut tlm = Transform::IDENTITY;
        let mut path: Vec<PathOp> = Vec::new();
        while let Some(token) = lexer.next_token() {
            let op = match token {
                Token::Keyword(k) => k,
                other => {
                    if let Ok(o) = lexer.operand(other) {
                        if operands.len() < 64 {
                            operands.push(o);
                        }
                    }
                    continue;
                }
            };
            run.ops += 1;
            if run.ops > self.max_ops {
                run.report.ops_limit = true;
                return;
            }
            if crate::budget::check() {
                return;
            }
            let n = |i: usize| operands.get(i).and_then(Operand::number);
            match op_key(op) {
                op::SAVE if saved.len() < MAX_SAVED_STATES => saved.push(gs.clone()),
                op::RESTORE => {
                    if let Some(s) = saved.pop() {
                        gs = s;
                    }
                }
                op::CONCAT => {
                    if let Some(m) = matrix_of(&operands) {
                        gs.ctm = m.then(&gs.ctm);
                    }
                }
                op::BEGIN_TEXT => {
                    tm = Transform::IDENTITY;
                    tlm = Transform::IDENTITY;
                }
                op::BEGIN_MARKED if run.marked.len() < MAX_MARKED => run.marked.push(None),
                op::BEGIN_MARKED_PROPS if run.marked.len() < MAX_MARKED => {
                    let actual = match operands.get(1) {
                        Some(Operand::Dict(Some(bytes))) => {
                            Some((decode_text_string(bytes), false))
                        }
                        _ => None,
                    };
                    run.marked.push(actual);
                }
                op::END_MARKED => {
                    run.marked.pop();
                }
                op::FONT => {
                    if let Some(name) = operands.first().and_then(Operand::name) {
                        gs.font = self.font(resources, name);
                    }
                    if let Some(size) = n(1) {
                        gs.font_size = size;
                    }
                }
                op::CHAR_SPACING => gs.char_spacing = n(0).unwrap_or(gs.char_spacing),
                op::WORD_SPACING => gs.word_spacing = n(0).unwrap_or(gs.word_spacing),
                op::SCALING => gs.scaling = n(0).map(|z| z / 100.0).unwrap_or(gs.scaling),
                op::LEADING => gs.leading = n(0).unwrap_or(gs.leading),
                op::RISE => gs.rise = n(0).unwrap_or(gs.rise),
                op::MOVE | op::MOVE_SET_LEADING => {
                    if let (Some(tx), Some(ty)) = (n(0), n(1)) {
                        if op == b"TD" {
                            gs.leading = -ty;
                        }
                        tlm = Transform::translation(tx, ty).then(&tlm);
                        tm = tlm;
                    }
                }
                op::TEXT_MATRIX => {
                    if let Some(m) = matrix_of(&operands) {
                        tlm = m;
                        tm = m;
                    }
                }
                op::NEXT_LINE => {
                    tlm = Transform::translation(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                }
                op::SHOW | op::NEXT_LINE_SHOW | op::SPACED_SHOW => {
                    if op != b"Tj" {
                        if op == b"\"" {
                            gs.word_spacing = n(0).unwrap_or(gs.word_spacing);
                            gs.char_spacing = n(1).unwrap_or(gs.char_spacing);
                        }
                        tlm = Transform::translation(0.0, -gs.leading).then(&tlm);
                        tm = tlm;
                    }
                    if let Some(s) = operands.last().and_then(|o| string_of(o, &mut decoded)) {
                        self.show(s, &gs, &mut tm, run);
                    }
                }
                op::SHOW_ARRAY => {
                    if let Some(Operand::Array(items)) = operands.last() {
                        for item in items {
                            match item {
                                Operand::Str(_) | Operand::Hex(_) => {
                                    if let Some(s) = string_of(item, &mut decoded) {
                                        self.show(s, &gs, &mut tm, run);
                                    }
                                }
                                Operand::Number(adj) if adj.is_finite() => {
                                    let tx = -adj / 1000.0 * gs.font_size * gs.scaling;
                                    tm = Transform::translation(tx, 0.0).then(&tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                op::EXT_STATE => {
                    let state = operands
                        .first()
                        .and_then(Operand::name)
                        .zip(resources)
                        .and_then(|(name, res)| {
                            let states = self.objs.get_dict(res, b"ExtGState")?;
                            self.objs.get_dict(states, name)
                        });
                    if let Some(state) = state {
                        self.apply_ext_state(state, &mut gs);
                    }
                }
                op::XOBJECT => {
                    if let Some(name) = operands.first().and_then(Operand::name) {
                        self.xobject(resources, name, &gs, run);
                    }
                }
                op::MOVE_TO => {
                    if let (Some(x), Some(y)) = (n(0), n(1)) {
                        path.push(PathOp::MoveTo(x, y));
                    }
                }
                op::LINE_TO => {
                    if let (Some(x), Some(y)) = (n(0), n(1)) {
                        path.push(PathOp::LineTo(x, y));
                    }
                }
                op::CURVE_TO => {
                    if let (Some(x), Some(y)) = (n(4), n(5)) {
                        path.push(PathOp::CurveTo(x, y));
                    }
                }
                op::CURVE_TO_V | op::CURVE_TO_Y => {
                    if let (Some(x), Some(y)) = (n(2), n(3)) {
                        path.push(PathOp::CurveTo(x, y));
                    }
                }
                op::RECT => {
                    if let (Some(x), Some(y), Some(w), Some(h)) = (n(0), n(1), n(2), n(3)) {
                        path.push(PathOp::Rect(x, y, w, h));
                    }
                }
                op::CLOSE => path.push(PathOp::Close),
                op::STROKE | op::CLOSE_STROKE => {
                    if op == b"s" {
                        path.push(PathOp::Close);
                    }
                    run.collector.stroke(&gs.ctm, &path);
                    path.clear();
                }
                op::FILL | op::FILL_OLD | op::FILL_EVEN_ODD => {
                    run.collector.fill_white = gs.fill_white;
                    run.collector.fill(&gs.ctm, &path);
                    path.clear();
                }
                op::FILL_STROKE
                | op::FILL_STROKE_EVEN_ODD
                | op::CLOSE_FILL_STROKE
                | op::CLOSE_FILL_STROKE_EVEN_ODD => {
                    if op.first() == Some(&b'b') {
                        path.push(PathOp::Close);
                    }
                    run.collector.fill_white = gs.fill_white;
                    run.collector.fill(&gs.ctm, &path);
                    run.collector.stroke(&gs.ctm, &path);
                    path.clear();
                }
                op::FILL_GRAY | op::FILL_RGB | op::FILL_CMYK => {
                    gs.fill_space = match op_key(op) {
                        op::FILL_GRAY => Space::Gray,
                        op::FILL_RGB => Space::Rgb,
                        _ => Space::Cmyk,
                    };
                    gs.fill_white = colour::is_white(gs.fill_space, &operands);
                }
                op::FILL_COLOUR | op::FILL_COLOUR_N => {
                    gs.fill_white = colour::is_white(gs.fill_space, &operands);
                }
                op::FILL_SPACE => {
                    // A new space starts at its black (or full ink).
                    gs.fill_white = false;
                    gs.fill_space = operands
                        .first()
                        .and_then(Operand::name)
                        .map_or(Space::Other, |name| {
                            colour::space_named(&self.objs, resources, name)
                        });
                }
                op::END_PATH => path.clear(),
                op::INLINE_DATA => lexer.skip_inline_image(),
                _ => {}
            }
            lexer.recycle(&mut operands);
        }
        run.marked.truncate(marked_depth);
    }

    fn apply_ext_state(&mut self, state: &'a Dictionary, gs: &mut GraphicsState) {
        let objs = self.objs;
        if let Some(Object::Array(f)) = objs.get(state, b"Font") {
            let size = f.get(1).and_then(|o| objs.resolve(o)).and_then(num);
            if let (Some(Object::Reference(id)), Some(size)) = (f.first(), size) {
                let key = FontKey::Object(*id);
                let font = match self.fonts.get(&key) {
                    Some(font) => Some(font.clone()),
                    None => objs.object(*id).and_then(|o| objs.dict(o)).map(|d| {
                        let font = Rc::new(Font::load(&objs, d));
                        self.fonts.insert(key, font.clone());
                        font
                    }),
                };
                if font.is_some() {
                    gs.font = font;
                    gs.font_size = size;
                }
            }
        }
    }

    /// Shows a string: one glyph per character code (PDF 32000-1, 9.4.4).
    fn show(&self, bytes: &[u8], gs: &GraphicsState, tm: &mut Transform, run: &mut Run<'_>) {
        let Some(font) = &gs.font else { return };
        let text_space = Transform::new(gs.scaling, 0.0, 0.0, 1.0, 0.0, gs.rise);
        let size = gs.font_size * font.size_scale;
        let mut rest = bytes;
        while !rest.is_empty() {
            if crate::budget::check() {
                return;
            }
            let (code, len) = font.next_code(rest);
            rest = rest.get(usize::from(len.max(1))..).unwrap_or_default();
            let w0 = font.width(code, len);
            let trm = text_space.then(tm).then(&gs.ctm);
            run.text.clear();
            font.text(code, len, &mut run.text);
            // A glyph without text of its own inside a sequence with an
            // /ActualText shows that text, once (Chromium draws a soft hyphen
            // as a space glyph with ActualText U+00AD). Glyphs with text keep
            // it: what they show is what the page shows. A whitespace
            // ActualText (a no-break space over a space glyph) says nothing
            // the glyph does not, and re-writers that drop marked content
            // would read the same page differently.
            if run.text.chars().all(char::is_whitespace) {
                if let Some(actual) = run
                    .marked
                    .iter_mut()
                    .rev()
                    .find_map(Option::as_mut)
                    .filter(|a| !a.0.trim().is_empty())
                {
                    run.text.clear();
                    if !actual.1 {
                        run.text.push_str(&actual.0);
                        actual.1 = true;
                    }
                }
            }
            if !run.text.is_empty() {
                run.collector
                    .output_character(&trm, w0 / font.size_scale, size, &run.text);
            }
            let mut spacing = gs.char_spacing;
            if code == 32 && len == 1 {
                spacing += gs.word_spacing;
            }
            let tx = (w0 * gs.font_size + spacing) * gs.scaling;
            if tx.is_finite() {
                *tm = Transform::translation(tx, 0.0).then(tm);
            }
        }
    }

    /// `Do`: runs a form XObject (images carry no text and are skipped).
    fn xobject(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        gs: &GraphicsState,
        run: &mut Run<'_>,
    ) {
        let objs = self.objs;
        let Some(xobjects) = resources.and_then(|r| objs.get_dict(r, b"XObject")) else {
            return;
        };
        let Ok(entry) = xobjects.get(name) else {
            return;
        };
        let Some(id) = objs.id_of(entry) else { return };
        self.form(id, resources, gs.ctm, run);
    }

    /// Runs the form XObject `id` with `ctm` (its own `/Matrix` applied first).
    fn form(
        &mut self,
        id: ObjectId,
        parent_resources: Option<&'a Dictionary>,
        ctm: Transform,
        run: &mut Run<'_>,
    ) {
        let objs = self.objs;
        let Some(Object::Stream(form)) = objs.object(id) else {
            return;
        };
        if objs
            .get_name(&form.dict, b"Subtype")
            .is_some_and(|s| s != b"Form")
        {
            return;
        }
        if run.forms.contains(&id) || run.forms.len() as u32 >= objs.max_depth {
            run.report.form_loop = true;
            return;
        }
        let matrix = objs
            .get_array(&form.dict, b"Matrix")
            .and_then(|m| matrix_of_numbers(&objs.numbers(m)))
            .unwrap_or(Transform::IDENTITY);
        let resources = objs.get_dict(&form.dict, b"Resources").or(parent_resources);
        let (data, problem) = objs.content(form);
        match problem {
            Some(StreamProblem::TooLarge) => run.report.stream_limit = true,
            Some(StreamProblem::Damaged) => run.report.truncated_content = true,
            None => {}
        }
        run.forms.push(id);
        self.run(&data, resources, matrix.then(&ctm), run);
        run.forms.pop();
    }

    /// Paints the normal appearance of each visible annotation (filled-in
    /// form fields, free text, stamps), mapped onto its `/Rect`
    /// (PDF 32000-1, 12.5.5).
    fn annotations(&mut self, page: &'a Dictionary, run: &mut Run<'_>) {
        let objs = self.objs;
        let Some(annots) = objs.get_array(page, b"Annots") else {
            return;
        };
        for a in annots.iter().take(MAX_ANNOTATIONS) {
            let Some(annot) = objs.dict(a) else { continue };
            let subtype = objs.get_name(annot, b"Subtype").unwrap_or_default();
            if matches!(subtype, b"Popup" | b"Link") {
                continue;
            }
            let flags = objs.get_num(annot, b"F").unwrap_or(0.0) as i64;
            if flags & 0b10 != 0 {
                continue;
            }
            let Some(rect) = objs
                .get_array(annot, b"Rect")
                .and_then(|r| <[f64; 4]>::try_from(objs.numbers(r)).ok())
            else {
                continue;
            };
            let Some(ap) = objs.get_dict(annot, b"AP") else {
                continue;
            };
            let Ok(normal) = ap.get(b"N") else { continue };
            let form_id = match objs.resolve(normal) {
                Some(Object::Stream(_)) => objs.id_of(normal),
                Some(Object::Dictionary(states)) => objs
                    .get_name(annot, b"AS")
                    .and_then(|s| states.get(s).ok())
                    .and_then(|o| objs.id_of(o)),
                _ => None,
            };
            let Some(form_id) = form_id else { continue };
            let Some(Object::Stream(form)) = objs.object(form_id) else {
                continue;
            };
            let Some(bbox) = objs
                .get_array(&form.dict, b"BBox")
                .and_then(|b| <[f64; 4]>::try_from(objs.numbers(b)).ok())
            else {
                continue;
            };
            let matrix = objs
                .get_array(&form.dict, b"Matrix")
                .and_then(|m| matrix_of_numbers(&objs.numbers(m)))
                .unwrap_or(Transform::IDENTITY);
            let Some(place) = appearance_placement(bbox, &matrix, rect) else {
                continue;
            };
            // `form` applies /Matrix itself; `place` maps the transformed box.
            // An annotation's text (a field's value) is the page's; its
            // drawing is not.
            run.collector.in_annotation = true;
            self.form(form_id, None, place, run);
            run.collector.in_annotation = false;
        }
    }
}

/// An operator's bytes as one integer (the length in the top byte), so that
/// choosing what an operator does is one integer match, not a chain of
/// slice comparisons run for every operator of every page; 0 for anything
/// longer than three bytes (no operator read here is).
const fn op_key(op: &[u8]) -> u32 {
    match *op {
        [a] => 1 << 24 | a as u32,
        [a, b] => 2 << 24 | (a as u32) << 8 | b as u32,
        [a, b, c] => 3 << 24 | (a as u32) << 16 | (b as u32) << 8 | c as u32,
        _ => 0,
    }
}

/// The keys ([`op_key`]) of the operators the interpreter runs.
mod op {
    pub const SAVE: u32 = super::op_key(b"q");
    pub const RESTORE: u32 = super::op_key(b"Q");
    pub const CONCAT: u32 = super::op_key(b"cm");
    pub const BEGIN_TEXT: u32 = super::op_key(b"BT");
    pub const BEGIN_MARKED: u32 = super::op_key(b"BMC");
    pub const BEGIN_MARKED_PROPS: u32 = super::op_key(b"BDC");
    pub const END_MARKED: u32 = super::op_key(b"EMC");
    pub const FONT: u32 = super::op_key(b"Tf");
    pub const CHAR_SPACING: u32 = super::op_key(b"Tc");
    pub const WORD_SPACING: u32 = super::op_key(b"Tw");
    pub const SCALING: u32 = super::op_key(b"Tz");
    pub const LEADING: u32 = super::op_key(b"TL");
    pub const RISE: u32 = super::op_key(b"Ts");
    pub const MOVE: u32 = super::op_key(b"Td");
    pub const MOVE_SET_LEADING: u32 = super::op_key(b"TD");
    pub const TEXT_MATRIX: u32 = super::op_key(b"Tm");
    pub const NEXT_LINE: u32 = super::op_key(b"T*");
    pub const SHOW: u32 = super::op_key(b"Tj");
    pub const NEXT_LINE_SHOW: u32 = super::op_key(b"'");
    pub const SPACED_SHOW: u32 = super::op_key(b"\"");
    pub const SHOW_ARRAY: u32 = super::op_key(b"TJ");
    pub const EXT_STATE: u32 = super::op_key(b"gs");
    pub const XOBJECT: u32 = super::op_key(b"Do");
    pub const MOVE_TO: u32 = super::op_key(b"m");
    pub const LINE_TO: u32 = super::op_key(b"l");
    pub const CURVE_TO: u32 = super::op_key(b"c");
    pub const CURVE_TO_V: u32 = super::op_key(b"v");
    pub const CURVE_TO_Y: u32 = super::op_key(b"y");
    pub const RECT: u32 = super::op_key(b"re");
    pub const CLOSE: u32 = super::op_key(b"h");
    pub const STROKE: u32 = super::op_key(b"S");
    pub const CLOSE_STROKE: u32 = super::op_key(b"s");
    pub const FILL: u32 = super::op_key(b"f");
    pub const FILL_OLD: u32 = super::op_key(b"F");
    pub const FILL_EVEN_ODD: u32 = super::op_key(b"f*");
    pub const FILL_STROKE: u32 = super::op_key(b"B");
    pub const FILL_STROKE_EVEN_ODD: u32 = super::op_key(b"B*");
    pub const CLOSE_FILL_STROKE: u32 = super::op_key(b"b");
    pub const CLOSE_FILL_STROKE_EVEN_ODD: u32 = super::op_key(b"b*");
    pub const END_PATH: u32 = super::op_key(b"n");
    pub const INLINE_DATA: u32 = super::op_key(b"ID");
    pub const FILL_GRAY: u32 = super::op_key(b"g");
    pub const FILL_RGB: u32 = super::op_key(b"rg");
    pub const FILL_CMYK: u32 = super::op_key(b"k");
    pub const FILL_SPACE: u32 = super::op_key(b"cs");
    pub const FILL_COLOUR: u32 = super::op_key(b"sc");
    pub const FILL_COLOUR_N: u32 = super::op_key(b"scn");
}

/// The transform that maps an appearance's transformed bounding box onto
/// the annotation rectangle.
fn appearance_placement(bbox: [f64; 4], matrix: &Transform, rect: [f64; 4]) -> Option<Transform> {
    let [x0, y0, x1, y1] = bbox;
    let corners = [(x0, y0), (x1, y0), (x0, y1), (x1, y1)];
    let pts = corners.map(|(x, y)| {
        (
            x * matrix.m11 + y * matrix.m21 + matrix.m31,
            x * matrix.m12 + y * matrix.m22 + matrix.m32,
        )
    });
    let bx0 = pts.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let bx1 = pts.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let by0 = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let by1 = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    if !(bx1 - bx0 > 0.0 && by1 - by0 > 0.0) {
        return None;
    }
    let [rx0, ry0, rx1, ry1] = rect;
    let (rx0, rx1) = (rx0.min(rx1), rx0.max(rx1));
    let (ry0, ry1) = (ry0.min(ry1), ry0.max(ry1));
    let sx = (rx1 - rx0) / (bx1 - bx0);
    let sy = (ry1 - ry0) / (by1 - by0);
    let t = Transform::new(sx, 0.0, 0.0, sy, rx0 - bx0 * sx, ry0 - by0 * sy);
    [t.m11, t.m22, t.m31, t.m32]
        .iter()
        .all(|v| v.is_finite())
        .then_some(t)
}

fn matrix_of_numbers(v: &[f64]) -> Option<Transform> {
    match v {
        [a, b, c, d, e, f] => Some(Transform::new(*a, *b, *c, *d, *e, *f)),
        _ => None,
    }
}

/// The six numbers before `cm` or `Tm`: the last six of the operands that
/// are numbers (read from the end, without collecting them: every text run
/// of some producers starts with a `Tm`).
fn matrix_of(operands: &[Operand]) -> Option<Transform> {
    if operands.len() < 6 {
        return None;
    }
    let mut m = [0.0; 6];
    let mut slots = m.iter_mut().rev();
    for n in operands.iter().rev().filter_map(Operand::number) {
        match slots.next() {
            Some(slot) => *slot = n,
            None => break,
        }
    }
    if slots.next().is_some() {
        return None;
    }
    let [a, b, c, d, e, f] = m;
    Some(Transform::new(a, b, c, d, e, f))
}

/// The bytes of a string operand; hex strings are decoded into `buf`.
fn string_of<'o>(o: &'o Operand<'_>, buf: &'o mut Vec<u8>) -> Option<&'o [u8]> {
    match o {
        Operand::Str(s) => Some(s),
        Operand::Hex(h) => {
            buf.clear();
            super::filters::ascii_hex_into(h, buf);
            Some(buf)
        }
        _ => None,
    }
}
