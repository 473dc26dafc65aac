//! Drop shadows of drawn boxes. Modelling and drawing tools (UML class
//! boxes, flow-chart steps) give each box its own shadow: a filled copy of
//! the box, a point or two down and to the side, painted under it. Boxes
//! set a few points apart are bridged by their shadows' edges, and the
//! connector lines between them close the rest of a grid; but a table's
//! cells never carry a shadow each, so a grid holding two or more
//! shadowed boxes is a diagram, not a table.

use crate::fast_hash::IntMap;
use crate::geometry::BBox;

/// Largest offset (points, on each axis) of a shadow from its box.
const MAX_OFFSET: f64 = 4.0;
/// Smallest offset on each axis: closer copies are one box painted twice
/// (a fill under its own border), not a shadow.
const MIN_OFFSET: f64 = 0.5;
/// Largest difference in width or height (points) of a box and its shadow.
const SIZE_SLACK: f64 = 0.5;
/// Fewest shadowed boxes in one grid that make it a diagram (one shadow
/// round a whole table is its frame's decoration).
pub(crate) const MIN_SHADOWED_BOXES: usize = 2;

/// Is `s` the drop shadow of `b` (or `b` of `s`): the same size, offset
/// diagonally by a point or few?
fn is_shadow_pair(b: &BBox, s: &BBox) -> bool {
    let (dx, dy) = ((s.x0 - b.x0).abs(), (s.top - b.top).abs());
    (MIN_OFFSET..=MAX_OFFSET).contains(&dx)
        && (MIN_OFFSET..=MAX_OFFSET).contains(&dy)
        && (s.width() - b.width()).abs() <= SIZE_SLACK
        && (s.height() - b.height()).abs() <= SIZE_SLACK
}

/// How many boxes among `fills` lying within `region` have a drop shadow
/// there: pairs of fills that are shifted copies of each other, each fill
/// counted in one pair at most. Linear in the fills: each is compared only
/// with the fills whose corner lies in its own or a neighbouring bucket of
/// [`MAX_OFFSET`] points.
pub(crate) fn shadowed_boxes(fills: &[BBox], region: &BBox) -> usize {
    let m = MAX_OFFSET + 1.0;
    let inside: Vec<&BBox> = fills
        .iter()
        .filter(|f| {
            f.x0 >= region.x0 - m
                && f.x1 <= region.x1 + m
                && f.top >= region.top - m
                && f.bottom <= region.bottom + m
        })
        .collect();
    let bucket = |b: &BBox| {
        (
            (b.x0 / MAX_OFFSET).floor() as i64,
            (b.top / MAX_OFFSET).floor() as i64,
        )
    };
    let mut buckets: IntMap<(i64, i64), Vec<usize>> = IntMap::default();
    for (i, f) in inside.iter().enumerate() {
        buckets.entry(bucket(f)).or_default().push(i);
    }
    let mut paired = vec![false; inside.len()];
    let mut pairs = 0;
    for (i, b) in inside.iter().enumerate() {
        if paired.get(i).copied().unwrap_or(true) {
            continue;
        }
        let (bx, by) = bucket(b);
        let twin = (bx - 1..=bx + 1)
            .flat_map(|x| (by - 1..=by + 1).map(move |y| (x, y)))
            .filter_map(|k| buckets.get(&k))
            .flatten()
            .copied()
            .find(|&j| {
                j != i
                    && !paired.get(j).copied().unwrap_or(true)
                    && inside.get(j).is_some_and(|s| is_shadow_pair(b, s))
            });
        if let Some(j) = twin {
            for k in [i, j] {
                if let Some(p) = paired.get_mut(k) {
                    *p = true;
                }
            }
            pairs += 1;
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(x0: f64, top: f64, w: f64, h: f64) -> BBox {
        BBox {
            x0,
            top,
            x1: x0 + w,
            bottom: top + h,
        }
    }

    /// A box with its shadow 1.7 pt down and to the right, shadow first.
    fn shadowed(x0: f64, top: f64, w: f64, h: f64) -> [BBox; 2] {
        [b(x0 + 1.7, top + 1.7, w, h), b(x0, top, w, h)]
    }

    #[test]
    fn counts_boxes_with_their_own_shadow() {
        let mut fills: Vec<BBox> = [
            shadowed(100.0, 100.0, 90.0, 46.0),
            shadowed(194.0, 100.0, 70.0, 38.0),
            shadowed(268.0, 100.0, 75.0, 38.0),
        ]
        .concat();
        // A label's background: no shadow.
        fills.push(b(150.0, 80.0, 40.0, 6.0));
        let region = b(95.0, 75.0, 260.0, 80.0);
        assert_eq!(shadowed_boxes(&fills, &region), 3);
        // Outside the region they do not count.
        assert_eq!(shadowed_boxes(&fills, &b(400.0, 400.0, 50.0, 50.0)), 0);
    }

    #[test]
    fn a_table_of_shaded_cells_has_no_shadows() {
        // Shaded cells side by side and one under the other, touching or
        // a hair apart, all of one size: no copy is offset on both axes.
        let mut fills = Vec::new();
        for r in 0..20 {
            for c in 0..6 {
                fills.push(b(
                    50.0 + 60.5 * c as f64,
                    100.0 + 15.0 * r as f64,
                    60.0,
                    14.5,
                ));
            }
        }
        // A fill drawn twice at the same place (under its border).
        fills.push(b(50.0, 100.0, 60.0, 14.5));
        assert_eq!(shadowed_boxes(&fills, &b(40.0, 90.0, 400.0, 320.0)), 0);
    }

    #[test]
    fn a_box_of_another_size_is_no_shadow() {
        let fills = [b(100.0, 100.0, 90.0, 46.0), b(101.7, 101.7, 60.0, 46.0)];
        assert_eq!(shadowed_boxes(&fills, &b(90.0, 90.0, 120.0, 70.0)), 0);
    }
}
