//! What rows share: one actor per name and one source per publisher, across the
//! whole file, and the dataset they end up in, with a description that says
//! where it came from and which columns it could not keep.

use std::collections::HashMap;

use super::{ImportSummary, Layout};
use crate::data::date::{PartialDate, days_from_civil};
use crate::data::model::{Actor, Dataset, Events, FORMAT_VERSION, Name, Source, SourceKind};

/// Colours given to imported actors in turn (the app keeps them apart on screen).
const COLORS: [&str; 12] = [
    "#1565c0", "#c62828", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#9e9d24",
    "#4e342e", "#37474f", "#f9a825", "#5e35b1",
];

/// Collects the events of a file and the actors and sources they share.
pub(super) struct Builder {
    layout: Layout,
    /// Events of the good rows, in file order.
    pub events: Events,
    actors: Vec<Actor>,
    actor_by_name: HashMap<String, usize>,
    sources: Vec<Source>,
    source_by_publisher: HashMap<String, usize>,
}

impl Builder {
    pub fn new(layout: Layout) -> Self {
        Self {
            layout,
            events: Events::new(),
            actors: Vec::new(),
            actor_by_name: HashMap::new(),
            sources: Vec::new(),
            source_by_publisher: HashMap::new(),
        }
    }

    pub fn actor_count(&self) -> usize {
        self.actors.len()
    }

    pub fn source_count(&self) -> usize {
        self.sources.len()
    }

    /// The id of the actor with this name, added on first sight with its kind.
    pub fn actor(&mut self, name: &str, kind: Option<&str>) -> Name {
        if let Some(&at) = self.actor_by_name.get(name) {
            if self.actors[at].kind.is_none() {
                self.actors[at].kind = kind.map(str::to_owned);
            }
            return Name::from(self.actors[at].id.as_str());
        }
        let at = self.actors.len();
        let id = format!("actor-{}", at + 1);
        self.actors.push(Actor {
            id: id.clone(),
            name: name.to_owned(),
            short: short_name(name),
            color: COLORS[at % COLORS.len()].to_owned(),
            aliases: Vec::new(),
            kind: kind.map(str::to_owned),
        });
        self.actor_by_name.insert(name.to_owned(), at);
        Name::from(id)
    }

    /// The id of the source for this publisher, made by `make` on first sight;
    /// a scale learnt later fills one not known at first sight.
    pub fn source(
        &mut self,
        publisher: &str,
        scale: Option<&str>,
        make: impl FnOnce(String) -> Source,
    ) -> Name {
        if let Some(&at) = self.source_by_publisher.get(publisher) {
            let source = &mut self.sources[at];
            if source.scale.is_none() {
                source.scale = scale.map(str::to_owned);
            }
            return Name::from(source.id.as_str());
        }
        let at = self.sources.len();
        let id = format!("source-{}", at + 1);
        self.sources.push(make(id.clone()));
        self.source_by_publisher.insert(publisher.to_owned(), at);
        Name::from(id)
    }

    /// The dataset of everything collected.
    pub fn finish(self, summary: &ImportSummary) -> Dataset {
        let (first, last) = self.events.iter().fold(
            (None, None),
            |(lo, hi): (Option<PartialDate>, Option<PartialDate>), e| {
                let end = e.end().unwrap_or(e.date());
                (
                    Some(lo.map_or(e.date(), |d| d.min(e.date()))),
                    Some(hi.map_or(end, |d| d.max(end))),
                )
            },
        );
        let title = match (first, last) {
            (Some(first), Some(last)) => {
                format!("{} export, {first} to {last}", self.layout.name())
            }
            _ => format!("{} export", self.layout.name()),
        };
        let description = summary.description();
        let license = match self.layout {
            Layout::Acled => {
                "ACLED data, under ACLED's terms of use: cite the Armed Conflict Location & Event Data Project (ACLED), acleddata.com."
            }
            Layout::Ucdp => {
                "UCDP Georeferenced Event Dataset, CC BY 4.0: cite Sundberg and Melander (2013) and the dataset's version."
            }
            Layout::Gdelt => {
                "GDELT Project data, free to use with attribution: cite the GDELT Project (gdeltproject.org) and link to it."
            }
            Layout::Frontline => {
                "Events exported by Frontline: each keeps the licence of the dataset it came from and cites its own sources."
            }
        };
        Dataset {
            format: FORMAT_VERSION,
            title,
            description,
            license: license.to_owned(),
            sources: self.sources,
            actors: self.actors,
            events: self.events,
            control: Vec::new(),
            territory: Vec::new(),
        }
    }
}

/// A name for lanes: the name without a trailing parenthesis
/// ("Military Forces of Russia (2000-)" → "Military Forces of Russia").
fn short_name(name: &str) -> String {
    match name.rfind(" (") {
        Some(at) if name.ends_with(')') && at > 0 => name[..at].to_owned(),
        _ => name.to_owned(),
    }
}

/// An event's title from what happened, who took part and where:
/// "Armed clash: A vs B, Kharkiv".
pub(super) fn title(what: &str, who: &[&str], joiner: &str, place: Option<&str>) -> String {
    let who = who.join(joiner);
    match (who.is_empty(), place) {
        (false, Some(place)) => format!("{what}: {who}, {place}"),
        (false, None) => format!("{what}: {who}"),
        (true, Some(place)) => format!("{what}, {place}"),
        (true, None) => what.to_owned(),
    }
}

/// A source that an event database names only by its publisher.
pub(super) fn named_source(
    id: String,
    publisher: &str,
    title: String,
    scale: Option<&str>,
) -> Source {
    Source {
        id,
        publisher: publisher.to_owned(),
        title,
        url: None,
        published: None,
        language: None,
        kind: SourceKind::Other,
        scale: scale.map(str::to_owned),
    }
}

/// A day as the exports write it: `2023-01-31` (also followed by a time, as in
/// `2017-06-30 00:00:00.000`) or `31 January 2023`.
pub(super) fn parse_day(text: &str) -> Result<PartialDate, String> {
    let text = text.trim();
    let iso = text.get(..10).filter(|head| {
        head.as_bytes().get(4) == Some(&b'-')
            && head.as_bytes().get(7) == Some(&b'-')
            && text[10..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ' || c == 'T')
    });
    let (year, month, day) = if let Some(head) = iso {
        let number = |s: &str| {
            s.parse::<u32>()
                .map_err(|_| format!("{text:?} is not a date"))
        };
        (
            number(&head[..4])?,
            number(&head[5..7])?,
            number(&head[8..10])?,
        )
    } else {
        let mut parts = text.split([' ', '-']).filter(|p| !p.is_empty());
        let (Some(day), Some(month), Some(year), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(format!(
                "{text:?} is not a date (expected 2023-01-31 or 31 January 2023)"
            ));
        };
        let month = month_number(month).ok_or_else(|| format!("{month:?} is not a month"))?;
        let number = |s: &str| {
            s.parse::<u32>()
                .map_err(|_| format!("{text:?} is not a date"))
        };
        (number(year)?, month, number(day)?)
    };
    let (Ok(year), Ok(month), Ok(day)) =
        (i16::try_from(year), u8::try_from(month), u8::try_from(day))
    else {
        return Err(format!("{text:?} is not a date"));
    };
    let date = PartialDate::day(year, month, day);
    date.check()
        .map_err(|why| format!("{text:?} does not exist: {why}"))?;
    Ok(date)
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() == 3 && m.starts_with(&lower)))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Days between two dates (`to` minus `from`).
pub(super) fn days_between(from: PartialDate, to: PartialDate) -> i32 {
    let day = |d: PartialDate| {
        days_from_civil(
            i32::from(d.year_number()),
            d.month_number().unwrap_or(1),
            d.day_number().unwrap_or(1),
        )
    };
    day(to) - day(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_date_styles_are_read_and_impossible_days_refused() {
        let day = PartialDate::day(2023, 1, 31);
        assert_eq!(parse_day("2023-01-31"), Ok(day));
        assert_eq!(parse_day("31 January 2023"), Ok(day));
        assert_eq!(parse_day("31-Jan-2023"), Ok(day));
        assert_eq!(parse_day("2023-01-31 00:00:00.000"), Ok(day));
        assert!(parse_day("31 February 2023").is_err());
        assert!(parse_day("2023-02-29").is_err());
        assert!(parse_day("yesterday").is_err());
        assert!(parse_day("").is_err());
    }

    #[test]
    fn short_names_drop_a_trailing_parenthesis() {
        assert_eq!(
            short_name("Military Forces of Russia (2000-)"),
            "Military Forces of Russia"
        );
        assert_eq!(short_name("IS"), "IS");
        assert_eq!(short_name("(weird)"), "(weird)");
    }
}
