//! Exporting from the app: the events on show (filters, search and span as on
//! screen) or every figure, as CSV or Parquet, to a file the user chooses. Where no file
//! dialog can be shown, the file goes beside the dataset under a new name, and
//! the status bar says where. The dataset's own file is never written over; an
//! open dataset (an imported export, say) can be saved as a new Frontline file.

use std::path::{Path, PathBuf};

use egui::Context;

use super::FrontlineApp;
use super::dialogs::ask_dialog;
use super::reports::{DialogAnswer, Report};
pub use crate::command::ExportKind;
use crate::data::export;
use crate::data::io::export_parquet;
use crate::format;
use crate::job::{Job, JobStatus};

/// A save dialog waiting for an answer.
#[derive(Default)]
pub struct Exporting {
    dialog: Option<(ExportKind, Job<DialogAnswer>)>,
    /// What the screenshot's writer said, once the window's pixels are read.
    picture: Option<std::sync::mpsc::Receiver<String>>,
    /// A dataset being saved in the background (a million events take seconds).
    saving: Option<Job<String>>,
    /// The folder dialog for playback frames, while it is shown.
    frames_dialog: Option<Job<DialogAnswer>>,
}

impl FrontlineApp {
    /// Asks where to export, then exports.
    pub(super) fn start_export(&mut self, kind: ExportKind, ctx: &Context) {
        if self.background.exporting.dialog.is_some() || self.session.document.is_none() {
            return;
        }
        let suggested = self.default_export_path(kind);
        let name = suggested
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let folder = suggested.parent().map(Path::to_path_buf);
        let job = ask_dialog(ctx, move || {
            let (title, filter) = match kind {
                ExportKind::View => ("Export the view as PNG", "PNG image"),
                ExportKind::Dataset => ("Save as a Frontline dataset", "Frontline dataset"),
                ExportKind::Events | ExportKind::Figures => ("Export as CSV", "CSV"),
                ExportKind::EventsParquet | ExportKind::FiguresParquet => {
                    ("Export as Parquet", "Apache Parquet")
                }
            };
            let mut dialog = rfd::FileDialog::new()
                .set_title(title)
                .add_filter(filter, &[kind.extension()])
                .set_file_name(name);
            if let Some(folder) = folder {
                dialog = dialog.set_directory(folder);
            }
            dialog.save_file()
        });
        match job {
            Ok(job) => self.background.exporting.dialog = Some((kind, job)),
            Err(_) if kind == ExportKind::View => self.capture_view(&suggested, ctx),
            Err(_) => self.export_to(kind, &suggested),
        }
    }

    /// Asks for the window's pixels as the next frame shows them, and writes
    /// them to `path` as PNG.
    pub fn capture_view(&mut self, path: &Path, ctx: &Context) {
        let (said, picture) = std::sync::mpsc::channel();
        let path = path.to_path_buf();
        let dataset = self.session.document.as_ref().and_then(|d| d.path.clone());
        let wake = ctx.clone();
        ctx.request_screenshot(move |image| {
            let message = match write_picture(&image, &path, dataset.as_deref()) {
                Ok([width, height]) => {
                    format!("Exported the view ({width}×{height}) to {}", path.display())
                }
                Err(err) => format!("Nothing exported to {}: {err}", path.display()),
            };
            let _ = said.send(message);
            wake.request_repaint();
        });
        // The status bar keeps what it said: the picture shows the window as it is.
        self.background.exporting.picture = Some(picture);
    }

    /// Waits for a dataset being saved (for tests).
    pub fn finish_saving(&mut self) {
        if let Some(said) = self
            .background
            .exporting
            .saving
            .take()
            .and_then(|job| job.wait())
        {
            self.say(said);
        }
    }

    /// Hands on, as reports, the save dialog's answer, the screenshot writer's,
    /// and what a dataset being saved says when done.
    pub(super) fn poll_exporting(&mut self, ctx: &Context, reports: &mut Vec<Report>) {
        let mut said = |text: String| reports.push(Report::Said(text));
        if let Some(job) = &self.background.exporting.saving {
            match job.poll() {
                JobStatus::Running => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                }
                JobStatus::Done(text) => {
                    said(text);
                    self.background.exporting.saving = None;
                }
                JobStatus::Gone => self.background.exporting.saving = None,
            }
        }
        if let Some(picture) = &self.background.exporting.picture {
            match picture.try_recv() {
                Ok(text) => {
                    said(text);
                    self.background.exporting.picture = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    said("The view could not be captured".to_owned());
                    self.background.exporting.picture = None;
                }
            }
        }
        if let Some(job) = &self.background.exporting.frames_dialog {
            let answer = match job.poll() {
                JobStatus::Running => None,
                JobStatus::Done(answer) => Some(Some(answer)),
                JobStatus::Gone => Some(None),
            };
            if let Some(answer) = answer {
                self.background.exporting.frames_dialog = None;
                reports.push(Report::FramesFolder(answer));
            }
        }
        let Some((kind, job)) = &self.background.exporting.dialog else {
            return;
        };
        let kind = *kind;
        let answer = match job.poll() {
            JobStatus::Running => return,
            JobStatus::Done(answer) => Some(answer),
            JobStatus::Gone => None,
        };
        self.background.exporting.dialog = None;
        reports.push(Report::ExportDialog(kind, answer));
    }

    /// Asks for a folder to write playback frames in.
    pub(super) fn start_frames_dialog(&mut self, ctx: &Context) {
        if self.session.document.is_none() || self.background.exporting.frames_dialog.is_some() {
            return;
        }
        match ask_dialog(ctx, || {
            rfd::FileDialog::new()
                .set_title("Folder for the playback frames")
                .pick_folder()
        }) {
            Ok(job) => self.background.exporting.frames_dialog = Some(job),
            Err(_) => self.answer_frames_dialog(Some(DialogAnswer::NoDialog)),
        }
    }

    /// Writes the frames where the folder dialog says; beside the dataset
    /// (`NAME-frames`) when no dialog could be shown.
    pub(super) fn answer_frames_dialog(&mut self, answer: Option<DialogAnswer>) {
        let folder = match answer {
            Some(DialogAnswer::Chosen(folder)) => folder,
            Some(DialogAnswer::Cancelled) => return self.say("No frames written"),
            Some(DialogAnswer::NoDialog) | None => {
                let stem = self.default_export_path(ExportKind::View);
                stem.with_file_name(format!(
                    "{}-frames",
                    stem.file_stem()
                        .map_or_else(|| "playback".into(), |s| s.to_string_lossy())
                ))
            }
        };
        let request = self.frames_of_window(folder);
        self.record_frames(request, None);
    }

    /// Exports where the save dialog's answer says.
    pub(super) fn answer_export_dialog(
        &mut self,
        kind: ExportKind,
        answer: Option<DialogAnswer>,
        ctx: &Context,
    ) {
        match answer {
            Some(DialogAnswer::Chosen(path)) if kind == ExportKind::View => {
                self.capture_view(&path, ctx);
            }
            Some(DialogAnswer::NoDialog) | None if kind == ExportKind::View => {
                let path = self.default_export_path(kind);
                self.capture_view(&path, ctx);
            }
            Some(DialogAnswer::Chosen(path)) => self.export_to(kind, &path),
            Some(DialogAnswer::Cancelled) => self.say("Nothing exported".to_owned()),
            Some(DialogAnswer::NoDialog) | None => {
                let path = self.default_export_path(kind);
                self.export_to(kind, &path);
            }
        }
    }

    /// Exports to `path` and says what happened in the status bar.
    pub fn export_to(&mut self, kind: ExportKind, path: &Path) {
        let Some(document) = &self.session.document else {
            return;
        };
        let loaded = &document.loaded;
        let dataset = document.path.as_deref();
        let (result, what) = match kind {
            ExportKind::Events | ExportKind::EventsParquet => {
                let query = self.screen.panels.event_list.query();
                let search = Some(query).filter(|q| !q.trim().is_empty());
                let events = export::chosen_events(
                    loaded,
                    self.session.view.filter(),
                    search,
                    self.session.view.span(),
                );
                let what = format::plural(events.len(), "event");
                let result = if kind == ExportKind::Events {
                    export::write_atomically(path, dataset, |w| {
                        export::write_events_csv(loaded, &events, w)
                    })
                } else {
                    export::write_atomically(path, dataset, |w| {
                        export_parquet::write_events_parquet(loaded, &events, w)
                    })
                };
                (result, what)
            }
            ExportKind::FiguresParquet => {
                let what = format::plural(loaded.index.point_count, "figure");
                let result = export::write_atomically(path, dataset, |w| {
                    export_parquet::write_figures_parquet(loaded, w)
                });
                (result, what)
            }
            ExportKind::View => {
                // Pixels come from the window; `capture_view` writes them.
                return;
            }
            ExportKind::Dataset => {
                let loaded = std::sync::Arc::clone(&document.loaded);
                let target = path.to_path_buf();
                let dataset = dataset.map(Path::to_path_buf);
                let job = Job::spawn(
                    "save",
                    || {},
                    move |_| {
                        let written = export::write_atomically(&target, dataset.as_deref(), |w| {
                            crate::data::load::write_ron(&loaded.dataset, w)
                        });
                        Some(match written {
                            Ok(()) => format!(
                                "Saved the dataset ({}) to {}",
                                format::plural(loaded.dataset.events.len(), "event"),
                                target.display()
                            ),
                            Err(err) => format!("Nothing saved to {}: {err}", target.display()),
                        })
                    },
                );
                let said = match job {
                    Ok(job) => {
                        self.background.exporting.saving = Some(job);
                        format!("Saving the dataset to {}…", path.display())
                    }
                    Err(err) => format!("Nothing saved to {}: {err}", path.display()),
                };
                self.say(said);
                return;
            }
            ExportKind::Figures => {
                let what = format::plural(loaded.index.point_count, "figure");
                let result = export::write_atomically(path, dataset, |w| {
                    export::write_series_csv(loaded, w)
                });
                (result, what)
            }
        };
        self.say(match result {
            Ok(()) => format!("Exported {what} to {}", path.display()),
            Err(err) => format!("Nothing exported to {}: {err}", path.display()),
        });
    }

    /// Beside the dataset (or in the working folder for the built-in one), under
    /// a name no file has yet: "is-territory-events.csv", "…-events-2.csv".
    fn default_export_path(&self, kind: ExportKind) -> PathBuf {
        let (folder, stem) = match self
            .session
            .document
            .as_ref()
            .and_then(|d| d.path.as_deref())
        {
            Some(path) => (
                path.parent().map(Path::to_path_buf).unwrap_or_default(),
                path.file_stem().map_or_else(
                    || "dataset".to_owned(),
                    |s| s.to_string_lossy().into_owned(),
                ),
            ),
            None => (PathBuf::from("."), "frontline".to_owned()),
        };
        let (suffix, extension) = (kind.suffix(), kind.extension());
        (1..)
            .map(|n| {
                let name = if n == 1 {
                    format!("{stem}-{suffix}.{extension}")
                } else {
                    format!("{stem}-{suffix}-{n}.{extension}")
                };
                folder.join(name)
            })
            .find(|candidate| !candidate.exists())
            .unwrap_or_else(|| folder.join(format!("{stem}-{suffix}.{extension}")))
    }
}

/// Writes a picture of the window to `path` as PNG, never over `dataset`;
/// returns its width and height.
pub(super) fn write_picture(
    image: &egui::ColorImage,
    path: &Path,
    dataset: Option<&Path>,
) -> Result<[usize; 2], crate::data::io::atomic_write::WriteError> {
    let rgba: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    let [width, height] = image.size;
    let size = (
        u32::try_from(width).unwrap_or(u32::MAX),
        u32::try_from(height).unwrap_or(u32::MAX),
    );
    export::write_png(path, dataset, size, &rgba)?;
    Ok([width, height])
}
