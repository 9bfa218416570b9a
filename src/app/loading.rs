//! Opening files: the load running in the background with its progress, dropped
//! files, and what a finished load changes (a reload keeps the view). The
//! dataset on screen stays until a new one has loaded without errors.

use std::path::Path;
use std::time::Duration;

use egui::Context;

use super::FrontlineApp;
use super::dialogs::repaint;
use super::reports::{DialogAnswer, LoadRequest, Report};
use crate::command::Command;
use crate::data::{self, LoadFailure, LoadedDataset};
use crate::job::{Job, JobStatus};

/// How often the progress bar is redrawn while a file loads.
const PROGRESS_REFRESH: Duration = Duration::from_millis(50);

/// A load running in the background.
pub struct PendingLoad {
    /// What was asked for.
    pub request: LoadRequest,
    /// The file's size, for the progress bar.
    pub total_bytes: u64,
    job: Job<Result<LoadedDataset, LoadFailure>>,
}

impl PendingLoad {
    /// Bytes of the file read and parsed so far.
    pub fn bytes_done(&self) -> u64 {
        self.job.progress()
    }
}

/// Background work that opens files: at most one load and one file dialog.
#[derive(Default)]
pub struct Loading {
    /// The load in progress.
    pub pending: Option<PendingLoad>,
    /// The system's open dialog, while it is shown.
    pub(super) file_dialog: Option<Job<DialogAnswer>>,
    /// The "Add to this dataset" dialog, while it is open.
    pub(super) add_dialog: Option<Job<DialogAnswer>>,
}

impl FrontlineApp {
    /// Starts loading `path` in the background; the current dataset stays until it
    /// succeeds. A load already running is cancelled.
    pub fn open_file(&mut self, path: &Path, ctx: &Context) {
        self.start_load(path, false, false, ctx);
    }

    /// Reads `path` in the background and, once it loads, merges it with the
    /// dataset open (as `frontline merge` does); a conflict adds nothing.
    pub fn add_file(&mut self, path: &Path, ctx: &Context) {
        self.start_load(path, false, true, ctx);
    }

    /// Reads `path` again in the background; once it loads, the view (window,
    /// filters, span, selection by id) is kept.
    pub fn reload(&mut self, path: &Path, ctx: &Context) {
        let is_open = self
            .session
            .document
            .as_ref()
            .and_then(|d| d.path.as_deref())
            .is_some_and(|open| open == path);
        self.start_load(path, is_open, false, ctx);
    }

    fn start_load(&mut self, path: &Path, is_reload: bool, adding: bool, ctx: &Context) {
        self.background.loading.pending = None;
        // What the last load said no longer applies beside this one's progress.
        self.say("");
        self.session.last_opened = Some(path.to_path_buf());
        let name = path.display().to_string();
        let total_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let worker_path = path.to_path_buf();
        let job = Job::spawn("load", repaint(ctx), move |control| {
            let progress = |at| {
                control.set_progress(at);
                !control.is_cancelled()
            };
            Some(if data::import::is_table(&worker_path) {
                // An ACLED, UCDP or GDELT export: imported, then checked like any dataset.
                data::import::import_path(&worker_path, None, &progress)
                    .and_then(data::import::load_imported)
            } else if data::import::geojson::is_geojson(&worker_path) {
                open_geojson(&worker_path)
            } else {
                data::load_path(&worker_path, &progress)
            })
        });
        match job {
            Ok(job) => {
                self.background.loading.pending = Some(PendingLoad {
                    request: LoadRequest {
                        name,
                        path: path.to_path_buf(),
                        is_reload,
                        adding,
                    },
                    total_bytes,
                    job,
                });
            }
            Err(err) => self.say(format!("Could not start loading {name}: {err}")),
        }
    }

    /// Waits for the load in progress to finish and applies it (for tests and the command line).
    pub fn finish_pending_load(&mut self) {
        if let Some(pending) = self.background.loading.pending.take()
            && let Some(result) = pending.job.wait()
        {
            self.open_loaded(pending.request, result);
        }
    }

    /// Stops the load in progress; what is on screen stays.
    pub(super) fn cancel_load(&mut self) {
        if let Some(pending) = self.background.loading.pending.take() {
            self.say(format!("Cancelled loading {}", pending.request.name));
        }
    }

    /// Hands on, as reports, what background loading has finished and, as
    /// commands, the files dropped on the window.
    pub(super) fn poll_loading(
        &mut self,
        ctx: &Context,
        reports: &mut Vec<Report>,
        commands: &mut Vec<Command>,
    ) {
        if let Some(pending) = &self.background.loading.pending {
            match pending.job.poll() {
                JobStatus::Running => ctx.request_repaint_after(PROGRESS_REFRESH),
                JobStatus::Done(result) => {
                    if let Some(pending) = self.background.loading.pending.take() {
                        reports.push(Report::Load(pending.request, Box::new(result)));
                    }
                }
                JobStatus::Gone => self.background.loading.pending = None,
            }
        }
        self.poll_file_dialog(reports);
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        commands.extend(
            dropped
                .into_iter()
                .map(|file| Command::OpenFile(file.path().to_path_buf())),
        );
    }
}

/// A GeoJSON file opened in the app: its maps as one control map of an actor
/// named "Held", drawn by an organisation named after the file, checked like
/// any dataset. The command line's `frontline import geojson` names both.
fn open_geojson(path: &Path) -> Result<LoadedDataset, LoadFailure> {
    use data::import::geojson::{GeojsonOptions, date_in_file_name, import_geojson};
    let stem = path
        .file_stem()
        .map_or_else(|| "map".to_owned(), |s| s.to_string_lossy().into_owned());
    // A file without a date in its name holds many dates: in a "date" property.
    let date_property = date_in_file_name(path).is_none().then(|| "date".to_owned());
    let options = GeojsonOptions {
        actor: "held".to_owned(),
        org: stem,
        scope: String::new(),
        date_property,
        ..GeojsonOptions::default()
    };
    let mut imported =
        import_geojson(&[path.to_path_buf()], &options).map_err(LoadFailure::not_a_file)?;
    imported.dataset.description = crate::format::geojson_description(&imported.summary);
    let mut loaded = data::load_dataset(imported.dataset)?;
    if let Some(actor) = loaded.dataset.actors.first_mut() {
        "Held".clone_into(&mut actor.name);
        "Held".clone_into(&mut actor.short);
    }
    Ok(loaded)
}
