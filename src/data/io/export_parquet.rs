//! Events and figures as Apache Parquet, for DuckDB, pandas/pyarrow, Spark and
//! the rest: the same columns as the CSV export, but typed, and lists kept as
//! lists (actors, tags, citations as a list of structs) rather than joined
//! into one cell. Dates stay as the dataset gives them (a year, a month or a
//! day, as text), with the first and last day beside them as DATE columns for
//! filtering. Written a batch of rows at a time, compressed with Snappy (what
//! every engine reads without options).

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, ListArray, RecordBatch, StructArray};
use arrow_buffer::{OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Fields, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::atomic_write::WriteError;
use super::export::{cited_source, series_actor_name, unit_text};
use crate::data::loaded::LoadedDataset;
use crate::data::model::CiteRef;

/// Events per row group and batch.
const BATCH: usize = 65_536;

impl From<parquet::errors::ParquetError> for WriteError {
    fn from(err: parquet::errors::ParquetError) -> Self {
        match err {
            parquet::errors::ParquetError::External(inner) => {
                match inner.downcast::<std::io::Error>() {
                    Ok(io) => Self::Io(*io),
                    Err(other) => Self::Encode(other.to_string()),
                }
            }
            other => Self::Encode(other.to_string()),
        }
    }
}

impl From<arrow_schema::ArrowError> for WriteError {
    fn from(err: arrow_schema::ArrowError) -> Self {
        match err {
            arrow_schema::ArrowError::IoError(_, io) => Self::Io(io),
            other => Self::Encode(other.to_string()),
        }
    }
}

/// The fields of a citation.
fn citation_fields() -> Fields {
    Fields::from(vec![
        Field::new("publisher", DataType::Utf8, true),
        Field::new("title", DataType::Utf8, true),
        Field::new("date", DataType::Utf8, true),
        Field::new("address", DataType::Utf8, true),
        Field::new("note", DataType::Utf8, true),
        Field::new("quote", DataType::Utf8, true),
    ])
}

/// A list of citations.
fn citations_type() -> DataType {
    DataType::List(Arc::new(Field::new(
        "item",
        DataType::Struct(citation_fields()),
        true,
    )))
}

/// A list of text.
fn text_list_type() -> DataType {
    DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)))
}

/// The events table's columns.
pub fn events_schema() -> Schema {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    Schema::new(vec![
        text("id", false),
        text("start", false),
        text("end", true),
        Field::new("first_day", DataType::Date32, false),
        Field::new("last_day", DataType::Date32, false),
        text("date_precision", false),
        text("title", false),
        text("summary", false),
        Field::new("actors", text_list_type(), false),
        text("place", true),
        text("region", true),
        text("country", true),
        Field::new("latitude", DataType::Float64, true),
        Field::new("longitude", DataType::Float64, true),
        text("confidence", false),
        Field::new("tags", text_list_type(), false),
        text("kind", true),
        text("subkind", true),
        Field::new("fatalities_best", DataType::Int64, true),
        Field::new("fatalities_low", DataType::Int64, true),
        Field::new("fatalities_high", DataType::Int64, true),
        text("timing", true),
        text("district", true),
        text("place_precision", true),
        Field::new("citations", citations_type(), false),
        Field::new("disputed_by", citations_type(), false),
    ])
}

/// The figures table's columns.
pub fn figures_schema() -> Schema {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    Schema::new(vec![
        text("series", false),
        text("actor", false),
        text("organisation", false),
        text("scope", false),
        text("unit", false),
        text("measure", false),
        text("date", false),
        Field::new("first_day", DataType::Date32, false),
        Field::new("value", DataType::Float64, false),
        Field::new("low", DataType::Float64, true),
        Field::new("high", DataType::Float64, true),
        text("confidence", false),
        Field::new("citation", DataType::Struct(citation_fields()), false),
        Field::new("computed", DataType::Boolean, false),
    ])
}

/// Citations being collected column by column.
#[derive(Default)]
struct Citations {
    columns: [Vec<Option<String>>; 6],
    /// Where each row's list ends (lists only).
    offsets: Vec<i32>,
}

impl Citations {
    fn push(&mut self, loaded: &LoadedDataset, cite: CiteRef<'_>) {
        let source = cited_source(loaded, cite);
        let values = [
            Some(source.map_or_else(|| cite.source().to_string(), |s| s.publisher.clone())),
            source.map(|s| s.title.clone()),
            source.and_then(|s| s.published).map(|d| d.to_string()),
            source.and_then(|s| s.url.clone()),
            cite.note().map(str::to_owned),
            cite.quote().map(str::to_owned),
        ];
        for (column, value) in self.columns.iter_mut().zip(values) {
            column.push(value);
        }
    }

    fn end_row(&mut self) {
        self.offsets
            .push(i32::try_from(self.columns[0].len()).unwrap_or(i32::MAX));
    }

    fn structs(&mut self) -> StructArray {
        let arrays: Vec<ArrayRef> = self
            .columns
            .iter_mut()
            .map(|c| Arc::new(arrow_array::StringArray::from(std::mem::take(c))) as ArrayRef)
            .collect();
        StructArray::new(citation_fields(), arrays, None)
    }

    fn list(mut self) -> Result<ListArray, WriteError> {
        let mut offsets = vec![0i32];
        offsets.extend(std::mem::take(&mut self.offsets));
        let values = self.structs();
        Ok(ListArray::try_new(
            Arc::new(Field::new(
                "item",
                DataType::Struct(citation_fields()),
                true,
            )),
            OffsetBuffer::new(ScalarBuffer::from(offsets)),
            Arc::new(values),
            None,
        )?)
    }
}

/// The writer's settings: Snappy, and row groups of a batch.
fn properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(BATCH))
        .set_created_by("Frontline".to_owned())
        .build()
}

/// Writes the chosen events (indices into `Dataset::events`) as Parquet.
pub fn write_events_parquet<W: Write + Send>(
    loaded: &LoadedDataset,
    events: &[usize],
    out: W,
) -> Result<(), WriteError> {
    let schema = Arc::new(events_schema());
    let mut writer = ArrowWriter::try_new(out, Arc::clone(&schema), Some(properties()))?;
    for chunk in events.chunks(BATCH) {
        let batch = events_batch(loaded, chunk, &schema)?;
        writer.write(&batch)?;
    }
    writer.close()?;
    Ok(())
}

/// One batch of events.
fn events_batch(
    loaded: &LoadedDataset,
    chunk: &[usize],
    schema: &Arc<Schema>,
) -> Result<RecordBatch, WriteError> {
    let mut columns = EventColumns::with_capacity(chunk.len());
    for &index in chunk {
        columns.push(loaded, index);
    }
    columns.finish(schema)
}

/// The columns of a batch of events as they are filled, one event at a time.
struct EventColumns {
    /// The text columns, in the order `finish` takes them.
    texts: Vec<StringBuilder>,
    /// First and last day.
    days: [Date32Builder; 2],
    /// Latitude and longitude.
    coordinates: [Float64Builder; 2],
    /// Best, low and high counts of deaths.
    deaths: [Int64Builder; 3],
    actors: ListBuilder<StringBuilder>,
    tags: ListBuilder<StringBuilder>,
    citations: Citations,
    disputes: Citations,
}

impl EventColumns {
    /// Empty columns with room for `n` events.
    fn with_capacity(n: usize) -> Self {
        Self {
            texts: (0..15)
                .map(|_| StringBuilder::with_capacity(n, n * 16))
                .collect(),
            days: [
                Date32Builder::with_capacity(n),
                Date32Builder::with_capacity(n),
            ],
            coordinates: [
                Float64Builder::with_capacity(n),
                Float64Builder::with_capacity(n),
            ],
            deaths: [
                Int64Builder::with_capacity(n),
                Int64Builder::with_capacity(n),
                Int64Builder::with_capacity(n),
            ],
            actors: ListBuilder::new(StringBuilder::new()),
            tags: ListBuilder::new(StringBuilder::new()),
            citations: Citations::default(),
            disputes: Citations::default(),
        }
    }

    /// Adds event `index` of `loaded` as a row.
    fn push(&mut self, loaded: &LoadedDataset, index: usize) {
        let dataset = &loaded.dataset;
        let Some(event) = dataset.events.get(index) else {
            return;
        };
        let place = event.place();
        let [
            id,
            start,
            end,
            precision,
            title,
            summary,
            name,
            region,
            country,
            confidence,
            kind,
            subkind,
            rest @ ..,
        ] = &mut self.texts[..]
        else {
            return;
        };
        let [timing, district, place_precision] = rest else {
            return;
        };
        id.append_value(event.id());
        start.append_value(event.date().to_string());
        end.append_option(event.end().map(|d| d.to_string()));
        precision.append_value(format!("{:?}", event.date().precision()).to_lowercase());
        title.append_value(event.title());
        summary.append_value(event.summary());
        name.append_option(place.map(|p| p.name()));
        region.append_option(place.and_then(|p| p.region()));
        country.append_option(place.and_then(|p| p.country()));
        confidence.append_value(event.confidence().label());
        kind.append_option(event.kind());
        subkind.append_option(event.subkind());
        timing.append_option(event.timing().map(|t| format!("{t:?}")));
        district.append_option(place.and_then(|p| p.district()));
        place_precision.append_option(place.and_then(|p| p.precision()).map(|p| format!("{p:?}")));
        let span = loaded.index.spans.get(index);
        self.days[0].append_value(span.map_or(0, |s| s.start as i32));
        self.days[1].append_value(span.map_or(0, |s| s.end as i32 - 1));
        self.coordinates[0].append_option(place.and_then(|p| p.lat()));
        self.coordinates[1].append_option(place.and_then(|p| p.lon()));
        let fatalities = event.fatalities();
        self.deaths[0].append_option(fatalities.map(|f| i64::from(f.best)));
        self.deaths[1].append_option(fatalities.and_then(|f| f.low).map(i64::from));
        self.deaths[2].append_option(fatalities.and_then(|f| f.high).map(i64::from));
        for &a in loaded.index.actors_of(index) {
            if let Some(actor) = dataset.actors.get(a as usize) {
                self.actors.values().append_value(&actor.name);
            }
        }
        self.actors.append(true);
        for tag in event.tags() {
            self.tags.values().append_value(tag);
        }
        self.tags.append(true);
        for cite in event.cites() {
            self.citations.push(loaded, cite);
        }
        self.citations.end_row();
        for cite in event.disputed_by() {
            self.disputes.push(loaded, cite);
        }
        self.disputes.end_row();
    }

    /// The batch the columns make, in `schema`'s order.
    fn finish(self, schema: &Arc<Schema>) -> Result<RecordBatch, WriteError> {
        let Self {
            texts,
            days,
            coordinates,
            deaths,
            mut actors,
            mut tags,
            citations,
            disputes,
        } = self;
        let mut next_text = finished_texts(texts);
        let [first_day, last_day] = days.map(|mut b| Arc::new(b.finish()) as ArrayRef);
        let [latitude, longitude] = coordinates.map(|mut b| Arc::new(b.finish()) as ArrayRef);
        let [best, low, high] = deaths.map(|mut b| Arc::new(b.finish()) as ArrayRef);
        let (id, start, end, precision, title, summary) = (
            next_text()?,
            next_text()?,
            next_text()?,
            next_text()?,
            next_text()?,
            next_text()?,
        );
        let (name, region, country, confidence, kind, subkind) = (
            next_text()?,
            next_text()?,
            next_text()?,
            next_text()?,
            next_text()?,
            next_text()?,
        );
        let (timing, district, place_precision) = (next_text()?, next_text()?, next_text()?);
        let columns: Vec<ArrayRef> = vec![
            id,
            start,
            end,
            first_day,
            last_day,
            precision,
            title,
            summary,
            Arc::new(actors.finish()),
            name,
            region,
            country,
            latitude,
            longitude,
            confidence,
            Arc::new(tags.finish()),
            kind,
            subkind,
            best,
            low,
            high,
            timing,
            district,
            place_precision,
            Arc::new(citations.list()?),
            Arc::new(disputes.list()?),
        ];
        Ok(RecordBatch::try_new(Arc::clone(schema), columns)?)
    }
}

/// Text columns, finished, handed out one at a time in their order.
fn finished_texts(texts: Vec<StringBuilder>) -> impl FnMut() -> Result<ArrayRef, WriteError> {
    let mut finished = texts
        .into_iter()
        .map(|mut b| Arc::new(b.finish()) as ArrayRef);
    move || {
        finished
            .next()
            .ok_or_else(|| WriteError::Encode("a column is missing".to_owned()))
    }
}

/// Writes every figure of every series as Parquet, one row per figure.
pub fn write_figures_parquet<W: Write + Send>(
    loaded: &LoadedDataset,
    out: W,
) -> Result<(), WriteError> {
    let dataset = &loaded.dataset;
    let schema = Arc::new(figures_schema());
    let mut writer = ArrowWriter::try_new(out, Arc::clone(&schema), Some(properties()))?;
    let mut texts: Vec<StringBuilder> = (0..8).map(|_| StringBuilder::new()).collect();
    let mut first_day = Date32Builder::new();
    let mut numbers = [
        Float64Builder::new(),
        Float64Builder::new(),
        Float64Builder::new(),
    ];
    let mut citations = Citations::default();
    let mut computed = BooleanBuilder::new();
    for (index, series) in loaded.index.all_series(dataset).enumerate() {
        let is_computed = loaded.index.is_computed(dataset, index);
        let actor = series_actor_name(loaded, series);
        let unit = unit_text(&series.unit);
        let measure = format!("{:?}", series.measure).to_lowercase();
        let label = series.label(&series.actor);
        for point in &series.points {
            let values = [
                label.as_str(),
                actor,
                series.source_org.as_str(),
                series.scope.as_str(),
                unit.as_str(),
                measure.as_str(),
                &point.date.to_string(),
                point.confidence.label(),
            ];
            for (builder, value) in texts.iter_mut().zip(values) {
                builder.append_value(value);
            }
            first_day.append_value(point.date.start_day());
            numbers[0].append_value(point.value);
            numbers[1].append_option(point.low);
            numbers[2].append_option(point.high);
            citations.push(loaded, point.cite.read());
            computed.append_value(is_computed);
        }
    }
    let mut next = finished_texts(texts);
    let (series, actor, organisation, scope, unit, measure, date) = (
        next()?,
        next()?,
        next()?,
        next()?,
        next()?,
        next()?,
        next()?,
    );
    let confidence = next()?;
    let [value, low, high] = numbers.map(|mut b| Arc::new(b.finish()) as ArrayRef);
    let columns: Vec<ArrayRef> = vec![
        series,
        actor,
        organisation,
        scope,
        unit,
        measure,
        date,
        Arc::new(first_day.finish()),
        value,
        low,
        high,
        confidence,
        Arc::new(citations.structs()),
        Arc::new(computed.finish()),
    ];
    writer.write(&RecordBatch::try_new(Arc::clone(&schema), columns)?)?;
    writer.close()?;
    Ok(())
}
