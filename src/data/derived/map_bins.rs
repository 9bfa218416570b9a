//! Counts of events per grid cell, for views of the map that hold more events
//! than can be drawn one by one. The grid is fixed to the globe at a zoom
//! level (square cells of 360/2^level degrees) and covers the view with a
//! view's width to spare on each side, snapped to blocks of cells: panning
//! within it reuses the counts (the map keeps a grid while it covers the view
//! at the same level); only a change of the events on show, the time window
//! or the level, or a pan past the region, counts again.

use std::collections::HashMap;

use crate::data::derived::index::DatasetIndex;
use crate::data::derived::lanes::{self, LaneGrouping};
use crate::data::derived::map_points::{GeoPoints, OnShow};
use crate::data::model::Dataset;

/// The side of a cell on screen the grid aims for, in points.
pub const CELL_POINTS: f64 = 9.0;
/// The region counted is snapped outward to blocks of this many cells.
const BLOCK: i64 = 32;
/// The finest level: cells of about 2 m.
const MAX_LEVEL: u8 = 24;

/// A grid over part of the globe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BinGrid {
    /// Cells are 360/2^level degrees square.
    pub level: u8,
    /// The first column and row counted (from 180°W and 90°S).
    pub column0: i64,
    /// The first row.
    pub row0: i64,
    /// Columns counted.
    pub columns: u32,
    /// Rows counted.
    pub rows: u32,
}

impl BinGrid {
    /// The grid for a view (west, south, east, north in degrees) drawn at
    /// `points_per_degree` (of latitude).
    pub fn for_view([west, south, east, north]: [f64; 4], points_per_degree: f64) -> Self {
        let target = CELL_POINTS / points_per_degree.max(1e-9);
        let level = (360.0 / target)
            .log2()
            .round()
            .clamp(0.0, f64::from(MAX_LEVEL)) as u8;
        let cell = 360.0 / f64::from(1u32 << level);
        let (width, height) = ((east - west).max(cell), (north - south).max(cell));
        let max_column = (360.0 / cell).ceil() as i64;
        let max_row = (180.0 / cell).ceil() as i64;
        let snap_down = |v: f64| (v.floor() as i64).div_euclid(BLOCK) * BLOCK;
        let snap_up = |v: f64| (v.ceil() as i64 + BLOCK - 1).div_euclid(BLOCK) * BLOCK;
        let column0 = snap_down((west - width + 180.0) / cell).clamp(0, max_column);
        let column1 = snap_up((east + width + 180.0) / cell).clamp(column0, max_column);
        let row0 = snap_down((south - height + 90.0) / cell).clamp(0, max_row);
        let row1 = snap_up((north + height + 90.0) / cell).clamp(row0, max_row);
        Self {
            level,
            column0,
            row0,
            columns: (column1 - column0) as u32,
            rows: (row1 - row0) as u32,
        }
    }

    /// A cell's side, in degrees.
    pub fn cell_degrees(&self) -> f64 {
        360.0 / f64::from(1u32 << self.level)
    }

    /// West, south, east, north of the region counted.
    pub fn bounds(&self) -> [f64; 4] {
        let cell = self.cell_degrees();
        [
            self.column0 as f64 * cell - 180.0,
            self.row0 as f64 * cell - 90.0,
            (self.column0 + i64::from(self.columns)) as f64 * cell - 180.0,
            (self.row0 + i64::from(self.rows)) as f64 * cell - 90.0,
        ]
    }

    /// West, south, east, north of one cell of the region.
    pub fn cell_bounds(&self, column: u32, row: u32) -> [f64; 4] {
        let cell = self.cell_degrees();
        let west = (self.column0 + i64::from(column)) as f64 * cell - 180.0;
        let south = (self.row0 + i64::from(row)) as f64 * cell - 90.0;
        [west, south, west + cell, south + cell]
    }

    /// The cell of the region a place falls in.
    pub fn cell_at(&self, lon: f64, lat: f64) -> Option<(u32, u32)> {
        let cell = self.cell_degrees();
        let column = ((lon + 180.0) / cell).floor() as i64 - self.column0;
        let row = ((lat + 90.0) / cell).floor() as i64 - self.row0;
        let column = u32::try_from(column).ok().filter(|&c| c < self.columns)?;
        let row = u32::try_from(row).ok().filter(|&r| r < self.rows)?;
        Some((column, row))
    }

    /// Whether the region covers a view.
    pub fn covers(&self, [west, south, east, north]: [f64; 4]) -> bool {
        let [w, s, e, n] = self.bounds();
        (w <= west.max(-180.0) && e >= east.min(180.0))
            && (s <= south.max(-90.0) && n >= north.min(90.0))
    }
}

/// Events on show per cell of a grid.
#[derive(Clone, Debug, Default)]
pub struct Bins {
    /// The grid counted.
    pub grid: Option<BinGrid>,
    /// Events per cell, row by row.
    pub counts: Vec<u32>,
    /// The largest count.
    pub max: u32,
    /// Events counted in the region.
    pub total: u64,
}

impl Bins {
    /// The count of a cell.
    pub fn count(&self, column: u32, row: u32) -> u32 {
        let Some(grid) = self.grid else { return 0 };
        if column >= grid.columns || row >= grid.rows {
            return 0;
        }
        self.counts
            .get(row as usize * grid.columns as usize + column as usize)
            .copied()
            .unwrap_or(0)
    }

    /// Events in the cells a view covers.
    pub fn in_view(&self, view: [f64; 4]) -> u64 {
        let Some(grid) = self.grid else { return 0 };
        let [west, south, east, north] = view;
        let cell = grid.cell_degrees();
        let clamp_column = |lon: f64| {
            (((lon + 180.0) / cell).floor() as i64 - grid.column0).clamp(0, i64::from(grid.columns))
        };
        let clamp_row = |lat: f64| {
            (((lat + 90.0) / cell).floor() as i64 - grid.row0).clamp(0, i64::from(grid.rows))
        };
        let (c0, c1) = (
            clamp_column(west),
            (clamp_column(east) + 1).min(i64::from(grid.columns)),
        );
        let (r0, r1) = (
            clamp_row(south),
            (clamp_row(north) + 1).min(i64::from(grid.rows)),
        );
        let mut total = 0u64;
        for row in r0..r1 {
            let base = row as usize * grid.columns as usize;
            total += self
                .counts
                .get(base + c0 as usize..base + c1.max(c0) as usize)
                .unwrap_or_default()
                .iter()
                .map(|&n| u64::from(n))
                .sum::<u64>();
        }
        total
    }
}

/// Counts the events on show in each cell of `grid`: reads only the points
/// in the region's one-degree cells. `None` when `cancelled` says to stop.
pub fn count(
    points: &GeoPoints,
    on_show: &OnShow<'_>,
    grid: BinGrid,
    cancelled: &dyn Fn() -> bool,
) -> Option<Bins> {
    let mut counts = vec![0u32; grid.columns as usize * grid.rows as usize];
    let [west, south, east, north] = grid.bounds();
    let cell = grid.cell_degrees();
    let mut total = 0u64;
    for range in points.ranges_in(west, south, east, north) {
        if cancelled() {
            return None;
        }
        for i in range {
            if !points.is_on_show(i, on_show) {
                continue;
            }
            let column = ((f64::from(points.lon[i]) + 180.0) / cell).floor() as i64 - grid.column0;
            let row = ((f64::from(points.lat[i]) + 90.0) / cell).floor() as i64 - grid.row0;
            if (0..i64::from(grid.columns)).contains(&column)
                && (0..i64::from(grid.rows)).contains(&row)
            {
                counts[row as usize * grid.columns as usize + column as usize] += 1;
                total += 1;
            }
        }
    }
    let max = counts.iter().copied().max().unwrap_or(0);
    Some(Bins {
        grid: Some(grid),
        counts,
        max,
        total,
    })
}

/// The events on show in each cell of a grid, whatever the time window: each
/// cell's first days and days after the last, each sorted. A window's count
/// in a cell is then the events that start before its end less those that
/// ended by its start: two binary searches per cell, so that a new window
/// costs the same at a thousand events as at ten million. Built once per
/// grid and filter: the events dealt out to their cells, each cell's days sorted.
#[derive(Clone, Debug, Default)]
pub struct CellTimes {
    /// The grid.
    pub grid: Option<BinGrid>,
    /// The cells that hold events, by their place in the grid (row by row).
    cells: Vec<u32>,
    /// Where each of `cells` begins in `starts` and `ends`; one more at the end.
    offsets: Vec<u32>,
    /// First days, cell by cell, sorted within each.
    starts: Vec<f32>,
    /// Days after the last, cell by cell, sorted within each.
    ends: Vec<f32>,
    /// First days of the events on show that have no coordinates, sorted.
    unlocated_starts: Vec<f32>,
    /// Their days after the last, sorted.
    unlocated_ends: Vec<f32>,
}

/// How many of the events whose sorted first days are `starts` and sorted
/// days after the last are `ends` overlap `from..to`: those that start
/// before `to`, less those that end by `from` (which all start before it).
/// The window must not be empty (`from < to`).
fn overlapping(starts: &[f32], ends: &[f32], from: f64, to: f64) -> usize {
    let begun = starts.partition_point(|&s| f64::from(s) < to);
    let over = ends.partition_point(|&e| f64::from(e) <= from);
    begun.saturating_sub(over)
}

impl CellTimes {
    /// The first days and days after the last of the events on show (by the
    /// filters, whatever the window) in each cell of `grid`, and of those with
    /// no coordinates. `None` when `cancelled` says to stop.
    pub fn build(
        points: &GeoPoints,
        shown: &crate::data::derived::index::EventOrder,
        index: &DatasetIndex,
        grid: BinGrid,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Self> {
        let [west, south, east, north] = grid.bounds();
        // The points on show in the region, with their cell.
        let mut cell_of: Vec<u32> = Vec::new();
        let mut starts: Vec<f32> = Vec::new();
        let mut ends: Vec<f32> = Vec::new();
        for range in points.ranges_in(west, south, east, north) {
            if cancelled() {
                return None;
            }
            for i in range {
                if !shown.rank.shows(points.event[i] as usize) {
                    continue;
                }
                if let Some((column, row)) =
                    grid.cell_at(f64::from(points.lon[i]), f64::from(points.lat[i]))
                {
                    cell_of.push(row * grid.columns + column);
                    starts.push(points.start[i]);
                    // An end before the start would count the event out twice.
                    ends.push(points.end[i].max(points.start[i]));
                }
            }
        }
        let mut per_cell = vec![0u32; grid.columns as usize * grid.rows as usize + 1];
        for &c in &cell_of {
            per_cell[c as usize + 1] += 1;
        }
        let mut cells = Vec::new();
        let mut offsets = vec![0u32];
        for (c, &n) in per_cell.iter().skip(1).enumerate() {
            if n > 0 {
                cells.push(c as u32);
                offsets.push(offsets.last().copied().unwrap_or(0) + n);
            }
        }
        for c in 1..per_cell.len() {
            per_cell[c] += per_cell[c - 1];
        }
        if cancelled() {
            return None;
        }
        // Dealt out to their cells in one pass over the points, then each
        // cell's days sorted where they lie together.
        let mut next = per_cell;
        let mut cell_starts = vec![0.0f32; starts.len()];
        let mut cell_ends = vec![0.0f32; ends.len()];
        for (k, ((&c, &start), &end)) in cell_of.iter().zip(&starts).zip(&ends).enumerate() {
            if k.is_multiple_of(1 << 16) && cancelled() {
                return None;
            }
            let at = next[c as usize] as usize;
            cell_starts[at] = start;
            cell_ends[at] = end;
            next[c as usize] += 1;
        }
        drop((cell_of, starts, ends));
        let mut sorted = 0;
        for pair in offsets.windows(2) {
            let (a, b) = (pair[0] as usize, pair[1] as usize);
            // A job no longer wanted (the zoom moved on) stops between cells.
            sorted += b - a;
            if sorted >= 1 << 16 {
                sorted = 0;
                if cancelled() {
                    return None;
                }
            }
            cell_starts[a..b].sort_unstable_by(f32::total_cmp);
            cell_ends[a..b].sort_unstable_by(f32::total_cmp);
        }
        if cancelled() {
            return None;
        }
        let (starts, ends) = (cell_starts, cell_ends);
        let mut unlocated_starts = Vec::new();
        let mut unlocated_ends = Vec::new();
        for &event in &points.unlocated {
            if let Some(span) = index.spans.get(event as usize)
                && shown.rank.shows(event as usize)
            {
                unlocated_starts.push(span.start as f32);
                unlocated_ends.push((span.end as f32).max(span.start as f32));
            }
        }
        unlocated_starts.sort_unstable_by(f32::total_cmp);
        unlocated_ends.sort_unstable_by(f32::total_cmp);
        Some(Self {
            grid: Some(grid),
            cells,
            offsets,
            starts,
            ends,
            unlocated_starts,
            unlocated_ends,
        })
    }

    /// The counts per cell of the events on show in the window `from..to`,
    /// and how many on show have no coordinates; `None` for an empty or
    /// reversed window (which only counting event by event answers).
    pub fn count(&self, from: f64, to: f64) -> Option<(Bins, usize)> {
        let grid = self.grid?;
        if from.partial_cmp(&to) != Some(std::cmp::Ordering::Less) {
            return None;
        }
        let mut counts = vec![0u32; grid.columns as usize * grid.rows as usize];
        let mut total = 0u64;
        for (at, &c) in self.cells.iter().enumerate() {
            let (a, b) = (self.offsets[at] as usize, self.offsets[at + 1] as usize);
            let n = overlapping(&self.starts[a..b], &self.ends[a..b], from, to);
            counts[c as usize] = n as u32;
            total += n as u64;
        }
        let max = counts.iter().copied().max().unwrap_or(0);
        let unlocated = overlapping(&self.unlocated_starts, &self.unlocated_ends, from, to);
        let bins = Bins {
            grid: Some(grid),
            counts,
            max,
            total,
        };
        Some((bins, unlocated))
    }
}

/// What a hovered cell holds: its count and the lanes with most events there.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CellSummary {
    /// Events on show in the cell.
    pub count: usize,
    /// Up to three lanes, most events first, with their counts.
    pub top: Vec<(String, usize)>,
}

/// What the events on show in a box hold, by the lanes of `grouping` (one
/// lane per actor, actor type, kind, country, region or tag, as the timeline
/// shows them): the lanes with most events, by name. `None` when `cancelled`
/// says to give up.
pub fn summary(
    points: &GeoPoints,
    on_show: &OnShow<'_>,
    [west, south, east, north]: [f64; 4],
    dataset: &Dataset,
    index: &DatasetIndex,
    grouping: LaneGrouping,
    cancelled: &dyn Fn() -> bool,
) -> Option<CellSummary> {
    let mut by_lane: HashMap<String, usize> = HashMap::new();
    let mut keys = Vec::new();
    let mut count = 0;
    for range in points.ranges_in(west, south, east, north) {
        for i in range {
            if i.is_multiple_of(16_384) && cancelled() {
                return None;
            }
            let (lon, lat) = (f64::from(points.lon[i]), f64::from(points.lat[i]));
            if lon >= west
                && lon < east
                && lat >= south
                && lat < north
                && points.is_on_show(i, on_show)
            {
                count += 1;
                lanes::event_keys(
                    dataset,
                    index,
                    points.event[i] as usize,
                    grouping,
                    &mut keys,
                );
                for key in keys.drain(..) {
                    *by_lane.entry(key).or_default() += 1;
                }
            }
        }
    }
    let mut top: Vec<(String, usize)> = by_lane.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    top.truncate(3);
    Some(CellSummary { count, top })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_str;

    #[test]
    fn counts_per_cell_add_up_to_the_events_on_show_in_the_region() {
        let loaded = load_str(include_str!("../../../tests/data/small.ron")).expect("loads");
        let points = GeoPoints::build(&loaded.dataset, &loaded.index, &|| false).expect("built");
        let on_show = OnShow {
            shown: &loaded.index.order,
            from: f64::MIN,
            to: f64::MAX,
        };
        let view = [30.0, 30.0, 45.0, 40.0];
        for ppd in [2.0, 40.0, 900.0] {
            let grid = BinGrid::for_view(view, ppd);
            assert!(grid.covers(view), "{grid:?}");
            let bins = count(&points, &on_show, grid, &|| false).expect("counted");
            let expected = points
                .on_show_in(&on_show, grid.bounds(), usize::MAX)
                .expect("found")
                .len() as u64;
            assert_eq!(bins.total, expected);
            assert_eq!(
                bins.counts.iter().map(|&n| u64::from(n)).sum::<u64>(),
                expected
            );
            assert_eq!(bins.in_view(grid.bounds()), expected);
        }
    }

    #[test]
    fn a_cells_summary_names_the_lanes_the_timeline_shows() {
        let loaded = load_str(include_str!("../../../tests/data/small.ron")).expect("loads");
        let points = GeoPoints::build(&loaded.dataset, &loaded.index, &|| false).expect("built");
        let on_show = OnShow {
            shown: &loaded.index.order,
            from: f64::MIN,
            to: f64::MAX,
        };
        let world = [-180.0, -90.0, 180.0, 90.0];
        let (dataset, index) = (&loaded.dataset, &loaded.index);
        let never = || false;
        let by_tag = summary(
            &points,
            &on_show,
            world,
            dataset,
            index,
            LaneGrouping::Tag,
            &never,
        )
        .expect("not cancelled");
        assert_eq!(by_tag.count, points.len());
        assert!(
            by_tag.top.iter().any(|(lane, _)| lane == "siege"),
            "{by_tag:?}"
        );
        let by_actor = summary(
            &points,
            &on_show,
            world,
            dataset,
            index,
            LaneGrouping::Actor,
            &never,
        )
        .expect("not cancelled");
        let shorts: Vec<&str> = dataset.actors.iter().map(|a| a.short.as_str()).collect();
        assert!(
            summary(
                &points,
                &on_show,
                world,
                dataset,
                index,
                LaneGrouping::Actor,
                &|| true
            )
            .is_none(),
            "a cancelled summary gives up"
        );
        assert!(
            by_actor
                .top
                .iter()
                .all(|(lane, _)| shorts.contains(&lane.as_str()))
        );
    }

    #[test]
    fn counts_from_the_cells_times_are_the_counts_made_event_by_event_for_any_window() {
        let options = crate::data::generate::GenerateOptions {
            events: 20_000,
            series: 0,
            seed: 7,
            actors: 12,
        };
        let generated =
            crate::data::load_dataset(crate::data::generate::dataset(&options)).expect("loads");
        let small = load_str(include_str!("../../../tests/data/small.ron")).expect("loads");
        for loaded in [generated, small] {
            same_counts_either_way(&loaded);
        }
    }

    /// Counts per cell from the cells' times against counts made event by
    /// event, for random windows at three zooms.
    fn same_counts_either_way(loaded: &crate::data::LoadedDataset) {
        let points = GeoPoints::build(&loaded.dataset, &loaded.index, &|| false).expect("built");
        assert!(!points.is_empty());
        let shown = &loaded.index.order;
        let (first, last) = loaded.index.extent.expect("dated events");
        let mut seed = 12_345u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for (view, ppd) in [
            ([-180.0, -90.0, 180.0, 90.0], 3.0),
            ([35.7, 32.3, 42.4, 37.3], 120.0),
            ([38.0, 35.0, 38.5, 35.3], 4_000.0),
        ] {
            let grid = BinGrid::for_view(view, ppd);
            let times =
                CellTimes::build(&points, shown, &loaded.index, grid, &|| false).expect("built");
            for round in 0..40 {
                let a = first + (last - first) * next();
                let b = first + (last - first) * next();
                // Whole days, fractions, an empty window and a reversed one.
                let (from, to) = match round % 4 {
                    0 => (a.min(b).floor(), a.max(b).ceil()),
                    1 => (a.min(b), a.max(b)),
                    2 => (a, a),
                    _ => (a.max(b), a.min(b)),
                };
                let on_show = OnShow { shown, from, to };
                let expected = count(&points, &on_show, grid, &|| false).expect("counted");
                let Some((bins, unlocated)) = times.count(from, to) else {
                    assert!(
                        from >= to,
                        "only an empty window is left to counting one by one"
                    );
                    continue;
                };
                let differ = bins
                    .counts
                    .iter()
                    .zip(&expected.counts)
                    .position(|(a, b)| a != b);
                assert_eq!(differ, None, "{from}..{to} at {ppd}");
                assert_eq!((bins.total, bins.max), (expected.total, expected.max));
                assert_eq!(
                    unlocated,
                    points.unlocated_on_show(&on_show, &loaded.index),
                    "{from}..{to}"
                );
            }
        }
    }

    #[test]
    fn a_grid_covers_the_view_panned_by_up_to_a_view_so_counts_are_reused() {
        let a = BinGrid::for_view([35.0, 33.0, 37.0, 35.0], 300.0);
        assert!(a.covers([33.1, 31.1, 35.1, 33.1]));
        assert!(a.covers([36.9, 34.9, 38.9, 36.9]));
        assert!(!a.covers([39.5, 33.0, 41.5, 35.0]));
        let cell_points = a.cell_degrees() * 300.0;
        assert!(
            (CELL_POINTS / 1.5..=CELL_POINTS * 1.5).contains(&cell_points),
            "{cell_points}"
        );
    }
}
