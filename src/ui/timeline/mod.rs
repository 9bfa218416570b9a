//! The timeline: one lane per actor, events as markers and bars on a shared time axis.
//!
//! An event that names several actors appears in each of their lanes: readers
//! follow one side at a time, and a shared lane would hide who fought whom.
//! Each frame draws only what is in the window: two binary searches per lane,
//! then either the events themselves or, where more events fall in the window
//! than can be told apart, a per-pixel density strip drawn as one mesh.

mod lanes;
mod marks;
mod names;

use std::sync::Arc;

use egui::{Align2, Color32, FontId, Pos2, Rangef, Rect, Sense, Stroke, Ui, vec2};

use self::lanes::LaneCache;
use self::marks::{Drawn, Marks, draw_density, draw_events, nearest};
use self::names::{LaneNames, fitting_name};
use super::time_axis::{self, TICK_SPACING, TickStep, TimeAxis, navigate, ticks};
use super::{FrameContext, actor_color};
use crate::data::LoadedDataset;
use crate::data::lanes::{LaneChoice, LaneEntry};
use crate::data::palette;
use crate::job::Derived;
use crate::ui::PanelView;
use crate::ui::tooltip::events_tooltip;
use crate::view::{Selection, ViewChange};

/// Height of the tick header above the lanes.
const HEADER: f32 = 22.0;
/// Above this many events in view, a lane is drawn as a density strip.
const DENSE_EVENTS_PER_PIXEL: f32 = 0.25;
/// Width of one density bucket in pixels.
const BUCKET: f32 = 2.0;

/// The timeline panel. It keeps no data of its own, only how far its lanes are
/// scrolled: it reads the dataset and the shared view each frame.
#[derive(Default)]
pub struct TimelinePanel {
    /// Pixels scrolled down the lanes, when they do not all fit.
    lane_scroll: f32,
    /// What the last frame drew, for tests.
    last_frame: TimelineFrame,
    /// The lanes for the events on show and the choice, kept until either changes.
    lanes: Option<LaneCache>,
    /// The lanes, by version of the events on show and choice: made in the
    /// frame up to [`INLINE_LIMIT`](crate::job::INLINE_LIMIT) events, else in the background.
    laid_out: Derived<(u64, LaneChoice), Arc<lanes::LaidOut>>,
}

/// What one frame of the timeline drew.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TimelineFrame {
    /// Marks drawn one by one (a marker, a bar, or a group sharing a pixel).
    pub marks: usize,
    /// Lanes drawn as density strips.
    pub dense_lanes: usize,
    /// Lanes drawn.
    pub lanes: usize,
    /// The timeline's height in points (0 when it was not drawn).
    pub height: f32,
    /// Where the first lane starts on screen, and each lane's height.
    pub lanes_top: f32,
    /// Each lane's height.
    pub lane_height: f32,
}

impl TimelinePanel {
    /// Draws the lane bar and the timeline into the whole of `ui`, its time
    /// axis spanning `x_range`.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        cx: &FrameContext<'_>,
        view: &mut PanelView<'_>,
        x_range: Rangef,
    ) {
        let ctx = ui.ctx().clone();
        let (loaded, shown, shown_version) = (cx.loaded, cx.shown, cx.shown_version);
        // The reader's choice of lanes is the shared view's: an edit in the
        // bar is asked for, and drawn at once.
        let mut choice = view.lanes().clone();
        self.refresh_lanes(&ctx, loaded, shown, shown_version, &choice);
        self.lane_bar(ui, shown, &mut choice);
        if choice != *view.lanes() {
            view.ask(ViewChange::SetLanes(choice.clone()));
        }
        self.refresh_lanes(&ctx, loaded, shown, shown_version, &choice);
        let Some(cache) = self.lanes.take() else {
            return;
        };
        self.draw(
            ui,
            loaded,
            (&cache.entries, &cache.names),
            cx.search_matches.as_deref(),
            view,
            x_range,
        );
        self.lanes = Some(cache);
    }

    /// The edge between the lane names and the lanes: dragged, it widens or
    /// narrows the names' column, and every time panel's with it.
    fn gutter_handle(&self, ui: &Ui, rect: Rect, edge: f32) {
        let strip = Rect::from_x_y_ranges(edge - 3.0..=edge + 3.0, rect.y_range());
        let handle = ui
            .interact(strip, ui.scope_id().with("lane-names-edge"), Sense::drag())
            .on_hover_text_at_pointer("Drag to widen or narrow the lane names");
        if handle.hovered() || handle.dragged() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeColumn);
            ui.painter().line_segment(
                [Pos2::new(edge, rect.top()), Pos2::new(edge, rect.bottom())],
                Stroke::new(2.0, ui.visuals().selection.stroke.color),
            );
        }
        if handle.dragged() {
            let width = time_axis::gutter_width(ui.ctx());
            time_axis::set_gutter_width(ui.ctx(), width + handle.drag_delta().x);
        }
    }

    fn draw(
        &mut self,
        ui: &mut Ui,
        loaded: &LoadedDataset,
        (entries, names): (&[LaneEntry], &LaneNames),
        search_matches: Option<&[bool]>,
        view: &mut PanelView<'_>,
        x_range: Rangef,
    ) {
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        let x_range = Rangef::new(
            x_range.min.max(rect.left() + 40.0),
            x_range.max.min(rect.right()).max(rect.left() + 60.0),
        );
        let axis = TimeAxis {
            window: view.window(),
            x_range,
        };
        let painter = ui.painter_at(rect);
        let visuals = ui.visuals().clone();
        painter.rect_filled(rect, 0.0, visuals.extreme_bg_color);

        let index = &loaded.index;
        // Lanes left empty by a filter or a search take no room.
        let lanes: Vec<&LaneEntry> = entries.iter().filter(|e| !e.lane.is_empty()).collect();
        let lane_area = Rect::from_min_max(
            Pos2::new(rect.left(), rect.top() + HEADER),
            rect.right_bottom(),
        );
        let lane_height = if lanes.is_empty() {
            0.0
        } else {
            (lane_area.height() / lanes.len() as f32).clamp(18.0, 44.0)
        };
        // Lanes that do not fit scroll with the wheel over their names.
        let overflow = (lane_height * lanes.len() as f32 - lane_area.height()).max(0.0);
        if response.hover_pos().is_some_and(|p| p.x < x_range.min) && overflow > 0.0 {
            self.lane_scroll -= ui.input(|i| i.smooth_scroll_delta.y);
        }
        self.lane_scroll = self.lane_scroll.clamp(0.0, overflow);

        paint_ticks(&painter, &axis, rect, &visuals);
        let text_color = visuals.text_color();

        let mut drawn: Vec<Drawn> = Vec::new();
        let mut gutters: Vec<(Rect, &LaneEntry)> = Vec::new();
        let mut frame = TimelineFrame::default();
        let selected = view.selected_event();
        let lane_painter = painter.with_clip_rect(lane_area);
        let first_lane = (self.lane_scroll / lane_height.max(1.0)).floor() as usize;
        for (lane_number, &entry) in lanes.iter().enumerate().skip(first_lane) {
            let lane = &entry.lane;
            let top = lane_area.top() + lane_number as f32 * lane_height - self.lane_scroll;
            let lane_rect =
                Rect::from_min_size(Pos2::new(rect.left(), top), vec2(rect.width(), lane_height));
            if lane_rect.top() > rect.bottom() {
                break;
            }
            if lane_number % 2 == 1 {
                lane_painter.rect_filled(lane_rect, 0.0, visuals.faint_bg_color);
            }
            let color = entry_color(&visuals, index, entry);
            let marks = Marks {
                row: lane_rect,
                color,
                selected,
                search: search_matches,
            };
            let dense = draw_lane(ui, &lane_painter, &axis, loaded, lane, &marks, &mut drawn);
            frame.lanes += 1;
            frame.dense_lanes += usize::from(dense);

            // Lane name in the gutter, over anything that scrolled under it.
            let gutter = Rect::from_min_max(
                lane_rect.min,
                Pos2::new(axis.x_range.min - 2.0, lane_rect.max.y),
            );
            paint_lane_name(
                ui,
                &lane_painter,
                gutter,
                (color, text_color),
                &entry.name,
                names,
            );
            gutters.push((gutter.intersect(lane_area), entry));
        }
        frame.marks = drawn.len();
        frame.height = rect.height();
        frame.lanes_top = lane_area.top() - self.lane_scroll;
        frame.lane_height = lane_height;
        self.last_frame = frame;
        paint_header_gutter(&painter, rect, axis.x_range.min - 2.0, &visuals);
        self.gutter_handle(ui, rect, axis.x_range.min - 2.0);

        // The span, the selection and the cursor across the lanes.
        axis.paint_overlays(&painter, rect, view, index);

        let hovered = hover_and_click(&response, loaded, &drawn, &gutters, view);
        navigate(ui, &response, &axis, view);
        if response.hovered() {
            ui.ctx().set_cursor_icon(if hovered {
                egui::CursorIcon::PointingHand
            } else {
                egui::CursorIcon::Grab
            });
        }
    }
}

impl TimelinePanel {
    /// The names of the lanes, in order, as last worked out.
    pub fn lane_names(&self) -> Vec<String> {
        self.lanes.as_ref().map_or_else(Vec::new, |c| {
            c.entries.iter().map(|e| e.name.clone()).collect()
        })
    }

    /// Notes that this frame has no timeline (a dataset without events).
    pub fn not_drawn(&mut self) {
        self.last_frame = TimelineFrame::default();
    }

    /// What the last frame drew.
    pub fn last_frame(&self) -> TimelineFrame {
        self.last_frame
    }
}

/// The time grid across the timeline and its tick labels in the header; a
/// label that the edge would cut is left out, not clipped.
fn paint_ticks(painter: &egui::Painter, axis: &TimeAxis, rect: Rect, visuals: &egui::Visuals) {
    let step = TickStep::choose(axis.days_per_pixel(), TICK_SPACING);
    let text_color = visuals.text_color();
    for (i, day) in ticks(axis.window, step).into_iter().enumerate() {
        let x = axis.x(day);
        painter.line_segment(
            [
                Pos2::new(x, rect.top() + HEADER - 4.0),
                Pos2::new(x, rect.bottom()),
            ],
            Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        );
        let galley = painter.layout_no_wrap(
            step.label(day, i == 0),
            FontId::proportional(12.0),
            text_color,
        );
        if x + 3.0 + galley.size().x <= rect.right() {
            painter.galley(Pos2::new(x + 3.0, rect.top() + 3.0), galley, text_color);
        }
    }
}

/// A lane's swatch and name in its part of the gutter, over anything that
/// scrolled under it; the name cut to fit (see [`fitting_name`]).
fn paint_lane_name(
    ui: &Ui,
    painter: &egui::Painter,
    gutter: Rect,
    (color, text_color): (Color32, Color32),
    name: &str,
    names: &LaneNames,
) {
    let middle = gutter.center().y;
    painter.rect_filled(gutter, 0.0, ui.visuals().panel_fill);
    painter.rect_filled(
        Rect::from_min_size(
            Pos2::new(gutter.left() + 4.0, middle - 5.0),
            vec2(10.0, 10.0),
        ),
        2.0,
        color,
    );
    let name = crate::format::line(name).into_owned();
    let font = FontId::proportional(12.5);
    let name = fitting_name(ui, &name, names, &font, (gutter.width() - 20.0).max(10.0));
    let galley = painter.layout_no_wrap(name, font, text_color);
    painter.with_clip_rect(gutter).galley(
        Pos2::new(gutter.left() + 18.0, middle - galley.size().y / 2.0),
        galley,
        text_color,
    );
}

/// Hover and click on the timeline: a mark lists its events and a click on a
/// mark of several steps through them; a lane's name shows in full. Returns
/// whether a mark is under the pointer.
fn hover_and_click(
    response: &egui::Response,
    loaded: &LoadedDataset,
    drawn: &[Drawn],
    gutters: &[(Rect, &LaneEntry)],
    view: &mut PanelView<'_>,
) -> bool {
    let selected = view.selected_event();
    let pointer = response.hover_pos();
    let hovered = pointer.and_then(|pointer| nearest(drawn, pointer));
    if let Some(mark) = hovered {
        response
            .clone()
            .on_hover_ui_at_pointer(|ui| events_tooltip(ui, loaded, &mark.events));
    } else if let Some((_, entry)) =
        pointer.and_then(|p| gutters.iter().find(|(gutter, _)| gutter.contains(p)))
    {
        let name = entry
            .actor
            .and_then(|a| loaded.dataset.actors.get(a))
            .map_or(entry.name.as_str(), |a| a.name.as_str());
        let mut text = format!(
            "{}\n{} in this lane",
            crate::format::line(name),
            crate::format::plural(entry.lane.len(), "event")
        );
        if entry.merged > 0 {
            text.push_str("\nThe lanes past the top ones, merged: \"All lanes\" above opens them");
        }
        response.clone().on_hover_text_at_pointer(text);
    }
    if response.clicked() {
        match hovered {
            Some(mark) => {
                let next = match mark.events.iter().position(|&e| Some(e) == selected) {
                    Some(at) => mark.events[(at + 1) % mark.events.len()],
                    None => mark.events[0],
                };
                view.ask(ViewChange::Select(Some(Selection::Event(next))));
            }
            None => view.ask(ViewChange::Select(None)),
        }
    }
    hovered.is_some()
}

/// A lane's colour: its actor's, else one kept for the lane; the merged lane's
/// is weak.
pub(super) fn entry_color(
    visuals: &egui::Visuals,
    index: &crate::data::DatasetIndex,
    entry: &LaneEntry,
) -> Color32 {
    match (entry.actor, entry.merged) {
        (Some(a), _) => actor_color(visuals, index, a),
        (None, 0) => {
            let rgb = palette::lane_color(entry.rank);
            let [r, g, b] = palette::for_background(rgb, visuals.dark_mode);
            Color32::from_rgb(r, g, b)
        }
        (None, _) => visuals.weak_text_color(),
    }
}

/// A lane's events in view: one by one, or as a density strip where more
/// start in view than can be told apart (by the events that start in view: a
/// long event that began earlier does not make a quiet day look crowded).
/// Returns whether the lane was dense.
fn draw_lane(
    ui: &Ui,
    painter: &egui::Painter,
    axis: &TimeAxis,
    loaded: &LoadedDataset,
    lane: &crate::data::Lane,
    marks: &Marks<'_>,
    drawn: &mut Vec<Drawn>,
) -> bool {
    let in_view = lane.count_starting(axis.window.start, axis.window.end);
    let dense = in_view as f32 > DENSE_EVENTS_PER_PIXEL * axis.x_range.span();
    if dense {
        draw_density(painter, axis, lane, marks.row, marks.color);
    } else {
        let candidates = lane.candidates(axis.window.start, axis.window.end);
        let events = lane.events[candidates]
            .iter()
            .chain(&lane.long_events)
            .map(|&e| e as usize);
        draw_events(ui, painter, axis, loaded, events, marks, drawn);
    }
    dense
}

/// The corner above the lane names, saying what the lanes hold.
fn paint_header_gutter(painter: &egui::Painter, rect: Rect, edge: f32, visuals: &egui::Visuals) {
    let header_gutter = Rect::from_min_max(rect.min, Pos2::new(edge, rect.top() + HEADER));
    painter.rect_filled(header_gutter, 0.0, visuals.panel_fill);
    painter.text(
        Pos2::new(header_gutter.left() + 4.0, header_gutter.center().y),
        Align2::LEFT_CENTER,
        "Events",
        FontId::proportional(12.5),
        visuals.strong_text_color(),
    );
}
