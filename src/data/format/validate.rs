//! Checks on a parsed dataset: everything the format's grammar cannot say.

use std::collections::{HashMap, HashSet};

use crate::data::format::placer;
use crate::data::format::problem::TextPosition;
use crate::data::format::problem::{Problem, Record, Within};
use crate::data::format::repeated_ids::repeated_ids;
use crate::data::format::source_map::{SourceMap, field_offset};
use crate::data::model::date::PartialDate;
use crate::data::model::{
    CiteRef, ControlMeasure, ControlSeries, ControlUnit, Dataset, EventRef, FORMAT_VERSION,
    Fatalities, Timing,
};

mod series;
mod territory;

use series::check_series;
use territory::check_territory;

/// Every problem in `dataset`, errors and warnings, in file order within each kind of record.
/// Positions are not filled in: see [`locate`].
pub fn validate(dataset: &Dataset) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_header(dataset, &mut problems);
    let source_ids = check_sources(dataset, &mut problems);
    let actor_ids = check_actors(dataset, &mut problems);
    // Whether each name the events use is an actor or a source, decided once
    // per name rather than once per mention.
    let names_in = |ids: &HashSet<&str>| -> Vec<bool> {
        (0..dataset.events.name_count() as u32)
            .map(|n| {
                dataset
                    .events
                    .name(n)
                    .is_some_and(|name| ids.contains(name))
            })
            .collect()
    };
    let known = Known {
        sources: &source_ids,
        actors: &actor_ids,
        source_names: names_in(&source_ids),
        actor_names: names_in(&actor_ids),
    };
    check_events(dataset, &known, &mut problems);
    check_series(dataset, &known, &mut problems);
    check_territory(dataset, &known, &mut problems);
    problems
}

/// Places every problem in `text`, the file's whole text: a problem about a
/// record is given the span of the value it is about when the record holds
/// it, else its record's start; then the placer works out line and column.
/// `map` is where the records start when the reader noted it; without one,
/// the text is scanned for it.
pub fn locate(problems: &mut [Problem], text: &str, map: Option<&SourceMap>) {
    placer::place_on_lines(problems, |_| None);
    if problems.iter().all(|p| p.position.is_some()) {
        return;
    }
    let bytes = text.as_bytes();
    if problems
        .iter()
        .any(|p| p.position.is_none() && p.span.is_none() && p.record.is_some())
    {
        let scanned;
        let map = match map {
            Some(map) => map,
            None => {
                scanned = SourceMap::scan(text);
                &scanned
            }
        };
        for problem in problems
            .iter_mut()
            .filter(|p| p.position.is_none() && p.span.is_none())
        {
            problem.span = record_offset(map, problem.record.as_ref()).map(|record| {
                let at = field_offset(bytes, record, problem.within.as_ref());
                placer::value_span(bytes, at, 0)
            });
        }
    }
    placer::place_in_text(problems, bytes, 0, TextPosition::START);
}

/// Where `record` starts in the text `map` was scanned from.
pub fn record_offset(map: &SourceMap, record: Option<&Record>) -> Option<usize> {
    match record? {
        Record::Dataset { field } => map.field(field),
        Record::Source { index, .. } => map.sources.get(*index).copied(),
        Record::Actor { index, .. } => map.actors.get(*index).copied(),
        Record::Event { index, .. } => map.events.get(*index).copied(),
        Record::Series { index, .. } => map.series.get(*index).copied(),
        Record::Point { series, index, .. } => map
            .points
            .get(*series)
            .and_then(|points| points.get(*index))
            .copied(),
        Record::Map { index, .. } => map.maps.get(*index).copied(),
        Record::Snapshot { map: m, index, .. } => map
            .snapshots
            .get(*m)
            .and_then(|snapshots| snapshots.get(*index))
            .copied(),
        Record::Row { .. } | Record::TableRow { .. } => None,
    }
}

struct Known<'a> {
    sources: &'a HashSet<&'a str>,
    actors: &'a HashSet<&'a str>,
    /// By the events' name numbers: whether the name is a source's id.
    source_names: Vec<bool>,
    /// By the events' name numbers: whether the name is an actor's id.
    actor_names: Vec<bool>,
}

impl Known<'_> {
    fn is_source_name(&self, number: u32) -> bool {
        self.source_names
            .get(number as usize)
            .copied()
            .unwrap_or(false)
    }

    fn is_actor_name(&self, number: u32) -> bool {
        self.actor_names
            .get(number as usize)
            .copied()
            .unwrap_or(false)
    }
}

fn check_header(dataset: &Dataset, problems: &mut Vec<Problem>) {
    if dataset.format != FORMAT_VERSION {
        problems.push(Problem::error(
            Record::Dataset { field: "format" },
            format!(
                "format version {} is not one this Frontline reads (it reads version {FORMAT_VERSION})",
                dataset.format
            ),
        ));
    }
    if dataset.title.trim().is_empty() {
        problems.push(Problem::error(
            Record::Dataset { field: "title" },
            "the title is empty",
        ));
    }
}

fn check_sources<'a>(dataset: &'a Dataset, problems: &mut Vec<Problem>) -> HashSet<&'a str> {
    let mut first_index: HashMap<&str, usize> = HashMap::with_capacity(dataset.sources.len());
    for (index, source) in dataset.sources.iter().enumerate() {
        let record = || Record::Source {
            index,
            id: source.id.clone(),
        };
        if let Some(problem) = duplicate("source", &mut first_index, &source.id, index) {
            problems.push(Problem::error(record(), problem).within(Within::field("id")));
        }
        if source.publisher.trim().is_empty() {
            problems.push(
                Problem::error(record(), "the publisher is empty")
                    .within(Within::field("publisher")),
            );
        }
        if source.title.trim().is_empty() {
            problems.push(
                Problem::error(record(), "the title is empty").within(Within::field("title")),
            );
        }
        if let Some(date) = source.published
            && let Err(why) = date.check()
        {
            problems.push(
                Problem::error(
                    record(),
                    format!("publication date {date} is impossible: {why}"),
                )
                .within(Within::field("published")),
            );
        }
        match source.url.as_deref() {
            None | Some("") => problems.push(Problem::warning(
                record(),
                "no address (url): readers cannot check this source",
            )),
            Some(url) => {
                if let Err(why) = web_link(url) {
                    problems.push(
                        Problem::warning(
                            record(),
                            format!(
                                "address {url:?} is not a web link ({why}); it is shown as plain text"
                            ),
                        )
                        .within(Within::field("url")),
                    );
                }
            }
        }
    }
    first_index.into_keys().collect()
}

fn check_actors<'a>(dataset: &'a Dataset, problems: &mut Vec<Problem>) -> HashSet<&'a str> {
    let mut first_index: HashMap<&str, usize> = HashMap::with_capacity(dataset.actors.len());
    for (index, actor) in dataset.actors.iter().enumerate() {
        let record = || Record::Actor {
            index,
            id: actor.id.clone(),
        };
        if let Some(problem) = duplicate("actor", &mut first_index, &actor.id, index) {
            problems.push(Problem::error(record(), problem).within(Within::field("id")));
        }
        if actor.name.trim().is_empty() {
            problems
                .push(Problem::error(record(), "the name is empty").within(Within::field("name")));
        }
        if parse_hex_color(&actor.color).is_none() {
            problems.push(
                Problem::error(
                    record(),
                    format!("colour {:?} is not of the form \"#rrggbb\"", actor.color),
                )
                .within(Within::field("color")),
            );
        }
    }
    first_index.into_keys().collect()
}

fn check_events(dataset: &Dataset, known: &Known<'_>, problems: &mut Vec<Problem>) {
    let events = &dataset.events;
    let repeats = repeated_ids(events.len(), |e| {
        events.get(e).map_or("", |event| event.id())
    });
    let mut repeats = repeats.into_iter().peekable();
    for (index, event) in events.iter().enumerate() {
        let record = || Record::Event {
            index,
            id: event.id().to_string(),
        };
        let id = event.id();
        let problem = if id.trim().is_empty() {
            Some(empty_id("event"))
        } else {
            repeats
                .next_if(|&(later, _)| later == index)
                .map(|(_, first)| repeated_id("event", id, first))
        };
        if let Some(problem) = problem {
            problems.push(Problem::error(record(), problem).within(Within::field("id")));
        }
        check_event(event, known, problems, record);
    }
}

fn check_event(
    event: EventRef<'_>,
    known: &Known<'_>,
    problems: &mut Vec<Problem>,
    record: impl Fn() -> Record,
) {
    if event.title().trim().is_empty() {
        problems
            .push(Problem::error(record(), "the title is empty").within(Within::field("title")));
    }
    let start_ok = check_date(
        event.date(),
        "date",
        problems,
        &record,
        Within::field("date"),
    );
    if let Some(end) = event.end() {
        let end_ok = check_date(end, "end date", problems, &record, Within::field("end"));
        if start_ok && end_ok && end.end_day_exclusive() <= event.date().start_day() {
            problems.push(
                Problem::error(
                    record(),
                    format!("ends ({end}) before it starts ({})", event.date()),
                )
                .within(Within::field("end")),
            );
        }
    }
    let actors = event.actors();
    for (item, actor) in actors.iter().enumerate() {
        if !known.is_actor_name(actors.numbers()[item]) {
            problems.push(
                Problem::error(
                    record(),
                    format!("names actor {actor:?}, which is not in `actors`"),
                )
                .within(Within::item("actors", item)),
            );
        }
    }
    if let Some(place) = &event.place() {
        if let Some(lat) = place.lat()
            && !(-90.0..=90.0).contains(&lat)
        {
            problems.push(
                Problem::error(
                    record(),
                    format!("latitude {} is outside -90 to 90", number(lat)),
                )
                .within(Within::field("place").inner("lat")),
            );
        }
        if let Some(lon) = place.lon()
            && !(-180.0..=180.0).contains(&lon)
        {
            problems.push(
                Problem::error(
                    record(),
                    format!("longitude {} is outside -180 to 180", number(lon)),
                )
                .within(Within::field("place").inner("lon")),
            );
        }
    }
    if event.timing() == Some(Timing::SometimeBetween) && event.end().is_none() {
        problems.push(
            Problem::error(
                record(),
                "timing SometimeBetween needs an `end`: the span the event lies in",
            )
            .within(Within::field("timing")),
        );
    }
    if let Some(deaths) = event.fatalities() {
        check_fatalities(deaths, problems, &record);
    }
    for (field, cites) in [
        ("cites", event.cites()),
        ("disputed_by", event.disputed_by()),
    ] {
        let unknown = |&(_, &number): &(usize, &u32)| !known.is_source_name(number);
        for (item, _) in cites.source_numbers().iter().enumerate().filter(unknown) {
            if let Some(cite) = cites.get(item) {
                check_cite(cite, known, problems, &record, Within::item(field, item));
            }
        }
    }
    if event.cites().is_empty() {
        problems.push(Problem::warning(
            record(),
            "cites no source: Frontline will show it as unsourced",
        ));
    }
}

/// A range that does not hold the best estimate is the source's own claim: a
/// warning, the figures kept as given. Deaths by side, when all are given,
/// should add up to the best estimate (UCDP's own rule).
fn check_fatalities(
    deaths: &Fatalities,
    problems: &mut Vec<Problem>,
    record: &impl Fn() -> Record,
) {
    let disagreements = deaths.disagreements();
    if !disagreements.is_empty() {
        let at = if deaths.high.is_some_and(|high| high < deaths.best) {
            "high"
        } else {
            "low"
        };
        problems.push(
            Problem::warning(
                record(),
                format!(
                    "fatalities: the source's estimates disagree: {} (kept as given)",
                    disagreements.join("; ")
                ),
            )
            .within(Within::field("fatalities").inner(at)),
        );
    }
    let parts = [
        deaths.side_a,
        deaths.side_b,
        deaths.civilians,
        deaths.unknown,
    ];
    if parts.iter().all(Option::is_some) {
        let sum: u64 = parts.iter().flatten().map(|&n| u64::from(n)).sum();
        if sum != u64::from(deaths.best) {
            problems.push(
                Problem::warning(
                    record(),
                    format!(
                        "fatalities: deaths by side add up to {sum}, not to best ({})",
                        deaths.best
                    ),
                )
                .within(Within::field("fatalities")),
            );
        }
    }
}

fn check_date(
    date: PartialDate,
    what: &str,
    problems: &mut Vec<Problem>,
    record: &impl Fn() -> Record,
    within: Within,
) -> bool {
    match date.check() {
        Ok(()) => true,
        Err(why) => {
            problems.push(
                Problem::error(record(), format!("{what} {date} is impossible: {why}"))
                    .within(within),
            );
            false
        }
    }
}

fn check_cite(
    cite: CiteRef<'_>,
    known: &Known<'_>,
    problems: &mut Vec<Problem>,
    record: &impl Fn() -> Record,
    within: Within,
) {
    if !known.sources.contains(cite.source()) {
        problems.push(
            Problem::error(
                record(),
                format!(
                    "cites source {:?}, which is not in `sources`",
                    cite.source()
                ),
            )
            .within(within.inner("source")),
        );
    }
}

/// The problem with a `kind` whose id is blank.
fn empty_id(kind: &str) -> String {
    format!("the {kind} id is empty")
}

/// The problem with a `kind` whose `id` the one at index `first` has already.
fn repeated_id(kind: &str, id: &str, first: usize) -> String {
    format!(
        "duplicate {kind} id {id:?}: {kind} #{} has it already",
        first + 1
    )
}

/// Why `id` (of the `kind` at `index`) is not a usable id, if it is not:
/// blank, or had by an earlier one; otherwise it is noted in `first_index`.
fn duplicate<'a>(
    kind: &str,
    first_index: &mut HashMap<&'a str, usize>,
    id: &'a str,
    index: usize,
) -> Option<String> {
    if id.trim().is_empty() {
        return Some(empty_id(kind));
    }
    match first_index.get(id) {
        Some(&first) => Some(repeated_id(kind, id, first)),
        None => {
            first_index.insert(id, index);
            None
        }
    }
}

/// The web link an address stands for, or why it is none. Only `http` and
/// `https` addresses with a valid host, and nothing a browser would have to
/// guess at (spaces, control characters), are links: anything else would be
/// handed to the system's opener as a local path or worse.
pub fn web_link(address: &str) -> Result<url::Url, String> {
    let address = address.trim();
    if address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("it contains spaces or control characters".to_owned());
    }
    let url = url::Url::parse(address).map_err(|err| err.to_string())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "its scheme is {:?}, not http or https",
            url.scheme()
        ));
    }
    match url.host_str() {
        Some(host) if !host.is_empty() => {}
        _ => return Err("it names no host".to_owned()),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("it carries a user name or password".to_owned());
    }
    Ok(url)
}

/// A number from the file as a message quotes it: as written for ordinary
/// sizes, in scientific form when huge or tiny (1e308 is not 309 digits).
pub fn number(value: f64) -> String {
    let magnitude = value.abs();
    if value.is_finite() && magnitude != 0.0 && !(1e-6..1e15).contains(&magnitude) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// Reads `#rrggbb` into red, green and blue.
pub fn parse_hex_color(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}
