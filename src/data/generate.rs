//! Synthetic datasets for tests and benchmarks: realistic shapes (bursts of events,
//! several actors, point and range events, mixed date precisions, thousands of
//! sources, long and short titles, multi-year control series), same seed, same file.

use std::io::Write;

use crate::data::model::{ControlMap, Snapshot};
use crate::data::{
    Actor, Cite, Confidence, ControlMeasure, ControlPoint, ControlSeries, ControlUnit, Dataset,
    Event, EventExtras, FORMAT_VERSION, Fatalities, Name, PartialDate, Place, PlaceExtras,
    PlacePrecision, Source, SourceKind, Timing,
};

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct GenerateOptions {
    /// Number of events.
    pub events: usize,
    /// Number of control series.
    pub series: usize,
    /// Random seed.
    pub seed: u64,
    /// Number of actors.
    pub actors: usize,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        Self {
            events: 1000,
            series: 12,
            seed: 1,
            actors: 8,
        }
    }
}

/// The most actors `generate` names.
pub const MAX_ACTORS: u64 = 100_000;

/// The most events `generate` writes: the dataset is built in memory, in
/// columns, before it is written (about 300 MB per million events), so more
/// would exhaust a laptop rather than fail.
pub const MAX_EVENTS: u64 = 20_000_000;
/// The most control series `generate` writes.
pub const MAX_SERIES: u64 = 10_000;

/// A small, fast, well-mixed generator (SplitMix64); good enough for test data.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const WORDS: [&str; 40] = [
    "offensive",
    "shelling",
    "ceasefire",
    "convoy",
    "checkpoint",
    "airstrike",
    "withdrawal",
    "siege",
    "village",
    "district",
    "bridge",
    "road",
    "front",
    "counter-attack",
    "ambush",
    "clashes",
    "negotiations",
    "evacuation",
    "militia",
    "brigade",
    "border",
    "crossing",
    "town",
    "airbase",
    "dam",
    "hospital",
    "market",
    "province",
    "highway",
    "river",
    "hills",
    "outpost",
    "refinery",
    "camp",
    "prison",
    "pocket",
    "corridor",
    "valley",
    "garrison",
    "station",
];

const COLORS: [&str; 10] = [
    "#1b1b1b", "#c62828", "#2e7d32", "#f9a825", "#1565c0", "#6d4c41", "#ad1457", "#00838f",
    "#5e35b1", "#ef6c00",
];

/// Builds the dataset in memory.
pub fn dataset(options: &GenerateOptions) -> Dataset {
    let mut rng = SplitMix(options.seed);
    let first_year: i32 = 1995;
    let years = 30;
    let first_day = f64::from(crate::data::date::days_from_civil(first_year, 1, 1));
    let span_days = f64::from(years) * 365.25;

    let actor_count = options.actors.max(1);
    let actors: Vec<Actor> = (0..actor_count)
        .map(|i| Actor {
            id: format!("a{i}"),
            name: format!("Armed group {i}"),
            short: format!("Group {i}"),
            color: COLORS[i % COLORS.len()].to_owned(),
            aliases: Vec::new(),
            kind: None,
        })
        .collect();
    let source_count = (options.events / 300).clamp(20, 3000);
    let kinds = [
        SourceKind::NewsAgency,
        SourceKind::NewsOutlet,
        SourceKind::Monitor,
        SourceKind::Government,
        SourceKind::ResearchFirm,
    ];
    let sources: Vec<Source> = (0..source_count)
        .map(|i| Source {
            id: format!("s{i}"),
            publisher: format!("Publisher {}", i % 97),
            title: format!("Report number {i}"),
            url: Some(format!("https://example.org/reports/{i}")),
            published: None,
            language: Some(["en", "fr", "ar"][i % 3].to_owned()),
            kind: kinds[i % kinds.len()],
            scale: None,
        })
        .collect();

    // Bursts: a few dozen short periods where most events fall.
    let bursts: Vec<(f64, f64)> = (0..40)
        .map(|_| (rng.unit() * span_days, 5.0 + rng.unit() * 60.0))
        .collect();
    let mut events = crate::data::model::Events::new();
    events.try_reserve(options.events.min(MAX_EVENTS as usize));
    for n in 0..options.events {
        let offset = if rng.unit() < 0.6 {
            let (center, width) = bursts[rng.below(bursts.len())];
            (center + (rng.unit() + rng.unit() - 1.0) * width).clamp(0.0, span_days - 200.0)
        } else {
            rng.unit() * (span_days - 200.0)
        };
        let day = (first_day + offset).floor() as i32;
        let exact = PartialDate::from_day_number(day);
        let roll = rng.unit();
        let (date, end) = if roll < 0.08 {
            let length = 1 + rng.below(180) as i32;
            (exact, Some(PartialDate::from_day_number(day + length)))
        } else if roll < 0.2 {
            (
                PartialDate::month(exact.year_number(), exact.month_number().unwrap_or(1)),
                None,
            )
        } else if roll < 0.23 {
            (PartialDate::year(exact.year_number()), None)
        } else {
            (exact, None)
        };
        let longest = if rng.unit() < 0.1 { 20 } else { 6 };
        let words = 2 + rng.below(longest);
        let title: Vec<&str> = (0..words).map(|_| WORDS[rng.below(WORDS.len())]).collect();
        let mut title = title.join(" ");
        if let Some(first) = title.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        let involved = 1 + rng.below(3);
        let mut event_actors: Vec<Name> = Vec::with_capacity(involved);
        for _ in 0..involved {
            let id = Name::from(format!("a{}", rng.below(actor_count)));
            if !event_actors.contains(&id) {
                event_actors.push(id);
            }
        }
        let cites = (0..1 + rng.below(3))
            .map(|_| Cite {
                source: format!("s{}", rng.below(source_count)).into(),
                note: None,
                quote: None,
            })
            .collect();
        let confidence = Confidence::ALL[rng.below(Confidence::ALL.len())];
        let disputed_by = if confidence == Confidence::Disputed {
            vec![Cite {
                source: format!("s{}", rng.below(source_count)).into(),
                note: Some("denies it".to_owned()),
                quote: None,
            }]
        } else {
            Vec::new()
        };
        events.push(&Event {
            id: format!("e{n}").into(),
            date,
            end,
            title,
            summary: if rng.unit() < 0.5 {
                String::new()
            } else {
                "Fighting reported by several sources.".to_owned()
            },
            place: Some(Place {
                name: format!("Place {}", rng.below(5000)).into(),
                region: None,
                country: None,
                lat: Some(30.0 + rng.unit() * 10.0),
                lon: Some(35.0 + rng.unit() * 10.0),
                extras: None,
            }),
            actors: event_actors,
            tags: Vec::new(),
            confidence,
            cites,
            disputed_by,
            extras: None,
        });
    }

    let control = (0..options.series)
        .map(|s| {
            let mut value = 20_000.0 + rng.unit() * 60_000.0;
            let points = (0..years * 12)
                .map(|m| {
                    value = (value * (0.97 + rng.unit() * 0.06)).max(0.0);
                    ControlPoint {
                        date: PartialDate::month((first_year + m / 12) as i16, (m % 12 + 1) as u8),
                        value: value.round(),
                        low: None,
                        high: None,
                        confidence: Confidence::Reported,
                        cite: Cite {
                            source: format!("s{}", rng.below(source_count)).into(),
                            note: None,
                            quote: None,
                        },
                    }
                })
                .collect();
            ControlSeries {
                actor: format!("a{}", s % actor_count),
                source_org: format!("Organisation {}", s / actor_count),
                scope: "Whole country".to_owned(),
                unit: ControlUnit::SquareKm,
                measure: Default::default(),
                points,
            }
        })
        .collect();

    Dataset {
        format: FORMAT_VERSION,
        title: format!(
            "Synthetic dataset: {} events, seed {}",
            options.events, options.seed
        ),
        description: "Generated by `frontline generate` for tests and benchmarks.".to_owned(),
        license: "Synthetic data, no rights reserved.".to_owned(),
        sources,
        actors,
        events,
        control,
        territory: Vec::new(),
    }
}

/// What `generate --territory` adds: one control map of the first actor,
/// one snapshot a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TerritoryOptions {
    /// How many daily snapshots.
    pub snapshots: usize,
    /// About how many positions each snapshot has.
    pub vertices: usize,
}

/// The most snapshots `generate --territory` writes.
pub const MAX_SNAPSHOTS: u64 = 100_000;

/// A box between two meridians and two parallels: west, east, south, north.
pub type GeoRect = (f64, f64, f64, f64);

/// Snapshot `day`'s outline and hole: boxes along parallels and meridians,
/// whose area on the ellipsoid is known in closed form, growing and shrinking
/// from one day to the next.
pub fn territory_boxes(day: usize) -> (GeoRect, GeoRect) {
    let swing = (day % 60) as f64 / 60.0;
    let outline = (36.0, 38.5 + swing, 47.0, 48.5 + swing / 2.0);
    let hole = (36.5, 37.0 + swing / 4.0, 47.5, 48.0);
    (outline, hole)
}

/// A closed ring around `rect`, its sides cut into `per_side` pieces each: the
/// positions lie on the box's parallels and meridians, so the area is the box's.
fn box_ring((west, east, south, north): GeoRect, per_side: usize) -> Vec<(f64, f64)> {
    let n = per_side.max(1);
    let step = |from: f64, to: f64, k: usize| from + (to - from) * k as f64 / n as f64;
    let mut ring = Vec::with_capacity(4 * n + 1);
    ring.extend((0..n).map(|k| (step(west, east, k), south)));
    ring.extend((0..n).map(|k| (east, step(south, north, k))));
    ring.extend((0..n).map(|k| (step(east, west, k), north)));
    ring.extend((0..n).map(|k| (west, step(north, south, k))));
    ring.push((west, south));
    ring
}

/// Adds a control map of the first actor to `dataset`: `options.snapshots`
/// daily snapshots from the first of January 1995, each an outline with a hole
/// (see [`territory_boxes`]) of about `options.vertices` positions in all.
pub fn add_territory(dataset: &mut Dataset, options: &TerritoryOptions) {
    let (Some(actor), Some(source)) = (dataset.actors.first(), dataset.sources.first()) else {
        return;
    };
    let first = crate::data::date::days_from_civil(1995, 1, 1);
    // Four fifths of the positions on the outline, the rest on the hole.
    let outline_side = (options.vertices * 4 / 5 / 4).max(1);
    let hole_side = (options.vertices / 5 / 4).max(1);
    let snapshots = (0..options.snapshots)
        .map(|day| {
            let (outline, hole) = territory_boxes(day);
            Snapshot {
                date: PartialDate::from_day_number(first + i32::try_from(day).unwrap_or(i32::MAX)),
                cite: Cite {
                    source: source.id.as_str().into(),
                    note: None,
                    quote: None,
                },
                polygons: vec![vec![
                    box_ring(outline, outline_side),
                    box_ring(hole, hole_side),
                ]],
                file: None,
                from_file: Vec::new(),
            }
        })
        .collect();
    dataset.territory.push(ControlMap {
        actor: actor.id.as_str().into(),
        source_org: "Generated monitor".to_owned(),
        scope: "Generated land".to_owned(),
        snapshots,
    });
}

/// Writes the dataset as pretty RON, with every field of the format filled
/// somewhere (see [`fill_every_field`]).
pub fn write(
    options: &GenerateOptions,
    territory: &TerritoryOptions,
    out: &mut dyn Write,
) -> Result<(), String> {
    let mut dataset = dataset(options);
    fill_every_field(&mut dataset);
    add_territory(&mut dataset, territory);
    crate::data::load::write_ron(&dataset, out).map_err(|e| e.to_string())
}

/// Gives every optional field of the format a value somewhere in `dataset`:
/// one event in 64 carries them all, as do one source in ten, every other
/// actor, one figure a year and the second series (ground lost). A file
/// written from it exercises every part of the readers, and a test holds it
/// to the format's own list of fields, so that a field added to the format
/// and not here fails a test rather than slowing loading unseen. Nothing is
/// drawn at random: the rest of the dataset stays as [`dataset`] made it.
pub fn fill_every_field(dataset: &mut Dataset) {
    for (i, source) in dataset.sources.iter_mut().enumerate().step_by(10) {
        source.published = Some(PartialDate::day(2020, 1, 1 + (i / 10 % 28) as u8));
        source.scale = Some("National".to_owned());
    }
    for (i, actor) in dataset.actors.iter_mut().enumerate().step_by(2) {
        actor.kind = Some("Rebel group".to_owned());
        if i == 0 {
            actor.aliases = vec![format!("{} (also known as)", actor.name)];
        }
    }
    let events = std::mem::take(&mut dataset.events);
    dataset.events = events
        .iter()
        .map(|e| {
            let mut event = e.to_event();
            if e.index().is_multiple_of(64) {
                fill_event(&mut event, e.index());
            }
            event
        })
        .collect();
    for (s, series) in dataset.control.iter_mut().enumerate() {
        if s == 1 {
            series.measure = ControlMeasure::Lost;
        }
        for point in series.points.iter_mut().skip(6).step_by(12) {
            point.low = Some((point.value * 0.95).round());
            point.high = Some((point.value * 1.05).round());
            point.confidence = Confidence::Confirmed;
        }
    }
}

/// Event types and sub-types the ACLED generator draws from.
const ACLED_KINDS: [(&str, &str); 6] = [
    ("Battles", "Armed clash"),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Looting/property destruction"),
    ("Protests", "Peaceful protest"),
];

/// Writes a synthetic export in an event database's layout (ACLED or UCDP GED),
/// row by row, so that any size fits in memory: for import tests and benchmarks.
pub fn write_table(
    options: &GenerateOptions,
    layout: crate::data::import::Layout,
    out: &mut dyn Write,
) -> Result<(), String> {
    use crate::data::import::{ACLED_COLUMNS, GDELT_COLUMNS, Layout, UCDP_COLUMNS};
    let mut rng = SplitMix(options.seed);
    // GDELT's files are tab-separated, unquoted and without a header.
    let mut writer = if layout == Layout::Gdelt {
        csv::WriterBuilder::new()
            .delimiter(b'\t')
            .quote_style(csv::QuoteStyle::Never)
            .from_writer(out)
    } else {
        csv::Writer::from_writer(out)
    };
    let failed = |e: csv::Error| e.to_string();
    let first_day = crate::data::date::days_from_civil(2015, 1, 1);
    let span_days = 3650;
    let actors = options.actors.max(2);
    let publishers = (options.events / 500).clamp(10, 2000);
    match layout {
        Layout::Acled => writer.write_record(ACLED_COLUMNS).map_err(failed)?,
        Layout::Ucdp => writer.write_record(UCDP_COLUMNS).map_err(failed)?,
        Layout::Gdelt => {}
        Layout::Frontline => {
            return Err("a Frontline dataset is generated as RON (--format ron)".to_owned());
        }
    }
    for n in 0..options.events {
        let day = first_day + rng.below(span_days) as i32;
        let date = PartialDate::from_day_number(day).to_string();
        let actor1 = rng.below(actors);
        let actor2 = (actor1 + 1 + rng.below(actors - 1)) % actors;
        let place = rng.below(5000);
        let lat = format!("{:.4}", 30.0 + rng.unit() * 10.0);
        let lon = format!("{:.4}", 35.0 + rng.unit() * 10.0);
        let deaths = if rng.unit() < 0.6 { 0 } else { rng.below(40) };
        let notes = format!(
            "On {date}, {} near Place {place}, according to local sources; {} reported.",
            WORDS[rng.below(WORDS.len())],
            WORDS[rng.below(WORDS.len())]
        );
        let record: Vec<String> = match layout {
            Layout::Acled => {
                let (kind, subkind) = ACLED_KINDS[rng.below(ACLED_KINDS.len())];
                let sources = (0..1 + rng.below(3))
                    .map(|_| format!("Publisher {}", rng.below(publishers)))
                    .collect::<Vec<_>>()
                    .join("; ");
                vec![
                    format!("GEN{n}"),
                    date.clone(),
                    date[..4].to_owned(),
                    ["1", "1", "1", "2", "3"][rng.below(5)].to_owned(),
                    "Political violence".to_owned(),
                    kind.to_owned(),
                    subkind.to_owned(),
                    format!("Armed group {actor1} (2000-)"),
                    if rng.unit() < 0.2 {
                        format!(
                            "Armed group {}; Militia {}",
                            rng.below(actors),
                            rng.below(50)
                        )
                    } else {
                        String::new()
                    },
                    (1 + actor1 % 8).to_string(),
                    format!("Armed group {actor2} (2000-)"),
                    String::new(),
                    (1 + actor2 % 8).to_string(),
                    "11".to_owned(),
                    String::new(),
                    "999".to_owned(),
                    "Middle East".to_owned(),
                    "Exampleland".to_owned(),
                    format!("Province {}", place % 20),
                    format!("District {}", place % 200),
                    format!("Subdistrict {}", place % 1000),
                    format!("Place {place}"),
                    lat,
                    lon,
                    ["1", "2", "3"][rng.below(3)].to_owned(),
                    sources,
                    ["National", "Subnational", "International", "New media"][rng.below(4)]
                        .to_owned(),
                    notes,
                    deaths.to_string(),
                    String::new(),
                    "1700000000".to_owned(),
                ]
            }
            Layout::Ucdp => {
                let length = if rng.unit() < 0.8 { 0 } else { rng.below(6) } as i32;
                let end = PartialDate::from_day_number(day + length).to_string();
                let (a, b) = (rng.below(deaths + 1), 0);
                let civilians = deaths - a;
                let mut row = vec![String::new(); UCDP_COLUMNS.len()];
                let mut set = |name: &str, value: String| {
                    if let Some(at) = UCDP_COLUMNS.iter().position(|c| *c == name) {
                        row[at] = value;
                    }
                };
                set("id", (n + 1).to_string());
                set("relid", format!("GEN-{n}"));
                set("year", date[..4].to_owned());
                set("active_year", "TRUE".to_owned());
                set("code_status", "Clear".to_owned());
                set("type_of_violence", (1 + rng.below(3)).to_string());
                set(
                    "conflict_name",
                    format!("Exampleland: conflict {}", actor1 % 10),
                );
                set(
                    "dyad_name",
                    format!("Armed group {actor1} - Armed group {actor2}"),
                );
                set("side_a", format!("Armed group {actor1}"));
                set("side_b", format!("Armed group {actor2}"));
                set("number_of_sources", "1".to_owned());
                set(
                    "source_article",
                    format!("\"Publisher {},{date},{}\"", rng.below(publishers), notes),
                );
                set(
                    "source_office",
                    format!("Publisher {}", rng.below(publishers)),
                );
                set("source_date", date.clone());
                set("source_original", "local sources".to_owned());
                set("where_prec", (1 + rng.below(7)).to_string());
                set("where_description", format!("Place {place}"));
                set("adm_1", format!("Province {}", place % 20));
                set("adm_2", format!("District {}", place % 200));
                set("latitude", lat);
                set("longitude", lon);
                set("country", "Exampleland".to_owned());
                set("region", "Middle East".to_owned());
                set("event_clarity", "1".to_owned());
                set("date_prec", if length == 0 { "1" } else { "2" }.to_owned());
                set("date_start", date.clone());
                set("date_end", end);
                set("deaths_a", a.to_string());
                set("deaths_b", b.to_string());
                set("deaths_civilians", civilians.to_string());
                set("deaths_unknown", "0".to_owned());
                set("best", deaths.to_string());
                set("high", (deaths + deaths / 2).to_string());
                set("low", deaths.to_string());
                row
            }
            Layout::Gdelt => {
                let mut row = vec![String::new(); GDELT_COLUMNS.len()];
                let mut set = |name: &str, value: String| {
                    if let Some(at) = GDELT_COLUMNS.iter().position(|c| *c == name) {
                        row[at] = value;
                    }
                };
                let sql = date.replace('-', "");
                let (code, root, quad) = [
                    ("190", "19", "4"),
                    ("193", "19", "4"),
                    ("183", "18", "4"),
                    ("111", "11", "3"),
                    ("043", "04", "1"),
                    ("0231", "02", "1"),
                ][rng.below(6)];
                set("globaleventid", (500_000_000 + n).to_string());
                set("sqldate", sql.clone());
                set("monthyear", sql[..6].to_owned());
                set("year", sql[..4].to_owned());
                set("fractiondate", format!("{}.5000", &sql[..4]));
                set("actor1code", format!("EXA{}", actor1 % 100));
                if rng.unit() < 0.9 {
                    set("actor1name", format!("ARMED GROUP {actor1}"));
                }
                set("actor1countrycode", "EXA".to_owned());
                set(
                    "actor1type1code",
                    ["MIL", "REB", "GOV", "CVL"][actor1 % 4].to_owned(),
                );
                set("actor2code", format!("EXA{}", actor2 % 100));
                set("actor2name", format!("ARMED GROUP {actor2}"));
                set(
                    "actor2type1code",
                    ["REB", "MIL", "CVL", "GOV"][actor2 % 4].to_owned(),
                );
                set("isrootevent", "1".to_owned());
                set("eventcode", code.to_owned());
                set("eventbasecode", code[..3].to_owned());
                set("eventrootcode", root.to_owned());
                set("quadclass", quad.to_owned());
                set(
                    "goldsteinscale",
                    format!("{:.1}", -10.0 + rng.unit() * 12.0),
                );
                set("nummentions", (1 + rng.below(20)).to_string());
                set("numsources", (1 + rng.below(4)).to_string());
                set("numarticles", (1 + rng.below(20)).to_string());
                set("avgtone", format!("{:.4}", -8.0 + rng.unit() * 6.0));
                set("actiongeo_type", "4".to_owned());
                set(
                    "actiongeo_fullname",
                    format!("Place {place}, Province {}, Exampleland", place % 20),
                );
                set("actiongeo_countrycode", "EX".to_owned());
                set("actiongeo_adm1code", format!("EX{:02}", place % 20));
                set("actiongeo_lat", lat);
                set("actiongeo_long", lon);
                set("actiongeo_featureid", format!("-{}", 100_000 + place));
                set("dateadded", format!("{sql}121500"));
                set(
                    "sourceurl",
                    format!(
                        "https://news{}.example.org/{sql}/story-{n}",
                        rng.below(publishers)
                    ),
                );
                row
            }
            Layout::Frontline => Vec::new(),
        };
        writer.write_record(&record).map_err(failed)?;
    }
    writer.flush().map_err(|e| e.to_string())
}

/// Gives `event` (number `n`) every optional field.
fn fill_event(event: &mut Event, n: usize) {
    if let Some(cite) = event.cites.first_mut() {
        cite.note = Some("according to two officials".to_owned());
        cite.quote = Some("the town was taken".to_owned());
    }
    if let Some(place) = &mut event.place {
        place.region = Some(format!("Province {}", n % 20).into());
        place.country = Some("Exampleland".into());
        place.extras = PlaceExtras {
            district: Some(format!("District {}", n % 50)),
            subdistrict: Some(format!("Subdistrict {}", n % 200)),
            precision: Some(PlacePrecision::Near),
        }
        .boxed();
    }
    event.tags = vec!["generated".into()];
    event.extras = EventExtras {
        kind: Some("Battles".to_owned()),
        subkind: Some("Armed clash".to_owned()),
        fatalities: Some(Fatalities {
            best: 4,
            low: Some(2),
            high: Some(7),
            side_a: Some(1),
            side_b: Some(1),
            civilians: Some(2),
            unknown: Some(0),
        }),
        timing: Some(Timing::WithinWeek),
    }
    .boxed();
}
