//! Text set at a right angle to the page (a landscape table printed on a
//! portrait page, or a page shown turned by its `/Rotate`): its words are
//! moved into a frame where they run left to right, tables are found there
//! as on any page, and the tables are moved back to page coordinates.

use crate::geometry::{BBox, Table, TextLine};
use crate::lattice::Grid;
use crate::layout::PlacedWord;

/// Fewest words running in one turned direction for the page to be read in
/// that direction too (a title along the page edge has fewer).
const MIN_TURNED_WORDS: usize = 20;
/// Largest difference (degrees) from an exact right angle.
const ANGLE_SLACK: f64 = 1.0;

/// Which way the text runs on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Turn {
    /// Bottom to top (rotated 90° counter-clockwise).
    Up,
    /// Top to bottom (rotated 270°).
    Down,
}

/// The frame of text turned by a right angle on a page of the given size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    turn: Turn,
    width: f64,
    height: f64,
}

fn turn_of(rotation: f64) -> Option<Turn> {
    let r = rotation.rem_euclid(360.0);
    if (r - 90.0).abs() <= ANGLE_SLACK {
        Some(Turn::Up)
    } else if (r - 270.0).abs() <= ANGLE_SLACK {
        Some(Turn::Down)
    } else {
        None
    }
}

/// The frame of the page's turned text, when enough words run at a right
/// angle in one direction.
pub(crate) fn dominant_turn(rotated: &[TextLine], width: f64, height: f64) -> Option<Frame> {
    if width <= 0.0 || height <= 0.0 {
        return None;
    }
    let (mut up, mut down) = (0usize, 0usize);
    for w in rotated.iter().flat_map(|l| &l.words) {
        match turn_of(w.rotation) {
            Some(Turn::Up) => up += 1,
            Some(Turn::Down) => down += 1,
            None => {}
        }
    }
    let (turn, count) = if up >= down {
        (Turn::Up, up)
    } else {
        (Turn::Down, down)
    };
    (count >= MIN_TURNED_WORDS).then_some(Frame {
        turn,
        width,
        height,
    })
}

impl Frame {
    /// The frame of text running up a page of this size.
    #[cfg(test)]
    pub(crate) fn turned_up(width: f64, height: f64) -> Frame {
        Frame {
            turn: Turn::Up,
            width,
            height,
        }
    }

    /// A page box in the frame.
    pub(crate) fn to_frame(self, b: BBox) -> BBox {
        match self.turn {
            // Along = up the page, next line = to the right.
            Turn::Up => BBox {
                x0: self.height - b.bottom,
                x1: self.height - b.top,
                top: b.x0,
                bottom: b.x1,
            },
            // Along = down the page, next line = to the left.
            Turn::Down => BBox {
                x0: b.top,
                x1: b.bottom,
                top: self.width - b.x1,
                bottom: self.width - b.x0,
            },
        }
    }

    /// A frame box on the page.
    pub(crate) fn to_page(self, b: BBox) -> BBox {
        match self.turn {
            Turn::Up => BBox {
                x0: b.top,
                x1: b.bottom,
                top: self.height - b.x1,
                bottom: self.height - b.x0,
            },
            Turn::Down => BBox {
                x0: self.width - b.bottom,
                x1: self.width - b.top,
                top: b.x0,
                bottom: b.x1,
            },
        }
    }

    /// The words of `rotated` that run in the frame's direction, in the frame.
    pub(crate) fn words(&self, rotated: &[TextLine]) -> Vec<PlacedWord> {
        rotated
            .iter()
            .flat_map(|l| &l.words)
            .filter(|w| turn_of(w.rotation) == Some(self.turn))
            .filter_map(|w| {
                let b = self.to_frame(w.bbox?);
                let mut word = w.clone();
                word.bbox = Some(b);
                Some(PlacedWord {
                    word,
                    baseline: b.bottom,
                })
            })
            .collect()
    }

    /// Splits `grids` into those holding more upright words than turned
    /// ones (kept on the page) and the others (moved into the frame).
    pub(crate) fn claim_grids(
        &self,
        grids: Vec<Grid>,
        upright: &[PlacedWord],
        turned: &[PlacedWord],
    ) -> (Vec<Grid>, Vec<Grid>) {
        let inside = |g: &BBox, b: BBox| {
            let (cx, cy) = ((b.x0 + b.x1) / 2.0, (b.top + b.bottom) / 2.0);
            g.x0 <= cx && cx <= g.x1 && g.top <= cy && cy <= g.bottom
        };
        let mut kept = Vec::new();
        let mut moved = Vec::new();
        for g in grids {
            let framed = self.to_frame(g.bbox);
            let ups = upright.iter().filter(|w| inside(&g.bbox, w.bbox())).count();
            let turns = turned.iter().filter(|w| inside(&framed, w.bbox())).count();
            if turns > ups {
                moved.push(g.mapped(|b| self.to_frame(b)));
            } else {
                kept.push(g);
            }
        }
        (kept, moved)
    }

    /// A table found in the frame, moved back to page coordinates.
    pub(crate) fn table_back(&self, mut t: Table) -> Table {
        t.bbox = self.to_page(t.bbox);
        for cell in t.rows.iter_mut().flatten().flatten() {
            cell.bbox = self.to_page(cell.bbox);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_go_into_the_frame_and_back() {
        let b = BBox {
            x0: 100.0,
            top: 300.0,
            x1: 112.0,
            bottom: 380.0,
        };
        for turn in [Turn::Up, Turn::Down] {
            let f = Frame {
                turn,
                width: 595.0,
                height: 842.0,
            };
            let inside = f.to_frame(b);
            // Text running along the page's height runs left to right.
            assert!(inside.width() > inside.height());
            assert_eq!(f.to_page(inside), b);
        }
        // Up: the bottom of the page is the frame's left edge.
        let up = Frame::turned_up(595.0, 842.0).to_frame(b);
        assert_eq!((up.x0, up.top), (842.0 - 380.0, 100.0));
    }

    #[test]
    fn few_turned_words_leave_the_page_upright() {
        let line = |n: usize, rotation: f64| TextLine {
            text: String::new(),
            bbox: None,
            words: (0..n)
                .map(|_| crate::geometry::Word {
                    text: "x".into(),
                    bbox: None,
                    font_size: 10.0,
                    rotation,
                    font: None,
                })
                .collect(),
            cell: None,
        };
        assert!(dominant_turn(&[line(5, 90.0)], 595.0, 842.0).is_none());
        let f = dominant_turn(&[line(5, 90.0), line(30, 270.0)], 595.0, 842.0);
        assert_eq!(f.map(|f| f.turn), Some(Turn::Down));
        assert!(dominant_turn(&[line(30, 45.0)], 595.0, 842.0).is_none());
    }
}
