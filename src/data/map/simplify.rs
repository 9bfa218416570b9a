//! Fewer positions for a map drawn small: the Douglas–Peucker simplification
//! of a ring, keeping every position that lies further than a tolerance from
//! the line through the positions kept around it. A front line of thousands
//! of positions drawn on a few hundred screen points needs a few hundred;
//! closer in, the map is simplified less, down to not at all.

/// `ring` (closed: its last position repeats its first) with the positions
/// within `tolerance` degrees of the simplified outline left out; at least
/// the four positions a ring needs are kept, and the ring stays closed.
pub fn simplified(ring: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if ring.len() <= 4 || tolerance <= 0.0 {
        return ring.to_vec();
    }
    let last = ring.len() - 1;
    // A closed ring is split at its first position and the one furthest from
    // it, so that each half has two distinct ends.
    let far = (1..last)
        .max_by(|&a, &b| distance2(ring[0], ring[a]).total_cmp(&distance2(ring[0], ring[b])))
        .unwrap_or(last / 2);
    let mut keep = vec![false; ring.len()];
    keep[0] = true;
    keep[far] = true;
    keep[last] = true;
    let tolerance2 = tolerance * tolerance;
    let mut stack = vec![(0, far), (far, last)];
    while let Some((from, to)) = stack.pop() {
        if to <= from + 1 {
            continue;
        }
        let (a, b) = (ring[from], ring[to]);
        let (mut worst, mut at) = (0.0, from);
        for (i, &p) in ring.iter().enumerate().take(to).skip(from + 1) {
            let d = segment_distance2(p, a, b);
            if d > worst {
                (worst, at) = (d, i);
            }
        }
        if worst > tolerance2 {
            keep[at] = true;
            stack.push((from, at));
            stack.push((at, to));
        }
    }
    let mut out: Vec<(f64, f64)> = ring
        .iter()
        .zip(&keep)
        .filter_map(|(&p, &k)| k.then_some(p))
        .collect();
    if out.len() < 4 {
        // Too small to draw as more than a sliver: keep the ring as it was.
        return ring.to_vec();
    }
    if out.first() != out.last()
        && let Some(&first) = out.first()
    {
        out.push(first);
    }
    out
}

fn distance2(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)
}

/// The squared distance from `p` to the segment `a`–`b`.
fn segment_distance2(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length2 = dx * dx + dy * dy;
    if length2 == 0.0 {
        return distance2(p, a);
    }
    let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2).clamp(0.0, 1.0);
    distance2(p, (a.0 + t * dx, a.1 + t * dy))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_along_a_straight_side_go_and_corners_stay() {
        // A square whose sides each hold 100 positions.
        let mut ring = Vec::new();
        for k in 0..100 {
            ring.push((k as f64 / 100.0, 0.0));
        }
        for k in 0..100 {
            ring.push((1.0, k as f64 / 100.0));
        }
        for k in 0..100 {
            ring.push((1.0 - k as f64 / 100.0, 1.0));
        }
        for k in 0..100 {
            ring.push((0.0, 1.0 - k as f64 / 100.0));
        }
        ring.push((0.0, 0.0));
        let simple = simplified(&ring, 0.001);
        assert_eq!(simple.len(), 5, "{simple:?}");
        for corner in [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)] {
            assert!(simple.contains(&corner), "{corner:?} kept");
        }
        assert_eq!(simple.first(), simple.last());
    }

    #[test]
    fn every_position_left_out_is_within_the_tolerance() {
        let ring: Vec<(f64, f64)> = (0..=2_000)
            .map(|k| {
                let t = f64::from(k) / 2_000.0 * std::f64::consts::TAU;
                let r = 1.0 + 0.1 * (9.0 * t).sin();
                (r * t.cos(), r * t.sin())
            })
            .collect();
        let tolerance = 0.01;
        let simple = simplified(&ring, tolerance);
        assert!(simple.len() < ring.len() / 4, "{} positions", simple.len());
        for &p in &ring {
            let nearest = simple
                .windows(2)
                .map(|w| segment_distance2(p, w[0], w[1]))
                .fold(f64::MAX, f64::min);
            assert!(nearest.sqrt() <= tolerance + 1e-12, "{p:?} is {nearest}");
        }
    }
}
