//! The events on the map: one mark per event where few are in view, drawn as
//! closely as their sources located them (a dot, a soft circle of about
//! 25 km, a district's or province's circle, a count on the country), or
//! counts per grid cell, shaded by count and drawn as one mesh, where many
//! are.

use std::collections::BTreeMap;

use egui::{Color32, Mesh, Painter, Pos2, Rect, Stroke};

use super::camera::Camera;
use crate::data::derived::map_bins::Bins;
use crate::data::derived::map_points::MarkKind;

/// How one event's mark is drawn.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    /// Its lane's colour.
    pub colour: Color32,
    /// Drawn faint: outside the search's matches or the span.
    pub faint: bool,
    /// Ringed: a search match.
    pub ringed: bool,
    /// The selected event.
    pub selected: bool,
}

/// One event found in view, with what drawing it needs that does not change
/// from frame to frame while the view stays: kept together so that a frame
/// reads a short array instead of the event columns at random.
#[derive(Clone, Copy, Debug)]
pub struct Dot {
    /// The event's index.
    pub event: u32,
    /// Where it is.
    pub lon: f32,
    pub lat: f32,
    /// How closely its source located it.
    pub kind: MarkKind,
    /// Its lane's colour.
    pub colour: Color32,
}

/// One event drawn, where it was drawn: for hover and click.
#[derive(Clone, Copy, Debug)]
pub struct Placed {
    /// The event's index.
    pub event: usize,
    /// Its point on screen.
    pub at: Pos2,
}

/// Draws events one by one; returns where each landed. Country-wide events
/// are gathered into one count per place given.
pub fn draw_events(
    painter: &Painter,
    camera: &Camera,
    rect: Rect,
    dots: &[Dot],
    look: &dyn Fn(&Dot) -> Look,
    visuals: &egui::Visuals,
) -> Vec<Placed> {
    let mut placed = Vec::with_capacity(dots.len());
    let mut countrywide: BTreeMap<(i32, i32), (Pos2, usize)> = BTreeMap::new();
    let km = camera.km_per_point();
    let mut rings = Vec::new();
    for dot in dots {
        let event = dot.event as usize;
        let at = camera.to_screen(rect, f64::from(dot.lon), f64::from(dot.lat));
        placed.push(Placed { event, at });
        let look = look(dot);
        let alpha = if look.faint { 0.25 } else { 1.0 };
        let colour = look.colour.gamma_multiply(alpha);
        match dot.kind {
            MarkKind::Country => {
                let key = ((at.x / 4.0) as i32, (at.y / 4.0) as i32);
                countrywide.entry(key).or_insert((at, 0)).1 += 1;
            }
            MarkKind::Exact => {
                painter.circle_filled(at, 3.5, colour);
            }
            kind => {
                let radius = ((kind.radius_km() / km) as f32).clamp(5.0, 400.0);
                painter.circle(
                    at,
                    radius,
                    colour.gamma_multiply(0.12),
                    Stroke::new(1.0, colour.gamma_multiply(0.5)),
                );
                painter.circle_filled(at, 2.0, colour);
            }
        }
        if look.ringed {
            rings.push((at, 6.0, Stroke::new(1.5, visuals.strong_text_color())));
        }
        if look.selected {
            rings.push((at, 9.0, Stroke::new(2.5, visuals.selection.stroke.color)));
        }
    }
    for (_, (at, count)) in countrywide {
        draw_country_count(painter, at, count, visuals);
    }
    for (at, radius, stroke) in rings {
        painter.circle_stroke(at, radius, stroke);
    }
    placed
}

/// A count of events known only by country, as a labelled square on it.
fn draw_country_count(painter: &Painter, at: Pos2, count: usize, visuals: &egui::Visuals) {
    let text = format!("{count} country-wide");
    let font = egui::FontId::proportional(11.0);
    let galley = painter.layout_no_wrap(text, font, visuals.strong_text_color());
    let frame = Rect::from_center_size(at, galley.size() + egui::vec2(8.0, 4.0));
    painter.rect(
        frame,
        2.0,
        visuals.extreme_bg_color.gamma_multiply(0.9),
        Stroke::new(1.0, visuals.weak_text_color()),
        egui::StrokeKind::Inside,
    );
    painter.galley(
        frame.min + egui::vec2(4.0, 2.0),
        galley,
        visuals.strong_text_color(),
    );
}

/// Steps between the palest and the deepest shade of a cell.
const SHADE_STEPS: usize = 255;

/// Draws the counts per cell in view as one mesh; returns the cells drawn.
/// Cell edges are placed on screen once per column and once per row, so that
/// thousands of cells cost little more than reading their counts.
pub fn draw_bins(painter: &Painter, camera: &Camera, rect: Rect, bins: &Bins, dark: bool) -> usize {
    let Some(grid) = bins.grid else { return 0 };
    let [west, south, east, north] = camera.bounds(rect);
    let cell = grid.cell_degrees();
    let column_of = |lon: f64| ((lon + 180.0) / cell).floor() as i64 - grid.column0;
    let row_of = |lat: f64| ((lat + 90.0) / cell).floor() as i64 - grid.row0;
    let (first_column, last_column) = (
        column_of(west).max(0),
        column_of(east).min(i64::from(grid.columns) - 1),
    );
    let (first_row, last_row) = (
        row_of(south).max(0),
        row_of(north).min(i64::from(grid.rows) - 1),
    );
    if first_column > last_column || first_row > last_row {
        painter.add(egui::Shape::mesh(Mesh::default()));
        return 0;
    }
    // Screen x of each column's west and east edges, y of each row's south and north.
    let xs: Vec<(f32, f32)> = (first_column..=last_column)
        .map(|column| {
            let [w, _, e, _] = grid.cell_bounds(column as u32, 0);
            (
                camera.to_screen(rect, w, 0.0).x,
                camera.to_screen(rect, e, 0.0).x,
            )
        })
        .collect();
    let ys: Vec<(f32, f32)> = (first_row..=last_row)
        .map(|row| {
            let [_, s, _, n] = grid.cell_bounds(0, row as u32);
            (
                camera.to_screen(rect, 0.0, s).y,
                camera.to_screen(rect, 0.0, n).y,
            )
        })
        .collect();
    let most = f64::from(bins.max.max(2)).ln();
    // Shades by share, in steps finer than the eye tells apart.
    let shades: Vec<Color32> = (0..=SHADE_STEPS)
        .map(|step| shade(step as f32 / SHADE_STEPS as f32, dark))
        .collect();
    let mut mesh = Mesh::default();
    let cells = xs.len() * ys.len();
    mesh.reserve_vertices(cells * 4);
    mesh.reserve_triangles(cells * 2);
    let mut drawn = 0;
    for (row, &(bottom, top)) in (first_row..).zip(&ys) {
        for (column, &(left, right)) in (first_column..).zip(&xs) {
            let count = bins.count(column as u32, row as u32);
            if count == 0 {
                continue;
            }
            let share = (f64::from(count).ln_1p() / most.max(1e-9)).clamp(0.0, 1.0);
            let colour = shades[(share * SHADE_STEPS as f64).round() as usize];
            let cell_rect = Rect::from_min_max(egui::pos2(left, top), egui::pos2(right, bottom));
            mesh.add_colored_rect(cell_rect.shrink(0.5), colour);
            drawn += 1;
        }
    }
    painter.add(egui::Shape::mesh(mesh));
    drawn
}

/// A cell's colour: pale and see-through for few events, deep red for most.
pub fn shade(share: f32, dark: bool) -> Color32 {
    let (from, to) = if dark {
        ([255.0, 214.0, 120.0], [255.0, 70.0, 50.0])
    } else {
        ([254.0, 204.0, 92.0], [189.0, 0.0, 38.0])
    };
    let mix = |a: f32, b: f32| (a + (b - a) * share) as u8;
    let alpha = (110.0 + 130.0 * share) as u8;
    Color32::from_rgba_unmultiplied(
        mix(from[0], to[0]),
        mix(from[1], to[1]),
        mix(from[2], to[2]),
        alpha,
    )
}
