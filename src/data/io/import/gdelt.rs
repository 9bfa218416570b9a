//! One GDELT 2.0 event row as one event. GDELT is machine-coded from the news:
//! each row says who did what to whom by CAMEO codes, where, and which
//! article first reported it. `docs/import.md` has the table of where each
//! column goes; the column numbers below are positions in
//! [`super::GDELT_COLUMNS`].

use super::builder::{Builder, title};
use super::table::Row;
use crate::data::date::PartialDate;
use crate::data::model::{
    Cite, Confidence, Event, EventExtras, Name, Place, PlaceExtras, PlacePrecision, Source,
    SourceKind,
};
use crate::data::problem::Problem;

const GLOBALEVENTID: usize = 0;
const SQLDATE: usize = 1;
const ACTOR1CODE: usize = 5;
const ACTOR1NAME: usize = 6;
const ACTOR1TYPE1CODE: usize = 12;
const ACTOR2CODE: usize = 15;
const ACTOR2NAME: usize = 16;
const ACTOR2TYPE1CODE: usize = 22;
const EVENTCODE: usize = 26;
const EVENTBASECODE: usize = 27;
const EVENTROOTCODE: usize = 28;
const QUADCLASS: usize = 29;
const GOLDSTEINSCALE: usize = 30;
const NUMMENTIONS: usize = 31;
const NUMSOURCES: usize = 32;
const NUMARTICLES: usize = 33;
const AVGTONE: usize = 34;
const ACTIONGEO_TYPE: usize = 51;
const ACTIONGEO_FULLNAME: usize = 52;
const ACTIONGEO_COUNTRYCODE: usize = 53;
const ACTIONGEO_ADM1CODE: usize = 54;
const ACTIONGEO_LAT: usize = 56;
const ACTIONGEO_LONG: usize = 57;
const SOURCEURL: usize = 60;

/// Which rows an import keeps, decided before a row becomes an event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GdeltFilter {
    /// Only these QuadClass values (4: material conflict).
    pub quad: Vec<u8>,
    /// Only these CAMEO root codes ("18", "19", "20").
    pub roots: Vec<String>,
}

impl GdeltFilter {
    /// Whether the filter keeps every row.
    pub fn is_empty(&self) -> bool {
        self.quad.is_empty() && self.roots.is_empty()
    }

    /// Whether a row passes: read from two fields, nothing else parsed.
    pub(super) fn keeps(&self, row: &Row<'_>) -> bool {
        let quad_ok = self.quad.is_empty()
            || row
                .text(QUADCLASS)
                .ok()
                .and_then(|t| t.parse::<u8>().ok())
                .is_some_and(|q| self.quad.contains(&q));
        let root_ok = self.roots.is_empty()
            || row
                .text(EVENTROOTCODE)
                .ok()
                .is_some_and(|r| self.roots.iter().any(|k| root_matches(k, r)));
        quad_ok && root_ok
    }
}

/// Whether a root code matches one asked for, leading zeros aside ("4" = "04").
fn root_matches(asked: &str, code: &str) -> bool {
    asked.trim_start_matches('0') == code.trim_start_matches('0')
}

/// The 20 CAMEO root codes' names.
const ROOTS: [&str; 20] = [
    "Make public statement",
    "Appeal",
    "Express intent to cooperate",
    "Consult",
    "Engage in diplomatic cooperation",
    "Engage in material cooperation",
    "Provide aid",
    "Yield",
    "Investigate",
    "Demand",
    "Disapprove",
    "Reject",
    "Threaten",
    "Protest",
    "Exhibit force posture",
    "Reduce relations",
    "Coerce",
    "Assault",
    "Fight",
    "Use unconventional mass violence",
];

/// The names of the CAMEO codes of violence (roots 18, 19 and 20), the ones
/// conflict research keeps; other codes are named by their root.
const VIOLENCE: [(&str, &str); 21] = [
    ("180", "Use unconventional violence"),
    ("181", "Abduct, hijack or take hostage"),
    ("182", "Physically assault"),
    ("183", "Conduct suicide, car or other non-military bombing"),
    ("184", "Use as human shield"),
    ("185", "Attempt to assassinate"),
    ("186", "Assassinate"),
    ("190", "Use conventional military force"),
    ("191", "Impose blockade, restrict movement"),
    ("192", "Occupy territory"),
    ("193", "Fight with small arms and light weapons"),
    ("194", "Fight with artillery and tanks"),
    ("195", "Employ aerial weapons"),
    ("196", "Violate ceasefire"),
    ("200", "Use unconventional mass violence"),
    ("201", "Engage in mass expulsion"),
    ("202", "Engage in mass killings"),
    ("203", "Engage in ethnic cleansing"),
    ("204", "Use weapons of mass destruction"),
    ("2041", "Use chemical, biological or radiological weapons"),
    ("2042", "Detonate nuclear weapons"),
];

/// CAMEO actor roles, by their type codes.
const ROLES: [(&str, &str); 16] = [
    ("GOV", "Government"),
    ("MIL", "Military"),
    ("REB", "Rebels"),
    ("INS", "Insurgents"),
    ("SEP", "Separatists"),
    ("COP", "Police"),
    ("CVL", "Civilians"),
    ("REF", "Refugees"),
    ("MED", "Media"),
    ("NGO", "Non-governmental organisation"),
    ("IGO", "Intergovernmental organisation"),
    ("OPP", "Political opposition"),
    ("UAF", "Unidentified armed forces"),
    ("SPY", "State intelligence"),
    ("JUD", "Judiciary"),
    ("LEG", "Legislature"),
];

/// QuadClass, in words.
fn quad_name(quad: &str) -> Option<&'static str> {
    match quad {
        "1" => Some("verbal cooperation"),
        "2" => Some("material cooperation"),
        "3" => Some("verbal conflict"),
        "4" => Some("material conflict"),
        _ => None,
    }
}

/// A root code's name ("19" → "Fight").
fn root_name(root: &str) -> Option<&'static str> {
    let n: usize = root.parse().ok()?;
    ROOTS.get(n.checked_sub(1)?).copied()
}

/// An event code's name, its own for codes of violence, else its root's.
fn code_name(code: &str, base: &str) -> Option<&'static str> {
    VIOLENCE
        .iter()
        .find(|(c, _)| *c == code)
        .or_else(|| VIOLENCE.iter().find(|(c, _)| *c == base))
        .map(|(_, name)| *name)
}

/// The web host of an address ("https://www.bbc.co.uk/news/…" → "bbc.co.uk"),
/// or `None` when the text is not an address (GDELT sometimes gives a name).
fn web_host(text: &str) -> Option<String> {
    let url = url::Url::parse(text).ok()?;
    let host = url.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_owned())
}

pub(super) fn event(row: &Row<'_>, builder: &mut Builder) -> Result<Event, Box<Problem>> {
    row.check_length()?;
    let id = row.required(GLOBALEVENTID, "the event's id (GLOBALEVENTID)")?;
    if !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(row.problem(
            GLOBALEVENTID,
            format!("{id:?} is not a GDELT event id (a whole number)"),
        ));
    }
    let date = sql_date(row.required(SQLDATE, "the date (SQLDATE)")?)
        .map_err(|why| row.problem(SQLDATE, why))?;
    let code = row.text(EVENTCODE)?;
    let base = row.text(EVENTBASECODE)?;
    let root = row.text(EVENTROOTCODE)?;
    let quad = row.text(QUADCLASS)?;
    let kind = root_name(root).map(str::to_owned);
    let subkind = (!code.is_empty()).then(|| match code_name(code, base) {
        Some(name) => format!("{name} (CAMEO {code})"),
        None => format!("CAMEO {code}"),
    });

    let mut actors = Vec::new();
    let mut named = Vec::new();
    for (name_at, code_at, type_at) in [
        (ACTOR1NAME, ACTOR1CODE, ACTOR1TYPE1CODE),
        (ACTOR2NAME, ACTOR2CODE, ACTOR2TYPE1CODE),
    ] {
        let role = row
            .optional(type_at)?
            .map(|t| ROLES.iter().find(|(c, _)| *c == t).map_or(t, |(_, n)| *n));
        // An actor with no name is grouped under its CAMEO code ("SYRMIL").
        let name = match (row.optional(name_at)?, row.optional(code_at)?) {
            (Some(name), _) => Some(name.to_owned()),
            (None, Some(code)) => Some(format!("{code} (CAMEO code, no name given)")),
            (None, None) => None,
        };
        if let Some(name) = name {
            let id = builder.actor(&name, role);
            if !actors.contains(&id) {
                actors.push(id);
            }
            named.push(name);
        }
    }

    let place = place(row)?;
    let cites = vec![cite(row, builder)?];
    let mut tags: Vec<Name> = Vec::new();
    if let Some(quad) = quad_name(quad) {
        tags.push(quad.into());
    }
    let mut facts = vec!["Machine-coded by GDELT from the news.".to_owned()];
    if let Some(goldstein) = row.number_in(GOLDSTEINSCALE, -10.0..=10.0)? {
        facts.push(format!("Goldstein scale {goldstein:+.1}."));
    }
    if let Some(tone) = row.number_in(AVGTONE, -100.0..=100.0)? {
        facts.push(format!("Average tone {tone:+.2}."));
    }
    let coverage: Vec<String> = [
        (NUMSOURCES, "source"),
        (NUMARTICLES, "article"),
        (NUMMENTIONS, "mention"),
    ]
    .into_iter()
    .map(|(at, what)| {
        Ok(row
            .count(at)?
            .map(|n| format!("{n} {what}{}", if n == 1 { "" } else { "s" })))
    })
    .collect::<Result<Vec<_>, Box<Problem>>>()?
    .into_iter()
    .flatten()
    .collect();
    if !coverage.is_empty() {
        facts.push(format!("In its first 15 minutes: {}.", coverage.join(", ")));
    }
    let names: Vec<&str> = named.iter().map(String::as_str).collect();
    let what = subkind.as_deref().or(kind.as_deref()).unwrap_or("Event");
    let title = title(what, &names, " – ", place.as_ref().map(|p| p.name.as_str()));
    Ok(Event {
        id: format!("gdelt-{id}").into(),
        date,
        end: None,
        title,
        summary: facts.join(" "),
        place,
        actors,
        tags,
        confidence: Confidence::Reported,
        cites,
        disputed_by: Vec::new(),
        extras: EventExtras {
            kind,
            subkind,
            fatalities: None,
            timing: None,
        }
        .boxed(),
    })
}

/// `YYYYMMDD` as a day (BigQuery writes it as a number, the files as text).
fn sql_date(text: &str) -> Result<PartialDate, String> {
    let digits = text.strip_suffix(".0").unwrap_or(text);
    let bad = || format!("{text:?} is not a date as YYYYMMDD");
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let year: i16 = digits[..4].parse().map_err(|_| bad())?;
    let month: u8 = digits[4..6].parse().map_err(|_| bad())?;
    let day: u8 = digits[6..].parse().map_err(|_| bad())?;
    let date = PartialDate::day(year, month, day);
    date.check().map_err(|err| format!("{text:?}: {err}"))?;
    Ok(date)
}

/// ActionGeo as the place: "Aleppo, Halab, Syria" read as place, province,
/// country; its type as how closely it is known.
fn place(row: &Row<'_>) -> Result<Option<Place>, Box<Problem>> {
    let full = row.optional(ACTIONGEO_FULLNAME)?;
    let lat = row.number_in(ACTIONGEO_LAT, -90.0..=90.0)?;
    let lon = row.number_in(ACTIONGEO_LONG, -180.0..=180.0)?;
    if full.is_none() && lat.is_none() {
        return Ok(None);
    }
    let precision = match row.text(ACTIONGEO_TYPE)? {
        "1" => Some(PlacePrecision::Country),
        "2" | "5" => Some(PlacePrecision::Province),
        "3" | "4" => Some(PlacePrecision::Exact),
        "" => None,
        other => {
            return Err(row.problem(
                ACTIONGEO_TYPE,
                format!("{other:?} is not a GDELT place type (1 to 5)"),
            ));
        }
    };
    let parts: Vec<&str> = full
        .map(|f| {
            f.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let country = parts
        .last()
        .map(|c| (*c).to_owned())
        .or(row.optional(ACTIONGEO_COUNTRYCODE)?.map(str::to_owned));
    let region = match parts.len() {
        3.. => Some(parts[parts.len() - 2].to_owned()),
        2 if precision == Some(PlacePrecision::Province) => Some(parts[0].to_owned()),
        _ => row.optional(ACTIONGEO_ADM1CODE)?.map(str::to_owned),
    };
    Ok(Some(Place {
        name: parts
            .first()
            .copied()
            .or(country.as_deref())
            .unwrap_or("(unnamed place)")
            .into(),
        region: region.map(Name::from),
        country: country.map(Name::from),
        lat,
        lon,
        extras: PlaceExtras {
            district: None,
            subdistrict: None,
            precision,
        }
        .boxed(),
    }))
}

/// SOURCEURL as the citation: one source per article, its publisher the web
/// host; a name given instead of an address is the publisher itself.
fn cite(row: &Row<'_>, builder: &mut Builder) -> Result<Cite, Box<Problem>> {
    let text = row.optional(SOURCEURL)?.unwrap_or("(no source given)");
    let host = web_host(text);
    let source = builder.source(text, None, |id| Source {
        id,
        publisher: host.clone().unwrap_or_else(|| text.to_owned()),
        title: match &host {
            Some(host) => format!("Article at {host}, as coded by GDELT"),
            None => format!("{text}, as coded by GDELT"),
        },
        url: host.as_ref().map(|_| text.to_owned()),
        published: None,
        language: None,
        kind: if host.is_some() {
            SourceKind::NewsOutlet
        } else {
            SourceKind::Other
        },
        scale: None,
    });
    Ok(Cite {
        source,
        note: None,
        quote: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_named_and_addresses_give_their_host() {
        assert_eq!(root_name("19"), Some("Fight"));
        assert_eq!(root_name("01"), Some("Make public statement"));
        assert_eq!(root_name("21"), None);
        assert_eq!(
            code_name("193", "193"),
            Some("Fight with small arms and light weapons")
        );
        assert_eq!(code_name("1951", "195"), Some("Employ aerial weapons"));
        assert_eq!(code_name("0231", "023"), None);
        assert_eq!(
            web_host("https://www.bbc.co.uk/news/x"),
            Some("bbc.co.uk".to_owned())
        );
        assert_eq!(web_host("BBC Monitoring"), None);
        assert!(root_matches("4", "04") && root_matches("18", "18") && !root_matches("1", "18"));
        assert_eq!(
            sql_date("20170610").map(|d| d.to_string()),
            Ok("2017-06-10".to_owned())
        );
        assert_eq!(
            sql_date("20170610.0").map(|d| d.to_string()),
            Ok("2017-06-10".to_owned())
        );
        assert!(sql_date("20170231").is_err());
        assert!(sql_date("2017061").is_err());
    }
}
