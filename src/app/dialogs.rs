//! The system's file dialogs, asked on their own thread (they block until
//! answered), and what their answers mean. A dialog that answers "nothing
//! chosen" at once was never shown: the app then offers to type a path.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::Context;

use super::reports::{DialogAnswer, Report};
use super::{FrontlineApp, Prompted};
use crate::job::{Job, JobStatus};

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
pub(super) fn repaint(ctx: &Context) -> impl Fn() + Send + 'static {
    let ctx = ctx.clone();
    move || ctx.request_repaint()
}

impl FrontlineApp {
    /// Shows the system's file dialog on its own thread (it blocks until answered).
    pub(super) fn start_file_dialog(&mut self, ctx: &Context) {
        if self.background.loading.file_dialog.is_some() {
            return;
        }
        let job = ask_dialog(ctx, || {
            rfd::FileDialog::new()
                .set_title("Open a Frontline dataset")
                .add_filter("Frontline dataset (RON)", &["ron"])
                .add_filter(
                    "ACLED, UCDP or GDELT export, or Parquet",
                    &["csv", "CSV", "tsv", "zip", "parquet"],
                )
                .add_filter("Control map (GeoJSON)", &["geojson"])
                .pick_file()
        });
        match job {
            Ok(job) => self.background.loading.file_dialog = Some(job),
            Err(_) => self.ask(Prompted::OpenPath, ""),
        }
    }

    /// Asks which file to add to the dataset open, on its own thread.
    pub(super) fn start_add_dialog(&mut self, ctx: &Context) {
        if self.background.loading.add_dialog.is_some() {
            return;
        }
        let job = ask_dialog(ctx, || {
            rfd::FileDialog::new()
                .set_title("Add to this dataset")
                .add_filter("Frontline dataset (RON)", &["ron"])
                .add_filter("Control map (GeoJSON)", &["geojson"])
                .add_filter(
                    "ACLED, UCDP or GDELT export, or Parquet",
                    &["csv", "CSV", "tsv", "zip", "parquet"],
                )
                .pick_file()
        });
        match job {
            Ok(job) => self.background.loading.add_dialog = Some(job),
            Err(_) => {
                self.say(
                    "No file dialog could be shown: add a file with `frontline merge` instead",
                );
            }
        }
    }

    /// Hands on the open and add dialogs' answers as reports.
    pub(super) fn poll_file_dialog(&mut self, reports: &mut Vec<Report>) {
        let loading = &mut self.background.loading;
        for (slot, report) in [
            (
                &mut loading.file_dialog,
                Report::OpenDialog as fn(DialogAnswer) -> Report,
            ),
            (&mut loading.add_dialog, Report::AddDialog),
        ] {
            let Some(dialog) = slot else {
                continue;
            };
            let answer = match dialog.poll() {
                JobStatus::Running => continue,
                JobStatus::Done(answer) => answer,
                JobStatus::Gone => DialogAnswer::NoDialog,
            };
            *slot = None;
            reports.push(report(answer));
        }
    }

    /// Opens what the open dialog chose, or says why nothing was.
    pub(super) fn answer_open_dialog(&mut self, answer: DialogAnswer, ctx: &Context) {
        match answer {
            DialogAnswer::Chosen(path) => self.open_file(&path, ctx),
            DialogAnswer::Cancelled => {
                self.say("No file chosen. You can also type or paste a path: File → Open path…");
            }
            DialogAnswer::NoDialog => {
                self.say("This system shows no file dialog: type or paste the file's path instead");
                self.ask(Prompted::OpenPath, "");
            }
        }
    }
}
