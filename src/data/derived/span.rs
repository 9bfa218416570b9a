//! What changed over a span of time, and who says so. For each series, the
//! latest figure reported as of each edge of the span (never a figure invented
//! between two reports), the change between them in the series' own unit and,
//! where it converts, in km² and percent; and the events inside the span.
//!
//! A change is given only where each edge stands on its own recent figure. When
//! both edges fall back on the same figure, or an edge's figure is much older
//! than the edge, the span states no number: "0 km² (0%)" would claim a
//! stability that nobody reported, and the answer would flip with the last
//! pixel of a drag. What is known (the last figure, the next one) is said instead.

use std::ops::Range;

use crate::data::derived::index::{DatasetIndex, EventOrder, EventSpan, date_key_of};
use crate::data::derived::plotting::Plotting;
use crate::data::loaded::LoadedDataset;
use crate::data::model::date::DayNumber;
use crate::data::model::{ControlPoint, ControlSeries};

/// A figure older than this when an edge of the span comes is flagged.
pub const STALE_DAYS: f64 = 90.0;

/// A span of time: from the first day of `start` to `end` (exclusive), in days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeSpan {
    /// First day.
    pub start: DayNumber,
    /// The day after the last.
    pub end: DayNumber,
}

impl TimeSpan {
    /// The span between two days, in whichever order they come.
    pub fn between(a: DayNumber, b: DayNumber) -> Self {
        Self {
            start: a.min(b),
            end: a.max(b),
        }
    }
}

/// The figure a series gives as of one edge of a span.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FigureAsOf {
    /// Index of the point in the series.
    pub point: usize,
    /// How many days before the edge the figure's own date begins.
    pub age_days: f64,
}

impl FigureAsOf {
    /// Whether the figure is much older than the edge it stands for.
    pub fn is_stale(&self) -> bool {
        self.age_days > STALE_DAYS
    }
}

/// One series over a span.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesChange {
    /// Index in `Dataset::control`.
    pub series: usize,
    /// The latest figure as of the span's start, if any was reported by then.
    pub at_start: Option<FigureAsOf>,
    /// The latest figure as of the span's end.
    pub at_end: Option<FigureAsOf>,
}

/// An edge of a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// The span's first day.
    Start,
    /// The span's last day.
    End,
}

/// What can be said of one series over a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finding {
    /// Each edge stands on its own recent figure: the change between them is known.
    Known,
    /// No figure was reported by one of the edges.
    NoFigure,
    /// Nothing was reported between figure `last` and `edge`: both edges fall
    /// back on that figure, or it is much older than the edge. `next` is the
    /// series' next figure after `last`, if any.
    Gap {
        /// The edge that has no recent figure of its own.
        edge: Edge,
        /// The latest figure as of that edge.
        last: usize,
        /// The figure after it.
        next: Option<usize>,
    },
}

impl SeriesChange {
    /// What can be said of the series over the span.
    pub fn finding(&self, series: &ControlSeries) -> Finding {
        let (Some(start), Some(end)) = (self.at_start, self.at_end) else {
            return Finding::NoFigure;
        };
        let next = |point: usize| (point + 1 < series.points.len()).then_some(point + 1);
        if start.point == end.point || end.is_stale() {
            Finding::Gap {
                edge: Edge::End,
                last: end.point,
                next: next(end.point),
            }
        } else if start.is_stale() {
            Finding::Gap {
                edge: Edge::Start,
                last: start.point,
                next: next(start.point),
            }
        } else {
            Finding::Known
        }
    }

    /// The change between the two figures in the series' unit, when it is known
    /// (see [`SeriesChange::finding`]).
    pub fn change(&self, series: &ControlSeries) -> Option<f64> {
        let (from, to) = self.values(series)?;
        Some(to.value - from.value)
    }

    /// The change in km² held, for series that convert to km².
    pub fn change_km2(&self, series: &ControlSeries) -> Option<f64> {
        let plotting = Plotting::of(&series.unit, series.measure);
        if plotting.axis() != crate::data::derived::plotting::PlotAxis::SquareKm {
            return None;
        }
        let (from, to) = self.values(series)?;
        Some(plotting.convert(to.value) - plotting.convert(from.value))
    }

    /// The change relative to the plotted value at the start, in percent.
    pub fn change_percent(&self, series: &ControlSeries) -> Option<f64> {
        let plotting = Plotting::of(&series.unit, series.measure);
        let (from, to) = self.values(series)?;
        let before = plotting.convert(from.value);
        (before != 0.0).then(|| (plotting.convert(to.value) - before) / before * 100.0)
    }

    fn values<'a>(
        &self,
        series: &'a ControlSeries,
    ) -> Option<(&'a ControlPoint, &'a ControlPoint)> {
        if self.finding(series) != Finding::Known {
            return None;
        }
        Some((
            series.points.get(self.at_start?.point)?,
            series.points.get(self.at_end?.point)?,
        ))
    }
}

/// The latest point of `series` whose date has begun by `day`.
pub fn figure_as_of(series: &ControlSeries, day: DayNumber) -> Option<FigureAsOf> {
    // Points are in date order (validated), so the latest is found by bisection.
    let after = series
        .points
        .partition_point(|p| f64::from(p.date.start_day()) <= day);
    let point = after.checked_sub(1)?;
    let begins = f64::from(series.points[point].date.start_day());
    Some(FigureAsOf {
        point,
        age_days: day - begins,
    })
}

/// Every series over `span`, in dataset order, then those computed from the
/// control maps. The end edge is the span's last day.
pub fn series_changes(loaded: &LoadedDataset, span: TimeSpan) -> Vec<SeriesChange> {
    let last_day = (span.end - 1.0).max(span.start);
    loaded
        .index
        .all_series(&loaded.dataset)
        .enumerate()
        .map(|(series, s)| SeriesChange {
            series,
            at_start: figure_as_of(s, span.start),
            at_end: figure_as_of(s, last_day),
        })
        .collect()
}

/// The span with one edge moved onto the date of figure `point` of `series`,
/// so that the edge stands on that figure: the start moves to the figure's first
/// day, the end to the day after it.
pub fn snapped(span: TimeSpan, edge: Edge, series: &ControlSeries, point: usize) -> TimeSpan {
    series.points.get(point).map_or(span, |point| {
        snapped_to_day(span, edge, f64::from(point.date.start_day()))
    })
}

/// The events on show that overlap a span.
#[derive(Clone, Debug, PartialEq)]
pub struct SpanEvents {
    /// Events that began before the span and are still going on at its start,
    /// in date order (event indices).
    pub ongoing: Vec<u32>,
    /// Positions in `shown.chronological` of the events that start inside it.
    pub starting: Range<usize>,
}

impl SpanEvents {
    /// How many events overlap the span.
    pub fn len(&self) -> usize {
        self.ongoing.len() + self.starting.len()
    }

    /// Whether no event overlaps the span.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every event overlapping the span, ongoing ones first, each with whether
    /// it began before the span.
    pub fn iter<'a>(&'a self, shown: &'a EventOrder) -> impl Iterator<Item = (usize, bool)> + 'a {
        let ongoing = self.ongoing.iter().map(|&e| (e as usize, true));
        let starting = self
            .starting
            .clone()
            .filter_map(|position| shown.chronological.get(position))
            .map(|&e| (e as usize, false));
        ongoing.chain(starting)
    }
}

/// The events on show that overlap `span`: those starting in it (two binary
/// searches), and those that began before it and last into it (see
/// [`ongoing_at`]).
pub fn events_in(index: &DatasetIndex, shown: &EventOrder, span: TimeSpan) -> SpanEvents {
    SpanEvents {
        ongoing: ongoing_at(index, shown, span.start),
        starting: shown.starting_in(span.start, span.end),
    }
}

/// The events on show that began before `day` and are still going on then, in
/// date order: the part of [`events_in`] that depends on the span's start only.
pub fn ongoing_at(index: &DatasetIndex, shown: &EventOrder, day: DayNumber) -> Vec<u32> {
    let mut ongoing = Vec::new();
    let mut under_way = |events: &[u32]| under_way_of(events, index, shown, day, &mut ongoing);
    // An event of a day or less is under way only if it began in the day
    // before; longer ones are looked for among their own.
    under_way(
        shown
            .chronological
            .get(shown.starting_in(day - 1.0, day))
            .unwrap_or_default(),
    );
    let longer = &shown.longer_than_a_day;
    under_way(
        longer
            .events
            .get(longer.candidates(day, day))
            .unwrap_or_default(),
    );
    under_way(&longer.long_events);
    // The keys sort as the order does, so no event's place is looked up (the
    // places lie at random in a table of every event); each part is in date
    // order already.
    ongoing.sort_unstable();
    ongoing.dedup();
    ongoing.into_iter().map(|key| key as u32).collect()
}

/// Adds to `found` the events of `events` on show in `shown` and under way
/// on `day`, each by its place in date order as one number. The spans of 64
/// events are read before any is tested, so that their reads, at random
/// through a table of every event, are made side by side rather than each
/// waited on.
fn under_way_of(
    events: &[u32],
    index: &DatasetIndex,
    shown: &EventOrder,
    day: DayNumber,
    found: &mut Vec<u64>,
) {
    let spans = &index.spans;
    let mut block = [EventSpan::default(); 64];
    for part in events.chunks(64) {
        for (span, &e) in block.iter_mut().zip(part) {
            *span = spans.get(e as usize).copied().unwrap_or_default();
        }
        for (span, &e) in block.iter().zip(part) {
            if span.start < day && span.end > day && shown.rank.shows(e as usize) {
                found.push(date_key_of(span.start, e));
            }
        }
    }
}

/// What one control map says changed over a span: the snapshots in force at
/// the span's first and last day, and the ground gained and lost between them.
#[derive(Clone, Debug, PartialEq)]
pub struct MapChange {
    /// Index in `Dataset::territory`.
    pub map: usize,
    /// The snapshot in force on the span's first day.
    pub before: usize,
    /// The snapshot in force on its last day.
    pub after: usize,
    /// Held at the end and not at the start.
    pub gained: crate::data::map::overlay::Polygons,
    /// Held at the start and not at the end.
    pub lost: crate::data::map::overlay::Polygons,
    /// Their areas on the ellipsoid, in km².
    pub gained_km2: f64,
    /// See `gained_km2`.
    pub lost_km2: f64,
    /// How many days before the span's first day the first map's date begins.
    pub start_age_days: f64,
    /// How many days before the span's last day the last map's date begins.
    pub end_age_days: f64,
}

impl MapChange {
    /// The edge whose map is older than the figure cards allow ([`STALE_DAYS`]):
    /// then no change is given, as a figure card gives none.
    pub fn stale_edge(&self) -> Option<Edge> {
        if self.end_age_days > STALE_DAYS {
            Some(Edge::End)
        } else if self.start_age_days > STALE_DAYS {
            Some(Edge::Start)
        } else {
            None
        }
    }

    /// Which edge to move onto which snapshot so that a change can be given:
    /// the end onto the map after the old one, or the start back onto its
    /// own old map.
    pub fn snap_offer(&self, map: &crate::data::model::ControlMap) -> Option<(Edge, usize)> {
        match self.stale_edge()? {
            Edge::End => {
                (self.after + 1 < map.snapshots.len()).then_some((Edge::End, self.after + 1))
            }
            Edge::Start => Some((Edge::Start, self.before)),
        }
    }
}

/// `span` with `edge` moved onto the date of snapshot `snapshot` of `map`.
pub fn snapped_to_map(
    span: TimeSpan,
    edge: Edge,
    map: &crate::data::model::ControlMap,
    snapshot: usize,
) -> TimeSpan {
    map.snapshots.get(snapshot).map_or(span, |found| {
        snapped_to_day(span, edge, f64::from(found.date.start_day()))
    })
}

/// `span` with `edge` moved onto `day`, keeping at least that day in it.
fn snapped_to_day(span: TimeSpan, edge: Edge, day: f64) -> TimeSpan {
    match edge {
        Edge::Start => TimeSpan::between(day, span.end.max(day + 1.0)),
        Edge::End => TimeSpan::between(span.start.min(day), day + 1.0),
    }
}

/// Every control map's change over the span from day `first` to day `last`
/// (days since 1970), for maps with a snapshot in force on both; `None` when
/// `cancelled` says to give up.
pub fn span_changes(
    territory: &[crate::data::model::ControlMap],
    first: f64,
    last: f64,
    cancelled: &dyn Fn() -> bool,
) -> Option<Vec<MapChange>> {
    let mut changes = Vec::new();
    for (m, map) in territory.iter().enumerate() {
        if cancelled() {
            return None;
        }
        let (Some((before, start)), Some((after, end))) = (map.in_force(first), map.in_force(last))
        else {
            continue;
        };
        let start_age_days = (first - f64::from(start.date.start_day())).max(0.0);
        let end_age_days = (last - f64::from(end.date.start_day())).max(0.0);
        let stale = start_age_days > STALE_DAYS || end_age_days > STALE_DAYS;
        // A map much older than its edge says nothing of the span: no change
        // is worked out, as a figure card gives none.
        let (gained, lost) = if before == after || stale {
            (Vec::new(), Vec::new())
        } else {
            crate::data::map::overlay::gained_and_lost(start.shape(), end.shape())
        };
        changes.push(MapChange {
            map: m,
            before,
            after,
            gained_km2: crate::data::map::area::area_km2(&gained),
            lost_km2: crate::data::map::area::area_km2(&lost),
            gained,
            lost,
            start_age_days,
            end_age_days,
        });
    }
    Some(changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::generate::{GenerateOptions, dataset};

    #[test]
    fn the_events_under_way_are_those_every_event_would_say() {
        let loaded = crate::data::load_dataset(dataset(&GenerateOptions {
            events: 4_000,
            series: 1,
            seed: 3,
            ..Default::default()
        }))
        .expect("generated data is valid");
        let index = &loaded.index;
        let every_other: Vec<bool> = (0..4_000).map(|e| e % 2 == 0).collect();
        let filtered = index
            .order
            .filtered(&every_other, &|| false)
            .expect("not cancelled");
        let (first, last) = index.extent.expect("events");
        let mut found = 0;
        for shown in [index.order.as_ref(), &filtered] {
            let longer = &shown.longer_than_a_day;
            assert!(!longer.is_empty(), "the data has events longer than a day");
            for step in 0..40 {
                let day =
                    first + (last - first) * f64::from(step) / 40.0 + 0.37 * f64::from(step % 2);
                let mut expected: Vec<u32> = (0..index.spans.len() as u32)
                    .filter(|&e| {
                        let s = index.spans[e as usize];
                        s.start < day && s.end > day && shown.rank.shows(e as usize)
                    })
                    .collect();
                expected.sort_unstable_by_key(|&e| shown.rank.get(e as usize));
                found += expected.len();
                assert_eq!(ongoing_at(index, shown, day), expected, "day {day}");
            }
        }
        assert!(
            found > 100,
            "only {found} events under way: the test says little"
        );
    }
}
