//! The records of a dataset as the fast reader reads them: one function per
//! record type, each reading the fields serde would, in any order, each once.

use super::*;

impl Reader<'_> {
    pub(super) fn dataset(&mut self) -> Option<Dataset> {
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
                    seen.first(bit!(DATASET, "format"))?;
                    dataset.format = r.number_text()?.parse().ok()?;
                }
                "title" => {
                    seen.first(bit!(DATASET, "title"))?;
                    dataset.title = r.string()?;
                }
                "description" => {
                    seen.first(bit!(DATASET, "description"))?;
                    dataset.description = r.string()?;
                }
                "license" => {
                    seen.first(bit!(DATASET, "license"))?;
                    dataset.license = r.string()?;
                }
                "sources" => {
                    seen.first(bit!(DATASET, "sources"))?;
                    dataset.sources = r.list(|r| r.noted(RecordList::Sources, Self::source))?;
                }
                "actors" => {
                    seen.first(bit!(DATASET, "actors"))?;
                    dataset.actors = r.list(|r| r.noted(RecordList::Actors, Self::actor))?;
                }
                "events" => {
                    seen.first(bit!(DATASET, "events"))?;
                    r.list_into(&mut dataset.events, |r| {
                        r.noted(RecordList::Events, Self::event)
                    })?;
                    dataset.events.shrink_to_fit();
                }
                "control" => {
                    seen.first(bit!(DATASET, "control"))?;
                    dataset.control = r.list(|r| r.noted(RecordList::Series, Self::series))?;
                }
                "territory" => {
                    seen.first(bit!(DATASET, "territory"))?;
                    dataset.territory = r.list(|r| r.noted(RecordList::Maps, Self::control_map))?;
                }
                _ => return None,
            }
            Some(())
        })?;
        (seen.has(bit!(DATASET, "format")) && seen.has(bit!(DATASET, "title"))).then_some(dataset)
    }

    pub(super) fn source(&mut self) -> Option<Source> {
        self.open_struct("Source")?;
        let mut seen = Seen::default();
        let (mut id, mut publisher, mut title) = (String::new(), String::new(), String::new());
        let (mut url, mut published, mut language, mut kind) = (None, None, None, None);
        let mut scale = None;
        self.fields(|r, name| {
            match name {
                "id" => {
                    seen.first(bit!(SOURCE, "id"))?;
                    id = r.string()?;
                }
                "publisher" => {
                    seen.first(bit!(SOURCE, "publisher"))?;
                    publisher = r.string()?;
                }
                "title" => {
                    seen.first(bit!(SOURCE, "title"))?;
                    title = r.string()?;
                }
                "url" => {
                    seen.first(bit!(SOURCE, "url"))?;
                    url = r.option(Self::string)?;
                }
                "published" => {
                    seen.first(bit!(SOURCE, "published"))?;
                    published = r.option(Self::date)?;
                }
                "language" => {
                    seen.first(bit!(SOURCE, "language"))?;
                    language = r.option(Self::string)?;
                }
                "kind" => {
                    seen.first(bit!(SOURCE, "kind"))?;
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
                    seen.first(bit!(SOURCE, "scale"))?;
                    scale = r.option(Self::string)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        (seen.has(bit!(SOURCE, "id"))
            && seen.has(bit!(SOURCE, "publisher"))
            && seen.has(bit!(SOURCE, "title")))
        .then_some(())?;
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

    pub(super) fn actor(&mut self) -> Option<Actor> {
        self.open_struct("Actor")?;
        let mut seen = Seen::default();
        let (mut id, mut name_, mut short, mut color) =
            (String::new(), String::new(), String::new(), String::new());
        let mut aliases = Vec::new();
        let mut kind = None;
        self.fields(|r, name| {
            match name {
                "id" => {
                    seen.first(bit!(ACTOR, "id"))?;
                    id = r.string()?;
                }
                "name" => {
                    seen.first(bit!(ACTOR, "name"))?;
                    name_ = r.string()?;
                }
                "short" => {
                    seen.first(bit!(ACTOR, "short"))?;
                    short = r.string()?;
                }
                "color" => {
                    seen.first(bit!(ACTOR, "color"))?;
                    color = r.string()?;
                }
                "aliases" => {
                    seen.first(bit!(ACTOR, "aliases"))?;
                    aliases = r.list(Self::string)?;
                }
                "kind" => {
                    seen.first(bit!(ACTOR, "kind"))?;
                    kind = r.option(Self::string)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        (seen.has(bit!(ACTOR, "id"))
            && seen.has(bit!(ACTOR, "name"))
            && seen.has(bit!(ACTOR, "short"))
            && seen.has(bit!(ACTOR, "color")))
        .then_some(Actor {
            id,
            name: name_,
            short,
            color,
            aliases,
            kind,
        })
    }

    pub(super) fn count(&mut self) -> Option<u32> {
        self.number_text()?.parse().ok()
    }

    pub(super) fn place_precision(&mut self) -> Option<PlacePrecision> {
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

    pub(super) fn timing(&mut self) -> Option<Timing> {
        Some(match self.ident()? {
            "Exact" => Timing::Exact,
            "WithinWeek" => Timing::WithinWeek,
            "SometimeBetween" => Timing::SometimeBetween,
            _ => return None,
        })
    }

    pub(super) fn fatalities(&mut self) -> Option<Fatalities> {
        self.open_struct("Fatalities")?;
        let mut seen = Seen::default();
        let mut deaths = Fatalities::best_only(0);
        self.fields(|r, name| {
            let (bit, slot) = match name {
                "best" => {
                    seen.first(bit!(FATALITIES, "best"))?;
                    deaths.best = r.count()?;
                    return Some(());
                }
                "low" => (bit!(FATALITIES, "low"), &mut deaths.low),
                "high" => (bit!(FATALITIES, "high"), &mut deaths.high),
                "side_a" => (bit!(FATALITIES, "side_a"), &mut deaths.side_a),
                "side_b" => (bit!(FATALITIES, "side_b"), &mut deaths.side_b),
                "civilians" => (bit!(FATALITIES, "civilians"), &mut deaths.civilians),
                "unknown" => (bit!(FATALITIES, "unknown"), &mut deaths.unknown),
                _ => return None,
            };
            seen.first(bit)?;
            *slot = r.option(Self::count)?;
            Some(())
        })?;
        seen.has(bit!(FATALITIES, "best")).then_some(deaths)
    }

    pub(super) fn confidence(&mut self) -> Option<Confidence> {
        Some(match self.ident()? {
            "Confirmed" => Confidence::Confirmed,
            "Reported" => Confidence::Reported,
            "Claimed" => Confidence::Claimed,
            "Disputed" => Confidence::Disputed,
            "Unverified" => Confidence::Unverified,
            _ => return None,
        })
    }

    pub(super) fn cite(&mut self) -> Option<Cite> {
        self.open_struct("Cite")?;
        let mut seen = Seen::default();
        let mut source = Name::default();
        let (mut note, mut quote) = (None, None);
        self.fields(|r, name| {
            match name {
                "source" => {
                    seen.first(bit!(CITE, "source"))?;
                    source = r.name()?;
                }
                "note" => {
                    seen.first(bit!(CITE, "note"))?;
                    note = r.option(Self::string)?;
                }
                "quote" => {
                    seen.first(bit!(CITE, "quote"))?;
                    quote = r.option(Self::string)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        seen.has(bit!(CITE, "source")).then_some(Cite {
            source,
            note,
            quote,
        })
    }

    pub(super) fn place(&mut self) -> Option<Place> {
        self.open_struct("Place")?;
        let mut seen = Seen::default();
        let mut place = Place::named(Name::default());
        let mut extras = PlaceExtras::default();
        self.fields(|r, name| {
            match name {
                "name" => {
                    seen.first(bit!(PLACE, "name"))?;
                    place.name = r.name()?;
                }
                "region" => {
                    seen.first(bit!(PLACE, "region"))?;
                    place.region = r.option(Self::name)?;
                }
                "country" => {
                    seen.first(bit!(PLACE, "country"))?;
                    place.country = r.option(Self::name)?;
                }
                "lat" => {
                    seen.first(bit!(PLACE, "lat"))?;
                    place.lat = r.option(Self::float)?;
                }
                "lon" => {
                    seen.first(bit!(PLACE, "lon"))?;
                    place.lon = r.option(Self::float)?;
                }
                "district" => {
                    seen.first(bit!(PLACE, "district"))?;
                    extras.district = r.option(Self::string)?;
                }
                "subdistrict" => {
                    seen.first(bit!(PLACE, "subdistrict"))?;
                    extras.subdistrict = r.option(Self::string)?;
                }
                "precision" => {
                    seen.first(bit!(PLACE, "precision"))?;
                    extras.precision = r.option(Self::place_precision)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        place.extras = extras.boxed();
        seen.has(bit!(PLACE, "name")).then_some(place)
    }

    pub(super) fn event(&mut self) -> Option<Event> {
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
                    seen.first(bit!(EVENT, "id"))?;
                    id = r.name()?;
                }
                "date" => {
                    seen.first(bit!(EVENT, "date"))?;
                    date = Some(r.date()?);
                }
                "end" => {
                    seen.first(bit!(EVENT, "end"))?;
                    end = r.option(Self::date)?;
                }
                "title" => {
                    seen.first(bit!(EVENT, "title"))?;
                    title = r.string()?;
                }
                "summary" => {
                    seen.first(bit!(EVENT, "summary"))?;
                    summary = r.string()?;
                }
                "place" => {
                    seen.first(bit!(EVENT, "place"))?;
                    place = r.option(Self::place)?;
                }
                "actors" => {
                    seen.first(bit!(EVENT, "actors"))?;
                    actors = r.list(Self::name)?;
                }
                "tags" => {
                    seen.first(bit!(EVENT, "tags"))?;
                    tags = r.list(Self::name)?;
                }
                "confidence" => {
                    seen.first(bit!(EVENT, "confidence"))?;
                    confidence = Some(r.confidence()?);
                }
                "cites" => {
                    seen.first(bit!(EVENT, "cites"))?;
                    cites = r.list(Self::cite)?;
                }
                "disputed_by" => {
                    seen.first(bit!(EVENT, "disputed_by"))?;
                    disputed_by = r.list(Self::cite)?;
                }
                "kind" => {
                    seen.first(bit!(EVENT, "kind"))?;
                    kind = r.option(Self::string)?;
                }
                "subkind" => {
                    seen.first(bit!(EVENT, "subkind"))?;
                    subkind = r.option(Self::string)?;
                }
                "fatalities" => {
                    seen.first(bit!(EVENT, "fatalities"))?;
                    fatalities = r.option(Self::fatalities)?;
                }
                "timing" => {
                    seen.first(bit!(EVENT, "timing"))?;
                    timing = r.option(Self::timing)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        seen.has(bit!(EVENT, "id")).then_some(())?;
        seen.has(bit!(EVENT, "title")).then_some(())?;
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

    pub(super) fn unit(&mut self) -> Option<ControlUnit> {
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
                            seen.first(bit!(UNIT, "base"))?;
                            base = r.string()?;
                        }
                        "base_km2" if variant == "PercentOfArea" => {
                            seen.first(bit!(UNIT, "base_km2"))?;
                            base_km2 = Some(r.float()?);
                        }
                        _ => return None,
                    }
                    Some(())
                })?;
                seen.has(bit!(UNIT, "base")).then_some(())?;
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

    pub(super) fn point(&mut self) -> Option<ControlPoint> {
        self.open_struct("Point")?;
        let mut seen = Seen::default();
        let (mut date, mut value, mut low, mut high, mut cite) = (None, None, None, None, None);
        let mut confidence = Confidence::Reported;
        self.fields(|r, name| {
            match name {
                "date" => {
                    seen.first(bit!(POINT, "date"))?;
                    date = Some(r.date()?);
                }
                "value" => {
                    seen.first(bit!(POINT, "value"))?;
                    value = Some(r.float()?);
                }
                "low" => {
                    seen.first(bit!(POINT, "low"))?;
                    low = r.option(Self::float)?;
                }
                "high" => {
                    seen.first(bit!(POINT, "high"))?;
                    high = r.option(Self::float)?;
                }
                "confidence" => {
                    seen.first(bit!(POINT, "confidence"))?;
                    confidence = r.confidence()?;
                }
                "cite" => {
                    seen.first(bit!(POINT, "cite"))?;
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

    pub(super) fn series(&mut self) -> Option<ControlSeries> {
        self.open_struct("Series")?;
        let mut seen = Seen::default();
        let (mut actor, mut source_org, mut scope) = (String::new(), String::new(), String::new());
        let (mut unit, mut points) = (None, None);
        let mut measure = ControlMeasure::Held;
        self.fields(|r, name| {
            match name {
                "actor" => {
                    seen.first(bit!(SERIES, "actor"))?;
                    actor = r.string()?;
                }
                "source_org" => {
                    seen.first(bit!(SERIES, "source_org"))?;
                    source_org = r.string()?;
                }
                "scope" => {
                    seen.first(bit!(SERIES, "scope"))?;
                    scope = r.string()?;
                }
                "unit" => {
                    seen.first(bit!(SERIES, "unit"))?;
                    unit = Some(r.unit()?);
                }
                "measure" => {
                    seen.first(bit!(SERIES, "measure"))?;
                    measure = match r.ident()? {
                        "Held" => ControlMeasure::Held,
                        "Lost" => ControlMeasure::Lost,
                        _ => return None,
                    };
                }
                "points" => {
                    seen.first(bit!(SERIES, "points"))?;
                    points = Some(r.list(|r| r.noted(RecordList::Points, Self::point))?);
                }
                _ => return None,
            }
            Some(())
        })?;
        (seen.has(bit!(SERIES, "actor"))
            && seen.has(bit!(SERIES, "source_org"))
            && seen.has(bit!(SERIES, "scope")))
        .then_some(())?;
        Some(ControlSeries {
            actor,
            source_org,
            scope,
            unit: unit?,
            measure,
            points: points?,
        })
    }

    pub(super) fn control_map(&mut self) -> Option<ControlMap> {
        self.open_struct("ControlMap")?;
        let mut seen = Seen::default();
        let (mut actor, mut source_org, mut scope) = (None, None, String::new());
        let mut snapshots = None;
        self.fields(|r, name| {
            match name {
                "actor" => {
                    seen.first(bit!(CONTROL_MAP, "actor"))?;
                    actor = Some(r.name()?);
                }
                "source_org" => {
                    seen.first(bit!(CONTROL_MAP, "source_org"))?;
                    source_org = Some(r.string()?);
                }
                "scope" => {
                    seen.first(bit!(CONTROL_MAP, "scope"))?;
                    scope = r.string()?;
                }
                "snapshots" => {
                    seen.first(bit!(CONTROL_MAP, "snapshots"))?;
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

    pub(super) fn snapshot(&mut self) -> Option<Snapshot> {
        self.open_struct("Snapshot")?;
        let mut seen = Seen::default();
        let (mut date, mut cite, mut polygons, mut file) = (None, None, Vec::new(), None);
        self.fields(|r, name| {
            match name {
                "date" => {
                    seen.first(bit!(SNAPSHOT, "date"))?;
                    date = Some(r.date()?);
                }
                "cite" => {
                    seen.first(bit!(SNAPSHOT, "cite"))?;
                    cite = Some(r.cite()?);
                }
                "polygons" => {
                    seen.first(bit!(SNAPSHOT, "polygons"))?;
                    polygons = r.list(|r| r.list(|r| r.list(Self::position)))?;
                }
                "file" => {
                    seen.first(bit!(SNAPSHOT, "file"))?;
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
    pub(super) fn position(&mut self) -> Option<(f64, f64)> {
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
