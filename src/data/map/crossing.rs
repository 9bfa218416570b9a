//! Whether a ring crosses itself. A ring that does (a figure eight, an edge
//! doubling back over another) has no one inside, and its area is not the
//! area a monitor drew; the check warns and keeps the map. Edges are sorted
//! into a grid of cells over the ring's extent, so that only edges sharing a
//! cell are tested against each other: a ring of thousands of positions is
//! checked in about linear time.

/// A point where two edges of `ring` (closed: its last position repeats its
/// first) that are not neighbours meet; `None` when the ring is simple.
pub fn crossing(ring: &[(f64, f64)]) -> Option<(f64, f64)> {
    let edges = ring.len().checked_sub(1)?;
    if edges < 4 {
        return None;
    }
    let (mut west, mut south, mut east, mut north) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in ring {
        west = west.min(x);
        east = east.max(x);
        south = south.min(y);
        north = north.max(y);
    }
    // About one edge per cell.
    let side = (edges as f64).sqrt().ceil().clamp(1.0, 1024.0) as usize;
    let cell_w = ((east - west) / side as f64).max(f64::EPSILON);
    let cell_h = ((north - south) / side as f64).max(f64::EPSILON);
    let column = |x: f64| (((x - west) / cell_w) as usize).min(side - 1);
    let row = |y: f64| (((y - south) / cell_h) as usize).min(side - 1);
    let mut cells: Vec<Vec<u32>> = vec![Vec::new(); side * side];
    for e in 0..edges {
        let (a, b) = (ring[e], ring[e + 1]);
        let (c0, c1) = (column(a.0.min(b.0)), column(a.0.max(b.0)));
        let (r0, r1) = (row(a.1.min(b.1)), row(a.1.max(b.1)));
        for r in r0..=r1 {
            for c in c0..=c1 {
                cells[r * side + c].push(e as u32);
            }
        }
    }
    let neighbours = |i: usize, j: usize| {
        let (i, j) = (i.min(j), i.max(j));
        j - i == 1 || (i == 0 && j == edges - 1)
    };
    for cell in &cells {
        for (k, &i) in cell.iter().enumerate() {
            for &j in &cell[k + 1..] {
                let (i, j) = (i as usize, j as usize);
                if i == j || neighbours(i, j) {
                    continue;
                }
                if let Some(at) = meet(ring[i], ring[i + 1], ring[j], ring[j + 1]) {
                    return Some(at);
                }
            }
        }
    }
    None
}

/// Where segments `a`–`b` and `c`–`d` meet, if they do (touching counts).
fn meet(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> Option<(f64, f64)> {
    let cross = |o: (f64, f64), p: (f64, f64), q: (f64, f64)| {
        (p.0 - o.0) * (q.1 - o.1) - (p.1 - o.1) * (q.0 - o.0)
    };
    let on = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| {
        r.0 >= p.0.min(q.0) && r.0 <= p.0.max(q.0) && r.1 >= p.1.min(q.1) && r.1 <= p.1.max(q.1)
    };
    let (d1, d2) = (cross(c, d, a), cross(c, d, b));
    let (d3, d4) = (cross(a, b, c), cross(a, b, d));
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
    {
        let t = d1 / (d1 - d2);
        return Some((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t));
    }
    [(d1, c, d, a), (d2, c, d, b), (d3, a, b, c), (d4, a, b, d)]
        .into_iter()
        .find(|&(side, p, q, r)| side == 0.0 && on(p, q, r))
        .map(|(_, _, _, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_is_simple_and_a_figure_eight_crosses_itself() {
        let square = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)];
        assert_eq!(crossing(&square), None);
        let eight = [(0.0, 0.0), (1.0, 1.0), (1.0, 0.0), (0.0, 1.0), (0.0, 0.0)];
        assert_eq!(crossing(&eight), Some((0.5, 0.5)));
    }

    #[test]
    fn a_long_ring_that_touches_itself_once_is_found() {
        // A circle of 4,000 positions, then one position pulled across it.
        let mut ring: Vec<(f64, f64)> = (0..4_000)
            .map(|k| {
                let t = k as f64 / 4_000.0 * std::f64::consts::TAU;
                (t.cos(), t.sin())
            })
            .collect();
        ring.push(ring[0]);
        assert_eq!(crossing(&ring), None);
        ring[1_000] = (0.0, -1.5);
        assert!(crossing(&ring).is_some());
    }
}
