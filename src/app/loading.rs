//! Opening files: the load running in the background with its progress, the
//! system file dialog, dropped files, and what a finished load changes. The
//! dataset on screen stays until a new one has loaded without errors.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::Context;

use super::FrontlineApp;
use super::document::Document;
use crate::data::salvage;
use crate::data::{self, LoadFailure, LoadedDataset, Problem};
use crate::format;
use crate::job::{Job, JobStatus};
use crate::ui::problems::ProblemReport;
use crate::view::ViewState;

/// How often the progress bar is redrawn while a file loads.
const PROGRESS_REFRESH: Duration = Duration::from_millis(50);

/// A load running in the background.
pub struct PendingLoad {
    /// The file's name as the user gave it.
    pub name: String,
    /// The file being read.
    pub path: PathBuf,
    /// The file's size, for the progress bar.
    pub total_bytes: u64,
    /// Whether this reads the open file again, so that the view is kept.
    pub is_reload: bool,
    job: Job<Result<LoadedDataset, LoadFailure>>,
}

impl PendingLoad {
    /// Bytes of the file read and parsed so far.
    pub fn bytes_done(&self) -> u64 {
        self.job.progress()
    }
}

/// A file that failed to load, kept so that it can be opened without its
/// invalid records.
pub struct FailedLoad {
    name: String,
    path: Option<PathBuf>,
    failure: LoadFailure,
}

/// Background work that opens files: at most one load and one file dialog.
#[derive(Default)]
pub struct Loading {
    /// The load in progress.
    pub pending: Option<PendingLoad>,
    file_dialog: Option<Job<DialogAnswer>>,
}

/// What the system's file dialog answered.
pub(super) enum DialogAnswer {
    /// The user chose this file.
    Chosen(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog could be shown.
    NoDialog,
}

/// A dialog that answers "nothing chosen" sooner than this was never shown.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);

/// Asks the system's file dialog on its own thread (it blocks until answered).
pub(super) fn ask_dialog(
    ctx: &Context,
    ask: impl FnOnce() -> Option<PathBuf> + Send + 'static,
) -> std::io::Result<Job<DialogAnswer>> {
    Job::spawn("file-dialog", repaint(ctx), move |_| {
        let asked = Instant::now();
        Some(match ask() {
            Some(path) => DialogAnswer::Chosen(path),
            // No person closes a dialog this fast: there was none to show.
            None if asked.elapsed() < NO_DIALOG_WITHIN => DialogAnswer::NoDialog,
            None => DialogAnswer::Cancelled,
        })
    })
}

/// A job's wake-up call: a repaint of the window.
fn repaint(ctx: &Context) -> impl Fn() + Send + 'static {
    let ctx = ctx.clone();
    move || ctx.request_repaint()
}

impl FrontlineApp {
    /// Shows a dataset loaded elsewhere, replacing the one on screen.
    pub fn show_dataset(&mut self, name: String, path: Option<PathBuf>, loaded: LoadedDataset) {
        self.show_document(name, path, loaded, Vec::new());
    }

    fn show_document(
        &mut self,
        name: String,
        path: Option<PathBuf>,
        loaded: LoadedDataset,
        left_out: Vec<Problem>,
    ) {
        // The dataset being left keeps the view it was left in.
        self.remember_last_view();
        self.view = ViewState::for_index(&loaded.index);
        let summary = format::summary(&loaded);
        self.message = format!("Opened {name}: {summary}");
        self.document = Some(Document {
            summary,
            name,
            path,
            loaded: Arc::new(loaded),
            generation: self.next_generation,
            left_out,
        });
        self.next_generation += 1;
        self.problems = None;
        self.failed_load = None;
        self.show_file_problems = false;
        self.open_views();
    }

    /// Shows the built-in dataset again, in place of whatever is open.
    pub fn open_built_in(&mut self) {
        self.loading.pending = None;
        let name = data::load::DEFAULT_DATASET_NAME;
        match data::load_default() {
            Ok(loaded) => self.show_dataset(name.to_owned(), None, loaded),
            Err(failure) => self.report_failure(name, None, failure),
        }
    }

    /// Opens the file that last failed to load, leaving out every record with an
    /// error; they are listed in the "Problems in this file" window.
    pub fn open_without_invalid_records(&mut self) {
        let Some(failed) = self.failed_load.take() else {
            return;
        };
        match salvage::without_invalid_records(&failed.failure) {
            Some(salvaged) => {
                let left = salvaged.left_out.len();
                self.show_document(failed.name, failed.path, salvaged.loaded, salvaged.left_out);
                self.message = format!(
                    "{}; {} not displayed (see Problems in this file)",
                    self.message,
                    format::plural(left, "invalid record")
                );
                self.show_file_problems = true;
            }
            None => {
                self.message = format!(
                    "{} cannot be opened without its invalid records: some errors are about the whole file",
                    failed.name
                );
            }
        }
    }

    pub(super) fn report_failure(
        &mut self,
        name: &str,
        path: Option<PathBuf>,
        failure: LoadFailure,
    ) {
        let errors = failure.errors().count();
        let can_open_anyway = failure.parsed.is_some()
            && failure
                .errors()
                .all(|e| !matches!(e.record, None | Some(crate::data::Record::Dataset { .. })));
        self.message = format!(
            "{name} was not opened: {} (see Problems)",
            format::plural(errors, "error")
        );
        self.problems = Some(ProblemReport {
            file: name.to_owned(),
            text: failure.render(name),
            errors,
            warnings: failure.problems.len() - errors,
            can_open_anyway,
        });
        self.failed_load = can_open_anyway.then(|| FailedLoad {
            name: name.to_owned(),
            path,
            failure,
        });
    }

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
        self.message.clear();
        self.last_opened = Some(path.to_path_buf());
        let name = path.display().to_string();
        let total_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let worker_path = path.to_path_buf();
        let job = Job::spawn("load", repaint(ctx), move |control| {
            Some(data::stream_load::load_path_streaming(
                &worker_path,
                &|at| {
                    control.set_progress(at);
                    !control.is_cancelled()
                },
            ))
        });
        match job {
            Ok(job) => {
                self.loading.pending = Some(PendingLoad {
                    name,
                    path: path.to_path_buf(),
                    total_bytes,
                    is_reload,
                    job,
                });
            }
            Err(err) => self.message = format!("Could not start loading {name}: {err}"),
        }
    }

    /// Waits for the load in progress to finish and applies it (for tests and the command line).
    pub fn finish_pending_load(&mut self) {
        if let Some(pending) = self.loading.pending.take()
            && let Some(result) = pending.job.wait()
        {
            self.apply_load(pending, result);
        }
    }

    /// Stops the load in progress; what is on screen stays.
    pub(super) fn cancel_load(&mut self) {
        if let Some(pending) = self.loading.pending.take() {
            self.message = format!("Cancelled loading {}", pending.name);
        }
    }

    /// Shows the system's file dialog on its own thread (it blocks until answered).
    pub(super) fn start_file_dialog(&mut self, ctx: &Context) {
        if self.loading.file_dialog.is_some() {
            return;
        }
        let job = ask_dialog(ctx, || {
            rfd::FileDialog::new()
                .set_title("Open a Frontline dataset")
                .add_filter("Frontline dataset (RON)", &["ron"])
                .pick_file()
        });
        match job {
            Ok(job) => self.loading.file_dialog = Some(job),
            Err(_) => self.open_path.open(),
        }
    }

    /// Takes in what background work has finished and the files dropped on the window.
    pub(super) fn poll_loading(&mut self, ctx: &Context) {
        if let Some(pending) = &self.loading.pending {
            match pending.job.poll() {
                JobStatus::Running => ctx.request_repaint_after(PROGRESS_REFRESH),
                JobStatus::Done(result) => {
                    if let Some(pending) = self.loading.pending.take() {
                        self.apply_load(pending, result);
                    }
                }
                JobStatus::Gone => self.loading.pending = None,
            }
        }
        if let Some(dialog) = &self.loading.file_dialog {
            match dialog.poll() {
                JobStatus::Running => {}
                JobStatus::Done(DialogAnswer::Chosen(path)) => {
                    self.loading.file_dialog = None;
                    self.open_file(&path, ctx);
                }
                JobStatus::Done(DialogAnswer::Cancelled) => {
                    self.loading.file_dialog = None;
                    self.message =
                        "No file chosen. You can also type or paste a path: File → Open path…"
                            .to_owned();
                }
                JobStatus::Done(DialogAnswer::NoDialog) => {
                    self.loading.file_dialog = None;
                    self.message =
                        "This system shows no file dialog: type or paste the file's path instead"
                            .to_owned();
                    self.open_path.open();
                }
                JobStatus::Gone => {
                    self.loading.file_dialog = None;
                    self.open_path.open();
                }
            }
        }
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        for file in dropped {
            self.open_file(file.path(), ctx);
        }
    }

    fn apply_load(&mut self, pending: PendingLoad, result: Result<LoadedDataset, LoadFailure>) {
        self.recent.remember(&pending.path);
        match result {
            Ok(loaded) => {
                let previous = self.document.as_ref().map(|d| Arc::clone(&d.loaded));
                let view = self.view.clone();
                self.show_dataset(pending.name, Some(pending.path), loaded);
                if pending.is_reload
                    && let (Some(old), Some(document)) = (previous, &self.document)
                {
                    let (kept, lost) = view.carried_over(&old, &document.loaded);
                    self.view = kept;
                    if let Some(lost) = lost {
                        self.message = format!("Reloaded; {lost}");
                    } else {
                        self.message = format!("Reloaded {}", document.name);
                    }
                }
            }
            Err(failure) => self.report_failure(&pending.name, Some(pending.path), failure),
        }
    }
}
