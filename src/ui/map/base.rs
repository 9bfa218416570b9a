//! The base map under the events: sea, land filled as one mesh from the
//! triangles made once per run, borders as thin lines, and country names
//! where they fit. Only countries whose bounds meet the view are drawn; the
//! coarse map serves the whole world, the detailed one anything closer.

use egui::{Color32, Mesh, Painter, Pos2, Rect, Shape, Stroke};

use super::camera::Camera;
use crate::data::map::base_map::BaseMap;

/// Closer than this (points per degree) the detailed map is drawn.
const DETAILED_FROM: f64 = 5.0;

/// The colours of the base map for a theme.
struct Colours {
    sea: Color32,
    land: Color32,
    border: Color32,
    name: Color32,
}

fn colours(visuals: &egui::Visuals) -> Colours {
    if visuals.dark_mode {
        Colours {
            sea: Color32::from_rgb(24, 30, 38),
            land: Color32::from_rgb(52, 54, 56),
            border: Color32::from_rgb(98, 100, 104),
            name: Color32::from_rgb(150, 150, 150),
        }
    } else {
        Colours {
            sea: Color32::from_rgb(218, 228, 236),
            land: Color32::from_rgb(243, 240, 233),
            border: Color32::from_rgb(160, 156, 150),
            name: Color32::from_rgb(120, 118, 112),
        }
    }
}

/// What the base map drew, for tests and the benchmark.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BaseDrawn {
    /// Countries drawn.
    pub countries: usize,
    /// Country names written.
    pub names: usize,
}

/// The base map at the scale the camera needs.
pub fn map_for(camera: &Camera) -> &'static BaseMap {
    if camera.points_per_degree < DETAILED_FROM {
        BaseMap::coarse()
    } else {
        BaseMap::detailed()
    }
}

/// Draws sea, land, borders and names in `rect`; returns what was drawn and
/// where the countries' names were written.
pub fn draw(
    painter: &Painter,
    visuals: &egui::Visuals,
    camera: &Camera,
    rect: Rect,
) -> (BaseDrawn, Vec<Rect>) {
    let colours = colours(visuals);
    painter.rect_filled(rect, 0.0, colours.sea);
    let map = map_for(camera);
    let [west, south, east, north] = camera.bounds(rect);
    let in_view = |b: &[f32; 4]| {
        f64::from(b[0]) <= east
            && f64::from(b[2]) >= west
            && f64::from(b[1]) <= north
            && f64::from(b[3]) >= south
    };
    let mut drawn = BaseDrawn::default();
    let stroke = Stroke::new(0.8, colours.border);
    let mut shapes = Shapes::default();
    for country in map.countries.iter().filter(|c| in_view(&c.bounds)) {
        drawn.countries += 1;
        shapes.add(map, country, camera, rect, colours.land, stroke);
    }
    let Shapes { land, outlines } = shapes;
    painter.add(Shape::mesh(land));
    painter.add(Shape::mesh(outlines));
    let names = draw_names(painter, camera, rect, map, colours.name);
    drawn.names = names.len();
    (drawn, names)
}

/// Filled areas and their outlines, as two meshes.
#[derive(Default)]
pub struct Shapes {
    /// The filled areas.
    pub land: Mesh,
    /// Their outlines.
    pub outlines: Mesh,
}

impl Shapes {
    /// Adds one country (or one map's area) of `map`, projected.
    pub fn add(
        &mut self,
        map: &BaseMap,
        country: &crate::data::map::base_map::Country,
        camera: &Camera,
        rect: Rect,
        fill: Color32,
        stroke: Stroke,
    ) {
        self.add_fill(map, country, camera, rect, fill);
        self.add_outline(map, country, camera, rect, stroke);
    }

    /// Adds one country's area of `map`, filled, without its outline.
    pub fn add_fill(
        &mut self,
        map: &BaseMap,
        country: &crate::data::map::base_map::Country,
        camera: &Camera,
        rect: Rect,
        fill: Color32,
    ) {
        let range = country.vertices.start as usize..country.vertices.end as usize;
        let Some(vertices) = map.vertices.get(range) else {
            return;
        };
        let base = self.land.vertices.len() as u32;
        for &[lon, lat] in vertices {
            let at = camera.to_screen(rect, f64::from(lon), f64::from(lat));
            self.land.colored_vertex(at, fill);
        }
        let triangles = country.triangles.start as usize..country.triangles.end as usize;
        for &t in map.triangles.get(triangles).unwrap_or_default() {
            // Triangles index the whole map's vertices; the mesh holds this
            // country's from `base`.
            self.land.indices.push(base + t - country.vertices.start);
        }
    }

    /// Adds one country's outline of `map`.
    pub fn add_outline(
        &mut self,
        map: &BaseMap,
        country: &crate::data::map::base_map::Country,
        camera: &Camera,
        rect: Rect,
        stroke: Stroke,
    ) {
        let rings = country.rings.start as usize..country.rings.end as usize;
        for ring in map.rings.get(rings).unwrap_or_default() {
            let points = map
                .vertices
                .get(ring.start as usize..ring.end as usize)
                .unwrap_or_default();
            let Some(&[lon, lat]) = points.last() else {
                continue;
            };
            let mut previous = camera.to_screen(rect, f64::from(lon), f64::from(lat));
            for &[lon, lat] in points {
                let at = camera.to_screen(rect, f64::from(lon), f64::from(lat));
                add_segment(&mut self.outlines, rect, previous, at, stroke);
                previous = at;
            }
        }
    }
}

/// One border segment as a thin quad, when it meets the view. Segments are
/// drawn apart rather than as one path: a path's joins make long spikes where
/// a coastline turns back on itself.
pub(super) fn add_segment(mesh: &mut Mesh, rect: Rect, a: Pos2, b: Pos2, stroke: Stroke) {
    if !Rect::from_two_pos(a, b).intersects(rect) {
        return;
    }
    let along = b - a;
    let length = along.length();
    if length < 0.1 {
        return;
    }
    let side = along.rot90() / length * (stroke.width / 2.0);
    let base = mesh.vertices.len() as u32;
    for at in [a - side, a + side, b + side, b - side] {
        mesh.colored_vertex(at, stroke.color);
    }
    mesh.add_triangle(base, base + 1, base + 2);
    mesh.add_triangle(base, base + 2, base + 3);
}

/// Writes the names of countries wide enough on screen to hold them; returns
/// where each was written.
fn draw_names(
    painter: &Painter,
    camera: &Camera,
    rect: Rect,
    map: &BaseMap,
    colour: Color32,
) -> Vec<Rect> {
    let font = egui::FontId::proportional(11.0);
    let x_scale = camera.to_screen(rect, 1.0, 0.0).x - camera.to_screen(rect, 0.0, 0.0).x;
    let view = camera.bounds(rect);
    let mut written = Vec::new();
    for country in &map.countries {
        let [lon, lat] = country.label_at;
        let mut at = camera.to_screen(rect, f64::from(lon), f64::from(lat));
        let mut room = country.label_width * x_scale;
        if !rect.shrink(20.0).contains(at) {
            // A country that fills much of the view is named in the middle
            // of what is seen of it, when that middle is in it.
            let Some((middle, width)) = seen_middle(map, country, &view) else {
                continue;
            };
            at = camera.to_screen(rect, f64::from(middle[0]), f64::from(middle[1]));
            room = width * x_scale;
        }
        // About 6 points a letter at this size.
        if room < country.name.chars().count() as f32 * 6.5 + 8.0 {
            continue;
        }
        written.push(painter.text(
            at,
            egui::Align2::CENTER_CENTER,
            &country.name,
            font.clone(),
            colour,
        ));
    }
    written
}

/// The middle of the part of `country` the view (west, south, east, north)
/// shows, and that part's width in degrees, when the part fills a third of
/// the view or more and its middle lies in the country.
fn seen_middle(
    map: &BaseMap,
    country: &crate::data::map::base_map::Country,
    view: &[f64; 4],
) -> Option<([f32; 2], f32)> {
    let [w, s, e, n] = country.bounds.map(f64::from);
    let (west, south) = (w.max(view[0]), s.max(view[1]));
    let (east, north) = (e.min(view[2]), n.min(view[3]));
    let seen = (east - west) * (north - south);
    let whole = (view[2] - view[0]) * (view[3] - view[1]);
    if east <= west || north <= south || seen * 3.0 < whole {
        return None;
    }
    let middle = [((west + east) / 2.0) as f32, ((south + north) / 2.0) as f32];
    let inside = map
        .country_at(middle[0], middle[1])
        .is_some_and(|c| c.name == country.name);
    inside.then_some((middle, (east - west) as f32))
}
