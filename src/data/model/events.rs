//! The events of a dataset, kept in columns rather than as one record each.
//!
//! A million events held as [`Event`] records cost about 580 bytes each: a
//! struct of 300 bytes with a place inline, and four or five small heap blocks
//! (title, actors, citations), each with the allocator's own overhead. Held
//! here, an event costs its text and a few fixed-width cells: ids, titles and
//! summaries sit one after another in large text blocks; dates, confidence,
//! coordinates and place numbers in dense columns; a place's names and
//! divisions once per place (event databases name the same village thousands
//! of times); actor ids, tags and cited sources as numbers into one table of
//! names, each event owning a run of a pool; the rare note or quote apart.
//! Readers get an [`EventRef`], whose accessors give borrowed views
//! ([`PlaceRef`], [`NameList`], [`CiteList`]) with the names the record's
//! fields had, so panels, filters, search and export read events much as
//! before. [`Event`] stays the type events are built from and written as.

use std::hash::{BuildHasher, Hash};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use foldhash::HashMap;

use serde::de::{SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::date::PartialDate;
use super::{
    Cite, Confidence, Event, EventExtras, Fatalities, Name, Place, PlacePrecision, Timing,
};

/// Text blocks are this large, so that the text grows without ever being
/// copied to a larger block (a text longer than a block gets its own).
const TEXT_BLOCK: usize = 8 << 20;

/// Marks an event without a place.
const NO_PLACE: u32 = u32::MAX;

/// Marks a number that names nothing: no extras, no kind, no deaths.
const NONE: u32 = u32::MAX;

/// A count as a number into a table (tables stay far below 4 billion rows).
fn number(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(NONE - 1)
}

/// What event databases add to an event: its kinds as numbers into the table
/// of names, its deaths as a row of `Events::fatalities`, its timing.
#[derive(Clone, Copy, Debug, PartialEq)]
struct ExtrasRow {
    kind: u32,
    subkind: u32,
    fatalities: u32,
    timing: Option<Timing>,
}

/// Marks a coordinate that is not given: a NaN no text reads as (a file's own
/// `NaN` is kept as given, for validation to name).
const NO_COORDINATE: u64 = 0x7ff8_0000_dead_0001;

fn coordinate(given: Option<f64>) -> f64 {
    given.unwrap_or(f64::from_bits(NO_COORDINATE))
}

fn given(stored: f64) -> Option<f64> {
    (stored.to_bits() != NO_COORDINATE).then_some(stored)
}

/// Where an event's id, title and summary lie: one after another, from
/// `start` in text block `block`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct TextAt {
    block: u32,
    start: u32,
    id: u32,
    title: u32,
    summary: u32,
}

impl TextAt {
    /// The length of the three together.
    fn len(&self) -> usize {
        self.id as usize + self.title as usize + self.summary as usize
    }
}

/// What one query matched in the tables events share ([`Events::shared_matches`]).
pub struct SharedMatches {
    /// By name number: names that match as text (read for tags).
    tags: Vec<bool>,
    /// By name number: cited source ids that match.
    sources: Vec<bool>,
    /// By place number: places whose name, region or country matches.
    places: Vec<bool>,
    /// Notes and quotes of citations that match.
    cited_words: Vec<bool>,
    /// Notes and quotes of disputing citations that match.
    disputing_words: Vec<bool>,
}

/// A pool of values that events own runs of: event `i` owns
/// `values[ends[i - 1]..ends[i]]`.
#[derive(Clone, Debug, PartialEq)]
struct Runs<T> {
    values: Vec<T>,
    ends: Vec<u32>,
}

impl<T> Default for Runs<T> {
    fn default() -> Self {
        Self {
            values: Vec::new(),
            ends: Vec::new(),
        }
    }
}

impl<T> Runs<T> {
    fn push(&mut self, run: impl IntoIterator<Item = T>) {
        self.values.extend(run);
        self.ends
            .push(u32::try_from(self.values.len()).unwrap_or(u32::MAX));
    }

    fn bounds(&self, event: usize) -> (usize, usize) {
        let start = match event.checked_sub(1) {
            Some(before) => self.ends.get(before).copied().unwrap_or(0),
            None => 0,
        } as usize;
        let end = self.ends.get(event).copied().unwrap_or(0) as usize;
        (start, end.max(start))
    }

    fn run(&self, event: usize) -> &[T] {
        let (start, end) = self.bounds(event);
        self.values.get(start..end).unwrap_or(&[])
    }

    fn shrink_to_fit(&mut self) {
        self.values.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    fn heap_bytes(&self) -> usize {
        self.values.capacity() * std::mem::size_of::<T>() + self.ends.capacity() * 4
    }
}

/// Every event of a dataset, in file order, in columns.
#[derive(Clone, Default)]
pub struct Events {
    text: Vec<String>,
    text_at: Vec<TextAt>,
    dates: Vec<PartialDate>,
    ends: Vec<Option<PartialDate>>,
    confidence: Vec<Confidence>,
    /// Each event's place, by index in `place_table`.
    places: Vec<u32>,
    /// Each event's latitude and longitude ([`NO_COORDINATE`] where none is given).
    coordinates: Vec<[f64; 2]>,
    /// Places by their names and divisions, coordinates left out: event
    /// databases name the same place thousands of times, coordinates or not.
    place_table: Vec<Place>,
    /// Each place's hash, to the first place with that hash.
    place_ids: HashMap<u64, u32>,
    /// Actor ids and tags, each kept once.
    names: NameTable,
    actors: Runs<u32>,
    tags: Runs<u32>,
    cites: CitePool,
    disputed_by: CitePool,
    /// Each event's row in `extras`, or [`NONE`] for an event without kinds,
    /// deaths or timing.
    extras_at: Vec<u32>,
    extras: Vec<ExtrasRow>,
    /// Deaths, for the events that report them.
    fatalities: Vec<Fatalities>,
}

/// How an event's memory is spent, in bytes, by part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EventBytes {
    /// Ids, titles and summaries.
    pub text: usize,
    /// Dates, confidence, places and where each event's text and runs lie.
    pub columns: usize,
    /// The interned places.
    pub places: usize,
    /// Actors, tags and citations (with their notes and quotes).
    pub lists: usize,
    /// Kinds, deaths and timing.
    pub extras: usize,
}

impl Events {
    /// No events.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many events there are.
    pub fn len(&self) -> usize {
        self.text_at.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.text_at.is_empty()
    }

    /// Event `index`, if there is one.
    pub fn get(&self, index: usize) -> Option<EventRef<'_>> {
        (index < self.len()).then(|| self.at(index))
    }

    /// Event `index`, read where an index is known to be in range (from the
    /// dataset's own index); out of range, an event with nothing in it.
    pub fn at(&self, index: usize) -> EventRef<'_> {
        EventRef {
            events: self,
            index,
        }
    }

    /// Every event, in order.
    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = EventRef<'_>> + ExactSizeIterator + Clone {
        (0..self.len()).map(|index| self.at(index))
    }

    /// Adds a copy of `event` at the end, leaving the record to its owner: the
    /// reader's thread drops what it allocated (see `column_writer`), and
    /// names and places seen before cost no allocation.
    pub fn push(&mut self, event: &Event) {
        let Event {
            id,
            date,
            end,
            title,
            summary,
            place,
            actors,
            tags,
            confidence,
            cites,
            disputed_by,
            extras,
        } = event;
        self.push_text(id, title, summary);
        self.dates.push(*date);
        self.ends.push(*end);
        self.confidence.push(*confidence);
        let (place, coordinates) = match place {
            Some(place) => (
                self.intern(place),
                [coordinate(place.lat), coordinate(place.lon)],
            ),
            None => (NO_PLACE, [coordinate(None); 2]),
        };
        self.places.push(place);
        self.coordinates.push(coordinates);
        let names = &mut self.names;
        self.actors
            .push(actors.iter().map(|name| names.intern(name)));
        self.tags.push(tags.iter().map(|name| names.intern(name)));
        self.cites.push(cites, &mut self.names);
        self.disputed_by.push(disputed_by, &mut self.names);
        let row = extras.as_deref().map(|x| {
            let EventExtras {
                kind,
                subkind,
                fatalities,
                timing,
            } = x;
            let mut name = |text: &Option<String>| {
                text.as_deref()
                    .map_or(NONE, |text| self.names.intern_str(text))
            };
            let (kind, subkind) = (name(kind), name(subkind));
            let fatalities = fatalities.as_ref().map_or(NONE, |f| {
                self.fatalities.push(f.clone());
                number(self.fatalities.len() - 1)
            });
            self.extras.push(ExtrasRow {
                kind,
                subkind,
                fatalities,
                timing: *timing,
            });
            number(self.extras.len() - 1)
        });
        self.extras_at.push(row.unwrap_or(NONE));
    }

    fn push_text(&mut self, id: &str, title: &str, summary: &str) {
        let needed = id.len() + title.len() + summary.len();
        let fits = self
            .text
            .last()
            .is_some_and(|block| block.capacity() - block.len() >= needed);
        if !fits {
            self.text
                .push(String::with_capacity(needed.max(TEXT_BLOCK)));
        }
        let block = self.text.len() - 1;
        let Some(text) = self.text.last_mut() else {
            return;
        };
        let start = text.len();
        text.push_str(id);
        text.push_str(title);
        text.push_str(summary);
        let width = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.text_at.push(TextAt {
            block: width(block),
            start: width(start),
            id: width(id.len()),
            title: width(title.len()),
            summary: width(summary.len()),
        });
    }

    /// The index of `place` in the place table, added when it is new.
    fn intern(&mut self, place: &Place) -> u32 {
        let hash = foldhash::fast::FixedState::default().hash_one(place_key(place));
        if let Some(&at) = self.place_ids.get(&hash)
            && self
                .place_table
                .get(at as usize)
                .is_some_and(|known| same_place(known, place))
        {
            return at;
        }
        let at = u32::try_from(self.place_table.len()).unwrap_or(NO_PLACE - 1);
        self.place_ids.entry(hash).or_insert(at);
        self.place_table.push(Place {
            lat: None,
            lon: None,
            ..place.clone()
        });
        at
    }

    /// Keeps the events whose entry in `keep` is true (events past its end are
    /// kept too).
    pub fn retain_indexed(&mut self, keep: &[bool]) {
        let old = std::mem::take(self);
        for event in old.iter() {
            if keep.get(event.index()).copied().unwrap_or(true) {
                self.push(&event.to_event());
            }
        }
        self.shrink_to_fit();
    }

    /// Replaces event `index` by `event` (nothing when there is no such event).
    /// Rebuilds the columns: for generating and editing, not for loops.
    pub fn replace(&mut self, index: usize, event: Event) {
        if index >= self.len() {
            return;
        }
        let old = std::mem::take(self);
        let mut event = Some(event);
        for e in old.iter() {
            match (e.index() == index).then(|| event.take()).flatten() {
                Some(new) => self.push(&new),
                None => self.push(&e.to_event()),
            }
        }
        self.shrink_to_fit();
    }

    /// The number `name` (an actor id, a tag or a cited source) has in the
    /// table of names events use, if any event uses it; filters compare these.
    pub fn name_number(&self, name: &str) -> Option<u32> {
        self.names.ids.get(name).copied()
    }

    /// The name numbered `number` ([`Events::name_number`]), if any.
    pub fn name(&self, number: u32) -> Option<&str> {
        self.names
            .names
            .get(number as usize)
            .map(|name| name.as_str())
    }

    /// Every event's confidence, in file order: the column filters pass over.
    pub fn confidences(&self) -> &[Confidence] {
        &self.confidence
    }

    /// How many names events use: numbers run from 0 to this.
    pub fn name_count(&self) -> usize {
        self.names.names.len()
    }

    /// The text blocks as they lie (ids, titles and summaries one after
    /// another), for benchmarks to compare a search with a plain scan.
    pub fn text_blocks(&self) -> impl Iterator<Item = &str> {
        self.text.iter().map(String::as_str)
    }

    /// Marks, by event index, the events whose id, title or summary holds
    /// `query` (folded: lower case, without diacritics), `matches` telling
    /// whether one text, folded, does. The text blocks are read as they lie,
    /// on `threads` threads (one or two): with two, the first half of the
    /// events on this thread and the second on another, since one core cannot
    /// take memory in as fast as it comes. Text in ASCII is lowered into one
    /// buffer a few hundred kilobytes at a time and searched at memory speed,
    /// a match counting only within one field; other text is folded event by
    /// event. `None` when `cancelled`.
    pub fn mark_text(
        &self,
        query: &str,
        matches: &(dyn Fn(&str) -> bool + Sync),
        marks: &mut [bool],
        threads: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<()> {
        // Below this many events a second thread costs more than it saves.
        const SHARED_FROM: usize = 50_000;
        let events = self.len().min(marks.len());
        if events < SHARED_FROM || threads < 2 {
            return self.mark_text_of(0..events, query, matches, marks, cancelled);
        }
        let half = events / 2;
        let (low, high) = marks.split_at_mut(half);
        // This thread asks whether the search is still wanted and tells the
        // other, which stops at its next chunk.
        let stop = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let helper = scope.spawn(|| {
                self.mark_text_of(half..events, query, matches, high, &|| {
                    stop.load(Ordering::Relaxed)
                })
            });
            let here = self.mark_text_of(0..half, query, matches, low, &|| {
                if cancelled() {
                    stop.store(true, Ordering::Relaxed);
                }
                stop.load(Ordering::Relaxed)
            });
            if here.is_none() {
                stop.store(true, Ordering::Relaxed);
            }
            let there = helper
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            here.and(there)
        })
    }

    /// [`Events::mark_text`] for the events `range`, whose marks are `marks`
    /// (the first for the range's first event).
    fn mark_text_of(
        &self,
        range: Range<usize>,
        query: &str,
        matches: &dyn Fn(&str) -> bool,
        marks: &mut [bool],
        cancelled: &dyn Fn() -> bool,
    ) -> Option<()> {
        // Small enough that the lowered copy stays in a core's own cache
        // beside the text streaming in.
        const CHUNK: usize = 1 << 18;
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        let mut lowered: Vec<u8> = Vec::with_capacity(CHUNK + 4096);
        let mut starts: Vec<usize> = Vec::new();
        let offset = range.start;
        let mut first = range.start;
        while first < range.end {
            if cancelled() {
                return None;
            }
            let Some(&head) = self.text_at.get(first) else {
                break;
            };
            // The events from `first` whose text lies in the same block, up
            // to a chunk of it.
            let mut last = first;
            let mut end = head.start as usize + head.len();
            while last + 1 < range.end
                && let Some(next) = self.text_at.get(last + 1)
                && next.block == head.block
                && end - (head.start as usize) < CHUNK
            {
                last += 1;
                end = next.start as usize + next.len();
            }
            let block = self
                .text
                .get(head.block as usize)
                .map_or("", String::as_str);
            let chunk = block.get(head.start as usize..end).unwrap_or("");
            if chunk.is_ascii() {
                // Folded ASCII text holds only ASCII: a query with other
                // letters cannot be in it.
                if query.is_ascii() && !query.is_empty() {
                    lowered.clear();
                    lowered.extend(chunk.bytes().map(|b| b.to_ascii_lowercase()));
                    starts.clear();
                    starts.extend(
                        self.text_at[first..=last]
                            .iter()
                            .map(|at| at.start as usize - head.start as usize),
                    );
                    let chunk_marks = marks.get_mut(first - offset..).unwrap_or_default();
                    self.mark_hits(&finder, &lowered, &starts, first, chunk_marks);
                }
            } else {
                for event in first..=last {
                    let e = self.at(event);
                    if (matches(e.id()) || matches(e.title()) || matches(e.summary()))
                        && let Some(mark) = marks.get_mut(event - offset)
                    {
                        *mark = true;
                    }
                }
            }
            first = last + 1;
        }
        Some(())
    }

    /// Marks the events of a lowered chunk (events `first`.., beginning at
    /// `starts` in it, marked in `marks` from `first`'s on) that hold a hit
    /// of `finder` within one field.
    fn mark_hits(
        &self,
        finder: &memchr::memmem::Finder<'_>,
        lowered: &[u8],
        starts: &[usize],
        first: usize,
        marks: &mut [bool],
    ) {
        let len = finder.needle().len();
        let mut from = 0;
        while let Some(found) = lowered.get(from..).and_then(|rest| finder.find(rest)) {
            let hit = from + found;
            let k = starts.partition_point(|&s| s <= hit).saturating_sub(1);
            let event = first + k;
            let begins = starts.get(k).copied().unwrap_or(0);
            let at = self.text_at.get(event).copied().unwrap_or_default();
            let fields = [
                (0, at.id),
                (at.id, at.id + at.title),
                (at.id + at.title, at.len() as u32),
            ];
            let within = fields.iter().any(|&(from, to)| {
                begins + from as usize <= hit && hit + len <= begins + to as usize
            });
            if within {
                if let Some(mark) = marks.get_mut(k) {
                    *mark = true;
                }
                // One match is enough: go on from the next event.
                from = starts.get(k + 1).copied().unwrap_or(lowered.len());
            } else {
                from = hit + 1;
            }
        }
    }

    /// Which of the names, places and citation words events share match a
    /// query: each table read once per query, so that each event's test then
    /// compares integers. `text` says whether a text matches; `source`
    /// whether a cited source id does.
    pub fn shared_matches(
        &self,
        text: &dyn Fn(&str) -> bool,
        source: &dyn Fn(&str) -> bool,
    ) -> SharedMatches {
        let words = |pool: &CitePool| -> Vec<bool> {
            pool.words
                .iter()
                .map(|(note, quote)| {
                    note.as_deref().is_some_and(text) || quote.as_deref().is_some_and(text)
                })
                .collect()
        };
        SharedMatches {
            tags: self.names.names.iter().map(|n| text(n)).collect(),
            sources: self.names.names.iter().map(|n| source(n)).collect(),
            places: self
                .place_table
                .iter()
                .map(|p| {
                    text(&p.name)
                        || p.region.as_deref().is_some_and(text)
                        || p.country.as_deref().is_some_and(text)
                })
                .collect(),
            cited_words: words(&self.cites),
            disputing_words: words(&self.disputed_by),
        }
    }

    /// Marks every event with a tag, place, citation note or quote, or cited
    /// source that `shared` marked; `None` when `cancelled`. Each column is
    /// read, in order, only where the query matched something it names:
    /// most queries match a few titles and none of the shared tables, and
    /// then no column is read at all.
    pub fn mark_shared(
        &self,
        shared: &SharedMatches,
        marks: &mut [bool],
        cancelled: &dyn Fn() -> bool,
    ) -> Option<()> {
        let marked = |table: &[bool], at: u32| table.get(at as usize).copied().unwrap_or(false);
        let each = |marks: &mut [bool], test: &dyn Fn(usize) -> bool| {
            for (first, part) in (0..).step_by(65_536).zip(marks.chunks_mut(65_536)) {
                if cancelled() {
                    return None;
                }
                for (event, mark) in (first..).zip(part) {
                    *mark = *mark || test(event);
                }
            }
            Some(())
        };
        if shared.tags.contains(&true) {
            each(marks, &|event| {
                self.tags
                    .run(event)
                    .iter()
                    .any(|&t| marked(&shared.tags, t))
            })?;
        }
        if shared.places.contains(&true) {
            each(marks, &|event| {
                self.places
                    .get(event)
                    .is_some_and(|&p| marked(&shared.places, p))
            })?;
        }
        let any_source = shared.sources.contains(&true);
        for (pool, words) in [
            (&self.cites, &shared.cited_words),
            (&self.disputed_by, &shared.disputing_words),
        ] {
            let any_words = words.contains(&true);
            if !(any_source || any_words) {
                continue;
            }
            each(marks, &|event| {
                let (start, end) = pool.sources.bounds(event);
                (start..end).any(|at| {
                    pool.sources
                        .values
                        .get(at)
                        .is_some_and(|&s| marked(&shared.sources, s))
                        || pool.said.get(at).is_some_and(|&w| marked(words, w))
                })
            })?;
        }
        Some(())
    }

    /// Reserves room for `additional` more events in the fixed-width columns,
    /// when the memory is there (a claimed size is never insisted on).
    pub fn try_reserve(&mut self, additional: usize) {
        let _ = self.text_at.try_reserve(additional);
        let _ = self.dates.try_reserve(additional);
        let _ = self.ends.try_reserve(additional);
        let _ = self.confidence.try_reserve(additional);
        let _ = self.places.try_reserve(additional);
        let _ = self.coordinates.try_reserve(additional);
        let _ = self.extras_at.try_reserve(additional);
        for ends in [
            &mut self.actors.ends,
            &mut self.tags.ends,
            &mut self.cites.sources.ends,
            &mut self.disputed_by.sources.ends,
        ] {
            let _ = ends.try_reserve(additional);
        }
    }

    /// Gives back memory reserved for growth.
    pub fn shrink_to_fit(&mut self) {
        if let Some(last) = self.text.last_mut() {
            last.shrink_to_fit();
        }
        self.text_at.shrink_to_fit();
        self.dates.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.confidence.shrink_to_fit();
        self.places.shrink_to_fit();
        self.coordinates.shrink_to_fit();
        self.place_table.shrink_to_fit();
        self.names.names.shrink_to_fit();
        self.actors.shrink_to_fit();
        self.tags.shrink_to_fit();
        self.cites.shrink_to_fit();
        self.disputed_by.shrink_to_fit();
        self.extras_at.shrink_to_fit();
        self.extras.shrink_to_fit();
        self.fatalities.shrink_to_fit();
    }

    /// How the events' memory is spent, by part (heap bytes, as reserved).
    pub fn bytes(&self) -> EventBytes {
        let text = self.text.iter().map(String::capacity).sum();
        let columns = self.text_at.capacity() * std::mem::size_of::<TextAt>()
            + self.dates.capacity() * std::mem::size_of::<PartialDate>()
            + self.ends.capacity() * std::mem::size_of::<Option<PartialDate>>()
            + self.confidence.capacity()
            + self.places.capacity() * 4
            + self.coordinates.capacity() * 16
            + self.extras_at.capacity() * 4;
        let places = self.place_table.capacity() * std::mem::size_of::<Place>()
            + self.place_ids.capacity() * 16;
        let lists = self.names.heap_bytes()
            + self.actors.heap_bytes()
            + self.tags.heap_bytes()
            + self.cites.heap_bytes()
            + self.disputed_by.heap_bytes();
        let extras = self.extras.capacity() * std::mem::size_of::<ExtrasRow>()
            + self.fatalities.capacity() * std::mem::size_of::<Fatalities>();
        EventBytes {
            text,
            columns,
            places,
            lists,
            extras,
        }
    }
}

/// What makes two places the same, hashable (coordinates by their bits).
fn place_key(place: &Place) -> impl Hash + PartialEq + '_ {
    (
        &place.name,
        &place.region,
        &place.country,
        place.district(),
        place.subdistrict(),
        place.precision(),
    )
}

/// Whether two places are one in the table of places: coordinates left out.
fn same_place(a: &Place, b: &Place) -> bool {
    place_key(a) == place_key(b)
}

/// One event, read from the columns.
#[derive(Clone, Copy)]
pub struct EventRef<'a> {
    events: &'a Events,
    index: usize,
}

impl<'a> EventRef<'a> {
    /// Its position among the dataset's events.
    pub fn index(&self) -> usize {
        self.index
    }

    fn text(&self) -> (&'a str, TextAt) {
        let at = self
            .events
            .text_at
            .get(self.index)
            .copied()
            .unwrap_or_default();
        let block = self.events.text.get(at.block as usize);
        (block.map_or("", String::as_str), at)
    }

    fn text_part(&self, from: u32, len: u32) -> &'a str {
        let (block, at) = self.text();
        let start = at.start as usize + from as usize;
        block.get(start..start + len as usize).unwrap_or("")
    }

    /// Unique among the dataset's events.
    pub fn id(&self) -> &'a str {
        let (_, at) = self.text();
        self.text_part(0, at.id)
    }

    /// One line.
    pub fn title(&self) -> &'a str {
        let (_, at) = self.text();
        self.text_part(at.id, at.title)
    }

    /// A few sentences.
    pub fn summary(&self) -> &'a str {
        let (_, at) = self.text();
        self.text_part(at.id + at.title, at.summary)
    }

    /// When it happened, or began.
    pub fn date(&self) -> PartialDate {
        self.events
            .dates
            .get(self.index)
            .copied()
            .unwrap_or(PartialDate::year(0))
    }

    /// When it ended, for offensives, sieges and other spans.
    pub fn end(&self) -> Option<PartialDate> {
        self.events.ends.get(self.index).copied().flatten()
    }

    /// Where it happened.
    pub fn place(&self) -> Option<PlaceRef<'a>> {
        let at = *self.events.places.get(self.index)?;
        let named = self.events.place_table.get(at as usize)?;
        let [lat, lon] = self
            .events
            .coordinates
            .get(self.index)
            .copied()
            .unwrap_or([coordinate(None); 2]);
        Some(PlaceRef {
            named,
            lat: given(lat),
            lon: given(lon),
        })
    }

    /// Ids of the actors involved.
    pub fn actors(&self) -> NameList<'a> {
        NameList {
            ids: self.events.actors.run(self.index),
            table: &self.events.names.names,
        }
    }

    /// Free keywords.
    pub fn tags(&self) -> NameList<'a> {
        NameList {
            ids: self.events.tags.run(self.index),
            table: &self.events.names.names,
        }
    }

    /// How far the event is established.
    pub fn confidence(&self) -> Confidence {
        self.events
            .confidence
            .get(self.index)
            .copied()
            .unwrap_or(Confidence::Unverified)
    }

    /// The sources that report it.
    pub fn cites(&self) -> CiteList<'a> {
        self.events.cites.list(self.index, &self.events.names.names)
    }

    /// The sources that deny or contradict it.
    pub fn disputed_by(&self) -> CiteList<'a> {
        self.events
            .disputed_by
            .list(self.index, &self.events.names.names)
    }

    /// The event's row of what event databases add, when they do.
    fn extras(&self) -> Option<&'a ExtrasRow> {
        let at = *self.events.extras_at.get(self.index)?;
        self.events.extras.get(at as usize)
    }

    /// A name from the table of names, by number.
    fn name(&self, number: u32) -> Option<&'a str> {
        self.events
            .names
            .names
            .get(number as usize)
            .map(Name::as_str)
    }

    /// What kind of event it is.
    pub fn kind(&self) -> Option<&'a str> {
        self.extras().and_then(|x| self.name(x.kind))
    }

    /// A finer kind.
    pub fn subkind(&self) -> Option<&'a str> {
        self.extras().and_then(|x| self.name(x.subkind))
    }

    /// Deaths reported.
    pub fn fatalities(&self) -> Option<&'a Fatalities> {
        self.extras()
            .and_then(|x| self.events.fatalities.get(x.fatalities as usize))
    }

    /// How well the date is known.
    pub fn timing(&self) -> Option<Timing> {
        self.extras().and_then(|x| x.timing)
    }

    /// The event as a record of its own.
    pub fn to_event(&self) -> Event {
        Event {
            id: self.id().into(),
            date: self.date(),
            end: self.end(),
            title: self.title().to_owned(),
            summary: self.summary().to_owned(),
            place: self.place().map(|p| p.to_place()),
            actors: self.actors().to_vec(),
            tags: self.tags().to_vec(),
            confidence: self.confidence(),
            cites: self.cites().iter().map(|c| c.to_cite()).collect(),
            disputed_by: self.disputed_by().iter().map(|c| c.to_cite()).collect(),
            extras: EventExtras {
                kind: self.kind().map(str::to_owned),
                subkind: self.subkind().map(str::to_owned),
                fatalities: self.fatalities().cloned(),
                timing: self.timing(),
            }
            .boxed(),
        }
    }
}

/// Short texts that many events repeat (actor ids, tags), each kept once and
/// named by its index.
#[derive(Clone, Debug, Default)]
struct NameTable {
    names: Vec<Name>,
    ids: HashMap<Name, u32>,
}

impl NameTable {
    fn intern(&mut self, name: &Name) -> u32 {
        self.intern_str(name)
    }

    fn intern_str(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(Name::from(name));
        self.ids.insert(Name::from(name), id);
        id
    }

    fn heap_bytes(&self) -> usize {
        (self.names.capacity() + self.ids.capacity()) * std::mem::size_of::<Name>()
            + self.ids.capacity() * 8
    }
}

/// An event's actor ids or tags, in the order the file gives them.
#[derive(Clone, Copy)]
pub struct NameList<'a> {
    ids: &'a [u32],
    table: &'a [Name],
}

impl<'a> NameList<'a> {
    /// How many there are.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Each, in order.
    pub fn iter(&self) -> NameIter<'a> {
        NameIter {
            ids: self.ids.iter(),
            table: self.table,
        }
    }

    /// Their numbers in the table of names ([`Events::name_number`]).
    pub fn numbers(&self) -> &'a [u32] {
        self.ids
    }

    /// The one at `index`, if any.
    pub fn get(&self, index: usize) -> Option<&'a str> {
        let id = *self.ids.get(index)?;
        self.table.get(id as usize).map(Name::as_str)
    }

    /// Whether `name` is one of them.
    pub fn contains(&self, name: &str) -> bool {
        self.iter().any(|n| n == name)
    }

    /// All of them, `separator` between two.
    pub fn join(&self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }

    /// As owned names.
    pub fn to_vec(&self) -> Vec<Name> {
        self.iter().map(Name::from).collect()
    }
}

impl<'a> IntoIterator for NameList<'a> {
    type Item = &'a str;
    type IntoIter = NameIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The names of a [`NameList`], in order.
#[derive(Clone)]
pub struct NameIter<'a> {
    ids: std::slice::Iter<'a, u32>,
    table: &'a [Name],
}

impl<'a> NameIter<'a> {
    fn name(&self, id: u32) -> &'a str {
        self.table.get(id as usize).map_or("", Name::as_str)
    }
}

impl<'a> Iterator for NameIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let id = *self.ids.next()?;
        Some(self.name(id))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ids.size_hint()
    }
}

impl DoubleEndedIterator for NameIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let id = *self.ids.next_back()?;
        Some(self.name(id))
    }
}

impl ExactSizeIterator for NameIter<'_> {}

impl std::fmt::Debug for NameList<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<const N: usize> PartialEq<[&str; N]> for NameList<'_> {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

impl PartialEq<&[&str]> for NameList<'_> {
    fn eq(&self, other: &&[&str]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

/// Citations in columns: each names its source by index in the name table;
/// the few with a note or a quote point into `words`.
#[derive(Clone, Debug, Default)]
struct CitePool {
    sources: Runs<u32>,
    /// Per citation, its index in `words`, or `NO_WORDS`.
    said: Vec<u32>,
    words: Vec<(Option<String>, Option<String>)>,
}

/// Marks a citation with neither note nor quote.
const NO_WORDS: u32 = u32::MAX;

impl CitePool {
    fn push(&mut self, cites: &[Cite], names: &mut NameTable) {
        let (said, words) = (&mut self.said, &mut self.words);
        self.sources.push(cites.iter().map(|cite| {
            if cite.note.is_none() && cite.quote.is_none() {
                said.push(NO_WORDS);
            } else {
                said.push(u32::try_from(words.len()).unwrap_or(NO_WORDS - 1));
                words.push((cite.note.clone(), cite.quote.clone()));
            }
            names.intern(&cite.source)
        }));
    }

    fn list<'a>(&'a self, event: usize, names: &'a [Name]) -> CiteList<'a> {
        let (start, end) = self.sources.bounds(event);
        CiteList {
            pool: self,
            names,
            start,
            end,
        }
    }

    fn shrink_to_fit(&mut self) {
        self.sources.shrink_to_fit();
        self.said.shrink_to_fit();
        self.words.shrink_to_fit();
    }

    fn heap_bytes(&self) -> usize {
        let words: usize = self
            .words
            .iter()
            .map(|(note, quote)| {
                note.as_ref().map_or(0, String::capacity)
                    + quote.as_ref().map_or(0, String::capacity)
            })
            .sum();
        self.sources.heap_bytes()
            + self.said.capacity() * 4
            + self.words.capacity() * std::mem::size_of::<(Option<String>, Option<String>)>()
            + words
    }
}

/// An event's citations (or the sources that dispute it).
#[derive(Clone, Copy)]
pub struct CiteList<'a> {
    pool: &'a CitePool,
    names: &'a [Name],
    start: usize,
    end: usize,
}

impl<'a> CiteList<'a> {
    /// How many there are.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The one at `index`, if any.
    pub fn get(&self, index: usize) -> Option<CiteRef<'a>> {
        let at = self.start + index;
        (at < self.end).then(|| self.read(at))
    }

    /// The citation at `at` in the pool.
    fn read(&self, at: usize) -> CiteRef<'a> {
        let source = self
            .pool
            .sources
            .values
            .get(at)
            .copied()
            .unwrap_or(u32::MAX);
        let words = self
            .pool
            .said
            .get(at)
            .and_then(|&w| self.pool.words.get(w as usize));
        CiteRef {
            source: self.names.get(source as usize).map_or("", Name::as_str),
            note: words.and_then(|(note, _)| note.as_deref()),
            quote: words.and_then(|(_, quote)| quote.as_deref()),
        }
    }

    /// The numbers of the sources they cite, in the table of names
    /// ([`Events::name_number`]).
    pub fn source_numbers(&self) -> &'a [u32] {
        self.pool
            .sources
            .values
            .get(self.start..self.end)
            .unwrap_or(&[])
    }

    /// The first, if any.
    pub fn first(&self) -> Option<CiteRef<'a>> {
        self.get(0)
    }

    /// Each, in order.
    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = CiteRef<'a>> + ExactSizeIterator + Clone + use<'a> {
        let list = *self;
        (self.start..self.end).map(move |at| list.read(at))
    }
}

impl<'a> IntoIterator for CiteList<'a> {
    type Item = CiteRef<'a>;
    type IntoIter = Box<dyn DoubleEndedIterator<Item = CiteRef<'a>> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl std::fmt::Debug for CiteList<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A citation as read: which source, with its note and quote when given.
/// Citations of figures and maps are read as one too ([`Cite::read`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CiteRef<'a> {
    source: &'a str,
    note: Option<&'a str>,
    quote: Option<&'a str>,
}

impl<'a> CiteRef<'a> {
    /// The id of the source.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// What the source says or how it says it, in the author's words.
    pub fn note(&self) -> Option<&'a str> {
        self.note
    }

    /// A short quotation from the source.
    pub fn quote(&self) -> Option<&'a str> {
        self.quote
    }

    /// The citation as a record of its own.
    pub fn to_cite(&self) -> Cite {
        Cite {
            source: self.source.into(),
            note: self.note.map(str::to_owned),
            quote: self.quote.map(str::to_owned),
        }
    }
}

impl Cite {
    /// The citation, read as event citations are.
    pub fn read(&self) -> CiteRef<'_> {
        CiteRef {
            source: &self.source,
            note: self.note.as_deref(),
            quote: self.quote.as_deref(),
        }
    }
}

/// An event's place: its names, shared with every event at the same place,
/// and its own coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaceRef<'a> {
    named: &'a Place,
    lat: Option<f64>,
    lon: Option<f64>,
}

impl<'a> PlaceRef<'a> {
    /// The place's name.
    pub fn name(&self) -> &'a str {
        &self.named.name
    }

    /// Province, governorate or region (first-order division).
    pub fn region(&self) -> Option<&'a str> {
        self.named.region.as_deref()
    }

    /// The country.
    pub fn country(&self) -> Option<&'a str> {
        self.named.country.as_deref()
    }

    /// Latitude in degrees.
    pub fn lat(&self) -> Option<f64> {
        self.lat
    }

    /// Longitude in degrees.
    pub fn lon(&self) -> Option<f64> {
        self.lon
    }

    /// The district (second-order division).
    pub fn district(&self) -> Option<&'a str> {
        self.named.district()
    }

    /// The sub-district (third-order division).
    pub fn subdistrict(&self) -> Option<&'a str> {
        self.named.subdistrict()
    }

    /// How closely the place locates the event.
    pub fn precision(&self) -> Option<PlacePrecision> {
        self.named.precision()
    }

    /// The place as a record of its own.
    pub fn to_place(&self) -> Place {
        Place {
            lat: self.lat,
            lon: self.lon,
            ..self.named.clone()
        }
    }
}

impl std::fmt::Debug for EventRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.to_event().fmt(f)
    }
}

impl PartialEq for EventRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.to_event() == other.to_event()
    }
}

impl PartialEq for Events {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl std::fmt::Debug for Events {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Events {
    type Item = EventRef<'a>;
    type IntoIter = Box<dyn DoubleEndedIterator<Item = EventRef<'a>> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl FromIterator<Event> for Events {
    fn from_iter<I: IntoIterator<Item = Event>>(iter: I) -> Self {
        let mut events = Self::new();
        for event in iter {
            events.push(&event);
        }
        events.shrink_to_fit();
        events
    }
}

impl From<Vec<Event>> for Events {
    fn from(events: Vec<Event>) -> Self {
        events.into_iter().collect()
    }
}

impl Extend<Event> for Events {
    fn extend<I: IntoIterator<Item = Event>>(&mut self, iter: I) {
        for event in iter {
            self.push(&event);
        }
    }
}

impl Serialize for Events {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for event in self.iter() {
            seq.serialize_element(&EventOut::of(event))?;
        }
        seq.end()
    }
}

/// An event as a file writes it, read from the columns without copying:
/// the fields, their order and what is left out are [`Event`]'s own (a test
/// holds the two to the same text).
#[derive(Serialize)]
#[serde(rename = "Event")]
struct EventOut<'a> {
    id: &'a str,
    date: PartialDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<PartialDate>,
    title: &'a str,
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<PlaceOut<'a>>,
    actors: NameList<'a>,
    #[serde(skip_serializing_if = "NameList::is_empty")]
    tags: NameList<'a>,
    confidence: Confidence,
    cites: CiteList<'a>,
    #[serde(skip_serializing_if = "CiteList::is_empty")]
    disputed_by: CiteList<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subkind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fatalities: Option<&'a Fatalities>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timing: Option<Timing>,
}

impl<'a> EventOut<'a> {
    fn of(e: EventRef<'a>) -> Self {
        Self {
            id: e.id(),
            date: e.date(),
            end: e.end(),
            title: e.title(),
            summary: e.summary(),
            place: e.place().map(|p| PlaceOut {
                name: p.name(),
                region: p.region(),
                district: p.district(),
                subdistrict: p.subdistrict(),
                country: p.country(),
                lat: p.lat(),
                lon: p.lon(),
                precision: p.precision(),
            }),
            actors: e.actors(),
            tags: e.tags(),
            confidence: e.confidence(),
            cites: e.cites(),
            disputed_by: e.disputed_by(),
            kind: e.kind(),
            subkind: e.subkind(),
            fatalities: e.fatalities(),
            timing: e.timing(),
        }
    }
}

/// A place as a file writes it (the fields of `PlaceRecord`, in its order).
#[derive(Serialize)]
#[serde(rename = "Place")]
struct PlaceOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    district: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subdistrict: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lon: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    precision: Option<PlacePrecision>,
}

impl Serialize for NameList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl Serialize for CiteList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl Serialize for CiteRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// A citation as a file writes it (the fields of [`Cite`], in its order).
        #[derive(Serialize)]
        #[serde(rename = "Cite")]
        struct CiteOut<'a> {
            source: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            note: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            quote: Option<&'a str>,
        }
        CiteOut {
            source: self.source,
            note: self.note,
            quote: self.quote,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Events {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EventsVisitor;

        impl<'de> Visitor<'de> for EventsVisitor {
            type Value = Events;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of events")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Events, A::Error> {
                let mut events = Events::new();
                while let Some(event) = seq.next_element::<Event>()? {
                    events.push(&event);
                }
                events.shrink_to_fit();
                Ok(events)
            }
        }

        deserializer.deserialize_seq(EventsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(n: usize, place: &str) -> Event {
        Event {
            id: format!("e{n}").into(),
            date: PartialDate::day(2020, 1, 1 + (n % 28) as u8),
            end: (n.is_multiple_of(3)).then(|| PartialDate::day(2020, 3, 1)),
            title: format!("Event number {n}"),
            summary: "x".repeat(n % 5),
            place: (!n.is_multiple_of(4)).then(|| Place::named(place)),
            actors: (0..n % 3).map(|a| Name::from(format!("a{a}"))).collect(),
            tags: Vec::new(),
            confidence: Confidence::ALL[n % 5],
            cites: vec![Cite {
                source: "s".into(),
                note: (n.is_multiple_of(2)).then(|| "a note".to_owned()),
                quote: None,
            }],
            disputed_by: Vec::new(),
            extras: None,
        }
    }

    #[test]
    fn events_read_back_as_they_were_pushed_and_repeated_places_are_kept_once() {
        let records: Vec<Event> = (0..100).map(|n| event(n, ["A", "B"][n % 2])).collect();
        let events = Events::from(records.clone());
        assert_eq!(events.len(), 100);
        for (record, stored) in records.iter().zip(events.iter()) {
            assert_eq!(&stored.to_event(), record);
        }
        assert_eq!(events.place_table.len(), 2);
        assert!(events.get(100).is_none());
    }

    #[test]
    fn events_at_one_place_share_its_names_and_keep_their_own_coordinates() {
        let at = |lat: Option<f64>, lon: Option<f64>| {
            let mut e = event(1, "Raqqa");
            if let Some(place) = &mut e.place {
                place.lat = lat;
                place.lon = lon;
            }
            e
        };
        let records = vec![
            at(Some(35.95), Some(39.01)),
            at(Some(35.96), Some(39.02)),
            at(None, None),
            at(Some(f64::NAN), Some(f64::INFINITY)),
        ];
        let events = Events::from(records.clone());
        assert_eq!(events.place_table.len(), 1);
        for (record, stored) in records.iter().zip(events.iter()) {
            let place = stored.place().expect("placed");
            let given = record.place.as_ref().expect("placed");
            assert_eq!(place.name(), "Raqqa");
            assert_eq!(place.lat().map(f64::to_bits), given.lat.map(f64::to_bits));
            assert_eq!(place.lon(), given.lon);
        }
    }

    #[test]
    fn a_text_longer_than_a_block_is_kept_whole() {
        let mut long = event(1, "A");
        long.summary = "y".repeat(TEXT_BLOCK + 10);
        let events = Events::from(vec![event(0, "A"), long.clone(), event(2, "A")]);
        assert_eq!(
            events.get(1).map(|e| e.summary().len()),
            Some(TEXT_BLOCK + 10)
        );
        assert_eq!(events.get(2).map(|e| e.to_event()), Some(event(2, "A")));
    }

    #[test]
    fn events_are_written_from_the_columns_exactly_as_their_records_are() {
        let mut dataset = crate::generate::dataset(&crate::generate::GenerateOptions {
            events: 500,
            seed: 3,
            ..Default::default()
        });
        crate::generate::fill_every_field(&mut dataset);
        let mut odd = event(1, "Raqqa");
        odd.disputed_by = odd.cites.clone();
        odd.tags = vec!["a \"quoted\" tag".into()];
        dataset.events.push(&odd);
        let records: Vec<Event> = dataset.events.iter().map(|e| e.to_event()).collect();
        let options = crate::data::format::ron_text::ron_options();
        let pretty = ron::ser::PrettyConfig::default();
        let from_columns = options.to_string_pretty(&dataset.events, pretty.clone());
        let from_records = options.to_string_pretty(&records, pretty);
        assert_eq!(from_columns.ok(), from_records.ok());
    }

    #[test]
    fn events_can_be_dropped_or_replaced_by_index() {
        let mut events = Events::from((0..5).map(|n| event(n, "A")).collect::<Vec<_>>());
        events.retain_indexed(&[true, false, true, false, true]);
        let ids: Vec<&str> = events.iter().map(|e| e.id()).collect();
        assert_eq!(ids, ["e0", "e2", "e4"]);
        events.replace(1, event(9, "B"));
        assert_eq!(events.get(1).map(|e| e.id()), Some("e9"));
        assert_eq!(events.len(), 3);
    }
}
