//! Moving the map: drag, Shift+drag for an area, the wheel and double-click
//! zooming at the pointer, a selection made elsewhere brought into view, and
//! the fits and zooms the command table asks for.

use egui::{Rect, Ui};

use super::camera::Camera;
use super::{FrameContext, MapPanel, MapRequest, WHEEL_ZOOM};
use crate::data::LoadedDataset;
use crate::data::derived::map_points::{GeoPoints, OnShow, event_position};
use crate::data::map::GeoBox;
use crate::ui::PanelView;
use crate::view::{ViewChange, ViewState};

impl MapPanel {
    /// Brings a selection made elsewhere into view, once per new selection.
    pub(super) fn follow_selection(
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
    pub(super) fn navigate(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        camera: &mut Camera,
        rect: Rect,
        shift: bool,
        view: &mut PanelView<'_>,
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
                        let mut filter = view.filter().clone();
                        filter.area = GeoBox::from_corners(
                            lon1.clamp(-180.0, 180.0),
                            lat1.clamp(-90.0, 90.0),
                            lon2.clamp(-180.0, 180.0),
                            lat2.clamp(-90.0, 90.0),
                        );
                        view.ask(ViewChange::SetFilter(Box::new(filter)));
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
}

/// Where the map first looks: at every located event, else at the control
/// maps (`territory`, their bounds), else the world.
pub(super) fn first_camera(
    points: Option<&GeoPoints>,
    territory: Option<[f64; 4]>,
    rect: Rect,
) -> Camera {
    let mut camera = Camera::world(rect);
    if let Some(bounds) = points.and_then(|p| extent(p, None)).or(territory) {
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
pub(super) fn apply_request(
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
                from: view.window().start,
                to: view.window().end,
            };
            let bounds = points.and_then(|p| extent(p, Some(&on_show)).or_else(|| extent(p, None)));
            if let Some(bounds) = bounds {
                camera.fit(bounds, rect);
            }
        }
        MapRequest::FitMaps => {
            if let Some(bounds) = cx.loaded.index.territory_bounds {
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
        // The place search takes it: the camera stays.
        MapRequest::FindPlace => {}
    }
}
