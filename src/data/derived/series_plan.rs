//! How the control series are laid out for plotting, decided once per load and
//! without drawing anything, so that every rule here can be tested on its own:
//!
//! - which plot (unit) and which scope section of it each series goes in: series
//!   of different scope may share a value axis, but never unmarked;
//! - a look (a dash and a marker slot) that no other series of the same actor
//!   has, so that colour (the actor) plus look tell every series apart;
//! - where a series falls silent: consecutive figures further apart than
//!   [`SILENCE_FACTOR`] times the series' median interval (never less than
//!   [`MIN_SILENCE_DAYS`], never more than [`MAX_JOINED_DAYS`]; a series of two
//!   or three figures has no spacing to judge by, and a gap over
//!   [`FEW_FIGURES_JOINED_DAYS`] is a silence) are not joined as if the trend
//!   between them were known;
//! - where sources disagree: for one actor and one scope on one axis, the band
//!   between the lowest and the highest figure wherever two series report;
//! - the value range and ticks that fit what a window shows.

use std::ops::Range;

use crate::data::derived::index::{DatasetIndex, SeriesTrack};
use crate::data::derived::plotting::PlotAxis;
use crate::data::model::date::DayNumber;
use crate::data::model::{ControlSeries, Dataset};

/// A gap longer than this many times the series' median interval is a silence.
pub const SILENCE_FACTOR: f64 = 3.0;
/// No gap shorter than this is a silence, however regular the series.
pub const MIN_SILENCE_DAYS: f64 = 7.0;
/// Every gap longer than this is a silence, however sparse the series.
pub const MAX_JOINED_DAYS: f64 = 365.0;
/// With fewer than three intervals a series has no spacing of its own to judge
/// by: gaps longer than this are silences.
pub const FEW_FIGURES_JOINED_DAYS: f64 = 180.0;
/// How many line patterns the plot draws (solid, dashed, dotted, long dashes).
pub const DASHES: usize = 4;
/// How many marker shapes the plot draws.
pub const MARKERS: usize = 8;

/// A series' look, apart from its colour: indices into the plot's dashes and markers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Look {
    /// Index of the line pattern, below [`DASHES`].
    pub dash: usize,
    /// Index of the marker shape, below [`MARKERS`].
    pub marker: usize,
}

/// One scope within a plot: the series that measure the same area.
#[derive(Clone, Debug)]
pub struct ScopeSection {
    /// The area measured, as the dataset names it ("Syria and Iraq").
    pub scope: String,
    /// Indices into `DatasetIndex::tracks`, grouped by actor (in the dataset's
    /// order of actors), then by organisation.
    pub tracks: Vec<usize>,
}

/// One plot: a value axis and the scope sections drawn on it.
#[derive(Clone, Debug)]
pub struct PlotPlan {
    /// The unit of the value axis.
    pub axis: PlotAxis,
    /// Scope sections, in the order their first series appears in the dataset.
    pub sections: Vec<ScopeSection>,
}

impl PlotPlan {
    /// Every track on this plot, section by section.
    pub fn tracks(&self) -> impl Iterator<Item = usize> + '_ {
        self.sections.iter().flat_map(|s| s.tracks.iter().copied())
    }

    /// How many figures the plot holds in all.
    pub fn figure_count(&self, index: &DatasetIndex) -> usize {
        self.tracks()
            .filter_map(|t| index.tracks.get(t))
            .map(|t| t.points.len())
            .sum()
    }
}

/// Series of one actor and one scope on one axis, from two or more organisations:
/// where their figures differ, the plot fills the band between them.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The axis they share.
    pub axis: PlotAxis,
    /// The actor's index.
    pub actor: usize,
    /// The scope they share.
    pub scope: String,
    /// Indices into `DatasetIndex::tracks`.
    pub tracks: Vec<usize>,
}

/// The plotting plan of one load.
#[derive(Clone, Debug, Default)]
pub struct SeriesPlan {
    /// The plots, in the order they are stacked.
    pub plots: Vec<PlotPlan>,
    /// By track: its look.
    pub looks: Vec<Look>,
    /// By track: runs of consecutive points joined by a line; between two runs
    /// the series fell silent.
    pub runs: Vec<Vec<Range<usize>>>,
    /// Groups of series that can be compared on one scale.
    pub comparisons: Vec<Comparison>,
}

impl SeriesPlan {
    /// The plan for a loaded dataset.
    pub fn build(dataset: &Dataset, index: &DatasetIndex) -> Self {
        let all: Vec<&ControlSeries> = index.all_series(dataset).collect();
        let series_of = |t: usize| all[index.tracks[t].series];
        let mut plots = Vec::new();
        for axis in PlotAxis::ALL {
            let mut sections: Vec<ScopeSection> = Vec::new();
            for (t, track) in index.tracks.iter().enumerate() {
                if track.axis != axis {
                    continue;
                }
                let scope = &series_of(t).scope;
                match sections.iter_mut().find(|s| &s.scope == scope) {
                    Some(section) => section.tracks.push(t),
                    None => sections.push(ScopeSection {
                        scope: scope.clone(),
                        tracks: vec![t],
                    }),
                }
            }
            for section in &mut sections {
                // Stable: within an actor, organisations keep the dataset's order.
                section.tracks.sort_by_key(|&t| index.tracks[t].actor);
            }
            if !sections.is_empty() {
                plots.push(PlotPlan { axis, sections });
            }
        }

        let looks = assign_looks(dataset, index);
        let runs = index
            .tracks
            .iter()
            .map(|track| runs(&track.points, silence_threshold(&track.points)))
            .collect();

        let mut comparisons: Vec<Comparison> = Vec::new();
        for (t, track) in index.tracks.iter().enumerate() {
            let scope = &series_of(t).scope;
            match comparisons
                .iter_mut()
                .find(|c| c.axis == track.axis && c.actor == track.actor && &c.scope == scope)
            {
                Some(group) => group.tracks.push(t),
                None => comparisons.push(Comparison {
                    axis: track.axis,
                    actor: track.actor,
                    scope: scope.clone(),
                    tracks: vec![t],
                }),
            }
        }
        comparisons.retain(|c| c.tracks.len() >= 2);

        Self {
            plots,
            looks,
            runs,
            comparisons,
        }
    }
}

/// Every organisation of the dataset, in the order it first appears: in the
/// series as the plot lists them, then in the control maps. An organisation's
/// place here gives it the same look in every panel.
pub fn organisations<'a>(dataset: &'a Dataset, index: &'a DatasetIndex) -> Vec<&'a str> {
    let mut organisations: Vec<&str> = Vec::new();
    let all: Vec<&ControlSeries> = index.all_series(dataset).collect();
    let from_series = index
        .tracks
        .iter()
        .filter_map(|track| all.get(track.series))
        .map(|series| organisation_of(&series.source_org));
    let from_maps = dataset.territory.iter().map(|map| map.source_org.as_str());
    for org in from_series.chain(from_maps) {
        if !organisations.contains(&org) {
            organisations.push(org);
        }
    }
    organisations
}

/// The organisation a series is by: a map's computed area ("DeepState map,
/// computed area") is its map's organisation's, so that the line and the map
/// look alike.
fn organisation_of(source_org: &str) -> &str {
    source_org
        .strip_suffix(crate::data::map::area::COMPUTED_AREA)
        .map_or(source_org, str::trim_end)
}

/// The look of the organisation at `place` in [`organisations`].
fn organisation_look(place: usize) -> Look {
    Look {
        dash: place % DASHES,
        marker: place % MARKERS,
    }
}

/// Each control map's look, by its organisation: the dash its organisation's
/// series are drawn with on the plot, which the map draws its outline with
/// (and picks its hatching by).
pub fn map_looks(dataset: &Dataset, index: &DatasetIndex) -> Vec<Look> {
    let organisations = organisations(dataset, index);
    dataset
        .territory
        .iter()
        .map(|map| {
            let place = organisations
                .iter()
                .position(|o| *o == map.source_org)
                .unwrap_or_default();
            organisation_look(place)
        })
        .collect()
}

/// Looks by track. Each organisation gets a marker and a starting dash, in the
/// order it first appears; a second series of the same actor and organisation
/// (another unit or scope) moves to the next dash, and any remaining clash
/// within an actor moves on until the actor's looks are all different.
fn assign_looks(dataset: &Dataset, index: &DatasetIndex) -> Vec<Look> {
    let organisations = organisations(dataset, index);
    let mut taken: Vec<(usize, Look)> = Vec::new();
    let mut looks = Vec::with_capacity(index.tracks.len());
    let all: Vec<&ControlSeries> = index.all_series(dataset).collect();
    for track in &index.tracks {
        let series = all[track.series];
        let org = organisations
            .iter()
            .position(|o| *o == organisation_of(&series.source_org))
            .unwrap_or_default();
        let mut look = organisation_look(org);
        let clashes = |look: Look| {
            taken
                .iter()
                .any(|&(actor, other)| actor == track.actor && other == look)
        };
        let mut tries = 0;
        while clashes(look) && tries < DASHES * MARKERS {
            tries += 1;
            look.dash = (look.dash + 1) % DASHES;
            if tries % DASHES == 0 {
                look.marker = (look.marker + 1) % MARKERS;
            }
        }
        taken.push((track.actor, look));
        looks.push(look);
    }
    looks
}

/// The gap beyond which two consecutive figures of a series are not joined:
/// [`SILENCE_FACTOR`] times the median interval, between [`MIN_SILENCE_DAYS`]
/// and [`MAX_JOINED_DAYS`]; [`FEW_FIGURES_JOINED_DAYS`] for two or three figures.
pub fn silence_threshold(points: &[[f64; 2]]) -> DayNumber {
    let mut intervals: Vec<f64> = points.windows(2).map(|w| w[1][0] - w[0][0]).collect();
    if intervals.len() < 3 {
        return FEW_FIGURES_JOINED_DAYS;
    }
    let middle = intervals.len() / 2;
    let (_, median, _) = intervals.select_nth_unstable_by(middle, f64::total_cmp);
    (*median * SILENCE_FACTOR).clamp(MIN_SILENCE_DAYS, MAX_JOINED_DAYS)
}

/// Runs of consecutive points no further apart than `threshold` days.
pub fn runs(points: &[[f64; 2]], threshold: DayNumber) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..points.len() {
        if points[i][0] - points[i - 1][0] > threshold {
            runs.push(start..i);
            start = i;
        }
    }
    if !points.is_empty() {
        runs.push(start..points.len());
    }
    runs
}

/// The value a series' line shows at `day`: straight between figures (or the
/// last figure's value with `steps`), and nothing outside its runs.
pub fn value_at(
    track: &SeriesTrack,
    runs: &[Range<usize>],
    day: DayNumber,
    steps: bool,
) -> Option<f64> {
    let points = &track.points;
    let run = runs.iter().find(|r| {
        let (Some(first), Some(last)) = (points.get(r.start), points.get(r.end.wrapping_sub(1)))
        else {
            return false;
        };
        first[0] <= day && day <= last[0]
    })?;
    let slice = &points[run.clone()];
    let after = slice.partition_point(|p| p[0] <= day);
    let before = slice.get(after.checked_sub(1)?)?;
    match slice.get(after) {
        Some(next) if !steps && next[0] > before[0] => {
            let t = (day - before[0]) / (next[0] - before[0]);
            Some(before[1] + t * (next[1] - before[1]))
        }
        _ => Some(before[1]),
    }
}

/// Index of the series' latest figure dated on or before `day`.
pub fn latest_as_of(track: &SeriesTrack, day: DayNumber) -> Option<usize> {
    track.points.partition_point(|p| p[0] <= day).checked_sub(1)
}

/// One stretch of a band: at each day, the lowest and highest value shown.
pub type BandStretch = Vec<[f64; 3]>;

/// The band between the lowest and highest line of `members` wherever at least
/// two of them draw a line through the same stretch of time: at every figure's
/// date there. A stretch is made of the same lines from end to end; it breaks
/// where fewer than two lines continue, and a figure standing alone (no line
/// through it) never widens a band.
pub fn band(members: &[(&SeriesTrack, &[Range<usize>])], steps: bool) -> Vec<BandStretch> {
    let mut days: Vec<f64> = members
        .iter()
        .flat_map(|(track, _)| track.points.iter().map(|p| p[0]))
        .collect();
    days.sort_by(f64::total_cmp);
    days.dedup();
    // For a day, each member with a line there, as (member, run).
    let lines_at = |day: f64| -> Vec<(usize, usize)> {
        members
            .iter()
            .enumerate()
            .filter_map(|(m, (track, runs))| {
                runs.iter()
                    .position(|r| {
                        r.len() >= 2
                            && track.points[r.start][0] <= day
                            && day <= track.points[r.end - 1][0]
                    })
                    .map(|r| (m, r))
            })
            .collect()
    };
    let low_high = |day: f64, lines: &[(usize, usize)]| -> [f64; 3] {
        let values = lines.iter().filter_map(|&(m, _)| {
            let (track, runs) = members[m];
            value_at(track, runs, day, steps)
        });
        let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
            (l.min(v), h.max(v))
        });
        [day, low, high]
    };
    let mut stretches = Vec::new();
    let mut current: BandStretch = Vec::new();
    let mut current_lines: Vec<(usize, usize)> = Vec::new();
    let mut previous: Option<(f64, Vec<(usize, usize)>)> = None;
    for day in days {
        let lines = lines_at(day);
        if let Some((previous_day, previous_lines)) = &previous {
            let common: Vec<(usize, usize)> = lines
                .iter()
                .copied()
                .filter(|line| previous_lines.contains(line))
                .collect();
            if common.len() >= 2 {
                if common != current_lines {
                    if current.len() >= 2 {
                        stretches.push(std::mem::take(&mut current));
                    }
                    current = vec![low_high(*previous_day, &common)];
                    current_lines = common.clone();
                }
                current.push(low_high(day, &common));
            } else {
                if current.len() >= 2 {
                    stretches.push(std::mem::take(&mut current));
                }
                current.clear();
                current_lines.clear();
            }
        }
        previous = Some((day, lines));
    }
    if current.len() >= 2 {
        stretches.push(current);
    }
    stretches
}

/// The highest value the shown tracks reach between `from` and `to`, counting
/// the high end of any range given, and the figure just outside each end when
/// a line joins it to the window (a silence draws no line, so it does not count).
pub fn highest_in_view(
    tracks: &[(&SeriesTrack, &[Range<usize>])],
    from: DayNumber,
    to: DayNumber,
) -> Option<f64> {
    let mut highest: Option<f64> = None;
    for &(track, runs) in tracks {
        let joined = |a: usize, b: usize| runs.iter().any(|r| r.contains(&a) && r.contains(&b));
        let inside = track.points_between(from, to);
        let mut wanted: Vec<usize> = inside.clone().collect();
        if inside.start > 0 && joined(inside.start - 1, inside.start) {
            wanted.push(inside.start - 1);
        }
        if inside.end > 0 && inside.end < track.points.len() && joined(inside.end - 1, inside.end) {
            wanted.push(inside.end);
        }
        for i in wanted {
            let mut value = track.points[i][1];
            if let Some(Some([_, high])) = track.bounds.get(i) {
                value = value.max(*high);
            }
            highest = Some(highest.map_or(value, |h: f64| h.max(value)));
        }
    }
    highest
}

/// A round step between value ticks, so that `span` holds about `wanted` of them
/// (1, 2, 2.5 or 5 times a power of ten).
pub fn value_step(span: f64, wanted: f64) -> f64 {
    if span.is_nan() || span <= 0.0 || span.is_infinite() {
        return 1.0;
    }
    let raw = span / wanted.max(1.0);
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&step| step >= raw)
        .unwrap_or(10.0 * power)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::PlotAxis;

    fn track(points: &[[f64; 2]]) -> SeriesTrack {
        SeriesTrack {
            series: 0,
            actor: 0,
            axis: PlotAxis::SquareKm,
            points: points.to_vec(),
            bounds: vec![None; points.len()],
        }
    }

    #[test]
    fn a_long_silence_splits_a_series_into_runs() {
        let points: Vec<[f64; 2]> = [0.0, 30.0, 61.0, 91.0, 900.0, 930.0]
            .iter()
            .map(|&d| [d, 1.0])
            .collect();
        let threshold = silence_threshold(&points);
        assert_eq!(threshold, 90.0);
        assert_eq!(runs(&points, threshold), vec![0..4, 4..6]);
    }

    #[test]
    fn two_figures_far_apart_are_not_joined_and_close_ones_are() {
        let far = [[0.0, 1.0], [880.0, 2.0]];
        assert_eq!(runs(&far, silence_threshold(&far)), vec![0..1, 1..2]);
        let close = [[0.0, 1.0], [90.0, 2.0]];
        assert_eq!(runs(&close, silence_threshold(&close)), vec![0..2]);
    }

    #[test]
    fn no_gap_over_a_year_is_joined() {
        let points: Vec<[f64; 2]> = [0.0, 200.0, 400.0, 600.0, 1000.0]
            .iter()
            .map(|&d| [d, 1.0])
            .collect();
        assert_eq!(silence_threshold(&points), MAX_JOINED_DAYS);
        assert_eq!(runs(&points, MAX_JOINED_DAYS), vec![0..4, 4..5]);
    }

    #[test]
    fn daily_figures_are_never_split_by_less_than_a_week() {
        let points: Vec<[f64; 2]> = (0..20).map(|d| [f64::from(d), 1.0]).collect();
        assert_eq!(silence_threshold(&points), MIN_SILENCE_DAYS);
    }

    #[test]
    fn values_are_read_along_the_line_and_not_across_a_silence() {
        let t = track(&[[0.0, 10.0], [10.0, 20.0], [500.0, 5.0], [510.0, 7.0]]);
        let runs = vec![0..2, 2..4];
        assert_eq!(value_at(&t, &runs, 5.0, false), Some(15.0));
        assert_eq!(value_at(&t, &runs, 5.0, true), Some(10.0));
        assert_eq!(value_at(&t, &runs, 200.0, false), None);
        assert_eq!(value_at(&t, &runs, -1.0, false), None);
        assert_eq!(value_at(&t, &runs, 510.0, false), Some(7.0));
        assert_eq!(latest_as_of(&t, 200.0), Some(1));
        assert_eq!(latest_as_of(&t, -1.0), None);
    }

    #[test]
    fn the_band_covers_only_where_two_sources_report() {
        let a = track(&[[0.0, 100.0], [10.0, 80.0], [20.0, 60.0]]);
        let b = track(&[[10.0, 90.0], [30.0, 50.0]]);
        let (ra, rb) = (
            runs(&a.points, f64::INFINITY),
            runs(&b.points, f64::INFINITY),
        );
        let stretches = band(&[(&a, ra.as_slice()), (&b, rb.as_slice())], false);
        assert_eq!(
            stretches,
            vec![vec![[10.0, 80.0, 90.0], [20.0, 60.0, 70.0]]]
        );
    }

    #[test]
    fn lone_figures_of_different_sources_make_no_band() {
        let line = track(&[[0.0, 100.0], [100.0, 100.0]]);
        let early = track(&[[10.0, 50.0]]);
        let late = track(&[[90.0, 50.0]]);
        let runs_of = |t: &SeriesTrack| runs(&t.points, f64::INFINITY);
        let (a, b, c) = (runs_of(&line), runs_of(&early), runs_of(&late));
        let members = [
            (&line, a.as_slice()),
            (&early, b.as_slice()),
            (&late, c.as_slice()),
        ];
        assert!(band(&members, false).is_empty());
    }

    #[test]
    fn the_highest_value_counts_the_figures_joined_to_the_window() {
        let t = track(&[[0.0, 500.0], [10.0, 100.0], [20.0, 90.0], [30.0, 800.0]]);
        let joined = runs(&t.points, f64::INFINITY);
        assert_eq!(
            highest_in_view(&[(&t, joined.as_slice())], 12.0, 18.0),
            Some(100.0)
        );
        assert_eq!(
            highest_in_view(&[(&t, joined.as_slice())], 9.0, 21.0),
            Some(800.0)
        );
        // Across a silence nothing is drawn, so the far figure does not count.
        let split = [0..1, 1..3, 3..4];
        assert_eq!(
            highest_in_view(&[(&t, split.as_slice())], 9.0, 21.0),
            Some(100.0)
        );
        assert_eq!(highest_in_view(&[(&t, split.as_slice())], 22.0, 28.0), None);
        assert_eq!(highest_in_view(&[], 0.0, 1.0), None);
    }

    #[test]
    fn value_steps_are_round_and_give_about_the_wanted_count() {
        assert_eq!(value_step(100_000.0, 6.0), 20_000.0);
        assert_eq!(value_step(63_000.0, 6.0), 20_000.0);
        assert_eq!(value_step(105.0, 6.0), 20.0);
        assert_eq!(value_step(12.0, 6.0), 2.0);
        assert_eq!(value_step(13.0, 6.0), 2.5);
        for span in [7.0, 55.0, 999.0, 123_456.0] {
            let count = span / value_step(span, 6.0);
            assert!((2.4..=6.0).contains(&count), "{span}: {count}");
        }
    }
}
