//! Boolean operations on a map's polygons, by `i_overlay`: the parts of one
//! snapshot that overlap merged so that they count once, and what one
//! snapshot holds that another does not (the ground gained and lost between
//! two dates). Rings are turned the same way first (outlines
//! counter-clockwise, holes clockwise) whatever way the monitor drew them,
//! so that overlapping outlines add up and holes cut.

use std::borrow::Cow;

use i_overlay::core::fill_rule::FillRule;
use i_overlay::core::overlay_rule::OverlayRule;
use i_overlay::float::single::SingleFloatOverlay;

/// A polygon: its outline then its holes, each ring of (longitude, latitude)
/// closed on itself.
pub type Polygon = Vec<Vec<(f64, f64)>>;

/// Polygons, as a snapshot holds them.
pub type Polygons = Vec<Polygon>;

/// The shapes `i_overlay` reads: rings not closed, outlines turned
/// counter-clockwise and holes clockwise.
fn shapes(polygons: &[Polygon]) -> Vec<Vec<Vec<[f64; 2]>>> {
    polygons
        .iter()
        .map(|rings| {
            rings
                .iter()
                .enumerate()
                .map(|(r, ring)| {
                    let open = ring
                        .strip_suffix(&ring[..1.min(ring.len())])
                        .unwrap_or(ring);
                    let mut points: Vec<[f64; 2]> = open.iter().map(|&(x, y)| [x, y]).collect();
                    let counter_clockwise = signed_area(&points) > 0.0;
                    if counter_clockwise != (r == 0) {
                        points.reverse();
                    }
                    points
                })
                .collect()
        })
        .collect()
}

/// Twice the signed area of an open ring in the plane of longitude and
/// latitude: positive when it runs counter-clockwise.
fn signed_area(points: &[[f64; 2]]) -> f64 {
    let n = points.len();
    (0..n)
        .map(|i| {
            let (a, b) = (points[i], points[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum()
}

/// `i_overlay`'s shapes as polygons, each ring closed.
fn polygons(shapes: Vec<Vec<Vec<[f64; 2]>>>) -> Polygons {
    shapes
        .into_iter()
        .map(|contours| {
            contours
                .into_iter()
                .filter(|c| c.len() >= 3)
                .map(|contour| {
                    let mut ring: Vec<(f64, f64)> = contour.iter().map(|p| (p[0], p[1])).collect();
                    ring.push(ring[0]);
                    ring
                })
                .collect::<Vec<_>>()
        })
        .filter(|rings: &Vec<Vec<(f64, f64)>>| !rings.is_empty())
        .collect()
}

/// The box around a polygon's outline: west, south, east, north.
fn extent(rings: &[Vec<(f64, f64)>]) -> [f64; 4] {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for &(x, y) in rings.first().map_or(&[][..], Vec::as_slice) {
        b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
    }
    b
}

/// The polygons with their overlapping parts merged, so that no ground is
/// counted twice; as they are when no two of them can overlap.
pub fn merged(polygons: &[Polygon]) -> Cow<'_, [Polygon]> {
    let boxes: Vec<[f64; 4]> = polygons.iter().map(|p| extent(p)).collect();
    let may_overlap = boxes.iter().enumerate().any(|(i, a)| {
        boxes[i + 1..]
            .iter()
            .any(|b| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3])
    });
    if !may_overlap {
        return Cow::Borrowed(polygons);
    }
    let none: Vec<Vec<Vec<[f64; 2]>>> = Vec::new();
    Cow::Owned(self::polygons(shapes(polygons).overlay(
        &none,
        OverlayRule::Subject,
        FillRule::NonZero,
    )))
}

/// What `after` holds that `before` does not (the ground gained), and what
/// `before` holds that `after` does not (the ground lost).
pub fn gained_and_lost(before: &[Polygon], after: &[Polygon]) -> (Polygons, Polygons) {
    let (before, after) = (shapes(before), shapes(after));
    let gained = after.overlay(&before, OverlayRule::Difference, FillRule::NonZero);
    let lost = before.overlay(&after, OverlayRule::Difference, FillRule::NonZero);
    (polygons(gained), polygons(lost))
}
