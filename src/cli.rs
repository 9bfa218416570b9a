//! Command-line actions that need no window: `check`, `export` and `generate`.

use std::io::Write;
use std::path::PathBuf;

use crate::data::filter::EventFilter;
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
        match data::load_path(path) {
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

/// What `frontline export` was asked for.
#[derive(clap::Args, Debug)]
pub struct ExportRequest {
    /// The dataset file.
    pub file: PathBuf,
    /// Where to write the events.
    #[arg(long = "csv", value_name = "OUT.csv")]
    pub events_csv: PathBuf,
    /// Where to write every series' figures.
    #[arg(long = "series", value_name = "OUT.csv")]
    pub series_csv: Option<PathBuf>,
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
}

/// Writes the chosen events (and figures) of a dataset as CSV. Returns the exit code.
pub fn export(request: &ExportRequest, out: &mut dyn Write) -> i32 {
    let name = request.file.display().to_string();
    let loaded = match data::load_path(&request.file) {
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
    let written = export::write_atomically(&request.events_csv, dataset, |w| {
        export::write_events_csv(&loaded, &events, w)
    });
    if let Err(err) = written {
        let _ = writeln!(out, "{}: {err}", request.events_csv.display());
        return EXIT_INVALID;
    }
    let _ = writeln!(
        out,
        "{}: {} of {}",
        request.events_csv.display(),
        plural(events.len(), "event"),
        loaded.dataset.events.len()
    );
    if let Some(series_csv) = &request.series_csv {
        if let Err(err) = export::write_atomically(series_csv, dataset, |w| {
            export::write_series_csv(&loaded, w)
        }) {
            let _ = writeln!(out, "{}: {err}", series_csv.display());
            return EXIT_INVALID;
        }
        let _ = writeln!(
            out,
            "{}: {}",
            series_csv.display(),
            plural(loaded.index.point_count, "figure")
        );
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
        let actor = loaded.index.actor_by_id.get(id).ok_or_else(|| {
            let known: Vec<&str> = loaded
                .dataset
                .actors
                .iter()
                .map(|a| a.id.as_str())
                .collect();
            format!(
                "no actor {id:?} in this dataset (its actors: {})",
                known.join(", ")
            )
        })?;
        filter.actors.insert(*actor);
    }
    filter.tags.extend(request.tags.iter().cloned());
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
    Ok(filter)
}
