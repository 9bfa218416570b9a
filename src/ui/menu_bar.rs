//! The top bar: the File menu, the dataset's title and the visible time range.

use std::path::PathBuf;

use egui::Ui;

use super::shortcuts::{Command, OPEN, QUIT};
use crate::data::PartialDate;
use crate::view::TimeWindow;

/// Draws the bar and returns what the user chose.
pub fn show(
    ui: &mut Ui,
    title: Option<&str>,
    window: TimeWindow,
    recent: &[PathBuf],
    can_reload: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui
                .add(egui::Button::new("Open…").shortcut_text(ui.ctx().format_shortcut(&OPEN)))
                .clicked()
            {
                commands.push(Command::OpenDialog);
            }
            if ui.button("Open path…").clicked() {
                commands.push(Command::OpenPathPrompt);
            }
            ui.menu_button("Open Recent", |ui| {
                if recent.is_empty() {
                    ui.weak("No recent files");
                }
                for path in recent {
                    if ui.button(path.display().to_string()).clicked() {
                        commands.push(Command::OpenFile(path.clone()));
                    }
                }
            });
            if ui
                .add_enabled(can_reload, egui::Button::new("Reload").shortcut_text("F5"))
                .clicked()
            {
                commands.push(Command::Reload);
            }
            ui.separator();
            if ui
                .add(egui::Button::new("Quit").shortcut_text(ui.ctx().format_shortcut(&QUIT)))
                .clicked()
            {
                commands.push(Command::Quit);
            }
        });
        ui.menu_button("View", |ui| {
            if ui
                .add(egui::Button::new("Fit all").shortcut_text("Home"))
                .clicked()
            {
                commands.push(Command::FitAll);
            }
            if ui
                .add(egui::Button::new("Keyboard shortcuts").shortcut_text("?"))
                .clicked()
            {
                commands.push(Command::ToggleHelp);
            }
        });
        ui.separator();
        if let Some(title) = title {
            ui.strong(title);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.monospace(range_text(window));
        });
    });
    commands
}

/// "2014-01-01 to 2019-12-31", the visible range at day precision.
pub fn range_text(window: TimeWindow) -> String {
    let from = PartialDate::from_day_number(window.start.floor() as i32);
    let to = PartialDate::from_day_number(window.end.floor() as i32);
    format!("{from} to {to}")
}
