//! Exporting from the app: the events on show (filters, search and span as on
//! screen) or every figure, as CSV, to a file the user chooses. Where no file
//! dialog can be shown, the file goes beside the dataset under a new name, and
//! the status bar says where. The dataset itself is never written.

use std::path::{Path, PathBuf};

use egui::Context;

use super::FrontlineApp;
use super::loading::{DialogAnswer, ask_dialog};
use crate::data::export;
use crate::format;
use crate::job::{Job, JobStatus};

/// What is exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The events on show.
    Events,
    /// Every figure of every series.
    Figures,
}

impl ExportKind {
    fn suffix(self) -> &'static str {
        match self {
            Self::Events => "events",
            Self::Figures => "figures",
        }
    }
}

/// A save dialog waiting for an answer.
#[derive(Default)]
pub struct Exporting {
    dialog: Option<(ExportKind, Job<DialogAnswer>)>,
}

impl FrontlineApp {
    /// Asks where to export, then exports.
    pub(super) fn start_export(&mut self, kind: ExportKind, ctx: &Context) {
        if self.exporting.dialog.is_some() || self.document.is_none() {
            return;
        }
        let suggested = self.default_export_path(kind);
        let name = suggested
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let folder = suggested.parent().map(Path::to_path_buf);
        let job = ask_dialog(ctx, move || {
            let mut dialog = rfd::FileDialog::new()
                .set_title("Export as CSV")
                .add_filter("CSV", &["csv"])
                .set_file_name(name);
            if let Some(folder) = folder {
                dialog = dialog.set_directory(folder);
            }
            dialog.save_file()
        });
        match job {
            Ok(job) => self.exporting.dialog = Some((kind, job)),
            Err(_) => self.export_to(kind, &suggested),
        }
    }

    /// Takes in the save dialog's answer.
    pub(super) fn poll_exporting(&mut self) {
        let Some((kind, job)) = &self.exporting.dialog else {
            return;
        };
        let kind = *kind;
        let answer = match job.poll() {
            JobStatus::Running => return,
            JobStatus::Done(answer) => Some(answer),
            JobStatus::Gone => None,
        };
        self.exporting.dialog = None;
        match answer {
            Some(DialogAnswer::Chosen(path)) => self.export_to(kind, &path),
            Some(DialogAnswer::Cancelled) => self.message = "Nothing exported".to_owned(),
            Some(DialogAnswer::NoDialog) | None => {
                let path = self.default_export_path(kind);
                self.export_to(kind, &path);
            }
        }
    }

    /// Exports to `path` and says what happened in the status bar.
    pub fn export_to(&mut self, kind: ExportKind, path: &Path) {
        let Some(document) = &self.document else {
            return;
        };
        let loaded = &document.loaded;
        let dataset = document.path.as_deref();
        let (result, what) = match kind {
            ExportKind::Events => {
                let query = self.panels.event_list.query();
                let search = Some(query).filter(|q| !q.trim().is_empty());
                let events =
                    export::chosen_events(loaded, &self.view.filter, search, self.view.span);
                let what = format::plural(events.len(), "event");
                let result = export::write_atomically(path, dataset, |w| {
                    export::write_events_csv(loaded, &events, w)
                });
                (result, what)
            }
            ExportKind::Figures => {
                let what = format::plural(loaded.index.point_count, "figure");
                let result = export::write_atomically(path, dataset, |w| {
                    export::write_series_csv(loaded, w)
                });
                (result, what)
            }
        };
        self.message = match result {
            Ok(()) => format!("Exported {what} to {}", path.display()),
            Err(err) => format!("Nothing exported to {}: {err}", path.display()),
        };
    }

    /// Beside the dataset (or in the working folder for the built-in one), under
    /// a name no file has yet: "is-territory-events.csv", "…-events-2.csv".
    fn default_export_path(&self, kind: ExportKind) -> PathBuf {
        let (folder, stem) = match self.document.as_ref().and_then(|d| d.path.as_deref()) {
            Some(path) => (
                path.parent().map(Path::to_path_buf).unwrap_or_default(),
                path.file_stem().map_or_else(
                    || "dataset".to_owned(),
                    |s| s.to_string_lossy().into_owned(),
                ),
            ),
            None => (PathBuf::from("."), "frontline".to_owned()),
        };
        let suffix = kind.suffix();
        (1..)
            .map(|n| {
                let name = if n == 1 {
                    format!("{stem}-{suffix}.csv")
                } else {
                    format!("{stem}-{suffix}-{n}.csv")
                };
                folder.join(name)
            })
            .find(|candidate| !candidate.exists())
            .unwrap_or_else(|| folder.join(format!("{stem}-{suffix}.csv")))
    }
}
