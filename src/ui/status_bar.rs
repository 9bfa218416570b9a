//! The status bar: events in view, what happened to the last load, load progress.

use egui::Ui;

use crate::data::LoadedDataset;
use crate::view::ViewState;

/// What the status bar shows about loading.
pub struct LoadStatus<'a> {
    /// A background load in progress: file name, bytes read, total bytes.
    pub progress: Option<(&'a str, u64, u64)>,
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
                ui.weak(format!("{} warnings in this file", loaded.warnings.len()));
            }
        }
        if let Some((name, done, total)) = status.progress {
            ui.separator();
            let fraction = if total > 0 {
                done as f32 / total as f32
            } else {
                0.0
            };
            let text = if done < total {
                format!(
                    "Reading {name}: {} of {} MB",
                    done / 1_000_000,
                    total / 1_000_000
                )
            } else {
                format!("Checking {name}…")
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(160.0)
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
