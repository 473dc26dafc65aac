//! What the content interpreter ([`super::interp`]) reports a page draws:
//! every glyph with its position and direction, and the axis-parallel
//! segments of stroked and filled paths (the raw material of table rulings).

use crate::geometry::{BBox, Ruling, RulingKind};

/// An affine transform `[a b c d e f]` (PDF 32000-1, 8.3.3) that maps a
/// row vector `[x y 1]`: `x' = a·x + c·y + e`, `y' = b·x + d·y + f`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Transform {
    pub m11: f64,
    pub m12: f64,
    pub m21: f64,
    pub m22: f64,
    pub m31: f64,
    pub m32: f64,
}

impl Transform {
    pub const IDENTITY: Transform = Transform::new(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);

    pub const fn new(a: f64, b: f64, c: f64, d: f64, e: f64, f: f64) -> Self {
        Transform {
            m11: a,
            m12: b,
            m21: c,
            m22: d,
            m31: e,
            m32: f,
        }
    }

    pub const fn translation(x: f64, y: f64) -> Self {
        Transform::new(1.0, 0.0, 0.0, 1.0, x, y)
    }

    /// `self` applied first, then `then`.
    pub fn then(&self, then: &Transform) -> Transform {
        let (a, b) = (self, then);
        Transform {
            m11: a.m11 * b.m11 + a.m12 * b.m21,
            m12: a.m11 * b.m12 + a.m12 * b.m22,
            m21: a.m21 * b.m11 + a.m22 * b.m21,
            m22: a.m21 * b.m12 + a.m22 * b.m22,
            m31: a.m31 * b.m11 + a.m32 * b.m21 + b.m31,
            m32: a.m31 * b.m12 + a.m32 * b.m22 + b.m32,
        }
    }
}

/// One element of a path, in user space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum PathOp {
    MoveTo(f64, f64),
    LineTo(f64, f64),
    /// A Bézier curve, by its end point (rulings are straight).
    CurveTo(f64, f64),
    Rect(f64, f64, f64, f64),
    Close,
}

/// One drawn glyph in top-left page coordinates.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    /// Origin on the baseline, x from the left edge.
    pub x: f64,
    /// Origin on the baseline, y from the top edge.
    pub y: f64,
    /// Unit writing direction in top-left coordinates (y grows downwards).
    pub dx: f64,
    /// See `dx`.
    pub dy: f64,
    /// Advance along the writing direction, in points.
    pub advance: f64,
    /// Effective font size in points (text matrix and CTM applied).
    pub size: f64,
    /// Writing direction in degrees counter-clockwise, 0..360.
    pub rotation: f64,
    /// The glyph separates words (an explicit space).
    pub is_space: bool,
    /// Byte range of the glyph's text in [`PageCollector::text`].
    pub start: u32,
    /// End of that range.
    pub end: u32,
}

impl Glyph {
    /// True for normal left-to-right horizontal text.
    pub fn is_horizontal(&self) -> bool {
        !(2.0..=358.0).contains(&self.rotation)
    }

    /// The axis-aligned box of the glyph: the rectangle from the baseline
    /// origin along the advance, extended up by 0.8 and down by 0.2 of the
    /// font size (a usual ascent/descent split; the fonts' own ascent and
    /// descent are not read).
    pub fn bbox(&self) -> BBox {
        // "Up" is perpendicular to the direction: rotate (dx, dy) by -90°
        // in a y-down system, i.e. (dy, -dx).
        let (ux, uy) = (self.dy, -self.dx);
        let asc = 0.8 * self.size;
        let desc = 0.2 * self.size;
        let ex = self.x + self.dx * self.advance;
        let ey = self.y + self.dy * self.advance;
        let pts = [
            (self.x + ux * asc, self.y + uy * asc),
            (self.x - ux * desc, self.y - uy * desc),
            (ex + ux * asc, ey + uy * asc),
            (ex - ux * desc, ey - uy * desc),
        ];
        let mut b = BBox {
            x0: f64::INFINITY,
            top: f64::INFINITY,
            x1: f64::NEG_INFINITY,
            bottom: f64::NEG_INFINITY,
        };
        for (px, py) in pts {
            b.x0 = b.x0.min(px);
            b.x1 = b.x1.max(px);
            b.top = b.top.min(py);
            b.bottom = b.bottom.max(py);
        }
        b
    }
}

/// Everything one page drew.
#[derive(Debug, Default)]
pub(crate) struct PageCollector {
    /// Page width (MediaBox).
    pub width: f64,
    /// Page height (MediaBox).
    pub height: f64,
    llx: f64,
    ury: f64,
    /// The part of the page a viewer shows (the CropBox inside the
    /// MediaBox), top-left coordinates; `None` when it is the whole page.
    pub visible: Option<BBox>,
    /// Glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// The text of all glyphs, back to back (one allocation per page, not per glyph).
    pub text: String,
    /// Axis-parallel segments of stroked and filled paths.
    pub rulings: Vec<Ruling>,
    /// Filled rectangles thicker than a line (the page background left out).
    pub fills: Vec<BBox>,
    /// Largest thickness of a filled rectangle that still counts as a line.
    pub thin_fill: f64,
    /// The last glyph's [`Direction`].
    last_direction: Option<Direction>,
    /// Set while an annotation's appearance is painted: a form field's
    /// border, comb dividers and list-box highlight, a reader's highlight
    /// or box drawn over the text, are marks on the page, not its rulings
    /// (a list box's items are no table rows, highlighted lines no cells).
    pub in_annotation: bool,
    /// Set while the fill colour is white. A white area on the white paper
    /// is invisible (a paragraph's white shading under empty lines, a
    /// label's background on a connector line): no box, no ruling, unless
    /// it is painted over a coloured area.
    pub fill_white: bool,
    /// A coloured area as large as the page was painted (white is visible
    /// on it).
    coloured_page: bool,
    /// White areas on the paper, held back until the page is drawn (see
    /// [`Self::settle_white_fills`]).
    white_fills: Vec<BBox>,
}

/// Most rulings looked at for one white area in
/// [`PageCollector::settle_white_fills`]; past them it counts as a panel.
const MAX_INNER_LOOKS: usize = 256;
/// How far inside a white area (points) a ruling's middle must lie to be
/// drawn on it.
const INNER_MARGIN: f64 = 1.0;

/// Most coloured areas, the latest, searched for one under a white area
/// (keeps the search linear on pages of many fills; past them a white
/// area counts as visible).
const MAX_BACKDROPS: usize = 64;

/// What a glyph's direction works out to, for the linear part of its text
/// rendering matrix (`key`, as bits) and the sign of its font size.
#[derive(Debug, Clone, Copy)]
struct Direction {
    key: [u64; 4],
    negative: bool,
    scale_x: f64,
    scale_y: f64,
    ux: f64,
    uy: f64,
    rotation: f64,
}

/// Largest deviation (points) for a segment to count as horizontal or vertical.
const AXIS_TOLERANCE: f64 = 1.0;

impl PageCollector {
    pub fn new(thin_fill: f64) -> Self {
        PageCollector {
            thin_fill,
            ..Default::default()
        }
    }

    /// Empties the collector for the next page, keeping its buffers.
    pub fn clear(&mut self) {
        let thin_fill = self.thin_fill;
        let mut glyphs = std::mem::take(&mut self.glyphs);
        let mut text = std::mem::take(&mut self.text);
        let mut rulings = std::mem::take(&mut self.rulings);
        let mut fills = std::mem::take(&mut self.fills);
        glyphs.clear();
        text.clear();
        rulings.clear();
        fills.clear();
        *self = PageCollector {
            glyphs,
            text,
            rulings,
            fills,
            thin_fill,
            ..Default::default()
        };
    }

    /// User space → top-left page coordinates.
    fn to_page(&self, x: f64, y: f64) -> (f64, f64) {
        (x - self.llx, self.ury - y)
    }

    fn apply(ctm: &Transform, x: f64, y: f64) -> (f64, f64) {
        (
            x * ctm.m11 + y * ctm.m21 + ctm.m31,
            x * ctm.m12 + y * ctm.m22 + ctm.m32,
        )
    }

    fn push_segment(&mut self, a: (f64, f64), b: (f64, f64), kind: RulingKind) {
        let (ax, ay) = self.to_page(a.0, a.1);
        let (bx, by) = self.to_page(b.0, b.1);
        if !(ax.is_finite() && ay.is_finite() && bx.is_finite() && by.is_finite()) {
            return;
        }
        let horizontal = (ay - by).abs() <= AXIS_TOLERANCE;
        let vertical = (ax - bx).abs() <= AXIS_TOLERANCE;
        if horizontal == vertical {
            // Diagonal, or a point.
            return;
        }
        let bbox = if horizontal {
            let y = (ay + by) / 2.0;
            BBox {
                x0: ax.min(bx),
                top: y,
                x1: ax.max(bx),
                bottom: y,
            }
        } else {
            let x = (ax + bx) / 2.0;
            BBox {
                x0: x,
                top: ay.min(by),
                x1: x,
                bottom: ay.max(by),
            }
        };
        self.rulings.push(Ruling { bbox, kind });
    }

    /// A filled axis-aligned rectangle (given by two opposite user-space corners
    /// after the CTM): thin ones are lines, larger ones contribute their edges,
    /// page-sized ones (backgrounds) nothing.
    fn push_filled_rect(&mut self, corners: [(f64, f64); 4]) {
        let mut b = BBox {
            x0: f64::INFINITY,
            top: f64::INFINITY,
            x1: f64::NEG_INFINITY,
            bottom: f64::NEG_INFINITY,
        };
        for (x, y) in corners {
            let (px, py) = self.to_page(x, y);
            b.x0 = b.x0.min(px);
            b.x1 = b.x1.max(px);
            b.top = b.top.min(py);
            b.bottom = b.bottom.max(py);
        }
        if !(b.x0.is_finite() && b.x1.is_finite() && b.top.is_finite() && b.bottom.is_finite()) {
            return;
        }
        if self.fill_white && !self.on_colour(&b) {
            self.white_fills.push(b);
            return;
        }
        self.add_fill_box(b);
    }

    /// A filled box's rulings and fill (see [`Self::push_filled_rect`]).
    fn add_fill_box(&mut self, b: BBox) {
        let (w, h) = (b.width(), b.height());
        if w <= self.thin_fill && h <= self.thin_fill {
            // A dot or a corner square: no direction of its own.
            return;
        }
        if w <= self.thin_fill || h <= self.thin_fill {
            self.rulings.push(Ruling {
                bbox: b,
                kind: RulingKind::Fill,
            });
            return;
        }
        if w >= 0.9 * self.width && h >= 0.9 * self.height {
            // The page background.
            self.coloured_page |= !self.fill_white;
            return;
        }
        self.fills.push(b);
        let edges = [
            BBox {
                x0: b.x0,
                top: b.top,
                x1: b.x1,
                bottom: b.top,
            },
            BBox {
                x0: b.x0,
                top: b.bottom,
                x1: b.x1,
                bottom: b.bottom,
            },
            BBox {
                x0: b.x0,
                top: b.top,
                x1: b.x0,
                bottom: b.bottom,
            },
            BBox {
                x0: b.x1,
                top: b.top,
                x1: b.x1,
                bottom: b.bottom,
            },
        ];
        for bbox in edges {
            self.rulings.push(Ruling {
                bbox,
                kind: RulingKind::Fill,
            });
        }
    }

    /// Gives the white areas that hold lines drawn inside them their rulings
    /// back: a chart's white plot area under its grid lines, a panel with
    /// a drawing on it, frame what is on them. An empty white area (white
    /// shading of empty paragraphs, a label's background) stays invisible.
    /// Call once the page's content is read.
    pub fn settle_white_fills(&mut self) {
        if self.white_fills.is_empty() {
            return;
        }
        let mut mids: Vec<(f64, f64)> = self
            .rulings
            .iter()
            .map(|r| {
                (
                    (r.bbox.x0 + r.bbox.x1) / 2.0,
                    (r.bbox.top + r.bbox.bottom) / 2.0,
                )
            })
            .collect();
        mids.sort_by(|a, b| a.1.total_cmp(&b.1));
        let whites = std::mem::take(&mut self.white_fills);
        for w in whites {
            let (top, bottom) = (w.top + INNER_MARGIN, w.bottom - INNER_MARGIN);
            let from = mids.partition_point(|m| m.1 <= top);
            let holds_lines = mids
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take_while(|m| m.1 < bottom)
                .take(MAX_INNER_LOOKS + 1)
                .enumerate()
                .any(|(i, m)| {
                    i == MAX_INNER_LOOKS || (m.0 > w.x0 + INNER_MARGIN && m.0 < w.x1 - INNER_MARGIN)
                });
            if holds_lines {
                self.add_fill_box(w);
            }
        }
    }

    /// Does `b` lie on a coloured area painted before it?
    fn on_colour(&self, b: &BBox) -> bool {
        self.coloured_page
            || self.fills.len() > MAX_BACKDROPS
            || self.fills.iter().any(|f| {
                f.x0 <= b.x0 + 0.5
                    && f.x1 >= b.x1 - 0.5
                    && f.top <= b.top + 0.5
                    && f.bottom >= b.bottom - 0.5
            })
    }

    fn is_axis_rect(c: &[(f64, f64); 4]) -> bool {
        let close = |a: f64, b: f64| (a - b).abs() <= AXIS_TOLERANCE;
        // Either edges 0-1 horizontal / 1-2 vertical or the other way round.
        let pattern_a = close(c[0].1, c[1].1)
            && close(c[1].0, c[2].0)
            && close(c[2].1, c[3].1)
            && close(c[3].0, c[0].0);
        let pattern_b = close(c[0].0, c[1].0)
            && close(c[1].1, c[2].1)
            && close(c[2].0, c[3].0)
            && close(c[3].1, c[0].1);
        pattern_a || pattern_b
    }

    fn rect_corners(ctm: &Transform, x: f64, y: f64, w: f64, h: f64) -> [(f64, f64); 4] {
        [
            Self::apply(ctm, x, y),
            Self::apply(ctm, x + w, y),
            Self::apply(ctm, x + w, y + h),
            Self::apply(ctm, x, y + h),
        ]
    }

    fn collect_path(&mut self, ctm: &Transform, path: &[PathOp], kind: RulingKind) {
        // Points of the current subpath (after the CTM), to close it or to
        // recognise a filled rectangle drawn with m/l/l/l/h.
        let mut sub: Vec<(f64, f64)> = Vec::new();
        let mut curved = false;
        let flush = |this: &mut Self, sub: &mut Vec<(f64, f64)>, curved: bool| {
            if kind == RulingKind::Fill && !curved {
                let mut pts: Vec<(f64, f64)> = sub.clone();
                if pts.len() == 5 && pts.first() == pts.last() {
                    pts.pop();
                }
                if let Ok(c) = <[(f64, f64); 4]>::try_from(pts.as_slice()) {
                    if Self::is_axis_rect(&c) {
                        this.push_filled_rect(c);
                    }
                }
            }
            sub.clear();
        };
        for op in path {
            match *op {
                PathOp::MoveTo(x, y) => {
                    flush(self, &mut sub, curved);
                    curved = false;
                    sub.push(Self::apply(ctm, x, y));
                }
                PathOp::LineTo(x, y) => {
                    let p = Self::apply(ctm, x, y);
                    if kind == RulingKind::Stroke {
                        if let Some(&last) = sub.last() {
                            self.push_segment(last, p, kind);
                        }
                    }
                    sub.push(p);
                }
                PathOp::CurveTo(x, y) => {
                    curved = true;
                    sub.push(Self::apply(ctm, x, y));
                }
                PathOp::Rect(x, y, w, h) => {
                    flush(self, &mut sub, curved);
                    curved = false;
                    let c = Self::rect_corners(ctm, x, y, w, h);
                    match kind {
                        RulingKind::Stroke => {
                            for i in 0..4 {
                                self.push_segment(c[i], c[(i + 1) % 4], kind);
                            }
                        }
                        RulingKind::Fill => {
                            if Self::is_axis_rect(&c) {
                                self.push_filled_rect(c);
                            }
                        }
                    }
                }
                PathOp::Close => {
                    if kind == RulingKind::Stroke && !curved {
                        if let (Some(&first), Some(&last)) = (sub.first(), sub.last()) {
                            if first != last {
                                self.push_segment(last, first, kind);
                            }
                        }
                    }
                    if let Some(&first) = sub.first() {
                        sub.push(first);
                    }
                }
            }
        }
        flush(self, &mut sub, curved);
    }
}

/// Maps presentation forms and invisible characters to plain text:
/// ligatures are spelled out, zero-width characters dropped. A soft hyphen
/// (U+00AD) is kept: it holds its word together and, at a line end, tells
/// the reader that the word goes on in the next line.
fn clean_char(s: &str) -> Option<&'static str> {
    Some(match s {
        "\u{FB00}" => "ff",
        // U+F001/F002 are the old Adobe/Apple private-use code points of the
        // fi/fl ligatures, which Skia (Chromium) copies from the font's cmap.
        "\u{FB01}" | "\u{F001}" => "fi",
        "\u{FB02}" | "\u{F002}" => "fl",
        "\u{FB03}" => "ffi",
        "\u{FB04}" => "ffl",
        "\u{FB05}" | "\u{FB06}" => "st",
        "\u{200B}" | "\u{FEFF}" | "\u{0}" => "",
        _ => return None,
    })
}

impl PageCollector {
    /// A hyphen drawn right after a soft hyphen: how a producer shows the
    /// soft hyphen where the line breaks. The soft hyphen already says so.
    fn hyphen_after_soft_hyphen(&self, text: &str) -> bool {
        matches!(text, "-" | "\u{2010}" | "\u{2011}")
            && self.glyphs.last().is_some_and(|g| {
                self.text
                    .get(g.start as usize..g.end as usize)
                    .is_some_and(|t| t == "\u{AD}")
            })
    }

    /// Starts the page with its media box `[llx lly urx ury]`.
    pub fn begin_page(&mut self, media_box: [f64; 4]) {
        let [llx, lly, urx, ury] = media_box;
        self.llx = llx.min(urx);
        self.ury = ury.max(lly);
        self.width = (urx - llx).abs();
        self.height = (ury - lly).abs();
        self.visible = None;
    }

    /// The page's CropBox `[llx lly urx ury]` (after [`Self::begin_page`]):
    /// what lies outside it is not shown. Kept only when it cuts the page.
    pub fn crop_to(&mut self, crop_box: [f64; 4]) {
        let [a, b, c, d] = crop_box;
        let (x0, top) = self.to_page(a.min(c), b.max(d));
        let (x1, bottom) = self.to_page(a.max(c), b.min(d));
        let cut = BBox {
            x0: x0.max(0.0),
            top: top.max(0.0),
            x1: x1.min(self.width),
            bottom: bottom.min(self.height),
        };
        let cuts = cut.x0 > 0.5
            || cut.top > 0.5
            || cut.x1 < self.width - 0.5
            || cut.bottom < self.height - 0.5;
        if cuts && cut.x1 > cut.x0 && cut.bottom > cut.top {
            self.visible = Some(cut);
        }
    }

    /// One glyph: `trm` is the text rendering matrix without the font size,
    /// `width` the advance per unit of font size.
    pub fn output_character(&mut self, trm: &Transform, width: f64, font_size: f64, char: &str) {
        // The glyph buffer grows by doubling: ask the budget before it does.
        if self.glyphs.len() == self.glyphs.capacity()
            && !crate::budget::fits(
                self.glyphs.capacity().max(64) * std::mem::size_of::<Glyph>()
                    + self.text.capacity(),
            )
        {
            return;
        }
        let Direction {
            scale_x,
            scale_y,
            ux,
            uy,
            rotation,
            ..
        } = self.direction(trm, font_size);
        if !(scale_x.is_finite() && scale_y.is_finite() && font_size.is_finite()) || scale_x == 0.0
        {
            return;
        }
        let size = (font_size * scale_y).abs();
        let advance = (width * font_size * scale_x).abs();
        let (x, y) = self.to_page(trm.m31, trm.m32);
        if !(x.is_finite() && y.is_finite()) {
            return;
        }
        let text = clean_char(char).unwrap_or(char);
        let is_space = !text.is_empty() && text.chars().all(|c| c.is_whitespace() && c != '\u{A0}');
        if text.is_empty() || self.hyphen_after_soft_hyphen(text) {
            return;
        }
        // A soft hyphen inside a line is invisible and takes no room, whatever
        // width its glyph has in the font.
        let advance = if text == "\u{AD}" { 0.0 } else { advance };
        let start = self.text.len() as u32;
        if !is_space {
            self.text.push_str(text);
        }
        let end = self.text.len() as u32;
        self.glyphs.push(Glyph {
            x,
            y,
            dx: ux,
            dy: -uy,
            advance,
            size,
            rotation,
            is_space,
            start,
            end,
        });
    }

    /// The scales, unit direction and rotation of a glyph drawn with `trm`,
    /// worked out again only when the matrix's linear part (or the sign of
    /// the font size) differs from the last glyph's: along a line only the
    /// translation changes, and the square roots and divisions per glyph
    /// showed in the profile. The same inputs give the same bits.
    fn direction(&mut self, trm: &Transform, font_size: f64) -> Direction {
        let negative = font_size < 0.0;
        let key = [
            trm.m11.to_bits(),
            trm.m12.to_bits(),
            trm.m21.to_bits(),
            trm.m22.to_bits(),
        ];
        if let Some(d) = self
            .last_direction
            .filter(|d| d.key == key && d.negative == negative)
        {
            return d;
        }
        // Plain square roots: libm's overflow-safe `hypot` showed in the
        // profile, and non-finite results are rejected by the caller.
        let scale_x = (trm.m11 * trm.m11 + trm.m12 * trm.m12).sqrt();
        let scale_y = (trm.m21 * trm.m21 + trm.m22 * trm.m22).sqrt();
        // The direction in user space is (m11, m12); top-left flips y. A
        // negative font size (or a mirrored matrix) runs the text backwards.
        let sign = if negative { -1.0 } else { 1.0 };
        let (ux, uy) = (sign * trm.m11 / scale_x, sign * trm.m12 / scale_x);
        let rotation = if uy == 0.0 && ux > 0.0 {
            // Upright text, nearly every glyph: no need for the arc tangent.
            0.0
        } else {
            uy.atan2(ux).to_degrees().rem_euclid(360.0)
        };
        let d = Direction {
            key,
            negative,
            scale_x,
            scale_y,
            ux,
            uy,
            rotation,
        };
        self.last_direction = Some(d);
        d
    }

    pub fn stroke(&mut self, ctm: &Transform, path: &[PathOp]) {
        if !self.in_annotation {
            self.collect_path(ctm, path, RulingKind::Stroke);
        }
    }

    pub fn fill(&mut self, ctm: &Transform, path: &[PathOp]) {
        if !self.in_annotation {
            self.collect_path(ctm, path, RulingKind::Fill);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn white_rect(c: &mut PageCollector, x: f64, y: f64, w: f64, h: f64) {
        c.fill_white = true;
        c.fill(&Transform::IDENTITY, &[PathOp::Rect(x, y, w, h)]);
        c.fill_white = false;
    }

    #[test]
    fn white_areas_on_the_paper_are_no_rulings_unless_lines_are_drawn_on_them() {
        let mut c = PageCollector::new(2.0);
        c.begin_page([0.0, 0.0, 600.0, 800.0]);
        // Empty paragraphs shaded white: invisible.
        white_rect(&mut c, 90.0, 300.0, 430.0, 23.5);
        white_rect(&mut c, 90.0, 276.5, 430.0, 23.5);
        // A chart's white plot area with a grid line drawn on it.
        white_rect(&mut c, 100.0, 500.0, 200.0, 100.0);
        c.stroke(
            &Transform::IDENTITY,
            &[PathOp::MoveTo(100.0, 550.0), PathOp::LineTo(300.0, 550.0)],
        );
        // White on a coloured box is seen.
        c.fill(
            &Transform::IDENTITY,
            &[PathOp::Rect(350.0, 100.0, 100.0, 60.0)],
        );
        white_rect(&mut c, 360.0, 110.0, 30.0, 20.0);
        c.settle_white_fills();
        assert_eq!(c.fills.len(), 3, "{:?}", c.fills);
        assert!(c.fills.iter().all(|f| f.x0 != 90.0));
        assert!(!c
            .rulings
            .iter()
            .any(|r| r.bbox.x0 == 90.0 || r.bbox.x1 == 520.0));
    }

    #[test]
    fn a_crop_box_inside_the_page_is_what_a_reader_sees() {
        let mut c = PageCollector::default();
        c.begin_page([0.0, 0.0, 480.0, 678.0]);
        c.crop_to([41.76, 41.76, 438.24, 636.24]);
        let v = c.visible.expect("the crop box cuts the page");
        assert!((v.x0 - 41.76).abs() < 1e-9 && (v.x1 - 438.24).abs() < 1e-9);
        // Top-left coordinates: the crop box's top edge is 41.76 below the page's.
        assert!((v.top - 41.76).abs() < 1e-9 && (v.bottom - 636.24).abs() < 1e-9);
        // The whole page, a larger box or one off the page cuts nothing.
        for crop in [
            [0.0, 0.0, 480.0, 678.0],
            [-10.0, -10.0, 900.0, 900.0],
            [600.0, 700.0, 900.0, 900.0],
        ] {
            c.begin_page([0.0, 0.0, 480.0, 678.0]);
            c.crop_to(crop);
            assert_eq!(c.visible, None, "{crop:?}");
        }
    }
}
