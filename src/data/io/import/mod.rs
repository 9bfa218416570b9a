//! Opening the exports of the event databases researchers use, ACLED, UCDP's
//! georeferenced event dataset (GED) and GDELT 2.0's events, as Frontline
//! datasets.
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
mod frontline_parquet;
mod gdelt;
pub mod geojson;
pub mod geojson_keep;
mod parquet_in;
mod table;
mod ucdp;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use gdelt::GdeltFilter;
pub use parquet_in::is_parquet;
pub use table::{ACLED_COLUMNS, GDELT_COLUMNS, UCDP_COLUMNS};

use crate::data::format::failure::{FailureKind, LoadFailure};
use crate::data::format::problem::Problem;
use crate::data::model::Dataset;

/// The export layouts Frontline reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// ACLED's CSV export.
    Acled,
    /// UCDP GED's CSV file.
    Ucdp,
    /// GDELT 2.0's event files (tab-separated, no header) or a BigQuery export
    /// of them (CSV with a header).
    Gdelt,
    /// Frontline's own events table in Parquet, as `frontline export
    /// --parquet` writes it.
    Frontline,
}

impl Layout {
    /// The database's name, as the summary says it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Acled => "ACLED",
            Self::Ucdp => "UCDP GED",
            Self::Gdelt => "GDELT",
            Self::Frontline => "Frontline Parquet",
        }
    }

    /// The word the import command takes for it.
    pub fn command(self) -> &'static str {
        match self {
            Self::Acled => "acled",
            Self::Ucdp => "ucdp",
            Self::Gdelt => "gdelt",
            Self::Frontline => "frontline",
        }
    }

    /// Its columns, in their published order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Self::Acled => &ACLED_COLUMNS,
            Self::Ucdp => &UCDP_COLUMNS,
            Self::Gdelt => &GDELT_COLUMNS,
            Self::Frontline => &frontline_parquet::MARKS,
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
    /// The line each event's row starts on, by event index (0 for a row of a
    /// file without lines): problems found in the imported dataset are placed
    /// on the file's lines with it.
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
    /// Whether the first row was a header (UCDP and GDELT files may come without).
    pub had_header: bool,
    /// Rows left out by the import's row filter (GDELT's `--quad`, `--root`).
    pub filtered_out: usize,
    /// Files read (several for a folder or an archive).
    pub files: usize,
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
                columns_listed(&self.not_kept)
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
}

/// Whether a file is one to import rather than a dataset: a table (`.csv`,
/// `.tsv`, GDELT's `.export.CSV`, `.parquet`) or a zip archive of tables.
pub fn is_table(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["csv", "tsv", "zip", "parquet"]
            .iter()
            .any(|t| e.eq_ignore_ascii_case(t))
    })
}

/// What an import is asked for: a layout (recognised from the file when not
/// given) and which rows to keep.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The layout the files must have.
    pub layout: Option<Layout>,
    /// GDELT rows to keep, by QuadClass and root code.
    pub gdelt: GdeltFilter,
}

/// Imports a table from `path`, recognising its layout (or using `layout`).
/// `progress` hears the bytes read so far and returns false to cancel.
pub fn import_path(
    path: &Path,
    layout: Option<Layout>,
    progress: &dyn Fn(u64) -> bool,
) -> Result<Imported, LoadFailure> {
    let options = ImportOptions {
        layout,
        ..ImportOptions::default()
    };
    import_paths(&[path.to_path_buf()], &options, progress)
}

/// Imports every table of `paths` into one dataset: files, the files of a
/// folder (by name, hidden ones aside) and the tables inside zip archives, all
/// of one layout. Rows are numbered by line within their own file; a bad row's
/// problem names its file when there are several.
pub fn import_paths(
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &dyn Fn(u64) -> bool,
) -> Result<Imported, LoadFailure> {
    let files = files_of(paths)?;
    let mut import = Import::new(options, files.len() > 1);
    for file in &files {
        let name = file.display().to_string();
        let is_zip = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        let opened = std::fs::File::open(file).map_err(|err| LoadFailure::io(&err))?;
        if parquet_in::is_parquet(file) {
            let names = parquet_in::column_names(&opened).map_err(|f| import.named(f, &name))?;
            if frontline_parquet::is_frontline(&names) {
                import.read_frontline(opened, &names, &name)?;
                continue;
            }
            let mut table = parquet_in::ParquetTable::open(opened, import.layout)
                .map_err(|failure| import.named(failure, &name))?;
            import.read_rows(&mut table, &name, progress)?;
        } else if is_zip {
            let mut archive =
                zip::ZipArchive::new(std::io::BufReader::new(opened)).map_err(|err| {
                    LoadFailure::not_a_file(format!(
                        "{name} is not a zip archive Frontline can read: {err}"
                    ))
                })?;
            import.several |= archive.len() > 1;
            for entry in 0..archive.len() {
                let part = archive
                    .by_index(entry)
                    .map_err(|err| LoadFailure::not_a_file(format!("{name}: {err}")))?;
                if !part.is_file() {
                    continue;
                }
                let part_name = format!("{name}: {}", part.name().unwrap_or_default());
                import.read(part, &part_name, progress)?;
            }
        } else {
            import.read(opened, &name, progress)?;
        }
    }
    import.finish()
}

/// The files that `paths` name: each file itself, a folder's files by name.
fn files_of(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadFailure> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|err| LoadFailure::io(&err))?;
        if metadata.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|err| LoadFailure::io(&err))?
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|p| p.is_file() && is_table(p))
                .filter(|p| {
                    !p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect();
            inside.sort();
            if inside.is_empty() {
                return Err(LoadFailure::not_a_file(format!(
                    "the folder {} holds no table to import (.csv, .tsv or .zip)",
                    path.display()
                )));
            }
            files.extend(inside);
        } else if metadata.is_file() {
            files.push(path.clone());
        } else {
            return Err(LoadFailure::not_a_file(
                "is not a regular file: Frontline imports tables from files".to_owned(),
            ));
        }
    }
    Ok(files)
}

/// Imports a table from any reader (see [`import_path`]).
pub fn import_reader(
    reader: impl Read,
    layout: Option<Layout>,
    progress: &dyn Fn(u64) -> bool,
) -> Result<Imported, LoadFailure> {
    let options = ImportOptions {
        layout,
        ..ImportOptions::default()
    };
    let mut import = Import::new(&options, false);
    import.read(reader, "", progress)?;
    import.finish()
}

/// An import under way, across the tables it reads.
struct Import<'a> {
    options: &'a ImportOptions,
    /// Whether several tables are read (problems then name theirs).
    several: bool,
    builder: Option<builder::Builder>,
    layout: Option<Layout>,
    bad_rows: Vec<Problem>,
    event_lines: Vec<u64>,
    rows: usize,
    filtered_out: usize,
    files: usize,
    not_kept: Vec<String>,
    had_header: bool,
    /// Bytes of the tables read before the one being read.
    bytes_before: u64,
}

impl<'a> Import<'a> {
    fn new(options: &'a ImportOptions, several: bool) -> Self {
        Self {
            options,
            several,
            builder: None,
            layout: options.layout,
            bad_rows: Vec::new(),
            event_lines: Vec::new(),
            rows: 0,
            filtered_out: 0,
            files: 0,
            not_kept: Vec::new(),
            had_header: true,
            bytes_before: 0,
        }
    }

    /// A failure to open a table, naming it when there are several.
    fn named(&self, mut failure: LoadFailure, name: &str) -> LoadFailure {
        if self.several {
            for problem in &mut failure.problems {
                problem.message = format!("in {name}: {}", problem.message);
            }
        }
        failure
    }

    /// Reads a Parquet file of Frontline's own layout into the import.
    fn read_frontline(
        &mut self,
        file: std::fs::File,
        names: &[String],
        name: &str,
    ) -> Result<(), LoadFailure> {
        if self.layout.is_some_and(|l| l != Layout::Frontline) {
            return Err(self.named(
                LoadFailure::not_a_file(format!(
                    "this is Frontline's own Parquet layout, not a {} export: import it as frontline, or open it in the app",
                    self.layout.map_or("", |l| l.name())
                )),
                name,
            ));
        }
        self.layout = Some(Layout::Frontline);
        self.files += 1;
        let builder = self
            .builder
            .get_or_insert_with(|| builder::Builder::new(Layout::Frontline));
        let before = self.bad_rows.len();
        let first_event = builder.events.len();
        self.rows += frontline_parquet::read(file, builder, &mut self.bad_rows)?;
        let added = builder.events.len() - first_event;
        self.event_lines.extend(std::iter::repeat_n(0, added));
        if self.several {
            for problem in &mut self.bad_rows[before..] {
                problem.message = format!("in {name}: {}", problem.message);
            }
        }
        for column in frontline_parquet::columns_not_kept(names) {
            if !self.not_kept.contains(&column) {
                self.not_kept.push(column);
            }
        }
        Ok(())
    }

    /// Reads one CSV table's rows into the import.
    fn read(
        &mut self,
        reader: impl Read,
        name: &str,
        progress: &dyn Fn(u64) -> bool,
    ) -> Result<(), LoadFailure> {
        let mut table =
            table::Table::open(reader, self.layout).map_err(|failure| self.named(failure, name))?;
        self.read_rows(&mut table, name, progress)
    }

    /// Reads one table's rows into the import.
    fn read_rows(
        &mut self,
        table: &mut dyn table::Rows,
        name: &str,
        progress: &dyn Fn(u64) -> bool,
    ) -> Result<(), LoadFailure> {
        let layout = table.layout();
        self.layout = Some(layout);
        self.files += 1;
        self.had_header &= table.had_header();
        let builder = self
            .builder
            .get_or_insert_with(|| builder::Builder::new(layout));
        let filter = &self.options.gdelt;
        let has_lines = table.has_lines();
        let mut rows_here = 0usize;
        loop {
            if rows_here % 4096 == 4095 && !progress(self.bytes_before + table.bytes_read()) {
                return Err(LoadFailure::cancelled());
            }
            let Some(row) = table.next_row()? else {
                break;
            };
            rows_here += 1;
            if layout == Layout::Gdelt && !filter.is_empty() && !filter.keeps(&row) {
                self.filtered_out += 1;
                continue;
            }
            let line = row.line;
            let result = match layout {
                Layout::Acled => acled::event(&row, builder),
                Layout::Ucdp => ucdp::event(&row, builder),
                Layout::Gdelt => gdelt::event(&row, builder),
                Layout::Frontline => {
                    Err(row.problem(0, "a Frontline Parquet file is read by its own columns"))
                }
            };
            match result {
                Ok(event) => {
                    builder.events.push(&event);
                    // A Parquet row has no line to place a problem on.
                    self.event_lines.push(if has_lines { line } else { 0 });
                }
                Err(mut problem) => {
                    if self.several {
                        problem.message = format!("in {name}: {}", problem.message);
                    }
                    self.bad_rows.push(*problem);
                }
            }
        }
        self.rows += rows_here;
        self.bytes_before += table.bytes_read();
        progress(self.bytes_before);
        for column in table.columns_not_kept() {
            if !self.not_kept.contains(&column) {
                self.not_kept.push(column);
            }
        }
        Ok(())
    }

    /// The dataset of every table read.
    fn finish(self) -> Result<Imported, LoadFailure> {
        let (Some(layout), Some(builder)) = (self.layout, self.builder) else {
            return Err(LoadFailure::not_a_file(
                "nothing to import: no table was found".to_owned(),
            ));
        };
        let summary = ImportSummary {
            layout,
            rows: self.rows,
            events: builder.events.len(),
            actors: builder.actor_count(),
            sources: builder.source_count(),
            not_kept: self.not_kept,
            had_header: self.had_header,
            filtered_out: self.filtered_out,
            files: self.files,
        };
        let dataset = builder.finish(&summary);
        Ok(Imported {
            dataset,
            bad_rows: self.bad_rows,
            summary,
            event_lines: self.event_lines,
        })
    }
}

/// Places problems about the imported events on the lines of their rows, so
/// that the user finds them in the file they imported.
pub fn place_on_rows(problems: &mut [Problem], event_lines: &[u64]) {
    crate::data::format::placer::place_on_lines(problems, |problem| match &problem.record {
        Some(crate::data::Record::Event { index, .. }) => event_lines.get(*index).copied(),
        _ => None,
    });
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

/// How many columns are named before the rest are counted.
const COLUMNS_NAMED: usize = 12;

/// Columns as a summary names them: the first few, then how many more, so
/// that a file of 100,000 columns does not make a summary of 100,000 names.
pub fn columns_listed(names: &[String]) -> String {
    if names.len() <= COLUMNS_NAMED {
        return names.join(", ");
    }
    format!(
        "{} and {} more",
        names[..COLUMNS_NAMED].join(", "),
        names.len() - COLUMNS_NAMED
    )
}
