//! Which events a reader wants to see: by actor, tag, confidence, source
//! organisation, kind and language, place and dates. Kinds combine with AND,
//! choices within a kind with OR ("the SDF's or the coalition's, confirmed, in
//! 2017"). A filter knows nothing of how it is shown; [`FilterChoices`] lists
//! what can be chosen, with how many events each choice holds.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::data::derived::index::{EventOrder, PackedMarks};
use crate::data::loaded::LoadedDataset;
use crate::data::map::GeoBox;
use crate::data::model::date::{DayNumber, PartialDate};
use crate::data::model::{Confidence, EventRef, SourceKind};

/// What a reader asks to see. Empty sets and missing dates let everything
/// through. Records are named by id and label, never by position, so that the
/// filter survives edits to the dataset and is saved as it is in a view.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Filter", default, deny_unknown_fields)]
pub struct EventFilter {
    /// Actors, by id: events naming any of them.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub actors: BTreeSet<String>,
    /// Tags: events with any of them.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub tags: BTreeSet<String>,
    /// Confidence levels: events at any of them.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub confidence: BTreeSet<Confidence>,
    /// Source organisations (publishers): events citing any of them.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub publishers: BTreeSet<String>,
    /// Source kinds: events citing a source of any of them.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub source_kinds: BTreeSet<SourceKind>,
    /// Source languages: events citing a source in any of them.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub languages: BTreeSet<String>,
    /// Countries or regions: events placed in any of them.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub places: BTreeSet<String>,
    /// Event kinds ("Battles"): events of any of them.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub kinds: BTreeSet<String>,
    /// Events whose best estimate of deaths is at least this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_fatalities: Option<u32>,
    /// Events that end on or after this date's first day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<PartialDate>,
    /// Events that start on or before this date's last day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<PartialDate>,
    /// Events placed in this box (events with no coordinates are left out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<GeoBox>,
}

impl EventFilter {
    /// How many kinds of filter are set.
    pub fn active_kinds(&self) -> usize {
        [
            !self.actors.is_empty(),
            !self.tags.is_empty(),
            !self.confidence.is_empty(),
            !self.publishers.is_empty(),
            !self.source_kinds.is_empty(),
            !self.languages.is_empty(),
            !self.places.is_empty(),
            !self.kinds.is_empty(),
            self.min_fatalities.is_some(),
            self.from.is_some() || self.to.is_some(),
            self.area.is_some(),
        ]
        .into_iter()
        .filter(|&set| set)
        .count()
    }

    /// Whether the filter lets every event through.
    pub fn is_empty(&self) -> bool {
        self.active_kinds() == 0
    }

    /// Whether the filter asks anything of an event's sources.
    fn asks_sources(&self) -> bool {
        !(self.publishers.is_empty() && self.source_kinds.is_empty() && self.languages.is_empty())
    }

    /// The events of `order` this filter lets through; `None` when `cancelled`
    /// says to give up.
    pub fn apply(
        &self,
        loaded: &LoadedDataset,
        order: &EventOrder,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<EventOrder> {
        let matcher = Matcher::new(self, loaded);
        let events = loaded.dataset.events.len();
        let keep = match self.narrowed(loaded, order, &matcher, cancelled)? {
            // All the filter asks: the pass found the answer.
            Some((found, true)) => found,
            // The events the pass found are tested for the rest.
            Some((found, false)) => matcher.keeping(found.marked(), events, cancelled)?,
            // Every event is tested, in file order, which reads memory in
            // sequence.
            None => matcher.keeping(0..events, events, cancelled)?,
        };
        let alone = self.active_kinds() == 1;
        // Confidence alone, over every event: the date order's marks come
        // from the confidence column kept in date order, read in order.
        if alone && !self.confidence.is_empty() && std::ptr::eq(order, loaded.index.order.as_ref())
        {
            let wanted = self.wanted_levels();
            let levels = loaded.index.confidence_by_place();
            let places = PackedMarks::of_each(levels, |&level| wanted[level as usize]);
            return order.filtered_by_places(&keep, places, cancelled);
        }
        // Actors alone: the chosen actors' lanes pass whole.
        if alone && !self.actors.is_empty() {
            let chosen = |a: usize| matcher.actors.get(a).copied().unwrap_or(false);
            return order.filtered_to_actors(&keep, chosen, cancelled);
        }
        order.filtered_by_bits(&keep, cancelled)
    }

    /// By confidence level, whether the filter asks for it.
    fn wanted_levels(&self) -> [bool; Confidence::ALL.len()] {
        let mut wanted = [false; Confidence::ALL.len()];
        for &level in &self.confidence {
            wanted[level as usize] = true;
        }
        wanted
    }

    /// The events that pass the filter's actors (read from the actors' lanes
    /// of `order`, not from every event) or else its confidence levels (one
    /// pass over that column), and whether that is all the filter asks;
    /// `Some(None)` when it asks neither, `None` when `cancelled` says to
    /// give up.
    fn narrowed(
        &self,
        loaded: &LoadedDataset,
        order: &EventOrder,
        matcher: &Matcher<'_>,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Option<(PackedMarks, bool)>> {
        let events = &loaded.dataset.events;
        let alone = self.active_kinds() == 1;
        if !self.actors.is_empty() {
            let mut found = PackedMarks::with_len(events.len());
            let chosen = |a: usize| matcher.actors.get(a).copied().unwrap_or(false);
            order.each_event_of_actors(chosen, cancelled, |event| found.mark(event as usize))?;
            return Some(Some((found, alone)));
        }
        if !self.confidence.is_empty() {
            let wanted = self.wanted_levels();
            let levels = events.confidences();
            let found = PackedMarks::of_each(levels, |&level| wanted[level as usize]);
            return Some(Some((found, alone)));
        }
        Some(None)
    }
}

/// A filter made ready for one dataset: the sources it accepts resolved once.
struct Matcher<'a> {
    filter: &'a EventFilter,
    loaded: &'a LoadedDataset,
    /// By number in the events' table of names, whether a cited source passes
    /// the source filters, when there are any.
    sources: Option<Vec<bool>>,
    /// By actor index, whether the actor is filtered on; an id the dataset
    /// lacks matches nothing.
    actors: Vec<bool>,
    /// By number in the events' table of names, whether a tag is filtered on.
    tags: Vec<bool>,
    from: Option<DayNumber>,
    to: Option<DayNumber>,
}

impl<'a> Matcher<'a> {
    fn new(filter: &'a EventFilter, loaded: &'a LoadedDataset) -> Self {
        let events = &loaded.dataset.events;
        // Names the events use, marked by number, so that each event's test
        // compares integers.
        let marked = |names: &mut dyn Iterator<Item = &str>| {
            let mut marks = vec![false; events.name_count()];
            for number in names.filter_map(|name| events.name_number(name)) {
                if let Some(mark) = marks.get_mut(number as usize) {
                    *mark = true;
                }
            }
            marks
        };
        let sources = filter.asks_sources().then(|| {
            marked(
                &mut loaded
                    .dataset
                    .sources
                    .iter()
                    .filter(|s| {
                        (filter.publishers.is_empty() || filter.publishers.contains(&s.publisher))
                            && (filter.source_kinds.is_empty()
                                || filter.source_kinds.contains(&s.kind))
                            && (filter.languages.is_empty()
                                || s.language
                                    .as_ref()
                                    .is_some_and(|l| filter.languages.contains(l)))
                    })
                    .map(|s| s.id.as_str()),
            )
        });
        let tags = marked(&mut filter.tags.iter().map(String::as_str));
        let mut actors = vec![false; loaded.dataset.actors.len()];
        for id in &filter.actors {
            if let Some(&a) = loaded.index.actor_by_id.get(id.as_str())
                && let Some(mark) = actors.get_mut(a)
            {
                *mark = true;
            }
        }
        Self {
            filter,
            loaded,
            sources,
            actors,
            tags,
            from: filter.from.map(|d| f64::from(d.start_day())),
            to: filter.to.map(|d| f64::from(d.end_day_exclusive())),
        }
    }

    /// The marks, among `events` (ascending, below `len`), of those the
    /// filter keeps; `None` when `cancelled` says to give up.
    fn keeping(
        &self,
        events: impl Iterator<Item = usize>,
        len: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<PackedMarks> {
        let mut keep = PackedMarks::with_len(len);
        for (n, event) in events.enumerate() {
            if n.is_multiple_of(65_536) && cancelled() {
                return None;
            }
            if self.keeps(event) {
                keep.mark(event);
            }
        }
        Some(keep)
    }

    fn keeps(&self, event: usize) -> bool {
        let Some(e) = self.loaded.dataset.events.get(event) else {
            return false;
        };
        // Written out rather than looped over, so that each test is inlined
        // with its facet known: this runs for every event on every filter.
        self.passes(e, event, Facet::Confidence)
            && self.passes(e, event, Facet::Other)
            && self.passes(e, event, Facet::Actors)
            && self.passes(e, event, Facet::Tags)
            && self.passes(e, event, Facet::Places)
            && self.passes(e, event, Facet::Kinds)
    }

    /// Which kinds of filter `event` fails: none, one, or more.
    fn failing(&self, event: usize) -> Failing {
        let Some(e) = self.loaded.dataset.events.get(event) else {
            return Failing::Several;
        };
        let mut failing = Failing::None;
        for facet in Facet::ALL {
            if !self.passes(e, event, facet) {
                failing = match failing {
                    Failing::None => Failing::One(facet),
                    Failing::One(_) | Failing::Several => return Failing::Several,
                };
            }
        }
        failing
    }

    /// Whether `e` (the event at `event`) passes the filter's `facet`.
    #[inline(always)]
    fn passes(&self, e: EventRef<'_>, event: usize, facet: Facet) -> bool {
        let filter = self.filter;
        match facet {
            Facet::Confidence => {
                filter.confidence.is_empty() || filter.confidence.contains(&e.confidence())
            }
            Facet::Actors => {
                filter.actors.is_empty()
                    || self
                        .loaded
                        .index
                        .actors_of(event)
                        .iter()
                        .any(|&a| self.actors.get(a as usize).copied().unwrap_or(false))
            }
            Facet::Tags => {
                filter.tags.is_empty()
                    || e.tags()
                        .numbers()
                        .iter()
                        .any(|&t| self.tags.get(t as usize).copied().unwrap_or(false))
            }
            Facet::Places => {
                filter.places.is_empty() || place_names(e).any(|p| filter.places.contains(p))
            }
            Facet::Kinds => {
                filter.kinds.is_empty() || e.kind().is_some_and(|k| filter.kinds.contains(k))
            }
            Facet::Other => {
                self.loaded.index.spans.get(event).is_none_or(|span| {
                    !(self.from.is_some_and(|from| span.end <= from)
                        || self.to.is_some_and(|to| span.start >= to))
                }) && filter.area.is_none_or(|area| {
                    e.place()
                        .as_ref()
                        .and_then(|p| Some((p.lon()?, p.lat()?)))
                        .is_some_and(|(lon, lat)| area.contains(lon, lat))
                }) && filter
                    .min_fatalities
                    .is_none_or(|least| e.fatalities().is_some_and(|f| f.best >= least))
                    && self.sources.as_ref().is_none_or(|sources| {
                        let marked = |&s: &u32| sources.get(s as usize).copied().unwrap_or(false);
                        e.cites().source_numbers().iter().any(marked)
                            || e.disputed_by().source_numbers().iter().any(marked)
                    })
            }
        }
    }
}

/// The kinds of filter whose choices are counted, and the rest together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Facet {
    Confidence,
    Actors,
    Tags,
    Places,
    Kinds,
    /// Dates, deaths and sources: never counted by choice.
    Other,
}

impl Facet {
    /// Cheapest first: most events are turned away early.
    const ALL: [Self; 6] = [
        Self::Confidence,
        Self::Other,
        Self::Actors,
        Self::Tags,
        Self::Places,
        Self::Kinds,
    ];
}

/// Which kinds of filter an event fails.
enum Failing {
    None,
    One(Facet),
    Several,
}

/// For each choice of a kind of filter, how many events it would show with the
/// other kinds of filter as they are set: what the menus count once a filter is
/// set, so that the reader sees what a further tick would give.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FacetCounts {
    /// By actor index.
    pub actors: HashMap<usize, usize>,
    /// By tag.
    pub tags: HashMap<String, usize>,
    /// By confidence level.
    pub confidence: HashMap<Confidence, usize>,
    /// By country or region.
    pub places: HashMap<String, usize>,
    /// By event kind.
    pub kinds: HashMap<String, usize>,
}

impl EventFilter {
    /// The counts of every choice under the other kinds of filter set, in one
    /// pass over the events; `None` when `cancelled` says to give up.
    pub fn facet_counts(
        &self,
        loaded: &LoadedDataset,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<FacetCounts> {
        let matcher = Matcher::new(self, loaded);
        let mut actors: HashMap<usize, usize> = HashMap::new();
        let mut tags: HashMap<&str, usize> = HashMap::new();
        let mut confidence: HashMap<Confidence, usize> = HashMap::new();
        let mut places: HashMap<&str, usize> = HashMap::new();
        let mut kinds: HashMap<&str, usize> = HashMap::new();
        for (event, e) in loaded.dataset.events.iter().enumerate() {
            if event.is_multiple_of(65_536) && cancelled() {
                return None;
            }
            let failing = matcher.failing(event);
            let counted = |facet: Facet| match failing {
                Failing::None => true,
                Failing::One(failed) => failed == facet && facet != Facet::Other,
                Failing::Several => false,
            };
            if counted(Facet::Actors) {
                for &a in loaded.index.actors_of(event) {
                    *actors.entry(a as usize).or_default() += 1;
                }
            }
            if counted(Facet::Tags) {
                for tag in e.tags() {
                    *tags.entry(tag).or_default() += 1;
                }
            }
            if counted(Facet::Confidence) {
                *confidence.entry(e.confidence()).or_default() += 1;
            }
            if counted(Facet::Places) {
                for place in place_names(e) {
                    *places.entry(place).or_default() += 1;
                }
            }
            if counted(Facet::Kinds)
                && let Some(kind) = e.kind()
            {
                *kinds.entry(kind).or_default() += 1;
            }
        }
        let owned = |map: HashMap<&str, usize>| {
            map.into_iter()
                .map(|(k, n)| (k.to_owned(), n))
                .collect::<HashMap<String, usize>>()
        };
        Some(FacetCounts {
            actors,
            tags: owned(tags),
            confidence,
            places: owned(places),
            kinds: owned(kinds),
        })
    }
}

/// The country and region an event is placed in.
fn place_names(event: EventRef<'_>) -> impl Iterator<Item = &str> {
    event
        .place()
        .into_iter()
        .flat_map(|p| p.country().into_iter().chain(p.region()))
}

/// What each kind of filter offers, with how many events each choice holds.
#[derive(Clone, Debug, Default)]
pub struct FilterChoices {
    /// Actors with events: (actor index, events).
    pub actors: Vec<(usize, usize)>,
    /// Tags, most used first.
    pub tags: Vec<(String, usize)>,
    /// Confidence levels used.
    pub confidence: Vec<(Confidence, usize)>,
    /// Source organisations, by name.
    pub publishers: Vec<String>,
    /// Source kinds used.
    pub source_kinds: Vec<SourceKind>,
    /// Source languages used.
    pub languages: Vec<String>,
    /// Countries and regions, most used first.
    pub places: Vec<(String, usize)>,
    /// Event kinds, most used first.
    pub kinds: Vec<(String, usize)>,
    /// Whether any event gives fatalities.
    pub has_fatalities: bool,
}

impl FilterChoices {
    /// Counts what `loaded` holds: one pass over the events.
    pub fn build(loaded: &LoadedDataset) -> Self {
        let dataset = &loaded.dataset;
        let mut tags: BTreeMap<&str, usize> = BTreeMap::new();
        let mut places: BTreeMap<&str, usize> = BTreeMap::new();
        let mut confidence: BTreeMap<Confidence, usize> = BTreeMap::new();
        let mut event_kinds: BTreeMap<&str, usize> = BTreeMap::new();
        let mut has_fatalities = false;
        for event in &dataset.events {
            if let Some(kind) = event.kind() {
                *event_kinds.entry(kind).or_default() += 1;
            }
            has_fatalities |= event.fatalities().is_some();
            for tag in event.tags() {
                *tags.entry(tag).or_default() += 1;
            }
            for place in place_names(event) {
                *places.entry(place).or_default() += 1;
            }
            *confidence.entry(event.confidence()).or_default() += 1;
        }
        let by_count = |map: BTreeMap<&str, usize>| {
            let mut list: Vec<(String, usize)> =
                map.into_iter().map(|(k, n)| (k.to_owned(), n)).collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            list
        };
        let publishers: BTreeSet<&str> = dataset
            .sources
            .iter()
            .map(|s| s.publisher.as_str())
            .collect();
        let kinds: BTreeSet<SourceKind> = dataset.sources.iter().map(|s| s.kind).collect();
        let languages: BTreeSet<&str> = dataset
            .sources
            .iter()
            .filter_map(|s| s.language.as_deref())
            .collect();
        Self {
            actors: loaded
                .index
                .order
                .lanes
                .iter()
                .filter_map(|lane| Some((lane.actor?, lane.len())))
                .collect(),
            tags: by_count(tags),
            confidence: confidence.into_iter().collect(),
            publishers: publishers.into_iter().map(str::to_owned).collect(),
            source_kinds: kinds.into_iter().collect(),
            languages: languages.into_iter().map(str::to_owned).collect(),
            places: by_count(places),
            kinds: by_count(event_kinds),
            has_fatalities,
        }
    }
}
