//! The playback controls: Play or Pause, the speed in days per second, and
//! what the window shows while playing. They ask for changes with commands;
//! the playhead itself moves in [`crate::playback`].

use egui::{DragValue, Ui};

use crate::command::{self, Command};
use crate::format;
use crate::playback::{Playback, PlaybackMode, SPEEDS};

/// Draws the controls, right to left from where `ui` is.
pub fn show(ui: &mut Ui, playback: &Playback, commands: &mut Vec<Command>) {
    let mut mode = playback.mode;
    let mut days = match mode {
        PlaybackMode::Window { days } => days,
        PlaybackMode::FromStart => 90.0,
    };
    let window_days = ui.add_enabled(
        matches!(mode, PlaybackMode::Window { .. }),
        DragValue::new(&mut days)
            .range(1.0..=36_500.0)
            .speed(1.0)
            .suffix(" days"),
    );
    if window_days.changed() {
        commands.push(Command::PlaybackMode(PlaybackMode::Window { days }));
    }
    let mode_box = egui::ComboBox::from_id_salt("playback-mode")
        .selected_text(match mode {
            PlaybackMode::Window { .. } => "window of",
            PlaybackMode::FromStart => "from the start",
        })
        .show_ui(ui, |ui| {
            let window = PlaybackMode::Window { days };
            if ui
                .selectable_value(&mut mode, window, "window of")
                .on_hover_text("The last so many days up to the playhead")
                .clicked()
            {
                commands.push(Command::PlaybackMode(window));
            }
            if ui
                .selectable_value(&mut mode, PlaybackMode::FromStart, "from the start")
                .on_hover_text("Everything from the start of the data up to the playhead")
                .clicked()
            {
                commands.push(Command::PlaybackMode(PlaybackMode::FromStart));
            }
        });
    let mode_response = mode_box.response;
    let mut speed = playback.speed;
    let speed_field = ui
        .add(
            DragValue::new(&mut speed)
                .range(SPEEDS)
                .speed(1.0)
                .suffix(" days/s"),
        )
        .on_hover_text("How many days pass per second of playback");
    if speed_field.changed() {
        commands.push(Command::PlaybackSpeed(speed));
    }
    let label = if playback.playing { "Pause" } else { "Play" };
    let mut button = ui.button(label);
    if let Some(spec) = command::spec(&Command::TogglePlayback) {
        button = button.on_hover_text(format!("{} (key: {})", spec.help, spec.keys_text()));
    }
    if button.clicked() {
        commands.push(Command::TogglePlayback);
    }
    if let Some(head) = playback.head.filter(|_| playback.playing) {
        ui.monospace(format::day(head));
    }
    let label = ui.weak("Playback:");
    mode_response.labelled_by(label.id);
}
