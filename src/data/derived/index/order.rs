//! Events in date order: how an order is built and filtered, and every
//! question a frame asks of one.

use super::*;

/// The events of `part` (at most 64) that `kept` keeps, in order, written
/// into `room`, and which of them, one bit each by place. No branch hangs on
/// an answer, so the reads of marks behind the answers, at random through
/// a table larger than a core's own cache, are made side by side rather than
/// each waited on: with a branch, every event kept or not against the guess
/// stalled on its read.
pub(super) fn kept_of<'r>(
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
pub(super) struct StopChecks {
    pub(super) next: usize,
}

impl StopChecks {
    const EVERY: usize = 65_536;

    /// Whether to ask, the pass having reached position `at`.
    pub(super) fn due(&mut self, at: usize) -> bool {
        let due = at >= self.next;
        if due {
            self.next = at + Self::EVERY;
        }
        due
    }
}

/// An event's place in date order: its first day, then its index, in one
/// integer, so that sorting compares integers and never looks an event up twice.
pub(super) fn date_key(spans: &[EventSpan], event: u32) -> u64 {
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
pub(super) struct DateOrder {
    pub(super) chronological: Vec<u32>,
    pub(super) rank: Vec<u32>,
    pub(super) starts: Starts,
}

impl DateOrder {
    /// Past this many days more than twice the events, the dates are too
    /// spread out to count events by day: they are sorted instead.
    const MOST_SPARE_DAYS: i64 = 4096;

    /// The order of the events whose spans are `spans`.
    pub(super) fn of(spans: &[EventSpan]) -> Self {
        Self::counted_by_day(spans).unwrap_or_else(|| Self::sorted(spans))
    }

    /// By counting how many events start on each day and placing each event
    /// after those before its day: two passes in file order, where sorting
    /// ten million keys took most of an index's time, and the starts come
    /// from the counts. `None` where the days spanned far outnumber the events.
    pub(super) fn counted_by_day(spans: &[EventSpan]) -> Option<Self> {
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
    pub(super) fn sorted(spans: &[EventSpan]) -> Self {
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

impl EventOrder {
    /// An order of its parts.
    pub(super) fn new(
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
    pub(super) fn filtered_with(
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
    pub(super) fn order_at_places(
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
    pub(super) fn filtered_order(
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
    pub(super) fn each_part_of_a_word(
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
    pub(super) fn kept_ranks(&self, keep: &PackedMarks, places: Vec<u64>) -> Ranks {
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
