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
//! through the view state (selection, filter). By file: [`camera`] (the
//! projection), [`base`] (countries), [`marks`] (drawing events and counts),
//! `events` (what a frame finds and how hover and click answer), `navigation`
//! (moving the map) and `overlay` (status line, legend, scale bar, buttons).

pub mod base;
pub mod camera;
pub mod context;
mod events;
pub mod marks;
mod navigation;
pub mod overlay;
pub mod pattern;
pub mod place_search;
mod territory;

use std::sync::Arc;

use egui::{Pos2, Rect, Sense, Ui};

use self::camera::Camera;
use self::navigation::{apply_request, first_camera};
use super::FrameContext;
use crate::data::derived::map_bins::{BinGrid, Bins, CellSummary, CellTimes};
use crate::data::derived::map_points::GeoPoints;
use crate::data::lanes::LaneGrouping;
use crate::job::{Derived, INLINE_LIMIT};
use crate::ui::PanelView;
use crate::view::ViewChange;

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
    /// Show every control map.
    FitMaps,
    /// Put the keyboard in the place search.
    FindPlace,
    /// Zoom in at the middle.
    ZoomIn,
    /// Zoom out at the middle.
    ZoomOut,
}

/// What one frame of the map drew, for tests and the benchmark.
#[derive(Clone, Debug, Default, PartialEq)]
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
    /// Countries named.
    pub country_names: usize,
    /// Events on show in the time window that have no coordinates.
    pub unlocated: usize,
    /// Located events on show in view, as counted.
    pub in_view: u64,
    /// Control maps whose territory was drawn (or said to have no map yet).
    pub territory_drawn: usize,
    /// The area filter's box on screen, drawn for as long as the filter holds.
    pub area_box: Option<Rect>,
    /// What the context layers (places, rivers, lakes, provinces) drew.
    pub context: context::ContextDrawn,
    /// Whether an event was under the pointer.
    pub event_hovered: bool,
    /// Whether the legend of how events are drawn was shown (not when no
    /// event has coordinates).
    pub legend_shown: bool,
    /// The place under the pointer, named in a tooltip, by index in the
    /// context layers' places.
    pub place_hovered: Option<u32>,
    /// The control maps under the pointer, topmost first, as (map, snapshot).
    pub maps_hovered: Vec<(usize, usize)>,
    /// How the lines about the control maps were shown.
    pub folding: Option<overlay::Folding>,
    /// Where the place search's pin and its name were drawn.
    pub pin: Option<Rect>,
    /// Where the lines about the maps and the events were written (a click
    /// there opens or folds them on a short map).
    pub lines: Option<Rect>,
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

/// A hovered cell: the counts it is in, its column and row, and the lanes'
/// grouping its summary names.
type HoveredCell = (CountKey, (u32, u32), LaneGrouping);

/// Counts per cell with the events on show that have no coordinates.
struct Counted {
    bins: Bins,
    unlocated: usize,
}

/// The events drawn one by one, for the counts and the box they were found in.
struct Found {
    key: CountKey,
    bounds: [u64; 4],
    /// The lane colours and the light or dark theme the dots were coloured
    /// for (held, so that the same colours are known by their address).
    colours: (Option<Arc<crate::ui::LaneColours>>, bool),
    /// The events found, with what drawing them needs, side by side: a frame
    /// reads these and not ten million events' columns at random.
    dots: Vec<marks::Dot>,
}

/// The map panel.
#[derive(Default)]
pub struct MapPanel {
    /// Where the map looks: the shared view's, as this frame draws it (the
    /// map asks for what it changes once drawn).
    camera: Option<Camera>,
    /// The located events, per load.
    points: Derived<u64, Arc<GeoPoints>>,
    /// Each cell's times, per load, events on show and grid: counts for any
    /// time window are read from them.
    times: Derived<(u64, u64, BinGrid), Arc<CellTimes>>,
    /// Counts per cell, per events on show, time window and grid.
    counts: Derived<CountKey, Arc<Counted>>,
    /// The grid counted in, kept while it covers the view at the same level.
    grid: Option<BinGrid>,
    found: Option<Found>,
    /// The hovered cell's summary, for its count key and cell (and the lanes'
    /// grouping it was counted by): in the background for a crowded cell, so
    /// that panning under a resting pointer never reads a cell's events per frame.
    hovered_cell: Derived<HoveredCell, Arc<CellSummary>>,
    /// The cell under the pointer last frame, and where the map looked then:
    /// a cell is summed up once the pointer and the map rest for a second
    /// frame, never while the map pans under the pointer.
    hovered_last: Option<(HoveredCell, [u64; 3])>,
    /// The selected event the map last brought into view.
    followed: Option<usize>,
    /// Asked of the map by a command, done on its next frame.
    request: Option<MapRequest>,
    /// What the status line said of each control map last frame, and which
    /// snapshot it drew in what style.
    territory_said: Vec<territory::MapLine>,
    /// Territory snapshots triangulated for drawing.
    territory: territory::TerritoryCache,
    /// The control maps hidden in the "Control maps" menu, by index: the
    /// shared view's, as this frame draws them.
    hidden_maps: std::collections::BTreeSet<usize>,
    /// Where a Shift+drag box began, on screen.
    box_from: Option<Pos2>,
    /// How tall the map's rows of buttons came out last frame.
    buttons_height: f32,
    /// Whether the reader opened the lines about the maps where a short map
    /// folds them into one.
    lines_opened: bool,
    /// The names the context layers wrote last frame.
    labels: Vec<context::Label>,
    /// The place search and its pin.
    places: place_search::PlaceSearch,
    last: MapFrame,
}

impl MapPanel {
    /// Whether territory is being triangulated in the background: what the
    /// map shows now is not yet what the cursor asks for.
    pub fn is_working(&self) -> bool {
        self.territory.is_working()
    }

    /// The summary of the cell last hovered, once its lanes are counted.
    pub fn hovered_cell(&self) -> Option<&CellSummary> {
        self.hovered_cell
            .latest()
            .map(|(_, summary)| summary.as_ref())
    }

    /// What the last frame drew.
    pub fn last_frame(&self) -> MapFrame {
        self.last.clone()
    }

    /// The names of places and regions written last frame, and where.
    pub fn labels(&self) -> &[context::Label] {
        &self.labels
    }

    /// What the map said of each control map last frame: which snapshot is
    /// drawn and how old it is.
    pub fn territory_said(&self) -> Vec<&str> {
        self.territory_said
            .iter()
            .map(|line| line.text.as_str())
            .collect()
    }

    /// The style each control map's line above the map was drawn in last
    /// frame (none for a map with no snapshot yet, or a span's line).
    pub fn territory_styles(&self) -> Vec<Option<pattern::MapStyle>> {
        self.territory_said.iter().map(|line| line.style).collect()
    }

    /// Where the map looks, once it has been drawn.
    pub fn camera(&self) -> Option<Camera> {
        self.camera
    }

    /// The place search: what it found and the place pinned.
    pub fn place_search(&self) -> &place_search::PlaceSearch {
        &self.places
    }

    /// Asks the map to fit or zoom on its next frame.
    pub fn request(&mut self, request: MapRequest) {
        self.request = Some(request);
    }

    /// Whether counting runs in the background.
    pub fn is_busy(&self) -> bool {
        self.counts.is_busy()
            || self.times.is_busy()
            || self.points.is_busy()
            || self.hovered_cell.is_busy()
    }

    /// Forgets what was worked out for an earlier load.
    pub fn forget_load(&mut self) {
        self.points.clear();
        self.times.clear();
        self.counts.clear();
        self.found = None;
        self.hovered_cell.clear();
        self.hovered_last = None;
        self.grid = None;
    }

    /// Draws the map in the rest of `ui`.
    pub fn show(&mut self, ui: &mut Ui, cx: &FrameContext<'_>, view: &mut PanelView<'_>) {
        let shared = view.map_look().map(Camera::from_look);
        self.camera = shared;
        self.hidden_maps.clone_from(view.hidden_maps());
        let rect = ui.available_rect_before_wrap();
        let response = ui.allocate_rect(rect, Sense::click_and_drag());
        let painter = ui.painter_at(rect);
        let points = self.located(ui.ctx(), cx);
        let camera = self.place_camera(ui, &response, rect, points.as_deref(), cx, view);
        let visuals = ui.visuals().clone();
        let (drawn_base, country_names) = base::draw(&painter, &visuals, &camera, rect);
        let under = context::draw_under(&painter, &visuals, &camera, rect);
        let mut frame = MapFrame {
            rect: Some(rect),
            camera: Some(camera),
            countries: drawn_base.countries,
            country_names: drawn_base.names,
            ..MapFrame::default()
        };
        let maps_in_force = self.draw_territory(&painter, cx, view, &camera, rect);
        frame.territory_drawn = maps_in_force.len();
        // Names keep out of the map's chips and the countries' names.
        let counting = self.last.cells_drawn > 0;
        let folding = overlay::Folding::for_map(
            rect,
            self.buttons_height,
            maps_in_force.len(),
            self.lines_opened,
        );
        let mut reserved = overlay::reserved(
            rect,
            self.buttons_height,
            folding.lines_shown(maps_in_force.len()),
            counting,
        );
        reserved.extend(country_names);
        frame.pin = self.places.pin_area(&painter, &camera, rect);
        reserved.extend(frame.pin);
        let (named, labels, dots) =
            context::draw_names(&painter, &visuals, &camera, rect, &reserved);
        frame.context = context::ContextDrawn {
            places: named.places,
            labels: named.labels,
            ..under
        };
        self.labels = labels;
        if let Some(points) = &points {
            let canvas = events::Canvas {
                ui,
                response: &response,
                painter: &painter,
                camera,
                rect,
            };
            self.draw_events(&canvas, cx, view, points, &mut frame);
        }
        if !frame.event_hovered && frame.cells_drawn == 0 {
            frame.place_hovered = context::hover_place(&response, &dots);
        }
        if !frame.event_hovered && frame.cells_drawn == 0 && frame.place_hovered.is_none() {
            frame.maps_hovered = self.hover_maps(&response, cx, &maps_in_force, &camera, view);
        }
        frame.area_box = self.draw_area_box(&painter, &response, view, &camera, rect);
        self.places
            .draw_pin(&painter, &camera, rect, visuals.dark_mode);
        let maps = map_entries(cx);
        let status = overlay::Status {
            frame: &frame,
            counting: self.is_busy(),
            located: points.as_ref().map(|p| p.len()),
            maps_in_force: &maps_in_force,
            area: view.filter().area,
            maps,
            hidden_maps: &self.hidden_maps,
            folding,
            compare: None,
        };
        let status = overlay::Status {
            compare: can_compare(&status.maps).then_some(view.compare_maps()),
            ..status
        };
        let places = &mut self.places;
        let asked = overlay::draw(ui, rect, &camera, &status, &mut |ui| {
            places.show_field(ui, cx);
        });
        self.places.show_found(ui, camera);
        if asked.buttons_height != self.buttons_height {
            // Names keep out of the buttons' rows from the next frame on.
            self.buttons_height = asked.buttons_height;
            ui.ctx().request_repaint();
        }
        frame.legend_shown = status.located != Some(0);
        frame.folding = Some(folding);
        frame.lines = asked.lines;
        if let Some(ask) = asked.request {
            self.request = Some(ask);
            ui.ctx().request_repaint();
        }
        if let Some(on) = asked.compare {
            view.ask(ViewChange::CompareMaps(on));
            ui.ctx().request_repaint();
        }
        if asked.toggle_lines {
            self.lines_opened = !self.lines_opened;
            ui.ctx().request_repaint();
        }
        if let Some(hidden) = asked.hidden_maps {
            view.ask(ViewChange::SetHiddenMaps(hidden));
            ui.ctx().request_repaint();
        }
        if self.camera != shared
            && let Some(camera) = self.camera
        {
            view.ask(ViewChange::SetMapLook(camera.look()));
        }
        self.last = frame;
        self.territory_said = maps_in_force;
    }

    /// Where the map looks this frame: the shared view's, or a first view
    /// until the events are placed, moved by a command, a selection made
    /// elsewhere, the reader's hand and a flight to a place found.
    fn place_camera(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        rect: Rect,
        points: Option<&GeoPoints>,
        cx: &FrameContext<'_>,
        view: &mut PanelView<'_>,
    ) -> Camera {
        // Until the events are placed the world (or the control maps) is
        // shown, and the camera is kept only if the reader moves it: then the
        // map fits the events.
        let provisional = match self.camera {
            Some(camera) => camera,
            None => first_camera(points, cx.loaded.index.territory_bounds, rect),
        };
        let mut camera = provisional;
        match self.request.take() {
            Some(MapRequest::FindPlace) => self.places.focus(),
            Some(request) => {
                self.places.land();
                apply_request(request, &mut camera, rect, points, cx, view);
            }
            None => {}
        }
        self.follow_selection(&mut camera, rect, cx.loaded, view);
        let shift = ui.input(|i| i.modifiers.shift);
        let before = camera;
        self.navigate(ui, response, &mut camera, rect, shift, view);
        if camera != before {
            self.places.land();
        }
        if self.places.fly(&mut camera, ui.input(|i| i.time)) {
            ui.ctx().request_repaint();
        }
        // With no located event the first view follows the map's size (it
        // settles over the first frames) until the reader moves it.
        let located = points.is_some_and(|p| !p.is_empty());
        if self.camera.is_some() || located || camera != provisional {
            self.camera = Some(camera);
        }

        camera
    }

    /// The box a Shift+drag draws, or else the area filter's box while it
    /// holds; returns the filter's box on screen.
    fn draw_area_box(
        &self,
        painter: &egui::Painter,
        response: &egui::Response,
        view: &PanelView<'_>,
        camera: &Camera,
        rect: Rect,
    ) -> Option<Rect> {
        let visuals = painter.ctx().global_style().visuals.clone();
        if let Some(from) = self.box_from
            && let Some(to) = response.interact_pointer_pos()
        {
            overlay::draw_box(painter, Rect::from_two_pos(from, to), &visuals);
        } else if let Some(area) = view.filter().area {
            // The area the events are filtered to stays drawn, so that the
            // reader sees what the filter keeps.
            let corner = |lon, lat| camera.to_screen(rect, lon, lat);
            let drawn = Rect::from_two_pos(
                corner(area.west(), area.north()),
                corner(area.east(), area.south()),
            );
            overlay::draw_box(painter, drawn, &visuals);
            return Some(drawn);
        }
        None
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
}

/// Whether some actor has maps by two organisations or more.
fn can_compare(maps: &[overlay::MapEntry]) -> bool {
    maps.iter().enumerate().any(|(i, a)| {
        maps[i + 1..]
            .iter()
            .any(|b| a.actor == b.actor && a.organisation != b.organisation)
    })
}

/// Every control map of the dataset, as the "Control maps" menu lists it:
/// named by its actor's short name, its organisation and its scope.
fn map_entries(cx: &FrameContext<'_>) -> Vec<overlay::MapEntry> {
    cx.loaded
        .dataset
        .territory
        .iter()
        .map(|map| {
            let actor = cx
                .loaded
                .index
                .actor_by_id
                .get(map.actor.as_str())
                .and_then(|&a| cx.loaded.dataset.actors.get(a))
                .map_or_else(|| map.actor.to_string(), |a| a.short.clone());
            overlay::MapEntry {
                label: map.label(&actor),
                organisation: map.source_org.clone(),
                actor,
            }
        })
        .collect()
}
