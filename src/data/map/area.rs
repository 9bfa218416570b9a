//! The area of a map's polygons on the WGS84 ellipsoid. The area between the
//! equator and latitude φ per radian of longitude has a closed form, S(φ);
//! a ring's area is the integral of S along its edges against longitude (each
//! edge straight in longitude and latitude, as the map draws it), by
//! Simpson's rule on pieces of at most a tenth of a degree. A box along
//! parallels and meridians comes out exact; holes are subtracted, and the
//! parts of a snapshot's polygons that overlap are merged first.

use crate::data::model::{
    Cite, Confidence, ControlMap, ControlMeasure, ControlPoint, ControlSeries, ControlUnit,
};

/// WGS84's semi-major axis, in metres.
const A: f64 = 6_378_137.0;
/// WGS84's flattening.
const F: f64 = 1.0 / 298.257_223_563;

/// Area on the ellipsoid from the equator to latitude `phi` (radians), per
/// radian of longitude, in square metres.
fn s(phi: f64) -> f64 {
    let b = A * (1.0 - F);
    let e2 = F * (2.0 - F);
    let e = e2.sqrt();
    let sin = phi.sin();
    b * b
        * (sin / (2.0 * (1.0 - e2 * sin * sin))
            + ((1.0 + e * sin) / (1.0 - e * sin)).ln() / (4.0 * e))
}

/// The earth an area is measured on. Monitors differ: DeepState's totals
/// match a sphere of 6,378,137 m (turf.js), the Economist's ISW areas one of
/// 6,371,008.8 m (s2, R's sf); NZZ's are ellipsoidal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Earth {
    /// The WGS84 ellipsoid.
    Wgs84,
    /// A sphere of this radius, in metres.
    Sphere(f64),
}

impl Earth {
    /// The sphere of WGS84's semi-major axis, as turf.js measures.
    pub const TURF_SPHERE: Self = Self::Sphere(A);
    /// The sphere of the earth's mean radius, as s2 and R's sf measure.
    pub const MEAN_SPHERE: Self = Self::Sphere(6_371_008.8);

    /// Reads `wgs84`, `sphere` (6,378,137 m) or `mean-sphere` (6,371,008.8 m).
    pub fn parse(text: &str) -> Result<Self, String> {
        match text {
            "wgs84" => Ok(Self::Wgs84),
            "sphere" => Ok(Self::TURF_SPHERE),
            "mean-sphere" => Ok(Self::MEAN_SPHERE),
            other => Err(format!(
                "no earth {other:?}: give wgs84, sphere (6,378,137 m) or mean-sphere (6,371,008.8 m)"
            )),
        }
    }

    /// Its name in words, for output that says how an area was measured.
    pub fn describe(self) -> String {
        match self {
            Self::Wgs84 => "the WGS84 ellipsoid".to_owned(),
            Self::Sphere(radius) => format!("a sphere of {radius} m"),
        }
    }

    /// Area from the equator to latitude `phi` (radians) per radian of longitude, in m².
    fn band(self, phi: f64) -> f64 {
        match self {
            Self::Wgs84 => s(phi),
            Self::Sphere(radius) => radius * radius * phi.sin(),
        }
    }
}

/// The signed area of a closed ring of (longitude, latitude) in degrees, in
/// square metres (positive when it runs counter-clockwise).
fn ring_area(ring: &[(f64, f64)], earth: Earth) -> f64 {
    let mut total = 0.0;
    for pair in ring.windows(2) {
        let [(lon1, lat1), (lon2, lat2)] = [pair[0], pair[1]];
        let d_lon = (lon2 - lon1).to_radians();
        if d_lon == 0.0 {
            continue;
        }
        let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
        // Simpson's rule over an even number of pieces of at most 0.1°.
        let pieces = (((lat2 - lat1).abs() / 0.1).ceil() as usize).max(1) * 2;
        let h = 1.0 / pieces as f64;
        let mut sum = earth.band(phi1) + earth.band(phi2);
        for k in 1..pieces {
            let weight = if k % 2 == 1 { 4.0 } else { 2.0 };
            sum += weight * earth.band(phi1 + (phi2 - phi1) * k as f64 * h);
        }
        total += d_lon * sum * h / 3.0;
    }
    -total
}

/// The area of polygons (each an outline then its holes), in km²; ground
/// that two of them cover counts once.
pub fn area_km2(polygons: &[Vec<Vec<(f64, f64)>>]) -> f64 {
    area_km2_on(polygons, Earth::Wgs84)
}

/// [`area_km2`] on another earth.
pub fn area_km2_on(polygons: &[Vec<Vec<(f64, f64)>>], earth: Earth) -> f64 {
    super::overlay::merged(polygons)
        .iter()
        .map(|rings| {
            let mut rings = rings.iter().map(|r| ring_area(r, earth).abs());
            let outline = rings.next().unwrap_or(0.0);
            (outline - rings.sum::<f64>()).max(0.0)
        })
        .sum::<f64>()
        / 1e6
}

/// What a computed series' organisation says after the map's organisation:
/// "DeepState map, computed area".
pub const COMPUTED_AREA: &str = "map, computed area";

/// What a computed figure's citation notes: who worked it out, and how.
pub const COMPUTED_NOTE: &str =
    "area computed by Frontline from this map's polygons, on the WGS84 ellipsoid";

/// The area of each snapshot of `map` as a control series of its own: the
/// actor, scope and citations of the map, the organisation named as the map's
/// with "map, computed area", in km² held. It is never merged with a series
/// the organisation reported, and never written into the dataset's file.
pub fn computed_series(map: &ControlMap) -> ControlSeries {
    ControlSeries {
        actor: map.actor.to_string(),
        source_org: format!("{} {COMPUTED_AREA}", map.source_org),
        scope: map.scope.clone(),
        unit: ControlUnit::SquareKm,
        measure: ControlMeasure::Held,
        points: map
            .snapshots
            .iter()
            .map(|snapshot| ControlPoint {
                date: snapshot.date,
                value: area_km2(snapshot.shape()),
                low: None,
                high: None,
                confidence: Confidence::Reported,
                cite: Cite {
                    note: Some(match &snapshot.cite.note {
                        Some(note) => format!("{note} ({COMPUTED_NOTE})"),
                        None => COMPUTED_NOTE.to_owned(),
                    }),
                    ..snapshot.cite.clone()
                },
            })
            .collect(),
    }
}

/// West, south, east and north of every position of every snapshot of
/// `maps` (those read from files too); `None` when there are none. Positions
/// off the globe (which validation reports) are left out.
pub fn bounds(maps: &[ControlMap]) -> Option<[f64; 4]> {
    let mut bounds: Option<[f64; 4]> = None;
    let positions = maps
        .iter()
        .flat_map(|map| &map.snapshots)
        .flat_map(|snapshot| snapshot.shape())
        .flatten()
        .flatten()
        .filter(|(lon, lat)| (-180.0..=180.0).contains(lon) && (-90.0..=90.0).contains(lat));
    for &(lon, lat) in positions {
        bounds = Some(match bounds {
            None => [lon, lat, lon, lat],
            Some([w, s, e, n]) => [w.min(lon), s.min(lat), e.max(lon), n.max(lat)],
        });
    }
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A box along parallels and meridians, a vertex every `step` degrees.
    fn box_ring(w: f64, s: f64, e: f64, n: f64, step: f64) -> Vec<(f64, f64)> {
        let mut ring = Vec::new();
        let count = |a: f64, b: f64| ((b - a).abs() / step).ceil().max(1.0) as usize;
        let edge = |ring: &mut Vec<(f64, f64)>, from: (f64, f64), to: (f64, f64)| {
            let k = count(from.0, to.0).max(count(from.1, to.1));
            for i in 0..k {
                let t = i as f64 / k as f64;
                ring.push((from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t));
            }
        };
        edge(&mut ring, (w, s), (e, s));
        edge(&mut ring, (e, s), (e, n));
        edge(&mut ring, (e, n), (w, n));
        edge(&mut ring, (w, n), (w, s));
        ring.push((w, s));
        ring
    }

    /// The closed form: longitude span times the difference of S.
    fn exact(w: f64, s_lat: f64, e: f64, n: f64) -> f64 {
        (e - w).to_radians() * (s(n.to_radians()) - s(s_lat.to_radians())) / 1e6
    }

    #[test]
    fn a_box_has_the_ellipsoids_area_however_its_edges_are_cut() {
        for (w, s_lat, e, n) in [
            (30.0, 48.0, 31.0, 49.0),
            (35.0, 32.0, 42.5, 37.3),
            (-10.0, -5.0, 10.0, 5.0),
        ] {
            let want = exact(w, s_lat, e, n);
            for step in [0.02, 0.5, 100.0] {
                let got = area_km2(&[vec![box_ring(w, s_lat, e, n, step)]]);
                assert!(
                    (got - want).abs() / want < 1e-6,
                    "{got} vs {want} at {step}"
                );
            }
        }
        // About 8,200 km² for a degree square at 48°N to 49°N.
        assert!(
            (exact(30.0, 48.0, 31.0, 49.0) - 8_180.0).abs() < 200.0,
            "{}",
            exact(30.0, 48.0, 31.0, 49.0)
        );
    }

    #[test]
    fn a_hole_is_subtracted_and_the_direction_of_a_ring_does_not_matter() {
        let outer = box_ring(30.0, 48.0, 32.0, 50.0, 0.1);
        let mut reversed = outer.clone();
        reversed.reverse();
        let hole = box_ring(30.5, 48.5, 31.0, 49.0, 0.1);
        let whole = area_km2(&[vec![outer.clone()]]);
        assert!((area_km2(&[vec![reversed]]) - whole).abs() < 1e-6);
        let holed = area_km2(&[vec![outer, hole.clone()]]);
        let hole_area = area_km2(&[vec![hole]]);
        assert!((holed - (whole - hole_area)).abs() < 1e-6);
    }
}
