//! Box arithmetic shared by the table tests.

use skjema_extractor::BBox;

pub fn area(b: &BBox) -> f64 {
    b.width().max(0.0) * b.height().max(0.0)
}

pub fn intersection(a: &BBox, b: &BBox) -> f64 {
    let w = a.x1.min(b.x1) - a.x0.max(b.x0);
    let h = a.bottom.min(b.bottom) - a.top.max(b.top);
    w.max(0.0) * h.max(0.0)
}

pub fn iou(a: &BBox, b: &BBox) -> f64 {
    let i = intersection(a, b);
    let u = area(a) + area(b) - i;
    if u > 0.0 {
        i / u
    } else {
        0.0
    }
}
