//! How one organisation's control maps are told from another's: the outline
//! drawn in the dash its organisation's series have on the plot, and the area
//! hatched in a direction of its own. Where two maps of one actor overlap,
//! one's hatching shows through the other's, so both stay visible; the same
//! style marks each map's line above the map, as its legend.
//!
//! Hatching is worked out in screen space, one scan line at a time: every
//! edge of the area's rings puts a crossing on each hatch line it spans, and
//! the crossings of a line, in order along it, pair up into the stretches
//! inside the area (even–odd, so holes stay empty). That is linear in the
//! edges and crossings, with no triangle or clipping work.

use egui::{Color32, Mesh, Painter, Pos2, Rect, Stroke, Vec2, vec2};

use super::base::add_segment;
use super::camera::Camera;
use crate::data::map::base_map::{BaseMap, Country};

/// Points between two hatch lines.
const HATCH_SPACING: f32 = 7.0;

/// How a control map is drawn, apart from its actor's colour: an index into
/// the plot's dashes, which picks the outline's dash and the hatching.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapStyle {
    /// The actor's colour.
    pub colour: Color32,
    /// The organisation's dash, as the plot numbers them (0 solid, 1 dashed,
    /// 2 dotted, 3 short dashes).
    pub dash: usize,
}

/// Which way a map's area is hatched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hatch {
    /// Not hatched: the area is filled.
    None,
    /// Lines rising to the right.
    Rising,
    /// Lines falling to the right.
    Falling,
    /// Both.
    Crossed,
}

impl MapStyle {
    /// The hatching of this style.
    pub fn hatch(self) -> Hatch {
        match self.dash % 4 {
            0 => Hatch::None,
            1 => Hatch::Rising,
            2 => Hatch::Falling,
            _ => Hatch::Crossed,
        }
    }

    /// How opaque the area's fill is: a hatched area is filled lightly, so
    /// that another map under it shows.
    pub fn fill(self) -> Color32 {
        match self.hatch() {
            Hatch::None => self.colour.gamma_multiply(0.28),
            _ => self.colour.gamma_multiply(0.10),
        }
    }

    /// The outline's stroke.
    pub fn stroke(self) -> Stroke {
        Stroke::new(1.6, self.colour)
    }

    /// Drawn and skipped lengths of the outline's dashes, or `None` for a
    /// solid line.
    fn dashes(self) -> Option<(f32, f32)> {
        match self.dash % 4 {
            0 => None,
            1 => Some((8.0, 4.0)),
            2 => Some((2.0, 3.0)),
            _ => Some((4.0, 2.5)),
        }
    }

    /// The directions (unit vectors across the lines) this style hatches in.
    fn hatch_directions(self) -> &'static [Vec2] {
        const R: f32 = std::f32::consts::FRAC_1_SQRT_2;
        const RISING: Vec2 = Vec2::new(R, R);
        const FALLING: Vec2 = Vec2::new(R, -R);
        const BOTH: [Vec2; 2] = [RISING, FALLING];
        match self.hatch() {
            Hatch::None => &[],
            Hatch::Rising => std::slice::from_ref(&BOTH[0]),
            Hatch::Falling => std::slice::from_ref(&BOTH[1]),
            Hatch::Crossed => &BOTH,
        }
    }
}

/// Each ring of `area` projected to the screen.
fn projected_rings(map: &BaseMap, area: &Country, camera: &Camera, rect: Rect) -> Vec<Vec<Pos2>> {
    let rings = area.rings.start as usize..area.rings.end as usize;
    map.rings
        .get(rings)
        .unwrap_or_default()
        .iter()
        .map(|ring| {
            map.vertices
                .get(ring.start as usize..ring.end as usize)
                .unwrap_or_default()
                .iter()
                .map(|&[lon, lat]| camera.to_screen(rect, f64::from(lon), f64::from(lat)))
                .collect()
        })
        .collect()
}

/// Adds `area`'s outline in the style's dashes and its hatching to `mesh`.
pub fn add_styled(
    mesh: &mut Mesh,
    map: &BaseMap,
    area: &Country,
    camera: &Camera,
    rect: Rect,
    style: MapStyle,
) {
    let rings = projected_rings(map, area, camera, rect);
    let stroke = style.stroke();
    for ring in &rings {
        add_ring(mesh, rect, ring, stroke, style.dashes());
    }
    let hatch = Stroke::new(1.0, style.colour.gamma_multiply(0.8));
    for &across in style.hatch_directions() {
        add_hatching(mesh, rect, &rings, across, hatch);
    }
}

/// One closed ring as a line, solid or in dashes (`on` drawn, `off` skipped),
/// the dashes running on from one edge to the next.
fn add_ring(
    mesh: &mut Mesh,
    rect: Rect,
    ring: &[Pos2],
    stroke: Stroke,
    dashes: Option<(f32, f32)>,
) {
    let Some(&last) = ring.last() else {
        return;
    };
    let mut previous = last;
    // How far into the pattern (on then off) the line is.
    let mut phase = 0.0_f32;
    for &at in ring {
        match dashes {
            None => add_segment(mesh, rect, previous, at, stroke),
            Some((on, off)) => {
                let length = previous.distance(at);
                if length > 0.0 && Rect::from_two_pos(previous, at).intersects(rect) {
                    let mut done = 0.0_f32;
                    while done < length {
                        let into = phase % (on + off);
                        let (drawing, left) = if into < on {
                            (true, on - into)
                        } else {
                            (false, on + off - into)
                        };
                        let step = left.min(length - done);
                        if drawing {
                            let a = previous.lerp(at, done / length);
                            let b = previous.lerp(at, (done + step) / length);
                            add_segment(mesh, rect, a, b, stroke);
                        }
                        done += step;
                        phase += step;
                    }
                } else {
                    phase += length;
                }
            }
        }
        previous = at;
    }
}

/// Hatch lines across `across` (a unit vector), every [`HATCH_SPACING`]
/// points, inside `rings` (even–odd) and within `rect`.
fn add_hatching(mesh: &mut Mesh, rect: Rect, rings: &[Vec<Pos2>], across: Vec2, stroke: Stroke) {
    let along = across.rot90();
    let u = |p: Pos2| p.to_vec2().dot(across);
    let v = |p: Pos2| p.to_vec2().dot(along);
    let corners = [
        rect.left_top(),
        rect.right_top(),
        rect.left_bottom(),
        rect.right_bottom(),
    ];
    let (low, high) = corners
        .iter()
        .map(|&c| u(c))
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(x), hi.max(x))
        });
    let first_line = (low / HATCH_SPACING).ceil() as i64;
    let last_line = (high / HATCH_SPACING).floor() as i64;
    // Each crossing: which line, and how far along it.
    let mut crossings: Vec<(i64, f32)> = Vec::new();
    for ring in rings {
        let Some(&last) = ring.last() else {
            continue;
        };
        let mut previous = last;
        for &at in ring {
            let (ua, ub) = (u(previous), u(at));
            if ua != ub {
                let (from, to) = if ua < ub { (ua, ub) } else { (ub, ua) };
                // Lines at u in [from, to): a vertex on a line counts once.
                let start = ((from / HATCH_SPACING).ceil() as i64).max(first_line);
                let end = ((to / HATCH_SPACING).ceil() as i64 - 1).min(last_line);
                for line in start..=end {
                    let t = (line as f32 * HATCH_SPACING - ua) / (ub - ua);
                    crossings.push((line, v(previous.lerp(at, t))));
                }
            }
            previous = at;
        }
    }
    crossings.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    for pair in crossings.chunks_exact(2) {
        let [(line, from), (other, to)] = [pair[0], pair[1]];
        if line != other {
            // An odd number of crossings on a line (a ring left open):
            // nothing is drawn rather than a stray stroke.
            continue;
        }
        let offset = line as f32 * HATCH_SPACING;
        let point = |w: f32| Pos2::ZERO + across * offset + along * w;
        add_segment(mesh, rect, point(from), point(to), stroke);
    }
}

/// A map's swatch for its line above the map: a little area in its style.
pub fn paint_swatch(painter: &Painter, swatch: Rect, style: MapStyle) {
    painter.rect_filled(swatch, 0.0, style.fill());
    let mut mesh = Mesh::default();
    let ring = [
        swatch.left_top(),
        swatch.right_top(),
        swatch.right_bottom(),
        swatch.left_bottom(),
    ];
    add_ring(
        &mut mesh,
        swatch.expand(1.0),
        &ring,
        style.stroke(),
        style.dashes(),
    );
    let hatch = Stroke::new(1.0, style.colour.gamma_multiply(0.8));
    for &across in style.hatch_directions() {
        add_hatching(&mut mesh, swatch, &[ring.to_vec()], across, hatch);
    }
    painter.add(egui::Shape::mesh(mesh));
}

/// The size of a swatch.
pub const SWATCH: Vec2 = vec2(18.0, 11.0);

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f32, y: f32, side: f32) -> Vec<Pos2> {
        vec![
            Pos2::new(x, y),
            Pos2::new(x + side, y),
            Pos2::new(x + side, y + side),
            Pos2::new(x, y + side),
        ]
    }

    /// The hatching's segments: each is a quad of four vertices.
    fn segments(mesh: &Mesh) -> Vec<[Pos2; 2]> {
        mesh.vertices
            .chunks_exact(4)
            .map(|q| [q[0].pos.lerp(q[1].pos, 0.5), q[2].pos.lerp(q[3].pos, 0.5)])
            .collect()
    }

    #[test]
    fn hatching_stays_inside_the_area_and_leaves_its_hole_empty() {
        let rect = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0));
        let outer = square(50.0, 50.0, 200.0);
        let hole = square(120.0, 120.0, 60.0);
        let mut mesh = Mesh::default();
        let across = Vec2::new(1.0, 1.0).normalized();
        add_hatching(
            &mut mesh,
            rect,
            &[outer, hole],
            across,
            Stroke::new(1.0, Color32::RED),
        );
        let drawn = segments(&mesh);
        assert!(drawn.len() > 40, "{} segments", drawn.len());
        let inside_hole = Rect::from_min_size(Pos2::new(121.0, 121.0), vec2(58.0, 58.0));
        for [a, b] in drawn {
            for t in [0.05, 0.5, 0.95] {
                let p = a.lerp(b, t);
                assert!(
                    (49.0..=251.0).contains(&p.x) && (49.0..=251.0).contains(&p.y),
                    "{p:?} is outside the area"
                );
                assert!(!inside_hole.contains(p), "{p:?} is in the hole");
            }
        }
    }

    #[test]
    fn a_dashed_outline_leaves_gaps_and_a_solid_one_does_not() {
        let rect = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0));
        let ring = square(50.0, 50.0, 100.0);
        let stroke = Stroke::new(1.0, Color32::RED);
        let drawn_length = |dashes| {
            let mut mesh = Mesh::default();
            add_ring(&mut mesh, rect, &ring, stroke, dashes);
            segments(&mesh)
                .iter()
                .map(|[a, b]| a.distance(*b))
                .sum::<f32>()
        };
        let solid = drawn_length(None);
        let dashed = drawn_length(Some((8.0, 4.0)));
        assert!((solid - 400.0).abs() < 1.0, "{solid}");
        assert!((dashed - 400.0 * 8.0 / 12.0).abs() < 10.0, "{dashed}");
    }
}
