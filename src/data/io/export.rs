//! Taking work out of Frontline: the events on show and the series' figures as
//! CSV that a spreadsheet reads, written so that nothing is ever half-written and
//! the dataset itself is never touched.
//!
//! Every cell that a spreadsheet would run as a formula (one starting with `=`,
//! `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so that a
//! hostile title cannot run in a reader's spreadsheet. Numbers are written as
//! numbers.

use std::io::Write;
use std::path::Path;

use crate::data::derived::filter::EventFilter;
use crate::data::derived::index::EventOrder;
use crate::data::derived::search::TextQuery;
use crate::data::derived::span::{TimeSpan, events_in};
pub use crate::data::io::atomic_write::{WriteError, write_atomically};
use crate::data::loaded::LoadedDataset;
use crate::data::model::{CiteRef, ControlSeries, ControlUnit, EventRef, Source};

/// A text cell, made safe for spreadsheets.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn number(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The five columns of one citation: publisher, title, date, address, note.
fn cite_cells(loaded: &LoadedDataset, cite: Option<CiteRef<'_>>) -> [String; 5] {
    let Some(cite) = cite else {
        return Default::default();
    };
    let source = cited_source(loaded, cite);
    let note = match (cite.note(), cite.quote()) {
        (Some(note), Some(quote)) => format!("{note} — “{quote}”"),
        (Some(note), None) => note.to_owned(),
        (None, Some(quote)) => format!("“{quote}”"),
        (None, None) => String::new(),
    };
    match source {
        Some(s) => [
            cell(&s.publisher),
            cell(&s.title),
            s.published.map(|d| d.to_string()).unwrap_or_default(),
            cell(s.url.as_deref().unwrap_or_default()),
            cell(&note),
        ],
        None => [
            cell(cite.source()),
            String::new(),
            String::new(),
            String::new(),
            cell(&note),
        ],
    }
}

/// What every CSV Frontline writes begins with: UTF-8's byte-order mark, so that
/// spreadsheet programs read "km²" and "Bāghūz" as written instead of guessing a
/// legacy encoding. pandas, R's readr and the csv crate skip it; Python's csv
/// module reads it with `encoding="utf-8-sig"`, R's `read.csv` with
/// `fileEncoding = "UTF-8-BOM"` (docs/dataset-format.md says so).
pub const CSV_BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// Writes `events` (indices, in the order given) as CSV: one row per event, its
/// citations and the sources disputing it in numbered columns.
pub fn write_events_csv(
    loaded: &LoadedDataset,
    events: &[usize],
    mut out: impl Write,
) -> csv::Result<()> {
    out.write_all(CSV_BYTE_ORDER_MARK)?;
    let dataset = &loaded.dataset;
    let chosen: Vec<EventRef<'_>> = events
        .iter()
        .filter_map(|&e| dataset.events.get(e))
        .collect();
    let most_cites = chosen
        .iter()
        .map(|e| e.cites().len())
        .max()
        .unwrap_or(0)
        .max(1);
    let most_disputes = chosen
        .iter()
        .map(|e| e.disputed_by().len())
        .max()
        .unwrap_or(0);
    let mut writer = csv::Writer::from_writer(out);
    let mut header: Vec<String> = [
        "id",
        "start",
        "end",
        "date_precision",
        "title",
        "summary",
        "actors",
        "place",
        "region",
        "country",
        "latitude",
        "longitude",
        "confidence",
        "tags",
        "kind",
        "subkind",
        "fatalities_best",
        "fatalities_low",
        "fatalities_high",
        "timing",
        "district",
        "place_precision",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for (prefix, count) in [("citation", most_cites), ("disputed_by", most_disputes)] {
        for n in 1..=count {
            for field in ["publisher", "title", "date", "address", "note"] {
                header.push(format!("{prefix}_{n}_{field}"));
            }
        }
    }
    writer.write_record(&header)?;
    for (&index, event) in events.iter().zip(&chosen) {
        let actors: Vec<&str> = loaded
            .index
            .actors_of(index)
            .iter()
            .filter_map(|&a| dataset.actors.get(a as usize))
            .map(|a| a.name.as_str())
            .collect();
        let place = event.place();
        let mut row = vec![
            cell(event.id()),
            event.date().to_string(),
            event.end().map(|d| d.to_string()).unwrap_or_default(),
            format!("{:?}", event.date().precision()).to_lowercase(),
            cell(event.title()),
            cell(event.summary()),
            cell(&actors.join("; ")),
            cell(place.map(|p| p.name()).unwrap_or_default()),
            cell(place.and_then(|p| p.region()).unwrap_or_default()),
            cell(place.and_then(|p| p.country()).unwrap_or_default()),
            number(place.and_then(|p| p.lat())),
            number(place.and_then(|p| p.lon())),
            event.confidence().label().to_owned(),
            cell(&event.tags().join("; ")),
            cell(event.kind().unwrap_or_default()),
            cell(event.subkind().unwrap_or_default()),
            count(event.fatalities().map(|f| f.best)),
            count(event.fatalities().and_then(|f| f.low)),
            count(event.fatalities().and_then(|f| f.high)),
            event.timing().map(|t| format!("{t:?}")).unwrap_or_default(),
            cell(place.and_then(|p| p.district()).unwrap_or_default()),
            place
                .and_then(|p| p.precision())
                .map(|p| format!("{p:?}"))
                .unwrap_or_default(),
        ];
        for (cites, count) in [
            (event.cites(), most_cites),
            (event.disputed_by(), most_disputes),
        ] {
            for n in 0..count {
                row.extend(cite_cells(loaded, cites.get(n)));
            }
        }
        writer.write_record(&row)?;
    }
    writer.flush()?;
    Ok(())
}

/// The source a citation names, when the dataset has it.
pub(crate) fn cited_source<'a>(loaded: &'a LoadedDataset, cite: CiteRef<'_>) -> Option<&'a Source> {
    loaded
        .index
        .source_by_id
        .get(cite.source())
        .and_then(|&i| loaded.dataset.sources.get(i))
}

/// A series' actor by name (its id when the actor is unknown).
pub(crate) fn series_actor_name<'a>(
    loaded: &'a LoadedDataset,
    series: &'a ControlSeries,
) -> &'a str {
    loaded
        .index
        .actor_by_id
        .get(&series.actor)
        .and_then(|&a| loaded.dataset.actors.get(a))
        .map_or(series.actor.as_str(), |a| a.name.as_str())
}

/// A series' unit as an export writes it: "km²", "% of Syria (185,180 km²)".
pub(crate) fn unit_text(unit: &ControlUnit) -> String {
    match unit {
        ControlUnit::SquareKm => "km²".to_owned(),
        ControlUnit::PercentOfArea { base, base_km2 } => format!("% of {base} ({base_km2} km²)"),
        ControlUnit::PercentOfReference { base } => format!("% of {base}"),
    }
}

/// A count, or an empty cell.
fn count(n: Option<u32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// Writes every figure of every series as CSV, one row per figure.
pub fn write_series_csv(loaded: &LoadedDataset, mut out: impl Write) -> csv::Result<()> {
    out.write_all(CSV_BYTE_ORDER_MARK)?;
    let dataset = &loaded.dataset;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "series",
        "actor",
        "organisation",
        "scope",
        "unit",
        "measure",
        "date",
        "value",
        "low",
        "high",
        "confidence",
        "citation_publisher",
        "citation_title",
        "citation_date",
        "citation_address",
        "citation_note",
        "computed",
    ])?;
    for (index, series) in loaded.index.all_series(dataset).enumerate() {
        let computed = if loaded.index.is_computed(dataset, index) {
            "yes"
        } else {
            "no"
        };
        let actor = series_actor_name(loaded, series);
        let unit = unit_text(&series.unit);
        for point in &series.points {
            let mut row = vec![
                cell(&series.label(&series.actor)),
                cell(actor),
                cell(&series.source_org),
                cell(&series.scope),
                cell(&unit),
                format!("{:?}", series.measure).to_lowercase(),
                point.date.to_string(),
                number(Some(point.value)),
                number(point.low),
                number(point.high),
                point.confidence.label().to_owned(),
            ];
            row.extend(cite_cells(loaded, Some(point.cite.read())));
            row.push(computed.to_owned());
            writer.write_record(&row)?;
        }
    }
    writer.flush()?;
    Ok(())
}

/// The events an export holds, in date order: those the filter lets through,
/// matching `search` when one is given, starting inside `span` when one is
/// given. The app and `frontline export` both choose events this way.
pub fn chosen_events(
    loaded: &LoadedDataset,
    filter: &EventFilter,
    search: Option<&str>,
    span: Option<TimeSpan>,
) -> Vec<usize> {
    let filtered;
    let order: &EventOrder = if filter.is_empty() {
        &loaded.index.order
    } else {
        filtered = filter
            .apply(loaded, &loaded.index.order, &|| false)
            .unwrap_or_default();
        &filtered
    };
    let query = search.and_then(|q| TextQuery::new(q, loaded));
    let matches = |&e: &usize| query.as_ref().is_none_or(|q| q.matches(loaded, e));
    match span {
        // The span's events as the span panel lists them: those going on at its
        // start, then those that start in it.
        Some(span) => events_in(&loaded.index, order, span)
            .iter(order)
            .map(|(e, _)| e)
            .filter(matches)
            .collect(),
        None => order
            .chronological
            .iter()
            .map(|&e| e as usize)
            .filter(matches)
            .collect(),
    }
}

/// Writes an RGBA image (`width` × `height`, 4 bytes a pixel) as a PNG file,
/// whole or not at all, never over `dataset`.
pub fn write_png(
    path: &Path,
    dataset: Option<&Path>,
    (width, height): (u32, u32),
    rgba: &[u8],
) -> Result<(), WriteError> {
    write_atomically(path, dataset, |w| {
        let mut encoder = png::Encoder::new(w, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(rgba)?;
        writer.finish()
    })
}
