//! Reading an export as a table: recognising its layout from the header,
//! finding each column by name once, and handing out rows whose fields are read
//! by the layout's own column numbers. A field that is not UTF-8, or a row
//! shorter than the header, is the row's problem, reported with its line.

use std::io::Read;

use csv::ByteRecord;

use super::Layout;
use crate::data::load::LoadFailure;
use crate::data::problem::{Problem, Record};

/// ACLED's columns, in the order of current exports (files may order them
/// differently, lack some, or add others: they are found by name).
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// UCDP GED's 49 columns, in their published order (which applies to files
/// published without a header row).
pub const UCDP_COLUMNS: [&str; 49] = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
];

/// GDELT 2.0's 61 event columns, in their published order (the 15-minute
/// files have no header; BigQuery exports of `gdelt-bq.gdeltv2.events` have
/// one, with these names).
pub const GDELT_COLUMNS: [&str; 61] = [
    "globaleventid",
    "sqldate",
    "monthyear",
    "year",
    "fractiondate",
    "actor1code",
    "actor1name",
    "actor1countrycode",
    "actor1knowngroupcode",
    "actor1ethniccode",
    "actor1religion1code",
    "actor1religion2code",
    "actor1type1code",
    "actor1type2code",
    "actor1type3code",
    "actor2code",
    "actor2name",
    "actor2countrycode",
    "actor2knowngroupcode",
    "actor2ethniccode",
    "actor2religion1code",
    "actor2religion2code",
    "actor2type1code",
    "actor2type2code",
    "actor2type3code",
    "isrootevent",
    "eventcode",
    "eventbasecode",
    "eventrootcode",
    "quadclass",
    "goldsteinscale",
    "nummentions",
    "numsources",
    "numarticles",
    "avgtone",
    "actor1geo_type",
    "actor1geo_fullname",
    "actor1geo_countrycode",
    "actor1geo_adm1code",
    "actor1geo_adm2code",
    "actor1geo_lat",
    "actor1geo_long",
    "actor1geo_featureid",
    "actor2geo_type",
    "actor2geo_fullname",
    "actor2geo_countrycode",
    "actor2geo_adm1code",
    "actor2geo_adm2code",
    "actor2geo_lat",
    "actor2geo_long",
    "actor2geo_featureid",
    "actiongeo_type",
    "actiongeo_fullname",
    "actiongeo_countrycode",
    "actiongeo_adm1code",
    "actiongeo_adm2code",
    "actiongeo_lat",
    "actiongeo_long",
    "actiongeo_featureid",
    "dateadded",
    "sourceurl",
];

/// The layout's columns that the format has no place for (`docs/import.md`
/// says why); they, and any column the layout does not name, are listed as not kept.
const ACLED_NOT_KEPT: &[&str] = &["year", "interaction", "iso", "region", "timestamp"];

const GDELT_NOT_KEPT: &[&str] = &[
    "monthyear",
    "year",
    "fractiondate",
    "actor1knowngroupcode",
    "actor1ethniccode",
    "actor1religion1code",
    "actor1religion2code",
    "actor2knowngroupcode",
    "actor2ethniccode",
    "actor2religion1code",
    "actor2religion2code",
    "isrootevent",
    "actor1geo_type",
    "actor1geo_fullname",
    "actor1geo_countrycode",
    "actor1geo_adm1code",
    "actor1geo_adm2code",
    "actor1geo_lat",
    "actor1geo_long",
    "actor1geo_featureid",
    "actor2geo_type",
    "actor2geo_fullname",
    "actor2geo_countrycode",
    "actor2geo_adm1code",
    "actor2geo_adm2code",
    "actor2geo_lat",
    "actor2geo_long",
    "actor2geo_featureid",
    "actiongeo_adm2code",
    "actiongeo_featureid",
    "dateadded",
];

const UCDP_NOT_KEPT: &[&str] = &[
    "relid",
    "year",
    "active_year",
    "code_status",
    "conflict_dset_id",
    "conflict_new_id",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_b_dset_id",
    "side_b_new_id",
    "number_of_sources",
    "where_coordinates",
    "geom_wkt",
    "priogrid_gid",
    "country_id",
    "region",
    "date_prec",
    "gwnoa",
    "gwnob",
];

/// What the CSV reader reads: the file with every line break made `\n`
/// (`\r\n` and a lone `\r` alike), so that rows are placed on the same lines
/// whatever the file's line endings (the CSV reader counts `\n` only, and counts
/// a `\r\n` between two rows on the second row's account); it also counts the
/// file's bytes, for the progress bar.
struct Counting<R> {
    inner: R,
    /// Bytes read from the file.
    read: u64,
    /// The last byte read was a `\r`, whose line break is not written yet.
    pending_cr: bool,
    /// Bytes from the file, before their line breaks are made `\n`.
    raw: Vec<u8>,
    /// Bytes ready for the CSV reader, from `ready_at` on.
    ready: Vec<u8>,
    ready_at: usize,
    /// Lines begun so far, and the bytes of the last one: a line longer than
    /// [`MOST_LINE_BYTES`] stops the read, so that memory stays bounded by
    /// what a row can hold, not by what a damaged file claims.
    lines: u64,
    line_bytes: u64,
}

/// No row of an event export comes near this; a longer line is a damaged
/// file (or not a table), and reading it whole could take gigabytes.
const MOST_LINE_BYTES: u64 = 16 * 1024 * 1024;

impl<R: Read> Counting<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            read: 0,
            pending_cr: false,
            raw: vec![0; 64 * 1024],
            ready: Vec::with_capacity(64 * 1024),
            ready_at: 0,
            lines: 1,
            line_bytes: 0,
        }
    }

    /// Reads the next piece of the file into `ready`; false at its end.
    fn refill(&mut self) -> std::io::Result<bool> {
        self.ready.clear();
        self.ready_at = 0;
        while self.ready.is_empty() {
            let n = self.inner.read(&mut self.raw)?;
            if n == 0 {
                if std::mem::take(&mut self.pending_cr) {
                    self.ready.push(b'\n');
                }
                return Ok(!self.ready.is_empty());
            }
            self.read += n as u64;
            for &byte in &self.raw[..n] {
                if std::mem::take(&mut self.pending_cr) {
                    self.ready.push(b'\n');
                    if byte == b'\n' {
                        continue;
                    }
                }
                if byte == b'\r' {
                    self.pending_cr = true;
                } else {
                    self.ready.push(byte);
                }
                if byte == b'\n' || byte == b'\r' {
                    self.lines += 1;
                    self.line_bytes = 0;
                } else {
                    self.line_bytes += 1;
                    if self.line_bytes > MOST_LINE_BYTES {
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::InvalidData,
                            format!(
                                "line {} is longer than {} MiB, which no row of an export is: the file is damaged or not a table",
                                self.lines,
                                MOST_LINE_BYTES / (1024 * 1024)
                            ),
                        ));
                    }
                }
            }
        }
        Ok(true)
    }
}

impl<R: Read> Counting<R> {
    /// The start of the file, up to its first line break, without reading it
    /// away: whether fields are split by tabs or commas is seen there.
    fn peek_first_line(&mut self) -> std::io::Result<Vec<u8>> {
        if self.ready_at == self.ready.len() && !self.refill()? {
            return Ok(Vec::new());
        }
        let rest = &self.ready[self.ready_at..];
        let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        Ok(rest[..end].to_vec())
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.ready_at == self.ready.len() && !self.refill()? {
            return Ok(0);
        }
        let available = &self.ready[self.ready_at..];
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.ready_at += n;
        Ok(n)
    }
}

/// The layout a header's column names (lower case) belong to.
pub(super) fn layout_of_names(names: &[String]) -> Option<Layout> {
    let has = |name: &str| names.iter().any(|n| n == name);
    if has("event_id_cnty") || (has("event_date") && has("actor1")) {
        Some(Layout::Acled)
    } else if has("type_of_violence") || (has("date_start") && has("side_a")) {
        Some(Layout::Ucdp)
    } else if has("globaleventid") && has("sqldate") {
        Some(Layout::Gdelt)
    } else {
        None
    }
}

/// The columns a layout must have.
pub(super) fn required_columns(layout: Layout) -> &'static [&'static str] {
    match layout {
        Layout::Acled => &["event_id_cnty", "event_date"],
        Layout::Ucdp => &["id", "date_start"],
        Layout::Gdelt => &["globaleventid", "sqldate"],
        Layout::Frontline => &["id", "start"],
    }
}

/// The columns of a file that its layout does not read.
pub(super) fn not_kept(layout: Layout, names: &[String]) -> Vec<String> {
    let canonical = layout.columns();
    let not_kept = match layout {
        Layout::Acled => ACLED_NOT_KEPT,
        Layout::Ucdp => UCDP_NOT_KEPT,
        Layout::Gdelt => GDELT_NOT_KEPT,
        Layout::Frontline => &[],
    };
    names
        .iter()
        .filter(|n| {
            !n.is_empty() && (not_kept.contains(&n.as_str()) || !canonical.contains(&n.as_str()))
        })
        .cloned()
        .collect()
}

/// A table of rows being read, whatever the file's format (CSV or Parquet).
pub(super) trait Rows {
    /// The layout recognised.
    fn layout(&self) -> Layout;
    /// Whether the file named its columns.
    fn had_header(&self) -> bool;
    /// Bytes read so far (or an estimate), for the progress bar.
    fn bytes_read(&self) -> u64;
    /// The next data row, or `None` at the end.
    fn next_row(&mut self) -> Result<Option<Row<'_>>, LoadFailure>;
    /// The file's columns that the layout does not read.
    fn columns_not_kept(&self) -> Vec<String>;
    /// Whether rows are placed by line (text) rather than by number (Parquet).
    fn has_lines(&self) -> bool {
        true
    }
}

impl<R: Read> Rows for Table<R> {
    fn layout(&self) -> Layout {
        self.layout
    }

    fn had_header(&self) -> bool {
        self.had_header
    }

    fn bytes_read(&self) -> u64 {
        Table::bytes_read(self)
    }

    fn next_row(&mut self) -> Result<Option<Row<'_>>, LoadFailure> {
        Table::next_row(self)
    }

    fn columns_not_kept(&self) -> Vec<String> {
        Table::columns_not_kept(self)
    }
}

/// An export being read.
pub(super) struct Table<R: Read> {
    reader: csv::Reader<Counting<R>>,
    /// The layout recognised.
    pub layout: Layout,
    /// Whether the first row was a header.
    pub had_header: bool,
    /// The file's column names, in its order.
    names: Vec<String>,
    /// For each of the layout's columns, where it is in the file.
    slots: Vec<Option<usize>>,
    /// A first row read while looking for the header that turned out to be data.
    pending: Option<ByteRecord>,
    record: ByteRecord,
}

impl<R: Read> Table<R> {
    /// Reads the header (or the first row) and recognises the layout.
    pub fn open(reader: R, wanted: Option<Layout>) -> Result<Self, LoadFailure> {
        let mut counting = Counting::new(reader);
        let head = counting
            .peek_first_line()
            .map_err(|err| LoadFailure::io(&err))?;
        // GDELT's files are tab-separated, without quoting; other exports are CSV.
        let tabs = head.iter().filter(|&&b| b == b'\t').count();
        let commas = head.iter().filter(|&&b| b == b',').count();
        let tab_separated = tabs > commas;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(if tab_separated { b'\t' } else { b',' })
            .quoting(!tab_separated)
            .from_reader(counting);
        let mut first = ByteRecord::new();
        let read = reader.read_byte_record(&mut first).map_err(csv_failure)?;
        if !read {
            return Err(LoadFailure::on_line("the file is empty: an ACLED, UCDP or GDELT export starts with its header or its first row".to_owned(), 1));
        }
        let names: Vec<String> = first
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let text = String::from_utf8_lossy(field);
                let text = if i == 0 {
                    text.trim_start_matches('\u{feff}')
                } else {
                    &text
                };
                text.trim().to_ascii_lowercase()
            })
            .collect();
        let (layout, had_header) = if let Some(layout) = layout_of_names(&names) {
            (layout, true)
        } else if first.len() == GDELT_COLUMNS.len() && tab_separated {
            (Layout::Gdelt, false)
        } else if first.len() == UCDP_COLUMNS.len() {
            (Layout::Ucdp, false)
        } else {
            return Err(LoadFailure::on_line(
                format!(
                    "not an ACLED, UCDP or GDELT export: the first row has none of their columns \
                     (ACLED's begin \"event_id_cnty,event_date\", UCDP's \"id,relid,year\", \
                     GDELT's \"GLOBALEVENTID\" and \"SQLDATE\"; a UCDP file without a header has 49 \
                     columns and a GDELT file 61 separated by tabs; this row has {}{})",
                    first.len(),
                    if tab_separated {
                        ", separated by tabs"
                    } else {
                        ""
                    }
                ),
                1,
            ));
        };
        if let Some(wanted) = wanted
            && wanted != layout
        {
            return Err(LoadFailure::on_line(
                format!(
                    "this is a {} export; import it as {}",
                    layout.name(),
                    layout.command()
                ),
                1,
            ));
        }
        let canonical = layout.columns();
        let (names, pending) = if had_header {
            (names, None)
        } else {
            (
                canonical.iter().map(|n| (*n).to_owned()).collect(),
                Some(first),
            )
        };
        let slots: Vec<Option<usize>> = canonical
            .iter()
            .map(|column| names.iter().position(|n| n == column))
            .collect();
        let required = required_columns(layout);
        if let Some(missing) = required.iter().find(|c| !names.iter().any(|n| n == *c)) {
            return Err(LoadFailure::on_line(
                format!(
                    "the header has no `{missing}` column, which every {} export has",
                    layout.name()
                ),
                1,
            ));
        }
        Ok(Self {
            reader,
            layout,
            had_header,
            names,
            slots,
            pending,
            record: ByteRecord::new(),
        })
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.reader.get_ref().read
    }

    /// The next data row, or `None` at the end.
    pub fn next_row(&mut self) -> Result<Option<Row<'_>>, LoadFailure> {
        if let Some(first) = self.pending.take() {
            self.record = first;
        } else if !self
            .reader
            .read_byte_record(&mut self.record)
            .map_err(csv_failure)?
        {
            return Ok(None);
        }
        let line = self.record.position().map_or(1, csv::Position::line);
        Ok(Some(Row {
            record: Fields::Record(&self.record),
            slots: &self.slots,
            names: &self.names,
            canonical: self.layout.columns(),
            line,
            by_line: true,
        }))
    }

    /// The file's columns that the layout does not read.
    pub fn columns_not_kept(&self) -> Vec<String> {
        not_kept(self.layout, &self.names)
    }
}

fn csv_failure(err: csv::Error) -> LoadFailure {
    let line = err.position().map_or(1, |p| p.line());
    match err.into_kind() {
        csv::ErrorKind::Io(io) => LoadFailure::io(&io),
        other => LoadFailure::on_line(format!("cannot read the table: {other:?}"), line),
    }
}

/// One data row. Fields are asked for by the layout's column number (the
/// position in [`ACLED_COLUMNS`] or [`UCDP_COLUMNS`]).
pub(super) struct Row<'a> {
    record: Fields<'a>,
    slots: &'a [Option<usize>],
    names: &'a [String],
    canonical: &'a [&'static str],
    /// The line the row starts on (its number, in a table without lines).
    pub line: u64,
    /// Whether `line` is a line of text (CSV) or a row's number (Parquet).
    by_line: bool,
}

/// Where a row's fields are: a CSV record, or a row of columns already
/// turned into text (Parquet), read in place.
#[derive(Clone, Copy)]
pub(super) enum Fields<'a> {
    /// A record read from CSV.
    Record(&'a ByteRecord),
    /// A row of a batch of columns.
    Columns(&'a dyn ColumnsRow),
}

/// A row of a batch of columns, each field's text (already UTF-8).
pub(super) trait ColumnsRow {
    /// How many fields the row has.
    fn len(&self) -> usize;
    /// The text of field `at`.
    fn get(&self, at: usize) -> Option<&str>;
}

impl Fields<'_> {
    fn len(&self) -> usize {
        match self {
            Self::Record(record) => record.len(),
            Self::Columns(columns) => columns.len(),
        }
    }

    /// A field's text, or `Err` when it is not UTF-8.
    fn text(&self, at: usize) -> Result<&str, std::str::Utf8Error> {
        match self {
            Self::Record(record) => std::str::from_utf8(record.get(at).unwrap_or_default()),
            Self::Columns(columns) => Ok(columns.get(at).unwrap_or_default()),
        }
    }
}

impl<'a> Row<'a> {
    /// A row of a table without lines (Parquet): `record` holds the text of
    /// the columns `names`; `slots` places the layout's columns among them.
    pub fn numbered(
        record: Fields<'a>,
        slots: &'a [Option<usize>],
        names: &'a [String],
        canonical: &'a [&'static str],
        number: u64,
    ) -> Self {
        Self {
            record,
            slots,
            names,
            canonical,
            line: number,
            by_line: false,
        }
    }

    /// Where a problem in `column` lies.
    fn record_of(&self, column: String) -> Record {
        if self.by_line {
            Record::Row {
                line: self.line,
                column,
            }
        } else {
            Record::TableRow {
                row: self.line,
                column,
            }
        }
    }

    /// A problem with this row, in the given column.
    pub fn problem(&self, column: usize, why: impl Into<String>) -> Box<Problem> {
        let name = self.canonical.get(column).copied().unwrap_or("?");
        Box::new(Problem::error(self.record_of(name.to_owned()), why))
    }

    /// The row is shorter than the header: the first column it lacks.
    pub fn check_length(&self) -> Result<(), Box<Problem>> {
        if self.record.len() >= self.names.len() {
            return Ok(());
        }
        let missing = self
            .names
            .get(self.record.len())
            .map_or("?", String::as_str);
        Err(Box::new(Problem::error(
            self.record_of(missing.to_owned()),
            format!(
                "the row has {} fields; the header has {}",
                self.record.len(),
                self.names.len()
            ),
        )))
    }

    /// A field's text, trimmed; empty when the file has no such column.
    pub fn text(&self, column: usize) -> Result<&str, Box<Problem>> {
        let Some(Some(at)) = self.slots.get(column) else {
            return Ok("");
        };
        self.record
            .text(*at)
            .map(str::trim)
            .map_err(|_| self.problem(column, "the text is not UTF-8"))
    }

    /// A field's text, or `None` when empty.
    pub fn optional(&self, column: usize) -> Result<Option<&str>, Box<Problem>> {
        self.text(column).map(|t| (!t.is_empty()).then_some(t))
    }

    /// A field that must not be empty.
    pub fn required(&self, column: usize, what: &str) -> Result<&str, Box<Problem>> {
        match self.text(column)? {
            "" => Err(self.problem(column, format!("{what} is missing"))),
            text => Ok(text),
        }
    }

    /// A whole number of at least 0, or `None` when empty.
    pub fn count(&self, column: usize) -> Result<Option<u32>, Box<Problem>> {
        let Some(text) = self.optional(column)? else {
            return Ok(None);
        };
        // Some exports write counts as "12.0".
        let whole = text.strip_suffix(".0").unwrap_or(text);
        whole.parse::<u32>().map(Some).map_err(|_| {
            self.problem(
                column,
                format!("{text:?} is not a whole number of 0 or more"),
            )
        })
    }

    /// A number within `range`, or `None` when empty.
    pub fn number_in(
        &self,
        column: usize,
        range: std::ops::RangeInclusive<f64>,
    ) -> Result<Option<f64>, Box<Problem>> {
        let Some(text) = self.optional(column)? else {
            return Ok(None);
        };
        let value: f64 = text
            .parse()
            .map_err(|_| self.problem(column, format!("{text:?} is not a number")))?;
        if !range.contains(&value) {
            return Err(self.problem(
                column,
                format!("{text} is outside {} to {}", range.start(), range.end()),
            ));
        }
        Ok(Some(value))
    }
}
