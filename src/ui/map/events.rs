//! The events on the map in one frame: the counts per cell brought up to date
//! (at once or in the background), the events in view found when few, their
//! look (lane colour, search, span, selection), and what hovering and
//! clicking them do.

use std::sync::Arc;

use egui::{Rect, Ui};

use super::camera::Camera;
use super::marks::{self, Look, Placed};
use super::{
    CountKey, Counted, Found, FrameContext, HOVER_RADIUS, MapFrame, MapPanel, POINT_LIMIT,
};
use crate::data::LoadedDataset;
use crate::data::derived::map_bins::{self as bins, BinGrid, Bins, CellTimes};
use crate::data::derived::map_points::{GeoPoints, OnShow};
use crate::data::lanes::LaneGrouping;
use crate::job::INLINE_LIMIT;
use crate::ui::PanelView;
use crate::view::{Selection, ViewChange, ViewState};

/// A hovered cell with more events than this has its lanes counted in the
/// background: about a millisecond's reading.
const INLINE_CELL_EVENTS: u64 = 5_000;

/// Where the map is drawn this frame: the input it answers, the painter, the
/// camera and the rectangle.
pub(super) struct Canvas<'a> {
    pub(super) ui: &'a Ui,
    pub(super) response: &'a egui::Response,
    pub(super) painter: &'a egui::Painter,
    pub(super) camera: Camera,
    pub(super) rect: Rect,
}

impl MapPanel {
    /// The events on show in view: one by one when few, else counts per cell.
    pub(super) fn draw_events(
        &mut self,
        canvas: &Canvas<'_>,
        cx: &FrameContext<'_>,
        view: &mut PanelView<'_>,
        points: &Arc<GeoPoints>,
        frame: &mut MapFrame,
    ) {
        let Canvas {
            ui,
            response,
            painter,
            camera,
            rect,
        } = *canvas;
        let bounds = camera.bounds(rect);
        let key = self.count_key(cx, view, &camera, bounds);
        self.count(ui.ctx(), cx, points, key);
        let on_show = OnShow {
            shown: cx.shown,
            from: view.window().start,
            to: view.window().end,
        };
        let counted = self.counts.current(&key).cloned();
        let latest = self.counts.latest().map(|(_, c)| Arc::clone(c));
        frame.unlocated = latest.as_ref().map_or(0, |c| c.unlocated);
        frame.in_view = latest.as_ref().map_or(0, |c| c.bins.in_view(bounds));
        let few = counted
            .as_ref()
            .is_some_and(|c| c.bins.in_view(bounds) <= POINT_LIMIT as u64);
        if few {
            let visuals = ui.visuals();
            let dots = self.found_in(cx, visuals, points, &on_show, key, bounds);
            let look = |dot: &marks::Dot| look_of(cx, view, dot);
            let placed = marks::draw_events(painter, &camera, rect, dots, &look, visuals);
            frame.events_drawn = placed.len();
            frame.event_hovered = pick_event(ui, response, &placed, cx.loaded, view);
        } else if let Some(counted) = latest {
            frame.cells_drawn = marks::draw_bins(
                painter,
                &camera,
                rect,
                &counted.bins,
                ui.visuals().dark_mode,
            );
            self.hover_cell(canvas, cx, &on_show, points, &counted.bins, key);
        }
    }

    /// The grid and inputs the counts are for: the grid in use is kept while
    /// it covers the view at the level the zoom asks for.
    fn count_key(
        &mut self,
        cx: &FrameContext<'_>,
        view: &ViewState,
        camera: &Camera,
        bounds: [f64; 4],
    ) -> CountKey {
        let wanted = BinGrid::for_view(bounds, camera.points_per_degree);
        let grid = match self.grid {
            Some(grid) if grid.level == wanted.level && grid.covers(bounds) => grid,
            _ => wanted,
        };
        self.grid = Some(grid);
        CountKey {
            generation: cx.generation,
            shown_version: cx.shown_version,
            from: view.window().start.to_bits(),
            to: view.window().end.to_bits(),
            grid,
        }
    }

    /// Brings the counts up to date. Each cell's times (built once per grid
    /// and filter: at once for few located events, else in the background)
    /// give the counts for any time window at once; until they are built, and
    /// for an empty window, events are counted one by one. The last counts
    /// stay drawn meanwhile.
    fn count(
        &mut self,
        ctx: &egui::Context,
        cx: &FrameContext<'_>,
        points: &Arc<GeoPoints>,
        key: CountKey,
    ) {
        let inline = points.len() + points.unlocated.len() <= INLINE_LIMIT;
        let times_key = (key.generation, key.shown_version, key.grid);
        let (built, loaded, shown, wake) = (
            Arc::clone(points),
            Arc::clone(cx.loaded),
            Arc::clone(cx.shown),
            ctx.clone(),
        );
        self.times.update(
            &times_key,
            inline,
            "map cell times",
            move || wake.request_repaint(),
            move |control| {
                CellTimes::build(&built, &shown, &loaded.index, key.grid, &|| {
                    control.is_cancelled()
                })
                .map(Arc::new)
            },
        );
        let (from, to) = (f64::from_bits(key.from), f64::from_bits(key.to));
        let wake = ctx.clone();
        if from < to
            && let Some(times) = self.times.current(&times_key).cloned()
        {
            self.counts.update(
                &key,
                true,
                "map counts",
                move || wake.request_repaint(),
                move |_| {
                    let (bins, unlocated) = times.count(from, to)?;
                    Some(Arc::new(Counted { bins, unlocated }))
                },
            );
            return;
        }
        // Until the cells' times are built for this grid (a new zoom level, a
        // pan past the region), the events are counted one by one beside
        // them, so that the first counts come as soon as before.
        let (points, loaded, shown) = (
            Arc::clone(points),
            Arc::clone(cx.loaded),
            Arc::clone(cx.shown),
        );
        self.counts.update(
            &key,
            inline,
            "map counts",
            move || wake.request_repaint(),
            move |control| {
                let on_show = OnShow {
                    shown: &shown,
                    from,
                    to,
                };
                let bins = bins::count(&points, &on_show, key.grid, &|| control.is_cancelled())?;
                let unlocated = points.unlocated_on_show(&on_show, &loaded.index);
                Some(Arc::new(Counted { bins, unlocated }))
            },
        );
    }

    /// The events on show in view (with a margin for marks at the edge) as
    /// dots, found and coloured again only when the counts, the view or the
    /// lane colours changed.
    fn found_in(
        &mut self,
        cx: &FrameContext<'_>,
        visuals: &egui::Visuals,
        points: &GeoPoints,
        on_show: &OnShow<'_>,
        key: CountKey,
        bounds: [f64; 4],
    ) -> &[marks::Dot] {
        let bits = bounds.map(f64::to_bits);
        let same_colours = |(lanes, dark): &(Option<Arc<crate::ui::LaneColours>>, bool)| {
            *dark == visuals.dark_mode
                && match (lanes, &cx.lane_colours) {
                    (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                    (None, None) => true,
                    _ => false,
                }
        };
        if !self
            .found
            .as_ref()
            .is_some_and(|f| f.key == key && f.bounds == bits && same_colours(&f.colours))
        {
            let [w, s, e, n] = bounds;
            let (dx, dy) = ((e - w) * 0.02, (n - s) * 0.02);
            let found = points
                .on_show_in(on_show, [w - dx, s - dy, e + dx, n + dy], POINT_LIMIT * 4)
                .unwrap_or_default();
            let dots = found
                .iter()
                .map(|&i| {
                    let i = i as usize;
                    let event = points.event[i];
                    marks::Dot {
                        event,
                        lon: points.lon[i],
                        lat: points.lat[i],
                        kind: points.kind[i],
                        colour: colour_of(cx, visuals, event as usize),
                    }
                })
                .collect();
            self.found = Some(Found {
                key,
                bounds: bits,
                colours: (cx.lane_colours.clone(), visuals.dark_mode),
                dots,
            });
        }
        self.found.as_ref().map_or(&[], |f| f.dots.as_slice())
    }

    /// The tooltip of the hovered cell (its count and top lanes); a click
    /// zooms into it.
    fn hover_cell(
        &mut self,
        canvas: &Canvas<'_>,
        cx: &FrameContext<'_>,
        on_show: &OnShow<'_>,
        points: &Arc<GeoPoints>,
        bins: &Bins,
        key: CountKey,
    ) {
        let Canvas {
            response,
            camera,
            rect,
            ..
        } = *canvas;
        let Some(pointer) = response.hover_pos() else {
            return;
        };
        let Some(grid) = bins.grid else { return };
        let (lon, lat) = camera.to_place(rect, pointer);
        let Some(cell) = grid.cell_at(lon, lat) else {
            return;
        };
        if bins.count(cell.0, cell.1) == 0 {
            return;
        }
        let grouping = cx
            .lane_colours
            .as_ref()
            .map_or(LaneGrouping::Actor, |l| l.grouping);
        let in_cell = bins.count(cell.0, cell.1);
        let wanted = (key, cell, grouping);
        let (points, loaded, shown, wake) = (
            Arc::clone(points),
            Arc::clone(cx.loaded),
            Arc::clone(cx.shown),
            response.ctx.clone(),
        );
        let (from, to, bounds) = (on_show.from, on_show.to, grid.cell_bounds(cell.0, cell.1));
        let looking = [camera.lon, camera.lat, camera.points_per_degree].map(f64::to_bits);
        let resting = self.hovered_last.replace((wanted, looking)) == Some((wanted, looking));
        if !resting {
            // The map moved under the pointer, or the pointer moved: wait
            // for it to rest rather than sum up a cell per frame.
            response.ctx.request_repaint();
        } else {
            self.hovered_cell.update(
                &wanted,
                u64::from(in_cell) <= INLINE_CELL_EVENTS,
                "map cell",
                move || wake.request_repaint(),
                move |control| {
                    let on_show = OnShow {
                        shown: &shown,
                        from,
                        to,
                    };
                    let summary = bins::summary(
                        &points,
                        &on_show,
                        bounds,
                        &loaded.dataset,
                        &loaded.index,
                        grouping,
                        &|| control.is_cancelled(),
                    );
                    summary.map(Arc::new)
                },
            );
        }
        let summary = self.hovered_cell.current(&wanted).cloned();
        response
            .clone()
            .on_hover_ui_at_pointer(|ui| match &summary {
                Some(summary) => {
                    ui.strong(crate::format::plural(summary.count, "event"));
                    for (lane, n) in &summary.top {
                        ui.label(format!("{} · {n}", crate::format::line(lane)));
                    }
                    ui.weak("Click to zoom in");
                }
                None => {
                    ui.strong(crate::format::plural(in_cell as usize, "event"));
                    ui.weak("Counting its lanes…");
                    ui.weak("Click to zoom in");
                }
            });
        if response.clicked() {
            let mut zoomed = camera;
            zoomed.zoom_at(rect, pointer, 3.0);
            self.camera = Some(zoomed);
        }
    }
}

/// How an event's mark looks: its lane's colour (as the timeline shows it,
/// found with the dot), faint when the search or the span leaves it out.
fn look_of(cx: &FrameContext<'_>, view: &ViewState, dot: &marks::Dot) -> Look {
    let index = &cx.loaded.index;
    let event = dot.event as usize;
    let matched = cx
        .search_matches
        .as_ref()
        .map(|m| m.get(event).copied().unwrap_or(false));
    let in_span = view.span().map(|span| {
        index
            .spans
            .get(event)
            .is_some_and(|s| s.start < span.end && s.end > span.start)
    });
    Look {
        colour: dot.colour,
        faint: matched == Some(false) || in_span == Some(false),
        ringed: matched == Some(true),
        selected: view.selected_event() == Some(event),
    }
}

/// The colour of `event`'s first lane shown, else of its first actor.
fn colour_of(cx: &FrameContext<'_>, visuals: &egui::Visuals, event: usize) -> egui::Color32 {
    let index = &cx.loaded.index;
    match &cx.lane_colours {
        Some(lanes) => lanes.of_event(cx.loaded, event, &mut Vec::new()),
        None => index
            .actors_of(event)
            .first()
            .map_or(visuals.weak_text_color(), |&a| {
                crate::ui::actor_color(visuals, index, a as usize)
            }),
    }
}

/// The tooltip of the marks under the pointer; a click selects the nearest,
/// or the next of several at one spot. Returns whether an event is under the pointer.
fn pick_event(
    ui: &Ui,
    response: &egui::Response,
    placed: &[Placed],
    loaded: &Arc<LoadedDataset>,
    view: &mut PanelView<'_>,
) -> bool {
    let Some(pointer) = response.hover_pos() else {
        return false;
    };
    let mut near: Vec<(f32, usize)> = placed
        .iter()
        .map(|p| (p.at.distance(pointer), p.event))
        .filter(|&(d, _)| d <= HOVER_RADIUS)
        .collect();
    if near.is_empty() {
        return false;
    }
    near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let events: Vec<usize> = near.iter().map(|&(_, e)| e).collect();
    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
    if response.clicked() {
        let next = match events
            .iter()
            .position(|&e| Some(e) == view.selected_event())
        {
            Some(at) => events[(at + 1) % events.len()],
            None => events[0],
        };
        view.ask(ViewChange::Select(Some(Selection::Event(next))));
    }
    response
        .clone()
        .on_hover_ui_at_pointer(|ui| crate::ui::tooltip::events_tooltip(ui, loaded, &events));
    true
}
