//! Opening files: the load running in the background with its progress, dropped
//! files, and what a finished load changes (a reload keeps the view). The
//! dataset on screen stays until a new one has loaded without errors.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use egui::Context;

use super::FrontlineApp;
use super::dialogs::repaint;
use crate::command::{Command, DialogAnswer, Finished, LoadRequest};
use crate::data::{self, LoadFailure, LoadedDataset};
use crate::job::{Handoff, Job, JobStatus};

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
}

impl FrontlineApp {
    /// Starts loading `path` in the background; the current dataset stays until it
    /// succeeds. A load already running is cancelled.
    pub fn open_file(&mut self, path: &Path, ctx: &Context) {
        self.start_load(path, false, ctx);
    }

    /// Reads `path` again in the background; once it loads, the view (window,
    /// filters, span, selection by id) is kept.
    pub fn reload(&mut self, path: &Path, ctx: &Context) {
        let is_open = self
            .document
            .as_ref()
            .and_then(|d| d.path.as_deref())
            .is_some_and(|open| open == path);
        self.start_load(path, is_open, ctx);
    }

    fn start_load(&mut self, path: &Path, is_reload: bool, ctx: &Context) {
        self.loading.pending = None;
        // What the last load said no longer applies beside this one's progress.
        self.say("");
        self.last_opened = Some(path.to_path_buf());
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
                data::import::geojson::open_geojson(&worker_path)
            } else {
                data::load_path(&worker_path, &progress)
            })
        });
        match job {
            Ok(job) => {
                self.loading.pending = Some(PendingLoad {
                    request: LoadRequest {
                        name,
                        path: path.to_path_buf(),
                        is_reload,
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
        if let Some(pending) = self.loading.pending.take()
            && let Some(result) = pending.job.wait()
        {
            self.apply_load(pending.request, result);
        }
    }

    /// Stops the load in progress; what is on screen stays.
    pub(super) fn cancel_load(&mut self) {
        if let Some(pending) = self.loading.pending.take() {
            self.say(format!("Cancelled loading {}", pending.request.name));
        }
    }

    /// Hands on, as commands, what background loading has finished and the
    /// files dropped on the window.
    pub(super) fn poll_loading(&mut self, ctx: &Context, finished: &mut Vec<Command>) {
        if let Some(pending) = &self.loading.pending {
            match pending.job.poll() {
                JobStatus::Running => ctx.request_repaint_after(PROGRESS_REFRESH),
                JobStatus::Done(result) => {
                    if let Some(pending) = self.loading.pending.take() {
                        finished.push(Command::Finished(Finished::Load(Handoff::new((
                            pending.request,
                            result,
                        )))));
                    }
                }
                JobStatus::Gone => self.loading.pending = None,
            }
        }
        self.poll_file_dialog(finished);
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        finished.extend(
            dropped
                .into_iter()
                .map(|file| Command::OpenFile(file.path().to_path_buf())),
        );
    }

    /// Puts a finished load on screen, or reports why it failed.
    pub(super) fn apply_load(
        &mut self,
        request: LoadRequest,
        result: Result<LoadedDataset, LoadFailure>,
    ) {
        self.recent.remember(&request.path);
        match result {
            Ok(loaded) => {
                let previous = self.document.as_ref().map(|d| Arc::clone(&d.loaded));
                let view = self.view.clone();
                let imported = data::import::is_table(&request.path)
                    || data::import::geojson::is_geojson(&request.path);
                self.show_dataset(request.name, Some(request.path), loaded);
                if imported {
                    self.say(format!(
                        "{}. To keep it as a .ron file: File menu, Save as a Frontline dataset…",
                        self.message
                    ));
                }
                if request.is_reload
                    && let (Some(old), Some(document)) = (previous, &self.document)
                {
                    let (kept, lost) = view.carried_over(&old, &document.loaded);
                    self.view = kept;
                    if let Some(lost) = lost {
                        self.say(format!("Reloaded; {lost}"));
                    } else {
                        self.say(format!("Reloaded {}", document.name));
                    }
                }
            }
            Err(failure) => self.report_failure(&request.name, Some(request.path), failure),
        }
    }
}
