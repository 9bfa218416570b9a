//! Which events a reader wants to see: by actor, tag, confidence, source
//! organisation, kind and language, place and dates. Kinds combine with AND,
//! choices within a kind with OR ("the SDF's or the coalition's, confirmed, in
//! 2017"). A filter knows nothing of how it is shown; [`FilterChoices`] lists
//! what can be chosen, with how many events each choice holds.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::date::{DayNumber, PartialDate};
use super::index::EventOrder;
use super::load::LoadedDataset;
use super::model::{Confidence, Event, Name, SourceKind};

/// What a reader asks to see. Empty sets and missing dates let everything through.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Actors, by index in `Dataset::actors`: events naming any of them.
    pub actors: BTreeSet<usize>,
    /// Tags: events with any of them.
    pub tags: BTreeSet<String>,
    /// Confidence levels: events at any of them.
    pub confidence: BTreeSet<Confidence>,
    /// Source organisations (publishers): events citing any of them.
    pub publishers: BTreeSet<String>,
    /// Source kinds: events citing a source of any of them.
    pub source_kinds: BTreeSet<SourceKind>,
    /// Source languages: events citing a source in any of them.
    pub languages: BTreeSet<String>,
    /// Countries or regions: events placed in any of them.
    pub places: BTreeSet<String>,
    /// Event kinds ("Battles"): events of any of them.
    pub kinds: BTreeSet<String>,
    /// Events whose best estimate of deaths is at least this.
    pub min_fatalities: Option<u32>,
    /// Events that end on or after this date's first day.
    pub from: Option<PartialDate>,
    /// Events that start on or before this date's last day.
    pub to: Option<PartialDate>,
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
        // Events are tested in file order, which reads memory in sequence; the
        // order is then filtered from the marks.
        let mut keep = Vec::with_capacity(loaded.dataset.events.len());
        for event in 0..loaded.dataset.events.len() {
            if event.is_multiple_of(65_536) && cancelled() {
                return None;
            }
            keep.push(matcher.keeps(event));
        }
        order.filtered(
            &|event| keep.get(event).copied().unwrap_or(false),
            cancelled,
        )
    }
}

/// A filter made ready for one dataset: the sources it accepts resolved once.
struct Matcher<'a> {
    filter: &'a EventFilter,
    loaded: &'a LoadedDataset,
    /// Ids of the sources that pass the source filters, when there are any.
    sources: Option<HashSet<&'a str>>,
    from: Option<DayNumber>,
    to: Option<DayNumber>,
}

impl<'a> Matcher<'a> {
    fn new(filter: &'a EventFilter, loaded: &'a LoadedDataset) -> Self {
        let sources = filter.asks_sources().then(|| {
            loaded
                .dataset
                .sources
                .iter()
                .filter(|s| {
                    (filter.publishers.is_empty() || filter.publishers.contains(&s.publisher))
                        && (filter.source_kinds.is_empty() || filter.source_kinds.contains(&s.kind))
                        && (filter.languages.is_empty()
                            || s.language
                                .as_ref()
                                .is_some_and(|l| filter.languages.contains(l)))
                })
                .map(|s| s.id.as_str())
                .collect()
        });
        Self {
            filter,
            loaded,
            sources,
            from: filter.from.map(|d| f64::from(d.start_day())),
            to: filter.to.map(|d| f64::from(d.end_day_exclusive())),
        }
    }

    fn keeps(&self, event: usize) -> bool {
        let Some(e) = self.loaded.dataset.events.get(event) else {
            return false;
        };
        let filter = self.filter;
        if !filter.confidence.is_empty() && !filter.confidence.contains(&e.confidence) {
            return false;
        }
        if let Some(span) = self.loaded.index.spans.get(event)
            && (self.from.is_some_and(|from| span.end <= from)
                || self.to.is_some_and(|to| span.start >= to))
        {
            return false;
        }
        if !filter.actors.is_empty()
            && !self
                .loaded
                .index
                .actors_of(event)
                .iter()
                .any(|&a| filter.actors.contains(&(a as usize)))
        {
            return false;
        }
        if !filter.tags.is_empty() && !e.tags.iter().any(|t| filter.tags.contains(t.as_str())) {
            return false;
        }
        if !filter.places.is_empty() && !place_names(e).any(|p| filter.places.contains(p)) {
            return false;
        }
        if !filter.kinds.is_empty() && !e.kind().is_some_and(|k| filter.kinds.contains(k)) {
            return false;
        }
        if let Some(least) = filter.min_fatalities
            && e.fatalities().is_none_or(|f| f.best < least)
        {
            return false;
        }
        if let Some(sources) = &self.sources
            && !e
                .cites
                .iter()
                .chain(&e.disputed_by)
                .any(|c| sources.contains(c.source.as_str()))
        {
            return false;
        }
        true
    }
}

/// The country and region an event is placed in.
fn place_names(event: &Event) -> impl Iterator<Item = &str> {
    event
        .place
        .iter()
        .flat_map(|p| p.country.iter().chain(p.region.iter()))
        .map(Name::as_str)
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
            for tag in &event.tags {
                *tags.entry(tag).or_default() += 1;
            }
            for place in place_names(event) {
                *places.entry(place).or_default() += 1;
            }
            *confidence.entry(event.confidence).or_default() += 1;
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
