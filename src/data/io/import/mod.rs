//! Opening the exports of the event databases researchers use, ACLED and UCDP's
//! georeferenced event dataset (GED), as Frontline datasets.
//!
//! The layout is recognised by the header's column names (or, for the UCDP
//! file published without a header, by its 49 columns); columns are read by
//! name, never by position. Each row becomes one event; actors and sources are
//! shared across the file (one actor per name, one source per publisher). A row
//! that cannot be read whole (a missing id, a date that does not exist, a
//! latitude out of range, a short row) is reported with its line and column,
//! all of them at once, and left out: the caller chooses to keep the good rows or
//! nothing. Columns the format has no place for are named in the dataset's
//! description and in the import's summary, so nothing goes missing silently.
//! `docs/import.md` maps every column.

mod acled;
mod builder;
mod table;
mod ucdp;

use std::io::Read;
use std::path::Path;

pub use table::{ACLED_COLUMNS, UCDP_COLUMNS};

use crate::data::format::load::{FailureKind, LoadFailure};
use crate::data::format::problem::Problem;
use crate::data::model::Dataset;

/// The export layouts Frontline reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// ACLED's CSV export.
    Acled,
    /// UCDP GED's CSV file.
    Ucdp,
}

impl Layout {
    /// The database's name, as the summary says it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Acled => "ACLED",
            Self::Ucdp => "UCDP GED",
        }
    }
}

/// An import: the dataset of the good rows, the bad rows, and what it did.
#[derive(Debug)]
pub struct Imported {
    /// The events of every good row, with their actors and sources.
    pub dataset: Dataset,
    /// One error per bad row (its line and column), in file order.
    pub bad_rows: Vec<Problem>,
    /// What the import did, for a status line or the command line.
    pub summary: ImportSummary,
    /// The line each event's row starts on, by event index: problems found in
    /// the imported dataset are placed on the file's lines with it.
    pub event_lines: Vec<u64>,
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportSummary {
    /// The layout recognised.
    pub layout: Layout,
    /// Data rows read.
    pub rows: usize,
    /// Rows that became events.
    pub events: usize,
    /// Distinct actors and sources.
    pub actors: usize,
    /// Distinct sources (publishers).
    pub sources: usize,
    /// Columns of the file that the format has no place for.
    pub not_kept: Vec<String>,
    /// Whether the first row was a header (UCDP files may come without).
    pub had_header: bool,
}

impl ImportSummary {
    /// The dataset's description: where it came from and which columns it could
    /// not keep.
    pub fn description(&self) -> String {
        let mut description = format!(
            "Imported by Frontline from the {} export: {} events from {} rows, {} actors, {} sources.",
            self.layout.name(),
            self.events,
            self.rows,
            self.actors,
            self.sources
        );
        if !self.not_kept.is_empty() {
            description.push_str(&format!(
                " Columns not kept (the format has no place for them): {}.",
                self.not_kept.join(", ")
            ));
        }
        description
    }

    /// The summary after records were left out of the imported dataset: it
    /// counts what was kept, and the dataset's description says the same.
    pub fn recount(&mut self, dataset: &mut Dataset) {
        self.events = dataset.events.len();
        self.actors = dataset.actors.len();
        self.sources = dataset.sources.len();
        dataset.description = self.description();
    }

    /// "ACLED export: 1,204 rows, 1,201 events, 37 actors, 12 sources; 3 bad rows
    /// left out; columns not kept: …".
    pub fn line(&self, bad_rows: usize) -> String {
        let mut text = format!(
            "{} export: {} rows, {} events, {} actors, {} sources",
            self.layout.name(),
            self.rows,
            self.events,
            self.actors,
            self.sources
        );
        if bad_rows > 0 {
            text.push_str(&format!("; {bad_rows} bad rows"));
        }
        if !self.had_header {
            text.push_str("; no header row (the published column order was assumed)");
        }
        if !self.not_kept.is_empty() {
            text.push_str(&format!("; columns not kept: {}", self.not_kept.join(", ")));
        }
        text
    }
}

/// Whether a file is one to import rather than a dataset: its name ends in `.csv`.
pub fn is_table(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// Imports a table from `path`, recognising its layout (or using `layout`).
/// `progress` hears the bytes read so far and returns false to cancel.
pub fn import_path(
    path: &Path,
    layout: Option<Layout>,
    progress: &dyn Fn(u64) -> bool,
) -> Result<Imported, LoadFailure> {
    let metadata = std::fs::metadata(path).map_err(|err| LoadFailure::io(&err))?;
    if !metadata.is_file() {
        return Err(LoadFailure::not_a_file(
            "is not a regular file: Frontline imports tables from files".to_owned(),
        ));
    }
    let file = std::fs::File::open(path).map_err(|err| LoadFailure::io(&err))?;
    import_reader(file, layout, progress)
}

/// Imports a table from any reader (see [`import_path`]).
pub fn import_reader(
    reader: impl Read,
    layout: Option<Layout>,
    progress: &dyn Fn(u64) -> bool,
) -> Result<Imported, LoadFailure> {
    let mut table = table::Table::open(reader, layout)?;
    let layout = table.layout;
    let mut builder = builder::Builder::new(layout);
    let mut bad_rows = Vec::new();
    let mut event_lines = Vec::new();
    let mut rows = 0usize;
    loop {
        if rows % 4096 == 4095 && !progress(table.bytes_read()) {
            return Err(LoadFailure::cancelled());
        }
        let Some(row) = table.next_row()? else {
            break;
        };
        rows += 1;
        let line = row.line;
        let result = match layout {
            Layout::Acled => acled::event(&row, &mut builder),
            Layout::Ucdp => ucdp::event(&row, &mut builder),
        };
        match result {
            Ok(event) => {
                builder.events.push(event);
                event_lines.push(line);
            }
            Err(problem) => bad_rows.push(*problem),
        }
    }
    progress(table.bytes_read());
    let not_kept = table.columns_not_kept();
    let had_header = table.had_header;
    let summary = ImportSummary {
        layout,
        rows,
        events: builder.events.len(),
        actors: builder.actor_count(),
        sources: builder.source_count(),
        not_kept,
        had_header,
    };
    let dataset = builder.finish(&summary);
    Ok(Imported {
        dataset,
        bad_rows,
        summary,
        event_lines,
    })
}

/// Places problems about the imported events on the lines of their rows, so
/// that the user finds them in the file they imported.
pub fn place_on_rows(problems: &mut [Problem], event_lines: &[u64]) {
    for problem in problems.iter_mut().filter(|p| p.position.is_none()) {
        if let Some(crate::data::Record::Event { index, .. }) = &problem.record
            && let Some(&line) = event_lines.get(*index)
        {
            problem.position = Some(crate::data::TextPosition {
                line: usize::try_from(line).unwrap_or(usize::MAX),
                column: 1,
            });
        }
    }
}

/// An import as a load: the dataset validated and indexed, or, when rows were
/// bad, a failure listing them whose `parsed` dataset holds the good rows (the
/// app's "Open without the invalid records" opens those).
pub fn load_imported(imported: Imported) -> Result<crate::data::LoadedDataset, LoadFailure> {
    if imported.bad_rows.is_empty() {
        return match crate::data::load_dataset(imported.dataset) {
            Ok(mut loaded) => {
                place_on_rows(&mut loaded.warnings, &imported.event_lines);
                Ok(loaded)
            }
            Err(mut failure) => {
                place_on_rows(&mut failure.problems, &imported.event_lines);
                Err(failure)
            }
        };
    }
    Err(LoadFailure {
        kind: FailureKind::NotValid,
        problems: imported.bad_rows,
        parsed: Some(Box::new(imported.dataset)),
    })
}
