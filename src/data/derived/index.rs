//! Events sorted and indexed by time, built once per load, so that every
//! question a frame asks ("which events are in view?", "how many per pixel?")
//! costs a binary search or a subtraction, whatever the size of the dataset.
//! This file holds the index and how it is built; its parts are beside it:
//! `lane` (the timeline's lanes), `starts` (columns of start days and
//! the counts read from them), `columns` (marks and ranks by event) and
//! `order` (events in date order, and every query on an order).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::data::derived::plotting::{PlotAxis, Plotting};
use crate::data::format::validate::parse_hex_color;
use crate::data::map::area::computed_series;
use crate::data::model::date::{DayNumber, PartialDate};
use crate::data::model::{Confidence, ControlSeries, Dataset};

mod columns;
mod lane;
mod order;
mod starts;

pub use columns::{NOT_SHOWN, PackedMarks, Ranks};
pub use lane::Lane;
use lane::LaneWriter;
pub(crate) use order::date_key_of;
use order::{DateOrder, StopChecks, date_key, kept_of};
pub use starts::Starts;
use starts::{StartsWriter, whole_day};

/// Where an event sits on the time axis.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct EventSpan {
    /// First day covered (days since 1970-01-01).
    pub start: DayNumber,
    /// Day after the last day covered.
    pub end: DayNumber,
}

/// Events longer than this many days are kept apart in each lane, so that a
/// few multi-year events do not widen every visible-range search.
pub const LONG_SPAN_DAYS: f64 = 400.0;

/// A resolved control series: points on the time axis, in the unit plotted.
#[derive(Clone, Debug)]
pub struct SeriesTrack {
    /// Index in `Dataset::control`.
    pub series: usize,
    /// The actor's index.
    pub actor: usize,
    /// Which plot it goes on.
    pub axis: PlotAxis,
    /// Middle of each point's date and its value in the plotted unit.
    pub points: Vec<[f64; 2]>,
    /// Low and high in the plotted unit, when given.
    pub bounds: Vec<Option<[f64; 2]>>,
}

impl SeriesTrack {
    /// Positions in `points` of the figures plotted in `[from, to]`.
    pub fn points_between(&self, from: DayNumber, to: DayNumber) -> Range<usize> {
        let lo = self.points.partition_point(|p| p[0] < from);
        let hi = self.points.partition_point(|p| p[0] <= to);
        lo..hi.max(lo)
    }
}

/// Events in date order and by lane, with what the binary searches of a frame
/// need: for the whole dataset, or for the events a filter lets through. Panels
/// draw whichever they are given the same way.
#[derive(Clone, Debug, Default)]
pub struct EventOrder {
    /// Event indices in date order (then file order).
    pub chronological: Vec<u32>,
    /// For each event index, its position in `chronological`, if shown.
    pub rank: Arc<Ranks>,
    /// When each event of `chronological` starts.
    pub starts: Starts,
    /// One lane per actor that has events, in the order of `actors`, then a lane
    /// for events with no actor; the same lanes whatever is shown, some empty.
    pub lanes: Vec<Arc<Lane>>,
    /// The events longer than a day, as a lane of their own: what may be under
    /// way at a given time, found without reading the many one-day events.
    pub longer_than_a_day: Arc<Lane>,
}

/// Everything derived from a dataset for display, built once on load.
#[derive(Clone, Debug, Default)]
pub struct DatasetIndex {
    /// Each event's span, by event index.
    pub spans: Vec<EventSpan>,
    /// Every event in date order and by lane; shared with the panels as the
    /// events on show when no filter is set.
    pub order: Arc<EventOrder>,
    /// Where each event's actors start in `actor_list` (one more entry than events).
    actor_offsets: Vec<u32>,
    /// The actor indices of every event, one event after another.
    actor_list: Vec<u32>,
    /// Each event's confidence in date order (as `order.chronological` lists
    /// the events): a filter on confidence reads it in order, rather than
    /// each event's mark at random.
    confidence_by_place: Vec<Confidence>,
    /// Actor index by id.
    pub actor_by_id: HashMap<String, usize>,
    /// Source index by id.
    pub source_by_id: HashMap<String, usize>,
    /// Actor colours as the dataset gives them, as RGB.
    pub actor_colors: Vec<[u8; 3]>,
    /// Actor colours to draw with: on a dark background, then on a light one
    /// (see [`crate::data::derived::palette`]).
    pub readable_colors: [Vec<[u8; 3]>; 2],
    /// Control series on the time axis: the dataset's own, then those
    /// computed from its control maps.
    pub tracks: Vec<SeriesTrack>,
    /// The area of each control map's snapshots, computed on the ellipsoid: one
    /// series per map, numbered after the dataset's own (see [`DatasetIndex::series`]).
    pub computed: Vec<ControlSeries>,
    /// West, south, east and north of every control map's polygons: where the
    /// map looks first when no event has coordinates.
    pub territory_bounds: Option<[f64; 4]>,
    /// First and last day covered by events and figures.
    pub extent: Option<(DayNumber, DayNumber)>,
    /// The earliest date and the latest date (an event's end counts), as written.
    pub date_span: Option<(PartialDate, PartialDate)>,
    /// How many control points the dataset has.
    pub point_count: usize,
    /// How many events give fatalities.
    pub events_with_fatalities: usize,
}

impl DatasetIndex {
    /// Builds the index in O(n log n).
    pub fn build(dataset: &Dataset) -> Self {
        let actor_by_id: HashMap<String, usize> = dataset
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let source_by_id: HashMap<String, usize> = dataset
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let spans: Vec<EventSpan> = dataset
            .events
            .iter()
            .map(|e| EventSpan {
                start: f64::from(e.date().start_day()),
                end: f64::from(e.end().unwrap_or(e.date()).end_day_exclusive()),
            })
            .collect();
        let DateOrder {
            chronological,
            rank,
            starts,
        } = DateOrder::of(&spans);
        let confidence_by_place = confidence_by_place(dataset, &rank);

        let (actor_offsets, actor_list) = actors_by_event(dataset);

        let (lanes, longer_than_a_day) = lanes_of(
            dataset.actors.len(),
            &spans,
            &chronological,
            (&actor_offsets, &actor_list),
        );

        let actor_colors: Vec<[u8; 3]> = dataset
            .actors
            .iter()
            .map(|a| parse_hex_color(&a.color).unwrap_or([128, 128, 128]))
            .collect();
        let readable_colors = [
            crate::data::derived::palette::readable_colors(&actor_colors, true),
            crate::data::derived::palette::readable_colors(&actor_colors, false),
        ];
        let computed: Vec<ControlSeries> = dataset.territory.iter().map(computed_series).collect();
        let territory_bounds = crate::data::map::area::bounds(&dataset.territory);
        let tracks = tracks_of(dataset, &computed, &actor_by_id);

        let extent = extent_of(dataset, &spans, &computed);
        let date_span = date_span_of(dataset);
        let point_count = dataset.control.iter().map(|s| s.points.len()).sum();
        let events_with_fatalities = dataset
            .events
            .iter()
            .filter(|e| e.fatalities().is_some())
            .count();

        Self {
            date_span,
            point_count,
            events_with_fatalities,
            confidence_by_place,
            spans,
            order: Arc::new(EventOrder::new(
                chronological,
                Ranks::Listed(rank),
                starts,
                lanes,
                longer_than_a_day,
            )),
            actor_offsets,
            actor_list,
            actor_by_id,
            source_by_id,
            actor_colors,
            readable_colors,
            tracks,
            computed,
            territory_bounds,
            extent,
        }
    }

    /// Series `i`: the dataset's own control series, then the computed ones.
    pub fn series<'a>(&'a self, dataset: &'a Dataset, i: usize) -> Option<&'a ControlSeries> {
        dataset
            .control
            .get(i)
            .or_else(|| self.computed.get(i.checked_sub(dataset.control.len())?))
    }

    /// Every series, the dataset's own then the computed ones, numbered as
    /// [`DatasetIndex::series`] numbers them.
    pub fn all_series<'a>(
        &'a self,
        dataset: &'a Dataset,
    ) -> impl Iterator<Item = &'a ControlSeries> {
        dataset.control.iter().chain(&self.computed)
    }

    /// Whether series `i` was computed from a control map rather than reported.
    pub fn is_computed(&self, dataset: &Dataset, i: usize) -> bool {
        i >= dataset.control.len() && i < dataset.control.len() + self.computed.len()
    }

    /// Each event's confidence, in the date order of [`DatasetIndex::order`].
    pub fn confidence_by_place(&self) -> &[Confidence] {
        &self.confidence_by_place
    }

    /// The actor indices an event names.
    pub fn actors_of(&self, event: usize) -> &[u32] {
        match (
            self.actor_offsets.get(event),
            self.actor_offsets.get(event + 1),
        ) {
            (Some(&from), Some(&to)) => &self.actor_list[from as usize..to as usize],
            _ => &[],
        }
    }
}

/// Each event's confidence by its place in date order. Read in file order,
/// every write at random, which does not wait as a read at random does.
fn confidence_by_place(dataset: &Dataset, rank: &[u32]) -> Vec<Confidence> {
    let mut by_place = vec![Confidence::Unverified; rank.len()];
    for (&confidence, &place) in dataset.events.confidences().iter().zip(rank) {
        if let Some(at) = by_place.get_mut(place as usize) {
            *at = confidence;
        }
    }
    by_place
}

/// Each event's actors, by index in `Dataset::actors`: event `e`'s are
/// `list[offsets[e]..offsets[e + 1]]`, each actor once.
fn actors_by_event(dataset: &Dataset) -> (Vec<u32>, Vec<u32>) {
    // Actors by the number the event store gives their id, so that each
    // event's actors are found by indexing rather than hashing text.
    let mut actor_of_name = vec![u32::MAX; dataset.events.name_count()];
    for (actor, a) in dataset.actors.iter().enumerate() {
        if let Some(number) = dataset.events.name_number(&a.id) {
            actor_of_name[number as usize] = actor as u32;
        }
    }
    let mut actor_offsets = Vec::with_capacity(dataset.events.len() + 1);
    let mut actor_list = Vec::with_capacity(dataset.events.len() * 2);
    actor_offsets.push(0);
    for e in dataset.events.iter() {
        // Unknown ids cannot occur after validation; they are skipped all the same.
        let known = e
            .actors()
            .numbers()
            .iter()
            .map(|&n| actor_of_name[n as usize]);
        // An actor named twice by one event stands once in its lane.
        let first = actor_list.len();
        for actor in known.filter(|&actor| actor != u32::MAX) {
            if !actor_list[first..].contains(&actor) {
                actor_list.push(actor);
            }
        }
        actor_offsets.push(actor_list.len() as u32);
    }
    actor_list.shrink_to_fit();
    (actor_offsets, actor_list)
}

/// The timeline's lanes (one per actor with events, then one for events with
/// no actor) and the events longer than a day, each in date order.
fn lanes_of(
    actor_count: usize,
    spans: &[EventSpan],
    chronological: &[u32],
    (actor_offsets, actor_list): (&[u32], &[u32]),
) -> (Vec<Arc<Lane>>, Arc<Lane>) {
    // Each lane's size is counted first, so that none grows by copying;
    // then one walk in date order fills every lane, each already sorted,
    // reading each event's span once rather than once per lane it is in.
    let mut per_actor: Vec<LaneWriter> = {
        let mut sizes = vec![0usize; actor_count];
        for &actor in actor_list {
            sizes[actor as usize] += 1;
        }
        sizes.into_iter().map(LaneWriter::with_capacity).collect()
    };
    let with_actors = actor_offsets.windows(2).filter(|w| w[0] < w[1]).count();
    let mut no_actor = LaneWriter::with_capacity(spans.len() - with_actors);
    let mut longer_than_a_day =
        LaneWriter::with_capacity(spans.iter().filter(|s| s.end - s.start > 1.0).count());
    // The walk reads at random (each event's span and actors lie where
    // the file put it): a block's reads are made side by side first, so
    // that their cache misses overlap rather than each being waited on.
    let mut block_spans = [EventSpan::default(); 64];
    let mut block_actors = [(0usize, 0usize, u32::MAX); 64];
    for block in chronological.chunks(64) {
        for ((&event, span), actors) in block.iter().zip(&mut block_spans).zip(&mut block_actors) {
            let e = event as usize;
            *span = spans[e];
            let (from, to) = (actor_offsets[e] as usize, actor_offsets[e + 1] as usize);
            *actors = (from, to, actor_list.get(from).copied().unwrap_or(u32::MAX));
        }
        for ((&event, &span), &(from, to, first)) in
            block.iter().zip(&block_spans).zip(&block_actors)
        {
            if span.end - span.start > 1.0 {
                longer_than_a_day.push(event, span);
            }
            if from == to {
                no_actor.push(event, span);
                continue;
            }
            per_actor[first as usize].push(event, span);
            for &actor in &actor_list[from + 1..to] {
                per_actor[actor as usize].push(event, span);
            }
        }
    }
    let longer_than_a_day = Arc::new(longer_than_a_day.finish(None));
    let mut lanes: Vec<Arc<Lane>> = per_actor
        .into_iter()
        .enumerate()
        .filter(|(_, lane)| !lane.is_empty())
        .map(|(actor, lane)| Arc::new(lane.finish(Some(actor))))
        .collect();
    if !no_actor.is_empty() {
        lanes.push(Arc::new(no_actor.finish(None)));
    }
    (lanes, longer_than_a_day)
}

/// Each control series (the dataset's, then those computed from its maps)
/// whose actor is known, on the time axis in the unit plotted.
fn tracks_of(
    dataset: &Dataset,
    computed: &[ControlSeries],
    actor_by_id: &HashMap<String, usize>,
) -> Vec<SeriesTrack> {
    dataset
        .control
        .iter()
        .chain(computed)
        .enumerate()
        .filter_map(|(series, s)| {
            let actor = *actor_by_id.get(&s.actor)?;
            let plotting = Plotting::of(&s.unit, s.measure);
            let (axis, convert) = (plotting.axis(), |v| plotting.convert(v));
            let points = s
                .points
                .iter()
                .map(|p| [date_middle(p.date), convert(p.value)])
                .collect();
            let bounds = s
                .points
                .iter()
                .map(|p| match (p.low, p.high) {
                    (None, None) => None,
                    (low, high) => {
                        let a = convert(low.unwrap_or(p.value));
                        let b = convert(high.unwrap_or(p.value));
                        Some([a.min(b), a.max(b)])
                    }
                })
                .collect();
            Some(SeriesTrack {
                series,
                actor,
                axis,
                points,
                bounds,
            })
        })
        .collect()
}

/// The days the events and figures cover, from the first to the last.
fn extent_of(
    dataset: &Dataset,
    spans: &[EventSpan],
    computed: &[ControlSeries],
) -> Option<(f64, f64)> {
    let mut extent: Option<(f64, f64)> = None;
    let mut widen = |from: f64, to: f64| {
        extent = Some(match extent {
            Some((a, b)) => (a.min(from), b.max(to)),
            None => (from, to),
        });
    };
    for span in spans {
        widen(span.start, span.end);
    }
    for series in dataset.control.iter().chain(computed) {
        for point in &series.points {
            widen(
                f64::from(point.date.start_day()),
                f64::from(point.date.end_day_exclusive()),
            );
        }
    }
    extent
}

/// The first and last dates of the events and figures, as written.
fn date_span_of(dataset: &Dataset) -> Option<(PartialDate, PartialDate)> {
    let point_dates = || {
        dataset
            .control
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.date))
    };
    let first = dataset
        .events
        .iter()
        .map(|e| e.date())
        .chain(point_dates())
        .min_by_key(|d| d.start_day());
    let last = dataset
        .events
        .iter()
        .map(|e| e.end().unwrap_or(e.date()))
        .chain(point_dates())
        .max_by_key(|d| d.end_day_exclusive());
    first.zip(last)
}

/// The middle of the span a date covers: where a figure "as of June 2017" is plotted.
pub fn date_middle(date: PartialDate) -> DayNumber {
    (f64::from(date.start_day()) + f64::from(date.end_day_exclusive())) / 2.0
}

#[cfg(test)]
mod tests;
