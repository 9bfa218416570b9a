//! One lane of the timeline: the events of one actor (or of none) in date
//! order, and how a lane is written one event at a time.

use super::*;

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
    pub(super) fn keeping(
        &self,
        shown: &PackedMarks,
        share: f64,
        stop: &AtomicBool,
    ) -> Option<Self> {
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

/// A lane written one event at a time in date order: what [`Lane::build`]
/// makes of the same events, without looking any of them up again.
pub(super) struct LaneWriter {
    pub(super) events: Vec<u32>,
    pub(super) starts: StartsWriter,
    pub(super) longest: DayNumber,
    pub(super) long_events: Vec<u32>,
}

impl LaneWriter {
    /// A lane with room for `events`.
    pub(super) fn with_capacity(events: usize) -> Self {
        Self {
            events: Vec::with_capacity(events),
            starts: StartsWriter::default(),
            longest: 0.0,
            long_events: Vec::new(),
        }
    }

    /// `event`, spanning `span`, after every event written so far.
    pub(super) fn push(&mut self, event: u32, span: EventSpan) {
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
    pub(super) fn is_empty(&self) -> bool {
        self.events.is_empty() && self.long_events.is_empty()
    }

    /// The lane, drawn for `actor` if any.
    pub(super) fn finish(mut self, actor: Option<usize>) -> Lane {
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
