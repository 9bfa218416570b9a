//! The located events of a load, indexed by place: sorted by one-degree cell
//! (a counting sort, O(n)), each with its position, its days and how closely
//! its place is known, in dense columns. A query over a box of the map reads
//! only the cells the box covers, so that a view of one city at a million
//! events touches the few thousand events there, not the million.

use crate::data::derived::index::{DatasetIndex, EventOrder};
use crate::data::model::{Dataset, PlacePrecision};

/// Cells per degree are one: 360 columns by 180 rows.
const COLUMNS: usize = 360;
const ROWS: usize = 180;

/// How an event's place is drawn: as closely as its source located it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkKind {
    /// At the place itself (or no precision given): a dot.
    Exact,
    /// Near the place, within about 25 km (or located otherwise: a line,
    /// waters, airspace): a soft circle.
    Near,
    /// Somewhere in the district.
    District,
    /// Somewhere in the province.
    Province,
    /// Only the country is known: counted on the country, never a dot.
    Country,
}

impl MarkKind {
    /// How the source located the event, as a mark.
    pub fn of(precision: Option<PlacePrecision>) -> Self {
        match precision {
            None | Some(PlacePrecision::Exact) => Self::Exact,
            Some(PlacePrecision::Near | PlacePrecision::Other) => Self::Near,
            Some(PlacePrecision::District) => Self::District,
            Some(PlacePrecision::Province) => Self::Province,
            Some(PlacePrecision::Country) => Self::Country,
        }
    }

    /// The radius of the area the event may lie in, in km (0 for a point).
    pub fn radius_km(self) -> f64 {
        match self {
            Self::Exact | Self::Country => 0.0,
            Self::Near => 25.0,
            Self::District => 40.0,
            Self::Province => 120.0,
        }
    }
}

/// The events a view of the map shows: those on show (after the filters)
/// that overlap the time window.
#[derive(Clone, Copy)]
pub struct OnShow<'a> {
    /// The events the filters let through.
    pub shown: &'a EventOrder,
    /// The time window's first day and the day after its last (days since 1970).
    pub from: f64,
    /// The end of the window.
    pub to: f64,
}

/// The located events, by one-degree cell.
#[derive(Clone, Debug, Default)]
pub struct GeoPoints {
    /// Longitude, by point.
    pub lon: Vec<f32>,
    /// Latitude, by point.
    pub lat: Vec<f32>,
    /// First day, by point.
    pub start: Vec<f32>,
    /// The day after the last, by point.
    pub end: Vec<f32>,
    /// The event's index in `Dataset::events`, by point.
    pub event: Vec<u32>,
    /// How closely the place is known, by point.
    pub kind: Vec<MarkKind>,
    /// For each cell (row by row from the south pole, west to east), where its
    /// points begin; one more entry at the end.
    cell_start: Vec<u32>,
    /// Events with no coordinates (or coordinates out of range).
    pub unlocated: Vec<u32>,
}

/// The cell of a place: (column, row).
fn cell_of(lon: f64, lat: f64) -> (usize, usize) {
    let column = ((lon + 180.0).floor().max(0.0) as usize).min(COLUMNS - 1);
    let row = ((lat + 90.0).floor().max(0.0) as usize).min(ROWS - 1);
    (column, row)
}

/// An event's place, when it has coordinates in range.
pub fn event_position(dataset: &Dataset, event: usize) -> Option<(f64, f64)> {
    let place = dataset.events.get(event)?.place()?;
    let (lon, lat) = (place.lon()?, place.lat()?);
    ((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)).then_some((lon, lat))
}

impl GeoPoints {
    /// Indexes the located events of a dataset: two passes over the events.
    pub fn build(
        dataset: &Dataset,
        index: &DatasetIndex,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Self> {
        let mut counts = vec![0u32; COLUMNS * ROWS + 1];
        let mut cells: Vec<u32> = Vec::with_capacity(dataset.events.len());
        let mut unlocated = Vec::new();
        for event in 0..dataset.events.len() {
            if event.is_multiple_of(65_536) && cancelled() {
                return None;
            }
            match event_position(dataset, event) {
                Some((lon, lat)) => {
                    let (column, row) = cell_of(lon, lat);
                    let cell = row * COLUMNS + column;
                    counts[cell + 1] += 1;
                    cells.push(cell as u32);
                }
                None => {
                    unlocated.push(event as u32);
                    cells.push(u32::MAX);
                }
            }
        }
        for cell in 1..counts.len() {
            counts[cell] += counts[cell - 1];
        }
        let located = dataset.events.len() - unlocated.len();
        let mut points = Self {
            lon: vec![0.0; located],
            lat: vec![0.0; located],
            start: vec![0.0; located],
            end: vec![0.0; located],
            event: vec![0; located],
            kind: vec![MarkKind::Exact; located],
            cell_start: counts.clone(),
            unlocated,
        };
        let mut next = counts;
        for (event, &cell) in cells.iter().enumerate() {
            if cell == u32::MAX {
                continue;
            }
            let Some((lon, lat)) = event_position(dataset, event) else {
                continue;
            };
            let at = next[cell as usize] as usize;
            next[cell as usize] += 1;
            let span = index.spans.get(event);
            points.lon[at] = lon as f32;
            points.lat[at] = lat as f32;
            points.start[at] = span.map_or(0.0, |s| s.start as f32);
            points.end[at] = span.map_or(0.0, |s| s.end as f32);
            points.event[at] = event as u32;
            points.kind[at] = MarkKind::of(
                dataset
                    .events
                    .get(event)?
                    .place()
                    .and_then(|p| p.precision()),
            );
        }
        Some(points)
    }

    /// How many events are located.
    pub fn len(&self) -> usize {
        self.event.len()
    }

    /// Whether no event is located.
    pub fn is_empty(&self) -> bool {
        self.event.is_empty()
    }

    /// Whether point `i` is on show.
    #[inline]
    pub fn is_on_show(&self, i: usize, on_show: &OnShow<'_>) -> bool {
        f64::from(self.start[i]) < on_show.to
            && f64::from(self.end[i]) > on_show.from
            && on_show.shown.rank.shows(self.event[i] as usize)
    }

    /// The points of the cells a box covers (west, south, east, north in
    /// degrees), as ranges of point indices: one range per row of cells.
    pub fn ranges_in(
        &self,
        west: f64,
        south: f64,
        east: f64,
        north: f64,
    ) -> Vec<std::ops::Range<usize>> {
        if self.is_empty() || !(west <= east && south <= north) {
            return Vec::new();
        }
        let (c0, r0) = cell_of(west, south);
        let (c1, r1) = cell_of(east, north);
        (r0..=r1)
            .filter_map(|row| {
                let from = *self.cell_start.get(row * COLUMNS + c0)? as usize;
                let to = *self.cell_start.get(row * COLUMNS + c1 + 1)? as usize;
                (from < to).then_some(from..to)
            })
            .collect()
    }

    /// The points on show inside a box, up to `limit`; `None` when there are
    /// more (the map then shows counts per cell instead).
    pub fn on_show_in(
        &self,
        on_show: &OnShow<'_>,
        [west, south, east, north]: [f64; 4],
        limit: usize,
    ) -> Option<Vec<u32>> {
        let mut found = Vec::new();
        for range in self.ranges_in(west, south, east, north) {
            for i in range {
                let (lon, lat) = (f64::from(self.lon[i]), f64::from(self.lat[i]));
                if (west..=east).contains(&lon)
                    && (south..=north).contains(&lat)
                    && self.is_on_show(i, on_show)
                {
                    if found.len() == limit {
                        return None;
                    }
                    found.push(i as u32);
                }
            }
        }
        Some(found)
    }

    /// How many events on show have no coordinates.
    pub fn unlocated_on_show(&self, on_show: &OnShow<'_>, index: &DatasetIndex) -> usize {
        self.unlocated
            .iter()
            .filter(|&&event| {
                on_show.shown.rank.shows(event as usize)
                    && index
                        .spans
                        .get(event as usize)
                        .is_some_and(|s| s.start < on_show.to && s.end > on_show.from)
            })
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_str;

    const SMALL: &str = include_str!("../../../tests/data/small.ron");

    #[test]
    fn located_events_are_found_by_box_and_the_rest_counted_apart() {
        let loaded = load_str(SMALL).expect("loads");
        let points = GeoPoints::build(&loaded.dataset, &loaded.index, &|| false).expect("built");
        let located = loaded
            .dataset
            .events
            .iter()
            .filter(|e| {
                e.place()
                    .as_ref()
                    .is_some_and(|p| p.lat().is_some() && p.lon().is_some())
            })
            .count();
        assert_eq!(points.len(), located);
        assert_eq!(
            points.len() + points.unlocated.len(),
            loaded.dataset.events.len()
        );
        let on_show = OnShow {
            shown: &loaded.index.order,
            from: f64::MIN,
            to: f64::MAX,
        };
        let all = points
            .on_show_in(&on_show, [-180.0, -90.0, 180.0, 90.0], usize::MAX)
            .expect("under the limit");
        assert_eq!(all.len(), located);
        // Every point found in a box lies in it, and every point in it is found.
        let bx = [35.0, 33.0, 40.0, 37.0];
        let inside = points.on_show_in(&on_show, bx, usize::MAX).expect("found");
        let expected = (0..points.len())
            .filter(|&i| {
                (35.0..=40.0).contains(&f64::from(points.lon[i]))
                    && (33.0..=37.0).contains(&f64::from(points.lat[i]))
            })
            .count();
        assert_eq!(inside.len(), expected);
        assert_eq!(points.on_show_in(&on_show, bx, 0).is_none(), expected > 0);
    }
}
