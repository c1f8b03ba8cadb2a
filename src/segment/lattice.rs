//! Tables from a PDF page's ruling lines (lattice): the rulings that cross each other form a table; the
//! distinct positions of its horizontal and vertical rulings cut it into atomic cells; atomic cells with no
//! ruling between them are one (spanning) cell. Only geometry here; glyphs are placed by the caller.

use crate::pdf::Rule;

/// Rulings closer than this (points) are one line; a ruling that ends this close to another meets it.
const TOL: f64 = 2.0;

/// A spanning cell: atomic rows `r0..r1`, columns `c0..c1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub r0: usize,
    pub r1: usize,
    pub c0: usize,
    pub c1: usize,
}

/// A ruled table: column edges `xs` and row edges `ys` (ascending, y downwards), and its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Lattice {
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    pub cells: Vec<Span>,
    /// For each atomic cell (row-major), the index of its cell in `cells`.
    owner: Vec<usize>,
}

impl Lattice {
    /// The cell (index into `cells`) holding the point, if it is inside the table.
    pub fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        let c = interval(&self.xs, x)?;
        let r = interval(&self.ys, y)?;
        self.owner.get(r * (self.xs.len() - 1) + c).copied()
    }

    pub fn top(&self) -> f64 {
        self.ys.first().copied().unwrap_or(0.0)
    }

    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }
}

/// Index `i` with `edges[i] <= v < edges[i + 1]`.
fn interval(edges: &[f64], v: f64) -> Option<usize> {
    let i = edges.partition_point(|e| *e <= v);
    (i > 0 && i < edges.len()).then(|| i - 1)
}

/// A line of rulings: its position across (y of a horizontal line), and where it runs along.
#[derive(Debug, Clone, Copy)]
struct Seg {
    at: f64,
    from: f64,
    to: f64,
}

/// Rulings of one orientation joined where they are collinear and touch (Word draws one per cell edge).
fn merge(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Seg> = Vec::new();
    for s in segs {
        // a segment of the same line that this one overlaps or touches (the lines of two tables, one
        // above the other, can be a point apart: they stay two)
        let joined = out
            .iter_mut()
            .rev()
            .take_while(|o| (s.at - o.at).abs() <= 2.0 * TOL)
            .find(|o| (s.at - o.at).abs() <= TOL && s.from <= o.to + TOL && s.to >= o.from - TOL);
        match joined {
            Some(o) => (o.from, o.to) = (o.from.min(s.from), o.to.max(s.to)),
            None => out.push(s),
        }
    }
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Positions closer than [`TOL`] as one (their mean), ascending.
fn edges(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut groups: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match groups.last_mut() {
            Some((sum, n)) if x - *sum / *n as f64 <= TOL => {
                *sum += x;
                *n += 1;
            }
            _ => groups.push((x, 1)),
        }
    }
    groups.into_iter().map(|(s, n)| s / n as f64).collect()
}

/// The ruled tables of a page, top to bottom. Tables of one cell (a framed paragraph) are not tables.
pub fn tables(rules: &[Rule]) -> Vec<Lattice> {
    let (v, h): (Vec<&Rule>, Vec<&Rule>) = rules.iter().partition(|r| r.is_vertical());
    let h = merge(
        h.iter()
            .map(|r| Seg {
                at: (r.y0 + r.y1) / 2.0,
                from: r.x0,
                to: r.x1,
            })
            .collect(),
    );
    let v = merge(
        v.iter()
            .map(|r| Seg {
                at: (r.x0 + r.x1) / 2.0,
                from: r.y0,
                to: r.y1,
            })
            .collect(),
    );
    // rulings that cross or meet are one table
    let mut parent: Vec<usize> = (0..h.len() + v.len()).collect();
    for (i, a) in h.iter().enumerate() {
        // vertical lines are sorted by x: only those within the horizontal line's extent
        let lo = v.partition_point(|b| b.at < a.from - TOL);
        for (j, b) in v.iter().enumerate().skip(lo).take_while(|(_, b)| b.at <= a.to + TOL) {
            if a.at >= b.from - TOL && a.at <= b.to + TOL {
                let (x, y) = (find(&mut parent, i), find(&mut parent, h.len() + j));
                parent[x] = y;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Seg>, Vec<Seg>)> = Default::default();
    for (i, s) in h.iter().enumerate() {
        groups.entry(find(&mut parent, i)).or_default().0.push(*s);
    }
    for (j, s) in v.iter().enumerate() {
        groups.entry(find(&mut parent, h.len() + j)).or_default().1.push(*s);
    }
    let mut out: Vec<Lattice> = groups.into_values().filter_map(|(h, v)| lattice(&h, &v)).collect();
    out.sort_by(|a, b| a.top().total_cmp(&b.top()));
    out
}

/// One table from its crossing rulings. Outer edges a table draws without a ruling (horizontal lines that run
/// past the last vertical one) still bound it.
fn lattice(h: &[Seg], v: &[Seg]) -> Option<Lattice> {
    if h.is_empty() || v.is_empty() || h.len() + v.len() < 3 {
        return None;
    }
    let mut xs: Vec<f64> = v.iter().map(|s| s.at).collect();
    let mut ys: Vec<f64> = h.iter().map(|s| s.at).collect();
    xs.extend(h.iter().flat_map(|s| [s.from, s.to]));
    ys.extend(v.iter().flat_map(|s| [s.from, s.to]));
    let (xs, ys) = (edges(xs), edges(ys));
    let (nc, nr) = (xs.len().checked_sub(1)?, ys.len().checked_sub(1)?);
    if nc * nr < 2 || nc * nr > 100_000 {
        return None;
    }
    let ruled = |segs: &[Seg], at: f64, mid: f64| {
        segs.iter()
            .any(|s| (s.at - at).abs() <= TOL && s.from <= mid && s.to >= mid)
    };
    // atomic cells with no ruling between them are one cell
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    for r in 0..nr {
        let ymid = (ys[r] + ys[r + 1]) / 2.0;
        for c in 0..nc {
            let xmid = (xs[c] + xs[c + 1]) / 2.0;
            if c + 1 < nc && !ruled(v, xs[c + 1], ymid) {
                let (a, b) = (find(&mut parent, r * nc + c), find(&mut parent, r * nc + c + 1));
                parent[a] = b;
            }
            if r + 1 < nr && !ruled(h, ys[r + 1], xmid) {
                let (a, b) = (find(&mut parent, r * nc + c), find(&mut parent, (r + 1) * nc + c));
                parent[a] = b;
            }
        }
    }
    let mut index: std::collections::HashMap<usize, usize> = Default::default();
    let mut cells: Vec<Span> = Vec::new();
    let mut owner = vec![0; nr * nc];
    for r in 0..nr {
        for c in 0..nc {
            let root = find(&mut parent, r * nc + c);
            let k = *index.entry(root).or_insert_with(|| {
                cells.push(Span {
                    r0: r,
                    r1: r + 1,
                    c0: c,
                    c1: c + 1,
                });
                cells.len() - 1
            });
            let s = &mut cells[k];
            (s.r1, s.c0, s.c1) = (s.r1.max(r + 1), s.c0.min(c), s.c1.max(c + 1));
            owner[r * nc + c] = k;
        }
    }
    (cells.len() >= 2).then_some(Lattice { xs, ys, cells, owner })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl(y: f64, x0: f64, x1: f64) -> Rule {
        Rule {
            x0,
            y0: y - 0.25,
            x1,
            y1: y + 0.25,
        }
    }
    fn vl(x: f64, y0: f64, y1: f64) -> Rule {
        Rule {
            x0: x - 0.25,
            y0,
            x1: x + 0.25,
            y1,
        }
    }

    #[test]
    fn spans_from_missing_rulings() {
        // 3 columns × 2 rows; the first column's two cells are one (no ruling between them),
        // and the rulings are drawn per cell edge, as Word does.
        let rules = vec![
            hl(10.0, 0.0, 50.0),
            hl(10.0, 50.0, 150.0),
            hl(20.0, 50.0, 100.0),
            hl(20.0, 100.0, 150.0),
            hl(30.0, 0.0, 150.0),
            vl(0.0, 10.0, 30.0),
            vl(50.0, 10.0, 30.0),
            vl(100.0, 10.0, 20.0),
            vl(100.0, 20.0, 30.0),
            vl(150.0, 10.0, 30.0),
            // a ruling elsewhere on the page, crossing nothing
            hl(200.0, 0.0, 100.0),
            // a table below whose column line is a point off this one's: not joined to it
            vl(101.0, 60.0, 90.0),
        ];
        let t = tables(&rules);
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!((t.xs.len(), t.ys.len()), (4, 3));
        assert_eq!(
            t.cells,
            vec![
                Span {
                    r0: 0,
                    r1: 2,
                    c0: 0,
                    c1: 1
                },
                Span {
                    r0: 0,
                    r1: 1,
                    c0: 1,
                    c1: 2
                },
                Span {
                    r0: 0,
                    r1: 1,
                    c0: 2,
                    c1: 3
                },
                Span {
                    r0: 1,
                    r1: 2,
                    c0: 1,
                    c1: 2
                },
                Span {
                    r0: 1,
                    r1: 2,
                    c0: 2,
                    c1: 3
                },
            ]
        );
        assert_eq!(t.cell_at(10.0, 25.0), Some(0));
        assert_eq!(t.cell_at(120.0, 25.0), Some(4));
        assert_eq!(t.cell_at(160.0, 25.0), None);
    }

    #[test]
    fn open_sides_and_single_boxes() {
        // no outer vertical rulings: the horizontal lines bound the table
        let rules = vec![
            hl(0.0, 0.0, 90.0),
            hl(10.0, 0.0, 90.0),
            hl(20.0, 0.0, 90.0),
            vl(40.0, 0.0, 20.0),
        ];
        let t = tables(&rules);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].xs, vec![0.0, 40.0, 90.0]);
        assert_eq!(t[0].cells.len(), 4);
        // a framed paragraph is not a table
        let boxed = vec![
            hl(0.0, 0.0, 90.0),
            hl(30.0, 0.0, 90.0),
            vl(0.0, 0.0, 30.0),
            vl(90.0, 0.0, 30.0),
        ];
        assert!(tables(&boxed).is_empty());
    }
}
