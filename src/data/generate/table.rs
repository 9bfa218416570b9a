//! Generated event databases: ACLED, UCDP GED and GDELT 2.0 rows, drawn
//! like the RON datasets, for the importers' tests and benchmarks.

use super::*;

/// Writes a synthetic export in an event database's layout (ACLED or UCDP GED),
/// row by row, so that any size fits in memory: for import tests and benchmarks.
pub fn write_table(
    options: &GenerateOptions,
    layout: crate::data::import::Layout,
    out: &mut dyn Write,
) -> Result<(), String> {
    use crate::data::import::{ACLED_COLUMNS, Layout, UCDP_COLUMNS};
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
        let actor1 = rng.below(actors);
        let actor2 = (actor1 + 1 + rng.below(actors - 1)) % actors;
        let place = rng.below(5000);
        let lat = format!("{:.4}", 30.0 + rng.unit() * 10.0);
        let lon = format!("{:.4}", 35.0 + rng.unit() * 10.0);
        let deaths = if rng.unit() < 0.6 { 0 } else { rng.below(40) };
        let date = PartialDate::from_day_number(day).to_string();
        let notes = format!(
            "On {date}, {} near Place {place}, according to local sources; {} reported.",
            WORDS[rng.below(WORDS.len())],
            WORDS[rng.below(WORDS.len())]
        );
        let row = TableRow {
            n,
            day,
            date,
            actor1,
            actor2,
            place,
            lat,
            lon,
            deaths,
            notes,
            actors,
            publishers,
        };
        let record = match layout {
            Layout::Acled => row.acled(&mut rng),
            Layout::Ucdp => row.ucdp(&mut rng),
            Layout::Gdelt => row.gdelt(&mut rng),
            Layout::Frontline => Vec::new(),
        };
        writer.write_record(&record).map_err(failed)?;
    }
    writer.flush().map_err(|e| e.to_string())
}

/// What the rows of every layout share: drawn first, in one order, so that a
/// seed gives the same events in each layout.
struct TableRow {
    n: usize,
    day: i32,
    date: String,
    actor1: usize,
    actor2: usize,
    place: usize,
    lat: String,
    lon: String,
    deaths: usize,
    notes: String,
    actors: usize,
    publishers: usize,
}

impl TableRow {
    /// The row as ACLED's export has it.
    fn acled(self, rng: &mut SplitMix) -> Vec<String> {
        let Self {
            n,
            date,
            actor1,
            actor2,
            place,
            lat,
            lon,
            deaths,
            notes,
            actors,
            publishers,
            ..
        } = self;
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
            ["National", "Subnational", "International", "New media"][rng.below(4)].to_owned(),
            notes,
            deaths.to_string(),
            String::new(),
            "1700000000".to_owned(),
        ]
    }

    /// The row as UCDP GED's export has it.
    fn ucdp(self, rng: &mut SplitMix) -> Vec<String> {
        use crate::data::import::UCDP_COLUMNS;
        let Self {
            n,
            day,
            date,
            actor1,
            actor2,
            place,
            lat,
            lon,
            deaths,
            notes,
            publishers,
            ..
        } = self;
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

    /// The row as GDELT 2.0's events file has it.
    fn gdelt(self, rng: &mut SplitMix) -> Vec<String> {
        use crate::data::import::GDELT_COLUMNS;
        let Self {
            n,
            date,
            actor1,
            actor2,
            place,
            lat,
            lon,
            publishers,
            ..
        } = self;
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
}
