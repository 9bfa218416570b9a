//! Columns of start days: one per event, or counted by day where days are
//! crowded, and the counts a frame reads from them.

use super::*;

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
pub(super) fn whole_day(start: DayNumber) -> i32 {
    start as i32
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
    pub(super) first: i32,
    /// `before[k]`: how many start before day `first + k`; one more entry
    /// than the days spanned.
    pub(super) before: Vec<u32>,
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
pub(super) struct StartsWriter {
    /// Each day written, with how many start on it.
    pub(super) days: Vec<(i32, u32)>,
    /// How many starts in all.
    pub(super) count: usize,
}

impl StartsWriter {
    /// `count` more events starting on `day` (not before the last day written).
    pub(super) fn push(&mut self, day: i32, count: usize) {
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
    pub(super) fn finish(self) -> Starts {
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
