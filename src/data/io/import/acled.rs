//! One ACLED row as one event. `docs/import.md` has the table of where each
//! column goes; the column numbers below are positions in [`super::ACLED_COLUMNS`].

use super::builder::{Builder, named_source, parse_day, title};
use super::table::Row;
use crate::data::date::PartialDate;
use crate::data::model::{
    Cite, Confidence, Event, EventExtras, Fatalities, Name, Place, PlaceExtras, PlacePrecision,
    Timing,
};
use crate::data::problem::Problem;

const EVENT_ID: usize = 0;
const EVENT_DATE: usize = 1;
const TIME_PRECISION: usize = 3;
const DISORDER_TYPE: usize = 4;
const EVENT_TYPE: usize = 5;
const SUB_EVENT_TYPE: usize = 6;
const ACTOR1: usize = 7;
const ASSOC_ACTOR_1: usize = 8;
const INTER1: usize = 9;
const ACTOR2: usize = 10;
const ASSOC_ACTOR_2: usize = 11;
const INTER2: usize = 12;
const CIVILIAN_TARGETING: usize = 14;
const COUNTRY: usize = 17;
const ADMIN1: usize = 18;
const ADMIN2: usize = 19;
const ADMIN3: usize = 20;
const LOCATION: usize = 21;
const LATITUDE: usize = 22;
const LONGITUDE: usize = 23;
const GEO_PRECISION: usize = 24;
const SOURCE: usize = 25;
const SOURCE_SCALE: usize = 26;
const NOTES: usize = 27;
const FATALITIES: usize = 28;
const TAGS: usize = 29;

/// ACLED's actor types, by the numbers older exports use.
pub const ACTOR_TYPES: [&str; 8] = [
    "State forces",
    "Rebel groups",
    "Political militias",
    "Identity militias",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
];

/// An actor type as the export gives it: a number (older exports) or the words.
fn actor_type(text: &str) -> Option<String> {
    match text.parse::<usize>() {
        Ok(0) => None,
        Ok(n) => Some(
            ACTOR_TYPES
                .get(n - 1)
                .map_or_else(|| format!("type {n}"), |t| (*t).to_owned()),
        ),
        Err(_) => (!text.is_empty()).then(|| text.to_owned()),
    }
}

/// Names separated by "; ", without empty ones.
fn names(text: &str) -> impl Iterator<Item = &str> {
    text.split(';').map(str::trim).filter(|n| !n.is_empty())
}

pub(super) fn event(row: &Row<'_>, builder: &mut Builder) -> Result<Event, Box<Problem>> {
    row.check_length()?;
    let id = row
        .required(EVENT_ID, "the event's id (event_id_cnty)")?
        .to_owned();
    let day = parse_day(row.required(EVENT_DATE, "the date")?)
        .map_err(|why| row.problem(EVENT_DATE, why))?;
    let (date, timing) = match row.text(TIME_PRECISION)? {
        "" | "1" => (day, None),
        "2" => (day, Some(Timing::WithinWeek)),
        "3" => (
            PartialDate::month(day.year_number(), day.month_number().unwrap_or(1)),
            None,
        ),
        other => {
            return Err(row.problem(
                TIME_PRECISION,
                format!("{other:?} is not a time precision (1, 2 or 3)"),
            ));
        }
    };
    let precision = precision(row)?;
    let lat = row.number_in(LATITUDE, -90.0..=90.0)?;
    let lon = row.number_in(LONGITUDE, -180.0..=180.0)?;
    let fatalities = row.count(FATALITIES)?.map(Fatalities::best_only);

    let (actors, named) = actors(row, builder)?;

    let cites = cites(row, builder)?;

    let mut tags: Vec<Name> = Vec::new();
    if let Some(disorder) = row.optional(DISORDER_TYPE)? {
        tags.push(disorder.into());
    }
    if row.optional(CIVILIAN_TARGETING)?.is_some() {
        tags.push("civilian targeting".into());
    }
    tags.extend(names(row.text(TAGS)?).map(Name::from));

    let kind = row.optional(EVENT_TYPE)?.map(str::to_owned);
    let subkind = row.optional(SUB_EVENT_TYPE)?.map(str::to_owned);
    let location = row.optional(LOCATION)?;
    let what = subkind.as_deref().or(kind.as_deref()).unwrap_or("Event");
    let title = title(what, &named, " vs ", location);
    let region = row.optional(ADMIN1)?.map(Name::from);
    let district = row.optional(ADMIN2)?.map(str::to_owned);
    let subdistrict = row.optional(ADMIN3)?.map(str::to_owned);
    let country = row.optional(COUNTRY)?.map(Name::from);
    let place = (location.is_some() || lat.is_some() || country.is_some()).then(|| Place {
        name: location
            .or(country.as_deref())
            .unwrap_or("(unnamed place)")
            .into(),
        region,
        country,
        lat,
        lon,
        extras: PlaceExtras {
            district,
            subdistrict,
            precision,
        }
        .boxed(),
    });
    Ok(Event {
        id: id.into(),
        date,
        end: None,
        title,
        summary: row.text(NOTES)?.to_owned(),
        place,
        actors,
        tags,
        confidence: Confidence::Reported,
        cites,
        disputed_by: Vec::new(),
        extras: EventExtras {
            kind,
            subkind,
            fatalities,
            timing,
        }
        .boxed(),
    })
}

/// How exactly the row places its event (ACLED's `geo_precision`, 1 to 3).
fn precision(row: &Row<'_>) -> Result<Option<PlacePrecision>, Box<Problem>> {
    Ok(match row.text(GEO_PRECISION)? {
        "" => None,
        "1" => Some(PlacePrecision::Exact),
        "2" => Some(PlacePrecision::Near),
        "3" => Some(PlacePrecision::Province),
        other => {
            return Err(row.problem(
                GEO_PRECISION,
                format!("{other:?} is not a geographic precision (1, 2 or 3)"),
            ));
        }
    })
}

/// The actors the row names (the two sides with their types, then the
/// associated actors, each once), and the two sides' names for the title.
fn actors<'r>(
    row: &'r Row<'r>,
    builder: &mut Builder,
) -> Result<(Vec<Name>, Vec<&'r str>), Box<Problem>> {
    let mut actors = Vec::new();
    let mut named = Vec::new();
    for (column, inter) in [(ACTOR1, INTER1), (ACTOR2, INTER2)] {
        if let Some(name) = row.optional(column)? {
            let kind = actor_type(row.text(inter)?);
            actors.push(builder.actor(name, kind.as_deref()));
            named.push(name);
        }
    }
    for column in [ASSOC_ACTOR_1, ASSOC_ACTOR_2] {
        for name in names(row.text(column)?) {
            let id = builder.actor(name, None);
            if !actors.contains(&id) {
                actors.push(id);
            }
        }
    }
    Ok((actors, named))
}

/// The row's citations: one per publisher, with the scale of its sources
/// (on the source when one publisher is named, else in each note).
fn cites(row: &Row<'_>, builder: &mut Builder) -> Result<Vec<Cite>, Box<Problem>> {
    let scale = row.optional(SOURCE_SCALE)?;
    let publishers: Vec<&str> = names(row.text(SOURCE)?).collect();
    let single = publishers.len() == 1;
    Ok(publishers
        .iter()
        .map(|publisher| {
            let source = builder.source(publisher, if single { scale } else { None }, |id| {
                named_source(
                    id,
                    publisher,
                    format!("{publisher}, as cited by ACLED"),
                    if single { scale } else { None },
                )
            });
            Cite {
                source,
                note: match (single, scale) {
                    (false, Some(scale)) => Some(format!(
                        "ACLED gives the scale of this event's sources as {scale}"
                    )),
                    _ => None,
                },
                quote: None,
            }
        })
        .collect())
}
