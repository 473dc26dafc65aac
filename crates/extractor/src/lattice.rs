//! Table grids from ruling lines ("lattice" tables).
//!
//! The steps follow pdfplumber's well-tried recipe: snap nearly equal
//! coordinates together (double borders and per-cell borders collapse into
//! one line), join collinear pieces, intersect horizontals with verticals,
//! take the smallest rectangle of connected intersections from each
//! intersection as a cell (a missing inner border thus makes a spanning
//! cell), and group cells that share corners into tables.

use crate::fast_hash::{IntMap, IntSet};
use crate::geometry::{BBox, Ruling};

/// Tolerances of table detection, in points.
#[derive(Debug, Clone, Copy)]
pub struct LatticeTolerances {
    /// Parallel lines closer than this become one.
    pub snap: f64,
    /// Collinear pieces with a gap up to this become one.
    pub join: f64,
    /// A horizontal and a vertical meet when they come this close.
    pub intersection: f64,
    /// Pieces shorter than this are ignored.
    pub min_length: f64,
}

/// One cell of a found grid, by grid indices (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct GridCell {
    pub row: usize,
    pub col: usize,
    pub row_end: usize,
    pub col_end: usize,
    pub bbox: BBox,
}

/// A table's geometry before text is put in.
#[derive(Debug, Clone)]
pub(crate) struct Grid {
    pub bbox: BBox,
    /// Column boundaries, left to right (`cols + 1` values).
    pub xs: Vec<f64>,
    /// Row boundaries, top to bottom (`rows + 1` values).
    pub ys: Vec<f64>,
    pub cells: Vec<GridCell>,
    /// `owner[r][c]` = index into `cells` of the cell covering that position.
    pub owner: Vec<Vec<Option<usize>>>,
}

impl Grid {
    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }

    pub fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }

    /// The grid with extra row boundaries: `cuts` holds `(row, y)` pairs,
    /// each `y` inside that row. Cells of one row are cut into one cell per
    /// new row; cells spanning several rows keep spanning.
    pub fn with_row_cuts(&self, cuts: &[(usize, f64)]) -> Grid {
        let mut ys = self.ys.clone();
        ys.extend(cuts.iter().map(|&(_, y)| y));
        ys.sort_by(f64::total_cmp);
        ys.dedup();
        let new_index = |y: f64| ys.binary_search_by(|p| p.total_cmp(&y)).unwrap_or(0);
        let cut_rows: IntSet<usize> = cuts.iter().map(|&(r, _)| r).collect();
        let mut cells = Vec::with_capacity(self.cells.len() + cuts.len());
        for c in &self.cells {
            let (Some(&top), Some(&bottom)) = (self.ys.get(c.row), self.ys.get(c.row_end)) else {
                continue;
            };
            let (r0, r1) = (new_index(top), new_index(bottom));
            if c.row_end == c.row + 1 && cut_rows.contains(&c.row) {
                for r in r0..r1 {
                    let (Some(&t), Some(&b)) = (ys.get(r), ys.get(r + 1)) else {
                        continue;
                    };
                    cells.push(GridCell {
                        row: r,
                        row_end: r + 1,
                        bbox: BBox {
                            top: t,
                            bottom: b,
                            ..c.bbox
                        },
                        ..*c
                    });
                }
            } else {
                cells.push(GridCell {
                    row: r0,
                    row_end: r1,
                    ..*c
                });
            }
        }
        cells.sort_by_key(|c| (c.row, c.col));
        let rows = ys.len().saturating_sub(1);
        let mut owner = vec![vec![None; self.cols()]; rows];
        for (i, c) in cells.iter().enumerate() {
            for r in c.row..c.row_end {
                for col in c.col..c.col_end {
                    if let Some(slot) = owner.get_mut(r).and_then(|row| row.get_mut(col)) {
                        slot.get_or_insert(i);
                    }
                }
            }
        }
        Grid {
            bbox: self.bbox,
            xs: self.xs.clone(),
            ys,
            cells,
            owner,
        }
    }

    /// The grid with the cells at the indices `split` (into `cells`) cut into
    /// one cell per column they span; their row span stays.
    pub fn with_split_cells(&self, split: &[usize]) -> Grid {
        let mut cells = Vec::with_capacity(self.cells.len() + 2 * split.len());
        for (i, c) in self.cells.iter().enumerate() {
            if !split.contains(&i) {
                cells.push(*c);
                continue;
            }
            for col in c.col..c.col_end {
                let (Some(&x0), Some(&x1)) = (self.xs.get(col), self.xs.get(col + 1)) else {
                    continue;
                };
                cells.push(GridCell {
                    col,
                    col_end: col + 1,
                    bbox: BBox { x0, x1, ..c.bbox },
                    ..*c
                });
            }
        }
        cells.sort_by_key(|c| (c.row, c.col));
        let mut owner = vec![vec![None; self.cols()]; self.rows()];
        for (i, c) in cells.iter().enumerate() {
            for r in c.row..c.row_end {
                for col in c.col..c.col_end {
                    if let Some(slot) = owner.get_mut(r).and_then(|row| row.get_mut(col)) {
                        slot.get_or_insert(i);
                    }
                }
            }
        }
        Grid {
            bbox: self.bbox,
            xs: self.xs.clone(),
            ys: self.ys.clone(),
            cells,
            owner,
        }
    }

    /// The grid with some of its lines merged: `cols` and `rows` give, for
    /// each old column and row line, the index of the line it becomes, with
    /// the new lines' positions. Cells that shrink to nothing are dropped;
    /// of cells that come to cover the same position, the first keeps it.
    pub fn with_merged_lines(
        &self,
        cols: (Vec<usize>, Vec<f64>),
        rows: (Vec<usize>, Vec<f64>),
    ) -> Grid {
        let (col_at, xs) = cols;
        let (row_at, ys) = rows;
        let mut cells: Vec<GridCell> = self
            .cells
            .iter()
            .filter_map(|c| {
                let (col, col_end) = (*col_at.get(c.col)?, *col_at.get(c.col_end)?);
                let (row, row_end) = (*row_at.get(c.row)?, *row_at.get(c.row_end)?);
                (col < col_end && row < row_end).then(|| GridCell {
                    row,
                    col,
                    row_end,
                    col_end,
                    bbox: BBox {
                        x0: xs.get(col).copied().unwrap_or(c.bbox.x0),
                        top: ys.get(row).copied().unwrap_or(c.bbox.top),
                        x1: xs.get(col_end).copied().unwrap_or(c.bbox.x1),
                        bottom: ys.get(row_end).copied().unwrap_or(c.bbox.bottom),
                    },
                })
            })
            .collect();
        cells.sort_by_key(|c| (c.row, c.col, c.row_end, c.col_end));
        // One cell per top-left position: the smallest.
        cells.dedup_by_key(|c| (c.row, c.col));
        Grid::from_cells(self.bbox, xs, ys, cells)
    }

    /// The rows `r0..r1` of the grid as a grid of their own (cells reaching
    /// outside are cut to them); `None` when that leaves no row.
    pub fn sub_rows(&self, r0: usize, r1: usize) -> Option<Grid> {
        if r0 >= r1 {
            return None;
        }
        let ys: Vec<f64> = self.ys.get(r0..=r1)?.to_vec();
        let (top, bottom) = (*ys.first()?, *ys.last()?);
        let cells: Vec<GridCell> = self
            .cells
            .iter()
            .filter(|c| c.row < r1 && c.row_end > r0)
            .map(|c| {
                let (row, row_end) = (c.row.max(r0) - r0, c.row_end.min(r1) - r0);
                GridCell {
                    row,
                    row_end,
                    bbox: BBox {
                        top: ys.get(row).copied().unwrap_or(top),
                        bottom: ys.get(row_end).copied().unwrap_or(bottom),
                        ..c.bbox
                    },
                    ..*c
                }
            })
            .collect();
        let bbox = BBox {
            top,
            bottom,
            ..self.bbox
        };
        Some(Grid::from_cells(bbox, self.xs.clone(), ys, cells))
    }

    /// A grid of `cells` (sorted by row and column) between the lines `xs`
    /// and `ys`.
    fn from_cells(bbox: BBox, xs: Vec<f64>, ys: Vec<f64>, cells: Vec<GridCell>) -> Grid {
        let rows = ys.len().saturating_sub(1);
        let cols = xs.len().saturating_sub(1);
        let mut owner = vec![vec![None; cols]; rows];
        for (i, c) in cells.iter().enumerate() {
            for r in c.row..c.row_end {
                for col in c.col..c.col_end {
                    if let Some(slot) = owner.get_mut(r).and_then(|row| row.get_mut(col)) {
                        slot.get_or_insert(i);
                    }
                }
            }
        }
        Grid {
            bbox,
            xs,
            ys,
            cells,
            owner,
        }
    }

    /// The grid moved by `f`, a turn or mirror of the page that maps each
    /// box to a box; rows and columns follow from the moved cells.
    pub fn mapped(&self, f: impl Fn(BBox) -> BBox) -> Grid {
        let boxes: Vec<BBox> = self.cells.iter().map(|c| f(c.bbox)).collect();
        let mut xs: Vec<f64> = boxes.iter().flat_map(|b| [b.x0, b.x1]).collect();
        let mut ys: Vec<f64> = boxes.iter().flat_map(|b| [b.top, b.bottom]).collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup();
        ys.sort_by(f64::total_cmp);
        ys.dedup();
        let at = |v: &[f64], x: f64| v.binary_search_by(|p| p.total_cmp(&x)).unwrap_or(0);
        let mut cells: Vec<GridCell> = boxes
            .iter()
            .map(|b| GridCell {
                row: at(&ys, b.top),
                row_end: at(&ys, b.bottom),
                col: at(&xs, b.x0),
                col_end: at(&xs, b.x1),
                bbox: *b,
            })
            .collect();
        cells.sort_by_key(|c| (c.row, c.col));
        Grid::from_cells(f(self.bbox), xs, ys, cells)
    }

    /// The cell (index into `cells`) whose box holds the point.
    pub fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        if x < self.bbox.x0 || x > self.bbox.x1 || y < self.bbox.top || y > self.bbox.bottom {
            return None;
        }
        let c = self
            .xs
            .partition_point(|&v| v <= x)
            .checked_sub(1)?
            .min(self.cols().checked_sub(1)?);
        let r = self
            .ys
            .partition_point(|&v| v <= y)
            .checked_sub(1)?
            .min(self.rows().checked_sub(1)?);
        *self.owner.get(r)?.get(c)?
    }
}

/// A segment on one axis: `pos` across it, `a..b` along it.
#[derive(Debug, Clone, Copy)]
struct Seg {
    pos: f64,
    a: f64,
    b: f64,
}

fn snap(segs: &mut [Seg], tol: f64) {
    segs.sort_by(|p, q| p.pos.total_cmp(&q.pos));
    let mut i = 0;
    while i < segs.len() {
        let mut j = i + 1;
        let mut sum = segs.get(i).map_or(0.0, |s| s.pos);
        let mut prev = sum;
        while let Some(s) = segs.get(j) {
            if s.pos - prev > tol {
                break;
            }
            prev = s.pos;
            sum += s.pos;
            j += 1;
        }
        let mean = sum / (j - i) as f64;
        for s in segs.get_mut(i..j).into_iter().flatten() {
            s.pos = mean;
        }
        i = j;
    }
}

fn join(mut segs: Vec<Seg>, tol: f64) -> Vec<Seg> {
    segs.sort_by(|p, q| p.pos.total_cmp(&q.pos).then(p.a.total_cmp(&q.a)));
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    for s in segs {
        if let Some(last) = out.last_mut() {
            if last.pos == s.pos && s.a <= last.b + tol {
                last.b = last.b.max(s.b);
                continue;
            }
        }
        out.push(s);
    }
    out
}

/// Distinct sorted positions of segments (already snapped, so exact).
fn positions(segs: &[Seg]) -> Vec<f64> {
    let mut v: Vec<f64> = segs.iter().map(|s| s.pos).collect();
    v.sort_by(f64::total_cmp);
    v.dedup();
    v
}

fn index_of(sorted: &[f64], v: f64) -> Option<usize> {
    sorted.binary_search_by(|p| p.total_cmp(&v)).ok()
}

/// Does one segment at `pos` cover `from..to` (within `tol`)?
fn covered(by_pos: &IntMap<usize, Vec<Seg>>, pos: usize, from: f64, to: f64, tol: f64) -> bool {
    by_pos
        .get(&pos)
        .is_some_and(|segs| segs.iter().any(|s| s.a - tol <= from && s.b + tol >= to))
}

/// A table row split by a page break is drawn without its bottom border (and
/// its rest on the next page without a top border): where two or more
/// verticals that cross a drawn horizontal end at the same height with no
/// border there, the border is added.
fn close_open_ends(hs: &mut Vec<Seg>, vs: &[Seg], tol: &LatticeTolerances) {
    let t = tol.intersection;
    let crosses = |v: &Seg| {
        hs.iter()
            .any(|h| h.a - t <= v.pos && v.pos <= h.b + t && v.a - t <= h.pos && h.pos <= v.b + t)
    };
    let table_verticals: Vec<Seg> = vs.iter().copied().filter(|v| crosses(v)).collect();
    let mut added = Vec::new();
    for end in [|v: &Seg| v.b, |v: &Seg| v.a] {
        let mut ends: Vec<(f64, f64)> = table_verticals.iter().map(|v| (end(v), v.pos)).collect();
        ends.sort_by(|p, q| p.0.total_cmp(&q.0));
        let mut i = 0;
        while i < ends.len() {
            let mut j = i + 1;
            while ends
                .get(j)
                .zip(ends.get(j - 1))
                .is_some_and(|(next, prev)| next.0 - prev.0 <= tol.snap)
            {
                j += 1;
            }
            let group = ends.get(i..j).unwrap_or(&[]);
            if group.len() >= 2 {
                let y = group.iter().map(|e| e.0).sum::<f64>() / group.len() as f64;
                let x0 = group.iter().map(|e| e.1).fold(f64::INFINITY, f64::min);
                let x1 = group.iter().map(|e| e.1).fold(f64::NEG_INFINITY, f64::max);
                let closed = hs
                    .iter()
                    .any(|h| (h.pos - y).abs() <= t && h.a - t <= x0 && h.b + t >= x1);
                if !closed {
                    added.push(Seg {
                        pos: y,
                        a: x0,
                        b: x1,
                    });
                }
            }
            i = j;
        }
    }
    hs.extend(added);
    hs.sort_by(|p, q| p.pos.total_cmp(&q.pos).then(p.a.total_cmp(&q.a)));
}

/// A table drawn with inner column rules only has horizontals that run on
/// past its outermost vertical to the table's edge: where two or more
/// horizontals crossed by a vertical end at the same x with no vertical
/// there, a vertical is added from the first to the last of them.
fn close_open_sides(hs: &[Seg], vs: &mut Vec<Seg>, tol: &LatticeTolerances) {
    let t = tol.intersection;
    let crossed = |h: &Seg| {
        vs.iter()
            .any(|v| h.a - t <= v.pos && v.pos <= h.b + t && v.a - t <= h.pos && h.pos <= v.b + t)
    };
    let table_horizontals: Vec<Seg> = hs.iter().copied().filter(|h| crossed(h)).collect();
    let mut added = Vec::new();
    for end in [|h: &Seg| h.a, |h: &Seg| h.b] {
        let mut ends: Vec<(f64, f64, Seg)> = table_horizontals
            .iter()
            .map(|h| (end(h), h.pos, *h))
            .collect();
        ends.sort_by(|p, q| p.0.total_cmp(&q.0));
        let mut i = 0;
        while i < ends.len() {
            let mut j = i + 1;
            while ends
                .get(j)
                .zip(ends.get(j - 1))
                .is_some_and(|(next, prev)| next.0 - prev.0 <= tol.snap)
            {
                j += 1;
            }
            let group = ends.get(i..j).unwrap_or(&[]);
            let x = group.iter().map(|e| e.0).sum::<f64>() / group.len().max(1) as f64;
            let mut ys: Vec<(f64, Seg)> = group.iter().map(|e| (e.1, e.2)).collect();
            ys.sort_by(|p, q| p.0.total_cmp(&q.0));
            // Consecutive horizontals are joined only where a drawn
            // vertical crosses both (they are rows of one table).
            for pair in ys.windows(2) {
                let [(y0, h0), (y1, h1)] = pair else { continue };
                let same_table = vs.iter().any(|v| {
                    v.a - t <= *y0
                        && v.b + t >= *y1
                        && [h0, h1]
                            .iter()
                            .all(|h| h.a - t <= v.pos && v.pos <= h.b + t)
                });
                let present = vs
                    .iter()
                    .any(|v| (v.pos - x).abs() <= t && v.a - t <= *y0 && v.b + t >= *y1);
                if same_table && !present && y1 > y0 {
                    added.push(Seg {
                        pos: x,
                        a: *y0,
                        b: *y1,
                    });
                }
            }
            i = j;
        }
    }
    vs.extend(added);
    vs.sort_by(|p, q| p.pos.total_cmp(&q.pos).then(p.a.total_cmp(&q.a)));
}

/// Finds the table grids drawn by `rulings`.
pub(crate) fn find_grids(rulings: &[Ruling], tol: &LatticeTolerances) -> Vec<Grid> {
    let start = std::time::Instant::now();
    let grids = find_grids_timed(rulings, tol);
    crate::page_builder::count_engine_time(start);
    grids
}

fn find_grids_timed(rulings: &[Ruling], tol: &LatticeTolerances) -> Vec<Grid> {
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    for r in rulings {
        let b = r.bbox;
        if r.is_horizontal() {
            if b.width() >= tol.min_length {
                hs.push(Seg {
                    pos: (b.top + b.bottom) / 2.0,
                    a: b.x0,
                    b: b.x1,
                });
            }
        } else if b.height() >= tol.min_length {
            vs.push(Seg {
                pos: (b.x0 + b.x1) / 2.0,
                a: b.top,
                b: b.bottom,
            });
        }
    }
    if hs.len() < 2 || vs.len() < 2 {
        return Vec::new();
    }
    snap(&mut hs, tol.snap);
    snap(&mut vs, tol.snap);
    let mut hs = join(hs, tol.join);
    let mut vs = join(vs, tol.join);
    close_open_sides(&hs, &mut vs, tol);
    snap(&mut vs, tol.snap);
    let vs = join(vs, tol.join);
    close_open_ends(&mut hs, &vs, tol);
    let hs = join(hs, tol.join);
    let ys = positions(&hs);
    let xs = positions(&vs);
    let mut h_at: IntMap<usize, Vec<Seg>> = IntMap::default();
    for s in &hs {
        if let Some(i) = index_of(&ys, s.pos) {
            h_at.entry(i).or_default().push(*s);
        }
    }
    let mut v_at: IntMap<usize, Vec<Seg>> = IntMap::default();
    for s in &vs {
        if let Some(i) = index_of(&xs, s.pos) {
            v_at.entry(i).or_default().push(*s);
        }
    }

    // Intersections as (xi, yi).
    let t = tol.intersection;
    let mut points: IntSet<(usize, usize)> = IntSet::default();
    for v in &vs {
        let Some(xi) = index_of(&xs, v.pos) else {
            continue;
        };
        // Only horizontals whose y lies within the vertical's extent.
        let lo = ys.partition_point(|&y| y < v.a - t);
        let hi = ys.partition_point(|&y| y <= v.b + t);
        for yi in lo..hi {
            let Some(segs) = h_at.get(&yi) else { continue };
            if segs.iter().any(|h| h.a - t <= v.pos && v.pos <= h.b + t) {
                points.insert((xi, yi));
            }
        }
    }
    let mut sorted: Vec<(usize, usize)> = points.iter().copied().collect();
    sorted.sort_by_key(|&(x, y)| (y, x));
    let mut by_row: IntMap<usize, Vec<usize>> = IntMap::default();
    let mut by_col: IntMap<usize, Vec<usize>> = IntMap::default();
    for &(x, y) in &sorted {
        by_row.entry(y).or_default().push(x);
        by_col.entry(x).or_default().push(y);
    }
    for v in by_col.values_mut() {
        v.sort_unstable();
    }

    let coord = |xi: usize, yi: usize| -> Option<(f64, f64)> { Some((*xs.get(xi)?, *ys.get(yi)?)) };
    // Cells as (x0i, y0i, x1i, y1i).
    let mut cells: Vec<(usize, usize, usize, usize)> = Vec::new();
    for &(xi, yi) in &sorted {
        let Some((x, y)) = coord(xi, yi) else {
            continue;
        };
        let below: Vec<usize> = by_col
            .get(&xi)
            .map(|v| v.iter().copied().filter(|&b| b > yi).collect())
            .unwrap_or_default();
        let right: Vec<usize> = by_row
            .get(&yi)
            .map(|v| v.iter().copied().filter(|&r| r > xi).collect())
            .unwrap_or_default();
        'found: for &bi in &below {
            let Some(&by) = ys.get(bi) else { continue };
            if !covered(&v_at, xi, y, by, t) {
                break;
            }
            for &ri in &right {
                let Some(&rx) = xs.get(ri) else { continue };
                if !covered(&h_at, yi, x, rx, t) {
                    break;
                }
                if points.contains(&(ri, bi))
                    && covered(&v_at, ri, y, by, t)
                    && covered(&h_at, bi, x, rx, t)
                {
                    cells.push((xi, yi, ri, bi));
                    break 'found;
                }
            }
        }
    }
    group_cells(&cells, &xs, &ys)
}

/// Cells sharing a corner form one table; tables need at least two cells.
fn group_cells(cells: &[(usize, usize, usize, usize)], xs: &[f64], ys: &[f64]) -> Vec<Grid> {
    // Union-find over cells via their corners.
    let mut parent: Vec<usize> = (0..cells.len()).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while let Some(&q) = p.get(i) {
            if q == i {
                break;
            }
            let g = p.get(q).copied().unwrap_or(q);
            if let Some(slot) = p.get_mut(i) {
                *slot = g;
            }
            i = q;
        }
        i
    }
    let mut corner_owner: IntMap<(usize, usize), usize> = IntMap::default();
    for (i, &(x0, y0, x1, y1)) in cells.iter().enumerate() {
        for corner in [(x0, y0), (x1, y0), (x0, y1), (x1, y1)] {
            match corner_owner.get(&corner) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b {
                        if let Some(slot) = parent.get_mut(a) {
                            *slot = b;
                        }
                    }
                }
                None => {
                    corner_owner.insert(corner, i);
                }
            }
        }
    }
    let mut groups: IntMap<usize, Vec<usize>> = IntMap::default();
    for i in 0..cells.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut grids = Vec::new();
    for members in groups.into_values() {
        if members.len() < 2 {
            continue;
        }
        let mut xi: Vec<usize> = Vec::new();
        let mut yi: Vec<usize> = Vec::new();
        for &m in &members {
            if let Some(&(x0, y0, x1, y1)) = cells.get(m) {
                xi.extend([x0, x1]);
                yi.extend([y0, y1]);
            }
        }
        xi.sort_unstable();
        xi.dedup();
        yi.sort_unstable();
        yi.dedup();
        let gx: Vec<f64> = xi.iter().filter_map(|&i| xs.get(i).copied()).collect();
        let gy: Vec<f64> = yi.iter().filter_map(|&i| ys.get(i).copied()).collect();
        let (Some(&left), Some(&right), Some(&top), Some(&bottom)) =
            (gx.first(), gx.last(), gy.first(), gy.last())
        else {
            continue;
        };
        let rows = gy.len().saturating_sub(1);
        let cols = gx.len().saturating_sub(1);
        let mut owner = vec![vec![None; cols]; rows];
        let mut out_cells = Vec::with_capacity(members.len());
        let mut ordered: Vec<(usize, usize, usize, usize)> = members
            .iter()
            .filter_map(|&m| cells.get(m).copied())
            .collect();
        ordered.sort_by_key(|&(x0, y0, _, _)| (y0, x0));
        for (x0, y0, x1, y1) in ordered {
            let (Ok(c0), Ok(c1), Ok(r0), Ok(r1)) = (
                xi.binary_search(&x0),
                xi.binary_search(&x1),
                yi.binary_search(&y0),
                yi.binary_search(&y1),
            ) else {
                continue;
            };
            let idx = out_cells.len();
            let mut overlaps = false;
            for r in r0..r1 {
                for c in c0..c1 {
                    if let Some(slot) = owner.get_mut(r).and_then(|row| row.get_mut(c)) {
                        if slot.is_some() {
                            overlaps = true;
                        } else {
                            *slot = Some(idx);
                        }
                    }
                }
            }
            if overlaps {
                // A cell nested over another (stray line inside a cell): the
                // first, smaller-or-earlier one keeps the positions it took.
                tracing::debug!("overlapping cells in a lattice table");
            }
            out_cells.push(GridCell {
                row: r0,
                col: c0,
                row_end: r1,
                col_end: c1,
                bbox: BBox {
                    x0: gx.get(c0).copied().unwrap_or(left),
                    top: gy.get(r0).copied().unwrap_or(top),
                    x1: gx.get(c1).copied().unwrap_or(right),
                    bottom: gy.get(r1).copied().unwrap_or(bottom),
                },
            });
        }
        grids.push(Grid {
            bbox: BBox {
                x0: left,
                top,
                x1: right,
                bottom,
            },
            xs: gx,
            ys: gy,
            cells: out_cells,
            owner,
        });
    }
    grids.sort_by(|a, b| {
        a.bbox
            .top
            .total_cmp(&b.bbox.top)
            .then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
    grids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::RulingKind;

    fn h(y: f64, x0: f64, x1: f64) -> Ruling {
        Ruling {
            bbox: BBox {
                x0,
                top: y,
                x1,
                bottom: y,
            },
            kind: RulingKind::Stroke,
        }
    }
    fn v(x: f64, y0: f64, y1: f64) -> Ruling {
        Ruling {
            bbox: BBox {
                x0: x,
                top: y0,
                x1: x,
                bottom: y1,
            },
            kind: RulingKind::Stroke,
        }
    }
    const TOL: LatticeTolerances = LatticeTolerances {
        snap: 3.0,
        join: 3.0,
        intersection: 3.0,
        min_length: 1.0,
    };

    #[test]
    fn two_by_two_grid() {
        let r = vec![
            h(100.0, 50.0, 250.0),
            h(120.0, 50.0, 250.0),
            h(140.0, 50.0, 250.0),
            v(50.0, 100.0, 140.0),
            v(150.0, 100.0, 140.0),
            v(250.0, 100.0, 140.0),
        ];
        let g = find_grids(&r, &TOL);
        assert_eq!(g.len(), 1);
        let g = &g[0];
        assert_eq!((g.rows(), g.cols()), (2, 2));
        assert_eq!(g.cells.len(), 4);
        assert_eq!(
            g.cell_at(200.0, 130.0)
                .map(|i| (g.cells[i].row, g.cells[i].col)),
            Some((1, 1))
        );
        assert_eq!(g.cell_at(10.0, 130.0), None);
    }

    #[test]
    fn missing_inner_border_spans_and_double_lines_snap() {
        let r = vec![
            h(100.0, 50.0, 250.0),
            h(101.5, 50.0, 250.0), // double top border
            h(120.0, 50.0, 250.0),
            h(140.0, 50.0, 250.0),
            v(50.0, 100.0, 140.0),
            v(150.0, 120.0, 140.0), // only in the second row
            v(250.0, 100.0, 140.0),
            // Per-cell borders meeting with a small gap.
            v(250.5, 100.0, 119.0),
        ];
        let g = find_grids(&r, &TOL);
        assert_eq!(g.len(), 1);
        let g = &g[0];
        assert_eq!((g.rows(), g.cols()), (2, 2));
        assert_eq!(g.cells.len(), 3);
        let first = g.cells[0];
        assert_eq!(
            (first.row, first.col, first.row_end, first.col_end),
            (0, 0, 1, 2)
        );
        assert_eq!(g.owner[0][1], Some(0));
    }

    #[test]
    fn lone_box_is_no_table_and_far_grids_separate() {
        let boxed = vec![
            h(10.0, 10.0, 100.0),
            h(30.0, 10.0, 100.0),
            v(10.0, 10.0, 30.0),
            v(100.0, 10.0, 30.0),
        ];
        assert!(find_grids(&boxed, &TOL).is_empty());
        let mut two = Vec::new();
        for top in [100.0, 400.0] {
            two.extend([
                h(top, 50.0, 250.0),
                h(top + 20.0, 50.0, 250.0),
                v(50.0, top, top + 20.0),
                v(150.0, top, top + 20.0),
                v(250.0, top, top + 20.0),
            ]);
        }
        let g = find_grids(&two, &TOL);
        assert_eq!(g.len(), 2);
        assert!(g[0].bbox.top < g[1].bbox.top);
    }

    #[test]
    fn split_cells_and_turned_grids_keep_their_structure() {
        // Row 0 has three cells, row 1 one cell over all three columns.
        let r = vec![
            h(100.0, 50.0, 350.0),
            h(120.0, 50.0, 350.0),
            h(140.0, 50.0, 350.0),
            v(50.0, 100.0, 140.0),
            v(150.0, 100.0, 120.0),
            v(250.0, 100.0, 120.0),
            v(350.0, 100.0, 140.0),
        ];
        let g = find_grids(&r, &TOL).remove(0);
        assert_eq!(g.cells.len(), 4);
        let spanning = g.cells.iter().position(|c| c.row == 1).unwrap();
        let split = g.with_split_cells(&[spanning]);
        assert_eq!(split.cells.len(), 6);
        assert_eq!(
            split.cell_at(300.0, 130.0).map(|i| split.cells[i].col),
            Some(2)
        );
        // Turned a quarter (x becomes y): three rows of two columns.
        let turned = g.mapped(|b| BBox {
            x0: b.top,
            x1: b.bottom,
            top: b.x0,
            bottom: b.x1,
        });
        assert_eq!((turned.rows(), turned.cols()), (3, 2));
        let wide = turned.cells.iter().find(|c| c.col == 1).unwrap();
        assert_eq!((wide.row, wide.row_end), (0, 3));
    }
}
