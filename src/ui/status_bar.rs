//! The status bar: events in view, what happened to the last load, load progress.

use egui::Ui;

use crate::command::Command;
use crate::data::{EventOrder, LoadedDataset};
use crate::format;
use crate::playback::Playback;
use crate::ui::playback_bar;
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
    /// How many invalid records were left out of the dataset on screen.
    pub left_out: usize,
}

/// Draws the bar, with the playback controls at its right end when a dataset
/// is open; pushes onto `commands` what the user asked for.
pub fn show(
    ui: &mut Ui,
    loaded: Option<&LoadedDataset>,
    shown: Option<&EventOrder>,
    view: &ViewState,
    status: &LoadStatus<'_>,
    playback: &Playback,
    commands: &mut Vec<Command>,
) {
    let mut asked = Vec::new();
    egui::Sides::new().shrink_left().truncate().show(
        ui,
        |ui| show_status(ui, loaded, shown, view, status, commands),
        |ui| {
            if loaded.is_some() {
                playback_bar::show(ui, playback, &mut asked);
            }
        },
    );
    commands.append(&mut asked);
}

/// The left of the bar: events in view, problems, load progress, the message.
fn show_status(
    ui: &mut Ui,
    loaded: Option<&LoadedDataset>,
    shown: Option<&EventOrder>,
    view: &ViewState,
    status: &LoadStatus<'_>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        if let (Some(loaded), Some(shown)) = (loaded, shown) {
            let in_view = shown
                .starting_in(view.window().start, view.window().end)
                .len();
            let total = loaded.index.order.len();
            if shown.len() == total {
                ui.label(format!("{in_view} / {total} events in view"));
            } else {
                ui.label(format!(
                    "{} of {total} events shown (filtered), {in_view} in view",
                    shown.len()
                ));
            }
            let mut problems = Vec::new();
            if status.left_out > 0 {
                problems.push(format!(
                    "{} not displayed",
                    format::plural(status.left_out, "invalid record")
                ));
            }
            if !loaded.warnings.is_empty() {
                problems.push(format!(
                    "{} in this file",
                    format::plural(loaded.warnings.len(), "warning")
                ));
            }
            if !problems.is_empty() {
                ui.separator();
                if ui
                    .link(problems.join(", "))
                    .on_hover_text("List them, each with its place in the file")
                    .clicked()
                {
                    commands.push(Command::ShowFileProblems);
                }
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
                commands.push(Command::CancelLoad);
            }
        }
        if !status.message.is_empty() {
            ui.separator();
            ui.label(status.message);
        }
    });
}
