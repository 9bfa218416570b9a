//! The context layers on the map, so that it says where: lakes filled, rivers
//! (wider for larger ones) and first-level boundaries as lines under the
//! control maps and the events; places as dots with their names, and the
//! regions' names, over the control maps. What shows depends on the zoom and
//! on each feature's size (a place's population, a river's or a region's
//! rank): a country view shows cities, a close view towns. A name is written
//! only where it meets no other name and none of the map's own chips.

use egui::{Align2, Color32, FontId, Mesh, Painter, Pos2, Rect, Shape, Stroke, vec2};

use super::base::{Shapes, add_segment};
use super::camera::Camera;
use crate::data::map::context::{CellIndex, ContextMap, Line};

/// The most names written in one frame.
const MOST_LABELS: usize = 220;
/// The most place dots drawn in one frame.
const MOST_DOTS: usize = 3_000;

/// What the context layers drew, for tests and the benchmark.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ContextDrawn {
    /// Lakes filled.
    pub lakes: usize,
    /// River lines drawn.
    pub rivers: usize,
    /// First-level boundary lines drawn.
    pub borders: usize,
    /// Place dots drawn.
    pub places: usize,
    /// Names written (places, rivers and regions).
    pub labels: usize,
}

/// A name written on the map, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The name.
    pub text: String,
    /// Where it was written, on screen.
    pub rect: Rect,
}

/// The colours of the context layers for a theme.
struct Colours {
    water: Color32,
    river: Color32,
    border: Color32,
    place: Color32,
    place_name: Color32,
    region_name: Color32,
    river_name: Color32,
    halo: Color32,
}

fn colours(visuals: &egui::Visuals) -> Colours {
    if visuals.dark_mode {
        Colours {
            water: Color32::from_rgb(28, 44, 62),
            river: Color32::from_rgb(58, 96, 132),
            border: Color32::from_rgb(86, 88, 94),
            place: Color32::from_rgb(200, 200, 196),
            place_name: Color32::from_rgb(214, 214, 210),
            region_name: Color32::from_rgb(132, 134, 140),
            river_name: Color32::from_rgb(120, 164, 206),
            halo: Color32::from_rgba_unmultiplied(30, 32, 34, 200),
        }
    } else {
        Colours {
            water: Color32::from_rgb(190, 212, 232),
            river: Color32::from_rgb(112, 156, 200),
            border: Color32::from_rgb(176, 168, 180),
            place: Color32::from_rgb(60, 60, 64),
            place_name: Color32::from_rgb(40, 40, 44),
            region_name: Color32::from_rgb(132, 124, 140),
            river_name: Color32::from_rgb(52, 96, 146),
            halo: Color32::from_rgba_unmultiplied(250, 248, 242, 210),
        }
    }
}

/// The largest scale rank of river drawn at this zoom (points per degree).
fn river_rank_limit(points_per_degree: f64) -> u8 {
    match points_per_degree {
        z if z < 8.0 => 1,
        z if z < 25.0 => 3,
        z if z < 70.0 => 5,
        z if z < 200.0 => 6,
        z if z < 600.0 => 9,
        _ => u8::MAX,
    }
}

/// The least population of a place shown at this zoom.
pub fn least_population(points_per_degree: f64) -> u32 {
    match points_per_degree {
        z if z < 8.0 => 3_000_000,
        z if z < 25.0 => 700_000,
        z if z < 60.0 => 150_000,
        z if z < 150.0 => 40_000,
        z if z < 400.0 => 10_000,
        _ => 3_000,
    }
}

/// Whether `bounds` (west, south, east, north) meet the view's.
fn meets(bounds: &[f32; 4], view: &[f64; 4]) -> bool {
    f64::from(bounds[0]) <= view[2]
        && f64::from(bounds[2]) >= view[0]
        && f64::from(bounds[1]) <= view[3]
        && f64::from(bounds[3]) >= view[1]
}

/// Whether a point (longitude, latitude) lies in `view`.
fn sees(view: &[f64; 4], [lon, lat]: [f32; 2]) -> bool {
    (view[0]..=view[2]).contains(&f64::from(lon)) && (view[1]..=view[3]).contains(&f64::from(lat))
}

/// Lakes, rivers and first-level boundaries, under the control maps and the events.
pub fn draw_under(
    painter: &Painter,
    visuals: &egui::Visuals,
    camera: &Camera,
    rect: Rect,
) -> ContextDrawn {
    let map = ContextMap::embedded();
    let colours = colours(visuals);
    let view = camera.bounds(rect);
    let zoom = camera.points_per_degree;
    let mut drawn = ContextDrawn::default();
    if zoom >= 8.0 {
        let rank_limit = if zoom < 40.0 { 3 } else { u8::MAX };
        let mut lakes = Shapes::default();
        for (lake, &rank) in map.lakes.countries.iter().zip(&map.lake_ranks) {
            if rank <= rank_limit && meets(&lake.bounds, &view) {
                lakes.add_fill(&map.lakes, lake, camera, rect, colours.water);
                drawn.lakes += 1;
            }
        }
        painter.add(Shape::mesh(lakes.land));
    }
    if zoom >= 25.0 {
        let stroke = Stroke::new(0.7, colours.border);
        let mut mesh = Mesh::default();
        for line in lines_in(&map.borders, &map.border_cells, &view) {
            add_line(&mut mesh, map, line, camera, rect, stroke);
            drawn.borders += 1;
        }
        painter.add(Shape::mesh(mesh));
    }
    let rank_limit = river_rank_limit(zoom);
    // Wider as the map closes in, as printed maps draw them.
    let widen = (zoom / 60.0).clamp(0.6, 2.0) as f32;
    let mut mesh = Mesh::default();
    for line in lines_in(&map.rivers, &map.river_cells, &view) {
        if line.rank <= rank_limit {
            let width = (line.width * widen).clamp(0.6, 3.5);
            add_line(
                &mut mesh,
                map,
                line,
                camera,
                rect,
                Stroke::new(width, colours.river),
            );
            drawn.rivers += 1;
        }
    }
    painter.add(Shape::mesh(mesh));
    drawn
}

/// The lines of `lines` that meet `view`: through the cells when the view is
/// small, else by each line's bounds.
fn lines_in<'a>(
    lines: &'a [Line],
    cells: &CellIndex,
    view: &[f64; 4],
) -> impl Iterator<Item = &'a Line> {
    let listed = cells.in_view(*view);
    let all = listed
        .is_none()
        .then_some(lines.iter())
        .into_iter()
        .flatten();
    let some = listed
        .into_iter()
        .flatten()
        .filter_map(|i| lines.get(i as usize));
    all.chain(some).filter(|l| meets(&l.bounds, view))
}

/// Points closer than this on screen to the last one drawn are skipped: a
/// line's detail finer than the screen shows costs without showing.
const LEAST_STEP: f32 = 1.5;

/// One river's or boundary's segments, projected, its detail kept to what the
/// screen shows.
fn add_line(
    mesh: &mut Mesh,
    map: &ContextMap,
    line: &Line,
    camera: &Camera,
    rect: Rect,
    stroke: Stroke,
) {
    let points = map
        .points
        .get(line.points.start as usize..line.points.end as usize)
        .unwrap_or_default();
    let mut previous: Option<Pos2> = None;
    let last = points.len().saturating_sub(1);
    for (i, &[lon, lat]) in points.iter().enumerate() {
        let at = camera.to_screen(rect, f64::from(lon), f64::from(lat));
        match previous {
            Some(from) if i < last && from.distance_sq(at) < LEAST_STEP * LEAST_STEP => {}
            Some(from) => {
                add_segment(mesh, rect, from, at, stroke);
                previous = Some(at);
            }
            None => previous = Some(at),
        }
    }
}

/// Names placed so far, and the places they may not go.
struct Placing {
    taken: Vec<Rect>,
    labels: Vec<Label>,
}

impl Placing {
    /// Writes `text` in the first of `spots` (each the rectangle the text
    /// takes there) that meets nothing written or reserved; whether it did.
    fn place(
        &mut self,
        painter: &Painter,
        text: &str,
        font: &FontId,
        (colour, halo): (Color32, Color32),
        spots: &[(Pos2, Align2)],
    ) -> bool {
        if self.labels.len() >= MOST_LABELS {
            return false;
        }
        let galley = painter.layout_no_wrap(text.to_owned(), font.clone(), colour);
        let size = galley.size();
        let clip = painter.clip_rect().shrink(2.0);
        for &(at, anchor) in spots {
            let spot = anchor.anchor_size(at, size).expand(1.0);
            if !clip.contains_rect(spot) || self.taken.iter().any(|t| t.intersects(spot)) {
                continue;
            }
            painter.rect_filled(spot, 2.0, halo);
            painter.galley(spot.min + vec2(1.0, 1.0), galley, colour);
            self.taken.push(spot);
            self.labels.push(Label {
                text: text.to_owned(),
                rect: spot,
            });
            return true;
        }
        false
    }
}

impl Placing {
    /// Writes a river's name (laid out as `galley`) along the longest
    /// stretch of the river (its points `on_screen`) that can hold it, turned
    /// to the stretch and kept upright; whether it did.
    fn along(
        &mut self,
        painter: &Painter,
        on_screen: &[Pos2],
        inside: Rect,
        galley: std::sync::Arc<egui::Galley>,
        text: &str,
    ) -> bool {
        if self.labels.len() >= MOST_LABELS {
            return false;
        }
        let size = galley.size();
        let colour = galley
            .job
            .sections
            .first()
            .map_or(Color32::GRAY, |s| s.format.color);
        let Some((a, b)) = on_screen
            .windows(2)
            .map(|w| (w[0], w[1]))
            .filter(|(a, b)| inside.contains(*a) && inside.contains(*b))
            .max_by(|x, y| x.0.distance_sq(x.1).total_cmp(&y.0.distance_sq(y.1)))
        else {
            return false;
        };
        if a.distance(b) < size.x + 8.0 {
            return false;
        }
        let mut angle = (b - a).angle();
        if angle.abs() > std::f32::consts::FRAC_PI_2 {
            angle -= std::f32::consts::PI.copysign(angle);
        }
        let middle = a + (b - a) / 2.0;
        let (cos, sin) = (angle.cos().abs(), angle.sin().abs());
        let half = vec2(
            cos * size.x / 2.0 + sin * size.y / 2.0,
            sin * size.x / 2.0 + cos * size.y / 2.0,
        );
        let spot = Rect::from_center_size(middle, half * 2.0);
        if self.taken.iter().any(|t| t.intersects(spot)) {
            return false;
        }
        let shape = egui::epaint::TextShape::new(middle - size / 2.0, galley, colour)
            .with_angle_and_anchor(angle, Align2::CENTER_CENTER);
        painter.add(shape);
        self.taken.push(spot);
        self.labels.push(Label {
            text: text.to_owned(),
            rect: spot,
        });
        true
    }
}

/// Places as dots with their names, the largest first, and the regions'
/// names at mid zoom; never a name over another, over `reserved` (the map's
/// chips, legend and scale) or over a country's name. Returns what was drawn
/// and the names written.
pub fn draw_names(
    painter: &Painter,
    visuals: &egui::Visuals,
    camera: &Camera,
    rect: Rect,
    reserved: &[Rect],
) -> (ContextDrawn, Vec<Label>, Vec<(Pos2, u32)>) {
    let map = ContextMap::embedded();
    let colours = colours(visuals);
    let view = camera.bounds(rect);
    let zoom = camera.points_per_degree;
    let least = least_population(zoom);
    let mut drawn = ContextDrawn::default();
    let mut dots = Vec::new();
    let mut placing = Placing {
        taken: reserved.to_vec(),
        labels: Vec::new(),
    };
    let big = FontId::proportional(12.5);
    let small = FontId::proportional(11.0);
    // The places in view, largest first: through the cells when the view is
    // small, else the largest of all until the zoom's least population.
    let in_cells = map.place_cells.in_view(view);
    let all = in_cells
        .is_none()
        .then_some(map.places.iter().enumerate())
        .into_iter()
        .flatten();
    let listed = in_cells
        .into_iter()
        .flatten()
        .filter_map(|i| map.places.get(i as usize).map(|p| (i as usize, p)));
    for (index, place) in all.chain(listed).take_while(|(_, p)| p.population >= least) {
        if drawn.places >= MOST_DOTS {
            break;
        }
        if !sees(&view, place.at) {
            continue;
        }
        let at = camera.to_screen(rect, f64::from(place.at[0]), f64::from(place.at[1]));
        let radius = if place.population >= 1_000_000 {
            3.0
        } else {
            2.2
        };
        let font = if place.population >= 500_000 {
            &big
        } else {
            &small
        };
        let gap = radius + 3.0;
        let spots = [
            (at + vec2(gap, 0.0), Align2::LEFT_CENTER),
            (at - vec2(gap, 0.0), Align2::RIGHT_CENTER),
            (at - vec2(0.0, gap), Align2::CENTER_BOTTOM),
            (at + vec2(0.0, gap), Align2::CENTER_TOP),
        ];
        // A dot whose name finds no room is drawn only among few: a crowd of
        // nameless dots says nothing.
        let named = placing.place(
            painter,
            map.name(place.name),
            font,
            (colours.place_name, colours.halo),
            &spots,
        );
        if named || zoom >= 150.0 {
            painter.circle(at, radius, colours.place, Stroke::new(1.0, colours.halo));
            drawn.places += 1;
            dots.push((at, index as u32));
        }
    }
    if zoom >= 60.0 {
        let font = FontId::proportional(10.5);
        let mut rivers: Vec<&Line> = lines_in(&map.rivers, &map.river_cells, &view)
            .filter(|l| l.name.is_some() && l.rank <= river_rank_limit(zoom))
            .collect();
        rivers.sort_by_key(|l| l.rank);
        let mut named = std::collections::BTreeSet::new();
        for line in rivers {
            let Some(name) = line.name else { continue };
            if named.contains(&name) {
                continue;
            }
            let text = map.name(name);
            let galley = painter.layout_no_wrap(text.to_owned(), font.clone(), colours.river_name);
            let on_screen: Vec<Pos2> = map
                .points
                .get(line.points.start as usize..line.points.end as usize)
                .unwrap_or_default()
                .iter()
                .map(|&[lon, lat]| camera.to_screen(rect, f64::from(lon), f64::from(lat)))
                .collect();
            if placing.along(painter, &on_screen, rect.shrink(24.0), galley, text) {
                named.insert(name);
            }
        }
    }
    if (40.0..2_500.0).contains(&zoom) {
        name_regions(&mut placing, painter, camera, rect, colours.region_name);
    }
    drawn.labels = placing.labels.len();
    (drawn, placing.labels, dots)
}

/// The first-level regions' names in view, the most prominent first.
fn name_regions(
    placing: &mut Placing,
    painter: &Painter,
    camera: &Camera,
    rect: Rect,
    colour: Color32,
) {
    let map = ContextMap::embedded();
    let view = camera.bounds(rect);
    let mut regions: Vec<_> = map.regions.iter().filter(|r| sees(&view, r.at)).collect();
    regions.sort_by_key(|r| r.rank);
    let font = FontId::proportional(10.5);
    for region in regions {
        let at = camera.to_screen(rect, f64::from(region.at[0]), f64::from(region.at[1]));
        let text = map.name(region.name).to_uppercase();
        placing.place(
            painter,
            &text,
            &font,
            (colour, Color32::TRANSPARENT),
            &[(at, Align2::CENTER_CENTER)],
        );
    }
}

/// The place dot under the pointer, if any, named in a tooltip: its name,
/// its province and country, and how many live there.
pub fn hover_place(response: &egui::Response, dots: &[(Pos2, u32)]) -> Option<u32> {
    let pointer = response.hover_pos()?;
    let &(_, place) = dots
        .iter()
        .filter(|(at, _)| at.distance(pointer) <= 6.0)
        .min_by(|a, b| a.0.distance(pointer).total_cmp(&b.0.distance(pointer)))?;
    let map = ContextMap::embedded();
    let found = map.places.get(place as usize)?;
    let mut text = map.name(found.name).to_owned();
    let region: Vec<&str> = [found.province, found.country]
        .into_iter()
        .flatten()
        .map(|n| map.name(n))
        .collect();
    if !region.is_empty() {
        text.push('\n');
        text.push_str(&region.join(", "));
    }
    text.push_str(&format!(
        "\n{} people (GeoNames)",
        crate::format::count(found.population)
    ));
    response.clone().on_hover_text_at_pointer(text);
    Some(place)
}
