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

    pub(super) fn source(&mut self) -> Option<Source> {
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

    pub(super) fn place(&mut self) -> Option<Place> {
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

    pub(super) fn point(&mut self) -> Option<ControlPoint> {
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

    pub(super) fn series(&mut self) -> Option<ControlSeries> {
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

    pub(super) fn control_map(&mut self) -> Option<ControlMap> {
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

    pub(super) fn snapshot(&mut self) -> Option<Snapshot> {
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
