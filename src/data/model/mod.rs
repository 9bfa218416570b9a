//! The dataset as it is written in a file.

pub mod date;
pub mod events;
pub mod territory;

pub use events::{CiteList, CiteRef, EventRef, Events, NameList, PlaceRef, SharedMatches};
pub use territory::{ControlMap, Snapshot};

use serde::{Deserialize, Serialize};

use crate::data::model::date::PartialDate;

/// A short text that is kept inside its record when it fits (24 bytes): ids,
/// actor and source references, tags and place names. A million events repeat
/// such names millions of times, and a separate allocation for each would cost
/// more memory than the text itself.
pub type Name = compact_str::CompactString;

/// The format version this build of Frontline reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole dataset: its description, sources, actors, events and control series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Dataset")]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Format version; must be [`FORMAT_VERSION`].
    pub format: u32,
    /// Shown in the window's title bar.
    pub title: String,
    /// A paragraph on what the dataset covers.
    #[serde(default)]
    pub description: String,
    /// Licence and attribution of the dataset itself.
    #[serde(default)]
    pub license: String,
    /// Every source that a citation may name, each with its own id.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The parties that events and control series refer to.
    #[serde(default)]
    pub actors: Vec<Actor>,
    /// Dated events, in any order, kept in columns.
    #[serde(default)]
    pub events: Events,
    /// Territorial-control figures: one series per actor, source organisation and scope.
    #[serde(default)]
    pub control: Vec<ControlSeries>,
    /// Territory as dated maps: one list of snapshots per actor, organisation and scope.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub territory: Vec<ControlMap>,
}

/// A publication that claims something: an article, a report, a map, a statement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The id citations use.
    pub id: String,
    /// The organisation that published it ("RTS (ats/afp)", "IHS Markit").
    pub publisher: String,
    /// The headline or title.
    pub title: String,
    /// Where it can be read, when it can.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PartialDate>,
    /// The language it is written in, as a code ("en", "fr", "ar").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// What kind of organisation published it.
    pub kind: SourceKind,
    /// Its reach or kind as an event database gives it ("National",
    /// "Subnational-International").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
}

/// What kind of organisation a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SourceKind {
    /// A news agency (AFP, Reuters, AP).
    NewsAgency,
    /// A newspaper, broadcaster or news site.
    NewsOutlet,
    /// A monitoring group (SOHR).
    Monitor,
    /// A government, ministry or international coalition speaking officially.
    Government,
    /// A party to the conflict speaking of its own fighting (SDF, IS).
    PartyToConflict,
    /// A research firm or think tank (IHS Markit, Jusoor, ISW).
    ResearchFirm,
    /// An encyclopedia or other compiled reference.
    Reference,
    /// Anything else.
    Other,
}

impl SourceKind {
    /// Every kind, in the order the filters list them.
    pub const ALL: [Self; 8] = [
        Self::NewsAgency,
        Self::NewsOutlet,
        Self::Monitor,
        Self::Government,
        Self::PartyToConflict,
        Self::ResearchFirm,
        Self::Reference,
        Self::Other,
    ];

    /// A short label for display.
    pub fn label(self) -> &'static str {
        match self {
            Self::NewsAgency => "news agency",
            Self::NewsOutlet => "news outlet",
            Self::Monitor => "monitor",
            Self::Government => "government",
            Self::PartyToConflict => "party to the conflict",
            Self::ResearchFirm => "research firm",
            Self::Reference => "reference work",
            Self::Other => "other",
        }
    }
}

/// A party: an armed group, a government, a coalition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// The id events and series use.
    pub id: String,
    /// The full name.
    pub name: String,
    /// A short name for lanes and legends.
    pub short: String,
    /// Colour as `#rrggbb`.
    pub color: String,
    /// Other names the actor is known by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// What kind of actor it is ("State forces", "Rebel groups").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// How far a claim has been established.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Confidence {
    /// Established by independent sources.
    Confirmed,
    /// Reported by a credible source, not independently confirmed.
    Reported,
    /// Claimed by a party to the conflict.
    Claimed,
    /// Sources disagree.
    Disputed,
    /// Known only from a secondary copy or unchecked.
    Unverified,
}

impl Confidence {
    /// All levels, most certain first.
    pub const ALL: [Self; 5] = [
        Self::Confirmed,
        Self::Reported,
        Self::Claimed,
        Self::Disputed,
        Self::Unverified,
    ];

    /// A short label for display.
    pub fn label(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Reported => "reported",
            Self::Claimed => "claimed",
            Self::Disputed => "disputed",
            Self::Unverified => "unverified",
        }
    }
}

/// A citation: which source says it, with an optional note or quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    /// The id of a [`Source`].
    pub source: Name,
    /// What the source says or how it says it, in the author's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A short quotation from the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// Where an event happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "PlaceRecord", into = "PlaceRecord")]
pub struct Place {
    /// The place's name.
    pub name: Name,
    /// Province, governorate or region (first-order division).
    pub region: Option<Name>,
    /// The country.
    pub country: Option<Name>,
    /// Latitude in degrees.
    pub lat: Option<f64>,
    /// Longitude in degrees.
    pub lon: Option<f64>,
    /// Districts and precision, which event databases give, in one allocation.
    pub extras: Option<Box<PlaceExtras>>,
}

/// What event databases add to a place.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlaceExtras {
    /// District (second-order division).
    pub district: Option<String>,
    /// Sub-district (third-order division).
    pub subdistrict: Option<String>,
    /// How closely the name and coordinates locate the event (default: the place itself).
    pub precision: Option<PlacePrecision>,
}

impl PlaceExtras {
    /// The extras, boxed, or `None` when there are none.
    pub fn boxed(self) -> Option<Box<Self>> {
        (self != Self::default()).then(|| Box::new(self))
    }
}

impl Place {
    /// A place with a name and nothing else.
    pub fn named(name: impl Into<Name>) -> Self {
        Self {
            name: name.into(),
            region: None,
            country: None,
            lat: None,
            lon: None,
            extras: None,
        }
    }

    /// The district (second-order division).
    pub fn district(&self) -> Option<&str> {
        self.extras.as_ref().and_then(|x| x.district.as_deref())
    }

    /// The sub-district (third-order division).
    pub fn subdistrict(&self) -> Option<&str> {
        self.extras.as_ref().and_then(|x| x.subdistrict.as_deref())
    }

    /// How closely the place locates the event.
    pub fn precision(&self) -> Option<PlacePrecision> {
        self.extras.as_ref().and_then(|x| x.precision)
    }
}

impl From<PlaceRecord> for Place {
    fn from(r: PlaceRecord) -> Self {
        Self {
            name: r.name,
            region: r.region,
            country: r.country,
            lat: r.lat,
            lon: r.lon,
            extras: PlaceExtras {
                district: r.district,
                subdistrict: r.subdistrict,
                precision: r.precision,
            }
            .boxed(),
        }
    }
}

impl From<Place> for PlaceRecord {
    fn from(p: Place) -> Self {
        let extras = p.extras.map(|x| *x).unwrap_or_default();
        Self {
            name: p.name,
            region: p.region,
            district: extras.district,
            subdistrict: extras.subdistrict,
            country: p.country,
            lat: p.lat,
            lon: p.lon,
            precision: extras.precision,
        }
    }
}

/// A place as a file writes it, every field flat.
#[derive(Serialize, Deserialize)]
#[serde(rename = "Place", deny_unknown_fields)]
struct PlaceRecord {
    /// The place's name.
    pub name: Name,
    /// Province, governorate or region (first-order division).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Name>,
    /// District (second-order division).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Sub-district (third-order division).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdistrict: Option<String>,
    /// The country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Name>,
    /// Latitude in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// How closely the name and coordinates locate the event (default: the place itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<PlacePrecision>,
}

/// How closely a place locates an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlacePrecision {
    /// The place itself.
    Exact,
    /// Near it: within about 25 km, or part of the area around it.
    Near,
    /// Only the district (second-order division) is known.
    District,
    /// Only the province (first-order division) is known.
    Province,
    /// Only the country is known.
    Country,
    /// Something else: a line between places, waters, airspace.
    Other,
}

impl PlacePrecision {
    /// Every precision, finest first.
    pub const ALL: [Self; 6] = [
        Self::Exact,
        Self::Near,
        Self::District,
        Self::Province,
        Self::Country,
        Self::Other,
    ];

    /// As the detail panel says it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Exact => "the place itself",
            Self::Near => "near this place",
            Self::District => "somewhere in the district",
            Self::Province => "somewhere in the province",
            Self::Country => "somewhere in the country",
            Self::Other => "located otherwise (a line, waters or airspace)",
        }
    }
}

impl Fatalities {
    /// A best estimate alone, with no range and no deaths by side.
    pub fn best_only(best: u32) -> Self {
        Self {
            best,
            low: None,
            high: None,
            side_a: None,
            side_b: None,
            civilians: None,
            unknown: None,
        }
    }
}

/// How well an event's date is known, beyond the precision the date is written at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Timing {
    /// On the date given (the default).
    Exact,
    /// Some day in the week around the date given.
    WithinWeek,
    /// Once, at some time from `date` to `end` (not lasting all of it).
    SometimeBetween,
}

/// Deaths reported for an event: a best estimate, an optional range, and, where
/// the source gives them, deaths by side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fatalities {
    /// The best estimate.
    pub best: u32,
    /// The lowest estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<u32>,
    /// The highest estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<u32>,
    /// Deaths on the first side named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side_a: Option<u32>,
    /// Deaths on the second side named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side_b: Option<u32>,
    /// Civilian deaths.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub civilians: Option<u32>,
    /// Deaths of unknown affiliation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown: Option<u32>,
}

impl Fatalities {
    /// Where the source's own estimates contradict each other ("low 7 is above
    /// best 6"), one phrase per contradiction. Such figures are the source's
    /// claim: they are kept as given and flagged, never corrected or dropped.
    pub fn disagreements(&self) -> Vec<String> {
        let mut found = Vec::new();
        if let Some(low) = self.low
            && low > self.best
        {
            found.push(format!("low {low} is above best {}", self.best));
        }
        if let Some(high) = self.high
            && high < self.best
        {
            found.push(format!("high {high} is below best {}", self.best));
        }
        if let (Some(low), Some(high)) = (self.low, self.high)
            && low > high
        {
            found.push(format!("low {low} is above high {high}"));
        }
        found
    }
}

/// Something that happened on a date or over a span of dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "EventRecord", into = "EventRecord")]
pub struct Event {
    /// Unique among the dataset's events.
    pub id: Name,
    /// When it happened, or began.
    pub date: PartialDate,
    /// When it ended, for offensives, sieges and other spans.
    pub end: Option<PartialDate>,
    /// One line.
    pub title: String,
    /// A few sentences.
    pub summary: String,
    /// Where it happened.
    pub place: Option<Place>,
    /// Ids of the actors involved.
    pub actors: Vec<Name>,
    /// Free keywords ("offensive", "withdrawal").
    pub tags: Vec<Name>,
    /// How far the event is established.
    pub confidence: Confidence,
    /// The sources that report it.
    pub cites: Vec<Cite>,
    /// The sources that deny or contradict it.
    pub disputed_by: Vec<Cite>,
    /// What event databases add (kind, deaths, timing), in one allocation so
    /// that the many events without it cost a pointer.
    pub extras: Option<Box<EventExtras>>,
}

/// What event databases add to an event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventExtras {
    /// What kind of event it is ("Battles", "State-based conflict").
    pub kind: Option<String>,
    /// A finer kind ("Armed clash").
    pub subkind: Option<String>,
    /// Deaths reported.
    pub fatalities: Option<Fatalities>,
    /// How well the date is known (default: exactly).
    pub timing: Option<Timing>,
}

impl EventExtras {
    /// The extras, boxed, or `None` when there are none.
    pub fn boxed(self) -> Option<Box<Self>> {
        (self != Self::default()).then(|| Box::new(self))
    }
}

impl Event {
    /// What kind of event it is.
    pub fn kind(&self) -> Option<&str> {
        self.extras.as_ref().and_then(|x| x.kind.as_deref())
    }

    /// A finer kind.
    pub fn subkind(&self) -> Option<&str> {
        self.extras.as_ref().and_then(|x| x.subkind.as_deref())
    }

    /// Deaths reported.
    pub fn fatalities(&self) -> Option<&Fatalities> {
        self.extras.as_ref().and_then(|x| x.fatalities.as_ref())
    }

    /// How well the date is known.
    pub fn timing(&self) -> Option<Timing> {
        self.extras.as_ref().and_then(|x| x.timing)
    }
}

impl From<EventRecord> for Event {
    fn from(r: EventRecord) -> Self {
        Self {
            id: r.id,
            date: r.date,
            end: r.end,
            title: r.title,
            summary: r.summary,
            place: r.place,
            actors: r.actors,
            tags: r.tags,
            confidence: r.confidence,
            cites: r.cites,
            disputed_by: r.disputed_by,
            extras: EventExtras {
                kind: r.kind,
                subkind: r.subkind,
                fatalities: r.fatalities,
                timing: r.timing,
            }
            .boxed(),
        }
    }
}

impl From<Event> for EventRecord {
    fn from(e: Event) -> Self {
        let extras = e.extras.map(|x| *x).unwrap_or_default();
        Self {
            id: e.id,
            date: e.date,
            end: e.end,
            title: e.title,
            summary: e.summary,
            place: e.place,
            actors: e.actors,
            tags: e.tags,
            confidence: e.confidence,
            cites: e.cites,
            disputed_by: e.disputed_by,
            kind: extras.kind,
            subkind: extras.subkind,
            fatalities: extras.fatalities,
            timing: extras.timing,
        }
    }
}

/// An event as a file writes it, every field flat: what [`Event`] is read from
/// and written as.
#[derive(Serialize, Deserialize)]
#[serde(rename = "Event", deny_unknown_fields)]
struct EventRecord {
    /// Unique among the dataset's events.
    pub id: Name,
    /// When it happened, or began.
    pub date: PartialDate,
    /// When it ended, for offensives, sieges and other spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// One line.
    pub title: String,
    /// A few sentences.
    #[serde(default)]
    pub summary: String,
    /// Where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// Ids of the actors involved.
    #[serde(default)]
    pub actors: Vec<Name>,
    /// Free keywords ("offensive", "withdrawal").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Name>,
    /// How far the event is established.
    pub confidence: Confidence,
    /// The sources that report it.
    #[serde(default)]
    pub cites: Vec<Cite>,
    /// The sources that deny or contradict it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputed_by: Vec<Cite>,
    /// What kind of event it is ("Battles", "State-based conflict").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// A finer kind ("Armed clash").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subkind: Option<String>,
    /// Deaths reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<Fatalities>,
    /// How well the date is known (default: exactly).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
}

/// What a series' values count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum ControlUnit {
    /// Square kilometres.
    SquareKm,
    /// Percent of a stated area, such as Syria's 185,180 km².
    PercentOfArea {
        /// What the base area is ("Syria").
        base: String,
        /// The base area in km², used to convert for display.
        base_km2: f64,
    },
    /// Percent of a stated reference whose area is not given, such as the
    /// largest extent an actor ever held.
    PercentOfReference {
        /// What the percentage is of.
        base: String,
    },
}

/// Whether a series counts ground held or ground lost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ControlMeasure {
    /// Area the actor holds.
    #[default]
    Held,
    /// Area the actor has lost since a reference date.
    Lost,
}

/// Territorial-control figures from one source organisation, for one actor and scope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Series")]
#[serde(deny_unknown_fields)]
pub struct ControlSeries {
    /// The id of the [`Actor`] whose ground is measured.
    pub actor: String,
    /// The organisation that measured it ("IHS Markit", "SOHR").
    pub source_org: String,
    /// The area covered ("Syria and Iraq").
    pub scope: String,
    /// What the values count.
    pub unit: ControlUnit,
    /// Held or lost.
    #[serde(default, skip_serializing_if = "is_held")]
    pub measure: ControlMeasure,
    /// The figures, in date order.
    pub points: Vec<ControlPoint>,
}

fn is_held(measure: &ControlMeasure) -> bool {
    *measure == ControlMeasure::Held
}

/// One figure: the value on a date, with its citation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Point")]
#[serde(deny_unknown_fields)]
pub struct ControlPoint {
    /// The date the figure describes ("as of"), not the publication date.
    pub date: PartialDate,
    /// The figure.
    pub value: f64,
    /// The lower bound, when the source gives a range or says "about".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    /// The upper bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// How far the figure is established; `Reported` when left out.
    #[serde(default = "reported", skip_serializing_if = "is_reported")]
    pub confidence: Confidence,
    /// Who gave the figure.
    pub cite: Cite,
}

fn reported() -> Confidence {
    Confidence::Reported
}

fn is_reported(confidence: &Confidence) -> bool {
    *confidence == Confidence::Reported
}

impl ControlSeries {
    /// A label naming the series: "IS · IHS Markit · Syria and Iraq".
    pub fn label(&self, actor_short: &str) -> String {
        format!("{actor_short} · {} · {}", self.source_org, self.scope)
    }
}
