//! Reading an export saved as Apache Parquet (by DuckDB, pandas or pyarrow,
//! Spark, BigQuery) with the same column mapping as its CSV: the layout is
//! recognised from the column names, only the columns the layout reads are
//! decoded, row groups are read a batch at a time (never the whole table),
//! and each row's values are handed to the layout's mapping as text, so that
//! a Parquet row and a CSV row of the same event give the same event. Typed
//! columns are read as their types: dates (DATE, TIMESTAMP) as days,
//! integers of any width, floats, text, booleans, nulls as empty. Rows are
//! numbered from 1, as a problem's place.

use std::fs::File;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};

use super::Layout;
use super::table::{ColumnsRow, Fields, Row, Rows, layout_of_names, not_kept, required_columns};
use crate::data::date::PartialDate;
use crate::data::load::LoadFailure;

/// Rows decoded at a time.
const BATCH_ROWS: usize = 4_096;

/// Whether a file is a Parquet file, by its name.
pub fn is_parquet(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
}

/// A Parquet file's column names, lower case.
pub(super) fn column_names(file: &File) -> Result<Vec<String>, LoadFailure> {
    let copy = file.try_clone().map_err(|err| LoadFailure::io(&err))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(copy)
        .map_err(|err| failure(format!("not a Parquet file Frontline can read: {err}")))?;
    Ok(builder
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().trim().to_ascii_lowercase())
        .collect())
}

/// A Parquet export being read.
pub(super) struct ParquetTable {
    reader: ParquetRecordBatchReader,
    layout: Layout,
    /// Every column of the file, lower case, in its order.
    all_names: Vec<String>,
    /// The columns decoded, lower case, in their order in a batch.
    names: Vec<String>,
    /// For each of the layout's columns, its place among `names`.
    slots: Vec<Option<usize>>,
    /// The batch at hand, as the text of each column (converted a column at
    /// a time, so that a column's type is looked at once per batch).
    columns: Vec<ColumnText>,
    /// The row handed out last, holding the batch's columns meanwhile.
    current: BatchRow,
    /// Rows in the batch at hand.
    batch_rows: usize,
    at: usize,
    /// Rows handed out so far.
    rows: u64,
    total_rows: u64,
    file_bytes: u64,
}

/// A failure that names the file's problem in words.
fn failure(why: String) -> LoadFailure {
    LoadFailure::not_a_file(why)
}

impl ParquetTable {
    /// Opens a Parquet file and recognises its layout from its column names.
    pub fn open(file: File, wanted: Option<Layout>) -> Result<Self, LoadFailure> {
        let file_bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)
            .map_err(|err| failure(format!("not a Parquet file Frontline can read: {err}")))?;
        let schema = builder.schema().clone();
        let all_names: Vec<String> = schema
            .fields()
            .iter()
            .map(|f| f.name().trim().to_ascii_lowercase())
            .collect();
        let layout = layout_of_names(&all_names).ok_or_else(|| {
            failure(format!(
                "not an ACLED, UCDP or GDELT export: its columns ({}) have none of theirs",
                all_names.join(", ")
            ))
        })?;
        if let Some(wanted) = wanted
            && wanted != layout
        {
            return Err(failure(format!(
                "this is a {} export; import it as {}",
                layout.name(),
                layout.command()
            )));
        }
        if let Some(missing) = required_columns(layout)
            .iter()
            .find(|c| !all_names.iter().any(|n| n == *c))
        {
            return Err(failure(format!(
                "the file has no `{missing}` column, which every {} export has",
                layout.name()
            )));
        }
        // Only the columns the layout reads are decoded.
        let canonical = layout.columns();
        let unread = not_kept(layout, &all_names);
        let kept: Vec<usize> = (0..all_names.len())
            .filter(|&i| {
                canonical.contains(&all_names[i].as_str()) && !unread.contains(&all_names[i])
            })
            .collect();
        let names: Vec<String> = kept.iter().map(|&i| all_names[i].clone()).collect();
        let slots = canonical
            .iter()
            .map(|column| names.iter().position(|n| n == column))
            .collect();
        let total_rows = u64::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0);
        let mask = ProjectionMask::roots(builder.parquet_schema(), kept);
        let reader = builder
            .with_projection(mask)
            .with_batch_size(BATCH_ROWS)
            .build()
            .map_err(|err| failure(format!("cannot read the Parquet file: {err}")))?;
        Ok(Self {
            reader,
            layout,
            all_names,
            names,
            slots,
            columns: Vec::new(),
            current: BatchRow::default(),
            batch_rows: 0,
            at: 0,
            rows: 0,
            total_rows,
            file_bytes,
        })
    }

    /// Makes sure a batch with a row left is at hand; false at the end.
    fn next_batch(&mut self) -> Result<bool, LoadFailure> {
        while self.at >= self.batch_rows {
            match self.reader.next() {
                None => return Ok(false),
                Some(Ok(batch)) => self.take_batch(&batch)?,
                Some(Err(err)) => {
                    return Err(failure(format!(
                        "cannot read the Parquet file after row {}: {err}",
                        self.rows
                    )));
                }
            }
        }
        Ok(true)
    }

    /// Converts a batch to text, a column at a time.
    fn take_batch(&mut self, batch: &RecordBatch) -> Result<(), LoadFailure> {
        let schema = batch.schema();
        self.columns
            .resize_with(batch.num_columns(), ColumnText::default);
        for ((field, column), text) in schema
            .fields()
            .iter()
            .zip(batch.columns())
            .zip(&mut self.columns)
        {
            if !readable(field.data_type()) {
                return Err(failure(format!(
                    "column `{}` holds {}, which Frontline cannot read as text",
                    field.name(),
                    field.data_type()
                )));
            }
            text.fill(column.as_ref());
        }
        self.batch_rows = batch.num_rows();
        self.at = 0;
        Ok(())
    }
}

/// One row of the batch at hand, read in place.
#[derive(Default)]
struct BatchRow {
    columns: Vec<ColumnText>,
    row: usize,
}

impl ColumnsRow for BatchRow {
    fn len(&self) -> usize {
        self.columns.len()
    }

    fn get(&self, at: usize) -> Option<&str> {
        self.columns.get(at).map(|c| c.get(self.row))
    }
}

/// A column of a batch as text: every value one after another, and where
/// each ends (a null is empty).
#[derive(Default)]
struct ColumnText {
    text: String,
    ends: Vec<u32>,
}

impl ColumnText {
    /// The text of row `row`.
    fn get(&self, row: usize) -> &str {
        let start = row
            .checked_sub(1)
            .and_then(|r| self.ends.get(r))
            .map_or(0, |&e| e as usize);
        let end = self.ends.get(row).map_or(start, |&e| e as usize);
        self.text.get(start..end).unwrap_or_default()
    }

    /// Ends the value being written (a batch's column is far under 4 GB).
    fn end_value(&mut self) {
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    /// Writes every value of `array`, its type looked at once.
    fn fill(&mut self, array: &dyn Array) {
        self.text.clear();
        self.ends.clear();
        match array.data_type() {
            DataType::Utf8 => {
                let strings = array.as_string::<i32>();
                for row in 0..array.len() {
                    if !strings.is_null(row) {
                        self.text.push_str(strings.value(row));
                    }
                    self.end_value();
                }
            }
            DataType::Int64 => {
                let numbers = array.as_primitive::<Int64Type>();
                for row in 0..array.len() {
                    if !numbers.is_null(row) {
                        push_integer(&mut self.text, numbers.value(row));
                    }
                    self.end_value();
                }
            }
            _ => {
                for row in 0..array.len() {
                    write_value(array, row, &mut self.text);
                    self.end_value();
                }
            }
        }
    }
}

/// Appends a whole number's digits.
fn push_integer(out: &mut String, value: i64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = value.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if value < 0 {
        out.push('-');
    }
    for &digit in &digits[at..] {
        out.push(char::from(digit));
    }
}

impl Rows for ParquetTable {
    fn layout(&self) -> Layout {
        self.layout
    }

    fn had_header(&self) -> bool {
        true
    }

    /// Rows read, as a share of the file's bytes.
    fn bytes_read(&self) -> u64 {
        if self.total_rows == 0 {
            return 0;
        }
        (self.file_bytes as f64 * self.rows as f64 / self.total_rows as f64) as u64
    }

    fn next_row(&mut self) -> Result<Option<Row<'_>>, LoadFailure> {
        if self.columns.is_empty() {
            self.columns = std::mem::take(&mut self.current.columns);
        }
        if !self.next_batch()? {
            return Ok(None);
        }
        self.current = BatchRow {
            columns: std::mem::take(&mut self.columns),
            row: self.at,
        };
        self.at += 1;
        self.rows += 1;
        Ok(Some(Row::numbered(
            Fields::Columns(&self.current),
            &self.slots,
            &self.names,
            self.layout.columns(),
            self.rows,
        )))
    }

    fn columns_not_kept(&self) -> Vec<String> {
        not_kept(self.layout, &self.all_names)
    }

    fn has_lines(&self) -> bool {
        false
    }
}

/// Whether a column's type is one Frontline reads as text.
fn readable(data_type: &DataType) -> bool {
    match data_type {
        DataType::Dictionary(_, values) => matches!(
            values.as_ref(),
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
        ),
        DataType::Null
        | DataType::Boolean
        | DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64
        | DataType::Float32
        | DataType::Float64
        | DataType::Decimal128(_, _)
        | DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View
        | DataType::Date32
        | DataType::Date64
        | DataType::Timestamp(_, _) => true,
        _ => false,
    }
}

/// A day number (days since 1970-01-01) as `YYYY-MM-DD`.
fn day_text(day: i64, out: &mut String) {
    if let Ok(day) = i32::try_from(day) {
        out.push_str(&PartialDate::from_day_number(day).to_string());
    }
}

/// Appends the text of a value (nothing for a null), as a CSV export writes it.
fn write_value(array: &dyn Array, row: usize, out: &mut String) {
    use std::fmt::Write;
    if row >= array.len() || array.is_null(row) {
        return;
    }
    let _ = match array.data_type() {
        DataType::Utf8 => write!(out, "{}", array.as_string::<i32>().value(row)),
        DataType::LargeUtf8 => write!(out, "{}", array.as_string::<i64>().value(row)),
        DataType::Utf8View => write!(out, "{}", array.as_string_view().value(row)),
        DataType::Boolean => write!(out, "{}", array.as_boolean().value(row)),
        DataType::Int8 => write!(out, "{}", array.as_primitive::<Int8Type>().value(row)),
        DataType::Int16 => write!(out, "{}", array.as_primitive::<Int16Type>().value(row)),
        DataType::Int32 => write!(out, "{}", array.as_primitive::<Int32Type>().value(row)),
        DataType::Int64 => write!(out, "{}", array.as_primitive::<Int64Type>().value(row)),
        DataType::UInt8 => write!(out, "{}", array.as_primitive::<UInt8Type>().value(row)),
        DataType::UInt16 => write!(out, "{}", array.as_primitive::<UInt16Type>().value(row)),
        DataType::UInt32 => write!(out, "{}", array.as_primitive::<UInt32Type>().value(row)),
        DataType::UInt64 => write!(out, "{}", array.as_primitive::<UInt64Type>().value(row)),
        DataType::Float32 => write!(out, "{}", array.as_primitive::<Float32Type>().value(row)),
        DataType::Float64 => write!(out, "{}", array.as_primitive::<Float64Type>().value(row)),
        DataType::Decimal128(_, scale) => {
            let value = array
                .as_primitive::<arrow_array::types::Decimal128Type>()
                .value(row);
            let scaled = value as f64 / 10f64.powi(i32::from(*scale));
            write!(out, "{scaled}")
        }
        DataType::Date32 => {
            day_text(
                i64::from(array.as_primitive::<Date32Type>().value(row)),
                out,
            );
            Ok(())
        }
        DataType::Date64 => {
            let ms = array.as_primitive::<Date64Type>().value(row);
            day_text(ms.div_euclid(86_400_000), out);
            Ok(())
        }
        DataType::Timestamp(unit, _) => {
            let (value, per_day) = match unit {
                TimeUnit::Second => (
                    array.as_primitive::<TimestampSecondType>().value(row),
                    86_400,
                ),
                TimeUnit::Millisecond => (
                    array.as_primitive::<TimestampMillisecondType>().value(row),
                    86_400_000,
                ),
                TimeUnit::Microsecond => (
                    array.as_primitive::<TimestampMicrosecondType>().value(row),
                    86_400_000_000,
                ),
                TimeUnit::Nanosecond => (
                    array.as_primitive::<TimestampNanosecondType>().value(row),
                    86_400_000_000_000,
                ),
            };
            day_text(value.div_euclid(per_day), out);
            Ok(())
        }
        DataType::Dictionary(_, _) => {
            if let Some(dictionary) = array.as_any_dictionary_opt() {
                let key = dictionary.normalized_keys().get(row).copied();
                if let Some(key) = key {
                    write_value(dictionary.values().as_ref(), key, out);
                }
            }
            Ok(())
        }
        _ => Ok(()),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_written_as_rust_writes_them() {
        for value in [0, 7, -7, 10, 1_234_567, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_integer(&mut out, value);
            assert_eq!(out, value.to_string());
        }
    }
}
