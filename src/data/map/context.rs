//! The map's context layers, so that it says where: populated places
//! (GeoNames, CC BY 4.0, from 3,000 people up), rivers and lake centrelines,
//! lakes and reservoirs, first-level admin boundaries and the names of the
//! regions they bound (Natural Earth, public domain). Converted once by
//! `scripts/make_context_map.py` into a compact file embedded in the binary,
//! decoded on the map's first use, never at start-up. Lakes are kept as a
//! base map of their own, triangulated as countries are.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use super::base_map::{BaseMap, BaseMapError, Reader};

/// The context layers, as made by `scripts/make_context_map.py`.
const CONTEXT: &[u8] = include_bytes!("../../../assets/context-map.bin");
/// Units per degree in the file.
const UNITS_PER_DEGREE: f64 = 10_000.0;

/// Who made the context layers' data, as the map, the help and the README say it.
pub const ATTRIBUTION: &str = "Places: GeoNames (geonames.org), CC BY 4.0. Rivers, lakes, provinces: Natural Earth (public domain).";

/// A populated place.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    /// Its name, in [`ContextMap::name`].
    pub name: u32,
    /// How many live there, as GeoNames says.
    pub population: u32,
    /// Longitude and latitude, in degrees.
    pub at: [f32; 2],
    /// Its first-level region (governorate, oblast, province), if known.
    pub province: Option<u32>,
    /// Its country, if known.
    pub country: Option<u32>,
}

/// A line of the map: a river, or a first-level boundary.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Its name, for a river that has one.
    pub name: Option<u32>,
    /// How wide to draw it, in points (a river's; boundaries are all alike).
    pub width: f32,
    /// Natural Earth's scale rank: 0 for the largest, 10 and up for the least.
    pub rank: u8,
    /// Its points in [`ContextMap::points`].
    pub points: Range<u32>,
    /// West, south, east, north, in degrees.
    pub bounds: [f32; 4],
}

/// A first-level region's name and where it goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Region {
    /// Its name.
    pub name: u32,
    /// Its country, if known.
    pub country: Option<u32>,
    /// Natural Earth's label rank: lower is written first.
    pub rank: u8,
    /// Where its name goes, in degrees.
    pub at: [f32; 2],
}

/// Every context layer.
#[derive(Clone, Debug, Default)]
pub struct ContextMap {
    text: String,
    names: Vec<Range<u32>>,
    /// Places, the most populous first.
    pub places: Vec<Place>,
    /// Rivers and lake centrelines.
    pub rivers: Vec<Line>,
    /// First-level admin boundaries.
    pub borders: Vec<Line>,
    /// The points of every river and boundary, in degrees.
    pub points: Vec<[f32; 2]>,
    /// Lakes and reservoirs, each as a country of a base map (named, filled
    /// by its triangles, outlined by its rings).
    pub lakes: BaseMap,
    /// Lakes' scale ranks, by their place in `lakes.countries`.
    pub lake_ranks: Vec<u8>,
    /// First-level regions' names.
    pub regions: Vec<Region>,
    /// Places, rivers and boundaries by the cells of the degree grid they
    /// meet, so that a view reads only what lies in it.
    pub place_cells: CellIndex,
    /// Rivers by cell.
    pub river_cells: CellIndex,
    /// Boundaries by cell.
    pub border_cells: CellIndex,
}

/// The most cells of the degree grid a view reads one by one; a view of more
/// (a continent, the world) reads every item, of which the zoom shows few.
const MOST_CELLS: f64 = 600.0;

/// Items by the one-degree cells they meet.
#[derive(Clone, Debug, Default)]
pub struct CellIndex {
    cells: HashMap<(i32, i32), Vec<u32>>,
    /// Items wider than a continent, read with every view.
    wide: Vec<u32>,
}

impl CellIndex {
    /// Files item `item` under every cell its bounds (west, south, east, north) meet.
    fn add(&mut self, item: u32, [west, south, east, north]: [f32; 4]) {
        let (x0, x1) = (west.floor() as i32, east.floor() as i32);
        let (y0, y1) = (south.floor() as i32, north.floor() as i32);
        if f64::from(x1 - x0 + 1) * f64::from(y1 - y0 + 1) > MOST_CELLS {
            self.wide.push(item);
            return;
        }
        for x in x0..=x1 {
            for y in y0..=y1 {
                self.cells.entry((x, y)).or_default().push(item);
            }
        }
    }

    /// The items filed under the cells `view` (west, south, east, north)
    /// meets, each once, in the order they were added; `None` when the view
    /// meets too many cells to read them one by one.
    pub fn in_view(&self, [west, south, east, north]: [f64; 4]) -> Option<Vec<u32>> {
        let (x0, x1) = (west.floor() as i64, east.floor() as i64);
        let (y0, y1) = (south.floor() as i64, north.floor() as i64);
        if ((x1 - x0 + 1) * (y1 - y0 + 1)) as f64 > MOST_CELLS {
            return None;
        }
        let mut items = self.wide.clone();
        for x in x0..=x1 {
            for y in y0..=y1 {
                let key = (x as i32, y as i32);
                if let Some(cell) = self.cells.get(&key) {
                    items.extend_from_slice(cell);
                }
            }
        }
        items.sort_unstable();
        items.dedup();
        Some(items)
    }
}

impl ContextMap {
    /// The embedded layers, decoded on first use.
    pub fn embedded() -> &'static Self {
        static MAP: OnceLock<ContextMap> = OnceLock::new();
        MAP.get_or_init(|| Self::decode(CONTEXT).unwrap_or_default())
    }

    /// Name `i` ("" when there is none).
    pub fn name(&self, i: u32) -> &str {
        self.names
            .get(i as usize)
            .and_then(|r| self.text.get(r.start as usize..r.end as usize))
            .unwrap_or("")
    }

    /// Reads a context file (the layout is in `scripts/make_context_map.py`).
    pub fn decode(bytes: &[u8]) -> Result<Self, BaseMapError> {
        let mut r = Reader::new(bytes);
        if r.take(4)? != b"FLCM" || r.byte()? != 1 {
            return Err(BaseMapError::NotABaseMap);
        }
        let mut map = Self::default();
        for _ in 0..r.count()? {
            let len = r.count()?;
            let name = std::str::from_utf8(r.take(len)?).map_err(|_| BaseMapError::BadName)?;
            let start = map.text.len() as u32;
            map.text.push_str(name);
            map.names.push(start..map.text.len() as u32);
        }
        let names = map.names.len();
        let name = |v: u64| u32::try_from(v).ok().filter(|&n| (n as usize) < names);
        let optional = |v: u64| v.checked_sub(1).and_then(name);
        for _ in 0..r.count()? {
            let place_name = name(r.varint()?).ok_or(BaseMapError::BadName)?;
            let population = u32::try_from(r.varint()?).unwrap_or(u32::MAX);
            let at = [degrees(r.signed()?), degrees(r.signed()?)];
            let (province, country) = (optional(r.varint()?), optional(r.varint()?));
            map.places.push(Place {
                name: place_name,
                population,
                at,
                province,
                country,
            });
        }
        for _ in 0..r.count()? {
            let river = optional(r.varint()?);
            let (width, rank) = (f32::from(r.byte()?) / 10.0, r.byte()?);
            let line = map.read_line(&mut r, river, width, rank)?;
            map.rivers.push(line);
        }
        let mut lakes = Vec::new();
        for _ in 0..r.count()? {
            let lake = optional(r.varint()?);
            let rank = r.byte()?;
            let mut rings = Vec::new();
            for _ in 0..r.count()? {
                rings.push(read_points(&mut r)?);
            }
            lakes.push((lake, rank, rings));
        }
        for (lake, rank, rings) in lakes {
            let lake = lake.map_or_else(String::new, |n| map.name(n).to_owned());
            map.lakes.add_country(lake, 0, &[rings]);
            map.lake_ranks.push(rank);
        }
        for _ in 0..r.count()? {
            let rank = r.byte()?;
            let line = map.read_line(&mut r, None, 0.8, rank)?;
            map.borders.push(line);
        }
        for _ in 0..r.count()? {
            let region = name(r.varint()?).ok_or(BaseMapError::BadName)?;
            let country = optional(r.varint()?);
            let rank = r.byte()?;
            let at = [degrees(r.signed()?), degrees(r.signed()?)];
            map.regions.push(Region {
                name: region,
                country,
                rank,
                at,
            });
        }
        for (i, place) in map.places.iter().enumerate() {
            let [lon, lat] = place.at;
            map.place_cells.add(i as u32, [lon, lat, lon, lat]);
        }
        for (i, river) in map.rivers.iter().enumerate() {
            map.river_cells.add(i as u32, river.bounds);
        }
        for (i, border) in map.borders.iter().enumerate() {
            map.border_cells.add(i as u32, border.bounds);
        }
        Ok(map)
    }

    /// A river's or a boundary's points, added to [`ContextMap::points`].
    fn read_line(
        &mut self,
        r: &mut Reader<'_>,
        name: Option<u32>,
        width: f32,
        rank: u8,
    ) -> Result<Line, BaseMapError> {
        let points = read_points(r)?;
        let start = self.points.len() as u32;
        let mut bounds = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
        for &[lon, lat] in &points {
            bounds = [
                bounds[0].min(lon),
                bounds[1].min(lat),
                bounds[2].max(lon),
                bounds[3].max(lat),
            ];
        }
        self.points.extend(points);
        Ok(Line {
            name,
            width,
            rank,
            points: start..self.points.len() as u32,
            bounds,
        })
    }
}

/// A coordinate of the file, in degrees.
fn degrees(units: i64) -> f32 {
    (units as f64 / UNITS_PER_DEGREE) as f32
}

/// A line of the file: a count, then deltas from the point before.
fn read_points(r: &mut Reader<'_>) -> Result<Vec<[f32; 2]>, BaseMapError> {
    let n = r.count()?;
    let mut points = Vec::with_capacity(n);
    let (mut x, mut y) = (0i64, 0i64);
    for _ in 0..n {
        x = x.saturating_add(r.signed()?);
        y = y.saturating_add(r.signed()?);
        points.push([degrees(x), degrees(y)]);
    }
    Ok(points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_layers_say_where_raqqa_pokrovsk_and_the_euphrates_are() {
        let map = ContextMap::embedded();
        assert!(map.places.len() > 80_000, "{}", map.places.len());
        assert!(
            map.places
                .windows(2)
                .all(|w| w[0].population >= w[1].population),
            "most populous first"
        );
        let find = |name: &str| {
            map.places
                .iter()
                .find(|p| map.name(p.name) == name)
                .copied()
                .unwrap_or_else(|| panic!("{name} is a place"))
        };
        let pokrovsk = find("Pokrovsk");
        assert!((pokrovsk.at[0] - 37.18).abs() < 0.05 && (pokrovsk.at[1] - 48.28).abs() < 0.05);
        assert_eq!(pokrovsk.country.map(|c| map.name(c)), Some("Ukraine"));
        assert_eq!(pokrovsk.province.map(|c| map.name(c)), Some("Donetsk"));
        let raqqa = find("Ar Raqqah");
        assert_eq!(raqqa.country.map(|c| map.name(c)), Some("Syria"));
        // The Euphrates, in ranked stretches, one of them past Raqqa (39°E).
        assert!(map.rivers.iter().any(|l| {
            l.name.is_some_and(|n| map.name(n) == "Euphrates")
                && l.bounds[0] <= 39.0
                && l.bounds[2] >= 39.0
        }));
        assert!(map.lakes.countries.iter().any(|l| l.name.contains("Assad")));
        assert!(map.borders.len() > 10_000);
        assert!(map.regions.iter().any(|r| map.name(r.name) == "Donetsk"));
    }

    #[test]
    fn a_damaged_context_file_is_an_error_not_a_panic() {
        assert_eq!(
            ContextMap::decode(b"NOPE").err(),
            Some(BaseMapError::NotABaseMap)
        );
        for cut in [5, 100, CONTEXT.len() / 2, CONTEXT.len() - 1] {
            assert!(ContextMap::decode(&CONTEXT[..cut]).is_err(), "cut at {cut}");
        }
    }
}
