//! Command-line actions that need no window: `check`, `export`, `import` and
//! `generate` here; `areas`, `merge` and `compare` (control maps) in [`maps`].

mod maps;

pub use maps::{CompareRequest, MergeRequest, areas, compare, merge};

use std::io::Write;
use std::path::PathBuf;

use crate::data::filter::EventFilter;
use crate::data::import::Imported;
use crate::data::map::GeoBox;
use crate::data::{self, Confidence, PartialDate, export};
use crate::format::{plural, summary};

/// Exit code: every file is valid.
pub const EXIT_OK: i32 = 0;
/// Exit code: at least one file is not valid.
pub const EXIT_INVALID: i32 = 1;
/// Exit code: the command line was wrong.
pub const EXIT_USAGE: i32 = 2;

/// Validates each file and writes a summary line per valid file, or every problem.
/// Returns the process exit code.
pub fn check(paths: &[PathBuf], out: &mut dyn Write) -> i32 {
    if paths.is_empty() {
        let _ = writeln!(out, "frontline check: name at least one dataset file");
        return EXIT_USAGE;
    }
    let mut code = EXIT_OK;
    for path in paths {
        let name = path.display().to_string();
        // An export (CSV, Parquet, GDELT's files) is imported, then checked
        // as the dataset it becomes.
        let loaded = if data::import::is_table(path) {
            data::import::import_path(path, None, &|_| true).and_then(data::import::load_imported)
        } else {
            data::load_path(path, &data::no_progress)
        };
        match loaded {
            Ok(loaded) => {
                let _ = write!(
                    out,
                    "{}",
                    data::problem::render_all(&loaded.warnings, &name)
                );
                let _ = writeln!(out, "{name}: ok, {}", summary(&loaded));
            }
            Err(failure) => {
                code = EXIT_INVALID;
                let _ = write!(out, "{}", failure.render(&name));
                let errors = failure.errors().count();
                let warnings = failure.problems.len() - errors;
                let _ = writeln!(
                    out,
                    "{name}: not valid, {} and {}",
                    plural(errors, "error"),
                    plural(warnings, "warning")
                );
            }
        }
    }
    code
}

/// The input `output` would overwrite: one of `inputs` itself, or a file
/// that an input folder holds and an import would read.
pub(crate) fn overwritten_input(output: &std::path::Path, inputs: &[PathBuf]) -> Option<PathBuf> {
    let output = std::fs::canonicalize(output).ok()?;
    inputs.iter().find_map(|input| {
        let input = std::fs::canonicalize(input).ok()?;
        let read_from_folder = input.is_dir()
            && output.parent() == Some(input.as_path())
            && output
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| {
                    ["geojson", "json", "csv", "tsv", "zip", "parquet"]
                        .iter()
                        .any(|known| e.eq_ignore_ascii_case(known))
                });
        (input == output || read_from_folder).then(|| output.clone())
    })
}

/// `frontline import geojson`: the files' maps as one control map, checked
/// like any dataset and written as RON.
fn import_geojson(
    request: &ImportRequest,
    name: &str,
    out: &mut dyn Write,
    log: &mut dyn Write,
) -> i32 {
    use data::import::geojson_keep::{Where, preset};
    let filters = match request
        .keep_where
        .iter()
        .map(|w| Where::parse(w))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(filters) => Where::combined(filters),
        Err(message) => {
            let _ = writeln!(log, "frontline import: {message}");
            return EXIT_USAGE;
        }
    };
    let preset = match request.preset.as_deref().map(preset).transpose() {
        Ok(preset) => preset,
        Err(message) => {
            let _ = writeln!(log, "frontline import: {message}");
            return EXIT_USAGE;
        }
    };
    if let Some(color) = &request.color
        && data::validate::parse_hex_color(color).is_none()
    {
        let _ = writeln!(
            log,
            "frontline import: --color {color:?}: give a colour as #rrggbb"
        );
        return EXIT_USAGE;
    }
    let options = data::import::geojson::GeojsonOptions {
        actor: request.actor.clone().unwrap_or_default(),
        org: request.org.clone().unwrap_or_default(),
        scope: request.scope.clone().unwrap_or_default(),
        date_property: request.date_property.clone(),
        filters,
        preset,
        actor_name: request.name.clone(),
        actor_color: request.color.clone(),
        link_from: request
            .output
            .as_deref()
            .filter(|_| request.link)
            .map(data::format::map_files::folder_of),
    };
    let mut imported = match data::import::geojson::import_geojson(&request.files, &options) {
        Ok(imported) => imported,
        Err(message) => {
            let _ = writeln!(log, "{message}");
            let _ = writeln!(log, "{name}: nothing imported");
            return EXIT_INVALID;
        }
    };
    for empty in &imported.summary.empty_files {
        let _ = writeln!(
            log,
            "{empty}: warning: no feature of this file made a map (the preset or --where left every one out)"
        );
    }
    for (date, files) in &imported.summary.shared_dates {
        let _ = writeln!(
            log,
            "{name}: warning: {} files of {date} made one snapshot, citing the first ({})",
            files.len(),
            files.join(", ")
        );
    }
    let summary = crate::format::geojson_summary(&imported.summary);
    imported.dataset.description = crate::format::geojson_description(&imported.summary);
    let loaded = match data::load_dataset(imported.dataset) {
        Ok(loaded) => loaded,
        Err(failure) => {
            let _ = write!(log, "{}", failure.render(name));
            let _ = writeln!(
                log,
                "{name}: not a valid dataset once imported; nothing written"
            );
            return EXIT_INVALID;
        }
    };
    let _ = write!(log, "{}", data::problem::render_all(&loaded.warnings, name));
    let written = match &request.output {
        Some(path) => {
            let first = request.files.first().map(PathBuf::as_path);
            export::write_atomically(path, first, |w| data::load::write_ron(&loaded.dataset, w))
                .map_err(|err| format!("{}: {err}", path.display()))
        }
        None => data::load::write_ron(&loaded.dataset, std::io::BufWriter::new(out))
            .map_err(|err| format!("frontline import: cannot write: {err}")),
    };
    if let Err(message) = written {
        let _ = writeln!(log, "{message}");
        return EXIT_INVALID;
    }
    let _ = writeln!(log, "{name}: {summary}");
    EXIT_OK
}

/// What `frontline export` was asked for.
#[derive(clap::Args, Debug)]
pub struct ExportRequest {
    /// The dataset file.
    pub file: PathBuf,
    /// Where to write the events as CSV.
    #[arg(long = "csv", value_name = "OUT.csv", required_unless_present_any = ["events_parquet", "series_csv", "series_parquet"])]
    pub events_csv: Option<PathBuf>,
    /// Where to write the events as Parquet (lists kept as lists).
    #[arg(long = "parquet", value_name = "OUT.parquet")]
    pub events_parquet: Option<PathBuf>,
    /// Where to write every series' figures as CSV.
    #[arg(long = "series", value_name = "OUT.csv")]
    pub series_csv: Option<PathBuf>,
    /// Where to write every series' figures as Parquet.
    #[arg(long = "series-parquet", value_name = "OUT.parquet")]
    pub series_parquet: Option<PathBuf>,
    /// Only events naming this actor (by id); repeat for several.
    #[arg(long = "actor", value_name = "ID")]
    pub actors: Vec<String>,
    /// Only events with this tag; repeat for several.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only events at this confidence (confirmed, reported, claimed, disputed, unverified).
    #[arg(long = "confidence", value_name = "LEVEL")]
    pub confidence: Vec<String>,
    /// Only events ending on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only events starting on or before this date.
    #[arg(long)]
    pub to: Option<String>,
    /// Only events matching this text, as the app's search does.
    #[arg(long)]
    pub search: Option<String>,
    /// Only events of this kind ("Battles"); repeat for several.
    #[arg(long = "kind", value_name = "KIND")]
    pub kinds: Vec<String>,
    /// Only events whose best estimate of deaths is at least this.
    #[arg(long = "min-deaths", value_name = "N")]
    pub min_deaths: Option<u32>,
    /// Only events placed in this box: two corners, in degrees of longitude
    /// and latitude ("35.2,33.4,36.1,34.0").
    #[arg(long, value_name = "LON1,LAT1,LON2,LAT2", allow_hyphen_values = true)]
    pub bbox: Option<String>,
}

/// Writes the chosen events (and figures) of a dataset as CSV. Returns the exit code.
pub fn export(request: &ExportRequest, out: &mut dyn Write) -> i32 {
    let name = request.file.display().to_string();
    let loaded = match data::load_path(&request.file, &data::no_progress) {
        Ok(loaded) => loaded,
        Err(failure) => {
            let _ = write!(out, "{}", failure.render(&name));
            let _ = writeln!(out, "{name}: not valid, nothing exported");
            return EXIT_INVALID;
        }
    };
    let filter = match export_filter(&loaded, request) {
        Ok(filter) => filter,
        Err(message) => {
            let _ = writeln!(out, "frontline export: {message}");
            return EXIT_USAGE;
        }
    };
    let events = export::chosen_events(&loaded, &filter, request.search.as_deref(), None);
    let dataset = Some(request.file.as_path());
    let of_all = format!(
        "{} of {}",
        plural(events.len(), "event"),
        loaded.dataset.events.len()
    );
    let figures = plural(loaded.index.point_count, "figure");
    let written = [
        request.events_csv.as_ref().map(|path| {
            let done = export::write_atomically(path, dataset, |w| {
                export::write_events_csv(&loaded, &events, w)
            });
            (path, done, &of_all)
        }),
        request.events_parquet.as_ref().map(|path| {
            let done = export::write_atomically(path, dataset, |w| {
                data::io::export_parquet::write_events_parquet(&loaded, &events, w)
            });
            (path, done, &of_all)
        }),
        request.series_csv.as_ref().map(|path| {
            let done =
                export::write_atomically(path, dataset, |w| export::write_series_csv(&loaded, w));
            (path, done, &figures)
        }),
        request.series_parquet.as_ref().map(|path| {
            let done = export::write_atomically(path, dataset, |w| {
                data::io::export_parquet::write_figures_parquet(&loaded, w)
            });
            (path, done, &figures)
        }),
    ];
    for (path, done, what) in written.into_iter().flatten() {
        if let Err(err) = done {
            let _ = writeln!(out, "{}: {err}", path.display());
            return EXIT_INVALID;
        }
        let _ = writeln!(out, "{}: {what}", path.display());
    }
    EXIT_OK
}

/// The app's filter for the command line's options; says what is wrong with one.
fn export_filter(
    loaded: &data::LoadedDataset,
    request: &ExportRequest,
) -> Result<EventFilter, String> {
    let mut filter = EventFilter::default();
    for id in &request.actors {
        if !loaded.index.actor_by_id.contains_key(id) {
            let known: Vec<&str> = loaded
                .dataset
                .actors
                .iter()
                .map(|a| a.id.as_str())
                .collect();
            return Err(format!(
                "no actor {id:?} in this dataset (its actors: {})",
                known.join(", ")
            ));
        }
        filter.actors.insert(id.clone());
    }
    filter.tags.extend(request.tags.iter().cloned());
    filter.kinds.extend(request.kinds.iter().cloned());
    filter.min_fatalities = request.min_deaths;
    for name in &request.confidence {
        let level = Confidence::ALL
            .into_iter()
            .find(|c| c.label().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                format!("no confidence level {name:?} (confirmed, reported, claimed, disputed, unverified)")
            })?;
        filter.confidence.insert(level);
    }
    let date = |text: &Option<String>| -> Result<Option<PartialDate>, String> {
        text.as_deref()
            .map(|t| {
                t.parse::<PartialDate>()
                    .map_err(|err| err.to_string())
                    .and_then(|d| d.check().map(|()| d))
            })
            .transpose()
    };
    filter.from = date(&request.from)?;
    filter.to = date(&request.to)?;
    filter.area = request
        .bbox
        .as_deref()
        .map(|text| GeoBox::parse(text).map_err(|err| format!("--bbox: {err}")))
        .transpose()?;
    Ok(filter)
}

/// Which event database an export comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Database {
    /// ACLED's CSV export.
    Acled,
    /// UCDP GED's CSV file (with or without its header row).
    Ucdp,
    /// GDELT 2.0 event files (tab-separated, zipped or not) or a BigQuery
    /// export of `gdelt-bq.gdeltv2.events` (CSV with a header).
    Gdelt,
    /// Frontline's own events table in Parquet (`frontline export --parquet`),
    /// as written back by DuckDB, pandas or Spark.
    Frontline,
    /// Control maps in GeoJSON: one file per date (the date in its name), or
    /// one file whose features carry a date property (`--date-property`).
    Geojson,
}

/// `frontline import acled|ucdp|gdelt|frontline FILE_OR_FOLDER... [-o OUT] [--keep-good-rows]
/// [--quad N] [--root CODES]`.
#[derive(Clone, Debug, clap::Args)]
pub struct ImportRequest {
    /// The database the export comes from.
    #[arg(value_enum)]
    pub database: Database,
    /// The files: tables (.csv, .tsv), zip archives of them, or folders of
    /// either (GDELT's 15-minute files); all go into one dataset.
    #[arg(required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// Where to write the dataset (standard output without it).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Import the good rows when some are bad (by default nothing is imported
    /// then, and every bad row is listed).
    #[arg(long)]
    pub keep_good_rows: bool,
    /// GDELT: only rows of these QuadClass values (4: material conflict),
    /// left out before anything is held in memory. Comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Vec<u8>,
    /// GDELT: only rows of these CAMEO root codes ("18,19,20"). Comma-separated.
    #[arg(long = "root", value_delimiter = ',')]
    pub roots: Vec<String>,
    /// GeoJSON: the actor whose territory the maps show, by id.
    #[arg(long, required_if_eq("database", "geojson"))]
    pub actor: Option<String>,
    /// GeoJSON: who drew the maps ("DeepState").
    #[arg(long, required_if_eq("database", "geojson"))]
    pub org: Option<String>,
    /// GeoJSON: what the maps cover ("Ukraine").
    #[arg(long)]
    pub scope: Option<String>,
    /// GeoJSON: the feature property holding each feature's date, for one
    /// file of many dates.
    #[arg(long)]
    pub date_property: Option<String>,
    /// GeoJSON: keep only features whose PROPERTY has VALUE (`P=V`; repeat
    /// for several values of one property: any will do), holds TEXT whatever
    /// the case (`P~TEXT`), or has not VALUE (`P!=V`). Different properties
    /// must all pass.
    #[arg(long = "where", value_name = "PROPERTY=VALUE")]
    pub keep_where: Vec<String>,
    /// GeoJSON: how the monitor publishes its maps, so that only what makes
    /// its map is kept: deepstate (its raw export), isw, nzz.
    #[arg(long)]
    pub preset: Option<String>,
    /// GeoJSON: the name of the actor the import makes ("Russia").
    #[arg(long)]
    pub name: Option<String>,
    /// GeoJSON: its colour, #rrggbb.
    #[arg(long)]
    pub color: Option<String>,
    /// GeoJSON: each snapshot names its file (which must be inside the output's
    /// folder) instead of holding a copy of its polygons; one file per date,
    /// without --where.
    #[arg(long, requires = "output", conflicts_with_all = ["keep_where", "date_property", "preset"])]
    pub link: bool,
}

/// Imports an export and writes it as a Frontline dataset: to `request.output`,
/// or to `out`. What it did, and every bad row, goes to `log`. Exit 0 when
/// written, 1 when the file cannot be read or has bad rows (without
/// `--keep-good-rows`) or the output cannot be written.
pub fn import(request: &ImportRequest, out: &mut dyn Write, log: &mut dyn Write) -> i32 {
    if let Some(output) = &request.output
        && let Some(input) = overwritten_input(output, &request.files)
    {
        let _ = writeln!(
            log,
            "frontline import: -o {} would overwrite {}, which the import reads; nothing imported",
            output.display(),
            input.display()
        );
        return EXIT_USAGE;
    }
    let name = match request.files.as_slice() {
        [one] => one.display().to_string(),
        [first, ..] => format!("{} and {} more", first.display(), request.files.len() - 1),
        [] => String::new(),
    };
    let layout = match request.database {
        Database::Acled => data::import::Layout::Acled,
        Database::Ucdp => data::import::Layout::Ucdp,
        Database::Gdelt => data::import::Layout::Gdelt,
        Database::Frontline => data::import::Layout::Frontline,
        Database::Geojson => return import_geojson(request, &name, out, log),
    };
    if let Err(code) = check_table_flags(request, layout, log) {
        return code;
    }
    let options = data::import::ImportOptions {
        layout: Some(layout),
        gdelt: data::import::GdeltFilter {
            quad: request.quad.clone(),
            roots: request.roots.clone(),
        },
    };
    let imported = match data::import::import_paths(&request.files, &options, &|_| true) {
        Ok(imported) => imported,
        Err(failure) => {
            let _ = write!(log, "{}", failure.render(&name));
            let _ = writeln!(log, "{name}: nothing imported");
            return EXIT_INVALID;
        }
    };
    let bad = imported.bad_rows.len();
    for problem in &imported.bad_rows {
        let _ = writeln!(log, "{}", problem.render(&name));
    }
    if bad > 0 && !request.keep_good_rows {
        let _ = writeln!(
            log,
            "{name}: {}; nothing imported (--keep-good-rows imports the other rows)",
            plural(bad, "bad row")
        );
        return EXIT_INVALID;
    }
    let Imported {
        dataset,
        mut summary,
        event_lines,
        ..
    } = imported;
    let mut loaded = match check_imported(dataset, &event_lines, request, &name, log) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let _ = write!(
        log,
        "{}",
        data::problem::render_all(&loaded.warnings, &name)
    );
    summary.recount(&mut loaded.dataset);
    let summary = crate::format::import_summary(&summary, bad);
    write_imported(request, &loaded, (&name, &summary), out, log)
}

/// Refuses the GeoJSON and GDELT flags on a table of another kind.
fn check_table_flags(
    request: &ImportRequest,
    layout: data::import::Layout,
    log: &mut dyn Write,
) -> Result<(), i32> {
    if request.actor.is_some()
        || request.org.is_some()
        || request.scope.is_some()
        || request.date_property.is_some()
        || !request.keep_where.is_empty()
        || request.preset.is_some()
        || request.name.is_some()
        || request.color.is_some()
        || request.link
    {
        let _ = writeln!(
            log,
            "frontline import: --actor, --org, --scope, --date-property, --where, --preset, --name, --color and --link apply to GeoJSON only"
        );
        return Err(EXIT_USAGE);
    }
    if layout != data::import::Layout::Gdelt
        && !(request.quad.is_empty() && request.roots.is_empty())
    {
        let _ = writeln!(
            log,
            "frontline import: --quad and --root apply to GDELT only"
        );
        return Err(EXIT_USAGE);
    }
    Ok(())
}

/// The imported dataset checked like any other, its problems placed on the
/// rows they came from; with `--keep-good-rows`, without its invalid records.
fn check_imported(
    dataset: data::Dataset,
    event_lines: &[u64],
    request: &ImportRequest,
    name: &str,
    log: &mut dyn Write,
) -> Result<data::LoadedDataset, i32> {
    match data::load_dataset(dataset) {
        Ok(mut loaded) => {
            data::import::place_on_rows(&mut loaded.warnings, event_lines);
            Ok(loaded)
        }
        Err(mut failure) => {
            data::import::place_on_rows(&mut failure.problems, event_lines);
            let _ = write!(log, "{}", failure.render(name));
            let salvaged = request
                .keep_good_rows
                .then(|| data::salvage::without_invalid_records(&failure))
                .flatten();
            match salvaged {
                Some(salvaged) => {
                    let _ = writeln!(
                        log,
                        "{name}: {} left out",
                        plural(salvaged.left_out.len(), "invalid record")
                    );
                    Ok(salvaged.loaded)
                }
                None => {
                    let _ = writeln!(
                        log,
                        "{name}: not a valid dataset once imported; nothing written"
                    );
                    Err(EXIT_INVALID)
                }
            }
        }
    }
}

/// Writes the imported dataset to `--output` (atomically) or to `out`, and
/// says what was imported.
fn write_imported(
    request: &ImportRequest,
    loaded: &data::LoadedDataset,
    (name, summary): (&str, &str),
    out: &mut dyn Write,
    log: &mut dyn Write,
) -> i32 {
    match &request.output {
        Some(path) => {
            let first = request.files.first().map(PathBuf::as_path);
            let written = export::write_atomically(path, first, |w| {
                data::load::write_ron(&loaded.dataset, w)
            });
            if let Err(err) = written {
                let _ = writeln!(log, "{}: {err}", path.display());
                return EXIT_INVALID;
            }
            let _ = writeln!(log, "{}: {summary}", path.display());
        }
        None => {
            let written = data::load::write_ron(&loaded.dataset, std::io::BufWriter::new(out));
            if let Err(err) = written {
                let _ = writeln!(log, "frontline import: cannot write: {err}");
                return EXIT_INVALID;
            }
            let _ = writeln!(log, "{name}: {summary}");
        }
    }
    EXIT_OK
}
