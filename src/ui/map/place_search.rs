//! The map's place search: a field after the map's buttons (Ctrl+L)
//! that finds towns of the context layers and the dataset's own places as
//! the reader types, lists them with their province and country, and flies
//! the map to the one chosen (Enter takes the first), where a pin marks it
//! until another is chosen or the pin is cleared.

use std::sync::Arc;

use egui::{Align2, Color32, FontId, Painter, Rect, Stroke, Ui, vec2};

use super::FrameContext;
use super::camera::Camera;
use crate::data::derived::place_search::{EventPlaces, FoundPlace, find_places};
use crate::data::map::context::ContextMap;
use crate::job::{Derived, INLINE_LIMIT};

/// How long a flight to a place takes, in seconds.
const FLIGHT_SECONDS: f64 = 0.5;
/// The least zoom a flight ends at (points per degree): close enough to see
/// the town among its neighbours.
const TOWN_ZOOM: f64 = 400.0;
/// The pin's colour.
const PIN: Color32 = Color32::from_rgb(255, 82, 82);
/// How tall the pin stands over its place, in points.
const PIN_HEIGHT: f32 = 16.0;
/// How wide the field is, in points.
const FIELD_WIDTH: f32 = 220.0;

/// A move of the map from one camera to another, begun at a time.
#[derive(Clone, Copy, Debug)]
struct Flight {
    from: Camera,
    to: Camera,
    began: f64,
}

/// The place search's own state.
#[derive(Default)]
pub struct PlaceSearch {
    /// What the reader typed.
    query: String,
    /// The places found for `found_for`.
    found: Vec<FoundPlace>,
    found_for: String,
    /// Whether `found` took the dataset's places in (they may come a moment
    /// after the first keystroke, from the background).
    found_with_events: bool,
    /// The dataset's located places, per load.
    event_places: Derived<u64, Arc<EventPlaces>>,
    /// The field takes the keyboard on the next frame (Ctrl+L).
    focus_next: bool,
    /// The place chosen last, marked with a pin.
    pin: Option<FoundPlace>,
    flight: Option<Flight>,
    /// Where the field was drawn last.
    field: Option<Rect>,
    /// The place chosen this frame.
    chosen: Option<FoundPlace>,
}

impl PlaceSearch {
    /// Gives the field the keyboard on the next frame.
    pub fn focus(&mut self) {
        self.focus_next = true;
    }

    /// The place pinned, if any.
    pub fn pin(&self) -> Option<&FoundPlace> {
        self.pin.as_ref()
    }

    /// The places listed under the field.
    pub fn found(&self) -> &[FoundPlace] {
        &self.found
    }

    /// Stops a flight (the reader moved the map).
    pub fn land(&mut self) {
        self.flight = None;
    }

    /// Moves `camera` along a flight in progress; `true` while flying.
    pub fn fly(&mut self, camera: &mut Camera, now: f64) -> bool {
        let Some(flight) = self.flight else {
            return false;
        };
        let t = ((now - flight.began) / FLIGHT_SECONDS).clamp(0.0, 1.0);
        // Ease in and out.
        let s = t * t * (3.0 - 2.0 * t);
        camera.lon = flight.from.lon + (flight.to.lon - flight.from.lon) * s;
        camera.lat = flight.from.lat + (flight.to.lat - flight.from.lat) * s;
        let (a, b) = (
            flight.from.points_per_degree.ln(),
            flight.to.points_per_degree.ln(),
        );
        camera.points_per_degree = (a + (b - a) * s).exp();
        *camera = camera.clamped();
        if t >= 1.0 {
            self.flight = None;
        }
        true
    }

    /// Draws the field where `ui` places it (among the map's buttons) and
    /// searches as the reader types; Enter takes the first place found.
    pub fn show_field(&mut self, ui: &mut Ui, cx: &FrameContext<'_>) {
        let places = self.event_places(ui.ctx(), cx);
        let width = FIELD_WIDTH.min(ui.available_width().max(120.0));
        let field = ui.add(
            egui::TextEdit::singleline(&mut self.query)
                .hint_text("Find a place (Ctrl+L)")
                .desired_width(width),
        );
        self.field = Some(field.rect);
        if std::mem::take(&mut self.focus_next) {
            field.request_focus();
        }
        if field.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.found.clear();
        }
        if self.query != self.found_for || places.is_some() != self.found_with_events {
            self.found_for.clone_from(&self.query);
            self.found_with_events = places.is_some();
            let none = EventPlaces::default();
            let events = places.as_deref().unwrap_or(&none);
            self.found = find_places(&self.query, events, ContextMap::embedded());
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            self.chosen = self.found.first().cloned();
        }
    }

    /// Lists the places found under the field, and flies from `camera` to
    /// the one chosen.
    pub fn show_found(&mut self, ui: &mut Ui, camera: Camera) {
        if let Some(field) = self.field
            && !self.found.is_empty()
            && self.chosen.is_none()
        {
            self.chosen = self.list(ui, field);
        }
        if let Some(place) = self.chosen.take() {
            self.choose(place, camera, ui.input(|i| i.time));
            ui.ctx().request_repaint();
        }
    }

    /// The places found, under the field; returns the one clicked.
    fn list(&self, ui: &mut Ui, field: Rect) -> Option<FoundPlace> {
        let mut chosen = None;
        let top = field.left_bottom() + vec2(0.0, 2.0);
        egui::Area::new(ui.scope_id().with("places-found"))
            .fixed_pos(top)
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_width(field.width().max(FIELD_WIDTH) - 12.0);
                    for place in &self.found {
                        let from = match place.from {
                            crate::data::derived::place_search::FoundIn::Dataset(n) => {
                                crate::format::plural(n as usize, "event")
                            }
                            crate::data::derived::place_search::FoundIn::Towns(people) => {
                                format!("{} people", crate::format::count(people))
                            }
                        };
                        let row = ui
                            .selectable_label(false, crate::format::line(&place.full_name()))
                            .on_hover_text(from);
                        if row.clicked() {
                            chosen = Some(place.clone());
                        }
                    }
                });
            });
        chosen
    }

    /// Pins `place` and flies there from `camera`; the list closes.
    fn choose(&mut self, place: FoundPlace, camera: Camera, now: f64) {
        let mut to = camera;
        to.lon = place.lon;
        to.lat = place.lat;
        to.points_per_degree = camera.points_per_degree.max(TOWN_ZOOM);
        self.flight = Some(Flight {
            from: camera,
            to: to.clamped(),
            began: now,
        });
        self.query = place.full_name();
        self.found_for.clone_from(&self.query);
        self.found.clear();
        self.pin = Some(place);
    }

    /// The dataset's located places, indexed at once for a small dataset,
    /// else in the background (`None` until then).
    fn event_places(
        &mut self,
        ctx: &egui::Context,
        cx: &FrameContext<'_>,
    ) -> Option<Arc<EventPlaces>> {
        // Nothing is worked out until the reader types.
        if self.query.trim().is_empty() {
            return None;
        }
        let loaded = Arc::clone(cx.loaded);
        let wake = ctx.clone();
        let inline = loaded.dataset.events.len() <= INLINE_LIMIT;
        self.event_places.update(
            &cx.generation,
            inline,
            "place names",
            move || wake.request_repaint(),
            move |_| Some(Arc::new(EventPlaces::build(&loaded.dataset.events))),
        );
        self.event_places.current(&cx.generation).cloned()
    }

    /// Where the pin and its name go on screen, when a place is pinned and in
    /// view: the other names on the map keep out of it.
    pub fn pin_area(&self, painter: &Painter, camera: &Camera, rect: Rect) -> Option<Rect> {
        let (at, frame, _) = self.pin_layout(painter, camera, rect)?;
        Some(frame.union(Rect::from_center_size(at, vec2(12.0, 12.0))))
    }

    /// The pin's foot, its name's frame and its name laid out.
    fn pin_layout(
        &self,
        painter: &Painter,
        camera: &Camera,
        rect: Rect,
    ) -> Option<(egui::Pos2, Rect, Arc<egui::Galley>)> {
        let place = self.pin.as_ref()?;
        let at = camera.to_screen(rect, place.lon, place.lat);
        if !rect.contains(at) {
            return None;
        }
        let text = crate::format::line(&place.name).into_owned();
        let galley = painter.layout_no_wrap(text, FontId::proportional(13.0), PIN);
        let head = at - vec2(0.0, PIN_HEIGHT);
        let frame =
            Align2::LEFT_CENTER.anchor_size(head + vec2(9.0, 0.0), galley.size() + vec2(8.0, 4.0));
        Some((at, frame, galley))
    }

    /// Draws the pin, when a place is pinned.
    pub fn draw_pin(&self, painter: &Painter, camera: &Camera, rect: Rect, dark: bool) {
        let Some((at, frame, galley)) = self.pin_layout(painter, camera, rect) else {
            return;
        };
        let edge = if dark { Color32::BLACK } else { Color32::WHITE };
        let head = at - vec2(0.0, PIN_HEIGHT);
        painter.line_segment([at, head], Stroke::new(2.0, edge));
        painter.line_segment([at, head], Stroke::new(1.2, PIN));
        painter.circle(head, 5.5, PIN, Stroke::new(1.5, edge));
        let back = if dark {
            Color32::from_black_alpha(200)
        } else {
            Color32::from_white_alpha(220)
        };
        painter.rect_filled(frame, 3.0, back);
        painter.galley(frame.min + vec2(4.0, 2.0), galley, PIN);
    }
}
