//! Where the map looks and how a place lands on the screen. The projection is
//! equirectangular, scaled by the cosine of the latitude at the middle of the
//! view: lengths are true near the middle of a region, which is what a reader
//! of one war's map needs, and straight lines of longitude and latitude keep a
//! box drawn on the map a box of degrees.

use egui::{Pos2, Rect, Vec2, pos2};

use crate::view::MapLook;

/// Kilometres in a degree of latitude (the mean over the globe).
pub const KM_PER_DEGREE: f64 = 111.2;
/// The closest zoom: a few hundred metres across a panel.
const MAX_POINTS_PER_DEGREE: f64 = 200_000.0;
/// The farthest: the world in a small panel.
const MIN_POINTS_PER_DEGREE: f64 = 0.4;

/// The middle of the view and its scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Longitude at the middle of the panel.
    pub lon: f64,
    /// Latitude at the middle of the panel.
    pub lat: f64,
    /// Screen points per degree of latitude.
    pub points_per_degree: f64,
}

impl Camera {
    /// The camera the shared view's map looks through, kept within bounds.
    pub fn from_look(look: MapLook) -> Self {
        Self {
            lon: look.lon,
            lat: look.lat,
            points_per_degree: look.points_per_degree,
        }
        .clamped()
    }

    /// Where this camera looks, as the shared view keeps it.
    pub fn look(self) -> MapLook {
        MapLook {
            lon: self.lon,
            lat: self.lat,
            points_per_degree: self.points_per_degree,
        }
    }

    /// The whole world in `rect`.
    pub fn world(rect: Rect) -> Self {
        let mut camera = Self {
            lon: 0.0,
            lat: 20.0,
            points_per_degree: 1.0,
        };
        camera.fit([-180.0, -60.0, 180.0, 80.0], rect);
        camera
    }

    /// A camera kept in bounds: a number everywhere, latitudes on the globe.
    pub fn clamped(mut self) -> Self {
        if !(self.lon.is_finite() && self.lat.is_finite() && self.points_per_degree.is_finite()) {
            self = Self {
                lon: 0.0,
                lat: 20.0,
                points_per_degree: 2.0,
            };
        }
        self.lat = self.lat.clamp(-85.0, 85.0);
        self.lon = self.lon.clamp(-180.0, 180.0);
        self.points_per_degree = self
            .points_per_degree
            .clamp(MIN_POINTS_PER_DEGREE, MAX_POINTS_PER_DEGREE);
        self
    }

    /// The farthest zoom for `rect`: the whole world, with room around it.
    fn widest(rect: Rect) -> f64 {
        let by_width = f64::from(rect.width()) / 400.0;
        let by_height = f64::from(rect.height()) / 200.0;
        by_width.min(by_height).max(MIN_POINTS_PER_DEGREE)
    }

    /// Screen points per degree of longitude.
    fn x_scale(&self) -> f64 {
        self.points_per_degree * self.lat.to_radians().cos().max(0.05)
    }

    /// Where a place lands in `rect`.
    pub fn to_screen(&self, rect: Rect, lon: f64, lat: f64) -> Pos2 {
        let c = rect.center();
        pos2(
            c.x + ((lon - self.lon) * self.x_scale()) as f32,
            c.y - ((lat - self.lat) * self.points_per_degree) as f32,
        )
    }

    /// The place under a screen position.
    pub fn to_place(&self, rect: Rect, at: Pos2) -> (f64, f64) {
        let c = rect.center();
        (
            self.lon + f64::from(at.x - c.x) / self.x_scale(),
            self.lat - f64::from(at.y - c.y) / self.points_per_degree,
        )
    }

    /// West, south, east, north of what `rect` shows.
    pub fn bounds(&self, rect: Rect) -> [f64; 4] {
        let (west, north) = self.to_place(rect, rect.left_top());
        let (east, south) = self.to_place(rect, rect.right_bottom());
        [west, south, east, north]
    }

    /// Moves the view by a drag of `delta` screen points.
    pub fn pan(&mut self, delta: Vec2) {
        self.lon -= f64::from(delta.x) / self.x_scale();
        self.lat += f64::from(delta.y) / self.points_per_degree;
        *self = self.clamped();
    }

    /// Zooms by `factor` (above 1 zooms in) keeping the place under `at` where it is.
    pub fn zoom_at(&mut self, rect: Rect, at: Pos2, factor: f64) {
        if !(factor.is_finite() && factor > 0.0) {
            return;
        }
        let (lon, lat) = self.to_place(rect, at);
        self.points_per_degree = (self.points_per_degree * factor).max(Self::widest(rect));
        *self = self.clamped();
        // Put the place back under the pointer: the latitude first, since the
        // scale of longitudes depends on it.
        let c = rect.center();
        self.lat = lat + f64::from(at.y - c.y) / self.points_per_degree;
        self.lon = lon - f64::from(at.x - c.x) / self.x_scale();
        *self = self.clamped();
    }

    /// Shows a box (west, south, east, north) with a margin, at least half a
    /// degree (about 50 km) across, so that one place shows its surroundings.
    pub fn fit(&mut self, [west, south, east, north]: [f64; 4], rect: Rect) {
        let (width, height) = ((east - west).max(0.5), (north - south).max(0.5));
        self.lon = (west + east) / 2.0;
        self.lat = (south + north) / 2.0;
        let cos = self.lat.to_radians().cos().max(0.05);
        let by_width = f64::from(rect.width().max(1.0)) / (width * 1.15 * cos);
        let by_height = f64::from(rect.height().max(1.0)) / (height * 1.15);
        self.points_per_degree = by_width.min(by_height);
        *self = self.clamped();
    }

    /// Kilometres per screen point.
    pub fn km_per_point(&self) -> f64 {
        KM_PER_DEGREE / self.points_per_degree
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect() -> Rect {
        Rect::from_min_size(pos2(100.0, 50.0), egui::vec2(600.0, 400.0))
    }

    #[test]
    fn a_place_goes_to_the_screen_and_back() {
        let camera = Camera {
            lon: 38.0,
            lat: 35.0,
            points_per_degree: 80.0,
        };
        let at = camera.to_screen(rect(), 39.5, 36.25);
        let (lon, lat) = camera.to_place(rect(), at);
        assert!((lon - 39.5).abs() < 1e-4 && (lat - 36.25).abs() < 1e-4);
        assert_eq!(camera.to_screen(rect(), 38.0, 35.0), rect().center());
    }

    #[test]
    fn zooming_keeps_the_place_under_the_pointer() {
        let mut camera = Camera {
            lon: 38.0,
            lat: 35.0,
            points_per_degree: 80.0,
        };
        let pointer = pos2(250.0, 120.0);
        let before = camera.to_place(rect(), pointer);
        camera.zoom_at(rect(), pointer, 3.0);
        let after = camera.to_place(rect(), pointer);
        assert!((before.0 - after.0).abs() < 1e-3 && (before.1 - after.1).abs() < 1e-3);
        assert!((camera.points_per_degree - 240.0).abs() < 1e-6);
    }

    #[test]
    fn fitting_a_box_shows_all_of_it() {
        let mut camera = Camera::world(rect());
        let wanted = [35.7, 32.3, 42.4, 37.3];
        camera.fit(wanted, rect());
        let [w, s, e, n] = camera.bounds(rect());
        assert!(w <= wanted[0] && s <= wanted[1] && e >= wanted[2] && n >= wanted[3]);
        let world = Camera::world(rect()).bounds(rect());
        assert!(world[0] <= -180.0 && world[2] >= 180.0);
    }
}
