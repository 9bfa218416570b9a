//! Drawing one plot for one frame: the value axis fitted to what is in view,
//! bands under the lines, runs of each series (silences as faint dotted gaps),
//! markers once figures are a few pixels apart, the selection and the hover.

use std::collections::BTreeSet;

use egui::epaint::Mesh;
use egui::{Color32, Pos2, Rangef, Rect, Shape, Ui, vec2};
use egui_plot::{GridMark, Line, LineStyle, MarkerShape, PlotPoint, PlotPoints, Points};

use super::{Band, PlotCache, PlotSettings, readout, style};
use crate::data::series_plan::{highest_in_view, value_step};
use crate::data::{EventOrder, LoadedDataset};
use crate::format;
use crate::ui::PanelView;
use crate::ui::actor_color;
use crate::ui::time_axis::{TickStep, TimeAxis, gutter_width, navigate, time_plot, value_grid};
use crate::view::{Selection, TimeWindow, ViewChange};

/// Markers are drawn once a series' closest figures are this many pixels apart.
const MARKER_SPACING: f64 = 6.0;
/// Pixels between value ticks the axis aims for.
const VALUE_TICK_SPACING: f32 = 45.0;

/// What one plot is drawn from.
pub(super) struct PlotInput<'a> {
    pub loaded: &'a LoadedDataset,
    pub shown: &'a EventOrder,
    pub cache: &'a PlotCache,
    /// Index into `cache.plan.plots`.
    pub plot_number: usize,
    pub hidden: &'a BTreeSet<usize>,
    pub series_of_track: &'a [usize],
    pub bands: &'a [Band],
    pub settings: PlotSettings,
    pub height: f32,
}

/// What a drawn plot reports back.
pub(super) struct Drawn {
    /// Screen x range of the time axis.
    pub x_range: Rangef,
    /// The time range egui_plot showed.
    pub time_bounds: (f64, f64),
    /// The value range shown.
    pub value_range: (f64, f64),
    /// The plot's drawing area.
    pub frame: Rect,
}

/// The value axis' top: what the shown series reach in view (or in the whole
/// dataset), with a margin.
fn value_top(input: &PlotInput<'_>, shown_tracks: &[usize], window: TimeWindow) -> f64 {
    let whole = input
        .cache
        .highest
        .get(input.plot_number)
        .copied()
        .unwrap_or(1.0);
    let top = if input.settings.whole_range {
        whole
    } else {
        let tracks: Vec<_> = shown_tracks
            .iter()
            .filter_map(|&t| {
                let track = input.loaded.index.tracks.get(t)?;
                let runs = input.cache.plan.runs.get(t)?;
                Some((track, runs.as_slice()))
            })
            .collect();
        highest_in_view(&tracks, window.start, window.end).unwrap_or(whole)
    };
    let axis = input.cache.plan.plots[input.plot_number].axis;
    match (top > 0.0, axis.is_percent()) {
        // A share never passes 100%: the margin stops just above it.
        (true, true) => (top * 1.08).min(105.0),
        (true, false) => top * 1.08,
        (false, _) => 1.0,
    }
}

pub(super) fn plot(ui: &mut Ui, input: &PlotInput<'_>, view: &mut PanelView<'_>) -> Drawn {
    let loaded = input.loaded;
    let cache = input.cache;
    let plan = &cache.plan.plots[input.plot_number];
    let axis = plan.axis;
    let window = view.window();
    let series_of = |t: usize| input.series_of_track.get(t).copied().unwrap_or(usize::MAX);
    let shown_tracks: Vec<usize> = plan
        .tracks()
        .filter(|&t| !input.hidden.contains(&series_of(t)))
        .collect();
    let top = value_top(input, &shown_tracks, window);
    let wanted = f64::from((input.height / VALUE_TICK_SPACING).clamp(2.0, 8.0));
    let value_tick = value_step(top, wanted);
    let pixels_per_day = f64::from((ui.available_width() - gutter_width(ui.ctx())).max(1.0))
        / window.width().max(1e-9);

    // Room under the plot's items for its background and the bands.
    let underlay = ui.painter().add(Shape::Noop);
    let plot = time_plot(ui, ("area-plot", axis as u8))
        .height(input.height)
        .show_background(false)
        .x_axis_formatter(time_label)
        .y_grid_spacer(move |grid| value_grid(&grid, value_tick))
        .y_axis_formatter(move |mark, _| format::axis_value(mark.value, axis));

    let visuals = ui.visuals().clone();
    let selected_point = match view.selection() {
        Some(Selection::Point { series, point }) => plan
            .tracks()
            .filter_map(|t| loaded.index.tracks.get(t))
            .find(|track| track.series == series)
            .and_then(|track| track.points.get(point).copied()),
        _ => None,
    };
    let response = plot.show(ui, |plot_ui| {
        plot_ui.set_plot_bounds_x(window.start..=window.end);
        plot_ui.set_plot_bounds_y(0.0..=top);
        for &t in &shown_tracks {
            if let (Some(track), Some(drawing)) = (loaded.index.tracks.get(t), cache.tracks.get(t))
            {
                let color = actor_color(&visuals, &loaded.index, track.actor);
                let markers = drawing.tightest * pixels_per_day >= MARKER_SPACING;
                draw_series(
                    plot_ui,
                    track,
                    drawing,
                    (color, markers),
                    input.settings.steps,
                );
            }
        }
        let highlight = visuals.selection.stroke.color;
        if let Some([x, y]) = selected_point {
            plot_ui.add(
                Points::new("", vec![[x, y]])
                    .shape(MarkerShape::Circle)
                    .radius(8.0)
                    .filled(false)
                    .color(highlight)
                    .allow_hover(false),
            );
        }
    });

    let transform = response.transform;
    let frame = *transform.frame();
    let mut under = vec![Shape::rect_filled(frame, 0.0, visuals.extreme_bg_color)];
    let bands_here: Vec<&Band> = input.bands.iter().filter(|b| b.axis == axis).collect();
    for band in &bands_here {
        let color = actor_color(&visuals, &loaded.index, band.actor).gamma_multiply(0.2);
        under.push(Shape::mesh(band_mesh(
            band,
            &transform,
            window,
            input.settings.steps,
            color,
        )));
    }
    // Clipped to the plot's frame: a band's trapezoids reach from the figure
    // before the window to the one after it, far past the axes when zoomed in.
    ui.painter_at(frame).set(underlay, Shape::Vec(under));

    let time_axis = TimeAxis {
        window,
        x_range: frame.x_range(),
    };
    draw_event_ticks(ui, input.shown, &time_axis, frame);
    time_axis.paint_overlays(ui.painter(), frame, view, &loaded.index);

    let hovered = hover(ui, input, &response, (&bands_here, &shown_tracks));
    if response.response.clicked()
        && let Some((series, point)) = hovered
    {
        view.ask(ViewChange::Select(Some(Selection::Point { series, point })));
    }
    navigate(ui, &response.response, &time_axis, view);
    let bounds = transform.bounds();
    Drawn {
        x_range: frame.x_range(),
        time_bounds: (bounds.min()[0], bounds.max()[0]),
        value_range: (bounds.min()[1], bounds.max()[1]),
        frame,
    }
}

/// A time tick's label. Ticks too close to an edge to show their label whole
/// get none; the first labelled tick names the year.
fn time_label(mark: GridMark, range: &std::ops::RangeInclusive<f64>) -> String {
    let margin = (range.end() - range.start()) * 0.03;
    let (start, end) = (range.start() + margin, range.end() - margin);
    if mark.value < start || mark.value > end {
        return String::new();
    }
    let first = mark.value - mark.step_size < start;
    TickStep::from_days(mark.step_size).label(mark.value, first)
}

/// The band as trapezoids in screen space, only those in the window.
fn band_mesh(
    band: &Band,
    transform: &egui_plot::PlotTransform,
    window: TimeWindow,
    steps: bool,
    color: Color32,
) -> Mesh {
    let mut mesh = Mesh::default();
    let at = |x: f64, y: f64| transform.position_from_point(&PlotPoint::new(x, y));
    for stretch in &band.stretches {
        let first = stretch
            .partition_point(|p| p[0] < window.start)
            .saturating_sub(1);
        for pair in stretch[first..].windows(2) {
            let ([x0, low0, high0], [x1, low1, high1]) = (pair[0], pair[1]);
            if x0 > window.end {
                break;
            }
            let (low1, high1) = if steps { (low0, high0) } else { (low1, high1) };
            let base = mesh.vertices.len() as u32;
            for pos in [at(x0, high0), at(x1, high1), at(x1, low1), at(x0, low0)] {
                mesh.colored_vertex(pos, color);
            }
            mesh.add_triangle(base, base + 1, base + 2);
            mesh.add_triangle(base, base + 2, base + 3);
        }
    }
    mesh
}

/// Small ticks along the bottom of the plot where events start: one per bucket of
/// pixels, taller where more events fall, found by binary search.
fn draw_event_ticks(ui: &Ui, shown: &EventOrder, axis: &TimeAxis, frame: Rect) {
    const BUCKET: f32 = 3.0;
    let painter = ui.painter_at(frame);
    let color = ui.visuals().weak_text_color();
    let buckets = (frame.width() / BUCKET).ceil() as usize;
    let edges: Vec<f64> = (0..=buckets)
        .map(|b| axis.day(frame.left() + b as f32 * BUCKET))
        .collect();
    let mut mesh = Mesh::default();
    for (b, count) in shown.counts_between(&edges).into_iter().enumerate() {
        if count > 0 {
            let x = frame.left() + b as f32 * BUCKET;
            let height = 4.0 + 3.0 * (count as f32).ln_1p();
            let bar = Rect::from_min_size(Pos2::new(x, frame.bottom() - height), vec2(1.5, height));
            mesh.add_colored_rect(bar, color);
        }
    }
    painter.add(Shape::mesh(mesh));
}

/// One series on its plot: its lines (steps or straight), its silences as
/// faint dots, its markers when figures are far enough apart (and a lone
/// figure's always), and each figure's range.
fn draw_series<'a>(
    plot_ui: &mut egui_plot::PlotUi<'a>,
    track: &crate::data::SeriesTrack,
    drawing: &'a super::cache::TrackDrawing,
    (color, markers): (Color32, bool),
    steps: bool,
) {
    let runs = if steps {
        &drawing.steps
    } else {
        &drawing.straight
    };
    for run in runs.iter().filter(|r| r.len() >= 2) {
        // egui_plot would draw a solid line's points that share an x
        // (every step's rise) as a filled band: a series is a line.
        plot_ui.line(
            Line::new(drawing.name.as_str(), PlotPoints::Borrowed(run))
                .color(color)
                .style(style::line_style(drawing.look))
                .width(1.8)
                .allow_band(false)
                .allow_hover(false),
        );
    }
    for silence in &drawing.silences {
        plot_ui.line(
            Line::new(drawing.name.as_str(), PlotPoints::Borrowed(silence))
                .color(color.gamma_multiply(0.35))
                .style(LineStyle::Dotted { spacing: 9.0 })
                .width(1.0)
                .allow_hover(false),
        );
    }
    let marker = style::marker_shape(drawing.look);
    for (points, filled) in [(&drawing.firm, true), (&drawing.soft, false)] {
        if points.is_empty() {
            continue;
        }
        if markers {
            plot_ui.add(
                Points::new(drawing.name.as_str(), PlotPoints::Borrowed(points))
                    .shape(marker)
                    .radius(4.0)
                    .color(color)
                    .filled(filled)
                    .allow_hover(false),
            );
        }
    }
    // A figure alone between silences has no line: it always gets its marker.
    let lonely: Vec<PlotPoint> = runs
        .iter()
        .filter(|r| r.len() == 1)
        .flat_map(|r| r.iter().copied())
        .collect();
    if !markers && !lonely.is_empty() {
        plot_ui.add(
            Points::new(drawing.name.as_str(), PlotPoints::Owned(lonely))
                .shape(marker)
                .radius(4.0)
                .color(color)
                .filled(true)
                .allow_hover(false),
        );
    }
    if markers {
        for (p, bound) in track.points.iter().zip(&track.bounds) {
            if let Some([low, high]) = bound {
                plot_ui.line(
                    Line::new(drawing.name.as_str(), vec![[p[0], *low], [p[0], *high]])
                        .color(color)
                        .width(1.2)
                        .allow_hover(false),
                );
            }
        }
    }
}

/// Hover on a plot: inside a band, the sources it compares (with daily figures
/// a figure is always near); else the nearest figure within a few pixels; else
/// the readout of every shown series at the pointer's date. Returns the figure
/// under the pointer, if any.
fn hover(
    ui: &Ui,
    input: &PlotInput<'_>,
    response: &egui_plot::PlotResponse<()>,
    (bands_here, shown_tracks): (&[&Band], &[usize]),
) -> Option<(usize, usize)> {
    let (loaded, cache) = (input.loaded, input.cache);
    let transform = response.transform;
    let frame = *transform.frame();
    let pointer = response.response.hover_pos().filter(|p| frame.contains(*p));
    let hovered = pointer
        .and_then(|pointer| readout::nearest_point(loaded, shown_tracks, &transform, pointer));
    if let Some(pointer) = pointer {
        let at = transform.value_from_position(pointer);
        let inside = bands_here
            .iter()
            .copied()
            .find(|b| readout::band_contains(b, at.x, at.y, input.settings.steps));
        match (inside, hovered) {
            (None, Some((series, point))) => {
                response
                    .response
                    .clone()
                    .on_hover_ui_at_pointer(|ui| readout::point_tooltip(ui, loaded, series, point));
            }
            _ => {
                ui.painter_at(frame).line_segment(
                    [
                        Pos2::new(pointer.x, frame.top()),
                        Pos2::new(pointer.x, frame.bottom()),
                    ],
                    egui::Stroke::new(1.0, ui.visuals().weak_text_color().gamma_multiply(0.6)),
                );
                let rows = inside.map_or_else(|| shown_tracks.to_vec(), |b| b.members.clone());
                response.response.clone().on_hover_ui_at_pointer(|ui| {
                    readout::crosshair(
                        ui,
                        loaded,
                        cache,
                        inside,
                        &rows,
                        at.x,
                        input.settings.steps,
                    );
                });
            }
        }
    }
    hovered
}
