//! Events sorted and indexed by time, built once per load, so that every
//! question a frame asks ("which events are in view?", "how many per pixel?")
//! costs a binary search or a subtraction, whatever the size of the dataset.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::data::derived::plotting::{PlotAxis, Plotting};
use crate::data::format::validate::parse_hex_color;
use crate::data::map::area::computed_series;
use crate::data::model::date::{DayNumber, PartialDate};
use crate::data::model::{Confidence, ControlSeries, Dataset};

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

/// One lane of the timeline: the events of one actor, or of no actor.
#[derive(Clone, Debug, Default)]
pub struct Lane {
    /// The actor's index, `None` for events that name no actor.
    pub actor: Option<usize>,
    /// Event indices sorted by start, for events up to [`LONG_SPAN_DAYS`] long.
    pub events: Vec<u32>,
    /// When each of `events` starts.
    pub starts: Starts,
    /// The longest span among `events`, in days.
    pub longest: DayNumber,
    /// Events longer than [`LONG_SPAN_DAYS`], sorted by start.
    pub long_events: Vec<u32>,
}

impl Lane {
    /// A lane of `all` (event indices, any order), drawn for `actor` if any.
    pub fn build(actor: Option<usize>, mut all: Vec<u32>, spans: &[EventSpan]) -> Self {
        // Lanes filled in date order are sorted already: checking is one pass.
        if !all.is_sorted_by_key(|&e| date_key(spans, e)) {
            all.sort_unstable_by_key(|&e| date_key(spans, e));
        }
        let length = |e: u32| spans[e as usize].end - spans[e as usize].start;
        let (events, long_events): (Vec<u32>, Vec<u32>) =
            all.into_iter().partition(|&e| length(e) <= LONG_SPAN_DAYS);
        let starts = Starts::of(
            events
                .iter()
                .map(|&e| whole_day(spans[e as usize].start))
                .collect(),
        );
        let longest = events.iter().map(|&e| length(e)).fold(0.0, f64::max);
        Self {
            actor,
            events,
            starts,
            longest,
            long_events,
        }
    }

    /// The lane with only the events `shown` marks, about `share` of them
    /// (the share of all events marked: room is made for that many, rather
    /// than the lane read twice to count them); `None` once `stop` is set.
    /// Where the lane's starts are counted by day, only its events are read.
    fn keeping(&self, shown: &PackedMarks, share: f64, stop: &AtomicBool) -> Option<Self> {
        let keep = |e: &&u32| shown.get(**e);
        let room = ((self.events.len() as f64 * share * 1.1) as usize + 16).min(self.events.len());
        let mut events = Vec::with_capacity(room);
        let mut starts = StartsWriter::default();
        let mut checks = StopChecks::default();
        let mut block = [0u32; 64];
        for (day, run) in self.starts.runs() {
            if checks.due(run.end) && stop.load(Ordering::Relaxed) {
                return None;
            }
            for part in self.events.get(run).unwrap_or_default().chunks(64) {
                let (_, kept) = kept_of(part, |event| shown.get(event), &mut block);
                events.extend_from_slice(kept);
                starts.push(day, kept.len());
            }
        }
        events.shrink_to_fit();
        Some(Self {
            actor: self.actor,
            events,
            starts: starts.finish(),
            // An upper bound is enough for the window search.
            longest: self.longest,
            long_events: self.long_events.iter().filter(keep).copied().collect(),
        })
    }

    /// Positions in `events` of the events that may overlap `[from, to)`:
    /// every event starting in the window, plus those starting up to the
    /// lane's longest span before it.
    pub fn candidates(&self, from: DayNumber, to: DayNumber) -> Range<usize> {
        let lo = self.starts.before(from - self.longest);
        let hi = self.starts.before(to);
        lo..hi.max(lo)
    }

    /// How many of `events` start in `[from, to)`.
    pub fn count_starting(&self, from: DayNumber, to: DayNumber) -> usize {
        self.starts
            .before(to)
            .saturating_sub(self.starts.before(from))
    }

    /// How many of `events` start in each of the spans between consecutive
    /// `edges` (ascending).
    pub fn counts_between(&self, edges: &[DayNumber]) -> Vec<usize> {
        self.starts.between(edges)
    }

    /// Every event in the lane, short and long.
    pub fn len(&self) -> usize {
        self.events.len() + self.long_events.len()
    }

    /// Whether the lane has no events.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

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

/// How many of `starts` (sorted) fall in each of the spans between
/// consecutive `edges` (ascending): one walk, each search beginning where the
/// last ended. Columns with crowded days use [`DayCounts`] instead.
pub fn counts_between(starts: &[i32], edges: &[DayNumber]) -> Vec<usize> {
    let Some((&first, rest)) = edges.split_first() else {
        return Vec::new();
    };
    let mut lo = starting_before(starts, first);
    rest.iter()
        .map(|&edge| {
            let hi = lo + starting_before(&starts[lo..], edge);
            let count = hi - lo;
            lo = hi;
            count
        })
        .collect()
}

/// How many of `starts` (sorted whole days) fall before `time`: a binary
/// search; none before a time that is not a number.
pub fn starting_before(starts: &[i32], time: DayNumber) -> usize {
    starts.partition_point(|&s| f64::from(s) < time)
}

/// An event's start as a whole day number: starts come from dates, so the
/// conversion is exact.
fn whole_day(start: DayNumber) -> i32 {
    start as i32
}

/// Marks by event index, one bit each.
#[derive(Clone, Debug, Default)]
pub struct PackedMarks(Vec<u64>);

impl PackedMarks {
    /// `marks` packed.
    pub fn of(marks: &[bool]) -> Self {
        Self::of_each(marks, |&mark| mark)
    }

    /// Marks each of `items` that `marked` says to, by its place: sixty-four
    /// tests make a word, with no branch on their answers.
    pub fn of_each<T>(items: &[T], marked: impl Fn(&T) -> bool) -> Self {
        Self(
            items
                .chunks(64)
                .map(|chunk| {
                    chunk.iter().enumerate().fold(0u64, |word, (bit, item)| {
                        word | (u64::from(marked(item)) << bit)
                    })
                })
                .collect(),
        )
    }

    /// The marks, sixty-four to a word, the first in the lowest bit.
    fn into_words(self) -> Vec<u64> {
        self.0
    }

    /// Room for `events` marks, none set.
    pub fn with_len(events: usize) -> Self {
        Self(vec![0; events.div_ceil(64)])
    }

    /// `events` marks, all set.
    pub fn all(events: usize) -> Self {
        let mut words = vec![u64::MAX; events.div_ceil(64)];
        if let Some(last) = words.last_mut()
            && !events.is_multiple_of(64)
        {
            *last = (1u64 << (events % 64)) - 1;
        }
        Self(words)
    }

    /// The marks set both here and in `other` (none past the shorter).
    pub fn and(&self, other: &Self) -> Self {
        Self(self.0.iter().zip(&other.0).map(|(a, b)| a & b).collect())
    }

    /// Marks `event` (nothing past the room made).
    pub fn mark(&mut self, event: usize) {
        if let Some(word) = self.0.get_mut(event / 64) {
            *word |= 1 << (event % 64);
        }
    }

    /// How many are marked.
    pub fn count(&self) -> usize {
        self.0.iter().map(|word| word.count_ones() as usize).sum()
    }

    /// Whether `event` is marked (events past the marks are not).
    pub fn get(&self, event: u32) -> bool {
        self.0
            .get(event as usize / 64)
            .is_some_and(|word| (word >> (event % 64)) & 1 == 1)
    }

    /// The marked events, in order.
    pub fn marked(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    w * 64 + bit
                })
            })
        })
    }
}

/// How many of a sorted column of start days fall before each day. Starts are
/// whole days, so the starts before any time are those before the next whole
/// day: counting the starts between two times is two reads, at any size and
/// with no cache misses, where a binary search over ten million starts misses
/// the cache at each of its last dozen steps. Kept only where the starts
/// outnumber the days they span, so it is never larger than the column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DayCounts {
    /// The first start's day.
    first: i32,
    /// `before[k]`: how many start before day `first + k`; one more entry
    /// than the days spanned.
    before: Vec<u32>,
}

impl DayCounts {
    /// The counts for `starts` (sorted), or `None` where they are sparser than
    /// the days they span.
    pub fn of(starts: &[i32]) -> Option<Self> {
        let (&first, &last) = (starts.first()?, starts.last()?);
        let days = i64::from(last) - i64::from(first) + 1;
        if !(days >= 1 && days < starts.len() as i64) || starts.len() > u32::MAX as usize {
            return None;
        }
        let mut before = vec![0u32; days as usize + 1];
        for &start in starts {
            if !(first..=last).contains(&start) {
                return None;
            }
            before[(i64::from(start) - i64::from(first)) as usize + 1] += 1;
        }
        for day in 1..before.len() {
            before[day] += before[day - 1];
        }
        Some(Self { first, before })
    }

    /// How many start before `time`.
    pub fn before(&self, time: DayNumber) -> usize {
        let day = (time - f64::from(self.first)).ceil();
        let last = self.before.len() - 1;
        if day.is_nan() || day <= 0.0 {
            0
        } else if day >= last as f64 {
            self.before[last] as usize
        } else {
            self.before[day as usize] as usize
        }
    }

    /// How many start in each of the spans between consecutive `edges`.
    pub fn between(&self, edges: &[DayNumber]) -> Vec<usize> {
        edges
            .windows(2)
            .map(|pair| self.before(pair[1]).saturating_sub(self.before(pair[0])))
            .collect()
    }
}

/// When each event of a column sorted by start begins, in whole days: listed
/// where the events are sparser than the days they span, counted by day where
/// they are crowded. The answers are the same; counted, the column takes a
/// few kilobytes however many events it holds, and a filter reads only the
/// events beside it.
#[derive(Clone, Debug, PartialEq)]
pub enum Starts {
    /// One start per event.
    Listed(Vec<i32>),
    /// How many start before each day.
    Counted(DayCounts),
}

impl Default for Starts {
    fn default() -> Self {
        Self::Listed(Vec::new())
    }
}

impl Starts {
    /// The column for `starts` (sorted), counted where that is smaller.
    pub fn of(starts: Vec<i32>) -> Self {
        match DayCounts::of(&starts) {
            Some(counts) => Self::Counted(counts),
            None => Self::Listed(starts),
        }
    }

    /// How many events start before `time`.
    pub fn before(&self, time: DayNumber) -> usize {
        match self {
            Self::Listed(starts) => starting_before(starts, time),
            Self::Counted(counts) => counts.before(time),
        }
    }

    /// How many events start on or before `time`.
    pub fn on_or_before(&self, time: DayNumber) -> usize {
        // Starts are whole days: those on or before `time` are those before
        // the next whole day.
        self.before(time.floor() + 1.0)
    }

    /// How many start in each of the spans between consecutive `edges`
    /// (ascending).
    pub fn between(&self, edges: &[DayNumber]) -> Vec<usize> {
        match self {
            Self::Listed(starts) => counts_between(starts, edges),
            Self::Counted(counts) => counts.between(edges),
        }
    }

    /// How many events the column is for.
    pub fn len(&self) -> usize {
        match self {
            Self::Listed(starts) => starts.len(),
            Self::Counted(counts) => counts.before.last().map_or(0, |&n| n as usize),
        }
    }

    /// Whether the column is for no event.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The events' positions in runs that start on the same day, each with
    /// its day.
    pub fn runs(&self) -> Box<dyn Iterator<Item = (i32, Range<usize>)> + '_> {
        match self {
            Self::Counted(counts) => Box::new(
                counts
                    .before
                    .windows(2)
                    .zip(counts.first..)
                    .filter(|(pair, _)| pair[1] > pair[0])
                    .map(|(pair, day)| (day, pair[0] as usize..pair[1] as usize)),
            ),
            Self::Listed(starts) => {
                let mut at = 0;
                Box::new(starts.chunk_by(|a, b| a == b).map(move |run| {
                    let positions = at..at + run.len();
                    at = positions.end;
                    (run.first().copied().unwrap_or_default(), positions)
                }))
            }
        }
    }
}

/// A column of starts written in date order, a day and how many start on it
/// at a time, never one start per event.
#[derive(Default)]
struct StartsWriter {
    /// Each day written, with how many start on it.
    days: Vec<(i32, u32)>,
    /// How many starts in all.
    count: usize,
}

impl StartsWriter {
    /// `count` more events starting on `day` (not before the last day written).
    fn push(&mut self, day: i32, count: usize) {
        if count == 0 {
            return;
        }
        self.count += count;
        match self.days.last_mut() {
            Some((last, n)) if *last == day => *n += count as u32,
            _ => self.days.push((day, count as u32)),
        }
    }

    /// The column written, counted where the events outnumber the days.
    fn finish(self) -> Starts {
        let (Some(&(first, _)), Some(&(last, _))) = (self.days.first(), self.days.last()) else {
            return Starts::default();
        };
        let days = i64::from(last) - i64::from(first) + 1;
        if days < self.count as i64 && self.count <= u32::MAX as usize {
            let mut before = vec![0u32; days as usize + 1];
            for &(day, n) in &self.days {
                before[(i64::from(day) - i64::from(first)) as usize + 1] = n;
            }
            for day in 1..before.len() {
                before[day] += before[day - 1];
            }
            Starts::Counted(DayCounts { first, before })
        } else {
            Starts::Listed(
                self.days
                    .iter()
                    .flat_map(|&(day, n)| std::iter::repeat_n(day, n as usize))
                    .collect(),
            )
        }
    }
}

/// The events of `part` (at most 64) that `kept` keeps, in order, written
/// into `room`, and which of them, one bit each by place. No branch hangs on
/// an answer, so the reads of marks behind the answers, at random through
/// a table larger than a core's own cache, are made side by side rather than
/// each waited on: with a branch, every event kept or not against the guess
/// stalled on its read.
fn kept_of<'r>(
    part: &[u32],
    kept: impl Fn(u32) -> bool,
    room: &'r mut [u32; 64],
) -> (u64, &'r [u32]) {
    let (mut bits, mut count) = (0u64, 0usize);
    for (bit, &event) in part.iter().take(64).enumerate() {
        let keep = kept(event);
        room[count] = event;
        count += usize::from(keep);
        bits |= u64::from(keep) << bit;
    }
    (bits, &room[..count])
}

/// When a long pass last asked whether its work is still wanted: it asks once
/// per [`StopChecks::EVERY`] positions, however its runs fall.
#[derive(Default)]
struct StopChecks {
    next: usize,
}

impl StopChecks {
    const EVERY: usize = 65_536;

    /// Whether to ask, the pass having reached position `at`.
    fn due(&mut self, at: usize) -> bool {
        let due = at >= self.next;
        if due {
            self.next = at + Self::EVERY;
        }
        due
    }
}

/// An event's place in date order: its first day, then its index, in one
/// integer, so that sorting compares integers and never looks an event up twice.
fn date_key(spans: &[EventSpan], event: u32) -> u64 {
    date_key_of(spans[event as usize].start, event)
}

/// [`date_key`] of an event starting on day `start`. Every order and lane of
/// the index is sorted by it.
pub(crate) fn date_key_of(start: DayNumber, event: u32) -> u64 {
    // A start is a whole day number (an `i32`), so the conversion is exact.
    let day = start as i64 - i64::from(i32::MIN);
    ((day as u64) << 32) | u64::from(event)
}

/// Every event in date order (then file order), where each event stands in
/// it, and when each of them starts.
struct DateOrder {
    chronological: Vec<u32>,
    rank: Vec<u32>,
    starts: Starts,
}

impl DateOrder {
    /// Past this many days more than twice the events, the dates are too
    /// spread out to count events by day: they are sorted instead.
    const MOST_SPARE_DAYS: i64 = 4096;

    /// The order of the events whose spans are `spans`.
    fn of(spans: &[EventSpan]) -> Self {
        Self::counted_by_day(spans).unwrap_or_else(|| Self::sorted(spans))
    }

    /// By counting how many events start on each day and placing each event
    /// after those before its day: two passes in file order, where sorting
    /// ten million keys took most of an index's time, and the starts come
    /// from the counts. `None` where the days spanned far outnumber the events.
    fn counted_by_day(spans: &[EventSpan]) -> Option<Self> {
        let first = spans.iter().map(|s| whole_day(s.start)).min()?;
        let last = spans.iter().map(|s| whole_day(s.start)).max()?;
        let days = i64::from(last) - i64::from(first) + 1;
        if days > 2 * spans.len() as i64 + Self::MOST_SPARE_DAYS || spans.len() > u32::MAX as usize
        {
            return None;
        }
        let day_of =
            |span: &EventSpan| (i64::from(whole_day(span.start)) - i64::from(first)) as usize;
        // `next[d]`: where the next event starting on day `first + d` goes.
        let mut next = vec![0u32; days as usize + 1];
        for span in spans {
            next[day_of(span) + 1] += 1;
        }
        let mut starts = StartsWriter::default();
        for (day, count) in (first..).zip(&next[1..]) {
            starts.push(day, *count as usize);
        }
        for d in 1..next.len() {
            next[d] += next[d - 1];
        }
        let mut chronological = vec![0u32; spans.len()];
        let mut rank = vec![0u32; spans.len()];
        for (event, span) in spans.iter().enumerate() {
            let place = &mut next[day_of(span)];
            chronological[*place as usize] = event as u32;
            rank[event] = *place;
            *place += 1;
        }
        Some(Self {
            chronological,
            rank,
            starts: starts.finish(),
        })
    }

    /// By sorting each event's day and index as one integer.
    fn sorted(spans: &[EventSpan]) -> Self {
        let mut keys: Vec<u64> = (0..spans.len() as u32)
            .map(|e| date_key(spans, e))
            .collect();
        keys.sort_unstable();
        let chronological: Vec<u32> = keys.into_iter().map(|key| key as u32).collect();
        let mut rank = vec![0u32; chronological.len()];
        for (position, &event) in chronological.iter().enumerate() {
            rank[event as usize] = position as u32;
        }
        let starts = Starts::of(
            chronological
                .iter()
                .map(|&e| whole_day(spans[e as usize].start))
                .collect(),
        );
        Self {
            chronological,
            rank,
            starts,
        }
    }
}

/// A lane written one event at a time in date order: what [`Lane::build`]
/// makes of the same events, without looking any of them up again.
struct LaneWriter {
    events: Vec<u32>,
    starts: StartsWriter,
    longest: DayNumber,
    long_events: Vec<u32>,
}

impl LaneWriter {
    /// A lane with room for `events`.
    fn with_capacity(events: usize) -> Self {
        Self {
            events: Vec::with_capacity(events),
            starts: StartsWriter::default(),
            longest: 0.0,
            long_events: Vec::new(),
        }
    }

    /// `event`, spanning `span`, after every event written so far.
    fn push(&mut self, event: u32, span: EventSpan) {
        let length = span.end - span.start;
        if length <= LONG_SPAN_DAYS {
            self.events.push(event);
            self.starts.push(whole_day(span.start), 1);
            self.longest = self.longest.max(length);
        } else {
            self.long_events.push(event);
        }
    }

    /// Whether no event was written.
    fn is_empty(&self) -> bool {
        self.events.is_empty() && self.long_events.is_empty()
    }

    /// The lane, drawn for `actor` if any.
    fn finish(mut self, actor: Option<usize>) -> Lane {
        if !self.long_events.is_empty() {
            self.events.shrink_to_fit();
        }
        Lane {
            actor,
            events: self.events,
            starts: self.starts.finish(),
            longest: self.longest,
            long_events: self.long_events,
        }
    }
}

/// The rank of an event that an [`EventOrder`] leaves out.
pub const NOT_SHOWN: u32 = u32::MAX;

/// Each event's place in an order's date order. The whole order lists them,
/// one per event; a filtered order keeps only which places of the order it
/// was filtered from it kept, and a count per 64 of them, and works a place
/// out when asked. Writing ten million places at random, most of them
/// [`NOT_SHOWN`], was a third of a filter's time.
#[derive(Clone, Debug)]
pub enum Ranks {
    /// The whole order, which shows every event: by event index, its place.
    Listed(Vec<u32>),
    /// The places kept of `base`'s order.
    Kept {
        /// The ranks of the order filtered.
        base: Arc<Ranks>,
        /// Which places of the order filtered are kept, one bit each.
        places: Vec<u64>,
        /// How many are kept before each word of `places`.
        before: Vec<u32>,
        /// Which events are shown, by event index, one bit each: whether an
        /// event is shown is one read in a table an eighth of a byte per
        /// event, which the map reads for every located event.
        shown: PackedMarks,
    },
}

impl Default for Ranks {
    fn default() -> Self {
        Self::Listed(Vec::new())
    }
}

impl Ranks {
    /// The place of `event` in the order, `None` when the order leaves it out.
    #[inline]
    pub fn get(&self, event: usize) -> Option<usize> {
        match self {
            Self::Listed(ranks) => ranks
                .get(event)
                .filter(|&&r| r != NOT_SHOWN)
                .map(|&r| r as usize),
            Self::Kept {
                base,
                places,
                before,
                ..
            } => {
                let old = base.get(event)?;
                let (word, bit) = (old / 64, old % 64);
                let bits = *places.get(word)?;
                ((bits >> bit) & 1 == 1).then(|| {
                    before.get(word).map_or(0, |&b| b as usize)
                        + (bits & ((1u64 << bit) - 1)).count_ones() as usize
                })
            }
        }
    }

    /// Whether the order shows `event`, without reading its place.
    #[inline]
    pub fn shows(&self, event: usize) -> bool {
        match self {
            Self::Listed(ranks) => event < ranks.len(),
            Self::Kept { shown, .. } => u32::try_from(event).is_ok_and(|event| shown.get(event)),
        }
    }

    /// Which events are shown, by event index.
    fn shown(&self) -> PackedMarks {
        match self {
            Self::Listed(ranks) => PackedMarks::all(ranks.len()),
            Self::Kept { shown, .. } => shown.clone(),
        }
    }

    /// How many events the ranks are for (every event of the dataset).
    pub fn len(&self) -> usize {
        match self {
            Self::Listed(ranks) => ranks.len(),
            Self::Kept { base, .. } => base.len(),
        }
    }

    /// Whether the ranks are for no event.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
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
        // Each confidence written to its event's place: read in file order,
        // every write at random, which does not wait as a read at random does.
        let mut confidence_by_place = vec![Confidence::Unverified; rank.len()];
        for (&confidence, &place) in dataset.events.confidences().iter().zip(&rank) {
            if let Some(at) = confidence_by_place.get_mut(place as usize) {
                *at = confidence;
            }
        }

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

        // Each lane's size is counted first, so that none grows by copying;
        // then one walk in date order fills every lane, each already sorted,
        // reading each event's span once rather than once per lane it is in.
        let mut per_actor: Vec<LaneWriter> = {
            let mut sizes = vec![0usize; dataset.actors.len()];
            for &actor in &actor_list {
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
            for ((&event, span), actors) in
                block.iter().zip(&mut block_spans).zip(&mut block_actors)
            {
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
        let tracks = dataset
            .control
            .iter()
            .chain(&computed)
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
            .collect();

        let mut extent: Option<(f64, f64)> = None;
        let mut widen = |from: f64, to: f64| {
            extent = Some(match extent {
                Some((a, b)) => (a.min(from), b.max(to)),
                None => (from, to),
            });
        };
        for span in &spans {
            widen(span.start, span.end);
        }
        for series in dataset.control.iter().chain(&computed) {
            for point in &series.points {
                widen(
                    f64::from(point.date.start_day()),
                    f64::from(point.date.end_day_exclusive()),
                );
            }
        }

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
        let date_span = first.zip(last);
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

impl EventOrder {
    /// An order of its parts.
    fn new(
        chronological: Vec<u32>,
        rank: Ranks,
        starts: Starts,
        lanes: Vec<Arc<Lane>>,
        longer_than_a_day: Arc<Lane>,
    ) -> Self {
        Self {
            chronological,
            rank: Arc::new(rank),
            starts,
            lanes,
            longer_than_a_day,
        }
    }

    /// The event after (`forward`) or before `event` in date order; at either end,
    /// the event itself.
    pub fn step_from(&self, event: usize, forward: bool) -> Option<usize> {
        let rank = self.rank.get(event)?;
        let position = if forward {
            (rank + 1).min(self.chronological.len().saturating_sub(1))
        } else {
            rank.saturating_sub(1)
        };
        self.chronological.get(position).map(|&e| e as usize)
    }

    /// The first event starting on or after `day` (`forward`), or the last one
    /// starting on or before it; the nearest end when there is none that side.
    pub fn first_from(&self, day: DayNumber, forward: bool) -> Option<usize> {
        let last = self.chronological.len().checked_sub(1)?;
        let position = if forward {
            self.starts.before(day).min(last)
        } else {
            self.starts.on_or_before(day).saturating_sub(1)
        };
        self.chronological.get(position).map(|&e| e as usize)
    }

    /// Positions in `chronological` of the events starting in `[from, to)`.
    pub fn starting_in(&self, from: DayNumber, to: DayNumber) -> Range<usize> {
        let lo = self.starts.before(from);
        let hi = self.starts.before(to);
        lo..hi.max(lo)
    }

    /// How many events start in each of the spans between consecutive `edges`
    /// (ascending).
    pub fn counts_between(&self, edges: &[DayNumber]) -> Vec<usize> {
        self.starts.between(edges)
    }

    /// The events of `self` that `keep` (by event index) lets through, in the
    /// same order and lanes. `None` when `cancelled` says to give up. O(n), no
    /// sorting. The marks are packed into bits first: read in date order they
    /// are read at random, and ten million bits stay in the cache where ten
    /// million bytes do not.
    pub fn filtered(&self, keep: &[bool], cancelled: &dyn Fn() -> bool) -> Option<Self> {
        self.filtered_by_bits(&PackedMarks::of(keep), cancelled)
    }

    /// [`EventOrder::filtered`] for marks already packed into bits.
    pub fn filtered_by_bits(
        &self,
        keep: &PackedMarks,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Self> {
        self.filtered_with(keep, None, &[], cancelled)
    }

    /// [`EventOrder::filtered_by_bits`] where the same events are marked by
    /// their place in this order too (`places`, one bit per place of
    /// `chronological`): the date order is then read in order, its marks
    /// with it, and only the lanes read marks by event.
    pub fn filtered_by_places(
        &self,
        keep: &PackedMarks,
        places: PackedMarks,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Self> {
        self.filtered_with(keep, Some(places), &[], cancelled)
    }

    /// [`EventOrder::filtered_by_bits`] for a filter on actors alone: `keep`
    /// marks the events in the lanes of the actors `chosen` picks, so those
    /// lanes pass whole, shared with this order rather than read again.
    pub fn filtered_to_actors(
        &self,
        keep: &PackedMarks,
        chosen: impl Fn(usize) -> bool,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Self> {
        let whole: Vec<bool> = self
            .lanes
            .iter()
            .map(|lane| lane.actor.is_some_and(&chosen))
            .collect();
        self.filtered_with(keep, None, &whole, cancelled)
    }

    /// The filtered order, its date order read from `places` when given; the
    /// lanes `whole` marks (by place in `lanes`) are kept as they are.
    fn filtered_with(
        &self,
        keep: &PackedMarks,
        places: Option<PackedMarks>,
        whole: &[bool],
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Self> {
        // The date order is worked out here while a second thread filters
        // the lanes, largest first; once the order is done this thread takes
        // lanes too, so that neither waits on the other. Both only read the
        // marks. This thread asks whether the work is still wanted and tells
        // the other, so that work given up stops on both (a filter changed
        // every frame must not leave threads filtering lanes behind it).
        let stop = AtomicBool::new(false);
        let still_wanted = || {
            if cancelled() {
                stop.store(true, Ordering::Relaxed);
            }
            !stop.load(Ordering::Relaxed)
        };
        let marked = keep.count();
        let share = marked as f64 / self.rank.len().max(1) as f64;
        let every_lane: Vec<&Arc<Lane>> =
            self.lanes.iter().chain([&self.longer_than_a_day]).collect();
        let mut largest_first: Vec<usize> = (0..every_lane.len()).collect();
        largest_first.sort_by_key(|&i| {
            std::cmp::Reverse(every_lane[i].events.len() + every_lane[i].long_events.len())
        });
        let next_lane = AtomicUsize::new(0);
        // Lanes taken in turn until none is left; each kept with its place.
        let take_lanes = |wanted: &dyn Fn() -> bool| {
            let mut done = Vec::new();
            while let Some(&i) = largest_first.get(next_lane.fetch_add(1, Ordering::Relaxed)) {
                if !wanted() {
                    return None;
                }
                let lane = every_lane[i];
                let kept = if whole.get(i).copied().unwrap_or(false) {
                    Arc::clone(lane)
                } else {
                    Arc::new(lane.keeping(keep, share, &stop)?)
                };
                done.push((i, kept));
            }
            Some(done)
        };
        std::thread::scope(|scope| {
            let helper = scope.spawn(|| take_lanes(&|| !stop.load(Ordering::Relaxed)));
            let wanted = || !still_wanted();
            let order = match places {
                Some(places) => self.order_at_places(keep, places, marked, &wanted),
                None => self.filtered_order(keep, marked, &wanted),
            };
            let here = match order {
                Some(_) => take_lanes(&still_wanted),
                None => None,
            };
            if here.is_none() {
                stop.store(true, Ordering::Relaxed);
            }
            let there = helper
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let (chronological, starts, rank) = order?;
            let mut lanes: Vec<Option<Arc<Lane>>> = every_lane.iter().map(|_| None).collect();
            for (i, lane) in here?.into_iter().chain(there?) {
                lanes[i] = Some(lane);
            }
            let mut lanes: Vec<Arc<Lane>> =
                lanes.into_iter().map(Option::unwrap_or_default).collect();
            let longer_than_a_day = lanes.pop().unwrap_or_default();
            Some(Self::new(
                chronological,
                rank,
                starts,
                lanes,
                longer_than_a_day,
            ))
        })
    }

    /// The date order, its starts and the ranks of the events at the places
    /// `places` marks (`marked` of them; `keep` marks the same events by
    /// index): read in order, a word of marks at a time, only the kept events
    /// looked at.
    fn order_at_places(
        &self,
        keep: &PackedMarks,
        places: PackedMarks,
        marked: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<(Vec<u32>, Starts, Ranks)> {
        let mut places = places.into_words();
        places.resize(self.chronological.len().div_ceil(64), 0);
        if let Some(last) = places.last_mut()
            && !self.chronological.len().is_multiple_of(64)
        {
            *last &= (1u64 << (self.chronological.len() % 64)) - 1;
        }
        let mut chronological = Vec::with_capacity(marked.min(self.chronological.len()));
        let mut starts = StartsWriter::default();
        self.each_part_of_a_word(cancelled, |day, part| {
            let width = part.end - part.start;
            let mut bits =
                (places[part.start / 64] >> (part.start % 64)) & (u64::MAX >> (64 - width));
            let before = chronological.len();
            while bits != 0 {
                let event = self.chronological[part.start + bits.trailing_zeros() as usize];
                chronological.push(event);
                bits &= bits - 1;
            }
            starts.push(day, chronological.len() - before);
        })?;
        Some((
            chronological,
            starts.finish(),
            self.kept_ranks(keep, places),
        ))
    }

    /// The date order, its starts and the ranks of the events `keep` marks
    /// (`marked` of them). Where the order's starts are counted by day, only
    /// its events are read.
    fn filtered_order(
        &self,
        keep: &PackedMarks,
        marked: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<(Vec<u32>, Starts, Ranks)> {
        let events = self.rank.len();
        let kept = |event: u32| keep.get(event) & ((event as usize) < events);
        // The marks' count is exact for the whole order and an upper bound for
        // a filtered one: no pass to count first.
        let count = marked.min(self.chronological.len());
        let mut chronological = Vec::with_capacity(count);
        let mut starts = StartsWriter::default();
        // Which places of `self.chronological` are kept, one bit each: with a
        // count per word, what each event's new rank is worked out from when
        // asked (see [`Ranks`]).
        let mut places = vec![0u64; self.chronological.len().div_ceil(64)];
        let mut block = [0u32; 64];
        self.each_part_of_a_word(cancelled, |day, part| {
            let at = part.start;
            let events = self.chronological.get(part).unwrap_or_default();
            let (bits, kept) = kept_of(events, kept, &mut block);
            places[at / 64] |= bits << (at % 64);
            chronological.extend_from_slice(kept);
            starts.push(day, kept.len());
        })?;
        Some((
            chronological,
            starts.finish(),
            self.kept_ranks(keep, places),
        ))
    }

    /// Calls `event` with each event in the lanes of the actors `chosen`
    /// picks (an event in two such lanes, twice), in lane order; `None` once
    /// `cancelled` says to give up.
    pub fn each_event_of_actors(
        &self,
        chosen: impl Fn(usize) -> bool,
        cancelled: &dyn Fn() -> bool,
        mut event: impl FnMut(u32),
    ) -> Option<()> {
        let lanes = self.lanes.iter();
        for lane in lanes.filter(|lane| lane.actor.is_some_and(&chosen)) {
            for part in [&lane.events, &lane.long_events] {
                for chunk in part.chunks(65_536) {
                    if cancelled() {
                        return None;
                    }
                    chunk.iter().copied().for_each(&mut event);
                }
            }
        }
        Some(())
    }

    /// Calls `part` with each run of places of `chronological` that start on
    /// the same day and fall in one word of marks, with its day, in order;
    /// `None` once `cancelled` says to give up.
    fn each_part_of_a_word(
        &self,
        cancelled: &dyn Fn() -> bool,
        mut part: impl FnMut(i32, Range<usize>),
    ) -> Option<()> {
        let mut checks = StopChecks::default();
        for (day, run) in self.starts.runs() {
            if checks.due(run.end) && cancelled() {
                return None;
            }
            let mut at = run.start;
            while at < run.end {
                let end = run.end.min((at / 64 + 1) * 64);
                part(day, at..end);
                at = end;
            }
        }
        Some(())
    }

    /// The ranks of an order filtered from this one, keeping the events
    /// `keep` marks, which stand at the places `places` marks.
    fn kept_ranks(&self, keep: &PackedMarks, places: Vec<u64>) -> Ranks {
        let mut before = Vec::with_capacity(places.len());
        let mut so_far = 0u32;
        for word in &places {
            before.push(so_far);
            so_far += word.count_ones();
        }
        Ranks::Kept {
            shown: self.rank.shown().and(keep),
            base: Arc::clone(&self.rank),
            places,
            before,
        }
    }

    /// How many events are shown.
    pub fn len(&self) -> usize {
        self.chronological.len()
    }

    /// Whether no event is shown.
    pub fn is_empty(&self) -> bool {
        self.chronological.is_empty()
    }
}

/// The middle of the span a date covers: where a figure "as of June 2017" is plotted.
pub fn date_middle(date: PartialDate) -> DayNumber {
    (f64::from(date.start_day()) + f64::from(date.end_day_exclusive())) / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Confidence, Event};
    use proptest::prelude::*;

    fn spans_of(days: &[(i32, u16)]) -> Vec<EventSpan> {
        days.iter()
            .map(|&(start, length)| EventSpan {
                start: f64::from(start),
                end: f64::from(start) + f64::from(length.max(1)),
            })
            .collect()
    }

    fn same_lanes(written: &Lane, built: &Lane) {
        assert_eq!(written.events, built.events);
        assert_eq!(written.starts, built.starts);
        assert_eq!(written.longest, built.longest);
        assert_eq!(written.long_events, built.long_events);
    }

    proptest! {
        /// Counting events by day gives the order, ranks and starts that
        /// sorting them gives, with crowded days, lone days far apart and
        /// long events alike; a lane written in that order is the lane built
        /// from its events.
        #[test]
        fn events_counted_by_day_fall_in_the_order_sorting_gives(
            days in proptest::collection::vec((0i32..60, 0u16..900), 0..300),
            spread in prop_oneof![Just(1i32), Just(37), Just(5000)],
            every in 1usize..4,
        ) {
            let days: Vec<(i32, u16)> =
                days.iter().map(|&(d, l)| (d * spread - 700_000, l)).collect();
            let spans = spans_of(&days);
            let sorted = DateOrder::sorted(&spans);
            match DateOrder::counted_by_day(&spans) {
                Some(counted) => {
                    prop_assert_eq!(&counted.chronological, &sorted.chronological);
                    prop_assert_eq!(&counted.rank, &sorted.rank);
                    prop_assert_eq!(&counted.starts, &sorted.starts);
                }
                None => prop_assert!(spans.is_empty() || spread == 5000),
            }
            let some: Vec<u32> = sorted
                .chronological
                .iter()
                .copied()
                .filter(|&e| (e as usize).is_multiple_of(every))
                .collect();
            let mut writer = LaneWriter::with_capacity(some.len());
            for &e in &some {
                writer.push(e, spans[e as usize]);
            }
            same_lanes(&writer.finish(Some(2)), &Lane::build(Some(2), some, &spans));
        }
    }

    /// 400 events over a year: a quarter with no actor, the rest with one or
    /// both of two actors, some running on for a year or more.
    fn two_actors_dataset() -> Dataset {
        let mut events: Vec<Event> = (0..400)
            .map(|i| {
                event(
                    &format!("e{i}"),
                    &format!("2015-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                )
            })
            .collect();
        for (i, e) in events.iter_mut().enumerate() {
            e.actors = match i % 4 {
                0 => Vec::new(),
                1 => vec!["a".into()],
                2 => vec!["b".into(), "a".into()],
                _ => vec!["b".into()],
            };
            if i % 9 == 0 {
                e.end = Some(
                    format!("2016-{:02}", 1 + i % 12)
                        .parse()
                        .expect("a valid date"),
                );
            }
        }
        let actor = |id: &str| crate::data::Actor {
            id: id.to_owned(),
            name: id.to_owned(),
            short: id.to_owned(),
            color: "#808080".to_owned(),
            aliases: Vec::new(),
            kind: None,
        };
        dataset_of(vec![actor("a"), actor("b")], events)
    }

    #[test]
    fn an_index_by_counting_keeps_every_lane_and_the_longer_events_as_sorting_did() {
        let dataset = two_actors_dataset();
        let index = DatasetIndex::build(&dataset);
        let order = &index.order;
        for lane in &order.lanes {
            let members: Vec<u32> = order
                .chronological
                .iter()
                .copied()
                .filter(|&e| {
                    let actors = dataset.events.get(e as usize).map(|e| e.actors().len());
                    match lane.actor {
                        None => actors == Some(0),
                        Some(a) => index.actors_of(e as usize).contains(&(a as u32)),
                    }
                })
                .collect();
            same_lanes(lane, &Lane::build(lane.actor, members, &index.spans));
        }
        let longer: Vec<u32> = order
            .chronological
            .iter()
            .copied()
            .filter(|&e| index.spans[e as usize].end - index.spans[e as usize].start > 1.0)
            .collect();
        assert!(!longer.is_empty());
        same_lanes(
            &order.longer_than_a_day,
            &Lane::build(None, longer, &index.spans),
        );
    }

    fn event(id: &str, date: &str) -> Event {
        Event {
            id: id.into(),
            date: date.parse().expect("a valid date"),
            end: None,
            title: id.to_owned(),
            summary: String::new(),
            place: None,
            actors: Vec::new(),
            tags: Vec::new(),
            confidence: Confidence::Reported,
            cites: Vec::new(),
            disputed_by: Vec::new(),
            extras: None,
        }
    }

    fn dataset_of(actors: Vec<crate::data::Actor>, events: Vec<Event>) -> Dataset {
        Dataset {
            format: 1,
            title: String::new(),
            description: String::new(),
            license: String::new(),
            sources: Vec::new(),
            actors,
            events: events.into_iter().collect(),
            control: Vec::new(),
            territory: Vec::new(),
        }
    }

    fn index_of(dates: &[&str]) -> DatasetIndex {
        DatasetIndex::build(&index_dataset(dates))
    }

    /// Events on `dates`, with no actors, at every confidence level in turn.
    fn index_dataset(dates: &[&str]) -> Dataset {
        let events = dates
            .iter()
            .enumerate()
            .map(|(i, d)| Event {
                confidence: Confidence::ALL[i % Confidence::ALL.len()],
                ..event(&format!("e{i}"), d)
            })
            .collect();
        dataset_of(Vec::new(), events)
    }

    #[test]
    fn counts_between_agree_with_a_search_per_bucket() {
        let starts: Vec<i32> = vec![0, 0, 1, 3, 3, 3, 7, 8, 8, 10, 11, 12, 12, 12, 12, 12, 12];
        for edges in [
            vec![-5.0, 0.0, 0.5, 3.0, 3.0, 9.0, 100.0],
            vec![2.0, 2.5],
            vec![60.0, 70.0],
            vec![f64::NAN, 5.0],
            vec![7.5, 8.0, 8.000_001, 11.999, 12.0, 12.5],
            (0..60).map(f64::from).collect(),
            vec![4.0],
            vec![],
        ] {
            let expected: Vec<usize> = edges
                .windows(2)
                .map(|w| {
                    // Counted one by one: none start before a time that is not a number.
                    let before =
                        |time: f64| starts.iter().filter(|&&s| f64::from(s) < time).count();
                    before(w[1]).saturating_sub(before(w[0]))
                })
                .collect();
            assert_eq!(counts_between(&starts, &edges), expected, "edges {edges:?}");
            let by_day = DayCounts::of(&starts).expect("more starts than days");
            assert_eq!(by_day.between(&edges), expected, "by day, edges {edges:?}");
        }
    }

    #[test]
    fn starts_listed_counted_or_written_by_day_give_the_same_answers() {
        let columns: [Vec<i32>; 5] = [
            vec![0, 0, 1, 3, 3, 3, 7, 8, 8, 10, 11, 12, 12, 12, 12, 12, 12],
            vec![-5, 100, 2_000],
            vec![4; 9],
            vec![7],
            vec![],
        ];
        for column in columns {
            let listed = Starts::Listed(column.clone());
            let mut writer = StartsWriter::default();
            for run in column.chunk_by(|a, b| a == b) {
                // Written in pieces, as a filter writes a day's events.
                let (a, b) = run.split_at(run.len() / 2);
                writer.push(run[0], a.len());
                writer.push(run[0], 0);
                writer.push(run[0], b.len());
            }
            let written = writer.finish();
            assert_eq!(written, Starts::of(column.clone()), "{column:?}");
            for starts in [&written, &listed] {
                assert_eq!(starts.len(), column.len());
                for time in [
                    -6.0,
                    -5.0,
                    0.0,
                    0.5,
                    3.0,
                    7.9,
                    12.0,
                    12.5,
                    2_000.0,
                    f64::NAN,
                ] {
                    let before = column.iter().filter(|&&s| f64::from(s) < time).count();
                    let on_or_before = column.iter().filter(|&&s| f64::from(s) <= time).count();
                    assert_eq!(starts.before(time), before, "{column:?} before {time}");
                    assert_eq!(starts.on_or_before(time), on_or_before, "{column:?} {time}");
                }
                let expanded: Vec<i32> = starts
                    .runs()
                    .flat_map(|(day, run)| std::iter::repeat_n(day, run.len()))
                    .collect();
                assert_eq!(expanded, column, "runs cover every position in order");
                let runs: Vec<usize> = starts.runs().map(|(_, run)| run.start).collect();
                assert!(runs.is_sorted(), "runs in order");
            }
        }
    }

    #[test]
    fn stepping_follows_date_order_and_stops_at_the_ends() {
        // File order is not date order.
        let index = index_of(&["2017-03-01", "2017-01-01", "2017-02-01"]);
        assert_eq!(index.order.step_from(1, true), Some(2));
        assert_eq!(index.order.step_from(2, true), Some(0));
        assert_eq!(index.order.step_from(0, true), Some(0));
        assert_eq!(index.order.step_from(1, false), Some(1));
        assert_eq!(index.order.step_from(7, true), None);
    }

    #[test]
    fn the_first_event_from_a_day_looks_the_right_way() {
        let index = index_of(&["2017-03-01", "2017-01-01", "2017-02-01"]);
        let feb_15 = 17_212.0;
        assert_eq!(index.order.first_from(feb_15, true), Some(0));
        assert_eq!(index.order.first_from(feb_15, false), Some(2));
        assert_eq!(
            index.order.first_from(1e9, true),
            Some(0),
            "past the end: the last"
        );
        assert_eq!(index_of(&[]).order.first_from(0.0, true), None);
    }

    /// 700 dates out of order: enough events that kept places span several
    /// words of bits, on few days so that counts by day are kept too.
    fn crowded_dates() -> Vec<String> {
        (0..700)
            .map(|i| format!("2017-0{}-{:02}", 1 + (i * 7) % 9, 1 + (i * 13) % 28))
            .collect()
    }

    #[test]
    fn a_filter_of_a_filter_ranks_every_event_by_its_place_in_date_order() {
        let dates = crowded_dates();
        let dates: Vec<&str> = dates.iter().map(String::as_str).collect();
        let index = index_of(&dates);
        let first: Vec<bool> = (0..700).map(|e| e % 3 != 0).collect();
        let second: Vec<bool> = (0..700).map(|e| e % 5 != 1).collect();
        let once = index.order.filtered(&first, &|| false).expect("done");
        let twice = once.filtered(&second, &|| false).expect("done");
        let kept_once = |e: usize| first[e];
        let kept_twice = |e: usize| first[e] && second[e];
        for (order, kept) in [
            (&once, &kept_once as &dyn Fn(usize) -> bool),
            (&twice, &kept_twice),
        ] {
            let expected: Vec<u32> = index
                .order
                .chronological
                .iter()
                .copied()
                .filter(|&e| kept(e as usize))
                .collect();
            assert_eq!(order.chronological, expected);
            let expected_starts = Starts::of(
                expected
                    .iter()
                    .map(|&e| whole_day(index.spans[e as usize].start))
                    .collect(),
            );
            assert_eq!(order.starts, expected_starts, "starts of the kept events");
            for event in 0..700 {
                let place = order
                    .chronological
                    .iter()
                    .position(|&e| e as usize == event);
                assert_eq!(order.rank.get(event), place, "event {event}");
                assert_eq!(order.rank.shows(event), place.is_some(), "event {event}");
            }
            assert_eq!(order.rank.len(), 700, "ranks for every event");
        }
        assert!(
            matches!(twice.starts, Starts::Counted(_)),
            "crowded days are counted by day"
        );
    }

    #[test]
    fn a_filter_of_a_filter_keeps_each_lane_in_date_order() {
        let dataset = two_actors_dataset();
        let index = DatasetIndex::build(&dataset);
        let first: Vec<bool> = (0..400).map(|e| e % 3 != 1).collect();
        let second: Vec<bool> = (0..400).map(|e| e % 7 != 2).collect();
        let once = index.order.filtered(&first, &|| false).expect("done");
        let twice = once.filtered(&second, &|| false).expect("done");
        let kept_once = |e: u32| first[e as usize];
        let kept_twice = |e: u32| first[e as usize] && second[e as usize];
        for (order, kept) in [
            (&once, &kept_once as &dyn Fn(u32) -> bool),
            (&twice, &kept_twice),
        ] {
            for (lane, whole) in order
                .lanes
                .iter()
                .zip(&index.order.lanes)
                .chain([(&order.longer_than_a_day, &index.order.longer_than_a_day)])
            {
                let kept_of = |events: &[u32]| -> Vec<u32> {
                    events.iter().copied().filter(|&e| kept(e)).collect()
                };
                assert_eq!(lane.events, kept_of(&whole.events));
                assert_eq!(lane.long_events, kept_of(&whole.long_events));
                assert_eq!(lane.actor, whole.actor);
            }
        }
        assert!(
            twice.longer_than_a_day.len() > 10 && twice.lanes.iter().all(|l| !l.is_empty()),
            "the filters leave events in every lane"
        );
    }

    /// Two orders show the same events the same way: dates, starts, ranks
    /// and lanes.
    fn same_orders(a: &EventOrder, b: &EventOrder, events: usize) {
        assert_eq!(a.chronological, b.chronological);
        assert_eq!(a.starts, b.starts);
        for event in 0..events {
            assert_eq!(a.rank.get(event), b.rank.get(event), "event {event}");
            assert_eq!(a.rank.shows(event), b.rank.shows(event), "event {event}");
        }
        for (x, y) in a.lanes.iter().zip(&b.lanes) {
            same_lanes(x, y);
        }
        same_lanes(&a.longer_than_a_day, &b.longer_than_a_day);
    }

    /// Events on scattered days naming up to three of eight actors, some
    /// one actor twice, some none, one in 23 longer than the long-event cut.
    fn eight_actors_dataset(events: usize) -> Dataset {
        let ids = ["a", "b", "c", "d", "e", "f", "g", "h"];
        let events = (0..events)
            .map(|i| {
                let named = (i * 7) % 4;
                let mut actors: Vec<crate::data::Name> = (0..named)
                    .map(|k| ids[(i * 3 + k * 5) % ids.len()].into())
                    .collect();
                if i % 37 == 0 {
                    actors.push(ids[(i * 3) % ids.len()].into());
                }
                let mut e = event(
                    &format!("e{i}"),
                    &format!("2017-{:02}-{:02}", 1 + (i * 5) % 12, 1 + (i * 11) % 28),
                );
                if i % 23 == 0 {
                    e.end = Some("2019-06".parse().expect("a valid date"));
                }
                Event { actors, ..e }
            })
            .collect();
        let actor = |id: &&str| crate::data::Actor {
            id: (*id).to_owned(),
            name: (*id).to_owned(),
            short: (*id).to_owned(),
            color: "#808080".to_owned(),
            aliases: Vec::new(),
            kind: None,
        };
        dataset_of(ids.iter().map(actor).collect(), events)
    }

    #[test]
    fn a_filter_on_actors_keeps_their_lanes_whole_and_shows_what_their_marks_show() {
        let events = 900;
        let dataset = eight_actors_dataset(events);
        let index = DatasetIndex::build(&dataset);
        let some: Vec<bool> = (0..events).map(|e| e % 4 != 3).collect();
        let filtered = index.order.filtered(&some, &|| false).expect("done");
        for order in [index.order.as_ref(), &filtered] {
            for chosen in [
                vec![0],
                vec![5],
                vec![1, 2],
                vec![0, 3, 7],
                (0..8).collect(),
            ] {
                let is_chosen = |a: usize| chosen.contains(&a);
                let mut keep = PackedMarks::with_len(events);
                order
                    .each_event_of_actors(is_chosen, &|| false, |e| keep.mark(e as usize))
                    .expect("done");
                let by_marks = order.filtered_by_bits(&keep, &|| false).expect("done");
                let by_lanes = order
                    .filtered_to_actors(&keep, is_chosen, &|| false)
                    .expect("done");
                same_orders(&by_lanes, &by_marks, events);
                assert!(by_lanes.len() > 20, "actors {chosen:?} keep events");
                for (lane, before) in by_lanes.lanes.iter().zip(&order.lanes) {
                    let shared = Arc::ptr_eq(lane, before);
                    assert_eq!(
                        shared,
                        lane.actor.is_some_and(is_chosen),
                        "{:?}",
                        lane.actor
                    );
                }
            }
        }
    }

    #[test]
    fn an_event_naming_one_actor_twice_stands_once_in_its_lane() {
        let events = 900;
        let index = DatasetIndex::build(&eight_actors_dataset(events));
        let named_twice: Vec<usize> = (0..events)
            .filter(|&e| e % 37 == 0 && (e * 7) % 4 > 0)
            .collect();
        assert!(named_twice.len() > 10);
        for e in named_twice {
            let lane = &index.order.lanes[(e * 3) % 8];
            let in_lane = lane
                .events
                .iter()
                .chain(&lane.long_events)
                .filter(|&&x| x as usize == e)
                .count();
            assert_eq!(in_lane, 1, "event {e}");
            assert_eq!(
                index
                    .actors_of(e)
                    .iter()
                    .filter(|&&a| a as usize == (e * 3) % 8)
                    .count(),
                1
            );
        }
    }

    #[test]
    fn events_marked_by_place_are_filtered_as_when_marked_by_index() {
        let dates = crowded_dates();
        let dates: Vec<&str> = dates.iter().map(String::as_str).collect();
        for (dataset, events) in [(two_actors_dataset(), 400), (index_dataset(&dates), 700)] {
            let index = DatasetIndex::build(&dataset);
            let order = &index.order;
            let confidences = dataset.events.confidences();
            for (place, &event) in order.chronological.iter().enumerate() {
                assert_eq!(
                    index.confidence_by_place()[place],
                    confidences[event as usize]
                );
            }
            for every in [1, 2, 3, 7, 64, 1000] {
                let keep: Vec<bool> = (0..events).map(|e| (e * 5 + 1) % every == 0).collect();
                let by_index = PackedMarks::of(&keep);
                let by_place = PackedMarks::of_each(&order.chronological, |&e| keep[e as usize]);
                let marked_by_index = order.filtered_by_bits(&by_index, &|| false).expect("done");
                let marked_by_place = order
                    .filtered_by_places(&by_index, by_place, &|| false)
                    .expect("done");
                same_orders(&marked_by_place, &marked_by_index, events);
            }
        }
    }

    #[test]
    fn a_filtered_order_keeps_date_order_lanes_and_ranks() {
        let index = index_of(&["2017-03-01", "2017-01-01", "2017-02-01"]);
        let shown = index
            .order
            .filtered(&[true, true, false], &|| false)
            .expect("not cancelled");
        assert_eq!(shown.chronological, [1, 0]);
        let ranks: Vec<Option<usize>> = (0..3).map(|e| shown.rank.get(e)).collect();
        assert_eq!(ranks, [Some(1), Some(0), None]);
        assert_eq!(shown.step_from(1, true), Some(0));
        assert_eq!(
            shown.step_from(2, true),
            None,
            "a hidden event is no anchor"
        );
        let counts = shown.counts_between(&[17_100.0, 17_200.0, 17_300.0]);
        assert_eq!(counts, [1, 1], "Jan 1 is day 17,167; Mar 1 is 17,226");
        assert!(
            index.order.filtered(&[true; 3], &|| true).is_none(),
            "cancelled"
        );
    }
}
