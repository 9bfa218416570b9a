//! One UCDP GED row as one event. `docs/import.md` has the table of where each
//! column goes; the column numbers below are positions in [`super::UCDP_COLUMNS`].

use super::builder::{Builder, days_between, named_source, parse_day, title};
use super::table::Row;
use crate::data::model::date::PartialDate;
use crate::data::model::{
    Cite, Confidence, Event, EventExtras, Fatalities, Name, Place, PlaceExtras, PlacePrecision,
    Timing,
};
use crate::data::problem::Problem;

const ID: usize = 0;
const TYPE_OF_VIOLENCE: usize = 5;
const CONFLICT_NAME: usize = 8;
const SIDE_A: usize = 14;
const SIDE_B: usize = 17;
const SOURCE_ARTICLE: usize = 19;
const SOURCE_OFFICE: usize = 20;
const SOURCE_DATE: usize = 21;
const SOURCE_HEADLINE: usize = 22;
const SOURCE_ORIGINAL: usize = 23;
const WHERE_PREC: usize = 24;
const WHERE_DESCRIPTION: usize = 26;
const ADM_1: usize = 27;
const ADM_2: usize = 28;
const LATITUDE: usize = 29;
const LONGITUDE: usize = 30;
const COUNTRY: usize = 33;
const EVENT_CLARITY: usize = 36;
const DATE_START: usize = 38;
const DATE_END: usize = 39;
const DEATHS_A: usize = 40;
const DEATHS_B: usize = 41;
const DEATHS_CIVILIANS: usize = 42;
const DEATHS_UNKNOWN: usize = 43;
const BEST: usize = 44;
const HIGH: usize = 45;
const LOW: usize = 46;

/// The publisher named when a row gives no source office.
const NO_OFFICE: &str = "UCDP GED (no source office given)";

pub(super) fn event(row: &Row<'_>, builder: &mut Builder) -> Result<Event, Box<Problem>> {
    row.check_length()?;
    let id = row.required(ID, "the event's id")?.to_owned();
    let kind = match row.text(TYPE_OF_VIOLENCE)? {
        "1" => Some("State-based conflict"),
        "2" => Some("Non-state conflict"),
        "3" => Some("One-sided violence"),
        "" => None,
        other => {
            return Err(row.problem(
                TYPE_OF_VIOLENCE,
                format!("{other:?} is not a type of violence (1, 2 or 3)"),
            ));
        }
    };
    let (start, end, timing) = dates(row)?;
    let precision = precision(row)?;
    let lat = row.number_in(LATITUDE, -90.0..=90.0)?;
    let lon = row.number_in(LONGITUDE, -180.0..=180.0)?;
    let fatalities = fatalities(row)?;

    let mut actors = Vec::new();
    let mut named = Vec::new();
    for column in [SIDE_A, SIDE_B] {
        if let Some(name) = row.optional(column)? {
            let id = builder.actor(name, None);
            if !actors.contains(&id) {
                actors.push(id);
            }
            named.push(name);
        }
    }

    let cites = cites(row, builder)?;

    let mut tags = Vec::new();
    if let Some(conflict) = row.optional(CONFLICT_NAME)? {
        tags.push(conflict.into());
    }
    if row.text(EVENT_CLARITY)? == "2" {
        tags.push("aggregate of several events".into());
    }
    let where_ = row.optional(WHERE_DESCRIPTION)?;
    let title = title(kind.unwrap_or("Event"), &named, " – ", where_);
    let country = row.optional(COUNTRY)?.map(Name::from);
    let place = (where_.is_some() || lat.is_some() || country.is_some()).then(|| Place {
        name: where_
            .or(country.as_deref())
            .unwrap_or("(unnamed place)")
            .into(),
        region: row.optional(ADM_1).ok().flatten().map(Name::from),
        country,
        lat,
        lon,
        extras: PlaceExtras {
            district: row.optional(ADM_2).ok().flatten().map(str::to_owned),
            subdistrict: None,
            precision,
        }
        .boxed(),
    });
    Ok(Event {
        id: id.into(),
        date: start,
        end,
        title,
        summary: String::new(),
        place,
        actors,
        tags,
        confidence: Confidence::Reported,
        cites,
        disputed_by: Vec::new(),
        extras: EventExtras {
            kind: kind.map(str::to_owned),
            subkind: None,
            fatalities,
            timing,
        }
        .boxed(),
    })
}

/// An event's first day, its last when they differ, and its timing then.
type Dates = (PartialDate, Option<PartialDate>, Option<Timing>);

/// The event's first and last day, and its timing when they differ.
fn dates(row: &Row<'_>) -> Result<Dates, Box<Problem>> {
    let start = parse_day(row.required(DATE_START, "the start date")?)
        .map_err(|why| row.problem(DATE_START, why))?;
    let end = match row.optional(DATE_END)? {
        Some(text) => Some(parse_day(text).map_err(|why| row.problem(DATE_END, why))?),
        None => None,
    };
    let (end, timing) = match end {
        Some(end) if days_between(start, end) < 0 => {
            return Err(row.problem(
                DATE_END,
                format!("the event ends ({end}) before it starts ({start})"),
            ));
        }
        Some(end) if end != start => (Some(end), Some(Timing::SometimeBetween)),
        _ => (None, None),
    };
    Ok((start, end, timing))
}

/// How exactly the row places its event (UCDP's `where_prec`, 1 to 7).
fn precision(row: &Row<'_>) -> Result<Option<PlacePrecision>, Box<Problem>> {
    Ok(match row.text(WHERE_PREC)? {
        "" => None,
        "1" => Some(PlacePrecision::Exact),
        "2" => Some(PlacePrecision::Near),
        "3" => Some(PlacePrecision::District),
        "4" => Some(PlacePrecision::Province),
        "6" => Some(PlacePrecision::Country),
        "5" | "7" => Some(PlacePrecision::Other),
        other => {
            return Err(row.problem(
                WHERE_PREC,
                format!("{other:?} is not a place precision (1 to 7)"),
            ));
        }
    })
}

/// The deaths the row counts: its best estimate, low and high, and by side.
fn fatalities(row: &Row<'_>) -> Result<Option<Fatalities>, Box<Problem>> {
    Ok(match row.count(BEST)? {
        Some(best) => Some(Fatalities {
            best,
            low: row.count(LOW)?,
            high: row.count(HIGH)?,
            side_a: row.count(DEATHS_A)?,
            side_b: row.count(DEATHS_B)?,
            civilians: row.count(DEATHS_CIVILIANS)?,
            unknown: row.count(DEATHS_UNKNOWN)?,
        }),
        None => None,
    })
}

/// The row's citations: one per source office, each with the article (or
/// headline and date) and the original source as its note.
fn cites(row: &Row<'_>, builder: &mut Builder) -> Result<Vec<Cite>, Box<Problem>> {
    let article = row.optional(SOURCE_ARTICLE)?;
    let original = row.optional(SOURCE_ORIGINAL)?;
    let headline = row.optional(SOURCE_HEADLINE)?;
    let source_date = row.optional(SOURCE_DATE)?;
    let mut note = String::new();
    if let Some(article) = article {
        note.push_str(article);
    } else if let Some(headline) = headline {
        note.push_str(headline);
        if let Some(date) = source_date {
            note.push_str(&format!(" ({date})"));
        }
    }
    if let Some(original) = original {
        if !note.is_empty() {
            note.push_str("; ");
        }
        note.push_str(&format!("original source: {original}"));
    }
    let offices: Vec<&str> = row
        .text(SOURCE_OFFICE)?
        .split(';')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .collect();
    let offices = if offices.is_empty() {
        vec![NO_OFFICE]
    } else {
        offices
    };
    Ok(offices
        .iter()
        .map(|office| Cite {
            source: builder.source(office, Some("UCDP GED"), |id| {
                named_source(
                    id,
                    office,
                    format!("{office}, as summarised by UCDP GED"),
                    Some("UCDP GED"),
                )
            }),
            note: (!note.is_empty()).then(|| note.clone()),
            quote: None,
        })
        .collect())
}
