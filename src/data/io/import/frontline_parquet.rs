//! Opening a Parquet file of Frontline's own layout: the events table that
//! `frontline export --parquet` writes (and that DuckDB, pandas or Spark may
//! have filtered and written back), so that a slice cut in an engine returns
//! to the app with its actors, places, deaths and citations. Actors are found
//! again by name and sources by their publisher, title, date and address.
//! A row that cannot be read whole is reported by its number and left out.

use std::collections::HashMap;
use std::fs::File;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type};
use arrow_array::{Array, ArrayRef, RecordBatch, StructArray};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use super::builder::Builder;

use crate::data::date::PartialDate;
use crate::data::load::LoadFailure;
use crate::data::model::{
    Cite, Confidence, Event, EventExtras, Fatalities, Name, Place, PlaceExtras, PlacePrecision,
    Source, SourceKind, Timing,
};
use crate::data::problem::{Problem, Record};

/// The columns that say a file is Frontline's own events table.
pub(super) const MARKS: [&str; 4] = ["id", "start", "first_day", "citations"];

/// Whether a file's columns (lower case) are Frontline's own.
pub(super) fn is_frontline(names: &[String]) -> bool {
    MARKS.iter().all(|m| names.iter().any(|n| n == m))
}

/// One row's values, read by column name.
struct RowAt<'a> {
    batch: &'a RecordBatch,
    row: usize,
    number: u64,
}

impl RowAt<'_> {
    fn column(&self, name: &str) -> Option<&ArrayRef> {
        self.batch
            .column_by_name(name)
            .filter(|c| !c.is_null(self.row))
    }

    fn problem(&self, column: &str, why: impl Into<String>) -> Box<Problem> {
        Box::new(Problem::error(
            Record::TableRow {
                row: self.number,
                column: column.to_owned(),
            },
            why,
        ))
    }

    fn text(&self, name: &str) -> Option<String> {
        let column = self.column(name)?;
        text_at(column.as_ref(), self.row)
    }

    fn required(&self, name: &str) -> Result<String, Box<Problem>> {
        self.text(name)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| self.problem(name, format!("`{name}` is missing")))
    }

    fn float(&self, name: &str) -> Option<f64> {
        let column = self.column(name)?;
        column
            .as_primitive_opt::<Float64Type>()
            .map(|a| a.value(self.row))
    }

    fn count(&self, name: &str) -> Result<Option<u32>, Box<Problem>> {
        let Some(column) = self.column(name) else {
            return Ok(None);
        };
        let value = column
            .as_primitive_opt::<Int64Type>()
            .map(|a| a.value(self.row))
            .ok_or_else(|| self.problem(name, "not a whole number"))?;
        u32::try_from(value)
            .map(Some)
            .map_err(|_| self.problem(name, format!("{value} is not a count of 0 or more")))
    }

    fn texts(&self, name: &str) -> Vec<String> {
        let Some(list) = self.column(name).and_then(|c| c.as_list_opt::<i32>()) else {
            return Vec::new();
        };
        let values = list.value(self.row);
        (0..values.len())
            .filter_map(|i| text_at(values.as_ref(), i))
            .collect()
    }

    fn date(&self, name: &str) -> Result<Option<PartialDate>, Box<Problem>> {
        self.text(name)
            .filter(|t| !t.is_empty())
            .map(|t| {
                t.parse::<PartialDate>()
                    .map_err(|err| self.problem(name, format!("{t:?}: {err}")))
            })
            .transpose()
    }
}

/// A text value of a string column (any of arrow's string types).
fn text_at(array: &dyn Array, row: usize) -> Option<String> {
    if row >= array.len() || array.is_null(row) {
        return None;
    }
    if let Some(a) = array.as_string_opt::<i32>() {
        return Some(a.value(row).to_owned());
    }
    if let Some(a) = array.as_string_opt::<i64>() {
        return Some(a.value(row).to_owned());
    }
    array.as_string_view_opt().map(|a| a.value(row).to_owned())
}

/// Reads a file of Frontline's layout into `builder`: the events of the good
/// rows, and a problem for each bad one. Returns the rows read.
pub(super) fn read(
    file: File,
    builder: &mut Builder,
    bad_rows: &mut Vec<Problem>,
) -> Result<usize, LoadFailure> {
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| b.with_batch_size(8_192).build())
        .map_err(|err| LoadFailure::not_a_file(format!("cannot read the Parquet file: {err}")))?;
    let mut sources: HashMap<[Option<String>; 4], Name> = HashMap::new();
    let mut number = 0u64;
    for batch in reader {
        let batch = batch.map_err(|err| {
            LoadFailure::not_a_file(format!(
                "cannot read the Parquet file after row {number}: {err}"
            ))
        })?;
        for row in 0..batch.num_rows() {
            number += 1;
            let at = RowAt {
                batch: &batch,
                row,
                number,
            };
            match event(&at, builder, &mut sources) {
                Ok(event) => builder.events.push(&event),
                Err(problem) => bad_rows.push(*problem),
            }
        }
    }
    Ok(usize::try_from(number).unwrap_or(usize::MAX))
}

/// A name as the export wrote it (`format!("{:?}")`), back to its value.
fn by_name<T: Copy + std::fmt::Debug>(all: &[T], text: &str) -> Option<T> {
    all.iter().copied().find(|v| format!("{v:?}") == text)
}

fn event(
    at: &RowAt<'_>,
    builder: &mut Builder,
    sources: &mut HashMap<[Option<String>; 4], Name>,
) -> Result<Event, Box<Problem>> {
    let id = at.required("id")?;
    let date = at
        .date("start")?
        .ok_or_else(|| at.problem("start", "`start` is missing"))?;
    let end = at.date("end")?;
    let confidence = match at.text("confidence") {
        None => Confidence::Reported,
        Some(text) => Confidence::ALL
            .into_iter()
            .find(|c| c.label() == text)
            .ok_or_else(|| {
                at.problem("confidence", format!("{text:?} is not a confidence level"))
            })?,
    };
    let precision = match at.text("place_precision") {
        None => None,
        Some(text) => Some(by_name(&PlacePrecision::ALL, &text).ok_or_else(|| {
            at.problem(
                "place_precision",
                format!("{text:?} is not a place precision"),
            )
        })?),
    };
    let timing = match at.text("timing") {
        None => None,
        Some(text) => Some(
            by_name(
                &[Timing::Exact, Timing::WithinWeek, Timing::SometimeBetween],
                &text,
            )
            .ok_or_else(|| at.problem("timing", format!("{text:?} is not a timing")))?,
        ),
    };
    let (lat, lon) = (at.float("latitude"), at.float("longitude"));
    let place = at.text("place").map(|name| Place {
        name: name.into(),
        region: at.text("region").map(Name::from),
        country: at.text("country").map(Name::from),
        lat,
        lon,
        extras: PlaceExtras {
            district: at.text("district"),
            subdistrict: None,
            precision,
        }
        .boxed(),
    });
    let fatalities = match at.count("fatalities_best")? {
        Some(best) => Some(Fatalities {
            low: at.count("fatalities_low")?,
            high: at.count("fatalities_high")?,
            ..Fatalities::best_only(best)
        }),
        None => None,
    };
    let actors = at
        .texts("actors")
        .iter()
        .map(|name| builder.actor(name, None))
        .collect();
    let cites = citations(at, "citations", builder, sources)?;
    let disputed_by = citations(at, "disputed_by", builder, sources)?;
    if cites.is_empty() {
        return Err(at.problem("citations", "the event cites no source"));
    }
    Ok(Event {
        id: id.into(),
        date,
        end,
        title: at.text("title").unwrap_or_default(),
        summary: at.text("summary").unwrap_or_default(),
        place,
        actors,
        tags: at.texts("tags").into_iter().map(Name::from).collect(),
        confidence,
        cites,
        disputed_by,
        extras: EventExtras {
            kind: at.text("kind"),
            subkind: at.text("subkind"),
            fatalities,
            timing,
        }
        .boxed(),
    })
}

/// A list of citations, each with its source found again (or made once).
fn citations(
    at: &RowAt<'_>,
    name: &str,
    builder: &mut Builder,
    sources: &mut HashMap<[Option<String>; 4], Name>,
) -> Result<Vec<Cite>, Box<Problem>> {
    let Some(list) = at.column(name).and_then(|c| c.as_list_opt::<i32>()) else {
        return Ok(Vec::new());
    };
    let items = list.value(at.row);
    let Some(items) = items.as_any().downcast_ref::<StructArray>() else {
        return Err(at.problem(name, "not a list of citations"));
    };
    let field = |field: &str, i: usize| {
        items
            .column_by_name(field)
            .and_then(|c| text_at(c.as_ref(), i))
    };
    let mut cites = Vec::new();
    for i in 0..items.len() {
        let key = [
            field("publisher", i),
            field("title", i),
            field("date", i),
            field("address", i),
        ];
        let [publisher, title, date, address] = key.clone();
        let publisher = publisher.unwrap_or_else(|| "(no publisher given)".to_owned());
        let published = date.and_then(|d| d.parse::<PartialDate>().ok());
        let source = match sources.get(&key) {
            Some(id) => id.clone(),
            None => {
                let lookup = format!("{}\u{1f}{}", sources.len(), publisher);
                let id = builder.source(&lookup, None, |id| Source {
                    id,
                    publisher: publisher.clone(),
                    title: title.clone().unwrap_or_default(),
                    url: address.clone(),
                    published,
                    language: None,
                    kind: SourceKind::Other,
                    scale: None,
                });
                sources.insert(key, id.clone());
                id
            }
        };
        cites.push(Cite {
            source,
            note: field("note", i),
            quote: field("quote", i),
        });
    }
    Ok(cites)
}

/// The file's columns that Frontline's own events table does not hold.
pub(super) fn columns_not_kept(names: &[String]) -> Vec<String> {
    let schema = crate::data::io::export_parquet::events_schema();
    names
        .iter()
        .filter(|n| schema.field_with_name(n).is_err())
        .cloned()
        .collect()
}
