//! The map: where the events on show happened, on an offline base map, linked
//! to the timeline through the shared view state. It shows the events of the
//! time window that the filters let through; a click selects (and every other
//! panel follows), a selection made elsewhere is ringed and brought into view,
//! the search's matches are ringed and the rest dimmed, a span's events stand
//! out. Where more events are in view than can be told apart, it counts them
//! per grid cell instead (in the background for many events). A box drawn with
//! Shift+drag becomes the "in this area" filter that every panel follows.
//!
//! The panel keeps its own camera and caches; what it changes in the app goes
//! through the view state (selection, filter).

pub mod base;
pub mod camera;
pub mod marks;
mod overlay;

use std::sync::Arc;

use egui::{Pos2, Rect, Sense, Ui};

use self::camera::Camera;
use self::marks::{Look, Placed};
use super::FrameContext;
use crate::data::LoadedDataset;
use crate::data::lanes::LaneGrouping;
use crate::data::map::GeoBox;
use crate::data::map::bins::{self, BinGrid, Bins, CellSummary};
use crate::data::map::points::{GeoPoints, OnShow, event_position};
use crate::data::views::SavedMap;
use crate::job::{Derived, INLINE_LIMIT};
use crate::view::ViewState;

/// More events than this in view are counted per cell rather than drawn one by one.
pub const POINT_LIMIT: usize = 3_000;
/// How near the pointer (in points) a mark must be to be hovered.
const HOVER_RADIUS: f32 = 7.0;
/// How much one wheel notch (50 points of scroll) zooms.
const WHEEL_ZOOM: f64 = 1.25;

/// What the map can be asked to do from the command table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapRequest {
    /// Show every located event on show.
    FitEvents,
    /// Show the selected event.
    FitSelection,
    /// Zoom in at the middle.
    ZoomIn,
    /// Zoom out at the middle.
    ZoomOut,
}

/// What one frame of the map drew, for tests and the benchmark.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MapFrame {
    /// Where the map was drawn.
    pub rect: Option<Rect>,
    /// Where it looked.
    pub camera: Option<Camera>,
    /// Events drawn one by one.
    pub events_drawn: usize,
    /// Grid cells drawn (when counting).
    pub cells_drawn: usize,
    /// Countries of the base map drawn.
    pub countries: usize,
    /// Events on show in the time window that have no coordinates.
    pub unlocated: usize,
    /// Located events on show in view, as counted.
    pub in_view: u64,
}

/// What the counts per cell are for.
#[derive(Clone, Copy, Debug, PartialEq)]
struct CountKey {
    generation: u64,
    shown_version: u64,
    from: u64,
    to: u64,
    grid: BinGrid,
}

/// Counts per cell with the events on show that have no coordinates.
struct Counted {
    bins: Bins,
    unlocated: usize,
}

/// The events drawn one by one, for the counts and the box they were found in.
struct Found {
    key: CountKey,
    bounds: [u64; 4],
    points: Vec<u32>,
}

/// The map panel.
#[derive(Default)]
pub struct MapPanel {
    /// Whether the map is shown.
    pub open: bool,
    camera: Option<Camera>,
    /// The located events, per load.
    points: Derived<u64, Arc<GeoPoints>>,
    /// Counts per cell, per events on show, time window and grid.
    counts: Derived<CountKey, Arc<Counted>>,
    /// The grid counted in, kept while it covers the view at the same level.
    grid: Option<BinGrid>,
    found: Option<Found>,
    /// The hovered cell's summary, for its count key and cell (and the lanes'
    /// grouping it was counted by).
    hovered_cell: Option<(CountKey, (u32, u32), LaneGrouping, CellSummary)>,
    /// The selected event the map last brought into view.
    followed: Option<usize>,
    /// Asked of the map by a command, done on its next frame.
    request: Option<MapRequest>,
    /// Where a Shift+drag box began, on screen.
    box_from: Option<Pos2>,
    last: MapFrame,
}

impl MapPanel {
    /// What the last frame drew.
    pub fn last_frame(&self) -> MapFrame {
        self.last
    }

    /// Where the map looks, once it has been drawn.
    pub fn camera(&self) -> Option<Camera> {
        self.camera
    }

    /// Looks somewhere else, as a drag or the wheel would.
    pub fn set_camera(&mut self, camera: Camera) {
        self.camera = Some(camera.clamped());
    }

    /// Asks the map to fit or zoom on its next frame.
    pub fn request(&mut self, request: MapRequest) {
        self.request = Some(request);
    }

    /// Whether counting runs in the background.
    pub fn is_busy(&self) -> bool {
        self.counts.is_busy() || self.points.is_busy()
    }

    /// The map as a view saves it.
    pub fn to_saved(&self) -> Option<SavedMap> {
        let camera = self.camera?;
        Some(SavedMap {
            open: self.open,
            lon: camera.lon,
            lat: camera.lat,
            scale: camera.points_per_degree,
        })
    }

    /// Puts the map back as a view saved it (closed, looking nowhere yet, when
    /// the view says nothing of it).
    pub fn restore(&mut self, saved: Option<SavedMap>) {
        self.open = saved.is_some_and(|m| m.open);
        self.camera = saved.map(|m| {
            Camera {
                lon: m.lon,
                lat: m.lat,
                points_per_degree: m.scale,
            }
            .clamped()
        });
    }

    /// Forgets what was worked out for an earlier load.
    pub fn forget_load(&mut self) {
        self.points.clear();
        self.counts.clear();
        self.found = None;
        self.hovered_cell = None;
        self.grid = None;
    }

    /// Draws the map in the rest of `ui`.
    pub fn show(&mut self, ui: &mut Ui, cx: &FrameContext<'_>, view: &mut ViewState) {
        let rect = ui.available_rect_before_wrap();
        let response = ui.allocate_rect(rect, Sense::click_and_drag());
        let painter = ui.painter_at(rect);
        let points = self.located(ui.ctx(), cx);
        // Until the events are placed the world is shown, and the camera is
        // kept only if the reader moves it: then the map fits the events.
        let provisional = match self.camera {
            Some(camera) => camera,
            None => first_camera(points.as_deref(), rect),
        };
        let mut camera = provisional;
        if let Some(request) = self.request.take() {
            apply_request(request, &mut camera, rect, points.as_deref(), cx, view);
        }
        self.follow_selection(&mut camera, rect, cx.loaded, view);
        let shift = ui.input(|i| i.modifiers.shift);
        self.navigate(ui, &response, &mut camera, rect, shift, view);
        if self.camera.is_some() || points.is_some() || camera != provisional {
            self.camera = Some(camera);
        }

        let visuals = ui.visuals().clone();
        let drawn_base = base::draw(&painter, &visuals, &camera, rect);
        let mut frame = MapFrame {
            rect: Some(rect),
            camera: Some(camera),
            countries: drawn_base.countries,
            ..MapFrame::default()
        };
        if let Some(points) = &points {
            self.draw_events(
                ui, &response, &painter, cx, view, points, camera, rect, &mut frame,
            );
        }
        if let Some(from) = self.box_from
            && let Some(to) = response.interact_pointer_pos()
        {
            overlay::draw_box(&painter, Rect::from_two_pos(from, to), &visuals);
        }
        let status = overlay::Status {
            frame: &frame,
            counting: self.is_busy(),
            located: points.as_ref().map(|p| p.len()),
            area: view.filter.area,
        };
        if let Some(ask) = overlay::draw(ui, rect, &camera, &status) {
            self.request = Some(ask);
            ui.ctx().request_repaint();
        }
        self.last = frame;
    }

    /// The located events of the load on screen: indexed at once for a small
    /// dataset, else in the background (`None` until then).
    fn located(&mut self, ctx: &egui::Context, cx: &FrameContext<'_>) -> Option<Arc<GeoPoints>> {
        let loaded = Arc::clone(cx.loaded);
        let wake = ctx.clone();
        let inline = loaded.dataset.events.len() <= INLINE_LIMIT;
        self.points.update(
            &cx.generation,
            inline,
            "map points",
            move || wake.request_repaint(),
            move |control| {
                GeoPoints::build(&loaded.dataset, &loaded.index, &|| control.is_cancelled())
                    .map(Arc::new)
            },
        );
        self.points.current(&cx.generation).cloned()
    }

    /// Brings a selection made elsewhere into view, once per new selection.
    fn follow_selection(
        &mut self,
        camera: &mut Camera,
        rect: Rect,
        loaded: &LoadedDataset,
        view: &ViewState,
    ) {
        let selected = view.selected_event();
        if selected == self.followed {
            return;
        }
        self.followed = selected;
        if let Some((lon, lat)) = selected.and_then(|e| event_position(&loaded.dataset, e))
            && !rect.shrink(20.0).contains(camera.to_screen(rect, lon, lat))
        {
            camera.lon = lon;
            camera.lat = lat;
            *camera = camera.clamped();
        }
    }

    /// Drag pans, Shift+drag draws an area, the wheel zooms at the pointer,
    /// a double click zooms in.
    fn navigate(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        camera: &mut Camera,
        rect: Rect,
        shift: bool,
        view: &mut ViewState,
    ) {
        if response.drag_started() && shift {
            self.box_from = ui.input(|i| i.pointer.press_origin());
        }
        if let Some(from) = self.box_from {
            if response.drag_stopped() || !response.dragged() {
                self.box_from = None;
                if let Some(to) = response
                    .interact_pointer_pos()
                    .or(ui.input(|i| i.pointer.latest_pos()))
                {
                    let (lon1, lat1) = camera.to_place(rect, from);
                    let (lon2, lat2) = camera.to_place(rect, to);
                    if from.distance(to) > 4.0 {
                        view.filter.area = GeoBox::from_corners(
                            lon1.clamp(-180.0, 180.0),
                            lat1.clamp(-90.0, 90.0),
                            lon2.clamp(-180.0, 180.0),
                            lat2.clamp(-90.0, 90.0),
                        );
                    }
                }
            }
        } else if response.dragged() {
            camera.pan(response.drag_delta());
        }
        if let Some(pointer) = response.hover_pos() {
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
            if (zoom - 1.0).abs() > f32::EPSILON {
                camera.zoom_at(rect, pointer, f64::from(zoom));
            } else if scroll.y != 0.0 {
                camera.zoom_at(rect, pointer, WHEEL_ZOOM.powf(f64::from(scroll.y) / 50.0));
            }
            if response.double_clicked() {
                camera.zoom_at(rect, pointer, 2.0);
            }
        }
    }

    /// The events on show in view: one by one when few, else counts per cell.
    #[expect(
        clippy::too_many_arguments,
        reason = "one frame's inputs, each used once"
    )]
    fn draw_events(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        painter: &egui::Painter,
        cx: &FrameContext<'_>,
        view: &mut ViewState,
        points: &Arc<GeoPoints>,
        camera: Camera,
        rect: Rect,
        frame: &mut MapFrame,
    ) {
        let bounds = camera.bounds(rect);
        let key = self.count_key(cx, view, &camera, bounds);
        self.count(ui.ctx(), cx, points, key);
        let on_show = OnShow {
            shown: cx.shown,
            from: view.window.start,
            to: view.window.end,
        };
        let counted = self.counts.current(&key).cloned();
        let latest = self.counts.latest().map(|(_, c)| Arc::clone(c));
        frame.unlocated = latest.as_ref().map_or(0, |c| c.unlocated);
        frame.in_view = latest.as_ref().map_or(0, |c| c.bins.in_view(bounds));
        let few = counted
            .as_ref()
            .is_some_and(|c| c.bins.in_view(bounds) <= POINT_LIMIT as u64);
        if few {
            let found = self.found_in(points, &on_show, key, bounds);
            let visuals = ui.visuals();
            let look = |event: usize| look_of(cx, view, visuals, event);
            let placed = marks::draw_events(painter, &camera, rect, points, found, &look, visuals);
            frame.events_drawn = placed.len();
            pick_event(ui, response, &placed, cx.loaded, view);
        } else if let Some(counted) = latest {
            frame.cells_drawn = marks::draw_bins(
                painter,
                &camera,
                rect,
                &counted.bins,
                ui.visuals().dark_mode,
            );
            self.hover_cell(
                response,
                cx,
                &on_show,
                points,
                &counted.bins,
                key,
                camera,
                rect,
            );
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
            from: view.window.start.to_bits(),
            to: view.window.end.to_bits(),
            grid,
        }
    }

    /// Brings the counts up to date: at once for few located events, else in
    /// the background (the last counts stay drawn meanwhile).
    fn count(
        &mut self,
        ctx: &egui::Context,
        cx: &FrameContext<'_>,
        points: &Arc<GeoPoints>,
        key: CountKey,
    ) {
        let (points, loaded, shown, wake) = (
            Arc::clone(points),
            Arc::clone(cx.loaded),
            Arc::clone(cx.shown),
            ctx.clone(),
        );
        let inline = points.len() + points.unlocated.len() <= INLINE_LIMIT;
        self.counts.update(
            &key,
            inline,
            "map counts",
            move || wake.request_repaint(),
            move |control| {
                let on_show = OnShow {
                    shown: &shown,
                    from: f64::from_bits(key.from),
                    to: f64::from_bits(key.to),
                };
                let bins = bins::count(&points, &on_show, key.grid, &|| control.is_cancelled())?;
                let unlocated = points.unlocated_on_show(&on_show, &loaded.index);
                Some(Arc::new(Counted { bins, unlocated }))
            },
        );
    }

    /// The events on show in view (with a margin for marks at the edge),
    /// found again only when the counts or the view changed.
    fn found_in(
        &mut self,
        points: &GeoPoints,
        on_show: &OnShow<'_>,
        key: CountKey,
        bounds: [f64; 4],
    ) -> &[u32] {
        let bits = bounds.map(f64::to_bits);
        if !self
            .found
            .as_ref()
            .is_some_and(|f| f.key == key && f.bounds == bits)
        {
            let [w, s, e, n] = bounds;
            let (dx, dy) = ((e - w) * 0.02, (n - s) * 0.02);
            let found = points
                .on_show_in(on_show, [w - dx, s - dy, e + dx, n + dy], POINT_LIMIT * 4)
                .unwrap_or_default();
            self.found = Some(Found {
                key,
                bounds: bits,
                points: found,
            });
        }
        self.found.as_ref().map_or(&[], |f| f.points.as_slice())
    }

    /// The tooltip of the hovered cell (its count and top actors); a click
    /// zooms into it.
    #[expect(
        clippy::too_many_arguments,
        reason = "one frame's inputs, each used once"
    )]
    fn hover_cell(
        &mut self,
        response: &egui::Response,
        cx: &FrameContext<'_>,
        on_show: &OnShow<'_>,
        points: &GeoPoints,
        bins: &Bins,
        key: CountKey,
        camera: Camera,
        rect: Rect,
    ) {
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
        let fresh = self
            .hovered_cell
            .as_ref()
            .is_some_and(|(k, c, g, _)| *k == key && *c == cell && *g == grouping);
        if !fresh {
            let summary = bins::summary(
                points,
                on_show,
                grid.cell_bounds(cell.0, cell.1),
                &cx.loaded.dataset,
                &cx.loaded.index,
                grouping,
            );
            self.hovered_cell = Some((key, cell, grouping, summary));
        }
        if let Some((_, _, _, summary)) = &self.hovered_cell {
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.strong(crate::format::plural(summary.count, "event"));
                for (lane, n) in &summary.top {
                    ui.label(format!("{} · {n}", crate::format::line(lane)));
                }
                ui.weak("Click to zoom in");
            });
        }
        if response.clicked() {
            let mut zoomed = camera;
            zoomed.zoom_at(rect, pointer, 3.0);
            self.camera = Some(zoomed);
        }
    }
}

/// How an event's mark looks: its lane's colour (as the timeline shows it), faint
/// when the search or the span leaves it out.
fn look_of(cx: &FrameContext<'_>, view: &ViewState, visuals: &egui::Visuals, event: usize) -> Look {
    let index = &cx.loaded.index;
    let colour = match &cx.lane_colours {
        Some(lanes) => lanes.of_event(cx.loaded, event, &mut Vec::new()),
        None => index
            .actors_of(event)
            .first()
            .map_or(visuals.weak_text_color(), |&a| {
                super::actor_color(visuals, index, a as usize)
            }),
    };
    let matched = cx
        .search_matches
        .as_ref()
        .map(|m| m.get(event).copied().unwrap_or(false));
    let in_span = view.span.map(|span| {
        index
            .spans
            .get(event)
            .is_some_and(|s| s.start < span.end && s.end > span.start)
    });
    Look {
        colour,
        faint: matched == Some(false) || in_span == Some(false),
        ringed: matched == Some(true),
        selected: view.selected_event() == Some(event),
    }
}

/// The tooltip of the marks under the pointer; a click selects the nearest,
/// or the next of several at one spot.
fn pick_event(
    ui: &Ui,
    response: &egui::Response,
    placed: &[Placed],
    loaded: &Arc<LoadedDataset>,
    view: &mut ViewState,
) {
    let Some(pointer) = response.hover_pos() else {
        return;
    };
    let mut near: Vec<(f32, usize)> = placed
        .iter()
        .map(|p| (p.at.distance(pointer), p.event))
        .filter(|&(d, _)| d <= HOVER_RADIUS)
        .collect();
    if near.is_empty() {
        return;
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
        view.select_event(next);
    }
    response
        .clone()
        .on_hover_ui_at_pointer(|ui| crate::ui::tooltip::events_tooltip(ui, loaded, &events));
}

/// Where the map first looks: at every located event, else the world.
fn first_camera(points: Option<&GeoPoints>, rect: Rect) -> Camera {
    let mut camera = Camera::world(rect);
    if let Some(bounds) = points.and_then(|p| extent(p, None)) {
        camera.fit(bounds, rect);
    }
    camera
}

/// West, south, east, north of the located events (those on show, if given).
fn extent(points: &GeoPoints, on_show: Option<&OnShow<'_>>) -> Option<[f64; 4]> {
    let mut bounds: Option<[f64; 4]> = None;
    for i in 0..points.len() {
        if on_show.is_some_and(|o| !points.is_on_show(i, o)) {
            continue;
        }
        let (lon, lat) = (f64::from(points.lon[i]), f64::from(points.lat[i]));
        bounds = Some(match bounds {
            None => [lon, lat, lon, lat],
            Some([w, s, e, n]) => [w.min(lon), s.min(lat), e.max(lon), n.max(lat)],
        });
    }
    bounds
}

/// Carries out a fit or zoom asked by a command.
fn apply_request(
    request: MapRequest,
    camera: &mut Camera,
    rect: Rect,
    points: Option<&GeoPoints>,
    cx: &FrameContext<'_>,
    view: &ViewState,
) {
    match request {
        MapRequest::ZoomIn => camera.zoom_at(rect, rect.center(), crate::command::ZOOM_STEP),
        MapRequest::ZoomOut => camera.zoom_at(rect, rect.center(), 1.0 / crate::command::ZOOM_STEP),
        MapRequest::FitEvents => {
            let on_show = OnShow {
                shown: cx.shown,
                from: view.window.start,
                to: view.window.end,
            };
            let bounds = points.and_then(|p| extent(p, Some(&on_show)).or_else(|| extent(p, None)));
            if let Some(bounds) = bounds {
                camera.fit(bounds, rect);
            }
        }
        MapRequest::FitSelection => {
            if let Some((lon, lat)) = view
                .selected_event()
                .and_then(|e| event_position(&cx.loaded.dataset, e))
            {
                let half = 0.25;
                camera.fit([lon - half, lat - half, lon + half, lat + half], rect);
            }
        }
    }
}
