//! A fast reader for well-formed dataset files.
//!
//! ron's general deserializer reads about 70 MB/s; event databases run to hundreds
//! of megabytes. This reader knows the dataset's shape and reads the common RON
//! subset that Frontline and most authors write (named or unnamed structs, lists,
//! plain and escaped strings, decimal numbers, `Some(..)`, `None` or implicit
//! options, comments) several times faster, stepping over the text with the
//! lexer ([`crate::data::format::lexer`]). It gives up (returns `None`) on anything else, on any
//! error and on anything it is unsure of, and says where ([`gives_way_at`]); the
//! caller then reads the text with ron, which accepts the same files and gives
//! the exact error message and position. The tests check that whatever this
//! reader accepts, ron accepts too, with an equal result.

use std::borrow::Cow;

use crate::data::format::lexer::{self, TokenKind};
use crate::data::format::source_map::{RecordList, SourceMap};
use crate::data::model::date::PartialDate;
use crate::data::model::{
    Actor, Cite, Confidence, ControlMap, ControlMeasure, ControlPoint, ControlSeries, ControlUnit,
    Dataset, Event, EventExtras, Events, Fatalities, Name, Place, PlaceExtras, PlacePrecision,
    Snapshot, Source, SourceKind, Timing,
};

/// Reads `text` as a dataset, or returns `None` when it cannot be sure of the result.
pub fn parse(text: &str) -> Option<Dataset> {
    match parse_observed(text, &|_| true) {
        Outcome::Parsed(dataset, _) => Some(*dataset),
        Outcome::Unsure { .. } | Outcome::Stopped => None,
    }
}

/// Where the fast reader gives way to ron on `text` (a byte offset), or `None`
/// when it reads the whole text itself: for tests, which must see that it
/// reads what it should and never gives way silently.
pub fn gives_way_at(text: &str) -> Option<usize> {
    match parse_observed(text, &|_| true) {
        Outcome::Unsure { at } => Some(at),
        Outcome::Parsed(..) | Outcome::Stopped => None,
    }
}

/// Reads the event that `text` begins with, and how many bytes it takes;
/// `None` when unsure, or when `text` ends before the event does.
pub(crate) fn parse_event_prefix(text: &str) -> Option<(Event, usize)> {
    let mut reader = Reader::new(text, &|_| true);
    let event = reader.event()?;
    Some((event, reader.at))
}

/// Reads one event written on its own (`Event(...)`), or `None` when unsure.
pub(crate) fn parse_event(text: &str) -> Option<Event> {
    read_alone(text, Reader::event)
}

/// Reads one control-map snapshot written on its own (`Snapshot(...)`), or
/// `None` when unsure.
pub(crate) fn parse_snapshot(text: &str) -> Option<Snapshot> {
    read_alone(text, Reader::snapshot)
}

/// Reads the one record `text` holds with `record`; `None` when unsure, or
/// when anything but blanks follows it.
fn read_alone<'a, T>(
    text: &'a str,
    record: impl FnOnce(&mut Reader<'a>) -> Option<T>,
) -> Option<T> {
    let mut reader = Reader::new(text, &|_| true);
    let value = record(&mut reader)?;
    reader.space()?;
    (reader.at == reader.bytes.len()).then_some(value)
}

/// What [`parse_observed`] made of a text.
#[derive(Debug)]
pub enum Outcome {
    /// The dataset, read with certainty, and where each of its records starts.
    Parsed(Box<Dataset>, Box<SourceMap>),
    /// Not a file this reader is sure of: read it with ron. `at` is the byte
    /// where it stopped being sure, for debug logs and tests.
    Unsure {
        /// Where it gave way.
        at: usize,
    },
    /// The observer asked to stop.
    Stopped,
}

/// How many list items are read between two calls of the observer.
const OBSERVE_EVERY: usize = 4096;

/// Like [`parse`], telling `observer` how many bytes have been read every few
/// thousand records; reading stops when the observer returns false.
pub(crate) fn parse_observed(text: &str, observer: &dyn Fn(usize) -> bool) -> Outcome {
    let mut reader = Reader::new(text, observer);
    let parsed = reader.skip_attributes().and_then(|()| reader.dataset());
    if reader.stopped {
        return Outcome::Stopped;
    }
    match parsed {
        Some(dataset) if reader.space().is_some() && reader.at == reader.bytes.len() => {
            Outcome::Parsed(Box::new(dataset), Box::new(reader.map))
        }
        _ => Outcome::Unsure { at: reader.at },
    }
}

/// Nesting deeper than this gives up, as ron's recursion limit would.
const MAX_DEPTH: usize = lexer::MAX_NESTING;

struct Reader<'a> {
    /// Where each record starts, noted while reading: problems are placed
    /// without scanning the text again.
    map: SourceMap,
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    depth: usize,
    observer: &'a dyn Fn(usize) -> bool,
    items: usize,
    stopped: bool,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`, telling `observer` how far it read.
    fn new(text: &'a str, observer: &'a dyn Fn(usize) -> bool) -> Self {
        Self {
            bytes: text.as_bytes(),
            text,
            at: 0,
            depth: 0,
            observer,
            items: 0,
            stopped: false,
            map: SourceMap::default(),
        }
    }
}

/// Which fields of a struct have been read, to refuse duplicates.
#[derive(Default)]
struct Seen(u32);

impl Seen {
    fn first(&mut self, bit: u32) -> Option<()> {
        if self.0 & (1 << bit) != 0 {
            return None;
        }
        self.0 |= 1 << bit;
        Some(())
    }

    fn has(&self, bit: u32) -> bool {
        self.0 & (1 << bit) != 0
    }
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips white space and comments; `None` on an unterminated comment.
    fn space(&mut self) -> Option<()> {
        self.at = lexer::blank_end(self.bytes, self.at)?;
        Some(())
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.space()?;
        if self.peek() == Some(byte) {
            self.at += 1;
            Some(())
        } else {
            None
        }
    }

    /// `#![enable(implicit_some)]`, which the loader's options already enable.
    /// Any other attribute, or another spelling of this one, is left to ron.
    fn skip_attributes(&mut self) -> Option<()> {
        const IMPLICIT_SOME: &[u8] = b"#![enable(implicit_some)]";
        loop {
            self.space()?;
            let token = lexer::token(self.bytes, self.at)?;
            if token.kind != TokenKind::Attribute {
                return Some(());
            }
            if &self.bytes[token.start..token.end] != IMPLICIT_SOME {
                return None;
            }
            self.at = token.end;
        }
    }

    fn ident(&mut self) -> Option<&'a str> {
        self.space()?;
        let start = self.at;
        self.at = lexer::word_end(self.bytes, start);
        if self.at == start || self.bytes[start].is_ascii_digit() {
            return None;
        }
        Some(&self.text[start..self.at])
    }

    /// An optional struct name, which must be `name` if present, then `(`.
    fn open_struct(&mut self, name: &str) -> Option<()> {
        self.space()?;
        if self.peek() != Some(b'(') {
            let ident = self.ident()?;
            if ident != name {
                return None;
            }
        }
        self.eat(b'(')?;
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// Reads the fields of a struct whose `(` was read, calling `field` for each
    /// name, until `)`.
    fn fields(&mut self, mut field: impl FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        loop {
            self.space()?;
            if self.peek() == Some(b')') {
                self.at += 1;
                self.depth -= 1;
                return Some(());
            }
            let name = self.ident()?;
            self.eat(b':')?;
            field(self, name)?;
            self.space()?;
            match self.peek()? {
                b',' => self.at += 1,
                b')' => {}
                _ => return None,
            }
        }
    }

    fn list<T>(&mut self, item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut out = Vec::new();
        self.list_into(&mut out, item)?;
        // Lists of one to three items would otherwise keep room for four.
        out.shrink_to_fit();
        Some(out)
    }

    /// Reads a list, each item added to `out` as soon as it is read.
    fn list_into<T>(
        &mut self,
        out: &mut impl Extend<T>,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<()> {
        self.eat(b'[')?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        loop {
            self.space()?;
            if self.peek() == Some(b']') {
                self.at += 1;
                self.depth -= 1;
                return Some(());
            }
            out.extend(std::iter::once(item(self)?));
            self.items += 1;
            if self.items.is_multiple_of(OBSERVE_EVERY) && !(self.observer)(self.at) {
                self.stopped = true;
                return None;
            }
            self.space()?;
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {}
                _ => return None,
            }
        }
    }

    fn string(&mut self) -> Option<String> {
        self.text_value().map(Cow::into_owned)
    }

    /// A string kept inline when short (ids, references, place names).
    fn name(&mut self) -> Option<Name> {
        self.text_value().map(|text| Name::from(text.as_ref()))
    }

    /// A string's text: borrowed from the file when it has no escapes. The
    /// lexer finds where it ends; the escapes decoded here are the common ones,
    /// and any other (`\u{…}`, a line continuation) is left to ron.
    fn text_value(&mut self) -> Option<Cow<'a, str>> {
        self.space()?;
        if self.peek() != Some(b'"') {
            return None;
        }
        let (end, escaped) = lexer::string_end(self.bytes, self.at)?;
        let inner = self.text.get(self.at + 1..end - 1)?;
        self.at = end;
        if !escaped {
            return Some(Cow::Borrowed(inner));
        }
        let mut out = String::with_capacity(inner.len());
        let mut rest = inner;
        while let Some(slash) = rest.find('\\') {
            out.push_str(&rest[..slash]);
            let escaped = match rest.as_bytes().get(slash + 1)? {
                b'"' => '"',
                b'\'' => '\'',
                b'\\' => '\\',
                b'n' => '\n',
                b't' => '\t',
                b'r' => '\r',
                _ => return None,
            };
            out.push(escaped);
            rest = &rest[slash + 2..];
        }
        out.push_str(rest);
        Some(Cow::Owned(out))
    }

    /// A decimal number: optional minus, digits, optional fraction and exponent.
    fn number_text(&mut self) -> Option<&'a str> {
        self.space()?;
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let digits = |r: &mut Self| {
            let from = r.at;
            while r.peek().is_some_and(|b| b.is_ascii_digit()) {
                r.at += 1;
            }
            r.at > from
        };
        if !digits(self) {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !digits(self) {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'-' | b'+')) {
                self.at += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        if self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return None;
        }
        Some(&self.text[start..self.at])
    }

    fn float(&mut self) -> Option<f64> {
        self.number_text()?.parse().ok()
    }

    fn date(&mut self) -> Option<PartialDate> {
        self.string()?.parse().ok()
    }

    /// `None`, `Some(value)` or, with implicit_some, the value itself.
    fn option<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        self.space()?;
        let save = self.at;
        match self.ident() {
            Some("None") => return Some(None),
            Some("Some") => {
                self.eat(b'(')?;
                let inner = value(self)?;
                self.eat(b')')?;
                return Some(Some(inner));
            }
            _ => self.at = save,
        }
        value(self).map(Some)
    }

    /// Reads one record of `list` with `item`, noting where it starts.
    fn noted<T>(
        &mut self,
        list: RecordList,
        item: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<T> {
        self.space()?;
        self.map.note(list, self.at);
        item(self)
    }

    fn dataset(&mut self) -> Option<Dataset> {
        self.open_struct("Dataset")?;
        let mut seen = Seen::default();
        let mut dataset = Dataset {
            format: 0,
            title: String::new(),
            description: String::new(),
            license: String::new(),
            sources: Vec::new(),
            actors: Vec::new(),
            events: Events::new(),
            control: Vec::new(),
            territory: Vec::new(),
        };
        self.fields(|r, name| {
            r.space()?;
            r.map.fields.push((name.to_owned(), r.at));
            match name {
                "format" => {
                    seen.first(0)?;
                    dataset.format = r.number_text()?.parse().ok()?;
                }
                "title" => {
                    seen.first(1)?;
                    dataset.title = r.string()?;
                }
                "description" => {
                    seen.first(2)?;
                    dataset.description = r.string()?;
                }
                "license" => {
                    seen.first(3)?;
                    dataset.license = r.string()?;
                }
                "sources" => {
                    seen.first(4)?;
                    dataset.sources = r.list(|r| r.noted(RecordList::Sources, Self::source))?;
                }
                "actors" => {
                    seen.first(5)?;
                    dataset.actors = r.list(|r| r.noted(RecordList::Actors, Self::actor))?;
                }
                "events" => {
                    seen.first(6)?;
                    r.list_into(&mut dataset.events, |r| {
                        r.noted(RecordList::Events, Self::event)
                    })?;
                    dataset.events.shrink_to_fit();
                }
                "control" => {
                    seen.first(7)?;
                    dataset.control = r.list(|r| r.noted(RecordList::Series, Self::series))?;
                }
                "territory" => {
                    seen.first(8)?;
                    dataset.territory = r.list(|r| r.noted(RecordList::Maps, Self::control_map))?;
                }
                _ => return None,
            }
            Some(())
        })?;
        (seen.has(0) && seen.has(1)).then_some(dataset)
    }

    fn source(&mut self) -> Option<Source> {
        self.open_struct("Source")?;
        let mut seen = Seen::default();
        let (mut id, mut publisher, mut title) = (String::new(), String::new(), String::new());
        let (mut url, mut published, mut language, mut kind) = (None, None, None, None);
        let mut scale = None;
        self.fields(|r, name| {
            match name {
                "id" => {
                    seen.first(0)?;
                    id = r.string()?;
                }
                "publisher" => {
                    seen.first(1)?;
                    publisher = r.string()?;
                }
                "title" => {
                    seen.first(2)?;
                    title = r.string()?;
                }
                "url" => {
                    seen.first(3)?;
                    url = r.option(Self::string)?;
                }
                "published" => {
                    seen.first(4)?;
                    published = r.option(Self::date)?;
                }
                "language" => {
                    seen.first(5)?;
                    language = r.option(Self::string)?;
                }
                "kind" => {
                    seen.first(6)?;
                    kind = Some(match r.ident()? {
                        "NewsAgency" => SourceKind::NewsAgency,
                        "NewsOutlet" => SourceKind::NewsOutlet,
                        "Monitor" => SourceKind::Monitor,
                        "Government" => SourceKind::Government,
                        "PartyToConflict" => SourceKind::PartyToConflict,
                        "ResearchFirm" => SourceKind::ResearchFirm,
                        "Reference" => SourceKind::Reference,
                        "Other" => SourceKind::Other,
                        _ => return None,
                    });
                }
                "scale" => {
                    seen.first(7)?;
                    scale = r.option(Self::string)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        (seen.has(0) && seen.has(1) && seen.has(2)).then_some(())?;
        Some(Source {
            id,
            publisher,
            title,
            url,
            published,
            language,
            kind: kind?,
            scale,
        })
    }

    fn actor(&mut self) -> Option<Actor> {
        self.open_struct("Actor")?;
        let mut seen = Seen::default();
        let (mut id, mut name_, mut short, mut color) =
            (String::new(), String::new(), String::new(), String::new());
        let mut aliases = Vec::new();
        let mut kind = None;
        self.fields(|r, name| {
            match name {
                "id" => {
                    seen.first(0)?;
                    id = r.string()?;
                }
                "name" => {
                    seen.first(1)?;
                    name_ = r.string()?;
                }
                "short" => {
                    seen.first(2)?;
                    short = r.string()?;
                }
                "color" => {
                    seen.first(3)?;
                    color = r.string()?;
                }
                "aliases" => {
                    seen.first(4)?;
                    aliases = r.list(Self::string)?;
                }
                "kind" => {
                    seen.first(5)?;
                    kind = r.option(Self::string)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        (seen.has(0) && seen.has(1) && seen.has(2) && seen.has(3)).then_some(Actor {
            id,
            name: name_,
            short,
            color,
            aliases,
            kind,
        })
    }

    fn count(&mut self) -> Option<u32> {
        self.number_text()?.parse().ok()
    }

    fn place_precision(&mut self) -> Option<PlacePrecision> {
        Some(match self.ident()? {
            "Exact" => PlacePrecision::Exact,
            "Near" => PlacePrecision::Near,
            "District" => PlacePrecision::District,
            "Province" => PlacePrecision::Province,
            "Country" => PlacePrecision::Country,
            "Other" => PlacePrecision::Other,
            _ => return None,
        })
    }

    fn timing(&mut self) -> Option<Timing> {
        Some(match self.ident()? {
            "Exact" => Timing::Exact,
            "WithinWeek" => Timing::WithinWeek,
            "SometimeBetween" => Timing::SometimeBetween,
            _ => return None,
        })
    }

    fn fatalities(&mut self) -> Option<Fatalities> {
        self.open_struct("Fatalities")?;
        let mut seen = Seen::default();
        let mut deaths = Fatalities::best_only(0);
        self.fields(|r, name| {
            let (bit, slot) = match name {
                "best" => {
                    seen.first(0)?;
                    deaths.best = r.count()?;
                    return Some(());
                }
                "low" => (1, &mut deaths.low),
                "high" => (2, &mut deaths.high),
                "side_a" => (3, &mut deaths.side_a),
                "side_b" => (4, &mut deaths.side_b),
                "civilians" => (5, &mut deaths.civilians),
                "unknown" => (6, &mut deaths.unknown),
                _ => return None,
            };
            seen.first(bit)?;
            *slot = r.option(Self::count)?;
            Some(())
        })?;
        seen.has(0).then_some(deaths)
    }

    fn confidence(&mut self) -> Option<Confidence> {
        Some(match self.ident()? {
            "Confirmed" => Confidence::Confirmed,
            "Reported" => Confidence::Reported,
            "Claimed" => Confidence::Claimed,
            "Disputed" => Confidence::Disputed,
            "Unverified" => Confidence::Unverified,
            _ => return None,
        })
    }

    fn cite(&mut self) -> Option<Cite> {
        self.open_struct("Cite")?;
        let mut seen = Seen::default();
        let mut source = Name::default();
        let (mut note, mut quote) = (None, None);
        self.fields(|r, name| {
            match name {
                "source" => {
                    seen.first(0)?;
                    source = r.name()?;
                }
                "note" => {
                    seen.first(1)?;
                    note = r.option(Self::string)?;
                }
                "quote" => {
                    seen.first(2)?;
                    quote = r.option(Self::string)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        seen.has(0).then_some(Cite {
            source,
            note,
            quote,
        })
    }

    fn place(&mut self) -> Option<Place> {
        self.open_struct("Place")?;
        let mut seen = Seen::default();
        let mut place = Place::named(Name::default());
        let mut extras = PlaceExtras::default();
        self.fields(|r, name| {
            match name {
                "name" => {
                    seen.first(0)?;
                    place.name = r.name()?;
                }
                "region" => {
                    seen.first(1)?;
                    place.region = r.option(Self::name)?;
                }
                "country" => {
                    seen.first(2)?;
                    place.country = r.option(Self::name)?;
                }
                "lat" => {
                    seen.first(3)?;
                    place.lat = r.option(Self::float)?;
                }
                "lon" => {
                    seen.first(4)?;
                    place.lon = r.option(Self::float)?;
                }
                "district" => {
                    seen.first(5)?;
                    extras.district = r.option(Self::string)?;
                }
                "subdistrict" => {
                    seen.first(6)?;
                    extras.subdistrict = r.option(Self::string)?;
                }
                "precision" => {
                    seen.first(7)?;
                    extras.precision = r.option(Self::place_precision)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        place.extras = extras.boxed();
        seen.has(0).then_some(place)
    }

    fn event(&mut self) -> Option<Event> {
        self.open_struct("Event")?;
        let mut seen = Seen::default();
        let (mut id, mut title, mut summary) = (Name::default(), String::new(), String::new());
        let (mut date, mut end, mut place, mut confidence) = (None, None, None, None);
        let (mut actors, mut tags, mut cites, mut disputed_by) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut kind, mut subkind, mut fatalities, mut timing) = (None, None, None, None);
        self.fields(|r, name| {
            match name {
                "id" => {
                    seen.first(0)?;
                    id = r.name()?;
                }
                "date" => {
                    seen.first(1)?;
                    date = Some(r.date()?);
                }
                "end" => {
                    seen.first(2)?;
                    end = r.option(Self::date)?;
                }
                "title" => {
                    seen.first(3)?;
                    title = r.string()?;
                }
                "summary" => {
                    seen.first(4)?;
                    summary = r.string()?;
                }
                "place" => {
                    seen.first(5)?;
                    place = r.option(Self::place)?;
                }
                "actors" => {
                    seen.first(6)?;
                    actors = r.list(Self::name)?;
                }
                "tags" => {
                    seen.first(7)?;
                    tags = r.list(Self::name)?;
                }
                "confidence" => {
                    seen.first(8)?;
                    confidence = Some(r.confidence()?);
                }
                "cites" => {
                    seen.first(9)?;
                    cites = r.list(Self::cite)?;
                }
                "disputed_by" => {
                    seen.first(10)?;
                    disputed_by = r.list(Self::cite)?;
                }
                "kind" => {
                    seen.first(11)?;
                    kind = r.option(Self::string)?;
                }
                "subkind" => {
                    seen.first(12)?;
                    subkind = r.option(Self::string)?;
                }
                "fatalities" => {
                    seen.first(13)?;
                    fatalities = r.option(Self::fatalities)?;
                }
                "timing" => {
                    seen.first(14)?;
                    timing = r.option(Self::timing)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        seen.has(0).then_some(())?;
        seen.has(3).then_some(())?;
        Some(Event {
            id,
            date: date?,
            end,
            title,
            summary,
            place,
            actors,
            tags,
            confidence: confidence?,
            cites,
            disputed_by,
            extras: EventExtras {
                kind,
                subkind,
                fatalities,
                timing,
            }
            .boxed(),
        })
    }

    fn unit(&mut self) -> Option<ControlUnit> {
        let variant = self.ident()?;
        match variant {
            "SquareKm" => Some(ControlUnit::SquareKm),
            "PercentOfArea" | "PercentOfReference" => {
                self.eat(b'(')?;
                self.depth += 1;
                let mut seen = Seen::default();
                let mut base = String::new();
                let mut base_km2 = None;
                self.fields(|r, name| {
                    match name {
                        "base" => {
                            seen.first(0)?;
                            base = r.string()?;
                        }
                        "base_km2" if variant == "PercentOfArea" => {
                            seen.first(1)?;
                            base_km2 = Some(r.float()?);
                        }
                        _ => return None,
                    }
                    Some(())
                })?;
                seen.has(0).then_some(())?;
                if variant == "PercentOfArea" {
                    Some(ControlUnit::PercentOfArea {
                        base,
                        base_km2: base_km2?,
                    })
                } else {
                    Some(ControlUnit::PercentOfReference { base })
                }
            }
            _ => None,
        }
    }

    fn point(&mut self) -> Option<ControlPoint> {
        self.open_struct("Point")?;
        let mut seen = Seen::default();
        let (mut date, mut value, mut low, mut high, mut cite) = (None, None, None, None, None);
        let mut confidence = Confidence::Reported;
        self.fields(|r, name| {
            match name {
                "date" => {
                    seen.first(0)?;
                    date = Some(r.date()?);
                }
                "value" => {
                    seen.first(1)?;
                    value = Some(r.float()?);
                }
                "low" => {
                    seen.first(2)?;
                    low = r.option(Self::float)?;
                }
                "high" => {
                    seen.first(3)?;
                    high = r.option(Self::float)?;
                }
                "confidence" => {
                    seen.first(4)?;
                    confidence = r.confidence()?;
                }
                "cite" => {
                    seen.first(5)?;
                    cite = Some(r.cite()?);
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(ControlPoint {
            date: date?,
            value: value?,
            low,
            high,
            confidence,
            cite: cite?,
        })
    }

    fn series(&mut self) -> Option<ControlSeries> {
        self.open_struct("Series")?;
        let mut seen = Seen::default();
        let (mut actor, mut source_org, mut scope) = (String::new(), String::new(), String::new());
        let (mut unit, mut points) = (None, None);
        let mut measure = ControlMeasure::Held;
        self.fields(|r, name| {
            match name {
                "actor" => {
                    seen.first(0)?;
                    actor = r.string()?;
                }
                "source_org" => {
                    seen.first(1)?;
                    source_org = r.string()?;
                }
                "scope" => {
                    seen.first(2)?;
                    scope = r.string()?;
                }
                "unit" => {
                    seen.first(3)?;
                    unit = Some(r.unit()?);
                }
                "measure" => {
                    seen.first(4)?;
                    measure = match r.ident()? {
                        "Held" => ControlMeasure::Held,
                        "Lost" => ControlMeasure::Lost,
                        _ => return None,
                    };
                }
                "points" => {
                    seen.first(5)?;
                    points = Some(r.list(|r| r.noted(RecordList::Points, Self::point))?);
                }
                _ => return None,
            }
            Some(())
        })?;
        (seen.has(0) && seen.has(1) && seen.has(2)).then_some(())?;
        Some(ControlSeries {
            actor,
            source_org,
            scope,
            unit: unit?,
            measure,
            points: points?,
        })
    }

    fn control_map(&mut self) -> Option<ControlMap> {
        self.open_struct("ControlMap")?;
        let mut seen = Seen::default();
        let (mut actor, mut source_org, mut scope) = (None, None, String::new());
        let mut snapshots = None;
        self.fields(|r, name| {
            match name {
                "actor" => {
                    seen.first(0)?;
                    actor = Some(r.name()?);
                }
                "source_org" => {
                    seen.first(1)?;
                    source_org = Some(r.string()?);
                }
                "scope" => {
                    seen.first(2)?;
                    scope = r.string()?;
                }
                "snapshots" => {
                    seen.first(3)?;
                    snapshots = Some(r.list(|r| r.noted(RecordList::Snapshots, Self::snapshot))?);
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(ControlMap {
            actor: actor?,
            source_org: source_org?,
            scope,
            snapshots: snapshots?,
        })
    }

    fn snapshot(&mut self) -> Option<Snapshot> {
        self.open_struct("Snapshot")?;
        let mut seen = Seen::default();
        let (mut date, mut cite, mut polygons, mut file) = (None, None, Vec::new(), None);
        self.fields(|r, name| {
            match name {
                "date" => {
                    seen.first(0)?;
                    date = Some(r.date()?);
                }
                "cite" => {
                    seen.first(1)?;
                    cite = Some(r.cite()?);
                }
                "polygons" => {
                    seen.first(2)?;
                    polygons = r.list(|r| r.list(|r| r.list(Self::position)))?;
                }
                "file" => {
                    seen.first(3)?;
                    file = r.option(Self::string)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(Snapshot {
            date: date?,
            cite: cite?,
            polygons,
            file,
            from_file: Vec::new(),
        })
    }

    /// `(longitude, latitude)`.
    fn position(&mut self) -> Option<(f64, f64)> {
        self.eat(b'(')?;
        let lon = self.float()?;
        self.eat(b',')?;
        let lat = self.float()?;
        self.space()?;
        if self.peek() == Some(b',') {
            self.at += 1;
        }
        self.eat(b')')?;
        Some((lon, lat))
    }
}
