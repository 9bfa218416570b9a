//! One event read from the columns, and its place: borrowed views with the
//! names the record's fields had.

use super::*;

/// One event, read from the columns.
#[derive(Clone, Copy)]
pub struct EventRef<'a> {
    pub(super) events: &'a Events,
    pub(super) index: usize,
}

impl<'a> EventRef<'a> {
    /// Its position among the dataset's events.
    pub fn index(&self) -> usize {
        self.index
    }

    pub(super) fn text(&self) -> (&'a str, TextAt) {
        let at = self
            .events
            .text_at
            .get(self.index)
            .copied()
            .unwrap_or_default();
        let block = self.events.text.get(at.block as usize);
        (block.map_or("", String::as_str), at)
    }

    pub(super) fn text_part(&self, from: u32, len: u32) -> &'a str {
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
    pub(super) fn extras(&self) -> Option<&'a ExtrasRow> {
        let at = *self.events.extras_at.get(self.index)?;
        self.events.extras.get(at as usize)
    }

    /// A name from the table of names, by number.
    pub(super) fn name(&self, number: u32) -> Option<&'a str> {
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

/// An event's place: its names, shared with every event at the same place,
/// and its own coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaceRef<'a> {
    pub(super) named: &'a Place,
    pub(super) lat: Option<f64>,
    pub(super) lon: Option<f64>,
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
