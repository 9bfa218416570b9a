//! The status bar: events in view, what happened to the last load, load progress.

use egui::Ui;

use crate::data::LoadedDataset;
use crate::format;
use crate::view::ViewState;

/// A background load in progress.
pub struct LoadProgress {
    /// The file's name.
    pub name: String,
    /// Bytes of the file read and parsed so far.
    pub done: u64,
    /// The file's size.
    pub total: u64,
}

/// What the status bar shows about loading.
pub struct LoadStatus<'a> {
    /// A background load in progress.
    pub progress: Option<LoadProgress>,
    /// The latest message for the user.
    pub message: &'a str,
}

/// Draws the bar; returns true when the user asked to cancel the load in progress.
pub fn show(
    ui: &mut Ui,
    loaded: Option<&LoadedDataset>,
    view: &ViewState,
    status: &LoadStatus<'_>,
) -> bool {
    let mut cancel = false;
    ui.horizontal(|ui| {
        if let Some(loaded) = loaded {
            let index = &loaded.index;
            let in_view = index.starting_in(view.window.start, view.window.end).len();
            ui.label(format!(
                "{in_view} / {} events in view",
                index.chronological.len()
            ));
            if !loaded.warnings.is_empty() {
                ui.separator();
                ui.weak(format!(
                    "{} in this file",
                    format::plural(loaded.warnings.len(), "warning")
                ));
            }
        }
        if let Some(progress) = &status.progress {
            ui.separator();
            let LoadProgress { name, done, total } = progress;
            let megabytes = |bytes: u64| bytes as f64 / 1e6;
            let fraction = if *total == 0 {
                0.0
            } else {
                (*done as f64 / *total as f64) as f32
            };
            let text = format!(
                "Loading {name}: {:.0} of {:.0} MB",
                megabytes(*done),
                megabytes(*total)
            );
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(420.0)
                    .text(text),
            );
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
        }
        if !status.message.is_empty() {
            ui.separator();
            ui.label(status.message);
        }
    });
    cancel
}
