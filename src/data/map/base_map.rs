//! The base map: country outlines from Natural Earth (public domain, as the
//! npm package world-atlas 2.0.2 ships them), converted once by
//! `scripts/make_base_map.py` into a compact file embedded in the binary, at
//! two scales: 1:110m for the whole world, 1:50m closer in. Decoded and
//! triangulated once per run, on first use (egui fills only convex shapes, so
//! land is drawn as the triangles made here).

use std::ops::Range;
use std::sync::OnceLock;

/// The 1:50m countries, for views closer than a continent.
const DETAILED: &[u8] = include_bytes!("../../../assets/base-map-50m.bin");
/// The 1:110m countries, for the whole world.
const COARSE: &[u8] = include_bytes!("../../../assets/base-map-110m.bin");
/// Units per degree in the file.
const UNITS_PER_DEGREE: f64 = 10_000.0;

/// Who made the base map's data, as the help and the README say it.
pub const ATTRIBUTION: &str =
    "Country borders: Natural Earth (public domain), via the world-atlas package (ISC).";

/// One country.
#[derive(Clone, Debug)]
pub struct Country {
    /// Its name, as Natural Earth gives it ("Syria").
    pub name: String,
    /// ISO 3166-1 numeric code, 0 when it has none.
    pub iso: u16,
    /// West, south, east, north, in degrees.
    pub bounds: [f32; 4],
    /// Where its name goes: the middle of its largest part.
    pub label_at: [f32; 2],
    /// The width of its largest part, in degrees of longitude: whether the name fits.
    pub label_width: f32,
    /// Its vertices in [`BaseMap::vertices`].
    pub vertices: Range<u32>,
    /// Its triangles in [`BaseMap::triangles`] (indices into the vertices).
    pub triangles: Range<u32>,
    /// Its rings (outlines and holes) in [`BaseMap::rings`].
    pub rings: Range<u32>,
}

/// Countries, their triangles and their outlines.
#[derive(Clone, Debug, Default)]
pub struct BaseMap {
    /// Every country.
    pub countries: Vec<Country>,
    /// Longitude and latitude of every vertex, in degrees.
    pub vertices: Vec<[f32; 2]>,
    /// Three vertex indices per triangle.
    pub triangles: Vec<u32>,
    /// Each ring's vertices, a closed line (its last vertex joins its first).
    pub rings: Vec<Range<u32>>,
}

/// What is wrong with a base map file.
#[derive(Debug, PartialEq, Eq)]
pub enum BaseMapError {
    /// The file does not start as a base map does.
    NotABaseMap,
    /// The file ends inside a record.
    Truncated,
    /// A country's name is not UTF-8.
    BadName,
}

/// A reader over a packed map file's bytes (the base map's and the context layers').
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, at: 0 }
    }
}

impl Reader<'_> {
    pub(super) fn byte(&mut self) -> Result<u8, BaseMapError> {
        let b = *self.bytes.get(self.at).ok_or(BaseMapError::Truncated)?;
        self.at += 1;
        Ok(b)
    }

    pub(super) fn take(&mut self, n: usize) -> Result<&[u8], BaseMapError> {
        let end = self.at.checked_add(n).ok_or(BaseMapError::Truncated)?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or(BaseMapError::Truncated)?;
        self.at = end;
        Ok(slice)
    }

    pub(super) fn varint(&mut self) -> Result<u64, BaseMapError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(BaseMapError::NotABaseMap)
    }

    pub(super) fn count(&mut self) -> Result<usize, BaseMapError> {
        let n = usize::try_from(self.varint()?).map_err(|_| BaseMapError::NotABaseMap)?;
        // No count can exceed the bytes left: each item takes at least one.
        if n > self.bytes.len() - self.at.min(self.bytes.len()) {
            return Err(BaseMapError::Truncated);
        }
        Ok(n)
    }

    pub(super) fn signed(&mut self) -> Result<i64, BaseMapError> {
        let v = self.varint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }
}

impl BaseMap {
    /// The 1:50m map, decoded on first use.
    pub fn detailed() -> &'static Self {
        static MAP: OnceLock<BaseMap> = OnceLock::new();
        MAP.get_or_init(|| Self::decode(DETAILED).unwrap_or_default())
    }

    /// The 1:110m map, decoded on first use.
    pub fn coarse() -> &'static Self {
        static MAP: OnceLock<BaseMap> = OnceLock::new();
        MAP.get_or_init(|| Self::decode(COARSE).unwrap_or_default())
    }

    /// Reads a base map file (the layout is in `scripts/make_base_map.py`) and
    /// triangulates its countries.
    pub fn decode(bytes: &[u8]) -> Result<Self, BaseMapError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != b"FLBM" || r.byte()? != 1 {
            return Err(BaseMapError::NotABaseMap);
        }
        let count = u32::from_le_bytes(r.take(4)?.try_into().map_err(|_| BaseMapError::Truncated)?);
        let mut map = Self::default();
        for _ in 0..count {
            let iso =
                u16::from_le_bytes(r.take(2)?.try_into().map_err(|_| BaseMapError::Truncated)?);
            let name_len = usize::from(r.byte()?);
            let name = std::str::from_utf8(r.take(name_len)?)
                .map_err(|_| BaseMapError::BadName)?
                .to_owned();
            let polygons = r.count()?;
            let mut parts = Vec::with_capacity(polygons);
            for _ in 0..polygons {
                let ring_count = r.count()?;
                let mut rings = Vec::with_capacity(ring_count);
                for _ in 0..ring_count {
                    let points = r.count()?;
                    let mut ring = Vec::with_capacity(points);
                    let (mut x, mut y) = (0i64, 0i64);
                    for _ in 0..points {
                        x += r.signed()?;
                        y += r.signed()?;
                        ring.push([
                            (x as f64 / UNITS_PER_DEGREE) as f32,
                            (y as f64 / UNITS_PER_DEGREE) as f32,
                        ]);
                    }
                    rings.push(ring);
                }
                parts.push(rings);
            }
            map.add_country(name, iso, &parts);
        }
        Ok(map)
    }

    /// One area of polygons (each an outline then its holes, rings closed or
    /// not), triangulated as a country is: a territory snapshot, drawn like land.
    pub fn of_polygons(name: &str, polygons: &[Vec<Vec<(f64, f64)>>]) -> Self {
        let parts: Vec<Vec<Vec<[f32; 2]>>> = polygons
            .iter()
            .map(|rings| {
                rings
                    .iter()
                    .map(|ring| {
                        let mut points: Vec<[f32; 2]> = ring
                            .iter()
                            .map(|&(lon, lat)| [lon as f32, lat as f32])
                            .collect();
                        // The closing position repeats the first: one is enough here.
                        if points.len() > 1 && points.first() == points.last() {
                            points.pop();
                        }
                        points
                    })
                    .filter(|ring| ring.len() >= 3)
                    .collect()
            })
            .collect();
        let mut map = Self::default();
        map.add_country(name.to_owned(), 0, &parts);
        map
    }

    /// Adds a country made of `parts` (each an outline then its holes).
    pub(super) fn add_country(&mut self, name: String, iso: u16, parts: &[Vec<Vec<[f32; 2]>>]) {
        let first_vertex = self.vertices.len() as u32;
        let first_triangle = self.triangles.len() as u32;
        let first_ring = self.rings.len() as u32;
        let mut bounds = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
        let mut largest: Option<(f32, [f32; 4])> = None;
        for rings in parts {
            let base = self.vertices.len() as u32;
            let mut flat: Vec<f64> = Vec::new();
            let mut holes: Vec<usize> = Vec::new();
            for (i, ring) in rings.iter().enumerate() {
                if i > 0 {
                    holes.push(flat.len() / 2);
                }
                let start = self.vertices.len() as u32;
                for &[lon, lat] in ring {
                    flat.push(f64::from(lon));
                    flat.push(f64::from(lat));
                    self.vertices.push([lon, lat]);
                }
                self.rings.push(start..self.vertices.len() as u32);
            }
            if let Some(outline) = rings.first() {
                let b = ring_bounds(outline);
                bounds = [
                    bounds[0].min(b[0]),
                    bounds[1].min(b[1]),
                    bounds[2].max(b[2]),
                    bounds[3].max(b[3]),
                ];
                let area = (b[2] - b[0]) * (b[3] - b[1]);
                if largest.is_none_or(|(a, _)| area > a) {
                    largest = Some((area, b));
                }
            }
            // A part that cannot be triangulated keeps its outline.
            if let Ok(triangles) = earcutr::earcut(&flat, &holes, 2) {
                self.triangles
                    .extend(triangles.into_iter().map(|t| base + t as u32));
            }
        }
        let (label_at, label_width) = largest.map_or(([0.0, 0.0], 0.0), |(_, b)| {
            ([(b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0], b[2] - b[0])
        });
        self.countries.push(Country {
            name,
            iso,
            bounds,
            label_at,
            label_width,
            vertices: first_vertex..self.vertices.len() as u32,
            triangles: first_triangle..self.triangles.len() as u32,
            rings: first_ring..self.rings.len() as u32,
        });
    }

    /// The country that holds a place, by its outlines (holes left out).
    pub fn country_at(&self, lon: f32, lat: f32) -> Option<&Country> {
        self.countries.iter().find(|c| {
            let [w, s, e, n] = c.bounds;
            (w..=e).contains(&lon)
                && (s..=n).contains(&lat)
                && self
                    .rings
                    .get(c.rings.start as usize..c.rings.end as usize)
                    .unwrap_or_default()
                    .iter()
                    .filter(|ring| {
                        self.vertices
                            .get(ring.start as usize..ring.end as usize)
                            .is_some_and(|points| ring_contains(points, lon, lat))
                    })
                    .count()
                    % 2
                    == 1
        })
    }
}

/// West, south, east, north of a ring.
fn ring_bounds(ring: &[[f32; 2]]) -> [f32; 4] {
    ring.iter().fold(
        [f32::MAX, f32::MAX, f32::MIN, f32::MIN],
        |[w, s, e, n], &[x, y]| [w.min(x), s.min(y), e.max(x), n.max(y)],
    )
}

/// Whether a closed ring holds a point (even-odd rule).
fn ring_contains(ring: &[[f32; 2]], lon: f32, lat: f32) -> bool {
    let mut inside = false;
    let Some(&last) = ring.last() else {
        return false;
    };
    let mut previous = last;
    for &[x, y] in ring {
        let [px, py] = previous;
        if (y > lat) != (py > lat) && lon < (px - x) * (lat - y) / (py - y) + x {
            inside = !inside;
        }
        previous = [x, y];
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_maps_hold_the_worlds_countries_each_triangulated() {
        let detailed = BaseMap::detailed();
        let coarse = BaseMap::coarse();
        assert!(
            detailed.countries.len() > 200,
            "{}",
            detailed.countries.len()
        );
        assert!(coarse.countries.len() > 150);
        for map in [detailed, coarse] {
            assert!(map.triangles.len().is_multiple_of(3));
            assert!(
                map.triangles
                    .iter()
                    .all(|&t| (t as usize) < map.vertices.len())
            );
            let syria = map
                .countries
                .iter()
                .find(|c| c.name == "Syria")
                .expect("Syria");
            assert!(!syria.triangles.is_empty());
            let [w, s, e, n] = syria.bounds;
            assert!(
                w > 35.0 && e < 43.0 && s > 32.0 && n < 38.0,
                "{:?}",
                syria.bounds
            );
        }
    }

    #[test]
    fn a_place_is_found_in_its_country() {
        let map = BaseMap::detailed();
        let at = |lon, lat| map.country_at(lon, lat).map(|c| c.name.as_str());
        assert_eq!(at(38.9, 35.95), Some("Syria"), "Raqqa");
        assert_eq!(at(43.13, 36.34), Some("Iraq"), "Mosul");
        assert_eq!(at(30.0, 33.0), None, "the Mediterranean");
    }

    #[test]
    fn a_damaged_base_map_is_an_error_not_a_panic() {
        assert_eq!(BaseMap::decode(b"").err(), Some(BaseMapError::Truncated));
        assert_eq!(
            BaseMap::decode(b"XXXX\x01").err(),
            Some(BaseMapError::NotABaseMap)
        );
        for cut in [5, 9, 20, 200, 4000] {
            assert!(BaseMap::decode(&DETAILED[..cut]).is_err(), "cut at {cut}");
        }
        let mut huge = b"FLBM\x01\x01\x00\x00\x00\x00\x00\x00".to_vec();
        huge.extend([0xff, 0xff, 0xff, 0xff, 0x0f]);
        assert!(BaseMap::decode(&huge).is_err());
    }
}
