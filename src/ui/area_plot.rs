//! The plot of area held over time (egui_plot), one line per control series.
//!
//! Series are grouped by what their values can be compared with: km² (with
//! percentages of a stated area, such as Syria's 185,180 km², converted to km²
//! for display), percent of a reference with no stated area (shown as the share
//! held, 100 − lost), and km² lost. Each group is its own plot; all share the
//! time window. Colour says the actor, line style and marker say the source
//! organisation, so two sources for one actor stay apart.

use std::collections::BTreeSet;

use egui::{Color32, Pos2, Rangef, Rect, Ui, vec2};
use egui_plot::{
    GridMark, Line, LineStyle, MarkerShape, Plot, PlotPoint, PlotPoints, Points, VLine,
};

use super::actor_color;
use super::confidence_is_firm;
use super::time_axis::{TICK_SPACING, TickStep, TimeAxis, navigate, ticks};
use crate::data::{EventOrder, LoadedDataset, PlotAxis};
use crate::format;
use crate::view::{Selection, ViewState};

/// egui_plot's minimum grid spacing in pixels, by which it scales the step it suggests.
const GRID_SPACING_MIN: f32 = 8.0;

/// Width reserved for the value axis, the same in every plot so that they line up.
pub const VALUE_AXIS_WIDTH: f32 = 100.0;

/// The plot panel, with what it derived from the dataset on load and the series
/// the user hid in its legend.
#[derive(Default)]
pub struct AreaPlotPanel {
    cache: Option<PlotCache>,
    shown_x: Option<(f64, f64)>,
    /// Series hidden in the legend, by index in `Dataset::control`.
    hidden: BTreeSet<usize>,
    /// The series of each track of the load the cache was built for.
    series_of_track: Vec<usize>,
    /// Series to hide, by legend name, once the plot is next drawn (a restored view).
    pending_hidden: Option<Vec<String>>,
}

struct PlotCache {
    generation: u64,
    groups: Vec<AxisGroup>,
}

struct AxisGroup {
    axis: PlotAxis,
    tracks: Vec<TrackStyle>,
    y_max: f64,
}

struct TrackStyle {
    /// Index in `DatasetIndex::tracks`.
    track: usize,
    name: String,
    color: Color32,
    line: LineStyle,
    marker: MarkerShape,
    points: Vec<PlotPoint>,
    /// The points of confirmed or reported figures, drawn as filled markers.
    firm: Vec<PlotPoint>,
    /// The points of claimed, disputed or unverified figures, drawn hollow.
    soft: Vec<PlotPoint>,
}

const LINE_STYLES: [LineStyle; 3] = [
    LineStyle::Solid,
    LineStyle::Dashed { length: 8.0 },
    LineStyle::Dotted { spacing: 6.0 },
];
const MARKERS: [MarkerShape; 6] = [
    MarkerShape::Circle,
    MarkerShape::Square,
    MarkerShape::Diamond,
    MarkerShape::Up,
    MarkerShape::Down,
    MarkerShape::Asterisk,
];

/// The plotted points of a series whose figures are firm (or, with `firm` false, not).
fn marker_points(
    track: &crate::data::SeriesTrack,
    series: &crate::data::ControlSeries,
    firm: bool,
) -> Vec<PlotPoint> {
    track
        .points
        .iter()
        .zip(&series.points)
        .filter(|(_, p)| confidence_is_firm(p.confidence) == firm)
        .map(|(&[x, y], _)| PlotPoint::new(x, y))
        .collect()
}

impl PlotCache {
    fn build(loaded: &LoadedDataset, generation: u64) -> Self {
        let dataset = &loaded.dataset;
        let mut organisations: Vec<&str> = Vec::new();
        let mut groups: Vec<AxisGroup> = Vec::new();
        for axis in PlotAxis::ALL {
            let mut tracks = Vec::new();
            let mut y_max: f64 = 0.0;
            for (t, track) in loaded
                .index
                .tracks
                .iter()
                .enumerate()
                .filter(|(_, t)| t.axis == axis)
            {
                let series = &dataset.control[track.series];
                let org = match organisations.iter().position(|o| *o == series.source_org) {
                    Some(i) => i,
                    None => {
                        organisations.push(&series.source_org);
                        organisations.len() - 1
                    }
                };
                let actor = dataset
                    .actors
                    .get(track.actor)
                    .map_or("?", |a| a.short.as_str());
                for (p, bound) in track.points.iter().zip(&track.bounds) {
                    y_max = y_max.max(p[1]);
                    if let Some([_, high]) = bound {
                        y_max = y_max.max(*high);
                    }
                }
                tracks.push(TrackStyle {
                    track: t,
                    name: format::series_name(series, actor),
                    color: actor_color(&loaded.index, track.actor),
                    line: LINE_STYLES[org % LINE_STYLES.len()],
                    marker: MARKERS[org % MARKERS.len()],
                    points: track
                        .points
                        .iter()
                        .map(|&[x, y]| PlotPoint::new(x, y))
                        .collect(),
                    firm: marker_points(track, series, true),
                    soft: marker_points(track, series, false),
                });
            }
            if !tracks.is_empty() {
                groups.push(AxisGroup {
                    axis,
                    tracks,
                    y_max,
                });
            }
        }
        Self { generation, groups }
    }
}

impl AreaPlotPanel {
    fn track_series(&self, track: usize) -> Option<usize> {
        self.series_of_track.get(track).copied()
    }

    /// The legend names of the hidden series.
    pub fn hidden_names(&self) -> Vec<String> {
        self.cache
            .iter()
            .flat_map(|c| c.groups.iter().flat_map(|g| &g.tracks))
            .filter(|style| {
                self.track_series(style.track)
                    .is_some_and(|s| self.hidden.contains(&s))
            })
            .map(|style| style.name.clone())
            .collect()
    }

    /// Hides exactly the series with these legend names, from the next frame on.
    pub fn hide_by_name(&mut self, names: Vec<String>) {
        self.pending_hidden = Some(names);
    }

    /// The series hidden in the legend, by index in `Dataset::control`.
    pub fn hidden_series(&self) -> &BTreeSet<usize> {
        &self.hidden
    }

    /// The time range the plots showed last frame, as egui_plot reports it.
    pub fn shown_time_range(&self) -> Option<(f64, f64)> {
        self.shown_x
    }

    /// Draws the plots into `ui`; returns the screen x range of their time axis,
    /// which the timeline uses to line up with them.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        loaded: &LoadedDataset,
        shown: &EventOrder,
        generation: u64,
        view: &mut ViewState,
    ) -> Option<Rangef> {
        if self
            .cache
            .as_ref()
            .is_none_or(|c| c.generation != generation)
        {
            // Series stay hidden across a reload by their name, not their position.
            let hidden_names: Vec<String> = self
                .cache
                .iter()
                .flat_map(|c| c.groups.iter().flat_map(|g| &g.tracks))
                .filter(|style| {
                    self.hidden
                        .contains(&self.track_series(style.track).unwrap_or(usize::MAX))
                })
                .map(|style| style.name.clone())
                .collect();
            let cache = PlotCache::build(loaded, generation);
            self.hidden = cache
                .groups
                .iter()
                .flat_map(|g| &g.tracks)
                .filter(|style| hidden_names.contains(&style.name))
                .filter_map(|style| loaded.index.tracks.get(style.track).map(|t| t.series))
                .collect();
            self.series_of_track = loaded.index.tracks.iter().map(|t| t.series).collect();
            self.cache = Some(cache);
        }
        if let (Some(names), Some(cache)) = (self.pending_hidden.take(), &self.cache) {
            self.hidden = cache
                .groups
                .iter()
                .flat_map(|g| &g.tracks)
                .filter(|style| names.contains(&style.name))
                .filter_map(|style| self.series_of_track.get(style.track).copied())
                .collect();
        }
        let cache = self.cache.as_ref()?;
        if cache.groups.is_empty() {
            ui.centered_and_justified(|ui| {
                ui.label("This dataset has no territorial-control figures.")
            });
            return None;
        }
        let share = |g: &AxisGroup| {
            if g.axis == PlotAxis::SquareKm {
                3.0
            } else {
                1.0
            }
        };
        let mut weights: f32 = cache.groups.iter().map(share).sum();
        let mut x_range = None;
        for group in &cache.groups {
            let before = ui.available_height();
            legend(ui, loaded, group, &mut self.hidden);
            let legend_height = before - ui.available_height();
            let height =
                ((before * share(group) / weights) - legend_height - ui.spacing().item_spacing.y)
                    .max(50.0);
            weights -= share(group);
            let (range, bounds) = show_group(ui, loaded, shown, group, &self.hidden, view, height);
            x_range = x_range.or(Some(range));
            self.shown_x = Some(bounds);
        }
        x_range
    }
}

fn show_group(
    ui: &mut Ui,
    loaded: &LoadedDataset,
    shown: &EventOrder,
    group: &AxisGroup,
    hidden: &BTreeSet<usize>,
    view: &mut ViewState,
    height: f32,
) -> (Rangef, (f64, f64)) {
    let window = view.window;
    let axis = group.axis;
    let plot = Plot::new(("area-plot", group.axis as u8))
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .y_axis_min_width(VALUE_AXIS_WIDTH)
        .grid_spacing(Rangef::new(GRID_SPACING_MIN, 300.0))
        .x_grid_spacer(|input| {
            // egui_plot passes days per pixel times the minimum spacing: the same
            // step as the timeline's follows, so both show the same ticks.
            let step = TickStep::choose(
                input.base_step_size / f64::from(GRID_SPACING_MIN),
                TICK_SPACING,
            );
            let window = crate::view::TimeWindow {
                start: input.bounds.0,
                end: input.bounds.1,
            };
            ticks(window, step)
                .into_iter()
                .map(|value| GridMark {
                    value,
                    step_size: step.days(),
                })
                .collect()
        })
        .x_axis_formatter(|mark, _| label_for_step(mark))
        .y_axis_formatter(move |mark, _| format::axis_value(mark.value, axis));

    let selected_day = view
        .selected_event()
        .and_then(|e| loaded.index.spans.get(e))
        .map(|s| s.start);
    let cursor = view.cursor;
    let selected_point = match view.selection {
        Some(Selection::Point { series, point }) => group
            .tracks
            .iter()
            .map(|style| &loaded.index.tracks[style.track])
            .find(|track| track.series == series)
            .and_then(|track| track.points.get(point).copied()),
        _ => None,
    };
    let response = plot.show(ui, |plot_ui| {
        plot_ui.set_plot_bounds_x(window.start..=window.end);
        let top = if group.axis == PlotAxis::PercentHeld {
            105.0
        } else {
            (group.y_max * 1.1).max(1.0)
        };
        plot_ui.set_plot_bounds_y(0.0..=top);
        for style in group
            .tracks
            .iter()
            .filter(|s| !hidden.contains(&loaded.index.tracks[s.track].series))
        {
            plot_ui.line(
                Line::new(style.name.clone(), PlotPoints::Borrowed(&style.points))
                    .color(style.color)
                    .style(style.line)
                    .width(1.8)
                    .allow_hover(false),
            );
            plot_ui.add(
                Points::new(style.name.clone(), PlotPoints::Borrowed(&style.firm))
                    .shape(style.marker)
                    .radius(4.0)
                    .color(style.color)
                    .filled(true)
                    .allow_hover(false),
            );
            if !style.soft.is_empty() {
                plot_ui.add(
                    Points::new(style.name.clone(), PlotPoints::Borrowed(&style.soft))
                        .shape(style.marker)
                        .radius(4.0)
                        .color(style.color)
                        .filled(false)
                        .allow_hover(false),
                );
            }
            let track = &loaded.index.tracks[style.track];
            for (p, bound) in track.points.iter().zip(&track.bounds) {
                if let Some([low, high]) = bound {
                    plot_ui.line(
                        Line::new(style.name.clone(), vec![[p[0], *low], [p[0], *high]])
                            .color(style.color)
                            .width(1.0)
                            .allow_hover(false),
                    );
                }
            }
        }
        if let Some([x, y]) = selected_point {
            plot_ui.add(
                Points::new("", vec![[x, y]])
                    .shape(MarkerShape::Circle)
                    .radius(8.0)
                    .filled(false)
                    .color(plot_ui.ctx().global_style().visuals.selection.stroke.color)
                    .allow_hover(false),
            );
        }
        if let Some(day) = selected_day {
            plot_ui.add(
                VLine::new("", day)
                    .color(plot_ui.ctx().global_style().visuals.selection.stroke.color)
                    .width(1.5)
                    .allow_hover(false),
            );
        }
        if let Some(day) = cursor {
            plot_ui.add(
                VLine::new("", day)
                    .color(Color32::from_gray(140))
                    .width(1.0)
                    .allow_hover(false),
            );
        }
    });

    let frame = *response.transform.frame();
    let axis = TimeAxis {
        window,
        x_range: frame.x_range(),
    };
    draw_event_ticks(ui, shown, &axis, frame);
    if let Some(span) = view.span {
        let band = Rect::from_x_y_ranges(
            axis.x(span.start).max(frame.left())..=axis.x(span.end).min(frame.right()),
            frame.y_range(),
        );
        if band.width() > 0.0 {
            ui.painter_at(frame).rect_filled(
                band,
                0.0,
                ui.visuals().selection.bg_fill.gamma_multiply(0.25),
            );
        }
    }

    // Hover: the nearest data point within a few pixels.
    let hovered = response
        .response
        .hover_pos()
        .and_then(|pointer| nearest_point(loaded, group, hidden, &response.transform, pointer));
    if let Some((series, point)) = hovered {
        response
            .response
            .clone()
            .on_hover_ui_at_pointer(|ui| point_tooltip(ui, loaded, series, point));
    }
    if response.response.clicked()
        && let Some((series, point)) = hovered
    {
        view.selection = Some(Selection::Point { series, point });
    }
    navigate(ui, &response.response, &axis, view, &loaded.index);
    let bounds = response.transform.bounds();
    (frame.x_range(), (bounds.min()[0], bounds.max()[0]))
}

/// The plot's heading and a chip per series: colour, line style in words, name.
/// Clicking a chip hides or shows the series; hovering shows the series' source.
fn legend(ui: &mut Ui, loaded: &LoadedDataset, group: &AxisGroup, hidden: &mut BTreeSet<usize>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(group.axis.title()).strong());
        ui.add_space(8.0);
        for style in &group.tracks {
            let series = loaded.index.tracks[style.track].series;
            let shown = !hidden.contains(&series);
            let mark = match style.line {
                LineStyle::Solid => "——",
                LineStyle::Dashed { .. } => "– –",
                LineStyle::Dotted { .. } => "···",
            };
            let color = if shown {
                style.color
            } else {
                ui.visuals().weak_text_color()
            };
            let mut text = egui::text::LayoutJob::default();
            text.append(
                mark,
                0.0,
                egui::TextFormat::simple(egui::FontId::proportional(13.0), color),
            );
            text.append(
                &style.name,
                4.0,
                egui::TextFormat {
                    font_id: egui::FontId::proportional(12.0),
                    color: if shown {
                        ui.visuals().text_color()
                    } else {
                        ui.visuals().weak_text_color()
                    },
                    strikethrough: if shown {
                        egui::Stroke::NONE
                    } else {
                        egui::Stroke::new(1.0, ui.visuals().weak_text_color())
                    },
                    ..Default::default()
                },
            );
            let response = ui
                .add(egui::Button::new(text).small().frame(false))
                .on_hover_text(if shown {
                    "Click to hide this series"
                } else {
                    "Click to show this series"
                });
            if response.clicked() && !hidden.remove(&series) {
                hidden.insert(series);
            }
        }
    });
}

/// The label of a grid mark: the spacer gave each mark its step's length.
fn label_for_step(mark: GridMark) -> String {
    TickStep::from_days(mark.step_size).label(mark.value)
}

fn nearest_point(
    loaded: &LoadedDataset,
    group: &AxisGroup,
    hidden: &BTreeSet<usize>,
    transform: &egui_plot::PlotTransform,
    pointer: Pos2,
) -> Option<(usize, usize)> {
    let reach = 8.0;
    let mut best: Option<(f32, usize, usize)> = None;
    for style in &group.tracks {
        let track = &loaded.index.tracks[style.track];
        if hidden.contains(&track.series) {
            continue;
        }
        let day_lo = transform
            .value_from_position(Pos2::new(pointer.x - reach, pointer.y))
            .x;
        let day_hi = transform
            .value_from_position(Pos2::new(pointer.x + reach, pointer.y))
            .x;
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

fn point_tooltip(ui: &mut Ui, loaded: &LoadedDataset, series: usize, point: usize) {
    let dataset = &loaded.dataset;
    let Some(s) = dataset.control.get(series) else {
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
    let publisher = loaded
        .index
        .source_by_id
        .get(&p.cite.source)
        .and_then(|&i| dataset.sources.get(i))
        .map_or("unknown source", |src| src.publisher.as_str());
    ui.label(format!(
        "{} · source: {}",
        format::line(&s.source_org),
        format::line(publisher)
    ));
    ui.weak("Click for the citation");
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
    let mut mesh = egui::epaint::Mesh::default();
    for (b, count) in shown.counts_between(&edges).into_iter().enumerate() {
        if count > 0 {
            let x = frame.left() + b as f32 * BUCKET;
            let height = 4.0 + 3.0 * (count as f32).ln_1p();
            let bar = Rect::from_min_size(Pos2::new(x, frame.bottom() - height), vec2(1.5, height));
            mesh.add_colored_rect(bar, color);
        }
    }
    painter.add(egui::Shape::mesh(mesh));
}
