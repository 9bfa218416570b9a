//! Columns by event index: marks (one bit each) and ranks in an order.

use super::*;

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
    pub(super) fn into_words(self) -> Vec<u64> {
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
    pub(super) fn shown(&self) -> PackedMarks {
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
