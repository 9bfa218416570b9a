//! What hovering a plot tells: the figure under the pointer with its source, or,
//! anywhere else, a readout of each shown series' latest figure as of the
//! pointer's date, with that figure's date and citation. Inside a band the
//! readout lists only the sources the band compares and how far apart they are.

use egui::{Pos2, RichText, Ui};
use egui_plot::PlotPoint;

use super::{Band, PlotCache};
use crate::data::LoadedDataset;
use crate::data::series_plan::latest_as_of;
use crate::format;
use crate::ui::actor_color;

/// A figure older than this, in days, is flagged as old in the readout.
const STALE_DAYS: f64 = 180.0;
/// Rows listed before the readout says how many more there are.
const MAX_ROWS: usize = 14;

/// The figure nearest the pointer within a few pixels, as (series, point).
pub(super) fn nearest_point(
    loaded: &LoadedDataset,
    shown_tracks: &[usize],
    transform: &egui_plot::PlotTransform,
    pointer: Pos2,
) -> Option<(usize, usize)> {
    let reach = 8.0;
    let day_lo = transform
        .value_from_position(Pos2::new(pointer.x - reach, pointer.y))
        .x;
    let day_hi = transform
        .value_from_position(Pos2::new(pointer.x + reach, pointer.y))
        .x;
    let mut best: Option<(f32, usize, usize)> = None;
    for track in shown_tracks
        .iter()
        .filter_map(|&t| loaded.index.tracks.get(t))
    {
        let near = track.points_between(day_lo, day_hi);
        for (i, &[x, y]) in track.points[near.clone()].iter().enumerate() {
            let screen = transform.position_from_point(&PlotPoint::new(x, y));
            let distance = screen.distance(pointer);
            if distance <= reach && best.is_none_or(|(d, _, _)| distance < d) {
                best = Some((distance, track.series, near.start + i));
            }
        }
    }
    best.map(|(_, s, p)| (s, p))
}

/// The band's lowest and highest value at a day, as drawn, if it covers the day.
pub(super) fn band_at(band: &Band, day: f64, steps: bool) -> Option<(f64, f64)> {
    band.stretches.iter().find_map(|stretch| {
        let after = stretch.partition_point(|p| p[0] <= day);
        let before = stretch.get(after.checked_sub(1)?)?;
        let next = stretch.get(after)?;
        let t = if steps || next[0] <= before[0] {
            0.0
        } else {
            (day - before[0]) / (next[0] - before[0])
        };
        Some((
            before[1] + t * (next[1] - before[1]),
            before[2] + t * (next[2] - before[2]),
        ))
    })
}

/// Whether a value at a day lies inside a band.
pub(super) fn band_contains(band: &Band, day: f64, value: f64, steps: bool) -> bool {
    band_at(band, day, steps).is_some_and(|(low, high)| (low..=high).contains(&value))
}

/// The readout at a day: for each listed track, its latest figure as of the
/// day, with the figure's date and who gave it.
pub(super) fn crosshair(
    ui: &mut Ui,
    loaded: &LoadedDataset,
    cache: &PlotCache,
    band: Option<&Band>,
    tracks: &[usize],
    day: f64,
    steps: bool,
) {
    let dataset = &loaded.dataset;
    ui.strong(format!("As of {}", format::day(day)));
    if let Some(band) = band {
        let comparison = cache.plan.comparisons.get(band.comparison);
        let actor = dataset
            .actors
            .get(band.actor)
            .map_or("?", |a| a.name.as_str());
        if let (Some(comparison), Some((low, high))) = (comparison, band_at(band, day, steps)) {
            ui.label(format!(
                "Sources differ on {} in {}: {} to {} as drawn",
                format::line(actor),
                format::line(&comparison.scope),
                format::axis_value(low, comparison.axis),
                format::axis_value(high, comparison.axis),
            ));
        }
    }
    let mut listed = 0;
    for &t in tracks {
        let (Some(track), Some(drawing)) = (loaded.index.tracks.get(t), cache.tracks.get(t)) else {
            continue;
        };
        let Some(series) = loaded.index.series(dataset, track.series) else {
            continue;
        };
        let Some(point) = latest_as_of(track, day).and_then(|p| series.points.get(p)) else {
            continue;
        };
        if listed == MAX_ROWS {
            ui.weak(format!("and {} more", tracks.len() - listed));
            break;
        }
        listed += 1;
        let color = actor_color(ui.visuals(), &loaded.index, track.actor);
        let publisher = publisher(loaded, &point.cite.source);
        ui.horizontal(|ui| {
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(26.0, 12.0), egui::Sense::hover());
            super::style::paint_swatch(ui.painter(), swatch, drawing.look, color);
            ui.label(RichText::new(format::line(&drawing.name)).strong());
        });
        let age = track
            .points
            .get(latest_as_of(track, day).unwrap_or(0))
            .map_or(0.0, |p| day - p[0]);
        let stale = if age > STALE_DAYS {
            format!(" ({} days earlier)", age.round())
        } else {
            String::new()
        };
        ui.label(format!(
            "    {} on {}{stale} · {}",
            format::figure(series, point),
            point.date.human(),
            format::line(publisher)
        ));
    }
    if listed == 0 {
        ui.weak("No figure shown has been given by this date.");
    }
}

/// Who published the source a citation names.
fn publisher<'a>(loaded: &'a LoadedDataset, source: &str) -> &'a str {
    loaded
        .index
        .source_by_id
        .get(source)
        .and_then(|&i| loaded.dataset.sources.get(i))
        .map_or("unknown source", |s| s.publisher.as_str())
}

/// The tooltip of one figure: value, date, scope, conversion and source.
pub(super) fn point_tooltip(ui: &mut Ui, loaded: &LoadedDataset, series: usize, point: usize) {
    let dataset = &loaded.dataset;
    let Some(s) = loaded.index.series(dataset, series) else {
        return;
    };
    let Some(p) = s.points.get(point) else { return };
    let actor = dataset
        .actors
        .iter()
        .find(|a| a.id == s.actor)
        .map_or(s.actor.as_str(), |a| a.name.as_str());
    ui.strong(format!("{}: {}", format::line(actor), format::figure(s, p)));
    ui.label(format!("as of {}", p.date.human()));
    ui.label(format!("scope: {}", format::line(&s.scope)));
    if let Some(converted) = format::conversion(s, p) {
        ui.label(converted);
    }
    let publisher = publisher(loaded, &p.cite.source);
    ui.label(format!(
        "{} · source: {}",
        format::line(&s.source_org),
        format::line(publisher)
    ));
    ui.weak("Click for the citation");
}
