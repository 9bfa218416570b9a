//! Geography, on its own: the base map of countries (Natural Earth,
//! embedded), boxes of longitude and latitude, GeoJSON geometry, and what is
//! worked out from polygons (areas on the ellipsoid, rings that cross
//! themselves, union and difference). It knows nothing of events or of the
//! index; where events are on the map is derived data
//! ([`crate::data::derived::map_points`], [`crate::data::derived::map_bins`]).

pub mod area;
pub mod base_map;
pub mod context;
pub mod crossing;
pub mod geojson;
pub mod overlay;
pub mod simplify;

use serde::{Deserialize, Serialize};

/// Millionths of a degree: what a [`GeoBox`] keeps its edges in, so that a box
/// compares exactly (filters are cache keys).
const UNITS_PER_DEGREE: f64 = 1_000_000.0;

/// A box of longitudes and latitudes (WGS84 degrees): the area a place filter
/// keeps. West is below east; a box does not cross the antimeridian.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GeoBox {
    west: i32,
    south: i32,
    east: i32,
    north: i32,
}

impl GeoBox {
    /// The box between two corners in degrees, in any order; `None` when a
    /// coordinate is not a number or out of range (longitude -180..180,
    /// latitude -90..90).
    pub fn from_corners(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> Option<Self> {
        let lon_ok = |v: f64| v.is_finite() && (-180.0..=180.0).contains(&v);
        let lat_ok = |v: f64| v.is_finite() && (-90.0..=90.0).contains(&v);
        if !(lon_ok(lon1) && lon_ok(lon2) && lat_ok(lat1) && lat_ok(lat2)) {
            return None;
        }
        // Whole millionths, within range by the checks above.
        let units = |v: f64| (v * UNITS_PER_DEGREE).round() as i32;
        Some(Self {
            west: units(lon1.min(lon2)),
            south: units(lat1.min(lat2)),
            east: units(lon1.max(lon2)),
            north: units(lat1.max(lat2)),
        })
    }

    /// Reads `LON1,LAT1,LON2,LAT2` (two corners, degrees), as the command line
    /// takes it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let numbers: Vec<f64> = text
            .split(',')
            .map(|part| {
                part.trim()
                    .parse::<f64>()
                    .map_err(|_| format!("{:?} is not a number of degrees", part.trim()))
            })
            .collect::<Result<_, _>>()?;
        let [lon1, lat1, lon2, lat2] = numbers[..] else {
            return Err(format!(
                "a box is four numbers, LON1,LAT1,LON2,LAT2; {text:?} has {}",
                numbers.len()
            ));
        };
        let found = Self::from_corners(lon1, lat1, lon2, lat2).ok_or_else(|| {
            format!("{text:?} is out of range: longitudes are -180 to 180, latitudes -90 to 90")
        })?;
        // A box of corners 170 and -170 could mean the 20° across the
        // antimeridian or the 340° the other way: refused rather than guessed.
        if found.east() - found.west() > 180.0 {
            return Err(format!(
                "{text:?} spans {:.0}° of longitude: a box may not cross the antimeridian, and one wider than half the globe is taken for a mistake (take each side of 180° apart)",
                found.east() - found.west()
            ));
        }
        Ok(found)
    }

    /// The western edge, in degrees.
    pub fn west(&self) -> f64 {
        f64::from(self.west) / UNITS_PER_DEGREE
    }

    /// The southern edge, in degrees.
    pub fn south(&self) -> f64 {
        f64::from(self.south) / UNITS_PER_DEGREE
    }

    /// The eastern edge, in degrees.
    pub fn east(&self) -> f64 {
        f64::from(self.east) / UNITS_PER_DEGREE
    }

    /// The northern edge, in degrees.
    pub fn north(&self) -> f64 {
        f64::from(self.north) / UNITS_PER_DEGREE
    }

    /// Whether a place lies in the box (edges included).
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        (self.west()..=self.east()).contains(&lon) && (self.south()..=self.north()).contains(&lat)
    }

    /// "35.20°E to 36.10°E, 33.40°N to 34.00°N".
    pub fn label(&self) -> String {
        format!(
            "{} to {}, {} to {}",
            longitude_text(self.west()),
            longitude_text(self.east()),
            latitude_text(self.south()),
            latitude_text(self.north())
        )
    }
}

/// "36.20°E", "4.50°W".
pub fn longitude_text(lon: f64) -> String {
    let side = if lon < 0.0 { 'W' } else { 'E' };
    format!("{:.2}°{side}", lon.abs())
}

/// "33.40°N", "2.10°S".
pub fn latitude_text(lat: f64) -> String {
    let side = if lat < 0.0 { 'S' } else { 'N' };
    format!("{:.2}°{side}", lat.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_reads_two_corners_in_any_order_and_rejects_what_is_out_of_range() {
        let a = GeoBox::parse("36.1, 34.0, 35.2,33.4").expect("reads");
        assert_eq!(a, GeoBox::parse("35.2,33.4,36.1,34.0").expect("reads"));
        assert!((a.west() - 35.2).abs() < 1e-9 && (a.north() - 34.0).abs() < 1e-9);
        assert!(a.contains(35.5, 33.5) && a.contains(35.2, 34.0));
        assert!(!a.contains(36.2, 33.5));
        assert_eq!(a.label(), "35.20°E to 36.10°E, 33.40°N to 34.00°N");
        assert!(GeoBox::parse("1,2,3").is_err());
        assert!(GeoBox::parse("1,2,3,x").is_err());
        assert!(GeoBox::parse("1,95,3,4").is_err());
        assert!(GeoBox::parse("NaN,1,3,4").is_err());
        let across = GeoBox::parse("170,-10,-170,10").expect_err("refused");
        assert!(across.contains("antimeridian"), "{across}");
    }
}
