//! What changed over a span of time, and who says so. For each series, the
//! latest figure reported as of each edge of the span (never a figure invented
//! between two reports), the change between them in the series' own unit and,
//! where it converts, in km² and percent; and the events inside the span.

use std::ops::Range;

use super::date::DayNumber;
use super::index::EventOrder;
use super::load::LoadedDataset;
use super::model::{ControlPoint, ControlSeries};
use super::plotting::Plotting;

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

impl SeriesChange {
    /// The change between the two figures in the series' unit, when both exist.
    pub fn change(&self, series: &ControlSeries) -> Option<f64> {
        let (from, to) = self.values(series)?;
        Some(to.value - from.value)
    }

    /// The change in km² held, for series that convert to km².
    pub fn change_km2(&self, series: &ControlSeries) -> Option<f64> {
        let plotting = Plotting::of(&series.unit, series.measure);
        if plotting.axis() != super::plotting::PlotAxis::SquareKm {
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

/// Every series over `span`, in dataset order. The end edge is the span's last day.
pub fn series_changes(loaded: &LoadedDataset, span: TimeSpan) -> Vec<SeriesChange> {
    let last_day = (span.end - 1.0).max(span.start);
    loaded
        .dataset
        .control
        .iter()
        .enumerate()
        .map(|(series, s)| SeriesChange {
            series,
            at_start: figure_as_of(s, span.start),
            at_end: figure_as_of(s, last_day),
        })
        .collect()
}

/// Positions in `shown` of the events that start inside `span`.
pub fn events_in(shown: &EventOrder, span: TimeSpan) -> Range<usize> {
    shown.starting_in(span.start, span.end)
}
