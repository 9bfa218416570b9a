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
//!
//! This file holds the columns; beside it are the views of one event
//! (`record`), the tables of names (`names`) and citations (`cites`),
//! and how the columns are written and read with serde (`serial`).

use std::hash::{BuildHasher, Hash};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use foldhash::HashMap;

use serde::de::{SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod cites;
mod names;
mod record;
mod runs;
mod serial;

use cites::CitePool;
pub use cites::{CiteList, CiteRef};
use names::NameTable;
pub use names::{NameIter, NameList};
pub use record::{EventRef, PlaceRef};
use runs::Runs;

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
    /// Every named place events happened at that has coordinates, with the
    /// coordinates of its first event that gives them and how many events
    /// name it: one pass over the events' place numbers.
    pub fn located_places(&self) -> Vec<(PlaceRef<'_>, u32)> {
        let mut found: Vec<Option<([f64; 2], u32)>> = vec![None; self.place_table.len()];
        for (&place, &[lat, lon]) in self.places.iter().zip(&self.coordinates) {
            let Some(slot) = found.get_mut(place as usize) else {
                continue;
            };
            match slot {
                Some((_, count)) => *count += 1,
                None => {
                    if given(lat).is_some() && given(lon).is_some() {
                        *slot = Some(([lat, lon], 1));
                    }
                }
            }
        }
        self.place_table
            .iter()
            .zip(found)
            .filter_map(|(named, found)| {
                let ([lat, lon], count) = found?;
                Some((
                    PlaceRef {
                        named,
                        lat: Some(lat),
                        lon: Some(lon),
                    },
                    count,
                ))
            })
            .collect()
    }

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

#[cfg(test)]
mod tests;
