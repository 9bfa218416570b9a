//! Checks on a parsed dataset: everything the format's grammar cannot say.

use std::collections::{HashMap, HashSet};

use super::date::PartialDate;
use super::model::{Cite, ControlSeries, ControlUnit, Dataset, Event, FORMAT_VERSION};
use super::problem::{Problem, Record};
use super::source_map::SourceMap;

/// Every problem in `dataset`, errors and warnings, in file order within each kind of record.
/// Positions are not filled in: see [`locate`].
pub fn validate(dataset: &Dataset) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_header(dataset, &mut problems);
    let source_ids = check_sources(dataset, &mut problems);
    let actor_ids = check_actors(dataset, &mut problems);
    let known = Known {
        sources: &source_ids,
        actors: &actor_ids,
    };
    check_events(dataset, &known, &mut problems);
    check_series(dataset, &known, &mut problems);
    problems
}

/// Fills in each problem's position from a scan of the file's text.
pub fn locate(problems: &mut [Problem], text: &str) {
    if problems
        .iter()
        .all(|p| p.position.is_some() || p.record.is_none())
    {
        return;
    }
    let map = SourceMap::scan(text);
    for problem in problems.iter_mut().filter(|p| p.position.is_none()) {
        problem.position = match &problem.record {
            Some(Record::Dataset { field }) => map.field(field),
            Some(Record::Source { index, .. }) => map.sources.get(*index).copied(),
            Some(Record::Actor { index, .. }) => map.actors.get(*index).copied(),
            Some(Record::Event { index, .. }) => map.events.get(*index).copied(),
            Some(Record::Series { index, .. }) => map.series.get(*index).copied(),
            Some(Record::Point { series, index, .. }) => map
                .points
                .get(*series)
                .and_then(|points| points.get(*index))
                .copied(),
            None => None,
        };
    }
}

struct Known<'a> {
    sources: &'a HashSet<&'a str>,
    actors: &'a HashSet<&'a str>,
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
            problems.push(Problem::error(record(), problem));
        }
        if source.publisher.trim().is_empty() {
            problems.push(Problem::error(record(), "the publisher is empty"));
        }
        if source.title.trim().is_empty() {
            problems.push(Problem::error(record(), "the title is empty"));
        }
        if let Some(date) = source.published
            && let Err(why) = date.check()
        {
            problems.push(Problem::error(
                record(),
                format!("publication date {date} is impossible: {why}"),
            ));
        }
        match source.url.as_deref() {
            None | Some("") => problems.push(Problem::warning(
                record(),
                "no address (url): readers cannot check this source",
            )),
            Some(url) if !is_web_address(url) => problems.push(Problem::warning(
                record(),
                format!("address {url:?} is not an http:// or https:// address; it will not open as a link"),
            )),
            Some(_) => {}
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
            problems.push(Problem::error(record(), problem));
        }
        if actor.name.trim().is_empty() {
            problems.push(Problem::error(record(), "the name is empty"));
        }
        if parse_hex_color(&actor.color).is_none() {
            problems.push(Problem::error(
                record(),
                format!("colour {:?} is not of the form \"#rrggbb\"", actor.color),
            ));
        }
    }
    first_index.into_keys().collect()
}

fn check_events(dataset: &Dataset, known: &Known<'_>, problems: &mut Vec<Problem>) {
    let mut first_index: HashMap<&str, usize> = HashMap::with_capacity(dataset.events.len());
    for (index, event) in dataset.events.iter().enumerate() {
        let record = || Record::Event {
            index,
            id: event.id.clone(),
        };
        if let Some(problem) = duplicate("event", &mut first_index, &event.id, index) {
            problems.push(Problem::error(record(), problem));
        }
        check_event(event, known, problems, record);
    }
}

fn check_event(
    event: &Event,
    known: &Known<'_>,
    problems: &mut Vec<Problem>,
    record: impl Fn() -> Record,
) {
    if event.title.trim().is_empty() {
        problems.push(Problem::error(record(), "the title is empty"));
    }
    let start_ok = check_date(event.date, "date", problems, &record);
    if let Some(end) = event.end {
        let end_ok = check_date(end, "end date", problems, &record);
        if start_ok && end_ok && end.end_day_exclusive() <= event.date.start_day() {
            problems.push(Problem::error(
                record(),
                format!("ends ({end}) before it starts ({})", event.date),
            ));
        }
    }
    for actor in &event.actors {
        if !known.actors.contains(actor.as_str()) {
            problems.push(Problem::error(
                record(),
                format!("names actor {actor:?}, which is not in `actors`"),
            ));
        }
    }
    if let Some(place) = &event.place {
        if let Some(lat) = place.lat
            && !(-90.0..=90.0).contains(&lat)
        {
            problems.push(Problem::error(
                record(),
                format!("latitude {lat} is outside -90 to 90"),
            ));
        }
        if let Some(lon) = place.lon
            && !(-180.0..=180.0).contains(&lon)
        {
            problems.push(Problem::error(
                record(),
                format!("longitude {lon} is outside -180 to 180"),
            ));
        }
    }
    for cite in event.cites.iter().chain(&event.disputed_by) {
        check_cite(cite, known, problems, &record);
    }
    if event.cites.is_empty() {
        problems.push(Problem::warning(
            record(),
            "cites no source: Frontline will show it as unsourced",
        ));
    }
}

fn check_series(dataset: &Dataset, known: &Known<'_>, problems: &mut Vec<Problem>) {
    for (index, series) in dataset.control.iter().enumerate() {
        let label = series.label(&series.actor);
        let record = || Record::Series {
            index,
            label: label.clone(),
        };
        if !known.actors.contains(series.actor.as_str()) {
            problems.push(Problem::error(
                record(),
                format!("names actor {:?}, which is not in `actors`", series.actor),
            ));
        }
        if series.source_org.trim().is_empty() {
            problems.push(Problem::error(record(), "the source organisation is empty"));
        }
        if let ControlUnit::PercentOfArea { base_km2, .. } = &series.unit
            && (!base_km2.is_finite() || *base_km2 <= 0.0)
        {
            problems.push(Problem::error(
                record(),
                format!("base area {base_km2} km² must be a positive number"),
            ));
        }
        if series.points.is_empty() {
            problems.push(Problem::warning(record(), "has no points"));
        }
        check_points(series, index, &label, known, problems);
    }
}

fn check_points(
    series: &ControlSeries,
    series_index: usize,
    label: &str,
    known: &Known<'_>,
    problems: &mut Vec<Problem>,
) {
    let percent = !matches!(series.unit, ControlUnit::SquareKm);
    let mut previous: Option<PartialDate> = None;
    for (index, point) in series.points.iter().enumerate() {
        let record = || Record::Point {
            series: series_index,
            index,
            label: label.to_owned(),
        };
        let date_ok = check_date(point.date, "date", problems, &record);
        if let (true, Some(before)) = (date_ok, previous)
            && point.date <= before
        {
            problems.push(Problem::error(
                    record(),
                    format!(
                        "date {} is not after the previous point's date {before}: points must be in date order, one per date",
                        point.date
                    ),
                ));
        }
        if date_ok {
            previous = Some(point.date);
        }
        for (name, value) in [
            ("value", Some(point.value)),
            ("low", point.low),
            ("high", point.high),
        ] {
            let Some(value) = value else { continue };
            if !value.is_finite() {
                problems.push(Problem::error(
                    record(),
                    format!("{name} {value} is not a finite number"),
                ));
            } else if value < 0.0 {
                problems.push(Problem::error(
                    record(),
                    format!("{name} {value} is negative"),
                ));
            } else if percent && value > 100.0 {
                problems.push(Problem::error(
                    record(),
                    format!("{name} {value} is over 100 percent"),
                ));
            }
        }
        if let Some(low) = point.low.filter(|v| v.is_finite())
            && low > point.value
        {
            problems.push(Problem::error(
                record(),
                format!("low {low} is above the value {}", point.value),
            ));
        }
        if let Some(high) = point.high.filter(|v| v.is_finite())
            && high < point.value
        {
            problems.push(Problem::error(
                record(),
                format!("high {high} is below the value {}", point.value),
            ));
        }
        check_cite(&point.cite, known, problems, &record);
    }
}

fn check_date(
    date: PartialDate,
    what: &str,
    problems: &mut Vec<Problem>,
    record: &impl Fn() -> Record,
) -> bool {
    match date.check() {
        Ok(()) => true,
        Err(why) => {
            problems.push(Problem::error(
                record(),
                format!("{what} {date} is impossible: {why}"),
            ));
            false
        }
    }
}

fn check_cite(
    cite: &Cite,
    known: &Known<'_>,
    problems: &mut Vec<Problem>,
    record: &impl Fn() -> Record,
) {
    if !known.sources.contains(cite.source.as_str()) {
        problems.push(Problem::error(
            record(),
            format!("cites source {:?}, which is not in `sources`", cite.source),
        ));
    }
}

fn duplicate<'a>(
    kind: &str,
    first_index: &mut HashMap<&'a str, usize>,
    id: &'a str,
    index: usize,
) -> Option<String> {
    if id.trim().is_empty() {
        return Some(format!("the {kind} id is empty"));
    }
    match first_index.get(id) {
        Some(first) => Some(format!(
            "duplicate {kind} id {id:?}: {kind} #{} has it already",
            first + 1
        )),
        None => {
            first_index.insert(id, index);
            None
        }
    }
}

/// Whether `url` is an address a browser may open (http or https).
pub fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") && lower.len() > "https://".len())
        || (lower.starts_with("http://") && lower.len() > "http://".len())
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
